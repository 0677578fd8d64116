//! The article as a BibTeX entry, written by the `biblatex` crate (the one hayagriva reads
//! BibTeX with), so escaping and names are BibTeX's own.

use biblatex::{Bibliography, Chunk, Entry, EntryType, Spanned};

use crate::model::{Meta, WorkType};

fn text(value: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::zero(Chunk::Normal(value.to_owned()))]
}

/// A BibTeX name from an author as written in the article (see [`super::person`]).
fn person(name: &str) -> Option<biblatex::Person> {
    let p = super::person(name)?;
    Some(biblatex::Person {
        name: p.name.clone(),
        given_name: p.given_name.clone().unwrap_or_default(),
        prefix: p.prefix.clone().unwrap_or_default(),
        suffix: p.suffix.clone().unwrap_or_default(),
        id: None,
        prefix_initials: None,
        given_initials: None,
        use_prefix: None,
    })
}

/// The BibTeX entry: `@article`, `@book`, `@misc` (biblatex writes a web page's `@online`
/// so) or `@techreport` as the work is ([`crate::model::Biblio::work_type`]); the citation
/// key is [`super::citekey`].
pub fn entry(meta: &Meta) -> Entry {
    let b = &meta.biblio;
    let kind = match b.work_type() {
        WorkType::Article => EntryType::Article,
        WorkType::Book => EntryType::Book,
        WorkType::Web => EntryType::Online,
        WorkType::Report => EntryType::Report,
    };
    let mut e = Entry::new(super::citekey(meta), kind);
    let title: String = meta.title.iter().map(|i| i.plain_text()).collect();
    // The title's capitals are kept as written: braces, as BibTeX users protect them.
    e.set("title", vec![Spanned::zero(Chunk::Verbatim(title))]);
    let authors: Vec<biblatex::Person> = meta.authors.iter().filter_map(|a| person(a)).collect();
    if !authors.is_empty() {
        e.set_author(authors);
    }
    let fields = [
        ("date", &b.date),
        ("journal", &b.container),
        ("volume", &b.volume),
        ("number", &b.issue),
        ("pages", &b.pages),
        ("publisher", &b.publisher),
        ("doi", &b.doi),
        ("url", &b.url),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            e.set(key, text(v));
        }
    }
    e
}

/// The article's BibTeX entry as text (dates as `year` and `month` fields).
pub fn bibtex(meta: &Meta) -> String {
    let mut bib = Bibliography::new();
    bib.insert(entry(meta));
    let mut out = bib.to_bibtex_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
