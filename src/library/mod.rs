//! The library: the articles a reader keeps, converted once to lectern's RON format.
//!
//! Under the data directory:
//! - `library/<article-id>.ron`: the converted article (what is read; the source file may
//!   be gone);
//! - `library/entries/<article-id>.ron`: its entry (title, authors, tags, where it came
//!   from, when it was added and last opened, progress, notes count), the record that
//!   tags and dates live in;
//! - `library.ron`: the index, every entry in one small file, so the library is listed
//!   without reading an article. It is rebuilt from the entry and article files when it
//!   is missing or damaged, never the other way round;
//! - `library.lock`: held (with [`crate::notes::lock`]) while any of these is written, so
//!   two lecterns adding at once lose nothing.
//!
//! The bundled article is always listed. Nothing here knows about the terminal.

pub mod filter;
pub mod ops;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diag::{FileError, read_text_file};

pub use ops::{Added, add, add_tag, load_article, open_article, remove, touch};

/// The index file format version.
pub const INDEX_FORMAT: u32 = 1;
/// Largest index file read (an entry is a few hundred bytes: room for 50,000 articles).
pub const MAX_INDEX_BYTES: u64 = 16 << 20;
/// Largest entry file read.
pub const MAX_ENTRY_BYTES: u64 = 1 << 20;
/// The most entries an index may hold.
pub const MAX_ENTRIES: usize = 100_000;

/// One article of the library, as listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Entry")]
pub struct Entry {
    /// The article id (its notes are filed under it).
    pub id: String,
    /// The title, as plain text.
    pub title: String,
    /// The authors in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Tags the reader gave it (`#pols201`), without the `#`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The file it was added from (it may be gone since).
    #[serde(default)]
    pub source: Option<String>,
    /// When it was added (Unix seconds).
    #[serde(default)]
    pub added: u64,
    /// When it was last opened (Unix seconds; 0: never).
    #[serde(default)]
    pub last_opened: u64,
    /// The share of its paragraphs read, in percent.
    #[serde(default)]
    pub progress: u8,
    /// How many notes it has.
    #[serde(default)]
    pub notes: usize,
}

/// The index file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Library")]
pub struct IndexFile {
    /// Format version.
    pub format: u32,
    /// The entries.
    #[serde(default)]
    pub entries: Vec<Entry>,
}

/// The library as read: its entries (sorted, the bundled article among them) and what
/// the reader should be told (damaged files skipped, the index rebuilt).
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// Entries, most recently opened first.
    pub entries: Vec<Entry>,
    /// One message per problem, naming the file.
    pub messages: Vec<String>,
}

/// What went wrong with the library.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// A file could not be read or converted.
    #[error("{0}")]
    File(#[from] FileError),
    /// A file could not be written or removed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The library lock could not be taken.
    #[error("the library is busy or its lock cannot be used: {0}")]
    Locked(String),
    /// No entry has this id.
    #[error("no article `{0}` in the library (`lectern library` lists them)")]
    NotFound(String),
    /// A tag must be one word.
    #[error("`{0}` is not a tag (one word, like #pols201)")]
    BadTag(String),
    /// The bundled article cannot be removed.
    #[error("the bundled article is always in the library")]
    Bundled,
}

impl LibraryError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        LibraryError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// The directory of converted articles.
pub fn articles_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("library")
}

/// The converted article `id`.
pub fn article_path(data_dir: &Path, id: &str) -> PathBuf {
    articles_dir(data_dir).join(format!("{id}.ron"))
}

/// The entry file of `id`.
pub fn entry_path(data_dir: &Path, id: &str) -> PathBuf {
    articles_dir(data_dir)
        .join("entries")
        .join(format!("{id}.ron"))
}

/// The index file.
pub fn index_path(data_dir: &Path) -> PathBuf {
    data_dir.join("library.ron")
}

/// The lock file.
pub fn lock_path(data_dir: &Path) -> PathBuf {
    data_dir.join("library.lock")
}

/// The bundled article's entry (from [`crate::content::BUNDLED_ID`] and its neighbours).
pub fn bundled_entry() -> &'static Entry {
    static BUNDLED: OnceLock<Entry> = OnceLock::new();
    BUNDLED.get_or_init(|| Entry {
        id: crate::content::BUNDLED_ID.to_owned(),
        title: crate::content::BUNDLED_TITLE.to_owned(),
        authors: crate::content::BUNDLED_AUTHORS.map(str::to_owned).to_vec(),
        source: Some(crate::content::BUNDLED_NAME.to_owned()),
        ..Entry::default()
    })
}

/// Parses index text.
pub fn parse_index(text: &str) -> Result<IndexFile, Vec<crate::diag::Diagnostic>> {
    let file: IndexFile = crate::model::load::parse_ron(text)?;
    if file.format != INDEX_FORMAT {
        return Err(vec![crate::diag::Diagnostic::error(
            crate::diag::WHOLE_FILE,
            format!("library index format {} is not supported", file.format),
        )]);
    }
    if file.entries.len() > MAX_ENTRIES {
        return Err(vec![crate::diag::Diagnostic::error(
            crate::diag::WHOLE_FILE,
            format!("more than {MAX_ENTRIES} entries"),
        )]);
    }
    Ok(file)
}

/// Parses an entry file.
pub fn parse_entry(text: &str) -> Result<Entry, Vec<crate::diag::Diagnostic>> {
    crate::model::load::parse_ron(text)
}

fn read_ron<T>(
    path: &Path,
    limit: u64,
    parse: fn(&str) -> Result<T, Vec<crate::diag::Diagnostic>>,
) -> Result<T, FileError> {
    let text = read_text_file(path, limit)?;
    parse(&text).map_err(|diagnostics| FileError {
        path: path.display().to_string(),
        diagnostics,
    })
}

