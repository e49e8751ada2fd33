//! Writers: one type per format, all behind [`Exporter`], each writing the dataset in a
//! deterministic order (byte-identical output on every run).

mod csv;
pub mod dot;
mod graphml;
mod json_graph;
mod jsonld;
pub mod mermaid;
pub mod props;
mod quads;
pub mod rdf;
pub mod render;
mod turtle;

use std::io::Write;
use std::path::Path;

pub use csv::{CsvExporter, EDGES_FILE, NODES_FILE};
pub use dot::{Clusters, DiagramOptions, DotExporter, Layout};
pub use graphml::GraphMlExporter;
pub use json_graph::JsonGraphExporter;
pub use jsonld::{JsonLdExporter, context};
pub use mermaid::MermaidExporter;
pub use quads::{NQuadsExporter, NTriplesExporter, TriGExporter, write_links, write_note};
pub use render::{Image, ImageExporter};
pub use turtle::TurtleExporter;

use crate::dataset::Dataset;
use crate::error::Error;

/// Writes a [`Dataset`] in one format.
pub trait Exporter: Send + Sync {
    /// Writes the whole dataset to `out`.
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error>;
}

/// What to do with e-mail addresses found in bylines (personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmailMode {
    /// Write nothing (the default).
    #[default]
    Omit,
    /// Write `foaf:mbox_sha1sum`, the SHA-1 of the `mailto:` IRI: pseudonymization, not
    /// anonymization (anyone who knows an address can compute its hash and find it).
    Hash,
    /// Write `schema:email` as a `mailto:` IRI.
    Keep,
}

/// How much provenance to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProvenanceMode {
    /// Note nodes, `prov:wasDerivedFrom` each source line, reified relations (the default).
    #[default]
    Lines,
    /// Note nodes and `prov:wasDerivedFrom` the note; no lines, no reification.
    Notes,
    /// Nothing about where statements come from (named graphs still name the note).
    None,
}

/// Settings shared by the writers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// E-mail addresses.
    pub emails: EmailMode,
    /// Provenance.
    pub provenance: ProvenanceMode,
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// RDF Turtle (`.ttl`).
    Turtle,
    /// N-Triples (`.nt`).
    NTriples,
    /// N-Quads, one named graph per note (`.nq`).
    NQuads,
    /// TriG, one named graph per note (`.trig`).
    TriG,
    /// JSON-LD with the talkgraph context (`.jsonld`).
    JsonLd,
    /// Graphviz DOT (`.dot`, `.gv`).
    Dot,
    /// A Mermaid flowchart (`.mmd`), for Markdown documents.
    Mermaid,
    /// GraphML (`.graphml`), for networkx, Gephi and yEd.
    GraphMl,
    /// Node-link JSON, as networkx's `node_link_graph` and D3 read it (`--format json-graph`;
    /// a `.json` file name means JSON-LD).
    JsonGraph,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 9] = [
        Format::Turtle,
        Format::NTriples,
        Format::NQuads,
        Format::TriG,
        Format::JsonLd,
        Format::Dot,
        Format::Mermaid,
        Format::GraphMl,
        Format::JsonGraph,
    ];

    /// The format a file name's extension calls for, if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "ttl" => Some(Format::Turtle),
            "nt" => Some(Format::NTriples),
            "nq" => Some(Format::NQuads),
            "trig" => Some(Format::TriG),
            "jsonld" | "json" => Some(Format::JsonLd),
            "dot" | "gv" => Some(Format::Dot),
            "mmd" | "mermaid" => Some(Format::Mermaid),
            "graphml" => Some(Format::GraphMl),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::NTriples => "nt",
            Format::NQuads => "nq",
            Format::TriG => "trig",
            Format::JsonLd => "jsonld",
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
            Format::GraphMl => "graphml",
            Format::JsonGraph => "json",
        }
    }

    /// Whether the format keeps one named graph per note.
    pub fn has_graphs(self) -> bool {
        matches!(self, Format::NQuads | Format::TriG)
    }

    /// Whether the format draws or tabulates the graph (DOT, Mermaid, GraphML, node-link JSON),
    /// so that a [`crate::view::View`] may narrow it; the RDF formats always write all of it.
    pub fn takes_views(self) -> bool {
        matches!(self, Format::Dot | Format::Mermaid | Format::GraphMl | Format::JsonGraph)
    }

    /// Whether the writer needs each note's own graph ([`Dataset::note_graph`]), not only the
    /// merged graph.
    pub fn needs_notes(self) -> bool {
        matches!(self, Format::NTriples | Format::NQuads | Format::TriG)
    }

    /// The writer for this format.
    pub fn exporter(self, options: ExportOptions) -> Box<dyn Exporter> {
        match self {
            Format::Turtle => Box::new(TurtleExporter { options }),
            Format::NTriples => Box::new(NTriplesExporter { options }),
            Format::NQuads => Box::new(NQuadsExporter { options }),
            Format::TriG => Box::new(TriGExporter { options }),
            Format::JsonLd => Box::new(JsonLdExporter { options }),
            Format::Dot => Box::new(DotExporter { options, diagram: DiagramOptions::default() }),
            Format::Mermaid => Box::new(MermaidExporter { options, diagram: DiagramOptions::default() }),
            Format::GraphMl => Box::new(GraphMlExporter { options }),
            Format::JsonGraph => Box::new(JsonGraphExporter { options }),
        }
    }
}
