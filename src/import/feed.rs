//! Feeding a text to the walker in chunks, each parsed by a pulldown-cmark parser of its own,
//! so that pulldown-cmark's tree (about 1.5 times the size of what it parses) only ever
//! covers one chunk.
//!
//! A chunk starts at a heading that nothing can take in (see `plan.rs`), so blocks do not
//! cross chunks; references do, and pulldown-cmark only resolves what its own parse defines:
//! - a footnote reference is recognised only when its label is defined in the same parse. A
//!   chunk that refers to a label defined in another chunk gets a stand-in definition
//!   (`[^label]: x`) appended; its events never reach the walker;
//! - a reference link defined in another chunk is resolved through pulldown-cmark's
//!   broken-link callback: from the definitions of the chunks parsed so far, or from those
//!   the plan found further on.
//!
//! Each assumption is checked against pulldown-cmark's own reading of each chunk. When one
//! does not hold, the walk is abandoned ([`Fallback`]) and the caller walks the text in one
//! piece, which is always right.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use unicase::UniCase;

use super::plan::{LinkTarget, Plan};
use super::raw::Walked;
use super::scan::{LineKind, LineScanner, footnote_refs, label_key};
use super::walk::{Walker, options};

/// How far past its end a chunk's text is shown to the walker: enough for the longest
/// footnote label it looks for (999 bytes) after a `[^` at the chunk's very end.
pub(super) const LOOKAHEAD: usize = 1024;

/// pulldown-cmark's allowance of link-reference expansion per parse: the text's length, at
/// least this (`Parser::link_ref_expansion_limit`, against quadratic blow-up).
const MIN_EXPANSION: usize = 100_000;

/// One chunk of the text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Chunk<'a> {
    /// The chunk, followed by up to [`LOOKAHEAD`] bytes of the text after it.
    pub text: &'a str,
    /// The length of the chunk itself.
    pub len: usize,
    /// Its byte offset in the file.
    pub at: usize,
    /// Whether it is the last one.
    pub last: bool,
}

/// The chunked walk could not be trusted; the reason, for tests and debugging.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Fallback(pub &'static str);

/// Walks a text chunk by chunk; see the module documentation.
pub(super) struct Feeder<'p, 'n> {
    walker: Walker<'n>,
    plan: &'p Plan,
    /// Link reference definitions of the chunks parsed so far, as pulldown-cmark read them.
    links: HashMap<UniCase<String>, LinkTarget>,
    /// What the broken-link callback answered, by label.
    asked: HashMap<UniCase<String>, Option<LinkTarget>>,
    /// The labels of the stand-in definitions, as pulldown-cmark read them.
    stand_ins: Vec<String>,
    /// Bytes of link targets copied into reference links, in all chunks.
    expansion: usize,
    failed: Option<&'static str>,
    /// The longest text given to one parser.
    pub(super) largest: usize,
}

/// What a chunk's events must show for the chunk to have parsed as it would in place.
struct ChunkCheck {
    len: usize,
    last: bool,
    /// Where the stand-in definitions start in the parsed text (`usize::MAX`: none).
    stand_in_start: usize,
    /// Keys of the footnote labels the chunk defines.
    defined: HashSet<u64>,
    stand_ins: Vec<String>,
    expansion: usize,
    failed: Option<&'static str>,
}

impl<'p, 'n> Feeder<'p, 'n> {
    /// A feeder for the chunks of `plan`, walking into `walker`.
    pub(super) fn new(walker: Walker<'n>, plan: &'p Plan) -> Self {
        Feeder {
            walker,
            plan,
            links: HashMap::new(),
            asked: HashMap::new(),
            stand_ins: Vec::new(),
            expansion: 0,
            failed: None,
            largest: 0,
        }
    }

    /// Parses the next chunk and walks its events.
    pub(super) fn chunk(&mut self, chunk: Chunk<'_>) {
        if self.failed.is_some() {
            return;
        }
        let own = &chunk.text[..chunk.len];
        let defined = footnotes_defined_in(own);
        let stand_ins = self.stand_ins_for(own, &defined);
        let parsed = with_stand_ins(own, &stand_ins);
        let mut check = ChunkCheck {
            len: chunk.len,
            last: chunk.last,
            stand_in_start: if stand_ins.is_empty() {
                usize::MAX
            } else {
                parsed.len() - stand_ins.len()
            },
            defined: HashSet::new(),
            stand_ins: Vec::new(),
            expansion: 0,
            failed: None,
        };
        self.largest = self.largest.max(parsed.len());

        let Feeder {
            walker,
            plan,
            links,
            asked,
            ..
        } = self;
        walker.base = chunk.at;
        let callback = |link: BrokenLink<'_>| {
            let label = UniCase::new(link.reference.into_string());
            let answer = links
                .get(&label)
                .or_else(|| plan.links.get(&label))
                .cloned();
            let given = answer
                .clone()
                .map(|(dest, title)| (CowStr::from(dest), CowStr::from(title)));
            asked.entry(label).or_insert(answer);
            given
        };
        let parser = Parser::new_with_broken_link_callback(&parsed, options(), Some(callback));
        let chunk_links: Vec<(UniCase<String>, LinkTarget)> = parser
            .reference_definitions()
            .iter()
            .map(|(label, def)| {
                let title = def.title.as_deref().unwrap_or("");
                (
                    UniCase::new(label.to_owned()),
                    (def.dest.to_string(), title.to_owned()),
                )
            })
            .collect();
        for (event, range) in parser.into_offset_iter() {
            if check.failed.is_some() {
                break;
            }
            if check.admits(&event, &range) {
                walker.event(chunk.text, event, range);
            }
        }

