//! An EPUB's zip container checked before anything trusts it: the number of entries, the
//! uncompressed size the central directory reports and the bytes actually inflated are
//! capped, and an encrypted book is refused. The text members (XHTML, OPF, NCX, XML) are
//! kept, inflated once, for the chapters.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};
use std::sync::Arc;

use crate::diag::{Diagnostic, Pos};

/// At most this many entries in a book.
pub const MAX_ENTRIES: usize = 10_000;

/// At most this many bytes once inflated, all entries together (images included).
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;

/// The most of `META-INF/encryption.xml` that [`Lazy`] inflates.
const MAX_SMALL_MEMBER: u64 = 1 << 20;

/// Font obfuscation, which an EPUB may use without being encrypted for reading.
const FONT_OBFUSCATION: [&str; 2] = [
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

/// The text members of a checked book, by path inside the zip.
pub(super) type Members = HashMap<String, Vec<u8>>;

fn error(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Pos { line: 1, col: 1 }, message)
}

/// The caps a book's zip is held to.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    /// Entries at most.
    pub entries: usize,
    /// Bytes inflated at most, all entries together.
    pub inflated: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            entries: MAX_ENTRIES,
            inflated: MAX_INFLATED_BYTES,
        }
    }
}

/// Checks the zip in `data` and inflates its text members.
pub(super) fn check(data: &Arc<[u8]>) -> Result<Members, Diagnostic> {
    check_with(data, Limits::default())
}

/// Opens the zip `source` and holds it to `limits` as far as its central directory tells.
fn open<R: Read + Seek>(source: R, limits: Limits) -> Result<zip::ZipArchive<R>, Diagnostic> {
    let mut archive = zip::ZipArchive::new(source).map_err(|e| {
        error(format!(
            "not an EPUB: the file is not a readable zip archive ({e})"
        ))
    })?;
    if archive.len() > limits.entries {
        return Err(error(format!(
            "the book has {} zip entries, more than the {} lectern reads (a zip bomb?); it is not read",
            archive.len(),
            limits.entries
        )));
    }
    let mut reported: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| error(format!("zip entry {i} cannot be read: {e}")))?;
        reported = reported.saturating_add(entry.size());
        // Refused from the directory, whichever members are read later: a preview reads
        // only a few, and must not show a book the whole conversion then refuses.
        if entry.encrypted() {
            return Err(encrypted());
        }
        let method = entry.compression();
        if !matches!(
            method,
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ) {
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            return Err(error(format!(
                "zip entry {i} is compressed with {method:?}, which lectern cannot inflate (only stored and deflated entries are read)"
            ))
            .in_member(name));
        }
    }
    if reported > limits.inflated {
        return Err(too_big(limits));
    }
    Ok(archive)
}

/// Inflates `entry` (into `bytes` if `keep`, else counting only), at most `budget` bytes
/// and one more, so that a caller sees it went over; returns how many it inflated.
fn inflate(
    entry: &mut impl Read,
    name: &str,
    budget: u64,
    keep: Option<&mut Vec<u8>>,
) -> Result<u64, Diagnostic> {
    let read = match keep {
        Some(bytes) => entry
            .take(budget.saturating_add(1))
            .read_to_end(bytes)
            .map(|n| n as u64),
        None => std::io::copy(
            &mut entry.take(budget.saturating_add(1)),
            &mut std::io::sink(),
        ),
    };
    read.map_err(|e| error(format!("this member cannot be inflated: {e}")).in_member(name))
}

/// Opens a zip entry, telling an encrypted one (a password) from a broken one.
fn entry_error(i: impl std::fmt::Display, e: zip::result::ZipError) -> Diagnostic {
    match e {
        zip::result::ZipError::UnsupportedArchive(why) if why.contains("assword") => encrypted(),
        e => error(format!("zip entry {i} cannot be read: {e}")),
    }
}

/// [`check`] with other caps (the tests' are small).
pub(super) fn check_with(data: &Arc<[u8]>, limits: Limits) -> Result<Members, Diagnostic> {
    let mut archive = open(Cursor::new(Arc::clone(data)), limits)?;
    let mut members = Members::new();
    let mut inflated: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| entry_error(i, e))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut bytes = Vec::new();
        let budget = limits.inflated.saturating_sub(inflated);
        let keep = is_text_member(&name).then_some(&mut bytes);
        let kept = keep.is_some();
        inflated = inflated.saturating_add(inflate(&mut entry, &name, budget, keep)?);
        if inflated > limits.inflated {
            return Err(too_big(limits));
        }
        if kept {
            members.insert(name, bytes);
        }
    }
    refuse(
        members.contains_key("META-INF/container.xml"),
        members.contains_key("META-INF/rights.xml"),
        members.get("META-INF/encryption.xml"),
    )?;
    Ok(members)
}

