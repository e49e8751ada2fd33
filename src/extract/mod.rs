//! Extraction: one note's text in, a [`Note`] and its diagnostics out. No I/O, never fails.
//!
//! Flow: split front matter ([`front_matter`]), turn the body into text blocks with line
//! numbers (`blocks`), find the talks (`talks`: each family of conventions in the
//! [`catalogue`] is a module that reads one way of writing them, with [`people`](self) and
//! [`names`] deciding who is a person and who an organization), and mine each talk's part of
//! the note for tools, books and links (`mentions`).

mod blocks;
pub mod catalogue;
pub mod cues;
pub mod front_matter;
mod heading_speakers;
mod html_table;
mod infer;
mod list_talks;
mod mentions;
pub mod names;
mod panels;
mod people;
mod schedule;
pub mod sections;
mod speaker_lines;
mod tables;
mod tagged;
mod talks;

use blocks::{Block, BlockKind, LineIndex};
use talks::{Found, Span};

use crate::error::{Diagnostic, Severity};
use crate::model::{Link, Material, MaterialKind, Note, Talk};

pub use infer::{Lexicon, LexiconBuilder};

/// Settings for extraction.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The conference to use when front matter names none (`--event`).
    pub event: Option<String>,
    /// Names to recognize without a link ([`Lexicon::curated`], [`Lexicon::from_notes`]); none
    /// when `None`.
    pub lexicon: Option<std::sync::Arc<Lexicon>>,
    /// Also report what `talkgraph check` reports (empty or broken links, talks without a
    /// speaker, bylines not read completely, a talk twice). Off by default: exporting does not
    /// need it.
    pub lint: bool,
    /// Limits on one note, enforced by [`try_extract`] (and [`crate::input::read`] for the size).
    pub limits: Limits,
}

/// Limits that keep one hostile note from taking the machine down; a note over one is skipped
/// with an error naming the flag that raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes in one note (`--max-note-size`).
    pub max_note_size: u64,
    /// Nesting of lists, list items, block quotes, tables and footnotes (`--max-depth`).
    pub max_depth: usize,
    /// Talks, speakers, organizations, materials, mentions and links in one note
    /// (`--max-entities`).
    pub max_entities: usize,
}

impl Limits {
    /// No limits.
    pub const NONE: Limits = Limits { max_note_size: u64::MAX, max_depth: usize::MAX, max_entities: usize::MAX };
}

impl Default for Limits {
    /// 16 MiB, 64 levels, 100,000 entities: far beyond any real note (the largest real note in
    /// tests/corpus has a few hundred), far below what would exhaust memory.
    fn default() -> Self {
        Limits { max_note_size: crate::input::DEFAULT_MAX_NOTE_SIZE, max_depth: 64, max_entities: 100_000 }
    }
}

/// Which unlinked names of tools and organizations [`extract_all`] recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mentions {
    /// None.
    None,
    /// The curated list in `schema/known-tools.tsv`: the same whatever else is extracted.
    Curated,
    /// The curated list and every tool or organization linked anywhere in the notes given: two
    /// passes, and the result depends on what else is extracted.
    #[default]
    Corpus,
}

/// Extracts a set of notes (name, text) as `talkgraph export` does, recognizing unlinked
/// mentions as `mentions` says. Diagnostics come from the first pass only. (The command line
/// streams instead, [`crate::stream`], reading each file as it goes, with the same result.)
pub fn extract_all(notes: &[(String, String)], options: &ExtractOptions, mentions: Mentions) -> Vec<Extraction> {
    let mut options = options.clone();
    // With `Corpus`, the first pass only learns what the notes link (and reports problems):
    // inferring mentions there would be thrown away, so it runs without a lexicon.
    options.lexicon = match mentions {
        Mentions::None | Mentions::Corpus => None,
        Mentions::Curated => Some(std::sync::Arc::new(Lexicon::curated())),
    };
    // Notes are independent: extract them in parallel (on rayon's current pool), keeping
    // their order, so the result is the same whatever the number of threads.
    use rayon::prelude::*;
    let mut out: Vec<Extraction> = notes.par_iter().map(|(name, text)| extract(name, text, &options)).collect();
    if mentions == Mentions::Corpus {
        options.lexicon = Some(std::sync::Arc::new(Lexicon::from_notes(out.iter().map(|x| &x.note))));
        out.par_iter_mut().zip(notes.par_iter()).for_each(|(x, (name, text))| {
            x.note = extract(name, text, &options).note;
        });
    }
    out
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
    let options = ExtractOptions { limits: Limits::NONE, ..options.clone() };
    try_extract(path, text, &options).unwrap_or_default()
}

