//! Resolution: entity keys, stable IRIs, and merging the same entity across notes.
//!
//! Every mention gets a key that is a pure function of what the mention says (kind and
//! normalized name, or normalized URL for things that are their URL). The IRI is a pure function
//! of the key, so the same input always gives the same IRIs, and exports of separate folders
//! merge by plain union. Two entities of one kind that share a normalized URL (a person's
//! homepage, a tool's link) but not a key are the same thing under two names: they keep their
//! IRIs and are linked with `owl:sameAs` ([`Identities`]), the one step that looks across notes.
//! So one note's graph never depends on the others, and can be written as soon as it is read.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::graph::{Edge, Entity, EntityKind, KnowledgeGraph, Relation, SmallSet, Source};
use crate::model::{InferredKind, MaterialKind, Mention, Note};
use crate::text::hex::push_hex;
use crate::text::hex::push_percent;
use crate::text::keys::{fold_any, push_title_key};
use crate::text::{is_web, name_key, org_key, person_key, title_key, url_key};

/// Longest slug kept before it is cut (and a hash appended).
const MAX_SLUG: usize = 60;

/// An entity's identity: its kind and its key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityKey {
    /// What it is.
    pub kind: EntityKind,
    /// Normalized name or URL; parts of a composite key (a talk: event, title) are joined by `\u{1f}`.
    pub key: String,
}

/// Collects notes and resolves their entities into a [`KnowledgeGraph`].
///
/// ```
/// use talkgraph::extract::{extract, ExtractOptions};
/// use talkgraph::resolve::Resolver;
/// let a = extract("a.md", "# [TALK] One\nby José Valim\n", &ExtractOptions::default());
/// let b = extract("b.md", "# [TALK] Two\nby Jose Valim\n", &ExtractOptions::default());
/// let mut r = Resolver::new(talkgraph::vocab::DEFAULT_BASE)?;
/// r.add(&a.note);
/// r.add(&b.note);
/// let g = r.finish();
/// let people: Vec<_> = g.entities().filter(|e| e.kind == talkgraph::graph::EntityKind::Person).collect();
/// assert_eq!(people.len(), 1);
/// assert_eq!(people[0].label(), "José Valim");
/// assert_eq!(people[0].iri, "https://talkgraph.example/id/person/jose-valim");
/// # Ok::<_, talkgraph::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Resolver {
    base: String,
    /// Each entity's index in `entities`: the one copy of its key.
    index: FxHashMap<EntityKey, Id>,
    /// Entities, in the order they were met.
    entities: Vec<Entity>,
    /// Relations between entities by index: no key copied per relation.
    edges: FxHashMap<(Id, Relation, Id), SmallSet<Source>>,
    /// The notes' paths, by the index [`Source::note`] holds until [`Resolver::finish`] sorts them.
    notes: Vec<String>,
}

/// An entity's index in a [`Resolver`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Id(u32);

