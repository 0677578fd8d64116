//! The library screen: over the whole reader, a line of what is typed or the keys, the
//! tag shown, any problem reading the library, then one article a line (the columns of
//! `lectern library`), the selected one highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::put_line;
use super::theme::Theme;
use crate::action::Action;
use crate::app::App;
use crate::app::library::LibraryInput;
use crate::keymap::Context;

/// Draws the library screen over `area`; returns where typing goes, if anything is typed.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let screen = app.modals.library()?;
    // The status bar (the last row) stays in view: tagging reports there.
    let area = Rect {
        height: area.height.saturating_sub(1),
        ..area
    }
    .intersection(buf.area);
    if area.width < 8 || area.height < 5 {
        return None;
    }
    let title = format!(
        " Library: {} of {} ",
        screen.shown.len(),
        crate::notes::export::count(screen.entries.len(), "article", "articles")
    );
    let inner = super::overlay(buf, area, title, theme);
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let mut y = 0;
    let mut cursor = None;
    let typed = |label: &str, text: &str| {
        Line::from(vec![
            Span::styled(label.to_owned(), theme.key),
            Span::styled(crate::sanitize::clean_line(text).into_owned(), theme.text),
        ])
    };
    let first = match screen.input {
        Some(LibraryInput::Filter) => {
            let line = typed("Filter: ", &screen.filter);
            cursor = Some(Position::new(
                body.x + line.width().min(usize::from(body.width)) as u16,
                body.y,
            ));
            line
        }
        Some(LibraryInput::Tag) => {
            let line = typed("Tag for the selected article: #", &screen.tag_text);
            cursor = Some(Position::new(
                body.x + line.width().min(usize::from(body.width)) as u16,
                body.y,
            ));
            line
        }
        None if !screen.filter.is_empty() => typed("Filter: ", &screen.filter),
        None => super::hints(
            app,
            Context::Library,
            &[
                (Action::Open, "open"),
                (Action::Filter, "filter"),
                (Action::TagArticle, "tag"),
                (Action::NextTag, "next tag"),
                (Action::Cancel, "close"),
            ],
            theme,
        ),
    };
    put_line(buf, body, y, &first);
    y += 1;
    let tag = match &screen.tag {
        Some(t) => format!("Tag #{t}"),
        None => "All articles".to_owned(),
    };
    put_line(
        buf,
        body,
        y,
        &Line::styled(
            crate::sanitize::clean_line(&tag).into_owned(),
            theme.heading,
        ),
    );
    y += 1;
    // Problems take at most two rows, so that many damaged files never hide the list.
    let more = screen.messages.len().saturating_sub(2);
    let shown_messages = if more > 0 { 1 } else { screen.messages.len() };
    let mut lines: Vec<String> = screen.messages[..shown_messages]
        .iter()
        .map(|m| crate::sanitize::clean_line(m).into_owned())
        .collect();
    if more > 0 {
        lines.push(format!(
            "…and {} more problems (`lectern library` prints them all)",
            more + 1
        ));
    }
    for m in lines {
        put_line(buf, body, y, &Line::styled(m, theme.error));
        y += 1;
    }
    let rows = usize::from(body.height.saturating_sub(y));
    if screen.shown.is_empty() {
        put_line(buf, body, y, &Line::styled("No article matches", theme.dim));
        return cursor;
    }
    // The selected row stays in view: the list scrolls by as little as it must.
    let top = (screen.selected + 1).saturating_sub(rows);
    let id_width = crate::library::id_width(screen.shown.iter().map(|&i| &screen.entries[i]));
    for (row, &i) in screen.shown.iter().enumerate().skip(top).take(rows) {
        let entry = &screen.entries[i];
        let style = if row == screen.selected {
            theme.selected
        } else {
            theme.text
        };
        let text = crate::library::entry_line(entry, id_width, entry.id == screen.open);
        let padded = format!("{text:<width$}", width = usize::from(body.width));
        put_line(buf, body, y, &Line::styled(padded, style));
        y += 1;
    }
    cursor
}
