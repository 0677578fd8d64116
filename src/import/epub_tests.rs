//! EPUB books built here, one per rule: notes of every kind, navigation, sections,
//! metadata, and every kind of bad input.

use std::io::Write as _;
use std::sync::Arc;

use zip::write::SimpleFileOptions;

use super::epub_zip::{self, Limits};
use super::{parse_epub, preview_epub};
use crate::model::Document;

/// A zip with a stored `mimetype` first, then `files` deflated.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/epub+zip").unwrap();
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, deflated).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const CONTAINER: &str = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

/// A book's parts: chapters `(file name, xhtml, linear)` under `OEBPS/`, metadata XML,
/// the EPUB version, and an optional NCX.
struct Book<'a> {
    version: &'a str,
    metadata: &'a str,
    chapters: Vec<(&'a str, String, bool)>,
    ncx: Option<&'a str>,
}

impl Default for Book<'_> {
    fn default() -> Self {
        Book {
            version: "3.0",
            metadata: "<dc:title>The River Book</dc:title><dc:creator>Ann Lee</dc:creator>\
                <dc:identifier id=\"uid\">urn:uuid:1234</dc:identifier><dc:language>en</dc:language>",
            chapters: Vec::new(),
            ncx: None,
        }
    }
}

impl Book<'_> {
    fn opf(&self) -> String {
        let mut manifest = String::new();
        let mut spine = String::new();
        for (i, (name, _, linear)) in self.chapters.iter().enumerate() {
            manifest.push_str(&format!(
                "<item id=\"c{i}\" href=\"{name}\" media-type=\"application/xhtml+xml\"/>"
            ));
            let linear = if *linear { "" } else { " linear=\"no\"" };
            spine.push_str(&format!("<itemref idref=\"c{i}\"{linear}/>"));
        }
        let toc = if self.ncx.is_some() {
            manifest.push_str(
                "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>",
            );
            " toc=\"ncx\""
        } else {
            ""
        };
        format!(
            "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"{}\" unique-identifier=\"uid\">\
             <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{}</metadata>\
             <manifest>{manifest}</manifest><spine{toc}>{spine}</spine></package>",
            self.version, self.metadata
        )
    }

    fn bytes(&self) -> Vec<u8> {
        let opf = self.opf();
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("META-INF/container.xml".into(), CONTAINER.into()),
            ("OEBPS/content.opf".into(), opf.into_bytes()),
        ];
        if let Some(ncx) = self.ncx {
            files.push(("OEBPS/toc.ncx".into(), ncx.as_bytes().to_vec()));
        }
        for (name, xhtml, _) in &self.chapters {
            files.push((format!("OEBPS/{name}"), xhtml.as_bytes().to_vec()));
        }
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        zip_of(&refs)
    }

    fn chapter(mut self, name: &'static str, body: &str) -> Self {
        self.chapters.push((name, xhtml(body), true));
        self
    }
}

fn xhtml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" \
         xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>x</title></head><body>{body}</body></html>"
    )
}

fn open(book: &Book) -> Document {
    match parse_epub(book.bytes()) {
        Ok(loaded) => loaded.doc,
        Err(e) => panic!("{e:?}"),
    }
}

fn printed(book: &Book) -> String {
    crate::print::render(&open(book), None)
}

fn footnotes(doc: &Document) -> Vec<String> {
    doc.footnotes
        .iter()
        .map(|f| f.inlines.iter().map(|i| i.plain_text()).collect())
        .collect()
}

fn texts(doc: &Document) -> Vec<String> {
    doc.paragraphs.iter().map(|p| p.plain_text()).collect()
}

