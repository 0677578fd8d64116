//! The cache entry's bytes: a header, then frames of postcard, each with its length and an
//! XXH3 hash of its bytes, so a damaged or truncated entry is found before it is believed.
//!
//! ```text
//! header   "LCTCACHE", format (u32 LE), key (u64 LE), version length (u8) and version
//! frame    length (u32 LE), XXH3-64 of the payload (u64 LE), payload (postcard)
//! frames   Head (meta, glossary, warnings, counts), then the body in frames of about
//!          FRAME_TARGET bytes, each with the sections that begin in it and its paragraphs,
//!          then the footnotes likewise; then the end
//! ```
//!
//! Frames keep memory flat: the writer never holds the whole encoding, and the reader holds
//! one frame besides the document it builds. The body's frames are in reading order, each
//! with its own sections, so a reader can show the first screen after the first frame
//! whatever the size of the book ([`open`], [`Stream`]).

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use twox_hash::XxHash3_64;

use crate::diag::{Diagnostic, Severity};
use crate::model::document::{Document, Footnote, Meta, Paragraph, Section};
use crate::model::glossary::{Glossary, GlossaryEntry};
use crate::model::load::Loaded;
use crate::model::locate::Pos;

/// The first bytes of every entry.
pub const MAGIC: &[u8; 8] = b"LCTCACHE";

/// The version of this encoding and of the model types it holds: raise it whenever a
/// serialized model type changes (a field added to `Meta`, a new `Inline` variant), so
/// entries written before are rebuilt instead of misread.
pub const FORMAT: u32 = 2;

/// A frame's payload is cut after it reaches this many bytes.
const FRAME_TARGET: usize = 256 << 10;

/// The largest frame a reader accepts (a frame holds at most one 1 MiB block past
/// [`FRAME_TARGET`]; the head holds the glossary).
pub const MAX_FRAME: usize = 32 << 20;

/// The most paragraphs or footnotes an entry may claim.
pub const MAX_ITEMS: u64 = 1 << 26;

/// Why an entry was not used.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Reading failed (a truncated entry ends here too).
    #[error("reading the cache entry: {0}")]
    Io(#[from] io::Error),
    /// Not an entry of this lectern, or of another source.
    #[error("not a cache entry for this file and this lectern")]
    Foreign,
    /// The bytes do not hold what they claim.
    #[error("damaged cache entry: {0}")]
    Damaged(&'static str),
}

fn damaged(what: &'static str) -> DecodeError {
    DecodeError::Damaged(what)
}

/// A warning as kept in the cache.
#[derive(Serialize, Deserialize)]
struct Warning {
    line: usize,
    col: usize,
    error: bool,
    message: String,
    member: Option<String>,
}

/// The first frame.
#[derive(Serialize, Deserialize)]
struct Head {
    meta: Meta,
    glossary: Vec<GlossaryEntry>,
    warnings: Vec<Warning>,
    sections: u64,
    paragraphs: u64,
    footnotes: u64,
}

/// A frame of the body: the sections that begin in it (and, in the last, those after the
/// last paragraph), then its paragraphs.
#[derive(Serialize, Deserialize)]
struct Body<S, P> {
    sections: S,
    paragraphs: P,
}

/// Writes `loaded` as an entry for the source whose key is `key`.
pub fn encode(out: &mut dyn Write, key: u64, loaded: &Loaded) -> io::Result<()> {
    let doc = &loaded.doc;
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    out.write_all(&key.to_le_bytes())?;
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    out.write_all(&[version.len() as u8])?;
    out.write_all(version)?;
    let warnings = loaded
        .warnings
        .iter()
        .map(|d| Warning {
            line: d.pos.line,
            col: d.pos.col,
            error: d.severity == Severity::Error,
            message: d.message.clone(),
            member: d.member.clone(),
        })
        .collect();
    let head = Head {
        meta: doc.meta.clone(),
        glossary: doc.glossary.entries.clone(),
        warnings,
        sections: doc.sections.len() as u64,
        paragraphs: doc.paragraphs.len() as u64,
        footnotes: doc.footnotes.len() as u64,
    };
    let mut buf = Vec::new();
    frame(out, &mut buf, &head)?;
    body(out, &mut buf, &doc.sections, &doc.paragraphs)?;
    frames(out, &mut buf, &doc.footnotes)
}

/// Writes the sections and paragraphs in frames of about [`FRAME_TARGET`] bytes, each
/// section in the frame its first paragraph is in.
fn body(
    out: &mut dyn Write,
    buf: &mut Vec<u8>,
    sections: &[Section],
    paragraphs: &[Paragraph],
) -> io::Result<()> {
    let size = |v| postcard::experimental::serialized_size(v).map_err(io::Error::other);
    let (mut s, mut p) = (0, 0);
    while s < sections.len() || p < paragraphs.len() {
        let start = p;
        let mut bytes = 0;
        while p < paragraphs.len() && bytes < FRAME_TARGET {
            bytes += size(&paragraphs[p])?;
            p += 1;
        }
        let first = s;
        let last = p == paragraphs.len();
        while s < sections.len() && (last || sections[s].paragraphs.start < p) {
            s += 1;
        }
        let frame_value = Body {
            sections: &sections[first..s],
            paragraphs: &paragraphs[start..p],
        };
        frame(out, buf, &frame_value)?;
    }
    Ok(())
}

/// Writes `items` in frames of about [`FRAME_TARGET`] bytes.
fn frames<T: Serialize>(out: &mut dyn Write, buf: &mut Vec<u8>, items: &[T]) -> io::Result<()> {
    let mut start = 0;
    let mut size = 0;
    for (i, item) in items.iter().enumerate() {
        size += postcard::experimental::serialized_size(item).map_err(io::Error::other)?;
        if size >= FRAME_TARGET {
            frame(out, buf, &items[start..=i])?;
            start = i + 1;
            size = 0;
        }
    }
    if start < items.len() {
        frame(out, buf, &items[start..])?;
    }
    Ok(())
}

fn frame<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    buf: &mut Vec<u8>,
    value: &T,
) -> io::Result<()> {
    buf.clear();
    let bytes = postcard::to_extend(value, std::mem::take(buf)).map_err(io::Error::other)?;
    *buf = bytes;
    if buf.len() > MAX_FRAME {
        return Err(io::Error::other("a cache frame would be too large"));
    }
    out.write_all(&(buf.len() as u32).to_le_bytes())?;
    out.write_all(&XxHash3_64::oneshot(buf).to_le_bytes())?;
    out.write_all(buf)
}

