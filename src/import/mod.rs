//! Article sources: [`source`] tells a file's format and opens it (the one entry the reader,
//! `print`, `check` and `import` use); the rest reads a Markdown file as a [`Document`], and
//! writes documents out as RON (`lectern import`) or Markdown. Nothing here knows about the
//! terminal.
//!
//! Reading is two passes: [`walk`] turns pulldown-cmark's events into flat raw blocks and
//! footnote definitions; [`build`] picks the title, authors and glossary, nests the sections,
//! numbers the footnotes and derives the ids. `docs/FORMAT.md` ("Markdown articles")
//! describes the mapping for authors.
//!
//! A long text is parsed in chunks, so that memory does not grow with pulldown-cmark's
//! tree of the whole text: [`plan`] finds where chunks may start, [`feed`] parses them one by
//! one into the same walk and checks that nothing came out differently than from the whole
//! text (else the text is walked in one piece), and [`read`] reads a file in pieces too.

pub mod abbrev;
mod book;
mod book_epub;
mod build;
mod epub;
mod epub_zip;
mod export;
mod feed;
mod found;
mod frontmatter;
mod glossary;
mod html;
mod html_biblio;
mod html_decode;
mod html_notes;
mod html_walk;
pub mod ids;
mod para;
pub mod pdf;
mod place;
mod plan;
mod raw;
mod read;
mod scan;
pub mod source;
mod table;
mod walk;
mod write_md;

use std::path::Path;

pub use book::book_markdown;
pub use book_epub::novel_epub;
pub use epub::{MAX_EPUB_BYTES, load_epub_file, parse_epub, preview_epub, preview_epub_bytes};
pub use epub_zip::{MAX_ENTRIES, MAX_INFLATED_BYTES};
pub use export::{to_article_file, to_ron};
pub use html::{MAX_READER_MODE_ELEMENTS, load_html_file, parse_html};
pub use source::SourceFormat;
pub use write_md::{sections_to_markdown, to_markdown};

use crate::diag::{Diagnostic, FileError, Pos, Severity};
use crate::model::load::{Loaded, MAX_ARTICLE_BYTES};
use crate::model::locate::SourceMap;
use feed::{Chunk, Feeder, LOOKAHEAD};
use raw::Walked;

/// Reads Markdown text as an article. Problems that do not stop the import (an undefined or
/// unused footnote, a glossary entry left out) are in [`Loaded::warnings`]; a text with
/// nothing to read is an error.
pub fn parse_markdown(src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let map = SourceMap::positions_only(src);
    import_text(src, Some(plan::MIN_CHUNK))
        .into_loaded(|at| map.pos_at(at))
        .map(|(loaded, _)| loaded)
}

/// Reads and imports a Markdown file (at most [`MAX_ARTICLE_BYTES`], UTF-8, not empty). A
/// long file is read in pieces and never held whole in memory.
pub fn load_markdown_file(path: &Path) -> Result<Loaded, FileError> {
    read::load(path, MAX_ARTICLE_BYTES, plan::MIN_CHUNK)
}

/// Like [`parse_markdown`], with `lectern check`'s extra warnings: a glossary entry that
/// never occurs in the text.
pub fn check_markdown(src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let map = SourceMap::positions_only(src);
    let (mut loaded, entry_at) =
        import_text(src, Some(plan::MIN_CHUNK)).into_loaded(|at| map.pos_at(at))?;
    let doc = &loaded.doc;
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

/// What an import found, every position still a byte offset of the file.
struct Imported {
    /// The article, unless an error stopped the import.
    built: Option<build::Built>,
    notes: Vec<Note>,
    /// How the body was parsed.
    #[cfg_attr(not(test), expect(dead_code, reason = "only the tests look"))]
    chunking: Chunking,
}

/// How the body was parsed: for tests, which compare the ways, and the memory guard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Chunking {
    /// Chunks parsed (1: the body in one piece).
    chunks: usize,
    /// The longest text one parser saw.
    largest: usize,
    /// Why the chunks were given up for one piece, if they were.
    fallback: Option<&'static str>,
}

