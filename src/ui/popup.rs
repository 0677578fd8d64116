//! Footnote and definition popups: centred over the text, wrapped, scrollable, with key
//! hints taken from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{put_line, styled_line};
use crate::action::Action;
use crate::app::{App, Popup};
use crate::geometry::overlay;
use crate::keymap::Context;

/// The popup's title and text lines at its current width (before scrolling).
fn body(app: &App, theme: &Theme) -> (String, Vec<Line<'static>>) {
    let width = overlay::popup_text_width(app.area);
    match &app.popup {
        Some(Popup::Footnotes { numbers, index, .. }) => {
            let n = numbers[*index];
            let title = if numbers.len() > 1 {
                format!(" Footnote {n} ({} of {}) ", index + 1, numbers.len())
            } else {
                format!(" Footnote {n} ")
            };
            let lines = match overlay::footnote_text(&app.doc, n, width) {
                Some(wrapped) => wrapped
                    .iter()
                    .map(|l| styled_line(l, theme.popup, theme))
                    .collect(),
                // The footnotes of a book come with its last part.
                None if app.loading.is_some() => vec![Line::styled(
                    "(still reading the article: its footnotes come last)",
                    theme.popup,
                )],
                None => vec![Line::styled("(missing footnote)", theme.error)],
            };
            (title, lines)
        }
        Some(Popup::Definitions { stack, .. }) => {
            let glossary = &app.doc.glossary;
            let (entries, selected) = stack.last().cloned().unwrap_or_default();
            let title = if stack.len() > 1 {
                let (parent, sel) = &stack[stack.len() - 2];
                format!(" See also of {} ", glossary.entries[parent[*sel]].term)
            } else {
                " Glossary ".to_owned()
            };
            let mut lines: Vec<Line<'static>> = Vec::new();
            if entries.len() > 1 {
                for (i, &e) in entries.iter().enumerate() {
                    let style = if i == selected {
                        theme.selected
                    } else {
                        theme.popup
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{:>2} ", i + 1), theme.dim),
                        Span::styled(glossary.entries[e].term.clone(), style),
                    ]));
                }
                lines.push(Line::default());
            }
            if let Some(&e) = entries.get(selected) {
                lines.extend(super::side::entry_lines(app, e, width, theme));
            }
            (title, lines)
        }
        Some(Popup::Notice { title, lines, .. }) => (title.clone(), messages(lines, width, theme)),
        Some(Popup::Links { lines, .. }) => {
            let title = if lines.len() > 1 { " Links " } else { " Link " };
            (title.to_owned(), messages(lines, width, theme))
        }
        None => (String::new(), Vec::new()),
    }
}

/// Messages wrapped to `width`, a blank line between them (as `overlay::popup_body_len`
/// counts them).
fn messages(lines: &[String], width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, message) in overlay::notice_text(lines, width).iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        for l in message {
            out.push(styled_line(l, theme.popup, theme));
        }
    }
    out
}

/// Draws the open popup; in screen-reader mode returns where its text starts (for the
/// terminal's cursor, which a screen reader follows).
pub fn draw(buf: &mut Buffer, app: &App, theme: &Theme) -> Option<Position> {
    let rect = overlay::popup_area(app).intersection(buf.area);
    if rect.width < 3 || rect.height < 3 {
        return None;
    }
    let (title, lines) = body(app, theme);
    // The geometry counts the same wrapped lines the popup shows.
    debug_assert_eq!(lines.len(), overlay::popup_body_len(app));
    let scroll = match &app.popup {
        Some(
            Popup::Footnotes { scroll, .. }
            | Popup::Definitions { scroll, .. }
            | Popup::Notice { scroll, .. }
            | Popup::Links { scroll, .. },
        ) => *scroll,
        None => 0,
    };
    // In the text pane, the column each side of the popup is blanked too (its border rows
    // drawn as border): else the end of a word beside the popup shows as a stray letter.
    let pane = app.panes().text.intersection(buf.area);
    let edge = if theme.plain { " " } else { "─" };
    for x in [rect.x.checked_sub(1), Some(rect.right())]
        .into_iter()
        .flatten()
    {
        if x <= pane.x || x + 1 >= pane.right() {
            continue;
        }
        for y in rect.y..rect.bottom().min(pane.bottom()) {
            let cell = &mut buf[(x, y)];
            cell.reset();
            if y == pane.y || y + 1 == pane.bottom() {
                cell.set_symbol(edge).set_style(theme.border);
            }
        }
    }
    let inner = super::overlay(buf, rect, title, theme);
    let text = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(1),
    );
    let rows = usize::from(text.height);
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    for (row, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        put_line(buf, text, row as u16, line);
    }
    let more = if lines.len() > scroll + rows {
        "↓ more · "
    } else {
        ""
    };
    let hint_items: &[(Action, &str)] = match app.popup {
        Some(Popup::Footnotes { ref numbers, .. }) if numbers.len() > 1 => &[
            (Action::SelectNext, "next"),
            (Action::SelectPrev, "previous"),
            (Action::Cancel, "close"),
        ],
        Some(Popup::Definitions { ref stack, .. }) => {
            if stack.len() > 1 {
                &[
                    (Action::SelectNext, "next"),
                    (Action::Open, "see also"),
                    (Action::Back, "back"),
                    (Action::Cancel, "close"),
                ]
            } else {
                &[
                    (Action::SelectNext, "next"),
                    (Action::Open, "see also"),
                    (Action::Cancel, "close"),
                ]
            }
        }
        _ => &[(Action::Cancel, "close")],
    };
    let mut hint = super::hints(app, Context::Popup, hint_items, theme);
    if !more.is_empty() {
        hint.spans.insert(0, Span::styled(more, theme.dim));
    }
    put_line(
        buf,
        Rect::new(
            inner.x + 1,
            inner.y + inner.height.saturating_sub(1),
            text.width,
            1,
        ),
        0,
        &hint,
    );
    (theme.plain && text.height > 0).then(|| Position::new(text.x, text.y))
}
