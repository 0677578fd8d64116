//! Diagnostics with a file position, printed as `path:line:col: message`, and the reading of
//! text files that every loader shares (size limit, UTF-8, emptiness).

use std::fmt;
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
}

impl Diagnostic {
    /// An error at `pos`.
    pub fn error(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning at `pos`.
    pub fn warning(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// Renders as `path:line:col: message` (`warning: ` before a warning's message), with
    /// control characters in the path and the message made visible.
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
                write!(f, "{path}:{}:{}: {kind}{msg}", d.pos.line, d.pos.col)
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

/// Reads a whole text file, refusing files over `limit` bytes.
pub fn read_text_file(path: &Path, limit: u64) -> Result<String, FileError> {
    let shown = path.display().to_string();
    let io_error = |e: std::io::Error| FileError::one(&shown, START, format!("cannot read: {e}"));
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(FileError::one(&shown, START, "is a directory, not a file"));
    }
    if meta.len() > limit {
        return Err(FileError::one(
            &shown,
            START,
            format!(
                "file is {} bytes; the limit is {} bytes ({} MiB)",
                meta.len(),
                limit,
                limit >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::one(
            &shown,
            START,
            "file grew past the size limit",
        ));
    }
    decode_text(&shown, bytes)
}

/// Checks that `bytes` are UTF-8 text with something in it.
pub fn decode_text(path: &str, bytes: Vec<u8>) -> Result<String, FileError> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.trim().is_empty() {
                Err(FileError::one(path, START, "file is empty"))
            } else {
                Ok(text)
            }
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let map = crate::model::locate::SourceMap::positions_only(&good);
            Err(FileError::one(
                path,
                map.pos_at(offset),
                format!("invalid UTF-8 at byte offset {offset}: the file must be UTF-8 text"),
            ))
        }
    }
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
}
