//! The performance budget of issue 7, for the bundled article and for the reference book
//! (the bundled article as 100 chapters of Markdown, ~4 MB, generated here, not committed),
//! on 80x24 and 200x60 screens. `cargo bench` runs it all; `cargo bench -- book` a part.
//! docs/PERFORMANCE.md has the figures and what they are measured against.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::action::{Action, Scroll};
use lectern::app::{App, Settings};
use lectern::keymap::Keymap;
use lectern::model::Document;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The two screens every frame is measured on.
const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn bundled() -> Document {
    lectern::content::bundled().expect("bundled article").doc
}

fn book_source() -> String {
    lectern::import::book_markdown(100)
}

fn book(src: &str) -> Document {
    lectern::import::parse_markdown(src)
        .expect("the book imports")
        .doc
}

fn app(doc: Document, size: (u16, u16)) -> App {
    let mut app = App::new(
        doc,
        Keymap::builtin("default").expect("keymap"),
        Settings::default(),
    );
    app.resize(size.0, size.1);
    app
}

fn terminal(size: (u16, u16)) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(size.0, size.1)).expect("test terminal")
}

fn frame(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| lectern::ui::draw(f, app)).expect("draw");
}

/// Times `step` (and the frame after it) `iters` times, running `undo` (and its frame)
/// untimed in between, so every timed step starts from the same state.
fn timed_steps(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    iters: u64,
    step: &dyn Fn(&mut App),
    undo: &dyn Fn(&mut App),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let t = Instant::now();
        step(app);
        frame(term, app);
        total += t.elapsed();
        undo(app);
        frame(term, app);
    }
    total
}

fn update(a: Action) -> impl Fn(&mut App) {
    move |app: &mut App| lectern::update::update(app, a.clone())
}

/// Puts the view at the start, the middle or the end.
fn place(app: &mut App, at: &str) {
    lectern::update::update(app, Action::GoToStart);
    match at {
        "middle" => {
            app.reader.cursor = app.doc.paragraphs.len() / 2;
            lectern::update::reader::reveal_cursor(app);
        }
        "end" => {
            lectern::update::update(app, Action::GoToEnd);
            // A little above the very end, so a step down still moves.
            lectern::update::update(app, Action::Scroll(Scroll::Pages(-1)));
        }
        _ => {}
    }
}

