//! The keymap as help rows: what the help overlay and the README's key tables show.

use strum::IntoEnumIterator;

use super::{Context, Keymap, key::seq_to_string};

/// One row of help: the keys (joined) and what they do, per context, in keymap order.
pub fn entries(keymap: &Keymap) -> Vec<(Context, Vec<(String, String)>)> {
    let mut out = Vec::new();
    for ctx in Context::iter() {
        let mut rows: Vec<(Vec<String>, String)> = Vec::new();
        for (seq, action) in keymap.bindings(ctx) {
            let what = action.describe();
            let keys = seq_to_string(seq);
            match rows.iter_mut().find(|(_, w)| *w == what) {
                Some((k, _)) => k.push(keys),
                None => rows.push((vec![keys], what)),
            }
        }
        if !rows.is_empty() {
            out.push((
                ctx,
                rows.into_iter().map(|(k, w)| (k.join("  "), w)).collect(),
            ));
        }
    }
    out
}

/// One line of the help text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A context's heading.
    Heading(Context),
    /// The keys, padded to the key column (blank where a description goes on), and what
    /// they do, or the part of it that fits on this line.
    Row {
        /// The keys and the padding after them.
        keys: String,
        /// What they do, or a part of it.
        what: String,
    },
    /// Between two contexts.
    Blank,
}

/// Columns before the keys of a row.
const INDENT: usize = 2;
/// The widest the key column gets.
const MAX_KEY_COLUMN: usize = 28;
/// The least room beside keys wider than the key column: with less, they take a line of
/// their own and the description goes under them.
const MIN_DESCRIPTION: usize = 12;

/// The help text for a body `body_width` columns wide: a heading per context, its rows, a
/// blank line between contexts. The key column shrinks on narrow screens (to a third of
/// the width) so that the descriptions stay readable, and a description longer than its
/// room goes on under itself rather than be cut. Keys too wide to leave a description
/// room beside them take a line of their own, the description under them.
pub fn lines(keymap: &Keymap, body_width: usize) -> Vec<HelpLine> {
    use crate::layout::cells::{ellipsize, width};
    let all = entries(keymap);
    let key_w = all
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(0)
        .min(MAX_KEY_COLUMN)
        .min(body_width / 3);
    let column = INDENT + key_w + 1;
    // Never more than what is left beside the key column.
    let room = body_width.saturating_sub(column).max(1);
    let under = " ".repeat(column);
    let mut out = Vec::new();
    for (ctx, rows) in all {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(ctx));
        for (keys, what) in rows {
            let keys_w = width(&keys);
            let beside = body_width.saturating_sub(INDENT + keys_w + 1);
            let own_line = keys_w > key_w && beside < MIN_DESCRIPTION.min(room);
            // Keys wider than the column push the first line of the description right.
            let pushed = if own_line {
                out.push(HelpLine::Row {
                    keys: format!(
                        "{}{}",
                        " ".repeat(INDENT),
                        ellipsize(&keys, body_width.saturating_sub(INDENT))
                    ),
                    what: String::new(),
                });
                String::new()
            } else {
                " ".repeat(keys_w.saturating_sub(key_w))
            };
            let options = textwrap::Options::new(room)
                .initial_indent(&pushed)
                .break_words(true);
            for (i, part) in textwrap::wrap(&what, options).into_iter().enumerate() {
                let keys = if i == 0 && !own_line {
                    format!(
                        "{}{keys}{} ",
                        " ".repeat(INDENT),
                        " ".repeat(key_w.saturating_sub(keys_w))
                    )
                } else {
                    under.clone()
                };
                out.push(HelpLine::Row {
                    keys,
                    what: part.trim_start().to_owned(),
                });
            }
        }
    }
    out
}

/// Number of lines of the help text for a body `width` columns wide (see [`lines`]).
pub fn line_count(keymap: &Keymap, width: usize) -> usize {
    lines(keymap, width).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keymap() -> Keymap {
        Keymap::builtin("default").unwrap()
    }

    /// Each row's description, put back together from its lines.
    fn descriptions(lines: &[HelpLine]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for line in lines {
            if let HelpLine::Row { keys, what } = line {
                if keys.trim().is_empty() {
                    let last = out.last_mut().expect("a continuation follows a row");
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(what);
                } else {
                    out.push(what.clone());
                }
            }
        }
        out
    }

    #[test]
    fn descriptions_wrap_within_the_width_and_lose_no_word() {
        let keymap = keymap();
        let whole: Vec<String> = entries(&keymap)
            .into_iter()
            .flat_map(|(_, rows)| rows.into_iter().map(|(_, w)| w))
            .collect();
        let letters = |s: &[String]| -> Vec<String> {
            s.iter()
                .map(|d| d.chars().filter(|c| !c.is_whitespace()).collect())
                .collect()
        };
        // Every body width from a 20-column terminal's (12) up.
        for width in 12..=200 {
            let lines = lines(&keymap, width);
            assert_eq!(line_count(&keymap, width), lines.len());
            for line in &lines {
                if let HelpLine::Row { keys, what } = line {
                    let used =
                        crate::layout::cells::width(keys) + crate::layout::cells::width(what);
                    assert!(used <= width, "{width}: {keys:?}{what:?} is {used} columns");
                }
            }
            let shown = descriptions(&lines);
            if width >= 40 {
                assert_eq!(shown, whole, "at {width} columns");
            } else {
                // Narrower, a long word may be broken: its letters are all there.
                assert_eq!(letters(&shown), letters(&whole), "at {width} columns");
            }
        }
        // Narrower, the longer descriptions take more lines.
        assert!(lines(&keymap, 40).len() > lines(&keymap, 200).len());
        assert_eq!(
            lines(&keymap, 200).len(),
            entries(&keymap)
                .iter()
                .map(|(_, rows)| rows.len() + 2)
                .sum::<usize>()
                - 1,
            "wide enough, one line per row"
        );
    }

    #[test]
    fn keys_too_wide_for_a_description_beside_them_take_a_line_of_their_own() {
        // A 40-column terminal: the help's body is 32 columns; the count's ten digits
        // take 28 of them.
        let lines = lines(&keymap(), 32);
        let at = lines
            .iter()
            .position(|l| matches!(l, HelpLine::Row { keys, .. } if keys.contains("0  1  2")))
            .expect("the count's keys");
        let HelpLine::Row { what, .. } = &lines[at] else {
            unreachable!()
        };
        assert!(what.is_empty(), "{what:?}");
        let HelpLine::Row { keys, what } = &lines[at + 1] else {
            panic!("the description follows")
        };
        assert!(keys.trim().is_empty());
        assert!(what.starts_with("Type a count"), "{what:?}");
    }

    #[test]
    fn a_continuation_starts_under_the_description() {
        let lines = lines(&keymap(), 60);
        let (first, next) = lines
            .windows(2)
            .find_map(|w| match (&w[0], &w[1]) {
                (HelpLine::Row { keys: a, .. }, HelpLine::Row { keys: b, .. })
                    if b.trim().is_empty() && !a.trim().is_empty() =>
                {
                    Some((a.clone(), b.clone()))
                }
                _ => None,
            })
            .expect("some description is longer than 60 columns allow");
        assert_eq!(
            crate::layout::cells::width(&next),
            crate::layout::cells::width(&first)
        );
    }
}
