//! Mermaid flowcharts, for Markdown documents and READMEs (GitHub, GitLab, many wikis render
//! a fenced `mermaid` block).
//!
//! Node ids are stable and readable: the entity's IRI under the base in camel case
//! (`person/ada-lovelace` → `personAdaLovelace`), letters and digits only, so no id is a
//! Mermaid keyword or contains an arrow; two entities whose readable ids would collide both get
//! 8 hex digits of their IRI's SHA-256 appended. Labels are always quoted, and `"`, `#`, `<`,
//! `>`, `&` and `` ` `` written as Mermaid's entity codes (`#quot;`...), so no name can end the
//! label, start markup or Markdown, or inject HTML; line breaks within a label are `<br>`.
//!
//! Shapes and colours follow the DOT writer's, one class per kind; boxes (subgraphs) group a
//! conference's or a talk's entities; nodes with a web link are links (`click ... href`).
//! Mermaid has no tooltip without a link, so `--emails hash|keep` writes the hashes or
//! addresses as `%%` comments beside the person.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufWriter, Write};

use petgraph::graph::NodeIndex;
use sha2::{Digest, Sha256};

use super::dot::{self, Clusters, DiagramOptions};
use super::props;
use super::{EmailMode, ExportOptions, Exporter};
use crate::dataset::Dataset;
use crate::error::Error;
use crate::graph::{EntityKind, KnowledgeGraph, Relation};

/// Writes a Mermaid flowchart of the merged graph (or of a view of it).
#[derive(Debug, Clone, Default)]
pub struct MermaidExporter {
    /// E-mail settings.
    pub options: ExportOptions,
    /// Boxes and focus ([`DiagramOptions::layout`] does not apply: Mermaid lays out itself).
    pub diagram: DiagramOptions,
}

impl MermaidExporter {
    /// Mermaid's default `maxEdges`: above it, Mermaid refuses to draw the diagram.
    pub const MAX_EDGES: usize = 500;
    /// Mermaid's default `maxTextSize`, in characters: above it, the same.
    pub const MAX_TEXT: usize = 50_000;
}

/// The opening and closing brackets of a kind's shape.
fn shape(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Event => ("{{", "}}"),
        EntityKind::Talk => ("(", ")"),
        EntityKind::Person => ("([", "])"),
        EntityKind::Organization => ("[/", "\\]"),
        EntityKind::Tool => ("[[", "]]"),
        EntityKind::Repository => ("[(", ")]"),
        EntityKind::Slides => ("[/", "/]"),
        EntityKind::Recording => (">", "]"),
        EntityKind::Book => ("[\\", "\\]"),
        EntityKind::WebPage => ("[", "]"),
        EntityKind::Concept => ("[\\", "/]"),
        EntityKind::Note => ("[", "]"),
    }
}

impl Exporter for MermaidExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let graph = &data.graph;
        let g = graph.petgraph();
        let ids = node_ids(graph);
        let mut w = BufWriter::new(out);
        writeln!(w, "flowchart LR")?;
        writeln!(w, "  %% talkgraph: {} entities, {} relations", graph.entity_count(), graph.relation_count())?;
        if let Some(c) = &self.diagram.caption {
            writeln!(w, "  %% {}", one_line(c))?;
        }
        let homes = match self.diagram.clusters {
            Clusters::Event => dot::homes(graph, EntityKind::Event),
            Clusters::Talk => dot::homes(graph, EntityKind::Talk),
            Clusters::None => vec![None; graph.entity_count()],
        };
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, h) in homes.iter().enumerate() {
            if let Some(h) = h {
                clusters.entry(*h).or_default().push(i);
            }
        }
        clusters.retain(|_, m| m.len() > 1);
        for (n, (&home, members)) in clusters.iter().enumerate() {
            let owner = &g[NodeIndex::new(home)];
            writeln!(w, "  subgraph box{n} [\"{}\"]", label(owner.label()))?;
            for &i in members {
                self.node(&mut w, graph, &ids, i, "    ")?;
            }
            writeln!(w, "  end")?;
        }
        for (i, h) in homes.iter().enumerate() {
            if h.is_none_or(|h| !clusters.contains_key(&h)) {
                self.node(&mut w, graph, &ids, i, "  ")?;
            }
        }
        for e in g.raw_edges() {
            let (a, b) = (&ids[e.source().index()], &ids[e.target().index()]);
            let label = text(e.weight.relation.label());
            match e.weight.relation {
                Relation::SameAs => writeln!(w, "  {a} -.-|\"{label}\"| {b}")?,
                Relation::InferredMention | Relation::About => writeln!(w, "  {a} -.->|\"{label}\"| {b}")?,
                _ => writeln!(w, "  {a} -->|\"{label}\"| {b}")?,
            }
        }
        let kinds: BTreeSet<EntityKind> = graph.entities().map(|e| e.kind).collect();
        for k in kinds {
            let (_, fill) = dot::style(k);
            let dash = if k == EntityKind::Note { ",stroke-dasharray:4 3" } else { "" };
            writeln!(w, "  classDef {} fill:{fill},stroke:#555555,color:#111111{dash}", k.segment())?;
        }
        let focus: Vec<&str> = g
            .node_indices()
            .filter(|i| self.diagram.focus.contains(&g[*i].iri))
            .map(|i| ids[i.index()].as_str())
            .collect();
        if !focus.is_empty() {
            writeln!(w, "  classDef focus stroke:#d62828,stroke-width:3px")?;
            writeln!(w, "  class {} focus", focus.join(","))?;
        }
        for i in g.node_indices() {
            let e = &g[i];
            if let Some(url) = props::url(e) {
                let tip = format!("{} ({})", e.label(), e.kind.label().to_lowercase());
                writeln!(w, "  click {} href \"{}\" \"{}\" _blank", ids[i.index()], text(&url), text(&tip))?;
            }
        }
        w.flush()?;
        Ok(())
    }
}

