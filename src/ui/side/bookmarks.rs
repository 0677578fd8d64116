//! The bookmarks view: each bookmark's letter and paragraph.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

use super::View;
use crate::action::Action;
use crate::app::{App, SideView};
use crate::geometry::lists::list_offset;
use crate::keymap::Context;
use crate::ui::put_line;
use crate::ui::theme::Theme;

/// Draws the bookmarks list.
pub(super) fn draw(buf: &mut Buffer, app: &App, view: &View, theme: &Theme) {
    let (inner, list, focused) = (view.inner, view.list, view.focused);
    let l = &app.side[SideView::Bookmarks];
    put_line(
        buf,
        inner,
        0,
        &super::filter_line(
            app,
            &[(Action::Open, "go"), (Action::DeleteItem, "delete")],
            theme,
        ),
    );
    let rows = app.filtered_bookmarks();
    if rows.is_empty() {
        let hint = super::empty_line(
            app,
            !app.state.file.bookmarks.is_empty(),
            "No bookmarks yet",
            &[(Context::Text, Action::SetBookmark, "and a letter sets one")],
            theme,
        );
        super::put_wrapped(buf, list, hint);
        return;
    }
    let selected = l.selected.min(rows.len() - 1);
    let offset = list_offset(selected, rows.len(), usize::from(list.height));
    for (row, (c, p)) in rows
        .iter()
        .skip(offset)
        .take(usize::from(list.height))
        .enumerate()
    {
        let text = match p {
            Some(p) => crate::notes::anchor::quote(&app.doc.paragraphs[*p].plain_text()),
            None => "(paragraph no longer in the article)".to_owned(),
        };
        let y = row as u16;
        if offset + row == selected && focused {
            crate::ui::select_rows(buf, list, y, 1, theme);
        }
        put_line(
            buf,
            list,
            y,
            &Line::from(vec![
                // The letter comes from the state file as written.
                Span::styled(
                    format!("{} ", crate::sanitize::clean_line(&c.to_string())),
                    theme.key,
                ),
                Span::styled(crate::sanitize::clean_line(&text).into_owned(), theme.text),
            ]),
        );
    }
}
