//! The text as a flow of blocks, wrapped lazily and cached per width.
//!
//! What is on screen costs, the rest of the article does not: the view is an anchor (a
//! block and a line in it), a scroll step walks only the blocks it passes, and each block
//! is wrapped once per width and kept. Nothing here depends on the whole document's height.

pub mod cells;
pub mod wrap;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::model::{BlockKind, Document, Inline};
pub use wrap::{MarkerStyle, SegKind, Segment, WrappedLine};

/// One block of the flow, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowItem {
    /// The title.
    Title,
    /// The authors line.
    Authors,
    /// The note about the authors.
    AuthorNote,
    /// Where the article comes from (its citation).
    Source,
    /// The heading of section `n`.
    Heading(usize),
    /// Paragraph `n`.
    Paragraph(usize),
}

/// The blocks in reading order, with lookups both ways and byte counts for the position.
#[derive(Debug)]
pub struct Flow {
    /// Blocks in reading order.
    pub items: Vec<FlowItem>,
    /// Flow index of each paragraph.
    pub paragraph_item: Vec<usize>,
    /// Flow index of each section's first block (its heading, or its first paragraph).
    pub section_item: Vec<usize>,
    /// Bytes of text before each block (for the percent position), plus the total.
    cum_bytes: Vec<u64>,
}

fn inline_len(inlines: &[Inline]) -> u64 {
    inlines.iter().map(|i| i.plain_text().len() as u64).sum()
}

impl Flow {
    /// Builds the flow of a document.
    pub fn new(doc: &Document) -> Self {
        let mut items = vec![FlowItem::Title];
        if !doc.meta.authors.is_empty() {
            items.push(FlowItem::Authors);
        }
        if doc.meta.author_note.is_some() {
            items.push(FlowItem::AuthorNote);
        }
        if doc.meta.source.is_some() {
            items.push(FlowItem::Source);
        }
        let mut flow = Flow {
            items,
            paragraph_item: Vec::with_capacity(doc.paragraphs.len()),
            section_item: Vec::with_capacity(doc.sections.len()),
            cum_bytes: Vec::new(),
        };
        flow.cum_bytes.push(0);
        flow.grow(doc, 0, 0, 0);
        flow
    }

    /// Adds the blocks that [`Document::append`] brought: the flow was built for
    /// `sections` sections and `paragraphs` paragraphs of `doc`. Costs only what is new.
    pub fn extend(&mut self, doc: &Document, sections: usize, paragraphs: usize) {
        let from = self.cum_bytes.len() - 1;
        self.grow(doc, sections, paragraphs, from);
    }

    /// Pushes the blocks of `doc` after its first `sections` sections and `paragraphs`
    /// paragraphs (the last of those sections may have grown), and counts the bytes of the
    /// blocks from `from` on (the last entry of `cum_bytes` is the total so far).
    fn grow(&mut self, doc: &Document, sections: usize, paragraphs: usize, from: usize) {
        for (s, section) in doc
            .sections
            .iter()
            .enumerate()
            .skip(sections.saturating_sub(1))
        {
            if s >= sections {
                self.section_item.push(self.items.len());
                if section.heading.is_some() {
                    self.items.push(FlowItem::Heading(s));
                }
            }
            for p in section.paragraphs.start.max(paragraphs)..section.paragraphs.end {
                debug_assert_eq!(p, self.paragraph_item.len());
                self.paragraph_item.push(self.items.len());
                self.items.push(FlowItem::Paragraph(p));
            }
        }
        let mut total = self.cum_bytes.pop().unwrap_or(0);
        for item in &self.items[from..] {
            self.cum_bytes.push(total);
            total += match item {
                FlowItem::Title => inline_len(&doc.meta.title),
                FlowItem::Authors => doc.meta.authors.iter().map(|a| a.len() as u64).sum(),
                FlowItem::AuthorNote => doc.meta.author_note.as_deref().map_or(0, inline_len),
                FlowItem::Source => doc.meta.source.as_ref().map_or(0, |s| s.len() as u64),
                FlowItem::Heading(s) => doc.sections[*s].heading.as_deref().map_or(0, inline_len),
                FlowItem::Paragraph(p) => inline_len(&doc.paragraphs[*p].inlines),
            }
            .max(1);
        }
        self.cum_bytes.push(total);
    }