impl Resolver {
    /// A resolver minting IRIs under `base`, which must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self, Error> {
        validate_base(base)?;
        Ok(Self::unchecked(base))
    }

    /// A resolver under a base already checked by [`validate_base`].
    pub(crate) fn unchecked(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            index: FxHashMap::default(),
            entities: Vec::new(),
            edges: FxHashMap::default(),
            notes: Vec::new(),
        }
    }

    /// Adds everything `other` (a resolver with the same base, given other notes) collected:
    /// notes can be resolved in parallel, a resolver per batch, and the batches merged.
    pub fn absorb(&mut self, other: Resolver) {
        if self.entities.is_empty() && self.edges.is_empty() {
            *self = other;
            return;
        }
        // `other`'s notes follow ours.
        let shift = u32::try_from(self.notes.len()).expect("fewer than 4 billion notes");
        self.notes.extend(other.notes);
        let shifted = |sources: &mut SmallSet<Source>| sources.map_in_order(|s| s.note += shift);
        // Where each of `other`'s entities is here.
        let mut moved: Vec<Id> = Vec::with_capacity(other.entities.len());
        for (k, mut e) in keys_by_id(other.index).into_iter().zip(other.entities) {
            shifted(&mut e.sources);
            match self.index.get(&k) {
                Some(&id) => {
                    self.entities[id.0 as usize].merge(e);
                    moved.push(id);
                }
                None => {
                    let id = self.next_id();
                    self.index.insert(k, id);
                    self.entities.push(e);
                    moved.push(id);
                }
            }
        }
        for ((a, rel, b), mut sources) in other.edges {
            shifted(&mut sources);
            let key = (moved[a.0 as usize], rel, moved[b.0 as usize]);
            self.edges.entry(key).or_default().extend(sources);
        }
    }

    /// Adds what one note says.
    pub fn add(&mut self, note: &Note) {
        let id = u32::try_from(self.notes.len()).expect("fewer than 4 billion notes");
        self.notes.push(note.path.clone());
        let src = |line: u32| Source { note: id, line };
        // A text's language: its own words when they make it clear, else the note's.
        let lang = |text: &str| crate::text::lang::detect(text).or(note.language.as_deref());
        // Room for what the note can add, so that the tables grow once (they grew entity by
        // entity: rehashing and moving were 2% of a run resolving one note at a time).
        let room = capacity_for(note);
        self.index.reserve(room);
        self.entities.reserve(room);
        self.edges.reserve(room);
        let doc = self.entity(EntityKind::Note, note.path.clone(), src(0));
        let e = self.get(&doc);
        if let Some(t) = &note.title {
            e.names.insert(t.clone());
            e.set_language(t, lang(t));
        }
        e.note = Some(Box::new(crate::graph::NoteMeta {
            path: note.path.clone(),
            sha256: note.sha256.clone(),
            published: note.date.as_ref().map(|d| d.date_time.clone().unwrap_or_else(|| d.date.clone())),
            keywords: note.tags.iter().cloned().collect(),
            front_matter: note.front_matter,
        }));
        for a in &note.authors {
            let p = self.entity(EntityKind::Person, person_key(a), src(0));
            self.get(&p).names.insert(a.clone());
            self.relate(&doc, Relation::Author, &p, src(0));
        }
        // The event's key, kept for the talks' keys (the index holds the one copy of each key).
        let event_key = note.event.as_ref().map(|(name, _)| name_key(name));
        let event = note.event.as_ref().zip(event_key.as_ref()).map(|((name, line), key)| {
            let k = self.entity(EntityKind::Event, key.clone(), src(*line));
            let e = self.get(&k);
            e.names.insert(name.clone());
            if let Some(d) = &note.date {
                e.dates.insert(d.date.clone());
            }
            k
        });
        if let Some(ev) = &event {
            let line = note.event.as_ref().map_or(0, |(_, l)| *l);
            self.relate(&doc, Relation::About, ev, src(line));
        }
        for talk in &note.talks {
            let event_part = event_key.as_deref().unwrap_or("");
            let mut key = String::with_capacity(event_part.len() + 1 + talk.title.len());
            key.push_str(event_part);
            key.push('\u{1f}');
            push_title_key(&mut key, &talk.title);
            let t = self.entity(EntityKind::Talk, key, src(talk.line));
            let e = self.get(&t);
            e.names.insert(talk.title.clone());
            e.set_language(&talk.title, lang(&talk.title));
            e.talk_kinds.insert(talk.kind);
            if let Some(d) = &note.date {
                e.dates.insert(d.date.clone());
            }
            if let Some(ev) = &event {
                self.relate(&t, Relation::SuperEvent, ev, src(talk.line));
            }
            for s in &talk.speakers {
                let p = self.entity(EntityKind::Person, person_key(&s.name), src(s.line));
                let e = self.get(&p);
                e.names.insert(s.name.clone());
                e.urls.extend(s.url.iter().filter(|u| is_web(u)).cloned());
                e.emails.extend(s.email.iter().cloned());
                self.relate(&t, Relation::Performer, &p, src(s.line));
                for o in &s.orgs {
                    let ok = self.org(o, &src);
                    self.relate(&p, Relation::Affiliation, &ok, src(o.line));
                }
            }
            for m in &talk.materials {
                if !is_web(&m.url) {
                    continue;
                }
                let (kind, rel, label) = match m.kind {
                    MaterialKind::Slides => (EntityKind::Slides, Relation::WorkFeatured, "Slides"),
                    MaterialKind::Recording => (EntityKind::Recording, Relation::RecordedIn, "Recording"),
                    MaterialKind::Repository => (EntityKind::Repository, Relation::WorkFeatured, "Code"),
                };
                let k = self.entity(kind, url_key(&m.url), src(m.line));
                let e = self.get(&k);
                let mut name = String::with_capacity(label.len() + 2 + talk.title.len());
                name.push_str(label);
                name.push_str(": ");
                name.push_str(&talk.title);
                e.names.insert(name);
                e.urls.insert(m.url.clone());
                self.relate(&t, rel, &k, src(m.line));
            }
            for m in &talk.mentions {
                let k = match m {
                    Mention::Tool(tool) => {
                        let k = self.entity(EntityKind::Tool, name_key(&tool.name), src(tool.line));
                        let e = self.get(&k);
                        e.names.insert(tool.name.clone());
                        if is_web(&tool.url) {
                            e.urls.insert(tool.url.clone());
                        }
                        if let Some(d) = &tool.description {
                            e.descriptions.insert(d.clone());
                            e.set_language(d, lang(d));
                        }
                        if let Some(repo) = tool.repository.as_ref().filter(|u| is_web(u)) {
                            let r = self.entity(EntityKind::Repository, url_key(repo), src(tool.line));
                            let e = self.get(&r);
                            e.names.insert(repo_name(repo).unwrap_or_else(|| tool.name.clone()));
                            e.urls.insert(repo.clone());
                            self.relate(&r, Relation::TargetProduct, &k, src(tool.line));
                        }
                        if let Some(o) = &tool.publisher {
                            let ok = self.org(o, &src);
                            self.relate(&k, Relation::Publisher, &ok, src(o.line));
                        }
                        k
                    }
                    Mention::Book(b) => {
                        let k = self.entity(EntityKind::Book, title_key(&b.title), src(b.line));
                        let e = self.get(&k);
                        e.names.insert(b.title.clone());
                        e.set_language(&b.title, lang(&b.title));
                        if let Some(a) = &b.author {
                            let p = self.entity(EntityKind::Person, person_key(a), src(b.line));
                            self.get(&p).names.insert(a.clone());
                            self.relate(&k, Relation::Author, &p, src(b.line));
                        }
                        k
                    }
                    Mention::Person(l) => {
                        let k = self.entity(EntityKind::Person, person_key(&l.text), src(l.line));
                        let e = self.get(&k);
                        e.names.insert(l.text.clone());
                        e.same_as.insert(l.url.clone());
                        k
                    }
                    Mention::Concept(l) => {
                        let k = self.entity(EntityKind::Concept, url_key(&l.url), src(l.line));
                        let e = self.get(&k);
                        e.names.insert(l.text.clone());
                        e.same_as.insert(l.url.clone());
                        k
                    }
                    Mention::Organization(o) => self.org(o, &src),
                    Mention::Page(l) => self.page(&l.text, &l.url, src(l.line)),
                    Mention::Inferred(x) => {
                        let k = match x.kind {
                            InferredKind::Tool => EntityKey { kind: EntityKind::Tool, key: name_key(&x.name) },
                            InferredKind::Organization => {
                                EntityKey { kind: EntityKind::Organization, key: org_key(&x.name) }
                            }
                        };
                        let k = self.entity(k.kind, k.key, src(x.line));
                        self.get(&k).names.insert(x.name.clone());
                        self.relate(&t, Relation::InferredMention, &k, src(x.line));
                        continue;
                    }
                };
                self.relate(&t, Relation::Mentions, &k, src(m_line(m)));
            }
        }
        for l in note.links.iter().filter(|l| is_web(&l.url)) {
            match event.as_ref().zip(event_key.as_ref()) {
                Some((ev, key)) if name_key(&l.text) == *key => {
                    self.get(ev).urls.insert(l.url.clone());
                }
                _ => {
                    self.page(&l.text, &l.url, src(l.line));
                }
            }
        }
    }

    fn org(&mut self, o: &crate::model::Org, src: &impl Fn(u32) -> Source) -> Id {
        let k = self.entity(EntityKind::Organization, org_key(&o.name), src(o.line));
        let e = self.get(&k);
        e.names.insert(o.name.clone());
        e.urls.extend(o.url.iter().filter(|u| is_web(u)).cloned());
        k
    }

    fn page(&mut self, text: &str, url: &str, src: Source) -> Id {
        let k = self.entity(EntityKind::WebPage, url_key(url), src);
        let e = self.get(&k);
        if !text.trim().is_empty() {
            e.names.insert(text.to_owned());
        }
        e.urls.insert(url.to_owned());
        k
    }

    fn next_id(&self) -> Id {
        Id(u32::try_from(self.entities.len()).expect("fewer than 4 billion entities"))
    }

    fn entity(&mut self, kind: EntityKind, key: String, source: Source) -> Id {
        use std::collections::hash_map::Entry;
        // One lookup: the key is hashed once, and cloned only when it is new.
        let id = match self.index.entry(EntityKey { kind, key }) {
            Entry::Occupied(o) => *o.get(),
            Entry::Vacant(v) => {
                let id = Id(u32::try_from(self.entities.len()).expect("fewer than 4 billion entities"));
                self.entities.push(Entity::new(kind, mint(&self.base, v.key())));
                v.insert(id);
                id
            }
        };
        self.entities[id.0 as usize].sources.insert(source);
        id
    }

    fn get(&mut self, id: &Id) -> &mut Entity {
        &mut self.entities[id.0 as usize]
    }

    fn relate(&mut self, a: &Id, rel: Relation, b: &Id, source: Source) {
        if a != b {
            self.edges.entry((*a, rel, *b)).or_default().insert(source);
        }
    }

    /// Builds the graph: one node per key, and an `owl:sameAs` link ([`Relation::SameAs`]) from
    /// each entity to the one it shares a normalized URL with ([`Identities`]).
    pub fn finish(self) -> KnowledgeGraph {
        self.build(true).0
    }

    /// The graph without `owl:sameAs` links, and the URLs that identify its entities: for one
    /// note's graph, whose links are decided with all the notes ([`Identities::links`] over
    /// every note's identities), so that the notes' graphs and the links together are exactly
    /// the merged graph. (A note's own links could differ: in a note naming `foo-lib` and
    /// `foo-1-lib` with one URL, the smallest key of the group is `foo-1-lib`, but across the
    /// notes it may be `foo`.)
    pub fn finish_with_identities(self) -> (KnowledgeGraph, Identities) {
        self.build(false)
    }

    fn build(self, with_links: bool) -> (KnowledgeGraph, Identities) {
        // Memory: the merged graph of a large corpus is the biggest thing a run holds, so no
        // step here keeps two copies of the entities or of the edges beside the graph's own.
        let Resolver { base, index, mut entities, mut edges, notes } = self;
        let keys = keys_by_id(index);
        let (paths, renumber) = in_path_order(notes);
        if renumber.iter().enumerate().any(|(i, &n)| n as usize != i) {
            let renumbered = |s: &mut SmallSet<Source>| {
                *s = s.iter().map(|x| Source { note: renumber[x.note as usize], ..*x }).collect()
            };
            entities.iter_mut().for_each(|e| renumbered(&mut e.sources));
            edges.values_mut().for_each(renumbered);
        }
        // Entities in IRI order; `rank[id]` is where entity `id` ends up. Every IRI starts with
        // the base: the comparisons skip it.
        let mut order: Vec<u32> = (0..entities.len() as u32).collect();
        let after_base = |i: u32| &entities[i as usize].iri.as_bytes()[base.len()..];
        order.sort_unstable_by(|&a, &b| after_base(a).cmp(after_base(b)));
        let mut rank = vec![0u32; entities.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        drop(order);
        let mut identities = Identities::default();
        let links: Vec<(u32, u32)> = if with_links {
            for (k, e) in keys.iter().zip(&entities) {
                identities.add(k, e.urls.iter().map(String::as_str));
            }
            let by_key: FxHashMap<&EntityKey, u32> = keys.iter().enumerate().map(|(i, k)| (k, rank[i])).collect();
            identities.links().iter().map(|(member, representative)| (by_key[member], by_key[representative])).collect()
        } else {
            // The keys are not needed any more: they move into the identities.
            for (k, e) in keys.into_iter().zip(&entities) {
                identities.add_key(k, e.urls.iter().map(String::as_str));
            }
            Vec::new()
        };
        let mut edges: Vec<(u32, Relation, u32, SmallSet<Source>)> = edges
            .into_iter()
            .map(|((a, rel, b), sources)| (rank[a.0 as usize], rel, rank[b.0 as usize], sources))
            .chain(links.into_iter().map(|(a, b)| (a, Relation::SameAs, b, SmallSet::new())))
            .collect();
        edges.sort_unstable_by_key(|&(a, rel, b, _)| (a, rel, b));
        // Entity `i` goes to `rank[i]`: swap each into place (no second sort, no copy).
        for i in 0..entities.len() {
            while rank[i] as usize != i {
                let j = rank[i] as usize;
                entities.swap(i, j);
                rank.swap(i, j);
            }
        }
        let graph = KnowledgeGraph::from_sorted(
            base,
            paths,
            entities.into_iter(),
            edges.into_iter().map(|(a, relation, b, sources)| (a, b, Edge { relation, sources })),
        );
        (graph, identities)
    }
}