/// [`extract`], refusing a note that goes over `options.limits` (nesting depth, entities).
///
/// ```
/// use talkgraph::extract::{try_extract, ExtractOptions, Limits};
/// let options = ExtractOptions { limits: Limits { max_depth: 3, ..Limits::default() }, ..ExtractOptions::default() };
/// let err = try_extract("deep.md", "> > > > deep\n", &options).unwrap_err();
/// assert_eq!(err.to_string(), "deep.md:1: nesting depth 4 is over the limit of 3; raise it with --max-depth to read this note");
/// ```
pub fn try_extract(path: &str, text: &str, options: &ExtractOptions) -> Result<Extraction, crate::Error> {
    let limits = options.limits;
    let sha256 = crate::text::hex::sha256_hex(text.as_bytes());
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // RDF wants literals in Unicode Normalization Form C: `José` typed with a combining accent
    // is the same name as with a precomposed one. Lines stay where they were.
    let normalized: String;
    let text = if is_nfc_quick_yes(text) {
        text
    } else {
        use unicode_normalization::UnicodeNormalization;
        normalized = text.nfc().collect();
        &normalized
    };
    let split = front_matter::split(path, text);
    let index = LineIndex::new(text);
    let (blocks, too_deep) = blocks::parse(text, split.body_start, &index, limits.max_depth);
    if let Some((found, line)) = too_deep {
        return Err(crate::Error::Limit {
            path: path.to_owned(),
            line,
            what: "nesting depth",
            found,
            limit: limits.max_depth,
            flag: "--max-depth",
        });
    }
    let meta = split.meta;
    let mut note = Note {
        path: path.to_owned(),
        sha256,
        front_matter: split.body_start > 0,
        title: meta.title,
        date: meta.date,
        tags: meta.tags,
        authors: meta.authors,
        language: meta.language,
        ..Note::default()
    };
    let first_h1 =
        blocks.iter().find(|b| b.kind == BlockKind::Heading(1)).map(|b| (sections::strip_quotes(&b.plain()), b.line));

    let mut diagnostics = split.diagnostics;
    if text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::lint(path, 0, 0, Severity::Warning, "empty", "empty note: nothing to read".to_owned())
                .with_hint("the note is written as a document with no content"),
        );
    }
    if options.lint {
        lint_links(path, &blocks, &mut diagnostics);
    }
    let found = talks::find(&blocks, note.title.as_deref());
    let lexicon = options.lexicon.as_deref();
    // Which blocks (and which lines of a paragraph) a talk takes; the links of the rest are
    // the note's own.
    let mut taken = vec![false; blocks.len()];
    let mut taken_lines: Vec<(usize, usize)> = Vec::new();
    for f in &found {
        match &f.span {
            Span::Section { heading, end } => taken[*heading..*end].iter_mut().for_each(|t| *t = true),
            Span::Item { first, end } => taken[*first..*end].iter_mut().for_each(|t| *t = true),
            Span::Row { cells } => cells.iter().for_each(|&c| taken[c] = true),
            Span::Line { block, line } => taken_lines.push((*block, *line)),
            Span::Note { .. } => taken.iter_mut().for_each(|t| *t = true),
        }
    }
    for (k, b) in blocks.iter().enumerate() {
        if taken[k] || b.kind == BlockKind::Cell {
            continue;
        }
        if taken_lines.iter().any(|(blk, _)| *blk == k) {
            let lines: Vec<u32> =
                taken_lines.iter().filter(|(blk, _)| *blk == k).map(|(_, n)| b.lines[*n].line).collect();
            note.links.extend(web_links(b).filter(|l| !lines.contains(&l.line)));
        } else {
            note.links.extend(web_links(b));
        }
    }
    for f in &found {
        note.talks.push(build(f, &blocks, lexicon));
        if options.lint {
            lint_found(path, f, &mut diagnostics);
        }
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
        sections::event_from_title(title, year).map(|e| (e, line))
    });
    if options.lint {
        lint_talks(&note, &mut diagnostics);
    }
    let found = note.size();
    if found > limits.max_entities {
        return Err(crate::Error::Limit {
            path: path.to_owned(),
            line: 0,
            what: "entities and mentions",
            found,
            limit: limits.max_entities,
            flag: "--max-entities",
        });
    }
    Ok(Extraction { note, diagnostics })
}

