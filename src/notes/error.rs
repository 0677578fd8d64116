//! Why notes and the files beside them (reading state, review) cannot be changed or saved,
//! as types: callers match variants, never message text.

pub use super::lock::ReadOnly;

/// Why notes cannot be changed or saved.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    /// Notes are open read-only.
    #[error("notes are read-only: {0}")]
    ReadOnly(ReadOnly),
    /// Writing failed; the notes stay in memory.
    #[error("could not save notes ({source}) to {path}")]
    Save {
        /// The notes file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Why the reading state or the review schedule was not saved (the session goes on).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be read when opened, so it is never written over.
    #[error("{what} not saved: {why}")]
    ReadOnly {
        /// What was not saved ("reading state", "review").
        what: &'static str,
        /// Why the file is read-only.
        why: String,
    },
    /// Writing failed.
    #[error("could not save the {what} to {path}: {source}")]
    Write {
        /// What was not saved.
        what: &'static str,
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
}

/// The message shown in the status bar.
impl From<SaveError> for String {
    fn from(e: SaveError) -> String {
        e.to_string()
    }
}
