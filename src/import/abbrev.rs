//! Abbreviations defined in a text, found with the algorithm of Schwartz and Hearst, "A
//! simple algorithm for identifying abbreviation definitions in biomedical text" (PSB 2003),
//! written from the paper.
//!
//! A definition is a short form in parentheses after its long form (`intercontinental
//! ballistic missiles (ICBMs)`), or the reverse (`ICBMs (intercontinental ballistic
//! missiles)`). The short form's letters and digits are matched right to left in the long
//! form, the first one at the start of a word; the shortest long form that matches is kept.
//! The paper reports a precision of about 95% and a recall of about 82%.

/// An abbreviation and its definition, as found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Abbreviation {
    /// The short form as written (`ICBMs`).
    pub short: String,
    /// The long form as written, without surrounding quotes or punctuation.
    pub long: String,
    /// The sentence that defines it.
    pub sentence: String,
}

impl Abbreviation {
    /// The short form without a plural `s` (`ICBMs` → `ICBM`), when it has one.
    pub fn singular(&self) -> Option<&str> {
        let s = self.short.strip_suffix('s')?;
        (s.chars().filter(|c| c.is_uppercase()).count() >= 2).then_some(s)
    }
}

/// Every abbreviation defined in the document's paragraphs, then its footnotes.
pub fn find_in_document(doc: &crate::model::Document) -> Vec<Abbreviation> {
    find_in(&doc.paragraphs, &doc.footnotes)
}

/// Every abbreviation defined in these paragraphs, then these footnotes, each short form
/// once. Each text is searched on its own, so the whole book is never one string.
pub fn find_in(
    paragraphs: &[crate::model::Paragraph],
    footnotes: &[crate::model::Footnote],
) -> Vec<Abbreviation> {
    let mut found = Vec::new();
    let mut buf = String::new();
    for inlines in paragraphs
        .iter()
        .map(|p| &p.inlines)
        .chain(footnotes.iter().map(|f| &f.inlines))
    {
        buf.clear();
        for i in inlines {
            buf.push_str(&i.plain_text());
        }
        add_from(&buf, &mut found);
    }
    found
}

/// Most characters in a short form (the paper's limit).
const MAX_SHORT_CHARS: usize = 10;

/// Every abbreviation defined in `text`, in order, each short form once (the first
/// definition wins).
pub fn find(text: &str) -> Vec<Abbreviation> {
    let mut found = Vec::new();
    add_from(text, &mut found);
    found
}

/// Adds the definitions in `text` whose short form is not in `found` yet.
fn add_from(text: &str, found: &mut Vec<Abbreviation>) {
    // Most paragraphs define nothing: skip them without splitting sentences.
    if !text.contains('(') {
        return;
    }
    for sentence in sentences(text) {
        for a in in_sentence(sentence) {
            if !found.iter().any(|f| f.short == a.short) {
                found.push(a);
            }
        }
    }
}

/// The sentences of `text`: split after `.`, `?` or `!` followed by a space, and at line
/// breaks (paragraphs are never joined).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let ends = matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1) == Some(&b' ');
            // A full stop inside parentheses ("(e.g. this)") does not end the sentence.
            if ends && depth_at(&line[start..=i]) == 0 {
                out.push(line[start..=i].trim());
                start = i + 1;
            }
        }
        out.push(line[start..].trim());
    }
    out.into_iter().filter(|s| !s.is_empty())
}

/// How many parentheses are open at the end of `s`.
fn depth_at(s: &str) -> i32 {
    s.chars().fold(0, |d, c| match c {
        '(' => d + 1,
        ')' => (d - 1).max(0),
        _ => d,
    })
}

/// The definitions in one sentence.
fn in_sentence(sentence: &str) -> Vec<Abbreviation> {
    let mut out = Vec::new();
    for (open, close) in parentheticals(sentence) {
        let inside = sentence[open + 1..close].trim();
        // Only what comes before a `;` or `,` inside (`(FFVD; see below)`).
        let inside = inside.split([';', ',']).next().unwrap_or(inside).trim();
        let before = &sentence[..open];
        let found = if words(inside).count() > 2 {
            // `SF (long form)`: the short form is the word before the parenthesis.
            let short = before.split_whitespace().next_back().unwrap_or("");
            let short = trim_punctuation(short);
            pair(short, inside)
        } else {
            pair(inside, last_words(before, inside))
        };
        if let Some((short, long)) = found {
            out.push(Abbreviation {
                short: short.to_owned(),
                long,
                sentence: sentence.to_owned(),
            });
        }
    }
    out
}

/// The byte ranges `(open, close)` of the innermost parenthesised parts of `s`.
fn parentheticals(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut innermost = true;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                open.push(i);
                innermost = true;
            }
            ')' => {
                if let Some(o) = open.pop() {
                    if innermost {
                        out.push((o, i));
                    }
                    innermost = false;
                }
            }
            _ => {}
        }
    }
    out
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
}

/// The candidate long form before a short form: its last `min(|SF| + 5, 2 |SF|)` words
/// (|SF| in characters), stopping at an earlier parenthesis.
fn last_words<'a>(before: &'a str, short: &str) -> &'a str {
    let n = short.chars().count();
    let max = (n + 5).min(2 * n);
    let before = before
        .rsplit_once(['(', ')'])
        .map_or(before, |(_, b)| b)
        .trim_end();
    let mut starts = Vec::new();
    let mut prev_space = true;
    for (i, c) in before.char_indices() {
        if !c.is_whitespace() && prev_space {
            starts.push(i);
        }
        prev_space = c.is_whitespace();
    }
    let k = starts.len().saturating_sub(max);
    starts.get(k).map_or("", |&i| &before[i..])
}

