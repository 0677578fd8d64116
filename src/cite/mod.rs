//! Citations of the open article: its metadata as a `hayagriva` entry, formatted by the CSL
//! styles hayagriva bundles (APA, Chicago author-date, MLA), never by string templates of
//! our own; BibTeX (`biblatex`) and CSL-JSON for reference managers; and the exports other
//! tools read (Obsidian notes, Anki cards). Plain data: nothing here knows the terminal.

pub mod anki;
pub mod bibtex;
pub mod csl_json;
pub mod obsidian;

use std::str::FromStr as _;

use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{IndependentStyle, Locale, Style};
use hayagriva::types::{
    Date, EntryType, FormatString, MaybeTyped, Person, Publisher, QualifiedUrl,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest, Entry,
    LocatorPayload, SpecificLocator,
};

use crate::model::{Document, Meta};

/// A citation style.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum CiteStyle {
    /// APA, 7th edition.
    #[default]
    Apa,
    /// Chicago Manual of Style, author-date.
    Chicago,
    /// MLA Handbook.
    Mla,
}

impl CiteStyle {
    /// Every style, in the order settings offer them.
    pub const ALL: [CiteStyle; 3] = [CiteStyle::Apa, CiteStyle::Chicago, CiteStyle::Mla];

    /// The short name (`apa`, `chicago`, `mla`), as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            CiteStyle::Apa => "apa",
            CiteStyle::Chicago => "chicago",
            CiteStyle::Mla => "mla",
        }
    }

    /// The bundled CSL style's name in hayagriva's archive.
    fn csl_name(self) -> &'static str {
        match self {
            CiteStyle::Apa => "apa",
            CiteStyle::Chicago => "chicago-author-date",
            CiteStyle::Mla => "modern-language-association",
        }
    }

    /// The bundled CSL style (all three are independent styles).
    pub fn csl(self) -> IndependentStyle {
        let archived = hayagriva::archive::ArchivedStyle::by_name(self.csl_name());
        match archived.map(|a| a.get()) {
            Some(Style::Independent(style)) => style,
            // The names above are in the archive and independent; a test checks each.
            _ => unreachable!("{} is a bundled independent CSL style", self.csl_name()),
        }
    }
}

/// The CSL locales hayagriva bundles (terms such as "n.d." and "para.").
pub fn locales() -> Vec<Locale> {
    hayagriva::archive::locales()
}

/// An author as written in the article (`Given Family`, or `Family, Given` for names
/// whose family name comes first, such as `Zhang, Chi`) as a CSL name.
pub fn person(name: &str) -> Option<Person> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    if name.contains(',') {
        let parts: Vec<&str> = name.split(',').collect();
        if let Ok(p) = Person::from_strings(parts) {
            return Some(p);
        }
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    // The family name starts at a lowercase particle ("van", "de") after the first word,
    // else it is the last word.
    let start = (1..words.len())
        .find(|&i| words[i].starts_with(|c: char| c.is_lowercase()))
        .unwrap_or(words.len() - 1);
    let family = words[start..].join(" ");
    let given = words[..start].join(" ");
    let parts = if given.is_empty() {
        vec![family.as_str()]
    } else {
        vec![family.as_str(), given.as_str()]
    };
    Person::from_strings(parts).ok()
}

/// A citation key: the first author's family name, the year and the title's first long
/// word, lowercase ASCII (`zhang2020prospect`); stable for the same metadata.
pub fn citekey(meta: &Meta) -> String {
    let ascii = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let family = meta
        .authors
        .first()
        .and_then(|a| person(a))
        .map(|p| ascii(&p.name))
        .unwrap_or_default();
    let year = meta
        .biblio
        .year()
        .map(|y| y.to_string())
        .unwrap_or_default();
    let title: String = meta.title.iter().map(|i| i.plain_text()).collect();
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .map(ascii)
        .find(|w| w.len() > 3 && !["with", "from", "that", "this"].contains(&w.as_str()))
        .unwrap_or_default();
    let key = format!("{family}{year}{word}");
    if key.is_empty() { ascii(&meta.id) } else { key }
}

