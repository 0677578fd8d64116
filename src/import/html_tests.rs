//! Saved web pages: each footnote pattern, each metadata source, each input case.

use super::parse_html;
use crate::model::{Document, Inline};

/// Enough prose for reader mode to take the page for an article.
const PROSE: &str = "Rivers carry water from the mountains to the sea, and on the way they \
    shape valleys, feed farms and towns, and move the sand that builds the deltas. The \
    amount they carry changes with the seasons: snowmelt in spring, storms in autumn, and \
    a slow ebb through the dry months of the summer.";

/// A page with `head` in its head and `body` inside an article with a long paragraph
/// before and after, and navigation and a footer around it.
fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head>{head}</head><body>\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/about\">About</a></li></ul></nav>\
         <article><p>{PROSE}</p>{body}<p>{PROSE} Again.</p></article>\
         <footer><p>Copyright the site. Share this page.</p></footer></body></html>"
    )
}

fn open(html: &str) -> Document {
    match parse_html(html.as_bytes()) {
        Ok(loaded) => loaded.doc,
        Err(e) => panic!("{e:?}"),
    }
}

fn printed(html: &str) -> String {
    crate::print::render(&open(html), None)
}

fn footnotes(doc: &Document) -> Vec<String> {
    doc.footnotes
        .iter()
        .map(|f| f.inlines.iter().map(|i| i.plain_text()).collect())
        .collect()
}

fn text_with(doc: &Document, needle: &str) -> String {
    doc.paragraphs
        .iter()
        .map(|p| p.plain_text())
        .find(|t| t.contains(needle))
        .unwrap_or_else(|| panic!("no paragraph with {needle:?}"))
}

#[test]
fn wikipedia_references_become_footnotes_without_back_links() {
    let body = "<p>Water evaporates.<sup id=\"cite_ref-1\" class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup> \
        It rains.<sup id=\"cite_ref-2\" class=\"reference\"><a href=\"#cite_note-2\">[2]</a></sup> \
        Again.<sup id=\"cite_ref-1b\" class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup></p>\
        <h2>References</h2><div class=\"reflist\"><ol class=\"references\">\
        <li id=\"cite_note-1\"><span class=\"mw-cite-backlink\">^ <a href=\"#cite_ref-1\"><sup>a</sup></a> \
        <a href=\"#cite_ref-1b\"><sup>b</sup></a></span> <span class=\"reference-text\">Arthur, <i>Rivers</i>.</span></li>\
        <li id=\"cite_note-2\"><span class=\"mw-cite-backlink\"><b><a href=\"#cite_ref-2\">^</a></b></span> \
        <span class=\"reference-text\">Second source.</span></li></ol></div>";
    let doc = open(&page("<title>Rivers</title>", body));
    assert_eq!(
        text_with(&doc, "evaporates"),
        "Water evaporates.[1] It rains.[2] Again.[1]"
    );
    assert_eq!(footnotes(&doc), ["Arthur, Rivers.", "Second source."]);
    assert!(doc.sections.iter().all(|s| s.title() != "References"));
    assert!(!printed(&page("", body)).contains('^'));
}

#[test]
fn pandoc_and_markdown_it_footnotes() {
    let pandoc = "<p>Pandoc says.<a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\" role=\"doc-noteref\"><sup>1</sup></a></p>\
        <section class=\"footnotes footnotes-end-of-document\" role=\"doc-endnotes\"><hr /><ol>\
        <li id=\"fn1\"><p>The pandoc note.<a href=\"#fnref1\" class=\"footnote-back\" role=\"doc-backlink\">\u{21a9}\u{fe0e}</a></p></li></ol></section>";
    let doc = open(&page("", pandoc));
    assert_eq!(text_with(&doc, "Pandoc"), "Pandoc says.[1]");
    assert_eq!(footnotes(&doc), ["The pandoc note."]);

    let markdown_it = "<p>It says.<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">[1]</a></sup></p>\
        <hr class=\"footnotes-sep\"><section class=\"footnotes\"><ol class=\"footnotes-list\">\
        <li id=\"fn1\" class=\"footnote-item\"><p>The markdown-it note. <a href=\"#fnref1\" class=\"footnote-backref\">\u{21a9}</a></p></li></ol></section>";
    let doc = open(&page("", markdown_it));
    assert_eq!(text_with(&doc, "It says"), "It says.[1]");
    assert_eq!(footnotes(&doc), ["The markdown-it note."]);
}

