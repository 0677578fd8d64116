//! Re-anchoring highlights after the article changed, and their round trip on disk.

use super::*;

/// An article of three paragraphs with these texts (ids p1, p2, p3).
fn article(texts: [&str; 3]) -> Document {
    let body: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("Paragraph(id: \"p{}\", text: {t:?}),", i + 1))
        .collect();
    let src = format!(
        "Article(format: 1, id: \"a\", title: \"T\", authors: [\"Ann Zhang\"], body: [{}])",
        body.join("\n")
    );
    crate::model::load::parse(&src)
        .expect("the test article loads")
        .doc
}

const P1: &str = "The cat sat on the mat. The dog sat on the log.";
const P2: &str = "Rivers carry water to the sea. The sea gives it back as rain.";
const P3: &str = "Nothing else happens here.";

/// A highlight of `quote` (its `nth` occurrence) in paragraph `p` of `doc`.
fn mark(doc: &Document, p: usize, quote: &str, nth: usize) -> Highlight {
    let text = doc.paragraphs[p].plain_text();
    let (at, _) = text.match_indices(quote).nth(nth).unwrap();
    make(&doc.paragraphs[p].id.0, &text, at..at + quote.len(), 2, 7)
}

fn find(doc: &Document, h: &Highlight) -> Option<(usize, String)> {
    let span = locate(doc, h, &mut Texts::new(doc))?;
    let text = doc.paragraphs[span.paragraph].plain_text();
    Some((span.paragraph, text[..span.range.start].to_owned()))
}

#[test]
fn context_is_kept_on_both_sides() {
    let d = article([P1, P2, P3]);
    let h = mark(&d, 0, "sat", 1);
    assert_eq!(h.quote, "sat");
    assert_eq!(h.prefix, "The cat sat on the mat. The dog ");
    assert_eq!(h.prefix.chars().count(), CONTEXT_CHARS);
    assert_eq!(h.suffix, " on the log.");
    assert_eq!(h.colour, 2);
}

#[test]
fn an_edit_before_the_quote_keeps_it_on_the_right_occurrence() {
    let d = article([P1, P2, P3]);
    let h = mark(&d, 0, "sat", 1);
    // Words inserted at the start: the byte offset moved, the second "sat" is still the one.
    let edited = article([
        "Once upon a time, the cat sat on the mat. The dog sat on the log.",
        P2,
        P3,
    ]);
    let (p, before) = find(&edited, &h).unwrap();
    assert_eq!(p, 0);
    assert!(before.ends_with("The dog "), "{before:?}");
}

#[test]
fn the_prefix_and_suffix_choose_between_occurrences() {
    let d = article([P1, P2, P3]);
    let first = mark(&d, 0, "sat", 0);
    let second = mark(&d, 0, "sat", 1);
    // The two halves swap places: each highlight follows its own words.
    let swapped = article(["The dog sat on the log. The cat sat on the mat.", P2, P3]);
    assert_eq!(
        find(&swapped, &first).unwrap().1,
        "The dog sat on the log. The cat "
    );
    assert_eq!(find(&swapped, &second).unwrap().1, "The dog ");
}

#[test]
fn a_quote_moved_to_another_paragraph_is_found_there() {
    let d = article([P1, P2, P3]);
    let h = mark(&d, 1, "carry water to the sea", 0);
    // Its paragraph lost the sentence; the third paragraph has it now.
    let moved = article([
        P1,
        "The sea gives it back as rain.",
        "Rivers carry water to the sea.",
    ]);
    let (p, before) = find(&moved, &h).unwrap();
    assert_eq!((p, before.as_str()), (2, "Rivers "));
}

#[test]
fn a_quote_gone_from_the_article_is_detached() {
    let d = article([P1, P2, P3]);
    let h = mark(&d, 1, "carry water", 0);
    let gone = article([P1, "Rivers bring water to the sea.", P3]);
    assert_eq!(find(&gone, &h), None);
    let mut store = NotesStore::in_memory("a");
    let messages = store.set_highlights(&gone, vec![h.clone()]);
    assert_eq!(store.highlights().len(), 1, "a detached highlight is kept");
    assert_eq!(store.highlights()[0].at, None);
    assert!(store.highlights_in(1).is_empty(), "and not drawn");
    assert!(
        messages.iter().any(|m| m.contains("1 highlight detached")),
        "{messages:?}"
    );
}

#[test]
fn a_found_again_highlight_is_stored_at_its_new_place() {
    let d = article([P1, P2, P3]);
    let h = mark(&d, 1, "carry water to the sea", 0);
    let moved = article([
        P1,
        "The sea gives it back as rain.",
        "Rivers carry water to the sea.",
    ]);
    let mut store = NotesStore::in_memory("a");
    let messages = store.set_highlights(&moved, vec![h]);
    assert!(store.is_dirty());
    let stored = &store.highlights_to_file()[0];
    assert_eq!(stored.paragraph, "p3");
    assert_eq!(stored.prefix, "Rivers ");
    assert_eq!(stored.suffix, ".");
    assert!(
        messages[0].contains("1 highlight found again"),
        "{messages:?}"
    );
}

