//! Write failures: a directory that cannot be created (a file stands where it should be,
//! which stops root too), or a data directory that does not exist yet. Every failure is
//! reported in the status bar, nothing is lost from memory, and nothing on disk is damaged.

mod common;

use std::path::Path;

use common::{app, press};
use lectern::app::App;

/// A reader with its data directory at `data`.
fn reader(data: &Path) -> App {
    let mut a = app("default", 120, 40);
    let messages = a.open_storage(data);
    assert!(messages.is_empty(), "{messages:?}");
    a
}

fn error_message(a: &App) -> String {
    let m = a.message.as_ref().expect("a status message");
    assert!(m.error, "shown as an error: {}", m.text);
    m.text.clone()
}

/// Puts a regular file where `dir` should be a directory.
fn block(dir: &Path) {
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    std::fs::write(dir, b"not a directory").unwrap();
}

#[test]
fn a_failed_notes_save_is_reported_and_the_note_kept() {
    let data = tempfile::tempdir().unwrap();
    // Before opening: the lock file goes into the notes directory.
    block(&data.path().join("notes"));
    let mut a = reader(data.path());
    press(&mut a, "a");
    a.handle_paste("a note on a broken disk");
    press(&mut a, "Esc");
    let msg = error_message(&a);
    assert!(msg.starts_with("Not saved:"), "{msg}");
    let p = a.reader.cursor;
    assert_eq!(
        a.notes.note_for(p).unwrap().note.text,
        "a note on a broken disk"
    );
    assert_eq!(
        std::fs::read(data.path().join("notes")).unwrap(),
        b"not a directory"
    );
    // Quitting asks first.
    press(&mut a, "q");
    assert!(!a.should_quit);
    assert!(a.confirm().is_some());
}

#[test]
fn a_failed_reading_state_save_is_reported_and_the_bookmark_kept() {
    let data = tempfile::tempdir().unwrap();
    let mut a = reader(data.path());
    block(&data.path().join("state"));
    press(&mut a, "m a");
    let msg = error_message(&a);
    assert!(msg.contains("could not save the reading state"), "{msg}");
    assert_eq!(a.state.bookmark(&a.doc, 'a'), Some(a.reader.cursor));
    press(&mut a, "j ' a");
    assert_eq!(a.message.as_ref().unwrap().text, "Bookmark a");
}

#[test]
fn a_failed_export_is_reported() {
    let data = tempfile::tempdir().unwrap();
    let mut a = reader(data.path());
    let blocker = data.path().join("exports");
    std::fs::write(&blocker, b"x").unwrap();
    a.export_dir = blocker.join("sub");
    press(&mut a, "E");
    let msg = error_message(&a);
    assert!(msg.starts_with("Could not write"), "{msg}");
    assert_eq!(std::fs::read(&blocker).unwrap(), b"x");
}

#[test]
fn a_missing_data_directory_is_created_on_the_first_save() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("not/there/yet");
    let mut a = reader(&dir);
    press(&mut a, "a");
    a.handle_paste("first note");
    press(&mut a, "Esc");
    assert_eq!(a.message.as_ref().unwrap().text, "Note saved");
    let notes = lectern::notes::read_file(&lectern::notes::notes_path(&dir, &a.doc.meta.id));
    assert_eq!(notes.unwrap().notes[0].text, "first note");
}
