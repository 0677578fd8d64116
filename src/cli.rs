//! The command line: arguments (clap) and the non-interactive subcommands.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::diag::Severity;

pub mod library;

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
    /// Where converted Markdown, EPUB, HTML and PDF articles (and RON ones of 1 MiB or more)
    /// are cached (else $LECTERN_CACHE_DIR, else ~/.cache/lectern); safe to delete.
    #[arg(long, value_name = "DIR", global = true)]
    pub cache_dir: Option<PathBuf>,
}

/// Options of the reader (`lectern [ARTICLE]`).
#[derive(Debug, Args, Default)]
pub struct ReadArgs {
    /// Article to open: an EPUB book, a PDF, a saved web page, Markdown or lectern's RON.
    /// When omitted, the library's article opened last, else the bundled article.
    pub article: Option<PathBuf>,
    /// Keymap: `default`, `emacs`, or the path of a keymap file. Your
    /// `$XDG_CONFIG_HOME/lectern/keymap.ron` is laid over it.
    #[arg(long, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    /// Colour theme for this run (else the saved one, else dark).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Reading measure for this run: the most columns a line of text takes (else the saved
    /// one, else 80).
    #[arg(long, value_name = "COLUMNS",
          value_parser = clap::value_parser!(u16).range(20..=200))]
    pub measure: Option<u16>,
    /// Do not capture the mouse this run (lets the terminal select text).
    #[arg(long)]
    pub no_mouse: bool,
    /// Show footnote references as `[N]` instead of superscript digits this run.
    #[arg(long)]
    pub bracket_markers: bool,
    /// For screen readers and braille displays: one pane at a time, the cursor at the
    /// current paragraph, no box-drawing borders or margin glyphs.
    #[arg(long)]
    pub screen_reader: bool,
    /// Where notes and reading state are kept (else $LECTERN_DATA_DIR, else
    /// ~/.local/share/lectern).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Start on the library screen (`lectern add` fills the library).
    #[arg(long, conflicts_with = "article")]
    pub library: bool,
}

/// Formats of `lectern notes`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum NotesFormat {
    /// Markdown grouped under the section headings.
    #[default]
    Markdown,
    /// The notes file itself (RON).
    Ron,
    /// Markdown for Obsidian and Zotero: YAML front matter, a callout and a Pandoc
    /// citation per note, block ids.
    Obsidian,
}

/// Formats of `lectern print`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PrintFormat {
    /// Plain text.
    #[default]
    Text,
    /// Markdown: `#` headings, `[^N]` footnotes, the glossary as a definition list.
    Markdown,
}

/// Theme names on the command line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
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
        /// Output format: plain text, or Markdown that `lectern import` reads back.
        #[arg(long, value_enum, default_value_t = PrintFormat::Text)]
        format: PrintFormat,
        /// Print only this section (by its number, `2.2`) and its subsections.
        #[arg(long, value_name = "NUMBER")]
        section: Option<String>,
    },
    /// Print the notes of an article.
    Notes {
        /// Article whose notes to print; the bundled article when omitted.
        article: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NotesFormat::Markdown)]
        format: NotesFormat,
        /// Where notes are kept (else $LECTERN_DATA_DIR, else ~/.local/share/lectern).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
        /// The notes of the whole library in one Markdown file, grouped by article.
        #[arg(long, conflicts_with = "article")]
        all: bool,
        /// The notes of the library's articles with this tag, as `--all`.
        #[arg(long, value_name = "TAG", conflicts_with = "article")]
        tag: Option<String>,
    },
    /// The library's subcommands (`add`, `remove`, `library`, `search`).
    #[command(flatten)]
    Library(library::LibraryCommand),
    /// Convert an article (EPUB, PDF, web page, Markdown, or RON: written out again) to
    /// lectern's RON format.
    Import {
        /// The article file.
        file: PathBuf,
        /// Write the RON article here (atomically) instead of to standard output.
        #[arg(short = 'o', long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
    /// Validate article, keymap and notes files; errors are printed as `path:line:col: message`.
    Check {
        /// Files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Glossary tools: `--suggest FILE` prints the abbreviations the text defines;
    /// `--format anki [ARTICLE]` writes the glossary as an Anki import file.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["suggest", "format"])))]
    Glossary {
        /// Print the abbreviations defined in the article's text (`SHORT: long form`, one a
        /// line), as the import finds them.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["format", "article"])]
        suggest: Option<PathBuf>,
        /// Write the glossary in this format (with the review state as tags).
        #[arg(long, value_enum)]
        format: Option<crate::cli_cite::GlossaryFormat>,
        /// Article whose glossary to write; the bundled article when omitted.
        article: Option<PathBuf>,
        /// Where the review state is kept (else $LECTERN_DATA_DIR, else
        /// ~/.local/share/lectern).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
    },
    /// Print the article's reference: BibTeX, CSL-JSON, or formatted in a citation style.
    Cite {
        /// Article to cite; the bundled article when omitted.
        article: Option<PathBuf>,
        /// Output format (else the `citation_style` of config.ron, else APA).
        #[arg(long, value_enum)]
        format: Option<crate::cli_cite::CiteFormat>,
    },
}

/// `lectern glossary --suggest FILE`.
pub fn glossary_suggest(path: &Path) -> i32 {
    let loaded = match crate::content::open(Some(path)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    let mut out = std::io::stdout().lock();
    for a in crate::import::abbrev::find_in_document(&loaded.doc) {
        let line = format!("{}: {}", a.short, a.long);
        if writeln!(out, "{}", crate::sanitize::clean_line(&line)).is_err() {
            return 1;
        }
    }
    0
}

/// Parses the command line, or prints clap's message and exits. Its message quotes the
/// arguments as typed, and an argument can hold escape sequences (a file named
/// `--x␛]0;title␇.md` passed by a glob): they are shown as visible placeholders, as in
/// file names, never sent to the terminal.
pub fn parse_args() -> Cli {
    use clap::{CommandFactory as _, FromArgMatches as _};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(cli) = quick_args(&args) {
        return cli;
    }
    // No colours: clap's styled text would otherwise drop the escape sequences of an
    // argument along with its own styling, hiding what the argument holds.
    let parsed = Cli::command()
        .color(clap::ColorChoice::Never)
        .styles(clap::builder::Styles::plain())
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().ansi().to_string();
            let text = crate::sanitize::clean(&text);
            let code = e.exit_code();
            // Help and version go to stdout with status 0, errors to stderr.
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            let _ = std::io::stdout().flush();
            std::process::exit(code);
        }
    }
}

