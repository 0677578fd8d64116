//! The memory budget of issue 7, as a test that does not depend on timing: importing the
//! reference book (about 4 MB of Markdown) from a file must not take more than twice its
//! size in heap at any moment. The document itself is about 1.4 times the file; reading the
//! whole file at once (one more time its size) or letting pulldown-cmark parse the whole text
//! in one tree (1.5 times) would each break the bound.
//!
//! A binary of its own, because its global allocator counts every allocation of the process.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = IN_USE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; only counters are updated besides.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's contract for `alloc` is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `dealloc` is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as the allocator may do it: the new block before the old one is freed.
        grew(new_size);
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `realloc` is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

#[test]
fn importing_the_book_takes_at_most_twice_its_size_in_heap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.md");
    let size = {
        let book = lectern::import::book_markdown(100);
        std::fs::write(&path, &book).unwrap();
        book.len()
    };
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let loaded = lectern::import::load_markdown_file(&path).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = IN_USE.load(Ordering::Relaxed) - before;
    assert_eq!(loaded.doc.footnotes.len(), 2700);
    println!(
        "book of {size} bytes: heap peak {peak} bytes ({:.2}x), document {kept} bytes ({:.2}x)",
        peak as f64 / size as f64,
        kept as f64 / size as f64
    );
    assert!(peak <= 2 * size, "peak {peak} bytes for a {size}-byte file");
}
