use std::fs;
use std::path::{Path, PathBuf};

use super::codec::{self, DecodeError};
use super::*;

/// A Markdown article with sections, footnotes, a list, code and a found abbreviation.
fn article(dir: &Path, name: &str, extra: &str) -> PathBuf {
    let path = dir.join(name);
    let text = format!(
        "# Title{extra}\n\nThe Demilitarized Zone (DMZ) is *wide*.[^1]\n\n## Part\n\n- one\n- two\n\n\
         ```\ncode\n```\n\n> quoted DMZ\n\n[^1]: A **note**.\n"
    );
    fs::write(&path, text).unwrap();
    path
}

fn same(a: &Loaded, b: &Loaded) {
    assert_eq!(a.doc.meta, b.doc.meta);
    assert_eq!(a.doc.sections, b.doc.sections);
    assert_eq!(a.doc.paragraphs, b.doc.paragraphs);
    assert_eq!(a.doc.footnotes, b.doc.footnotes);
    assert_eq!(a.doc.glossary.entries, b.doc.glossary.entries);
    assert_eq!(a.warnings, b.warnings);
    for p in &a.doc.paragraphs {
        assert_eq!(
            a.doc.paragraph_index(&p.id),
            b.doc.paragraph_index(&p.id),
            "lookup tables rebuilt"
        );
    }
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == EXT));
    v.sort();
    v
}

fn open_md(cache: &Path, path: &Path) -> Loaded {
    open_in(cache, path, SourceFormat::Markdown, DEFAULT_MAX_BYTES).unwrap()
}

#[test]
fn a_converted_article_comes_back_from_the_cache_equal() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = article(dir.path(), "a.md", "");
    let direct = SourceFormat::Markdown.open(&path).unwrap();
    let first = open_md(&cache, &path);
    same(&direct, &first);
    assert_eq!(entries(&cache).len(), 1, "the conversion was kept");
    let second = open_md(&cache, &path);
    same(&direct, &second);
    assert!(
        !direct.doc.glossary.entries.is_empty(),
        "the test needs a glossary"
    );
    assert!(!direct.doc.footnotes.is_empty(), "and footnotes");
}

#[test]
fn the_second_open_reads_the_entry_not_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = article(dir.path(), "a.md", "");
    open_md(&cache, &path);
    // Put another article's conversion under this file's key: if the entry is read, its
    // title comes back.
    let other = article(dir.path(), "b.md", " planted");
    let planted = SourceFormat::Markdown.open(&other).unwrap();
    let (key, _) = source_key(&path, SourceFormat::sniff(&path)).unwrap();
    let entry = &entries(&cache)[0];
    crate::durable::write_with(entry, |out| codec::encode(out, key, &planted)).unwrap();
    assert_eq!(open_md(&cache, &path).doc.title(), "Title planted");
}

#[test]
fn a_file_changed_between_opens_is_converted_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = article(dir.path(), "a.md", "");
    assert_eq!(open_md(&cache, &path).doc.title(), "Title");
    article(dir.path(), "a.md", " changed");
    assert_eq!(open_md(&cache, &path).doc.title(), "Title changed");
    assert_eq!(entries(&cache).len(), 2, "one entry per content");
    // And back: the first entry is found again.
    article(dir.path(), "a.md", "");
    assert_eq!(open_md(&cache, &path).doc.title(), "Title");
    assert_eq!(entries(&cache).len(), 2);
}

/// Opens with the entry damaged by `damage`; the result must equal a fresh conversion and
/// the entry must be whole again afterwards.
fn survives(damage: impl Fn(&mut Vec<u8>)) {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = article(dir.path(), "a.md", "");
    let direct = SourceFormat::Markdown.open(&path).unwrap();
    open_md(&cache, &path);
    let entry = entries(&cache)[0].clone();
    let mut bytes = fs::read(&entry).unwrap();
    damage(&mut bytes);
    fs::write(&entry, &bytes).unwrap();
    same(&direct, &open_md(&cache, &path));
    let (key, _) = source_key(&path, SourceFormat::sniff(&path)).unwrap();
    let rebuilt = codec::decode(&mut fs::File::open(&entry).unwrap(), key, true);
    same(&direct, &rebuilt.expect("the entry was rebuilt"));
}

