//! `talkgraph query`: the notes' graph in an embedded, in-memory Oxigraph store, asked any
//! SPARQL 1.1 query.
//!
//! The store holds what `export --format nquads` writes: each note's statements in the named
//! graph of the note's IRI, the `owl:sameAs` links across notes in the default graph. A query
//! that names no dataset of its own (no `FROM`, `FROM NAMED`) sees the union of all of them as
//! its default graph, so `?talk schema:mentions ?tool` finds every note's statements, while
//! `GRAPH ?note { ... }` still tells which note said what.
//!
//! ```
//! use talkgraph::store::query::{ResultsFormat, execute, write_results};
//! use talkgraph::vocab::DEFAULT_BASE;
//! use talkgraph::Format;
//!
//! let store = oxigraph::store::Store::new()?;
//! store.load_from_slice(
//!     oxigraph::io::RdfFormat::NQuads,
//!     "<https://talkgraph.example/id/tool/ripgrep> <https://schema.org/name> \"ripgrep\" \
//!      <https://talkgraph.example/id/note/a.md> .\n",
//! )?;
//! // talkgraph's prefixes are declared: no PREFIX lines needed.
//! let results = execute(&store, "SELECT ?name WHERE { tool:ripgrep schema:name ?name }", DEFAULT_BASE)?;
//! let mut out = Vec::new();
//! write_results(results, ResultsFormat::Table, Format::Turtle, DEFAULT_BASE, &mut out)?;
//! assert_eq!(String::from_utf8(out)?, "name\n-------\nripgrep\n");
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::ops::ControlFlow;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Graph, Quad, Term, TripleRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use oxrdf::dataset::CanonicalizationAlgorithm;

use crate::Format;
use crate::error::Error;
use crate::export::rdf;
use crate::input::Input;
use crate::stream::{Event, Outcome, Settings};

/// Why a query could not be answered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The query is not SPARQL 1.1: `line` and `column` (1-based; 0 when unknown) say where.
    #[error("{}{message}", position(*line, *column))]
    Syntax {
        /// Line of the query text.
        line: usize,
        /// Column, in characters.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The query is valid but could not be evaluated (a `SERVICE` call, a function error).
    #[error("the query failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    /// The embedded store failed.
    #[error("the embedded store failed: {0}")]
    Storage(#[from] StorageError),
    /// The results could not be written.
    #[error("cannot write the results: {0}")]
    Write(#[from] io::Error),
}

fn position(line: usize, column: usize) -> String {
    if line == 0 { String::new() } else { format!("{line}:{column}: ") }
}

/// Reads, extracts and resolves `inputs` (as `export --format nquads` does, see
/// [`super::for_each_quad`]) into a new in-memory store.
pub fn load(
    inputs: &[Input],
    settings: &Settings,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
) -> Result<(Store, Outcome), Error> {
    const BATCH: usize = 16_384;
    let store = Store::new().map_err(io::Error::other)?;
    let mut batch: Vec<Quad> = Vec::with_capacity(BATCH);
    let outcome = super::for_each_quad(inputs, settings, on, progress, |q| {
        batch.push(q);
        if batch.len() == BATCH {
            store.extend(batch.drain(..)).map_err(io::Error::other)?;
        }
        Ok(())
    })?;
    store.extend(batch).map_err(io::Error::other)?;
    Ok((store, outcome))
}

/// The prefixes a query may use without declaring them: talkgraph's own (`schema:`, `tg:`,
/// `prov:`, `owl:`, `foaf:`, `rdf:`, `xsd:` and one per entity kind under `base`: `person:`,
/// `talk:`, `tool:`, `note:` ...), and `rdfs:`. A query's own `PREFIX` lines take precedence.
pub fn prefixes(base: &str) -> Vec<(String, String)> {
    let mut p = rdf::prefixes(base);
    p.push(("rdfs".into(), "http://www.w3.org/2000/01/rdf-schema#".into()));
    p.sort();
    p
}

/// Parses `query`, with [`prefixes`] declared and `base` as base IRI. A query naming no dataset
/// gets the union of all graphs as its default graph.
pub fn prepare(query: &str, base: &str) -> Result<PreparedSparqlQuery, QueryError> {
    let syntax = |message: String| QueryError::Syntax { line: 0, column: 0, message };
    let mut evaluator = SparqlEvaluator::new().with_base_iri(base).map_err(|e| syntax(e.to_string()))?;
    for (name, iri) in prefixes(base) {
        evaluator = evaluator.with_prefix(name, iri).map_err(|e| syntax(e.to_string()))?;
    }
    let mut prepared = evaluator.parse_query(query).map_err(|e| syntax_error(&e.to_string(), query))?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// Parses and runs `query` on `store` (see [`prepare`]).
pub fn execute(store: &Store, query: &str, base: &str) -> Result<QueryResults<'static>, QueryError> {
    Ok(prepare(query, base)?.on_store(store).execute()?)
}

/// The parser's message (`error at 3:7: expected one of ...`) as a [`QueryError::Syntax`]
/// that says what was found there and, shortly, what was expected.
fn syntax_error(message: &str, query: &str) -> QueryError {
    let parsed = message.strip_prefix("error at ").and_then(|rest| {
        let (at, what) = rest.split_once(": ")?;
        let (line, column) = at.split_once(':')?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?, what))
    });
    let Some((line, column, what)) = parsed else {
        return QueryError::Syntax { line: 0, column: 0, message: message.to_owned() };
    };
    let rest: String = query
        .split('\n')
        .nth(line.saturating_sub(1))
        .map(|l| l.chars().skip(column.saturating_sub(1)).collect())
        .unwrap_or_default();
    let found = rest.split_whitespace().next().map(|w| w.chars().take(20).collect::<String>());
    let found = match found {
        Some(w) => format!("unexpected `{w}`"),
        None if query.split('\n').skip(line).all(|l| l.trim().is_empty()) => "unexpected end of the query".to_owned(),
        None => "unexpected end of the line".to_owned(),
    };
    if what.contains("Prefix not found") {
        // The parser stops after the prefixed name: the last word before the column is it.
        let before: String = query
            .split('\n')
            .nth(line.saturating_sub(1))
            .map(|l| l.chars().take(column.saturating_sub(1)).collect())
            .unwrap_or_default();
        let word = before.split_whitespace().last().unwrap_or("");
        if let Some((prefix, _)) = word.split_once(':') {
            let prefix = prefix.trim_start_matches(|c: char| !c.is_alphanumeric());
            return QueryError::Syntax {
                line,
                column,
                message: format!(
                    "the prefix `{prefix}:` is not declared: add `PREFIX {prefix}: <...>` before the query"
                ),
            };
        }
    }
    QueryError::Syntax { line, column, message: format!("{found}; {}", expected(what)) }
}

