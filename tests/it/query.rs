//! Issue 16: `talkgraph query`, the embedded store. The ready queries of docs/QUERIES.md run
//! on the samples and the real notes and give the answers the graph holds (computed here
//! from the library's graph, not typed in); the README's examples run; bad queries say where.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, Output};

use talkgraph::KnowledgeGraph;
use talkgraph::graph::{EntityKind, Relation};

use crate::common::root;

fn talkgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_talkgraph")).args(args).current_dir(root()).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("talkgraph-query-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The ready queries of docs/QUERIES.md: (the heading above, the query), in page order.
fn ready_queries() -> Vec<(String, String)> {
    let page = std::fs::read_to_string(root().join("docs/QUERIES.md")).expect("docs/QUERIES.md");
    let mut heading = String::new();
    let mut out = Vec::new();
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.trim().to_owned();
        } else if line.trim() == "```sparql" {
            let query: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            out.push((heading.clone(), query.join("\n")));
        }
    }
    out
}

/// Runs a query file on the samples and the real notes: the CSV rows, by column name.
fn run_csv(query: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let dir = temp_dir(name);
    let file = dir.join("q.rq");
    std::fs::write(&file, query).expect("write the query");
    let o =
        talkgraph(&["query", "-f", file.to_str().expect("UTF-8"), "samples", "tests/corpus/real", "--results", "csv"]);
    assert!(o.status.success(), "{name}: {}\n{query}", stderr(&o));
    let rows = parse_csv(&stdout(&o));
    let header = rows.first().expect("a header").clone();
    rows[1..].iter().map(|r| header.iter().cloned().zip(r.iter().cloned()).collect()).collect()
}

/// SPARQL CSV: comma-separated, quoted when needed, CRLF line ends.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

/// The graph of the samples and the real notes, as the library builds it.
fn library_graph() -> KnowledgeGraph {
    let mut notes = Vec::new();
    for dir in ["samples", "tests/corpus/real"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .expect("a folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| talkgraph::input::is_note(p))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("a note");
            notes.push((f.file_name().expect("a name").to_string_lossy().into_owned(), text));
        }
    }
    let borrowed: Vec<(&str, &str)> = notes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    crate::common::graph_of(&borrowed)
}

fn named(g: &KnowledgeGraph, kind: EntityKind, name: &str) -> BTreeSet<String> {
    g.entities().filter(|e| e.kind == kind && e.names.iter().any(|n| n == name)).map(|e| e.iri.clone()).collect()
}

fn names_of(g: &KnowledgeGraph, iri: &str) -> BTreeSet<String> {
    g.find(iri).map(|e| e.names.iter().cloned().collect()).unwrap_or_default()
}

fn column(rows: &[BTreeMap<String, String>], name: &str) -> BTreeSet<String> {
    rows.iter().map(|r| r[name].clone()).collect()
}

fn query_named<'q>(queries: &'q [(String, String)], heading: &str) -> &'q str {
    &queries.iter().find(|(h, _)| h == heading).unwrap_or_else(|| panic!("docs/QUERIES.md has no {heading:?}")).1
}

