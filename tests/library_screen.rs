//! The library screen, driven by keys: `L` opens it, `/` filters as you type, `Tab` goes
//! through the tags, `t` tags the selected article, `Enter` opens it.

mod common;

use common::{app, press, screen};
use lectern::app::App;
use lectern::app::library::LibraryInput;

/// A reader on the bundled article whose data directory's library holds three readings,
/// tagged `week1`, `week2` and `week2`.
fn reader_with_library() -> (App, tempfile::TempDir) {
    let titles = [
        "Power and Plenty",
        "The Wealth of Nations",
        "Plenty of Fish",
    ];
    // The list is ordered by when articles were added, to the second, then by title: the
    // three are added within one second (again, in a new directory, when a second ended
    // between them), so that the screens shown are always the same.
    let tmp = loop {
        let tmp = tempfile::tempdir().unwrap();
        let start = lectern::notes::now();
        for (i, (title, tag)) in titles.iter().zip(["week1", "week2", "week2"]).enumerate() {
            let src = tmp.path().join(format!("a{i}.md"));
            std::fs::write(&src, format!("# {title}\n\nThe text of {title}.\n")).unwrap();
            let id = lectern::library::add(tmp.path(), &src).unwrap().entry.id;
            lectern::library::add_tag(tmp.path(), &id, tag).unwrap();
        }
        if lectern::notes::now() == start {
            break tmp;
        }
    };
    let mut app = app("default", 110, 14);
    app.open_storage(tmp.path());
    (app, tmp)
}

fn shown_titles(app: &App) -> Vec<String> {
    let screen = app.modals.library().expect("the library is open");
    screen
        .shown
        .iter()
        .map(|&i| screen.entries[i].title.clone())
        .collect()
}

#[test]
fn l_lists_the_library_with_the_open_article_selected() {
    let (mut app, _tmp) = reader_with_library();
    press(&mut app, "L");
    let lib = app.modals.library().unwrap();
    assert_eq!(lib.entries.len(), 4);
    assert_eq!(lib.selected_entry().unwrap().id, app.doc.meta.id);
    insta::assert_snapshot!("library_110x14", screen(&app));
    press(&mut app, "Esc");
    assert!(app.modals.library().is_none());
}

#[test]
fn typing_after_slash_filters_fuzzily_and_esc_clears() {
    let (mut app, _tmp) = reader_with_library();
    press(&mut app, "L / p l n t");
    assert_eq!(
        app.modals.library().unwrap().input,
        Some(LibraryInput::Filter)
    );
    // "plnt": the letters in order, in "Power and Plenty" and "Plenty of Fish"; the
    // tighter match first.
    assert_eq!(shown_titles(&app), ["Plenty of Fish", "Power and Plenty"]);
    insta::assert_snapshot!("library_filter_110x14", screen(&app));
    press(&mut app, "Backspace Backspace Backspace Backspace w l t h");
    assert_eq!(shown_titles(&app), ["The Wealth of Nations"]);
    // Enter keeps the filter and leaves the input: j and k move again.
    press(&mut app, "Enter");
    assert_eq!(app.modals.library().unwrap().input, None);
    assert_eq!(app.modals.library().unwrap().filter, "wlth");
    // Esc drops the filter first, then closes the screen.
    press(&mut app, "Esc");
    assert_eq!(shown_titles(&app).len(), 4);
    press(&mut app, "/ z z z");
    assert!(shown_titles(&app).is_empty());
    assert!(screen(&app).contains("No article matches"));
}

#[test]
fn tab_goes_through_the_tags_then_back_to_all() {
    let (mut app, _tmp) = reader_with_library();
    press(&mut app, "L Tab");
    assert_eq!(shown_titles(&app), ["Power and Plenty"]);
    assert!(screen(&app).contains("Tag #week1"));
    press(&mut app, "Tab");
    let mut week2 = shown_titles(&app);
    week2.sort();
    assert_eq!(week2, ["Plenty of Fish", "The Wealth of Nations"]);
    press(&mut app, "Tab");
    assert_eq!(shown_titles(&app).len(), 4);
    assert!(screen(&app).contains("All articles"));
}

#[test]
fn t_tags_the_selected_article_on_disk() {
    let (mut app, tmp) = reader_with_library();
    press(&mut app, "L G t # p o l s 2 0 1");
    assert_eq!(app.modals.library().unwrap().input, Some(LibraryInput::Tag));
    press(&mut app, "Enter");
    let lib = app.modals.library().unwrap();
    let entry = lib.selected_entry().unwrap().clone();
    assert!(entry.tags.contains(&"pols201".to_owned()), "{entry:?}");
    let on_disk = lectern::library::list(tmp.path()).entries;
    let saved = on_disk.iter().find(|e| e.id == entry.id).unwrap();
    assert!(saved.tags.contains(&"pols201".to_owned()));
    assert!(app.message.as_ref().unwrap().text.contains("#pols201"));
    // A tag is one word: two are refused, and nothing is saved.
    press(&mut app, "t a Space b Enter");
    assert!(app.message.as_ref().unwrap().error);
}

