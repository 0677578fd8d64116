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
    let counts = app.cards.counts(&app.doc, crate::notes::now());
    let title = format!(
        " Review · {} due · {} new · {} later ",
        counts.due, counts.new, counts.later
    );
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
                "Nothing left to review: every term is known for now.",
                theme.heading,
            ));
            lines.push(Line::default());
            lines.push(Line::styled(
                format!("{} card(s) reviewed in this session.", session.answered),
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
            if let Some(card) = app.cards.card(&entry.id) {
                lines.push(Line::styled(
                    format!(
                        "box {} of 5 · reviewed {} time(s), known {}",
                        card.level, card.reviews, card.known
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
