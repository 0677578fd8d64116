//! The cache entry decoder on arbitrary bytes: never a panic, never an allocation beyond
//! the caps (`codec::MAX_FRAME`, `codec::MAX_ITEMS`). The frames' hashes are not checked
//! (a fuzzer cannot forge them, and they would stop every input before the decoder); the
//! key is taken from the input so the header can match.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lectern::cache::codec;

fuzz_target!(|data: &[u8]| {
    let key = data
        .get(12..20)
        .map_or(0, |k| u64::from_le_bytes(k.try_into().unwrap()));
    if let Ok(loaded) = codec::decode(&mut &data[..], key, false) {
        // What decodes is a document the reader can use.
        for p in &loaded.doc.paragraphs {
            let _ = loaded.doc.section_of(p.section);
            let _ = loaded.doc.paragraph_index(&p.id);
        }
    }
});
