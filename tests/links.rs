//! Links: drawn unlike glossary terms, and Enter on a paragraph whose only special item is a
//! link shows where it goes.

mod common;

use common::{press, render, screen};
use lectern::app::{App, Popup, Settings};
use lectern::keymap::Keymap;
use lectern::ui::theme::{Theme, ThemeKind};
use ratatui::style::Modifier;

fn article() -> App {
    let md = "# Links\n\nRead [the Hankyoreh editorial](https://example.org/hani) on THAAD.\n\n\
              A plain paragraph.\n";
    let doc = lectern::import::parse_markdown(md).unwrap().doc;
    let mut app = App::new(
        doc,
        Keymap::builtin("default").unwrap(),
        Settings::default(),
    );
    app.resize(100, 30);
    app
}

#[test]
fn links_and_terms_have_styles_of_their_own() {
    for kind in [ThemeKind::Dark, ThemeKind::Light] {
        let t = Theme::new(kind, false);
        assert_ne!(
            t.link.fg, t.term.fg,
            "{kind:?}: a link is not a glossary term"
        );
        assert!(
            t.link.add_modifier.contains(Modifier::UNDERLINED),
            "{kind:?}"
        );
    }
}

#[test]
fn a_link_is_drawn_in_the_link_style() {
    let a = article();
    let buf = render(&a);
    let theme = Theme::new(a.settings.theme, a.settings.no_color);
    let text = screen(&a);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("the Hankyoreh"))
        .unwrap();
    let col = line[..line.find("the Hankyoreh").unwrap()].chars().count();
    let cell = &buf[(col as u16 + 2, y as u16)];
    assert_eq!(cell.fg, theme.link.fg.unwrap(), "{line}");
    assert!(cell.modifier.contains(Modifier::UNDERLINED));
    let before = &buf[(col as u16 - 3, y as u16)];
    assert_ne!(
        before.fg,
        theme.link.fg.unwrap(),
        "only the link is coloured"
    );
}

#[test]
fn enter_on_a_paragraph_with_only_a_link_shows_its_url() {
    let mut a = article();
    assert!(a.doc.paragraphs[0].footnote_refs().next().is_none());
    press(&mut a, "Enter");
    match &a.popup {
        Some(Popup::Links { lines, .. }) => {
            assert_eq!(
                lines,
                &["the Hankyoreh editorial: https://example.org/hani"]
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(screen(&a).contains("https://example.org/hani"));
    press(&mut a, "Esc");
    assert!(a.popup.is_none());
    // A paragraph with nothing special says so, as before.
    press(&mut a, "j Enter");
    assert!(a.popup.is_none());
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("No glossary terms")
    );
}
