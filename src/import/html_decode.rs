//! Bytes of an HTML or XHTML file to text, in its declared encoding, and link targets made
//! absolute against a base URL.

use encoding_rs::Encoding;

use super::html_walk::strip_placeholder_chars;

/// How far into a file an encoding declaration is looked for.
const DECLARATION_BYTES: usize = 4096;

/// The text of an HTML or XHTML file: decoded by its byte-order mark, else its declared
/// encoding (`<meta charset>`, `http-equiv` content type, XML declaration) unless the bytes
/// are valid UTF-8 that is not plain ASCII, else UTF-8 when it is valid UTF-8, else
/// windows-1252 (what browsers assume). Bytes that do not
/// decode become U+FFFD; the reference placeholders can never come from the input.
pub(super) fn decode(bytes: &[u8]) -> String {
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bom),
        None => {
            let declared = declared_encoding(&bytes[..bytes.len().min(DECLARATION_BYTES)]);
            let utf8 = || std::str::from_utf8(bytes).is_ok();
            let encoding = match declared {
                // A saved page is often re-encoded as UTF-8 with its old declaration kept
                // (`gb2312`, `iso-8859-1`): text that is valid UTF-8 and not plain ASCII
                // almost never is anything else, so it is read as what it is.
                Some(declared) if declared != encoding_rs::UTF_8 && !bytes.is_ascii() && utf8() => {
                    encoding_rs::UTF_8
                }
                Some(declared) => declared,
                None if utf8() => encoding_rs::UTF_8,
                None => encoding_rs::WINDOWS_1252,
            };
            (encoding, 0)
        }
    };
    let rest = &bytes[skip..];
    // UTF-8 (most books and pages) is checked by the standard library: encoding_rs would
    // give the same text, after probing the CPU's features first (costly in a virtual
    // machine, and on the way to a book's first screen).
    let text = match (encoding == encoding_rs::UTF_8).then(|| std::str::from_utf8(rest)) {
        Some(Ok(text)) => std::borrow::Cow::Borrowed(text),
        _ => encoding.decode_without_bom_handling(rest).0,
    };
    strip_placeholder_chars(&text).into_owned()
}

/// Elements that never have content: `<br/>` is fine as it is.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// XHTML's self-closing tags of elements that have content (`<title/>`, `<a id="p5"/>`)
/// written out as a start and an end tag, so that parsing as HTML does not take the rest
/// of the file into them (an empty `<title/>` would swallow the whole chapter).
pub(super) fn expand_self_closing(xhtml: &str) -> std::borrow::Cow<'_, str> {
    if !xhtml.contains("/>") {
        return xhtml.into();
    }
    let bytes = xhtml.as_bytes();
    let mut out = String::with_capacity(xhtml.len() + 64);
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + lt;
        let name_len = bytes[start + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let mut quote = None;
        let mut end = None;
        for (k, &b) in bytes[start + 1 + name_len..].iter().enumerate() {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => {
                    end = Some(start + 1 + name_len + k);
                    break;
                }
                (None, b'<') => break,
                _ => {}
            }
        }
        let Some(end) = end else {
            i = start + 1;
            continue;
        };
        let name = &xhtml[start + 1..start + 1 + name_len];
        let local = name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase();
        if bytes[end - 1] == b'/' && !VOID.contains(&local.as_str()) {
            out.push_str(&xhtml[copied..end - 1]);
            out.push_str("></");
            out.push_str(name);
            out.push('>');
            copied = end + 1;
        }
        i = end + 1;
    }
    if copied == 0 {
        return xhtml.into();
    }
    out.push_str(&xhtml[copied..]);
    out.into()
}

