//! The PDF import on whole files written here, for what a typesetter cannot be made to do
//! on purpose: a footnote that runs on to the next page, a line-end hyphen that stays, a
//! notes section, a page too large to read.

use super::parse_pdf;
use crate::diag::Severity;
use crate::model::{BlockKind, Document};

/// A piece of text on a page: left edge, distance of the baseline from the top, size,
/// bold, the text (Helvetica, so only ASCII). Size 0 puts an image there instead.
type Put<'a> = (f32, f32, f32, bool, &'a str);

/// A PDF of 600 × 800 point pages (`media` overrides the first page's size) with the given
/// texts in Helvetica and Helvetica-Bold.
fn pdf_with(pages: &[Vec<Put>], media: Option<&str>) -> Vec<u8> {
    pdf_full(pages, media, None)
}

/// [`pdf_with`], with an XMP metadata stream in the catalog when `xmp` is given.
fn pdf_full(pages: &[Vec<Put>], media: Option<&str>, xmp: Option<&str>) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        String::new(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut kids = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut content = String::new();
        for &(x, y, size, bold, text) in page {
            if size == 0.0 {
                // An image of 150 × 100 points whose bottom edge is at `y`.
                content.push_str(&format!(
                    "q 150 0 0 100 {x} {} cm BI /W 1 /H 1 /CS /G /BPC 8 ID A EI Q\n",
                    800.0 - y
                ));
                continue;
            }
            let text = text
                .replace('\\', "\\\\")
                .replace('(', "\\(")
                .replace(')', "\\)");
            let font = if bold { "F2" } else { "F1" };
            content.push_str(&format!(
                "BT /{font} {size} Tf 1 0 0 1 {x} {} Tm ({text}) Tj ET\n",
                800.0 - y
            ));
        }
        let box_ = match (i, media) {
            (0, Some(m)) => m.to_owned(),
            _ => "[0 0 600 800]".to_owned(),
        };
        let content_id = objects.len() + 2;
        kids.push(format!("{} 0 R", objects.len() + 1));
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox {box_} /Contents {content_id} 0 R \
             /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>"
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    );
    if let Some(xmp) = xmp {
        objects.push(format!(
            "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{xmp}\nendstream",
            xmp.len() + 1
        ));
        objects[0] = format!(
            "<< /Type /Catalog /Pages 2 0 R /Metadata {} 0 R >>",
            objects.len()
        );
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn pdf(pages: &[Vec<Put>]) -> Vec<u8> {
    pdf_with(pages, None)
}

fn texts(doc: &Document) -> Vec<String> {
    doc.paragraphs.iter().map(|p| p.plain_text()).collect()
}

fn import(pages: &[Vec<Put>]) -> Document {
    let loaded = match parse_pdf(pdf(pages)) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{e:?}"),
    };
    loaded.doc
}

