//! The bundled article, checked against a reading of the seed text: every paragraph joined
//! across a page break, every footnote at its superscript, the headings and their levels.

use assert_cmd::Command;
use lectern::model::BlockKind;

fn print(args: &[&str]) -> String {
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .env(
            "LECTERN_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/lectern-cache"),
        )
        .arg("print")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The body of `print` (before `Notes`), one paragraph per line.
fn body_lines(text: &str) -> Vec<&str> {
    text.split("\nNotes\n").next().unwrap().lines().collect()
}

#[test]
fn starts_with_title_authors_author_note_and_source() {
    let text = print(&[]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "The Prospect of Situation on the Korean Peninsula and China's Role"
    );
    assert_eq!(lines[1], "Zhang, Chi");
    assert_eq!(lines[2], "");
    assert!(lines[3].starts_with("Zhang Chi is Associate Professor at the School of Government"));
    assert!(lines[3].ends_with("Shanghai Institute for Global Security and Governance."));
    assert_eq!(lines[4], "");
    assert!(lines[5].starts_with("Source: Zhang Chi, “The Prospect of Situation"));
    assert_eq!(lines[6], "");
    assert!(lines[7].starts_with("The situation on the Korean Peninsula has witnessed"));
}

/// Each pair is the end of a page and the start of the next, which continue one paragraph.
const JOINS: [(&str, &str); 16] = [
    (
        "Against this background, it is of great",
        "importance for China to review",
    ),
    (
        "In March 2018, during his very",
        "first visit to China, Kim exchanged",
    ),
    (
        "As the bilateral negotiations entered entering a decisive",
        "phase, divergence on core issues",
    ),
    (
        "trying to encourage the DPRK to return",
        "to the track of negotiation by expressing",
    ),
    (
        "the DPRK threatened to turn Seoul",
        "and Washington into “a sea of flames”",
    ),
    (
        "As a result, the denuclearization",
        "negotiations have been a tortuous process.",
    ),
    (
        "have prevented the development of a common",
        "approach on denuclearization.",
    ),
    (
        "China and Russia jointly proposed at",
        "the Security Council a relaxation of sanctions",
    ),
    (
        "willingness to rescind sanctions to settle the",
        "nuclear issue, the DPRK remained unconvinced",
    ),
    (
        "the model for regional cooperation in dealing",
        "with the nuclear issue. Positively speaking",
    ),
    ("which led Moon to pull", "back his initiative. Meanwhile"),
    (
        "The DPRK expressed the will to chart \"a new course,\" but did not",
        "mention suspending negotiations",
    ),
    (
        "China's influence on the issue is vividly",
        "manifested in the four roles it plays.",
    ),
    (
        "encouraged direct contact between North and South",
        "Korea by creating favorable conditions.",
    ),
    (
        "Such an approach might involve",
        "“Track-2 diplomacy” or “Track-1.5 diplomacy”",
    ),
    (
        "and improve regional",
        "synergy and connectivity, to facilitate",
    ),
];

#[test]
fn paragraphs_split_by_page_breaks_are_joined() {
    let text = print(&[]);
    let lines = body_lines(&text);
    for (end, start) in JOINS {
        let joined = format!("{end} {start}");
        assert!(
            lines.iter().any(|l| l.contains(&joined)),
            "not joined into one paragraph: {joined:?}"
        );
        assert!(
            !lines.iter().any(|l| l.starts_with(start)),
            "a continuation starts its own paragraph: {start:?}"
        );
    }
}

