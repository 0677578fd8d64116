//! Documents written out as RON article files (`lectern import`): the serde types of the
//! format, and their text. Putting the text on disk is the caller's ([`crate::durable`]).

use crate::model::document::Document;
use crate::model::format::{ArticleFile, BlockFile, EntryFile, FORMAT_VERSION, FootnoteFile};
use crate::model::inline::to_markup;

/// The document as the RON format's serde types; [`crate::model::load::parse`] reads the
/// serialized form back to an equal document.
pub fn to_article_file(doc: &Document) -> ArticleFile {
    let mut body = Vec::with_capacity(doc.paragraphs.len() + doc.sections.len());
    for section in &doc.sections {
        if let Some(heading) = &section.heading {
            body.push(BlockFile::Heading {
                level: section.level,
                text: to_markup(heading),
            });
        }
        for p in &doc.paragraphs[section.paragraphs.clone()] {
            let id = p.id.0.clone();
            body.push(match &p.kind {
                crate::model::BlockKind::Prose => BlockFile::Paragraph {
                    id,
                    text: to_markup(&p.inlines),
                },
                crate::model::BlockKind::Quote => BlockFile::Quote {
                    id,
                    text: to_markup(&p.inlines),
                },
                crate::model::BlockKind::Item { marker, depth } => BlockFile::Item {
                    id,
                    marker: marker.clone(),
                    depth: *depth,
                    text: to_markup(&p.inlines),
                },
                // Verbatim: the loader reads a code block's text without markup.
                crate::model::BlockKind::Code => BlockFile::Code {
                    id,
                    text: p.plain_text(),
                },
            });
        }
    }
    let entries = &doc.glossary.entries;
    ArticleFile {
        format: FORMAT_VERSION,
        id: doc.meta.id.clone(),
        title: to_markup(&doc.meta.title),
        authors: doc.meta.authors.clone(),
        author_note: doc.meta.author_note.as_deref().map(to_markup),
        source: doc.meta.source.clone(),
        kind: doc.meta.biblio.kind,
        date: doc.meta.biblio.date.clone(),
        container: doc.meta.biblio.container.clone(),
        volume: doc.meta.biblio.volume.clone(),
        issue: doc.meta.biblio.issue.clone(),
        pages: doc.meta.biblio.pages.clone(),
        publisher: doc.meta.biblio.publisher.clone(),
        doi: doc.meta.biblio.doi.clone(),
        url: doc.meta.biblio.url.clone(),
        body,
        footnotes: doc
            .footnotes
            .iter()
            .map(|f| FootnoteFile {
                number: f.number,
                text: to_markup(&f.inlines),
            })
            .collect(),
        glossary: entries
            .iter()
            .map(|e| EntryFile {
                id: e.id.clone(),
                term: e.term.clone(),
                aliases: e.aliases.clone(),
                definition: to_markup(&e.definition),
                see_also: e.see_also.iter().map(|&i| entries[i].id.clone()).collect(),
                found_in_text: e.found_in_text,
            })
            .collect(),
    }
}

/// The document as the text of a RON article file.
pub fn to_ron(doc: &Document) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(2)
        .indentor("    ");
    let body = ron::ser::to_string_pretty(&to_article_file(doc), config)?;
    Ok(format!(
        "// Written by `lectern import`. Paragraph ids are derived from the text: keep them when\n\
         // editing this file, or import the Markdown again, and notes stay attached.\n{body}\n"
    ))
}