/// Whether the NFC quick check says `text` is normalized, reading only what is not ASCII.
/// ASCII is always allowed and a starter (it resets the check's combining class), so each run
/// of other characters is checked on its own: the same answer as checking every character,
/// without decoding the ASCII (most of a note) one character at a time.
fn is_nfc_quick_yes(text: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII, eight bytes at a time, then byte by byte (at most seven) up to the next other byte.
        i += 8 * b[i..]
            .chunks_exact(8)
            .take_while(|w| u64::from_ne_bytes((*w).try_into().expect("eight bytes")) & HIGH == 0)
            .count();
        while i < b.len() && b[i].is_ascii() {
            i += 1;
        }
        // A run of bytes of 0x80 and over is whole characters: UTF-8 puts no ASCII byte inside one.
        let start = i;
        while i < b.len() && !b[i].is_ascii() {
            i += 1;
        }
        if start < i && is_nfc_quick(text[start..i].chars()) != IsNormalized::Yes {
            return false;
        }
    }
    true
}

/// Links with an empty text or a destination that cannot be a link.
fn lint_links(path: &str, blocks: &[Block], out: &mut Vec<Diagnostic>) {
    for l in blocks.iter().flat_map(|b| &b.links) {
        if l.email {
            continue;
        }
        let finding = |code, message: String, hint| {
            Diagnostic::lint(path, l.line, l.column, Severity::Error, code, message).with_hint(hint)
        };
        if l.text.trim().is_empty() {
            out.push(finding(
                "empty-link-text",
                format!("link to {:?} has no text", l.url),
                "name what the link points at: `[name](url)`",
            ));
        }
        if let Some(problem) = url_problem(&l.url) {
            out.push(finding(
                "broken-url",
                format!("link {:?}: {problem}", l.text),
                "use an absolute `https://` URL, or a relative path to a file that exists",
            ));
        }
    }
}

/// Why a link destination is broken, if it is.
fn url_problem(url: &str) -> Option<&'static str> {
    let u = url.trim();
    if u.is_empty() {
        return Some("the destination is empty");
    }
    if u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("the destination contains white space");
    }
    let scheme = u.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        Some("javascript" | "vbscript" | "data") => Some("scripts and inline data are not links"),
        Some("http" | "https")
            if !u.contains("://")
                || u.split("://").nth(1).is_none_or(|r| r.split('/').next().is_none_or(str::is_empty)) =>
        {
            Some("the URL has no host")
        }
        Some(_) if oxrdf::NamedNode::new(u).is_err() => Some("not a valid URL"),
        _ => None,
    }
}