/// The article's metadata as a hayagriva entry of its kind
/// ([`crate::model::Biblio::work_type`]); a journal article has the journal as its parent.
pub fn entry(meta: &Meta) -> Entry {
    let b = &meta.biblio;
    let kind = match b.work_type() {
        crate::model::WorkType::Article => EntryType::Article,
        crate::model::WorkType::Book => EntryType::Book,
        crate::model::WorkType::Web => EntryType::Web,
        crate::model::WorkType::Report => EntryType::Report,
    };
    let mut e = Entry::new(&citekey(meta), kind);
    let title: String = meta.title.iter().map(|i| i.plain_text()).collect();
    e.set_title(FormatString::from(title));
    e.set_authors(meta.authors.iter().filter_map(|a| person(a)).collect());
    if let Some(date) = b.date.as_deref().and_then(|d| Date::from_str(d).ok()) {
        e.set_date(date);
    }
    if let Some(p) = b
        .pages
        .as_deref()
        .and_then(|p| MaybeTyped::from_str(p).ok())
    {
        e.set_page_range(p);
    }
    if let Some(url) = b
        .url
        .as_deref()
        .and_then(|u| QualifiedUrl::from_str(u).ok())
    {
        e.set_url(url);
    }
    if let Some(doi) = &b.doi {
        e.set_doi(doi.clone());
    }
    let publisher = b
        .publisher
        .as_ref()
        .map(|p| Publisher::new(Some(FormatString::from(p.clone())), None));
    match &b.container {
        Some(container) => {
            let mut parent = Entry::new(&format!("{}-container", e.key()), EntryType::Periodical);
            parent.set_title(FormatString::from(container.clone()));
            if let Some(v) = b
                .volume
                .as_deref()
                .and_then(|v| MaybeTyped::from_str(v).ok())
            {
                parent.set_volume(v);
            }
            if let Some(i) = b
                .issue
                .as_deref()
                .and_then(|i| MaybeTyped::from_str(i).ok())
            {
                parent.set_issue(i);
            }
            if let Some(p) = publisher {
                parent.set_publisher(p);
            }
            e.set_parents(vec![parent]);
        }
        None => {
            if let Some(p) = publisher {
                e.set_publisher(p);
            }
        }
    }
    e
}

/// Renders one citation of `entry` (with a locator, such as `§2.2 ¶3`) and the reference
/// list entry in `style`, as plain text.
fn render(entry: &Entry, locator: Option<&str>, style: CiteStyle) -> (String, String) {
    let csl = style.csl();
    let locales = locales();
    let mut driver = BibliographyDriver::new();
    let locator = locator.map(|l| SpecificLocator(Locator::Custom, LocatorPayload::Str(l)));
    driver.citation(CitationRequest::from_items(
        vec![CitationItem::with_locator(entry, locator)],
        &csl,
        &locales,
    ));
    let rendered = driver.finish(BibliographyRequest::new(&csl, None, &locales));
    let mut citation = String::new();
    if let Some(c) = rendered.citations.first() {
        let _ = c.citation.write_buf(&mut citation, BufWriteFormat::Plain);
    }
    let mut reference = String::new();
    if let Some(item) = rendered.bibliography.as_ref().and_then(|b| b.items.first()) {
        let _ = item
            .content
            .write_buf(&mut reference, BufWriteFormat::Plain);
    }
    (citation, reference)
}

/// The article's entry in a reference list, in `style` (plain text, one line).
pub fn reference(meta: &Meta, style: CiteStyle) -> String {
    render(&entry(meta), None, style).1
}

/// An in-text citation of the article, with `locator` where given (`(Zhang, 2020, §2.2
/// ¶3)` in APA).
pub fn in_text(meta: &Meta, locator: Option<&str>, style: CiteStyle) -> String {
    render(&entry(meta), locator, style).0
}

/// Where paragraph `p` is, as a citation locator: `§2.2 ¶3`, or `¶3` in the introduction.
pub fn locator(doc: &Document, p: usize) -> String {
    let label = doc.place_label(p);
    match label.split_once(' ') {
        Some((section, para)) => format!("§{section} {para}"),
        None => label,
    }
}

/// A quotation from paragraph `paragraph` with its citation in `style`: `“quote” (Zhang
/// 2020, §2.2 ¶3)`. Quotation marks already around `quote` are not doubled.
pub fn quotation(doc: &Document, paragraph: usize, quote: &str, style: CiteStyle) -> String {
    let quote = quote.trim();
    let quote = quote
        .strip_prefix('“')
        .and_then(|q| q.strip_suffix('”'))
        .unwrap_or(quote)
        .trim();
    let place = (paragraph < doc.paragraphs.len()).then(|| locator(doc, paragraph));
    let cite = in_text(&doc.meta, place.as_deref(), style);
    format!("“{quote}” {cite}")
}

#[cfg(test)]
mod tests;
