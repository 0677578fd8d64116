//! Second pass of the importer: raw blocks to a [`Document`]. Picks the title and authors,
//! turns a `Glossary` section into the glossary, nests the headings, numbers the footnotes in
//! order of first reference and gives every paragraph its id.

use super::Note;
use super::frontmatter::FrontMatter;
use super::glossary::{self, EntryDraft, glossary_entries, plain};
use super::ids::{ParagraphIds, article_id};
use super::raw::{Piece, RawBlock, RawFootnote, Role, Walked};
use crate::model::{
    BlockKind, Document, Footnote, Glossary, Inline, Meta, Paragraph, SectionBuilder, TextStyle,
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
    let Head {
        fm,
        title,
        author_note,
    } = head;
    let (title_pieces, title_index) = pick_title(title, &fm, &blocks, &mut skip, notes)?;
    let authors = pick_authors(fm.authors, title_index, &blocks, &mut skip);
    let drafts = glossary_sections(&blocks, &mut skip, notes);
    let (levels, paragraph_count) = outline(&mut blocks, &mut skip, notes)?;

    let usable = usable_footnotes(&footnotes, &labels, &first_def, notes);
    let mut numbers = number_footnotes(&blocks, &skip, &footnotes, &first_def, &usable);
    keep_unreferenced(&footnotes, &labels, &first_def, &mut numbers, notes);
    let resolver = Resolver {
        labels: &labels,
        number: &numbers.number,
    };
    let title = resolver.inlines(title_pieces, Some("the title"), notes);
    let author_note = author_note.map(|p| resolver.inlines(p, Some("the author note"), notes));
    let footnote_list = footnote_list(footnotes, &first_def, &numbers, &resolver, notes);
    let mut sections = SectionBuilder::new();
    let paragraphs = paragraphs(blocks, skip, levels, &mut sections, &resolver, notes);
    debug_assert_eq!(paragraphs.len(), paragraph_count);

    let (mut entries, mut entry_at) = glossary_entries(drafts, &resolver, notes);
    let found = super::found::found_entries(&paragraphs, &footnote_list, &entries);
    // Found entries have no place of their own in the source: they point at its start.
    entry_at.extend(found.iter().map(|_| 0));
    entries.extend(found);
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
        source: fm.source.as_deref().map(clean),
        biblio: fm.biblio.cleaned(),
    };
    Some(Built {
        doc: Document::new(meta, sections.finish(), paragraphs, footnote_list, glossary),
        entry_at,
    })
}

/// The title: front matter, else the first level-1 heading (marked skipped; its index is
/// returned), else the first text (with a warning). `None` when there is no text at all.
fn pick_title(
    fm_title: Option<Vec<Piece>>,
    fm: &FrontMatter,
    blocks: &[RawBlock],
    skip: &mut [bool],
    notes: &mut Vec<Note>,
) -> Option<(Vec<Piece>, Option<usize>)> {
    // A blank front-matter title (`title:` with nothing after it) is no title: the article
    // format has none that is empty.
    let fm_title = fm_title.filter(|t| !plain(t).trim().is_empty());
    if fm_title.is_none()
        && let Some((_, at)) = &fm.title
    {
        notes.push(Note::warning(
            *at,
            "the front-matter `title:` is empty; it is ignored",
            None,
        ));
    }
    if let Some(t) = fm_title {
        return Some((t, None));
    }
    let found = blocks
        .iter()
        .position(|b| b.role == Role::Heading(1) && !plain(&b.pieces).trim().is_empty());
    if let Some(i) = found {
        skip[i] = true;
        return Some((blocks[i].pieces.clone(), Some(i)));
    }
    let first = blocks.iter().find(|b| !plain(&b.pieces).trim().is_empty());
    let Some(first) = first else {
        notes.push(Note::error(0, "the file has no text to read"));
        return None;
    };
    // Whitespace is collapsed before the cut: a block that starts with a run of spaces (an
    // indented code block) still gives a title.
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
    let title = vec![Piece::Inline(Inline::Text {
        text,
        style: TextStyle::default(),
    })];
    Some((title, None))
}

/// Authors: front matter, else a line in emphasis right under the title heading (marked
/// skipped) when more text follows.
fn pick_authors(
    fm_authors: Vec<String>,
    title_index: Option<usize>,
    blocks: &[RawBlock],
    skip: &mut [bool],
) -> Vec<String> {
    if fm_authors.is_empty()
        && let Some(i) = title_index
        && let Some(line) = blocks.get(i + 1).filter(|b| is_author_line(b))
        // The only text of the article is its text, not a byline.
        && blocks[i + 2..]
            .iter()
            .any(|b| !matches!(b.role, Role::Heading(_)) && !is_blank(&b.pieces))
    {
        skip[i + 1] = true;
        return split_authors(&plain(&line.pieces));
    }
    fm_authors
}

/// The entries of every `Glossary` section whose content is entries (marked skipped); a
/// section that is not is kept as text, with a warning.
fn glossary_sections(
    blocks: &[RawBlock],
    skip: &mut [bool],
    notes: &mut Vec<Note>,
) -> Vec<EntryDraft> {
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
    drafts
}

