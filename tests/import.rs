//! Markdown articles end to end: `lectern print`, `check` and `import` on fixture files, the
//! RON round trip, id stability under edits, and a book-sized file.

mod common;

use std::path::Path;

use common::lectern;
use lectern::import::{book_markdown, parse_markdown, to_markdown};
use lectern::model::Document;
use lectern::model::load::{self, Loaded};

const MD: &str = "tests/fixtures/md";

fn fixture(name: &str) -> String {
    format!("{MD}/{name}")
}

fn load_md(path: &str) -> Loaded {
    common::open_article(Some(Path::new(path))).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything a reader sees and notes attach to is equal.
fn assert_same_document(a: &Document, b: &Document) {
    assert_eq!(a.meta, b.meta);
    assert_eq!(a.sections, b.sections);
    assert_eq!(a.paragraphs, b.paragraphs);
    assert_eq!(a.footnotes, b.footnotes);
    assert_eq!(a.glossary.entries, b.glossary.entries);
}

#[test]
fn print_shows_the_markdown_mapping() {
    let (code, stdout, stderr) = lectern(&["print", &fixture("article.md")]);
    assert_eq!(code, 0, "{stderr}");
    let expected = "\
The Water Cycle
A. Teacher

Water moves between sea, air and land.[1] See https://example.org/water.

Evaporation

The sun warms the sea and **water evaporates**; see a diagram <https://example.org/cycle>.

Transpiration

- Plants release *water vapour* by transpiration.[2]

- Animals breathe:

  1. in

  2. out

Nothing is lost.

sea -> air
air -> land

stage       | where
------------+------
evaporation |   sea
rain        |  land

Rain

Clouds cool and rain falls.[1] ~~Snow~~ too, with `code`. Line one
line two.

<span>raw html</span> and [image: a cloud].

Notes
[1] The cycle has no start.
It has no end either.
[2] Also called *evapotranspiration*.

Glossary
evaporation: Liquid water turning into vapour.
transpiration: Water vapour given off by plants.
";
    assert_eq!(stdout, expected);
}

#[test]
fn sections_kinds_and_glossary_of_the_fixture() {
    let doc = load_md(&fixture("article.md")).doc;
    let outline: Vec<(u8, &str, String)> = doc
        .sections
        .iter()
        .map(|s| (s.level, s.number.as_str(), s.title()))
        .collect();
    assert_eq!(
        outline,
        [
            (0, "", "Introduction".into()),
            (1, "1", "Evaporation".into()),
            (2, "1.1", "Transpiration".into()),
            (1, "2", "Rain".into()),
        ]
    );
    let quote = doc
        .paragraphs
        .iter()
        .find(|p| p.plain_text() == "Nothing is lost.")
        .unwrap();
    assert_eq!(quote.kind, lectern::model::BlockKind::Quote);
    let e = &doc.glossary.entries[0];
    assert_eq!(
        (e.term.as_str(), e.aliases.as_slice()),
        ("evaporation", &["evaporates".to_owned()][..])
    );
    assert_eq!(e.see_also, [1]);
    assert_eq!(doc.meta.authors, ["A. Teacher"]);
}

#[test]
fn markdown_extensions_are_recognized_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read(fixture("glossary_items.md")).unwrap();
    for name in ["a.MD", "b.Markdown"] {
        let path = dir.path().join(name);
        std::fs::write(&path, &src).unwrap();
        let doc = common::open_article(Some(&path)).unwrap().doc;
        assert_eq!(doc.glossary.entries.len(), 3, "{name}");
    }
    // `.ron` is RON, and Markdown is not valid RON; an unknown extension goes by content.
    let path = dir.path().join("c.ron");
    std::fs::write(&path, &src).unwrap();
    assert!(common::open_article(Some(&path)).is_err());
    let path = dir.path().join("d.txt");
    std::fs::write(&path, &src).unwrap();
    let doc = common::open_article(Some(&path)).unwrap().doc;
    assert_eq!(doc.glossary.entries.len(), 3, "d.txt");
}

