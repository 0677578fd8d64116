//! Notes (and highlights) as Markdown for Obsidian and Zotero-minded tools: YAML front
//! matter (title, authors, citekey, source, tags), then one block per item with a stable
//! block id (`^note-…`, `^hl-…`), the quoted text as a `> [!quote]` callout and a Pandoc
//! citation (`[@citekey, para. 12]`).
//!
//! Items come in as [`Item`]s from any source, so highlights slot in beside notes:
//! [`note_items`] makes them from notes.

use std::fmt::Write as _;

use crate::model::Document;
use crate::notes::NoteEntry;
use crate::sanitize::{clean, clean_line};

/// What an exported item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A note on a paragraph: the quote is the paragraph's start.
    Note,
    /// A highlight: the quote is the highlighted text.
    Highlight,
}

/// One note or highlight to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Note or highlight.
    pub kind: ItemKind,
    /// The paragraph it is attached to; `None` when detached.
    pub paragraph: Option<usize>,
    /// The stored paragraph id (names the block with `created`).
    pub paragraph_id: String,
    /// The quoted text.
    pub quote: String,
    /// The student's text (may be empty for a highlight).
    pub text: String,
    /// Unix time of creation.
    pub created: u64,
}

impl Item {
    /// The block id: `note-` or `hl-` and a hash of the paragraph id and the creation time,
    /// so it stays the same when the text is edited and across exports.
    pub fn block_id(&self) -> String {
        let mut h = crate::model::hash::Fnv1a::new();
        h.write(self.paragraph_id.as_bytes());
        h.write(&[0]);
        h.write(&self.created.to_le_bytes());
        if self.kind == ItemKind::Highlight {
            h.write(self.quote.as_bytes());
        }
        let prefix = match self.kind {
            ItemKind::Note => "note",
            ItemKind::Highlight => "hl",
        };
        format!("{prefix}-{:012x}", h.finish() >> 16)
    }
}

/// The notes as export items, in their order (each quoting its paragraph's start).
pub fn note_items<'a>(
    doc: &'a Document,
    entries: &'a [NoteEntry],
) -> impl Iterator<Item = Item> + 'a {
    entries.iter().map(|e| Item {
        kind: ItemKind::Note,
        paragraph: e.attached,
        paragraph_id: e.note.paragraph.clone(),
        quote: match e.attached {
            Some(p) => doc.paragraphs[p].plain_text(),
            None => e.note.quote.clone(),
        },
        text: e.note.text.clone(),
        created: e.note.created,
    })
}

/// The highlights as export items (each quoting its highlighted text, with its note).
pub fn highlight_items(
    marked: &[crate::notes::highlights::HighlightEntry],
) -> impl Iterator<Item = Item> + '_ {
    marked.iter().map(|e| Item {
        kind: ItemKind::Highlight,
        paragraph: e.at.as_ref().map(|s| s.paragraph),
        paragraph_id: e.highlight.paragraph.clone(),
        quote: e.highlight.quote.clone(),
        text: e.highlight.note.clone(),
        created: e.highlight.created,
    })
}

/// Notes and highlights in reading order: by paragraph (detached ones last), a paragraph's
/// note before its highlights, highlights by when they were made.
pub fn reading_order(items: impl IntoIterator<Item = Item>) -> Vec<Item> {
    let mut items: Vec<Item> = items.into_iter().collect();
    items.sort_by_key(|i| {
        (
            i.paragraph.is_none(),
            i.paragraph,
            i.kind == ItemKind::Highlight,
            i.created,
        )
    });
    items
}

/// A YAML double-quoted scalar: always quoted, so `:`, `#`, quotes and leading dashes
/// mean nothing; `\` and `"` escaped, control characters as `\uXXXX` escapes.
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A one-line quote for a callout: whitespace runs made single spaces, at most `max`
/// characters (then cut at a word, with "…").
fn one_line(text: &str, max: usize) -> String {
    let text: String = clean_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let end = cut.rfind(' ').filter(|&i| i > 0).unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}

