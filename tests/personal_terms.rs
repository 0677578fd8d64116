//! The student's own glossary entries (issue 19): `D` asks for a term, the editor takes
//! the definition (aliases on a first line `aliases: a, b`); the entry is marked in the
//! text, listed in the glossary as theirs, reviewed, edited (`e`), deleted (the delete key)
//! and brought back (`u`); it lives in the notes file with the notes, and a second lectern
//! on the same article treats it as it treats notes.

mod common;

use common::{app, press, screen, type_text};
use lectern::action::Pane;
use lectern::app::{App, SideView};

/// The first paragraph whose text holds `word`.
fn paragraph_with(a: &App, word: &str) -> usize {
    a.doc
        .paragraphs
        .iter()
        .position(|p| p.plain_text().contains(word))
        .expect("a paragraph with the word")
}

/// The words of paragraph `p` marked, as laid out, as occurrences of the entry `id`.
fn marked(a: &App, p: usize, id: &str) -> Vec<String> {
    let Some(e) = a.doc.glossary.index_of(id) else {
        return Vec::new();
    };
    let layout = a.layout();
    let block = layout.block(a.flow.paragraph_item[p]);
    block
        .lines
        .iter()
        .flat_map(|l| &l.segments)
        .filter(|s| s.kind.term == Some(e as u32))
        .map(|s| s.text.clone())
        .collect()
}

/// Adds an entry the way a student does: `D`, the term, Enter, the aliases on the first
/// line of the editor, the definition under it, Esc.
fn add(a: &mut App, term: &str, aliases: &str, definition: &str) {
    press(a, "D");
    assert!(a.command().is_some_and(|c| c.term), "D asks for the term");
    type_text(a, term);
    press(a, "Enter");
    let ed = a.editor().expect("the editor takes the definition");
    assert_eq!(
        ed.text(),
        "aliases:\n",
        "the aliases line, the cursor under it"
    );
    press(a, "Up End");
    type_text(a, aliases);
    press(a, "Down");
    type_text(a, definition);
    press(a, "Esc");
    assert!(a.editor().is_none());
}

fn notes_text(dir: &std::path::Path, a: &App) -> String {
    std::fs::read_to_string(lectern::notes::notes_path(dir, &a.doc.meta.id)).unwrap()
}

#[test]
fn d_adds_an_entry_that_is_marked_in_the_text_and_saved_with_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app("default", 100, 30);
    a.open_storage(dir.path());
    let p = paragraph_with(&a, "sanctions");
    common::goto(&mut a, p);
    assert!(marked(&a, p, "my/sanctions").is_empty());
    add(
        &mut a,
        "sanctions",
        " sanction",
        "Penalties put on a state.",
    );
    assert_eq!(
        a.message.clone().unwrap().text,
        "sanctions added to your glossary"
    );
    assert!(
        marked(&a, p, "my/sanctions")
            .iter()
            .all(|w| w.eq_ignore_ascii_case("sanctions")),
        "marked in the paragraph on screen"
    );
    assert!(!marked(&a, p, "my/sanctions").is_empty());
    // Its definition opens in the paragraph's popup with the article's.
    press(&mut a, "d");
    let e = a.doc.glossary.index_of("my/sanctions").unwrap();
    match &a.popup {
        Some(lectern::app::Popup::Definitions { stack, .. }) => {
            assert!(stack[0].0.contains(&e), "{stack:?}")
        }
        other => panic!("{other:?}"),
    }
    press(&mut a, "Esc");
    let file =
        lectern::notes::read_file(&lectern::notes::notes_path(dir.path(), &a.doc.meta.id)).unwrap();
    let t = &file.terms[0];
    assert_eq!(
        (
            t.id.as_str(),
            t.term.as_str(),
            &t.aliases[..],
            t.definition.as_str()
        ),
        (
            "sanctions",
            "sanctions",
            &["sanction".to_owned()][..],
            "Penalties put on a state."
        )
    );
    // A new lectern reads it back and marks it too.
    drop(a);
    let mut b = app("default", 100, 30);
    b.open_storage(dir.path());
    let e = b.doc.glossary.index_of("my/sanctions").expect("read back");
    assert_eq!(b.doc.glossary.entries[e].aliases, ["sanction"]);
    assert!(!marked(&b, p, "my/sanctions").is_empty());
}