/// A running head and a page number on page `n` (from 1), around `body`.
fn furnished(n: usize, mut body: Vec<Put<'static>>) -> Vec<Put<'static>> {
    let number: &'static str = Box::leak(format!("{}", 100 + n).into_boxed_str());
    body.push((200.0, 40.0, 8.0, false, "Journal of Slow Reading"));
    body.push((500.0, 40.0, 8.0, false, number));
    body.push((295.0, 770.0, 8.0, false, number));
    body
}

#[test]
fn a_footnote_runs_on_at_the_foot_of_the_next_page() {
    let first = furnished(
        1,
        vec![
            (50.0, 80.0, 20.0, true, "Slow Rivers"),
            (50.0, 120.0, 12.0, true, "1 Introduction"),
            (
                50.0,
                150.0,
                10.0,
                false,
                "Rivers carry water from the hills to the sea and",
            ),
            (
                50.0,
                163.0,
                10.0,
                false,
                "with it the sediment of the plains.",
            ),
            (218.0, 159.0, 6.5, false, "1"),
            (223.0, 163.0, 10.0, false, " Most people live on them, and"),
            (
                50.0,
                176.0,
                10.0,
                false,
                "they have always done so because the soil is rich and",
            ),
            (
                50.0,
                700.0,
                8.0,
                false,
                "1 This note is long: it starts at the foot of the first",
            ),
            (50.0, 710.0, 8.0, false, "page and"),
        ],
    );
    let second = furnished(
        2,
        vec![
            (50.0, 80.0, 10.0, false, "the water close."),
            (
                50.0,
                700.0,
                8.0,
                false,
                "goes on at the foot of the second.",
            ),
        ],
    );
    let doc = import(&[first, second]);
    assert_eq!(doc.title(), "Slow Rivers");
    assert_eq!(
        texts(&doc),
        [
            "Rivers carry water from the hills to the sea and with it the sediment of the plains.[1] \
          Most people live on them, and they have always done so because the soil is rich and \
          the water close."
        ]
    );
    let note: String = doc.footnotes[0]
        .inlines
        .iter()
        .map(|i| i.plain_text())
        .collect();
    assert_eq!(
        note,
        "This note is long: it starts at the foot of the first page and goes on at the foot of \
         the second."
    );
    let headings: Vec<String> = doc
        .sections
        .iter()
        .filter(|s| s.heading.is_some())
        .map(|s| s.title())
        .collect();
    assert_eq!(headings, ["1 Introduction"]);
}

#[test]
fn line_end_hyphens_are_undone_for_words_and_kept_for_compounds() {
    let doc = import(&[vec![
        (50.0, 80.0, 20.0, true, "Hyphens"),
        (50.0, 150.0, 10.0, false, "The river drops its sedi-"),
        (50.0, 163.0, 10.0, false, "ment on a well-"),
        (50.0, 176.0, 10.0, false, "known plain, near the flood-"),
        (50.0, 189.0, 10.0, false, "plain where the floodplain ends."),
    ]]);
    assert_eq!(
        texts(&doc),
        [
            "The river drops its sediment on a well-known plain, near the floodplain where the \
          floodplain ends."
        ]
    );
}

#[test]
fn running_heads_and_page_numbers_go_and_numbered_headings_nest() {
    let pages: Vec<Vec<Put>> = (1..=3)
        .map(|n| {
            furnished(
                n,
                vec![
                    (
                        50.0,
                        100.0,
                        10.0,
                        true,
                        ["1 Start", "2 Middle", "3 End"][n - 1],
                    ),
                    (
                        50.0,
                        120.0,
                        10.0,
                        true,
                        ["1.1 Detail", "2.1 Detail", "3.1 Detail"][n - 1],
                    ),
                    (
                        50.0,
                        140.0,
                        10.0,
                        false,
                        ["Text one.", "Text two.", "Text three."][n - 1],
                    ),
                ],
            )
        })
        .collect();
    let mut pages = pages;
    pages[0].insert(0, (50.0, 70.0, 20.0, true, "Numbered"));
    let doc = import(&pages);
    assert_eq!(texts(&doc), ["Text one.", "Text two.", "Text three."]);
    let outline: Vec<(u8, String)> = doc
        .sections
        .iter()
        .filter(|s| s.heading.is_some())
        .map(|s| (s.level, s.title()))
        .collect();
    assert_eq!(
        outline,
        [
            (1, "1 Start".to_owned()),
            (2, "1.1 Detail".to_owned()),
            (1, "2 Middle".to_owned()),
            (2, "2.1 Detail".to_owned()),
            (1, "3 End".to_owned()),
            (2, "3.1 Detail".to_owned()),
        ]
    );
}

#[test]
fn a_notes_section_keeps_its_numbered_entries() {
    let doc = import(&[vec![
        (50.0, 80.0, 20.0, true, "Endnotes"),
        (50.0, 150.0, 10.0, false, "Body text."),
        (50.0, 180.0, 12.0, true, "Notes"),
        (50.0, 200.0, 10.0, false, "1. The first note."),
        (50.0, 213.0, 10.0, false, "2. The second note, which"),
        (50.0, 226.0, 10.0, false, "is longer."),
    ]]);
    assert_eq!(
        texts(&doc),
        [
            "Body text.",
            "The first note.",
            "The second note, which is longer."
        ]
    );
    let markers: Vec<&BlockKind> = doc.paragraphs.iter().map(|p| &p.kind).collect();
    assert!(matches!(markers[2], BlockKind::Item { marker, .. } if marker == "2."));
}

#[test]
fn an_image_is_a_figure_block_of_its_own_and_its_caption_stays_text() {
    let doc = import(&[vec![
        (50.0, 80.0, 20.0, true, "Figures"),
        (50.0, 150.0, 10.0, false, "Text before the figure."),
        (50.0, 280.0, 0.0, false, ""),
        (50.0, 295.0, 10.0, false, "Figure 1: A river."),
        (50.0, 320.0, 10.0, false, "Text after the figure,"),
        (50.0, 333.0, 10.0, false, "in two lines."),
    ]]);
    assert_eq!(
        texts(&doc),
        [
            "Text before the figure.",
            "[figure]",
            "Figure 1: A river.",
            "Text after the figure, in two lines."
        ]
    );
}

#[test]
fn characters_that_cannot_be_decoded_are_reported_on_their_page() {
    use super::extract::{Glyph, Info, PageText};
    let glyph = |ch, x: f32| Glyph {
        ch,
        x,
        x1: x + 5.0,
        base: 100.0,
        size: 10.0,
        bold: false,
        italic: false,
    };
    let page = |undecoded| PageText {
        height: 800.0,
        width: 600.0,
        glyphs: vec![glyph('O', 50.0), glyph('k', 55.0)],
        undecoded,
        figures: Vec::new(),
    };
    let loaded = match super::import_pages(&[page(0), page(7)], &Info::default()) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{e:?}"),
    };
    let shown: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| w.display("a.pdf").to_string())
        .collect();
    assert!(
        shown.contains(
            &"a.pdf:page 2:1:1: warning: 7 characters could not be decoded (a font without a \
              Unicode map); they are left out"
                .to_owned()
        ),
        "{shown:?}"
    );
    // No pages at all (a file cut short): said so, not taken for a scan.
    let err = super::import_pages(&[], &Info::default()).unwrap_err();
    assert!(err[0].message.contains("no pages"), "{err:?}");
    // Nothing decodable at all: the file is refused, with OCR suggested.
    let none = PageText {
        glyphs: Vec::new(),
        ..page(12)
    };
    let err = super::import_pages(&[none], &Info::default()).unwrap_err();
    assert!(
        err[0]
            .message
            .contains("none of the PDF's text can be decoded")
    );
}

