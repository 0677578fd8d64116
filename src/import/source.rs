//! The one entry for article sources: which format a file is in, told by its first bytes and
//! its extension, and the loader of each format. The reader, `lectern print`, `check` and
//! `import` all open files through here.
//!
//! Every format recognised is read: RON, Markdown, EPUB, saved web pages and PDF.

use std::io::Read as _;
use std::path::Path;

use crate::diag::{Diagnostic, FileError, read_text_file};
use crate::model::load::{self, Loaded, MAX_ARTICLE_BYTES};

/// How many bytes of a file [`SourceFormat::sniff`] reads to tell its format.
pub const SNIFF_BYTES: u64 = 512;

/// The formats an article may come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum SourceFormat {
    /// lectern's own article format (`docs/FORMAT.md`).
    Ron,
    /// A Markdown text (`.md`, `.markdown`).
    Markdown,
    /// An EPUB book: a zip whose first entry, `mimetype`, says `application/epub+zip`.
    Epub,
    /// A saved web page.
    Html,
    /// A PDF document (`%PDF-`).
    Pdf,
}

impl SourceFormat {
    /// The format of the file at `path` whose first bytes are `head` (at most a few hundred
    /// are needed). A format's signature in the content wins over the extension; a file with
    /// neither a signature nor a known extension is RON when it starts like RON (a struct
    /// name and `(`, after comments), else Markdown.
    pub fn detect(path: &Path, head: &[u8]) -> Self {
        Self::from_signature(head)
            .or_else(|| Self::from_extension(path))
            .unwrap_or_else(|| {
                if looks_like_ron(head) {
                    SourceFormat::Ron
                } else {
                    SourceFormat::Markdown
                }
            })
    }

    /// The format of the file at `path`, from at most [`SNIFF_BYTES`] of it. Only a regular
    /// file is read (a pipe's bytes would be lost to the loader); one that cannot be read is
    /// told by its extension, and its loader reports why it cannot be read.
    pub fn sniff(path: &Path) -> Self {
        let mut head = Vec::new();
        // A device or FIFO is refused later with its own message; it is never read here.
        if let Ok(file) = crate::diag::open_regular(path)
            && file.take(SNIFF_BYTES).read_to_end(&mut head).is_err()
        {
            head.clear();
        }
        Self::detect(path, &head)
    }

