//! The one import entry, end to end: the reader's loader, `print`, `check` and `import` tell
//! a file's format by its content and extension alike, and the format's own loader reads
//! it; `import` takes RON articles too.

mod common;

use std::path::{Path, PathBuf};

use common::lectern;
use lectern::import::SourceFormat;

/// The first bytes of an EPUB: a zip's local file header for a stored `mimetype` entry,
/// then its content.
fn epub_bytes() -> Vec<u8> {
    let mut out = b"PK\x03\x04".to_vec();
    out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method 0 (stored), time, date
    out.extend([0; 12]); // crc-32 and sizes, which detection does not read
    out.extend(8u16.to_le_bytes()); // name length
    out.extend(0u16.to_le_bytes()); // extra field length
    out.extend(b"mimetype");
    out.extend(b"application/epub+zip");
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// (file name, bytes, the format's name); each name's extension says another format, or
/// none, so that the content is what tells.
fn disguised_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        ("paper.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(), "PDF"),
        ("book.md", epub_bytes(), "EPUB"),
        (
            "page.ron",
            b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>\n".to_vec(),
            "HTML",
        ),
    ]
}

#[test]
fn the_content_picks_the_loader_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, format) in disguised_files() {
        let path = write(dir.path(), name, &bytes);
        assert_eq!(SourceFormat::sniff(&path).name(), format, "{name}");
        // The format's own loader answers: the page opens, the cut PDF and EPUB are
        // refused in their own words (never as Markdown or RON).
        match common::open_article(Some(&path)) {
            Ok(loaded) => assert_eq!(format, "HTML", "{name}: {:?}", loaded.doc.meta),
            Err(e) => {
                let message = e.to_string();
                assert!(
                    !message.contains("RON") && !message.contains("Markdown"),
                    "{name}: {message}"
                );
                assert!(
                    message.contains(format) || message.contains("zip"),
                    "{name}: {message}"
                );
            }
        }
    }
}

#[test]
fn sniffing_reads_the_content_and_falls_back_to_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], SourceFormat); 6] = [
        ("a.md", b"%PDF-1.4", SourceFormat::Pdf),
        ("a.ron", b"<!doctype html>", SourceFormat::Html),
        ("a.ron", b"# Title\n", SourceFormat::Ron),
        ("a.txt", b"# Title\n\nText.\n", SourceFormat::Markdown),
        ("a.txt", b"Article(\n", SourceFormat::Ron),
        ("a.epub", b"not a zip", SourceFormat::Epub),
    ];
    for (name, bytes, format) in cases {
        let path = write(dir.path(), name, bytes);
        assert_eq!(SourceFormat::sniff(&path), format, "{name}: {bytes:?}");
    }
    // What is not a regular file is told by its name alone, and its loader says what it is.
    let sub = dir.path().join("sub.md");
    std::fs::create_dir(&sub).unwrap();
    assert_eq!(SourceFormat::sniff(&sub), SourceFormat::Markdown);
    let missing = dir.path().join("missing.ron");
    assert_eq!(SourceFormat::sniff(&missing), SourceFormat::Ron);
}

#[test]
fn import_of_a_ron_article_writes_it_out_again() {
    let src = "content/korean-peninsula.ron";
    let (code, ron, stderr) = lectern(&["import", src]);
    assert_eq!(code, 0, "{stderr}");
    assert!(ron.starts_with("// Written by `lectern import`."), "{ron}");
    let again = lectern::model::load::parse(&ron).unwrap().doc;
    let original = lectern::content::bundled().unwrap().doc;
    assert_eq!(again.meta, original.meta);
    assert_eq!(again.sections, original.sections);
    assert_eq!(again.paragraphs, original.paragraphs);
    assert_eq!(again.footnotes, original.footnotes);
    assert_eq!(again.glossary.entries, original.glossary.entries);

    // Written out again, the output is a fixed point.
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first.ron", ron.as_bytes());
    let out = dir.path().join("second.ron");
    let (code, stdout, stderr) = lectern(&[
        "import",
        first.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(std::fs::read_to_string(out).unwrap(), ron);
}

#[test]
fn markdown_without_a_markdown_extension_is_read_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "water.txt",
        b"# The Water Cycle\n\nWater moves between sea, air and land.\n",
    );
    let path = path.to_str().unwrap();
    let (code, stdout, stderr) = lectern(&["print", path]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("The Water Cycle\n"), "{stdout}");
    let (code, stdout, stderr) = lectern(&["check", path]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(": ok (article, "), "{stdout}");
}

#[test]
fn a_cut_epub_is_told_by_its_content_and_refused_with_a_located_message() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["book.epub", "book.md"] {
        let path = write(dir.path(), name, &epub_bytes());
        assert_eq!(SourceFormat::sniff(&path), SourceFormat::Epub);
        let path = path.to_str().unwrap();
        for args in [vec!["print", path], vec!["check", path], vec![path]] {
            let (code, stdout, stderr) = lectern(&args);
            assert_eq!(code, 1, "{args:?}: {stderr}");
            let expected = format!("{path}:1:1: not an EPUB: the file is not a readable zip");
            assert!(stderr.starts_with(&expected), "{args:?}: {stderr}");
            assert_eq!(stdout, "", "{args:?}");
        }
    }
}
