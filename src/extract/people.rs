//! Reading people: the machinery every family of conventions shares to turn the part of a line
//! that names speakers into [`Speaker`]s with their organizations.
//!
//! It reads `A and B - Org - a@b.example - [slides](...)`, `A (Org), B (@handle)`,
//! `Name, Staff Engineer at Org`, `Name from Org`, `[Name](https://...) (Org)`,
//! `A & B, Org`, and decides person or organization on evidence ([`super::names`]): where the
//! convention itself says "these are speakers" ([`Strength::Strong`]: after `Speaker:`, in a
//! table's speaker column) a name-shaped text is a person unless something says it is an
//! organization; where it does not ([`Strength::Weak`]: `Title - Name`, a list item), a person
//! needs evidence of its own (a given name first, or an organization of its own).

use super::blocks::{Block, RawLink, collapse, is_mark};
use super::cues::{AFFILIATION_WORDS, PAREN_ROLES};
use super::names::{self, Verdict};
use crate::model::{Material, MaterialKind, Org, Speaker};

/// How much the convention itself says about the people it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// An explicit label or column: name-shaped texts are people unless shown to be organizations.
    Strong,
    /// An explicit label naming several people (`Speakers:`): as [`Strength::Strong`], and a
    /// name-shaped part after a comma is one more person.
    Many,
    /// A word such as `by` or `por` before the people, where a title could also have it
    /// (`Death by a thousand cuts`): a name-shaped text of two to four words is a person.
    Cued,
    /// A position only: people need evidence of their own.
    Weak,
}

/// What a text naming speakers yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct People {
    /// The speakers, in order.
    pub speakers: Vec<Speaker>,
    /// Slides, recordings and repositories linked among them.
    pub materials: Vec<Material>,
    /// Parts that could not be read (for `talkgraph check`).
    pub leftovers: Vec<String>,
    /// Names kept, or taken as organizations, without evidence either way (for `check`).
    pub unsure: Vec<String>,
}

/// Separators between a speaker and the rest of a byline: ` - `, ` – `, ` — `, ` | `, ` · `.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '|' | '·')
}

/// Splits `text` at top-level (outside parentheses and brackets) occurrences of a separator
/// between white space.
fn split_segments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, end) in spaced_separators(text, is_separator) {
        out.push(text[start..i].trim());
        start = end;
    }
    out.push(text[start..].trim());
    out
}

/// The top-level (outside parentheses and brackets) separators of `text` that stand between
/// white space (`Title - Name`, `A | B`), as byte ranges.
pub(crate) fn spaced_separators(text: &str, is_sep: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut prev_space = false;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if depth == 0 && prev_space && is_sep(c) => {
                let end = i + c.len_utf8();
                if text[end..].starts_with(char::is_whitespace) {
                    out.push((i, end));
                }
            }
            _ => {}
        }
        prev_space = c.is_whitespace();
    }
    out
}

