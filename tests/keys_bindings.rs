//! Every binding of both shipped keymaps, pressed in a state where it applies (see
//! `common::bindings::prepare`), with the action's effect checked; the emacs keymap covers
//! the default one's actions.

mod common;

use common::bindings::{State, is_up, prepare, state};
use common::{app, press};
use lectern::action::{Action, Pane};
use lectern::app::{App, Popup};
use lectern::keymap::{Context, Lookup, key::seq_to_string};
use lectern::layout::Anchor;
use strum::IntoEnumIterator as _;

/// Asserts that `action` had its effect, going from `b` (before) to the app's state.
fn check(app: &App, b: &State, ctx: Context, action: &Action, keys: &str) {
    let a = state(app);
    let what = format!("{keys:?} ({action:?} in {ctx:?})");
    let layout = app.layout();
    let rows = app.text_view().rows;
    match (ctx, action) {
        (_, Action::Quit) => assert!(app.should_quit, "{what}"),
        (Context::Help, Action::Cancel) | (Context::Help, Action::Help) => {
            assert_eq!(a.help, None, "{what}")
        }
        (Context::Help, Action::Scroll(s)) => {
            if is_up(s) {
                assert!(a.help < b.help, "{what}");
            } else {
                assert!(a.help > b.help, "{what}");
            }
        }
        (Context::Help, Action::GoToStart) => assert_eq!(a.help, Some(0), "{what}"),
        (Context::Help, Action::GoToEnd) => assert!(a.help > Some(20), "{what}"),
        (_, Action::Help) => assert_eq!(a.help, Some(0), "{what}"),
        (Context::Popup, Action::Cancel) => assert_eq!(a.popup, None, "{what}"),
        (Context::Popup, _) => check_popup(b, &a, action, &what),
        (Context::Input, _) => check_input(b, &a, action, &what),
        (Context::Review, Action::Cancel) => assert!(app.review().is_none(), "{what}"),
        (Context::Selection, _) => check_selection(app, b, &a, action, &what),
        (Context::Text, Action::SelectText) => assert!(a.selection.is_some(), "{what}"),
        (Context::Text, Action::CopyQuote | Action::SaveQuote) => {
            check_copied(app, *action == Action::SaveQuote, &what)
        }
        (Context::Side, Action::RestoreNote) => {
            assert_eq!(
                app.notes.highlights().len(),
                1,
                "{what}: the highlight is back"
            )
        }
        (Context::Library, _) => check_library(app, action, &what),
        (_, Action::Library) => assert!(app.modals.library().is_some(), "{what}"),
        (_, Action::Cancel) => {
            assert!(
                app.pending.is_empty() && app.message.is_none() && a.popup.is_none(),
                "{what}"
            )
        }
        (_, Action::FocusNext) => assert_eq!(a.focus, Pane::Side, "{what}: text -> side"),
        (_, Action::FocusPrev) => assert_eq!(a.focus, Pane::Outline, "{what}: text -> outline"),
        (_, Action::Focus(p)) => assert_eq!(a.focus, *p, "{what}"),
        (_, Action::TogglePane(Pane::Outline)) => {
            assert_ne!(a.show_outline, b.show_outline, "{what}")
        }
        (_, Action::TogglePane(Pane::Side)) => assert_ne!(a.show_side, b.show_side, "{what}"),
        (_, Action::ToggleTheme) => assert_ne!(a.theme, b.theme, "{what}"),
        (_, Action::ToggleMouse) => assert_ne!(a.mouse, b.mouse, "{what}"),
        (_, Action::Measure(n)) => assert_eq!(
            i32::from(a.measure),
            i32::from(b.measure) + i32::from(*n),
            "{what}"
        ),
        (_, Action::Redraw) => assert!(app.redraw, "{what}"),
        (_, Action::Suspend) => assert!(app.suspend_requested, "{what}"),
        (Context::Text, Action::NextParagraph) => {
            assert_eq!(a.reader.cursor, b.reader.cursor + 1, "{what}")
        }
        (Context::Text, Action::PrevParagraph) => {
            assert_eq!(a.reader.cursor + 1, b.reader.cursor, "{what}")
        }
        (Context::Text, Action::Scroll(s)) => {
            let n = lectern::update::reader::scroll_lines(*s, rows);
            let expected = if n >= 0 {
                layout.down(b.reader.top, n as usize)
            } else {
                layout.up(b.reader.top, n.unsigned_abs() as usize)
            };
            assert_eq!(a.reader.top, layout.clamp_top(expected, rows), "{what}");
            assert_ne!(a.reader.top, b.reader.top, "{what}");
        }
        (Context::Text, Action::GoToStart) => {
            assert_eq!(
                (a.reader.cursor, a.reader.top),
                (0, Anchor::default()),
                "{what}"
            )
        }
        (Context::Text, Action::GoToEnd) => {
            assert_eq!(a.reader.cursor, app.doc.paragraphs.len() - 1, "{what}");
            assert_eq!(a.reader.top, layout.end_top(rows), "{what}");
        }
        (Context::Text, Action::NextSection) => {
            let s = app.doc.paragraphs[b.reader.cursor].section + 1;
            assert_eq!(
                a.reader.cursor, app.doc.sections[s].paragraphs.start,
                "{what}"
            );
        }
        (Context::Text, Action::PrevSection) => {
            let s = app.doc.paragraphs[b.reader.cursor].section;
            assert_eq!(
                a.reader.cursor, app.doc.sections[s].paragraphs.start,
                "{what}"
            );
        }
        (Context::Text, Action::OpenFootnotes | Action::Open) => {
            assert!(matches!(a.popup, Some(Popup::Footnotes { .. })), "{what}")
        }
        (Context::Text, Action::OpenDefinitions) => {
            assert!(matches!(a.popup, Some(Popup::Definitions { .. })), "{what}")
        }
        (Context::Outline, Action::SelectNext) => assert_eq!(a.outline_selected, 4, "{what}"),
        (Context::Outline, Action::SelectPrev) => assert_eq!(a.outline_selected, 2, "{what}"),
        (Context::Outline, Action::SelectFirst) => assert_eq!(a.outline_selected, 0, "{what}"),
        (Context::Outline, Action::SelectLast) => {
            assert_eq!(a.outline_selected, app.doc.sections.len() - 1, "{what}")
        }
        (Context::Outline, Action::Open) => {
            assert_eq!(app.current_section(), 3, "{what}");
            assert_eq!(a.focus, Pane::Text, "{what}");
        }
        (Context::Side, Action::SelectNext) => assert_eq!(a.glossary.selected, 6, "{what}"),
        (Context::Side, Action::SelectPrev) => assert_eq!(a.glossary.selected, 4, "{what}"),
        (Context::Side, Action::SelectFirst) => assert_eq!(a.glossary.selected, 0, "{what}"),
        (Context::Side, Action::SelectLast) => {
            assert_eq!(
                a.glossary.selected,
                app.doc.glossary.entries.len() - 1,
                "{what}"
            )
        }
        (Context::Side, Action::Open) => assert_eq!(a.glossary.detail, Some(0), "{what}"),
        (Context::Side, Action::Back) => assert_eq!(a.glossary.detail, None, "{what}"),
        (Context::Side, Action::Filter) => assert!(a.glossary.filtering, "{what}"),
        (Context::Side, Action::SideNext) => {
            assert_eq!(app.side.view, lectern::app::SideView::Notes, "{what}")
        }
        (Context::Side, Action::SidePrev) => {
            assert_eq!(
                app.side.view,
                lectern::app::SideView::Footnotes,
                "{what}: wraps to the last view"
            )
        }
        (Context::Side, Action::DeleteItem) => assert!(app.confirm().is_some(), "{what}"),
        (Context::Side, Action::AttachNote) => assert_eq!(
            app.notes.note_for(app.reader.cursor).unwrap().note.text,
            "detached text",
            "{what}"
        ),
        (Context::Text, Action::AddTerm) => {
            assert!(app.command().is_some_and(|c| c.term), "{what}")
        }
        (Context::Side, Action::EditTerm) => assert_eq!(
            app.editor().and_then(|e| e.term.clone()).map(|t| t.term),
            Some("zygote".to_owned()),
            "{what}"
        ),
        (Context::Text, Action::EditNote) => assert!(app.editor().is_some(), "{what}"),
        (Context::Text, Action::RestoreNote) => {
            assert_eq!(
                app.notes.note_for(b.reader.cursor).unwrap().note.text,
                "to be restored",
                "{what}"
            )
        }
        (Context::Text, Action::ToggleInlineNotes) => assert!(app.settings.inline_notes, "{what}"),
        (Context::Text, Action::SetBookmark) => {
            assert_eq!(
                app.awaiting(),
                Some(lectern::app::Awaiting::SetBookmark),
                "{what}"
            )
        }
        (Context::Text, Action::JumpBookmark) => {
            assert_eq!(
                app.awaiting(),
                Some(lectern::app::Awaiting::JumpBookmark),
                "{what}"
            )
        }
        (Context::Text, Action::ExportNotes) => {
            let path = app.export_dir.join(format!("{}-notes.md", app.doc.meta.id));
            assert!(path.exists(), "{what}");
            assert!(
                app.message.as_ref().unwrap().text.contains("written to"),
                "{what}"
            );
        }
        (Context::Editor, Action::CloseNote) => {
            assert!(app.editor().is_none(), "{what}");
            assert_eq!(
                app.notes.note_for(b.reader.cursor).unwrap().note.text,
                "typed text",
                "{what}"
            );
        }
        (Context::Editor, Action::SaveNote) => {
            assert!(app.editor().is_some(), "{what}");
            assert_eq!(
                app.notes.note_for(b.reader.cursor).unwrap().note.text,
                "typed text",
                "{what}"
            );
        }
        (Context::Editor, Action::DiscardNote) => assert!(app.confirm().is_some(), "{what}"),
        (Context::Editor, Action::Undo) => {
            assert_eq!(app.editor().unwrap().text(), "", "{what}")
        }
        (Context::Editor, Action::Redo) => {
            assert_eq!(app.editor().unwrap().text(), "typed text", "{what}")
        }
        (_, Action::Search) => assert!(app.prompt().is_some(), "{what}"),
        (_, Action::SearchNext) => {
            assert_eq!(
                a.search_current,
                b.search_current.map(|c| c + 1),
                "{what}: the next match"
            )
        }
        (_, Action::SearchPrev) => {
            assert_eq!(
                a.search_current,
                b.search_current.map(|c| c - 1),
                "{what}: the previous match"
            )
        }
        (_, Action::Review) => assert!(app.review().is_some(), "{what}"),
        (Context::Review, Action::Reveal) => assert!(app.review().unwrap().revealed, "{what}"),
        (Context::Review, Action::Known | Action::NotYet) => {
            let first = &app.doc.glossary.entries[0].id;
            let card = app.cards.card(first).expect("the first card was answered");
            let level = if *action == Action::Known { 1 } else { 0 };
            assert_eq!(card.level, level, "{what}");
            assert_eq!(app.review().unwrap().answered, 1, "{what}");
            assert_ne!(
                app.review().unwrap().entry,
                Some(0),
                "{what}: the next card"
            );
        }
        (Context::Confirm, Action::Yes) => {
            assert!(
                app.confirm().is_none() && app.state.bookmark(&app.doc, 'a').is_none(),
                "{what}"
            )
        }
        (Context::Confirm, Action::No) => {
            assert!(
                app.confirm().is_none() && app.state.bookmark(&app.doc, 'a').is_some(),
                "{what}"
            )
        }
        (_, Action::Command) => assert!(app.command().is_some(), "{what}"),
        (_, Action::FootnoteList) => {
            assert_eq!(
                (a.focus, app.side.view),
                (Pane::Side, lectern::app::SideView::Footnotes),
                "{what}"
            )
        }
        (Context::Text, Action::Count(d)) => {
            // `prepare` typed a 1 before the 0.
            let count = if *d == 0 { 10 } else { u32::from(*d) };
            assert_eq!(app.count, Some(count), "{what}")
        }
        (Context::Text, Action::JumpBack | Action::JumpReturn) => {
            let mid = common::bindings::middle_paragraph(app);
            assert_eq!(a.reader.cursor, mid, "{what}: back from the end")
        }
        (Context::Text, Action::JumpForward) => {
            assert_eq!(a.reader.cursor, app.doc.paragraphs.len() - 1, "{what}")
        }
        other => panic!("no check written for {other:?}: add one ({what})"),
    }
}

