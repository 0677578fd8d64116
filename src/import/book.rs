//! A book-sized Markdown article built from the bundled one, for tests and benchmarks of
//! large files (nothing that size is committed).

use super::write_md::MarkdownWriter;
use crate::model::{Inline, TextStyle};

/// The bundled article repeated as `chapters` chapters: one front matter, each repetition
/// under a level-1 heading `Chapter N: <title>` with its sections one level deeper and its
/// footnotes labelled `cN-M` (so every footnote of the book stays distinct), and the
/// glossary once at the end. 100 chapters make about 4 MB.
pub fn book_markdown(chapters: usize) -> String {
    // The bundled article is embedded and covered by tests; it always loads.
    let doc = match crate::content::bundled() {
        Ok(loaded) => loaded.doc,
        Err(e) => panic!("the bundled article does not load: {e}"),
    };
    let title = doc.title();
    let mut w = MarkdownWriter::default();
    w.out.reserve(chapters * 46_000);
    w.front_matter(&doc.meta, Some(&format!("{title}: {chapters} chapters")));
    for c in 1..=chapters {
        let heading = [Inline::Text {
            text: format!("Chapter {c}: {title}"),
            style: TextStyle::default(),
        }];
        w.heading(1, &heading);
        let labels = format!("c{c}-");
        w.body(&doc, 1, &labels);
        w.footnotes(&doc, &labels);
    }
    w.glossary(&doc.glossary);
    w.out
}
