//! Changing the library: adding, updating, removing, tagging, and noting that an article
//! was opened. Every change takes the library lock, reads the entries, changes them, and
//! writes the entry file and the index durably before letting go.

use std::path::Path;

use super::{Entry, LibraryError, article_path, entry_path, list, lock, write_index};
use crate::diag::{FileError, WHOLE_FILE};
use crate::model::Document;
use crate::model::load::Loaded;

/// What `add` did.
#[derive(Debug)]
pub struct Added {
    /// The entry as it is now.
    pub entry: Entry,
    /// Whether the article was in the library already (it was updated).
    pub updated: bool,
    /// Warnings found converting it.
    pub warnings: Vec<crate::diag::Diagnostic>,
}

/// Whether `id` can name a file in the library (the rules of article ids): an id read
/// from a damaged index never reaches outside it.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The entry of `doc` with its progress and notes count as the data directory has them,
/// keeping what `old` knew (tags, dates).
pub fn entry_of(data_dir: &Path, doc: &Document, old: Option<&Entry>) -> Entry {
    let old = old.cloned().unwrap_or_default();
    let (state, _) = crate::notes::state::ReadingState::open(data_dir, doc);
    Entry {
        id: doc.meta.id.clone(),
        title: doc.title(),
        authors: doc.meta.authors.clone(),
        progress: percent(state.read(doc).len(), doc.paragraphs.len()),
        notes: notes_count(data_dir, &doc.meta.id),
        ..old
    }
}

/// `part` of `whole` in whole percent, rounded down (100 only when all is read).
pub fn percent(part: usize, whole: usize) -> u8 {
    if whole == 0 {
        return 0;
    }
    (part.min(whole) * 100 / whole) as u8
}

fn notes_count(data_dir: &Path, id: &str) -> usize {
    let path = crate::notes::notes_path(data_dir, id);
    if !path.exists() {
        return 0;
    }
    crate::notes::read_file(&path).map_or(0, |f| f.written_notes())
}

/// Converts the article at `source` and keeps it in the library; adding it again updates
/// it (its notes stay attached: they are filed under the article's id).
pub fn add(data_dir: &Path, source: &Path) -> Result<Added, LibraryError> {
    // Through the cache: a book already read converts no second time.
    let loaded = crate::content::open(Some(source))?;
    let doc = &loaded.doc;
    let ron = crate::import::to_ron(doc).map_err(|e| {
        LibraryError::io(
            source,
            std::io::Error::other(format!("cannot convert: {e}")),
        )
    })?;
    let shown = std::fs::canonicalize(source)
        .unwrap_or_else(|_| source.to_path_buf())
        .display()
        .to_string();
    let _lock = lock(data_dir)?;
    let mut entries = list(data_dir).entries;
    let old = entries.iter().position(|e| e.id == doc.meta.id);
    let path = article_path(data_dir, &doc.meta.id);
    crate::durable::write(&path, ron.as_bytes(), false).map_err(|e| LibraryError::io(&path, e))?;
    let mut entry = entry_of(data_dir, doc, old.map(|i| &entries[i]));
    entry.source = Some(shown);
    if old.is_none() || entry.added == 0 {
        entry.added = crate::notes::now();
    }
    save(data_dir, &mut entries, old, entry.clone())?;
    Ok(Added {
        entry,
        updated: old.is_some(),
        warnings: loaded.warnings,
    })
}

/// Writes `entry`'s file, puts it at `at` (or adds it), and writes the index.
fn save(
    data_dir: &Path,
    entries: &mut Vec<Entry>,
    at: Option<usize>,
    entry: Entry,
) -> Result<(), LibraryError> {
    let path = entry_path(data_dir, &entry.id);
    crate::notes::to_ron(&entry)
        .and_then(|text| crate::durable::write(&path, text.as_bytes(), false))
        .map_err(|e| LibraryError::io(&path, e))?;
    match at {
        Some(i) => entries[i] = entry,
        None => entries.push(entry),
    }
    super::sort(entries);
    write_index(data_dir, entries)
}

/// Removes article `id` from the library (its notes stay). Returns its entry.
pub fn remove(data_dir: &Path, id: &str) -> Result<Entry, LibraryError> {
    if id == super::bundled_entry().id {
        return Err(LibraryError::Bundled);
    }
    let _lock = lock(data_dir)?;
    let mut entries = list(data_dir).entries;
    let Some(i) = entries.iter().position(|e| e.id == id) else {
        return Err(LibraryError::NotFound(id.to_owned()));
    };
    let entry = entries.remove(i);
    if valid_id(id) {
        for path in [article_path(data_dir, id), entry_path(data_dir, id)] {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(LibraryError::io(&path, e)),
            }
        }
    }
    write_index(data_dir, &entries)?;
    Ok(entry)
}

