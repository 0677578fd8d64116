//! Notes, bookmarks, export, questions, and quitting without losing anything.

use crate::action::Action;
use crate::app::{App, Awaiting, Confirm, ConfirmAction, Modal, ModalKind, NoteEditor};
use crate::keymap::{Key, KeyChord};
use crate::notes::{Change, NotesError, now};

/// Actions of the note editor; every other key edits the text.
pub fn editor(app: &mut App, action: &Action) {
    match action {
        Action::CloseNote => commit(app, true),
        Action::SaveNote => commit(app, false),
        Action::DiscardNote => {
            let Some(ed) = app.modals.editor() else {
                return;
            };
            if ed.text() == ed.saved {
                close_editor(app);
            } else {
                app.modals.open(Modal::Confirm(Confirm {
                    question: "Throw away the changes to this note?".into(),
                    on_yes: ConfirmAction::DiscardNote,
                }));
            }
        }
        Action::Undo => {
            if let Some(ed) = app.modals.editor_mut()
                && !ed.undo()
            {
                app.info("Nothing to undo");
            }
        }
        Action::Redo => {
            if let Some(ed) = app.modals.editor_mut()
                && !ed.redo()
            {
                app.info("Nothing to redo");
            }
        }
        _ => {}
    }
}

/// Opens the editor on the current paragraph's note.
pub fn edit(app: &mut App) {
    if app.reader.cursor >= app.doc.paragraphs.len() {
        app.error("No paragraph to write a note on: the article has only headings");
        return;
    }
    if let Err(e) = app.notes.ensure_writable(&app.doc) {
        app.error(format!("{e}"));
        return;
    }
    let p = app.reader.cursor;
    // The editor shows what it holds as it is, so a note that came from a file with control
    // characters or bidi overrides in it is edited in its visible form; `saved` is that form
    // too, so opening and closing the editor does not rewrite the note.
    let text = app
        .notes
        .note_for(p)
        .map(|e| crate::sanitize::clean(&e.note.text).into_owned())
        .unwrap_or_default();
    app.modals.open(Modal::Editor(NoteEditor::new(p, &text)));
    // The editor docks below or beside the text: the paragraph stays in view above it.
    super::reader::reveal_cursor(app);
}

/// Closes the editor; the text gets its rows back.
fn close_editor(app: &mut App) {
    app.modals.close(ModalKind::Editor);
    super::reader::keep_in_view(app);
}

/// Saves the editor's text as the note (an empty text deletes it), then writes the notes
/// file; the status bar says "saved" only once the file is on disk.
fn commit(app: &mut App, close: bool) {
    let Some(ed) = app.modals.editor() else {
        return;
    };
    if ed.term.is_some() {
        return super::terms::commit(app, close);
    }
    let (p, text) = (ed.paragraph, ed.text());
    if let Some(key) = ed.highlight.clone() {
        return commit_highlight(app, &key, text, close);
    }
    if text == ed.saved {
        if close {
            close_editor(app);
        } else {
            app.info("No changes to save");
        }
        return;
    }
    let change = match app.notes.set(&app.doc, p, &text, now()) {
        Ok(c) => c,
        Err(e) => {
            app.error(format!("{e}"));
            return;
        }
    };
    if let Some(ed) = app.modals.editor_mut() {
        ed.saved = text;
    }
    if close {
        close_editor(app);
    }
    note_changed(app, p);
    let saved = save_notes(app);
    match (change, saved) {
        (Change::Deleted, true) => {
            let key = restore_key(app);
            app.info(format!("Note deleted ({key} brings it back)"));
        }
        (Change::Unchanged, _) => {}
        (_, true) => app.info("Note saved"),
        (_, false) => {}
    }
}

/// Saves the editor's text as a highlight's note.
fn commit_highlight(
    app: &mut App,
    key: &crate::notes::highlights::HighlightKey,
    text: String,
    close: bool,
) {
    match app.notes.set_highlight_note(&app.doc, key, &text, now()) {
        Ok(true) => {}
        Ok(false) => return app.error("The highlight is gone: the note was not saved"),
        Err(e) => return app.error(format!("{e}")),
    }
    if let Some(ed) = app.modals.editor_mut() {
        ed.saved = text;
    }
    if close {
        close_editor(app);
    }
    if save_notes(app) {
        app.info("Highlight note saved");
    }
}

fn restore_key(app: &App) -> String {
    app.keymap
        .keys_for(crate::keymap::Context::Text, &Action::RestoreNote)
        .first()
        .cloned()
        .unwrap_or_else(|| "RestoreNote".into())
}

