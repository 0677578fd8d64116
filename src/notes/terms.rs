//! The student's own glossary entries. They live in the notes file (its `terms` field)
//! beside the notes, so they are saved, locked and read-only exactly when the notes are:
//! a second lectern on the same article shows them and changes none until the first has
//! closed, and then reads the file anew before its change (see
//! [`NotesStore::ensure_writable`]). In the glossary their ids start with
//! [`PERSONAL_PREFIX`], which no article id can hold.

use serde::{Deserialize, Serialize};

use super::{Change, NotesError, NotesStore};
use crate::model::glossary::PERSONAL_PREFIX;
use crate::model::{Document, GlossaryEntry, Inline};

/// What the editor's first line starts with to give the aliases (`aliases: ICBM, ICBMs`).
pub const ALIASES_LINE: &str = "aliases:";

/// Longest term or alias kept, in characters (a longer one is cut).
pub const MAX_SPELLING_CHARS: usize = 200;

/// Most aliases kept per entry.
pub const MAX_ALIASES: usize = 32;

/// Longest definition shown, in bytes (an article's blocks have the same cap): a popup
/// wraps a definition whole.
pub const MAX_DEFINITION_BYTES: usize = 1 << 20;

/// Most entries put into the glossary (a hand-edited file could hold more).
pub const MAX_TERMS: usize = 10_000;

/// A glossary entry the student wrote, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Term")]
pub struct PersonalTerm {
    /// Unique among the student's entries; the glossary id is `my/` and this.
    pub id: String,
    /// The term.
    pub term: String,
    /// Other spellings that count as an occurrence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The definition, as typed.
    pub definition: String,
    /// Unix time of creation.
    pub created: u64,
    /// Unix time of the last change.
    pub modified: u64,
}

impl PersonalTerm {
    /// Its id in the glossary (`my/icbm`).
    pub fn glossary_id(&self) -> String {
        format!("{PERSONAL_PREFIX}{}", self.id)
    }

    /// As a glossary entry, shown safely (a hand-edited file may hold control characters).
    pub fn to_entry(&self) -> GlossaryEntry {
        let mut definition = Vec::new();
        let mut end = self.definition.len().min(MAX_DEFINITION_BYTES);
        while !self.definition.is_char_boundary(end) {
            end -= 1;
        }
        let text = crate::sanitize::clean(&self.definition[..end]);
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                definition.push(Inline::LineBreak);
            }
            definition.push(Inline::Text {
                text: line.to_owned(),
                style: Default::default(),
            });
        }
        GlossaryEntry {
            id: self.glossary_id(),
            term: spelling(&self.term),
            aliases: self
                .aliases
                .iter()
                .take(MAX_ALIASES)
                .map(|a| spelling(a))
                .collect(),
            definition,
            see_also: Vec::new(),
            found_in_text: false,
        }
    }

    /// The text the editor opens with: the aliases line, then the definition.
    pub fn draft(&self) -> String {
        draft_text(&self.aliases, &self.definition)
    }
}

/// A term or alias as matched and shown: one clean line, trimmed, capped.
fn spelling(s: &str) -> String {
    crate::sanitize::clean_line(s.trim())
        .chars()
        .take(MAX_SPELLING_CHARS)
        .collect()
}

/// The editor's text for `aliases` and `definition`: `aliases: a, b` on the first line.
pub fn draft_text(aliases: &[String], definition: &str) -> String {
    let list = aliases.join(", ");
    let sep = if list.is_empty() { "" } else { " " };
    format!("{ALIASES_LINE}{sep}{list}\n{definition}")
}

/// Reads the editor's text: an optional first line `aliases: a, b` (any case), then the
/// definition. Empty aliases are dropped, and so are repeats and the term itself.
pub fn parse_draft(term: &str, text: &str) -> (Vec<String>, String) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let head = first.trim_start();
    let is_aliases = head
        .get(..ALIASES_LINE.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(ALIASES_LINE));
    if !is_aliases {
        return (Vec::new(), text.trim().to_owned());
    }
    let mut aliases: Vec<String> = Vec::new();
    for a in head[ALIASES_LINE.len()..].split(',').map(spelling) {
        let known = |s: &String| s.to_lowercase() == a.to_lowercase();
        if !a.is_empty() && !known(&term.to_owned()) && !aliases.iter().any(known) {
            aliases.push(a);
        }
    }
    aliases.truncate(MAX_ALIASES);
    (aliases, rest.trim().to_owned())
}

