//! The side pane: the glossary list with a filter, the selected entry's definition and its
//! occurrences in the text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{pane_block, put_line, render_block, styled_line};
use crate::action::{Action, Pane};
use crate::app::{App, SideView};
use crate::geometry::lists::{NOTE_ROWS, list_offset, side_list_rows as list_rows};
use crate::keymap::Context;

/// The tabs of the side pane's title, the current view stressed; only the current one
/// (between arrows) when they do not fit.
fn tabs(app: &App, width: u16, theme: &Theme) -> Line<'static> {
    let label = |view: SideView| {
        let count = match view {
            SideView::Glossary => String::new(),
            SideView::Notes => format!(" {}", app.notes.entries().len()),
            SideView::Bookmarks => format!(" {}", app.state.file.bookmarks.len()),
            SideView::Results => app
                .search
                .as_ref()
                .map_or(String::new(), |s| format!(" {}", s.results.hits.len())),
        };
        format!("{}{count}", view.name())
    };
    let all: usize = SideView::ALL
        .iter()
        .map(|v| label(*v).chars().count() + 3)
        .sum();
    if all + 2 > usize::from(width) {
        return Line::from(vec![
            Span::styled(" ◂ ", theme.dim),
            Span::styled(label(app.side_view), theme.heading),
            Span::styled(" ▸ ", theme.dim),
        ]);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, view) in SideView::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        let style = if *view == app.side_view {
            theme.heading
        } else {
            theme.dim
        };
        spans.push(Span::styled(label(*view), style));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

/// The filter line of a list: the input while typing, the filter, or key hints.
fn filter_line(
    app: &App,
    list_filter: &str,
    filtering: bool,
    hints: &[(Action, &str)],
    theme: &Theme,
) -> Line<'static> {
    if filtering {
        Line::from(vec![
            Span::styled("/", theme.key),
            Span::styled(
                crate::sanitize::clean_line(list_filter).into_owned(),
                theme.text,
            ),
            Span::styled("▏", theme.key),
        ])
    } else if !list_filter.is_empty() {
        Line::from(vec![
            Span::styled("filter: ", theme.dim),
            Span::styled(
                crate::sanitize::clean_line(list_filter).into_owned(),
                theme.text,
            ),
        ])
    } else {
        super::hints(app, Context::Side, hints, theme)
    }
}

/// Draws the side pane.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let focused = super::focused(app, Pane::Side);
    let block = pane_block(tabs(app, area.width, theme), focused, theme);
    let inner = render_block(block, area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    match app.side_view {
        SideView::Glossary => draw_glossary(buf, area, inner, app, focused, theme),
        SideView::Notes => draw_notes(buf, area, inner, app, focused, theme),
        SideView::Bookmarks => draw_bookmarks(buf, area, inner, app, focused, theme),
        SideView::Results => draw_results(buf, area, inner, app, focused, theme),
    }
}

/// Text around a match: a few words before, the match, the rest of the line.
pub fn context(
    text: &str,
    range: &std::ops::Range<usize>,
    before: usize,
) -> (String, String, String) {
    let start = floor(text, range.start.saturating_sub(before));
    let start = text[start..range.start]
        .find(' ')
        .filter(|_| start > 0)
        .map_or(start, |i| start + i + 1);
    let end = floor(text, (range.end + 120).min(text.len()));
    let clean = |s: &str| crate::sanitize::clean_line(s).into_owned();
    let lead = if start > 0 { "…" } else { "" };
    (
        format!("{lead}{}", clean(&text[start..range.start])),
        clean(&text[range.clone()]),
        clean(&text[range.end..end]),
    )
}

