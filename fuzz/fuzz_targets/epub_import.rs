//! Arbitrary bytes as an EPUB book: never a panic (a broken zip, package or chapter is a
//! located error); what imports converts to RON that loads back, and prints with nothing a
//! terminal would interpret. The preview of its first chapters (what the reader shows
//! while a big book is read) never panics either, and prints clean.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let shared: std::sync::Arc<[u8]> = data.into();
    if let Some(preview) = lectern::import::preview_epub_bytes(&shared) {
        let printed = lectern::print::render(&preview.doc, None);
        assert!(
            lectern::sanitize::is_clean(&printed),
            "print leaks a control character"
        );
    }
    let Ok(loaded) = lectern::import::parse_epub(data.to_vec()) else {
        return;
    };
    let printed = lectern::print::render(&loaded.doc, None);
    assert!(
        lectern::sanitize::is_clean(&printed),
        "print leaks a control character"
    );
    let ron = lectern::import::to_ron(&loaded.doc).expect("an imported book serialises");
    if let Err(d) = lectern::model::load::parse(&ron) {
        panic!("imported RON does not load back: {d:?}");
    }
});
