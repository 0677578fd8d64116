//! The footnotes view: each footnote's number and the start of its text.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

use super::View;
use crate::action::Action;
use crate::app::side::footnotes::footnote_text;
use crate::app::{App, SideView};
use crate::geometry::lists::list_offset;
use crate::ui::put_line;
use crate::ui::theme::Theme;

/// Draws the footnotes list.
pub(super) fn draw(buf: &mut Buffer, app: &App, view: &View, theme: &Theme) {
    let (inner, list, focused) = (view.inner, view.list, view.focused);
    put_line(
        buf,
        inner,
        0,
        &super::filter_line(app, &[(Action::Open, "open at its reference")], theme),
    );
    let rows = app.filtered_footnotes();
    if rows.is_empty() {
        let hint = if app.doc.footnotes.is_empty() {
            "This article has no footnotes"
        } else {
            "(no match)"
        };
        put_line(buf, list, 0, &Line::styled(hint, theme.dim));
        return;
    }
    let selected = app.side[SideView::Footnotes].selected.min(rows.len() - 1);
    let offset = list_offset(selected, rows.len(), usize::from(list.height));
    for (row, &i) in rows
        .iter()
        .skip(offset)
        .take(usize::from(list.height))
        .enumerate()
    {
        let f = &app.doc.footnotes[i];
        let y = row as u16;
        if offset + row == selected && focused {
            crate::ui::select_rows(buf, list, y, 1, theme);
        }
        put_line(
            buf,
            list,
            y,
            &Line::from(vec![
                Span::styled(format!("{:>2} ", f.number), theme.key),
                Span::styled(
                    crate::sanitize::clean_line(&footnote_text(f)).into_owned(),
                    theme.text,
                ),
            ]),
        );
    }
}
