//! The notes view: each note's place, quote and first line.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

use super::View;
use crate::action::Action;
use crate::app::{App, SideView};
use crate::geometry::lists::{NOTE_ROWS, list_offset};
use crate::keymap::Context;
use crate::ui::put_line;
use crate::ui::theme::Theme;

/// Draws the notes list.
pub(super) fn draw(buf: &mut Buffer, app: &App, view: &View, theme: &Theme) {
    let (inner, list, focused) = (view.inner, view.list, view.focused);
    let l = &app.side[SideView::Notes];
    put_line(
        buf,
        inner,
        0,
        &super::filter_line(
            app,
            &[
                (Action::Open, "go"),
                (Action::DeleteItem, "delete"),
                (Action::Filter, "filter"),
            ],
            theme,
        ),
    );
    let rows = app.filtered_notes();
    if rows.is_empty() {
        let hint = super::empty_line(
            app,
            !app.notes.entries().is_empty(),
            "No notes yet",
            &[(Context::Text, Action::EditNote, "writes one")],
            theme,
        );
        super::put_wrapped(buf, list, hint);
        return;
    }
    let per_screen = usize::from(list.height / NOTE_ROWS).max(1);
    let selected = l.selected.min(rows.len() - 1);
    let offset = list_offset(selected, rows.len(), per_screen);
    let now = crate::notes::now();
    for (row, &i) in rows.iter().skip(offset).take(per_screen).enumerate() {
        let e = &app.notes.entries()[i];
        let y = row as u16 * NOTE_ROWS;
        let place = match e.attached {
            Some(p) => {
                let para = &app.doc.paragraphs[p];
                let s = &app.doc.sections[para.section];
                let nth = p - s.paragraphs.start + 1;
                if s.number.is_empty() {
                    format!("¶{nth}")
                } else {
                    format!("{} ¶{nth}", s.number)
                }
            }
            None => "detached".to_owned(),
        };
        let age = format!("  {}", crate::notes::export::age(e.note.modified, now));
        let first_line = crate::sanitize::clean_line(e.note.text.lines().next().unwrap_or(""));
        // The note's line gives way to its age, which is never cut to a letter or two.
        let room = usize::from(list.width).saturating_sub(2);
        let age_w = crate::layout::cells::width(&age);
        let (first_line, age) = if age_w + 8 <= room {
            (
                crate::layout::cells::ellipsize(&first_line, room - age_w),
                age,
            )
        } else {
            (
                crate::layout::cells::ellipsize(&first_line, room),
                String::new(),
            )
        };
        let head = Line::from(vec![
            Span::styled(format!("{place} "), theme.key),
            Span::styled(
                crate::sanitize::clean_line(&e.note.quote).into_owned(),
                theme.dim,
            ),
        ]);
        let body = Line::from(vec![
            Span::styled(if theme.plain { "N " } else { "✎ " }, theme.note),
            Span::styled(first_line, theme.text),
            Span::styled(age, theme.dim),
        ]);
        if offset + row == selected && focused {
            crate::ui::select_rows(buf, list, y, NOTE_ROWS, theme);
        }
        put_line(buf, list, y, &head);
        put_line(buf, list, y + 1, &body);
    }
}
