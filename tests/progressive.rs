//! Progressive opening (issue 20): a book is shown from its first part while the rest is
//! read in the background. The background reader's messages are collected first and fed
//! to the reader one by one, with keys pressed in between: the "import thread" is held at
//! each step, so every test sees the same order.

mod common;

use std::path::{Path, PathBuf};

use lectern::app::App;
use lectern::keymap::Keymap;
use lectern::loading::{self, Msg, Opening};
use lectern::update::loading as reading;

/// A scratch directory with a book of `chapters` chapters (about 40 KB each) and a cache
/// directory set for this process.
fn setup(name: &str, chapters: usize) -> (PathBuf, PathBuf) {
    let dir =
        std::env::temp_dir().join(format!("lectern-progressive-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // One cache directory for the whole test process (the first call wins).
    let cache =
        std::env::temp_dir().join(format!("lectern-progressive-{}-cache", std::process::id()));
    lectern::cache::set_dir(Some(cache));
    let book = dir.join("book.md");
    std::fs::write(&book, lectern::import::book_markdown(chapters)).unwrap();
    (dir, book)
}

/// Opens `book` twice: the first open converts it and keeps the conversion (unless
/// another test did with the same text); the second streams it from the cache. Returns the
/// second opening and the whole book.
fn cached(book: &Path) -> (Opening, lectern::model::Document) {
    let first = loading::open(book).unwrap();
    first
        .rest
        .expect("a big file is read in the background")
        .collect();
    let second = loading::open(book).unwrap();
    let whole = lectern::import::source::open(book).unwrap().doc;
    (second, whole)
}

/// A book of `chapters` chapters opened once (so converted and kept), with its scratch
/// directory, the whole book and its cache entry's file. A test that damages the entry
/// takes a chapter count no other test takes, so that the entry is its own.
fn cached_entry(
    name: &str,
    chapters: usize,
) -> (PathBuf, PathBuf, lectern::model::Document, PathBuf) {
    let (dir, book) = setup(name, chapters);
    let (_, whole) = cached(&book);
    let entry = lectern::cache::entry(&book, lectern::import::SourceFormat::Markdown)
        .unwrap()
        .path()
        .to_path_buf();
    (dir, book, whole, entry)
}

/// A book of 30 chapters (about 1.2 MB) opened a second time, so streamed from the cache:
/// its scratch directory, a data directory in it, the opening and the whole book.
struct Streamed {
    dir: PathBuf,
    data: PathBuf,
    second: Opening,
    whole: lectern::model::Document,
}

fn streamed(name: &str) -> Streamed {
    let (dir, book) = setup(name, 30);
    let (second, whole) = cached(&book);
    Streamed {
        data: dir.join("data"),
        dir,
        second,
        whole,
    }
}

fn reader(opening: Opening, data: Option<PathBuf>) -> (App, Vec<Msg>) {
    let Opening { first, rest } = opening;
    let mut app = App::new(
        first.doc,
        Keymap::builtin("default").unwrap(),
        Default::default(),
    );
    app.resize(100, 30);
    let rest = rest.expect("more to read");
    // Collected now, fed later: the background reader is held between its messages.
    let msgs = rest.collect();
    reading::start(&mut app, None, data, "book.md".into());
    (app, msgs)
}

/// As under the event loop (searches run in steps between events): types `typed` into the
/// search prompt and lets the search run to its end.
fn search_in_steps(app: &mut App, typed: &str) {
    app.search_in_steps = true;
    common::press(app, "/");
    common::type_text(app, typed);
    while !lectern::update::search::work(app, usize::MAX) {}
}

fn same_text(a: &lectern::model::Document, b: &lectern::model::Document) {
    assert_eq!(a.paragraphs, b.paragraphs);
    assert_eq!(a.sections, b.sections);
    assert_eq!(a.footnotes, b.footnotes);
    assert_eq!(a.meta, b.meta);
}

#[test]
fn a_cached_book_streams_in_growing_parts_that_make_the_whole() {
    let Streamed { second, whole, .. } = streamed("parts");
    let shown = second.first.doc.paragraphs.len();
    assert!(
        shown > 0 && shown < whole.paragraphs.len() / 2,
        "the first screen needs a part of the book, not all of it ({shown} of {})",
        whole.paragraphs.len()
    );
    assert_eq!(second.first.doc.paragraphs[..], whole.paragraphs[..shown]);
    let (mut app, msgs) = reader(second, None);
    let mut sizes = vec![shown];
    for msg in msgs {
        let Msg::Part {
            paragraphs, done, ..
        } = &msg
        else {
            panic!("a sound cache entry is streamed in parts");
        };
        sizes.push(paragraphs.len());
        let last = *done;
        reading::absorb(&mut app, msg);
        assert_eq!(reading::reading(&app), !last);
        // The outline fills in as the sections arrive.
        assert!(app.doc.sections.len() <= whole.sections.len());
        assert_eq!(app.flow.paragraph_item.len(), app.doc.paragraphs.len());
    }
    assert!(sizes.len() >= 3, "several parts: {sizes:?}");
    // Each part (but the last) is at least as large as all before it.
    for i in 1..sizes.len() - 1 {
        let before: usize = sizes[..i].iter().sum();
        assert!(sizes[i] >= before, "parts double: {sizes:?}");
    }
    same_text(&app.doc, &whole);
    assert_eq!(
        app.flow.items,
        lectern::layout::Flow::new(&whole).items,
        "the flow grown part by part is the whole's"
    );
}

#[test]
fn keys_before_the_book_is_whole_work_on_what_is_there_and_say_so() {
    let Streamed {
        data,
        second,
        whole,
        ..
    } = streamed("keys");
    let (mut app, msgs) = reader(second, Some(data.clone()));
    let shown = app.doc.paragraphs.len();

    // G: the end of what is read, said to be so.
    common::press(&mut app, "G");
    assert_eq!(app.reader.cursor, shown - 1);
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("still reading"), "{said}");
    let status = common::screen(&app).lines().last().unwrap_or("").to_owned();
    assert!(
        status.trim_end().ends_with("reading…"),
        "the status bar shows the reading, not a position: {status}"
    );
    // ] past the last section read: nothing more yet, said so.
    common::press(&mut app, "]");
    assert_eq!(app.reader.cursor, shown - 1);
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.starts_with("No more yet: still reading"), "{said}");

    // A search finds what is read so far, and says that is all it searched.
    common::press(&mut app, "g g /");
    common::type_text(&mut app, "China\n");
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("only the part read so far"), "{said}");
    let found_early = app.search.as_ref().unwrap().results.text.len();
    assert!(found_early > 0);

    // A `:` jump to a section not read yet is refused and says why.
    let far = whole.sections.len() - 1;
    let number = whole.sections[far].number.clone();
    common::press(&mut app, ":");
    common::type_text(&mut app, &format!("{number}\n"));
    assert!(app.reader.cursor < shown);
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("still reading"), "{said}");

    // A note waits for the whole book, and says so; nothing is written.
    common::press(&mut app, "g g a");
    assert!(!app.has_modal(lectern::app::ModalKind::Editor));
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("open once the article is read"), "{said}");
    assert!(!data.join("notes").exists());

    let mut msgs = msgs.into_iter();
    // The search goes on into each part that arrives.
    reading::absorb(&mut app, msgs.next().unwrap());
    let found_more = app.search.as_ref().unwrap().results.text.len();
    assert!(found_more > found_early, "{found_more} > {found_early}");
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    assert!(!reading::reading(&app));
    assert!(
        app.message.is_none(),
        "what was said of the reading goes once the book is whole: {:?}",
        app.message
    );
    same_text(&app.doc, &whole);
    // Now G goes to the real end, `:` finds the far section, a note can be written.
    common::press(&mut app, "G");
    assert_eq!(app.reader.cursor, whole.paragraphs.len() - 1);
    common::press(&mut app, ":");
    common::type_text(&mut app, &format!("{number}\n"));
    assert!(app.reader.cursor >= shown, "the far section is found");
    common::press(&mut app, "a");
    assert!(app.has_modal(lectern::app::ModalKind::Editor));
    // The search made meanwhile now covers the whole book: what a search made now finds.
    let kept = app.search.as_ref().expect("the search is kept");
    let now = lectern::search::search(&app.doc, app.notes.entries(), &kept.query);
    assert_eq!(kept.results, now);
}