/// The parser's `expected one of "(", COALESCE, ['0'..='9'], ...` made short: the first
/// keywords and punctuation, "a name" for the character classes of names.
fn expected(what: &str) -> String {
    let list = what.strip_prefix("expected one of ").or_else(|| what.strip_prefix("expected ")).unwrap_or(what);
    // Items are separated by ", " outside the character classes' brackets.
    let (mut items, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    let bytes = list.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 && bytes.get(i + 1) == Some(&b' ') => {
                items.push(&list[start..i]);
                start = i + 2;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    items.push(&list[start..]);
    let mut tokens: Vec<String> = Vec::new();
    let mut name = false;
    for item in items {
        let item = item.trim();
        if item.starts_with('[') {
            name |= item.contains("'A'");
        } else if !item.is_empty() && !tokens.iter().any(|t| t == item) {
            tokens.push(item.to_owned());
        }
    }
    if name {
        tokens.push("a name".to_owned());
    }
    const SHOWN: usize = 10;
    match tokens.len() {
        0 => "the query is not SPARQL 1.1".to_owned(),
        1 => format!("expected {}", tokens[0]),
        n if n <= SHOWN => format!("expected one of {}", tokens.join(", ")),
        n => format!("expected one of {} and {} more", tokens[..SHOWN].join(", "), n - SHOWN),
    }
}

/// How `SELECT` and `ASK` results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultsFormat {
    /// An aligned table for people: IRIs shortened by [`prefixes`], literals by their text.
    #[default]
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
}

/// Writes `results`: solutions and booleans in `results_format`; the graph of a `CONSTRUCT`
/// or `DESCRIBE` in `graph_format` (an RDF format; blank nodes canonicalized and triples sorted,
/// so the same store and query give the same bytes).
pub fn write_results(
    results: QueryResults<'_>,
    results_format: ResultsFormat,
    graph_format: Format,
    base: &str,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let sparql_format = match results_format {
        ResultsFormat::Table => None,
        ResultsFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultsFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultsFormat::Json => Some(QueryResultsFormat::Json),
        ResultsFormat::Xml => Some(QueryResultsFormat::Xml),
    };
    match results {
        QueryResults::Boolean(value) => match sparql_format {
            None => writeln!(out, "{value}")?,
            Some(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut *out, value)?;
            }
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match sparql_format {
                None => {
                    let rows = solutions
                        .map(|s| s.map(|s| s.values().to_vec()))
                        .collect::<Result<Vec<Vec<Option<Term>>>, _>>()?;
                    let names: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                    write_table(&names, &rows, &prefixes(base), out)?;
                }
                Some(f) => {
                    let mut w =
                        QueryResultsSerializer::from_format(f).serialize_solutions_to_writer(&mut *out, variables)?;
                    for s in solutions {
                        w.serialize(&s?)?;
                    }
                    w.finish()?;
                }
            }
        }
        QueryResults::Graph(triples) => {
            let mut graph = Graph::new();
            for t in triples {
                graph.insert(&t?);
            }
            write_graph(graph, graph_format, base, out)?;
        }
    }
    Ok(())
}

