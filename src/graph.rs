//! The knowledge graph: a petgraph of resolved entities and typed relations, independent of
//! any output format.
//!
//! Nodes are inserted in IRI order and edges in (source, relation, target) order, so node and
//! edge indices, and every walk over them, are the same on every run.

pub use crate::set::SmallSet;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::TalkKind;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// The conference (`schema:Event`).
    Event,
    /// A talk (`schema:Event`, sub-event of the conference).
    Talk,
    /// A person (`schema:Person`).
    Person,
    /// An organization (`schema:Organization`).
    Organization,
    /// A tool or project (`schema:SoftwareApplication`).
    Tool,
    /// A source repository (`schema:SoftwareSourceCode`).
    Repository,
    /// Slides (`schema:PresentationDigitalDocument`).
    Slides,
    /// A recording (`schema:VideoObject`).
    Recording,
    /// A book (`schema:Book`).
    Book,
    /// Any other web page (`schema:WebPage`).
    WebPage,
    /// A concept linked to Wikipedia (`schema:Thing`).
    Concept,
    /// A note: the document everything else was read from (`schema:BlogPosting` when it has
    /// front matter, else `schema:DigitalDocument`).
    Note,
}

impl EntityKind {
    /// All kinds, in declaration order.
    pub const ALL: [EntityKind; 12] = [
        EntityKind::Event,
        EntityKind::Talk,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Tool,
        EntityKind::Repository,
        EntityKind::Slides,
        EntityKind::Recording,
        EntityKind::Book,
        EntityKind::WebPage,
        EntityKind::Concept,
        EntityKind::Note,
    ];

    /// The IRI path segment for this kind (`person`, `tool`, ...).
    pub fn segment(self) -> &'static str {
        match self {
            EntityKind::Event => "event",
            EntityKind::Talk => "talk",
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Tool => "tool",
            EntityKind::Repository => "repository",
            EntityKind::Slides => "slides",
            EntityKind::Recording => "recording",
            EntityKind::Book => "book",
            EntityKind::WebPage => "webpage",
            EntityKind::Concept => "concept",
            EntityKind::Note => "note",
        }
    }

    /// A human label (`Person`, `Web page`, ...).
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Event => "Conference",
            EntityKind::Talk => "Talk",
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Tool => "Tool",
            EntityKind::Repository => "Repository",
            EntityKind::Slides => "Slides",
            EntityKind::Recording => "Recording",
            EntityKind::Book => "Book",
            EntityKind::WebPage => "Web page",
            EntityKind::Concept => "Concept",
            EntityKind::Note => "Note",
        }
    }
}

/// Where a statement came from: a note and a 1-based line (0: the note as a whole).
///
/// The note is an index into [`KnowledgeGraph::note_paths`], which is in path order, so
/// sources sort by path, then line. (Eight bytes: a large corpus holds tens of millions.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// The note's index in [`KnowledgeGraph::note_paths`].
    pub note: u32,
    /// 1-based line.
    pub line: u32,
}

/// A resolved entity: everything the notes said about it, merged.
///
/// Properties are sets: two notes that name a person differently contribute both names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// Its IRI, minted from kind and key (see [`crate::resolve`]).
    pub iri: String,
    /// Names as written.
    pub names: SmallSet<String>,
    /// Links (homepage, tool page, slides URL...), as written.
    pub urls: SmallSet<String>,
    /// Descriptions.
    pub descriptions: SmallSet<String>,
    /// Dates (`YYYY-MM-DD`).
    pub dates: SmallSet<String>,
    /// Talk kinds (talks only).
    pub talk_kinds: SmallSet<TalkKind>,
    /// E-mail addresses (personal data: not exported by default).
    pub emails: SmallSet<String>,
    /// Equivalent resources elsewhere (Wikipedia articles).
    pub same_as: SmallSet<String>,
    /// Where it was found.
    pub sources: SmallSet<Source>,
    /// Language tags a name or description was written with, as (text, BCP 47 tag) pairs. A
    /// text absent here is written without a tag.
    pub languages: SmallSet<(String, String)>,
    /// Texts in `languages` that some note also gave without a known language.
    pub untagged: SmallSet<String>,
    /// Notes only: the path relative to the input root, the SHA-256 of the text, the
    /// publication date or timestamp, the tags, and whether it had front matter.
    pub note: Option<Box<NoteMeta>>,
}