#[test]
fn a_truncated_entry_is_ignored_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), "a.md", "");
    let cache = dir.path().join("cache");
    open_md(&cache, &path);
    let len = fs::metadata(&entries(&cache)[0]).unwrap().len() as usize;
    for cut in [0, 5, 21, 30, len / 2, len - 1] {
        survives(|b| b.truncate(cut));
    }
    survives(|b| b.push(0));
}

#[test]
fn flipped_bytes_are_found_and_the_entry_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), "a.md", "");
    let cache = dir.path().join("cache");
    open_md(&cache, &path);
    let bytes = fs::read(&entries(&cache)[0]).unwrap();
    let (key, _) = source_key(&path, SourceFormat::sniff(&path)).unwrap();
    // Every byte flipped in turn: never a different document, always a clean error.
    for at in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] ^= 0x20;
        match codec::decode(&mut bad.as_slice(), key, true) {
            Err(DecodeError::Foreign | DecodeError::Damaged(_) | DecodeError::Io(_)) => {}
            Ok(_) => panic!("byte {at} flipped was not noticed"),
        }
    }
    survives(|b| {
        let at = b.len() / 2;
        b[at] ^= 0xff;
    });
}

#[test]
fn an_entry_of_another_version_or_key_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), "a.md", "");
    let loaded = SourceFormat::Markdown.open(&path).unwrap();
    let mut bytes = Vec::new();
    codec::encode(&mut bytes, 7, &loaded).unwrap();
    assert!(codec::decode(&mut bytes.as_slice(), 7, true).is_ok());
    assert!(matches!(
        codec::decode(&mut bytes.as_slice(), 8, true),
        Err(DecodeError::Foreign)
    ));
    let mut old = bytes.clone();
    old[8..12].copy_from_slice(&(codec::FORMAT + 1).to_le_bytes());
    assert!(matches!(
        codec::decode(&mut old.as_slice(), 7, true),
        Err(DecodeError::Foreign)
    ));
    let mut other = bytes.clone();
    let v = 21; // the version's first byte
    other[v] = other[v].wrapping_add(1);
    assert!(matches!(
        codec::decode(&mut other.as_slice(), 7, true),
        Err(DecodeError::Foreign)
    ));
    survives(|b| b[8..12].copy_from_slice(&(codec::FORMAT + 1).to_le_bytes()));
}

#[test]
fn a_cache_that_cannot_be_written_does_not_stop_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), "a.md", "");
    // The cache directory is a file: nothing can be written under it.
    let cache = dir.path().join("cache");
    fs::write(&cache, "not a directory").unwrap();
    let loaded = open_md(&cache, &path);
    assert_eq!(loaded.doc.title(), "Title");
    assert_eq!(fs::read_to_string(&cache).unwrap(), "not a directory");
}

#[test]
fn the_cache_keeps_under_its_cap_and_drops_the_least_recently_used() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let a = article(dir.path(), "a.md", " a");
    let b = article(dir.path(), "b.md", " b");
    let c = article(dir.path(), "c.md", " c");
    open_md(&cache, &a);
    let one = fs::metadata(&entries(&cache)[0]).unwrap().len();
    let cap = one * 2 + one / 2;
    let old = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    let age = |p: &Path, n: u64| {
        for e in entries(&cache) {
            let (key, _) = source_key(p, SourceFormat::sniff(p)).unwrap();
            if e.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{key:016x}"))
            {
                File::options()
                    .write(true)
                    .open(&e)
                    .unwrap()
                    .set_modified(old + std::time::Duration::from_secs(n))
                    .unwrap();
            }
        }
    };
    open_in(&cache, &b, SourceFormat::Markdown, cap).unwrap();
    age(&a, 2);
    age(&b, 1);
    // `b` is the least recently used now: it goes when `c` comes in.
    open_in(&cache, &c, SourceFormat::Markdown, cap).unwrap();
    let left = entries(&cache);
    assert_eq!(left.len(), 2);
    let key = |p: &Path| {
        format!(
            "{:016x}.{EXT}",
            source_key(p, SourceFormat::sniff(p)).unwrap().0
        )
    };
    let names: Vec<String> = left
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.contains(&key(&a)) && names.contains(&key(&c)),
        "{names:?}"
    );
    // A cap smaller than one entry keeps only the newest.
    open_in(&cache, &b, SourceFormat::Markdown, 1).unwrap();
    assert_eq!(entries(&cache), vec![cache.join(key(&b))]);
}

