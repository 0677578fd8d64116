//! Styles in one place: a dark and a light theme, and a monochrome one for `NO_COLOR` that
//! marks focus, the cursor, footnote markers and terms with bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

pub use crate::settings::ThemeKind;

/// Every style the UI uses.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// Headings in the text.
    pub heading: Style,
    /// The article title.
    pub title: Style,
    /// Secondary text: authors, notes about them, hints.
    pub dim: Style,
    /// Footnote markers.
    pub marker: Style,
    /// Glossary terms in the text.
    pub term: Style,
    /// Links: underlined in a colour of their own, never the glossary terms' style.
    pub link: Style,
    /// Code.
    pub code: Style,
    /// Background of the current paragraph.
    pub current: Style,
    /// The bar in the margin beside the current paragraph.
    pub current_bar: Style,
    /// Pane borders.
    pub border: Style,
    /// The focused pane's border.
    pub border_focused: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// The current section in the outline.
    pub outline_current: Style,
    /// The status bar.
    pub status: Style,
    /// Error messages.
    pub error: Style,
    /// Popup background.
    pub popup: Style,
    /// Keys in help and hints.
    pub key: Style,
    /// The reader's notes (inline, and their markers).
    pub note: Style,
    /// Search matches on screen.
    pub search: Style,
    /// The current search match.
    pub search_current: Style,
    /// The tab of the side view shown.
    pub tab_active: Style,
    /// Plain text only (screen-reader mode): blank borders, words instead of glyphs.
    pub plain: bool,
    /// Highlights, by colour (1 to 4); underlined without colours.
    pub highlights: [Style; 4],
    /// The selection being made.
    pub selection: Style,
}

impl Theme {
    /// The theme for `kind`, or the monochrome one.
    pub fn new(kind: ThemeKind, no_color: bool) -> Theme {
        let b = Modifier::BOLD;
        if no_color {
            let plain = Style::new();
            return Theme {
                text: plain,
                heading: plain.add_modifier(b),
                title: plain.add_modifier(b),
                dim: plain,
                marker: plain.add_modifier(b),
                term: plain.add_modifier(Modifier::UNDERLINED),
                link: plain.add_modifier(Modifier::UNDERLINED),
                code: plain,
                current: plain,
                current_bar: plain.add_modifier(b),
                border: plain,
                border_focused: plain.add_modifier(b),
                selected: plain.add_modifier(Modifier::REVERSED),
                outline_current: plain.add_modifier(b),
                status: plain.add_modifier(Modifier::REVERSED),
                error: plain.add_modifier(b),
                popup: plain,
                key: plain.add_modifier(b),
                note: plain.add_modifier(Modifier::ITALIC),
                search: plain.add_modifier(Modifier::REVERSED),
                search_current: plain
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
                // Bold alone would not tell it from the keys beside it.
                tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                plain: false,
                highlights: {
                    let u = Modifier::UNDERLINED;
                    // Glossary terms are underlined alone: a highlight is more than that.
                    let i = Modifier::ITALIC;
                    [
                        plain.add_modifier(u | i),
                        plain.add_modifier(u | b),
                        plain.add_modifier(u | b | i),
                        plain.add_modifier(u | Modifier::DIM),
                    ]
                },
                selection: plain.add_modifier(Modifier::REVERSED),
            };
        }
        let link = match kind {
            ThemeKind::Dark => Color::Rgb(200, 150, 230),
            ThemeKind::Light => Color::Rgb(130, 50, 160),
        };
        // Accents only: text and backgrounds are the terminal's own (`Color::Reset`), so the
        // text reads on whatever background the terminal has, whichever theme is chosen;
        // what must stand out on a background (the status bar, a selection) is reversed.
        let (dim, accent, accent2, code) = match kind {
            ThemeKind::Dark => (
                Color::Rgb(140, 140, 130),
                Color::Rgb(230, 180, 80),
                Color::Rgb(120, 190, 230),
                Color::Rgb(160, 210, 150),
            ),
            ThemeKind::Light => (
                Color::Rgb(110, 110, 100),
                Color::Rgb(170, 90, 0),
                Color::Rgb(20, 90, 170),
                Color::Rgb(40, 110, 40),
            ),
        };
        let text = Style::new();
        Theme {
            text,
            heading: Style::new().fg(accent).add_modifier(b),
            title: Style::new().fg(accent).add_modifier(b),
            dim: Style::new().fg(dim),
            marker: Style::new().fg(accent).add_modifier(b),
            term: Style::new().fg(accent2).add_modifier(Modifier::UNDERLINED),
            link: Style::new().fg(link).add_modifier(Modifier::UNDERLINED),
            code: Style::new().fg(code),
            current: Style::new(),
            current_bar: Style::new().fg(accent).add_modifier(b),
            border: Style::new().fg(dim),
            border_focused: Style::new().fg(accent).add_modifier(b),
            selected: Style::new().add_modifier(Modifier::REVERSED | b),
            outline_current: Style::new().fg(accent).add_modifier(b),
            status: Style::new().add_modifier(Modifier::REVERSED),
            error: Style::new().fg(Color::Rgb(240, 90, 80)).add_modifier(b),
            popup: Style::new(),
            key: Style::new().fg(accent).add_modifier(b),
            note: Style::new().fg(code).add_modifier(Modifier::ITALIC),
            search: Style::new()
                .bg(Color::Rgb(120, 100, 20))
                .fg(Color::Rgb(255, 255, 255)),
            search_current: Style::new()
                .bg(Color::Rgb(230, 180, 80))
                .fg(Color::Rgb(0, 0, 0))
                .add_modifier(Modifier::BOLD),
            tab_active: Style::new().fg(accent).add_modifier(b),
            plain: false,
            highlights: match kind {
                ThemeKind::Dark => {
                    [(90, 80, 20), (30, 80, 40), (30, 60, 100), (100, 40, 80)].map(|(r, g, b)| {
                        Style::new()
                            .bg(Color::Rgb(r, g, b))
                            .fg(Color::Rgb(255, 255, 255))
                    })
                }
                ThemeKind::Light => [
                    (250, 235, 140),
                    (190, 235, 190),
                    (190, 215, 250),
                    (245, 200, 225),
                ]
                .map(|(r, g, b)| Style::new().bg(Color::Rgb(r, g, b)).fg(Color::Rgb(0, 0, 0))),
            },
            selection: Style::new().add_modifier(Modifier::REVERSED),
        }
    }
}
