//! Where keys, pastes and clicks go in the less common states: half-typed sequences, typing
//! into an input, the review card, pastes from terminals that send carriage returns.

mod common;

use common::{app, press};

#[test]
fn esc_gives_up_a_half_typed_sequence_quietly() {
    let mut a = app("default", 100, 30);
    press(&mut a, "g");
    assert_eq!(a.pending.len(), 1);
    press(&mut a, "Esc");
    assert!(a.pending.is_empty());
    assert!(a.message.is_none(), "{:?}", a.message);
}

#[test]
fn keys_that_type_nothing_reach_global_while_typing() {
    let mut a = app("default", 100, 30);
    press(&mut a, "/");
    press(&mut a, "q");
    assert_eq!(a.prompt().unwrap().text, "q", "q is typed, not quit");
    press(&mut a, "C-c");
    assert!(a.should_quit, "C-c quits even while typing");
}

#[test]
fn a_pasted_carriage_return_is_a_line_break() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    a.handle_paste("first line\rsecond line\r\nthird line");
    assert_eq!(
        a.editor().unwrap().text(),
        "first line\nsecond line\nthird line"
    );
}

#[test]
fn help_opens_over_a_review_card_and_closes_back_to_it() {
    let mut a = app("default", 100, 30);
    press(&mut a, "R");
    press(&mut a, "?");
    assert!(a.help().is_some() && a.review().is_some());
    press(&mut a, "Esc");
    assert!(a.help().is_none(), "Esc closes the help first");
    assert!(a.review().is_some(), "the card is still there");
    press(&mut a, "Esc");
    assert!(a.review().is_none());
}

#[test]
fn the_first_screen_counts_as_read() {
    // Wide enough for the whole first paragraph to be on the first screen.
    let a = app("default", 160, 60);
    assert!(
        a.read[0],
        "the first paragraph was on screen from the start"
    );
}

#[test]
fn up_and_down_visit_matches_while_typing_a_search() {
    let mut a = app("default", 100, 30);
    press(&mut a, "/");
    for c in "Hanoi".chars() {
        lectern::update::type_char(&mut a, c);
    }
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    press(&mut a, "Down");
    assert_eq!(a.search.as_ref().unwrap().current, Some(1));
    let there = a.reader.cursor;
    press(&mut a, "Up");
    press(&mut a, "Down");
    assert_eq!(a.reader.cursor, there);
    assert!(a.prompt().is_some(), "still typing");
}

fn parts_app() -> lectern::app::App {
    let src = std::fs::read_to_string("tests/fixtures/parts.ron").unwrap();
    let doc = lectern::model::load::parse(&src).unwrap().doc;
    let mut a = lectern::app::App::new(
        doc,
        lectern::keymap::Keymap::builtin("default").unwrap(),
        lectern::app::Settings::default(),
    );
    a.resize(80, 12);
    a
}

/// The heading at the top of the view.
fn top_heading(a: &lectern::app::App) -> String {
    match a.flow.items[a.reader.top.item] {
        lectern::layout::FlowItem::Heading(s) => a.doc.sections[s].title(),
        other => format!("{other:?}"),
    }
}

#[test]
fn section_moves_stop_at_parts_without_paragraphs_and_say_when_they_end() {
    let mut a = parts_app();
    let mut seen = Vec::new();
    for _ in 0..8 {
        press(&mut a, "]");
        if a.message.as_ref().is_some_and(|m| m.text == "Last section") {
            break;
        }
        seen.push(top_heading(&a));
    }
    // From the first chapter's paragraph: the next chapter, the next part; the appendices
    // are on the last screen already, so that is the end.
    assert_eq!(seen, ["Chapter 2", "Part Two"]);
    assert_eq!(a.message.as_ref().unwrap().text, "Last section", "{seen:?}");
    let mut back = Vec::new();
    for _ in 0..10 {
        press(&mut a, "[");
        if a.message
            .as_ref()
            .is_some_and(|m| m.text == "First section")
        {
            break;
        }
        back.push(top_heading(&a));
    }
    assert_eq!(back, ["Chapter 2", "Chapter 1", "Part One"]);
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "First section",
        "{back:?}"
    );
}

#[test]
fn a_terminal_too_small_for_the_editor_takes_no_typing_but_quits_and_saves() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    a.modals.editor_mut().unwrap().textarea.insert_str("kept");
    a.resize(40, 5);
    assert!(a.panes().too_small);
    let screen = common::screen(&a);
    assert!(
        screen.starts_with("terminal too small: lectern needs 20x6"),
        "{screen}"
    );
    press(&mut a, "j j q");
    assert_eq!(
        a.editor().unwrap().text(),
        "kept",
        "unseen keys are not typed"
    );
    assert!(!a.should_quit, "q is a letter while editing");
    press(&mut a, "C-c");
    assert!(a.should_quit);
    assert_eq!(
        a.notes.note_for(0).unwrap().note.text,
        "kept",
        "quitting saved the note"
    );
}

