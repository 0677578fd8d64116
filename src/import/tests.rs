//! The Markdown mapping, rule by rule, on small texts; every document also goes through RON
//! and back.

use super::*;
use crate::model::{BlockKind, Document, Inline, TextStyle};

fn import_ok(src: &str) -> (Document, Vec<String>) {
    let loaded = parse_markdown(src).unwrap_or_else(|e| panic!("{e:?}"));
    assert_round_trips(&loaded.doc);
    let warnings = loaded
        .warnings
        .iter()
        .map(|d| d.display("f.md").to_string())
        .collect();
    (loaded.doc, warnings)
}

/// RON export loads back to an equal document.
fn assert_round_trips(doc: &Document) {
    let ron = to_ron(doc).unwrap();
    let back = crate::model::load::parse(&ron)
        .unwrap_or_else(|e| panic!("{e:?}\n{ron}"))
        .doc;
    assert_eq!(back.meta, doc.meta);
    assert_eq!(back.sections, doc.sections);
    assert_eq!(back.paragraphs, doc.paragraphs);
    assert_eq!(back.footnotes, doc.footnotes);
    assert_eq!(back.glossary.entries, doc.glossary.entries);
}

/// (kind, plain text) of every paragraph.
fn blocks(doc: &Document) -> Vec<(BlockKind, String)> {
    doc.paragraphs
        .iter()
        .map(|p| (p.kind.clone(), p.plain_text()))
        .collect()
}

fn text(s: &str, style: TextStyle) -> Inline {
    Inline::Text {
        text: s.into(),
        style,
    }
}

const PLAIN: TextStyle = TextStyle {
    emph: false,
    strong: false,
    code: false,
    strike: false,
};

fn item(marker: &str, depth: u8) -> BlockKind {
    BlockKind::Item {
        marker: marker.into(),
        depth,
    }
}

