//! The catalogue of conventions: every way of writing a talk, its kind, its speakers and their
//! organizations that talkgraph reads, as data.
//!
//! Each family of conventions is a module with a table of [`Convention`]s (`CONVENTIONS`): an
//! id, the shape as people write it, an example, what the example must give, and the family's
//! rule, which that module's reader interprets, trying its entries in table order. Adding a
//! convention is adding an entry (and, for a new language, its words in [`super::cues`]).
//! `docs/CONVENTIONS.md` is generated from these tables ([`markdown`]; a test keeps it equal,
//! `UPDATE_GOLDEN=1 cargo test` rewrites it), and every example is extracted by a test.

use super::cues::{CONTAINERS, KIND_WORDS, SPEAKER_CUES};
use crate::model::TalkKind;

/// One way of writing talks, read by the rule `R` of its family.
#[derive(Debug, Clone, Copy)]
pub struct Convention<R: 'static> {
    /// A stable id, `family.name` (`heading.paren`), named by diagnostics and tests.
    pub id: &'static str,
    /// The shape as people write it (Markdown).
    pub shape: &'static str,
    /// Languages it is written in (`any`, or codes).
    pub languages: &'static str,
    /// What it yields and what it needs, in a sentence.
    pub about: &'static str,
    /// A Markdown example, extracted by a test.
    pub example: &'static str,
    /// The talks the example must give, in order.
    pub expect: &'static [Expect],
    /// The family's rule for it.
    pub rule: R,
}

/// A talk an example must give.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    /// Its title.
    pub title: &'static str,
    /// Its kind.
    pub kind: TalkKind,
    /// Its speakers and each one's organization.
    pub speakers: &'static [(&'static str, Option<&'static str>)],
}

/// The families of conventions, one module each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// Headings tagged with the kind of talk (`[KEYNOTE] T`, `Workshop: T`).
    Tagged,
    /// Headings that carry their speakers (`T (Name, Org)`, `T — Name`).
    HeadingSpeakers,
    /// Speaker lines under a heading (`by Name`, `Speaker: Name, Org`, `_Name, Org_`).
    SpeakerLines,
    /// Talks as list items (`- **T** by Name (Org) — summary`).
    ListItems,
    /// Tables of talks.
    Tables,
    /// Schedule lines with times (`10:30 – T – Name`).
    Schedule,
    /// Panels and lightning-talk lists.
    Panels,
}

impl Family {
    /// Every family, in the order the documentation lists them.
    pub const ALL: [Family; 7] = [
        Family::Tagged,
        Family::HeadingSpeakers,
        Family::SpeakerLines,
        Family::ListItems,
        Family::Tables,
        Family::Schedule,
        Family::Panels,
    ];

    /// Its title in the documentation.
    pub fn title(self) -> &'static str {
        match self {
            Family::Tagged => "Tagged and prefixed headings",
            Family::HeadingSpeakers => "Headings that carry the speaker",
            Family::SpeakerLines => "Speaker lines after a heading",
            Family::ListItems => "Talks as list items",
            Family::Tables => "Tables of talks",
            Family::Schedule => "Schedule lines with times",
            Family::Panels => "Panels and lightning-talk lists",
        }
    }

    /// Its module under `src/extract/`.
    pub fn module(self) -> &'static str {
        match self {
            Family::Tagged => "tagged.rs",
            Family::HeadingSpeakers => "heading_speakers.rs",
            Family::SpeakerLines => "speaker_lines.rs",
            Family::ListItems => "list_talks.rs",
            Family::Tables => "tables.rs",
            Family::Schedule => "schedule.rs",
            Family::Panels => "panels.rs",
        }
    }
}

/// A convention with its family, its rule left out: what the documentation and the tests need.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Its family.
    pub family: Family,
    /// Id.
    pub id: &'static str,
    /// Shape.
    pub shape: &'static str,
    /// Languages.
    pub languages: &'static str,
    /// What it yields.
    pub about: &'static str,
    /// Example.
    pub example: &'static str,
    /// What the example gives.
    pub expect: &'static [Expect],
}

fn entries_of<R>(family: Family, table: &'static [Convention<R>]) -> impl Iterator<Item = Entry> {
    table.iter().map(move |c| Entry {
        family,
        id: c.id,
        shape: c.shape,
        languages: c.languages,
        about: c.about,
        example: c.example,
        expect: c.expect,
    })
}

/// Every convention of every family, family by family, each in its table's order.
pub fn entries() -> Vec<Entry> {
    let mut out = Vec::new();
    out.extend(entries_of(Family::Tagged, super::tagged::CONVENTIONS));
    out.extend(entries_of(Family::HeadingSpeakers, super::heading_speakers::CONVENTIONS));
    out.extend(entries_of(Family::SpeakerLines, super::speaker_lines::CONVENTIONS));
    out.extend(entries_of(Family::ListItems, super::list_talks::CONVENTIONS));
    out.extend(entries_of(Family::Tables, super::tables::CONVENTIONS));
    out.extend(entries_of(Family::Schedule, super::schedule::CONVENTIONS));
    out.extend(entries_of(Family::Panels, super::panels::CONVENTIONS));
    out
}

/// The entry with this id.
pub fn find(id: &str) -> Option<Entry> {
    entries().into_iter().find(|e| e.id == id)
}

