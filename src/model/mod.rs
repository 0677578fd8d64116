//! The article as plain data: loading, validation and lookups. Nothing here knows about the
//! terminal.

pub mod biblio;
pub mod document;
pub mod format;
pub mod glossary;
pub mod hash;
pub mod inline;
pub mod load;
pub mod locate;
pub mod place;

pub use biblio::{Biblio, WorkType};
pub use document::{
    BlockKind, Document, Footnote, Meta, Paragraph, ParagraphId, Section, SectionBuilder,
};
pub use glossary::{Glossary, GlossaryEntry, TermMatch};
pub use inline::{Inline, TextStyle};
pub use place::{Place, PlaceError};
