//! The `lectern` binary: parses the command line and hands over to the library.

use lectern::cli::{self, Command};

fn main() -> anyhow::Result<()> {
    // A dependency's panic that lectern catches on purpose is not printed.
    lectern::contained::quiet_hook();
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
        Some(Command::Glossary {
            suggest: Some(suggest),
            ..
        }) => cli::glossary_suggest(&suggest),
        Some(Command::Glossary {
            format,
            article,
            data_dir,
            ..
        }) => match format {
            Some(format) => lectern::cli_cite::glossary(article, format, data_dir)?,
            None => 2,
        },
        Some(Command::Cite { article, format }) => lectern::cli_cite::cite(article, format)?,
        Some(Command::Notes {
            all,
            tag,
            data_dir,
            format,
            ..
        }) if all || tag.is_some() => {
            let markdown = format == cli::NotesFormat::Markdown;
            cli::library::notes_all(tag.as_deref(), data_dir, markdown)?
        }
        Some(Command::Notes {
            article,
            format,
            data_dir,
            ..
        }) => cli::notes(article, format, data_dir)?,
        Some(Command::Library(command)) => cli::library::run(command)?,
        Some(Command::Import { file, output }) => cli::import(&file, output.as_deref())?,
        None => cli::read(args.read)?,
    };
    std::process::exit(code);
}
