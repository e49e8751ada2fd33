//! Text functions every stage shares: keys (folding, names, titles), URLs, the language of a
//! short text, hexadecimal. This module depends on nothing else in the crate, so that data
//! flows one way: read → extract → resolve → graph → export, each stage using `text` below it.

pub mod hex;
pub mod keys;
pub mod lang;
pub mod url;

pub use keys::{fold, name_key, org_key, person_key, title_key};
pub use url::{is_web, url_key};