#[test]
fn d_on_a_selection_takes_the_selected_words_as_the_term() {
    let mut a = app("default", 100, 30);
    let p = paragraph_with(&a, "The situation on the Korean Peninsula has witnessed");
    common::goto(&mut a, p);
    // v selects the paragraph's first word, w the next one too.
    press(&mut a, "v w");
    assert!(a.has_modal(lectern::app::ModalKind::Selection));
    press(&mut a, "D");
    assert!(
        !a.has_modal(lectern::app::ModalKind::Selection),
        "D ends the selection"
    );
    let command = a.command().expect("D asks for the term");
    assert!(command.term);
    assert_eq!(
        command.text, "The situation",
        "the selected words, prefilled"
    );
}

#[test]
fn the_term_is_prefilled_with_the_search_match_under_the_reader() {
    let mut a = app("default", 100, 30);
    press(&mut a, "/");
    type_text(&mut a, "sanctions");
    press(&mut a, "Enter");
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    press(&mut a, "D");
    assert!(
        a.command().unwrap().text.eq_ignore_ascii_case("sanctions"),
        "{:?}",
        a.command()
    );
    press(&mut a, "Esc");
    let elsewhere = (0..a.doc.paragraphs.len())
        .find(|&p| {
            !a.doc.paragraphs[p]
                .plain_text()
                .to_lowercase()
                .contains("sanctions")
        })
        .unwrap();
    common::goto(&mut a, elsewhere);
    press(&mut a, "D");
    assert_eq!(
        a.command().unwrap().text,
        "",
        "no match here: nothing prefilled"
    );
    press(&mut a, "Enter");
    assert_eq!(
        a.message.clone().unwrap().text,
        "No term given: nothing added"
    );
    assert!(a.editor().is_none());
}

#[test]
fn the_article_wins_a_term_it_defines_and_the_status_says_so() {
    let mut a = app("default", 100, 30);
    let p = paragraph_with(&a, "ICBM");
    common::goto(&mut a, p);
    add(&mut a, "icbm", "", "My own words for it.");
    let msg = a.message.clone().unwrap().text;
    assert!(
        msg.starts_with("icbm added to your glossary; the article defines ICBM too"),
        "{msg}"
    );
    assert!(
        marked(&a, p, "my/icbm").is_empty(),
        "not the student's entry"
    );
    assert!(
        !marked(&a, p, "icbm").is_empty(),
        "the article's entry is marked"
    );
    assert!(
        a.doc.glossary.index_of("my/icbm").is_some(),
        "still in the glossary"
    );
}

#[test]
fn an_empty_definition_adds_nothing() {
    let mut a = app("default", 100, 30);
    add(&mut a, "sanctions", "", "");
    assert_eq!(
        a.message.clone().unwrap().text,
        "No definition: sanctions not added"
    );
    assert!(a.notes.terms().is_empty());
}

/// Opens the glossary side view on the student's entry `id`.
fn select_entry(a: &mut App, id: &str) {
    a.resize(160, 40);
    lectern::update::set_focus(a, Pane::Side);
    assert_eq!(a.focus, Pane::Side);
    a.side.view = SideView::Glossary;
    let e = a.doc.glossary.index_of(id).unwrap();
    let row = a.filtered_entries().iter().position(|&i| i == e).unwrap();
    a.side[SideView::Glossary].selected = row;
}

#[test]
fn e_edits_the_entry_the_delete_key_deletes_it_and_u_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app("default", 100, 30);
    a.open_storage(dir.path());
    add(&mut a, "sanctions", "sanction", "Penalties.");
    select_entry(&mut a, "my/sanctions");
    press(&mut a, "e");
    assert_eq!(a.editor().unwrap().text(), "aliases: sanction\nPenalties.");
    type_text(&mut a, " On trade, mostly.");
    press(&mut a, "Esc");
    assert_eq!(a.message.clone().unwrap().text, "sanctions saved");
    assert_eq!(
        a.notes.terms()[0].definition,
        "Penalties. On trade, mostly."
    );
    assert!(notes_text(dir.path(), &a).contains("On trade, mostly."));

    // D (in the text) on a term the student has already edits that entry.
    lectern::update::set_focus(&mut a, Pane::Text);
    press(&mut a, "D");
    type_text(&mut a, "Sanctions");
    press(&mut a, "Enter");
    assert_eq!(
        a.editor().unwrap().text(),
        "aliases: sanction\nPenalties. On trade, mostly."
    );
    assert_eq!(
        a.message.clone().unwrap().text,
        "You have an entry for Sanctions already: editing it"
    );
    press(&mut a, "Esc");
    assert_eq!(a.notes.terms().len(), 1);
    lectern::update::set_focus(&mut a, Pane::Side);

    press(&mut a, "x");
    assert!(a.confirm().is_some(), "asks first");
    press(&mut a, "y");
    assert_eq!(
        a.message.clone().unwrap().text,
        "sanctions deleted from your glossary (u brings it back)"
    );
    assert!(a.doc.glossary.index_of("my/sanctions").is_none());
    assert!(!notes_text(dir.path(), &a).contains("sanctions"));

    press(&mut a, "u");
    assert_eq!(a.message.clone().unwrap().text, "Glossary entry restored");
    let e = a.doc.glossary.index_of("my/sanctions").expect("back");
    let row = a.side[SideView::Glossary].selected;
    assert_eq!(a.filtered_entries()[row], e, "selected again");
    assert!(notes_text(dir.path(), &a).contains("On trade, mostly."));
    press(&mut a, "u");
    assert_eq!(
        a.message.clone().unwrap().text,
        "No deleted glossary entry of yours to bring back"
    );
}

