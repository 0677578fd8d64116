//! The one place that talks to `pdf_oxide`: opening the bytes, telling an encrypted file,
//! the Info dictionary, and each page's characters with their positions, sizes and fonts.
//! Every page is read on a worker thread, behind `contained::catch` and a deadline, so a page
//! that panics or never ends is an error that names it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use pdf_oxide::PdfDocument;
use pdf_oxide::layout::{FontWeight, TextChar};

/// The most pages read from one file.
pub(super) const MAX_PAGES: usize = 2000;
/// The most characters read from one page (a page of body text has a few thousand).
pub(super) const MAX_GLYPHS_PER_PAGE: usize = 200_000;
/// How long one page may take to read.
pub(super) const PAGE_TIME: Duration = Duration::from_secs(10);

/// One character on a page, in points, `y` measured down from the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Glyph {
    /// The character.
    pub ch: char,
    /// Left edge.
    pub x: f32,
    /// Right edge (left edge plus advance).
    pub x1: f32,
    /// Baseline, from the top of the page.
    pub base: f32,
    /// Font size.
    pub size: f32,
    /// Bold (by weight or by font name).
    pub bold: bool,
    /// Italic (by flag or by font name).
    pub italic: bool,
}

/// The characters of one page.
#[derive(Clone, Debug, Default)]
pub(super) struct PageText {
    /// Page height in points.
    pub height: f32,
    /// Page width in points.
    pub width: f32,
    /// Characters in content order.
    pub glyphs: Vec<Glyph>,
    /// Characters that had no Unicode value (a font without a Unicode map), left out.
    pub undecoded: usize,
    /// Images drawn on the page: left, right and bottom edge (from the top of the page).
    pub figures: Vec<(f32, f32, f32)>,
}

/// Why a file could not be read at all, or a page not.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ExtractError {
    /// The whole file: encrypted, or not a PDF that can be parsed.
    File(String),
    /// Page N (from 0), with why.
    Page(usize, String),
}

/// What the Info dictionary says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Info {
    /// `/Title`.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// The bibliographic fields of the XMP metadata (`dc:`, `prism:`), not yet cleaned.
    pub biblio: crate::model::Biblio,
}

/// An open PDF.
pub(super) struct Source {
    doc: Arc<PdfDocument>,
    /// Number of pages.
    pub pages: usize,
    /// The Info dictionary's values.
    pub info: Info,
}

/// Opens `bytes` as a PDF; an encrypted file opens only with the empty password.
pub(super) fn open(bytes: Vec<u8>) -> Result<Source, ExtractError> {
    let opened = crate::contained::catch(|| PdfDocument::from_bytes(bytes));
    let doc = match opened {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(ExtractError::File(format!("not a readable PDF: {e}"))),
        Err(_) => return Err(ExtractError::File("not a readable PDF".to_owned())),
    };
    if doc.is_encrypted() {
        let opens = crate::contained::catch(|| doc.authenticate(b""));
        if !matches!(opens, Ok(Ok(true))) {
            return Err(ExtractError::File(
                "this PDF is encrypted and needs a password; lectern cannot open it \
                 (save a copy without the password first)"
                    .to_owned(),
            ));
        }
    }
    let pages = match crate::contained::catch(|| doc.page_count()) {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => return Err(ExtractError::File(format!("cannot find the pages: {e}"))),
        Err(_) => return Err(ExtractError::File("cannot find the pages".to_owned())),
    };
    if pages > MAX_PAGES {
        return Err(ExtractError::File(format!(
            "the PDF has {pages} pages; the limit is {MAX_PAGES}"
        )));
    }
    let mut info = crate::contained::catch(|| read_info(&doc)).unwrap_or_default();
    info.biblio = crate::contained::catch(|| read_xmp(&doc))
        .ok()
        .flatten()
        .map(|xml| super::xmp::biblio(&xml))
        .unwrap_or_default();
    Ok(Source {
        doc: Arc::new(doc),
        pages,
        info,
    })
}