/// The layout of paragraph `p` changes when its note is shown inline.
pub fn note_changed(app: &mut App, p: usize) {
    if let Some(&item) = app.flow.paragraph_item.get(p) {
        app.cache.borrow_mut().invalidate(item);
    }
}

/// Writes the notes; on failure says so (the notes stay in memory, and the next save
/// tries again). Returns whether they are on disk.
pub fn save_notes(app: &mut App) -> bool {
    match app.notes.save() {
        Ok(()) => true,
        Err(e) => {
            let msg = match &e {
                NotesError::Save { source, path } => format!(
                    "Not saved: {source}. The note is kept in memory and saving will be tried again ({path})"
                ),
                NotesError::ReadOnly(_) => format!("{e}"),
            };
            app.error(msg);
            false
        }
    }
}

/// Brings back the note deleted last.
pub fn restore(app: &mut App) {
    use crate::notes::Restored;
    match app.notes.restore(&app.doc) {
        Ok(done @ (Restored::Back(p) | Restored::Joined(p))) => {
            if let Some(p) = p {
                note_changed(app, p);
            }
            if save_notes(app) {
                app.info(if done == Restored::Back(p) {
                    "Note restored"
                } else {
                    "The deleted note's text was added to the paragraph's new note"
                });
            }
        }
        Ok(Restored::Nothing) => app.info("No deleted note to bring back"),
        Err(e) => app.error(format!("{e}")),
    }
}

/// A letter typed after `m` or `'`; `'` after `'` returns to before the last jump.
pub fn letter(app: &mut App, awaiting: Awaiting, chord: KeyChord) {
    if chord.key == Key::Esc {
        return;
    }
    if awaiting == Awaiting::JumpBookmark && chord.typed_char() == Some('\'') {
        super::jumps::return_to_last(app);
        return;
    }
    let Some(c) = crate::app::input::letter_of(&chord) else {
        app.error(format!("Bookmarks are named by a letter, not {chord}"));
        return;
    };
    match awaiting {
        Awaiting::SetBookmark => {
            app.state.set_bookmark(&app.doc, c, app.reader.cursor);
            match app.state.save() {
                Ok(()) => app.info(format!("Bookmark {c} set")),
                Err(e) => app.error(e),
            }
        }
        Awaiting::JumpBookmark => match app.state.bookmark(&app.doc, c) {
            Some(p) => {
                super::jumps::record(app);
                app.reader.cursor = p;
                super::reader::reveal_cursor(app);
                app.info(format!("Bookmark {c}"));
            }
            None => app.error(format!("No bookmark {c}")),
        },
    }
}

/// Writes the notes as Markdown into the export directory and says where. An earlier
/// export is never written over: the file gets the next free name (`…-notes-2.md`).
pub fn export(app: &mut App) {
    let bookmarks = app.state.bookmarks(&app.doc);
    let entries = app.notes.entries();
    let marked = app.notes.highlights();
    let terms = app.notes.terms();
    let text = crate::notes::export::markdown(&app.doc, entries, marked, terms, &bookmarks, now());
    let dir = std::fs::canonicalize(&app.export_dir).unwrap_or_else(|_| app.export_dir.clone());
    let id = &app.doc.meta.id;
    let first = dir.join(format!("{id}-notes.md"));
    let path = std::iter::once(first.clone())
        .chain((2..1000).map(|n| dir.join(format!("{id}-notes-{n}.md"))))
        .find(|p| !p.exists());
    let Some(path) = path else {
        app.error(format!(
            "Not exported: {} and 998 numbered exports beside it are there already",
            first.display()
        ));
        return;
    };
    let what = crate::notes::export::tally(
        entries.len(),
        marked.len(),
        terms.len(),
        Some(bookmarks.len()),
    );
    match crate::durable::write(&path, text.as_bytes(), false) {
        Ok(()) if path == first => app.info(format!("{what} written to {}", path.display())),
        Ok(()) => app.info(format!(
            "{what} written to {} ({} is an earlier export, kept)",
            path.display(),
            first.display()
        )),
        Err(e) => app.error(format!("Could not write {}: {e}", path.display())),
    }
}

