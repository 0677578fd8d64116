//! Glossary review with flash cards, scheduled in Leitner boxes: a term marked known moves
//! up a box and comes back after a longer interval; a term not yet known drops to the first
//! box and comes back within minutes. Saved in `review/<article-id>.ron` under the data
//! directory, as durably as notes. No terminal here: the clock is passed in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Document;

/// The review file format version.
pub const REVIEW_FORMAT: u32 = 1;

/// Seconds until a card in each box is due again after "known".
pub const INTERVALS: [u64; 6] = [0, 86_400, 3 * 86_400, 7 * 86_400, 16 * 86_400, 35 * 86_400];

/// How soon a card marked "not yet" comes back, in seconds.
pub const AGAIN_SOON: u64 = 60;

/// A card's schedule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Card")]
pub struct Card {
    /// Leitner box, 0 (learning) to 5.
    pub level: u8,
    /// Unix time when it is due.
    pub due: u64,
    /// Times reviewed.
    pub reviews: u32,
    /// Times marked known.
    pub known: u32,
}

/// A review file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Review")]
pub struct ReviewFile {
    /// Format version.
    pub format: u32,
    /// The article's id.
    pub article: String,
    /// Cards by glossary entry id (entries never reviewed have none).
    pub cards: BTreeMap<String, Card>,
}

/// The review file of an article under a data directory.
pub fn review_path(data_dir: &Path, article: &str) -> PathBuf {
    data_dir.join("review").join(format!("{article}.ron"))
}

/// The cards of one article.
#[derive(Debug)]
pub struct Review {
    path: Option<PathBuf>,
    /// What is saved.
    pub file: ReviewFile,
    read_only: Option<String>,
    /// Cards answered in this session: saving lays them over the file as it is on disk, so
    /// two lecterns reviewing one article keep each other's answers.
    answered: std::collections::BTreeSet<String>,
}

/// Counts shown to the student.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Cards due now.
    pub due: usize,
    /// Entries never reviewed.
    pub new: usize,
    /// Cards not due yet.
    pub later: usize,
}

impl Review {
    /// Cards kept only in memory.
    pub fn in_memory(article: &str) -> Self {
        Review {
            path: None,
            file: ReviewFile {
                format: REVIEW_FORMAT,
                article: article.to_owned(),
                cards: BTreeMap::new(),
            },
            read_only: None,
            answered: std::collections::BTreeSet::new(),
        }
    }

    /// Reads the cards of `doc`; a damaged file is left alone and not written over.
    pub fn open(data_dir: &Path, doc: &Document) -> (Self, Option<String>) {
        let mut review = Review::in_memory(&doc.meta.id);
        let path = review_path(data_dir, &doc.meta.id);
        review.path = Some(path.clone());
        if !path.exists() {
            return (review, None);
        }
        let parsed = crate::diag::read_text_file(&path, 16 << 20).and_then(|text| {
            crate::model::load::parse_ron::<ReviewFile>(&text).map_err(|diagnostics| {
                crate::diag::FileError {
                    path: path.display().to_string(),
                    diagnostics,
                }
            })
        });
        match parsed {
            Ok(file) if file.format == REVIEW_FORMAT => {
                review.file = file;
                (review, None)
            }
            Ok(file) => {
                let why = format!("review format {} is not supported", file.format);
                review.read_only = Some(why.clone());
                (
                    review,
                    Some(format!(
                        "{}: {why}; review progress will not be saved",
                        path.display()
                    )),
                )
            }
            Err(e) => {
                review.read_only = Some(e.to_string());
                (
                    review,
                    Some(format!("{e}; review progress will not be saved")),
                )
            }
        }
    }

    /// The card of entry `id`, if reviewed before.
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.file.cards.get(id)
    }

    /// How many cards are due, new, and later.
    pub fn counts(&self, doc: &Document, now: u64) -> Counts {
        let mut c = Counts::default();
        for e in &doc.glossary.entries {
            match self.card(&e.id) {
                None => c.new += 1,
                Some(card) if card.due <= now => c.due += 1,
                Some(_) => c.later += 1,
            }
        }
        c
    }

    /// The entry to show next: the most overdue due card (lowest box first on ties), else
    /// the first entry never reviewed, else a card still being learnt (box 0) even if not
    /// quite due, so "not yet" terms come back before the session ends. `None` when
    /// everything is known and nothing is due; `skip` is not chosen if another card is.
    pub fn next(&self, doc: &Document, now: u64, skip: Option<usize>) -> Option<usize> {
        let entries = &doc.glossary.entries;
        let pick = |avoid: Option<usize>| {
            let due = (0..entries.len())
                .filter(|&i| Some(i) != avoid)
                .filter_map(|i| self.card(&entries[i].id).map(|c| (i, *c)))
                .filter(|(_, c)| c.due <= now)
                .min_by_key(|(i, c)| (c.due, c.level, *i))
                .map(|(i, _)| i);
            due.or_else(|| {
                (0..entries.len())
                    .filter(|&i| Some(i) != avoid)
                    .find(|&i| self.card(&entries[i].id).is_none())
            })
            .or_else(|| {
                (0..entries.len())
                    .filter(|&i| Some(i) != avoid)
                    .filter_map(|i| self.card(&entries[i].id).map(|c| (i, *c)))
                    .filter(|(_, c)| c.level == 0)
                    .min_by_key(|(i, c)| (c.due, *i))
                    .map(|(i, _)| i)
            })
        };
        pick(skip).or_else(|| pick(None))
    }

    /// Records an answer for entry `id`.
    pub fn answer(&mut self, id: &str, known: bool, now: u64) {
        self.answered.insert(id.to_owned());
        let card = self.file.cards.entry(id.to_owned()).or_default();
        card.reviews += 1;
        if known {
            card.known += 1;
            card.level = (card.level + 1).min(5);
            card.due = now + INTERVALS[usize::from(card.level)];
        } else {
            card.level = 0;
            card.due = now + AGAIN_SOON;
        }
    }

    /// Writes the cards: the file as it is on disk, with this session's answers.
    pub fn save(&mut self) -> Result<(), super::SaveError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        const WHAT: &str = "review";
        if let Some(why) = &self.read_only {
            return Err(super::SaveError::ReadOnly {
                what: WHAT,
                why: why.clone(),
            });
        }
        let on_disk = crate::diag::read_text_file(&path, 16 << 20)
            .ok()
            .and_then(|text| {
                crate::model::load::ron_options()
                    .from_str::<ReviewFile>(&text)
                    .ok()
            })
            .filter(|f| f.format == REVIEW_FORMAT && f.article == self.file.article);
        if let Some(mut file) = on_disk {
            for id in &self.answered {
                if let Some(card) = self.file.cards.get(id) {
                    file.cards.insert(id.clone(), *card);
                }
            }
            self.file = file;
        }
        super::to_ron(&self.file)
            .and_then(|text| crate::durable::write(&path, text.as_bytes(), true))
            .map_err(|source| super::SaveError::Write {
                what: WHAT,
                path: path.display().to_string(),
                source,
            })
    }
}

