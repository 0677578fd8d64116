//! An article read in the background (see [`crate::loading`]): taking in its parts, and
//! what the reader may do before it is whole.
//!
//! Until the article is whole the notes, reading state and cards are not opened: a note is
//! anchored by its paragraph's id and then by its text, and a note whose paragraph has not
//! arrived must not be re-attached to a paragraph that has (and saved there). So actions
//! that write notes, highlights, bookmarks or terms wait, and say so; reading, moving,
//! searching and `:` jumps work on what is there and say that more is coming.

use std::path::PathBuf;

use crate::action::Action;
use crate::app::{App, Loading, ModalKind, Popup, Reader};
use crate::loading::{Msg, Rest};
use crate::model::ParagraphId;

/// Starts reading the rest of the article (`rest`, run by the event loop; without one the
/// caller feeds [`absorb`] itself): `storage` (the data directory) is opened once it is
/// whole. The saved position is looked up now: if its paragraph is already here the
/// reader goes there, else it goes there when the paragraph arrives.
pub fn start(app: &mut App, rest: Option<Rest>, storage: Option<PathBuf>, name: String) {
    let resume = storage.as_deref().and_then(|dir| {
        let (state, _) = crate::notes::state::ReadingState::open(dir, &app.doc);
        state.file.position.map(ParagraphId)
    });
    app.loading = Some(Loading {
        name,
        progress: String::new(),
        rest,
        storage,
        resume,
        moved: false,
        said: None,
        notice: Vec::new(),
    });
    resume_if_read(app);
}

/// Whether the article is still being read.
pub fn reading(app: &App) -> bool {
    app.loading.is_some()
}

/// Takes in what the background reader sent.
pub fn absorb(app: &mut App, msg: Msg) {
    if app.loading.is_none() {
        return;
    }
    match msg {
        Msg::Progress(p) => {
            if let Some(l) = app.loading.as_mut() {
                l.progress = p;
            }
        }
        Msg::Part {
            sections,
            paragraphs,
            footnotes,
            total,
            done,
        } => {
            let (s, p) = (app.doc.sections.len(), app.doc.paragraphs.len());
            app.doc.append(sections, paragraphs, footnotes);
            // A search made meanwhile goes on into what arrived (`n` finds it): in steps
            // between events under the event loop, so a big part never holds up a key.
            crate::update::search::catch_up_unless_in_steps(app);
            app.flow.extend(&app.doc, s, p);
            app.cache.get_mut().grow(app.flow.len());
            app.read.resize(app.doc.paragraphs.len(), false);
            app.forget_occurrences();
            if let Some(l) = app.loading.as_mut() {
                let percent = app.doc.paragraphs.len() * 100 / total.max(1);
                l.progress = format!("{percent}%");
            }
            resume_if_read(app);
            if done {
                finish(app);
            }
        }
        Msg::Whole(loaded) => {
            replace(app, *loaded);
            finish(app);
        }
        Msg::Failed(e) => {
            app.loading = None;
            app.load_error = Some(e);
            app.should_quit = true;
        }
    }
}

/// What a message adds while the article is read: how far it is.
pub fn still_reading(app: &App) -> String {
    match &app.loading {
        Some(l) if !l.progress.is_empty() => {
            format!("still reading the article ({})", l.progress)
        }
        Some(_) => "still reading the article".to_owned(),
        None => String::new(),
    }
}

/// Refuses, while the article is being read, an action that needs its notes (they open
/// once it is whole); true when refused.
pub fn refuses(app: &mut App, action: &Action) -> bool {
    if app.loading.is_none() || !needs_notes(action) {
        return false;
    }
    // On the library screen, deleting is removing an article from the library.
    if *action == Action::DeleteItem && app.has_modal(ModalKind::Library) {
        return false;
    }
    let why = still_reading(app);
    say(
        app,
        format!("Notes, highlights, bookmarks and your terms open once the article is read: {why}"),
        false,
    );
    true
}

/// Shows a message about the reading (an error when `error`), remembered so that it goes
/// when the article is whole, unless another message took its place.
pub fn say(app: &mut App, text: String, error: bool) {
    if let Some(l) = app.loading.as_mut() {
        l.said = Some(text.clone());
    }
    if error {
        app.error(text);
    } else {
        app.info(text);
    }
}

/// The actions that read or write the notes, highlights, bookmarks, terms or cards.
fn needs_notes(action: &Action) -> bool {
    matches!(
        action,
        Action::EditNote
            | Action::RestoreNote
            | Action::SetBookmark
            | Action::JumpBookmark
            | Action::ExportNotes
            | Action::DeleteItem
            | Action::AttachNote
            | Action::Highlight(_)
            | Action::NoteHighlight
            | Action::SaveQuote
            | Action::AddTerm
            | Action::EditTerm
            | Action::Review
    )
}

/// What [`after`] needs to know of the moment before an action: the top modal, and the
/// command line's text if it was open.
#[derive(Debug, Default)]
pub struct Watched {
    /// The top modal.
    pub modal: Option<ModalKind>,
    /// What the command line held.
    pub command: String,
}

impl Watched {
    /// What is watched of `app` now.
    pub fn of(app: &App) -> Self {
        Watched {
            modal: app.top_modal(),
            command: app.command().map(|c| c.text.clone()).unwrap_or_default(),
        }
    }
}

