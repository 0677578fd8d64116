//! Markdown articles: reading a Markdown file as a [`Document`], and writing documents out as
//! RON (`lectern import`) or Markdown. Nothing here knows about the terminal.
//!
//! Reading is two passes: [`walk`] turns pulldown-cmark's events into flat raw blocks and
//! footnote definitions; [`build`] picks the title, authors and glossary, nests the sections,
//! numbers the footnotes and derives the ids. `docs/FORMAT.md` ("Markdown articles")
//! describes the mapping for authors.

mod book;
mod build;
mod export;
mod frontmatter;
mod glossary;
pub mod ids;
mod para;
mod raw;
mod table;
mod walk;
mod write_md;

use std::path::Path;

pub use book::book_markdown;
pub use export::{to_article_file, to_ron};
pub use write_md::to_markdown;

use crate::diag::{Diagnostic, FileError, Severity, read_text_file};
use crate::model::load::{Loaded, MAX_ARTICLE_BYTES};
use crate::model::locate::SourceMap;

/// Whether `path` names a Markdown file: `.md` or `.markdown`, in any case.
pub fn is_markdown_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Reads Markdown text as an article. Problems that do not stop the import (an undefined or
/// unused footnote, a glossary entry left out) are in [`Loaded::warnings`]; a text with
/// nothing to read is an error.
pub fn parse_markdown(src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    import(src).map(|(loaded, _)| loaded)
}

/// Reads and imports a Markdown file (at most [`MAX_ARTICLE_BYTES`], UTF-8, not empty).
pub fn load_markdown_file(path: &Path) -> Result<Loaded, FileError> {
    let text = read_text_file(path, MAX_ARTICLE_BYTES)?;
    parse_markdown(&text).map_err(|diagnostics| FileError {
        path: path.display().to_string(),
        diagnostics,
    })
}

/// Like [`parse_markdown`], with `lectern check`'s extra warnings: a glossary entry that
/// never occurs in the text.
pub fn check_markdown(src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let (mut loaded, entry_at) = import(src)?;
    let doc = &loaded.doc;
    let map = SourceMap::positions_only(src);
    for i in crate::model::load::unused_entries(doc) {
        loaded.warnings.push(Diagnostic::warning(
            map.pos_at(entry_at[i]),
            crate::model::load::unused_entry_message(&doc.glossary.entries[i].id),
        ));
    }
    loaded.warnings.sort_by_key(|d| d.pos);
    Ok(loaded)
}

/// A problem found while importing, at a byte offset of the file.
#[derive(Debug)]
pub(crate) struct Note {
    /// Byte offset.
    pub at: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong; `{first}` is replaced by the line of `first`.
    pub message: String,
    /// An earlier place the message refers to.
    pub first: Option<usize>,
}

impl Note {
    fn warning(at: usize, message: impl Into<String>, first: Option<usize>) -> Self {
        Note {
            at,
            severity: Severity::Warning,
            message: message.into(),
            first,
        }
    }

    fn error(at: usize, message: impl Into<String>) -> Self {
        Note {
            at,
            severity: Severity::Error,
            message: message.into(),
            first: None,
        }
    }
}

fn import(src: &str) -> Result<(Loaded, Vec<usize>), Vec<Diagnostic>> {
    let mut notes = Vec::new();
    let built = if src.trim().is_empty() {
        notes.push(Note::error(0, "file is empty"));
        None
    } else {
        let fm = frontmatter::split(src, &mut notes);
        let title = fm
            .title
            .as_ref()
            .map(|(value, at)| inline_value(value, *at, &mut notes));
        let author_note = fm
            .author_note
            .as_ref()
            .map(|(value, at)| inline_value(value, *at, &mut notes));
        let walked = walk::walk(&src[fm.body_start..], fm.body_start, &mut notes);
        let front = [(&title, &fm.title), (&author_note, &fm.author_note)]
            .into_iter()
            .filter_map(|(pieces, value)| Some((pieces.as_ref()?, value.as_ref()?.1)));
        if too_long_blocks(front, &walked, &mut notes) {
            None
        } else {
            let head = build::Head {
                fm,
                title,
                author_note,
            };
            build::build(head, walked, &mut notes)
        }
    };
    let diagnostics = diagnostics(src, notes);
    match built {
        Some(built) if diagnostics.iter().all(|d| d.severity == Severity::Warning) => Ok((
            Loaded {
                doc: built.doc,
                warnings: diagnostics,
            },
            built.entry_at,
        )),
        _ => Err(diagnostics),
    }
}

/// Errors for front-matter values, blocks and footnotes over the block limit (as for RON
/// articles); whether there were any.
fn too_long_blocks<'a>(
    front: impl Iterator<Item = (&'a Vec<raw::Piece>, usize)>,
    walked: &'a raw::Walked,
    notes: &mut Vec<Note>,
) -> bool {
    let limit = crate::model::load::MAX_BLOCK_BYTES;
    let before = notes.len();
    let front = front.map(|(pieces, at)| (at, pieces, "a front-matter value"));
    let blocks = walked.blocks.iter().map(|b| (b.at, &b.pieces, "a block"));
    let footnotes = walked
        .footnotes
        .iter()
        .map(|f| (f.at, &f.pieces, "a footnote"));
    for (at, pieces, what) in front.chain(blocks).chain(footnotes) {
        let len = raw::text_len(pieces);
        if len > limit {
            notes.push(Note::error(
                at,
                crate::model::load::block_too_long(what, len),
            ));
        }
    }
    notes.len() > before
}

/// A front-matter value read as inline Markdown (`title: The *Water* Cycle`).
fn inline_value(value: &str, at: usize, notes: &mut Vec<Note>) -> Vec<raw::Piece> {
    let walked = walk::walk(value, at, notes);
    let mut out = Vec::new();
    for block in walked.blocks {
        if !out.is_empty() {
            para::push_piece(
                &mut out,
                raw::Piece::Inline(crate::model::Inline::Text {
                    text: " ".to_owned(),
                    style: crate::model::TextStyle::default(),
                }),
            );
        }
        for piece in block.pieces {
            para::push_piece(&mut out, piece);
        }
    }
    out
}

fn diagnostics(src: &str, notes: Vec<Note>) -> Vec<Diagnostic> {
    if notes.is_empty() {
        return Vec::new();
    }
    let map = SourceMap::positions_only(src);
    let mut out: Vec<Diagnostic> = notes
        .into_iter()
        .map(|n| {
            let message = match n.first {
                Some(first) => n
                    .message
                    .replace("{first}", &map.pos_at(first).line.to_string()),
                None => n.message,
            };
            Diagnostic {
                pos: map.pos_at(n.at),
                severity: n.severity,
                message,
            }
        })
        .collect();
    out.sort_by_key(|d| d.pos);
    out
}

#[cfg(test)]
mod tests;
