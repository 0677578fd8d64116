//! Routing keys and mouse events. Keys go, in this order, to a yes/no question, the note
//! editor, a one-line input, a key waiting for a letter, then the keymap layers of the open
//! overlay or the focused pane and `global`.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Awaiting, ModalKind, MouseGate};
use crate::action::{Action, Pane};
use crate::geometry::hit::hit_test;
use crate::keymap::{Context, Key, KeyChord, Lookup, key::seq_to_string};

impl App {
    /// Whether a one-line input has the keyboard: the search prompt or the command line on
    /// top of the modal stack, or, with no modal open, the focused side list's filter.
    pub fn typing(&self) -> bool {
        match self.top_modal() {
            Some(ModalKind::Prompt | ModalKind::Command) => true,
            Some(ModalKind::Library) => self.modals.library().is_some_and(|l| l.input.is_some()),
            Some(_) => false,
            None => self.focus == Pane::Side && self.side.current().filtering,
        }
    }

    /// The contexts a key is looked up in, in order: the top modal's, else the focused
    /// pane's (or the input's while typing a filter) and `global`.
    pub fn layers(&self) -> Vec<Context> {
        if self.typing() {
            return vec![Context::Input];
        }
        if let Some(top) = self.top_modal() {
            return top.contexts().to_vec();
        }
        vec![pane_context(self.focus), Context::Global]
    }

    /// Handles one key press: completes or extends a multi-key binding, types into an
    /// input or the editor, or reports an unbound key.
    pub fn handle_key(&mut self, chord: KeyChord) {
        self.route_key(chord);
        self.mark_read();
    }

    fn route_key(&mut self, chord: KeyChord) {
        let editing = self.modals.has(ModalKind::Editor);
        if !editing {
            self.message = None;
        }
        if let Some(awaiting) = self.modals.take_awaiting() {
            let before = self.reader;
            crate::update::notes::letter(self, awaiting, chord);
            if self.reader != before {
                crate::update::search::moved_on(self);
            }
            return;
        }
        if matches!(self.popup, Some(super::Popup::Notice { .. })) && self.pending.is_empty() {
            let scrolls = matches!(
                self.keymap.lookup(&[Context::Popup], &[chord]),
                Lookup::Matched(Action::Scroll(_) | Action::Cancel)
            );
            if !scrolls {
                // The notice has been seen: it goes, and the key does what it does.
                self.popup = None;
            }
        }
        let mut seq = std::mem::take(&mut self.pending);
        if !seq.is_empty() && chord == KeyChord::plain(Key::Esc) {
            // Esc gives up a half-typed key sequence.
            return;
        }
        seq.push(chord);
        if self.count.is_some() && seq.len() == 1 && !self.count_goes_on(chord) {
            return;
        }
        let layers = self.layers();
        if self.panes().too_small {
            self.route_too_small(&layers, seq, editing);
            return;
        }
        if layers == [Context::Input]
            && seq[0].typed_char().is_none()
            && self.keymap.lookup(&layers, &seq) == Lookup::NotFound
        {
            // While typing, a sequence that starts with a key that types nothing can reach
            // the app-wide keys that leave the input alone (quit, suspend, redraw, help).
            match self.keymap.lookup(&[Context::Global], &seq) {
                Lookup::Matched(
                    action @ (Action::Quit | Action::Suspend | Action::Redraw | Action::Help),
                ) => crate::update::update(self, action),
                Lookup::Matched(_) => self.error(format!(
                    "{} does not work while typing (Esc leaves the input)",
                    seq_to_string(&seq)
                )),
                Lookup::Pending => self.pending = seq,
                Lookup::NotFound => {}
            }
            return;
        }
        match self.keymap.lookup(&layers, &seq) {
            Lookup::Matched(action) => crate::update::update(self, action),
            Lookup::Pending => self.pending = seq,
            Lookup::NotFound => self.unbound(seq),
        }
    }

    /// Says `lead`, then the keys bound to each action in its context and what they do,
    /// as the keymap in use binds them ([`App::keys_to_name`]): "No search yet: /
    /// searches". An action bound to nothing is left out.
    pub fn info_with_keys(&mut self, lead: &str, how: &[(Context, Action, &str)]) {
        let mut out = lead.to_owned();
        for (i, (keys, what)) in self.keys_to_name(how).into_iter().enumerate() {
            out.push_str(if i == 0 { ": " } else { ", " });
            out.push_str(&format!("{keys} {what}"));
        }
        self.info(out);
    }

