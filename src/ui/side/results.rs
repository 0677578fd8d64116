//! The results view: the places the last search found, with their context.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

use super::View;
use crate::action::Action;
use crate::app::{App, SideView};
use crate::geometry::lists::{NOTE_ROWS, list_offset};
use crate::keymap::Context;
use crate::ui::put_line;
use crate::ui::theme::Theme;

/// Draws the results list.
pub(super) fn draw(buf: &mut Buffer, app: &App, view: &View, theme: &Theme) {
    let (inner, list, focused) = (view.inner, view.list, view.focused);
    let Some(state) = &app.search else {
        let hint = super::empty_line(
            app,
            false,
            "No search yet",
            &[(Context::Global, Action::Search, "searches")],
            theme,
        );
        super::put_wrapped(buf, inner, hint);
        return;
    };
    let hits = &state.results.hits;
    let head = format!(
        "“{}”: {} in the text, {} {} in all",
        crate::sanitize::clean_line(&state.query.text),
        state.results.text.len(),
        hits.len(),
        if hits.len() == 1 { "place" } else { "places" }
    );
    put_line(buf, inner, 0, &Line::styled(head, theme.dim));
    if hits.is_empty() {
        put_line(buf, list, 0, &Line::styled("Nothing found", theme.dim));
        return;
    }
    let per_screen = usize::from(list.height / NOTE_ROWS).max(1);
    let selected = app.side[SideView::Results].selected.min(hits.len() - 1);
    let offset = list_offset(selected, hits.len(), per_screen);
    for (row, hit) in hits.iter().skip(offset).take(per_screen).enumerate() {
        let y = row as u16 * NOTE_ROWS;
        let place = match &hit.place {
            crate::search::HitPlace::Text(p) => super::paragraph_place(app, *p),
            crate::search::HitPlace::Footnote(n) => format!("Footnote {n}"),
            crate::search::HitPlace::Glossary(e) => {
                format!("Glossary: {}", app.doc.glossary.entries[*e].term)
            }
            crate::search::HitPlace::Note(Some(p), _) => {
                format!("Note on {}", super::paragraph_place(app, *p))
            }
            crate::search::HitPlace::Note(None, _) => "Note (detached)".to_owned(),
        };
        let (before, hit_text, after) = super::context(&hit.text, &hit.range, 16);
        if offset + row == selected && focused {
            crate::ui::select_rows(buf, list, y, NOTE_ROWS, theme);
        }
        put_line(buf, list, y, &Line::styled(place, theme.key));
        put_line(
            buf,
            list,
            y + 1,
            &Line::from(vec![
                Span::styled(before, theme.text),
                Span::styled(hit_text, theme.search_current),
                Span::styled(after, theme.text),
            ]),
        );
    }
}
