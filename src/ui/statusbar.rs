//! The status bar: place by number, title, section, keys of a pending binding, messages,
//! position.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::App;
use crate::keymap::key::seq_to_string;

/// The position shown: how far the bottom of the view is through the text, in percent.
pub fn percent(app: &App) -> u8 {
    let view = app.text_view();
    let layout = app.layout();
    match layout.visible(app.reader.top, view.rows).last() {
        Some(a) => {
            let lines = layout.block(a.item).lines.len();
            app.flow.percent(a.item, (a.line + 1).min(lines), lines)
        }
        None => 0,
    }
}

/// Draws the status bar. What the user is typing or must answer (the search prompt, a key
/// waiting for a letter, a message) comes first; the position and progress on the right
/// give way when both do not fit. Returns where typing goes in the search prompt.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Option<Position> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    buf.set_style(area, theme.status);
    let mut right = String::new();
    if let Some(n) = app.count {
        // A lone 1-3 waits for the next key: a move repeated, or a key of the pane it
        // focuses. Say so, or pressing `3` to reach the side pane seems to do nothing.
        let pane = match app.count_focuses() {
            Some(crate::action::Pane::Outline) => " (a move, or a key for the outline)",
            Some(crate::action::Pane::Text) => " (a move, or a key for the text)",
            Some(crate::action::Pane::Side) => " (a move, or a key for the side pane)",
            None => "",
        };
        right.push_str(&format!("{n}{pane} "));
    }
    if !app.pending.is_empty() {
        right.push_str(&format!("{} ", seq_to_string(&app.pending)));
    }
    if let Some(s) = &app.search
        && let Some(i) = s.current
    {
        right.push_str(&format!("match {}/{} · ", i + 1, s.results.text.len()));
    }
    match &app.loading {
        // The position in part of the article would pretend: how far the reading is.
        Some(l) if l.progress.is_empty() => right.push_str("reading… "),
        Some(l) => right.push_str(&format!(
            "reading {} ",
            crate::sanitize::clean_line(&l.progress)
        )),
        None => right.push_str(&format!(
            "read {}% · {:>3}% ",
            app.read_percent(),
            percent(app)
        )),
    }
    let clean = |t: &str| crate::sanitize::clean_line(t).into_owned();
    let mut typing_at = None;
    let (left, urgent) = if let Some(p) = app.prompt() {
        let typed = clean(&p.text);
        typing_at = Some(1 + crate::layout::cells::width(&typed) as u16);
        let mut spans = vec![
            Span::styled("/", theme.status.patch(theme.key)),
            Span::styled(typed, theme.status),
        ];
        if !theme.plain {
            spans.push(Span::styled("▏", theme.status.patch(theme.key)));
        }
        (Line::from(spans), true)
    } else if let Some(c) = app.command() {
        let typed = clean(&c.text);
        let prompt = if c.term { "Your glossary term: " } else { ":" };
        typing_at = Some((prompt.len() + crate::layout::cells::width(&typed)) as u16);
        let mut spans = vec![
            Span::styled(prompt, theme.status.patch(theme.key)),
            Span::styled(typed, theme.status),
        ];
        if !theme.plain {
            spans.push(Span::styled("▏", theme.status.patch(theme.key)));
        }
        (Line::from(spans), true)
    } else if let Some(a) = app.awaiting() {
        (
            Line::styled(format!(" {}", a.prompt()), theme.status.patch(theme.key)),
            true,
        )
    } else if let Some(m) = &app.message {
        let style = if m.error {
            theme.status.patch(theme.error)
        } else {
            theme.status
        };
        (Line::styled(format!(" {}", clean(&m.text)), style), m.error)
    } else {
        let section = app
            .doc
            .sections
            .get(app.current_section())
            .map(|s| s.title())
            .unwrap_or_default();
        // Where the reader is by number comes first, so a narrow bar cuts the title, not it.
        let place = app.doc.place_label(app.reader.cursor);
        let line = Line::from(vec![
            Span::styled(format!(" {place} "), theme.status.patch(theme.key)),
            Span::styled(
                format!("· {}", clean(&app.doc.title())),
                theme.status.patch(theme.title),
            ),
            Span::styled(format!(" › {}", clean(&section)), theme.status),
        ]);
        (line, false)
    };
    let right_w = crate::layout::cells::width(&right) as u16;
    let left_needed = crate::layout::cells::width(&left.to_string()) as u16;
    let show_right = if urgent {
        left_needed + 1 + right_w <= area.width
    } else {
        right_w < area.width
    };
    let left_w = if show_right {
        area.width.saturating_sub(right_w + 1)
    } else {
        area.width
    };
    buf.set_line(area.x, area.y, &left, left_w);
    if show_right {
        buf.set_stringn(
            area.x + area.width - right_w,
            area.y,
            &right,
            usize::from(right_w),
            theme.status,
        );
    }
    typing_at.map(|x| Position::new(area.x + x.min(left_w.saturating_sub(1)), area.y))
}
