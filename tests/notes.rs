//! Notes that are never lost: kills in the middle of a save, failed saves, two lecterns,
//! damaged files, revised articles, and the whole round trip through the real binary.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use assert_cmd::Command as Cmd;
use common::pty::Session;
use lectern::notes::{self, NotesFile, NotesStore};

const CHILD_ENV: &str = "LECTERN_TEST_SAVE_LOOP_DIR";

/// Not a test on its own: when the parent test starts this binary again with
/// `CHILD_ENV` set, it saves notes in a loop until it is killed.
#[test]
fn child_save_loop() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    // A small article: the child should reach its loop fast.
    let doc = small_doc();
    let (mut store, _) = NotesStore::open(Path::new(&dir), &doc);
    // Go on from the last version on disk, so every run writes new versions.
    let start = store
        .entries()
        .iter()
        .map(|e| e.note.modified + 1)
        .max()
        .unwrap_or(0);
    for n in start.. {
        // Each version's text repeats its number, so a torn file would show two numbers.
        let text = format!("version {n} ").repeat(200);
        store.set(&doc, (n % 5) as usize, &text, n).unwrap();
        store.save().unwrap();
        if n == start {
            use std::io::Write;
            let mut out = std::io::stdout();
            writeln!(out, "saving").unwrap();
            out.flush().unwrap();
        }
    }
}

/// Every note in the file belongs to one whole version: each text repeats one number.
fn check_whole(file: &NotesFile) {
    for note in &file.notes {
        let numbers: std::collections::HashSet<&str> = note
            .text
            .split("version ")
            .filter(|s| !s.is_empty())
            .map(str::trim)
            .collect();
        assert_eq!(
            numbers.len(),
            1,
            "a torn note: {:?}",
            &note.text[..80.min(note.text.len())]
        );
    }
}

fn small_doc() -> lectern::model::Document {
    let src = std::fs::read_to_string("tests/fixtures/minimal.ron").unwrap();
    lectern::model::load::parse(&src).unwrap().doc
}

#[test]
fn killing_a_saving_process_never_leaves_a_torn_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = small_doc();
    let path = notes::notes_path(dir.path(), &doc.meta.id);
    let me = std::env::current_exe().unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut seen = std::collections::HashSet::new();
    for kill in 1..=200 {
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "child_save_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child is in its save loop, then kill it at a pseudo-random moment
        // within a few milliseconds: kills land in every phase (writing, fsync, rename).
        let out = std::io::BufReader::new(child.stdout.take().unwrap());
        let started = std::io::BufRead::lines(out)
            .map_while(Result::ok)
            .any(|l| l.trim_end().ends_with("saving"));
        assert!(started, "the child did not start saving");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 4_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let file = notes::read_file(&path).unwrap_or_else(|e| panic!("after kill {kill}: {e}"));
        check_whole(&file);
        seen.insert(file.notes.iter().map(|n| n.modified).max());
        let bak = lectern::durable::backup_path(&path);
        if bak.exists() {
            check_whole(
                &notes::read_file(&bak).unwrap_or_else(|e| panic!("backup after kill {kill}: {e}")),
            );
        }
    }
    // Every run saved at least once before its kill, and the file always held the latest.
    assert!(
        seen.len() >= 190,
        "only {} distinct versions seen",
        seen.len()
    );
}

fn read_notes(dir: &Path, article_id: &str) -> NotesFile {
    notes::read_file(&notes::notes_path(dir, article_id)).unwrap()
}

const ARTICLE_ID: &str = "zhang-chi-korean-peninsula-china-role";