#[test]
fn title_is_the_first_h1_and_authors_the_emphasis_line_under_it() {
    let (doc, warnings) = import_ok("# The *Water* Cycle\n\n*By A. One and B. Two*\n\nText.\n");
    assert_eq!(
        doc.meta.title,
        vec![
            text("The ", PLAIN),
            text(
                "Water",
                TextStyle {
                    emph: true,
                    ..PLAIN
                }
            ),
            text(" Cycle", PLAIN),
        ]
    );
    assert_eq!(doc.meta.authors, ["A. One", "B. Two"]);
    assert_eq!(blocks(&doc), [(BlockKind::Prose, "Text.".into())]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn front_matter_gives_title_authors_note_and_source() {
    let src = "---\ntitle: Front *Title*\nauthor: X, Y\nauthor_note: X *teaches*.\nsource: A book\nlayout: post\n---\n# Part\n\nText.\n";
    let (doc, _) = import_ok(src);
    assert_eq!(doc.title(), "Front Title");
    assert_eq!(doc.meta.authors, ["X", "Y"]);
    assert_eq!(doc.meta.source.as_deref(), Some("A book"));
    assert!(doc.meta.author_note.is_some());
    // With a front-matter title, every level-1 heading is a section.
    assert_eq!(doc.sections[0].title(), "Part");
    assert_eq!(doc.sections[0].level, 1);
}

#[test]
fn without_any_title_the_first_text_is_used_with_a_warning() {
    let (doc, warnings) = import_ok("## Only a subheading\n\nText.\n");
    assert_eq!(doc.title(), "Only a subheading");
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with("f.md:1:1: warning: no title"),
        "{warnings:?}"
    );
}

#[test]
fn headings_nest_and_skipped_levels_are_clamped() {
    let src = "# T\n\nintro\n\n## A\n\na\n\n#### A1\n\nx\n\n### A2\n\ny\n\n## B\n\nb\n";
    let (doc, _) = import_ok(src);
    let got: Vec<(String, u8, &str, Option<usize>)> = doc
        .sections
        .iter()
        .map(|s| (s.title(), s.level, s.number.as_str(), s.parent))
        .collect();
    assert_eq!(
        got,
        [
            ("Introduction".into(), 0, "", None),
            ("A".into(), 1, "1", None),
            ("A1".into(), 2, "1.1", Some(1)),
            ("A2".into(), 2, "1.2", Some(1)),
            ("B".into(), 1, "2", None),
        ]
    );
    assert_eq!(doc.paragraphs[2].section, 2);
}

#[test]
fn blocks_keep_quotes_markers_and_code_lines() {
    let src = "# T\n\n> quoted\n> text\n\n- a\n- b\n  * inner\n\n  more of b\n\n3) three\n4) four\n\n+ plus\n\n```rust\nfn x() {\n\ty\n}\n```\n\n---\n\n<div>\n*raw*\n</div>\n";
    let (doc, _) = import_ok(src);
    assert_eq!(
        blocks(&doc),
        [
            (BlockKind::Quote, "quoted text".into()),
            (item("-", 0), "a".into()),
            (item("-", 0), "b".into()),
            (item("*", 1), "inner".into()),
            (BlockKind::Prose, "more of b".into()),
            (item("3)", 0), "three".into()),
            (item("4)", 0), "four".into()),
            (item("+", 0), "plus".into()),
            (BlockKind::Code, "fn x() {\n        y\n}".into()),
            (BlockKind::Code, "<div>\n*raw*\n</div>".into()),
        ]
    );
}

#[test]
fn a_second_paragraph_of_an_item_joins_it_after_a_line_break() {
    let (doc, _) = import_ok("# T\n\n1. first\n\n   second\n2. next\n");
    assert_eq!(
        blocks(&doc),
        [
            (item("1.", 0), "first\nsecond".into()),
            (item("2.", 0), "next".into()),
        ]
    );
}

#[test]
fn tables_are_aligned_preformatted_text() {
    let (doc, _) = import_ok("# T\n\n| a | long |\n|--:|------|\n| 10 | *x* |\n");
    assert_eq!(
        blocks(&doc),
        [(BlockKind::Code, " a | long\n---+-----\n10 | x".into())]
    );
}

#[test]
fn inline_styles_links_images_and_breaks() {
    let src = "# T\n\n*e* **s** ~~k~~ `c` [link](https://a.org/x) <https://b.org> ![a *b*](i.png)\nsee https://c.org/y. end  \nnext <b>raw</b> <x@y.org>\n";
    let (doc, _) = import_ok(src);
    let emph = TextStyle {
        emph: true,
        ..PLAIN
    };
    let strong = TextStyle {
        strong: true,
        ..PLAIN
    };
    let strike = TextStyle {
        strike: true,
        ..PLAIN
    };
    let code = TextStyle {
        code: true,
        ..PLAIN
    };
    let link = |t: &str, u: &str| Inline::Link {
        text: t.into(),
        url: u.into(),
        style: PLAIN,
    };
    assert_eq!(
        doc.paragraphs[0].inlines,
        vec![
            text("e", emph),
            text(" ", PLAIN),
            text("s", strong),
            text(" ", PLAIN),
            text("k", strike),
            text(" ", PLAIN),
            text("c", code),
            text(" ", PLAIN),
            link("link", "https://a.org/x"),
            text(" ", PLAIN),
            link("https://b.org", "https://b.org"),
            text(" [image: a b] see ", PLAIN),
            link("https://c.org/y", "https://c.org/y"),
            text(". end", PLAIN),
            Inline::LineBreak,
            text("next <b>raw</b> ", PLAIN),
            link("x@y.org", "mailto:x@y.org"),
        ]
    );
}

#[test]
fn awkward_links_and_code_still_round_trip() {
    let src = "# T\n\n[![badge](b.svg) [x]](https://a.org/p_(q)) and [sp](<a b>) and ``a`b`` and http://h.org/a*b* and https://x.org/(y[z](https://u.org)\n";
    let (doc, _) = import_ok(src);
    let p = &doc.paragraphs[0].inlines;
    assert!(p.contains(&Inline::Link {
        text: "[image: badge] [x]".into(),
        url: "https://a.org/p_(q)".into(),
        style: PLAIN
    }));
    assert!(
        p.iter()
            .any(|i| matches!(i, Inline::Link { url, .. } if url == "a%20b"))
    );
}

#[test]
fn control_characters_never_reach_the_document() {
    let (doc, _) =
        import_ok("# T\u{1b}[2J\n\nA \u{1b}]52;c;x\u{7} b\u{202e}c\n\n```\n\u{1b}[31m\n```\n");
    assert_eq!(doc.title(), "T␛[2J");
    assert_eq!(doc.paragraphs[0].plain_text(), "A ␛]52;c;x␇ b[RLO]c");
    assert_eq!(doc.paragraphs[1].plain_text(), "␛[31m");
}

#[test]
fn footnotes_are_numbered_in_order_of_first_reference() {
    let src = "# T\n\nOne[^Zeta] two[^alpha] again[^zeta].\n\n[^alpha]: Alpha, citing [^inner].\n\n    Second paragraph.\n\n[^inner]: Inner.\n\nLater text.\n\n[^zeta]: Zeta.\n";
    let (doc, warnings) = import_ok(src);
    assert!(warnings.is_empty(), "{warnings:?}");
    let refs: Vec<u32> = doc.paragraphs[0].footnote_refs().collect();
    assert_eq!(refs, [1, 2, 1]);
    let notes: Vec<(u32, String)> = doc
        .footnotes
        .iter()
        .map(|f| (f.number, f.inlines.iter().map(|i| i.plain_text()).collect()))
        .collect();
    assert_eq!(
        notes,
        [
            (1, "Zeta.".into()),
            (2, "Alpha, citing [3].\nSecond paragraph.".into()),
            (3, "Inner.".into()),
        ]
    );
    assert_eq!(blocks(&doc).len(), 2);
}

#[test]
fn footnote_problems_are_warnings_at_their_place() {
    let src = "# T\n\nA[^a] b[^missing] c[^dup] \\[^escaped] `[^code]`.\n\n[^a]: A.\n[^dup]: First.\n[^DUP]: Second.\n[^unused]: Never cited.\n[^empty]:\n";
    let (doc, warnings) = import_ok(src);
    assert_eq!(
        warnings,
        [
            "f.md:3:8: warning: footnote [^missing] is referenced but never defined; it is shown as text",
            "f.md:7:1: warning: footnote [^DUP] is defined twice (first at line 6); the first definition is used",
            "f.md:8:1: warning: footnote [^unused] is defined but never referenced; it is kept as footnote 3 after the others",
            "f.md:9:1: warning: footnote [^empty] is empty; references to it are shown as text",
        ]
    );
    assert_eq!(
        doc.paragraphs[0].plain_text(),
        "A[1] b[^missing] c[2] [^escaped] [^code]."
    );
    assert_eq!(doc.footnotes.len(), 3);
    assert_eq!(doc.footnotes[1].inlines, vec![text("First.", PLAIN)]);
    assert_eq!(doc.footnotes[2].inlines, vec![text("Never cited.", PLAIN)]);
}

#[test]
fn unreferenced_footnotes_are_kept_after_the_others_with_what_they_cite() {
    let src = "# T\n\nText[^a].\n\n[^a]: A.\n[^b]: B cites [^c].\n[^c]: C.\n[^d]: D.\n";
    let (doc, warnings) = import_ok(src);
    let texts: Vec<String> = doc
        .footnotes
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f.number,
                crate::model::inline::to_plain(&f.inlines)
            )
        })
        .collect();
    assert_eq!(texts, ["1 A.", "2 B cites [3].", "3 C.", "4 D."]);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("[^b] is defined but never referenced; it is kept as footnote 2"));
    assert!(warnings[1].contains("[^d] is defined but never referenced; it is kept as footnote 4"));
}

