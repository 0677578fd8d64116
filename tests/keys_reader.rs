//! Key-sequence tests in the text pane: moving, scrolling, sections, the footnote and
//! definitions popups over it, multi-key bindings and help. Keys drive `App`; the tests
//! assert the state they leave.

mod common;

use common::{app, goto, paragraph_with_footnotes, press, terms_in};
use lectern::app::{App, Popup};
use lectern::layout::Anchor;

#[test]
fn a_multi_key_binding_waits_and_shows_its_keys() {
    let mut a = app("default", 100, 30);
    press(&mut a, "G");
    press(&mut a, "g");
    assert_eq!(a.pending.len(), 1);
    assert!(
        common::screen(&a).lines().last().unwrap().contains("g "),
        "status shows the pending key"
    );
    press(&mut a, "g");
    assert!(a.pending.is_empty());
    assert_eq!(a.reader.cursor, 0);
    press(&mut a, "g x");
    assert!(a.pending.is_empty());
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("g x is not bound")
    );
}

#[test]
fn moving_by_paragraph_keeps_the_current_paragraph_on_screen() {
    let mut a = app("default", 80, 24);
    let last = a.doc.paragraphs.len() - 1;
    // A long paragraph takes several presses (j scrolls within it): keep pressing.
    let mut presses = 0;
    while a.message.is_none() {
        let before = a.reader.cursor;
        press(&mut a, "j");
        presses += 1;
        assert!(presses < 1000);
        let item = a.flow.paragraph_item[a.reader.cursor];
        let visible = a.layout().visible(a.reader.top, a.text_view().rows);
        if a.reader.cursor != before {
            assert!(
                visible.iter().any(|v| v.item == item && v.line == 0),
                "start of {} shown",
                a.reader.cursor
            );
        }
        assert!(
            visible.iter().any(|v| v.item == item),
            "{} shown",
            a.reader.cursor
        );
    }
    assert!(
        presses > last,
        "the long paragraphs took more than one press"
    );
    assert_eq!(a.reader.cursor, last);
    assert_eq!(a.message.as_ref().unwrap().text, "Last paragraph");
    for _ in 0..presses {
        press(&mut a, "k");
    }
    assert_eq!(a.reader.cursor, 0);
}

#[test]
fn line_scrolling_moves_the_cursor_only_when_its_paragraph_leaves_the_view() {
    let mut a = app("default", 80, 24);
    press(&mut a, "j");
    let cursor = a.reader.cursor;
    press(&mut a, "C-e");
    assert_eq!(a.reader.cursor, cursor, "still visible");
    for _ in 0..200 {
        press(&mut a, "C-e");
    }
    let visible = a.layout().visible(a.reader.top, a.text_view().rows);
    let item = a.flow.paragraph_item[a.reader.cursor];
    assert!(
        visible.iter().any(|v| v.item == item),
        "the cursor follows the view"
    );
    assert!(a.reader.cursor > cursor);
}

#[test]
fn pages_reach_the_end_and_come_back() {
    let mut a = app("default", 80, 24);
    for _ in 0..500 {
        press(&mut a, "Space");
    }
    assert_eq!(a.reader.cursor, a.doc.paragraphs.len() - 1);
    assert_eq!(lectern::ui::statusbar::percent(&a), 100);
    for _ in 0..500 {
        press(&mut a, "b");
    }
    assert_eq!(a.reader.top, Anchor::default());
    assert_eq!(a.reader.cursor, 0);
}

