//! `talkgraph push`: keeps a triple store in step with a folder of notes through the SPARQL
//! 1.1 Graph Store Protocol ([`super::gsp`]).
//!
//! Each note's statements go to the named graph of the note's IRI, replaced whole by one `PUT`
//! (the server parses the body before it replaces anything, so a failed request leaves the old
//! graph); a note gone since the last push has its graph deleted; the `owl:sameAs` links across
//! notes go to the default graph. What was pushed is recorded in the store itself, in the
//! *manifest* graph (`{base}push-manifest` unless named otherwise), so any machine can push:
//!
//! ```turtle
//! <manifest> a tg:PushManifest ;
//!     tg:pushedGraph <note/a.md>, <note/b.md> .          # graphs that may be in the store
//! <note/a.md> tg:graphSha256 "9f86d0…" .                 # known to hold exactly this
//! <person/x> owl:sameAs <person/y> .                     # links pushed to the default graph
//! ```
//!
//! A note whose SHA-256 (of the N-Triples of its graph, as sent) is the manifest's is skipped:
//! a second push of unchanged notes sends no graph. The manifest never claims more than the
//! store holds: before any change, the entries of the graphs about to change lose their
//! SHA-256 (and the links are marked `tg:linksPending`); an entry gets its new SHA-256 only
//! after its `PUT` succeeded, and leaves only after its `DELETE` did. A push that stops half way
//! leaves each graph old or new, and the next push redoes what is uncertain.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use oxrdf::{GraphName, NamedOrBlankNode, Term};

use super::gsp::{Client, GraphRef, GspError};
use crate::error::Error;
use crate::input::Input;
use crate::resolve::note_iri;
use crate::stream::{Event, Outcome, Settings};
use crate::text::hex::sha256_hex;
use crate::vocab::{owl, rdf};

/// The class of the manifest graph's own node.
pub const PUSH_MANIFEST: &str = "https://w3id.org/talkgraph/vocab#PushManifest";
/// From the manifest to each graph that may be in the store.
pub const PUSHED_GRAPH: &str = "https://w3id.org/talkgraph/vocab#pushedGraph";
/// From a pushed graph to the SHA-256 of the N-Triples it was replaced with.
pub const GRAPH_SHA256: &str = "https://w3id.org/talkgraph/vocab#graphSha256";
/// On the manifest, `true` while the default graph's links may differ from those listed.
pub const LINKS_PENDING: &str = "https://w3id.org/talkgraph/vocab#linksPending";

/// The default manifest graph for IRIs minted under `base`.
pub fn default_manifest(base: &str) -> String {
    format!("{base}push-manifest")
}

/// What the store holds, as the manifest records it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Each graph pushed, by note IRI, with the SHA-256 of its content when known (`None`: a
    /// change was under way, the graph may be old, new or absent).
    pub notes: BTreeMap<String, Option<String>>,
    /// The `owl:sameAs` links pushed to the default graph (entity, representative).
    pub links: BTreeSet<(String, String)>,
    /// Whether the default graph's links may differ from [`Manifest::links`].
    pub links_pending: bool,
}

impl Manifest {
    /// Reads a manifest from the N-Triples of its graph; `iri` is the graph's name.
    pub fn parse(ntriples: &[u8], iri: &str) -> Result<Self, String> {
        let mut m = Manifest::default();
        let mut hashes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in oxttl::NTriplesParser::new().for_slice(ntriples) {
            let t = t.map_err(|e| format!("the manifest graph <{iri}> does not parse: {e}"))?;
            let subject = match &t.subject {
                NamedOrBlankNode::NamedNode(n) => n.as_str(),
                _ => continue,
            };
            match (t.predicate.as_str(), &t.object) {
                (PUSHED_GRAPH, Term::NamedNode(g)) if subject == iri => {
                    m.notes.entry(g.as_str().to_owned()).or_default();
                }
                (GRAPH_SHA256, Term::Literal(l)) => {
                    hashes.entry(subject.to_owned()).or_default().push(l.value().to_owned());
                }
                (LINKS_PENDING, Term::Literal(l)) if subject == iri => m.links_pending |= l.value() == "true",
                (owl::SAME_AS, Term::NamedNode(o)) => {
                    m.links.insert((subject.to_owned(), o.as_str().to_owned()));
                }
                _ => {}
            }
        }
        for (note, entry) in &mut m.notes {
            // Two SHA-256 for one graph (two pushes at once): unknown.
            *entry = hashes.get(note).filter(|h| h.len() == 1).map(|h| h[0].clone());
        }
        Ok(m)
    }

