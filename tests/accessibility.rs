//! Reading without friction: screen-reader mode, the terminal's cursor, colours that read on
//! any background, and narrow terminals.

mod common;

use common::{app, press, screen};

#[test]
fn screen_reader_mode_draws_one_pane_in_plain_text() {
    let mut a = app("default", 80, 24);
    a.settings.screen_reader = true;
    a.resize(80, 24);
    let shown = screen(&a);
    insta::assert_snapshot!("screen_reader_80x24", shown);
    // The side pane takes the text's place when focused, still without box drawing.
    press(&mut a, "Tab");
    let side = screen(&a);
    insta::assert_snapshot!("screen_reader_side_80x24", side);
    for text in [&shown, &side] {
        assert!(
            !text
                .chars()
                .any(|c| ('\u{2500}'..='\u{259f}').contains(&c) || "▸✎".contains(c)),
            "{text}"
        );
    }
}

#[test]
fn the_cursor_is_reported_at_the_start_of_the_current_paragraph_only_in_screen_reader_mode() {
    let mut a = app("default", 80, 24);
    let mut buf = ratatui::buffer::Buffer::empty(a.area);
    assert_eq!(lectern::ui::draw_to(&mut buf, a.area, &a), None);
    a.settings.screen_reader = true;
    press(&mut a, "j");
    let mut buf = ratatui::buffer::Buffer::empty(a.area);
    let at = lectern::ui::draw_to(&mut buf, a.area, &a).expect("a cursor");
    let view = a.text_view();
    assert_eq!(at.x, view.x);
    let row: String = (at.x..view.x + view.width)
        .map(|x| buf[(x, at.y)].symbol().to_owned())
        .collect();
    let start: String = a.doc.paragraphs[a.reader.cursor]
        .plain_text()
        .chars()
        .take(20)
        .collect();
    assert_eq!(a.reader.cursor, 1);
    assert!(row.starts_with(&start), "{row} / {start}");
}
