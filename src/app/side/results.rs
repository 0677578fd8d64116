//! The results view: the places the last search found (its filter is not used).

use crate::app::App;

/// Places found by the last search.
pub fn len(app: &App) -> usize {
    app.search.as_ref().map_or(0, |s| s.results.hits.len())
}
