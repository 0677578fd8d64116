//! Finding text: smart case, whole grapheme clusters, and every place a student looks
//! (the text, footnotes, the glossary, their own notes). No terminal here.
//!
//! Smart case: a query with a capital letter matches exactly; otherwise case is ignored
//! (Unicode-aware). A match never splits a grapheme cluster, so `e` does not match inside
//! `é` written as `e` + combining accent, and a flag emoji is found whole. A query is tried
//! in its composed and decomposed forms, so `é` finds both spellings of the letter.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::GraphemeCursor;

use crate::model::Document;
use crate::notes::NoteEntry;

/// A prepared query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// As typed.
    pub text: String,
    /// True when the query has a capital letter.
    pub case_sensitive: bool,
    /// The spellings searched for: NFC and NFD (once when equal), lowercased when case is
    /// ignored.
    forms: Vec<String>,
}

impl Query {
    /// Prepares `text`; `None` for an empty query.
    pub fn new(text: &str) -> Option<Query> {
        if text.is_empty() {
            return None;
        }
        let case_sensitive = text.chars().any(char::is_uppercase);
        let mut forms: Vec<String> = Vec::new();
        for form in [
            text.nfc().collect::<String>(),
            text.nfd().collect::<String>(),
        ] {
            let form = if case_sensitive {
                form
            } else {
                form.to_lowercase()
            };
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        Some(Query {
            text: text.to_owned(),
            case_sensitive,
            forms,
        })
    }

    /// Matches in `text`: byte ranges, in order, not overlapping, on grapheme boundaries.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for form in &self.forms {
            if self.case_sensitive || form.is_ascii() {
                let finder = memchr::memmem::Finder::new(form.as_bytes());
                if self.case_sensitive {
                    out.extend(finder.find_iter(text.as_bytes()).map(|s| s..s + form.len()));
                } else {
                    find_ascii_folded(text, form, &mut out);
                }
            } else {
                find_folded(text, form, &mut out);
            }
        }
        out.retain(|r| is_boundary(text, r.start) && is_boundary(text, r.end));
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut kept: Vec<Range<usize>> = Vec::with_capacity(out.len());
        for r in out {
            if kept.last().is_none_or(|k| r.start >= k.end) {
                kept.push(r);
            }
        }
        kept
    }
}

/// ASCII query, any case: candidates from the first byte in either case, then a compare.
fn find_ascii_folded(text: &str, needle: &str, out: &mut Vec<Range<usize>>) {
    let hay = text.as_bytes();
    let n = needle.as_bytes();
    let Some(&first) = n.first() else { return };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut at = 0;
    while let Some(i) = memchr::memchr2(lo, up, &hay[at..]).map(|i| at + i) {
        if hay.len() - i >= n.len() && hay[i..i + n.len()].eq_ignore_ascii_case(n) {
            out.push(i..i + n.len());
        }
        at = i + 1;
    }
}

/// Non-ASCII query, any case: from every character start, lowercases the text's
/// characters until they have matched the (lowercased) needle or differed.
fn find_folded(text: &str, needle: &str, out: &mut Vec<Range<usize>>) {
    let needle: Vec<char> = needle.chars().collect();
    for (i, _) in text.char_indices() {
        let mut k = 0;
        let mut end = i;
        'chars: for (j, t) in text[i..].char_indices() {
            for lc in t.to_lowercase() {
                if needle.get(k) != Some(&lc) {
                    break 'chars;
                }
                k += 1;
            }
            end = i + j + t.len_utf8();
            if k == needle.len() {
                break;
            }
        }
        if k == needle.len() && end > i {
            out.push(i..end);
        }
    }
}

fn is_boundary(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() {
        return true;
    }
    if !text.is_char_boundary(at) {
        return false;
    }
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// A match in the text: paragraph and byte range of its plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextMatch {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte range in the paragraph's plain text.
    pub range: Range<usize>,
}

/// Where a hit outside the text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HitPlace {
    /// In the text.
    Text(usize),
    /// In footnote `number`.
    Footnote(u32),
    /// In glossary entry `n` (term, aliases or definition).
    Glossary(usize),
    /// In the note on paragraph `p` (`None`: a detached note), with the note's index.
    Note(Option<usize>, usize),
}

/// A hit anywhere, with the text it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Where.
    pub place: HitPlace,
    /// The text searched (plain), for showing context.
    pub text: String,
    /// The match in it.
    pub range: Range<usize>,
}

/// Everything a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    /// Matches in the text, in reading order (what `n` and `N` visit).
    pub text: Vec<TextMatch>,
    /// One hit per place (text paragraphs, footnotes, glossary entries, notes), for the
    /// results list.
    pub hits: Vec<Hit>,
}

