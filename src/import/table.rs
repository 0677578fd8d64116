//! Tables as preformatted text: columns padded to a common width, a rule under the header.
//! A reader shows them as they are; nothing in them is interpreted.

use pulldown_cmark::Alignment;
use unicode_width::UnicodeWidthStr;

/// Renders rows of cell texts; the first `head_rows` rows are the header.
pub(super) fn render(aligns: &[Alignment], rows: &[Vec<String>], head_rows: usize) -> String {
    let columns = rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(aligns.len());
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push('\n');
        }
        let mut line = String::new();
        for (c, &width) in widths.iter().enumerate() {
            if c > 0 {
                line.push_str(" | ");
            }
            let cell = row.get(c).map_or("", String::as_str);
            let gap = width.saturating_sub(cell.width());
            let (left, right) = match aligns.get(c) {
                Some(Alignment::Right) => (gap, 0),
                Some(Alignment::Center) => (gap / 2, gap - gap / 2),
                _ => (0, gap),
            };
            line.extend(std::iter::repeat_n(' ', left));
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', right));
        }
        out.push_str(line.trim_end());
        if r + 1 == head_rows && rows.len() > head_rows {
            out.push('\n');
            let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w.max(1))).collect();
            out.push_str(&rule.join("-+-"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn columns_align_by_display_width() {
        let aligns = [Alignment::None, Alignment::Right, Alignment::Center];
        let rows = [
            row(&["name", "n", "mid"]),
            row(&["北京", "12", "x"]),
            row(&["a", "3"]),
        ];
        assert_eq!(
            render(&aligns, &rows, 1),
            "name |  n | mid\n-----+----+----\n北京 | 12 |  x\na    |  3 |"
        );
    }
}
