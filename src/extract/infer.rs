//! Unlinked mentions: names of tools and organizations recognized in prose, from a lexicon of
//! the curated list (`schema/known-tools.tsv`) and of what the corpus links elsewhere.
//!
//! Names are matched as whole words and with their case. A name that is also a common word
//! (`Ray`, `Black`, `Click`) must not start a sentence and must not stand beside another
//! capitalized word (`Ray Kurzweil`).

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::blocks::is_mark;
use crate::model::{InferredKind, Mention, Note};
use crate::text::{name_key, org_key};

/// The curated list shipped in `schema/known-tools.tsv`.
const KNOWN_TOOLS: &str = include_str!("../../schema/known-tools.tsv");

/// Lower-case names that are also ordinary words.
const COMMON: &[&str] = &[
    "ray",
    "black",
    "click",
    "rich",
    "flask",
    "spark",
    "react",
    "poetry",
    "sphinx",
    "locust",
    "celery",
    "hugo",
    "textual",
    "bevy",
    "helm",
    "requests",
    "transformers",
    "git",
    "moto",
    "ruff",
    "bun",
    "prometheus",
    "sentry",
    "hypothesis",
    "go",
    "rust",
    "swift",
    "dart",
    "presto",
    "arrow",
    "rayon",
    "clap",
    "docker",
    "apache",
    "elastic",
    "express",
    "next",
];

/// Names to recognize, each with its kind.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Longest first, then in byte order.
    entries: Vec<(String, InferredKind)>,
    /// Whether each name (same index) is also a common word ([`COMMON`]).
    common: Vec<bool>,
    /// All names at once, leftmost-longest: the pattern index is the index in `entries`.
    matcher: Option<AhoCorasick>,
    /// Whether a name holds a link placeholder or U+FFFC, so that [`find_prose`](Self::find_prose)
    /// must mask the line before searching it (never, in practice).
    masks: bool,
}

/// Counts the spellings of linked tools and organizations note by note, for
/// [`Lexicon::from_notes`] without keeping the notes: builders of separate batches merge with
/// [`extend`](Self::extend), and the result does not depend on the order.
#[derive(Debug, Clone, Default)]
pub struct LexiconBuilder {
    spellings: BTreeMap<(InferredKind, String), BTreeMap<String, usize>>,
}

impl LexiconBuilder {
    /// A builder that has counted nothing yet (the curated list is added by
    /// [`build`](Self::build)).
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts what `note` links.
    pub fn add(&mut self, note: &Note) {
        let spellings = &mut self.spellings;
        for talk in &note.talks {
            for s in &talk.speakers {
                for o in s.orgs.iter().filter(|o| o.url.is_some()) {
                    let key = (InferredKind::Organization, org_key(&o.name));
                    *spellings.entry(key).or_default().entry(o.name.clone()).or_default() += 1;
                }
            }
            for m in &talk.mentions {
                let (kind, name) = match m {
                    Mention::Tool(t) => (InferredKind::Tool, &t.name),
                    Mention::Organization(o) if o.url.is_some() => (InferredKind::Organization, &o.name),
                    _ => continue,
                };
                let key = match kind {
                    InferredKind::Tool => name_key(name),
                    InferredKind::Organization => org_key(name),
                };
                *spellings.entry((kind, key)).or_default().entry(name.clone()).or_default() += 1;
            }
        }
    }

    /// Adds the counts of `other` (a builder given other notes).
    pub fn extend(&mut self, other: LexiconBuilder) {
        for (key, names) in other.spellings {
            let mine = self.spellings.entry(key).or_default();
            for (name, n) in names {
                *mine.entry(name).or_default() += n;
            }
        }
    }

    /// The lexicon: the curated list and what was counted, each name under its most written
    /// spelling.
    pub fn build(self) -> Lexicon {
        let mut spellings = self.spellings;
        for (name, kind) in curated_entries() {
            *spellings.entry((kind, name_key(&name))).or_default().entry(name).or_default() += 1;
        }
        let entries = spellings
            .into_iter()
            .filter_map(|((kind, _), names)| {
                names
                    .into_iter()
                    .max_by(|a, b| {
                        a.1.cmp(&b.1)
                            .then_with(|| a.0.chars().any(char::is_uppercase).cmp(&b.0.chars().any(char::is_uppercase)))
                            .then_with(|| b.0.cmp(&a.0))
                    })
                    .map(|(n, _)| (n, kind))
            })
            .collect();
        Lexicon::build(entries)
    }
}

