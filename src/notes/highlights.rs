//! Highlights: passages of a paragraph marked in a colour, with an optional note, kept in
//! the notes file beside the notes.
//!
//! A highlight is anchored like the W3C Web Annotation `TextQuoteSelector`: the paragraph's
//! id, the exact text quoted, and a little of the text before (`prefix`) and after
//! (`suffix`) it. When the article changes, the quote is looked for in the same paragraph
//! first, then in the whole text; where it occurs more than once, the occurrence whose
//! surroundings agree best with the prefix and suffix wins. A quote found nowhere leaves the
//! highlight detached: listed, never drawn on the wrong words, never dropped.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::{NotesError, NotesStore};
use crate::model::{Document, ParagraphId};

/// Characters of context kept on each side of the quote.
pub const CONTEXT_CHARS: usize = 32;
/// The number of highlight colours (1 to 4).
pub const COLOURS: u8 = 4;
/// Most highlights looked for in the whole text in one load (those no longer in their own
/// paragraph); the rest stay detached, so a hostile notes file cannot make opening scan a
/// book once per highlight.
pub const MAX_WHOLE_TEXT: usize = 64;

/// The paragraphs' plain texts, made when first needed.
pub struct Texts<'a> {
    doc: &'a Document,
    cache: Vec<Option<String>>,
}

impl<'a> Texts<'a> {
    /// No text made yet.
    pub fn new(doc: &'a Document) -> Self {
        Texts {
            doc,
            cache: Vec::new(),
        }
    }

    /// Paragraph `p`'s plain text.
    pub fn get(&mut self, p: usize) -> &str {
        let doc = self.doc;
        if self.cache.is_empty() {
            self.cache = vec![None; doc.paragraphs.len()];
        }
        self.cache[p].get_or_insert_with(|| doc.paragraphs[p].plain_text())
    }
}

fn first_colour() -> u8 {
    1
}

/// A highlight as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Highlight")]
pub struct Highlight {
    /// Id of the paragraph it was made in.
    pub paragraph: String,
    /// The exact text highlighted (of the paragraph's plain text).
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters of the paragraph before the quote.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters of the paragraph after the quote.
    #[serde(default)]
    pub suffix: String,
    /// Its colour, 1 to [`COLOURS`].
    #[serde(default = "first_colour")]
    pub colour: u8,
    /// The reader's note on it (empty: none).
    #[serde(default)]
    pub note: String,
    /// Unix time of creation.
    pub created: u64,
    /// Unix time of the last change.
    #[serde(default)]
    pub modified: u64,
}

/// What names a highlight across re-readings of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HighlightKey {
    paragraph: String,
    created: u64,
    quote_hash: u64,
}

impl Highlight {
    /// Whether the reader wrote a note on it (what counts as one of their notes).
    pub fn has_note(&self) -> bool {
        !self.note.trim().is_empty()
    }

    /// The highlight's key.
    pub fn key(&self) -> HighlightKey {
        HighlightKey {
            paragraph: self.paragraph.clone(),
            created: self.created,
            quote_hash: crate::model::hash::fnv1a64(self.quote.as_bytes()),
        }
    }
}

/// Where a highlight is in the article: a paragraph and a byte range of its plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The paragraph index.
    pub paragraph: usize,
    /// Bytes of the paragraph's plain text.
    pub range: Range<usize>,
}

/// A highlight in memory and where it is, `None` when detached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HighlightEntry {
    /// The highlight.
    pub highlight: Highlight,
    /// Where it is drawn.
    pub at: Option<Span>,
}

/// The highlights of one article.
#[derive(Clone, Debug, Default)]
pub struct Highlights {
    entries: Vec<HighlightEntry>,
    deleted: Option<HighlightEntry>,
}

/// The quote at `range` of `text` with its context, ready to store.
pub fn make(paragraph: &str, text: &str, range: Range<usize>, colour: u8, now: u64) -> Highlight {
    let before = &text[..range.start];
    let skip = before.chars().count().saturating_sub(CONTEXT_CHARS);
    Highlight {
        paragraph: paragraph.to_owned(),
        quote: text[range.clone()].to_owned(),
        prefix: before.chars().skip(skip).collect(),
        suffix: text[range.end..].chars().take(CONTEXT_CHARS).collect(),
        colour: colour.clamp(1, COLOURS),
        note: String::new(),
        created: now,
        modified: now,
    }
}

