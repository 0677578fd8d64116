//! Opening notes costs what the notes file holds, however the notes fall: tens of thousands
//! of notes on one paragraph (they are joined into one) must not be quadratic. Measured by
//! the bytes allocated (counted by this test binary's allocator), not by time.

mod counting;

use lectern::notes::{self, Note, NotesFile, NotesStore, anchor};

#[test]
fn many_notes_on_one_paragraph_open_in_linear_time_and_none_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let doc = lectern::content::bundled().unwrap().doc;
    let para = &doc.paragraphs[3];
    let plain = anchor::normalized(&para.plain_text());
    const N: usize = 8_000;
    let file = NotesFile {
        format: notes::NOTES_FORMAT,
        article: doc.meta.id.clone(),
        terms: Vec::new(),
        notes: (0..N)
            .map(|i| Note {
                paragraph: para.id.0.clone(),
                fingerprint: anchor::fingerprint(&plain),
                quote: anchor::quote(&plain),
                text: format!("note number {i:05}"),
                created: i as u64,
                modified: i as u64,
            })
            .collect(),
        highlights: Vec::new(),
    };
    let text = notes::to_ron(&file).unwrap();
    let path = notes::notes_path(dir.path(), &doc.meta.id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &text).unwrap();

    let ((store, messages), heap) = counting::measure(|| NotesStore::open(dir.path(), &doc));
    let allocated = heap.allocated;

    assert_eq!(store.entries().len(), 1);
    let joined = &store.entries()[0].note.text;
    assert!(joined.starts_with("note number 00000\n\nnote number 00001\n\n"));
    assert!(joined.ends_with("note number 07999"));
    assert_eq!(joined.matches("note number").count(), N);
    assert!(
        messages[0].starts_with(&format!("{} notes joined", N - 1)),
        "{messages:?}"
    );
    // Joining by copying the text so far each time allocates N²/2 x 19 bytes (600 MB);
    // reading, parsing and joining once is a small multiple of the file.
    assert!(
        allocated < 40 * text.len(),
        "opening allocated {allocated} bytes for a {} byte file",
        text.len()
    );
}
