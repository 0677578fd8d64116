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
    /// A panic inside [`catch`] was kept quiet and is unwinding.
    static QUIETED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic in it: `Err` then, and the panic hooks stay quiet.
pub fn catch<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get() - 1));
    QUIETED.with(|q| q.set(false));
    result
}

/// For a panic hook: whether to keep quiet about the panic now starting, because a
/// [`catch`] on this thread will catch it. Only the first: a second panic while that one
/// unwinds (in a destructor) aborts the process, and is told like any other.
pub fn keep_quiet() -> bool {
    DEPTH.with(|d| d.get() > 0) && !QUIETED.with(|q| q.replace(true))
}

/// Lays over the panic hook one that stays quiet about the panics [`catch`] catches: the
/// program's first call, before any other hook.
pub fn quiet_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !keep_quiet() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_an_error_and_only_the_first_inside_is_kept_quiet() {
        assert!(!keep_quiet(), "outside catch, every panic is told");
        // Inside: the first panic is kept quiet, a second one (while it unwinds) is not.
        assert!(matches!(
            catch(|| (keep_quiet(), keep_quiet())),
            Ok((true, false))
        ));
        // Once catch returns, the next panic inside another is kept quiet again.
        assert!(matches!(catch(keep_quiet), Ok(true)));
        let caught: std::thread::Result<()> = catch(|| panic!("a dependency's bug"));
        assert!(caught.is_err());
        assert!(!keep_quiet(), "the count goes back down after a panic");
        // Each thread counts its own: inside a catch here, another thread's panic is told.
        let other = catch(|| std::thread::spawn(keep_quiet).join().unwrap());
        assert!(matches!(other, Ok(false)));
    }
}
