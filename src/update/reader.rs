//! Moving through the text: paragraphs, lines, pages, sections, clicks.

use ratatui::layout::Position;

use crate::action::{Action, Scroll};
use crate::app::{App, Modal, Popup};
use crate::layout::{Anchor, FlowItem};

/// Handles actions of the text pane; false when the action is not the pane's.
pub fn update(app: &mut App, action: &Action) -> bool {
    match action {
        Action::NextParagraph => step(app, 1),
        Action::PrevParagraph => step(app, -1),
        Action::Scroll(s) => scroll(app, *s),
        Action::GoToStart => {
            app.reader.cursor = 0;
            app.reader.top = Anchor::default();
        }
        Action::GoToEnd => {
            app.reader.cursor = app.doc.paragraphs.len().saturating_sub(1);
            let rows = app.text_view().rows;
            app.reader.top = app.layout().end_top(rows);
        }
        Action::NextSection => next_section(app),
        Action::PrevSection => prev_section(app),
        Action::OpenFootnotes => open_footnotes(app),
        Action::OpenDefinitions => open_definitions(app),
        Action::EditNote => super::notes::edit(app),
        Action::RestoreNote => super::notes::restore(app),
        Action::AddTerm => super::terms::begin_add(app, None),
        Action::SetBookmark => {
            app.modals
                .open(Modal::Awaiting(crate::app::Awaiting::SetBookmark));
        }
        Action::JumpBookmark => {
            app.modals
                .open(Modal::Awaiting(crate::app::Awaiting::JumpBookmark));
        }
        Action::ExportNotes => super::notes::export(app),
        Action::SelectText => super::selection::start(app),
        Action::CopyQuote => super::selection::copy(app, false),
        Action::SaveQuote => super::selection::copy(app, true),
        Action::Open => {
            // An article without paragraphs has nothing under the cursor.
            let Some(p) = app.doc.paragraphs.get(app.reader.cursor) else {
                open_definitions(app);
                return true;
            };
            let links = link_lines(p);
            if p.footnote_refs().next().is_some() {
                open_footnotes(app);
            } else if !links.is_empty() && app.doc.glossary.find_in(&p.plain_text()).is_empty() {
                app.popup = Some(Popup::Links {
                    lines: links,
                    scroll: 0,
                });
            } else {
                open_definitions(app);
            }
        }
        _ => return false,
    }
    true
}

/// A paragraph's links, one line each: the URL, after the link's text when it has its own.
fn link_lines(p: &crate::model::Paragraph) -> Vec<String> {
    p.inlines
        .iter()
        .filter_map(|i| match i {
            crate::model::Inline::Link { text, url, .. } if text == url => Some(url.clone()),
            crate::model::Inline::Link { text, url, .. } => Some(format!("{text}: {url}")),
            _ => None,
        })
        .collect()
}

/// Lines a scroll amount stands for in a view of `rows`.
pub fn scroll_lines(s: Scroll, rows: usize) -> i64 {
    let rows = rows.max(1) as i64;
    match s {
        Scroll::Lines(n) => i64::from(n),
        Scroll::HalfPages(n) => i64::from(n) * (rows / 2).max(1),
        Scroll::Pages(n) => i64::from(n) * rows,
    }
}

/// Lines kept from one view to the next when `j` or `k` scrolls within a long paragraph.
const CONTEXT_LINES: usize = 2;

/// `j` and `k`: scroll within the current paragraph while it goes on past the view (as
/// less does), else move to the next or previous paragraph, never past a line unseen.
fn step(app: &mut App, delta: isize) {
    if scroll_within(app, delta > 0) {
        return;
    }
    let last = app.doc.paragraphs.len().saturating_sub(1);
    let Some(next) = app
        .reader
        .cursor
        .checked_add_signed(delta)
        .filter(|n| *n <= last)
    else {
        app.info(if delta > 0 {
            "Last paragraph"
        } else {
            "First paragraph"
        });
        if delta < 0 {
            app.reader.top = Anchor::default();
        }
        return;
    };
    let before = app.reader.top;
    app.reader.cursor = next;
    reveal_cursor(app);
    // Text between the old view and the new paragraph (a heading, the end of the one
    // left) is shown on the way: the view moves at most one screen.
    let rows = app.text_view().rows;
    let layout = app.layout();
    let top = if delta > 0 {
        app.reader.top.min(layout.down(before, rows))
    } else {
        app.reader.top.max(layout.up(before, rows))
    };
    app.reader.top = layout.clamp_top(top, rows);
}

