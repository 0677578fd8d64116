//! PDF articles end to end, on PDFs typeset once by WeasyPrint from the HTML beside them
//! (`tests/fixtures/pdf/README.md`): lectern gives back the HTML's title, authors, author
//! note, headings, paragraphs and page-bottom footnotes exactly, through the library and every command;
//! encrypted files and files without text are refused with a clear message.

mod common;

use std::path::{Path, PathBuf};

use common::lectern;
use lectern::model::Document;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

/// What the HTML source says the article is.
#[derive(Debug, Default, PartialEq)]
struct Expected {
    title: String,
    authors: Vec<String>,
    author_note: Option<String>,
    /// Headings as `## text` (one `#` per outline level plus one) and paragraphs, with
    /// footnote references as `[N]`.
    blocks: Vec<String>,
    /// Footnote texts in order.
    notes: Vec<String>,
}

/// Whitespace collapsed, tags dropped, the few entities the fixtures use decoded.
fn clean(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `h1`, `h2`, `h3` and `p` elements of the body, in order (the fixtures nest none).
fn expected(html: &str) -> Expected {
    let body = &html[html.find("<body>").unwrap()..];
    let mut out = Expected::default();
    let mut rest = body;
    while let Some(open) = rest.find(['<']) {
        rest = &rest[open..];
        let tag: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let Some(close_at) = rest
            .find(&format!("</{tag}>"))
            .filter(|_| matches!(tag.as_str(), "h1" | "h2" | "h3" | "p"))
        else {
            rest = &rest[1..];
            continue;
        };
        let start = rest.find('>').unwrap() + 1;
        let inner = &rest[start..close_at];
        let class_authors = rest[..start].contains("authors");
        let class_note = rest[..start].contains("\"note\"");
        rest = &rest[close_at..];
        let mut text = String::new();
        let mut inner = inner;
        while let Some(at) = inner.find("<span class=\"fn\">") {
            text.push_str(&inner[..at]);
            let after = &inner[at + 17..];
            let end = after.find("</span>").unwrap();
            out.notes.push(clean(&after[..end]));
            text.push_str(&format!("[{}]", out.notes.len()));
            inner = &after[end + 7..];
        }
        text.push_str(inner);
        // A reference sits right after the word, as `::footnote-call` puts it.
        let text = clean(&text).replace(" [", "[");
        match tag.as_str() {
            "h1" => out.title = text,
            "p" if class_authors => {
                out.authors = text.split(" and ").map(str::to_owned).collect();
            }
            "p" if class_note => out.author_note = Some(text),
            "h2" => out.blocks.push(format!("## {text}")),
            "h3" => out.blocks.push(format!("### {text}")),
            _ => out.blocks.push(text),
        }
    }
    out
}

/// The same view of an imported document.
fn got(doc: &Document) -> Expected {
    let mut blocks = Vec::new();
    for section in &doc.sections {
        if section.heading.is_some() {
            let hashes = "#".repeat(usize::from(section.level) + 1);
            blocks.push(format!("{hashes} {}", section.title()));
        }
        for p in &doc.paragraphs[section.paragraphs.clone()] {
            blocks.push(p.plain_text());
        }
    }
    Expected {
        title: doc.title(),
        authors: doc.meta.authors.clone(),
        author_note: doc
            .meta
            .author_note
            .as_ref()
            .map(|n| n.iter().map(|i| i.plain_text()).collect()),
        blocks,
        notes: doc
            .footnotes
            .iter()
            .map(|f| f.inlines.iter().map(|i| i.plain_text()).collect())
            .collect(),
    }
}

fn import(name: &str) -> Document {
    let loaded = lectern::import::source::open(&fixture(name)).unwrap();
    assert_eq!(loaded.warnings, [], "{name}");
    loaded.doc
}

#[test]
fn a_one_column_article_comes_back_exactly_with_its_page_bottom_footnotes() {
    let html = std::fs::read_to_string(fixture("article.html")).unwrap();
    let want = expected(&html);
    assert_eq!(want.notes.len(), 4, "the fixture's own count");
    assert_eq!(got(&import("article.pdf")), want);
}

#[test]
fn a_two_column_article_is_read_column_by_column() {
    let html = std::fs::read_to_string(fixture("two-columns.html")).unwrap();
    let want = expected(&html);
    assert!(want.blocks.len() > 15);
    assert_eq!(got(&import("two-columns.pdf")), want);
}

#[test]
fn an_encrypted_pdf_opens_only_without_a_password() {
    let err = lectern::import::source::open(&fixture("encrypted.pdf")).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
    assert!(
        err.diagnostics[0].message.contains("this PDF is encrypted"),
        "{err}"
    );
    // The same file encrypted with an empty user password opens as the plain one does.
    let open = got(&import("encrypted-open.pdf"));
    assert_eq!(open, got(&import("article.pdf")));
}

#[test]
fn a_pdf_without_text_says_so_and_suggests_ocr() {
    let err = lectern::import::source::open(&fixture("no-text.pdf")).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("no text layer") && shown.contains("OCR"),
        "{shown}"
    );
}

#[test]
fn print_check_and_import_read_a_pdf() {
    let path = fixture("article.pdf");
    let path = path.to_str().unwrap();
    let (code, out, err) = lectern(&["print", path]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with("Reading Rivers Slowly\nAda Brook, Ben Lowe\n"),
        "{out}"
    );
    assert!(out.contains("most people live.[1] A river"), "{out}");
    let (code, _, err) = lectern(&["check", path]);
    assert_eq!(code, 0, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("article.ron");
    let (code, _, err) = lectern(&["import", path, "-o", ron.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let back = lectern::import::source::open(&ron).unwrap().doc;
    assert_eq!(got(&back), got(&import("article.pdf")));
}

#[test]
fn refused_pdfs_get_a_located_message_from_every_command() {
    for name in ["encrypted.pdf", "no-text.pdf"] {
        let path = fixture(name);
        let path = path.to_str().unwrap();
        for args in [vec!["print", path], vec!["check", path], vec![path]] {
            let (code, out, err) = lectern(&args);
            assert_eq!(code, 1, "{args:?}: {err}");
            assert!(err.starts_with(&format!("{path}:1:1: ")), "{args:?}: {err}");
            assert_eq!(out, "");
        }
    }
}