/// A selection's key: its end moved the right way, or the selection was used and closed.
fn check_selection(app: &App, b: &State, a: &State, action: &Action, what: &str) {
    let before = b.selection.expect("prepare opened a selection").head;
    match action {
        Action::SelectWordForward
        | Action::SelectWordEnd
        | Action::SelectSentenceForward
        | Action::SelectParagraphDown => {
            assert!(a.selection.unwrap().head > before, "{what}")
        }
        Action::SelectWordBack | Action::SelectSentenceBack | Action::SelectParagraphUp => {
            assert!(a.selection.unwrap().head < before, "{what}")
        }
        Action::Highlight(n) => {
            assert!(a.selection.is_none(), "{what}");
            let made = app.notes.highlights();
            assert_eq!(made.len(), 1, "{what}");
            assert_eq!(made[0].highlight.colour, *n, "{what}");
        }
        Action::NoteHighlight => {
            assert_eq!(app.notes.highlights().len(), 1, "{what}");
            assert!(app.editor().unwrap().highlight.is_some(), "{what}");
        }
        Action::CopyQuote | Action::SaveQuote => {
            assert!(a.selection.is_none(), "{what}");
            check_copied(app, *action == Action::SaveQuote, what);
        }
        Action::Cancel => assert!(a.selection.is_none(), "{what}"),
        Action::AddTerm => {
            assert!(a.selection.is_none(), "{what}: the selection is closed");
            let c = app.command().expect("the term prompt is open");
            let para = app.doc.paragraphs[app.reader.cursor].plain_text();
            assert!(
                c.term && c.text.len() > 3 && para.starts_with(&c.text[..3]),
                "{what}: the prompt holds the selected words: {:?}",
                c.text
            );
        }
        other => panic!("{what}: no check for {other:?}"),
    }
}

