//! Durable, atomic file writes: a file is either its old content or its new content, never
//! a mix, and once `write` returns the new content survives a crash or power loss.
//!
//! The recipe (the one atomic-write-file uses, plus a backup): write a temporary file in the
//! same directory, fsync it, keep the current file as `<name>.bak` (a hard link, so the old
//! content is never copied half-way), rename the temporary file over the target, fsync the
//! directory so the rename itself is on disk.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The backup kept beside `path`: `notes.ron` → `notes.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically and durably, creating the directory if needed and
/// keeping the previous content as `<name>.bak` when `keep_backup` is set.
pub fn write(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    replace(path, keep_backup, |f| f.write_all(bytes))
}

/// Like [`write`] without a backup, the content written by `fill` piece by piece (through a
/// buffer), so a large file never has to be whole in memory first.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, false, |f| {
        let mut buffered = io::BufWriter::with_capacity(64 << 10, f);
        fill(&mut buffered)?;
        buffered.flush()
    })
}

fn replace(
    path: &Path,
    keep_backup: bool,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    fault::check(path)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists || dir.is_file() {
            io::Error::new(
                e.kind(),
                format!("{} exists and is not a directory", dir.display()),
            )
        } else {
            e
        }
    })?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        unique()
    ));
    let result = write_tmp(&tmp, fill).and_then(|()| {
        if keep_backup && path.exists() {
            keep_previous(path)?;
        }
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_tmp(tmp: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    fill(&mut f)?;
    f.sync_all()
}

/// Points `<name>.bak` at the current content: a hard link renamed into place, so the
/// backup is always a whole file.
fn keep_previous(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let bak_tmp = bak.with_file_name(format!(
        ".{}.tmp-{}-{}",
        bak.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id(),
        unique()
    ));
    if fs::hard_link(path, &bak_tmp).is_err() {
        // A file system without hard links: copy and sync instead.
        fs::copy(path, &bak_tmp)?;
        File::open(&bak_tmp)?.sync_all()?;
    }
    fs::rename(&bak_tmp, &bak).inspect_err(|_| {
        let _ = fs::remove_file(&bak_tmp);
    })
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64);
    (t << 16) ^ N.fetch_add(1, Ordering::Relaxed)
}

/// Removes the temporary files (`.<name>.tmp-<pid>-<n>`) that a lectern killed in the
/// middle of a save left in `dir`: those of processes that are no longer running. They
/// hold note text, so they are not left lying about; a live process's are never touched.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The pid in a temporary file's name `.<name>.tmp-<pid>-<n>`, if it is one.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(".tmp-")?;
    let (pid, n) = tail.split_once('-')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this pid exists (it may belong to another user).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 checks for the process and sends nothing.
    if unsafe { libc::kill(pid, 0) } == 0 {
        return true;
    }
    io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// Writes an emergency copy (notes that could not be saved) as a new private file in the
/// first of `dirs` where that works, and returns its path. The file is created afresh
/// (`O_EXCL`: never through a link or over someone's file), readable by its owner only,
/// under a name no one can guess (`lectern-unsaved-<stem>-<time>-<random>.<ext>`), and
/// synced to disk.
pub fn write_private_copy(
    dirs: &[PathBuf],
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> io::Result<PathBuf> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no directory to write to");
    for dir in dirs {
        let path = dir.join(format!(
            "lectern-unsaved-{stem}-{}-{:016x}.{ext}",
            crate::notes::now(),
            random()
        ));
        match write_private(dir, &path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn write_private(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    fault::check(path)?;
    create_private_dir(dir)?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
    written
}

/// Creates `dir` (and its parents) when missing; a new one is the owner's only.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// 64 random bits, from the keys the standard library draws from the operating system for
/// each new hash map (no extra dependency for a file name).
fn random() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(unique());
    h.finish()
}

/// Test-only fault injection: in debug builds, `LECTERN_FAULT_WRITE=KIND[:PREFIX]` (KIND one
/// of enospc, eacces, erofs, eio) makes durable writes to paths under PREFIX (all paths
/// without one) fail with that error, to exercise the paths a full disk or a read-only
/// directory take (tests may run as root, whom permissions do not stop).
mod fault {
    use std::io;
    use std::path::Path;

    #[cfg(debug_assertions)]
    pub fn check(path: &Path) -> io::Result<()> {
        let Some(spec) = std::env::var_os("LECTERN_FAULT_WRITE") else {
            return Ok(());
        };
        let spec = spec.to_string_lossy().into_owned();
        let (kind, prefix) = match spec.split_once(':') {
            Some((k, p)) => (k.to_owned(), Some(p.to_owned())),
            None => (spec, None),
        };
        if prefix.is_some_and(|p| !path.starts_with(p)) {
            return Ok(());
        }
        let code = match kind.as_str() {
            "enospc" => 28,
            "eacces" => 13,
            "erofs" => 30,
            _ => 5,
        };
        Err(io::Error::from_raw_os_error(code))
    }

    #[cfg(not(debug_assertions))]
    pub fn check(_path: &Path) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_and_keep_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/notes.ron");
        write(&path, b"one", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert!(!backup_path(&path).exists());
        write(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        // No temporary files are left behind.
        let names: Vec<String> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        fs::write(&blocker, b"x").unwrap();
        // The parent is a regular file: even root cannot create the directory.
        let err = write(&blocker.join("notes.ron"), b"new", true).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{} exists and is not a directory", blocker.display())
        );
        assert_eq!(fs::read(&blocker).unwrap(), b"x");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "nothing left behind"
        );
    }

    #[test]
    fn emergency_copies_are_new_private_files_with_unguessable_names() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("a-file");
        fs::write(&blocked, b"x").unwrap();
        let good = dir.path().join("unsaved");
        // The first place cannot hold a directory: the copy goes to the next.
        let dirs = [blocked.join("sub"), good.clone()];
        let a = write_private_copy(&dirs, "art", "ron", b"notes").unwrap();
        let b = write_private_copy(&dirs, "art", "ron", b"notes").unwrap();
        assert_ne!(a, b, "each copy has a name of its own");
        for p in [&a, &b] {
            assert_eq!(p.parent(), Some(good.as_path()));
            assert_eq!(fs::read(p).unwrap(), b"notes");
            let mode = fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", p.display());
            let name = p.file_name().unwrap().to_str().unwrap();
            assert!(name.starts_with("lectern-unsaved-art-"), "{name}");
            // time, then 16 hex digits of randomness
            let random = name.trim_end_matches(".ron").rsplit('-').next().unwrap();
            assert_eq!(random.len(), 16, "{name}");
        }
        let mode = fs::metadata(&good).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        assert!(write_private_copy(&[blocked.join("x")], "art", "ron", b"n").is_err());
    }

    #[test]
    fn temporary_names_give_their_owner() {
        assert_eq!(temp_owner(".a.ron.tmp-123-456"), Some(123));
        assert_eq!(temp_owner(".a.ron.bak.tmp-7-1"), Some(7));
        assert_eq!(temp_owner("a.ron.tmp-123-456"), None);
        assert_eq!(temp_owner(".a.ron.tmp-123-"), None);
        assert_eq!(temp_owner(".a.ron.tmp-x-1"), None);
        assert_eq!(temp_owner(".a.ron"), None);
    }
}
