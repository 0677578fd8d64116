//! A `Glossary` section's content as glossary entries, validated as the RON loader does.
//!
//! Two forms are read: a definition list (`Term` then `: definition` lines), and a list whose
//! every item starts with a strong term (`- **Term**: definition`, `**Term:**` or
//! `**Term** — definition`). A term may end in `(also: A, B)` to give aliases (separated by
//! `;` instead when an alias holds a comma), and the last paragraph of a definition may be
//! `See also: X, Y` (terms, aliases or ids of other entries).

use std::collections::{HashMap, HashSet};

use super::Note;
use super::build::Resolver;
use super::ids::slug;
use super::para::{push_code, push_piece};
use super::raw::{Piece, RawBlock, Role};
use crate::model::glossary::is_case_sensitive;
use crate::model::{BlockKind, GlossaryEntry, Inline, TextStyle};

/// An entry as written, before validation.
#[derive(Debug)]
pub(super) struct EntryDraft {
    /// The term.
    pub term: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// The definition.
    pub definition: Vec<Piece>,
    /// Names of related entries.
    pub see_also: Vec<String>,
    /// Byte offset of the term in the file.
    pub at: usize,
}

/// The entries of a glossary section, or why its content is not a glossary.
pub(super) fn entries(blocks: &[RawBlock]) -> Result<Vec<EntryDraft>, &'static str> {
    let mut drafts: Vec<EntryDraft> = Vec::new();
    let mut group = None;
    for block in blocks {
        match block.role {
            Role::Term(g) => {
                group = Some(g);
                let (term, aliases) = split_aliases(&plain(&block.pieces));
                drafts.push(EntryDraft {
                    term,
                    aliases,
                    definition: Vec::new(),
                    see_also: Vec::new(),
                    at: block.at,
                });
            }
            Role::Definition(g) if group == Some(g) => {
                if let Some(draft) = drafts.last_mut() {
                    append_block(&mut draft.definition, block);
                }
            }
            Role::Body if matches!(block.kind, BlockKind::Item { depth: 0, .. }) => {
                group = None;
                let draft = item_entry(block).ok_or(
                    "an item does not start with a strong term (`- **Term**: definition`)",
                )?;
                drafts.push(draft);
            }
            _ => {
                return Err(
                    "it holds more than a definition list or a list of `**Term**: definition` items",
                );
            }
        }
    }
    for draft in &mut drafts {
        split_see_also(draft);
    }
    Ok(drafts)
}

/// The visible text of pieces (footnote references left out).
pub(super) fn plain(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        if let Piece::Inline(inline) = piece
            && !matches!(inline, Inline::FootnoteRef { .. })
        {
            out.push_str(&inline.plain_text());
        }
    }
    out
}

/// A block of a definition, after a line break when the definition has text already.
fn append_block(definition: &mut Vec<Piece>, block: &RawBlock) {
    if !definition.is_empty() {
        definition.push(Piece::Inline(Inline::LineBreak));
    }
    if let BlockKind::Item { marker, .. } = &block.kind {
        definition.push(Piece::Inline(Inline::Text {
            text: format!("{marker} "),
            style: TextStyle::default(),
        }));
    }
    for piece in &block.pieces {
        match piece {
            // A code block's lines, as code, one per line.
            Piece::Inline(Inline::Text { text, .. }) if block.kind == BlockKind::Code => {
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        definition.push(Piece::Inline(Inline::LineBreak));
                    }
                    push_code(definition, line, TextStyle::default());
                }
            }
            other => push_piece(definition, other.clone()),
        }
    }
}

