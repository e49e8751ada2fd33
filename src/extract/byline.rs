//! Bylines: `by A and B - Org - a@b.example - [slides](...)`, `**Speaker:** Name (Org)`,
//! `Presented by [Name](https://...)`, `Speakers: A, B & C`.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, RawLink, is_mark};
use crate::model::{Material, MaterialKind, Org, Speaker};

/// What a byline paragraph yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Byline {
    pub speakers: Vec<Speaker>,
    pub materials: Vec<Material>,
    /// Parts that could not be read (for diagnostics).
    pub leftovers: Vec<String>,
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s*_]*(?:by|presented\s+by|speakers?\s*:|speaker\(s\)\s*:)[\s*_:]*").expect("valid regex")
});
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+[-–—·|]\s+").expect("valid regex"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:mailto:)?([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})$")
        .expect("valid regex")
});
static AFFILIATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?)\s+(?:from|at|of|@)\s+(.+)$").expect("valid regex"));

/// Does this line open a byline?
pub(crate) fn is_byline(line: &str) -> bool {
    MARKER.find(line).is_some_and(|m| m.end() > 0 && line[m.end()..].chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// The kind of a typed link, from its text (`slides`, `video`, `repo`, ...).
pub(crate) fn material_kind(text: &str) -> Option<MaterialKind> {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    Some(match t.as_str() {
        "slides" | "slide" | "deck" | "slide deck" | "slides pdf" | "presentation" | "slides here" => {
            MaterialKind::Slides
        }
        "video" | "recording" | "youtube" | "watch" | "talk video" | "vimeo" | "video_camera" | "video camera" => {
            MaterialKind::Recording
        }
        "repo" | "repository" | "code" | "source" | "source code" | "github" | "github repo" | "demo code" => {
            MaterialKind::Repository
        }
        _ => return None,
    })
}

/// Reads a byline paragraph; `None` when its first line names no speaker.
pub(crate) fn parse(block: &Block) -> Option<Byline> {
    let first = block.lines.first()?;
    let m = MARKER.find(&first.text)?;
    let mut out = parse_text(block, &first.text[m.end()..], first.line)?;
    later_lines(block, &block.lines[1..], &mut out);
    Some(out)
}

/// Reads `A and B - Org - email - [slides](...)` (the part after `by`); `None` without a speaker.
pub(crate) fn parse_text(block: &Block, text: &str, line: u32) -> Option<Byline> {
    let rest = text.replace('*', "");
    let mut out = Byline::default();
    let mut segments = SEPARATOR.split(rest.trim());
    let people = segments.next()?;
    for piece in split_people(people) {
        if let Some(s) = speaker(block, piece, line) {
            out.speakers.push(s);
        } else if !piece.trim().is_empty() {
            out.leftovers.push(block.render(piece));
        }
    }
    if out.speakers.is_empty() {
        return None;
    }
    let mut orgs = Vec::new();
    for seg in segments {
        let seg = seg.trim().trim_end_matches(['.', ',', ';']);
        let marks: Vec<&RawLink> = seg.chars().filter_map(|c| block.link(c)).collect();
        let bare: String = seg.chars().filter(|c| !is_mark(*c) && !c.is_whitespace() && *c != ',').collect();
        if !marks.is_empty() && bare.is_empty() {
            for l in marks {
                if let Some(e) = email_of(l) {
                    set_email(&mut out.speakers, e);
                } else if let Some(kind) = material_kind(&l.text) {
                    out.materials.push(Material { kind, url: l.url.clone(), line: l.line });
                } else {
                    orgs.push(Org { name: l.text.clone(), url: Some(l.url.clone()), line: l.line });
                }
            }
        } else if seg.contains('@') && EMAIL.is_match(seg) {
            set_email(&mut out.speakers, email_address(seg).to_owned());
        } else if seg.starts_with('@') && !seg.contains(' ') {
            // A social handle: nothing to record.
        } else if let Some(org) = org_text(block, seg, line) {
            orgs.push(org);
        } else if !seg.is_empty() {
            out.leftovers.push(block.render(seg));
        }
    }
    for s in &mut out.speakers {
        if s.orgs.is_empty() {
            s.orgs.clone_from(&orgs);
        }
    }
    Some(out)
}

/// Later lines of a byline paragraph: `Slides: [here](...)`, `📊 [slides](...)`, `[Video](...)`.
fn later_lines(block: &Block, lines: &[super::blocks::Line], out: &mut Byline) {
    for line in lines {
        let lower = block.render(&line.text).to_lowercase();
        for l in line.text.chars().filter_map(|c| block.link(c)) {
            let kind = material_kind(&l.text).or_else(|| {
                let context = lower.replace(&l.text.to_lowercase(), " ");
                ["slides", "slide", "video", "recording", "repo", "code"]
                    .iter()
                    .find(|w| context.contains(*w))
                    .and_then(|w| material_kind(w))
            });
            match kind {
                Some(kind) => out.materials.push(Material { kind, url: l.url.clone(), line: l.line }),
                None => out.leftovers.push(l.text.clone()),
            }
        }
    }
}

/// Speakers named in a heading (`Title (A @handle site.com)`, `Title - A & B`): the byline is
/// kept only when every speaker is a full name, so that `Web3 - the Internet` is not a person.
pub(crate) fn from_heading(block: &Block, people: &str, line: u32) -> Option<Byline> {
    static NOISE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|\s)(?:@[\w.]+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|me|co|uk|de|fr|it|info|blog)(?:/\S*)?)",
        )
        .expect("valid regex")
    });
    let cleaned = NOISE.replace_all(people, "");
    let by = parse_text(block, &cleaned, line)?;
    by.speakers.iter().all(|s| strict_name(&s.name)).then_some(by)
}

