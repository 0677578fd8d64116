//! The help overlay, generated from the keymap and each action's doc line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use strum::IntoEnumIterator;

use super::put_line;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::{Context, Keymap, key::seq_to_string};
use crate::layout::cells;

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

/// The help text for a body `width` columns wide (the key column shrinks on narrow
/// screens so the descriptions stay readable).
fn lines(keymap: &Keymap, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let all = entries(keymap);
    let key_w = all
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| cells::width(k)))
        .max()
        .unwrap_or(0)
        .min(28)
        .min(usize::from(width) / 3);
    let mut out = Vec::new();
    for (ctx, rows) in all {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(ctx.title().to_owned(), theme.heading));
        for (keys, what) in rows {
            let pad = key_w.saturating_sub(cells::width(&keys));
            out.push(Line::from(vec![
                Span::styled(format!("  {keys}{} ", " ".repeat(pad)), theme.key),
                Span::styled(what, theme.popup),
            ]));
        }
    }
    out
}

/// Number of help lines.
pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap, &Theme::new(Default::default(), true), 80).len()
}

fn rect(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(96);
    let h = area.height.saturating_sub(3);
    Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h)
}

/// Rows of help shown at once.
pub fn rows(area: Rect) -> usize {
    usize::from(rect(area).height.saturating_sub(3)).max(1)
}

/// Draws the help overlay.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let r = rect(area).intersection(buf.area);
    if r.width < 3 || r.height < 3 {
        return;
    }
    let inner = super::overlay(buf, r, " Help: keys of this keymap ", theme);
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(1),
    );
    let all = lines(&app.keymap, theme, body.width);
    let scroll = app
        .help
        .unwrap_or(0)
        .min(all.len().saturating_sub(usize::from(body.height)));
    for (row, line) in all
        .iter()
        .skip(scroll)
        .take(usize::from(body.height))
        .enumerate()
    {
        put_line(buf, body, row as u16, line);
    }
    let shown_to = (scroll + usize::from(body.height)).min(all.len());
    let hint = Line::from(vec![Span::styled(
        format!(
            "lines {}-{} of {} · Esc closes",
            scroll + 1,
            shown_to,
            all.len()
        ),
        theme.dim,
    )]);
    put_line(
        buf,
        Rect::new(
            body.x,
            inner.y + inner.height.saturating_sub(1),
            body.width,
            1,
        ),
        0,
        &hint,
    );
}

/// The bindings as Markdown tables, one per context (the README's key reference).
pub fn markdown(keymap: &Keymap) -> String {
    let mut out = String::new();
    for (ctx, rows) in entries(keymap) {
        out.push_str(&format!(
            "\n**{}**\n\n| keys | action |\n|---|---|\n",
            ctx.title()
        ));
        for (keys, what) in rows {
            let keys: Vec<String> = keys
                .split("  ")
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect();
            out.push_str(&format!("| {} | {what} |\n", keys.join(" ")));
        }
    }
    out
}
