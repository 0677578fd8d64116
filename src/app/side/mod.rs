//! The side pane as data: a view is a [`SideView`] variant with one [`ListPane`] of state,
//! and one file per layer (`app/side/`, `update/side/`, `ui/side/`) that knows its items.

pub mod bookmarks;
pub mod footnotes;
pub mod glossary;
pub mod highlights;
pub mod notes;
pub mod results;

use super::App;

/// The views of the side pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideView {
    /// The glossary.
    #[default]
    Glossary,
    /// The reader's notes.
    Notes,
    /// The reader's highlights.
    Highlights,
    /// The bookmarks.
    Bookmarks,
    /// The results of the last search.
    Results,
    /// Every footnote of the article.
    Footnotes,
}

impl SideView {
    /// All views, in the order `SideNext` visits them.
    pub const ALL: [SideView; 6] = [
        SideView::Glossary,
        SideView::Notes,
        SideView::Highlights,
        SideView::Bookmarks,
        SideView::Results,
        SideView::Footnotes,
    ];

    /// Screen rows each item of the view's list takes.
    pub fn item_rows(self) -> u16 {
        match self {
            SideView::Glossary | SideView::Bookmarks | SideView::Footnotes => 1,
            SideView::Notes | SideView::Highlights | SideView::Results => {
                crate::geometry::lists::NOTE_ROWS
            }
        }
    }

    /// The view's name.
    pub fn name(self) -> &'static str {
        match self {
            SideView::Glossary => "Glossary",
            SideView::Notes => "Notes",
            SideView::Highlights => "Highlights",
            SideView::Bookmarks => "Marks",
            SideView::Results => "Found",
            SideView::Footnotes => "Footnotes",
        }
    }

    /// Its list's place in `SidePane` (`ALL` is in declaration order, a test checks).
    fn index(self) -> usize {
        self as usize
    }
}

/// The state of one view's list: the same for every view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListPane {
    /// Filter text.
    pub filter: String,
    /// Typing into the filter.
    pub filtering: bool,
    /// Selected row of the filtered list.
    pub selected: usize,
    /// Selected row of the selected item's own list (the glossary's occurrences), when
    /// that list has the focus.
    pub detail: Option<usize>,
}

impl ListPane {
    /// Starts the list over: the filter changed, so the rows did.
    pub fn filter_changed(&mut self) {
        self.selected = 0;
        self.detail = None;
    }
}

/// The side pane: the view shown and each view's list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SidePane {
    /// The view shown.
    pub view: SideView,
    lists: [ListPane; SideView::ALL.len()],
}

impl SidePane {
    /// The list of the view shown.
    pub fn current(&self) -> &ListPane {
        &self[self.view]
    }

    /// The list of the view shown, to change.
    pub fn current_mut(&mut self) -> &mut ListPane {
        let view = self.view;
        &mut self[view]
    }
}

impl std::ops::Index<SideView> for SidePane {
    type Output = ListPane;
    fn index(&self, view: SideView) -> &ListPane {
        &self.lists[view.index()]
    }
}

impl std::ops::IndexMut<SideView> for SidePane {
    fn index_mut(&mut self, view: SideView) -> &mut ListPane {
        &mut self.lists[view.index()]
    }
}

impl App {
    /// Items in the list of side view `view` (after its filter).
    pub fn side_len(&self, view: SideView) -> usize {
        match view {
            SideView::Glossary => self.filtered_entries().len(),
            SideView::Notes => self.filtered_notes().len(),
            SideView::Highlights => self.filtered_highlights().len(),
            SideView::Bookmarks => self.filtered_bookmarks().len(),
            SideView::Results => results::len(self),
            SideView::Footnotes => self.filtered_footnotes().len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_its_own_list() {
        for (i, view) in SideView::ALL.iter().enumerate() {
            assert_eq!(view.index(), i, "{view:?}");
        }
        let mut side = SidePane::default();
        side[SideView::Notes].selected = 3;
        side.view = SideView::Notes;
        assert_eq!(side.current().selected, 3);
        assert_eq!(side[SideView::Glossary].selected, 0);
    }
}
