//! The `talkgraph` binary: a thin layer over the library that owns policy (what to print,
//! when to stop, which exit status).

mod cli;

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, ExportArgs};
use talkgraph::extract::{ExtractOptions, extract};
use talkgraph::resolve::Resolver;
use talkgraph::{Error, Format, input};

/// Exit status when a note could not be read or the output not written.
const FAILED: u8 = 1;
/// Exit status on usage errors (as clap uses).
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { USAGE } else { 0 });
        }
    };
    match cli.command {
        Command::Export(args) => export(&args),
    }
}

fn export(args: &ExportArgs) -> ExitCode {
    let mut resolver = match Resolver::new(&args.base) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(USAGE);
        }
    };
    let format = args
        .format
        .map(Format::from)
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Turtle);
    let options = ExtractOptions { event: args.event.clone() };
    let mut failed = false;

    let (inputs, errors) = input::collect(&args.paths);
    for e in errors {
        eprintln!("talkgraph: error: {e}");
        if args.strict {
            return ExitCode::from(FAILED);
        }
        failed = true;
    }
    for note in &inputs {
        match input::read(note) {
            Ok(text) => {
                let x = extract(&note.name, &text, &options);
                if !args.quiet {
                    for d in &x.diagnostics {
                        eprintln!("talkgraph: {d}");
                    }
                }
                resolver.add(&x.note);
            }
            Err(e) => {
                eprintln!("talkgraph: error: {e}; note skipped");
                if args.strict {
                    return ExitCode::from(FAILED);
                }
                failed = true;
            }
        }
    }
    let graph = resolver.finish();
    let exporter = format.exporter();
    let written = match &args.output {
        Some(path) => write_atomically(path, |w| exporter.export(&graph, w)),
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            exporter.export(&graph, &mut out).and_then(|()| out.flush().map_err(Error::from))
        }
    };
    match written {
        Ok(()) => {}
        Err(e) if is_broken_pipe(&e) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
    }
    if failed { ExitCode::from(FAILED) } else { ExitCode::SUCCESS }
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Write(io) if io.kind() == io::ErrorKind::BrokenPipe)
}

/// Writes through `f` into a temporary file beside `path`, then renames it over `path`; on
/// any error the temporary file is removed and `path` is left as it was.
fn write_atomically(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<(), Error>) -> Result<(), Error> {
    let io_err = |source: io::Error| Error::Io { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name =
        path.file_name().ok_or_else(|| io_err(io::Error::new(io::ErrorKind::InvalidInput, "not a file name")))?;
    let tmp: PathBuf = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let file = OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(io_err)?;
    let mut w = BufWriter::new(file);
    let result = f(&mut w)
        .and_then(|()| w.flush().map_err(Error::from))
        .and_then(|()| w.get_ref().sync_all().map_err(Error::from))
        .and_then(|()| fs::rename(&tmp, path).map_err(io_err));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
