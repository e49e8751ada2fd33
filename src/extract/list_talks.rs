//! Family: talks written as list items or as lines of a paragraph: `- **T** by Name (Org) —
//! summary`, `* "T" — Name, Org`, `- [T](video) by Name`, `1. T — Name (Org)`, `- Name: T`,
//! `[Name - Title](slides)` (the talk in a link's text), `**Name** Title`,
//! `[Title](video) por Name: summary`.
//!
//! A list of tools (`- [vLLM](https://docs.vllm.ai/) - fast LLM serving`) looks the same; an
//! item is a talk only when the part after its title names people on evidence. A paragraph
//! line is read only when it starts with a link, an emphasis or a quote (or, for the first
//! line of a paragraph, when its people are people on evidence).

use super::blocks::{Block, is_mark};
use super::catalogue::{Convention, Expect};
use super::heading_speakers;
use super::people::{self, People, Strength};
use crate::model::TalkKind;

/// How an item writes its title and speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The whole talk in a link's text: `[Name - Title](slides)`, `[Title | Name, Org](video)`,
    /// `[Title (Name)](video): summary`.
    LinkText,
    /// A person first, emphasized or linked, then the title: `**Name** Title`,
    /// `[**Name**](/authors/x) Title`.
    NameFirst,
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
        id: "list.link-text",
        shape: "`[Name - Title](slides)`, `- [[Keynote] Title \\| Name, Org](video)`, `[Title (Name)](video): summary`",
        languages: "any",
        about: "a line or item that is one link whose text is the talk, as a heading would write it",
        example: "Day 1:  \n[Niket Patel - Joy of Single Purpose Services in Go](https://blog.example/1)  \n[Dave Cheney - Simplicity and the Ideas that Go Left Behind](https://blog.example/2)\n\n- [[Conf Keynote] State of gRPC | Abhishek Kumar, Google](https://youtu.be/x)\n",
        expect: &[
            e("Joy of Single Purpose Services in Go", &[("Niket Patel", None)]),
            e("Simplicity and the Ideas that Go Left Behind", &[("Dave Cheney", None)]),
            Expect { title: "State of gRPC", kind: TalkKind::Keynote, speakers: &[("Abhishek Kumar", Some("Google"))] },
        ],
        rule: Rule::LinkText,
    },
    Convention {
        id: "list.name-first",
        shape: "`**Name** Title`, `[**Name**](https://...) Title`, `**Name**: Title`",
        languages: "any",
        about: "a person (given name first) emphasized or linked, then the title",
        example: "__Thierry Onkelinx__ git2rdata: storing dataframes in plain text\n\n[__Robin Lovelace__](/authors/robin-lovelace/) R for Transport Planning\n",
        expect: &[
            e("git2rdata: storing dataframes in plain text", &[("Thierry Onkelinx", None)]),
            e("R for Transport Planning", &[("Robin Lovelace", None)]),
        ],
        rule: Rule::NameFirst,
    },
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
        shape: "`- [Title](video) by Name`, `- [Title](url) — Name (Org)`, `[Title](video) por _Name_: summary`",
        languages: "any",
        about: "a linked title (its video or page), then the speakers; in a paragraph too",
        example: "- [Data pipelines in Rust](https://video.example/1) by Lena Fischer\n- [Zero-copy parsing](https://video.example/2) — Marco Rossi (Bloomberg)\n\n[Introducción a Numpy](https://vimeo.example/1) por _Bryan Van De Ven_: si no conoces Numpy.\n",
        expect: &[
            e("Data pipelines in Rust", &[("Lena Fischer", None)]),
            e("Zero-copy parsing", &[("Marco Rossi", Some("Bloomberg"))]),
            e("Introducción a Numpy", &[("Bryan Van De Ven", None)]),
        ],
        rule: Rule::Linked,
    },
    Convention {
        id: "list.plain",
        shape: "`1. Title — Name (Org)`, `- Title by Name`, `- Title (Name, Org)`",
        languages: "any",
        about: "a plain title, then a dash, `by` or a parenthesis and the speakers (a given name or an organization each); a summary after a colon",
        example: "1. Observability at scale — Sara Rossi (Datadog)\n2. Scaling Django by Andrew Godwin\n3. A tour of [Polars](https://pola.rs/) - fast dataframes\n4. Crypto 101 (Laurens Van Houtven): an introduction to cryptography\n",
        expect: &[
            e("Observability at scale", &[("Sara Rossi", Some("Datadog"))]),
            e("Scaling Django", &[("Andrew Godwin", None)]),
            e("Crypto 101", &[("Laurens Van Houtven", None)]),
        ],
        rule: Rule::Plain,
    },
];

