//! Resolution: entity keys, stable IRIs, and merging the same entity across notes.
//!
//! Every mention gets a key that is a pure function of what the mention says (kind and
//! normalized name, or normalized URL for things that are their URL). The IRI is a pure function
//! of the key, so the same input always gives the same IRIs, and exports of separate folders
//! merge by plain union. Two mentions of one kind that share a normalized URL (a person's
//! homepage, a tool's link) are merged into one node as well; that merge is the one step that
//! looks across notes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxHashMap;

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::Error;
use crate::extract::is_web;
use crate::graph::{Edge, Entity, EntityKind, KnowledgeGraph, Relation, Source};
use crate::model::{InferredKind, MaterialKind, Mention, Note};

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
    entities: FxHashMap<EntityKey, Entity>,
    edges: FxHashMap<(EntityKey, Relation, EntityKey), BTreeSet<Source>>,
    /// IRIs decided by an earlier resolution of a larger set of notes.
    iris: Option<std::sync::Arc<HashMap<EntityKey, String>>>,
}

impl Resolver {
    /// A resolver minting IRIs under `base`, which must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self, Error> {
        validate_base(base)?;
        Ok(Self { base: base.to_owned(), entities: FxHashMap::default(), edges: FxHashMap::default(), iris: None })
    }

    /// A resolver that gives every key the IRI `iris` holds for it (from
    /// [`finish_with_iris`](Self::finish_with_iris) over all the notes), so that one note's
    /// graph uses the IRIs of the merged graph.
    pub fn with_iris(base: &str, iris: std::sync::Arc<HashMap<EntityKey, String>>) -> Result<Self, Error> {
        let mut r = Self::new(base)?;
        r.iris = Some(iris);
        Ok(r)
    }

    /// Adds what one note says.
    pub fn add(&mut self, note: &Note) {
        let path: std::sync::Arc<str> = note.path.as_str().into();
        let src = |line: u32| Source { path: std::sync::Arc::clone(&path), line };
        // A text's language: its own words when they make it clear, else the note's.
        let lang = |text: &str| crate::extract::lang::detect(text).or(note.language.as_deref());
        let doc = self.entity(EntityKind::Note, note.path.clone(), src(0));
        let e = self.get(&doc);
        if let Some(t) = &note.title {
            e.names.insert(t.clone());
            e.set_language(t, lang(t));
        }
        e.note = Some(crate::graph::NoteMeta {
            path: note.path.clone(),
            sha256: note.sha256.clone(),
            published: note.date.as_ref().map(|d| d.date_time.clone().unwrap_or_else(|| d.date.clone())),
            keywords: note.tags.iter().cloned().collect(),
            front_matter: note.front_matter,
        });
        for a in &note.authors {
            let p = self.entity(EntityKind::Person, person_key(a), src(0));
            self.get(&p).names.insert(a.clone());
            self.relate(&doc, Relation::Author, &p, src(0));
        }
        let event = note.event.as_ref().map(|(name, line)| {
            let k = self.entity(EntityKind::Event, name_key(name), src(*line));
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
            let event_part = event.as_ref().map_or(String::new(), |k| k.key.clone());
            let key = format!("{event_part}\u{1f}{}", title_key(&talk.title));
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
                e.names.insert(format!("{label}: {}", talk.title));
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
            match &event {
                Some(ev) if name_key(&l.text) == ev.key => {
                    self.get(ev).urls.insert(l.url.clone());
                }
                _ => {
                    self.page(&l.text, &l.url, src(l.line));
                }
            }
        }
    }

    fn org(&mut self, o: &crate::model::Org, src: &impl Fn(u32) -> Source) -> EntityKey {
        let k = self.entity(EntityKind::Organization, org_key(&o.name), src(o.line));
        let e = self.get(&k);
        e.names.insert(o.name.clone());
        e.urls.extend(o.url.iter().filter(|u| is_web(u)).cloned());
        k
    }

    fn page(&mut self, text: &str, url: &str, src: Source) -> EntityKey {
        let k = self.entity(EntityKind::WebPage, url_key(url), src);
        let e = self.get(&k);
        if !text.trim().is_empty() {
            e.names.insert(text.to_owned());
        }
        e.urls.insert(url.to_owned());
        k
    }

    fn entity(&mut self, kind: EntityKind, key: String, source: Source) -> EntityKey {
        let k = EntityKey { kind, key };
        let (base, iris) = (&self.base, &self.iris);
        self.entities
            .entry(k.clone())
            .or_insert_with(|| {
                let iri = iris.as_ref().and_then(|m| m.get(&k).cloned()).unwrap_or_else(|| mint(base, &k));
                Entity::new(kind, iri)
            })
            .sources
            .insert(source);
        k
    }

    fn get(&mut self, k: &EntityKey) -> &mut Entity {
        self.entities.get_mut(k).expect("entity() inserted the key")
    }

    fn relate(&mut self, a: &EntityKey, rel: Relation, b: &EntityKey, source: Source) {
        if a != b {
            self.edges.entry((a.clone(), rel, b.clone())).or_default().insert(source);
        }
    }

    /// Merges entities of one kind that share a normalized URL, and builds the graph.
    pub fn finish(self) -> KnowledgeGraph {
        self.finish_with_iris().0
    }

    /// Like [`finish`](Self::finish), also returning the IRI every key ended up with (after
    /// same-URL merges), for [`Resolver::with_iris`].
    pub fn finish_with_iris(self) -> (KnowledgeGraph, HashMap<EntityKey, String>) {
        let Resolver { base, entities, edges, .. } = self;
        // Union-find over keys; the representative of a group is its smallest key.
        let mut keys: Vec<EntityKey> = entities.keys().cloned().collect();
        keys.sort();
        let mut parent: Vec<usize> = (0..keys.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut by_url: BTreeMap<(EntityKind, String), usize> = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            if !matches!(k.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Tool) {
                continue;
            }
            for u in &entities[k].urls {
                match by_url.entry((k.kind, url_key(u))) {
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
        // The IRI of a group is its representative's (the smallest key, met first); entities
        // that end on one IRI are one node.
        let mut entities = entities;
        let mut iri_of_key: HashMap<EntityKey, String> = HashMap::with_capacity(keys.len());
        let mut root_iri: Vec<Option<String>> = vec![None; keys.len()];
        let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
        for (i, key) in keys.iter().enumerate() {
            let r = root(&mut parent, i);
            let mut e = entities.remove(key).expect("every key has an entity");
            let iri = root_iri[r].get_or_insert_with(|| e.iri.clone()).clone();
            e.iri.clone_from(&iri);
            iri_of_key.insert(key.clone(), iri.clone());
            match by_iri.entry(iri) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(e);
                }
                std::collections::btree_map::Entry::Occupied(mut o) => o.get_mut().merge(e),
            }
        }
        let index: HashMap<&str, usize> = by_iri.keys().enumerate().map(|(i, iri)| (iri.as_str(), i)).collect();
        let mut edge_map: BTreeMap<(usize, Relation, usize), BTreeSet<Source>> = BTreeMap::new();
        for ((a, rel, b), sources) in edges {
            let (x, y) = (index[iri_of_key[&a].as_str()], index[iri_of_key[&b].as_str()]);
            if x != y {
                edge_map.entry((x, rel, y)).or_default().extend(sources);
            }
        }
        let edges =
            edge_map.into_iter().map(|((a, relation, b), sources)| (a, b, Edge { relation, sources })).collect();
        (KnowledgeGraph::from_sorted(base, by_iri.into_values().collect(), edges), iri_of_key)
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

/// Folds a string for keys: compatibility decomposition, combining marks removed, a few
/// letters without decomposition mapped (`ł` → `l`, `ß` → `ss`), lower case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            '’' | '‘' | '`' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Key of a tool or event name: folded, words split at white space, `-` and `_`.
pub fn name_key(s: &str) -> String {
    words(&fold(s), |c| c.is_whitespace() || c == '-' || c == '_')
}

/// Key of a person's name: like [`name_key`], dots dropped (`W.` = `W`).
pub fn person_key(s: &str) -> String {
    words(&fold(s).replace('.', " "), |c| c.is_whitespace() || c == '-' || c == '_')
}

/// Key of an organization: folded letters and digits only (`ClearBoxAI` = `Clearbox-AI`).
pub fn org_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Key of a title: folded words of letters and digits.
pub fn title_key(s: &str) -> String {
    words(&fold(s), |c| !c.is_alphanumeric())
}

fn words(s: &str, sep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(sep).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Normalizes a URL into a key: scheme dropped (`http` = `https`), host lower-cased without
/// `www.` or default port, fragment and tracking parameters removed, trailing `/` and
/// `index.html` removed, GitHub-like `owner/repo` lower-cased.
///
/// ```
/// use talkgraph::resolve::url_key;
/// assert_eq!(url_key("HTTP://www.Example.org:80/a/index.html?utm_source=x#top"), "example.org/a");
/// assert_eq!(url_key("https://github.com/Clearbox-AI/NERPII.git"), "github.com/clearbox-ai/nerpii");
/// ```
pub fn url_key(url: &str) -> String {
    let url = url.trim();
    let rest = match url.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => rest,
        Some(_) => return url.to_owned(),
        None => url,
    };
    let rest = rest.split('#').next().unwrap_or_default();
    let (auth_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = auth_path.split_once('/').map_or((auth_path, ""), |(a, p)| (a, p));
    let host = authority.rsplit('@').next().unwrap_or_default().to_lowercase();
    let host = host.strip_suffix(":80").or_else(|| host.strip_suffix(":443")).unwrap_or(&host);
    let host = host.strip_prefix("www.").unwrap_or(host).trim_end_matches('.');
    let mut path = path.to_owned();
    for index in ["index.html", "index.htm", "index.php"] {
        if path == index || path.ends_with(&format!("/{index}")) {
            path.truncate(path.len() - index.len());
        }
    }
    let mut path = path.trim_end_matches('/').to_owned();
    if matches!(host, "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org") {
        let mut segs: Vec<String> = path.split('/').map(str::to_owned).collect();
        for s in segs.iter_mut().take(2) {
            *s = s.to_lowercase();
        }
        if segs.len() == 2
            && let Some(s) = segs[1].strip_suffix(".git")
        {
            segs[1] = s.to_owned();
        }
        path = segs.join("/");
    }
    let params: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default().to_ascii_lowercase();
            !p.is_empty()
                && !name.starts_with("utm_")
                && !matches!(name.as_str(), "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ref_src" | "igshid" | "si")
        })
        .collect();
    let mut out = host.to_owned();
    if !path.is_empty() {
        out.push('/');
        out.push_str(&path);
    }
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
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
    let parts: Vec<&str> = key.key.split('\u{1f}').collect();
    let plain = |p: &str| {
        !p.is_empty()
            && p.len() <= MAX_SLUG
            && p.split(' ').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
    };
    let mut iri = format!("{base}{}/", key.kind.segment());
    if parts.iter().all(|p| plain(p)) {
        let slugs: Vec<String> = parts.iter().map(|p| p.replace(' ', "-")).collect();
        iri.push_str(&slugs.join("--"));
        return iri;
    }
    let slugs: Vec<String> = parts.iter().map(|p| slug(p)).filter(|s| !s.is_empty()).collect();
    iri.push_str(&slugs.join("--"));
    let digest = Sha256::new().chain_update(key.kind.segment()).chain_update([0]).chain_update(&key.key).finalize();
    iri.push('_');
    for b in &digest[..8] {
        iri.push_str(&format!("{b:02x}"));
    }
    iri
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
            iri.push_str(&format!("%{b:02X}"));
        }
    }
    iri
}