/// `**Term**: definition` and its variants.
fn item_entry(block: &RawBlock) -> Option<EntryDraft> {
    let mut pieces = block.pieces.iter();
    let Some(Piece::Inline(Inline::Text { text: term, style })) = pieces.next() else {
        return None;
    };
    if !style.strong || style.code {
        return None;
    }
    let rest: Vec<Piece> = pieces.cloned().collect();
    let mut term = term.trim().to_owned();
    let mut rest = rest.into_iter().peekable();
    let mut head = match rest.peek() {
        Some(Piece::Inline(Inline::Text { text, style })) if !style.strong => {
            let text = text.clone();
            rest.next();
            text
        }
        _ => String::new(),
    };
    if let Some(t) = term.strip_suffix(':') {
        term = t.trim_end().to_owned();
    } else {
        // Aliases may stand between the term and the separator.
        let trimmed = head.trim_start();
        if trimmed.starts_with("(also:")
            && let Some(close) = trimmed.find(')')
        {
            term = format!("{term} {}", &trimmed[..=close]);
            head = trimmed[close + 1..].to_owned();
        }
        let trimmed = head.trim_start();
        let sep = [":", "—", "–", "-"]
            .into_iter()
            .find(|s| trimmed.starts_with(s))?;
        head = trimmed[sep.len()..].to_owned();
    }
    let mut definition = Vec::new();
    push_piece(
        &mut definition,
        Piece::Inline(Inline::Text {
            text: head.trim_start().to_owned(),
            style: TextStyle::default(),
        }),
    );
    for piece in rest {
        push_piece(&mut definition, piece);
    }
    let (term, aliases) = split_aliases(&term);
    Some(EntryDraft {
        term,
        aliases,
        definition,
        see_also: Vec::new(),
        at: block.at,
    })
}

/// `Term (also: A, B)` → (`Term`, [`A`, `B`]).
fn split_aliases(term: &str) -> (String, Vec<String>) {
    let term = term.trim();
    if let Some(body) = term.strip_suffix(')')
        && let Some(open) = body.to_ascii_lowercase().rfind("(also:")
    {
        let list = &body[open + "(also:".len()..];
        return (body[..open].trim().to_owned(), split_list(list));
    }
    (term.to_owned(), Vec::new())
}

