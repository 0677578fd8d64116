//! The Markdown export (`E`): ready to paste, with every parent heading, quotes cut at a
//! word, no internal ids, the source, the bookmarks, and never over an earlier export.

mod common;

use common::{app, goto, press};

/// Writes `text` as the note on paragraph `p`.
fn note(a: &mut lectern::app::App, p: usize, text: &str) {
    goto(a, p);
    press(a, "a");
    a.modals.editor_mut().unwrap().insert_str(text);
    press(a, "Esc");
}

fn export(a: &mut lectern::app::App) -> (std::path::PathBuf, String) {
    press(a, "E");
    let msg = a.message.clone().unwrap().text;
    let path = msg
        .split(" written to ")
        .nth(1)
        .and_then(|rest| rest.split(" (").next())
        .unwrap_or_else(|| panic!("no path in {msg:?}"));
    let path = std::path::PathBuf::from(path);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

#[test]
fn the_export_has_parent_headings_quotes_on_words_bookmarks_and_no_ids() {
    let mut a = app("default", 100, 30);
    a.export_dir = tempfile::tempdir().unwrap().keep();
    let doc = a.doc.clone();
    // A paragraph of a subsection (2.2), and the shortest paragraph of the article.
    let sub = doc
        .paragraphs
        .iter()
        .position(|p| doc.sections[p.section].level == 2)
        .unwrap();
    let long = (0..doc.paragraphs.len())
        .max_by_key(|&p| doc.paragraphs[p].plain_text().len())
        .unwrap();
    for (p, text) in [(sub, "in a subsection"), (long, "long one")] {
        note(&mut a, p, text);
    }
    goto(&mut a, sub);
    press(&mut a, "m b");
    let (_, md) = export(&mut a);
    let s = &doc.sections[doc.paragraphs[sub].section];
    let parent = &doc.sections[s.parent.unwrap()];
    let parent_heading = format!("\n## {} {}\n", parent.number, parent.title());
    let heading = format!("\n### {} {}\n", s.number, s.title());
    let (hp, hs) = (md.find(&parent_heading), md.find(&heading));
    assert!(hp.is_some() && hs.is_some() && hp < hs, "{md}");
    assert!(!md.contains('`'), "no internal ids: {md}");
    assert!(md.contains("2 notes and 1 bookmark, exported"), "{md}");
    assert!(md.contains("\nSource: Zhang Chi"), "{md}");
    let long_text = lectern::notes::anchor::normalized(&doc.paragraphs[long].plain_text());
    let quoted = md
        .lines()
        .find(|l| l.starts_with("> ") && long_text.starts_with(l[2..].trim_end_matches('…')))
        .unwrap();
    let start = quoted[2..].trim_end_matches('…');
    assert!(quoted.ends_with('…'), "{quoted}");
    assert_eq!(
        long_text[start.len()..].chars().next(),
        Some(' '),
        "the quote ends at a word's end: {quoted}"
    );
    assert!(md.contains("\n## Bookmarks\n\n- **b**: "), "{md}");
}

#[test]
fn a_second_export_keeps_the_first_and_says_where_it_went() {
    let mut a = app("default", 100, 30);
    a.export_dir = tempfile::tempdir().unwrap().keep();
    note(&mut a, 2, "first");
    let (first, _) = export(&mut a);
    note(&mut a, 3, "second");
    let (second, text) = export(&mut a);
    assert_ne!(first, second);
    assert!(second.to_string_lossy().ends_with("-notes-2.md"));
    assert!(std::fs::read_to_string(&first).unwrap().contains("first"));
    assert!(text.contains("second"));
    let msg = a.message.clone().unwrap().text;
    assert!(
        msg.starts_with("2 notes and 0 bookmarks written to "),
        "{msg}"
    );
    assert!(msg.contains("is an earlier export, kept"), "{msg}");
}

#[test]
fn a_short_paragraph_is_quoted_whole_and_a_subsection_gets_its_parent_heading() {
    let data = tempfile::tempdir().unwrap();
    let path = std::path::Path::new("tests/fixtures/minimal.ron");
    let doc = lectern::model::load::load_file(path).unwrap().doc;
    let (mut store, _) = lectern::notes::NotesStore::open(data.path(), &doc);
    // "evap-2", the first paragraph of 1.1 Transpiration.
    let p = doc
        .sections
        .iter()
        .find(|s| s.level == 2)
        .unwrap()
        .paragraphs
        .start;
    store.set(&doc, p, "a note", 1).unwrap();
    let md =
        lectern::notes::export::markdown(&doc, store.entries(), &[], &[], &[('q', Some(p))], 2);
    let text = doc.paragraphs[p].plain_text();
    assert!(
        md.contains(&format!("\n> {text}\n>\n> — 1.1 ¶1, noted ")),
        "{md}"
    );
    assert!(!md.contains('…'), "{md}");
    assert!(
        md.contains("\n## 1 Evaporation\n\n### 1.1 Transpiration\n"),
        "{md}"
    );
    assert!(md.contains(&format!("- **q**: 1.1 ¶1, “{text}”\n")), "{md}");
    assert!(md.contains("1 note and 1 bookmark"), "{md}");
}

#[test]
fn the_source_shows_in_the_reader_title_block_and_in_print() {
    let a = app("default", 100, 30);
    let shown = common::screen(&a);
    assert!(shown.contains("Source: Zhang Chi"), "{shown}");
    let out = assert_cmd::Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["print", "tests/fixtures/minimal.ron"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\nSource: Written for lectern's tests.\n"),
        "{text}"
    );
}

#[test]
fn the_export_message_and_header_count_highlights_too() {
    let mut a = app("default", 100, 30);
    a.export_dir = tempfile::tempdir().unwrap().keep();
    note(&mut a, 2, "a note");
    press(&mut a, "v w h");
    let (_, text) = export(&mut a);
    let msg = a.message.clone().unwrap().text;
    assert!(
        msg.starts_with("1 note, 1 highlight and 0 bookmarks written to "),
        "{msg}"
    );
    assert!(
        text.contains("1 note, 1 highlight and 0 bookmarks, exported "),
        "{text}"
    );
}
