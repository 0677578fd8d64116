//! Arbitrary bytes as a PDF article: never a panic or a hang (pages are read behind a panic
//! guard and a deadline); what imports prints with nothing a terminal would interpret and
//! converts to RON that loads back; every error message displays clean.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// libFuzzer's hook aborts on every panic, caught or not; a panic inside pdf_oxide that
/// lectern catches on purpose (`lectern::contained::catch`) is not a finding. One in
/// lectern's own code still is, caught or not.
fn let_caught_panics_be() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_pdf_oxide = info
                .location()
                .is_some_and(|l| l.file().contains("pdf_oxide"));
            if !(in_pdf_oxide && lectern::contained::keep_quiet()) {
                previous(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    let_caught_panics_be();
    match lectern::import::pdf::parse_pdf(data.to_vec()) {
        Ok(loaded) => {
            let printed = lectern::print::render(&loaded.doc, None);
            assert!(
                lectern::sanitize::is_clean(&printed),
                "print leaks a control character"
            );
            let ron =
                lectern::import::to_ron(&loaded.doc).expect("an imported article serialises");
            if let Err(d) = lectern::model::load::parse(&ron) {
                panic!("imported RON does not load back: {d:?}");
            }
        }
        Err(diags) => {
            for d in &diags {
                let shown = d.display("fuzz.pdf").to_string();
                assert!(
                    lectern::sanitize::is_clean(&shown),
                    "message leaks: {shown:?}"
                );
            }
        }
    }
});
