//! The terminal's lifecycle and the event loop. Whatever happens (an error, a panic), the
//! terminal is given back as it was: raw mode off, main screen, cursor shown, mouse
//! capture and bracketed paste off.

use std::io::{self, Stdout, Write};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::App;
use crate::keymap::KeyChord;

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
    /// The ratatui terminal.
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
}

impl Guard {
    /// Enters raw mode and the alternate screen, and installs a panic hook that restores
    /// the terminal before the panic message is printed.
    pub fn enter(mouse: bool) -> io::Result<Guard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        terminal::enable_raw_mode()?;
        let mut out = io::stdout();
        let entered = execute!(out, EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
            if mouse {
                execute!(out, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(e) = entered {
            restore();
            return Err(e);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        Ok(Guard { terminal, mouse })
    }

    /// Turns mouse capture on or off to match the setting.
    pub fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        if on != self.mouse {
            if on {
                execute!(io::stdout(), EnableMouseCapture)?;
            } else {
                execute!(io::stdout(), DisableMouseCapture)?;
            }
            self.mouse = on;
        }
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Runs the reader until the user quits.
pub fn run(app: &mut App) -> anyhow::Result<()> {
    let mut guard = Guard::enter(app.settings.mouse)?;
    let size = guard.terminal.size()?;
    app.resize(size.width, size.height);
    // For benchmarks: the time from the start of the process to the first frame.
    let exit_after_first_frame = std::env::var_os("LECTERN_EXIT_AFTER_FIRST_FRAME").is_some();
    loop {
        if app.redraw {
            guard.terminal.clear()?;
            app.redraw = false;
        }
        guard.terminal.draw(|f| crate::ui::draw(f, app))?;
        if app.should_quit || exit_after_first_frame {
            break;
        }
        if !event::poll(Duration::from_millis(500))? {
            continue;
        }
        match event::read()? {
            Event::Key(k) => {
                if let Some(chord) = KeyChord::from_event(&k) {
                    app.handle_key(chord);
                }
            }
            Event::Mouse(m) => app.handle_mouse(m),
            Event::Resize(w, h) => app.resize(w, h),
            Event::Paste(text) => app.handle_paste(&text),
            _ => {}
        }
        guard.set_mouse(app.settings.mouse)?;
    }
    Ok(())
}
