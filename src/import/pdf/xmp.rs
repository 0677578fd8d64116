//! The bibliographic fields of a PDF's XMP metadata (`dc:` and `prism:` properties, and
//! the DOI fields publishers add). XMP is XML written by strangers: the input is capped in
//! size, nesting and events, a parse error ends the reading with what was found so far,
//! and nothing here can panic on any input (`fuzz/fuzz_targets/pdf_xmp.rs`).

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::model::Biblio;

/// Largest XMP packet read (real ones are a few kilobytes).
pub const MAX_XMP_BYTES: usize = 1 << 20;
/// Deepest nesting followed.
const MAX_DEPTH: usize = 64;
/// Most XML events read.
const MAX_EVENTS: usize = 100_000;
/// Longest value kept for one property.
const MAX_VALUE_BYTES: usize = 4096;

/// The fields, in order of trust, each with the XMP properties that give it.
const FIELDS: &[(&str, &[&str])] = &[
    (
        "date",
        &["prism:publicationDate", "prism:coverDate", "dc:date"],
    ),
    ("container", &["prism:publicationName"]),
    ("volume", &["prism:volume"]),
    ("issue", &["prism:number", "prism:issueIdentifier"]),
    ("first", &["prism:startingPage"]),
    ("last", &["prism:endingPage"]),
    ("range", &["prism:pageRange"]),
    ("publisher", &["dc:publisher"]),
    (
        "doi",
        &["prism:doi", "pdfx:doi", "crossmark:DOI", "dc:identifier"],
    ),
    ("url", &["prism:url"]),
];

/// Whether `name` is one of the properties read.
fn wanted(name: &str) -> bool {
    FIELDS.iter().any(|(_, props)| props.contains(&name))
}

/// The properties found: (name, first value).
fn properties(xml: &[u8]) -> Vec<(String, String)> {
    let xml = &xml[..xml.len().min(MAX_XMP_BYTES)];
    let text = String::from_utf8_lossy(xml);
    let mut reader = Reader::from_str(&text);
    let mut found: Vec<(String, String)> = Vec::new();
    // The open elements' names, and the property whose value is being read.
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<Current> = None;
    let mut keep = |found: &mut Vec<(String, String)>, name: String, value: &str| {
        let value = quick_xml::escape::unescape(value)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| value.to_owned());
        let value = value.trim();
        if !value.is_empty() && !found.iter().any(|(n, _)| *n == name) {
            found.push((name, value.to_owned()));
        }
    };
    for _ in 0..MAX_EVENTS {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if stack.len() >= MAX_DEPTH {
                    break;
                }
                let name = e.name().as_ref().to_owned();
                attributes(&e, &mut found, &mut keep);
                if current.is_none() && wanted(&name) {
                    current = Some(Current {
                        depth: stack.len(),
                        name: name.clone(),
                        ..Current::default()
                    });
                }
                stack.push(name);
            }
            Ok(Event::Empty(e)) => attributes(&e, &mut found, &mut keep),
            Ok(Event::End(_)) => {
                let closed = stack.pop();
                if let Some(c) = &mut current {
                    if stack.len() <= c.depth {
                        let c = current.take().unwrap_or_default();
                        keep(&mut found, c.name, &c.value);
                    } else if closed.as_deref() == Some("rdf:li") && !c.value.trim().is_empty() {
                        c.done = true;
                    }
                }
            }
            Ok(Event::Text(t)) => push_value(&mut current, &t),
            Ok(Event::CData(t)) => {
                let escaped = quick_xml::escape::escape(&*t).into_owned();
                push_value(&mut current, &escaped);
            }
            Ok(Event::GeneralRef(r)) => {
                push_value(&mut current, &format!("&{};", &*r));
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    found
}

/// The property being read: its depth, name and value so far; `done` after its first list
/// item (`rdf:li`), which is all that is kept.
#[derive(Default)]
struct Current {
    depth: usize,
    name: String,
    value: String,
    done: bool,
}