/// The keys of `index`, by id: entity `i`'s key is the `i`th.
fn keys_by_id(index: FxHashMap<EntityKey, Id>) -> Vec<EntityKey> {
    let mut keys: Vec<Option<EntityKey>> = Vec::new();
    keys.resize_with(index.len(), || None);
    for (k, id) in index {
        keys[id.0 as usize] = Some(k);
    }
    keys.into_iter().map(|k| k.expect("ids are 0..len")).collect()
}

/// How many entities (and relations) `note` can add, about: every item one, a mention two (a
/// tool's repository and publisher, a book's author).
fn capacity_for(note: &Note) -> usize {
    let talks: usize = note
        .talks
        .iter()
        .map(|t| {
            1 + t.speakers.iter().map(|s| 1 + s.orgs.len()).sum::<usize>() + t.materials.len() + 2 * t.mentions.len()
        })
        .sum();
    2 + note.authors.len() + note.links.len() + talks
}

/// The distinct paths of `notes` (indexed by the order notes were added), sorted, and the
/// number each added note gets in them.
fn in_path_order(mut notes: Vec<String>) -> (Vec<String>, Vec<u32>) {
    let mut by_path: Vec<u32> = (0..notes.len() as u32).collect();
    by_path.sort_by(|&a, &b| notes[a as usize].cmp(&notes[b as usize]));
    let mut renumber = vec![0u32; notes.len()];
    let mut paths: Vec<String> = Vec::with_capacity(notes.len());
    for &i in &by_path {
        let path = std::mem::take(&mut notes[i as usize]);
        if paths.last() != Some(&path) {
            paths.push(path);
        }
        renumber[i as usize] = paths.len() as u32 - 1;
    }
    (paths, renumber)
}