/// The body's outline, with Markdown heading levels mapped so that none skips a level: each
/// block's level in the outline (0: not a heading), and how many paragraphs there are. The
/// blocks stay where they are (a second array of them would cost as much again): blank ones
/// are marked skipped, and a term's text made strong. `None` when there are no paragraphs.
fn outline(
    blocks: &mut [RawBlock],
    skip: &mut [bool],
    notes: &mut Vec<Note>,
) -> Option<(Vec<u8>, usize)> {
    let mut levels = vec![0u8; blocks.len()];
    let mut open: Vec<(u8, u8)> = Vec::new();
    let mut paragraph_count = 0;
    for ((block, skipped), outline_level) in blocks.iter_mut().zip(skip).zip(&mut levels) {
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
        if levels.iter().all(|&l| l == 0) {
            notes.push(Note::error(0, "the article has no paragraphs to read"));
            return None;
        }
        // An outline still being written opens: its headings are shown.
        notes.push(Note::warning(
            0,
            "the article has headings but no paragraphs yet: only the headings are shown",
            None,
        ));
    }
    Some((levels, paragraph_count))
}

/// Which footnote labels have a definition with text; an empty one gets a warning.
fn usable_footnotes(
    footnotes: &[RawFootnote],
    labels: &[String],
    first_def: &[Option<usize>],
    notes: &mut Vec<Note>,
) -> Vec<bool> {
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
    usable
}

/// Footnotes numbered in order of first reference, the body first, then the footnotes in
/// number order (a reference inside a footnote counts once that footnote is reached).
fn number_footnotes<'a>(
    blocks: &[RawBlock],
    skip: &[bool],
    footnotes: &[RawFootnote],
    first_def: &[Option<usize>],
    usable: &'a [bool],
) -> Numbers<'a> {
    let mut numbers = Numbers {
        number: vec![None; usable.len()],
        order: Vec::new(),
        usable,
    };
    for (block, _) in blocks.iter().zip(skip).filter(|(_, s)| !**s) {
        numbers.visit(&block.pieces);
    }
    let mut k = 0;
    while let Some(&label) = numbers.order.get(k) {
        if let Some(d) = first_def[label] {
            numbers.visit(&footnotes[d].pieces);
        }
        k += 1;
    }
    numbers
}

/// Footnotes with text that nothing references: kept after the referenced ones (in the
/// order they are defined), with a warning, so that their text is not lost.
fn keep_unreferenced(
    footnotes: &[RawFootnote],
    labels: &[String],
    first_def: &[Option<usize>],
    numbers: &mut Numbers,
    notes: &mut Vec<Note>,
) {
    let mut left: Vec<(usize, usize)> = first_def
        .iter()
        .enumerate()
        .filter_map(|(label, def)| {
            def.filter(|_| numbers.usable[label] && numbers.number[label].is_none())
                .map(|d| (d, label))
        })
        .collect();
    left.sort_unstable();
    for (d, label) in left {
        if numbers.number[label].is_some() {
            // Referenced from a footnote kept just before.
            continue;
        }
        numbers.order.push(label);
        let number = u32::try_from(numbers.order.len()).ok();
        numbers.number[label] = number;
        numbers.visit(&footnotes[d].pieces);
        notes.push(Note::warning(
            footnotes[d].at,
            format!(
                "footnote [^{}] is defined but never referenced; it is kept as footnote {} \
                 after the others",
                labels[label],
                number.unwrap_or_default()
            ),
            None,
        ));
    }
}

/// The numbered footnotes, in number order, their pieces taken from the definitions.
fn footnote_list(
    mut footnotes: Vec<RawFootnote>,
    first_def: &[Option<usize>],
    numbers: &Numbers,
    resolver: &Resolver,
    notes: &mut Vec<Note>,
) -> Vec<Footnote> {
    let mut defs: Vec<(u32, Vec<Piece>)> = Vec::with_capacity(numbers.order.len());
    for &label in &numbers.order {
        if let (Some(d), Some(n)) = (first_def[label], numbers.number[label]) {
            defs.push((n, std::mem::take(&mut footnotes[d].pieces)));
        }
    }
    drop(footnotes);
    defs.into_iter()
        .map(|(number, pieces)| Footnote {
            number,
            inlines: resolver.inlines(pieces, None, notes),
        })
        .collect()
}

/// The paragraphs, and the headings into `sections`, with their ids.
fn paragraphs(
    blocks: Vec<RawBlock>,
    skip: Vec<bool>,
    levels: Vec<u8>,
    sections: &mut SectionBuilder,
    resolver: &Resolver,
    notes: &mut Vec<Note>,
) -> Vec<Paragraph> {
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
    paragraphs
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
pub(super) fn split_authors(line: &str) -> Vec<String> {
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

/// Resolves footnote references to their numbers.
pub(super) struct Resolver<'a> {
    labels: &'a [String],
    number: &'a [Option<u32>],
}

impl Resolver<'_> {
    /// Final inlines. Where footnote references cannot stand (`no_refs` names the place),
    /// they are left out with a warning; a reference to a footnote without text is shown as
    /// written.
    pub(super) fn inlines(
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
