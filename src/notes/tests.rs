//! Tests of the notes store: round trips, deletes, the lock, damage, failed saves.

use super::*;

fn doc() -> Document {
    crate::content::bundled().unwrap().doc
}

#[test]
fn save_and_load_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let (mut store, messages) = NotesStore::open(dir.path(), &d);
    assert!(messages.is_empty(), "{messages:?}");
    let texts = [
        "A plain note",
        "Two\nlines with \"quotes\" and r#\"raw\"#",
        "漢字 🇨🇳 e\u{301}\ttab",
    ];
    for (i, t) in texts.iter().enumerate() {
        assert_eq!(
            store.set(&d, i * 3, t, 100 + i as u64).unwrap(),
            Change::Created
        );
    }
    store.save().unwrap();
    assert!(!store.is_dirty());
    drop(store);
    let (again, _) = NotesStore::open(dir.path(), &d);
    let got: Vec<(Option<usize>, &str)> = again
        .entries()
        .iter()
        .map(|e| (e.attached, e.note.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(0), texts[0]),
            (Some(3), texts[1]),
            (Some(6), texts[2])
        ]
    );
    assert_eq!(again.note_for(3).unwrap().note.created, 101);
}

#[test]
fn empty_text_deletes_and_restore_brings_it_back() {
    let d = doc();
    let mut store = NotesStore::in_memory(&d.meta.id);
    store.set(&d, 2, "keep me", 1).unwrap();
    assert_eq!(store.set(&d, 2, "  \n ", 2).unwrap(), Change::Deleted);
    assert!(store.note_for(2).is_none());
    assert_eq!(store.restore(&d).unwrap(), Restored::Back(Some(2)));
    assert_eq!(store.note_for(2).unwrap().note.text, "keep me");
    assert_eq!(store.restore(&d).unwrap(), Restored::Nothing);
    // Deleted, then a new note on the paragraph: the old text joins the new one.
    store.set(&d, 2, "", 3).unwrap();
    store.set(&d, 2, "a new note", 4).unwrap();
    assert_eq!(store.restore(&d).unwrap(), Restored::Joined(Some(2)));
    assert_eq!(
        store.note_for(2).unwrap().note.text,
        "a new note\n\nkeep me"
    );
}

#[test]
fn a_second_store_on_the_same_notes_is_read_only_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let (mut first, _) = NotesStore::open(dir.path(), &d);
    let (mut second, messages) = NotesStore::open(dir.path(), &d);
    assert!(messages[0].contains("another lectern"), "{messages:?}");
    assert!(matches!(
        second.set(&d, 1, "lost?", 1),
        Err(NotesError::ReadOnly(_))
    ));
    first.set(&d, 0, "from the first", 1).unwrap();
    first.save().unwrap();
    drop(first);
    // The lock is free now: the second takes it, reads the first's note, adds its own.
    second.set(&d, 1, "from the second", 2).unwrap();
    second.save().unwrap();
    let file = read_file(&notes_path(dir.path(), &d.meta.id)).unwrap();
    let texts: Vec<&str> = file.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["from the first", "from the second"]);
}

#[test]
fn a_damaged_file_is_never_written_and_its_backup_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let (mut store, _) = NotesStore::open(dir.path(), &d);
    store.set(&d, 4, "older note", 1).unwrap();
    store.save().unwrap();
    store.set(&d, 4, "newer note", 2).unwrap();
    store.save().unwrap();
    drop(store);
    let path = notes_path(dir.path(), &d.meta.id);
    let damaged = b"Notes(format: 1, article: \"x\", notes: [Note(paragraph: ".to_vec();
    std::fs::write(&path, &damaged).unwrap();
    let (mut store, messages) = NotesStore::open(dir.path(), &d);
    assert!(messages[0].contains("read-only"), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains(":1:")),
        "position of the damage: {messages:?}"
    );
    assert_eq!(
        store.note_for(4).unwrap().note.text,
        "older note",
        "the backup is shown"
    );
    assert!(store.set(&d, 4, "x", 3).is_err());
    assert!(store.save().is_ok(), "nothing to save");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        damaged,
        "byte for byte as it was"
    );
}

#[test]
fn a_failed_save_keeps_the_note_and_a_later_save_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    // The data directory's place is taken by a file: no one, not even root, can create
    // the notes directory there.
    let blocked = dir.path().join("data");
    std::fs::write(&blocked, b"in the way").unwrap();
    let (mut store, _) = NotesStore::open(&blocked, &d);
    store.set(&d, 0, "written during a seminar", 1).unwrap();
    let err = store.save().unwrap_err();
    assert!(
        err.to_string().starts_with("could not save notes ("),
        "{err}"
    );
    assert!(store.is_dirty());
    assert_eq!(
        store.note_for(0).unwrap().note.text,
        "written during a seminar"
    );
    std::fs::remove_file(&blocked).unwrap();
    store.save().unwrap();
    let file = read_file(&notes_path(&blocked, &d.meta.id)).unwrap();
    assert_eq!(file.notes[0].text, "written during a seminar");
}

#[test]
fn a_note_is_deleted_by_its_key_even_after_the_notes_were_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let (mut first, _) = NotesStore::open(dir.path(), &d);
    for (p, t) in [(0, "zero"), (1, "one"), (2, "two")] {
        first.set(&d, p, t, 1).unwrap();
    }
    first.save().unwrap();
    // The second lectern lists the three notes, read-only.
    let (mut second, _) = NotesStore::open(dir.path(), &d);
    let two = second.entries()[2].note.key();
    // The first deletes "zero" and closes: the list the second shows is now stale.
    let zero = first.entries()[0].note.key();
    first.delete(&d, &zero).unwrap();
    first.save().unwrap();
    drop(first);
    // Deleting "two" from the stale list deletes "two", after reading the file again.
    assert_eq!(second.delete(&d, &two).unwrap(), Some(Some(2)));
    second.save().unwrap();
    let texts: Vec<String> = second
        .entries()
        .iter()
        .map(|e| e.note.text.clone())
        .collect();
    assert_eq!(texts, ["one"]);
    assert_eq!(second.delete(&d, &zero).unwrap(), None, "already gone");
}

#[test]
fn notes_of_merged_paragraphs_are_joined_not_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = r#"Article(format: 1, id: "m", title: "M", body: [
        Paragraph(id: "a", text: "The first half of a thought that the author later joined."),
        Paragraph(id: "b", text: "The second half, which became part of the same paragraph."),
    ])"#;
    let v2 = r#"Article(format: 1, id: "m", title: "M", body: [
        Paragraph(id: "a", text: "The first half of a thought that the author later joined. The second half, which became part of the same paragraph."),
    ])"#;
    let d1 = crate::model::load::parse(v1).unwrap().doc;
    let (mut store, _) = NotesStore::open(dir.path(), &d1);
    store.set(&d1, 0, "on the first", 10).unwrap();
    store.set(&d1, 1, "on the second", 20).unwrap();
    store.save().unwrap();
    drop(store);
    let d2 = crate::model::load::parse(v2).unwrap().doc;
    let (store, messages) = NotesStore::open(dir.path(), &d2);
    assert!(
        messages.iter().any(|m| m.contains("joined")),
        "{messages:?}"
    );
    assert_eq!(store.entries().len(), 1);
    let note = &store.note_for(0).unwrap().note;
    assert_eq!(note.text, "on the first\n\non the second");
    assert_eq!((note.created, note.modified), (10, 20));
}