#[test]
fn a_search_made_while_a_book_is_read_catches_up_in_steps_and_n_waits_for_it() {
    let Streamed { data, second, .. } = streamed("steps");
    let (mut app, msgs) = reader(second, Some(data));
    search_in_steps(&mut app, "China\n");
    let found = |app: &App| app.search.as_ref().unwrap().results.text.len();
    let early = found(&app);
    assert!(early > 0);
    assert!(!lectern::update::search::pending(&app));

    // A part arrives: taking it in does not search it (a part can be half the book).
    let mut msgs = msgs.into_iter();
    reading::absorb(&mut app, msgs.next().unwrap());
    assert_eq!(found(&app), early, "the part is not searched on arrival");
    assert!(lectern::update::search::pending(&app));
    // The event loop searches it a step at a time, between keys.
    assert!(!lectern::update::search::work(&mut app, 4096));
    let stepped = found(&app);
    assert!(stepped > early, "{stepped} > {early}");
    let mut steps = 1;
    while !lectern::update::search::work(&mut app, 4096) {
        steps += 1;
    }
    assert!(steps > 3, "{steps} steps of 4 KiB");
    assert!(!lectern::update::search::pending(&app));

    // The rest arrives and the book is whole; the search is behind again until `n`, which
    // goes by every match there is.
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    assert!(!reading::reading(&app));
    assert!(lectern::update::search::pending(&app));
    let kept = app.search.as_ref().unwrap();
    assert!(kept.searched < app.doc.paragraphs.len());
    common::press(&mut app, "n");
    assert!(!lectern::update::search::pending(&app));
    let kept = app.search.as_ref().unwrap();
    let now = lectern::search::search(&app.doc, app.notes.entries(), &kept.query);
    assert_eq!(kept.results, now, "caught up, it is a search made now");
}

