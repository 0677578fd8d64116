//! End-to-end: signals, a panic, and Ctrl-Z / fg, in a pseudo-terminal. After each, the
//! terminal must be as it was: the alternate screen left, the cursor shown, mouse capture
//! off; a note being edited when SIGTERM comes is saved first.

mod common;

use std::time::{Duration, Instant};

use common::pty::{Session, restored_terminal};

/// Sends `signal` (`TERM`, `CONT` …) to the process.
fn kill(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid}");
}

/// The state letter of a process in `/proc/PID/stat` (`T` when stopped).
fn proc_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the state follows the last `)`.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Waits until `pred` holds; panics with `what` after 15 s.
fn wait_until(what: &str, pred: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !pred() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn count(raw: &[u8], needle: &[u8]) -> usize {
    raw.windows(needle.len()).filter(|w| *w == needle).count()
}

fn last(raw: &[u8], needle: &[u8]) -> Option<usize> {
    raw.windows(needle.len()).rposition(|w| w == needle)
}

/// Mouse capture was turned off after the alternate screen was last entered.
fn mouse_off(raw: &[u8]) -> bool {
    matches!(
        (last(raw, b"\x1b[?1049h"), last(raw, b"\x1b[?1000l")),
        (Some(e), Some(m)) if m > e
    )
}

fn bundled_id() -> String {
    lectern::content::bundled().unwrap().doc.meta.id
}

/// Waits for the first screen, opens the note editor and types `text` into it.
fn start_note(s: &mut Session, text: &str) {
    s.wait_text("Outline");
    s.send(b"a");
    s.wait_text("Note on");
    s.send(text.as_bytes());
    s.wait_text(text);
}

#[test]
fn sigterm_saves_the_note_being_edited_and_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    start_note(&mut s, "kept through SIGTERM");
    kill("TERM", s.pid().unwrap());
    assert_eq!(s.wait_exit(), 128 + 15);
    let raw = s.raw();
    assert!(
        restored_terminal(&raw),
        "alternate screen left, cursor shown"
    );
    assert!(mouse_off(&raw), "mouse capture off");
    let notes = home
        .path()
        .join("lectern-data/notes")
        .join(format!("{}.ron", bundled_id()));
    let saved = std::fs::read_to_string(&notes).expect("the notes file was written");
    assert!(saved.contains("kept through SIGTERM"), "{saved}");
}

#[test]
fn sighup_and_sigint_end_the_reader_cleanly() {
    for (signal, number) in [("HUP", 1), ("INT", 2)] {
        let home = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], 80, 24, home.path());
        s.wait_text("Outline");
        s.send(b"G");
        s.wait_text("100%");
        kill(signal, s.pid().unwrap());
        assert_eq!(s.wait_exit(), 128 + number, "SIG{signal}");
        let raw = s.raw();
        assert!(restored_terminal(&raw), "SIG{signal}: terminal restored");
        assert!(mouse_off(&raw), "SIG{signal}: mouse capture off");
        // The position was saved on the way out.
        let state = home
            .path()
            .join("lectern-data/state")
            .join(format!("{}.ron", bundled_id()));
        assert!(state.exists(), "SIG{signal}: reading position saved");
    }
}

#[test]
fn a_panic_restores_the_terminal_and_then_prints_its_message() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start_with_env(
        &[],
        100,
        30,
        home.path(),
        // A backtrace would push the message off the screen.
        &[
            ("LECTERN_DEBUG_PANIC", "after-draw"),
            ("RUST_BACKTRACE", "0"),
        ],
    );
    assert_eq!(s.wait_exit(), 101, "a panic exits with 101");
    let raw = s.raw();
    assert!(
        restored_terminal(&raw),
        "alternate screen left, cursor shown"
    );
    assert!(mouse_off(&raw), "mouse capture off");
    let message = last(&raw, b"forced panic").expect("the panic message is printed");
    let entered = last(&raw, b"\x1b[?1049h").unwrap();
    // The first restoration after the screen was entered (unwinding restores once more).
    let left = entered
        + raw[entered..]
            .windows(8)
            .position(|w| w == b"\x1b[?1049l")
            .unwrap();
    assert!(
        message > left,
        "the message comes after the terminal is restored"
    );
    assert!(
        s.screen().contains("forced panic"),
        "the message is on the main screen:\n{}",
        s.screen()
    );
}

#[test]
fn ctrl_z_suspends_and_continuing_redraws_the_screen() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    let pid = s.pid().unwrap();
    // Ctrl-Z in a shell, then `kill -TSTP` from outside: both stop lectern cleanly.
    for how in ["Ctrl-Z", "SIGTSTP"] {
        let entered = count(&s.raw(), b"\x1b[?1049h");
        if how == "Ctrl-Z" {
            s.send(b"\x1a");
        } else {
            kill("TSTP", pid);
        }
        wait_until(&format!("{how}: stopped"), || proc_state(pid) == Some('T'));
        // Stopped: all it wrote before stopping is in the pty, soon read by the session.
        wait_until(&format!("{how}: terminal given back"), || {
            restored_terminal(&s.raw())
        });
        let raw = s.raw();
        assert!(mouse_off(&raw), "{how}: mouse capture off");
        assert!(!s.screen().contains("Outline"), "{how}: main screen shown");
        kill("CONT", pid);
        wait_until(&format!("{how}: the alternate screen again"), || {
            count(&s.raw(), b"\x1b[?1049h") > entered
        });
        // Redrawn: the whole screen is written anew after the alternate screen is entered.
        wait_until(&format!("{how}: redrawn"), || {
            let raw = s.raw();
            let entered = last(&raw, b"\x1b[?1049h").unwrap_or(0);
            last(&raw, b"Outline").is_some_and(|o| o > entered)
                && last(&raw, b"The Prospect of Situation").is_some_and(|t| t > entered)
        });
        s.wait_text("Outline");
        assert_ne!(proc_state(pid), Some('T'), "{how}: running again");
    }
    s.send(b"G");
    s.wait_text("100%");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    assert!(restored_terminal(&s.raw()));
}

