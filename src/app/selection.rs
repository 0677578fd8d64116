//! A selection of text made from the keyboard: where it is and how its moving end moves by
//! words, sentences (Unicode word and sentence bounds) and paragraphs. Plain data over the
//! paragraphs' plain text; `update::selection` carries out the keys.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Document;

/// A place in the text: a paragraph and a byte offset of its plain text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPos {
    /// The paragraph index.
    pub paragraph: usize,
    /// A byte offset of its plain text, on a character boundary.
    pub offset: usize,
}

/// A selection: from the word at `anchor` to the word (or sentence end) at `head`, both
/// included. `head` is the end that moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Where it started.
    pub anchor: TextPos,
    /// The end that moves.
    pub head: TextPos,
}

/// How the moving end moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    /// To the start of the next word.
    WordForward,
    /// To the start of the word before.
    WordBack,
    /// To the end of the word (of the next one when at an end).
    WordEnd,
    /// To the end of the sentence (of the next one when at an end).
    SentenceForward,
    /// To the start of the sentence (of the one before when at a start).
    SentenceBack,
    /// To the end of the paragraph (of the next one when at its end).
    ParagraphDown,
    /// To the start of the paragraph (of the one before when at its start).
    ParagraphUp,
}

/// Start offsets of the words of `text` (segments with a letter or digit).
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
}

/// The offset of the last character of `s` placed at `at`.
fn last_char(at: usize, s: &str) -> usize {
    at + s.char_indices().last().map_or(0, |(i, _)| i)
}

/// The sentences of `text` as (first, last) character offsets, whitespace left out.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    text.split_sentence_bound_indices()
        .filter_map(|(at, s)| {
            let lead = s.len() - s.trim_start().len();
            let t = s.trim();
            (!t.is_empty()).then(|| (at + lead, last_char(at + lead, t)))
        })
        .collect()
}

/// Where the moves stop in `text`, for `motion`, in order.
fn stops(text: &str, motion: Motion) -> Vec<usize> {
    match motion {
        Motion::WordForward | Motion::WordBack => words(text).map(|(at, _)| at).collect(),
        Motion::WordEnd => words(text).map(|(at, w)| last_char(at, w)).collect(),
        Motion::SentenceForward => sentences(text).into_iter().map(|s| s.1).collect(),
        Motion::SentenceBack => sentences(text).into_iter().map(|s| s.0).collect(),
        Motion::ParagraphDown => sentences(text).last().map(|s| s.1).into_iter().collect(),
        Motion::ParagraphUp => sentences(text).first().map(|s| s.0).into_iter().collect(),
    }
}

fn forward(motion: Motion) -> bool {
    matches!(
        motion,
        Motion::WordForward | Motion::WordEnd | Motion::SentenceForward | Motion::ParagraphDown
    )
}

/// The segment of `text`'s word bounds that holds `offset`.
fn segment_at(text: &str, offset: usize) -> Range<usize> {
    text.split_word_bound_indices()
        .map(|(at, s)| at..at + s.len())
        .find(|r| r.contains(&offset))
        .unwrap_or(offset.min(text.len())..offset.min(text.len()))
}

impl Selection {
    /// A selection of the first word of paragraph `p` (`None` when it has no words).
    pub fn start(doc: &Document, p: usize) -> Option<Selection> {
        let text = doc.paragraphs.get(p)?.plain_text();
        let (at, _) = words(&text).next()?;
        let pos = TextPos {
            paragraph: p,
            offset: at,
        };
        Some(Selection {
            anchor: pos,
            head: pos,
        })
    }

    /// Moves the head; false when there is nowhere to go.
    pub fn extend(&mut self, doc: &Document, motion: Motion) -> bool {
        let mut p = self.head.paragraph;
        let mut first = true;
        while p < doc.paragraphs.len() {
            let text = doc.paragraphs[p].plain_text();
            let all = stops(&text, motion);
            let found = if forward(motion) {
                all.into_iter().find(|&s| !first || s > self.head.offset)
            } else {
                all.into_iter()
                    .rev()
                    .find(|&s| !first || s < self.head.offset)
            };
            if let Some(offset) = found {
                self.head = TextPos {
                    paragraph: p,
                    offset,
                };
                return true;
            }
            first = false;
            p = match (forward(motion), p.checked_sub(1)) {
                (true, _) => p + 1,
                (false, Some(before)) => before,
                (false, None) => return false,
            };
        }
        false
    }

