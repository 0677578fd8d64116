//! Study tools: search (smart case, wrapping, no match, CJK and emoji, Esc), the results
//! list (text, footnotes, glossary, notes), the glossary review, and reading progress.

mod common;

use common::{app, press, screen};
use lectern::action::{Action, Pane};
use lectern::app::{App, Popup, Settings, SideView};
use lectern::keymap::Keymap;

fn search(a: &mut App, query: &str) {
    press(a, "/");
    for c in query.chars() {
        lectern::update::type_char(a, c);
    }
    press(a, "Enter");
}

fn unicode_app() -> App {
    let src = std::fs::read_to_string("tests/fixtures/unicode.ron").unwrap();
    let doc = lectern::model::load::parse(&src).unwrap().doc;
    let mut a = App::new(
        doc,
        Keymap::builtin("default").unwrap(),
        Settings::default(),
    );
    a.resize(100, 30);
    a
}

fn count(a: &App) -> usize {
    a.search.as_ref().map_or(0, |s| s.results.text.len())
}

#[test]
fn smart_case_finds_more_in_lowercase() {
    let mut a = app("default", 100, 30);
    let text = a
        .doc
        .paragraphs
        .iter()
        .map(|p| p.plain_text())
        .collect::<Vec<_>>()
        .join("\n");
    search(&mut a, "peace");
    let any_case = count(&a);
    search(&mut a, "Peace");
    let exact = count(&a);
    assert_eq!(exact, text.matches("Peace").count());
    assert_eq!(
        any_case,
        text.matches("Peace").count() + text.matches("peace").count()
    );
    assert!(exact > 0 && any_case > exact, "{any_case} {exact}");
    search(&mut a, "PEACE");
    assert_eq!(count(&a), 0, "a capital makes the search exact");
}

#[test]
fn n_and_shift_n_visit_matches_and_wrap_with_a_message() {
    let mut a = app("default", 100, 30);
    search(&mut a, "Yongbyon");
    let total = count(&a);
    assert_eq!(total, 3);
    assert!(screen(&a).lines().last().unwrap().contains("match 1/3"));
    let first = a.reader.cursor;
    press(&mut a, "n");
    press(&mut a, "n");
    assert!(screen(&a).lines().last().unwrap().contains("match 3/3"));
    press(&mut a, "n");
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    assert_eq!(a.reader.cursor, first);
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("reached the end, continued at the top")
    );
    press(&mut a, "N");
    assert_eq!(a.search.as_ref().unwrap().current, Some(2));
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("reached the top, continued at the end")
    );
}

#[test]
fn no_match_says_so_and_keeps_the_position() {
    let mut a = app("default", 100, 30);
    press(&mut a, "j j");
    let before = a.reader;
    search(&mut a, "zxqv");
    assert_eq!(a.reader, before);
    assert_eq!(a.message.as_ref().unwrap().text, "No match for “zxqv”");
    assert!(a.message.as_ref().unwrap().error);
}

#[test]
fn esc_goes_back_to_where_the_search_started() {
    let mut a = app("default", 100, 30);
    press(&mut a, "j j j");
    let start = a.reader;
    // While typing, the view follows the first match; Esc in the prompt goes back.
    press(&mut a, "/");
    for c in "Sohae".chars() {
        lectern::update::type_char(&mut a, c);
    }
    assert_ne!(a.reader.cursor, start.cursor, "incremental search moved");
    press(&mut a, "Esc");
    assert_eq!(a.reader, start);
    assert!(a.prompt().is_none());
    // After Enter and n, Esc goes back too, then clears the highlights.
    search(&mut a, "Bolton");
    press(&mut a, "n n");
    assert_ne!(a.reader.cursor, start.cursor);
    press(&mut a, "Esc");
    assert_eq!(a.reader, start);
    assert!(a.search.is_some(), "highlights stay after the first Esc");
    press(&mut a, "Esc");
    assert!(a.search.is_none());
    // Moving on by other means makes the found place the new place: Esc only clears.
    search(&mut a, "Sohae");
    press(&mut a, "j");
    let moved = a.reader;
    press(&mut a, "Esc");
    assert_eq!(a.reader, moved);
    assert!(a.search.is_none());
}

#[test]
fn accented_cjk_and_emoji_queries() {
    let mut a = unicode_app();
    search(&mut a, "café");
    // Café, CAFÉ, cafe+combining accent, café.
    assert_eq!(count(&a), 4);
    search(&mut a, "cafe");
    assert_eq!(count(&a), 0, "never half a letter");
    search(&mut a, "漢字");
    assert_eq!(count(&a), 3);
    search(&mut a, "🇨🇳");
    assert_eq!(count(&a), 2);
    search(&mut a, "👩‍🔬");
    assert_eq!(count(&a), 1);
    search(&mut a, "👩");
    assert_eq!(count(&a), 0, "not inside a ZWJ sequence");
}

