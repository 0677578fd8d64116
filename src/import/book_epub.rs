//! A novel-sized EPUB generated for benchmarks and memory tests (nothing that size is
//! committed, and no one else's book is used): chapters of pseudo-random prose, a
//! navigation document, and a noteref with its footnote now and then.

use std::io::Write as _;

/// Words the prose is drawn from.
const WORDS: &[&str] = &[
    "the",
    "river",
    "ran",
    "past",
    "the",
    "old",
    "mill",
    "and",
    "she",
    "watched",
    "it",
    "from",
    "a",
    "window",
    "above",
    "the",
    "street",
    "where",
    "carts",
    "went",
    "by",
    "in",
    "morning",
    "light",
    "he",
    "said",
    "nothing",
    "for",
    "a",
    "long",
    "while",
    "then",
    "turned",
    "to",
    "her",
    "with",
    "quiet",
    "smile",
    "of",
    "someone",
    "who",
    "had",
    "waited",
    "years",
    "town",
    "was",
    "small",
    "but",
    "its",
    "people",
    "remembered",
    "every",
    "winter",
    "storm",
    "that",
    "broke",
    "bridge",
    "sea",
    "came",
    "closer",
    "each",
    "spring",
    "children",
    "ran",
    "along",
    "wall",
    "calling",
    "names",
    "into",
    "wind",
    "letters",
    "arrived",
    "late",
    "never",
    "at",
    "all",
    "lamp",
    "burned",
    "through",
    "night",
    "as",
    "rain",
    "fell",
    "on",
    "roofs",
    "fields",
    "beyond",
    "hill",
    "were",
    "green",
    "gold",
    "grey",
    "under",
    "heavy",
    "sky",
    "they",
    "walked",
    "together",
    "without",
    "speaking",
    "until",
    "station",
];

/// The text of an EPUB 3 book of `chapters` chapters of about `words` words each, and its
/// plain text length in bytes (what `less` would show).
pub fn novel_epub(chapters: usize, words: usize) -> (Vec<u8>, usize) {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap_or(0)
    };
    let mut files: Vec<(String, String)> = Vec::with_capacity(chapters + 1);
    let mut plain = 0;
    for c in 1..=chapters {
        let mut body = format!("<h2>Chapter {c}</h2>");
        let mut written = 0;
        let mut p = 0;
        while written < words {
            let len = 60 + next() % 80;
            let mut para = String::new();
            for w in 0..len {
                let word = WORDS[next() % WORDS.len()];
                if w == 0 {
                    let mut chars = word.chars();
                    para.extend(chars.next().map(|f| f.to_ascii_uppercase()));
                    para.push_str(chars.as_str());
                } else {
                    para.push(' ');
                    para.push_str(word);
                }
                if w + 1 < len && next() % 12 == 0 {
                    para.push(',');
                }
            }
            para.push('.');
            plain += para.len() + 2;
            p += 1;
            if p % 10 == 0 {
                para.push_str(&format!("<a epub:type=\"noteref\" href=\"#n{p}\">{p}</a>"));
                body.push_str(&format!(
                    "<p>{para}</p><aside epub:type=\"footnote\" id=\"n{p}\"><p>A note on paragraph {p}.</p></aside>"
                ));
            } else {
                body.push_str(&format!("<p>{para}</p>"));
            }
            written += len;
        }
        files.push((format!("OEBPS/c{c}.xhtml"), page(&body)));
    }
    let nav: String = (1..=chapters)
        .map(|c| format!("<li><a href=\"c{c}.xhtml\">Chapter {c}</a></li>"))
        .collect();
    files.push((
        "OEBPS/nav.xhtml".to_owned(),
        page(&format!("<nav epub:type=\"toc\"><ol>{nav}</ol></nav>")),
    ));
    (zip_book(chapters, &files), plain)
}

fn page(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" \
         xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>c</title></head><body>{body}</body></html>"
    )
}

fn zip_book(chapters: usize, files: &[(String, String)]) -> Vec<u8> {
    let manifest: String = (1..=chapters)
        .map(|c| {
            format!("<item id=\"c{c}\" href=\"c{c}.xhtml\" media-type=\"application/xhtml+xml\"/>")
        })
        .collect();
    let spine: String = (1..=chapters)
        .map(|c| format!("<itemref idref=\"c{c}\"/>"))
        .collect();
    let opf = format!(
        "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\">\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>The Generated Novel</dc:title>\
         <dc:creator>A. Writer</dc:creator><dc:identifier id=\"uid\">urn:uuid:generated-novel</dc:identifier>\
         <dc:language>en</dc:language></metadata><manifest>\
         <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>{manifest}</manifest>\
         <spine>{spine}</spine></package>"
    );
    let container = "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\
        <rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>";
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    // Writing to memory cannot fail but for a bug; a bench or test may stop on it.
    let fail = |e: &dyn std::fmt::Display| -> ! { panic!("generating the novel: {e}") };
    w.start_file("mimetype", stored)
        .unwrap_or_else(|e| fail(&e));
    w.write_all(b"application/epub+zip")
        .unwrap_or_else(|e| fail(&e));
    let head = [
        ("META-INF/container.xml".to_owned(), container.to_owned()),
        ("OEBPS/content.opf".to_owned(), opf),
    ];
    for (name, text) in head.iter().chain(files) {
        w.start_file(name.as_str(), deflated)
            .unwrap_or_else(|e| fail(&e));
        w.write_all(text.as_bytes()).unwrap_or_else(|e| fail(&e));
    }
    w.finish().unwrap_or_else(|e| fail(&e)).into_inner()
}