    /// Number of blocks.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no blocks (never, for a loaded document).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The paragraph at flow index `i`, if it is one.
    pub fn paragraph_at(&self, i: usize) -> Option<usize> {
        match self.items.get(i) {
            Some(FlowItem::Paragraph(p)) => Some(*p),
            _ => None,
        }
    }

    /// How far through the text a point `lines_done / lines` into block `item` is, 0–100.
    pub fn percent(&self, item: usize, lines_done: usize, lines: usize) -> u8 {
        let total = *self.cum_bytes.last().unwrap_or(&1) as f64;
        let start = self.cum_bytes.get(item).copied().unwrap_or(0) as f64;
        let end = self.cum_bytes.get(item + 1).copied().unwrap_or(0) as f64;
        let frac = if lines == 0 {
            1.0
        } else {
            lines_done as f64 / lines as f64
        };
        (((start + (end - start) * frac) / total.max(1.0)) * 100.0)
            .round()
            .clamp(0.0, 100.0) as u8
    }
}

/// Layout settings that change how blocks wrap; a change empties the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutKey {
    /// Text width in columns.
    pub width: u16,
    /// Footnote marker style.
    pub markers: MarkerStyle,
    /// Notes are shown under their paragraphs.
    pub inline_notes: bool,
}

/// A block wrapped at one width.
#[derive(Debug)]
pub struct BlockLayout {
    /// Its lines.
    pub lines: Vec<WrappedLine>,
}

impl BlockLayout {
    /// Lines it takes on screen, the blank line after it included.
    pub fn height(&self) -> usize {
        self.lines.len() + 1
    }
}

/// Wrapped blocks, filled on demand and kept until the width changes.
#[derive(Debug)]
pub struct LayoutCache {
    key: Option<LayoutKey>,
    blocks: Vec<Option<Rc<BlockLayout>>>,
    wraps: Cell<u64>,
}

impl LayoutCache {
    /// An empty cache for a flow of `len` blocks.
    pub fn new(len: usize) -> Self {
        LayoutCache {
            key: None,
            blocks: vec![None; len],
            wraps: Cell::new(0),
        }
    }

    /// How many blocks have been wrapped since the start (for tests and benchmarks).
    pub fn wrap_count(&self) -> u64 {
        self.wraps.get()
    }

    /// Makes room for a flow that grew to `len` blocks (an article still being read).
    pub fn grow(&mut self, len: usize) {
        self.blocks.resize(len.max(self.blocks.len()), None);
    }

    /// Forgets the layout of block `item` (its note changed, say).
    pub fn invalidate(&mut self, item: usize) {
        if let Some(slot) = self.blocks.get_mut(item) {
            *slot = None;
        }
    }

    /// Forgets every block's layout (the glossary changed); each is wrapped again when it
    /// is next shown, so this costs nothing of the text.
    pub fn invalidate_all(&mut self) {
        self.blocks.fill(None);
    }

    /// How many blocks are currently wrapped and kept.
    pub fn cached_blocks(&self) -> usize {
        self.blocks.iter().filter(|b| b.is_some()).count()
    }
}

/// A note shown under its paragraph: `✎ ` before the first line, indented after.
fn note_lines(text: &str, width: usize) -> Vec<WrappedLine> {
    let inlines = vec![Inline::Text {
        text: crate::sanitize::clean(text).into_owned(),
        style: Default::default(),
    }];
    let spec = wrap::WrapSpec {
        width,
        first_prefix: "✎ ".into(),
        rest_prefix: "  ".into(),
        preformatted: false,
        markers: MarkerStyle::Brackets,
    };
    let mut lines = wrap::wrap(&inlines, &[], &spec);
    for line in &mut lines {
        for seg in &mut line.segments {
            seg.kind.note = true;
            // Note text is not part of the paragraph: no mapping back into it.
            seg.src = 0..0;
        }
    }
    lines
}

/// The place of the top line of the view: a block and a line in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    /// Flow index.
    pub item: usize,
    /// Line inside the block (the blank line after it is line `lines.len()`).
    pub line: usize,
}

