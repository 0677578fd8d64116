//! Page furniture and reading order: running heads, footers and page numbers are taken off,
//! the rest is cut into column stretches in reading order (a two-column band is read left
//! column first), and the smaller lines at the foot of the last stretches are set apart as
//! the page's footnote area.

use super::lines::Line;

/// Lines of one column between breaks, in reading order.
#[derive(Clone, Debug, Default)]
pub(super) struct Stretch {
    /// Its lines, top to bottom.
    pub lines: Vec<Line>,
    /// The left edge of its body text.
    pub left: f32,
    /// The right edge of its body text.
    pub right: f32,
}

/// One page, arranged.
#[derive(Clone, Debug, Default)]
pub(super) struct Arranged {
    /// The body in reading order.
    pub stretches: Vec<Stretch>,
    /// The smaller lines at the foot of the page: footnotes, if they start like them.
    pub foot: Vec<Line>,
}

/// The body text size: the size most characters of the document have.
pub(super) fn body_size(pages: &[Vec<Line>]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for line in pages.iter().flatten() {
        let s = (line.size * 2.0).round() / 2.0;
        let n: usize = line.runs.iter().map(|r| r.text.len()).sum();
        match sizes.iter_mut().find(|(z, _)| *z == s) {
            Some((_, c)) => *c += n,
            None => sizes.push((s, n)),
        }
    }
    sizes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)))
        .map_or(10.0, |(s, _)| s)
}

/// Takes running heads, footers and page numbers off every page: up to two lines at the top
/// and at the bottom of a page that are a page number, or that repeat (digits aside) at the
/// same end of another page, and a line at the top smaller than the body text (`body`) and
/// set well apart from what follows (the running head of a one-page file). `heights` are
/// the page heights.
pub(super) fn strip_margins(pages: &mut [Vec<Line>], heights: &[f32], body: f32) {
    let ends = |lines: &[Line], height: f32| -> (Vec<usize>, Vec<usize>) {
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by(|&a, &b| lines[a].base.total_cmp(&lines[b].base));
        let top = order
            .iter()
            .take(2)
            .copied()
            .filter(|&i| lines[i].base < 0.12 * height)
            .collect();
        let bottom = order
            .iter()
            .rev()
            .take(2)
            .copied()
            .filter(|&i| lines[i].base > 0.88 * height)
            .collect();
        (top, bottom)
    };
    let found: Vec<(Vec<usize>, Vec<usize>)> = pages
        .iter()
        .zip(heights)
        .map(|(lines, &h)| ends(lines, h))
        .collect();
    let keys = |page: usize, which: &[usize]| -> Vec<String> {
        which
            .iter()
            .map(|&i| furniture_key(&pages[page][i].text()))
            .collect()
    };
    let top_keys: Vec<Vec<String>> = (0..pages.len()).map(|p| keys(p, &found[p].0)).collect();
    let bottom_keys: Vec<Vec<String>> = (0..pages.len()).map(|p| keys(p, &found[p].1)).collect();
    for p in 0..pages.len() {
        let mut drop = Vec::new();
        for (end, all) in [(&found[p].0, &top_keys), (&found[p].1, &bottom_keys)] {
            for (k, &i) in end.iter().enumerate() {
                let key = &all[p][k];
                let repeats = (0..pages.len()).any(|q| q != p && all[q].contains(key));
                if is_page_number(&pages[p][i].text()) || (repeats && !key.is_empty()) {
                    drop.push(i);
                }
            }
        }
        if let Some(&i) = found[p].0.first()
            && head_apart(&pages[p], i, body)
        {
            drop.push(i);
        }
        drop.sort_unstable();
        drop.dedup();
        for i in drop.into_iter().rev() {
            pages[p].remove(i);
        }
    }
}

/// Whether line `i` is smaller than the body text and more than three of its sizes above
/// every other line on its page.
fn head_apart(lines: &[Line], i: usize, body: f32) -> bool {
    let head = &lines[i];
    let below = lines
        .iter()
        .enumerate()
        .filter(|&(j, l)| j != i && l.base > head.base + 0.5 * head.size)
        .map(|(_, l)| l.base)
        .fold(f32::MAX, f32::min);
    head.size < 0.95 * body && below < f32::MAX && below - head.base > 3.0 * head.size
}

/// A line's text with digits and case taken out, to find the same running head on pages
/// with different numbers.
fn furniture_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `12`, `xii`, `- 12 -`, `Page 12`, `12 of 30`.
pub(super) fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| "-–—|·• ".contains(c));
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let t = t.split(" of ").next().unwrap_or(t).trim();
    let digits = !t.is_empty() && t.len() <= 5 && t.chars().all(|c| c.is_ascii_digit());
    let roman = !t.is_empty()
        && t.len() <= 7
        && t.chars()
            .all(|c| "ivxlcdm".contains(c.to_ascii_lowercase()));
    digits || roman
}

