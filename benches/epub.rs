//! Opening a novel-sized EPUB (generated here: 140 chapters, about 220,000 words; nothing
//! is committed) to its first screen, against reading its plain text, which is what `less`
//! does before it shows the first screen: the whole conversion, and the preview of its
//! first chapters that the reader shows while it runs (`import::preview_epub`).
//! `cargo bench --bench epub`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::app::{App, Settings};
use lectern::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn open_to_first_screen(epub: &[u8]) -> App {
    let doc = lectern::import::parse_epub(epub.to_vec())
        .expect("the novel opens")
        .doc;
    let mut app = App::new(
        doc,
        Keymap::builtin("default").expect("keymap"),
        Settings::default(),
    );
    app.resize(80, 24);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    term.draw(|f| lectern::ui::draw(f, &app)).expect("draw");
    app
}

fn bench(c: &mut Criterion) {
    let (epub, text_len) = lectern::import::novel_epub(140, 1_570);
    let doc = lectern::import::parse_epub(epub.clone())
        .expect("the novel opens")
        .doc;
    let plain = lectern::print::render(&doc, None);
    eprintln!(
        "novel: {} bytes of EPUB, {text_len} bytes of text, {} paragraphs",
        epub.len(),
        doc.paragraphs.len()
    );
    let dir = std::env::temp_dir().join(format!("lectern-epub-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let text_path = dir.join("novel.txt");
    std::fs::write(&text_path, &plain).expect("write the text");
    let mut g = c.benchmark_group("epub_novel");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    g.bench_function("open_to_first_screen/80x24", |b| {
        b.iter(|| black_box(open_to_first_screen(&epub).reader))
    });
    let epub_path = dir.join("novel.epub");
    std::fs::write(&epub_path, &epub).expect("write the book");
    g.bench_function("preview_first_chapters", |b| {
        b.iter(|| {
            black_box(
                lectern::import::preview_epub(&epub_path)
                    .expect("a preview")
                    .doc
                    .paragraphs
                    .len(),
            )
        })
    });
    g.bench_function("plain_text_read", |b| {
        b.iter(|| black_box(std::fs::read_to_string(&text_path).expect("read")))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