/// Reads an entry written for `key` by this lectern. With `verify` off the frames' hashes
/// are not checked (for the fuzz target, which cannot forge them); everything else is.
pub fn decode(input: &mut dyn Read, key: u64, verify: bool) -> Result<Loaded, DecodeError> {
    let (head, mut stream) = open(input, key, verify)?;
    let mut sections = Vec::new();
    let mut paragraphs = Vec::with_capacity((head.paragraphs as usize).min(1 << 16));
    while let Some((s, p)) = stream.next_body()? {
        sections.extend(s);
        paragraphs.extend(p);
    }
    let footnotes = stream.footnotes()?;
    let doc = Document::new(head.meta, sections, paragraphs, footnotes, head.glossary);
    Ok(Loaded {
        doc,
        warnings: head.warnings,
    })
}

/// A frame of the body as read: the sections that begin in it, and its paragraphs.
pub type BodyFrame = (Vec<Section>, Vec<Paragraph>);

/// What an entry's first frame says: everything but the body and the footnotes.
pub struct Opened {
    /// Title, authors, citation.
    pub meta: Meta,
    /// The glossary.
    pub glossary: Glossary,
    /// The article's warnings.
    pub warnings: Vec<Diagnostic>,
    /// How many paragraphs the article has.
    pub paragraphs: u64,
}

/// The rest of an entry after its first frame: the body frame by frame, in reading order
/// (each section checked to follow the one before, each paragraph to lie in its section),
/// then the footnotes.
pub struct Stream<R> {
    frames: Frames<R>,
    /// The paragraphs of each section read so far.
    ranges: Vec<std::ops::Range<usize>>,
    sections: usize,
    paragraphs: usize,
    read: usize,
    footnotes: usize,
}

/// Reads an entry's header and first frame (see [`decode`]); the body and the footnotes
/// follow from the [`Stream`].
pub fn open<R: Read>(input: R, key: u64, verify: bool) -> Result<(Opened, Stream<R>), DecodeError> {
    let mut input = input;
    let mut fixed = [0u8; 21];
    input.read_exact(&mut fixed)?;
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    if &fixed[..8] != MAGIC
        || fixed[8..12] != FORMAT.to_le_bytes()
        || fixed[12..20] != key.to_le_bytes()
        || usize::from(fixed[20]) != version.len()
    {
        return Err(DecodeError::Foreign);
    }
    let mut stored = vec![0u8; version.len()];
    input.read_exact(&mut stored)?;
    if stored != version {
        return Err(DecodeError::Foreign);
    }
    let mut frames = Frames {
        input,
        buf: Vec::new(),
        verify,
    };
    let head: Head = frames.next()?;
    if head.paragraphs > MAX_ITEMS || head.footnotes > MAX_ITEMS || head.sections > MAX_ITEMS {
        return Err(damaged("too many sections, paragraphs or footnotes"));
    }
    let entries = head.glossary.len();
    if head
        .glossary
        .iter()
        .any(|e| e.see_also.iter().any(|&i| i >= entries))
    {
        return Err(damaged("a glossary entry refers to a missing one"));
    }
    let warnings = head
        .warnings
        .into_iter()
        .map(|w| Diagnostic {
            pos: Pos {
                line: w.line,
                col: w.col,
            },
            severity: if w.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: w.message,
            member: w.member,
        })
        .collect();
    let stream = Stream {
        frames,
        ranges: Vec::new(),
        sections: head.sections as usize,
        paragraphs: head.paragraphs as usize,
        read: 0,
        footnotes: head.footnotes as usize,
    };
    let opened = Opened {
        meta: head.meta,
        glossary: Glossary::new(head.glossary),
        warnings,
        paragraphs: head.paragraphs,
    };
    Ok((opened, stream))
}