/// Refuses a zip that is not an EPUB (no container) or is encrypted (a rights file, or an
/// encryption file that encrypts more than fonts).
fn refuse(
    has_container: bool,
    has_rights: bool,
    encryption: Option<&Vec<u8>>,
) -> Result<(), Diagnostic> {
    if !has_container {
        return Err(error("not an EPUB: the zip has no META-INF/container.xml"));
    }
    if has_rights || is_drm(encryption) {
        return Err(encrypted());
    }
    Ok(())
}

/// A book's zip whose members are inflated one by one as they are asked for, within the
/// same caps as [`check`]: what a preview of the first chapters reads, without inflating
/// the rest of the book.
pub(super) struct Lazy<R> {
    archive: zip::ZipArchive<R>,
    limits: Limits,
    inflated: u64,
}

impl<R: Read + Seek> Lazy<R> {
    /// Opens the zip `source`, holds it to the caps its central directory can be held to,
    /// and refuses an encrypted book. Only the central directory is read.
    pub(super) fn open(source: R, limits: Limits) -> Result<Lazy<R>, Diagnostic> {
        let archive = open(source, limits)?;
        let mut lazy = Lazy {
            archive,
            limits,
            inflated: 0,
        };
        let has = |name: &str| lazy.archive.index_for_name(name).is_some();
        let (container, rights) = (has("META-INF/container.xml"), has("META-INF/rights.xml"));
        let encryption = match (container, rights) {
            (true, false) => lazy.read("META-INF/encryption.xml", MAX_SMALL_MEMBER)?,
            _ => None,
        };
        refuse(container, rights, encryption.as_ref())?;
        Ok(lazy)
    }

    /// The member at `name`, inflated; `None` if the zip has no such member. One that
    /// says it inflates to more than `most` bytes is an error before anything is
    /// inflated, and is not inflated past that either.
    pub(super) fn read(&mut self, name: &str, most: u64) -> Result<Option<Vec<u8>>, Diagnostic> {
        let Some(i) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let mut entry = self.archive.by_index(i).map_err(|e| entry_error(name, e))?;
        if entry.size() > most {
            return Err(error(format!(
                "this member inflates to {} bytes, more than the {most} read here",
                entry.size()
            ))
            .in_member(name));
        }
        let mut bytes = Vec::new();
        // The running count is a second guard: the zip crate stops a member at the size
        // it declares, and the declared sizes are capped together when the zip is opened.
        let budget = self.limits.inflated.saturating_sub(self.inflated).min(most);
        let read = inflate(&mut entry, name, budget, Some(&mut bytes))?;
        self.inflated = self.inflated.saturating_add(read);
        if self.inflated > self.limits.inflated {
            return Err(too_big(self.limits));
        }
        if read > most {
            return Err(
                error(format!("this member inflates to more than {most} bytes")).in_member(name),
            );
        }
        Ok(Some(bytes))
    }

    /// The member at `name`, inflated, if it is a text member (as [`check`] keeps) of at
    /// most `most` bytes; `None` if it is missing, larger or cannot be read.
    pub(super) fn take(&mut self, name: &str, most: u64) -> Option<Vec<u8>> {
        if !is_text_member(name) {
            return None;
        }
        self.read(name, most).ok().flatten()
    }

    /// The largest size the directory declares for a member whose name `matches`.
    pub(super) fn largest(&mut self, matches: impl Fn(&str) -> bool) -> u64 {
        let mut largest = 0;
        for i in 0..self.archive.len() {
            if let Ok(e) = self.archive.by_index_raw(i)
                && e.name().is_ok_and(|n| matches(&n))
            {
                largest = largest.max(e.size());
            }
        }
        largest
    }
}

fn too_big(limits: Limits) -> Diagnostic {
    error(format!(
        "the book inflates to more than {} bytes, the most lectern reads (a zip bomb?); it is not read",
        limits.inflated
    ))
}

fn encrypted() -> Diagnostic {
    error("this book is encrypted (DRM); lectern cannot read it")
}

/// Members kept for reading: chapters, the package, the navigation.
fn is_text_member(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xhtml", ".html", ".htm", ".xml", ".opf", ".ncx"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Whether `encryption.xml` encrypts anything with more than font obfuscation.
fn is_drm(encryption: Option<&Vec<u8>>) -> bool {
    let Some(xml) = encryption else {
        return false;
    };
    let text = String::from_utf8_lossy(xml);
    let mut rest = text.as_ref();
    let mut any = false;
    while let Some(i) = rest.find("Algorithm=") {
        rest = &rest[i + "Algorithm=".len()..];
        // `Algorithm=` may end the file: nothing after it (an empty value is no font
        // obfuscation, so the book is refused).
        let quote = rest.chars().next().unwrap_or('"');
        let value = rest
            .get(quote.len_utf8()..)
            .unwrap_or_default()
            .split(quote)
            .next()
            .unwrap_or_default();
        any = true;
        if !FONT_OBFUSCATION.contains(&value.trim()) {
            return true;
        }
    }
    // An encryption file that names no algorithm cannot be told harmless.
    !any && text.contains("EncryptedData")
}
