//! Diagnostics with a file position, printed as `path:line:col: message`, and the reading of
//! text files that every loader shares (size limit, UTF-8, emptiness).

use std::fmt;
use std::fs::File;
use std::io::Read as _;
use std::path::Path;

pub use crate::model::locate::Pos;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file is rejected.
    Error,
    /// The file loads, but something deserves a look.
    Warning,
}

/// A problem at a position in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where.
    pub pos: Pos,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The member of a multi-file source it is in (`OEBPS/ch03.xhtml` of an EPUB), shown
    /// between the file's path and the position; `None` for a one-file source.
    pub member: Option<String>,
}

impl Diagnostic {
    /// An error at `pos`.
    pub fn error(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            severity: Severity::Error,
            message: message.into(),
            member: None,
        }
    }

    /// A warning at `pos`.
    pub fn warning(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            severity: Severity::Warning,
            message: message.into(),
            member: None,
        }
    }

    /// The same diagnostic, placed in `member` of a multi-file source.
    pub fn in_member(self, member: impl Into<String>) -> Self {
        Diagnostic {
            member: Some(member.into()),
            ..self
        }
    }

    /// Renders as `path:line:col: message` (`path:member:line:col: message` inside a member
    /// of a multi-file source; `message: path` for [`WHOLE_FILE`]; `warning: ` before a
    /// warning's message), with control
    /// characters in the path, the member and the message made visible.
    pub fn display<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        struct Shown<'a>(&'a Diagnostic, &'a str);
        impl fmt::Display for Shown<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let d = self.0;
                let kind = match d.severity {
                    Severity::Error => "",
                    Severity::Warning => "warning: ",
                };
                // A file name can hold control characters as well as a message can.
                let path = crate::sanitize::clean_line(self.1);
                let msg = crate::sanitize::clean_line(&d.message);
                if d.pos == WHOLE_FILE {
                    return write!(f, "{kind}{msg}: {path}");
                }
                write!(f, "{path}:")?;
                if let Some(member) = &d.member {
                    write!(f, "{}:", crate::sanitize::clean_line(member))?;
                }
                write!(f, "{}:{}: {kind}{msg}", d.pos.line, d.pos.col)
            }
        }
        Shown(self, path)
    }
}

/// A file that could not be used, with every diagnostic found in it.
#[derive(Debug, thiserror::Error)]
pub struct FileError {
    /// The path as the user gave it.
    pub path: String,
    /// What is wrong, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileError {
    /// A file error with one diagnostic.
    pub fn one(path: &str, pos: Pos, message: impl Into<String>) -> Self {
        FileError {
            path: path.to_owned(),
            diagnostics: vec![Diagnostic::error(pos, message)],
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", d.display(&self.path))?;
        }
        Ok(())
    }
}

const START: Pos = Pos { line: 1, col: 1 };

/// The position of a diagnostic about the file as a whole, not a place in it (a file that
/// does not exist): shown as `message: path`.
pub const WHOLE_FILE: Pos = Pos { line: 0, col: 0 };

/// Reads a whole text file, refusing files over `limit` bytes. The limit holds for the
/// bytes actually read, not for the size the file reports (a `/proc` file reports 0).
pub fn read_text_file(path: &Path, limit: u64) -> Result<String, FileError> {
    let shown = path.display().to_string();
    let mut reader = open_text_file(path, limit)?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(&shown, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(&shown, None, limit));
    }
    decode_text(&shown, bytes)
}

