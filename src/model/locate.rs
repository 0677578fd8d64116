//! Source positions for values of a RON file that `ron` has already accepted.
//!
//! `ron` reports syntax and type errors with a position, but serde hands us plain values, so
//! a semantic error (a duplicate id, a missing footnote) would have no `line:col`. This module
//! re-reads the same text into a light tree of positioned nodes, so the validator can ask
//! "where is `body[12].text`, and where is byte 340 inside that string?".

/// A 1-based line and column (columns count characters, as `ron` does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

/// One step of a path into the tree: a struct field or a list index.
#[derive(Clone, Copy, Debug)]
pub enum Seg<'s> {
    /// A named field of a struct.
    Key(&'s str),
    /// The n-th element of a list (or the n-th unnamed field of a tuple).
    Index(usize),
}

#[derive(Debug)]
enum Node<'a> {
    /// `Name(...)` or `(...)`: fields with or without keys.
    Group {
        start: usize,
        name: Option<&'a str>,
        fields: Vec<(Option<&'a str>, Node<'a>)>,
    },
    /// `[...]` (and `{...}` maps, whose keys are kept as items).
    List { start: usize, items: Vec<Node<'a>> },
    /// A string literal, raw text including its quotes.
    Str { start: usize, raw: &'a str },
    /// A number, identifier or other bare token.
    Atom { start: usize },
}

impl Node<'_> {
    fn start(&self) -> usize {
        match self {
            Node::Group { start, .. }
            | Node::List { start, .. }
            | Node::Str { start, .. }
            | Node::Atom { start } => *start,
        }
    }

    /// Looks through `Some(x)` so paths need not spell it.
    fn unwrap_some(&self) -> &Self {
        match self {
            Node::Group {
                name: Some("Some"),
                fields,
                ..
            } if fields.len() == 1 => fields[0].1.unwrap_some(),
            other => other,
        }
    }
}

/// A positioned view of a RON document.
pub struct SourceMap<'a> {
    src: &'a str,
    line_starts: Vec<usize>,
    root: Option<Node<'a>>,
}

impl<'a> SourceMap<'a> {
    /// Builds the map; a text that does not scan yields a map that answers only
    /// byte-offset questions.
    pub fn new(src: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let tokens = tokenize(src);
        let mut parser = TreeParser {
            tokens: &tokens,
            pos: 0,
            depth: 0,
        };
        let root = parser.root();
        SourceMap {
            src,
            line_starts,
            root,
        }
    }

    /// A map of any text (Markdown, say) that answers only byte-offset questions: no RON
    /// scanning, so it costs one pass over the text.
    pub fn positions_only(src: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceMap {
            src,
            line_starts,
            root: None,
        }
    }

    /// The line and column of a byte offset.
    pub fn pos_at(&self, byte: usize) -> Pos {
        let byte = byte.min(self.src.len());
        let line = self.line_starts.partition_point(|&s| s <= byte);
        let start = self.line_starts[line - 1];
        let col = self
            .src
            .get(start..byte)
            .map_or(byte - start, |s| s.chars().count())
            + 1;
        Pos { line, col }
    }

    /// The byte offset of a line and column (clamped to the text).
    pub fn byte_at(&self, pos: Pos) -> usize {
        let Some(&start) = self.line_starts.get(pos.line.saturating_sub(1)) else {
            return self.src.len();
        };
        self.src[start..]
            .char_indices()
            .nth(pos.col.saturating_sub(1))
            .map_or(self.src.len(), |(i, _)| start + i)
    }

    /// The name of the struct field whose value starts at `byte` (`level` for the `"one"` of
    /// `level: "one"`), if the text before it is `name:`.
    pub fn field_before(&self, byte: usize) -> Option<&'a str> {
        let before = self.src.get(..byte)?.trim_end();
        let before = before.strip_suffix(':')?.trim_end();
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let name = &before[start..];
        (!name.is_empty()).then_some(name)
    }

    fn node(&self, path: &[Seg]) -> Option<&Node<'a>> {
        let mut node = self.root.as_ref()?.unwrap_some();
        for seg in path {
            node = match (node, seg) {
                (Node::Group { fields, .. }, Seg::Key(k)) => {
                    &fields.iter().find(|(key, _)| *key == Some(*k))?.1
                }
                (Node::Group { fields, .. }, Seg::Index(i)) => &fields.get(*i)?.1,
                (Node::List { items, .. }, Seg::Index(i)) => items.get(*i)?,
                _ => return None,
            }
            .unwrap_some();
        }
        Some(node)
    }

    /// Position of the value at `path`; for a string, `inner` is a byte offset into its
    /// decoded value and the position is that of the character there.
    pub fn pos_of(&self, path: &[Seg], inner: Option<usize>) -> Option<Pos> {
        let node = self.node(path)?;
        let byte = match (node, inner) {
            (Node::Str { start, raw }, Some(offset)) => start + raw_offset(raw, offset),
            (node, _) => node.start(),
        };
        Some(self.pos_at(byte))
    }

    /// Position of the value at `path`, or of the nearest ancestor that exists, or 1:1.
    pub fn pos_or_parent(&self, path: &[Seg], inner: Option<usize>) -> Pos {
        (0..=path.len())
            .rev()
            .find_map(|n| self.pos_of(&path[..n], if n == path.len() { inner } else { None }))
            .unwrap_or(Pos { line: 1, col: 1 })
    }
}

