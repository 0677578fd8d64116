//! The notes view: going to a note's paragraph, deleting a note.

use crate::action::{Action, Pane};
use crate::app::{App, Confirm, ConfirmAction, Modal};

/// Handles the notes list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    if super::select_in(app, action) || super::filter_keys(app, action) {
        return true;
    }
    let rows = app.filtered_notes();
    let selected = super::selected_row(app, &rows);
    match action {
        Action::Open => match selected.map(|i| app.notes.entries()[i].attached) {
            Some(Some(p)) => {
                app.reader.cursor = p;
                crate::update::reader::reveal_cursor(app);
                app.focus = Pane::Text;
            }
            Some(None) => {
                if let Some(i) = selected {
                    show_detached(app, i);
                }
            }
            None => app.info("No note selected"),
        },
        Action::AttachNote => match selected {
            Some(i) => attach(app, i),
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

/// Shows detached note `i` in full, with its paragraph's start and how to attach it.
fn show_detached(app: &mut App, i: usize) {
    let note = &app.notes.entries()[i].note;
    let key = app
        .keymap
        .keys_for(crate::keymap::Context::Side, &Action::AttachNote)
        .first()
        .cloned()
        .unwrap_or_else(|| "AttachNote".into());
    let lines = vec![
        format!(
            "Its paragraph, which began “{}…”, is no longer in the article. {key} attaches it to the current paragraph.",
            crate::sanitize::clean_line(&note.quote)
        ),
        crate::sanitize::clean(&note.text).into_owned(),
    ];
    app.popup = Some(crate::app::Popup::Notice {
        title: " Detached note ".to_owned(),
        lines,
        scroll: 0,
    });
}

/// Attaches detached note `i` to the current paragraph and saves the notes.
fn attach(app: &mut App, i: usize) {
    use crate::notes::attach::Attached;
    let entry = &app.notes.entries()[i];
    if entry.attached.is_some() {
        app.info("This note is attached already: only a detached note can be attached");
        return;
    }
    let key = entry.note.key();
    let p = app.reader.cursor;
    match app.notes.attach(&app.doc, &key, p, crate::notes::now()) {
        Ok(Attached::NotFound) => {
            app.error("That note is no longer there (another lectern changed the notes)")
        }
        Ok(done) => {
            crate::update::notes::note_changed(app, p);
            if crate::update::notes::save_notes(app) {
                let place = paragraph_place(app, p);
                app.info(if done == Attached::Joined {
                    format!("The note was added to the note on {place}")
                } else {
                    format!("Note attached to {place}")
                });
            }
        }
        Err(e) => app.error(format!("{e}")),
    }
}

/// "2.2 ¶3": where paragraph `p` is.
fn paragraph_place(app: &App, p: usize) -> String {
    let s = &app.doc.sections[app.doc.paragraphs[p].section];
    let nth = p - s.paragraphs.start + 1;
    if s.number.is_empty() {
        format!("¶{nth}")
    } else {
        format!("{} ¶{nth}", s.number)
    }
}
