//! Key chords as our own type: `"j"`, `"C-d"`, `"S-Tab"`, `"PageDown"`, `"g g"`.
//! Converted from crossterm in one place ([`KeyChord::from_event`]).

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode as CtCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A printable character (`' '` is written `Space`).
    Char(char),
    /// Function key F1–F24.
    F(u8),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab (`S-Tab` is back-tab).
    Tab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
}

/// Modifier flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mods {
    /// Control (`C-`).
    pub ctrl: bool,
    /// Alt / Meta (`A-`, also read as `M-`).
    pub alt: bool,
    /// Shift (`S-`), only for keys that are not characters: `G` is a character of its own.
    pub shift: bool,
}

/// One key press with modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    /// The key.
    pub key: Key,
    /// Its modifiers.
    pub mods: Mods,
}

/// A sequence of chords, such as `g g`.
pub type KeySeq = Vec<KeyChord>;

const NAMED: &[(&str, Key)] = &[
    ("Enter", Key::Enter),
    ("Esc", Key::Esc),
    ("Tab", Key::Tab),
    ("Backspace", Key::Backspace),
    ("Delete", Key::Delete),
    ("Insert", Key::Insert),
    ("Home", Key::Home),
    ("End", Key::End),
    ("PageUp", Key::PageUp),
    ("PageDown", Key::PageDown),
    ("Up", Key::Up),
    ("Down", Key::Down),
    ("Left", Key::Left),
    ("Right", Key::Right),
    ("Space", Key::Char(' ')),
];

impl KeyChord {
    /// A chord without modifiers.
    pub const fn plain(key: Key) -> Self {
        KeyChord {
            key,
            mods: Mods {
                ctrl: false,
                alt: false,
                shift: false,
            },
        }
    }

    /// Converts a crossterm key event; `None` for releases and keys lectern does not name.
    pub fn from_event(ev: &KeyEvent) -> Option<Self> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let m = ev.modifiers;
        let mut mods = Mods {
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift: m.contains(KeyModifiers::SHIFT),
        };
        let key = match ev.code {
            CtCode::Char(c) => {
                // The character already says whether shift was held (`G`, `?`).
                mods.shift = false;
                // Terminals report C-a as Char('a') + CONTROL; keep letters lowercase so
                // `C-a` and `C-A` are one chord.
                Key::Char(if mods.ctrl { c.to_ascii_lowercase() } else { c })
            }
            CtCode::F(n) => Key::F(n),
            CtCode::Enter => Key::Enter,
            CtCode::Esc => Key::Esc,
            CtCode::Tab => Key::Tab,
            CtCode::BackTab => {
                mods.shift = true;
                Key::Tab
            }
            CtCode::Backspace => Key::Backspace,
            CtCode::Delete => Key::Delete,
            CtCode::Insert => Key::Insert,
            CtCode::Home => Key::Home,
            CtCode::End => Key::End,
            CtCode::PageUp => Key::PageUp,
            CtCode::PageDown => Key::PageDown,
            CtCode::Up => Key::Up,
            CtCode::Down => Key::Down,
            CtCode::Left => Key::Left,
            CtCode::Right => Key::Right,
            _ => return None,
        };
        Some(KeyChord { key, mods })
    }

    /// The printable character this chord types, if it is one without Ctrl or Alt.
    pub fn typed_char(&self) -> Option<char> {
        match self.key {
            Key::Char(c) if !self.mods.ctrl && !self.mods.alt => Some(c),
            _ => None,
        }
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.ctrl {
            f.write_str("C-")?;
        }
        if self.mods.alt {
            f.write_str("A-")?;
        }
        if self.mods.shift {
            f.write_str("S-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::F(n) => write!(f, "F{n}"),
            named => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == named)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// Why a key name did not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown key `{name}`: {hint}")]
pub struct KeyParseError {
    /// The text that failed.
    pub name: String,
    /// What would have been accepted.
    pub hint: String,
}

impl FromStr for KeyChord {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fail = |hint: &str| KeyParseError {
            name: s.to_owned(),
            hint: hint.to_owned(),
        };
        let mut mods = Mods::default();
        let mut rest = s;
        // Modifier prefixes; a lone `-` or `C--` is the minus key itself.
        while rest.len() > 2 && rest.as_bytes()[1] == b'-' {
            match rest.as_bytes()[0] {
                b'C' => mods.ctrl = true,
                b'A' | b'M' => mods.alt = true,
                b'S' => mods.shift = true,
                _ => break,
            }
            rest = &rest[2..];
        }
        let key = if let Some((_, k)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest)) {
            *k
        } else if let Some(n) = rest
            .strip_prefix('F')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=24).contains(n))
        {
            Key::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                // Key names are shown in the help and the status bar: nothing a terminal
                // would interpret (a bidi override, say) may be a key.
                (Some(c), None) if !crate::sanitize::needs_cleaning(c) && c != ' ' => Key::Char(c),
                _ => {
                    return Err(fail(
                        "write one character (`j`, `G`, `?`), a name (Enter, Esc, Tab, \
                         Backspace, Delete, Insert, Home, End, PageUp, PageDown, Up, Down, \
                         Left, Right, Space, F1-F24), with optional C- A- S- prefixes; \
                         separate the keys of a sequence with spaces",
                    ));
                }
            }
        };
        if let Key::Char(c) = key {
            if mods.shift {
                return Err(fail("S- only goes with named keys: write `G`, not `S-g`"));
            }
            if mods.ctrl {
                return Ok(KeyChord {
                    key: Key::Char(c.to_ascii_lowercase()),
                    mods,
                });
            }
        }
        Ok(KeyChord { key, mods })
    }
}

