//! The note editor: docked below or beside the text so the paragraph stays in view, the
//! cursor at the end of a reopened note, undo by words, and cancelling keys.

mod common;

use common::{app, goto, press, screen, type_text};

#[test]
fn a_reopened_note_puts_the_cursor_at_its_end() {
    let mut a = app("default", 100, 30);
    goto(&mut a, 3);
    press(&mut a, "a");
    type_text(
        &mut a,
        "first line of a note that is long enough to wrap in the editor's narrow box, surely it is\nsecond line",
    );
    press(&mut a, "Esc");
    press(&mut a, "a");
    let ed = a.editor().unwrap();
    assert_eq!(ed.textarea.cursor(), (1, "second line".len()));
    type_text(&mut a, "!");
    assert!(a.editor().unwrap().text().ends_with("second line!"));
}

#[test]
fn undo_takes_back_words_not_letters() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    type_text(&mut a, "two words");
    press(&mut a, "C-z");
    assert_eq!(a.editor().unwrap().text(), "two ");
    press(&mut a, "C-r");
    assert_eq!(a.editor().unwrap().text(), "two words");
}

#[test]
fn c_g_in_the_emacs_keymap_leaves_the_editor_as_esc_does() {
    for (keymap, open, key) in [("default", "a", "Esc"), ("emacs", "C-c a", "C-g")] {
        let mut a = app(keymap, 100, 30);
        press(&mut a, open);
        type_text(&mut a, "kept");
        press(&mut a, key);
        assert!(a.editor().is_none(), "{key} closes the editor");
        assert_eq!(
            a.notes.note_for(0).unwrap().note.text,
            "kept",
            "{key} keeps the text"
        );
    }
}

/// The rows of the screen where `needle` shows.
fn rows_with(screen: &str, needle: &str) -> Vec<usize> {
    screen
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn the_editor_docks_below_the_text_and_the_paragraph_stays_in_view() {
    let mut a = app("default", 100, 30);
    // A paragraph low on the screen: a centred editor would cover it.
    let p = 8;
    goto(&mut a, p);
    let first_words: String = a.doc.paragraphs[p]
        .plain_text()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    press(&mut a, "a");
    let editor = a.panes().editor.expect("the editor is docked");
    let shown = screen(&a);
    let title_row = rows_with(&shown, " Note on ")[0];
    assert_eq!(usize::from(editor.y), title_row);
    let para_rows = rows_with(&shown, &first_words);
    assert!(
        para_rows.iter().any(|&r| r < title_row),
        "the paragraph shows above the editor:\n{shown}"
    );
    assert_eq!(a.panes().text.height + editor.height, 29);
    press(&mut a, "Esc");
    assert!(a.panes().editor.is_none());
    assert_eq!(a.panes().text.height, 29, "the text gets its rows back");
}

#[test]
fn on_a_wide_text_pane_the_editor_docks_beside_the_text() {
    let mut a = app("default", 160, 30);
    a.settings.show_outline = false;
    a.settings.show_side = false;
    a.resize(160, 30);
    goto(&mut a, 8);
    press(&mut a, "a");
    let editor = a.panes().editor.unwrap();
    let text = a.panes().text;
    assert_eq!(editor.x, text.x + text.width, "beside the text");
    assert_eq!(
        a.text_view().width,
        a.settings.measure,
        "the text keeps its measure"
    );
    assert_eq!(rows_with(&screen(&a), " Note on ").len(), 1);
}
