//! The side pane: its tabs and frame, then the current view, drawn by its own file.

mod bookmarks;
mod footnotes;
mod glossary;
mod highlights;
mod notes;
mod results;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{pane_block, render_block};
use crate::action::{Action, Pane};
use crate::app::{App, SideView};
use crate::geometry::lists::side_list_rows as list_rows;
use crate::keymap::Context;

pub use glossary::entry_lines;

/// Where a view draws, and whether the pane has the focus.
struct View {
    /// Inside the border: the filter line at the top.
    inner: Rect,
    /// The rows of the item list.
    list: Rect,
    /// The side pane has the focus (the selection is shown).
    focused: bool,
}

/// The tabs of the side pane's title, the current view stressed; only the current one
/// (between arrows) when they do not fit.
fn tabs(app: &App, width: u16, theme: &Theme) -> Line<'static> {
    let label = |view: SideView| {
        let count = match view {
            SideView::Glossary | SideView::Footnotes => String::new(),
            SideView::Notes => format!(" {}", app.notes.entries().len()),
            SideView::Highlights => format!(" {}", app.notes.highlights().len()),
            SideView::Bookmarks => format!(" {}", app.state.file.bookmarks.len()),
            SideView::Results => app
                .search
                .as_ref()
                .map_or(String::new(), |s| format!(" {}", s.results.hits.len())),
        };
        format!("{}{count}", view.name())
    };
    let all: usize = SideView::ALL
        .iter()
        .map(|v| label(*v).chars().count() + 3)
        .sum();
    if all + 2 > usize::from(width) {
        return Line::from(vec![
            Span::styled(" ◂ ", theme.dim),
            Span::styled(label(app.side.view), theme.tab_active),
            Span::styled(" ▸ ", theme.dim),
        ]);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, view) in SideView::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        let style = if *view == app.side.view {
            theme.tab_active
        } else {
            theme.dim
        };
        spans.push(Span::styled(label(*view), style));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

/// The filter line of the current list: the input while typing, the filter, or key hints.
fn filter_line(app: &App, hints: &[(Action, &str)], theme: &Theme) -> Line<'static> {
    let list = app.side.current();
    let list_filter = list.filter.as_str();
    if list.filtering {
        Line::from(vec![
            Span::styled("/", theme.key),
            Span::styled(
                crate::sanitize::clean_line(list_filter).into_owned(),
                theme.text,
            ),
            Span::styled(if theme.plain { "" } else { "▏" }, theme.key),
        ])
    } else if !list_filter.is_empty() {
        Line::from(vec![
            Span::styled("filter: ", theme.dim),
            Span::styled(
                crate::sanitize::clean_line(list_filter).into_owned(),
                theme.text,
            ),
        ])
    } else {
        crate::ui::hints(app, Context::Side, hints, theme)
    }
}

/// Draws the side pane.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let focused = super::focused(app, Pane::Side);
    let block = pane_block(tabs(app, area.width, theme), focused, theme);
    let inner = render_block(block, area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let view = View {
        inner,
        list: list_rows(app, area),
        focused,
    };
    match app.side.view {
        SideView::Glossary => glossary::draw(buf, app, &view, theme),
        SideView::Notes => notes::draw(buf, app, &view, theme),
        SideView::Highlights => highlights::draw(buf, app, &view, theme),
        SideView::Bookmarks => bookmarks::draw(buf, app, &view, theme),
        SideView::Results => results::draw(buf, app, &view, theme),
        SideView::Footnotes => footnotes::draw(buf, app, &view, theme),
    }
}

/// Text around a match: a few words before, the match, the rest of the line.
pub fn context(
    text: &str,
    range: &std::ops::Range<usize>,
    before: usize,
) -> (String, String, String) {
    let start = floor(text, range.start.saturating_sub(before));
    let start = text[start..range.start]
        .find(' ')
        .filter(|_| start > 0)
        .map_or(start, |i| start + i + 1);
    let end = floor(text, (range.end + 120).min(text.len()));
    let clean = |s: &str| crate::sanitize::clean_line(s).into_owned();
    let lead = if start > 0 { "…" } else { "" };
    (
        format!("{lead}{}", clean(&text[start..range.start])),
        clean(&text[range.clone()]),
        clean(&text[range.end..end]),
    )
}

/// "2.1 ¶3" for paragraph `p` ("¶3" in the introduction): see `Document::place_label`.
pub fn paragraph_place(app: &App, p: usize) -> String {
    app.doc.place_label(p)
}

/// The largest char boundary of `s` at or before byte `i`.
pub(super) fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Draws `line` in `area`, wrapped at spaces to its width (what an empty list says).
pub(super) fn put_wrapped(buf: &mut Buffer, area: Rect, line: Line<'static>) {
    use ratatui::widgets::{Paragraph, Widget, Wrap};
    Paragraph::new(line)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The line a list shows when there is nothing in it: `no_match` when a filter hides
/// everything, else `lead` (why it is empty) and the keys that would fill it, as the
/// keymap binds them (`how`: the context, the action, what it does).
pub(super) fn empty_line(
    app: &App,
    filtered: bool,
    lead: &str,
    how: &[(Context, Action, &str)],
    theme: &Theme,
) -> Line<'static> {
    if filtered {
        return Line::styled("(no match)", theme.dim);
    }
    let mut spans = vec![Span::styled(lead.to_owned(), theme.dim)];
    for (i, (keys, what)) in app.keys_to_name(how).into_iter().enumerate() {
        spans.push(Span::styled(if i == 0 { ": " } else { ", " }, theme.dim));
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.dim));
    }
    Line::from(spans)
}
