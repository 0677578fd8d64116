//! `lectern cite`, `lectern glossary --format anki` and `lectern notes --format obsidian`:
//! what other tools read back (issue 18).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use lectern::cite::CiteStyle;

const TITLE: &str = r#"Peace: The \"Hard\" Road"#;

/// The bundled article with a title holding `:` and quotes, bibliographic fields, and the
/// DPRK entry's definition replaced by `definition`.
fn article(dir: &Path, definition: &str) -> PathBuf {
    let text = std::fs::read_to_string("content/korean-peninsula.ron").unwrap();
    let text = text.replacen(
        "    title: \"The Prospect of Situation on the Korean Peninsula and China's Role\",\n    authors: [\"Zhang, Chi\"],",
        &format!(
            "    title: \"{TITLE}\",\n    authors: [\"Zhang, Chi\"],\n    date: \"2020-03\",\n    container: \"China International Studies\",\n    volume: \"81\",\n    issue: \"2\",\n    pages: \"5-24\",\n    doi: \"10.1000/xyz.81\","
        ),
        1,
    );
    let start = text.find("definition: \"The Democratic People's").unwrap();
    let end = start + text[start..].find("\",\n").unwrap() + 1;
    let text = format!(
        "{}definition: \"{definition}\"{}",
        &text[..start],
        &text[end..]
    );
    let path = dir.join("article.ron");
    std::fs::write(&path, text).unwrap();
    path
}

fn lectern(args: &[&str], home: &Path) -> String {
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("LECTERN_DATA_DIR", home.join("data"))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn load(path: &Path) -> lectern::model::Document {
    lectern::content::open(Some(path)).unwrap().doc
}

#[test]
fn the_bundled_article_is_cited_by_its_family_name_and_no_date() {
    // The seed gives the author (family name first) and the title, not a date or a journal.
    let home = tempfile::tempdir().unwrap();
    let apa = lectern(&["cite", "--format", "apa"], home.path());
    assert!(
        apa.starts_with("Zhang, C. (n.d.). The Prospect of Situation on the Korean Peninsula"),
        "{apa}"
    );
}

#[test]
fn cite_prints_each_format_and_defaults_to_the_saved_style() {
    let home = tempfile::tempdir().unwrap();
    let path = article(home.path(), "A state.");
    let p = path.to_str().unwrap();
    let doc = load(&path);
    for (name, style) in [
        ("apa", CiteStyle::Apa),
        ("chicago", CiteStyle::Chicago),
        ("mla", CiteStyle::Mla),
    ] {
        let out = lectern(&["cite", p, "--format", name], home.path());
        assert_eq!(
            out,
            format!("{}\n", lectern::cite::reference(&doc.meta, style))
        );
        assert!(out.contains("China International Studies"), "{out}");
    }
    let apa = lectern(&["cite", p, "--format", "apa"], home.path());
    assert!(
        apa.starts_with("Zhang, C. (2020). Peace: The \"Hard\" Road."),
        "{apa}"
    );
    assert!(apa.contains("https://doi.org/10.1000/xyz.81"), "{apa}");
    // No format: the saved style, else APA.
    assert_eq!(lectern(&["cite", p], home.path()), apa);
    let config = home.path().join("config/lectern");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "Config(citation_style: Chicago)\n",
    )
    .unwrap();
    assert_eq!(
        lectern(&["cite", p], home.path()),
        lectern(&["cite", p, "--format", "chicago"], home.path())
    );

    let bib = lectern(&["cite", p, "--format", "bibtex"], home.path());
    let parsed = biblatex::Bibliography::parse(&bib).unwrap();
    let entry = parsed
        .get("zhang2020peace")
        .unwrap_or_else(|| panic!("{bib}"));
    assert_eq!(entry.doi().unwrap(), "10.1000/xyz.81");
    let json = lectern(&["cite", p, "--format", "csl-json"], home.path());
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(items[0]["title"], TITLE.replace('\\', ""));
    assert_eq!(items[0]["type"], "article-journal");
    assert_eq!(items[0]["page"], "5-24");
}

