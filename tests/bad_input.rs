//! Bad input: arbitrary bytes, deep nesting, huge files and huge blocks, in every kind of
//! file lectern reads, give an error with a position (or load), never a panic, a hang or a
//! stack overflow.

use std::path::Path;

use assert_cmd::Command;
use lectern::diag::{Diagnostic, decode_text};
use proptest::prelude::*;

const ARTICLE: &str = include_str!("fixtures/minimal.ron");
const KEYMAP: &str = include_str!("../keymaps/default.ron");
const MARKDOWN: &str = include_str!("fixtures/md/article.md");
const NOTES: &str = "Notes(format: 1, article: \"water-cycle\", notes: [Note(paragraph: \
                     \"evap-1\", fingerprint: \"0\", quote: \"The sun\", text: \"a note\", \
                     created: 1, modified: 2)])";
const STATE: &str = "State(format: 1, article: \"water-cycle\", position: Some(\"evap-1\"), \
                     bookmarks: {'a': \"intro-1\"})";

/// Feeds text to every parser; none may panic.
fn parse_all(text: &str) {
    let _ = lectern::model::load::parse(text);
    let _ = lectern::keymap::parse(text);
    let _ = lectern::notes::parse(text);
    let _ = lectern::notes::state::parse(text);
    let _ = lectern::import::parse_markdown(text);
    let _ = lectern::import::check_markdown(text);
}

/// A valid file with some bytes replaced, inserted or removed.
fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..8);
    edits.prop_map(move |edits| {
        let mut bytes = base.as_bytes().to_vec();
        for (at, kind, byte) in edits {
            if bytes.is_empty() {
                bytes.push(byte);
                continue;
            }
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => {
                    bytes.truncate(i.max(1) + (bytes.len() - i) / 2);
                }
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(text) = decode_text("x", bytes) {
            parse_all(&text);
        }
    }

    #[test]
    fn damaged_files_never_panic(
        article in mutated(ARTICLE),
        keymap in mutated(KEYMAP),
        notes in mutated(NOTES),
        state in mutated(STATE),
        markdown in mutated(MARKDOWN),
    ) {
        for bytes in [article, keymap, notes, state, markdown] {
            if let Ok(text) = decode_text("x", bytes) {
                parse_all(&text);
            }
        }
    }
}

fn first_error(r: Result<impl Sized, Vec<Diagnostic>>) -> Diagnostic {
    match r {
        Ok(_) => panic!("accepted"),
        Err(d) => d.into_iter().next().expect("at least one diagnostic"),
    }
}

#[test]
fn ron_nested_ten_thousand_levels_deep_is_an_error_with_a_position_in_every_file_kind() {
    let deep = |open: &str| open.repeat(10_000);
    let cases = [
        (
            "article",
            first_error(lectern::model::load::parse(&format!(
                "Article(format: 1, id: \"x\", title: \"t\", body: {}",
                deep("[")
            ))),
        ),
        (
            "keymap",
            first_error(lectern::keymap::parse(&format!(
                "Keymap(global: {}",
                deep("{\"a\": ")
            ))),
        ),
        (
            "notes",
            first_error(lectern::notes::parse(&format!(
                "Notes(format: 1, article: \"x\", notes: {}",
                deep("[")
            ))),
        ),
        (
            "state",
            first_error(lectern::notes::state::parse(&format!(
                "State(format: 1, article: \"x\", position: {}",
                deep("Some(")
            ))),
        ),
    ];
    // Every lectern file has a fixed shape, so the first level too many is already a value
    // of the wrong type; ron's recursion limit (128) stands behind that.
    for (kind, d) in cases {
        assert_eq!(d.pos.line, 1, "{kind}: {}", d.display("f"));
        assert!(!d.message.is_empty(), "{kind}");
    }
}

#[test]
fn markdown_and_markup_nested_ten_thousand_levels_deep_load_or_fail_cleanly() {
    let n = 10_000;
    for md in [
        format!("# T\n\n{} deep quote\n", ">".repeat(n)),
        format!("# T\n\n{}item\n", "- ".repeat(n)),
        format!("# T\n\n{}x{}\n", "*".repeat(n), "*".repeat(n)),
        format!("# T\n\n{}x{}\n", "[".repeat(n), "](u)".repeat(n)),
        format!("# T\n\n{}\n", "<b>".repeat(n)),
    ] {
        let _ = lectern::import::parse_markdown(&md);
    }
    for text in [
        "*".repeat(n),
        "[".repeat(n),
        "[x](".repeat(n),
        "`".repeat(n),
    ] {
        let src = format!(
            "Article(format: 1, id: \"x\", title: \"t\", body: [Paragraph(id: \"p\", text: {})])",
            ron::to_string(&text).unwrap()
        );
        let _ = lectern::model::load::parse(&src);
    }
}

/// A file of `len` bytes that takes no space (a hole), to test the size limits quickly.
fn sparse(dir: &Path, name: &str, len: u64) -> std::path::PathBuf {
    let path = dir.join(name);
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(len).unwrap();
    path
}

#[test]
fn files_over_their_size_limit_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = |name, len| sparse(dir.path(), name, len);
    let article = big("big.ron", lectern::model::load::MAX_ARTICLE_BYTES + 1);
    let markdown = big("big.md", lectern::model::load::MAX_ARTICLE_BYTES + 1);
    let keymap = big("keymap.ron", lectern::keymap::MAX_KEYMAP_BYTES + 1);
    let notes = big("notes.ron", lectern::notes::MAX_NOTES_BYTES + 1);
    for (path, limit) in [
        (&article, "67108864"),
        (&markdown, "67108864"),
        (&keymap, "1048576"),
    ] {
        let out = Command::cargo_bin("lectern")
            .unwrap()
            .env(
                "LECTERN_CACHE_DIR",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
            )
            .arg("check")
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{path:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(":1:1: file is") && err.contains(limit),
            "{path:?}: {err}"
        );
    }
    let e = lectern::notes::read_file(&notes).unwrap_err();
    assert!(e.to_string().contains("the limit is"), "{e}");
    let e = lectern::keymap::Keymap::load_file(&keymap).unwrap_err();
    assert!(e.to_string().contains("the limit is"), "{e}");
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .arg("print")
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_five_megabyte_paragraph_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "word ".repeat(1 << 20);
    let ron = format!(
        "Article(\n  format: 1,\n  id: \"big\",\n  title: \"Big\",\n  body: [\n    Paragraph(id: \"p\", text: \"{huge}\"),\n  ],\n)\n"
    );
    let md = format!("# Big\n\nfirst\n\n{huge}\n");
    let ron_path = dir.path().join("big.ron");
    let md_path = dir.path().join("big.md");
    let front_path = dir.path().join("front.md");
    std::fs::write(&ron_path, ron).unwrap();
    std::fs::write(&md_path, md).unwrap();
    std::fs::write(&front_path, format!("---\ntitle: {huge}\n---\n\ntext\n")).unwrap();
    for (path, at) in [
        (&ron_path, ":6:30: "),
        (&md_path, ":5:1: "),
        (&front_path, ":2:8: "),
    ] {
        let out = Command::cargo_bin("lectern")
            .unwrap()
            .env(
                "LECTERN_CACHE_DIR",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
            )
            .arg("check")
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{path:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(at) && err.contains(" is 52428") && err.contains("at most 1048576"),
            "{path:?}: {err}"
        );
    }
}

