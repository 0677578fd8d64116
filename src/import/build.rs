//! Second pass of the importer: raw blocks to a [`Document`]. Picks the title and authors,
//! turns a `Glossary` section into the glossary, nests the headings, numbers the footnotes in
//! order of first reference and gives every paragraph its id.

use std::collections::{HashMap, HashSet};

use super::Note;
use super::frontmatter::FrontMatter;
use super::glossary::{self, EntryDraft, plain};
use super::ids::{ParagraphIds, article_id, slug};
use super::raw::{Piece, RawBlock, Role, Walked};
use crate::model::glossary::is_case_sensitive;
use crate::model::{
    BlockKind, Document, Footnote, Glossary, GlossaryEntry, Inline, Meta, Paragraph,
    SectionBuilder, TextStyle,
};

/// The document, and the byte offset of each glossary entry (for `check`'s warnings).
pub(super) struct Built {
    /// The article.
    pub doc: Document,
    /// Where each glossary entry's term is, by entry index.
    pub entry_at: Vec<usize>,
}

/// Front-matter values already read as inline Markdown.
pub(super) struct Head {
    /// Values of `key: value` lines.
    pub fm: FrontMatter,
    /// `title:` as inline content.
    pub title: Option<Vec<Piece>>,
    /// `author_note:` as inline content.
    pub author_note: Option<Vec<Piece>>,
}

