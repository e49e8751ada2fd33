//! `talkgraph stats`: what a graph holds, counted: entities per kind, relations per kind, the
//! most mentioned tools, the speakers with most talks, the organizations and conferences with
//! most talks, the notes in which no talk was found and the talks without a speaker.
//!
//! Nothing is left out silently: every kind and relation is counted (zeros included), each
//! ranking says how many entries it did not show, and the two lists of problems are complete.
//! Ties are broken by name (case and accents ignored), then by IRI, so the output is the same
//! on every run.
//!
//! ```
//! use talkgraph::extract::{extract, ExtractOptions};
//! let note = "# [TALK] One\nby Ada Lovelace - Engines\n\n- [ripgrep](https://github.com/BurntSushi/ripgrep)\n\n# [TALK] Two\n\nNo byline.\n";
//! let n = extract("day1.md", note, &ExtractOptions::default()).note;
//! let data = talkgraph::Dataset::build(talkgraph::vocab::DEFAULT_BASE, vec![n])?;
//! let stats = talkgraph::stats::Stats::of(&data.graph, 10);
//! assert_eq!(stats.tools.items[0].name, "ripgrep");
//! assert_eq!(stats.talks_without_speakers.len(), 1);
//! assert!(stats.to_string().contains("Talks without speakers (1)"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde_json::{Value, json};

use crate::export::props;
use crate::graph::{EntityKind, KnowledgeGraph, Relation};

/// The counts of one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Notes read.
    pub notes: usize,
    /// Entities.
    pub entities: usize,
    /// Relations.
    pub relations: usize,
    /// Entities per kind, every kind (zeros included), in [`EntityKind::ALL`] order.
    pub kinds: Vec<(EntityKind, usize)>,
    /// Relations per relation, every relation (zeros included).
    pub relations_by_kind: Vec<(Relation, usize)>,
    /// Tools by the talks that mention them.
    pub tools: Ranking,
    /// Speakers by the talks they gave.
    pub speakers: Ranking,
    /// Organizations by the talks their people gave.
    pub organizations: Ranking,
    /// Conferences by their talks.
    pub events: Ranking,
    /// Notes in which no talk was found (paths, sorted).
    pub notes_without_talks: Vec<String>,
    /// Talks without a speaker, in IRI order.
    pub talks_without_speakers: Vec<Item>,
}

/// The top of a ranking, and how many entries it has in all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ranking {
    /// What is counted (`talks`).
    pub unit: &'static str,
    /// The first entries, most first.
    pub items: Vec<Item>,
    /// Entries with a count above zero, shown or not.
    pub total: usize,
}

/// One ranked entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its name.
    pub name: String,
    /// Its IRI.
    pub iri: String,
    /// The count it is ranked by (talks).
    pub count: usize,
    /// The notes it was found in.
    pub notes: usize,
    /// A detail: a talk's conference, a speaker's organizations.
    pub detail: String,
}

/// Relations in a fixed order (the enum's).
const RELATIONS: [Relation; 12] = [
    Relation::SuperEvent,
    Relation::Performer,
    Relation::Affiliation,
    Relation::Mentions,
    Relation::InferredMention,
    Relation::WorkFeatured,
    Relation::RecordedIn,
    Relation::Author,
    Relation::TargetProduct,
    Relation::Publisher,
    Relation::About,
    Relation::SameAs,
];

