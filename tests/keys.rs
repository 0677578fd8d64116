//! Key-sequence tests: keys drive `App` and the tests assert the state they leave.
//! `every_binding_of_both_keymaps_does_its_job` presses every binding of both shipped
//! keymaps in a state where it applies and checks the action's effect.

mod common;

use common::{app, goto, paragraph_with_footnotes, press, terms_in};
use lectern::action::{Action, Pane, Scroll};
use lectern::app::{App, ListPane, Popup, Reader, SideView};
use lectern::keymap::{Context, Lookup, key::seq_to_string};
use lectern::layout::Anchor;
use lectern::ui::theme::ThemeKind;

/// The parts of the state an action may change.
#[derive(Clone, Debug, PartialEq)]
struct State {
    reader: Reader,
    focus: Pane,
    outline_selected: usize,
    glossary: ListPane,
    popup: Option<Popup>,
    help: Option<usize>,
    measure: u16,
    theme: ThemeKind,
    mouse: bool,
    show_outline: bool,
    show_side: bool,
    search_current: Option<usize>,
}

fn state(app: &App) -> State {
    State {
        reader: app.reader,
        focus: app.focus,
        outline_selected: app.outline_selected,
        glossary: app.side[SideView::Glossary].clone(),
        popup: app.popup.clone(),
        help: app.help(),
        measure: app.settings.measure,
        theme: app.settings.theme,
        mouse: app.settings.mouse,
        show_outline: app.settings.show_outline,
        show_side: app.settings.show_side,
        search_current: app.search.as_ref().and_then(|s| s.current),
    }
}

/// A paragraph in the middle of a section, with footnotes and glossary terms.
fn middle_paragraph(app: &App) -> usize {
    (1..app.doc.paragraphs.len())
        .find(|&p| {
            let para = &app.doc.paragraphs[p];
            let section = &app.doc.sections[para.section];
            p > section.paragraphs.start + 1
                && p + 1 < section.paragraphs.end
                && para.footnote_refs().next().is_some()
                && !terms_in(app, p).is_empty()
        })
        .expect("such a paragraph")
}

/// The paragraph with the most glossary terms (at least nine, for digits 1-9).
fn many_terms(app: &App) -> usize {
    let p = (0..app.doc.paragraphs.len())
        .max_by_key(|&p| terms_in(app, p).len())
        .unwrap();
    assert!(terms_in(app, p).len() >= 9);
    p
}

/// Brings the app into a state where `action`, bound in `ctx`, has a visible effect.
fn prepare(app: &mut App, ctx: Context, action: &Action) {
    let mid = middle_paragraph(app);
    goto(app, mid);
    match ctx {
        Context::Global | Context::Text => app.focus = Pane::Text,
        Context::Outline => {
            lectern::update::set_focus(app, Pane::Outline);
            app.outline_selected = 3;
        }
        Context::Side => {
            app.focus = Pane::Side;
            app.side[SideView::Glossary].selected = 5;
            if *action == Action::Back {
                app.side[SideView::Glossary].detail = Some(1);
            }
        }
        Context::Input => {
            app.focus = Pane::Side;
            app.side[SideView::Glossary].filtering = true;
            app.side[SideView::Glossary].filter = "ko".into();
            if *action == Action::SelectPrev {
                app.side[SideView::Glossary].selected = 1;
            }
        }
        Context::Help => {
            app.resize(80, 24);
            app.modals.open(lectern::app::Modal::Help(match action {
                Action::Scroll(s) if is_up(s) => 10,
                Action::GoToStart => 10,
                _ => 0,
            }));
        }
        Context::Popup => prepare_popup(app, action),
        Context::Editor => {
            lectern::update::notes::edit(app);
            let ed = app.modals.editor_mut().unwrap();
            ed.textarea.insert_str("typed text");
            if *action == Action::Redo {
                ed.textarea.undo();
            }
        }
        Context::Review => {
            lectern::update::search::start_review(app);
            if matches!(action, Action::Known | Action::NotYet) {
                lectern::update::update(app, Action::Reveal);
            }
        }
        Context::Confirm => {
            app.state.set_bookmark(&app.doc, 'a', 2);
            app.modals
                .open(lectern::app::Modal::Confirm(lectern::app::Confirm {
                    question: "Delete bookmark a?".into(),
                    on_yes: lectern::app::ConfirmAction::DeleteBookmark('a'),
                }));
        }
    }
    match (ctx, action) {
        (Context::Global, Action::SearchNext | Action::SearchPrev) => {
            lectern::update::search::start(app);
            for c in "dprk".chars() {
                lectern::update::type_char(app, c);
            }
            lectern::update::update(app, Action::Open);
            assert!(app.search.as_ref().unwrap().current.is_some());
        }
        (Context::Text, Action::RestoreNote) => {
            let p = app.reader.cursor;
            app.notes.set(&app.doc, p, "to be restored", 1).unwrap();
            app.notes.set(&app.doc, p, "", 2).unwrap();
        }
        (Context::Side, Action::DeleteItem) => {
            app.notes.set(&app.doc, 1, "a note to delete", 1).unwrap();
            app.side.view = lectern::app::SideView::Notes;
            app.side[SideView::Notes].selected = 0;
        }
        _ => {}
    }
    if *action == Action::GoToStart && ctx == Context::Text {
        goto(app, mid);
    }
    if matches!(
        action,
        Action::Focus(Pane::Side) | Action::TogglePane(Pane::Side)
    ) {
        // Wide enough for the side pane.
        app.resize(160, 40);
    }
}