/// A tag as kept: without a leading `#`, trimmed; `None` when nothing is left or it holds
/// spaces or control characters.
pub fn clean_tag(tag: &str) -> Option<String> {
    let tag = tag.trim().trim_start_matches('#');
    let ok = !tag.is_empty()
        && tag.chars().count() <= 64
        && !tag.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| tag.to_owned())
}

/// Gives article `id` the tag `tag` (once). Returns its entry.
pub fn add_tag(data_dir: &Path, id: &str, tag: &str) -> Result<Entry, LibraryError> {
    let Some(tag) = clean_tag(tag) else {
        return Err(LibraryError::BadTag(tag.to_owned()));
    };
    update(data_dir, id, |e| {
        if !e.tags.contains(&tag) {
            e.tags.push(tag.clone());
        }
    })
}

/// Notes that article `id` was opened now, with its progress and notes count, or keeping
/// the ones it had when they are not known (`None`: the reader closed before the article
/// was whole). An article that is not in the library is left out of it.
pub fn touch(
    data_dir: &Path,
    id: &str,
    progress_and_notes: Option<(u8, usize)>,
) -> Result<(), LibraryError> {
    match update(data_dir, id, |e| {
        e.last_opened = crate::notes::now().max(e.last_opened);
        if let Some((progress, notes)) = progress_and_notes {
            e.progress = progress;
            e.notes = notes;
        }
    }) {
        Ok(_) | Err(LibraryError::NotFound(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

fn update(
    data_dir: &Path,
    id: &str,
    change: impl FnOnce(&mut Entry),
) -> Result<Entry, LibraryError> {
    if !valid_id(id) {
        return Err(LibraryError::NotFound(id.to_owned()));
    }
    let _lock = lock(data_dir)?;
    let mut entries = list(data_dir).entries;
    let Some(i) = entries.iter().position(|e| e.id == id) else {
        return Err(LibraryError::NotFound(id.to_owned()));
    };
    let mut entry = entries[i].clone();
    change(&mut entry);
    save(data_dir, &mut entries, Some(i), entry.clone())?;
    Ok(entry)
}

/// Reads article `id` from the library (the bundled one when it has no file there).
pub fn load_article(data_dir: &Path, id: &str) -> Result<Loaded, FileError> {
    load_checked(data_dir, id, |path| {
        crate::cache::open_as(path, crate::import::SourceFormat::Ron)
    })
}

/// [`load_article`] for the reader: a big book in the cache shows its first screen from
/// the cache's first frames and streams the rest ([`crate::loading`]); one that is not is
/// read at once (its id must be checked before it is shown).
pub fn open_article(data_dir: &Path, id: &str) -> Result<crate::loading::Opening, FileError> {
    let mut rest = None;
    let first = load_checked(data_dir, id, |path| {
        let opening = crate::loading::open_as(path, crate::import::SourceFormat::Ron)?;
        if opening.first.doc.meta.id != id {
            // A placeholder (the article is not known yet), or the stamp found another
            // article's entry: read it at once, so its id can be checked, and note its
            // stamp, so that the next open streams it.
            return crate::cache::open_and_remember(path, crate::import::SourceFormat::Ron);
        }
        rest = opening.rest;
        Ok(opening.first)
    })?;
    Ok(crate::loading::Opening { first, rest })
}

fn load_checked(
    data_dir: &Path,
    id: &str,
    load: impl FnOnce(&Path) -> Result<Loaded, FileError>,
) -> Result<Loaded, FileError> {
    let path = article_path(data_dir, id);
    if !valid_id(id) {
        return Err(FileError::one(
            &path.display().to_string(),
            WHOLE_FILE,
            format!("`{id}` is not an article id"),
        ));
    }
    if !path.exists() && id == super::bundled_entry().id {
        return crate::content::bundled();
    }
    // A big converted book loads from the cache of conversions ([`crate::cache`]).
    let loaded = load(&path)?;
    if loaded.doc.meta.id != id {
        return Err(FileError::one(
            &path.display().to_string(),
            WHOLE_FILE,
            format!("holds article `{}`, not `{id}`", loaded.doc.meta.id),
        ));
    }
    Ok(loaded)
}