#[test]
fn glossary_from_a_definition_list() {
    let src = "# T\n\nThe DPRK and the ROK and the thing.\n\n## Glossary\n\nDPRK (also: North Korea, Pyongyang)\n: The *northern* state.\n\n  See also: rok\n\nROK\n: The southern state.\n\nthing (also: a, b; c)\n: A thing.\n";
    let (doc, warnings) = import_ok(src);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc.sections.len(), 1, "the glossary is not body text");
    let g = &doc.glossary.entries;
    assert_eq!(g.len(), 3);
    assert_eq!(g[0].id, "dprk");
    assert_eq!(g[0].term, "DPRK");
    assert_eq!(g[0].aliases, ["North Korea", "Pyongyang"]);
    assert_eq!(g[0].see_also, [1]);
    assert_eq!(
        g[0].definition,
        vec![
            text("The ", PLAIN),
            text(
                "northern",
                TextStyle {
                    emph: true,
                    ..PLAIN
                }
            ),
            text(" state.", PLAIN),
        ]
    );
    assert_eq!(g[2].aliases, ["a, b", "c"]);
}

#[test]
fn glossary_from_strong_term_items_with_duplicates_left_out() {
    let src = "# T\n\nText.\n\n# glossary\n\n- **Rain**: Water falling.\n- **Snow:** Frozen rain.\n- **Hail** — Ice.\n- **rain**: Again.\n";
    let (doc, warnings) = import_ok(src);
    let terms: Vec<&str> = doc
        .glossary
        .entries
        .iter()
        .map(|e| e.term.as_str())
        .collect();
    assert_eq!(terms, ["Rain", "Snow", "Hail"]);
    assert_eq!(
        doc.glossary.entries[1].definition,
        vec![text("Frozen rain.", PLAIN)]
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with(
            "f.md:10:3: warning: glossary term `rain` is already a spelling of entry `Rain`"
        ),
        "{warnings:?}"
    );
}