/// The student's entries as a Markdown section for the notes export ("Your glossary",
/// in the order of their terms), or nothing when there are none. Shown safely: the
/// file may have been edited by hand.
pub fn markdown(terms: &[PersonalTerm]) -> String {
    use std::fmt::Write as _;
    if terms.is_empty() {
        return String::new();
    }
    let mut sorted: Vec<&PersonalTerm> = terms.iter().collect();
    sorted.sort_by_key(|t| t.term.to_lowercase());
    let mut out = String::from("## Your glossary\n\n");
    for t in sorted {
        let _ = write!(out, "**{}**", spelling(&t.term));
        if !t.aliases.is_empty() {
            let aliases: Vec<String> = t.aliases.iter().map(|a| spelling(a)).collect();
            let _ = write!(out, " (also: {})", aliases.join(", "));
        }
        let _ = writeln!(out, "  ");
        for line in crate::sanitize::clean(&t.definition).lines() {
            let _ = writeln!(out, ": {line}");
        }
        out.push('\n');
    }
    out
}

/// A slug of `term` for its id: lowercase letters and digits, other characters as `-`.
fn slug(term: &str) -> String {
    let mut out = String::new();
    for c in term.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "term".to_owned()
    } else {
        out.to_owned()
    }
}

/// The personal entries of a notes store, and the one deleted last.
#[derive(Debug, Default)]
pub struct Terms {
    list: Vec<PersonalTerm>,
    deleted: Option<PersonalTerm>,
    generation: u64,
}

impl Terms {
    /// Takes the entries read from the file.
    pub(super) fn replace(&mut self, list: Vec<PersonalTerm>) {
        self.list = list;
        self.generation += 1;
    }

    /// The entries as stored.
    pub(super) fn list(&self) -> &[PersonalTerm] {
        &self.list
    }

    fn changed(&mut self) {
        self.generation += 1;
    }

    fn free_id(&self, term: &str) -> String {
        let base = slug(term);
        let taken = |id: &str| self.list.iter().any(|t| t.id == id);
        std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }
}

impl NotesStore {
    /// The student's own entries, in the order they were added.
    pub fn terms(&self) -> &[PersonalTerm] {
        self.terms.list()
    }

    /// Counts every change of the personal entries (made here or read from the file), so
    /// the reader rebuilds its glossary only when they changed.
    pub fn terms_generation(&self) -> u64 {
        self.terms.generation
    }

    /// The student's own entries as glossary entries (ids `my/…`), for the reader's
    /// glossary and the exports.
    pub fn personal_entries(&self) -> Vec<GlossaryEntry> {
        self.terms
            .list
            .iter()
            .take(MAX_TERMS)
            .map(PersonalTerm::to_entry)
            .collect()
    }

    /// The personal entry with this glossary id (`my/icbm`).
    pub fn term_by_glossary_id(&self, id: &str) -> Option<&PersonalTerm> {
        let id = id.strip_prefix(PERSONAL_PREFIX)?;
        self.terms.list.iter().find(|t| t.id == id)
    }

    /// The personal entry whose term is `term`, in any case.
    pub fn term_named(&self, term: &str) -> Option<&PersonalTerm> {
        let lower = term.trim().to_lowercase();
        self.terms
            .list
            .iter()
            .find(|t| t.term.trim().to_lowercase() == lower)
    }

    /// Adds an entry; returns its glossary id. An empty definition adds nothing.
    pub fn add_term(
        &mut self,
        doc: &Document,
        term: &str,
        aliases: Vec<String>,
        definition: &str,
        now: u64,
    ) -> Result<Option<String>, NotesError> {
        self.ensure_writable(doc)?;
        let term = spelling(term);
        if term.is_empty() || definition.trim().is_empty() {
            return Ok(None);
        }
        let entry = PersonalTerm {
            id: self.terms.free_id(&term),
            term,
            aliases,
            definition: definition.trim().to_owned(),
            created: now,
            modified: now,
        };
        let id = entry.glossary_id();
        self.terms.list.push(entry);
        self.terms.changed();
        self.dirty = true;
        Ok(Some(id))
    }

