//! Finding the talks of a note: which family of conventions reads which blocks, in what order,
//! and what part of the note each talk takes.
//!
//! 1. Headings: a time ([`super::schedule`]), a kind tag ([`super::tagged`]), speakers in the
//!    heading ([`super::heading_speakers`]), a speaker line under it
//!    ([`super::speaker_lines`]) or labels in its first blocks ([`super::panels`]) make a
//!    heading a talk; it takes its section, to the next heading of its level or higher.
//!    Headings that hold talks of one kind (`Lightning talks`) or name a part of the note
//!    (`Day 2`) are not talks.
//! 2. Untagged headings at a level where most headings are talks become talks too
//!    (`#### Reactive Programming with RxPy` among `#### Title (Speaker)`).
//! 3. Outside talk sections: list items ([`super::list_talks`]), table rows
//!    ([`super::tables`]) and schedule lines ([`super::schedule`]).
//! 4. A note with no talk whose first block is a byline is one talk.

use super::blocks::{Block, BlockKind};
use super::list_talks::Place;
use super::people::People;
use super::{heading_speakers, list_talks, panels, schedule, sections, speaker_lines, tables, tagged};
use crate::model::TalkKind;

/// The part of the note a talk takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Span {
    /// A heading and its section: blocks `heading + 1 .. end`.
    Section { heading: usize, end: usize },
    /// A list item and what continues or is nested in it: blocks `first .. end`.
    Item { first: usize, end: usize },
    /// A table row: its cells.
    Row { cells: Vec<usize> },
    /// One line of a paragraph or list item.
    Line { block: usize, line: usize },
    /// The whole note from this block on (a note that is one talk).
    Note { from: usize },
}

/// A talk found, before its body is mined.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: TalkKind,
    /// The title, rendered (links replaced by their text).
    pub title: String,
    pub line: u32,
    pub people: People,
    /// Blocks that named the speakers (not mined again).
    pub consumed: Vec<usize>,
    pub span: Span,
    /// The conventions that read it (kind, title, speakers).
    pub conventions: Vec<&'static str>,
}

impl Found {
    /// Where it starts, for document order: (block, line within the block).
    fn start(&self) -> (usize, usize) {
        match &self.span {
            Span::Section { heading, .. } => (*heading, 0),
            Span::Item { first, .. } => (*first, 0),
            Span::Row { cells } => (cells.first().copied().unwrap_or(0), 0),
            Span::Line { block, line } => (*block, *line),
            Span::Note { from } => (*from, 0),
        }
    }
}

/// What a heading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadingRole {
    /// Holds talks of one kind.
    Container(TalkKind),
    /// A part of the note (`Day 2`).
    Section,
    /// Anything else (maybe a talk).
    Other,
}

/// The talks of a note, in document order.
pub(crate) fn find(blocks: &[Block], title: Option<&str>) -> Vec<Found> {
    let roles: Vec<HeadingRole> = blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Heading(_) => {
                let plain = b.plain();
                if let Some(k) = tagged::container(&plain) {
                    HeadingRole::Container(k)
                } else if sections::is_section_title(&plain) {
                    HeadingRole::Section
                } else {
                    HeadingRole::Other
                }
            }
            _ => HeadingRole::Other,
        })
        .collect();
    let defaults = default_kinds(blocks, &roles);

    // 1. Headings; then again, with the conventions the note has shown it uses (read on
    // evidence for two talks or more) taking names on their place alone.
    let mut heads: Vec<Option<Found>> =
        (0..blocks.len()).map(|i| detect(blocks, i, roles[i], defaults[i], &[])).collect();
    let shown = established(heads.iter().flatten());
    if !shown.is_empty() {
        for i in 0..blocks.len() {
            if heads[i].is_none() && matches!(blocks[i].kind, BlockKind::Heading(_)) {
                heads[i] = detect(blocks, i, roles[i], defaults[i], &shown);
            }
        }
    }
    // 3 (first, as it decides 2). Talks outside heading talks' sections.
    let mut covered = cover(blocks, &heads);
    let mut others = non_heading(blocks, &covered, &defaults);
    // 2. Promotion among siblings, except headings holding talks of their own.
    promote(blocks, &roles, &defaults, &mut heads, &others);
    covered = cover(blocks, &heads);
    others.retain(|f| match &f.span {
        Span::Item { first, .. } => !covered[*first],
        Span::Row { cells } => cells.iter().all(|&c| !covered[c]),
        Span::Line { block, .. } => !covered[*block],
        _ => true,
    });
    // A talk listed again outside its section (a summary list, a schedule above the notes) is
    // the section's talk.
    let section_titles: Vec<String> = heads.iter().flatten().map(|f| crate::text::title_key(&f.title)).collect();
    others.retain(|f| !section_titles.contains(&crate::text::title_key(&f.title)));
    let mut out: Vec<Found> = heads.into_iter().flatten().chain(others).collect();
    out.sort_by_key(Found::start);
    if out.is_empty()
        && let Some(f) = single_talk(blocks, title)
    {
        out.push(f);
    }
    out
}