    /// The key to name for each action of `how` (its context, the action, what it does),
    /// with what it does, as the keymap in use binds them: the first key bound to it in
    /// its context; for an app-wide action, the first that does it in the focused pane
    /// (`/` searches, but filters in the side pane). An action without one is left out.
    pub fn keys_to_name<'a>(&self, how: &[(Context, Action, &'a str)]) -> Vec<(String, &'a str)> {
        let here = [pane_context(self.focus), Context::Global];
        how.iter()
            .filter_map(|(ctx, action, what)| {
                let key = self
                    .keymap
                    .bindings(*ctx)
                    .iter()
                    .filter(|(_, a)| a == action)
                    .find(|(seq, _)| {
                        *ctx != Context::Global
                            || self.keymap.lookup(&here, seq) == Lookup::Matched(action.clone())
                    })?;
                Some((seq_to_string(&key.0), *what))
            })
            .collect()
    }

    /// What the digit `count` does on its own, everywhere (`1`-`3` focus a pane), when it
    /// is a single digit.
    fn digit_action(&self, count: u32) -> Option<Action> {
        let d = char::from_digit(count, 10)?;
        match self
            .keymap
            .lookup(&[Context::Global], &[KeyChord::plain(Key::Char(d))])
        {
            Lookup::Matched(action) => Some(action),
            _ => None,
        }
    }

    /// The pane the count typed so far focuses if the next key is no move (`3` then a key
    /// of the side pane): none when it is no single digit that focuses another pane.
    pub fn count_focuses(&self) -> Option<Pane> {
        match self.digit_action(self.count?) {
            Some(Action::Focus(p)) if p != self.focus => Some(p),
            _ => None,
        }
    }

    /// A key after a count: a digit extends it, a move takes it (true). A one-digit count
    /// whose digit does something on its own (`1`-`3` focus a pane) does that first when
    /// the key means something in that pane (`3 j` selects in the side pane, `3 ]` moves
    /// three sections), or when the key is no move. Esc only drops the count (false).
    fn count_goes_on(&mut self, chord: KeyChord) -> bool {
        let Some(count) = self.count else { return true };
        let layers = self.layers();
        let here = match self.keymap.lookup(&layers, &[chord]) {
            Lookup::Matched(action) => Some(action),
            _ => None,
        };
        if matches!(here, Some(Action::Count(_))) {
            return true;
        }
        let digit_action = self.digit_action(count);
        let wanted_there = match &digit_action {
            Some(Action::Focus(p)) if *p != self.focus => {
                self.keymap.lookup(&[pane_context(*p)], &[chord]) != Lookup::NotFound
            }
            _ => false,
        };
        if here.as_ref().is_some_and(crate::update::is_motion) && !wanted_there {
            return true;
        }
        self.count = None;
        if chord == KeyChord::plain(Key::Esc) {
            return false;
        }
        if let Some(action) = digit_action {
            crate::update::update(self, action);
        }
        true
    }

    /// A key on a terminal too small to show anything: only the app-wide keys (quit,
    /// suspend, redraw) work, and while text is being typed only those that type nothing
    /// (C-c, not q).
    fn route_too_small(&mut self, layers: &[Context], seq: Vec<KeyChord>, editing: bool) {
        let Some(&chord) = seq.last() else { return };
        if self.modals.has(ModalKind::Confirm) {
            // A question asked before the terminal shrank takes its answer as usual
            // (any key but a yes is a no), so the keys never get stuck behind it.
            let action = match self.keymap.lookup(layers, &seq) {
                Lookup::Matched(a) => a,
                Lookup::Pending => {
                    self.pending = seq;
                    return;
                }
                Lookup::NotFound => Action::No,
            };
            crate::update::update(self, action);
            return;
        }
        if (editing || self.typing()) && chord.typed_char().is_some() {
            return;
        }
        let action = match self.keymap.lookup(&[Context::Global], &seq) {
            Lookup::Matched(a) => a,
            Lookup::Pending => {
                self.pending = seq;
                return;
            }
            Lookup::NotFound => return,
        };
        if matches!(action, Action::Quit | Action::Suspend | Action::Redraw) {
            crate::update::update(self, action);
        }
    }

    /// Keys bound to nothing: a no to a question, text in the editor or the input, or an
    /// error naming them.
    fn unbound(&mut self, seq: Vec<KeyChord>) {
        let Some(&chord) = seq.last() else { return };
        if self.modals.has(ModalKind::Confirm) {
            // Any other key is a no.
            crate::update::update(self, Action::No);
        } else if let Some(editor) = self.modals.editor_mut() {
            for chord in &seq {
                match chord.typed_char() {
                    // A terminal without bracketed paste types pasted text key by key: a
                    // bidi override or a control character goes in as its visible
                    // placeholder, as in a paste, never raw.
                    Some(c) if crate::sanitize::needs_cleaning(c) => {
                        let shown = crate::sanitize::clean(c.encode_utf8(&mut [0; 4])).into_owned();
                        editor.insert_str(shown);
                    }
                    _ => {
                        editor.input(textarea_input(chord));
                    }
                }
            }
        } else if seq.len() == 1
            && self.typing()
            && let Some(c) = chord.typed_char()
        {
            crate::update::type_char(self, c);
        } else if seq.len() > 1 || chord.typed_char().is_some() {
            let message = self.unbound_message(&seq);
            self.error(message);
        }
    }

    /// Why `seq` did nothing: a key of the text pane pressed elsewhere says how to get back
    /// to it; any other names the help key of the keymap in use.
    fn unbound_message(&self, seq: &[KeyChord]) -> String {
        let keys = seq_to_string(seq);
        let first =
            |ctx: Context, action: Action| self.keymap.keys_for(ctx, &action).first().cloned();
        let in_text = self.focus != Pane::Text
            && matches!(
                self.keymap.lookup(&[Context::Text], seq),
                Lookup::Matched(_)
            );
        if in_text {
            let mut back: Vec<String> = Vec::new();
            // Esc closes a pane drawn over the text; a pane beside it keeps the focus.
            if self.panes().overlay.is_some() {
                back.extend(first(Context::Global, Action::Cancel));
            }
            // The focus cycles outline, text, side: the text is next from the outline and
            // the one before from the side.
            let towards_text = match self.focus {
                Pane::Side => Action::FocusPrev,
                _ => Action::FocusNext,
            };
            back.extend(first(Context::Global, towards_text));
            if back.is_empty() {
                return format!("{keys} needs the text pane");
            }
            return format!("{keys} needs the text pane: press {}", back.join("/"));
        }
        match first(Context::Global, Action::Help) {
            Some(help) => format!("{keys} is not bound ({help} shows the keys)"),
            None => format!("{keys} is not bound"),
        }
    }

    /// Text pasted into the terminal: into the note editor, or the active input.
    pub fn handle_paste(&mut self, text: &str) {
        // Many terminals send a pasted line break as a carriage return.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = crate::sanitize::clean(&text);
        if self.panes().too_small {
            // Nothing can be seen: a paste would go in unseen (as typed keys do not).
            return;
        }
        if let Some(editor) = self.modals.editor_mut() {
            editor.insert_str(text);
        } else if self.typing() {
            let line: String = text.chars().filter(|c| *c != '\n').collect();
            crate::update::type_text(self, &line);
        }
    }

    /// Handles a mouse event (when mouse support is on): the same path as a key, through
    /// an action.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if let Some(action) = self.mouse_action(ev) {
            crate::update::update(self, action);
            self.mark_read();
        }
    }

    /// The action a mouse event stands for: a left click or a wheel turn on what the hit
    /// test finds there. `None` while the mouse is off or an open modal ignores it (a
    /// question, the editor, a review card), and for other events.
    pub fn mouse_action(&self, ev: MouseEvent) -> Option<Action> {
        if !self.settings.mouse || self.mouse_gate() == MouseGate::Ignored {
            return None;
        }
        let hit = || hit_test(self, Position::new(ev.column, ev.row));
        match ev.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel(hit(), WHEEL_LINES)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(hit(), -WHEEL_LINES)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(hit())),
            _ => None,
        }
    }
}

