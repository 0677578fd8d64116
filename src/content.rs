//! Opening articles: the bundled one (embedded in the binary) or a file.

use std::path::Path;

use crate::diag::FileError;
use crate::model::load::{self, Loaded};

/// The bundled article's RON source, embedded so the binary works from any directory.
pub const BUNDLED_SOURCE: &str = include_str!("../content/korean-peninsula.ron");

/// The name the bundled article goes by in messages.
pub const BUNDLED_NAME: &str = "<bundled>/korean-peninsula.ron";

/// The bundled article's id, title and authors, for the library's list: known without
/// parsing the article (a test checks them against it), so listing the library does not
/// parse the bundled article a second time at every start.
pub const BUNDLED_ID: &str = "zhang-chi-korean-peninsula-china-role";
/// See [`BUNDLED_ID`].
pub const BUNDLED_TITLE: &str =
    "The Prospect of Situation on the Korean Peninsula and China's Role";
/// See [`BUNDLED_ID`].
pub const BUNDLED_AUTHORS: [&str; 1] = ["Zhang, Chi"];

/// Loads the bundled article (from the cache once this build has parsed it: see
/// [`crate::cache::embedded`]).
pub fn bundled() -> Result<Loaded, FileError> {
    crate::cache::embedded(BUNDLED_SOURCE, || {
        load::parse(BUNDLED_SOURCE).map_err(|diagnostics| FileError {
            path: BUNDLED_NAME.to_owned(),
            diagnostics,
        })
    })
}

/// Loads `path` in whichever format it is in ([`crate::import::source`]), a converted
/// format through the cache of conversions ([`crate::cache`]), or the bundled article when
/// there is none.
pub fn open(path: Option<&Path>) -> Result<Loaded, FileError> {
    match path {
        None => bundled(),
        Some(path) => crate::cache::open(path),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_constants_are_the_articles_own() {
        let doc = super::bundled().unwrap().doc;
        assert_eq!(doc.meta.id, super::BUNDLED_ID);
        assert_eq!(doc.title(), super::BUNDLED_TITLE);
        assert_eq!(doc.meta.authors, super::BUNDLED_AUTHORS);
    }
}
