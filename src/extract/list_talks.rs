//! Family: talks written as list items: `- **T** by Name (Org) — summary`,
//! `* "T" — Name, Org`, `- [T](video) by Name`, `1. T — Name (Org)`, `- Name: T`.
//!
//! A list of tools (`- [vLLM](https://docs.vllm.ai/) - fast LLM serving`) looks the same; an
//! item is a talk only when the part after its title names people on evidence.

use super::blocks::Block;
use super::catalogue::{Convention, Expect};
use super::heading_speakers;
use super::people::{self, People, Strength};
use crate::model::TalkKind;

/// How an item writes its title and speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A bold or italic title: `**T** by Name (Org) — summary`, `*T* - Name`.
    Emphasized,
    /// A quoted title: `"T" — Name, Org`, `“T” by Name`.
    Quoted,
    /// A linked title: `[T](video) by Name`, `[T](url) — Name`.
    Linked,
    /// A plain title: `T — Name (Org)`, `T by Name`, `T (Name, Org)`.
    Plain,
}

const fn e(title: &'static str, speakers: &'static [(&'static str, Option<&'static str>)]) -> Expect {
    Expect { title, kind: TalkKind::Talk, speakers }
}

/// The conventions of this family, tried in this order.
pub static CONVENTIONS: &[Convention<Rule>] = &[
    Convention {
        id: "list.emphasized",
        shape: "`- **Title** by Name (Org) — summary`, `- *Title* - Name`",
        languages: "any",
        about: "a bold or italic title, then `by` (or a dash) and the speakers; what follows a further dash is a summary",
        example: "Talks I liked:\n\n- **Rich tracebacks for everyone** by Farah Siddiqui (Stripe) — better errors\n- **Typing at scale** - Ana Ruiz\n",
        expect: &[
            e("Rich tracebacks for everyone", &[("Farah Siddiqui", Some("Stripe"))]),
            e("Typing at scale", &[("Ana Ruiz", None)]),
        ],
        rule: Rule::Emphasized,
    },
    Convention {
        id: "list.quoted",
        shape: "`* \"Title\" — Name, Org`, `- “Title” by Name`",
        languages: "any",
        about: "a quoted title, then a dash or `by` and the speakers",
        example: "* \"Fearless concurrency\" — Hanna Lindqvist, Spotify\n* “Async all the way” by Sam Lee\n",
        expect: &[
            e("Fearless concurrency", &[("Hanna Lindqvist", Some("Spotify"))]),
            e("Async all the way", &[("Sam Lee", None)]),
        ],
        rule: Rule::Quoted,
    },
    Convention {
        id: "list.linked",
        shape: "`- [Title](video) by Name`, `- [Title](url) — Name (Org)`",
        languages: "any",
        about: "a linked title (its video or page), then the speakers",
        example: "- [Data pipelines in Rust](https://video.example/1) by Lena Fischer\n- [Zero-copy parsing](https://video.example/2) — Marco Rossi (Bloomberg)\n",
        expect: &[
            e("Data pipelines in Rust", &[("Lena Fischer", None)]),
            e("Zero-copy parsing", &[("Marco Rossi", Some("Bloomberg"))]),
        ],
        rule: Rule::Linked,
    },
    Convention {
        id: "list.plain",
        shape: "`1. Title — Name (Org)`, `- Title by Name`, `- Title (Name, Org)`",
        languages: "any",
        about: "a plain title, then a dash, `by` or a parenthesis and the speakers (a given name or an organization each)",
        example: "1. Observability at scale — Sara Rossi (Datadog)\n2. Scaling Django by Andrew Godwin\n3. A tour of [Polars](https://pola.rs/) - fast dataframes\n",
        expect: &[
            e("Observability at scale", &[("Sara Rossi", Some("Datadog"))]),
            e("Scaling Django", &[("Andrew Godwin", None)]),
        ],
        rule: Rule::Plain,
    },
];

/// Reads a list item (its lines joined): the title (shadow text), the people, the convention.
/// The conventions in `relaxed` (those the list has shown it uses) take names on their place.
pub(crate) fn read(block: &Block, relaxed: &[&str]) -> Option<(String, People, &'static str)> {
    let joined: String = block.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
    let text = joined.trim();
    // Cheap check first: a talk item has a dash, a parenthesis, a colon or a word before its
    // speakers; most items of prose lists are skipped here.
    if !text.contains([' ', '-', '–', '—', '(', ':']) {
        return None;
    }
    let line = block.line;
    for c in CONVENTIONS {
        let relax = relaxed.contains(&c.id);
        let found = match c.rule {
            Rule::Emphasized => delimited(block, text, line, emphasized_title, relax),
            Rule::Quoted => delimited(block, text, line, quoted_title, relax),
            Rule::Linked => delimited(block, text, line, linked_title, relax),
            Rule::Plain => plain(block, text, line, relax),
        };
        if let Some((title, people)) = found {
            return Some((title, people, c.id));
        }
    }
    None
}

