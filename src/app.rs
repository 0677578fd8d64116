//! The application state, and the routing of keys and mouse events to actions.

use std::cell::{OnceCell, RefCell};

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::action::{Action, Pane, Scroll};
use crate::keymap::{Context, KeyChord, Keymap, Lookup, key::seq_to_string};
use crate::layout::{Anchor, Flow, Layout, LayoutCache, LayoutKey, MarkerStyle};
use crate::model::Document;
use crate::ui::geometry::{self, Panes};
use crate::ui::theme::ThemeKind;

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
    /// Show the outline pane (when the terminal is wide enough).
    pub show_outline: bool,
    /// Show the side pane (when the terminal is wide enough).
    pub show_side: bool,
    /// How footnote references look in the text.
    pub markers: MarkerStyle,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            measure: 80,
            theme: ThemeKind::Dark,
            no_color: false,
            mouse: true,
            show_outline: true,
            show_side: true,
            markers: MarkerStyle::Superscript,
        }
    }
}

/// Bounds of the reading measure.
pub const MEASURE_RANGE: std::ops::RangeInclusive<u16> = 20..=200;

/// Position in the text: the current paragraph and the top of the view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reader {
    /// Index of the current paragraph.
    pub cursor: usize,
    /// The first line shown.
    pub top: Anchor,
}

/// An open popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    /// The footnotes of a paragraph.
    Footnotes {
        /// Their numbers, in order of reference.
        numbers: Vec<u32>,
        /// The one shown.
        index: usize,
        /// Lines scrolled.
        scroll: usize,
        /// Digits typed so far.
        typed: String,
    },
    /// Glossary definitions; each level is a list of entries (the paragraph's terms, then
    /// the see-also entries followed from there).
    Definitions {
        /// (entries, selected) per level; the last is shown.
        stack: Vec<(Vec<usize>, usize)>,
        /// Lines scrolled.
        scroll: usize,
    },
}

/// The views of the side pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideView {
    /// The glossary.
    #[default]
    Glossary,
}

/// State of the glossary list in the side pane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GlossaryPane {
    /// Filter text.
    pub filter: String,
    /// Typing into the filter.
    pub filtering: bool,
    /// Selected row of the filtered list.
    pub selected: usize,
    /// Selected occurrence, when the occurrence list has the focus.
    pub occurrence: Option<usize>,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// An error (shown in the error style).
    pub error: bool,
}

/// An occurrence of a glossary entry: paragraph and byte range in its plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte range in its plain text.
    pub range: std::ops::Range<usize>,
}

/// Everything the reader shows and remembers.
pub struct App {
    /// The article.
    pub doc: Document,
    /// Its blocks in reading order.
    pub flow: Flow,
    /// Wrapped blocks.
    pub cache: RefCell<LayoutCache>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Settings.
    pub settings: Settings,
    /// The terminal's size.
    pub area: Rect,
    /// The focused pane.
    pub focus: Pane,
    /// Position in the text.
    pub reader: Reader,
    /// Selected row of the outline when it has the focus.
    pub outline_selected: usize,
    /// The side pane's view.
    pub side_view: SideView,
    /// The glossary list.
    pub glossary: GlossaryPane,
    /// The open popup.
    pub popup: Option<Popup>,
    /// The help overlay, with its scroll offset.
    pub help: Option<usize>,
    /// Keys typed so far of a multi-key binding.
    pub pending: Vec<KeyChord>,
    /// The status message.
    pub message: Option<Message>,
    /// Set when the user quits.
    pub should_quit: bool,
    /// Set when the screen should be cleared and drawn anew.
    pub redraw: bool,
    /// Occurrences of each glossary entry, found on first use.
    occurrences: OnceCell<Vec<Vec<Occurrence>>>,
}

impl App {
    /// A reader on `doc`, at its start.
    pub fn new(doc: Document, keymap: Keymap, settings: Settings) -> Self {
        let flow = Flow::new(&doc);
        let cache = RefCell::new(LayoutCache::new(flow.len()));
        App {
            doc,
            flow,
            cache,
            keymap,
            settings,
            area: Rect::new(0, 0, 80, 24),
            focus: Pane::Text,
            reader: Reader::default(),
            outline_selected: 0,
            side_view: SideView::Glossary,
            glossary: GlossaryPane::default(),
            popup: None,
            help: None,
            pending: Vec::new(),
            message: None,
            should_quit: false,
            redraw: false,
            occurrences: OnceCell::new(),
        }
    }

    /// Where each pane goes at the current size.
    pub fn panes(&self) -> Panes {
        geometry::panes(self.area, &self.settings)
    }

    /// The text column and its number of rows.
    pub fn text_view(&self) -> geometry::TextView {
        geometry::text_view(self.panes().text, self.settings.measure)
    }

