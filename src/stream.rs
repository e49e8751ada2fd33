//! Streaming: notes are read, extracted and resolved in parallel, a batch at a time, in path
//! order, and let go once their batch is done. [`stream`] writes N-Triples or N-Quads as it
//! goes; [`merge`] builds the merged graph (Turtle, JSON-LD, DOT) without holding the notes.
//!
//! For [`stream`], each note is serialized in its batch and written as soon as the batch is
//! done. Nothing but one batch of notes is held, plus the URLs that identify people,
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
use crate::extract::{ExtractOptions, Extraction, Lexicon, LexiconBuilder, Mentions, try_extract};
use crate::graph::KnowledgeGraph;
use crate::input::{self, Input};
use crate::model::Note;
use crate::resolve::{Identities, Resolver, validate_base};

/// Notes per batch: enough to keep every thread busy, few enough to bound memory (two batches
/// are in flight: one being sunk, the next being extracted). 256 with the pipeline took 85 MB
/// more for N-Quads with the defaults and was no faster.
const BATCH: usize = 128;

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

/// Streams `inputs` (written in name order) to `out` as N-Triples or N-Quads, calling `on` for
/// every problem (from the first pass only) and `progress` once per note and pass, from any
/// thread. Runs on rayon's current pool.
pub fn stream(
    inputs: &[Input],
    settings: &Settings,
    out: &mut dyn Write,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
) -> Result<Outcome, Error> {
    let mut identities = Identities::default();
    let outcome = for_each_batch(
        inputs,
        settings,
        on,
        progress,
        |x, slot: &mut Slot| {
            slot.buf.clear();
            let (graph, found) = resolve_note(&settings.base, &x.note);
            write_note(&graph, &settings.export, settings.quads, &mut slot.buf);
            slot.identities = found;
        },
        |slot| {
            identities.extend(std::mem::take(&mut slot.identities));
            out.write_all(&slot.buf)
        },
    )?;
    if outcome == Outcome::Done {
        write_links(&identities.link_iris(&settings.base), out)?;
    }
    Ok(outcome)
}

/// Reads, extracts and resolves `inputs` into the merged graph, a batch at a time: for the
/// formats that write the merged graph only (Turtle, JSON-LD, DOT), memory holds the graph and
/// one batch of notes, never the corpus. Problems and progress as for [`stream`]
/// (`settings.export` and `settings.quads` are not used).
pub fn merge(
    inputs: &[Input],
    settings: &Settings,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
) -> Result<(KnowledgeGraph, Outcome), Error> {
    let mut all = Resolver::new(&settings.base)?;
    let outcome = for_each_batch(
        inputs,
        settings,
        on,
        progress,
        |x, slot: &mut Option<Resolver>| {
            let mut r = Resolver::unchecked(&settings.base);
            r.add(&x.note);
            *slot = Some(r);
        },
        |slot| {
            if let Some(r) = slot.take() {
                all.absorb(r);
            }
            Ok(())
        },
    )?;
    Ok((all.finish(), outcome))
}

/// Reads and extracts `inputs`, in name order, keeping the extracted notes (not their text):
/// for TriG (one graph per note after prefixes chosen from all) and `talkgraph eval`. Problems
/// and progress as for [`stream`].
pub fn notes(
    inputs: &[Input],
    settings: &Settings,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
) -> Result<(Vec<Note>, Outcome), Error> {
    let mut notes = Vec::with_capacity(inputs.len());
    let outcome = for_each_batch(
        inputs,
        settings,
        on,
        progress,
        |x, slot: &mut Option<Note>| *slot = Some(std::mem::take(&mut x.note)),
        |slot| {
            notes.extend(slot.take());
            Ok(())
        },
    )?;
    Ok((notes, outcome))
}