fn suite(c: &mut Criterion, name: &str, doc: &Document, load: &dyn Fn() -> Document) {
    let source = || doc.clone();
    let mut g = c.benchmark_group(name);
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("load", |b| b.iter(|| black_box(load())));
    g.bench_function("load_and_first_frame/80x24", |b| {
        b.iter(|| {
            let app = app(load(), (80, 24));
            let mut term = terminal((80, 24));
            frame(&mut term, &app);
            black_box(app.reader)
        })
    });
    for size in SIZES {
        let tag = |what: &str| format!("{what}/{}x{}", size.0, size.1);
        g.bench_function(tag("first_frame"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let doc = source();
                    let t = Instant::now();
                    let app = app(doc, size);
                    let mut term = terminal(size);
                    frame(&mut term, &app);
                    total += t.elapsed();
                }
                total
            })
        });
        let mut a = app(source(), size);
        let mut term = terminal(size);
        frame(&mut term, &a);
        for at in ["start", "middle", "end"] {
            place(&mut a, at);
            frame(&mut term, &a);
            for (what, down, up) in [
                ("scroll_line", Scroll::Lines(1), Scroll::Lines(-1)),
                ("scroll_page", Scroll::Pages(1), Scroll::Pages(-1)),
            ] {
                g.bench_function(tag(&format!("{what}_{at}")), |b| {
                    b.iter_custom(|iters| {
                        timed_steps(
                            &mut a,
                            &mut term,
                            iters,
                            &update(Action::Scroll(down)),
                            &update(Action::Scroll(up)),
                        )
                    })
                });
            }
        }
        place(&mut a, "start");
        g.bench_function(tag("jump_to_end"), |b| {
            b.iter_custom(|iters| {
                timed_steps(
                    &mut a,
                    &mut term,
                    iters,
                    &update(Action::GoToEnd),
                    &update(Action::GoToStart),
                )
            })
        });
        let section = a.doc.sections.len() * 2 / 3;
        g.bench_function(tag("jump_to_section"), |b| {
            b.iter_custom(|iters| {
                let go = |app: &mut App| {
                    lectern::update::set_focus(app, lectern::action::Pane::Outline);
                    app.outline_selected = section;
                    lectern::update::update(app, Action::Open);
                };
                timed_steps(&mut a, &mut term, iters, &go, &update(Action::GoToStart))
            })
        });
        // A paragraph citing a footnote, in the middle.
        let with_note = (a.doc.paragraphs.len() / 2..a.doc.paragraphs.len())
            .find(|&p| a.doc.paragraphs[p].footnote_refs().next().is_some())
            .unwrap_or(0);
        a.reader.cursor = with_note;
        lectern::update::reader::reveal_cursor(&mut a);
        g.bench_function(tag("open_footnote"), |b| {
            b.iter_custom(|iters| {
                timed_steps(
                    &mut a,
                    &mut term,
                    iters,
                    &update(Action::OpenFootnotes),
                    &update(Action::Cancel),
                )
            })
        });
    }
    // Resizing clears the wrapped text; the first frame after it wraps only what it shows.
    let mut a = app(source(), (80, 24));
    let mut wide = terminal((200, 60));
    let mut narrow = terminal((80, 24));
    frame(&mut narrow, &a);
    g.bench_function("resize_80_to_200", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                a.resize(200, 60);
                frame(&mut wide, &a);
                total += t.elapsed();
                a.resize(80, 24);
                frame(&mut narrow, &a);
            }
            total
        })
    });
    g.bench_function("resize_200_to_80", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                a.resize(200, 60);
                frame(&mut wide, &a);
                let t = Instant::now();
                a.resize(80, 24);
                frame(&mut narrow, &a);
                total += t.elapsed();
            }
            total
        })
    });
    let doc = source();
    let notes: Vec<lectern::notes::NoteEntry> = Vec::new();
    for (what, query) in [("search_many", "the"), ("search_none", "zebra crossing")] {
        let q = lectern::search::Query::new(query).expect("query");
        g.bench_function(what, |b| {
            b.iter(|| black_box(lectern::search::search(&doc, &notes, &q)))
        });
    }
    g.finish();
}

fn article(c: &mut Criterion) {
    suite(c, "article", &bundled(), &bundled);
}

fn book_suite(c: &mut Criterion) {
    let src = book_source();
    eprintln!("book: {} bytes", src.len());
    let doc = book(&src);
    eprintln!(
        "book: {} paragraphs, {} footnotes, {} sections",
        doc.paragraphs.len(),
        doc.footnotes.len(),
        doc.sections.len()
    );
    suite(c, "book", &doc, &|| book(&src));
}

/// The whole process: start, load the bundled article, draw the first frame, exit
/// (`LECTERN_EXIT_AFTER_FIRST_FRAME`), in a pseudo-terminal.
fn startup(c: &mut Criterion) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let bin = env!("CARGO_BIN_EXE_lectern");
    let data = std::env::temp_dir().join(format!("lectern-bench-{}", std::process::id()));
    let book = data.join("book.md");
    std::fs::create_dir_all(&data).expect("bench data dir");
    std::fs::write(&book, book_source()).expect("write the book");
    let book_arg = book.to_string_lossy().into_owned();
    let mut g = c.benchmark_group("startup");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    for (name, arg) in [
        ("bundled_to_first_frame", None),
        ("book_to_first_frame", Some(book_arg.as_str())),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let pair = native_pty_system()
                        .openpty(PtySize {
                            rows: 24,
                            cols: 80,
                            pixel_width: 0,
                            pixel_height: 0,
                        })
                        .expect("pty");
                    let mut cmd = CommandBuilder::new(bin);
                    if let Some(a) = arg {
                        cmd.arg(a);
                    }
                    cmd.env("LECTERN_EXIT_AFTER_FIRST_FRAME", "1");
                    cmd.env("LECTERN_DATA_DIR", &data);
                    cmd.env("TERM", "xterm-256color");
                    let mut reader = pair.master.try_clone_reader().expect("reader");
                    // Drain the output so the child never blocks on a full pty.
                    let drain = std::thread::spawn(move || {
                        let mut buf = [0u8; 65536];
                        while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
                    });
                    let t = Instant::now();
                    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
                    child.wait().expect("wait");
                    total += t.elapsed();
                    drop(pair.master);
                    drop(pair.slave);
                    let _ = drain.join();
                }
                total
            })
        });
    }
    g.finish();
}

