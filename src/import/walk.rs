//! First pass of the importer: pulldown-cmark events to flat raw blocks and footnote
//! definitions. Footnote references stay symbolic ([`Piece::Ref`]) because they are numbered
//! only once the whole file is read (in order of first reference).
//!
//! The walk is iterative over a stack of open elements, so deeply nested input cannot exhaust
//! the call stack.

use std::collections::HashMap;

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use unicase::UniCase;

use super::Note;
use super::para::Para;
use super::para::{push_code, push_piece};
use super::raw::{Piece, RawBlock, RawFootnote, Role, Walked};
use super::raw::{callout_name, set_strong, text};
use crate::model::{BlockKind, Inline, TextStyle};
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

/// Walks `src`, a Markdown text found at byte offset `base` of its file.
pub(super) fn walk(src: &str, base: usize, notes: &mut Vec<Note>) -> Walked {
    let mut w = Walker {
        src,
        base,
        stack: Vec::new(),
        para: None,
        out: Walked::default(),
        label_ids: HashMap::new(),
        candidates: Vec::new(),
        groups: 0,
        notes,
    };
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        w.event(event, range);
    }
    w.flush_para(None);
    w.finish()
}

/// An open element.
enum Frame {
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
    fn is_container(&self) -> bool {
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

struct ItemState {
    marker: String,
    depth: u8,
    /// Paragraph-like blocks emitted so far for this item.
    paras: usize,
    /// The body block holding the item's text, to which a directly following paragraph of
    /// the same item is joined.
    block: Option<usize>,
}

struct TableBuf {
    aligns: Vec<Alignment>,
    rows: Vec<Vec<String>>,
    head_rows: usize,
    at: usize,
}

struct Walker<'s, 'n> {
    src: &'s str,
    base: usize,
    stack: Vec<Frame>,
    para: Option<Para>,
    out: Walked,
    label_ids: HashMap<UniCase<String>, usize>,
    /// `[^label]` written in text (so pulldown-cmark found no definition): offset, label.
    candidates: Vec<(usize, String)>,
    groups: usize,
    notes: &'n mut Vec<Note>,
}

impl Walker<'_, '_> {
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let at = self.base + range.start;
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(t) => {
                if let Some(Frame::Verbatim { text, .. }) = self.stack.last_mut() {
                    text.push_str(&t);
                } else {
                    self.find_candidates(range);
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

    fn start(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
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
                Frame::Item(self.item(range.start))
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_para(None);
                let written = clean(&label).into_owned();
                let label = self.label_id(&label);
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
                Frame::Footnote(index)
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

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph
            | TagEnd::DefinitionListTitle
            | TagEnd::Item
            | TagEnd::DefinitionListDefinition
            | TagEnd::FootnoteDefinition
            | TagEnd::BlockQuote(_) => self.flush_para(None),
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

    fn table(&mut self) -> Option<&mut TableBuf> {
        self.stack.iter_mut().rev().find_map(|f| match f {
            Frame::Table(t) => Some(t),
            _ => None,
        })
    }

    fn label_id(&mut self, label: &str) -> usize {
        let next = self.out.labels.len();
        let id = *self
            .label_ids
            .entry(UniCase::new(label.to_owned()))
            .or_insert(next);
        if id == next {
            self.out.labels.push(clean(label).into_owned());
            self.out.first_def.push(None);
        }
        id
    }

    /// The marker of a list item starting at `start` (of the walked text): the bullet as
    /// written, or the next number of its list with the delimiter as written.
    fn item(&mut self, start: usize) -> ItemState {
        let rest = self.src.get(start..).unwrap_or("");
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
    fn find_candidates(&mut self, range: std::ops::Range<usize>) {
        let src = self.src;
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

    /// A table cell as plain text: links keep their URL, footnote references cannot be
    /// followed from a table (it is preformatted text) and stay as written.
    fn cell_text(&mut self, pieces: Vec<Piece>) -> String {
        let mut out = String::new();
        for piece in pieces {
            match piece {
                Piece::Inline(Inline::Text { text, .. }) => out.push_str(&text),
                Piece::Inline(Inline::Link { text, url, .. }) => {
                    out.push_str(&text);
                    if text != url {
                        out.push_str(&format!(" <{url}>"));
                    }
                }
                Piece::Inline(Inline::LineBreak) => out.push(' '),
                Piece::Inline(Inline::FootnoteRef { number }) => {
                    out.push_str(&format!("[{number}]"))
                }
                Piece::Ref { label, at } => {
                    let label = &self.out.labels[label];
                    out.push_str(&format!("[^{label}]"));
                    self.notes.push(Note::warning(
                        at,
                        format!(
                            "footnote reference [^{label}] in a table is shown as text: tables are shown as preformatted text"
                        ),
                        None,
                    ));
                }
            }
        }
        out
    }

    /// Ends the paragraph being collected and places it.
    fn flush_para(&mut self, heading: Option<u8>) {
        let Some(para) = self.para.take() else {
            return;
        };
        let at = para.at;
        let mut pieces = para.finish();
        if pieces.is_empty() {
            return;
        }
        if let Some(footnote) = self.footnote_frame() {
            let prefix = self.item_prefix_in_footnote();
            self.append_to_footnote(footnote, prefix, pieces);
            return;
        }
        let top_level = !self.stack.iter().any(Frame::is_container);
        let role = self.list_role().unwrap_or(match heading {
            Some(level) if top_level => Role::Heading(level),
            _ => Role::Body,
        });
        if heading.is_some() && !matches!(role, Role::Heading(_)) {
            // A heading inside a container cannot open a section: keep it as strong text.
            set_strong(&mut pieces);
        }
        let next_block = self.out.blocks.len();
        let mut kind = BlockKind::Prose;
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Item(item) => {
                    item.paras += 1;
                    if item.paras == 1 {
                        kind = BlockKind::Item {
                            marker: item.marker.clone(),
                            depth: item.depth,
                        };
                        item.block = Some(next_block);
                    } else if let Some(b) = item.block.filter(|b| b + 1 == next_block) {
                        let block = &mut self.out.blocks[b];
                        block.pieces.push(Piece::Inline(Inline::LineBreak));
                        block.pieces.extend(pieces);
                        return;
                    }
                    break;
                }
                Frame::Quote { callout } => {
                    kind = BlockKind::Quote;
                    if let Some(name) = callout.take() {
                        let strong = TextStyle {
                            strong: true,
                            ..TextStyle::default()
                        };
                        let mut with = vec![Piece::Inline(Inline::Text {
                            text: format!("{name}:"),
                            style: strong,
                        })];
                        push_piece(&mut with, Piece::Inline(text(" ")));
                        with.extend(pieces);
                        pieces = with;
                    }
                    break;
                }
                Frame::Definition(_) => {
                    kind = BlockKind::Quote;
                    break;
                }
                Frame::Term(_) => break,
                _ => {}
            }
        }
        self.out.blocks.push(RawBlock {
            kind,
            pieces,
            at,
            role,
            top_level,
        });
    }

    /// Places a code block, HTML block or table.
    fn emit_verbatim(&mut self, text: &str, at: usize) {
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            return;
        }
        let text = clean(text);
        let code = TextStyle {
            code: true,
            ..TextStyle::default()
        };
        if let Some(footnote) = self.footnote_frame() {
            let mut pieces = Vec::new();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    pieces.push(Piece::Inline(Inline::LineBreak));
                }
                push_code(&mut pieces, line, TextStyle::default());
            }
            self.append_to_footnote(footnote, None, pieces);
            return;
        }
        let top_level = !self.stack.iter().any(Frame::is_container);
        self.out.blocks.push(RawBlock {
            kind: BlockKind::Code,
            pieces: vec![Piece::Inline(Inline::Text {
                text: text.into_owned(),
                style: code,
            })],
            at,
            role: self.list_role().unwrap_or(Role::Body),
            top_level,
        });
    }

    fn footnote_frame(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|f| match f {
            Frame::Footnote(i) => Some(*i),
            _ => None,
        })
    }

    /// In a footnote, a list item's first paragraph starts with its marker.
    fn item_prefix_in_footnote(&mut self) -> Option<String> {
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Item(item) => {
                    item.paras += 1;
                    return (item.paras == 1).then(|| item.marker.clone());
                }
                Frame::Footnote(_) => return None,
                _ => {}
            }
        }
        None
    }

    fn append_to_footnote(&mut self, index: usize, prefix: Option<String>, pieces: Vec<Piece>) {
        let target = &mut self.out.footnotes[index].pieces;
        if !target.is_empty() {
            target.push(Piece::Inline(Inline::LineBreak));
        }
        if let Some(marker) = prefix {
            push_piece(target, Piece::Inline(text(&format!("{marker} "))));
        }
        for piece in pieces {
            push_piece(target, piece);
        }
    }

    /// The definition-list role of content at this point, if inside one.
    fn list_role(&self) -> Option<Role> {
        self.stack.iter().rev().find_map(|f| match f {
            Frame::Term(g) => Some(Role::Term(*g)),
            Frame::Definition(g) => Some(Role::Definition(*g)),
            _ => None,
        })
    }

    fn finish(self) -> Walked {
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
        self.out
    }
}
