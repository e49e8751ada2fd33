//! The RDF view of a [`Dataset`]: each note's statements (what it says, and where it says it),
//! and the default graph as their union. Every RDF writer uses these, so all formats state
//! exactly the same graph.

use oxrdf::{Literal, NamedNode, Term, Triple};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::{EmailMode, ExportOptions, ProvenanceMode};
use crate::dataset::{Dataset, note_of};
use std::collections::BTreeSet;

use crate::graph::{Entity, EntityKind, KnowledgeGraph, Relation};
use crate::model::TalkKind;
use crate::resolve::note_iri;
use crate::vocab::{foaf, owl, prov, rdf, schema, tg, xsd};

/// The class of an entity.
pub fn class_of(e: &Entity) -> &'static str {
    match e.kind {
        EntityKind::Note if e.note.as_ref().is_some_and(|n| n.front_matter) => schema::BLOG_POSTING,
        kind => class(kind),
    }
}

/// The class of an entity kind (notes: `schema:DigitalDocument`; with front matter they are
/// `schema:BlogPosting`, see [`class_of`]).
pub fn class(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Event | EntityKind::Talk => schema::EVENT,
        EntityKind::Person => schema::PERSON,
        EntityKind::Organization => schema::ORGANIZATION,
        EntityKind::Tool => schema::SOFTWARE_APPLICATION,
        EntityKind::Repository => schema::SOFTWARE_SOURCE_CODE,
        EntityKind::Slides => schema::PRESENTATION_DIGITAL_DOCUMENT,
        EntityKind::Recording => schema::VIDEO_OBJECT,
        EntityKind::Book => schema::BOOK,
        EntityKind::WebPage => schema::WEB_PAGE,
        EntityKind::Concept => schema::THING,
        EntityKind::Note => schema::DIGITAL_DOCUMENT,
    }
}

/// The concept for a talk kind.
pub fn talk_kind(kind: TalkKind) -> &'static str {
    match kind {
        TalkKind::Keynote => tg::KEYNOTE,
        TalkKind::Talk => tg::TALK,
        TalkKind::Workshop => tg::WORKSHOP,
        TalkKind::Tutorial => tg::TUTORIAL,
        TalkKind::Panel => tg::PANEL,
        TalkKind::Lightning => tg::LIGHTNING_TALK,
    }
}

/// The predicate of a relation.
pub fn predicate(rel: Relation) -> &'static str {
    match rel {
        Relation::SuperEvent => schema::SUPER_EVENT,
        Relation::Performer => schema::PERFORMER,
        Relation::Affiliation => schema::AFFILIATION,
        Relation::Mentions => schema::MENTIONS,
        Relation::InferredMention => tg::INFERRED_MENTION,
        Relation::WorkFeatured => schema::WORK_FEATURED,
        Relation::RecordedIn => schema::RECORDED_IN,
        Relation::Author => schema::AUTHOR,
        Relation::TargetProduct => schema::TARGET_PRODUCT,
        Relation::Publisher => schema::PUBLISHER,
        Relation::About => schema::ABOUT,
        Relation::SameAs => owl::SAME_AS,
    }
}

/// Prefixes the RDF writers may use: the vocabularies, then one per entity kind under the base.
/// Sorted by name.
pub fn prefixes(base: &str) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = vec![
        ("foaf".into(), foaf::NS.into()),
        ("owl".into(), owl::NS.into()),
        ("prov".into(), prov::NS.into()),
        ("rdf".into(), rdf::NS.into()),
        ("schema".into(), schema::NS.into()),
        ("tg".into(), tg::NS.into()),
        ("xsd".into(), xsd::NS.into()),
    ];
    p.extend(EntityKind::ALL.iter().map(|k| (k.segment().to_owned(), format!("{base}{}/", k.segment()))));
    p.sort();
    p
}

