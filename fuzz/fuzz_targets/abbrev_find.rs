//! Arbitrary text through the abbreviation finder (Schwartz & Hearst): never a panic, and
//! every definition found is in its sentence, its short form in parentheses or before them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for a in lectern::import::abbrev::find(text) {
        assert!(a.sentence.contains(&a.short), "{a:?}");
        assert!(text.contains(&a.sentence), "{a:?}");
        assert!(a.long.chars().count() > a.short.chars().count(), "{a:?}");
    }
});
