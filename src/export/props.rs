//! The properties the analytics writers (CSV, GraphML, node-link JSON) give each node and
//! edge: one list, so the three formats carry the same columns under the same names.
//!
//! Nodes: `id` (the IRI), `kind` (`person`, `tool`...: the IRI's kind segment), `name` (the
//! name shown, [`Entity::label`]), `url` (the first web link, as an IRI), `description` (the
//! first), `date` (the earliest), `talk_kind` (talks: `keynote`, `talk`...), `found_at` (the
//! first `note:line` it was read from), then `email` (`--emails keep`) or `mbox_sha1sum`
//! (`--emails hash`). Edges: `relation` (the schema.org or talkgraph property's local name:
//! `performer`, `mentions`...), `label` (`speaker`, `mentions`...) and `found_at`.

use super::{EmailMode, ExportOptions};
use crate::graph::{Edge, Entity, EntityKind, KnowledgeGraph, Relation, Source};

/// Node property names, in column order (after the id).
pub fn node_keys(options: &ExportOptions) -> Vec<&'static str> {
    let mut keys = vec!["kind", "name", "url", "description", "date", "talk_kind", "found_at"];
    match options.emails {
        EmailMode::Omit => {}
        EmailMode::Hash => keys.push("mbox_sha1sum"),
        EmailMode::Keep => keys.push("email"),
    }
    keys
}

/// Edge property names, in column order (after source and target).
pub const EDGE_KEYS: [&str; 3] = ["relation", "label", "found_at"];

/// The values of [`node_keys`] for `e`, in the same order; `None` when it has none.
pub fn node_values(graph: &KnowledgeGraph, e: &Entity, options: &ExportOptions) -> Vec<Option<String>> {
    let mut v = vec![
        Some(e.kind.segment().to_owned()),
        Some(e.label().to_owned()),
        url(e),
        e.descriptions.first().cloned(),
        e.dates.first().cloned(),
        (e.kind == EntityKind::Talk && !e.talk_kinds.is_empty())
            .then(|| e.talk_kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" ")),
        e.sources.first().map(|s| found_at(graph, s)),
    ];
    match options.emails {
        EmailMode::Omit => {}
        EmailMode::Hash => v.push(joined(e.emails.iter().map(|m| mbox_sha1sum(m)))),
        EmailMode::Keep => v.push(joined(e.emails.iter().cloned())),
    }
    v
}

/// The values of [`EDGE_KEYS`] for `edge`.
pub fn edge_values(graph: &KnowledgeGraph, edge: &Edge) -> [Option<String>; 3] {
    [
        Some(relation_name(edge.relation).to_owned()),
        Some(edge.relation.label().to_owned()),
        edge.sources.first().map(|s| found_at(graph, s)),
    ]
}

/// Values joined by a space (e-mail addresses and their hashes hold none); `None` when empty.
fn joined(values: impl Iterator<Item = String>) -> Option<String> {
    let v: Vec<String> = values.collect();
    (!v.is_empty()).then(|| v.join(" "))
}

/// The entity's first web link that is a valid IRI (encoded as the RDF writers write it): never
/// `javascript:` or a relative path, so a viewer can safely make it a link.
pub fn url(e: &Entity) -> Option<String> {
    e.urls.iter().find_map(|u| super::rdf::data_iri(u)).map(|iri| iri.into_string())
}

/// `note.md:12` (`note.md` for the note as a whole).
pub fn found_at(graph: &KnowledgeGraph, s: &Source) -> String {
    let path = graph.source_path(s);
    if s.line == 0 { path.to_owned() } else { format!("{path}:{}", s.line) }
}

/// The SHA-1 of the `mailto:` IRI, hex (what `foaf:mbox_sha1sum` holds).
pub fn mbox_sha1sum(email: &str) -> String {
    use sha1::Digest;
    let d = sha1::Sha1::digest(format!("mailto:{email}").as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The local name of the relation's property (`performer`, `superEvent`, `sameAs`...).
pub fn relation_name(r: Relation) -> &'static str {
    let iri = super::rdf::predicate(r);
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// The relation as a Neo4j relationship type (`PERFORMER`, `SUPER_EVENT`...).
pub fn relation_type(r: Relation) -> String {
    let mut out = String::new();
    for c in relation_name(r).chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The kind as a Neo4j label or class name (`Conference`, `Person`, `WebPage`...).
pub fn kind_label(k: EntityKind) -> &'static str {
    match k {
        EntityKind::WebPage => "WebPage",
        k => k.label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(relation_name(Relation::SuperEvent), "superEvent");
        assert_eq!(relation_name(Relation::SameAs), "sameAs");
        assert_eq!(relation_name(Relation::InferredMention), "inferredMention");
        assert_eq!(relation_type(Relation::WorkFeatured), "WORK_FEATURED");
        assert_eq!(relation_type(Relation::Performer), "PERFORMER");
        assert_eq!(kind_label(EntityKind::Event), "Conference");
        for k in EntityKind::ALL {
            assert!(!kind_label(k).contains(' '), "{k:?}");
        }
    }
}
