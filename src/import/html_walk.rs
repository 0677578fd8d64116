//! The HTML layer shared by saved web pages and EPUB chapters: a parsed HTML tree
//! (`dom_query`, html5ever underneath) to the importer's raw blocks, which
//! [`super::build`] turns into a document as it does for Markdown.
//!
//! Headings become sections; paragraphs, list items (nested), block quotes, preformatted
//! code and tables (as padded rows) become blocks; emphasis, strong, code, strike and links
//! are kept; images become `[image: alt]`. Scripts, styles, forms and media are never
//! shown. Footnote references were replaced beforehand (by [`super::html_notes`]) with a
//! placeholder in the text, which becomes a reference here.

use dom_query::NodeRef;
use pulldown_cmark::{LinkType, TagEnd};

use super::para::Para;
use super::raw::{Piece, RawBlock, Role};
use crate::model::{BlockKind, Inline};

/// Elements nested deeper than this are read as plain text (hostile markup cannot overflow
/// the stack).
pub(super) const MAX_DEPTH: usize = 160;

/// Opens a footnote-reference placeholder: the label number follows, then [`REF_CLOSE`].
/// A private-use character, removed from every input before parsing.
pub(super) const REF_OPEN: char = '\u{F8F0}';
/// Closes a footnote-reference placeholder.
pub(super) const REF_CLOSE: char = '\u{F8F1}';

/// The placeholder text for a reference to footnote label `label`.
pub(super) fn ref_placeholder(label: usize) -> String {
    format!("{REF_OPEN}{label}{REF_CLOSE}")
}

/// `text` without the placeholder characters (an input cannot forge a reference).
pub(super) fn strip_placeholder_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([REF_OPEN, REF_CLOSE]) {
        text.replace([REF_OPEN, REF_CLOSE], "\u{FFFD}").into()
    } else {
        text.into()
    }
}

/// Elements deeper than this in a document are flattened to their text before anything
/// reads the tree (reader mode recurses; hostile markup nests thousands deep).
pub(super) const MAX_TREE_DEPTH: usize = 100;

/// Replaces what lies deeper than [`MAX_TREE_DEPTH`] elements in `doc` with its text.
pub(super) fn flatten_deep(doc: &dom_query::Document) {
    let mut deep = Vec::new();
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        for child in node.children_it(false).filter(NodeRef::is_element) {
            if depth + 1 >= MAX_TREE_DEPTH {
                deep.push(child);
            } else {
                stack.push((child, depth + 1));
            }
        }
    }
    for node in deep {
        let text = node.text();
        node.remove_children();
        node.append_child(&doc.tree.new_text(text));
    }
}

/// Decides what a link target becomes: the URL to keep, or `None` for text only (a link
/// inside the book or page, which the reader cannot follow).
pub(super) type LinkResolver<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Walks HTML trees into raw blocks.
pub(super) struct HtmlWalker<'a> {
    resolve: LinkResolver<'a>,
    /// How many footnote labels there are: a placeholder names one of them.
    labels: usize,
    /// The `at` given to blocks (a chapter's index for an EPUB, 0 for a page).
    at: usize,
    blocks: Vec<RawBlock>,
    para: Option<Para>,
    /// The text so far ends in a space (or there is none): a leading space is dropped.
    space: bool,
    code: u32,
    emph: u32,
    strong: u32,
    strike: u32,
    lists: Vec<List>,
    quote: u32,
    /// The marker of a list item whose first block has not come yet.
    item: Option<BlockKind>,
    heading: Option<u8>,
}

struct List {
    ordered: bool,
    next: u64,
}

impl<'a> HtmlWalker<'a> {
    /// A walker whose placeholders may name `labels` footnote labels and whose blocks are
    /// placed at `at`.
    pub(super) fn new(resolve: LinkResolver<'a>, labels: usize, at: usize) -> Self {
        HtmlWalker {
            resolve,
            labels,
            at,
            blocks: Vec::new(),
            para: None,
            space: true,
            code: 0,
            emph: 0,
            strong: 0,
            strike: 0,
            lists: Vec::new(),
            quote: 0,
            item: None,
            heading: None,
        }
    }

