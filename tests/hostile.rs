//! Hostile text: strings full of control characters, escape sequences, bidi overrides,
//! combining marks, wide and zero-width characters, put in every field of an article and
//! drawn at any size, never put a control character in a cell nor text outside its pane;
//! lectern measures text as ratatui draws it.

mod common;

use lectern::app::{App, Settings, SideView};
use lectern::geometry;
use lectern::keymap::Keymap;
use lectern::layout::cells;
use lectern::sanitize::needs_cleaning;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Pieces hostile text is made of.
const POOL: &[&str] = &[
    "a",
    "word",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{0}",
    "\u{7}",
    "\u{8}",
    "\u{1b}",
    "\u{1b}[2J",
    "\u{1b}[31m",
    "\u{1b}]52;c;SGVsbG8=\u{7}",
    "\u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}P+q\u{1b}\\",
    "\u{7f}",
    "\u{85}",
    "\u{9b}6n",
    "\u{9d}0;t\u{9c}",
    "\u{202a}",
    "\u{202b}",
    "\u{202c}",
    "\u{202d}",
    "\u{202e}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{2028}",
    "\u{2029}",
    "\u{200e}",
    "\u{301}",
    "e\u{301}\u{302}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "漢",
    "字仮名",
    "ｶﾞ",
    "ﾟ",
    "🇨🇳",
    "👩\u{200d}💻",
    "👨\u{200d}👩\u{200d}👧",
    "❤\u{fe0f}",
    "\u{644}\u{627}",
    "*",
    "`",
    "[",
    "]",
    "\\",
    "https://example.org/a_(b)",
];

/// A string of pieces from the pool.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(POOL), 0..20).prop_map(|v| v.concat())
}

/// A RON string literal for `s` (ron writes every control character as `\u{..}`).
fn ron_str(s: &str) -> String {
    ron::to_string(&s).expect("a string serialises")
}

