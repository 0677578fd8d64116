//! The application state. Keys and mouse events are routed to actions in `input`.

pub mod editor;
pub mod input;
pub mod jumps;
pub mod library;
pub mod modal;
pub mod selection;
pub mod side;

use std::cell::{OnceCell, RefCell};

use ratatui::layout::Rect;

use crate::action::Pane;
use crate::geometry::{self, Panes};
use crate::keymap::{KeyChord, Keymap};
use crate::layout::{Anchor, Flow, Layout, LayoutCache, LayoutKey};
use crate::model::Document;
pub use crate::settings::{MEASURE_RANGE, Settings};
pub use editor::{NoteEditor, TermDraft};
pub use modal::{Modal, ModalKind, Modals, MouseGate};
pub use side::{ListPane, SidePane, SideView, glossary::Occurrence};

/// Position in the text: the current paragraph and the top of the view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reader {
    /// Index of the current paragraph.
    pub cursor: usize,
    /// The first line shown.
    pub top: Anchor,
}

/// The search prompt being typed; the view follows the first match as you type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchPrompt {
    /// The query so far.
    pub text: String,
    /// Where the search started (Esc goes back there).
    pub origin: Reader,
    /// The search for `text`, while it runs in steps (see [`App::search_in_steps`]).
    pub pending: Option<crate::search::SearchJob>,
    /// How many searches this prompt has started: one per edit (a paste is one edit).
    pub searches: u32,
}

/// The command line opened by `:`: a place to go to by number, or `q`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandLine {
    /// The command so far.
    pub text: String,
    /// The entry of [`App::command_history`] shown by Up and Down, if any.
    pub recalled: Option<usize>,
    /// It asks for the term of a new glossary entry of the student's (`D`), not a command.
    pub term: bool,
}

/// A search that was run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchState {
    /// The query.
    pub query: crate::search::Query,
    /// What it found.
    pub results: crate::search::Results,
    /// The match last moved to (an index into `results.text`).
    pub current: Option<usize>,
    /// Where the search started, until the reader moves on by other means.
    pub origin: Option<Reader>,
    /// The paragraphs of the text it has searched: fewer than the article has while the
    /// parts that arrived since it was made are searched, in steps between events (see
    /// `update::search::work`).
    pub searched: usize,
    /// Its footnotes, glossary and notes are to be searched again once the text is
    /// searched to the end: the article became whole after the search was made (its notes
    /// open then, its last footnotes come then).
    pub rest_stale: bool,
}

impl SearchState {
    /// A search that is complete on `doc`: every paragraph there is searched, and the rest.
    pub fn complete(
        query: crate::search::Query,
        results: crate::search::Results,
        doc: &Document,
    ) -> Self {
        SearchState {
            query,
            results,
            current: None,
            origin: None,
            searched: doc.paragraphs.len(),
            rest_stale: false,
        }
    }

    /// The range of `results.text` that falls in paragraph `p` (matches are sorted).
    pub fn matches_in(&self, p: usize) -> &[crate::search::TextMatch] {
        let m = &self.results.text;
        let start = m.partition_point(|t| t.paragraph < p);
        let end = m.partition_point(|t| t.paragraph <= p);
        &m[start..end]
    }
}

/// A glossary review session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewSession {
    /// The entry on the card, or `None` when nothing is left to review.
    pub entry: Option<usize>,
    /// The definition is shown.
    pub revealed: bool,
    /// Cards answered in this session.
    pub answered: usize,
    /// Cards answered "not yet", each with the number of answers after which it comes back.
    pub again: Vec<(usize, usize)>,
    /// The most cards this session shows.
    pub limit: usize,
}

impl ReviewSession {
    /// Whether the session showed all the cards it may.
    pub fn at_limit(&self) -> bool {
        self.answered >= self.limit
    }
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
        /// Digits typed so far (entries are numbered from 1).
        typed: String,
    },
    /// The links of a paragraph, where they go (lectern opens no browser).
    Links {
        /// One line per link: its text and its URL.
        lines: Vec<String>,
        /// Lines scrolled.
        scroll: usize,
    },
    /// Things to know at the start (damaged files, read-only notes, warnings), or a
    /// detached note read in full. Any key that does not scroll it closes it and then does
    /// what it does.
    Notice {
        /// Its title.
        title: String,
        /// One message each.
        lines: Vec<String>,
        /// Lines scrolled.
        scroll: usize,
    },
}