/// Writes a graph in an RDF format, canonical and sorted, with the prefixes it uses.
fn write_graph(mut graph: Graph, format: Format, base: &str, out: &mut dyn Write) -> Result<(), QueryError> {
    graph.canonicalize(CanonicalizationAlgorithm::Unstable);
    let mut triples: Vec<TripleRef<'_>> = graph.iter().collect();
    rdf::sort(&mut triples);
    let rdf_format = match format {
        Format::Turtle => RdfFormat::Turtle,
        Format::NTriples => RdfFormat::NTriples,
        Format::NQuads => RdfFormat::NQuads,
        Format::TriG => RdfFormat::TriG,
        Format::JsonLd => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
        other => {
            return Err(QueryError::Write(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not an RDF format", other.extension()),
            )));
        }
    };
    let mut serializer = RdfSerializer::from_format(rdf_format);
    if matches!(format, Format::Turtle | Format::TriG | Format::JsonLd) {
        let all = prefixes(base);
        let mut used = BTreeSet::new();
        for t in &triples {
            let iris = [Some(t.subject.to_string()), Some(t.predicate.as_str().to_owned()), object_iri(t)];
            for iri in iris.into_iter().flatten() {
                let iri = iri.trim_start_matches('<').trim_end_matches('>');
                if let Some((name, ns)) = prefix_of(iri, &all) {
                    used.insert((name.to_owned(), ns.to_owned()));
                }
            }
        }
        for (name, ns) in used {
            serializer = serializer.with_prefix(name, ns).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        }
    }
    let mut w = serializer.for_writer(out);
    for t in triples {
        w.serialize_triple(t)?;
    }
    w.finish()?;
    Ok(())
}

fn object_iri(t: &TripleRef<'_>) -> Option<String> {
    match t.object {
        oxigraph::model::TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
        oxigraph::model::TermRef::Literal(l) => Some(l.datatype().as_str().to_owned()),
        _ => None,
    }
}

/// The longest prefix of `prefixes` whose namespace starts `iri` and leaves a local name that
/// Turtle and SPARQL write as is (letters, digits, `_`, `-`, and `.` inside).
fn prefix_of<'p>(iri: &str, prefixes: &'p [(String, String)]) -> Option<(&'p str, &'p str)> {
    prefixes
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns.as_str()) && plain_local(&iri[ns.len()..]))
        .max_by_key(|(_, ns)| ns.len())
        .map(|(n, ns)| (n.as_str(), ns.as_str()))
}

fn plain_local(local: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    local.chars().all(|c| ok(c) || c == '.')
        && local.chars().next().is_none_or(ok)
        && local.chars().last().is_none_or(ok)
}

/// A term as the table shows it: a prefixed name or `<IRI>`, a literal's text (tabs, line
/// breaks and other controls escaped so a row stays one line), `_:id` for a blank node.
fn shown(term: &Term, prefixes: &[(String, String)]) -> String {
    match term {
        Term::NamedNode(n) => match prefix_of(n.as_str(), prefixes) {
            Some((name, ns)) => format!("{name}:{}", &n.as_str()[ns.len()..]),
            None => format!("<{}>", n.as_str()),
        },
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => escape_controls(l.value()),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// `s` with its controls (tab, line breaks, ...) escaped as Rust escapes them, the rest kept.
fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// An aligned table: the variable names, a rule, a row per solution; columns two spaces apart,
/// no space at the end of a line, an unbound value empty.
fn write_table(
    names: &[String],
    rows: &[Vec<Option<Term>>],
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|t| t.as_ref().map(|t| shown(t, prefixes)).unwrap_or_default()).collect())
        .collect();
    let mut widths: Vec<usize> = names.iter().map(|n| width(n)).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let mut text = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(c);
            text.extend(std::iter::repeat_n(' ', w - width(c)));
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, names)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat((*w).max(1))).collect();
    line(out, &rule)?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}