/// The encoding a file's head declares, if any (UTF-16 named in an ASCII head is read as
/// UTF-8, as browsers do).
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(i) = find(&lower[from..], key) {
            let start = from + i + key.len();
            let value: Vec<u8> = lower[start..]
                .iter()
                .copied()
                .skip_while(|b| *b == b'"' || *b == b'\'' || b.is_ascii_whitespace())
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .collect();
            if let Some(encoding) = Encoding::for_label(&value) {
                return Some(encoding.output_encoding());
            }
            from = start;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The URL scheme `href` starts with (`https`, `mailto`), if any.
pub(super) fn scheme_of(href: &str) -> Option<&str> {
    scheme(href)
}

/// The path inside a book of `href` (percent-decoded), relative to member `member`.
pub(super) fn join_member(member: &str, href: &str) -> String {
    let dir = &member[..member.rfind('/').map_or(0, |i| i + 1)];
    let joined = normalize(&format!("/{dir}{href}"));
    joined.trim_start_matches('/').to_owned()
}

/// `%20` and the like decoded (bytes that do not make UTF-8 are kept as written).
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Whether `href` starts with a URL scheme (`https:`, `mailto:`).
fn scheme(href: &str) -> Option<&str> {
    let colon = href.find(':')?;
    let name = &href[..colon];
    let mut chars = name.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(name)
}

/// The URL a link of a page at `base` leads to: absolute links as they are (web and mail
/// only: no `javascript:`), relative ones joined to `base`. `None` for a link within the
/// page, or a relative one with no base to join it to.
pub(super) fn resolve_link(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if let Some(name) = scheme(href) {
        let name = name.to_ascii_lowercase();
        return matches!(name.as_str(), "http" | "https" | "mailto" | "ftp")
            .then(|| href.to_owned());
    }
    let base = base?;
    let base_scheme = scheme(base)?;
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{base_scheme}://{rest}"));
    }
    let after_scheme = &base[base_scheme.len() + 1..];
    let authority_end = after_scheme.strip_prefix("//").map_or(0, |rest| {
        2 + rest.find(['/', '?', '#']).unwrap_or(rest.len())
    });
    let origin = &base[..base_scheme.len() + 1 + authority_end];
    let path = &base[origin.len()..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let joined = if href.starts_with('/') {
        href.to_owned()
    } else if href.starts_with('?') {
        format!("{path}{href}")
    } else {
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        format!("{}{href}", if dir.is_empty() { "/" } else { dir })
    };
    Some(format!("{origin}{}", normalize(&joined)))
}

/// `/a/./b/../c` → `/a/c`.
fn normalize(path: &str) -> String {
    let (path, tail) = match path.find(['?', '#']) {
        Some(i) => path.split_at(i),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
            }
            s => out.push(s),
        }
        if i + 1 == segments.len() && matches!(*segment, "." | "..") {
            out.push("");
        }
    }
    format!("{}{tail}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_encoding_is_used() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><p>caf\xe9</p>";
        assert!(decode(latin1).contains("caf\u{e9}"));
        let equiv = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'><p>\xcf\xf0\xe8";
        assert!(decode(equiv).contains("\u{41f}\u{440}\u{438}"));
        let xml = b"<?xml version='1.0' encoding='ISO-8859-15'?><p>\xa4</p>";
        assert!(decode(xml).contains('\u{20ac}'));
        let bom = b"\xef\xbb\xbf<meta charset=latin1><p>\xc3\xa9";
        assert!(
            decode(bom).contains('\u{e9}'),
            "the BOM wins over the declaration"
        );
        let utf16 = [
            &b"\xff\xfe"[..],
            &"<p>\u{e9}</p>"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
        ]
        .concat();
        assert!(decode(&utf16).contains("<p>\u{e9}</p>"));
    }

    #[test]
    fn valid_utf8_wins_over_a_legacy_declaration() {
        // A page saved as UTF-8 that still declares its old encoding.
        let gb = "<meta charset=gb2312><p>\u{4e2d}\u{6587} caf\u{e9}</p>";
        assert!(decode(gb.as_bytes()).contains("\u{4e2d}\u{6587} caf\u{e9}"));
        // Real GB2312 bytes (not valid UTF-8) are still read as declared.
        let (real, _, _) = encoding_rs::GBK.encode("<meta charset=gb2312><p>\u{4e2d}\u{6587}");
        assert!(std::str::from_utf8(&real).is_err());
        assert!(decode(&real).contains("\u{4e2d}\u{6587}"));
    }

    #[test]
    fn self_closing_tags_of_elements_with_content_are_expanded() {
        assert_eq!(
            expand_self_closing("<title/><a id=\"p5\" title='a/>b'/>x<br/><img src=\"a\" />"),
            "<title></title><a id=\"p5\" title='a/>b'></a>x<br/><img src=\"a\" />"
        );
        assert_eq!(expand_self_closing("a < b and c/>d"), "a < b and c/>d");
        assert_eq!(expand_self_closing("<!-- x/> --><p>"), "<!-- x/> --><p>");
    }

    #[test]
    fn undeclared_text_is_utf8_or_windows_1252() {
        assert!(decode("<p>na\u{ef}ve".as_bytes()).contains("na\u{ef}ve"));
        assert!(decode(b"<p>\x93quoted\x94").contains("\u{201c}quoted\u{201d}"));
        assert!(!decode("<p>\u{F8F0}0\u{F8F1}".as_bytes()).contains('\u{F8F0}'));
    }

    #[test]
    fn links_resolve_against_the_base() {
        let base = Some("https://ex.org/blog/2024/post.html?x=1");
        assert_eq!(
            resolve_link(base, "img/a.png").as_deref(),
            Some("https://ex.org/blog/2024/img/a.png")
        );
        assert_eq!(
            resolve_link(base, "../about").as_deref(),
            Some("https://ex.org/blog/about")
        );
        assert_eq!(
            resolve_link(base, "/top#x").as_deref(),
            Some("https://ex.org/top#x")
        );
        assert_eq!(
            resolve_link(base, "//cdn.org/a").as_deref(),
            Some("https://cdn.org/a")
        );
        assert_eq!(resolve_link(base, "#fn1"), None);
        assert_eq!(resolve_link(base, "javascript:alert(1)"), None);
        assert_eq!(resolve_link(None, "a.html"), None);
        assert_eq!(
            resolve_link(None, "mailto:a@b.org").as_deref(),
            Some("mailto:a@b.org")
        );
        assert_eq!(
            resolve_link(Some("https://ex.org"), "a").as_deref(),
            Some("https://ex.org/a")
        );
    }
}
