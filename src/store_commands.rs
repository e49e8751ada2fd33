//! The `query` and `push` commands: what to print, when to stop, which exit status, over
//! [`talkgraph::store`].

use std::cell::Cell;
use std::io::{self, IsTerminal, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use talkgraph::export::{EmailMode, ExportOptions, ProvenanceMode};
use talkgraph::extract::ExtractOptions;
use talkgraph::store::gsp::{Client, ClientOptions, header_from};
use talkgraph::store::push::{self, Plan, PushError};
use talkgraph::store::query::{self, QueryError, ResultsFormat};
use talkgraph::stream::{Event, Outcome, Settings};
use talkgraph::{Error, Format};

use crate::cli::{EmailsArg, GraphArgs, ProvenanceArg, PushArgs, QueryArgs, RdfFormatArg, ResultsArg};
use crate::{FAILED, USAGE, collect, is_broken_pipe, mentions_mode, progress_bar, with_jobs, write_output};

/// How notes are read, from the flags `query` and `push` share with `export`.
fn settings(g: &GraphArgs) -> Settings {
    Settings {
        base: g.base.clone(),
        extract: ExtractOptions { event: g.event.clone(), limits: g.limits.into(), ..ExtractOptions::default() },
        mentions: mentions_mode(g.mentions),
        export: ExportOptions {
            emails: match g.emails {
                EmailsArg::Omit => EmailMode::Omit,
                EmailsArg::Hash => EmailMode::Hash,
                EmailsArg::Keep => EmailMode::Keep,
            },
            provenance: match g.provenance {
                ProvenanceArg::Lines => ProvenanceMode::Lines,
                ProvenanceArg::Notes => ProvenanceMode::Notes,
                ProvenanceArg::None => ProvenanceMode::None,
            },
        },
        quads: true,
    }
}

/// Problems met while reading notes: printed as `export` prints them, and counted.
#[derive(Default)]
struct Problems {
    failed: Cell<bool>,
    unreadable: Cell<usize>,
}

impl Problems {
    fn reporter<'a>(&'a self, g: &'a GraphArgs) -> impl FnMut(Event<'_>) -> ControlFlow<()> + 'a {
        move |event| {
            match event {
                Event::Unreadable(e) => {
                    eprintln!("talkgraph: error: {e}; note skipped");
                    self.failed.set(true);
                    self.unreadable.set(self.unreadable.get() + 1);
                    if g.strict {
                        return ControlFlow::Break(());
                    }
                }
                Event::Diagnostic(d) if !g.quiet => match &d.hint {
                    Some(hint) => eprintln!("talkgraph: {d} ({hint})"),
                    None => eprintln!("talkgraph: {d}"),
                },
                Event::Diagnostic(_) => {}
            }
            ControlFlow::Continue(())
        }
    }
}

/// `talkgraph query`.
pub fn query(args: &QueryArgs) -> ExitCode {
    with_jobs(args.graph.jobs, || query_on_pool(args)).unwrap_or_else(|e| {
        eprintln!("talkgraph: error: cannot start {} threads: {e}", args.graph.jobs.unwrap_or(0));
        ExitCode::from(FAILED)
    })
}

