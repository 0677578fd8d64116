//! Selecting text from the keyboard, highlighting it, the highlights list, copying a
//! quotation: key sequences on the app, what is drawn, what is saved.

mod common;

use common::{app, goto, press, render, screen};
use lectern::app::{App, ModalKind, SideView, TermCommand};
use ratatui::style::Modifier;

/// A prose paragraph of two sentences or more, without footnotes, in a numbered section.
fn prose(app: &App) -> usize {
    (0..app.doc.paragraphs.len())
        .find(|&p| {
            let para = &app.doc.paragraphs[p];
            let text = para.plain_text();
            para.footnote_refs().next().is_none()
                && text.matches(". ").count() >= 2
                && text.len() > 300
                && !app.doc.sections[para.section].number.is_empty()
        })
        .expect("such a paragraph")
}

fn words(app: &App, p: usize, n: usize) -> String {
    let text = app.doc.paragraphs[p].plain_text();
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn status(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn v_starts_at_the_first_word_w_extends_and_h_highlights() {
    let mut a = app("default", 120, 40);
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v");
    assert!(a.has_modal(ModalKind::Selection));
    assert!(
        status(&a).starts_with("Selected 1 word, 1 paragraph"),
        "{}",
        status(&a)
    );
    press(&mut a, "w w");
    assert!(
        status(&a).starts_with("Selected 3 words, 1 paragraph"),
        "{}",
        status(&a)
    );
    press(&mut a, "b");
    assert!(status(&a).starts_with("Selected 2 words"), "{}", status(&a));
    press(&mut a, "h");
    assert!(
        !a.has_modal(ModalKind::Selection),
        "highlighting ends the selection"
    );
    let marked = a.notes.highlights_in(p);
    assert_eq!(marked.len(), 1);
    let first_two = words(&a, p, 2);
    assert_eq!(
        marked[0].highlight.quote,
        first_two.trim_end_matches([',', '.'])
    );
    assert_eq!(marked[0].highlight.colour, 1);
    assert_eq!(status(&a), "Highlighted in colour 1");
}

#[test]
fn digits_are_colours_in_a_selection_and_esc_cancels() {
    let mut a = app("default", 120, 40);
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v ) 3");
    let marked = a.notes.highlights_in(p);
    assert_eq!(marked.len(), 1);
    assert_eq!(
        marked[0].highlight.colour, 3,
        "3 is a colour, not a count or a pane"
    );
    assert!(
        marked[0].highlight.quote.ends_with('.'),
        "a sentence: {:?}",
        marked[0].highlight.quote
    );
    assert_eq!(a.focus, lectern::action::Pane::Text);
    press(&mut a, "v w Esc");
    assert!(!a.has_modal(ModalKind::Selection));
    assert_eq!(a.notes.highlights().len(), 1, "Esc highlights nothing");
}

#[test]
fn j_extends_over_paragraphs_and_the_view_keeps_the_moving_end_on_screen() {
    let mut a = app("default", 80, 14);
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v");
    for _ in 0..6 {
        press(&mut a, "j");
        let head = a.modals.selection().unwrap().head;
        assert_eq!(
            a.reader.cursor, head.paragraph,
            "the current paragraph follows the end"
        );
        let item = a.flow.paragraph_item[head.paragraph];
        let rows = a.text_view().rows;
        let visible = a.layout().visible(a.reader.top, rows);
        let block = a.layout().block(item);
        let line = block
            .lines
            .iter()
            .position(|l| l.segments.iter().any(|s| s.src.contains(&head.offset)))
            .unwrap();
        assert!(
            visible.iter().any(|v| v.item == item && v.line == line),
            "the line with the selection's end is on screen"
        );
    }
    let sel = *a.modals.selection().unwrap();
    let paragraphs = sel.head.paragraph - p + 1;
    assert!(
        status(&a).contains(&format!("{paragraphs} paragraphs")),
        "{}",
        status(&a)
    );
    press(&mut a, "2");
    assert_eq!(
        a.notes.highlights().len(),
        paragraphs,
        "one highlight per paragraph"
    );
    assert!(status(&a).contains("(one per paragraph)"), "{}", status(&a));
}

#[test]
fn a_on_a_selection_writes_a_note_on_the_highlight_not_the_paragraph() {
    let mut a = app("default", 120, 40);
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v w a");
    a.modals
        .editor_mut()
        .unwrap()
        .insert_str("why this matters");
    press(&mut a, "Esc");
    assert!(a.editor().is_none());
    assert_eq!(
        a.notes.highlights_in(p)[0].highlight.note,
        "why this matters"
    );
    assert!(a.notes.note_for(p).is_none(), "the paragraph has no note");
    assert_eq!(status(&a), "Highlight note saved");
    // A note on words highlighted already keeps their colour.
    press(&mut a, "v 3 v a");
    assert_eq!(
        a.notes
            .highlights_in(p)
            .iter()
            .map(|e| e.highlight.colour)
            .max(),
        Some(3)
    );
    assert_eq!(a.notes.highlights_in(p).len(), 2);
}

#[test]
fn highlights_and_the_selection_are_drawn_and_visible_without_colour() {
    let mut a = app("default", 120, 40);
    a.settings.no_color = true;
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v w h");
    let quote = a.notes.highlights_in(p)[0].highlight.quote.clone();
    press(&mut a, "v");
    let buf = render(&a);
    let styled = |m: Modifier| -> String {
        buf.content()
            .iter()
            .filter(|c| c.modifier.contains(m))
            .map(|c| c.symbol())
            .collect()
    };
    let highlighted = styled(Modifier::UNDERLINED | Modifier::ITALIC);
    assert!(
        highlighted.contains(&quote.replace(' ', "")) || highlighted.contains(&quote),
        "{highlighted:?} has {quote:?}"
    );
    // The selection (the first word) is reversed; the status bar is reversed too.
    let first = words(&a, p, 1);
    assert!(styled(Modifier::REVERSED).contains(first.trim_end_matches([',', '.'])));
}

#[test]
fn the_highlights_view_lists_jumps_deletes_and_restores() {
    let mut a = app("default", 160, 40);
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v w w 2");
    a.notes
        .set_highlight_note(
            &a.doc,
            &a.notes.highlights()[0].highlight.key(),
            "a note on it",
            1,
        )
        .unwrap();
    goto(&mut a, 0);
    a.focus = lectern::action::Pane::Side;
    a.side.view = SideView::Highlights;
    a.message = None;
    insta::assert_snapshot!("highlights_view_160x40", screen(&a));
    press(&mut a, "Enter");
    assert_eq!((a.reader.cursor, a.focus), (p, lectern::action::Pane::Text));
    a.focus = lectern::action::Pane::Side;
    press(&mut a, "d");
    assert!(a.notes.highlights().is_empty());
    assert!(status(&a).contains("u brings it back"), "{}", status(&a));
    press(&mut a, "u");
    assert_eq!(a.notes.highlights()[0].highlight.note, "a note on it");
}

#[test]
fn highlights_are_saved_with_the_notes_and_drawn_after_reopening() {
    let data = tempfile::tempdir().unwrap();
    let mut a = app("default", 120, 40);
    a.open_storage(data.path());
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v e e 4 q");
    assert!(a.should_quit);
    let text =
        std::fs::read_to_string(lectern::notes::notes_path(data.path(), &a.doc.meta.id)).unwrap();
    assert!(text.contains("highlights: ["), "{text}");
    drop(a); // gives the lock back
    let mut b = app("default", 120, 40);
    let messages = b.open_storage(data.path());
    assert!(messages.is_empty(), "{messages:?}");
    let marked = b.notes.highlights_in(p);
    assert_eq!((marked.len(), marked[0].highlight.colour), (1, 4));
}

#[test]
fn y_copies_the_paragraph_or_the_selection_with_its_citation_and_capital_y_keeps_it() {
    let data = tempfile::tempdir().unwrap();
    let mut a = app("default", 120, 40);
    a.open_storage(data.path());
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "y");
    let place = a.doc.place_label(p);
    let [TermCommand::CopyToClipboard(all)] = a.outbox.as_slice() else {
        panic!("{:?}", a.outbox)
    };
    assert!(all.starts_with(&format!("“{}", words(&a, p, 3))), "{all}");
    assert!(all.ends_with(&format!("{place})")), "{all}");
    assert!(
        status(&a).contains("OSC 52") && status(&a).contains("tmux"),
        "{}",
        status(&a)
    );
    a.outbox.clear();
    press(&mut a, "v w Y");
    let [TermCommand::CopyToClipboard(two)] = a.outbox.as_slice() else {
        panic!("{:?}", a.outbox)
    };
    let two = two.clone();
    assert!(
        two.starts_with(&format!(
            "“{}”",
            words(&a, p, 2).trim_end_matches([',', '.'])
        )),
        "{two}"
    );
    let file = data
        .path()
        .join("quotes")
        .join(format!("{}.md", a.doc.meta.id));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), format!("{two}\n"));
    assert!(
        status(&a).contains(&file.display().to_string()),
        "{}",
        status(&a)
    );
    press(&mut a, "Y");
    let again = std::fs::read_to_string(&file).unwrap();
    assert!(
        again.starts_with(&format!("{two}\n\n“")),
        "added at the end: {again}"
    );
}

#[test]
fn moving_to_another_pane_ends_the_selection() {
    let mut a = app("default", 160, 40);
    let p = prose(&a);
    goto(&mut a, p);
    press(&mut a, "v w Tab");
    assert!(!a.has_modal(ModalKind::Selection));
    assert_eq!(a.focus, lectern::action::Pane::Side);
    press(&mut a, "j");
    assert_eq!(a.side.current().selected, 1, "j is the list's again");
}