#[test]
fn enter_and_a_whole_that_replaces_the_preview_catch_a_search_up_too() {
    let found_now = |app: &App| {
        let kept = app.search.as_ref().expect("the search is kept");
        lectern::search::search(&app.doc, app.notes.entries(), &kept.query)
    };
    // Enter in the prompt, the book whole and the search behind: it goes by every match.
    let Streamed { data, second, .. } = streamed("enter");
    let (mut app, msgs) = reader(second, Some(data));
    search_in_steps(&mut app, "China");
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    assert!(lectern::update::search::pending(&app));
    common::press(&mut app, "Enter");
    assert!(!lectern::update::search::pending(&app));
    assert_eq!(app.search.as_ref().unwrap().results, found_now(&app));

    // A preview replaced by the whole: the search is made again on the whole, in steps.
    let (_dir, book) = setup("preview-search", 14);
    let (mut app, msgs) = reader(loading::open(&book).unwrap(), None);
    search_in_steps(&mut app, "China\n");
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    assert!(!reading::reading(&app));
    let kept = app.search.as_ref().expect("the search is kept");
    assert!(kept.results.text.is_empty(), "not searched when taken in");
    assert!(lectern::update::search::pending(&app));
    let mut steps = 0;
    while !lectern::update::search::work(&mut app, 4096) {
        steps += 1;
    }
    assert!(steps > 3, "{steps} steps of 4 KiB");
    assert_eq!(app.search.as_ref().unwrap().results, found_now(&app));
}

