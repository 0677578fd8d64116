//! The modal stack: what takes the keys before the panes. Its order is written once, in
//! [`ModalKind`]; key routing (`App::layers`), dispatch (`update`), drawing (`ui::draw_to`,
//! bottom up) and the mouse gate (`App::mouse_gate`) all walk [`App::modal_stack`].

use super::library::LibraryScreen;
use super::{App, Awaiting, CommandLine, Confirm, NoteEditor, ReviewSession, SearchPrompt};
use crate::keymap::Context;

/// The kinds of modal, top first: a higher one takes the keys before a lower one, and is
/// drawn over it. Help opened over the search prompt takes the keys until it closes; a
/// popup opened by a click while typing a search stays under the prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ModalKind {
    /// A key waiting for a letter (`m`, `'`): the next key is its letter.
    Awaiting,
    /// A yes/no question.
    Confirm,
    /// The note editor.
    Editor,
    /// The help overlay.
    Help,
    /// The search prompt.
    Prompt,
    /// The command line (`:`).
    Command,
    /// A glossary review card.
    Review,
    /// The library screen (over the whole reader).
    Library,
    /// A selection of text being made.
    Selection,
    /// A footnote, definitions or notice popup (its state is [`App::popup`]).
    Popup,
}

/// What a mouse event does while a modal is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MouseGate {
    /// The panes take it as usual.
    Panes,
    /// The wheel scrolls the overlay; a click outside it closes it.
    Overlay,
    /// It is ignored.
    Ignored,
}

impl ModalKind {
    /// The keymap contexts a key is looked up in while this modal is on top.
    pub fn contexts(self) -> &'static [Context] {
        match self {
            // The letter is taken before any lookup.
            ModalKind::Awaiting => &[],
            ModalKind::Confirm => &[Context::Confirm],
            ModalKind::Editor => &[Context::Editor],
            ModalKind::Help => &[Context::Help, Context::Global],
            ModalKind::Prompt | ModalKind::Command => &[Context::Input],
            ModalKind::Review => &[Context::Review, Context::Global],
            ModalKind::Library => &[Context::Library, Context::Global],
            ModalKind::Popup => &[Context::Popup, Context::Global],
            ModalKind::Selection => &[Context::Selection, Context::Global],
        }
    }

    /// What the mouse does while this modal is open.
    pub fn mouse(self) -> MouseGate {
        match self {
            ModalKind::Awaiting | ModalKind::Prompt | ModalKind::Command => MouseGate::Panes,
            ModalKind::Selection => MouseGate::Panes,
            ModalKind::Help | ModalKind::Popup => MouseGate::Overlay,
            ModalKind::Confirm | ModalKind::Editor | ModalKind::Review | ModalKind::Library => {
                MouseGate::Ignored
            }
        }
    }
}

/// An open modal and its state.
// The stack holds at most one modal of each kind: the editor's size costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Modal {
    /// A key waiting for a letter.
    Awaiting(Awaiting),
    /// A yes/no question.
    Confirm(Confirm),
    /// The note editor.
    Editor(NoteEditor),
    /// The help overlay, with its scroll offset.
    Help(usize),
    /// The search prompt, while typing.
    Prompt(SearchPrompt),
    /// The command line, while typing.
    Command(CommandLine),
    /// A glossary review session.
    Review(ReviewSession),
    /// The library screen.
    Library(LibraryScreen),
    /// A selection of text.
    Selection(super::selection::Selection),
}

impl Modal {
    /// Its kind.
    pub fn kind(&self) -> ModalKind {
        match self {
            Modal::Awaiting(_) => ModalKind::Awaiting,
            Modal::Confirm(_) => ModalKind::Confirm,
            Modal::Editor(_) => ModalKind::Editor,
            Modal::Help(_) => ModalKind::Help,
            Modal::Prompt(_) => ModalKind::Prompt,
            Modal::Command(_) => ModalKind::Command,
            Modal::Review(_) => ModalKind::Review,
            Modal::Library(_) => ModalKind::Library,
            Modal::Selection(_) => ModalKind::Selection,
        }
    }
}

/// The open modals, top first, at most one of each kind.
#[derive(Default)]
pub struct Modals(Vec<Modal>);

/// A reader and a writer of one kind's state.
macro_rules! accessors {
    ($($get:ident, $get_mut:ident, $variant:ident, $ty:ty;)*) => {
        $(
            #[doc = concat!("The open ", stringify!($variant), " modal's state.")]
            pub fn $get(&self) -> Option<&$ty> {
                self.0.iter().find_map(|m| match m {
                    Modal::$variant(x) => Some(x),
                    _ => None,
                })
            }

            #[doc = concat!("The open ", stringify!($variant), " modal's state, to change.")]
            pub fn $get_mut(&mut self) -> Option<&mut $ty> {
                self.0.iter_mut().find_map(|m| match m {
                    Modal::$variant(x) => Some(x),
                    _ => None,
                })
            }
        )*
    };
}