fn error_of(bytes: Vec<u8>) -> String {
    match parse_epub(bytes) {
        Ok(_) => panic!("opened"),
        Err(d) => d
            .iter()
            .map(|d| d.display("b.epub").to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn epub3_noterefs_and_footnotes_in_one_chapter() {
    let book = Book::default().chapter(
        "ch1.xhtml",
        "<h1>One</h1><p>Text<a epub:type=\"noteref\" href=\"#n1\">1</a> and again<a epub:type=\"noteref\" href=\"#n1\">1</a>.</p>\
         <aside epub:type=\"footnote\" id=\"n1\"><p><a href=\"#r1\" epub:type=\"backlink\">1.</a> The note&nbsp;text.</p></aside>\
         <p>After.</p>",
    );
    let doc = open(&book);
    assert_eq!(texts(&doc), ["Text[1] and again[1].", "After."]);
    assert_eq!(footnotes(&doc), ["The note\u{a0}text."]);
}

#[test]
fn doc_noteref_roles_across_files_and_a_linear_no_notes_item() {
    let mut book = Book::default().chapter(
        "ch1.xhtml",
        "<p>A claim.<a role=\"doc-noteref\" href=\"notes.xhtml#e1\">1</a> Another.<a role=\"doc-noteref\" href=\"notes.xhtml#e2\">2</a></p>",
    );
    book.chapters.push((
        "notes.xhtml",
        xhtml("<h1>Notes</h1><ol><li id=\"e1\" role=\"doc-endnote\"><p>First endnote. <a role=\"doc-backlink\" href=\"ch1.xhtml#r\">\u{21a9}</a></p></li>\
               <li id=\"e2\"><p>Second, by link alone.</p></li></ol>"),
        false,
    ));
    let doc = open(&book);
    assert_eq!(texts(&doc), ["A claim.[1] Another.[2]"]);
    assert_eq!(
        footnotes(&doc),
        ["First endnote.", "Second, by link alone."]
    );
    // The notes chapter, left with its heading alone, is no section.
    assert!(
        doc.sections.iter().all(|s| s.title() != "Notes"),
        "{:?}",
        doc.sections
    );
}

#[test]
fn a_superscript_link_into_a_notes_section_is_the_fallback() {
    let book = Book::default()
        .chapter("text/ch1.xhtml", "<p>Said<sup><a id=\"r3\" href=\"../text/back.xhtml#fn3\">3</a></sup>. Not a note<sup><a href=\"ch2.xhtml#x\">x</a></sup>.</p>")
        .chapter("text/ch2.xhtml", "<p id=\"x\">Chapter two.</p>")
        .chapter("text/back.xhtml", "<section class=\"endnotes\"><p id=\"fn3\"><a href=\"ch1.xhtml#r3\"><sup>3</sup></a> The end note.</p></section>");
    let doc = open(&book);
    assert_eq!(texts(&doc), ["Said[1]. Not a notex.", "Chapter two."]);
    assert_eq!(footnotes(&doc), ["The end note."]);
}

#[test]
fn ncx_navigation_names_chapters_without_headings() {
    let ncx = r#"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head/><docTitle><text>B</text></docTitle><navMap>
        <navPoint id="p1" playOrder="1"><navLabel><text>Part One</text></navLabel><content src="p1.xhtml"/>
          <navPoint id="p2" playOrder="2"><navLabel><text>Chapter One</text></navLabel><content src="c1.xhtml"/></navPoint>
        </navPoint></navMap></ncx>"#;
    let mut book = Book {
        version: "2.0",
        ncx: Some(ncx),
        ..Book::default()
    }
    .chapter("p1.xhtml", "<p>Part text.</p>")
    .chapter("c1.xhtml", "<p>Chapter text.</p>");
    book.metadata = "<dc:title>B</dc:title><dc:identifier id=\"uid\">isbn-1</dc:identifier>";
    let out = printed(&book);
    assert!(
        out.contains("Part One\n\nPart text.\n\nChapter One\n\nChapter text."),
        "{out}"
    );
    let doc = open(&book);
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[1].title(), "Chapter One");
    assert_eq!(doc.sections[1].level, 2);
}

#[test]
fn headings_nest_into_sections_and_structure_is_kept() {
    let book = Book::default().chapter(
        "ch1.xhtml",
        "<h1>Part</h1><h2>Chapter</h2><p>Prose with <em>em</em>, <strong>strong</strong>, <code>code</code> and \
         <a href=\"https://ex.org/\">a link</a>.</p><blockquote><p>Quoted.</p></blockquote>\
         <ul><li>one<ol><li>inner</li></ol></li></ul><pre>line 1\nline 2</pre>\
         <p class=\"poem\">Roses are red,<br/>violets are blue.</p><img src=\"a.png\" alt=\"A map\"/>\
         <table><tr><td>a</td><td>b</td></tr></table><h2>Second</h2><p>More.</p>",
    );
    let doc = open(&book);
    let titles: Vec<(u8, String)> = doc.sections.iter().map(|s| (s.level, s.title())).collect();
    assert_eq!(
        titles,
        [
            (1, "Part".into()),
            (2, "Chapter".into()),
            (2, "Second".into())
        ]
    );
    let out = printed(&book);
    for expected in [
        "Prose with *em*, **strong**, `code` and a link <https://ex.org/>.",
        "- one",
        "  1. inner",
        "line 1\nline 2",
        "Roses are red,\nviolets are blue.",
        "[image: A map]",
        "a | b",
    ] {
        assert!(out.contains(expected), "{expected:?} not in\n{out}");
    }
}

#[test]
fn metadata_fills_title_authors_source_and_the_id() {
    let mut book =
        Book::default().chapter("ch1.xhtml", "<p>Unchanged paragraph.</p><p>Old text.</p>");
    book.metadata = "<dc:title>The River Book</dc:title><dc:creator>Ann Lee</dc:creator><dc:creator>Bo Chen</dc:creator>\
        <dc:identifier id=\"uid\">urn:isbn:978</dc:identifier><dc:language>fr</dc:language>\
        <dc:identifier>doi:10.5555/river.1</dc:identifier>\
        <dc:publisher>River Press</dc:publisher><dc:date>2021-03-04</dc:date>";
    let doc = open(&book);
    assert_eq!(doc.title(), "The River Book");
    assert_eq!(doc.meta.authors, ["Ann Lee", "Bo Chen"]);
    let source = doc.meta.source.clone().unwrap_or_default();
    for part in [
        "River Press",
        "published 2021-03-04",
        "language fr",
        "urn:isbn:978",
    ] {
        assert!(source.contains(part), "{source}");
    }
    let b = &doc.meta.biblio;
    assert_eq!(b.date.as_deref(), Some("2021-03-04"));
    assert_eq!(
        b.kind,
        Some(crate::model::WorkType::Book),
        "an EPUB is a book"
    );
    assert_eq!(b.publisher.as_deref(), Some("River Press"));
    assert_eq!(b.doi.as_deref(), Some("10.5555/river.1"));
    // A new edition: same identifier, one paragraph changed.
    let mut edition =
        Book::default().chapter("ch1.xhtml", "<p>Unchanged paragraph.</p><p>New text.</p>");
    edition.metadata = book.metadata;
    let new = open(&edition);
    assert_eq!(new.meta.id, doc.meta.id);
    assert_eq!(new.paragraphs[0].id, doc.paragraphs[0].id);
    assert_ne!(new.paragraphs[1].id, doc.paragraphs[1].id);
}

#[test]
fn another_declared_encoding_and_control_characters() {
    let mut book = Book::default();
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body><p>Caf\xe9 \x1b[31mred</p></body></html>";
    book.chapters.push(("ch1.xhtml", String::new(), true));
    let opf = book.opf();
    let files: Vec<(&str, &[u8])> = vec![
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", opf.as_bytes()),
        ("OEBPS/ch1.xhtml", latin1),
    ];
    let doc = parse_epub(zip_of(&files)).unwrap().doc;
    let text = texts(&doc).join("");
    assert!(text.starts_with("Caf\u{e9} "), "{text:?}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

#[test]
fn xhtml_self_closing_tags_do_not_swallow_the_chapter() {
    let book = Book::default().chapter(
        "ch1.xhtml",
        "<p><a id=\"page5\"/>Kept text.</p><div class=\"x\"/><p>Second.</p>",
    );
    let mut book = book;
    book.chapters[0].1 = book.chapters[0].1.replace("<title>x</title>", "<title/>");
    assert_eq!(texts(&open(&book)), ["Kept text.", "Second."]);
}

#[test]
fn deeply_nested_markup_opens() {
    let deep = format!(
        "{}<p>Deep.</p>{}",
        "<div>".repeat(5_000),
        "</div>".repeat(5_000)
    );
    let doc = open(&Book::default().chapter("ch1.xhtml", &deep));
    assert_eq!(texts(&doc), ["Deep."]);
}

#[test]
fn bad_containers_are_refused_with_a_place() {
    assert!(
        error_of(b"plain text".to_vec())
            .contains("b.epub:1:1: not an EPUB: the file is not a readable zip")
    );
    let no_container = zip_of(&[("OEBPS/content.opf", b"<package/>")]);
    assert!(error_of(no_container).contains("no META-INF/container.xml"));
    let no_package = zip_of(&[("META-INF/container.xml", CONTAINER.as_bytes())]);
    assert!(error_of(no_package).contains("the book's package cannot be read"));
    let mut book = Book::default().chapter("ch1.xhtml", "<p>x</p>");
    book.chapters.push(("gone.xhtml", String::new(), true));
    let opf = book.opf();
    let missing = zip_of(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", opf.as_bytes()),
        ("OEBPS/ch1.xhtml", xhtml("<p>x</p>").as_bytes()),
    ]);
    assert_eq!(
        error_of(missing),
        "b.epub:OEBPS/gone.xhtml:1:1: this spine item is missing from the book"
    );
}

#[test]
fn drm_is_refused_and_font_obfuscation_is_not() {
    let book = Book::default().chapter("ch1.xhtml", "<p>Readable.</p>");
    let opf = book.opf();
    let with = |encryption: &str| {
        zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("META-INF/encryption.xml", encryption.as_bytes()),
            ("OEBPS/content.opf", opf.as_bytes()),
            ("OEBPS/ch1.xhtml", xhtml("<p>Readable.</p>").as_bytes()),
        ])
    };
    let enc = |alg: &str| {
        format!(
            "<encryption><EncryptedData><EncryptionMethod Algorithm=\"{alg}\"/></EncryptedData></encryption>"
        )
    };
    let drm = with(&enc("http://www.w3.org/2001/04/xmlenc#aes128-cbc"));
    assert!(error_of(drm).contains("this book is encrypted (DRM)"));
    let fonts = with(&enc("http://www.idpf.org/2008/embedding"));
    assert!(parse_epub(fonts).is_ok());
    // An encryption file cut off after `Algorithm=` (found by fuzzing: it panicked) is
    // refused like any other it cannot tell harmless, by the whole book and its preview.
    for cut in ["Algorithm=", "<EncryptedData Algorithm=", "Algorithm=\""] {
        let bytes = with(cut);
        assert!(error_of(bytes.clone()).contains("encrypted (DRM)"), "{cut}");
        assert!(preview_of(&bytes).is_none(), "{cut}");
    }
}

#[test]
fn zip_bombs_are_capped() {
    let many: Vec<(String, Vec<u8>)> = (0..30).map(|i| (format!("f{i}.txt"), vec![b'x'])).collect();
    let refs: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let data: Arc<[u8]> = zip_of(&refs).into();
    let limits = Limits {
        entries: 10,
        inflated: 1 << 20,
    };
    let err = epub_zip::check_with(&data, limits).unwrap_err();
    assert!(
        err.message.contains("31 zip entries, more than the 10"),
        "{}",
        err.message
    );

    let zeros = vec![0u8; 200_000];
    let data: Arc<[u8]> = zip_of(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("big.xhtml", &zeros),
    ])
    .into();
    assert!(data.len() < 10_000, "deflate packs the zeros");
    let limits = Limits {
        entries: 10,
        inflated: 100_000,
    };
    let err = epub_zip::check_with(&data, limits).unwrap_err();
    assert!(
        err.message.contains("inflates to more than 100000 bytes"),
        "{}",
        err.message
    );
}

/// `bytes` with a header field of member `name` changed, in its local header (at offset
/// `field`) and in the central directory (2 further on): the fields the tests change
/// (flags, method, uncompressed size) are laid out so.
fn patch_header(bytes: &mut [u8], name: &[u8], field: usize, value: &[u8]) {
    for (sig, at_field, name_at) in [(b"PK\x03\x04", field, 30), (b"PK\x01\x02", field + 2, 46)] {
        let at = (0..bytes.len() - name_at - name.len())
            .find(|&i| bytes[i..].starts_with(sig) && bytes[i + name_at..].starts_with(name))
            .unwrap();
        bytes[at + at_field..at + at_field + value.len()].copy_from_slice(value);
    }
}

/// A zip whose `big.xhtml` inflates to 200,000 bytes while both its headers say 10.
fn lying_zip() -> Vec<u8> {
    let zeros = vec![0u8; 200_000];
    let mut bytes = zip_of(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("big.xhtml", &zeros),
    ]);
    patch_header(&mut bytes, b"big.xhtml", 22, &10u32.to_le_bytes());
    bytes
}

