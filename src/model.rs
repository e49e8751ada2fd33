//! What extraction finds in one note, before resolution: plain data, no I/O, no formats.
//!
//! Every item carries the 1-based line it came from; the note carries its path.

use std::fmt;

/// The kind of a talk, from its heading tag (`[KEYNOTE]`, `Workshop:`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TalkKind {
    /// A keynote.
    Keynote,
    /// A regular talk (also the kind of an untagged talk).
    Talk,
    /// A hands-on workshop.
    Workshop,
    /// A tutorial.
    Tutorial,
    /// A panel discussion.
    Panel,
    /// A lightning talk.
    Lightning,
}

impl TalkKind {
    /// All kinds, in declaration order.
    pub const ALL: [TalkKind; 6] = [
        TalkKind::Keynote,
        TalkKind::Talk,
        TalkKind::Workshop,
        TalkKind::Tutorial,
        TalkKind::Panel,
        TalkKind::Lightning,
    ];

    /// Reads a kind tag such as `KEYNOTE`, `Lightning talk` or `panel` (any case).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let tag = tag.trim().to_ascii_lowercase();
        Some(match tag.as_str() {
            "keynote" => TalkKind::Keynote,
            "talk" => TalkKind::Talk,
            "workshop" => TalkKind::Workshop,
            "tutorial" => TalkKind::Tutorial,
            "panel" => TalkKind::Panel,
            "lightning" | "lightning talk" => TalkKind::Lightning,
            _ => return None,
        })
    }

    /// The lower-case name used in gold files and diagnostics (`keynote`, `lightning`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TalkKind::Keynote => "keynote",
            TalkKind::Talk => "talk",
            TalkKind::Workshop => "workshop",
            TalkKind::Tutorial => "tutorial",
            TalkKind::Panel => "panel",
            TalkKind::Lightning => "lightning",
        }
    }
}

impl fmt::Display for TalkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date from front matter: always a calendar date, and the full timestamp when one was given.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteDate {
    /// `YYYY-MM-DD`, as written (local to the author).
    pub date: String,
    /// `YYYY-MM-DDTHH:MM:SS[.f][Z|±HH:MM]` when the front matter had a time.
    pub date_time: Option<String>,
}

/// A link as written: its text and destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link text, inline markup removed.
    pub text: String,
    /// The destination, as written.
    pub url: String,
    /// 1-based line.
    pub line: u32,
}

/// An organization named in a byline or a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// The name as written.
    pub name: String,
    /// Its link, when it was linked.
    pub url: Option<String>,
    /// 1-based line.
    pub line: u32,
}

/// A speaker from a byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The name as written.
    pub name: String,
    /// The person's own link (homepage or profile), when the name was linked.
    pub url: Option<String>,
    /// Affiliations given in the byline.
    pub orgs: Vec<Org>,
    /// An e-mail address given in the byline. Personal data: exporters omit it by default.
    pub email: Option<String>,
    /// 1-based line.
    pub line: u32,
}

/// What a typed byline link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MaterialKind {
    /// Slides of the talk.
    Slides,
    /// A video or recording of the talk.
    Recording,
    /// A code repository for the talk.
    Repository,
}

/// A typed link of a talk: slides, a recording, a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    /// What it is.
    pub kind: MaterialKind,
    /// Where it is.
    pub url: String,
    /// 1-based line.
    pub line: u32,
}

/// A software tool or project mentioned by a talk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    /// The name as written (the link text).
    pub name: String,
    /// The link of the mention.
    pub url: String,
    /// The text written after it (` - ...`, `(...)`, ` is ...`).
    pub description: Option<String>,
    /// Its source repository, from a generic link such as `[github repo](...)` after it.
    pub repository: Option<String>,
    /// An organization it was released by (`released by [Org](...)`).
    pub publisher: Option<Org>,
    /// 1-based line.
    pub line: u32,
}

