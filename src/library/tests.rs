use std::path::{Path, PathBuf};

use super::*;

fn article(dir: &Path, name: &str, title: &str) -> PathBuf {
    let path = dir.join(format!("{name}.md"));
    std::fs::write(
        &path,
        format!("# {title}\n\nThe first paragraph of {title}.\n\n## Part\n\nMore about {title}.\n"),
    )
    .unwrap();
    path
}

/// Adds a new article `title` (written as `dir/name.md`) to the library; its id.
fn added(data: &Path, dir: &Path, name: &str, title: &str) -> String {
    add(data, &article(dir, name, title)).unwrap().entry.id
}

fn ids(data: &Path) -> Vec<String> {
    let mut ids: Vec<String> = list(data).entries.into_iter().map(|e| e.id).collect();
    ids.sort();
    ids
}

#[test]
fn add_update_remove_keep_the_bundled_article_and_the_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bundled = bundled_entry().id.clone();
    assert_eq!(ids(&data), std::slice::from_ref(&bundled));
    let src = article(tmp.path(), "power", "Power and Plenty");
    let added = add(&data, &src).unwrap();
    assert!(!added.updated);
    let id = added.entry.id.clone();
    assert!(article_path(&data, &id).is_file());
    assert_eq!(added.entry.title, "Power and Plenty");
    assert!(added.entry.added > 0);
    add_tag(&data, &id, "#pols201").unwrap();
    // Again: an update, which keeps the tag and the date added.
    let again = add(&data, &src).unwrap();
    assert!(again.updated);
    assert_eq!(again.entry.tags, ["pols201"]);
    assert_eq!(again.entry.added, added.entry.added);
    assert_eq!(list(&data).entries.len(), 2);
    // A missing source is fine: the converted article is what is read.
    std::fs::remove_file(&src).unwrap();
    assert_eq!(load_article(&data, &id).unwrap().doc.meta.id, id);
    let notes = crate::notes::notes_path(&data, &id);
    std::fs::create_dir_all(notes.parent().unwrap()).unwrap();
    std::fs::write(&notes, "kept").unwrap();
    remove(&data, &id).unwrap();
    assert_eq!(ids(&data), std::slice::from_ref(&bundled));
    assert!(!article_path(&data, &id).exists());
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "kept");
    assert!(matches!(
        remove(&data, &bundled),
        Err(LibraryError::Bundled)
    ));
    assert!(matches!(remove(&data, &id), Err(LibraryError::NotFound(_))));
}

#[test]
fn a_missing_or_damaged_index_is_rebuilt_from_the_files_with_the_tags() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let a = added(&data, tmp.path(), "a", "Alpha");
    let b = added(&data, tmp.path(), "b", "Beta");
    add_tag(&data, &a, "week1").unwrap();
    let before = list(&data).entries;
    std::fs::remove_file(index_path(&data)).unwrap();
    let rebuilt = list(&data);
    assert_eq!(rebuilt.entries, before);
    assert!(rebuilt.messages.is_empty(), "{:?}", rebuilt.messages);
    std::fs::write(index_path(&data), "Library(format: 1, entries: [Entry(").unwrap();
    let rebuilt = list(&data);
    assert_eq!(rebuilt.entries, before);
    assert_eq!(rebuilt.messages.len(), 1);
    assert!(
        rebuilt.messages[0].contains("library.ron"),
        "{:?}",
        rebuilt.messages
    );
    // The next change writes a good index again; the article files were never touched.
    add_tag(&data, &b, "week2").unwrap();
    assert!(list(&data).messages.is_empty());
    // An entry file damaged too: the article gives the title back, the tag is lost.
    std::fs::remove_file(index_path(&data)).unwrap();
    std::fs::write(entry_path(&data, &a), "Entry(id: ").unwrap();
    let rebuilt = list(&data);
    let alpha = rebuilt.entries.iter().find(|e| e.id == a).unwrap();
    assert_eq!(alpha.title, "Alpha");
    assert!(alpha.tags.is_empty());
}

#[test]
fn a_damaged_article_is_skipped_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let a = added(&data, tmp.path(), "a", "Alpha");
    std::fs::create_dir_all(articles_dir(&data)).unwrap();
    let bad = article_path(&data, "broken");
    std::fs::write(&bad, "Article(format: 1, id: ").unwrap();
    std::fs::remove_file(index_path(&data)).unwrap();
    let listing = list(&data);
    assert!(listing.entries.iter().any(|e| e.id == a));
    assert!(!listing.entries.iter().any(|e| e.id == "broken"));
    assert_eq!(listing.messages.len(), 1);
    assert!(
        listing.messages[0].contains(&bad.display().to_string()),
        "{:?}",
        listing.messages
    );
    let err = load_article(&data, "broken").unwrap_err();
    assert_eq!(err.path, bad.display().to_string());
}

#[test]
fn touch_records_the_last_opened_progress_and_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let a = added(&data, tmp.path(), "a", "Alpha");
    assert!(last_opened(&data).is_none());
    touch(&data, &a, Some((40, 3))).unwrap();
    let last = last_opened(&data).unwrap();
    assert_eq!(
        (last.id.as_str(), last.progress, last.notes),
        (a.as_str(), 40, 3)
    );
    assert_eq!(list(&data).entries[0].id, a);
    // An article closed before it was whole: noted as opened, its progress and notes
    // count kept as they were.
    let b = added(&data, tmp.path(), "b", "Beta");
    let entry = |id: &str| {
        list(&data)
            .entries
            .into_iter()
            .find(|e| e.id == id)
            .unwrap()
    };
    assert_eq!(entry(&b).last_opened, 0);
    touch(&data, &b, None).unwrap();
    let now = entry(&b);
    assert!(now.last_opened > 0);
    assert_eq!((now.progress, now.notes), (0, 0));
    touch(&data, &b, Some((70, 2))).unwrap();
    touch(&data, &b, None).unwrap();
    assert_eq!((entry(&b).progress, entry(&b).notes), (70, 2));
    // An article outside the library stays outside it.
    touch(&data, "not-added", Some((10, 0))).unwrap();
    assert!(!list(&data).entries.iter().any(|e| e.id == "not-added"));
    assert!(load_article(&data, "../../etc/passwd").is_err());
}

#[test]
fn two_threads_adding_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let sources: Vec<PathBuf> = (0..8)
        .map(|i| article(tmp.path(), &format!("a{i}"), &format!("Article {i}")))
        .collect();
    let (first, second) = sources.split_at(4);
    std::thread::scope(|s| {
        for half in [first, second] {
            let data = &data;
            s.spawn(move || {
                for src in half {
                    add(data, src).unwrap();
                }
            });
        }
    });
    assert_eq!(list(&data).entries.len(), 9);
}

#[test]
fn bad_tags_are_refused() {
    assert_eq!(ops::clean_tag(" #pols201 ").as_deref(), Some("pols201"));
    assert_eq!(ops::clean_tag("#"), None);
    assert_eq!(ops::clean_tag("two words"), None);
    assert_eq!(ops::clean_tag("a\u{1b}b"), None);
}
