//! Settings are remembered in `$XDG_CONFIG_HOME/lectern/config.ron`: a change in the reader
//! saves it, the next session starts with it, a flag overrides it for one run, and
//! `lectern check` validates the file with located errors.

mod common;

use common::pty::Session;

fn config_text(home: &std::path::Path) -> String {
    std::fs::read_to_string(home.join("config/lectern/config.ron")).unwrap()
}

#[test]
fn a_changed_setting_is_saved_and_a_flag_overrides_it_for_one_run() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/lectern");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.ron"), "Config(measure: 50)\n").unwrap();

    // The saved measure applies: + makes it 54, and that is saved.
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"+");
    s.wait_text("Measure 54 columns");
    s.send(b"T");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let saved = lectern::config::parse(&config_text(home.path())).unwrap();
    assert_eq!(saved.measure, Some(54));
    assert_eq!(saved.theme, Some(lectern::settings::ThemeKind::Light));

    // A flag wins for this run; what it set is not saved with another change.
    let mut s = Session::start(
        &["--measure", "70", "--theme", "dark"],
        100,
        30,
        home.path(),
    );
    s.wait_text("Outline");
    s.send(b"M");
    s.wait_text("Mouse off");
    s.send(b"+");
    s.wait_text("Measure 74 columns");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let saved = lectern::config::parse(&config_text(home.path())).unwrap();
    assert_eq!(saved.mouse, Some(false));
    assert_eq!(saved.measure, Some(74), "changed in the reader: saved");
    assert_eq!(
        saved.theme,
        Some(lectern::settings::ThemeKind::Light),
        "--theme dark held for one run only"
    );
}

#[test]
fn check_validates_the_config_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.ron");
    std::fs::write(&path, "Config(\n    theme: Light,\n    measure: 5,\n)\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap() + &String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{}:3:5: ", path.display())) && err.contains("measure 5"),
        "{err}"
    );
    std::fs::write(&path, "Config(theme: Light, review_cards: 10)\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ok (settings, 2 values)"), "{text}");
}
