//! The RDF view of a [`KnowledgeGraph`]: one sorted list of triples, shared by every RDF
//! writer, so all formats state exactly the same graph.

use oxrdf::{Literal, NamedNode, Term, Triple};

use crate::graph::{EntityKind, KnowledgeGraph, Relation};
use crate::model::TalkKind;
use crate::vocab::{rdf, schema, tg, xsd};

/// The class of an entity kind.
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
    }
}

/// Prefixes the RDF writers may use: the vocabularies, then one per entity kind under the base.
/// Sorted by name.
pub fn prefixes(base: &str) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> =
        vec![("schema".into(), schema::NS.into()), ("tg".into(), tg::NS.into()), ("xsd".into(), xsd::NS.into())];
    p.extend(EntityKind::ALL.iter().map(|k| (k.segment().to_owned(), format!("{base}{}/", k.segment()))));
    p.sort();
    p
}

/// An IRI from data (a URL in a note): only absolute `http(s)` IRIs that parse are written.
fn data_iri(url: &str) -> Option<NamedNode> {
    crate::extract::is_web(url).then(|| NamedNode::new(url).ok()).flatten()
}

/// Every triple of the graph, sorted by subject, predicate, object, without duplicates.
pub fn triples(graph: &KnowledgeGraph) -> Vec<Triple> {
    let mut out: Vec<Triple> = Vec::new();
    let node = |iri: &str| NamedNode::new_unchecked(iri);
    let mut push = |s: &str, p: &str, o: Term| out.push(Triple::new(node(s), node(p), o));
    for e in graph.entities() {
        let s = e.iri.as_str();
        push(s, rdf::TYPE, node(class(e.kind)).into());
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
    }
    for (a, edge, b) in graph.relations() {
        push(&a.iri, predicate(edge.relation), node(&b.iri).into());
        if edge.relation == Relation::SuperEvent {
            push(&b.iri, schema::SUB_EVENT, node(&a.iri).into());
        }
    }
    sort(&mut out);
    out
}

/// Sorts triples by subject, predicate and object (N-Triples form) and removes duplicates.
pub fn sort(triples: &mut Vec<Triple>) {
    triples.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.as_str().to_owned(), t.object.to_string()));
    triples.dedup();
}
