//! Searching (the prompt, `n`/`N`, the results list) and the glossary review.

use crate::action::Action;
use crate::app::{
    App, Modal, ModalKind, Popup, ReviewSession, SearchPrompt, SearchState, SideView,
};
use crate::keymap::Context;
use crate::layout::Anchor;
use crate::search::{HitPlace, Query};

/// Opens the search prompt.
pub fn start(app: &mut App) {
    app.modals.open(Modal::Prompt(SearchPrompt {
        text: String::new(),
        origin: app.reader,
        pending: None,
        searches: 0,
    }));
}

/// Actions while the prompt is open; false for the app-wide ones it leaves to others.
pub fn prompt(app: &mut App, action: &Action) -> bool {
    let Some(p) = app.modals.prompt_mut() else {
        return false;
    };
    match action {
        Action::Cancel => {
            app.reader = p.origin;
            app.modals.close(ModalKind::Prompt);
        }
        Action::DeleteChar => {
            p.text.pop();
            incremental(app);
        }
        Action::ClearInput => {
            p.text.clear();
            incremental(app);
        }
        Action::Open => confirm(app),
        Action::SelectNext | Action::SelectPrev => {
            // Look at the next or previous match while still typing.
            finish(app);
            if let Some(mut state) = app.search.take() {
                let n = state.results.text.len();
                if n > 0 {
                    let i = state.current.unwrap_or(0);
                    let i = if *action == Action::SelectNext {
                        (i + 1) % n
                    } else {
                        (i + n - 1) % n
                    };
                    state.current = Some(i);
                    show_match(app, &state, i);
                }
                app.search = Some(state);
            }
        }
        _ => return false,
    }
    true
}

/// Types into the prompt.
pub fn type_char(app: &mut App, c: char) {
    if let Some(p) = app.modals.prompt_mut() {
        p.text.push(c);
        incremental(app);
    }
}

/// Pastes into the prompt: one edit, one search, however long the text.
pub fn type_str(app: &mut App, text: &str) {
    if let Some(p) = app.modals.prompt_mut() {
        p.text.push_str(text);
        incremental(app);
    }
}

/// The first match at or after paragraph `from`, wrapping to the start.
fn first_from(state: &SearchState, from: usize) -> Option<usize> {
    let m = &state.results.text;
    if m.is_empty() {
        return None;
    }
    let i = m.partition_point(|t| t.paragraph < from);
    Some(if i < m.len() { i } else { 0 })
}

fn run(app: &App, text: &str) -> Option<SearchState> {
    let query = Query::new(text)?;
    let results = crate::search::search(&app.doc, app.notes.entries(), &query);
    Some(SearchState::complete(query, results, &app.doc))
}

/// Bytes of text searched in one step while typing: a few milliseconds' work, so a key
/// pressed meanwhile waits no longer than that.
pub const STEP_BYTES: usize = 256 << 10;

/// Starts searching for the query typed so far (dropping the search of the query before),
/// and moves the view to its first match once it is found; back to the start if none.
fn incremental(app: &mut App) {
    let Some(p) = app.modals.prompt_mut() else {
        return;
    };
    app.reader = p.origin;
    p.pending = Query::new(&p.text).map(crate::search::SearchJob::new);
    p.searches += u32::from(p.pending.is_some());
    if p.pending.is_none() {
        app.search = None;
        return;
    }
    if app.search_in_steps {
        work(app, STEP_BYTES);
    } else {
        finish(app);
    }
}

/// Whether a search is running in steps: one typed in the prompt, or one made while the
/// article was read, catching up with what arrived since.
pub fn pending(app: &App) -> bool {
    app.modals.prompt().is_some_and(|p| p.pending.is_some())
        || app.search.as_ref().is_some_and(|s| {
            s.searched < app.doc.paragraphs.len() || (s.rest_stale && app.loading.is_none())
        })
}

/// Runs the pending search to its end.
fn finish(app: &mut App) {
    while !work(app, usize::MAX) {}
}

/// Searches about `budget` more bytes of the text that arrived since the search was made
/// (the article is read in parts); once that is done and the article is whole, its
/// footnotes, glossary and notes again. Returns true when the search is caught up.
pub fn catch_up(app: &mut App, budget: usize) -> bool {
    let Some(s) = app.search.as_mut() else {
        return true;
    };
    if s.searched < app.doc.paragraphs.len()
        && !crate::search::extend_with_paragraphs(
            &mut s.results,
            &app.doc,
            &s.query,
            &mut s.searched,
            budget,
        )
    {
        return false;
    }
    if s.rest_stale && app.loading.is_none() {
        s.rest_stale = false;
        crate::search::search_the_rest_again(
            &mut s.results,
            &app.doc,
            app.notes.entries(),
            &s.query,
        );
        s.current = s.current.filter(|&i| i < s.results.text.len());
    }
    true
}

/// Catches the search up at once when searches do not run in steps.
pub fn catch_up_unless_in_steps(app: &mut App) {
    if !app.search_in_steps {
        catch_up(app, usize::MAX);
    }
}