/// The member of [`lying_zip`] was stopped as it inflated past what its headers say (by
/// the zip crate at the declared size, or by lectern's own count of 100,000 bytes).
fn assert_stopped_inflating(err: &crate::diag::Diagnostic) {
    assert!(
        err.message
            .contains("larger than its declared uncompressed size")
            || err.message.contains("inflates to more than 100000 bytes"),
        "{}",
        err.message
    );
}

#[test]
fn the_bytes_actually_inflated_are_capped_whatever_the_zip_reports() {
    let data: Arc<[u8]> = lying_zip().into();
    let limits = Limits {
        entries: 10,
        inflated: 100_000,
    };
    let err = epub_zip::check_with(&data, limits).unwrap_err();
    assert_stopped_inflating(&err);
    assert_eq!(err.member.as_deref(), Some("big.xhtml"));
}

/// A book of `chapters` chapters of 20 paragraphs each (about 4 KB), a footnote in each.
fn long_book(chapters: usize) -> Book<'static> {
    let mut book = Book::default();
    for c in 1..=chapters {
        let mut body = format!("<h1>Chapter {c}</h1>");
        for p in 1..=20 {
            body.push_str(&format!(
                "<p>Paragraph {p} of chapter {c}, long enough to be a paragraph of a book and \
                 to be wrapped on a screen of eighty columns.</p>"
            ));
        }
        body.push_str(&format!(
            "<p>A claim<a epub:type=\"noteref\" href=\"#n{c}\">1</a>.</p>\
             <aside epub:type=\"footnote\" id=\"n{c}\"><p>Note of chapter {c}.</p></aside>"
        ));
        book.chapters.push((
            Box::leak(format!("c{c}.xhtml").into_boxed_str()),
            xhtml(&body),
            true,
        ));
    }
    book
}

