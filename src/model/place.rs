//! Places in the article by number, as a reader says them in a seminar: "section 2.2, the
//! third paragraph" is `2.2 ¶3`. The status bar shows these labels, `:` reads them back, and
//! anything that lists paragraphs (marks, exports) can name them the same way.

use super::Document;

/// A place named by number: a section, one of its paragraphs, or a footnote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The start of section `n` (an index into `Document::sections`).
    Section(usize),
    /// Paragraph `n` (an index into `Document::paragraphs`).
    Paragraph(usize),
    /// The footnote with this number.
    Footnote(u32),
}

/// Why a place could not be found; the message names what was asked for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// The text is not a place at all.
    #[error("“{0}” is not a place: write a section (2.2), a paragraph (2.2p3) or a footnote (f17)")]
    Unreadable(String),
    /// No section has this number.
    #[error("no section {0}")]
    NoSection(String),
    /// The section has fewer paragraphs.
    #[error("section {section} has {count} paragraph(s) of its own, not {asked}")]
    NoParagraph {
        /// The section's label ("" for the introduction).
        section: String,
        /// Paragraphs it has.
        count: usize,
        /// The number asked for.
        asked: usize,
    },
    /// No footnote has this number.
    #[error("no footnote {0}")]
    NoFootnote(u32),
}

/// The number a heading carries at its start ("2.2" in "2.2 Costs", "3" in "3. Costs").
fn own_number(heading: &str) -> Option<&str> {
    let head = heading.trim_start();
    let end = head
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(head.len());
    let number = head[..end].trim_end_matches('.');
    let rest = &head[end..];
    let starts_with_digit = number.starts_with(|c: char| c.is_ascii_digit());
    let well_formed = number.split('.').all(|n| !n.is_empty());
    (starts_with_digit && well_formed && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
        .then_some(number)
}

impl Document {
    /// The number a reader calls section `s` by: the article's own when its heading starts
    /// with one ("2.2 Costs"), else its place in the outline; empty for the introduction.
    pub fn section_label(&self, s: usize) -> String {
        let Some(section) = self.sections.get(s) else {
            return String::new();
        };
        if section.heading.is_some()
            && let Some(n) = own_number(&section.title())
        {
            return n.to_owned();
        }
        section.number.clone()
    }

    /// Paragraph `p` by number: its section's label and its place among the section's own
    /// paragraphs, as "2.2 ¶3" ("¶3" in the introduction).
    pub fn place_label(&self, p: usize) -> String {
        let Some(para) = self.paragraphs.get(p) else {
            return String::new();
        };
        let section = &self.sections[para.section];
        let n = p.saturating_sub(section.paragraphs.start) + 1;
        let label = self.section_label(para.section);
        if label.is_empty() {
            format!("¶{n}")
        } else {
            format!("{label} ¶{n}")
        }
    }

    /// The section called `label` (its own number or its place in the outline; "" is the
    /// introduction).
    pub fn section_by_label(&self, label: &str) -> Option<usize> {
        let label = label.trim_end_matches('.');
        (0..self.sections.len())
            .find(|&s| self.section_label(s) == label)
            .or_else(|| self.sections.iter().position(|s| s.number == label))
    }

    /// Reads a place as typed: `2.2` (a section), `2.2¶3`, `2.2 ¶3` or `2.2p3` (its third
    /// paragraph), `¶3` or `p3` (the introduction's), `f17` (footnote 17).
    pub fn find_place(&self, text: &str) -> Result<Place, PlaceError> {
        let text = text.trim();
        let unreadable = || PlaceError::Unreadable(text.to_owned());
        if let Some(n) = text.strip_prefix(['f', 'F']) {
            let n: u32 = n.trim().parse().map_err(|_| unreadable())?;
            return match self.footnote(n) {
                Some(_) => Ok(Place::Footnote(n)),
                None => Err(PlaceError::NoFootnote(n)),
            };
        }
        let (section, paragraph) = match text.find(['¶', 'p', 'P']) {
            Some(i) => {
                let mark = text[i..].chars().next().map_or(1, char::len_utf8);
                let n: usize = text[i + mark..].trim().parse().map_err(|_| unreadable())?;
                (text[..i].trim(), Some(n))
            }
            None => (text, None),
        };
        if !section.chars().all(|c| c.is_ascii_digit() || c == '.')
            || (section.is_empty() && paragraph.is_none())
        {
            return Err(unreadable());
        }
        let s = self
            .section_by_label(section)
            .ok_or_else(|| PlaceError::NoSection(section.to_owned()))?;
        let Some(n) = paragraph else {
            return Ok(Place::Section(s));
        };
        let own = self.sections[s].paragraphs.clone();
        if n == 0 || n > own.len() {
            return Err(PlaceError::NoParagraph {
                section: self.section_label(s),
                count: own.len(),
                asked: n,
            });
        }
        Ok(Place::Paragraph(own.start + n - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(md: &str) -> Document {
        crate::import::parse_markdown(md).unwrap().doc
    }

    #[test]
    fn headings_numbered_by_the_article_keep_their_numbers() {
        assert_eq!(own_number("2.2 Costs"), Some("2.2"));
        assert_eq!(own_number("3. Costs"), Some("3"));
        assert_eq!(own_number("12"), Some("12"));
        assert_eq!(own_number("2020 Olympics"), Some("2020"));
        assert_eq!(own_number("Costs 2.2"), None);
        assert_eq!(own_number("2.2kg of costs"), None);
        assert_eq!(own_number("1..2 odd"), None);
    }

    #[test]
    fn paragraphs_are_labelled_by_section_and_place_in_it() {
        let d =
            doc("# T\n\nIntro one.\n\nIntro two.\n\n## First\n\nA.\n\n### Sub\n\nB.\n\nC.\n\nD.\n");
        let labels: Vec<String> = (0..d.paragraphs.len()).map(|p| d.place_label(p)).collect();
        assert_eq!(labels, ["¶1", "¶2", "1 ¶1", "1.1 ¶1", "1.1 ¶2", "1.1 ¶3"]);
        assert_eq!(d.find_place("1.1"), Ok(Place::Section(2)));
        assert_eq!(d.find_place("1.1¶3"), Ok(Place::Paragraph(5)));
        assert_eq!(d.find_place("1.1 ¶2"), Ok(Place::Paragraph(4)));
        assert_eq!(d.find_place("1.1p2"), Ok(Place::Paragraph(4)));
        assert_eq!(d.find_place("p2"), Ok(Place::Paragraph(1)));
        assert_eq!(d.find_place("4"), Err(PlaceError::NoSection("4".into())));
        assert!(matches!(
            d.find_place("1.1p9"),
            Err(PlaceError::NoParagraph {
                count: 3,
                asked: 9,
                ..
            })
        ));
        assert!(matches!(d.find_place("x"), Err(PlaceError::Unreadable(_))));
        assert!(matches!(d.find_place(""), Err(PlaceError::Unreadable(_))));
    }

    #[test]
    fn the_articles_own_numbers_win_over_the_outline() {
        let d = doc("# Title\n\nLead.\n\n## 2.2 Costs\n\nOne.\n\nTwo.\n");
        let p = d.paragraphs.len() - 1;
        assert_eq!(d.place_label(p), "2.2 ¶2");
        assert_eq!(d.find_place("2.2p2"), Ok(Place::Paragraph(p)));
    }
}
