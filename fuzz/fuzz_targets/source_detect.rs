//! Arbitrary first bytes, under every kind of file name: format detection never panics, and a
//! signature at the start always wins over the name.
#![no_main]

use std::path::Path;

use lectern::import::SourceFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let by_content = SourceFormat::from_signature(data);
    for name in ["a.ron", "a.md", "a.epub", "a.html", "a.pdf", "a.txt", "a"] {
        let format = SourceFormat::detect(Path::new(name), data);
        if let Some(signed) = by_content {
            assert_eq!(format, signed, "{name}");
        }
    }
});