    /// The manifest as N-Triples, sorted: the same manifest gives the same bytes.
    pub fn to_ntriples(&self, iri: &str) -> Vec<u8> {
        let mut lines = BTreeSet::new();
        lines.insert(format!("<{iri}> <{}> <{PUSH_MANIFEST}> .\n", rdf::TYPE));
        if self.links_pending {
            lines.insert(format!("<{iri}> <{LINKS_PENDING}> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"));
        }
        for (note, hash) in &self.notes {
            lines.insert(format!("<{iri}> <{PUSHED_GRAPH}> <{note}> .\n"));
            if let Some(h) = hash {
                lines.insert(format!("<{note}> <{GRAPH_SHA256}> \"{h}\" .\n"));
            }
        }
        for (a, b) in &self.links {
            lines.insert(format!("<{a}> <{}> <{b}> .\n", owl::SAME_AS));
        }
        lines.into_iter().flat_map(String::into_bytes).collect()
    }
}

/// One note's graph, read from the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteGraph {
    /// The note's path, as named in the export.
    pub path: String,
    /// SHA-256 of [`NoteGraph::ntriples`], 64 lower-case hex digits.
    pub sha256: String,
    /// The graph as N-Triples, in the order `export` writes it; empty when the manifest already
    /// records this SHA-256 (the graph is not sent, so it is not kept).
    pub ntriples: Vec<u8>,
}

/// The notes as the store should hold them.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// Each note's graph, by note IRI.
    pub graphs: BTreeMap<String, NoteGraph>,
    /// The links of the default graph.
    pub links: BTreeSet<(String, String)>,
    /// The IRI of every note given, read or not (a note that could not be read keeps its graph).
    pub given: BTreeMap<String, String>,
}

/// Reads the notes as `export --format nquads` does and groups the statements by graph; the
/// N-Triples of a graph whose SHA-256 `known` already records are not kept.
pub fn read_notes(
    inputs: &[Input],
    settings: &Settings,
    known: &Manifest,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
) -> Result<(Notes, Outcome), Error> {
    let mut notes = Notes {
        given: inputs.iter().map(|i| (note_iri(&settings.base, &i.name), i.name.clone())).collect(),
        ..Notes::default()
    };
    let mut current: Option<(String, Vec<u8>)> = None;
    let finish = |graphs: &mut BTreeMap<String, NoteGraph>, (iri, body): (String, Vec<u8>)| {
        let sha256 = sha256_hex(&body);
        let unchanged = known.notes.get(&iri).is_some_and(|h| h.as_deref() == Some(sha256.as_str()));
        let path = notes.given.get(&iri).cloned().unwrap_or_default();
        let graph =
            graphs.entry(iri).or_insert_with(|| NoteGraph { path, sha256: String::new(), ntriples: Vec::new() });
        // (A graph met twice, which talkgraph never writes, is joined.)
        graph.ntriples.extend_from_slice(&body);
        graph.sha256 = if graph.ntriples.len() == body.len() { sha256 } else { sha256_hex(&graph.ntriples) };
        if unchanged && graph.ntriples.len() == body.len() {
            graph.ntriples = Vec::new();
        }
    };
    let mut graphs = BTreeMap::new();
    let outcome = super::for_each_quad(inputs, settings, on, progress, |q| {
        match q.graph_name {
            GraphName::NamedNode(g) => {
                if current.as_ref().is_none_or(|(iri, _)| iri != g.as_str()) {
                    if let Some(done) = current.take() {
                        finish(&mut graphs, done);
                    }
                    current = Some((g.into_string(), Vec::new()));
                }
                let (_, body) = current.as_mut().expect("set above");
                use std::io::Write;
                writeln!(body, "{} {} {} .", q.subject, q.predicate, q.object)?;
            }
            GraphName::DefaultGraph => {
                if let (NamedOrBlankNode::NamedNode(a), Term::NamedNode(b)) = (&q.subject, &q.object)
                    && q.predicate.as_str() == owl::SAME_AS
                {
                    notes.links.insert((a.as_str().to_owned(), b.as_str().to_owned()));
                }
            }
            GraphName::BlankNode(_) => {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "a graph named by a blank node"));
            }
        }
        Ok(())
    })?;
    if let Some(done) = current.take() {
        finish(&mut graphs, done);
    }
    notes.graphs = graphs;
    Ok((notes, outcome))
}