/// Checks a short form and matches it in the long form; the pair as kept.
fn pair<'a>(short: &'a str, long: &str) -> Option<(&'a str, String)> {
    if !is_short_form(short) {
        return None;
    }
    let best = best_long_form(short, long)?;
    let best = trim_punctuation(best);
    let n = short.chars().count();
    let too_many = words(best).count() > (n + 5).min(2 * n);
    let contains_short = words(best).any(|w| trim_punctuation(w) == short);
    if best.chars().count() <= n || too_many || contains_short {
        return None;
    }
    Some((short, best.to_owned()))
}

/// The paper's tests of a short form: 2 to 10 characters, at most two words, starting
/// with a letter or digit, holding a letter, and not a plain word in lower case.
fn is_short_form(s: &str) -> bool {
    let n = s.chars().count();
    (2..=MAX_SHORT_CHARS).contains(&n)
        && words(s).count() <= 2
        && s.chars().next().is_some_and(char::is_alphanumeric)
        && s.chars().any(char::is_alphabetic)
        // "(see)" or "(here)" explain, they do not abbreviate.
        && s.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The shortest end of `long` whose letters and digits hold those of `short` in order,
/// right to left, the short form's first character at the start of a word.
fn best_long_form<'a>(short: &str, long: &'a str) -> Option<&'a str> {
    let s: Vec<char> = short.chars().flat_map(char::to_lowercase).collect();
    let l: Vec<(usize, char)> = long
        .char_indices()
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
        .collect();
    let mut li = l.len() as isize - 1;
    for si in (0..s.len()).rev() {
        let c = s[si];
        if !c.is_alphanumeric() {
            continue;
        }
        loop {
            if li < 0 {
                return None;
            }
            let here = l[li as usize].1;
            let at_word_start = li == 0 || !l[li as usize - 1].1.is_alphanumeric();
            if here == c && (si > 0 || at_word_start) {
                break;
            }
            li -= 1;
        }
        li -= 1;
    }
    // From the start of the word where the match began.
    let matched = (li + 1) as usize;
    let start = l[..matched]
        .iter()
        .rposition(|&(_, c)| c.is_whitespace())
        .map_or(0, |k| l[k + 1].0);
    Some(&long[start..])
}

/// `s` without quotes, brackets and punctuation at either end.
fn trim_punctuation(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        find(text).into_iter().map(|a| (a.short, a.long)).collect()
    }

    fn one(short: &str, long: &str) -> Vec<(String, String)> {
        vec![(short.to_owned(), long.to_owned())]
    }

    #[test]
    fn the_papers_examples() {
        assert_eq!(
            pairs("Expression of the heat shock protein (HSP) rose."),
            one("HSP", "heat shock protein")
        );
        assert_eq!(
            pairs("We used a tumor necrosis factor alpha (TNF alpha) assay."),
            one("TNF alpha", "tumor necrosis factor alpha")
        );
        // The shortest long form that matches is kept.
        assert_eq!(
            pairs("Levels of the protein kinase C (PKC) changed."),
            one("PKC", "protein kinase C")
        );
        // Long form and short form the other way round.
        assert_eq!(
            pairs("The HSP (heat shock protein) was measured."),
            one("HSP", "heat shock protein")
        );
    }

    #[test]
    fn plurals_digits_and_quotes() {
        let found = find("By testing intercontinental ballistic missiles (ICBMs) it gained.");
        assert_eq!(found[0].short, "ICBMs");
        assert_eq!(found[0].long, "intercontinental ballistic missiles");
        assert_eq!(found[0].singular(), Some("ICBM"));
        assert_eq!(
            pairs("The US called for a “final, fully-verified denuclearization” (FFVD) now."),
            one("FFVD", "final, fully-verified denuclearization")
        );
        assert_eq!(
            pairs("They met at the Group of 20 (G20) summit."),
            one("G20", "Group of 20")
        );
        assert_eq!(
            pairs("the \"complete, verifiable and irreversible denuclearization\" (CVID)"),
            one(
                "CVID",
                "complete, verifiable and irreversible denuclearization"
            )
        );
    }

    #[test]
    fn nested_parentheses_and_extra_text_inside() {
        assert_eq!(
            pairs("North Korea (the Democratic People's Republic of Korea (DPRK)) said so."),
            one("DPRK", "Democratic People's Republic of Korea")
        );
        assert_eq!(
            pairs("The prisoners of war (POW; see below) came home."),
            one("POW", "prisoners of war")
        );
    }

    #[test]
    fn parentheticals_that_are_not_abbreviations() {
        for text in [
            "He met Trump in Singapore (June 2018) and Hanoi (February 2019).",
            "All six of its nuclear tests (2006 to 2017) were there.",
            "The US (such as sanctions relief or security guarantees) acted.",
            "Halfway between official (Track-1) and unofficial (Track-2) talks.",
            "Undisclosed sites (the \"X\") remain.",
            "This is shown below (see figure).",
            "A note (here) and a year (1999).",
            "A new method (XQ) whose letters are not there.",
        ] {
            assert_eq!(pairs(text), Vec::new(), "{text}");
        }
    }

    #[test]
    fn each_short_form_once_with_its_sentence() {
        let text = "The heat shock protein (HSP) rose. Later the HSP (heat shock protein) fell.";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sentence, "The heat shock protein (HSP) rose.");
    }

    #[test]
    fn hostile_text_never_panics() {
        for text in [
            "(", ")", "()", "(((((", "))((", "a (b", "é (É)", "((A))", " (AB)", "x\n(AB)",
        ] {
            let _ = find(text);
        }
    }
}
