//! The lock that lets one lectern at a time write an article's notes: `notes/<id>.lock`,
//! held with an advisory lock for as long as the notes are open, holding the holder's pid.
//!
//! The lock fails closed: whenever it cannot be taken (another lectern has it, or the file
//! at that path cannot serve as a lock) the notes are read-only, never written unguarded.
//! The path is opened without following a symbolic link, and a file is emptied only when
//! it holds what a lectern writes there (a pid, or nothing), so a link or a stray file at
//! that path is never damaged.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, Write as _};
use std::path::Path;

/// The most of a lock file read: a pid and a line break.
const MAX_LOCK_BYTES: u64 = 64;

/// Why notes are read-only.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadOnly {
    /// Another lectern holds the lock.
    #[error("another lectern{} has them open", pid_text(.pid))]
    HeldByOther {
        /// The other lectern's pid, as written in the lock file.
        pid: Option<String>,
    },
    /// The lock file cannot be used, so nothing guards the notes against a second lectern.
    #[error(
        "the lock file {lock} cannot be used ({why}); so that two lecterns cannot overwrite \
         each other's notes, nothing is written. Remove or fix that file while no lectern is \
         running (rm {lock}), and notes can be written again"
    )]
    LockUnusable {
        /// The lock file's path.
        lock: String,
        /// What is wrong with it.
        why: String,
    },
    /// The notes file cannot be read; it is never written over.
    #[error(
        "the notes file is damaged ({error}); {shown}; fix or move the file to write notes again"
    )]
    Damaged {
        /// The error reading it.
        error: String,
        /// What is shown instead.
        shown: String,
    },
    /// The notes file belongs to another article.
    #[error("{path} holds the notes of article `{article}`")]
    OtherArticle {
        /// The notes file.
        path: String,
        /// The article it names.
        article: String,
    },
}

impl ReadOnly {
    /// Whether taking the lock again may end it (the other lectern closed, or the user
    /// fixed the lock file).
    pub fn is_lock(&self) -> bool {
        matches!(
            self,
            ReadOnly::HeldByOther { .. } | ReadOnly::LockUnusable { .. }
        )
    }
}

fn pid_text(pid: &Option<String>) -> String {
    pid.as_ref()
        .map(|p| format!(" (pid {p})"))
        .unwrap_or_default()
}

/// What trying to take the lock came to.
#[derive(Debug)]
pub enum Taken {
    /// The lock is ours while this file is open.
    Locked(File),
    /// The notes must stay read-only.
    Refused(ReadOnly),
}

/// Tries to take the lock at `path`, creating it when there is none.
pub fn take(path: &Path) -> Taken {
    let unusable = |why: String| {
        Taken::Refused(ReadOnly::LockUnusable {
            lock: path.display().to_string(),
            why,
        })
    };
    // Refuse what is plainly not a lock before opening anything.
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && let Some(why) = not_a_lock(&meta)
    {
        return unusable(why);
    }
    let mut file = match open(path) {
        Ok(f) => f,
        Err(e) if is_symlink_error(&e) => return unusable("it is a symbolic link".to_owned()),
        Err(e) => return unusable(format!("it cannot be opened for writing: {e}")),
    };
    // Checked again through the handle: the path may have changed since the first look.
    match file.metadata() {
        Ok(meta) => {
            if let Some(why) = not_a_lock(&meta) {
                return unusable(why);
            }
        }
        Err(e) => return unusable(format!("it cannot be examined: {e}")),
    }
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let pid = read_small(&mut file)
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty());
            return Taken::Refused(ReadOnly::HeldByOther { pid });
        }
        Err(TryLockError::Error(e)) => return unusable(format!("it cannot be locked: {e}")),
    }
    // Ours now. Written over only if it holds what a lectern writes there.
    let held = match read_small(&mut file) {
        // NULs too: a file extended by a write that a power cut kept from the disk.
        Some(text)
            if text
                .trim_matches(|c: char| c.is_whitespace() || c == '\0')
                .chars()
                .all(|c| c.is_ascii_digit()) =>
        {
            text.len()
        }
        Some(_) => {
            return unusable("it holds something other than a lectern's process id".to_owned());
        }
        None => return unusable("it cannot be read".to_owned()),
    };
    let pid = format!("{}\n", std::process::id());
    // Written over in place when the pid it holds is as long as ours (usually: the last
    // lectern's), so its length never changes: truncating costs a journal update, about
    // a quarter of a millisecond on the way to the first screen. Else emptied first, so
    // that a power cut leaves it empty or holding a pid, never a pid and the end of
    // another (or a length the data did not reach).
    let emptied = if held == pid.len() {
        Ok(())
    } else {
        file.set_len(0)
    };
    let written = emptied
        .and_then(|()| file.rewind())
        .and_then(|()| (&file).write_all(pid.as_bytes()));
    if let Err(e) = written {
        return unusable(format!("it cannot be written: {e}"));
    }
    Taken::Locked(file)
}

/// Opens the lock read-write, creating it if missing, never following a symbolic link and
/// never truncating.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

#[cfg(unix)]
fn is_symlink_error(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_symlink_error(_e: &std::io::Error) -> bool {
    false
}

/// Why a file cannot serve as the lock: anything but a regular file with one name.
fn not_a_lock(meta: &std::fs::Metadata) -> Option<String> {
    let ft = meta.file_type();
    if ft.is_symlink() {
        return Some("it is a symbolic link".to_owned());
    }
    if !ft.is_file() {
        let what = crate::diag::not_regular(meta).unwrap_or("is not a regular file");
        return Some(format!("it {what}"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if meta.nlink() > 1 {
            return Some("it has other names (hard links), so it is someone else's file".into());
        }
    }
    None
}

/// The lock file's text, if it is short text.
fn read_small(file: &mut File) -> Option<String> {
    file.rewind().ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_LOCK_BYTES + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > MAX_LOCK_BYTES {
        return Some("(long)".to_owned());
    }
    String::from_utf8(bytes)
        .ok()
        .or_else(|| Some("(binary)".to_owned()))
}
