//! `lectern check`: one broken file per error class gets its message at the right
//! `path:line:col`, and exit status 1; shipped content passes.

use assert_cmd::Command;

fn check(files: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .arg("check")
        .args(files)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (fixture, the exact diagnostic line).
const BROKEN: &[(&str, &str)] = &[
    ("syntax", "5:5: Expected comma"),
    (
        "unknown_footnote",
        "6:51: footnote [^3] is referenced but not defined in `footnotes`",
    ),
    (
        "duplicate_id",
        "7:23: duplicate paragraph id `p1` (first used at line 6, column 23)",
    ),
    (
        "missing_see_also",
        "7:82: see_also `snow` names no glossary entry",
    ),
    ("empty_heading", "6:33: empty heading"),
    (
        "skipped_level",
        "7:24: heading level 3 follows level 1: a heading may go only one level deeper than the one before it",
    ),
    (
        "unknown_field",
        "5:5: Unexpected field named `subtitle` in `Article`, expected one of `format`, `id`, `title`, `authors`, `author_note`, `source`, `kind`, `date`, `container`, `volume`, `issue`, `pages`, `publisher`, `doi`, `url`, `body`, `footnotes`, or `glossary` instead",
    ),
    ("wrong_type", "6:23: Expected integer (in field `level`)"),
    (
        "missing_field",
        "5:36: Unexpected missing field named `id` in `Paragraph`",
    ),
    (
        "unclosed_emphasis",
        "6:39: paragraph `p1`: `*` (emphasis) is never closed; write `\\*` for a literal asterisk",
    ),
    (
        "duplicate_footnote",
        "8:26: footnote 1 is defined twice (first at line 7)",
    ),
    (
        "duplicate_alias",
        "8:57: `Rain` is already a spelling of glossary entry `rain`",
    ),
    (
        "bad_version",
        "2:13: format version 7 is not supported; this lectern reads version 1",
    ),
    (
        "truncated",
        "7:7: unexpected end of file: the file is truncated or a bracket is not closed",
    ),
    (
        "non_utf8",
        "4:16: invalid UTF-8 at byte offset 57: the file must be UTF-8 text",
    ),
    ("empty", "1:1: file is empty"),
];

#[test]
fn each_broken_file_gets_its_message_at_its_position() {
    for (name, expected) in BROKEN {
        let path = format!("tests/fixtures/broken/{name}.ron");
        let (code, stdout, stderr) = check(&[&path]);
        assert_eq!(code, 1, "{name}: exit status");
        assert_eq!(stderr.trim_end(), format!("{path}:{expected}"), "{name}");
        assert!(stdout.is_empty(), "{name}: nothing on stdout: {stdout}");
    }
}

#[test]
fn every_error_in_a_file_is_reported() {
    let path = "tests/fixtures/broken/bad_id.ron";
    let (code, _, stderr) = check(&[path]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{path}:3:9: article id `../escape` must not start with `.`"),
            format!(
                "{path}:5:26: paragraph id `p 1` may only hold ASCII letters, digits and `-` `_` `.` `:`"
            ),
        ]
    );
}

#[test]
fn every_broken_fixture_is_covered() {
    let mut on_disk: Vec<String> = std::fs::read_dir("tests/fixtures/broken")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut covered: Vec<String> = BROKEN
        .iter()
        .map(|(n, _)| format!("{n}.ron"))
        .chain(["bad_id.ron".to_owned()])
        .collect();
    covered.sort();
    assert_eq!(on_disk, covered);
}

#[test]
fn good_and_bad_files_together_exit_1_but_report_both() {
    let (code, stdout, stderr) = check(&[
        "tests/fixtures/minimal.ron",
        "tests/fixtures/broken/empty.ron",
    ]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("tests/fixtures/minimal.ron: ok"),
        "{stdout}"
    );
    assert!(stderr.contains("empty.ron:1:1: file is empty"));
}

#[test]
fn shipped_content_and_the_minimal_example_pass_without_warnings() {
    let mut files: Vec<String> = std::fs::read_dir("content")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.push("tests/fixtures/minimal.ron".into());
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = check(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "", "no warnings expected");
    assert_eq!(stdout.lines().count(), files.len());
}

#[test]
fn missing_file_and_directory_are_errors_not_panics() {
    let (code, _, stderr) = check(&["tests/fixtures/no-such-file.ron"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.trim_end(),
        "no such file: tests/fixtures/no-such-file.ron"
    );
    let (code, _, stderr) = check(&["tests"]);
    assert_eq!(code, 1);
    assert_eq!(stderr.trim_end(), "tests:1:1: is a directory, not a file");
}

#[test]
fn check_without_files_is_a_usage_error() {
    let (code, _, stderr) = check(&[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("FILE"), "{stderr}");
}

#[test]
fn an_unreferenced_footnote_is_a_warning_and_kept() {
    let path = "tests/fixtures/unreferenced_footnote.ron";
    let (code, stdout, stderr) = check(&[path]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!("{path}:8:26: warning: footnote 2 is defined but never referenced")
    );
    assert!(stdout.contains("2 footnotes"), "{stdout}");
}

#[test]
fn an_unknown_action_in_a_keymap_names_the_nearest_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.ron");
    for (action, said) in [
        ("Quitt", "unknown action `Quitt`; did you mean `Quit`?"),
        (
            "searchnext",
            "unknown action `searchnext`; did you mean `SearchNext`?",
        ),
        (
            "OpenFootnote",
            "unknown action `OpenFootnote`; did you mean `OpenFootnotes`?",
        ),
        (
            "Frobnicate",
            "unknown action `Frobnicate`; the help (and the README's key tables) list them",
        ),
    ] {
        std::fs::write(&path, format!("Keymap(global: {{\"q\": {action}}})\n")).unwrap();
        let (code, _, stderr) = check(&[path.to_str().unwrap()]);
        assert_eq!(code, 1);
        assert_eq!(
            stderr.trim_end(),
            format!("{}:1:22: {said}", path.display())
        );
    }
}
