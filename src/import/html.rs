//! Saved web pages (`.html`, `.htm`) as articles. The notes are collected first
//! ([`super::html_notes`]), then reader mode (`dom_smoothie`, a port of Mozilla's
//! Readability) keeps the article and drops navigation, ads, comments and footers; its
//! metadata gives the title, authors and source. The article's HTML goes through the
//! shared HTML layer ([`super::html_walk`]) and the build, as a Markdown text does. A page
//! where no article is found is read whole, with a warning.

use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::build::{self, Head};
use super::frontmatter::FrontMatter;
use super::html_notes::{self, FoundNotes, NoteSource};
use super::html_walk::HtmlWalker;
use super::raw::{Piece, Role, Walked};
use super::{Chunking, Imported, Note};
use crate::diag::{Diagnostic, FileError, Pos};
use crate::model::load::{Loaded, MAX_ARTICLE_BYTES};

/// Pages with more elements than this are not given to reader mode (its time grows
/// faster than the page); they are read whole.
pub const MAX_READER_MODE_ELEMENTS: usize = 300_000;

/// Reads a saved web page (at most [`MAX_ARTICLE_BYTES`], in its declared encoding).
pub fn load_html_file(path: &Path) -> Result<Loaded, FileError> {
    let bytes = crate::diag::read_file_bytes(path, MAX_ARTICLE_BYTES)?;
    parse_html(&bytes).map_err(|diagnostics| FileError {
        path: path.display().to_string(),
        diagnostics,
    })
}

/// Reads a saved web page's bytes as an article. Diagnostics have no line (the page is
/// rewritten by reader mode); they say what was found.
pub fn parse_html(bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    let text = super::html_decode::decode(bytes);
    let mut notes = Vec::new();
    let built = if text.trim().is_empty() {
        notes.push(Note::error(0, "file is empty"));
        None
    } else {
        import_page(&text, &mut notes)
    };
    let imported = Imported {
        built,
        notes,
        chunking: Chunking::default(),
    };
    imported
        .into_loaded(|_| Pos { line: 1, col: 1 })
        .map(|(loaded, _)| loaded)
}

/// What reader mode found out about the page.
#[derive(Default)]
struct PageMeta {
    title: String,
    byline: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    url: Option<String>,
}

fn import_page(text: &str, notes: &mut Vec<Note>) -> Option<build::Built> {
    let (doc, base, found) = prepare(text);
    let biblio = super::html_biblio::biblio(&doc);
    let config = Config {
        max_elements_to_parse: MAX_READER_MODE_ELEMENTS,
        ..Config::default()
    };
    let mut reader = Readability::with_document(doc, base.as_deref(), Some(config)).ok()?;
    let resolve = |href: &str| super::html_decode::resolve_link(base.as_deref(), href);
    let labels = found.labels.len();
    let article = if reader.is_probably_readable() {
        reader.parse().map_err(|e| e.to_string())
    } else {
        Err("it does not read like one".to_owned())
    };
    let (blocks, meta) = match article {
        Ok(article) => {
            let content = Document::fragment(article.content);
            let mut walker = HtmlWalker::new(&resolve, labels, 0);
            walker.walk_children(&content.root());
            let meta = PageMeta {
                title: article.title,
                byline: article.byline,
                site_name: article.site_name,
                published: article.published_time,
                lang: article.lang,
                url: article.url,
            };
            (walker.finish(), meta)
        }
        Err(why) => {
            notes.push(Note::warning(
                0,
                format!("no article found in the page ({why}); all its text is shown"),
                None,
            ));
            // Reader mode changed the tree it failed on: read the page again.
            let (doc, _, again) = prepare(text);
            debug_assert_eq!(again.labels, found.labels);
            let reader = Readability::with_document(doc, base.as_deref(), None).ok()?;
            let m = reader.get_article_metadata(reader.parse_json_ld());
            let meta = PageMeta {
                title: m.title,
                byline: m.byline,
                site_name: m.site_name,
                published: m.published_time,
                lang: m.lang,
                url: m.url,
            };
            let mut walker = HtmlWalker::new(&resolve, labels, 0);
            walker.walk_children(&reader.doc.root());
            (walker.finish(), meta)
        }
    };
    let mut walked = Walked {
        blocks,
        footnotes: found.footnotes,
        labels: found.labels,
        first_def: found.first_def,
    };
    let title = meta.title.trim();
    drop_title_heading(&mut walked, title);
    if !walked.footnotes.is_empty() {
        html_notes::drop_emptied_headings(&mut walked.blocks);
    }
    let mut head = page_head(&meta, base.as_deref());
    head.fm.biblio = biblio;
    // What reader mode found (JSON-LD, `article:published_time`) fills what is left.
    head.fm.biblio.fill_from(crate::model::Biblio {
        date: meta.published.clone(),
        url: meta.url.clone().or(base.clone()),
        ..Default::default()
    });
    if super::too_long_blocks(std::iter::empty(), &walked, notes) {
        return None;
    }
    build::build(head, walked, notes)
}

