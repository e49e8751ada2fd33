//! The `talkgraph` binary: a thin layer over the library that owns policy (what to print,
//! when to stop, which exit status).

mod cli;
mod store_commands;

/// mimalloc: extraction and resolution make many small, short-lived allocations, on which
/// glibc's allocator spent a third of the time (perf); the binary only, not the library. Built
/// without transparent huge pages (`no_thp`): with them, every page mimalloc purged and used
/// again was faulted back in as 2 MB of zeroes (15% of the time in the kernel's clear_page).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use cli::{
    CheckArgs, Cli, Command, EmailsArg, EvalArgs, ExportArgs, MentionsArg, Output, ProvenanceArg, ReportArg, StatsArgs,
    ViewArgs,
};
use std::ops::ControlFlow;
use talkgraph::export::{EmailMode, ExportOptions, ProvenanceMode};

use talkgraph::extract::{ExtractOptions, Mentions};
use talkgraph::stream::{Event, Outcome, Settings};
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
        Command::Eval(args) => eval(&args),
        Command::Check(args) => check(&args),
        Command::Query(args) => store_commands::query(&args),
        Command::Push(args) => store_commands::push(&args),
        Command::Stats(args) => stats(&args),
    }
}

/// The notes under `paths`, each under a name of its own ([`input::tell_apart`], which prints
/// a warning for each note renamed or given twice unless `quiet`), and the problems met.
fn collect(paths: &[PathBuf], quiet: bool) -> (Vec<input::Input>, Vec<Error>) {
    let (mut inputs, errors) = input::collect(paths);
    if paths.len() > 1 {
        for w in input::tell_apart(&mut inputs) {
            if !quiet {
                eprintln!("talkgraph: warning: {w}");
            }
        }
    }
    (inputs, errors)
}

/// `check --talks`: each talk found, its speakers and organizations, and the conventions that
/// read it.
fn print_talks(out: &mut impl Write, path: &str, note: &talkgraph::model::Note) -> io::Result<()> {
    for t in &note.talks {
        let who: Vec<String> = t
            .speakers
            .iter()
            .map(|s| {
                let orgs: Vec<&str> = s.orgs.iter().map(|o| o.name.as_str()).collect();
                if orgs.is_empty() { s.name.clone() } else { format!("{} ({})", s.name, orgs.join(", ")) }
            })
            .collect();
        let who = if who.is_empty() { "no speaker".to_owned() } else { who.join("; ") };
        writeln!(out, "{path}:{}: {} {:?}: {who} [{}]", t.line, t.kind, t.title, t.conventions.join(", "))?;
    }
    Ok(())
}

fn check(args: &CheckArgs) -> ExitCode {
    let (inputs, errors) = collect(&args.paths, false);
    let mut failed = !errors.is_empty();
    for e in errors {
        eprintln!("talkgraph: error: {e}");
    }
    let (mut n_errors, mut n_warnings) = (0usize, 0usize);
    let mut out = BufWriter::new(io::stdout().lock());
    let limits: talkgraph::extract::Limits = args.limits.into();
    for note in &inputs {
        let text = match input::read(note, limits.max_note_size) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("talkgraph: error: {e}");
                failed = true;
                continue;
            }
        };
        let shown = match &note.origin {
            input::Origin::File(p) => p.display().to_string(),
            input::Origin::Stdin => note.name.clone(),
        };
        let options = ExtractOptions { lint: true, limits, ..ExtractOptions::default() };
        let extracted = talkgraph::stream::guard(&shown, || talkgraph::extract::try_extract(&shown, &text, &options));
        let mut diagnostics = match extracted {
            Ok(x) if args.talks => {
                if print_talks(&mut out, &shown, &x.note).is_err() {
                    return ExitCode::SUCCESS; // Broken pipe: the reader has gone.
                }
                x.diagnostics
            }
            Ok(x) => x.diagnostics,
            Err(e) => {
                eprintln!("talkgraph: error: {e}");
                failed = true;
                continue;
            }
        };
        diagnostics.sort_by_key(|d| (d.line, d.column));
        for d in &diagnostics {
            match d.severity {
                talkgraph::Severity::Error => n_errors += 1,
                talkgraph::Severity::Warning => n_warnings += 1,
            }
            if print_diagnostic(&mut out, d, &text).is_err() {
                return ExitCode::SUCCESS; // Broken pipe: the reader has gone.
            }
        }
    }
    let _ = out.flush();
    eprintln!(
        "talkgraph: {} note{} checked: {n_errors} error{}, {n_warnings} warning{}",
        inputs.len(),
        if inputs.len() == 1 { "" } else { "s" },
        if n_errors == 1 { "" } else { "s" },
        if n_warnings == 1 { "" } else { "s" },
    );
    if failed || n_errors > 0 { ExitCode::from(FAILED) } else { ExitCode::SUCCESS }
}

