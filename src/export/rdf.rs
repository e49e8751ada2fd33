//! The RDF view of a [`Dataset`]: each note's statements (what it says, and where it says it),
//! and the default graph as their union. Every RDF writer uses these, so all formats state
//! exactly the same graph.

use oxrdf::{Literal, NamedNode, Term, Triple};
use rayon::slice::ParallelSliceMut;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::{EmailMode, ExportOptions, ProvenanceMode};
use crate::dataset::{Dataset, note_of};
use crate::graph::{Entity, EntityKind, KnowledgeGraph, Relation};
use crate::model::TalkKind;
use crate::resolve::note_iri;
use crate::vocab::{foaf, prov, rdf, schema, tg, xsd};

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
    }
}

/// Prefixes the RDF writers may use: the vocabularies, then one per entity kind under the base.
/// Sorted by name.
pub fn prefixes(base: &str) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = vec![
        ("foaf".into(), foaf::NS.into()),
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

/// An IRI from data (a URL in a note): only absolute `http(s)` IRIs that parse are written.
fn data_iri(url: &str) -> Option<NamedNode> {
    crate::extract::is_web(url).then(|| NamedNode::new(url).ok()).flatten()
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// What one graph states, without provenance.
fn statements(g: &KnowledgeGraph, options: &ExportOptions, out: &mut Vec<Triple>) {
    let mut push = |s: &str, p: &str, o: Term| out.push(Triple::new(node(s), node(p), o));
    for e in g.entities() {
        if e.kind == EntityKind::Note && options.provenance == ProvenanceMode::None {
            continue;
        }
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
    for (a, edge, b) in g.relations() {
        if options.provenance == ProvenanceMode::None && a.kind == EntityKind::Note {
            continue;
        }
        push(&a.iri, predicate(edge.relation), node(&b.iri).into());
        if edge.relation == Relation::SuperEvent {
            push(&b.iri, schema::SUB_EVENT, node(&a.iri).into());
        }
    }
}

/// Where entities and relations come from: `prov:wasDerivedFrom` the line (`<note#L12>`, a
/// `tg:SourceLine` that is `schema:isPartOf` the note), or the note itself for what its front
/// matter says; relations through reified `rdf:Statement`s (`<note#s-…>`), one per note that
/// states them. Works on a note's graph and on the merged graph alike: the note of each
/// statement is the one its source names.
fn provenance(g: &KnowledgeGraph, options: &ExportOptions, out: &mut Vec<Triple>) {
    if options.provenance == ProvenanceMode::None {
        return;
    }
    let base = g.base();
    let lines = options.provenance == ProvenanceMode::Lines;
    let mut push = |s: &str, p: &str, o: Term| out.push(Triple::new(node(s), node(p), o));
    let source = |note: &str, line: u32, push: &mut dyn FnMut(&str, &str, Term)| -> String {
        if line == 0 || !lines {
            return note.to_owned();
        }
        let l = format!("{note}#L{line}");
        push(&l, rdf::TYPE, node(tg::SOURCE_LINE).into());
        push(&l, schema::IS_PART_OF, node(note).into());
        push(&l, tg::LINE, Literal::new_typed_literal(line.to_string(), node(xsd::INTEGER)).into());
        l
    };
    for e in g.entities().filter(|e| e.kind != EntityKind::Note) {
        for s in &e.sources {
            let note = note_iri(base, &s.path);
            let from = source(&note, s.line, &mut push);
            push(&e.iri, prov::WAS_DERIVED_FROM, node(&from).into());
        }
    }
    if !lines {
        return;
    }
    for (a, edge, b) in g.relations().filter(|(a, _, _)| a.kind != EntityKind::Note) {
        let p = predicate(edge.relation);
        let digest = Sha256::new()
            .chain_update(&a.iri)
            .chain_update([0])
            .chain_update(p)
            .chain_update([0])
            .chain_update(&b.iri)
            .finalize();
        let id = hex(&digest[..8]);
        let mut by_note: std::collections::BTreeMap<&str, Vec<u32>> = std::collections::BTreeMap::new();
        for s in &edge.sources {
            by_note.entry(&*s.path).or_default().push(s.line);
        }
        for (path, lines_of_note) in by_note {
            let note = note_iri(base, path);
            let st = format!("{note}#s-{id}");
            push(&st, rdf::TYPE, node(rdf::STATEMENT).into());
            push(&st, rdf::SUBJECT, node(&a.iri).into());
            push(&st, rdf::PREDICATE, node(p).into());
            push(&st, rdf::OBJECT, node(&b.iri).into());
            for line in lines_of_note {
                let from = source(&note, line, &mut push);
                push(&st, prov::WAS_DERIVED_FROM, node(&from).into());
            }
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
    statements(g, options, &mut out);
    provenance(g, options, &mut out);
    sort(&mut out);
    out
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

/// The statements of a merged graph without provenance (for checking that the union of the
/// notes' statements is the merged graph).
pub fn graph_triples(g: &KnowledgeGraph, options: &ExportOptions) -> Vec<Triple> {
    let mut out = Vec::new();
    statements(g, options, &mut out);
    sort(&mut out);
    out
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
    triples.par_sort_unstable_by(|a, b| {
        subject(a)
            .cmp(subject(b))
            .then_with(|| (a.predicate.as_str() != rdf::TYPE).cmp(&(b.predicate.as_str() != rdf::TYPE)))
            .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
            .then_with(|| object(a).cmp(&object(b)))
    });
    triples.dedup();
}