#[test]
fn sections_forward_and_back() {
    let mut a = app("default", 100, 30);
    let n = a.doc.sections.len();
    for s in 1..n {
        press(&mut a, "]");
        assert_eq!(a.current_section(), s);
        assert_eq!(
            a.reader.top,
            Anchor {
                item: a.flow.section_item[s],
                line: 0
            }
            .min(a.layout().end_top(a.text_view().rows))
        );
    }
    press(&mut a, "]");
    assert_eq!(a.message.as_ref().unwrap().text, "Last section");
    // In a section of several paragraphs, `[` goes to its start first, then further back.
    press(&mut a, "[");
    assert_eq!(a.current_section(), n - 2);
    press(&mut a, "j");
    press(&mut a, "j");
    press(&mut a, "[");
    assert_eq!(a.current_section(), n - 2);
    assert_eq!(a.reader.cursor, a.doc.sections[n - 2].paragraphs.start);
    press(&mut a, "[");
    assert_eq!(a.current_section(), n - 3);
}

#[test]
fn footnote_popup_moves_between_footnotes_and_keeps_the_reading_position() {
    let mut a = app("default", 100, 30);
    let p = paragraph_with_footnotes(&a, |f| f == [8, 9, 10]);
    goto(&mut a, p);
    let reader = a.reader;
    press(&mut a, "f");
    let shown = |a: &App| match &a.popup {
        Some(Popup::Footnotes { numbers, index, .. }) => numbers[*index],
        other => panic!("{other:?}"),
    };
    assert_eq!(shown(&a), 8);
    assert!(common::screen(&a).contains("Footnote 8 (1 of 3)"));
    assert!(common::screen(&a).contains("Saphora Smith"));
    press(&mut a, "n");
    assert_eq!(shown(&a), 9);
    press(&mut a, "1 0");
    assert_eq!(shown(&a), 10);
    press(&mut a, "8");
    assert_eq!(shown(&a), 8);
    press(&mut a, "5");
    assert_eq!(shown(&a), 8);
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "No footnote 5 in this paragraph"
    );
    press(&mut a, "q");
    assert!(a.popup.is_none());
    assert_eq!(a.reader, reader);
    assert!(!a.should_quit, "q closes the popup, not lectern");
}

#[test]
fn definitions_popup_follows_see_also_and_back() {
    let mut a = app("default", 100, 30);
    let dprk = a.doc.glossary.index_of("dprk").unwrap();
    let p = (0..a.doc.paragraphs.len())
        .find(|&p| terms_in(&a, p).first() == Some(&dprk))
        .unwrap();
    goto(&mut a, p);
    press(&mut a, "d");
    assert!(common::screen(&a).contains("Democratic People's Republic of Korea"));
    press(&mut a, "Enter");
    let see = &a.doc.glossary.entries[dprk].see_also;
    match &a.popup {
        Some(Popup::Definitions { stack, .. }) => assert_eq!(&stack[1].0, see),
        other => panic!("{other:?}"),
    }
    let screen = common::screen(&a);
    assert!(screen.contains("See also of DPRK"), "{screen}");
    assert!(screen.contains("Republic of Korea, the state in the southern half"));
    press(&mut a, "Backspace");
    match &a.popup {
        Some(Popup::Definitions { stack, .. }) => assert_eq!(stack.len(), 1),
        other => panic!("{other:?}"),
    }
    press(&mut a, "Esc");
    assert!(a.popup.is_none());
}

#[test]
fn no_footnotes_or_terms_is_said_plainly() {
    let mut a = app("default", 100, 30);
    let p = paragraph_with_footnotes(&a, |f| f.is_empty());
    goto(&mut a, p);
    press(&mut a, "f");
    assert!(a.popup.is_none());
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "No footnotes in this paragraph"
    );
}

#[test]
fn help_lists_every_binding_with_its_doc_line() {
    let mut a = app("default", 120, 40);
    press(&mut a, "?");
    let rows = lectern::ui::help::entries(&a.keymap);
    let all: usize = rows.iter().map(|(_, r)| r.len()).sum();
    assert!(all > 50);
    let text = common::screen(&a);
    assert!(text.contains("Go to the next paragraph"));
    assert!(text.contains("j  Down"));
    press(&mut a, "Esc");
    assert!(a.help().is_none());
}
