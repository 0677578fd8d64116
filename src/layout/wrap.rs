//! Wrapping one block of inline content into lines of styled segments.
//!
//! Words are split on whitespace (collapsed to one space, as in print), between wide
//! characters (CJK text has no spaces) and never inside a grapheme cluster; a word longer
//! than the line is cut at grapheme boundaries. textwrap's first-fit algorithm places the
//! words. Every segment remembers the byte range of the paragraph's plain text it shows, so
//! search matches and clicks map back to the text.

use std::ops::Range;

use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;

use super::cells::{grapheme_width, width as cell_width};
use crate::model::{Inline, TermMatch, TextStyle};

/// What a segment shows, for styling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SegKind {
    /// Character style from the markup.
    pub style: TextStyle,
    /// Part of a link.
    pub link: bool,
    /// A footnote marker with this number.
    pub footnote: Option<u32>,
    /// An occurrence of this glossary entry.
    pub term: Option<u32>,
    /// Decoration added by layout (a list marker, a quote bar, indentation).
    pub decoration: bool,
    /// The reader's note, shown under its paragraph.
    pub note: bool,
}

/// A run of text in one style on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// What is shown.
    pub text: String,
    /// How it is styled.
    pub kind: SegKind,
    /// The bytes of the paragraph's plain text it stands for (empty for decorations).
    pub src: Range<usize>,
}

/// One wrapped line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WrappedLine {
    /// Segments, left to right.
    pub segments: Vec<Segment>,
}

impl WrappedLine {
    /// Display width in columns.
    pub fn width(&self) -> usize {
        self.segments.iter().map(|s| cell_width(&s.text)).sum()
    }
}

/// How footnote references are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MarkerStyle {
    /// Superscript digits: `¹²`.
    #[default]
    Superscript,
    /// Brackets: `[12]`.
    Brackets,
}

/// The text shown for footnote `n`.
pub fn footnote_marker(n: u32, style: MarkerStyle) -> String {
    match style {
        MarkerStyle::Brackets => format!("[{n}]"),
        MarkerStyle::Superscript => n
            .to_string()
            .chars()
            .map(|d| match d {
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                d => char::from_u32(0x2070 + d.to_digit(10).unwrap_or(0)).unwrap_or(d),
            })
            .collect(),
    }
}

/// A piece of content in one style.
#[derive(Debug)]
struct Piece<'a> {
    /// Displayed text.
    text: std::borrow::Cow<'a, str>,
    kind: SegKind,
    /// Start of its bytes in the plain text.
    src_start: usize,
    /// An atom (a footnote marker) is never split and maps to its whole `src` range.
    atom: Option<Range<usize>>,
}