#[test]
fn a_note_written_in_the_reader_is_there_next_time_and_exports() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("lectern-data");
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    // `]` goes to section 1 (j would first scroll through the long introduction).
    s.send(b"]");
    s.send(b"a");
    s.wait_text("Note on 1");
    s.send("A thaw after the Olympics — naïve? 漢字".as_bytes());
    s.send(b"\r");
    s.send(b"second line");
    s.send(b"\x1b");
    s.wait_text("Note saved");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let file = read_notes(&data, ARTICLE_ID);
    assert_eq!(file.notes.len(), 1);
    assert_eq!(
        file.notes[0].text,
        "A thaw after the Olympics — naïve? 漢字\nsecond line"
    );
    assert_eq!(file.notes[0].paragraph, "road-1");

    // Next time: the position is back, the margin shows the note, i shows it inline.
    let mut s = Session::start(&[], 100, 30, home.path());
    let screen = s.wait_text("Ever since the fourth nuclear test");
    assert!(
        screen.contains("▌✎ Ever since"),
        "note marker in the margin:\n{screen}"
    );
    s.send(b"i");
    let screen = s.wait_text("✎ A thaw after the Olympics");
    assert!(screen.contains("second line"), "{screen}");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);

    let out = Cmd::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["notes", "--format", "markdown"])
        .env("LECTERN_DATA_DIR", &data)
        // A zone written out in POSIX form needs no time zone database: 5:30 east of UTC.
        .env("TZ", "XYZ-5:30")
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with(
            "# Notes on “The Prospect of Situation on the Korean Peninsula and China's Role”"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "\n## 1 The Situation on the Korean Peninsula: A Tortuous Road Toward Moderation\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("> Ever since the fourth nuclear test of 2016"),
        "{md}"
    );
    assert!(md.contains("\n>\n> — 1 ¶1, noted 20"), "{md}");
    assert!(
        md.contains(" +05:30\n"),
        "times are local, with their offset: {md}"
    );
    assert!(
        md.contains("\nSource: Zhang Chi"),
        "the source is in the header: {md}"
    );
    assert!(md.contains("1 note and 0 bookmarks, exported"), "{md}");
    assert!(!md.contains('`'), "no internal ids: {md}");
    assert!(
        md.contains("\nA thaw after the Olympics — naïve? 漢字\nsecond line\n"),
        "{md}"
    );

    let out = Cmd::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["notes", "--format", "ron"])
        .env("LECTERN_DATA_DIR", &data)
        .output()
        .unwrap();
    let ron_text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(notes::parse(&ron_text).unwrap(), file);
}

#[test]
fn two_lecterns_on_one_article_lose_no_update() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("lectern-data");
    let mut a = Session::start(&[], 100, 30, home.path());
    a.wait_text("Outline");
    let mut b = Session::start(&[], 100, 30, home.path());
    b.wait_text("Notes are read-only: another lectern");
    // B cannot write while A has the notes.
    b.send(b"a");
    b.wait_text("notes are read-only");
    // A writes a note and quits.
    a.send(b"a");
    a.wait_text("Note on");
    a.send(b"from A");
    a.send(b"\x1b");
    a.wait_text("Note saved");
    a.send(b"q");
    assert_eq!(a.wait_exit(), 0);
    // Now B can: it takes the lock, reads A's note, and adds its own.
    b.send(b"]");
    b.send(b"a");
    b.wait_text("Note on");
    b.send(b"from B");
    b.send(b"\x1b");
    b.wait_text("Note saved");
    b.send(b"q");
    assert_eq!(b.wait_exit(), 0);
    let texts: Vec<String> = read_notes(&data, ARTICLE_ID)
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(texts, ["from A", "from B"]);
}

