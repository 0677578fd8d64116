//! The highlights view: each highlight's place and colour, its quote, its note.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

use super::View;
use crate::action::Action;
use crate::app::{App, SideView};
use crate::geometry::lists::{NOTE_ROWS, list_offset};
use crate::keymap::Context;
use crate::ui::put_line;
use crate::ui::theme::Theme;

/// Draws the highlights list.
pub(super) fn draw(buf: &mut Buffer, app: &App, view: &View, theme: &Theme) {
    let (inner, list, focused) = (view.inner, view.list, view.focused);
    let l = &app.side[SideView::Highlights];
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
    let rows = app.filtered_highlights();
    if rows.is_empty() {
        let hint = super::empty_line(
            app,
            !app.notes.highlights().is_empty(),
            "No highlights yet",
            &[
                (Context::Text, Action::SelectText, "selects"),
                (Context::Selection, Action::Highlight(1), "highlights"),
            ],
            theme,
        );
        super::put_wrapped(buf, list, hint);
        return;
    }
    let per_screen = usize::from(list.height / NOTE_ROWS).max(1);
    let selected = l.selected.min(rows.len() - 1);
    let offset = list_offset(selected, rows.len(), per_screen);
    for (row, &i) in rows.iter().skip(offset).take(per_screen).enumerate() {
        let e = &app.notes.highlights()[i];
        let h = &e.highlight;
        let y = row as u16 * NOTE_ROWS;
        let place = match &e.at {
            Some(s) => super::paragraph_place(app, s.paragraph),
            None => "detached".to_owned(),
        };
        let colour = usize::from(h.colour.clamp(1, 4)) - 1;
        let head = Line::from(vec![
            Span::styled(format!("{place} "), theme.key),
            Span::styled(format!("[{}]", h.colour), theme.highlights[colour]),
            Span::styled(
                format!(" “{}”", crate::sanitize::clean_line(&h.quote)),
                theme.text,
            ),
        ]);
        let first_line = h.note.lines().next().unwrap_or("");
        let body = if first_line.is_empty() {
            Line::styled("  (no note)", theme.dim)
        } else {
            Line::from(vec![
                Span::styled(if theme.plain { "N " } else { "✎ " }, theme.note),
                Span::styled(
                    crate::sanitize::clean_line(first_line).into_owned(),
                    theme.text,
                ),
            ])
        };
        if offset + row == selected && focused {
            crate::ui::select_rows(buf, list, y, NOTE_ROWS, theme);
        }
        put_line(buf, list, y, &head);
        put_line(buf, list, y + 1, &body);
    }
}
