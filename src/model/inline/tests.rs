//! Inline markup: parsing, errors with offsets, and round trips through `to_markup`.

use super::*;

fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        style: TextStyle::default(),
    }
}

fn emph(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        style: TextStyle {
            emph: true,
            ..TextStyle::default()
        },
    }
}

#[test]
fn emphasis_and_footnote_refs() {
    let got = parse("said *Xinhua*.[^2] Then").unwrap();
    assert_eq!(
        got,
        vec![
            text("said "),
            emph("Xinhua"),
            text("."),
            Inline::FootnoteRef { number: 2 },
            text(" Then"),
        ]
    );
}

#[test]
fn bare_url_drops_trailing_period_and_angle_brackets() {
    let got = parse("at <http://a.cn/x_1.html>. and http://b.cn/y.htm.").unwrap();
    let urls: Vec<_> = got
        .iter()
        .filter_map(|i| match i {
            Inline::Link { url, .. } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(urls, ["http://a.cn/x_1.html", "http://b.cn/y.htm"]);
    assert_eq!(
        to_plain(&got),
        "at <http://a.cn/x_1.html>. and http://b.cn/y.htm."
    );
}

#[test]
fn url_keeps_balanced_parenthesis() {
    let s = "https://en.wikipedia.org/wiki/Foo_(bar))";
    assert_eq!(url_len(s), s.len() - 1);
    assert_eq!(url_len("https://a.org/x)y(z"), "https://a.org/x".len());
    let got = parse("[w](https://a.org/F_(b)) and [v](x(y)").unwrap();
    let urls: Vec<&str> = got
        .iter()
        .filter_map(|i| match i {
            Inline::Link { url, .. } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(urls, ["https://a.org/F_(b)", "x(y"]);
    let got = parse("[u](https://a.org/(z)() then)").unwrap();
    assert!(matches!(&got[0], Inline::Link { url, .. } if url == "https://a.org/(z)("));
}

#[test]
fn explicit_link_and_literal_bracket() {
    let got = parse("[sic] see [the text](https://x.org/a).").unwrap();
    assert_eq!(got[0], text("[sic] see "));
    assert_eq!(
        got[1],
        Inline::Link {
            text: "the text".into(),
            url: "https://x.org/a".into(),
            style: TextStyle::default()
        }
    );
}

#[test]
fn unclosed_emphasis_reports_its_offset() {
    let err = parse("a *b c").unwrap_err();
    assert_eq!(err.offset, 2);
    assert!(err.message.contains("never closed"), "{}", err.message);
}

#[test]
fn malformed_footnote_reference_is_an_error() {
    for bad in ["x[^]", "x[^a]", "x[^12", "x[^0]"] {
        let err = parse(bad).unwrap_err();
        assert_eq!(err.offset, 1, "{bad}");
        assert!(err.message.contains("malformed footnote reference"));
    }
}

#[test]
fn escapes_give_literal_characters() {
    assert_eq!(
        parse(r"5 \* 3 \[^1] \\").unwrap(),
        vec![text(r"5 * 3 [^1] \")]
    );
}

#[test]
fn link_text_may_hold_escaped_brackets() {
    let got = parse(r"[\[image: x\] y](https://x.org)").unwrap();
    assert_eq!(
        got,
        vec![Inline::Link {
            text: "[image: x] y".into(),
            url: "https://x.org".into(),
            style: TextStyle::default()
        }]
    );
}

#[test]
fn push_plain_finds_urls_like_parse() {
    for src in [
        "see http://a.org/x. and (https://b.org/y_(z)) or xhttp://c.org",
        "http://d.org",
        "no url here",
    ] {
        let mut got = Vec::new();
        push_plain(&mut got, src, TextStyle::default());
        assert_eq!(got, parse(src).unwrap(), "{src}");
    }
}

#[test]
fn values_no_parser_would_make_still_round_trip() {
    let link = |t: &str, u: &str, style: TextStyle| Inline::Link {
        text: t.into(),
        url: u.into(),
        style,
    };
    let strong = TextStyle {
        strong: true,
        ..TextStyle::default()
    };
    let cases = [
        // A URL followed by text that would lengthen it when written bare.
        vec![
            link("https://a.org/x", "https://a.org/x", TextStyle::default()),
            emph("b"),
        ],
        vec![
            link("https://a.org/x", "https://a.org/x", TextStyle::default()),
            Inline::FootnoteRef { number: 1 },
        ],
        // A URL right after a letter.
        vec![text("a"), link("https://a.org", "https://a.org", strong)],
        // URL-like text that is not a link.
        vec![text("xhttp://a.org and "), emph("http://b.org")],
        vec![text("http://"), emph("x")],
        vec![
            text("a ~"),
            Inline::Text {
                text: "~b".into(),
                style: TextStyle {
                    strike: true,
                    ..TextStyle::default()
                },
            },
        ],
        // Brackets in link text, parentheses and brackets in URLs.
        vec![link("[image: a] b]", "https://a.org", TextStyle::default())],
        vec![
            link(
                "https://a.org/(z)[^a",
                "https://a.org/(z)[^a",
                TextStyle::default(),
            ),
            text("]: "),
        ],
        vec![
            link("t", "https://a.org/(z)&", TextStyle::default()),
            text("x"),
        ],
        vec![
            link("t", "https://a.org/(z)(*[^c", TextStyle::default()),
            text("]:"),
        ],
        vec![link("^a", "#", TextStyle::default())],
    ];
    for inlines in cases {
        let markup = to_markup(&inlines);
        assert_eq!(parse(&markup).unwrap(), inlines, "{markup}");
    }
}

#[test]
fn markup_round_trips() {
    for src in [
        "plain",
        "a *b* **c** `d*e` ~~f~~ [g](https://h.org) http://i.org/j.",
        r"lit \* \[x\] \` and a\\b",
        "ref[^3] and ***both***",
    ] {
        let parsed = parse(src).unwrap();
        let back = to_markup(&parsed);
        assert_eq!(parse(&back).unwrap(), parsed, "{src} -> {back}");
    }
}

#[test]
fn plain_text_marks_styles_where_they_change() {
    for src in [
        "**bold *both***",
        "*across [^1] a note*",
        "a `code` b",
        "~~gone~~ *x*",
    ] {
        let inlines = parse(src).unwrap();
        assert_eq!(to_plain(&inlines), src.replace("[^1]", "[1]"), "{src}");
    }
}