impl Source {
    /// Every page's characters, read by up to `workers` threads, each page in at most
    /// `deadline`; `progress` is called with the number of pages done so far. The first
    /// page that fails is the error.
    pub(super) fn pages(
        &self,
        workers: usize,
        deadline: Duration,
        mut progress: impl FnMut(usize),
    ) -> Result<Vec<PageText>, ExtractError> {
        let n = self.pages;
        let next = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let started: Arc<Mutex<Vec<Option<Instant>>>> = Arc::new(Mutex::new(vec![None; n]));
        let (tx, rx) = mpsc::channel();
        for _ in 0..workers.clamp(1, n.max(1)) {
            let (doc, next, stop, started, tx) = (
                Arc::clone(&self.doc),
                Arc::clone(&next),
                Arc::clone(&stop),
                Arc::clone(&started),
                tx.clone(),
            );
            // A page past its deadline is left running on its own thread; the others stop.
            let spawned = std::thread::Builder::new().spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    if let Ok(mut s) = started.lock() {
                        s[i] = Some(Instant::now());
                    }
                    let read = crate::contained::catch(|| read_page(&doc, i))
                        .unwrap_or_else(|_| Err("the PDF reader failed on it".to_owned()));
                    if tx.send((i, read)).is_err() {
                        break;
                    }
                }
            });
            if spawned.is_err() {
                // The workers started so far read every page; with none, nothing is read.
                break;
            }
        }
        drop(tx);
        let mut out: Vec<Option<PageText>> = vec![None; n];
        let mut done = 0;
        let fail = |stop: &AtomicBool, e| {
            stop.store(true, Ordering::Relaxed);
            Err(e)
        };
        while done < n {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok((i, Ok(page))) => {
                    out[i] = Some(page);
                    done += 1;
                    progress(done);
                }
                Ok((i, Err(why))) => return fail(&stop, ExtractError::Page(i, why)),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let late = started.lock().ok().and_then(|s| {
                        (0..n).find(|&i| {
                            out[i].is_none() && s[i].is_some_and(|t| t.elapsed() > deadline)
                        })
                    });
                    if let Some(i) = late {
                        let why = format!("reading it took over {:.1} s", deadline.as_secs_f32());
                        return fail(&stop, ExtractError::Page(i, why));
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        // Every worker is gone: a page not sent was never read (no thread could be started).
        if let Some(i) = out.iter().position(Option::is_none) {
            return Err(ExtractError::Page(
                i,
                "no thread could be started to read it".to_owned(),
            ));
        }
        Ok(out.into_iter().flatten().collect())
    }
}

/// One page's characters, converted and capped.
fn read_page(doc: &PdfDocument, index: usize) -> Result<PageText, String> {
    let (x0, y0, x1, y1) = doc
        .get_page_media_box(index)
        .unwrap_or((0.0, 0.0, 612.0, 792.0));
    let (width, height) = ((x1 - x0).abs(), (y1 - y0).abs());
    if !(width.is_finite() && height.is_finite()) || width > 14_400.0 || height > 14_400.0 {
        return Err(format!(
            "the page is {width} × {height} points; the limit is 14400 (200 inches)"
        ));
    }
    let chars = doc.extract_chars(index).map_err(|e| e.to_string())?;
    if chars.len() > MAX_GLYPHS_PER_PAGE {
        return Err(format!(
            "it has {} characters; the limit is {MAX_GLYPHS_PER_PAGE}",
            chars.len()
        ));
    }
    let mut page = PageText {
        height,
        width,
        glyphs: Vec::with_capacity(chars.len()),
        undecoded: 0,
        figures: figures(doc, index, y1.max(y0))
            .into_iter()
            .map(|(a, b, bottom)| (a - x0.min(x1), b - x0.min(x1), bottom))
            .collect(),
    };
    for c in &chars {
        if c.char == '\u{fffd}' || ('\u{e000}'..='\u{f8ff}').contains(&c.char) {
            page.undecoded += 1;
            continue;
        }
        if let Some(mut g) = glyph(c, y1.max(y0)) {
            // Positions from the page's left edge, wherever its box starts.
            g.x -= x0.min(x1);
            g.x1 -= x0.min(x1);
            page.glyphs.push(g);
        }
    }
    Ok(page)
}

