//! Lists in panes: which rows show which items.

use ratatui::layout::Rect;

use crate::app::{App, SideView};

/// The first row shown of a list of `len` rows in `height` rows, keeping `target` in the
/// middle where possible (stateless, so drawing and clicks agree).
pub fn list_offset(target: usize, len: usize, height: usize) -> usize {
    if len <= height {
        0
    } else {
        target.saturating_sub(height / 2).min(len - height)
    }
}

/// Rows of the notes and results lists: two per item.
pub const NOTE_ROWS: u16 = 2;

/// The inside of a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    Rect::new(
        pane.x + 1,
        pane.y + 1,
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    )
}

/// The rows of the item list inside the side pane at `pane`.
pub fn side_list_rows(app: &App, pane: Rect) -> Rect {
    let inner = inner(pane);
    // One row for the filter; the glossary list takes two fifths of the rest (the entry's
    // definition goes below it), the other lists all of it.
    let rest = inner.height.saturating_sub(1);
    let list_h = match app.side.view {
        SideView::Glossary if app.doc.glossary.is_empty() => 0,
        SideView::Glossary => (rest * 2 / 5).max(rest.min(3)),
        _ => rest,
    };
    Rect::new(inner.x, inner.y + 1, inner.width, list_h)
}

/// The first section shown in an outline of `height` rows: the list follows the selection
/// while the outline has the focus, else the current section.
pub fn outline_offset(app: &App, height: usize, focused: bool) -> usize {
    let target = if focused {
        app.outline_selected
    } else {
        app.current_section()
    };
    list_offset(target, app.doc.sections.len(), height)
}
