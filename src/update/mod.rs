//! `update(&mut App, Action)`: carries out an action. The open modals get it first, top
//! first (see `app::modal`), then the focused pane, then the app-wide handlers. Mouse
//! actions go to `mouse`: their hit test has already read the modal stack.

pub mod command;
pub mod jumps;
pub mod library;
pub mod loading;
pub mod mouse;
pub mod notes;
pub mod outline;
pub mod popup;
pub mod reader;
pub mod search;
pub mod selection;
pub mod side;
pub mod terms;

use crate::action::{Action, Pane, pane_name};
use crate::app::{App, MEASURE_RANGE, Modal, ModalKind, SideView};

/// The largest count a motion takes (`999j`).
const MAX_COUNT: u32 = 999;

/// Carries out `action`; a motion as many times as the count typed before it.
pub fn update(app: &mut App, action: Action) {
    for _ in 0..take_count(app, &action) {
        update_once(app, action.clone());
    }
    // The notes may have been read anew (another lectern closed): their entries too.
    app.sync_personal_terms();
}

/// How many times to carry out `action`: a digit of a count adds to it and is done (0
/// times); a motion takes the count; anything else drops it (once).
fn take_count(app: &mut App, action: &Action) -> u32 {
    let in_text = app.focus == Pane::Text && app.top_modal().is_none();
    if let Action::Count(d) = action {
        let count = app.count.unwrap_or(0) * 10 + u32::from(*d);
        app.count = (count > 0).then_some(count.min(MAX_COUNT));
        return 0;
    }
    let count = app.count.take().unwrap_or(1).max(1);
    if in_text && is_motion(action) {
        count
    } else {
        1
    }
}

/// Whether a count repeats `action` (`5j`, `3]`, `2n`).
pub fn is_motion(action: &Action) -> bool {
    matches!(
        action,
        Action::NextParagraph
            | Action::PrevParagraph
            | Action::Scroll(_)
            | Action::NextSection
            | Action::PrevSection
            | Action::SearchNext
            | Action::SearchPrev
    )
}

/// Carries out `action` once.
fn update_once(app: &mut App, action: Action) {
    if loading::refuses(app, &action) {
        return;
    }
    let before = app.reader;
    let watched = loading::reading(app).then(|| (action.clone(), loading::Watched::of(app)));
    // Moves that belong to a search keep its way back (Esc); any other move gives it up,
    // and so does whatever the mouse moves.
    let searching = match action {
        Action::Click(hit) => {
            mouse::click(app, hit);
            false
        }
        Action::Wheel(hit, lines) => {
            mouse::wheel(app, hit, lines);
            false
        }
        _ => {
            let origin = jumps::jump_origin(app, &action);
            let searching = app.modals.has(ModalKind::Prompt)
                || matches!(
                    action,
                    Action::SearchNext | Action::SearchPrev | Action::Cancel
                )
                || (app.focus == Pane::Side && app.side.view == SideView::Results);
            dispatch(app, action);
            if let Some(from) = origin
                && from.cursor != app.reader.cursor
            {
                app.jumps.push(from);
            }
            searching
        }
    };
    if app.reader != before && !searching {
        search::moved_on(app);
    }
    if let Some((action, watched)) = watched {
        loading::after(app, &action, watched, before);
    }
}

/// Offers `action` to the open modals, top first, then to the focused pane, then to the
/// app-wide handlers.
fn dispatch(app: &mut App, action: Action) {
    for kind in app.modal_stack() {
        if modal(app, kind, &action) {
            return;
        }
    }
    let handled = match app.focus {
        Pane::Text => reader::update(app, &action),
        Pane::Outline => outline::outline(app, &action),
        Pane::Side => side::update(app, &action),
    };
    if !handled {
        global(app, action);
    }
}

