//! The cache of converted articles (issue 20): a Markdown, EPUB, HTML or PDF file converted
//! once is kept in the cache directory ([`crate::paths::cache_dir`]) in a binary encoding
//! that loads without parsing again ([`codec`]), under a key that hashes the file's bytes
//! with lectern's version and the encoding's version. A file that changes gets a new key;
//! an entry that is damaged, truncated or written by another version is ignored and
//! rebuilt. The directory is capped in size (the entries used least recently go first) and
//! may be deleted at any time.
//!
//! Hashing is XXH3-64 (`twox-hash`): a fast non-cryptographic hash, several GB/s, so the
//! 40 MB book is hashed in a few milliseconds. The cache is a speed-up, not a trust
//! boundary: an entry is a file the user's own lectern wrote.

pub mod codec;

use std::fs::{self, File};
use std::hash::Hasher as _;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use twox_hash::XxHash3_64;

use crate::diag::FileError;
use crate::import::source::SourceFormat;
use crate::model::load::{Loaded, MAX_ARTICLE_BYTES};

/// The default cap on the cache directory's size.
pub const DEFAULT_MAX_BYTES: u64 = 512 << 20;

/// The sources of the types an entry holds: any change to them (a field added to `Meta`)
/// changes every key, so an entry is never read with types other than those it was written
/// with, even when [`codec::FORMAT`] was not raised.
const SCHEMA: [&str; 5] = [
    include_str!("../model/document.rs"),
    include_str!("../model/inline.rs"),
    include_str!("../model/glossary.rs"),
    include_str!("../model/biblio.rs"),
    include_str!("codec.rs"),
];

/// The extension of an entry.
const EXT: &str = "lcache";

static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Whether there is a cache directory (none in unit tests, or without a home).
pub fn enabled() -> bool {
    dir().is_some()
}

/// Sets the cache directory for this process (`--cache-dir`); the first call wins, and
/// without one [`crate::paths::cache_dir`] decides.
pub fn set_dir(dir: Option<PathBuf>) {
    let _ = DIR.set(crate::paths::cache_dir(dir));
}

fn dir() -> Option<&'static Path> {
    // Unit tests never write into the user's cache; the cache's own tests name their own.
    if cfg!(test) {
        return None;
    }
    DIR.get_or_init(|| crate::paths::cache_dir(None)).as_deref()
}

