//! PDF articles. [`extract`] reads each page's characters through `pdf_oxide` (on worker
//! threads, each page behind a panic guard and a deadline); lectern's own layout pass then
//! makes [`lines`], takes the running heads and page numbers off and orders columns
//! ([`page`]), sets the page-bottom footnotes apart ([`notes`]), cuts [`blocks`], finds the
//! title and authors ([`front`]) and joins the text ([`text`]). The result is the same raw
//! blocks the Markdown import makes, so [`super::build`] makes the document.
//!
//! Messages name the page (`in_member("page 3")`) and the line on it, counted from the top.

mod blocks;
mod extract;
mod front;
mod lines;
mod notes;
mod page;
mod text;
pub mod xmp;

use std::collections::HashMap;
use std::io::{IsTerminal as _, Read as _};
use std::path::Path;

use super::build;
use super::frontmatter::FrontMatter;
use super::raw::{Piece, RawBlock, RawFootnote, Role, Walked};
use super::{Note, too_long_blocks};
use crate::diag::{Diagnostic, FileError, Pos, Severity, cannot_read, too_big};
use crate::model::BlockKind;
use crate::model::load::Loaded;
use blocks::{Block, Kind};
use extract::{ExtractError, Info, PageText};
use lines::Line;
use notes::FootNote;
use text::Vocabulary;

/// The largest PDF file read.
pub const MAX_PDF_BYTES: u64 = 256 << 20;
/// From how many pages on `print` and `import` show their progress on a terminal.
const PROGRESS_PAGES: usize = 40;

/// Reads and imports the PDF file at `path` (at most [`MAX_PDF_BYTES`]); the progress of a
/// long one is shown on standard error when that is a terminal.
pub fn load_pdf_file(path: &Path) -> Result<Loaded, FileError> {
    let show = std::io::stderr().is_terminal();
    let mut shown = false;
    let loaded = load_pdf_reporting(path, &mut |done, total| {
        if show && total >= PROGRESS_PAGES {
            eprint!("\rreading PDF page {done} of {total}");
            shown = true;
        }
    });
    if shown {
        // The progress line is cleared, so what follows starts on a clean line.
        eprint!("\r{:40}\r", "");
    }
    loaded
}

/// [`load_pdf_file`], telling `progress` the pages read and the pages in all (the reader
/// shows them in its status bar).
pub fn load_pdf_reporting(
    path: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Loaded, FileError> {
    let shown = path.display().to_string();
    let mut reader = crate::diag::open_text_file(path, MAX_PDF_BYTES)?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(&shown, e))?;
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(too_big(&shown, None, MAX_PDF_BYTES));
    }
    parse_pdf_reporting(bytes, progress).map_err(|diagnostics| FileError {
        path: shown,
        diagnostics,
    })
}

/// Imports a PDF held in memory: its text rebuilt as paragraphs, headings and footnotes.
/// An encrypted file, one without a text layer, or a page that cannot be read is an error.
pub fn parse_pdf(bytes: Vec<u8>) -> Result<Loaded, Vec<Diagnostic>> {
    parse_pdf_reporting(bytes, &mut |_, _| {})
}

