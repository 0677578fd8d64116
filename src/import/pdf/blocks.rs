//! Lines in reading order to blocks: a heading is a line larger than the body or all bold;
//! a paragraph ends at a wider gap than the line spacing, an indented line, or, across a
//! column or page break, after a short line. In a notes or references section each
//! numbered entry is a block of its own.

use super::lines::Line;
use super::page::Stretch;

/// What a block is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    /// Body text.
    Body,
    /// A heading, by its size and weight.
    Heading {
        /// Font size.
        size: f32,
        /// All bold.
        bold: bool,
    },
    /// An entry of a notes or references list, with its number as written (`3.`, `[3]`).
    Entry(String),
}

/// A block: its lines, in order.
#[derive(Clone, Debug)]
pub(super) struct Block {
    /// Body, heading or list entry.
    pub kind: Kind,
    /// Its lines.
    pub lines: Vec<Line>,
}

/// The usual distance between two lines of body text, measured on the document.
pub(super) fn line_pitch(stretches: &[&Stretch], body: f32) -> f32 {
    let mut gaps: Vec<f32> = Vec::new();
    for s in stretches {
        for w in s.lines.windows(2) {
            let gap = w[1].base - w[0].base;
            let body_sized = |l: &Line| (l.size - body).abs() < 0.5;
            if body_sized(&w[0]) && body_sized(&w[1]) && gap > 0.0 && gap < 3.0 * body {
                gaps.push(gap);
            }
        }
    }
    gaps.sort_by(f32::total_cmp);
    // The lower third: paragraph gaps are fewer than line gaps, and only ever wider.
    gaps.get(gaps.len() / 3).copied().unwrap_or(1.2 * body)
}

/// Whether a line is a heading's: larger than the body, or all bold and not a sentence.
pub(super) fn is_heading(line: &Line, body: f32) -> bool {
    let text = line.text();
    let text = text.trim();
    let words = text.chars().any(char::is_alphabetic);
    let big = line.size >= 1.12 * body;
    let bold = line.bold() && line.size >= 0.95 * body && text.chars().count() < 100;
    words && (big || (bold && !text.ends_with(['.', ',', ';'])))
}

/// The titles of sections whose numbered paragraphs are entries.
fn is_list_section(title: &str) -> bool {
    let t = title
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .to_lowercase();
    matches!(
        t.as_str(),
        "notes" | "endnotes" | "references" | "bibliography" | "works cited" | "literature"
    )
}

/// The number an entry of a notes or references list starts with: `12.`, `[12]`, `12)`.
pub(super) fn entry_number(text: &str) -> Option<String> {
    let t = text.trim_start();
    let (inner, close) = if let Some(r) = t.strip_prefix('[') {
        (r, ']')
    } else {
        (t, '.')
    };
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    let after = inner[digits..].chars().next()?;
    let closes = after == close || (close == '.' && after == ')');
    (digits > 0 && digits <= 3 && closes).then(|| {
        let open = if close == ']' { "[" } else { "" };
        format!("{open}{}{after}", &inner[..digits])
    })
}

/// The blocks of the stretches, in order; `body` is the body size and `pitch` the body's
/// line spacing.
pub(super) fn blocks(stretches: &[&Stretch], body: f32, pitch: f32) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut in_list = false;
    let mut prev_stretch: Option<&Stretch> = None;
    for stretch in stretches {
        for (k, line) in stretch.lines.iter().enumerate() {
            let kind = if is_heading(line, body) {
                Kind::Heading {
                    size: (line.size * 2.0).round() / 2.0,
                    bold: line.bold(),
                }
            } else if in_list && let Some(n) = entry_number(&line.text()) {
                Kind::Entry(n)
            } else {
                Kind::Body
            };
            let alone = line.is_figure()
                || out
                    .last()
                    .is_some_and(|b| b.lines.first().is_some_and(Line::is_figure));
            let starts = match out.last() {
                None => true,
                Some(_) if alone => true,
                Some(cur) => match (&cur.kind, &kind) {
                    (Kind::Heading { .. }, Kind::Heading { .. }) => {
                        cur.kind != kind || k == 0 || line.base - last_base(cur) > 1.8 * line.size
                    }
                    (Kind::Body | Kind::Entry(_), Kind::Body) => {
                        let prev = cur.lines.last().unwrap_or(line);
                        let from = if k == 0 { prev_stretch } else { Some(*stretch) };
                        new_paragraph(prev, line, from, stretch, k == 0, pitch)
                    }
                    _ => true,
                },
            };
            if starts {
                if let Kind::Heading { .. } = kind {
                    in_list = is_list_section(&line.text());
                }
                out.push(Block {
                    kind,
                    lines: vec![line.clone()],
                });
            } else if let Some(cur) = out.last_mut() {
                if let Kind::Heading { .. } = cur.kind {
                    let title: String = cur
                        .lines
                        .iter()
                        .map(Line::text)
                        .collect::<Vec<_>>()
                        .join(" ");
                    in_list = is_list_section(&format!("{title} {}", line.text()));
                }
                cur.lines.push(line.clone());
            }
        }
        prev_stretch = Some(stretch);
    }
    out
}

