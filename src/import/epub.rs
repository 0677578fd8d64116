//! EPUB 2 and 3 books. The zip is checked first ([`super::epub_zip`]: entry count,
//! inflated size, DRM); `rbook` reads the package, spine, metadata and navigation; every
//! spine item is parsed as HTML (so `&nbsp;` and sloppy markup still open), its notes are
//! collected across the whole book ([`super::html_notes`]) and its text goes through the
//! shared HTML layer ([`super::html_walk`]) into the build, as a Markdown text does.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::Path;
use std::sync::Arc;

use dom_query::Document;
use rbook::Epub;

use super::build::{self, Head};
use super::frontmatter::FrontMatter;
use super::html_notes::{self, NoteSource};
use super::html_walk::HtmlWalker;
use super::raw::{Piece, RawBlock, Role, Walked};
use super::{Note, epub_zip};
use crate::diag::{Diagnostic, FileError, Pos, Severity};
use crate::model::BlockKind;
use crate::model::load::Loaded;

/// The largest EPUB file read.
pub const MAX_EPUB_BYTES: u64 = 256 << 20;

/// Reads an EPUB book (at most [`MAX_EPUB_BYTES`]).
pub fn load_epub_file(path: &Path) -> Result<Loaded, FileError> {
    let bytes = crate::diag::read_file_bytes(path, MAX_EPUB_BYTES)?;
    parse_epub(bytes).map_err(|diagnostics| FileError {
        path: path.display().to_string(),
        diagnostics,
    })
}