#[test]
fn a_page_past_its_deadline_is_an_error_that_names_it() {
    // Page 2 is slow to read: a content stream of many thousand operators. (Page 1 is
    // quick, but on a loaded machine it may pass a deadline this short as well.)
    let mut bytes = pdf(&[
        vec![(50.0, 80.0, 10.0, false, "Quick.")],
        vec![(50.0, 80.0, 10.0, false, "SLOW")],
    ]);
    let slow = "0 0 m 1 1 l S\n".repeat(400_000);
    let at = bytes.windows(4).position(|w| w == b"SLOW").unwrap_or(0);
    let text_end = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap_or(0) + 1;
    // The stream's /Length stays as it was: the reader takes its time over the page all
    // the same, and the deadline, not the reader, ends the wait.
    bytes.splice(text_end..text_end, slow.bytes());
    let source = super::extract::open(bytes).map_err(|e| format!("{e:?}"));
    let source = source.unwrap_or_else(|e| panic!("{e}"));
    let start = std::time::Instant::now();
    let got = source.pages(2, std::time::Duration::from_millis(1), |_| {});
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    match got {
        Err(super::extract::ExtractError::Page(0 | 1, why)) => {
            assert!(why.contains("took over"), "{why}");
        }
        other => panic!("{:?}", other.map(|p| p.len())),
    }
}