/// How well the text around `range` agrees with the prefix and suffix: the characters in
/// common next to the quote on either side.
fn context_score(text: &str, range: &Range<usize>, prefix: &str, suffix: &str) -> usize {
    let before = text[..range.start]
        .chars()
        .rev()
        .zip(prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = text[range.end..]
        .chars()
        .zip(suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    before + after
}

/// The best occurrence of the quote in `text`, with its score.
fn best_in(text: &str, h: &Highlight) -> Option<(usize, Range<usize>)> {
    text.match_indices(h.quote.as_str())
        .map(|(i, q)| i..i + q.len())
        .map(|r| (context_score(text, &r, &h.prefix, &h.suffix), r))
        .max_by_key(|(score, r)| (*score, std::cmp::Reverse(r.start)))
}

/// Finds a highlight in its own paragraph.
pub fn locate_own(doc: &Document, h: &Highlight, texts: &mut Texts) -> Option<Span> {
    if h.quote.trim().is_empty() {
        return None;
    }
    let p = doc.paragraph_index(&ParagraphId(h.paragraph.clone()))?;
    let (_, range) = best_in(texts.get(p), h)?;
    Some(Span {
        paragraph: p,
        range,
    })
}

/// Finds a highlight in `doc`: in its own paragraph first, then anywhere (the best context
/// wins, then the paragraph nearest its old one).
pub fn locate(doc: &Document, h: &Highlight, texts: &mut Texts) -> Option<Span> {
    if let Some(span) = locate_own(doc, h, texts) {
        return Some(span);
    }
    if h.quote.trim().is_empty() {
        return None;
    }
    let near = doc
        .paragraph_index(&ParagraphId(h.paragraph.clone()))
        .unwrap_or(0);
    (0..doc.paragraphs.len())
        .filter_map(|p| best_in(texts.get(p), h).map(|(score, r)| (score, p, r)))
        .max_by_key(|(score, p, _)| (*score, std::cmp::Reverse(p.abs_diff(near))))
        .map(|(_, paragraph, range)| Span { paragraph, range })
}

impl Highlights {
    fn sort(&mut self) {
        self.entries.sort_by_key(|e| {
            e.at.as_ref()
                .map_or((true, 0, 0), |s| (false, s.paragraph, s.range.start))
        });
    }

    /// The highlights drawn on paragraph `p`, in order.
    pub fn in_paragraph(&self, p: usize) -> &[HighlightEntry] {
        let key = |e: &HighlightEntry| e.at.as_ref().map_or(usize::MAX, |s| s.paragraph);
        let start = self.entries.partition_point(|e| key(e) < p);
        let end = self.entries.partition_point(|e| key(e) <= p);
        &self.entries[start..end]
    }
}

impl super::NotesFile {
    /// How many notes the file holds: on paragraphs and on highlights.
    pub fn written_notes(&self) -> usize {
        self.notes.len() + self.highlights.iter().filter(|h| h.has_note()).count()
    }
}

impl NotesStore {
    /// Highlights anchored against `doc`, read-only (for export).
    pub fn anchored_highlights(doc: &Document, list: Vec<Highlight>) -> Vec<HighlightEntry> {
        let mut store = NotesStore::in_memory(&doc.meta.id);
        store.set_highlights(doc, list);
        store.highlights.entries
    }

    /// How many notes the student wrote: on paragraphs and on highlights (what the library
    /// counts as an article's notes).
    pub fn written_notes(&self) -> usize {
        self.entries().len()
            + self
                .highlights()
                .iter()
                .filter(|h| h.highlight.has_note())
                .count()
    }

    /// All highlights: attached ones in reading order, then detached ones.
    pub fn highlights(&self) -> &[HighlightEntry] {
        &self.highlights.entries
    }

    /// The highlights drawn on paragraph `p`.
    pub fn highlights_in(&self, p: usize) -> &[HighlightEntry] {
        self.highlights.in_paragraph(p)
    }

    /// Anchors `list` against `doc`; returns messages for the user about the moved and
    /// detached ones. A highlight that moved is stored at its new place on the next save.
    pub(super) fn set_highlights(&mut self, doc: &Document, list: Vec<Highlight>) -> Vec<String> {
        self.highlights.entries.clear();
        let mut texts = Texts::new(doc);
        let (mut moved, mut detached, mut searched) = (0, 0, 0);
        for mut h in list {
            let mut at = locate_own(doc, &h, &mut texts);
            if at.is_none() && searched < MAX_WHOLE_TEXT {
                searched += 1;
                at = locate(doc, &h, &mut texts);
            }
            match &at {
                Some(s) => {
                    let t = texts.get(s.paragraph);
                    let fresh = make(&doc.paragraphs[s.paragraph].id.0, t, s.range.clone(), 1, 0);
                    if fresh.paragraph != h.paragraph
                        || fresh.prefix != h.prefix
                        || fresh.suffix != h.suffix
                    {
                        moved += 1;
                        (h.paragraph, h.prefix, h.suffix) =
                            (fresh.paragraph, fresh.prefix, fresh.suffix);
                        self.dirty = true;
                    }
                }
                None => detached += 1,
            }
            self.highlights
                .entries
                .push(HighlightEntry { highlight: h, at });
        }
        self.highlights.sort();
        let mut messages = Vec::new();
        if moved > 0 {
            messages.push(format!(
                "{} in text that changed",
                super::export::count(moved, "highlight found again", "highlights found again")
            ));
        }
        if detached > 0 {
            messages.push(format!(
                "{}: the text is no longer in the article (see the Highlights list)",
                super::export::count(detached, "highlight detached", "highlights detached")
            ));
        }
        messages
    }

    /// Highlights `range` of paragraph `p` in `colour`; the same range again changes its
    /// colour. Returns the highlight's key.
    pub fn add_highlight(
        &mut self,
        doc: &Document,
        p: usize,
        range: Range<usize>,
        colour: u8,
        now: u64,
    ) -> Result<HighlightKey, NotesError> {
        self.ensure_writable(doc)?;
        let text = doc.paragraphs[p].plain_text();
        let span = Span {
            paragraph: p,
            range: range.clone(),
        };
        let new = make(&doc.paragraphs[p].id.0, &text, range, colour, now);
        if let Some(e) = self
            .highlights
            .entries
            .iter_mut()
            .find(|e| e.at.as_ref() == Some(&span))
        {
            e.highlight.colour = new.colour;
            e.highlight.modified = now;
            self.dirty = true;
            return Ok(e.highlight.key());
        }
        let key = new.key();
        self.highlights.entries.push(HighlightEntry {
            highlight: new,
            at: Some(span),
        });
        self.highlights.sort();
        self.dirty = true;
        Ok(key)
    }

    /// The highlight named by `key`.
    pub fn highlight(&self, key: &HighlightKey) -> Option<&HighlightEntry> {
        self.highlights
            .entries
            .iter()
            .find(|e| e.highlight.key() == *key)
    }

    /// Sets the note of the highlight named by `key`; false when it is gone.
    pub fn set_highlight_note(
        &mut self,
        doc: &Document,
        key: &HighlightKey,
        text: &str,
        now: u64,
    ) -> Result<bool, NotesError> {
        self.ensure_writable(doc)?;
        let Some(e) = self
            .highlights
            .entries
            .iter_mut()
            .find(|e| e.highlight.key() == *key)
        else {
            return Ok(false);
        };
        let text = text.trim_end();
        if e.highlight.note != text {
            e.highlight.note = text.to_owned();
            e.highlight.modified = now;
            self.dirty = true;
        }
        Ok(true)
    }

    /// Deletes the highlight named by `key` (kept for [`Self::restore_highlight`]); returns
    /// it, or `None` when it is gone.
    pub fn delete_highlight(
        &mut self,
        doc: &Document,
        key: &HighlightKey,
    ) -> Result<Option<HighlightEntry>, NotesError> {
        self.ensure_writable(doc)?;
        let Some(i) = self
            .highlights
            .entries
            .iter()
            .position(|e| e.highlight.key() == *key)
        else {
            return Ok(None);
        };
        let entry = self.highlights.entries.remove(i);
        self.highlights.deleted = Some(entry.clone());
        self.dirty = true;
        Ok(Some(entry))
    }

    /// Brings back the highlight deleted last; returns it, or `None` when none was.
    pub fn restore_highlight(
        &mut self,
        doc: &Document,
    ) -> Result<Option<HighlightEntry>, NotesError> {
        self.ensure_writable(doc)?;
        let Some(entry) = self.highlights.deleted.take() else {
            return Ok(None);
        };
        self.highlights.entries.push(entry.clone());
        self.highlights.sort();
        self.dirty = true;
        Ok(Some(entry))
    }

    /// Whether a highlight was deleted and can come back.
    pub fn has_deleted_highlight(&self) -> bool {
        self.highlights.deleted.is_some()
    }

    pub(super) fn highlights_to_file(&self) -> Vec<Highlight> {
        self.highlights
            .entries
            .iter()
            .map(|e| e.highlight.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests;
