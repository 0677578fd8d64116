//! Documents written as Markdown that the importer reads back to the same text, headings,
//! footnotes and glossary (paragraph ids are derived again, so they may differ from a RON
//! file's hand-written ones).

use std::fmt::Write as _;

use crate::model::{BlockKind, Document, Glossary, Inline, Meta, TextStyle};

/// The document as Markdown: front matter (title, authors, author note, source), the body,
/// the footnote definitions and a `Glossary` section.
pub fn to_markdown(doc: &Document) -> String {
    let mut w = MarkdownWriter::default();
    w.front_matter(&doc.meta, None);
    w.body(doc, 0, "");
    w.footnotes(doc, "");
    w.glossary(&doc.glossary);
    w.out
}

/// The sections `sections` (indices into `doc.sections`) as Markdown: their headings and
/// blocks, then the definitions of the footnotes they cite.
pub fn sections_to_markdown(doc: &Document, sections: std::ops::Range<usize>) -> String {
    let mut w = MarkdownWriter::default();
    let shown = doc.sections.get(sections.clone()).unwrap_or_default();
    let mut cited: Vec<u32> = Vec::new();
    for section in shown {
        w.section(doc, section, 0, "");
        for p in &doc.paragraphs[section.paragraphs.clone()] {
            cited.extend(p.footnote_refs());
        }
    }
    for f in doc.footnotes.iter().filter(|f| cited.contains(&f.number)) {
        w.footnote(f, "");
    }
    w.out
}

/// Writes Markdown piece by piece (the book reuses it with shifted headings and prefixed
/// footnote labels).
#[derive(Debug, Default)]
pub(super) struct MarkdownWriter {
    /// The Markdown so far.
    pub out: String,
    /// Content column of the latest list item at each depth, for nesting.
    item_columns: Vec<usize>,
}

impl MarkdownWriter {
    /// `---` front matter; `title` replaces the document's title when given.
    pub fn front_matter(&mut self, meta: &Meta, title: Option<&str>) {
        self.out.push_str("---\n");
        let title = match title {
            Some(t) => t.to_owned(),
            None => inline_md(&meta.title, " ", ""),
        };
        let _ = writeln!(self.out, "title: {}", quoted(&title));
        if meta.authors.iter().any(|a| a.contains([',', ';'])) {
            self.out.push_str("authors:\n");
            for a in &meta.authors {
                let _ = writeln!(self.out, "  - {}", quoted(a));
            }
        } else if !meta.authors.is_empty() {
            let _ = writeln!(self.out, "authors: {}", quoted(&meta.authors.join(", ")));
        }
        if let Some(note) = &meta.author_note {
            let _ = writeln!(
                self.out,
                "author_note: {}",
                quoted(&inline_md(note, " ", ""))
            );
        }
        if let Some(source) = &meta.source {
            let _ = writeln!(self.out, "source: {}", quoted(source));
        }
        let b = &meta.biblio;
        if let Some(kind) = b.kind {
            let _ = writeln!(self.out, "kind: {}", kind.name());
        }
        for (key, value) in [
            ("date", &b.date),
            ("journal", &b.container),
            ("volume", &b.volume),
            ("issue", &b.issue),
            ("pages", &b.pages),
            ("publisher", &b.publisher),
            ("doi", &b.doi),
            ("url", &b.url),
        ] {
            if let Some(v) = value {
                let _ = writeln!(self.out, "{key}: {}", quoted(v));
            }
        }
        self.out.push_str("---\n\n");
    }

    /// Headings (levels raised by `heading_offset`) and blocks; footnote references are
    /// written as `[^{labels}N]`.
    pub fn body(&mut self, doc: &Document, heading_offset: u8, labels: &str) {
        for section in &doc.sections {
            self.section(doc, section, heading_offset, labels);
        }
    }

    /// One section: its heading and its blocks.
    fn section(
        &mut self,
        doc: &Document,
        section: &crate::model::Section,
        heading_offset: u8,
        labels: &str,
    ) {
        if let Some(heading) = &section.heading {
            let level = usize::from(section.level.saturating_add(heading_offset).clamp(1, 6));
            let _ = write!(self.out, "{} ", "#".repeat(level));
            self.out.push_str(&inline_md(heading, " ", labels));
            self.out.push_str("\n\n");
        }
        for p in &doc.paragraphs[section.paragraphs.clone()] {
            self.block(&p.kind, &p.inlines, labels);
        }
    }

