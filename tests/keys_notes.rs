//! Key-sequence tests of notes and bookmarks: setting and jumping to bookmarks, the notes
//! list, deleting and restoring a note, and the editor's questions.

mod common;

use common::{app, goto, press};
use lectern::action::Pane;

#[test]
fn bookmarks_set_with_m_and_jump_back_with_quote() {
    let mut a = app("default", 160, 40);
    press(&mut a, "j j j");
    // Where three presses of j lead depends on how long the first paragraphs are.
    let at = a.reader.cursor;
    assert!(at > 0);
    press(&mut a, "m");
    assert_eq!(a.awaiting(), Some(lectern::app::Awaiting::SetBookmark));
    press(&mut a, "b");
    assert_eq!(a.message.as_ref().unwrap().text, "Bookmark b set");
    press(&mut a, "G");
    press(&mut a, "' b");
    assert_eq!(a.reader.cursor, at);
    press(&mut a, "' z");
    assert_eq!(a.message.as_ref().unwrap().text, "No bookmark z");
    press(&mut a, "m 1");
    assert!(a.message.as_ref().unwrap().error, "bookmarks are letters");
    // The bookmarks list jumps too.
    press(&mut a, "G 3 l l l");
    assert_eq!(a.side.view, lectern::app::SideView::Bookmarks);
    press(&mut a, "Enter");
    assert_eq!((a.focus, a.reader.cursor), (Pane::Text, at));
}

#[test]
fn notes_list_filters_jumps_and_deletes_after_asking() {
    let mut a = app("default", 160, 40);
    for (p, text) in [
        (2, "about the zorkmid"),
        (5, "about sanctions"),
        (9, "the zorkmid again"),
    ] {
        goto(&mut a, p);
        press(&mut a, "a");
        a.modals.editor_mut().unwrap().textarea.insert_str(text);
        press(&mut a, "Esc");
        assert_eq!(a.message.as_ref().unwrap().text, "Note saved");
    }
    press(&mut a, "3 l");
    assert_eq!(a.side.view, lectern::app::SideView::Notes);
    press(&mut a, "/");
    for c in "zorkmid".chars() {
        press(&mut a, &c.to_string());
    }
    assert_eq!(a.filtered_notes().len(), 2);
    press(&mut a, "Enter");
    press(&mut a, "j");
    press(&mut a, "Enter");
    assert_eq!((a.focus, a.reader.cursor), (Pane::Text, 9));
    press(&mut a, "3");
    press(&mut a, "x");
    assert!(a.confirm().is_some());
    press(&mut a, "n");
    assert_eq!(a.notes.entries().len(), 3, "no deletes nothing");
    press(&mut a, "x");
    assert!(a.confirm().is_some(), "{:?}", a.message);
    press(&mut a, "y");
    assert_eq!(a.notes.entries().len(), 2, "{:?}", a.message);
    assert!(a.notes.note_for(9).is_none());
    press(&mut a, "2");
    goto(&mut a, 0);
    press(&mut a, "u");
    assert_eq!(
        a.notes.note_for(9).unwrap().note.text,
        "the zorkmid again",
        "u brings it back"
    );
}

#[test]
fn an_emptied_note_is_deleted_and_can_be_brought_back() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    a.modals
        .editor_mut()
        .unwrap()
        .textarea
        .insert_str("short-lived");
    press(&mut a, "Esc");
    press(&mut a, "a");
    a.modals.editor_mut().unwrap().textarea.select_all();
    a.modals.editor_mut().unwrap().textarea.cut();
    press(&mut a, "Esc");
    assert!(a.notes.note_for(0).is_none());
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "Note deleted (u brings it back)"
    );
    press(&mut a, "u");
    assert_eq!(a.notes.note_for(0).unwrap().note.text, "short-lived");
}

#[test]
fn discarding_changes_asks_first() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    for c in "draft".chars() {
        press(&mut a, &c.to_string());
    }
    assert_eq!(
        a.editor().unwrap().text(),
        "draft",
        "letters type into the editor"
    );
    press(&mut a, "C-q");
    assert!(a.confirm().is_some());
    press(&mut a, "n");
    assert!(a.editor().is_some(), "still editing");
    press(&mut a, "C-q");
    press(&mut a, "y");
    assert!(a.editor().is_none());
    assert!(a.notes.note_for(0).is_none(), "nothing saved");
}
