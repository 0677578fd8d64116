//! Front matter: a leading block of `key: value` lines between `---` lines. Only the keys
//! lectern uses are read (`title`, `author`/`authors`, `author_note`, `source`, and the
//! bibliographic `kind`, `date`, `journal`, `volume`, `issue`, `pages`, `publisher`, `doi`, `url`); others, as
//! written for static-site generators, are ignored. This is not YAML: one value per line,
//! optional quotes, and a list either on one line (`[A, B]`) or as `- A` lines.

use super::Note;

/// The values read, each with the byte offset of its value in the file.
#[derive(Debug, Default)]
pub(super) struct FrontMatter {
    /// `title:`.
    pub title: Option<(String, usize)>,
    /// `author:` or `authors:`, comma-separated or as a list.
    pub authors: Vec<String>,
    /// `author_note:`.
    pub author_note: Option<(String, usize)>,
    /// `source:`.
    pub source: Option<String>,
    /// `date:` (or `year:`), `journal:` (or `container:`), `volume:`, `issue:`, `pages:`,
    /// `publisher:`, `doi:`, `url:`; the build keeps only values that pass the loader's
    /// checks.
    pub biblio: crate::model::Biblio,
    /// Where the Markdown after the front matter starts.
    pub body_start: usize,
}

/// Reads the front matter at the start of `src`, if it has one (a UTF-8 byte-order mark
/// before it is skipped).
pub(super) fn split(src: &str, notes: &mut Vec<Note>) -> FrontMatter {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let mut fm = FrontMatter {
        body_start: start,
        ..FrontMatter::default()
    };
    let mut lines = LineIter { src, pos: start };
    match lines.next() {
        Some((_, first)) if opens(first) => {}
        _ => return fm,
    }
    let mut entries: Vec<(usize, &str)> = Vec::new();
    let mut closed = None;
    for (at, line) in lines.by_ref() {
        if closes(line) {
            closed = Some(lines.pos);
            break;
        }
        entries.push((at, line));
    }
    // Without a closing line this is no front matter, just a thematic break.
    let Some(body_start) = closed else {
        return fm;
    };
    fm.body_start = body_start;
    let mut list_key: Option<&str> = None;
    for (at, line) in entries {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            if matches!(list_key, Some("author" | "authors")) {
                fm.authors.push(unquote(item).to_owned());
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            notes.push(Note::warning(
                at,
                "front matter line is not `key: value`; it is ignored",
                None,
            ));
            continue;
        };
        let key = key.trim();
        let value = unquote(value.trim());
        // Every slice here borrows from `src`, so its address gives its offset.
        let value_at = (value.as_ptr() as usize).saturating_sub(src.as_ptr() as usize);
        debug_assert!(value_at >= at);
        list_key = None;
        match key.to_ascii_lowercase().as_str() {
            "title" => fm.title = Some((value.to_owned(), value_at)),
            "author" | "authors" => {
                if value.is_empty() {
                    list_key = Some("authors");
                } else {
                    let value = value
                        .strip_prefix('[')
                        .and_then(|v| v.strip_suffix(']'))
                        .unwrap_or(value);
                    fm.authors.extend(
                        value
                            .split([',', ';'])
                            .map(|a| unquote(a.trim()).to_owned()),
                    );
                }
            }
            "author_note" | "author-note" => fm.author_note = Some((value.to_owned(), value_at)),
            "source" => fm.source = Some(value.to_owned()),
            // An unknown kind is left out, as a value that would not pass the checks is.
            "kind" | "type" => {
                // `type: post` (a static-site generator's) neither sets nor undoes a kind.
                if let Some(kind) = crate::model::WorkType::named(value) {
                    fm.biblio.kind = Some(kind);
                }
            }
            "date" | "year" => fm.biblio.date = Some(value.to_owned()),
            "journal" | "container" => fm.biblio.container = Some(value.to_owned()),
            "volume" => fm.biblio.volume = Some(value.to_owned()),
            "issue" => fm.biblio.issue = Some(value.to_owned()),
            "pages" => fm.biblio.pages = Some(value.to_owned()),
            "publisher" => fm.biblio.publisher = Some(value.to_owned()),
            "doi" => fm.biblio.doi = Some(value.to_owned()),
            "url" => fm.biblio.url = Some(value.to_owned()),
            _ => {}
        }
    }
    fm.authors.retain(|a| !a.trim().is_empty());
    fm
}

/// Whether the first line (after a byte-order mark) opens front matter.
pub(super) fn opens(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Whether a later line closes the front matter (the body starts after it).
pub(super) fn closes(line: &str) -> bool {
    let t = line.trim_end();
    t == "---" || t == "..."
}

/// Strips one pair of matching quotes.
fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q))
            && v.len() >= 2
        {
            return inner;
        }
    }
    v
}

/// Lines with the byte offset of their start, without their line ending.
struct LineIter<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.src.len() {
            return None;
        }
        let rest = &self.src[self.pos..];
        let at = self.pos;
        let (line, len) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += len;
        Some((at, line.strip_suffix('\r').unwrap_or(line)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_known_keys_and_ignores_others() {
        let src = "---\ntitle: \"The *Water* Cycle\"\nauthors: [A. One, B. Two]\ndate: 2020\nsource: Somewhere\n---\n# Body\n";
        let mut notes = Vec::new();
        let fm = split(src, &mut notes);
        let (title, at) = fm.title.unwrap();
        assert_eq!(title, "The *Water* Cycle");
        assert_eq!(&src[at..at + 3], "The");
        assert_eq!(fm.authors, ["A. One", "B. Two"]);
        assert_eq!(fm.source.as_deref(), Some("Somewhere"));
        assert_eq!(&src[fm.body_start..], "# Body\n");
        assert!(notes.is_empty());
    }

    #[test]
    fn list_of_authors_and_bad_lines() {
        let src = "---\nauthor:\n  - A\n  - 'B'\nnonsense\n---\nx";
        let mut notes = Vec::new();
        let fm = split(src, &mut notes);
        assert_eq!(fm.authors, ["A", "B"]);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].at, src.find("nonsense").unwrap());
    }

    #[test]
    fn unclosed_block_is_not_front_matter() {
        let src = "---\ntitle: x\n\ntext";
        let fm = split(src, &mut Vec::new());
        assert!(fm.title.is_none());
        assert_eq!(fm.body_start, 0);
    }
}