/// Parses a sequence such as `"g g"`.
pub fn parse_seq(s: &str) -> Result<KeySeq, KeyParseError> {
    let seq: Result<KeySeq, _> = s.split_whitespace().map(str::parse).collect();
    let seq = seq?;
    if seq.is_empty() {
        return Err(KeyParseError {
            name: s.to_owned(),
            hint: "a binding needs at least one key".into(),
        });
    }
    Ok(seq)
}

/// Writes a sequence as `g g`.
pub fn seq_to_string(seq: &[KeyChord]) -> String {
    seq.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in [
            "j", "G", "?", "C-d", "C-e", "S-Tab", "Tab", "Space", "PageDown", "A-x", "F5", "-",
            "C--", "Esc", "'",
        ] {
            let chord: KeyChord = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(chord.to_string(), s);
        }
        assert_eq!("M-x".parse::<KeyChord>().unwrap().to_string(), "A-x");
        assert_eq!("C-D".parse::<KeyChord>().unwrap().to_string(), "C-d");
    }

    #[test]
    fn bad_names_explain_themselves() {
        for bad in [
            "jj", "Foo", "S-g", "", "F99", "\u{1b}", "\u{202e}", "C-\u{9b}",
        ] {
            let err = bad.parse::<KeyChord>().unwrap_err();
            assert!(err.to_string().starts_with("unknown key"), "{bad}: {err}");
        }
    }

    #[test]
    fn sequences() {
        let seq = parse_seq("g g").unwrap();
        assert_eq!(seq.len(), 2);
        assert_eq!(seq_to_string(&seq), "g g");
        assert!(parse_seq("  ").is_err());
    }

    #[test]
    fn crossterm_events_normalise() {
        let ev = |code, mods| KeyEvent::new(code, mods);
        let c = |e: KeyEvent| KeyChord::from_event(&e).unwrap().to_string();
        assert_eq!(c(ev(CtCode::Char('G'), KeyModifiers::SHIFT)), "G");
        assert_eq!(c(ev(CtCode::BackTab, KeyModifiers::SHIFT)), "S-Tab");
        assert_eq!(c(ev(CtCode::Char('d'), KeyModifiers::CONTROL)), "C-d");
        assert_eq!(c(ev(CtCode::Char(' '), KeyModifiers::NONE)), "Space");
    }
}
