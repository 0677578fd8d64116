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

impl GlossaryEntry {
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
    /// Builds the glossary; see-also indices must already be resolved.
    pub fn new(entries: Vec<GlossaryEntry>) -> Self {
        let mut exact = Vec::new();
        let mut folded = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            for s in entry.spellings().filter(|s| !s.trim().is_empty()) {
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
