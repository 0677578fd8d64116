//! A cheap line-by-line look at Markdown, taken before pulldown-cmark parses it: where a
//! heading may start a chunk, which footnote labels a chunk defines and references,
//! which lines may hold link reference definitions.
//!
//! It is a guess, not a parser: it knows top-level fences and HTML blocks and nothing of
//! lists or quotes. Every guess it makes is checked against pulldown-cmark's own parse
//! (`feed.rs`), and a wrong one only costs the import its chunking, never its result.

use std::hash::{DefaultHasher, Hash, Hasher};

use unicase::UniCase;

/// What a line may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineKind<'a> {
    /// `# `, `## ` … at column 0 after a blank line, outside code and HTML blocks: a heading
    /// that nothing before it can take in (only a fenced code block or an HTML block running
    /// to an end marker could, and the checks in `feed.rs` catch those), so a chunk may
    /// start here.
    Heading,
    /// `[^label]: …`: a footnote definition (the label as written).
    FootnoteDef(&'a str),
    /// `[label]: …`: perhaps a link reference definition.
    LinkDef,
    /// Spaces and tabs only.
    Blank,
    /// Anything else, or a line inside a fenced code block or HTML block.
    Other,
}

/// Tracks the top-level blocks whose lines are not Markdown: fenced code and HTML blocks of
/// the kinds that run to an end marker (`<!-- … -->`, `<pre> … </pre>` …).
#[derive(Debug)]
pub(super) struct LineScanner {
    /// The open fence: its character and length.
    fence: Option<(u8, usize)>,
    /// The end marker of an open HTML block.
    html_end: Option<&'static str>,
    prev_blank: bool,
}

impl Default for LineScanner {
    fn default() -> Self {
        LineScanner {
            fence: None,
            html_end: None,
            // The start of the text counts as after a blank line.
            prev_blank: true,
        }
    }
}

impl LineScanner {
    /// Classifies the next line (with or without its line ending).
    pub(super) fn line<'a>(&mut self, line: &'a str) -> LineKind<'a> {
        let line = line.trim_end_matches(['\n', '\r']);
        let blank = line.bytes().all(|b| b == b' ' || b == b'\t');
        let prev_blank = std::mem::replace(&mut self.prev_blank, blank);
        if let Some((ch, len)) = self.fence {
            let rest = indented(line).unwrap_or("");
            let run = rest.bytes().take_while(|&b| b == ch).count();
            if run >= len && rest[run..].bytes().all(|b| b == b' ' || b == b'\t') {
                self.fence = None;
            }
            return LineKind::Other;
        }
        if let Some(end) = self.html_end {
            if line.contains(end) {
                self.html_end = None;
            }
            return LineKind::Other;
        }
        if blank {
            return LineKind::Blank;
        }
        if prev_blank && is_atx_heading(line) {
            return LineKind::Heading;
        }
        let Some(rest) = indented(line) else {
            return LineKind::Other;
        };
        if let Some(fence) = fence_open(rest) {
            self.fence = Some(fence);
            return LineKind::Other;
        }
        if let Some(end) = rest.strip_prefix('<').and_then(html_end_marker) {
            if !rest[1..].contains(end) {
                self.html_end = Some(end);
            }
            return LineKind::Other;
        }
        if let Some(after) = rest.strip_prefix("[^") {
            if let Some((label, len)) = footnote_label(after)
                && after.as_bytes().get(len + 1) == Some(&b':')
            {
                return LineKind::FootnoteDef(label);
            }
            return LineKind::Other;
        }
        if rest.starts_with('[') && rest.contains("]:") {
            return LineKind::LinkDef;
        }
        LineKind::Other
    }
}

/// `#` to `######` at column 0, then a space or tab.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(line.as_bytes().get(hashes), Some(b' ' | b'\t'))
}

/// The line without up to three spaces of indentation; `None` when it is indented code.
fn indented(line: &str) -> Option<&str> {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    let rest = &line[spaces..];
    (spaces < 4 && !rest.starts_with('\t')).then_some(rest)
}

/// A code fence opening: three or more backticks (no backtick after them) or tildes.
fn fence_open(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    (len >= 3 && (ch == b'~' || !rest[len..].contains('`'))).then_some((ch, len))
}

