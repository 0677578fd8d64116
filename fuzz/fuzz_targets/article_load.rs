//! Arbitrary bytes as a RON article: decoding, parsing and validation never panic, and
//! whatever loads can be printed with nothing a terminal would interpret.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = lectern::diag::decode_text("fuzz.ron", data.to_vec()) else {
        return;
    };
    match lectern::model::load::parse(&text) {
        Ok(loaded) => {
            let printed = lectern::print::render(&loaded.doc, Some(40));
            assert!(
                lectern::sanitize::is_clean(&printed),
                "print leaks a control character"
            );
        }
        Err(diags) => {
            for d in &diags {
                let shown = d.display("fuzz.ron").to_string();
                assert!(
                    lectern::sanitize::is_clean(&shown),
                    "message leaks: {shown:?}"
                );
            }
        }
    }
});