/// The modal of `kind` handles `action`; false when it leaves it to those below.
fn modal(app: &mut App, kind: ModalKind, action: &Action) -> bool {
    match kind {
        // A letter is taken before any action is looked up.
        ModalKind::Awaiting => false,
        ModalKind::Confirm => {
            // Every action answers the question; only yes is a yes.
            match action {
                Action::Yes => notes::answer(app, true),
                Action::No | Action::Cancel => notes::answer(app, false),
                _ => {}
            }
            true
        }
        ModalKind::Editor => {
            if matches!(action, Action::Quit | Action::Suspend | Action::Redraw) {
                return false;
            }
            notes::editor(app, action);
            true
        }
        ModalKind::Help => help(app, action),
        ModalKind::Prompt => search::prompt(app, action),
        ModalKind::Command => command::update(app, action),
        ModalKind::Review => search::review(app, action),
        ModalKind::Library => library::update(app, action),
        ModalKind::Popup => popup::update(app, action),
        ModalKind::Selection => selection::update(app, action),
    }
}

/// Types `text` (a paste) where the keyboard is typing: into the search prompt as one
/// edit, so one search runs for the whole paste rather than one per character.
pub fn type_text(app: &mut App, text: &str) {
    if app.typing() && app.modals.has(ModalKind::Prompt) {
        search::type_str(app, text);
    } else if app.typing() && app.modals.has(ModalKind::Command) {
        command::type_str(app, text);
    } else {
        for c in text.chars() {
            type_char(app, c);
        }
    }
}

/// Types a character into the active input.
pub fn type_char(app: &mut App, c: char) {
    if !app.typing() {
        return;
    }
    if app.modals.has(ModalKind::Prompt) {
        search::type_char(app, c);
        return;
    }
    if app.modals.has(ModalKind::Command) {
        command::type_str(app, c.encode_utf8(&mut [0; 4]));
        return;
    }
    if app.modals.has(ModalKind::Library) {
        library::type_char(app, c);
        return;
    }
    side::type_char(app, c);
}

fn help(app: &mut App, action: &Action) -> bool {
    let Some(scroll) = app.modals.help_mut() else {
        return false;
    };
    let rows = crate::geometry::overlay::help_rows(app.area);
    let max = crate::geometry::overlay::help_max_scroll(app.area, &app.keymap);
    match action {
        Action::Scroll(s) => {
            let delta = reader::scroll_lines(*s, rows);
            *scroll = scroll.saturating_add_signed(delta as isize).min(max);
        }
        Action::GoToStart => *scroll = 0,
        Action::GoToEnd => *scroll = max,
        Action::Cancel | Action::Help => {
            app.modals.close(ModalKind::Help);
        }
        Action::Quit => notes::quit(app),
        Action::Suspend => app.suspend_requested = true,
        Action::Redraw => app.redraw = true,
        _ => {}
    }
    true
}

