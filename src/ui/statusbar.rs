//! The status bar: title, section, keys of a pending binding, messages, position.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
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

/// Draws the status bar.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    buf.set_style(area, theme.status);
    let mut right = String::new();
    if !app.pending.is_empty() {
        right.push_str(&format!("{} ", seq_to_string(&app.pending)));
    }
    if let Some(a) = app.awaiting {
        right.push_str(&format!("{} ", a.prompt()));
    }
    if let Some(s) = &app.search
        && let Some(i) = s.current
    {
        right.push_str(&format!("match {}/{} · ", i + 1, s.results.text.len()));
    }
    right.push_str(&format!(
        "read {}% · {:>3}% ",
        app.read_percent(),
        percent(app)
    ));
    let right_w = crate::layout::cells::width(&right) as u16;
    let left_w = area.width.saturating_sub(right_w + 1);
    let left = if let Some(p) = &app.prompt {
        Line::from(vec![
            Span::styled("/", theme.status.patch(theme.key)),
            Span::styled(
                crate::sanitize::clean_line(&p.text).into_owned(),
                theme.status,
            ),
            Span::styled("▏", theme.status.patch(theme.key)),
        ])
    } else {
        match &app.message {
            Some(m) => Line::from(Span::styled(
                format!(" {}", crate::sanitize::clean_line(&m.text)),
                if m.error {
                    theme.status.patch(theme.error)
                } else {
                    theme.status
                },
            )),
            None => {
                let section = app
                    .doc
                    .sections
                    .get(app.current_section())
                    .map(|s| s.title())
                    .unwrap_or_default();
                Line::from(vec![
                    Span::styled(
                        format!(" {}", crate::sanitize::clean_line(&app.doc.title())),
                        theme.status.patch(theme.title),
                    ),
                    Span::styled(
                        format!(" › {}", crate::sanitize::clean_line(&section)),
                        theme.status,
                    ),
                ])
            }
        }
    };
    buf.set_line(area.x, area.y, &left, left_w);
    if right_w <= area.width {
        buf.set_stringn(
            area.x + area.width - right_w,
            area.y,
            &right,
            usize::from(right_w),
            theme.status,
        );
    }
}
