//! The library screen's state: the listing, the filter typed, the tag shown, and the row
//! selected. Changes are made in `update::library`; `ui::library` draws it.

use crate::library::{Entry, Listing, filter};

/// What is being typed on the library screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryInput {
    /// The filter (fuzzy, on titles, authors and tags).
    Filter,
    /// A tag for the selected article.
    Tag,
}

/// The library screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryScreen {
    /// Every entry, most recently opened first.
    pub entries: Vec<Entry>,
    /// Problems met reading the library (damaged files skipped), shown above the list.
    pub messages: Vec<String>,
    /// The filter typed.
    pub filter: String,
    /// Only the articles with this tag (all when `None`).
    pub tag: Option<String>,
    /// What is being typed, if anything.
    pub input: Option<LibraryInput>,
    /// The tag typed so far.
    pub tag_text: String,
    /// The entries shown (indices into `entries`), best matches first.
    pub shown: Vec<usize>,
    /// The selected row of `shown`.
    pub selected: usize,
    /// The id of the article open in the reader (listed as opened "now").
    pub open: String,
}

impl LibraryScreen {
    /// The screen on `listing`, with `current` (the article open) selected.
    pub fn new(listing: Listing, current: &str) -> Self {
        let mut screen = LibraryScreen {
            entries: listing.entries,
            messages: listing.messages,
            open: current.to_owned(),
            ..LibraryScreen::default()
        };
        screen.refilter();
        screen.selected = screen
            .shown
            .iter()
            .position(|&i| screen.entries[i].id == current)
            .unwrap_or(0);
        screen
    }

    /// Shows the entries that match the filter and the tag, keeping the selected one
    /// selected when it is still shown.
    pub fn refilter(&mut self) {
        let was = self.selected_entry().map(|e| e.id.clone());
        self.shown = filter::filter(&self.entries, &self.filter, self.tag.as_deref());
        self.selected = was
            .and_then(|id| self.shown.iter().position(|&i| self.entries[i].id == id))
            .unwrap_or(0);
    }

    /// The selected entry, if any is shown.
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.shown.get(self.selected).map(|&i| &self.entries[i])
    }

    /// Every tag of the library, sorted.
    pub fn tags(&self) -> Vec<String> {
        filter::all_tags(&self.entries)
    }
}
