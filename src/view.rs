//! Views: the part of a [`KnowledgeGraph`] a diagram or an analytics export shows.
//!
//! A [`View`] narrows the merged graph in three steps, each optional:
//!
//! 1. **events** (`--only-event NAME`): the conferences named, their talks and the notes about
//!    them, and what those talks lead to (speakers and their organizations, tools and their
//!    publishers, materials, books and their authors), but no talk of another conference;
//! 2. **kinds** (`--kinds talk,person`): only entities of these kinds (and the relations
//!    between them);
//! 3. **focus** (`--focus NAME-or-IRI --depth N`): the entities at most `N` relations away
//!    from the focus, either direction, walking only what steps 1 and 2 kept. Conferences and
//!    notes are shown but not walked through (every talk of a conference would otherwise be two
//!    steps from every other), unless they are the focus.
//!
//! The result is a [`KnowledgeGraph`] again (entities still in IRI order, relations in
//! (source, relation, target) order), so every writer draws a view as it draws a whole graph.
//!
//! ```
//! use talkgraph::extract::{extract, ExtractOptions};
//! use talkgraph::graph::EntityKind;
//! use talkgraph::view::View;
//! let note = "# [TALK] Hello\nby Grace Hopper - Navy\n\n- [COBOL](https://cobol.example/) - a language\n";
//! let n = extract("a.md", note, &ExtractOptions::default()).note;
//! let data = talkgraph::Dataset::build(talkgraph::vocab::DEFAULT_BASE, vec![n])?;
//! let view = View { focus: vec!["grace hopper".into()], depth: 1, ..View::default() };
//! let part = view.apply(&data.graph)?;
//! // Grace Hopper, her talk and her organization.
//! assert_eq!(part.graph.entity_count(), 3);
//! assert_eq!(part.focus, ["https://talkgraph.example/id/person/grace-hopper"]);
//! let people = View { kinds: vec![EntityKind::Person, EntityKind::Organization], ..View::default() };
//! assert_eq!(people.apply(&data.graph)?.graph.relation_count(), 1);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use std::collections::VecDeque;
use std::fmt;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::graph::{Entity, EntityKind, KnowledgeGraph, Relation};

/// What to show of a graph. The default shows everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Entities to center on, each a name (any of its spellings, compared without case or
    /// accents), an IRI, or an IRI relative to the base (`tool/ripgrep`). Empty: no focus.
    pub focus: Vec<String>,
    /// How many relations away from the focus to go (`0`: the focus alone).
    pub depth: usize,
    /// Kinds to show; empty: all.
    pub kinds: Vec<EntityKind>,
    /// Conferences to show (names or IRIs, as for `focus`); empty: all.
    pub events: Vec<String>,
}

impl Default for View {
    fn default() -> Self {
        Self { focus: Vec::new(), depth: 2, kinds: Vec::new(), events: Vec::new() }
    }
}

/// A view applied: the subgraph, and the IRIs of the focus entities in it (sorted).
#[derive(Debug, Clone)]
pub struct Subgraph {
    /// The entities and relations shown.
    pub graph: KnowledgeGraph,
    /// The focus entities' IRIs, sorted (empty without a focus).
    pub focus: Vec<String>,
}

/// Why a view could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    /// A name or IRI given to `--focus` or `--only-event` names nothing in the graph.
    #[error("{flag} {query:?} names no {what} in the graph{}", Suggestions(suggestions))]
    NotFound {
        /// The flag (`--focus`, `--only-event`).
        flag: &'static str,
        /// What was given.
        query: String,
        /// `entity` or `conference`.
        what: &'static str,
        /// Names close to it (`"Python" (tool)`), at most five.
        suggestions: Vec<String>,
    },
    /// The focus exists but the view leaves it out.
    #[error("--focus {query:?} names {found}, which the view leaves out ({why})")]
    Hidden {
        /// What was given.
        query: String,
        /// What it names (`the tool "Python"`).
        found: String,
        /// Which flag removed it.
        why: String,
    },
}

struct Suggestions<'a>(&'a [String]);

impl fmt::Display for Suggestions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str(" (names are compared without case or accents; an IRI or kind/slug works too)"),
            s => write!(f, "; did you mean {}?", s.join(", ")),
        }
    }
}

impl View {
    /// Whether the view shows the whole graph.
    pub fn is_whole(&self) -> bool {
        self.focus.is_empty() && self.kinds.is_empty() && self.events.is_empty()
    }

