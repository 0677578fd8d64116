//! The footnotes view: Enter goes to the footnote's reference in the text and opens it.

use crate::action::{Action, Pane};
use crate::app::App;

/// Handles the footnotes list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    if super::select_in(app, action) || super::filter_keys(app, action) {
        return true;
    }
    match action {
        Action::Open => {
            let rows = app.filtered_footnotes();
            let Some(i) = super::selected_row(app, &rows) else {
                app.info("No footnote to open");
                return true;
            };
            let n = app.doc.footnotes[i].number;
            crate::update::jumps::record(app);
            crate::update::command::open_footnote_at_reference(app, n);
            app.focus = Pane::Text;
        }
        _ => return false,
    }
    true
}