/// A book: `NAME's book *TITLE*` or `the book *TITLE* by NAME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    /// The title as written.
    pub title: String,
    /// The author as written.
    pub author: Option<String>,
    /// 1-based line.
    pub line: u32,
}

/// Something a talk's body refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mention {
    /// A linked tool or project.
    Tool(Tool),
    /// A book.
    Book(Book),
    /// A person linked to Wikipedia (the link is kept as `sameAs`).
    Person(Link),
    /// A concept linked to Wikipedia.
    Concept(Link),
    /// An organization (`released by [Org](...)`).
    Organization(Org),
    /// Any other web page.
    Page(Link),
    /// A tool or organization named without a link, recognized from the corpus or the curated
    /// list (`schema/known-tools.tsv`): a guess, marked as inferred in the graph.
    Inferred(Inferred),
}

/// What an unlinked name was recognized as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InferredKind {
    /// A tool or project.
    Tool,
    /// An organization.
    Organization,
}

/// An unlinked mention recognized by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    /// The name as the lexicon has it.
    pub name: String,
    /// Tool or organization.
    pub kind: InferredKind,
    /// 1-based line.
    pub line: u32,
}

/// One talk: a heading with its byline and the section below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Talk {
    /// The title, kind tag removed.
    pub title: String,
    /// The kind, from the tag (`Talk` when untagged).
    pub kind: TalkKind,
    /// Line of the heading.
    pub line: u32,
    /// Speakers from the byline, in order.
    pub speakers: Vec<Speaker>,
    /// Slides, recordings and repositories given for the talk.
    pub materials: Vec<Material>,
    /// What the body mentions, in document order.
    pub mentions: Vec<Mention>,
    /// Every inline link of the section (byline included, tables excluded), in document order.
    pub links: Vec<Link>,
    /// The conventions of the catalogue that read it (`tagged.bracket`, `speaker-line.by`...;
    /// see `docs/CONVENTIONS.md`), for `talkgraph check --talks`.
    pub conventions: Vec<&'static str>,
}

impl Talk {
    /// A talk with its title, kind and heading line, and nothing found yet.
    pub fn new(title: String, kind: TalkKind, line: u32) -> Self {
        Self {
            title,
            kind,
            line,
            speakers: Vec::new(),
            materials: Vec::new(),
            mentions: Vec::new(),
            links: Vec::new(),
            conventions: Vec::new(),
        }
    }
}

/// Everything extracted from one note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Note {
    /// Path of the note, relative to the input root, `/`-separated (`stdin` for standard input).
    pub path: String,
    /// SHA-256 of the note's text (its UTF-8 bytes), lower-case hex.
    pub sha256: String,
    /// Whether the note has front matter (a blog post) or not (a plain document).
    pub front_matter: bool,
    /// Title from front matter, else the first level-1 heading that is not a talk.
    pub title: Option<String>,
    /// Date from front matter.
    pub date: Option<NoteDate>,
    /// Tags from front matter.
    pub tags: Vec<String>,
    /// Authors from front matter.
    pub authors: Vec<String>,
    /// Language from front matter (`lang`, `language`, `locale`), as a BCP 47 tag.
    pub language: Option<String>,
    /// The conference the note is about, with the line it was found on (0: not in the text).
    pub event: Option<(String, u32)>,
    /// The talks, in document order.
    pub talks: Vec<Talk>,
    /// Links outside any talk.
    pub links: Vec<Link>,
}

impl Note {
    /// How many things were found: talks, speakers, affiliations, materials, mentions and links
    /// (what `--max-entities` limits).
    pub fn size(&self) -> usize {
        self.links.len()
            + self.authors.len()
            + self
                .talks
                .iter()
                .map(|t| {
                    1 + t.speakers.iter().map(|s| 1 + s.orgs.len()).sum::<usize>()
                        + t.materials.len()
                        + t.mentions.len()
                        + t.links.len()
                })
                .sum::<usize>()
    }
}