#[test]
fn broken_keymap_notes_and_state_files_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let keymap_half = &KEYMAP[..KEYMAP.len() / 2];
    let notes_half = &NOTES[..NOTES.len() / 2];
    let cases: [(&str, &[u8]); 10] = [
        ("keymap.ron", b""),
        ("keymap.ron", b"Keymap(global: {\"q\": Quit}) \xff"),
        ("keymap.ron", keymap_half.as_bytes()),
        ("keymap.ron", b"Keymap(global: 5)"),
        ("keymap.ron", b"Keymap(reader: {})"),
        ("n.ron", b"Notes(format: 1, article: \"a\", notes: [\xc3"),
        ("n.ron", notes_half.as_bytes()),
        ("n.ron", b"Notes(format: \"1\", article: \"a\", notes: [])"),
        (
            "n.ron",
            b"Notes(format: 1, article: \"a\", notes: [], extra: 1)",
        ),
        (
            "n.ron",
            b"Notes(format: 1, article: \"a\", notes: [Note(paragraph: 1)])",
        ),
    ];
    for (i, (name, bytes)) in cases.iter().enumerate() {
        let sub = dir.path().join(i.to_string());
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = Command::cargo_bin("lectern")
            .unwrap()
            .env(
                "LECTERN_CACHE_DIR",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
            )
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "case {i}: {err}");
        let shown = format!("{}:", path.display());
        let at = err
            .strip_prefix(&shown)
            .unwrap_or_else(|| panic!("case {i}: {err}"));
        let mut parts = at.splitn(3, ':');
        let (line, col) = (parts.next().unwrap(), parts.next().unwrap());
        assert!(
            line.parse::<u32>().is_ok() && col.parse::<u32>().is_ok(),
            "case {i}: {err}"
        );
    }

    // A damaged reading-state file: said where, shown in the reader, never written over.
    let data = tempfile::tempdir().unwrap();
    let doc = lectern::model::load::parse(ARTICLE).unwrap().doc;
    let path = lectern::notes::state::state_path(data.path(), &doc.meta.id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    for bytes in [
        &b"State(format: 1, article: \"x\", bookmarks: {'a': 1})"[..],
        b"\xff",
        b"",
    ] {
        std::fs::write(&path, bytes).unwrap();
        let (mut state, message) = lectern::notes::state::ReadingState::open(data.path(), &doc);
        let message = message.expect("a message for the status bar");
        assert!(
            message.contains(&format!("{}:1:", path.display())),
            "{message}"
        );
        state.set_position(&doc, 1);
        assert!(state.save().is_err());
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it was");
    }
}
