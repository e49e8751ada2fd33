//! Helpers shared by the integration tests.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use talkgraph::export::ExportOptions;
use talkgraph::export::rdf;
use talkgraph::extract::{ExtractOptions, Mentions, extract_all};
use talkgraph::vocab::DEFAULT_BASE;
use talkgraph::{Dataset, Format, KnowledgeGraph};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed note's path.
pub fn seed_path() -> PathBuf {
    root().join("samples/pycon-it-2024-day3.md")
}

/// Builds the dataset of the given notes (name, text), as `talkgraph export` does.
pub fn dataset_of(notes: &[(&str, &str)]) -> Dataset {
    let owned: Vec<(String, String)> = notes.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
    let notes: Vec<_> =
        extract_all(&owned, &ExtractOptions::default(), Mentions::Corpus).into_iter().map(|x| x.note).collect();
    Dataset::build(DEFAULT_BASE, notes).expect("default base is valid")
}

/// The merged graph of the given notes.
pub fn graph_of(notes: &[(&str, &str)]) -> KnowledgeGraph {
    dataset_of(notes).graph
}

/// The dataset of one file, named by its file name.
pub fn dataset_of_file(path: &Path) -> Dataset {
    let text = std::fs::read_to_string(path).expect("readable note");
    let name = path.file_name().expect("a file").to_string_lossy().into_owned();
    dataset_of(&[(&name, &text)])
}

/// The merged graph of one file.
pub fn graph_of_file(path: &Path) -> KnowledgeGraph {
    dataset_of_file(path).graph
}

/// Exports `data` in `format` with default options.
pub fn export(data: &Dataset, format: Format) -> String {
    export_with(data, format, ExportOptions::default())
}

/// Exports `data` in `format`.
pub fn export_with(data: &Dataset, format: Format, options: ExportOptions) -> String {
    let mut out = Vec::new();
    format.exporter(options).export(data, &mut out).expect("export succeeds");
    String::from_utf8(out).expect("exports are UTF-8")
}

/// The triples the RDF writers write, as N-Triples lines.
pub fn expected_triples(data: &Dataset) -> BTreeSet<String> {
    rdf::triples(data, &ExportOptions::default()).iter().map(ToString::to_string).collect()
}

/// Parses N-Quads or TriG into (graph, triple) N-Triples-like lines.
pub fn parse_quads(text: &str, trig: bool) -> BTreeSet<(String, String)> {
    let quads: Vec<oxrdf::Quad> = if trig {
        oxttl::TriGParser::new()
            .for_slice(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("TriG: {e}\n{text}"))
    } else {
        oxttl::NQuadsParser::new()
            .for_slice(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("N-Quads: {e}\n{text}"))
    };
    quads.into_iter().map(|q| (q.graph_name.to_string(), oxrdf::Triple::from(q).to_string())).collect()
}

/// Parses Turtle with oxttl into N-Triples lines; panics with the parser's message.
pub fn parse_turtle(ttl: &str) -> BTreeSet<String> {
    oxttl::TurtleParser::new()
        .for_slice(ttl.as_bytes())
        .map(|t| t.unwrap_or_else(|e| panic!("Turtle does not parse: {e}\n{ttl}")).to_string())
        .collect()
}

/// Parses JSON-LD with oxjsonld into N-Triples lines (default graph only).
pub fn parse_jsonld(doc: &str) -> BTreeSet<String> {
    oxjsonld::JsonLdParser::new()
        .for_slice(doc.as_bytes())
        .map(|q| {
            let q = q.unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{doc}"));
            assert!(q.graph_name.is_default_graph(), "unexpected named graph in {q}");
            oxrdf::Triple::from(q).to_string()
        })
        .collect()
}

/// Renders DOT with Graphviz; panics when `dot` is missing, fails, or warns.
pub fn render_dot(dot: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` must be installed to run the tests (.ci/run installs it)");
    child.stdin.take().expect("stdin").write_all(dot.as_bytes()).expect("write to dot");
    let out = child.wait_with_output().expect("dot runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.trim().is_empty(), "dot failed or warned: {stderr}\n{dot}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"), "dot wrote no SVG");
}
