//! N-Triples: whatever the notes, the output parses back to exactly the dataset's triples.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_quads(data, talkgraph::Format::NTriples));