/// Text just before each superscript, the number, and the text just after it ("" at the end
/// of a paragraph).
const FOOTNOTE_PLACES: [(&str, u32, &str); 27] = [
    (
        "exerting more pressure to push negotiations diplomatically.",
        1,
        " Therefore, with a degree",
    ),
    (
        "safeguard the peace and stability of the Peninsula through joint efforts.",
        2,
        "",
    ),
    (
        "construct a permanent and stable peace regime.",
        3,
        " At the same time, Kim Jong Un",
    ),
    (
        "“consolidating the global confidence in the Korean Peninsula peace process.”",
        4,
        " On June 30",
    ),
    (
        "by expressing a certain degree of flexibility.",
        5,
        " In September, John Bolton",
    ),
    (
        "indispensable to appeal to jingoistic tendencies.",
        6,
        " This resulted in the breakdown",
    ),
    (
        "remain firm in developing strategic weapons for its national security.",
        7,
        " Under this circumstance",
    ),
    (
        "warned the DPRK's Foreign Minister that the US is not a trustworthy partner.",
        8,
        " On the other hand",
    ),
    (
        "will adopt practical measures for denuclearization.",
        9,
        " Third, the credibility",
    ),
    (
        "to threaten the other without taking any practical actions.",
        10,
        " For instance, the DPRK",
    ),
    (
        "suspected that it was not aimed at ultimate total denuclearization.",
        11,
        " Hence, the US insists",
    ),
    (
        "are different from its own understanding of the matter.",
        12,
        " Therefore, once the US",
    ),
    (
        "Politically it also involves the interests of the surrounding countries.",
        13,
        " Thus, resolving the issue",
    ),
    (
        "the ROK insists on the principle of “America before China.”",
        14,
        " As its government stated",
    ),
    (
        "while China should play an important role in signing a peace pact.",
        15,
        " In response, China",
    ),
    (
        "a peaceful settlement remains a better solution than usage of force.",
        16,
        " Despite negotiations",
    ),
    (
        "claiming to pursue a \"flexible solution\"",
        17,
        " and relax sanctions on the DPRK",
    ),
    (
        "stuck to its red line of \"no denuclearization, no removal of sanctions,\"",
        18,
        " causing great disappointment",
    ),
    (
        "produced an atmosphere of hostility and mistrust in the Hanoi meeting.",
        19,
        " Soon afterwards",
    ),
    (
        "witness the new strategic weapons they were about to achieve.",
        20,
        " Under the influence",
    ),
    (
        "asked Moon to reconsider his proposal,",
        21,
        " which led Moon to pull back",
    ),
    (
        "can the South-North relations be fundamentally improved.",
        22,
        "",
    ),
    (
        "the introduction of the cooperative farm system more recently.",
        23,
        " Thus, in the short term",
    ),
    (
        "featuring bilateral compromise, flexibility and a staged process,",
        24,
        " which means the US",
    ),
    (
        "China has pulled the parties back to the table when the negotiations reached a deadlock.",
        25,
        " China's influence",
    ),
    (
        "always sought to pursue their own interests in formulating their Korean Peninsula policies.",
        26,
        " However, upholding",
    ),
    (
        "accused China of \"delaying reunification of the Peninsula.\"",
        27,
        " This stands in stark contrast",
    ),
];

#[test]
fn every_footnote_reference_stands_where_its_superscript_was() {
    let text = print(&[]);
    let lines = body_lines(&text);
    for (before, n, after) in FOOTNOTE_PLACES {
        let marker = format!("{before}[{n}]{after}");
        let hits: Vec<_> = lines.iter().filter(|l| l.contains(&marker)).collect();
        assert_eq!(hits.len(), 1, "footnote {n} not found as {marker:?}");
        if after.is_empty() {
            assert!(
                hits[0].ends_with(&marker),
                "footnote {n} should end its paragraph"
            );
        }
        assert_eq!(
            lines
                .iter()
                .map(|l| l.matches(&format!("[{n}]")).count())
                .sum::<usize>(),
            1,
            "footnote {n} is referenced exactly once"
        );
    }
}

#[test]
fn notes_list_all_27_footnotes_in_full() {
    let text = print(&[]);
    let notes = text.split("\nNotes\n").nth(1).unwrap();
    let notes = notes.split("\n\nGlossary\n").next().unwrap();
    let lines: Vec<&str> = notes.lines().collect();
    assert_eq!(lines.len(), 27);
    for (i, line) in lines.iter().enumerate() {
        assert!(line.starts_with(&format!("[{}] ", i + 1)), "{line}");
    }
    assert_eq!(
        lines[0],
        "[1] \"Significant Signals of the 5th Plenary Session of the 7th Central Committee of the Workers' Party of Korea,\" *Xinhua*, January 2, 2010, http://www.xinhuanet.com//2020-01/02/c_1125416394.htm."
    );
    assert_eq!(
        lines[3],
        "[4] “A Journey of Peace: Xi Jinping’s Visit to the DPRK Received High Praises of the International Media,” *People*, June 23, 2019, <http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html>."
    );
    assert_eq!(
        lines[11],
        "[12] Liu Ming, “From Singapore Summit to Hanoi Summit: Difficulty, Causes and Prospect of US-DPRK Denuclearization Talks,” No.6, *Pacific Journal*, 2019, pp.19-20."
    );
    assert_eq!(
        lines[19],
        "[20] \"Report of the Fifth Plenary Meeting of Seventh WPK Central Committee.\""
    );
    assert_eq!(
        lines[26],
        "[27] Chen Xiangyang, \"A Study on China's Policy on Reunification of the Korean Peninsula,\" *Asia & Africa Affairs*, No.5, 2012, p.21."
    );
}