/// Maps a byte offset in a string's decoded value to a byte offset in its raw literal.
fn raw_offset(raw: &str, decoded_target: usize) -> usize {
    if let Some(after_r) = raw.strip_prefix('r') {
        let hashes = after_r.bytes().take_while(|&b| b == b'#').count();
        return (1 + hashes + 1 + decoded_target).min(raw.len());
    }
    let mut decoded = 0;
    let mut chars = raw.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if decoded >= decoded_target {
            return i;
        }
        if c == '\\' {
            match chars.next() {
                Some((_, 'u')) => {
                    // `\u{XXXX}`: one decoded character.
                    let mut code = String::new();
                    for (_, c) in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                        if c != '{' {
                            code.push(c);
                        }
                    }
                    decoded += u32::from_str_radix(&code, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .map_or(1, char::len_utf8);
                }
                Some((_, 'x')) => {
                    chars.next();
                    chars.next();
                    decoded += 1;
                }
                Some((_, '\n')) => {
                    // A line continuation eats the newline and leading whitespace.
                    while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                }
                Some(_) => decoded += 1,
                None => break,
            }
        } else {
            decoded += c.len_utf8();
        }
    }
    raw.len().saturating_sub(1)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Punct(u8),
    Str(&'a str),
    Atom(&'a str),
}

fn tokenize(src: &str) -> Vec<(usize, Tok<'_>)> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b if b.is_ascii_whitespace() => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = src[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < bytes.len() {
                    if bytes[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if bytes[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b':' | b',' => {
                out.push((i, Tok::Punct(b)));
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i + 1);
                out.push((i, Tok::Str(&src[i..end])));
                i = end;
            }
            b'r' | b'b' if raw_string_start(bytes, i).is_some() => {
                let (open, hashes) = raw_string_start(bytes, i).unwrap_or((i, 0));
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                let end = bytes[open + 1..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(bytes.len(), |p| open + 1 + p + close.len());
                out.push((i, Tok::Str(&src[i..end])));
                i = end;
            }
            b'\'' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'\'' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                out.push((i, Tok::Atom(&src[i..(j + 1).min(bytes.len())])));
                i = j + 1;
            }
            _ => {
                let mut j = i;
                while j < bytes.len()
                    && !bytes[j].is_ascii_whitespace()
                    && !b"()[]{}:,\"".contains(&bytes[j])
                {
                    j += 1;
                }
                let j = j.max(i + 1);
                // Stay on a character boundary for multi-byte garbage.
                let j = (j..=bytes.len())
                    .find(|&k| src.is_char_boundary(k))
                    .unwrap_or(bytes.len());
                out.push((i, Tok::Atom(&src[i..j])));
                i = j;
            }
        }
    }
    out
}

fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// For `r"`, `r#"`, `br"`…: the index of the opening quote and the number of hashes.
fn raw_string_start(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if bytes.get(j) == Some(&b'b') {
        j += 1;
    }
    if bytes.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = bytes[j..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(j + hashes) == Some(&b'"')).then_some((j + hashes, hashes))
}

struct TreeParser<'t, 'a> {
    tokens: &'t [(usize, Tok<'a>)],
    pos: usize,
    depth: usize,
}

/// Deeper than `ron`'s own recursion limit: such a file never reaches semantic checks.
const MAX_DEPTH: usize = 256;

