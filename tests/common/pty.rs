//! Runs the real binary in a pseudo-terminal and reads its screen through a VT parser.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// A running lectern in a pseudo-terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    /// Tells the reading thread to let go of its end of the terminal.
    stop: Arc<AtomicBool>,
    reading: Option<std::thread::JoinHandle<()>>,
}

impl Session {
    /// Starts `lectern ARGS` in a `cols`x`rows` terminal, with its config and data
    /// directories under `home` (so no user file of the machine is read).
    pub fn start(args: &[&str], cols: u16, rows: u16, home: &Path) -> Session {
        Session::start_with_env(args, cols, rows, home, &[])
    }

    /// Like [`Session::start`], with extra environment variables.
    pub fn start_with_env(
        args: &[&str],
        cols: u16,
        rows: u16,
        home: &Path,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lectern"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("LECTERN_DATA_DIR", home.join("lectern-data"));
        cmd.env("LECTERN_CACHE_DIR", home.join("lectern-cache"));
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("spawn lectern");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.max(1).try_into().unwrap(),
            cols.max(1).try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let stop = Arc::new(AtomicBool::new(false));
        let stop_reading = Arc::clone(&stop);
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                if stop_reading.load(Ordering::Relaxed) {
                    // Give back this copy of the terminal's end, so it can close.
                    break;
                }
            }
        });
        Session {
            child,
            writer: Some(writer),
            parser,
            raw,
            master: Some(pair.master),
            stop,
            reading: Some(reading),
        }
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Runs `f` on the parsed screen (for cell attributes).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Everything the program wrote.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen satisfies `pred`; panics with the screen after 15 s.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Types bytes (keys) into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
        // Let the program read one key before the next: an ESC followed at once by a
        // key would read as Alt+key.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last output.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "lectern did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Closes the terminal, as when its window is closed or ssh drops, and waits up to 15 s
    /// for the program to exit; returns its exit code.
    pub fn hang_up(mut self) -> u32 {
        // Every copy of the terminal's end must close: the reading thread's too. It holds
        // one while it waits, so make the program write (a redraw) and stop it after that.
        self.stop.store(true, Ordering::Relaxed);
        self.send(b"\x0c");
        if let Some(reading) = self.reading.take() {
            reading.join().unwrap();
        }
        // portable-pty's writer, when dropped, types a newline and the end-of-file key so a
        // shell would see the end of its input; a real terminal that closes types nothing.
        // With no end-of-file key set, it writes nothing.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: `fd` is the master's open descriptor; termios is plain data.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        drop(self.writer.take());
        drop(self.master.take());
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "lectern did not exit after the terminal closed"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH). The screen parser keeps the size
    /// it has unless `parser_too` is set: a huge size is for the program only.
    #[allow(dead_code)]
    pub fn resize(&self, cols: u16, rows: u16, parser_too: bool) {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master.as_ref().unwrap().resize(size).unwrap();
        if parser_too {
            self.parser.lock().unwrap().screen_mut().set_size(
                rows.max(1).try_into().unwrap(),
                cols.max(1).try_into().unwrap(),
            );
        }
    }

    /// The process id (for signals).
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Whether the output, after it last entered the alternate screen, leaves it and shows the
/// cursor again.
pub fn restored_terminal(raw: &[u8]) -> bool {
    let find_last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let entered = find_last(b"\x1b[?1049h");
    let left = find_last(b"\x1b[?1049l");
    let shown = find_last(b"\x1b[?25h");
    match (entered, left, shown) {
        (Some(e), Some(l), Some(s)) => l > e && s > e,
        _ => false,
    }
}