/// Identity by URL: people, organizations and tools of one kind whose normalized URLs
/// ([`url_key`]) meet are the same entity, said with `owl:sameAs`. Their IRIs stay a pure
/// function of each mention's key, so every note's graph can be written on its own; the links
/// are what looks across notes, and take memory in the number of such entities only.
///
/// ```
/// use talkgraph::graph::EntityKind;
/// use talkgraph::resolve::{EntityKey, Identities};
/// let key = |k: &str| EntityKey { kind: EntityKind::Tool, key: k.to_owned() };
/// let mut ids = Identities::default();
/// ids.add(&key("foo"), ["https://github.com/Acme/Foo"]);
/// ids.add(&key("foo-lib"), ["https://github.com/acme/foo.git"]);
/// assert_eq!(ids.links(), vec![(key("foo-lib"), key("foo"))]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Identities {
    /// Each entity's normalized URLs. A hash map, sorted by key only in [`Identities::links`]:
    /// the stream merges every note's identities into one map, and the profile of a large
    /// corpus showed the ordered map's key comparisons (and a set node per entity) at 3%.
    urls: FxHashMap<EntityKey, SmallSet<String>>,
}

impl Identities {
    /// Records the URLs an entity has (ignored for kinds other than people, organizations and
    /// tools).
    pub fn add<'a>(&mut self, key: &EntityKey, urls: impl IntoIterator<Item = &'a str>) {
        self.record(std::borrow::Cow::Borrowed(key), urls);
    }

    /// [`add`](Self::add), with a key it may keep (not copied).
    fn add_key<'a>(&mut self, key: EntityKey, urls: impl IntoIterator<Item = &'a str>) {
        self.record(std::borrow::Cow::Owned(key), urls);
    }

    /// What [`add`](Self::add) and [`add_key`](Self::add_key) do: a borrowed key is copied
    /// only when the entity is new here and has URLs.
    fn record<'a>(&mut self, key: std::borrow::Cow<'_, EntityKey>, urls: impl IntoIterator<Item = &'a str>) {
        if !Self::kept(key.kind) {
            return;
        }
        let mut urls = urls.into_iter().peekable();
        if urls.peek().is_none() {
            return;
        }
        let set = match key {
            std::borrow::Cow::Owned(k) => self.urls.entry(k).or_default(),
            std::borrow::Cow::Borrowed(k) => match self.urls.get_mut(k) {
                Some(s) => s,
                None => self.urls.entry(k.clone()).or_default(),
            },
        };
        for u in urls {
            set.insert(url_key(u));
        }
    }

    /// Whether entities of `kind` are identified by their URLs.
    fn kept(kind: EntityKind) -> bool {
        matches!(kind, EntityKind::Person | EntityKind::Organization | EntityKind::Tool)
    }

    /// Adds everything `other` recorded.
    pub fn extend(&mut self, other: Identities) {
        use std::collections::hash_map::Entry;
        if self.urls.is_empty() {
            *self = other;
            return;
        }
        for (k, urls) in other.urls {
            match self.urls.entry(k) {
                Entry::Occupied(mut o) => o.get_mut().extend(urls),
                Entry::Vacant(v) => {
                    v.insert(urls);
                }
            }
        }
    }

    /// [`links`](Self::links) as IRIs minted under `base`.
    pub fn link_iris(&self, base: &str) -> Vec<(String, String)> {
        self.links().iter().map(|(a, b)| (mint(base, a), mint(base, b))).collect()
    }

    /// (entity, representative) for every entity that shares a URL with a smaller key of its
    /// kind; the representative is the smallest key of the group. Sorted.
    pub fn links(&self) -> Vec<(EntityKey, EntityKey)> {
        let mut entries: Vec<(&EntityKey, &SmallSet<String>)> = self.urls.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let keys: Vec<&EntityKey> = entries.iter().map(|(k, _)| *k).collect();
        let mut parent: Vec<usize> = (0..keys.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut by_url: BTreeMap<(EntityKind, &str), usize> = BTreeMap::new();
        for (i, (k, urls)) in entries.iter().enumerate() {
            for u in urls.iter() {
                match by_url.entry((k.kind, u.as_str())) {
                    std::collections::btree_map::Entry::Vacant(v) => {
                        v.insert(i);
                    }
                    std::collections::btree_map::Entry::Occupied(o) => {
                        // Two people who share a URL (a company site) are one person only if
                        // their surnames agree: `Ada Lovelace` = `A. Lovelace`, not `John Smith`.
                        if k.kind == EntityKind::Person && !same_surname(&keys[*o.get()].key, &k.key) {
                            continue;
                        }
                        let (a, b) = (root(&mut parent, *o.get()), root(&mut parent, i));
                        let (lo, hi) = (a.min(b), a.max(b));
                        parent[hi] = lo;
                    }
                }
            }
        }
        (0..keys.len())
            .filter_map(|i| {
                let r = root(&mut parent, i);
                (r != i).then(|| (keys[i].clone(), keys[r].clone()))
            })
            .collect()
    }
}