#[test]
fn a_book_comes_in_body_frames_each_with_the_sections_it_begins() {
    let loaded = crate::import::parse_markdown(&crate::import::book_markdown(30)).unwrap();
    let mut bytes = Vec::new();
    codec::encode(&mut bytes, 7, &loaded).unwrap();
    let (head, mut stream) = codec::open(&bytes[..], 7, true).unwrap();
    assert_eq!(head.paragraphs as usize, loaded.doc.paragraphs.len());
    let (mut sections, mut paragraphs, mut frames) = (Vec::new(), Vec::new(), 0);
    while let Some((s, p)) = stream.next_body().unwrap() {
        frames += 1;
        let end = paragraphs.len() + p.len();
        let last = end == loaded.doc.paragraphs.len();
        // Only what this frame needs: sections that begin before its end (all the rest in
        // the last frame).
        assert!(s.iter().all(|s| last || s.paragraphs.start < end));
        if frames == 1 {
            assert!(
                s.len() < loaded.doc.sections.len() / 2,
                "the first frame does not carry the whole outline"
            );
        }
        sections.extend(s);
        paragraphs.extend(p);
    }
    assert!(frames > 1);
    assert_eq!(stream.footnotes().unwrap(), loaded.doc.footnotes);
    assert_eq!(sections, loaded.doc.sections);
    assert_eq!(paragraphs, loaded.doc.paragraphs);
}

#[test]
fn a_paragraph_whose_section_has_not_come_is_damage() {
    let loaded = crate::import::parse_markdown("# A\n\none\n\n# B\n\ntwo\n").unwrap();
    let mut doc = loaded.doc.clone();
    // The second paragraph claims a section that does not exist.
    doc.paragraphs[1].section = 5;
    let bad = Loaded {
        doc,
        warnings: Vec::new(),
    };
    let mut bytes = Vec::new();
    codec::encode(&mut bytes, 7, &bad).unwrap();
    assert!(matches!(
        codec::decode(&mut &bytes[..], 7, true),
        Err(DecodeError::Damaged(_))
    ));
}

#[test]
fn stamps_whose_entry_is_gone_and_stamps_past_the_cap_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let live = entry_path(dir, 1);
    fs::write(&live, b"entry").unwrap();
    fs::write(stamp_path(dir, 100), 1u64.to_le_bytes()).unwrap();
    fs::write(stamp_path(dir, 101), 2u64.to_le_bytes()).unwrap();
    fs::write(stamp_path(dir, 102), b"short").unwrap();
    fs::write(stamp_path(dir, 103), [1u8; 9]).unwrap();
    // A FIFO is never opened (it would wait for a writer): it is removed as damaged.
    let fifo = std::ffi::CString::new(stamp_path(dir, 104).to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    evict(dir, u64::MAX, &live).unwrap();
    assert!(stamp_path(dir, 100).exists(), "its entry is there");
    assert!(!stamp_path(dir, 101).exists(), "its entry is gone");
    assert!(!stamp_path(dir, 102).exists(), "damaged");
    assert!(!stamp_path(dir, 103).exists(), "damaged");
    assert!(!stamp_path(dir, 104).exists(), "not a regular file");
    for i in 0..MAX_STAMPS as u64 + 5 {
        fs::write(stamp_path(dir, 1000 + i), 1u64.to_le_bytes()).unwrap();
    }
    evict(dir, u64::MAX, &live).unwrap();
    let stamps = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == STAT_EXT))
        .count();
    assert_eq!(stamps, MAX_STAMPS);
    assert!(live.exists());
}
