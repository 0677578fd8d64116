//! The outline and the side pane's lists.

use crate::action::{Action, Pane};
use crate::app::{App, ListPane, Modal, SideView};

/// Moves a selection in a list of `len` rows.
fn select(selected: usize, len: usize, action: &Action) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match action {
        Action::SelectNext => (selected + 1).min(last),
        Action::SelectPrev => selected.saturating_sub(1),
        Action::SelectFirst => 0,
        Action::SelectLast => last,
        _ => return None,
    })
}

/// Handles actions of the outline pane.
pub fn outline(app: &mut App, action: &Action) -> bool {
    let len = app.doc.sections.len();
    if let Some(s) = select(app.outline_selected, len, action) {
        app.outline_selected = s;
        return true;
    }
    match action {
        Action::Open => {
            let s = app.outline_selected.min(len.saturating_sub(1));
            super::reader::jump_to_section(app, s);
            app.focus = Pane::Text;
            true
        }
        _ => false,
    }
}

/// Handles actions of the side pane: switching views, then the view's own.
pub fn side(app: &mut App, action: &Action) -> bool {
    if matches!(action, Action::SideNext | Action::SidePrev) && !app.typing() {
        let all = SideView::ALL;
        let i = all.iter().position(|v| *v == app.side_view).unwrap_or(0);
        let n = all.len();
        app.side_view = if *action == Action::SideNext {
            all[(i + 1) % n]
        } else {
            all[(i + n - 1) % n]
        };
        return true;
    }
    match app.side_view {
        SideView::Glossary => glossary(app, action),
        SideView::Notes => notes(app, action),
        SideView::Bookmarks => bookmarks(app, action),
        SideView::Results => results(app, action),
    }
}

fn results(app: &mut App, action: &Action) -> bool {
    let n = app.search.as_ref().map_or(0, |s| s.results.hits.len());
    if app.results_list.filtering {
        return filter_input(&mut app.results_list, n, action);
    }
    if let Some(s) = select(app.results_list.selected, n, action) {
        app.results_list.selected = s;
        return true;
    }
    match action {
        Action::Open if n > 0 => super::search::open_hit(app, app.results_list.selected.min(n - 1)),
        Action::Open => app.info("No search results: / searches"),
        Action::Filter => app.info("The results list shows the last search: / searches again"),
        Action::DeleteItem => {
            app.info("Search results cannot be deleted; Esc in the text clears them")
        }
        _ => return false,
    }
    true
}

/// Filter editing shared by the lists: true when the action was the input's.
fn filter_input(list: &mut ListPane, len: usize, action: &Action) -> bool {
    match action {
        Action::Cancel => {
            list.filtering = false;
            list.filter.clear();
            list.selected = 0;
        }
        Action::Open => list.filtering = false,
        Action::DeleteChar => {
            list.filter.pop();
            list.selected = 0;
        }
        Action::ClearInput => {
            list.filter.clear();
            list.selected = 0;
        }
        Action::SelectNext | Action::SelectPrev => {
            if let Some(s) = select(list.selected, len, action) {
                list.selected = s;
            }
        }
        _ => return false,
    }
    true
}

fn notes(app: &mut App, action: &Action) -> bool {
    let rows = app.filtered_notes();
    if app.notes_list.filtering {
        return filter_input(&mut app.notes_list, rows.len(), action);
    }
    if let Some(s) = select(app.notes_list.selected, rows.len(), action) {
        app.notes_list.selected = s;
        return true;
    }
    let selected = rows
        .get(app.notes_list.selected.min(rows.len().saturating_sub(1)))
        .copied();
    match action {
        Action::Filter => app.notes_list.filtering = true,
        Action::Open => match selected.map(|i| app.notes.entries()[i].attached) {
            Some(Some(p)) => {
                app.reader.cursor = p;
                super::reader::reveal_cursor(app);
                app.focus = Pane::Text;
            }
            Some(None) => {
                app.info("This note is detached: its paragraph is no longer in the article")
            }
            None => app.info("No note selected"),
        },
        Action::DeleteItem => match selected {
            Some(i) => {
                let quote: String = app.notes.entries()[i].note.quote.chars().take(40).collect();
                app.modals.open(Modal::Confirm(crate::app::Confirm {
                    question: format!("Delete the note on “{quote}…”?"),
                    on_yes: crate::app::ConfirmAction::DeleteNote(
                        app.notes.entries()[i].note.key(),
                    ),
                }));
            }
            None => app.info("No note selected"),
        },
        Action::Cancel if !app.notes_list.filter.is_empty() => {
            app.notes_list.filter.clear();
            app.notes_list.selected = 0;
        }
        _ => return false,
    }
    true
}

