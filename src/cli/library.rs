//! The library's subcommands: `add`, `remove`, `library`, `search`, and `notes --all` /
//! `notes --tag`. Kept apart from the other subcommands (see [`crate::library`]).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::library::{self, Entry};
use crate::sanitize::clean_line;

/// Formats of `lectern library`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LibraryFormat {
    /// One article a line.
    #[default]
    Text,
    /// The entries as RON, for scripts.
    Ron,
}

/// The library's subcommands.
#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Convert articles (any format lectern reads) into the library; adding one again
    /// updates it, and its notes stay attached.
    Add {
        /// The article files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where the library is kept (else $LECTERN_DATA_DIR, else ~/.local/share/lectern).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
    },
    /// Remove an article from the library by its id (its notes stay).
    Remove {
        /// The article's id (`lectern library` lists them).
        id: String,
        /// Where the library is kept (else $LECTERN_DATA_DIR, else ~/.local/share/lectern).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
    },
    /// List the library, most recently opened first: id, progress, notes, last opened,
    /// title and authors.
    Library {
        /// Output format.
        #[arg(long, value_enum, default_value_t = LibraryFormat::Text)]
        format: LibraryFormat,
        /// Where the library is kept (else $LECTERN_DATA_DIR, else ~/.local/share/lectern).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
    },
    /// Search every article of the library; prints `id:2.2 ¶3: …match…` lines.
    Search {
        /// What to look for (as `/` in the reader: words, case-insensitive).
        query: String,
        /// Only the articles with this tag.
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Where the library is kept (else $LECTERN_DATA_DIR, else ~/.local/share/lectern).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
    },
}

fn data_dir_or_say(flag: Option<PathBuf>) -> Option<PathBuf> {
    let dir = crate::paths::data_dir(flag);
    if dir.is_none() {
        eprintln!("lectern: no data directory: use --data-dir or set LECTERN_DATA_DIR");
    }
    dir
}

/// Runs a library subcommand; the exit status.
pub fn run(command: LibraryCommand) -> anyhow::Result<i32> {
    match command {
        LibraryCommand::Add { files, data_dir } => Ok(add(&files, data_dir)),
        LibraryCommand::Remove { id, data_dir } => Ok(remove(&id, data_dir)),
        LibraryCommand::Library { format, data_dir } => listing(format, data_dir),
        LibraryCommand::Search {
            query,
            tag,
            data_dir,
        } => search(&query, tag.as_deref(), data_dir),
    }
}

fn add(files: &[PathBuf], data_dir: Option<PathBuf>) -> i32 {
    let Some(dir) = data_dir_or_say(data_dir) else {
        return 1;
    };
    let mut failed = false;
    for file in files {
        let shown = file.display().to_string();
        match library::add(&dir, file) {
            Ok(added) => {
                for w in &added.warnings {
                    eprintln!("{}", w.display(&shown));
                }
                println!(
                    "{} {}: {}",
                    if added.updated { "updated" } else { "added" },
                    clean_line(&added.entry.id),
                    clean_line(&added.entry.title)
                );
            }
            Err(e) => {
                eprintln!("{}", clean_line(&e.to_string()));
                failed = true;
            }
        }
    }
    i32::from(failed)
}

fn remove(id: &str, data_dir: Option<PathBuf>) -> i32 {
    let Some(dir) = data_dir_or_say(data_dir) else {
        return 1;
    };
    match library::remove(&dir, id) {
        Ok(entry) => {
            let notes = crate::notes::notes_path(&dir, &entry.id);
            let kept = if notes.exists() {
                format!("its notes stay in {}", notes.display())
            } else {
                "it had no notes".to_owned()
            };
            println!(
                "removed {}: {}; {}",
                clean_line(&entry.id),
                clean_line(&entry.title),
                clean_line(&kept)
            );
            0
        }
        Err(e) => {
            eprintln!("lectern remove: {}", clean_line(&e.to_string()));
            1
        }
    }
}

fn write_out(text: &str) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    Ok(0)
}

fn listing(format: LibraryFormat, data_dir: Option<PathBuf>) -> anyhow::Result<i32> {
    let Some(dir) = data_dir_or_say(data_dir) else {
        return Ok(1);
    };
    let listing = library::list(&dir);
    for m in &listing.messages {
        eprintln!("{}", clean_line(m));
    }
    let text = match format {
        LibraryFormat::Ron => crate::notes::to_ron(&listing.entries)?,
        LibraryFormat::Text => {
            let width = library::id_width(&listing.entries);
            listing.entries.iter().fold(String::new(), |mut s, e| {
                let _ = writeln!(s, "{}", library::entry_line(e, width, false));
                s
            })
        }
    };
    write_out(&text)
}