fn draw_results(
    buf: &mut Buffer,
    pane: Rect,
    inner: Rect,
    app: &App,
    focused: bool,
    theme: &Theme,
) {
    let list = list_rows(app, pane);
    let Some(state) = &app.search else {
        put_line(
            buf,
            inner,
            0,
            &super::hints(app, Context::Global, &[(Action::Search, "searches")], theme),
        );
        return;
    };
    let hits = &state.results.hits;
    let head = format!(
        "“{}”: {} in the text, {} {} in all",
        crate::sanitize::clean_line(&state.query.text),
        state.results.text.len(),
        hits.len(),
        if hits.len() == 1 { "place" } else { "places" }
    );
    put_line(buf, inner, 0, &Line::styled(head, theme.dim));
    if hits.is_empty() {
        put_line(buf, list, 0, &Line::styled("Nothing found", theme.dim));
        return;
    }
    let per_screen = usize::from(list.height / NOTE_ROWS).max(1);
    let selected = app.results_list.selected.min(hits.len() - 1);
    let offset = list_offset(selected, hits.len(), per_screen);
    for (row, hit) in hits.iter().skip(offset).take(per_screen).enumerate() {
        let y = row as u16 * NOTE_ROWS;
        let place = match &hit.place {
            crate::search::HitPlace::Text(p) => paragraph_place(app, *p),
            crate::search::HitPlace::Footnote(n) => format!("Footnote {n}"),
            crate::search::HitPlace::Glossary(e) => {
                format!("Glossary: {}", app.doc.glossary.entries[*e].term)
            }
            crate::search::HitPlace::Note(Some(p), _) => {
                format!("Note on {}", paragraph_place(app, *p))
            }
            crate::search::HitPlace::Note(None, _) => "Note (detached)".to_owned(),
        };
        let (before, hit_text, after) = context(&hit.text, &hit.range, 16);
        if offset + row == selected && focused {
            super::select_rows(buf, list, y, NOTE_ROWS, theme);
        }
        put_line(buf, list, y, &Line::styled(place, theme.key));
        put_line(
            buf,
            list,
            y + 1,
            &Line::from(vec![
                Span::styled(before, theme.text),
                Span::styled(hit_text, theme.search_current),
                Span::styled(after, theme.text),
            ]),
        );
    }
}

/// "2.1 ¶3" for paragraph `p` ("¶3" in the introduction).
pub fn paragraph_place(app: &App, p: usize) -> String {
    let para = &app.doc.paragraphs[p];
    let s = &app.doc.sections[para.section];
    let nth = p - s.paragraphs.start + 1;
    if s.number.is_empty() {
        format!("¶{nth}")
    } else {
        format!("{} ¶{nth}", s.number)
    }
}

fn draw_notes(buf: &mut Buffer, pane: Rect, inner: Rect, app: &App, focused: bool, theme: &Theme) {
    let l = &app.notes_list;
    put_line(
        buf,
        inner,
        0,
        &filter_line(
            app,
            &l.filter,
            l.filtering,
            &[
                (Action::Open, "go"),
                (Action::DeleteItem, "delete"),
                (Action::Filter, "filter"),
            ],
            theme,
        ),
    );
    let rows = app.filtered_notes();
    let list = list_rows(app, pane);
    if rows.is_empty() {
        let hint = if app.notes.entries().is_empty() {
            "No notes yet: a writes one"
        } else {
            "(no match)"
        };
        put_line(buf, list, 0, &Line::styled(hint, theme.dim));
        return;
    }
    let per_screen = usize::from(list.height / NOTE_ROWS).max(1);
    let selected = l.selected.min(rows.len() - 1);
    let offset = list_offset(selected, rows.len(), per_screen);
    let now = crate::notes::now();
    for (row, &i) in rows.iter().skip(offset).take(per_screen).enumerate() {
        let e = &app.notes.entries()[i];
        let y = row as u16 * NOTE_ROWS;
        let place = match e.attached {
            Some(p) => {
                let para = &app.doc.paragraphs[p];
                let s = &app.doc.sections[para.section];
                let nth = p - s.paragraphs.start + 1;
                if s.number.is_empty() {
                    format!("¶{nth}")
                } else {
                    format!("{} ¶{nth}", s.number)
                }
            }
            None => "detached".to_owned(),
        };
        let age = crate::notes::export::age(e.note.modified, now);
        let first_line = e.note.text.lines().next().unwrap_or("");
        let head = Line::from(vec![
            Span::styled(format!("{place} "), theme.key),
            Span::styled(
                crate::sanitize::clean_line(&e.note.quote).into_owned(),
                theme.dim,
            ),
        ]);
        let body = Line::from(vec![
            Span::styled("✎ ", theme.note),
            Span::styled(
                crate::sanitize::clean_line(first_line).into_owned(),
                theme.text,
            ),
            Span::styled(format!("  {age}"), theme.dim),
        ]);
        if offset + row == selected && focused {
            super::select_rows(buf, list, y, NOTE_ROWS, theme);
        }
        put_line(buf, list, y, &head);
        put_line(buf, list, y + 1, &body);
    }
}

