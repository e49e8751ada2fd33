//! JSON-LD: whatever the notes, the output is JSON that a JSON-LD processor (oxjsonld) reads
//! back to exactly the dataset's triples.
#![no_main]

#[path = "common.rs"]
mod common;

fn parse(doc: &str) -> std::collections::BTreeSet<String> {
    oxjsonld::JsonLdParser::new()
        .for_slice(doc.as_bytes())
        .map(|q| oxrdf::Triple::from(q.unwrap_or_else(|e| panic!("JSON-LD does not parse back: {e}\n{doc}"))).to_string())
        .collect()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_triples(data, talkgraph::Format::JsonLd, parse));
