//! Validating a RON article's glossary: ids, terms, definitions, spellings no two entries
//! share, and see-also targets.

use std::collections::HashMap;

use super::{Validator, clean};
use crate::model::format::EntryFile;
use crate::model::glossary::{Glossary, GlossaryEntry, is_case_sensitive};
use crate::model::locate::Seg;

impl Validator<'_, '_> {
    /// The glossary, every entry checked.
    pub(super) fn glossary(&mut self, entries: &[EntryFile]) -> Glossary {
        let ids = self.glossary_spellings(entries);
        let out = entries
            .iter()
            .enumerate()
            .map(|(i, e)| self.glossary_entry(i, e, &ids))
            .collect();
        Glossary::new(out)
    }

    /// Checks every entry's id, term and definition, and that no two entries share an id or
    /// a spelling (by the glossary's case rule); the index of the entry with each id (the
    /// last, when two share one).
    fn glossary_spellings<'f>(&mut self, entries: &'f [EntryFile]) -> HashMap<&'f str, usize> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        // Spellings taken so far: exact (case-sensitive ones) and lowercased (all of them,
        // and separately the case-insensitive ones), to find two entries that would match
        // the same text.
        let mut exact: HashMap<String, &str> = HashMap::new();
        let mut folded_all: HashMap<String, &str> = HashMap::new();
        let mut folded_insensitive: HashMap<String, &str> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let at = |key: &'static str| [Seg::Key("glossary"), Seg::Index(i), Seg::Key(key)];
            self.check_id(&at("id"), &e.id, "glossary entry");
            if ids.insert(&e.id, i).is_some() {
                self.error(
                    &at("id"),
                    None,
                    format!("duplicate glossary entry id `{}`", e.id),
                );
            }
            if e.term.trim().is_empty() {
                self.error(
                    &at("term"),
                    None,
                    format!("glossary entry `{}` has an empty term", e.id),
                );
            }
            if e.definition.trim().is_empty() {
                self.error(
                    &at("definition"),
                    None,
                    format!("glossary entry `{}` has an empty definition", e.id),
                );
            }
            let all = std::iter::once((e.term.as_str(), at("term").to_vec())).chain(
                e.aliases.iter().enumerate().map(|(k, a)| {
                    (
                        a.as_str(),
                        vec![
                            Seg::Key("glossary"),
                            Seg::Index(i),
                            Seg::Key("aliases"),
                            Seg::Index(k),
                        ],
                    )
                }),
            );
            for (spelling, path) in all {
                if spelling.trim().is_empty() {
                    if path.len() > 3 {
                        self.error(
                            &path,
                            None,
                            format!("glossary entry `{}` has an empty alias", e.id),
                        );
                    }
                    continue;
                }
                let lower = spelling.to_lowercase();
                let owner = if is_case_sensitive(spelling) {
                    exact.get(spelling).or(folded_insensitive.get(&lower))
                } else {
                    folded_all.get(&lower)
                };
                if let Some(owner) = owner {
                    self.error(
                        &path,
                        None,
                        format!("`{spelling}` is already a spelling of glossary entry `{owner}`"),
                    );
                    continue;
                }
                if is_case_sensitive(spelling) {
                    exact.insert(spelling.to_owned(), &e.id);
                } else {
                    folded_insensitive.insert(lower.clone(), &e.id);
                }
                folded_all.insert(lower, &e.id);
            }
        }
        ids
    }

    /// Entry `i` of the glossary, its see-also targets resolved by `ids`.
    fn glossary_entry(
        &mut self,
        i: usize,
        e: &EntryFile,
        ids: &HashMap<&str, usize>,
    ) -> GlossaryEntry {
        let mut see_also = Vec::new();
        for (k, target) in e.see_also.iter().enumerate() {
            let path = [
                Seg::Key("glossary"),
                Seg::Index(i),
                Seg::Key("see_also"),
                Seg::Index(k),
            ];
            match ids.get(target.as_str()) {
                Some(&t) if t == i => {
                    self.error(
                        &path,
                        None,
                        format!("glossary entry `{}` lists itself in see_also", e.id),
                    );
                }
                Some(&t) => see_also.push(t),
                None => self.error(
                    &path,
                    None,
                    format!("see_also `{target}` names no glossary entry"),
                ),
            }
        }
        let (definition, r) = self.markup(
            &[Seg::Key("glossary"), Seg::Index(i), Seg::Key("definition")],
            &e.definition,
            &format!("glossary entry `{}`", e.id),
        );
        if let Some(&(n, offset)) = r.first() {
            self.error(
                &[Seg::Key("glossary"), Seg::Index(i), Seg::Key("definition")],
                Some(offset),
                format!("glossary definitions cannot hold footnote references ([^{n}])"),
            );
        }
        GlossaryEntry {
            id: e.id.clone(),
            term: clean(&e.term),
            aliases: e.aliases.iter().map(|a| clean(a)).collect(),
            definition,
            see_also,
            found_in_text: e.found_in_text,
        }
    }
}
