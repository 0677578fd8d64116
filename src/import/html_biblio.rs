//! Bibliographic fields from a web page's `<meta>` tags: Highwire Press `citation_*` (what
//! Google Scholar and Zotero read), Dublin Core `DC.*`/`DCTERMS.*`, PRISM, Open Graph, and
//! `<link rel=canonical>`. The first source that gives a field wins, in that order.

use dom_query::Document;

use crate::model::Biblio;

/// Most `<meta>` tags looked at: a real page has dozens; more is a hostile page.
const MAX_META_TAGS: usize = 2000;

/// Meta names (lowercase) for each field, in order of trust.
const DATE: &[&str] = &[
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date",
    "dcterms.issued",
    "dcterms.date",
    "dc.date.issued",
    "prism.publicationdate",
    "article:published_time",
];
const CONTAINER: &[&str] = &[
    "citation_journal_title",
    "citation_conference_title",
    "citation_book_title",
    "prism.publicationname",
    "dc.source",
];
const VOLUME: &[&str] = &["citation_volume", "prism.volume"];
const ISSUE: &[&str] = &["citation_issue", "prism.number"];
const PUBLISHER: &[&str] = &[
    "citation_publisher",
    "dc.publisher",
    "dcterms.publisher",
    "citation_technical_report_institution",
];
const DOI: &[&str] = &[
    "citation_doi",
    "prism.doi",
    "dc.identifier",
    "dcterms.identifier",
];
const URL: &[&str] = &[
    "citation_public_url",
    "citation_abstract_html_url",
    "citation_fulltext_html_url",
    "og:url",
];

/// The fields the page's metadata gives (not yet cleaned: the build does that).
pub(super) fn biblio(doc: &Document) -> Biblio {
    let mut metas: Vec<(String, String)> = Vec::new();
    for node in doc.select("meta").nodes().iter().take(MAX_META_TAGS) {
        let key = node.attr("name").or_else(|| node.attr("property"));
        let (Some(key), Some(content)) = (key, node.attr("content")) else {
            continue;
        };
        let content = content.trim();
        if !content.is_empty() {
            metas.push((key.trim().to_ascii_lowercase(), content.to_owned()));
        }
    }
    let first = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            metas
                .iter()
                .find(|(k, v)| k == n && (n != &"dc.identifier" || v.contains("10.")))
                .map(|(_, v)| v.clone())
        })
    };
    let pages = match (
        first(&["citation_firstpage", "prism.startingpage"]),
        first(&["citation_lastpage", "prism.endingpage"]),
    ) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}-{b}")),
        (Some(a), _) => Some(a),
        _ => None,
    };
    let canonical = doc
        .select("link[rel=canonical]")
        .attr("href")
        .map(|h| h.trim().to_owned());
    Biblio {
        // Told from the fields: a journal's page, or a web page.
        kind: None,
        date: first(DATE),
        container: first(CONTAINER),
        volume: first(VOLUME),
        issue: first(ISSUE),
        pages,
        publisher: first(PUBLISHER),
        doi: first(DOI),
        url: first(URL).or(canonical),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highwire_wins_then_dublin_core_then_open_graph() {
        let page = r#"<html><head>
            <meta name="citation_title" content="T">
            <meta name="DC.date" content="2019-01-01">
            <meta name="citation_publication_date" content="2020/05/04">
            <meta name="citation_journal_title" content="Journal of Things">
            <meta name="citation_volume" content="12"><meta name="citation_issue" content="3">
            <meta name="citation_firstpage" content="101"><meta name="citation_lastpage" content="120">
            <meta name="DC.publisher" content="Press">
            <meta name="DC.identifier" content="urn:isbn:123">
            <meta name="citation_doi" content="doi:10.1234/abc.5">
            <meta property="og:url" content="https://example.org/a">
            <link rel="canonical" href="https://example.org/canonical">
            </head><body><p>x</p></body></html>"#;
        let b = biblio(&Document::from(page)).cleaned();
        assert_eq!(b.date.as_deref(), Some("2020-05-04"));
        assert_eq!(b.container.as_deref(), Some("Journal of Things"));
        assert_eq!(
            (b.volume.as_deref(), b.issue.as_deref()),
            (Some("12"), Some("3"))
        );
        assert_eq!(b.pages.as_deref(), Some("101-120"));
        assert_eq!(b.publisher.as_deref(), Some("Press"));
        assert_eq!(b.doi.as_deref(), Some("10.1234/abc.5"));
        assert_eq!(b.url.as_deref(), Some("https://example.org/a"));
        let dc = r#"<meta name="dc.identifier" content="https://doi.org/10.5555/x">
            <link rel="canonical" href="https://example.org/c">"#;
        let b = biblio(&Document::from(dc)).cleaned();
        assert_eq!(b.doi.as_deref(), Some("10.5555/x"));
        assert_eq!(b.url.as_deref(), Some("https://example.org/c"));
        assert!(
            biblio(&Document::from("<p>no head</p>"))
                .cleaned()
                .is_empty()
        );
    }
}
