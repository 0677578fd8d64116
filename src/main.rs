//! The `lectern` binary: parses the command line and hands over to the library.

use lectern::cli::{self, Command};

fn main() -> anyhow::Result<()> {
    let args = cli::parse_args();
    lectern::cache::set_dir(args.cache_dir);
    let code = match args.command {
        Some(Command::Print {
            article,
            width,
            format,
            section,
        }) => cli::print(article, width, format, section.as_deref())?,
        Some(Command::Check { files }) => cli::check(&files),
        Some(Command::Glossary { suggest }) => cli::glossary_suggest(&suggest),
        Some(Command::Notes {
            article,
            format,
            data_dir,
        }) => cli::notes(article, format, data_dir)?,
        Some(Command::Import { file, output }) => cli::import(&file, output.as_deref())?,
        None => cli::read(args.read)?,
    };
    std::process::exit(code);
}
