//! `lectern print`: an article (or one section) as plain text.

use std::fmt::Write;
use std::ops::Range;

use crate::model::inline::to_plain;
use crate::model::{BlockKind, Document, Inline};

/// Renders the whole article: title, authors, author note, headings and paragraphs, then
/// `Notes` with the footnotes and `Glossary` with the entries. Without `width` every
/// paragraph is one line; with it, text wraps to that many columns.
pub fn render(doc: &Document, width: Option<usize>) -> String {
    let mut out = String::new();
    write_text(doc, width, None, &mut out);
    out
}

/// The sections that `number` (`2`, `2.2`) names, as indices into `doc.sections`: that
/// section and its subsections. An unknown number is an error that lists the valid ones.
pub fn section_range(doc: &Document, number: &str) -> Result<Range<usize>, String> {
    let Some(start) = doc.sections.iter().position(|s| s.number == number) else {
        let valid: Vec<&str> = doc
            .sections
            .iter()
            .map(|s| s.number.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        let shown = crate::sanitize::clean_line(number).into_owned();
        return Err(if valid.is_empty() {
            format!("no section {shown}: the article has no numbered sections")
        } else {
            format!("no section {shown}: the sections are {}", valid.join(", "))
        });
    };
    let level = doc.sections[start].level;
    let end = doc.sections[start + 1..]
        .iter()
        .position(|s| s.level <= level)
        .map_or(doc.sections.len(), |i| start + 1 + i);
    Ok(start..end)
}

/// Writes what [`render`] returns to `out` as it goes, so that a long article is never held
/// twice in memory (once as the document, once as its text).
/// With `sections`, only those sections (see [`section_range`]) and the footnotes they cite.
pub fn write(
    doc: &Document,
    width: Option<usize>,
    sections: Option<Range<usize>>,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    /// Passes text on to `out` through a buffer, keeping the first error.
    struct Sink<W: std::io::Write> {
        out: std::io::BufWriter<W>,
        error: Option<std::io::Error>,
    }
    impl<W: std::io::Write> Write for Sink<W> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if self.error.is_none()
                && let Err(e) = std::io::Write::write_all(&mut self.out, s.as_bytes())
            {
                self.error = Some(e);
            }
            Ok(())
        }
    }
    let mut sink = Sink {
        out: std::io::BufWriter::new(out),
        error: None,
    };
    write_text(doc, width, sections, &mut sink);
    match sink.error {
        Some(e) => Err(e),
        None => std::io::Write::flush(&mut sink.out),
    }
}

fn write_text(
    doc: &Document,
    width: Option<usize>,
    sections: Option<Range<usize>>,
    out: &mut impl Write,
) {
    let wrap = |text: &str, indent: &str| -> String {
        match width {
            None => text.to_owned(),
            Some(w) => {
                let opts = textwrap::Options::new(w.max(1))
                    .initial_indent(indent)
                    .subsequent_indent(indent);
                textwrap::wrap(text, opts).join("\n")
            }
        }
    };
    let hanging = |prefix: &str, text: &str| -> String {
        match width {
            None => format!("{prefix}{text}"),
            Some(w) => {
                let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(prefix).min(w / 2));
                let opts = textwrap::Options::new(w.max(1)).subsequent_indent(&indent);
                textwrap::wrap(&format!("{prefix}{text}"), opts).join("\n")
            }
        }
    };

    let whole = sections.is_none();
    let sections = sections.unwrap_or(0..doc.sections.len());
    if whole {
        let _ = writeln!(out, "{}", wrap(&to_plain(&doc.meta.title), ""));
        if !doc.meta.authors.is_empty() {
            let _ = writeln!(out, "{}", wrap(&doc.meta.authors.join(", "), ""));
        }
        if let Some(note) = &doc.meta.author_note {
            let _ = write!(out, "\n{}\n", wrap(&to_plain(note), ""));
        }
        if let Some(source) = &doc.meta.source {
            let _ = write!(out, "\n{}\n", wrap(&format!("Source: {source}"), ""));
        }
    }
    let mut cited: Vec<u32> = Vec::new();
    for (s, section) in doc.sections.iter().enumerate() {
        if !sections.contains(&s) {
            continue;
        }
        if let Some(h) = &section.heading {
            let _ = write!(out, "\n{}\n", wrap(&to_plain(h), ""));
        }
        for p in &doc.paragraphs[section.paragraphs.clone()] {
            debug_assert_eq!(p.section, s);
            cited.extend(p.footnote_refs());
            let _ = out.write_char('\n');
            let text = to_plain(&p.inlines);
            let block = match &p.kind {
                BlockKind::Prose => wrap(&text, ""),
                BlockKind::Quote => wrap(&text, "> "),
                BlockKind::Item { marker, depth } => {
                    let indent = "  ".repeat(usize::from(*depth));
                    hanging(&format!("{indent}{marker} "), &text)
                }
                BlockKind::Code => code_text(&p.inlines),
            };
            let _ = writeln!(out, "{block}");
        }
    }
    let notes: Vec<_> = doc
        .footnotes
        .iter()
        .filter(|f| whole || cited.contains(&f.number))
        .collect();
    if !notes.is_empty() {
        let _ = out.write_str("\nNotes\n");
        for f in notes {
            let _ = writeln!(
                out,
                "{}",
                hanging(&format!("[{}] ", f.number), &to_plain(&f.inlines))
            );
        }
    }
    if whole && !doc.glossary.is_empty() {
        let _ = out.write_str("\nGlossary\n");
        for e in &doc.glossary.entries {
            let _ = writeln!(
                out,
                "{}",
                hanging(&format!("{}: ", e.term), &to_plain(&e.definition))
            );
        }
    }
}

/// A code block's text, verbatim.
fn code_text(inlines: &[Inline]) -> String {
    inlines.iter().map(|i| i.plain_text()).collect()
}