#[test]
fn matches_on_screen_are_highlighted_the_current_one_more() {
    let mut a = app("default", 120, 40);
    search(&mut a, "Hanoi");
    let theme = lectern::ui::theme::Theme::new(a.settings.theme, false);
    let buf = common::render(&a);
    let view = a.text_view();
    let mut current = 0;
    let mut others = 0;
    for y in view.y..view.y + view.rows as u16 {
        let row: String = (view.x..view.x + view.width)
            .map(|x| buf[(x, y)].symbol())
            .collect();
        if let Some(i) = row.find("Hanoi") {
            let col = view.x + row[..i].chars().count() as u16;
            let cell = &buf[(col, y)];
            if cell.bg == theme.search_current.bg.unwrap() {
                current += 1;
            } else if cell.bg == theme.search.bg.unwrap() {
                others += 1;
            }
        }
    }
    assert_eq!(current, 1, "one current match");
    assert!(others >= 1, "other matches on screen are marked too");
}

#[test]
fn results_list_reaches_footnotes_glossary_and_notes() {
    let mut a = app("default", 160, 40);
    // A note that mentions a word found nowhere else.
    press(&mut a, "j j");
    let noted = a.reader.cursor;
    assert!(noted > 0);
    press(&mut a, "a");
    a.modals
        .editor_mut()
        .unwrap()
        .textarea
        .insert_str("Compare with Xinhua's wording");
    press(&mut a, "Esc");
    press(&mut a, "G");
    search(&mut a, "Xinhua");
    assert_eq!(a.side.view, SideView::Results);
    let hits = a.search.as_ref().unwrap().results.hits.clone();
    let places: Vec<String> = hits.iter().map(|h| format!("{:?}", h.place)).collect();
    assert_eq!(count(&a), 0, "Xinhua is only cited in footnotes");
    assert!(places.contains(&"Footnote(1)".to_owned()), "{places:?}");
    assert!(
        places.contains(&format!("Note(Some({noted}), 0)")),
        "{places:?}"
    );
    assert!(screen(&a).contains("Footnote 1"));
    // Enter on the footnote hit: the citing paragraph, its popup at that footnote.
    press(&mut a, "3");
    let f = hits
        .iter()
        .position(|h| format!("{:?}", h.place) == "Footnote(3)")
        .unwrap();
    for _ in 0..f {
        press(&mut a, "j");
    }
    press(&mut a, "Enter");
    match &a.popup {
        Some(Popup::Footnotes { numbers, index, .. }) => assert_eq!(numbers[*index], 3),
        other => panic!("{other:?}"),
    }
    assert!(
        a.doc.paragraphs[a.reader.cursor]
            .footnote_refs()
            .any(|n| n == 3)
    );
    press(&mut a, "Esc");
    // The note hit goes to the note's paragraph.
    press(&mut a, "3 G");
    press(&mut a, "Enter");
    assert_eq!((a.focus, a.reader.cursor), (Pane::Text, noted));
    // A word only in the glossary opens its definition.
    search(&mut a, "Vladivostok");
    let hits = a.search.as_ref().unwrap().results.hits.clone();
    assert_eq!(hits.len(), 1, "only Putin's entry: {hits:?}");
    press(&mut a, "3");
    press(&mut a, "Enter");
    assert!(matches!(a.popup, Some(Popup::Definitions { .. })));
}

#[test]
fn review_schedules_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app("default", 100, 30);
    a.open_storage(dir.path());
    press(&mut a, "R");
    let first = a.review().unwrap().entry.unwrap();
    assert_eq!(first, 0, "new cards in glossary order");
    press(&mut a, "y");
    assert!(
        a.review().unwrap().revealed,
        "answering first shows the card"
    );
    assert!(screen(&a).contains("First in the text:"));
    press(&mut a, "y");
    assert_eq!(a.review().unwrap().entry, Some(1));
    press(&mut a, "Space n");
    // "Not yet" comes back before cards never seen end... but new cards come first.
    assert_eq!(a.review().unwrap().entry, Some(2));
    press(&mut a, "Esc");
    assert_eq!(a.message.as_ref().unwrap().text, "Reviewed 2 cards");
    let (again, _) = lectern::notes::review::Review::open(dir.path(), &a.doc);
    let dprk = again.card(&a.doc.glossary.entries[0].id).unwrap();
    assert_eq!(dprk.level, 1);
    let rok = again.card(&a.doc.glossary.entries[1].id).unwrap();
    assert_eq!((rok.level, rok.reviews), (0, 1));
}

