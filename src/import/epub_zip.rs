//! An EPUB's zip container checked before anything trusts it: the number of entries, the
//! uncompressed size the central directory reports and the bytes actually inflated are
//! capped, and an encrypted book is refused. The text members (XHTML, OPF, NCX, XML) are
//! kept, inflated once, for the chapters.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::Arc;

use crate::diag::{Diagnostic, Pos};

/// At most this many entries in a book.
pub const MAX_ENTRIES: usize = 10_000;

/// At most this many bytes once inflated, all entries together (images included).
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;

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

/// [`check`] with other caps (the tests' are small).
pub(super) fn check_with(data: &Arc<[u8]>, limits: Limits) -> Result<Members, Diagnostic> {
    let mut archive = zip::ZipArchive::new(Cursor::new(Arc::clone(data))).map_err(|e| {
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
    }
    if reported > limits.inflated {
        return Err(too_big(limits));
    }
    let mut members = Members::new();
    let mut inflated: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::UnsupportedArchive(why)) if why.contains("assword") => {
                return Err(encrypted());
            }
            Err(e) => return Err(error(format!("zip entry {i} cannot be read: {e}"))),
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let keep = is_text_member(&name);
        let mut bytes = Vec::new();
        let budget = limits.inflated.saturating_sub(inflated);
        let read = if keep {
            (&mut entry).take(budget + 1).read_to_end(&mut bytes)
        } else {
            std::io::copy(&mut (&mut entry).take(budget + 1), &mut std::io::sink())
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        };
        let read = read.map_err(|e| {
            error(format!("this member cannot be inflated: {e}")).in_member(name.clone())
        })?;
        inflated = inflated.saturating_add(read as u64);
        if inflated > limits.inflated {
            return Err(too_big(limits));
        }
        if keep {
            members.insert(name, bytes);
        }
    }
    if !members.contains_key("META-INF/container.xml") {
        return Err(error("not an EPUB: the zip has no META-INF/container.xml"));
    }
    if members.contains_key("META-INF/rights.xml") || is_drm(members.get("META-INF/encryption.xml"))
    {
        return Err(encrypted());
    }
    Ok(members)
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
        let quote = rest.chars().next().unwrap_or('"');
        let value = rest[quote.len_utf8()..]
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
