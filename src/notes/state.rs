//! Reading state: where the reader was, and the bookmarks. Saved with the same durability
//! as notes, in `state/<article-id>.ron` under the data directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Document, ParagraphId};

/// The state file format version.
pub const STATE_FORMAT: u32 = 1;

/// Largest state file read (a state file holds a position and some bookmarks).
pub const MAX_STATE_BYTES: u64 = 16 << 20;

/// Parses state-file text (the format version is checked by the caller, which keeps an
/// unsupported file untouched).
pub fn parse(text: &str) -> Result<StateFile, Vec<crate::diag::Diagnostic>> {
    crate::model::load::parse_ron(text)
}

/// A state file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "State")]
pub struct StateFile {
    /// Format version.
    pub format: u32,
    /// The article's id.
    pub article: String,
    /// The current paragraph when the reader was last closed.
    #[serde(default)]
    pub position: Option<String>,
    /// Bookmarks: letter to paragraph id.
    #[serde(default)]
    pub bookmarks: BTreeMap<char, String>,
    /// Ids of the paragraphs read (whose end has been on screen).
    #[serde(default)]
    pub read: Vec<String>,
}

/// The reading state of one article.
#[derive(Debug)]
pub struct ReadingState {
    path: Option<PathBuf>,
    /// What is saved.
    pub file: StateFile,
    read_only: Option<String>,
    dirty: bool,
    /// Bookmarks this session set (`Some`) or removed (`None`), laid over the file as it is
    /// on disk when saving, so two lecterns on one article keep each other's bookmarks.
    bookmark_changes: BTreeMap<char, Option<String>>,
}

/// The state file of an article under a data directory.
pub fn state_path(data_dir: &Path, article: &str) -> PathBuf {
    data_dir.join("state").join(format!("{article}.ron"))
}

impl ReadingState {
    /// State kept only in memory.
    pub fn in_memory(article: &str) -> Self {
        ReadingState {
            path: None,
            file: StateFile {
                format: STATE_FORMAT,
                article: article.to_owned(),
                ..StateFile::default()
            },
            read_only: None,
            dirty: false,
            bookmark_changes: BTreeMap::new(),
        }
    }

    /// Reads the state of `doc` under `data_dir`. A damaged file is left as it is and not
    /// written over; the message says so.
    pub fn open(data_dir: &Path, doc: &Document) -> (Self, Option<String>) {
        let mut state = ReadingState::in_memory(&doc.meta.id);
        let path = state_path(data_dir, &doc.meta.id);
        state.path = Some(path.clone());
        if !path.exists() {
            return (state, None);
        }
        let shown = path.display().to_string();
        let parsed = crate::diag::read_text_file(&path, MAX_STATE_BYTES).and_then(|text| {
            parse(&text).map_err(|diagnostics| crate::diag::FileError {
                path: shown.clone(),
                diagnostics,
            })
        });
        match parsed {
            Ok(file) if file.format == STATE_FORMAT => {
                state.file = file;
                (state, None)
            }
            Ok(file) => {
                state.read_only = Some(format!("state format {} is not supported", file.format));
                (
                    state,
                    Some(format!(
                        "{}: state format {} is not supported; position and bookmarks will not be saved",
                        path.display(),
                        file.format
                    )),
                )
            }
            Err(e) => {
                state.read_only = Some(e.to_string());
                (
                    state,
                    Some(format!("{e}; position and bookmarks will not be saved")),
                )
            }
        }
    }

    /// The saved position as a paragraph index.
    pub fn position(&self, doc: &Document) -> Option<usize> {
        let id = self.file.position.as_ref()?;
        doc.paragraph_index(&ParagraphId(id.clone()))
    }

    /// Remembers the current paragraph.
    pub fn set_position(&mut self, doc: &Document, p: usize) {
        let id = doc.paragraphs.get(p).map(|p| p.id.0.clone());
        if id != self.file.position {
            self.file.position = id;
            self.dirty = true;
        }
    }

    /// The paragraph of bookmark `letter` (`None` if unset or its paragraph is gone).
    pub fn bookmark(&self, doc: &Document, letter: char) -> Option<usize> {
        let id = self.file.bookmarks.get(&letter)?;
        doc.paragraph_index(&ParagraphId(id.clone()))
    }

    /// Sets bookmark `letter` at paragraph `p`.
    pub fn set_bookmark(&mut self, doc: &Document, letter: char, p: usize) {
        let id = doc.paragraphs[p].id.0.clone();
        self.file.bookmarks.insert(letter, id.clone());
        self.bookmark_changes.insert(letter, Some(id));
        self.dirty = true;
    }