    /// Walks `node`'s children (the node itself for a text).
    pub(super) fn walk_children(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            self.node(&child, 0);
        }
    }

    /// The blocks walked, in reading order.
    pub(super) fn finish(mut self) -> Vec<RawBlock> {
        self.flush();
        self.blocks
    }

    /// The content of a note: its blocks joined by line breaks, a list item starting with
    /// its marker.
    pub(super) fn note_pieces(
        resolve: LinkResolver<'a>,
        labels: usize,
        node: &NodeRef,
    ) -> Vec<Piece> {
        let mut walker = HtmlWalker::new(resolve, labels, 0);
        walker.walk_children(node);
        let mut out = Vec::new();
        for block in walker.finish() {
            if !out.is_empty() {
                out.push(Piece::Inline(Inline::LineBreak));
            }
            if let BlockKind::Item { marker, .. } = &block.kind {
                super::para::push_piece(
                    &mut out,
                    Piece::Inline(super::raw::text(&format!("{marker} "))),
                );
            }
            for piece in block.pieces {
                super::para::push_piece(&mut out, piece);
            }
        }
        out
    }

    fn node(&mut self, node: &NodeRef, depth: usize) {
        if node.is_text() {
            self.text(&node.text());
            return;
        }
        if !node.is_element() {
            return;
        }
        let Some(name) = node.node_name() else {
            return;
        };
        if depth > MAX_DEPTH {
            self.text(&node.text());
            return;
        }
        let depth = depth + 1;
        match &*name {
            "script" | "style" | "noscript" | "template" | "head" | "title" | "svg" | "iframe"
            | "object" | "embed" | "video" | "audio" | "canvas" | "form" | "button" | "select"
            | "input" | "textarea" | "nav" | "map" | "area" | "source" | "track" => {}
            "br" => {
                self.para().line_break();
                self.space = true;
            }
            "img" => {
                let alt = node.attr("alt").map(|a| collapse(&a)).unwrap_or_default();
                let alt = alt.trim();
                let shown = if alt.is_empty() {
                    "[image]".to_owned()
                } else {
                    format!("[image: {alt}]")
                };
                self.text(&shown);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = name[1..].parse().ok();
                self.children(node, depth);
                self.flush();
                self.heading = None;
            }
            "math" => self.math(node),
            "hr" => self.flush(),
            "blockquote" => {
                self.flush();
                self.quote += 1;
                self.children(node, depth);
                self.flush();
                self.quote -= 1;
            }
            "ul" | "ol" | "menu" => {
                self.flush();
                let start = node
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.lists.push(List {
                    ordered: &*name == "ol",
                    next: start,
                });
                self.children(node, depth);
                self.flush();
                self.lists.pop();
            }
            "li" => self.list_item(node, depth),
            "pre" => self.preformatted(node),
            "table" => self.table(node),
            "em" | "i" | "cite" | "dfn" | "var" => {
                self.emph += 1;
                self.sync_style();
                self.children(node, depth);
                self.emph -= 1;
                self.sync_style();
            }
            "strong" | "b" => {
                self.strong += 1;
                self.sync_style();
                self.children(node, depth);
                self.strong -= 1;
                self.sync_style();
            }
            "s" | "del" | "strike" => {
                self.strike += 1;
                self.sync_style();
                self.children(node, depth);
                self.strike -= 1;
                self.sync_style();
            }
            "code" | "kbd" | "samp" | "tt" => {
                self.code += 1;
                self.children(node, depth);
                self.code -= 1;
            }
            "a" => self.link(node, depth),
            _ if is_block(&name) => {
                self.flush();
                self.children(node, depth);
                self.flush();
            }
            _ => self.children(node, depth),
        }
    }

    /// MathML as code: its `alttext`, else its TeX annotation, else the text of its
    /// tokens (`mi`, `mn`, `mo`…) one space apart; a `display="block"` formula is a block.
    fn math(&mut self, node: &NodeRef) {
        let shown = math_text(node);
        if shown.is_empty() {
            return;
        }
        let block = node
            .attr("display")
            .is_some_and(|d| d.eq_ignore_ascii_case("block"));
        if block {
            self.flush();
        }
        self.code += 1;
        self.text(&shown);
        self.code -= 1;
        if block {
            self.flush();
        }
    }

    fn children(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            self.node(&child, depth);
        }
    }

    fn list_item(&mut self, node: &NodeRef, depth: usize) {
        self.flush();
        let marker = match self.lists.last_mut() {
            Some(list) if list.ordered => {
                let n = list.next;
                list.next = list.next.saturating_add(1);
                format!("{n}.")
            }
            _ => "-".to_owned(),
        };
        let nesting = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
        self.item = Some(BlockKind::Item {
            marker,
            depth: nesting,
        });
        self.children(node, depth);
        self.flush();
        self.item = None;
    }

    fn link(&mut self, node: &NodeRef, depth: usize) {
        let url = node
            .attr("href")
            .and_then(|href| (self.resolve)(href.trim()));
        let Some(url) = url else {
            return self.children(node, depth);
        };
        let url = super::para::link_url(&url);
        self.para().start_link(LinkType::Inline, &url);
        self.children(node, depth);
        self.para().end_inline(TagEnd::Link);
    }

    fn preformatted(&mut self, node: &NodeRef) {
        self.flush();
        let text = strip_placeholder_chars(&node.text()).into_owned();
        let text = text.strip_prefix('\n').unwrap_or(&text);
        let text = text.trim_end_matches(['\n', '\r', ' ', '\t']);
        if text.trim().is_empty() {
            return;
        }
        let code = crate::model::TextStyle {
            code: true,
            ..Default::default()
        };
        let kind = self.item.take().unwrap_or(BlockKind::Code);
        let kind = if matches!(kind, BlockKind::Item { .. }) {
            BlockKind::Code
        } else {
            kind
        };
        self.blocks.push(RawBlock {
            kind,
            pieces: vec![Piece::Inline(Inline::Text {
                text: crate::sanitize::clean(text).into_owned(),
                style: code,
            })],
            at: self.at,
            role: Role::Body,
            top_level: self.lists.is_empty() && self.quote == 0,
        });
    }

    fn table(&mut self, node: &NodeRef) {
        self.flush();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut head_rows = 0;
        for row in node.descendants_it().filter(|n| n.has_name("tr")) {
            let cells: Vec<String> = row
                .element_children()
                .iter()
                .filter(|c| c.has_name("td") || c.has_name("th"))
                .map(|c| {
                    collapse(&strip_placeholder_chars(&c.text()))
                        .trim()
                        .to_owned()
                })
                .collect();
            let all_head = row.element_children().iter().all(|c| c.has_name("th"));
            if all_head && rows.len() == head_rows {
                head_rows += 1;
            }
            rows.push(cells);
        }
        if head_rows == rows.len() {
            head_rows = 0;
        }
        let text = super::table::render(&[], &rows, head_rows);
        if text.trim().is_empty() {
            return;
        }
        let code = crate::model::TextStyle {
            code: true,
            ..Default::default()
        };
        self.blocks.push(RawBlock {
            kind: BlockKind::Code,
            pieces: vec![Piece::Inline(Inline::Text {
                text: crate::sanitize::clean(&text).into_owned(),
                style: code,
            })],
            at: self.at,
            role: Role::Body,
            top_level: self.lists.is_empty() && self.quote == 0,
        });
    }

    fn para(&mut self) -> &mut Para {
        let (emph, strong, strike) = (self.emph, self.strong, self.strike);
        self.para.get_or_insert_with(|| {
            let mut para = Para::new(0);
            (para.emph, para.strong, para.strike) = (emph, strong, strike);
            para
        })
    }

    /// The paragraph being collected takes the walker's style (a block that ends inside
    /// an `<em>` leaves the next one in emphasis too).
    fn sync_style(&mut self) {
        if let Some(para) = &mut self.para {
            (para.emph, para.strong, para.strike) = (self.emph, self.strong, self.strike);
        }
    }

    /// Text as HTML shows it: runs of white space are one space; placeholders become
    /// footnote references.
    fn text(&mut self, raw: &str) {
        let collapsed = collapse(raw);
        let mut rest = collapsed.as_str();
        while let Some(open) = rest.find(REF_OPEN) {
            self.plain(&rest[..open]);
            let after = &rest[open + REF_OPEN.len_utf8()..];
            let Some(close) = after.find(REF_CLOSE) else {
                rest = after;
                continue;
            };
            match after[..close].parse::<usize>() {
                Ok(label) if label < self.labels => {
                    let at = self.at;
                    self.para().footnote_ref(label, at);
                    self.space = false;
                }
                _ => {}
            }
            rest = &after[close + REF_CLOSE.len_utf8()..];
        }
        self.plain(rest);
    }

    fn plain(&mut self, text: &str) {
        let text = if self.space {
            text.trim_start_matches(' ')
        } else {
            text
        };
        if text.is_empty() {
            return;
        }
        self.space = text.ends_with(' ');
        if self.code > 0 {
            self.para().code(text);
        } else {
            self.para().text(text);
        }
    }

    /// Ends the block being collected, if it has text.
    fn flush(&mut self) {
        self.space = true;
        let Some(para) = self.para.take() else {
            return;
        };
        let mut pieces = para.finish();
        trim_end(&mut pieces);
        if pieces.is_empty() {
            return;
        }
        let (kind, role) = match self.heading {
            Some(level) => (BlockKind::Prose, Role::Heading(level)),
            None => {
                let kind = self.item.take().unwrap_or(if self.quote > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Prose
                });
                (kind, Role::Body)
            }
        };
        pieces.shrink_to_fit();
        self.blocks.push(RawBlock {
            kind,
            pieces,
            at: self.at,
            role,
            top_level: self.lists.is_empty() && self.quote == 0,
        });
    }
}

