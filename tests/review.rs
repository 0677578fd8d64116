//! The glossary review (`R`): a card answered "not yet" comes back within a few cards, the
//! header counts the card on screen, and a session shows at most `review_cards` cards.

mod common;

use common::{app, press, screen};

/// The card's title line.
fn header(a: &lectern::app::App) -> String {
    screen(a)
        .lines()
        .find(|l| l.contains(" Review · "))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_card_answered_not_yet_comes_back_within_a_few_cards() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app("default", 100, 30);
    a.open_storage(dir.path());
    assert!(
        a.doc.glossary.entries.len() > 8,
        "enough new cards to crowd it out"
    );
    press(&mut a, "R");
    let missed = a.review().unwrap().entry.unwrap();
    press(&mut a, "Space n");
    let mut seen = Vec::new();
    for _ in 0..4 {
        let e = a.review().unwrap().entry.unwrap();
        seen.push(e);
        if e == missed {
            break;
        }
        press(&mut a, "Space y");
    }
    assert_eq!(
        seen.last(),
        Some(&missed),
        "back within four cards: {seen:?}"
    );
    assert!(seen.len() > 1, "not straight away");
    assert!(
        header(&a).contains(&format!("card {} of ", seen.len() + 1)),
        "{}",
        header(&a)
    );
}

#[test]
fn the_header_counts_the_card_on_screen() {
    let mut a = app("default", 100, 30);
    let n = a.doc.glossary.entries.len();
    press(&mut a, "R");
    let total = n.min(20);
    assert!(
        header(&a).contains(&format!("card 1 of {total} · 0 due · {n} new")),
        "{}",
        header(&a)
    );
    press(&mut a, "Space n");
    // The card answered "not yet" is due again in this session; the one on screen is new.
    assert!(
        header(&a).contains(&format!("card 2 of {total} · 1 due · {} new", n - 1)),
        "{}",
        header(&a)
    );
}

#[test]
fn a_session_stops_at_its_limit() {
    let mut a = app("default", 100, 30);
    a.settings.review_cards = 3;
    press(&mut a, "R");
    for _ in 0..3 {
        assert!(a.review().unwrap().entry.is_some());
        press(&mut a, "Space y");
    }
    assert_eq!(a.review().unwrap().entry, None);
    assert!(
        screen(&a).contains("That is all for this session"),
        "{}",
        screen(&a)
    );
    press(&mut a, "Esc");
    assert_eq!(a.message.as_ref().unwrap().text, "Reviewed 3 cards");
    // The default is 20.
    assert_eq!(lectern::app::Settings::default().review_cards, 20);
}