/// A run of pieces between break opportunities.
#[derive(Debug, Default)]
struct Word {
    /// (piece index, byte range in the piece's text).
    parts: Vec<(usize, Range<usize>)>,
    width: usize,
    /// 1 when a space follows the word.
    space: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Layout options of one block.
#[derive(Clone, Debug)]
pub struct WrapSpec {
    /// Total width in columns, prefixes included.
    pub width: usize,
    /// Shown before the first line (a list marker).
    pub first_prefix: String,
    /// Shown before the following lines (indentation, a quote bar).
    pub rest_prefix: String,
    /// Keep line breaks and spacing; cut long lines instead of wrapping at words.
    pub preformatted: bool,
    /// How footnote references look.
    pub markers: MarkerStyle,
}

/// Splits inlines into styled pieces, cutting text at the glossary matches.
fn pieces<'a>(inlines: &'a [Inline], terms: &[TermMatch], markers: MarkerStyle) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut off = 0usize;
    let mut t = 0usize;
    for inline in inlines {
        match inline {
            Inline::Text { text, style } | Inline::Link { text, style, .. } => {
                let link = matches!(inline, Inline::Link { .. });
                let base = SegKind {
                    style: *style,
                    link,
                    ..SegKind::default()
                };
                let end = off + text.len();
                let mut pos = off;
                while pos < end {
                    while t < terms.len() && terms[t].range.end <= pos {
                        t += 1;
                    }
                    let (cut, term) = match terms.get(t) {
                        Some(m) if m.range.start <= pos => {
                            (m.range.end.min(end), Some(m.entry as u32))
                        }
                        Some(m) if m.range.start < end => (m.range.start, None),
                        _ => (end, None),
                    };
                    let cut = floor_boundary(text, cut - off) + off;
                    let cut = if cut <= pos { end } else { cut };
                    out.push(Piece {
                        text: std::borrow::Cow::Borrowed(&text[pos - off..cut - off]),
                        kind: SegKind { term, ..base },
                        src_start: pos,
                        atom: None,
                    });
                    pos = cut;
                }
                off = end;
            }
            Inline::FootnoteRef { number } => {
                let plain_len = format!("[{number}]").len();
                out.push(Piece {
                    text: footnote_marker(*number, markers).into(),
                    kind: SegKind {
                        footnote: Some(*number),
                        ..SegKind::default()
                    },
                    src_start: off,
                    atom: Some(off..off + plain_len),
                });
                off += plain_len;
            }
            Inline::LineBreak => {
                out.push(Piece {
                    text: "\n".into(),
                    kind: SegKind::default(),
                    src_start: off,
                    atom: None,
                });
                off += 1;
            }
        }
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Wraps a block. Always returns at least one line.
pub fn wrap(inlines: &[Inline], terms: &[TermMatch], spec: &WrapSpec) -> Vec<WrappedLine> {
    let pieces = pieces(inlines, terms, spec.markers);
    let first_w = cell_width(&spec.first_prefix);
    let rest_w = cell_width(&spec.rest_prefix);
    let avail_first = spec.width.saturating_sub(first_w).max(1);
    let avail_rest = spec.width.saturating_sub(rest_w).max(1);
    let mut lines: Vec<WrappedLine> = Vec::new();
    // Hard line breaks split the block into runs wrapped separately.
    for run in split_runs(&pieces) {
        let avail = if lines.is_empty() {
            avail_first
        } else {
            avail_rest
        };
        let words = if spec.preformatted {
            cut_line(&pieces, &run, avail, avail_rest)
        } else {
            words(&pieces, &run, avail_rest)
        };
        let widths = [avail as f64, avail_rest as f64];
        let placed = if words.is_empty() {
            vec![&words[..]]
        } else {
            textwrap::wrap_algorithms::wrap_first_fit(&words, &widths)
        };
        for line_words in placed {
            lines.push(assemble(&pieces, line_words));
        }
    }
    if lines.is_empty() {
        lines.push(WrappedLine::default());
    }
    for (i, line) in lines.iter_mut().enumerate() {
        let prefix = if i == 0 {
            &spec.first_prefix
        } else {
            &spec.rest_prefix
        };
        if !prefix.is_empty() {
            line.segments.insert(
                0,
                Segment {
                    text: prefix.clone(),
                    kind: SegKind {
                        decoration: true,
                        ..SegKind::default()
                    },
                    src: 0..0,
                },
            );
        }
    }
    lines
}

/// Piece ranges between hard line breaks: each run is a list of (piece, byte range).
fn split_runs(pieces: &[Piece]) -> Vec<Vec<(usize, Range<usize>)>> {
    let mut runs = vec![Vec::new()];
    for (i, p) in pieces.iter().enumerate() {
        if p.atom.is_some() {
            if let Some(run) = runs.last_mut() {
                run.push((i, 0..p.text.len()));
            }
            continue;
        }
        let mut start = 0;
        for (nl, _) in p.text.match_indices('\n') {
            if let Some(run) = runs.last_mut()
                && nl > start
            {
                run.push((i, start..nl));
            }
            runs.push(Vec::new());
            start = nl + 1;
        }
        if start < p.text.len()
            && let Some(run) = runs.last_mut()
        {
            run.push((i, start..p.text.len()));
        }
    }
    runs
}

/// Break opportunities of prose: spaces (collapsed) and around wide characters.
fn words(pieces: &[Piece], run: &[(usize, Range<usize>)], max: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur = Word::default();
    let push_grapheme = |cur: &mut Word, piece: usize, r: Range<usize>, w: usize| {
        match cur.parts.last_mut() {
            Some((p, last)) if *p == piece && last.end == r.start => last.end = r.end,
            _ => cur.parts.push((piece, r)),
        }
        cur.width += w;
    };
    for (piece, range) in run {
        let p = &pieces[*piece];
        if p.atom.is_some() {
            push_grapheme(&mut cur, *piece, range.clone(), cell_width(&p.text));
            continue;
        }
        let text = &p.text[range.clone()];
        for (gi, g) in text.grapheme_indices(true) {
            let r = range.start + gi..range.start + gi + g.len();
            if g.chars().all(char::is_whitespace) {
                if !cur.parts.is_empty() {
                    cur.space = 1;
                    out.push(std::mem::take(&mut cur));
                } else if let Some(last) = out.last_mut() {
                    last.space = 1;
                }
                continue;
            }
            let w = grapheme_width(g);
            if w >= 2 {
                // Wide characters may break on either side.
                if !cur.parts.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                push_grapheme(&mut cur, *piece, r, w);
                out.push(std::mem::take(&mut cur));
                continue;
            }
            if cur.width + w > max && !cur.parts.is_empty() {
                // A word longer than a line is cut where it reaches the edge.
                out.push(std::mem::take(&mut cur));
            }
            push_grapheme(&mut cur, *piece, r, w);
        }
    }
    if !cur.parts.is_empty() {
        out.push(cur);
    }
    out
}

/// Preformatted text: the whole line is one word, cut into pieces that fit.
fn cut_line(
    pieces: &[Piece],
    run: &[(usize, Range<usize>)],
    first: usize,
    rest: usize,
) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur = Word::default();
    for (piece, range) in run {
        let text = &pieces[*piece].text[range.clone()];
        for (gi, g) in text.grapheme_indices(true) {
            let limit = if out.is_empty() { first } else { rest };
            let w = grapheme_width(g);
            if cur.width + w > limit && !cur.parts.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            let r = range.start + gi..range.start + gi + g.len();
            match cur.parts.last_mut() {
                Some((p, last)) if *p == *piece && last.end == r.start => last.end = r.end,
                _ => cur.parts.push((*piece, r)),
            }
            cur.width += w;
        }
    }
    if !cur.parts.is_empty() {
        out.push(cur);
    }
    out
}

