//! The terminal's lifecycle and the event loop. Whatever happens (an error, a panic, a
//! signal), the terminal is given back as it was: raw mode off, main screen, cursor shown,
//! mouse capture and bracketed paste off.
//!
//! The loop sleeps until something happens: terminal input and signals both arrive on one
//! channel ([`wake`]), so an idle reader uses no CPU at all.

mod wake;

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGSTOP};

use crate::app::App;
use crate::keymap::KeyChord;
use wake::{Signals, Wake};

/// The largest area drawn, in columns and rows: far beyond any real screen, and small
/// enough for ratatui's two cell buffers (about 50 MB at most). A terminal that claims more
/// (`stty rows 65535 cols 65535`) is drawn in its top-left corner, never allocated whole.
pub const MAX_SIZE: (u16, u16) = (1000, 500);

/// The area drawn for a terminal of `width` × `height`.
pub fn drawn_size(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_SIZE.0), height.min(MAX_SIZE.1))
}

/// Tells the app its size, clamped to [`MAX_SIZE`], and says so when the terminal is larger.
fn resize_app(app: &mut App, width: u16, height: u16) {
    let (w, h) = drawn_size(width, height);
    app.resize(w, h);
    if (w, h) != (width, height) {
        app.error(format!(
            "The terminal says it is {width}×{height}; lectern draws only {w}×{h} of it"
        ));
    }
}

/// The terminal's output buffer: a full frame of a large terminal fits (and a larger one
/// is written as it fills).
const FRAME_BUFFER: usize = 256 << 10;

/// Puts the terminal back: safe to call more than once, and from a panic hook.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Owns the terminal while the reader runs; dropping it restores the terminal.
pub struct Guard {
    /// The ratatui terminal. Never dropped: its `Drop` prints to stderr when it cannot show
    /// the cursor, and printing to a terminal that has gone away panics; `restore` does its
    /// work instead.
    ///
    /// Its output is buffered whole: a frame reaches the terminal in one write when ratatui
    /// flushes it at the end of a draw, not in the 1 KiB pieces of `Stdout`'s line buffer
    /// (fewer wake-ups of the terminal, and never half a frame on screen).
    pub terminal: std::mem::ManuallyDrop<Terminal<CrosstermBackend<BufWriter<Stdout>>>>,
    mouse: bool,
}

