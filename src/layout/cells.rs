//! Display width in terminal cells, measured exactly as ratatui's buffer measures what it
//! draws: per grapheme cluster, with unicode-width, plus one cell for each halfwidth
//! katakana sound mark (U+FF9E, U+FF9F: unicode-width calls them zero-width, terminals give
//! them a cell, and so does ratatui). A grapheme holding a control character takes no cell:
//! ratatui leaves it out. Wrapping with any other measure could let a line overflow its pane.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cells taken by one grapheme cluster.
pub fn grapheme_width(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        return 0;
    }
    let marks = g
        .chars()
        .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
        .count();
    g.width() + marks
}

/// Cells taken by `s`: the sum over its grapheme clusters (not unicode-width of the whole
/// string, which joins some neighbouring clusters, such as lam-alef, into one column).
pub fn width(s: &str) -> usize {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Cuts `s` to `cols` columns, ending with `…` when something was cut.
pub fn ellipsize(s: &str, cols: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if width(s) <= cols {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w + 1 > cols {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if cols > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::CellWidth;

    #[test]
    fn graphemes_measure_as_ratatui_draws_them() {
        for g in [
            "a",
            "ｶﾞ",
            "ﾟ",
            "漢",
            "🇨🇳",
            "e\u{301}",
            "👩\u{200d}💻",
            "\u{200b}",
            "❤\u{fe0f}",
            "\u{644}",
        ] {
            assert_eq!(grapheme_width(g), usize::from(g.cell_width()), "{g:?}");
        }
    }

    #[test]
    fn strings_add_up_their_graphemes() {
        assert_eq!(width("a\u{1b}b"), 2);
        assert_eq!(width("漢字"), 4);
        // unicode-width gives lam-alef one column as a string; drawn, it takes two cells.
        assert_eq!(width("\u{644}\u{627}"), 2);
    }
}