fn bookmarks(app: &mut App, action: &Action) -> bool {
    let rows = app.filtered_bookmarks();
    if app.bookmarks_list.filtering {
        return filter_input(&mut app.bookmarks_list, rows.len(), action);
    }
    if let Some(s) = select(app.bookmarks_list.selected, rows.len(), action) {
        app.bookmarks_list.selected = s;
        return true;
    }
    let selected = rows
        .get(
            app.bookmarks_list
                .selected
                .min(rows.len().saturating_sub(1)),
        )
        .copied();
    match action {
        Action::Filter => app.bookmarks_list.filtering = true,
        Action::Open => match selected {
            Some((_, Some(p))) => {
                app.reader.cursor = p;
                super::reader::reveal_cursor(app);
                app.focus = Pane::Text;
            }
            Some((c, None)) => app.info(format!(
                "Bookmark {c}: its paragraph is no longer in the article"
            )),
            None => app.info("No bookmarks yet: m and a letter sets one"),
        },
        Action::DeleteItem => match selected {
            Some((c, _)) => {
                app.modals.open(Modal::Confirm(crate::app::Confirm {
                    question: format!("Delete bookmark {c}?"),
                    on_yes: crate::app::ConfirmAction::DeleteBookmark(c),
                }));
            }
            None => app.info("No bookmark selected"),
        },
        Action::Cancel if !app.bookmarks_list.filter.is_empty() => {
            app.bookmarks_list.filter.clear();
            app.bookmarks_list.selected = 0;
        }
        _ => return false,
    }
    true
}

/// The glossary view.
fn glossary(app: &mut App, action: &Action) -> bool {
    let entries = app.filtered_entries();
    let g = &mut app.glossary;
    if g.filtering {
        match action {
            Action::Cancel => {
                g.filtering = false;
                g.filter.clear();
                g.selected = 0;
            }
            Action::Open => g.filtering = false,
            Action::DeleteChar => {
                g.filter.pop();
                g.selected = 0;
            }
            Action::ClearInput => {
                g.filter.clear();
                g.selected = 0;
            }
            Action::SelectNext | Action::SelectPrev => {
                if let Some(s) = select(g.selected, entries.len(), action) {
                    g.selected = s;
                }
            }
            _ => return false,
        }
        return true;
    }
    let selected_entry = entries
        .get(g.selected.min(entries.len().saturating_sub(1)))
        .copied();
    if let Some(occ) = g.occurrence {
        let occurrences = selected_entry.map_or(0, |e| app.occurrences()[e].len());
        let g = &mut app.glossary;
        if let Some(o) = select(occ, occurrences, action) {
            g.occurrence = Some(o);
            return true;
        }
        match action {
            Action::Open => {
                if let Some(e) = selected_entry
                    && let Some(o) = app.occurrences()[e].get(occ)
                {
                    app.reader.cursor = o.paragraph;
                    super::reader::reveal_cursor(app);
                    app.focus = Pane::Text;
                }
            }
            Action::Back | Action::Cancel => g.occurrence = None,
            _ => return false,
        }
        return true;
    }
    if let Some(s) = select(g.selected, entries.len(), action) {
        g.selected = s;
        return true;
    }
    match action {
        Action::Filter => {
            g.filtering = true;
            g.occurrence = None;
        }
        Action::Open => match selected_entry {
            Some(e) if !app.occurrences()[e].is_empty() => app.glossary.occurrence = Some(0),
            Some(e) => {
                let term = app.doc.glossary.entries[e].term.clone();
                app.info(format!("{term} does not occur in the text"));
            }
            None => app.info("No glossary entry matches the filter"),
        },
        Action::Cancel if !g.filter.is_empty() => {
            g.filter.clear();
            g.selected = 0;
        }
        Action::Back => app.info("Enter lists the occurrences of the selected term"),
        Action::DeleteItem => {
            app.info("Glossary entries belong to the article and cannot be deleted")
        }
        _ => return false,
    }
    true
}