/// Splits at top-level commas and semicolons.
fn split_commas(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' | '、' | '，' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Words joining two people: `A and B`, `A & B`, `A y B`, `A et B`, `A und B`, `A e B`.
const AND_WORDS: &[&str] = &["and", "&", "y", "e", "et", "und", "ed", "+"];

/// Splits `A and B & C` at top-level joining words (a leading one, as in `, and C`, is dropped).
fn split_and(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if depth == 0 && (c.is_whitespace() || i == 0) => {
                let from = if i == 0 { 0 } else { i + c.len_utf8() };
                if let Some(w) = AND_WORDS
                    .iter()
                    .find(|w| text[from..].starts_with(**w) && text[from + w.len()..].starts_with(char::is_whitespace))
                {
                    let end = from + w.len();
                    // `e` and `y` are also letters and initials: only before a capitalized word.
                    let lone = matches!(*w, "e" | "y");
                    let next_cap =
                        text[end..].trim_start().chars().next().is_some_and(|c| names::capital(c) || is_mark(c));
                    if !lone || (next_cap && i > 0) {
                        out.push(&text[start..i]);
                        start = end;
                        i = end;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    out.push(&text[start..]);
    out.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Reads a text that names speakers (shadow text of `block`, found on `line`): `None` when the
/// first part names nobody the convention may take.
pub(crate) fn read(block: &Block, text: &str, line: u32, strength: Strength) -> Option<People> {
    // Cheap check first: people start with a capital (or a link, a script without case, a
    // quote or an emphasis); most texts tried (sentences, titles) do not.
    let first = text.trim_start().chars().find(|c| !matches!(c, '*' | '_' | '"' | '“' | '«' | '\''))?;
    if !(names::capital(first) || is_mark(first) || first == '@') {
        return None;
    }
    let starless;
    let text = if text.contains('*') {
        starless = text.replace('*', "");
        starless.as_str()
    } else {
        text
    };
    let narrowed = narrow(text);
    let rest = if narrowed.contains('(') { moderator_in_parenthesis(&narrowed) } else { narrowed.into_owned() };
    let rest = trim_end_punctuation(rest.trim());
    let segments = split_segments(rest);
    let mut out = People::default();
    read_people(block, segments[0], line, strength, &mut out)?;
    let mut orgs: Vec<Org> = Vec::new();
    for seg in &segments[1..] {
        read_segment(block, seg, line, &mut out, &mut orgs);
    }
    for s in &mut out.speakers {
        if s.orgs.is_empty() {
            s.orgs.clone_from(&orgs);
        }
    }
    Some(out)
}

/// `text` with the full-width punctuation of Japanese and Chinese text as its ASCII form
/// (`（所属）` as `(所属)`, `：` as `:`), so that one reading serves both.
pub(crate) fn narrow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.contains(['（', '）', '：', '，', '；', '｜', '＆']) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '，' => ',',
                '；' => ';',
                '｜' => '|',
                '＆' => '&',
                c => c,
            })
            .collect(),
    )
}

/// `A, B (moderated by C)`, `A, B (moderado por C)`: the moderator is one more person, written
/// as such (`A, B; C`).
fn moderator_in_parenthesis(text: &str) -> String {
    let Some((before, inner)) = last_parenthesis(text) else { return text.to_owned() };
    let inner = inner.trim();
    let cue = super::cues::CUE_INDEX
        .starting(inner)
        .iter()
        .copied()
        .filter(|c| c.role == super::cues::Role::Moderator)
        .filter_map(|c| super::tagged::prefix_len(inner, c.word).map(|n| (c, n)))
        .max_by_key(|(c, _)| c.word.len());
    match cue {
        Some((_, n)) => {
            let who = inner[n..].trim_start_matches(':').trim();
            format!("{before}; {who}")
        }
        None => text.to_owned(),
    }
}

/// A segment after the people: links (an e-mail, slides, an organization), an address, a
/// handle, a role with its organization, or an organization.
fn read_segment(block: &Block, seg: &str, line: u32, out: &mut People, orgs: &mut Vec<Org>) {
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
    } else if seg.contains('@') && is_email(seg) {
        set_email(&mut out.speakers, seg.strip_prefix("mailto:").unwrap_or(seg).to_owned());
    } else if seg.starts_with('@') && !seg.contains(' ') {
        // A social handle: nothing to record.
    } else if let Some(org) = role_org(block, seg, line) {
        orgs.extend(org);
    } else if let Some(org) = org_text(block, seg, line) {
        orgs.push(org);
    } else if !seg.is_empty() {
        out.leftovers.push(block.render(seg));
    }
}

