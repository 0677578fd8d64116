//! Parsing in chunks gives what parsing in one piece gives: the same document, the same
//! warnings at the same lines and columns, for texts built to trip the chunking up; and a
//! file read in pieces gives what the same text in memory gives.

use super::*;

/// Everything an import produces, in comparable form.
#[derive(Debug, PartialEq)]
struct Outcome {
    doc: Option<DocParts>,
    /// Where each glossary entry is.
    entry_at: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, PartialEq)]
struct DocParts {
    meta: crate::model::Meta,
    sections: Vec<crate::model::Section>,
    paragraphs: Vec<crate::model::Paragraph>,
    footnotes: Vec<crate::model::Footnote>,
    glossary: Vec<crate::model::GlossaryEntry>,
}

fn parts(doc: crate::model::Document) -> DocParts {
    DocParts {
        meta: doc.meta,
        sections: doc.sections,
        paragraphs: doc.paragraphs,
        footnotes: doc.footnotes,
        glossary: doc.glossary.entries,
    }
}

fn outcome(src: &str, imported: Imported) -> Outcome {
    let map = SourceMap::positions_only(src);
    match imported.into_loaded(|at| map.pos_at(at)) {
        Ok((loaded, entry_at)) => Outcome {
            doc: Some(parts(loaded.doc)),
            entry_at,
            diagnostics: loaded.warnings,
        },
        Err(diagnostics) => Outcome {
            doc: None,
            entry_at: Vec::new(),
            diagnostics,
        },
    }
}

/// Imports `src` in one piece and in the smallest chunks; asserts they agree and returns how
/// the chunked import went.
fn same_either_way(src: &str) -> Chunking {
    let whole = import_text(src, None);
    assert!(whole.chunking.chunks <= 1);
    let split = import_text(src, Some(0));
    let chunking = split.chunking.clone();
    assert_eq!(
        outcome(src, split),
        outcome(src, whole),
        "{chunking:?}\n{src}"
    );
    chunking
}

/// Like [`same_either_way`], and the chunks were kept.
fn chunked_alike(src: &str) -> Chunking {
    let chunking = same_either_way(src);
    assert!(chunking.chunks > 1, "{src}");
    assert_eq!(chunking.fallback, None, "{src}");
    chunking
}

fn crlf(src: &str) -> String {
    src.replace('\n', "\r\n")
}