/// A quotation went to the outbox for the clipboard (and, saved, into the quotes file).
fn check_copied(app: &App, saved: bool, what: &str) {
    let [lectern::app::TermCommand::CopyToClipboard(text)] = app.outbox.as_slice() else {
        panic!("{what}: one clipboard command, not {:?}", app.outbox);
    };
    assert!(
        text.starts_with('“') && text.contains("” ("),
        "{what}: {text}"
    );
    if saved {
        let path = lectern::update::selection::quotes_path(app);
        let file = std::fs::read_to_string(&path).unwrap();
        assert!(file.contains(text.as_str()), "{what}: {}", path.display());
    }
}

fn check_popup(b: &State, a: &State, action: &Action, what: &str) {
    match (&b.popup, &a.popup, action) {
        (
            Some(Popup::Footnotes { index: i0, .. }),
            Some(Popup::Footnotes { index, .. }),
            Action::SelectNext,
        ) => {
            assert_eq!(*index, i0 + 1, "{what}")
        }
        (
            Some(Popup::Footnotes { numbers, .. }),
            Some(Popup::Footnotes { index, .. }),
            Action::SelectPrev,
        ) => {
            assert_eq!(*index, numbers.len() - 1, "{what}: wraps around")
        }
        (_, Some(Popup::Footnotes { numbers, index, .. }), Action::Digit(0)) => {
            assert_eq!(numbers[*index], 10, "{what}")
        }
        (_, Some(Popup::Definitions { stack, .. }), Action::Digit(d)) => {
            assert_eq!(stack.last().unwrap().1, usize::from(*d) - 1, "{what}")
        }
        (_, Some(Popup::Definitions { stack, .. }), Action::Open) => {
            assert_eq!(stack.len(), 2, "{what}")
        }
        (_, Some(Popup::Definitions { stack, .. }), Action::Back) => {
            assert_eq!(stack.len(), 1, "{what}")
        }
        (
            Some(Popup::Definitions { scroll: s0, .. }),
            Some(Popup::Definitions { scroll, .. }),
            Action::Scroll(s),
        ) => {
            if is_up(s) {
                assert!(scroll < s0, "{what}");
            } else {
                assert!(scroll > s0, "{what}");
            }
        }
        (before, after, _) => panic!("{what}: no effect checked for {before:?} -> {after:?}"),
    }
}

