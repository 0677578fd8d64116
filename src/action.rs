//! Everything the user can ask lectern to do. Keymaps bind keys to these; `update` carries
//! them out; the help overlay shows each variant's doc line, so every doc line is written
//! for the user. Mouse events become the internal variants (`Click`, `Wheel`), which no
//! keymap can name (`#[serde(skip)]`) and the help never lists (it lists bindings).

use ratatui::layout::Position;
use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumMessage};

/// The panes of the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, EnumIter)]
pub enum Pane {
    /// The outline of sections.
    Outline,
    /// The text.
    #[default]
    Text,
    /// The side pane (glossary and lists).
    Side,
}

/// How far to scroll; positive is down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scroll {
    /// By lines.
    Lines(i32),
    /// By half the height of the view.
    HalfPages(i32),
    /// By the height of the view.
    Pages(i32),
}

impl Default for Scroll {
    fn default() -> Self {
        Scroll::Lines(1)
    }
}

/// What is under the mouse, found by `geometry::hit::hit_test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Inside the open popup (or help) that takes the mouse.
    Overlay,
    /// Outside it: a click there closes it.
    OutsideOverlay,
    /// A cell of the text pane.
    Text(Position),
    /// The outline pane: the section on that row, if any.
    Outline(Option<usize>),
    /// The side pane: the item of its current list on that row, if any.
    Side(Option<usize>),
}

/// A user action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, EnumMessage, EnumIter)]
pub enum Action {
    /// Quit lectern
    Quit,
    /// Show or hide the help
    Help,
    /// Close the popup; cancel a pending key, input or selection
    Cancel,
    /// Focus the next pane
    FocusNext,
    /// Focus the previous pane
    FocusPrev,
    /// Focus a pane, showing it if it was hidden
    Focus(Pane),
    /// Show or hide a pane
    TogglePane(Pane),
    /// Switch between the dark and the light theme
    ToggleTheme,
    /// Turn mouse support on or off
    ToggleMouse,
    /// Widen or narrow the reading measure by some columns
    Measure(i16),
    /// Redraw the screen
    Redraw,
    /// Suspend lectern to the shell (`fg` brings it back)
    Suspend,
    /// Go to the next paragraph
    NextParagraph,
    /// Go to the previous paragraph
    PrevParagraph,
    /// Scroll the text (or the popup) by lines or pages
    Scroll(Scroll),
    /// Go to the start
    GoToStart,
    /// Go to the end
    GoToEnd,
    /// Go to the next section
    NextSection,
    /// Go to the previous section
    PrevSection,
    /// Open the footnotes of the current paragraph
    OpenFootnotes,
    /// Open the definitions of the glossary terms in the current paragraph
    OpenDefinitions,
    /// Select the next item
    SelectNext,
    /// Select the previous item
    SelectPrev,
    /// Select the first item
    SelectFirst,
    /// Select the last item
    SelectLast,
    /// Open the selected item (jump there, follow the link)
    Open,
    /// Go back to the previous entry
    Back,
    /// Type a number to select an item (a footnote by its number)
    Digit(u8),
    /// Delete the character before the cursor
    DeleteChar,
    /// Clear the input
    ClearInput,
    /// Filter the list as you type
    Filter,
    /// Show the next view of the side pane (Glossary, Notes, Highlights, Marks, Found)
    SideNext,
    /// Show the previous view of the side pane
    SidePrev,
    /// Write or edit the note of the current paragraph
    EditNote,
    /// Save the note and keep editing
    SaveNote,
    /// Save the note and close the editor
    CloseNote,
    /// Throw away the changes to this note (asks first)
    DiscardNote,
    /// Undo the last edit
    Undo,
    /// Redo the last undone edit
    Redo,
    /// Bring back the note deleted last (in the highlights list the highlight, in the glossary your entry)
    RestoreNote,
    /// Show or hide notes under their paragraphs
    ToggleInlineNotes,
    /// Set a bookmark here (then type a letter)
    SetBookmark,
    /// Jump to a bookmark (then type its letter; ' returns to before the last jump)
    JumpBookmark,
    /// Write the notes as Markdown to a file in the current directory
    ExportNotes,
    /// Delete the selected note, bookmark, glossary entry of yours (these ask first) or highlight
    DeleteItem,
    // Notes (issue "Reading sessions without friction").
    /// Attach the selected detached note to the current paragraph
    AttachNote,
    // Highlights and quotations (issue 18).
    /// Select text, starting at the first word of the current paragraph
    SelectText,
    /// Move the selection's end to the next word
    SelectWordForward,
    /// Move the selection's end back a word
    SelectWordBack,
    /// Move the selection's end to the end of the word
    SelectWordEnd,
    /// Move the selection's end to the end of the sentence
    SelectSentenceForward,
    /// Move the selection's end back to the start of the sentence
    SelectSentenceBack,
    /// Move the selection's end to the end of the paragraph (then the next)
    SelectParagraphDown,
    /// Move the selection's end to the start of the paragraph (then the one before)
    SelectParagraphUp,
    /// Highlight the selection in a colour (1 to 4)
    Highlight(u8),
    /// Highlight the selection and write a note on it
    NoteHighlight,
    /// Copy the selection (or the paragraph) as a quotation with its citation
    CopyQuote,
    /// Copy the quotation and add it to the article's quotes file too
    SaveQuote,
    // The student's own glossary entries (issue 19).
    /// Add your own glossary entry: the term (or the selected words), then its definition (first line: aliases: a, b)
    AddTerm,
    /// Edit your own glossary entry selected in the glossary
    EditTerm,
    /// Search forward: type the words, Enter to go (Esc returns)
    Search,
    /// Go to the next match of the search
    SearchNext,
    /// Go to the previous match of the search
    SearchPrev,
    /// Review the glossary with flash cards
    Review,
    /// Show the definition on the card
    Reveal,
    /// I knew this term: show it again later
    Known,
    /// I did not know it yet: show it again soon
    NotYet,
    /// Answer yes
    Yes,
    /// Answer no
    No,
    // Reading by number: the command line and the footnote list.
    /// Type a command: a place by number (2.2, 2.2p3, f17), or q to quit
    Command,
    /// List every footnote in the side pane
    FootnoteList,
    /// Return to where you were before the last jump (again comes back)
    JumpReturn,
    /// Go back along the jump list
    JumpBack,
    /// Go forward along the jump list
    JumpForward,
    /// Type a count: the next move is made that many times (5j, 3])
    Count(u8),
    // The library.
    /// Show the library: every article kept, to filter and open
    Library,
    /// Tag the selected article (a course: #pols201)
    TagArticle,
    /// Show the next tag's articles (after the last, all of them)
    NextTag,
    /// Remove this key's binding (in a user keymap)
    #[default]
    Unbind,
    /// A left click on what the mouse was over (nothing that takes clicks: `None`)
    // Internal: made from mouse events by `App::mouse_action`, never named by a keymap.
    #[serde(skip)]
    Click(Option<Hit>),
    /// The mouse wheel turned some lines (positive is down) over what the mouse was over
    // Internal, as `Click`.
    #[serde(skip)]
    Wheel(Option<Hit>, i32),
}

