//! Inlines written out: as markup that [`super::parse`] reads back to the same value (for
//! RON and Markdown export), and as plain text for `lectern print`.

use std::fmt::Write as _;

use super::{Inline, TextStyle, starts_url, url_len};

/// Writes inlines back as markup that [`parse`] reads to the same value.
pub fn to_markup(inlines: &[Inline]) -> String {
    // A link to itself is written as a bare URL where possible, but the parser decides where
    // a bare URL ends by what follows it; a link that would be read differently there is
    // written again as `[url](url)`. Forcing one link explicit never breaks another, so this
    // settles after a few rounds at most.
    let mut explicit = vec![false; inlines.len()];
    loop {
        let (out, bare) = write_markup(inlines, &explicit);
        let mut settled = true;
        for (i, at, len) in bare {
            if url_len(&out[at..]) != len {
                explicit[i] = true;
                settled = false;
            }
        }
        if settled {
            return out;
        }
    }
}

/// Markup for `inlines`, and for every link written as a bare URL: (index, byte offset in
/// the markup, length).
fn write_markup(inlines: &[Inline], explicit: &[bool]) -> (String, Vec<(usize, usize, usize)>) {
    let mut out = String::new();
    let mut bare = Vec::new();
    let mut style = TextStyle::default();
    for (i, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text { text, style: s } => {
                switch_style(&mut out, &mut style, *s);
                if s.code {
                    // A code span cannot hold a backtick; split around it.
                    for (i, part) in text.split('`').enumerate() {
                        if i > 0 {
                            out.push_str("\\`");
                        }
                        if !part.is_empty() {
                            let _ = write!(out, "`{part}`");
                        }
                    }
                } else {
                    escape_into(&mut out, text);
                }
            }
            Inline::Link {
                text,
                url,
                style: s,
            } => {
                switch_style(&mut out, &mut style, TextStyle { code: false, ..*s });
                let after_word = out.chars().next_back().is_some_and(char::is_alphanumeric);
                if !explicit[i]
                    && !after_word
                    && text == url
                    && starts_url(url)
                    && url_len(url) == url.len()
                {
                    bare.push((i, out.len(), url.len()));
                    out.push_str(url);
                } else {
                    out.push('[');
                    if text.starts_with('^') {
                        // `[^` would start a footnote reference.
                        out.push('\\');
                    }
                    escape_into(&mut out, text);
                    let _ = write!(out, "]({url})");
                }
            }
            Inline::FootnoteRef { number } => {
                let _ = write!(out, "[^{number}]");
            }
            Inline::LineBreak => out.push('\n'),
        }
    }
    switch_style(&mut out, &mut style, TextStyle::default());
    (out, bare)
}

/// Writes the markers that close and open styles to go from `cur` to `to` (the markup is
/// the same in lectern's format and in Markdown).
pub fn switch_style(out: &mut String, cur: &mut TextStyle, to: TextStyle) {
    let to = TextStyle { code: false, ..to };
    // Close in reverse order of opening, then open.
    if cur.strike && !to.strike {
        out.push_str("~~");
    }
    if cur.emph && !to.emph {
        out.push('*');
    }
    if cur.strong && !to.strong {
        out.push_str("**");
    }
    if !cur.strong && to.strong {
        out.push_str("**");
    }
    if !cur.emph && to.emph {
        out.push('*');
    }
    if !cur.strike && to.strike {
        out.push_str("~~");
    }
    *cur = to;
}

/// Escapes markup characters. A text run that holds something URL-like (the parsers turn
/// URLs into links, so only text from elsewhere can) gets the colon of `http://` escaped, so
/// that it is not read back as a link.
fn escape_into(out: &mut String, text: &str) {
    for (i, c) in text.char_indices() {
        match c {
            ':' if text[i + 1..].starts_with("//")
                && (text[..i].ends_with("http") || text[..i].ends_with("https")) =>
            {
                out.push_str("\\:");
            }
            '\\' | '*' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            // Any `~` may meet another across a style change (`a~` then struck `~b`).
            '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// Plain rendering used by `lectern print`: emphasis as `*text*`, strong as `**text**`,
/// code as `` `text` ``, footnote refs as `[N]`, links as their text (plus ` <url>` when the
/// text is not the URL itself).
pub fn to_plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    // Marks go where the style changes, not around every run: `**bold *and both***`.
    let mut style = TextStyle::default();
    for inline in inlines {
        match inline {
            Inline::Text { text, style: s } => {
                switch_style(&mut out, &mut style, *s);
                if s.code {
                    let _ = write!(out, "`{text}`");
                } else {
                    out.push_str(text);
                }
            }
            Inline::Link {
                text,
                url,
                style: s,
            } => {
                switch_style(&mut out, &mut style, *s);
                out.push_str(text);
                if text != url {
                    let _ = write!(out, " <{url}>");
                }
            }
            Inline::FootnoteRef { number } => {
                let _ = write!(out, "[{number}]");
            }
            Inline::LineBreak => out.push('\n'),
        }
    }
    switch_style(&mut out, &mut style, TextStyle::default());
    out
}