/// [`parse_pdf`], telling `progress` the pages read and the pages in all.
fn parse_pdf_reporting(
    bytes: Vec<u8>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Loaded, Vec<Diagnostic>> {
    let source = extract::open(bytes).map_err(|e| vec![extract_error(e)])?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let total = source.pages;
    let pages = source
        .pages(workers, extract::PAGE_TIME, |done| progress(done, total))
        .map_err(|e| vec![extract_error(e)])?;
    import_pages(&pages, &source.info)
}

/// The diagnostic for a file or page that could not be read.
fn extract_error(e: ExtractError) -> Diagnostic {
    let start = Pos { line: 1, col: 1 };
    match e {
        ExtractError::File(why) => Diagnostic::error(start, why),
        ExtractError::Page(i, why) => {
            Diagnostic::error(start, format!("cannot read the page: {why}"))
                .in_member(format!("page {}", i + 1))
        }
    }
}

/// The article from the pages' characters.
fn import_pages(pages: &[PageText], info: &Info) -> Result<Loaded, Vec<Diagnostic>> {
    let mut notes: Vec<Note> = Vec::new();
    for (i, p) in pages.iter().enumerate().filter(|(_, p)| p.undecoded > 0) {
        notes.push(Note::warning(
            lines::at(i, 0),
            format!(
                "{} characters could not be decoded (a font without a Unicode map); they are left out",
                p.undecoded
            ),
            None,
        ));
    }
    if pages.is_empty() {
        return Err(vec![Diagnostic::error(
            Pos { line: 1, col: 1 },
            "the PDF has no pages that can be found (the file may be cut short or damaged)",
        )]);
    }
    let has_text = pages
        .iter()
        .any(|p| p.glyphs.iter().any(|g| g.ch.is_alphanumeric()));
    if !has_text {
        let why = if pages.iter().any(|p| p.undecoded > 0) {
            "none of the PDF's text can be decoded (its fonts have no Unicode maps); \
             OCR may recover it (for example `ocrmypdf --force-ocr`)"
        } else {
            "the PDF has no text layer (scanned pages?); run OCR on it first \
             (for example `ocrmypdf`) and open the result"
        };
        return Err(vec![Diagnostic::error(Pos { line: 1, col: 1 }, why)]);
    }
    let (walked, fm, title, author_note) = layout(pages, info, &mut notes);
    let front_values = [&title, &author_note]
        .into_iter()
        .filter_map(|v| Some((v.as_ref()?, 0)));
    if too_long_blocks(front_values, &walked, &mut notes) {
        return Err(diagnostics(notes));
    }
    let head = build::Head {
        fm,
        title,
        author_note,
    };
    let built = build::build(head, walked, &mut notes);
    let diagnostics = diagnostics(notes);
    match built {
        Some(built) if diagnostics.iter().all(|d| d.severity == Severity::Warning) => Ok(Loaded {
            doc: built.doc,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// The layout pass: raw blocks and footnotes, the front matter, the title's and the
/// author note's pieces.
fn layout(
    pages: &[PageText],
    info: &Info,
    notes: &mut Vec<Note>,
) -> (Walked, FrontMatter, Option<Vec<Piece>>, Option<Vec<Piece>>) {
    let mut page_lines: Vec<Vec<Line>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| lines::lines(p, i))
        .collect();
    let heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    // A DOI printed on the first page (often in its running head or footer, which the
    // margins pass removes): read before that.
    let first_page_doi = page_lines.first().and_then(|lines| {
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        crate::model::biblio::normalize_doi(&text.join("\n"))
    });
    let before = page::body_size(&page_lines);
    page::strip_margins(&mut page_lines, &heights, before);
    let body = page::body_size(&page_lines);
    let mut arranged: Vec<page::Arranged> = page_lines
        .into_iter()
        .zip(pages)
        .map(|(l, p)| page::arrange(l, p.width, body))
        .collect();
    let foot_notes = notes::collect(&mut arranged);
    let stretches: Vec<&page::Stretch> = arranged.iter().flat_map(|a| &a.stretches).collect();
    let pitch = blocks::line_pitch(&stretches, body);
    let mut blocks = blocks::blocks(&stretches, body, pitch);
    let front = front::take_front(&mut blocks, body, info);
    let vocab = Vocabulary::of(
        blocks
            .iter()
            .flat_map(|b| &b.lines)
            .chain(foot_notes.iter().flat_map(|n| &n.lines)),
    );
    let title = front.title_lines.first().map(|first| {
        let pieces = text::pieces(&front.title_lines, &vocab, false, |_, _| None);
        (pieces, first.at)
    });
    let title = match (title, &front.title) {
        (Some(t), _) => Some(t),
        (None, Some(info_title)) => Some((vec![Piece::Inline(super::raw::text(info_title))], 0)),
        (None, None) => None,
    };
    let fm = FrontMatter {
        title: title
            .as_ref()
            .map(|(_, at)| (front.title.clone().unwrap_or_default(), *at)),
        authors: front.authors,
        biblio: {
            let mut b = info.biblio.clone();
            b.fill_from(crate::model::Biblio {
                doi: first_page_doi,
                ..Default::default()
            });
            b
        },
        ..FrontMatter::default()
    };
    if title.is_none() {
        notes.push(Note::warning(
            0,
            "no title found on the first page or in the PDF's Info dictionary",
            None,
        ));
    }
    let author_note = (!front.note_lines.is_empty())
        .then(|| text::pieces(&front.note_lines, &vocab, true, |_, _| None));
    let walked = walk(blocks, foot_notes, &vocab);
    (walked, fm, title.map(|(p, _)| p), author_note)
}

/// Raw blocks and footnotes from the blocks and the notes found at the page feet.
fn walk(blocks: Vec<Block>, foot_notes: Vec<FootNote>, vocab: &Vocabulary) -> Walked {
    let by_place: HashMap<(usize, u32), usize> = foot_notes
        .iter()
        .enumerate()
        .map(|(i, n)| ((n.page, n.number), i))
        .collect();
    let reference = |page: usize, number: u32| {
        [Some(page), page.checked_add(1), page.checked_sub(1)]
            .into_iter()
            .flatten()
            .find_map(|p| by_place.get(&(p, number)).copied())
    };
    let mut sizes: Vec<f32> = blocks
        .iter()
        .filter_map(|b| match b.kind {
            Kind::Heading { size, .. } => Some(size),
            _ => None,
        })
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    sizes.dedup();
    let mut out = Walked::default();
    for block in blocks {
        let at = block.lines.first().map_or(0, |l| l.at);
        let raw = match &block.kind {
            Kind::Heading { size, .. } => {
                let pieces = text::pieces(&block.lines, vocab, false, |_, _| None);
                let rank = sizes.iter().position(|s| s == size).unwrap_or(0);
                let level = text::heading_level(&super::glossary::plain(&pieces), rank);
                RawBlock {
                    kind: BlockKind::Prose,
                    pieces,
                    at,
                    role: Role::Heading(level),
                    top_level: true,
                }
            }
            Kind::Body => RawBlock {
                kind: BlockKind::Prose,
                pieces: text::pieces(&block.lines, vocab, true, reference),
                at,
                role: Role::Body,
                top_level: true,
            },
            Kind::Entry(marker) => {
                let mut pieces = text::pieces(&block.lines, vocab, true, reference);
                strip_marker(&mut pieces, marker);
                RawBlock {
                    kind: BlockKind::Item {
                        marker: marker.clone(),
                        depth: 0,
                    },
                    pieces,
                    at,
                    role: Role::Body,
                    top_level: true,
                }
            }
        };
        out.blocks.push(raw);
    }
    for (i, note) in foot_notes.into_iter().enumerate() {
        let at = note.lines.first().map_or(0, |l| l.at);
        let pieces = text::pieces(&note.lines, vocab, true, |_, _| None);
        out.footnotes.push(RawFootnote { pieces, at });
        out.labels.push(note.number.to_string());
        out.first_def.push(Some(i));
    }
    out
}

/// Takes an entry's number off the start of its text.
fn strip_marker(pieces: &mut Vec<Piece>, marker: &str) {
    if let Some(Piece::Inline(crate::model::Inline::Text { text, .. })) = pieces.first_mut()
        && let Some(rest) = text.trim_start().strip_prefix(marker)
    {
        *text = rest.trim_start().to_owned();
        if text.is_empty() {
            pieces.remove(0);
        }
    }
}

/// Notes as diagnostics, each on its page and line (a note at 0 with no page: the file).
fn diagnostics(mut notes: Vec<Note>) -> Vec<Diagnostic> {
    notes.sort_by_key(|n| n.at);
    notes
        .into_iter()
        .map(|n| {
            let (page, line) = lines::place(n.at);
            let message = match n.first {
                Some(first) => {
                    let (p, l) = lines::place(first);
                    n.message
                        .replace("line {first}", &format!("page {p} line {l}"))
                        .replace("{first}", &l.to_string())
                }
                None => n.message,
            };
            Diagnostic {
                pos: Pos { line, col: 1 },
                severity: n.severity,
                message,
                member: None,
            }
            .in_member(format!("page {page}"))
        })
        .collect()
}

#[cfg(test)]
mod tests;