/// The people part: `A, B and C`, `A (Org), B`, `A & B, Org`, `A, Staff Engineer at Org`.
///
/// The first part names people as the convention's `strength` allows. After a comma, a part
/// is a person on evidence of its own (a given name, an organization of its own, a profile
/// link); a name-shaped part without evidence is a person in a list of people (the speaker
/// before it, another part joined to it by `and`, or a later part is a person on evidence),
/// and otherwise the organization of the speakers before it (`Name, Org`).
fn read_people(block: &Block, text: &str, line: u32, strength: Strength, out: &mut People) -> Option<()> {
    let pieces = split_commas(text);
    pieces.first()?;
    let parts: Vec<Vec<(&str, Option<Candidate>)>> = pieces
        .iter()
        .map(|piece| split_and(piece).into_iter().map(|p| (p, person(block, p, line))).collect())
        .collect();
    let sure = |c: &Candidate| {
        c.verdict == Verdict::Person || c.own_affiliation || c.speaker.url.as_deref().is_some_and(is_profile_url)
    };
    let org_after = |k: usize| pieces.get(k + 1).is_some_and(|p| names::org_evidence(&block.render(p)));
    // The speakers of the current group (joined by `and`), who share an organization written
    // after them (`A & B, Org`).
    let mut group: Vec<usize> = Vec::new();
    for (k, piece_parts) in parts.iter().enumerate() {
        if k == 0 {
            for (j, (p, c)) in piece_parts.iter().enumerate() {
                match c.as_ref().filter(|c| c.accepted(strength, org_after(k))) {
                    Some(c) => {
                        if c.verdict == Verdict::Unsure {
                            out.unsure.push(c.speaker.name.clone());
                        }
                        group.push(out.speakers.len());
                        out.speakers.push(c.speaker.clone());
                    }
                    None if j == 0 => return None,
                    None => out.leftovers.push(block.render(p)),
                }
            }
            continue;
        }
        let piece = pieces[k];
        // `Fermyon Technologies, Inc.`: a legal form after a comma belongs to the organization
        // before it.
        if is_legal_form(piece)
            && let Some(org) = group.last().and_then(|&i| out.speakers[i].orgs.last()).cloned()
        {
            let joined = format!("{}, {}", org.name, piece.trim());
            for &i in &group {
                if let Some(o) = out.speakers[i].orgs.iter_mut().find(|o| o.name == org.name) {
                    o.name.clone_from(&joined);
                }
            }
            continue;
        }
        // `Staff Engineer at Org`, `CTO of Org`: the organization of the group before it.
        if let Some(orgs) = role_org(block, piece, line) {
            give(out, &group, orgs);
            continue;
        }
        let any_sure_here =
            piece_parts.iter().any(|(_, c)| c.as_ref().is_some_and(|c| sure(c) && c.verdict != Verdict::Org));
        let sure_later = parts[k + 1..]
            .iter()
            .flatten()
            .any(|(_, c)| c.as_ref().is_some_and(|c| c.verdict == Verdict::Person || c.own_affiliation));
        // `A, Org & B, Org`: after a speaker with no organization yet, a name-shaped first part
        // without evidence, joined to a person on evidence, is the organization of the first.
        let org_first = piece_parts.len() > 1
            && group.iter().all(|&i| out.speakers[i].orgs.is_empty())
            && piece_parts[0].1.as_ref().is_some_and(|c| !sure(c) && c.verdict != Verdict::Person)
            && piece_parts[1..].iter().any(|(_, c)| c.as_ref().is_some_and(|c| sure(c) && c.verdict != Verdict::Org));
        let listing = strength == Strength::Many
            || out.speakers.last().is_some_and(|s| !s.orgs.is_empty())
            || sure_later
            || (any_sure_here && piece_parts.len() > 1);
        let is_person = |c: &Candidate| match c.verdict {
            Verdict::Unsure if org_first && std::ptr::eq(c, piece_parts[0].1.as_ref().expect("checked")) => false,
            Verdict::Person => true,
            Verdict::Org => false,
            Verdict::Unsure => {
                sure(c) && names::name_shaped(&c.speaker.name, 2)
                    || listing
                        && names::name_shaped(&c.speaker.name, 2)
                        && c.speaker.name.split_whitespace().count() <= 4
            }
        };
        // No part a person: the whole part is one organization (`Procter & Gamble`).
        if !piece_parts.iter().any(|(_, c)| c.as_ref().is_some_and(is_person)) {
            match org_text(block, piece, line).or_else(|| brand(block, piece, line)) {
                Some(org) => {
                    if names::verdict(&org.name) == Verdict::Unsure {
                        out.unsure.push(org.name.clone());
                    }
                    give(out, &group, vec![org]);
                }
                None => out.leftovers.push(block.render(piece)),
            }
            continue;
        }
        // Each part a person (a new group) or an organization of the group before it
        // (`A, Red Hat & B, Cloudflare`).
        let mut new_group = true;
        for (p, c) in piece_parts {
            match c.as_ref().filter(|c| is_person(c)) {
                Some(c) => {
                    if new_group {
                        group.clear();
                        new_group = false;
                    }
                    if c.verdict == Verdict::Unsure && !sure(c) {
                        out.unsure.push(c.speaker.name.clone());
                    }
                    group.push(out.speakers.len());
                    out.speakers.push(c.speaker.clone());
                }
                None => match org_text(block, p, line).or_else(|| brand(block, p, line)) {
                    Some(org) => {
                        give(out, &group, vec![org]);
                        new_group = true;
                    }
                    None => out.leftovers.push(block.render(p)),
                },
            }
        }
    }
    Some(())
}