/// Reads the entry file of `id`.
pub fn read_entry(data_dir: &Path, id: &str) -> Result<Entry, FileError> {
    read_ron(&entry_path(data_dir, id), MAX_ENTRY_BYTES, parse_entry)
}

/// Lists the library: the index, or (when it is missing or damaged) the entries rebuilt
/// from the files, which is said in the messages. Never writes.
pub fn list(data_dir: &Path) -> Listing {
    let path = index_path(data_dir);
    let mut listing = if path.exists() {
        match read_ron(&path, MAX_INDEX_BYTES, parse_index) {
            Ok(index) => Listing {
                entries: index.entries,
                messages: Vec::new(),
            },
            Err(e) => {
                let mut l = rebuild(data_dir);
                l.messages.insert(
                    0,
                    format!("{e}; the library index is rebuilt from the article files"),
                );
                l
            }
        }
    } else {
        rebuild(data_dir)
    };
    with_bundled(&mut listing.entries, data_dir);
    sort(&mut listing.entries);
    listing
}

/// Adds the bundled article when the entries lack it.
fn with_bundled(entries: &mut Vec<Entry>, data_dir: &Path) {
    let bundled = bundled_entry();
    if entries.iter().any(|e| e.id == bundled.id) {
        return;
    }
    entries.push(read_entry(data_dir, &bundled.id).unwrap_or_else(|_| bundled.clone()));
}

/// Most recently opened first, then most recently added, then by title.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.last_opened
            .cmp(&a.last_opened)
            .then(b.added.cmp(&a.added))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The entries made anew from the files: each article file's entry file, or when that is
/// damaged or missing, the article itself (its tags and dates are then lost). A damaged
/// article is skipped and reported with its path.
pub fn rebuild(data_dir: &Path) -> Listing {
    let mut listing = Listing::default();
    let dir = articles_dir(data_dir);
    let Ok(read) = std::fs::read_dir(&dir) else {
        return listing;
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
        .collect();
    paths.sort();
    for path in paths.into_iter().take(MAX_ENTRIES) {
        let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if let Ok(entry) = read_entry(data_dir, id)
            && entry.id == id
        {
            listing.entries.push(entry);
            continue;
        }
        match crate::model::load::load_file(&path) {
            Ok(loaded) if loaded.doc.meta.id == id => {
                listing
                    .entries
                    .push(ops::entry_of(data_dir, &loaded.doc, None));
            }
            Ok(loaded) => listing.messages.push(format!(
                "{}: holds article `{}`, not `{id}`; skipped",
                path.display(),
                loaded.doc.meta.id
            )),
            Err(e) => listing.messages.push(format!("{e}; skipped")),
        }
    }
    listing
}

/// Writes the index durably (the caller holds the lock).
pub(crate) fn write_index(data_dir: &Path, entries: &[Entry]) -> Result<(), LibraryError> {
    let path = index_path(data_dir);
    let file = IndexFile {
        format: INDEX_FORMAT,
        entries: entries.to_vec(),
    };
    crate::notes::to_ron(&file)
        .and_then(|text| crate::durable::write(&path, text.as_bytes(), true))
        .map_err(|e| LibraryError::io(&path, e))
}

/// The library lock, held until dropped.
#[derive(Debug)]
pub struct LibraryLock {
    _file: std::fs::File,
}

/// Takes the library lock, waiting (up to ten seconds) while another lectern holds it.
pub fn lock(data_dir: &Path) -> Result<LibraryLock, LibraryError> {
    use crate::notes::lock::{Taken, take};
    std::fs::create_dir_all(data_dir).map_err(|e| LibraryError::io(data_dir, e))?;
    let path = lock_path(data_dir);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match take(&path) {
            Taken::Locked(file) => return Ok(LibraryLock { _file: file }),
            Taken::Refused(why)
                if why.is_lock()
                    && matches!(why, crate::notes::ReadOnly::HeldByOther { .. })
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Taken::Refused(why) => return Err(LibraryError::Locked(why.to_string())),
        }
    }
}

/// The width of the id column for `entries`: the longest id, at most 40 columns.
pub fn id_width<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> usize {
    entries
        .into_iter()
        .map(|e| e.id.chars().count())
        .max()
        .unwrap_or(0)
        .min(40)
}

/// One entry as a line of `lectern library` and of the library screen: id (padded to
/// `id_width`), progress, notes, the day last opened (`now` for the article open in the
/// reader, `open_now`), title, authors and tags (control characters made visible).
pub fn entry_line(e: &Entry, id_width: usize, open_now: bool) -> String {
    use std::fmt::Write as _;
    let opened = if open_now {
        "now".to_owned()
    } else if e.last_opened == 0 {
        "never".to_owned()
    } else {
        crate::notes::export::iso_utc(e.last_opened)[..10].to_owned()
    };
    let mut line = format!(
        "{:<id_width$}  {:>3}%  {:>9}  opened {opened:<10}  {}",
        e.id,
        e.progress,
        crate::notes::export::count(e.notes, "note", "notes"),
        e.title
    );
    if !e.authors.is_empty() {
        let _ = write!(line, " — {}", e.authors.join(", "));
    }
    for t in &e.tags {
        let _ = write!(line, " #{t}");
    }
    crate::sanitize::clean_line(&line).into_owned()
}

/// The entry of the article read most recently, if any was ever opened.
pub fn last_opened(data_dir: &Path) -> Option<Entry> {
    list(data_dir)
        .entries
        .into_iter()
        .filter(|e| e.last_opened > 0)
        .max_by_key(|e| e.last_opened)
}

#[cfg(test)]
mod tests;
