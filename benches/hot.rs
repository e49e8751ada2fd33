//! Micro-benchmarks of the hot parts (divan): front matter, extraction of one note, resolution,
//! and each writer, on the seed note and on one generated-style note.
//!
//!     cargo bench --bench hot

use talkgraph::Format;
use talkgraph::dataset::Dataset;
use talkgraph::export::ExportOptions;
use talkgraph::extract::{ExtractOptions, extract, front_matter};
use talkgraph::model::Note;

const SEED: &str = include_str!("../samples/pycon-it-2024-day3.md");

fn main() {
    divan::main();
}

fn notes(n: usize) -> Vec<Note> {
    (0..n).map(|i| extract(&format!("{i:04}.md"), SEED, &ExtractOptions::default()).note).collect()
}

#[divan::bench]
fn front_matter_toml(b: divan::Bencher) {
    b.counter(divan::counter::BytesCount::of_str(SEED)).bench(|| front_matter::split("n.md", divan::black_box(SEED)));
}

#[divan::bench]
fn extract_seed_note(b: divan::Bencher) {
    let options = ExtractOptions::default();
    b.counter(divan::counter::BytesCount::of_str(SEED)).bench(|| extract("n.md", divan::black_box(SEED), &options));
}

#[divan::bench]
fn extract_seed_note_with_curated_lexicon(b: divan::Bencher) {
    let options = ExtractOptions {
        lexicon: Some(std::sync::Arc::new(talkgraph::extract::Lexicon::curated())),
        ..ExtractOptions::default()
    };
    b.counter(divan::counter::BytesCount::of_str(SEED)).bench(|| extract("n.md", divan::black_box(SEED), &options));
}

#[divan::bench(args = [1, 100])]
fn resolve(b: divan::Bencher, n: usize) {
    let notes = notes(n);
    b.bench(|| Dataset::build(talkgraph::vocab::DEFAULT_BASE, divan::black_box(notes.clone())));
}

#[divan::bench(args = ["turtle", "ntriples", "nquads", "trig", "jsonld", "dot"])]
fn write(b: divan::Bencher, format: &str) {
    let format = match format {
        "turtle" => Format::Turtle,
        "ntriples" => Format::NTriples,
        "nquads" => Format::NQuads,
        "trig" => Format::TriG,
        "jsonld" => Format::JsonLd,
        _ => Format::Dot,
    };
    let data = Dataset::build(talkgraph::vocab::DEFAULT_BASE, notes(100)).expect("valid base");
    let exporter = format.exporter(ExportOptions::default());
    b.bench(|| {
        let mut out = Vec::with_capacity(1 << 20);
        exporter.export(&data, &mut out).expect("export");
        out.len()
    });
}
