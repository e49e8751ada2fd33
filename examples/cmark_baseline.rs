//! The yardstick for talkgraph's speed: read every note under a folder (sorted, one read per
//! file) and iterate pulldown-cmark's events with talkgraph's options, nothing else.
//!
//!     cargo run --release --example cmark_baseline -- DIR [--jobs N]
//!
//! Prints `bytes notes seconds events` on one line (scripts/bench reads it).

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let mut jobs = 0usize;
    while let Some(a) = args.next() {
        if a == "--jobs" {
            jobs = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        }
    }
    let (inputs, errors) = talkgraph::input::collect(&[dir]);
    for e in errors {
        eprintln!("cmark_baseline: {e}");
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().expect("thread pool");
    let start = Instant::now();
    let (bytes, events) = pool.install(|| {
        inputs
            .par_iter()
            .map(|i| {
                let text = talkgraph::input::read(i, u64::MAX).unwrap_or_default();
                let events = talkgraph::markdown::parser(&text).into_offset_iter().count();
                (text.len(), events)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    println!("{bytes} {} {:.6} {events}", inputs.len(), start.elapsed().as_secs_f64());
}
