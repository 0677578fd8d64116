//! Key-sequence tests in the outline and side panes, and moving the focus between panes.

mod common;

use common::{app, press, screen};
use lectern::action::Pane;
use lectern::app::App;
use lectern::app::SideView;

#[test]
fn glossary_pane_filters_as_you_type_and_jumps_to_an_occurrence() {
    let mut a = app("default", 160, 40);
    // In the text pane a digit starts a count; a key of the side pane after 3 focuses it.
    press(&mut a, "3");
    assert_eq!(a.count, Some(3));
    press(&mut a, "/");
    assert_eq!(a.focus, Pane::Side);
    for c in ["y", "o", "n", "g"] {
        press(&mut a, c);
    }
    assert_eq!(a.side[SideView::Glossary].filter, "yong");
    let names: Vec<&str> = a
        .filtered_entries()
        .iter()
        .map(|&e| a.doc.glossary.entries[e].term.as_str())
        .collect();
    assert_eq!(
        names,
        ["DPRK", "Choe Ryong Hae", "Yongbyon", "Yongbyon + X"],
        "aliases count: Pyongyang"
    );
    press(&mut a, "b");
    let names: Vec<&str> = a
        .filtered_entries()
        .iter()
        .map(|&e| a.doc.glossary.entries[e].term.as_str())
        .collect();
    assert_eq!(names, ["Yongbyon", "Yongbyon + X"]);
    press(&mut a, "Enter");
    assert!(!a.side[SideView::Glossary].filtering);
    press(&mut a, "Enter");
    assert_eq!(a.side[SideView::Glossary].detail, Some(0));
    press(&mut a, "j");
    assert_eq!(a.side[SideView::Glossary].detail, Some(1));
    let target = a.occurrences()[a.filtered_entries()[0]][1].paragraph;
    press(&mut a, "Enter");
    assert_eq!(a.focus, Pane::Text);
    assert_eq!(a.reader.cursor, target);
    assert!(a.doc.paragraphs[target].plain_text().contains("Yongbyon"));
}

#[test]
fn outline_enter_jumps_to_a_section() {
    let mut a = app("default", 120, 40);
    press(&mut a, "1");
    press(&mut a, "G");
    assert_eq!(a.focus, Pane::Outline, "1, then a key of the outline");
    press(&mut a, "k");
    press(&mut a, "Enter");
    assert_eq!(a.current_section(), a.doc.sections.len() - 2);
    assert_eq!(a.focus, Pane::Text);
}

#[test]
fn tab_cycles_through_the_panes_on_screen() {
    let mut a = app("default", 160, 40);
    let mut seen = vec![a.focus];
    for _ in 0..3 {
        press(&mut a, "Tab");
        seen.push(a.focus);
    }
    assert_eq!(seen, [Pane::Text, Pane::Side, Pane::Outline, Pane::Text]);
    press(&mut a, "S-Tab");
    assert_eq!(a.focus, Pane::Outline);
    // At 60 columns only the text fits: the other panes take its place while focused.
    let mut a = app("default", 60, 20);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Pane::Side);
    assert_eq!(a.panes().overlay, Some(Pane::Side));
    assert_eq!(a.panes().side, Some(a.panes().text));
    assert!(common::screen(&a).contains("Glossary"));
    press(&mut a, "1");
    assert_eq!(a.panes().overlay, Some(Pane::Outline));
    press(&mut a, "2");
    assert_eq!(a.panes().overlay, None);
}

