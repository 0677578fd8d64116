//! Opening an article progressively (issue 20): the reader shows its first screen as soon
//! as the part of the article it needs is read, and the rest follows from a background
//! thread. Plain data: nothing here knows about the terminal.
//!
//! [`open`] does the first part in the caller's thread and returns it with the [`Rest`],
//! which the event loop runs in a thread of its own, sending [`Msg`]s into the loop's one
//! channel:
//!
//! - a book in the cache ([`crate::cache`]), found by the file's stamp without reading the
//!   file ([`cache::quick_entry`]), is shown from its first frames; the thread hashes the
//!   file to make sure it is the one the entry was made from (else it converts it anew and
//!   sends it whole), then sends the rest in [`Msg::Part`]s that only ever add to the end
//!   (sections, paragraphs, then the footnotes), each at least as large as all before it,
//!   so the reader's work to take them in adds up to about one reading of the whole;
//! - any other large file is read whole in the thread (from its cache entry if the stamp
//!   did not find it, else converted), and replaces what is shown in one [`Msg::Whole`]:
//!   meanwhile a Markdown file's first 64 KiB are shown, read as an article of their own,
//!   or an EPUB book's first chapters ([`crate::import::preview_epub`]), else a page that
//!   says what is being read (with the pages of a PDF as they go); the
//!   conversion is kept in the cache with the file's stamp, so the next open streams;
//! - a small file, the bundled article, or an article without a cache is read at once, as
//!   before: it costs less than starting a thread.
//!
//! The notes are never anchored against part of an article: the reader opens them only
//! once the article is whole (see `update::loading`).

use std::path::Path;

use crate::cache::{self, codec};
use crate::diag::FileError;
use crate::import::source::SourceFormat;
use crate::model::document::{Document, Footnote, Meta, Paragraph, Section, sections_read};
use crate::model::load::Loaded;
use crate::model::{BlockKind, Inline, ParagraphId};

/// Files from this size on are opened progressively; smaller ones are read at once.
pub const PROGRESSIVE_FROM: u64 = 256 << 10;

/// The first part of a cached article holds at least this many paragraphs (whole frames of
/// them: more than a screen shows) before the reader starts.
const FIRST_PART_PARAGRAPHS: usize = 64;

/// Of a Markdown file read whole in the background, this much is shown first.
const MARKDOWN_PREVIEW_BYTES: usize = 64 << 10;

/// What the background reader sends.
pub enum Msg {
    /// How far it is, for the status bar ("page 3 of 30", "42%").
    Progress(String),
    /// More of the article, after what came before: the sections known so far (the ones
    /// given before first, the last of them perhaps grown), the paragraphs and footnotes
    /// that follow the ones given. `done` when the article is whole.
    Part {
        /// The sections as far as they are known.
        sections: Vec<Section>,
        /// The next paragraphs.
        paragraphs: Vec<Paragraph>,
        /// The next footnotes.
        footnotes: Vec<Footnote>,
        /// How many paragraphs the article has in all.
        total: usize,
        /// The article is whole.
        done: bool,
    },
    /// The whole article, in place of what was shown: the conversion of a file that is not
    /// read in parts, or of one whose cache entry turned out damaged half-way.
    Whole(Box<Loaded>),
    /// The article cannot be read; nothing of it may be kept.
    Failed(FileError),
}

/// Where the background reader sends its messages: `false` when nobody listens any more
/// (the reader closed), and the work stops.
pub type Sink<'a> = &'a mut dyn FnMut(Msg) -> bool;

/// The rest of an article, to be read in a background thread.
pub struct Rest(Box<dyn FnOnce(Sink<'_>) + Send>);

impl Rest {
    /// Reads the rest, sending what it reads to `sink`.
    pub fn run(self, sink: Sink<'_>) {
        (self.0)(sink)
    }

    /// Reads the rest here and now and returns the messages it sent, in order (for tests
    /// and benchmarks, which feed them to the reader one by one).
    pub fn collect(self) -> Vec<Msg> {
        let mut msgs = Vec::new();
        self.run(&mut |m| {
            msgs.push(m);
            true
        });
        msgs
    }
}

impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rest(..)")
    }
}

