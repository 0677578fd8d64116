//! Panics that are caught on purpose: a dependency that panics on hostile input (the PDF
//! reader on a malformed object) is called behind [`catch`], which turns the panic into an
//! error. Such a panic is expected, so the panic hooks stay quiet about it: the message
//! and backtrace are not printed over the reader or the command's output, and the
//! reader's hook does not give the terminal back while the reader goes on (see
//! `term::Guard::enter`).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// How many [`catch`] calls this thread is inside.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, catching a panic in it: `Err` then, and the panic hooks stay quiet.
pub fn catch<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get() - 1));
    result
}

/// Whether a panic on this thread now would be caught by [`catch`].
pub fn expected() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

/// Lays over the panic hook one that stays quiet about the panics [`catch`] catches: the
/// program's first call, before any other hook.
pub fn quiet_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !expected() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_an_error_and_expected_only_inside() {
        assert!(!expected());
        let inside = catch(expected);
        assert!(matches!(inside, Ok(true)));
        let caught: std::thread::Result<()> = catch(|| panic!("a dependency's bug"));
        assert!(caught.is_err());
        assert!(!expected(), "the count goes back down after a panic");
        // Nested, on another thread: each thread counts its own.
        let other = std::thread::spawn(expected).join().unwrap();
        assert!(!other);
        assert!(matches!(catch(|| catch(expected)), Ok(Ok(true))));
        assert!(!expected());
    }
}
