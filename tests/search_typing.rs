//! Typing in the search prompt never waits for a whole search: a paste is one edit and
//! one search, and in the reader (where searches run in steps between key presses) a key
//! press runs at most one step, and a query typed on drops the search of the one before.

mod common;

use common::{app, press};
use lectern::app::{App, Settings};
use lectern::keymap::Keymap;
use lectern::update::search::{STEP_BYTES, pending, work};

fn book_app() -> App {
    let doc = lectern::import::parse_markdown(&lectern::import::book_markdown(100))
        .unwrap()
        .doc;
    let mut app = App::new(
        doc,
        Keymap::builtin("default").unwrap(),
        Settings::default(),
    );
    app.resize(100, 30);
    app.search_in_steps = true;
    app
}

fn searches(app: &App) -> u32 {
    app.prompt().unwrap().searches
}

fn pending_query(app: &App) -> Option<String> {
    let job = app.prompt()?.pending.as_ref()?;
    Some(job.query().text.clone())
}

#[test]
fn a_paste_into_the_prompt_is_one_search() {
    let mut a = app("default", 100, 30);
    press(&mut a, "/");
    let pasted = "where it talks about THAAD and the deployment in South Korea";
    a.handle_paste(pasted);
    assert_eq!(a.prompt().unwrap().text, pasted);
    assert_eq!(searches(&a), 1, "one search for the whole paste");
    assert_eq!(
        a.search.as_ref().map(|s| s.query.text.as_str()),
        Some(pasted)
    );
    // Typing on after the paste: one search per key.
    press(&mut a, "x y");
    assert_eq!(searches(&a), 3);
}

#[test]
fn a_key_in_the_prompt_runs_one_step_of_a_search_of_a_book() {
    let mut a = book_app();
    let origin = a.reader;
    press(&mut a, "/");
    press(&mut a, "r i v e r");
    assert_eq!(searches(&a), 5);
    // Each key started a search and ran one step of it, not the whole book.
    assert_eq!(pending_query(&a).as_deref(), Some("river"));
    assert!(a.search.is_none(), "no search ran to its end under a key");
    assert_eq!(a.reader, origin);
    let mut steps = 0;
    while !work(&mut a, STEP_BYTES) {
        steps += 1;
    }
    assert!(steps > 3, "the book takes several steps: {steps}");
    assert!(!pending(&a));
    let found = a.search.as_ref().expect("the search completed");
    assert_eq!(found.query.text, "river");
    assert!(!found.results.text.is_empty());
    assert_eq!(a.reader.cursor, found.results.text[0].paragraph);
}

#[test]
fn a_query_typed_on_drops_the_search_of_the_one_before() {
    let mut a = book_app();
    press(&mut a, "/");
    press(&mut a, "s e");
    work(&mut a, STEP_BYTES);
    work(&mut a, STEP_BYTES);
    press(&mut a, "a");
    assert_eq!(pending_query(&a).as_deref(), Some("sea"));
    while !work(&mut a, STEP_BYTES) {}
    assert_eq!(a.search.as_ref().unwrap().query.text, "sea");
    // Esc drops a running search with the prompt.
    press(&mut a, "/");
    press(&mut a, "t i d e");
    press(&mut a, "Esc");
    assert!(a.prompt().is_none() && !pending(&a));
}