/// Why a graph is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The manifest does not list the note.
    New,
    /// Its content changed since the last push.
    Changed,
    /// A push stopped while changing it: it is sent again.
    Unsure,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Change::New => "new",
            Change::Changed => "changed",
            Change::Unsure => "unsure",
        })
    }
}

/// What a push changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Graphs replaced (note IRI, why), in IRI order.
    pub put: Vec<(String, Change)>,
    /// Graphs deleted (note IRIs of notes gone since the last push).
    pub delete: Vec<String>,
    /// Notes whose graph is already in the store.
    pub unchanged: usize,
    /// Notes given that could not be read: their graphs are left as they are.
    pub kept: Vec<String>,
    /// Links added to the default graph.
    pub links_added: BTreeSet<(String, String)>,
    /// Links removed from the default graph.
    pub links_removed: BTreeSet<(String, String)>,
    /// The default graph's links are sent even if none changed (a push stopped while changing
    /// them).
    pub links_unsure: bool,
}

impl Plan {
    /// What to do to bring the store from `manifest` to `notes`. With `deletions` false (a path
    /// given could not be read, so notes may only seem gone), no graph is deleted.
    pub fn new(manifest: &Manifest, notes: &Notes, deletions: bool) -> Self {
        let mut plan = Plan::default();
        for (iri, g) in &notes.graphs {
            match manifest.notes.get(iri) {
                None => plan.put.push((iri.clone(), Change::New)),
                Some(None) => plan.put.push((iri.clone(), Change::Unsure)),
                Some(Some(h)) if *h != g.sha256 => plan.put.push((iri.clone(), Change::Changed)),
                Some(Some(_)) => plan.unchanged += 1,
            }
        }
        plan.kept = notes.given.keys().filter(|iri| !notes.graphs.contains_key(*iri)).cloned().collect();
        if deletions {
            plan.delete = manifest.notes.keys().filter(|iri| !notes.given.contains_key(*iri)).cloned().collect();
        }
        plan.links_added = notes.links.difference(&manifest.links).cloned().collect();
        plan.links_removed = manifest.links.difference(&notes.links).cloned().collect();
        plan.links_unsure = manifest.links_pending;
        plan
    }

    /// Whether the store is already as the notes say.
    pub fn is_empty(&self) -> bool {
        self.put.is_empty() && self.delete.is_empty() && !self.links_changed()
    }

    fn links_changed(&self) -> bool {
        !self.links_added.is_empty() || !self.links_removed.is_empty() || self.links_unsure
    }
}

/// What a push did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Graphs replaced.
    pub put: usize,
    /// Graphs deleted.
    pub deleted: usize,
    /// Links added to and removed from the default graph.
    pub links: (usize, usize),
    /// HTTP requests sent, retries included.
    pub requests: usize,
}