/// Reads a whole file as bytes (a saved page in any encoding, a zip), refusing files over
/// `limit` bytes and empty ones; the limit holds for the bytes actually read.
pub fn read_file_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    let shown = path.display().to_string();
    let mut reader = open_text_file(path, limit)?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(&shown, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(&shown, None, limit));
    }
    if bytes.trim_ascii().is_empty() {
        return Err(empty_file(&shown));
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file of at most `limit` bytes, and returns
/// a reader that stops one byte past the limit, so a caller that reads more than `limit`
/// bytes knows the file is too big without reading the rest.
///
/// Devices, FIFOs and sockets are refused: they report no size, may never end
/// (`/dev/zero`), and opening a FIFO waits for a writer. The file is opened without
/// waiting and checked through the open handle, so a file swapped in between cannot slip
/// past.
pub fn open_text_file(path: &Path, limit: u64) -> Result<std::io::Take<File>, FileError> {
    let shown = path.display().to_string();
    let file = open_regular(path)?;
    let len = file.metadata().map_err(|e| cannot_read(&shown, e))?.len();
    if len > limit {
        return Err(too_big(&shown, Some(len), limit));
    }
    Ok(file.take(limit.saturating_add(1)))
}

/// Opens `path` for reading if it is a regular file (see [`open_text_file`]); the caller
/// caps what it reads.
pub fn open_regular(path: &Path) -> Result<File, FileError> {
    let shown = path.display().to_string();
    let file = open_no_wait(path).map_err(|e| cannot_read(&shown, e))?;
    let meta = file.metadata().map_err(|e| cannot_read(&shown, e))?;
    if let Some(kind) = not_regular(&meta) {
        return Err(FileError::one(&shown, START, kind));
    }
    Ok(file)
}

/// Opens for reading without blocking on a FIFO and without taking a terminal as the
/// controlling one.
#[cfg(unix)]
fn open_no_wait(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_wait(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Why a file that is not a regular file cannot be read, or `None` for a regular file.
pub fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("is a directory, not a file");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if ft.is_char_device() {
            return Some("is a character device (like /dev/zero), not a regular file");
        }
        if ft.is_block_device() {
            return Some("is a block device, not a regular file");
        }
        if ft.is_fifo() {
            return Some("is a FIFO (named pipe), not a regular file; save it to a file first");
        }
        if ft.is_socket() {
            return Some("is a socket, not a regular file");
        }
    }
    Some("is not a regular file")
}

/// Checks that `path` is a regular file of at most `limit` bytes, before reading it.
pub fn check_text_file(path: &Path, limit: u64) -> Result<(), FileError> {
    open_text_file(path, limit).map(drop)
}

/// The error for a file past the size limit: `size` is what the file reports, `None` when
/// the limit was found by reading.
pub fn too_big(path: &str, size: Option<u64>, limit: u64) -> FileError {
    let size = match size {
        Some(n) => format!("file is {n} bytes"),
        None => format!("file is more than {limit} bytes"),
    };
    let mib = if limit >= 1 << 20 {
        format!(" ({} MiB)", limit >> 20)
    } else {
        String::new()
    };
    FileError::one(
        path,
        START,
        format!("{size}; the limit is {limit} bytes{mib}"),
    )
}

/// The error for a file that cannot be read.
pub fn cannot_read(path: &str, e: std::io::Error) -> FileError {
    if e.kind() == std::io::ErrorKind::NotFound {
        return FileError::one(path, WHOLE_FILE, "no such file");
    }
    FileError::one(path, START, format!("cannot read: {e}"))
}

/// The error for a file of nothing but whitespace.
pub fn empty_file(path: &str) -> FileError {
    FileError::one(path, START, "file is empty")
}

/// The error for a byte that is not UTF-8, at byte `offset` of the file; `line` is its line
/// (from 1) and `before` the text of that line before it.
pub fn invalid_utf8(path: &str, offset: usize, line: usize, before: &str) -> FileError {
    FileError::one(
        path,
        Pos {
            line,
            col: before.chars().count() + 1,
        },
        format!("invalid UTF-8 at byte offset {offset}: the file must be UTF-8 text"),
    )
}

/// Checks that `bytes` are UTF-8 text with something in it.
pub fn decode_text(path: &str, bytes: Vec<u8>) -> Result<String, FileError> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.trim().is_empty() {
                Err(empty_file(path))
            } else {
                Ok(text)
            }
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            // Everything before the offset is valid UTF-8.
            let good = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
            let line_start = good.rfind('\n').map_or(0, |i| i + 1);
            let line = good.bytes().filter(|&b| b == b'\n').count() + 1;
            Err(invalid_utf8(path, offset, line, &good[line_start..]))
        }
    }
}

/// An article's warnings for the notice at the start: the first twelve, and how many more.
pub fn warning_lines(warnings: &[Diagnostic], shown: &str) -> Vec<String> {
    const SHOWN: usize = 12;
    let mut lines: Vec<String> = warnings
        .iter()
        .take(SHOWN)
        .map(|w| w.display(shown).to_string())
        .collect();
    if warnings.len() > SHOWN {
        lines.push(format!(
            "… and {} more warnings: lectern check {shown} lists them all",
            warnings.len() - SHOWN
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_and_position() {
        let err = decode_text("f.ron", b"ab\ncd\xffe".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.ron:2:3: invalid UTF-8 at byte offset 5: the file must be UTF-8 text"
        );
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        for blank in ["", "  \n\t"] {
            let err = decode_text("e.ron", blank.as_bytes().to_vec()).unwrap_err();
            assert_eq!(err.to_string(), "e.ron:1:1: file is empty");
        }
    }

    #[test]
    fn messages_cannot_carry_escape_sequences() {
        let d = Diagnostic::error(START, "bad \u{1b}[2J value");
        assert_eq!(d.display("x").to_string(), "x:1:1: bad ␛[2J value");
        assert_eq!(
            d.display("a\u{7}.ron").to_string(),
            "a␇.ron:1:1: bad ␛[2J value"
        );
    }

    #[test]
    fn a_diagnostic_can_name_a_member_of_a_multi_file_source() {
        let d = Diagnostic::warning(Pos { line: 12, col: 5 }, "unclosed <p>")
            .in_member("OEBPS/ch03.xhtml");
        assert_eq!(
            d.display("book.epub").to_string(),
            "book.epub:OEBPS/ch03.xhtml:12:5: warning: unclosed <p>"
        );
        let err = FileError {
            path: "book.epub".to_owned(),
            diagnostics: vec![
                Diagnostic::error(START, "no spine").in_member("OEBPS/content.opf"),
                Diagnostic::error(Pos { line: 2, col: 1 }, "bad \u{1b} byte")
                    .in_member("a\u{7}.xhtml"),
            ],
        };
        assert_eq!(
            err.to_string(),
            "book.epub:OEBPS/content.opf:1:1: no spine\nbook.epub:a␇.xhtml:2:1: bad ␛ byte"
        );
    }
}