fn check_library(app: &App, action: &Action, what: &str) {
    use lectern::app::library::LibraryInput;
    if *action == Action::Cancel {
        assert!(app.modals.library().is_none(), "{what}");
        return;
    }
    if *action == Action::Open {
        assert!(app.open_next.is_some() && app.should_quit, "{what}");
        return;
    }
    let screen = app.modals.library().expect("the library is open");
    match action {
        Action::SelectNext => assert_eq!(screen.selected, 2, "{what}"),
        Action::SelectPrev | Action::SelectFirst => assert_eq!(screen.selected, 0, "{what}"),
        Action::SelectLast => assert_eq!(screen.selected, screen.shown.len() - 1, "{what}"),
        Action::Filter => assert_eq!(screen.input, Some(LibraryInput::Filter), "{what}"),
        Action::TagArticle => assert_eq!(screen.input, Some(LibraryInput::Tag), "{what}"),
        Action::NextTag => {
            assert_eq!(screen.tag.as_deref(), Some("week1"), "{what}");
            assert_eq!(screen.shown.len(), 1, "{what}");
        }
        other => panic!("{what}: no check for {other:?}"),
    }
}

fn check_input(b: &State, a: &State, action: &Action, what: &str) {
    match action {
        Action::DeleteChar => assert_eq!(a.glossary.filter, "k", "{what}"),
        Action::ClearInput => assert_eq!(a.glossary.filter, "", "{what}"),
        Action::Cancel => assert!(
            !a.glossary.filtering && a.glossary.filter.is_empty(),
            "{what}"
        ),
        Action::Open => assert!(!a.glossary.filtering && a.glossary.filter == "ko", "{what}"),
        Action::SelectNext => assert_eq!(a.glossary.selected, b.glossary.selected + 1, "{what}"),
        Action::SelectPrev => assert_eq!(a.glossary.selected + 1, b.glossary.selected, "{what}"),
        other => panic!("{what}: no check for {other:?}"),
    }
}

