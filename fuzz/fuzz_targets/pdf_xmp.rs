//! Arbitrary bytes as a PDF's XMP packet: never a panic, and what is kept after cleaning
//! always passes the article loader's checks (so an imported PDF always loads).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lectern::model::biblio::{date_problem, doi_problem, url_problem};

fuzz_target!(|data: &[u8]| {
    let b = lectern::import::pdf::xmp::biblio(data).cleaned();
    assert!(b.date.as_deref().is_none_or(|d| date_problem(d).is_none()), "{b:?}");
    assert!(b.doi.as_deref().is_none_or(|d| doi_problem(d).is_none()), "{b:?}");
    assert!(b.url.as_deref().is_none_or(|u| url_problem(u).is_none()), "{b:?}");
});