impl MermaidExporter {
    fn node(
        &self,
        w: &mut impl Write,
        graph: &KnowledgeGraph,
        ids: &[String],
        i: usize,
        indent: &str,
    ) -> std::io::Result<()> {
        let e = &graph.petgraph()[NodeIndex::new(i)];
        let (open, close) = shape(e.kind);
        writeln!(w, "{indent}{}{open}\"{}\"{close}:::{}", ids[i], label(e.label()), e.kind.segment())?;
        for email in &e.emails {
            match self.options.emails {
                EmailMode::Omit => {}
                EmailMode::Hash => writeln!(w, "{indent}%% {} mbox_sha1sum {}", ids[i], props::mbox_sha1sum(email))?,
                EmailMode::Keep => writeln!(w, "{indent}%% {} email {}", ids[i], one_line(email))?,
            }
        }
        Ok(())
    }
}

/// A node's or box's label: wrapped and cut as in DOT ([`dot::label`]), lines joined by
/// `<br>`, each through [`text`]; `(no name)` when nothing visible is left (Mermaid refuses an
/// empty label).
pub fn label(name: &str) -> String {
    let lines: Vec<String> = dot::label(name).split('\n').map(text).collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return "(no name)".to_owned();
    }
    lines.join("<br>")
}

/// Text inside a quoted Mermaid label: the characters that could end it or be read as markup
/// written as entity codes, control characters (line breaks too) as a space, bidirectional
/// controls dropped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for a `%%` comment: one line.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Each entity's node id ([`node_id`]), made unique: ids shared by several entities get 8 hex
/// digits of each IRI's SHA-256.
pub fn node_ids(graph: &KnowledgeGraph) -> Vec<String> {
    let mut ids: Vec<String> = graph.entities().map(|e| node_id(&e.iri, graph.base())).collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for id in &ids {
        *count.entry(id.as_str()).or_default() += 1;
    }
    let shared: BTreeSet<String> = count.into_iter().filter(|(_, n)| *n > 1).map(|(id, _)| id.to_owned()).collect();
    for (id, e) in ids.iter_mut().zip(graph.entities()) {
        if shared.contains(id.as_str()) {
            let d = Sha256::digest(e.iri.as_bytes());
            id.push('X');
            id.extend(d[..4].iter().map(|b| format!("{b:02x}")));
        }
    }
    ids
}

/// The readable id of an IRI: what follows the base, its ASCII letters and digits in camel
/// case (`person/ada-lovelace` → `personAdaLovelace`), at most 48 characters; `n` if none.
pub fn node_id(iri: &str, base: &str) -> String {
    let rel = iri.strip_prefix(base).unwrap_or(iri);
    let mut id = String::new();
    let mut upper = false;
    for c in rel.chars() {
        if id.len() >= 48 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            id.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = !id.is_empty();
        }
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert(0, 'n');
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_text() {
        let base = "https://talkgraph.example/id/";
        assert_eq!(node_id("https://talkgraph.example/id/person/ada-lovelace", base), "personAdaLovelace");
        assert_eq!(node_id("https://talkgraph.example/id/note/2024/a_b.md", base), "note2024ABMd");
        assert_eq!(node_id("urn:x", base), "urnX");
        assert_eq!(node_id("https://talkgraph.example/id/", base), "n");
        assert_eq!(text("a \"b\" #quot; <i>&`x`\n|]"), "a #quot;b#quot; #35;quot; #lt;i#gt;#amp;#96;x#96; |]");
    }
}