/// Scrolls towards the unseen end (`down`) or start of the current paragraph when part of
/// it is off screen that way; false when all of it is shown that way.
fn scroll_within(app: &mut App, down: bool) -> bool {
    let rows = app.text_view().rows;
    let layout = app.layout();
    // An article without paragraphs has nothing to scroll within.
    let Some(&item) = app.flow.paragraph_item.get(app.reader.cursor) else {
        return false;
    };
    let lines = layout.block(item).lines.len();
    let top = app.reader.top;
    let step = rows.saturating_sub(CONTEXT_LINES).max(1);
    let new_top = if down {
        let last_line = Anchor {
            item,
            line: lines.saturating_sub(1),
        };
        let bottom = layout.down(top, rows.saturating_sub(1));
        if last_line <= bottom || top > last_line {
            return false;
        }
        layout
            .up(last_line, rows.saturating_sub(1))
            .min(layout.down(top, step))
    } else {
        let start = Anchor { item, line: 0 };
        let bottom = layout.down(top, rows.saturating_sub(1));
        if start >= top || bottom < start {
            return false;
        }
        start.max(layout.up(top, step))
    };
    let new_top = layout.clamp_top(new_top, rows);
    if new_top == top {
        return false;
    }
    app.reader.top = new_top;
    true
}

/// The paragraphs on screen, top to bottom, each with whether its first line is shown.
fn visible_paragraphs(app: &App) -> Vec<(usize, bool)> {
    let view = app.text_view();
    let mut out: Vec<(usize, bool)> = Vec::new();
    for a in app.layout().visible(app.reader.top, view.rows) {
        if let Some(p) = app.flow.paragraph_at(a.item)
            && out.last().is_none_or(|(q, _)| *q != p)
        {
            out.push((p, a.line == 0));
        }
    }
    out
}

/// Scrolls so the current paragraph is on screen: all of it when it fits, else its start.
pub fn reveal_cursor(app: &mut App) {
    let rows = app.text_view().rows;
    let layout = app.layout();
    let item = app.flow.paragraph_item[app.reader.cursor];
    let lines = layout.block(item).lines.len();
    let start = Anchor { item, line: 0 };
    let last_line = Anchor {
        item,
        line: lines.saturating_sub(1),
    };
    let top = app.reader.top;
    let mut new_top = top;
    if start < top {
        new_top = start;
    } else {
        // Is its last line within the view?
        let bottom = layout.down(top, rows.saturating_sub(1));
        if last_line > bottom {
            new_top = if lines >= rows {
                start
            } else {
                layout.up(last_line, rows - 1)
            };
        }
    }
    app.reader.top = layout.clamp_top(new_top, rows);
}

/// Keeps the view valid and the cursor on screen after a resize or a layout change.
pub fn keep_in_view(app: &mut App) {
    if app.flow.is_empty() || app.doc.paragraphs.is_empty() {
        return;
    }
    let rows = app.text_view().rows;
    app.reader.top = app.layout().clamp_top(app.reader.top, rows);
    // Any line of the current paragraph on screen is enough: a resize must not jump.
    if !visible_paragraphs(app)
        .iter()
        .any(|(p, _)| *p == app.reader.cursor)
    {
        reveal_cursor(app);
    }
}

/// Scrolls the view; the cursor follows only when its paragraph leaves the screen, except
/// for page moves, which make the paragraph at the top current.
pub fn scroll(app: &mut App, s: Scroll) {
    let rows = app.text_view().rows;
    let delta = scroll_lines(s, rows);
    let layout = app.layout();
    let before = app.reader.top;
    let moved = if delta >= 0 {
        layout.down(before, delta as usize)
    } else {
        layout.up(before, delta.unsigned_abs() as usize)
    };
    app.reader.top = layout.clamp_top(moved, rows);
    let visible = visible_paragraphs(app);
    let (Some(first), Some(last)) = (visible.first(), visible.last()) else {
        return;
    };
    let paging = !matches!(s, Scroll::Lines(_));
    if app.reader.top == before {
        if paging {
            app.reader.cursor = if delta > 0 { last.0 } else { first.0 };
        }
        return;
    }
    if paging {
        app.reader.cursor = first.0;
    } else if !visible.iter().any(|(p, _)| *p == app.reader.cursor) {
        app.reader.cursor = if delta > 0 { first.0 } else { last.0 };
    }
}

/// The first paragraph at or after flow index `item`.
fn paragraph_from(app: &App, item: usize) -> usize {
    let i = app.flow.paragraph_item.partition_point(|&it| it < item);
    i.min(app.doc.paragraphs.len().saturating_sub(1))
}

