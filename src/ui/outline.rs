//! The outline pane: sections numbered and indented by level, the current one marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{pane_block, put_line, render_block};
use crate::action::Pane;
use crate::app::App;
use crate::geometry::lists::outline_offset;

/// Draws the outline.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let focused = super::focused(app, Pane::Outline);
    let inner = render_block(pane_block(" Outline ", focused, theme), area, buf);
    let current = app.current_section();
    let sections = &app.doc.sections;
    let height = usize::from(inner.height);
    let offset = outline_offset(app, height, focused);
    for (row, (i, s)) in sections
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let indent = "  ".repeat(usize::from(s.level.saturating_sub(1)));
        let mark = match (i == current, theme.plain) {
            (false, _) => "  ",
            (true, false) => "▸ ",
            (true, true) => "> ",
        };
        let number = match s.shown_number() {
            "" => String::new(),
            n => format!("{n} "),
        };
        let title = crate::sanitize::clean_line(&s.title()).into_owned();
        let mut style = if i == current {
            theme.outline_current
        } else {
            theme.text
        };
        if focused && i == app.outline_selected {
            style = style.patch(theme.selected);
        }
        let suffix = progress(app, i);
        let room = usize::from(inner.width).saturating_sub(2 + suffix.chars().count());
        let label = crate::layout::cells::ellipsize(&format!("{indent}{number}{title}"), room);
        let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let line = Line::from(vec![
            Span::styled(mark, theme.outline_current),
            Span::styled(label, style),
            Span::styled(format!("{}{suffix}", " ".repeat(pad)), theme.dim),
        ]);
        put_line(buf, inner, row as u16, &line);
    }
}

/// " 40% ✎2": how much of section `s` has been read (nothing before the first paragraph is
/// read, `✓` when all are), and how many notes it holds.
fn progress(app: &App, s: usize) -> String {
    let range = app.doc.sections[s].paragraphs.clone();
    if range.is_empty() {
        return String::new();
    }
    let read = app.read[range.clone()].iter().filter(|r| **r).count();
    let notes = range
        .clone()
        .filter(|p| app.notes.note_for(*p).is_some())
        .count();
    let mut out = if read == range.len() {
        " ✓".to_owned()
    } else if read == 0 {
        String::new()
    } else {
        format!(" {}%", read * 100 / range.len())
    };
    if notes > 0 {
        out.push_str(&format!(" ✎{notes}"));
    }
    out
}