/// The answer to the open question.
pub fn answer(app: &mut App, yes: bool) {
    let Some(confirm) = app.modals.take_confirm() else {
        return;
    };
    if !yes {
        if confirm.on_yes == ConfirmAction::QuitUnsaved {
            if app.open_next.take().is_some() {
                app.info("Staying on this article: the notes are still in memory");
            } else {
                app.info("Not quitting: the notes are still in memory");
            }
        }
        return;
    }
    match confirm.on_yes {
        ConfirmAction::DiscardNote => {
            close_editor(app);
            app.info("Changes thrown away");
        }
        ConfirmAction::DeleteNote(note) => match app.notes.delete(&app.doc, &note) {
            Ok(Some(p)) => {
                if let Some(p) = p {
                    note_changed(app, p);
                }
                if save_notes(app) {
                    let key = restore_key(app);
                    app.info(format!("Note deleted ({key} in the text brings it back)"));
                }
            }
            Ok(None) => {
                app.error("That note is no longer there (another lectern changed the notes)")
            }
            Err(e) => app.error(format!("{e}")),
        },
        ConfirmAction::DeleteBookmark(c) => {
            app.state.remove_bookmark(c);
            match app.state.save() {
                Ok(()) => app.info(format!("Bookmark {c} deleted")),
                Err(e) => app.error(e),
            }
        }
        ConfirmAction::DeleteTerm(id) => super::terms::delete(app, &id),
        ConfirmAction::QuitUnsaved => app.should_quit = true,
    }
}

/// Where emergency copies go, best first: the data directory's own `unsaved/` (beside the
/// notes, the user's alone), then `$XDG_RUNTIME_DIR` (private to the user), then the
/// temporary directory. Each copy is a new file only its owner can read.
fn emergency_dirs(app: &App) -> Vec<std::path::PathBuf> {
    let mut dirs = Vec::new();
    if let Some(data_dir) = app.notes.path().and_then(|p| p.parent()?.parent()) {
        dirs.push(data_dir.join("unsaved"));
    }
    if let Some(run) = std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from)
        && run.is_absolute()
    {
        dirs.push(run);
    }
    dirs.push(std::env::temp_dir());
    dirs
}

/// Quits after saving the note being edited, the notes and the reading position. When the
/// notes cannot be saved, a private copy is written (see [`emergency_dirs`]) and lectern
/// asks first.
pub fn quit(app: &mut App) {
    if app.modals.has(ModalKind::Editor) {
        commit(app, true);
    }
    app.state.set_position(&app.doc, app.reader.cursor);
    app.state.set_read(&app.doc, &app.read);
    // The position is a convenience: failing to save it does not hold up quitting.
    let _ = app.state.save();
    if !app.notes.is_dirty() || app.notes.read_only().is_some() || save_notes(app) {
        app.should_quit = true;
        return;
    }
    // One copy per session, written anew at each attempt (the previous one then goes).
    let copied = crate::notes::to_ron(&app.notes.to_file()).and_then(|text| {
        crate::durable::write_private_copy(
            &emergency_dirs(app),
            &app.doc.meta.id,
            "ron",
            text.as_bytes(),
        )
    });
    let where_ = match copied {
        Ok(copy) => {
            if let Some(old) = app.unsaved_copy.replace(copy.clone()) {
                let _ = std::fs::remove_file(old);
            }
            format!("a copy is in {}", copy.display())
        }
        Err(_) => "no copy could be written either".to_owned(),
    };
    let why = app.notes.last_error.clone().unwrap_or_default();
    app.modals.open(Modal::Confirm(Confirm {
        question: if app.open_next.is_some() {
            format!("{why}; {where_}. Open the other article anyway?")
        } else {
            format!("{why}; {where_}. Quit anyway?")
        },
        on_yes: ConfirmAction::QuitUnsaved,
    }));
}

/// Quitting because of a signal (SIGTERM, SIGHUP, SIGINT) or a failing terminal: as
/// [`quit`], saving the note being edited, the notes and the position, but never asking:
/// when the notes cannot be saved, the emergency copy is all that can be done. A note that
/// could not even be taken from the editor (the notes are read-only) is copied as text.
pub fn quit_now(app: &mut App) {
    app.modals.close(ModalKind::Confirm);
    quit(app);
    if let Some(ed) = app.modals.editor() {
        let text = ed.text();
        if text != ed.saved {
            let stem = format!("note-{}", app.doc.meta.id);
            let _ = crate::durable::write_private_copy(
                &emergency_dirs(app),
                &stem,
                "txt",
                text.as_bytes(),
            );
        }
    }
    app.modals.close(ModalKind::Confirm);
    app.should_quit = true;
}