fn assemble(pieces: &[Piece], words: &[Word]) -> WrappedLine {
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |text: &str, kind: SegKind, src: Range<usize>| {
        if let Some(last) = segments.last_mut()
            && last.kind == kind
            && last.src.end == src.start
            && kind.footnote.is_none()
        {
            last.text.push_str(text);
            last.src.end = src.end;
            return;
        }
        segments.push(Segment {
            text: text.to_owned(),
            kind,
            src,
        });
    };
    for (i, word) in words.iter().enumerate() {
        for (piece, r) in &word.parts {
            let p = &pieces[*piece];
            let src = match &p.atom {
                Some(a) => a.clone(),
                None => p.src_start + r.start..p.src_start + r.end,
            };
            push(&p.text[r.clone()], p.kind, src);
        }
        if i + 1 < words.len() && word.space > 0 {
            // The space takes the style of the text around it when both sides agree, so
            // a link or an emphasised phrase reads as one run.
            let (piece, r) = &word.parts[word.parts.len() - 1];
            let p = &pieces[*piece];
            let next = &pieces[words[i + 1].parts[0].0];
            let kind = if p.kind == next.kind && p.atom.is_none() {
                p.kind
            } else {
                SegKind::default()
            };
            let at = p.src_start + r.end;
            push(" ", kind, at..at + 1);
        }
    }
    WrappedLine { segments }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inline::parse;

    fn spec(width: usize) -> WrapSpec {
        WrapSpec {
            width,
            first_prefix: String::new(),
            rest_prefix: String::new(),
            preformatted: false,
            markers: MarkerStyle::Superscript,
        }
    }

    fn texts(lines: &[WrappedLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.segments.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_markers_glued() {
        let inl = parse("one two three.[^12] four five").unwrap();
        let lines = wrap(&inl, &[], &spec(12));
        assert_eq!(
            texts(&lines),
            ["one two", "three.¹²", "four five"].map(String::from)
        );
    }

    #[test]
    fn never_exceeds_the_width_even_with_long_words_and_cjk() {
        let inl =
            parse("a https://example.org/a/very/long/path 漢字仮名交じり文 🇨🇳🇨🇳 e\u{301}").unwrap();
        for w in 1..30 {
            for line in wrap(&inl, &[], &spec(w)) {
                assert!(line.width() <= w.max(2), "width {w}: {:?}", line);
            }
        }
    }

    #[test]
    fn segments_map_back_to_plain_text() {
        let inl = parse("said *Xinhua*.[^2] Then more").unwrap();
        let plain: String = inl.iter().map(|i| i.plain_text()).collect();
        for line in wrap(&inl, &[], &spec(9)) {
            for seg in line.segments {
                if seg.kind.footnote.is_some() {
                    assert_eq!(&plain[seg.src.clone()], "[2]");
                } else {
                    assert_eq!(&plain[seg.src.clone()], seg.text);
                }
            }
        }
    }

    #[test]
    fn terms_become_their_own_segments() {
        let inl = parse("the DPRK and ROK").unwrap();
        let terms = [
            TermMatch {
                range: 4..8,
                entry: 0,
            },
            TermMatch {
                range: 13..16,
                entry: 1,
            },
        ];
        let lines = wrap(&inl, &terms, &spec(40));
        let marked: Vec<(&str, Option<u32>)> = lines[0]
            .segments
            .iter()
            .map(|s| (s.text.as_str(), s.kind.term))
            .collect();
        assert_eq!(
            marked,
            [
                ("the ", None),
                ("DPRK", Some(0)),
                (" and ", None),
                ("ROK", Some(1))
            ]
        );
    }

    #[test]
    fn prefixes_and_preformatted_lines() {
        let inl = vec![Inline::Text {
            text: "fn main() {\n    body_that_is_long\n}".into(),
            style: TextStyle {
                code: true,
                ..TextStyle::default()
            },
        }];
        let s = WrapSpec {
            preformatted: true,
            first_prefix: "  ".into(),
            rest_prefix: "  ".into(),
            ..spec(12)
        };
        let lines = wrap(&inl, &[], &s);
        assert_eq!(
            texts(&lines),
            [
                "  fn main() ",
                "  {",
                "      body_t",
                "  hat_is_lon",
                "  g",
                "  }"
            ]
            .map(String::from)
        );
    }

    #[test]
    fn superscript_markers() {
        assert_eq!(
            footnote_marker(1234567890, MarkerStyle::Superscript),
            "¹²³⁴⁵⁶⁷⁸⁹⁰"
        );
        assert_eq!(footnote_marker(7, MarkerStyle::Brackets), "[7]");
    }
}
