//! The glossary as an Anki text import file: tab-separated, HTML fields, a stable GUID per
//! term so importing again updates the cards instead of adding new ones, and the review
//! state as tags.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Document, GlossaryEntry, Inline};
use crate::notes::review::Card;

/// A term's GUID: a hash of the article's id and the entry's id (never of the text, so an
/// edited definition updates the same card). `personal` entries get their own space.
pub fn guid(article: &str, entry: &str, personal: bool) -> String {
    let mut h = crate::model::hash::Fnv1a::new();
    h.write(if personal {
        b"personal\0"
    } else {
        b"article\0"
    });
    h.write(article.as_bytes());
    h.write(&[0]);
    h.write(entry.as_bytes());
    format!("lectern-{:016x}", h.finish())
}

/// Text made safe for an HTML field of a tab-separated line: `&<>"` escaped, tabs as
/// spaces, line breaks as `<br>`, other control characters dropped.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Inline content as HTML: emphasis, strong, code and links kept.
fn inlines_html(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        let (text, style, url) = match i {
            Inline::Text { text, style } => (text.as_str(), *style, None),
            Inline::Link { text, url, style } => (text.as_str(), *style, Some(url.as_str())),
            Inline::FootnoteRef { number } => {
                let _ = write!(out, "<sup>{number}</sup>");
                continue;
            }
            Inline::LineBreak => {
                out.push_str("<br>");
                continue;
            }
        };
        let tags: Vec<&str> = [
            (style.strong, "b"),
            (style.emph, "i"),
            (style.code, "code"),
            (style.strike, "s"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|&(_, t)| t)
        .collect();
        if let Some(url) = url {
            let _ = write!(out, "<a href=\"{}\">", html(url));
        }
        for t in &tags {
            let _ = write!(out, "<{t}>");
        }
        out.push_str(&html(text));
        for t in tags.iter().rev() {
            let _ = write!(out, "</{t}>");
        }
        if url.is_some() {
            out.push_str("</a>");
        }
    }
    out
}

/// The review state of a term as an Anki tag: `lectern::new` (never reviewed),
/// `lectern::due`, `lectern::learning` (box 0), `lectern::box1`…`lectern::box4`, or
/// `lectern::known` (box 5).
pub fn state_tag(card: Option<&Card>, now: u64) -> String {
    match card {
        None => "lectern::new".into(),
        Some(c) if c.due <= now => "lectern::due".into(),
        Some(c) if c.level == 0 => "lectern::learning".into(),
        Some(c) if c.level >= 5 => "lectern::known".into(),
        Some(c) => format!("lectern::box{}", c.level),
    }
}

/// A deck name from the article's title: `lectern::Title` (`::` would nest decks, so it
/// is not kept inside the title).
fn deck(doc: &Document) -> String {
    let title = crate::sanitize::clean_line(&doc.title()).replace("::", ":");
    format!("lectern::{}", title.trim())
}

/// The Anki import file: the headers, then one line per entry of the article's glossary
/// and of `personal` (the student's own terms): GUID, front (the term and its aliases),
/// back (the definition), tags (the review state from `cards`, `personal`,
/// `found-in-text`).
pub fn anki(
    doc: &Document,
    personal: &[GlossaryEntry],
    cards: &BTreeMap<String, Card>,
    now: u64,
) -> String {
    let mut out = String::new();
    out.push_str("#separator:tab\n#html:true\n#notetype:Basic\n");
    let _ = writeln!(out, "#deck:{}", html(&deck(doc)));
    out.push_str("#guid column:1\n#tags column:4\n");
    let article = doc.glossary.entries.iter().map(|e| (e, false));
    for (e, is_personal) in article.chain(personal.iter().map(|e| (e, true))) {
        let mut front = format!("<b>{}</b>", html(&e.term));
        if !e.aliases.is_empty() {
            let _ = write!(front, "<br>({})", html(&e.aliases.join(", ")));
        }
        let mut tags = vec!["lectern".to_owned(), state_tag(cards.get(&e.id), now)];
        if is_personal {
            tags.push("lectern::personal".into());
        }
        if e.found_in_text {
            tags.push("lectern::found-in-text".into());
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            guid(&doc.meta.id, &e.id, is_personal),
            front,
            inlines_html(&e.definition),
            tags.join(" ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_escaped_for_html_and_tabs() {
        assert_eq!(
            html("a\tb <c> & \"d\"\r\ne\u{1b}"),
            "a b &lt;c&gt; &amp; &quot;d&quot;<br>e"
        );
        let style = crate::model::TextStyle {
            emph: true,
            ..Default::default()
        };
        let inl = vec![
            Inline::Text {
                text: "x<y".into(),
                style,
            },
            Inline::Link {
                text: "l".into(),
                url: "https://e.org/?a=1&b=\"2\"".into(),
                style: Default::default(),
            },
        ];
        assert_eq!(
            inlines_html(&inl),
            "<i>x&lt;y</i><a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\">l</a>"
        );
    }

    #[test]
    fn guids_depend_on_ids_only() {
        let a = guid("art", "mia", false);
        assert_eq!(a, guid("art", "mia", false));
        assert_ne!(a, guid("art", "mib", false));
        assert_ne!(a, guid("art2", "mia", false));
        assert_ne!(a, guid("art", "mia", true));
        // Fixed across builds and runs: FNV-1a, not std's hasher.
        assert_eq!(a.len(), "lectern-".len() + 16);
        assert_eq!(guid("a", "b", false), guid("a", "b", false));
    }

    #[test]
    fn review_state_becomes_a_tag() {
        let card = |level, due| Card {
            level,
            due,
            reviews: 1,
            known: 0,
        };
        assert_eq!(state_tag(None, 10), "lectern::new");
        assert_eq!(state_tag(Some(&card(3, 5)), 10), "lectern::due");
        assert_eq!(state_tag(Some(&card(0, 50)), 10), "lectern::learning");
        assert_eq!(state_tag(Some(&card(2, 50)), 10), "lectern::box2");
        assert_eq!(state_tag(Some(&card(5, 50)), 10), "lectern::known");
    }
}