#[test]
fn emptying_the_definition_deletes_and_article_entries_stay() {
    let mut a = app("default", 100, 30);
    add(&mut a, "sanctions", "", "Penalties.");
    select_entry(&mut a, "my/sanctions");
    press(&mut a, "e");
    for _ in 0.."Penalties.".len() {
        press(&mut a, "Backspace");
    }
    press(&mut a, "Esc");
    assert!(a.notes.terms().is_empty());
    assert!(
        a.message
            .clone()
            .unwrap()
            .text
            .starts_with("sanctions deleted from your glossary"),
    );
    press(&mut a, "u");
    assert_eq!(a.notes.terms().len(), 1);

    // An article's entry is neither edited nor deleted.
    select_entry(&mut a, "icbm");
    let n = a.doc.glossary.entries.len();
    press(&mut a, "e");
    assert!(a.editor().is_none());
    press(&mut a, "x");
    assert!(a.confirm().is_none());
    assert_eq!(a.doc.glossary.entries.len(), n);
    assert!(
        a.message
            .clone()
            .unwrap()
            .text
            .starts_with("This entry belongs to the article"),
    );
}

#[test]
fn adding_snapshots_the_prompt_the_editor_and_the_glossary_view() {
    let mut a = app("default", 100, 30);
    let p = paragraph_with(&a, "sanctions");
    common::goto(&mut a, p);
    press(&mut a, "D");
    type_text(&mut a, "sanctions");
    insta::assert_snapshot!("term_prompt_100x30", screen(&a));
    press(&mut a, "Enter Up End");
    type_text(&mut a, " sanction\nPenalties put on a state.");
    insta::assert_snapshot!("term_editor_100x30", screen(&a));
    press(&mut a, "Esc");
    select_entry(&mut a, "my/sanctions");
    insta::assert_snapshot!("term_glossary_160x40", screen(&a));
}

#[test]
fn personal_entries_are_reviewed_with_cards_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string("tests/fixtures/minimal.ron").unwrap();
    let doc = lectern::model::load::parse(&src).unwrap().doc;
    let mut a = App::new(
        doc,
        lectern::keymap::Keymap::builtin("default").unwrap(),
        lectern::app::Settings::default(),
    );
    a.resize(90, 26);
    a.open_storage(dir.path());
    let article = a.doc.glossary.entries.len();
    add(&mut a, "stomata", "stoma", "Pores in a leaf.");
    assert_eq!(a.doc.glossary.entries.len(), article + 1);
    // Mark the article's cards known, so the student's card is the one due.
    for e in 0..article {
        let id = a.doc.glossary.entries[e].id.clone();
        a.cards.answer(&id, true, lectern::notes::now());
    }
    press(&mut a, "R");
    let e = a.review().unwrap().entry.expect("a card");
    assert_eq!(a.doc.glossary.entries[e].id, "my/stomata");
    insta::assert_snapshot!("term_review_front_90x26", screen(&a));
    press(&mut a, "Space");
    let shown = screen(&a);
    assert!(shown.contains("Pores in a leaf."), "{shown}");
    press(&mut a, "y");
    let card = a.cards.card("my/stomata").expect("a card of its own");
    assert_eq!(card.known, 1);
}