#[test]
fn the_status_bar_keeps_what_the_user_types_on_a_narrow_screen() {
    let mut a = app("default", 24, 10);
    press(&mut a, "/");
    lectern::update::type_char(&mut a, 'a');
    lectern::update::type_char(&mut a, 'b');
    let screen = common::screen(&a);
    assert!(
        screen.lines().last().unwrap().starts_with("/ab▏"),
        "{screen}"
    );
    press(&mut a, "Esc");
    press(&mut a, "m");
    let screen = common::screen(&a);
    assert!(
        screen.lines().last().unwrap().contains("set bookmark"),
        "{screen}"
    );
}

#[test]
fn definitions_past_nine_are_reached_by_two_digits_and_kept_in_view() {
    let mut a = app("default", 70, 16);
    let p = (0..a.doc.paragraphs.len())
        .max_by_key(|&p| common::terms_in(&a, p).len())
        .unwrap();
    let n = common::terms_in(&a, p).len();
    assert!(n >= 12, "{n} terms");
    common::goto(&mut a, p);
    press(&mut a, "d 1 2");
    let Some(lectern::app::Popup::Definitions { stack, scroll, .. }) = &a.popup else {
        panic!("{:?}", a.popup)
    };
    assert_eq!(stack[0].1, 11, "entry 12");
    let rows = lectern::geometry::overlay::popup_body_rows(&a);
    assert!(
        *scroll <= 11 && 11 < scroll + rows,
        "row 11 within {scroll}..{}",
        scroll + rows
    );
    let screen = common::screen(&a);
    assert!(screen.contains("12 "), "{screen}");
}

#[test]
fn help_opened_while_typing_takes_the_keys_until_it_closes() {
    let mut a = app("default", 100, 30);
    press(&mut a, "/");
    lectern::update::type_char(&mut a, 'x');
    press(&mut a, "F1");
    assert!(a.help().is_some());
    press(&mut a, "j q");
    assert!(a.help().is_none(), "q closes the help, as it does anywhere");
    assert!(!a.should_quit);
    let prompt = a.prompt().expect("the search prompt is still open");
    assert_eq!(prompt.text, "x", "nothing was typed under the help");
    press(&mut a, "F1 Esc");
    assert!(a.help().is_none(), "Esc closes the help");
    assert!(a.prompt().is_some(), "and leaves the prompt alone");
}

#[test]
fn keys_that_would_leave_the_input_do_nothing_while_typing() {
    let mut a = app("default", 100, 30);
    let focus = a.focus;
    press(&mut a, "/");
    press(&mut a, "Tab");
    assert_eq!(
        a.focus, focus,
        "Tab does not move the focus under the prompt"
    );
    assert!(a.prompt().is_some());
    let m = a.message.as_ref().expect("a message says why");
    assert!(m.text.contains("does not work while typing"), "{}", m.text);
}

#[test]
fn emacs_keys_in_the_search_prompt() {
    let mut a = app("emacs", 100, 30);
    press(&mut a, "C-s");
    for c in "Hanoi".chars() {
        lectern::update::type_char(&mut a, c);
    }
    let origin = a.prompt().unwrap().origin;
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    press(&mut a, "C-s");
    assert_eq!(
        a.search.as_ref().unwrap().current,
        Some(1),
        "C-s goes to the next match, as in isearch"
    );
    assert_eq!(a.prompt().unwrap().text, "Hanoi", "the query is kept");
    press(&mut a, "C-r");
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    press(&mut a, "C-x h");
    assert!(
        a.help().is_some(),
        "a two-key sequence reaches help while typing"
    );
    press(&mut a, "C-g C-g");
    assert!(a.prompt().is_none());
    assert_eq!(
        a.reader, origin,
        "C-g goes back to where the search started"
    );
}

#[test]
fn another_key_ends_a_number_typed_in_the_definitions_popup() {
    let mut a = app("default", 70, 16);
    let p = (0..a.doc.paragraphs.len())
        .max_by_key(|&p| common::terms_in(&a, p).len())
        .unwrap();
    assert!(common::terms_in(&a, p).len() >= 12);
    common::goto(&mut a, p);
    press(&mut a, "d 1 n 3");
    let Some(lectern::app::Popup::Definitions { stack, .. }) = &a.popup else {
        panic!("{:?}", a.popup)
    };
    assert_eq!(stack[0].1, 2, "entry 3, not 13");
}

#[test]
fn a_question_is_answered_and_a_paste_is_not_taken_on_a_too_small_terminal() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    a.modals.editor_mut().unwrap().textarea.insert_str("kept");
    press(&mut a, "C-q");
    assert!(a.confirm().is_some(), "throw away the changes?");
    a.resize(40, 5);
    assert!(a.panes().too_small);
    press(&mut a, "n");
    assert!(a.confirm().is_none(), "n answers the question");
    a.handle_paste("unseen");
    assert_eq!(a.editor().unwrap().text(), "kept", "no unseen paste");
    press(&mut a, "C-c");
    assert!(a.should_quit);
    assert_eq!(a.notes.note_for(0).unwrap().note.text, "kept");
}