fn preview_of(bytes: &[u8]) -> Option<crate::model::load::Loaded> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.epub");
    std::fs::write(&path, bytes).unwrap();
    preview_epub(&path)
}

#[test]
fn a_preview_is_the_books_first_chapters_as_the_whole_book_has_them() {
    let book = long_book(40);
    let whole = open(&book);
    let preview = preview_of(&book.bytes()).expect("a preview").doc;
    let shown = preview.paragraphs.len();
    assert!(
        shown > 20 && shown < whole.paragraphs.len() / 2,
        "whole chapters, fewer than the book's: {shown} of {}",
        whole.paragraphs.len()
    );
    assert_eq!(
        preview.paragraphs[..],
        whole.paragraphs[..shown],
        "the same paragraphs, ids and all"
    );
    assert_eq!(preview.meta, whole.meta, "the same title, authors and id");
    assert_eq!(
        footnotes(&preview),
        footnotes(&whole)[..preview.footnotes.len()],
        "the first chapters' own notes"
    );
    assert!(!preview.footnotes.is_empty());
    // A book shorter than a preview is previewed whole.
    let short = Book::default().chapter("c1.xhtml", "<p>Only.</p>");
    assert_eq!(
        texts(&preview_of(&short.bytes()).unwrap().doc),
        texts(&open(&short))
    );
}