    /// The selected text, one byte range of plain text per paragraph, whitespace trimmed
    /// (paragraphs with nothing selected left out).
    pub fn pieces(&self, doc: &Document) -> Vec<(usize, Range<usize>)> {
        let (from, to) = if self.anchor <= self.head {
            (self.anchor, self.head)
        } else {
            (self.head, self.anchor)
        };
        let mut out = Vec::new();
        for p in from.paragraph..=to.paragraph.min(doc.paragraphs.len().saturating_sub(1)) {
            let text = doc.paragraphs[p].plain_text();
            let start = if p == from.paragraph {
                segment_at(&text, from.offset).start
            } else {
                0
            };
            let end = if p == to.paragraph {
                segment_at(&text, to.offset).end
            } else {
                text.len()
            };
            let part = &text[start..end.max(start)];
            let lead = part.len() - part.trim_start().len();
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                out.push((p, start + lead..start + lead + trimmed.len()));
            }
        }
        out
    }

    /// The selected text, paragraphs joined by a space.
    pub fn text(&self, doc: &Document) -> String {
        self.pieces(doc)
            .into_iter()
            .map(|(p, r)| doc.paragraphs[p].plain_text()[r].to_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// How many words and paragraphs are selected.
    pub fn size(&self, doc: &Document) -> (usize, usize) {
        let pieces = self.pieces(doc);
        let words = pieces
            .iter()
            .map(|(p, r)| words(&doc.paragraphs[*p].plain_text()[r.clone()]).count())
            .sum();
        (words, pieces.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let src = r#"Article(format: 1, id: "s", title: "T", body: [
            Paragraph(id: "a", text: "One two three. Four five, six! Seven."),
            Paragraph(id: "b", text: "Eight nine."),
        ])"#;
        crate::model::load::parse(src).unwrap().doc
    }

    fn after(motions: &[Motion]) -> String {
        let d = doc();
        let mut s = Selection::start(&d, 0).unwrap();
        for &m in motions {
            s.extend(&d, m);
        }
        s.text(&d)
    }

    #[test]
    fn words_sentences_and_paragraphs() {
        use Motion::*;
        assert_eq!(after(&[]), "One");
        assert_eq!(after(&[WordForward, WordForward]), "One two three");
        assert_eq!(after(&[WordForward, WordBack]), "One");
        assert_eq!(after(&[WordEnd]), "One", "the end of the word it is on");
        assert_eq!(after(&[WordEnd, WordEnd]), "One two");
        assert_eq!(after(&[SentenceForward]), "One two three.");
        assert_eq!(
            after(&[SentenceForward, SentenceForward]),
            "One two three. Four five, six!"
        );
        assert_eq!(
            after(&[SentenceForward, SentenceForward, SentenceBack]),
            "One two three. Four"
        );
        assert_eq!(
            after(&[ParagraphDown]),
            "One two three. Four five, six! Seven."
        );
        assert_eq!(
            after(&[ParagraphDown, ParagraphDown]),
            "One two three. Four five, six! Seven. Eight nine."
        );
        assert_eq!(
            after(&[ParagraphDown, ParagraphDown, ParagraphUp]),
            "One two three. Four five, six! Seven. Eight"
        );
        assert_eq!(
            after(&[WordForward; 7]),
            "One two three. Four five, six! Seven. Eight"
        );
    }

    #[test]
    fn going_back_past_the_start_keeps_the_first_word() {
        let d = doc();
        let mut s = Selection::start(&d, 1).unwrap();
        assert!(s.extend(&d, Motion::WordBack));
        assert_eq!(s.text(&d), "Seven. Eight");
        assert_eq!(s.size(&d), (2, 2));
        let mut s = Selection::start(&d, 0).unwrap();
        assert!(
            !s.extend(&d, Motion::WordBack),
            "nothing before the first word"
        );
        assert_eq!(s.text(&d), "One");
    }
}
