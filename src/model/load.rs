//! Loading and validating RON articles (the glossary's checks are in [`glossary`]).

use std::collections::HashMap;
use std::path::Path;

use super::document::{
    BlockKind, Document, Footnote, Meta, Paragraph, ParagraphId, Section, SectionBuilder,
};
use super::format::{ArticleFile, BlockFile, FORMAT_VERSION, FootnoteFile};
use super::inline::{self, Inline, RefOffsets, TextStyle};
use super::locate::{Pos, Seg, SourceMap};
use crate::diag::{Diagnostic, FileError, read_text_file};

/// Largest article file accepted (a long book in RON is well under this).
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// Largest text of one block (a paragraph, a code block, a heading, a footnote, a
/// definition, the title or the author note). A block is wrapped whole when it comes into
/// view; a longer one is almost certainly not prose, and is refused with its position
/// rather than making the reader stall.
pub const MAX_BLOCK_BYTES: usize = 1 << 20;

/// The message for a block over [`MAX_BLOCK_BYTES`].
pub fn block_too_long(what: &str, len: usize) -> String {
    format!(
        "{what} is {len} bytes long; a block of text may hold at most {MAX_BLOCK_BYTES} bytes \
         (1 MiB): split it"
    )
}

/// The RON options every lectern file is read with: `Some(..)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Where `ron` says its error is (line and column counted from 1).
pub fn ron_error_pos(e: &ron::error::SpannedError) -> Pos {
    Pos {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    }
}

/// `ron`'s error as one diagnostic at its place, worded by [`describe_ron_error`].
pub fn ron_diagnostic(e: &ron::error::SpannedError) -> Diagnostic {
    Diagnostic::error(ron_error_pos(e), describe_ron_error(&e.code))
}

/// Reads RON text as a `T` with [`ron_options`]; what does not parse is one diagnostic.
pub fn parse_ron<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Vec<Diagnostic>> {
    ron_options()
        .from_str::<T>(text)
        .map_err(|e| vec![ron_diagnostic(&e)])
}

/// A loaded article and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The article.
    pub doc: Document,
    /// Problems that did not stop loading.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates an article file.
pub fn load_file(path: &Path) -> Result<Loaded, FileError> {
    let text = read_text_file(path, MAX_ARTICLE_BYTES)?;
    parse(&text).map_err(|diagnostics| FileError {
        path: path.display().to_string(),
        diagnostics,
    })
}

/// Parses and validates article text; on failure, every error found (sorted by position).
pub fn parse(src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let file: ArticleFile = match ron_options().from_str(src) {
        Ok(file) => file,
        Err(e) => {
            let pos = ron_error_pos(&e);
            let mut message = describe_ron_error(&e.code);
            let map = SourceMap::new(src);
            if let Some(field) = map.field_before(map.byte_at(pos)) {
                message.push_str(&format!(" (in field `{field}`)"));
            }
            return Err(vec![Diagnostic::error(pos, message)]);
        }
    };
    // The map of the source (a second pass over it) is made only when there is something
    // to say: a valid article, the usual case, costs none.
    let map = std::cell::OnceCell::new();
    let mut v = Validator {
        src,
        map: &map,
        diags: Vec::new(),
    };
    let doc = v.build(file);
    let mut diags = v.diags;
    diags.sort_by_key(|d| d.pos);
    if diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
    {
        return Err(diags);
    }
    Ok(Loaded {
        doc,
        warnings: diags,
    })
}

