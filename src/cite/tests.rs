use hayagriva::citationberg::json as csl;

use super::*;
use crate::model::{Biblio, Inline};

pub(crate) fn meta() -> Meta {
    Meta {
        id: "zhang-prospect".into(),
        title: vec![Inline::Text {
            text: "The Prospect of Peace: A Study".into(),
            style: Default::default(),
        }],
        authors: vec!["Zhang, Chi".into(), "Ada Lovelace".into()],
        author_note: None,
        source: None,
        biblio: Biblio {
            kind: None,
            date: Some("2020-05".into()),
            container: Some("China International Studies".into()),
            volume: Some("81".into()),
            issue: Some("2".into()),
            pages: Some("5-24".into()),
            publisher: None,
            doi: Some("10.1000/xyz".into()),
            url: None,
        },
    }
}

/// What hayagriva itself makes of a CSL-JSON item, citation (with a locator) and reference.
fn hayagriva_csl(item: &csl::Item, locator: &str, style: CiteStyle) -> (String, String) {
    let style = style.csl();
    let locales = locales();
    let mut driver: BibliographyDriver<'_, csl::Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::from_items(
        vec![CitationItem::with_locator(
            item,
            Some(SpecificLocator(
                Locator::Custom,
                LocatorPayload::Str(locator),
            )),
        )],
        &style,
        &locales,
    ));
    let r = driver.finish(BibliographyRequest::new(&style, None, &locales));
    let mut cite = String::new();
    r.citations[0]
        .citation
        .write_buf(&mut cite, BufWriteFormat::Plain)
        .unwrap();
    let mut reference = String::new();
    r.bibliography.unwrap().items[0]
        .content
        .write_buf(&mut reference, BufWriteFormat::Plain)
        .unwrap();
    (cite, reference)
}

/// The same article as a hayagriva YAML entry, written by hand, formatted by hayagriva.
fn hayagriva_yaml(style: CiteStyle) -> (String, String) {
    let lib = hayagriva::io::from_yaml_str(
        r#"
zhang2020prospect:
    type: Article
    title: "The Prospect of Peace: A Study"
    author: ["Zhang, Chi", "Lovelace, Ada"]
    date: 2020-05
    page-range: 5-24
    serial-number:
        doi: 10.1000/xyz
    parent:
        type: Periodical
        title: China International Studies
        volume: 81
        issue: 2
"#,
    )
    .unwrap();
    render(lib.nth(0).unwrap(), Some("§2.2 ¶3"), style)
}

#[test]
fn every_style_is_bundled_and_independent() {
    for s in CiteStyle::ALL {
        assert!(!s.csl().citation.layout.elements.is_empty(), "{s:?}");
    }
}

#[test]
fn citations_are_hayagrivas_own_for_apa_and_chicago() {
    let m = meta();
    for style in [CiteStyle::Apa, CiteStyle::Chicago] {
        let ours = (in_text(&m, Some("§2.2 ¶3"), style), reference(&m, style));
        assert_eq!(ours, hayagriva_yaml(style), "{style:?}");
    }
    // And what that is, spelled out once.
    assert_eq!(
        in_text(&m, Some("§2.2 ¶3"), CiteStyle::Apa),
        "(Zhang & Lovelace, 2020, §2.2 ¶3)"
    );
    assert_eq!(
        reference(&m, CiteStyle::Apa),
        "Zhang, C., & Lovelace, A. (2020). The Prospect of Peace: A Study. China International \
         Studies, 81(2), 5–24. https://doi.org/10.1000/xyz"
    );
    assert_eq!(
        in_text(&m, Some("§2.2 ¶3"), CiteStyle::Chicago),
        "(Zhang and Lovelace 2020, §2.2 ¶3)"
    );
    assert_eq!(
        in_text(&m, Some("§2.2 ¶3"), CiteStyle::Mla),
        "(Zhang and Lovelace, §2.2 ¶3)"
    );
}

#[test]
fn csl_json_reads_back_and_formats_the_same() {
    let m = meta();
    let text = csl_json::csl_json(&m);
    let items: Vec<csl::Item> = serde_json::from_str(&text).unwrap();
    assert_eq!(items.len(), 1);
    for style in CiteStyle::ALL {
        let ours = (in_text(&m, Some("¶1"), style), reference(&m, style));
        assert_eq!(ours, hayagriva_csl(&items[0], "¶1", style), "{style:?}");
    }
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value[0]["DOI"], "10.1000/xyz");
    assert_eq!(value[0]["issued"]["date-parts"][0][1], 5);
    assert_eq!(value[0]["author"][0]["family"], "Zhang");
    assert_eq!(value[0]["author"][1]["given"], "Ada");
}

