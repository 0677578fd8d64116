//! Abbreviations defined in the text (Schwartz & Hearst) on the bundled article, ignoring
//! the glossary it ships: every abbreviation it defines in parentheses is found with the
//! right long form, and nothing else is.

use assert_cmd::Command;

const EXPECTED: [(&str, &str); 6] = [
    ("WPK", "Workers' Party of Korea"),
    ("ICBMs", "intercontinental ballistic missiles"),
    ("POW", "prisoners of war"),
    ("MIA", "missing in action"),
    (
        "CVID",
        "complete, verifiable and irreversible denuclearization",
    ),
    ("FFVD", "final, fully-verified denuclearization"),
];

#[test]
fn the_bundled_articles_abbreviations_and_nothing_else() {
    let doc = lectern::content::bundled().unwrap().doc;
    let found: Vec<(String, String)> = lectern::import::abbrev::find_in_document(&doc)
        .into_iter()
        .map(|a| (a.short, a.long))
        .collect();
    let expected: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|(s, l)| (s.to_string(), l.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn glossary_suggest_prints_one_pair_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    std::fs::write(
        &md,
        "# Talks\n\nThey spoke of intercontinental ballistic missiles (ICBMs) and of \
         prisoners of war (POW).\n\nA year (2019) is not one.\n",
    )
    .unwrap();
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(["glossary", "--suggest"])
        .arg(&md)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "ICBMs: intercontinental ballistic missiles\nPOW: prisoners of war\n"
    );
}

const ARTICLE: &str = "# Talks\n\nThey spoke of intercontinental ballistic missiles (ICBMs) \
and of prisoners of war (POW). Later the POWs came home.\n\n## Glossary\n\nPOW\n: A soldier \
held by the enemy.\n";

#[test]
fn found_abbreviations_become_glossary_entries_and_the_articles_own_win() {
    let loaded = lectern::import::parse_markdown(ARTICLE).unwrap();
    let g = &loaded.doc.glossary.entries;
    let pow = g.iter().find(|e| e.term == "POW").unwrap();
    assert!(!pow.found_in_text, "the article's own entry is kept");
    let icbm = g.iter().find(|e| e.term == "ICBM").unwrap();
    assert!(icbm.found_in_text);
    assert_eq!(
        icbm.aliases,
        ["ICBMs", "intercontinental ballistic missiles"]
    );
    let definition: String = icbm.definition.iter().map(|i| i.plain_text()).collect();
    assert_eq!(
        definition,
        "intercontinental ballistic missiles\nDefined in the text: “They spoke of \
         intercontinental ballistic missiles (ICBMs) and of prisoners of war (POW).”"
    );
    assert_eq!(g.len(), 2, "no second POW entry");
    // Marked in the text like any entry.
    let first = &loaded.doc.paragraphs[0];
    let marked = loaded.doc.glossary.find_in(&first.plain_text());
    assert!(marked.iter().any(|m| g[m.entry].term == "ICBM"));
}

#[test]
fn found_entries_survive_the_ron_round_trip() {
    let loaded = lectern::import::parse_markdown(ARTICLE).unwrap();
    let ron = lectern::import::to_ron(&loaded.doc).unwrap();
    assert!(ron.contains("found_in_text: true"), "{ron}");
    let again = lectern::model::load::parse(&ron).unwrap().doc;
    let flags: Vec<(String, bool)> = again
        .glossary
        .entries
        .iter()
        .map(|e| (e.term.clone(), e.found_in_text))
        .collect();
    assert_eq!(
        flags,
        [("POW".to_owned(), false), ("ICBM".to_owned(), true)]
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// Any text: no panic, and what is found is in its sentence, which is in the text.
    #[test]
    fn any_text_is_safe(text in "[A-Za-z0-9 ()\"“”.,;'é-]{0,120}") {
        for a in lectern::import::abbrev::find(&text) {
            proptest::prop_assert!(a.sentence.contains(&a.short));
            proptest::prop_assert!(text.contains(&a.sentence));
            proptest::prop_assert!(a.long.chars().count() > a.short.chars().count());
        }
    }
}