/// `ron`'s message, with a hint where its wording is cryptic for an author.
pub fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "unexpected end of file: the file is truncated or a bracket is \
                            not closed"
            .to_owned(),
        ron::Error::ExceededRecursionLimit => {
            "values are nested too deeply (more than 128 levels)".to_owned()
        }
        // A long list of names (every action of a keymap) hides the one meant: the nearest
        // is named instead.
        ron::Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } if expected.len() > 8 => {
            let what = match outer.as_deref() {
                Some("Action") => "action".to_owned(),
                Some(outer) => format!("`{outer}` variant"),
                None => "variant".to_owned(),
            };
            match nearest(found, expected) {
                Some(near) => format!("unknown {what} `{found}`; did you mean `{near}`?"),
                None => format!(
                    "unknown {what} `{found}`; the help (and the README's key tables) list them"
                ),
            }
        }
        other => other.to_string(),
    }
}

/// The name in `names` nearest to `found` by edit distance (ignoring case), if it is near
/// enough to be a slip: at most a third of the name's letters differ (and at least 2 may).
fn nearest<'a>(found: &str, names: &[&'a str]) -> Option<&'a str> {
    let found = found.to_lowercase();
    let limit = (found.chars().count() / 3).max(2);
    names
        .iter()
        .map(|n| (edit_distance(&found, &n.to_lowercase()), *n))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Indices of the glossary entries that occur nowhere in the body.
pub fn unused_entries(doc: &Document) -> Vec<usize> {
    let mut used = vec![false; doc.glossary.entries.len()];
    for p in &doc.paragraphs {
        for m in doc.glossary.find_in(&p.plain_text()) {
            used[m.entry] = true;
        }
    }
    (0..used.len()).filter(|&i| !used[i]).collect()
}

/// The text of the warning for an entry that never occurs.
pub fn unused_entry_message(id: &str) -> String {
    format!("glossary entry `{id}`: neither its term nor an alias occurs in the text")
}

/// A warning for each glossary entry that never occurs in the body (used by `lectern
/// check`), at the entry's term in the RON source.
pub fn unused_glossary_warnings(src: &str, doc: &Document) -> Vec<Diagnostic> {
    let map = SourceMap::new(src);
    unused_entries(doc)
        .into_iter()
        .map(|i| {
            Diagnostic::warning(
                map.pos_or_parent(
                    &[Seg::Key("glossary"), Seg::Index(i), Seg::Key("term")],
                    None,
                ),
                unused_entry_message(&doc.glossary.entries[i].id),
            )
        })
        .collect()
}

struct Validator<'m, 'a> {
    src: &'a str,
    map: &'m std::cell::OnceCell<SourceMap<'a>>,
    diags: Vec<Diagnostic>,
}

/// Paragraph and entry ids: used in file names and links, so a safe alphabet.
fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("is empty")
    } else if id.len() > 128 {
        Some("is longer than 128 bytes")
    } else if id.starts_with('.') {
        Some("must not start with `.`")
    } else if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    {
        Some("may only hold ASCII letters, digits and `-` `_` `.` `:`")
    } else {
        None
    }
}

