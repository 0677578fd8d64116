//! Coming back: `''` returns to where the reader was before the last jump, `C-o` and
//! `C-i` walk the jump list. Jumps are recorded in one place, `update::update`, from the
//! actions that jump (see [`jump_origin`]).

use crate::action::{Action, Pane};
use crate::app::{App, ModalKind};

/// Where a jump made by `action` leaves from, if `action` jumps: the start, the end, the
/// next match, opening a section, a list's item or a command, and a search typed in the
/// prompt (from where it started).
pub fn jump_origin(app: &App, action: &Action) -> Option<crate::app::Reader> {
    match app.top_modal() {
        Some(ModalKind::Prompt) => {
            return (*action == Action::Open).then(|| app.prompt().map(|p| p.origin))?;
        }
        Some(ModalKind::Command) => return (*action == Action::Open).then_some(app.reader),
        _ => {}
    }
    let jumps = match action {
        Action::GoToStart | Action::GoToEnd | Action::SearchNext | Action::SearchPrev => true,
        Action::Open => app.focus != Pane::Text && app.top_modal().is_none(),
        _ => false,
    };
    jumps.then_some(app.reader)
}

/// Remembers the current place before a jump made outside `update` (a bookmark).
pub fn record(app: &mut App) {
    let here = app.reader;
    app.jumps.push(here);
}

/// `''`: back to where the last jump left from; doing it again comes back here.
pub fn return_to_last(app: &mut App) {
    let here = app.reader;
    match app.jumps.swap(here) {
        Some(to) => go(app, to),
        None => app.info("No jump to return from yet"),
    }
}

/// `C-o` (`forward` false) and `C-i` (`forward` true): the jump list.
pub fn walk(app: &mut App, forward: bool) {
    let here = app.reader;
    let to = if forward {
        app.jumps.forward(here)
    } else {
        app.jumps.back(here)
    };
    match to {
        Some(to) => go(app, to),
        None => app.info(if forward {
            "At the newest place of the jump list"
        } else {
            "At the oldest place of the jump list"
        }),
    }
}

/// Moves to a remembered place, kept valid if the layout changed since.
fn go(app: &mut App, to: crate::app::Reader) {
    let last = app.doc.paragraphs.len().saturating_sub(1);
    app.reader.cursor = to.cursor.min(last);
    app.reader.top = to.top;
    super::reader::keep_in_view(app);
}
