//! The settings remembered between sessions: `$XDG_CONFIG_HOME/lectern/config.ron`. Read
//! through a byte cap, validated with located errors (`lectern check` too), written durably
//! when a setting changes in the reader. Command-line flags override it for one run.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, FileError, Pos};
use crate::layout::MarkerStyle;
use crate::settings::{MEASURE_RANGE, REVIEW_CARDS_RANGE, Settings, ThemeKind};

/// Largest config file read: a handful of settings fit in far less.
pub const MAX_CONFIG_BYTES: u64 = 64 << 10;

/// The settings file; each field is optional, and a missing one keeps its default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Config")]
pub struct ConfigFile {
    /// `Dark` or `Light`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemeKind>,
    /// The reading measure, in columns (20 to 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<u16>,
    /// Footnote references: `Superscript` or `Brackets`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markers: Option<MarkerStyle>,
    /// Capture the mouse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mouse: Option<bool>,
    /// The most cards one review shows (1 to 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_cards: Option<usize>,
    /// The style of copied quotations and `lectern cite`: `Apa`, `Chicago` or `Mla`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_style: Option<crate::cite::CiteStyle>,
}

impl ConfigFile {
    /// Lays the saved values over `settings`.
    pub fn apply(&self, settings: &mut Settings) {
        if let Some(theme) = self.theme {
            settings.theme = theme;
        }
        if let Some(measure) = self.measure {
            settings.measure = measure;
        }
        if let Some(markers) = self.markers {
            settings.markers = markers;
        }
        if let Some(mouse) = self.mouse {
            settings.mouse = mouse;
        }
        if let Some(cards) = self.review_cards {
            settings.review_cards = cards;
        }
        if let Some(style) = self.citation_style {
            settings.citation_style = style;
        }
    }

    /// How many values it sets.
    pub fn len(&self) -> usize {
        usize::from(self.theme.is_some())
            + usize::from(self.measure.is_some())
            + usize::from(self.markers.is_some())
            + usize::from(self.mouse.is_some())
            + usize::from(self.review_cards.is_some())
            + usize::from(self.citation_style.is_some())
    }

    /// Whether it sets nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The config file's path: `config.ron` in the configuration directory.
pub fn config_path() -> Option<PathBuf> {
    crate::paths::config_dir().map(|d| d.join("config.ron"))
}

/// The line and column of the first `name:` in `text` (for a value out of its range).
fn field_pos(text: &str, name: &str) -> Pos {
    let key = format!("{name}:");
    for (i, line) in text.lines().enumerate() {
        if let Some(col) = line.find(&key) {
            return Pos {
                line: i + 1,
                col: line[..col].chars().count() + 1,
            };
        }
    }
    Pos { line: 1, col: 1 }
}

/// Parses and validates config text.
pub fn parse(text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
    let file: ConfigFile = crate::model::load::parse_ron(text)?;
    let mut errors = Vec::new();
    if let Some(m) = file.measure
        && !MEASURE_RANGE.contains(&m)
    {
        errors.push(Diagnostic::error(
            field_pos(text, "measure"),
            format!(
                "measure {m} is out of range: {} to {} columns",
                MEASURE_RANGE.start(),
                MEASURE_RANGE.end()
            ),
        ));
    }
    if let Some(n) = file.review_cards
        && !REVIEW_CARDS_RANGE.contains(&n)
    {
        errors.push(Diagnostic::error(
            field_pos(text, "review_cards"),
            format!(
                "review_cards {n} is out of range: {} to {} cards",
                REVIEW_CARDS_RANGE.start(),
                REVIEW_CARDS_RANGE.end()
            ),
        ));
    }
    if errors.is_empty() {
        Ok(file)
    } else {
        Err(errors)
    }
}

/// Reads the config file at `path`; a missing file is an empty config.
pub fn read(path: &Path) -> Result<ConfigFile, FileError> {
    if !path.exists() {
        return Ok(ConfigFile::default());
    }
    let text = crate::diag::read_text_file(path, MAX_CONFIG_BYTES)?;
    parse(&text).map_err(|diagnostics| FileError {
        path: path.display().to_string(),
        diagnostics,
    })
}

/// Writes the config file durably.
pub fn write(path: &Path, file: &ConfigFile) -> std::io::Result<()> {
    let text = crate::notes::to_ron(file)?;
    crate::durable::write(path, text.as_bytes(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_reads_back_and_bad_values_are_located() {
        let file = ConfigFile {
            theme: Some(ThemeKind::Light),
            measure: Some(66),
            markers: Some(MarkerStyle::Brackets),
            mouse: Some(false),
            review_cards: Some(5),
            citation_style: Some(crate::cite::CiteStyle::Chicago),
        };
        let text = crate::notes::to_ron(&file).unwrap();
        assert_eq!(parse(&text).unwrap(), file);
        assert_eq!(parse("Config()").unwrap(), ConfigFile::default());
        let errors = parse("Config(\n    theme: Light,\n    measure: 5,\n)").unwrap_err();
        assert_eq!((errors[0].pos.line, errors[0].pos.col), (3, 5));
        assert!(errors[0].message.contains("measure 5 is out of range"));
        assert_eq!(
            parse("Config(citation_style: Mla)").unwrap().citation_style,
            Some(crate::cite::CiteStyle::Mla)
        );
        let errors = parse("Config(\n    citation_style: Harvard,\n)").unwrap_err();
        assert_eq!(errors[0].pos.line, 2);
        let errors = parse("Config(colour: Light)").unwrap_err();
        assert_eq!(errors[0].pos.line, 1);
    }
}
