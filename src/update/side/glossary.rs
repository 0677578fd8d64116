//! The glossary view: an entry's occurrences open as its own list (`ListPane::detail`),
//! and Enter there goes to the paragraph.

use crate::action::{Action, Pane};
use crate::app::{App, SideView};
use crate::keymap::Context;
use crate::update::outline::select;

/// Handles the glossary list's actions.
pub fn update(app: &mut App, action: &Action) -> bool {
    let entries = app.filtered_entries();
    let list = &app.side[SideView::Glossary];
    let selected_entry = entries
        .get(list.selected.min(entries.len().saturating_sub(1)))
        .copied();
    if let Some(occ) = list.detail {
        return occurrences(app, selected_entry, occ, action);
    }
    if super::select_in(app, action) || super::filter_keys(app, action) {
        return true;
    }
    match action {
        Action::Open => match selected_entry {
            Some(e) if !app.occurrences()[e].is_empty() => {
                app.side[SideView::Glossary].detail = Some(0)
            }
            Some(e) => {
                let term = app.doc.glossary.entries[e].term.clone();
                app.info(format!("{term} does not occur in the text"));
            }
            None => app.info("No glossary entry matches the filter"),
        },
        Action::Back => {
            app.info_with_keys(
                "Already at the list of terms",
                &[(
                    Context::Side,
                    Action::Open,
                    "lists the occurrences of the selected one",
                )],
            );
        }
        Action::DeleteItem => match selected_entry {
            Some(e) => crate::update::terms::ask_delete(app, e),
            None => app.info("No glossary entry matches the filter"),
        },
        Action::EditTerm => match selected_entry {
            Some(e) => crate::update::terms::edit(app, e),
            None => app.info("No glossary entry matches the filter"),
        },
        Action::RestoreNote => crate::update::terms::restore(app),
        _ => return false,
    }
    true
}

/// Actions in the occurrence list of `entry`, `occ` selected.
fn occurrences(app: &mut App, entry: Option<usize>, occ: usize, action: &Action) -> bool {
    let len = entry.map_or(0, |e| app.occurrences()[e].len());
    if let Some(o) = select(occ, len, action) {
        app.side[SideView::Glossary].detail = Some(o);
        return true;
    }
    match action {
        Action::Open => {
            if let Some(e) = entry
                && let Some(o) = app.occurrences()[e].get(occ)
            {
                app.reader.cursor = o.paragraph;
                crate::update::reader::reveal_cursor(app);
                app.focus = Pane::Text;
            }
        }
        Action::Back | Action::Cancel => app.side[SideView::Glossary].detail = None,
        _ => return false,
    }
    true
}
