//! The text pane: only the lines on screen are laid out and drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{geometry, pane_block, render_block, segment_style};
use crate::action::Pane;
use crate::app::App;
use crate::layout::FlowItem;
use crate::model::BlockKind;

/// The base style of a block.
fn base_style(app: &App, item: FlowItem, theme: &Theme) -> Style {
    match item {
        FlowItem::Title => theme.title,
        FlowItem::Authors => theme.text.add_modifier(Modifier::BOLD),
        FlowItem::AuthorNote => theme.dim.add_modifier(Modifier::ITALIC),
        FlowItem::Heading(_) => theme.heading,
        FlowItem::Paragraph(p) => match app.doc.paragraphs[p].kind {
            BlockKind::Code => theme.code,
            _ => theme.text,
        },
    }
}

/// Draws the text pane.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let section = app
        .doc
        .sections
        .get(app.current_section())
        .map(|s| {
            let t = s.title();
            if s.number.is_empty() {
                t
            } else {
                format!("{} {t}", s.number)
            }
        })
        .unwrap_or_default();
    let title = format!(" {} ", crate::sanitize::clean_line(&section));
    let focused = app.focus == Pane::Text && app.popup.is_none() && app.help.is_none();
    render_block(pane_block(title, focused, theme), area, buf);
    let view = geometry::text_view(area, app.settings.measure);
    let inner_bottom = area.y + area.height.saturating_sub(1);
    let layout = app.layout();
    let cursor_item = app.flow.paragraph_item.get(app.reader.cursor).copied();
    let column = Rect::new(view.x, view.y, view.width, 1);
    for (row, anchor) in layout
        .visible(app.reader.top, view.rows)
        .into_iter()
        .enumerate()
    {
        let y = view.y + row as u16;
        if y >= inner_bottom || area.width < 3 {
            break;
        }
        let Some(item) = app.flow.items.get(anchor.item).copied() else {
            continue;
        };
        let block = layout.block(anchor.item);
        let current = Some(anchor.item) == cursor_item;
        let mut base = base_style(app, item, theme);
        if current && anchor.line < block.lines.len() {
            base = base.patch(theme.current);
            buf.set_style(Rect::new(view.x, y, view.width, 1), theme.current);
            buf.set_stringn(view.margin_x, y, "▌", 1, theme.current_bar);
        }
        if let FlowItem::Paragraph(p) = item {
            margin_marks(buf, app, p, anchor.line, view.margin_x + 1, y, theme);
        }
        if let Some(line) = block.lines.get(anchor.line) {
            let spans: Vec<Span> = line
                .segments
                .iter()
                .map(|seg| Span::styled(seg.text.as_str(), segment_style(&seg.kind, base, theme)))
                .collect();
            buf.set_line(column.x, y, &Line::from(spans), view.width);
        }
    }
}

/// The note marker on a paragraph's first line, its bookmark letters on the next (or on the
/// first when it has no note).
fn margin_marks(buf: &mut Buffer, app: &App, p: usize, line: usize, x: u16, y: u16, theme: &Theme) {
    let has_note = app.notes.note_for(p).is_some();
    if line == 0 && has_note {
        buf.set_stringn(x, y, "✎", 1, theme.note);
        return;
    }
    let letters_line = usize::from(has_note);
    if line == letters_line {
        let letters = app.state.letters_at(&app.doc, p);
        if let Some(c) = letters.chars().next() {
            // The letter comes from the state file as written.
            let shown = crate::sanitize::clean_line(c.encode_utf8(&mut [0; 4])).into_owned();
            buf.set_stringn(x, y, shown, 1, theme.key);
        }
    }
}
