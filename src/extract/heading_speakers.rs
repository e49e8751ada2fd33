//! Family: headings that carry their speakers: `T (Name, Org)`, `T — Name`, `Name: T`,
//! `"T" by Name`, `T by Name`, `T, Name (Org)`.
//!
//! The part naming people is read by [`super::people`]; where only its place says it names
//! people (a dash, a parenthesis), each person needs evidence of their own
//! ([`Strength::Weak`]), so that `Web3 - the Internet of Freedom` or `Rust (Programming
//! Language)` keep their titles whole.

use super::blocks::Block;
use super::catalogue::{Convention, Expect};
use super::people::{self, People, Strength};
use super::tagged::prefix_len;
use crate::model::TalkKind;

/// How a heading names its speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `"Title" by Name`: a quoted title, then a word such as `by`, `por`, `par`, `di`.
    QuotedBy,
    /// `Title (Name, Org)`, `Title (Name - Org) @handle`.
    Paren,
    /// `Name: Title`.
    NameColon,
    /// `Title — Name`, `Title - Name, Org`, `Title | Name`.
    Dash,
    /// `Name — Title`.
    NameDash,
    /// `Title by Name`, `Título por Name`.
    By,
    /// `Title, Name (Org)`.
    Comma,
}

const fn e(title: &'static str, speakers: &'static [(&'static str, Option<&'static str>)]) -> Expect {
    Expect { title, kind: TalkKind::Talk, speakers }
}

/// The conventions of this family, tried in this order.
pub static CONVENTIONS: &[Convention<Rule>] = &[
    Convention {
        id: "heading.quoted-by",
        shape: "`## \"Title\" by Name and Name`",
        languages: "any",
        about: "a quoted title, then `by` (`por`, `par`, `von`, `di`, `with`...) and the speakers",
        example: "## \"BDD Testing for Django Apps\" by Le Xiao\n\n## \"Datos abiertos\" por Lucía Fernández y Pablo Ruiz\n",
        expect: &[
            e("BDD Testing for Django Apps", &[("Le Xiao", None)]),
            e("Datos abiertos", &[("Lucía Fernández", None), ("Pablo Ruiz", None)]),
        ],
        rule: Rule::QuotedBy,
    },
    Convention {
        id: "heading.paren",
        shape: "`## Title (Name, Org)`, `## Title (Name - Org) @handle`, `## Title (Name)`",
        languages: "any",
        about: "the speakers in parentheses at the end; each needs a given name or an organization of their own",
        example: "## Rust in the Linux kernel (Miguel Ortega, Google)\n\n## Keynote (Dan Callahan - PyPI) @callahad\n",
        expect: &[
            e("Rust in the Linux kernel", &[("Miguel Ortega", Some("Google"))]),
            Expect { title: "Keynote", kind: TalkKind::Keynote, speakers: &[("Dan Callahan", Some("PyPI"))] },
        ],
        rule: Rule::Paren,
    },
    Convention {
        id: "heading.name-colon",
        shape: "`## Name: Title`",
        languages: "any",
        about: "a person (given name first) before a colon",
        example: "## Hanna Lindqvist: Scaling event pipelines\n",
        expect: &[e("Scaling event pipelines", &[("Hanna Lindqvist", None)])],
        rule: Rule::NameColon,
    },
    Convention {
        id: "heading.dash",
        shape: "`## Title — Name`, `## Title - Name, Org`, `## Title | Name`",
        languages: "any",
        about: "the speakers after the last dash; each needs a given name or an organization of their own",
        example: "## Web3 - the Internet of Freedom - Bruno Costa\n\n## Observability at scale — Sara Rossi, Datadog\n",
        expect: &[
            e("Web3 - the Internet of Freedom", &[("Bruno Costa", None)]),
            e("Observability at scale", &[("Sara Rossi", Some("Datadog"))]),
        ],
        rule: Rule::Dash,
    },
    Convention {
        id: "heading.name-dash",
        shape: "`## Name — Title`",
        languages: "any",
        about: "a person (given name first) before the first dash, a title after it",
        example: "## Grace Hopper — The future of compilers\n",
        expect: &[e("The future of compilers", &[("Grace Hopper", None)])],
        rule: Rule::NameDash,
    },
    Convention {
        id: "heading.by",
        shape: "`## Title by Name`, `## Título por Name`, `## Titre par Name`",
        languages: "en es fr de it pt",
        about: "`by` and its translations before the speakers; `with`, `von` and `di` need a given name",
        example: "## Taking Django Async by Andrew Godwin\n\n## Observabilidad sin dolor por Carmen Díaz\n",
        expect: &[
            e("Taking Django Async", &[("Andrew Godwin", None)]),
            e("Observabilidad sin dolor", &[("Carmen Díaz", None)]),
        ],
        rule: Rule::By,
    },
    Convention {
        id: "heading.comma",
        shape: "`## Title, Name (Org)`",
        languages: "any",
        about: "the speaker after the last comma; needs a given name or an organization of its own",
        example: "## Fast tests with pytest, Lena Fischer (Zalando)\n",
        expect: &[e("Fast tests with pytest", &[("Lena Fischer", Some("Zalando"))])],
        rule: Rule::Comma,
    },
];

