//! Footnotes in HTML, shared by saved pages and EPUB books: finds the note references
//! and the notes they point to, across every document of a book, before anything else
//! (reader mode would strip the `aside` and `footer` holding them). Each reference is
//! replaced by a placeholder that [`super::html_walk`] turns back into a reference; each
//! note is read into a footnote and removed from the reading flow.
//!
//! References: `epub:type="noteref"`, `role="doc-noteref"`, Wikipedia's `sup.reference`,
//! Pandoc's and markdown-it's `footnote-ref`, Substack's `footnote-anchor`, and as a
//! fallback a superscript link to an element inside a notes section. A note referenced
//! twice is one footnote; a back-link inside a note is dropped.

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};

use super::html_walk::{HtmlWalker, LinkResolver, ref_placeholder};
use super::raw::RawFootnote;

/// One HTML document of a page or book.
pub(super) struct NoteSource<'d> {
    /// The parsed document.
    pub doc: &'d Document,
    /// Its path inside the book (`""` for a page): ids are keyed `member#id`.
    pub member: &'d str,
    /// Everything in it is notes (an EPUB spine item marked `linear="no"`).
    pub notes_item: bool,
    /// The `at` of its footnotes.
    pub at: usize,
}

/// The notes found, as the build wants them.
#[derive(Debug, Default)]
pub(super) struct FoundNotes {
    /// Each label (`member#id`, or the id on a page).
    pub labels: Vec<String>,
    /// One footnote per label, in label order.
    pub footnotes: Vec<RawFootnote>,
    /// The footnote of each label (the same index).
    pub first_def: Vec<Option<usize>>,
}

/// Drops the headings left with nothing after them at the end of `blocks` (a page, or a
/// chapter of a book) once its notes were taken out: a "Notes" heading over the list that
/// became footnotes would otherwise be an empty section at the end.
pub(super) fn drop_emptied_headings(blocks: &mut Vec<super::raw::RawBlock>) {
    while blocks
        .last()
        .is_some_and(|b| matches!(b.role, super::raw::Role::Heading(_)))
    {
        blocks.pop();
    }
}

/// Where a link points: `(member, href)` to the `member#id` key of its target, if it is
/// inside the page or book.
pub(super) type TargetKey<'a> = &'a dyn Fn(&str, &str) -> Option<String>;

struct Candidate {
    source: usize,
    node: NodeId,
    key: String,
    strong: bool,
}

