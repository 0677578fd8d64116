//! Rendering: snapshots of the screen at three sizes (panes, popups, help, too small), a
//! property test over terminal sizes, and the monochrome theme.

mod common;

use common::{app, buffer_text, goto, paragraph_with_footnotes, press, screen, terms_in};
use lectern::app::App;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

fn at(size: (u16, u16)) -> App {
    app("default", size.0, size.1)
}

#[test]
fn panes_at_three_sizes() {
    for size in SIZES {
        let mut a = at(size);
        insta::assert_snapshot!(format!("start_{}x{}", size.0, size.1), screen(&a));
        // `j` scrolls through the long introduction first: go straight to the third.
        goto(&mut a, 2);
        a.mark_read();
        insta::assert_snapshot!(format!("third_paragraph_{}x{}", size.0, size.1), screen(&a));
    }
}

#[test]
fn footnote_popup_at_three_sizes() {
    for size in SIZES {
        let mut a = at(size);
        let p = paragraph_with_footnotes(&a, |f| f.len() >= 3);
        goto(&mut a, p);
        press(&mut a, "f");
        insta::assert_snapshot!(format!("footnote_{}x{}", size.0, size.1), screen(&a));
    }
}

#[test]
fn glossary_popup_at_three_sizes() {
    for size in SIZES {
        let mut a = at(size);
        let p = (0..a.doc.paragraphs.len())
            .find(|&p| terms_in(&a, p).len() >= 3)
            .unwrap();
        goto(&mut a, p);
        press(&mut a, "d");
        insta::assert_snapshot!(format!("definitions_{}x{}", size.0, size.1), screen(&a));
    }
}

#[test]
fn help_overlay_at_three_sizes() {
    for size in SIZES {
        let mut a = at(size);
        press(&mut a, "?");
        insta::assert_snapshot!(format!("help_{}x{}", size.0, size.1), screen(&a));
    }
}

#[test]
fn glossary_pane_with_filter_and_occurrences() {
    let mut a = at((160, 40));
    press(&mut a, "3");
    press(&mut a, "/");
    for c in ["t", "h", "a"] {
        press(&mut a, c);
    }
    press(&mut a, "Enter");
    press(&mut a, "Enter");
    insta::assert_snapshot!("glossary_pane_160x40", screen(&a));
}

#[test]
fn too_small_says_so_on_one_line() {
    for (w, h) in [(19, 24), (80, 3), (30, 1), (1, 1)] {
        let a = at((w, h));
        let text = screen(&a);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 1, "{w}x{h}: {text}");
        assert!(
            "terminal too small: lectern needs 20x4".starts_with(lines[0]),
            "{w}x{h}: {text}"
        );
    }
    insta::assert_snapshot!("too_small_19x6", screen(&at((19, 6))));
}

/// Renders into a larger buffer filled with a sentinel, the app drawing only in `area`.
fn render_inside(a: &mut App, area: Rect) -> Buffer {
    let outer = Rect::new(0, 0, area.right() + 3, area.bottom() + 3);
    let mut buf = Buffer::filled(outer, ratatui::buffer::Cell::new("§"));
    a.set_area(area);
    lectern::ui::draw_to(&mut buf, area, a);
    buf
}

fn assert_untouched_outside(buf: &Buffer, area: Rect) -> Result<(), TestCaseError> {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if !area.contains((x, y).into()) {
                prop_assert_eq!(
                    buf[(x, y)].symbol(),
                    "§",
                    "cell {},{} outside {:?}",
                    x,
                    y,
                    area
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any size from 0x0 to 200x60, in any of several states: no panic, nothing drawn
    /// outside the area.
    #[test]
    fn any_size_renders_inside_its_area(
        w in 0u16..=200, h in 0u16..=60, x in 0u16..3, y in 0u16..3, state in 0usize..5,
    ) {
        let mut a = app("default", 80, 24);
        a.set_area(Rect::new(x, y, w, h));
        match state {
            1 => press(&mut a, "G"),
            2 => {
                let p = paragraph_with_footnotes(&a, |f| !f.is_empty());
                goto(&mut a, p);
                press(&mut a, "f");
            }
            3 => press(&mut a, "?"),
            4 => {
                press(&mut a, "d");
                press(&mut a, "3");
            }
            _ => {}
        }
        let area = Rect::new(x, y, w, h);
        let buf = render_inside(&mut a, area);
        assert_untouched_outside(&buf, area)?;
    }
}

#[test]
fn every_small_size_renders() {
    // The edges, exhaustively: every width and height up to 30 by 12.
    for w in 0..=30 {
        for h in 0..=12 {
            let mut a = app("default", 80, 24);
            press(&mut a, "f");
            let area = Rect::new(1, 1, w, h);
            let buf = render_inside(&mut a, area);
            assert_untouched_outside(&buf, area).unwrap();
        }
    }
}

#[test]
fn no_color_keeps_focus_cursor_markers_and_terms_visible() {
    let mut a = at((120, 40));
    a.settings.no_color = true;
    let p = (0..a.doc.paragraphs.len())
        .find(|&p| {
            a.doc.paragraphs[p].footnote_refs().next().is_some() && !terms_in(&a, p).is_empty()
        })
        .unwrap();
    goto(&mut a, p);
    let buf = common::render(&a);
    let mut markers = 0;
    let mut terms = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "no colour with NO_COLOR");
        assert_eq!(cell.bg, Color::Reset, "no colour with NO_COLOR");
        if "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(cell.symbol()) {
            assert!(cell.modifier.contains(Modifier::BOLD), "markers are bold");
            markers += 1;
        }
        if cell.modifier.contains(Modifier::UNDERLINED) {
            terms += 1;
        }
    }
    assert!(markers > 0 && terms > 0);
    let view = a.text_view();
    let bar_rows = (0..buf.area.height)
        .filter(|&y| buf[(view.margin_x, y)].symbol() == "▌")
        .count();
    assert!(
        bar_rows > 0,
        "the current paragraph is marked in the margin"
    );
    let panes = a.panes();
    let corner = &buf[(panes.text.x, panes.text.y)];
    assert!(
        corner.modifier.contains(Modifier::BOLD),
        "the focused pane's border is bold"
    );
    assert_eq!(corner.symbol(), "┏", "and thick");
    let outline_corner = &buf[(panes.outline.unwrap().x, panes.outline.unwrap().y)];
    assert_eq!(outline_corner.symbol(), "┌");
    let text = buffer_text(&buf);
    assert!(
        text.contains("▸ "),
        "the current section is marked in the outline"
    );
}