/// Talk headings without a speaker, and the same talk twice in one note.
fn lint_talks(note: &Note, out: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for t in &note.talks {
        if t.speakers.is_empty() {
            out.push(
                Diagnostic::lint(
                    &note.path,
                    t.line,
                    1,
                    Severity::Warning,
                    "talk-without-speaker",
                    format!("talk {:?} has no speaker", t.title),
                )
                .with_hint("add a byline under the heading: `by Name - Organization`"),
            );
        }
        let key = crate::text::title_key(&t.title);
        match seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::lint(
                    &note.path,
                    t.line,
                    1,
                    Severity::Error,
                    "duplicate-talk",
                    format!("talk {:?} appears twice", t.title),
                )
                .with_hint(format!("it is already at line {first}; merge the two sections")),
            ),
            None => {
                seen.insert(key, t.line);
            }
        }
    }
}

/// The talk `f` found, with its body mined.
fn build(f: &Found, blocks: &[Block], lexicon: Option<&Lexicon>) -> Talk {
    let mut talk = Talk::new(f.title.clone(), f.kind, f.line);
    talk.conventions.clone_from(&f.conventions);
    talk.speakers.clone_from(&f.people.speakers);
    talk.materials.clone_from(&f.people.materials);
    match &f.span {
        Span::Section { heading, end } => {
            let body = heading + 1..*end;
            talk.links.extend(blocks[body.clone()].iter().filter(|b| b.kind != BlockKind::Cell).flat_map(web_links));
            for k in body {
                let b = &blocks[k];
                if f.consumed.contains(&k) || matches!(b.kind, BlockKind::Heading(_)) {
                    continue;
                }
                mine_block(b, &mut talk, lexicon);
            }
        }
        Span::Item { first, end } => {
            for b in &blocks[*first..*end] {
                talk.links.extend(web_links(b));
            }
            materials_of(&blocks[*first], &mut talk);
            // The item itself is mined too (`- **T** by A — uses [Ray](...)`), but for the link
            // that is its title or names its speakers.
            mine_block(&without_title_link(&blocks[*first], f), &mut talk, lexicon);
            for b in &blocks[*first + 1..*end] {
                mine_block(b, &mut talk, lexicon);
            }
        }
        Span::Row { .. } => {}
        Span::Line { block, line } => {
            let b = &blocks[*block];
            let at = b.lines[*line].line;
            talk.links.extend(web_links(b).filter(|l| l.line == at));
            let mut one = without_title_link(&Block { lines: vec![b.lines[*line].clone()], ..b.clone() }, f);
            one.line = at;
            mine_block(&one, &mut talk, lexicon);
        }
        Span::Note { from } => {
            for b in &blocks[*from..] {
                if b.kind != BlockKind::Cell {
                    talk.links.extend(web_links(b));
                }
            }
            for (k, b) in blocks.iter().enumerate().skip(*from) {
                if !f.consumed.contains(&k) && !matches!(b.kind, BlockKind::Heading(_)) {
                    mentions::mine(b, &mut talk.mentions, &mut talk.materials, lexicon);
                }
            }
        }
    }
    dedup_inferred(&mut talk);
    talk
}

/// `b` without the placeholders of the links that are the talk's title or its speakers' pages,
/// so that mining its line does not take them for tools.
fn without_title_link(b: &Block, f: &Found) -> Block {
    let mut out = b.clone();
    let speakers: Vec<&str> = f.people.speakers.iter().filter_map(|s| s.url.as_deref()).collect();
    let title = crate::text::title_key(&f.title);
    for line in &mut out.lines {
        line.text = line
            .text
            .chars()
            .filter(|&c| {
                b.link(c).is_none_or(|l| {
                    // The title's link: its text is the title, or holds it (`[Name - Title](...)`).
                    let text = crate::text::title_key(&l.text);
                    let is_title = !title.is_empty() && text.contains(&title);
                    !is_title && !speakers.contains(&l.url.as_str())
                })
            })
            .collect();
        // The title, the speakers' names and organizations as plain text are not mentions.
        let names = f
            .people
            .speakers
            .iter()
            .flat_map(|s| std::iter::once(s.name.as_str()).chain(s.orgs.iter().map(|o| o.name.as_str())));
        for t in std::iter::once(f.title.as_str()).chain(names) {
            if !t.is_empty()
                && let Some(i) = line.text.find(t)
            {
                line.text.replace_range(i..i + t.len(), " ");
            }
        }
    }
    out
}