#[test]
fn glossary_from_strong_term_items() {
    let doc = load_md(&fixture("glossary_items.md")).doc;
    let entries: Vec<(&str, Vec<String>, String)> = doc
        .glossary
        .entries
        .iter()
        .map(|e| {
            (
                e.term.as_str(),
                e.aliases.clone(),
                e.definition.iter().map(|i| i.plain_text()).collect(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("Rain", vec![], "Water falling from clouds.".into()),
            (
                "Snow",
                vec!["snowfall".into()],
                "Frozen rain, in flakes.".into()
            ),
            ("Hail", vec![], "Balls of ice.".into()),
        ]
    );
    assert_eq!(doc.sections.len(), 1);
}

#[test]
fn check_reports_footnote_problems_as_warnings_with_positions() {
    let path = fixture("footnotes.md");
    let (code, stdout, stderr) = lectern(&["check", &path]);
    assert_eq!(code, 0, "warnings only: {stderr}");
    assert_eq!(
        stdout,
        format!("{path}: ok (article, 1 section, 3 paragraphs, 5 footnotes, 0 glossary entries)\n")
    );
    let expected = [
        "5:57: warning: footnote [^nope] is referenced but never defined; it is shown as text",
        "13:1: warning: footnote [^dup] is defined twice (first at line 12); the first definition is used",
        "14:1: warning: footnote [^orphan] is defined but never referenced; it is kept as footnote 5 after the others",
    ]
    .map(|l| format!("{path}:{l}"));
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn footnotes_follow_gfm_and_are_numbered_by_first_reference() {
    let doc = load_md(&fixture("footnotes.md")).doc;
    let text: Vec<String> = doc.paragraphs.iter().map(|p| p.plain_text()).collect();
    assert_eq!(
        text,
        [
            "Defined late[1], case-insensitive[2], undefined[^nope] and inside a code span [^code], escaped [^esc].",
            "A second reference[1] and a duplicate[3].",
            "Text after the definitions.",
        ]
    );
    let notes: Vec<String> = doc
        .footnotes
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f.number,
                lectern::model::inline::to_plain(&f.inlines)
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            "1 Defined after its use,\nover two paragraphs.",
            "2 Labels match in any case; this one cites [4].",
            "3 The first definition.",
            "4 Cited only from another footnote.",
            "5 Never referenced.",
        ]
    );
}

#[test]
fn unreadable_markdown_is_an_error_with_a_position() {
    let path = fixture("non_utf8.md");
    let (code, stdout, stderr) = lectern(&["check", &path]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr.trim_end(),
        format!("{path}:3:18: invalid UTF-8 at byte offset 29: the file must be UTF-8 text")
    );
    for args in [vec!["print", &path], vec!["import", &path]] {
        let (code, stdout, stderr) = lectern(&args);
        assert_eq!(code, 1, "{args:?}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("byte offset 29"), "{stderr}");
    }
    let empty = fixture("empty.md");
    let (code, _, stderr) = lectern(&["check", &empty]);
    assert_eq!(code, 1);
    assert_eq!(stderr.trim_end(), format!("{empty}:1:1: file is empty"));
}

#[test]
fn import_to_stdout_loads_back_to_the_same_document() {
    for name in ["article.md", "footnotes.md", "glossary_items.md"] {
        let path = fixture(name);
        let (code, ron, stderr) = lectern(&["import", &path]);
        assert_eq!(code, 0, "{stderr}");
        let back = load::parse(&ron).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        // The footnote nobody cites is kept, and said again.
        let said: Vec<String> = back.warnings.iter().map(|w| w.message.clone()).collect();
        let expected: &[&str] = if name == "footnotes.md" {
            &["footnote 5 is defined but never referenced"]
        } else {
            &[]
        };
        assert_eq!(said, expected, "{name}");
        assert_same_document(&back.doc, &load_md(&path).doc);
    }
    // Warnings go to stderr in the same form as check's.
    let path = fixture("footnotes.md");
    let (_, _, stderr) = lectern(&["import", &path]);
    assert!(
        stderr.starts_with(&format!("{path}:5:57: warning: footnote [^nope]")),
        "{stderr}"
    );
}

#[test]
fn import_to_a_file_is_atomic_and_never_overwrites_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.md");
    std::fs::copy(fixture("article.md"), &input).unwrap();
    let out = dir.path().join("a.ron");
    std::fs::write(&out, "old contents").unwrap();
    let (input_s, out_s) = (input.to_str().unwrap(), out.to_str().unwrap());

    let (code, stdout, stderr) = lectern(&["import", input_s, "-o", out_s]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, lectern(&["import", input_s]).1);
    assert_same_document(&load::load_file(&out).unwrap().doc, &load_md(input_s).doc);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "a.ron"], "no temporary file is left behind");

    let original = std::fs::read(&input).unwrap();
    let hard = dir.path().join("hard.md");
    std::fs::hard_link(&input, &hard).unwrap();
    let dotted = dir
        .path()
        .join("..")
        .join(dir.path().file_name().unwrap())
        .join("a.md");
    let mut targets = vec![input.clone(), hard, dotted];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        targets.push(link);
    }
    for target in &targets {
        let target = target.to_str().unwrap();
        let (code, _, stderr) = lectern(&["import", input_s, "--output", target]);
        assert_eq!(code, 1, "{target}");
        assert!(stderr.contains("is the input file"), "{stderr}");
        assert_eq!(std::fs::read(&input).unwrap(), original);
    }

    let missing_dir = dir.path().join("no/such/dir/x.ron");
    let (code, _, stderr) = lectern(&["import", input_s, "-o", missing_dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot write"), "{stderr}");
}

#[test]
fn paragraph_ids_and_article_id_survive_edits_and_moves() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(fixture("article.md")).unwrap();
    let before = parse_markdown(&original).unwrap().doc;
    // Edit one paragraph, add one, add a footnote reference elsewhere: the other
    // paragraphs keep their ids.
    let edited = original
        .replace("Nothing is lost.", "Nothing is ever lost.")
        .replace(
            "## Rain\n",
            "## Rain\n\nA new paragraph.[^new]\n\n[^new]: New.\n\n",
        )
        .replace("~~Snow~~ too", "~~Snow~~[^plants] too");
    assert_ne!(edited, original);
    let moved = dir.path().join("renamed.md");
    std::fs::write(&moved, &edited).unwrap();
    let after = common::open_article(Some(&moved)).unwrap().doc;
    assert_eq!(
        after.meta.id, before.meta.id,
        "the article id does not depend on the file"
    );

    let ids = |d: &Document| -> Vec<(String, String)> {
        d.paragraphs
            .iter()
            .map(|p| (p.id.0.clone(), p.plain_text()))
            .collect()
    };
    let (before, after) = (ids(&before), ids(&after));
    let mut kept = 0;
    for (id, text) in &before {
        if text == "Nothing is lost." {
            assert!(
                after.iter().all(|(i, _)| i != id),
                "an edited paragraph gets a new id"
            );
        } else if text.starts_with("Clouds cool") {
            let now = after
                .iter()
                .find(|(_, t)| t.starts_with("Clouds cool"))
                .unwrap();
            assert_eq!(&now.0, id, "adding a footnote reference keeps the id");
        } else {
            assert!(
                after.iter().any(|(i, t)| i == id && t == text),
                "{id} {text}"
            );
            kept += 1;
        }
    }
    assert_eq!(kept, before.len() - 2);
}