/// `**T**` or `*T*` at the start: the title and what follows.
fn emphasized_title(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('*')?.trim_start_matches('*');
    let end = inner.find('*')?;
    let after = inner[end..].trim_start_matches('*');
    Some((inner[..end].trim(), after))
}

/// `"T"`, `“T”`, `«T»` at the start.
fn quoted_title(text: &str) -> Option<(&str, &str)> {
    let (open, close): (char, &[char]) = match text.chars().next()? {
        '"' => ('"', &['"', '”']),
        '“' => ('“', &['”', '"']),
        '«' => ('«', &['»']),
        '„' => ('„', &['“', '"']),
        _ => return None,
    };
    let body = &text[open.len_utf8()..];
    let end = body.find(close)?;
    let close_len = body[end..].chars().next().map_or(1, char::len_utf8);
    Some((body[..end].trim(), &body[end + close_len..]))
}

/// A link placeholder at the start (`[T](url)`): the placeholder (rendered later) and what follows.
fn linked_title(text: &str) -> Option<(&str, &str)> {
    let c = text.chars().next()?;
    super::blocks::is_mark(c).then(|| text.split_at(c.len_utf8()))
}

/// A delimited title, then `by`/a dash/a comma/a colon and the speakers, up to a summary.
fn delimited(
    block: &Block,
    text: &str,
    line: u32,
    title_of: fn(&str) -> Option<(&str, &str)>,
    relax: bool,
) -> Option<(String, People)> {
    let weak = if relax { Strength::Cued } else { Strength::Weak };
    let (title, after) = title_of(text)?;
    if title.is_empty() {
        return None;
    }
    let after = after.trim_start();
    // `**T** (Name, Org)`
    if after.starts_with('(')
        && let Some(close) = after.find(')')
    {
        let p = people::read(block, &after[1..close], line, weak)?;
        return Some((title.to_owned(), p));
    }
    let (who, strength) = if let Some(rest) = after.strip_prefix([':', ',', '-', '–', '—', '|']) {
        let rest = rest.trim_start();
        match cue(rest) {
            Some(n) => (&rest[n..], Strength::Cued),
            None => (rest, weak),
        }
    } else {
        let n = cue(after)?;
        (&after[n..], Strength::Cued)
    };
    let who = until_summary(who);
    let p = people::read(block, who, line, strength)?;
    Some((title.to_owned(), p))
}

/// An inline cue word (`by`, `por`, `par`) at the start: where the people start.
fn cue(text: &str) -> Option<usize> {
    super::cues::SPEAKER_CUES
        .iter()
        .filter(|c| !c.colon && !matches!(c.word, "with" | "von" | "di" | "a cura di"))
        .filter_map(|c| super::tagged::prefix_len(text, c.word))
        .filter(|&n| text[n..].starts_with(char::is_whitespace))
        .max()
        .map(|n| n + (text[n..].len() - text[n..].trim_start().len()))
}

/// The speakers' part without the summary after it (` — summary`, `: summary`), unless what
/// follows the dash is an organization (`Name — Org`).
fn until_summary(who: &str) -> &str {
    let mut depth = 0i32;
    let chars: Vec<(usize, char)> = who.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '—' | '–' | '-' | ':'
                if depth == 0
                    && (c == ':' || k > 0 && chars[k - 1].1.is_whitespace())
                    && chars.get(k + 1).is_some_and(|(_, n)| n.is_whitespace()) =>
            {
                let rest = who[i + c.len_utf8()..].trim();
                let first_segment = rest.split([' ']).take(6).collect::<Vec<_>>().join(" ");
                if c != ':' && super::names::org_evidence(first_segment.trim_end_matches([',', '.'])) {
                    continue;
                }
                return &who[..i];
            }
            _ => {}
        }
    }
    who
}

/// A plain item: the heading conventions read it (`T — Name (Org)`, `T by Name`, `T (Name)`).
fn plain(block: &Block, text: &str, line: u32, relax: bool) -> Option<(String, People)> {
    let relaxed: &[&str] = if relax { &["heading.paren", "heading.dash", "heading.by", "heading.comma"] } else { &[] };
    let (title, p, _) = heading_speakers::read(block, text, line, false, relaxed)?;
    // A summary after the speakers (`T — Name — summary`) is left to the heading rules; a
    // plain item whose "speakers" left parts unread is not a talk.
    p.leftovers.is_empty().then_some((title, p))
}
