//! Unlinked mentions: names of tools and organizations recognized in prose, from a lexicon of
//! the curated list (`schema/known-tools.tsv`) and of what the corpus links elsewhere.
//!
//! Names are matched as whole words and with their case. A name that is also a common word
//! (`Ray`, `Black`, `Click`) must not start a sentence and must not stand beside another
//! capitalized word (`Ray Kurzweil`).

use std::collections::BTreeMap;

use regex::{Regex, RegexBuilder};

use crate::model::{InferredKind, Mention, Note};
use crate::resolve::{name_key, org_key};

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
    entries: Vec<(String, InferredKind)>,
    /// Index of each name in `entries`.
    index: std::collections::HashMap<String, usize>,
    matcher: Option<Regex>,
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
        // Longest first (the alternation prefers earlier names); a name that is both a tool and
        // an organization is a tool.
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)).then_with(|| a.1.cmp(&b.1)));
        entries.dedup_by(|a, b| a.0 == b.0);
        let pattern = entries.iter().map(|(n, _)| regex::escape(n)).collect::<Vec<_>>().join("|");
        let matcher = (!entries.is_empty())
            .then(|| RegexBuilder::new(&pattern).size_limit(256 << 20).dfa_size_limit(64 << 20).build().ok())
            .flatten();
        let index = entries.iter().enumerate().map(|(i, (n, _))| (n.clone(), i)).collect();
        Self { entries, index, matcher }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
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
            let Some((name, kind)) = self.index.get(found.as_str()).map(|&i| &self.entries[i]) else { continue };
            if COMMON.contains(&name.to_lowercase().as_str()) && !common_word_ok(text, start, end) {
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
