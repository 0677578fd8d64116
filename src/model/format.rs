//! The article file format (RON), as serde types. `docs/FORMAT.md` documents it for authors;
//! [`super::load`] validates it and builds a [`super::Document`].

use serde::{Deserialize, Serialize};

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole article file.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Article")]
pub struct ArticleFile {
    /// Format version; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// Stable article id: notes and reading state are filed under it.
    pub id: String,
    /// Title of the article (inline markup allowed).
    pub title: String,
    /// Authors, in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// A note about the author(s), shown under the title (inline markup allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_note: Option<String>,
    /// Where the article comes from: a citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What kind of work it is: `Book`, `Article`, `Web` or `Report`; when missing, told
    /// from the fields below (a journal: an article; only a URL: a web page; else a report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::model::WorkType>,
    /// Publication date: `"2020"`, `"2020-05"` or `"2020-05-31"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The journal, book or site the article appeared in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    /// Volume of the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue of the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Page range in the container: `"123-145"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// Publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// DOI, without a resolver: `"10.1080/10736700.2020.1"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// Where the article can be read: an `http://` or `https://` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headings and blocks in reading order; headings open sections.
    pub body: Vec<BlockFile>,
    /// Footnotes, referenced from text as `[^N]`.
    #[serde(default)]
    pub footnotes: Vec<FootnoteFile>,
    /// Glossary entries.
    #[serde(default)]
    pub glossary: Vec<EntryFile>,
}

/// One element of the body.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum BlockFile {
    /// Opens a section of `level` (1 = top) that lasts until the next heading of the same or
    /// a higher level.
    Heading {
        /// 1 to 6; a heading may go at most one level deeper than the one before it.
        level: u8,
        /// The heading text (inline markup allowed).
        text: String,
    },
    /// A paragraph of prose.
    Paragraph {
        /// Stable id; notes attach to it.
        id: String,
        /// The text, with inline markup.
        text: String,
    },
    /// A block quotation.
    Quote {
        /// Stable id.
        id: String,
        /// The text, with inline markup.
        text: String,
    },
    /// A list item.
    Item {
        /// Stable id.
        id: String,
        /// Bullet or number as shown: `"-"`, `"3."`.
        marker: String,
        /// Nesting depth, from 0.
        #[serde(default, skip_serializing_if = "is_zero")]
        depth: u8,
        /// The text, with inline markup.
        text: String,
    },
    /// Preformatted text: line breaks and spacing kept, no markup.
    Code {
        /// Stable id.
        id: String,
        /// The text, verbatim.
        text: String,
    },
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// A footnote.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Footnote")]
pub struct FootnoteFile {
    /// The number shown at the reference, `[^N]` in text.
    pub number: u32,
    /// The footnote text, with inline markup; URLs become links.
    pub text: String,
}

/// A glossary entry.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Entry")]
pub struct EntryFile {
    /// Stable id, used by `see_also`.
    pub id: String,
    /// The term as it appears in text.
    pub term: String,
    /// Other spellings that count as an occurrence.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The definition, with inline markup.
    pub definition: String,
    /// Ids of related entries.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// True for an entry the import found in the text (an abbreviation it defines).
    #[serde(default, skip_serializing_if = "is_false")]
    pub found_in_text: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}