#[test]
fn a_preview_is_not_made_of_what_the_whole_book_refuses() {
    assert!(preview_of(b"plain text").is_none());
    let book = Book::default().chapter("ch1.xhtml", "<p>x</p>");
    let complete = |extra: (&str, &[u8])| {
        zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            extra,
            ("OEBPS/content.opf", book.opf().as_bytes()),
            ("OEBPS/ch1.xhtml", xhtml("<p>x</p>").as_bytes()),
        ])
    };
    assert!(
        preview_of(&complete(("META-INF/other.xml", b"<x/>"))).is_some(),
        "the book below opens but for what is added to it"
    );
    assert!(preview_of(&complete(("META-INF/rights.xml", b"<rights/>"))).is_none());
    let aes = zip_of(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        (
            "META-INF/encryption.xml",
            b"<encryption><EncryptedData><EncryptionMethod \
              Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/></EncryptedData></encryption>",
        ),
        ("OEBPS/content.opf", book.opf().as_bytes()),
        ("OEBPS/ch1.xhtml", xhtml("<p>x</p>").as_bytes()),
    ]);
    assert!(preview_of(&aes).is_none());
    let no_chapter = zip_of(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", book.opf().as_bytes()),
    ]);
    assert!(preview_of(&no_chapter).is_none());
}