/// The entries with `tag` (all without one), and the messages of the listing printed.
fn entries_with(dir: &Path, tag: Option<&str>) -> Vec<Entry> {
    let listing = library::list(dir);
    for m in &listing.messages {
        eprintln!("{}", clean_line(m));
    }
    let tag = tag.map(|t| t.trim_start_matches('#'));
    listing
        .entries
        .into_iter()
        .filter(|e| tag.is_none_or(|t| e.tags.iter().any(|x| x == t)))
        .collect()
}

/// The article the reader starts on (its first part, and the rest to read in the
/// background: see [`crate::loading`]), the name its messages go by, and what to tell the
/// reader: `article` when given; else the library's last read (the bundled article on
/// the first run, or when the last one cannot be read: the message says why).
pub fn first_article(
    article: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<(crate::loading::Opening, String, Option<String>), crate::diag::FileError> {
    if let Some(path) = article {
        let opening = crate::loading::open(path)?;
        return Ok((opening, path.display().to_string(), None));
    }
    let bundled =
        || crate::content::bundled().map(|first| crate::loading::Opening { first, rest: None });
    let Some(dir) = data_dir else {
        return Ok((bundled()?, crate::content::BUNDLED_NAME.to_owned(), None));
    };
    let last = library::last_opened(dir).filter(|e| e.id != library::bundled_entry().id);
    let Some(last) = last else {
        return Ok((bundled()?, crate::content::BUNDLED_NAME.to_owned(), None));
    };
    let path = library::article_path(dir, &last.id);
    match library::open_article(dir, &last.id) {
        Ok(opening) => Ok((opening, path.display().to_string(), None)),
        Err(e) => Ok((
            bundled()?,
            crate::content::BUNDLED_NAME.to_owned(),
            Some(format!("{e}; the bundled article is open instead")),
        )),
    }
}

/// Runs the reader on `app`, and again on each article opened from the library screen:
/// the reader closes first (saving the notes and letting their lock go), its keymap and
/// settings go on to the next. Each article read is recorded in the library (when it is
/// there): when, how far, how many notes.
pub fn run_reader(mut app: crate::app::App, data_dir: Option<PathBuf>) -> anyhow::Result<i32> {
    loop {
        let code = crate::term::run(&mut app)?;
        if let Some(e) = app.load_error.take() {
            // The article turned out unreadable after the reader started: said as on the
            // command line, with the terminal given back.
            eprintln!("{e}");
            return Ok(1);
        }
        if let Some(dir) = &data_dir {
            record(&app, dir);
        }
        let next = app.open_next.take().filter(|_| code == 0);
        let (Some(id), Some(dir)) = (next, data_dir.as_deref()) else {
            return Ok(code);
        };
        let loaded = match library::load_article(dir, &id) {
            Ok(l) => l,
            Err(e) => {
                // Back to the article that was open, saying why.
                app.should_quit = false;
                app.error(clean_line(&e.to_string()).into_owned());
                continue;
            }
        };
        app = next_app(app, loaded, dir);
    }
}

/// A reader on `loaded` with `old`'s keymap and settings; `old` goes (and its lock).
fn next_app(
    old: crate::app::App,
    loaded: crate::model::load::Loaded,
    dir: &Path,
) -> crate::app::App {
    let crate::app::App {
        keymap,
        settings,
        config,
        config_path,
        area,
        ..
    } = old;
    let mut app = crate::app::App::new(loaded.doc, keymap, settings);
    app.config = config;
    app.config_path = config_path;
    app.resize(area.width, area.height);
    let shown = library::article_path(dir, &app.doc.meta.id)
        .display()
        .to_string();
    let mut notice = app.open_storage(dir);
    notice.extend(crate::diag::warning_lines(&loaded.warnings, &shown));
    if !notice.is_empty() {
        app.popup = Some(crate::app::Popup::Notice {
            title: " On opening ".to_owned(),
            lines: notice,
            scroll: 0,
        });
    }
    app
}

/// Notes in the library that `app`'s article was read now, how far, with how many notes;
/// only that it was opened when it was closed before it was whole (how far it was read and
/// its notes are not known then: they open with the whole).
fn record(app: &crate::app::App, dir: &Path) {
    let read = app.read.iter().filter(|r| **r).count();
    let how_far = app.loading.is_none().then(|| {
        (
            library::ops::percent(read, app.read.len()),
            app.notes.written_notes(),
        )
    });
    let _ = library::touch(dir, &app.doc.meta.id, how_far);
}

/// Characters of context shown on each side of a match.
const CONTEXT_CHARS: usize = 30;

/// `…before match after…` around `range` of `text`.
pub fn snippet(text: &str, range: std::ops::Range<usize>) -> String {
    let before: String = {
        let b: Vec<char> = text[..range.start]
            .chars()
            .rev()
            .take(CONTEXT_CHARS)
            .collect();
        b.into_iter().rev().collect()
    };
    let after: String = text[range.end..].chars().take(CONTEXT_CHARS).collect();
    let lead = if before.len() < range.start {
        "…"
    } else {
        ""
    };
    let tail = if range.end + after.len() < text.len() {
        "…"
    } else {
        ""
    };
    let s = format!("{lead}{before}{}{after}{tail}", &text[range]);
    clean_line(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

fn search(query: &str, tag: Option<&str>, data_dir: Option<PathBuf>) -> anyhow::Result<i32> {
    let Some(dir) = data_dir_or_say(data_dir) else {
        return Ok(1);
    };
    let Some(q) = crate::search::Query::new(query) else {
        eprintln!("lectern search: the query is empty");
        return Ok(2);
    };
    let mut out = String::new();
    let mut found = false;
    for entry in entries_with(&dir, tag) {
        let doc = match library::load_article(&dir, &entry.id) {
            Ok(l) => l.doc,
            Err(e) => {
                eprintln!("{}; skipped", clean_line(&e.to_string()));
                continue;
            }
        };
        let results = crate::search::search(&doc, &[], &q);
        let mut last = None;
        for m in &results.text {
            // One line per paragraph: its first match.
            if last == Some(m.paragraph) {
                continue;
            }
            last = Some(m.paragraph);
            found = true;
            let text = doc.paragraphs[m.paragraph].plain_text();
            let _ = writeln!(
                out,
                "{}:{}: {}",
                clean_line(&entry.id),
                doc.place_label(m.paragraph),
                snippet(&text, m.range.clone())
            );
        }
    }
    write_out(&out)?;
    Ok(if found { 0 } else { 1 })
}

/// `lectern notes --all` / `--tag T`: the notes of every article (with that tag) that has
/// any, one Markdown file grouped by article (by title), each in reading order.
pub fn notes_all(
    tag: Option<&str>,
    data_dir: Option<PathBuf>,
    markdown: bool,
) -> anyhow::Result<i32> {
    if !markdown {
        eprintln!(
            "lectern notes: --all and --tag write one Markdown file; --format ron and \
             --format obsidian are for one article at a time"
        );
        return Ok(2);
    }
    let Some(dir) = data_dir_or_say(data_dir) else {
        return Ok(1);
    };
    let mut entries = entries_with(&dir, tag);
    entries.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
    let now = crate::notes::now();
    let mut parts = Vec::new();
    for entry in entries {
        let path = crate::notes::notes_path(&dir, &entry.id);
        if !path.exists() {
            continue;
        }
        let file = match crate::notes::read_file(&path) {
            Ok(f) if !(f.notes.is_empty() && f.highlights.is_empty() && f.terms.is_empty()) => f,
            Ok(_) => continue,
            Err(e) => {
                eprintln!("{e}; skipped");
                continue;
            }
        };
        let doc = match library::load_article(&dir, &entry.id) {
            Ok(l) => l.doc,
            Err(e) => {
                eprintln!("{}; its notes are skipped", clean_line(&e.to_string()));
                continue;
            }
        };
        let (state, _) = crate::notes::state::ReadingState::open(&dir, &doc);
        let bookmarks = state.bookmarks(&doc);
        parts.push(crate::notes::export::file_markdown(
            &doc, file, &bookmarks, now,
        ));
    }
    if parts.is_empty() {
        eprintln!(
            "lectern notes: no notes in the library{}",
            match tag {
                Some(t) => format!(" with the tag {}", clean_line(t)),
                None => String::new(),
            }
        );
    }
    write_out(&parts.join("\n"))
}