#[test]
fn an_empty_list_says_which_keys_fill_it_as_the_keymap_binds_them() {
    let mut a = app("default", 220, 30);
    a.focus = Pane::Side;
    let shown = |a: &mut App, view: SideView| {
        a.side.view = view;
        screen(a)
    };
    assert!(shown(&mut a, SideView::Notes).contains("No notes yet: a writes one"));
    let b = shown(&mut a, SideView::Bookmarks);
    assert!(
        b.contains("No bookmarks yet: m and a letter sets one"),
        "{b}"
    );
    assert!(
        shown(&mut a, SideView::Highlights).contains("No highlights yet: v selects, h highlights")
    );
    // No search yet: `/` is offered from the text, not in the side pane, where it filters.
    let results = shown(&mut a, SideView::Results);
    assert!(results.contains("No search yet "), "{results}");
    assert!(!results.contains("/ searches"), "{results}");
    a.focus = Pane::Text;
    assert!(shown(&mut a, SideView::Results).contains("No search yet: / searches"));
    a.focus = Pane::Side;
    // Another keymap, other keys: the hints follow it; a key bound to nothing is not offered.
    let overlay = lectern::keymap::parse(
        r#"Keymap(text: { "a": Unbind, "A": EditNote, "v": Unbind, "V": SelectText, "m": Unbind })"#,
    )
    .unwrap();
    a.keymap.merge(&overlay);
    assert!(shown(&mut a, SideView::Notes).contains("No notes yet: A writes one"));
    assert!(shown(&mut a, SideView::Highlights).contains("No highlights yet: V selects"));
    let bookmarks = shown(&mut a, SideView::Bookmarks);
    assert!(bookmarks.contains("No bookmarks yet "), "{bookmarks}");
    assert!(!bookmarks.contains("sets one"), "{bookmarks}");

    // An article without a glossary says so in the glossary view, with the key that adds
    // a term of one's own.
    let mut a = app("default", 220, 30);
    let mut doc = a.doc.clone();
    doc.glossary = Default::default();
    a.set_doc(doc);
    let glossary = shown(&mut a, SideView::Glossary);
    // Wrapped in the narrow pane, not cut.
    assert!(
        glossary.contains("No glossary in this article: D adds a term")
            && glossary.contains("│of your own "),
        "{glossary}"
    );
    // At any size, however little room the hints have.
    for (w, h) in [(1, 1), (12, 4), (40, 6), (61, 9), (90, 12), (300, 80)] {
        a.resize(w, h);
        for view in SideView::ALL {
            shown(&mut a, view);
        }
    }
}

#[test]
fn a_long_note_in_a_narrow_side_pane_is_cut_before_its_age() {
    let mut a = app("default", 110, 30);
    press(&mut a, "a");
    common::type_text(&mut a, "A note long enough to run past the side pane");
    press(&mut a, "Esc");
    a.side.view = SideView::Notes;
    let shown = screen(&a);
    let row = shown
        .lines()
        .find(|l| l.contains("A note"))
        .unwrap_or_else(|| panic!("the note is listed: {shown}"))
        .to_owned();
    assert!(row.contains("✎ A note long e…  just now│"), "{row}");
}

#[test]
fn a_message_names_a_key_only_where_it_does_what_the_message_says() {
    let mut a = app("default", 160, 40);
    press(&mut a, "n");
    let said = a.message.as_ref().unwrap().text.clone();
    assert_eq!(said, "No search yet: / searches");
    // In the results list `/` filters: it is not offered for searching there.
    a.focus = Pane::Side;
    a.side.view = SideView::Results;
    let said = |a: &mut App, keys: &str| {
        press(a, keys);
        a.message.as_ref().unwrap().text.clone()
    };
    assert_eq!(said(&mut a, "/"), "The results list shows the last search");
    assert_eq!(said(&mut a, "Enter"), "No search results");
    // Esc cancels in the side pane too: it is named.
    assert_eq!(
        said(&mut a, "x"),
        "Search results cannot be deleted: Esc in the text clears them"
    );
    a.side.view = SideView::Bookmarks;
    assert_eq!(
        said(&mut a, "Enter"),
        "No bookmarks yet: m and a letter sets one"
    );
    a.side.view = SideView::Glossary;
    assert_eq!(
        said(&mut a, "Backspace"),
        "Already at the list of terms: Enter lists the occurrences of the selected one"
    );
    // Another keymap, other keys.
    let overlay =
        lectern::keymap::parse(r#"Keymap(text: { "m": Unbind, "M": SetBookmark })"#).unwrap();
    a.keymap.merge(&overlay);
    a.side.view = SideView::Bookmarks;
    assert_eq!(
        said(&mut a, "Enter"),
        "No bookmarks yet: M and a letter sets one"
    );
}

#[test]
fn the_help_names_the_key_that_closes_it_as_the_keymap_binds_it() {
    let mut a = app("default", 120, 40);
    press(&mut a, "?");
    assert!(screen(&a).contains("· Esc closes"), "{}", screen(&a));
    let overlay = lectern::keymap::parse(r#"Keymap(help: { "Esc": Unbind })"#).unwrap();
    a.keymap.merge(&overlay);
    let shown = screen(&a);
    assert!(shown.contains("· q closes"), "{shown}");
    assert!(!shown.contains("Esc closes"), "{shown}");
    // Where the footer has no room for it, the key is left out, not cut.
    let mut a = app("default", 40, 14);
    press(&mut a, "? G");
    let shown = screen(&a);
    let footer = shown
        .lines()
        .find(|l| l.contains("lines "))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(footer.contains(" of "), "{footer}");
    assert!(!footer.contains('·'), "{footer}");
}
