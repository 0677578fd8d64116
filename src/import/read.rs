//! Importing a Markdown file without holding all of it in memory.
//!
//! The file is read line by line, twice: first to check it (size, UTF-8, not empty, with
//! the same errors as [`read_text_file`]) and plan its chunks, then to parse them, one
//! chunk (and a little of the next) in memory at a time. Only when there are diagnostics is
//! it read a third time, for their lines and columns (columns count characters, which the
//! offsets alone do not tell). A fingerprint of every reading must match the first, so a
//! file that changes meanwhile is an error rather than a muddle.
//!
//! A file that makes a single chunk, or whose chunks fail a check, is read whole as before.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::feed::{Chunk, Fallback, Feeder, LOOKAHEAD};
use super::plan::{Plan, Planner};
use super::walk::{self, Walker};
use super::{Chunking, Imported, floor_char_boundary, import_body, import_text};
use crate::diag::{
    FileError, Pos, cannot_read, empty_file, invalid_utf8, open_text_file, read_text_file, too_big,
};
use crate::model::load::Loaded;
use crate::model::locate::SourceMap;

/// Reads and imports the Markdown file at `path`, of at most `limit` bytes, in chunks of at
/// least `min_chunk` bytes where it can be split.
pub(super) fn load(path: &Path, limit: u64, min_chunk: usize) -> Result<Loaded, FileError> {
    let look = FirstLook::read(path, limit, min_chunk)?;
    let loaded = if look.plan.starts.len() > 1 {
        let imported = import_file(path, limit, &look)?;
        let positions = Positions::read(path, limit, &look, imported.offsets())?;
        imported.into_loaded(|at| positions.at(at))
    } else {
        let text = look.read_whole(path, limit)?;
        let map = SourceMap::positions_only(&text);
        import_text(&text, None).into_loaded(|at| map.pos_at(at))
    };
    loaded
        .map(|(loaded, _)| loaded)
        .map_err(|diagnostics| FileError {
            path: path.display().to_string(),
            diagnostics,
        })
}

/// Imports a file whose plan has several chunks, reading it again chunk by chunk.
fn import_file(path: &Path, limit: u64, look: &FirstLook) -> Result<Imported, FileError> {
    let plan = &look.plan;
    let mut lines = Lines::open(path, limit)?;
    // The front matter, and the rest of its last line (after a byte-order mark).
    let mut head = String::new();
    let mut pending = String::new();
    while head.len() < plan.body_start {
        let Some(Line { at, text: line, .. }) = lines.next()? else {
            break;
        };
        let split = floor_char_boundary(line, plan.body_start - at);
        head.push_str(&line[..split]);
        pending.push_str(&line[split..]);
    }
    import_body(&head, |body_start, notes| {
        if body_start != plan.body_start {
            return Ok((
                look.walk_whole(path, limit, body_start, notes)?,
                Chunking::default(),
            ));
        }
        let before = notes.len();
        let mut feeder = Feeder::new(Walker::new(notes), plan);
        // `pending` holds the text from `pending_at`: the next chunk, and what has been read
        // of the ones after it.
        let mut pending_at = body_start;
        let mut next = 0;
        let total = look.print.len;
        loop {
            let line = lines.next()?;
            let eof = line.is_none();
            if let Some(line) = line {
                pending.push_str(line.text);
            }
            while let Some(&at) = plan.starts.get(next) {
                let end = plan.starts.get(next + 1).copied().unwrap_or(total);
                let have = pending_at + pending.len();
                if !eof && have < end + LOOKAHEAD {
                    break;
                }
                let len = end.checked_sub(at).filter(|_| at == pending_at);
                let Some(len) = len.filter(|&len| pending.is_char_boundary(len)) else {
                    return Err(look.changed(path));
                };
                feeder.chunk(Chunk {
                    text: &pending[..floor_char_boundary(&pending, len + LOOKAHEAD)],
                    len,
                    at,
                    last: next + 1 == plan.starts.len(),
                });
                pending.drain(..len);
                pending_at = end;
                next += 1;
            }
            if eof {
                break;
            }
        }
        look.same(path, &lines)?;
        let chunks = plan.starts.len();
        let largest = feeder.largest;
        match feeder.finish(total - body_start) {
            Ok(walked) => Ok((
                walked,
                Chunking {
                    chunks,
                    largest,
                    fallback: None,
                },
            )),
            Err(Fallback(why)) => {
                notes.truncate(before);
                let walked = look.walk_whole(path, limit, body_start, notes)?;
                let chunking = Chunking {
                    chunks: 1,
                    largest: total - body_start,
                    fallback: Some(why),
                };
                Ok((walked, chunking))
            }
        }
    })
}

/// What the first reading found.
struct FirstLook {
    plan: Plan,
    print: Fingerprint,
}

impl FirstLook {
    /// Reads the file once, checking it and planning its chunks.
    fn read(path: &Path, limit: u64, min_chunk: usize) -> Result<Self, FileError> {
        let mut lines = Lines::open(path, limit)?;
        let mut planner = Planner::new(min_chunk);
        let mut blank = true;
        while let Some(Line { at, text, .. }) = lines.next()? {
            planner.line(at, text);
            blank = blank && text.trim().is_empty();
        }
        if blank {
            return Err(empty_file(&lines.shown));
        }
        Ok(FirstLook {
            plan: planner.finish(),
            print: lines.print,
        })
    }

    /// The whole text, as when the file is read in one piece.
    fn read_whole(&self, path: &Path, limit: u64) -> Result<String, FileError> {
        let text = read_text_file(path, limit)?;
        let mut print = Fingerprint::default();
        for line in text.split_inclusive('\n') {
            print.add(line.as_bytes());
        }
        if print == self.print {
            Ok(text)
        } else {
            Err(self.changed(path))
        }
    }

