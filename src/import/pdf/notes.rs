//! Page-bottom footnotes: the foot of each page is cut into notes where a line starts with a
//! note number that the page (or the one before) refers to, or that follows the last note;
//! a foot that starts with no number carries on the last note of the page before. A foot
//! that is neither is given back to the body (a caption, a small closing line).

use super::lines::Line;
use super::page::Arranged;

/// A footnote as found at the foot of a page.
#[derive(Clone, Debug)]
pub(super) struct FootNote {
    /// The page its number is on, from 0.
    pub page: usize,
    /// Its number.
    pub number: u32,
    /// Its lines, the number taken off the first, continuations from later pages included.
    pub lines: Vec<Line>,
}

/// The footnotes of all pages, in order; feet that are not notes go back to their page's
/// last stretch.
pub(super) fn collect(pages: &mut [Arranged]) -> Vec<FootNote> {
    let mut notes: Vec<FootNote> = Vec::new();
    let mut last_page_had_notes = false;
    for p in 0..pages.len() {
        let foot = std::mem::take(&mut pages[p].foot);
        if foot.is_empty() {
            last_page_had_notes = false;
            continue;
        }
        let mut wanted = refs_on(&pages[p]);
        if p > 0 {
            wanted.extend(refs_on(&pages[p - 1]));
        }
        let next = notes.last().map_or(1, |n| n.number + 1);
        let starts = |line: &Line| marker(line).filter(|(n, _)| *n == next || wanted.contains(n));
        let carries_on = last_page_had_notes && starts(&foot[0]).is_none();
        if starts(&foot[0]).is_none() && !carries_on {
            if let Some(s) = pages[p].stretches.last_mut() {
                s.lines.extend(foot);
            }
            last_page_had_notes = false;
            continue;
        }
        let mut expected = next;
        for mut line in foot {
            let start = marker(&line).filter(|(n, _)| *n == expected || wanted.contains(n));
            match (start, notes.last_mut()) {
                (Some((number, cut)), _) => {
                    strip_chars(&mut line, cut);
                    expected = number + 1;
                    notes.push(FootNote {
                        page: p,
                        number,
                        lines: vec![line],
                    });
                }
                (None, Some(note)) => note.lines.push(line),
                (None, None) => {}
            }
        }
        last_page_had_notes = true;
    }
    notes
}

/// The note numbers raised in the body of a page.
fn refs_on(page: &Arranged) -> Vec<u32> {
    page.stretches
        .iter()
        .flat_map(|s| &s.lines)
        .flat_map(|l| &l.runs)
        .filter(|r| r.sup)
        .filter_map(|r| r.text.trim().parse().ok())
        .collect()
}

/// The note number a foot line starts with (raised, or followed by `.`, `)` or a space),
/// and how many characters to take off for it.
pub(super) fn marker(line: &Line) -> Option<(u32, usize)> {
    let first = line.runs.first()?;
    if first.sup {
        let n = first.text.trim().parse().ok()?;
        return Some((n, first.text.chars().count()));
    }
    let text = line.text();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u32 = text[..digits].parse().ok()?;
    let rest = &text[digits..];
    let cut = if rest.starts_with(". ") || rest.starts_with(") ") {
        digits + 2
    } else if rest.starts_with(' ') || rest.starts_with('\u{a0}') {
        digits + 1
    } else {
        return None;
    };
    Some((n, cut))
}

/// Takes the first `n` characters off a line's runs.
fn strip_chars(line: &mut Line, mut n: usize) {
    for run in &mut line.runs {
        let len = run.text.chars().count();
        let cut = n.min(len);
        let byte = run
            .text
            .char_indices()
            .nth(cut)
            .map_or(run.text.len(), |(i, _)| i);
        run.text.drain(..byte);
        n -= cut;
        if n == 0 {
            break;
        }
    }
    line.runs.retain(|r| !r.text.is_empty());
    if let Some(r) = line.runs.first_mut() {
        let trimmed = r.text.trim_start().len();
        r.text.drain(..r.text.len() - trimmed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::lines::Run;
    use crate::import::pdf::page::Stretch;

    fn line(runs: &[(&str, bool)], page: usize) -> Line {
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
            x0: 50.0,
            x1: 300.0,
            base: 700.0,
            size: 8.0,
            page,
            at: 0,
        }
    }

    fn page(body: Vec<Line>, foot: Vec<Line>) -> Arranged {
        Arranged {
            stretches: vec![Stretch {
                lines: body,
                left: 50.0,
                right: 500.0,
            }],
            foot,
        }
    }

    #[test]
    fn a_note_carries_on_at_the_foot_of_the_next_page() {
        let mut pages = vec![
            page(
                vec![line(&[("sea.", false), ("1", true)], 0)],
                vec![line(&[("1. The first", false)], 0)],
            ),
            page(
                vec![line(&[("Body", false)], 1)],
                vec![
                    line(&[("and its end.", false)], 1),
                    line(&[("2 Next.", false)], 1),
                ],
            ),
        ];
        let notes = collect(&mut pages);
        let texts: Vec<(u32, Vec<String>)> = notes
            .iter()
            .map(|n| (n.number, n.lines.iter().map(Line::text).collect()))
            .collect();
        assert_eq!(
            texts,
            [
                (1, vec!["The first".to_owned(), "and its end.".to_owned()]),
                (2, vec!["Next.".to_owned()])
            ]
        );
    }

    #[test]
    fn a_foot_that_is_no_note_goes_back_to_the_body() {
        let mut pages = vec![page(
            vec![line(&[("Body", false)], 0)],
            vec![line(&[("Figure 1: a river", false)], 0)],
        )];
        assert!(collect(&mut pages).is_empty());
        assert_eq!(pages[0].stretches[0].lines.len(), 2);
    }
}