#[test]
fn a_notes_heading_left_empty_at_the_end_is_no_section() {
    for (with_reader_mode, prose) in [(true, PROSE), (false, "Short.")] {
        let html = format!(
            "<!DOCTYPE html><html><head><title>Rivers</title></head><body><article>\
             <h2>Flow</h2><p>{prose}<a href=\"#fn1\" role=\"doc-noteref\">1</a></p><p>{prose}</p>\
             <h2>Notes</h2><ol><li id=\"fn1\" role=\"doc-endnote\">The note.</li></ol>\
             </article></body></html>"
        );
        let doc = open(&html);
        assert_eq!(footnotes(&doc), ["The note."], "{with_reader_mode}");
        let titles: Vec<String> = doc.sections.iter().map(|s| s.title()).collect();
        assert!(titles.contains(&"Flow".to_owned()), "{titles:?}");
        assert!(!titles.contains(&"Notes".to_owned()), "{titles:?}");
    }
}

#[test]
fn substack_footnotes() {
    let body = "<p>Substack says.<a class=\"footnote-anchor\" id=\"footnote-anchor-1\" href=\"#footnote-1\">1</a></p>\
        <div class=\"footnote\"><a id=\"footnote-1\" href=\"#footnote-anchor-1\" class=\"footnote-number\">1</a>\
        <div class=\"footnote-content\"><p>The Substack note.</p></div></div>";
    let doc = open(&page("", body));
    assert_eq!(text_with(&doc, "Substack"), "Substack says.[1]");
    assert_eq!(footnotes(&doc), ["The Substack note."]);
}

#[test]
fn aria_roles_and_epub_types() {
    let body = "<p>Roles.<a role=\"doc-noteref\" href=\"#n1\">*</a> Types.<a epub:type=\"noteref\" href=\"#n2\">2</a></p>\
        <aside role=\"doc-footnote\" id=\"n1\"><p>By role.</p></aside>\
        <aside epub:type=\"footnote\" id=\"n2\"><p>By type.</p></aside>\
        <aside epub:type=\"footnote\" id=\"n3\"><p>Never referenced.</p></aside>";
    let loaded = parse_html(page("", body).as_bytes()).unwrap();
    assert_eq!(text_with(&loaded.doc, "Roles"), "Roles.[1] Types.[2]");
    // A note nothing references is kept after the referenced ones, with a warning (as in
    // every import).
    assert_eq!(
        footnotes(&loaded.doc),
        ["By role.", "By type.", "Never referenced."]
    );
    assert!(loaded.warnings.iter().any(|w| w.message.contains("n3")));
}

#[test]
fn a_superscript_link_into_a_notes_section_is_a_reference() {
    let body = "<p>Fallback.<sup><a href=\"#note-7\">7</a></sup> Not a note: x<sup><a href=\"#elsewhere\">2</a></sup>.</p>\
        <p id=\"elsewhere\">A paragraph in the flow, long enough to stay in it as it is.</p>\
        <div class=\"notes\"><p id=\"note-7\"><a href=\"#r7\">7</a> The fallback note.</p></div>";
    let doc = open(&page("", body));
    assert_eq!(text_with(&doc, "Fallback"), "Fallback.[1] Not a note: x2.");
    assert_eq!(footnotes(&doc), ["7 The fallback note."]);
}

#[test]
fn metadata_fills_title_authors_and_source() {
    let head = "<title>How Rivers Shape the Land | The Site</title>\
        <meta name=\"author\" content=\"Ann Lee and Bo Chen\">\
        <meta property=\"og:site_name\" content=\"The Site\">\
        <meta property=\"article:published_time\" content=\"2024-05-06T07:08:09Z\">\
        <link rel=\"canonical\" href=\"https://site.example/rivers\">";
    let html = page(
        head,
        "<p>A link to <a href=\"../more/page.html\">more</a>.</p>",
    )
    .replace("<html>", "<html lang=\"en-GB\">");
    let doc = open(&html);
    assert_eq!(doc.title(), "How Rivers Shape the Land");
    assert_eq!(doc.meta.authors, ["Ann Lee", "Bo Chen"]);
    let source = doc.meta.source.clone().unwrap_or_default();
    for part in [
        "The Site",
        "published 2024-05-06",
        "language en-GB",
        "https://site.example/rivers",
    ] {
        assert!(source.contains(part), "{source}");
    }
    assert!(printed(&html).contains("more <https://site.example/more/page.html>"));
}

#[test]
fn json_ld_metadata_is_read() {
    let head = "<title>x</title><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\
        \"@type\":\"NewsArticle\",\"headline\":\"Rivers of the World\",\"author\":{\"@type\":\"Person\",\"name\":\"Dana Roe\"},\
        \"datePublished\":\"2023-01-02\"}</script>";
    let doc = open(&page(head, ""));
    assert_eq!(doc.title(), "Rivers of the World");
    assert_eq!(doc.meta.authors, ["Dana Roe"]);
    assert!(doc.meta.source.unwrap_or_default().contains("2023-01-02"));
}

