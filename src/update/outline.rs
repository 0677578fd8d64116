//! The outline pane: moving the selection, opening a section.

use crate::action::{Action, Pane};
use crate::app::App;

/// Moves a selection in a list of `len` rows; `None` when `action` does not move one.
pub fn select(selected: usize, len: usize, action: &Action) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match action {
        Action::SelectNext => (selected + 1).min(last),
        Action::SelectPrev => selected.saturating_sub(1),
        Action::SelectFirst => 0,
        Action::SelectLast => last,
        _ => return None,
    })
}

/// Handles actions of the outline pane.
pub fn outline(app: &mut App, action: &Action) -> bool {
    let len = app.doc.sections.len();
    if let Some(s) = select(app.outline_selected, len, action) {
        app.outline_selected = s;
        return true;
    }
    match action {
        Action::Open => {
            let s = app.outline_selected.min(len.saturating_sub(1));
            super::reader::jump_to_section(app, s);
            app.focus = Pane::Text;
            true
        }
        _ => false,
    }
}
