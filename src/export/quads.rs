//! N-Triples (the default graph), N-Quads and TriG (one named graph per note) through oxttl.

use std::io::Write;

use oxrdf::{NamedNode, NamedNodeRef, QuadRef, TripleRef};
use oxttl::{NQuadsSerializer, NTriplesSerializer, TriGSerializer};

use super::turtle::{default_graph_prefixes, invalid};
use super::{ExportOptions, Exporter, rdf};
use crate::dataset::{Dataset, note_of};
use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::vocab::owl;

/// Writes N-Triples: each note's statements in turn, then the `owl:sameAs` links across notes.
/// A statement two notes make is written twice (N-Triples is a set of lines; readers merge
/// them), which lets the command line write each note as soon as it is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct NTriplesExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for NTriplesExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        write_notes(data, &self.options, false, out)
    }
}

/// Writes N-Quads: each note's statements in a named graph whose name is the note's IRI, so a
/// store can replace one note's graph when the note changes; then, in the default graph, the
/// `owl:sameAs` links across notes.
#[derive(Debug, Clone, Copy, Default)]
pub struct NQuadsExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for NQuadsExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        write_notes(data, &self.options, true, out)
    }
}

fn write_notes(data: &Dataset, options: &ExportOptions, quads: bool, out: &mut dyn Write) -> Result<(), Error> {
    use rayon::prelude::*;
    const CHUNK: usize = 256;
    let n = data.note_count();
    for start in (0..n).step_by(CHUNK) {
        let chunk: Vec<Vec<u8>> = (start..(start + CHUNK).min(n))
            .into_par_iter()
            .map(|i| {
                let mut buf = Vec::new();
                write_note(&data.note_graph(i), options, quads, &mut buf);
                buf
            })
            .collect();
        for buf in &chunk {
            out.write_all(buf)?;
        }
    }
    write_links(&data.same_as_links(), out)?;
    Ok(())
}

/// Appends one note's statements to `out`: as N-Triples, or as N-Quads in the note's named
/// graph when `quads`.
pub fn write_note(g: &KnowledgeGraph, options: &ExportOptions, quads: bool, out: &mut Vec<u8>) {
    let triples = rdf::graph_statements(g, options);
    let name = note_of(g).map(NamedNode::new_unchecked);
    match name.filter(|_| quads) {
        Some(name) => {
            let mut w = NQuadsSerializer::new().for_writer(out);
            for t in &triples {
                // Writing to a `Vec` cannot fail.
                let _ = w.serialize_quad(QuadRef::new(&t.subject, &t.predicate, &t.object, &name));
            }
        }
        None => {
            let mut w = NTriplesSerializer::new().for_writer(out);
            for t in &triples {
                let _ = w.serialize_triple(t);
            }
        }
    }
}

/// Writes `owl:sameAs` links (entity, representative) as N-Triples lines, which are also
/// N-Quads lines in the default graph.
pub fn write_links(links: &[(String, String)], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = NTriplesSerializer::new().for_writer(out);
    for (a, b) in links {
        let (a, b) = (NamedNode::new_unchecked(a.as_str()), NamedNode::new_unchecked(b.as_str()));
        w.serialize_triple(TripleRef::new(&a, NamedNodeRef::new_unchecked(owl::SAME_AS), &b))?;
    }
    w.finish();
    Ok(())
}

/// Writes TriG: like N-Quads, readable, with prefixes.
#[derive(Debug, Clone, Copy, Default)]
pub struct TriGExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for TriGExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        // Prefixes come first, so they are chosen from the default graph (the same IRIs as the
        // notes' graphs together) and the note IRIs (the graph names).
        let prefixes = rdf::prefixes(data.base());
        let mut serializer = TriGSerializer::new();
        for (name, ns) in default_graph_prefixes(&prefixes, data, &self.options) {
            serializer = serializer.with_prefix(name, ns).map_err(invalid)?;
        }
        let mut w = serializer.for_writer(out);
        rdf::for_each_note(data, &self.options, |graph, triples| {
            for t in triples {
                w.serialize_quad(QuadRef::new(&t.subject, &t.predicate, &t.object, graph))?;
            }
            Ok::<(), std::io::Error>(())
        })?;
        let same_as = NamedNodeRef::new_unchecked(owl::SAME_AS);
        for (a, b) in data.same_as_links() {
            let (a, b) = (NamedNode::new_unchecked(a), NamedNode::new_unchecked(b));
            w.serialize_quad(QuadRef::new(&a, same_as, &b, oxrdf::GraphNameRef::DefaultGraph))?;
        }
        w.finish()?;
        Ok(())
    }
}
