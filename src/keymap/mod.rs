//! Keymaps: per-context bindings of key sequences to [`Action`]s, loaded from RON, merged
//! with the user's file, validated with `path:line:col` errors.

pub mod help;
pub mod key;

use std::fmt;
use std::path::Path;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use strum::{EnumIter, IntoEnumIterator};

use crate::action::Action;
use crate::diag::{Diagnostic, FileError, read_text_file};
use crate::model::locate::{Seg, SourceMap};
pub use key::{Key, KeyChord, KeySeq, Mods};

/// Where a key is pressed; each context has its own bindings. Keys are looked up in a
/// fixed order: the open popup or overlay, then the focused pane, then `global`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum Context {
    /// Everywhere, after the more specific contexts.
    Global,
    /// The text pane.
    Text,
    /// The outline pane.
    Outline,
    /// The side pane's lists.
    Side,
    /// Footnote and glossary popups.
    Popup,
    /// The help overlay.
    Help,
    /// A one-line input (filter, search): unbound printable keys are typed.
    Input,
    /// The note editor: unbound keys edit the text.
    Editor,
    /// A yes/no question.
    Confirm,
    /// Glossary review cards.
    Review,
    /// The library screen.
    Library,
    /// A selection of text (`v`): its moving end, highlighting, copying.
    Selection,
}

impl Context {
    /// The field name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Text => "text",
            Context::Outline => "outline",
            Context::Side => "side",
            Context::Popup => "popup",
            Context::Help => "help",
            Context::Input => "input",
            Context::Editor => "editor",
            Context::Confirm => "confirm",
            Context::Review => "review",
            Context::Library => "library",
            Context::Selection => "selection",
        }
    }

    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Text => "Text",
            Context::Outline => "Outline",
            Context::Side => "Side pane",
            Context::Popup => "Popups",
            Context::Help => "Help",
            Context::Input => "Typing a filter or search",
            Context::Editor => "Note editor (other keys edit the text)",
            Context::Confirm => "Questions",
            Context::Review => "Glossary review",
            Context::Library => "Library",
            Context::Selection => "Selecting text",
        }
    }
}

/// The shipped keymaps, embedded in the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../keymaps/default.ron")),
    ("emacs", include_str!("../../keymaps/emacs.ron")),
];

/// Bindings of each context, in file order.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    contexts: Vec<(Context, Vec<(KeySeq, Action)>)>,
}

/// The result of looking up the keys typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A binding matched.
    Matched(Action),
    /// The keys are the start of a longer binding: wait for the next key.
    Pending,
    /// Nothing is bound to these keys.
    NotFound,
}

impl Keymap {
    /// The bindings of one context.
    pub fn bindings(&self, ctx: Context) -> &[(KeySeq, Action)] {
        self.contexts
            .iter()
            .find(|(c, _)| *c == ctx)
            .map_or(&[], |(_, b)| b.as_slice())
    }

    fn bindings_mut(&mut self, ctx: Context) -> &mut Vec<(KeySeq, Action)> {
        if let Some(i) = self.contexts.iter().position(|(c, _)| *c == ctx) {
            return &mut self.contexts[i].1;
        }
        self.contexts.push((ctx, Vec::new()));
        let last = self.contexts.len() - 1;
        &mut self.contexts[last].1
    }

    /// Looks up `seq` in `layers`, in order.
    pub fn lookup(&self, layers: &[Context], seq: &[KeyChord]) -> Lookup {
        for &ctx in layers {
            let bindings = self.bindings(ctx);
            if let Some((_, action)) = bindings.iter().find(|(s, _)| s.as_slice() == seq) {
                return Lookup::Matched(action.clone());
            }
            if bindings
                .iter()
                .any(|(s, _)| s.len() > seq.len() && s.starts_with(seq))
            {
                return Lookup::Pending;
            }
        }
        Lookup::NotFound
    }

    /// The keys bound to `action` in `ctx`, as written (`"j"`, `"Down"`).
    pub fn keys_for(&self, ctx: Context, action: &Action) -> Vec<String> {
        self.bindings(ctx)
            .iter()
            .filter(|(_, a)| a == action)
            .map(|(s, _)| key::seq_to_string(s))
            .collect()
    }

    /// Lays `other` over `self`: each sequence it names replaces the binding of that
    /// sequence (and any binding it would shadow, such as `g g` under a new `g`);
    /// `Unbind` removes it.
    pub fn merge(&mut self, other: &Keymap) {
        for (ctx, bindings) in &other.contexts {
            let mine = self.bindings_mut(*ctx);
            for (seq, action) in bindings {
                mine.retain(|(s, _)| !(s.starts_with(seq) || seq.starts_with(s)));
                if *action != Action::Unbind {
                    mine.push((seq.clone(), action.clone()));
                }
            }
        }
    }

    /// A shipped keymap by name.
    pub fn builtin(name: &str) -> Option<Keymap> {
        let (_, src) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        // The shipped keymaps are checked by tests; a failure here is a build defect.
        parse(src).ok()
    }