/// `s` as markup that shows `s` itself: every ASCII punctuation character escaped.
fn plain_markup(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An article with `s` in every field that is shown.
fn article_with(s: &str) -> String {
    let m = plain_markup(s);
    let text = ron_str(&format!("x {m}"));
    format!(
        "Article(format: 1, id: \"hostile\", title: {title}, authors: [{author}], \
         author_note: {text}, source: {source}, body: [\
           Paragraph(id: \"p1\", text: {text}),\
           Heading(level: 1, text: {heading}),\
           Paragraph(id: \"p2\", text: {cited}),\
           Item(id: \"p3\", marker: {marker}, text: {text}),\
           Quote(id: \"p4\", text: {text}),\
           Code(id: \"p5\", text: {code}),\
         ], footnotes: [Footnote(number: 1, text: {text})], \
         glossary: [Entry(id: \"g\", term: {term}, aliases: [{alias}], definition: {text})])",
        title = ron_str(&format!("T {m}")),
        author = ron_str(&format!("A {s}")),
        source = ron_str(s),
        heading = ron_str(&format!("H {m}")),
        cited = ron_str(&format!("y {m}[^1] zq")),
        marker = ron_str(&format!("-{s}")),
        code = ron_str(&format!("c {s}")),
        term = ron_str(&format!("zq{s}")),
        alias = ron_str(&format!("qz{s}")),
    )
}

fn app_for(src: &str, width: u16, height: u16) -> App {
    let doc = match lectern::model::load::parse(src) {
        Ok(loaded) => loaded.doc,
        Err(d) => panic!("the hostile article does not load: {d:?}\n{src}"),
    };
    let mut app = App::new(
        doc,
        Keymap::builtin("default").unwrap(),
        Settings::default(),
    );
    app.resize(width, height);
    app
}

/// Puts the app in one of several states that show the text in different places.
fn set_state(app: &mut App, state: u8, note: &str) {
    let cited = 1;
    match state {
        0 => {}
        1 => {
            app.notes.set(&app.doc, cited, note, 1).unwrap();
            app.settings.inline_notes = true;
            app.reader.cursor = cited;
            lectern::update::reader::reveal_cursor(app);
        }
        2 => {
            app.reader.cursor = cited;
            lectern::update::reader::open_footnotes(app);
        }
        3 => {
            app.reader.cursor = cited;
            lectern::update::reader::open_definitions(app);
        }
        4 => {
            app.notes.set(&app.doc, cited, note, 1).unwrap();
            app.reader.cursor = cited;
            lectern::update::notes::edit(app);
            app.handle_paste(note);
        }
        5 => {
            app.notes.set(&app.doc, cited, note, 1).unwrap();
            app.state.set_bookmark(&app.doc, 'a', cited);
            app.side.view = SideView::Notes;
        }
        6 => {
            app.state.set_bookmark(&app.doc, 'b', 0);
            app.side.view = SideView::Bookmarks;
        }
        _ => {
            app.error(note.to_owned());
            app.side[SideView::Glossary].filter = note.to_owned();
        }
    }
}

/// No cell holds a control character, an escape, or a bidi override.
fn assert_no_control(buf: &Buffer) -> Result<(), TestCaseError> {
    for (i, cell) in buf.content.iter().enumerate() {
        let sym = cell.symbol();
        prop_assert!(
            !sym.chars().any(needs_cleaning),
            "cell {i} holds {sym:?}:\n{}",
            common::buffer_text(buf)
        );
    }
    Ok(())
}

/// Text stays in its pane: pane borders are intact, and in the text pane nothing is drawn
/// beside the text column and its margin.
fn assert_inside_panes(app: &App, buf: &Buffer) -> Result<(), TestCaseError> {
    let panes = geometry::panes(buf.area, &app.settings);
    if panes.too_small {
        return Ok(());
    }
    let all = [panes.outline, Some(panes.text), panes.side];
    for pane in all.into_iter().flatten() {
        for y in pane.y + 1..pane.bottom().saturating_sub(1) {
            for x in [pane.x, pane.right() - 1] {
                let sym = buf[(x, y)].symbol();
                prop_assert!(
                    matches!(sym, "│" | "┃"),
                    "border of {pane:?} overwritten at ({x}, {y}) by {sym:?}:\n{}",
                    common::buffer_text(buf)
                );
            }
        }
    }
    let view = geometry::text_view(panes.text, app.settings.measure);
    let text_cols = view.x..view.x + view.width;
    let margin = view.margin_x..view.margin_x + geometry::MARGIN;
    for y in panes.text.y + 1..panes.text.bottom().saturating_sub(1) {
        for x in panes.text.x + 1..panes.text.right().saturating_sub(1) {
            if text_cols.contains(&x) || margin.contains(&x) {
                continue;
            }
            let sym = buf[(x, y)].symbol();
            prop_assert!(
                sym == " ",
                "text pane: {sym:?} at ({x}, {y}) outside the text column:\n{}",
                common::buffer_text(buf)
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_text_renders_clean_and_inside_its_panes(
        s in hostile(),
        note in hostile(),
        width in 1u16..170,
        height in 1u16..50,
        state in 0u8..8,
        measure in 20u16..=200,
    ) {
        let src = article_with(&s);
        let mut app = app_for(&src, width, height);
        app.settings.measure = measure;
        set_state(&mut app, state, &note);
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        lectern::ui::draw_to(&mut buf, area, &app);
        assert_no_control(&buf)?;
        if app.popup.is_none() && app.editor().is_none() && app.help().is_none() {
            assert_inside_panes(&app, &buf)?;
        }
        // Scrolled to the end, the code block and the footnote marker are on screen too.
        lectern::update::update(&mut app, lectern::action::Action::GoToEnd);
        let mut buf = Buffer::empty(area);
        lectern::ui::draw_to(&mut buf, area, &app);
        assert_no_control(&buf)?;
    }

    #[test]
    fn wrapping_measures_what_ratatui_draws(s in hostile()) {
        let clean = lectern::sanitize::clean_line(&s).into_owned();
        let mut buf = Buffer::empty(Rect::new(0, 0, 400, 1));
        let (x, _) = buf.set_line(0, 0, &Line::raw(clean.as_str()), 400);
        prop_assert_eq!(usize::from(x), cells::width(&clean), "{:?}", clean);
    }

    #[test]
    fn wrapped_lines_fit_their_width(s in hostile(), width in 1usize..40) {
        let inlines = vec![lectern::model::Inline::Text {
            text: lectern::sanitize::clean(&s).into_owned(),
            style: Default::default(),
        }];
        for preformatted in [false, true] {
            let spec = lectern::layout::wrap::WrapSpec {
                width,
                first_prefix: String::new(),
                rest_prefix: String::new(),
                preformatted,
                markers: lectern::layout::MarkerStyle::Brackets,
            };
            for line in lectern::layout::wrap::wrap(&inlines, &[], &spec) {
                // The one exception: a single grapheme wider than the line (a wide character
                // at width 1), which ratatui then leaves out rather than overflow.
                let text: String = line.segments.iter().map(|s| s.text.as_str()).collect();
                let graphemes = unicode_segmentation::UnicodeSegmentation::graphemes(
                    text.as_str(),
                    true,
                )
                .count();
                prop_assert!(
                    line.width() <= width || graphemes == 1,
                    "{line:?} at {width}"
                );
            }
        }
    }
}

#[test]
fn the_bundled_flag_emoji_keeps_its_two_cells() {
    // The bundled article ends with a flag; it is measured as ratatui draws it.
    let doc = lectern::content::bundled().unwrap().doc;
    let last = doc.paragraphs.last().unwrap().plain_text();
    let flag = last.trim_end().chars().rev().take(2).collect::<String>();
    let flag: String = flag.chars().rev().collect();
    assert_eq!(cells::width(&flag), 2, "{flag:?}");
}

#[test]
fn the_note_editor_holds_only_visible_text() {
    use lectern::keymap::{Key, KeyChord};
    let mut app = common::app("default", 100, 30);
    // A note from a hand-edited file, with raw escapes, opens in its visible form and is
    // not rewritten when the editor closes unchanged.
    app.notes
        .set(&app.doc, 0, "from a file \u{1b}[2J \u{202e}x", 1)
        .unwrap();
    lectern::update::notes::edit(&mut app);
    let ed = app.editor().unwrap();
    assert_eq!(ed.text(), "from a file ␛[2J [RLO]x");
    assert_eq!(ed.text(), ed.saved, "opening changes nothing");
    // Characters typed one by one (a paste without bracketed paste) are made visible too.
    for c in ['\u{202e}', '\u{9b}', 'o'] {
        app.handle_key(KeyChord::plain(Key::Char(c)));
    }
    assert!(app.editor().unwrap().text().ends_with("x[RLO]�o"));
    let buf = common::render(&app);
    assert_no_control(&buf).unwrap();
}