#[test]
fn headings_keep_their_levels_and_the_introduction_is_untitled() {
    let doc = lectern::content::bundled().unwrap().doc;
    let outline: Vec<(u8, String)> = doc.sections.iter().map(|s| (s.level, s.title())).collect();
    let expected: Vec<(u8, String)> = [
        (0, "Introduction"),
        (1, "The Situation on the Korean Peninsula: A Tortuous Road Toward Moderation"),
        (1, "Behind the Tortuous Process toward Moderation"),
        (2, "Absence of mutual trust and divergence of negotiating positions between the US and the DPRK"),
        (2, "Disparities in understanding the mechanism of denuclearization and establishing a peace regime among major relevant countries"),
        (1, "Prospects of Situation on the Korean Peninsula"),
        (1, "China's Role in the Evolving Korean Peninsula Situation"),
        (1, "Conclusion"),
    ]
    .into_iter()
    .map(|(l, t)| (l, t.to_owned()))
    .collect();
    assert_eq!(outline, expected);
    assert!(doc.sections[0].heading.is_none());
    let numbers: Vec<&str> = doc.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(numbers, ["", "1", "2", "2.1", "2.2", "3", "4", "5"]);
    assert_eq!(doc.sections[3].parent, Some(2));
    // Paragraphs per section, as read in the seed after joining page breaks.
    let counts: Vec<usize> = doc.sections.iter().map(|s| s.paragraphs.len()).collect();
    assert_eq!(counts, [1, 5, 1, 2, 4, 7, 10, 1]);
    assert!(doc.paragraphs.iter().all(|p| p.kind == BlockKind::Prose));
}

#[test]
fn headings_print_as_written_and_the_text_ends_with_the_flag() {
    let text = print(&[]);
    let lines = body_lines(&text);
    assert!(lines.contains(&"Behind the Tortuous Process toward Moderation"));
    assert!(lines.contains(&"Conclusion"));
    let last = lines.iter().rev().find(|l| !l.is_empty()).unwrap();
    assert!(
        last.ends_with("features peace, stability, and prosperity. 🇨🇳"),
        "{last}"
    );
}

#[test]
fn emphasis_prints_with_asterisks_and_typos_are_kept() {
    let text = print(&[]);
    assert!(text.contains("*Xinhua*, March 28, 2018"));
    assert!(text.contains("*The Hankyoreh*, May 3, 2018."));
    // Quoted as published, typos included.
    assert!(text.contains("As the bilateral negotiations entered entering a decisive phase"));
    assert!(text.contains("China succeeded the hawkish talk in the US"));
    assert!(text.contains("In the course of the 20-year-history of the Korean nuclear issue"));
}

#[test]
fn glossary_section_lists_every_entry_as_term_and_definition() {
    let doc = lectern::content::bundled().unwrap().doc;
    let text = print(&[]);
    let glossary = text.split("\nGlossary\n").nth(1).unwrap();
    let lines: Vec<&str> = glossary.lines().collect();
    assert_eq!(lines.len(), doc.glossary.entries.len());
    assert!(lines.contains(&"DPRK: The Democratic People's Republic of Korea, the state in the northern half of the Korean Peninsula, founded in 1948 and ruled by the Workers' Party of Korea. The article often names its government by its capital, Pyongyang."));
}

#[test]
fn width_wraps_every_line_and_changes_only_whitespace() {
    use unicode_width::UnicodeWidthStr;
    let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let flat = print(&[]);
    for width in [20usize, 40, 72] {
        let wrapped = print(&["--width", &width.to_string()]);
        for line in wrapped.lines() {
            assert!(
                line.width() <= width,
                "{width}: {line:?} is {} wide",
                line.width()
            );
        }
        assert_eq!(
            visible(&wrapped),
            visible(&flat),
            "width {width} lost or added text"
        );
        assert!(wrapped.lines().count() > flat.lines().count());
    }
}

#[test]
fn whole_print_output_is_stable() {
    insta::assert_snapshot!("bundled_print", print(&[]));
    insta::assert_snapshot!("bundled_print_width_72", print(&["--width", "72"]));
}