#[test]
fn fixtures_and_a_small_book_parse_alike_in_chunks() {
    for name in ["article.md", "footnotes.md", "glossary_items.md"] {
        let path = format!("{}/tests/fixtures/md/{name}", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(&path).unwrap();
        same_either_way(&src);
        same_either_way(&crlf(&src));
    }
    let book = book_markdown(3);
    let chunking = chunked_alike(&book);
    assert!(chunking.largest < book.len() / 3, "{chunking:?}");
    chunked_alike(&crlf(&book));
}

#[test]
fn pulldown_never_parses_more_than_a_chapter_of_the_book_at_once() {
    let chapters = 20;
    let book = book_markdown(chapters);
    let chunking = import_text(&book, Some(plan::MIN_CHUNK)).chunking;
    assert_eq!(chunking.fallback, None);
    assert!(chunking.chunks > chapters, "{chunking:?}");
    assert!(chunking.largest < book.len() / chapters, "{chunking:?}");
}

#[test]
fn headings_inside_code_html_lists_and_quotes_do_not_start_chunks() {
    let src = "# T\n\nIntro.\n\n```sh\nrun\n\n# a comment, not a heading\n```\n\n## Next\n\nText.\n\n<!--\n\n# hidden\n\n-->\n\n## After\n\n- item\n\n  # heading in an item\n\n> quote\n>\n> # heading in a quote\n\n- item\n# right after an item\n\n> quote\n# right after a quote\n\n## End\n\nDone.\n";
    chunked_alike(src);
    chunked_alike(&crlf(src));
    let doc = parse_markdown(src).unwrap().doc;
    assert!(doc.paragraphs[1].plain_text().contains("# a comment"));
}

#[test]
fn footnotes_and_links_defined_in_other_chapters() {
    let src = "# One\n\nText[^a], [^B] and [the site][site], [Site] and [later].\n\n[^b]: Defined early, cited late too.\n\n# Two\n\nMore[^b] and [^a].\n\n[^a]: Defined after its first use,\n\n    over two paragraphs, citing [^inner].\n\n[site]: https://example.org/x \"The title\"\n\n# Three\n\n[^inner]: Only cited from another footnote.\n[^unused]: Never cited.\n\n[later]: <https://example.org/y>\n";
    chunked_alike(src);
    chunked_alike(&crlf(src));
    let doc = parse_markdown(src).unwrap().doc;
    let first = doc.paragraphs[0].plain_text();
    assert_eq!(first, "Text[1], [2] and the site, Site and later.");
    // The three cited, then the one never cited.
    assert_eq!(doc.footnotes.len(), 4);
}

#[test]
fn problems_across_chapters_are_the_same_warnings() {
    let src = "# One\n\nA[^x], b[^missing] and [^tabled].\n\n| a |\n|---|\n| [^x] |\n\n[^x]: First.\n\n# Two\n\nB[^x].\n\n[^x]: Second.\n[^empty]:\n\n# Three\n\nC[^EMPTY], é [^open\n\n## Glossary\n\nrain\n: Water[^x].\n";
    let chunking = chunked_alike(src);
    assert!(chunking.chunks >= 3);
    let warnings: Vec<String> = parse_markdown(src)
        .unwrap()
        .warnings
        .iter()
        .map(|d| d.display("f.md").to_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w
            .starts_with("f.md:15:1: warning: footnote [^x] is defined twice (first at line 9)")),
        "{warnings:?}"
    );
}

#[test]
fn a_label_left_open_at_a_chunk_end_is_read_on_into_the_next() {
    // With CRLF the blank line is not "\n\n", so the search for the label's `]` runs on.
    let src = "# A\r\n\r\nText [^open \r\n\r\n# B\r\n\r\nclose] more.\r\n";
    chunked_alike(src);
    chunked_alike(&src.replace("\r\n", "\n"));
}

#[test]
fn what_the_plan_cannot_see_falls_back_to_one_piece() {
    for (src, why) in [
        (
            // The fence in the item closes with it; the plan takes the next one to close it.
            "# A\n\n- item\n  ```\n  code\n\ntext\n```\n\n# in a fence\n```\n\n# B\n",
            "a code or HTML block runs to the end of the chunk",
        ),
        (
            "# A\n\nText[^q].\n\n# B\n\n> [^q]: Defined in a quote.\n",
            "the chunk's footnote definitions are not where the plan saw them",
        ),
        (
            "# A\n\n[l]: /one\n\n[l] here.\n\n# B\n\n[l]: /two\n\n[l] there.\n",
            "a link label is defined in two chunks",
        ),
        (
            // A paragraph's second line is not a definition, though it looks like one.
            "# A\n\nSee [l].\n\n# B\n\nSome text\n[l]: /not-a-definition\n",
            "a reference link was resolved differently than in the whole text",
        ),
    ] {
        assert_eq!(same_either_way(src).fallback, Some(why), "{src}");
    }
}

#[test]
fn a_stand_in_after_an_open_fence_at_the_end_is_caught() {
    let src = "# A\n\nText[^z].\n\n# B\n\n[^z]: Z.\n\n# C\n\nMore[^z].\n\n```\nopen to the end";
    assert!(same_either_way(src).fallback.is_some());
}

