//! The glossary view: entries that pass the filter, and where each occurs in the text.

use super::SideView;
use crate::app::App;

/// An occurrence of a glossary entry: paragraph and byte range in its plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte range in its plain text.
    pub range: std::ops::Range<usize>,
}

impl App {
    /// Glossary entries that pass the filter, in glossary order.
    pub fn filtered_entries(&self) -> Vec<usize> {
        let needle = self.side[SideView::Glossary].filter.to_lowercase();
        self.doc
            .glossary
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                needle.is_empty() || e.spellings().any(|s| s.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Rebuilds the glossary with the student's own entries when they changed since it was
    /// last built (added, edited, deleted here, or read anew from the notes file). Only the
    /// glossary is rebuilt: the text is wrapped and searched again when it is next shown.
    /// Returns whether it changed.
    pub fn sync_personal_terms(&mut self) -> bool {
        let generation = self.notes.terms_generation();
        if generation == self.terms_shown {
            return false;
        }
        self.terms_shown = generation;
        let personal = self.notes.personal_entries();
        if personal.is_empty() && !self.doc.glossary.entries.iter().any(|e| e.is_personal()) {
            // Nothing to add or take away (a notes file opened without own terms): the
            // automata stay as they are.
            return false;
        }
        self.doc.glossary = self.doc.glossary.with_personal(personal);
        self.forget_occurrences();
        self.cache.borrow_mut().invalidate_all();
        // They hold entry indices, which a deletion may have moved.
        if matches!(self.popup, Some(crate::app::Popup::Definitions { .. })) {
            self.popup = None;
        }
        self.modals.close(crate::app::ModalKind::Review);
        self.side[SideView::Glossary].detail = None;
        true
    }

    /// Whether the occurrences of the glossary entries have been found already.
    pub fn occurrences_found(&self) -> bool {
        self.occurrences.get().is_some()
    }

    /// Occurrences of every glossary entry in the text (computed on first use).
    pub fn occurrences(&self) -> &[Vec<Occurrence>] {
        self.occurrences.get_or_init(|| {
            let mut out = vec![Vec::new(); self.doc.glossary.entries.len()];
            for (p, para) in self.doc.paragraphs.iter().enumerate() {
                if para.kind == crate::model::BlockKind::Code {
                    continue;
                }
                for m in self.doc.glossary.find_in(&para.plain_text()) {
                    out[m.entry].push(Occurrence {
                        paragraph: p,
                        range: m.range,
                    });
                }
            }
            out
        })
    }
}
