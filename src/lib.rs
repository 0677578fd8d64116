//! lectern: a terminal reader and study tool for structured articles.

pub mod action;
pub mod app;
pub mod cache;
pub mod check;
pub mod cite;
pub mod cli;
pub mod cli_cite;
pub mod config;
pub mod content;
pub mod diag;
pub mod durable;
pub mod geometry;
pub mod import;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod model;
pub mod notes;
pub mod paths;
pub mod print;
pub mod sanitize;
pub mod search;
pub mod settings;
pub mod term;
pub mod ui;
pub mod update;