/// Adds text to the value being read, up to its cap.
fn push_value(current: &mut Option<Current>, text: &str) {
    if let Some(c) = current
        && !c.done
        && c.value.len() + text.len() <= MAX_VALUE_BYTES
    {
        c.value.push_str(text);
    }
}

/// Properties written as attributes (`<rdf:Description prism:doi="…">`).
fn attributes(
    e: &quick_xml::events::BytesStart<'_>,
    found: &mut Vec<(String, String)>,
    keep: &mut impl FnMut(&mut Vec<(String, String)>, String, &str),
) {
    for a in e.attributes().flatten().take(256) {
        let name = a.key.as_ref().to_owned();
        if wanted(&name) && a.value.len() <= MAX_VALUE_BYTES {
            keep(found, name, &a.value);
        }
    }
}

/// The bibliographic fields an XMP packet gives (not yet cleaned: the build does that).
pub fn biblio(xml: &[u8]) -> Biblio {
    let props = properties(xml);
    let field = |key: &str| -> Option<String> {
        let (_, names) = FIELDS.iter().find(|(k, _)| *k == key)?;
        names.iter().find_map(|n| {
            props
                .iter()
                .find(|(p, v)| p == n && (key != "doi" || v.contains("10.")))
                .map(|(_, v)| v.clone())
        })
    };
    let pages = match (field("first"), field("last")) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}-{b}")),
        (Some(a), _) => Some(a),
        _ => field("range"),
    };
    Biblio {
        kind: None,
        date: field("date"),
        container: field("container"),
        volume: field("volume"),
        issue: field("issue"),
        pages,
        publisher: field("publisher"),
        doi: field("doi"),
        url: field("url"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/" prism:doi="10.1080/10736700.2020.1">
  <dc:date><rdf:Seq><rdf:li>2020-03-15</rdf:li><rdf:li>2019-01-01</rdf:li></rdf:Seq></dc:date>
  <dc:publisher><rdf:Bag><rdf:li>Taylor &amp; Francis</rdf:li></rdf:Bag></dc:publisher>
  <prism:publicationName>China International Studies</prism:publicationName>
  <prism:volume>81</prism:volume><prism:number>2</prism:number>
  <prism:startingPage>5</prism:startingPage><prism:endingPage>24</prism:endingPage>
  <prism:url>https://example.org/cis/81/2</prism:url>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;

    #[test]
    fn dc_and_prism_properties_fill_the_fields() {
        let b = biblio(PACKET.as_bytes()).cleaned();
        assert_eq!(b.date.as_deref(), Some("2020-03-15"));
        assert_eq!(b.publisher.as_deref(), Some("Taylor & Francis"));
        assert_eq!(b.container.as_deref(), Some("China International Studies"));
        assert_eq!(
            (b.volume.as_deref(), b.issue.as_deref()),
            (Some("81"), Some("2"))
        );
        assert_eq!(b.pages.as_deref(), Some("5-24"));
        assert_eq!(b.doi.as_deref(), Some("10.1080/10736700.2020.1"));
        assert_eq!(b.url.as_deref(), Some("https://example.org/cis/81/2"));
    }

    #[test]
    fn hostile_packets_end_quietly() {
        let deep = "<a>".repeat(100_000) + "<prism:volume>9</prism:volume>";
        assert_eq!(biblio(deep.as_bytes()).volume, None);
        let huge = format!("<prism:volume>{}</prism:volume>", "9".repeat(10_000));
        assert_eq!(biblio(huge.as_bytes()).volume, None);
        for bad in [
            &b"<prism:volume>1"[..],
            b"<<<>>>&&&",
            b"\xff\xfe<\x00a",
            b"<prism:doi>&bogus;10.1/x</prism:doi>",
            b"",
        ] {
            let _ = biblio(bad);
        }
        let many = "<x/>".repeat(200_000) + "<prism:volume>9</prism:volume>";
        assert_eq!(biblio(many.as_bytes()).volume, None);
    }
}