fn global(app: &mut App, action: Action) {
    match action {
        Action::Quit => notes::quit(app),
        Action::Help => {
            app.modals.open(Modal::Help(0));
            app.pending.clear();
        }
        Action::Cancel => {
            app.pending.clear();
            app.message = None;
            if app.panes().overlay.is_some() {
                // A pane drawn over the text (a narrow terminal) closes first.
                set_focus(app, Pane::Text);
                return;
            }
            search::cancel(app);
        }
        Action::Search => search::start(app),
        Action::Command => command::start(app),
        Action::JumpReturn => jumps::return_to_last(app),
        Action::JumpBack => jumps::walk(app, false),
        Action::JumpForward => jumps::walk(app, true),
        Action::FootnoteList => {
            app.settings.show_side = true;
            app.side.view = SideView::Footnotes;
            set_focus(app, Pane::Side);
        }
        Action::SearchNext => search::step(app, true),
        Action::SearchPrev => search::step(app, false),
        Action::Review => search::start_review(app),
        Action::Library => library::open(app),
        Action::FocusNext | Action::FocusPrev => {
            let order = [Pane::Outline, Pane::Text, Pane::Side];
            let shown: Vec<Pane> = order.into_iter().filter(|p| app.pane_shown(*p)).collect();
            if let Some(i) = shown.iter().position(|p| *p == app.focus) {
                let n = shown.len();
                let next = if action == Action::FocusNext {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                set_focus(app, shown[next]);
            } else {
                set_focus(app, Pane::Text);
            }
        }
        Action::Focus(pane) => {
            match pane {
                Pane::Outline => app.settings.show_outline = true,
                Pane::Side => app.settings.show_side = true,
                Pane::Text => {}
            }
            set_focus(app, pane);
        }
        Action::TogglePane(pane) => toggle_pane(app, pane),
        Action::ToggleTheme => {
            app.settings.theme = app.settings.theme.toggled();
            if app.settings.no_color {
                app.info("NO_COLOR is set: the theme has no colours to change");
            }
            let theme = app.settings.theme;
            save_setting(app, |c| c.theme = Some(theme));
        }
        Action::ToggleMouse => {
            app.settings.mouse = !app.settings.mouse;
            app.info(if app.settings.mouse {
                "Mouse on"
            } else {
                "Mouse off"
            });
            let mouse = app.settings.mouse;
            save_setting(app, |c| c.mouse = Some(mouse));
        }
        Action::Measure(delta) => {
            let m = i32::from(app.settings.measure) + i32::from(delta);
            let (lo, hi) = (*MEASURE_RANGE.start(), *MEASURE_RANGE.end());
            app.settings.measure = m.clamp(i32::from(lo), i32::from(hi)) as u16;
            let shown = app.text_view().width;
            app.info(format!(
                "Measure {} columns ({shown} shown)",
                app.settings.measure
            ));
            reader::keep_in_view(app);
            let measure = app.settings.measure;
            save_setting(app, |c| c.measure = Some(measure));
        }
        Action::Redraw => app.redraw = true,
        Action::Suspend => app.suspend_requested = true,
        Action::ToggleInlineNotes => {
            app.settings.inline_notes = !app.settings.inline_notes;
            app.info(if app.settings.inline_notes {
                "Notes shown under their paragraphs"
            } else {
                "Notes hidden from the text"
            });
            reader::keep_in_view(app);
        }
        _ => {}
    }
}

/// Remembers a changed setting in `config.ron` (only that one: a flag given for this run
/// stays out of it). A failure to write says so; the setting holds for this session.
fn save_setting(app: &mut App, set: impl FnOnce(&mut crate::config::ConfigFile)) {
    set(&mut app.config);
    let Some(path) = app.config_path.clone() else {
        return;
    };
    if let Err(e) = crate::config::write(&path, &app.config) {
        app.error(format!(
            "The setting holds for this session but was not saved: {e} ({})",
            path.display()
        ));
    }
}

/// Shows or hides a pane, saying when it can only show over the text.
fn toggle_pane(app: &mut App, pane: Pane) {
    let flag = match pane {
        Pane::Outline => &mut app.settings.show_outline,
        Pane::Side => &mut app.settings.show_side,
        Pane::Text => {
            app.info("The text pane is always shown");
            return;
        }
    };
    *flag = !*flag;
    let now = *flag;
    let fits = crate::geometry::panes(app.area, &app.settings);
    let beside = match pane {
        Pane::Outline => fits.outline.is_some(),
        _ => fits.side.is_some(),
    };
    if now && !beside {
        app.info(format!(
            "The terminal is narrow: the {} shows over the text when it has the focus",
            pane_name(pane)
        ));
    }
    if !app.pane_shown(app.focus) {
        app.focus = Pane::Text;
    }
    reader::keep_in_view(app);
}

/// Moves the focus; the outline selection starts at the current section.
pub fn set_focus(app: &mut App, pane: Pane) {
    if pane == Pane::Outline && app.focus != Pane::Outline {
        app.outline_selected = app.current_section();
    }
    app.focus = pane;
}