    /// Walks the body from `body_start` in one piece.
    fn walk_whole(
        &self,
        path: &Path,
        limit: u64,
        body_start: usize,
        notes: &mut Vec<super::Note>,
    ) -> Result<super::raw::Walked, FileError> {
        let text = self.read_whole(path, limit)?;
        let body = text.get(body_start..).unwrap_or("");
        Ok(walk::walk(body, body_start, notes))
    }

    /// Fails unless a later reading saw what the first one did.
    fn same(&self, path: &Path, lines: &Lines) -> Result<(), FileError> {
        if lines.print == self.print {
            Ok(())
        } else {
            Err(self.changed(path))
        }
    }

    fn changed(&self, path: &Path) -> FileError {
        FileError::one(
            &path.display().to_string(),
            Pos { line: 1, col: 1 },
            "the file changed while it was read; try again",
        )
    }
}

/// The lines and columns of the offsets some diagnostics point at.
struct Positions {
    offsets: Vec<usize>,
    positions: Vec<Pos>,
}

impl Positions {
    /// Reads the file again for the positions of `offsets` (in order), computed as
    /// [`SourceMap::pos_at`] computes them on the whole text.
    fn read(
        path: &Path,
        limit: u64,
        look: &FirstLook,
        offsets: Vec<usize>,
    ) -> Result<Self, FileError> {
        let mut positions = Vec::with_capacity(offsets.len());
        if !offsets.is_empty() {
            let mut lines = Lines::open(path, limit)?;
            let mut end = Pos { line: 1, col: 1 };
            while let Some(Line {
                at,
                number,
                text: line,
            }) = lines.next()?
            {
                let next_at = at + line.len();
                while let Some(&offset) = offsets.get(positions.len()).filter(|&&o| o < next_at) {
                    let before = offset.saturating_sub(at);
                    let col = line.get(..before).map_or(before, |s| s.chars().count()) + 1;
                    positions.push(Pos { line: number, col });
                }
                end = if line.ends_with('\n') {
                    Pos {
                        line: number + 1,
                        col: 1,
                    }
                } else if offsets.len() > positions.len() {
                    Pos {
                        line: number,
                        col: line.chars().count() + 1,
                    }
                } else {
                    end
                };
            }
            look.same(path, &lines)?;
            // Offsets at or past the end are at the end.
            positions.resize(offsets.len(), end);
        }
        Ok(Positions { offsets, positions })
    }

    /// The position of an offset given to [`Positions::read`].
    fn at(&self, offset: usize) -> Pos {
        match self.offsets.binary_search(&offset) {
            Ok(i) => self.positions[i],
            // Every offset asked for was given; 1:1 would be a harmless answer regardless.
            Err(_) => Pos { line: 1, col: 1 },
        }
    }
}

/// A line of a file.
struct Line<'a> {
    /// Its byte offset.
    at: usize,
    /// Its number, from 1.
    number: usize,
    /// Its text, with its line ending.
    text: &'a str,
}

/// Lines of a text file as UTF-8, with the errors of [`read_text_file`]: a byte that is
/// not UTF-8 at its offset, line and column; a file past the limit.
struct Lines {
    shown: String,
    reader: BufReader<std::io::Take<File>>,
    /// The line being read.
    buf: Vec<u8>,
    /// The last line read, once checked (it takes `buf`'s allocation, and gives it back).
    text: String,
    /// Bytes read so far.
    read: usize,
    /// The number of the last line read, from 1.
    line: usize,
    limit: u64,
    print: Fingerprint,
}

impl Lines {
    fn open(path: &Path, limit: u64) -> Result<Self, FileError> {
        let shown = path.display().to_string();
        let file = open_text_file(path, limit)?;
        Ok(Lines {
            shown,
            reader: BufReader::with_capacity(64 << 10, file),
            buf: Vec::new(),
            text: String::new(),
            read: 0,
            line: 0,
            limit,
            print: Fingerprint::default(),
        })
    }

    /// The next line; `None` at the end.
    fn next(&mut self) -> Result<Option<Line<'_>>, FileError> {
        let at = self.read;
        self.buf = std::mem::take(&mut self.text).into_bytes();
        self.buf.clear();
        if self.read_line()? == 0 {
            return Ok(None);
        }
        self.line += 1;
        self.print.add(&self.buf);
        match String::from_utf8(std::mem::take(&mut self.buf)) {
            Ok(text) => {
                self.text = text;
                Ok(Some(Line {
                    at,
                    number: self.line,
                    text: &self.text,
                }))
            }
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                // As when the file is read whole, a file past the limit is that error first.
                while {
                    self.buf.clear();
                    self.read_line()? > 0
                } {}
                Err(invalid_utf8(&self.shown, at + valid, self.line, &before))
            }
        }
    }

    /// Reads one line into `buf`: its length, 0 at the end.
    fn read_line(&mut self) -> Result<usize, FileError> {
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| cannot_read(&self.shown, e))?;
        self.read += n;
        if self.read as u64 > self.limit {
            return Err(too_big(&self.shown, None, self.limit));
        }
        Ok(n)
    }
}

/// A cheap fingerprint of the lines read, to notice a file that changes between readings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    /// Feeds one line.
    fn add(&mut self, line: &[u8]) {
        self.len += line.len();
        for word in line.chunks(8) {
            let mut bytes = [0u8; 8];
            bytes[..word.len()].copy_from_slice(word);
            self.hash = (self.hash.rotate_left(5) ^ u64::from_le_bytes(bytes))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}
