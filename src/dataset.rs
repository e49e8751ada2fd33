//! The notes resolved: the merged [`KnowledgeGraph`], and each note's own graph with the same
//! IRIs, for formats that keep one named graph per note and for provenance.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Error;
use crate::graph::{EntityKind, KnowledgeGraph};
use crate::model::Note;
use crate::resolve::{EntityKey, Resolver};

/// Everything an exporter writes: the merged graph, and the notes in path order, whose own
/// graphs (what each note says, with the merged graph's IRIs, so a person met in two notes is
/// the same IRI in both) are resolved on demand by [`Dataset::note_graph`].
#[derive(Debug, Clone)]
pub struct Dataset {
    /// All notes merged.
    pub graph: KnowledgeGraph,
    notes: Vec<Note>,
    iris: Arc<HashMap<EntityKey, String>>,
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
        let mut notes = notes;
        notes.sort_by(|a, b| a.path.cmp(&b.path));
        let mut all = Resolver::new(base)?;
        for n in &notes {
            all.add(n);
        }
        let (graph, iris) = all.finish_with_iris();
        Ok(Self { graph, notes, iris: Arc::new(iris) })
    }

    /// Number of notes.
    pub fn note_count(&self) -> usize {
        self.notes.len()
    }

    /// The graph of note `i` (in path order): what that note says, with the merged IRIs.
    pub fn note_graph(&self, i: usize) -> KnowledgeGraph {
        let mut r = Resolver::with_iris(self.base(), Arc::clone(&self.iris)).expect("the base was validated");
        r.add(&self.notes[i]);
        r.finish()
    }

    /// Every note's graph, in path order.
    pub fn note_graphs(&self) -> Vec<KnowledgeGraph> {
        (0..self.notes.len()).map(|i| self.note_graph(i)).collect()
    }

    /// The base the IRIs were minted under.
    pub fn base(&self) -> &str {
        self.graph.base()
    }
}

/// The IRI of the note a per-note graph is about.
pub fn note_of(graph: &KnowledgeGraph) -> Option<&str> {
    graph.entities().find(|e| e.kind == EntityKind::Note).map(|e| e.iri.as_str())
}