    /// Loads a keymap file.
    pub fn load_file(path: &Path) -> Result<Keymap, FileError> {
        let text = read_text_file(path, MAX_KEYMAP_BYTES)?;
        parse(&text).map_err(|diagnostics| FileError {
            path: path.display().to_string(),
            diagnostics,
        })
    }
}

/// Largest keymap file accepted.
pub const MAX_KEYMAP_BYTES: u64 = 1 << 20;

/// Bindings of one context as written: key text and action, in order, duplicates kept.
#[derive(Debug, Default)]
struct Bindings(Vec<(String, Action)>);

impl<'de> Deserialize<'de> for Bindings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Bindings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of key sequences to actions, like { \"j\": NextParagraph }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bindings, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Action>()? {
                    out.push((k, v));
                }
                Ok(Bindings(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Keymap")]
struct KeymapFile {
    #[serde(default)]
    global: Bindings,
    #[serde(default)]
    text: Bindings,
    #[serde(default)]
    outline: Bindings,
    #[serde(default)]
    side: Bindings,
    #[serde(default)]
    popup: Bindings,
    #[serde(default)]
    help: Bindings,
    #[serde(default)]
    input: Bindings,
    #[serde(default)]
    editor: Bindings,
    #[serde(default)]
    confirm: Bindings,
    #[serde(default)]
    review: Bindings,
    #[serde(default)]
    library: Bindings,
    #[serde(default)]
    selection: Bindings,
}

impl KeymapFile {
    fn take(&mut self, ctx: Context) -> Vec<(String, Action)> {
        let b = match ctx {
            Context::Global => &mut self.global,
            Context::Text => &mut self.text,
            Context::Outline => &mut self.outline,
            Context::Side => &mut self.side,
            Context::Popup => &mut self.popup,
            Context::Help => &mut self.help,
            Context::Input => &mut self.input,
            Context::Editor => &mut self.editor,
            Context::Confirm => &mut self.confirm,
            Context::Review => &mut self.review,
            Context::Library => &mut self.library,
            Context::Selection => &mut self.selection,
        };
        std::mem::take(&mut b.0)
    }
}

/// Parses and validates keymap text: key names, duplicates and shadowed sequences in one
/// context.
pub fn parse(src: &str) -> Result<Keymap, Vec<Diagnostic>> {
    let mut file: KeymapFile = crate::model::load::parse_ron(src)?;
    // Where a binding is (line:col) is worked out only for one that has a problem.
    let map = std::cell::OnceCell::new();
    let pos = |ctx: Context, i: usize| {
        map.get_or_init(|| SourceMap::new(src))
            .pos_or_parent(&[Seg::Key(ctx.name()), Seg::Index(2 * i)], None)
    };
    let mut diags = Vec::new();
    let mut keymap = Keymap::default();
    for ctx in Context::iter() {
        let mut parsed: Vec<(KeySeq, Action, usize)> = Vec::new();
        for (i, (text, action)) in file.take(ctx).into_iter().enumerate() {
            let seq = match key::parse_seq(&text) {
                Ok(seq) => seq,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        pos(ctx, i),
                        format!("in `{}`: {e}", ctx.name()),
                    ));
                    continue;
                }
            };
            if let Some((_, _, first)) = parsed.iter().find(|(s, _, _)| *s == seq) {
                let first = pos(ctx, *first);
                diags.push(Diagnostic::error(
                    pos(ctx, i),
                    format!(
                        "in `{}`: `{}` is bound twice (first at line {}, column {})",
                        ctx.name(),
                        key::seq_to_string(&seq),
                        first.line,
                        first.col
                    ),
                ));
                continue;
            }
            if let Some((other, _, _)) = parsed
                .iter()
                .find(|(s, _, _)| s.starts_with(&seq) || seq.starts_with(s))
            {
                let (short, long) = if other.len() < seq.len() {
                    (other, &seq)
                } else {
                    (&seq, other)
                };
                diags.push(Diagnostic::error(
                    pos(ctx, i),
                    format!(
                        "in `{}`: `{}` and `{}` conflict: after `{}` lectern could not tell whether to wait for more keys",
                        ctx.name(),
                        key::seq_to_string(short),
                        key::seq_to_string(long),
                        key::seq_to_string(short)
                    ),
                ));
                continue;
            }
            parsed.push((seq, action, i));
        }
        if !parsed.is_empty() {
            keymap
                .bindings_mut(ctx)
                .extend(parsed.into_iter().map(|(s, a, _)| (s, a)));
        }
    }
    if diags.is_empty() {
        Ok(keymap)
    } else {
        diags.sort_by_key(|d| d.pos);
        Err(diags)
    }
}

/// Where the user's keymap lives: `$XDG_CONFIG_HOME/lectern/keymap.ron`.
pub fn user_keymap_path() -> Option<std::path::PathBuf> {
    crate::paths::config_dir().map(|d| d.join("keymap.ron"))
}

/// Why the keymap asked for on the command line cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// Neither a shipped keymap's name nor a path.
    #[error("unknown keymap `{name}`: use {} or a path to a .ron file", .known.join(" or "))]
    UnknownName {
        /// The name asked for.
        name: String,
        /// The shipped keymaps' names.
        known: Vec<&'static str>,
    },
    /// A keymap file that cannot be read or is not valid.
    #[error(transparent)]
    File(#[from] FileError),
}