/// The conventions that read two talks or more: the ways this note writes its talks.
fn established<'a>(found: impl Iterator<Item = &'a Found>) -> Vec<&'static str> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for f in found {
        for id in &f.conventions {
            match counts.iter_mut().find(|(c, _)| c == id) {
                Some((_, n)) => *n += 1,
                None => counts.push((id, 1)),
            }
        }
    }
    counts.into_iter().filter(|(_, n)| *n >= 2).map(|(c, _)| c).collect()
}

/// The kind of talks under each block: that of the nearest container heading above it.
fn default_kinds(blocks: &[Block], roles: &[HeadingRole]) -> Vec<TalkKind> {
    let mut stack: Vec<(u8, Option<TalkKind>)> = Vec::new();
    let mut out = Vec::with_capacity(blocks.len());
    for (b, role) in blocks.iter().zip(roles) {
        if let BlockKind::Heading(level) = b.kind {
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let here = stack.iter().rev().find_map(|(_, k)| *k).unwrap_or(TalkKind::Talk);
            out.push(here);
            stack.push((level, if let HeadingRole::Container(k) = role { Some(*k) } else { None }));
        } else {
            out.push(stack.iter().rev().find_map(|(_, k)| *k).unwrap_or(TalkKind::Talk));
        }
    }
    out
}

/// Where the section of heading `i` (of `level`) ends.
pub(crate) fn section_end(blocks: &[Block], i: usize, level: u8) -> usize {
    blocks[i + 1..]
        .iter()
        .position(|n| matches!(n.kind, BlockKind::Heading(l) if l <= level))
        .map_or(blocks.len(), |p| i + 1 + p)
}

/// Whether each block lies in the section of a heading talk (the heading included).
fn cover(blocks: &[Block], heads: &[Option<Found>]) -> Vec<bool> {
    let mut covered = vec![false; blocks.len()];
    for f in heads.iter().flatten() {
        if let Span::Section { heading, end } = f.span {
            covered[heading..end].iter_mut().for_each(|c| *c = true);
        }
    }
    covered
}