#[test]
fn highlights_round_trip_and_old_files_without_them_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = article([P1, P2, P3]);
    let (mut store, _) = NotesStore::open(dir.path(), &d);
    let key = store.add_highlight(&d, 1, 7..12, 3, 100).unwrap();
    store
        .set_highlight_note(&d, &key, "why it matters\nline two", 101)
        .unwrap();
    store.save().unwrap();
    drop(store);
    let (again, messages) = NotesStore::open(dir.path(), &d);
    assert!(messages.is_empty(), "{messages:?}");
    let e = &again.highlights()[0];
    assert_eq!(e.highlight.quote, "carry");
    assert_eq!(e.highlight.colour, 3);
    assert_eq!(e.highlight.note, "why it matters\nline two");
    assert_eq!(
        e.at,
        Some(Span {
            paragraph: 1,
            range: 7..12
        })
    );

    let old = "Notes(format: 1, article: \"a\", notes: [])";
    let file = crate::notes::parse(old).expect("a file from before highlights loads");
    assert!(file.highlights.is_empty());
    let text = crate::notes::to_ron(&NotesStore::in_memory("a").to_file()).unwrap();
    assert!(
        !text.contains("highlights"),
        "no highlights, no field: {text}"
    );
}

#[test]
fn delete_and_restore_and_the_same_range_changes_colour() {
    let d = article([P1, P2, P3]);
    let mut store = NotesStore::in_memory("a");
    let key = store.add_highlight(&d, 0, 4..7, 1, 1).unwrap();
    let again = store.add_highlight(&d, 0, 4..7, 4, 2).unwrap();
    assert_eq!(key, again);
    assert_eq!(store.highlights().len(), 1);
    assert_eq!(store.highlights()[0].highlight.colour, 4);
    assert!(store.delete_highlight(&d, &key).unwrap().is_some());
    assert!(store.highlights().is_empty());
    assert!(store.restore_highlight(&d).unwrap().is_some());
    assert_eq!(store.highlights_in(0)[0].highlight.quote, "cat");
    assert!(store.restore_highlight(&d).unwrap().is_none());
}

#[test]
fn the_markdown_export_lists_highlights_at_their_place_and_detached_ones_last() {
    let d = article([P1, P2, P3]);
    let mut store = NotesStore::in_memory("a");
    let key = store.add_highlight(&d, 1, 7..12, 3, 100).unwrap();
    store.set_highlight_note(&d, &key, "a verb", 100).unwrap();
    let mut gone = mark(&d, 2, "else", 0);
    gone.quote = "no longer here".into();
    let mut list = store.highlights_to_file();
    list.push(gone);
    let marked = NotesStore::anchored_highlights(&d, list);
    let md = crate::notes::export::markdown(&d, &[], &marked, &[], &[], 0);
    assert!(
        md.contains("- ==“carry”== (¶2, colour 3)\n  a verb\n"),
        "{md}"
    );
    let detached = md.find("## Detached highlights").expect(&md);
    assert!(
        md[detached..].contains("- ==“no longer here”== (colour 2)"),
        "{md}"
    );
}

#[test]
fn only_so_many_highlights_are_looked_for_in_the_whole_text_per_load() {
    let d = article([P1, P2, P3]);
    let mut h = mark(&d, 1, "carry water", 0);
    h.paragraph = "gone".into();
    let list: Vec<Highlight> = (0..MAX_WHOLE_TEXT + 3)
        .map(|i| Highlight {
            created: i as u64,
            ..h.clone()
        })
        .collect();
    let mut store = NotesStore::in_memory("a");
    store.set_highlights(&d, list);
    let found = store.highlights().iter().filter(|e| e.at.is_some()).count();
    assert_eq!(found, MAX_WHOLE_TEXT);
    assert_eq!(store.highlights().len(), MAX_WHOLE_TEXT + 3, "none dropped");
}

#[test]
fn the_notes_counted_are_on_paragraphs_and_on_highlights() {
    let doc = article(["One two three.", "Four five six.", "Seven eight."]);
    let mut store = NotesStore::in_memory("a");
    store.set(&doc, 0, "on a paragraph", 1).unwrap();
    let highlight = |quote: &str, note: &str| Highlight {
        paragraph: "p2".into(),
        quote: quote.into(),
        prefix: String::new(),
        suffix: String::new(),
        colour: 1,
        note: note.into(),
        created: 2,
        modified: 2,
    };
    store.set_highlights(
        &doc,
        vec![highlight("Four", "on a highlight"), highlight("five", "  ")],
    );
    assert_eq!(
        store.written_notes(),
        2,
        "a highlight without a note is no note"
    );
    assert_eq!(store.to_file().written_notes(), 2);
}