/// Mines one block of a talk's body: bare slides, prose affiliations, mentions.
fn mine_block(b: &Block, talk: &mut Talk, lexicon: Option<&Lexicon>) {
    if let Some(m) = mentions::bare_slides(b) {
        talk.materials.push(m);
    }
    if !matches!(b.kind, BlockKind::Cell) {
        mentions::prose_affiliations(b, &mut talk.speakers);
    }
    mentions::mine(b, &mut talk.mentions, &mut talk.materials, lexicon);
}

/// The slides, recordings and repositories a list-item talk links.
fn materials_of(b: &Block, talk: &mut Talk) {
    for l in &b.links {
        let text = l.text.to_lowercase();
        let kind = people::material_kind(&l.text).or_else(|| text.contains("video").then_some(MaterialKind::Recording));
        if let Some(kind) = kind
            && !talk.materials.iter().any(|m| m.url == l.url)
        {
            talk.materials.push(Material { kind, url: l.url.clone(), line: l.line });
        }
    }
}

/// What `talkgraph check` says of a talk found: parts of its speaker line not read, names
/// kept or set aside without evidence.
fn lint_found(path: &str, f: &Found, out: &mut Vec<Diagnostic>) {
    let line = f.people.speakers.first().map_or(f.line, |s| s.line);
    let convention = f.conventions.last().copied().unwrap_or("");
    for part in &f.people.leftovers {
        out.push(
            Diagnostic::lint(
                path,
                line,
                0,
                Severity::Warning,
                "byline-unparsed",
                format!("could not read {part:?} in the speakers of {:?} ({convention})", f.title),
            )
            .with_hint("write `by Name and Name - Organization - e-mail - [slides](url)`"),
        );
    }
    for name in &f.people.unsure {
        out.push(
            Diagnostic::lint(
                path,
                line,
                0,
                Severity::Warning,
                "unsure-name",
                format!("{name:?} could be a person or an organization; read as the convention says ({convention})"),
            )
            .with_hint("write `Name (Organization)`, or add the organization to schema/known-orgs.tsv"),
        );
    }
}