/// Finds the references and notes of `sources`, replaces each reference with a
/// placeholder and removes each note from its document. A reference whose target is not
/// among `sources` but `not_read` says is in a document not read yet (the rest of a book
/// whose first chapters are previewed) is removed, so that its paragraph reads as it will
/// once the note is there.
pub(super) fn collect(
    sources: &[NoteSource],
    target_key: TargetKey,
    resolve: LinkResolver,
    not_read: &dyn Fn(&str) -> bool,
) -> FoundNotes {
    let mut ids: HashMap<String, (usize, NodeId)> = HashMap::new();
    let mut candidates = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        for node in source.doc.root().descendants_it() {
            if !node.is_element() {
                continue;
            }
            if let Some(id) = node.attr("id") {
                ids.entry(format!("{}#{}", source.member, id.trim()))
                    .or_insert((i, node.id));
            }
            if node.has_name("a")
                && let Some(strong) = ref_strength(&node)
                && let Some(href) = node.attr("href")
                && let Some(key) = target_key(source.member, href.trim())
            {
                candidates.push(Candidate {
                    source: i,
                    node: node.id,
                    key,
                    strong,
                });
            }
        }
    }
    let mut found = FoundNotes::default();
    let mut targets: Vec<(usize, NodeId)> = Vec::new();
    let mut label_of: HashMap<(usize, NodeId), usize> = HashMap::new();
    let mut accepted: Vec<(usize, NodeId, usize)> = Vec::new();
    let mut ref_keys: HashSet<String> = HashSet::new();
    let mut unread_refs: Vec<(usize, NodeId)> = Vec::new();
    for c in &candidates {
        let Some(&(ti, tid)) = ids.get(&c.key) else {
            if not_read(&c.key) {
                unread_refs.push((c.source, c.node));
            }
            continue;
        };
        let Some(target) = sources[ti].doc.tree.get(&tid) else {
            continue;
        };
        let Some(reference) = sources[c.source].doc.tree.get(&c.node) else {
            continue;
        };
        let own = ti == c.source && target.descendants_it().any(|d| d.id == c.node);
        // A superscript link inside a note is its back-link, not a reference.
        let weak_ok =
            !is_note_like(&reference, false) && is_note_like(&target, sources[ti].notes_item);
        if own || !(c.strong || weak_ok) {
            continue;
        }
        let target = note_container(target);
        let label = *label_of.entry((ti, target.id)).or_insert_with(|| {
            found.labels.push(c.key.trim_start_matches('#').to_owned());
            targets.push((ti, target.id));
            found.labels.len() - 1
        });
        for node in std::iter::once(reference).chain(reference.parent()) {
            if let Some(id) = node.attr("id") {
                ref_keys.insert(format!("{}#{}", sources[c.source].member, id.trim()));
            }
        }
        accepted.push((c.source, c.node, label));
    }
    add_unreferenced(sources, &mut targets, &mut found.labels, &label_of);
    for &(source, node, label) in &accepted {
        replace_ref(sources[source].doc, node, label);
    }
    for &(source, node) in &unread_refs {
        if let Some(outer) = reference_of(sources[source].doc, node) {
            outer.remove_from_parent();
        }
    }
    let labels = found.labels.len();
    for (label, &(ti, tid)) in targets.iter().enumerate() {
        let source = &sources[ti];
        let Some(node) = source.doc.tree.get(&tid) else {
            continue;
        };
        drop_backlinks(&node, source.member, target_key, &ref_keys);
        let pieces = HtmlWalker::note_pieces(resolve, labels, &node);
        node.remove_from_parent();
        found.footnotes.push(RawFootnote {
            pieces,
            at: source.at,
        });
        found.first_def.push(Some(label));
    }
    for source in sources {
        remove_empty_note_sections(source.doc);
    }
    found
}

/// Typed notes nothing references: footnotes too (the build warns and leaves them out),
/// so that they leave the reading flow.
fn add_unreferenced(
    sources: &[NoteSource],
    targets: &mut Vec<(usize, NodeId)>,
    labels: &mut Vec<String>,
    label_of: &HashMap<(usize, NodeId), usize>,
) {
    for (i, source) in sources.iter().enumerate() {
        for node in source.doc.root().descendants_it() {
            if node.is_element() && is_typed_note(&node) && !label_of.contains_key(&(i, node.id)) {
                let id = node.attr("id").map(|s| s.to_string()).unwrap_or_default();
                labels.push(
                    format!("{}#{id}", source.member)
                        .trim_start_matches('#')
                        .to_owned(),
                );
                targets.push((i, node.id));
            }
        }
    }
}

/// Whether a link is a note reference: `Some(true)` when it says so, `Some(false)` when it
/// only looks like one (a superscript), `None` when it is neither.
fn ref_strength(a: &NodeRef) -> Option<bool> {
    let parent = a.parent().filter(NodeRef::is_element);
    let said = has_token(a, "class", &["footnote-ref", "footnote-anchor", "noteref"])
        || has_token(a, "role", &["doc-noteref"])
        || has_token(a, "epub:type", &["noteref"])
        || parent.as_ref().is_some_and(|p| {
            p.has_name("sup") && has_token(p, "class", &["reference", "footnote-ref"])
        });
    if said {
        return Some(true);
    }
    let sup_inside = a.element_children().iter().any(|c| c.has_name("sup"));
    let sup_around = parent.is_some_and(|p| p.has_name("sup"));
    (sup_inside || sup_around).then_some(false)
}

/// Whether the attribute `name` of `node` holds one of `tokens` (space-separated, any
/// case).
fn has_token(node: &NodeRef, name: &str, tokens: &[&str]) -> bool {
    node.attr(name).is_some_and(|value| {
        value
            .split_ascii_whitespace()
            .any(|t| tokens.iter().any(|w| t.eq_ignore_ascii_case(w)))
    })
}

/// A note by its type: `epub:type` footnote / endnote / rearnote / note, `role`
/// doc-footnote / doc-endnote.
fn is_typed_note(node: &NodeRef) -> bool {
    has_token(
        node,
        "epub:type",
        &["footnote", "endnote", "rearnote", "note"],
    ) || has_token(node, "role", &["doc-footnote", "doc-endnote"])
}

