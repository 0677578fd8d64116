//! The results view: opening a place the last search found.

use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;

/// Handles the results list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    if super::select_in(app, action) {
        return true;
    }
    let n = crate::app::side::results::len(app);
    let selected = app.side.current().selected;
    match action {
        Action::Open if n > 0 => crate::update::search::open_hit(app, selected.min(n - 1)),
        Action::Open => {
            app.info_with_keys(
                "No search results",
                &[(Context::Global, Action::Search, "searches")],
            );
        }
        Action::Filter => {
            app.info_with_keys(
                "The results list shows the last search",
                &[(Context::Global, Action::Search, "searches again")],
            );
        }
        Action::DeleteItem => {
            app.info_with_keys(
                "Search results cannot be deleted",
                &[(Context::Global, Action::Cancel, "in the text clears them")],
            );
        }
        _ => return false,
    }
    true
}
