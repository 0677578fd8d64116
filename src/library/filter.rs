//! Filtering the library as the reader types: a fuzzy subsequence match on the title,
//! the authors and the tags (the letters typed, in order, anywhere in them), and a tag.

use super::Entry;

/// Whether `needle`'s characters appear in `hay` in order (case-insensitive); the score
/// is lower for a tighter match (fewer characters skipped), `None` when they do not.
pub fn subsequence(needle: &str, hay: &str) -> Option<usize> {
    let mut wanted = needle.chars().flat_map(char::to_lowercase).peekable();
    let mut skipped = 0;
    let mut started = false;
    for c in hay.chars().flat_map(char::to_lowercase) {
        let Some(&w) = wanted.peek() else { break };
        if c == w {
            wanted.next();
            started = true;
        } else if started {
            skipped += 1;
        }
    }
    wanted.peek().is_none().then_some(skipped)
}

/// The best score of `query` on an entry's title, authors and tags.
pub fn score(entry: &Entry, query: &str) -> Option<usize> {
    let query: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    if query.is_empty() {
        return Some(0);
    }
    std::iter::once(entry.title.as_str())
        .chain(entry.authors.iter().map(String::as_str))
        .chain(entry.tags.iter().map(String::as_str))
        .filter_map(|field| subsequence(&query, field))
        .min()
}

/// The indices of `entries` that match `query` and carry `tag` (when given), best matches
/// first and otherwise in the entries' order.
pub fn filter(entries: &[Entry], query: &str, tag: Option<&str>) -> Vec<usize> {
    let mut found: Vec<(usize, usize)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| tag.is_none_or(|t| e.tags.iter().any(|x| x == t)))
        .filter_map(|(i, e)| score(e, query).map(|s| (s, i)))
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, i)| i).collect()
}

/// Every tag in the library, sorted, once each.
pub fn all_tags(entries: &[Entry]) -> Vec<String> {
    let mut tags: Vec<String> = entries.iter().flat_map(|e| e.tags.clone()).collect();
    tags.sort();
    tags.dedup();
    tags
}

/// The tag after `current` in `tags` (`None`, all articles, after the last).
pub fn next_tag(tags: &[String], current: Option<&str>) -> Option<String> {
    match current {
        None => tags.first().cloned(),
        Some(t) => {
            let i = tags.iter().position(|x| x == t)?;
            tags.get(i + 1).cloned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, authors: &[&str], tags: &[&str]) -> Entry {
        Entry {
            id: title.to_lowercase().replace(' ', "-"),
            title: title.to_owned(),
            authors: authors.iter().map(|s| (*s).to_owned()).collect(),
            tags: tags.iter().map(|s| (*s).to_owned()).collect(),
            ..Entry::default()
        }
    }

    #[test]
    fn letters_in_order_match_and_tighter_matches_come_first() {
        assert_eq!(subsequence("kp", "Korean Peninsula"), Some(6));
        assert_eq!(subsequence("KOR", "korean"), Some(0));
        assert_eq!(subsequence("pk", "Korean Peninsula"), None);
        let entries = [
            entry("Korean Peninsula", &["Kim"], &[]),
            entry("Kaplan on power", &[], &["pols201"]),
            entry("Trade", &["Ricardo"], &[]),
        ];
        assert_eq!(filter(&entries, "kp", None), vec![1, 0]);
        assert_eq!(filter(&entries, "ricd", None), vec![2]);
        assert_eq!(filter(&entries, "pols", None), vec![1]);
        assert_eq!(filter(&entries, "", Some("pols201")), vec![1]);
        assert_eq!(filter(&entries, "", None), vec![0, 1, 2]);
        assert!(filter(&entries, "zzz", None).is_empty());
    }

    #[test]
    fn tags_cycle_and_come_back_to_all() {
        let tags = all_tags(&[entry("A", &[], &["b", "a"]), entry("B", &[], &["a"])]);
        assert_eq!(tags, ["a", "b"]);
        assert_eq!(next_tag(&tags, None).as_deref(), Some("a"));
        assert_eq!(next_tag(&tags, Some("a")).as_deref(), Some("b"));
        assert_eq!(next_tag(&tags, Some("b")), None);
    }
}
