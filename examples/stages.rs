//! Where one thread's time goes in `talkgraph export --format nquads`: every note under a
//! folder is read into memory first, then each stage of the streaming path runs over all of
//! them, timed on its own, beside bare pulldown-cmark event iteration in the same process.
//!
//!     cargo run --release --example stages -- DIR [--lean] [--runs N]
//!
//! `--lean` times `--mentions none --provenance none`; the default is the command line's
//! defaults except `--mentions corpus`'s second pass (the stages of one pass are timed). Each
//! stage is the fastest of N runs (default 3). The stages are those of [`talkgraph::stream`]:
//! extraction (`try_extract`), resolution of each note (`resolve_note`) and its N-Quads
//! (`write_note`). Three more rows give a floor no code of talkgraph's can go under: reading
//! the files again, and moving the N-Quads bytes through a pipe to a reader that drops them (as
//! `scripts/bench` pipes the export to `wc -c`), against what the one-thread target (40% of
//! the parser's speed) allows for the whole export.

use std::time::{Duration, Instant};

use talkgraph::export::{ExportOptions, ProvenanceMode, write_note};
use talkgraph::extract::{ExtractOptions, Extraction, front_matter, try_extract};

// The command line's allocator, so that the stages cost what they cost there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let (mut lean, mut runs) = (false, 3usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lean" => lean = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3).max(1),
            other => panic!("stages: unknown argument {other:?}"),
        }
    }
    let (inputs, errors) = talkgraph::input::collect(&[dir]);
    for e in errors {
        eprintln!("stages: {e}");
    }
    let notes: Vec<(String, String)> =
        inputs.iter().filter_map(|i| Some((i.name.clone(), talkgraph::input::read(i, u64::MAX).ok()?))).collect();
    let bytes: usize = notes.iter().map(|(_, t)| t.len()).sum();
    // Reading every file again (from the page cache, as in a benchmark's later runs).
    let (reading, _) = best(runs, || {
        inputs.iter().filter_map(|i| talkgraph::input::read(i, u64::MAX).ok()).map(|t| t.len()).sum::<usize>()
    });
    let options = ExtractOptions::default();
    let export = ExportOptions {
        provenance: if lean { ProvenanceMode::None } else { ProvenanceMode::Lines },
        ..ExportOptions::default()
    };
    let base = talkgraph::vocab::DEFAULT_BASE;

    // The fastest of `runs` runs of `f`, and what its last run returned.
    fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
        let mut fastest = Duration::MAX;
        let mut last = None;
        for _ in 0..runs {
            let start = Instant::now();
            let out = std::hint::black_box(f());
            fastest = fastest.min(start.elapsed());
            last = Some(out);
        }
        (fastest, last.expect("at least one run"))
    }
    let (pulldown, _) = best(runs, || {
        notes.iter().map(|(_, t)| talkgraph::markdown::parser(t).into_offset_iter().count()).sum::<usize>()
    });
    let (matter, _) = best(runs, || notes.iter().map(|(p, t)| front_matter::split(p, t).body_start).sum::<usize>());
    let (extract, extracted) =
        best(runs, || notes.iter().filter_map(|(p, t)| try_extract(p, t, &options).ok()).collect::<Vec<Extraction>>());
    let (resolve, graphs) =
        best(runs, || extracted.iter().map(|x| talkgraph::dataset::resolve_note(base, &x.note).0).collect::<Vec<_>>());
    let (write, written) = best(runs, || {
        let mut buf = Vec::new();
        graphs
            .iter()
            .map(|g| {
                buf.clear();
                write_note(g, &export, true, &mut buf);
                buf.len()
            })
            .sum::<usize>()
    });

    let mut output = Vec::with_capacity(written);
    for g in &graphs {
        write_note(g, &export, true, &mut output);
    }
    let pipe = through_a_pipe(&output, runs);
    drop(output);

    println!(
        "{} notes, {:.1} MB, {}, fastest of {runs}",
        notes.len(),
        bytes as f64 / 1e6,
        if lean { "lean" } else { "defaults" }
    );
    println!("| stage | seconds | MB/s of input | × pulldown-cmark |");
    println!("|---|---:|---:|---:|");
    let row = |name: &str, d: Duration| {
        let s = d.as_secs_f64();
        println!("| {name} | {s:.3} | {:.1} | {:.2} |", bytes as f64 / s / 1e6, s / pulldown.as_secs_f64());
    };
    row("pulldown-cmark events (the yardstick)", pulldown);
    row("front matter (part of extraction)", matter);
    row("extraction (try_extract)", extract);
    row("resolution (resolve_note)", resolve);
    row("N-Quads writing (write_note)", write);
    row("extraction + resolution + writing", extract + resolve + write);
    row("reading the files (input::read)", reading);
    row("moving the N-Quads through a pipe", pipe);
    row("reading + pulldown-cmark + the pipe (a floor)", reading + pulldown + pipe);
    println!(
        "| what 40% of pulldown-cmark's speed allows for the whole export | {:.3} | {:.1} | 2.50 |",
        pulldown.as_secs_f64() * 2.5,
        bytes as f64 / pulldown.as_secs_f64() / 2.5 / 1e6
    );
    println!("N-Quads written: {:.1} MB", written as f64 / 1e6);
}

/// The fastest of `runs` times `out` moves through a pipe to a reader that counts the bytes and
/// drops them, as `talkgraph export | wc -c` does in `scripts/bench`: the cost of the output's
/// size alone, nothing formatted.
fn through_a_pipe(out: &[u8], runs: usize) -> Duration {
    use std::io::{Read, Write};
    (0..runs)
        .map(|_| {
            let (mut reader, mut writer) = std::io::pipe().expect("a pipe");
            let start = Instant::now();
            let counter = std::thread::spawn(move || {
                let (mut buf, mut n) = (vec![0u8; 1 << 16], 0usize);
                while let Ok(k @ 1..) = reader.read(&mut buf) {
                    n += k;
                }
                n
            });
            for chunk in out.chunks(1 << 16) {
                writer.write_all(chunk).expect("writing to the pipe");
            }
            drop(writer);
            assert_eq!(counter.join().expect("the reader"), out.len());
            start.elapsed()
        })
        .min()
        .expect("at least one run")
}
