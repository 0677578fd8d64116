//! Where lectern keeps files: XDG directories (through `directories`), with overrides.

use std::path::PathBuf;

/// The configuration directory: `$XDG_CONFIG_HOME/lectern` (usually `~/.config/lectern`).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "lectern").map(|d| d.config_dir().to_path_buf())
}

/// The data directory: `--data-dir`, else `$LECTERN_DATA_DIR`, else the XDG data directory
/// (`~/.local/share/lectern`).
pub fn data_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    chosen(flag, "LECTERN_DATA_DIR", directories::ProjectDirs::data_dir)
}

/// `flag`, else the environment variable `var` when set and not empty, else lectern's XDG
/// directory that `xdg` picks.
fn chosen(
    flag: Option<PathBuf>,
    var: &str,
    xdg: fn(&directories::ProjectDirs) -> &std::path::Path,
) -> Option<PathBuf> {
    flag.or_else(|| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .or_else(|| directories::ProjectDirs::from("", "", "lectern").map(|d| xdg(&d).to_path_buf()))
}

/// The cache directory for converted articles: `--cache-dir`, else `$LECTERN_CACHE_DIR`,
/// else the XDG cache directory (`~/.cache/lectern`). Everything in it can be deleted.
pub fn cache_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    chosen(
        flag,
        "LECTERN_CACHE_DIR",
        directories::ProjectDirs::cache_dir,
    )
}