/// The end marker of an HTML block that starts with `<` + `after` and runs to a marker
/// rather than to a blank line (CommonMark's kinds 1 to 5).
fn html_end_marker(after: &str) -> Option<&'static str> {
    let bytes = after.as_bytes();
    for (tag, end) in [
        ("pre", "</pre>"),
        ("style", "</style>"),
        ("script", "</script>"),
        ("textarea", "</textarea>"),
    ] {
        if bytes.len() >= tag.len()
            && bytes[..tag.len()].eq_ignore_ascii_case(tag.as_bytes())
            && bytes
                .get(tag.len())
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>')
        {
            return Some(end);
        }
    }
    for (start, end) in [("!--", "-->"), ("?", "?>"), ("![CDATA[", "]]>")] {
        if after.starts_with(start) {
            return Some(end);
        }
    }
    match bytes {
        [b'!', letter, ..] if letter.is_ascii_alphabetic() => Some(">"),
        _ => None,
    }
}

/// The label of a footnote reference or definition, given the text after `[^`, and its
/// byte length (where its `]` is). Backslash escapes are skipped as pulldown-cmark skips them; a label
/// that spans lines, holds `[`, is blank or is longer than pulldown-cmark allows is `None`.
pub(super) fn footnote_label(after: &str) -> Option<(&str, usize)> {
    let bytes = after.as_bytes();
    let mut i = 0;
    while i < bytes.len().min(1000) {
        match bytes[i] {
            b']' => {
                let label = &after[..i];
                return (!label.trim().is_empty()).then_some((label, i));
            }
            b'[' | b'\n' | b'\r' => return None,
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// The labels of every `[^label]` in `text`, as written (a superset of the footnote
/// references pulldown-cmark can find there).
pub(super) fn footnote_refs(text: &str) -> impl Iterator<Item = &str> {
    memchr::memmem::find_iter(text.as_bytes(), b"[^")
        .filter_map(|at| footnote_label(&text[at + 2..]).map(|(label, _)| label))
}

/// A label compared the way pulldown-cmark compares them: runs of ASCII whitespace as one
/// space, none at the ends, case folded. Two labels with one key are (almost surely) the
/// same label; the checks in `feed.rs` catch the rare collision.
pub(super) fn label_key(label: &str) -> u64 {
    let trimmed = label.trim_matches([' ', '\t', '\n', '\r']);
    let mut collapsed = String::with_capacity(trimmed.len());
    let mut space = false;
    for c in trimmed.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            space = true;
        } else {
            if space {
                collapsed.push(' ');
                space = false;
            }
            collapsed.push(c);
        }
    }
    let mut h = DefaultHasher::new();
    UniCase::new(collapsed).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind<'_>> {
        let mut s = LineScanner::default();
        text.split_inclusive('\n').map(|l| s.line(l)).collect()
    }

    #[test]
    fn headings_only_outside_code_and_html_and_after_a_blank_line() {
        use LineKind::*;
        let text = "# A\ntext\n# B\n\n## C\n```sh\n\n# comment\n~~~\n```\n\n# D\n<!-- x\n\n# E\n-->\n\n###### F\n\n####### G\n\n#H\n";
        assert_eq!(
            kinds(text),
            [
                Heading, Other, Other, Blank, Heading, Other, Other, Other, Other, Other, Blank,
                Heading, Other, Other, Other, Other, Blank, Heading, Blank, Other, Blank, Other
            ]
        );
    }

    #[test]
    fn footnote_and_link_definitions() {
        use LineKind::*;
        assert_eq!(
            kinds("[^a b]: x\n   [^c\\]]: y\n[^d] text\n[l]: http://x\n    [^e]: code\n"),
            [
                FootnoteDef("a b"),
                FootnoteDef("c\\]"),
                Other,
                LinkDef,
                Other
            ]
        );
    }

    #[test]
    fn refs_and_keys() {
        let refs: Vec<&str> = footnote_refs("a[^x] b[^Y z][^\n] [^ ] [^q").collect();
        assert_eq!(refs, ["x", "Y z"]);
        assert_eq!(label_key("Y z"), label_key(" y\t z "));
        assert_ne!(label_key("yz"), label_key("y z"));
        assert_eq!(label_key("STRASSE"), label_key("straße"));
    }
}
