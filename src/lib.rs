#![doc = include_str!("../README.md")]

pub mod dataset;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod markdown;
pub mod model;
pub mod resolve;
pub mod set;
pub mod stats;
pub mod store;
pub mod stream;
pub mod text;
pub mod view;
pub mod vocab;

pub use dataset::Dataset;
pub use error::{Diagnostic, Error, Severity};
pub use export::{Exporter, Format};
pub use graph::KnowledgeGraph;
