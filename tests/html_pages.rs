//! Saved web pages end to end: `print`, `check` and `import` open a page, and a
//! Wikipedia-like page with references prints as the snapshot says.

mod common;

use common::lectern;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A page shaped like a Wikipedia article: navigation, a lead with references (one cited
/// twice), a section, a list, a reference list with back-links, a footer.
const WIKI: &str = r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Water cycle - Wikipedia</title>
<link rel="canonical" href="https://en.wikipedia.org/wiki/Water_cycle">
<meta property="og:site_name" content="Wikipedia">
<script>alert("never")</script><style>p{color:red}</style></head>
<body><nav><ul><li><a href="/wiki/Main_Page">Main page</a></li><li><a href="/wiki/Contents">Contents</a></li></ul></nav>
<div id="content"><h1 id="firstHeading">Water cycle</h1>
<div id="bodyContent"><div class="mw-parser-output">
<p>The <b>water cycle</b> describes how water moves continuously on, above and below the surface of the <a href="/wiki/Earth">Earth</a>.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup> The mass of water stays fairly constant over time, but its partitioning into the major reservoirs of ice, fresh water and salt water changes with climate.<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup></p>
<div class="mw-heading"><h2 id="Description">Description</h2></div>
<p>The sun drives the water cycle. It heats water in oceans and seas. Water evaporates as water vapor into the air.<sup id="cite_ref-1b" class="reference"><a href="#cite_note-1">[1]</a></sup> Some ice and snow sublimates directly into water vapor. Evapotranspiration is water transpired from plants and evaporated from the soil.</p>
<ul><li>Evaporation</li><li>Condensation<ul><li>Clouds</li></ul></li><li>Precipitation</li></ul>
<div class="mw-heading"><h2 id="References">References</h2></div>
<div class="reflist"><ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-1"><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-1b"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text">Arthur, <i>The Water Cycle</i>, 2004.</span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> <span class="reference-text">See <a href="https://www.usgs.gov/water">USGS</a>.</span></li>
</ol></div>
</div></div></div>
<footer><p>Text is available under the Creative Commons licence.</p></footer>
</body></html>
"##;

#[test]
fn a_wikipedia_like_page_prints_with_its_references_as_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "Water_cycle.html", WIKI);
    let (code, stdout, stderr) = lectern(&["print", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("wikipedia_like_print", stdout);
    assert!(!stdout.contains("Main page") && !stdout.contains("Creative Commons"));
}

#[test]
fn check_and_import_open_a_page_and_the_import_prints_the_same() {
    let dir = tempfile::tempdir().unwrap();
    // No extension: the doctype tells.
    let path = write(dir.path(), "saved", WIKI);
    let path = path.to_str().unwrap();
    let (code, stdout, stderr) = lectern(&["check", path]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2 footnotes"), "{stdout}");
    let out = dir.path().join("page.ron");
    let (code, _, stderr) = lectern(&["import", path, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let (_, from_page, _) = lectern(&["print", path]);
    let (_, from_ron, stderr) = lectern(&["print", out.to_str().unwrap()]);
    assert_eq!(from_ron, from_page, "{stderr}");
}
