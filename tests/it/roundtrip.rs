//! Every output parses back with a real parser (oxttl, oxjsonld) or renders with Graphviz,
//! and all formats of one input state the same graph.

use std::collections::BTreeSet;
use std::fs;

use talkgraph::export::rdf;
use talkgraph::{Dataset, Format};

use crate::common::*;

fn check_all_formats(data: &Dataset, what: &str) {
    let expected = expected_triples(data);
    assert!(!expected.is_empty(), "{what}: empty graph");
    let ttl = parse_turtle(&export(data, Format::Turtle));
    assert_eq!(ttl, expected, "{what}: Turtle reparsed differs from the dataset");
    let nt = parse_turtle(&export(data, Format::NTriples));
    assert_eq!(nt, expected, "{what}: N-Triples");
    let jsonld = parse_jsonld(&export(data, Format::JsonLd));
    let missing: Vec<_> = ttl.difference(&jsonld).collect();
    let extra: Vec<_> = jsonld.difference(&ttl).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{what}: JSON-LD ≠ Turtle\nmissing {missing:#?}\nextra {extra:#?}");
    let nq = parse_quads(&export(data, Format::NQuads), false);
    let trig = parse_quads(&export(data, Format::TriG), true);
    assert_eq!(nq, trig, "{what}: TriG ≠ N-Quads");
    let union: BTreeSet<String> = nq.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(union, expected, "{what}: the union of the named graphs is the default graph");
    let notes: BTreeSet<String> =
        data.note_graphs().iter().filter_map(|g| talkgraph::dataset::note_of(g).map(|n| format!("<{n}>"))).collect();
    let graphs: BTreeSet<String> = nq.iter().map(|(g, _)| g.clone()).collect();
    assert_eq!(graphs, notes, "{what}: one named graph per note, named by the note's IRI");
    // The merged graph says exactly what the notes say together.
    let merged: BTreeSet<String> =
        rdf::graph_triples(&data.graph, &Default::default()).iter().map(ToString::to_string).collect();
    assert!(merged.is_subset(&expected), "{what}: merged graph states something no note states");
    render_dot(&export(data, Format::Dot));
}

#[test]
fn seed_parses_back_in_every_format() {
    check_all_formats(&dataset_of_file(&seed_path()), "seed");
}

#[test]
fn real_notes_parse_back_in_every_format() {
    let dir = root().join("tests/corpus/real");
    let mut n = 0;
    for entry in fs::read_dir(&dir).expect("tests/corpus/real exists") {
        let path = entry.expect("entry").path();
        if talkgraph::input::is_note(&path) && !path.ends_with("SOURCES.md") {
            check_all_formats(&dataset_of_file(&path), &path.display().to_string());
            n += 1;
        }
    }
    assert_eq!(n, 24, "the 24 real notes listed in tests/corpus/real/SOURCES.md");
}

#[test]
fn exports_are_byte_identical_across_runs() {
    let a = dataset_of_file(&seed_path());
    let b = dataset_of_file(&seed_path());
    for f in Format::ALL {
        assert_eq!(export(&a, f), export(&b, f), "{f:?}");
    }
}

#[test]
fn turtle_declares_only_the_prefixes_it_uses() {
    let g = dataset_of(&[("n.md", "# [TALK] Solo\nby Ada Lovelace\n")]);
    let ttl = export(&g, Format::Turtle);
    for p in ttl.lines().filter(|l| l.starts_with("@prefix")) {
        let name = p.split_whitespace().nth(1).expect("a prefix name");
        let uses = ttl.lines().filter(|l| !l.starts_with("@prefix")).any(|l| l.contains(name));
        assert!(uses, "{name} declared but unused:\n{ttl}");
    }
    assert!(!ttl.contains("@prefix tool:"), "no tool in this graph:\n{ttl}");
}