#[test]
fn reading_progress_is_remembered_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app("default", 120, 40);
    a.open_storage(dir.path());
    assert!(a.read_percent() < 20);
    press(&mut a, "G");
    let last_section = a.doc.sections.len() - 1;
    let read_there = a.doc.sections[last_section]
        .paragraphs
        .clone()
        .all(|p| a.read[p]);
    assert!(read_there, "the last section was on screen");
    let outline = screen(&a);
    assert!(
        outline.contains("5 Conclusion") && outline.contains("✓"),
        "{outline}"
    );
    assert!(
        outline
            .lines()
            .last()
            .unwrap()
            .contains(&format!("read {}%", a.read_percent()))
    );
    press(&mut a, "q");
    assert!(a.should_quit);
    let mut b = app("default", 120, 40);
    b.open_storage(dir.path());
    assert_eq!(b.read, a.read, "progress survives a restart");
    assert_eq!(
        b.reader.cursor,
        a.doc.paragraphs.len() - 1,
        "and so does the position"
    );
}

#[test]
fn notes_per_section_show_in_the_outline() {
    let mut a = app("default", 120, 40);
    press(&mut a, "]");
    press(&mut a, "a");
    a.modals.editor_mut().unwrap().textarea.insert_str("note");
    press(&mut a, "Esc");
    let text = screen(&a);
    let row = text
        .lines()
        .find(|l| l.starts_with("│") && l.contains("1 The Situat…"))
        .unwrap();
    assert!(row.contains("✎1"), "{text}");
}

#[test]
fn narrow_terminals_show_the_results_over_the_text() {
    let mut a = app("default", 70, 24);
    search(&mut a, "Sohae");
    // (3 alone now waits: in the text pane it may start a count.)
    press(&mut a, "Tab");
    assert_eq!(a.panes().overlay, Some(Pane::Side));
    insta::assert_snapshot!("found_list_70x24", screen(&a));
    press(&mut a, "Enter");
    assert_eq!(a.focus, Pane::Text);
    assert_eq!(a.panes().overlay, None);
    let _ = Action::Search;
}

#[test]
fn review_card_snapshot() {
    let mut a = app("default", 90, 26);
    press(&mut a, "R");
    insta::assert_snapshot!("review_front_90x26", screen(&a));
    press(&mut a, "Space");
    insta::assert_snapshot!("review_back_90x26", screen(&a));
}

#[test]
fn the_lists_fill_the_side_pane_even_without_a_glossary() {
    let src = std::fs::read_to_string("tests/fixtures/unicode.ron").unwrap();
    let doc = lectern::model::load::parse(&src).unwrap().doc;
    assert!(doc.glossary.is_empty());
    let mut a = App::new(
        doc,
        Keymap::builtin("default").unwrap(),
        Settings::default(),
    );
    a.resize(140, 30);
    for p in 0..4 {
        common::goto(&mut a, p);
        press(&mut a, "a");
        a.modals
            .editor_mut()
            .unwrap()
            .textarea
            .insert_str(format!("note {p}"));
        press(&mut a, "Esc");
    }
    search(&mut a, "a");
    press(&mut a, "3");
    let text = screen(&a);
    assert!(
        text.contains("¶1"),
        "the Found list shows its rows:\n{text}"
    );
    press(&mut a, "h");
    assert_eq!(a.side.view, SideView::Bookmarks);
    press(&mut a, "h");
    assert_eq!(a.side.view, SideView::Highlights);
    press(&mut a, "h");
    assert_eq!(a.side.view, SideView::Notes);
    let text = screen(&a);
    for p in 0..4 {
        assert!(
            text.contains(&format!("✎ note {p}")),
            "every note is listed:\n{text}"
        );
    }
}

#[test]
fn moving_on_through_the_outline_or_a_bookmark_gives_up_the_way_back() {
    let mut a = app("default", 120, 40);
    search(&mut a, "Hanoi");
    press(&mut a, "1 G Enter");
    let there = a.reader;
    press(&mut a, "Esc");
    assert_eq!(
        a.reader, there,
        "Esc does not jump back after an outline jump"
    );
    // The bookmark jump is a move of its own too.
    press(&mut a, "m z g g");
    search(&mut a, "Hanoi");
    press(&mut a, "' z");
    let there = a.reader;
    press(&mut a, "Esc");
    assert_eq!(a.reader, there);
}