#[test]
fn the_ready_queries_give_the_answers_the_graph_holds() {
    let queries = ready_queries();
    let headings: BTreeSet<&str> = queries.iter().map(|(h, _)| h.as_str()).collect();
    for wanted in [
        "Talks that mention a tool",
        "Speakers per organization",
        "Tools mentioned in the most talks",
        "What one person spoke about",
        "Every talk of a conference, with its speakers",
        "The note and line a statement came from",
    ] {
        assert!(headings.contains(wanted), "docs/QUERIES.md lacks {wanted:?}: {headings:?}");
    }
    let g = library_graph();
    let mentions = |r: Relation| matches!(r, Relation::Mentions | Relation::InferredMention);

    // Talks that mention wasmCloud.
    let rows = run_csv(query_named(&queries, "Talks that mention a tool"), "tool");
    let tools: BTreeSet<String> = g
        .entities()
        .filter(|e| e.kind == EntityKind::Tool && e.names.iter().any(|n| n.eq_ignore_ascii_case("wasmcloud")))
        .map(|e| e.iri.clone())
        .collect();
    let talks: BTreeSet<String> = g
        .relations()
        .filter(|(_, e, b)| mentions(e.relation) && tools.contains(&b.iri))
        .map(|(a, _, _)| a.iri.clone())
        .collect();
    assert!(talks.len() >= 2, "the real notes have two talks mentioning wasmCloud");
    assert_eq!(column(&rows, "talk"), talks);
    assert!(rows.iter().all(|r| r["conference"] == "WasmCon NA 2025"), "{rows:?}");

    // Speakers per organization: each organization's distinct speakers.
    let rows = run_csv(query_named(&queries, "Speakers per organization"), "orgs");
    let mut speakers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let performers: BTreeSet<&str> =
        g.relations().filter(|(_, e, _)| e.relation == Relation::Performer).map(|(_, _, p)| p.iri.as_str()).collect();
    for (person, _, org) in g.relations().filter(|(_, e, _)| e.relation == Relation::Affiliation) {
        if performers.contains(person.iri.as_str()) {
            for name in &org.names {
                speakers.entry(name.clone()).or_default().insert(person.iri.clone());
            }
        }
    }
    let got: BTreeMap<String, usize> =
        rows.iter().map(|r| (r["organization"].clone(), r["speakers"].parse().expect("a count"))).collect();
    let want: BTreeMap<String, usize> = speakers.iter().map(|(o, s)| (o.clone(), s.len())).collect();
    assert_eq!(got, want);
    assert_eq!(got.get("Fermyon Technologies, Inc."), Some(&2));

    // Tools in the most talks: the counts of the graph, the first ten by count then IRI.
    let rows = run_csv(query_named(&queries, "Tools mentioned in the most talks"), "tools");
    let mut counts: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let in_event: BTreeSet<&str> =
        g.relations().filter(|(_, e, _)| e.relation == Relation::SuperEvent).map(|(t, _, _)| t.iri.as_str()).collect();
    for (talk, e, tool) in g.relations() {
        if mentions(e.relation) && tool.kind == EntityKind::Tool && in_event.contains(talk.iri.as_str()) {
            counts.entry(tool.iri.clone()).or_default().insert(talk.iri.clone());
        }
    }
    let mut want: Vec<(usize, String)> = counts.iter().map(|(t, s)| (s.len(), t.clone())).collect();
    want.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    want.truncate(10);
    let got: Vec<(usize, String)> =
        rows.iter().map(|r| (r["talks"].parse().expect("a count"), r["tool"].clone())).collect();
    assert_eq!(got, want);
    assert!(got[0].0 >= 2, "some tool is in two talks: {got:?}");

    // What Thorsten Hans spoke about.
    let rows = run_csv(query_named(&queries, "What one person spoke about"), "person");
    let people = named(&g, EntityKind::Person, "Thorsten Hans");
    let titles: BTreeSet<String> = g
        .relations()
        .filter(|(_, e, p)| e.relation == Relation::Performer && people.contains(&p.iri))
        .flat_map(|(t, _, _)| t.names.iter().cloned())
        .collect();
    assert_eq!(column(&rows, "title"), titles);
    assert!(titles.contains("Composable, Polyglot Concurrency with WASIp3"), "{titles:?}");
    assert!(rows.iter().all(|r| r["kind"] == "https://w3id.org/talkgraph/vocab#LightningTalk"), "{rows:?}");

    // Every talk of WasmCon NA 2025 with its speakers.
    let rows = run_csv(query_named(&queries, "Every talk of a conference, with its speakers"), "event");
    let events = named(&g, EntityKind::Event, "WasmCon NA 2025");
    let event_talks: Vec<String> = g
        .relations()
        .filter(|(_, e, ev)| e.relation == Relation::SuperEvent && events.contains(&ev.iri))
        .map(|(t, _, _)| t.iri.clone())
        .collect();
    let titles: BTreeSet<String> = event_talks.iter().flat_map(|t| names_of(&g, t)).collect();
    assert_eq!(column(&rows, "title"), titles);
    for (talk, _, person) in
        g.relations().filter(|(t, e, _)| e.relation == Relation::Performer && event_talks.contains(&t.iri))
    {
        for title in &talk.names {
            let row = rows.iter().find(|r| &r["title"] == title).expect("a row per talk");
            assert!(person.names.iter().any(|n| row["speakers"].contains(n.as_str())), "{row:?} lacks {person:?}");
        }
    }

    // The note and line: the line named holds the speaker's name.
    let sourced: Vec<&str> = queries
        .iter()
        .filter(|(h, _)| h == "The note and line a statement came from")
        .map(|(_, q)| q.as_str())
        .collect();
    assert_eq!(sourced.len(), 2, "two queries under that heading");
    for (query, name, wanted) in [(sourced[0], "lines", "Thorsten Hans"), (sourced[1], "entity", "wasmCloud")] {
        let rows = run_csv(query, name);
        assert!(!rows.is_empty(), "{name}: no answer");
        for r in &rows {
            let text = std::fs::read_to_string(root().join("tests/corpus/real").join(&r["path"])).expect("the note");
            let line: usize = r["line"].parse().expect("a line number");
            let at = text.lines().nth(line - 1).expect("the line is in the note");
            assert!(at.contains(wanted), "{}:{line} does not say {wanted}: {at}", r["path"]);
        }
    }
}