    /// The format a file's extension names, in any case.
    pub fn from_extension(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ron" => SourceFormat::Ron,
            "md" | "markdown" => SourceFormat::Markdown,
            "epub" => SourceFormat::Epub,
            "html" | "htm" | "xhtml" => SourceFormat::Html,
            "pdf" => SourceFormat::Pdf,
            _ => return None,
        })
    }

    /// The format whose signature `head` starts with: a zip whose first entry is a
    /// `mimetype` of `application/epub+zip`, `%PDF-`, or an HTML doctype or `<html` tag.
    pub fn from_signature(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"%PDF-") {
            return Some(SourceFormat::Pdf);
        }
        if is_epub(head) {
            return Some(SourceFormat::Epub);
        }
        let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let text = text.trim_ascii_start();
        let starts = |tag: &[u8]| {
            text.get(..tag.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(tag))
                && text
                    .get(tag.len())
                    .is_some_and(|&b| b == b'>' || b.is_ascii_whitespace())
        };
        (starts(b"<!doctype html") || starts(b"<html")).then_some(SourceFormat::Html)
    }

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Ron => "RON",
            SourceFormat::Markdown => "Markdown",
            SourceFormat::Epub => "EPUB",
            SourceFormat::Html => "HTML",
            SourceFormat::Pdf => "PDF",
        }
    }

    /// Whether this lectern can read the format.
    pub fn is_supported(self) -> bool {
        matches!(
            self,
            SourceFormat::Ron
                | SourceFormat::Markdown
                | SourceFormat::Html
                | SourceFormat::Epub
                | SourceFormat::Pdf
        )
    }

    /// Reads and validates the article at `path`, in this format.
    pub fn open(self, path: &Path) -> Result<Loaded, FileError> {
        match self {
            SourceFormat::Ron => load::load_file(path),
            SourceFormat::Markdown => super::load_markdown_file(path),
            SourceFormat::Html => super::load_html_file(path),
            SourceFormat::Epub => super::load_epub_file(path),
            SourceFormat::Pdf => super::pdf::load_pdf_file(path),
        }
    }

    /// [`SourceFormat::open`], telling `progress` how far it is where the format can
    /// (the pages of a PDF: done, and in all).
    pub fn open_reporting(
        self,
        path: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Loaded, FileError> {
        match self {
            SourceFormat::Pdf => super::pdf::load_pdf_reporting(path, progress),
            other => other.open(path),
        }
    }

    /// Like [`SourceFormat::open`], with `lectern check`'s extra warnings (a glossary entry
    /// that never occurs in the text).
    pub fn check(self, path: &Path) -> Result<Loaded, FileError> {
        let located = |diagnostics| FileError {
            path: path.display().to_string(),
            diagnostics,
        };
        match self {
            SourceFormat::Ron => {
                let text = read_text_file(path, MAX_ARTICLE_BYTES)?;
                check_ron_text(&text).map_err(located)
            }
            SourceFormat::Markdown => {
                let text = read_text_file(path, MAX_ARTICLE_BYTES)?;
                // The importer adds its own unused-entry warnings, at Markdown positions.
                super::check_markdown(&text).map_err(located)
            }
            SourceFormat::Html => super::load_html_file(path),
            SourceFormat::Epub => super::load_epub_file(path),
            // A PDF has no glossary to check: `check` is the import itself.
            SourceFormat::Pdf => super::pdf::load_pdf_file(path),
        }
    }
}

/// Reads and validates the article at `path`, in the format [`SourceFormat::sniff`] tells.
pub fn open(path: &Path) -> Result<Loaded, FileError> {
    SourceFormat::sniff(path).open(path)
}

/// Like [`open`], with `lectern check`'s extra warnings.
pub fn check(path: &Path) -> Result<Loaded, FileError> {
    SourceFormat::sniff(path).check(path)
}

/// Parses a RON article with `lectern check`'s extra warnings.
pub fn check_ron_text(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    load::parse(text).map(|mut loaded| {
        let unused = load::unused_glossary_warnings(text, &loaded.doc);
        loaded.warnings.extend(unused);
        loaded
    })
}

/// Whether `head` is the start of a zip whose first entry is a `mimetype` file holding
/// `application/epub+zip`, as the EPUB container format requires (stored, uncompressed).
fn is_epub(head: &[u8]) -> bool {
    const NAME: &[u8] = b"mimetype";
    const MIME: &[u8] = b"application/epub+zip";
    let Some(header) = head.get(..30).filter(|h| h.starts_with(b"PK\x03\x04")) else {
        return false;
    };
    let le16 = |at: usize| usize::from(u16::from_le_bytes([header[at], header[at + 1]]));
    let (name_len, extra_len) = (le16(26), le16(28));
    let data = 30 + name_len + extra_len;
    head.get(30..30 + name_len) == Some(NAME) && head.get(data..data + MIME.len()) == Some(MIME)
}

/// The name before the first `(` of a RON text that is not in a comment or an attribute,
/// if any.
pub(crate) fn outer_name(text: &str) -> Option<&str> {
    let rest = skip_ron_trivia(text);
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    (end > 0).then_some(&rest[..end])
}

/// `text` after leading whitespace, comments and `#![...]` attributes.
fn skip_ron_trivia(text: &str) -> &str {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if rest.starts_with("#!") {
            rest = rest.split_once(']').map_or("", |(_, after)| after);
        } else {
            return rest;
        }
    }
}

