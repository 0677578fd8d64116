//! First pass of the importer: pulldown-cmark events to flat raw blocks and footnote
//! definitions. Footnote references stay symbolic ([`Piece::Ref`]) because they are numbered
//! only once the whole file is read (in order of first reference).
//!
//! The walk is iterative over a stack of open elements, so deeply nested input cannot exhaust
//! the call stack. A long text reaches the walker in chunks (`feed.rs`), each parsed on its own:
//! the walker's state carries over from one chunk to the next, so it cannot tell the difference.
//! How finished blocks are placed is in `place.rs`.

use std::collections::HashMap;

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use unicase::UniCase;

use super::Note;
use super::para::Para;
use super::raw::{RawFootnote, Walked, callout_name};
use crate::sanitize::clean;

/// The Markdown dialect: CommonMark with GitHub-style footnotes, tables, strikethrough, GFM
/// callouts (`> [!NOTE]`) and definition lists.
pub(super) fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Walks `src`, a Markdown text found at byte offset `base` of its file, in one piece.
pub(super) fn walk(src: &str, base: usize, notes: &mut Vec<Note>) -> Walked {
    let mut w = Walker::new(notes);
    w.base = base;
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        w.event(src, event, range);
    }
    w.finish()
}

/// An open element.
pub(super) enum Frame {
    Paragraph,
    Heading,
    Quote { callout: Option<&'static str> },
    List { next: Option<u64> },
    Item(ItemState),
    Footnote(usize),
    Term(usize),
    Definition(usize),
    Verbatim { text: String, at: usize },
    Table(TableBuf),
    Inline,
    Other,
}

impl Frame {
    /// Whether this element makes its content something other than top-level text.
    pub(super) fn is_container(&self) -> bool {
        matches!(
            self,
            Frame::Quote { .. }
                | Frame::List { .. }
                | Frame::Item(_)
                | Frame::Footnote(_)
                | Frame::Term(_)
                | Frame::Definition(_)
                | Frame::Table(_)
        )
    }
}

/// An open list item.
pub(super) struct ItemState {
    pub(super) marker: String,
    pub(super) depth: u8,
    /// Paragraph-like blocks emitted so far for this item.
    pub(super) paras: usize,
    /// The body block holding the item's text, to which a directly following paragraph of
    /// the same item is joined.
    pub(super) block: Option<usize>,
}

/// An open table.
pub(super) struct TableBuf {
    aligns: Vec<Alignment>,
    rows: Vec<Vec<String>>,
    head_rows: usize,
    at: usize,
}

/// Turns events into raw blocks; see the module documentation.
pub(super) struct Walker<'n> {
    /// Byte offset in the file of the text whose events arrive now.
    pub(super) base: usize,
    pub(super) stack: Vec<Frame>,
    pub(super) para: Option<Para>,
    pub(super) out: Walked,
    label_ids: HashMap<UniCase<String>, usize>,
    /// `[^label]` written in text (so pulldown-cmark found no definition): offset, label.
    candidates: Vec<(usize, String)>,
    groups: usize,
    pub(super) notes: &'n mut Vec<Note>,
}

impl<'n> Walker<'n> {
    /// A walker that has seen nothing; its warnings go to `notes`.
    pub(super) fn new(notes: &'n mut Vec<Note>) -> Self {
        Walker {
            base: 0,
            stack: Vec::new(),
            para: None,
            out: Walked::default(),
            label_ids: HashMap::new(),
            candidates: Vec::new(),
            groups: 0,
            notes,
        }
    }

