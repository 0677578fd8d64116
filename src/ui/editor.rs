//! The note editor and yes/no questions, drawn over the reader.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::put_line;
use super::theme::Theme;
use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;

/// Draws the note editor in its dock (see [`crate::geometry::dock_editor`]); returns where
/// typing goes.
pub fn draw(buf: &mut Buffer, dock: Option<Rect>, app: &App, theme: &Theme) -> Option<Position> {
    let (Some(ed), Some(dock)) = (app.editor(), dock) else {
        return None;
    };
    let rect = dock.intersection(buf.area);
    if rect.width < 6 || rect.height < 4 {
        return None;
    }
    let changed = if ed.text() == ed.saved {
        ""
    } else {
        " (changed)"
    };
    let title = match &ed.term {
        Some(t) => format!(
            " Your glossary: {}{changed} (first line: aliases: a, b) ",
            crate::sanitize::clean_line(&t.term)
        ),
        None => {
            let place = super::side::paragraph_place(app, ed.paragraph);
            let what = if ed.highlight.is_some() {
                "Note on the highlight in"
            } else {
                "Note on"
            };
            format!(" {what} {place}{changed} ")
        }
    };
    let inner = super::overlay(buf, rect, title, theme);
    let text_area = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let mut typing_at = None;
    if text_area.height > 0 {
        ed.textarea.render(text_area, buf);
        // The text area scrolls while it renders: its cursor is placed after that.
        let on_screen = ed.textarea.screen_cursor();
        let (top, left) = ed.textarea.scroll_offset();
        let row = on_screen.row.saturating_sub(usize::from(top));
        let col = on_screen.col.saturating_sub(usize::from(left));
        if row < usize::from(text_area.height) && col < usize::from(text_area.width) {
            typing_at = Some(Position::new(
                text_area.x + col as u16,
                text_area.y + row as u16,
            ));
        }
    }
    let hint = super::hints(
        app,
        Context::Editor,
        &[
            (Action::CloseNote, "save & close"),
            (Action::SaveNote, "save"),
            (Action::DiscardNote, "discard"),
            (Action::Undo, "undo"),
        ],
        theme,
    );
    put_line(buf, inner, inner.height.saturating_sub(1), &hint);
    typing_at
}

/// Draws the open yes/no question.
pub fn draw_confirm(buf: &mut Buffer, app: &App, theme: &Theme) {
    let Some(confirm) = app.confirm() else { return };
    let screen = app.area;
    let w = screen
        .width
        .saturating_sub(4)
        .clamp(screen.width.min(20), 70);
    let spec = crate::layout::wrap::WrapSpec {
        width: usize::from(w.saturating_sub(4)).max(1),
        first_prefix: String::new(),
        rest_prefix: String::new(),
        preformatted: false,
        markers: crate::layout::MarkerStyle::Brackets,
    };
    let text = vec![crate::model::Inline::Text {
        text: crate::sanitize::clean_line(&confirm.question).into_owned(),
        style: Default::default(),
    }];
    let lines = crate::layout::wrap::wrap(&text, &[], &spec);
    let h = (lines.len() as u16 + 3).min(screen.height.saturating_sub(1));
    let rect = Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + screen.height.saturating_sub(h) / 2,
        w,
        h,
    )
    .intersection(buf.area);
    if rect.width < 6 || rect.height < 3 {
        return;
    }
    let inner = super::overlay(buf, rect, " Question ", theme);
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    for (i, l) in lines.iter().enumerate() {
        put_line(
            buf,
            body,
            i as u16,
            &super::styled_line(l, theme.popup, theme),
        );
    }
    let hint = super::hints(
        app,
        Context::Confirm,
        &[(Action::Yes, "yes"), (Action::No, "no")],
        theme,
    );
    let mut hint = hint;
    hint.spans.insert(0, Span::raw(""));
    put_line(buf, body, inner.height.saturating_sub(1), &hint);
}