impl Lexicon {
    /// The curated list only: the same for every run, whatever else is exported.
    pub fn curated() -> Self {
        Self::build(curated_entries())
    }

    /// The curated list plus every tool and organization linked anywhere in `notes`, each
    /// under the spelling most often written (ties: one with capitals, then the first in order).
    pub fn from_notes<'a>(notes: impl IntoIterator<Item = &'a Note>) -> Self {
        let mut b = LexiconBuilder::new();
        notes.into_iter().for_each(|n| b.add(n));
        b.build()
    }

    fn build(mut entries: Vec<(String, InferredKind)>) -> Self {
        entries.retain(|(n, _)| n.chars().count() >= 2 && n.chars().any(char::is_alphabetic));
        // Longest first (the first implementation's alternation preferred earlier names, which
        // leftmost-longest matching does by itself); a name that is both a tool and an
        // organization is a tool.
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)).then_with(|| a.1.cmp(&b.1)));
        entries.dedup_by(|a, b| a.0 == b.0);
        let common = entries.iter().map(|(n, _)| COMMON.contains(&n.to_lowercase().as_str())).collect();
        // Leftmost-longest over literals is what a leftmost-first alternation of them, longest
        // first, finds: the earliest start, and there the longest name.
        let matcher = (!entries.is_empty())
            .then(|| {
                AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(entries.iter().map(|(n, _)| n)).ok()
            })
            .flatten();
        let masks = entries.iter().any(|(n, _)| n.chars().any(|c| is_mark(c) || c == '\u{FFFC}'));
        Self { entries, common, matcher, masks }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The names found in a line of shadow text, as whole words, the line's link placeholders
    /// read as U+FFFC (an object): a name never takes in a link's text.
    pub(crate) fn find_prose<'a>(&'a self, line: &str) -> Vec<(&'a str, InferredKind)> {
        if self.masks {
            let prose: String = line.chars().map(|c| if is_mark(c) { '\u{FFFC}' } else { c }).collect();
            return self.find(&prose);
        }
        // A placeholder and U+FFFC are both three bytes, neither a letter, digit, white space,
        // capital or punctuation the checks look at, and in no name: the line itself gives
        // the same names at the same offsets.
        self.find(line)
    }

    /// The names found in `text`, as whole words.
    pub(crate) fn find<'a>(&'a self, text: &str) -> Vec<(&'a str, InferredKind)> {
        let Some(m) = &self.matcher else { return Vec::new() };
        let mut out = Vec::new();
        for found in m.find_iter(text) {
            let (start, end) = (found.start(), found.end());
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let wordy =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' && end < text.len());
            if wordy(before) || after.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let i = found.pattern().as_usize();
            let (name, kind) = &self.entries[i];
            if self.common[i] && !common_word_ok(text, start, end) {
                continue;
            }
            out.push((name.as_str(), *kind));
        }
        out
    }
}

/// A common-word name counts only mid-sentence and not beside another capitalized word.
fn common_word_ok(text: &str, start: usize, end: usize) -> bool {
    let prev = text[..start].trim_end();
    let sentence_start = prev.is_empty() || prev.ends_with(['.', '!', '?', ':', '-', '*', '(', '"', '“']);
    let prev_word_capitalized =
        prev.rsplit(char::is_whitespace).next().and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    let next_word_capitalized =
        text[end..].trim_start().chars().next().is_some_and(char::is_uppercase) && text[end..].starts_with(' ');
    !sentence_start && !prev_word_capitalized && !next_word_capitalized
}