#[test]
fn a_note_on_a_paragraph_not_read_yet_stays_on_it() {
    let Streamed {
        data,
        second,
        whole,
        ..
    } = streamed("notes");
    // A note on a paragraph near the end, written in an earlier session.
    let late = whole.paragraphs.len() - 3;
    {
        let mut notes = lectern::notes::NotesStore::open(&data, &whole).0;
        notes.set(&whole, late, "my late note", 1).unwrap();
        notes.save().unwrap();
    }
    let path = lectern::notes::notes_path(&data, &whole.meta.id);
    let on_disk = std::fs::read(&path).unwrap();
    let (mut app, msgs) = reader(second, Some(data));
    assert!(
        app.notes.entries().is_empty(),
        "no note is anchored to part of the book"
    );
    // A search made meanwhile: the note is not there to find yet.
    common::press(&mut app, "/");
    common::type_text(&mut app, "late note\n");
    let hits = |app: &App| {
        app.search
            .as_ref()
            .expect("the search is kept")
            .results
            .clone()
    };
    assert!(hits(&app).hits.is_empty());
    let n = msgs.len();
    for (i, msg) in msgs.into_iter().enumerate() {
        reading::absorb(&mut app, msg);
        if i + 1 < n {
            assert!(app.notes.entries().is_empty());
        }
    }
    let entry = app
        .notes
        .note_for(late)
        .expect("the note is on its paragraph");
    assert_eq!(entry.note.text, "my late note");
    assert_eq!(app.notes.entries().len(), 1);
    // Once the notes open, the search finds the note too, as a search made now does.
    let kept = hits(&app);
    assert!(
        kept.hits
            .iter()
            .any(|h| matches!(h.place, lectern::search::HitPlace::Note(..))),
        "{kept:?}"
    );
    let query = app.search.as_ref().unwrap().query.clone();
    assert_eq!(
        kept,
        lectern::search::search(&app.doc, app.notes.entries(), &query)
    );
    common::press(&mut app, "q");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "the notes file is as it was"
    );
}

#[test]
fn the_saved_position_is_taken_up_when_its_paragraph_arrives() {
    let Streamed {
        data,
        second,
        whole,
        ..
    } = streamed("resume");
    let shown = second.first.doc.paragraphs.len();
    // In the first part after what is shown: taken up before the book is whole.
    let far = shown + 3;
    {
        let (mut state, _) = lectern::notes::state::ReadingState::open(&data, &whole);
        state.set_position(&whole, far);
        state.save().unwrap();
    }
    let (mut app, msgs) = reader(second, Some(data));
    assert_eq!(
        app.reader.cursor, 0,
        "not read yet: the reader waits at the start"
    );
    let mut msgs = msgs.into_iter();
    reading::absorb(&mut app, msgs.next().unwrap());
    assert!(reading::reading(&app), "the book is not whole yet");
    assert_eq!(app.reader.cursor, far, "taken up as its paragraph arrives");
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    assert_eq!(app.reader.cursor, far);
}

#[test]
fn a_cache_entry_damaged_half_way_is_replaced_by_the_conversion() {
    // A book of its own (its own cache entry): the other tests read theirs meanwhile.
    let (_dir, book, whole, entry) = cached_entry("damaged", 31);
    let mut bytes = std::fs::read(&entry).unwrap();
    let at = bytes.len() * 3 / 4;
    bytes[at] ^= 0xff;
    std::fs::write(&entry, bytes).unwrap();
    let second = loading::open(&book).unwrap();
    let (mut app, msgs) = reader(second, None);
    assert!(
        matches!(msgs.first(), Some(Msg::Part { .. })),
        "the damage is past the first screen: parts come before it is found"
    );
    assert!(
        matches!(msgs.last(), Some(Msg::Whole(_))),
        "the damaged frame is found, and the book converted again"
    );
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    assert!(!reading::reading(&app));
    same_text(&app.doc, &whole);
}