impl Modals {
    /// Opens `modal` at its place in the order, replacing one of its kind.
    pub fn open(&mut self, modal: Modal) {
        let kind = modal.kind();
        self.0.retain(|m| m.kind() != kind);
        let at = self.0.partition_point(|m| m.kind() < kind);
        self.0.insert(at, modal);
    }

    /// Closes the modal of `kind`, returning it.
    pub fn close(&mut self, kind: ModalKind) -> Option<Modal> {
        let i = self.0.iter().position(|m| m.kind() == kind)?;
        Some(self.0.remove(i))
    }

    /// Whether a modal of `kind` is open.
    pub fn has(&self, kind: ModalKind) -> bool {
        self.0.iter().any(|m| m.kind() == kind)
    }

    /// The open modals, top first.
    pub fn iter(&self) -> impl Iterator<Item = &Modal> {
        self.0.iter()
    }

    accessors! {
        awaiting, awaiting_mut, Awaiting, Awaiting;
        confirm, confirm_mut, Confirm, Confirm;
        editor, editor_mut, Editor, NoteEditor;
        help, help_mut, Help, usize;
        prompt, prompt_mut, Prompt, SearchPrompt;
        command, command_mut, Command, CommandLine;
        review, review_mut, Review, ReviewSession;
        library, library_mut, Library, LibraryScreen;
        selection, selection_mut, Selection, super::selection::Selection;
    }

    /// Closes the question, returning it.
    pub fn take_confirm(&mut self) -> Option<Confirm> {
        match self.close(ModalKind::Confirm)? {
            Modal::Confirm(c) => Some(c),
            _ => None,
        }
    }

    /// Closes the search prompt, returning it.
    pub fn take_prompt(&mut self) -> Option<SearchPrompt> {
        match self.close(ModalKind::Prompt)? {
            Modal::Prompt(p) => Some(p),
            _ => None,
        }
    }

    /// Stops waiting for a letter, returning what was waiting.
    pub fn take_awaiting(&mut self) -> Option<Awaiting> {
        match self.close(ModalKind::Awaiting)? {
            Modal::Awaiting(a) => Some(a),
            _ => None,
        }
    }
}

impl App {
    /// The open modals, top first: the one ordered stack that routing, dispatch, drawing
    /// and the mouse gate read.
    pub fn modal_stack(&self) -> Vec<ModalKind> {
        let mut stack: Vec<ModalKind> = self.modals.iter().map(Modal::kind).collect();
        if self.popup.is_some() {
            // The popup is the lowest kind, so it goes last.
            stack.push(ModalKind::Popup);
        }
        stack
    }

    /// The modal that takes the keys, if any.
    pub fn top_modal(&self) -> Option<ModalKind> {
        self.modal_stack().first().copied()
    }

    /// Whether a modal of `kind` is open.
    pub fn has_modal(&self, kind: ModalKind) -> bool {
        match kind {
            ModalKind::Popup => self.popup.is_some(),
            _ => self.modals.has(kind),
        }
    }

    /// What the mouse does now: the strictest gate of the open modals (a question, the
    /// editor or a review card anywhere in the stack keeps the mouse off).
    pub fn mouse_gate(&self) -> MouseGate {
        self.modal_stack()
            .into_iter()
            .map(ModalKind::mouse)
            .max()
            .unwrap_or(MouseGate::Panes)
    }

    /// The help overlay's scroll offset, when it is open.
    pub fn help(&self) -> Option<usize> {
        self.modals.help().copied()
    }

    /// The note editor, when it is open.
    pub fn editor(&self) -> Option<&NoteEditor> {
        self.modals.editor()
    }

    /// The open yes/no question.
    pub fn confirm(&self) -> Option<&Confirm> {
        self.modals.confirm()
    }

    /// The search prompt, while typing.
    pub fn prompt(&self) -> Option<&SearchPrompt> {
        self.modals.prompt()
    }

    /// The command line, while typing.
    pub fn command(&self) -> Option<&CommandLine> {
        self.modals.command()
    }

    /// The open review session.
    pub fn review(&self) -> Option<ReviewSession> {
        self.modals.review().cloned()
    }

    /// A key waiting for a letter.
    pub fn awaiting(&self) -> Option<Awaiting> {
        self.modals.awaiting().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modals_keep_their_order_whatever_order_they_open_in() {
        let mut m = Modals::default();
        m.open(Modal::Help(0));
        m.open(Modal::Prompt(SearchPrompt {
            text: String::new(),
            origin: Default::default(),
            pending: None,
            searches: 0,
        }));
        m.open(Modal::Awaiting(Awaiting::SetBookmark));
        m.open(Modal::Help(3));
        let kinds: Vec<ModalKind> = m.iter().map(Modal::kind).collect();
        assert_eq!(
            kinds,
            [ModalKind::Awaiting, ModalKind::Help, ModalKind::Prompt]
        );
        assert_eq!(m.help(), Some(&3), "opening again replaces");
        assert!(m.take_awaiting().is_some());
        assert!(!m.has(ModalKind::Awaiting));
    }
}
