//! The library from the command line: `add`, `remove`, `library`, `search`, `notes --all`
//! and `--tag`, and two `lectern add` processes at once.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Runs lectern with `args` and `--data-dir data`; returns (status, stdout, stderr).
fn run(data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("LECTERN_DATA_DIR")
        .write_stdin("")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn article(dir: &Path, name: &str, title: &str, body: &str) -> PathBuf {
    let path = dir.join(format!("{name}.md"));
    std::fs::write(
        &path,
        format!("# {title}\n\n{body}\n\n## Later\n\nMore of {title}.\n"),
    )
    .unwrap();
    path
}

fn added_id(out: &str) -> String {
    let line = out.lines().next().unwrap();
    let rest = line.split_once(' ').unwrap().1;
    rest.split_once(':').unwrap().0.to_owned()
}

const BUNDLED: &str = "zhang-chi-korean-peninsula-china-role";

#[test]
fn add_list_update_and_remove() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (code, out, err) = run(&data, &["library"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with(BUNDLED), "{out}");
    let src = article(tmp.path(), "p", "Power and Plenty", "Trade and war.");
    let src = src.to_str().unwrap();
    let (code, out, err) = run(&data, &["add", src]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("added "), "{out}");
    let id = added_id(&out);
    let (_, out, _) = run(&data, &["add", src]);
    assert_eq!(out, format!("updated {id}: Power and Plenty\n"));
    let (_, out, _) = run(&data, &["library"]);
    assert_eq!(out.lines().count(), 2);
    assert!(
        out.lines().any(|l| l.starts_with(&format!(
            "{id:<37}    0%    0 notes  opened never       Power and Plenty"
        ))),
        "{out}"
    );
    let (code, out, _) = run(&data, &["library", "--format", "ron"]);
    assert_eq!(code, Some(0));
    let entries: Vec<lectern::library::Entry> = ron::from_str(&out).unwrap();
    assert_eq!(entries.len(), 2);
    let notes = lectern::notes::notes_path(&data, &id);
    std::fs::create_dir_all(notes.parent().unwrap()).unwrap();
    std::fs::write(
        &notes,
        format!("Notes(format: 1, article: \"{id}\", notes: [])"),
    )
    .unwrap();
    let (code, out, _) = run(&data, &["remove", &id]);
    assert_eq!(code, Some(0));
    assert!(out.contains("its notes stay in"), "{out}");
    assert!(notes.exists());
    let (code, _, err) = run(&data, &["remove", BUNDLED]);
    assert_eq!(code, Some(1));
    assert!(err.contains("always in the library"), "{err}");
    let (code, _, err) = run(&data, &["add", "/no/such/file.md"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("/no/such/file.md"), "{err}");
}

#[test]
fn search_prints_places_across_the_library_and_by_tag() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let a = article(tmp.path(), "a", "Alpha", "Bullion flowed east.");
    let b = article(tmp.path(), "b", "Beta", "Nothing of that metal here.");
    let (_, out, _) = run(&data, &["add", a.to_str().unwrap(), b.to_str().unwrap()]);
    let a_id = added_id(&out);
    let (code, out, _) = run(&data, &["search", "bullion"]);
    assert_eq!(code, Some(0));
    assert_eq!(out, format!("{a_id}:¶1: Bullion flowed east.\n"));
    let (code, out, _) = run(&data, &["search", "more"]);
    assert_eq!(code, Some(0));
    let ours: Vec<&str> = out.lines().filter(|l| !l.starts_with(BUNDLED)).collect();
    assert_eq!(ours.len(), 2, "{out}");
    assert!(
        out.contains(&format!("{a_id}:1 ¶1: More of Alpha.")),
        "{out}"
    );
    // With a tag, only the tagged articles.
    lectern::library::add_tag(&data, &a_id, "week1").unwrap();
    let (_, out, _) = run(&data, &["search", "more", "--tag", "#week1"]);
    assert_eq!(out, format!("{a_id}:1 ¶1: More of Alpha.\n"));
    let (code, out, _) = run(&data, &["search", "nowhere-to-be-found"]);
    assert_eq!((code, out.as_str()), (Some(1), ""));
}

#[test]
fn notes_of_the_whole_library_or_a_tag_in_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let a = article(tmp.path(), "a", "Alpha", "First of alpha.");
    let b = article(tmp.path(), "b", "Beta", "First of beta.");
    let (_, out, _) = run(&data, &["add", a.to_str().unwrap(), b.to_str().unwrap()]);
    let ids: Vec<String> = out
        .lines()
        .map(|l| {
            l.split_once(' ')
                .unwrap()
                .1
                .split_once(':')
                .unwrap()
                .0
                .to_owned()
        })
        .collect();
    for (id, text) in ids.iter().zip(["on alpha", "on beta"]) {
        let doc = lectern::library::load_article(&data, id).unwrap().doc;
        let (mut store, _) = lectern::notes::NotesStore::open(&data, &doc);
        store.set(&doc, 1, text, 1_000).unwrap();
        store.save().unwrap();
    }
    lectern::library::add_tag(&data, &ids[1], "pols201").unwrap();
    let (code, out, err) = run(&data, &["notes", "--all"]);
    assert_eq!(code, Some(0), "{err}");
    let alpha = out.find("# Notes on “Alpha”").unwrap();
    let beta = out.find("# Notes on “Beta”").unwrap();
    assert!(alpha < beta, "{out}");
    assert!(out.find("on alpha").unwrap() < beta && out.find("on beta").unwrap() > beta);
    for format in ["ron", "obsidian"] {
        let (code, out, err) = run(&data, &["notes", "--all", "--format", format]);
        assert_eq!(code, Some(2), "{format}");
        assert!(out.is_empty());
        assert!(
            err.contains("--format ron and --format obsidian are for one article"),
            "{err}"
        );
    }
    let (_, out, _) = run(&data, &["notes", "--tag", "pols201"]);
    assert!(
        out.contains("on beta") && !out.contains("on alpha"),
        "{out}"
    );
}