#[test]
fn bibtex_reads_back_through_biblatex() {
    let mut m = meta();
    m.title = vec![Inline::Text {
        text: "Costs & {Benefits}: 50% of \"Peace\"".into(),
        style: Default::default(),
    }];
    let text = bibtex::bibtex(&m);
    let bib = biblatex::Bibliography::parse(&text).unwrap();
    let e = bib.get(&citekey(&m)).unwrap();
    assert_eq!(e.entry_type, biblatex::EntryType::Article);
    use biblatex::ChunksExt as _;
    assert_eq!(
        e.title().unwrap().format_verbatim(),
        "Costs & {Benefits}: 50% of \"Peace\""
    );
    let authors = e.author().unwrap();
    assert_eq!(
        (authors[0].name.as_str(), authors[0].given_name.as_str()),
        ("Zhang", "Chi")
    );
    assert_eq!(authors[1].name, "Lovelace");
    assert_eq!(e.doi().unwrap(), "10.1000/xyz");
    assert_eq!(e.volume().unwrap(), biblatex::PermissiveType::Typed(81));
    assert_eq!(
        e.journal().unwrap().format_verbatim(),
        "China International Studies"
    );
    let date = e.date().unwrap();
    let biblatex::PermissiveType::Typed(date) = date else {
        panic!("untyped date {date:?}")
    };
    let biblatex::DateValue::At(d) = date.value else {
        panic!("{date:?}")
    };
    assert_eq!((d.year, d.month), (2020, Some(4)));
    // hayagriva reads it and formats it as from the article.
    let lib = hayagriva::io::from_biblatex_str(&text).unwrap();
    assert_eq!(
        render(lib.nth(0).unwrap(), None, CiteStyle::Apa).1,
        reference(&m, CiteStyle::Apa)
    );
}

#[test]
fn each_kind_of_work_is_its_own_type_in_every_format() {
    use crate::model::WorkType;
    let told = |container: bool, url: bool, publisher: bool| {
        let mut b = meta().biblio;
        b.container = container.then(|| "A Journal".into());
        b.url = url.then(|| "https://example.org/a".into());
        b.publisher = publisher.then(|| "A Press".into());
        b.work_type()
    };
    // Without a kind from the source, told from the fields.
    assert_eq!(told(true, true, true), WorkType::Article);
    assert_eq!(told(false, true, false), WorkType::Web);
    assert_eq!(told(false, true, true), WorkType::Report);
    assert_eq!(told(false, false, false), WorkType::Report);
    // A web page: `@misc` with its URL in BibTeX, `webpage` in CSL-JSON.
    let mut web = meta();
    (web.biblio.container, web.biblio.publisher) = (None, None);
    web.biblio.url = Some("https://example.org/a".into());
    let text = bibtex::bibtex(&web);
    assert!(text.starts_with("@misc{"), "{text}");
    assert!(text.contains("https://example.org/a"), "{text}");
    let value: serde_json::Value = serde_json::from_str(&csl_json::csl_json(&web)).unwrap();
    assert_eq!(value[0]["type"], "webpage");
    assert_eq!(entry(&web).entry_type(), &hayagriva::types::EntryType::Web);
    // A book (an EPUB says so), in BibTeX, CSL-JSON and hayagriva.
    let mut m = meta();
    m.biblio.container = None;
    m.biblio.volume = None;
    m.biblio.issue = None;
    m.biblio.pages = None;
    m.biblio.publisher = Some("Brook Books".into());
    m.biblio.kind = Some(WorkType::Book);
    assert_eq!(m.biblio.work_type(), WorkType::Book);
    let bib = biblatex::Bibliography::parse(&bibtex::bibtex(&m)).unwrap();
    assert_eq!(
        bib.get(&citekey(&m)).unwrap().entry_type,
        biblatex::EntryType::Book
    );
    let value: serde_json::Value = serde_json::from_str(&csl_json::csl_json(&m)).unwrap();
    assert_eq!(value[0]["type"], "book");
    assert_eq!(entry(&m).entry_type(), &hayagriva::types::EntryType::Book);
    let items: Vec<csl::Item> = serde_json::from_str(&csl_json::csl_json(&m)).unwrap();
    assert_eq!(
        (
            in_text(&m, Some("¶1"), CiteStyle::Apa),
            reference(&m, CiteStyle::Apa)
        ),
        hayagriva_csl(&items[0], "¶1", CiteStyle::Apa),
        "a book formats as hayagriva formats the CSL-JSON book"
    );
}

#[test]
fn quotations_name_the_place_and_keys_are_stable() {
    let mut doc = crate::content::bundled().unwrap().doc;
    doc.meta.biblio.date = Some("2020".into());
    doc.meta.authors = vec!["Zhang, Chi".into()];
    let p = (0..doc.paragraphs.len())
        .find(|&p| doc.place_label(p) == "1 ¶3")
        .unwrap();
    assert_eq!(
        quotation(&doc, p, "“a tortuous road”", CiteStyle::Apa),
        "“a tortuous road” (Zhang, 2020, §1 ¶3)"
    );
    assert_eq!(
        quotation(&doc, 0, "peace", CiteStyle::Chicago),
        "“peace” (Zhang 2020, ¶1)"
    );
    assert_eq!(citekey(&doc.meta), "zhang2020prospect");
    let mut other = meta();
    other.biblio = Biblio::default();
    other.authors.clear();
    assert_eq!(citekey(&other), "prospect");
}

#[test]
fn names_split_as_written() {
    let p = person("Ludwig van Beethoven").unwrap();
    assert_eq!(p.name, "Beethoven");
    assert_eq!(p.prefix.as_deref(), Some("van"));
    assert_eq!(p.given_name.as_deref(), Some("Ludwig"));
    let p = person("Zhang, Chi").unwrap();
    assert_eq!(
        (p.name.as_str(), p.given_name.as_deref()),
        ("Zhang", Some("Chi"))
    );
    assert_eq!(person("Plato").unwrap().name, "Plato");
    assert!(person("  ").is_none());
}
