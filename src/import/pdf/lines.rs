//! A page's characters to lines: characters on one baseline (a raised smaller number counted
//! with the line it is raised from) in left-to-right order, split where a gap is wider than
//! a column gutter could be mistaken for a word space.

use super::extract::{Glyph, PageText};

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Run {
    /// The text, spaces included.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Raised and smaller than the line (a note number).
    pub sup: bool,
}

/// A line of text on a page.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    /// Its styled runs, in order.
    pub runs: Vec<Run>,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline, from the top of the page.
    pub base: f32,
    /// The font size most of its characters have.
    pub size: f32,
    /// Page index, from 0.
    pub page: usize,
    /// Where it is, for messages: the page in the high bits, the line's rank on the page in
    /// the low 16.
    pub at: usize,
}

/// The text that stands for a figure.
pub(super) const FIGURE: &str = "[figure]";

impl Line {
    /// The line that stands for an image spanning `x0..x1` whose bottom edge is at `bottom`:
    /// `[figure]`, of size 0, so that it is a block of its own and never a note.
    pub(super) fn figure(x0: f32, x1: f32, bottom: f32, page: usize, rank: usize) -> Self {
        Line {
            runs: vec![Run {
                text: FIGURE.to_owned(),
                bold: false,
                italic: false,
                sup: false,
            }],
            x0,
            x1,
            base: bottom,
            size: 0.0,
            page,
            at: at(page, rank),
        }
    }

    /// Whether it stands for a figure.
    pub(super) fn is_figure(&self) -> bool {
        self.size == 0.0 && self.runs.len() == 1 && self.runs[0].text == FIGURE
    }

    /// Its text, runs joined.
    pub(super) fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Whether every letter or digit in it is bold.
    pub(super) fn bold(&self) -> bool {
        self.runs
            .iter()
            .filter(|r| !r.sup && r.text.chars().any(char::is_alphanumeric))
            .all(|r| r.bold)
    }
}

/// Where `at` puts page `page`'s line `rank`.
pub(super) fn at(page: usize, rank: usize) -> usize {
    (page << 16) | rank.min(0xffff)
}

/// The page and line (both from 1) of an `at`.
pub(super) fn place(at: usize) -> (usize, usize) {
    ((at >> 16) + 1, (at & 0xffff) + 1)
}

/// The lines of `page` (page index `index`), top to bottom, left to right within a row.
pub(super) fn lines(page: &PageText, index: usize) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.ch.is_whitespace())
        .collect();
    glyphs.sort_by(|a, b| a.base.total_cmp(&b.base));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if same_row(row, g) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let rows = merge_raised(rows);
    let mut out = Vec::new();
    for row in rows {
        for segment in split_row(row) {
            if let Some(line) = make_line(&segment, index, out.len()) {
                out.push(line);
            }
        }
    }
    for &(x0, x1, bottom) in &page.figures {
        out.push(Line::figure(x0, x1, bottom, index, out.len()));
    }
    out
}

/// The size most characters of `glyphs` have (the larger on a tie).
fn main_size(glyphs: &[&Glyph]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for g in glyphs {
        let s = (g.size * 10.0).round() / 10.0;
        match sizes.iter_mut().find(|(z, _)| *z == s) {
            Some((_, n)) => *n += 1,
            None => sizes.push((s, 1)),
        }
    }
    sizes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)))
        .map_or(0.0, |(s, _)| s)
}

/// The baseline most characters of `glyphs` of the main size sit on.
fn main_base(glyphs: &[&Glyph]) -> f32 {
    let size = main_size(glyphs);
    let mut bases: Vec<f32> = glyphs
        .iter()
        .filter(|g| (g.size - size).abs() < 0.2)
        .map(|g| g.base)
        .collect();
    bases.sort_by(f32::total_cmp);
    bases.get(bases.len() / 2).copied().unwrap_or(0.0)
}

fn same_row(row: &[&Glyph], g: &Glyph) -> bool {
    let size = main_size(row).max(g.size);
    (g.base - main_base(row)).abs() <= 0.25 * size
}

/// Rows of smaller raised characters joined to the row they are raised from.
fn merge_raised(rows: Vec<Vec<&Glyph>>) -> Vec<Vec<&Glyph>> {
    let mut out: Vec<Vec<&Glyph>> = Vec::with_capacity(rows.len());
    let mut pending: Option<Vec<&Glyph>> = None;
    for row in rows {
        if let Some(raised) = pending.take() {
            if is_raised_over(&raised, &row) {
                let mut row = row;
                row.extend(raised);
                out.push(row);
                continue;
            }
            out.push(raised);
        }
        pending = Some(row);
    }
    out.extend(pending);
    out
}