/// After an action that goes to the end, to another section, to a search's match or a
/// place (`modal`: the top modal when it was pressed): while the article is being read,
/// says that what it went by is only part of it.
pub fn after(app: &mut App, action: &Action, watched: Watched, before: Reader) {
    if app.loading.is_none() {
        return;
    }
    let why = still_reading(app);
    let moved = app.reader != before;
    let modal = watched.modal;
    let last = app.doc.paragraphs.len().saturating_sub(1);
    let message = app.message.as_ref().map(|m| m.text.clone());
    let said = match (action, modal) {
        (Action::GoToEnd, None) => Some(format!("The end of what is read so far: {why}")),
        (Action::NextSection | Action::NextParagraph | Action::Scroll(_), None)
            if !moved && app.reader.cursor >= last =>
        {
            Some(format!("No more yet: {why}"))
        }
        (Action::SearchNext | Action::SearchPrev, None)
        | (Action::Open, Some(ModalKind::Prompt)) => Some(match message {
            Some(m) => format!("{m} (only the part read so far: {why})"),
            None => format!("Searched only the part read so far: {why}"),
        }),
        // A place by number that is not read yet is not found: say why.
        (Action::Open, Some(ModalKind::Command))
            if !moved && watched.command.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            message.map(|m| format!("{m} ({why})"))
        }
        _ => None,
    };
    if let Some(text) = said {
        let error = app.message.as_ref().is_some_and(|m| m.error);
        say(app, text, error);
    }
    if moved && let Some(l) = app.loading.as_mut() {
        l.moved = true;
        l.resume = None;
    }
}

/// Goes to the saved position once its paragraph is here (unless the reader moved).
fn resume_if_read(app: &mut App) {
    let Some(l) = app.loading.as_ref() else {
        return;
    };
    let Some(id) = l.resume.as_ref() else {
        return;
    };
    if l.moved {
        return;
    }
    if let Some(p) = app.doc.paragraph_index(id) {
        if let Some(l) = app.loading.as_mut() {
            l.resume = None;
        }
        app.go_to_paragraph_top(p);
        app.mark_read();
    }
}

/// The whole article in place of the part shown: the reader stays on the paragraph it was
/// on (found by its id, else by its place), anything that named a place in the old text is
/// closed.
fn replace(app: &mut App, loaded: crate::model::load::Loaded) {
    let here = app
        .doc
        .paragraphs
        .get(app.reader.cursor)
        .map(|p| p.id.clone());
    let cursor = app.reader.cursor;
    let placeholder = app.doc.meta.id.is_empty();
    app.set_doc(loaded.doc);
    // What holds a place in the old text goes; help, the library screen and the command
    // line stay.
    if !matches!(app.popup, Some(Popup::Notice { .. })) {
        app.popup = None;
    }
    for kind in [ModalKind::Selection, ModalKind::Prompt, ModalKind::Review] {
        app.modals.close(kind);
    }
    app.outline_selected = 0;
    let moved = app.loading.as_ref().is_some_and(|l| l.moved);
    if !placeholder && moved && !app.doc.paragraphs.is_empty() {
        let p = here
            .and_then(|id| app.doc.paragraph_index(&id))
            .unwrap_or(cursor)
            .min(app.doc.paragraphs.len().saturating_sub(1));
        app.go_to_paragraph_top(p);
    } else {
        app.reader = Default::default();
    }
    if let Some(l) = app.loading.as_mut() {
        let name = l.name.clone();
        l.notice
            .extend(crate::diag::warning_lines(&loaded.warnings, &name));
    }
    // A search made meanwhile is made again on the whole, in steps like any catching up.
    let query = app.search.take().map(|s| s.query);
    app.search = query.map(|query| crate::app::SearchState {
        results: Default::default(),
        query,
        current: None,
        origin: None,
        searched: 0,
        rest_stale: true,
    });
}

/// The article is whole: its notes, reading state and cards open (and the saved position,
/// if the reader has not moved and it was not found yet), a search made meanwhile is to
/// search the footnotes and notes again once it has caught up with the text (not the text
/// again: that was searched as it came), and what there is to say is shown.
fn finish(app: &mut App) {
    let Some(mut loading) = app.loading.take() else {
        return;
    };
    let mut notice = std::mem::take(&mut loading.notice);
    if let Some(dir) = loading.storage.as_deref() {
        notice.extend(app.attach_storage(dir));
        if !loading.moved
            && app.reader == Default::default()
            && let Some(p) = app.state.position(&app.doc)
        {
            app.go_to_paragraph_top(p);
        }
    }
    if let Some(s) = app.search.as_mut() {
        // Its text is searched as each part came (or anew after `replace`); its footnotes
        // and notes are searched again once that is done.
        s.rest_stale = true;
    }
    crate::update::search::catch_up_unless_in_steps(app);
    app.cache.get_mut().invalidate_all();
    app.mark_read();
    if app.message.as_ref().map(|m| &m.text) == loading.said.as_ref() {
        app.message = None;
    }
    // What opening the notes says (read-only, detached notes) is not lost: added to a
    // notice that is open, else shown in place of any other popup.
    if !notice.is_empty() {
        match app.popup.as_mut() {
            Some(Popup::Notice { lines, .. }) => lines.extend(notice),
            _ => {
                app.popup = Some(Popup::Notice {
                    title: " On opening ".to_owned(),
                    lines: notice,
                    scroll: 0,
                })
            }
        }
    }
}
