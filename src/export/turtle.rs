//! Turtle through oxttl: grouped by subject, only the prefixes it uses.

use std::io::Write;

use oxrdf::{NamedNodeRef, TermRef, TripleRef};
use oxttl::TurtleSerializer;

use super::{ExportOptions, Exporter, rdf};
use crate::dataset::Dataset;
use crate::error::Error;

/// Writes RDF Turtle: the default graph (every note's statements together).
///
/// ```
/// use talkgraph::export::{Exporter, TurtleExporter};
/// # let data = talkgraph::Dataset::build(talkgraph::vocab::DEFAULT_BASE, vec![])?;
/// let mut out = Vec::new();
/// TurtleExporter::default().export(&data, &mut out)?;
/// # Ok::<_, talkgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TurtleExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for TurtleExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        // Two passes over the graph, one subject at a time: the prefixes first (Turtle declares
        // them before any statement), then the statements.
        let prefixes = rdf::prefixes(data.base());
        let mut serializer = TurtleSerializer::new();
        for (name, ns) in default_graph_prefixes(&prefixes, data, &self.options) {
            serializer = serializer.with_prefix(name, ns).map_err(invalid)?;
        }
        let mut writer = serializer.for_writer(out);
        rdf::for_each_subject(&data.graph, &self.options, |group| {
            group.iter().try_for_each(|t| writer.serialize_triple(*t))
        })?;
        writer.finish()?;
        Ok(())
    }
}

pub(crate) fn invalid(e: impl std::fmt::Display) -> Error {
    Error::Write(std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()))
}

/// The prefixes the default graph of `data` uses (one pass over its subjects, unsorted: see
/// [`rdf::for_each_unsorted`]).
pub(crate) fn default_graph_prefixes<'a>(
    prefixes: &'a [(String, String)],
    data: &Dataset,
    options: &ExportOptions,
) -> Vec<(&'a str, &'a str)> {
    let mut used = vec![false; prefixes.len()];
    let _ = rdf::for_each_unsorted(&data.graph, options, |group| {
        mark_prefixes(prefixes, group.iter(), &mut used);
        Ok::<(), std::convert::Infallible>(())
    });
    prefixes.iter().zip(used).filter(|(_, u)| *u).map(|((n, ns), _)| (n.as_str(), ns.as_str())).collect()
}

/// Marks in `used` the prefixes some IRI of `triples` can be written with.
fn mark_prefixes<'t, 'g: 't>(
    prefixes: &[(String, String)],
    triples: impl Iterator<Item = &'t TripleRef<'g>>,
    used: &mut [bool],
) {
    let mut mark = |iri: NamedNodeRef<'_>| {
        let iri = iri.as_str();
        for (i, (_, ns)) in prefixes.iter().enumerate() {
            if !used[i] && iri.len() > ns.len() && iri.starts_with(ns.as_str()) && is_local_name(&iri[ns.len()..]) {
                used[i] = true;
            }
        }
    };
    // Marking is idempotent: an IRI just marked (a group's subject, mostly, and runs of one
    // predicate) need not be tried again.
    let same = |a: Option<&str>, b: &str| a.is_some_and(|a| std::ptr::eq(a, b) || a == b);
    let (mut subject, mut predicate): (Option<&str>, Option<&str>) = (None, None);
    for t in triples {
        if let oxrdf::NamedOrBlankNodeRef::NamedNode(s) = t.subject
            && !same(subject, s.as_str())
        {
            mark(s);
            subject = Some(s.as_str());
        }
        let p = t.predicate.as_str();
        if !std::ptr::eq(predicate.unwrap_or_default(), p) && p != crate::vocab::rdf::TYPE {
            mark(t.predicate);
            predicate = Some(p);
        }
        match t.object {
            TermRef::NamedNode(o) => mark(o),
            // oxttl writes integers bare; other datatypes with a prefix.
            TermRef::Literal(l)
                if l.datatype() != oxrdf::vocab::xsd::STRING
                    && l.datatype() != oxrdf::vocab::xsd::INTEGER
                    && l.language().is_none() =>
            {
                mark(l.datatype())
            }
            _ => {}
        }
    }
}

/// A conservative Turtle `PN_LOCAL`: what oxttl writes as `prefix:local`.
fn is_local_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        && !s.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ProvenanceMode;
    use crate::extract::{ExtractOptions, extract};

    /// The prefixes of the sorted statements, as the prefix pass chose them before.
    fn sorted_prefixes<'a>(
        prefixes: &'a [(String, String)],
        data: &Dataset,
        options: &ExportOptions,
    ) -> Vec<(&'a str, &'a str)> {
        let mut used = vec![false; prefixes.len()];
        let _ = rdf::for_each_subject(&data.graph, options, |group| {
            mark_prefixes(prefixes, group.iter(), &mut used);
            Ok::<(), std::convert::Infallible>(())
        });
        prefixes.iter().zip(used).filter(|(_, u)| *u).map(|((n, ns), _)| (n.as_str(), ns.as_str())).collect()
    }

    #[test]
    fn prefixes_of_unsorted_statements_are_those_of_sorted_ones() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let mut notes = Vec::new();
        for entry in std::fs::read_dir(dir).expect("the samples") {
            let path = entry.expect("a sample").path();
            if path.extension().is_some_and(|x| x == "md") {
                let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).expect("a sample's text");
                notes.push(extract(&name, &text, &ExtractOptions::default()).note);
                // The same note under a path that is a local name, and one that is not.
                notes.push(extract("plain", &text, &ExtractOptions::default()).note);
                notes.push(extract("a b/c.md", &text, &ExtractOptions::default()).note);
            }
        }
        assert!(notes.len() >= 6);
        let bases = [crate::vocab::DEFAULT_BASE, "urn:x:", "https://schema.org/", "https://w3id.org/talkgraph/vocab#"];
        for base in bases {
            let data = Dataset::build(base, notes.clone()).expect("a valid base");
            let prefixes = rdf::prefixes(base);
            for provenance in [ProvenanceMode::Lines, ProvenanceMode::Notes, ProvenanceMode::None] {
                let options = ExportOptions { provenance, ..ExportOptions::default() };
                assert_eq!(
                    default_graph_prefixes(&prefixes, &data, &options),
                    sorted_prefixes(&prefixes, &data, &options),
                    "{base} {provenance:?}"
                );
            }
        }
    }
}
