//! Turtle: whatever the notes, the output parses back (oxttl) to exactly the dataset's
//! triples.
#![no_main]

#[path = "common.rs"]
mod common;

fn parse(ttl: &str) -> std::collections::BTreeSet<String> {
    oxttl::TurtleParser::new()
        .for_slice(ttl.as_bytes())
        .map(|t| t.unwrap_or_else(|e| panic!("Turtle does not parse back: {e}\n{ttl}")).to_string())
        .collect()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_triples(data, talkgraph::Format::Turtle, parse));