#[test]
fn a_failing_disk_keeps_the_note_and_asks_before_quitting() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("lectern-data");
    let tmp = home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    // A notes file already on disk must come out of this unchanged.
    let doc = lectern::content::bundled().unwrap().doc;
    let (mut store, _) = NotesStore::open(&data, &doc);
    store.set(&doc, 3, "already saved", 1).unwrap();
    store.save().unwrap();
    drop(store);
    let path = notes::notes_path(&data, ARTICLE_ID);
    let before = std::fs::read(&path).unwrap();

    let tmp_s = tmp.to_str().unwrap();
    let fault = format!("enospc:{}", data.display());
    let mut s = Session::start_with_env(
        &[],
        120,
        30,
        home.path(),
        &[
            ("LECTERN_FAULT_WRITE", &fault),
            ("TMPDIR", tmp_s),
            ("XDG_RUNTIME_DIR", ""),
        ],
    );
    s.wait_text("Outline");
    s.send(b"a");
    s.wait_text("Note on");
    s.send(b"written while the disk is full");
    s.send(b"\x1b");
    s.wait_text("No space left on device");
    // Quitting asks first, and says where a copy went.
    s.send(b"q");
    s.wait_text("Quit anyway?");
    s.send(b"n");
    s.wait_text("Not quitting");
    s.send(b"q");
    s.wait_text("Quit anyway?");
    s.send(b"y");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file on disk is untouched"
    );
    let copies: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "one copy of the unsaved notes: {copies:?}");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&copies[0]).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "the copy is the user's alone");
    let copy = notes::read_file(&copies[0]).unwrap();
    let texts: Vec<&str> = copy.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["written while the disk is full", "already saved"]);
}

#[test]
fn notes_survive_a_revised_article_attached_or_detached() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let v1 = r#"Article(format: 1, id: "essay", title: "Essay", body: [
        Paragraph(id: "p1", text: "Rivers run to the sea and the sea is never full, said the preacher long ago."),
        Paragraph(id: "p2", text: "Mountains are old; they were here before the rivers cut their valleys deep."),
        Paragraph(id: "p3", text: "A paragraph that the author will remove in the next edition of the essay."),
    ])"#;
    let v2 = r#"Article(format: 1, id: "essay", title: "Essay", body: [
        Heading(level: 1, text: "Revised"),
        Paragraph(id: "intro", text: "A new opening paragraph written for the second edition of this essay."),
        Paragraph(id: "rivers", text: "Rivers run to the sea and the sea is never full, said the preacher long ago."),
        Paragraph(id: "p2", text: "Mountains are old; they were here long before the rivers cut their valleys."),
    ])"#;
    let d1 = lectern::model::load::parse(v1).unwrap().doc;
    let (mut store, _) = NotesStore::open(&data, &d1);
    for (p, t) in [
        (0, "on rivers"),
        (1, "on mountains"),
        (2, "on the removed paragraph"),
    ] {
        store.set(&d1, p, t, 1).unwrap();
    }
    store.save().unwrap();
    drop(store);

    let d2 = lectern::model::load::parse(v2).unwrap().doc;
    let (store, messages) = NotesStore::open(&data, &d2);
    assert!(
        messages.iter().any(|m| m.contains("2 notes re-attached")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("1 note detached")),
        "{messages:?}"
    );
    let placed: Vec<(Option<usize>, &str)> = store
        .entries()
        .iter()
        .map(|e| (e.attached, e.note.text.as_str()))
        .collect();
    assert_eq!(
        placed,
        [
            (Some(1), "on rivers"),
            (Some(2), "on mountains"),
            (None, "on the removed paragraph")
        ]
    );
    drop(store);

    let article = dir.path().join("essay.ron");
    std::fs::write(&article, v2).unwrap();
    let out = Cmd::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args([
            "notes",
            article.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let detached = md
        .split("## Detached notes")
        .nth(1)
        .expect("a detached section");
    assert!(
        detached.contains("> A paragraph that the author will remove"),
        "{md}"
    );
    assert!(detached.contains("on the removed paragraph"), "{md}");
    assert!(!detached.contains("on rivers"));
}

#[test]
fn check_validates_notes_files() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    std::fs::write(&good, "Notes(format: 1, article: \"a\", notes: [])").unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "Notes(\n  format: 1,\n  article: \"a\",\n  notes: [Note(paragraph: \"p\", text: 3)],\n)",
    )
    .unwrap();
    let out = Cmd::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["check"])
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("good.ron: ok (notes of `a`, 0 notes)"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.ron:4:"), "{stderr}");
}
