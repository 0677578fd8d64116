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
    let result = write_tmp(&tmp, bytes).and_then(|()| {
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

fn write_tmp(tmp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    f.write_all(bytes)?;
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
}