/// `path:line:col: severity: message [code]`, the line quoted with a caret, and the hint.
fn print_diagnostic(out: &mut impl Write, d: &talkgraph::Diagnostic, text: &str) -> io::Result<()> {
    writeln!(out, "{d} [{}]", d.code)?;
    let quoted = (d.line > 0)
        .then(|| text.split('\n').nth(d.line as usize - 1))
        .flatten()
        .map(|l| l.trim_end_matches('\r').replace('\t', "    "));
    if let Some(line) = quoted {
        let number = d.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(out, "{pad} |")?;
        writeln!(out, "{number} | {line}")?;
        if d.column > 0 {
            writeln!(out, "{pad} | {}^", " ".repeat(d.column as usize - 1))?;
        }
    }
    if let Some(h) = &d.hint {
        writeln!(out, "  = hint: {h}")?;
    }
    writeln!(out)
}

fn eval(args: &EvalArgs) -> ExitCode {
    let gold = match fs::read_to_string(&args.gold) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("talkgraph: error: {}: {e}", args.gold.display());
            return ExitCode::from(FAILED);
        }
    };
    let gold = match talkgraph::eval::parse_gold(&gold) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("talkgraph: error: {}: {e}", args.gold.display());
            return ExitCode::from(FAILED);
        }
    };
    let (inputs, errors) = collect(&args.paths, false);
    let mut failed = !errors.is_empty();
    for e in errors {
        eprintln!("talkgraph: error: {e}");
    }
    let settings = Settings {
        base: talkgraph::vocab::DEFAULT_BASE.to_owned(),
        extract: ExtractOptions::default(),
        mentions: mentions_mode(args.mentions),
        export: ExportOptions::default(),
        quads: false,
    };
    let mut on = |event: Event<'_>| {
        if let Event::Unreadable(e) = event {
            eprintln!("talkgraph: error: {e}; note skipped");
            failed = true;
        }
        ControlFlow::Continue(())
    };
    let notes = match talkgraph::stream::notes(&inputs, &settings, &mut on, &|| {}) {
        Ok((notes, _)) => notes,
        Err(e) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    let report = talkgraph::eval::evaluate_with_examples(&gold, &notes, args.examples.unwrap_or(0));
    match args.report {
        ReportArg::Table => {
            print!("{report}");
            if args.examples.is_some() {
                for (m, ex) in &report.examples {
                    if !ex.is_empty() {
                        println!("\n{m}:");
                        for e in ex {
                            println!("  {e}");
                        }
                    }
                }
            }
        }
        ReportArg::Json => println!("{:#}", report.to_json()),
    }
    if failed { ExitCode::from(FAILED) } else { ExitCode::SUCCESS }
}

fn export(args: &ExportArgs) -> ExitCode {
    match with_jobs(args.jobs, || export_on_pool(args)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("talkgraph: error: cannot start {} threads: {e}", args.jobs.unwrap_or(0));
            ExitCode::from(FAILED)
        }
    }
}

/// Runs `f` on a rayon pool of `jobs` threads (all cores when `None`).
fn with_jobs<T: Send>(jobs: Option<u16>, f: impl FnOnce() -> T + Send) -> Result<T, rayon::ThreadPoolBuildError> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        builder = builder.num_threads(usize::from(n));
    }
    Ok(builder.build()?.install(f))
}