/// `text` without the punctuation a sentence ends with, but for the period of an abbreviation
/// that ends it (`Acme Inc.`, `Pixelbase S.L.`).
fn trim_end_punctuation(text: &str) -> &str {
    let t = text.trim_end_matches([',', ';', ':']).trim_end();
    let bare = t.trim_end_matches('.');
    let last = bare.rsplit([' ', ',']).next().unwrap_or(bare);
    if t.ends_with('.') && (is_legal_form(last) || last.contains('.') || last.chars().count() == 1) {
        t
    } else {
        bare.trim_end()
    }
}

/// `Inc`, `Ltd.`, `GmbH`, `S.L.`: a legal form alone.
fn is_legal_form(piece: &str) -> bool {
    const LEGAL: &[&str] = &[
        "inc", "ltd", "llc", "llp", "plc", "gmbh", "ag", "sa", "s.a", "sas", "sarl", "s.l", "sl", "srl", "s.r.l",
        "spa", "s.p.a", "bv", "b.v", "nv", "n.v", "oy", "ab", "kk", "k.k", "corp", "co", "pty ltd", "ltda",
    ];
    LEGAL.contains(&piece.trim().trim_end_matches('.').to_lowercase().as_str())
}

/// Gives `orgs` to the speakers of `group` who have none.
fn give(out: &mut People, group: &[usize], orgs: Vec<Org>) {
    if orgs.is_empty() {
        return;
    }
    let targets: Vec<usize> = group.iter().copied().filter(|&i| out.speakers[i].orgs.is_empty()).collect();
    let targets = if targets.is_empty() { group.last().copied().into_iter().collect() } else { targets };
    for i in targets {
        out.speakers[i].orgs.extend(orgs.iter().cloned());
    }
}

/// `Staff Engineer at Org`, `CTO @ Org`, `Principal Engineer, Org` (the role alone: no
/// organization), `PhD student`: `Some` when `text` is a job title, with the organization it
/// names, if any.
fn role_org(block: &Block, text: &str, line: u32) -> Option<Vec<Org>> {
    let rendered = block.render(text);
    let words: Vec<&str> = rendered.split_whitespace().collect();
    words.first()?;
    // The role runs to a word joining it to an organization: one that only does that first (`at`,
    // `@`, `chez`, `bei`, `presso`, `en`, `na`, `in`, `for`), else one that may join words of the
    // role too (`of`, `de`, `da`, `di`: `jefa de ingeniería en Org`, `CTO of Org`).
    const FIRST: &[&str] = &["at", "@", "chez", "bei", "presso", "en", "na", "in", "for", "bij"];
    const THEN: &[&str] = &["of", "de", "da", "do", "di", "von"];
    let joiner =
        |set: &[&str]| words.iter().skip(1).position(|w| set.contains(&w.to_lowercase().as_str())).map(|i| i + 1);
    let at = joiner(FIRST).or_else(|| joiner(THEN));
    let role = &words[..at.unwrap_or(words.len())];
    // A role starts with a role word (`CTO`, `the lead of`), or is a few words holding one
    // (`Site Reliability Engineer`); it is no name (`Name at Org` is read as a person elsewhere).
    let starts = names::is_role_word(role[0])
        || (role[0].eq_ignore_ascii_case("the") && role.get(1).is_some_and(|w| names::is_role_word(w)));
    let holds = role.len() <= 5
        && role.iter().any(|w| names::is_role_word(w))
        && !role.iter().any(|w| w.contains(['(', ')', '&', ',']));
    if !(starts || holds) || names::verdict(&role.join(" ")) == Verdict::Person {
        return None;
    }
    if let Some(i) = at {
        if i + 1 >= words.len() {
            return None;
        }
        let at = byte_offset_of_word(text, block, i)?;
        return Some(org_text(block, &text[at..], line).into_iter().collect());
    }
    // A role alone, all of its words role words (or small words between them).
    words
        .iter()
        .all(|w| {
            names::is_role_word(w)
                || matches!(w.to_lowercase().as_str(), "of" | "and" | "&" | "the" | "de" | "at" | "del" | "di" | "da")
        })
        .then(Vec::new)
}