/// Pieces that stress chunk boundaries when run together at random.
const PIECES: &[&str] = &[
    "\n\n# ",
    "\n\n## ",
    "\n\n### ",
    "\n",
    "\n\n",
    "\r\n",
    "text ",
    "*",
    "`",
    "[",
    "]",
    "[^a]",
    "[^B]",
    "[^a c]",
    "\n[^a]: ",
    "\n[^b]: ",
    "\n[^A  c]: ",
    "[x]",
    "[x][]",
    "\n[x]: /u\n",
    "\n[X]: /v 't'\n",
    "\n```\n",
    "\n~~~\n",
    "\n<!--\n",
    "-->",
    "\n<div>\n",
    "\n- ",
    "\n> ",
    "\n    ",
    "\n| a |\n|---|\n| [^a] |\n",
    "\nTerm\n: def\n",
    "Glossary",
    "é",
    "\\",
];

#[test]
fn random_texts_parse_alike_in_chunks() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut kept = 0;
    for _ in 0..3000 {
        let n = next() % 40;
        let src: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let chunking = same_either_way(&src);
        if chunking.chunks > 1 && chunking.fallback.is_none() {
            kept += 1;
        }
    }
    assert!(kept > 500, "{kept}");
}

mod files {
    use super::*;
    use std::io::Write;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::File::create(&path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
        path
    }

    /// The file read in pieces (in chunks of at least `min` bytes) imports as the same text
    /// in memory does.
    fn same_as_text(src: &str, min: usize) {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "a.md", src.as_bytes());
        let shown = path.display().to_string();
        let from_file = read::load(&path, MAX_ARTICLE_BYTES, min);
        let from_text = parse_markdown(src).map_err(|diagnostics| FileError {
            path: shown,
            diagnostics,
        });
        match (from_file, from_text) {
            (Ok(a), Ok(b)) => {
                assert_eq!(parts(a.doc), parts(b.doc));
                assert_eq!(a.warnings, b.warnings);
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("{:?}\n{:?}", a.err(), b.err()),
        }
    }

    #[test]
    fn files_read_in_pieces_import_like_text() {
        let mut book = book_markdown(3);
        book = book.replacen(
            "\n# Chapter 3",
            "\nA stray[^stray] reference.\n\n# Chapter 3",
            1,
        );
        book.push_str("\n[^c1-1]: Defined again, in the last chapter.\n");
        same_as_text(&book, MIN_FILE_CHUNK);
        same_as_text(&crlf(&book), MIN_FILE_CHUNK);
        let tricky = "\u{feff}---\ntitle: T\n---\n# One\n\nText[^a] and [l].\n\n# Two\n\n[^a]: A.\n[^a]: Again.\n\n[l]: /x\n\nUndefined[^u] é.";
        same_as_text(tricky, 0);
        same_as_text("# A\n\n```\nopen\n\n# B\n\nx[^y]\n", 0);
        same_as_text("---\ntitle: only front matter\n---\n", 0);
    }

    const MIN_FILE_CHUNK: usize = 16 << 10;

    #[test]
    fn bad_bytes_in_a_later_chunk_are_reported_as_when_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = book_markdown(3).into_bytes();
        let at = (bytes.len() - 5000..).find(|&i| bytes[i] == b' ').unwrap();
        bytes[at] = 0xff;
        let path = write(&dir, "bad.md", &bytes);
        let shown = path.display().to_string();
        let expected = crate::diag::decode_text(&shown, bytes.clone()).unwrap_err();
        assert!(expected.to_string().contains(&format!("byte offset {at}")));
        let got = read::load(&path, MAX_ARTICLE_BYTES, 0).unwrap_err();
        assert_eq!(got.to_string(), expected.to_string());

        let blank = write(&dir, "blank.md", b" \n\t\r\n");
        let got = read::load(&blank, MAX_ARTICLE_BYTES, 0).unwrap_err();
        assert!(
            got.to_string().ends_with("blank.md:1:1: file is empty"),
            "{got}"
        );
        let got = read::load(&path, 1000, 0).unwrap_err();
        assert!(got.to_string().contains("the limit is 1000 bytes"), "{got}");
    }
}