#[test]
fn two_columns_on_a_page_whose_box_does_not_start_at_zero() {
    // The page box is [300 0 900 800]: every x below is 300 more than on the page.
    let mut page: Vec<Put> = vec![(350.0, 60.0, 20.0, true, "Columns")];
    let left = [
        "Left one goes",
        "on and on here",
        "to its end.",
        "Left two.",
    ];
    let right = [
        "Right one goes",
        "on and on there",
        "to its end.",
        "Right two.",
    ];
    for (i, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 120.0 + 13.0 * i as f32 + if i == 3 { 10.0 } else { 0.0 };
        page.push((350.0, y, 10.0, false, l));
        page.push((620.0, y, 10.0, false, r));
    }
    let bytes = pdf_with(&[page], Some("[300 0 900 800]"));
    let doc = match parse_pdf(bytes) {
        Ok(loaded) => loaded.doc,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(
        texts(&doc),
        [
            "Left one goes on and on here to its end.",
            "Left two.",
            "Right one goes on and on there to its end.",
            "Right two."
        ]
    );
}

#[test]
fn a_page_too_large_is_an_error_that_names_it() {
    let page = vec![(50.0, 80.0, 10.0, false, "Text")];
    let bytes = pdf_with(&[page], Some("[0 0 900000 900000]"));
    let err = parse_pdf(bytes).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].member.as_deref(), Some("page 1"));
    assert_eq!(err[0].severity, Severity::Error);
    assert!(
        err[0].message.contains("the limit is 14400"),
        "{:?}",
        err[0]
    );
}

#[test]
fn truncated_and_mangled_files_are_errors_not_panics() {
    let good = pdf(&[vec![(50.0, 80.0, 10.0, false, "Some text here.")]]);
    for cut in [10, good.len() / 2, good.len() - 30] {
        let _ = parse_pdf(good[..cut].to_vec());
    }
    let mut mangled = good.clone();
    for i in (20..mangled.len()).step_by(37) {
        mangled[i] = b'#';
    }
    let _ = parse_pdf(mangled);
}

#[test]
#[ignore = "a tool: PDF=path cargo test --lib pdf::tests::dump -- --ignored --nocapture"]
fn dump() {
    let Ok(path) = std::env::var("PDF") else {
        return;
    };
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    match parse_pdf(bytes) {
        Ok(loaded) => {
            println!("{}", crate::print::render(&loaded.doc, Some(100)));
            for w in &loaded.warnings {
                println!("{}", w.display("x.pdf"));
            }
        }
        Err(e) => {
            for d in e {
                println!("{}", d.display("x.pdf"));
            }
        }
    }
}

#[test]
fn xmp_metadata_and_a_doi_on_the_first_page_fill_the_bibliographic_fields() {
    let xmp = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/">
<dc:date><rdf:Seq><rdf:li>2021-06</rdf:li></rdf:Seq></dc:date>
<prism:publicationName>Journal of Slow Reading</prism:publicationName><prism:volume>7</prism:volume>
</rdf:Description></rdf:RDF></x:xmpmeta>"#;
    let body = vec![
        (72.0, 100.0, 18.0, true, "A Study of Reading"),
        (72.0, 140.0, 10.0, false, "Ann Author"),
        (
            72.0,
            200.0,
            10.0,
            false,
            "Reading is slow and careful work, done one line at a time.",
        ),
        (
            72.0,
            214.0,
            10.0,
            false,
            "It rewards patience with understanding of the text.",
        ),
        (
            72.0,
            760.0,
            8.0,
            false,
            "https://doi.org/10.5555/slow.2021.7",
        ),
    ];
    let loaded = parse_pdf(pdf_full(std::slice::from_ref(&body), None, Some(xmp))).unwrap();
    let b = &loaded.doc.meta.biblio;
    assert_eq!(b.date.as_deref(), Some("2021-06"));
    assert_eq!(b.container.as_deref(), Some("Journal of Slow Reading"));
    assert_eq!(b.volume.as_deref(), Some("7"));
    assert_eq!(b.doi.as_deref(), Some("10.5555/slow.2021.7"));
    // Without XMP, the DOI on the page is still found.
    let plain = import(&[body]);
    assert_eq!(
        plain.meta.biblio.doi.as_deref(),
        Some("10.5555/slow.2021.7")
    );
    assert_eq!(plain.meta.biblio.date, None);
}