    /// A heading of the given level (1–6) with plain text.
    pub fn heading(&mut self, level: usize, text: &[Inline]) {
        let _ = write!(self.out, "{} ", "#".repeat(level.clamp(1, 6)));
        self.out.push_str(&inline_md(text, " ", ""));
        self.out.push_str("\n\n");
    }

    fn block(&mut self, kind: &BlockKind, inlines: &[Inline], labels: &str) {
        match kind {
            BlockKind::Prose => {
                self.out.push_str(&inline_md(inlines, "\\\n", labels));
            }
            BlockKind::Quote => {
                self.out.push_str("> ");
                self.out.push_str(&inline_md(inlines, "\\\n> ", labels));
            }
            BlockKind::Item { marker, depth } => {
                let depth = usize::from(*depth);
                self.item_columns.truncate(depth);
                let indent = self.item_columns.last().copied().unwrap_or(0);
                let marker = if is_list_marker(marker) { marker } else { "-" };
                let column = indent + marker.len() + 1;
                self.item_columns.resize(depth, indent);
                self.item_columns.push(column);
                let _ = write!(self.out, "{}{marker} ", " ".repeat(indent));
                let cont = format!("\\\n{}", " ".repeat(column));
                self.out.push_str(&inline_md(inlines, &cont, labels));
            }
            BlockKind::Code => {
                let text: String = inlines.iter().map(|i| i.plain_text()).collect();
                let fence = "`".repeat(longest_run(&text, '`').max(2) + 1);
                let _ = write!(self.out, "{fence}\n{text}\n{fence}");
            }
        }
        self.out.push_str("\n\n");
    }

    /// `[^{labels}N]: text` for every footnote.
    pub fn footnotes(&mut self, doc: &Document, labels: &str) {
        for f in &doc.footnotes {
            self.footnote(f, labels);
        }
    }

    /// `[^{labels}N]: text`.
    fn footnote(&mut self, f: &crate::model::Footnote, labels: &str) {
        let _ = write!(self.out, "[^{labels}{}]: ", f.number);
        self.out
            .push_str(&inline_md(&f.inlines, "\\\n    ", labels));
        self.out.push_str("\n\n");
    }

    /// A `Glossary` section as a definition list, aliases as `(also: …)`, related entries as
    /// a final `See also:` paragraph.
    pub fn glossary(&mut self, glossary: &Glossary) {
        if glossary.is_empty() {
            return;
        }
        self.out.push_str("## Glossary\n\n");
        for e in &glossary.entries {
            self.out.push_str(&escape_text(&e.term, true));
            if !e.aliases.is_empty() {
                let _ = write!(
                    self.out,
                    " (also: {})",
                    list(e.aliases.iter().map(String::as_str))
                );
            }
            self.out.push_str("\n: ");
            self.out.push_str(&inline_md(&e.definition, "\\\n  ", ""));
            self.out.push('\n');
            if !e.see_also.is_empty() {
                let names = e
                    .see_also
                    .iter()
                    .map(|&i| glossary.entries[i].term.as_str());
                let _ = write!(self.out, "\n  See also: {}\n", list(names));
            }
            self.out.push('\n');
        }
    }
}

/// Names joined by `, `, or by `; ` when one holds a comma (with a final `;` when there is
/// only one, so that the reader knows which separator is meant).
fn list<'a>(names: impl Iterator<Item = &'a str> + Clone) -> String {
    let escaped: Vec<String> = names.map(|n| escape_text(n, false)).collect();
    if escaped.iter().any(|n| n.contains(',')) {
        let mut s = escaped.join("; ");
        if escaped.len() == 1 {
            s.push(';');
        }
        s
    } else {
        escaped.join(", ")
    }
}

/// A front-matter value that reads back as itself.
fn quoted(value: &str) -> String {
    let value = value.replace('\n', " ");
    if value.starts_with(['"', '\'']) || value.ends_with(['"', '\'']) || value.trim() != value {
        if value.contains('"') {
            format!("'{value}'")
        } else {
            format!("\"{value}\"")
        }
    } else {
        value
    }
}

