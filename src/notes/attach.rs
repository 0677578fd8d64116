//! Attaching a detached note (its paragraph is gone from the article) to a paragraph.

use super::{NoteKey, NotesError, NotesStore, anchor};
use crate::model::Document;

/// What attaching a note did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attached {
    /// The note is on the paragraph now.
    Attached,
    /// The paragraph had a note: the detached note's text was added after it.
    Joined,
    /// No detached note has that key (any more).
    NotFound,
}

impl NotesStore {
    /// Attaches the detached note named by `key` to paragraph `p`: it takes the paragraph's
    /// id, fingerprint and quote, so it stays there. When `p` has a note already, the
    /// detached note's text is added after that note's, so neither is lost.
    pub fn attach(
        &mut self,
        doc: &Document,
        key: &NoteKey,
        p: usize,
        now: u64,
    ) -> Result<Attached, NotesError> {
        self.ensure_writable(doc)?;
        let Some(i) = self
            .entries
            .iter()
            .position(|e| e.attached.is_none() && e.note.key() == *key)
        else {
            return Ok(Attached::NotFound);
        };
        let outcome = match self.by_paragraph.get(&p).copied() {
            Some(there) => {
                let text = self.entries[i].note.text.clone();
                let note = &mut self.entries[there].note;
                note.text = format!("{}\n\n{text}", note.text);
                note.modified = now;
                self.entries.remove(i);
                Attached::Joined
            }
            None => {
                let plain = anchor::normalized(&doc.paragraphs[p].plain_text());
                let entry = &mut self.entries[i];
                entry.note.paragraph = doc.paragraphs[p].id.0.clone();
                entry.note.fingerprint = anchor::fingerprint(&plain);
                entry.note.quote = anchor::quote(&plain);
                entry.note.modified = now;
                entry.attached = Some(p);
                Attached::Attached
            }
        };
        self.dirty = true;
        self.reindex();
        Ok(outcome)
    }
}