#[test]
fn enter_on_another_article_saves_and_closes_the_reader_to_open_it() {
    let (mut app, tmp) = reader_with_library();
    let p = 3;
    app.notes
        .set(&app.doc, p, "a note before leaving", 5)
        .unwrap();
    press(&mut app, "L / w l t h Enter Enter");
    let next = app.open_next.clone().expect("an article to open next");
    assert!(app.should_quit);
    assert!(app.modals.library().is_none());
    assert!(!app.notes.is_dirty(), "the notes were saved first");
    let doc = lectern::library::load_article(tmp.path(), &next)
        .unwrap()
        .doc;
    assert_eq!(doc.title(), "The Wealth of Nations");
    // Enter on the article already open only closes the screen.
    let (mut app, _tmp) = reader_with_library();
    press(&mut app, "L Enter");
    assert!(app.open_next.is_none() && !app.should_quit);
    assert!(app.modals.library().is_none());
}

#[test]
fn notes_that_cannot_be_saved_ask_before_another_article_opens() {
    let (mut app, tmp) = reader_with_library();
    app.notes.set(&app.doc, 3, "unsaved", 5).unwrap();
    // The notes directory turns into a file: nothing can be saved there any more.
    let notes = tmp.path().join("notes");
    std::fs::remove_dir_all(&notes).unwrap();
    std::fs::write(&notes, "not a directory").unwrap();
    press(&mut app, "L / w l t h Enter Enter");
    assert!(!app.should_quit, "it asks first");
    assert!(app.open_next.is_some());
    let question = |app: &App| {
        app.confirm()
            .map(|c| c.question.clone())
            .unwrap_or_default()
    };
    assert!(
        question(&app).ends_with("Open the other article anyway?"),
        "{}",
        question(&app)
    );
    press(&mut app, "n");
    assert!(
        !app.should_quit && app.open_next.is_none(),
        "no: it stays, and forgets"
    );
    assert!(app.notes.is_dirty());
    // A later q is a plain quit (asking again), not a switch.
    press(&mut app, "q");
    assert!(
        question(&app).ends_with("Quit anyway?"),
        "{}",
        question(&app)
    );
    press(&mut app, "n");
    press(&mut app, "L / w l t h Enter Enter y");
    assert!(app.should_quit, "yes: it leaves");
    let next = app.open_next.clone().expect("for the other article");
    assert_eq!(
        lectern::library::load_article(tmp.path(), &next)
            .unwrap()
            .doc
            .title(),
        "The Wealth of Nations"
    );
}

#[test]
fn many_damaged_files_take_two_rows_and_the_list_stays() {
    let (mut app, tmp) = reader_with_library();
    for i in 0..8 {
        // A damaged converted article (without an entry file of its own).
        let path = tmp.path().join(format!("library/broken-{i}.ron"));
        std::fs::write(path, "Article(format: 1, id: ").unwrap();
    }
    // Without the index the library is rebuilt from the article files, damaged ones too.
    std::fs::remove_file(lectern::library::index_path(tmp.path())).unwrap();
    press(&mut app, "L");
    let shown = screen(&app);
    assert!(shown.contains("…and 7 more problems"), "{shown}");
    for title in [
        "Power and Plenty",
        "The Wealth of Nations",
        "Plenty of Fish",
    ] {
        assert!(shown.contains(title), "{title} is listed:\n{shown}");
    }
}

#[test]
fn the_open_article_is_listed_as_it_is_now() {
    let (mut app, _tmp) = reader_with_library();
    app.notes.set(&app.doc, 3, "a note", 5).unwrap();
    press(&mut app, "L");
    let shown = screen(&app);
    let line = shown
        .lines()
        .find(|l| l.contains("zhang-chi-korean-peninsula-china-role"))
        .unwrap();
    assert!(line.contains("1 note  opened now"), "{line}");
    assert_eq!(
        app.modals.library().unwrap().selected_entry().unwrap().id,
        "zhang-chi-korean-peninsula-china-role",
        "the open article first and selected"
    );
    let first_row = shown.lines().nth(3).unwrap();
    assert!(first_row.contains("zhang-chi"), "{shown}");
}
