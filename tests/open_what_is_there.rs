//! Opening what is there: an outline without paragraphs, one emphasised paragraph, a
//! footnote nobody cites, a missing file, a file of another kind.

mod common;

use lectern::app::{App, Settings};
use lectern::import::parse_markdown;
use lectern::keymap::{Context, Keymap};
use strum::IntoEnumIterator as _;

/// Runs `lectern ARGS`; returns (status, stdout, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let out = common::command().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn headings_alone_open_with_a_warning_and_every_key_works_on_them() {
    let md = "# Plan\n\n## One\n\n## Two\n\n### Two and a half\n";
    let loaded = parse_markdown(md).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("no paragraphs")),
        "{:?}",
        loaded.warnings
    );
    assert!(loaded.doc.paragraphs.is_empty());
    for keymap in ["default", "emacs"] {
        let keys = Keymap::builtin(keymap).unwrap();
        let mut app = App::new(loaded.doc.clone(), keys.clone(), Settings::default());
        app.resize(100, 30);
        // `E` exports: into a scratch directory, never into the repository.
        let exports = tempfile::tempdir().unwrap();
        app.export_dir = exports.path().to_path_buf();
        let screen = common::screen(&app);
        assert!(
            screen.contains("1 One") && screen.contains("2.1 Two and a half"),
            "{screen}"
        );
        // Every binding of every context, pressed in turn, with a frame after each.
        for ctx in Context::iter() {
            for (seq, _) in keys.bindings(ctx) {
                for chord in seq {
                    app.handle_key(*chord);
                }
                common::render(&app);
                app.should_quit = false;
            }
        }
    }
}

#[test]
fn a_single_emphasised_paragraph_is_body_text_not_a_byline() {
    let doc = parse_markdown("# T\n\n*Only this, in emphasis.*\n")
        .unwrap()
        .doc;
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
    assert_eq!(doc.paragraphs.len(), 1);
    assert_eq!(doc.paragraphs[0].plain_text(), "Only this, in emphasis.");
    // With more text after it, it is still the byline.
    let doc = parse_markdown("# T\n\n*A. Writer*\n\nText.\n").unwrap().doc;
    assert_eq!(doc.meta.authors, ["A. Writer"]);
}

#[test]
fn a_missing_file_says_no_such_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.md");
    for sub in [&["print"][..], &["check"], &["import"], &[]] {
        let mut args: Vec<&std::ffi::OsStr> = sub.iter().map(|s| s.as_ref()).collect();
        args.push(path.as_os_str());
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(1), "{sub:?}: {err}");
        assert!(out.is_empty(), "{sub:?}");
        assert_eq!(
            err,
            format!("no such file: {}\n", path.display()),
            "{sub:?}"
        );
    }
}

#[test]
fn check_says_what_kind_of_file_it_expected() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("notes.txt");
    std::fs::write(&txt, "hello\n").unwrap();
    let state = dir.path().join("state.ron");
    std::fs::write(&state, "State(format: 1, article: \"a\", read: [])\n").unwrap();
    for (path, what) in [
        (
            &txt,
            "not a file lectern reads: lectern check takes articles",
        ),
        (&state, "this is a reading-state file (`State(…)`)"),
    ] {
        let (code, _, err) = run(&["check".as_ref(), path.as_os_str()]);
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.starts_with(&format!("{}:1:1: {what}", path.display())),
            "{err}"
        );
        assert!(err.contains("keymaps (`Keymap(…)`)"), "{err}");
    }
}
