//! The notes view: going to a note's paragraph, deleting a note.

use crate::action::{Action, Pane};
use crate::app::{App, Confirm, ConfirmAction, Modal};

/// Handles the notes list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    if super::select_in(app, action) || super::filter_keys(app, action) {
        return true;
    }
    let rows = app.filtered_notes();
    let selected = rows
        .get(
            app.side
                .current()
                .selected
                .min(rows.len().saturating_sub(1)),
        )
        .copied();
    match action {
        Action::Open => match selected.map(|i| app.notes.entries()[i].attached) {
            Some(Some(p)) => {
                app.reader.cursor = p;
                crate::update::reader::reveal_cursor(app);
                app.focus = Pane::Text;
            }
            Some(None) => {
                app.info("This note is detached: its paragraph is no longer in the article")
            }
            None => app.info("No note selected"),
        },
        Action::DeleteItem => match selected {
            Some(i) => {
                let note = &app.notes.entries()[i].note;
                let quote: String = note.quote.chars().take(40).collect();
                let on_yes = ConfirmAction::DeleteNote(note.key());
                app.modals.open(Modal::Confirm(Confirm {
                    question: format!("Delete the note on “{quote}…”?"),
                    on_yes,
                }));
            }
            None => app.info("No note selected"),
        },
        _ => return false,
    }
    true
}