impl Guard {
    /// Enters raw mode and the alternate screen, and installs a panic hook that restores
    /// the terminal before the panic message is printed.
    pub fn enter(mouse: bool) -> io::Result<Guard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A panic caught on purpose (a dependency's, on a hostile file being read in
            // the background) leaves the reader and its terminal as they are.
            if crate::contained::keep_quiet() {
                return;
            }
            restore();
            previous(info);
        }));
        // The modes' sequences go out with the first frame, in its one write: the
        // terminal wakes once for the whole first screen.
        let mut out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
        if let Err(e) = terminal::enable_raw_mode().and_then(|()| queue_modes(&mut out, mouse)) {
            restore();
            return Err(e);
        }
        // A fixed viewport, so that ratatui never sizes its buffers from the terminal's
        // claim: `fit` clamps it first.
        let (w, h) = terminal::size().map_or((80, 24), |(w, h)| drawn_size(w, h));
        let options = ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
        };
        let terminal = match Terminal::with_options(CrosstermBackend::new(out), options) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        Ok(Guard {
            terminal: std::mem::ManuallyDrop::new(terminal),
            mouse,
        })
    }

    /// Turns mouse capture on or off to match the setting.
    pub fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        if on != self.mouse {
            // Through the frame's writer, after anything queued there (the first frame's
            // modes), never before it.
            let out = self.terminal.backend_mut();
            if on {
                execute!(out, EnableMouseCapture)?;
            } else {
                execute!(out, DisableMouseCapture)?;
            }
            self.mouse = on;
        }
        Ok(())
    }

    /// Gives the terminal back, stops the process (as Ctrl-Z does in a shell), and when it
    /// is continued (`fg`) takes the terminal again and clears it for a full redraw.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // SIGSTOP, not SIGTSTP: a process in an orphaned process group (started by a
        // script or a test harness) is not stopped by SIGTSTP, the signal is dropped.
        signal_hook::low_level::raise(SIGSTOP)?;
        self.resume()
    }

    /// Takes the terminal again after the process was stopped and continued: the shell
    /// had it meanwhile and may have changed every mode.
    pub fn resume(&mut self) -> io::Result<()> {
        terminal::enable_raw_mode()?;
        // Queued through the frame's writer; the clear sends them.
        queue_modes(self.terminal.backend_mut(), self.mouse)?;
        self.clear()
    }

    /// Matches the drawing area to the terminal's size, clamped to [`MAX_SIZE`], and tells
    /// the app when it changed (or always, with `force`).
    pub fn fit(&mut self, app: &mut App, force: bool) -> io::Result<()> {
        let size = self.terminal.size()?;
        let (w, h) = drawn_size(size.width, size.height);
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let changed = self.terminal.get_frame().area() != area;
        if changed {
            debug_panic_on_resize();
            self.terminal.resize(area)?;
        }
        if changed || force {
            resize_app(app, size.width, size.height);
        }
        Ok(())
    }

    /// Clears the screen and makes the next frame draw every cell. Not `Terminal::clear`:
    /// that asks the terminal for the cursor position first, and a terminal that does not
    /// answer (or answers late) makes it fail after a wait.
    pub fn clear(&mut self) -> io::Result<()> {
        // Through the frame's writer: a clear never overtakes what is queued there (the
        // modes that enter the alternate screen go out with the first frame).
        execute!(
            self.terminal.backend_mut(),
            terminal::Clear(terminal::ClearType::All)
        )?;
        // Swapping resets the buffer that holds what is on screen; the other one is blank
        // already, so the next frame is compared with a blank screen, as it now is.
        self.terminal.swap_buffers();
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The sequences of the modes the reader runs in (the alternate screen, bracketed paste,
/// mouse capture when `mouse` is on), written to `out` but not flushed.
fn queue_modes(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    queue!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        queue!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Debug builds only: `LECTERN_DEBUG_PANIC=after-draw` panics after the first frame, so a
/// test can check that a panic gives the terminal back.
fn debug_panic_after_draw() {
    #[cfg(debug_assertions)]
    if std::env::var_os("LECTERN_DEBUG_PANIC").is_some_and(|v| v == "after-draw") {
        panic!("LECTERN_DEBUG_PANIC=after-draw: a forced panic after the first frame");
    }
}

/// Debug builds only: `LECTERN_DEBUG_PANIC=on-resize` panics when the terminal is
/// resized, so a test can check that a panic saves the note being edited.
fn debug_panic_on_resize() {
    #[cfg(debug_assertions)]
    if std::env::var_os("LECTERN_DEBUG_PANIC").is_some_and(|v| v == "on-resize") {
        panic!("LECTERN_DEBUG_PANIC=on-resize: a forced panic on a resize");
    }
}

/// Runs the reader until the user quits or a signal ends it. Returns the exit status: 0,
/// or 128 + the signal's number. A terminal that fails under the reader (its window
/// closed, ssh dropped) is a hang-up: what can be saved is saved, and the status is
/// 128 + SIGHUP. A panic saves too, and then goes on (the hook has given the terminal back).
pub fn run(app: &mut App) -> anyhow::Result<i32> {
    let (tx, wakes) = mpsc::channel();
    let signals = Signals::register(tx.clone())?;
    let mut guard = Guard::enter(app.settings.mouse)?;
    app.search_in_steps = true;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(app, &mut guard, &signals, tx, &wakes)
    }));
    match result {
        Ok(Ok(code)) => Ok(code),
        Ok(Err(_)) => {
            crate::update::notes::quit_now(app);
            Ok(128 + signals.quit_signal().unwrap_or(SIGHUP))
        }
        Err(panic) => {
            restore();
            // Saving must not turn one panic into an abort: a second one is let go.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::update::notes::quit_now(app)
            }));
            std::panic::resume_unwind(panic)
        }
    }
}

