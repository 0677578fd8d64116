//! The student's own glossary entries: `D` asks for a term on the command line, then the
//! note editor takes its definition (a first line `aliases: a, b` gives the aliases); in
//! the glossary view `e` edits one, the delete key deletes it and `u` brings it back. The
//! entries are kept with the notes (`notes::terms`); the glossary is rebuilt from them by
//! [`App::sync_personal_terms`].

use crate::action::Action;
use crate::app::{
    App, CommandLine, Confirm, ConfirmAction, Modal, ModalKind, NoteEditor, TermDraft,
};
use crate::notes::terms::{draft_text, parse_draft};
use crate::notes::{Change, now};

/// Starts adding an entry: the command line asks for the term, holding `term` when one is
/// given (a selection), else the search match on the current paragraph, else nothing.
pub fn begin_add(app: &mut App, term: Option<String>) {
    let term = term.or_else(|| word_here(app)).unwrap_or_default();
    app.modals.open(Modal::Command(CommandLine {
        text: crate::sanitize::clean_line(term.trim()).into_owned(),
        recalled: None,
        term: true,
    }));
}

/// The word at the current place: the search match the reader stands on, if any.
fn word_here(app: &App) -> Option<String> {
    let search = app.search.as_ref()?;
    let m = search.results.text.get(search.current?)?;
    if m.paragraph != app.reader.cursor {
        return None;
    }
    let text = app.doc.paragraphs.get(m.paragraph)?.plain_text();
    text.get(m.range.clone()).map(str::to_owned)
}

/// The term was typed (Enter on the command line): the editor opens for its definition,
/// on the student's entry of that term if there is one already.
pub fn term_typed(app: &mut App, term: &str) {
    let term = term.trim();
    if term.is_empty() {
        app.info("No term given: nothing added");
        return;
    }
    if let Err(e) = app.notes.ensure_writable(&app.doc) {
        app.error(format!("{e}"));
        return;
    }
    app.sync_personal_terms();
    if let Some(t) = app.notes.term_named(term) {
        let (id, text) = (t.glossary_id(), t.draft());
        app.info(format!("You have an entry for {term} already: editing it"));
        open_editor(app, term, Some(id), &text);
        return;
    }
    open_editor(app, term, None, &draft_text(&[], ""));
}

fn open_editor(app: &mut App, term: &str, id: Option<String>, text: &str) {
    // A new entry's definition goes on an empty line under the aliases line, where the
    // cursor waits (the editor takes lines: a last line break alone makes no line).
    let text = if text.ends_with('\n') {
        format!("{text}\n")
    } else {
        text.to_owned()
    };
    let mut ed = NoteEditor::new(app.reader.cursor, &text);
    ed.term = Some(TermDraft {
        term: term.to_owned(),
        id,
    });
    app.modals.open(Modal::Editor(ed));
    super::reader::keep_in_view(app);
}

/// Opens the editor on the student's entry `e` of the glossary.
pub fn edit(app: &mut App, e: usize) {
    let Some(id) = app.doc.glossary.entries.get(e).map(|g| g.id.clone()) else {
        return;
    };
    let Some(t) = app.notes.term_by_glossary_id(&id) else {
        app.info("This entry belongs to the article: only your own entries can be edited");
        return;
    };
    let (term, text) = (t.term.clone(), t.draft());
    if let Err(err) = app.notes.ensure_writable(&app.doc) {
        app.error(format!("{err}"));
        return;
    }
    open_editor(app, &term, Some(id), &text);
}

