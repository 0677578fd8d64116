//! Arbitrary bytes as a library index and as an entry file: never a panic; every entry of
//! a loaded index shows as a line (`lectern library`, the library screen) with nothing a
//! terminal would interpret, and the fuzzy filter takes any query.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = lectern::diag::decode_text("library.ron", data.to_vec()) else {
        return;
    };
    if let Ok(index) = lectern::library::parse_index(&text) {
        let width = lectern::library::id_width(&index.entries);
        for e in &index.entries {
            let line = lectern::library::entry_line(e, width, false);
            assert!(lectern::sanitize::is_clean(&line), "a line leaks a control character");
        }
        let query: String = text.chars().take(8).collect();
        let _ = lectern::library::filter::filter(&index.entries, &query, None);
    }
    if let Ok(entry) = lectern::library::parse_entry(&text) {
        let _ = lectern::library::ops::valid_id(&entry.id);
    }
});
