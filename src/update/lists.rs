//! The outline and the side pane's lists.

use ratatui::layout::{Position, Rect};

use crate::action::{Action, Pane};
use crate::app::App;

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

/// Handles actions of the side pane (the glossary view).
pub fn side(app: &mut App, action: &Action) -> bool {
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
        Action::SideNext => app.info("The side pane shows the glossary"),
        _ => return false,
    }
    true
}

/// The first row shown of a list of `len` rows in `height` rows, keeping `target` in the
/// middle where possible (stateless, so drawing and clicks agree).
pub fn list_offset(target: usize, len: usize, height: usize) -> usize {
    if len <= height {
        0
    } else {
        target.saturating_sub(height / 2).min(len - height)
    }
}

/// A click in the outline: jumps to the section on that row.
pub fn click_outline(app: &mut App, pane: Rect, at: Position) {
    let height = usize::from(pane.height.saturating_sub(2));
    let len = app.doc.sections.len();
    let target = if app.focus == Pane::Outline {
        app.outline_selected
    } else {
        app.current_section()
    };
    let Some(row) = at.y.checked_sub(pane.y + 1).map(usize::from) else {
        return;
    };
    let s = list_offset(target, len, height) + row;
    if row < height && s < len {
        app.outline_selected = s;
        super::reader::jump_to_section(app, s);
    }
}

/// A click in the side pane: selects the glossary entry on that row.
pub fn click_side(app: &mut App, pane: Rect, at: Position) {
    let rows = crate::ui::side::list_rows(app, pane);
    let Some(row) = at.y.checked_sub(rows.y).map(usize::from) else {
        return;
    };
    let entries = app.filtered_entries();
    let offset = list_offset(
        app.glossary.selected,
        entries.len(),
        usize::from(rows.height),
    );
    if row < usize::from(rows.height) && offset + row < entries.len() {
        app.glossary.selected = offset + row;
        app.glossary.occurrence = None;
    }
}