    /// The part of `graph` this view shows.
    pub fn apply(&self, graph: &KnowledgeGraph) -> Result<Subgraph, ViewError> {
        let g = graph.petgraph();
        let n = g.node_count();
        let mut keep = vec![true; n];

        if !self.events.is_empty() {
            let mut events = Vec::new();
            for q in &self.events {
                let found: Vec<NodeIndex> =
                    find(graph, q).into_iter().filter(|&i| g[i].kind == EntityKind::Event).collect();
                if found.is_empty() {
                    return Err(ViewError::NotFound {
                        flag: "--only-event",
                        query: q.clone(),
                        what: "conference",
                        suggestions: suggest(graph, q, Some(EntityKind::Event)),
                    });
                }
                events.extend(found);
            }
            keep = event_closure(graph, &events);
        }

        if !self.kinds.is_empty() {
            for (i, k) in keep.iter_mut().enumerate() {
                *k &= self.kinds.contains(&g[NodeIndex::new(i)].kind);
            }
        }

        let mut focus = Vec::new();
        if !self.focus.is_empty() {
            let mut start = Vec::new();
            for q in &self.focus {
                let found = find(graph, q);
                if found.is_empty() {
                    return Err(ViewError::NotFound {
                        flag: "--focus",
                        query: q.clone(),
                        what: "entity",
                        suggestions: suggest(graph, q, None),
                    });
                }
                let shown: Vec<NodeIndex> = found.iter().copied().filter(|i| keep[i.index()]).collect();
                if shown.is_empty() {
                    let e = &g[found[0]];
                    let why = if self.kinds.is_empty() || self.kinds.contains(&e.kind) {
                        "--only-event keeps other conferences' entities out".to_owned()
                    } else {
                        format!("--kinds leaves out {}", kind_name(e.kind))
                    };
                    return Err(ViewError::Hidden { query: q.clone(), found: describe(e), why });
                }
                start.extend(shown);
            }
            start.sort();
            start.dedup();
            keep = neighbourhood(graph, &start, self.depth, &keep);
            focus = start.iter().map(|&i| g[i].iri.clone()).collect();
        }

        Ok(Subgraph { graph: subgraph(graph, &keep), focus })
    }
}

/// `the tool "Python"`.
fn describe(e: &Entity) -> String {
    format!("the {} {:?}", e.kind.label().to_lowercase(), e.label())
}

/// Entities named by `query`: its IRI, its IRI relative to the base (`tool/ripgrep`), or any of
/// its names compared folded (case and accents ignored, spaces collapsed). In IRI order.
pub fn find(graph: &KnowledgeGraph, query: &str) -> Vec<NodeIndex> {
    let g = graph.petgraph();
    let q = query.trim();
    for iri in [q.to_owned(), format!("{}{q}", graph.base())] {
        let nodes = g.raw_nodes();
        if let Ok(i) = nodes.binary_search_by(|n| n.weight.iri.as_str().cmp(&iri)) {
            return vec![NodeIndex::new(i)];
        }
    }
    let key = folded(q);
    if key.is_empty() {
        return Vec::new();
    }
    g.node_indices().filter(|&i| g[i].names.iter().any(|n| folded(n) == key)).collect()
}

/// Case, accents and runs of white space ignored.
fn folded(s: &str) -> String {
    crate::text::fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to five names close to `query` (containing it, contained in it, or a few edits away),
/// nearest first, as `"Name" (kind)`.
fn suggest(graph: &KnowledgeGraph, query: &str, kind: Option<EntityKind>) -> Vec<String> {
    let q = folded(query);
    if q.is_empty() {
        return Vec::new();
    }
    let budget = (q.chars().count() / 4).max(1);
    let mut near: Vec<(usize, EntityKind, String)> = graph
        .entities()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .filter_map(|e| {
            let best = e
                .names
                .iter()
                .filter_map(|n| {
                    let f = folded(n);
                    if f.contains(&q) || (f.chars().count() >= 4 && q.contains(&f)) {
                        Some(0)
                    } else {
                        let d = edit_distance(&f, &q, budget);
                        (d <= budget).then_some(d)
                    }
                })
                .min()?;
            Some((best, e.kind, e.label().to_owned()))
        })
        .collect();
    near.sort();
    near.dedup();
    near.into_iter().take(5).map(|(_, k, name)| format!("{name:?} ({})", kind_name(k))).collect()
}

/// Levenshtein distance in characters, giving up (returning `limit + 1`) past `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = if ca == cb { prev } else { prev.min(row[j]).min(row[j + 1]) + 1 };
            prev = row[j + 1];
            row[j + 1] = cost;
            best = best.min(cost);
        }
        if best > limit {
            return limit + 1;
        }
    }
    row[b.len()]
}