/// The page's lines in reading order, with its foot set apart. `width` is the page width,
/// `body` the body text size.
pub(super) fn arrange(mut lines: Vec<Line>, width: f32, body: f32) -> Arranged {
    lines.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x0.total_cmp(&b.x0)));
    let mid = width / 2.0;
    let slack = 0.02 * width;
    let side = |l: &Line| {
        if l.x1 <= mid + slack {
            Side::Left
        } else if l.x0 >= mid - slack {
            Side::Right
        } else {
            Side::Across
        }
    };
    let count = |s: Side| lines.iter().filter(|l| side(l) == s).count();
    let two_columns = count(Side::Left) >= 3 && count(Side::Right) >= 3;
    let mut bands: Vec<Vec<Stretch>> = Vec::new();
    if two_columns {
        let mut left = Vec::new();
        let mut right = Vec::new();
        for line in lines {
            match side(&line) {
                Side::Left => left.push(line),
                Side::Right => right.push(line),
                Side::Across => {
                    close_band(&mut bands, &mut left, &mut right, body);
                    bands.push(vec![stretch(vec![line], body)]);
                }
            }
        }
        close_band(&mut bands, &mut left, &mut right, body);
    } else if !lines.is_empty() {
        bands.push(vec![stretch(lines, body)]);
    }
    let mut foot = Vec::new();
    if let Some(last) = bands.last_mut() {
        for s in last.iter_mut() {
            let keep = s
                .lines
                .iter()
                .rposition(|l| l.size > 0.9 * body || l.is_figure())
                .map_or(0, |i| i + 1);
            foot.extend(s.lines.drain(keep..));
        }
    }
    let stretches = bands
        .into_iter()
        .flatten()
        .filter(|s| !s.lines.is_empty())
        .collect();
    Arranged { stretches, foot }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
    Across,
}

/// Ends a two-column band: its left stretch, then its right one.
fn close_band(
    bands: &mut Vec<Vec<Stretch>>,
    left: &mut Vec<Line>,
    right: &mut Vec<Line>,
    body: f32,
) {
    let band: Vec<Stretch> = [std::mem::take(left), std::mem::take(right)]
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| stretch(l, body))
        .collect();
    if !band.is_empty() {
        bands.push(band);
    }
}

/// A stretch of `lines`, its edges those of its lines of at least the body size.
fn stretch(lines: Vec<Line>, body: f32) -> Stretch {
    let wide = |l: &&Line| l.size >= 0.95 * body;
    let left = lines
        .iter()
        .filter(wide)
        .map(|l| l.x0)
        .fold(f32::MAX, f32::min);
    let right = lines
        .iter()
        .filter(wide)
        .map(|l| l.x1)
        .fold(f32::MIN, f32::max);
    let (left, right) = if left <= right {
        (left, right)
    } else {
        let l = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
        let r = lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
        (l, r)
    };
    Stretch { lines, left, right }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::import::pdf::lines::{Run, at};

    pub(crate) fn line(text: &str, x0: f32, x1: f32, base: f32, size: f32, page: usize) -> Line {
        Line {
            runs: vec![Run {
                text: text.to_owned(),
                bold: false,
                italic: false,
                sup: false,
            }],
            x0,
            x1,
            base,
            size,
            page,
            at: at(page, 0),
        }
    }

    #[test]
    fn page_numbers_and_repeated_heads_are_taken_off() {
        let page = |p: usize, n: &str| {
            vec![
                line("A Study of Rivers", 200.0, 300.0, 30.0, 8.0, p),
                line(&format!("Body text {p}"), 50.0, 500.0, 100.0, 10.0, p),
                line(&format!("More body text {p}"), 50.0, 500.0, 700.0, 10.0, p),
                line(n, 290.0, 300.0, 770.0, 8.0, p),
            ]
        };
        let mut pages = vec![page(0, "1"), page(1, "2")];
        strip_margins(&mut pages, &[800.0, 800.0], 10.0);
        for (i, p) in pages.iter().enumerate() {
            let texts: Vec<String> = p.iter().map(Line::text).collect();
            assert_eq!(
                texts,
                [format!("Body text {i}"), format!("More body text {i}")]
            );
        }
        assert!(is_page_number("- 12 -") && is_page_number("xiv") && is_page_number("Page 3"));
        assert!(!is_page_number("Rivers") && !is_page_number("1990s"));
    }

    #[test]
    fn a_small_line_set_apart_at_the_top_of_a_single_page_is_a_running_head() {
        let mut pages = vec![vec![
            line("A Study of Rivers", 200.0, 300.0, 30.0, 8.0, 0),
            line("A Study of Rivers", 50.0, 300.0, 90.0, 18.0, 0),
            line("Body text", 50.0, 500.0, 120.0, 10.0, 0),
        ]];
        strip_margins(&mut pages, &[800.0], 10.0);
        assert_eq!(pages[0].len(), 2);
        assert_eq!(pages[0][0].size, 18.0);
        // A small first line close to the text is text.
        let mut pages = vec![vec![
            line("small print", 50.0, 300.0, 80.0, 8.0, 0),
            line("Body text", 50.0, 500.0, 92.0, 10.0, 0),
        ]];
        strip_margins(&mut pages, &[800.0], 10.0);
        assert_eq!(pages[0].len(), 2);
    }

    #[test]
    fn two_columns_are_read_left_then_right_and_the_foot_is_set_apart() {
        let mut lines = vec![line("Title across the page", 50.0, 550.0, 50.0, 16.0, 0)];
        for (i, y) in [100.0, 114.0, 128.0].into_iter().enumerate() {
            lines.push(line(&format!("L{i}"), 50.0, 280.0, y, 10.0, 0));
            lines.push(line(&format!("R{i}"), 320.0, 550.0, y, 10.0, 0));
        }
        lines.push(line("1 A note.", 50.0, 200.0, 700.0, 8.0, 0));
        let arranged = arrange(lines, 600.0, 10.0);
        let order: Vec<String> = arranged
            .stretches
            .iter()
            .flat_map(|s| s.lines.iter().map(Line::text))
            .collect();
        assert_eq!(
            order,
            ["Title across the page", "L0", "L1", "L2", "R0", "R1", "R2"]
        );
        assert_eq!(arranged.foot.len(), 1);
    }
}