/// Whether two person keys end with the same word (a one-word key matches any).
fn same_surname(a: &str, b: &str) -> bool {
    let (la, lb) = (a.rsplit(' ').next().unwrap_or(a), b.rsplit(' ').next().unwrap_or(b));
    la == lb || !a.contains(' ') || !b.contains(' ')
}

fn m_line(m: &Mention) -> u32 {
    match m {
        Mention::Tool(t) => t.line,
        Mention::Book(b) => b.line,
        Mention::Person(l) | Mention::Concept(l) | Mention::Page(l) => l.line,
        Mention::Organization(o) => o.line,
        Mention::Inferred(x) => x.line,
    }
}

/// Checks that `base` can prefix minted IRIs: an absolute IRI ending in `/`, `#` or `:`.
pub fn validate_base(base: &str) -> Result<(), Error> {
    let bad = |reason: &str| Err(Error::InvalidBase { iri: base.to_owned(), reason: reason.to_owned() });
    if oxrdf::NamedNode::new(base).is_err() {
        return bad("not an absolute IRI");
    }
    if !(base.ends_with('/') || base.ends_with('#') || base.ends_with(':')) {
        return bad("it must end with `/`, `#` or `:` so that names can be appended");
    }
    if base.contains(['<', '>', '"', ' ', '{', '}', '|', '\\', '^', '`']) {
        return bad("it contains characters not allowed in IRIs");
    }
    Ok(())
}

