//! The memory budget of issue 7, as a test that does not depend on timing: importing the
//! reference book (about 4 MB of Markdown) from a file must not take more than twice its
//! size in heap at any moment. The document itself is about 1.4 times the file; reading the
//! whole file at once (one more time its size) or letting pulldown-cmark parse the whole text
//! in one tree (1.5 times) would each break the bound.
//!
//! A binary of its own, because its global allocator counts every allocation of the process.

mod counting;

#[test]
fn importing_the_book_takes_at_most_twice_its_size_in_heap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.md");
    let size = {
        let book = lectern::import::book_markdown(100);
        std::fs::write(&path, &book).unwrap();
        book.len()
    };
    let (loaded, heap) = counting::measure(|| lectern::import::load_markdown_file(&path).unwrap());
    let (peak, kept) = (heap.peak, heap.kept);
    assert_eq!(loaded.doc.footnotes.len(), 2700);
    println!(
        "book of {size} bytes: heap peak {peak} bytes ({:.2}x), document {kept} bytes ({:.2}x)",
        peak as f64 / size as f64,
        kept as f64 / size as f64
    );
    assert!(peak <= 2 * size, "peak {peak} bytes for a {size}-byte file");
}
