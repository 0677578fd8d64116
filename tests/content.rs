//! Every shipped article loads, and the bundled glossary is what a student needs.

use lectern::model::load;

#[test]
fn every_file_in_content_loads_without_warnings() {
    let mut n = 0;
    for entry in std::fs::read_dir("content").unwrap() {
        let path = entry.unwrap().path();
        let loaded = load::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(!loaded.doc.paragraphs.is_empty());
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn the_embedded_article_is_the_file_in_content() {
    let on_disk = std::fs::read_to_string("content/korean-peninsula.ron").unwrap();
    assert_eq!(on_disk, lectern::content::BUNDLED_SOURCE);
}

#[test]
fn glossary_has_the_entries_a_student_needs_and_each_occurs_in_the_text() {
    let doc = lectern::content::bundled().unwrap().doc;
    let g = &doc.glossary;
    assert!(g.entries.len() >= 40, "{} entries", g.entries.len());
    let required = [
        "DPRK",
        "ROK",
        "WPK",
        "ICBM",
        "CVID",
        "FFVD",
        "THAAD",
        "POW",
        "MIA",
        "Kim Jong Un",
        "Moon Jae-in",
        "Xi Jinping",
        "John Bolton",
        "Stephen Biegun",
        "Choe Son Hui",
        "Yongbyon",
        "Punggye-ri",
        "Sohae",
        "Panmunjom",
        "Kaesong Industrial Complex",
        "Tumen River",
        "Singapore summit",
        "Hanoi summit",
        "Panmunjom Declaration",
        "Six-Party Talks",
        "dual suspension",
        "dual track",
        "phased and synchronous",
        "maximum pressure",
        "Track-2 diplomacy",
        "Track-1.5 diplomacy",
        "peace regime",
        "Belt and Road Initiative",
    ];
    for term in required {
        assert!(
            g.entries.iter().any(|e| e.term == term),
            "no entry for {term}"
        );
    }
    let mut occurrences = vec![0usize; g.entries.len()];
    for p in &doc.paragraphs {
        for m in g.find_in(&p.plain_text()) {
            occurrences[m.entry] += 1;
        }
    }
    for (e, n) in g.entries.iter().zip(&occurrences) {
        assert!(*n > 0, "`{}` never occurs in the text", e.term);
        assert!(!e.see_also.is_empty(), "`{}` links to nothing", e.term);
        let sentences = lectern::model::inline::to_plain(&e.definition)
            .split(". ")
            .count();
        assert!(
            (1..=4).contains(&sentences),
            "`{}`: {sentences} sentences",
            e.term
        );
    }
    let dprk = g.index_of("dprk").unwrap();
    assert!(g.entries[dprk].aliases.iter().any(|a| a == "North Korea"));
}

#[test]
fn the_format_documentation_example_is_the_tested_minimal_article() {
    let doc = std::fs::read_to_string("docs/FORMAT.md").unwrap();
    let example = doc
        .split("```ron\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let fixture = std::fs::read_to_string("tests/fixtures/minimal.ron").unwrap();
    assert_eq!(example, fixture);
    let loaded = load::parse(example).unwrap();
    assert_eq!(loaded.doc.paragraphs.len(), 5);
    assert_eq!(loaded.doc.sections.len(), 3);
}