impl Action {
    /// The help line: the doc line, plus the argument where it matters.
    pub fn describe(&self) -> String {
        let doc = self.get_documentation().unwrap_or("");
        match self {
            Action::Focus(p) => format!("Focus the {}", pane_name(*p)),
            Action::TogglePane(p) => format!("Show or hide the {}", pane_name(*p)),
            Action::Scroll(s) => {
                let (n, one, many) = match s {
                    Scroll::Lines(n) => (*n, "a line", "lines"),
                    Scroll::HalfPages(n) => (*n, "half a page", "half pages"),
                    Scroll::Pages(n) => (*n, "a page", "pages"),
                };
                let dir = if n < 0 { "up" } else { "down" };
                if n.abs() == 1 {
                    format!("Scroll {dir} {one}")
                } else {
                    format!("Scroll {dir} {} {many}", n.abs())
                }
            }
            Action::Highlight(n) => format!("Highlight the selection in colour {n}"),
            Action::Measure(n) if *n >= 0 => format!("Widen the reading measure by {n} columns"),
            Action::Measure(n) => {
                format!("Narrow the reading measure by {} columns", n.unsigned_abs())
            }
            _ => doc.to_owned(),
        }
    }
}

/// The pane's name as shown to the user.
pub fn pane_name(p: Pane) -> &'static str {
    match p {
        Pane::Outline => "outline",
        Pane::Text => "text",
        Pane::Side => "side pane",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_action_has_a_doc_line() {
        for a in Action::iter() {
            let doc = a.get_documentation().unwrap_or_default();
            assert!(!doc.is_empty(), "{a:?} has no doc line");
            assert!(
                !doc.ends_with('.'),
                "{a:?}: doc lines are labels, no full stop"
            );
        }
    }

    #[test]
    fn descriptions_name_their_argument() {
        assert_eq!(
            Action::Scroll(Scroll::Lines(-1)).describe(),
            "Scroll up a line"
        );
        assert_eq!(
            Action::Scroll(Scroll::Lines(3)).describe(),
            "Scroll down 3 lines"
        );
        assert_eq!(
            Action::Scroll(Scroll::HalfPages(1)).describe(),
            "Scroll down half a page"
        );
        assert_eq!(Action::Focus(Pane::Outline).describe(), "Focus the outline");
        assert_eq!(
            Action::Measure(-4).describe(),
            "Narrow the reading measure by 4 columns"
        );
    }

    #[test]
    fn actions_read_from_ron() {
        let a: Action = ron::from_str("Scroll(Lines(-1))").unwrap();
        assert_eq!(a, Action::Scroll(Scroll::Lines(-1)));
        let a: Action = ron::from_str("Focus(Outline)").unwrap();
        assert_eq!(a, Action::Focus(Pane::Outline));
        assert!(
            ron::from_str::<Action>("Click(None)").is_err(),
            "mouse actions are internal"
        );
    }
}
