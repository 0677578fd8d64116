//! Opening a novel-sized EPUB (generated, about 220,000 words in 140 chapters): the heap
//! at its peak is at most three times the book's uncompressed text (issue 14). A binary of
//! its own, because its global allocator counts every allocation of the process.

mod counting;

#[test]
fn opening_a_novel_stays_within_a_bounded_heap() {
    let (epub, text) = lectern::import::novel_epub(140, 1_570);
    let size = epub.len();
    let (loaded, heap) = counting::measure(|| lectern::import::parse_epub(epub).unwrap());
    let (peak, kept) = (heap.peak, heap.kept);
    assert_eq!(loaded.doc.sections.len(), 140);
    println!(
        "EPUB of {size} bytes, {text} bytes of text: heap peak {peak} bytes ({:.1}x the text), document {kept} bytes ({:.1}x)",
        peak as f64 / text as f64,
        kept as f64 / text as f64
    );
    assert!(
        peak <= 3 * text,
        "peak {peak} bytes for {text} bytes of text"
    );
}
