//! Abbreviations defined in the text (Schwartz & Hearst) on the bundled article, ignoring
//! the glossary it ships: every abbreviation it defines in parentheses is found with the
//! right long form, and nothing else is.

use assert_cmd::Command;

fn article_text() -> String {
    let doc = lectern::content::bundled().unwrap().doc;
    lectern::import::abbrev::document_text(&doc)
}

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
    let found: Vec<(String, String)> = lectern::import::abbrev::find(&article_text())
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
