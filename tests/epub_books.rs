//! EPUB books end to end: `print`, `check` and `import` open a book built here, and the
//! imported RON prints exactly what the book prints.

mod common;

use std::io::Write as _;
use std::path::Path;

use common::lectern;
use zip::write::SimpleFileOptions;

/// A two-chapter EPUB 3 with a navigation document, notes in a `linear="no"` item and a
/// noteref in the first chapter.
fn book(path: &Path) {
    let opf = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Two Rivers</dc:title><dc:creator>Ann Lee</dc:creator>
<dc:identifier id="uid">urn:uuid:two-rivers</dc:identifier><dc:language>en</dc:language><dc:publisher>River Press</dc:publisher></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/>
<item id="n" href="notes.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="n" linear="no"/></spine></package>"#;
    let page = |body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"><body>{body}</body></html>"
        )
    };
    let nav = page(
        "<nav epub:type=\"toc\"><ol><li><a href=\"c1.xhtml\">The First River</a></li><li><a href=\"c2.xhtml\">The Second River</a></li></ol></nav>",
    );
    let c1 = page(
        "<p>The first river runs north&nbsp;to the sea.<a epub:type=\"noteref\" id=\"r1\" href=\"notes.xhtml#n1\">1</a></p><p>It floods in <em>spring</em>.</p>",
    );
    let c2 = page("<h1>The Second River</h1><p>The second runs south.</p>");
    let notes = page(
        "<aside epub:type=\"endnote\" id=\"n1\"><p><a href=\"c1.xhtml#r1\">1</a> Measured in 1901.</p></aside>",
    );
    let file = std::fs::File::create(path).unwrap();
    let mut w = zip::ZipWriter::new(file);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/epub+zip").unwrap();
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let container = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    for (name, text) in [
        ("META-INF/container.xml", container.to_owned()),
        ("OEBPS/content.opf", opf.to_owned()),
        ("OEBPS/nav.xhtml", nav),
        ("OEBPS/c1.xhtml", c1),
        ("OEBPS/c2.xhtml", c2),
        ("OEBPS/notes.xhtml", notes),
    ] {
        w.start_file(name, deflated).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn a_book_prints_with_its_chapters_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.epub");
    book(&path);
    let (code, stdout, stderr) = lectern(&["print", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "Two Rivers\nAnn Lee\n\nSource: River Press, language en, urn:uuid:two-rivers\n\nThe First River\n\nThe first river runs north\u{a0}to the sea.[1]\n\n\
         It floods in *spring*.\n\nThe Second River\n\nThe second runs south.\n\nNotes\n[1] Measured in 1901.\n"
    );
    let (code, stdout, stderr) = lectern(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("2 sections, 3 paragraphs, 1 footnote,"),
        "{stdout}"
    );
}

#[test]
fn the_imported_ron_prints_exactly_what_the_book_prints() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.epub");
    book(&path);
    let out = dir.path().join("two.ron");
    let (code, _, stderr) = lectern(&[
        "import",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (_, from_book, _) = lectern(&["print", path.to_str().unwrap()]);
    let (code, from_ron, stderr) = lectern(&["print", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(from_ron, from_book);
    assert!(!from_book.is_empty());
}