/// Inline cue words that also stand inside titles (`Fun with Rust`, `Die Zukunft von Kafka`):
/// the people after them need evidence of their own.
const AMBIGUOUS: &[&str] = &["with", "mit", "con", "avec", "com", "von", "di", "a cura di"];

/// Splits a heading that names its speakers (shadow text of `block`, tag and time removed):
/// (title, people, convention id). `timed`: the line started with a time, as a schedule's
/// lines do; its people then need no evidence beyond their place (`10:30 T - Danese Cooper`).
/// So do those of the conventions in `relaxed`: the note has shown it writes its talks that way
/// (two talks or more read by them on evidence), as `#### Title (Qumisha Goss)` among
/// `#### Title (Given Name)` siblings.
pub(crate) fn read(
    block: &Block,
    text: &str,
    line: u32,
    timed: bool,
    relaxed: &[&str],
) -> Option<(String, People, &'static str)> {
    let narrowed = people::narrow(text);
    let text = narrowed.trim();
    let mut tried = Vec::with_capacity(CONVENTIONS.len());
    for c in CONVENTIONS {
        if tried.contains(&c.rule) {
            continue;
        }
        tried.push(c.rule);
        let weak = if timed || relaxed.contains(&c.id) { Strength::Cued } else { Strength::Weak };
        let found = match c.rule {
            Rule::QuotedBy => quoted_by(block, text, line),
            Rule::Paren => paren(block, text, line, weak),
            Rule::NameColon => name_colon(block, text, line, relaxed.contains(&c.id)),
            Rule::Dash => dash(block, text, line, weak),
            Rule::NameDash => name_dash(block, text, line, relaxed.contains(&c.id)),
            Rule::By => by(block, text, line, weak),
            Rule::Comma => comma(block, text, line, weak),
        };
        if let Some((title, people)) = found
            && !block.render(&title).trim().is_empty()
        {
            return Some((title, people, c.id));
        }
    }
    None
}

/// The inline cue at the start of `text` (`by `, `por `, `presented by `): its length and
/// whether it is ambiguous.
fn inline_cue(text: &str) -> Option<(usize, bool)> {
    super::cues::CUE_INDEX
        .starting(text)
        .iter()
        .filter(|c| !c.colon)
        .filter_map(|c| prefix_len(text, c.word).map(|n| (n, AMBIGUOUS.contains(&c.word), c.word.len())))
        .filter(|(n, _, _)| text[*n..].starts_with(char::is_whitespace))
        .max_by_key(|(_, _, len)| *len)
        .map(|(n, amb, _)| (n, amb))
}

fn quoted_by(block: &Block, text: &str, line: u32) -> Option<(String, People)> {
    let (open, close) = match text.chars().next()? {
        '"' => ('"', &['"', '”'][..]),
        '“' => ('“', &['”', '"'][..]),
        '«' => ('«', &['»'][..]),
        '„' => ('„', &['“', '"'][..]),
        '「' => ('「', &['」'][..]),
        '『' => ('『', &['』'][..]),
        '\'' => ('\'', &['\''][..]),
        _ => return None,
    };
    let body = &text[open.len_utf8()..];
    let end = body.find(close)?;
    let title = body[..end].trim();
    let close_len = body[end..].chars().next().map_or(1, char::len_utf8);
    let rest = body[end + close_len..].trim_start().trim_start_matches(',').trim_start();
    let (n, _) = inline_cue(rest)?;
    let people = people::read(block, &rest[n..], line, Strength::Strong)?;
    Some((title.to_owned(), people))
}

fn paren(block: &Block, text: &str, line: u32, weak: Strength) -> Option<(String, People)> {
    // Handles and sites after the parenthesis (`(Name) @handle site.com`) are dropped.
    let mut t = text.trim_end();
    while let Some((before, last)) = t.rsplit_once(char::is_whitespace) {
        if last.starts_with('@') || super::names::is_domain(last) {
            t = before.trim_end();
        } else {
            break;
        }
    }
    let (title, inner) = people::last_parenthesis(t)?;
    // `(by Name)`, `(led by Name)`, `(with Name)`, `(por Name)`: a cue inside the parenthesis.
    let inner = inner.trim();
    let inner = ["led by", "hosted by", "presented by", "moderated by"]
        .iter()
        .find_map(|p| super::tagged::prefix_len(inner, p).map(|n| inner[n..].trim_start()))
        .or_else(|| inline_cue(inner).map(|(n, _)| inner[n..].trim_start()))
        .unwrap_or(inner);
    let inner: String = inner
        .split_whitespace()
        .filter(|w| !w.starts_with('@') && !super::names::is_domain(w))
        .collect::<Vec<_>>()
        .join(" ");
    let people = people::read(block, &inner, line, weak)?;
    Some((title.trim().to_owned(), people))
}

