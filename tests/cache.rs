//! The cache of converted articles end to end (issue 20): every converted format prints the
//! same from the cache as converted, a damaged entry is rebuilt, and a cache that cannot be
//! written (a full disk) does not stop reading.

use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

fn print(article: &Path, cache: &Path, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("lectern").unwrap();
    cmd.args(["print", "--width", "72"])
        .arg(article)
        .env("LECTERN_CACHE_DIR", cache);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let all: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    all.into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "lcache"))
        .collect()
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Prints `article` cold, cached, and with its entry damaged: the same every time.
fn round_trip(article: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cold = print(article, &cache, &[]);
    assert_eq!(cold.0, 0, "{}: {}", article.display(), cold.2);
    assert!(
        cold.1.len() > 200,
        "{} printed: {}",
        article.display(),
        cold.1
    );
    let kept = entries(&cache);
    assert_eq!(kept.len(), 1, "{}: one entry", article.display());
    let inode = std::fs::metadata(&kept[0]).unwrap().ino();

    let cached = print(article, &cache, &[]);
    assert_eq!(cached, cold, "{} from the cache", article.display());
    assert_eq!(
        std::fs::metadata(&kept[0]).unwrap().ino(),
        inode,
        "{}: a good entry is read, not written again",
        article.display()
    );

    let mut bytes = std::fs::read(&kept[0]).unwrap();
    let at = bytes.len() * 2 / 3;
    bytes[at] ^= 0x55;
    std::fs::write(&kept[0], &bytes).unwrap();
    let damaged = print(article, &cache, &[]);
    assert_eq!(damaged, cold, "{} with a damaged entry", article.display());
    assert_ne!(
        std::fs::read(&kept[0]).unwrap(),
        bytes,
        "{}: the damaged entry was rebuilt",
        article.display()
    );
}

#[test]
fn markdown_html_pdf_and_epub_print_the_same_from_the_cache() {
    round_trip(&fixture("md/article.md"));
    round_trip(&fixture("pdf/article.html"));
    round_trip(&fixture("pdf/article.pdf"));
    let dir = tempfile::tempdir().unwrap();
    let epub = dir.path().join("novel.epub");
    std::fs::write(&epub, lectern::import::novel_epub(3, 400).0).unwrap();
    round_trip(&epub);
}

#[test]
fn ron_articles_are_not_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let out = print(&fixture("minimal.ron"), &cache, &[]);
    assert_eq!(out.0, 0, "{}", out.2);
    assert!(entries(&cache).is_empty());
}

#[test]
fn a_full_disk_while_writing_the_cache_does_not_stop_reading() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let article = fixture("md/article.md");
    let expected = print(&article, &dir.path().join("other"), &[]);
    let fault = format!("enospc:{}", cache.display());
    let out = print(&article, &cache, &[("LECTERN_FAULT_WRITE", &fault)]);
    assert_eq!(out, expected);
    assert!(entries(&cache).is_empty(), "nothing half-written is left");
    let leftovers: Vec<PathBuf> = std::fs::read_dir(&cache)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_cache_dir_flag_wins_over_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let (env_dir, flag_dir) = (dir.path().join("env"), dir.path().join("flag"));
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .arg("print")
        .arg("--cache-dir")
        .arg(&flag_dir)
        .arg(fixture("md/article.md"))
        .env("LECTERN_CACHE_DIR", &env_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(entries(&flag_dir).len(), 1);
    assert!(entries(&env_dir).is_empty());
}

#[test]
fn the_same_bytes_under_another_extension_are_another_article() {
    // `page.htm` is read as HTML; the same bytes in `page.md` are Markdown. The second must
    // not be served the first's conversion from the cache.
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let text = "<p>Hi *there*</p>\n";
    let htm = dir.path().join("page.htm");
    let md = dir.path().join("page.md");
    std::fs::write(&htm, text).unwrap();
    std::fs::write(&md, text).unwrap();
    let cold_md = print(&md, &dir.path().join("other-cache"), &[]);
    let (code, as_html, _) = print(&htm, &cache, &[]);
    assert_eq!(code, 0);
    let (code, as_md, err) = print(&md, &cache, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        as_md, cold_md.1,
        "the Markdown reading, not the cached HTML one"
    );
    assert_ne!(as_md, as_html);
    assert_eq!(entries(&cache).len(), 2, "one entry per format");
}

#[test]
fn a_big_ron_article_is_cached_and_a_small_one_read_directly() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let md = dir.path().join("book.md");
    std::fs::write(&md, lectern::import::book_markdown(60)).unwrap();
    let big = dir.path().join("book.ron");
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env("LECTERN_CACHE_DIR", dir.path().join("unused"))
        .args(["import", "-o"])
        .arg(&big)
        .arg(&md)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(std::fs::metadata(&big).unwrap().len() >= lectern::cache::RON_CACHED_FROM);
    let (code, first, _) = print(&big, &cache, &[]);
    assert_eq!(code, 0);
    assert_eq!(entries(&cache).len(), 1, "the big RON is kept");
    let (_, second, _) = print(&big, &cache, &[]);
    assert_eq!(first, second);
    let (code, _, _) = print(&fixture("minimal.ron"), &cache, &[]);
    assert_eq!(code, 0);
    assert_eq!(entries(&cache).len(), 1, "a small RON is read directly");
}

#[test]
fn the_bundled_article_is_decoded_from_the_cache_after_the_first_start() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let print_bundled = || {
        let out = Command::cargo_bin("lectern")
            .unwrap()
            .args(["print", "--width", "72"])
            .env("LECTERN_CACHE_DIR", &cache)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let parsed = print_bundled();
    assert_eq!(entries(&cache).len(), 1, "kept once parsed");
    let entry = entries(&cache).remove(0);
    let stamp = std::fs::metadata(&entry).unwrap().mtime_nsec();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(print_bundled(), parsed, "the same article from the cache");
    assert_ne!(
        std::fs::metadata(&entry).unwrap().mtime_nsec(),
        stamp,
        "the entry was read (and marked as used)"
    );
    // A damaged entry is parsed again and rewritten.
    let mut bytes = std::fs::read(&entry).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&entry, bytes).unwrap();
    assert_eq!(print_bundled(), parsed);
}