#[test]
fn members_inflated_one_by_one_are_held_to_the_same_caps() {
    let zeros = vec![0u8; 60_000];
    let data: Arc<[u8]> = zip_of(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("a.xhtml", &zeros),
        ("b.xhtml", &zeros),
    ])
    .into();
    let reader = || std::io::Cursor::new(Arc::clone(&data));
    let mut lazy = epub_zip::Lazy::open(reader(), Limits::default()).unwrap();
    assert_eq!(
        lazy.read("a.xhtml", u64::MAX).unwrap().map(|b| b.len()),
        Some(60_000)
    );
    let err = lazy.read("b.xhtml", 1_000).unwrap_err();
    assert_eq!(err.member.as_deref(), Some("b.xhtml"));
    assert!(
        err.message
            .contains("inflates to 60000 bytes, more than the 1000"),
        "a member over the most asked for is refused before it is inflated: {}",
        err.message
    );
    assert_eq!(lazy.read("nothing.xhtml", u64::MAX).unwrap(), None);
    let small = Limits {
        entries: 10,
        inflated: 100_000,
    };
    let err = epub_zip::Lazy::open(reader(), small).err().unwrap();
    assert!(
        err.message.contains("inflates to more than 100000 bytes"),
        "what the directory reports is over the cap: {}",
        err.message
    );
    let few = Limits {
        entries: 2,
        inflated: 1 << 20,
    };
    let err = epub_zip::Lazy::open(reader(), few).err().unwrap();
    assert!(err.message.contains("more than the 2"), "{}", err.message);
    let no_container = zip_of(&[("a.xhtml", b"x")]);
    let err = epub_zip::Lazy::open(std::io::Cursor::new(no_container), small)
        .err()
        .unwrap();
    assert!(err.message.contains("no META-INF/container.xml"));
    // A member that inflates past what the zip says is stopped as it inflates.
    let mut lazy = epub_zip::Lazy::open(std::io::Cursor::new(lying_zip()), small).unwrap();
    let err = lazy.read("big.xhtml", u64::MAX).unwrap_err();
    assert_stopped_inflating(&err);
    assert_eq!(err.member.as_deref(), Some("big.xhtml"));
}

