//! N-Triples: whatever the notes, the output parses back to exactly the dataset's triples.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use talkgraph::Format;

fuzz_target!(|data: &[u8]| {
    let Some((ds, options)) = common::dataset(data) else { return };
    let nt = common::export(&ds, Format::NTriples, options);
    let parsed: std::collections::BTreeSet<String> =
        common::quads(&nt, Format::NTriples).into_iter().map(|(_, t)| t).collect();
    assert_eq!(parsed, common::expected(&ds, options));
});
