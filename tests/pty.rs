//! End-to-end: the real binary in a pseudo-terminal, its screen read by a VT parser.

mod common;

use common::pty::{Session, restored_terminal};

#[test]
fn opens_with_the_title_and_the_outline() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    let headings = [
        "▸ Introduction",
        "1 The Situation",
        "2 Behind the",
        "2.1 Absence",
        "5 Conclusion",
    ];
    let title = "The Prospect of Situation on the Korean Peninsula and China's Role";
    // The screen arrives in pieces: wait for all of it.
    s.wait_for("the title and the outline", |screen| {
        screen.lines().nth(1).is_some_and(|row| row.contains(title))
            && headings.iter().all(|h| screen.contains(h))
    });
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn capital_g_shows_the_last_paragraph() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"G");
    let screen = s.wait_text("100%");
    assert!(screen.contains("stability, and prosperity."), "{screen}");
    assert!(screen.contains("5 Conclusion"), "{screen}");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn f_on_a_paragraph_with_a_footnote_shows_its_text() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    // The first paragraph cites footnote 1.
    s.send(b"f");
    let screen = s.wait_text("Footnote 1");
    assert!(
        screen.contains("Significant Signals of the 5th Plenary Session"),
        "{screen}"
    );
    assert!(
        screen.contains("http://www.xinhuanet.com//2020-01/02/c_1125416394.htm"),
        "URL in full:\n{screen}"
    );
    s.send(b"\x1b");
    s.wait_for("the popup to close", |sc| !sc.contains("Footnote 1"));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn q_exits_0_and_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, home.path());
    s.wait_text("Outline");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    assert!(
        restored_terminal(&raw),
        "alternate screen left and cursor shown"
    );
    assert!(!s.screen().contains("Outline"), "back on the main screen");
}

#[test]
fn a_broken_user_keymap_warns_and_the_defaults_work() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/lectern");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keymap.ron"), "Keymap(text: { \"j\": Fly })").unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    let screen = s.wait_text("your keymap is ignored");
    assert!(
        screen.contains("config/lectern/keymap.ron:1:21:"),
        "{screen}"
    );
    s.send(b"G");
    s.wait_text("100%");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_user_keymap_changes_only_the_keys_it_names() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/lectern");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keymap.ron"), "Keymap(global: { \"x\": Quit })").unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"G");
    s.wait_text("100%");
    s.send(b"x");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_emacs_keymap_is_selected_by_name() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--keymap", "emacs"], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"\x1b>"); // A->: end
    s.wait_text("100%");
    s.send(b"\x18\x03"); // C-x C-c
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_markdown_article_opens_with_all_its_warnings_shown() {
    let home = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/md/footnotes.md", home.path().join("f.md")).unwrap();
    let mut s = Session::start(&["f.md"], 140, 30, home.path());
    let screen = s.wait_for("the warnings", |screen| {
        screen.contains("At the start")
            && screen
                .contains("f.md:5:57: warning: footnote [^nope] is referenced but never defined")
            && screen
                .contains("f.md:14:1: warning: footnote [^orphan] is defined but never referenced")
    });
    assert!(
        screen.contains("f.md:13:1: warning: footnote [^dup] is defined twice"),
        "{screen}"
    );
    // Any key closes the notice and does its work: f opens the footnote.
    s.send(b"f");
    s.wait_text("Footnote 1");
    s.send(b"q");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

/// Cells (row, col) where `word` starts on the screen, with their background colours.
fn word_cells(s: &Session, word: &str) -> Vec<(u16, u16, vt100::Color)> {
    s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let mut out = Vec::new();
        for r in 0..rows {
            let line: String = (0..cols)
                .map(|c| {
                    screen
                        .cell(r, c)
                        .map_or(String::new(), |cell| cell.contents().to_owned())
                })
                .map(|t| if t.is_empty() { " ".to_owned() } else { t })
                .collect();
            let mut from = 0;
            while let Some(i) = line[from..].find(word) {
                let col = line[..from + i].chars().count() as u16;
                let bg = screen
                    .cell(r, col)
                    .map_or(vt100::Color::Default, |c| c.bgcolor());
                out.push((r, col, bg));
                from += i + word.len();
            }
        }
        out
    })
}

