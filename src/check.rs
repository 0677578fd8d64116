//! `lectern check`: validates a file of any kind lectern reads.

use std::path::Path;

use crate::diag::{Diagnostic, FileError, read_text_file};
use crate::model::load;

/// What a valid file holds, and its warnings.
#[derive(Debug)]
pub struct Report {
    /// One line about the contents, such as "article, 31 paragraphs".
    pub summary: String,
    /// Problems that do not make the file invalid.
    pub warnings: Vec<Diagnostic>,
}

/// Validates one file: Markdown (`.md`, `.markdown`) as `lectern import` reads it, anything
/// else as a RON article.
pub fn check_file(path: &Path) -> Result<Report, FileError> {
    let text = read_text_file(path, load::MAX_ARTICLE_BYTES)?;
    let shown = path.display().to_string();
    let markdown = crate::import::is_markdown_path(path);
    let parsed = if markdown {
        crate::import::check_markdown(&text)
    } else {
        load::parse(&text)
    };
    let loaded = parsed.map_err(|diagnostics| FileError {
        path: shown,
        diagnostics,
    })?;
    let doc = &loaded.doc;
    let mut warnings = loaded.warnings;
    if !markdown {
        warnings.extend(load::unused_glossary_warnings(&text, doc));
    }
    Ok(Report {
        summary: format!(
            "article, {} sections, {} paragraphs, {} footnotes, {} glossary entries",
            doc.sections.len(),
            doc.paragraphs.len(),
            doc.footnotes.len(),
            doc.glossary.entries.len()
        ),
        warnings,
    })
}