/// Saves the editor's entry (an empty definition deletes it, or adds nothing), then
/// writes the notes file.
pub fn commit(app: &mut App, close: bool) {
    let Some(ed) = app.modals.editor() else {
        return;
    };
    let Some(draft) = ed.term.clone() else {
        return;
    };
    let text = ed.text();
    if text == ed.saved {
        if close {
            close_editor(app);
            if draft.id.is_none() {
                let term = crate::sanitize::clean_line(&draft.term).into_owned();
                app.info(format!("No definition: {term} not added"));
            }
        } else {
            app.info("No changes to save");
        }
        return;
    }
    let (aliases, definition) = parse_draft(&draft.term, &text);
    let done = match &draft.id {
        Some(id) => app
            .notes
            .update_term(&app.doc, id, aliases.clone(), &definition, now())
            .map(|c| (c, Some(id.clone()))),
        None => app
            .notes
            .add_term(&app.doc, &draft.term, aliases.clone(), &definition, now())
            .map(|id| (Change::Created, id)),
    };
    let (change, id) = match done {
        Ok((Change::Unchanged, Some(id))) if app.notes.term_by_glossary_id(&id).is_none() => {
            app.error("That entry is no longer there (another lectern deleted it)");
            return;
        }
        Ok(d) => d,
        Err(e) => {
            app.error(format!("{e}"));
            return;
        }
    };
    if let Some(ed) = app.modals.editor_mut() {
        ed.saved = text;
        // Saved once, it is an entry to edit from now on (or gone).
        ed.term = Some(TermDraft {
            term: draft.term.clone(),
            id: id.clone().filter(|_| change != Change::Deleted),
        });
    }
    if close {
        close_editor(app);
    }
    app.sync_personal_terms();
    let term = crate::sanitize::clean_line(&draft.term).into_owned();
    let saved = super::notes::save_notes(app);
    match (change, id, saved) {
        (_, _, false) => {}
        (Change::Created, None, _) => app.info(format!("No definition: {term} not added")),
        (Change::Created, Some(_), _) => {
            let clash = std::iter::once(&draft.term)
                .chain(&aliases)
                .find_map(|s| app.doc.glossary.article_entry_spelled(s));
            match clash {
                Some(a) => app.info(format!(
                    "{term} added to your glossary; the article defines {} too, and its entry is the one marked in the text",
                    app.doc.glossary.entries[a].term
                )),
                None => app.info(format!("{term} added to your glossary")),
            }
        }
        (Change::Deleted, _, _) => {
            let key = restore_key(app);
            app.info(format!(
                "{term} deleted from your glossary ({key} in the glossary brings it back)"
            ));
        }
        (Change::Updated, _, _) => app.info(format!("{term} saved")),
        (Change::Unchanged, _, _) => {}
    }
}

fn close_editor(app: &mut App) {
    app.modals.close(ModalKind::Editor);
    super::reader::keep_in_view(app);
}

fn restore_key(app: &App) -> String {
    app.keymap
        .keys_for(crate::keymap::Context::Side, &Action::RestoreNote)
        .first()
        .cloned()
        .unwrap_or_else(|| "RestoreNote".into())
}

/// Asks whether to delete the student's entry `e` of the glossary.
pub fn ask_delete(app: &mut App, e: usize) {
    let Some(entry) = app.doc.glossary.entries.get(e) else {
        return;
    };
    if !entry.is_personal() {
        app.info("This entry belongs to the article: only your own entries can be deleted");
        return;
    }
    app.modals.open(Modal::Confirm(Confirm {
        question: format!(
            "Delete {} from your glossary?",
            crate::sanitize::clean_line(&entry.term)
        ),
        on_yes: ConfirmAction::DeleteTerm(entry.id.clone()),
    }));
}

/// Deletes the student's entry with glossary id `id` (the question was answered yes).
pub fn delete(app: &mut App, id: &str) {
    match app.notes.delete_term(&app.doc, id) {
        Ok(Some(term)) => {
            app.sync_personal_terms();
            if super::notes::save_notes(app) {
                let key = restore_key(app);
                app.info(format!(
                    "{} deleted from your glossary ({key} brings it back)",
                    crate::sanitize::clean_line(&term)
                ));
            }
        }
        Ok(None) => app.error("That entry is no longer there (another lectern changed it)"),
        Err(e) => app.error(format!("{e}")),
    }
}

/// Brings back the student's entry deleted last, and selects it in the glossary.
pub fn restore(app: &mut App) {
    match app.notes.restore_term(&app.doc) {
        Ok(Some(id)) => {
            app.sync_personal_terms();
            let view = crate::app::SideView::Glossary;
            if let Some(e) = app.doc.glossary.index_of(&id)
                && let Some(row) = app.filtered_entries().iter().position(|&i| i == e)
            {
                app.side[view].selected = row;
            }
            if super::notes::save_notes(app) {
                app.info("Glossary entry restored");
            }
        }
        Ok(None) => app.info("No deleted glossary entry of yours to bring back"),
        Err(e) => app.error(format!("{e}")),
    }
}
