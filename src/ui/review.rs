//! The glossary review: a flash card over the reader.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::put_line;
use super::theme::Theme;
use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;
use crate::layout::wrap::{MarkerStyle, WrapSpec, wrap};
use crate::model::Inline;

/// Draws the review card.
pub fn draw(buf: &mut Buffer, app: &App, theme: &Theme) {
    let Some(session) = app.review() else { return };
    let r = crate::geometry::overlay::review_area(app.area).intersection(buf.area);
    if r.width < 8 || r.height < 4 {
        return;
    }
    let title = title(app, &session);
    let inner = super::overlay(buf, r, title, theme);
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(1),
    );
    let width = usize::from(body.width).max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let hint_items: &[(Action, &str)] = match session.entry {
        None => {
            lines.push(Line::styled(
                if session.at_limit() {
                    "That is all for this session (review_cards in config.ron sets how many)."
                } else {
                    "Nothing left to review: every term is known for now."
                },
                theme.heading,
            ));
            lines.push(Line::default());
            lines.push(Line::styled(
                format!(
                    "{} reviewed in this session.",
                    crate::notes::export::count(session.answered, "card", "cards")
                ),
                theme.dim,
            ));
            &[(Action::Cancel, "close")]
        }
        Some(e) => {
            let entry = &app.doc.glossary.entries[e];
            lines.push(Line::styled(
                entry.term.clone(),
                theme.heading.add_modifier(Modifier::BOLD),
            ));
            if entry.is_personal() {
                let at = lines.len() - 1;
                lines[at].push_span(Span::styled(" · your own entry", theme.dim));
            }
            if let Some(card) = app.cards.card(&entry.id) {
                lines.push(Line::styled(
                    format!(
                        "box {} of 5 · reviewed {}, known {}",
                        card.level,
                        crate::notes::export::count(card.reviews as usize, "time", "times"),
                        card.known
                    ),
                    theme.dim,
                ));
            } else {
                lines.push(Line::styled("new", theme.dim));
            }
            lines.push(Line::default());
            if session.revealed {
                lines.extend(revealed_lines(app, e, width, theme));
                &[
                    (Action::Known, "known"),
                    (Action::NotYet, "not yet"),
                    (Action::Cancel, "close"),
                ]
            } else {
                lines.push(Line::styled(
                    "Do you know it? Think, then show the definition.",
                    theme.dim,
                ));
                &[(Action::Reveal, "show"), (Action::Cancel, "close")]
            }
        }
    };
    for (row, l) in lines.iter().take(usize::from(body.height)).enumerate() {
        put_line(buf, body, row as u16, l);
    }
    let mut hint = super::hints(app, Context::Review, hint_items, theme);
    hint.spans.insert(0, Span::raw(""));
    put_line(
        buf,
        Rect::new(
            body.x,
            inner.y + inner.height.saturating_sub(1),
            body.width,
            1,
        ),
        0,
        &hint,
    );
}

/// The card's title: which card of the session is on screen, and how many terms are due
/// (a card answered "not yet" is due again in the session) and new.
fn title(app: &App, session: &crate::app::ReviewSession) -> String {
    let now = crate::notes::now();
    let entries = &app.doc.glossary.entries;
    let (mut due, mut new) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        let again = session.again.iter().any(|(a, _)| *a == i) || session.entry == Some(i);
        match app.cards.card(&e.id) {
            None => new += 1,
            Some(card) if card.due <= now || again => due += 1,
            Some(_) => {}
        }
    }
    match session.entry {
        Some(_) => {
            let total = session.limit.min(session.answered + due + new);
            format!(
                " Review · card {} of {total} · {due} due · {new} new ",
                session.answered + 1
            )
        }
        None => format!(" Review · {due} due · {new} new "),
    }
}

/// The back of the card: the definition, and the term's first sentence in the text.
fn revealed_lines(app: &App, e: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let entry = &app.doc.glossary.entries[e];
    let mut lines = Vec::new();
    let spec = WrapSpec {
        width,
        first_prefix: String::new(),
        rest_prefix: String::new(),
        preformatted: false,
        markers: MarkerStyle::Brackets,
    };
    for l in wrap(&entry.definition, &[], &spec) {
        lines.push(super::styled_line(&l, theme.popup, theme));
    }
    if let Some((sentence, range)) = crate::notes::review::first_sentence(&app.doc, e) {
        lines.push(Line::default());
        lines.push(Line::styled("First in the text:", theme.dim));
        let text = vec![Inline::Text {
            text: format!("“{sentence}”"),
            style: Default::default(),
        }];
        // The term's place, shifted past the opening quote mark.
        let open = "“".len();
        let terms = [crate::model::TermMatch {
            range: range.start + open..range.end + open,
            entry: e,
        }];
        for l in wrap(&text, &terms, &spec) {
            lines.push(super::styled_line(
                &l,
                theme.popup.add_modifier(Modifier::ITALIC),
                theme,
            ));
        }
    }
    lines
}
