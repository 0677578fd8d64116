//! Opening articles: the bundled one (embedded in the binary) or a file.

use std::path::Path;

use crate::diag::FileError;
use crate::model::load::{self, Loaded};

/// The bundled article's RON source, embedded so the binary works from any directory.
pub const BUNDLED_SOURCE: &str = include_str!("../content/korean-peninsula.ron");

/// The name the bundled article goes by in messages.
pub const BUNDLED_NAME: &str = "<bundled>/korean-peninsula.ron";

/// Loads the bundled article.
pub fn bundled() -> Result<Loaded, FileError> {
    load::parse(BUNDLED_SOURCE).map_err(|diagnostics| FileError {
        path: BUNDLED_NAME.to_owned(),
        diagnostics,
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
