//! Measurements of the big happy paths, run by hand in release (they are too slow for the
//! debug test suite, which tests the limit paths in `tests/bad_input.rs`):
//!
//! ```sh
//! cargo test --release --test big_inputs -- --ignored --nocapture --test-threads 1
//! ```

use std::time::{Duration, Instant};

use lectern::action::{Action, Scroll};
use lectern::app::{App, Settings};
use lectern::keymap::Keymap;
use ratatui::buffer::Buffer;

/// Runs `f`, prints how long it took, returns its value.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    eprintln!("{what}: {:.3} s", start.elapsed().as_secs_f64());
    out
}

fn draw(app: &App) -> Duration {
    let start = Instant::now();
    let mut buf = Buffer::empty(app.area);
    lectern::ui::draw_to(&mut buf, app.area, app);
    start.elapsed()
}

/// Opens the article, draws it, goes to the end, and pages through `pages` screens from
/// the start; prints the times and the slowest frame.
fn read_through(src: &str, pages: usize) {
    let doc = timed("  parse and validate", || {
        lectern::model::load::parse(src).expect("loads").doc
    });
    let mut app = timed("  App::new", || {
        App::new(
            doc,
            Keymap::builtin("default").unwrap(),
            Settings::default(),
        )
    });
    // Sizing lays out the blocks around the cursor: the first wrapping happens here.
    timed("  first layout (resize to 160x48)", || app.resize(160, 48));
    eprintln!("  first frame: {:.3} s", draw(&app).as_secs_f64());
    let widest = (0..app.flow.len())
        .take(8)
        .map(|i| app.layout().block(i).lines.len())
        .max();
    eprintln!("  most lines in one of the first blocks: {widest:?}");
    timed("  go to the end and draw", || {
        lectern::update::update(&mut app, Action::GoToEnd);
        draw(&app)
    });
    lectern::update::update(&mut app, Action::GoToStart);
    let mut slowest = Duration::ZERO;
    timed(&format!("  {pages} pages down, drawn"), || {
        for _ in 0..pages {
            lectern::update::update(&mut app, Action::Scroll(Scroll::Pages(1)));
            slowest = slowest.max(draw(&app));
        }
    });
    eprintln!("  slowest frame: {:.4} s", slowest.as_secs_f64());
}

fn article(paragraphs: impl Iterator<Item = String>) -> String {
    let mut src = String::from(
        "Article(format: 1, id: \"big\", title: \"Big\", body: [Heading(level: 1, text: \"One\"),\n",
    );
    for (i, text) in paragraphs.enumerate() {
        src.push_str(&format!("Paragraph(id: \"p{i}\", text: \"{text}\"),\n"));
    }
    src.push_str("])\n");
    src
}

#[test]
#[ignore = "a release measurement"]
fn fifty_megabytes_of_paragraphs() {
    let para = "The quick brown fox jumps over the lazy dog, again and again. ".repeat(10);
    let n = 50_000_000 / para.len();
    let src = article((0..n).map(|_| para.clone()));
    eprintln!("RON article: {} bytes, {n} paragraphs", src.len());
    read_through(&src, 200);
    let md: String = std::iter::once("# Big\n\n".to_owned())
        .chain((0..n).map(|_| format!("{para}\n\n")))
        .collect();
    eprintln!("Markdown article: {} bytes", md.len());
    timed("  import", || {
        lectern::import::parse_markdown(&md).expect("imports")
    });
}

#[test]
#[ignore = "a release measurement"]
fn a_paragraph_at_the_block_limit_and_one_of_five_megabytes() {
    let word = "word ";
    let at_limit = word.repeat(lectern::model::load::MAX_BLOCK_BYTES / word.len());
    let src = article([at_limit, "after".to_owned()].into_iter());
    eprintln!("one paragraph of {} bytes", src.len());
    read_through(&src, 200);
    let huge = article(["word ".repeat(1 << 20), "after".to_owned()].into_iter());
    timed("5 MB paragraph refused", || {
        assert!(lectern::model::load::parse(&huge).is_err())
    });
    let md = format!("# Big\n\n{}\n", "word ".repeat(1 << 20));
    timed("5 MB Markdown paragraph refused", || {
        assert!(lectern::import::parse_markdown(&md).is_err())
    });
}

#[test]
#[ignore = "a release measurement"]
fn wrapping_one_block_of_growing_size() {
    // What the block limit guards against: a block is wrapped whole when it comes into view.
    for mib in [1usize, 5, 50] {
        let text = "word ".repeat((mib << 20) / 5);
        let inlines = vec![lectern::model::Inline::Text {
            text,
            style: Default::default(),
        }];
        let spec = lectern::layout::wrap::WrapSpec {
            width: 80,
            first_prefix: String::new(),
            rest_prefix: String::new(),
            preformatted: false,
            markers: lectern::layout::MarkerStyle::Superscript,
        };
        let lines = timed(&format!("wrap a {mib} MiB block to 80 columns"), || {
            lectern::layout::wrap::wrap(&inlines, &[], &spec)
        });
        eprintln!("  {} lines", lines.len());
    }
}
