//! The footnotes view: every footnote of the article that passes the filter.

use super::SideView;
use crate::app::App;

impl App {
    /// Indices into `doc.footnotes` of the footnotes that pass the footnotes filter (a
    /// number, or words of the text), in order of number.
    pub fn filtered_footnotes(&self) -> Vec<usize> {
        let needle = self.side[SideView::Footnotes].filter.to_lowercase();
        let mut out: Vec<usize> = (0..self.doc.footnotes.len())
            .filter(|&i| {
                let f = &self.doc.footnotes[i];
                needle.is_empty()
                    || f.number.to_string() == needle
                    || footnote_text(f).to_lowercase().contains(&needle)
            })
            .collect();
        out.sort_by_key(|&i| self.doc.footnotes[i].number);
        out
    }
}

/// A footnote's text as one plain string.
pub fn footnote_text(f: &crate::model::Footnote) -> String {
    f.inlines.iter().map(|i| i.plain_text()).collect()
}
