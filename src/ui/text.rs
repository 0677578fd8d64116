//! The text pane: only the lines on screen are laid out and drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{pane_block, render_block, segment_style};
use crate::action::Pane;
use crate::app::App;
use crate::geometry;
use crate::layout::FlowItem;
use crate::model::BlockKind;

/// The base style of a block.
fn base_style(app: &App, item: FlowItem, theme: &Theme) -> Style {
    match item {
        FlowItem::Title => theme.title,
        FlowItem::Authors => theme.text.add_modifier(Modifier::BOLD),
        FlowItem::AuthorNote => theme.dim.add_modifier(Modifier::ITALIC),
        FlowItem::Source => theme.dim,
        FlowItem::Heading(_) => theme.heading,
        FlowItem::Paragraph(p) => match app.doc.paragraphs[p].kind {
            BlockKind::Code => theme.code,
            _ => theme.text,
        },
    }
}

/// Draws the text pane; returns where the current paragraph starts on screen (its first
/// row shown), where screen-reader mode puts the cursor.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let section = app
        .doc
        .sections
        .get(app.current_section())
        .map(|s| {
            let t = s.title();
            match s.shown_number() {
                "" => t,
                n => format!("{n} {t}"),
            }
        })
        .unwrap_or_default();
    let title = format!(" {} ", crate::sanitize::clean_line(&section));
    let focused = super::focused(app, Pane::Text);
    render_block(pane_block(title, focused, theme), area, buf);
    let view = geometry::text_view(area, app.settings.measure);
    let inner_bottom = area.y + area.height.saturating_sub(1);
    let layout = app.layout();
    let cursor_item = app.flow.paragraph_item.get(app.reader.cursor).copied();
    let column = Rect::new(view.x, view.y, view.width, 1);
    let mut start = None;
    // The marks of the paragraph drawn last: a paragraph's lines come one after another.
    let mut marks: Option<(usize, Vec<Mark>)> = None;
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
            if !theme.plain {
                buf.set_stringn(view.margin_x, y, "▌", 1, theme.current_bar);
            }
            start.get_or_insert(Position::new(view.x, y));
        }
        if let FlowItem::Paragraph(p) = item {
            margin_marks(buf, app, p, anchor.line, view.margin_x + 1, y, theme);
        }
        if let Some(line) = block.lines.get(anchor.line) {
            let p = match item {
                FlowItem::Paragraph(p) => Some(p),
                _ => None,
            };
            if marks.as_ref().map(|m| m.0) != p {
                marks = p.map(|p| (p, paragraph_marks(app, p, theme)));
            }
            let marks = marks.as_ref().map_or(&[][..], |m| m.1.as_slice());
            let mut spans: Vec<Span> = Vec::new();
            for seg in &line.segments {
                let style = segment_style(&seg.kind, base, theme);
                marked(&mut spans, seg, style, marks);
            }
            buf.set_line(column.x, y, &Line::from(spans), view.width);
        }
    }
    start
}

/// The note marker on a paragraph's first line, its bookmark letters one a line from the
/// next (or from the first when it has no note), so every bookmark on the paragraph shows;
/// a paragraph with more letters than lines shows the rest on its last line.
fn margin_marks(buf: &mut Buffer, app: &App, p: usize, line: usize, x: u16, y: u16, theme: &Theme) {
    let has_note = app.notes.note_for(p).is_some();
    if line == 0 && has_note {
        // A screen reader reads a letter, not the name of a pencil glyph.
        let mark = if theme.plain { "N" } else { "✎" };
        buf.set_stringn(x, y, mark, 1, theme.note);
        return;
    }
    let Some(row) = line.checked_sub(usize::from(has_note)) else {
        return;
    };
    let letters: Vec<char> = app.state.letters_at(&app.doc, p).chars().collect();
    let lines = app.layout().block(app.flow.paragraph_item[p]).lines.len();
    let take = if line + 1 >= lines { 2 } else { 1 };
    for (i, c) in letters.iter().skip(row).take(take).enumerate() {
        // The letter comes from the state file as written.
        let shown = crate::sanitize::clean_line(c.encode_utf8(&mut [0; 4])).into_owned();
        buf.set_stringn(x + i as u16, y, shown, 1, theme.key);
    }
}

/// A byte range of a paragraph's plain text and the style laid over it.
type Mark = (std::ops::Range<usize>, Style);

/// What is laid over paragraph `p`'s text, bottom first: highlights, search matches, the
/// current match, the selection being made.
fn paragraph_marks(app: &App, p: usize, theme: &Theme) -> Vec<Mark> {
    let mut marks: Vec<Mark> = app
        .notes
        .highlights_in(p)
        .iter()
        .filter_map(|h| {
            let colour = usize::from(h.highlight.colour.clamp(1, 4)) - 1;
            Some((h.at.as_ref()?.range.clone(), theme.highlights[colour]))
        })
        .collect();
    if let Some(search) = &app.search {
        let current = search.current.map(|i| &search.results.text[i]);
        for m in search.matches_in(p) {
            let style = if Some(m) == current {
                theme.search_current
            } else {
                theme.search
            };
            marks.push((m.range.clone(), style));
        }
    }
    if let Some(sel) = app.modals.selection() {
        for (q, range) in sel.pieces(&app.doc) {
            if q == p {
                marks.push((range, theme.selection));
            }
        }
    }
    marks
}

/// Pushes a segment, the parts of it under marks (highlights, search matches, the
/// selection) styled with every mark over them, later ones on top. A footnote marker is
/// styled whole when a mark touches it.
fn marked<'a>(
    spans: &mut Vec<Span<'a>>,
    seg: &'a crate::layout::Segment,
    style: Style,
    marks: &[Mark],
) {
    let src = seg.src.clone();
    let hits: Vec<&Mark> = marks
        .iter()
        .filter(|(r, _)| r.start < src.end && src.start < r.end)
        .collect();
    if hits.is_empty() || src.is_empty() {
        spans.push(Span::styled(seg.text.as_str(), style));
        return;
    }
    if seg.kind.footnote.is_some() || seg.text.len() != src.len() {
        let style = hits.iter().fold(style, |s, (_, m)| s.patch(*m));
        spans.push(Span::styled(seg.text.as_str(), style));
        return;
    }
    // Cut the segment wherever a mark starts or ends, and style each piece.
    let mut cuts: Vec<usize> = vec![0, seg.text.len()];
    for (r, _) in &hits {
        for at in [r.start, r.end] {
            let at = at.saturating_sub(src.start).min(seg.text.len());
            if seg.text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece = src.start + a..src.start + b;
        let style = hits
            .iter()
            .filter(|(r, _)| r.start <= piece.start && piece.end <= r.end)
            .fold(style, |s, (_, m)| s.patch(*m));
        spans.push(Span::styled(&seg.text[a..b], style));
    }
}
