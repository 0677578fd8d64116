//! The first look at a Markdown text, line by line and without keeping it: where the front
//! matter ends, where chunks start, and what every chunk will need to know about the others
//! (which footnote labels are defined somewhere, which link reference definitions exist).
//!
//! A chunk starts at a heading (`# `, `## ` … at column 0) that follows a blank line and is
//! outside any fenced code or HTML block, once the chunk before it has [`Planner`]'s minimum
//! size. The plan is a guess (see `scan.rs`); `feed.rs` checks it.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::Parser;
use unicase::UniCase;

use super::frontmatter;
use super::scan::{LineKind, LineScanner, label_key};
use super::walk::options;

/// The smallest chunk worth its own parse: a chapter of the reference book is about 40 KB,
/// and pulldown-cmark's tree for a chunk costs about 1.5 times its size.
pub(super) const MIN_CHUNK: usize = 16 << 10;

/// Lines collected after a line that looks like a link reference definition, for
/// pulldown-cmark to read the definitions in them.
const SNIPPET_LINES: usize = 64;

/// Where a link reference definition points, as pulldown-cmark hands it to a link: the
/// destination and the title (empty without one).
pub(super) type LinkTarget = (String, String);

/// What the first look found.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Where the Markdown after the front matter starts.
    pub body_start: usize,
    /// Byte offsets where chunks start, the first at `body_start`, in order.
    pub starts: Vec<usize>,
    /// Keys ([`label_key`]) of the footnote labels defined anywhere.
    pub footnotes: HashSet<u64>,
    /// Link reference definitions, the first of each label.
    pub links: HashMap<UniCase<String>, LinkTarget>,
}

/// Builds a [`Plan`] from the lines of a text, given in order.
#[derive(Debug)]
pub(super) struct Planner {
    min_chunk: usize,
    scanner: LineScanner,
    plan: Plan,
    front: Front,
    /// The lines from one that looks like a link reference definition up to a blank line.
    snippet: String,
    snippet_lines: usize,
}

#[derive(Debug, PartialEq, Eq)]
enum Front {
    /// Before the first line.
    Start,
    /// Inside front matter that has not been closed yet.
    Open,
    /// In the body.
    Body,
}

impl Planner {
    /// A planner that starts a chunk at a heading only after `min_chunk` bytes.
    pub(super) fn new(min_chunk: usize) -> Self {
        Planner {
            min_chunk,
            scanner: LineScanner::default(),
            plan: Plan {
                starts: vec![0],
                ..Plan::default()
            },
            front: Front::Start,
            snippet: String::new(),
            snippet_lines: 0,
        }
    }

    /// The next line, with its line ending, found at byte offset `at`.
    pub(super) fn line(&mut self, at: usize, mut line: &str) {
        match self.front {
            Front::Start => {
                if let Some(rest) = line.strip_prefix('\u{feff}') {
                    line = rest;
                    self.restart(3);
                }
                if frontmatter::opens(line) {
                    self.front = Front::Open;
                } else {
                    self.front = Front::Body;
                }
            }
            Front::Open if frontmatter::closes(line) => {
                // The lines so far were front matter, not Markdown: forget what they held.
                self.front = Front::Body;
                self.restart(at + line.len());
                return;
            }
            Front::Open | Front::Body => {}
        }
        // Until the front matter closes its lines are read as Markdown too: without a closing
        // line they are Markdown.
        let kind = self.scanner.line(line);
        if self.snippet_lines > 0 {
            if matches!(kind, LineKind::Blank | LineKind::Heading)
                || self.snippet_lines == SNIPPET_LINES
            {
                self.read_snippet();
            } else {
                self.snippet.push_str(line);
                self.snippet_lines += 1;
            }
        }
        match kind {
            LineKind::Heading => {
                let start = self.plan.starts.last().copied().unwrap_or(0);
                if at > start && at - start >= self.min_chunk {
                    self.plan.starts.push(at);
                }
            }
            LineKind::FootnoteDef(label) => {
                self.plan.footnotes.insert(label_key(label));
            }
            LineKind::LinkDef if self.snippet_lines == 0 => {
                self.snippet.push_str(line);
                self.snippet_lines = 1;
            }
            _ => {}
        }
    }

    /// The plan.
    pub(super) fn finish(mut self) -> Plan {
        self.read_snippet();
        self.plan.body_start = self.plan.starts[0];
        self.plan
    }

    /// Starts over: the body begins at `body_start`.
    fn restart(&mut self, body_start: usize) {
        self.scanner = LineScanner::default();
        self.plan = Plan {
            starts: vec![body_start],
            ..Plan::default()
        };
        self.snippet.clear();
        self.snippet_lines = 0;
    }

    /// Lets pulldown-cmark read the link reference definitions in the snippet.
    fn read_snippet(&mut self) {
        if self.snippet_lines == 0 {
            return;
        }
        let parser = Parser::new_ext(&self.snippet, options());
        for (label, def) in parser.reference_definitions().iter() {
            let title = def.title.as_deref().unwrap_or("");
            self.plan
                .links
                .entry(UniCase::new(label.to_owned()))
                .or_insert_with(|| (def.dest.to_string(), title.to_owned()));
        }
        self.snippet.clear();
        self.snippet_lines = 0;
    }
}

/// The plan of a text in memory.
pub(super) fn plan_text(src: &str, min_chunk: usize) -> Plan {
    let mut planner = Planner::new(min_chunk);
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        planner.line(at, line);
        at += line.len();
    }
    planner.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_start_at_headings_after_the_front_matter() {
        let src = "---\ntitle: T\n# not a chapter\n---\n# One\n\ntext[^a]\n## Two\n[^a]: A\n\n# Three\n\n[l]: http://x 'T'\n";
        let plan = plan_text(src, 0);
        let body = src.find("# One").unwrap();
        assert_eq!(plan.body_start, body);
        assert_eq!(
            plan.starts,
            [body, src.find("# Three").unwrap()],
            "`## Two` follows text, not a blank line"
        );
        assert!(plan.footnotes.contains(&label_key("A")));
        let link = &plan.links[&UniCase::new("L".to_owned())];
        assert_eq!(link, &("http://x".to_owned(), "T".to_owned()));
        assert_eq!(plan_text(src, 1000).starts, [body]);
    }

    #[test]
    fn unclosed_front_matter_is_markdown_and_a_bom_is_skipped() {
        let src = "\u{feff}---\n[^x]: y\n\n# A\n";
        let plan = plan_text(src, 0);
        assert_eq!(plan.starts, [3, src.find("# A").unwrap()]);
        assert!(plan.footnotes.contains(&label_key("x")));
        let closed_at_end = "---\nt: x\n---";
        assert_eq!(plan_text(closed_at_end, 0).starts, [closed_at_end.len()]);
    }
}
