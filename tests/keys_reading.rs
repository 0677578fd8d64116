//! Reading without skipping: `j` and `k` scroll within a long paragraph before moving on,
//! and a paragraph is read only once its last line has been on screen.

mod common;

use std::collections::BTreeSet;

use common::{app, press};
use lectern::app::App;
use lectern::layout::Anchor;

/// The lines of text on screen now.
fn shown(a: &App) -> Vec<Anchor> {
    a.layout().visible(a.reader.top, a.text_view().rows)
}

#[test]
fn j_shows_every_line_of_the_long_introduction_and_marks_only_what_was_shown() {
    let mut a = app("default", 80, 24);
    let intro = a.flow.paragraph_item[0];
    let intro_lines = a.layout().block(intro).lines.len();
    assert!(
        intro_lines > a.text_view().rows,
        "the introduction is longer than the view"
    );
    let mut seen: BTreeSet<Anchor> = shown(&a).into_iter().collect();
    let mut presses = 0;
    while a.reader.cursor == 0 {
        press(&mut a, "j");
        presses += 1;
        assert!(presses < 20, "j never leaves the introduction");
        seen.extend(shown(&a));
        // A paragraph is read only when its last line of text has been shown.
        for (p, read) in a.read.iter().enumerate() {
            let item = a.flow.paragraph_item[p];
            let last = a.layout().block(item).lines.len().saturating_sub(1);
            if *read {
                assert!(
                    seen.contains(&Anchor { item, line: last }),
                    "paragraph {p} marked read, its last line never shown"
                );
            }
        }
    }
    assert!(presses > 1, "the first j scrolls within the introduction");
    for line in 0..intro_lines {
        assert!(
            seen.contains(&Anchor { item: intro, line }),
            "line {line} of the introduction was skipped"
        );
    }
    assert!(a.read[0]);
    // k goes back through it the same way, a screen at a time.
    let mut back = 0;
    while a.reader.top != Anchor::default() {
        let before = shown(&a);
        press(&mut a, "k");
        back += 1;
        assert!(back < 20, "k never reaches the start");
        let now = shown(&a);
        assert!(
            now.last()
                .is_some_and(|l| a.layout().down(*l, 1) >= before[0]),
            "k skipped lines above {:?}",
            before[0]
        );
    }
    assert_eq!(a.reader.cursor, 0);
}

#[test]
fn the_blank_line_after_a_paragraph_does_not_mark_it_read() {
    let mut a = app("default", 80, 24);
    let intro = a.flow.paragraph_item[0];
    let lines = a.layout().block(intro).lines.len();
    // Only the blank line after the introduction is at the top of the view.
    a.reader.top = Anchor {
        item: intro,
        line: lines,
    };
    a.reader.cursor = 1;
    a.mark_read();
    assert!(!a.read[0]);
}

#[test]
fn the_status_bar_says_where_the_reader_is_by_number_at_every_width() {
    for width in [40, 60, 80, 120] {
        let mut a = app("default", width, 24);
        let s = a
            .doc
            .section_by_label("2.2")
            .expect("the article has a section 2.2");
        let third = a.doc.sections[s].paragraphs.start + 2;
        common::goto(&mut a, third);
        a.message = None;
        let screen = common::screen(&a);
        let status = screen.lines().last().unwrap();
        assert!(status.starts_with(" 2.2 ¶3 "), "at {width}: {status}");
        common::goto(&mut a, 1);
        let screen = common::screen(&a);
        assert!(
            screen.lines().last().unwrap().starts_with(" 1 ¶1 "),
            "at {width}"
        );
    }
}