/// Searches about `budget` more bytes for the query in the prompt; when the search is
/// complete, moves to its first match at or after where the search started. Without one,
/// catches up the search made while the article was read ([`catch_up`]). Returns true
/// when no search is left to run.
pub fn work(app: &mut App, budget: usize) -> bool {
    let Some(p) = app.modals.prompt_mut() else {
        return catch_up(app, budget);
    };
    let Some(job) = p.pending.as_mut() else {
        return catch_up(app, budget);
    };
    if !job.step(&app.doc, app.notes.entries(), budget) {
        let percent = job.percent(&app.doc);
        let text = p.text.clone();
        app.info(format!("Searching for “{text}”… {percent}%"));
        return false;
    }
    let Some(job) = p.pending.take() else {
        return true;
    };
    let (text, origin) = (p.text.clone(), p.origin);
    let query = job.query().clone();
    let mut state = SearchState::complete(query, job.into_results(), &app.doc);
    state.current = first_from(&state, origin.cursor);
    let n = state.results.text.len();
    if let Some(i) = state.current {
        show_match(app, &state, i);
    }
    app.search = Some(state);
    if n == 0 {
        app.error(format!("No match for “{text}”"));
    } else {
        app.message = None;
    }
    true
}

/// Enter in the prompt: keeps the search, its results in the side pane.
fn confirm(app: &mut App) {
    let Some(p) = app.modals.take_prompt() else {
        return;
    };
    // Enter goes to the first match there is: what arrived since is searched first.
    if app.search.as_ref().is_some_and(|s| s.query.text == p.text) {
        catch_up(app, usize::MAX);
    }
    let Some(mut state) = app
        .search
        .take()
        .filter(|s| s.query.text == p.text)
        .or_else(|| run(app, &p.text))
    else {
        app.reader = p.origin;
        return;
    };
    state.origin = Some(p.origin);
    if state.current.is_none() {
        state.current = first_from(&state, p.origin.cursor);
    }
    app.side.view = SideView::Results;
    app.side[SideView::Results].selected = 0;
    let hits = state.results.hits.len();
    if let Some(i) = state.current {
        // The status bar shows "match i/n" while the search is on.
        show_match(app, &state, i);
        app.message = None;
    } else if hits > 0 {
        app.info(format!("Not in the text; {hits} elsewhere (see Found)"));
    } else {
        app.error(format!("No match for “{}”", p.text));
        app.reader = p.origin;
    }
    app.search = Some(state);
}

/// Puts the cursor on match `i` and scrolls its line into view.
fn show_match(app: &mut App, state: &SearchState, i: usize) {
    let m = &state.results.text[i];
    app.reader.cursor = m.paragraph;
    super::reader::reveal_cursor(app);
    let item = app.flow.paragraph_item[m.paragraph];
    let layout = app.layout();
    let block = layout.block(item);
    let line = block
        .lines
        .iter()
        .position(|l| {
            l.segments.iter().any(|s| {
                s.src.start <= m.range.start && m.range.start < s.src.end.max(s.src.start + 1)
            })
        })
        .unwrap_or(0);
    let rows = app.text_view().rows;
    let target = Anchor { item, line };
    let visible = layout.visible(app.reader.top, rows);
    if !visible.contains(&target) {
        app.reader.top = layout.clamp_top(layout.up(target, rows / 3), rows);
    }
}

/// `n` and `N`: the next or previous match, wrapping around with a message.
pub fn step(app: &mut App, forward: bool) {
    // `n` goes by every match there is to find now: what arrived is searched first.
    catch_up(app, usize::MAX);
    let Some(mut state) = app.search.take() else {
        app.info_with_keys(
            "No search yet",
            &[(Context::Global, Action::Search, "searches")],
        );
        return;
    };
    let n = state.results.text.len();
    if n == 0 {
        app.error(format!("No match for “{}”", state.query.text));
        app.search = Some(state);
        return;
    }
    let cursor = app.reader.cursor;
    // From the current match if the cursor is still on it, else from the cursor.
    let here = state
        .current
        .filter(|&i| state.results.text[i].paragraph == cursor);
    let next = match (here, forward) {
        (Some(i), true) => i + 1,
        (Some(i), false) => i.wrapping_sub(1),
        (None, true) => state
            .results
            .text
            .partition_point(|t| t.paragraph <= cursor),
        (None, false) => state
            .results
            .text
            .partition_point(|t| t.paragraph < cursor)
            .wrapping_sub(1),
    };
    let (i, wrapped) = if next >= n {
        (if forward { 0 } else { n - 1 }, true)
    } else {
        (next, false)
    };
    state.current = Some(i);
    show_match(app, &state, i);
    let edge = if forward {
        "the end, continued at the top"
    } else {
        "the top, continued at the end"
    };
    if wrapped {
        app.info(format!("Search reached {edge}"));
    }
    app.search = Some(state);
}

/// Esc in the text with a search: back to where it started (the first time), then the
/// highlights go.
pub fn cancel(app: &mut App) -> bool {
    let Some(state) = app.search.as_mut() else {
        return false;
    };
    match state.origin.take() {
        Some(origin) => {
            app.reader = origin;
            app.info("Back where the search started");
        }
        None => app.search = None,
    }
    true
}