#[test]
fn search_shows_the_count_highlights_and_n_moves_on() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 120, 36, home.path());
    s.wait_text("Outline");
    s.send(b"/");
    s.send(b"Yongbyon");
    s.send(b"\r");
    let screen = s.wait_text("match 1/3");
    let current = vt100::Color::Rgb(230, 180, 80);
    // The text pane: between the outline (24 columns) and the side pane (30).
    let in_text = |cells: Vec<(u16, u16, vt100::Color)>| -> Vec<(u16, u16, vt100::Color)> {
        cells
            .into_iter()
            .filter(|c| (24..90).contains(&c.1))
            .collect()
    };
    let cells = in_text(word_cells(&s, "Yongbyon"));
    assert!(
        cells.iter().any(|c| c.2 == current),
        "the current match is highlighted:\n{screen}\n{cells:?}"
    );
    let first_row = cells.iter().find(|c| c.2 == current).unwrap().0;
    s.send(b"n");
    s.wait_text("match 2/3");
    let cells = in_text(word_cells(&s, "Yongbyon"));
    let highlighted: Vec<_> = cells.iter().filter(|c| c.2 == current).collect();
    assert_eq!(highlighted.len(), 1, "{cells:?}");
    assert_ne!(
        highlighted[0].0, first_row,
        "the highlight moved to the next match"
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

/// The terminal's cursor: (row, column), and whether it is shown.
fn cursor(s: &Session) -> ((u16, u16), bool) {
    s.with_screen(|sc| (sc.cursor_position(), !sc.hide_cursor()))
}

#[test]
fn the_terminal_cursor_sits_where_typing_goes() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.wait_for("the cursor hidden while reading", |_| !cursor(&s).1);
    // The search prompt: after `/abc` on the status bar.
    s.send(b"/abc");
    s.wait_text("/abc");
    s.wait_for("the cursor after the query", |_| {
        cursor(&s) == ((29, 4), true)
    });
    s.send(b"\x1b");
    s.wait_for("the cursor hidden again", |_| !cursor(&s).1);
    // The note editor: after what is typed on its second line.
    s.send(b"a");
    s.wait_text("Note on");
    s.send(b"hello\rxy");
    let screen = s.wait_text("xy");
    let row = screen.lines().position(|l| l.contains("xy")).unwrap() as u16;
    let text = screen.lines().nth(row.into()).unwrap();
    let col = text[..text.find("xy").unwrap()].chars().count() as u16;
    s.wait_for("the cursor after `xy`", |_| {
        cursor(&s) == ((row, col + 2), true)
    });
    s.send(b"\x1b");
    s.send(b"q");
    s.wait_exit();
}

