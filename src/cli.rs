//! The command line: arguments (clap) and the non-interactive subcommands.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::diag::Severity;

/// lectern: read and study structured articles in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "lectern",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without a subcommand, lectern opens the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the reader.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options of the reader (`lectern [ARTICLE]`).
#[derive(Debug, Args, Default)]
pub struct ReadArgs {
    /// Article to open (`.ron`); the bundled article when omitted.
    pub article: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an article as plain text.
    Print {
        /// Article to print; the bundled article when omitted.
        article: Option<PathBuf>,
        /// Wrap text to this many columns (one line per paragraph without it).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
    },
    /// Validate files; errors are printed as `path:line:col: message`.
    Check {
        /// Files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Convert a Markdown article to lectern's RON format.
    Import {
        /// The Markdown file.
        file: PathBuf,
        /// Write the RON article here (atomically) instead of to standard output.
        #[arg(short = 'o', long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
}

/// `lectern print`.
pub fn print(article: Option<PathBuf>, width: Option<u16>) -> anyhow::Result<i32> {
    let loaded = match crate::content::open(article.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    };
    let text = crate::print::render(&loaded.doc, width.map(usize::from));
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`lectern print | head`) is not an error worth a message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e.into());
        }
    }
    Ok(0)
}

/// `lectern check`: exit status 1 when any file has an error.
pub fn check(files: &[PathBuf]) -> i32 {
    let mut failed = false;
    for path in files {
        let shown = path.display().to_string();
        match crate::check::check_file(path) {
            Ok(report) => {
                for w in &report.warnings {
                    eprintln!("{}", w.display(&shown));
                }
                failed |= report
                    .warnings
                    .iter()
                    .any(|d| d.severity == Severity::Error);
                println!("{shown}: ok ({})", report.summary);
            }
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    i32::from(failed)
}

/// `lectern import`: warnings go to standard error as `path:line:col: warning: …`; exit
/// status 1 when the file cannot be imported or the output not written.
pub fn import(file: &Path, output: Option<&Path>) -> anyhow::Result<i32> {
    let shown = file.display().to_string();
    let loaded = match crate::import::load_markdown_file(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    };
    for w in &loaded.warnings {
        eprintln!("{}", w.display(&shown));
    }
    let ron = crate::import::to_ron(&loaded.doc)?;
    let Some(output) = output else {
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_all(ron.as_bytes()).and_then(|()| out.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(e.into());
        }
        return Ok(0);
    };
    if same_file(file, output) {
        eprintln!(
            "{}: is the input file; choose another output path (-o)",
            output.display()
        );
        return Ok(1);
    }
    if let Err(e) = crate::import::write_atomically(output, ron.as_bytes()) {
        eprintln!("{}: cannot write: {e}", output.display());
        return Ok(1);
    }
    Ok(0)
}

/// Whether two paths name one existing file (through links, `..` or hard links too).
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    let _ = (ma, mb);
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(x), Ok(y)) if x == y
    )
}