/// Puts section `s` at the top of the view and its first paragraph under the cursor.
pub fn jump_to_section(app: &mut App, s: usize) {
    let item = app.flow.section_item[s];
    app.reader.cursor = paragraph_from(app, item);
    let rows = app.text_view().rows;
    let layout = app.layout();
    app.reader.top = layout.clamp_top(Anchor { item, line: 0 }, rows);
}

/// `]`: the first section whose heading comes after both the top of the view and the
/// start of the current section. Sections without paragraphs of their own (a part holding
/// chapters) are stops too, found by their headings.
fn next_section(app: &mut App) {
    let current = app.current_section();
    let from = app.reader.top.item.max(app.flow.section_item[current]);
    let before = app.reader;
    if let Some(s) = (0..app.doc.sections.len()).find(|&s| app.flow.section_item[s] > from) {
        jump_to_section(app, s);
    }
    if app.reader == before {
        app.info("Last section");
    }
}

/// `[`: the start of the current section, or, when there already, the last section whose
/// heading comes before the top of the view.
fn prev_section(app: &mut App) {
    let current = app.current_section();
    let start = Anchor {
        item: app.flow.section_item[current],
        line: 0,
    };
    let at_start = app.reader.cursor == paragraph_from(app, start.item) && app.reader.top <= start;
    let target = if at_start {
        let limit = app.reader.top.min(start).item;
        (0..app.doc.sections.len())
            .rev()
            .find(|&s| app.flow.section_item[s] < limit)
    } else {
        Some(current)
    };
    let before = app.reader;
    if let Some(s) = target {
        jump_to_section(app, s);
    }
    if app.reader == before {
        app.info("First section");
    }
}

/// The footnote numbers of paragraph `p`, each once, in order of reference.
pub fn footnotes_of(app: &App, p: usize) -> Vec<u32> {
    let mut numbers: Vec<u32> = Vec::new();
    let refs = app.doc.paragraphs.get(p).into_iter();
    for n in refs.flat_map(|para| para.footnote_refs()) {
        if !numbers.contains(&n) {
            numbers.push(n);
        }
    }
    numbers
}

/// Opens the footnotes of the current paragraph.
pub fn open_footnotes(app: &mut App) {
    let numbers = footnotes_of(app, app.reader.cursor);
    if numbers.is_empty() {
        app.info("No footnotes in this paragraph");
        return;
    }
    app.popup = Some(Popup::Footnotes {
        numbers,
        index: 0,
        scroll: 0,
        typed: String::new(),
    });
}

/// Opens the definitions of the glossary terms of the current paragraph.
pub fn open_definitions(app: &mut App) {
    let text = app
        .doc
        .paragraphs
        .get(app.reader.cursor)
        .map(|p| p.plain_text())
        .unwrap_or_default();
    let mut entries: Vec<usize> = Vec::new();
    for m in app.doc.glossary.find_in(&text) {
        if !entries.contains(&m.entry) {
            entries.push(m.entry);
        }
    }
    if entries.is_empty() {
        app.info("No glossary terms in this paragraph");
        return;
    }
    app.popup = Some(Popup::Definitions {
        stack: vec![(entries, 0)],
        scroll: 0,
        typed: String::new(),
    });
}

/// A click in the text: selects the paragraph, and opens the footnote or the glossary term
/// under the pointer.
pub fn click(app: &mut App, at: Position) {
    let view = app.text_view();
    if at.y < view.y {
        return;
    }
    let row = usize::from(at.y - view.y);
    let visible = app.layout().visible(app.reader.top, view.rows);
    let Some(anchor) = visible.get(row) else {
        return;
    };
    let Some(FlowItem::Paragraph(p)) = app.flow.items.get(anchor.item).copied() else {
        return;
    };
    app.reader.cursor = p;
    let block = app.layout().block(anchor.item);
    let Some(line) = block.lines.get(anchor.line) else {
        return;
    };
    let Some(col) = at.x.checked_sub(view.x).map(usize::from) else {
        return;
    };
    let mut x = 0usize;
    for seg in &line.segments {
        let w = crate::layout::cells::width(&seg.text);
        if col >= x && col < x + w {
            if let Some(n) = seg.kind.footnote {
                let numbers = footnotes_of(app, p);
                let index = numbers.iter().position(|&m| m == n).unwrap_or(0);
                app.popup = Some(Popup::Footnotes {
                    numbers,
                    index,
                    scroll: 0,
                    typed: String::new(),
                });
            } else if let Some(entry) = seg.kind.term {
                app.popup = Some(Popup::Definitions {
                    stack: vec![(vec![entry as usize], 0)],
                    scroll: 0,
                    typed: String::new(),
                });
            }
            return;
        }
        x += w;
    }
}