/// Searches the whole article and the notes.
pub fn search(doc: &Document, notes: &[NoteEntry], q: &Query) -> Results {
    let mut job = SearchJob::new(q.clone());
    while !job.step(doc, notes, usize::MAX) {}
    job.results
}

/// Searches paragraph `p` of `doc` for `q`, adding what it finds to `results`; the bytes of
/// text looked at. `buf` is scratch space.
fn search_paragraph(
    q: &Query,
    doc: &Document,
    p: usize,
    buf: &mut String,
    results: &mut Results,
) -> usize {
    buf.clear();
    for i in &doc.paragraphs[p].inlines {
        buf.push_str(&i.plain_text());
    }
    let found = q.find_in(buf);
    if let Some(first) = found.first() {
        results.hits.push(Hit {
            place: HitPlace::Text(p),
            text: buf.clone(),
            range: first.clone(),
        });
    }
    results
        .text
        .extend(found.into_iter().map(|range| TextMatch {
            paragraph: p,
            range,
        }));
    buf.len()
}

/// Adds to `results` (a search of the paragraphs before `*from`) the matches in the
/// paragraphs from `*from` on, about `budget` bytes of their text (at least one paragraph),
/// and moves `*from` past them: the part of a book that arrived since the search was made
/// (see `update::loading`). Their text hits go after the text hits there are, before the
/// others. Returns true when `*from` has reached the end of `doc`.
pub fn extend_with_paragraphs(
    results: &mut Results,
    doc: &Document,
    q: &Query,
    from: &mut usize,
    budget: usize,
) -> bool {
    let mut more = Results::default();
    search_paragraphs(q, doc, from, budget, &mut more);
    results.text.extend(more.text);
    let at = results
        .hits
        .iter()
        .position(|h| !matches!(h.place, HitPlace::Text(_)))
        .unwrap_or(results.hits.len());
    results.hits.splice(at..at, more.hits);
    *from >= doc.paragraphs.len()
}

/// Searches the paragraphs of `doc` from `*from` on until about `budget` bytes of text
/// have been looked at (at least one paragraph) or the last one, adding what it finds to
/// `results` and moving `*from` past them. Returns the bytes looked at.
fn search_paragraphs(
    q: &Query,
    doc: &Document,
    from: &mut usize,
    budget: usize,
    results: &mut Results,
) -> usize {
    let mut buf = String::new();
    let mut spent = 0usize;
    while *from < doc.paragraphs.len() && (spent < budget || spent == 0) {
        spent = spent.saturating_add(search_paragraph(q, doc, *from, &mut buf, results));
        *from += 1;
    }
    spent
}

/// Searches the footnotes, the glossary and `notes` of `doc` for `q` again, keeping the text
/// matches of `results`: what a search made while a book was read lacks once the book is
/// whole (the last footnotes, the notes, which open then), without reading the text, which
/// it searched as each part arrived, a second time.
pub fn search_the_rest_again(
    results: &mut Results,
    doc: &Document,
    notes: &[NoteEntry],
    q: &Query,
) {
    results
        .hits
        .retain(|h| matches!(h.place, HitPlace::Text(_)));
    search_the_rest(q, doc, notes, results);
}

/// A search done in steps, so that a long one (a book, a slow query) never keeps the
/// reader from taking keys: each step searches about a given number of bytes of text, and
/// a search that is no longer wanted is simply dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchJob {
    query: Query,
    /// The next paragraph to search; past the last, the rest (footnotes, glossary, notes)
    /// is searched in one step.
    next: usize,
    results: Results,
}

impl SearchJob {
    /// A search for `query`, not started.
    pub fn new(query: Query) -> Self {
        SearchJob {
            query,
            next: 0,
            results: Results::default(),
        }
    }

    /// The query.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Searches paragraphs until about `budget` bytes of text have been looked at (at least
    /// one paragraph), or, after the last paragraph, the footnotes, the glossary and the
    /// notes. Returns true when the search is complete.
    pub fn step(&mut self, doc: &Document, notes: &[NoteEntry], budget: usize) -> bool {
        if self.next < doc.paragraphs.len() {
            // Until the last paragraph the results hold text hits only: added at the end.
            let spent =
                search_paragraphs(&self.query, doc, &mut self.next, budget, &mut self.results);
            if spent >= budget {
                return false;
            }
        }
        if self.next == doc.paragraphs.len() {
            self.next += 1;
            search_the_rest(&self.query, doc, notes, &mut self.results);
        }
        true
    }

    /// How far the search has gone, from 0 to 100.
    pub fn percent(&self, doc: &Document) -> usize {
        // The footnotes, glossary and notes count as one more paragraph.
        let total = doc.paragraphs.len() + 1;
        (self.next.min(total) * 100) / total
    }

    /// What the search found (all of it, once [`SearchJob::step`] returned true).
    pub fn into_results(self) -> Results {
        self.results
    }
}

