//! User-adjustable settings: plain data, read by every layer. The theme is a choice here;
//! `ui::theme` turns it into styles.

/// The colour themes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeKind {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
}

impl ThemeKind {
    /// The other theme.
    pub fn toggled(self) -> ThemeKind {
        match self {
            ThemeKind::Dark => ThemeKind::Light,
            ThemeKind::Light => ThemeKind::Dark,
        }
    }
}

/// User-adjustable settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Reading measure: the most columns a line of text takes.
    pub measure: u16,
    /// Colour theme.
    pub theme: ThemeKind,
    /// No colours at all (`NO_COLOR`): styles use bold, reverse and underline only.
    pub no_color: bool,
    /// Capture the mouse.
    pub mouse: bool,
    /// Show notes under their paragraphs.
    pub inline_notes: bool,
    /// Show the outline pane (when the terminal is wide enough).
    pub show_outline: bool,
    /// Show the side pane (when the terminal is wide enough).
    pub show_side: bool,
    /// How footnote references look in the text.
    pub markers: crate::layout::MarkerStyle,
    /// The most cards one review (`R`) shows.
    pub review_cards: usize,
    /// For screen readers and braille displays: one pane at a time, the terminal's cursor
    /// at the start of the current paragraph, and no decorations that would be read aloud
    /// (box-drawing borders, margin glyphs, bars).
    pub screen_reader: bool,
    /// The style of copied quotations (`y`) and `lectern cite`.
    pub citation_style: crate::cite::CiteStyle,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            measure: 80,
            theme: ThemeKind::Dark,
            no_color: false,
            mouse: true,
            inline_notes: false,
            show_outline: true,
            show_side: true,
            markers: crate::layout::MarkerStyle::Superscript,
            review_cards: 20,
            screen_reader: false,
            citation_style: crate::cite::CiteStyle::Apa,
        }
    }
}

/// Bounds of the number of cards in one review.
pub const REVIEW_CARDS_RANGE: std::ops::RangeInclusive<usize> = 1..=1000;

/// Bounds of the reading measure.
pub const MEASURE_RANGE: std::ops::RangeInclusive<u16> = 20..=200;
