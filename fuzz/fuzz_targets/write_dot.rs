//! DOT: whatever the notes, the output follows DOT's lexical rules (quoted IDs closed and
//! escaped, braces balanced, one graph). The property tests render DOT with Graphviz itself;
//! starting it per input would be too slow to fuzz.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use talkgraph::Format;

fuzz_target!(|data: &[u8]| {
    let Some((ds, options)) = common::dataset(data) else { return };
    common::check_dot(&common::export(&ds, Format::Dot, options));
});
