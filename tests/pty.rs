//! End-to-end: the real binary in a pseudo-terminal, its screen read by a VT parser.

mod common;

use common::pty::{Session, restored_terminal};

#[test]
fn opens_with_the_title_and_the_outline() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    let headings = [
        "▸ Introduction",
        "1 The Situation",
        "2 Behind the",
        "2.1 Absence",
        "5 Conclusion",
    ];
    let title = "The Prospect of Situation on the Korean Peninsula and China's Role";
    // The screen arrives in pieces: wait for all of it.
    s.wait_for("the title and the outline", |screen| {
        screen.lines().nth(1).is_some_and(|row| row.contains(title))
            && headings.iter().all(|h| screen.contains(h))
    });
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn capital_g_shows_the_last_paragraph() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"G");
    let screen = s.wait_text("100%");
    assert!(screen.contains("stability, and prosperity."), "{screen}");
    assert!(screen.contains("5 Conclusion"), "{screen}");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn f_on_a_paragraph_with_a_footnote_shows_its_text() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    // The first paragraph cites footnote 1.
    s.send(b"f");
    let screen = s.wait_text("Footnote 1");
    assert!(
        screen.contains("Significant Signals of the 5th Plenary Session"),
        "{screen}"
    );
    assert!(
        screen.contains("http://www.xinhuanet.com//2020-01/02/c_1125416394.htm"),
        "URL in full:\n{screen}"
    );
    s.send(b"\x1b");
    s.wait_for("the popup to close", |sc| !sc.contains("Footnote 1"));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn q_exits_0_and_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, home.path());
    s.wait_text("Outline");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    assert!(
        restored_terminal(&raw),
        "alternate screen left and cursor shown"
    );
    assert!(!s.screen().contains("Outline"), "back on the main screen");
}

#[test]
fn a_broken_user_keymap_warns_and_the_defaults_work() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/lectern");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keymap.ron"), "Keymap(text: { \"j\": Fly })").unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    let screen = s.wait_text("your keymap is ignored");
    assert!(
        screen.contains("config/lectern/keymap.ron:1:21:"),
        "{screen}"
    );
    s.send(b"G");
    s.wait_text("100%");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_user_keymap_changes_only_the_keys_it_names() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/lectern");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keymap.ron"), "Keymap(global: { \"x\": Quit })").unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"G");
    s.wait_text("100%");
    s.send(b"x");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_emacs_keymap_is_selected_by_name() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--keymap", "emacs"], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"\x1b>"); // A->: end
    s.wait_text("100%");
    s.send(b"\x18\x03"); // C-x C-c
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_markdown_article_opens_with_its_warnings_in_the_status_bar() {
    let home = tempfile::tempdir().unwrap();
    let article = std::fs::canonicalize("tests/fixtures/md/footnotes.md").unwrap();
    let mut s = Session::start(&[article.to_str().unwrap()], 140, 30, home.path());
    let screen = s.wait_text("Footnote cases");
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("3 warnings (lectern check lists them), the first: /"),
        "{screen}"
    );
    assert!(
        status.contains("footnotes.md:5:57: warning: footnote [^nope]"),
        "{status}"
    );
    s.send(b"f");
    s.wait_text("Footnote 1");
    s.send(b"q");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}
