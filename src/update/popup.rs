//! Footnote and definition popups: moving between items, scrolling, following see-also
//! links. The reading position never moves while a popup is open.

use crate::action::Action;
use crate::app::{App, Popup};

/// Handles `action` for the open popup; false when it is not the popup's (`Quit`, `Help`,
/// `Suspend`, `Redraw`).
pub fn update(app: &mut App, action: &Action) -> bool {
    let rows = crate::geometry::overlay::popup_body_rows(app);
    let max_scroll = crate::geometry::overlay::popup_max_scroll(app);
    let Some(popup) = app.popup.as_mut() else {
        return false;
    };
    if !matches!(action, Action::Digit(_)) {
        // Any other key ends a number being typed: `1 n 3` selects 3, not 13.
        if let Popup::Footnotes { typed, .. } | Popup::Definitions { typed, .. } = popup {
            typed.clear();
        }
    }
    let message = match (popup, action) {
        (_, Action::Quit | Action::Help | Action::Suspend | Action::Redraw) => return false,
        (_, Action::Cancel) => {
            app.popup = None;
            None
        }
        (
            Popup::Footnotes { scroll, .. }
            | Popup::Definitions { scroll, .. }
            | Popup::Notice { scroll, .. }
            | Popup::Links { scroll, .. },
            Action::Scroll(s),
        ) => {
            let delta = super::reader::scroll_lines(*s, rows);
            *scroll = scroll.saturating_add_signed(delta as isize).min(max_scroll);
            None
        }
        (popup @ Popup::Footnotes { .. }, _) => footnotes(popup, action),
        (popup @ Popup::Definitions { .. }, _) => {
            definitions(popup, action, rows, &app.doc.glossary)
        }
        (Popup::Notice { .. } | Popup::Links { .. }, _) => None,
    };
    if let Some(m) = message {
        app.info(m);
    }
    true
}

/// Actions of the footnotes popup; returns what to tell the user.
fn footnotes(popup: &mut Popup, action: &Action) -> Option<String> {
    let Popup::Footnotes {
        numbers,
        index,
        scroll,
        typed,
    } = popup
    else {
        return None;
    };
    match action {
        Action::SelectNext | Action::SelectPrev => {
            let n = numbers.len();
            *index = if *action == Action::SelectNext {
                (*index + 1) % n
            } else {
                (*index + n - 1) % n
            };
            *scroll = 0;
            typed.clear();
        }
        Action::Digit(d) => {
            typed.push(char::from(b'0' + d.min(&9)));
            let find = |t: &str| numbers.iter().position(|n| n.to_string() == t);
            let prefix = |t: &str| numbers.iter().any(|n| n.to_string().starts_with(t));
            if let Some(i) = find(typed) {
                *index = i;
                *scroll = 0;
                if !numbers.iter().any(|n| {
                    n.to_string().len() > typed.len() && n.to_string().starts_with(typed.as_str())
                }) {
                    typed.clear();
                }
            } else if !prefix(typed) {
                let shown = typed.clone();
                typed.clear();
                return Some(format!("No footnote {shown} in this paragraph"));
            }
        }
        Action::Open | Action::Back => {
            return Some("Footnotes have no links to follow here; Esc closes".into());
        }
        _ => {}
    }
    None
}

/// Actions of the definitions popup (`rows` of it shown); returns what to tell the user.
fn definitions(
    popup: &mut Popup,
    action: &Action,
    rows: usize,
    glossary: &crate::model::Glossary,
) -> Option<String> {
    let Popup::Definitions {
        stack,
        scroll,
        typed,
    } = popup
    else {
        return None;
    };
    match action {
        Action::SelectNext | Action::SelectPrev => {
            if let Some((entries, selected)) = stack.last_mut() {
                let n = entries.len();
                *selected = if *action == Action::SelectNext {
                    (*selected + 1) % n
                } else {
                    (*selected + n - 1) % n
                };
                *scroll = keep_row_visible(*selected, *scroll, rows);
            }
        }
        Action::Digit(d) => {
            if let Some((entries, selected)) = stack.last_mut() {
                typed.push(char::from(b'0' + d.min(&9)));
                let n = entries.len();
                match typed.parse::<usize>().ok().filter(|k| (1..=n).contains(k)) {
                    Some(k) => {
                        *selected = k - 1;
                        *scroll = keep_row_visible(*selected, *scroll, rows);
                        // Wait for another digit only while a longer number could follow.
                        if k * 10 > n {
                            typed.clear();
                        }
                    }
                    None => {
                        let message = format!("No entry {typed} in this list");
                        typed.clear();
                        return Some(message);
                    }
                }
            }
        }
        Action::Open => {
            if let Some((entries, selected)) = stack.last() {
                let entry = &glossary.entries[entries[*selected]];
                if entry.see_also.is_empty() {
                    return Some(format!("{} has no see-also entries", entry.term));
                }
                stack.push((entry.see_also.clone(), 0));
                *scroll = 0;
            }
        }
        Action::Back => {
            if stack.len() > 1 {
                stack.pop();
                *scroll = 0;
            } else {
                return Some("Already at the paragraph's terms".into());
            }
        }
        _ => {}
    }
    None
}

/// The scroll offset that keeps row `row` of a list in a window of `rows` rows.
fn keep_row_visible(row: usize, scroll: usize, rows: usize) -> usize {
    if row < scroll {
        row
    } else if row >= scroll + rows {
        row + 1 - rows
    } else {
        scroll
    }
}
