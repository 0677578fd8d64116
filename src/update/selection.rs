//! Selecting text from the keyboard, highlighting it, and copying it as a quotation with
//! its citation (OSC 52 through the app's outbox; `Y` into the quotes file as well).

use crate::action::Action;
use crate::app::selection::{Motion, Selection};
use crate::app::{App, Modal, ModalKind, NoteEditor, TermCommand};
use crate::layout::Anchor;
use crate::notes::now;

/// Largest quotes file read before a quotation is added to it.
const MAX_QUOTES_BYTES: u64 = 16 << 20;

/// `v`: selects the first word of the current paragraph.
pub fn start(app: &mut App) {
    match Selection::start(&app.doc, app.reader.cursor) {
        Some(sel) => {
            app.modals.open(Modal::Selection(sel));
            say_selected(app);
        }
        None => app.error("Nothing to select: this paragraph has no words"),
    }
}

/// The selection's keys; false for what it leaves to the panes and `global`.
pub fn update(app: &mut App, action: &Action) -> bool {
    let motion = match action {
        Action::SelectWordForward => Motion::WordForward,
        Action::SelectWordBack => Motion::WordBack,
        Action::SelectWordEnd => Motion::WordEnd,
        Action::SelectSentenceForward => Motion::SentenceForward,
        Action::SelectSentenceBack => Motion::SentenceBack,
        Action::SelectParagraphDown => Motion::ParagraphDown,
        Action::SelectParagraphUp => Motion::ParagraphUp,
        Action::Highlight(colour) => {
            highlight(app, *colour);
            return true;
        }
        Action::NoteHighlight => {
            note_highlight(app);
            return true;
        }
        Action::AddTerm => {
            // The selected words become the term of a new glossary entry of yours.
            let term = app.modals.selection().map(|sel| sel.text(&app.doc));
            app.modals.close(ModalKind::Selection);
            crate::update::terms::begin_add(app, term);
            return true;
        }
        Action::CopyQuote | Action::SaveQuote => {
            copy(app, *action == Action::SaveQuote);
            app.modals.close(ModalKind::Selection);
            return true;
        }
        // Moving elsewhere ends the selection; the action is then done as usual.
        Action::FocusNext
        | Action::FocusPrev
        | Action::Focus(_)
        | Action::Search
        | Action::Command
        | Action::Review
        | Action::FootnoteList => {
            app.modals.close(ModalKind::Selection);
            return false;
        }
        Action::Cancel | Action::SelectText => {
            app.modals.close(ModalKind::Selection);
            app.info("Selection cancelled");
            return true;
        }
        _ => return false,
    };
    let Some(sel) = app.modals.selection_mut() else {
        return false;
    };
    if !sel.extend(&app.doc, motion) {
        app.info("The selection cannot go further that way");
        return true;
    }
    show_head(app);
    say_selected(app);
    true
}

/// The status bar says what is selected and the keys that use it.
fn say_selected(app: &mut App) {
    let Some(sel) = app.modals.selection() else {
        return;
    };
    let (words, paragraphs) = sel.size(&app.doc);
    let key = |app: &App, a: Action| {
        app.keymap
            .keys_for(crate::keymap::Context::Selection, &a)
            .first()
            .cloned()
            .unwrap_or_default()
    };
    let text = format!(
        "Selected {}, {} · {} highlights, {} copies, {} cancels",
        crate::notes::export::count(words, "word", "words"),
        crate::notes::export::count(paragraphs, "paragraph", "paragraphs"),
        key(app, Action::Highlight(1)),
        key(app, Action::CopyQuote),
        key(app, Action::Cancel),
    );
    app.info(text);
}

/// Scrolls the text so the line that holds the selection's moving end is on screen; the
/// current paragraph follows it.
fn show_head(app: &mut App) {
    let Some(head) = app.modals.selection().map(|s| s.head) else {
        return;
    };
    app.reader.cursor = head.paragraph;
    let item = app.flow.paragraph_item[head.paragraph];
    let rows = app.text_view().rows.max(1);
    let layout = app.layout();
    let block = layout.block(item);
    let line = block
        .lines
        .iter()
        .position(|l| l.segments.iter().any(|s| s.src.contains(&head.offset)))
        .unwrap_or(0);
    let at = Anchor { item, line };
    let top = app.reader.top;
    let new_top = if at < top {
        at
    } else if layout.down(top, rows - 1) < at {
        layout.up(at, rows - 1)
    } else {
        top
    };
    app.reader.top = layout.clamp_top(new_top, rows);
}

