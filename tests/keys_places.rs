//! Going to a place by number (`:2.2p3`, `:f17`, the footnote list) and coming back (`''`,
//! `C-o`, `C-i`), and counts before motions (`5j`, `3]`).

mod common;

use common::{app, press, screen};
use lectern::action::Pane;
use lectern::app::{App, Popup, SideView};

fn type_command(a: &mut App, text: &str) {
    press(a, ":");
    assert!(a.command().is_some(), "`:` opens the command line");
    a.handle_paste(text);
    press(a, "Enter");
}

fn footnote_shown(a: &App) -> Option<u32> {
    match &a.popup {
        Some(Popup::Footnotes { numbers, index, .. }) => Some(numbers[*index]),
        _ => None,
    }
}

#[test]
fn colon_goes_to_a_section_a_paragraph_or_a_footnote() {
    let mut a = app("default", 100, 30);
    let s = a.doc.section_by_label("2.2").unwrap();
    type_command(&mut a, "2.2");
    assert!(a.command().is_none());
    assert_eq!(a.current_section(), s);
    assert_eq!(a.reader.cursor, a.doc.sections[s].paragraphs.start);
    let third = a.doc.sections[s].paragraphs.start + 2;
    type_command(&mut a, "2.2¶3");
    assert_eq!(a.reader.cursor, third);
    press(&mut a, "g g");
    type_command(&mut a, "2.2p3");
    assert_eq!(a.reader.cursor, third);
    assert_eq!(a.doc.place_label(a.reader.cursor), "2.2 ¶3");
    // f17: its reference is under the cursor and the footnote is open.
    type_command(&mut a, "f17");
    assert_eq!(footnote_shown(&a), Some(17));
    assert!(
        a.doc.paragraphs[a.reader.cursor]
            .footnote_refs()
            .any(|n| n == 17)
    );
    press(&mut a, "Esc");
    // From the outline too, and the text takes the focus.
    press(&mut a, "S-Tab");
    assert_eq!(a.focus, Pane::Outline);
    type_command(&mut a, "1");
    assert_eq!((a.focus, a.current_section()), (Pane::Text, 1));
    // Typing shows in the status bar; Esc cancels.
    press(&mut a, ":");
    press(&mut a, "9");
    assert!(screen(&a).lines().last().unwrap().starts_with(":9"));
    let before = a.reader;
    press(&mut a, "Esc");
    assert!(a.command().is_none());
    assert_eq!(a.reader, before);
}

#[test]
fn colon_says_what_it_accepts_and_remembers_commands() {
    let mut a = app("default", 100, 30);
    type_command(&mut a, "thaad");
    let m = a.message.clone().unwrap();
    assert!(m.error);
    assert!(
        m.text.contains("not a command") && m.text.contains("2.2p3"),
        "{}",
        m.text
    );
    type_command(&mut a, "9.9");
    assert!(a.message.as_ref().unwrap().text.contains("no section 9.9"));
    type_command(&mut a, "1p99");
    assert!(a.message.as_ref().unwrap().text.contains("not 99"));
    // Up recalls the commands, newest first; Down comes back.
    press(&mut a, ":");
    press(&mut a, "Up");
    assert_eq!(a.command().unwrap().text, "1p99");
    press(&mut a, "Up");
    assert_eq!(a.command().unwrap().text, "9.9");
    press(&mut a, "Down");
    assert_eq!(a.command().unwrap().text, "1p99");
    press(&mut a, "Down");
    assert_eq!(a.command().unwrap().text, "");
    press(&mut a, "Esc");
    // :q quits as q does.
    type_command(&mut a, "q");
    assert!(a.should_quit);
}

