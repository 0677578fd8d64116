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
/// The narrowest a description is wrapped to.
const MIN_DESCRIPTION: usize = 12;

/// The help text for a body `width` columns wide: a heading per context, its rows, a blank
/// line between contexts. The key column shrinks on narrow screens (to a third of the
/// width) so that the descriptions stay readable, and a description longer than its room
/// goes on under itself rather than be cut.
pub fn lines(keymap: &Keymap, body_width: usize) -> Vec<HelpLine> {
    let width = |s: &str| crate::layout::cells::width(s);
    let all = entries(keymap);
    let key_w = all
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(0)
        .min(MAX_KEY_COLUMN)
        .min(body_width / 3);
    let column = INDENT + key_w + 1;
    let room = body_width.saturating_sub(column).max(MIN_DESCRIPTION);
    let mut out = Vec::new();
    for (ctx, rows) in all {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(ctx));
        for (keys, what) in rows {
            // Keys wider than the column push the first line of the description right.
            let over = width(&keys).saturating_sub(key_w);
            let pad = key_w.saturating_sub(width(&keys));
            let pushed = " ".repeat(over.min(room.saturating_sub(MIN_DESCRIPTION)));
            let options = textwrap::Options::new(room)
                .initial_indent(&pushed)
                .break_words(true);
            for (i, part) in textwrap::wrap(&what, options).into_iter().enumerate() {
                let keys = if i == 0 {
                    format!("{}{keys}{} ", " ".repeat(INDENT), " ".repeat(pad))
                } else {
                    " ".repeat(column)
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
                    last.push(' ');
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
        for width in [40, 60, 92, 200] {
            let lines = lines(&keymap, width);
            assert_eq!(line_count(&keymap, width), lines.len());
            for line in &lines {
                if let HelpLine::Row { keys, what } = line {
                    let used =
                        crate::layout::cells::width(keys) + crate::layout::cells::width(what);
                    assert!(used <= width, "{width}: {keys:?}{what:?} is {used} columns");
                }
            }
            assert_eq!(descriptions(&lines), whole, "at {width} columns");
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