impl<'a> Validator<'_, 'a> {
    fn map(&self) -> &SourceMap<'a> {
        self.map.get_or_init(|| SourceMap::new(self.src))
    }

    fn warn(&mut self, path: &[Seg], inner: Option<usize>, msg: impl Into<String>) {
        let pos = self.map().pos_or_parent(path, inner);
        self.diags.push(Diagnostic::warning(pos, msg));
    }

    fn error(&mut self, path: &[Seg], inner: Option<usize>, msg: impl Into<String>) {
        let pos = self.map().pos_or_parent(path, inner);
        self.diags.push(Diagnostic::error(pos, msg));
    }

    /// Whether `text` is over the block limit (and if so, says so at `path`).
    fn too_long(&mut self, path: &[Seg], text: &str, what: &str) -> bool {
        if text.len() <= MAX_BLOCK_BYTES {
            return false;
        }
        self.error(path, None, block_too_long(what, text.len()));
        true
    }

    fn markup(&mut self, path: &[Seg], src: &str, what: &str) -> (Vec<Inline>, RefOffsets) {
        if self.too_long(path, src, what) {
            return (Vec::new(), Vec::new());
        }
        match inline::parse_with_refs(src) {
            Ok((inlines, refs)) => (sanitized(inlines), refs),
            Err(e) => {
                self.error(path, Some(e.offset), format!("{what}: {}", e.message));
                (Vec::new(), Vec::new())
            }
        }
    }

    fn check_id(&mut self, path: &[Seg], id: &str, what: &str) {
        if let Some(problem) = id_problem(id) {
            self.error(path, None, format!("{what} id `{id}` {problem}"));
        }
    }

    fn build(&mut self, file: ArticleFile) -> Document {
        if file.format != FORMAT_VERSION {
            self.error(
                &[Seg::Key("format")],
                None,
                format!(
                    "format version {} is not supported; this lectern reads version {FORMAT_VERSION}",
                    file.format
                ),
            );
        }
        self.check_id(&[Seg::Key("id")], &file.id, "article");
        if file.title.trim().is_empty() {
            self.error(&[Seg::Key("title")], None, "the title is empty");
        }
        let (title, _) = self.markup(&[Seg::Key("title")], &file.title, "title");
        for (i, a) in file.authors.iter().enumerate() {
            if a.trim().is_empty() {
                self.error(
                    &[Seg::Key("authors"), Seg::Index(i)],
                    None,
                    "an author's name is empty",
                );
            }
        }
        let author_note = file.author_note.as_deref().map(|note| {
            self.markup(&[Seg::Key("author_note")], note, "author note")
                .0
        });
        let meta = Meta {
            id: file.id.clone(),
            title,
            authors: file.authors.iter().map(|a| clean(a)).collect(),
            author_note,
            source: file.source.as_deref().map(clean),
            biblio: self.biblio(&file),
        };

        let mut refs: Vec<(u32, Vec<Seg<'static>>, usize)> = Vec::new();
        let (sections, paragraphs) = self.body(&file.body, &mut refs);
        let (footnotes, file_index) = self.footnotes(&file.footnotes, &mut refs);
        self.footnote_links(&footnotes, &file_index, &refs);
        let glossary = self.glossary(&file.glossary);
        Document::new(meta, sections, paragraphs, footnotes, glossary)
    }

    /// The bibliographic fields, each checked where it has a form (date, DOI, URL) and
    /// for length; a bad one is an error at its key.
    fn biblio(&mut self, file: &ArticleFile) -> crate::model::Biblio {
        use crate::model::biblio::{MAX_FIELD_CHARS, date_problem, doi_problem, url_problem};
        type Check = fn(&str) -> Option<&'static str>;
        let mut field = |key: &'static str, value: &Option<String>, check: Option<Check>| {
            let v = value.as_deref()?;
            let problem = if v.trim().is_empty() {
                Some("is empty (leave the field out instead)")
            } else if v.chars().count() > MAX_FIELD_CHARS {
                Some("is too long (at most 1000 characters)")
            } else {
                check.and_then(|c| c(v))
            };
            if let Some(problem) = problem {
                self.error(&[Seg::Key(key)], None, format!("`{key}` {problem}"));
                return None;
            }
            Some(crate::sanitize::clean_line(v.trim()).into_owned())
        };
        crate::model::Biblio {
            kind: file.kind,
            date: field("date", &file.date, Some(date_problem)),
            container: field("container", &file.container, None),
            volume: field("volume", &file.volume, None),
            issue: field("issue", &file.issue, None),
            pages: field("pages", &file.pages, None),
            publisher: field("publisher", &file.publisher, None),
            doi: field("doi", &file.doi, Some(doi_problem)),
            url: field("url", &file.url, Some(url_problem)),
        }
    }

    fn body(
        &mut self,
        body: &[BlockFile],
        refs: &mut Vec<(u32, Vec<Seg<'static>>, usize)>,
    ) -> (Vec<Section>, Vec<Paragraph>) {
        if body.is_empty() {
            self.error(&[Seg::Key("body")], None, "the body has no paragraphs");
        } else if body.iter().all(|b| matches!(b, BlockFile::Heading { .. })) {
            // An outline still being written opens: its headings are shown.
            self.warn(
                &[Seg::Key("body")],
                None,
                "the body has headings but no paragraphs yet: only the headings are shown",
            );
        }
        let mut sections = SectionBuilder::new();
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut prev_level = 0u8;
        for (i, block) in body.iter().enumerate() {
            let at = |key: &'static str| [Seg::Key("body"), Seg::Index(i), Seg::Key(key)];
            let (id, text, kind) = match block {
                BlockFile::Heading { level, text } => {
                    let (level, heading) = self.heading(i, *level, prev_level, text, refs);
                    prev_level = level;
                    sections.heading(level, heading);
                    continue;
                }
                BlockFile::Paragraph { id, text } => (id, text, BlockKind::Prose),
                BlockFile::Quote { id, text } => (id, text, BlockKind::Quote),
                BlockFile::Item {
                    id,
                    marker,
                    depth,
                    text,
                } => {
                    if marker.trim().is_empty() {
                        self.error(&at("marker"), None, "empty list marker");
                    }
                    let marker = clean(marker);
                    (
                        id,
                        text,
                        BlockKind::Item {
                            marker,
                            depth: *depth,
                        },
                    )
                }
                BlockFile::Code { id, text } => (id, text, BlockKind::Code),
            };
            self.paragraph_id(i, id, &mut seen);
            if text.trim().is_empty() {
                self.error(&at("text"), None, format!("paragraph `{id}` is empty"));
            }
            let inlines = if kind == BlockKind::Code {
                if self.too_long(&at("text"), text, &format!("code block `{id}`")) {
                    continue;
                }
                vec![Inline::Text {
                    text: clean(text),
                    style: TextStyle {
                        code: true,
                        ..TextStyle::default()
                    },
                }]
            } else {
                let (inlines, r) = self.markup(&at("text"), text, &format!("paragraph `{id}`"));
                refs.extend(r.into_iter().map(|(n, o)| (n, at("text").to_vec(), o)));
                inlines
            };
            let section = sections.paragraph();
            paragraphs.push(Paragraph {
                id: ParagraphId(id.clone()),
                kind,
                inlines,
                section,
            });
        }
        (sections.finish(), paragraphs)
    }

    /// Checks heading `i` of the body, at most one level deeper than `prev_level`: its
    /// level (clamped to 1..=6) and text.
    fn heading(
        &mut self,
        i: usize,
        level: u8,
        prev_level: u8,
        text: &str,
        refs: &mut Vec<(u32, Vec<Seg<'static>>, usize)>,
    ) -> (u8, Vec<Inline>) {
        let at = |key: &'static str| [Seg::Key("body"), Seg::Index(i), Seg::Key(key)];
        if !(1..=6).contains(&level) {
            self.error(
                &at("level"),
                None,
                format!("heading level {level} is not between 1 and 6"),
            );
        } else if level > prev_level + 1 {
            self.error(
                &at("level"),
                None,
                format!(
                    "heading level {level} follows level {prev_level}: a heading may go only one level deeper than the one before it"
                ),
            );
        }
        if text.trim().is_empty() {
            self.error(&at("text"), None, "empty heading");
        }
        let (heading, r) = self.markup(&at("text"), text, "heading");
        refs.extend(r.into_iter().map(|(n, o)| (n, at("text").to_vec(), o)));
        (level.clamp(1, 6), heading)
    }

    /// Checks the id of block `i` of the body, and that no block before it (in `seen`) has
    /// it.
    fn paragraph_id<'f>(&mut self, i: usize, id: &'f str, seen: &mut HashMap<&'f str, usize>) {
        let at = [Seg::Key("body"), Seg::Index(i), Seg::Key("id")];
        self.check_id(&at, id, "paragraph");
        if let Some(&first) = seen.get(id) {
            let first_pos = self
                .map()
                .pos_or_parent(&[Seg::Key("body"), Seg::Index(first), Seg::Key("id")], None);
            self.error(
                &at,
                None,
                format!(
                    "duplicate paragraph id `{id}` (first used at line {}, column {})",
                    first_pos.line, first_pos.col
                ),
            );
        } else {
            seen.insert(id, i);
        }
    }

    fn footnotes(
        &mut self,
        footnotes: &[FootnoteFile],
        refs: &mut Vec<(u32, Vec<Seg<'static>>, usize)>,
    ) -> (Vec<Footnote>, Vec<usize>) {
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut out = Vec::new();
        let mut file_index = Vec::new();
        for (i, f) in footnotes.iter().enumerate() {
            let at = |key: &'static str| [Seg::Key("footnotes"), Seg::Index(i), Seg::Key(key)];
            if f.number == 0 {
                self.error(&at("number"), None, "footnote numbers start at 1");
            }
            if let Some(&first) = seen.get(&f.number) {
                let line = self
                    .map()
                    .pos_or_parent(&[Seg::Key("footnotes"), Seg::Index(first)], None)
                    .line;
                self.error(
                    &at("number"),
                    None,
                    format!(
                        "footnote {} is defined twice (first at line {line})",
                        f.number
                    ),
                );
                continue;
            }
            seen.insert(f.number, i);
            if f.text.trim().is_empty() {
                self.error(&at("text"), None, format!("footnote {} is empty", f.number));
            }
            let (inlines, r) = self.markup(&at("text"), &f.text, &format!("footnote {}", f.number));
            refs.extend(r.into_iter().map(|(n, o)| (n, at("text").to_vec(), o)));
            out.push(Footnote {
                number: f.number,
                inlines,
            });
            file_index.push(i);
        }
        (out, file_index)
    }

    /// Every reference must name a footnote, and every footnote must be referenced.
    /// `file_index[i]` is the position in the file of `footnotes[i]`.
    fn footnote_links(
        &mut self,
        footnotes: &[Footnote],
        file_index: &[usize],
        refs: &[(u32, Vec<Seg<'static>>, usize)],
    ) {
        let defined: HashMap<u32, usize> = footnotes
            .iter()
            .enumerate()
            .map(|(i, f)| (f.number, i))
            .collect();
        for (number, path, offset) in refs {
            if !defined.contains_key(number) {
                self.error(
                    path,
                    Some(*offset),
                    format!("footnote [^{number}] is referenced but not defined in `footnotes`"),
                );
            }
        }
        for (f, &i) in footnotes.iter().zip(file_index) {
            if !refs.iter().any(|(n, _, _)| *n == f.number) {
                // Kept (the footnotes view lists it): an imported file may hold one.
                self.warn(
                    &[Seg::Key("footnotes"), Seg::Index(i), Seg::Key("number")],
                    None,
                    format!("footnote {} is defined but never referenced", f.number),
                );
            }
        }
    }
}

mod glossary;

fn clean(s: &str) -> String {
    crate::sanitize::clean(s).into_owned()
}

/// Replaces control characters in every text run (after markup parsing, so offsets in error
/// messages match the file).
pub fn sanitized(mut inlines: Vec<Inline>) -> Vec<Inline> {
    for inline in &mut inlines {
        match inline {
            Inline::Text { text, .. } => {
                if let std::borrow::Cow::Owned(c) = crate::sanitize::clean(text) {
                    *text = c;
                }
            }
            Inline::Link { text, url, .. } => {
                if let std::borrow::Cow::Owned(c) = crate::sanitize::clean(text) {
                    *text = c;
                }
                if let std::borrow::Cow::Owned(c) = crate::sanitize::clean_line(url) {
                    *url = c;
                }
            }
            Inline::FootnoteRef { .. } | Inline::LineBreak => {}
        }
    }
    inlines
}