    /// Changes the aliases and definition of the entry with glossary id `id`; an empty
    /// definition deletes it (kept for [`Self::restore_term`]). `Unchanged` also when no
    /// entry has that id any more (another lectern deleted it).
    pub fn update_term(
        &mut self,
        doc: &Document,
        id: &str,
        aliases: Vec<String>,
        definition: &str,
        now: u64,
    ) -> Result<Change, NotesError> {
        self.ensure_writable(doc)?;
        let Some(i) = self.terms.list.iter().position(|t| t.glossary_id() == id) else {
            return Ok(Change::Unchanged);
        };
        if definition.trim().is_empty() {
            self.terms.deleted = Some(self.terms.list.remove(i));
            self.terms.changed();
            self.dirty = true;
            return Ok(Change::Deleted);
        }
        let t = &mut self.terms.list[i];
        if t.aliases == aliases && t.definition == definition.trim() {
            return Ok(Change::Unchanged);
        }
        t.aliases = aliases;
        t.definition = definition.trim().to_owned();
        t.modified = now;
        self.terms.changed();
        self.dirty = true;
        Ok(Change::Updated)
    }

    /// Deletes the entry with glossary id `id` (kept for [`Self::restore_term`]); returns
    /// its term, or `None` when no entry has that id any more.
    pub fn delete_term(&mut self, doc: &Document, id: &str) -> Result<Option<String>, NotesError> {
        self.ensure_writable(doc)?;
        let Some(i) = self.terms.list.iter().position(|t| t.glossary_id() == id) else {
            return Ok(None);
        };
        let t = self.terms.list.remove(i);
        let term = t.term.clone();
        self.terms.deleted = Some(t);
        self.terms.changed();
        self.dirty = true;
        Ok(Some(term))
    }

    /// Brings back the entry deleted last; returns its glossary id, or `None` when none
    /// was deleted. An entry added since with the same term keeps its own id; the one
    /// brought back gets a free one.
    pub fn restore_term(&mut self, doc: &Document) -> Result<Option<String>, NotesError> {
        self.ensure_writable(doc)?;
        let Some(mut t) = self.terms.deleted.take() else {
            return Ok(None);
        };
        if self.terms.list.iter().any(|o| o.id == t.id) {
            t.id = self.terms.free_id(&t.term);
        }
        let id = t.glossary_id();
        self.terms.list.push(t);
        self.terms.changed();
        self.dirty = true;
        Ok(Some(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_gives_the_aliases() {
        assert_eq!(
            parse_draft("ICBM", "aliases: ICBMs, , icbm, ICBMs,missile\nA rocket.\n"),
            (
                vec!["ICBMs".to_owned(), "missile".to_owned()],
                "A rocket.".to_owned()
            )
        );
        assert_eq!(
            parse_draft("x", "Aliases:\n\nTwo\nlines"),
            (vec![], "Two\nlines".to_owned())
        );
        assert_eq!(
            parse_draft("x", "No aliases here.\nMore."),
            (vec![], "No aliases here.\nMore.".to_owned())
        );
        let aliases = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(
            parse_draft("x", &draft_text(&aliases, "def")),
            (aliases, "def".into())
        );
    }

    #[test]
    fn slugs_are_never_empty_and_ids_never_repeat() {
        assert_eq!(slug("Panmunjom Declaration!"), "panmunjom-declaration");
        assert_eq!(slug("…"), "term");
        assert_eq!(slug("비핵화"), "비핵화");
        let mut terms = Terms::default();
        let t = |id: &str| PersonalTerm {
            id: id.into(),
            term: String::new(),
            aliases: vec![],
            definition: String::new(),
            created: 0,
            modified: 0,
        };
        terms.replace(vec![t("icbm"), t("icbm-2")]);
        assert_eq!(terms.free_id("ICBM"), "icbm-3");
        assert_eq!(terms.free_id("SLBM"), "slbm");
    }

    #[test]
    fn entries_are_shown_safely_with_their_lines() {
        let t = PersonalTerm {
            id: "x".into(),
            term: " bad\u{1b}[2Jterm ".into(),
            aliases: vec!["a\u{202e}b".into()],
            definition: "one\ntwo".into(),
            created: 0,
            modified: 0,
        };
        let e = t.to_entry();
        assert_eq!(e.id, "my/x");
        assert!(e.is_personal());
        assert!(crate::sanitize::is_clean(&e.term), "{:?}", e.term);
        assert!(crate::sanitize::is_clean(&e.aliases[0]), "{:?}", e.aliases);
        assert_eq!(e.definition.len(), 3, "a line break between the lines");
        let long = PersonalTerm {
            definition: format!("x{}", "é".repeat(MAX_DEFINITION_BYTES / 2)),
            ..t
        };
        let shown: usize = long
            .to_entry()
            .definition
            .iter()
            .map(|i| i.plain_text().len())
            .sum();
        assert_eq!(
            shown,
            MAX_DEFINITION_BYTES - 1,
            "cut on a character's boundary"
        );
    }
}