/// Reads a list item (its lines joined): the title (shadow text), the people, the convention.
/// The conventions in `relaxed` (those the note has shown it uses) take names on their place.
pub(crate) fn read(block: &Block, relaxed: &[&str]) -> Option<(String, People, &'static str)> {
    let joined: String = block.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
    read_line(block, &joined, block.line, relaxed, Place::Item)
}

/// Where a talk line stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A list item.
    Item,
    /// The first line of a paragraph.
    FirstLine,
    /// A later line of a paragraph: read only when it starts with a link, an emphasis or a quote.
    Line,
}

/// Reads one talk line (shadow text of `block`).
pub(crate) fn read_line(
    block: &Block,
    text: &str,
    line: u32,
    relaxed: &[&str],
    place: Place,
) -> Option<(String, People, &'static str)> {
    // Emoji and bullets before the talk (`🗣 [Name - Title](...)`).
    let text = text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !is_mark(c) && !"*\"“«„'[(_「『".contains(c))
        .trim_start();
    // Cheap check first: a talk line has a dash, a parenthesis, a colon, a link or a word before
    // its speakers; most lines of prose are skipped here.
    if !text.contains([' ', '-', '–', '—', '(', ':']) && !text.chars().any(is_mark) {
        return None;
    }
    let delimited_start =
        text.starts_with(['*', '"', '“', '«', '„', '「', '『']) || text.chars().next().is_some_and(is_mark);
    if place == Place::Line && !delimited_start {
        return None;
    }
    for c in CONVENTIONS {
        let relax = relaxed.contains(&c.id);
        let found = match c.rule {
            Rule::LinkText => link_text(block, text, line, relaxed),
            Rule::NameFirst => name_first(block, text, line, relax),
            Rule::Emphasized => delimited(block, text, line, emphasized_title, relax),
            Rule::Quoted => delimited(block, text, line, quoted_title, relax),
            Rule::Linked => delimited(block, text, line, linked_title, relax),
            // A paragraph's first line in plain text is a talk only as `Title (Name): summary`
            // or `Title - Name`: prose seldom has a parenthesis or a spaced dash there.
            Rule::Plain if place == Place::FirstLine && !(text.contains(')') || has_spaced_dash(text)) => None,
            Rule::Plain if place != Place::Line => plain(block, text, line, relax),
            Rule::Plain => None,
        };
        if let Some((title, people)) = found {
            return Some((title, people, c.id));
        }
    }
    None
}

/// `[Name - Title](url)`, `[[Keynote] Title | Name, Org](url)`, `[Title (Name)](url): summary`:
/// a line made of one link (and maybe a summary or a note after it) whose text reads as a
/// heading that names its speakers.
fn link_text(block: &Block, text: &str, line: u32, relaxed: &[&str]) -> Option<(String, People)> {
    let c = text.chars().next()?;
    let l = block.link(c)?;
    let after = text[c.len_utf8()..].trim();
    let after_ok = after.is_empty()
        || after.starts_with([':', '(', '.', ','])
        || after.starts_with(['-', '–', '—']) && after[after.chars().next()?.len_utf8()..].starts_with(' ');
    // A table of contents links the note's own headings: those talks are read there.
    let in_page = l.url.starts_with('#') || (!l.url.contains("://") && l.url.contains('#'));
    if !after_ok || l.text.trim().is_empty() || in_page {
        return None;
    }
    let inner = l.text.trim();
    // A schedule's time first (`[Saturday 10:00 Title - Name](...)`).
    let inner = inner[super::schedule::after_time(inner).unwrap_or(0)..].trim();
    // A kind tag (`[Keynote] Title | Name`) is read by the caller: the heading rules read the rest.
    let rest = super::tagged::read(inner).map_or_else(|| inner.to_owned(), |(_, t, _)| t);
    let all: &[&str] =
        &["heading.paren", "heading.dash", "heading.by", "heading.comma", "heading.name-colon", "heading.name-dash"];
    let heading_relaxed = if relaxed.contains(&"list.link-text") { all } else { &[] };
    let (title, people, _) = heading_speakers::read(block, &rest, line, false, heading_relaxed)?;
    if !people.leftovers.is_empty() {
        return None;
    }
    // The tag back in front of the title, for the caller to read the kind.
    let title = inner.strip_suffix(rest.as_str()).map_or_else(|| title.clone(), |tag| format!("{tag}{title}"));
    Some((title, people))
}

