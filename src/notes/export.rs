//! Notes as Markdown (grouped under section headings, in reading order) or RON.

use std::fmt::Write as _;

use super::{NoteEntry, NotesFile};
use crate::model::Document;
use crate::sanitize::clean_line;

/// An ISO 8601 UTC timestamp for Unix seconds (`2026-11-29T11:40Z`).
pub fn iso_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// "5 minutes ago", "yesterday", or the date, for the notes list.
pub fn age(then: u64, now: u64) -> String {
    let d = now.saturating_sub(then);
    match d {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", d / 60),
        3600..86_400 => format!("{} h ago", d / 3600),
        86_400..172_800 => "yesterday".into(),
        172_800..604_800 => format!("{} days ago", d / 86_400),
        _ => iso_utc(then)[..10].to_owned(),
    }
}

fn quote_block(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "> {line}");
    }
}

/// The section heading text with its number ("2.1 Absence of …"), or "Introduction".
fn section_title(doc: &Document, s: usize) -> String {
    let section = &doc.sections[s];
    if section.number.is_empty() {
        section.title()
    } else {
        format!("{} {}", section.number, section.title())
    }
}

/// The notes as Markdown: a title, then each section that has notes (in reading order)
/// with each note under the quoted start of its paragraph and a reference back; detached
/// notes last.
pub fn markdown(doc: &Document, entries: &[NoteEntry], exported: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Notes on “{}”\n",
        crate::sanitize::clean_line(&doc.title())
    );
    if !doc.meta.authors.is_empty() {
        let _ = writeln!(out, "{}  ", doc.meta.authors.join(", "));
    }
    let _ = writeln!(
        out,
        "Article `{}`, {} note(s), exported {}\n",
        doc.meta.id,
        entries.len(),
        iso_utc(exported)
    );
    let mut current_section: Option<usize> = None;
    for e in entries.iter().filter(|e| e.attached.is_some()) {
        let Some(p) = e.attached else { continue };
        let para = &doc.paragraphs[p];
        if current_section != Some(para.section) {
            current_section = Some(para.section);
            let level = usize::from(doc.sections[para.section].level.max(1)) + 1;
            let _ = writeln!(
                out,
                "{} {}\n",
                "#".repeat(level.min(6)),
                section_title(doc, para.section)
            );
        }
        let nth = p - doc.sections[para.section].paragraphs.start + 1;
        quote_block(&mut out, &format!("{}…", clean_line(&e.note.quote)));
        let _ = writeln!(
            out,
            ">\n> — {}, paragraph {nth} (`{}`), noted {}\n",
            section_title(doc, para.section),
            para.id,
            iso_utc(e.note.modified)
        );
        let _ = writeln!(out, "{}\n", crate::sanitize::clean(&e.note.text));
    }
    let detached: Vec<&NoteEntry> = entries.iter().filter(|e| e.attached.is_none()).collect();
    if !detached.is_empty() {
        let _ = writeln!(out, "## Detached notes\n");
        let _ = writeln!(out, "Their paragraphs are no longer in the article.\n");
        for e in detached {
            // Quote and paragraph id come from the notes file as written: shown safely.
            quote_block(&mut out, &format!("{}…", clean_line(&e.note.quote)));
            let _ = writeln!(
                out,
                ">\n> — was paragraph `{}`, noted {}\n",
                clean_line(&e.note.paragraph),
                iso_utc(e.note.modified)
            );
            let _ = writeln!(out, "{}\n", crate::sanitize::clean(&e.note.text));
        }
    }
    out
}

/// The notes as a RON notes file: as lectern writes it, unless a string holds a control
/// character or a bidi override (from a hand-edited file), which would reach the terminal
/// as it is: then with every string escaped (`\u{1b}`), which reads back the same.
pub fn ron(file: &NotesFile) -> std::io::Result<String> {
    let text = super::to_ron(file)?;
    if crate::sanitize::is_clean(&text) {
        return Ok(text);
    }
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    ron::ser::to_string_pretty(file, config)
        .map(|s| s + "\n")
        .map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ages() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00Z");
        assert_eq!(iso_utc(1_796_000_000), "2026-11-30T00:53Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00Z");
        assert_eq!(age(100, 130), "just now");
        assert_eq!(age(0, 3 * 60), "3 min ago");
        assert_eq!(age(0, 90_000), "yesterday");
        assert_eq!(age(0, 10 * 86_400), "1970-01-01");
    }
}