/// The keymap context of a pane.
fn pane_context(pane: Pane) -> Context {
    match pane {
        Pane::Outline => Context::Outline,
        Pane::Text => Context::Text,
        Pane::Side => Context::Side,
    }
}

/// Lines one notch of the wheel scrolls.
const WHEEL_LINES: i32 = 3;

/// The note editor's input for a chord.
fn textarea_input(chord: &KeyChord) -> ratatui_textarea::Input {
    use ratatui_textarea::Key as T;
    let key = match chord.key {
        Key::Char(c) => T::Char(c),
        Key::F(n) => T::F(n),
        Key::Enter => T::Enter,
        Key::Esc => T::Esc,
        Key::Tab => T::Tab,
        Key::Backspace => T::Backspace,
        Key::Delete => T::Delete,
        Key::Insert => T::Null,
        Key::Home => T::Home,
        Key::End => T::End,
        Key::PageUp => T::PageUp,
        Key::PageDown => T::PageDown,
        Key::Up => T::Up,
        Key::Down => T::Down,
        Key::Left => T::Left,
        Key::Right => T::Right,
    };
    ratatui_textarea::Input {
        key,
        ctrl: chord.mods.ctrl,
        alt: chord.mods.alt,
        shift: chord.mods.shift,
    }
}

/// The bookmark letter this chord types (an ASCII letter without Ctrl or Alt), if any.
pub fn letter_of(chord: &KeyChord) -> Option<char> {
    chord.typed_char().filter(char::is_ascii_alphabetic)
}

impl Awaiting {
    /// What the status bar shows while waiting.
    pub fn prompt(self) -> &'static str {
        match self {
            Awaiting::SetBookmark => "set bookmark: type a letter (Esc cancels)",
            Awaiting::JumpBookmark => {
                "jump to bookmark: type its letter, ' to go back (Esc cancels)"
            }
        }
    }
}
