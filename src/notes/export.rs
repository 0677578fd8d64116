//! Notes as Markdown (grouped under section headings, in reading order) or RON.

use std::fmt::Write as _;

use super::highlights::HighlightEntry;
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

/// Unix seconds as local time with its offset from UTC (`2026-11-30 01:53 +01:00`), as the
/// C library sees the time zone (`TZ`); UTC when it cannot say.
pub fn local_time(secs: u64) -> String {
    let Ok(t) = libc::time_t::try_from(secs) else {
        return stamp(secs, 0);
    };
    // SAFETY: `localtime_r` only writes into `tm`, which lives for the whole call; an
    // all-zero `tm` is a valid value of the plain C struct.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::localtime_r(&t, &mut tm) };
    if done.is_null() {
        return stamp(secs, 0);
    }
    // `c_long` is 32 bits wide on some targets.
    #[allow(clippy::useless_conversion)]
    let offset = i64::from(tm.tm_gmtoff);
    stamp(secs, offset)
}

/// Unix seconds at `offset` seconds east of UTC: the local date, time and the offset.
fn stamp(secs: u64, offset: i64) -> String {
    let local = secs as i64 + offset;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let rem = local.rem_euclid(86_400);
    let sign = if offset < 0 { '-' } else { '+' };
    let off = offset.unsigned_abs();
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} {sign}{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        off / 3600,
        off % 3600 / 60
    )
}

/// Characters of a paragraph quoted whole; a longer one is quoted by its start.
const WHOLE_QUOTE_CHARS: usize = 200;

/// The start of `text` to quote: all of it when it has at most `max` characters, else its
/// first words within `max` characters and "…".
fn quote_start(text: &str, max: usize) -> String {
    let text = super::anchor::normalized(&clean_line(text));
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max + 1).collect();
    // Up to the last space: the next word would not fit whole.
    let end = cut.rfind(' ').filter(|&i| i > 0).unwrap_or(cut.len());
    let mut start: String = cut[..end].trim_end().to_owned();
    if end == cut.len() {
        start = text.chars().take(max).collect();
    }
    start.push('…');
    start
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

/// Where paragraph `p` is: "2.2 ¶3" (or "¶3" in the introduction).
fn place(doc: &Document, p: usize) -> String {
    let s = &doc.sections[doc.paragraphs[p].section];
    let nth = p - s.paragraphs.start + 1;
    if s.number.is_empty() {
        format!("¶{nth}")
    } else {
        format!("{} ¶{nth}", s.number)
    }
}

