//! The help overlay, generated from the keymap and each action's doc line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::put_line;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::Keymap;
use crate::keymap::help::{self, HelpLine};

pub use crate::keymap::help::entries;

/// The help text for a body `width` columns wide, styled (see [`help::lines`]).
fn lines(keymap: &Keymap, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    help::lines(keymap, usize::from(width))
        .into_iter()
        .map(|line| match line {
            HelpLine::Heading(ctx) => Line::styled(ctx.title().to_owned(), theme.heading),
            HelpLine::Row { keys, what } => Line::from(vec![
                Span::styled(keys, theme.key),
                Span::styled(what, theme.popup),
            ]),
            HelpLine::Blank => Line::default(),
        })
        .collect()
}

/// Draws the help overlay.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let r = crate::geometry::overlay::help_area(area).intersection(buf.area);
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
    // The geometry counts the help's lines without styling them, at the same width.
    debug_assert!(
        r != crate::geometry::overlay::help_area(area)
            || usize::from(body.width) == crate::geometry::overlay::help_width(area)
    );
    let scroll = app
        .help()
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
    let mut hint = format!("lines {}-{} of {}", scroll + 1, shown_to, all.len());
    // The key that closes the help, as the keymap in use binds it.
    let closes = [(
        crate::keymap::Context::Help,
        crate::action::Action::Cancel,
        "closes",
    )];
    for (keys, what) in app.keys_to_name(&closes) {
        let more = format!(" · {keys} {what}");
        // Whole or not at all: never cut at the border.
        if crate::layout::cells::width(&hint) + crate::layout::cells::width(&more)
            <= usize::from(body.width)
        {
            hint.push_str(&more);
        }
    }
    let hint = Line::from(vec![Span::styled(hint, theme.dim)]);
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
