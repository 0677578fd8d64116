//! The bookmarks view: jumping to a bookmark, deleting one.

use crate::action::{Action, Pane};
use crate::app::{App, Confirm, ConfirmAction, Modal};
use crate::keymap::Context;

/// Handles the bookmarks list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    if super::select_in(app, action) || super::filter_keys(app, action) {
        return true;
    }
    let rows = app.filtered_bookmarks();
    let selected = super::selected_row(app, &rows);
    match action {
        Action::Open => match selected {
            Some((_, Some(p))) => {
                app.reader.cursor = p;
                crate::update::reader::reveal_cursor(app);
                app.focus = Pane::Text;
            }
            Some((c, None)) => app.info(format!(
                "Bookmark {c}: its paragraph is no longer in the article"
            )),
            None => {
                app.info_with_keys(
                    "No bookmarks yet",
                    &[(Context::Text, Action::SetBookmark, "and a letter sets one")],
                );
            }
        },
        Action::DeleteItem => match selected {
            Some((c, _)) => {
                app.modals.open(Modal::Confirm(Confirm {
                    question: format!("Delete bookmark {c}?"),
                    on_yes: ConfirmAction::DeleteBookmark(c),
                }));
            }
            None => app.info("No bookmark selected"),
        },
        _ => return false,
    }
    true
}