#[test]
fn a_big_file_that_cannot_be_read_quits_the_reader_with_its_error() {
    let (dir, _) = setup("broken", 1);
    let pdf = dir.join("broken.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(loading::PROGRESSIVE_FROM as usize + 10, b'x');
    std::fs::write(&pdf, bytes).unwrap();
    let opening = loading::open(&pdf).unwrap();
    assert!(
        opening.first.doc.paragraphs[0]
            .plain_text()
            .contains("broken.pdf"),
        "the first screen says what is being read"
    );
    let (mut app, msgs) = reader(opening, None);
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    assert!(app.should_quit);
    let e = app.load_error.expect("why it cannot be read").to_string();
    assert!(e.contains("broken.pdf"), "{e}");
}

#[test]
fn a_big_markdown_file_not_converted_yet_shows_its_beginning_then_the_whole() {
    let (_dir, book) = setup("preview", 12);
    let opening = loading::open(&book).unwrap();
    let preview = opening.first.doc.clone();
    assert!(
        opening.first.warnings.is_empty(),
        "the beginning's own warnings (footnotes defined further on) are not the file's"
    );
    assert!(!preview.paragraphs.is_empty());
    let whole = lectern::import::source::open(&book).unwrap().doc;
    assert_eq!(preview.title(), whole.title());
    assert_eq!(
        preview.paragraphs[0].plain_text(),
        whole.paragraphs[0].plain_text(),
        "the beginning shown is the book's"
    );
    let (mut app, msgs) = reader(opening, None);
    common::press(&mut app, "j j");
    let on = app.doc.paragraphs[app.reader.cursor].id.clone();
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    same_text(&app.doc, &whole);
    assert_eq!(
        app.doc.paragraphs[app.reader.cursor].id, on,
        "the reader stays where it was"
    );
}

#[test]
fn a_big_epub_not_converted_yet_shows_its_first_chapters_then_the_whole() {
    let (dir, _) = setup("epub-preview", 1);
    let (bytes, _) = lectern::import::novel_epub(90, 1_570);
    let book = dir.join("novel.epub");
    std::fs::write(&book, &bytes).unwrap();
    assert!(
        bytes.len() as u64 >= loading::PROGRESSIVE_FROM,
        "{}",
        bytes.len()
    );
    let opening = loading::open(&book).unwrap();
    let preview = opening.first.doc.clone();
    let whole = lectern::import::source::open(&book).unwrap().doc;
    let shown = preview.paragraphs.len();
    assert!(
        shown > 10 && shown < whole.paragraphs.len() / 4,
        "the first chapters, not the placeholder nor the whole: {shown} of {}",
        whole.paragraphs.len()
    );
    assert_eq!(preview.paragraphs[..], whole.paragraphs[..shown]);
    assert_eq!(preview.meta, whole.meta);
    let (mut app, msgs) = reader(opening, None);
    common::press(&mut app, "j j");
    let on = app.doc.paragraphs[app.reader.cursor].id.clone();
    assert!(matches!(msgs.last(), Some(Msg::Whole(_))));
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    same_text(&app.doc, &whole);
    assert!(app.loading.is_none(), "the book is whole");
    assert_eq!(
        app.doc.paragraphs[app.reader.cursor].id, on,
        "the reader stays where it was"
    );
}

#[test]
fn a_pdf_read_in_the_background_tells_its_pages_as_it_goes() {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/article.pdf");
    let mut msgs = Vec::new();
    loading::convert_now(&pdf, lectern::import::SourceFormat::Pdf, None, &mut |m| {
        msgs.push(m);
        true
    });
    let pages: Vec<String> = msgs
        .iter()
        .filter_map(|m| match m {
            Msg::Progress(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    assert!(!pages.is_empty(), "progress is told");
    let last = pages.last().unwrap();
    let (done, total) = last
        .strip_prefix("page ")
        .and_then(|r| r.split_once(" of "))
        .expect("page N of M");
    assert_eq!(done, total, "the last says every page is read: {pages:?}");
    assert!(matches!(msgs.last(), Some(Msg::Whole(_))));
    // The status bar shows it while the rest is read.
    let mut app = App::new(
        loading::placeholder(&pdf).doc,
        Keymap::builtin("default").unwrap(),
        Default::default(),
    );
    app.resize(100, 30);
    reading::start(&mut app, None, None, "article.pdf".into());
    reading::absorb(&mut app, Msg::Progress("page 3 of 30".into()));
    let screen = common::screen(&app);
    assert!(screen.contains("reading page 3 of 30"), "{screen}");
    assert!(screen.contains("article.pdf"), "the page says what is read");
}

#[test]
fn a_big_book_opens_in_a_terminal_and_again_from_the_cache_at_the_saved_position() {
    let home = tempfile::tempdir().unwrap();
    let book = home.path().join("book.md");
    std::fs::write(&book, lectern::import::book_markdown(15)).unwrap();
    let arg = book.to_str().unwrap();
    let status = |s: &str| s.lines().last().unwrap_or("").to_owned();
    // First open: converted in the background; the reader goes to the end once it is whole.
    let mut s = common::pty::Session::start(&[arg], 100, 30, home.path());
    s.wait_for("the whole book", |screen| {
        status(screen).contains("read 0%")
    });
    s.send(b"G");
    s.wait_for("the last chapter", |screen| {
        status(screen).trim_start().starts_with("15.")
    });
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    // Second open: streamed from the cache, and back at the end where the reader left.
    let mut s = common::pty::Session::start(&[arg], 100, 30, home.path());
    let screen = s.wait_for("the saved position", |screen| {
        status(screen).trim_start().starts_with("15.")
    });
    assert!(!screen.contains("warning"), "{screen}");
    s.wait_for("the whole book", |screen| status(screen).contains("read "));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_book_changed_on_disk_since_it_was_cached_is_read_anew() {
    let (_dir, book) = setup("changed", 13);
    let (_, before) = cached(&book);
    // The same length, other words.
    let text = std::fs::read_to_string(&book).unwrap();
    let changed = text.replacen("Korean", "Koreax", 5);
    assert_eq!(changed.len(), text.len());
    std::fs::write(&book, &changed).unwrap();
    let opening = loading::open(&book).unwrap();
    let (mut app, msgs) = reader(opening, None);
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    let now = lectern::import::source::open(&book).unwrap().doc;
    assert_ne!(now.paragraphs, before.paragraphs);
    same_text(&app.doc, &now);
}

#[test]
fn what_opening_the_notes_says_is_shown_when_the_book_is_whole() {
    let Streamed {
        data,
        second,
        whole,
        ..
    } = streamed("notice");
    // A damaged notes file: the notes open read-only, and the reader must be told.
    let path = lectern::notes::notes_path(&data, &whole.meta.id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "Notes(garbage").unwrap();
    let (mut app, msgs) = reader(second, Some(data));
    // A footnote popup is open when the last part arrives.
    let p = app
        .doc
        .paragraphs
        .iter()
        .position(|p| p.footnote_refs().next().is_some())
        .unwrap();
    app.reader.cursor = p;
    lectern::update::update(&mut app, lectern::action::Action::OpenFootnotes);
    assert!(
        common::screen(&app).contains("still reading the article: its footnotes come last"),
        "{}",
        common::screen(&app)
    );
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    match &app.popup {
        Some(lectern::app::Popup::Notice { lines, .. }) => {
            assert!(lines.iter().any(|l| l.contains("read-only")), "{lines:?}")
        }
        other => panic!("the notice is shown: {other:?}"),
    }
}

#[test]
fn another_library_article_opens_only_once_this_one_is_read() {
    let Streamed {
        dir,
        data,
        second,
        whole: _,
    } = streamed("library");
    let other = dir.join("other.md");
    std::fs::write(&other, "# Other\n\nA short text.\n").unwrap();
    let other_id = lectern::library::add(&data, &other).unwrap().entry.id;
    let (mut app, msgs) = reader(second, Some(data.clone()));
    app.data_dir = Some(data);
    lectern::update::library::open(&mut app);
    let screen = common::screen(&app);
    assert!(screen.contains("Other"), "{screen}");
    // The other article is the only entry (the one being read is not in the library).
    common::press(&mut app, "Enter");
    assert!(app.open_next.is_none() && !app.should_quit);
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("once this one is read"), "{said}");
    for msg in msgs {
        reading::absorb(&mut app, msg);
    }
    lectern::update::library::open(&mut app);
    common::press(&mut app, "Enter");
    assert_eq!(app.open_next.as_deref(), Some(other_id.as_str()));
    assert!(app.should_quit, "the reader closes to open it");
}

#[test]
fn a_fifo_in_place_of_a_cache_entry_does_not_hang_the_start() {
    let (_dir, book, whole, entry) = cached_entry("fifo", 32);
    std::fs::remove_file(&entry).unwrap();
    let c = std::ffi::CString::new(entry.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (tx, rx) = std::sync::mpsc::channel();
    let path = book.clone();
    std::thread::spawn(move || {
        let opening = loading::open(&path).unwrap();
        let msgs = opening.rest.map(|r| r.collect()).unwrap_or_default();
        let _ = tx.send(msgs);
    });
    let msgs = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("opening does not wait on the FIFO");
    match msgs.last() {
        Some(Msg::Whole(loaded)) => same_text(&loaded.doc, &whole),
        _ => panic!("the book is converted again"),
    }
}

#[test]
fn a_big_library_book_read_at_once_streams_from_its_next_open() {
    let (dir, book) = setup("library-stream", 33);
    let data = dir.join("data");
    let added = lectern::library::add(&data, &book).unwrap().entry.id;
    let whole = lectern::library::load_article(&data, &added).unwrap().doc;
    // The first open finds no stamp: the book is read at once, its id checked.
    let first = lectern::library::open_article(&data, &added).unwrap();
    assert!(first.rest.is_none());
    assert_eq!(first.first.doc.paragraphs.len(), whole.paragraphs.len());
    // The next finds it by its stamp and streams it.
    let second = lectern::library::open_article(&data, &added).unwrap();
    assert!(second.rest.is_some(), "streamed from the cache");
    assert!(second.first.doc.paragraphs.len() < whole.paragraphs.len());
    assert_eq!(second.first.doc.meta.id, added);
}

#[test]
fn a_ron_article_the_cache_does_not_keep_is_read_at_once_even_when_big() {
    // Between the size that opens progressively and the size the cache keeps RON from:
    // there is nothing to convert, so no placeholder and no background reading.
    let (dir, book) = setup("ron-at-once", 8);
    let doc = lectern::import::source::open(&book).unwrap().doc;
    let ron = dir.join("book.ron");
    std::fs::write(&ron, lectern::import::to_ron(&doc).unwrap()).unwrap();
    let len = std::fs::metadata(&ron).unwrap().len();
    assert!(
        (loading::PROGRESSIVE_FROM..lectern::cache::RON_CACHED_FROM).contains(&len),
        "{len}"
    );
    let format = lectern::import::SourceFormat::Ron;
    assert!(!lectern::cache::caches(&ron, format));
    assert!(lectern::cache::entry(&ron, format).is_none());
    let opening = loading::open(&ron).unwrap();
    assert!(opening.rest.is_none(), "read at once");
    same_text(&opening.first.doc, &doc);
    // From the size the cache keeps RON on, it is cached, as any converted format is.
    let big = dir.join("big.ron");
    let book = lectern::import::source::open(&setup("ron-cached", 30).1)
        .unwrap()
        .doc;
    std::fs::write(&big, lectern::import::to_ron(&book).unwrap()).unwrap();
    assert!(std::fs::metadata(&big).unwrap().len() >= lectern::cache::RON_CACHED_FROM);
    assert!(lectern::cache::caches(&big, format));
    let markdown = lectern::import::SourceFormat::Markdown;
    assert!(
        lectern::cache::caches(&dir.join("book.md"), markdown),
        "whatever its size"
    );
}