/// A byline without a marker, on the line right under a heading:
/// `_A and B_ [:video_camera:](...)` or `Name, Org & Name, Org`.
pub(crate) fn implicit(block: &Block) -> Option<Byline> {
    static EMPHASIZED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\*([^*]+)\*\s*(.*)$").expect("valid regex"));
    let first = block.lines.first()?;
    let text = first.text.trim();
    if let Some(c) = EMPHASIZED.captures(text) {
        let mut by = parse_text(block, &c[1], first.line)?;
        if !by.speakers.iter().all(|s| strict_name(&s.name)) || !by.speakers.iter().all(|s| s.orgs.is_empty()) {
            return None;
        }
        for l in c[2].chars().filter_map(|ch| block.link(ch)) {
            let kind = material_kind(&l.text).or_else(|| l.text.contains("video").then_some(MaterialKind::Recording));
            if let Some(kind) = kind {
                by.materials.push(Material { kind, url: l.url.clone(), line: l.line });
            }
        }
        later_lines(block, &block.lines[1..], &mut by);
        return Some(by);
    }
    if block.lines.len() != 1
        || text.chars().count() > 140
        || text.ends_with(['.', '!', '?', ':']) && !text.ends_with("Inc.")
    {
        return None;
    }
    comma_form(block, text, first.line)
}

/// `Name, Org & Name, Org` (an org shared by the speakers before it when they have none).
fn comma_form(block: &Block, text: &str, line: u32) -> Option<Byline> {
    static AND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+(?:&|and)\s+").expect("valid regex"));
    let mut out = Byline::default();
    for piece in AND.split(text) {
        let (name, org) = match piece.split_once(',') {
            Some((n, o)) => (n.trim(), Some(o.trim())),
            None => (piece.trim(), None),
        };
        let name = block.render(name);
        if !looks_like_name(&name) || name.split_whitespace().count() > 4 {
            return None;
        }
        let orgs = org.and_then(|o| org_text(block, o, line)).into_iter().collect();
        out.speakers.push(Speaker { name, url: None, orgs, email: None, line });
    }
    if !out.speakers.iter().any(|s| strict_name(&s.name)) || out.speakers.iter().all(|s| s.orgs.is_empty()) {
        return None;
    }
    // `A & B, Org`: B's org is A's too.
    let mut last: Vec<Org> = Vec::new();
    for s in out.speakers.iter_mut().rev() {
        if s.orgs.is_empty() {
            s.orgs.clone_from(&last);
        } else {
            last.clone_from(&s.orgs);
        }
    }
    Some(out)
}

/// In `[Twitter](...) | [Github](...) | [Website](...)` under a byline: the website.
pub(crate) fn website(block: &Block) -> Option<String> {
    block
        .links
        .iter()
        .find(|l| {
            let t = l.text.trim().to_lowercase();
            matches!(t.as_str(), "website" | "homepage" | "home page" | "blog" | "site" | "web")
        })
        .map(|l| l.url.clone())
}

