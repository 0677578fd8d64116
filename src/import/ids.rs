//! Ids derived from content, so that importing an edited file again gives unchanged
//! paragraphs their old ids (notes stay attached) and a moved or renamed file keeps its
//! article id.

use std::collections::HashMap;

use crate::model::{Inline, ParagraphId};

use crate::model::hash::{Fnv1a as Fnv, fnv1a64};

/// Eight hex digits of the hash of `text` (the high half, which mixes every byte best).
pub fn short_hash(text: &str) -> String {
    format!("{:08x}", fnv1a64(text.as_bytes()) >> 32)
}

/// The hash a paragraph id is derived from: that of its visible text with links as their
/// text, footnote references left out (renumbering them, or adding one, keeps the id),
/// whitespace runs as one space, trimmed. Equal to `fnv1a64` of that text.
pub fn id_hash(inlines: &[Inline]) -> u64 {
    let mut hash = Fnv::new();
    let mut started = false;
    let mut space = false;
    for inline in inlines {
        let text = match inline {
            Inline::Text { text, .. } | Inline::Link { text, .. } => text.as_str(),
            Inline::LineBreak => " ",
            Inline::FootnoteRef { .. } => continue,
        };
        // Runs of non-space bytes are hashed whole; only whitespace needs a closer look.
        let bytes = text.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let ws_len = if b.is_ascii() {
                usize::from(b.is_ascii_whitespace() || b == 0x0b)
            } else if b >= 0xc0 {
                // The first byte of a multi-byte character.
                match text.get(i..).and_then(|s| s.chars().next()) {
                    Some(c) if c.is_whitespace() => c.len_utf8(),
                    _ => 0,
                }
            } else {
                0
            };
            if ws_len == 0 {
                if run == i {
                    if space && started {
                        hash.write(b" ");
                    }
                    space = false;
                }
                i += 1;
                continue;
            }
            hash.write(&bytes[run..i]);
            started |= i > run;
            space = true;
            i += ws_len;
            run = i;
        }
        hash.write(&bytes[run..]);
        started |= bytes.len() > run;
    }
    hash.finish()
}

/// Gives out paragraph ids `p-` + eight hex digits of [`id_hash`]; the second paragraph
/// with the same text (or, rarely, the same hash) gets `-2`, the third `-3`, in reading
/// order.
#[derive(Debug, Default)]
pub struct ParagraphIds {
    seen: HashMap<u64, u32>,
}

impl ParagraphIds {
    /// No ids given yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of the next paragraph in reading order.
    pub fn next(&mut self, inlines: &[Inline]) -> ParagraphId {
        let short = id_hash(inlines) >> 32;
        let n = self.seen.entry(short).or_insert(0);
        *n += 1;
        ParagraphId(if *n == 1 {
            format!("p-{short:08x}")
        } else {
            format!("p-{short:08x}-{n}")
        })
    }
}

/// Lowercase ASCII letters and digits, other characters as single `-`, at most `max` bytes;
/// may be empty (a title in another script).
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= max {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') || out.len() > max {
        out.pop();
    }
    out
}

/// The article id: a slug of the title (for people reading file names) and a hash of the title
/// and authors (so that two articles with one title do not share notes).
pub fn article_id(title: &str, authors: &[String]) -> String {
    let slug = slug(title, 80);
    let slug = if slug.is_empty() { "article" } else { &slug };
    let mut key = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for a in authors {
        key.push('\u{1f}');
        key.push_str(a.trim());
    }
    format!("{slug}-{}", short_hash(&key))
}

/// The id of a book: a slug of the title and a hash of the package's unique identifier, so
/// that a new edition of the same book keeps its notes.
pub fn book_id(title: &str, identifier: &str) -> String {
    let slug = slug(title, 80);
    let slug = if slug.is_empty() { "book" } else { &slug };
    format!("{slug}-{}", short_hash(identifier.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextStyle;

    fn text(s: &str) -> Inline {
        Inline::Text {
            text: s.into(),
            style: TextStyle::default(),
        }
    }

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn ids_ignore_footnote_refs_and_spacing_and_number_repeats() {
        let mut ids = ParagraphIds::new();
        let a = ids.next(&[text("Hello  world")]);
        let b = ids.next(&[
            text(" Hello"),
            Inline::FootnoteRef { number: 3 },
            Inline::LineBreak,
            text("world "),
        ]);
        let c = ids.next(&[text("Hello world")]);
        assert_eq!(a.0, format!("p-{}", short_hash("Hello world")));
        assert_eq!(
            id_hash(&[text(" \u{a0}x\ty\u{2003} "), Inline::LineBreak, text("é")]),
            fnv1a64("x y é".as_bytes())
        );
        assert_eq!(b.0, format!("{a}-2"));
        assert_eq!(c.0, format!("{a}-3"));
    }

    #[test]
    fn slugs_and_article_ids() {
        assert_eq!(
            slug("  The Water-Cycle: 2nd ed. ", 80),
            "the-water-cycle-2nd-ed"
        );
        assert_eq!(slug("北京", 80), "");
        assert_eq!(slug("abc def", 5), "abc-d");
        let id = article_id("北京", &[]);
        assert!(id.starts_with("article-") && id.len() == 16, "{id}");
        assert_ne!(
            article_id("T", &["A".into()]),
            article_id("T", &["B".into()])
        );
        let long = "word ".repeat(100);
        assert!(article_id(&long, &[]).len() <= 128);
    }
}
