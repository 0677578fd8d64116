//! Attaching notes to paragraphs, and finding them again after the article changed.
//!
//! A note remembers its paragraph's id, a fingerprint of the paragraph's text, and a quote
//! of its start. When the id still names a paragraph with the same fingerprint, the note is
//! attached there. Otherwise the quote finds the paragraph (whole, or either half of it, in
//! case the paragraph was edited at one end); failing that, the note is detached: listed
//! with its quote, never dropped.

use crate::model::{Document, ParagraphId};

/// Characters of the paragraph's text kept as the quote.
pub const QUOTE_CHARS: usize = 100;

pub use crate::model::hash::fnv1a64;

/// Text with runs of whitespace made single spaces, so reflowing does not count as a change.
pub fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint of a paragraph's plain text.
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", fnv1a64(normalized(text).as_bytes()))
}

/// The quote kept for a paragraph: its first [`QUOTE_CHARS`] characters.
pub fn quote(text: &str) -> String {
    normalized(text).chars().take(QUOTE_CHARS).collect()
}

/// Where a note goes in `doc`, and whether it had to move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Same id, same text.
    Exact(usize),
    /// Found by its quote (the id is gone or the text changed).
    Moved(usize),
    /// Not found.
    Detached,
}

/// Finds the paragraph a note belongs to. `texts` are the paragraphs' normalized plain
/// texts (computed once for all notes).
pub fn place(doc: &Document, texts: &[String], id: &str, fp: &str, quote: &str) -> Placement {
    let by_id = doc.paragraph_index(&ParagraphId(id.to_owned()));
    if let Some(p) = by_id
        && format!("{:016x}", fnv1a64(texts[p].as_bytes())) == fp
    {
        return Placement::Exact(p);
    }
    let quote = normalized(quote);
    if quote.is_empty() {
        return Placement::Detached;
    }
    let chars: Vec<char> = quote.chars().collect();
    let half = chars.len() / 2;
    let first: String = chars[..half.max(1).min(chars.len())].iter().collect();
    let second: String = chars[half..].iter().collect();
    let min_len = 12;
    for needle in [quote.clone(), first, second] {
        if needle.chars().count() < min_len && needle != quote {
            continue;
        }
        let hits: Vec<usize> = (0..texts.len())
            .filter(|&p| texts[p].contains(&needle))
            .collect();
        if hits.is_empty() {
            continue;
        }
        // The paragraph with the old id wins a tie; then the first in reading order.
        let p = by_id.filter(|b| hits.contains(b)).unwrap_or(hits[0]);
        return Placement::Moved(p);
    }
    // An edit in the middle of the quote: the most similar paragraph start, if similar
    // enough (words in common over words in either).
    let words = word_set(&quote);
    let window = quote.len() + 40;
    let score = |p: usize| {
        let text = &texts[p];
        let end = (0..=window.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        similarity(&words, &word_set(&text[..end]))
    };
    let best = (0..texts.len())
        .map(|p| (score(p), p))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match (best, by_id.map(|b| (score(b), b))) {
        (_, Some((s, b))) if s >= SIMILAR => Placement::Moved(b),
        (Some((s, p)), _) if s >= SIMILAR => Placement::Moved(p),
        _ => Placement::Detached,
    }
}

/// How alike a changed paragraph's start must be to the quote to count as the same.
const SIMILAR: f64 = 0.6;

fn word_set(text: &str) -> std::collections::HashSet<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn similarity(a: &std::collections::HashSet<String>, b: &std::collections::HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(paragraphs: &[(&str, &str)]) -> Document {
        let body: Vec<String> = paragraphs
            .iter()
            .map(|(id, text)| format!("Paragraph(id: \"{id}\", text: \"{text}\")"))
            .collect();
        let src = format!(
            "Article(format: 1, id: \"t\", title: \"T\", body: [{}])",
            body.join(",")
        );
        crate::model::load::parse(&src).unwrap().doc
    }

    fn texts(d: &Document) -> Vec<String> {
        d.paragraphs
            .iter()
            .map(|p| normalized(&p.plain_text()))
            .collect()
    }

    const OLD: &str = "The first paragraph speaks of rivers and of the sea that takes them in.";

    #[test]
    fn same_id_and_text_is_exact() {
        let d = doc(&[("a", OLD), ("b", "Other text entirely, about mountains.")]);
        assert_eq!(
            place(&d, &texts(&d), "a", &fingerprint(OLD), &quote(OLD)),
            Placement::Exact(0)
        );
    }

    #[test]
    fn a_renamed_or_moved_paragraph_is_found_by_its_quote() {
        let d = doc(&[
            ("new-b", "Other text entirely, about mountains."),
            ("new-a", OLD),
        ]);
        assert_eq!(
            place(&d, &texts(&d), "a", &fingerprint(OLD), &quote(OLD)),
            Placement::Moved(1)
        );
    }

    #[test]
    fn an_edit_at_one_end_still_finds_the_paragraph() {
        let edited =
            "The first paragraph speaks of rivers and of the ocean that swallows them whole.";
        let d = doc(&[("a", edited)]);
        assert_eq!(
            place(&d, &texts(&d), "a", &fingerprint(OLD), &quote(OLD)),
            Placement::Moved(0)
        );
    }

    #[test]
    fn an_edit_in_the_middle_still_finds_the_paragraph() {
        let edited = "The first paragraph speaks of rivers and also of the sea that takes them in.";
        let d = doc(&[
            ("other", "Unrelated words about mountains and valleys."),
            ("a2", edited),
        ]);
        assert_eq!(
            place(&d, &texts(&d), "a", &fingerprint(OLD), &quote(OLD)),
            Placement::Moved(1)
        );
    }

    #[test]
    fn a_vanished_paragraph_detaches_the_note() {
        let d = doc(&[("z", "Nothing in common with the old text at all here.")]);
        assert_eq!(
            place(&d, &texts(&d), "a", &fingerprint(OLD), &quote(OLD)),
            Placement::Detached
        );
    }

    #[test]
    fn fingerprints_ignore_reflowing() {
        assert_eq!(fingerprint("a  b\n c"), fingerprint("a b c"));
    }
}
