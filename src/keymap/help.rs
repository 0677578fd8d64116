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

/// Number of lines of the help text: a heading per context, its rows, a blank line between
/// contexts.
pub fn line_count(keymap: &Keymap) -> usize {
    let all = entries(keymap);
    let rows: usize = all.iter().map(|(_, rows)| 1 + rows.len()).sum();
    rows + all.len().saturating_sub(1)
}