/// Adds to `results` the footnotes, glossary entries and notes that hold `q`: what a search
/// looks at after the text.
fn search_the_rest(q: &Query, doc: &Document, notes: &[NoteEntry], results: &mut Results) {
    for f in &doc.footnotes {
        let text: String = f.inlines.iter().map(|i| i.plain_text()).collect();
        if let Some(r) = q.find_in(&text).into_iter().next() {
            results.hits.push(Hit {
                place: HitPlace::Footnote(f.number),
                text,
                range: r,
            });
        }
    }
    for (e, entry) in doc.glossary.entries.iter().enumerate() {
        let definition: String = entry.definition.iter().map(|i| i.plain_text()).collect();
        let text = format!(
            "{}: {definition}",
            entry.spellings().collect::<Vec<_>>().join(", ")
        );
        if let Some(r) = q.find_in(&text).into_iter().next() {
            results.hits.push(Hit {
                place: HitPlace::Glossary(e),
                text,
                range: r,
            });
        }
    }
    for (i, n) in notes.iter().enumerate() {
        if let Some(r) = q.find_in(&n.note.text).into_iter().next() {
            results.hits.push(Hit {
                place: HitPlace::Note(n.attached, i),
                text: n.note.text.clone(),
                range: r,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(q: &str, text: &str) -> Vec<String> {
        let q = Query::new(q).unwrap();
        q.find_in(text)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    }

    #[test]
    fn smart_case() {
        assert_eq!(find("dprk", "The DPRK and the dprk"), ["DPRK", "dprk"]);
        assert_eq!(find("DPRK", "The DPRK and the dprk"), ["DPRK"]);
        assert!(Query::new("Dprk").unwrap().case_sensitive);
    }

    #[test]
    fn non_ascii_case_folding() {
        assert_eq!(
            find("élan", "Élan, ÉLAN and élan"),
            ["Élan", "ÉLAN", "élan"]
        );
        assert_eq!(find("straße", "STRASSE Straße"), ["Straße"]);
    }

    #[test]
    fn accents_in_either_form_and_never_half_a_cluster() {
        let decomposed = "cafe\u{301} and café";
        assert_eq!(
            find("café", decomposed).len(),
            2,
            "composed and decomposed text"
        );
        assert!(
            find("cafe", decomposed).is_empty(),
            "`cafe` is not in `café`, however spelled"
        );
    }

    #[test]
    fn cjk_and_emoji() {
        assert_eq!(find("漢字", "かな漢字かな漢字"), ["漢字", "漢字"]);
        assert_eq!(find("🇨🇳", "prosperity. 🇨🇳"), ["🇨🇳"]);
        // A regional indicator alone is half a flag.
        assert!(find("\u{1f1e8}", "🇨🇳").is_empty());
        assert_eq!(find("👩‍🔬", "a 👩‍🔬 scientist"), ["👩‍🔬"]);
        assert!(
            find("👩", "a 👩‍🔬 scientist").is_empty(),
            "inside a ZWJ sequence"
        );
    }

    #[test]
    fn no_match_and_empty_query() {
        assert!(find("zzz", "abc").is_empty());
        assert!(Query::new("").is_none());
    }

    #[test]
    fn a_search_in_steps_finds_what_a_whole_search_finds() {
        let doc = crate::content::bundled().unwrap().doc;
        for query in ["china", "THAAD", "the", "zzz"] {
            let q = Query::new(query).unwrap();
            let whole = search(&doc, &[], &q);
            let mut job = SearchJob::new(q);
            let mut steps = 1;
            while !job.step(&doc, &[], 2000) {
                steps += 1;
                assert!(job.percent(&doc) < 100);
            }
            assert_eq!(job.percent(&doc), 100);
            assert!(steps > 5, "{query}: {steps} steps of 2000 bytes");
            assert_eq!(job.into_results(), whole, "{query}");
        }
    }

    #[test]
    fn a_search_extended_in_steps_into_what_arrived_finds_what_a_whole_search_finds() {
        let doc = crate::content::bundled().unwrap().doc;
        for query in ["china", "THAAD", "zzz"] {
            let q = Query::new(query).unwrap();
            let whole = search(&doc, &[], &q);
            // The search made when a third of the paragraphs had arrived.
            let mut part = doc.clone();
            part.paragraphs.truncate(doc.paragraphs.len() / 3);
            let mut results = search(&part, &[], &q);
            let mut from = part.paragraphs.len();
            let mut steps = 1;
            while !extend_with_paragraphs(&mut results, &doc, &q, &mut from, 2000) {
                steps += 1;
            }
            assert_eq!(from, doc.paragraphs.len());
            assert!(steps > 3, "{query}: {steps} steps of 2000 bytes");
            search_the_rest_again(&mut results, &doc, &[], &q);
            assert_eq!(results, whole, "{query}");
        }
    }
}
