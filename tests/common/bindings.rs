//! Bringing the app into a state where a binding has a visible effect, and the parts of the
//! state an action may change: for the tests that press every binding of a keymap.

use super::{goto, paragraph_with_footnotes, terms_in};
use lectern::action::{Action, Pane, Scroll};
use lectern::app::{App, ListPane, Popup, Reader, SideView};
use lectern::keymap::Context;
use lectern::ui::theme::ThemeKind;

/// The parts of the state an action may change.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub reader: Reader,
    pub focus: Pane,
    pub outline_selected: usize,
    pub glossary: ListPane,
    pub popup: Option<Popup>,
    pub help: Option<usize>,
    pub measure: u16,
    pub theme: ThemeKind,
    pub mouse: bool,
    pub show_outline: bool,
    pub show_side: bool,
    pub search_current: Option<usize>,
    pub selection: Option<lectern::app::selection::Selection>,
}

/// The parts of `app`'s state an action may change.
pub fn state(app: &App) -> State {
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
        selection: app.modals.selection().copied(),
    }
}

/// A paragraph in the middle of a section, with footnotes and glossary terms.
pub fn middle_paragraph(app: &App) -> usize {
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
pub fn many_terms(app: &App) -> usize {
    let p = (0..app.doc.paragraphs.len())
        .max_by_key(|&p| terms_in(app, p).len())
        .unwrap();
    assert!(terms_in(app, p).len() >= 9);
    p
}

/// Brings the app into a state where `action`, bound in `ctx`, has a visible effect.
pub fn prepare(app: &mut App, ctx: Context, action: &Action) {
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
            ed.insert_str("typed text");
            if *action == Action::Redo {
                ed.undo();
            }
        }
        Context::Review => {
            lectern::update::search::start_review(app);
            if matches!(action, Action::Known | Action::NotYet) {
                lectern::update::update(app, Action::Reveal);
            }
        }
        Context::Selection => {
            app.focus = Pane::Text;
            lectern::update::selection::start(app);
            // Room to move back within the paragraph.
            for _ in 0..3 {
                lectern::update::update(app, Action::SelectSentenceForward);
            }
        }
        Context::Library => {
            app.open_storage(&library_dir());
            app.popup = None;
            lectern::update::update(app, Action::Library);
            app.modals.library_mut().unwrap().selected = 1;
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
        (Context::Text, Action::Count(0)) => app.count = Some(1),
        (Context::Text, Action::JumpBack | Action::JumpReturn | Action::JumpForward) => {
            // A jump to the end, from the middle paragraph; forward needs a step back.
            lectern::update::update(app, Action::GoToEnd);
            if *action == Action::JumpForward {
                lectern::update::update(app, Action::JumpBack);
            }
        }
        (Context::Side, Action::AttachNote) => {
            open_with_detached_note(app);
            app.side.view = lectern::app::SideView::Notes;
            app.side[SideView::Notes].selected = 0;
        }
        (Context::Side, Action::RestoreNote) => {
            let p = app.reader.cursor;
            let key = app.notes.add_highlight(&app.doc, p, 0..5, 2, 1).unwrap();
            app.notes.delete_highlight(&app.doc, &key).unwrap();
            app.side.view = lectern::app::SideView::Highlights;
        }
        (Context::Side, Action::EditTerm) => {
            app.notes
                .add_term(&app.doc, "zygote", vec![], "A fertilized cell.", 1)
                .unwrap()
                .unwrap();
            app.sync_personal_terms();
            app.side[SideView::Glossary].selected = app.doc.glossary.entries.len() - 1;
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

/// Whether a scroll goes up.
pub fn is_up(s: &Scroll) -> bool {
    matches!(s, Scroll::Lines(n) | Scroll::HalfPages(n) | Scroll::Pages(n) if *n < 0)
}

/// Opens the popup in which `action` has an effect.
pub fn prepare_popup(app: &mut App, action: &Action) {
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

/// Opens the app's storage in a new directory whose notes file holds one detached note
/// (its paragraph is not in the article), with the text "detached text".
pub fn open_with_detached_note(app: &mut App) {
    let dir = tempfile::tempdir().unwrap().keep();
    let file = lectern::notes::NotesFile {
        format: lectern::notes::NOTES_FORMAT,
        article: app.doc.meta.id.clone(),
        terms: Vec::new(),
        notes: vec![lectern::notes::Note {
            paragraph: "no-such-paragraph".into(),
            fingerprint: "0".into(),
            quote: "A paragraph the article no longer has".into(),
            text: "detached text".into(),
            created: 1,
            modified: 2,
        }],
        highlights: Vec::new(),
    };
    let path = lectern::notes::notes_path(&dir, &app.doc.meta.id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, lectern::notes::to_ron(&file).unwrap()).unwrap();
    app.open_storage(&dir);
    app.popup = None;
    assert!(app.notes.entries()[0].attached.is_none());
}

/// A data directory (made once) whose library holds three articles besides the bundled
/// one, tagged `week1`, `week2` and `week2`.
pub fn library_dir() -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        for (i, tag) in ["week1", "week2", "week2"].iter().enumerate() {
            let src = dir.join(format!("a{i}.md"));
            std::fs::write(&src, format!("# Reading {i}\n\nThe text of reading {i}.\n")).unwrap();
            let id = lectern::library::add(&dir, &src).unwrap().entry.id;
            lectern::library::add_tag(&dir, &id, tag).unwrap();
        }
        dir
    })
    .clone()
}
