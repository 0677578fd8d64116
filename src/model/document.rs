//! The loaded article: plain data, independent of any terminal.

use std::fmt;

use super::glossary::Glossary;
use super::inline::Inline;

/// A paragraph's stable id, as written in the article file.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct ParagraphId(pub String);

impl fmt::Display for ParagraphId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Title, authors and citation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// Stable article id (notes are filed under it).
    pub id: String,
    /// The title.
    pub title: Vec<Inline>,
    /// Authors in order.
    pub authors: Vec<String>,
    /// A note about the authors.
    pub author_note: Option<Vec<Inline>>,
    /// Citation or origin.
    pub source: Option<String>,
    /// Bibliographic details for citations (date, journal, DOI, …), each optional.
    pub biblio: super::biblio::Biblio,
}

/// What kind of block a paragraph is; decides how it is laid out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BlockKind {
    /// Prose.
    Prose,
    /// A block quotation (indented).
    Quote,
    /// A list item with its marker and nesting depth.
    Item {
        /// `"-"`, `"3."`, …
        marker: String,
        /// Nesting depth from 0.
        depth: u8,
    },
    /// Preformatted text: the inlines hold one code-styled text run with line breaks.
    Code,
}

/// A block of the body that the reader can stand on and annotate.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    /// Stable id.
    pub id: ParagraphId,
    /// Layout kind.
    pub kind: BlockKind,
    /// Content.
    pub inlines: Vec<Inline>,
    /// Index of the section it belongs to.
    pub section: usize,
}

impl Paragraph {
    /// The numbers of the footnotes referenced in this paragraph, in order.
    pub fn footnote_refs(&self) -> impl Iterator<Item = u32> + '_ {
        self.inlines.iter().filter_map(|i| match i {
            Inline::FootnoteRef { number } => Some(*number),
            _ => None,
        })
    }

    /// The paragraph's text as one string, footnote refs as `[N]`, emphasis unmarked.
    pub fn plain_text(&self) -> String {
        self.inlines.iter().map(|i| i.plain_text()).collect()
    }
}

/// A section: an optional heading and the paragraphs up to the next heading.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Heading text; `None` for the untitled introduction before the first heading.
    pub heading: Option<Vec<Inline>>,
    /// 1 for top-level sections (0 for the introduction).
    pub level: u8,
    /// Outline number such as `"2.1"` (empty for the introduction).
    pub number: String,
    /// Index of the enclosing section.
    pub parent: Option<usize>,
    /// Range of paragraph indices directly in this section (not in subsections).
    pub paragraphs: std::ops::Range<usize>,
}

impl Section {
    /// The heading as plain text, or "Introduction" for the untitled first section.
    pub fn title(&self) -> String {
        match &self.heading {
            Some(h) => h.iter().map(|i| i.plain_text()).collect(),
            None => "Introduction".to_owned(),
        }
    }

    /// The outline number to show before the heading: none when the heading carries its
    /// own (`2.1 Pools and riffles` from a PDF or a page: numbers of one to three digits,
    /// so a year is not taken for one), so it is not shown twice.
    pub fn shown_number(&self) -> &str {
        let own = self.heading.as_ref().is_some_and(|h| {
            let first: String = h.iter().take(2).map(|i| i.plain_text()).collect();
            first.split_whitespace().next().is_some_and(|word| {
                let word = word.strip_suffix('.').unwrap_or(word);
                !word.is_empty()
                    && word.split('.').all(|n| {
                        (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
                    })
                    && first.trim_start().len() > word.len() + 1
            })
        });
        if own { "" } else { &self.number }
    }
}

/// Builds the sections of a body read in order, the one way every loader numbers and nests
/// them: paragraphs before the first heading form an untitled introduction (level 0, number
/// `""`); a heading's parent is the nearest earlier section of a lower level; numbers count
/// per level (`2.1`).
#[derive(Debug, Default)]
pub struct SectionBuilder {
    sections: Vec<Section>,
    /// The chain of open headed sections, each of a higher level than the one before.
    open: Vec<usize>,
    counters: [usize; 6],
    paragraphs: usize,
}

impl SectionBuilder {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens a section; `level` is clamped to 1..=6.
    pub fn heading(&mut self, level: u8, heading: Vec<Inline>) {
        let level = level.clamp(1, 6);
        let depth = usize::from(level);
        self.counters[depth - 1] += 1;
        self.counters[depth..].fill(0);
        let number = self.counters[..depth]
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(".");
        while self
            .open
            .last()
            .is_some_and(|&s| self.sections[s].level >= level)
        {
            self.open.pop();
        }
        let parent = self.open.last().copied();
        self.open.push(self.sections.len());
        self.sections.push(Section {
            heading: Some(heading),
            level,
            number,
            parent,
            paragraphs: self.paragraphs..self.paragraphs,
        });
    }

