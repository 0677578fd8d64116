//! Writes the reference book (the bundled article as 100 chapters, ~4 MB of Markdown) to
//! the path given, for benchmarks and manual runs: `cargo run --release --example
//! make_book -- /tmp/book.md [CHAPTERS]`. A path ending in `.epub` gets the generated EPUB
//! novel of issue 14 instead (140 chapters unless told).

fn main() -> std::io::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "book.md".to_owned());
    let chapters = std::env::args().nth(2).and_then(|n| n.parse().ok());
    if path.ends_with(".epub") {
        let chapters = chapters.unwrap_or(140);
        let (book, text) = lectern::import::novel_epub(chapters, 1_570);
        std::fs::write(&path, &book)?;
        eprintln!(
            "{path}: {} bytes ({text} of text), {chapters} chapters",
            book.len()
        );
        return Ok(());
    }
    let chapters = chapters.unwrap_or(100);
    let book = lectern::import::book_markdown(chapters);
    std::fs::write(&path, &book)?;
    eprintln!("{path}: {} bytes, {chapters} chapters", book.len());
    Ok(())
}
