//! JSON-LD: whatever the notes, the output is JSON that a JSON-LD processor (oxjsonld) reads
//! back to exactly the dataset's triples.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use talkgraph::Format;

fuzz_target!(|data: &[u8]| {
    let Some((ds, options)) = common::dataset(data) else { return };
    let doc = common::export(&ds, Format::JsonLd, options);
    let parsed: std::collections::BTreeSet<String> = oxjsonld::JsonLdParser::new()
        .for_slice(doc.as_bytes())
        .map(|q| {
            let q = q.unwrap_or_else(|e| panic!("JSON-LD does not parse back: {e}\n{doc}"));
            oxrdf::Triple::from(q).to_string()
        })
        .collect();
    assert_eq!(parsed, common::expected(&ds, options));
});