    /// Removes bookmark `letter`.
    pub fn remove_bookmark(&mut self, letter: char) -> bool {
        let removed = self.file.bookmarks.remove(&letter).is_some();
        if removed {
            self.bookmark_changes.insert(letter, None);
        }
        self.dirty |= removed;
        removed
    }

    /// The file to write: what is on disk now (another lectern may have saved since this
    /// one read it) with this session's bookmark changes, the paragraphs read by either,
    /// and this session's position.
    fn merged(&self, path: &Path) -> StateFile {
        let on_disk = crate::diag::read_text_file(path, MAX_STATE_BYTES)
            .ok()
            .and_then(|text| parse(&text).ok())
            .filter(|f| f.format == STATE_FORMAT && f.article == self.file.article);
        let Some(mut file) = on_disk else {
            return self.file.clone();
        };
        for (letter, change) in &self.bookmark_changes {
            match change {
                Some(id) => file.bookmarks.insert(*letter, id.clone()),
                None => file.bookmarks.remove(letter),
            };
        }
        let mut read: std::collections::BTreeSet<String> = file.read.into_iter().collect();
        read.extend(self.file.read.iter().cloned());
        file.read = read.into_iter().collect();
        file.position = self.file.position.clone();
        file
    }

    /// Bookmarks in letter order, with their paragraph if it still exists.
    pub fn bookmarks(&self, doc: &Document) -> Vec<(char, Option<usize>)> {
        self.file
            .bookmarks
            .iter()
            .map(|(c, id)| (*c, doc.paragraph_index(&ParagraphId(id.clone()))))
            .collect()
    }

    /// Letters of the bookmarks on paragraph `p`.
    pub fn letters_at(&self, doc: &Document, p: usize) -> String {
        let id = &doc.paragraphs[p].id.0;
        self.file
            .bookmarks
            .iter()
            .filter(|(_, b)| *b == id)
            .map(|(c, _)| *c)
            .collect()
    }

    /// The paragraphs read, as indices (ids no longer in the article are skipped).
    pub fn read(&self, doc: &Document) -> Vec<usize> {
        self.file
            .read
            .iter()
            .filter_map(|id| doc.paragraph_index(&ParagraphId(id.clone())))
            .collect()
    }

    /// Remembers which paragraphs have been read.
    pub fn set_read(&mut self, doc: &Document, read: &[bool]) {
        let ids: Vec<String> = read
            .iter()
            .enumerate()
            .filter(|(_, r)| **r)
            .map(|(p, _)| doc.paragraphs[p].id.0.clone())
            .collect();
        if ids != self.file.read {
            self.file.read = ids;
            self.dirty = true;
        }
    }

    /// Writes the state if it changed.
    pub fn save(&mut self) -> Result<(), super::SaveError> {
        if !self.dirty {
            return Ok(());
        }
        let Some(path) = &self.path else {
            self.dirty = false;
            return Ok(());
        };
        const WHAT: &str = "reading state";
        if let Some(why) = &self.read_only {
            return Err(super::SaveError::ReadOnly {
                what: WHAT,
                why: why.clone(),
            });
        }
        let merged = self.merged(path);
        super::to_ron(&merged)
            .and_then(|text| crate::durable::write(path, text.as_bytes(), true))
            .map_err(|source| super::SaveError::Write {
                what: WHAT,
                path: path.display().to_string(),
                source,
            })?;
        self.file.bookmarks = merged.bookmarks;
        self.bookmark_changes.clear();
        self.dirty = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sessions_keep_each_others_bookmarks_and_reading() {
        let dir = tempfile::tempdir().unwrap();
        let d = crate::content::bundled().unwrap().doc;
        let (mut a, _) = ReadingState::open(dir.path(), &d);
        let (mut b, _) = ReadingState::open(dir.path(), &d);
        a.set_bookmark(&d, 'a', 1);
        let mut read = vec![false; d.paragraphs.len()];
        read[0] = true;
        a.set_read(&d, &read);
        a.save().unwrap();
        b.set_bookmark(&d, 'b', 2);
        let mut read = vec![false; d.paragraphs.len()];
        read[5] = true;
        b.set_read(&d, &read);
        b.set_position(&d, 7);
        b.save().unwrap();
        let (again, _) = ReadingState::open(dir.path(), &d);
        assert_eq!(
            again.bookmark(&d, 'a'),
            Some(1),
            "A's bookmark survives B's save"
        );
        assert_eq!(again.bookmark(&d, 'b'), Some(2));
        assert_eq!(again.read(&d), vec![0, 5]);
        assert_eq!(again.position(&d), Some(7));
        // A removal is kept too.
        b.remove_bookmark('a');
        b.save().unwrap();
        let (again, _) = ReadingState::open(dir.path(), &d);
        assert_eq!(again.bookmark(&d, 'a'), None);
    }
}