/// Builds the document; `None` when there is nothing to read (the error is in `notes`).
pub(super) fn build(head: Head, walked: Walked, notes: &mut Vec<Note>) -> Option<Built> {
    let Walked {
        mut blocks,
        footnotes,
        labels,
        first_def,
    } = walked;
    let mut skip = vec![false; blocks.len()];

    // The title: front matter, else the first level-1 heading, else the first text.
    let mut title_index = None;
    // A blank front-matter title (`title:` with nothing after it) is no title: the article
    // format has none that is empty.
    let fm_title = head.title.filter(|t| !plain(t).trim().is_empty());
    if fm_title.is_none()
        && let Some((_, at)) = &head.fm.title
    {
        notes.push(Note::warning(
            *at,
            "the front-matter `title:` is empty; it is ignored",
            None,
        ));
    }
    let title_pieces = match fm_title {
        Some(t) => t,
        None => {
            let found = blocks
                .iter()
                .position(|b| b.role == Role::Heading(1) && !plain(&b.pieces).trim().is_empty());
            match found {
                Some(i) => {
                    skip[i] = true;
                    title_index = Some(i);
                    blocks[i].pieces.clone()
                }
                None => {
                    let first = blocks.iter().find(|b| !plain(&b.pieces).trim().is_empty());
                    let Some(first) = first else {
                        notes.push(Note::error(0, "the file has no text to read"));
                        return None;
                    };
                    // Whitespace is collapsed before the cut: a block that starts with a
                    // run of spaces (an indented code block) still gives a title.
                    let words = plain(&first.pieces)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let text: String = words.chars().take(60).collect();
                    let text = text.trim_end().to_owned();
                    notes.push(Note::warning(
                        first.at,
                        format!(
                            "no title: the file has no level-1 heading and no front-matter `title:`; using “{text}”"
                        ),
                        None,
                    ));
                    vec![Piece::Inline(Inline::Text {
                        text,
                        style: TextStyle::default(),
                    })]
                }
            }
        }
    };

    // Authors: front matter, else a line in emphasis right under the title.
    let mut authors = head.fm.authors;
    if authors.is_empty()
        && let Some(i) = title_index
        && let Some(line) = blocks.get(i + 1).filter(|b| is_author_line(b))
    {
        authors = split_authors(&plain(&line.pieces));
        skip[i + 1] = true;
    }

    // A `Glossary` section whose content is entries.
    let mut drafts = Vec::new();
    for i in 0..blocks.len() {
        if skip[i]
            || !matches!(blocks[i].role, Role::Heading(_))
            || !plain(&blocks[i].pieces)
                .trim()
                .eq_ignore_ascii_case("glossary")
        {
            continue;
        }
        let end = (i + 1..blocks.len())
            .find(|&j| matches!(blocks[j].role, Role::Heading(_)))
            .unwrap_or(blocks.len());
        if end == i + 1 {
            continue;
        }
        match glossary::entries(&blocks[i + 1..end]) {
            Ok(found) => {
                skip[i..end].fill(true);
                drafts.extend(found);
            }
            Err(why) => notes.push(Note::warning(
                blocks[i].at,
                format!("section `Glossary` is kept as text, not made the glossary: {why}"),
                None,
            )),
        }
    }

    // The body, with Markdown heading levels mapped so that none skips a level. The blocks
    // stay where they are (a second array of them would cost as much again): `skip` drops the
    // blank ones too, and `levels` holds each heading's level in the outline (0: not one).
    let mut levels = vec![0u8; blocks.len()];
    let mut open: Vec<(u8, u8)> = Vec::new();
    let mut paragraph_count = 0;
    for ((block, skipped), outline_level) in blocks.iter_mut().zip(&mut skip).zip(&mut levels) {
        if *skipped {
            continue;
        }
        if is_blank(&block.pieces) {
            if matches!(block.role, Role::Heading(_)) {
                notes.push(Note::warning(
                    block.at,
                    "empty heading; it is left out",
                    None,
                ));
            }
            *skipped = true;
            continue;
        }
        match block.role {
            Role::Heading(md) => {
                while open.last().is_some_and(|&(m, _)| m >= md) {
                    open.pop();
                }
                let level = open.last().map_or(1, |&(_, l)| l + 1);
                open.push((md, level));
                *outline_level = level;
            }
            Role::Term(_) => {
                for p in &mut block.pieces {
                    if let Piece::Inline(Inline::Text { style, .. } | Inline::Link { style, .. }) =
                        p
                    {
                        style.strong = true;
                    }
                }
                paragraph_count += 1;
            }
            Role::Body | Role::Definition(_) => paragraph_count += 1,
        }
    }
    if paragraph_count == 0 {
        notes.push(Note::error(
            0,
            "the article has no paragraphs to read (headings alone are not enough)",
        ));
        return None;
    }

    // Footnotes: numbered in order of first reference, the body first, then the footnotes
    // in number order (a reference inside a footnote counts once that footnote is reached).
    let mut usable = vec![false; labels.len()];
    for (label, def) in first_def.iter().enumerate() {
        if let Some(d) = *def {
            if is_blank(&footnotes[d].pieces) {
                notes.push(Note::warning(
                    footnotes[d].at,
                    format!(
                        "footnote [^{}] is empty; references to it are shown as text",
                        labels[label]
                    ),
                    None,
                ));
            } else {
                usable[label] = true;
            }
        }
    }
    let mut numbers = Numbers {
        number: vec![None; labels.len()],
        order: Vec::new(),
        usable: &usable,
    };
    for (block, _) in blocks.iter().zip(&skip).filter(|(_, s)| !**s) {
        numbers.visit(&block.pieces);
    }
    let mut k = 0;
    while let Some(&label) = numbers.order.get(k) {
        if let Some(d) = first_def[label] {
            numbers.visit(&footnotes[d].pieces);
        }
        k += 1;
    }
    for (label, def) in first_def.iter().enumerate() {
        if let Some(d) = def
            && usable[label]
            && numbers.number[label].is_none()
        {
            notes.push(Note::warning(
                footnotes[*d].at,
                format!(
                    "footnote [^{}] is defined but never referenced; it is left out",
                    labels[label]
                ),
                None,
            ));
        }
    }
    let resolver = Resolver {
        labels: &labels,
        number: &numbers.number,
    };

    let title = resolver.inlines(title_pieces, Some("the title"), notes);
    let author_note = head
        .author_note
        .map(|p| resolver.inlines(p, Some("the author note"), notes));
    let footnote_list: Vec<Footnote> = {
        let mut defs: Vec<(u32, Vec<Piece>)> = Vec::with_capacity(numbers.order.len());
        let mut footnotes = footnotes;
        for &label in &numbers.order {
            if let (Some(d), Some(n)) = (first_def[label], numbers.number[label]) {
                defs.push((n, std::mem::take(&mut footnotes[d].pieces)));
            }
        }
        defs.into_iter()
            .map(|(number, pieces)| Footnote {
                number,
                inlines: resolver.inlines(pieces, None, notes),
            })
            .collect()
    };

    let mut sections = SectionBuilder::new();
    let mut ids = ParagraphIds::new();
    // Blocks become paragraphs in the blocks' own buffer (they are the same size).
    let mut paragraphs: Vec<Paragraph> = blocks
        .into_iter()
        .zip(skip)
        .zip(levels)
        .filter_map(|((block, skipped), level)| {
            if skipped {
                return None;
            }
            let inlines = resolver.inlines(block.pieces, None, notes);
            if level > 0 {
                sections.heading(level, inlines);
                return None;
            }
            Some(Paragraph {
                id: ids.next(&inlines),
                kind: block.kind,
                inlines,
                section: sections.paragraph(),
            })
        })
        .collect();
    paragraphs.shrink_to_fit();
    debug_assert_eq!(paragraphs.len(), paragraph_count);

    let (entries, entry_at) = glossary_entries(drafts, &resolver, notes);
    // What only the build needed goes before the glossary's and the document's indexes come.
    drop(numbers);
    drop((labels, first_def, usable));
    let glossary = Glossary::new(entries);
    let title_text: String = title.iter().map(|i| i.plain_text()).collect();
    let clean = |s: &str| crate::sanitize::clean_line(s.trim()).into_owned();
    let authors: Vec<String> = authors.iter().map(|a| clean(a)).collect();
    let meta = Meta {
        id: article_id(&title_text, &authors),
        title,
        authors,
        author_note,
        source: head.fm.source.as_deref().map(clean),
    };
    Some(Built {
        doc: Document::new(meta, sections.finish(), paragraphs, footnote_list, glossary),
        entry_at,
    })
}