    /// Counts the next paragraph in; returns the index of its section.
    pub fn paragraph(&mut self) -> usize {
        if self.sections.is_empty() {
            self.sections.push(Section {
                heading: None,
                level: 0,
                number: String::new(),
                parent: None,
                paragraphs: 0..0,
            });
        }
        self.paragraphs += 1;
        let section = self.sections.len() - 1;
        self.sections[section].paragraphs.end = self.paragraphs;
        section
    }

    /// The sections.
    pub fn finish(self) -> Vec<Section> {
        self.sections
    }
}

/// A footnote.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Footnote {
    /// Its number.
    pub number: u32,
    /// Its text.
    pub inlines: Vec<Inline>,
}

/// A validated article.
#[derive(Clone, Debug)]
pub struct Document {
    /// Title, authors, citation.
    pub meta: Meta,
    /// Sections in reading order.
    pub sections: Vec<Section>,
    /// Paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// Footnotes in file order.
    pub footnotes: Vec<Footnote>,
    /// The glossary.
    pub glossary: Glossary,
    /// Paragraph indices ordered by id, for lookups without a second copy of every id (a
    /// long article has thousands).
    by_id: Vec<usize>,
    /// Footnote indices ordered by number.
    by_number: Vec<usize>,
}

impl Document {
    /// Builds the lookup tables; the parts must already be consistent (the loaders check).
    pub fn new(
        meta: Meta,
        sections: Vec<Section>,
        paragraphs: Vec<Paragraph>,
        footnotes: Vec<Footnote>,
        glossary: Glossary,
    ) -> Self {
        // Stable sorts: of equal keys (which the loaders rule out) the last one is found.
        let mut by_id: Vec<usize> = (0..paragraphs.len()).collect();
        by_id.sort_by(|&a, &b| paragraphs[a].id.cmp(&paragraphs[b].id));
        let mut by_number: Vec<usize> = (0..footnotes.len()).collect();
        by_number.sort_by_key(|&i| footnotes[i].number);
        Document {
            meta,
            sections,
            paragraphs,
            footnotes,
            glossary,
            by_id,
            by_number,
        }
    }

    /// Adds what an article still being read brought (see [`crate::loading`]): `sections`
    /// is the whole list of sections as far as they are known, the ones already here first
    /// (the last of them may have grown); `paragraphs` and `footnotes` follow the ones here.
    /// The lookups are merged, not sorted anew, so the whole article costs about as much as
    /// reading it at once, whatever the number of parts.
    pub fn append(
        &mut self,
        sections: Vec<Section>,
        paragraphs: Vec<Paragraph>,
        footnotes: Vec<Footnote>,
    ) {
        debug_assert!(sections.len() >= self.sections.len());
        self.sections = sections;
        let start = self.paragraphs.len();
        self.paragraphs.extend(paragraphs);
        let mut new: Vec<usize> = (start..self.paragraphs.len()).collect();
        let paras = &self.paragraphs;
        new.sort_by(|&a, &b| paras[a].id.cmp(&paras[b].id));
        self.by_id = merge_sorted(std::mem::take(&mut self.by_id), new, |a, b| {
            paras[a].id <= paras[b].id
        });
        let start = self.footnotes.len();
        self.footnotes.extend(footnotes);
        let notes = &self.footnotes;
        let mut new: Vec<usize> = (start..notes.len()).collect();
        new.sort_by_key(|&i| notes[i].number);
        self.by_number = merge_sorted(std::mem::take(&mut self.by_number), new, |a, b| {
            notes[a].number <= notes[b].number
        });
    }

