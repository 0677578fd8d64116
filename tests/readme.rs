//! The README's key reference is the default keymap, generated: it cannot drift.
//! After changing keymaps/default.ron, `UPDATE_README=1 cargo test --test readme` rewrites
//! the section.

#[test]
fn readme_key_tables_match_the_default_keymap() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start =
        "<!-- keys:start (generated from keymaps/default.ron; tests/readme.rs checks it) -->\n";
    let end = "<!-- keys:end -->";
    let keymap = lectern::keymap::Keymap::builtin("default").unwrap();
    let expected = lectern::ui::help::markdown(&keymap);
    let (before, rest) = readme
        .split_once(start)
        .unwrap_or_else(|| panic!("README.md lacks the key section markers"));
    let (actual, after) = rest
        .split_once(end)
        .expect("README.md lacks the end marker");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(
            "README.md",
            format!("{before}{start}{expected}{end}{after}"),
        )
        .unwrap();
        return;
    }
    assert!(
        actual == expected,
        "README.md key tables are out of date; replace the section with:\n{expected}"
    );
}

#[test]
fn readme_gives_the_two_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}
