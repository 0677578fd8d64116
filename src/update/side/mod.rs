//! The side pane: switching views, the filter input every list shares, then the view's
//! own actions (one file per view).

mod bookmarks;
mod footnotes;
mod glossary;
mod highlights;
mod notes;
mod results;

use super::outline::select;
use crate::action::Action;
use crate::app::{App, ListPane, SideView};

/// Handles actions of the side pane: switching views, the filter, then the view's own.
pub fn update(app: &mut App, action: &Action) -> bool {
    if matches!(action, Action::SideNext | Action::SidePrev) && !app.typing() {
        let all = SideView::ALL;
        let i = all.iter().position(|v| *v == app.side.view).unwrap_or(0);
        let n = all.len();
        app.side.view = if *action == Action::SideNext {
            all[(i + 1) % n]
        } else {
            all[(i + n - 1) % n]
        };
        return true;
    }
    let view = app.side.view;
    if app.side[view].filtering {
        let len = app.side_len(view);
        return filter_input(&mut app.side[view], len, action);
    }
    match view {
        SideView::Glossary => glossary::update(app, action),
        SideView::Notes => notes::update(app, action),
        SideView::Highlights => highlights::update(app, action),
        SideView::Bookmarks => bookmarks::update(app, action),
        SideView::Results => results::update(app, action),
        SideView::Footnotes => footnotes::update(app, action),
    }
}

/// Filter editing shared by the lists: true when the action was the input's.
fn filter_input(list: &mut ListPane, len: usize, action: &Action) -> bool {
    match action {
        Action::Cancel => {
            list.filtering = false;
            list.filter.clear();
            list.filter_changed();
        }
        Action::Open => list.filtering = false,
        Action::DeleteChar => {
            list.filter.pop();
            list.filter_changed();
        }
        Action::ClearInput => {
            list.filter.clear();
            list.filter_changed();
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

/// Moves the current list's selection; true when `action` was such a move.
fn select_in(app: &mut App, action: &Action) -> bool {
    let len = app.side_len(app.side.view);
    let list = app.side.current_mut();
    match select(list.selected, len, action) {
        Some(s) => {
            list.selected = s;
            true
        }
        None => false,
    }
}

/// The common actions of a filterable list: `Filter` starts typing, `Cancel` drops the
/// filter. False for the others.
fn filter_keys(app: &mut App, action: &Action) -> bool {
    let list = app.side.current_mut();
    match action {
        Action::Filter => {
            list.filtering = true;
            list.detail = None;
        }
        Action::Cancel if !list.filter.is_empty() => {
            list.filter.clear();
            list.filter_changed();
        }
        _ => return false,
    }
    true
}

/// The row of `rows` the current list shows as selected (its selection clamped to the
/// rows, as drawn), if there is any row.
fn selected_row<T: Copy>(app: &App, rows: &[T]) -> Option<T> {
    let selected = app.side.current().selected;
    rows.get(selected.min(rows.len().saturating_sub(1)))
        .copied()
}

/// Types a character into the current list's filter.
pub fn type_char(app: &mut App, c: char) {
    let list = app.side.current_mut();
    list.filter.push(c);
    list.filter_changed();
}

/// Selects row `i` of the current list (a click).
pub fn select_row(app: &mut App, i: usize) {
    let list = app.side.current_mut();
    list.selected = i;
    list.detail = None;
}