/// A push that stopped.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {source}")]
pub struct PushError {
    /// What could not be done: `note a.md (IRI)`, `the manifest`, `the default graph's links`.
    pub what: String,
    /// The request that failed.
    #[source]
    pub source: Box<GspError>,
    /// What was done before it.
    pub done: Report,
}

/// Reads the manifest graph `iri` (an empty manifest when the store has no such graph).
pub fn fetch_manifest(client: &Client, iri: &str) -> Result<Manifest, PushError> {
    let failed = |source| PushError {
        what: format!("reading the manifest graph <{iri}>"),
        source: Box::new(source),
        done: Report::default(),
    };
    match client.get(GraphRef::Named(iri)).map_err(failed)? {
        None => Ok(Manifest::default()),
        Some(body) => Manifest::parse(&body, iri).map_err(|reason| {
            failed(GspError::Request { method: "GET", url: client.graph_url(GraphRef::Named(iri)), reason, tries: 1 })
        }),
    }
}

/// Carries out `plan`: the manifest first marks what is about to change; then each graph is
/// replaced or deleted, the manifest written again every `checkpoint` changes (or 10 seconds)
/// and at the end; then the default graph's links. `progress` is called after each change.
pub fn apply(
    client: &Client,
    manifest_iri: &str,
    mut manifest: Manifest,
    notes: &Notes,
    plan: &Plan,
    checkpoint: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<Report, PushError> {
    let mut report = Report::default();
    if plan.is_empty() {
        report.requests = client.requests();
        return Ok(report);
    }
    let fail = |what: String, source: GspError, report: &Report| PushError {
        what,
        source: Box::new(source),
        done: Report { requests: client.requests(), ..*report },
    };
    let write_manifest = |m: &Manifest, report: &Report| {
        client
            .put(GraphRef::Named(manifest_iri), &m.to_ntriples(manifest_iri))
            .map_err(|e| fail(format!("writing the manifest graph <{manifest_iri}>"), e, report))
    };
    // 1. Nothing about to change is claimed known.
    for (iri, _) in &plan.put {
        manifest.notes.insert(iri.clone(), None);
    }
    for iri in &plan.delete {
        manifest.notes.insert(iri.clone(), None);
    }
    if plan.links_changed() {
        manifest.links.extend(notes.links.iter().cloned());
        manifest.links_pending = true;
    }
    write_manifest(&manifest, &report)?;
    // 2. The graphs, the manifest saved now and then, and when one fails.
    let mut since = (0usize, Instant::now());
    let note = |iri: &str| match notes.given.get(iri) {
        Some(path) => format!("note {path} <{iri}>"),
        None => format!("the graph of a note gone <{iri}>"),
    };
    let steps = plan.put.iter().map(|(iri, _)| (iri, true)).chain(plan.delete.iter().map(|iri| (iri, false)));
    for (iri, put) in steps {
        let result = if put {
            let graph = &notes.graphs[iri];
            client.put(GraphRef::Named(iri), &graph.ntriples).map(|()| {
                manifest.notes.insert(iri.clone(), Some(graph.sha256.clone()));
                report.put += 1;
            })
        } else {
            client.delete(GraphRef::Named(iri)).map(|()| {
                manifest.notes.remove(iri);
                report.deleted += 1;
            })
        };
        if let Err(e) = result {
            // Record what was done (best effort: the failure is what is reported).
            let _ = write_manifest(&manifest, &report);
            return Err(fail(note(iri), e, &report));
        }
        progress(iri);
        since.0 += 1;
        if since.0 >= checkpoint || since.1.elapsed() > Duration::from_secs(10) {
            write_manifest(&manifest, &report)?;
            since = (0, Instant::now());
        }
    }
    // 3. The links of the default graph.
    if plan.links_changed() {
        update_links(client, &manifest.links, &notes.links, plan)
            .map_err(|e| fail("the owl:sameAs links of the default graph".to_owned(), e, &report))?;
        report.links = (plan.links_added.len(), plan.links_removed.len());
        manifest.links = notes.links.clone();
        manifest.links_pending = false;
    }
    write_manifest(&manifest, &report)?;
    report.requests = client.requests();
    Ok(report)
}

/// Brings the default graph's links from `listed` (what may be there) to `wanted`: added by a
/// `POST` when none is to go, else the default graph is read, changed and put back.
fn update_links(
    client: &Client,
    listed: &BTreeSet<(String, String)>,
    wanted: &BTreeSet<(String, String)>,
    plan: &Plan,
) -> Result<(), GspError> {
    let line = |(a, b): &(String, String)| format!("<{a}> <{}> <{b}> .\n", owl::SAME_AS);
    let gone: BTreeSet<String> = listed.difference(wanted).map(line).collect();
    if gone.is_empty() {
        let added: String = if plan.links_unsure {
            wanted.iter().map(line).collect()
        } else {
            plan.links_added.iter().map(line).collect()
        };
        return if added.is_empty() { Ok(()) } else { client.post(GraphRef::Default, added.as_bytes()) };
    }
    let current = client.get(GraphRef::Default)?.unwrap_or_default();
    let mut lines: BTreeSet<String> = BTreeSet::new();
    for t in oxttl::NTriplesParser::new().for_slice(&current) {
        let t = t.map_err(|e| GspError::Request {
            method: "GET",
            url: client.graph_url(GraphRef::Default),
            reason: format!("the default graph does not parse: {e}"),
            tries: 1,
        })?;
        lines.insert(format!("{t} .\n"));
    }
    lines.retain(|l| !gone.contains(l));
    lines.extend(wanted.iter().map(line));
    let body: String = lines.into_iter().collect();
    client.put(GraphRef::Default, body.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let mut m = Manifest::default();
        m.notes.insert("https://t.example/id/note/a.md".into(), Some("aa".into()));
        m.notes.insert("https://t.example/id/note/b.md".into(), None);
        m.links.insert(("https://t.example/id/person/x".into(), "https://t.example/id/person/y".into()));
        m.links_pending = true;
        m
    }

    #[test]
    fn a_manifest_reads_back_what_it_wrote() {
        let iri = "https://t.example/id/push-manifest";
        let m = manifest();
        let text = m.to_ntriples(iri);
        assert_eq!(Manifest::parse(&text, iri).expect("parses"), m);
        assert_eq!(text, m.clone().to_ntriples(iri), "same bytes");
    }

    #[test]
    fn the_plan_sends_only_what_changed_and_keeps_unreadable_notes() {
        let m = manifest();
        let mut notes = Notes::default();
        let graph = |sha: &str| NoteGraph { path: String::new(), sha256: sha.into(), ntriples: Vec::new() };
        notes.graphs.insert("https://t.example/id/note/a.md".into(), graph("aa"));
        notes.graphs.insert("https://t.example/id/note/c.md".into(), graph("cc"));
        for n in ["a.md", "b.md", "c.md"] {
            notes.given.insert(format!("https://t.example/id/note/{n}"), n.into());
        }
        let plan = Plan::new(&m, &notes, true);
        assert_eq!(plan.put, [("https://t.example/id/note/c.md".to_owned(), Change::New)]);
        assert_eq!(plan.kept, ["https://t.example/id/note/b.md"], "b.md was given but not read");
        assert!(plan.delete.is_empty());
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.links_removed.len(), 1);
        notes.given.remove("https://t.example/id/note/b.md");
        assert_eq!(Plan::new(&m, &notes, true).delete, ["https://t.example/id/note/b.md"]);
        assert!(Plan::new(&m, &notes, false).delete.is_empty(), "no deletion when a path was missing");
    }
}
