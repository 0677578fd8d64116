//! Glossary entries and finding their occurrences in text.
//!
//! Case rule: a term or alias that contains a capital letter (a name, an acronym such as
//! `MIA`) matches with exactly that case; an all-lowercase term (`dual track`) matches in
//! any case, so it is found at the start of a sentence too. A match must stand on word
//! boundaries (`ROK` is not found in `ROKS`, but is in `US-ROK` and `ROK's`), and where
//! matches overlap the longest one wins (`Panmunjom Declaration` over `Panmunjom`).

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::inline::Inline;

/// One glossary entry.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GlossaryEntry {
    /// Stable id.
    pub id: String,
    /// The term.
    pub term: String,
    /// Other spellings that count as an occurrence.
    pub aliases: Vec<String>,
    /// The definition.
    pub definition: Vec<Inline>,
    /// Indices of related entries.
    pub see_also: Vec<usize>,
    /// Found in the article's text when it was imported (an abbreviation the text
    /// defines), not written by the article's author; entries the article ships win.
    pub found_in_text: bool,
}

/// The start of the id of a student's own entry (`my/icbm`): article ids never hold `/`,
/// so a personal entry's id, and its review card, cannot clash with an article's.
pub const PERSONAL_PREFIX: &str = "my/";

impl GlossaryEntry {
    /// Whether the student wrote this entry (it lives with their notes).
    pub fn is_personal(&self) -> bool {
        self.id.starts_with(PERSONAL_PREFIX)
    }

    /// The term followed by its aliases.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// An occurrence of a glossary entry in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte range in the searched text.
    pub range: Range<usize>,
    /// Index of the entry.
    pub entry: usize,
}

/// All entries plus the automata that find them.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    /// Entries in file order.
    pub entries: Vec<GlossaryEntry>,
    by_id: HashMap<String, usize>,
    exact: Option<Matcher>,
    folded: Option<Matcher>,
}

#[derive(Clone, Debug)]
struct Matcher {
    automaton: AhoCorasick,
    /// Entry index of each pattern.
    entry_of: Vec<usize>,
}

impl Matcher {
    fn build(patterns: Vec<(String, usize)>, fold: bool) -> Option<Self> {
        if patterns.is_empty() {
            return None;
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(fold)
            .build(patterns.iter().map(|(p, _)| p))
            .ok()?;
        Some(Matcher {
            automaton,
            entry_of: patterns.into_iter().map(|(_, e)| e).collect(),
        })
    }
}

/// Whether a spelling matches case-sensitively (it has a capital letter).
pub fn is_case_sensitive(spelling: &str) -> bool {
    spelling.chars().any(char::is_uppercase)
}

impl Glossary {
    /// Builds the glossary; see-also indices must already be resolved. A spelling of a
    /// personal entry that an article entry has too (in any case) is not matched: the
    /// article's entry wins.
    pub fn new(entries: Vec<GlossaryEntry>) -> Self {
        let mut exact = Vec::new();
        let mut folded = Vec::new();
        let article: std::collections::HashSet<String> = if entries.iter().any(|e| e.is_personal())
        {
            entries
                .iter()
                .filter(|e| !e.is_personal())
                .flat_map(|e| e.spellings().map(str::to_lowercase))
                .collect()
        } else {
            Default::default()
        };
        for (i, entry) in entries.iter().enumerate() {
            // The article's entries win: a personal spelling they have is not matched.
            let taken = |s: &str| entry.is_personal() && article.contains(&s.to_lowercase());
            for s in entry
                .spellings()
                .filter(|s| !s.trim().is_empty() && !taken(s))
            {
                if is_case_sensitive(s) {
                    exact.push((s.to_owned(), i));
                } else {
                    folded.push((s.to_owned(), i));
                }
            }
        }
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Glossary {
            entries,
            by_id,
            exact: Matcher::build(exact, false),
            folded: Matcher::build(folded, true),
        }
    }

    /// This glossary with `personal` in place of the personal entries it had (they come
    /// last, so the article's entries keep their indices). Costs the entries, never the text.
    pub fn with_personal(&self, personal: Vec<GlossaryEntry>) -> Glossary {
        let mut entries: Vec<GlossaryEntry> = self
            .entries
            .iter()
            .filter(|e| !e.is_personal())
            .cloned()
            .collect();
        entries.extend(personal);
        Glossary::new(entries)
    }

    /// The article's entry (not a personal one) that has `spelling` as its term or an
    /// alias, in any case.
    pub fn article_entry_spelled(&self, spelling: &str) -> Option<usize> {
        let lower = spelling.trim().to_lowercase();
        self.entries
            .iter()
            .position(|e| !e.is_personal() && e.spellings().any(|s| s.to_lowercase() == lower))
    }