/// Elements that start and end a block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "dl"
            | "dt"
            | "dd"
            | "hgroup"
            | "fieldset"
            | "legend"
            | "caption"
            | "dialog"
            | "search"
    )
}

/// HTML white space: all of it ASCII, so a text can be cut at any of it.
fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Runs of HTML white space as one space. The text between them is copied a run at a
/// time, not a character at a time: every text of a page goes through here.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.bytes().position(is_html_space) {
        out.push_str(&rest[..at]);
        out.push(' ');
        let run = rest[at..]
            .bytes()
            .position(|b| !is_html_space(b))
            .unwrap_or(rest.len() - at);
        rest = &rest[at + run..];
    }
    out.push_str(rest);
    out
}

/// Drops the spaces at the end of a block (before a line break too).
fn trim_end(pieces: &mut Vec<Piece>) {
    while let Some(Piece::Inline(Inline::Text { text, .. })) = pieces.last_mut() {
        let kept = text.trim_end_matches(' ').len();
        text.truncate(kept);
        if !text.is_empty() {
            break;
        }
        pieces.pop();
    }
    while matches!(pieces.last(), Some(Piece::Inline(Inline::LineBreak))) {
        pieces.pop();
        trim_end(pieces);
    }
}

/// The most nodes of one formula read, and the most characters kept of it.
const MATH_NODES: usize = 20_000;
const MATH_CHARS: usize = 4_000;

