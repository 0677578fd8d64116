//! The reader's notes: one RON file per article under the data directory, saved durably,
//! guarded by a lock so two lecterns never overwrite each other, and anchored to
//! paragraphs so a revised article keeps them. Nothing here knows about the terminal.

pub mod anchor;
pub mod attach;
pub mod error;
pub mod export;
pub mod highlights;
pub mod lock;
pub mod review;
pub mod state;
pub mod terms;

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{FileError, read_text_file};
use crate::model::Document;
use anchor::Placement;
pub use error::{NotesError, SaveError};
pub use lock::ReadOnly;

/// The notes file format version.
pub const NOTES_FORMAT: u32 = 1;
/// Largest notes file read.
pub const MAX_NOTES_BYTES: u64 = 64 << 20;

/// A note as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Note")]
pub struct Note {
    /// Id of the paragraph it belongs to.
    pub paragraph: String,
    /// Fingerprint of the paragraph's text when the note was written.
    pub fingerprint: String,
    /// The start of the paragraph, to find it again.
    pub quote: String,
    /// The note.
    pub text: String,
    /// Unix time of creation.
    pub created: u64,
    /// Unix time of the last change.
    pub modified: u64,
}

/// What names a note across re-readings of the file: its paragraph, when it was written,
/// and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteKey {
    paragraph: String,
    created: u64,
    text_hash: u64,
}

impl Note {
    /// The note's key.
    pub fn key(&self) -> NoteKey {
        NoteKey {
            paragraph: self.paragraph.clone(),
            created: self.created,
            text_hash: crate::model::hash::fnv1a64(self.text.as_bytes()),
        }
    }
}

/// A notes file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Notes")]
pub struct NotesFile {
    /// Format version.
    pub format: u32,
    /// The article's id.
    pub article: String,
    /// The notes, in reading order (detached ones last).
    pub notes: Vec<Note>,
    /// The highlights (new in this version of format 1: files without them still load).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<highlights::Highlight>,
    /// The student's own glossary entries (absent in older files; not written when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<terms::PersonalTerm>,
}

/// A note in memory and where it is attached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteEntry {
    /// The note.
    pub note: Note,
    /// The paragraph index, or `None` for a detached note.
    pub attached: Option<usize>,
}

/// What a change did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new note.
    Created,
    /// The note's text changed.
    Updated,
    /// The note was emptied and removed.
    Deleted,
    /// Nothing changed.
    Unchanged,
}

/// What bringing back a deleted note did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restored {
    /// No note was deleted.
    Nothing,
    /// The note is back on its paragraph (`None`: a detached note).
    Back(Option<usize>),
    /// Its paragraph had a new note: the old text was added to it.
    Joined(Option<usize>),
}

/// Parses notes text.
pub fn parse(text: &str) -> Result<NotesFile, Vec<crate::diag::Diagnostic>> {
    let file: NotesFile = crate::model::load::parse_ron(text)?;
    if file.format != NOTES_FORMAT {
        let map = crate::model::locate::SourceMap::new(text);
        let pos = map.pos_or_parent(&[crate::model::locate::Seg::Key("format")], None);
        return Err(vec![crate::diag::Diagnostic::error(
            pos,
            format!(
                "notes format {} is not supported; this lectern reads format {NOTES_FORMAT}",
                file.format
            ),
        )]);
    }
    Ok(file)
}

/// Reads and validates a notes file.
pub fn read_file(path: &Path) -> Result<NotesFile, FileError> {
    let text = read_text_file(path, MAX_NOTES_BYTES)?;
    parse(&text).map_err(|diagnostics| FileError {
        path: path.display().to_string(),
        diagnostics,
    })
}

/// The notes file of an article under a data directory.
pub fn notes_path(data_dir: &Path, article: &str) -> PathBuf {
    data_dir.join("notes").join(format!("{article}.ron"))
}