/// Whether `raised` is smaller text a little above `row` and within its width: superscripts.
fn is_raised_over(raised: &[&Glyph], row: &[&Glyph]) -> bool {
    let (size, small) = (main_size(row), main_size(raised));
    let lift = main_base(row) - main_base(raised);
    let (x0, x1) = extent(row);
    let (rx0, rx1) = extent(raised);
    small < 0.9 * size
        && lift > 0.0
        && lift < 0.75 * size
        && rx0 >= x0 - size
        && rx1 <= x1 + 3.0 * size
        && raised.len() <= 12
}

fn extent(glyphs: &[&Glyph]) -> (f32, f32) {
    glyphs
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), g| (a.min(g.x), b.max(g.x1)))
}

/// A row in left-to-right order, cut where the gap is wider than 1.6 times the font size
/// (two columns side by side, or a page number beside a running head).
fn split_row(mut row: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    let size = main_size(&row);
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    let mut right = f32::MIN;
    for g in row {
        match out.last_mut() {
            Some(seg) if g.x - right <= 1.6 * size => seg.push(g),
            _ => out.push(vec![g]),
        }
        right = right.max(g.x1);
    }
    out
}

/// A line from the characters of one segment, with spaces where the gaps are.
fn make_line(glyphs: &[&Glyph], page: usize, rank: usize) -> Option<Line> {
    let size = main_size(glyphs);
    let base = main_base(glyphs);
    let first = glyphs.first()?;
    let mut runs: Vec<Run> = Vec::new();
    let mut right = first.x;
    for g in glyphs {
        let sup = g.size < 0.9 * size && base - g.base > 0.15 * size;
        let space = g.x - right > 0.15 * size.min(g.size.max(size * 0.7));
        let fits = |r: &Run| r.bold == g.bold && r.italic == g.italic && r.sup == sup;
        match runs.last_mut() {
            Some(r) if fits(r) => {
                if space {
                    r.text.push(' ');
                }
                r.text.push(g.ch);
            }
            _ => {
                let mut text = String::new();
                match runs.last_mut() {
                    // A note number keeps to its digits; the space goes with what follows.
                    Some(r) if space && !r.sup => r.text.push(' '),
                    Some(_) if space => text.push(' '),
                    _ => {}
                }
                text.push(g.ch);
                runs.push(Run {
                    text,
                    bold: g.bold,
                    italic: g.italic,
                    sup,
                });
            }
        }
        right = right.max(g.x1);
    }
    let (x0, x1) = extent(glyphs);
    Some(Line {
        runs,
        x0,
        x1,
        base,
        size,
        page,
        at: at(page, rank),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` from `x`, each `0.5 * size` wide.
    pub(crate) fn word(text: &str, x: f32, base: f32, size: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| Glyph {
                ch,
                x: x + i as f32 * size * 0.5,
                x1: x + (i + 1) as f32 * size * 0.5,
                base,
                size,
                bold: false,
                italic: false,
            })
            .collect()
    }

    fn page(glyphs: Vec<Glyph>) -> PageText {
        PageText {
            height: 800.0,
            width: 600.0,
            glyphs,
            undecoded: 0,
            figures: Vec::new(),
        }
    }

    #[test]
    fn words_on_a_baseline_make_one_line_with_spaces() {
        let mut g = word("Rivers", 100.0, 200.0, 10.0);
        g.extend(word("carry", 133.0, 200.2, 10.0));
        g.extend(word("water", 100.0, 214.0, 10.0));
        let lines = lines(&page(g), 0);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["Rivers carry", "water"]);
        assert_eq!(place(lines[1].at), (1, 2));
    }

    #[test]
    fn a_raised_smaller_number_is_a_superscript_run_of_its_line() {
        let mut g = word("sea.", 100.0, 200.0, 10.0);
        g.extend(word("12", 120.0, 196.0, 6.5));
        g.extend(word("Then", 130.0, 200.0, 10.0));
        let lines = lines(&page(g), 0);
        assert_eq!(lines.len(), 1);
        let runs: Vec<(&str, bool)> = lines[0]
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.sup))
            .collect();
        assert_eq!(runs, [("sea.", false), ("12", true), (" Then", false)]);
    }

    #[test]
    fn a_wide_gap_splits_two_columns() {
        let mut g = word("left", 50.0, 200.0, 10.0);
        g.extend(word("right", 320.0, 200.0, 10.0));
        let texts: Vec<String> = lines(&page(g), 0).iter().map(Line::text).collect();
        assert_eq!(texts, ["left", "right"]);
    }
}
