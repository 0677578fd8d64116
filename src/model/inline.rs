//! Inline markup inside article strings: `*emphasis*`, `**strong**`, `` `code` ``,
//! `~~strike~~`, `[text](url)`, `[^N]` footnote references and bare `http(s)://` URLs.
//!
//! The markup is parsed once at load time into a flat list of [`Inline`]s; errors carry the
//! byte offset inside the string so the loader can turn them into `line:col`. Writing inlines
//! back out (as markup, or as plain text) is in [`write`].

/// Character styles that can be combined on a run of text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct TextStyle {
    /// `*emphasis*` (italic).
    pub emph: bool,
    /// `**strong**` (bold).
    pub strong: bool,
    /// `` `code` `` (monospace, no markup inside).
    pub code: bool,
    /// `~~strike~~`.
    pub strike: bool,
}

/// One piece of a paragraph's inline content.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Inline {
    /// A run of text in one style.
    Text { text: String, style: TextStyle },
    /// A hyperlink; a bare URL has `text == url`.
    Link {
        text: String,
        url: String,
        style: TextStyle,
    },
    /// A reference to footnote `number`, placed where the superscript stands.
    FootnoteRef { number: u32 },
    /// A hard line break inside a block.
    LineBreak,
}

impl Inline {
    /// The visible text of this piece when printed plainly (footnote refs as `[N]`).
    pub fn plain_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Inline::Text { text, .. } | Inline::Link { text, .. } => text.as_str().into(),
            Inline::FootnoteRef { number } => format!("[{number}]").into(),
            Inline::LineBreak => "\n".into(),
        }
    }
}

/// A markup error at a byte offset of the parsed string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    /// Byte offset in the string where the problem starts.
    pub offset: usize,
    /// What is wrong, for the user.
    pub message: String,
}

/// Parses inline markup; a `\n` in the string is a hard line break.
pub fn parse(src: &str) -> Result<Vec<Inline>, MarkupError> {
    parse_with_refs(src).map(|(inlines, _)| inlines)
}

/// Footnote references found while parsing: (number, byte offset of its `[^`).
pub type RefOffsets = Vec<(u32, usize)>;

/// Like [`parse`], also returning each footnote reference with its byte offset.
pub fn parse_with_refs(src: &str) -> Result<(Vec<Inline>, RefOffsets), MarkupError> {
    let mut parser = Parser::new(src);
    let inlines = parser.run()?;
    Ok((inlines, parser.refs))
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Inline>,
    buf: String,
    style: TextStyle,
    /// Offsets of the currently open `*`, `**` and `~~` markers, for error messages.
    open_emph: Option<usize>,
    open_strong: Option<usize>,
    open_strike: Option<usize>,
    /// Footnote references seen, with their offsets.
    refs: Vec<(u32, usize)>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser {
            src,
            pos: 0,
            out: Vec::new(),
            buf: String::new(),
            style: TextStyle::default(),
            open_emph: None,
            open_strong: None,
            open_strike: None,
            refs: Vec::new(),
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let text = std::mem::take(&mut self.buf);
            push_text(&mut self.out, text, self.style);
        }
    }

    fn run(&mut self) -> Result<Vec<Inline>, MarkupError> {
        while let Some(c) = self.rest().chars().next() {
            let at = self.pos;
            match c {
                '\\' => {
                    let next = self.rest()[1..].chars().next();
                    match next {
                        Some(n) if n.is_ascii_punctuation() => {
                            self.buf.push(n);
                            self.pos += 1 + n.len_utf8();
                        }
                        _ => {
                            self.buf.push('\\');
                            self.pos += 1;
                        }
                    }
                }
                '*' if self.rest().starts_with("**") => {
                    self.flush();
                    self.pos += 2;
                    self.open_strong = toggle(&mut self.style.strong, self.open_strong, at);
                }
                '*' => {
                    self.flush();
                    self.pos += 1;
                    self.open_emph = toggle(&mut self.style.emph, self.open_emph, at);
                }
                '~' if self.rest().starts_with("~~") => {
                    self.flush();
                    self.pos += 2;
                    self.open_strike = toggle(&mut self.style.strike, self.open_strike, at);
                }
                '`' => self.code_span(at)?,
                '[' if self.rest().starts_with("[^") => self.footnote_ref(at)?,
                '[' => {
                    if !self.link(at) {
                        self.buf.push('[');
                        self.pos += 1;
                    }
                }
                'h' if starts_url(self.rest()) && !prev_is_word(self.src, at) => self.bare_url(),
                '\n' => {
                    self.flush();
                    self.out.push(Inline::LineBreak);
                    self.pos += 1;
                }
                _ => {
                    self.buf.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        self.flush();
        let unclosed = [
            (
                self.open_strong,
                "`**` (strong) is never closed; write `\\*` for a literal asterisk",
            ),
            (
                self.open_emph,
                "`*` (emphasis) is never closed; write `\\*` for a literal asterisk",
            ),
            (
                self.open_strike,
                "`~~` (strikethrough) is never closed; write `\\~` for a literal tilde",
            ),
        ];
        if let Some((offset, msg)) = unclosed
            .iter()
            .filter_map(|(o, m)| o.map(|o| (o, *m)))
            .min_by_key(|(o, _)| *o)
        {
            return Err(MarkupError {
                offset,
                message: msg.to_string(),
            });
        }
        Ok(std::mem::take(&mut self.out))
    }

    fn code_span(&mut self, at: usize) -> Result<(), MarkupError> {
        let body_start = at + 1;
        let Some(len) = self.src[body_start..].find('`') else {
            return Err(MarkupError {
                offset: at,
                message: "`` ` `` (code) is never closed; write `\\`` for a literal backtick"
                    .into(),
            });
        };
        self.flush();
        let code = &self.src[body_start..body_start + len];
        let style = TextStyle {
            code: true,
            ..self.style
        };
        push_text(&mut self.out, code.to_owned(), style);
        self.pos = body_start + len + 1;
        Ok(())
    }

    fn footnote_ref(&mut self, at: usize) -> Result<(), MarkupError> {
        let body = &self.rest()[2..];
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let closed = body[digits..].starts_with(']');
        let number = if closed && digits > 0 {
            body[..digits].parse::<u32>().ok().filter(|n| *n > 0)
        } else {
            None
        };
        let Some(number) = number else {
            let shown: String = self.rest().chars().take(12).collect();
            return Err(MarkupError {
                offset: at,
                message: format!(
                    "malformed footnote reference `{shown}`: expected `[^N]` with N a number from 1"
                ),
            });
        };
        self.flush();
        self.out.push(Inline::FootnoteRef { number });
        self.refs.push((number, at));
        self.pos += 2 + digits + 1;
        Ok(())
    }

    /// `[text](url)`; returns false (consuming nothing) when this `[` does not start a link.
    fn link(&mut self, at: usize) -> bool {
        let rest = &self.src[at + 1..];
        // The text ends at the first unescaped `]`; an unescaped `[` inside means this `[`
        // is literal (`\[` and `\]` let a link text hold brackets).
        let Some(close) = first_unescaped(rest, b']') else {
            return false;
        };
        let text = &rest[..close];
        let after = &rest[close + 1..];
        if first_unescaped(text, b'[').is_some() || !after.starts_with('(') {
            return false;
        }
        // The URL ends at the `)` that balances the opening one, so it may hold parentheses
        // (`(https://en.wikipedia.org/wiki/Rust_(language))`).
        let Some(url_len) = url_close(&after[1..]) else {
            return false;
        };
        let url = after[1..1 + url_len].trim();
        if url.is_empty() || url.contains(char::is_whitespace) {
            return false;
        }
        self.flush();
        let text = if text.is_empty() { url } else { text };
        self.out.push(Inline::Link {
            text: unescape(text),
            url: url.to_owned(),
            style: self.style,
        });
        self.pos = at + 1 + close + 1 + 1 + url_len + 1;
        true
    }

    fn bare_url(&mut self) {
        let len = url_len(self.rest());
        let url = &self.rest()[..len];
        self.flush();
        self.out.push(Inline::Link {
            text: url.to_owned(),
            url: url.to_owned(),
            style: self.style,
        });
        self.pos += len;
    }
}

/// Byte index of the `)` that ends a link's URL in `s` (the text after `(`): the first `)`
/// not matched by an earlier `(`; when every `)` before the first whitespace is matched (a
/// URL with an unclosed `(`), the last of them; without whitespace before it, any first `)`.
fn url_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut last = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => {
                depth -= 1;
                last = Some(i);
            }
            c if c.is_whitespace() => return last.or_else(|| s.find(')')),
            _ => {}
        }
    }
    last.or_else(|| s.find(')'))
}

