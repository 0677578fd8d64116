//! The library at scale (issue 17): 2,000 entries listed from the index on disk, and
//! filtered as you type, each within 50 ms. `cargo bench --bench library`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::library::{Entry, INDEX_FORMAT, IndexFile, filter, index_path, list};

const ENTRIES: usize = 2_000;

fn entries() -> Vec<Entry> {
    let words = [
        "power", "plenty", "trade", "war", "nations", "korea", "china", "markets",
    ];
    (0..ENTRIES)
        .map(|i| Entry {
            id: format!("article-{i:04}-{:08x}", i * 2_654_435_761 % 0xffff_ffff),
            title: format!(
                "On {} and {}: part {i}",
                words[i % words.len()],
                words[(i / 8) % words.len()]
            ),
            authors: vec![format!("Author {}", i % 97), format!("Second {}", i % 13)],
            tags: vec![format!("course{}", i % 12)],
            source: Some(format!("/home/student/readings/{i}.pdf")),
            added: 1_800_000_000 + i as u64,
            last_opened: 1_800_000_000 + (i as u64 * 7919) % 100_000,
            progress: (i % 101) as u8,
            notes: i % 17,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let index = IndexFile {
        format: INDEX_FORMAT,
        entries: entries(),
    };
    let text = lectern::notes::to_ron(&index).expect("the index serializes");
    std::fs::write(index_path(dir.path()), text).expect("the index is written");
    c.bench_function("library/list_2000", |b| {
        b.iter(|| black_box(list(black_box(dir.path())).entries.len()))
    });
    let listed = list(dir.path()).entries;
    assert_eq!(
        listed.len(),
        ENTRIES + 1,
        "the index and the bundled article"
    );
    c.bench_function("library/filter_2000", |b| {
        b.iter(|| black_box(filter::filter(&listed, black_box("pwrkr"), None).len()))
    });
    c.bench_function("library/filter_2000_tag", |b| {
        b.iter(|| black_box(filter::filter(&listed, black_box("trd"), Some("course3")).len()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