/// A readable slug: ASCII letters and digits kept, other letters percent-encoded, everything
/// else a single `-`; cut at [`MAX_SLUG`] bytes on a boundary.
fn slug(s: &str) -> String {
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
    // Never cut inside a percent escape.
    if let Some(i) = out.rfind('%')
        && out.len() - i < 3
    {
        out.truncate(i);
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://talkgraph.example/id/";

    fn iri(kind: EntityKind, key: &str) -> String {
        mint(BASE, &EntityKey { kind, key: key.to_owned() })
    }

    #[test]
    fn keys() {
        assert_eq!(org_key("ClearBoxAI"), org_key("Clearbox AI"));
        assert_eq!(org_key("Clearbox-AI"), "clearboxai");
        assert_eq!(person_key("José  Valim"), "jose valim");
        assert_eq!(person_key("Łukasz Langa"), "lukasz langa");
        assert_eq!(person_key("Edsger W. Dijkstra"), person_key("Edsger W Dijkstra"));
        assert_eq!(name_key("lm-buddy"), "lm buddy");
        assert_ne!(name_key("pdb"), name_key("pdb++"));
        assert_eq!(title_key("The programmer's brain"), title_key("The Programmer’s Brain"));
    }

    #[test]
    fn urls() {
        assert_eq!(url_key("https://docs.ray.io/en/master/index.html"), "docs.ray.io/en/master");
        assert_eq!(url_key("https://pyscript.com/@antocuni/"), "pyscript.com/@antocuni");
        assert_eq!(url_key("https://example.org/?a=1&utm_medium=x&b=2"), "example.org?a=1&b=2");
        assert_eq!(url_key("https://GitHub.com/Owner/Repo/Tree/Main"), "github.com/owner/repo/Tree/Main");
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