fn export_on_pool(args: &ExportArgs) -> ExitCode {
    if let Err(e) = talkgraph::resolve::validate_base(&args.base) {
        eprintln!("talkgraph: error: {e}");
        return ExitCode::from(USAGE);
    }
    let output = args
        .format
        .map(Output::from)
        .or_else(|| args.output.as_deref().and_then(Output::from_path))
        .unwrap_or(Output::Format(Format::Turtle));
    if let Err(message) = check_output(args, output) {
        eprintln!("talkgraph: error: {message}");
        return ExitCode::from(USAGE);
    }
    if let Output::Image(_) = output
        && let Err(e) = talkgraph::export::render::graphviz_version()
    {
        eprintln!("talkgraph: error: {e}");
        return ExitCode::from(FAILED);
    }
    let options = ExportOptions {
        emails: match args.emails {
            EmailsArg::Omit => EmailMode::Omit,
            EmailsArg::Hash => EmailMode::Hash,
            EmailsArg::Keep => EmailMode::Keep,
        },
        provenance: match args.provenance {
            ProvenanceArg::Lines => ProvenanceMode::Lines,
            ProvenanceArg::Notes => ProvenanceMode::Notes,
            ProvenanceArg::None => ProvenanceMode::None,
        },
    };
    stream(args, output, options)
}

/// Usage errors of a format with the other flags, found before any note is read.
fn check_output(args: &ExportArgs, output: Output) -> Result<(), String> {
    use std::io::IsTerminal;
    if args.view.given() && !output.takes_views() {
        return Err("--focus, --kinds, --only-event, --clusters and --layout apply to diagrams and analytics \
                    (--format dot, svg, png, mermaid, graphml, json-graph, csv); the RDF formats write the whole graph"
            .into());
    }
    if args.view.layout.is_some() && !matches!(output, Output::Format(Format::Dot) | Output::Image(_)) {
        return Err("--layout applies to Graphviz output (--format dot, svg, png)".into());
    }
    match (output, args.output.as_deref()) {
        (Output::Csv, None) => {
            Err("--format csv writes two files, nodes.csv and edges.csv: name their folder with -o DIR".into())
        }
        (Output::Csv, Some(dir)) if dir.is_file() => {
            Err(format!("-o {}: is a file; --format csv writes nodes.csv and edges.csv into a folder", dir.display()))
        }
        (Output::Image(talkgraph::export::Image::Png), None) if io::stdout().is_terminal() => {
            Err("a PNG picture is not for a terminal: write it to a file with -o FILE.png, or redirect".into())
        }
        _ => Ok(()),
    }
}

/// The view the flags ask for, and the line a diagram shows under its title.
fn view_of(v: &ViewArgs) -> (talkgraph::view::View, Option<String>) {
    let view = talkgraph::view::View {
        focus: v.focus.clone(),
        depth: v.depth,
        kinds: v.kinds.clone(),
        events: v.only_event.clone(),
    };
    let mut parts = Vec::new();
    if !v.only_event.is_empty() {
        parts.push(format!("conference: {}", v.only_event.join(", ")));
    }
    if !v.focus.is_empty() {
        parts.push(format!("focus: {} (depth {})", v.focus.join(", "), v.depth));
    }
    if !v.kinds.is_empty() {
        let kinds: Vec<&str> = v.kinds.iter().map(|k| talkgraph::view::kind_name(*k)).collect();
        parts.push(format!("kinds: {}", kinds.join(", ")));
    }
    (view, (!parts.is_empty()).then(|| parts.join("; ")))
}

/// Above this many entities a picture is rarely readable: a warning suggests a view.
const LARGE_DIAGRAM: usize = 400;