/// What a note entity says about its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteMeta {
    /// Path relative to the input root.
    pub path: String,
    /// SHA-256 of the text, hex.
    pub sha256: String,
    /// `YYYY-MM-DD` or a full timestamp.
    pub published: Option<String>,
    /// Tags.
    pub keywords: SmallSet<String>,
    /// Front matter present (a blog post).
    pub front_matter: bool,
}

impl Entity {
    /// An entity with no properties yet.
    pub fn new(kind: EntityKind, iri: String) -> Self {
        Self {
            kind,
            iri,
            names: SmallSet::new(),
            urls: SmallSet::new(),
            descriptions: SmallSet::new(),
            dates: SmallSet::new(),
            talk_kinds: SmallSet::new(),
            emails: SmallSet::new(),
            same_as: SmallSet::new(),
            sources: SmallSet::new(),
            languages: SmallSet::new(),
            untagged: SmallSet::new(),
            note: None,
        }
    }

    /// Records the language of a name or description (`None`: not known).
    pub fn set_language(&mut self, text: &str, language: Option<&str>) {
        match language {
            Some(l) => {
                self.languages.insert((text.to_owned(), l.to_owned()));
            }
            None => {
                self.untagged.insert(text.to_owned());
            }
        }
    }

    /// The language tags to write `text` with: `[None]` for a plain literal.
    pub fn languages_of(&self, text: &str) -> Vec<Option<&str>> {
        self.languages(text).collect()
    }

    /// [`Entity::languages_of`] without the vector (the writers call it for every name and
    /// description, and the profile showed the allocations).
    pub fn languages(&self, text: &str) -> impl Iterator<Item = Option<&str>> + use<'_> {
        let pairs = self.languages.as_slice();
        let start = pairs.partition_point(|(t, _)| t.as_str() < text);
        let end = start + pairs[start..].iter().take_while(|(t, _)| t == text).count();
        let plain = self.untagged.contains(text) || start == end;
        plain.then_some(None).into_iter().chain(pairs[start..end].iter().map(|(_, tag)| Some(tag.as_str())))
    }

    /// The name to show: the one with most non-ASCII letters (accents kept), then not all in
    /// capitals, then the longest, then the first in order. Falls back to the IRI.
    pub fn label(&self) -> &str {
        self.names
            .iter()
            .max_by(|a, b| {
                let score = |s: &str| {
                    let caps = s.chars().any(char::is_lowercase) || !s.chars().any(char::is_uppercase);
                    (s.chars().filter(|c| !c.is_ascii()).count(), caps, s.chars().count())
                };
                score(a).cmp(&score(b)).then_with(|| b.cmp(a))
            })
            .map_or(self.iri.as_str(), String::as_str)
    }

    /// Adds everything `other` holds.
    pub fn merge(&mut self, other: Entity) {
        self.names.extend(other.names);
        self.urls.extend(other.urls);
        self.descriptions.extend(other.descriptions);
        self.dates.extend(other.dates);
        self.talk_kinds.extend(other.talk_kinds);
        self.emails.extend(other.emails);
        self.same_as.extend(other.same_as);
        self.sources.extend(other.sources);
        self.languages.extend(other.languages);
        self.untagged.extend(other.untagged);
        if self.note.is_none() {
            self.note = other.note;
        }
    }
}