/// The Anki file's lines after the headers, as (guid, front, back, tags).
fn cards(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_anki_file_has_its_headers_and_guids_that_survive_runs_and_edits() {
    let home = tempfile::tempdir().unwrap();
    let path = article(home.path(), "A state <b>north</b> & more.");
    let p = path.to_str().unwrap();
    let first = lectern(&["glossary", "--format", "anki", p], home.path());
    let headers: Vec<&str> = first.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(
        headers,
        [
            "#separator:tab",
            "#html:true",
            "#notetype:Basic",
            "#deck:lectern::Peace: The &quot;Hard&quot; Road",
            "#guid column:1",
            "#tags column:4",
        ]
    );
    let doc = load(&path);
    let before = cards(&first);
    assert_eq!(before.len(), doc.glossary.entries.len());
    assert!(before.iter().all(|c| c.len() == 4), "{first}");
    let dprk = before
        .iter()
        .find(|c| c[1].starts_with("<b>DPRK</b>"))
        .unwrap();
    assert_eq!(dprk[2], "A state &lt;b&gt;north&lt;/b&gt; &amp; more.");
    assert_eq!(dprk[3], "lectern lectern::new");
    // Another run: the same file.
    assert_eq!(
        lectern(&["glossary", "--format", "anki", p], home.path()),
        first
    );
    // The definition edited: the same GUIDs, the new text.
    article(home.path(), "Edited.");
    let after = cards(&lectern(&["glossary", "--format", "anki", p], home.path()));
    let guids = |c: &[Vec<String>]| c.iter().map(|c| c[0].clone()).collect::<Vec<_>>();
    assert_eq!(guids(&after), guids(&before));
    let dprk_after = after.iter().find(|c| c[0] == dprk[0]).unwrap();
    assert_eq!(dprk_after[2], "Edited.");
    // The review state becomes a tag.
    let review = lectern::notes::review::review_path(&home.path().join("data"), &doc.meta.id);
    std::fs::create_dir_all(review.parent().unwrap()).unwrap();
    std::fs::write(
        &review,
        format!(
            "Review(format: 1, article: \"{}\", cards: {{\"dprk\": Card(level: 5, due: 99999999999, reviews: 6, known: 5)}})",
            doc.meta.id
        ),
    )
    .unwrap();
    let tagged = cards(&lectern(&["glossary", "--format", "anki", p], home.path()));
    let dprk_tagged = tagged.iter().find(|c| c[0] == dprk[0]).unwrap();
    assert_eq!(dprk_tagged[3], "lectern lectern::known");
}

#[test]
fn the_obsidian_export_has_yaml_that_reads_back_callouts_citations_and_block_ids() {
    let home = tempfile::tempdir().unwrap();
    let path = article(home.path(), "A state.");
    let p = path.to_str().unwrap();
    let doc = load(&path);
    let para = 5;
    let notes = lectern::notes::NotesFile {
        format: lectern::notes::NOTES_FORMAT,
        article: doc.meta.id.clone(),
        notes: vec![lectern::notes::Note {
            paragraph: doc.paragraphs[para].id.0.clone(),
            fingerprint: lectern::notes::anchor::fingerprint(&doc.paragraphs[para].plain_text()),
            quote: lectern::notes::anchor::quote(&doc.paragraphs[para].plain_text()),
            text: "Key: the \"turn\".".into(),
            created: 1_700_000_000,
            modified: 1_700_000_000,
        }],
        highlights: Vec::new(),
        terms: Vec::new(),
    };
    let notes_path = lectern::notes::notes_path(&home.path().join("data"), &doc.meta.id);
    std::fs::create_dir_all(notes_path.parent().unwrap()).unwrap();
    std::fs::write(&notes_path, lectern::notes::to_ron(&notes).unwrap()).unwrap();
    let md = lectern(&["notes", p, "--format", "obsidian"], home.path());
    let yaml = md
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or_else(|| panic!("{md}"))
        .0;
    let front: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    assert_eq!(front["title"].as_str(), Some("Peace: The \"Hard\" Road"));
    assert_eq!(front["authors"][0].as_str(), Some("Zhang, Chi"));
    assert_eq!(front["citekey"].as_str(), Some("zhang2020peace"));
    assert_eq!(
        front["source"].as_str(),
        Some("https://doi.org/10.1000/xyz.81")
    );
    assert_eq!(front["tags"][0].as_str(), Some("lectern"));
    let place = lectern::cite::locator(&doc, para);
    assert!(md.contains(&format!("\n> [!quote] {place}\n")), "{md}");
    assert!(
        md.contains(&format!("\n> — [@zhang2020peace, para. {}]\n", para + 1)),
        "{md}"
    );
    let line = md
        .lines()
        .find(|l| l.starts_with("Key: the \"turn\". ^note-"))
        .unwrap_or_else(|| panic!("{md}"));
    // The same block id on the next export.
    let again = lectern(&["notes", p, "--format", "obsidian"], home.path());
    assert!(again.contains(line), "{again}");
}

#[test]
fn bad_bibliographic_fields_are_errors_at_their_line_and_column() {
    let src = "Article(\n    format: 1,\n    id: \"a\",\n    title: \"T\",\n    date: \"May 2020\",\n    doi: \"doi.org/x\",\n    url: \"ftp://x\",\n    body: [Paragraph(id: \"p1\", text: \"Text.\")],\n)\n";
    let errors = lectern::model::load::parse(src).err().unwrap();
    let found: Vec<(usize, usize, bool)> = errors
        .iter()
        .map(|d| (d.pos.line, d.pos.col, d.message.contains('`')))
        .collect();
    assert_eq!(
        found,
        [(5, 11, true), (6, 10, true), (7, 10, true)],
        "{errors:?}"
    );
    assert!(
        errors[0].message.contains("`date` is not a date"),
        "{errors:?}"
    );
    assert!(
        errors[1].message.contains("`doi` is not a DOI"),
        "{errors:?}"
    );
    // Old files without the fields still load, and the fields read back.
    let ok = src
        .replace("May 2020", "2020-05")
        .replace("doi.org/x", "10.1234/x")
        .replace("ftp://x", "https://x.org");
    let doc = lectern::model::load::parse(&ok).unwrap().doc;
    assert_eq!(doc.meta.biblio.doi.as_deref(), Some("10.1234/x"));
    assert_eq!(doc.meta.biblio.year(), Some(2020));
    assert_eq!(doc.meta.biblio.kind, None, "no kind: told from the fields");
    // The kind of work, when given, is one of four, and a wrong one is found where it is.
    let book = ok.replace("    date:", "    kind: Some(Book),\n    date:");
    let doc = lectern::model::load::parse(&book).unwrap().doc;
    assert_eq!(doc.meta.biblio.kind, Some(lectern::model::WorkType::Book));
    let wrong = book.replace("Some(Book)", "Some(Novel)");
    let errors = lectern::model::load::parse(&wrong).err().unwrap();
    assert_eq!(
        (errors[0].pos.line, errors[0].pos.col),
        (5, 16),
        "{errors:?}"
    );
    assert!(errors[0].message.contains("Novel"), "{errors:?}");
}

#[test]
fn a_kind_of_work_in_markdown_front_matter_reads_and_writes_back() {
    let src = "---\ntitle: A Book\nkind: book\npublisher: A Press\n---\n\nText.\n";
    let doc = lectern::import::parse_markdown(src).unwrap().doc;
    assert_eq!(doc.meta.biblio.kind, Some(lectern::model::WorkType::Book));
    let written = lectern::import::to_markdown(&doc);
    assert!(written.contains("kind: Book\n"), "{written}");
    let again = lectern::import::parse_markdown(&written).unwrap().doc;
    assert_eq!(again.meta.biblio, doc.meta.biblio);
    // An unknown kind is left out: told from the fields, like no kind at all; a
    // static-site generator's `type: post` does not undo a kind given.
    let odd = src.replace("kind: book", "kind: novel");
    let doc = lectern::import::parse_markdown(&odd).unwrap().doc;
    assert_eq!(doc.meta.biblio.kind, None);
    let site = src.replace("kind: book\n", "kind: book\ntype: post\n");
    let doc = lectern::import::parse_markdown(&site).unwrap().doc;
    assert_eq!(doc.meta.biblio.kind, Some(lectern::model::WorkType::Book));
}

#[test]
fn an_anki_export_with_no_cards_says_so() {
    let home = tempfile::tempdir().unwrap();
    let md = home.path().join("plain.md");
    std::fs::write(&md, "# Plain\n\nNo terms here.\n").unwrap();
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .env("LECTERN_DATA_DIR", home.path().join("data"))
        .args(["glossary", "--format", "anki", md.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "an empty export is no error");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("#separator:tab"), "{stdout}");
    assert_eq!(stdout.lines().filter(|l| !l.starts_with('#')).count(), 0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Plain has no glossary entries") && stderr.contains("no cards"),
        "{stderr}"
    );
}