/// Writes the merged graph (narrowed by the view flags) in a diagram, analytics or RDF format.
fn write_merged(
    args: &ExportArgs,
    output: Output,
    options: ExportOptions,
    graph: talkgraph::KnowledgeGraph,
) -> Result<(), Error> {
    use talkgraph::export::{
        CsvExporter, DiagramOptions, DotExporter, EDGES_FILE, Exporter, ImageExporter, MermaidExporter, NODES_FILE,
    };
    let (view, caption) = view_of(&args.view);
    let (graph, focus) = if view.is_whole() {
        (graph, Vec::new())
    } else {
        match view.apply(&graph) {
            Ok(sub) => (sub.graph, sub.focus),
            Err(e) => {
                // Reported here; `Stopped` makes the run fail without another message.
                eprintln!("talkgraph: error: {e}");
                return Err(Error::Stopped);
            }
        }
    };
    let diagram = DiagramOptions {
        clusters: args.view.clusters.map(Into::into).unwrap_or_default(),
        layout: args.view.layout.map(Into::into).unwrap_or_default(),
        focus,
        caption,
    };
    let n = graph.entity_count();
    let drawn = matches!(output, Output::Image(_) | Output::Format(Format::Dot | Format::Mermaid));
    if drawn && n > LARGE_DIAGRAM && !args.quiet {
        eprintln!(
            "talkgraph: warning: {n} entities in one picture will be hard to read; narrow it with --focus NAME \
             --depth N, --kinds talk,person,tool or --only-event NAME (docs/DIAGRAMS.md)"
        );
    }
    let data = talkgraph::Dataset::from_graph(graph);
    match output {
        Output::Format(Format::Dot) => {
            let exporter = DotExporter { options, diagram };
            write_output(args.output.as_deref(), |w| exporter.export(&data, w))
        }
        Output::Format(Format::Mermaid) => {
            let exporter = MermaidExporter { options, diagram };
            let mut text = Vec::new();
            exporter.export(&data, &mut text)?;
            if (data.graph.relation_count() > MermaidExporter::MAX_EDGES || text.len() > MermaidExporter::MAX_TEXT)
                && !args.quiet
            {
                eprintln!(
                    "talkgraph: warning: {} relations and {} bytes: Mermaid draws at most {} relations and {} \
                     characters unless configured otherwise; narrow the view with --focus, --kinds or --only-event",
                    data.graph.relation_count(),
                    text.len(),
                    MermaidExporter::MAX_EDGES,
                    MermaidExporter::MAX_TEXT
                );
            }
            write_output(args.output.as_deref(), |w| w.write_all(&text).map_err(Error::from))
        }
        Output::Format(format) => {
            let exporter = format.exporter(options);
            write_output(args.output.as_deref(), |w| exporter.export(&data, w))
        }
        Output::Image(image) => {
            let exporter = ImageExporter { dot: DotExporter { options, diagram }, image };
            // Rendered in memory first: no picture is half written, not even to standard output.
            let mut picture = Vec::new();
            exporter.export(&data, &mut picture)?;
            write_output(args.output.as_deref(), |w| w.write_all(&picture).map_err(Error::from))
        }
        Output::Csv => {
            let dir = args.output.as_deref().unwrap_or(Path::new("."));
            fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })?;
            let csv = CsvExporter { options };
            write_atomically(&dir.join(NODES_FILE), |w| csv.write_nodes(&data.graph, w))?;
            write_atomically(&dir.join(EDGES_FILE), |w| csv.write_edges(&data.graph, w))
        }
    }
}