/// Longest quote written for a note's paragraph.
const NOTE_QUOTE_CHARS: usize = 300;

/// The Obsidian Markdown: front matter, a title, then each item's block in the given order.
/// `tags` are added to `lectern` in the front matter.
pub fn obsidian(doc: &Document, items: impl IntoIterator<Item = Item>, tags: &[String]) -> String {
    let key = super::citekey(&doc.meta);
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(&clean_line(&doc.title())));
    if !doc.meta.authors.is_empty() {
        out.push_str("authors:\n");
        for a in &doc.meta.authors {
            let _ = writeln!(out, "  - {}", yaml_string(&clean_line(a)));
        }
    }
    let _ = writeln!(out, "citekey: {}", yaml_string(&key));
    let source = doc
        .meta
        .biblio
        .doi
        .as_ref()
        .map(|d| format!("https://doi.org/{d}"))
        .or_else(|| doc.meta.biblio.url.clone())
        .or_else(|| doc.meta.source.clone());
    if let Some(source) = source {
        let _ = writeln!(out, "source: {}", yaml_string(&clean_line(&source)));
    }
    out.push_str("tags:\n  - lectern\n");
    for t in tags {
        let _ = writeln!(out, "  - {}", yaml_string(&clean_line(t)));
    }
    out.push_str("---\n\n");
    let _ = writeln!(out, "# {}\n", clean_line(&doc.title()));
    for item in items {
        block(&mut out, doc, &key, &item);
    }
    out
}

/// One item: the callout with the quote and its citation, the student's text, the block id.
fn block(out: &mut String, doc: &Document, key: &str, item: &Item) {
    let (title, cite) = match item.paragraph.filter(|&p| p < doc.paragraphs.len()) {
        Some(p) => (
            super::locator(doc, p),
            Some(format!("[@{key}, para. {}]", p + 1)),
        ),
        None => ("detached".to_owned(), None),
    };
    let max = match item.kind {
        ItemKind::Note => NOTE_QUOTE_CHARS,
        ItemKind::Highlight => usize::MAX,
    };
    let _ = writeln!(out, "> [!quote] {title}");
    let _ = writeln!(out, "> {}", one_line(&item.quote, max));
    if let Some(cite) = cite {
        let _ = writeln!(out, ">\n> — {cite}");
    }
    out.push('\n');
    let text = clean(&item.text);
    let text = text.trim_end();
    let id = item.block_id();
    if text.trim().is_empty() {
        let _ = writeln!(out, "^{id}\n");
    } else {
        let _ = writeln!(out, "{text} ^{id}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_quote_everything_that_matters() {
        assert_eq!(yaml_string("A: \"B\""), r#""A: \"B\"""#);
        assert_eq!(yaml_string("a\\b\nc\u{7}"), r#""a\\b\nc\u0007""#);
        assert_eq!(yaml_string("- #x"), "\"- #x\"");
    }

    #[test]
    fn block_ids_are_stable_and_ignore_the_text() {
        let item = |text: &str, created| Item {
            kind: ItemKind::Note,
            paragraph: Some(0),
            paragraph_id: "intro-1".into(),
            quote: "q".into(),
            text: text.into(),
            created,
        };
        assert_eq!(item("a", 5).block_id(), item("b", 5).block_id());
        assert_ne!(item("a", 5).block_id(), item("a", 6).block_id());
        assert!(item("a", 5).block_id().starts_with("note-"));
        let id = item("a", 5).block_id();
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{id}"
        );
        let hl = Item {
            kind: ItemKind::Highlight,
            ..item("a", 5)
        };
        assert!(hl.block_id().starts_with("hl-"));
    }

    #[test]
    fn long_quotes_are_cut_at_a_word() {
        assert_eq!(one_line("one  two\nthree four", 14), "one two three…");
        assert_eq!(one_line("short", 14), "short");
    }
}
