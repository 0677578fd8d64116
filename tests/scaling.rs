//! What is on screen costs, the rest of the book does not: on the reference book, every
//! step wraps only the blocks it shows (counted by the layout cache, not timed).

use lectern::action::{Action, Scroll};
use lectern::app::{App, Settings};
use lectern::keymap::Keymap;

fn book_app() -> App {
    let doc = lectern::import::parse_markdown(&lectern::import::book_markdown(100))
        .unwrap()
        .doc;
    let mut app = App::new(
        doc,
        Keymap::builtin("default").unwrap(),
        Settings::default(),
    );
    app.resize(80, 24);
    app
}

fn wraps(app: &App) -> u64 {
    app.cache.borrow().wrap_count()
}

/// Blocks with at least one line on screen.
fn blocks_on_screen(app: &App) -> u64 {
    let mut items: Vec<usize> = app
        .layout()
        .visible(app.reader.top, app.text_view().rows)
        .iter()
        .map(|a| a.item)
        .collect();
    items.dedup();
    items.len() as u64
}

fn draw(app: &App) {
    let mut buf = ratatui::buffer::Buffer::empty(app.area);
    lectern::ui::draw_to(&mut buf, app.area, app);
}

/// Runs `action` and checks it wrapped no more blocks than the screen shows (plus the
/// one block a step may look at just past the edge).
fn step(app: &mut App, action: Action) -> u64 {
    let before = wraps(app);
    lectern::update::update(app, action.clone());
    app.mark_read();
    draw(app);
    let new = wraps(app) - before;
    let shown = blocks_on_screen(app);
    assert!(
        new <= shown + 1,
        "{action:?} wrapped {new} blocks for {shown} on screen"
    );
    new
}

#[test]
fn a_step_through_the_book_wraps_only_what_it_shows() {
    let mut app = book_app();
    let total = app.flow.len();
    assert!(total > 3_000, "the book has {total} blocks");
    draw(&app);
    assert!(
        wraps(&app) <= blocks_on_screen(&app) + 1,
        "first frame: {}",
        wraps(&app)
    );

    // Lines and pages at the start: one new block at most per line step.
    for _ in 0..20 {
        assert!(step(&mut app, Action::Scroll(Scroll::Lines(1))) <= 1);
    }
    for _ in 0..5 {
        step(&mut app, Action::Scroll(Scroll::Pages(1)));
    }
    // The far end, a section in the middle, back to the start: only those screens.
    step(&mut app, Action::GoToEnd);
    step(&mut app, Action::Scroll(Scroll::Pages(-1)));
    step(&mut app, Action::Scroll(Scroll::Lines(-1)));
    lectern::update::set_focus(&mut app, lectern::action::Pane::Outline);
    app.outline_selected = app.doc.sections.len() / 2;
    step(&mut app, Action::Open);
    step(&mut app, Action::NextParagraph);
    step(&mut app, Action::GoToStart);
    // Going back over wrapped blocks costs nothing.
    let before = wraps(&app);
    step(&mut app, Action::Scroll(Scroll::Pages(1)));
    assert_eq!(wraps(&app), before, "blocks are wrapped once per width");

    let cached = app.cache.borrow().cached_blocks();
    assert!(cached < 200, "{cached} of {total} blocks were ever wrapped");

    // A resize rewraps only the new screen.
    let before = wraps(&app);
    app.resize(200, 60);
    draw(&app);
    let new = wraps(&app) - before;
    assert!(new <= blocks_on_screen(&app) + 1, "resize wrapped {new}");
}
