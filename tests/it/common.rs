//! Helpers shared by the integration tests.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use talkgraph::export::rdf;
use talkgraph::extract::{ExtractOptions, Mentions, extract_all};
use talkgraph::resolve::Resolver;
use talkgraph::vocab::DEFAULT_BASE;
use talkgraph::{Format, KnowledgeGraph};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed note's path.
pub fn seed_path() -> PathBuf {
    root().join("samples/pycon-it-2024-day3.md")
}

/// Builds the graph of the given notes (name, text), as `talkgraph export` does.
pub fn graph_of(notes: &[(&str, &str)]) -> KnowledgeGraph {
    let owned: Vec<(String, String)> = notes.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
    let mut r = Resolver::new(DEFAULT_BASE).expect("default base is valid");
    for x in extract_all(&owned, &ExtractOptions::default(), Mentions::Corpus) {
        r.add(&x.note);
    }
    r.finish()
}

/// The graph of one file, named by its file name.
pub fn graph_of_file(path: &Path) -> KnowledgeGraph {
    let text = std::fs::read_to_string(path).expect("readable note");
    let name = path.file_name().expect("a file").to_string_lossy().into_owned();
    graph_of(&[(&name, &text)])
}

/// Exports `graph` in `format`.
pub fn export(graph: &KnowledgeGraph, format: Format) -> String {
    let mut out = Vec::new();
    format.exporter().export(graph, &mut out).expect("export succeeds");
    String::from_utf8(out).expect("exports are UTF-8")
}

/// The triples the RDF writers write, as N-Triples lines.
pub fn expected_triples(graph: &KnowledgeGraph) -> BTreeSet<String> {
    rdf::triples(graph).iter().map(ToString::to_string).collect()
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