    /// The index of the entry with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Whether the glossary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Occurrences of any entry in `text`, in order, not overlapping.
    pub fn find_in(&self, text: &str) -> Vec<TermMatch> {
        let mut found: Vec<TermMatch> = Vec::new();
        for m in [&self.exact, &self.folded].into_iter().flatten() {
            for hit in m.automaton.find_overlapping_iter(text) {
                let range = hit.start()..hit.end();
                if on_word_boundaries(text, &range) {
                    found.push(TermMatch {
                        range,
                        entry: m.entry_of[hit.pattern().as_usize()],
                    });
                }
            }
        }
        // Leftmost first, longest first at one position; then drop overlaps.
        found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
        let mut out: Vec<TermMatch> = Vec::with_capacity(found.len());
        for m in found {
            if out
                .last()
                .is_none_or(|last| m.range.start >= last.range.end)
            {
                out.push(m);
            }
        }
        out
    }
}

/// A letter or digit of a script that separates words with spaces.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && unicode_width::UnicodeWidthChar::width(c) != Some(2)
}

fn on_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let inner = &text[range.clone()];
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = inner.chars().next();
    let last = inner.chars().next_back();
    let joins = |edge: Option<char>, neighbour: Option<char>| {
        edge.is_some_and(is_word_char) && neighbour.is_some_and(is_word_char)
    };
    !joins(first, before) && !joins(last, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, term: &str, aliases: &[&str]) -> GlossaryEntry {
        GlossaryEntry {
            id: id.into(),
            term: term.into(),
            aliases: aliases.iter().map(|s| (*s).into()).collect(),
            definition: vec![],
            see_also: vec![],
            found_in_text: false,
        }
    }

    fn glossary() -> Glossary {
        Glossary::new(vec![
            entry("rok", "ROK", &["South Korea"]),
            entry("panmunjom", "Panmunjom", &[]),
            entry("decl", "Panmunjom Declaration", &[]),
            entry("mia", "MIA", &[]),
            entry("dual-track", "dual track", &[]),
        ])
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let g = glossary();
        g.find_in(text)
            .into_iter()
            .map(|m| (text[m.range].to_owned(), g.entries[m.entry].id.clone()))
            .collect()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(a, b)| ((*a).into(), (*b).into())).collect()
    }

    #[test]
    fn acronyms_need_their_case_and_word_boundaries() {
        assert_eq!(
            found("the ROK's and US-ROK"),
            pairs(&[("ROK", "rok"), ("ROK", "rok")])
        );
        assert!(found("ROKS rok Mia mia").is_empty());
        assert_eq!(found("(MIA)"), pairs(&[("MIA", "mia")]));
    }

    #[test]
    fn article_entries_win_over_personal_ones_on_a_shared_spelling() {
        let mut entries = glossary().entries;
        entries.push(entry("my/rok", "rok", &["Hermit Kingdom"]));
        entries.push(entry("my/dual", "Dual Track", &[]));
        let g = Glossary::new(entries);
        let ids = |text: &str| -> Vec<String> {
            g.find_in(text)
                .into_iter()
                .map(|m| g.entries[m.entry].id.clone())
                .collect()
        };
        assert_eq!(
            ids("ROK rok"),
            ["rok"],
            "the article's ROK; rok is not marked"
        );
        assert_eq!(ids("Dual Track"), ["dual-track"]);
        assert_eq!(
            ids("the Hermit Kingdom"),
            ["my/rok"],
            "its own alias still counts"
        );
        assert_eq!(g.article_entry_spelled("south korea"), Some(0));
        assert_eq!(g.article_entry_spelled("Hermit Kingdom"), None);
        let again = g.with_personal(vec![entry("my/x", "xylophone", &[])]);
        assert_eq!(again.entries.len(), 6);
        assert_eq!(again.index_of("my/x"), Some(5));
        assert_eq!(again.index_of("my/rok"), None);
    }

    #[test]
    fn lowercase_terms_match_any_case() {
        assert_eq!(
            found("Dual track and dual track"),
            pairs(&[("Dual track", "dual-track"), ("dual track", "dual-track")])
        );
    }

    #[test]
    fn longest_match_wins_and_shorter_survives_a_failed_boundary() {
        assert_eq!(
            found("the Panmunjom Declaration"),
            pairs(&[("Panmunjom Declaration", "decl")])
        );
        assert_eq!(
            found("Panmunjom Declarations"),
            pairs(&[("Panmunjom", "panmunjom")])
        );
    }
}
