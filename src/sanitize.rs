//! Makes text from files safe to show in a terminal.
//!
//! Article text, notes and imported Markdown are written by someone else. Nothing they
//! contain may reach the terminal as a control sequence, so every control character becomes a
//! visible placeholder: C0 controls as their Unicode control pictures (`␛` for ESC), DEL as
//! `␡`, C1 controls as `�`, and the bidirectional embedding, override and isolate characters
//! as a bracketed name (`[RLO]`). Tabs expand to spaces at fixed stops.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Distance between tab stops.
pub const TAB_STOP: usize = 8;

/// Whether `c` would be replaced by [`clean`] (newline and tab included).
pub fn needs_cleaning(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// Whether any character of `s` would be replaced by [`clean`]; the same answer as
/// `s.chars().any(needs_cleaning)`, from the UTF-8 bytes without decoding them (most text has
/// nothing to clean, and every article string is checked).
fn needs_any_cleaning(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &byte)| match byte {
        0x00..=0x1f | 0x7f => true,
        // U+0080–U+009F.
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        // U+2028–U+202E and U+2066–U+2069.
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// The visible stand-in for a bidirectional control character, if `c` is one.
fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202a}' => "[LRE]",
        '\u{202b}' => "[RLE]",
        '\u{202c}' => "[PDF]",
        '\u{202d}' => "[LRO]",
        '\u{202e}' => "[RLO]",
        '\u{2066}' => "[LRI]",
        '\u{2067}' => "[RLI]",
        '\u{2068}' => "[FSI]",
        '\u{2069}' => "[PDI]",
        _ => return None,
    })
}

/// Replaces control and bidi characters; keeps `\n` (a `\r\n` pair becomes `\n`); expands
/// tabs to the next multiple of [`TAB_STOP`] columns from the start of the line.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !needs_any_cleaning(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut col = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                col = 0;
                continue;
            }
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                continue;
            }
            '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
            c => match bidi_name(c) {
                Some(name) => out.push_str(name),
                None => out.push(c),
            },
        }
        col += out.chars().next_back().and_then(|c| c.width()).unwrap_or(0);
    }
    Cow::Owned(out)
}

/// Like [`clean`], but for one-line contexts (a status message, a list row): newlines become
/// spaces too.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if s.contains('\n') {
        let joined = s.replace("\r\n", " ").replace('\n', " ");
        Cow::Owned(clean(&joined).into_owned())
    } else {
        clean(s)
    }
}

/// True when `s` holds nothing a terminal would interpret.
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(|c| c != '\n' && needs_cleaning(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(clean("a\u{1b}[31mb\u{7}"), "a␛[31mb␇");
        assert_eq!(clean("x\u{9b}y\u{7f}"), "x�y␡");
        assert_eq!(clean("\u{202e}abc\u{2069}"), "[RLO]abc[PDI]");
    }

    #[test]
    fn tabs_expand_to_stops_and_newlines_stay() {
        assert_eq!(clean("ab\tc\n\td"), "ab      c\n        d");
        assert_eq!(clean("a\r\nb"), "a\nb");
        assert_eq!(clean_line("a\nb\tc"), "a b     c");
    }

    #[test]
    fn byte_check_agrees_with_the_character_check() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("a{c}b"), format!("“{c}”")] {
                assert_eq!(
                    needs_any_cleaning(&s),
                    s.chars().any(needs_cleaning),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("plain 🇨🇳 text"), Cow::Borrowed(_)));
        assert!(is_clean(&clean("\u{1b}]52;c;x\u{7}")));
    }
}