/// What a MathML formula reads as (see [`HtmlWalker::math`]), without recursion.
fn math_text(node: &NodeRef) -> String {
    if let Some(alt) = node.attr("alttext").map(|a| collapse(&a))
        && !alt.trim().is_empty()
    {
        return alt.trim().chars().take(MATH_CHARS).collect();
    }
    let mut tokens: Vec<String> = Vec::new();
    let mut tex = None;
    let mut stack: Vec<NodeRef> = vec![*node];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > MATH_NODES {
            break;
        }
        if n.is_text() {
            let text = collapse(&n.text());
            if !text.trim().is_empty() {
                tokens.push(text.trim().to_owned());
            }
            continue;
        }
        match n.node_name().as_deref() {
            Some("annotation") => {
                let encoding = n.attr("encoding").unwrap_or_default().to_ascii_lowercase();
                if tex.is_none() && encoding.contains("tex") {
                    tex = Some(collapse(&n.text()).trim().to_owned());
                }
                continue;
            }
            Some("annotation-xml") => continue,
            _ => {}
        }
        let children: Vec<NodeRef> = n.children_it(false).collect();
        stack.extend(children.into_iter().rev());
    }
    let text = tex
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| tokens.join(" "));
    text.chars().take(MATH_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The rule, a character at a time.
    fn collapse_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut in_space = false;
        for c in text.chars() {
            let space = matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}');
            if !(space && in_space) {
                out.push(if space { ' ' } else { c });
            }
            in_space = space;
        }
        out
    }

    #[test]
    fn white_space_runs_are_one_space() {
        assert_eq!(super::collapse(" a \t\n b\r\n\u{c}c  "), " a b c ");
        assert_eq!(
            super::collapse("é\u{a0} ü"),
            "é\u{a0} ü",
            "a no-break space stays"
        );
        assert_eq!(super::collapse(""), "");
    }

    proptest! {
        #[test]
        fn collapse_is_the_rule_a_character_at_a_time(
            text in "[ \t\n\r\u{c}\u{a0}aé🙂]{0,40}"
        ) {
            prop_assert_eq!(super::collapse(&text), collapse_by_char(&text));
        }
    }
}
