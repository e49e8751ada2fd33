//! The notes resolved: the merged [`KnowledgeGraph`], and each note's own graph (IRIs do not
//! depend on the other notes), for formats that keep one named graph per note.

use crate::error::Error;
use crate::graph::{EntityKind, KnowledgeGraph};
use crate::model::Note;
use crate::resolve::{Identities, Resolver};

/// Everything an exporter writes: the merged graph, and the notes in path order, whose own
/// graphs (what each note says) are resolved on demand by [`Dataset::note_graph`].
#[derive(Debug, Clone)]
pub struct Dataset {
    /// All notes merged.
    pub graph: KnowledgeGraph,
    notes: Vec<Note>,
}

impl Dataset {
    /// Resolves `notes` (in any order: they are sorted by path) with IRIs under `base`.
    ///
    /// ```
    /// use talkgraph::dataset::Dataset;
    /// use talkgraph::extract::{extract, ExtractOptions};
    /// let n = extract("a.md", "# [TALK] Hi\nby Ada Lovelace\n", &ExtractOptions::default()).note;
    /// let ds = Dataset::build(talkgraph::vocab::DEFAULT_BASE, vec![n])?;
    /// assert_eq!(ds.note_count(), 1);
    /// assert!(ds.graph.find("https://talkgraph.example/id/note/a.md").is_some());
    /// # Ok::<_, talkgraph::Error>(())
    /// ```
    pub fn build(base: &str, notes: Vec<Note>) -> Result<Self, Error> {
        use rayon::prelude::*;
        let mut notes = notes;
        notes.sort_by(|a, b| a.path.cmp(&b.path));
        let empty = Resolver::new(base)?;
        // A resolver per batch of notes, in parallel, then merged: what a resolver holds is a
        // set, so the result does not depend on how the notes were batched.
        let all = notes
            .par_chunks(64)
            .map(|batch| {
                let mut r = empty.clone();
                batch.iter().for_each(|n| r.add(n));
                r
            })
            .reduce(
                || empty.clone(),
                |mut a, b| {
                    a.absorb(b);
                    a
                },
            );
        Ok(Self { graph: all.finish(), notes })
    }

    /// A dataset of a merged graph alone, without the notes (from [`crate::stream::merge`]):
    /// enough for the formats that write the merged graph only (Turtle, JSON-LD, DOT;
    /// [`crate::Format::needs_notes`] is false), with no note graphs for the others.
    pub fn from_graph(graph: KnowledgeGraph) -> Self {
        Self { graph, notes: Vec::new() }
    }

    /// Number of notes.
    pub fn note_count(&self) -> usize {
        self.notes.len()
    }

    /// The graph of note `i` (in path order): what that note says.
    pub fn note_graph(&self, i: usize) -> KnowledgeGraph {
        note_graph(self.base(), &self.notes[i])
    }

    /// Every note's graph, in path order.
    pub fn note_graphs(&self) -> Vec<KnowledgeGraph> {
        (0..self.notes.len()).map(|i| self.note_graph(i)).collect()
    }

    /// The `owl:sameAs` links of the merged graph (entity IRI, representative IRI), sorted.
    pub fn same_as_links(&self) -> Vec<(String, String)> {
        self.graph
            .relations()
            .filter(|(_, e, _)| e.relation == crate::graph::Relation::SameAs)
            .map(|(a, _, b)| (a.iri.clone(), b.iri.clone()))
            .collect()
    }

    /// The base the IRIs were minted under.
    pub fn base(&self) -> &str {
        self.graph.base()
    }
}

/// What one note says, as a graph: its IRIs are those of the merged graph, since they depend on
/// the note alone. `base` must be valid ([`crate::resolve::validate_base`]).
pub fn note_graph(base: &str, note: &Note) -> KnowledgeGraph {
    resolve_note(base, note).0
}

/// [`note_graph`], with the URLs that identify its entities ([`Identities`]).
pub fn resolve_note(base: &str, note: &Note) -> (KnowledgeGraph, Identities) {
    let mut r = Resolver::unchecked(base);
    r.add(note);
    r.finish_with_identities()
}

/// The IRI of the note a per-note graph is about.
pub fn note_of(graph: &KnowledgeGraph) -> Option<&str> {
    graph.entities().find(|e| e.kind == EntityKind::Note).map(|e| e.iri.as_str())
}