/// The sentence around the first occurrence of entry `e` in the text, with the byte range
/// of the occurrence in it.
pub fn first_sentence(doc: &Document, e: usize) -> Option<(String, std::ops::Range<usize>)> {
    for p in &doc.paragraphs {
        let text = p.plain_text();
        let Some(m) = doc
            .glossary
            .find_in(&text)
            .into_iter()
            .find(|m| m.entry == e)
        else {
            continue;
        };
        let start = text[..m.range.start].rfind(". ").map_or(0, |i| i + 2);
        let end = text[m.range.end..]
            .find(". ")
            .map_or(text.len(), |i| m.range.end + i + 1);
        let sentence = text[start..end].to_owned();
        return Some((sentence, m.range.start - start..m.range.end - start));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        crate::content::bundled().unwrap().doc
    }

    #[test]
    fn new_terms_come_in_glossary_order_then_due_ones_first() {
        let d = doc();
        let mut r = Review::in_memory(&d.meta.id);
        assert_eq!(r.next(&d, 0, None), Some(0));
        r.answer(&d.glossary.entries[0].id, true, 0);
        assert_eq!(r.next(&d, 10, None), Some(1), "entry 0 is due in a day");
        // A day later entry 0 is due and comes before new ones.
        assert_eq!(r.next(&d, 86_400, None), Some(0));
    }

    #[test]
    fn not_yet_comes_back_sooner_than_known() {
        let d = doc();
        let mut r = Review::in_memory(&d.meta.id);
        let (a, b) = (&d.glossary.entries[0].id, &d.glossary.entries[1].id);
        r.answer(a, false, 100);
        r.answer(b, true, 100);
        assert_eq!(r.card(a).unwrap().due, 100 + AGAIN_SOON);
        assert_eq!(r.card(b).unwrap().due, 100 + INTERVALS[1]);
        // Known again: the interval grows.
        r.answer(b, true, 100 + INTERVALS[1]);
        assert_eq!(r.card(b).unwrap().level, 2);
        assert_eq!(r.card(b).unwrap().due, 100 + INTERVALS[1] + INTERVALS[2]);
    }

    #[test]
    fn a_term_still_being_learnt_returns_before_the_session_ends() {
        let d = doc();
        let mut r = Review::in_memory(&d.meta.id);
        for e in &d.glossary.entries {
            r.answer(&e.id, true, 0);
        }
        let last = &d.glossary.entries[3].id;
        r.answer(last, false, 10);
        // Not due for a minute, but nothing else is due: it comes back now.
        assert_eq!(r.next(&d, 11, None), Some(3));
        assert_eq!(
            r.counts(&d, 11),
            Counts {
                due: 0,
                new: 0,
                later: d.glossary.entries.len()
            }
        );
    }

    #[test]
    fn cards_persist() {
        let dir = tempfile::tempdir().unwrap();
        let d = doc();
        let (mut r, msg) = Review::open(dir.path(), &d);
        assert!(msg.is_none());
        r.answer("dprk", true, 5);
        r.save().unwrap();
        let (again, _) = Review::open(dir.path(), &d);
        assert_eq!(
            again.card("dprk"),
            Some(&Card {
                level: 1,
                due: 5 + INTERVALS[1],
                reviews: 1,
                known: 1
            })
        );
    }

    #[test]
    fn the_first_sentence_holds_the_term() {
        let d = doc();
        let e = d.glossary.index_of("yongbyon").unwrap();
        let (sentence, r) = first_sentence(&d, e).unwrap();
        assert_eq!(&sentence[r], "Yongbyon");
        assert!(
            sentence.starts_with("In the meeting, Trump refused Kim’s proposal"),
            "{sentence}"
        );
        assert!(sentence.ends_with("against the DPRK, and publicly presented a tough denuclearization plan which caught Kim off guard."));
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    #[test]
    fn two_sessions_keep_each_others_answers() {
        let dir = tempfile::tempdir().unwrap();
        let d = crate::content::bundled().unwrap().doc;
        let (mut a, _) = Review::open(dir.path(), &d);
        let (mut b, _) = Review::open(dir.path(), &d);
        a.answer("dprk", true, 1);
        a.save().unwrap();
        b.answer("rok", false, 2);
        b.save().unwrap();
        let (again, _) = Review::open(dir.path(), &d);
        assert_eq!(again.card("dprk").unwrap().level, 1);
        assert_eq!(again.card("rok").unwrap().reviews, 1);
    }
}