/// A full name: two to five words, each capitalized (or a particle such as `van`, `de`), the
/// first longer than an initial; `Dr`/`Prof` allowed before it.
pub(crate) fn strict_name(name: &str) -> bool {
    const PARTICLES: &[&str] =
        &["van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "y", "du", "bin", "al", "dos", "das", "ter"];
    const NOT_NAMES: &[&str] =
        &["The", "A", "An", "Of", "And", "In", "On", "For", "With", "To", "My", "Our", "Day", "Notes"];
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && looks_like_name(name)
        && !NOT_NAMES.contains(&words[0])
        && words[0].chars().count() > 1
        && words.iter().all(|w| w.chars().next().is_some_and(capital) || PARTICLES.contains(&w.to_lowercase().as_str()))
}

fn email_of(l: &RawLink) -> Option<String> {
    if l.email {
        return Some(l.url.trim_start_matches("mailto:").to_owned());
    }
    (l.url.starts_with("mailto:") && EMAIL.is_match(&l.url)).then(|| email_address(&l.url).to_owned())
}

/// The address in a text that [`EMAIL`] matches: what its first group holds, the text without
/// `mailto:` (which the address itself cannot start with, having no `:`).
fn email_address(matched: &str) -> &str {
    matched.strip_prefix("mailto:").unwrap_or(matched)
}

fn set_email(speakers: &mut [Speaker], email: String) {
    if let Some(s) = speakers.iter_mut().rev().find(|s| s.email.is_none()) {
        s.email = Some(email);
    }
}

/// What separates two people in a byline (`, `, `, and `, ` & `, ` and `), at the start of a text.
static PEOPLE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*,\s*(?:and\s+|&\s*)?|\s*&\s*|\s+and\s+)").expect("valid regex"));

/// Splits `A, B & C` / `A and B` at the top level (not inside parentheses).
fn split_people(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start, mut i) = (0i32, 0usize, 0usize);
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            // Every separator starts with white space, a comma or an ampersand.
            _ if depth == 0 && (c.is_whitespace() || c == ',' || c == '&') => {
                if let Some(m) = PEOPLE_SEP.find(&s[i..]) {
                    out.push(&s[start..i]);
                    i += m.end();
                    start = i;
                    continue;
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    out.push(&s[start..]);
    out
}

/// Whether AFFILIATION may match: it needs `from`, `at`, `of` or `@` between white space.
fn may_affiliate(piece: &str) -> bool {
    ["from", "at", "of", "@"].iter().any(|w| {
        piece.match_indices(w).any(|(i, _)| {
            piece[..i].chars().next_back().is_some_and(char::is_whitespace)
                && piece[i + w.len()..].chars().next().is_some_and(char::is_whitespace)
        })
    })
}

/// One speaker: `[Name](url)`, `Name (Org)`, `Name (@handle)`, `Name from Org`.
fn speaker(block: &Block, piece: &str, line: u32) -> Option<Speaker> {
    let mut piece = piece.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let mut orgs = Vec::new();
    while let Some((before, inner)) = last_parenthesis(piece) {
        let inner = inner.trim();
        piece = before.trim();
        let is_handle = inner.starts_with('@') && !inner.contains(' ');
        if !is_handle {
            for part in inner.split([',', ';']) {
                if let Some(o) = org_text(block, part.trim(), line) {
                    orgs.push(o);
                }
            }
        }
    }
    if may_affiliate(piece)
        && let Some(c) = AFFILIATION.captures(piece)
        && let Some(o) = org_text(block, &c[2], line)
    {
        let name_part = c.get(1).map_or("", |m| m.as_str());
        if looks_like_name(&block.render(name_part)) {
            orgs.push(o);
            piece = name_part;
        }
    }
    let marks: Vec<&RawLink> = piece.chars().filter_map(|c| block.link(c)).collect();
    let (name, url) = match marks.as_slice() {
        [l] if piece.chars().filter(|c| !is_mark(*c)).all(char::is_whitespace) => (l.text.clone(), Some(l.url.clone())),
        _ => (super::blocks::collapse(block.render(piece)), None),
    };
    let url = url.filter(|u| !u.starts_with("mailto:"));
    looks_like_name(&name).then_some(Speaker { name, url, orgs, email: None, line })
}

/// `Name (Org)`: what stands before the last parenthesis and what it holds, as
/// `^(.*?)\s*\(([^()]*)\)\s*$` reads them (see `last_parenthesis_by_regex` in the tests).
fn last_parenthesis(piece: &str) -> Option<(&str, &str)> {
    // The closing parenthesis ends the text (before white space), the opening one is the last
    // parenthesis before it, and what precedes it (white space aside) holds no line feed.
    let body = piece.trim_end().strip_suffix(')')?;
    let open = body.rfind(['(', ')']).filter(|&i| body.as_bytes()[i] == b'(')?;
    let before = piece[..open].trim_end();
    (!before.contains('\n')).then(|| (before, &body[open + 1..]))
}

/// An organization named in text: `ClearBoxAI`, `[Codemotion](https://...)`.
fn org_text(block: &Block, text: &str, line: u32) -> Option<Org> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:from|at|@)\s+").expect("valid regex"));
    let text = text.trim();
    // LEAD starts with `f`, `a` or `@` in any case (neither word has a letter that folds to
    // an ASCII one from outside ASCII).
    let lead = text.starts_with(['f', 'F', 'a', 'A', '@']).then(|| LEAD.find(text)).flatten();
    let text = lead.map_or(text, |m| &text[m.end()..]).trim();
    let marks: Vec<&RawLink> = text.chars().filter_map(|c| block.link(c)).collect();
    if let [l] = marks.as_slice()
        && text.chars().filter(|c| !is_mark(*c)).all(char::is_whitespace)
    {
        return Some(Org { name: l.text.clone(), url: Some(l.url.clone()), line: l.line });
    }
    let name = super::blocks::collapse(block.render(text));
    let words = name.split_whitespace().count();
    let ok = (1..=8).contains(&words)
        && name.chars().next().is_some_and(char::is_alphanumeric)
        && !(name.contains('@') && EMAIL.is_match(&name))
        && !name.contains("://");
    ok.then_some(Org { name, url: None, line })
}

