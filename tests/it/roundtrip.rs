//! Every output parses back with a real parser (oxttl, oxjsonld) or renders with Graphviz,
//! and all RDF formats state the same graph.

use std::fs;

use talkgraph::Format;

use crate::common::*;

fn check_all_formats(graph: &talkgraph::KnowledgeGraph, what: &str) {
    let expected = expected_triples(graph);
    assert!(!expected.is_empty(), "{what}: empty graph");
    let ttl = parse_turtle(&export(graph, Format::Turtle));
    assert_eq!(ttl, expected, "{what}: Turtle reparsed differs from the graph");
    let jsonld = parse_jsonld(&export(graph, Format::JsonLd));
    let missing: Vec<_> = ttl.difference(&jsonld).collect();
    let extra: Vec<_> = jsonld.difference(&ttl).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{what}: JSON-LD ≠ Turtle\nmissing {missing:#?}\nextra {extra:#?}");
    render_dot(&export(graph, Format::Dot));
}

#[test]
fn seed_parses_back_in_every_format() {
    check_all_formats(&graph_of_file(&seed_path()), "seed");
}

#[test]
fn real_notes_parse_back_in_every_format() {
    let dir = root().join("tests/corpus/real");
    let mut n = 0;
    for entry in fs::read_dir(&dir).expect("tests/corpus/real exists") {
        let path = entry.expect("entry").path();
        if talkgraph::input::is_note(&path) && !path.ends_with("SOURCES.md") {
            check_all_formats(&graph_of_file(&path), &path.display().to_string());
            n += 1;
        }
    }
    assert_eq!(n, 7, "the seven real notes");
}

#[test]
fn exports_are_byte_identical_across_runs() {
    let a = graph_of_file(&seed_path());
    let b = graph_of_file(&seed_path());
    for f in [Format::Turtle, Format::JsonLd, Format::Dot] {
        assert_eq!(export(&a, f), export(&b, f), "{f:?}");
    }
}

#[test]
fn turtle_declares_only_the_prefixes_it_uses() {
    let g = graph_of(&[("n.md", "# [TALK] Solo\nby Ada Lovelace\n")]);
    let ttl = export(&g, Format::Turtle);
    for p in ttl.lines().filter(|l| l.starts_with("@prefix")) {
        let name = p.split_whitespace().nth(1).expect("a prefix name");
        let uses = ttl.lines().filter(|l| !l.starts_with("@prefix")).any(|l| l.contains(name));
        assert!(uses, "{name} declared but unused:\n{ttl}");
    }
    assert!(!ttl.contains("@prefix tool:"), "no tool in this graph:\n{ttl}");
}