/// The notes of one article, in memory, with the right to write them or not.
#[derive(Debug)]
pub struct NotesStore {
    article: String,
    path: Option<PathBuf>,
    lock: Option<File>,
    read_only: Option<ReadOnly>,
    entries: Vec<NoteEntry>,
    by_paragraph: HashMap<usize, usize>,
    dirty: bool,
    deleted: Option<NoteEntry>,
    highlights: highlights::Highlights,
    terms: terms::Terms,
    /// The last save error, shown until a save succeeds.
    pub last_error: Option<String>,
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl NotesStore {
    /// Notes kept only in memory (no data directory).
    pub fn in_memory(article: &str) -> Self {
        NotesStore {
            article: article.to_owned(),
            path: None,
            lock: None,
            read_only: None,
            entries: Vec::new(),
            by_paragraph: HashMap::new(),
            dirty: false,
            deleted: None,
            highlights: highlights::Highlights::default(),
            terms: terms::Terms::default(),
            last_error: None,
        }
    }

    /// Opens the notes of `doc` under `data_dir`: takes the lock, reads the file (or its
    /// backup when the file is unreadable), anchors every note. Returns messages for the
    /// user (read-only, moved or detached notes).
    pub fn open(data_dir: &Path, doc: &Document) -> (Self, Vec<String>) {
        let mut store = NotesStore::in_memory(&doc.meta.id);
        let path = notes_path(data_dir, &doc.meta.id);
        store.path = Some(path.clone());
        let mut messages = Vec::new();
        store.take_lock();
        // A damaged file is told by the read-only message (what is wrong, what is shown).
        messages.extend(store.load(doc));
        if let Some(why) = &store.read_only {
            messages.insert(0, format!("Notes are read-only: {why}"));
        }
        (store, messages)
    }

    fn lock_path(&self) -> Option<PathBuf> {
        self.path.as_ref().map(|p| p.with_extension("lock"))
    }

    /// Tries to take the lock; when it cannot be had, the notes are read-only and say why.
    /// Once it is ours, temporary files that a crashed lectern left are removed.
    fn take_lock(&mut self) -> bool {
        let Some(lock_path) = self.lock_path() else {
            return true;
        };
        if self.lock.is_some() {
            return true;
        }
        if let Some(dir) = lock_path.parent()
            && std::fs::create_dir_all(dir).is_err()
        {
            // No directory: no notes file can exist, and saving fails and says why.
            return true;
        }
        match lock::take(&lock_path) {
            lock::Taken::Locked(file) => {
                self.lock = Some(file);
                if self.read_only.as_ref().is_some_and(ReadOnly::is_lock) {
                    self.read_only = None;
                }
                if let Some(dir) = lock_path.parent() {
                    crate::durable::remove_stale_temps(dir);
                }
                true
            }
            lock::Taken::Refused(why) => {
                self.read_only = Some(why);
                false
            }
        }
    }

    /// Reads the file into memory. A missing file is no notes; an unreadable one is never
    /// written over: its backup is shown read-only, or nothing.
    fn load(&mut self, doc: &Document) -> Vec<String> {
        let Some(path) = self.path.clone() else {
            return Vec::new();
        };
        if !path.exists() {
            return Vec::new();
        }
        let file = match read_file(&path) {
            Ok(f) => f,
            Err(e) => {
                let bak = crate::durable::backup_path(&path);
                let (notes, marked, from) = match read_file(&bak) {
                    Ok(f) => {
                        self.terms.replace(f.terms);
                        (
                            f.notes,
                            f.highlights,
                            format!("showing the backup {}", bak.display()),
                        )
                    }
                    Err(_) => {
                        self.terms.replace(Vec::new());
                        (Vec::new(), Vec::new(), "no backup could be read".to_owned())
                    }
                };
                self.read_only = Some(ReadOnly::Damaged {
                    error: e.to_string(),
                    shown: from,
                });
                self.set_entries(doc, notes);
                self.set_highlights(doc, marked);
                return Vec::new();
            }
        };
        if file.article != doc.meta.id {
            self.read_only = Some(ReadOnly::OtherArticle {
                path: path.display().to_string(),
                article: file.article.clone(),
            });
        }
        self.terms.replace(file.terms);
        let mut messages = self.set_entries(doc, file.notes);
        messages.extend(self.set_highlights(doc, file.highlights));
        messages
    }

    /// Notes anchored against `doc`, read-only (for export).
    pub fn anchored(doc: &Document, notes: Vec<Note>) -> Vec<NoteEntry> {
        let mut store = NotesStore::in_memory(&doc.meta.id);
        store.set_entries(doc, notes);
        store.entries
    }

    fn set_entries(&mut self, doc: &Document, notes: Vec<Note>) -> Vec<String> {
        if notes.is_empty() {
            // Nothing to anchor: do not read the whole text (a book is megabytes).
            self.entries.clear();
            self.reindex();
            return Vec::new();
        }
        let texts: Vec<String> = doc
            .paragraphs
            .iter()
            .map(|p| anchor::normalized(&p.plain_text()))
            .collect();
        let mut moved = 0;
        let mut detached = 0;
        self.entries = notes
            .into_iter()
            .map(|mut note| {
                let attached = match anchor::place(
                    doc,
                    &texts,
                    &note.paragraph,
                    &note.fingerprint,
                    &note.quote,
                ) {
                    Placement::Exact(p) => Some(p),
                    Placement::Moved(p) => {
                        moved += 1;
                        note.paragraph = doc.paragraphs[p].id.0.clone();
                        note.fingerprint = anchor::fingerprint(&texts[p]);
                        note.quote = anchor::quote(&texts[p]);
                        self.dirty = true;
                        Some(p)
                    }
                    Placement::Detached => {
                        detached += 1;
                        None
                    }
                };
                NoteEntry { note, attached }
            })
            .collect();
        let merged = self.merge_same_paragraph();
        self.reindex();
        let mut messages = Vec::new();
        if merged > 0 {
            messages.push(format!(
                "{} the note of the same paragraph (their paragraphs were merged in the article)",
                export::count(merged, "note joined", "notes joined")
            ));
        }
        if moved > 0 {
            messages.push(format!(
                "{} to paragraphs that changed",
                export::count(moved, "note re-attached", "notes re-attached")
            ));
        }
        if detached > 0 {
            messages.push(if detached == 1 {
                "1 note detached: its paragraph is gone (see the notes list)".to_owned()
            } else {
                format!("{detached} notes detached: their paragraphs are gone (see the notes list)")
            });
        }
        messages
    }

    /// One note per paragraph: notes that came to rest on the same paragraph (the article
    /// merged two paragraphs) are joined, text after text, so none is hidden or lost.
    /// Linear in the number of notes and their text: a notes file with tens of thousands of
    /// notes on one paragraph opens as fast as one with them spread out.
    fn merge_same_paragraph(&mut self) -> usize {
        let mut kept: Vec<NoteEntry> = Vec::with_capacity(self.entries.len());
        let mut kept_at: HashMap<usize, usize> = HashMap::with_capacity(self.entries.len());
        let mut merged = 0;
        for entry in std::mem::take(&mut self.entries) {
            let same = entry.attached.and_then(|p| kept_at.get(&p).copied());
            match same {
                Some(k) => {
                    let k = &mut kept[k].note;
                    k.text.push_str("\n\n");
                    k.text.push_str(&entry.note.text);
                    k.created = k.created.min(entry.note.created);
                    k.modified = k.modified.max(entry.note.modified);
                    merged += 1;
                }
                None => {
                    if let Some(p) = entry.attached {
                        kept_at.insert(p, kept.len());
                    }
                    kept.push(entry);
                }
            }
        }
        if merged > 0 {
            self.dirty = true;
        }
        self.entries = kept;
        merged
    }

    fn reindex(&mut self) {
        self.entries
            .sort_by_key(|e| (e.attached.is_none(), e.attached.unwrap_or(0)));
        self.by_paragraph = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.attached.map(|p| (p, i)))
            .collect();
    }