/// Heading `i` as a talk, if it is one by its own conventions (those in `relaxed` taking
/// names on their place alone).
fn detect(blocks: &[Block], i: usize, role: HeadingRole, default: TalkKind, relaxed: &[&str]) -> Option<Found> {
    let b = &blocks[i];
    let BlockKind::Heading(level) = b.kind else { return None };
    let shadow = sections::heading_shadow(b)?;
    let shadow = shadow.as_str();
    let mut conventions = Vec::new();
    let timed = schedule::after_time(shadow);
    if timed.is_some() {
        conventions.push("schedule.heading");
    }
    let base = &shadow[timed.unwrap_or(0)..];
    let tagged = tagged::read(base);
    let tagged_kind = tagged.as_ref().map(|(k, _, _)| *k);
    if tagged.is_none() && role != HeadingRole::Other {
        return None;
    }
    let tag_title = tagged.as_ref().map(|(_, t, _)| t.clone());
    let untagged_text = tag_title.as_deref().unwrap_or(base);
    let end = section_end(blocks, i, level);
    let below = speaker_lines::read(blocks, i, level, relaxed);
    let below_consumed = below.as_ref().map_or(&[][..], |f| f.consumed.as_slice());
    // Labels in the first blocks of the body (`Panelists: ...`, `**Speaker: Name**` under an
    // abstract): explicit, they win over speakers read in the heading without evidence.
    let body = panels::body_people(&blocks[i + 1..end], i + 1, below_consumed);
    // Speakers in the heading count only where no speaker line is under it: not read otherwise.
    let embedded = if below.is_some() {
        None
    } else {
        heading_speakers::read(b, untagged_text, b.line, timed.is_some(), relaxed)
            .filter(|(_, p, _)| p.leftovers.is_empty())
            .filter(|(_, p, _)| body.is_none() || sure(p))
    };
    let kind_of_plain = || tagged::bare(&b.render(untagged_text)).unwrap_or(default);
    let (kind, title_shadow, mut people, mut consumed) = match (tagged, embedded, below) {
        (Some((kind, title, id)), _, Some(by)) => {
            conventions.extend([id, by.id]);
            (kind, title, by.people, by.consumed)
        }
        (Some((kind, _, id)), Some((title, p, hid)), None) => {
            conventions.extend([id, hid]);
            (kind, title, p, vec![])
        }
        (Some((kind, title, id)), None, None) => {
            conventions.push(id);
            (kind, title, People::default(), vec![])
        }
        (None, _, Some(by)) => {
            conventions.push(by.id);
            (kind_of_plain(), base.to_owned(), by.people, by.consumed)
        }
        (None, Some((title, p, hid)), None) => {
            conventions.push(hid);
            let kind = tagged::bare(&b.render(&title)).unwrap_or(default);
            (kind, title, p, vec![])
        }
        (None, None, None) if body.is_some() => (kind_of_plain(), base.to_owned(), People::default(), vec![]),
        (None, None, None) => {
            // `## Title` over `[Video](...)`: a talk whose speakers the note does not name.
            let materials = speaker_lines::materials_line(blocks.get(i + 1)?)?;
            conventions.push("speaker-line.materials");
            (kind_of_plain(), base.to_owned(), materials, vec![i + 1])
        }
    };
    // Panelists or a moderator named under an untagged heading: a panel.
    let kind = if tagged_kind.is_none()
        && kind == default
        && blocks[i + 1..end.min(i + 7)]
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .any(|b| b.lines.iter().any(|l| panels::names_panel(&l.text)))
    {
        TalkKind::Panel
    } else {
        kind
    };
    if let Some((p, c)) = body {
        let before = people.speakers.len();
        for s in p.speakers {
            let key = crate::text::person_key(&s.name);
            if !people.speakers.iter().any(|o| crate::text::person_key(&o.name) == key) {
                people.speakers.push(s);
            }
        }
        if people.speakers.len() > before {
            conventions.push("panel.labels");
        }
        people.materials.extend(p.materials);
        people.unsure.extend(p.unsure);
        people.leftovers.extend(p.leftovers);
        consumed.extend(c);
    }
    Some(Found {
        kind,
        title: clean_title(&b.render(&title_shadow)),
        line: b.line,
        people,
        consumed,
        span: Span::Section { heading: i, end },
        conventions,
    })
}

/// Whether every person read is one on evidence (a given name, an organization of their own).
fn sure(p: &People) -> bool {
    p.unsure.is_empty()
        && p.speakers
            .iter()
            .all(|s| super::names::verdict(&s.name) == super::names::Verdict::Person || !s.orgs.is_empty())
}

