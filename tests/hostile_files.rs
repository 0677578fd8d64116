//! Fixture articles full of escape sequences (`tests/fixtures/hostile.ron`, `hostile.md`):
//! `lectern check`, `print`, `import`, `notes` and the reader show every sequence as a
//! visible placeholder and send none of them.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use lectern::sanitize::needs_cleaning;

const RON: &str = "tests/fixtures/hostile.ron";
const MD: &str = "tests/fixtures/hostile.md";

/// The characters of `bytes` a terminal would interpret (newlines are fine).
fn controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| c != '\n' && needs_cleaning(c))
        .collect()
}

/// Runs lectern; returns (exit status, stdout, stderr), and asserts that neither output
/// holds a control character.
fn run(args: &[&str], data: Option<&Path>) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("lectern").unwrap();
    cmd.env(
        "LECTERN_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
    );
    cmd.args(args).env_remove("LECTERN_DATA_DIR");
    if let Some(d) = data {
        cmd.env("LECTERN_DATA_DIR", d);
    }
    let out = cmd.output().unwrap();
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            controls(bytes).is_empty(),
            "lectern {args:?}: {name} holds {:?}:\n{}",
            controls(bytes),
            String::from_utf8_lossy(bytes)
        );
    }
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `hostile.md` with its character references written as the raw characters, so code
/// blocks and front matter hold them too.
fn raw_markdown(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(MD).unwrap();
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find(';').unwrap();
        let code = &after[..end];
        let n = match code.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
            None => code.parse().unwrap(),
        };
        out.push(char::from_u32(n).unwrap());
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out.push_str("\n```\nraw \u{1b}[2J code \u{7}\n```\n");
    let path = dir.join("raw\u{1b}[2J.md");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn check_print_and_import_show_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let raw = raw_markdown(dir.path());
    let raw = raw.to_str().unwrap();
    for file in [RON, MD, raw] {
        let (code, out, _) = run(&["check", file], None);
        assert_eq!(code, 0, "check {file}");
        assert!(out.contains(": ok (article"), "{out}");
        for width in [None, Some("40")] {
            let mut args = vec!["print", file];
            if let Some(w) = width {
                args.extend(["--width", w]);
            }
            let (code, out, _) = run(&args, None);
            assert_eq!(code, 0, "print {file}");
            assert!(out.contains("␛[2J") && out.contains("[RLO]"), "{out}");
            assert!(out.contains("␛]52;c;"), "{out}");
        }
    }
    for file in [MD, raw] {
        let (code, out, _) = run(&["import", file], None);
        assert_eq!(code, 0, "import {file}");
        let back = lectern::model::load::parse(&out).expect("the import loads back");
        let printed = lectern::print::render(&back.doc, None);
        assert!(printed.contains("␛[2J"), "{printed}");
    }
}

