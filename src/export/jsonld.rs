//! JSON-LD: a compact, readable document with the talkgraph context, built from the same
//! triples as the other RDF formats.

use std::io::Write;

use oxrdf::{TermRef, TripleRef};
use serde_json::{Map, Value, json};

use super::{ExportOptions, Exporter, rdf};
use crate::dataset::Dataset;
use crate::error::Error;
use crate::graph::EntityKind;
use crate::vocab::{foaf, prov, schema, tg, xsd};

/// How a term's values are written.
#[derive(Clone, Copy)]
enum Values {
    /// Plain strings are `xsd:string` literals.
    Literal,
    /// Strings are IRIs (`"@type": "@id"`).
    Id,
    /// Strings are literals of this datatype.
    Typed(&'static str),
}

/// The context's property terms: (term, IRI, values).
const TERMS: &[(&str, &str, Values)] = &[
    ("name", schema::NAME, Values::Literal),
    ("description", schema::DESCRIPTION, Values::Literal),
    ("url", schema::URL, Values::Id),
    ("startDate", schema::START_DATE, Values::Typed(xsd::DATE)),
    ("additionalType", schema::ADDITIONAL_TYPE, Values::Id),
    ("superEvent", schema::SUPER_EVENT, Values::Id),
    ("subEvent", schema::SUB_EVENT, Values::Id),
    ("performer", schema::PERFORMER, Values::Id),
    ("affiliation", schema::AFFILIATION, Values::Id),
    ("mentions", schema::MENTIONS, Values::Id),
    ("inferredMention", tg::INFERRED_MENTION, Values::Id),
    ("workFeatured", schema::WORK_FEATURED, Values::Id),
    ("recordedIn", schema::RECORDED_IN, Values::Id),
    ("author", schema::AUTHOR, Values::Id),
    ("codeRepository", schema::CODE_REPOSITORY, Values::Id),
    ("targetProduct", schema::TARGET_PRODUCT, Values::Id),
    ("publisher", schema::PUBLISHER, Values::Id),
    ("sameAs", schema::SAME_AS, Values::Id),
    ("sameEntity", crate::vocab::owl::SAME_AS, Values::Id),
    ("about", schema::ABOUT, Values::Id),
    ("datePublished", schema::DATE_PUBLISHED, Values::Literal),
    ("keywords", schema::KEYWORDS, Values::Literal),
    ("isPartOf", schema::IS_PART_OF, Values::Id),
    ("email", schema::EMAIL, Values::Id),
    ("path", tg::PATH, Values::Literal),
    ("sha256", tg::SHA256, Values::Literal),
    ("line", tg::LINE, Values::Typed(xsd::INTEGER)),
    ("wasDerivedFrom", prov::WAS_DERIVED_FROM, Values::Id),
    ("mbox_sha1sum", foaf::MBOX_SHA1SUM, Values::Literal),
    ("subject", crate::vocab::rdf::SUBJECT, Values::Id),
    ("predicate", crate::vocab::rdf::PREDICATE, Values::Id),
    ("object", crate::vocab::rdf::OBJECT, Values::Id),
];

/// Vocabulary prefixes of the context.
const PREFIXES: &[(&str, &str)] = &[
    ("schema", schema::NS),
    ("tg", tg::NS),
    ("xsd", xsd::NS),
    ("prov", prov::NS),
    ("rdf", crate::vocab::rdf::NS),
    ("foaf", foaf::NS),
    ("owl", crate::vocab::owl::NS),
];

/// Class terms: (term, IRI).
fn class_terms() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&str, &str)> = EntityKind::ALL
        .iter()
        .map(|k| rdf::class(*k))
        .chain([schema::BLOG_POSTING, tg::SOURCE_LINE, crate::vocab::rdf::STATEMENT])
        .map(|iri| (iri.rsplit(['/', '#']).next().unwrap_or(iri), iri))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Compacts an IRI against the vocabulary prefixes.
fn compact_vocab(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{p}:{local}");
        }
    }
    iri.to_owned()
}

/// The published JSON-LD context (`schema/context.jsonld`): vocabulary prefixes, class terms
/// and property terms. Documents written by [`JsonLdExporter`] embed it.
pub fn context() -> Value {
    let mut ctx = Map::new();
    for (p, ns) in PREFIXES {
        ctx.insert((*p).into(), json!(ns));
    }
    for (term, iri) in class_terms() {
        ctx.insert(term.into(), json!(compact_vocab(iri)));
    }
    for (term, iri, values) in TERMS {
        let def = match values {
            Values::Literal => json!(compact_vocab(iri)),
            Values::Id => json!({"@id": compact_vocab(iri), "@type": "@id"}),
            Values::Typed(dt) => json!({"@id": compact_vocab(iri), "@type": compact_vocab(dt)}),
        };
        ctx.insert((*term).into(), def);
    }
    json!({ "@context": Value::Object(ctx) })
}