    /// The index of the paragraph with this id.
    pub fn paragraph_index(&self, id: &ParagraphId) -> Option<usize> {
        let after = self
            .by_id
            .partition_point(|&i| self.paragraphs[i].id <= *id);
        let &i = self.by_id.get(after.checked_sub(1)?)?;
        (self.paragraphs[i].id == *id).then_some(i)
    }

    /// The footnote with this number.
    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        let after = self
            .by_number
            .partition_point(|&i| self.footnotes[i].number <= number);
        let footnote = &self.footnotes[*self.by_number.get(after.checked_sub(1)?)?];
        (footnote.number == number).then_some(footnote)
    }

    /// The title as plain text.
    pub fn title(&self) -> String {
        self.meta.title.iter().map(|i| i.plain_text()).collect()
    }

    /// The section that paragraph `p` belongs to.
    pub fn section_of(&self, p: usize) -> Option<&Section> {
        self.paragraphs.get(p).map(|p| &self.sections[p.section])
    }

    /// The chain of section indices from the top level down to `s`.
    pub fn section_path(&self, s: usize) -> Vec<usize> {
        let mut path = vec![s];
        while let Some(parent) = path.last().and_then(|&i| self.sections[i].parent) {
            path.push(parent);
        }
        path.reverse();
        path
    }
}

/// The sections of an article whose first `read` paragraphs are read so far (of `all`,
/// the whole article's sections): those that begin before them, with their ranges cut at
/// `read`; all of them once every paragraph is read (`read` is the whole count).
pub fn sections_read(all: &[Section], read: usize) -> Vec<Section> {
    let whole = all.last().is_none_or(|s| s.paragraphs.end <= read);
    all.iter()
        .take_while(|s| whole || s.paragraphs.start < read)
        .map(|s| Section {
            paragraphs: s.paragraphs.start..s.paragraphs.end.min(read),
            ..s.clone()
        })
        .collect()
}

