//! Small things about notes and bookmarks: two bookmarks on a paragraph both show, a
//! detached note can be read in full and attached again, a damaged notes file is told once,
//! and counts are worded in the singular for one.

mod common;

use common::{app, goto, press, screen};

#[test]
fn two_bookmarks_on_one_paragraph_both_show() {
    let mut a = app("default", 100, 30);
    goto(&mut a, 3);
    press(&mut a, "m a");
    press(&mut a, "m b");
    let shown = screen(&a);
    let rows: Vec<&str> = shown.lines().collect();
    let at = rows
        .iter()
        .position(|l| l.contains("▌a "))
        .expect("bookmark a shows");
    assert!(rows[at + 1].contains("▌b "), "and b under it:\n{shown}");
}

#[test]
fn a_detached_note_is_read_in_full_and_attached_to_the_current_paragraph() {
    let mut a = app("default", 120, 40);
    common::bindings::open_with_detached_note(&mut a);
    goto(&mut a, 4);
    press(&mut a, "3 l");
    assert_eq!(a.side.view, lectern::app::SideView::Notes);
    press(&mut a, "Enter");
    let shown = screen(&a);
    assert!(shown.contains(" Detached note "), "{shown}");
    assert!(
        shown.contains("detached text"),
        "the note in full:\n{shown}"
    );
    assert!(shown.contains("A attaches it"), "{shown}");
    press(&mut a, "Esc");
    press(&mut a, "A");
    assert_eq!(
        a.notes.note_for(4).map(|e| e.note.text.as_str()),
        Some("detached text")
    );
    let msg = a.message.clone().unwrap().text;
    assert!(msg.starts_with("Note attached to "), "{msg}");
}

#[test]
fn a_damaged_notes_file_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app("default", 100, 30);
    let path = lectern::notes::notes_path(dir.path(), &a.doc.meta.id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "Notes(format: 1, article: \"x\", notes: [oops])").unwrap();
    let messages = a.open_storage(dir.path());
    let all = messages.join("\n");
    assert_eq!(all.matches("damaged").count(), 1, "{all}");
    assert_eq!(all.matches("1:").count(), 1, "the error once: {all}");
    assert!(a.notes.read_only().is_some());
}

#[test]
fn check_counts_in_the_singular_for_one() {
    let out = assert_cmd::Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["check", "tests/fixtures/minimal.ron"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1 glossary entry") || text.contains("2 footnotes"),
        "{text}"
    );
    assert!(!text.contains("(s)"), "{text}");
}
