//! The glossary view: entries that pass the filter, and where each occurs in the text.

use super::SideView;
use crate::app::App;

/// An occurrence of a glossary entry: paragraph and byte range in its plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte range in its plain text.
    pub range: std::ops::Range<usize>,
}

impl App {
    /// Glossary entries that pass the filter, in glossary order.
    pub fn filtered_entries(&self) -> Vec<usize> {
        let needle = self.side[SideView::Glossary].filter.to_lowercase();
        self.doc
            .glossary
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                needle.is_empty() || e.spellings().any(|s| s.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether the occurrences of the glossary entries have been found already.
    pub fn occurrences_found(&self) -> bool {
        self.occurrences.get().is_some()
    }

    /// Occurrences of every glossary entry in the text (computed on first use).
    pub fn occurrences(&self) -> &[Vec<Occurrence>] {
        self.occurrences.get_or_init(|| {
            let mut out = vec![Vec::new(); self.doc.glossary.entries.len()];
            for (p, para) in self.doc.paragraphs.iter().enumerate() {
                if para.kind == crate::model::BlockKind::Code {
                    continue;
                }
                for m in self.doc.glossary.find_in(&para.plain_text()) {
                    out[m.entry].push(Occurrence {
                        paragraph: p,
                        range: m.range,
                    });
                }
            }
            out
        })
    }
}
