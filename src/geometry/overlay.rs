//! Overlays: where the popup, the help, a question and the review card go,
//! and how tall the popup's and the help's text is (counted in wrapped lines).

use ratatui::layout::Rect;

use crate::app::{App, Popup};
use crate::keymap::Keymap;
use crate::layout::WrappedLine;
use crate::layout::wrap::{MarkerStyle, WrapSpec, wrap};
use crate::model::{Document, Inline};

/// The widest a popup gets.
const POPUP_MAX_WIDTH: u16 = 76;

/// A wrap of plain text `width` columns wide, footnote markers in brackets.
pub fn wrap_spec(width: u16) -> WrapSpec {
    WrapSpec {
        width: usize::from(width).max(1),
        first_prefix: String::new(),
        rest_prefix: String::new(),
        preformatted: false,
        markers: MarkerStyle::Brackets,
    }
}

/// One unstyled text, wrapped to `width`.
pub fn wrap_plain(text: String, width: u16) -> Vec<WrappedLine> {
    let text = vec![Inline::Text {
        text,
        style: Default::default(),
    }];
    wrap(&text, &[], &wrap_spec(width))
}

fn popup_outer_width(screen: Rect) -> u16 {
    screen
        .width
        .saturating_sub(4)
        .clamp(screen.width.min(20), POPUP_MAX_WIDTH)
}

/// Width of the popup's text.
pub fn popup_text_width(screen: Rect) -> u16 {
    popup_outer_width(screen).saturating_sub(4).max(1)
}

/// A glossary entry's text, wrapped: a heading line for the term, one for the aliases (if
/// any), then the definition and the see-also line.
pub struct EntryText {
    /// The entry has aliases (a line "also: …").
    pub aliases: bool,
    /// The definition.
    pub definition: Vec<WrappedLine>,
    /// "See also: …", when the entry has see-also entries.
    pub see_also: Vec<WrappedLine>,
}

impl EntryText {
    /// Its number of lines.
    pub fn height(&self) -> usize {
        1 + usize::from(self.aliases) + self.definition.len() + self.see_also.len()
    }
}

/// Entry `e` of the glossary, wrapped to `width`.
pub fn entry_text(doc: &Document, e: usize, width: u16) -> EntryText {
    let entry = &doc.glossary.entries[e];
    let definition = wrap(&entry.definition, &[], &wrap_spec(width));
    let see_also = if entry.see_also.is_empty() {
        Vec::new()
    } else {
        let names: Vec<&str> = entry
            .see_also
            .iter()
            .map(|&i| doc.glossary.entries[i].term.as_str())
            .collect();
        wrap_plain(format!("See also: {}", names.join(", ")), width)
    };
    EntryText {
        aliases: !entry.aliases.is_empty(),
        definition,
        see_also,
    }
}

/// The messages of a notice, each wrapped to `width`.
pub fn notice_text(lines: &[String], width: u16) -> Vec<Vec<WrappedLine>> {
    lines
        .iter()
        .map(|m| wrap_plain(crate::sanitize::clean_line(m).into_owned(), width))
        .collect()
}

/// Footnote `n`, wrapped to `width` (`None` when the article lacks it).
pub fn footnote_text(doc: &Document, n: u32, width: u16) -> Option<Vec<WrappedLine>> {
    doc.footnote(n)
        .map(|f| wrap(&f.inlines, &[], &wrap_spec(width)))
}

/// Lines of the open popup's text (before scrolling).
pub fn popup_body_len(app: &App) -> usize {
    let width = popup_text_width(app.area);
    match app.popup.as_ref() {
        Some(Popup::Footnotes { numbers, index, .. }) => {
            footnote_text(&app.doc, numbers[*index], width).map_or(1, |l| l.len())
        }
        Some(Popup::Definitions { stack, .. }) => {
            let (entries, selected) = stack.last().cloned().unwrap_or_default();
            // A numbered list of the entries and a blank line, when there is a choice.
            let list = if entries.len() > 1 {
                entries.len() + 1
            } else {
                0
            };
            list + entries
                .get(selected)
                .map_or(0, |&e| entry_text(&app.doc, e, width).height())
        }
        Some(Popup::Notice { lines, .. } | Popup::Links { lines, .. }) => {
            let text = notice_text(lines, width);
            text.iter().map(Vec::len).sum::<usize>() + text.len().saturating_sub(1)
        }
        None => 0,
    }
}

/// The popup's rectangle: centred, as tall as its text, borders and hint line need.
pub fn popup_area(app: &App) -> Rect {
    let screen = app.area;
    let width = popup_outer_width(screen).min(screen.width);
    // Borders, body, hint line; never over the status bar.
    let max_h = screen.height.saturating_sub(1).max(1);
    let lines = u16::try_from(popup_body_len(app)).unwrap_or(u16::MAX);
    let height = lines.saturating_add(3).min(max_h);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (max_h - height) / 2,
        width,
        height,
    )
}

/// Rows available to the popup's text.
pub fn popup_body_rows(app: &App) -> usize {
    usize::from(popup_area(app).height.saturating_sub(3)).max(1)
}

/// How far the popup's text can scroll.
pub fn popup_max_scroll(app: &App) -> usize {
    popup_body_len(app).saturating_sub(popup_body_rows(app))
}

/// The help overlay's rectangle in `area`.
pub fn help_area(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(96);
    let h = area.height.saturating_sub(3);
    Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h)
}

/// Rows of help shown at once.
pub fn help_rows(area: Rect) -> usize {
    usize::from(help_area(area).height.saturating_sub(3)).max(1)
}

/// Columns of the help's text: inside its border and a column of margin on each side.
pub fn help_width(area: Rect) -> usize {
    usize::from(help_area(area).width.saturating_sub(4))
}

/// How far the help can scroll.
pub fn help_max_scroll(area: Rect, keymap: &Keymap) -> usize {
    crate::keymap::help::line_count(keymap, help_width(area)).saturating_sub(help_rows(area))
}

/// The review card's rectangle.
pub fn review_area(s: Rect) -> Rect {
    let w = s.width.saturating_sub(4).clamp(s.width.min(20), 72);
    let h = s.height.saturating_sub(3).clamp(s.height.min(6), 20);
    Rect::new(
        s.x + (s.width - w) / 2,
        s.y + s.height.saturating_sub(h + 1) / 2,
        w,
        h,
    )
}