#[test]
fn a_glossary_section_with_other_text_stays_text() {
    let src = "# T\n\n## Glossary\n\nSome words:\n\n- **Rain**: Water.\n";
    let (doc, warnings) = import_ok(src);
    assert!(doc.glossary.is_empty());
    assert_eq!(doc.paragraphs.len(), 2);
    assert!(warnings[0].starts_with("f.md:3:1: warning: section `Glossary` is kept as text"));
}

#[test]
fn paragraph_ids_survive_edits_elsewhere_and_repeats_are_numbered() {
    let before = "# T\n\nFirst.\n\nSecond[^1].\n\nSame.\n\nSame.\n\n[^1]: N.\n";
    let after = "# T\n\nA new first paragraph.\n\nFirst.\n\nSecond, edited.\n\nSame.\n\nSame.\n";
    let (a, _) = import_ok(before);
    let (b, _) = import_ok(after);
    let ids =
        |d: &Document| -> Vec<String> { d.paragraphs.iter().map(|p| p.id.0.clone()).collect() };
    let (a, b) = (ids(&a), ids(&b));
    assert_eq!(a[0], b[1]);
    assert_ne!(a[1], b[2]);
    assert_eq!(&a[2..], &b[3..]);
    assert_eq!(a[3], format!("{}-2", a[2]));
}

#[test]
fn article_id_comes_from_title_and_authors() {
    let (a, _) = import_ok("# Rain\n\n*Ann*\n\nOne.\n");
    let (b, _) = import_ok("# Rain\n\n*Ann*\n\nTwo, quite different.\n");
    let (c, _) = import_ok("# Rain\n\n*Bob*\n\nOne.\n");
    assert_eq!(a.meta.id, b.meta.id);
    assert_ne!(a.meta.id, c.meta.id);
    assert!(a.meta.id.starts_with("rain-"));
}

#[test]
fn nested_headings_and_callouts_become_strong_text() {
    let (doc, _) = import_ok("# T\n\n> [!NOTE]\n> Mind the gap.\n\n- # In a list\n");
    let strong = TextStyle {
        strong: true,
        ..PLAIN
    };
    assert_eq!(
        doc.paragraphs[0].inlines,
        vec![text("Note:", strong), text(" Mind the gap.", PLAIN)]
    );
    assert_eq!(doc.paragraphs[1].inlines, vec![text("In a list", strong)]);
}

#[test]
fn a_title_taken_from_indented_code_is_not_empty() {
    // Found by fuzzing (markdown_import): the first 60 characters of the only block were
    // tab stops turned to spaces, and the title came out empty, which RON refuses.
    let src = format!(" {}0]\"),\n       \r\r\r\r\r", "\t".repeat(29));
    let (doc, warnings) = import_ok(&src);
    assert_eq!(crate::model::inline::to_plain(&doc.meta.title), "0]\"),");
    assert!(warnings[0].contains("using “0]\"),”"), "{warnings:?}");
}

#[test]
fn a_blank_front_matter_title_is_ignored() {
    // Found by fuzzing (markdown_import): `title:` with nothing after it gave an empty title.
    for src in [
        "---\ntitle: \n---\n\n# Real\n\ntext\n",
        "---\ntitle: \"\"\n---\n\n# Real\n\ntext\n",
    ] {
        let (doc, warnings) = import_ok(src);
        assert_eq!(crate::model::inline::to_plain(&doc.meta.title), "Real");
        assert!(warnings[0].contains("`title:` is empty"), "{warnings:?}");
    }
}