/// The document, its flow and the cache: everything needed to lay out lines.
pub struct Layout<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its flow.
    pub flow: &'a Flow,
    /// The cache.
    pub cache: &'a RefCell<LayoutCache>,
    /// Current layout settings.
    pub key: LayoutKey,
    /// The notes, shown under their paragraphs when `key.inline_notes` is set.
    pub notes: &'a crate::notes::NotesStore,
}

impl Layout<'_> {
    /// The wrapped block at flow index `item`.
    pub fn block(&self, item: usize) -> Rc<BlockLayout> {
        let mut cache = self.cache.borrow_mut();
        if cache.key != Some(self.key) {
            cache.key = Some(self.key);
            cache.blocks.iter_mut().for_each(|b| *b = None);
        }
        if let Some(Some(b)) = cache.blocks.get(item) {
            return Rc::clone(b);
        }
        cache.wraps.set(cache.wraps.get() + 1);
        let block = Rc::new(self.wrap_item(item));
        if let Some(slot) = cache.blocks.get_mut(item) {
            *slot = Some(Rc::clone(&block));
        }
        block
    }

    fn wrap_item(&self, item: usize) -> BlockLayout {
        /// Cells a nested list item keeps for its text before its indent stops growing.
        const MIN_ITEM_TEXT: usize = 12;
        let doc = self.doc;
        let width = usize::from(self.key.width).max(1);
        let mut spec = wrap::WrapSpec {
            width,
            first_prefix: String::new(),
            rest_prefix: String::new(),
            preformatted: false,
            markers: self.key.markers,
        };
        let lines = match self.flow.items.get(item) {
            Some(FlowItem::Title) => wrap::wrap(&doc.meta.title, &[], &spec),
            Some(FlowItem::Authors) => {
                let text = vec![Inline::Text {
                    text: doc.meta.authors.join(", "),
                    style: Default::default(),
                }];
                wrap::wrap(&text, &[], &spec)
            }
            Some(FlowItem::AuthorNote) => {
                wrap::wrap(doc.meta.author_note.as_deref().unwrap_or(&[]), &[], &spec)
            }
            Some(FlowItem::Source) => {
                let text = vec![Inline::Text {
                    text: format!("Source: {}", doc.meta.source.as_deref().unwrap_or("")),
                    style: Default::default(),
                }];
                wrap::wrap(&text, &[], &spec)
            }
            Some(FlowItem::Heading(s)) => {
                let section = &doc.sections[*s];
                let number = match section.shown_number() {
                    "" => String::new(),
                    n => format!("{n} "),
                };
                spec.first_prefix = number.clone();
                spec.rest_prefix = " ".repeat(cells::width(&number));
                wrap::wrap(section.heading.as_deref().unwrap_or(&[]), &[], &spec)
            }
            Some(FlowItem::Paragraph(p)) => {
                let para = &doc.paragraphs[*p];
                let terms = if para.kind == BlockKind::Code {
                    Vec::new()
                } else {
                    doc.glossary.find_in(&para.plain_text())
                };
                match &para.kind {
                    BlockKind::Prose => {}
                    BlockKind::Quote => {
                        spec.first_prefix = "│ ".into();
                        spec.rest_prefix = "│ ".into();
                    }
                    BlockKind::Item { marker, depth } => {
                        // Nesting indents two cells a level, but never so far that less
                        // than MIN_ITEM_TEXT cells are left for the words.
                        let room = width.saturating_sub(cells::width(marker) + 1 + MIN_ITEM_TEXT);
                        let indent = "  ".repeat(usize::from(*depth).min(8).min(room / 2));
                        spec.first_prefix = format!("{indent}{marker} ");
                        spec.rest_prefix = " ".repeat(cells::width(&spec.first_prefix));
                    }
                    BlockKind::Code => {
                        spec.preformatted = true;
                        spec.first_prefix = "  ".into();
                        spec.rest_prefix = "  ".into();
                    }
                }
                let mut lines = wrap::wrap(&para.inlines, &terms, &spec);
                if self.key.inline_notes
                    && let Some(entry) = self.notes.note_for(*p)
                {
                    lines.extend(note_lines(&entry.note.text, width));
                }
                lines
            }
            None => Vec::new(),
        };
        BlockLayout { lines }
    }

    /// Lines of block `item` on screen (its text plus the blank line after it).
    pub fn height(&self, item: usize) -> usize {
        self.block(item).height()
    }

    /// The anchor `n` lines further down, stopping at the last line.
    pub fn down(&self, mut at: Anchor, mut n: usize) -> Anchor {
        while n > 0 {
            let h = self.height(at.item);
            let left_in_block = h - 1 - at.line.min(h - 1);
            if n <= left_in_block {
                at.line += n;
                return at;
            }
            if at.item + 1 >= self.flow.len() {
                at.line = h - 1;
                return at;
            }
            n -= left_in_block + 1;
            at = Anchor {
                item: at.item + 1,
                line: 0,
            };
        }
        at
    }

    /// The anchor `n` lines further up, stopping at the first line.
    pub fn up(&self, mut at: Anchor, mut n: usize) -> Anchor {
        while n > 0 {
            if n <= at.line {
                at.line -= n;
                return at;
            }
            if at.item == 0 {
                at.line = 0;
                return at;
            }
            n -= at.line + 1;
            let item = at.item - 1;
            at = Anchor {
                item,
                line: self.height(item) - 1,
            };
        }
        at
    }

    /// The top anchor that shows the end of the text on the last row of a `rows`-high view.
    pub fn end_top(&self, rows: usize) -> Anchor {
        let last = self.flow.len().saturating_sub(1);
        // The last block's blank line is not needed at the very end.
        let bottom = Anchor {
            item: last,
            line: self.height(last).saturating_sub(2),
        };
        self.up(bottom, rows.saturating_sub(1))
    }

    /// Clamps a top anchor so the view is never scrolled past the end.
    pub fn clamp_top(&self, top: Anchor, rows: usize) -> Anchor {
        let top = Anchor {
            item: top.item.min(self.flow.len().saturating_sub(1)),
            line: top.line,
        };
        let h = self.height(top.item);
        let top = Anchor {
            line: top.line.min(h - 1),
            ..top
        };
        // Every block takes at least two lines (text and the blank after it): far enough
        // from the end, the view cannot pass it, and the end need not be laid out.
        let blocks_after = self.flow.len().saturating_sub(top.item + 1);
        if blocks_after * 2 >= rows {
            return top;
        }
        top.min(self.end_top(rows))
    }

    /// The lines of a `rows`-high view from `top`: (block, line in block).
    pub fn visible(&self, top: Anchor, rows: usize) -> Vec<Anchor> {
        let mut out = Vec::with_capacity(rows);
        let mut at = top;
        while out.len() < rows && at.item < self.flow.len() {
            let h = self.height(at.item);
            while at.line < h && out.len() < rows {
                out.push(at);
                at.line += 1;
            }
            at = Anchor {
                item: at.item + 1,
                line: 0,
            };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        crate::model::load::parse(include_str!("../../tests/fixtures/minimal.ron"))
            .unwrap()
            .doc
    }

    #[test]
    fn flow_orders_front_matter_headings_and_paragraphs() {
        let d = doc();
        let flow = Flow::new(&d);
        assert_eq!(
            flow.items,
            [
                FlowItem::Title,
                FlowItem::Authors,
                FlowItem::AuthorNote,
                FlowItem::Source,
                FlowItem::Paragraph(0),
                FlowItem::Heading(1),
                FlowItem::Paragraph(1),
                FlowItem::Heading(2),
                FlowItem::Paragraph(2),
                FlowItem::Paragraph(3),
                FlowItem::Paragraph(4),
            ]
        );
        assert_eq!(flow.paragraph_item, [4, 6, 8, 9, 10]);
        assert_eq!(flow.section_item, [4, 5, 7]);
        assert_eq!(flow.percent(0, 0, 1), 0);
        assert_eq!(flow.percent(flow.len() - 1, 1, 1), 100);
    }

    #[test]
    fn a_flow_grown_part_by_part_is_the_flow_of_the_whole() {
        let whole = doc();
        let all = whole.sections.clone();
        let flow = Flow::new(&whole);
        for cuts in [vec![1, 5], vec![2, 3, 5], vec![1, 2, 3, 4, 5], vec![5]] {
            let mut from = 0;
            let mut part = Document::new(
                whole.meta.clone(),
                crate::model::document::sections_read(&all, 0),
                vec![],
                vec![],
                whole.glossary.clone(),
            );
            let mut grown = Flow::new(&part);
            for cut in cuts {
                let (sections, paragraphs) = (part.sections.len(), part.paragraphs.len());
                part.append(
                    crate::model::document::sections_read(&all, cut),
                    whole.paragraphs[from..cut].to_vec(),
                    vec![],
                );
                grown.extend(&part, sections, paragraphs);
                from = cut;
            }
            assert_eq!(grown.items, flow.items);
            assert_eq!(grown.paragraph_item, flow.paragraph_item);
            assert_eq!(grown.section_item, flow.section_item);
            assert_eq!(grown.cum_bytes, flow.cum_bytes);
        }
    }

    #[test]
    fn scrolling_walks_lines_across_blocks_and_stops_at_the_ends() {
        let d = doc();
        let flow = Flow::new(&d);
        let cache = RefCell::new(LayoutCache::new(flow.len()));
        let notes = crate::notes::NotesStore::in_memory("t");
        let l = Layout {
            doc: &d,
            flow: &flow,
            cache: &cache,
            key: LayoutKey {
                width: 20,
                markers: MarkerStyle::Superscript,
                inline_notes: false,
            },
            notes: &notes,
        };
        let total: usize = (0..flow.len()).map(|i| l.height(i)).sum();
        let start = Anchor::default();
        for n in 0..total + 5 {
            let there = l.down(start, n);
            assert_eq!(l.up(there, n), start, "down then up {n}");
        }
        let end = l.down(start, total * 2);
        assert_eq!(end.item, flow.len() - 1);
        assert_eq!(l.visible(start, 5).len(), 5);
        assert_eq!(l.visible(l.end_top(5), 5).len(), 5);
        assert!(l.clamp_top(end, 5) <= l.end_top(5));
    }

    #[test]
    fn the_cache_wraps_a_block_once_per_width() {
        let d = doc();
        let flow = Flow::new(&d);
        let cache = RefCell::new(LayoutCache::new(flow.len()));
        let mut key = LayoutKey {
            width: 30,
            markers: MarkerStyle::Superscript,
            inline_notes: false,
        };
        let notes = crate::notes::NotesStore::in_memory("t");
        let l = Layout {
            doc: &d,
            flow: &flow,
            cache: &cache,
            key,
            notes: &notes,
        };
        l.visible(Anchor::default(), 3);
        let first = cache.borrow().wrap_count();
        l.visible(Anchor::default(), 3);
        assert_eq!(cache.borrow().wrap_count(), first);
        key.width = 40;
        let l = Layout {
            doc: &d,
            flow: &flow,
            cache: &cache,
            key,
            notes: &notes,
        };
        l.visible(Anchor::default(), 3);
        assert!(cache.borrow().wrap_count() > first);
    }

    #[test]
    fn deep_list_items_keep_room_for_their_words() {
        let mut md = String::from("# T\n\nIntro.\n\n");
        for depth in 0..8 {
            md.push_str(&"  ".repeat(depth));
            md.push_str("- nested item words\n");
        }
        let d = crate::import::parse_markdown(&md).unwrap().doc;
        let flow = Flow::new(&d);
        let cache = RefCell::new(LayoutCache::new(flow.len()));
        let notes = crate::notes::NotesStore::in_memory("t");
        let text_of = |line: &WrappedLine| -> String {
            line.segments.iter().map(|s| s.text.as_str()).collect()
        };
        for width in [16u16, 20, 40] {
            let l = Layout {
                doc: &d,
                flow: &flow,
                cache: &cache,
                key: LayoutKey {
                    width,
                    markers: MarkerStyle::Superscript,
                    inline_notes: false,
                },
                notes: &notes,
            };
            let last = flow.paragraph_item[d.paragraphs.len() - 1];
            let first_line = text_of(&l.block(last).lines[0]);
            let indent = first_line.len() - first_line.trim_start().len();
            assert!(
                usize::from(width) - indent - 2 >= 12.min(usize::from(width) - 2),
                "width {width}: {first_line:?}"
            );
            if width == 40 {
                // Wide enough: the full indent of two cells a level.
                assert_eq!(indent, 14, "{first_line:?}");
            }
            assert!(
                first_line.contains("nested"),
                "width {width}: {first_line:?}"
            );
        }
    }
}
