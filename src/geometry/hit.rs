//! The hit test: what a mouse position is over, as drawn. The mouse handler turns the hit
//! into an internal action (`Action::Click`, `Action::Wheel`) that `update` carries out.

use ratatui::layout::{Position, Rect};

use super::lists::{list_offset, outline_offset, side_list_rows};
pub use crate::action::Hit;
use crate::action::Pane;
use crate::app::{App, ModalKind, MouseGate};

/// What is at `at` on the screen as it is drawn now; `None` for what takes no clicks (the
/// status bar, the text under a pane drawn over it).
pub fn hit_test(app: &App, at: Position) -> Option<Hit> {
    if app.mouse_gate() == MouseGate::Overlay {
        // The help is drawn over a popup, so its area is the one that counts when open.
        let area = if app.has_modal(ModalKind::Help) {
            super::overlay::help_area(app.area)
        } else {
            super::overlay::popup_area(app)
        };
        return Some(if area.contains(at) {
            Hit::Overlay
        } else {
            Hit::OutsideOverlay
        });
    }
    let panes = app.panes();
    // Under an overlaid pane the text takes no clicks.
    if panes.overlay.is_none() && panes.text.contains(at) {
        return Some(Hit::Text(at));
    }
    if let Some(r) = panes.outline.filter(|r| r.contains(at)) {
        return Some(Hit::Outline(outline_row(app, r, at)));
    }
    if let Some(r) = panes.side.filter(|r| r.contains(at)) {
        return Some(Hit::Side(side_row(app, r, at)));
    }
    None
}

/// The section on the outline's row at `at`, as the outline was drawn.
fn outline_row(app: &App, pane: Rect, at: Position) -> Option<usize> {
    let height = usize::from(pane.height.saturating_sub(2));
    let row = usize::from(at.y.checked_sub(pane.y + 1)?);
    let focused = app.focus == Pane::Outline;
    let s = outline_offset(app, height, focused) + row;
    (row < height && s < app.doc.sections.len()).then_some(s)
}

/// The item of the side pane's current list on the row at `at`, as the list was drawn.
fn side_row(app: &App, pane: Rect, at: Position) -> Option<usize> {
    let rows = side_list_rows(app, pane);
    let row = usize::from(at.y.checked_sub(rows.y)?);
    let height = usize::from(rows.height);
    if row >= height {
        return None;
    }
    let view = app.side.view;
    let per = usize::from(view.item_rows());
    let len = app.side_len(view);
    let selected = app.side[view].selected.min(len.saturating_sub(1));
    let item = list_offset(selected, len, (height / per).max(1)) + row / per;
    (item < len).then_some(item)
}