/// The subcommands' names, which an argument alone names before it names a file; a test
/// checks the list against clap's.
const SUBCOMMANDS: [&str; 11] = [
    "add", "check", "cite", "glossary", "help", "import", "library", "notes", "print", "remove",
    "search",
];

/// The reader's two common starts, `lectern` and `lectern FILE`, read without building clap's
/// whole command line (a fifth of a millisecond, some 5% of the time to the first screen).
/// `None` for anything else, which clap reads: an option, a subcommand's name, an argument
/// that is empty or not UTF-8. A test checks that clap reads the same from what this takes.
pub fn quick_args(args: &[std::ffi::OsString]) -> Option<Cli> {
    let article = match args {
        [_] => None,
        [_, arg] => {
            let text = arg.to_str()?;
            if text.is_empty() || text.starts_with('-') || SUBCOMMANDS.contains(&text) {
                return None;
            }
            Some(PathBuf::from(text))
        }
        _ => return None,
    };
    Some(Cli {
        command: None,
        read: ReadArgs {
            article,
            ..ReadArgs::default()
        },
        cache_dir: None,
    })
}

/// `lectern print`: exit status 2 for a section the article does not have, or `--width`
/// with Markdown.
pub fn print(
    article: Option<PathBuf>,
    width: Option<u16>,
    format: PrintFormat,
    section: Option<&str>,
) -> anyhow::Result<i32> {
    if format == PrintFormat::Markdown && width.is_some() {
        eprintln!("lectern print: --width wraps plain text only; Markdown is not wrapped");
        return Ok(2);
    }
    let loaded = match crate::content::open(article.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    };
    let doc = &loaded.doc;
    let sections = match section
        .map(|n| crate::print::section_range(doc, n))
        .transpose()
    {
        Ok(s) => s,
        Err(message) => {
            eprintln!("lectern print: {message}");
            return Ok(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let written = match format {
        PrintFormat::Text => crate::print::write(doc, width.map(usize::from), sections, out),
        PrintFormat::Markdown => {
            let text = match sections {
                Some(s) => crate::import::sections_to_markdown(doc, s),
                None => crate::import::to_markdown(doc),
            };
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        }
    };
    if let Err(e) = written {
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
                println!(
                    "{}: ok ({})",
                    shown_path(path),
                    crate::sanitize::clean_line(&report.summary)
                );
            }
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    i32::from(failed)
}

/// The settings of this run: the defaults, the saved ones over them, the flags over those.
/// Also the saved settings, where they are kept (`None` when the file is damaged: it is
/// left as it is) and what is wrong with them.
fn settings_of(
    args: &ReadArgs,
) -> (
    crate::app::Settings,
    crate::config::ConfigFile,
    Option<PathBuf>,
    Option<String>,
) {
    let mut settings = crate::app::Settings {
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        ..crate::app::Settings::default()
    };
    let path = crate::config::config_path();
    let (config, path, error) = match path.as_deref().map(crate::config::read) {
        None => (Default::default(), None, None),
        Some(Ok(config)) => (config, path, None),
        Some(Err(e)) => (
            Default::default(),
            None,
            Some(format!(
                "{}; the saved settings are not used, and changes are not saved",
                crate::sanitize::clean_line(&e.to_string())
            )),
        ),
    };
    config.apply(&mut settings);
    if let Some(theme) = args.theme {
        settings.theme = match theme {
            ThemeArg::Dark => crate::ui::theme::ThemeKind::Dark,
            ThemeArg::Light => crate::ui::theme::ThemeKind::Light,
        };
    }
    if let Some(measure) = args.measure {
        settings.measure = measure;
    }
    if args.no_mouse {
        settings.mouse = false;
    }
    if args.bracket_markers {
        settings.markers = crate::layout::MarkerStyle::Brackets;
    }
    if args.screen_reader {
        settings.screen_reader = true;
    }
    (settings, config, path, error)
}

/// `lectern [ARTICLE]`: the reader. The exit status is 0, or 128 + the signal that ended it.
pub fn read(args: ReadArgs) -> anyhow::Result<i32> {
    let data_dir = crate::paths::data_dir(args.data_dir.clone());
    // Without an article: the last one read from the library, else the bundled one.
    let (opening, shown, first_message) =
        match library::first_article(args.article.as_deref(), data_dir.as_deref()) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{e}");
                return Ok(1);
            }
        };
    let user = crate::keymap::user_keymap_path();
    let (keymap, keymap_warnings) =
        match crate::keymap::resolve(args.keymap.as_deref(), user.as_deref()) {
            Ok(k) => k,
            Err(e) => {
                eprintln!("lectern: {}", crate::sanitize::clean_line(&e.to_string()));
                return Ok(2);
            }
        };
    if let Some(message) = not_a_terminal() {
        eprintln!("{message}");
        return Ok(2);
    }
    let (settings, config, config_path, config_error) = settings_of(&args);
    let crate::loading::Opening {
        first: loaded,
        rest,
    } = opening;
    let mut app = crate::app::App::new(loaded.doc, keymap, settings);
    app.config = config;
    app.config_path = config_path;
    let storage_messages = match (&data_dir, rest) {
        // Still being read: the notes open once the article is whole.
        (dir, Some(rest)) => {
            app.data_dir = dir.clone();
            crate::update::loading::start(&mut app, Some(rest), dir.clone(), shown.clone());
            if dir.is_some() {
                Vec::new()
            } else {
                vec![NO_DATA_DIR.to_owned()]
            }
        }
        (Some(dir), None) => app.open_storage(dir),
        (None, None) => vec![NO_DATA_DIR.to_owned()],
    };
    // Everything worth knowing at the start goes in one notice, all of it, not a status
    // line that the first key clears.
    let mut notice: Vec<String> = storage_messages;
    notice.extend(first_message);
    notice.extend(config_error);
    notice.extend(keymap_warnings);
    notice.extend(crate::diag::warning_lines(&loaded.warnings, &shown));
    if !notice.is_empty() {
        app.popup = Some(crate::app::Popup::Notice {
            title: " At the start ".to_owned(),
            lines: notice,
            scroll: 0,
        });
    }
    if args.library {
        crate::update::library::open(&mut app);
    }
    library::run_reader(app, data_dir)
}

/// Said at the start when notes cannot be kept.
const NO_DATA_DIR: &str =
    "No data directory (set --data-dir or LECTERN_DATA_DIR): notes will not be saved";

/// Why the reader cannot run here, when standard input or output is not a terminal
/// (`lectern > file`, `lectern | less`, a script): one line, before any escape sequence
/// is written.
fn not_a_terminal() -> Option<&'static str> {
    use std::io::IsTerminal as _;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return None;
    }
    Some(
        "lectern: the reader needs a terminal (standard input and output are not both one); \
         to write the article as text use `lectern print`",
    )
}