#[test]
fn every_binding_of_both_keymaps_does_its_job() {
    for name in ["default", "emacs"] {
        let reference = app(name, 120, 40);
        let mut checked = 0;
        for ctx in Context::iter() {
            for (seq, action) in reference.keymap.bindings(ctx) {
                let keys = seq_to_string(seq);
                let mut a = app(name, 120, 40);
                prepare(&mut a, ctx, action);
                if ctx == Context::Global {
                    // Reach it from a pane whose own context does not shadow it.
                    let pane = [Pane::Text, Pane::Outline, Pane::Side]
                        .into_iter()
                        .find(|p| {
                            a.focus = *p;
                            a.keymap.lookup(&a.layers(), seq) == Lookup::Matched(action.clone())
                        })
                        .unwrap_or_else(|| {
                            panic!("{name}: global {keys:?} is shadowed in every pane")
                        });
                    lectern::update::set_focus(&mut a, pane);
                    if matches!(action, Action::FocusNext | Action::FocusPrev) {
                        a.focus = Pane::Text;
                    }
                }
                assert_eq!(
                    a.keymap.lookup(&a.layers(), seq),
                    Lookup::Matched(action.clone()),
                    "{name}: {keys:?} does not reach {action:?} in {ctx:?}"
                );
                let before = state(&a);
                press(&mut a, &keys);
                check(&a, &before, ctx, action, &format!("{name} {keys}"));
                checked += 1;
            }
        }
        assert!(checked > 100, "{name}: only {checked} bindings");
    }
}

#[test]
fn emacs_keymap_covers_every_action_of_the_default_one() {
    let d = app("default", 80, 24);
    let e = app("emacs", 80, 24);
    for ctx in Context::iter() {
        for (_, action) in d.keymap.bindings(ctx) {
            assert!(
                !e.keymap.keys_for(ctx, action).is_empty(),
                "emacs keymap has no key for {action:?} in {ctx:?}"
            );
        }
    }
}