/// Nothing to read: no text but spaces, no footnote reference.
fn is_blank(pieces: &[Piece]) -> bool {
    pieces.iter().all(|p| match p {
        Piece::Inline(Inline::Text { text, .. } | Inline::Link { text, .. }) => {
            text.trim().is_empty()
        }
        Piece::Inline(Inline::LineBreak) => true,
        Piece::Inline(Inline::FootnoteRef { .. }) | Piece::Ref { .. } => false,
    })
}

/// A paragraph right under the title, all in emphasis: the authors.
fn is_author_line(block: &RawBlock) -> bool {
    block.role == Role::Body
        && block.top_level
        && block.kind == BlockKind::Prose
        && block.pieces.iter().all(|p| match p {
            Piece::Inline(Inline::Text { text, style }) => style.emph || text.trim().is_empty(),
            _ => false,
        })
}

/// `By A, B and C` → [A, B, C].
fn split_authors(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = match line.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => &line[3..],
        _ => line,
    };
    line.replace(" and ", ",")
        .replace(" & ", ",")
        .split([',', ';'])
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

struct Numbers<'a> {
    number: Vec<Option<u32>>,
    order: Vec<usize>,
    usable: &'a [bool],
}

impl Numbers<'_> {
    fn visit(&mut self, pieces: &[Piece]) {
        for piece in pieces {
            if let Piece::Ref { label, .. } = *piece
                && self.usable[label]
                && self.number[label].is_none()
            {
                self.order.push(label);
                self.number[label] = u32::try_from(self.order.len()).ok();
            }
        }
    }
}

struct Resolver<'a> {
    labels: &'a [String],
    number: &'a [Option<u32>],
}

impl Resolver<'_> {
    /// Final inlines. Where footnote references cannot stand (`no_refs` names the place),
    /// they are left out with a warning; a reference to a footnote without text is shown as
    /// written.
    fn inlines(
        &self,
        mut pieces: Vec<Piece>,
        no_refs: Option<&str>,
        notes: &mut Vec<Note>,
    ) -> Vec<Inline> {
        // Resolved in place, pieces are the same size as inlines: the document takes over
        // their buffer instead of a copy.
        let mut kept: usize = 0;
        for i in 0..pieces.len() {
            let piece = std::mem::replace(&mut pieces[i], Piece::Inline(Inline::LineBreak));
            let piece = match piece {
                Piece::Ref { label, at } => {
                    let shown = &self.labels[label];
                    if let Some(place) = no_refs {
                        notes.push(Note::warning(
                            at,
                            format!(
                                "{place} cannot hold footnote references; [^{shown}] is left out"
                            ),
                            None,
                        ));
                        continue;
                    }
                    match self.number[label] {
                        Some(number) => Inline::FootnoteRef { number },
                        None => Inline::Text {
                            text: format!("[^{shown}]"),
                            style: TextStyle::default(),
                        },
                    }
                }
                Piece::Inline(inline) => inline,
            };
            // As `push_piece`: text continues the run before it in the same style.
            if let Inline::Text { text, style } = &piece {
                if text.is_empty() {
                    continue;
                }
                if let Some(Piece::Inline(Inline::Text {
                    text: last,
                    style: s,
                })) = kept.checked_sub(1).map(|k| &mut pieces[k])
                    && *s == *style
                {
                    last.push_str(text);
                    continue;
                }
            }
            pieces[kept] = Piece::Inline(piece);
            kept += 1;
        }
        pieces.truncate(kept);
        pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Inline(i) => Some(i),
                Piece::Ref { .. } => None,
            })
            .collect()
    }
}

