//! Tests of the notes lock: it fails closed, never follows or damages what is at its path,
//! and clears the temporary files of crashed lecterns.

use super::*;

fn doc() -> Document {
    crate::content::bundled().unwrap().doc
}

fn lock_path(dir: &Path, d: &Document) -> PathBuf {
    notes_path(dir, &d.meta.id).with_extension("lock")
}

/// Opens the store, checks it is read-only because of the lock and refuses a change.
fn assert_refused(dir: &Path, d: &Document, why: &str) -> NotesStore {
    let (mut store, messages) = NotesStore::open(dir, d);
    let lock = lock_path(dir, d).display().to_string();
    assert!(
        messages[0].starts_with(&format!(
            "Notes are read-only: the lock file {lock} cannot be used ({why}"
        )),
        "{messages:?}"
    );
    assert!(
        messages[0].contains(&format!("rm {lock}")),
        "says what to do: {messages:?}"
    );
    assert!(matches!(
        store.read_only(),
        Some(ReadOnly::LockUnusable { .. })
    ));
    assert!(matches!(
        store.set(d, 1, "must not be written unguarded", 1),
        Err(NotesError::ReadOnly(ReadOnly::LockUnusable { .. }))
    ));
    assert!(!notes_path(dir, &d.meta.id).exists(), "nothing written");
    store
}

#[test]
fn a_lock_that_cannot_be_opened_makes_the_notes_read_only_until_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let lock = lock_path(dir.path(), &d);
    // A directory at the lock's path cannot be opened for writing, even by root (a 0444
    // file or one owned by another user fails the same way for anyone else).
    std::fs::create_dir_all(&lock).unwrap();
    let mut store = assert_refused(dir.path(), &d, "it is a directory");
    // Fixed while lectern runs: the next change takes the lock and goes through.
    std::fs::remove_dir(&lock).unwrap();
    store.set(&d, 1, "after the fix", 2).unwrap();
    store.save().unwrap();
    assert!(store.read_only().is_none());
    let file = read_file(&notes_path(dir.path(), &d.meta.id)).unwrap();
    assert_eq!(file.notes[0].text, "after the fix");
}

#[test]
fn a_symlinked_lock_is_refused_and_its_target_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let thesis = dir.path().join("thesis.txt");
    std::fs::write(&thesis, "Chapter 1. My thesis.\n").unwrap();
    let lock = lock_path(dir.path(), &d);
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&thesis, &lock).unwrap();
    let store = assert_refused(dir.path(), &d, "it is a symbolic link");
    drop(store);
    assert_eq!(
        std::fs::read_to_string(&thesis).unwrap(),
        "Chapter 1. My thesis.\n"
    );
    // A dangling link is not followed to create its target either.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &lock).unwrap();
    assert_refused(dir.path(), &d, "it is a symbolic link");
    assert!(!elsewhere.exists());
}

#[test]
fn a_lock_with_other_names_or_other_content_is_never_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let lock = lock_path(dir.path(), &d);
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let thesis = dir.path().join("thesis.txt");
    std::fs::write(&thesis, "12345\n").unwrap();
    std::fs::hard_link(&thesis, &lock).unwrap();
    assert_refused(dir.path(), &d, "it has other names");
    assert_eq!(std::fs::read_to_string(&thesis).unwrap(), "12345\n");
    std::fs::remove_file(&lock).unwrap();
    std::fs::write(&lock, "not a pid: someone's text\n").unwrap();
    assert_refused(
        dir.path(),
        &d,
        "it holds something other than a lectern's process id",
    );
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        "not a pid: someone's text\n"
    );
}

#[test]
fn a_fifo_at_the_lock_path_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let lock = lock_path(dir.path(), &d);
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and a plain mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    assert_refused(dir.path(), &d, "it is a FIFO");
}

#[test]
fn an_old_lock_holding_a_pid_is_taken_and_rewritten() {
    // Longer than any pid of ours, shorter (both emptied first), as long (written over),
    // none at all, and NULs where a power cut kept a write from the disk.
    let same = "9".repeat(std::process::id().to_string().len()) + "\n";
    for old in ["4000000000\n", "1\n", "7", &same, "", "\0\0\0\0\0\0"] {
        let dir = tempfile::tempdir().unwrap();
        let d = doc();
        let lock = lock_path(dir.path(), &d);
        std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
        std::fs::write(&lock, old).unwrap();
        let (mut store, messages) = NotesStore::open(dir.path(), &d);
        assert!(messages.is_empty(), "{old:?}: {messages:?}");
        store.set(&d, 1, "fine", 1).unwrap();
        assert_eq!(
            std::fs::read_to_string(&lock).unwrap(),
            format!("{}\n", std::process::id()),
            "over {old:?}"
        );
    }
}

#[test]
fn temporary_files_of_crashed_lecterns_are_removed_when_the_lock_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let notes_dir = dir.path().join("notes");
    std::fs::create_dir_all(&notes_dir).unwrap();
    let id = &d.meta.id;
    // pid 4000000000 is past any kernel's pid_max: that process cannot be running.
    let dead = notes_dir.join(format!(".{id}.ron.tmp-4000000000-77"));
    let dead_bak = notes_dir.join(format!(".{id}.ron.bak.tmp-4000000000-78"));
    let ours = notes_dir.join(format!(".{id}.ron.tmp-{}-1", std::process::id()));
    // pid 1 is always running.
    let live = notes_dir.join(format!(".{id}.ron.tmp-1-5"));
    let not_temp = notes_dir.join(format!(".{id}.ron.tmp-4000000000-x"));
    for f in [&dead, &dead_bak, &ours, &live, &not_temp] {
        std::fs::write(f, "a private note").unwrap();
    }
    let (_store, _) = NotesStore::open(dir.path(), &d);
    assert!(
        !dead.exists() && !dead_bak.exists(),
        "a dead process's temp files go"
    );
    assert!(ours.exists() && live.exists(), "a live process's stay");
    assert!(not_temp.exists(), "only names lectern makes are touched");
}

#[test]
fn a_held_lock_names_the_holder_and_is_not_cleared_of_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc();
    let (_first, _) = NotesStore::open(dir.path(), &d);
    let stale = dir
        .path()
        .join("notes")
        .join(format!(".{}.ron.tmp-4000000000-1", d.meta.id));
    std::fs::write(&stale, "x").unwrap();
    let (second, messages) = NotesStore::open(dir.path(), &d);
    assert_eq!(
        second.read_only(),
        Some(&ReadOnly::HeldByOther {
            pid: Some(std::process::id().to_string())
        })
    );
    assert!(messages[0].contains("another lectern (pid"), "{messages:?}");
    assert!(stale.exists(), "only the lock's holder cleans up");
}