/// The columns a terminal gives `s`: none for combining marks, joiners and variation
/// selectors, two for East Asian wide characters and emoji, one for the rest.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F | 0x20D0..=0x20FF => 0,
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::DEFAULT_BASE;

    fn store(nquads: &str) -> Store {
        let s = Store::new().expect("in memory");
        s.load_from_slice(RdfFormat::NQuads, nquads).expect("N-Quads");
        s
    }

    fn run(store: &Store, q: &str, f: ResultsFormat) -> String {
        let mut out = Vec::new();
        let r = execute(store, q, DEFAULT_BASE).expect("runs");
        write_results(r, f, Format::Turtle, DEFAULT_BASE, &mut out).expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    const DATA: &str = "<https://talkgraph.example/id/talk/a> <https://schema.org/name> \"Fearless\trefactoring\" <https://talkgraph.example/id/note/a.md> .\n\
        <https://talkgraph.example/id/talk/a> <https://schema.org/mentions> <https://talkgraph.example/id/tool/ripgrep> <https://talkgraph.example/id/note/a.md> .\n\
        <https://talkgraph.example/id/talk/b> <https://schema.org/name> \"東京\" <https://talkgraph.example/id/note/b.md> .\n\
        <https://talkgraph.example/id/person/x> <http://www.w3.org/2002/07/owl#sameAs> <https://talkgraph.example/id/person/y> .\n";

    #[test]
    fn the_default_graph_is_the_union_and_graph_still_names_the_note() {
        let s = store(DATA);
        let all = run(&s, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", ResultsFormat::Csv);
        assert_eq!(all, "n\r\n4\r\n");
        let named = run(&s, "SELECT ?g WHERE { GRAPH ?g { ?t schema:mentions tool:ripgrep } }", ResultsFormat::Table);
        assert_eq!(named, "g\n---------\nnote:a.md\n");
        // A dataset of the query's own is kept.
        let from = run(&s, "SELECT (COUNT(*) AS ?n) FROM note:b.md WHERE { ?s ?p ?o }", ResultsFormat::Csv);
        assert_eq!(from, "n\r\n1\r\n");
    }

    #[test]
    fn the_table_aligns_wide_text_and_escapes_controls() {
        let s = store(DATA);
        let t = run(&s, "SELECT ?talk ?name WHERE { ?talk schema:name ?name } ORDER BY ?talk", ResultsFormat::Table);
        assert_eq!(t, "talk    name\n------  ---------------------\ntalk:a  Fearless\\trefactoring\ntalk:b  東京\n");
        assert_eq!(run(&s, "ASK { ?t schema:mentions tool:ripgrep }", ResultsFormat::Table), "true\n");
        assert_eq!(
            run(&s, "ASK { ?t schema:mentions tool:ripgrep }", ResultsFormat::Json),
            "{\"head\":{},\"boolean\":true}"
        );
    }

    #[test]
    fn syntax_errors_say_where() {
        let e = prepare("SELECT ?x WHERE {\n  ?x schema:name \n}", DEFAULT_BASE).err().expect("bad query");
        match &e {
            QueryError::Syntax { line, column, .. } => assert_eq!((*line, *column), (3, 1), "{e}"),
            other => panic!("{other}"),
        }
        assert!(e.to_string().starts_with("3:1: unexpected `}`; expected one of "), "{e}");
        assert!(e.to_string().len() < 200, "short: {e}");
        let e = prepare("SELECT ?x WHERE { ?x ?y", DEFAULT_BASE).err().expect("bad query");
        assert!(e.to_string().contains("unexpected end of the query"), "{e}");
        let e = prepare("SELECT ?x WHERE { ?x foo:bar ?n }", DEFAULT_BASE).err().expect("bad query");
        assert!(e.to_string().contains("the prefix `foo:` is not declared"), "{e}");
    }

    #[test]
    fn construct_is_sorted_with_the_prefixes_it_uses() {
        let s = store(DATA);
        let q = "CONSTRUCT { ?t schema:about [ schema:name ?n ] } WHERE { ?t schema:name ?n }";
        let a = run(&s, q, ResultsFormat::Table);
        assert_eq!(a, run(&s, q, ResultsFormat::Table), "same bytes twice");
        assert!(a.contains("@prefix schema: <https://schema.org/> .") && !a.contains("@prefix tool:"), "{a}");
        let parsed: Vec<_> =
            oxttl::TurtleParser::new().for_slice(a.as_bytes()).collect::<Result<_, _>>().expect("Turtle");
        assert_eq!(parsed.len(), 4, "{a}");
    }

    #[test]
    fn widths() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("東京"), 4);
        assert_eq!(width("e\u{301}"), 1);
    }
}
