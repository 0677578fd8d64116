//! Writes the reference book (the bundled article as 100 chapters, ~4 MB of Markdown) to
//! the path given, for benchmarks and manual runs: `cargo run --release --example
//! make_book -- /tmp/book.md`.

fn main() -> std::io::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "book.md".to_owned());
    let chapters = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let book = lectern::import::book_markdown(chapters);
    std::fs::write(&path, &book)?;
    eprintln!("{path}: {} bytes, {chapters} chapters", book.len());
    Ok(())
}
