//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod bindings;
pub mod pty;

use lectern::app::{App, Settings};
use lectern::keymap::{Keymap, key::parse_seq};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The `lectern` binary as a command, its cache in the tests' scratch directory (never
/// the user's).
pub fn command() -> std::process::Command {
    use assert_cmd::cargo::CommandCargoExt as _;
    let mut cmd = std::process::Command::cargo_bin("lectern").unwrap();
    cmd.env(
        "LECTERN_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
    );
    cmd
}

/// Runs `lectern ARGS` ([`command`]) and returns its exit code, standard output and
/// standard error.
pub fn lectern(args: &[&str]) -> (i32, String, String) {
    let out = command().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A reader on the bundled article with a shipped keymap, at a terminal size.
pub fn app(keymap: &str, width: u16, height: u16) -> App {
    let doc = lectern::content::bundled().unwrap().doc;
    let keymap = Keymap::builtin(keymap).unwrap();
    let mut app = App::new(doc, keymap, Settings::default());
    app.resize(width, height);
    // Exports go to a scratch directory, never into the repository.
    app.export_dir =
        std::env::temp_dir().join(format!("lectern-test-exports-{}", std::process::id()));
    std::fs::create_dir_all(&app.export_dir).unwrap();
    app
}

/// Presses a key sequence written as in keymaps (`"g g"`, `"C-d"`).
pub fn press(app: &mut App, keys: &str) {
    for chord in parse_seq(keys).unwrap() {
        app.handle_key(chord);
    }
}

/// Types `text` key by key (a space is `Space`, a line break `Enter`), as a person does.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = match c {
            ' ' => "Space".to_owned(),
            '\n' => "Enter".to_owned(),
            c => c.to_string(),
        };
        press(app, &key);
    }
}

/// Draws the app into a fresh buffer of its size.
pub fn render(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.area);
    lectern::ui::draw_to(&mut buf, app.area, app);
    buf
}

/// The screen as text, one line per row, trailing spaces removed.
pub fn screen(app: &App) -> String {
    buffer_text(&render(app))
}

/// A buffer's symbols as text.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.y..area.y + area.height {
        let mut line = String::new();
        for x in area.x..area.x + area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The first paragraph whose footnote references satisfy `pred`.
pub fn paragraph_with_footnotes(app: &App, pred: impl Fn(&[u32]) -> bool) -> usize {
    app.doc
        .paragraphs
        .iter()
        .position(|p| pred(&p.footnote_refs().collect::<Vec<_>>()))
        .expect("a paragraph with such footnotes")
}

/// Distinct glossary entries in paragraph `p`.
pub fn terms_in(app: &App, p: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for m in app
        .doc
        .glossary
        .find_in(&app.doc.paragraphs[p].plain_text())
    {
        if !out.contains(&m.entry) {
            out.push(m.entry);
        }
    }
    out
}

/// Moves the cursor to paragraph `p` and shows it.
pub fn goto(app: &mut App, p: usize) {
    app.reader.cursor = p;
    lectern::update::reader::reveal_cursor(app);
}

/// A rectangle at the origin.
pub fn rect(w: u16, h: u16) -> Rect {
    Rect::new(0, 0, w, h)
}

/// `lectern::content::open` with the cache of conversions in the tests' scratch directory,
/// never the user's.
pub fn open_article(
    path: Option<&std::path::Path>,
) -> Result<lectern::model::load::Loaded, lectern::diag::FileError> {
    lectern::cache::set_dir(Some(
        concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache").into(),
    ));
    lectern::content::open(path)
}
