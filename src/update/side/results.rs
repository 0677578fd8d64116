//! The results view: opening a place the last search found.

use crate::action::Action;
use crate::app::App;

/// Handles the results list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    if super::select_in(app, action) {
        return true;
    }
    let n = crate::app::side::results::len(app);
    let selected = app.side.current().selected;
    match action {
        Action::Open if n > 0 => crate::update::search::open_hit(app, selected.min(n - 1)),
        Action::Open => app.info("No search results: / searches"),
        Action::Filter => app.info("The results list shows the last search: / searches again"),
        Action::DeleteItem => {
            app.info("Search results cannot be deleted; Esc in the text clears them")
        }
        _ => return false,
    }
    true
}