/// The parsed page, its base URL and its notes (taken out of the tree).
fn prepare(text: &str) -> (Document, Option<String>, FoundNotes) {
    let doc = Document::from(text);
    super::html_walk::flatten_deep(&doc);
    let base = base_url(&doc);
    let resolve = |href: &str| super::html_decode::resolve_link(base.as_deref(), href);
    let page = base
        .as_deref()
        .map(|b| b.split('#').next().unwrap_or(b).to_owned());
    let key = |_: &str, href: &str| {
        let (before, id) = href.split_once('#')?;
        let own = before.is_empty() || page.as_deref() == Some(before);
        (own && !id.is_empty()).then(|| format!("#{id}"))
    };
    let found = html_notes::collect(
        &[NoteSource {
            doc: &doc,
            member: "",
            notes_item: false,
            at: 0,
        }],
        &key,
        &resolve,
        // A page is one document: every note it has is read with it.
        &|_| false,
    );
    (doc, base, found)
}

/// The page's address: `<base href>`, else its canonical link, else `og:url` (absolute
/// ones only).
fn base_url(doc: &Document) -> Option<String> {
    let candidates = [
        ("base[href]", "href"),
        ("link[rel=canonical]", "href"),
        ("meta[property='og:url']", "content"),
    ];
    candidates.iter().find_map(|(selector, attr)| {
        let value = doc.select(selector).attr(attr)?;
        let value = value.trim();
        (value.starts_with("http://") || value.starts_with("https://")).then(|| value.to_owned())
    })
}

/// Reader mode usually drops a heading that repeats the title; when it did not, the build
/// must not make it a section.
fn drop_title_heading(walked: &mut Walked, title: &str) {
    let first = walked.blocks.first();
    if let Some(block) = first
        && matches!(block.role, Role::Heading(_))
        && !title.is_empty()
        && super::glossary::plain(&block.pieces)
            .trim()
            .eq_ignore_ascii_case(title)
    {
        walked.blocks.remove(0);
    }
}

/// The title, authors and source from the page's metadata.
fn page_head(meta: &PageMeta, base: Option<&str>) -> Head {
    let title = meta.title.trim();
    let title = (!title.is_empty()).then(|| {
        vec![Piece::Inline(super::raw::text(
            &crate::sanitize::clean_line(title),
        ))]
    });
    let authors = meta
        .byline
        .as_deref()
        .map(build::split_authors)
        .unwrap_or_default();
    let url = meta.url.as_deref().or(base);
    // "Source: 2024-03-05" alone would not say what the date is.
    let published = meta
        .published
        .as_deref()
        .map(|p| format!("published {}", p.get(..10).unwrap_or(p)));
    let lang = meta.lang.as_deref().map(|l| format!("language {l}"));
    let parts: Vec<&str> = [
        meta.site_name.as_deref(),
        published.as_deref(),
        lang.as_deref(),
        url,
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|p| !p.is_empty())
    .collect();
    Head {
        fm: FrontMatter {
            authors,
            source: (!parts.is_empty()).then(|| parts.join(", ")),
            ..FrontMatter::default()
        },
        title,
        author_note: None,
    }
}
