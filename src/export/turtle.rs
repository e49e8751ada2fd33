//! Turtle through oxttl: grouped by subject, only the prefixes it uses.

use std::io::Write;

use oxrdf::{NamedNodeRef, Term, Triple};
use oxttl::TurtleSerializer;

use super::Exporter;
use super::rdf;
use crate::error::Error;
use crate::graph::KnowledgeGraph;

/// Writes RDF Turtle.
///
/// ```
/// use talkgraph::export::{Exporter, TurtleExporter};
/// # let graph = talkgraph::resolve::Resolver::new(talkgraph::vocab::DEFAULT_BASE)?.finish();
/// let mut out = Vec::new();
/// TurtleExporter.export(&graph, &mut out)?;
/// # Ok::<_, talkgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TurtleExporter;

impl Exporter for TurtleExporter {
    fn export(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> Result<(), Error> {
        let triples = rdf::triples(graph);
        let mut serializer = TurtleSerializer::new();
        for (name, ns) in used_prefixes(&rdf::prefixes(graph.base()), &triples) {
            serializer = serializer
                .with_prefix(name, ns)
                .map_err(|e| Error::Write(std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string())))?;
        }
        let mut writer = serializer.for_writer(out);
        for t in &triples {
            writer.serialize_triple(t)?;
        }
        writer.finish()?;
        Ok(())
    }
}

/// The prefixes some IRI of `triples` can be written with.
pub(crate) fn used_prefixes<'a>(prefixes: &'a [(String, String)], triples: &[Triple]) -> Vec<(&'a str, &'a str)> {
    let mut used = vec![false; prefixes.len()];
    let mut mark = |iri: NamedNodeRef<'_>| {
        let iri = iri.as_str();
        for (i, (_, ns)) in prefixes.iter().enumerate() {
            if !used[i] && iri.len() > ns.len() && iri.starts_with(ns.as_str()) && is_local_name(&iri[ns.len()..]) {
                used[i] = true;
            }
        }
    };
    for t in triples {
        if let oxrdf::NamedOrBlankNode::NamedNode(s) = &t.subject {
            mark(s.as_ref());
        }
        if t.predicate.as_str() != crate::vocab::rdf::TYPE {
            mark(t.predicate.as_ref());
        }
        match &t.object {
            Term::NamedNode(o) => mark(o.as_ref()),
            Term::Literal(l) if l.datatype() != oxrdf::vocab::xsd::STRING && l.language().is_none() => {
                mark(l.datatype())
            }
            _ => {}
        }
    }
    prefixes.iter().zip(used).filter(|(_, u)| *u).map(|((n, ns), _)| (n.as_str(), ns.as_str())).collect()
}

/// A conservative Turtle `PN_LOCAL`: what oxttl writes as `prefix:local`.
fn is_local_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        && !s.ends_with('.')
}