/// A title as kept: trimmed, closing `#`s and one pair of quotes removed.
fn clean_title(s: &str) -> String {
    sections::strip_quotes(s.trim().trim_end_matches('#').trim())
}

/// Untagged headings at a level where most headings are talks become talks
/// (`#### Reactive Programming with RxPy` among `#### Title (Speaker)`), unless they name a
/// part of the note or hold talks of their own.
fn promote(
    blocks: &[Block],
    roles: &[HeadingRole],
    defaults: &[TalkKind],
    heads: &mut [Option<Found>],
    others: &[Found],
) {
    let holds_talks = |i: usize, end: usize| {
        others.iter().any(|f| {
            let (s, _) = f.start();
            s > i && s < end
        })
    };
    for level in 1..=6u8 {
        let at: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].kind == BlockKind::Heading(level)).collect();
        let Some(first_talk) = at.iter().position(|&i| heads[i].is_some()) else { continue };
        let talks = at.iter().filter(|&&i| heads[i].is_some()).count();
        let candidates: Vec<usize> = at[first_talk..]
            .iter()
            .copied()
            .filter(|&i| heads[i].is_none() && roles[i] == HeadingRole::Other)
            .filter(|&i| !holds_talks(i, section_end(blocks, i, level)))
            .collect();
        if talks >= 2 && talks > candidates.len() {
            for i in candidates {
                let b = &blocks[i];
                let Some(shadow) = sections::heading_shadow(b) else { continue };
                let text = &shadow[schedule::after_time(&shadow).unwrap_or(0)..];
                // `Title - OSOR team` among `Title - Speaker` siblings: the title is the left part.
                let title = match text.rsplit_once(" - ") {
                    Some((t, who)) if who.split_whitespace().count() <= 3 && !who.contains('(') => t,
                    _ => text,
                };
                let kind = tagged::bare(&b.render(title)).unwrap_or(defaults[i]);
                heads[i] = Some(Found {
                    kind,
                    title: clean_title(&b.render(title)),
                    line: b.line,
                    people: People::default(),
                    consumed: vec![],
                    span: Span::Section { heading: i, end: section_end(blocks, i, level) },
                    conventions: vec!["heading.sibling"],
                });
            }
        }
    }
}

/// Talks outside heading talks: list items, paragraph lines, table rows, schedule lines; then
/// again with the conventions the note has shown it uses (two talks or more read on evidence)
/// taking names on their place alone.
fn non_heading(blocks: &[Block], covered: &[bool], defaults: &[TalkKind]) -> Vec<Found> {
    let mut out = non_heading_with(blocks, covered, defaults, &[]);
    out.extend(tables_of(blocks, covered, defaults));
    let shown = established(out.iter());
    if !shown.is_empty() {
        // Again over the items and paragraphs that gave no talk (tables do not relax).
        let mut skip = covered.to_vec();
        for f in &out {
            match &f.span {
                Span::Item { first, .. } => skip[*first] = true,
                Span::Row { cells } => cells.iter().for_each(|&c| skip[c] = true),
                _ => {}
            }
        }
        let starts: Vec<(usize, usize)> = out.iter().map(Found::start).collect();
        let again = non_heading_with(blocks, &skip, defaults, &shown);
        out.extend(again.into_iter().filter(|f| !starts.contains(&f.start())));
    }
    out
}