/// Drops inferred mentions of what the talk links anyway, and repeats.
fn dedup_inferred(talk: &mut Talk) {
    use crate::model::{InferredKind, Mention};
    use crate::text::{name_key, org_key};
    // Without a lexicon (the first pass of `--mentions corpus`, `--mentions none`) there is
    // nothing to drop, and the keys of every linked name need not be built.
    if !talk.mentions.iter().any(|m| matches!(m, Mention::Inferred(_))) {
        return;
    }
    let linked: std::collections::HashSet<String> = talk
        .mentions
        .iter()
        .filter_map(|m| match m {
            Mention::Tool(t) => Some(format!("t{}", name_key(&t.name))),
            Mention::Organization(o) => Some(format!("o{}", org_key(&o.name))),
            _ => None,
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    talk.mentions.retain(|m| match m {
        Mention::Inferred(x) => {
            let key = match x.kind {
                InferredKind::Tool => format!("t{}", name_key(&x.name)),
                InferredKind::Organization => format!("o{}", org_key(&x.name)),
            };
            !linked.contains(&key) && seen.insert(key)
        }
        _ => true,
    });
}

fn web_links(b: &Block) -> impl Iterator<Item = Link> + '_ {
    b.links.iter().filter(|l| !l.email && !l.url.is_empty()).map(|l| Link {
        text: l.text.clone(),
        url: l.url.clone(),
        line: l.line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, TalkKind};

    proptest::proptest! {
        /// ASCII, precomposed and decomposed accents, combining marks out of order, Hangul
        /// jamo, characters NFC never keeps (U+0340, U+2126) and ones it may (U+0653): the
        /// run-wise check answers as the check of every character does.
        #[test]
        fn nfc_check_reads_runs_as_the_whole_text(parts in proptest::collection::vec(proptest::sample::select(vec![
            "a", "abcdefgh", "Jose", " ", "\n", "\u{E9}", "e\u{301}", "\u{301}", "\u{323}", "\u{301}\u{323}",
            "\u{323}\u{301}", "\u{1100}", "\u{1161}", "\u{AC00}", "\u{340}", "\u{2126}", "\u{653}", "\u{2014}",
            "\u{2019}", "\u{E000}", "\u{1F600}", "\u{FEFF}",
        ]), 0..16)) {
            let text = parts.concat();
            let every = unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes;
            proptest::prop_assert_eq!(is_nfc_quick_yes(&text), every, "{:?}", text);
        }
    }

    fn note(text: &str) -> Note {
        extract("n.md", text, &ExtractOptions::default()).note
    }

    fn tools(t: &Talk) -> Vec<&str> {
        t.mentions
            .iter()
            .filter_map(|m| match m {
                Mention::Tool(t) => Some(t.name.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_note_whose_title_is_the_talk() {
        let n = note(
            "---\ntitle: \"Fearless refactoring\"\n---\nby Ada Lovelace - Engines\n\nWe used [ripgrep](https://github.com/BurntSushi/ripgrep).\n",
        );
        assert_eq!(n.talks.len(), 1);
        assert_eq!(n.talks[0].title, "Fearless refactoring");
        assert_eq!(n.talks[0].speakers[0].name, "Ada Lovelace");
        assert_eq!(tools(&n.talks[0]), ["ripgrep"]);
    }

    #[test]
    fn tools_in_tables_and_nested_lists() {
        let n = note(
            "## Keynote: Fast things\nby Ada Lovelace\n\n| Tool | Time |\n|---|---|\n| [Polars](https://pola.rs/) | 1.2 |\n\n- Dataframes\n  - [DuckDB](https://duckdb.org/) - in-process SQL\n    - [pandas](https://pandas.pydata.org/)\n",
        );
        assert_eq!(n.talks[0].kind, TalkKind::Keynote);
        assert_eq!(tools(&n.talks[0]), ["Polars", "DuckDB", "pandas"]);
    }

    #[test]
    fn code_html_and_comments_are_never_mined() {
        let n = note(
            "# [TALK] T\nby Ada Lovelace\n\n```\n# [TALK] not a talk\n[x](https://x.example/)\n```\n<!-- [y](https://github.com/y/y) -->\n<div>[z](https://github.com/z/z)</div>\n",
        );
        assert_eq!(n.talks.len(), 1);
        assert!(n.talks[0].mentions.is_empty(), "{:?}", n.talks[0].mentions);
    }

    #[test]
    fn speaker_styles() {
        let n = note(
            "### First\n**Speaker:** Ana Ruiz (Quantaworks)\n\n### Second\nSpeakers: Li Wei, Sam Lee\n\n### Third\nPresented by [Jo Kim](https://github.com/jokim) at Acme\n\n### Fourth\nby Bo Chen (@bochen)\n",
        );
        let got: Vec<(&str, Vec<&str>)> =
            n.talks.iter().map(|t| (t.title.as_str(), t.speakers.iter().map(|s| s.name.as_str()).collect())).collect();
        assert_eq!(
            got,
            [
                ("First", vec!["Ana Ruiz"]),
                ("Second", vec!["Li Wei", "Sam Lee"]),
                ("Third", vec!["Jo Kim"]),
                ("Fourth", vec!["Bo Chen"])
            ]
        );
        assert_eq!(n.talks[2].speakers[0].orgs[0].name, "Acme");
        assert_eq!(n.talks[2].speakers[0].url.as_deref(), Some("https://github.com/jokim"));
        assert!(n.talks[3].speakers[0].orgs.is_empty(), "a handle is not an organization");
    }
}
