//! Mouse events take the path keys take: the app's mouse handler turns a crossterm event
//! into an internal action (a click or a wheel turn on what the hit test found), and
//! `update` carries it out. Each test asserts the action and the state it leaves.

mod common;

use common::{app, goto, press};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use lectern::action::{Action, Pane, Scroll};
use lectern::app::{App, SideView};
use lectern::geometry::hit::Hit;
use ratatui::layout::Position;

fn event(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn click_at(column: u16, row: u16) -> MouseEvent {
    event(MouseEventKind::Down(MouseButton::Left), column, row)
}

/// Converts `ev` into its action, checks it is `expected`, and carries it out as the
/// event loop does.
fn mouse(a: &mut App, ev: MouseEvent, expected: Action) {
    let action = a.mouse_action(ev);
    assert_eq!(action, Some(expected), "{ev:?}");
    a.handle_mouse(ev);
}

#[test]
fn the_wheel_in_the_text_scrolls_like_the_scroll_action() {
    let mut by_wheel = app("default", 100, 30);
    let mut by_key = app("default", 100, 30);
    let start = by_wheel.reader;
    let text = by_wheel.panes().text;
    let at = Position::new(text.x + 10, text.y + 5);
    mouse(
        &mut by_wheel,
        event(MouseEventKind::ScrollDown, at.x, at.y),
        Action::Wheel(Some(Hit::Text(at)), 3),
    );
    lectern::update::update(&mut by_key, Action::Scroll(Scroll::Lines(3)));
    assert_ne!(by_wheel.reader, start, "it moved");
    assert_eq!(by_wheel.reader, by_key.reader);
    mouse(
        &mut by_wheel,
        event(MouseEventKind::ScrollUp, at.x, at.y),
        Action::Wheel(Some(Hit::Text(at)), -3),
    );
    lectern::update::update(&mut by_key, Action::Scroll(Scroll::Lines(-3)));
    assert_eq!(by_wheel.reader, by_key.reader);
}

#[test]
fn a_click_on_an_outline_row_selects_and_opens_that_section() {
    let mut a = app("default", 100, 30);
    let outline = a.panes().outline.expect("an outline at 100 columns");
    let row = 4;
    mouse(
        &mut a,
        click_at(outline.x + 3, outline.y + 1 + row),
        Action::Click(Some(Hit::Outline(Some(usize::from(row))))),
    );
    assert_eq!(a.focus, Pane::Outline);
    assert_eq!(a.outline_selected, usize::from(row));
    assert_eq!(a.current_section(), usize::from(row), "the text went there");
}

#[test]
fn a_click_on_an_unfocused_outline_picks_the_row_as_drawn() {
    // The outline follows the current section while it does not have the focus: a click
    // must pick what that drawing showed, not rows offset by a stale selection.
    let mut a = app("default", 100, 8);
    let sections = a.doc.sections.len();
    let outline = a.panes().outline.unwrap();
    assert!(
        sections > usize::from(outline.height - 2),
        "{sections} sections: the outline scrolls"
    );
    lectern::update::set_focus(&mut a, Pane::Outline);
    lectern::update::update(&mut a, Action::SelectFirst);
    assert_eq!(a.outline_selected, 0);
    a.focus = Pane::Text;
    let last = a.doc.sections[sections - 1].paragraphs.start;
    goto(&mut a, last);
    let screen = common::screen(&a);
    let row = outline.y + 2;
    let shown: String = screen
        .lines()
        .nth(usize::from(row))
        .unwrap()
        .chars()
        .take(usize::from(outline.width))
        .collect();
    let ev = click_at(outline.x + 3, row);
    let Some(Action::Click(Some(Hit::Outline(Some(s))))) = a.mouse_action(ev) else {
        panic!("{:?}", a.mouse_action(ev))
    };
    let title: String = a.doc.sections[s].title().chars().take(8).collect();
    assert!(
        shown.contains(&title),
        "row shows {shown:?}, click took {title:?}"
    );
    assert_ne!(
        s, 1,
        "not the row of a list scrolled to the stale selection"
    );
    a.handle_mouse(ev);
    assert_eq!(a.outline_selected, s);
}

#[test]
fn a_click_on_a_side_list_row_selects_it() {
    let mut a = app("default", 160, 40);
    let side = a.panes().side.expect("a side pane at 160 columns");
    assert_eq!(a.side.view, SideView::Glossary);
    let rows = lectern::geometry::lists::side_list_rows(&a, side);
    mouse(
        &mut a,
        click_at(rows.x + 2, rows.y + 2),
        Action::Click(Some(Hit::Side(Some(2)))),
    );
    assert_eq!(a.focus, Pane::Side);
    assert_eq!(a.side[SideView::Glossary].selected, 2);
    // The wheel over a list moves its selection, as the select keys do.
    mouse(
        &mut a,
        event(MouseEventKind::ScrollDown, rows.x + 2, rows.y),
        Action::Wheel(Some(Hit::Side(Some(0))), 3),
    );
    assert_eq!(a.side[SideView::Glossary].selected, 3);
}

#[test]
fn a_click_outside_a_popup_closes_it_and_inside_keeps_it() {
    let mut a = app("default", 100, 30);
    let p = common::paragraph_with_footnotes(&a, |f| !f.is_empty());
    goto(&mut a, p);
    press(&mut a, "f");
    assert!(a.popup.is_some());
    let area = lectern::geometry::overlay::popup_area(&a);
    mouse(
        &mut a,
        click_at(area.x + 2, area.y + 1),
        Action::Click(Some(Hit::Overlay)),
    );
    assert!(a.popup.is_some(), "a click inside keeps it");
    mouse(
        &mut a,
        click_at(0, 0),
        Action::Click(Some(Hit::OutsideOverlay)),
    );
    assert!(a.popup.is_none(), "a click outside closes it");
}

#[test]
fn a_click_inside_the_help_keeps_it_and_the_wheel_scrolls_it() {
    // The help's own area takes the click, not the (empty) popup's: a click on the help's
    // text used to close it.
    let mut a = app("default", 100, 30);
    press(&mut a, "?");
    assert_eq!(a.help(), Some(0));
    let area = lectern::geometry::overlay::help_area(a.area);
    mouse(
        &mut a,
        click_at(area.x + 2, area.y + 2),
        Action::Click(Some(Hit::Overlay)),
    );
    assert_eq!(a.help(), Some(0), "a click on the help keeps it");
    mouse(
        &mut a,
        event(MouseEventKind::ScrollDown, area.x + 2, area.y + 2),
        Action::Wheel(Some(Hit::Overlay), 3),
    );
    assert_eq!(a.help(), Some(3), "the wheel scrolls it");
    mouse(
        &mut a,
        click_at(0, 0),
        Action::Click(Some(Hit::OutsideOverlay)),
    );
    assert_eq!(a.help(), None, "a click outside closes it");
}

#[test]
fn the_mouse_is_ignored_under_a_question_and_when_turned_off() {
    let mut a = app("default", 100, 30);
    let text = a.panes().text;
    let ev = click_at(text.x + 5, text.y + 5);
    press(&mut a, "a");
    assert_eq!(a.mouse_action(ev), None, "the editor keeps the mouse off");
    press(&mut a, "C-q");
    assert!(a.editor().is_none(), "nothing typed: C-q closes it");
    assert!(a.mouse_action(ev).is_some());
    a.settings.mouse = false;
    assert_eq!(a.mouse_action(ev), None);
}
