//! The notes view: the reader's notes that pass the filter.

use super::SideView;
use crate::app::App;

impl App {
    /// Notes (indices into the notes' entries) that pass the notes filter.
    pub fn filtered_notes(&self) -> Vec<usize> {
        let needle = self.side[SideView::Notes].filter.to_lowercase();
        self.notes
            .entries()
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                needle.is_empty()
                    || e.note.text.to_lowercase().contains(&needle)
                    || e.note.quote.to_lowercase().contains(&needle)
            })
            .map(|(i, _)| i)
            .collect()
    }
}
