//! Arbitrary bytes as a keymap file: never a panic, errors printable.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = lectern::diag::decode_text("keymap.ron", data.to_vec()) else {
        return;
    };
    match lectern::keymap::parse(&text) {
        Ok(keymap) => {
            // The help overlay shows every key name.
            for (_, rows) in lectern::keymap::help::entries(&keymap) {
                for (keys, _) in rows {
                    assert!(
                        lectern::sanitize::is_clean(&keys),
                        "key name leaks: {keys:?}"
                    );
                }
            }
        }
        Err(diags) => {
            for d in &diags {
                let shown = d.display("keymap.ron").to_string();
                assert!(
                    lectern::sanitize::is_clean(&shown),
                    "message leaks: {shown:?}"
                );
            }
        }
    }
});