/// The pipeline they share: the notes in name order (standard input read once, up front), a
/// first [`pass`] to learn the lexicon with `--mentions corpus`, then the pass that calls
/// `work` and `sink`.
fn for_each_batch<T: Default + Send>(
    inputs: &[Input],
    settings: &Settings,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
    work: impl Fn(&mut Extraction, &mut T) + Sync,
    sink: impl FnMut(&mut T) -> std::io::Result<()>,
) -> Result<Outcome, Error> {
    validate_base(&settings.base)?;
    let mut inputs: Vec<&Input> = inputs.iter().collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    // Standard input can be read once only: read it now, for both passes.
    let mut stdin: Option<String> = None;
    if let Some(i) = inputs.iter().find(|i| i.origin == input::Origin::Stdin) {
        match input::read(i, settings.extract.limits.max_note_size) {
            Ok(text) => stdin = Some(text),
            Err(e) => {
                if on(Event::Unreadable(&e)).is_break() {
                    return Ok(Outcome::Stopped);
                }
            }
        }
        inputs.retain(|i| i.origin != input::Origin::Stdin || stdin.is_some());
    }
    let read = |i: &Input| match (&i.origin, &stdin) {
        (input::Origin::Stdin, Some(text)) => Ok(text.clone()),
        _ => input::read(i, settings.extract.limits.max_note_size),
    };
    let mut options = settings.extract.clone();
    if settings.mentions != Mentions::Corpus {
        options.lexicon = (settings.mentions == Mentions::Curated).then(|| std::sync::Arc::new(Lexicon::curated()));
        return pass(&inputs, &read, &options, true, on, progress, work, sink, &mut Vec::new());
    }
    // First pass: learn what the notes link, and report their problems.
    options.lexicon = None;
    let mut lexicon = LexiconBuilder::new();
    let mut failed = Vec::new();
    let first = pass(
        &inputs,
        &read,
        &options,
        true,
        on,
        progress,
        |x, b: &mut LexiconBuilder| b.add(&x.note),
        |b| {
            lexicon.extend(std::mem::take(b));
            Ok(())
        },
        &mut failed,
    )?;
    if first == Outcome::Stopped {
        return Ok(Outcome::Stopped);
    }
    options.lexicon = Some(std::sync::Arc::new(lexicon.build()));
    // Second pass, without the notes already reported as skipped. Its diagnostics are the first
    // pass's, but a note can fail now only (the inferred mentions take it over
    // --max-entities): that is reported, not dropped in silence.
    let mut skipped = failed.into_iter().peekable();
    let kept: Vec<&Input> =
        inputs.iter().enumerate().filter(|(i, _)| skipped.next_if_eq(i).is_none()).map(|(_, input)| *input).collect();
    (0..inputs.len() - kept.len()).for_each(|_| progress());
    pass(&kept, &read, &options, false, on, progress, work, sink, &mut Vec::new())
}

/// One pass over the notes, in batches: read and extract each note and call `work` with it and
/// its slot (in parallel), then, in order, report it if it failed (its position in `inputs`
/// goes to `failed`) or its diagnostics (when `diagnostics`), and `sink` its slot. While one
/// batch is sunk on this thread, the next is read and extracted on the others (a serial sink
/// between parallel batches held two threads to 1.5×). Two sets of slots take turns, reused
/// from batch to batch, so buffers keep their capacity.
#[allow(clippy::too_many_arguments)]
fn pass<T: Default + Send>(
    inputs: &[&Input],
    read: &(impl Fn(&Input) -> Result<String, Error> + Sync),
    options: &ExtractOptions,
    diagnostics: bool,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
    work: impl Fn(&mut Extraction, &mut T) + Sync,
    mut sink: impl FnMut(&mut T) -> std::io::Result<()>,
    failed: &mut Vec<usize>,
) -> Result<Outcome, Error> {
    use rayon::prelude::*;
    type Slots<T> = Vec<(T, Result<Vec<Diagnostic>, Error>)>;
    let process = |slots: &mut Slots<T>, batch: &[&Input]| {
        slots[..batch.len()].par_iter_mut().zip(batch.par_iter()).for_each(|((slot, problems), i)| {
            *problems = read(i).and_then(|text| {
                guard(&i.name, || {
                    let mut x = try_extract(&i.name, &text, options)?;
                    work(&mut x, slot);
                    Ok(x.diagnostics)
                })
            });
            progress();
        });
    };
    let new_slots = || -> Slots<T> { (0..BATCH.min(inputs.len())).map(|_| (T::default(), Ok(Vec::new()))).collect() };
    let batches: Vec<&[&Input]> = inputs.chunks(BATCH).collect();
    let Some(first) = batches.first() else { return Ok(Outcome::Done) };
    let (mut ready, mut next) = (new_slots(), new_slots());
    process(&mut ready, first);
    for (k, batch) in batches.iter().enumerate() {
        let mut sunk = Ok(ControlFlow::Continue(()));
        rayon::in_place_scope(|s| {
            if let Some(following) = batches.get(k + 1) {
                let next = &mut next;
                s.spawn(move |_| process(next, following));
            }
            sunk = (|| {
                for (j, (slot, problems)) in ready[..batch.len()].iter_mut().enumerate() {
                    let reported = match problems {
                        Ok(ds) if diagnostics => ds.iter().try_for_each(|d| on(Event::Diagnostic(d))),
                        Ok(_) => ControlFlow::Continue(()),
                        Err(e) => {
                            failed.push(k * BATCH + j);
                            on(Event::Unreadable(e))
                        }
                    };
                    if reported.is_break() {
                        return Ok(ControlFlow::Break(()));
                    }
                    if problems.is_ok() {
                        sink(slot)?;
                    }
                }
                Ok::<_, std::io::Error>(ControlFlow::Continue(()))
            })();
        });
        if sunk?.is_break() {
            return Ok(Outcome::Stopped);
        }
        std::mem::swap(&mut ready, &mut next);
    }
    Ok(Outcome::Done)
}

/// One note's output in a batch.
#[derive(Default)]
struct Slot {
    buf: Vec<u8>,
    identities: Identities,
}

/// Runs `f` for note `path`, turning a panic (a bug) into [`Error::Internal`] for that note,
/// so one note cannot stop the run.
pub fn guard<T>(path: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        Err(Error::Internal { path: path.to_owned(), message })
    })
}