#[test]
fn error_messages_quote_input_safely() {
    let dir = tempfile::tempdir().unwrap();
    let bad_article = dir.path().join("bad\u{1b}]0;title\u{7}.ron");
    std::fs::write(
        &bad_article,
        "Article(format: 1, id: \"x\u{1b}[2J\", title: \"t\u{202e}\", body: [\
         Paragraph(id: \"p\u{9b}\", text: \"*unclosed \u{1b}[31m\")])",
    )
    .unwrap();
    let bad_keymap = dir.path().join("keymap.ron");
    std::fs::write(
        &bad_keymap,
        "Keymap(text: { \"\u{202e}\": Quit, \"\u{1b}[A\": Quit, \"C-\u{7}\": Quit })",
    )
    .unwrap();
    let bad_notes = dir.path().join("notes.ron");
    std::fs::write(
        &bad_notes,
        "Notes(format: 2, article: \"a\u{1b}[2J\", notes: [])",
    )
    .unwrap();
    for file in [&bad_article, &bad_keymap, &bad_notes] {
        let (code, _, err) = run(&["check", file.to_str().unwrap()], None);
        assert_eq!(code, 1, "{file:?}: {err}");
        assert!(
            err.contains('␛') || err.contains("[RLO]") || err.contains("format 2"),
            "{err}"
        );
    }
    let (code, _, err) = run(&["print", bad_article.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(err.contains("bad␛]0;title␇.ron:1:"), "{err}");
    let (code, _, _) = run(&["--keymap", "\u{1b}[2Jnope"], None);
    assert_eq!(code, 2);
}

#[test]
fn notes_with_escape_sequences_export_safely() {
    let data = tempfile::tempdir().unwrap();
    let doc = lectern::model::load::load_file(Path::new(RON)).unwrap().doc;
    let (mut store, _) = lectern::notes::NotesStore::open(data.path(), &doc);
    store
        .set(
            &doc,
            0,
            "note \u{1b}]52;c;bm90ZQ==\u{7} \u{202e}rtl\ttab",
            1,
        )
        .unwrap();
    store.save().unwrap();
    drop(store);
    let (code, out, _) = run(&["notes", RON], Some(data.path()));
    assert_eq!(code, 0);
    assert!(out.contains("␛]52;c;bm90ZQ==␇ [RLO]rtl"), "{out}");
    let (code, out, _) = run(&["notes", RON, "--format", "ron"], Some(data.path()));
    assert_eq!(code, 0);
    let back = lectern::notes::parse(&out).expect("the exported RON reads back");
    assert!(
        back.notes[0].text.contains("\u{1b}]52"),
        "the note itself is kept"
    );

    // A hand-edited notes file: escapes in the quote, the paragraph id, the text, and in a
    // glossary entry of the student's.
    let path = lectern::notes::notes_path(data.path(), &doc.meta.id);
    let notes = lectern::notes::NotesFile {
        format: 1,
        article: doc.meta.id.clone(),
        terms: vec![lectern::notes::terms::PersonalTerm {
            id: "t\u{1b}[2J".into(),
            term: "term \u{1b}[2J".into(),
            aliases: vec!["alias \u{9b}6n".into()],
            definition: "definition \u{1b}]52;c;eA==\u{7}".into(),
            created: 1,
            modified: 2,
        }],
        notes: vec![lectern::notes::Note {
            paragraph: "gone\u{1b}[2J".into(),
            fingerprint: "0".into(),
            quote: "quote \u{1b}]0;t\u{7} \u{9b}6n".into(),
            text: "text \u{1b}[?1049l".into(),
            created: 1,
            modified: 2,
        }],
        highlights: Vec::new(),
    };
    std::fs::write(&path, lectern::notes::to_ron(&notes).unwrap()).unwrap();
    let (code, out, _) = run(&["notes", RON], Some(data.path()));
    assert_eq!(code, 0);
    assert!(
        out.contains("quote ␛]0;t␇") && !out.contains('\u{1b}'),
        "{out}"
    );
    assert!(out.contains("## Your glossary\n\n**term ␛[2J**"), "{out}");
    let (code, out, _) = run(&["notes", RON, "--format", "ron"], Some(data.path()));
    assert_eq!(code, 0);
    assert_eq!(lectern::notes::parse(&out).unwrap(), notes);
    let (code, out, _) = run(&["check", path.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_reader_shows_placeholders_and_sends_no_sequence_of_the_article() {
    let home = tempfile::tempdir().unwrap();
    let article = std::fs::canonicalize(RON).unwrap();
    let mut s = common::pty::Session::start(&[article.to_str().unwrap()], 160, 40, home.path());
    // The whole first frame: under load the screen can be read while it is being drawn.
    let screen = s.wait_for("the title with its placeholder", |t| {
        t.contains("Outline") && t.contains("text ␛[2J")
    });
    assert!(screen.contains("␛[2J"), "{screen}");
    assert!(
        screen.contains("[RLO]") || screen.contains("[LRI]"),
        "{screen}"
    );
    // The glossary pane, a footnote popup, the end of the text.
    // (In the text pane 3 starts a count: the filter key after it focuses the side pane.)
    s.send(b"3");
    s.send(b"/");
    s.send(b"\x1b");
    s.send(b"2");
    s.send(b"j");
    s.send(b"f");
    s.wait_text("Footnote 1");
    s.send(b"q");
    s.send(b"G");
    s.wait_text("100%");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    // lectern itself writes CSI sequences (ESC [) and nothing else: no OSC (title, link,
    // clipboard), no DCS, no bell, no C1 control, no bidi control.
    for (i, _) in text.match_indices('\u{1b}') {
        let next = text[i + 1..].chars().next();
        assert_eq!(next, Some('['), "a non-CSI escape at byte {i}");
    }
    let others: Vec<char> = text
        .chars()
        .filter(|&c| needs_cleaning(c) && !matches!(c, '\u{1b}' | '\n' | '\r'))
        .collect();
    assert!(others.is_empty(), "{others:?}");
}
