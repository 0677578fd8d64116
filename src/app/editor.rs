//! The note editor's state: the text area, and an undo history that takes back words, not
//! single characters.

use ratatui_textarea::{CursorMove, Input, Key, TextArea, WrapMode};

/// The most undo steps kept.
const MAX_UNDO: usize = 1000;

/// The glossary entry of the student's whose definition the editor holds, not a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermDraft {
    /// The term.
    pub term: String,
    /// The glossary id of the entry edited; `None` for a new entry.
    pub id: Option<String>,
}

/// The note editor.
pub struct NoteEditor {
    /// The paragraph whose note is edited.
    pub paragraph: usize,
    /// The glossary entry edited instead of the paragraph's note (`D`, `e`), if any.
    pub term: Option<TermDraft>,
    /// The text being edited. Its own history is off: [`NoteEditor::undo`] keeps one by words.
    pub textarea: TextArea<'static>,
    /// The note's text when the editor opened or was last saved.
    pub saved: String,
    /// The highlight whose note this is (`None`: the paragraph's note).
    pub highlight: Option<crate::notes::highlights::HighlightKey>,
    history: WordHistory,
}

/// The text and the cursor at one point of the history.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Snapshot {
    lines: Vec<String>,
    cursor: (usize, usize),
}

/// What an edit did, to group edits: letters of one word, the spaces after it, a run of
/// deletions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditKind {
    Word,
    Space,
    Delete,
    Other,
}

/// Undo and redo by groups of edits: a step starts where a new word starts, where the kind
/// of edit changes, or where the cursor moved in between.
#[derive(Default)]
struct WordHistory {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The last edit's kind and where it left the cursor.
    last: Option<(EditKind, (usize, usize))>,
}

impl NoteEditor {
    /// An editor on `text`, the cursor at its end.
    pub fn new(paragraph: usize, text: &str) -> Self {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let mut textarea = text_area(lines);
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        let saved = textarea.lines().join("\n");
        NoteEditor {
            paragraph,
            term: None,
            textarea,
            saved,
            highlight: None,
            history: WordHistory::default(),
        }
    }

    /// The text in the editor.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// A key typed into the text.
    pub fn input(&mut self, input: Input) {
        let kind = match input.key {
            _ if input.ctrl || input.alt => EditKind::Other,
            Key::Char(c) if c.is_whitespace() => EditKind::Space,
            Key::Char(_) => EditKind::Word,
            Key::Enter | Key::Tab => EditKind::Space,
            Key::Backspace | Key::Delete => EditKind::Delete,
            _ => EditKind::Other,
        };
        let before = self.snapshot();
        self.textarea.input(input);
        self.record(before, kind);
    }

    /// Text inserted at once (a paste): one undo step.
    pub fn insert_str(&mut self, text: impl AsRef<str>) {
        let before = self.snapshot();
        self.textarea.insert_str(text);
        self.record(before, EditKind::Other);
    }

    /// Takes back the last group of edits; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(to) = self.history.undo.pop() else {
            return false;
        };
        let now = self.snapshot();
        self.history.redo.push(now);
        self.restore(to);
        true
    }

    /// Does again what undo took back; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(to) = self.history.redo.pop() else {
            return false;
        };
        let now = self.snapshot();
        self.history.undo.push(now);
        self.restore(to);
        true
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lines: self.textarea.lines().to_vec(),
            cursor: cursor(&self.textarea),
        }
    }

    fn restore(&mut self, to: Snapshot) {
        let mut textarea = text_area(to.lines);
        let (row, col) = to.cursor;
        textarea.move_cursor(CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
        self.textarea = textarea;
        self.history.last = None;
    }

    /// Starts a new undo step before this edit unless it goes on with the last one.
    fn record(&mut self, before: Snapshot, kind: EditKind) {
        let after = cursor(&self.textarea);
        if self.textarea.lines() == before.lines.as_slice() {
            // A move: what is typed next is a new step.
            if after != before.cursor {
                self.history.last = None;
            }
            return;
        }
        let goes_on = self.history.last.is_some_and(|(last, at)| {
            at == before.cursor
                && matches!(
                    (last, kind),
                    (EditKind::Word, EditKind::Word | EditKind::Space)
                        | (EditKind::Space, EditKind::Space)
                        | (EditKind::Delete, EditKind::Delete)
                )
        });
        if !goes_on {
            if self.history.undo.len() == MAX_UNDO {
                self.history.undo.remove(0);
            }
            self.history.undo.push(before);
        }
        self.history.redo.clear();
        self.history.last = Some((kind, after));
    }
}

/// The cursor as (row, column).
fn cursor(textarea: &TextArea) -> (usize, usize) {
    let ratatui_textarea::DataCursor(row, col) = textarea.cursor();
    (row, col)
}

/// A text area on `lines`, wrapping at words, without its own history.
fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut textarea = TextArea::new(lines);
    textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    textarea.set_max_histories(0);
    textarea
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(ed: &mut NoteEditor, text: &str) {
        for c in text.chars() {
            let key = if c == '\n' { Key::Enter } else { Key::Char(c) };
            ed.input(Input {
                key,
                ..Input::default()
            });
        }
    }

    #[test]
    fn undo_takes_back_a_word_and_redo_brings_it_again() {
        let mut ed = NoteEditor::new(0, "");
        typed(&mut ed, "two words");
        assert!(ed.undo());
        assert_eq!(ed.text(), "two ");
        assert!(ed.undo());
        assert_eq!(ed.text(), "");
        assert!(!ed.undo());
        assert!(ed.redo());
        assert_eq!(ed.text(), "two ");
        typed(&mut ed, "more");
        assert!(!ed.redo(), "an edit forgets what was undone");
        assert_eq!(ed.text(), "two more");
    }

    #[test]
    fn deletions_are_one_step_and_a_move_starts_another() {
        let mut ed = NoteEditor::new(0, "abc def");
        for _ in 0..3 {
            ed.input(Input {
                key: Key::Backspace,
                ..Input::default()
            });
        }
        assert_eq!(ed.text(), "abc ");
        ed.input(Input {
            key: Key::Home,
            ..Input::default()
        });
        typed(&mut ed, "x");
        assert_eq!(ed.text(), "xabc ");
        assert!(ed.undo());
        assert_eq!(ed.text(), "abc ");
        assert!(ed.undo());
        assert_eq!(ed.text(), "abc def");
        assert_eq!(ed.textarea.cursor(), (0, 7));
    }
}
