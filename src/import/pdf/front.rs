//! The title and authors: the first page's largest heading and the short line under it, else
//! the PDF's Info dictionary; smaller text under the authors is the author note.

use super::blocks::{Block, Kind};
use super::extract::Info;
use super::lines::Line;

/// What the first page (or the Info dictionary) gave.
#[derive(Debug, Default)]
pub(super) struct Front {
    /// The title's lines, if the first page has one.
    pub title_lines: Vec<Line>,
    /// The title as text: from the page, else Info.
    pub title: Option<String>,
    /// Authors, in order.
    pub authors: Vec<String>,
    /// Smaller text under the authors, before the first heading or body text (affiliations,
    /// an address for correspondence): the author note.
    pub note_lines: Vec<Line>,
}

/// Takes the title and author blocks off the start of `blocks`.
pub(super) fn take_front(blocks: &mut Vec<Block>, body: f32, info: &Info) -> Front {
    let mut front = Front::default();
    let largest = blocks
        .iter()
        .filter(|b| b.lines.first().is_some_and(|l| l.page == 0))
        .filter_map(|b| match b.kind {
            Kind::Heading { size, .. } => Some(size),
            _ => None,
        })
        .fold(0.0f32, f32::max);
    let is_title = |b: &Block| {
        matches!(b.kind, Kind::Heading { size, .. } if size >= 1.25 * body && size >= largest)
            && b.lines.first().is_some_and(|l| l.page == 0)
    };
    if blocks.first().is_some_and(is_title) {
        let block = blocks.remove(0);
        front.title = Some(joined(&block.lines, false));
        front.title_lines = block.lines;
        if blocks.len() > 1 && blocks.first().is_some_and(is_author_block) {
            let block = blocks.remove(0);
            front.authors = split_authors(&joined(&block.lines, true));
            while blocks.len() > 1 && blocks.first().is_some_and(|b| is_note_block(b, body)) {
                let block = blocks.remove(0);
                front.note_lines.extend(block.lines);
            }
        }
    }
    if front.title.is_none() {
        front.title.clone_from(&info.title);
    }
    if front.authors.is_empty()
        && let Some(author) = &info.author
    {
        front.authors = split_authors(author);
    }
    front
}

/// A short block on the first page that does not read as a sentence or a section title.
fn is_author_block(b: &Block) -> bool {
    let text = joined(&b.lines, true);
    let lower = text.trim().to_lowercase();
    let numbered = lower.starts_with(|c: char| c.is_ascii_digit());
    let section = ["abstract", "introduction", "summary", "contents"]
        .iter()
        .any(|s| lower.starts_with(s));
    b.lines.first().is_some_and(|l| l.page == 0)
        && b.lines.len() <= 3
        && text.chars().count() <= 200
        && !text.trim_end().ends_with('.')
        && !numbered
        && !section
        && !matches!(b.kind, Kind::Entry(_))
}

/// Body text on the first page smaller than the body size.
fn is_note_block(b: &Block, body: f32) -> bool {
    b.kind == Kind::Body
        && b.lines
            .iter()
            .all(|l| l.page == 0 && l.size < 0.95 * body && !l.is_figure())
}

/// The text of lines joined by spaces; without raised characters (affiliation marks) when
/// `plain_only`.
fn joined(lines: &[Line], plain_only: bool) -> String {
    lines
        .iter()
        .map(|l| {
            l.runs
                .iter()
                .filter(|r| !(plain_only && r.sup))
                .map(|r| r.text.as_str())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `A, B and C` → [A, B, C].
fn split_authors(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix("By ").unwrap_or(line);
    line.replace(" and ", ",")
        .replace(" & ", ",")
        .split([',', ';'])
        .map(|a| a.trim().trim_matches(['*', '†', '‡']).trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::lines::Run;

    fn block(text: &str, kind: Kind) -> Block {
        Block {
            kind,
            lines: vec![Line {
                runs: vec![Run {
                    text: text.to_owned(),
                    bold: false,
                    italic: false,
                    sup: false,
                }],
                x0: 0.0,
                x1: 0.0,
                base: 0.0,
                size: 10.0,
                page: 0,
                at: 0,
            }],
        }
    }

    #[test]
    fn the_largest_first_heading_is_the_title_and_the_short_line_under_it_the_authors() {
        let big = Kind::Heading {
            size: 18.0,
            bold: true,
        };
        let mut blocks = vec![
            block("Reading Rivers", big),
            block("Ada Brook and Ben Lowe", Kind::Body),
            block("Rivers carry water.", Kind::Body),
        ];
        let front = take_front(&mut blocks, 10.0, &Info::default());
        assert_eq!(front.title.as_deref(), Some("Reading Rivers"));
        assert_eq!(front.authors, ["Ada Brook", "Ben Lowe"]);
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn smaller_text_under_the_authors_is_the_author_note() {
        let big = Kind::Heading {
            size: 18.0,
            bold: true,
        };
        let mut note = block("Both at the River Institute", Kind::Body);
        note.lines[0].size = 8.0;
        let mut blocks = vec![
            block("Reading Rivers", big),
            block("Ada Brook and Ben Lowe", Kind::Body),
            note,
            block("Rivers carry water.", Kind::Body),
        ];
        let front = take_front(&mut blocks, 10.0, &Info::default());
        assert_eq!(front.note_lines.len(), 1);
        assert_eq!(front.note_lines[0].text(), "Both at the River Institute");
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn the_info_dictionary_fills_in_what_the_page_does_not_give() {
        let mut blocks = vec![block("Rivers carry water.", Kind::Body)];
        let info = Info {
            title: Some("Rivers".to_owned()),
            author: Some("A. Brook; B. Lowe".to_owned()),
            biblio: Default::default(),
        };
        let front = take_front(&mut blocks, 10.0, &info);
        assert_eq!(front.title.as_deref(), Some("Rivers"));
        assert_eq!(front.authors, ["A. Brook", "B. Lowe"]);
        assert_eq!(blocks.len(), 1);
    }
}