fn event_loop(
    app: &mut App,
    guard: &mut Guard,
    signals: &Signals,
    tx: mpsc::Sender<Wake>,
    wakes: &mpsc::Receiver<Wake>,
) -> anyhow::Result<i32> {
    guard.fit(app, true)?;
    // For benchmarks: the time from the start of the process to the first frame.
    let exit_after_first_frame = std::env::var_os("LECTERN_EXIT_AFTER_FIRST_FRAME").is_some();
    // For benchmarks of the whole open (peak memory): after the first frame of the whole
    // article.
    let exit_when_read = std::env::var_os("LECTERN_EXIT_WHEN_READ").is_some();
    // The rest of the article is read once the first frame is out: until then it would
    // only compete with it.
    let mut rest = app.loading.as_mut().and_then(|l| l.rest.take());
    wake::spawn_input(tx.clone());
    loop {
        if let Some(sig) = signals.quit_signal() {
            crate::update::notes::quit_now(app);
            return Ok(128 + sig);
        }
        if signals.stop.swap(false, Ordering::Relaxed) || app.suspend_requested {
            app.suspend_requested = false;
            guard.suspend()?;
            // Our own stop ends with a SIGCONT too: it is handled already.
            signals.cont.store(false, Ordering::Relaxed);
            app.redraw = true;
        }
        if signals.cont.swap(false, Ordering::Relaxed) {
            guard.resume()?;
            app.redraw = true;
        }
        if app.redraw {
            guard.clear()?;
            guard.fit(app, true)?;
            app.redraw = false;
        } else {
            // A SIGWINCH wakes the loop: the new size is read here.
            guard.fit(app, false)?;
        }
        guard.terminal.draw(|f| crate::ui::draw(f, app))?;
        if let Some(rest) = rest.take() {
            wake::spawn_loader(rest, tx.clone());
        }
        flush_outbox(app)?;
        debug_panic_after_draw();
        if app.should_quit || exit_after_first_frame || (exit_when_read && app.loading.is_none()) {
            break;
        }
        let next = if crate::update::search::pending(app) {
            // A search is running in steps: events first, then the next step, then a frame.
            match wakes.try_recv() {
                Ok(w) => w,
                Err(mpsc::TryRecvError::Empty) => {
                    crate::update::search::work(app, crate::update::search::STEP_BYTES);
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => return Err(input_ended().into()),
            }
        } else {
            // Nothing to do until the terminal or a signal says something.
            wakes.recv().map_err(|_| input_ended())?
        };
        match next {
            Wake::Input(first) => handle_events(app, wakes, first?)?,
            Wake::Load(msg) => crate::update::loading::absorb(app, msg),
            Wake::Signal => {}
        }
        guard.set_mouse(app.settings.mouse)?;
    }
    Ok(0)
}

/// Writes what the app left for the terminal (the clipboard), after the frame.
fn flush_outbox(app: &mut App) -> io::Result<()> {
    for command in std::mem::take(&mut app.outbox) {
        match command {
            crate::app::TermCommand::CopyToClipboard(text) => execute!(
                io::stdout(),
                crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
            )?,
        }
    }
    Ok(())
}

fn input_ended() -> io::Error {
    io::Error::other("the terminal's input ended")
}

/// Handles `first` and everything already waiting after it (a paste, a burst of keys)
/// before the next frame.
fn handle_events(app: &mut App, wakes: &mpsc::Receiver<Wake>, first: Event) -> io::Result<()> {
    let mut ev = Some(first);
    while let Some(e) = ev.take() {
        handle_event(app, e);
        if app.should_quit || app.suspend_requested {
            break;
        }
        ev = loop {
            match wakes.try_recv() {
                Ok(Wake::Input(e)) => break Some(e?),
                // More of the article: taken in, and the keys after it see it.
                Ok(Wake::Load(msg)) => {
                    crate::update::loading::absorb(app, msg);
                    if app.should_quit {
                        break None;
                    }
                }
                // A signal: the loop's top acts on it before anything else.
                Ok(Wake::Signal) | Err(_) => break None,
            }
        };
    }
    Ok(())
}

fn handle_event(app: &mut App, event: Event) {
    match event {
        Event::Key(k) => {
            if let Some(chord) = KeyChord::from_event(&k) {
                app.handle_key(chord);
            }
        }
        Event::Mouse(m) => app.handle_mouse(m),
        // The size now, not the one in the event: events can wait behind others.
        Event::Resize(w, h) => {
            let (w, h) = terminal::size().unwrap_or((w, h));
            resize_app(app, w, h);
        }
        Event::Paste(text) => app.handle_paste(&text),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_size_is_clamped_and_the_status_bar_says_so() {
        let doc = crate::content::bundled().unwrap().doc;
        let keymap = crate::keymap::Keymap::builtin("default").unwrap();
        let mut app = App::new(doc, keymap, crate::app::Settings::default());
        resize_app(&mut app, 65535, 65535);
        assert_eq!((app.area.width, app.area.height), MAX_SIZE);
        let message = app.message.as_ref().map(|m| m.text.as_str());
        assert_eq!(
            message,
            Some("The terminal says it is 65535×65535; lectern draws only 1000×500 of it")
        );
        app.message = None;
        resize_app(&mut app, 120, 40);
        assert_eq!((app.area.width, app.area.height), (120, 40));
        assert!(app.message.is_none());
    }
}