/// An article as far as it is read: what to show first, and the rest if there is more.
pub struct Opening {
    /// What to show first (the whole article when `rest` is `None`).
    pub first: Loaded,
    /// The rest, to read in the background.
    pub rest: Option<Rest>,
}

/// Opens the article at `path` in whichever format it is ([`SourceFormat::sniff`]).
pub fn open(path: &Path) -> Result<Opening, FileError> {
    open_as(path, SourceFormat::sniff(path))
}

/// [`open`] with the format given.
pub fn open_as(path: &Path, format: SourceFormat) -> Result<Opening, FileError> {
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    if len < PROGRESSIVE_FROM {
        return whole(cache::open_as(path, format));
    }
    // Found by the file's stamp, without reading the file: shown from the cache at once,
    // the file hashed in the background (and converted anew if it is not what the entry
    // was made from).
    if let Some(entry) = cache::quick_entry(path, format)
        && let Some((opened, stream)) = entry.stream()
        && let Some(opening) = stream_first(opened, stream, path, format, entry)
    {
        return Ok(opening);
    }
    if format == SourceFormat::Ron && !(cache::enabled() && cache::caches(path, format)) {
        // A RON article the cache does not keep (under `cache::RON_CACHED_FROM`, or no
        // cache) is read at once: it has no slow conversion to wait for.
        return whole(format.open(path));
    }
    Ok(convert_in_background(path, format))
}

fn whole(loaded: Result<Loaded, FileError>) -> Result<Opening, FileError> {
    loaded.map(|first| Opening { first, rest: None })
}

/// The first part of a cached article, and the rest to stream (after `entry` is verified);
/// `None` when the entry fails before the first screen (it is then converted again).
fn stream_first<R: std::io::Read + Send + 'static>(
    opened: codec::Opened,
    mut stream: codec::Stream<R>,
    path: &Path,
    format: SourceFormat,
    entry: cache::Entry,
) -> Option<Opening> {
    let total = opened.paragraphs as usize;
    let mut all = Vec::new();
    let mut paragraphs = Vec::new();
    while paragraphs.len() < FIRST_PART_PARAGRAPHS.min(total) {
        let (s, p) = stream.next_body().ok()??;
        all.extend(s);
        paragraphs.extend(p);
    }
    let read = paragraphs.len();
    let doc = Document::new(
        opened.meta,
        sections_read(&all, read),
        paragraphs,
        Vec::new(),
        opened.glossary,
    );
    let first = Loaded {
        doc,
        warnings: opened.warnings,
    };
    let path = path.to_path_buf();
    let rest = Rest(Box::new(move |sink: Sink<'_>| {
        // Hashed before anything is converted, so what is kept is filed under the bytes
        // it was converted from.
        let hashed = cache::entry(&path, format);
        match hashed {
            Some(hashed) if hashed.key() == entry.key() => {
                let rest = Streamed {
                    stream,
                    all,
                    sent: read,
                    total,
                };
                stream_rest(rest, sink, &path, format, hashed)
            }
            other => convert_now(&path, format, other, sink),
        }
    }));
    Some(Opening {
        first,
        rest: Some(rest),
    })
}

/// Sends the rest of a cached article in parts that double in size, the footnotes with the last (which may hold no paragraph); a damaged frame
/// sends the article converted anew, whole (and kept in `entry`, hashed before).
/// A cached article being streamed: the entry's stream, the sections read so far, the
/// paragraphs sent and in all.
struct Streamed<R> {
    stream: codec::Stream<R>,
    all: Vec<Section>,
    sent: usize,
    total: usize,
}

fn stream_rest<R: std::io::Read>(
    rest: Streamed<R>,
    sink: Sink<'_>,
    path: &Path,
    format: SourceFormat,
    entry: cache::Entry,
) {
    let Streamed {
        mut stream,
        mut all,
        mut sent,
        total,
    } = rest;
    let mut batch: Vec<Paragraph> = Vec::new();
    loop {
        let frame = match stream.next_body() {
            Ok(f) => f,
            Err(_) => return convert_now(path, format, Some(entry), sink),
        };
        let last = frame.is_none();
        if let Some((sections, paragraphs)) = frame {
            all.extend(sections);
            batch.extend(paragraphs);
        }
        if !last && batch.len() < sent {
            continue;
        }
        let footnotes = if last {
            match stream.footnotes() {
                Ok(f) => f,
                Err(_) => return convert_now(path, format, Some(entry), sink),
            }
        } else {
            Vec::new()
        };
        sent += batch.len();
        let part = Msg::Part {
            sections: sections_read(&all, sent),
            paragraphs: std::mem::take(&mut batch),
            footnotes,
            total,
            done: last,
        };
        if !sink(part) || last {
            return;
        }
    }
}