fn non_heading_with(blocks: &[Block], covered: &[bool], defaults: &[TalkKind], relaxed: &[&str]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < blocks.len() {
        let b = &blocks[k];
        if covered[k] {
            k += 1;
            continue;
        }
        match b.kind {
            BlockKind::Item => {
                let end = item_end(blocks, k);
                let joined: String = b.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
                if let Some((kind, title, people, id)) = schedule::read_line(b, &joined, b.line) {
                    let kind = if kind == TalkKind::Talk { defaults[k] } else { kind };
                    out.push(Found {
                        kind,
                        title: clean_title(&title),
                        line: b.line,
                        people,
                        consumed: vec![k],
                        span: Span::Item { first: k, end },
                        conventions: vec![id],
                    });
                } else if let Some((title, people, id)) = list_talks::read(b, relaxed) {
                    let rendered = b.render(&title);
                    let (kind, title) = match tagged::read(&rendered) {
                        Some((kind, t, _)) => (kind, t),
                        None => (defaults[k], clean_title(&rendered)),
                    };
                    if !title.is_empty() {
                        out.push(Found {
                            kind,
                            title,
                            line: b.line,
                            people,
                            consumed: vec![k],
                            span: Span::Item { first: k, end },
                            conventions: vec![id],
                        });
                    }
                }
            }
            BlockKind::Paragraph => {
                for (n, l) in b.lines.iter().enumerate() {
                    let place = if n == 0 { Place::FirstLine } else { Place::Line };
                    let found = schedule::read_line(b, &l.text, l.line).or_else(|| {
                        let (title, people, id) = list_talks::read_line(b, &l.text, l.line, relaxed, place)?;
                        let rendered = b.render(&title);
                        Some(match tagged::read(&rendered) {
                            Some((kind, t, _)) => (kind, t, people, id),
                            None => (TalkKind::Talk, rendered, people, id),
                        })
                    });
                    if let Some((kind, title, people, id)) = found {
                        let kind = if kind == TalkKind::Talk { defaults[k] } else { kind };
                        out.push(Found {
                            kind,
                            title: clean_title(&title),
                            line: l.line,
                            people,
                            consumed: vec![],
                            span: Span::Line { block: k, line: n },
                            conventions: vec![id],
                        });
                    }
                }
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// The talks of the tables of talks outside heading talks.
fn tables_of(blocks: &[Block], covered: &[bool], defaults: &[TalkKind]) -> Vec<Found> {
    tables::read(blocks, |c| defaults[c])
        .into_iter()
        .filter(|r| r.cells.iter().all(|&c| !covered[c]))
        .map(|r| Found {
            kind: r.kind,
            title: r.title,
            line: r.line,
            people: r.people,
            consumed: r.cells.clone(),
            span: Span::Row { cells: r.cells },
            conventions: vec![r.id],
        })
        .collect()
}

/// Where the list item at `k` ends: after the paragraphs that continue it and the items and
/// paragraphs nested in it.
pub(crate) fn item_end(blocks: &[Block], k: usize) -> usize {
    let d = blocks[k].depth;
    let mut j = k + 1;
    while let Some(b) = blocks.get(j) {
        let inside = match b.kind {
            BlockKind::Heading(_) => false,
            BlockKind::Paragraph => b.depth >= d && d > 0,
            _ => b.depth > d,
        };
        if !inside {
            break;
        }
        j += 1;
    }
    j
}

/// A note that is one talk: no talk found, and a byline at the top (under the title).
fn single_talk(blocks: &[Block], title: Option<&str>) -> Option<Found> {
    let j = blocks.iter().position(|b| !matches!(b.kind, BlockKind::Heading(_)))?;
    if j > 1 || (j == 1 && blocks[0].kind != BlockKind::Heading(1)) {
        return None;
    }
    let b = &blocks[j];
    if b.kind != BlockKind::Paragraph {
        return None;
    }
    let (start, _) = speaker_lines::label_at(&b.lines[0].text, None)?;
    let _ = start;
    let mut people = speaker_lines::read_labels(b, &b.lines[0], None)?;
    speaker_lines::later_lines(b, &b.lines[1..], &mut people);
    let title = match j {
        1 => blocks[0].plain(),
        _ => title?.to_owned(),
    };
    Some(Found {
        kind: TalkKind::Talk,
        title: sections::strip_quotes(&title),
        line: blocks.first().map_or(b.line, |h| h.line),
        people,
        consumed: vec![j],
        span: Span::Note { from: j },
        conventions: vec!["speaker-line.by"],
    })
}