impl Stats {
    /// Counts `graph`, keeping the first `top` entries of each ranking (`0`: all).
    pub fn of(graph: &KnowledgeGraph, top: usize) -> Self {
        let g = graph.petgraph();
        let kinds = EntityKind::ALL.map(|k| (k, graph.entities().filter(|e| e.kind == k).count())).to_vec();
        let relations_by_kind =
            RELATIONS.map(|r| (r, graph.relations().filter(|(_, e, _)| e.relation == r).count())).to_vec();

        // The talks linked to each entity by `rel` (talk → entity).
        let talks_of = |i: NodeIndex, rels: &[Relation]| -> BTreeSet<NodeIndex> {
            g.edges_directed(i, Direction::Incoming)
                .filter(|e| rels.contains(&e.weight().relation) && g[e.source()].kind == EntityKind::Talk)
                .map(|e| e.source())
                .collect()
        };
        let notes_of = |i: NodeIndex| g[i].sources.iter().map(|s| s.note).collect::<BTreeSet<_>>().len();
        let names = |set: &BTreeSet<NodeIndex>| {
            let mut v: Vec<&str> = set.iter().map(|&j| g[j].label()).collect();
            v.sort_by_key(|n| crate::text::fold(n));
            v.join(", ")
        };

        let mut tools = Vec::new();
        let mut speakers = Vec::new();
        let mut organizations = Vec::new();
        let mut events = Vec::new();
        let mut talks_without_speakers = Vec::new();
        for i in g.node_indices() {
            let e = &g[i];
            let item = |count: usize, detail: String| Item {
                name: e.label().to_owned(),
                iri: e.iri.clone(),
                count,
                notes: notes_of(i),
                detail,
            };
            match e.kind {
                EntityKind::Tool => {
                    let talks = talks_of(i, &[Relation::Mentions, Relation::InferredMention]);
                    tools.push(item(talks.len(), String::new()));
                }
                EntityKind::Person => {
                    let talks = talks_of(i, &[Relation::Performer]);
                    let orgs: BTreeSet<NodeIndex> = g
                        .edges_directed(i, Direction::Outgoing)
                        .filter(|e| e.weight().relation == Relation::Affiliation)
                        .map(|e| e.target())
                        .collect();
                    speakers.push(item(talks.len(), names(&orgs)));
                }
                EntityKind::Organization => {
                    let people: BTreeSet<NodeIndex> = g
                        .edges_directed(i, Direction::Incoming)
                        .filter(|e| e.weight().relation == Relation::Affiliation)
                        .map(|e| e.source())
                        .collect();
                    let talks: BTreeSet<NodeIndex> =
                        people.iter().flat_map(|&p| talks_of(p, &[Relation::Performer])).collect();
                    let speakers = people.iter().filter(|&&p| !talks_of(p, &[Relation::Performer]).is_empty()).count();
                    let detail = format!("{speakers} speaker{}", if speakers == 1 { "" } else { "s" });
                    organizations.push(item(talks.len(), detail));
                }
                EntityKind::Event => {
                    let talks = talks_of(i, &[Relation::SuperEvent]);
                    events.push(item(talks.len(), e.dates.first().cloned().unwrap_or_default()));
                }
                EntityKind::Talk => {
                    let has_speaker =
                        g.edges_directed(i, Direction::Outgoing).any(|e| e.weight().relation == Relation::Performer);
                    if !has_speaker {
                        let event: BTreeSet<NodeIndex> = g
                            .edges_directed(i, Direction::Outgoing)
                            .filter(|e| e.weight().relation == Relation::SuperEvent)
                            .map(|e| e.target())
                            .collect();
                        let at = e.sources.first().map(|s| props::found_at(graph, s)).unwrap_or_default();
                        let detail = [names(&event), at].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
                        talks_without_speakers.push((e.sources.first().copied(), item(0, detail.join(", "))));
                    }
                }
                _ => {}
            }
        }
        // In the order they were found: by note, then line.
        talks_without_speakers.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.iri.cmp(&b.1.iri)));
        let talks_without_speakers = talks_without_speakers.into_iter().map(|(_, it)| it).collect();

        let with_talks: BTreeSet<u32> = graph
            .entities()
            .filter(|e| e.kind == EntityKind::Talk)
            .flat_map(|e| e.sources.iter().map(|s| s.note))
            .collect();
        let notes_without_talks = graph
            .note_paths()
            .iter()
            .enumerate()
            .filter(|(i, _)| !with_talks.contains(&(*i as u32)))
            .map(|(_, p)| p.clone())
            .collect();

        Stats {
            notes: graph.note_paths().len(),
            entities: graph.entity_count(),
            relations: graph.relation_count(),
            kinds,
            relations_by_kind,
            tools: rank(tools, top),
            speakers: rank(speakers, top),
            organizations: rank(organizations, top),
            events: rank(events, top),
            notes_without_talks,
            talks_without_speakers,
        }
    }

    /// The counts as JSON, for scripts: every list complete up to `top`, with its total.
    pub fn to_json(&self) -> Value {
        let ranking = |r: &Ranking, detail: &str| {
            json!({
                "total": r.total,
                "items": r.items.iter().map(|i| {
                    let mut o = json!({ "name": i.name, "iri": i.iri, r.unit: i.count, "notes": i.notes });
                    if !detail.is_empty() {
                        o[detail] = json!(i.detail);
                    }
                    o
                }).collect::<Vec<_>>(),
            })
        };
        json!({
            "notes": self.notes,
            "entities": self.entities,
            "relations": self.relations,
            "kinds": self.kinds.iter().map(|(k, n)| (crate::view::kind_name(*k).to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "relations_by_kind": self.relations_by_kind.iter()
                .map(|(r, n)| (props::relation_name(*r).to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "tools": ranking(&self.tools, ""),
            "speakers": ranking(&self.speakers, "organizations"),
            "organizations": ranking(&self.organizations, "speakers"),
            "conferences": ranking(&self.events, "date"),
            "notes_without_talks": self.notes_without_talks,
            "talks_without_speakers": self.talks_without_speakers.iter()
                .map(|i| json!({ "name": i.name, "iri": i.iri, "where": i.detail })).collect::<Vec<_>>(),
        })
    }
}

/// Sorted by count (most first), then name folded, then IRI; entries with a count of zero are
/// not ranked (they are counted in the kinds).
fn rank(mut items: Vec<Item>, top: usize) -> Ranking {
    items.retain(|i| i.count > 0);
    items.sort_by_cached_key(|i| (std::cmp::Reverse(i.count), crate::text::fold(&i.name), i.iri.clone()));
    let total = items.len();
    if top > 0 {
        items.truncate(top);
    }
    Ranking { unit: "talks", items, total }
}

/// A plain-text table: columns padded to their widest cell (counted in characters), numbers
/// right-aligned.
struct Table {
    header: Vec<&'static str>,
    numeric: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&'static str], numeric: &[bool]) -> Self {
        Self { header: header.to_vec(), numeric: numeric.to_vec(), rows: Vec::new() }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// Cells are cut to this many characters.
const CELL: usize = 48;

fn cell(s: &str) -> String {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if clean.chars().count() <= CELL {
        return clean;
    }
    let mut t: String = clean.chars().take(CELL - 1).collect();
    t.push('…');
    t
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: &[String]| -> fmt::Result {
            let mut out = String::from(" ");
            for (i, c) in cells.iter().enumerate() {
                let pad = " ".repeat(widths[i] - c.chars().count());
                out.push(' ');
                if self.numeric[i] {
                    out.push_str(&pad);
                    out.push_str(c);
                } else {
                    out.push_str(c);
                    out.push_str(&pad);
                }
                out.push(' ');
            }
            writeln!(f, "{}", out.trim_end())
        };
        line(f, &self.header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())?;
        for r in &self.rows {
            line(f, r)?;
        }
        Ok(())
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} notes, {} entities, {} relations", self.notes, self.entities, self.relations)?;

        writeln!(f, "\nEntities by kind")?;
        let mut t = Table::new(&["kind", "count"], &[false, true]);
        for (k, n) in &self.kinds {
            t.row(vec![crate::view::kind_name(*k).to_owned(), n.to_string()]);
        }
        write!(f, "{t}")?;

        writeln!(f, "\nRelations by kind")?;
        let mut t = Table::new(&["relation", "count"], &[false, true]);
        for (r, n) in &self.relations_by_kind {
            t.row(vec![r.label().to_owned(), n.to_string()]);
        }
        write!(f, "{t}")?;

        let rankings: [(&str, &Ranking, &[&'static str]); 4] = [
            ("Top tools, by talks mentioning them", &self.tools, &["#", "tool", "talks", "notes"]),
            ("Top speakers, by talks given", &self.speakers, &["#", "speaker", "talks", "notes", "organizations"]),
            (
                "Top organizations, by talks their speakers gave",
                &self.organizations,
                &["#", "organization", "talks", "notes", "speakers"],
            ),
            ("Top conferences, by talks", &self.events, &["#", "conference", "talks", "notes", "date"]),
        ];
        for (title, r, header) in rankings {
            writeln!(f, "\n{title}")?;
            if r.items.is_empty() {
                writeln!(f, "  (none)")?;
                continue;
            }
            let numeric = [true, false, true, true, false];
            let mut t = Table::new(header, &numeric[..header.len()]);
            for (n, i) in r.items.iter().enumerate() {
                let mut cells = vec![(n + 1).to_string(), cell(&i.name), i.count.to_string(), i.notes.to_string()];
                if header.len() > 4 {
                    cells.push(cell(&i.detail));
                }
                t.row(cells);
            }
            write!(f, "{t}")?;
            if r.total > r.items.len() {
                writeln!(f, "  … and {} more (--top 0 shows all)", r.total - r.items.len())?;
            }
        }

        writeln!(f, "\nNotes without talks ({})", self.notes_without_talks.len())?;
        for p in &self.notes_without_talks {
            writeln!(f, "  {}", cell(p))?;
        }
        writeln!(f, "\nTalks without speakers ({})", self.talks_without_speakers.len())?;
        if !self.talks_without_speakers.is_empty() {
            let mut t = Table::new(&["talk", "conference, found at"], &[false, false]);
            for i in &self.talks_without_speakers {
                t.row(vec![cell(&i.name), i.detail.clone()]);
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}
