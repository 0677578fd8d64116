//! lectern: a terminal reader and study tool for structured articles.

pub mod check;
pub mod cli;
pub mod content;
pub mod diag;
pub mod import;
pub mod model;
pub mod print;
pub mod sanitize;
