//! TriG: whatever the notes, the output parses back; every named graph is a note, and the
//! union of the graphs is the dataset's default graph.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_quads(data, talkgraph::Format::TriG));