    /// The layout at the current width.
    pub fn layout(&self) -> Layout<'_> {
        Layout {
            doc: &self.doc,
            flow: &self.flow,
            cache: &self.cache,
            key: LayoutKey {
                width: self.text_view().width,
                markers: self.settings.markers,
            },
        }
    }

    /// Sets the status message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// Sets an error message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The index of the section the current paragraph is in.
    pub fn current_section(&self) -> usize {
        self.doc
            .paragraphs
            .get(self.reader.cursor)
            .map_or(0, |p| p.section)
    }

    /// Occurrences of every glossary entry in the text (computed on first use).
    pub fn occurrences(&self) -> &[Vec<Occurrence>] {
        self.occurrences.get_or_init(|| {
            let mut out = vec![Vec::new(); self.doc.glossary.entries.len()];
            for (p, para) in self.doc.paragraphs.iter().enumerate() {
                if para.kind == crate::model::BlockKind::Code {
                    continue;
                }
                for m in self.doc.glossary.find_in(&para.plain_text()) {
                    out[m.entry].push(Occurrence {
                        paragraph: p,
                        range: m.range,
                    });
                }
            }
            out
        })
    }

    /// Glossary entries that pass the filter, in glossary order.
    pub fn filtered_entries(&self) -> Vec<usize> {
        let needle = self.glossary.filter.to_lowercase();
        self.doc
            .glossary
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                needle.is_empty() || e.spellings().any(|s| s.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether a one-line input has the keyboard.
    pub fn typing(&self) -> bool {
        self.focus == Pane::Side
            && self.glossary.filtering
            && self.popup.is_none()
            && self.help.is_none()
    }

    /// The contexts a key is looked up in, in order.
    pub fn layers(&self) -> Vec<Context> {
        if self.typing() {
            return vec![Context::Input];
        }
        if self.help.is_some() {
            return vec![Context::Help, Context::Global];
        }
        if self.popup.is_some() {
            return vec![Context::Popup, Context::Global];
        }
        let pane = match self.focus {
            Pane::Outline => Context::Outline,
            Pane::Text => Context::Text,
            Pane::Side => Context::Side,
        };
        vec![pane, Context::Global]
    }

    /// Handles one key press: completes or extends a multi-key binding, types into an
    /// input, or reports an unbound key.
    pub fn handle_key(&mut self, chord: KeyChord) {
        self.message = None;
        let mut seq = std::mem::take(&mut self.pending);
        seq.push(chord);
        match self.keymap.lookup(&self.layers(), &seq) {
            Lookup::Matched(action) => crate::update::update(self, action),
            Lookup::Pending => self.pending = seq,
            Lookup::NotFound => {
                if seq.len() == 1
                    && self.typing()
                    && let Some(c) = chord.typed_char()
                {
                    crate::update::type_char(self, c);
                } else if seq.len() > 1 || chord.typed_char().is_some() {
                    self.error(format!(
                        "{} is not bound (? shows the keys)",
                        seq_to_string(&seq)
                    ));
                }
            }
        }
    }

    /// Handles a mouse event (when mouse support is on).
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if !self.settings.mouse {
            return;
        }
        let at = Position::new(ev.column, ev.row);
        let panes = self.panes();
        let over = |r: Option<Rect>| r.is_some_and(|r| r.contains(at));
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let n = if ev.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if self.help.is_some() || self.popup.is_some() {
                    crate::update::update(self, Action::Scroll(Scroll::Lines(n)));
                } else if over(Some(panes.text)) {
                    crate::update::reader::scroll(self, Scroll::Lines(n));
                } else if over(panes.outline) || over(panes.side) {
                    let pane = if over(panes.outline) {
                        Pane::Outline
                    } else {
                        Pane::Side
                    };
                    self.focus = pane;
                    let a = if n > 0 {
                        Action::SelectNext
                    } else {
                        Action::SelectPrev
                    };
                    crate::update::update(self, a);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.message = None;
                if self.help.is_some() || self.popup.is_some() {
                    // A click outside the popup closes it.
                    if !crate::ui::popup::area(self).contains(at) {
                        crate::update::update(self, Action::Cancel);
                    }
                } else if over(Some(panes.text)) {
                    self.focus = Pane::Text;
                    crate::update::reader::click(self, at);
                } else if let Some(r) = panes.outline.filter(|r| r.contains(at)) {
                    self.focus = Pane::Outline;
                    crate::update::lists::click_outline(self, r, at);
                } else if let Some(r) = panes.side.filter(|r| r.contains(at)) {
                    self.focus = Pane::Side;
                    crate::update::lists::click_side(self, r, at);
                }
            }
            _ => {}
        }
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.set_area(Rect::new(0, 0, width, height));
    }

    /// Draws into `area` from now on (the whole terminal, or part of a test buffer).
    pub fn set_area(&mut self, area: Rect) {
        self.area = area;
        if !self.pane_shown(self.focus) {
            self.focus = Pane::Text;
        }
        crate::update::reader::keep_in_view(self);
    }

    /// Whether a pane is on screen now.
    pub fn pane_shown(&self, pane: Pane) -> bool {
        let p = self.panes();
        match pane {
            Pane::Text => !p.too_small,
            Pane::Outline => p.outline.is_some(),
            Pane::Side => p.side.is_some(),
        }
    }
}