/// A typed relation between two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Talk → conference (`schema:superEvent`; `schema:subEvent` back).
    SuperEvent,
    /// Talk → speaker (`schema:performer`).
    Performer,
    /// Person → organization (`schema:affiliation`).
    Affiliation,
    /// Talk → anything it mentions (`schema:mentions`).
    Mentions,
    /// Talk → a tool or organization named without a link, recognized by name
    /// (`tg:inferredMention`, a sub-property of `schema:mentions`).
    InferredMention,
    /// Talk → its slides or repository (`schema:workFeatured`).
    WorkFeatured,
    /// Talk → its recording (`schema:recordedIn`).
    RecordedIn,
    /// Book → author (`schema:author`).
    Author,
    /// Repository → the tool built from it (`schema:targetProduct`).
    TargetProduct,
    /// Tool → organization that released it (`schema:publisher`).
    Publisher,
    /// Note → the conference it is about (`schema:about`).
    About,
    /// Entity → the entity it shares a URL with under another name (`owl:sameAs`; see
    /// [`crate::resolve::Identities`]).
    SameAs,
}

impl Relation {
    /// A short label (`performer`, `mentions`, ...).
    pub fn label(self) -> &'static str {
        match self {
            Relation::SuperEvent => "part of",
            Relation::Performer => "speaker",
            Relation::Affiliation => "affiliation",
            Relation::Mentions => "mentions",
            Relation::InferredMention => "mentions (inferred)",
            Relation::WorkFeatured => "features",
            Relation::RecordedIn => "recorded in",
            Relation::Author => "author",
            Relation::TargetProduct => "builds",
            Relation::Publisher => "publisher",
            Relation::About => "about",
            Relation::SameAs => "same as",
        }
    }
}

/// An edge: a relation and where it was stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The relation.
    pub relation: Relation,
    /// Where it was found.
    pub sources: SmallSet<Source>,
}

/// Entities and relations, built by [`crate::resolve::Resolver`].
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Entity, Edge>,
    base: String,
    /// The notes' paths, sorted and distinct: what [`Source::note`] indexes.
    notes: Vec<String>,
}

impl KnowledgeGraph {
    /// Builds the graph from the notes' paths (sorted, distinct), entities sorted by IRI and
    /// edges sorted by (source, relation, target) given as indices into `entities`, each taken
    /// as it is added.
    pub(crate) fn from_sorted(
        base: String,
        notes: Vec<String>,
        entities: impl ExactSizeIterator<Item = Entity>,
        edges: impl ExactSizeIterator<Item = (u32, u32, Edge)>,
    ) -> Self {
        let mut graph = DiGraph::with_capacity(entities.len(), edges.len());
        for e in entities {
            graph.add_node(e);
        }
        for (a, b, e) in edges {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), e);
        }
        Self { graph, base, notes }
    }

    /// The paths of the notes the graph was built from, sorted: [`Source::note`] indexes them.
    pub fn note_paths(&self) -> &[String] {
        &self.notes
    }

    /// The path of the note a statement came from.
    pub fn source_path(&self, source: &Source) -> &str {
        &self.notes[source.note as usize]
    }

    /// The base IRI the entity IRIs were minted under.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The underlying petgraph, for graph algorithms.
    pub fn petgraph(&self) -> &DiGraph<Entity, Edge> {
        &self.graph
    }

    /// Entities in IRI order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.graph.node_weights()
    }

    /// Relations as (source, edge, target), ordered by source IRI, relation, target IRI.
    pub fn relations(&self) -> impl Iterator<Item = (&Entity, &Edge, &Entity)> {
        self.graph.raw_edges().iter().map(|e| (&self.graph[e.source()], &e.weight, &self.graph[e.target()]))
    }

    /// The entity with this IRI.
    pub fn find(&self, iri: &str) -> Option<&Entity> {
        let nodes = self.graph.raw_nodes();
        nodes.binary_search_by(|n| n.weight.iri.as_str().cmp(iri)).ok().map(|i| &nodes[i].weight)
    }

    /// Number of entities.
    pub fn entity_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.graph.edge_count()
    }
}