/// The images of page `index` larger than an inch each way (smaller ones are rules,
/// bullets and logos), as left, right and bottom edges; none when they cannot be listed.
fn figures(doc: &PdfDocument, index: usize, top: f32) -> Vec<(f32, f32, f32)> {
    let Ok(handles) = doc.page_image_handles(index) else {
        return Vec::new();
    };
    handles
        .iter()
        .map(|h| h.bbox)
        .filter(|b| b.width.abs() >= 72.0 && b.height.abs() >= 72.0)
        .filter(|b| [b.x, b.y, b.width, b.height].iter().all(|v| v.is_finite()))
        .map(|b| (b.x, b.x + b.width.abs(), top - b.y.min(b.y + b.height)))
        .take(100)
        .collect()
}

/// `c` in lectern's terms; `None` for a control character, rotated text or a position
/// that is not a number.
fn glyph(c: &TextChar, top: f32) -> Option<Glyph> {
    let upright = c.rotation_degrees.abs() < 1.0 || (c.rotation_degrees - 360.0).abs() < 1.0;
    let finite = [c.origin_x, c.origin_y, c.font_size, c.advance_width]
        .iter()
        .all(|v| v.is_finite());
    if c.char.is_control() || !upright || !finite || c.font_size <= 0.0 {
        return None;
    }
    let font = c.font_name.to_ascii_lowercase();
    let advance = if c.rendered_advance > 0.0 && c.rendered_advance.is_finite() {
        c.rendered_advance
    } else {
        c.bbox.width.max(0.0)
    };
    Some(Glyph {
        ch: c.char,
        x: c.origin_x,
        x1: c.origin_x + advance,
        base: top - c.origin_y,
        size: c.font_size,
        bold: c.font_weight as u16 >= FontWeight::SemiBold as u16 || font.contains("bold"),
        italic: c.is_italic || font.contains("italic") || font.contains("oblique"),
    })
}

/// `/Title` and `/Author` of the trailer's Info dictionary, where they are text.
fn read_info(doc: &PdfDocument) -> Info {
    let Some(info) = doc.trailer().as_dict().and_then(|d| d.get("Info")).cloned() else {
        return Info::default();
    };
    let info = match info.as_reference() {
        Some(r) => doc.load_object(r).unwrap_or(info),
        None => info,
    };
    let Some(dict) = info.as_dict() else {
        return Info::default();
    };
    let text = |key: &str| {
        let s = decode_text_string(dict.get(key)?.as_string()?);
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    Info {
        title: text("Title"),
        author: text("Author"),
        biblio: Default::default(),
    }
}

/// The catalog's `/Metadata` stream (XMP), when it is there and its encoded and decoded
/// sizes are within [`super::xmp::MAX_XMP_BYTES`] (a compressed bomb is not read whole).
fn read_xmp(doc: &PdfDocument) -> Option<Vec<u8>> {
    let catalog = doc.catalog().ok()?;
    let metadata = catalog.as_dict()?.get("Metadata")?.clone();
    let metadata = match metadata.as_reference() {
        Some(r) => doc.load_object(r).ok()?,
        None => metadata,
    };
    let declared = metadata
        .as_dict()
        .and_then(|d| d.get("Length"))
        .and_then(|l| l.as_integer())
        .unwrap_or(0);
    if usize::try_from(declared).map_or(true, |n| n > super::xmp::MAX_XMP_BYTES) {
        return None;
    }
    let bytes = metadata.decode_stream_data().ok()?;
    (bytes.len() <= 4 * super::xmp::MAX_XMP_BYTES).then_some(bytes)
}

/// A PDF text string: UTF-16BE after a byte-order mark, UTF-8 after its mark, else
/// PDFDocEncoding (read as Latin-1, which it equals for letters).
pub(super) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode_in_all_three_encodings() {
        assert_eq!(decode_text_string(b"\xfe\xff\x00A\x00\xe9"), "Aé");
        assert_eq!(decode_text_string(b"\xef\xbb\xbfA\xc3\xa9"), "Aé");
        assert_eq!(decode_text_string(b"A\xe9"), "Aé");
    }

    #[test]
    fn garbage_is_a_file_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"%PDF-1.4\n",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog",
        ] {
            assert!(matches!(open(bytes.to_vec()), Err(ExtractError::File(_))));
        }
    }
}