#[test]
fn the_union_of_the_note_graphs_is_the_default_graph_and_graph_names_the_note() {
    let nq = talkgraph(&["export", "samples", "-f", "nquads"]);
    assert!(nq.status.success());
    let quads = crate::common::parse_quads(&stdout(&nq), false);
    let triples: BTreeSet<&String> = quads.iter().map(|(_, t)| t).collect();
    let o = talkgraph(&["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "samples", "--results", "tsv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("?n\n{}\n", triples.len()));
    // Per named graph: the note's own statements.
    let o = talkgraph(&[
        "query",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        "samples",
        "--results",
        "csv",
    ]);
    let rows = parse_csv(&stdout(&o));
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for (g, _) in &quads {
        *want.entry(g.trim_matches(['<', '>']).to_owned()).or_default() += 1;
    }
    let got: BTreeMap<String, usize> = rows[1..].iter().map(|r| (r[0].clone(), r[1].parse().expect("n"))).collect();
    assert_eq!(got, want);
}

#[test]
fn results_come_in_every_format_and_twice_the_same() {
    let q = "SELECT ?talk ?title WHERE { ?talk schema:superEvent event:rustlab-2024 ; schema:name ?title }";
    let table = talkgraph(&["query", q, "samples"]);
    assert!(table.status.success(), "{}", stderr(&table));
    assert_eq!(
        stdout(&table),
        "talk                                     title\n\
         ---------------------------------------  --------------------\n\
         talk:rustlab-2024--fearless-refactoring  Fearless refactoring\n"
    );
    let json = talkgraph(&["query", q, "samples", "--results", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON results");
    assert_eq!(v["head"]["vars"], serde_json::json!(["talk", "title"]));
    assert_eq!(v["results"]["bindings"][0]["title"]["value"], "Fearless refactoring");
    let tsv = stdout(&talkgraph(&["query", q, "samples", "--results", "tsv"]));
    assert!(
        tsv.contains(
            "<https://talkgraph.example/id/talk/rustlab-2024--fearless-refactoring>\t\"Fearless refactoring\""
        ),
        "{tsv}"
    );
    let xml = stdout(&talkgraph(&["query", q, "samples", "--results", "xml"]));
    assert!(xml.contains("<sparql") && xml.contains("Fearless refactoring"), "{xml}");
    let ask = talkgraph(&["query", "ASK { ?t schema:mentions tool:ripgrep }", "samples"]);
    assert_eq!(stdout(&ask), "true\n");

    // CONSTRUCT: RDF that parses, the same bytes twice, blank nodes included.
    let c = "CONSTRUCT { ?p schema:knowsAbout [ schema:name ?tool ] } WHERE { ?t schema:performer ?p ; schema:mentions/schema:name ?tool }";
    let a = talkgraph(&["query", c, "samples"]);
    let b = talkgraph(&["query", c, "samples"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let turtle = crate::common::parse_turtle(&stdout(&a));
    assert!(turtle.iter().any(|t| t.contains("\"ripgrep\"")), "{turtle:?}");
    let jsonld = talkgraph(&["query", c, "samples", "--format", "jsonld"]);
    assert_eq!(crate::common::parse_jsonld(&stdout(&jsonld)).len(), turtle.len());
    let nt = talkgraph(&["query", c, "samples", "--format", "ntriples"]);
    assert_eq!(stdout(&nt).lines().count(), turtle.len());
}

#[test]
fn a_query_that_is_not_sparql_says_where_and_exits_2() {
    let o = talkgraph(&["query", "SELECT ?x WHERE {\n  ?x schema:name\n}", "samples"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("query:3:1: the query is not SPARQL 1.1: unexpected `}`"), "{e}");
    assert!(e.contains("3 | }\n  | ^"), "the line is quoted with a caret: {e}");
    let dir = temp_dir("bad");
    let file = dir.join("bad.rq");
    std::fs::write(&file, "SELECT ?x WHERE { ?x nope:name ?n }").expect("write");
    let out = dir.join("out.csv");
    std::fs::write(&out, "previous\n").expect("write");
    let o = talkgraph(&["query", "-f", file.to_str().expect("UTF-8"), "samples", "-o", out.to_str().expect("UTF-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.rq:1:") && stderr(&o).contains("the prefix `nope:` is not declared"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "previous\n");
    // No query at all; a folder that does not exist.
    assert_eq!(talkgraph(&["query"]).status.code(), Some(2));
    let o = talkgraph(&["query", "ASK {}", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such/folder"), "{}", stderr(&o));
}

#[test]
fn the_readme_examples_of_query_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let mut ran = 0;
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(command) = line.strip_prefix("$ talkgraph query ") else { continue };
        let mut expected = String::new();
        while let Some(l) = lines.next_if(|l| !l.starts_with("```") && !l.starts_with("$ ")) {
            expected.push_str(l);
            expected.push('\n');
        }
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("\"$TALKGRAPH\" query {command}"))
            .env("TALKGRAPH", env!("CARGO_BIN_EXE_talkgraph"))
            .current_dir(root())
            .output()
            .expect("sh runs");
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        assert_eq!(stdout(&o), expected, "README: talkgraph query {command}");
        ran += 1;
    }
    assert!(ran >= 2, "the README shows query examples with their output ({ran} found)");
}
