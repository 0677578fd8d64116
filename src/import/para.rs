//! Inline content of one paragraph as pulldown-cmark's events arrive: styles, links,
//! images, code spans and footnote references, with text runs merged and bare URLs found the
//! way the article markup parser finds them.

use pulldown_cmark::{LinkType, TagEnd};

use super::raw::Piece;
use crate::model::{Inline, TextStyle, inline};
use crate::sanitize::clean;

/// Appends code text in `style`. The article markup cannot hold a backtick inside code, so a
/// backtick is kept as plain text between two code runs.
pub(super) fn push_code(out: &mut Vec<Piece>, text: &str, style: TextStyle) {
    let code = TextStyle {
        code: true,
        ..style
    };
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            push_piece(
                out,
                Piece::Inline(Inline::Text {
                    text: "`".to_owned(),
                    style,
                }),
            );
        }
        push_piece(
            out,
            Piece::Inline(Inline::Text {
                text: part.to_owned(),
                style: code,
            }),
        );
    }
}

/// Appends a piece, continuing the previous text run when the style is the same (as the
/// markup parser does, so that documents compare equal after a round trip).
pub(super) fn push_piece(out: &mut Vec<Piece>, piece: Piece) {
    if let Piece::Inline(Inline::Text { text, style }) = &piece {
        if text.is_empty() {
            return;
        }
        if let Some(Piece::Inline(Inline::Text {
            text: last,
            style: s,
        })) = out.last_mut()
            && s == style
        {
            last.push_str(text);
            return;
        }
    }
    out.push(piece);
}

/// Inline content being collected.
pub(super) struct Para {
    pub(super) at: usize,
    pieces: Vec<Piece>,
    /// Text not yet split into runs and links, all in `pending_style`.
    pending: String,
    pending_style: TextStyle,
    pub(super) emph: u32,
    pub(super) strong: u32,
    pub(super) strike: u32,
    link: Option<LinkBuf>,
    pub(super) image: u32,
    pub(super) alt: String,
}

struct LinkBuf {
    url: String,
    text: String,
    style: TextStyle,
    refs: Vec<Piece>,
}

impl Para {
    /// Nothing collected yet; `at` is the byte offset of the paragraph in the file.
    pub(super) fn new(at: usize) -> Self {
        Para {
            at,
            pieces: Vec::new(),
            pending: String::new(),
            pending_style: TextStyle::default(),
            emph: 0,
            strong: 0,
            strike: 0,
            link: None,
            image: 0,
            alt: String::new(),
        }
    }

    /// The style of text at this point.
    pub(super) fn style(&self) -> TextStyle {
        TextStyle {
            emph: self.emph > 0,
            strong: self.strong > 0,
            strike: self.strike > 0,
            code: false,
        }
    }

    /// Text in the current style (or into a link text or image description).
    pub(super) fn text(&mut self, t: &str) {
        if self.image > 0 {
            self.alt.push_str(t);
        } else if let Some(link) = &mut self.link {
            link.text.push_str(t);
        } else {
            let style = self.style();
            if style != self.pending_style {
                self.flush_pending();
                self.pending_style = style;
            }
            self.pending.push_str(t);
        }
    }

    /// A code span.
    pub(super) fn code(&mut self, t: &str) {
        if self.image > 0 || self.link.is_some() {
            return self.text(t);
        }
        self.flush_pending();
        let style = self.style();
        push_code(&mut self.pieces, &clean(t), style);
    }

    /// A footnote reference.
    pub(super) fn footnote_ref(&mut self, label: usize, at: usize) {
        if self.image > 0 {
            return;
        }
        if let Some(link) = &mut self.link {
            link.refs.push(Piece::Ref { label, at });
            return;
        }
        self.flush_pending();
        self.pieces.push(Piece::Ref { label, at });
    }

    /// A hard line break.
    pub(super) fn line_break(&mut self) {
        if self.image > 0 || self.link.is_some() {
            return self.text(" ");
        }
        self.flush_pending();
        self.pieces.push(Piece::Inline(Inline::LineBreak));
    }

    /// A link opens.
    pub(super) fn start_link(&mut self, kind: LinkType, dest: &str) {
        if self.image > 0 || self.link.is_some() {
            return;
        }
        self.flush_pending();
        let url = match kind {
            LinkType::Email if !dest.starts_with("mailto:") => format!("mailto:{dest}"),
            _ => dest.to_owned(),
        };
        self.link = Some(LinkBuf {
            url,
            text: String::new(),
            style: self.style(),
            refs: Vec::new(),
        });
    }

    /// An inline element closes.
    pub(super) fn end_inline(&mut self, end: TagEnd) {
        match end {
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => self.end_link(),
            TagEnd::Image => self.end_image(),
            _ => {}
        }
    }

    fn end_link(&mut self) {
        if self.image > 0 {
            return;
        }
        let Some(link) = self.link.take() else {
            return;
        };
        let url = link_url(&link.url);
        let text = clean(link.text.trim()).into_owned();
        if url.is_empty() {
            self.text(&text);
        } else {
            self.flush_pending();
            let text = if text.is_empty() { url.clone() } else { text };
            self.pieces.push(Piece::Inline(Inline::Link {
                text,
                url,
                style: link.style,
            }));
        }
        self.pieces.extend(link.refs);
    }

    fn end_image(&mut self) {
        self.image = self.image.saturating_sub(1);
        if self.image == 0 {
            let alt = std::mem::take(&mut self.alt);
            let alt = alt.trim();
            if alt.is_empty() {
                self.text("[image]");
            } else {
                self.text(&format!("[image: {alt}]"));
            }
        }
    }

    fn flush_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut runs = Vec::new();
        inline::push_plain(&mut runs, &clean(&self.pending), self.pending_style);
        self.pending.clear();
        for mut run in runs {
            // A bare URL with an unclosed `(` could not be written back as a link.
            if let Inline::Link { url, .. } = &mut run
                && !balanced(url)
            {
                *url = link_url(url);
            }
            push_piece(&mut self.pieces, Piece::Inline(run));
        }
    }

    /// The content; empty when it holds only spaces.
    pub(super) fn finish(mut self) -> Vec<Piece> {
        self.flush_pending();
        // A paragraph of spaces has nothing to read.
        let blank = self.pieces.iter().all(|p| match p {
            Piece::Inline(Inline::Text { text, .. }) => text.trim().is_empty(),
            Piece::Inline(Inline::LineBreak) => true,
            _ => false,
        });
        if blank { Vec::new() } else { self.pieces }
    }
}

/// A link target the article markup can hold: one line without spaces (percent-encoded,
/// which a browser reads the same), no control characters, parentheses only where they
/// balance (else they are encoded too), so that `[text](url)` ends where it should.
pub(super) fn link_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_whitespace() || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    let out = clean(&out).into_owned();
    if balanced(&out) {
        out
    } else {
        out.replace('(', "%28").replace(')', "%29")
    }
}

/// Every `)` closes an earlier `(`, and every `(` is closed.
fn balanced(url: &str) -> bool {
    let mut depth = 0usize;
    for c in url.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return false,
            ')' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}