/// The byte offset in shadow `text` where its `n`-th word (counted in the rendered text) starts,
/// when no link placeholder stands before it (roles are written without links).
fn byte_offset_of_word(text: &str, block: &Block, n: usize) -> Option<usize> {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if block.link(c).is_some() {
            // A link counts as the word it renders to: fine only if it is the word wanted.
            if count == n && !in_word {
                return Some(i);
            }
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if count == n {
                return Some(i);
            }
            in_word = true;
            count += 1;
        }
    }
    None
}

/// One name: `[Name](url)`, `Name (Org)`, `Name (@handle)`, `Name (Role, Org)`,
/// `Name from Org`, `Name @handle`, with what is known of it.
fn person(block: &Block, piece: &str, line: u32) -> Option<Candidate> {
    let mut piece = trim_end_punctuation(piece.trim());
    // A Japanese honorific (`さん`, `様`) says the name is a person's.
    let honorific = ["さん", "様", "氏", "先生"].iter().any(|h| piece.trim_end().ends_with(h));
    let mut orgs = Vec::new();
    let mut own_affiliation = false;
    while let Some((before, inner)) = last_parenthesis(piece) {
        piece = before.trim();
        let inner = inner.trim();
        if paren_is_role(inner) {
            continue;
        }
        // `Name ([video](...)) ([text](/blog/x))`: materials and pages, read with the item's
        // links, not organizations.
        if let Some(l) = single_link(block, inner)
            && (material_kind(&l.text).is_some()
                || l.text.to_lowercase().contains("video")
                || super::mentions::is_generic(&l.text)
                || !crate::text::is_web(&l.url))
        {
            continue;
        }
        for part in split_commas(inner) {
            if is_legal_form(part)
                && let Some(last) = orgs.last_mut()
            {
                let last: &mut Org = last;
                last.name = format!("{}, {}", last.name, part.trim());
                continue;
            }
            if part.starts_with('@') && !part.contains(' ')
                || part.chars().all(|c| c.is_ascii_digit() || ":.-– ".contains(c))
            {
                continue;
            }
            // `（所属: Org）`, `（Org所属）`: Japanese for "of Org".
            let part = part.strip_prefix("所属").map_or(part, |r| r.trim_start_matches([':', ' ']).trim());
            let part = part.strip_suffix("所属").map_or(part, str::trim);
            if let Some(o) = role_org(block, part, line) {
                orgs.extend(o);
                own_affiliation = true;
                continue;
            }
            // `(Dan Callahan - PyPI)` is read by the caller; here a part is an organization.
            if let Some(o) = org_text(block, part, line) {
                orgs.push(o);
                own_affiliation = true;
            }
        }
    }
    // `Name @handle` and `Name <a@b.example>`.
    let mut email = None;
    loop {
        let t = piece.trim_end();
        let Some((before, last)) = t.rsplit_once(char::is_whitespace) else { break };
        if last.starts_with('@') && last.len() > 1 && !last[1..].contains('@') {
            piece = before;
        } else if let Some(l) = single_link(block, last).filter(|l| l.email) {
            email = Some(l.url.trim_start_matches("mailto:").to_owned());
            piece = before;
        } else {
            break;
        }
    }
    // `Pixelflow の Ilaria Moore`: Japanese writes the organization first.
    if let Some((org, name)) = piece.split_once(" の ").or_else(|| {
        piece.split_once('の').filter(|(o, n)| {
            o.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '.')
                && n.trim_start().chars().next().is_some_and(char::is_uppercase)
        })
    }) && let Some(o) = org_text(block, org, line)
    {
        orgs.push(o);
        own_affiliation = true;
        piece = name.trim();
    }
    if let Some((name, org)) = affiliation(block, piece, line) {
        orgs.push(org);
        own_affiliation = true;
        piece = name;
    }
    let (name, url) = match single_link(block, piece) {
        Some(l) if !l.email => (l.text.clone(), Some(l.url.clone()).filter(|u| !u.starts_with("mailto:"))),
        _ => (collapse(block.render(piece)), None),
    };
    let name = names::clean_name(&name).to_owned();
    if name.is_empty() {
        return None;
    }
    let verdict = names::verdict(&name);
    Some(Candidate {
        speaker: Speaker { name, url, orgs, email, line },
        verdict,
        own_affiliation: own_affiliation || honorific,
    })
}