impl<R: Read> Stream<R> {
    /// The next frame of the body: the sections that begin in it and its paragraphs, or
    /// `None` after the last. The invariants the reader relies on are checked as they come:
    /// the sections cover the paragraphs in order, parents come before their children,
    /// every paragraph lies in its section.
    pub fn next_body(&mut self) -> Result<Option<BodyFrame>, DecodeError> {
        if self.read == self.paragraphs && self.ranges.len() == self.sections {
            return Ok(None);
        }
        let body: Body<Vec<Section>, Vec<Paragraph>> = self.frames.next()?;
        if (body.sections.is_empty() && body.paragraphs.is_empty())
            || self.ranges.len() + body.sections.len() > self.sections
            || self.read + body.paragraphs.len() > self.paragraphs
        {
            return Err(damaged("a frame holds the wrong number of items"));
        }
        for section in &body.sections {
            let s = self.ranges.len();
            let range = &section.paragraphs;
            let next = self.ranges.last().map_or(0, |r| r.end);
            if range.start != next || range.end < range.start || range.end > self.paragraphs {
                return Err(damaged("a section's paragraphs are out of order"));
            }
            if section.parent.is_some_and(|p| p >= s) || section.level > 6 {
                return Err(damaged("a section's parent or level is wrong"));
            }
            self.ranges.push(range.clone());
        }
        for (i, p) in body.paragraphs.iter().enumerate() {
            if !self
                .ranges
                .get(p.section)
                .is_some_and(|r| r.contains(&(self.read + i)))
            {
                return Err(damaged("a paragraph is in the wrong section"));
            }
        }
        self.read += body.paragraphs.len();
        Ok(Some((body.sections, body.paragraphs)))
    }

    /// The footnotes, after the body; then the entry must end.
    pub fn footnotes(&mut self) -> Result<Vec<Footnote>, DecodeError> {
        while self.next_body()?.is_some() {}
        if self.ranges.last().map_or(0, |r| r.end) != self.paragraphs {
            return Err(damaged("paragraphs outside every section"));
        }
        let footnotes: Vec<Footnote> = self.frames.items(self.footnotes as u64)?;
        let mut rest = [0u8; 1];
        if self.frames.input.read(&mut rest)? != 0 {
            return Err(damaged("bytes after the last frame"));
        }
        Ok(footnotes)
    }
}

struct Frames<R> {
    input: R,
    buf: Vec<u8>,
    verify: bool,
}

impl<R: Read> Frames<R> {
    fn next<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, DecodeError> {
        let mut fixed = [0u8; 12];
        self.input.read_exact(&mut fixed)?;
        let len = u32::from_le_bytes(fixed[..4].try_into().expect("4 bytes")) as usize;
        if len > MAX_FRAME {
            return Err(damaged("a frame is too long"));
        }
        self.buf.clear();
        self.buf.resize(len, 0);
        self.input.read_exact(&mut self.buf)?;
        if self.verify && XxHash3_64::oneshot(&self.buf).to_le_bytes() != fixed[4..] {
            return Err(damaged("a frame's hash does not match"));
        }
        let (value, rest) =
            postcard::take_from_bytes(&self.buf).map_err(|_| damaged("a frame does not decode"))?;
        if !rest.is_empty() {
            return Err(damaged("a frame is longer than its content"));
        }
        Ok(value)
    }

    /// Reads frames of items until `count` are read.
    fn items<T: serde::de::DeserializeOwned>(&mut self, count: u64) -> Result<Vec<T>, DecodeError> {
        let count = count as usize;
        // The claim is only believed as far as a small reservation.
        let mut items = Vec::with_capacity(count.min(1 << 16));
        while items.len() < count {
            let frame: Vec<T> = self.next()?;
            if frame.is_empty() || items.len() + frame.len() > count {
                return Err(damaged("a frame holds the wrong number of items"));
            }
            items.extend(frame);
        }
        Ok(items)
    }
}