fn is_up(s: &Scroll) -> bool {
    matches!(s, Scroll::Lines(n) | Scroll::HalfPages(n) | Scroll::Pages(n) if *n < 0)
}

fn prepare_popup(app: &mut App, action: &Action) {
    match action {
        Action::Digit(0) => {
            let p = paragraph_with_footnotes(app, |f| f.contains(&10) && f.len() > 1);
            goto(app, p);
            lectern::update::reader::open_footnotes(app);
            app.handle_key("1".parse().unwrap());
        }
        Action::Digit(_) | Action::Open | Action::Back => {
            let p = many_terms(app);
            goto(app, p);
            lectern::update::reader::open_definitions(app);
            if *action == Action::Back {
                lectern::update::update(app, Action::Open);
            }
        }
        Action::Scroll(s) => {
            // A small screen, so the definitions scroll.
            app.resize(60, 16);
            let p = many_terms(app);
            goto(app, p);
            lectern::update::reader::open_definitions(app);
            if is_up(s) {
                lectern::update::update(app, Action::Scroll(Scroll::Pages(5)));
            }
        }
        _ => {
            let p = paragraph_with_footnotes(app, |f| f.len() >= 3);
            goto(app, p);
            lectern::update::reader::open_footnotes(app);
        }
    }
}

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
                lectern::app::SideView::Results,
                "{what}: wraps to the last view"
            )
        }
        (Context::Side, Action::DeleteItem) => assert!(app.confirm().is_some(), "{what}"),
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
        other => panic!("no check written for {other:?}: add one ({what})"),
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
        for ctx in [
            Context::Global,
            Context::Text,
            Context::Outline,
            Context::Side,
            Context::Popup,
            Context::Help,
            Context::Input,
            Context::Editor,
            Context::Confirm,
            Context::Review,
        ] {
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
    for ctx in [
        Context::Global,
        Context::Text,
        Context::Outline,
        Context::Side,
        Context::Popup,
        Context::Help,
        Context::Input,
    ] {
        for (_, action) in d.keymap.bindings(ctx) {
            assert!(
                !e.keymap.keys_for(ctx, action).is_empty(),
                "emacs keymap has no key for {action:?} in {ctx:?}"
            );
        }
    }
}

#[test]
fn a_multi_key_binding_waits_and_shows_its_keys() {
    let mut a = app("default", 100, 30);
    press(&mut a, "G");
    press(&mut a, "g");
    assert_eq!(a.pending.len(), 1);
    assert!(
        common::screen(&a).lines().last().unwrap().contains("g "),
        "status shows the pending key"
    );
    press(&mut a, "g");
    assert!(a.pending.is_empty());
    assert_eq!(a.reader.cursor, 0);
    press(&mut a, "g x");
    assert!(a.pending.is_empty());
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("g x is not bound")
    );
}

