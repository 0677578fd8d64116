//! `lectern print --format markdown` and `--section`.

mod common;

/// Runs `lectern ARGS`; returns (status, stdout, stderr).
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = common::command().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn markdown_printed_is_imported_back_to_the_same_article() {
    let doc = lectern::content::bundled().unwrap().doc;
    let (code, md, err) = run(&["print", "--format", "markdown"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(md.contains("\n# Conclusion\n"), "headings with #");
    assert!(
        md.contains("[^1]") && md.contains("\n[^1]: "),
        "footnotes as [^N]"
    );
    assert!(md.contains("\n## Glossary\n\nDPRK (also: "), "the glossary");
    let back = lectern::import::parse_markdown(&md).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    let back = back.doc;
    let text = |d: &lectern::model::Document| -> Vec<String> {
        d.paragraphs.iter().map(|p| p.plain_text()).collect()
    };
    assert_eq!(text(&back), text(&doc));
    assert_eq!(back.footnotes, doc.footnotes);
    let terms = |d: &lectern::model::Document| -> Vec<(String, Vec<String>)> {
        d.glossary
            .entries
            .iter()
            .map(|e| (e.term.clone(), e.aliases.clone()))
            .collect()
    };
    assert_eq!(terms(&back), terms(&doc));
}

#[test]
fn plain_print_is_unchanged() {
    let doc = lectern::content::bundled().unwrap().doc;
    let (code, text, _) = run(&["print"]);
    assert_eq!(code, Some(0));
    assert_eq!(text, lectern::print::render(&doc, None));
    assert!(text.ends_with('\n') && text.contains("\nNotes\n") && text.contains("\nGlossary\n"));
}

#[test]
fn one_section_is_printed_with_the_footnotes_it_cites() {
    let doc = lectern::content::bundled().unwrap().doc;
    let s = doc.sections.iter().position(|s| s.number == "2.2").unwrap();
    let title = doc.sections[s].title();
    let before = doc.sections[s - 1].title();
    let (code, text, err) = run(&["print", "--section", "2.2"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(text.starts_with(&format!("\n{title}\n")), "{text}");
    assert!(!text.contains(&before) && !text.contains(doc.meta.title[0].plain_text().as_ref()));
    let cited: Vec<u32> = doc.paragraphs[doc.sections[s].paragraphs.clone()]
        .iter()
        .flat_map(|p| p.footnote_refs().collect::<Vec<_>>())
        .collect();
    assert!(!cited.is_empty());
    let notes = text.split("\nNotes\n").nth(1).expect("the notes");
    assert_eq!(notes.lines().count(), cited.len(), "{notes}");
    let (code, md, _) = run(&["print", "--section", "2", "--format", "markdown"]);
    assert_eq!(code, Some(0));
    assert!(
        md.starts_with("# Behind") && md.contains(&format!("\n## {title}\n")),
        "{md}"
    );
}

#[test]
fn an_unknown_section_lists_the_valid_ones() {
    let (code, out, err) = run(&["print", "--section", "9.9"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert_eq!(
        err.trim_end(),
        "lectern print: no section 9.9: the sections are 1, 2, 2.1, 2.2, 3, 4, 5"
    );
}