/// A person's name: one to six words, the first starting with a letter, no digits or URLs.
pub(crate) fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && words[0].chars().next().is_some_and(char::is_alphabetic)
        && !name.chars().any(|c| c.is_ascii_digit() || matches!(c, '/' | ':' | '@' | '=' | '<' | '>' | '?' | '!'))
        && words.iter().any(|w| w.chars().next().is_some_and(capital))
}

/// A capital letter, or a letter of a script without case (Arabic, Hebrew, CJK, ...), where
/// every name starts like this.
fn capital(c: char) -> bool {
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::super::blocks::{LineIndex, parse as blocks};
    use super::*;
    use proptest::prelude::*;

    /// The first implementation of [`split_people`]: the separator tried at every character.
    fn split_people_everywhere(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let (mut depth, mut start, mut i) = (0i32, 0usize, 0usize);
        while i < s.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                _ if depth == 0 => {
                    if let Some(m) = PEOPLE_SEP.find(&s[i..]) {
                        out.push(&s[start..i]);
                        i += m.end();
                        start = i;
                        continue;
                    }
                }
                _ => {}
            }
            i += c.len_utf8();
        }
        out.push(&s[start..]);
        out
    }

    proptest! {
        /// Names, separators, parentheses, affiliations, e-mail addresses and odd spaces: the
        /// checks before the expressions never skip a match.
        #[test]
        fn checks_before_expressions_skip_no_match(parts in prop::collection::vec(prop::sample::select(vec![
            "Ada", " Lovelace", " and ", "and", ", ", ",", " & ", "&", "(", ")", "[", "]", " from ", " at ", " of ",
            " @ ", "@", "at", "from", "Acme", " ", "\u{A0}", "\u{2003}", "x@y.example", "mailto:", ".", "\u{E000}",
        ]), 0..12)) {
            let text = parts.concat();
            prop_assert_eq!(split_people(&text), split_people_everywhere(&text), "{:?}", text);
            prop_assert!(!AFFILIATION.is_match(&text) || may_affiliate(&text), "{:?}", text);
            prop_assert!(!EMAIL.is_match(&text) || text.contains('@'), "{:?}", text);
            let group = EMAIL.captures(&text).map(|c| c[1].to_owned());
            prop_assert_eq!(EMAIL.is_match(&text).then(|| email_address(&text).to_owned()), group, "{:?}", text);
        }

        /// Names, parentheses, handles, organizations and white space of every kind (with line
        /// feeds): reading the last parenthesis by hand finds what the expression finds.
        #[test]
        fn parenthesis_by_hand_agrees_with_regex(parts in prop::collection::vec(prop::sample::select(vec![
            "Ada", " Lovelace", "(", ")", "((", "))", " (Acme)", "(@ada)", " ", "  ", "\u{A0}", "\u{2003}", "\n", "\r",
            "\t", ",", ";", "Deep Labs, Inc", "é", "\u{E000}", "[", "]", ".",
        ]), 0..10)) {
            let text = parts.concat();
            prop_assert_eq!(last_parenthesis(&text), last_parenthesis_by_regex(&text), "{:?}", text);
        }
    }

    /// The first implementation of [`last_parenthesis`]: the expression.
    fn last_parenthesis_by_regex(piece: &str) -> Option<(&str, &str)> {
        static PAREN: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(.*?)\s*\(([^()]*)\)\s*$").expect("valid regex"));
        let c = PAREN.captures(piece)?;
        Some((c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str())))
    }

    /// (name, url, orgs, email) per speaker, and (kind, url) per material.
    type Want<'a> = (Vec<(&'a str, Option<&'a str>, Vec<&'a str>, Option<&'a str>)>, Vec<(MaterialKind, &'a str)>);

    fn check(text: &str, want: Want<'_>) {
        let b = blocks(text, 0, &LineIndex::new(text), usize::MAX).0;
        let by = parse(&b[0]).unwrap_or_else(|| panic!("no byline in {text:?}"));
        let got: Vec<_> = by
            .speakers
            .iter()
            .map(|s| {
                (
                    s.name.as_str(),
                    s.url.as_deref(),
                    s.orgs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
                    s.email.as_deref(),
                )
            })
            .collect();
        assert_eq!(got, want.0, "{text}");
        let mats: Vec<_> = by.materials.iter().map(|m| (m.kind, m.url.as_str())).collect();
        assert_eq!(mats, want.1, "{text}");
    }

    #[test]
    fn seed_bylines() {
        check(
            "by [Antonio Cuni](https://pyscript.com/@antocuni/) - [slides](https://s.example/)",
            (
                vec![("Antonio Cuni", Some("https://pyscript.com/@antocuni/"), vec![], None)],
                vec![(MaterialKind::Slides, "https://s.example/")],
            ),
        );
        check(
            "by Mara Marzocchi - [Codemotion](https://www.codemotion.com/) - mara.marzocchi@gmail.com",
            (vec![("Mara Marzocchi", None, vec!["Codemotion"], Some("mara.marzocchi@gmail.com"))], vec![]),
        );
        check("by Kristi Perreault", (vec![("Kristi Perreault", None, vec![], None)], vec![]));
    }

    #[test]
    fn several_speakers() {
        check(
            "by Ada Lovelace and Grace Hopper - Navy",
            (vec![("Ada Lovelace", None, vec!["Navy"], None), ("Grace Hopper", None, vec!["Navy"], None)], vec![]),
        );
        check(
            "by A One, [B Two](https://b.example/) & C Three",
            (
                vec![
                    ("A One", None, vec![], None),
                    ("B Two", Some("https://b.example/"), vec![], None),
                    ("C Three", None, vec![], None),
                ],
                vec![],
            ),
        );
        check(
            "**Speakers:** Ana Ruiz (Quantaworks), Li Wei (Deep Labs, Inc)",
            (
                vec![("Ana Ruiz", None, vec!["Quantaworks"], None), ("Li Wei", None, vec!["Deep Labs", "Inc"], None)],
                vec![],
            ),
        );
    }

    #[test]
    fn other_styles() {
        check("**Speaker:** Jo Kim (Acme)", (vec![("Jo Kim", None, vec!["Acme"], None)], vec![]));
        check("Presented by Sam Lee (@samlee)", (vec![("Sam Lee", None, vec![], None)], vec![]));
        check("by Sam Lee from Acme Corp", (vec![("Sam Lee", None, vec!["Acme Corp"], None)], vec![]));
        check(
            "*by Sam Lee — Acme · <sam@acme.example>*",
            (vec![("Sam Lee", None, vec!["Acme"], Some("sam@acme.example"))], vec![]),
        );
        check(
            "by Sam Lee\nSlides: [here](https://deck.example/x)",
            (vec![("Sam Lee", None, vec![], None)], vec![(MaterialKind::Slides, "https://deck.example/x")]),
        );
        check(
            "by Sam Lee - [video](https://v.example/1) - [repo](https://git.example/r)",
            (
                vec![("Sam Lee", None, vec![], None)],
                vec![
                    (MaterialKind::Recording, "https://v.example/1"),
                    (MaterialKind::Repository, "https://git.example/r"),
                ],
            ),
        );
    }

    #[test]
    fn prose_is_not_a_byline() {
        let text = "by the way, this was great";
        let b = blocks(text, 0, &LineIndex::new(text), usize::MAX).0;
        assert!(!is_byline(&b[0].lines[0].text));
    }
}
