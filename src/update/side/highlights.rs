//! The highlights view: going to a highlight, deleting one and bringing it back.

use crate::action::{Action, Pane};
use crate::app::App;

/// Handles the highlights list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    if super::select_in(app, action) || super::filter_keys(app, action) {
        return true;
    }
    let rows = app.filtered_highlights();
    let selected = super::selected_row(app, &rows);
    match action {
        Action::Open => match selected.map(|i| app.notes.highlights()[i].at.clone()) {
            Some(Some(span)) => {
                app.reader.cursor = span.paragraph;
                crate::update::reader::reveal_cursor(app);
                app.focus = Pane::Text;
            }
            Some(None) => {
                app.info("This highlight is detached: its text is no longer in the article")
            }
            None => app.info("No highlight selected"),
        },
        Action::DeleteItem => match selected {
            Some(i) => {
                let key = app.notes.highlights()[i].highlight.key();
                match app.notes.delete_highlight(&app.doc, &key) {
                    Ok(Some(_)) => {
                        if crate::update::notes::save_notes(app) {
                            let undo = restore_key(app);
                            app.info(format!("Highlight deleted ({undo} brings it back)"));
                        }
                    }
                    Ok(None) => app.error("That highlight is no longer there"),
                    Err(e) => app.error(format!("{e}")),
                }
            }
            None => app.info("No highlight selected"),
        },
        Action::RestoreNote => match app.notes.restore_highlight(&app.doc) {
            Ok(Some(_)) => {
                if crate::update::notes::save_notes(app) {
                    app.info("Highlight restored");
                }
            }
            Ok(None) => app.info("No highlight was deleted"),
            Err(e) => app.error(format!("{e}")),
        },
        _ => return false,
    }
    true
}

fn restore_key(app: &App) -> String {
    app.keymap
        .keys_for(crate::keymap::Context::Side, &Action::RestoreNote)
        .first()
        .cloned()
        .unwrap_or_else(|| "RestoreNote".into())
}