fn last_base(block: &Block) -> f32 {
    block.lines.last().map_or(0.0, |l| l.base)
}

/// Whether `line` starts a new paragraph after `prev`: `prev` was in `prev_in` (`None`: no
/// stretch before), `line` is in `here`, with a column or page break between when `broke`.
fn new_paragraph(
    prev: &Line,
    line: &Line,
    prev_in: Option<&Stretch>,
    here: &Stretch,
    broke: bool,
    pitch: f32,
) -> bool {
    let size = line.size.max(prev.size);
    let indented = line.x0 > here.left + 0.8 * line.size && line.x0 < here.left + 5.0 * line.size;
    if (line.size - prev.size).abs() > 0.6 {
        return true;
    }
    if broke {
        // A short line that ends a sentence ended its paragraph; a lower-case start never
        // begins one.
        let short = prev_in.is_none_or(|s| prev.x1 < s.right - 2.0 * size);
        let text = prev.text();
        let ended = text
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', ')']);
        let lower = line.text().trim_start().starts_with(char::is_lowercase);
        return !lower && ((short && ended) || indented);
    }
    let gap = line.base - prev.base;
    let prev_indented = prev.x0 > here.left + 0.8 * prev.size;
    gap > 1.3 * pitch.max(prev.size) || gap < 0.0 || (indented && !prev_indented)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-run line on the first page (the page tests' helper).
    fn line(text: &str, x0: f32, x1: f32, base: f32, size: f32) -> Line {
        crate::import::pdf::page::tests::line(text, x0, x1, base, size, 0)
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| b.lines.iter().map(Line::text).collect::<Vec<_>>().join("|"))
            .collect()
    }

    #[test]
    fn a_gap_an_indent_and_a_heading_start_blocks_and_a_page_break_does_not() {
        let first = Stretch {
            lines: vec![
                line("Big Heading", 50.0, 200.0, 60.0, 14.0),
                line("one one one", 50.0, 500.0, 90.0, 10.0),
                line("one end.", 50.0, 200.0, 103.0, 10.0),
                line("two two two", 50.0, 500.0, 125.0, 10.0),
                line("two goes on", 50.0, 500.0, 138.0, 10.0),
            ],
            left: 50.0,
            right: 500.0,
        };
        let second = Stretch {
            lines: vec![
                line("over the page.", 50.0, 300.0, 60.0, 10.0),
                line("three indented", 65.0, 500.0, 73.0, 10.0),
            ],
            left: 50.0,
            right: 500.0,
        };
        let got = blocks(&[&first, &second], 10.0, 13.0);
        assert_eq!(
            texts(&got),
            [
                "Big Heading",
                "one one one|one end.",
                "two two two|two goes on|over the page.",
                "three indented"
            ]
        );
        assert!(matches!(got[0].kind, Kind::Heading { .. }));
    }

    #[test]
    fn entries_are_told_in_a_references_section() {
        assert_eq!(entry_number("12. Smith"), Some("12.".to_owned()));
        assert_eq!(entry_number("[3] Smith"), Some("[3]".to_owned()));
        assert_eq!(entry_number("1990 was"), None);
        assert!(is_list_section("5 References") && is_list_section("Notes"));
    }
}