use std::io::Read as _;

/// The reference book's parts as the background reader sends them (see `lectern::loading`):
/// the first 64 paragraphs, then parts that double.
fn parts(doc: &Document) -> (Document, Vec<lectern::loading::Msg>) {
    use lectern::model::document::sections_read;
    let all = &doc.sections;
    let first = 64.min(doc.paragraphs.len());
    let head = Document::new(
        doc.meta.clone(),
        sections_read(all, first),
        doc.paragraphs[..first].to_vec(),
        Vec::new(),
        doc.glossary.clone(),
    );
    let mut msgs = Vec::new();
    let mut sent = first;
    while sent < doc.paragraphs.len() {
        let next = (sent * 2).min(doc.paragraphs.len());
        let done = next == doc.paragraphs.len();
        msgs.push(lectern::loading::Msg::Part {
            sections: sections_read(all, next),
            paragraphs: doc.paragraphs[sent..next].to_vec(),
            footnotes: if done {
                doc.footnotes.clone()
            } else {
                Vec::new()
            },
            total: doc.paragraphs.len(),
            done,
        });
        sent = next;
    }
    (head, msgs)
}

/// Issue 20: what the reader does while the rest of the book arrives. `take_in_parts`
/// times taking in every part of the reference book (the whole of the reader's work for
/// it, spread over the parts: the largest is the longest a key can wait); scrolling while
/// the book is being read keeps the 1 ms budget of a whole one.
fn reading(c: &mut Criterion) {
    let doc = book(&book_source());
    let mut g = c.benchmark_group("reading");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    let fresh = || {
        let (head, msgs) = parts(&doc);
        let mut a = app(head, (80, 24));
        lectern::update::loading::start(&mut a, None, None, "book.md".into());
        (a, msgs)
    };
    g.bench_function("take_in_parts", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (mut a, msgs) = fresh();
                let t = Instant::now();
                for m in msgs {
                    lectern::update::loading::absorb(&mut a, m);
                }
                total += t.elapsed();
                assert!(a.loading.is_none());
            }
            total
        })
    });
    g.bench_function("take_in_the_last_part", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (mut a, mut msgs) = fresh();
                let last = msgs.pop().expect("parts");
                for m in msgs {
                    lectern::update::loading::absorb(&mut a, m);
                }
                let t = Instant::now();
                lectern::update::loading::absorb(&mut a, last);
                total += t.elapsed();
            }
            total
        })
    });
    let (mut a, mut msgs) = fresh();
    // Half the book is read.
    msgs.truncate(msgs.len() - 1);
    for m in msgs {
        lectern::update::loading::absorb(&mut a, m);
    }
    let mut term = terminal((80, 24));
    place(&mut a, "middle");
    frame(&mut term, &a);
    g.bench_function("scroll_line_while_reading/80x24", |b| {
        b.iter_custom(|iters| {
            timed_steps(
                &mut a,
                &mut term,
                iters,
                &update(Action::Scroll(Scroll::Lines(1))),
                &update(Action::Scroll(Scroll::Lines(-1))),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, startup, article, book_suite, reading);
criterion_main!(benches);
