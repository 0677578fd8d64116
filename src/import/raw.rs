//! The importer's intermediate form: blocks and footnotes as read, before the footnotes are
//! numbered and the document is assembled.

use pulldown_cmark::BlockQuoteKind;

use crate::model::{BlockKind, Inline, TextStyle};

/// Inline content before footnotes are numbered.
#[derive(Clone, Debug)]
pub(super) enum Piece {
    /// Finished inline content.
    Inline(Inline),
    /// A reference to the footnote label with this id, at a byte offset of the file.
    Ref { label: usize, at: usize },
}

/// What a raw block is for, decided later: body text, a heading, or part of a definition
/// list (which may turn into the glossary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Ordinary text.
    Body,
    /// A top-level heading of this Markdown level.
    Heading(u8),
    /// The term of definition-list entry N.
    Term(usize),
    /// A block of the definition of definition-list entry N.
    Definition(usize),
}

/// A block of the file in reading order.
#[derive(Clone, Debug)]
pub(super) struct RawBlock {
    /// How it would be laid out as body text.
    pub kind: BlockKind,
    /// Its content.
    pub pieces: Vec<Piece>,
    /// Byte offset in the file.
    pub at: usize,
    /// Body, heading or definition list.
    pub role: Role,
    /// Not inside a list, quote or other container.
    pub top_level: bool,
}

/// A footnote definition.
#[derive(Clone, Debug)]
pub(super) struct RawFootnote {
    /// Its content, blocks joined by line breaks.
    pub pieces: Vec<Piece>,
    /// Byte offset in the file.
    pub at: usize,
}

/// Everything the walk found.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// Blocks in reading order.
    pub blocks: Vec<RawBlock>,
    /// Footnote definitions in file order, duplicates included.
    pub footnotes: Vec<RawFootnote>,
    /// Each label as first written, by label id.
    pub labels: Vec<String>,
    /// The first definition of each label id, as an index into `footnotes`.
    pub first_def: Vec<Option<usize>>,
}

/// The label shown for a GFM callout (`> [!NOTE]`).
pub(super) fn callout_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

/// Plain text.
pub(super) fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.to_owned(),
        style: TextStyle::default(),
    }
}

/// Makes all text strong (a heading that cannot open a section).
pub(super) fn set_strong(pieces: &mut [Piece]) {
    for piece in pieces {
        if let Piece::Inline(Inline::Text { style, .. } | Inline::Link { style, .. }) = piece {
            style.strong = true;
        }
    }
}

/// Bytes of text in `pieces` (link targets included).
pub(super) fn text_len(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Inline(Inline::Text { text, .. }) => text.len(),
            Piece::Inline(Inline::Link { text, url, .. }) => text.len() + url.len(),
            Piece::Inline(Inline::FootnoteRef { .. } | Inline::LineBreak) | Piece::Ref { .. } => 1,
        })
        .sum()
}