#[test]
fn the_bundled_article_survives_markdown_export_and_import() {
    let doc = lectern::content::bundled().unwrap().doc;
    let back = parse_markdown(&to_markdown(&doc)).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    let back = back.doc;
    assert_eq!(back.meta.title, doc.meta.title);
    assert_eq!(back.meta.authors, doc.meta.authors);
    assert_eq!(back.meta.author_note, doc.meta.author_note);
    assert_eq!(back.meta.source, doc.meta.source);
    assert_eq!(back.sections, doc.sections);
    let content = |d: &Document| -> Vec<_> {
        d.paragraphs
            .iter()
            .map(|p| (p.kind.clone(), p.inlines.clone(), p.section))
            .collect()
    };
    assert_eq!(content(&back), content(&doc));
    assert_eq!(back.footnotes, doc.footnotes);
    assert_eq!(back.glossary.entries.len(), doc.glossary.entries.len());
    for (a, b) in back.glossary.entries.iter().zip(&doc.glossary.entries) {
        assert_eq!(
            (&a.term, &a.aliases, &a.definition, &a.see_also),
            (&b.term, &b.aliases, &b.definition, &b.see_also)
        );
    }
}

#[test]
fn a_book_sized_file_opens_and_prints_to_its_last_line() {
    let book = book_markdown(100);
    assert!(book.len() >= 4_000_000, "{} bytes", book.len());
    let loaded = parse_markdown(&book).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", &loaded.warnings[..1]);
    let doc = &loaded.doc;
    assert_eq!(doc.footnotes.len(), 2700);
    assert_eq!(doc.paragraphs.len(), 3100);
    assert_eq!(doc.glossary.entries.len(), 61);
    assert_eq!(doc.sections.iter().filter(|s| s.level == 1).count(), 100);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.md");
    std::fs::write(&path, &book).unwrap();
    let (code, stdout, stderr) = lectern(&["print", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let bundled = lectern::content::bundled().unwrap().doc;
    let last = bundled.glossary.entries.last().unwrap();
    let last_line = format!(
        "{}: {}\n",
        last.term,
        lectern::model::inline::to_plain(&last.definition)
    );
    assert!(
        stdout.ends_with(&last_line),
        "{}",
        &stdout[stdout.len() - 300..]
    );
    assert!(stdout.contains("\nChapter 100: The Prospect of Situation"));
    assert!(stdout.contains("\n[2700] "));
}

/// `cargo test --release -- --ignored --nocapture import_speed` prints the figure.
#[test]
#[ignore = "a timing, meaningful only in a release build"]
fn import_speed_of_the_book() {
    let book = book_markdown(100);
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let loaded = parse_markdown(&book).unwrap();
        best = best.min(start.elapsed());
        assert_eq!(loaded.doc.footnotes.len(), 2700);
    }
    println!("parse_markdown, {} bytes: {best:?}", book.len());
    if !cfg!(debug_assertions) {
        assert!(best < std::time::Duration::from_millis(50), "{best:?}");
    }
}
