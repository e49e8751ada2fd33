//! Turtle: whatever the notes, the output parses back to exactly the dataset's triples.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use talkgraph::Format;

fuzz_target!(|data: &[u8]| {
    let Some((ds, options)) = common::dataset(data) else { return };
    let ttl = common::export(&ds, Format::Turtle, options);
    let parsed: std::collections::BTreeSet<String> = oxttl::TurtleParser::new()
        .for_slice(ttl.as_bytes())
        .map(|t| t.unwrap_or_else(|e| panic!("Turtle does not parse back: {e}\n{ttl}")).to_string())
        .collect();
    assert_eq!(parsed, common::expected(&ds, options));
});