        let limit = parsed.len().max(MIN_EXPANSION);
        let count = stand_ins.lines().count();
        check.failed = check.failed.or(if check.stand_ins.len() != count {
            Some("a stand-in definition was not read as one")
        } else if check.expansion >= limit {
            Some("reference links came near pulldown-cmark's expansion limit")
        } else if check.defined != defined {
            Some("the chunk's footnote definitions are not where the plan saw them")
        } else {
            None
        });
        self.add_links(chunk_links, &mut check);
        self.expansion += check.expansion;
        self.stand_ins.extend(check.stand_ins);
        self.failed = check.failed;
    }

    /// Adds a chunk's link reference definitions; a label another chunk defined too fails
    /// the check (in one piece, the first definition would serve every chunk).
    fn add_links(
        &mut self,
        chunk_links: Vec<(UniCase<String>, LinkTarget)>,
        check: &mut ChunkCheck,
    ) {
        for (label, target) in chunk_links {
            match self.links.entry(label) {
                Entry::Occupied(_) => {
                    check.failed = check
                        .failed
                        .or(Some("a link label is defined in two chunks"));
                }
                Entry::Vacant(slot) => {
                    slot.insert(target);
                }
            }
        }
    }

    /// Stand-in definitions for the labels `own` may refer to that another chunk defines.
    fn stand_ins_for(&self, own: &str, defined: &HashSet<u64>) -> String {
        let mut out = String::new();
        let mut added = HashSet::new();
        for label in footnote_refs(own) {
            // In a table pulldown-cmark reads `\|` in a label as `|`.
            let unescaped = label.contains("\\|").then(|| label.replace("\\|", "|"));
            for label in std::iter::once(label).chain(unescaped.as_deref()) {
                let key = label_key(label);
                if self.plan.footnotes.contains(&key)
                    && !defined.contains(&key)
                    && added.insert(key)
                {
                    out.push_str("[^");
                    out.push_str(label);
                    out.push_str("]: x\n");
                }
            }
        }
        out
    }

    /// The raw blocks, unless a check failed; `body_len` is the length of the whole text
    /// after the front matter (what one parser would have seen).
    pub(super) fn finish(mut self, body_len: usize) -> Result<Walked, Fallback> {
        if self.failed.is_none() {
            let stand_in_undefined = self.stand_ins.iter().any(|l| !self.walker.is_defined(l));
            let wrong_answer = self
                .asked
                .iter()
                .any(|(label, answer)| self.links.get(label) != answer.as_ref());
            self.failed = if stand_in_undefined {
                Some("a stand-in definition stood for a label defined nowhere")
            } else if wrong_answer {
                Some("a reference link was resolved differently than in the whole text")
            } else if self.expansion >= body_len.max(MIN_EXPANSION) {
                Some("reference links came near pulldown-cmark's expansion limit")
            } else {
                None
            };
        }
        match self.failed {
            Some(why) => Err(Fallback(why)),
            None => Ok(self.walker.finish()),
        }
    }
}

impl ChunkCheck {
    /// Whether the event belongs to the chunk itself (not to a stand-in), noting what the
    /// checks need to know.
    fn admits(&mut self, event: &Event<'_>, range: &Range<usize>) -> bool {
        if range.start >= self.stand_in_start {
            // A stand-in's events: its start is counted, the rest is dropped.
            match event {
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.stand_ins.push(label.to_string());
                }
                Event::Start(Tag::Paragraph)
                | Event::End(TagEnd::FootnoteDefinition | TagEnd::Paragraph)
                | Event::Text(_) => {}
                _ => self.failed = Some("unexpected events after the chunk"),
            }
            return false;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.defined.insert(label_key(label));
            }
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    ..
                },
            ) if is_reference(*link_type) => self.expansion += dest_url.len() + title.len(),
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock)
                if !self.last && range.end >= self.len =>
            {
                self.failed = Some("a code or HTML block runs to the end of the chunk");
            }
            Event::End(_) if range.end > self.stand_in_start => {
                self.failed = Some("a block of the chunk took in the stand-in definitions");
            }
            _ => {}
        }
        true
    }
}

/// Whether a link took its target from a reference definition (and so counts against
/// pulldown-cmark's expansion limit).
fn is_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    )
}

/// The footnote labels a chunk's own text defines, by the same scan that planned it (which
/// the events check).
fn footnotes_defined_in(own: &str) -> HashSet<u64> {
    let mut defined = HashSet::new();
    let mut scanner = LineScanner::default();
    for line in own.split_inclusive('\n') {
        if let LineKind::FootnoteDef(label) = scanner.line(line) {
            defined.insert(label_key(label));
        }
    }
    defined
}

/// The text to parse for a chunk: its own text, then its stand-in definitions, if any,
/// after a blank line.
fn with_stand_ins<'a>(own: &'a str, stand_ins: &str) -> Cow<'a, str> {
    if stand_ins.is_empty() {
        return Cow::Borrowed(own);
    }
    let mut text = String::with_capacity(own.len() + stand_ins.len() + 2);
    text.push_str(own);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // A blank line ends whatever block the chunk ends with.
    text.push('\n');
    text.push_str(stand_ins);
    Cow::Owned(text)
}
