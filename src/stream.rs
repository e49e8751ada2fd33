//! Streaming export to N-Triples and N-Quads: each note is read, extracted, resolved and
//! serialized (in parallel, a batch at a time, in path order) and written as soon as its batch
//! is done. Nothing but one batch of notes is held, plus the URLs that identify people,
//! organizations and tools, for the `owl:sameAs` links written at the end: memory grows with the
//! number of such entities, not with the corpus.
//!
//! The output is byte for byte what [`crate::export::NQuadsExporter`] and
//! [`crate::export::NTriplesExporter`] write for the same notes.

use std::io::Write;
use std::ops::ControlFlow;

use crate::dataset::resolve_note;
use crate::error::{Diagnostic, Error};
use crate::export::{ExportOptions, write_links, write_note};
use crate::extract::{ExtractOptions, Extraction, Lexicon, LexiconBuilder, Mentions, extract};
use crate::input::{self, Input};
use crate::resolve::{Identities, validate_base};

/// Notes per batch: enough to keep every thread busy, few enough to bound memory.
const BATCH: usize = 256;

/// What to stream, and how.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Base of the minted IRIs.
    pub base: String,
    /// Extraction settings (the lexicon is set from `mentions`).
    pub extract: ExtractOptions,
    /// Which unlinked names to recognize; [`Mentions::Corpus`] reads every note twice.
    pub mentions: Mentions,
    /// What to write.
    pub export: ExportOptions,
    /// N-Quads (a named graph per note) rather than N-Triples.
    pub quads: bool,
}

impl Settings {
    /// How many times each note is read (and `progress` called for it).
    pub fn passes(&self) -> usize {
        if self.mentions == Mentions::Corpus { 2 } else { 1 }
    }
}

/// Something the caller may report; returning [`ControlFlow::Break`] stops the run.
#[derive(Debug)]
pub enum Event<'a> {
    /// A note could not be read; it is skipped.
    Unreadable(&'a Error),
    /// A problem found in a note.
    Diagnostic(&'a Diagnostic),
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every note was handled (some may have been skipped, as reported).
    Done,
    /// The caller stopped the run; the output is incomplete.
    Stopped,
}

/// Streams `inputs` (written in name order) to `out`, calling `on` for every problem (from the
/// first pass only) and `progress` once per note and pass, from any thread. Runs on rayon's
/// current pool.
pub fn stream(
    inputs: &[Input],
    settings: &Settings,
    out: &mut dyn Write,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
) -> Result<Outcome, Error> {
    use rayon::prelude::*;
    validate_base(&settings.base)?;
    let mut inputs: Vec<&Input> = inputs.iter().collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut options = settings.extract.clone();
    let mut report = true;
    if settings.mentions == Mentions::Corpus {
        // First pass: learn what the notes link, and report their problems.
        options.lexicon = None;
        let mut lexicon = LexiconBuilder::new();
        for batch in inputs.chunks(BATCH) {
            let done: Vec<(Result<Extraction, Error>, LexiconBuilder)> = batch
                .par_iter()
                .map(|i| {
                    let mut b = LexiconBuilder::new();
                    let x = input::read(i).map(|text| extract(&i.name, &text, &options));
                    if let Ok(x) = &x {
                        b.add(&x.note);
                    }
                    progress();
                    (x, b)
                })
                .collect();
            for (x, b) in done {
                if report_problems(&x, on).is_break() {
                    return Ok(Outcome::Stopped);
                }
                lexicon.extend(b);
            }
        }
        options.lexicon = Some(std::sync::Arc::new(lexicon.build()));
        report = false;
    } else {
        options.lexicon = (settings.mentions == Mentions::Curated).then(|| std::sync::Arc::new(Lexicon::curated()));
    }
    let mut identities = Identities::default();
    // One slot per note of a batch, reused from batch to batch: the output buffers keep their
    // capacity, instead of being allocated (and their pages faulted in) for every note.
    let mut slots: Vec<Slot> = (0..BATCH.min(inputs.len())).map(|_| Slot::default()).collect();
    for batch in inputs.chunks(BATCH) {
        slots[..batch.len()].par_iter_mut().zip(batch.par_iter()).for_each(|(slot, i)| {
            slot.buf.clear();
            slot.identities = Identities::default();
            slot.problems = input::read(i).map(|text| {
                let x = extract(&i.name, &text, &options);
                let (graph, found) = resolve_note(&settings.base, &x.note);
                write_note(&graph, &settings.export, settings.quads, &mut slot.buf);
                slot.identities = found;
                x.diagnostics
            });
            progress();
        });
        for slot in &mut slots[..batch.len()] {
            if report {
                let flow = match &slot.problems {
                    Ok(ds) => ds.iter().try_for_each(|d| on(Event::Diagnostic(d))),
                    Err(e) => on(Event::Unreadable(e)),
                };
                if flow.is_break() {
                    return Ok(Outcome::Stopped);
                }
            }
            out.write_all(&slot.buf)?;
            identities.extend(std::mem::take(&mut slot.identities));
        }
    }
    write_links(&identities.link_iris(&settings.base), out)?;
    Ok(Outcome::Done)
}

/// One note's results in a batch.
struct Slot {
    buf: Vec<u8>,
    identities: Identities,
    problems: Result<Vec<Diagnostic>, Error>,
}

impl Default for Slot {
    fn default() -> Self {
        Self { buf: Vec::new(), identities: Identities::default(), problems: Ok(Vec::new()) }
    }
}

fn report_problems(x: &Result<Extraction, Error>, on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>) -> ControlFlow<()> {
    match x {
        Ok(x) => x.diagnostics.iter().try_for_each(|d| on(Event::Diagnostic(d))),
        Err(e) => on(Event::Unreadable(e)),
    }
}