/// An IRI from data (a URL in a note): only absolute `http(s)` URLs are written, with the
/// characters an IRI may not hold (spaces, quotes, angle brackets, braces, `|`, `\`, `^`, a
/// backquote, controls) percent-encoded, and only if the result parses. `javascript:`, `data:`,
/// `file:` and relative links never become IRIs.
///
/// ```
/// use talkgraph::export::rdf::data_iri;
/// assert_eq!(data_iri("https://a.example/a b\"<c>").unwrap().as_str(), "https://a.example/a%20b%22%3Cc%3E");
/// assert_eq!(data_iri("https://éxample.example/ü").unwrap().as_str(), "https://éxample.example/ü");
/// assert!(data_iri("javascript:alert(1)").is_none());
/// assert!(data_iri("../notes/other.md").is_none());
/// assert!(data_iri("https://a b.example/").is_none(), "a space in the host is not a URL");
/// ```
pub fn data_iri(url: &str) -> Option<NamedNode> {
    if !crate::extract::is_web(url) {
        return None;
    }
    let needs = |c: char| c.is_control() || matches!(c, ' ' | '"' | '<' | '>' | '{' | '}' | '|' | '\\' | '^' | '`');
    // Only the path, query and fragment are encoded: a host with such characters is no host.
    let host_end = url.find("//").map_or(0, |i| i + 2);
    let host_end = url[host_end..].find(['/', '?', '#']).map_or(url.len(), |i| host_end + i);
    if url[..host_end].contains(needs) {
        return None;
    }
    if !url.contains(needs) {
        return NamedNode::new(url).ok();
    }
    let mut encoded = String::with_capacity(url.len() + 16);
    encoded.push_str(&url[..host_end]);
    for c in url[host_end..].chars() {
        if needs(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                encoded.push_str(&format!("%{b:02X}"));
            }
        } else {
            encoded.push(c);
        }
    }
    NamedNode::new(encoded).ok()
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// What an entity says about itself (not its relations): type, names, links, descriptions,
/// dates, kinds, e-mails per the mode, note metadata.
fn entity_statements(e: &Entity, options: &ExportOptions, out: &mut Vec<Triple>) {
    let mut push = |s: &str, p: &str, o: Term| out.push(Triple::new(node(s), node(p), o));
    let s = e.iri.as_str();
    push(s, rdf::TYPE, node(class_of(e)).into());
    let text = |t: &str, lang: Option<&str>| -> Term {
        lang.and_then(|l| Literal::new_language_tagged_literal(t, l).ok())
            .unwrap_or_else(|| Literal::new_simple_literal(t))
            .into()
    };
    for n in &e.names {
        for lang in e.languages_of(n) {
            push(s, schema::NAME, text(n, lang));
        }
    }
    let url_predicate = if e.kind == EntityKind::Repository { schema::CODE_REPOSITORY } else { schema::URL };
    for u in e.urls.iter().filter_map(|u| data_iri(u)) {
        push(s, url_predicate, u.into());
    }
    for d in &e.descriptions {
        for lang in e.languages_of(d) {
            push(s, schema::DESCRIPTION, text(d, lang));
        }
    }
    if matches!(e.kind, EntityKind::Event | EntityKind::Talk) {
        for d in &e.dates {
            push(s, schema::START_DATE, Literal::new_typed_literal(d, node(xsd::DATE)).into());
        }
    }
    for k in &e.talk_kinds {
        push(s, schema::ADDITIONAL_TYPE, node(talk_kind(*k)).into());
    }
    for u in e.same_as.iter().filter_map(|u| data_iri(u)) {
        push(s, schema::SAME_AS, u.into());
    }
    for email in &e.emails {
        match options.emails {
            EmailMode::Omit => {}
            EmailMode::Hash => {
                let digest = Sha1::digest(format!("mailto:{email}").as_bytes());
                push(s, foaf::MBOX_SHA1SUM, Literal::new_simple_literal(hex(&digest)).into());
            }
            EmailMode::Keep => {
                if let Ok(m) = NamedNode::new(format!("mailto:{email}")) {
                    push(s, schema::EMAIL, m.into());
                }
            }
        }
    }
    if let Some(n) = &e.note {
        push(s, tg::PATH, Literal::new_simple_literal(&n.path).into());
        push(s, tg::SHA256, Literal::new_simple_literal(&n.sha256).into());
        if let Some(p) = &n.published {
            let dt = if p.contains('T') { xsd::DATE_TIME } else { xsd::DATE };
            push(s, schema::DATE_PUBLISHED, Literal::new_typed_literal(p, node(dt)).into());
        }
        for k in &n.keywords {
            push(s, schema::KEYWORDS, Literal::new_simple_literal(k).into());
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a graph states, provenance included, sorted: a note's graph, or the merged graph (the
/// default graph, which is the union of the notes' graphs).
pub fn graph_statements(g: &KnowledgeGraph, options: &ExportOptions) -> Vec<Triple> {
    let mut out = Vec::new();
    let _ = for_each_subject(g, options, |group| {
        out.extend_from_slice(group);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// Calls `f` with the statements of each subject of `g`, subjects in IRI order and each group
/// sorted as [`sort`] sorts, so the concatenation is exactly [`graph_statements`]; nothing but
/// one subject's statements is held at a time. Entities come in IRI order from the graph; a
/// note's source lines (`<note#L12>`) and reified statements (`<note#s-…>`) sort right after
/// the note itself (`#` sorts before any other character a note IRI may continue with).
pub fn for_each_subject<E>(
    g: &KnowledgeGraph,
    options: &ExportOptions,
    mut f: impl FnMut(&[Triple]) -> Result<(), E>,
) -> Result<(), E> {
    use petgraph::Direction::{Incoming, Outgoing};
    use petgraph::graph::{EdgeIndex, NodeIndex};
    use petgraph::visit::EdgeRef;

    let pg = g.petgraph();
    let base = g.base();
    let with_provenance = options.provenance != ProvenanceMode::None;
    let lines = options.provenance == ProvenanceMode::Lines;
    // What each note states, for its source lines and reified statements.
    type Stated = (Vec<(NodeIndex, u32)>, Vec<(EdgeIndex, u32)>);
    let mut by_note: Vec<Stated> = Vec::new();
    if lines {
        by_note.resize_with(g.note_paths().len(), Stated::default);
        for i in pg.node_indices() {
            if pg[i].kind != EntityKind::Note {
                for s in &pg[i].sources {
                    by_note[s.note as usize].0.push((i, s.line));
                }
            }
        }
        for e in pg.edge_indices() {
            let (a, _) = pg.edge_endpoints(e).expect("an edge of the graph");
            if pg[a].kind != EntityKind::Note {
                for s in &pg[e].sources {
                    by_note[s.note as usize].1.push((e, s.line));
                }
            }
        }
    }
    let mut group: Vec<Triple> = Vec::new();
    for i in pg.node_indices() {
        let e = &pg[i];
        if e.kind == EntityKind::Note && !with_provenance {
            continue;
        }
        group.clear();
        entity_statements(e, options, &mut group);
        let s = node(&e.iri);
        for edge in pg.edges_directed(i, Outgoing) {
            group.push(Triple::new(s.clone(), node(predicate(edge.weight().relation)), node(&pg[edge.target()].iri)));
        }
        for edge in pg.edges_directed(i, Incoming).filter(|x| x.weight().relation == Relation::SuperEvent) {
            group.push(Triple::new(s.clone(), node(schema::SUB_EVENT), node(&pg[edge.source()].iri)));
        }
        if with_provenance && e.kind != EntityKind::Note {
            for src in &e.sources {
                let note = note_iri(base, g.source_path(src));
                let from = if lines && src.line > 0 { format!("{note}#L{}", src.line) } else { note };
                group.push(Triple::new(s.clone(), node(prov::WAS_DERIVED_FROM), node(&from)));
            }
        }
        sort(&mut group);
        f(&group)?;
        // The note's own resources: its source lines and reified statements.
        let Some(meta) = e.note.as_ref().filter(|_| lines) else { continue };
        let Some((entities, edges)) = g.note_paths().binary_search(&meta.path).ok().and_then(|i| by_note.get(i)) else {
            continue;
        };
        let note = &e.iri;
        let mut fragments: Vec<Triple> = Vec::new();
        let used: BTreeSet<u32> =
            entities.iter().map(|(_, l)| *l).chain(edges.iter().map(|(_, l)| *l)).filter(|l| *l > 0).collect();
        for line in used {
            let l = node(&format!("{note}#L{line}"));
            fragments.push(Triple::new(l.clone(), node(rdf::TYPE), node(tg::SOURCE_LINE)));
            fragments.push(Triple::new(l.clone(), node(schema::IS_PART_OF), node(note)));
            fragments.push(Triple::new(
                l,
                node(tg::LINE),
                Literal::new_typed_literal(line.to_string(), node(xsd::INTEGER)),
            ));
        }
        let mut reified: std::collections::BTreeMap<EdgeIndex, Vec<u32>> = std::collections::BTreeMap::new();
        for (edge, line) in edges {
            reified.entry(*edge).or_default().push(*line);
        }
        for (edge, edge_lines) in reified {
            let (a, b) = pg.edge_endpoints(edge).expect("an edge of the graph");
            let p = predicate(pg[edge].relation);
            let st = node(&format!("{note}#s-{}", statement_id(&pg[a].iri, p, &pg[b].iri)));
            fragments.push(Triple::new(st.clone(), node(rdf::TYPE), node(rdf::STATEMENT)));
            fragments.push(Triple::new(st.clone(), node(rdf::SUBJECT), node(&pg[a].iri)));
            fragments.push(Triple::new(st.clone(), node(rdf::PREDICATE), node(p)));
            fragments.push(Triple::new(st.clone(), node(rdf::OBJECT), node(&pg[b].iri)));
            for line in edge_lines {
                let from = if line > 0 { node(&format!("{note}#L{line}")) } else { node(note) };
                fragments.push(Triple::new(st.clone(), node(prov::WAS_DERIVED_FROM), from));
            }
        }
        sort(&mut fragments);
        for chunk in fragments.chunk_by(|x, y| x.subject == y.subject) {
            f(chunk)?;
        }
    }
    Ok(())
}

/// The id of a reified statement: 16 hex digits of the SHA-256 of its subject, predicate and
/// object.
fn statement_id(s: &str, p: &str, o: &str) -> String {
    let digest =
        Sha256::new().chain_update(s).chain_update([0]).chain_update(p).chain_update([0]).chain_update(o).finalize();
    hex(&digest[..8])
}

/// Calls `write` with each note's graph name (its IRI) and statements, in path order. Notes are
/// resolved and turned into statements in parallel, a chunk at a time, so memory holds one
/// chunk of statements, not the whole dataset's.
pub fn for_each_note<E>(
    ds: &Dataset,
    options: &ExportOptions,
    mut write: impl FnMut(&NamedNode, &[Triple]) -> Result<(), E>,
) -> Result<(), E> {
    use rayon::prelude::*;
    const CHUNK: usize = 256;
    for start in (0..ds.note_count()).step_by(CHUNK) {
        let end = (start + CHUNK).min(ds.note_count());
        let chunk: Vec<(NamedNode, Vec<Triple>)> = (start..end)
            .into_par_iter()
            .filter_map(|i| {
                let g = ds.note_graph(i);
                let name = node(note_of(&g)?);
                Some((name, graph_statements(&g, options)))
            })
            .collect();
        for (name, triples) in &chunk {
            write(name, triples)?;
        }
    }
    Ok(())
}

/// The default graph: every statement of every note, sorted, without duplicates.
pub fn triples(ds: &Dataset, options: &ExportOptions) -> Vec<Triple> {
    graph_statements(&ds.graph, options)
}

/// The statements of a graph without provenance.
pub fn graph_triples(g: &KnowledgeGraph, options: &ExportOptions) -> Vec<Triple> {
    graph_statements(g, &ExportOptions { provenance: ProvenanceMode::None, ..*options })
}

/// Sorts triples by subject, predicate (`rdf:type` first) and object (literals before IRIs, then
/// by value, language and datatype), and removes duplicates. Compares borrowed strings: no
/// allocation per triple.
pub fn sort(triples: &mut Vec<Triple>) {
    fn subject(t: &Triple) -> &str {
        match &t.subject {
            oxrdf::NamedOrBlankNode::NamedNode(n) => n.as_str(),
            oxrdf::NamedOrBlankNode::BlankNode(b) => b.as_str(),
        }
    }
    fn object(t: &Triple) -> (u8, &str, &str, &str) {
        match &t.object {
            Term::Literal(l) => (0, l.value(), l.language().unwrap_or(""), l.datatype().as_str()),
            Term::NamedNode(n) => (1, n.as_str(), "", ""),
            Term::BlankNode(b) => (2, b.as_str(), "", ""),
        }
    }
    // Callers sort one subject or one note at a time, already in parallel: a sequential sort.
    triples.sort_unstable_by(|a, b| {
        subject(a)
            .cmp(subject(b))
            .then_with(|| (a.predicate.as_str() != rdf::TYPE).cmp(&(b.predicate.as_str() != rdf::TYPE)))
            .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
            .then_with(|| object(a).cmp(&object(b)))
    });
    triples.dedup();
}