/// `lectern notes`: the notes of an article on stdout.
pub fn notes(
    article: Option<PathBuf>,
    format: NotesFormat,
    data_dir: Option<PathBuf>,
) -> anyhow::Result<i32> {
    let loaded = match crate::content::open(article.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    };
    let doc = loaded.doc;
    let Some(dir) = crate::paths::data_dir(data_dir) else {
        eprintln!("lectern: no data directory: use --data-dir or set LECTERN_DATA_DIR");
        return Ok(1);
    };
    let path = crate::notes::notes_path(&dir, &doc.meta.id);
    let file = if path.exists() {
        match crate::notes::read_file(&path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{e}");
                return Ok(1);
            }
        }
    } else {
        crate::notes::NotesFile {
            format: crate::notes::NOTES_FORMAT,
            article: doc.meta.id.clone(),
            notes: Vec::new(),
            highlights: Vec::new(),
            terms: Vec::new(),
        }
    };
    let text = match format {
        NotesFormat::Ron => crate::notes::export::ron(&file)?,
        NotesFormat::Markdown => {
            let (state, damaged) = crate::notes::state::ReadingState::open(&dir, &doc);
            if let Some(damaged) = damaged {
                eprintln!("lectern: the bookmarks are left out: {damaged}");
            }
            let bookmarks = state.bookmarks(&doc);
            crate::notes::export::file_markdown(&doc, file, &bookmarks, crate::notes::now())
        }
        NotesFormat::Obsidian => {
            // The article's tags in the library (its courses) go into the front matter.
            let tags = crate::library::read_entry(&dir, &doc.meta.id)
                .map(|e| e.tags)
                .unwrap_or_default();
            crate::cli_cite::notes_obsidian(&doc, file, &tags)
        }
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    Ok(0)
}