/// A name read from a piece, before the convention's strength decides on it.
#[derive(Debug, Clone)]
struct Candidate {
    speaker: Speaker,
    verdict: Verdict,
    /// It has an organization of its own (`Name (Org)`, `Name from Org`).
    own_affiliation: bool,
}

impl Candidate {
    /// Whether the convention's `strength` takes it as a person; `org_after`: an organization
    /// (on evidence) follows it after a comma (`Xiuying Zhou, Google`).
    fn accepted(&self, strength: Strength, org_after: bool) -> bool {
        let name = self.speaker.name.as_str();
        match (self.verdict, strength) {
            (Verdict::Person, _) => true,
            (Verdict::Org, _) => false,
            (Verdict::Unsure, Strength::Strong | Strength::Many) => {
                names::name_shaped(name, 2)
                    || names::cjk_name(name)
                    || (names::name_shaped(name, 1) && names::is_given_name(name))
            }
            (Verdict::Unsure, Strength::Cued) => names::name_shaped(name, 2) && name.split_whitespace().count() <= 4,
            (Verdict::Unsure, Strength::Weak) => {
                names::name_shaped(name, 2)
                    && (self.own_affiliation || org_after || self.speaker.url.as_deref().is_some_and(is_profile_url))
            }
        }
    }
}

/// Whether a parenthesis after a name says what the person does in the talk, not where they
/// work (`(moderator)`, `(she/her)`, `(remote)`).
fn paren_is_role(inner: &str) -> bool {
    let t = inner.trim().trim_matches('*').to_lowercase();
    PAREN_ROLES.contains(&t.as_str()) || t.split(['/', ',']).all(|p| PAREN_ROLES.contains(&p.trim()))
}

/// `Name from Org`, `Name at Org`, `Name @ Org`, `Name chez Org`, `Name bei Org`; the weaker
/// words (`de`, `da`, `di`, `von`, which also stand inside names) only when the name before
/// them is a person on its own and the text after them is an organization on evidence.
fn affiliation<'a>(block: &Block, piece: &'a str, line: u32) -> Option<(&'a str, Org)> {
    let mut at = 0;
    let words: Vec<(usize, &str)> = piece
        .split_whitespace()
        .map(|w| {
            let i = piece[at..].find(w).map_or(at, |p| at + p);
            at = i + w.len();
            (i, w)
        })
        .collect();
    for (k, &(i, w)) in words.iter().enumerate().skip(1) {
        let lw = w.to_lowercase();
        let Some(&(_, _, strong)) = AFFILIATION_WORDS.iter().find(|(a, _, _)| *a == lw) else { continue };
        if k + 1 >= words.len() {
            return None;
        }
        let name = piece[..i].trim();
        let rest = piece[i + w.len()..].trim();
        let rendered_name = block.render(name);
        let rendered_rest = block.render(rest);
        let name_ok = names::name_shaped(&rendered_name, 1) || single_link(block, name).is_some();
        if !name_ok {
            return None;
        }
        // A weak word joins only written in lower case (`de Google`, not `Van De Ven`).
        if !strong && w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if !strong
            && !(names::verdict(&rendered_name) == Verdict::Person
                && (names::verdict(&rendered_rest) == Verdict::Org || single_link(block, rest).is_some()))
        {
            continue;
        }
        return org_text(block, rest, line).map(|o| (name, o));
    }
    None
}

/// The link a text is made of, if it is one link and nothing else.
fn single_link<'b>(block: &'b Block, text: &str) -> Option<&'b RawLink> {
    let mut marks = text.chars().filter_map(|c| block.link(c));
    let l = marks.next()?;
    (marks.next().is_none() && text.chars().filter(|c| !is_mark(*c)).all(|c| c.is_whitespace() || c == '*'))
        .then_some(l)
}