/// "1 note", "2 notes".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a notes file holds, in words: `2 notes, 1 highlight, 3 glossary entries of yours and
/// 0 bookmarks` (highlights and entries only when there are some, bookmarks when given).
pub fn tally(notes: usize, highlights: usize, terms: usize, bookmarks: Option<usize>) -> String {
    let mut parts = vec![count(notes, "note", "notes")];
    if highlights > 0 {
        parts.push(count(highlights, "highlight", "highlights"));
    }
    if terms > 0 {
        parts.push(count(
            terms,
            "glossary entry of yours",
            "glossary entries of yours",
        ));
    }
    if let Some(bookmarks) = bookmarks {
        parts.push(count(bookmarks, "bookmark", "bookmarks"));
    }
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

/// Writes the heading of section `s`, after those of its parents not written yet.
fn headings(out: &mut String, doc: &Document, s: usize, written: &mut [bool]) {
    let mut chain = vec![s];
    while let Some(parent) = doc.sections[chain[chain.len() - 1]].parent {
        chain.push(parent);
    }
    for &s in chain.iter().rev() {
        if std::mem::replace(&mut written[s], true) {
            continue;
        }
        let level = usize::from(doc.sections[s].level.max(1)) + 1;
        let _ = writeln!(
            out,
            "{} {}\n",
            "#".repeat(level.min(6)),
            clean_line(&section_title(doc, s))
        );
    }
}

/// A notes file read from disk as Markdown: its notes and highlights anchored against the
/// article as it is now (without a lock or a write), then the student's own glossary.
pub fn file_markdown(
    doc: &Document,
    file: NotesFile,
    bookmarks: &[(char, Option<usize>)],
    exported: u64,
) -> String {
    let entries = super::NotesStore::anchored(doc, file.notes);
    let marked = super::NotesStore::anchored_highlights(doc, file.highlights);
    markdown(doc, &entries, &marked, &file.terms, bookmarks, exported)
}

/// The notes as Markdown, ready to paste: a title (with the authors and the source), then
/// each section that has notes under its parents' headings (in reading order), each note
/// under the quoted start of its paragraph and where it is; the bookmarks; detached notes
/// last. Highlights go under their paragraph's place, after its note. `bookmarks` are
/// letters with their paragraph (`None` when it is gone).
pub fn markdown(
    doc: &Document,
    entries: &[NoteEntry],
    marked: &[HighlightEntry],
    terms: &[super::terms::PersonalTerm],
    bookmarks: &[(char, Option<usize>)],
    exported: u64,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Notes on “{}”\n", clean_line(&doc.title()));
    if !doc.meta.authors.is_empty() {
        let _ = writeln!(out, "{}  ", clean_line(&doc.meta.authors.join(", ")));
    }
    if let Some(source) = &doc.meta.source {
        let _ = writeln!(out, "Source: {}  ", clean_line(source));
    }
    let _ = writeln!(
        out,
        "{}, exported {}\n",
        tally(
            entries.len(),
            marked.len(),
            terms.len(),
            Some(bookmarks.len())
        ),
        local_time(exported)
    );
    let mut written = vec![false; doc.sections.len()];
    let mut places: Vec<usize> = entries.iter().filter_map(|e| e.attached).collect();
    places.extend(
        marked
            .iter()
            .filter_map(|h| h.at.as_ref().map(|s| s.paragraph)),
    );
    places.sort_unstable();
    places.dedup();
    let mut notes = entries.iter().filter(|e| e.attached.is_some()).peekable();
    let mut hls = marked.iter().filter(|h| h.at.is_some()).peekable();
    for p in places {
        let para = &doc.paragraphs[p];
        headings(&mut out, doc, para.section, &mut written);
        if let Some(e) = notes.next_if(|e| e.attached == Some(p)) {
            quote_block(
                &mut out,
                &quote_start(&para.plain_text(), WHOLE_QUOTE_CHARS),
            );
            let _ = writeln!(
                out,
                ">\n> — {}, noted {}\n",
                place(doc, p),
                local_time(e.note.modified)
            );
            let _ = writeln!(out, "{}\n", crate::sanitize::clean(&e.note.text));
        }
        while let Some(h) = hls.next_if(|h| h.at.as_ref().map(|s| s.paragraph) == Some(p)) {
            highlight_item(&mut out, Some(&place(doc, p)), h);
        }
    }
    if !bookmarks.is_empty() {
        let _ = writeln!(out, "## Bookmarks\n");
        for &(letter, p) in bookmarks {
            let _ = match p {
                Some(p) => writeln!(
                    out,
                    "- **{letter}**: {}, “{}”",
                    place(doc, p),
                    quote_start(&doc.paragraphs[p].plain_text(), super::anchor::QUOTE_CHARS)
                ),
                None => writeln!(
                    out,
                    "- **{letter}**: its paragraph is no longer in the article"
                ),
            };
        }
        out.push('\n');
    }
    let detached: Vec<&NoteEntry> = entries.iter().filter(|e| e.attached.is_none()).collect();
    if !detached.is_empty() {
        let _ = writeln!(out, "## Detached notes\n");
        let _ = writeln!(out, "Their paragraphs are no longer in the article.\n");
        for e in detached {
            // The quote comes from the notes file as written: shown safely. It is the
            // paragraph's start, whole when shorter than the quote kept.
            let quote = quote_start(&e.note.quote, super::anchor::QUOTE_CHARS - 1);
            quote_block(&mut out, &quote);
            let _ = writeln!(out, ">\n> — noted {}\n", local_time(e.note.modified));
            let _ = writeln!(out, "{}\n", crate::sanitize::clean(&e.note.text));
        }
    }
    let detached: Vec<&HighlightEntry> = marked.iter().filter(|h| h.at.is_none()).collect();
    if !detached.is_empty() {
        let _ = writeln!(out, "## Detached highlights\n");
        let _ = writeln!(out, "Their text is no longer in the article.\n");
        for h in detached {
            highlight_item(&mut out, None, h);
        }
    }
    out.push_str(&super::terms::markdown(terms));
    out
}

/// A highlight as a list item: the quote, where it is and its colour, its note below.
fn highlight_item(out: &mut String, place: Option<&str>, h: &HighlightEntry) {
    let h = &h.highlight;
    let quote = clean_line(&h.quote);
    let _ = match place {
        Some(place) => writeln!(out, "- ==“{quote}”== ({place}, colour {})", h.colour),
        None => writeln!(out, "- ==“{quote}”== (colour {})", h.colour),
    };
    for line in crate::sanitize::clean(&h.note).lines() {
        let _ = writeln!(out, "  {line}");
    }
    out.push('\n');
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
        assert_eq!(stamp(1_796_000_000, 3600), "2026-11-30 01:53 +01:00");
        assert_eq!(
            stamp(1_796_000_000, -(5 * 3600 + 1800)),
            "2026-11-29 19:23 -05:30"
        );
        assert_eq!(stamp(0, 0), "1970-01-01 00:00 +00:00");
    }

    #[test]
    fn quotes_end_on_a_word_and_short_ones_are_whole() {
        assert_eq!(quote_start("A short  paragraph.", 20), "A short paragraph.");
        assert_eq!(quote_start("one two three four", 10), "one two…");
        assert_eq!(quote_start("abcdefghijklmnop", 5), "abcde…");
        assert_eq!(count(1, "note", "notes"), "1 note");
        assert_eq!(count(0, "note", "notes"), "0 notes");
        assert_eq!(tally(0, 0, 0, Some(0)), "0 notes and 0 bookmarks");
        assert_eq!(tally(1, 0, 0, None), "1 note");
        assert_eq!(tally(1, 2, 0, None), "1 note and 2 highlights");
        assert_eq!(
            tally(2, 1, 3, Some(1)),
            "2 notes, 1 highlight, 3 glossary entries of yours and 1 bookmark"
        );
    }
}