/// `Name: Title`; `relaxed`: the note writes its talks this way, so the name needs no evidence
/// beyond its shape.
fn name_colon(block: &Block, text: &str, line: u32, relaxed: bool) -> Option<(String, People)> {
    let i = text.find(": ")?;
    let (left, title) = (&text[..i], text[i + 1..].trim());
    named_first(block, left, line, relaxed).map(|p| (title.to_owned(), p))
}

/// The people a `Name: Title` or `Name — Title` starts with: only people, each a person on
/// evidence (or, `relaxed`, name-shaped).
fn named_first(block: &Block, who: &str, line: u32, relaxed: bool) -> Option<People> {
    let p = people::read(block, who, line, if relaxed { Strength::Cued } else { Strength::Weak })?;
    let only_people = p.leftovers.is_empty() && !block.render(who).contains(" - ");
    let sure = p.unsure.is_empty() && p.speakers.iter().all(|s| super::names::given_evidence(&s.name));
    (only_people && (sure || relaxed) && p.speakers.iter().all(|s| s.orgs.is_empty() || sure)).then_some(p)
}

/// Top-level dashes between white space (`-`, `–`, `—`, `|`), as byte offsets.
pub(crate) fn dashes(text: &str) -> Vec<(usize, usize)> {
    people::spaced_separators(text, |c| matches!(c, '-' | '–' | '—' | '|'))
}

fn dash(block: &Block, text: &str, line: u32, weak: Strength) -> Option<(String, People)> {
    for &(start, end) in dashes(text).iter().rev() {
        let (title, who) = (text[..start].trim(), text[end..].trim());
        if title.is_empty() {
            continue;
        }
        if let Some(p) = people::read(block, who, line, weak) {
            return Some((title.to_owned(), p));
        }
    }
    None
}

fn name_dash(block: &Block, text: &str, line: u32, relaxed: bool) -> Option<(String, People)> {
    let &(start, end) = dashes(text).first()?;
    let (who, title) = (text[..start].trim(), text[end..].trim());
    named_first(block, who.trim_end_matches(','), line, relaxed).map(|p| (title.to_owned(), p))
}

fn by(block: &Block, text: &str, line: u32, weak: Strength) -> Option<(String, People)> {
    // Each white space outside parentheses followed by a cue word, from the last.
    let mut depth = 0i32;
    let mut spaces: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if c.is_whitespace() && depth == 0 => spaces.push(i + c.len_utf8()),
            _ => {}
        }
    }
    for &at in spaces.iter().rev() {
        let Some((n, ambiguous)) = inline_cue(&text[at..]) else { continue };
        let title = text[..at].trim().trim_end_matches(',').trim();
        if title.is_empty() {
            continue;
        }
        // An ambiguous word (`von`, `di`) needs evidence, unless the note writes its talks this
        // way; `with` always does.
        let strength = match (ambiguous, weak) {
            (false, _) => Strength::Cued,
            (true, Strength::Cued)
                if !["with", "mit", "con", "avec", "com"].iter().any(|w| text[at..].to_lowercase().starts_with(w)) =>
            {
                Strength::Cued
            }
            (true, _) => Strength::Weak,
        };
        if let Some(p) = people::read(block, &text[at + n..], line, strength) {
            return Some((title.to_owned(), p));
        }
    }
    None
}

fn comma(block: &Block, text: &str, line: u32, weak: Strength) -> Option<(String, People)> {
    // Each top-level comma from the left: the title is what stands before the first after which
    // everything reads as people (`T, A (Org), B (Org) e C`), titles with commas included.
    let mut depth = 0i32;
    let mut commas = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => commas.push(i),
            _ => {}
        }
    }
    commas.into_iter().find_map(|i| {
        let (title, who) = (text[..i].trim(), text[i + 1..].trim());
        // A list of people's pages is no title (`Thanks to [A](https://x.com/a), [B](...)`).
        if title.chars().filter_map(|c| block.link(c)).any(|l| people::is_profile_url(&l.url)) {
            return None;
        }
        let p = people::read(block, who, line, weak)?;
        (!title.is_empty() && p.leftovers.is_empty() && p.unsure.is_empty()).then(|| (title.to_owned(), p))
    })
}
