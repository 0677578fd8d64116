//! The highlights view: the reader's highlights that pass the filter.

use super::SideView;
use crate::app::App;

impl App {
    /// Highlights (indices into the highlights) that pass the highlights filter.
    pub fn filtered_highlights(&self) -> Vec<usize> {
        let needle = self.side[SideView::Highlights].filter.to_lowercase();
        self.notes
            .highlights()
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                needle.is_empty()
                    || e.highlight.quote.to_lowercase().contains(&needle)
                    || e.highlight.note.to_lowercase().contains(&needle)
            })
            .map(|(i, _)| i)
            .collect()
    }
}
