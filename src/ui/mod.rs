//! Drawing: one module per pane or overlay. Views borrow the state; nothing here changes it
//! (the layout cache fills itself as lines are needed).

pub mod editor;
pub mod help;
pub mod library;
pub mod outline;
pub mod popup;
pub mod review;
pub mod side;
pub mod statusbar;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::action::Pane;
use crate::app::{App, ModalKind};
use crate::geometry;
use crate::layout::{SegKind, WrappedLine};
use theme::Theme;

/// Draws the whole screen, and puts the terminal's own cursor where [`draw_to`] says
/// (screen readers and braille displays follow it); without one the cursor is hidden.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if let Some(at) = draw_to(buf, area, app) {
        frame.set_cursor_position(at);
    }
}

/// Draws into a buffer (what [`draw`] does, usable without a terminal). Returns where the
/// terminal's cursor goes: where typing goes in the topmost modal that takes text (each
/// view that has an input reports its cursor), else in screen-reader mode the start of the
/// current paragraph; `None` hides it.
pub fn draw_to(buf: &mut Buffer, area: Rect, app: &App) -> Option<Position> {
    let mut theme = Theme::new(app.settings.theme, app.settings.no_color);
    theme.plain = app.settings.screen_reader;
    let panes = app.panes_in(area);
    if panes.too_small {
        too_small(buf, area, app, &theme);
        return None;
    }
    let mut cursor = None;
    if panes.overlay.is_none() {
        let start = text::draw(buf, panes.text, app, &theme);
        cursor = start.filter(|_| theme.plain);
    }
    if let Some(r) = panes.outline {
        outline::draw(buf, r, app, &theme);
    }
    if let Some(r) = panes.side {
        side::draw(buf, r, app, &theme);
    }
    let status_cursor = statusbar::draw(buf, panes.status, app, &theme);
    // The modal stack, bottom up: each is drawn over those below it, and the cursor is the
    // one the topmost reports (none for a modal without an input).
    for kind in app.modal_stack().into_iter().rev() {
        cursor = match kind {
            ModalKind::Popup => popup::draw(buf, app, &theme),
            ModalKind::Review => {
                review::draw(buf, app, &theme);
                None
            }
            ModalKind::Help => {
                help::draw(buf, area, app, &theme);
                None
            }
            ModalKind::Library => library::draw(buf, area, app, &theme),
            ModalKind::Editor => editor::draw(buf, panes.editor, app, &theme),
            ModalKind::Confirm => {
                editor::draw_confirm(buf, app, &theme);
                None
            }
            // They show in the status bar, which says where typing goes.
            ModalKind::Prompt | ModalKind::Command => status_cursor,
            // Drawn in the text, said in the status bar.
            ModalKind::Awaiting | ModalKind::Selection => None,
        };
    }
    cursor
}

/// Whether `pane` shows the focus: it has it, and no popup or help covers the screen.
pub fn focused(app: &App, pane: Pane) -> bool {
    app.focus == pane && !app.has_modal(ModalKind::Popup) && !app.has_modal(ModalKind::Help)
}

fn too_small(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let height = if app.has_modal(ModalKind::Editor) {
        geometry::MIN_EDITOR_HEIGHT
    } else {
        geometry::MIN_HEIGHT
    };
    let msg = format!(
        "terminal too small: lectern needs {}x{height}",
        geometry::MIN_WIDTH
    );
    buf.set_stringn(area.x, area.y, msg, usize::from(area.width), theme.error);
}

/// A bordered block for a pane, its border marking focus.
pub fn pane_block<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let block = Block::bordered()
        .border_style(style)
        .title(title.into().style(style));
    if theme.plain {
        // Blank borders: a screen reader would read out every box-drawing character.
        block.border_set(ratatui::symbols::border::EMPTY)
    } else if focused {
        block.border_type(ratatui::widgets::BorderType::Thick)
    } else {
        block
    }
}

/// Clears `rect` and draws an overlay's frame (a popup, the help, the editor, a question)
/// with `title`; returns the area inside the border.
pub fn overlay(buf: &mut Buffer, rect: Rect, title: impl Into<String>, theme: &Theme) -> Rect {
    ratatui::widgets::Clear.render(rect, buf);
    let mut block = Block::bordered()
        .border_style(theme.border_focused)
        .style(theme.popup)
        .title(Line::styled(title.into(), theme.border_focused));
    if theme.plain {
        block = block.border_set(ratatui::symbols::border::EMPTY);
    }
    render_block(block, rect, buf)
}

/// Marks `rows` rows from row `y` of `list` as the selected item (clipped to the list).
pub fn select_rows(buf: &mut Buffer, list: Rect, y: u16, rows: u16, theme: &Theme) {
    let rows = rows.min(list.height.saturating_sub(y));
    buf.set_style(
        Rect::new(list.x, list.y + y, list.width, rows),
        theme.selected,
    );
}

/// Renders a bordered block and returns its inner area.
pub fn render_block(block: Block<'_>, area: Rect, buf: &mut Buffer) -> Rect {
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// The style of a segment over a base style.
pub fn segment_style(kind: &SegKind, base: Style, theme: &Theme) -> Style {
    let mut s = base;
    if kind.note {
        return s.patch(theme.note);
    }
    if kind.decoration {
        return s.patch(theme.dim);
    }
    if kind.style.code {
        s = s.patch(theme.code);
    }
    if kind.style.emph {
        s = s.add_modifier(Modifier::ITALIC);
    }
    if kind.style.strong {
        s = s.add_modifier(Modifier::BOLD);
    }
    if kind.style.strike {
        s = s.add_modifier(Modifier::CROSSED_OUT);
    }
    if kind.link {
        s = s.patch(theme.link);
    }
    if kind.term.is_some() {
        s = s.patch(theme.term);
    }
    if kind.footnote.is_some() {
        s = s.patch(theme.marker);
    }
    s
}

/// Converts a wrapped line into a styled line.
pub fn styled_line(line: &WrappedLine, base: Style, theme: &Theme) -> Line<'static> {
    Line::from(
        line.segments
            .iter()
            .map(|seg| Span::styled(seg.text.clone(), segment_style(&seg.kind, base, theme)))
            .collect::<Vec<_>>(),
    )
}

/// Writes `line` at row `y` of `area`, clipped to it.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) {
    if y >= area.height || area.width == 0 {
        return;
    }
    buf.set_line(area.x, area.y + y, line, area.width);
}

/// A hint line built from the keymap: `keys label · keys label`.
pub fn hints(
    app: &App,
    ctx: crate::keymap::Context,
    items: &[(crate::action::Action, &str)],
    theme: &Theme,
) -> Line<'static> {
    let how: Vec<_> = items
        .iter()
        .map(|(a, label)| (ctx, a.clone(), *label))
        .collect();
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (keys, label) in app.keys_to_name(&how) {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {label}"), theme.dim));
    }
    Line::from(spans)
}
