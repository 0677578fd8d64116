//! What wakes the event loop: terminal input and signals, both sent into one channel, so
//! the loop blocks on it and an idle reader uses no CPU (no timer, no polling).
//!
//! Two threads feed it. The input thread sleeps in `poll(2)` on the terminal until it has
//! input or has gone away, then hands over every event crossterm can parse; it never calls
//! crossterm's blocking read, which retries an end of file forever when the terminal
//! closes. The signal thread forwards SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT and SIGWINCH
//! (their handlers set flags first, which the loop reads). An article still being read
//! sends its parts from a third thread ([`spawn_loader`]).

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{self, Event};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};

/// Something for the event loop to look at.
pub enum Wake {
    /// A terminal event, or the error that ended the input (the terminal went away).
    Input(io::Result<Event>),
    /// A signal arrived; its flag in [`Signals`] says which.
    Signal,
    /// The background reader of the article sent more of it (see [`crate::loading`]).
    Load(crate::loading::Msg),
}

/// Starts reading the rest of the article in a thread of its own, sending what it reads
/// into the loop's channel; it stops when the loop is gone.
pub fn spawn_loader(rest: crate::loading::Rest, tx: mpsc::Sender<Wake>) {
    std::thread::spawn(move || rest.run(&mut |msg| tx.send(Wake::Load(msg)).is_ok()));
}

/// Signals the event loop acts on, as flags set by the handlers (a handler itself may do
/// almost nothing safely; the loop does the work).
pub struct Signals {
    /// SIGTERM, SIGHUP, SIGINT: save and quit.
    pub quit: [(i32, Arc<AtomicBool>); 3],
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    pub stop: Arc<AtomicBool>,
    /// SIGCONT: continued after a stop that was not ours; take the terminal again.
    pub cont: Arc<AtomicBool>,
}

impl Signals {
    /// Installs the handlers, and a thread that wakes the loop through `tx` after each.
    pub fn register(tx: mpsc::Sender<Wake>) -> io::Result<Signals> {
        let flag = |sig: i32| -> io::Result<Arc<AtomicBool>> {
            let f = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(sig, Arc::clone(&f))?;
            Ok(f)
        };
        let signals = Signals {
            quit: [
                (SIGTERM, flag(SIGTERM)?),
                (SIGHUP, flag(SIGHUP)?),
                (SIGINT, flag(SIGINT)?),
            ],
            stop: flag(SIGTSTP)?,
            cont: flag(SIGCONT)?,
        };
        // Registered after the flags: by the time the loop hears of a signal, its flag is
        // set. SIGWINCH needs no flag: the loop reads the size at every frame.
        let mut waker = signal_hook::iterator::Signals::new([
            SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT, SIGWINCH,
        ])?;
        std::thread::spawn(move || {
            for _ in waker.forever() {
                if tx.send(Wake::Signal).is_err() {
                    break;
                }
            }
        });
        Ok(signals)
    }

    /// The quitting signal received, if any.
    pub fn quit_signal(&self) -> Option<i32> {
        self.quit
            .iter()
            .find(|(_, f)| f.load(Ordering::Relaxed))
            .map(|(sig, _)| *sig)
    }
}

/// Starts the input thread: it sends every terminal event, and an error when the terminal
/// goes away, then stops.
pub fn spawn_input(tx: mpsc::Sender<Wake>) {
    std::thread::spawn(move || {
        let tty = match Tty::open() {
            Ok(t) => t,
            Err(e) => {
                let _ = tx.send(Wake::Input(Err(e)));
                return;
            }
        };
        loop {
            // Everything crossterm has parsed already or can read without waiting.
            loop {
                match event::poll(Duration::ZERO) {
                    Ok(true) => {
                        let ev = event::read();
                        let failed = ev.is_err();
                        if tx.send(Wake::Input(ev)).is_err() || failed {
                            return;
                        }
                    }
                    Ok(false) => break,
                    Err(e) => {
                        let _ = tx.send(Wake::Input(Err(e)));
                        return;
                    }
                }
            }
            if let Err(e) = tty.wait() {
                let _ = tx.send(Wake::Input(Err(e)));
                return;
            }
        }
    });
}

/// The terminal crossterm reads: standard input when it is a terminal, else `/dev/tty`
/// (crossterm's own choice).
struct Tty {
    fd: libc::c_int,
    /// Keeps `/dev/tty` open when that is what is read.
    _file: Option<std::fs::File>,
}

impl Tty {
    fn open() -> io::Result<Tty> {
        use std::os::fd::AsRawFd as _;
        // SAFETY: isatty only looks at the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Ok(Tty {
                fd: libc::STDIN_FILENO,
                _file: None,
            });
        }
        let file = std::fs::File::open("/dev/tty")?;
        Ok(Tty {
            fd: file.as_raw_fd(),
            _file: Some(file),
        })
    }

    /// Sleeps until the terminal has input; an error once it has hung up.
    fn wait(&self) -> io::Result<()> {
        loop {
            let mut pfd = libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd; -1 waits without a timeout.
            let n = unsafe { libc::poll(&mut pfd, 1, -1) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "the terminal has gone away",
                ));
            }
            if pfd.revents & libc::POLLIN != 0 {
                return Ok(());
            }
        }
    }
}
