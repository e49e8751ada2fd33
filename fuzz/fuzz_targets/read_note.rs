//! The note reader: whatever the bytes, decoding and extraction (with lint checks) never
//! panic, and a note's graph can be resolved.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use talkgraph::extract::{ExtractOptions, try_extract};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = talkgraph::input::decode(std::path::Path::new("n.md"), data.to_vec()) else { return };
    let options = ExtractOptions {
        lint: true,
        lexicon: Some(common::lexicon()),
        ..ExtractOptions::default()
    };
    if let Ok(x) = try_extract("n.md", &text, &options) {
        let g = talkgraph::dataset::note_graph(talkgraph::vocab::DEFAULT_BASE, &x.note);
        assert!(g.entity_count() >= 1, "the note itself is an entity");
        for d in &x.diagnostics {
            let _ = d.to_string();
        }
    }
});