fn stats(args: &StatsArgs) -> ExitCode {
    let (inputs, errors) = collect(&args.paths, args.quiet);
    let mut failed = !errors.is_empty();
    for e in errors {
        eprintln!("talkgraph: error: {e}");
    }
    let settings = Settings {
        base: talkgraph::vocab::DEFAULT_BASE.to_owned(),
        extract: ExtractOptions { event: args.event.clone(), limits: args.limits.into(), ..ExtractOptions::default() },
        mentions: mentions_mode(args.mentions),
        export: ExportOptions::default(),
        quads: false,
    };
    let mut on = |event: Event<'_>| {
        match event {
            Event::Unreadable(e) => {
                eprintln!("talkgraph: error: {e}; note skipped");
                failed = true;
            }
            Event::Diagnostic(d) if !args.quiet => eprintln!("talkgraph: {d}"),
            Event::Diagnostic(_) => {}
        }
        ControlFlow::Continue(())
    };
    let graph = match talkgraph::stream::merge(&inputs, &settings, &mut on, &|| {}) {
        Ok((graph, _)) => graph,
        Err(e) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    let stats = talkgraph::stats::Stats::of(&graph, args.top);
    let text = if args.json { format!("{:#}\n", stats.to_json()) } else { stats.to_string() };
    let mut out = io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        return ExitCode::SUCCESS; // Broken pipe: the reader has gone.
    }
    if failed { ExitCode::from(FAILED) } else { ExitCode::SUCCESS }
}

/// N-Triples and N-Quads are written note by note as the notes are read
/// ([`talkgraph::stream::stream`]); Turtle, JSON-LD and DOT from the merged graph, built without
/// holding the notes ([`talkgraph::stream::merge`]); TriG from the extracted notes
/// ([`talkgraph::stream::notes`]).
fn stream(args: &ExportArgs, output: Output, options: ExportOptions) -> ExitCode {
    // The formats that write notes one by one or per note; all others write the merged graph.
    let format = match output {
        Output::Format(f) => f,
        Output::Image(_) | Output::Csv => Format::Dot,
    };
    let (inputs, errors) = collect(&args.paths, args.quiet);
    let mut failed = !errors.is_empty();
    for e in errors {
        eprintln!("talkgraph: error: {e}");
        if args.strict {
            return ExitCode::from(FAILED);
        }
    }
    // A run that reads no note leaves an existing -o file as it was (issue 16); on standard
    // output it writes the empty document, valid as ever.
    let nothing_read = || {
        let kept = args.output.as_ref().map_or(String::new(), |o| o.display().to_string());
        eprintln!("talkgraph: error: no note was read: {kept} was left as it was");
        ExitCode::from(FAILED)
    };
    if inputs.is_empty() && args.output.is_some() {
        return nothing_read();
    }
    let unreadable = std::cell::Cell::new(0usize);
    let settings = Settings {
        base: args.base.clone(),
        extract: ExtractOptions { event: args.event.clone(), limits: args.limits.into(), ..ExtractOptions::default() },
        mentions: mentions_mode(args.mentions),
        export: options,
        quads: format == Format::NQuads,
    };
    let bar = progress_bar(inputs.len() * settings.passes(), args.quiet);
    let mut on = |event: Event<'_>| {
        match event {
            Event::Unreadable(e) => {
                eprintln!("talkgraph: error: {e}; note skipped");
                failed = true;
                unreadable.set(unreadable.get() + 1);
                if args.strict {
                    return ControlFlow::Break(());
                }
            }
            Event::Diagnostic(d) if !args.quiet => match &d.hint {
                Some(hint) => eprintln!("talkgraph: {d} ({hint})"),
                None => eprintln!("talkgraph: {d}"),
            },
            Event::Diagnostic(_) => {}
        }
        ControlFlow::Continue(())
    };
    let tick = || bar.tick_note();
    let none_read = || args.output.is_some() && unreadable.get() >= inputs.len();
    let written = if format == Format::TriG {
        match talkgraph::stream::notes(&inputs, &settings, &mut on, &tick) {
            Ok((_, Outcome::Done)) if none_read() => Err(Error::Stopped),
            Ok((notes, Outcome::Done)) => {
                bar.stage("writing");
                talkgraph::Dataset::build(&settings.base, notes).and_then(|data| {
                    let exporter = format.exporter(options);
                    write_output(args.output.as_deref(), |w| exporter.export(&data, w))
                })
            }
            Ok((_, Outcome::Stopped)) => Err(Error::Stopped),
            Err(e) => Err(e),
        }
    } else if format.needs_notes() {
        let run = |w: &mut dyn Write| match talkgraph::stream::stream(&inputs, &settings, w, &mut on, &tick) {
            Ok(Outcome::Done) if none_read() => Err(Error::Stopped),
            Ok(Outcome::Done) => Ok(()),
            // Stopped by --strict: no output file.
            Ok(Outcome::Stopped) => Err(Error::Stopped),
            Err(e) => Err(e),
        };
        write_output(args.output.as_deref(), run)
    } else {
        match talkgraph::stream::merge(&inputs, &settings, &mut on, &tick) {
            Ok((_, Outcome::Done)) if none_read() => Err(Error::Stopped),
            Ok((graph, Outcome::Done)) => {
                bar.stage("writing");
                write_merged(args, output, options, graph)
            }
            Ok((_, Outcome::Stopped)) => Err(Error::Stopped),
            Err(e) => Err(e),
        }
    };
    drop(bar);
    match written {
        Ok(()) => {}
        Err(Error::Stopped) if none_read() => return nothing_read(),
        Err(Error::Stopped) => return ExitCode::from(FAILED),
        Err(e) if is_broken_pipe(&e) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
    }
    if failed { ExitCode::from(FAILED) } else { ExitCode::SUCCESS }
}

