//! Time to the first screen, lectern against `less` in the same run (issue 20): each command
//! is started in a pseudo-terminal of 80x24 and timed until its screen (a vt100 parser fed
//! with everything the program wrote) shows the first paragraph's opening words. Runs
//! alternate between the programs so that a busy machine weighs on both alike.
//!
//! `bash benches/first_screen.sh` builds the release binary and runs this; by hand:
//! `cargo run --release --example first_screen -- [RUNS [GROUP]]` (GROUP: only the files
//! whose name contains it, such as `EPUB`). Prints a Markdown table of
//! medians (and minimums) in milliseconds.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The opening words of the bundled article's first paragraph (and of every chapter of the
/// reference book).
const SEED: &str = "The situation on the Korean";

struct Case {
    name: String,
    /// What the first screen shows once the text is there.
    seed: String,
    program: PathBuf,
    args: Vec<String>,
    /// A fresh cache directory for every run (a cold open) or one kept warm.
    cold: bool,
}

fn main() -> std::io::Result<()> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    let only = std::env::args().nth(2).unwrap_or_default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lectern = std::env::var_os("LECTERN_BIN")
        .map_or_else(|| root.join("target/release/lectern"), PathBuf::from);
    // The commands run in a temporary directory: a relative path would not be found.
    let lectern = std::fs::canonicalize(&lectern).unwrap_or(lectern);
    let less = PathBuf::from("/usr/bin/less");
    let tmp = tempfile::tempdir()?;
    let work = tmp.path();

    // The seed text for less: the bundled article as lectern prints it.
    let printed = std::process::Command::new(&lectern)
        .args(["print", "--width", "80"])
        .output()?;
    std::fs::write(work.join("article.txt"), &printed.stdout)?;
    let book4 = work.join("book.md");
    std::fs::write(&book4, lectern::import::book_markdown(100))?;
    let book40 = work.join("book40.md");
    std::fs::write(&book40, lectern::import::book_markdown(1000))?;
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    eprintln!(
        "book.md {} bytes, book40.md {} bytes, {runs} runs each",
        size(&book4),
        size(&book40)
    );

    // The EPUB novel of issue 14 (generated: 140 chapters, about 220,000 words), and its
    // plain text for less.
    let (novel, _) = lectern::import::novel_epub(140, 1_570);
    let epub = work.join("novel.epub");
    std::fs::write(&epub, &novel)?;
    let novel_doc = lectern::import::parse_epub(novel)
        .map_err(|_| std::io::Error::other("the novel does not open"))?
        .doc;
    std::fs::write(
        work.join("novel.txt"),
        lectern::print::render(&novel_doc, None),
    )?;
    let novel_seed: String = novel_doc.paragraphs[0]
        .plain_text()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let s = |p: &Path| p.display().to_string();
    let groups: Vec<(String, Vec<Case>)> = vec![
        (
            "bundled article".into(),
            vec![
                case("lectern", &lectern, &[], false),
                case(
                    "less (seed text)",
                    &less,
                    &[s(&work.join("article.txt"))],
                    false,
                ),
            ],
        ),
        (
            format!("4 MB book ({} bytes)", size(&book4)),
            vec![
                case("lectern cold", &lectern, &[s(&book4)], true),
                case("lectern cached", &lectern, &[s(&book4)], false),
                case("less", &less, &[s(&book4)], false),
            ],
        ),
        (
            format!("40 MB book ({} bytes)", size(&book40)),
            vec![
                case("lectern cold", &lectern, &[s(&book40)], true),
                case("lectern cached", &lectern, &[s(&book40)], false),
                case("less", &less, &[s(&book40)], false),
            ],
        ),
        (
            format!("EPUB novel ({} bytes)", size(&epub)),
            [
                case("lectern cold", &lectern, &[s(&epub)], true),
                case("lectern cached", &lectern, &[s(&epub)], false),
                case(
                    "less (its text)",
                    &less,
                    &[s(&work.join("novel.txt"))],
                    false,
                ),
            ]
            .into_iter()
            .map(|c| Case {
                seed: novel_seed.clone(),
                ..c
            })
            .collect(),
        ),
    ];

    println!("| file | command | median | min |");
    println!("|---|---|---:|---:|");
    for (group, cases) in groups.into_iter().filter(|(g, _)| g.contains(&only)) {
        let warm = work.join("cache-warm");
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
        // One untimed run of each: the files in the page cache, and the warm cache filled
        // (lectern shows a big book before it is read: this run waits until it is).
        for c in &cases {
            run(c, work, &warm, 0)?;
            if !c.cold && c.program == lectern {
                read_whole(c, work, &warm)?;
            }
        }
        for r in 0..runs {
            for (i, c) in cases.iter().enumerate() {
                times[i].push(run(c, work, &warm, r + 1)?);
            }
        }
        for (c, mut t) in cases.iter().zip(times) {
            t.sort();
            println!(
                "| {group} | {} | {:.1} ms | {:.1} ms |",
                c.name,
                ms(t[t.len() / 2]),
                ms(t[0])
            );
        }
    }
    Ok(())
}

