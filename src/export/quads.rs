//! N-Triples (the default graph), N-Quads and TriG (one named graph per note) through oxttl.

use std::io::Write;

use oxrdf::QuadRef;
use oxttl::{NQuadsSerializer, NTriplesSerializer, TriGSerializer};

use super::turtle::{default_graph_prefixes, invalid};
use super::{ExportOptions, Exporter, rdf};
use crate::dataset::Dataset;
use crate::error::Error;

/// Writes N-Triples: every note's statements together, one triple a line.
#[derive(Debug, Clone, Copy, Default)]
pub struct NTriplesExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for NTriplesExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let mut w = NTriplesSerializer::new().for_writer(out);
        rdf::for_each_subject(&data.graph, &self.options, |group| {
            group.iter().try_for_each(|t| w.serialize_triple(t))
        })?;
        w.finish();
        Ok(())
    }
}

/// Writes N-Quads: each note's statements in a named graph whose name is the note's IRI, so a
/// store can replace one note's graph when the note changes.
#[derive(Debug, Clone, Copy, Default)]
pub struct NQuadsExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for NQuadsExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let mut w = NQuadsSerializer::new().for_writer(out);
        rdf::for_each_note(data, &self.options, |graph, triples| {
            for t in triples {
                w.serialize_quad(QuadRef::new(&t.subject, &t.predicate, &t.object, graph))?;
            }
            Ok::<(), std::io::Error>(())
        })?;
        w.finish();
        Ok(())
    }
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
        w.finish()?;
        Ok(())
    }
}