/// Merges two index lists, each sorted by `le`; of equal keys the one from `old` comes
/// first (as a stable sort of the whole would put them).
fn merge_sorted(old: Vec<usize>, new: Vec<usize>, le: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    if new.is_empty() {
        return old;
    }
    let mut out = Vec::with_capacity(old.len() + new.len());
    let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
    while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
        if le(x, y) {
            out.push(x);
            a.next();
        } else {
            out.push(y);
            b.next();
        }
    }
    out.extend(a);
    out.extend(b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_with_its_own_number_is_not_numbered_twice() {
        let section = |heading: &str| Section {
            heading: Some(vec![Inline::Text {
                text: heading.into(),
                style: Default::default(),
            }]),
            level: 2,
            number: "2.1".into(),
            parent: None,
            paragraphs: 0..0,
        };
        assert_eq!(section("2.1 Pools and riffles").shown_number(), "");
        assert_eq!(section("2.1. Pools").shown_number(), "");
        assert_eq!(section("3 Elsewhere").shown_number(), "");
        assert_eq!(section("Pools and riffles").shown_number(), "2.1");
        assert_eq!(
            section("1984 revisited").shown_number(),
            "2.1",
            "a year is no number"
        );
        assert_eq!(
            section("2.1").shown_number(),
            "2.1",
            "a number alone is no heading"
        );
        assert_eq!(section("2.x Pools").shown_number(), "2.1");
    }

    fn meta() -> Meta {
        Meta {
            id: "a".into(),
            title: vec![],
            authors: vec![],
            author_note: None,
            source: None,
            biblio: Default::default(),
        }
    }

    fn para(id: &str) -> Paragraph {
        Paragraph {
            id: ParagraphId(id.into()),
            kind: BlockKind::Prose,
            inlines: vec![],
            section: 0,
        }
    }

    fn note(number: u32) -> Footnote {
        Footnote {
            number,
            inlines: vec![],
        }
    }

    #[test]
    fn paragraphs_are_found_by_id_and_footnotes_by_number() {
        let doc = Document::new(
            meta(),
            vec![],
            vec![para("p-b"), para("p-a"), para("p-c")],
            vec![note(3), note(1), note(7)],
            Glossary::default(),
        );
        let at = |id: &str| doc.paragraph_index(&ParagraphId(id.into()));
        assert_eq!(
            (at("p-a"), at("p-b"), at("p-c")),
            (Some(1), Some(0), Some(2))
        );
        assert_eq!((at("p-0"), at("p-bb"), at("p-d")), (None, None, None));
        let number = |n| doc.footnote(n).map(|f| f.number);
        assert_eq!([1, 3, 7].map(number), [Some(1), Some(3), Some(7)]);
        assert_eq!([0, 2, 8].map(number), [None, None, None]);
    }

    #[test]
    fn a_document_read_in_parts_finds_what_one_read_at_once_finds() {
        let ids = ["p-m", "p-c", "p-x", "p-a", "p-q", "p-b", "p-z"];
        let numbers = [5, 2, 9, 1, 7];
        let section = |end| Section {
            heading: None,
            level: 0,
            number: String::new(),
            parent: None,
            paragraphs: 0..end,
        };
        let mut doc = Document::new(
            meta(),
            vec![section(2)],
            ids[..2].iter().map(|i| para(i)).collect(),
            vec![note(5)],
            Glossary::default(),
        );
        doc.append(
            vec![section(5)],
            ids[2..5].iter().map(|i| para(i)).collect(),
            vec![],
        );
        doc.append(
            vec![section(7)],
            ids[5..].iter().map(|i| para(i)).collect(),
            numbers[1..].iter().map(|&n| note(n)).collect(),
        );
        let whole = Document::new(
            meta(),
            vec![section(7)],
            ids.iter().map(|i| para(i)).collect(),
            numbers.iter().map(|&n| note(n)).collect(),
            Glossary::default(),
        );
        assert_eq!(doc.by_id, whole.by_id);
        assert_eq!(doc.by_number, whole.by_number);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(doc.paragraph_index(&ParagraphId((*id).into())), Some(i));
        }
        assert_eq!(doc.paragraph_index(&ParagraphId("p-n".into())), None);
        for n in numbers {
            assert_eq!(doc.footnote(n).map(|f| f.number), Some(n));
        }
        assert_eq!(doc.sections[0].paragraphs, 0..7);
    }

    #[test]
    fn sections_nest_by_level_and_number_per_level() {
        let mut b = SectionBuilder::new();
        assert_eq!(b.paragraph(), 0);
        b.heading(1, vec![]);
        b.heading(2, vec![]);
        assert_eq!(b.paragraph(), 2);
        b.heading(2, vec![]);
        b.heading(1, vec![]);
        b.heading(3, vec![]);
        assert_eq!(b.paragraph(), 5);
        assert_eq!(b.paragraph(), 5);
        let s = b.finish();
        let got: Vec<(u8, &str, Option<usize>, std::ops::Range<usize>)> = s
            .iter()
            .map(|s| (s.level, s.number.as_str(), s.parent, s.paragraphs.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (0, "", None, 0..1),
                (1, "1", None, 1..1),
                (2, "1.1", Some(1), 1..2),
                (2, "1.2", Some(1), 2..2),
                (1, "2", None, 2..2),
                (3, "2.0.1", Some(4), 2..4),
            ]
        );
        assert!(s[0].heading.is_none());
    }
}