/// Writes through `f` to `path` atomically, or to standard output (buffered) when `None`.
fn write_output(path: Option<&Path>, f: impl FnOnce(&mut dyn Write) -> Result<(), Error>) -> Result<(), Error> {
    match path {
        Some(path) => write_atomically(path, f),
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            f(&mut out).and_then(|()| out.flush().map_err(Error::from))
        }
    }
}

fn mentions_mode(m: MentionsArg) -> Mentions {
    match m {
        MentionsArg::Corpus => Mentions::Corpus,
        MentionsArg::Curated => Mentions::Curated,
        MentionsArg::None => Mentions::None,
    }
}

/// A progress bar on standard error that appears only once a run has taken a second, and never
/// when standard error is not a terminal or with `--quiet`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

fn progress_bar(total: usize, quiet: bool) -> Progress {
    use std::io::IsTerminal;
    let bar = (!quiet && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} notes ({per_sec}, {eta} left)")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix("talkgraph");
        bar
    });
    Progress { bar, start: std::time::Instant::now(), shown: std::sync::atomic::AtomicBool::new(false) }
}

impl Progress {
    fn tick_note(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.start.elapsed().as_secs() >= 1 && !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    /// After the notes: a message while the rest runs; the bar clears itself when dropped.
    fn stage(&self, message: &'static str) {
        if let Some(bar) = &self.bar {
            if let Ok(style) = indicatif::ProgressStyle::with_template("{prefix} {spinner} {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar.set_message(message);
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            if self.start.elapsed().as_secs() >= 1 {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            } else {
                // Show the spinner only if the rest takes more than a second too.
                let bar = bar.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                    if !bar.is_finished() {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    }
                });
            }
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Write(io) if io.kind() == io::ErrorKind::BrokenPipe)
}

/// Writes through `f` into a temporary file beside `path`, then renames it over `path`; on
/// any error the temporary file is removed and `path` is left as it was. A device or named
/// pipe is written in place; a symbolic link's file is replaced, the link kept.
fn write_atomically(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<(), Error>) -> Result<(), Error> {
    let io_err = |source: io::Error| Error::Io { path: path.to_owned(), source };
    // Only a regular file is replaced: a device, a named pipe or a socket (`-o /dev/null`,
    // `-o /dev/stdout`) is written in place. Renaming over /dev/null as root would put a file
    // where the device was, and everything written there since would be kept and read back.
    if let Ok(m) = fs::metadata(path)
        && !m.is_file()
        && !m.is_dir()
    {
        let mut w = BufWriter::new(OpenOptions::new().write(true).open(path).map_err(io_err)?);
        return f(&mut w).and_then(|()| w.flush().map_err(Error::from));
    }
    // A symbolic link keeps pointing where it did: the file it points at is replaced.
    let resolved = fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_symlink())
        .then(|| fs::canonicalize(path).ok())
        .flatten();
    let path = resolved.as_deref().unwrap_or(path);
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