/// Names separated by `;` when there is one, else by `,`.
fn split_list(list: &str) -> Vec<String> {
    let sep = if list.contains(';') { ';' } else { ',' };
    list.split(sep)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Takes a final `See also: …` line out of the definition.
fn split_see_also(draft: &mut EntryDraft) {
    let start = draft
        .definition
        .iter()
        .rposition(|p| matches!(p, Piece::Inline(Inline::LineBreak)))
        .map_or(0, |i| i + 1);
    let last = plain(&draft.definition[start..]);
    let trimmed = last.trim();
    let Some(prefix) = trimmed.get(..9) else {
        return;
    };
    if !prefix.eq_ignore_ascii_case("see also:") {
        return;
    }
    let names = trimmed[9..].trim().trim_end_matches('.');
    draft.see_also = split_list(names);
    draft.definition.truncate(start.saturating_sub(1));
}

/// Validates entries by the rules of the RON loader (no spelling shared by two entries, a
/// definition, known see-also targets); a broken one is left out with a warning.
pub(super) fn glossary_entries(
    drafts: Vec<EntryDraft>,
    resolver: &Resolver,
    notes: &mut Vec<Note>,
) -> (Vec<GlossaryEntry>, Vec<usize>) {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    let mut entry_at = Vec::new();
    let mut see_also_names = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut spellings = Spellings::default();
    for draft in drafts {
        let clean = |s: &str| crate::sanitize::clean_line(s.trim()).into_owned();
        let term = clean(&draft.term);
        let definition = resolver.inlines(draft.definition, Some("a glossary definition"), notes);
        if term.is_empty() || definition.iter().all(|i| i.plain_text().trim().is_empty()) {
            notes.push(Note::warning(
                draft.at,
                format!("glossary entry `{term}` has no term or no definition; it is left out"),
                None,
            ));
            continue;
        }
        let index = entries.len();
        if let Some(o) = spellings.owner(&term) {
            notes.push(Note::warning(
                draft.at,
                format!(
                    "glossary term `{term}` is already a spelling of entry `{}`; this entry is left out",
                    entries[o].term
                ),
                None,
            ));
            continue;
        }
        spellings.insert(&term, index);
        let mut aliases = Vec::new();
        for alias in draft.aliases.iter().map(|a| clean(a)) {
            match spellings.owner(&alias) {
                Some(o) => notes.push(Note::warning(
                    draft.at,
                    format!(
                        "alias `{alias}` is already a spelling of glossary entry `{}`; it is left out",
                        entries.get(o).map_or(term.as_str(), |e| e.term.as_str())
                    ),
                    None,
                )),
                None if alias.is_empty() => {}
                None => {
                    spellings.insert(&alias, index);
                    aliases.push(alias);
                }
            }
        }
        let id = unique_id(&term, &mut ids);
        see_also_names.push((draft.see_also, draft.at));
        entry_at.push(draft.at);
        entries.push(GlossaryEntry {
            id,
            term,
            aliases,
            definition,
            see_also: Vec::new(),
            found_in_text: false,
        });
    }
    link_see_also(&mut entries, see_also_names, notes);
    (entries, entry_at)
}

/// An id for the entry of `term`, from its slug, that none of `ids` is (and is then added).
pub(super) fn unique_id(term: &str, ids: &mut HashSet<String>) -> String {
    let base = slug(term, 64);
    let base = if base.is_empty() {
        "entry".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Resolves each entry's see-also names (with the offset of its term): a name matches a
/// term, an alias or an id, in any case; one that names no entry, or the entry itself, is
/// left out with a warning.
fn link_see_also(
    entries: &mut [GlossaryEntry],
    see_also_names: Vec<(Vec<String>, usize)>,
    notes: &mut Vec<Note>,
) {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for name in e.spellings().chain(std::iter::once(e.id.as_str())) {
            by_name.entry(name.to_lowercase()).or_insert(i);
        }
    }
    for (i, (names, at)) in see_also_names.into_iter().enumerate() {
        for name in names {
            match by_name.get(&name.to_lowercase()) {
                Some(&t) if t != i => {
                    if !entries[i].see_also.contains(&t) {
                        entries[i].see_also.push(t);
                    }
                }
                Some(_) => notes.push(Note::warning(
                    at,
                    format!(
                        "glossary entry `{}` lists itself under “See also”",
                        entries[i].term
                    ),
                    None,
                )),
                None => notes.push(Note::warning(
                    at,
                    format!("“See also: {name}” names no glossary entry"),
                    None,
                )),
            }
        }
    }
}

/// Spellings taken so far, by the glossary's case rule (see [`is_case_sensitive`]): two
/// spellings clash when one entry's would match the other's text.
#[derive(Default)]
struct Spellings {
    exact: HashMap<String, usize>,
    folded_all: HashMap<String, usize>,
    folded_insensitive: HashMap<String, usize>,
}

impl Spellings {
    fn owner(&self, spelling: &str) -> Option<usize> {
        let lower = spelling.to_lowercase();
        if is_case_sensitive(spelling) {
            self.exact
                .get(spelling)
                .or(self.folded_insensitive.get(&lower))
                .copied()
        } else {
            self.folded_all.get(&lower).copied()
        }
    }

    fn insert(&mut self, spelling: &str, entry: usize) {
        let lower = spelling.to_lowercase();
        if is_case_sensitive(spelling) {
            self.exact.insert(spelling.to_owned(), entry);
        } else {
            self.folded_insensitive.insert(lower.clone(), entry);
        }
        self.folded_all.insert(lower, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_split_on_semicolons_when_present() {
        assert_eq!(
            split_aliases("DPRK (also: North Korea, Pyongyang)"),
            (
                "DPRK".into(),
                vec!["North Korea".into(), "Pyongyang".into()]
            )
        );
        assert_eq!(
            split_aliases("CVID (Also: complete, verifiable;)"),
            ("CVID".into(), vec!["complete, verifiable".into()])
        );
        assert_eq!(
            split_aliases("Yongbyon + X"),
            ("Yongbyon + X".into(), vec![])
        );
    }
}