/// Highlights the selection (one highlight per paragraph it covers) and closes it.
/// Returns the key of the first highlight made.
fn highlight(app: &mut App, colour: u8) -> Option<crate::notes::highlights::HighlightKey> {
    let sel = *app.modals.selection()?;
    let pieces = sel.pieces(&app.doc);
    let mut first = None;
    for (p, range) in &pieces {
        match app
            .notes
            .add_highlight(&app.doc, *p, range.clone(), colour, now())
        {
            Ok(key) => {
                first.get_or_insert(key);
            }
            Err(e) => {
                app.error(format!("{e}"));
                return None;
            }
        }
    }
    app.modals.close(ModalKind::Selection);
    if super::notes::save_notes(app) {
        let colour = colour.clamp(1, crate::notes::highlights::COLOURS);
        app.info(if pieces.len() == 1 {
            format!("Highlighted in colour {colour}")
        } else {
            format!(
                "Highlighted in colour {colour}: {} (one per paragraph)",
                crate::notes::export::count(pieces.len(), "highlight", "highlights")
            )
        });
    }
    first
}

/// `a` on a selection: highlights it (a highlight of the same words keeps its colour), and
/// opens the note editor on the highlight's note.
fn note_highlight(app: &mut App) {
    let Some(sel) = app.modals.selection().copied() else {
        return;
    };
    let colour = sel
        .pieces(&app.doc)
        .first()
        .and_then(|(p, r)| {
            app.notes
                .highlights_in(*p)
                .iter()
                .find(|e| e.at.as_ref().is_some_and(|s| s.range == *r))
        })
        .map_or(1, |e| e.highlight.colour);
    let Some(key) = highlight(app, colour) else {
        return;
    };
    let text = app
        .notes
        .highlight(&key)
        .map(|e| crate::sanitize::clean(&e.highlight.note).into_owned())
        .unwrap_or_default();
    let at = app.notes.highlight(&key).and_then(|e| e.at.as_ref());
    let p = at.map_or(app.reader.cursor, |s| s.paragraph);
    let mut editor = NoteEditor::new(p, &text);
    editor.highlight = Some(key);
    app.modals.open(Modal::Editor(editor));
    super::reader::reveal_cursor(app);
}

/// `y` (and `Y`): the selection, or the current paragraph when there is none, as a
/// quotation with its citation, to the clipboard by OSC 52; with `save`, added to the
/// article's quotes file too.
pub fn copy(app: &mut App, save: bool) {
    let (p, quote) = match app.modals.selection() {
        Some(sel) => match sel.pieces(&app.doc).first() {
            Some(&(p, _)) => (p, sel.text(&app.doc)),
            None => return app.error("Nothing is selected"),
        },
        None => match app.doc.paragraphs.get(app.reader.cursor) {
            Some(para) => (app.reader.cursor, para.plain_text().trim().to_owned()),
            None => return app.error("No paragraph to copy: the article has only headings"),
        },
    };
    let quotation = crate::cite::quotation(
        &app.doc,
        p,
        &crate::sanitize::clean(&quote),
        app.settings.citation_style,
    );
    app.outbox
        .push(TermCommand::CopyToClipboard(quotation.clone()));
    let copied =
        "Copied with its citation (by OSC 52: some terminals ignore it; in tmux, set-clipboard on)";
    if !save {
        app.info(copied);
        return;
    }
    let path = quotes_path(app);
    match append_quote(&path, &quotation) {
        Ok(()) => app.info(format!("Added to {} and copied (OSC 52)", path.display())),
        Err(e) => app.error(format!("Copied, but not added to {}: {e}", path.display())),
    }
}

/// Where `Y` adds quotations: `<data dir>/quotes/<article>.md`, or beside the exports
/// when lectern runs without a data directory.
pub fn quotes_path(app: &App) -> std::path::PathBuf {
    let id = &app.doc.meta.id;
    match app.notes.path().and_then(|p| p.parent()?.parent()) {
        Some(data_dir) => data_dir.join("quotes").join(format!("{id}.md")),
        None => app.export_dir.join(format!("{id}-quotes.md")),
    }
}

/// Adds `quotation` as a paragraph at the end of the file at `path`, durably; a file that
/// cannot be read is left as it is.
fn append_quote(path: &std::path::Path, quotation: &str) -> Result<(), String> {
    let mut text = if path.exists() {
        crate::diag::read_text_file(path, MAX_QUOTES_BYTES).map_err(|e| e.to_string())?
    } else {
        String::new()
    };
    if !text.is_empty() && !text.ends_with("\n\n") {
        text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
    }
    text.push_str(quotation);
    text.push('\n');
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    crate::durable::write(path, text.as_bytes(), true).map_err(|e| e.to_string())
}
