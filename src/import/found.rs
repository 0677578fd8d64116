//! Glossary entries found in the text at import: each abbreviation the text defines
//! ([`super::abbrev`]) becomes an entry marked `found_in_text`, unless an entry the article
//! ships already has one of its spellings (the article's own entries win).

use std::collections::HashSet;

use super::abbrev::{self, Abbreviation};
use crate::model::{Footnote, GlossaryEntry, Inline, Paragraph, TextStyle};

/// The entries found in `paragraphs` and `footnotes` that clash with none of `existing`.
pub(super) fn found_entries(
    paragraphs: &[Paragraph],
    footnotes: &[Footnote],
    existing: &[GlossaryEntry],
) -> Vec<GlossaryEntry> {
    let mut taken: HashSet<String> = existing
        .iter()
        .flat_map(|e| e.spellings())
        .map(str::to_lowercase)
        .collect();
    let mut ids: HashSet<String> = existing.iter().map(|e| e.id.clone()).collect();
    let mut out = Vec::new();
    for a in abbrev::find_in(paragraphs, footnotes) {
        let (term, plural) = match a.singular() {
            Some(s) => (s.to_owned(), a.short.clone()),
            None => (a.short.clone(), format!("{}s", a.short)),
        };
        let spellings = [term.as_str(), plural.as_str(), a.long.as_str()];
        if spellings.iter().any(|s| taken.contains(&s.to_lowercase())) {
            continue;
        }
        taken.extend(spellings.iter().map(|s| s.to_lowercase()));
        out.push(GlossaryEntry {
            id: super::glossary::unique_id(&term, &mut ids),
            definition: definition(&a),
            aliases: vec![plural, a.long.clone()],
            term,
            see_also: Vec::new(),
            found_in_text: true,
        });
    }
    out
}

/// The long form, then the sentence that defines it.
fn definition(a: &Abbreviation) -> Vec<Inline> {
    let clean = |s: &str| crate::sanitize::clean_line(s).into_owned();
    vec![
        Inline::Text {
            text: clean(&a.long),
            style: TextStyle::default(),
        },
        Inline::LineBreak,
        Inline::Text {
            text: format!("Defined in the text: “{}”", clean(&a.sentence)),
            style: TextStyle {
                emph: true,
                ..TextStyle::default()
            },
        },
    ]
}