#[test]
fn structure_is_kept() {
    let body = "<h2>Shapes</h2><p>Lists:</p><ol><li>One<ul><li>inner</li></ul></li><li>Two</li></ol>\
        <blockquote><p>A quote.</p></blockquote><pre><code>let x = 1;\nlet y = 2;</code></pre>\
        <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>22</td></tr></table>\
        <p><em>em</em> <strong>strong</strong> <code>code</code> <img src=\"a.png\" alt=\"a map\"></p>";
    let out = printed(&page("<title>Kinds of rivers</title>", body));
    for expected in [
        "\nShapes\n",
        "1. One",
        "  - inner",
        "2. Two",
        "A quote.",
        "let x = 1;\nlet y = 2;",
        "a | b\n--+---\n1 | 22",
        "*em* **strong** `code` [image: a map]",
    ] {
        assert!(out.contains(expected), "{expected:?} not in\n{out}");
    }
}

#[test]
fn mathml_reads_as_code_from_its_alttext_tex_or_tokens() {
    let body = "<p>Inline <math><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></math> here.</p>\
        <math display=\"block\" alttext=\"E = mc^2\"><mi>E</mi></math>\
        <p>With TeX <math><semantics><mi>y</mi><annotation encoding=\"application/x-tex\">\\sqrt{y}</annotation></semantics></math>.</p>";
    let doc = open(&page("<title>Formulas in rivers</title>", body));
    assert!(text_with(&doc, "Inline").contains("Inline x 2 + 1 here."));
    let block = doc
        .paragraphs
        .iter()
        .find(|p| p.plain_text() == "E = mc^2")
        .expect("a display formula is a block of its own");
    assert!(matches!(
        &block.inlines[0],
        Inline::Text { style, .. } if style.code
    ));
    assert!(text_with(&doc, "With TeX").contains("\\sqrt{y}"));
}

#[test]
fn scripts_and_styles_are_never_shown() {
    let body =
        "<script>document.write('evil')</script><style>p { color: red }</style><p>Plain.</p>";
    let out = printed(&page("<script>var a = 'head script';</script>", body));
    assert!(!out.contains("evil") && !out.contains("color") && !out.contains("head script"));
    assert!(out.contains("Plain."));
}

#[test]
fn the_declared_encoding_is_read() {
    let html = page(
        "<meta charset=\"iso-8859-1\"><title>Caf\u{e9}</title>",
        "<p>Un caf\u{e9} cr\u{e8}me.</p>",
    );
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
    let doc = parse_html(&latin1).unwrap().doc;
    assert_eq!(text_with(&doc, "crème"), "Un café crème.");
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(page("", "<p>Na\u{ef}ve.</p>").as_bytes());
    assert_eq!(text_with(&parse_html(&bom).unwrap().doc, "Na"), "Naïve.");
}

#[test]
fn a_page_without_an_article_is_read_whole_with_a_warning() {
    let html = "<html><head><title>Tiny</title></head><body><div>Just a line.</div><div>And another.</div></body></html>";
    let loaded = parse_html(html.as_bytes()).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("no article found"))
    );
    let out = crate::print::render(&loaded.doc, None);
    assert!(
        out.contains("Just a line.") && out.contains("And another."),
        "{out}"
    );
}

#[test]
fn deep_nesting_and_huge_pages_open() {
    let deep = format!(
        "{}<p>Deep text.</p>{}",
        "<div><span>".repeat(3_000),
        "</span></div>".repeat(3_000)
    );
    let out = printed(&page("<title>Deep</title>", &deep));
    assert!(out.contains("Deep text."));
    let many: String = (0..4_000)
        .map(|i| format!("<p>Paragraph {i} of the page.</p>"))
        .collect();
    let doc = open(&page("<title>Huge</title>", &many));
    assert!(doc.paragraphs.len() >= 4_000);
}

#[test]
fn empty_and_forged_input() {
    assert!(parse_html(b"  \n ").is_err());
    let forged = page("", "<p>Forged \u{F8F0}0\u{F8F1} reference.</p>");
    let doc = open(&forged);
    assert!(doc.footnotes.is_empty());
    assert!(text_with(&doc, "Forged").contains('\u{FFFD}'));
}

#[test]
fn citation_meta_tags_fill_the_bibliographic_fields() {
    let head = r#"<title>On Rivers</title>
        <meta name="citation_journal_title" content="Water Review">
        <meta name="citation_publication_date" content="2022-07-01">
        <meta name="citation_doi" content="10.4242/wr.7">
        <link rel="canonical" href="https://example.org/rivers">"#;
    let body = "<article><h1>On Rivers</h1><p>Rivers run to the sea, and the sea is never full; \
        to the place the rivers come from, there they return again.</p><p>A second paragraph \
        of the article, long enough for reader mode to keep it as text.</p></article>";
    let doc = open(&page(head, body));
    let b = &doc.meta.biblio;
    assert_eq!(b.container.as_deref(), Some("Water Review"));
    assert_eq!(b.date.as_deref(), Some("2022-07-01"));
    assert_eq!(b.doi.as_deref(), Some("10.4242/wr.7"));
    assert_eq!(b.url.as_deref(), Some("https://example.org/rivers"));
}
