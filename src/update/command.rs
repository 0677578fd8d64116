//! The command line (`:`): go to a place by number (`2.2`, `2.2¶3`, `2.2p3`, `f17`), or
//! quit (`q`). Up and Down recall earlier commands; Esc cancels.

use crate::action::{Action, Pane};
use crate::app::{App, CommandLine, Modal, ModalKind, Popup};
use crate::model::{Place, PlaceError};

/// What the command line accepts, said when it cannot read a command.
const ACCEPTS: &str = "a section (2.2), a paragraph (2.2p3 or 2.2¶3), a footnote (f17) or q";

/// Opens the command line.
pub fn start(app: &mut App) {
    app.modals.open(Modal::Command(CommandLine::default()));
}

/// Actions while the command line is open; false for the app-wide ones it leaves to others.
pub fn update(app: &mut App, action: &Action) -> bool {
    let history_len = app.command_history.len();
    let Some(line) = app.modals.command_mut() else {
        return false;
    };
    match action {
        Action::Cancel => {
            app.modals.close(ModalKind::Command);
        }
        Action::DeleteChar => {
            line.text.pop();
        }
        Action::ClearInput => line.text.clear(),
        Action::SelectPrev | Action::SelectNext => {
            let recalled = match (line.recalled, action) {
                (None, Action::SelectPrev) => history_len.checked_sub(1),
                (Some(i), Action::SelectPrev) => Some(i.saturating_sub(1)),
                (Some(i), _) if i + 1 < history_len => Some(i + 1),
                _ => None,
            };
            line.recalled = recalled;
            line.text = recalled
                .and_then(|i| app.command_history.get(i).cloned())
                .unwrap_or_default();
        }
        Action::Open => {
            let text = line.text.trim().to_owned();
            let term = line.term;
            app.modals.close(ModalKind::Command);
            if term {
                super::terms::term_typed(app, &text);
            } else if !text.is_empty() {
                app.command_history.retain(|c| *c != text);
                app.command_history.push(text.clone());
                run(app, &text);
            }
        }
        _ => return false,
    }
    true
}

/// Types (or pastes) into the command line.
pub fn type_str(app: &mut App, text: &str) {
    if let Some(line) = app.modals.command_mut() {
        line.text.push_str(text);
        line.recalled = None;
    }
}

/// Runs a command typed on the command line.
fn run(app: &mut App, text: &str) {
    if matches!(text, "q" | "quit") {
        super::notes::quit(app);
        return;
    }
    match app.doc.find_place(text) {
        Ok(place) => {
            // Typed from the outline or a list, the place is read in the text.
            app.focus = Pane::Text;
            go_to(app, place);
        }
        Err(PlaceError::Unreadable(_)) => {
            app.error(format!(":{text} is not a command: type {ACCEPTS}"));
        }
        Err(e) => app.error(format!(":{text}: {e}")),
    }
}

/// Goes to a place named by number: a section's start, a paragraph, or a footnote's first
/// reference with the footnote open.
pub fn go_to(app: &mut App, place: Place) {
    match place {
        Place::Section(s) => super::reader::jump_to_section(app, s),
        Place::Paragraph(p) => {
            app.reader.cursor = p;
            super::reader::reveal_cursor(app);
        }
        Place::Footnote(n) => open_footnote_at_reference(app, n),
    }
}

/// Goes to the first paragraph that refers to footnote `n` and opens it there.
pub fn open_footnote_at_reference(app: &mut App, n: u32) {
    let Some(p) = app
        .doc
        .paragraphs
        .iter()
        .position(|para| para.footnote_refs().any(|m| m == n))
    else {
        app.error(format!("Footnote {n} is never referred to in the text"));
        return;
    };
    app.reader.cursor = p;
    super::reader::reveal_cursor(app);
    let numbers = super::reader::footnotes_of(app, p);
    let index = numbers.iter().position(|&m| m == n).unwrap_or(0);
    app.popup = Some(Popup::Footnotes {
        numbers,
        index,
        scroll: 0,
        typed: String::new(),
    });
}
