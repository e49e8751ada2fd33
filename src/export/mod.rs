//! Writers: one type per format, all behind [`Exporter`], each streaming the graph in a
//! deterministic order (byte-identical output on every run).

mod dot;
mod jsonld;
pub mod rdf;
mod turtle;

use std::io::Write;
use std::path::Path;

pub use dot::DotExporter;
pub use jsonld::{JsonLdExporter, context};
pub use turtle::TurtleExporter;

use crate::error::Error;
use crate::graph::KnowledgeGraph;

/// Writes a [`KnowledgeGraph`] in one format.
pub trait Exporter {
    /// Writes the whole graph to `out`.
    fn export(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> Result<(), Error>;
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// RDF Turtle (`.ttl`).
    Turtle,
    /// JSON-LD with the talkgraph context (`.jsonld`).
    JsonLd,
    /// Graphviz DOT (`.dot`, `.gv`).
    Dot,
}

impl Format {
    /// The format a file name's extension calls for, if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "ttl" => Some(Format::Turtle),
            "jsonld" | "json" => Some(Format::JsonLd),
            "dot" | "gv" => Some(Format::Dot),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::JsonLd => "jsonld",
            Format::Dot => "dot",
        }
    }

    /// The writer for this format.
    pub fn exporter(self) -> Box<dyn Exporter> {
        match self {
            Format::Turtle => Box::new(TurtleExporter),
            Format::JsonLd => Box::new(JsonLdExporter),
            Format::Dot => Box::new(DotExporter),
        }
    }
}