/// A key that waits for a letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Awaiting {
    /// `m`: the next letter names a bookmark to set.
    SetBookmark,
    /// `'`: the next letter names a bookmark to jump to.
    JumpBookmark,
}

/// What a yes/no question does on yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfirmAction {
    /// Close the editor without saving.
    DiscardNote,
    /// Delete this note (named by what does not change when the file is read again).
    DeleteNote(crate::notes::NoteKey),
    /// Delete a bookmark.
    DeleteBookmark(char),
    /// Delete the student's own glossary entry with this id.
    DeleteTerm(String),
    /// Quit although the notes could not be saved.
    QuitUnsaved,
}

/// A yes/no question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    /// The question.
    pub question: String,
    /// What yes does.
    pub on_yes: ConfirmAction,
}

/// Something for the terminal itself, written by the event loop after the next frame (the
/// update layer never writes to the terminal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermCommand {
    /// Put this text on the clipboard (OSC 52).
    CopyToClipboard(String),
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// An error (shown in the error style).
    pub error: bool,
}

/// An article still being read in the background (see [`crate::loading`] and
/// `update::loading`): what is shown is the part read so far.
#[derive(Debug, Default)]
pub struct Loading {
    /// The article's file, as messages name it.
    pub name: String,
    /// How far the reading is, for the status bar (empty until known).
    pub progress: String,
    /// The rest of the article, until the event loop starts reading it.
    pub rest: Option<crate::loading::Rest>,
    /// The data directory whose notes, reading state and cards open once the article is
    /// whole (never against part of it).
    pub storage: Option<std::path::PathBuf>,
    /// The saved position's paragraph, while it is not read yet.
    pub resume: Option<crate::model::ParagraphId>,
    /// The reader moved since the first screen: the saved position no longer applies.
    pub moved: bool,
    /// The last message about the reading (`update::loading::say`): it goes when the
    /// article is whole, if it is still shown.
    pub said: Option<String>,
    /// What to tell the reader once the article is whole (said at the start of the notice
    /// then shown).
    pub notice: Vec<String>,
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
    /// The side pane: its view and each view's list.
    pub side: SidePane,
    /// The open popup: the lowest layer of the modal stack (see [`App::modal_stack`]).
    pub popup: Option<Popup>,
    /// The other open modals, in routing order.
    pub modals: Modals,
    /// Keys typed so far of a multi-key binding.
    pub pending: Vec<KeyChord>,
    /// The status message.
    pub message: Option<Message>,
    /// Set when the user quits.
    pub should_quit: bool,
    /// Set when the screen should be cleared and drawn anew.
    pub redraw: bool,
    /// Set when the user asks to suspend: the event loop gives the terminal back and stops
    /// the process (the app cannot stop the process itself, or tests could not drive it).
    pub suspend_requested: bool,
    /// The reader's notes.
    pub notes: crate::notes::NotesStore,
    /// The last search.
    pub search: Option<SearchState>,
    /// Review cards and their schedule.
    pub cards: crate::notes::review::Review,
    /// Paragraphs whose end has been on screen.
    pub read: Vec<bool>,
    /// Position and bookmarks.
    pub state: crate::notes::state::ReadingState,
    /// Where `ExportNotes` writes (the current directory by default).
    pub export_dir: std::path::PathBuf,
    /// Where unsaved notes were copied when quitting failed to save them.
    pub unsaved_copy: Option<std::path::PathBuf>,
    /// The saved settings' file (`config.ron`): written when a setting changes in the
    /// reader; `None` keeps changes to this session (no file, or a damaged one).
    pub config_path: Option<std::path::PathBuf>,
    /// The saved settings as on disk; a change updates its field only, so a command-line
    /// flag given for this run is not saved with it.
    pub config: crate::config::ConfigFile,
    /// Set by the event loop: the search typed in the prompt runs in steps between events,
    /// so typing never waits for it (a book of 60 MB takes a second to search) and a query
    /// typed on drops the search of the one before; so does a search made while a book is
    /// read, into each part that arrives. Off, each search runs whole at once (tests, and
    /// anything that drives the app without an event loop).
    pub search_in_steps: bool,
    /// Places left by jumps (`C-o`, `C-i`, `''`).
    pub jumps: jumps::JumpList,
    /// A count typed before a motion (`5j`), while it waits for the motion.
    pub count: Option<u32>,
    /// Commands run from the command line, oldest first (Up recalls them).
    pub command_history: Vec<String>,
    /// Commands for the terminal, flushed by the event loop after drawing.
    pub outbox: Vec<TermCommand>,
    /// Occurrences of each glossary entry, found on first use (see `side::glossary`).
    occurrences: OnceCell<Vec<Vec<Occurrence>>>,
    /// The notes' [`terms_generation`](crate::notes::NotesStore::terms_generation) that
    /// the glossary holds the student's entries of (see `side::glossary`).
    terms_shown: u64,
    /// The data directory the notes and the library are kept in (see [`App::open_storage`]).
    pub data_dir: Option<std::path::PathBuf>,
    /// The library article to open when the reader closes (chosen on the library screen).
    pub open_next: Option<String>,
    /// The article is still being read (`None` once it is whole).
    pub loading: Option<Loading>,
    /// Why the article could not be read after the reader started (it then quits, and
    /// the caller says why).
    pub load_error: Option<crate::diag::FileError>,
}