/// Whether a text of no known extension starts like RON: a struct name (or nothing) and
/// `(`. What cannot be told (nothing but comments in `head`) counts as RON, as every such
/// file was read before Markdown was told by content.
fn looks_like_ron(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    // A cut in the middle of a character only loses the end of the prefix.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    let rest = skip_ron_trivia(text);
    let name_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let after = rest[name_end..].trim_start();
    after.is_empty() || after.starts_with('(')
}

#[cfg(test)]
mod tests {
    use super::SourceFormat::{self, Epub, Html, Markdown, Pdf, Ron};
    use std::path::Path;

    /// The first bytes of a zip whose first entry is a stored `mimetype` file.
    pub(crate) fn epub_head() -> Vec<u8> {
        let mut out = b"PK\x03\x04".to_vec();
        out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method 0, time, date
        out.extend([0; 12]); // crc, sizes (not read)
        out.extend(8u16.to_le_bytes()); // name length
        out.extend(0u16.to_le_bytes()); // extra length
        out.extend(b"mimetype");
        out.extend(b"application/epub+zip");
        out
    }

    fn detect(name: &str, head: &[u8]) -> SourceFormat {
        SourceFormat::detect(Path::new(name), head)
    }

    #[test]
    fn the_extension_tells_when_the_content_has_no_signature() {
        assert_eq!(detect("a.ron", b"# Title"), Ron);
        assert_eq!(detect("a.MD", b"Article("), Markdown);
        assert_eq!(detect("a.markdown", b""), Markdown);
        assert_eq!(detect("a.epub", b"text"), Epub);
        assert_eq!(detect("a.htm", b"text"), Html);
        assert_eq!(detect("a.pdf", b""), Pdf);
    }

    #[test]
    fn a_signature_wins_over_the_extension() {
        assert_eq!(detect("a.md", b"%PDF-1.7\n"), Pdf);
        assert_eq!(detect("a.ron", b"<!DOCTYPE html>\n<html>"), Html);
        assert_eq!(detect("a.ron", b"\xef\xbb\xbf  \n<html lang=en>"), Html);
        assert_eq!(detect("a.txt", b"<HTML>"), Html);
        assert_eq!(detect("a.md", &epub_head()), Epub);
        // Not signatures: a zip of something else, an HTML-ish word, PDF later in the text.
        let mut zip = epub_head();
        zip[30] = b'M';
        assert_eq!(detect("a.md", &zip), Markdown);
        assert_eq!(detect("a.md", b"<htmlish>"), Markdown);
        assert_eq!(detect("a.ron", b" %PDF-"), Ron);
    }

    #[test]
    fn an_unknown_extension_falls_back_to_ron_or_markdown_by_content() {
        assert_eq!(detect("article", b"Article(\n  format: 1,"), Ron);
        assert_eq!(
            detect("a.txt", b"// about\n/* x */ #![enable(implicit_some)]\n("),
            Ron
        );
        assert_eq!(detect("a.txt", b"Article ("), Ron);
        assert_eq!(detect("a.txt", b"// only a comment"), Ron);
        assert_eq!(detect("a.txt", b""), Ron);
        assert_eq!(detect("a.txt", b"# The Water Cycle\n\nText."), Markdown);
        assert_eq!(detect("notes", b"Water moves (mostly) downhill."), Markdown);
        assert_eq!(
            detect("a.txt", b"\xef\xbb\xbf---\ntitle: x\n---\n"),
            Markdown
        );
    }

    proptest::proptest! {
        #[test]
        fn detection_never_panics_and_a_signature_wins(
            head in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
            name in "[a-z]{0,3}(\\.(ron|md|epub|html|pdf|txt|))?",
        ) {
            let format = detect(&name, &head);
            if let Some(signed) = SourceFormat::from_signature(&head) {
                proptest::prop_assert_eq!(format, signed);
            }
        }
    }

    #[test]
    fn every_format_is_supported() {
        let supported: Vec<_> = <SourceFormat as strum::IntoEnumIterator>::iter()
            .filter(|f| f.is_supported())
            .collect();
        assert_eq!(supported, [Ron, Markdown, Epub, Html, Pdf]);
    }
}