fn query_on_pool(args: &QueryArgs) -> ExitCode {
    let g = &args.graph;
    if let Err(e) = talkgraph::resolve::validate_base(&g.base) {
        eprintln!("talkgraph: error: {e}");
        return ExitCode::from(USAGE);
    }
    // With --file, every positional argument is a path.
    let (text, source, mut paths) = match (&args.file, &args.query) {
        (Some(file), first) => {
            let text = if file == Path::new("-") {
                let mut t = String::new();
                io::stdin().read_to_string(&mut t).map(|_| t)
            } else {
                std::fs::read_to_string(file)
            };
            match text {
                Ok(t) => {
                    (t, file.display().to_string(), first.iter().map(PathBuf::from).chain(args.paths.clone()).collect())
                }
                Err(e) => {
                    eprintln!("talkgraph: error: {}: {e}", file.display());
                    return ExitCode::from(USAGE);
                }
            }
        }
        (None, Some(q)) => (q.clone(), "query".to_owned(), args.paths.clone()),
        (None, None) => {
            eprintln!("talkgraph: error: no query: give one as the first argument, or --file FILE");
            return ExitCode::from(USAGE);
        }
    };
    if paths.is_empty() {
        paths.push(PathBuf::from("-"));
    }
    if args.file.as_deref() == Some(Path::new("-")) && paths.iter().any(|p| p == Path::new("-")) {
        eprintln!(
            "talkgraph: error: standard input cannot hold both the query (--file -) and a note: give the notes' paths"
        );
        return ExitCode::from(USAGE);
    }
    let prepared = match query::prepare(&text, &g.base) {
        Ok(p) => p,
        Err(e) => {
            print_query_error(&source, &text, &e);
            return ExitCode::from(USAGE);
        }
    };
    let (inputs, errors) = collect(&paths, g.quiet);
    let problems = Problems::default();
    for e in &errors {
        eprintln!("talkgraph: error: {e}");
        problems.failed.set(true);
        if g.strict {
            return ExitCode::from(FAILED);
        }
    }
    if inputs.is_empty() {
        eprintln!("talkgraph: error: no note to read: nothing was queried");
        return ExitCode::from(FAILED);
    }
    let settings = settings(g);
    let bar = progress_bar(inputs.len() * settings.passes(), g.quiet);
    let mut on = problems.reporter(g);
    let loaded = query::load(&inputs, &settings, &mut on, &|| bar.tick_note());
    drop(bar);
    let store = match loaded {
        Ok((store, Outcome::Done)) => store,
        Ok((_, Outcome::Stopped)) => return ExitCode::from(FAILED),
        Err(e) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    if problems.unreadable.get() >= inputs.len() {
        eprintln!("talkgraph: error: no note could be read: nothing was queried");
        return ExitCode::from(FAILED);
    }
    let results = match prepared.on_store(&store).execute() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("talkgraph: error: {}", QueryError::from(e));
            return ExitCode::from(FAILED);
        }
    };
    let results_format = match args.results {
        ResultsArg::Table => ResultsFormat::Table,
        ResultsArg::Csv => ResultsFormat::Csv,
        ResultsArg::Tsv => ResultsFormat::Tsv,
        ResultsArg::Json => ResultsFormat::Json,
        ResultsArg::Xml => ResultsFormat::Xml,
    };
    let graph_format = match args.format {
        RdfFormatArg::Turtle => Format::Turtle,
        RdfFormatArg::Ntriples => Format::NTriples,
        RdfFormatArg::Nquads => Format::NQuads,
        RdfFormatArg::Trig => Format::TriG,
        RdfFormatArg::Jsonld => Format::JsonLd,
    };
    // The query's own errors (met while its results are read) are kept to be told apart from
    // the output's.
    let mut failure: Option<QueryError> = None;
    let written = write_output(args.output.as_deref(), |w| {
        query::write_results(results, results_format, graph_format, &g.base, w).map_err(|e| match e {
            QueryError::Write(io) => Error::Write(io),
            other => {
                failure = Some(other);
                Error::Stopped
            }
        })
    });
    match (written, failure) {
        (Ok(()), _) => {}
        (Err(_), Some(e)) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
        (Err(e), None) if is_broken_pipe(&e) => return ExitCode::SUCCESS,
        (Err(e), None) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
    }
    if problems.failed.get() { ExitCode::from(FAILED) } else { ExitCode::SUCCESS }
}