#[test]
fn moving_by_paragraph_keeps_the_current_paragraph_on_screen() {
    let mut a = app("default", 80, 24);
    let last = a.doc.paragraphs.len() - 1;
    for _ in 0..last {
        press(&mut a, "j");
        let item = a.flow.paragraph_item[a.reader.cursor];
        let visible = a.layout().visible(a.reader.top, a.text_view().rows);
        assert!(
            visible.iter().any(|v| v.item == item && v.line == 0),
            "start of {} shown",
            a.reader.cursor
        );
    }
    assert_eq!(a.reader.cursor, last);
    press(&mut a, "j");
    assert_eq!(a.reader.cursor, last);
    assert_eq!(a.message.as_ref().unwrap().text, "Last paragraph");
    for _ in 0..last {
        press(&mut a, "k");
    }
    assert_eq!(a.reader.cursor, 0);
}

#[test]
fn line_scrolling_moves_the_cursor_only_when_its_paragraph_leaves_the_view() {
    let mut a = app("default", 80, 24);
    press(&mut a, "j");
    let cursor = a.reader.cursor;
    press(&mut a, "C-e");
    assert_eq!(a.reader.cursor, cursor, "still visible");
    for _ in 0..200 {
        press(&mut a, "C-e");
    }
    let visible = a.layout().visible(a.reader.top, a.text_view().rows);
    let item = a.flow.paragraph_item[a.reader.cursor];
    assert!(
        visible.iter().any(|v| v.item == item),
        "the cursor follows the view"
    );
    assert!(a.reader.cursor > cursor);
}

#[test]
fn pages_reach_the_end_and_come_back() {
    let mut a = app("default", 80, 24);
    for _ in 0..500 {
        press(&mut a, "Space");
    }
    assert_eq!(a.reader.cursor, a.doc.paragraphs.len() - 1);
    assert_eq!(lectern::ui::statusbar::percent(&a), 100);
    for _ in 0..500 {
        press(&mut a, "b");
    }
    assert_eq!(a.reader.top, Anchor::default());
    assert_eq!(a.reader.cursor, 0);
}

#[test]
fn sections_forward_and_back() {
    let mut a = app("default", 100, 30);
    let n = a.doc.sections.len();
    for s in 1..n {
        press(&mut a, "]");
        assert_eq!(a.current_section(), s);
        assert_eq!(
            a.reader.top,
            Anchor {
                item: a.flow.section_item[s],
                line: 0
            }
            .min(a.layout().end_top(a.text_view().rows))
        );
    }
    press(&mut a, "]");
    assert_eq!(a.message.as_ref().unwrap().text, "Last section");
    // In a section of several paragraphs, `[` goes to its start first, then further back.
    press(&mut a, "[");
    assert_eq!(a.current_section(), n - 2);
    press(&mut a, "j");
    press(&mut a, "j");
    press(&mut a, "[");
    assert_eq!(a.current_section(), n - 2);
    assert_eq!(a.reader.cursor, a.doc.sections[n - 2].paragraphs.start);
    press(&mut a, "[");
    assert_eq!(a.current_section(), n - 3);
}

#[test]
fn footnote_popup_moves_between_footnotes_and_keeps_the_reading_position() {
    let mut a = app("default", 100, 30);
    let p = paragraph_with_footnotes(&a, |f| f == [8, 9, 10]);
    goto(&mut a, p);
    let reader = a.reader;
    press(&mut a, "f");
    let shown = |a: &App| match &a.popup {
        Some(Popup::Footnotes { numbers, index, .. }) => numbers[*index],
        other => panic!("{other:?}"),
    };
    assert_eq!(shown(&a), 8);
    assert!(common::screen(&a).contains("Footnote 8 (1 of 3)"));
    assert!(common::screen(&a).contains("Saphora Smith"));
    press(&mut a, "n");
    assert_eq!(shown(&a), 9);
    press(&mut a, "1 0");
    assert_eq!(shown(&a), 10);
    press(&mut a, "8");
    assert_eq!(shown(&a), 8);
    press(&mut a, "5");
    assert_eq!(shown(&a), 8);
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "No footnote 5 in this paragraph"
    );
    press(&mut a, "q");
    assert!(a.popup.is_none());
    assert_eq!(a.reader, reader);
    assert!(!a.should_quit, "q closes the popup, not lectern");
}

