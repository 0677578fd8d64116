//! STUB: citations. The cite branch replaces this module with hayagriva-formatted
//! references; only [`quotation`] and [`CiteStyle`] are promised to callers.

use crate::model::Document;

/// A citation style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CiteStyle {
    /// APA.
    #[default]
    Apa,
    /// Chicago author-date.
    Chicago,
    /// MLA.
    Mla,
}

/// `quote` from paragraph `paragraph` of `doc` as a quotation with its citation:
/// `“…” (Zhang 2020, §2.2 ¶3)`. STUB: the style is not used yet.
pub fn quotation(doc: &Document, paragraph: usize, quote: &str, _style: CiteStyle) -> String {
    let author = doc
        .meta
        .authors
        .first()
        .map(|a| a.rsplit(' ').next().unwrap_or(a).to_owned())
        .unwrap_or_else(|| "Anon.".to_owned());
    let place = doc.place_label(paragraph);
    format!("“{quote}” ({author}, §{place})")
}