#[test]
fn screen_reader_mode_shows_one_pane_without_box_drawing_and_the_cursor_on_the_paragraph() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--screen-reader"], 100, 30, home.path());
    // The whole first frame: "Introduction" is on its first row, and on a loaded machine
    // the screen can be read before the rest (and the cursor) have arrived.
    let screen = s.wait_for("the cursor on the first paragraph", |screen| {
        let ((row, col), _) = cursor(&s);
        screen.lines().nth(row.into()).is_some_and(|l| {
            l.chars()
                .skip(col.into())
                .collect::<String>()
                .starts_with("The situation on the Korean")
        })
    });
    let decorations = ['─', '│', '┌', '┐', '└', '┘', '━', '┃', '▌', '▸', '✎'];
    assert!(
        !screen.chars().any(|c| decorations.contains(&c)),
        "no box drawing or glyphs:\n{screen}"
    );
    assert!(!screen.contains("Outline"), "one pane:\n{screen}");
    // The cursor is at the start of the current paragraph (the first one).
    let (at, shown) = cursor(&s);
    assert!(shown, "the cursor is shown");
    let line: String = screen
        .lines()
        .nth(at.0.into())
        .unwrap()
        .chars()
        .skip(at.1.into())
        .collect();
    assert!(
        line.starts_with("The situation on the Korean"),
        "{at:?}: {line:?}\n{screen}"
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn y_puts_the_quotation_on_the_clipboard_with_osc_52() {
    use base64::Engine as _;
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 100, 30, home.path());
    s.wait_text("Outline");
    s.send(b"v");
    s.wait_text("Selected 1 word");
    s.send(b"w");
    s.wait_text("Selected 2 words");
    s.send(b"y");
    s.wait_text("OSC 52");
    let raw = s.raw();
    let start = b"\x1b]52;c;";
    let at = raw
        .windows(start.len())
        .position(|w| w == start)
        .expect("an OSC 52 sequence")
        + start.len();
    // Ended by ST (ESC \) or BEL.
    let len = raw[at..]
        .iter()
        .position(|&b| b == 0x1b || b == 0x07)
        .expect("the sequence ends");
    assert!(raw[at + len..].starts_with(b"\x1b\\") || raw[at + len] == 0x07);
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&raw[at..at + len])
        .expect("base64");
    let text = String::from_utf8(decoded).unwrap();
    // The first two words of the first paragraph, quoted, and where they are.
    assert!(text.starts_with('“') && text.contains("” ("), "{text}");
    assert!(text.ends_with("¶1)"), "{text}");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_big_file_found_unreadable_after_the_start_exits_1_with_its_error_on_the_main_screen() {
    // Big enough to be read in the background: the reader starts on a placeholder, then
    // the conversion fails.
    let home = tempfile::tempdir().unwrap();
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(lectern::loading::PROGRESSIVE_FROM as usize + 10, b'x');
    std::fs::write(home.path().join("broken.pdf"), bytes).unwrap();
    let mut s = Session::start(&["broken.pdf"], 100, 30, home.path());
    assert_eq!(s.wait_exit(), 1);
    let raw = s.raw();
    assert!(
        restored_terminal(&raw),
        "alternate screen left, cursor shown"
    );
    let left = raw.windows(8).rposition(|w| w == b"\x1b[?1049l").unwrap();
    let after = String::from_utf8_lossy(&raw[left..]);
    assert!(
        after.contains("broken.pdf") && after.contains("PDF"),
        "the error, after the terminal is given back: {after:?}"
    );
    let screen = s.screen();
    assert!(screen.contains("broken.pdf"), "{screen}");
}

/// A PDF of about `size` bytes whose pages object's header has a byte that is not UTF-8:
/// pdf_oxide 0.3.78 panics on it (a string sliced inside a character, found by fuzzing),
/// and lectern catches the panic.
fn pdf_the_pdf_reader_panics_on(size: usize) -> Vec<u8> {
    let filler = size.saturating_sub(400);
    let objects: [Vec<u8>; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_vec(),
        [
            format!("<< /Length {filler} >>\nstream\n").into_bytes(),
            vec![b'x'; filler],
            b"\nendstream".to_vec(),
        ]
        .concat(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        if i == 1 {
            out.extend_from_slice(b"2\xff0 obj\n");
        } else {
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        }
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

#[test]
fn a_panic_caught_in_the_pdf_reader_while_the_reader_runs_leaves_it_the_terminal() {
    // Read in the background, with the reader on screen: the caught panic must neither
    // give the terminal back early nor print itself over the reader.
    let home = tempfile::tempdir().unwrap();
    let size = lectern::loading::PROGRESSIVE_FROM as usize + 4096;
    std::fs::write(
        home.path().join("panics.pdf"),
        pdf_the_pdf_reader_panics_on(size),
    )
    .unwrap();
    let mut s = Session::start(&["panics.pdf"], 100, 30, home.path());
    assert_eq!(s.wait_exit(), 1);
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains("panicked"),
        "the caught panic was printed: {text:?}"
    );
    assert_eq!(
        raw.windows(8).filter(|w| *w == b"\x1b[?1049l").count(),
        1,
        "the alternate screen is left once, when the reader ends"
    );
    assert!(restored_terminal(&raw));
    let screen = s.screen();
    assert!(
        screen.contains("panics.pdf:1:1: cannot find the pages"),
        "{screen}"
    );
}
