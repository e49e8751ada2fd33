//! TriG: whatever the notes, the output parses back; the union of its graphs is the
//! dataset's default graph, and every named graph is a note's IRI.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use talkgraph::Format;

fuzz_target!(|data: &[u8]| {
    let Some((ds, options)) = common::dataset(data) else { return };
    let trig = common::export(&ds, Format::TriG, options);
    let quads = common::quads(&trig, Format::TriG);
    for (g, _) in &quads {
        assert!(g == "DEFAULT" || g.contains("/id/note/"), "graph {g} is not a note");
    }
    let union: std::collections::BTreeSet<String> = quads.into_iter().map(|(_, t)| t).collect();
    assert_eq!(union, common::expected(&ds, options));
});