#[test]
fn nothing_to_read_is_an_error() {
    for (src, message) in [
        ("", "1:1: file is empty"),
        (" \n\t", "1:1: file is empty"),
        ("---\ntitle: x\n---\n", "1:1: the article has no paragraphs"),
        (
            "[a]: https://x.org\n\n***\n",
            "1:1: the file has no text to read",
        ),
    ] {
        let err = parse_markdown(src).unwrap_err();
        let shown = err[0].display("f.md").to_string();
        assert!(
            shown.starts_with(&format!("f.md:{message}")),
            "{src:?}: {shown}"
        );
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let src = format!(
        "# T\n\n{}deep\n\n{}x\n",
        "> ".repeat(5000),
        "- ".repeat(5000)
    );
    let (doc, _) = import_ok(&src);
    assert_eq!(doc.paragraphs[0].plain_text(), "deep");
}

#[test]
fn markdown_export_reads_back_to_the_same_content() {
    let src = "---\ntitle: T\nauthors: A\n---\nIntro *e* **s**[^x].\n\n# One\n\n> Q\n\n1. a\n   - b\n\n```\ncode\n```\n\n## Glossary\n\nterm (also: t)\n: Def.\n\n[^x]: Note with `code`.\n";
    let (doc, _) = import_ok(src);
    let back = parse_markdown(&to_markdown(&doc)).unwrap().doc;
    assert_eq!(back.meta, doc.meta);
    assert_eq!(back.sections, doc.sections);
    assert_eq!(back.paragraphs, doc.paragraphs);
    assert_eq!(back.footnotes, doc.footnotes);
    assert_eq!(back.glossary.entries, doc.glossary.entries);
}

/// Markdown pieces that stress the mapping when run together at random.
const FRAGMENTS: &[&str] = &[
    "# ",
    "## ",
    "#### ",
    "\n",
    "\n\n",
    "text ",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "[^a]",
    "[^B]",
    "[^a]: ",
    "[^b]: ",
    "    ",
    "- ",
    "1. ",
    "3) ",
    "> ",
    "> [!NOTE]\n",
    "```\n",
    "| a | b |\n|---|---|\n| x | y |\n",
    "http://ex.org/a",
    "https://x.y/(z)",
    " <https://q.r> ",
    "<b>",
    "<div>\n",
    "![alt](i.png)",
    "[l](u v)",
    "\\",
    "\\[",
    "&amp;",
    "## Glossary\n",
    "Term\n: def\n",
    "- **T**: d\n",
    "(also: a, b)",
    "See also: T",
    "---\n",
    "title: x\n",
    "\u{1b}",
    "\t",
    "é",
    "北",
    ":",
    "  \n",
    "***",
    "&#32;",
    "[x]: http://r\n",
    "[x]",
    "\r\n",
];

#[test]
fn random_markdown_never_panics_and_always_round_trips_through_ron() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut imported = 0;
    for _ in 0..3000 {
        let n = next() % 30;
        let src: String = (0..n)
            .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        if let Ok(loaded) = parse_markdown(&src) {
            assert_round_trips(&loaded.doc);
            imported += 1;
        }
    }
    assert!(imported > 2000, "{imported}");
}

#[test]
fn footnote_references_where_none_can_stand_are_left_out_with_a_warning() {
    let src = "# Title[^t]\n\nText[^a].\n\n## Glossary\n\nrain\n: Water[^a].\n\n[^t]: On the title.\n[^a]: A.\n";
    let (doc, warnings) = import_ok(src);
    assert_eq!(doc.title(), "Title");
    assert_eq!(doc.glossary.entries[0].definition.len(), 1);
    assert_eq!(doc.footnotes.len(), 2);
    assert_eq!(
        warnings,
        [
            "f.md:1:8: warning: the title cannot hold footnote references; [^t] is left out",
            "f.md:8:8: warning: a glossary definition cannot hold footnote references; [^a] is left out",
            "f.md:10:1: warning: footnote [^t] is defined but never referenced; it is kept as footnote 2 after the others",
        ]
    );
}

#[test]
fn check_also_warns_about_glossary_entries_that_never_occur() {
    let src = "# T\n\nRain falls.\n\n## Glossary\n\nrain\n: Water.\n\nsnow\n: Ice.\n";
    assert!(parse_markdown(src).unwrap().warnings.is_empty());
    let checked = check_markdown(src).unwrap();
    let shown: Vec<String> = checked
        .warnings
        .iter()
        .map(|d| d.display("f.md").to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "f.md:10:1: warning: glossary entry `snow`: neither its term nor an alias occurs in the text"
        ]
    );
}
