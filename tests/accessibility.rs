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
    // j scrolls through a long first block before it moves on.
    while a.reader.cursor == 0 {
        press(&mut a, "j");
    }
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
    // A popup takes the cursor to the start of its text (the first paragraph cites [1]).
    press(&mut a, "k");
    press(&mut a, "f");
    let mut buf = ratatui::buffer::Buffer::empty(a.area);
    let at = lectern::ui::draw_to(&mut buf, a.area, &a).expect("a cursor in the popup");
    let row: String = (at.x..a.area.width)
        .map(|x| buf[(x, at.y)].symbol().to_owned())
        .collect();
    let footnote = a.doc.footnotes[0].inlines[0].plain_text();
    let footnote: String = footnote.chars().take(12).collect();
    assert!(row.starts_with(&footnote), "{row:?} / {footnote:?}");
}

#[test]
fn body_text_is_in_the_terminals_own_colours_under_both_themes() {
    use lectern::settings::ThemeKind;
    use ratatui::style::Color;
    for theme in [ThemeKind::Dark, ThemeKind::Light] {
        let mut a = app("default", 120, 40);
        a.settings.theme = theme;
        let buf = common::render(&a);
        let view = a.text_view();
        // Rows of body text, from the first paragraph's (the title block above it has its
        // accents: the source line is dim).
        let first: String = a.doc.paragraphs[0].plain_text().chars().take(16).collect();
        let top = (view.y..view.y + view.rows as u16)
            .find(|&y| {
                let row: String = (view.x..view.x + view.width)
                    .map(|x| buf[(x, y)].symbol().to_owned())
                    .collect();
                row.contains(&first)
            })
            .expect("the first paragraph is on screen");
        let mut checked = 0;
        for y in top..view.y + view.rows as u16 {
            for x in view.x..view.x + view.width {
                let cell = &buf[(x, y)];
                if cell.symbol().chars().all(|c| c.is_ascii_lowercase())
                    && !cell.symbol().is_empty()
                    && cell.style().add_modifier.is_empty()
                {
                    assert_eq!(cell.fg, Color::Reset, "{theme:?} at {x},{y}");
                    assert_eq!(cell.bg, Color::Reset, "{theme:?} at {x},{y}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 500, "{checked}");
        // Popups and the status bar have no background of their own either.
        press(&mut a, "f");
        let buf = common::render(&a);
        assert!(buf.content().iter().all(|c| c.bg == Color::Reset));
    }
}

#[test]
fn without_colour_the_side_view_shown_is_marked_in_reverse_video() {
    use ratatui::style::Modifier;
    let mut a = app("default", 180, 40);
    a.settings.no_color = true;
    let buf = common::render(&a);
    let side = a.panes().side.unwrap();
    let y = (side.y..side.y + side.height)
        .find(|&y| {
            let row: String = (side.x..side.x + side.width)
                .map(|x| buf[(x, y)].symbol())
                .collect();
            row.contains("Glossary")
        })
        .unwrap_or_else(|| panic!("{}", common::screen(&a)));
    let row: Vec<_> = (side.x..side.x + side.width)
        .map(|x| (buf[(x, y)].symbol().to_owned(), buf[(x, y)].modifier))
        .collect();
    let text: String = row.iter().map(|(s, _)| s.as_str()).collect();
    let at = text.find("Glossary").expect(&text);
    let start = text[..at].chars().count();
    assert!(row[start].1.contains(Modifier::REVERSED), "{text}");
    // Where the other views' names show (a wide pane lists them all), they are not marked.
    if let Some(i) = text.find("Notes") {
        let notes = text[..i].chars().count();
        assert!(!row[notes].1.contains(Modifier::REVERSED), "{text}");
    }
}

#[test]
fn narrow_popups_leave_no_stray_characters() {
    for size in [(60, 20), (40, 12)] {
        let mut a = app("default", size.0, size.1);
        let p = common::paragraph_with_footnotes(&a, |f| f.len() >= 3);
        common::goto(&mut a, p);
        press(&mut a, "f");
        insta::assert_snapshot!(format!("footnote_{}x{}", size.0, size.1), screen(&a));
        let mut a = app("default", size.0, size.1);
        let p = (0..a.doc.paragraphs.len())
            .find(|&p| common::terms_in(&a, p).len() >= 3)
            .unwrap();
        common::goto(&mut a, p);
        press(&mut a, "d");
        insta::assert_snapshot!(format!("definitions_{}x{}", size.0, size.1), screen(&a));
    }
}

fn message(a: &lectern::app::App) -> String {
    a.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn on_a_narrow_terminal_esc_closes_a_pane_over_the_text_and_text_keys_say_where_they_work() {
    use lectern::action::Pane;
    let mut a = app("default", 50, 20);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Pane::Side);
    assert!(
        a.panes().overlay.is_some(),
        "the side pane is drawn over the text"
    );
    press(&mut a, "f");
    assert_eq!(
        message(&a),
        "f needs the text pane: press Esc/S-Tab",
        "not `not bound`"
    );
    press(&mut a, "Esc");
    assert_eq!(a.focus, Pane::Text);
    assert!(a.panes().overlay.is_none());
    press(&mut a, "S-Tab");
    assert_eq!(a.focus, Pane::Outline);
    press(&mut a, "d");
    assert_eq!(message(&a), "d needs the text pane: press Esc/Tab");
    press(&mut a, "Esc");
    assert_eq!(a.focus, Pane::Text);
}

#[test]
fn the_emacs_keymap_names_its_own_help_key() {
    let mut a = app("emacs", 80, 24);
    press(&mut a, "%");
    let said = message(&a);
    assert!(said.contains("is not bound (F1 shows the keys)"), "{said}");
    assert!(!said.contains('?'), "{said}");
    let mut a = app("default", 80, 24);
    press(&mut a, "%");
    assert!(
        message(&a).contains("(? shows the keys)"),
        "{}",
        message(&a)
    );
}