fn is_list_marker(marker: &str) -> bool {
    match marker {
        "-" | "*" | "+" => true,
        m => {
            let digits = m.trim_end_matches(['.', ')']);
            m.len() == digits.len() + 1
                && (1..=9).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
        }
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Inline content as Markdown; a line break is written as `line_break` (a hard break and
/// the prefix of the next line).
fn inline_md(inlines: &[Inline], line_break: &str, labels: &str) -> String {
    let mut out = String::new();
    let mut style = TextStyle::default();
    let mut line_start = true;
    for (i, inline) in inlines.iter().enumerate() {
        let line_end = inlines
            .get(i + 1)
            .is_none_or(|next| matches!(next, Inline::LineBreak));
        match inline {
            Inline::Text { text, style: s } => {
                // Spaces stay outside emphasis marks, where CommonMark needs them: close what
                // this run does not share, write leading spaces, then open the rest.
                let (lead, inner) = if s.code {
                    ("", text.as_str())
                } else {
                    let inner = text.trim_matches(' ');
                    (
                        &text[..text.len() - text.trim_start_matches(' ').len()],
                        inner,
                    )
                };
                let common = TextStyle {
                    emph: style.emph && s.emph,
                    strong: style.strong && s.strong,
                    strike: style.strike && s.strike,
                    code: false,
                };
                crate::model::inline::switch_style(&mut out, &mut style, common);
                if inner.is_empty() {
                    out.push_str(&kept_spaces(text, line_start, line_end));
                    line_start = false;
                    continue;
                }
                out.push_str(&kept_spaces(lead, line_start, false));
                crate::model::inline::switch_style(&mut out, &mut style, *s);
                if s.code {
                    let ticks = "`".repeat(longest_run(inner, '`') + 1);
                    // CommonMark strips one space from each end of a code span that has
                    // one at both ends, and a span cannot start or end with its fence.
                    let pad = if inner.starts_with('`')
                        || inner.ends_with('`')
                        || (inner.starts_with(' ') && inner.ends_with(' '))
                    {
                        " "
                    } else {
                        ""
                    };
                    let _ = write!(out, "{ticks}{pad}{inner}{pad}{ticks}");
                } else {
                    out.push_str(&escape_text(inner, line_start && lead.is_empty()));
                }
                let trail = &text[lead.len() + inner.len()..];
                if !trail.is_empty() {
                    // Close before the spaces what the next piece does not continue.
                    let next = match inlines.get(i + 1) {
                        Some(Inline::Text { style: n, .. } | Inline::Link { style: n, .. }) => *n,
                        _ => TextStyle::default(),
                    };
                    let keep = TextStyle {
                        emph: s.emph && next.emph,
                        strong: s.strong && next.strong,
                        strike: s.strike && next.strike,
                        code: false,
                    };
                    crate::model::inline::switch_style(&mut out, &mut style, keep);
                    out.push_str(&kept_spaces(trail, false, line_end));
                }
            }
            Inline::Link {
                text,
                url,
                style: s,
            } => {
                crate::model::inline::switch_style(&mut out, &mut style, *s);
                if text == url && is_autolink(url) {
                    let _ = write!(out, "<{url}>");
                } else {
                    let _ = write!(out, "[{}]({})", escape_text(text, false), escape_url(url));
                }
            }
            Inline::FootnoteRef { number } => {
                let _ = write!(out, "[^{labels}{number}]");
            }
            Inline::LineBreak => {
                crate::model::inline::switch_style(&mut out, &mut style, TextStyle::default());
                out.push_str(line_break);
                line_start = true;
                continue;
            }
        }
        line_start = false;
    }
    crate::model::inline::switch_style(&mut out, &mut style, TextStyle::default());
    out
}

/// Spaces as written, except that CommonMark drops them at the start and end of a line: there
/// the outer one is written as the entity `&#32;`.
fn kept_spaces(spaces: &str, line_start: bool, line_end: bool) -> String {
    let mut out = spaces.to_owned();
    if line_end && out.ends_with(' ') {
        out.pop();
        out.push_str("&#32;");
    }
    if line_start && out.starts_with(' ') {
        out.replace_range(..1, "&#32;");
    }
    out
}

/// Text with every character that could start Markdown syntax escaped; at the start of a
/// line also those that would open a block (`#`, `-`, `1.`, `:` …).
fn escape_text(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let block_start = line_start
            && ((i == 0 && matches!(c, '-' | '+' | '=' | ':' | '#'))
                || (i == digits && digits > 0 && matches!(c, '.' | ')')));
        if block_start
            || matches!(
                c,
                '\\' | '*'
                    | '_'
                    | '`'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '~'
                    | '|'
                    | '&'
                    | '#'
                    | '$'
                    | '^'
                    | '!'
            )
        {
            out.push('\\');
        }
        match c {
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An autolink `<url>` holds a scheme, then no spaces or angle brackets.
fn is_autolink(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        && !rest.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
}

fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '\\' | '(' | ')' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            ' ' => out.push_str("%20"),
            c => out.push(c),
        }
    }
    out
}