/// What [`App`] holds of one article besides the article itself: made in one place for
/// a new reader ([`App::new`]) and for an article put in place of another
/// ([`App::set_doc`]).
struct PerArticle {
    flow: Flow,
    cache: RefCell<LayoutCache>,
    notes: crate::notes::NotesStore,
    cards: crate::notes::review::Review,
    read: Vec<bool>,
    state: crate::notes::state::ReadingState,
}

impl PerArticle {
    /// For `doc`: its flow, an empty layout cache, nothing read, and notes, reading state
    /// and cards in memory only (until [`App::attach_storage`]).
    fn new(doc: &Document) -> Self {
        let flow = Flow::new(doc);
        PerArticle {
            cache: RefCell::new(LayoutCache::new(flow.len())),
            flow,
            notes: crate::notes::NotesStore::in_memory(&doc.meta.id),
            cards: crate::notes::review::Review::in_memory(&doc.meta.id),
            read: vec![false; doc.paragraphs.len()],
            state: crate::notes::state::ReadingState::in_memory(&doc.meta.id),
        }
    }
}

impl App {
    /// A reader on `doc`, at its start.
    pub fn new(doc: Document, keymap: Keymap, settings: Settings) -> Self {
        let PerArticle {
            flow,
            cache,
            notes,
            cards,
            read,
            state,
        } = PerArticle::new(&doc);
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
            side: SidePane::default(),
            popup: None,
            modals: Modals::default(),
            pending: Vec::new(),
            message: None,
            should_quit: false,
            redraw: false,
            suspend_requested: false,
            notes,
            search: None,
            cards,
            read,
            state,
            export_dir: std::path::PathBuf::from("."),
            unsaved_copy: None,
            config_path: None,
            config: crate::config::ConfigFile::default(),
            search_in_steps: false,
            jumps: jumps::JumpList::default(),
            count: None,
            command_history: Vec::new(),
            outbox: Vec::new(),
            occurrences: OnceCell::new(),
            terms_shown: 0,
            data_dir: None,
            open_next: None,
            loading: None,
            load_error: None,
        }
    }

    /// Puts `doc` in place of the article: what is made from it (the flow, the layout
    /// cache, the read marks, the glossary's occurrences) made anew, the notes, reading
    /// state and cards in memory only until [`App::attach_storage`], the jump list empty.
    /// The view, the popups and the modals are the caller's to mend.
    pub fn set_doc(&mut self, doc: Document) {
        let fresh = PerArticle::new(&doc);
        self.doc = doc;
        self.flow = fresh.flow;
        self.cache = fresh.cache;
        self.notes = fresh.notes;
        self.cards = fresh.cards;
        self.read = fresh.read;
        self.state = fresh.state;
        self.forget_occurrences();
        self.jumps = Default::default();
    }

    /// Reads notes and reading state from `data_dir`, and goes back to the saved position.
    /// Returns what the user should be told (read-only notes, moved notes, damaged files).
    pub fn open_storage(&mut self, data_dir: &std::path::Path) -> Vec<String> {
        let messages = self.attach_storage(data_dir);
        if let Some(p) = self.state.position(&self.doc) {
            self.go_to_paragraph_top(p);
        }
        messages
    }

    /// Puts paragraph `p` at the top of the view.
    pub fn go_to_paragraph_top(&mut self, p: usize) {
        self.reader.cursor = p;
        let rows = self.text_view().rows;
        let item = self.flow.paragraph_item[p];
        self.reader.top = self
            .layout()
            .clamp_top(crate::layout::Anchor { item, line: 0 }, rows);
    }

    /// [`App::open_storage`] without going to the saved position.
    pub fn attach_storage(&mut self, data_dir: &std::path::Path) -> Vec<String> {
        self.data_dir = Some(data_dir.to_path_buf());
        let (notes, mut messages) = crate::notes::NotesStore::open(data_dir, &self.doc);
        self.notes = notes;
        let (state, message) = crate::notes::state::ReadingState::open(data_dir, &self.doc);
        self.state = state;
        messages.extend(message);
        self.sync_personal_terms();
        let (cards, message) = crate::notes::review::Review::open(data_dir, &self.doc);
        self.cards = cards;
        messages.extend(message);
        for p in self.state.read(&self.doc) {
            self.read[p] = true;
        }
        messages
    }

    /// Forgets the glossary's occurrences (the text grew or changed): found again on use.
    pub fn forget_occurrences(&mut self) {
        self.occurrences = OnceCell::new();
    }

    /// Where each pane goes at the current size.
    pub fn panes(&self) -> Panes {
        self.panes_in(self.area)
    }

    /// Where each pane goes in `area`.
    pub fn panes_in(&self, area: Rect) -> Panes {
        let mut panes = geometry::panes(area, &self.settings);
        // The note editor needs room to show what is typed: below it, the screen says it is
        // too small rather than take keys the user cannot see.
        if self.modals.has(ModalKind::Editor) && area.height < geometry::MIN_EDITOR_HEIGHT {
            panes.too_small = true;
        }
        if self.modals.has(ModalKind::Editor) && !panes.too_small {
            let (text, editor) = geometry::dock_editor(panes.text, self.settings.measure);
            panes.editor = Some(editor);
            if text != editor {
                panes.text = text;
            }
        }
        // A focused pane that does not fit beside the text takes the text's place.
        if !panes.too_small {
            match self.focus {
                Pane::Outline if panes.outline.is_none() && self.settings.show_outline => {
                    panes.outline = Some(panes.text);
                    panes.overlay = Some(Pane::Outline);
                }
                Pane::Side if panes.side.is_none() && self.settings.show_side => {
                    panes.side = Some(panes.text);
                    panes.overlay = Some(Pane::Side);
                }
                _ => {}
            }
        }
        panes
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
                inline_notes: self.settings.inline_notes,
            },
            notes: &self.notes,
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

    /// Marks as read every paragraph whose last line of text is on screen.
    pub fn mark_read(&mut self) {
        let rows = self.text_view().rows;
        let layout = self.layout();
        let mut newly = Vec::new();
        for a in layout.visible(self.reader.top, rows) {
            if let Some(p) = self.flow.paragraph_at(a.item)
                && !self.read[p]
                // Its last line of text: the blank line after it shows nothing of it.
                && a.line + 1 == layout.block(a.item).lines.len().max(1)
            {
                newly.push(p);
            }
        }
        for p in newly {
            self.read[p] = true;
        }
    }

    /// How much of the article has been read, in percent of its paragraphs.
    pub fn read_percent(&self) -> u8 {
        let n = self.read.len().max(1);
        (self.read.iter().filter(|r| **r).count() * 100 / n) as u8
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.set_area(Rect::new(0, 0, width, height));
    }

    /// Draws into `area` from now on (the whole terminal, or a test buffer's part); a hidden
    /// pane gives the focus to the text, the cursor stays in view, what shows counts as read.
    pub fn set_area(&mut self, area: Rect) {
        self.area = area;
        if !self.pane_shown(self.focus) {
            self.focus = Pane::Text;
        }
        crate::update::reader::keep_in_view(self);
        // What a resize brings on screen has been seen too.
        self.mark_read();
    }

    /// Whether a pane can have the focus: the text always; the outline and side pane when
    /// shown (beside the text, or over it on a narrow terminal).
    pub fn pane_shown(&self, pane: Pane) -> bool {
        let small = geometry::panes(self.area, &self.settings).too_small;
        !small
            && match pane {
                Pane::Text => true,
                Pane::Outline => self.settings.show_outline,
                Pane::Side => self.settings.show_side,
            }
    }
}