#[test]
fn old_notes_files_load_and_files_without_entries_stay_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app("default", 100, 30);
    let path = lectern::notes::notes_path(dir.path(), &a.doc.meta.id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // A notes file as lectern wrote it before personal entries: no `terms` field.
    let old = format!(
        "Notes(\n    format: 1,\n    article: \"{}\",\n    notes: [],\n)\n",
        a.doc.meta.id
    );
    std::fs::write(&path, &old).unwrap();
    let messages = a.open_storage(dir.path());
    assert!(messages.is_empty(), "{messages:?}");
    assert!(a.notes.read_only().is_none());
    assert!(a.notes.terms().is_empty());
    common::goto(&mut a, 2);
    press(&mut a, "a");
    type_text(&mut a, "a note");
    press(&mut a, "Esc");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("terms"),
        "no field an older lectern would refuse: {text}"
    );
    // With an entry the field is written, and read back the same.
    add(&mut a, "sanctions", "", "Penalties.");
    let file = lectern::notes::read_file(&path).unwrap();
    assert_eq!(file.terms, a.notes.terms());
    assert_eq!(file.notes.len(), 1);
}

#[test]
fn two_lecterns_share_the_entries_as_they_share_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = app("default", 100, 30);
    first.open_storage(dir.path());
    let mut second = app("default", 100, 30);
    second.open_storage(dir.path());
    assert!(
        second.notes.read_only().is_some(),
        "the second one reads only"
    );

    add(&mut first, "sanctions", "", "From the first lectern.");
    // The second cannot add while the first has the notes: it says why, and writes nothing.
    press(&mut second, "D");
    type_text(&mut second, "embargo");
    press(&mut second, "Enter");
    assert!(second.editor().is_none());
    let msg = second.message.clone().unwrap();
    assert!(msg.error && msg.text.contains("read-only"), "{msg:?}");
    // Nor delete the first one's entries, once it sees them.
    assert!(
        second
            .notes
            .delete_term(&second.doc, "my/sanctions")
            .is_err()
    );

    // The first closes; the second takes the notes over, reads the file anew (the first
    // one's entry comes in) and adds its own beside it.
    press(&mut first, "q");
    assert!(first.should_quit);
    drop(first);
    add(&mut second, "embargo", "", "From the second lectern.");
    assert!(second.notes.read_only().is_none());
    for id in ["my/sanctions", "my/embargo"] {
        assert!(second.doc.glossary.index_of(id).is_some(), "{id}");
    }
    let file =
        lectern::notes::read_file(&lectern::notes::notes_path(dir.path(), &second.doc.meta.id))
            .unwrap();
    let terms: Vec<&str> = file.terms.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(terms, ["sanctions", "embargo"]);
}

#[test]
fn the_markdown_export_lists_the_personal_glossary() {
    let mut a = app("default", 100, 30);
    a.export_dir = tempfile::tempdir().unwrap().keep();
    add(
        &mut a,
        "sanctions",
        "sanction, embargo",
        "Penalties.\nOn trade.",
    );
    add(&mut a, "Alliance", "", "A pact.");
    press(&mut a, "E");
    let path = a.export_dir.join(format!("{}-notes.md", a.doc.meta.id));
    let md = std::fs::read_to_string(path).unwrap();
    assert!(
        md.ends_with(
            "## Your glossary\n\n**Alliance**  \n: A pact.\n\n**sanctions** (also: sanction, embargo)  \n: Penalties.\n: On trade.\n\n"
        ),
        "{md}"
    );
}

#[test]
fn adding_an_entry_to_a_book_wraps_only_what_is_shown_and_other_keys_rebuild_nothing() {
    let src = lectern::import::book_markdown(20);
    let doc = lectern::import::parse_markdown(&src).unwrap().doc;
    let blocks = doc.paragraphs.len();
    let mut a = App::new(
        doc,
        lectern::keymap::Keymap::builtin("default").unwrap(),
        lectern::app::Settings::default(),
    );
    a.resize(100, 30);
    common::goto(&mut a, blocks / 2);
    screen(&a);
    let wraps = a.cache.borrow().wrap_count();
    add(&mut a, "sanctions", "", "Penalties.");
    screen(&a);
    let after_add = a.cache.borrow().wrap_count() - wraps;
    assert!(after_add > 0, "the text on screen is marked anew");
    assert!(
        after_add < 60,
        "{after_add} blocks wrapped again of a book of {blocks} paragraphs"
    );
    assert!(blocks > 500, "{blocks}");
    // A key that changes no entry keeps the glossary and every wrapped block.
    let kept = a.cache.borrow().cached_blocks();
    let wraps = a.cache.borrow().wrap_count();
    press(&mut a, "C-l Esc");
    screen(&a);
    assert_eq!(a.cache.borrow().cached_blocks(), kept);
    assert_eq!(a.cache.borrow().wrap_count() - wraps, 0);
}