fn draw_bookmarks(
    buf: &mut Buffer,
    pane: Rect,
    inner: Rect,
    app: &App,
    focused: bool,
    theme: &Theme,
) {
    let l = &app.bookmarks_list;
    put_line(
        buf,
        inner,
        0,
        &filter_line(
            app,
            &l.filter,
            l.filtering,
            &[(Action::Open, "go"), (Action::DeleteItem, "delete")],
            theme,
        ),
    );
    let rows = app.filtered_bookmarks();
    let list = list_rows(app, pane);
    if rows.is_empty() {
        let hint = if app.state.file.bookmarks.is_empty() {
            "No bookmarks yet: m and a letter sets one"
        } else {
            "(no match)"
        };
        put_line(buf, list, 0, &Line::styled(hint, theme.dim));
        return;
    }
    let selected = l.selected.min(rows.len() - 1);
    let offset = list_offset(selected, rows.len(), usize::from(list.height));
    for (row, (c, p)) in rows
        .iter()
        .skip(offset)
        .take(usize::from(list.height))
        .enumerate()
    {
        let text = match p {
            Some(p) => crate::notes::anchor::quote(&app.doc.paragraphs[*p].plain_text()),
            None => "(paragraph no longer in the article)".to_owned(),
        };
        let y = row as u16;
        if offset + row == selected && focused {
            super::select_rows(buf, list, y, 1, theme);
        }
        put_line(
            buf,
            list,
            y,
            &Line::from(vec![
                // The letter comes from the state file as written.
                Span::styled(
                    format!("{} ", crate::sanitize::clean_line(&c.to_string())),
                    theme.key,
                ),
                Span::styled(crate::sanitize::clean_line(&text).into_owned(), theme.text),
            ]),
        );
    }
}

fn draw_glossary(
    buf: &mut Buffer,
    area: Rect,
    inner: Rect,
    app: &App,
    focused: bool,
    theme: &Theme,
) {
    let g = &app.glossary;
    let filter_line = if g.filtering {
        Line::from(vec![
            Span::styled("/", theme.key),
            Span::styled(
                crate::sanitize::clean_line(&g.filter).into_owned(),
                theme.text,
            ),
            Span::styled("▏", theme.key),
        ])
    } else if !g.filter.is_empty() {
        Line::from(vec![
            Span::styled("filter: ", theme.dim),
            Span::styled(
                crate::sanitize::clean_line(&g.filter).into_owned(),
                theme.text,
            ),
        ])
    } else {
        super::hints(
            app,
            Context::Side,
            &[(Action::Filter, "filter"), (Action::Open, "occurrences")],
            theme,
        )
    };
    put_line(buf, inner, 0, &filter_line);

    let entries = app.filtered_entries();
    let list = list_rows(app, area);
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
            if focused && g.occurrence.is_none() {
                theme.selected
            } else {
                theme.text.add_modifier(Modifier::BOLD)
            }
        } else {
            theme.text
        };
        if offset + row == selected && focused && g.occurrence.is_none() {
            super::select_rows(buf, list, y, 1, theme);
        }
        put_line(buf, list, y, &Line::styled(entry.term.clone(), style));
    }
    if entries.is_empty() {
        put_line(buf, list, 0, &Line::styled("(no match)", theme.dim));
    }

    // The selected entry: definition, see-also, occurrences.
    let detail = Rect::new(
        inner.x,
        list.y + list.height + 1,
        inner.width,
        (inner.y + inner.height).saturating_sub(list.y + list.height + 1),
    );
    let Some(&e) = entries.get(selected) else {
        return;
    };
    let mut lines = entry_lines(app, e, detail.width, theme);
    // Finding occurrences reads the whole text: only once the glossary is used.
    if !focused && !app.occurrences_found() {
        let hint = super::hints(
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
    let skip = match g.occurrence {
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
        if focused && g.occurrence.is_some_and(|o| first_occ_line + o == index) {
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
    let start = floor(&text, o.range.start.saturating_sub(12));
    let end = floor(&text, (o.range.end + 40).min(text.len()));
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

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