/// Byte index of the first `wanted` in `s` that is not escaped by a backslash.
fn first_unescaped(s: &str, wanted: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == wanted => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn toggle(flag: &mut bool, open: Option<usize>, at: usize) -> Option<usize> {
    *flag = !*flag;
    if open.is_some() { None } else { Some(at) }
}

/// Appends `text` in `style` the way [`parse`] reads text without markup: outside code, a
/// bare `http(s)://` URL becomes a link to itself (same rules: not right after a letter or
/// digit, trailing punctuation left out), and text continues the previous run when the style
/// is the same. Importers use it so that [`to_markup`] and [`parse`] give their value back.
pub fn push_plain(out: &mut Vec<Inline>, text: &str, style: TextStyle) {
    if text.is_empty() {
        return;
    }
    if style.code {
        push_text(out, text.to_owned(), style);
        return;
    }
    let mut done = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find("http") {
        let at = search + found;
        if starts_url(&text[at..]) && !prev_is_word(text, at) {
            let len = url_len(&text[at..]);
            if at > done {
                push_text(out, text[done..at].to_owned(), style);
            }
            let url = &text[at..at + len];
            out.push(Inline::Link {
                text: url.to_owned(),
                url: url.to_owned(),
                style,
            });
            done = at + len;
            search = done;
        } else {
            search = at + 4;
        }
    }
    if done < text.len() {
        push_text(out, text[done..].to_owned(), style);
    }
}

fn push_text(out: &mut Vec<Inline>, text: String, style: TextStyle) {
    if let Some(Inline::Text {
        text: last,
        style: s,
    }) = out.last_mut()
        && *s == style
    {
        last.push_str(&text);
        return;
    }
    out.push(Inline::Text { text, style });
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

fn starts_url(s: &str) -> bool {
    (s.starts_with("https://") && s.len() > 8) || (s.starts_with("http://") && s.len() > 7)
}

fn prev_is_word(src: &str, at: usize) -> bool {
    src[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Length in bytes of the URL at the start of `s`: up to whitespace, a delimiter or a `)`
/// that closes no `(` of the URL, minus trailing sentence punctuation.
pub fn url_len(s: &str) -> usize {
    let mut depth = 0usize;
    let end = s
        .char_indices()
        .find(|&(_, c)| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' if depth == 0 => true,
            ')' => {
                depth -= 1;
                false
            }
            c => c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '‘' | '’'),
        })
        .map_or(s.len(), |(i, _)| i);
    let mut url = &s[..end];
    while let Some(last) = url.chars().next_back() {
        let trim = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | ']' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            _ => false,
        };
        if !trim {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    url.len()
}

mod write;

pub use write::{switch_style, to_markup, to_plain};

#[cfg(test)]
mod tests;
