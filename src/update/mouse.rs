//! Mouse actions: a click or a wheel turn on what the hit test found. The hit test already
//! read the modal stack (an open popup or help takes the mouse as `Hit::Overlay` and
//! `Hit::OutsideOverlay`), so these go straight to their target.

use crate::action::{Action, Pane, Scroll};
use crate::app::App;
use crate::geometry::hit::Hit;

/// A left click on `hit`. Any click clears the status message.
pub fn click(app: &mut App, hit: Option<Hit>) {
    app.message = None;
    match hit {
        None | Some(Hit::Overlay) => {}
        // A click outside the popup closes it.
        Some(Hit::OutsideOverlay) => super::update(app, Action::Cancel),
        Some(Hit::Text(at)) => {
            app.focus = Pane::Text;
            super::reader::click(app, at);
        }
        Some(Hit::Outline(section)) => {
            app.focus = Pane::Outline;
            if let Some(s) = section {
                app.outline_selected = s;
                super::reader::jump_to_section(app, s);
            }
        }
        Some(Hit::Side(item)) => {
            app.focus = Pane::Side;
            if let Some(i) = item {
                super::side::select_row(app, i);
            }
        }
    }
}

/// The wheel turned `lines` (positive is down) over `hit`: an overlay scrolls, the text
/// scrolls whatever has the focus, a list takes the focus and moves its selection.
pub fn wheel(app: &mut App, hit: Option<Hit>, lines: i32) {
    match hit {
        None => {}
        Some(Hit::Overlay | Hit::OutsideOverlay) => {
            super::update(app, Action::Scroll(Scroll::Lines(lines)))
        }
        Some(Hit::Text(_)) => super::reader::scroll(app, Scroll::Lines(lines)),
        Some(Hit::Outline(_) | Hit::Side(_)) => {
            app.focus = if matches!(hit, Some(Hit::Outline(_))) {
                Pane::Outline
            } else {
                Pane::Side
            };
            let select = if lines > 0 {
                Action::SelectNext
            } else {
                Action::SelectPrev
            };
            super::update(app, select);
        }
    }
}
