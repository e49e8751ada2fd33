//! The one place that chooses pulldown-cmark's options.

use pulldown_cmark::{Options, Parser};

/// The options every note is parsed with: tables, strikethrough, task lists and footnotes,
/// as GitHub, Hugo and Jekyll render them. Front matter is split off before parsing
/// (see [`crate::extract::front_matter`]), so metadata blocks are not enabled here.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_FOOTNOTES
}

/// A parser over `text` with [`options`].
pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, options())
}