/// Writes JSON-LD: `{"@context": [context, kind prefixes], "@graph": [nodes]}`.
///
/// Entity IRIs are written as `person:antonio-cuni`, with one prefix per kind under the base.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLdExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for JsonLdExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let kinds: Vec<(String, String)> = EntityKind::ALL
            .iter()
            .map(|k| (k.segment().to_owned(), format!("{}{}/", data.base(), k.segment())))
            .collect();
        let compact_id = |iri: &str| -> String {
            for (p, ns) in &kinds {
                if let Some(local) = iri.strip_prefix(ns.as_str())
                    && !local.is_empty()
                    && !local.starts_with('/')
                {
                    return format!("{p}:{local}");
                }
            }
            compact_vocab(iri)
        };
        let mut local = Map::new();
        for (p, ns) in &kinds {
            local.insert(p.clone(), json!(ns));
        }
        let ctx = context().get("@context").cloned().unwrap_or(Value::Null);
        // The document as serde_json pretty-prints it, with the nodes written one at a time
        // between its head and its tail.
        let shell = json!({ "@context": [ctx, Value::Object(local)], "@graph": [] });
        let shell = serde_json::to_string_pretty(&shell).map_err(std::io::Error::from)?;
        let split = shell.rfind("[]").expect("the empty @graph array");
        let (head, tail) = (&shell[..split], &shell[split + 2..]);
        let mut out = std::io::BufWriter::new(out);
        out.write_all(head.as_bytes())?;
        let mut first = true;
        rdf::for_each_subject(&data.graph, &self.options, |group| -> Result<(), std::io::Error> {
            out.write_all(if first { b"[\n" } else { b",\n" })?;
            first = false;
            let text = serde_json::to_string_pretty(&node(group, &compact_id)).map_err(std::io::Error::from)?;
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(b"    ")?;
                out.write_all(line.as_bytes())?;
            }
            Ok(())
        })?;
        out.write_all(if first { b"[]" } else { b"\n  ]" })?;
        out.write_all(tail.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    }
}

fn node(group: &[TripleRef<'_>], compact_id: &impl Fn(&str) -> String) -> Value {
    let mut obj = Map::new();
    let subject = match group[0].subject {
        oxrdf::NamedOrBlankNodeRef::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    };
    obj.insert("@id".into(), json!(compact_id(&subject)));
    let classes = class_terms();
    let types: Vec<Value> = group
        .iter()
        .filter(|t| t.predicate.as_str() == crate::vocab::rdf::TYPE)
        .filter_map(|t| match t.object {
            TermRef::NamedNode(c) => Some(json!(
                classes
                    .iter()
                    .find(|(_, iri)| *iri == c.as_str())
                    .map_or_else(|| compact_vocab(c.as_str()), |(term, _)| (*term).to_owned())
            )),
            _ => None,
        })
        .collect();
    if !types.is_empty() {
        obj.insert("@type".into(), one_or_many(types));
    }
    // Properties in term order; `@id` and `@type` stay first (insertion order is kept).
    let mut props: Vec<(&str, Vec<Value>)> = Vec::new();
    for by_pred in group.chunk_by(|a, b| a.predicate == b.predicate) {
        let p = by_pred[0].predicate.as_str();
        if p == crate::vocab::rdf::TYPE {
            continue;
        }
        let Some((term, _, values)) = TERMS.iter().find(|(_, iri, _)| *iri == p) else {
            continue;
        };
        let vals = by_pred.iter().map(|t| value(t.object, *values, compact_id)).collect();
        props.push((term, vals));
    }
    props.sort_by(|a, b| a.0.cmp(b.0));
    for (term, vals) in props {
        obj.insert(term.into(), one_or_many(vals));
    }
    Value::Object(obj)
}

fn value(o: TermRef<'_>, values: Values, compact_id: &impl Fn(&str) -> String) -> Value {
    match (o, values) {
        (TermRef::NamedNode(n), Values::Id) => json!(compact_id(n.as_str())),
        (TermRef::NamedNode(n), _) => json!({"@id": compact_id(n.as_str())}),
        (TermRef::Literal(l), _) if l.language().is_some() => {
            json!({"@value": l.value(), "@language": l.language()})
        }
        (TermRef::Literal(l), Values::Literal) if l.datatype() == oxrdf::vocab::xsd::STRING => json!(l.value()),
        (TermRef::Literal(l), Values::Typed(dt)) if l.datatype().as_str() == dt => json!(l.value()),
        (TermRef::Literal(l), _) => json!({"@value": l.value(), "@type": compact_vocab(l.datatype().as_str())}),
        (other, _) => json!(other.to_string()),
    }
}

fn one_or_many(mut v: Vec<Value>) -> Value {
    if v.len() == 1 { v.pop().unwrap_or(Value::Null) } else { Value::Array(v) }
}