#[test]
fn definitions_popup_follows_see_also_and_back() {
    let mut a = app("default", 100, 30);
    let dprk = a.doc.glossary.index_of("dprk").unwrap();
    let p = (0..a.doc.paragraphs.len())
        .find(|&p| terms_in(&a, p).first() == Some(&dprk))
        .unwrap();
    goto(&mut a, p);
    press(&mut a, "d");
    assert!(common::screen(&a).contains("Democratic People's Republic of Korea"));
    press(&mut a, "Enter");
    let see = &a.doc.glossary.entries[dprk].see_also;
    match &a.popup {
        Some(Popup::Definitions { stack, .. }) => assert_eq!(&stack[1].0, see),
        other => panic!("{other:?}"),
    }
    let screen = common::screen(&a);
    assert!(screen.contains("See also of DPRK"), "{screen}");
    assert!(screen.contains("Republic of Korea, the state in the southern half"));
    press(&mut a, "Backspace");
    match &a.popup {
        Some(Popup::Definitions { stack, .. }) => assert_eq!(stack.len(), 1),
        other => panic!("{other:?}"),
    }
    press(&mut a, "Esc");
    assert!(a.popup.is_none());
}

#[test]
fn no_footnotes_or_terms_is_said_plainly() {
    let mut a = app("default", 100, 30);
    let p = paragraph_with_footnotes(&a, |f| f.is_empty());
    goto(&mut a, p);
    press(&mut a, "f");
    assert!(a.popup.is_none());
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "No footnotes in this paragraph"
    );
}

#[test]
fn glossary_pane_filters_as_you_type_and_jumps_to_an_occurrence() {
    let mut a = app("default", 160, 40);
    press(&mut a, "3");
    assert_eq!(a.focus, Pane::Side);
    press(&mut a, "/");
    for c in ["y", "o", "n", "g"] {
        press(&mut a, c);
    }
    assert_eq!(a.side[SideView::Glossary].filter, "yong");
    let names: Vec<&str> = a
        .filtered_entries()
        .iter()
        .map(|&e| a.doc.glossary.entries[e].term.as_str())
        .collect();
    assert_eq!(
        names,
        ["DPRK", "Choe Ryong Hae", "Yongbyon", "Yongbyon + X"],
        "aliases count: Pyongyang"
    );
    press(&mut a, "b");
    let names: Vec<&str> = a
        .filtered_entries()
        .iter()
        .map(|&e| a.doc.glossary.entries[e].term.as_str())
        .collect();
    assert_eq!(names, ["Yongbyon", "Yongbyon + X"]);
    press(&mut a, "Enter");
    assert!(!a.side[SideView::Glossary].filtering);
    press(&mut a, "Enter");
    assert_eq!(a.side[SideView::Glossary].detail, Some(0));
    press(&mut a, "j");
    assert_eq!(a.side[SideView::Glossary].detail, Some(1));
    let target = a.occurrences()[a.filtered_entries()[0]][1].paragraph;
    press(&mut a, "Enter");
    assert_eq!(a.focus, Pane::Text);
    assert_eq!(a.reader.cursor, target);
    assert!(a.doc.paragraphs[target].plain_text().contains("Yongbyon"));
}

#[test]
fn outline_enter_jumps_to_a_section() {
    let mut a = app("default", 120, 40);
    press(&mut a, "1");
    assert_eq!(a.focus, Pane::Outline);
    press(&mut a, "G");
    press(&mut a, "k");
    press(&mut a, "Enter");
    assert_eq!(a.current_section(), a.doc.sections.len() - 2);
    assert_eq!(a.focus, Pane::Text);
}

#[test]
fn tab_cycles_through_the_panes_on_screen() {
    let mut a = app("default", 160, 40);
    let mut seen = vec![a.focus];
    for _ in 0..3 {
        press(&mut a, "Tab");
        seen.push(a.focus);
    }
    assert_eq!(seen, [Pane::Text, Pane::Side, Pane::Outline, Pane::Text]);
    press(&mut a, "S-Tab");
    assert_eq!(a.focus, Pane::Outline);
    // At 60 columns only the text fits: the other panes take its place while focused.
    let mut a = app("default", 60, 20);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Pane::Side);
    assert_eq!(a.panes().overlay, Some(Pane::Side));
    assert_eq!(a.panes().side, Some(a.panes().text));
    assert!(common::screen(&a).contains("Glossary"));
    press(&mut a, "1");
    assert_eq!(a.panes().overlay, Some(Pane::Outline));
    press(&mut a, "2");
    assert_eq!(a.panes().overlay, None);
}

