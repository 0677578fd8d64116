//! The cache entry's bytes: a header, then frames of postcard, each with its length and an
//! XXH3 hash of its bytes, so a damaged or truncated entry is found before it is believed.
//!
//! ```text
//! header   "LCTCACHE", format (u32 LE), key (u64 LE), version length (u8) and version
//! frame    length (u32 LE), XXH3-64 of the payload (u64 LE), payload (postcard)
//! frames   Head (meta, sections, glossary, warnings, counts), then the paragraphs in
//!          frames of about FRAME_TARGET bytes, then the footnotes likewise; then the end
//! ```
//!
//! Frames keep memory flat: the writer never holds the whole encoding, and the reader holds
//! one frame besides the document it builds.

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
pub const FORMAT: u32 = 1;

/// A frame's payload is cut after it reaches this many bytes.
const FRAME_TARGET: usize = 256 << 10;

/// The largest frame a reader accepts (a frame holds at most one 1 MiB block past
/// [`FRAME_TARGET`]; the head holds the sections and the glossary).
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
struct Head<S> {
    meta: Meta,
    sections: S,
    glossary: Vec<GlossaryEntry>,
    warnings: Vec<Warning>,
    paragraphs: u64,
    footnotes: u64,
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
        sections: &doc.sections,
        glossary: doc.glossary.entries.clone(),
        warnings,
        paragraphs: doc.paragraphs.len() as u64,
        footnotes: doc.footnotes.len() as u64,
    };
    let mut buf = Vec::new();
    frame(out, &mut buf, &head)?;
    frames(out, &mut buf, &doc.paragraphs)?;
    frames(out, &mut buf, &doc.footnotes)
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
    let mut paragraphs = Vec::with_capacity((head.paragraphs as usize).min(1 << 16));
    while let Some(frame) = stream.next_paragraphs()? {
        paragraphs.extend(frame);
    }
    let footnotes = stream.footnotes()?;
    let doc = Document::new(
        head.meta,
        head.sections,
        paragraphs,
        footnotes,
        head.glossary,
    );
    Ok(Loaded {
        doc,
        warnings: head.warnings,
    })
}

/// What an entry's first frame says: everything but the paragraphs and the footnotes.
pub struct Opened {
    /// Title, authors, citation.
    pub meta: Meta,
    /// Every section of the article (their paragraphs come in the frames after).
    pub sections: Vec<Section>,
    /// The glossary.
    pub glossary: Glossary,
    /// The article's warnings.
    pub warnings: Vec<Diagnostic>,
    /// How many paragraphs the article has.
    pub paragraphs: u64,
    /// How many footnotes.
    pub footnotes: u64,
}

/// The rest of an entry after its first frame: the paragraphs frame by frame, in reading
/// order (each checked to lie in its section), then the footnotes.
pub struct Stream<R> {
    frames: Frames<R>,
    sections: Vec<std::ops::Range<usize>>,
    paragraphs: usize,
    read: usize,
    footnotes: usize,
}

/// Reads an entry's header and first frame (see [`decode`]); the paragraphs and footnotes
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
    let head: Head<Vec<Section>> = frames.next()?;
    if head.paragraphs > MAX_ITEMS || head.footnotes > MAX_ITEMS {
        return Err(damaged("too many paragraphs or footnotes"));
    }
    check(&head.sections, head.paragraphs as usize, &head.glossary)?;
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
        sections: head.sections.iter().map(|s| s.paragraphs.clone()).collect(),
        paragraphs: head.paragraphs as usize,
        read: 0,
        footnotes: head.footnotes as usize,
    };
    let opened = Opened {
        meta: head.meta,
        sections: head.sections,
        glossary: Glossary::new(head.glossary),
        warnings,
        paragraphs: head.paragraphs,
        footnotes: head.footnotes,
    };
    Ok((opened, stream))
}

impl<R: Read> Stream<R> {
    /// The next frame of paragraphs, or `None` after the last.
    pub fn next_paragraphs(&mut self) -> Result<Option<Vec<Paragraph>>, DecodeError> {
        if self.read == self.paragraphs {
            return Ok(None);
        }
        let frame: Vec<Paragraph> = self.frames.next()?;
        if frame.is_empty() || self.read + frame.len() > self.paragraphs {
            return Err(damaged("a frame holds the wrong number of items"));
        }
        for (i, p) in frame.iter().enumerate() {
            if !self
                .sections
                .get(p.section)
                .is_some_and(|r| r.contains(&(self.read + i)))
            {
                return Err(damaged("a paragraph is in the wrong section"));
            }
        }
        self.read += frame.len();
        Ok(Some(frame))
    }

    /// How many paragraphs have been read so far.
    pub fn paragraphs_read(&self) -> usize {
        self.read
    }

    /// The footnotes, after the last paragraph; then the entry must end.
    pub fn footnotes(&mut self) -> Result<Vec<Footnote>, DecodeError> {
        while self.next_paragraphs()?.is_some() {}
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

/// The invariants the reader relies on and the loaders guarantee, as far as the first
/// frame tells them: sections cover the `paragraphs` in order, parents come before their
/// children, see-also indices name entries. That every paragraph lies in its section is
/// checked as the paragraphs are read ([`Stream::next_paragraphs`]).
fn check(
    sections: &[Section],
    paragraphs: usize,
    glossary: &[GlossaryEntry],
) -> Result<(), DecodeError> {
    let mut next = 0;
    for (s, section) in sections.iter().enumerate() {
        let range = &section.paragraphs;
        if range.start != next || range.end < range.start || range.end > paragraphs {
            return Err(damaged("a section's paragraphs are out of order"));
        }
        if section.parent.is_some_and(|p| p >= s) || section.level > 6 {
            return Err(damaged("a section's parent or level is wrong"));
        }
        next = range.end;
    }
    if next != paragraphs {
        return Err(damaged("paragraphs outside every section"));
    }
    let entries = glossary.len();
    if glossary
        .iter()
        .any(|e| e.see_also.iter().any(|&i| i >= entries))
    {
        return Err(damaged("a glossary entry refers to a missing one"));
    }
    Ok(())
}
