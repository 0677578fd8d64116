//! The counting allocator of the memory tests: the system allocator, counting the bytes in
//! use, their peak and all bytes ever allocated. A test binary that includes this module
//! (`mod counting;`) counts every allocation of its process, so each such test is a binary
//! of its own.

#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    ALLOCATED.fetch_add(by, Ordering::Relaxed);
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

/// What the heap did while a piece of work ran.
#[derive(Debug)]
pub struct Heap {
    /// The most bytes in use at once, above what was in use before.
    pub peak: usize,
    /// Bytes still in use after it (its result included), above what was in use before.
    pub kept: usize,
    /// Bytes allocated in all, freed or not.
    pub allocated: usize,
}

/// Runs `f` and measures the heap while it runs.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Heap) {
    let before = IN_USE.load(Ordering::Relaxed);
    let allocated = ALLOCATED.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let heap = Heap {
        peak: PEAK.load(Ordering::Relaxed).saturating_sub(before),
        kept: IN_USE.load(Ordering::Relaxed).saturating_sub(before),
        allocated: ALLOCATED.load(Ordering::Relaxed) - allocated,
    };
    (out, heap)
}
