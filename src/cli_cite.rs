//! The command-line side of citations and exports: `lectern cite`, `lectern glossary
//! --format anki` and `lectern notes --format obsidian` (the arms in `cli.rs` call these).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cite::CiteStyle;
use crate::model::Document;

/// Formats of `lectern cite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiteFormat {
    /// A BibTeX entry.
    Bibtex,
    /// CSL-JSON (Zotero, Pandoc, citeproc).
    CslJson,
    /// APA reference (7th edition).
    Apa,
    /// Chicago author-date reference.
    Chicago,
    /// MLA reference.
    Mla,
}

/// Formats of `lectern glossary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GlossaryFormat {
    /// An Anki text import file (tab-separated, HTML fields, stable GUIDs).
    Anki,
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
fn print_out(text: &str) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    Ok(0)
}

/// Opens the article (the bundled one when `None`), or says why not.
fn open(article: Option<&Path>) -> Option<Document> {
    match crate::content::open(article) {
        Ok(l) => Some(l.doc),
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// The citation style saved in `config.ron` (APA when none is saved or the file is
/// damaged; the damage is reported).
fn saved_style() -> CiteStyle {
    match crate::config::config_path()
        .as_deref()
        .map(crate::config::read)
    {
        Some(Ok(config)) => config.citation_style.unwrap_or_default(),
        Some(Err(e)) => {
            eprintln!("lectern: {e}; citing in APA");
            CiteStyle::default()
        }
        None => CiteStyle::default(),
    }
}

/// `lectern cite`: the article's reference in `format`, else in the saved citation style.
pub fn cite(article: Option<PathBuf>, format: Option<CiteFormat>) -> anyhow::Result<i32> {
    let Some(doc) = open(article.as_deref()) else {
        return Ok(1);
    };
    let style = |s| format!("{}\n", crate::cite::reference(&doc.meta, s));
    let text = match format {
        Some(CiteFormat::Bibtex) => crate::cite::bibtex::bibtex(&doc.meta),
        Some(CiteFormat::CslJson) => crate::cite::csl_json::csl_json(&doc.meta),
        Some(CiteFormat::Apa) => style(CiteStyle::Apa),
        Some(CiteFormat::Chicago) => style(CiteStyle::Chicago),
        Some(CiteFormat::Mla) => style(CiteStyle::Mla),
        None => style(saved_style()),
    };
    print_out(&text)
}

/// `lectern glossary --format anki`: the glossary with the review state as tags.
pub fn glossary(
    article: Option<PathBuf>,
    format: GlossaryFormat,
    data_dir: Option<PathBuf>,
) -> anyhow::Result<i32> {
    let Some(doc) = open(article.as_deref()) else {
        return Ok(1);
    };
    let GlossaryFormat::Anki = format;
    let (cards, personal) = match crate::paths::data_dir(data_dir) {
        Some(dir) => {
            let (review, damaged) = crate::notes::review::Review::open(&dir, &doc);
            if let Some(damaged) = damaged {
                eprintln!("lectern: the review state is left out: {damaged}");
            }
            // The student's own entries, from the notes file (read without taking its lock).
            let path = crate::notes::notes_path(&dir, &doc.meta.id);
            let personal = match crate::notes::read_file(&path) {
                Ok(file) => file.terms.iter().map(|t| t.to_entry()).collect(),
                Err(e) if path.exists() => {
                    eprintln!("lectern: your own glossary entries are left out: {e}");
                    Vec::new()
                }
                Err(_) => Vec::new(),
            };
            (review.file.cards, personal)
        }
        None => Default::default(),
    };
    if doc.glossary.is_empty() && personal.is_empty() {
        // The file is still written (an import of it adds nothing); saying so saves a
        // look in Anki for cards that are not there.
        eprintln!(
            "lectern: {} has no glossary entries, and you have added none (the reader's \
             D, by default, adds one): no cards",
            crate::sanitize::clean_line(&doc.title())
        );
    }
    let text = crate::cite::anki::anki(&doc, &personal, &cards, crate::notes::now());
    print_out(&text)
}

/// The Obsidian export of notes already anchored (`lectern notes --format obsidian`).
pub fn notes_obsidian(doc: &Document, file: crate::notes::NotesFile, tags: &[String]) -> String {
    use crate::cite::obsidian::{highlight_items, note_items, obsidian, reading_order};
    let entries = crate::notes::NotesStore::anchored(doc, file.notes);
    let marked = crate::notes::NotesStore::anchored_highlights(doc, file.highlights);
    let items = reading_order(note_items(doc, &entries).chain(highlight_items(&marked)));
    obsidian(doc, items, tags)
}