/// Validates entries by the rules of the RON loader (no spelling shared by two entries, a
/// definition, known see-also targets); a broken one is left out with a warning.
fn glossary_entries(
    drafts: Vec<EntryDraft>,
    resolver: &Resolver,
    notes: &mut Vec<Note>,
) -> (Vec<GlossaryEntry>, Vec<usize>) {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    let mut entry_at = Vec::new();
    let mut see_also_names = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut spellings = Spellings::default();
    for draft in drafts {
        let clean = |s: &str| crate::sanitize::clean_line(s.trim()).into_owned();
        let term = clean(&draft.term);
        let definition = resolver.inlines(draft.definition, Some("a glossary definition"), notes);
        if term.is_empty() || definition.iter().all(|i| i.plain_text().trim().is_empty()) {
            notes.push(Note::warning(
                draft.at,
                format!("glossary entry `{term}` has no term or no definition; it is left out"),
                None,
            ));
            continue;
        }
        let index = entries.len();
        if let Some(o) = spellings.owner(&term) {
            notes.push(Note::warning(
                draft.at,
                format!(
                    "glossary term `{term}` is already a spelling of entry `{}`; this entry is left out",
                    entries[o].term
                ),
                None,
            ));
            continue;
        }
        spellings.insert(&term, index);
        let mut aliases = Vec::new();
        for alias in draft.aliases.iter().map(|a| clean(a)) {
            match spellings.owner(&alias) {
                Some(o) => notes.push(Note::warning(
                    draft.at,
                    format!(
                        "alias `{alias}` is already a spelling of glossary entry `{}`; it is left out",
                        entries.get(o).map_or(term.as_str(), |e| e.term.as_str())
                    ),
                    None,
                )),
                None if alias.is_empty() => {}
                None => {
                    spellings.insert(&alias, index);
                    aliases.push(alias);
                }
            }
        }
        let base = slug(&term, 64);
        let base = if base.is_empty() {
            "entry".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        see_also_names.push((draft.see_also, draft.at));
        entry_at.push(draft.at);
        entries.push(GlossaryEntry {
            id,
            term,
            aliases,
            definition,
            see_also: Vec::new(),
        });
    }
    // See-also names match a term, an alias or an id, in any case.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for name in e.spellings().chain(std::iter::once(e.id.as_str())) {
            by_name.entry(name.to_lowercase()).or_insert(i);
        }
    }
    for (i, (names, at)) in see_also_names.into_iter().enumerate() {
        for name in names {
            match by_name.get(&name.to_lowercase()) {
                Some(&t) if t != i => {
                    if !entries[i].see_also.contains(&t) {
                        entries[i].see_also.push(t);
                    }
                }
                Some(_) => notes.push(Note::warning(
                    at,
                    format!(
                        "glossary entry `{}` lists itself under “See also”",
                        entries[i].term
                    ),
                    None,
                )),
                None => notes.push(Note::warning(
                    at,
                    format!("“See also: {name}” names no glossary entry"),
                    None,
                )),
            }
        }
    }
    (entries, entry_at)
}

/// Spellings taken so far, by the glossary's case rule (see [`is_case_sensitive`]): two
/// spellings clash when one entry's would match the other's text.
#[derive(Default)]
struct Spellings {
    exact: HashMap<String, usize>,
    folded_all: HashMap<String, usize>,
    folded_insensitive: HashMap<String, usize>,
}

impl Spellings {
    fn owner(&self, spelling: &str) -> Option<usize> {
        let lower = spelling.to_lowercase();
        if is_case_sensitive(spelling) {
            self.exact
                .get(spelling)
                .or(self.folded_insensitive.get(&lower))
                .copied()
        } else {
            self.folded_all.get(&lower).copied()
        }
    }

    fn insert(&mut self, spelling: &str, entry: usize) {
        let lower = spelling.to_lowercase();
        if is_case_sensitive(spelling) {
            self.exact.insert(spelling.to_owned(), entry);
        } else {
            self.folded_insensitive.insert(lower.clone(), entry);
        }
        self.folded_all.insert(lower, entry);
    }
}