fn case(name: &str, program: &Path, args: &[String], cold: bool) -> Case {
    Case {
        name: name.to_owned(),
        seed: SEED.to_owned(),
        program: program.to_path_buf(),
        args: args.to_vec(),
        cold,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// An 80x24 pseudo-terminal, and the case's command set to run in `work` with its cache in
/// `cache` (less ignores lectern's variables).
fn setup(
    c: &Case,
    work: &Path,
    cache: &Path,
) -> std::io::Result<(portable_pty::PtyPair, CommandBuilder)> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(std::io::Error::other)?;
    let mut cmd = CommandBuilder::new(&c.program);
    cmd.args(&c.args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", work);
    cmd.env("LESS", "");
    cmd.env("LECTERN_DATA_DIR", work.join("data"));
    cmd.env("LECTERN_CACHE_DIR", cache);
    cmd.cwd(work);
    Ok((pair, cmd))
}

/// Runs lectern on the case's file until it has read all of it (and kept its conversion in
/// `warm`), then lets it exit.
fn read_whole(c: &Case, work: &Path, warm: &Path) -> std::io::Result<()> {
    let (pair, mut cmd) = setup(c, work, warm)?;
    cmd.env("LECTERN_EXIT_WHEN_READ", "1");
    let mut reader = pair
        .master
        .try_clone_reader()
        .map_err(std::io::Error::other)?;
    let drain = std::thread::spawn(move || {
        let mut buf = [0u8; 64 << 10];
        while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
    });
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(std::io::Error::other)?;
    drop(pair.slave);
    child.wait()?;
    drop(pair.master);
    let _ = drain.join();
    Ok(())
}

/// Starts the case's command and returns how long until its seed is on its screen.
fn run(c: &Case, work: &Path, warm: &Path, n: usize) -> std::io::Result<Duration> {
    let cache = if c.cold {
        work.join(format!("cache-cold-{n}"))
    } else {
        warm.to_path_buf()
    };
    let (pair, cmd) = setup(c, work, &cache)?;
    let mut reader = pair
        .master
        .try_clone_reader()
        .map_err(std::io::Error::other)?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    let start = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(std::io::Error::other)?;
    drop(pair.slave);
    std::thread::spawn(move || {
        let mut buf = [0u8; 64 << 10];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(24.try_into().unwrap(), 80.try_into().unwrap(), 0);
    let elapsed = loop {
        let Ok(bytes) = rx.recv_timeout(Duration::from_secs(30)) else {
            let _ = child.kill();
            return Err(std::io::Error::other(format!(
                "{}: no first screen within 30 s:\n{}",
                c.name,
                parser.screen().contents()
            )));
        };
        parser.process(&bytes);
        if parser.screen().contents().contains(&c.seed) {
            break start.elapsed();
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    if c.cold {
        let _ = std::fs::remove_dir_all(&cache);
    }
    Ok(elapsed)
}