/// `owner/repo` of a GitHub-like repository URL.
fn repo_name(url: &str) -> Option<String> {
    let key = url_key(url);
    let mut segs = key.split('/');
    let host = segs.next()?;
    let (owner, repo) = (segs.next()?, segs.next()?);
    matches!(host, "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org")
        .then(|| format!("{owner}/{repo}"))
        .filter(|_| !owner.is_empty() && !repo.is_empty())
}

/// Mints the IRI of an entity: `{base}{kind}/{slug}`.
///
/// The slug is the key itself when the key is plain (lower-case ASCII words, short); otherwise a
/// readable approximation followed by `_` and 16 hex digits of the key's SHA-256, so distinct
/// keys never share an IRI and a plain slug never looks like a hashed one.
pub fn mint(base: &str, key: &EntityKey) -> String {
    if key.kind == EntityKind::Note {
        return note_iri(base, &key.key);
    }
    let segment = key.kind.segment();
    let mut iri = String::with_capacity(base.len() + segment.len() + 1 + key.key.len() + 17);
    iri.push_str(base);
    iri.push_str(segment);
    iri.push('/');
    let start = iri.len();
    if push_plain(&mut iri, &key.key) {
        return iri;
    }
    iri.truncate(start);
    // Each part's slug written in place; an empty one (and its `--`) taken back.
    for part in key.key.split('\u{1f}') {
        let before = iri.len();
        if before > start {
            iri.push_str("--");
        }
        let at = iri.len();
        push_slug(&mut iri, part);
        if iri.len() == at {
            iri.truncate(before);
        }
    }
    let digest = Sha256::new().chain_update(segment).chain_update([0]).chain_update(&key.key).finalize();
    iri.push('_');
    push_hex(&mut iri, &digest[..8]);
    iri
}