/// `source:line:column: message`, then the line quoted with a caret under the column.
fn print_query_error(source: &str, text: &str, e: &QueryError) {
    match e {
        QueryError::Syntax { line, column, message } if *line > 0 => {
            eprintln!("talkgraph: error: {source}:{line}:{column}: the query is not SPARQL 1.1: {message}");
            if let Some(quoted) = text.split('\n').nth(line - 1) {
                let quoted = quoted.trim_end_matches('\r').replace('\t', " ");
                let number = line.to_string();
                let pad = " ".repeat(number.len());
                eprintln!("{pad} |\n{number} | {quoted}\n{pad} | {}^", " ".repeat(column.saturating_sub(1)));
            }
        }
        other => eprintln!("talkgraph: error: {source}: {other}"),
    }
}

/// `talkgraph push`.
pub fn push(args: &PushArgs) -> ExitCode {
    with_jobs(args.graph.jobs, || push_on_pool(args)).unwrap_or_else(|e| {
        eprintln!("talkgraph: error: cannot start {} threads: {e}", args.graph.jobs.unwrap_or(0));
        ExitCode::from(FAILED)
    })
}

fn push_on_pool(args: &PushArgs) -> ExitCode {
    let g = &args.graph;
    if let Err(e) = talkgraph::resolve::validate_base(&g.base) {
        eprintln!("talkgraph: error: {e}");
        return ExitCode::from(USAGE);
    }
    let manifest_iri = args.manifest.clone().unwrap_or_else(|| push::default_manifest(&g.base));
    if oxrdf::NamedNode::new(&manifest_iri).is_err() {
        eprintln!("talkgraph: error: --manifest {manifest_iri:?} is not an IRI");
        return ExitCode::from(USAGE);
    }
    let header = match &args.auth_header_env {
        None => None,
        Some(var) => match std::env::var(var).ok().as_deref().and_then(header_from) {
            Some(h) => Some(h),
            None => {
                eprintln!(
                    "talkgraph: error: --auth-header-env {var}: the environment variable {var} is not set or empty \
                     (set it to `Name: value`, or to a value for Authorization such as `Bearer TOKEN`)"
                );
                return ExitCode::from(USAGE);
            }
        },
    };
    if header.is_some() && cleartext_to_another_host(&args.endpoint) && !g.quiet {
        eprintln!("talkgraph: warning: the credentials go in clear text over http to {}: use https", args.endpoint);
    }
    let options = ClientOptions {
        header,
        retries: args.retries,
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        ..ClientOptions::default()
    };
    let client = match Client::new(&args.endpoint, options) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("talkgraph: error: --endpoint {e}");
            return ExitCode::from(USAGE);
        }
    };
    let (inputs, errors) = collect(&args.paths, g.quiet);
    let problems = Problems::default();
    for e in &errors {
        eprintln!("talkgraph: error: {e}");
        problems.failed.set(true);
        if g.strict {
            return ExitCode::from(FAILED);
        }
    }
    if inputs.is_empty() {
        eprintln!("talkgraph: error: no note to push: the store was not touched");
        return ExitCode::from(FAILED);
    }
    let manifest = match push::fetch_manifest(&client, &manifest_iri) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("talkgraph: error: {e}; nothing was pushed");
            return ExitCode::from(FAILED);
        }
    };
    let settings = settings(g);
    let bar = progress_bar(inputs.len() * settings.passes(), g.quiet);
    let mut on = problems.reporter(g);
    let read = push::read_notes(&inputs, &settings, &manifest, &mut on, &|| bar.tick_note());
    drop(bar);
    let notes = match read {
        Ok((notes, Outcome::Done)) => notes,
        Ok((_, Outcome::Stopped)) => return ExitCode::from(FAILED),
        Err(e) => {
            eprintln!("talkgraph: error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    if notes.graphs.is_empty() {
        eprintln!("talkgraph: error: no note could be read: the store was not touched");
        return ExitCode::from(FAILED);
    }
    // A path that could not be read may hold notes that only seem gone: delete nothing.
    let deletions = errors.is_empty();
    let plan = Plan::new(&manifest, &notes, deletions);
    if !deletions && !g.quiet {
        eprintln!("talkgraph: warning: a path could not be read: no graph is deleted in this push");
    }
    for iri in &plan.kept {
        if !g.quiet {
            let path = notes.given.get(iri).map_or("", String::as_str);
            eprintln!("talkgraph: warning: {path} could not be read: its graph <{iri}> is left as it is");
        }
    }
    if args.dry_run {
        return match print_plan(&plan, &notes) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("talkgraph: error: {e}");
                ExitCode::from(FAILED)
            }
            Ok(()) if problems.failed.get() => ExitCode::from(FAILED),
            Ok(()) => ExitCode::SUCCESS,
        };
    }
    let changes = plan.put.len() + plan.delete.len();
    let bar = (!g.quiet && io::stderr().is_terminal() && changes > 0).then(|| {
        let bar = indicatif::ProgressBar::new(changes as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("talkgraph [{bar:30}] {pos}/{len} graphs ({eta} left)")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    });
    let result = push::apply(&client, &manifest_iri, manifest, &notes, &plan, 100, &mut |_| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match result {
        Ok(report) => {
            if !g.quiet {
                if plan.is_empty() {
                    eprintln!(
                        "talkgraph: {} is up to date: {} note{} unchanged, nothing sent ({} request{})",
                        args.endpoint,
                        plan.unchanged,
                        plural(plan.unchanged),
                        report.requests,
                        plural(report.requests)
                    );
                } else {
                    eprintln!(
                        "talkgraph: pushed to {}: {} graph{} written, {} deleted, {} unchanged; default graph: {} link{} added, {} removed ({} requests)",
                        args.endpoint,
                        report.put,
                        plural(report.put),
                        report.deleted,
                        plan.unchanged,
                        report.links.0,
                        plural(report.links.0),
                        report.links.1,
                        report.requests
                    );
                }
            }
            if problems.failed.get() { ExitCode::from(FAILED) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            report_failure(&e, &plan);
            ExitCode::from(FAILED)
        }
    }
}

fn report_failure(e: &PushError, plan: &Plan) {
    eprintln!("talkgraph: error: {e}");
    let total = plan.put.len() + plan.delete.len();
    let done = e.done.put + e.done.deleted;
    eprintln!(
        "talkgraph: {done} of {total} graph change{} made; every graph in the store is its old or its new version, \
         never a mix, and the manifest claims no more than was done: run push again to finish",
        plural(total)
    );
}

/// The plan, one line per change, then a summary.
fn print_plan(plan: &Plan, notes: &push::Notes) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (iri, why) in &plan.put {
        let path = notes.given.get(iri).map_or("", String::as_str);
        writeln!(out, "PUT     <{iri}>  {path} ({why})")?;
    }
    for iri in &plan.delete {
        writeln!(out, "DELETE  <{iri}>  (its note is gone)")?;
    }
    for (a, b) in &plan.links_added {
        writeln!(out, "+LINK   <{a}> owl:sameAs <{b}>")?;
    }
    for (a, b) in &plan.links_removed {
        writeln!(out, "-LINK   <{a}> owl:sameAs <{b}>")?;
    }
    writeln!(
        out,
        "dry run: {} graph{} to replace, {} to delete, {} unchanged; default graph: {} link{} to add, {} to remove{}",
        plan.put.len(),
        plural(plan.put.len()),
        plan.delete.len(),
        plan.unchanged,
        plan.links_added.len(),
        plural(plan.links_added.len()),
        plan.links_removed.len(),
        if plan.links_unsure { " (and the links checked again: a push stopped while changing them)" } else { "" }
    )?;
    out.flush()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whether `endpoint` is plain http to a host other than this machine.
fn cleartext_to_another_host(endpoint: &str) -> bool {
    let Some(rest) = endpoint.get(..7).filter(|s| s.eq_ignore_ascii_case("http://")).map(|_| &endpoint[7..]) else {
        return false;
    };
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split(']').next().unwrap_or("").trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or("")
    };
    !(host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback()))
}
