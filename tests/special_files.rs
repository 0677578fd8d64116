//! Files that are not regular files (devices, FIFOs) and files that report no size: every
//! read is capped by the bytes actually read, and non-regular files are refused at once,
//! with a message that says what the file is.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn lectern() -> Command {
    let mut cmd = Command::cargo_bin("lectern").unwrap();
    cmd.env(
        "LECTERN_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
    );
    // A hang or a 2 GB read would run into this instead of passing.
    cmd.timeout(Duration::from_secs(20));
    cmd
}

fn zero_link(dir: &Path, name: &str) -> PathBuf {
    let link = dir.join(name);
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    link
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and a plain mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    path
}

/// Runs lectern with `args` and returns its stderr, checking it failed with status 1.
fn fails(args: &[&std::ffi::OsStr]) -> String {
    let out = lectern().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn check_print_and_import_refuse_a_device_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["zero.ron", "zero.md"] {
        let link = zero_link(dir.path(), name);
        let shown = link.display().to_string();
        let expected =
            format!("{shown}:1:1: is a character device (like /dev/zero), not a regular file");
        for cmd in ["check", "print", "import"] {
            let err = fails(&[cmd.as_ref(), link.as_os_str()]);
            assert!(err.contains(&expected), "{cmd} {name}: {err}");
        }
    }
}

#[test]
fn a_fifo_is_refused_instead_of_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["pipe.ron", "pipe.md"] {
        let pipe = fifo(dir.path(), name);
        for cmd in ["check", "print"] {
            let err = fails(&[cmd.as_ref(), pipe.as_os_str()]);
            assert!(
                err.contains("is a FIFO (named pipe), not a regular file"),
                "{cmd}: {err}"
            );
        }
    }
}

#[test]
fn keymap_and_notes_files_linked_to_a_device_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let keymap = zero_link(dir.path(), "keymap.ron");
    let err = lectern::keymap::Keymap::load_file(&keymap).unwrap_err();
    assert!(err.to_string().contains("is a character device"), "{err}");
    let notes = zero_link(dir.path(), "notes.ron");
    let err = lectern::notes::read_file(&notes).unwrap_err();
    assert!(err.to_string().contains("is a character device"), "{err}");
}

#[test]
fn a_notes_file_linked_to_a_device_leaves_the_notes_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let doc = lectern::content::bundled().unwrap().doc;
    let path = lectern::notes::notes_path(dir.path(), &doc.meta.id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let (store, messages) = lectern::notes::NotesStore::open(dir.path(), &doc);
    assert!(store.read_only().is_some());
    assert!(
        messages.iter().any(|m| m.contains("is a character device")),
        "{messages:?}"
    );
}

#[test]
fn a_file_that_reports_no_size_is_capped_by_what_is_read() {
    // /proc files report a size of 0 whatever they hold.
    let maps = Path::new("/proc/self/maps");
    assert_eq!(std::fs::metadata(maps).unwrap().len(), 0);
    let err = lectern::diag::read_text_file(maps, 16).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/proc/self/maps:1:1: file is more than 16 bytes; the limit is 16 bytes"
    );
}
