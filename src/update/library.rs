//! The library screen: moving, filtering as you type, tags, and opening an article (the
//! reader closes, saving the notes and letting their lock go, and the event loop's caller
//! opens the article: see `cli::read`).

use crate::action::Action;
use crate::app::library::{LibraryInput, LibraryScreen};
use crate::app::{App, Modal, ModalKind};

/// Opens the library screen on the library as it is on disk.
pub fn open(app: &mut App) {
    let listing = match &app.data_dir {
        Some(dir) => crate::library::list(dir),
        None => crate::library::Listing {
            entries: vec![crate::library::bundled_entry().clone()],
            messages: vec![
                "No data directory (set --data-dir or LECTERN_DATA_DIR): only the bundled \
                 article is listed"
                    .to_owned(),
            ],
        },
    };
    let mut listing = listing;
    // The article open now is listed as it is now (the library records it when the reader
    // closes): opened now, how far it is read, its notes.
    if let Some(entry) = listing.entries.iter_mut().find(|e| e.id == app.doc.meta.id) {
        let read = app.read.iter().filter(|r| **r).count();
        entry.last_opened = crate::notes::now();
        entry.progress = crate::library::ops::percent(read, app.read.len());
        entry.notes = app.notes.written_notes();
        crate::library::sort(&mut listing.entries);
    }
    app.modals.open(Modal::Library(LibraryScreen::new(
        listing,
        &app.doc.meta.id,
    )));
}

/// Handles `action` on the library screen; false for what it leaves to the app (quit,
/// help, suspend, redraw, the theme).
pub fn update(app: &mut App, action: &Action) -> bool {
    if matches!(
        action,
        Action::Quit | Action::Help | Action::Suspend | Action::Redraw | Action::ToggleTheme
    ) {
        return false;
    }
    let Some(screen) = app.modals.library_mut() else {
        return false;
    };
    if let Some(input) = screen.input {
        return typing(app, input, action);
    }
    let last = screen.shown.len().saturating_sub(1);
    match action {
        Action::SelectNext => screen.selected = (screen.selected + 1).min(last),
        Action::SelectPrev => screen.selected = screen.selected.saturating_sub(1),
        Action::SelectFirst => screen.selected = 0,
        Action::SelectLast => screen.selected = last,
        Action::Filter => screen.input = Some(LibraryInput::Filter),
        Action::TagArticle if screen.selected_entry().is_some() => {
            screen.input = Some(LibraryInput::Tag);
            screen.tag_text.clear();
        }
        Action::NextTag => {
            screen.tag = crate::library::filter::next_tag(&screen.tags(), screen.tag.as_deref());
            screen.refilter();
        }
        Action::Open => open_selected(app),
        Action::Cancel if !screen.filter.is_empty() => {
            screen.filter.clear();
            screen.refilter();
        }
        Action::Cancel | Action::Library => {
            app.modals.close(ModalKind::Library);
        }
        _ => {}
    }
    true
}

/// The keys of the input being typed (the filter or a tag).
fn typing(app: &mut App, input: LibraryInput, action: &Action) -> bool {
    let Some(screen) = app.modals.library_mut() else {
        return false;
    };
    let text = match input {
        LibraryInput::Filter => &mut screen.filter,
        LibraryInput::Tag => &mut screen.tag_text,
    };
    match action {
        Action::DeleteChar => {
            text.pop();
        }
        Action::ClearInput => text.clear(),
        Action::Cancel => {
            text.clear();
            screen.input = None;
        }
        Action::Open => {
            screen.input = None;
            if input == LibraryInput::Tag {
                tag_selected(app);
                return true;
            }
        }
        Action::SelectNext => {
            screen.selected = (screen.selected + 1).min(screen.shown.len().saturating_sub(1));
        }
        Action::SelectPrev => screen.selected = screen.selected.saturating_sub(1),
        _ => return true,
    }
    if input == LibraryInput::Filter
        && let Some(screen) = app.modals.library_mut()
    {
        screen.refilter();
    }
    true
}

/// Types `c` into the library screen's input.
pub fn type_char(app: &mut App, c: char) {
    let Some(screen) = app.modals.library_mut() else {
        return;
    };
    match screen.input {
        Some(LibraryInput::Filter) => {
            screen.filter.push(c);
            screen.refilter();
        }
        Some(LibraryInput::Tag) => screen.tag_text.push(c),
        None => {}
    }
}

/// Gives the selected article the tag typed, on disk and on the screen.
fn tag_selected(app: &mut App) {
    let Some(screen) = app.modals.library_mut() else {
        return;
    };
    let text = std::mem::take(&mut screen.tag_text);
    let Some(id) = screen.selected_entry().map(|e| e.id.clone()) else {
        return;
    };
    let Some(dir) = app.data_dir.clone() else {
        app.error("No data directory: tags cannot be saved");
        return;
    };
    match crate::library::add_tag(&dir, &id, &text) {
        Ok(entry) => {
            let shown = format!("Tagged {} #{}", entry.title, entry.tags.join(" #"));
            if let Some(screen) = app.modals.library_mut() {
                if let Some(e) = screen.entries.iter_mut().find(|e| e.id == id) {
                    *e = entry;
                }
                screen.refilter();
            }
            app.info(crate::sanitize::clean_line(&shown).into_owned());
        }
        Err(e) => app.error(crate::sanitize::clean_line(&e.to_string()).into_owned()),
    }
}

/// Opens the selected article: the one open now just closes the screen; another closes
/// the reader (saving first) with `open_next` set.
fn open_selected(app: &mut App) {
    let Some(id) = app
        .modals
        .library()
        .and_then(LibraryScreen::selected_entry)
        .map(|e| e.id.clone())
    else {
        return;
    };
    app.modals.close(ModalKind::Library);
    if id == app.doc.meta.id {
        return;
    }
    if app.data_dir.is_none() {
        app.error("No data directory: the library cannot be opened");
        return;
    }
    if app.loading.is_some() {
        // Its reading goes on in this reader only: it must end before another opens.
        let why = crate::update::loading::still_reading(app);
        let text = format!("Another article opens once this one is read: {why}");
        crate::update::loading::say(app, text, false);
        return;
    }
    app.open_next = Some(id);
    crate::update::notes::quit(app);
    if !app.should_quit && !app.modals.has(ModalKind::Confirm) {
        app.open_next = None;
    }
    // Else the notes could not be saved and lectern asks first: "yes" leaves for the other
    // article, "no" stays here and forgets it (`update::notes::answer`).
}
