//! Where the walker puts a finished paragraph, code block or table: into the body (as an
//! item, quote or prose, joined to the item it continues) or into the footnote being read.

use super::Note;
use super::para::{push_code, push_piece};
use super::raw::{Piece, RawBlock, Role, set_strong, text};
use super::walk::{Frame, Walker};
use crate::model::{BlockKind, Inline, TextStyle};
use crate::sanitize::clean;

impl Walker<'_> {
    /// A table cell as plain text: links keep their URL, footnote references cannot be
    /// followed from a table (it is preformatted text) and stay as written.
    pub(super) fn cell_text(&mut self, pieces: Vec<Piece>) -> String {
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
                    let label = self.label_text(label);
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
    pub(super) fn flush_para(&mut self, heading: Option<u8>) {
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
                        block.pieces.shrink_to_fit();
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
        // Every block waits for the build: room to grow would be wasted (a third on average).
        pieces.shrink_to_fit();
        self.out.blocks.push(RawBlock {
            kind,
            pieces,
            at,
            role,
            top_level,
        });
    }

    /// Places a code block, HTML block or table.
    pub(super) fn emit_verbatim(&mut self, text: &str, at: usize) {
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

    pub(super) fn footnote_frame(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|f| match f {
            Frame::Footnote(i) => Some(*i),
            _ => None,
        })
    }

    /// In a footnote, a list item's first paragraph starts with its marker.
    pub(super) fn item_prefix_in_footnote(&mut self) -> Option<String> {
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

    pub(super) fn append_to_footnote(
        &mut self,
        index: usize,
        prefix: Option<String>,
        pieces: Vec<Piece>,
    ) {
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
    pub(super) fn list_role(&self) -> Option<Role> {
        self.stack.iter().rev().find_map(|f| match f {
            Frame::Term(g) => Some(Role::Term(*g)),
            Frame::Definition(g) => Some(Role::Definition(*g)),
            _ => None,
        })
    }
}