/// What to show while a file not found by its stamp is read in the background: from its
/// cache entry if it has one (a file touched, copied, or first opened by this build), else
/// converted.
fn convert_in_background(path: &Path, format: SourceFormat) -> Opening {
    let first = match format {
        SourceFormat::Markdown => markdown_preview(path),
        SourceFormat::Epub => crate::import::preview_epub(path),
        _ => None,
    }
    .unwrap_or_else(|| placeholder(path));
    let path = path.to_path_buf();
    let rest = Rest(Box::new(move |sink: Sink<'_>| {
        let entry = cache::entry(&path, format);
        if let Some(loaded) = entry.as_ref().and_then(cache::Entry::load) {
            entry.iter().for_each(cache::Entry::remember);
            sink(Msg::Whole(Box::new(loaded)));
            return;
        }
        convert_now(&path, format, entry, sink)
    }));
    Opening {
        first,
        rest: Some(rest),
    }
}

/// Converts the file, telling its progress (the pages of a PDF), keeps the conversion in
/// the cache under `entry` (hashed before the conversion, so a file that changes meanwhile
/// is not kept under the wrong bytes), and sends it whole (or why it failed): the
/// background work for a file not in the cache.
pub fn convert_now(path: &Path, format: SourceFormat, entry: Option<cache::Entry>, sink: Sink<'_>) {
    let mut listening = true;
    let mut last = 0;
    let converted = format.open_reporting(path, &mut |done, total| {
        if listening && done != last {
            last = done;
            listening = sink(Msg::Progress(format!("page {done} of {total}")));
        }
    });
    match converted {
        Ok(loaded) => {
            // Written before it is sent: the document moves to the reader.
            if let Some(entry) = entry {
                entry.keep(&loaded);
            }
            sink(Msg::Whole(Box::new(loaded)));
        }
        Err(e) => {
            sink(Msg::Failed(e));
        }
    }
}

/// The first [`MARKDOWN_PREVIEW_BYTES`] of a Markdown file read as an article of their
/// own, cut after the last blank line: what the reader shows while the whole file is
/// converted.
fn markdown_preview(path: &Path) -> Option<Loaded> {
    use std::io::Read as _;
    let mut bytes = Vec::with_capacity(MARKDOWN_PREVIEW_BYTES);
    crate::diag::open_text_file(path, crate::model::load::MAX_ARTICLE_BYTES)
        .ok()?
        .take(MARKDOWN_PREVIEW_BYTES as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
    };
    let cut = text.rfind("\n\n")?;
    // Its warnings are not the file's (a footnote defined further on is missing here).
    let mut preview = crate::import::parse_markdown(&text[..cut + 1]).ok()?;
    preview.warnings.clear();
    Some(preview)
}

/// An article of one paragraph that says what is being read.
pub fn placeholder(path: &Path) -> Loaded {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = |t: String| Inline::Text {
        text: crate::sanitize::clean_line(&t).into_owned(),
        style: Default::default(),
    };
    let meta = Meta {
        id: String::new(),
        title: vec![text(name.clone())],
        authors: Vec::new(),
        author_note: None,
        source: None,
        biblio: Default::default(),
    };
    let paragraph = Paragraph {
        id: ParagraphId("lectern-reading".into()),
        kind: BlockKind::Prose,
        inlines: vec![text(format!(
            "Reading {name}: the text is shown here as soon as it is read."
        ))],
        section: 0,
    };
    let section = Section {
        heading: None,
        level: 0,
        number: String::new(),
        parent: None,
        paragraphs: 0..1,
    };
    Loaded {
        doc: Document::new(
            meta,
            vec![section],
            vec![paragraph],
            Vec::new(),
            Default::default(),
        ),
        warnings: Vec::new(),
    }
}