/// The largest the cache directory may grow: `$LECTERN_CACHE_MAX_BYTES`, else
/// [`DEFAULT_MAX_BYTES`].
fn max_bytes() -> u64 {
    std::env::var("LECTERN_CACHE_MAX_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_BYTES)
}

/// RON articles from this size on are kept in the cache too: decoding an entry is several
/// times faster than parsing and checking the RON (a converted book in the library); a
/// smaller one is read directly.
pub const RON_CACHED_FROM: u64 = 1 << 20;

/// Whether the file at `path`, read as `format`, goes through the cache: every converted
/// format does, RON only from [`RON_CACHED_FROM`] on (there is nothing to convert, and a
/// smaller one reads faster than it hashes). The one rule for opening, finding an entry
/// and streaming; it does not ask whether there is a cache directory ([`enabled`]).
pub fn caches(path: &Path, format: SourceFormat) -> bool {
    format != SourceFormat::Ron || fs::metadata(path).is_ok_and(|m| m.len() >= RON_CACHED_FROM)
}

/// Opens the article at `path`: from the cache when the file was converted before,
/// else converted now and kept. RON articles under [`RON_CACHED_FROM`] are read directly.
pub fn open(path: &Path) -> Result<Loaded, FileError> {
    open_as(path, SourceFormat::sniff(path))
}

/// [`open`] with the format given, not sniffed (the library's files are RON whatever
/// they look like: a damaged one is an error, not a Markdown text).
pub fn open_as(path: &Path, format: SourceFormat) -> Result<Loaded, FileError> {
    match dir() {
        Some(dir) if caches(path, format) => open_in(dir, path, format, max_bytes()),
        _ => format.open(path),
    }
}

/// [`open`] with the cache in `dir`, capped at `max` bytes.
pub fn open_in(
    dir: &Path,
    path: &Path,
    format: SourceFormat,
    max: u64,
) -> Result<Loaded, FileError> {
    // A file that cannot be hashed is left to the loader, which says why it cannot be read.
    let Some((key, before)) = source_key(path, format) else {
        return format.open(path);
    };
    let entry = entry_path(dir, key);
    if let Some(loaded) = load(&entry, key) {
        return Ok(loaded);
    }
    let loaded = format.open(path)?;
    // Kept only if the file did not change while it was converted; a cache that cannot be
    // written (a full disk, a read-only home) costs the next open its speed, nothing else.
    if stamp(path).is_some_and(|after| after == before) {
        let _ = store(dir, &entry, key, &loaded, max);
    }
    Ok(loaded)
}

/// [`open_as`] for a big file read at once (a library book whose id must be checked
/// before it is shown): its stamp is noted too, so that the next open finds the entry
/// without reading the file, and streams it ([`crate::loading`]).
pub fn open_and_remember(path: &Path, format: SourceFormat) -> Result<Loaded, FileError> {
    let Some(entry) = entry(path, format) else {
        return open_as(path, format);
    };
    if let Some(loaded) = entry.load() {
        entry.remember();
        return Ok(loaded);
    }
    let loaded = format.open(path)?;
    entry.keep(&loaded);
    Ok(loaded)
}

/// A source file's place in the cache: found by [`entry`], read in parts by
/// [`Entry::stream`] (the reader shows the first screen from the first frames), written by
/// [`Entry::keep`].
pub struct Entry {
    dir: PathBuf,
    path: PathBuf,
    key: u64,
    before: Stamp,
    source: PathBuf,
    /// The key of the file's stamp (see [`quick_entry`]).
    stat: Option<u64>,
}

/// The entry of the file at `path` read as `format`, when there is a cache directory and
/// the file can be hashed (it may not be in the cache yet). RON files under
/// [`RON_CACHED_FROM`] have none.
pub fn entry(path: &Path, format: SourceFormat) -> Option<Entry> {
    let dir = dir().filter(|_| caches(path, format))?;
    let stat = stat_key(path, format);
    let (key, before) = source_key(path, format)?;
    Some(Entry {
        dir: dir.to_path_buf(),
        path: entry_path(dir, key),
        key,
        before,
        source: path.to_path_buf(),
        stat,
    })
}

/// Where the entry of `key` is kept.
fn entry_path(dir: &Path, key: u64) -> PathBuf {
    dir.join(format!("{key:016x}.{EXT}"))
}

/// Where the stamp of key `stat` is kept.
fn stamp_path(dir: &Path, stat: u64) -> PathBuf {
    dir.join(format!("{stat:016x}.{STAT_EXT}"))
}

/// The extension of a stamp's file: it holds the key of the entry converted from the file
/// with that stamp.
const STAT_EXT: &str = "lstat";

/// The entry of the file at `path` found by its stamp alone (its path, device, inode,
/// length and times, with the build's seed), without reading the file: what lets a big
/// book's first screen cost nothing of its size, as git's index spares it from hashing
/// unchanged files. The stamp is only a guess: the reader hashes the file in the
/// background ([`entry`]) and takes the conversion anew if the keys differ.
pub fn quick_entry(path: &Path, format: SourceFormat) -> Option<Entry> {
    let dir = dir()?;
    let stat = stat_key(path, format)?;
    let key = read_stamp(&stamp_path(dir, stat))?;
    Some(Entry {
        dir: dir.to_path_buf(),
        path: entry_path(dir, key),
        key,
        before: stamp(path)?,
        source: path.to_path_buf(),
        stat: Some(stat),
    })
}

/// The entry key a stamp's file holds: exactly 8 bytes, read from a regular file only (a
/// FIFO in the cache directory must not hang the start).
fn read_stamp(at: &Path) -> Option<u64> {
    let mut bytes = Vec::with_capacity(9);
    crate::diag::open_regular(at)
        .ok()?
        .take(9)
        .read_to_end(&mut bytes)
        .ok()?;
    <[u8; 8]>::try_from(bytes.as_slice())
        .ok()
        .map(u64::from_le_bytes)
}

/// The key of the file's stamp: its canonical path, device, inode, length, modification
/// and change times, seeded as [`source_key`] is.
fn stat_key(path: &Path, format: SourceFormat) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt as _;
    use std::os::unix::fs::MetadataExt as _;
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut h = XxHash3_64::with_seed(build_seed(format));
    h.write(path.canonicalize().ok()?.as_os_str().as_bytes());
    for n in [
        meta.dev(),
        meta.ino(),
        meta.len(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ctime() as u64,
        meta.ctime_nsec() as u64,
    ] {
        h.write(&n.to_le_bytes());
    }
    Some(h.finish())
}

impl Entry {
    /// The entry's first frame and the stream of the rest, if the entry is there and was
    /// written for this file by this lectern; marked as just used.
    pub fn stream(&self) -> Option<(codec::Opened, codec::Stream<BufReader<File>>)> {
        // Regular files only: a FIFO put in the cache must not hang the start.
        let file = crate::diag::open_regular(&self.path).ok()?;
        let _ = file.set_modified(SystemTime::now());
        codec::open(BufReader::with_capacity(256 << 10, file), self.key, true).ok()
    }

    /// The whole entry, if it is there and was written for this file by this lectern.
    pub fn load(&self) -> Option<Loaded> {
        load(&self.path, self.key)
    }

    /// The entry's file (it may not exist yet).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Keeps `loaded`, converted from the file, unless the file changed since it was
    /// hashed; a cache that cannot be written costs the next open its speed, nothing else.
    pub fn keep(&self, loaded: &Loaded) {
        if stamp(&self.source).is_some_and(|after| after == self.before)
            && store(&self.dir, &self.path, self.key, loaded, max_bytes()).is_ok()
        {
            self.remember();
        }
    }

    /// The key: the hash of the file's bytes (and the build), or the one its stamp
    /// recorded, for an entry found by [`quick_entry`] (a guess until the file is hashed).
    pub fn key(&self) -> u64 {
        self.key
    }

    /// Notes the file's stamp, so the next open finds the entry without reading the file.
    pub fn remember(&self) {
        if let Some(stat) = self.stat {
            let at = stamp_path(&self.dir, stat);
            let _ = crate::durable::write(&at, &self.key.to_le_bytes(), false);
        }
    }
}

/// The article whose RON source is `text` (built into lectern: the bundled article), from
/// the cache when this build decoded it before, else parsed with `parse` and kept: decoding
/// costs a fraction of parsing and checking the RON, at every start.
pub fn embedded(
    text: &str,
    parse: impl FnOnce() -> Result<Loaded, FileError>,
) -> Result<Loaded, FileError> {
    let Some(dir) = dir() else {
        return parse();
    };
    let mut h = XxHash3_64::with_seed(build_seed(SourceFormat::Ron));
    h.write(text.as_bytes());
    let key = h.finish();
    let entry = entry_path(dir, key);
    if let Some(loaded) = load(&entry, key) {
        return Ok(loaded);
    }
    let loaded = parse()?;
    let _ = store(dir, &entry, key, &loaded, max_bytes());
    Ok(loaded)
}

/// What tells a file changed between two looks at it: length and modification time.
type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// The key of the file at `path` read as `format`: XXH3-64 of its bytes (read in pieces:
/// the file is never whole in memory here), seeded with the encoding's format, lectern's
/// version, the source format, the model's source ([`SCHEMA`]) and the running build's
/// stamp; and the file's stamp before it was read. `None` for what is not a regular file or is too large.
pub fn source_key(path: &Path, format: SourceFormat) -> Option<(u64, Stamp)> {
    let file = crate::diag::open_regular(path).ok()?;
    let before = stamp(path)?;
    if before.0 > MAX_ARTICLE_BYTES {
        return None;
    }
    let mut hasher = XxHash3_64::with_seed(build_seed(format));
    let mut buf = vec![0u8; 256 << 10];
    let mut file = file.take(MAX_ARTICLE_BYTES + 1);
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.write(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some((std::hash::Hasher::finish(&hasher), before))
}

/// The seed of every key: the encoding's format, lectern's version, the source format, the
/// model's source ([`SCHEMA`]) and the running build's stamp.
fn build_seed(format: SourceFormat) -> u64 {
    // What does not depend on the format is worked out once per process (the model's
    // source is some 100 KB, and a start asks two or three times).
    static BUILD: OnceLock<u64> = OnceLock::new();
    let build = *BUILD.get_or_init(|| {
        let mut seed = XxHash3_64::with_seed(u64::from(codec::FORMAT));
        seed.write(env!("CARGO_PKG_VERSION").as_bytes());
        for source in SCHEMA {
            seed.write(source.as_bytes());
        }
        // The importers change between builds without a new version number (a build from
        // source, a fix): the running executable's size and time tell one build from
        // another.
        if let Some((len, modified)) = std::env::current_exe().ok().and_then(|exe| stamp(&exe)) {
            let nanos = modified
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            seed.write(&len.to_le_bytes());
            seed.write(&nanos.to_le_bytes());
        }
        seed.finish()
    });
    let mut seed = XxHash3_64::with_seed(build);
    // The same bytes read as another format (`a.htm` copied to `a.md`) are another article.
    seed.write(format!("{format:?}").as_bytes());
    seed.finish()
}

/// The entry at `entry`, if it is whole and written for `key` by this lectern; marked as
/// just used.
fn load(entry: &Path, key: u64) -> Option<Loaded> {
    let file = crate::diag::open_regular(entry).ok()?;
    let loaded = codec::decode(&mut BufReader::with_capacity(256 << 10, &file), key, true).ok()?;
    let _ = file.set_modified(SystemTime::now());
    Some(loaded)
}

/// Writes the entry durably and atomically, then trims the directory to `max` bytes.
fn store(dir: &Path, entry: &Path, key: u64, loaded: &Loaded, max: u64) -> io::Result<()> {
    crate::durable::remove_stale_temps(dir);
    crate::durable::write_with(entry, |out| codec::encode(out, key, loaded))?;
    evict(dir, max, entry)
}

/// Removes the entries used least recently until the directory's entries add up to at most
/// `max` bytes; `keep` (the entry just written) stays.
pub fn evict(dir: &Path, max: u64, keep: &Path) -> io::Result<()> {
    let mut entries: Vec<(SystemTime, u64, PathBuf)> = fs::read_dir(dir)?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == EXT))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file().then(|| {
                (
                    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    meta.len(),
                    e.path(),
                )
            })
        })
        .collect();
    let mut total: u64 = entries.iter().map(|e| e.1).sum();
    entries.sort_by_key(|e| e.0);
    for (_, len, path) in entries {
        if total <= max {
            break;
        }
        if path == keep {
            continue;
        }
        if fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
    forget_stale_stamps(dir);
    Ok(())
}

/// The most stamps kept: a file touched often leaves one per touch while its entry lives.
const MAX_STAMPS: usize = 1000;

/// Removes the stamps whose entry is gone (evicted, or never written), and the oldest past
/// [`MAX_STAMPS`] (a stamp is 8 bytes).
fn forget_stale_stamps(dir: &Path) {
    let Ok(read) = fs::read_dir(dir) else {
        return;
    };
    let mut stamps: Vec<(SystemTime, PathBuf)> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == STAT_EXT))
        .map(|p| {
            let t = fs::metadata(&p).and_then(|m| m.modified());
            (t.unwrap_or(SystemTime::UNIX_EPOCH), p)
        })
        .collect();
    stamps.sort();
    let over = stamps.len().saturating_sub(MAX_STAMPS);
    for (i, (_, stamp)) in stamps.into_iter().enumerate() {
        if i < over {
            let _ = fs::remove_file(&stamp);
            continue;
        }
        let key = read_stamp(&stamp);
        let live = key.is_some_and(|k| entry_path(dir, k).is_file());
        if !live {
            let _ = fs::remove_file(&stamp);
        }
    }
}

#[cfg(test)]
mod tests;