/// `Name (Org)`: what stands before the last parenthesis and what it holds.
pub(crate) fn last_parenthesis(piece: &str) -> Option<(&str, &str)> {
    let body = piece.trim_end().strip_suffix(')')?;
    let mut depth = 0;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                let before = piece[..i].trim_end();
                return (!before.contains('\n')).then(|| (before, &body[i + 1..]));
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// An organization named in text: `ClearBoxAI`, `[Codemotion](https://...)`, `from Acme`.
pub(crate) fn org_text(block: &Block, text: &str, line: u32) -> Option<Org> {
    let text = trim_end_punctuation(text.trim());
    let lower = text.to_lowercase();
    let text = ["from ", "at ", "@ ", "@", "chez ", "bei ", "presso ", "de ", "en "]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| text[p.len()..].trim_start()))
        .unwrap_or(text);
    if let Some(l) = single_link(block, text) {
        return (!l.email).then(|| Org { name: l.text.clone(), url: Some(l.url.clone()), line: l.line });
    }
    let name = collapse(block.render(text));
    let words = name.split_whitespace().count();
    // A sentence is no organization (`For their work on Documenter.jl`): few lower-case words,
    // and those the small words of names (`University of Bologna`, `Banco de España`).
    const SMALL: &[&str] = &[
        "of", "de", "du", "des", "la", "le", "les", "the", "and", "for", "für", "y", "e", "di", "da", "do", "del",
        "della", "van", "von", "der", "den", "&", "et", "und", "zu", "am", "an", "im",
    ];
    let lower_words = name
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && !SMALL.contains(w) && !names::is_domain(w))
        .count();
    let ok = (1..=8).contains(&words)
        && lower_words == 0
        && name.chars().next().is_some_and(char::is_alphanumeric)
        && name.chars().next().is_some_and(|c| !c.is_lowercase() || names::is_domain(&name))
        && !is_email(&name)
        && !name.contains("://");
    ok.then_some(Org { name, url: None, line })
}

/// An organization written in lower case as one word after a speaker's name and a comma
/// (`Jimmy Zelinskie, authzed`): brands are.
fn brand(block: &Block, text: &str, line: u32) -> Option<Org> {
    let name = collapse(block.render(text.trim()));
    let ok = name.chars().count() >= 3
        && !name.contains(char::is_whitespace)
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && name.chars().any(char::is_alphabetic)
        && !super::cues::AFFILIATION_WORDS.iter().any(|(w, _, _)| *w == name);
    ok.then_some(Org { name, url: None, line })
}

/// Words that name a talk's materials, in every language read: a link beside one of them on a
/// byline's later line is that material (`Folien: [hier](...)`).
pub(crate) const MATERIAL_WORDS: &[&str] = &[
    "slides",
    "slide",
    "video",
    "recording",
    "repo",
    "code",
    "diapositivas",
    "diapos",
    "transparents",
    "folien",
    "lucidi",
    "vídeo",
    "vidéo",
    "grabación",
    "enregistrement",
    "aufzeichnung",
    "registrazione",
    "gravação",
    "スライド",
    "動画",
    "録画",
];

/// The kind of a typed link, from its text (`slides`, `video`, `repo`, ...).
pub(crate) fn material_kind(text: &str) -> Option<MaterialKind> {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    // `le slide`, `die Folien`, `the video`: an article first.
    const ARTICLES: &[&str] = &[
        "the ", "le ", "la ", "les ", "el ", "los ", "las ", "il ", "lo ", "gli ", "o ", "os ", "a ", "as ", "die ",
        "der ", "das ", "my ", "our ",
    ];
    let t = ARTICLES.iter().find_map(|a| t.strip_prefix(a)).map_or(t.clone(), str::to_owned);
    Some(match t.as_str() {
        "slides" | "slide" | "deck" | "slide deck" | "slides pdf" | "presentation" | "slides here" | "diapositivas"
        | "transparents" | "folien" | "lucidi" | "スライド" => MaterialKind::Slides,
        "video" | "recording" | "youtube" | "watch" | "talk video" | "vimeo" | "video_camera" | "video camera"
        | "vídeo" | "vidéo" | "grabación" | "enregistrement" | "aufzeichnung" | "registrazione" | "gravação"
        | "動画" | "録画" => MaterialKind::Recording,
        "repo" | "repository" | "code" | "source" | "source code" | "github" | "github repo" | "demo code" => {
            MaterialKind::Repository
        }
        _ => return None,
    })
}

fn is_email(s: &str) -> bool {
    let s = s.strip_prefix("mailto:").unwrap_or(s);
    let Some((user, host)) = s.split_once('@') else { return false };
    !user.is_empty()
        && user.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
        && host.contains('.')
        && host.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && host.rsplit('.').next().is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
}

fn email_of(l: &RawLink) -> Option<String> {
    if l.email {
        return Some(l.url.trim_start_matches("mailto:").to_owned());
    }
    (l.url.starts_with("mailto:") && is_email(&l.url)).then(|| l.url["mailto:".len()..].to_owned())
}