impl<'a> TreeParser<'_, 'a> {
    fn peek(&self) -> Option<Tok<'a>> {
        self.tokens.get(self.pos).map(|t| t.1)
    }

    fn root(&mut self) -> Option<Node<'a>> {
        // Skip `#![enable(...)]` attributes.
        while let Some(Tok::Atom(a)) = self.peek() {
            if !a.starts_with('#') {
                break;
            }
            self.pos += 1;
            if self.peek() == Some(Tok::Punct(b'[')) {
                self.skip_balanced();
            }
        }
        self.value()
    }

    fn skip_balanced(&mut self) {
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            self.pos += 1;
            match t {
                Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                Tok::Punct(b')' | b']' | b'}') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn value(&mut self) -> Option<Node<'a>> {
        let &(start, tok) = self.tokens.get(self.pos)?;
        self.pos += 1;
        match tok {
            Tok::Str(raw) => Some(Node::Str { start, raw }),
            Tok::Punct(b'(') => self.group(start, None),
            Tok::Punct(b'[' | b'{') => {
                let close = if tok == Tok::Punct(b'[') { b']' } else { b'}' };
                self.list(start, close)
            }
            Tok::Atom(name) if self.peek() == Some(Tok::Punct(b'(')) => {
                self.pos += 1;
                self.group(start, Some(name))
            }
            Tok::Atom(_) => Some(Node::Atom { start }),
            Tok::Punct(_) => None,
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn group(&mut self, start: usize, name: Option<&'a str>) -> Option<Node<'a>> {
        self.enter()?;
        let mut fields = Vec::new();
        loop {
            match self.peek()? {
                Tok::Punct(b')') => {
                    self.pos += 1;
                    break;
                }
                Tok::Punct(b',') => self.pos += 1,
                Tok::Atom(key)
                    if self.tokens.get(self.pos + 1).map(|t| t.1) == Some(Tok::Punct(b':')) =>
                {
                    self.pos += 2;
                    fields.push((Some(key), self.value()?));
                }
                _ => fields.push((None, self.value()?)),
            }
        }
        self.depth -= 1;
        Some(Node::Group {
            start,
            name,
            fields,
        })
    }

    fn list(&mut self, start: usize, close: u8) -> Option<Node<'a>> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            match self.peek()? {
                Tok::Punct(c) if c == close => {
                    self.pos += 1;
                    break;
                }
                Tok::Punct(b',' | b':') => self.pos += 1,
                _ => items.push(self.value()?),
            }
        }
        self.depth -= 1;
        Some(Node::List { start, items })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"#![enable(implicit_some)]
// comment with "quotes" and (parens)
Article(
    id: "x",
    note: Some("a\"b"),
    body: [
        Paragraph(id: "p1", text: "one"),
        /* block /* nested */ */
        Paragraph(id: "p2", text: "tw\u{e9}o [^9]"),
    ],
)"#;

    #[test]
    fn finds_fields_and_list_items() {
        let map = SourceMap::new(SRC);
        let at = |path: &[Seg]| map.pos_of(path, None).map(|p| (p.line, p.col));
        assert_eq!(at(&[Seg::Key("id")]), Some((4, 9)));
        assert_eq!(at(&[Seg::Key("note")]), Some((5, 16)));
        assert_eq!(
            at(&[Seg::Key("body"), Seg::Index(1), Seg::Key("id")]),
            Some((9, 23))
        );
        assert_eq!(at(&[Seg::Key("missing")]), None);
    }

    #[test]
    fn inner_offset_accounts_for_escapes() {
        let map = SourceMap::new(SRC);
        let path = [Seg::Key("body"), Seg::Index(1), Seg::Key("text")];
        // Decoded "twéo [^9]": `[` is at byte 6 (é is two bytes); in the source, `\u{e9}`
        // takes six characters.
        let p = map.pos_of(&path, Some(6)).unwrap();
        let line = SRC.lines().nth(p.line - 1).unwrap();
        let rest: String = line.chars().skip(p.col - 1).collect();
        assert!(rest.starts_with("[^9]"), "{rest}");
    }

    #[test]
    fn byte_positions_count_characters() {
        let map = SourceMap::new("ab\nçd");
        assert_eq!(map.pos_at(5), Pos { line: 2, col: 2 });
    }

    #[test]
    fn garbage_does_not_panic() {
        for src in [
            "", "(", "\"", "r#\"", "[[[[", "((a: ", "'", "/*", "é(", "#![",
        ] {
            let map = SourceMap::new(src);
            let _ = map.pos_of(&[Seg::Key("a"), Seg::Index(3)], Some(2));
            let _ = map.pos_at(src.len() + 10);
        }
    }
}