#[test]
fn sigterm_on_a_full_disk_writes_the_emergency_copy_and_exits_anyway() {
    let home = tempfile::tempdir().unwrap();
    let tmp = home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let data = home.path().join("lectern-data");
    // The notes directory is full; the data directory's own `unsaved/` still takes the copy
    // (before $XDG_RUNTIME_DIR and the temporary directory).
    let fault = format!("enospc:{}", data.join("notes").display());
    let run = home.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    let mut s = Session::start_with_env(
        &[],
        100,
        30,
        home.path(),
        &[
            ("LECTERN_FAULT_WRITE", &fault),
            ("TMPDIR", tmp.to_str().unwrap()),
            ("XDG_RUNTIME_DIR", run.to_str().unwrap()),
        ],
    );
    start_note(&mut s, "rescued from a full disk");
    kill("TERM", s.pid().unwrap());
    assert_eq!(s.wait_exit(), 128 + 15, "no question holds up a signal");
    assert!(restored_terminal(&s.raw()));
    let listing = |dir: &std::path::Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default()
    };
    let copies = listing(&data.join("unsaved"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(listing(&tmp).is_empty() && listing(&run).is_empty());
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&copies[0]).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "the copy is the user's alone");
    let copy = lectern::notes::read_file(&copies[0]).unwrap();
    assert_eq!(copy.notes[0].text, "rescued from a full disk");
    assert!(
        !data
            .join("notes")
            .join(format!("{}.ron", bundled_id()))
            .exists()
    );
}

#[test]
fn closing_the_terminal_saves_the_note_being_edited_and_exits() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    start_note(&mut s, "typed before the window closed");
    let raw_before = s.raw();
    let code = s.hang_up();
    assert_eq!(
        code,
        128 + 1,
        "a vanished terminal is a hang-up: 128 + SIGHUP"
    );
    assert!(!String::from_utf8_lossy(&raw_before).contains("Input/output error"));
    let notes = home
        .path()
        .join("lectern-data/notes/zhang-chi-korean-peninsula-china-role.ron");
    let file = lectern::notes::read_file(&notes).expect("the note was saved");
    assert_eq!(file.notes[0].text, "typed before the window closed");
}

#[test]
fn a_panic_saves_the_note_being_edited_first() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start_with_env(
        &[],
        100,
        30,
        home.path(),
        &[
            ("LECTERN_DEBUG_PANIC", "on-resize"),
            ("RUST_BACKTRACE", "0"),
        ],
    );
    start_note(&mut s, "typed before the crash");
    s.resize(90, 30, true);
    assert_eq!(s.wait_exit(), 101, "a panic exits with 101");
    assert!(restored_terminal(&s.raw()));
    let notes = home
        .path()
        .join("lectern-data/notes")
        .join(format!("{}.ron", bundled_id()));
    let file = lectern::notes::read_file(&notes).expect("the note was saved");
    assert_eq!(file.notes[0].text, "typed before the crash");
}

#[test]
fn a_huge_terminal_size_is_clamped_and_nothing_is_lost() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    start_note(&mut s, "typed before the resize");
    // Without a cap ratatui would allocate two buffers of 65535 x 65535 cells (~200 GB)
    // and abort.
    s.resize(65535, 65535, false);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        s.pid().is_some_and(|p| proc_state(p).is_some()),
        "still running"
    );
    s.resize(100, 30, true);
    s.send(b"\x0c");
    s.wait_text("Outline");
    s.send(b" and after it");
    s.wait_text("typed before the resize and after it");
    s.send(b"\x1b");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    assert!(restored_terminal(&s.raw()));
    let notes = home
        .path()
        .join("lectern-data/notes")
        .join(format!("{}.ron", bundled_id()));
    let file = lectern::notes::read_file(&notes).unwrap();
    assert_eq!(file.notes[0].text, "typed before the resize and after it");
}

/// Context switches of every thread of `pid` so far: each wake-up of a thread is one.
fn wakeups(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let status =
            std::fs::read_to_string(task.unwrap().path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(n) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                total += n.trim().parse::<u64>().unwrap();
            }
        }
    }
    total
}

#[test]
fn an_idle_reader_does_not_wake_up() {
    let home = tempfile::tempdir().unwrap();
    let s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    let pid = s.pid().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let before = wakeups(pid);
    // Polling every 100 ms (as lectern once did for its signal flags) wakes it 20 times.
    std::thread::sleep(Duration::from_secs(2));
    let woken = wakeups(pid) - before;
    assert!(woken <= 2, "an idle lectern woke up {woken} times in 2 s");
}

#[test]
fn a_resize_redraws_without_a_key() {
    let home = tempfile::tempdir().unwrap();
    let s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.resize(70, 20, true);
    // The text pane's frame closes above the status bar, 70 cells wide.
    s.wait_for("the screen drawn at 70x20", |screen| {
        screen
            .lines()
            .nth(18)
            .is_some_and(|l| l.starts_with('┗') && l.trim_end().chars().count() == 70)
    });
}