/// Reads an EPUB book's bytes as an article. Diagnostics name the member they are in.
pub fn parse_epub(bytes: Vec<u8>) -> Result<Loaded, Vec<Diagnostic>> {
    let data: Arc<[u8]> = bytes.into();
    let mut members = epub_zip::check(&data).map_err(|d| vec![d])?;
    let (head, identifier, spine) = read_package(Cursor::new(Arc::clone(&data)))?;
    // What is read from here on is in `members`: the zip and the package go.
    drop(data);
    let chapters = parse_chapters(spine, usize::MAX, |path| members.remove(path))?;
    let members: Vec<String> = chapters.iter().map(|c| c.path.clone()).collect();
    let mut notes = Vec::new();
    let built = import_book(head, identifier, chapters, &HashSet::new(), &mut notes);
    let diagnostics: Vec<Diagnostic> = notes
        .into_iter()
        .map(|n| {
            let d = Diagnostic {
                pos: Pos { line: 1, col: 1 },
                severity: n.severity,
                message: n.message.replace("{first}", "1"),
                member: None,
            };
            match members.get(n.at) {
                Some(member) => d.in_member(member.as_str()),
                None => d,
            }
        })
        .collect();
    match built {
        Some(built) if diagnostics.iter().all(|d| d.severity == Severity::Warning) => Ok(Loaded {
            doc: built.doc,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// Of a book's chapters, at least this many bytes of XHTML (whole chapters, in spine
/// order) make its preview: more text than a large terminal shows.
pub const EPUB_PREVIEW_BYTES: usize = 16 << 10;

/// A preview reads no member (package, navigation, chapter) that inflates to more than
/// this: a book made of one big file shows the placeholder until it is converted whole.
pub const EPUB_PREVIEW_MEMBER_BYTES: u64 = 1 << 20;

/// The first chapters of the EPUB book at `path` (at least [`EPUB_PREVIEW_BYTES`] of
/// them, or all), read as an article of their own: what the reader shows while the whole
/// book is converted in the background (issue 14). Only the parts of the file it needs are
/// read (the zip's directory, the package, the navigation, those chapters), each at most
/// [`EPUB_PREVIEW_MEMBER_BYTES`], within the zip check's caps: the book's later chapters,
/// images and fonts are neither read nor inflated. `None` when anything is amiss or too
/// large: the whole conversion then says what.
///
/// A note reference into a chapter not read yet (endnotes at the back of the book) is left
/// out of the preview's text, so that its paragraph reads, and is identified, as it will
/// once the whole book has come with the note; the preview's warnings are dropped for the
/// same reason (the whole book's are the ones shown).
pub fn preview_epub(path: &Path) -> Option<Loaded> {
    preview_from(|| {
        let file = crate::diag::open_regular(path).ok()?;
        (file.metadata().ok()?.len() <= MAX_EPUB_BYTES).then(|| BufReader::new(file))
    })
}

/// [`preview_epub`] of a book's bytes (for the fuzz target).
pub fn preview_epub_bytes(data: &Arc<[u8]>) -> Option<Loaded> {
    preview_from(|| Some(Cursor::new(Arc::clone(data))))
}

/// The preview of the book `open` gives: called twice, for two readers that each keep
/// their own place in the file.
fn preview_from<R: Read + Seek + 'static>(open: impl Fn() -> Option<R>) -> Option<Loaded> {
    let mut members = epub_zip::Lazy::open(open()?, epub_zip::Limits::default()).ok()?;
    // `rbook` reads the package and the navigation whole: not when they are too large.
    let package = |n: &str| {
        let n = n.to_ascii_lowercase();
        n.ends_with(".opf") || n.ends_with(".ncx")
    };
    if members.largest(package) > EPUB_PREVIEW_MEMBER_BYTES {
        return None;
    }
    let (head, identifier, spine) = read_package(open()?).ok()?;
    let mut unread: HashSet<String> = spine.iter().map(|s| s.path.clone()).collect();
    let chapters = parse_chapters(spine, EPUB_PREVIEW_BYTES, |path| {
        members.take(path, EPUB_PREVIEW_MEMBER_BYTES)
    })
    .ok()?;
    for c in &chapters {
        unread.remove(&c.path);
    }
    let built = import_book(head, identifier, chapters, &unread, &mut Vec::new())?;
    Some(Loaded {
        doc: built.doc,
        warnings: Vec::new(),
    })
}

/// The book's head, unique identifier and spine, read by `rbook` from the zip `source`.
fn read_package(
    source: impl Read + Seek + 'static,
) -> Result<(Head, Option<String>, Vec<SpineItem>), Vec<Diagnostic>> {
    let epub = Epub::options().read(source).map_err(|e| {
        vec![start_error(format!(
            "the book's package cannot be read: {e}"
        ))]
    })?;
    let (head, identifier) = book_head(&epub);
    let spine = spine_items(&epub)?;
    Ok((head, identifier, spine))
}

fn start_error(message: String) -> Diagnostic {
    Diagnostic::error(Pos { line: 1, col: 1 }, message)
}

/// A spine item, parsed.
struct Chapter {
    /// Its path inside the zip.
    path: String,
    doc: Document,
    linear: bool,
    /// The navigation's label and depth for it, if the navigation names the file.
    toc: Option<(String, usize)>,
}

/// A spine item to read: its path inside the zip, whether it is linear, and the
/// navigation's label and depth for it.
struct SpineItem {
    path: String,
    linear: bool,
    toc: Option<(String, usize)>,
}

/// The spine's XHTML items, in order; one the manifest does not have is an error.
fn spine_items(epub: &Epub) -> Result<Vec<SpineItem>, Vec<Diagnostic>> {
    let toc: HashMap<String, (String, usize)> = toc_labels(epub)
        .into_iter()
        .map(|(p, l, d)| (p, (l, d)))
        .collect();
    let mut out = Vec::new();
    for item in epub.spine().iter() {
        let Some(entry) = item.manifest_entry() else {
            return Err(vec![start_error(format!(
                "spine item `{}` is not in the package's manifest",
                item.idref()
            ))]);
        };
        let path = entry.href().decode().trim_start_matches('/').to_owned();
        let kind = entry.kind();
        if !(kind.as_str().contains("html") || path.ends_with("html") || path.ends_with(".htm")) {
            continue;
        }
        let toc = toc.get(&path).cloned();
        out.push(SpineItem {
            path,
            linear: item.is_linear(),
            toc,
        });
    }
    Ok(out)
}

/// The spine items parsed, in order, until at least `limit` bytes of them are read (each
/// member's bytes dropped once parsed); a missing one is an error. `take` gives a member's
/// bytes by its path.
fn parse_chapters(
    spine: Vec<SpineItem>,
    limit: usize,
    mut take: impl FnMut(&str) -> Option<Vec<u8>>,
) -> Result<Vec<Chapter>, Vec<Diagnostic>> {
    let mut out = Vec::with_capacity(spine.len());
    let mut seen: HashSet<String> = HashSet::new();
    let mut read = 0usize;
    for item in spine {
        if read >= limit {
            break;
        }
        // A file listed twice in the spine is read where it first comes.
        if !seen.insert(item.path.clone()) {
            continue;
        }
        let Some(bytes) = take(&item.path) else {
            return Err(vec![
                start_error("this spine item is missing from the book".to_owned())
                    .in_member(item.path),
            ]);
        };
        read = read.saturating_add(bytes.len());
        let text = super::html_decode::decode(&bytes);
        drop(bytes);
        let doc = Document::from(&*super::html_decode::expand_self_closing(&text));
        super::html_walk::flatten_deep(&doc);
        out.push(Chapter {
            path: item.path,
            doc,
            linear: item.linear,
            toc: item.toc,
        });
    }
    Ok(out)
}

/// The navigation's entries that point at the start of a file: (path, label, depth).
fn toc_labels(epub: &Epub) -> Vec<(String, String, usize)> {
    let toc = epub.toc();
    let Some(root) = toc.contents() else {
        return Vec::new();
    };
    let mut out: Vec<(String, String, usize)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for entry in root.flatten() {
        let Some(href) = entry.href() else { continue };
        let decoded = href.decode();
        let (path, fragment) = decoded.split_once('#').unwrap_or((&decoded, ""));
        let path = path.trim_start_matches('/').to_owned();
        if fragment.is_empty() && seen.insert(path.clone()) {
            out.push((path, entry.label().trim().to_owned(), entry.depth().max(1)));
        }
    }
    out
}

/// Builds the book from its chapters. `unread` names the spine items not read (a
/// preview's): a note reference into one of them is left out of the text.
fn import_book(
    head: Head,
    identifier: Option<String>,
    chapters: Vec<Chapter>,
    unread: &HashSet<String>,
    notes: &mut Vec<Note>,
) -> Option<build::Built> {
    let resolve = |href: &str| super::html_decode::resolve_link(None, href);
    let key = |member: &str, href: &str| {
        let (path, id) = href.split_once('#')?;
        if id.is_empty() || super::html_decode::scheme_of(path).is_some() {
            return None;
        }
        let path = if path.is_empty() {
            member.to_owned()
        } else {
            super::html_decode::join_member(member, &super::html_decode::percent_decode(path))
        };
        Some(format!("{path}#{id}"))
    };
    let sources: Vec<NoteSource> = chapters
        .iter()
        .enumerate()
        .map(|(i, c)| NoteSource {
            doc: &c.doc,
            member: &c.path,
            notes_item: !c.linear,
            at: i,
        })
        .collect();
    let not_read = |key: &str| key.split_once('#').is_some_and(|(m, _)| unread.contains(m));
    let found = html_notes::collect(&sources, &key, &resolve, &not_read);
    drop(sources);
    let labels = found.labels.len();
    let gave_notes: HashSet<usize> = found.footnotes.iter().map(|f| f.at).collect();
    let mut blocks = Vec::new();
    // Each chapter's tree goes once it is walked.
    for (i, chapter) in chapters.into_iter().enumerate() {
        let mut walker = HtmlWalker::new(&resolve, labels, i);
        walker.walk_children(&chapter.doc.root());
        let mut chapter_blocks = walker.finish();
        if gave_notes.contains(&i) {
            // A notes chapter is left with its heading alone: it goes, with its label.
            html_notes::drop_emptied_headings(&mut chapter_blocks);
        }
        if let Some((label, depth)) = &chapter.toc
            && !label.is_empty()
            && !chapter_blocks
                .iter()
                .take(1)
                .any(|b| matches!(b.role, Role::Heading(_)))
            && !chapter_blocks.is_empty()
        {
            blocks.push(RawBlock {
                kind: BlockKind::Prose,
                pieces: vec![Piece::Inline(super::raw::text(
                    &crate::sanitize::clean_line(label),
                ))],
                at: i,
                role: Role::Heading(u8::try_from((*depth).min(6)).unwrap_or(6)),
                top_level: true,
            });
        }
        blocks.extend(chapter_blocks);
    }
    let walked = Walked {
        blocks,
        footnotes: found.footnotes,
        labels: found.labels,
        first_def: found.first_def,
    };
    if super::too_long_blocks(std::iter::empty(), &walked, notes) {
        return None;
    }
    let mut built = build::build(head, walked, notes)?;
    if let Some(identifier) = identifier {
        built.doc.meta.id = super::ids::book_id(&built.doc.title(), &identifier);
    }
    Some(built)
}

/// The title, creators and source (publisher, date, language, identifier) from the
/// package metadata, and the unique identifier.
fn book_head(epub: &Epub) -> (Head, Option<String>) {
    let metadata = epub.metadata();
    let clean = |s: &str| crate::sanitize::clean_line(s.trim()).into_owned();
    let title = metadata
        .title()
        .map(|t| clean(t.value()))
        .filter(|t| !t.is_empty());
    let authors: Vec<String> = metadata
        .creators()
        .map(|c| clean(c.value()))
        .filter(|c| !c.is_empty())
        .collect();
    let identifier = metadata
        .identifier()
        .map(|i| clean(i.value()))
        .filter(|i| !i.is_empty());
    let publisher = metadata.publishers().next().map(|p| clean(p.value()));
    let date = metadata.published().map(|d| d.to_string());
    let date = date.map(|d| d.get(..10).unwrap_or(&d).to_owned());
    let language = metadata
        .language()
        .map(|l| format!("language {}", clean(l.value())));
    // A DOI or a URL among the identifiers (ISBNs and UUIDs name the book but are neither).
    let ids: Vec<String> = metadata.identifiers().map(|i| clean(i.value())).collect();
    let biblio = crate::model::Biblio {
        kind: Some(crate::model::WorkType::Book),
        date: date.clone(),
        publisher: publisher.clone(),
        doi: ids
            .iter()
            .find_map(|i| crate::model::biblio::normalize_doi(i)),
        url: ids
            .iter()
            .find(|i| crate::model::biblio::url_problem(i).is_none())
            .cloned(),
        ..Default::default()
    };
    let published = date.as_ref().map(|d| format!("published {d}"));
    let parts: Vec<String> = [publisher, published, language, identifier.clone()]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    let head = Head {
        fm: FrontMatter {
            authors,
            source: (!parts.is_empty()).then(|| parts.join(", ")),
            biblio,
            ..FrontMatter::default()
        },
        title: title.map(|t| vec![Piece::Inline(super::raw::text(&t))]),
        author_note: None,
    };
    (head, identifier)
}
