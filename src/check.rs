//! `lectern check`: validates a file of any kind lectern reads.

use std::path::Path;

use crate::diag::{Diagnostic, FileError, read_text_file};
use crate::import::source::{SourceFormat, check_ron_text, outer_name};
use crate::model::load::{self, Loaded};

/// What a valid file holds, and its warnings.
#[derive(Debug)]
pub struct Report {
    /// One line about the contents, such as "article, 31 paragraphs".
    pub summary: String,
    /// Problems that do not make the file invalid.
    pub warnings: Vec<Diagnostic>,
}

/// What a RON file holds, told by the name of its outer struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `Article(...)`.
    Article,
    /// `Keymap(...)`.
    Keymap,
    /// `Notes(...)`.
    Notes,
    /// `Config(...)`: the saved settings.
    Config,
}

/// Tells the kind of a RON file from its outer struct name, else from where it lives.
pub fn kind_of(path: &Path, text: &str) -> FileKind {
    match outer_name(text) {
        Some("Keymap") => FileKind::Keymap,
        Some("Article") => FileKind::Article,
        Some("Notes") => FileKind::Notes,
        Some("Config") => FileKind::Config,
        _ if path.file_name().is_some_and(|n| n == "config.ron") => FileKind::Config,
        _ if path.components().any(|c| c.as_os_str() == "keymaps")
            || path.file_name().is_some_and(|n| n == "keymap.ron") =>
        {
            FileKind::Keymap
        }
        _ => FileKind::Article,
    }
}

/// Validates one file: an article in any format [`SourceFormat`] tells, or a RON keymap or
/// notes file.
pub fn check_file(path: &Path) -> Result<Report, FileError> {
    let format = SourceFormat::sniff(path);
    if format != SourceFormat::Ron {
        return Ok(article_report(format.check(path)?));
    }
    let text = read_text_file(path, load::MAX_ARTICLE_BYTES)?;
    let shown = path.display().to_string();
    if let Some(message) = not_checked(path, &text) {
        return Err(FileError::one(
            &shown,
            crate::diag::Pos { line: 1, col: 1 },
            message,
        ));
    }
    // The kind is known only from the text: a smaller limit is applied once it is.
    let kind = kind_of(path, &text);
    let limit = match kind {
        FileKind::Keymap => crate::keymap::MAX_KEYMAP_BYTES,
        FileKind::Notes => crate::notes::MAX_NOTES_BYTES,
        FileKind::Config => crate::config::MAX_CONFIG_BYTES,
        FileKind::Article => load::MAX_ARTICLE_BYTES,
    };
    if text.len() as u64 > limit {
        return Err(FileError::one(
            &shown,
            crate::diag::Pos { line: 1, col: 1 },
            format!(
                "file is {} bytes; the limit is {limit} bytes ({} MiB)",
                text.len(),
                limit >> 20
            ),
        ));
    }
    if kind == FileKind::Config {
        let file = crate::config::parse(&text).map_err(|diagnostics| FileError {
            path: shown,
            diagnostics,
        })?;
        return Ok(Report {
            summary: format!(
                "settings, {}",
                crate::notes::export::count(file.len(), "value", "values")
            ),
            warnings: Vec::new(),
        });
    }
    if kind == FileKind::Notes {
        let file = crate::notes::parse(&text).map_err(|diagnostics| FileError {
            path: shown,
            diagnostics,
        })?;
        return Ok(Report {
            summary: format!(
                "notes of `{}`, {}",
                file.article,
                crate::notes::export::tally(
                    file.notes.len(),
                    file.highlights.len(),
                    file.terms.len(),
                    None
                )
            ),
            warnings: Vec::new(),
        });
    }
    if kind == FileKind::Keymap {
        let keymap = crate::keymap::parse(&text).map_err(|diagnostics| FileError {
            path: shown,
            diagnostics,
        })?;
        let n: usize = <crate::keymap::Context as strum::IntoEnumIterator>::iter()
            .map(|ctx| keymap.bindings(ctx).len())
            .sum();
        return Ok(Report {
            summary: format!("keymap, {n} bindings"),
            warnings: Vec::new(),
        });
    }
    let loaded = check_ron_text(&text).map_err(|diagnostics| FileError {
        path: shown,
        diagnostics,
    })?;
    Ok(article_report(loaded))
}

/// What check takes, said when a file is none of it.
const EXPECTED: &str = "lectern check takes articles (RON `Article(…)`, Markdown, EPUB, PDF or \
                        a web page), keymaps (`Keymap(…)`) and notes files (`Notes(…)`)";

/// Why `text` is not a file check takes: a reading-state file, or a file that is neither RON
/// by its extension nor starts as one of lectern's RON files (a `.txt`). A `.ron` file that
/// starts otherwise is left to the parser, which says where it goes wrong.
fn not_checked(path: &Path, text: &str) -> Option<String> {
    match outer_name(text) {
        Some("Article" | "Keymap" | "Notes") => None,
        Some("State") => Some(format!(
            "this is a reading-state file (`State(…)`), which lectern keeps by itself; {EXPECTED}"
        )),
        _ if SourceFormat::from_extension(path) == Some(SourceFormat::Ron) => None,
        _ => Some(format!("not a file lectern reads: {EXPECTED}")),
    }
}

/// What a valid article holds, and its warnings.
fn article_report(loaded: Loaded) -> Report {
    let doc = &loaded.doc;
    let warnings = loaded.warnings;
    Report {
        summary: {
            use crate::notes::export::count;
            format!(
                "article, {}, {}, {}, {}",
                count(doc.sections.len(), "section", "sections"),
                count(doc.paragraphs.len(), "paragraph", "paragraphs"),
                count(doc.footnotes.len(), "footnote", "footnotes"),
                count(
                    doc.glossary.entries.len(),
                    "glossary entry",
                    "glossary entries"
                )
            )
        },
        warnings,
    }
}