/// `docs/CONVENTIONS.md`: every family and convention, with its example and what it gives, and
/// the cue words of every language.
pub fn markdown() -> String {
    use std::fmt::Write;
    let all = entries();
    let mut out = String::new();
    out.push_str(
        "# Conventions talkgraph reads\n\n\
         Generated from the catalogue in `src/extract/` (`catalogue::markdown`); do not edit by hand:\n\
         `UPDATE_GOLDEN=1 cargo test conventions` rewrites it, and a test fails when it is out of date.\n\
         Every example below is extracted by a test (`catalogue::tests`), which checks the talks,\n\
         kinds, speakers and organizations listed under it.\n\n\
         How a speaker is told from an organization: a given name first (`schema/given-names.txt`)\n\
         makes a person; a legal form or organization word (`GmbH`, `Inc`, `Labs`, `University`,\n\
         `Foundation`...), a well-known organization (`schema/known-orgs.tsv`), an acronym or a\n\
         one-word name with inner capitals makes an organization, and wins. Where a convention is\n\
         explicit (a `Speaker:` label, a table's speaker column), a name-shaped text with no\n\
         evidence either way is taken as a person; where it is not (a heading's `- Name`, a list\n\
         item), it is not, and `talkgraph check` reports it (`unsure-name`, `near-miss`).\n\n",
    );
    let _ = writeln!(out, "{} conventions in {} families.\n", all.len(), Family::ALL.len());
    for family in Family::ALL {
        let _ = writeln!(out, "## {} (`src/extract/{}`)\n", family.title(), family.module());
        let _ = writeln!(out, "| id | shape | languages | what it gives |");
        let _ = writeln!(out, "|---|---|---|---|");
        for e in all.iter().filter(|e| e.family == family) {
            let _ = writeln!(out, "| `{}` | {} | {} | {} |", e.id, cell(e.shape), e.languages, cell(e.about));
        }
        out.push('\n');
        for e in all.iter().filter(|e| e.family == family) {
            let _ = writeln!(out, "### `{}`\n\n```markdown\n{}\n```\n", e.id, e.example.trim_end());
            for t in e.expect {
                let who: Vec<String> = t
                    .speakers
                    .iter()
                    .map(|(n, o)| match o {
                        Some(o) => format!("{n} ({o})"),
                        None => (*n).to_owned(),
                    })
                    .collect();
                let who = if who.is_empty() { "no speaker".to_owned() } else { who.join("; ") };
                let _ = writeln!(out, "- {} *{}*: {}", t.kind, t.title, who);
            }
            out.push('\n');
        }
    }
    out.push_str("## Cue words by language (`src/extract/cues.rs`)\n\n");
    out.push_str("| language | kinds of talk | headings holding talks of one kind | speaker labels and words |\n");
    out.push_str("|---|---|---|---|\n");
    for lang in ["en", "es", "fr", "de", "it", "pt", "ja"] {
        let kinds: Vec<String> =
            KIND_WORDS.iter().filter(|k| k.lang == lang).map(|k| format!("`{}` ({})", k.word, k.kind)).collect();
        let containers: Vec<String> =
            CONTAINERS.iter().filter(|k| k.lang == lang).map(|k| format!("`{}`", k.word)).collect();
        let cues: Vec<String> = SPEAKER_CUES
            .iter()
            .filter(|c| c.lang == lang)
            .map(|c| format!("`{}{}`", c.word, if c.colon { ":" } else { "" }))
            .collect();
        let _ = writeln!(out, "| {lang} | {} | {} | {} |", kinds.join(", "), containers.join(", "), cues.join(", "));
    }
    out
}

/// A table cell: pipes escaped, line breaks as spaces.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ExtractOptions, extract};

    /// (title, kind, [(speaker, first organization)]) per talk.
    type Talks = Vec<(String, TalkKind, Vec<(String, Option<String>)>)>;

    #[test]
    fn every_example_gives_what_its_entry_says() {
        let mut failures = Vec::new();
        for e in entries() {
            let note = extract("example.md", e.example, &ExtractOptions::default()).note;
            let got: Talks = note
                .talks
                .iter()
                .map(|t| {
                    (
                        t.title.clone(),
                        t.kind,
                        t.speakers.iter().map(|s| (s.name.clone(), s.orgs.first().map(|o| o.name.clone()))).collect(),
                    )
                })
                .collect();
            let want: Talks = e
                .expect
                .iter()
                .map(|t| {
                    (
                        t.title.to_owned(),
                        t.kind,
                        t.speakers.iter().map(|(n, o)| ((*n).to_owned(), o.map(str::to_owned))).collect(),
                    )
                })
                .collect();
            if got != want {
                failures.push(format!("{}:\n  example: {:?}\n  want: {want:?}\n  got:  {got:?}", e.id, e.example));
            }
        }
        assert!(
            failures.is_empty(),
            "{} examples do not give what their entry says:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn ids_are_unique_and_named_by_family() {
        let all = entries();
        let mut ids: Vec<&str> = all.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids");
        for e in &all {
            assert!(!e.example.trim().is_empty() && !e.expect.is_empty(), "{} has no example", e.id);
        }
        for f in Family::ALL {
            assert!(all.iter().any(|e| e.family == f), "{f:?} has no convention");
        }
    }

    #[test]
    fn conventions_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/CONVENTIONS.md");
        let want = markdown();
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &want).expect("write docs/CONVENTIONS.md");
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(have == want, "docs/CONVENTIONS.md is out of date: run UPDATE_GOLDEN=1 cargo test conventions");
    }
}