/// The keymap to use: the base (`name` of a shipped keymap, or a path) with the user's file
/// laid over it. Problems with the user's file are returned as warnings and the base is
/// used alone; an unusable base is an error.
pub fn resolve(
    base: Option<&str>,
    user: Option<&Path>,
) -> Result<(Keymap, Vec<String>), KeymapError> {
    let base_name = base.unwrap_or("default");
    let mut keymap = match Keymap::builtin(base_name) {
        Some(k) => k,
        None => {
            let path = Path::new(base_name);
            if !path.exists() && !base_name.contains(['/', '.']) {
                return Err(KeymapError::UnknownName {
                    name: base_name.to_owned(),
                    known: BUILTIN.iter().map(|(n, _)| *n).collect(),
                });
            }
            Keymap::load_file(path)?
        }
    };
    let mut warnings = Vec::new();
    if let Some(user) = user.filter(|p| p.exists()) {
        match Keymap::load_file(user) {
            Ok(overlay) => keymap.merge(&overlay),
            Err(e) => warnings.push(format!("your keymap is ignored: {e}")),
        }
    }
    Ok((keymap, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Scroll;

    #[test]
    fn resolve_tells_an_unknown_name_from_a_bad_file() {
        match resolve(Some("vim"), None) {
            Err(e @ KeymapError::UnknownName { .. }) => assert_eq!(
                e.to_string(),
                "unknown keymap `vim`: use default or emacs or a path to a .ron file"
            ),
            other => panic!("{other:?}"),
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.ron");
        std::fs::write(&path, "Keymap(text: {\"Foo\": Quit})").unwrap();
        match resolve(path.to_str(), None) {
            Err(KeymapError::File(e)) => assert_eq!(e.path, path.display().to_string()),
            other => panic!("{other:?}"),
        }
    }

    fn seq(s: &str) -> KeySeq {
        key::parse_seq(s).unwrap()
    }

    #[test]
    fn lookup_follows_layer_order_and_waits_for_prefixes() {
        let km = parse(
            r#"Keymap(
                global: { "q": Quit, "j": Quit },
                text: { "j": NextParagraph, "g g": GoToStart },
            )"#,
        )
        .unwrap();
        let layers = [Context::Text, Context::Global];
        assert_eq!(
            km.lookup(&layers, &seq("j")),
            Lookup::Matched(Action::NextParagraph)
        );
        assert_eq!(km.lookup(&layers, &seq("q")), Lookup::Matched(Action::Quit));
        assert_eq!(km.lookup(&layers, &seq("g")), Lookup::Pending);
        assert_eq!(
            km.lookup(&layers, &seq("g g")),
            Lookup::Matched(Action::GoToStart)
        );
        assert_eq!(km.lookup(&layers, &seq("x")), Lookup::NotFound);
    }

    #[test]
    fn merge_overrides_only_named_keys_and_can_unbind() {
        let mut base =
            parse(r#"Keymap(text: { "j": NextParagraph, "k": PrevParagraph, "g g": GoToStart })"#)
                .unwrap();
        let user =
            parse(r#"Keymap(text: { "j": Scroll(Lines(1)), "k": Unbind, "g": GoToEnd })"#).unwrap();
        base.merge(&user);
        let t = [Context::Text];
        assert_eq!(
            base.lookup(&t, &seq("j")),
            Lookup::Matched(Action::Scroll(Scroll::Lines(1)))
        );
        assert_eq!(base.lookup(&t, &seq("k")), Lookup::NotFound);
        assert_eq!(base.lookup(&t, &seq("g")), Lookup::Matched(Action::GoToEnd));
    }

    #[test]
    fn validation_errors_point_at_the_key() {
        let src = "Keymap(\n  text: {\n    \"j\": NextParagraph,\n    \"Foo\": Quit,\n    \"j\": Quit,\n    \"g\": Quit,\n    \"g g\": Quit,\n  },\n)";
        let errs = parse(src).unwrap_err();
        let shown: Vec<String> = errs
            .iter()
            .map(|d| d.display("k.ron").to_string())
            .collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(
            shown[0].starts_with("k.ron:4:5: in `text`: unknown key `Foo`"),
            "{}",
            shown[0]
        );
        assert_eq!(
            shown[1],
            "k.ron:5:5: in `text`: `j` is bound twice (first at line 3, column 5)"
        );
        assert!(
            shown[2].starts_with("k.ron:7:5: in `text`: `g` and `g g` conflict"),
            "{}",
            shown[2]
        );
    }

    #[test]
    fn unknown_action_and_context_are_errors() {
        let errs = parse("Keymap(text: { \"j\": Fly })").unwrap_err();
        assert!(errs[0].message.contains("Fly"), "{:?}", errs);
        let errs = parse("Keymap(reader: {})").unwrap_err();
        assert!(errs[0].message.contains("reader"), "{:?}", errs);
    }
}