/// `**Name** Title`, `[**Name**](url) Title`, `**Name**: Title`.
fn name_first(block: &Block, text: &str, line: u32, relax: bool) -> Option<(String, People)> {
    let (who, after) = if let Some((w, a)) = emphasized_title(text) {
        (w, a)
    } else {
        let c = text.chars().next()?;
        block.link(c)?;
        text.split_at(c.len_utf8())
    };
    let title = after.trim_start().trim_start_matches([':', '-', '–', '—', '|']).trim();
    if title.is_empty()
        || title.starts_with(['(', ','])
        || title.chars().next().is_some_and(char::is_lowercase) && !title.contains(':')
    {
        return None;
    }
    let strength = if relax { Strength::Cued } else { Strength::Weak };
    let p = people::read(block, who, line, strength)?;
    let sure = p.speakers.iter().all(|s| super::names::verdict(&s.name) == super::names::Verdict::Person);
    (p.leftovers.is_empty() && (sure || relax)).then(|| (title.to_owned(), p))
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
        '「' => ('「', &['」']),
        '『' => ('『', &['』']),
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
    } else if let Some(n) = cue(after).or_else(|| any_cue(after)) {
        // After a delimited title any word of the languages read introduces the speakers, the
        // ambiguous ones (`von`, `di`) too: the title cannot run on.
        (&after[n..], Strength::Cued)
    } else if after.chars().next().is_some_and(super::names::capital) {
        // `「Title」Name（Org）`: Japanese puts the speaker right after the title.
        (after, weak)
    } else {
        return None;
    };
    let who = until_summary(who);
    let p = people::read(block, who, line, strength)?;
    Some((title.to_owned(), p))
}

/// An inline cue word (`by`, `por`, `par`) at the start: where the people start.
fn cue(text: &str) -> Option<usize> {
    super::cues::CUE_INDEX
        .starting(text)
        .iter()
        .filter(|c| !c.colon && !matches!(c.word, "with" | "von" | "di" | "a cura di"))
        .filter_map(|c| super::tagged::prefix_len(text, c.word))
        .filter(|&n| text[n..].starts_with(char::is_whitespace))
        .max()
        .map(|n| n + (text[n..].len() - text[n..].trim_start().len()))
}

/// Any inline cue word at the start (`von `, `di `, `with `): where the people start.
fn any_cue(text: &str) -> Option<usize> {
    super::cues::CUE_INDEX
        .starting(text)
        .iter()
        .filter(|c| !c.colon)
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

/// Whether `text` has a dash between spaces (`Title - Name`).
fn has_spaced_dash(text: &str) -> bool {
    [" - ", " – ", " — ", " | "].iter().any(|d| text.contains(d))
}

/// `Title - A summary sentence.`: the title, without what follows the first dash when that is a
/// sentence (it ends as one, or it is six words or more).
fn without_summary(title: &str) -> &str {
    for (start, end) in heading_speakers::dashes(title) {
        let rest = title[end..].trim();
        let sentence = rest.ends_with(['.', '。', '!', '?', '！']) || rest.split_whitespace().count() >= 6;
        if sentence {
            return title[..start].trim_end();
        }
    }
    title
}

/// A plain item: the heading conventions read it (`T — Name (Org)`, `T by Name`, `T (Name)`),
/// the whole or up to a summary after a colon (`T (Name): summary`).
fn plain(block: &Block, text: &str, line: u32, relax: bool) -> Option<(String, People)> {
    let relaxed: &[&str] = if relax {
        &["heading.paren", "heading.dash", "heading.by", "heading.comma", "heading.name-colon"]
    } else {
        &[]
    };
    let strength = if relax { Strength::Cued } else { Strength::Weak };
    // `T – Name – summary`: the first part between dashes that names people, the title before it.
    let dashes = heading_speakers::dashes(text);
    for (k, &(start, end)) in dashes.iter().enumerate() {
        let until = dashes.get(k + 1).map_or(text.len(), |d| d.0);
        let (title, who) = (text[..start].trim(), text[end..until].trim());
        if title.is_empty() || dashes.len() < 2 {
            break;
        }
        if let Some(p) =
            people::read(block, who, line, strength).filter(|p| p.leftovers.is_empty() && p.unsure.is_empty())
        {
            return Some((title.to_owned(), p));
        }
    }
    let read = |t: &str| {
        let (title, p, id) = heading_speakers::read(block, t, line, false, relaxed)?;
        // `Name: Title – summary`: the title ends at a dash before a sentence.
        let title = match id {
            "heading.name-colon" | "heading.name-dash" => without_summary(&title).to_owned(),
            _ => title,
        };
        p.leftovers.is_empty().then_some((title, p))
    };
    read(text).or_else(|| {
        // `T (Name): summary`: the part before a colon that follows a closing parenthesis.
        let i = text.find("): ")?;
        read(&text[..=i])
    })
}