    /// All notes: attached ones in reading order, then detached ones.
    pub fn entries(&self) -> &[NoteEntry] {
        &self.entries
    }

    /// The note on paragraph `p`.
    pub fn note_for(&self, p: usize) -> Option<&NoteEntry> {
        self.by_paragraph.get(&p).map(|&i| &self.entries[i])
    }

    /// Why notes are read-only, if they are.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Whether there are changes not yet on disk.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Where the notes are saved.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Checks that notes may be changed; a lock that could not be had is asked for again
    /// (the other lectern may have closed, the lock file may be fixed), and then the file is
    /// read anew so its changes are kept.
    pub fn ensure_writable(&mut self, doc: &Document) -> Result<(), NotesError> {
        if let Some(why) = self.read_only.clone() {
            if why.is_lock() && self.take_lock() {
                // This process could not change anything while read-only, so reading the
                // file anew loses nothing and keeps what the other lectern saved.
                self.read_only = None;
                let _ = self.load(doc);
                return self
                    .read_only
                    .clone()
                    .map_or(Ok(()), |w| Err(NotesError::ReadOnly(w)));
            }
            return Err(NotesError::ReadOnly(why));
        }
        Ok(())
    }

    /// Sets the note of paragraph `p`; an empty text deletes it (kept for [`Self::restore`]).
    pub fn set(
        &mut self,
        doc: &Document,
        p: usize,
        text: &str,
        now: u64,
    ) -> Result<Change, NotesError> {
        self.ensure_writable(doc)?;
        let text = text.trim_end();
        let change = match (self.by_paragraph.get(&p).copied(), text.trim().is_empty()) {
            (None, true) => return Ok(Change::Unchanged),
            (Some(i), true) => {
                self.deleted = Some(self.entries.remove(i));
                Change::Deleted
            }
            (Some(i), false) => {
                let note = &mut self.entries[i].note;
                if note.text == text {
                    return Ok(Change::Unchanged);
                }
                note.text = text.to_owned();
                note.modified = now;
                Change::Updated
            }
            (None, false) => {
                let plain = anchor::normalized(&doc.paragraphs[p].plain_text());
                self.entries.push(NoteEntry {
                    note: Note {
                        paragraph: doc.paragraphs[p].id.0.clone(),
                        fingerprint: anchor::fingerprint(&plain),
                        quote: anchor::quote(&plain),
                        text: text.to_owned(),
                        created: now,
                        modified: now,
                    },
                    attached: Some(p),
                });
                Change::Created
            }
        };
        self.dirty = true;
        self.reindex();
        Ok(change)
    }