#[test]
fn the_footnote_list_opens_a_footnote_at_its_reference() {
    let mut a = app("default", 160, 40);
    press(&mut a, "F");
    assert_eq!((a.focus, a.side.view), (Pane::Side, SideView::Footnotes));
    assert_eq!(a.side_len(SideView::Footnotes), a.doc.footnotes.len());
    assert!(screen(&a).contains("17 "), "numbers listed");
    // The filter finds the footnotes citing the Hankyoreh.
    press(&mut a, "/");
    a.handle_paste("hankyoreh");
    press(&mut a, "Enter");
    let rows = a.filtered_footnotes();
    assert!(!rows.is_empty() && rows.len() < a.doc.footnotes.len());
    press(&mut a, "j");
    let rows = &rows[1.min(rows.len() - 1)..];
    let n = a.doc.footnotes[rows[0]].number;
    press(&mut a, "Enter");
    assert_eq!(a.focus, Pane::Text);
    assert_eq!(footnote_shown(&a), Some(n));
    assert!(
        a.doc.paragraphs[a.reader.cursor]
            .footnote_refs()
            .any(|m| m == n)
    );
}

#[test]
fn quote_quote_and_the_jump_list_come_back() {
    let mut a = app("default", 100, 30);
    press(&mut a, "]");
    let start = a.reader;
    press(&mut a, "G");
    let end = a.reader;
    assert_ne!(start.cursor, end.cursor);
    press(&mut a, "' '");
    assert_eq!(a.reader, start, "'' returns to before the last jump");
    press(&mut a, "' '");
    assert_eq!(a.reader, end, "and again comes back");
    // A jump by the command line, then the jump list, back and forward.
    type_command(&mut a, "2.2");
    let section = a.reader;
    press(&mut a, "C-o");
    assert_eq!(a.reader, end);
    press(&mut a, "C-o");
    assert_eq!(a.reader, start);
    press(&mut a, "C-i");
    assert_eq!(a.reader, end);
    press(&mut a, "C-i");
    assert_eq!(a.reader, section);
    press(&mut a, "C-i");
    assert!(a.message.as_ref().unwrap().text.contains("newest"));
    // A search is a jump too.
    press(&mut a, "g g");
    let top = a.reader;
    press(&mut a, "/");
    a.handle_paste("THAAD");
    press(&mut a, "Enter");
    assert_ne!(a.reader.cursor, top.cursor);
    press(&mut a, "' '");
    assert_eq!(a.reader.cursor, top.cursor);
}

#[test]
fn a_count_repeats_a_motion_and_shows_while_pending() {
    let mut a = app("default", 100, 30);
    press(&mut a, "3");
    assert_eq!(a.count, Some(3));
    // A lone 3 waits for the next key, and the status bar says what it can be.
    let status = screen(&a).lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("3 (a move, or a key for the side pane) read"),
        "{status}"
    );
    press(&mut a, "]");
    assert_eq!(a.count, None);
    assert_eq!(a.current_section(), 3);
    press(&mut a, "g g");
    press(&mut a, "]");
    let from = a.reader.cursor;
    press(&mut a, "1 2");
    assert_eq!(a.count, Some(12));
    let status = screen(&a).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("12 read"), "12 only counts: {status}");
    press(&mut a, "Esc");
    assert_eq!(a.count, None, "Esc drops the count");
    press(&mut a, "5 j");
    let mut b = app("default", 100, 30);
    press(&mut b, "]");
    for _ in 0..5 {
        press(&mut b, "j");
    }
    assert_eq!(a.reader, b.reader, "5j is j five times");
    assert!(a.reader.cursor > from);
    // 3 then a key of the side pane focuses it (as 3 always did); 3 ] counted above.
    press(&mut a, "3 j");
    assert_eq!(a.focus, Pane::Side);
    assert_eq!(a.count, None);
    // Back in the text, a lone 1 waits too, and says it may be for the outline.
    press(&mut a, "2 1");
    assert_eq!(a.focus, Pane::Text);
    assert_eq!(a.count, Some(1));
    let status = screen(&a).lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("1 (a move, or a key for the outline) "),
        "{status}"
    );
}
