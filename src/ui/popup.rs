//! Footnote and definition popups: centred over the text, wrapped, scrollable, with key
//! hints taken from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{put_line, styled_line};
use crate::action::Action;
use crate::app::{App, Popup};
use crate::keymap::Context;
use crate::layout::wrap::{MarkerStyle, WrapSpec, wrap};

/// The widest a popup gets.
const MAX_WIDTH: u16 = 76;

fn outer_width(app: &App) -> u16 {
    app.area
        .width
        .saturating_sub(4)
        .clamp(app.area.width.min(20), MAX_WIDTH)
}

/// The popup's body lines at its current width (before scrolling).
fn body(app: &App, theme: &Theme) -> (String, Vec<Line<'static>>) {
    let width = outer_width(app).saturating_sub(4).max(1);
    let spec = WrapSpec {
        width: usize::from(width),
        first_prefix: String::new(),
        rest_prefix: String::new(),
        preformatted: false,
        markers: MarkerStyle::Brackets,
    };
    match &app.popup {
        Some(Popup::Footnotes { numbers, index, .. }) => {
            let n = numbers[*index];
            let title = if numbers.len() > 1 {
                format!(" Footnote {n} ({} of {}) ", index + 1, numbers.len())
            } else {
                format!(" Footnote {n} ")
            };
            let lines = match app.doc.footnote(n) {
                Some(f) => wrap(&f.inlines, &[], &spec)
                    .iter()
                    .map(|l| styled_line(l, theme.popup, theme))
                    .collect(),
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
        Some(Popup::Notice { lines, .. }) => {
            let mut out: Vec<Line<'static>> = Vec::new();
            for (i, message) in lines.iter().enumerate() {
                if i > 0 {
                    out.push(Line::default());
                }
                let text = vec![crate::model::Inline::Text {
                    text: crate::sanitize::clean_line(message).into_owned(),
                    style: Default::default(),
                }];
                for l in wrap(&text, &[], &spec) {
                    out.push(styled_line(&l, theme.popup, theme));
                }
            }
            (" At the start ".to_owned(), out)
        }
        None => (String::new(), Vec::new()),
    }
}

/// The popup's rectangle.
pub fn area(app: &App) -> Rect {
    let theme = Theme::new(app.settings.theme, true);
    let (_, lines) = body(app, &theme);
    let screen = app.area;
    let width = outer_width(app).min(screen.width);
    // Borders, body, hint line; never over the status bar.
    let max_h = screen.height.saturating_sub(1).max(1);
    let height = (lines.len() as u16).saturating_add(3).min(max_h);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (max_h - height) / 2,
        width,
        height,
    )
}

/// Rows available to the body.
pub fn body_rows(app: &App) -> usize {
    usize::from(area(app).height.saturating_sub(3)).max(1)
}

/// How far the body can scroll.
pub fn max_scroll(app: &App) -> usize {
    let theme = Theme::new(app.settings.theme, true);
    body(app, &theme).1.len().saturating_sub(body_rows(app))
}

/// Draws the open popup.
pub fn draw(buf: &mut Buffer, app: &App, theme: &Theme) {
    let rect = area(app).intersection(buf.area);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let (title, lines) = body(app, theme);
    let scroll = match &app.popup {
        Some(
            Popup::Footnotes { scroll, .. }
            | Popup::Definitions { scroll, .. }
            | Popup::Notice { scroll, .. },
        ) => *scroll,
        None => 0,
    };
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
}