/// Whether `node` is a note or inside a notes section (for the superscript fallback).
fn is_note_like(node: &NodeRef, notes_item: bool) -> bool {
    notes_item
        || std::iter::once(*node)
            .chain(node.ancestors_it(Some(12)))
            .any(|n| n.is_element() && (is_typed_note(&n) || is_notes_section(&n)))
}

/// A section holding notes: typed so, or with a class or id naming notes or references.
fn is_notes_section(node: &NodeRef) -> bool {
    let named = |attr: &str| {
        node.attr(attr).is_some_and(|v| {
            v.split_ascii_whitespace().any(|t| {
                let t = t.to_ascii_lowercase();
                ["footnote", "endnote", "notes", "references", "reflist"]
                    .iter()
                    .any(|w| t.contains(w))
            })
        })
    };
    has_token(node, "epub:type", &["footnotes", "endnotes", "rearnotes"])
        || has_token(node, "role", &["doc-endnotes", "doc-footnotes"])
        || named("class")
        || named("id")
}

/// The element that holds a note's text: a short anchor carrying the id (Substack's
/// `a.footnote-number`) stands for its parent.
fn note_container(target: NodeRef) -> NodeRef {
    let short = target.text().trim().chars().count() <= 6;
    if short
        && (target.has_name("a") || target.has_name("span") || target.has_name("sup"))
        && let Some(parent) = target
            .parent()
            .filter(|p| p.is_element() && !p.has_name("body"))
    {
        return parent;
    }
    target
}

/// Replaces the reference `node` (with the `sup` around it, if that holds nothing else) by
/// the placeholder of `label`.
fn replace_ref(doc: &Document, node: NodeId, label: usize) {
    let Some(outer) = reference_of(doc, node) else {
        return;
    };
    let placeholder = doc.tree.new_text(ref_placeholder(label));
    outer.replace_with(&placeholder);
}

/// The reference link `node`, or the superscript that holds only it.
fn reference_of(doc: &Document, node: NodeId) -> Option<NodeRef<'_>> {
    let a = doc.tree.get(&node)?;
    Some(
        a.parent()
            .filter(|p| p.has_name("sup") && p.text().trim() == a.text().trim())
            .unwrap_or(a),
    )
}

/// Removes a note's links back to its reference.
fn drop_backlinks(note: &NodeRef, member: &str, target_key: TargetKey, ref_keys: &HashSet<String>) {
    let doomed: Vec<NodeRef> = note
        .descendants_it()
        .filter(|n| n.is_element())
        .filter(|n| {
            has_token(
                n,
                "class",
                &[
                    "mw-cite-backlink",
                    "footnote-back",
                    "footnote-backref",
                    "footnote-number",
                ],
            ) || has_token(n, "role", &["doc-backlink"])
                || has_token(n, "epub:type", &["backlink"])
                || (n.has_name("a")
                    && n.attr("href")
                        .and_then(|h| target_key(member, h.trim()))
                        .is_some_and(|k| ref_keys.contains(&k)))
        })
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Removes notes sections left with no text (Pandoc's `section.footnotes`, Wikipedia's
/// `ol.references`).
fn remove_empty_note_sections(doc: &Document) {
    let doomed: Vec<NodeRef> = doc
        .root()
        .descendants_it()
        .filter(|n| {
            n.is_element() && is_notes_section(n) && !n.has_name("body") && !n.has_name("html")
        })
        .filter(|n| n.text().trim().is_empty())
        .collect();
    for node in doomed {
        if let Some(heading) = node.prev_element_sibling().filter(is_notes_heading) {
            heading.remove_from_parent();
        }
        node.remove_from_parent();
    }
}

/// A heading (or a wrapper holding only one) titled like a notes section.
fn is_notes_heading(node: &NodeRef) -> bool {
    const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
    let heading = HEADINGS.iter().any(|h| node.has_name(h))
        || matches!(node.element_children().as_slice(), [only] if HEADINGS.iter().any(|h| only.has_name(h)));
    let title = node.text().trim().to_lowercase();
    heading
        && matches!(
            title.as_str(),
            "notes"
                | "footnotes"
                | "endnotes"
                | "references"
                | "citations"
                | "notes and references"
        )
}