impl Imported {
    /// The offsets whose line and column the diagnostics need, in order.
    fn offsets(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .notes
            .iter()
            .flat_map(|n| std::iter::once(n.at).chain(n.first))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The article with its warnings (and where each glossary entry is), or every
    /// diagnostic when one is an error; `pos` gives the position of a byte offset.
    fn into_loaded(
        self,
        pos: impl Fn(usize) -> Pos,
    ) -> Result<(Loaded, Vec<usize>), Vec<Diagnostic>> {
        let diagnostics = diagnostics(self.notes, pos);
        match self.built {
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
}

/// Imports a text in memory, its body parsed in chunks of at least `min_chunk` bytes where
/// it can be (`None`: in one piece).
fn import_text(src: &str, min_chunk: Option<usize>) -> Imported {
    if src.trim().is_empty() {
        return Imported {
            built: None,
            notes: vec![Note::error(0, "file is empty")],
            chunking: Chunking::default(),
        };
    }
    let walked: Result<_, std::convert::Infallible> = import_body(src, |body_start, notes| {
        Ok(walk_text(src, body_start, min_chunk, notes))
    });
    match walked {
        Ok(imported) => imported,
        Err(never) => match never {},
    }
}

/// Reads the front matter from `head` (the file's beginning: all of it, or at least the
/// front matter), has `walk_body` walk the body after it, and builds the document.
fn import_body<E>(
    head: &str,
    walk_body: impl FnOnce(usize, &mut Vec<Note>) -> Result<(Walked, Chunking), E>,
) -> Result<Imported, E> {
    let mut notes = Vec::new();
    let fm = frontmatter::split(head, &mut notes);
    let title = fm
        .title
        .as_ref()
        .map(|(value, at)| inline_value(value, *at, &mut notes));
    let author_note = fm
        .author_note
        .as_ref()
        .map(|(value, at)| inline_value(value, *at, &mut notes));
    let (walked, chunking) = walk_body(fm.body_start, &mut notes)?;
    let front = [(&title, &fm.title), (&author_note, &fm.author_note)]
        .into_iter()
        .filter_map(|(pieces, value)| Some((pieces.as_ref()?, value.as_ref()?.1)));
    if too_long_blocks(front, &walked, &mut notes) {
        return Ok(Imported {
            built: None,
            notes,
            chunking,
        });
    }
    let head = build::Head {
        fm,
        title,
        author_note,
    };
    let built = build::build(head, walked, &mut notes);
    Ok(Imported {
        built,
        notes,
        chunking,
    })
}

/// Walks the body of `src` (from `body_start`): in chunks when the plan finds more than
/// one and every check holds, else in one piece.
fn walk_text(
    src: &str,
    body_start: usize,
    min_chunk: Option<usize>,
    notes: &mut Vec<Note>,
) -> (Walked, Chunking) {
    let mut chunking = Chunking::default();
    if let Some(min_chunk) = min_chunk {
        let plan = plan::plan_text(src, min_chunk);
        if plan.starts.len() > 1 && plan.body_start == body_start {
            let before = notes.len();
            let mut feeder = Feeder::new(walk::Walker::new(notes), &plan);
            for (i, &at) in plan.starts.iter().enumerate() {
                let end = plan.starts.get(i + 1).copied().unwrap_or(src.len());
                let view = floor_char_boundary(src, end + LOOKAHEAD);
                feeder.chunk(Chunk {
                    text: &src[at..view],
                    len: end - at,
                    at,
                    last: i + 1 == plan.starts.len(),
                });
            }
            chunking.chunks = plan.starts.len();
            chunking.largest = feeder.largest;
            match feeder.finish(src.len() - body_start) {
                Ok(walked) => return (walked, chunking),
                Err(feed::Fallback(why)) => {
                    notes.truncate(before);
                    chunking.fallback = Some(why);
                }
            }
        }
    }
    let body = &src[body_start..];
    chunking.chunks = 1;
    chunking.largest = body.len();
    (walk::walk(body, body_start, notes), chunking)
}

/// The largest char boundary of `s` at or before `i` (its length when `i` is past it).
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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

fn diagnostics(notes: Vec<Note>, pos: impl Fn(usize) -> Pos) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = notes
        .into_iter()
        .map(|n| {
            let message = match n.first {
                Some(first) => n.message.replace("{first}", &pos(first).line.to_string()),
                None => n.message,
            };
            Diagnostic {
                pos: pos(n.at),
                severity: n.severity,
                message,
                member: None,
            }
        })
        .collect();
    out.sort_by_key(|d| d.pos);
    out
}

#[cfg(test)]
mod chunk_tests;
#[cfg(test)]
mod epub_tests;
#[cfg(test)]
mod html_tests;
#[cfg(test)]
mod tests;