fn curated_entries() -> Vec<(String, InferredKind)> {
    KNOWN_TOOLS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(|n| (n.trim().to_owned(), InferredKind::Tool))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::RegexBuilder;

    /// The first implementation of [`Lexicon::find_prose`]: one regex alternation of the names,
    /// longest first, over the line with its placeholders masked.
    fn find_by_regex<'a>(lx: &'a Lexicon, line: &str) -> Vec<(&'a str, InferredKind)> {
        let pattern = lx.entries.iter().map(|(n, _)| regex::escape(n)).collect::<Vec<_>>().join("|");
        let Some(m) = (!lx.entries.is_empty())
            .then(|| RegexBuilder::new(&pattern).size_limit(256 << 20).dfa_size_limit(64 << 20).build().ok())
            .flatten()
        else {
            return Vec::new();
        };
        let index: std::collections::HashMap<&str, usize> =
            lx.entries.iter().enumerate().map(|(i, (n, _))| (n.as_str(), i)).collect();
        let text: String = line.chars().map(|c| if is_mark(c) { '\u{FFFC}' } else { c }).collect();
        let text = text.as_str();
        let mut out = Vec::new();
        for found in m.find_iter(text) {
            let (start, end) = (found.start(), found.end());
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let wordy =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' && end < text.len());
            if wordy(before) || after.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some((name, kind)) = index.get(found.as_str()).map(|&i| &lx.entries[i]) else { continue };
            if COMMON.contains(&name.to_lowercase().as_str()) && !common_word_ok(text, start, end) {
                continue;
            }
            out.push((name.as_str(), *kind));
        }
        out
    }

    /// A lexicon of names that overlap (prefixes, suffixes, shared words), common words, a
    /// name with a placeholder and one with U+FFFC.
    fn overlapping(with_marks: bool) -> Lexicon {
        let mut names = vec![
            "Ray",
            "Ray Serve",
            "ray",
            "Rust",
            "Rust Belt",
            "Foo Bar",
            "Bar Baz",
            "Go",
            "Gopher",
            "pytest",
            "py",
            "Black",
            "Red Hat",
            "Hat Trick",
            "C++",
            "a-b",
            "Node.js",
            "Élan",
            "日本語",
        ];
        if with_marks {
            names.extend(["X\u{E000}Y", "Obj\u{FFFC}"]);
        }
        Lexicon::build(
            names
                .into_iter()
                .enumerate()
                .map(|(i, n)| (n.to_owned(), if i % 3 == 0 { InferredKind::Organization } else { InferredKind::Tool }))
                .chain(curated_entries())
                .collect(),
        )
    }

    proptest! {
        /// Lines made of names, pieces of names, placeholders, U+FFFC, punctuation and spaces:
        /// the automaton finds what the alternation found.
        #[test]
        fn automaton_agrees_with_alternation(parts in prop::collection::vec(prop::sample::select(vec![
            "Ray", "Ray Serve", "ray", " ", "  ", ".", ". ", "-", "_", "(", "\"", "Rust", " Belt", "Foo", " Bar", " Baz",
            "Go", "pher", "pytest", "py", "Black", "Red", " Hat", " Trick", "C++", "a-b", "Node.js", "Élan", "日本語",
            "\u{E000}", "\u{E001}", "\u{FFFC}", "X", "Y", "Obj", "Kubernetes", "Terraform", "x", "The", "é", "9", ":",
        ]), 0..16), with_marks in any::<bool>()) {
            let lx = overlapping(with_marks);
            let line = parts.concat();
            prop_assert_eq!(lx.find_prose(&line), find_by_regex(&lx, &line), "{:?}", line);
        }

        /// Arbitrary text against the curated list.
        #[test]
        fn automaton_agrees_on_any_text(line in "\\PC{0,60}") {
            let lx = Lexicon::curated();
            prop_assert_eq!(lx.find_prose(&line), find_by_regex(&lx, &line), "{:?}", line);
        }
    }

    #[test]
    fn whole_words_with_care_for_common_words() {
        let lx = Lexicon::curated();
        let names = |t: &str| lx.find(t).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names("We deploy with Kubernetes and Terraform daily."), ["Kubernetes", "Terraform"]);
        assert_eq!(names("They moved the jobs to Ray last year."), ["Ray"]);
        assert!(names("Ray of light. Ray Kurzweil spoke. a ray of hope").is_empty());
        assert!(names("Raytracing and pytests and NumPyish").is_empty());
        assert_eq!(names("use pytest, then mypy"), ["pytest", "mypy"]);
        assert!(lx.len() > 100);
    }
}