/// The reader moved by other means: Esc no longer takes it back.
pub fn moved_on(app: &mut App) {
    if let Some(s) = app.search.as_mut() {
        s.origin = None;
    }
}

/// Enter on a hit of the results list.
pub fn open_hit(app: &mut App, hit: usize) {
    let Some(h) = app
        .search
        .as_ref()
        .and_then(|s| s.results.hits.get(hit))
        .cloned()
    else {
        return;
    };
    match h.place {
        HitPlace::Text(p) => {
            let first = app
                .search
                .as_ref()
                .and_then(|s| s.results.text.iter().position(|t| t.paragraph == p));
            if let (Some(i), Some(state)) = (first, app.search.take()) {
                let mut state = state;
                state.current = Some(i);
                show_match(app, &state, i);
                app.search = Some(state);
            }
            app.focus = crate::action::Pane::Text;
        }
        HitPlace::Footnote(n) => {
            // Stand on the paragraph that cites it, with its popup open.
            let Some(p) = app
                .doc
                .paragraphs
                .iter()
                .position(|para| para.footnote_refs().any(|r| r == n))
            else {
                app.info(format!("Footnote {n} is cited only from other footnotes"));
                return;
            };
            app.reader.cursor = p;
            super::reader::reveal_cursor(app);
            super::reader::open_footnotes(app);
            if let Some(Popup::Footnotes { numbers, index, .. }) = app.popup.as_mut() {
                *index = numbers.iter().position(|&m| m == n).unwrap_or(0);
            }
            app.focus = crate::action::Pane::Text;
        }
        HitPlace::Glossary(e) => {
            app.popup = Some(Popup::Definitions {
                stack: vec![(vec![e], 0)],
                scroll: 0,
                typed: String::new(),
            });
        }
        HitPlace::Note(Some(p), _) => {
            app.reader.cursor = p;
            super::reader::reveal_cursor(app);
            app.focus = crate::action::Pane::Text;
        }
        HitPlace::Note(None, _) => {
            app.info("This note is detached: its paragraph is no longer in the article")
        }
    }
}

/// Other cards shown before a card answered "not yet" comes back.
const AGAIN_AFTER: usize = 3;

/// Opens the review, on the next card; it shows at most `review_cards` cards.
pub fn start_review(app: &mut App) {
    if app.doc.glossary.is_empty() {
        app.info("This article has no glossary to review");
        return;
    }
    let mut session = ReviewSession {
        entry: None,
        revealed: false,
        answered: 0,
        again: Vec::new(),
        limit: app.settings.review_cards.max(1),
    };
    session.entry = next_card(app, &session, crate::notes::now(), None);
    app.modals.open(Modal::Review(session));
}

/// The card after `just`: a "not yet" card whose turn has come, else the next card the
/// schedule gives, else a "not yet" card early; none once the session is at its limit.
fn next_card(app: &App, s: &ReviewSession, now: u64, just: Option<usize>) -> Option<usize> {
    if s.at_limit() {
        return None;
    }
    let back = s
        .again
        .iter()
        .find(|(e, at)| *at <= s.answered && Some(*e) != just)
        .map(|(e, _)| *e);
    back.or_else(|| {
        app.cards
            .next(&app.doc, now, just)
            .filter(|e| Some(*e) != just || s.again.is_empty())
    })
    .or_else(|| s.again.first().map(|(e, _)| *e))
}

/// Records the answer to the card on screen and turns to the next.
fn answer_card(app: &mut App, mut session: ReviewSession, e: usize, known: bool) {
    let now = crate::notes::now();
    let id = app.doc.glossary.entries[e].id.clone();
    app.cards.answer(&id, known, now);
    if let Err(err) = app.cards.save() {
        app.error(err);
    }
    session.answered += 1;
    session.again.retain(|(again, _)| *again != e);
    if !known {
        session.again.push((e, session.answered + AGAIN_AFTER));
    }
    session.entry = next_card(app, &session, now, Some(e));
    session.revealed = false;
    app.modals.open(Modal::Review(session));
}

/// Actions of the review.
pub fn review(app: &mut App, action: &Action) -> bool {
    let Some(session) = app.review() else {
        return false;
    };
    match action {
        Action::Cancel => {
            app.modals.close(ModalKind::Review);
            if session.answered > 0 {
                app.info(format!(
                    "Reviewed {}",
                    crate::notes::export::count(session.answered, "card", "cards")
                ));
            }
        }
        Action::Reveal => {
            if let Some(s) = app.modals.review_mut() {
                s.revealed = true;
            }
        }
        Action::Known | Action::NotYet => {
            let Some(e) = session.entry else { return true };
            if !session.revealed {
                // Answering before looking would be guessing: show the card first.
                if let Some(s) = app.modals.review_mut() {
                    s.revealed = true;
                }
                return true;
            }
            answer_card(app, session, e, *action == Action::Known);
        }
        // The app-wide keys still work over a card.
        Action::Quit
        | Action::Help
        | Action::Suspend
        | Action::Redraw
        | Action::ToggleTheme
        | Action::ToggleMouse => return false,
        _ => {}
    }
    true
}