#[test]
fn a_member_encrypted_or_compressed_unreadably_is_refused_even_if_the_preview_skips_it() {
    let book = long_book(3);
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("META-INF/container.xml".into(), CONTAINER.into()),
        ("OEBPS/content.opf".into(), book.opf().into_bytes()),
    ];
    for (name, text, _) in &book.chapters {
        files.push((format!("OEBPS/{name}"), text.clone().into_bytes()));
    }
    files.push(("OEBPS/font.otf".into(), vec![7u8; 300]));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let good = zip_of(&refs);
    assert!(preview_of(&good).is_some() && parse_epub(good.clone()).is_ok());
    // Bit 0 of the general purpose flags: the font is encrypted.
    let mut locked = good.clone();
    patch_header(&mut locked, b"OEBPS/font.otf", 6, &1u16.to_le_bytes());
    assert!(preview_of(&locked).is_none());
    assert!(error_of(locked).contains("this book is encrypted (DRM)"));
    // Method 14 (LZMA), which lectern does not inflate.
    let mut lzma = good;
    patch_header(&mut lzma, b"OEBPS/font.otf", 8, &14u16.to_le_bytes());
    assert!(preview_of(&lzma).is_none());
    let e = error_of(lzma);
    assert!(
        e.contains("b.epub:OEBPS/font.otf:1:1: zip entry") && e.contains("cannot inflate"),
        "{e}"
    );
}

#[test]
fn a_preview_reads_no_member_larger_than_its_cap() {
    let mut body = String::from("<h1>One file</h1>");
    while body.len() <= super::epub::EPUB_PREVIEW_MEMBER_BYTES as usize {
        body.push_str("<p>The whole book is one file, as older conversions make it.</p>");
    }
    let book = Book::default().chapter("all.xhtml", &body);
    assert!(
        preview_of(&book.bytes()).is_none(),
        "the placeholder shows until it is converted whole"
    );
    assert!(open(&book).paragraphs.len() > 1000);
}

#[test]
fn a_note_in_a_chapter_not_read_yet_is_left_out_of_the_preview_not_shown_as_a_link() {
    let mut book = long_book(12);
    book.chapters[0].1 = xhtml(
        "<h1>Chapter 1</h1><p>A claim<a epub:type=\"noteref\" href=\"notes.xhtml#e1\">1</a> \
         and another<sup><a href=\"notes.xhtml#e2\">2</a></sup>.</p>",
    );
    book.chapters.push((
        "notes.xhtml",
        xhtml(
            "<section epub:type=\"endnotes\"><ol><li id=\"e1\"><p>First endnote.</p></li>\
             <li id=\"e2\"><p>Second endnote.</p></li></ol></section>",
        ),
        true,
    ));
    let whole = open(&book);
    assert_eq!(
        footnotes(&whole)[..2],
        ["First endnote.", "Second endnote."]
    );
    let preview = preview_of(&book.bytes()).unwrap().doc;
    assert!(
        !footnotes(&preview).iter().any(|f| f.contains("endnote")),
        "the endnotes are not read yet: {:?}",
        footnotes(&preview)
    );
    let shown = preview.paragraphs.len();
    assert!(shown < whole.paragraphs.len());
    let claim = texts(&preview)
        .into_iter()
        .find(|t| t.starts_with("A claim"))
        .unwrap();
    assert_eq!(claim, "A claim and another.", "no dangling '1' or '2'");
    let ids = |d: &Document| {
        d.paragraphs
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&preview),
        ids(&whole)[..shown],
        "the paragraphs are the whole book's, ids and all"
    );
}