#[test]
fn help_lists_every_binding_with_its_doc_line() {
    let mut a = app("default", 120, 40);
    press(&mut a, "?");
    let rows = lectern::ui::help::entries(&a.keymap);
    let all: usize = rows.iter().map(|(_, r)| r.len()).sum();
    assert!(all > 50);
    let text = common::screen(&a);
    assert!(text.contains("Go to the next paragraph"));
    assert!(text.contains("j  Down"));
    press(&mut a, "Esc");
    assert!(a.help().is_none());
}

#[test]
fn bookmarks_set_with_m_and_jump_back_with_quote() {
    let mut a = app("default", 160, 40);
    press(&mut a, "j j j");
    press(&mut a, "m");
    assert_eq!(a.awaiting(), Some(lectern::app::Awaiting::SetBookmark));
    press(&mut a, "b");
    assert_eq!(a.message.as_ref().unwrap().text, "Bookmark b set");
    press(&mut a, "G");
    press(&mut a, "' b");
    assert_eq!(a.reader.cursor, 3);
    press(&mut a, "' z");
    assert_eq!(a.message.as_ref().unwrap().text, "No bookmark z");
    press(&mut a, "m 1");
    assert!(a.message.as_ref().unwrap().error, "bookmarks are letters");
    // The bookmarks list jumps too.
    press(&mut a, "G 3 l l");
    assert_eq!(a.side.view, lectern::app::SideView::Bookmarks);
    press(&mut a, "Enter");
    assert_eq!((a.focus, a.reader.cursor), (Pane::Text, 3));
}

#[test]
fn notes_list_filters_jumps_and_deletes_after_asking() {
    let mut a = app("default", 160, 40);
    for (p, text) in [
        (2, "about the zorkmid"),
        (5, "about sanctions"),
        (9, "the zorkmid again"),
    ] {
        goto(&mut a, p);
        press(&mut a, "a");
        a.modals.editor_mut().unwrap().textarea.insert_str(text);
        press(&mut a, "Esc");
        assert_eq!(a.message.as_ref().unwrap().text, "Note saved");
    }
    press(&mut a, "3 l");
    assert_eq!(a.side.view, lectern::app::SideView::Notes);
    press(&mut a, "/");
    for c in "zorkmid".chars() {
        press(&mut a, &c.to_string());
    }
    assert_eq!(a.filtered_notes().len(), 2);
    press(&mut a, "Enter");
    press(&mut a, "j");
    press(&mut a, "Enter");
    assert_eq!((a.focus, a.reader.cursor), (Pane::Text, 9));
    press(&mut a, "3");
    press(&mut a, "x");
    assert!(a.confirm().is_some());
    press(&mut a, "n");
    assert_eq!(a.notes.entries().len(), 3, "no deletes nothing");
    press(&mut a, "x");
    assert!(a.confirm().is_some(), "{:?}", a.message);
    press(&mut a, "y");
    assert_eq!(a.notes.entries().len(), 2, "{:?}", a.message);
    assert!(a.notes.note_for(9).is_none());
    press(&mut a, "2");
    goto(&mut a, 0);
    press(&mut a, "u");
    assert_eq!(
        a.notes.note_for(9).unwrap().note.text,
        "the zorkmid again",
        "u brings it back"
    );
}

#[test]
fn an_emptied_note_is_deleted_and_can_be_brought_back() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    a.modals
        .editor_mut()
        .unwrap()
        .textarea
        .insert_str("short-lived");
    press(&mut a, "Esc");
    press(&mut a, "a");
    a.modals.editor_mut().unwrap().textarea.select_all();
    a.modals.editor_mut().unwrap().textarea.cut();
    press(&mut a, "Esc");
    assert!(a.notes.note_for(0).is_none());
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "Note deleted (u brings it back)"
    );
    press(&mut a, "u");
    assert_eq!(a.notes.note_for(0).unwrap().note.text, "short-lived");
}

#[test]
fn discarding_changes_asks_first() {
    let mut a = app("default", 100, 30);
    press(&mut a, "a");
    for c in "draft".chars() {
        press(&mut a, &c.to_string());
    }
    assert_eq!(
        a.editor().unwrap().text(),
        "draft",
        "letters type into the editor"
    );
    press(&mut a, "C-q");
    assert!(a.confirm().is_some());
    press(&mut a, "n");
    assert!(a.editor().is_some(), "still editing");
    press(&mut a, "C-q");
    press(&mut a, "y");
    assert!(a.editor().is_none());
    assert!(a.notes.note_for(0).is_none(), "nothing saved");
}