    /// One event of pulldown-cmark's parse of `src` (found at [`Walker::base`] of the file),
    /// with its byte range in `src`. `src` may run on past the parsed text: only the search
    /// for unresolved footnote labels looks there, as it would in the whole file.
    pub(super) fn event(&mut self, src: &str, event: Event<'_>, range: std::ops::Range<usize>) {
        let at = self.base + range.start;
        match event {
            Event::Start(tag) => self.start(src, tag, range),
            Event::End(end) => self.end(end),
            Event::Text(t) => {
                if let Some(Frame::Verbatim { text, .. }) = self.stack.last_mut() {
                    text.push_str(&t);
                } else {
                    self.find_candidates(src, range);
                    self.para(at).text(&t);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(Frame::Verbatim { text, .. }) = self.stack.last_mut() {
                    text.push_str(&t);
                } else {
                    // Shown as written, never interpreted.
                    self.para(at).text(&t.replace(['\r', '\n'], " "));
                }
            }
            Event::Code(t) => self.para(at).code(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.para(at).text(&t),
            Event::FootnoteReference(label) => {
                let label = self.label_id(&label);
                self.para(at).footnote_ref(label, at);
            }
            Event::SoftBreak => self.para(at).text(" "),
            Event::HardBreak => self.para(at).line_break(),
            Event::TaskListMarker(done) => self.para(at).text(if done { "[x] " } else { "[ ] " }),
            Event::Rule => {}
        }
    }

    fn start(&mut self, src: &str, tag: Tag<'_>, range: std::ops::Range<usize>) {
        let at = self.base + range.start;
        let frame = match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => {
                self.flush_para(None);
                self.para = Some(Para::new(at));
                match tag {
                    Tag::Paragraph => Frame::Paragraph,
                    Tag::Heading { .. } => Frame::Heading,
                    _ => Frame::Inline,
                }
            }
            Tag::DefinitionListTitle => {
                self.flush_para(None);
                self.groups += 1;
                self.para = Some(Para::new(at));
                Frame::Term(self.groups)
            }
            Tag::BlockQuote(kind) => {
                self.flush_para(None);
                Frame::Quote {
                    callout: kind.map(callout_name),
                }
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.flush_para(None);
                Frame::Verbatim {
                    text: String::new(),
                    at,
                }
            }
            Tag::List(start) => {
                self.flush_para(None);
                Frame::List { next: start }
            }
            Tag::Item => {
                self.flush_para(None);
                Frame::Item(self.item(src, range.start))
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_para(None);
                Frame::Footnote(self.footnote_definition(&label, at))
            }
            Tag::DefinitionListDefinition => {
                self.flush_para(None);
                Frame::Definition(self.groups)
            }
            Tag::Table(aligns) => {
                self.flush_para(None);
                Frame::Table(TableBuf {
                    aligns,
                    rows: Vec::new(),
                    head_rows: 0,
                    at,
                })
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table() {
                    t.rows.push(Vec::new());
                }
                Frame::Other
            }
            Tag::Emphasis => {
                self.para(at).emph += 1;
                Frame::Inline
            }
            Tag::Strong => {
                self.para(at).strong += 1;
                Frame::Inline
            }
            Tag::Strikethrough => {
                self.para(at).strike += 1;
                Frame::Inline
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                self.para(at).start_link(link_type, &dest_url);
                Frame::Inline
            }
            Tag::Image { .. } => {
                let p = self.para(at);
                if p.image == 0 {
                    p.alt.clear();
                }
                p.image += 1;
                Frame::Inline
            }
            Tag::DefinitionList | Tag::MetadataBlock(_) | Tag::Superscript | Tag::Subscript => {
                Frame::Other
            }
        };
        self.stack.push(frame);
    }

    /// Starts the definition of footnote `label` at `at`: its index among the definitions.
    /// Only a label's first definition is used; a later one gets a warning.
    fn footnote_definition(&mut self, label: &str, at: usize) -> usize {
        let written = clean(label).into_owned();
        let label = self.label_id(label);
        let index = self.out.footnotes.len();
        match self.out.first_def[label] {
            Some(first) => self.notes.push(Note::warning(
                at,
                format!(
                    "footnote [^{written}] is defined twice (first at line {{first}}); the first definition is used"
                ),
                Some(self.out.footnotes[first].at),
            )),
            None => self.out.first_def[label] = Some(index),
        }
        self.out.footnotes.push(RawFootnote {
            pieces: Vec::new(),
            at,
        });
        index
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph
            | TagEnd::DefinitionListTitle
            | TagEnd::Item
            | TagEnd::DefinitionListDefinition
            | TagEnd::BlockQuote(_) => self.flush_para(None),
            TagEnd::FootnoteDefinition => {
                self.flush_para(None);
                // It waits for the build: room to grow would be wasted.
                if let Some(&Frame::Footnote(i)) = self.stack.last() {
                    self.out.footnotes[i].pieces.shrink_to_fit();
                }
            }
            TagEnd::Heading(level) => self.flush_para(Some(level as u8)),
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                if let Some(Frame::Verbatim { text, at }) = self.stack.last_mut() {
                    let (text, at) = (std::mem::take(text), *at);
                    self.emit_verbatim(&text, at);
                }
            }
            TagEnd::TableCell => {
                let cell = self.para.take().map(|p| self.cell_text(p.finish()));
                if let (Some(cell), Some(t)) = (cell, self.table())
                    && let Some(row) = t.rows.last_mut()
                {
                    row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table() {
                    t.head_rows = t.rows.len();
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table(t)) = self.stack.last() {
                    let text = super::table::render(&t.aligns, &t.rows, t.head_rows);
                    let at = t.at;
                    self.emit_verbatim(&text, at);
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image => {
                if let Some(p) = &mut self.para {
                    p.end_inline(end);
                }
            }
            _ => {}
        }
        self.stack.pop();
    }

    /// The paragraph being collected; text outside any paragraph (a tight list item, a
    /// definition) opens one.
    fn para(&mut self, at: usize) -> &mut Para {
        self.para.get_or_insert_with(|| Para::new(at))
    }

    pub(super) fn table(&mut self) -> Option<&mut TableBuf> {
        self.stack.iter_mut().rev().find_map(|f| match f {
            Frame::Table(t) => Some(t),
            _ => None,
        })
    }

    fn label_id(&mut self, label: &str) -> usize {
        let next = self.label_ids.len();
        let id = *self
            .label_ids
            .entry(UniCase::new(label.to_owned()))
            .or_insert(next);
        if id == next {
            self.out.first_def.push(None);
        }
        id
    }

    /// A label as first written (the walk keeps labels only as keys, the build gets them as
    /// [`Walked::labels`]); only a footnote reference in a table asks, so a search will do.
    pub(super) fn label_text(&self, id: usize) -> String {
        let key = self.label_ids.iter().find(|&(_, &i)| i == id);
        key.map_or_else(String::new, |(label, _)| clean(label).into_owned())
    }

    /// The marker of a list item starting at `start` of `src`: the bullet as written, or the
    /// next number of its list with the delimiter as written.
    fn item(&mut self, src: &str, start: usize) -> ItemState {
        let rest = src.get(start..).unwrap_or("");
        let depth = self
            .stack
            .iter()
            .filter(|f| matches!(f, Frame::List { .. }))
            .count()
            .saturating_sub(1);
        let list = self.stack.iter_mut().rev().find_map(|f| match f {
            Frame::List { next } => Some(next),
            _ => None,
        });
        let marker = match list {
            Some(Some(n)) => {
                let delim = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                let delim = if delim.starts_with(')') { ')' } else { '.' };
                let marker = format!("{n}{delim}");
                *n = n.saturating_add(1);
                marker
            }
            _ => match rest.chars().next() {
                Some(c @ ('-' | '*' | '+')) => c.to_string(),
                _ => "-".to_owned(),
            },
        };
        ItemState {
            marker,
            depth: u8::try_from(depth).unwrap_or(u8::MAX),
            paras: 0,
            block: None,
        }
    }

    /// Records each unescaped `[^label]` in the source of a text event: pulldown-cmark
    /// leaves a reference as text when its label has no definition.
    fn find_candidates(&mut self, src: &str, range: std::ops::Range<usize>) {
        let bytes = src.as_bytes();
        let Some(slice) = src.get(range.clone()) else {
            return;
        };
        for (i, _) in slice.match_indices('[') {
            let p = range.start + i;
            let backslashes = bytes[..p].iter().rev().take_while(|&&b| b == b'\\').count();
            if backslashes % 2 == 1 || bytes.get(p + 1) != Some(&b'^') {
                continue;
            }
            let after = &src[p + 2..];
            let Some(close) = after.find([']', '[']) else {
                continue;
            };
            let label = &after[..close];
            if after[close..].starts_with('[')
                || label.trim().is_empty()
                || label.len() > 999
                || label.contains("\n\n")
            {
                continue;
            }
            let at = self.base + p;
            if self.candidates.last().is_none_or(|(last, _)| *last < at) {
                let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
                self.candidates.push((at, label));
            }
        }
    }
    /// Whether a footnote definition with this label (as pulldown-cmark gives it) was seen.
    pub(super) fn is_defined(&self, label: &str) -> bool {
        self.label_ids
            .get(&UniCase::new(label.to_owned()))
            .is_some_and(|&id| self.out.first_def[id].is_some())
    }

    /// Ends the walk: what is still open is placed, and every `[^label]` left as text whose
    /// label has no definition is a warning.
    pub(super) fn finish(mut self) -> Walked {
        self.flush_para(None);
        for (at, label) in &self.candidates {
            let defined = self
                .label_ids
                .get(&UniCase::new(label.clone()))
                .is_some_and(|&id| self.out.first_def[id].is_some());
            if !defined {
                self.notes.push(Note::warning(
                    *at,
                    format!(
                        "footnote [^{}] is referenced but never defined; it is shown as text",
                        clean(label)
                    ),
                    None,
                ));
            }
        }
        let mut labels = vec![String::new(); self.label_ids.len()];
        for (label, id) in std::mem::take(&mut self.label_ids) {
            let label = label.into_inner();
            labels[id] = match clean(&label) {
                std::borrow::Cow::Borrowed(_) => label,
                std::borrow::Cow::Owned(cleaned) => cleaned,
            };
        }
        self.out.labels = labels;
        self.out
    }
}