/// The conferences `events`, their talks, the notes about them, and everything their talks lead
/// to by outgoing relations without passing through another talk, conference or note.
fn event_closure(graph: &KnowledgeGraph, events: &[NodeIndex]) -> Vec<bool> {
    let g = graph.petgraph();
    let mut keep = vec![false; g.node_count()];
    let mut queue = VecDeque::new();
    for &e in events {
        keep[e.index()] = true;
        for edge in g.edges_directed(e, Direction::Incoming) {
            let from = edge.source();
            let joins = match edge.weight().relation {
                Relation::SuperEvent => g[from].kind == EntityKind::Talk,
                Relation::About => g[from].kind == EntityKind::Note,
                _ => false,
            };
            if joins && !keep[from.index()] {
                keep[from.index()] = true;
                if g[from].kind == EntityKind::Talk {
                    queue.push_back(from);
                }
            }
        }
    }
    while let Some(i) = queue.pop_front() {
        for edge in g.edges_directed(i, Direction::Outgoing) {
            let to = edge.target();
            if !keep[to.index()] && !matches!(g[to].kind, EntityKind::Talk | EntityKind::Event | EntityKind::Note) {
                keep[to.index()] = true;
                queue.push_back(to);
            }
        }
    }
    keep
}

/// Entities at most `depth` relations (either direction) from `start`, through entities `allowed`;
/// conferences and notes other than the start are reached but not walked through.
fn neighbourhood(graph: &KnowledgeGraph, start: &[NodeIndex], depth: usize, allowed: &[bool]) -> Vec<bool> {
    let g = graph.petgraph();
    let mut seen = vec![false; g.node_count()];
    let mut queue = VecDeque::new();
    for &s in start {
        seen[s.index()] = true;
        queue.push_back((s, 0));
    }
    while let Some((i, d)) = queue.pop_front() {
        let hub = matches!(g[i].kind, EntityKind::Event | EntityKind::Note) && !start.contains(&i);
        if d == depth || hub {
            continue;
        }
        for j in g.neighbors_undirected(i) {
            if allowed[j.index()] && !seen[j.index()] {
                seen[j.index()] = true;
                queue.push_back((j, d + 1));
            }
        }
    }
    seen
}

/// The entities marked in `keep` and the relations between them, in the graph's order.
fn subgraph(graph: &KnowledgeGraph, keep: &[bool]) -> KnowledgeGraph {
    let g = graph.petgraph();
    let mut new_index = vec![u32::MAX; keep.len()];
    let mut next = 0u32;
    for (i, &k) in keep.iter().enumerate() {
        if k {
            new_index[i] = next;
            next += 1;
        }
    }
    let entities: Vec<Entity> = g.node_indices().filter(|i| keep[i.index()]).map(|i| g[i].clone()).collect();
    let edges: Vec<_> = g
        .raw_edges()
        .iter()
        .filter(|e| keep[e.source().index()] && keep[e.target().index()])
        .map(|e| (new_index[e.source().index()], new_index[e.target().index()], e.weight.clone()))
        .collect();
    KnowledgeGraph::from_sorted(
        graph.base().to_owned(),
        graph.note_paths().to_vec(),
        entities.into_iter(),
        edges.into_iter(),
    )
}

/// A kind's name on the command line and in `talkgraph stats`: its IRI segment, but
/// `conference` for [`EntityKind::Event`] (talks are events too).
pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Event => "conference",
        k => k.segment(),
    }
}

/// Parses a `--kinds` word: a kind's IRI segment (`talk`, `person`, `webpage`...), its plural,
/// or `conference` for [`EntityKind::Event`].
///
/// ```
/// use talkgraph::graph::EntityKind;
/// assert_eq!(talkgraph::view::parse_kind("People"), Some(EntityKind::Person));
/// assert_eq!(talkgraph::view::parse_kind("conference"), Some(EntityKind::Event));
/// assert_eq!(talkgraph::view::parse_kind("web-page"), Some(EntityKind::WebPage));
/// ```
pub fn parse_kind(word: &str) -> Option<EntityKind> {
    let w: String = word.trim().to_lowercase().chars().filter(|c| !matches!(c, '-' | '_' | ' ')).collect();
    let w = match w.as_str() {
        "conference" | "conferences" | "events" => "event",
        "people" => "person",
        "repositories" => "repository",
        "organisation" | "organisations" => "organization",
        "slide" => "slides",
        "webpages" | "page" | "pages" => "webpage",
        w => w.strip_suffix('s').filter(|s| !s.is_empty() && *s != "slide").unwrap_or(w),
    };
    EntityKind::ALL.into_iter().find(|k| k.segment() == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("python", "pyhton", 2), 2);
        assert_eq!(edit_distance("rust", "rust", 1), 0);
        assert_eq!(edit_distance("a", "abcdef", 2), 3);
        assert_eq!(edit_distance("kitten", "sitting", 3), 3);
    }

    #[test]
    fn kinds() {
        for k in EntityKind::ALL {
            assert_eq!(parse_kind(k.segment()), Some(k), "{k:?}");
            assert_eq!(parse_kind(&format!("{}s", k.segment())).or(parse_kind(k.segment())), Some(k));
        }
        assert_eq!(parse_kind("slides"), Some(EntityKind::Slides));
        assert_eq!(parse_kind("organizations"), Some(EntityKind::Organization));
        assert_eq!(parse_kind("nope"), None);
    }
}