/// `lectern import`: warnings go to standard error as `path:line:col: warning: …`; exit
/// status 1 when the file cannot be imported or the output not written.
pub fn import(file: &Path, output: Option<&Path>) -> anyhow::Result<i32> {
    let shown = file.display().to_string();
    let loaded = match crate::import::source::open(file) {
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
            shown_path(output)
        );
        return Ok(1);
    }
    // Like any command writing a file, `-o` does not create directories.
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
    if parent.is_some_and(|p| !p.is_dir()) {
        eprintln!(
            "{}: cannot write: the directory does not exist",
            shown_path(output)
        );
        return Ok(1);
    }
    if let Err(e) = crate::durable::write(output, ron.as_bytes(), false) {
        eprintln!("{}: cannot write: {e}", shown_path(output));
        return Ok(1);
    }
    Ok(0)
}

/// A path as printed: a file name may hold control characters, shown as placeholders.
fn shown_path(path: &Path) -> String {
    crate::sanitize::clean_line(&path.display().to_string()).into_owned()
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

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use clap::{CommandFactory as _, FromArgMatches as _};
    use proptest::prelude::*;

    use super::{Cli, SUBCOMMANDS, quick_args};

    /// What clap reads from `args`, as text to compare, or `None` where it refuses them.
    fn clap_reads(args: &[OsString]) -> Option<String> {
        let matches = Cli::command().try_get_matches_from(args).ok()?;
        Some(format!("{:?}", Cli::from_arg_matches(&matches).ok()?))
    }

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_quick_reading_knows_every_subcommand_clap_knows() {
        let mut clap: Vec<String> = Cli::command()
            .get_subcommands()
            .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
            .map(str::to_owned)
            .chain(["help".to_owned()])
            .collect();
        clap.sort();
        clap.dedup();
        assert_eq!(clap, SUBCOMMANDS);
    }

    #[test]
    fn the_two_common_starts_are_read_quickly_and_as_clap_reads_them() {
        for args in [
            &["lectern"][..],
            &["lectern", "book.epub"],
            &["lectern", "a b.md"],
        ] {
            let quick = quick_args(&os(args)).expect("read quickly");
            assert_eq!(
                Some(format!("{quick:?}")),
                clap_reads(&os(args)),
                "{args:?}"
            );
        }
        let article = quick_args(&os(&["lectern", "notes.md"]))
            .unwrap()
            .read
            .article;
        assert_eq!(article, Some("notes.md".into()));
    }

    #[test]
    fn options_subcommands_and_odd_arguments_are_left_to_clap() {
        for args in [
            &["lectern", "--help"][..],
            &["lectern", "-"],
            &["lectern", "print"],
            &["lectern", "help"],
            &["lectern", ""],
            &["lectern", "a.md", "--library"],
            &["lectern", "--keymap", "emacs"],
        ] {
            assert!(quick_args(&os(args)).is_none(), "{args:?}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt as _;
            let not_utf8 = vec!["lectern".into(), OsString::from_vec(vec![b'a', 0xff])];
            assert!(quick_args(&not_utf8).is_none());
        }
    }

    proptest! {
        /// Whatever the quick reading takes, clap takes too and reads the same.
        #[test]
        fn what_is_read_quickly_clap_reads_the_same(
            args in proptest::collection::vec(
                prop_oneof![
                    Just("print".to_owned()),
                    Just("library".to_owned()),
                    Just("--library".to_owned()),
                    Just("-h".to_owned()),
                    Just("--".to_owned()),
                    "[a-z. /-]{0,12}",
                    any::<String>(),
                ],
                0..3,
            )
        ) {
            let args: Vec<OsString> = std::iter::once("lectern".to_owned())
                .chain(args)
                .map(OsString::from)
                .collect();
            if let Some(quick) = quick_args(&args) {
                prop_assert_eq!(Some(format!("{quick:?}")), clap_reads(&args));
            }
        }
    }
}
