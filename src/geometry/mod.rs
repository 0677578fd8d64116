//! Where things are on screen: pane, overlay and list rectangles, list offsets, and the hit
//! test of a mouse position. Plain arithmetic below state changes (`update`) and drawing
//! (`ui`), which both use it, so a click lands on what was drawn and `update` never asks a
//! view how tall it is. Heights come from the layout module's wrapped lines, never from
//! styled lines.

pub mod hit;
pub mod lists;
pub mod overlay;

use ratatui::layout::Rect;

use crate::settings::Settings;

/// Smallest terminal that shows the reader; below it a one-line message is shown.
pub const MIN_WIDTH: u16 = 20;
/// Smallest height: one text row, its borders, and the status bar.
pub const MIN_HEIGHT: u16 = 4;
/// Smallest height while the note editor is open.
pub const MIN_EDITOR_HEIGHT: u16 = 6;
/// The text pane keeps at least this many columns before side panes appear.
const MIN_TEXT: u16 = 56;

/// The rectangles of the panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    /// The outline, when shown.
    pub outline: Option<Rect>,
    /// The text pane (with its border).
    pub text: Rect,
    /// The side pane, when shown.
    pub side: Option<Rect>,
    /// The status bar.
    pub status: Rect,
    /// The terminal is too small for the reader.
    pub too_small: bool,
    /// A pane drawn over the text because it does not fit beside it.
    pub overlay: Option<crate::action::Pane>,
    /// The note editor, while open: docked below the text, or beside it when there is room.
    pub editor: Option<Rect>,
}

/// Lays out the panes: side panes collapse first (side, then outline) when the text would
/// get too narrow.
pub fn panes(area: Rect, s: &Settings) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            outline: None,
            text: Rect::default(),
            side: None,
            status: Rect::default(),
            too_small: true,
            overlay: None,
            editor: None,
        };
    }
    let body_h = area.height - 1;
    let status = Rect::new(area.x, area.y + body_h, area.width, 1);
    let outline_w = (area.width / 5).clamp(22, 34);
    let side_w = (area.width / 4).clamp(28, 44);
    // A screen reader reads one pane at a time: the others take the text's place when focused.
    let mut show_outline = s.show_outline && !s.screen_reader;
    let mut show_side = s.show_side && !s.screen_reader;
    let need =
        |o: bool, si: bool| MIN_TEXT + if o { outline_w } else { 0 } + if si { side_w } else { 0 };
    if show_side && area.width < need(show_outline, true) {
        show_side = false;
    }
    if show_outline && area.width < need(true, show_side) {
        show_outline = false;
    }
    let mut x = area.x;
    let mut width = area.width;
    let outline = show_outline.then(|| {
        let r = Rect::new(x, area.y, outline_w, body_h);
        x += outline_w;
        width -= outline_w;
        r
    });
    let side = show_side.then(|| {
        width -= side_w;
        Rect::new(x + width, area.y, side_w, body_h)
    });
    Panes {
        outline,
        text: Rect::new(x, area.y, width, body_h),
        side,
        status,
        too_small: false,
        overlay: None,
        editor: None,
    }
}

/// The narrowest the note editor gets beside the text.
const EDITOR_SIDE_MIN: u16 = 40;
/// The widest it gets there.
const EDITOR_SIDE_MAX: u16 = 64;
/// Rows the text keeps above the editor: one line and its borders.
const TEXT_ABOVE_EDITOR: u16 = 3;
/// The smallest editor that shows a line of text: its borders, a line, the key hints.
const EDITOR_MIN_ROWS: u16 = 4;

/// Docks the note editor in the text pane `text`: beside the text column when the pane has
/// room for the measure and the editor, else in its bottom part. Returns the text pane
/// that is left and the editor's rectangle. Too low for both, the editor takes the pane.
pub fn dock_editor(text: Rect, measure: u16) -> (Rect, Rect) {
    let column = measure + MARGIN + 2;
    if text.width >= column + EDITOR_SIDE_MIN {
        let w = (text.width - column).min(EDITOR_SIDE_MAX);
        let left = Rect::new(text.x, text.y, text.width - w, text.height);
        return (
            left,
            Rect::new(text.x + text.width - w, text.y, w, text.height),
        );
    }
    if text.height < TEXT_ABOVE_EDITOR + EDITOR_MIN_ROWS {
        return (text, text);
    }
    let h = (text.height / 2)
        .clamp(EDITOR_MIN_ROWS, 14)
        .min(text.height - TEXT_ABOVE_EDITOR);
    let above = Rect::new(text.x, text.y, text.width, text.height - h);
    (
        above,
        Rect::new(text.x, text.y + above.height, text.width, h),
    )
}

/// The text column inside the text pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextView {
    /// Where the margin (for markers) starts.
    pub margin_x: u16,
    /// Where the text starts.
    pub x: u16,
    /// First row.
    pub y: u16,
    /// Text width: the measure, or less in a narrow pane.
    pub width: u16,
    /// Number of rows.
    pub rows: usize,
}

/// Columns left of the text for the current-paragraph bar and note markers.
pub const MARGIN: u16 = 3;

/// Centres a column of at most `measure` columns in the text pane (inside its border).
pub fn text_view(pane: Rect, measure: u16) -> TextView {
    let inner_w = pane.width.saturating_sub(2);
    let width = measure.min(inner_w.saturating_sub(MARGIN)).max(1);
    let used = width + MARGIN;
    let margin_x = pane.x + 1 + inner_w.saturating_sub(used) / 2;
    TextView {
        margin_x,
        x: margin_x + MARGIN,
        y: pane.y + 1,
        width,
        rows: usize::from(pane.height.saturating_sub(2)).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_panes_collapse_side_first_then_outline() {
        let s = Settings::default();
        let p = panes(Rect::new(0, 0, 160, 40), &s);
        assert!(p.outline.is_some() && p.side.is_some());
        let p = panes(Rect::new(0, 0, 80, 24), &s);
        assert!(p.outline.is_some() && p.side.is_none());
        let p = panes(Rect::new(0, 0, 50, 24), &s);
        assert!(p.outline.is_none() && p.side.is_none());
        assert_eq!(p.text.width, 50);
        assert!(panes(Rect::new(0, 0, 19, 24), &s).too_small);
        assert!(panes(Rect::new(0, 0, 80, 3), &s).too_small);
    }

    #[test]
    fn the_editor_docks_below_or_beside_the_text() {
        let (text, ed) = dock_editor(Rect::new(0, 0, 80, 29), 80);
        assert_eq!((text.height, ed.y, ed.height), (15, 15, 14));
        let (text, ed) = dock_editor(Rect::new(0, 0, 140, 29), 80);
        assert_eq!((text.width, ed.x, ed.width, ed.height), (85, 85, 55, 29));
        let (text, ed) = dock_editor(Rect::new(0, 0, 60, 5), 80);
        assert_eq!(text, ed, "too low for both: the editor takes the pane");
    }

    #[test]
    fn text_is_centred_at_the_measure() {
        let v = text_view(Rect::new(0, 0, 120, 30), 80);
        assert_eq!(v.width, 80);
        assert_eq!(v.margin_x, 1 + (118 - 80 - MARGIN) / 2);
        assert_eq!(v.x, v.margin_x + MARGIN);
        let v = text_view(Rect::new(0, 0, 40, 30), 80);
        assert_eq!(v.width, 38 - MARGIN);
        assert_eq!(v.rows, 28);
    }
}