#[test]
fn two_processes_adding_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let files: Vec<PathBuf> = (0..10)
        .map(|i| {
            article(
                tmp.path(),
                &format!("a{i}"),
                &format!("Article {i}"),
                "Text.",
            )
        })
        .collect();
    let spawn = |part: &[PathBuf]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("lectern"))
            .env(
                "LECTERN_CACHE_DIR",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
            )
            .arg("add")
            .args(part)
            .arg("--data-dir")
            .arg(&data)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut one = spawn(&files[..5]);
    let mut two = spawn(&files[5..]);
    assert!(one.wait().unwrap().success());
    assert!(two.wait().unwrap().success());
    let (_, out, _) = run(&data, &["library"]);
    assert_eq!(out.lines().count(), 11, "{out}");
}

#[test]
fn the_obsidian_export_carries_the_library_tags() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let src = article(tmp.path(), "a.md", "Alpha", "The text of alpha.");
    let (code, _, err) = run(&data, &["add", src.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let id = lectern::library::list(&data)
        .entries
        .into_iter()
        .find(|e| e.title == "Alpha")
        .unwrap()
        .id;
    lectern::library::add_tag(&data, &id, "pols201").unwrap();
    let (code, out, err) = run(
        &data,
        &["notes", src.to_str().unwrap(), "--format", "obsidian"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("tags:\n  - lectern\n  - \"pols201\"\n"),
        "{out}"
    );
}

#[test]
fn add_converts_through_the_cache_it_is_given() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    let src = article(tmp.path(), "a", "Alpha", "The text of alpha.");
    let (code, _, err) = run(
        &data,
        &[
            "add",
            src.to_str().unwrap(),
            "--cache-dir",
            cache.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let kept: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    assert_eq!(
        kept.len(),
        1,
        "the conversion is kept for the reader: {kept:?}"
    );
}