/// Appends the slug of a plain key (every part, between `\u{1f}`s, non-empty, at most
/// [`MAX_SLUG`] bytes, of lower-case ASCII letters and digits in words separated by one space):
/// words joined by `-`, parts by `--`. False (with some bytes appended) when the key is not
/// plain. One pass over the key, checking it and copying it a word at a time (was: a byte at a
/// time, which the profile showed as most of `mint`'s own cost).
fn push_plain(iri: &mut String, key: &str) -> bool {
    // The byte before, `\u{1f}` at the start: a part starts as if after a separator.
    let mut prev = 0x1f_u8;
    let mut part_len = 0usize;
    // Where the word being read starts.
    let mut word = 0;
    for (i, &b) in key.as_bytes().iter().enumerate() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => {}
            b' ' | 0x1f if prev == b' ' || prev == 0x1f => return false,
            b' ' | 0x1f => {
                iri.push_str(&key[word..i]);
                word = i + 1;
                if b == 0x1f {
                    iri.push_str("--");
                    prev = b;
                    part_len = 0;
                    continue;
                }
                iri.push('-');
            }
            _ => return false,
        }
        part_len += 1;
        if part_len > MAX_SLUG {
            return false;
        }
        prev = b;
    }
    iri.push_str(&key[word..]);
    prev != b' ' && prev != 0x1f
}

/// The IRI of a note: `{base}note/{path}`, the path relative to the input root kept readable
/// (ASCII letters, digits, `-._~/`) and everything else percent-encoded, so distinct paths
/// never share an IRI.
pub fn note_iri(base: &str, path: &str) -> String {
    let mut iri = format!("{base}note/");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            iri.push(b as char);
        } else {
            push_percent(&mut iri, b);
        }
    }
    iri
}

/// Appends a readable slug of `s` to `out`: ASCII letters and digits kept, other letters
/// percent-encoded, everything else a single `-`; cut at [`MAX_SLUG`] bytes on a boundary.
/// Written in place (was: a folded copy and a slug of it, then copied).
fn push_slug(out: &mut String, s: &str) {
    let start = out.len();
    // Folding ASCII lower-cases it and turns a backquote into `'`, which the slug does to
    // (or drops from) ASCII itself: only other text needs folding first.
    if s.is_ascii() {
        push_ascii_slug(out, s);
        return;
    }
    let folded = fold_any(s);
    let text = folded.as_str();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                push_percent(out, b);
            }
        } else if out.len() > start && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() - start >= MAX_SLUG {
            break;
        }
    }
    while out.len() - start > MAX_SLUG || (out.len() > start && (out.ends_with('-') || out.ends_with('%'))) {
        out.pop();
    }
    // Never cut inside a percent escape.
    if let Some(i) = out[start..].rfind('%')
        && out.len() - start - i < 3
    {
        out.truncate(start + i);
    }
    let kept = out[start..].trim_end_matches('-').len();
    out.truncate(start + kept);
}

