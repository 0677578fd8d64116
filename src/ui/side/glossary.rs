//! The glossary view: the entry list, then the selected entry's definition and its
//! occurrences in the text (the list's detail).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::View;
use crate::action::Action;
use crate::app::{App, SideView};
use crate::geometry::lists::list_offset;
use crate::keymap::Context;
use crate::ui::put_line;
use crate::ui::theme::Theme;

use crate::ui::styled_line;

/// Draws the glossary list and the selected entry below it.
pub(super) fn draw(buf: &mut Buffer, app: &App, view: &View, theme: &Theme) {
    let (inner, list, focused) = (view.inner, view.list, view.focused);
    let g = &app.side[SideView::Glossary];
    let hints = [(Action::Filter, "filter"), (Action::Open, "occurrences")];
    put_line(buf, inner, 0, &super::filter_line(app, &hints, theme));

    if app.doc.glossary.is_empty() {
        let hint = super::empty_line(
            app,
            false,
            "No glossary in this article",
            &[(Context::Text, Action::AddTerm, "adds a term of your own")],
            theme,
        );
        let below = Rect::new(
            inner.x,
            inner.y + 1,
            inner.width,
            inner.height.saturating_sub(1),
        );
        super::put_wrapped(buf, below, hint);
        return;
    }
    let entries = app.filtered_entries();
    let selected = g.selected.min(entries.len().saturating_sub(1));
    let offset = list_offset(selected, entries.len(), usize::from(list.height));
    for (row, &e) in entries
        .iter()
        .skip(offset)
        .take(usize::from(list.height))
        .enumerate()
    {
        let entry = &app.doc.glossary.entries[e];
        let y = row as u16;
        let style = if offset + row == selected {
            if focused && g.detail.is_none() {
                theme.selected
            } else {
                theme.text.add_modifier(Modifier::BOLD)
            }
        } else {
            theme.text
        };
        if offset + row == selected && focused && g.detail.is_none() {
            crate::ui::select_rows(buf, list, y, 1, theme);
        }
        let mut row = Line::styled(entry.term.clone(), style);
        if entry.is_personal() {
            row.push_span(Span::styled(" · yours", theme.dim));
        }
        put_line(buf, list, y, &row);
    }
    if entries.is_empty() {
        put_line(buf, list, 0, &Line::styled("(no match)", theme.dim));
    }

    // The selected entry: definition, see-also, occurrences.
    draw_detail(buf, app, view, entries.get(selected).copied(), theme);
}

/// The selected entry `entry` below the list: definition, see-also, occurrences (the
/// list's detail, which has the keys once opened).
fn draw_detail(buf: &mut Buffer, app: &App, view: &View, entry: Option<usize>, theme: &Theme) {
    let (inner, list, focused) = (view.inner, view.list, view.focused);
    let g = &app.side[SideView::Glossary];
    let detail = Rect::new(
        inner.x,
        list.y + list.height + 1,
        inner.width,
        (inner.y + inner.height).saturating_sub(list.y + list.height + 1),
    );
    let Some(e) = entry else {
        return;
    };
    let mut lines = entry_lines(app, e, detail.width, theme);
    // Finding occurrences reads the whole text: only once the glossary is used.
    if !focused && !app.occurrences_found() {
        let hint = crate::ui::hints(
            app,
            Context::Side,
            &[(Action::Open, "lists the occurrences")],
            theme,
        );
        lines.push(hint);
        for (row, line) in lines.iter().take(usize::from(detail.height)).enumerate() {
            put_line(buf, detail, row as u16, line);
        }
        return;
    }
    let occurrences = &app.occurrences()[e];
    lines.push(Line::styled(
        format!("Occurrences ({})", occurrences.len()),
        theme.heading,
    ));
    let first_occ_line = lines.len();
    // Keep the selected occurrence in view; only the rows shown are built.
    let height = usize::from(detail.height);
    let skip = match g.detail {
        Some(i) if first_occ_line + i >= height => first_occ_line + i + 1 - height,
        _ => 0,
    };
    for row in 0..height {
        let index = skip + row;
        let y = row as u16;
        let line = match index.checked_sub(first_occ_line) {
            None => lines[index].clone(),
            Some(o) => match occurrences.get(o) {
                Some(occ) => occurrence_line(app, occ, theme),
                None => break,
            },
        };
        if focused && g.detail.is_some_and(|o| first_occ_line + o == index) {
            buf.set_style(
                Rect::new(detail.x, detail.y + y, detail.width, 1),
                theme.selected,
            );
        }
        put_line(buf, detail, y, &line);
    }
}

/// Term, aliases, definition and see-also of entry `e`, wrapped to `width`.
pub fn entry_lines(app: &App, e: usize, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let entry = &app.doc.glossary.entries[e];
    let text = crate::geometry::overlay::entry_text(&app.doc, e, width);
    let mut lines = vec![Line::styled(entry.term.clone(), theme.heading)];
    if entry.is_personal() {
        lines[0].push_span(Span::styled(" · your own entry", theme.dim));
    }
    if text.aliases {
        lines.push(Line::styled(
            format!("also: {}", entry.aliases.join(", ")),
            theme.dim,
        ));
    }
    for l in &text.definition {
        lines.push(styled_line(l, theme.text, theme));
    }
    for l in &text.see_also {
        lines.push(styled_line(l, theme.dim, theme));
    }
    lines
}

/// "2.1 ¶3 …context…" for an occurrence.
fn occurrence_line(app: &App, o: &crate::app::Occurrence, theme: &Theme) -> Line<'static> {
    let para = &app.doc.paragraphs[o.paragraph];
    let section = &app.doc.sections[para.section];
    let nth = o.paragraph - section.paragraphs.start + 1;
    let place = if section.number.is_empty() {
        format!("¶{nth} ")
    } else {
        format!("{} ¶{nth} ", section.number)
    };
    let text = para.plain_text();
    let start = super::floor(&text, o.range.start.saturating_sub(12));
    let end = super::floor(&text, (o.range.end + 40).min(text.len()));
    let before = &text[start..o.range.start];
    let hit = &text[o.range.clone()];
    let after = &text[o.range.end..end];
    Line::from(vec![
        Span::styled(place, theme.dim),
        Span::styled(format!("…{before}"), theme.text),
        Span::styled(hit.to_owned(), theme.term),
        Span::styled(format!("{after}…"), theme.text),
    ])
}