    /// Deletes the note named by `key` (kept for [`Self::restore`]). The notes may be read
    /// anew first (when another lectern had them), so a note is named by its key, never by
    /// its place in the list. Returns where it was attached, or `None` when no note has
    /// that key any more.
    pub fn delete(
        &mut self,
        doc: &Document,
        key: &NoteKey,
    ) -> Result<Option<Option<usize>>, NotesError> {
        self.ensure_writable(doc)?;
        let Some(i) = self.entries.iter().position(|e| e.note.key() == *key) else {
            return Ok(None);
        };
        let entry = self.entries.remove(i);
        let attached = entry.attached;
        self.deleted = Some(entry);
        self.dirty = true;
        self.reindex();
        Ok(Some(attached))
    }

    /// Brings back the note deleted last. When its paragraph has a new note since, the old
    /// text is added after the new one, so it is not lost either way.
    pub fn restore(&mut self, doc: &Document) -> Result<Restored, NotesError> {
        self.ensure_writable(doc)?;
        let Some(entry) = self.deleted.take() else {
            return Ok(Restored::Nothing);
        };
        let p = entry.attached;
        let outcome = match p.and_then(|p| self.by_paragraph.get(&p).copied()) {
            Some(i) => {
                let note = &mut self.entries[i].note;
                note.text = format!("{}\n\n{}", note.text, entry.note.text);
                Restored::Joined(p)
            }
            None => {
                self.entries.push(entry);
                Restored::Back(p)
            }
        };
        self.dirty = true;
        self.reindex();
        Ok(outcome)
    }

    /// The file content for the current notes.
    pub fn to_file(&self) -> NotesFile {
        NotesFile {
            format: NOTES_FORMAT,
            article: self.article.clone(),
            notes: self.entries.iter().map(|e| e.note.clone()).collect(),
            highlights: self.highlights_to_file(),
            terms: self.terms.list().to_vec(),
        }
    }

    /// Writes the notes to disk if they changed. On failure the notes stay in memory and
    /// the next save tries again; the file on disk is untouched.
    pub fn save(&mut self) -> Result<(), NotesError> {
        if !self.dirty {
            return Ok(());
        }
        let Some(path) = self.path.clone() else {
            self.dirty = false;
            return Ok(());
        };
        if let Some(why) = &self.read_only {
            return Err(NotesError::ReadOnly(why.clone()));
        }
        if self.lock.is_none() {
            // The directory may exist now: take the lock before the first write.
            self.take_lock();
            if let Some(why) = &self.read_only {
                return Err(NotesError::ReadOnly(why.clone()));
            }
        }
        let written = to_ron(&self.to_file())
            .and_then(|text| crate::durable::write(&path, text.as_bytes(), true));
        match written {
            Ok(()) => {
                self.dirty = false;
                self.last_error = None;
                Ok(())
            }
            Err(source) => {
                let e = NotesError::Save {
                    path: path.display().to_string(),
                    source,
                };
                self.last_error = Some(e.to_string());
                Err(e)
            }
        }
    }
}

/// Serializes a value as readable RON with struct names; strings are written unescaped
/// (raw strings where needed), so a note's line breaks are real line breaks in the file.
pub fn to_ron<T: Serialize>(value: &T) -> std::io::Result<String> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false);
    ron::ser::to_string_pretty(value, config)
        .map(|s| s + "\n")
        .map_err(std::io::Error::other)
}

#[cfg(test)]
mod lock_tests;
#[cfg(test)]
mod tests;
