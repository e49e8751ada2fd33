//! The one integration test binary (see STYLE: ripgrep's `tests/tests.rs`).

mod accuracy;
mod adversarial;
mod analytics;
mod cli;
mod common;
mod diagrams;
mod golden;
mod interop;
mod properties;
mod push;
mod query;
mod resolution;
mod roundtrip;
mod schema;
mod seed;
mod server;
mod union;
