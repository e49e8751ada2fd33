//! `schema/`: the vocabulary parses, and defines every project term the code writes.

use std::collections::BTreeSet;

use talkgraph::export::rdf::talk_kind;
use talkgraph::model::TalkKind;

use crate::common::root;

#[test]
fn vocabulary_defines_every_talk_kind_the_exporter_writes() {
    let ttl = std::fs::read_to_string(root().join("schema/talkgraph.ttl")).expect("schema/talkgraph.ttl");
    let triples: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
        .for_slice(ttl.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("schema/talkgraph.ttl does not parse: {e}"));
    let described = |iri: &str, p: &str| {
        triples.iter().any(|t| t.subject.to_string() == format!("<{iri}>") && t.predicate.as_str().ends_with(p))
    };
    let mut seen = BTreeSet::new();
    for kind in TalkKind::ALL {
        let iri = talk_kind(kind);
        assert!(seen.insert(iri), "two kinds share {iri}");
        assert!(iri.starts_with(talkgraph::vocab::tg::NS));
        for p in ["#type", "prefLabel", "definition", "inScheme"] {
            assert!(described(iri, p), "{iri} lacks {p} in schema/talkgraph.ttl");
        }
    }
    let inferred = talkgraph::vocab::tg::INFERRED_MENTION;
    for p in ["#type", "#label", "#comment", "subPropertyOf"] {
        assert!(described(inferred, p), "{inferred} lacks {p} in schema/talkgraph.ttl");
    }
}

#[test]
fn vocabulary_defines_every_tg_term_in_the_output() {
    use talkgraph::export::{EmailMode, ExportOptions};
    let ttl = std::fs::read_to_string(root().join("schema/talkgraph.ttl")).expect("schema/talkgraph.ttl");
    let defined: Vec<oxrdf::Triple> =
        oxttl::TurtleParser::new().for_slice(ttl.as_bytes()).collect::<Result<_, _>>().expect("parses");
    let data = crate::common::dataset_of_file(&crate::common::seed_path());
    let out = crate::common::export_with(
        &data,
        talkgraph::Format::NTriples,
        ExportOptions { emails: EmailMode::Hash, ..ExportOptions::default() },
    );
    let used: BTreeSet<&str> = out.split(['<', '>']).filter(|s| s.starts_with(talkgraph::vocab::tg::NS)).collect();
    assert!(used.len() >= 5, "{used:?}");
    for iri in used {
        let has = |p: &str| {
            defined.iter().any(|t| t.subject.to_string() == format!("<{iri}>") && t.predicate.as_str().ends_with(p))
        };
        assert!(has("#label") || has("prefLabel"), "{iri} has no label in schema/talkgraph.ttl");
        assert!(has("#comment") || has("definition"), "{iri} has no comment in schema/talkgraph.ttl");
    }
}
