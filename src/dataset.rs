//! The notes resolved: the merged [`KnowledgeGraph`], and each note's own graph with the same
//! IRIs, for formats that keep one named graph per note and for provenance.

use std::sync::Arc;

use crate::error::Error;
use crate::graph::{EntityKind, KnowledgeGraph};
use crate::model::Note;
use crate::resolve::Resolver;

/// Everything an exporter writes.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// All notes merged.
    pub graph: KnowledgeGraph,
    /// One graph per note, in path order, each stating what that note says (with the merged
    /// graph's IRIs, so a person met in two notes is the same IRI in both).
    pub notes: Vec<KnowledgeGraph>,
}

impl Dataset {
    /// Resolves `notes` (in any order: they are sorted by path) with IRIs under `base`.
    ///
    /// ```
    /// use talkgraph::dataset::Dataset;
    /// use talkgraph::extract::{extract, ExtractOptions};
    /// let n = extract("a.md", "# [TALK] Hi\nby Ada Lovelace\n", &ExtractOptions::default()).note;
    /// let ds = Dataset::build(talkgraph::vocab::DEFAULT_BASE, &[n])?;
    /// assert_eq!(ds.notes.len(), 1);
    /// assert!(ds.graph.find("https://talkgraph.example/id/note/a.md").is_some());
    /// # Ok::<_, talkgraph::Error>(())
    /// ```
    pub fn build(base: &str, notes: &[Note]) -> Result<Self, Error> {
        let mut sorted: Vec<&Note> = notes.iter().collect();
        sorted.sort_by(|a, b| a.path.cmp(&b.path));
        let mut all = Resolver::new(base)?;
        for n in &sorted {
            all.add(n);
        }
        let (graph, iris) = all.finish_with_iris();
        let iris = Arc::new(iris);
        use rayon::prelude::*;
        let per_note = sorted
            .par_iter()
            .map(|n| {
                let mut r = Resolver::with_iris(base, Arc::clone(&iris))?;
                r.add(n);
                Ok(r.finish())
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Self { graph, notes: per_note })
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
