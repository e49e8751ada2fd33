//! Extraction: one note's text in, a [`Note`] and its diagnostics out. No I/O, never fails.
//!
//! Flow: split front matter ([`front_matter`]), turn the body into text blocks with line
//! numbers (`blocks`), find talk headings ([`heading`]), read the byline under each
//! (`byline`), and mine the rest of the section for tools, books and links (`mentions`).

mod blocks;
mod byline;
pub mod front_matter;
pub mod heading;
mod mentions;

use blocks::{Block, BlockKind, LineIndex};

use crate::error::Diagnostic;
use crate::model::{Link, Note, Talk, TalkKind};

pub use mentions::is_web;

/// Settings for extraction.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The conference to use when front matter names none (`--event`).
    pub event: Option<String>,
}

/// A note and what could not be read in it.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// What was found.
    pub note: Note,
    /// Problems, each with its line.
    pub diagnostics: Vec<Diagnostic>,
}

/// Extracts everything talkgraph knows about from one note.
///
/// `path` names the note in provenance and diagnostics. A leading byte order mark is skipped.
///
/// ```
/// use talkgraph::extract::{extract, ExtractOptions};
/// let x = extract("n.md", "# [KEYNOTE] Hello\nby Ada Lovelace - Analytical Engines\n", &ExtractOptions::default());
/// let talk = &x.note.talks[0];
/// assert_eq!(talk.title, "Hello");
/// assert_eq!(talk.speakers[0].orgs[0].name, "Analytical Engines");
/// ```
pub fn extract(path: &str, text: &str, options: &ExtractOptions) -> Extraction {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let split = front_matter::split(path, text);
    let index = LineIndex::new(text);
    let blocks = blocks::parse(text, split.body_start, &index);
    let meta = split.meta;
    let mut note = Note {
        path: path.to_owned(),
        title: meta.title,
        date: meta.date,
        tags: meta.tags,
        authors: meta.authors,
        language: meta.language,
        ..Note::default()
    };
    let mut first_h1: Option<(String, u32)> = None;

    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let BlockKind::Heading(level) = b.kind else {
            note.links.extend(web_links(b));
            i += 1;
            continue;
        };
        let text = b.plain();
        let next_is_byline =
            blocks.get(i + 1).is_some_and(|n| n.kind == BlockKind::Paragraph && byline::is_byline(&n.lines[0].text));
        let talk = heading::talk_tag(&text).or_else(|| {
            next_is_byline.then(|| (TalkKind::Talk, heading::strip_quotes(&text))).filter(|(_, t)| !t.is_empty())
        });
        let Some((kind, title)) = talk else {
            if level == 1 && first_h1.is_none() {
                first_h1 = Some((text, b.line));
            }
            note.links.extend(web_links(b));
            i += 1;
            continue;
        };
        // The section runs to the next heading of the same or a higher level.
        let end = blocks[i + 1..]
            .iter()
            .position(|n| matches!(n.kind, BlockKind::Heading(l) if l <= level))
            .map_or(blocks.len(), |p| i + 1 + p);
        note.talks.push(talk_section(kind, title, b.line, &blocks[i + 1..end]));
        i = end;
    }

    if note.title.is_none() {
        note.title = first_h1.as_ref().map(|(t, _)| t.clone());
    }
    let year = note.date.as_ref().map(|d| &d.date[..4]);
    note.event = meta.event.map(|e| (e, 0)).or_else(|| options.event.clone().map(|e| (e, 0))).or_else(|| {
        let (title, line) = match &first_h1 {
            Some((t, l)) if note.title.as_deref() == Some(t.as_str()) => (t.as_str(), *l),
            _ => (note.title.as_deref()?, 0),
        };
        heading::event_from_title(title, year).map(|e| (e, line))
    });
    Extraction { note, diagnostics: split.diagnostics }
}

fn talk_section(kind: TalkKind, title: String, line: u32, body: &[Block]) -> Talk {
    let mut talk = Talk { title, kind, line, speakers: Vec::new(), materials: Vec::new(), mentions: Vec::new() };
    let mut rest = body;
    if let Some(first) = body.first().filter(|b| b.kind == BlockKind::Paragraph)
        && byline::is_byline(&first.lines[0].text)
        && let Some(by) = byline::parse(first)
    {
        talk.speakers = by.speakers;
        talk.materials = by.materials;
        rest = &body[1..];
    }
    for b in rest {
        if !matches!(b.kind, BlockKind::Heading(_)) {
            mentions::mine(b, &mut talk.mentions, &mut talk.materials);
        }
    }
    talk
}

fn web_links(b: &Block) -> impl Iterator<Item = Link> + '_ {
    b.links.iter().filter(|l| !l.email && is_web(&l.url)).map(|l| Link {
        text: l.text.clone(),
        url: l.url.clone(),
        line: l.line,
    })
}
