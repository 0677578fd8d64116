//! Lines to inline pieces: lines joined by a space, a word hyphenated at a line end joined
//! again where the joined word is one (the document's own words decide), and a raised note
//! number that was matched to a footnote made a reference.

use std::collections::HashSet;

use super::lines::Line;
use crate::import::para::push_piece;
use crate::import::raw::Piece;
use crate::model::{Inline, TextStyle};

/// Words that stay hyphenated at a line end when the document does not tell (`self-aware`).
const COMPOUND_FIRST: &[&str] = &["self", "well", "ill", "half", "ex", "non", "cross", "so"];

/// The document's words, to decide hyphenation: every word as written, lower case, and
/// every hyphenated word written inside a line.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// The words of `lines`, except the halves of words hyphenated at a line end.
    pub(super) fn of<'a>(lines: impl Iterator<Item = &'a Line>) -> Self {
        let mut words = HashSet::new();
        for line in lines {
            let text = line.text();
            let tokens: Vec<&str> = text.split_whitespace().collect();
            for (i, token) in tokens.iter().enumerate() {
                let word: String = token
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                let cut_at_end = i + 1 == tokens.len() && token.ends_with('-');
                if !word.is_empty() && !cut_at_end {
                    words.insert(word);
                }
            }
        }
        Vocabulary { words }
    }

    /// How `before` (ending in a hyphen at a line end) and `after` (the next line) join:
    /// `Some(false)` drops the hyphen, `Some(true)` keeps it, `None` when it is no
    /// hyphenated word (the lines join with a space).
    fn hyphen(&self, before: &str, after: &str) -> Option<bool> {
        let soft = before.ends_with('\u{ad}');
        let stem = before.strip_suffix(['-', '\u{ad}', '\u{2010}'])?;
        let head: String = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        if head.is_empty() || tail.is_empty() {
            return None;
        }
        if soft {
            return Some(false);
        }
        let (h, t) = (head.to_lowercase(), tail.to_lowercase());
        if self.words.contains(&format!("{h}{t}")) {
            return Some(false);
        }
        if self.words.contains(&format!("{h}-{t}")) || !tail.starts_with(char::is_lowercase) {
            return Some(true);
        }
        Some(COMPOUND_FIRST.contains(&h.as_str()))
    }
}

/// Pieces from lines; `reference` gives the footnote label of a raised number on a page.
pub(super) fn pieces(
    lines: &[Line],
    vocab: &Vocabulary,
    styled: bool,
    mut reference: impl FnMut(usize, u32) -> Option<usize>,
) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut tail = String::new();
    for (n, line) in lines.iter().enumerate() {
        let text = line.text();
        let first = text.trim_start();
        if n > 0 {
            match vocab.hyphen(&tail, first) {
                Some(keep) => {
                    drop_last_char(&mut out);
                    if keep {
                        push_text(&mut out, "-", TextStyle::default());
                    }
                }
                None => push_text(&mut out, " ", TextStyle::default()),
            }
        }
        for (i, run) in line.runs.iter().enumerate() {
            let number = run.text.trim().parse::<u32>().ok();
            if run.sup
                && let Some(label) = number.and_then(|n| reference(line.page, n))
            {
                // A note number sits on its word, whatever space the page put before it.
                if let Some(Piece::Inline(Inline::Text { text, .. })) = out.last_mut() {
                    text.truncate(text.trim_end().len());
                }
                out.push(Piece::Ref { label, at: line.at });
                continue;
            }
            let style = TextStyle {
                emph: styled && run.italic,
                strong: styled && run.bold,
                ..TextStyle::default()
            };
            let mut t = run.text.as_str();
            if i == 0 {
                t = t.trim_start();
            }
            if i + 1 == line.runs.len() {
                t = t.trim_end();
            }
            push_text(&mut out, t, style);
        }
        tail = text.trim_end().to_owned();
    }
    out
}

fn push_text(out: &mut Vec<Piece>, text: &str, style: TextStyle) {
    push_piece(
        out,
        Piece::Inline(Inline::Text {
            text: text.to_owned(),
            style,
        }),
    );
}

/// Drops the last character of the last text piece (a hyphen at a line end).
fn drop_last_char(out: &mut Vec<Piece>) {
    if let Some(Piece::Inline(Inline::Text { text, .. })) = out.last_mut() {
        text.pop();
        if text.is_empty() {
            out.pop();
        }
    }
}

/// The level of a heading `text`: one more than the parts of its number (`2.1` is 3), else
/// 2 plus the rank of its size among the heading sizes (`ranks`, largest first).
pub(super) fn heading_level(text: &str, rank: usize) -> u8 {
    let number: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts = number
        .trim_end_matches('.')
        .split('.')
        .filter(|p| !p.is_empty())
        .count();
    let spaced = text.trim_start()[number.len()..].starts_with(' ');
    let numbered = parts > 0 && spaced && number.starts_with(|c: char| c.is_ascii_digit());
    let level = if numbered { parts + 1 } else { rank + 2 };
    u8::try_from(level.clamp(2, 6)).unwrap_or(6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::lines::Run;
    use crate::import::raw::text_len;

    fn line(runs: &[(&str, bool)]) -> Line {
        Line {
            runs: runs
                .iter()
                .map(|&(t, sup)| Run {
                    text: t.to_owned(),
                    bold: false,
                    italic: false,
                    sup,
                })
                .collect(),
            x0: 0.0,
            x1: 0.0,
            base: 0.0,
            size: 10.0,
            page: 0,
            at: 0,
        }
    }

    fn plain(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Inline(i) => i.plain_text().into_owned(),
                Piece::Ref { label, .. } => format!("[^{label}]"),
            })
            .collect()
    }

    #[test]
    fn line_end_hyphens_are_undone_only_for_words() {
        let lines = [
            line(&[("a sedi-", false)]),
            line(&[("ment and a well-", false)]),
            line(&[("known river-", false)]),
            line(&[("bank near the river-bank", false)]),
        ];
        let vocab = Vocabulary::of(lines.iter());
        let got = plain(&pieces(&lines, &vocab, true, |_, _| None));
        assert_eq!(
            got,
            "a sediment and a well-known river-bank near the river-bank"
        );
    }

    #[test]
    fn a_matched_raised_number_becomes_a_reference() {
        let lines = [line(&[("the sea.", false), ("3", true), (" Then", false)])];
        let vocab = Vocabulary::default();
        let got = pieces(&lines, &vocab, true, |_, n| (n == 3).then_some(0));
        assert_eq!(plain(&got), "the sea.[^0] Then");
        assert_eq!(text_len(&got), "the sea. Then".len() + 1);
        let kept = pieces(&lines, &vocab, true, |_, _| None);
        assert_eq!(plain(&kept), "the sea.3 Then");
    }

    #[test]
    fn numbered_headings_take_their_level_from_the_number() {
        assert_eq!(heading_level("2 The upper valley", 0), 2);
        assert_eq!(heading_level("2.1 Pools", 0), 3);
        assert_eq!(heading_level("2.1. Pools", 0), 3);
        assert_eq!(heading_level("Abstract", 1), 3);
        assert_eq!(heading_level("1990s rivers", 0), 2);
    }
}
