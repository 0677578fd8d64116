//! Arbitrary bytes as a notes file and as a reading-state file: never a panic; loaded notes
//! anchor against the bundled article and export as Markdown with nothing a terminal would
//! interpret (the student's own glossary entries too).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn article() -> &'static lectern::model::Document {
    static DOC: OnceLock<lectern::model::Document> = OnceLock::new();
    DOC.get_or_init(|| {
        lectern::model::load::parse(include_str!("../../tests/fixtures/minimal.ron"))
            .expect("the fixture loads")
            .doc
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = lectern::diag::decode_text("notes.ron", data.to_vec()) else {
        return;
    };
    if let Ok(file) = lectern::notes::parse(&text) {
        let doc = article();
        // The student's own glossary entries: matched in the text, exported cleanly.
        let personal: Vec<_> = file.terms.iter().map(|t| t.to_entry()).collect();
        let glossary = doc.glossary.with_personal(personal);
        for p in &doc.paragraphs {
            let _ = glossary.find_in(&p.plain_text());
        }
        let entries = lectern::notes::NotesStore::anchored(doc, file.notes);
        let marked = lectern::notes::NotesStore::anchored_highlights(doc, file.highlights);
        let md = lectern::notes::export::markdown(doc, &entries, &marked, &file.terms, &[], 0);
        assert!(
            lectern::sanitize::is_clean(&md),
            "export leaks a control character"
        );
    }
    let _ = lectern::notes::state::parse(&text);
});
