//! Command-line errors quote the arguments as typed; an argument's escape sequences are
//! shown as visible placeholders, never sent to the terminal.

use assert_cmd::Command;

/// Runs lectern with `args`; returns (status, stdout, stderr).
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(args)
        .write_stdin("")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn assert_no_controls(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the terminal: {text:?}"
    );
}

#[test]
fn an_unknown_argument_is_quoted_with_its_escapes_made_visible() {
    // A file named like this, passed by a glob, would set the terminal's title.
    let (code, _, err) = run(&["--x\u{1b}]0;PWNED\u{7}.md"]);
    assert_eq!(code, Some(2));
    assert_no_controls(&err);
    assert!(
        err.starts_with("error: unexpected argument '--x␛]0;PWNED␇.md' found"),
        "{err}"
    );
}

#[test]
fn bad_option_values_are_quoted_with_their_escapes_made_visible() {
    for (args, expected) in [
        (
            &["--measure", "\u{1b}[2J"][..],
            "error: invalid value '␛[2J' for '--measure <COLUMNS>'",
        ),
        (
            &["--theme", "\u{1b}[2Jx"][..],
            "error: invalid value '␛[2Jx' for '--theme <THEME>'",
        ),
        (
            &["print", "--width", "\u{9b}31m"][..],
            "error: invalid value '�31m' for '--width <N>'",
        ),
        (
            &["--keymap", "\u{1b}]0;X\u{7}"][..],
            "lectern: unknown keymap `␛]0;X␇`",
        ),
    ] {
        let (code, _, err) = run(args);
        assert_ne!(code, Some(0), "{args:?}");
        assert_no_controls(&err);
        assert!(err.starts_with(expected), "{args:?}: {err}");
    }
}

#[test]
fn help_and_version_still_go_to_stdout_with_status_0() {
    let (code, out, err) = run(&["--version"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    assert_eq!(out, format!("lectern {}\n", env!("CARGO_PKG_VERSION")));
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Usage: lectern [OPTIONS] [ARTICLE]"), "{out}");
}

#[test]
fn the_reader_without_a_terminal_says_so_in_one_line_and_writes_nothing() {
    // `lectern > file`, `lectern | less`: standard output (and input) are pipes here.
    let (code, out, err) = run(&[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty(), "nothing on stdout: {out:?}");
    assert_no_controls(&err);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("lectern print"),
        "{err}"
    );
}
