//! The bookmarks view: bookmarks that pass the filter.

use super::SideView;
use crate::app::App;

impl App {
    /// Bookmarks that pass the bookmarks filter: letter and paragraph (if it exists).
    pub fn filtered_bookmarks(&self) -> Vec<(char, Option<usize>)> {
        let needle = self.side[SideView::Bookmarks].filter.to_lowercase();
        self.state
            .bookmarks(&self.doc)
            .into_iter()
            .filter(|(c, p)| {
                needle.is_empty()
                    || c.to_string() == needle
                    || p.is_some_and(|p| {
                        self.doc.paragraphs[p]
                            .plain_text()
                            .to_lowercase()
                            .contains(&needle)
                    })
            })
            .collect()
    }
}