/// [`push_slug`] of ASCII text, by bytes: no percent escapes, and at most one `-` to take back
/// (the profile showed the loop by chars, and its look at the last byte written).
fn push_ascii_slug(out: &mut String, s: &str) {
    let start = out.len();
    let mut dash = false;
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
            dash = false;
        } else if out.len() > start && !dash {
            out.push('-');
            dash = true;
        }
        if out.len() - start >= MAX_SLUG {
            break;
        }
    }
    if dash {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::text::fold;

    const BASE: &str = "https://talkgraph.example/id/";

    /// The first implementation of [`slug`], for comparison.
    fn slug_by_formatting(s: &str) -> String {
        let mut out = String::new();
        for c in fold(s).chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
            if out.len() >= MAX_SLUG {
                break;
            }
        }
        while out.len() > MAX_SLUG || out.ends_with('-') || out.ends_with('%') {
            out.pop();
        }
        if let Some(i) = out.rfind('%')
            && out.len() - i < 3
        {
            out.truncate(i);
        }
        out.trim_end_matches('-').to_owned()
    }

    proptest! {
        /// A slug written in place after other text is the slug made on its own.
        #[test]
        fn push_slug_is_what_formatting_gave(
            prefix in "[a-z%-]{0,3}",
            s in prop_oneof!["[ -~]{0,80}", "[a-zA-Z0-9 .+'`%éÉ山ßŁ’\u{301}-]{0,80}", "[a-z]{50,70}[é山 -]{0,4}"],
        ) {
            let mut out = prefix.clone();
            push_slug(&mut out, &s);
            prop_assert_eq!(out, format!("{prefix}{}", slug_by_formatting(&s)));
        }

    }

    /// The first implementation of [`mint`], for comparison.
    fn mint_by_formatting(base: &str, key: &EntityKey) -> String {
        if key.kind == EntityKind::Note {
            return note_iri(base, &key.key);
        }
        let parts: Vec<&str> = key.key.split('\u{1f}').collect();
        let plain = |p: &str| {
            !p.is_empty()
                && p.len() <= MAX_SLUG
                && p.split(' ')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        };
        let mut iri = format!("{base}{}/", key.kind.segment());
        if parts.iter().all(|p| plain(p)) {
            let slugs: Vec<String> = parts.iter().map(|p| p.replace(' ', "-")).collect();
            iri.push_str(&slugs.join("--"));
            return iri;
        }
        let slugs: Vec<String> = parts.iter().map(|p| slug_by_formatting(p)).filter(|s| !s.is_empty()).collect();
        iri.push_str(&slugs.join("--"));
        let digest = Sha256::new().chain_update(key.kind.segment()).chain_update([0]).chain_update(&key.key).finalize();
        iri.push('_');
        for b in &digest[..8] {
            iri.push_str(&format!("{b:02x}"));
        }
        iri
    }

    proptest! {
        /// Keys plain and not: ASCII words, digits, punctuation, accents, other scripts, parts.
        #[test]
        fn mint_is_what_formatting_gave(
            key in prop_oneof![
                "[a-z0-9 .+'é山\u{1f}-]{0,80}",
                "[a-z0-9]{1,8}( [a-z0-9]{1,8}){0,4}(\u{1f}[a-z0-9]{1,8}( [a-z0-9]{1,8}){0,3})?",
                "[a-z0-9 \u{1f}]{0,70}",
                "[a-z]{55,65}(\u{1f}[a-z ]{0,3})?",
            ],
            kind in 0usize..EntityKind::ALL.len(),
        ) {
            let key = EntityKey { kind: EntityKind::ALL[kind], key };
            prop_assert_eq!(mint(BASE, &key), mint_by_formatting(BASE, &key));
        }
    }

    fn iri(kind: EntityKind, key: &str) -> String {
        mint(BASE, &EntityKey { kind, key: key.to_owned() })
    }

    #[test]
    fn iris_are_readable_and_distinct() {
        assert_eq!(iri(EntityKind::Person, "antonio cuni"), format!("{BASE}person/antonio-cuni"));
        assert_eq!(iri(EntityKind::Organization, "clearboxai"), format!("{BASE}organization/clearboxai"));
        let a = iri(EntityKind::Tool, "pdb++");
        let b = iri(EntityKind::Tool, "pdb+");
        assert!(a.starts_with(&format!("{BASE}tool/pdb_")), "{a}");
        assert_ne!(a, b);
        assert_ne!(a, iri(EntityKind::Tool, "pdb"));
        assert_eq!(
            iri(EntityKind::Talk, "pycon 2024\u{1f}stay close to the metal"),
            format!("{BASE}talk/pycon-2024--stay-close-to-the-metal")
        );
        let cjk = iri(EntityKind::Person, "山田 太郎");
        assert!(cjk.contains("%E5%B1%B1"), "{cjk}");
        assert!(oxrdf::NamedNode::new(&cjk).is_ok());
        let long = iri(EntityKind::Talk, &format!("x\u{1f}{}", "word ".repeat(30).trim()));
        assert!(long.len() < BASE.len() + 100, "{long}");
    }

    #[test]
    fn bases() {
        assert!(Resolver::new("https://example.org/kg/").is_ok());
        assert!(Resolver::new("urn:x:").is_ok());
        assert!(Resolver::new("not an iri/").is_err());
        assert!(Resolver::new("https://example.org/kg").is_err());
    }
}