fn set_email(speakers: &mut [Speaker], email: String) {
    if let Some(s) = speakers.iter_mut().rev().find(|s| s.email.is_none()) {
        s.email = Some(email);
    }
}

/// A profile page: `/people/x`, `/in/x`, `/@x`, `/~x`, a one-segment GitHub or social URL.
pub(crate) fn is_profile_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r).to_lowercase();
    let (host, path) = rest.split_once('/').unwrap_or((&rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    let segs = || path.split(['/', '?', '#']).filter(|s| !s.is_empty());
    segs().any(|s| matches!(s, "people" | "person" | "staff" | "team" | "in" | "users" | "u" | "profile" | "about"))
        || segs().next().is_some_and(|s| s.starts_with('@') || s.starts_with('~'))
        || (matches!(
            host,
            "github.com"
                | "twitter.com"
                | "x.com"
                | "gitlab.com"
                | "linkedin.com"
                | "mastodon.social"
                | "fosstodon.org"
                | "bsky.app"
        ) && segs().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::super::blocks::{LineIndex, parse as blocks};
    use super::*;

    /// (name, orgs) per speaker read from `text` with `strength`.
    fn read_text(text: &str, strength: Strength) -> Option<Vec<(String, Vec<String>)>> {
        let b = blocks(text, 0, &LineIndex::new(text), usize::MAX).0;
        let p = read(&b[0], &b[0].lines[0].text, 1, strength)?;
        Some(p.speakers.into_iter().map(|s| (s.name, s.orgs.into_iter().map(|o| o.name).collect())).collect())
    }

    fn check(text: &str, strength: Strength, want: &[(&str, &[&str])]) {
        let got = read_text(text, strength).unwrap_or_else(|| panic!("nobody in {text:?}"));
        let want: Vec<(String, Vec<String>)> =
            want.iter().map(|(n, o)| (n.to_string(), o.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn people_and_organizations() {
        use Strength::*;
        check("Hanna Lindqvist, Spotify", Strong, &[("Hanna Lindqvist", &["Spotify"])]);
        check("Miguel Ortega, Google", Weak, &[("Miguel Ortega", &["Google"])]);
        check("Li Wei, Sam Lee", Strong, &[("Li Wei", &[]), ("Sam Lee", &[])]);
        check(
            "Ada Lovelace and Grace Hopper - Navy",
            Strong,
            &[("Ada Lovelace", &["Navy"]), ("Grace Hopper", &["Navy"])],
        );
        check(
            "Ana Ruiz (Quantaworks), Li Wei (Deep Labs, Inc)",
            Strong,
            &[("Ana Ruiz", &["Quantaworks"]), ("Li Wei", &["Deep Labs, Inc"])],
        );
        check(
            "Thorsten Hans & Karthik Ganeshram, Fermyon Technologies, Inc.",
            Strong,
            &[
                ("Thorsten Hans", &["Fermyon Technologies, Inc."]),
                ("Karthik Ganeshram", &["Fermyon Technologies, Inc."]),
            ],
        );
        check("Sam Lee, Staff Engineer at Acme Corp", Strong, &[("Sam Lee", &["Acme Corp"])]);
        check("Sam Lee (@samlee)", Strong, &[("Sam Lee", &[])]);
        check("Sam Lee from Acme Corp", Strong, &[("Sam Lee", &["Acme Corp"])]);
        check("Ana Ruiz & Bo Chen, Red Hat", Strong, &[("Ana Ruiz", &["Red Hat"]), ("Bo Chen", &["Red Hat"])]);
        check("María García de Google", Strong, &[("María García", &["Google"])]);
        check("Maria de la Cruz", Strong, &[("Maria de la Cruz", &[])]);
        check("Ana Ruiz (moderator)", Strong, &[("Ana Ruiz", &[])]);
        check("Patrick Viafore.", Strong, &[("Patrick Viafore", &[])]);
        check("Farah Siddiqui, Principal Engineer, Stripe", Strong, &[("Farah Siddiqui", &["Stripe"])]);
        assert_eq!(read_text("the language", Weak), None);
        assert_eq!(read_text("Programming Language", Weak), None);
        assert_eq!(read_text("Spotify", Strong), None);
    }
}
