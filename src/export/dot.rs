//! Graphviz DOT, written by hand (petgraph's `Dot` makes no promise about its exact output).
//!
//! What a reader sees: one colour and one shape per kind, with a legend of the kinds and
//! relations present; one colour (and a dash for inferred mentions) per relation; a box per
//! conference (or per talk) around what belongs to it alone; labels wrapped and cut to three
//! lines, the full text, the link and where it was read in the tooltip; nodes with a web link
//! are links in SVG. The focus of a view is drawn with a thick red border. Every ID and label
//! goes through [`quote`].

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use petgraph::graph::NodeIndex;

use super::props;
use super::{EmailMode, ExportOptions, Exporter};
use crate::dataset::Dataset;
use crate::error::Error;
use crate::graph::{EntityKind, KnowledgeGraph, Relation};

/// Writes Graphviz DOT of the merged graph (or of a view of it, [`crate::view`]).
#[derive(Debug, Clone, Default)]
pub struct DotExporter {
    /// E-mail settings (addresses appear in tooltips only with `Keep`, hashes with `Hash`).
    pub options: ExportOptions,
    /// How the diagram is drawn.
    pub diagram: DiagramOptions,
}

/// How a diagram (DOT, SVG, PNG, Mermaid) is drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiagramOptions {
    /// Boxes around what belongs to one conference or one talk.
    pub clusters: Clusters,
    /// Graphviz layout engine.
    pub layout: Layout,
    /// IRIs drawn as the focus (thick border).
    pub focus: Vec<String>,
    /// A line under the title saying what the view shows (`focus: Python, depth 2`).
    pub caption: Option<String>,
}

/// What a diagram draws a box around.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clusters {
    /// One box per conference: the conference, its talks, the notes about it, and what only its
    /// talks lead to (their speakers, slides, tools named nowhere else...). The default.
    #[default]
    Event,
    /// One box per talk: the talk and what only it leads to.
    Talk,
    /// No boxes.
    None,
}

/// The Graphviz layout engine a DOT file asks for (its `layout` attribute, which `dot -Tsvg`
/// obeys too).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// With a focus, `twopi` (the focus in the middle, each step away a ring further) up to
    /// 300 entities; else `dot` (ranks from left to right) up to 150 entities, `fdp` (springs,
    /// conferences kept in their boxes) up to 1,500, `sfdp` above. The default.
    #[default]
    Auto,
    /// Hierarchical, left to right.
    Dot,
    /// Force-directed, clusters kept.
    Fdp,
    /// Force-directed for large graphs (no clusters).
    Sfdp,
    /// Radial, the focus (or the first entity) in the middle.
    Twopi,
}

impl Layout {
    /// The engine's name (`dot`, `fdp`...) for a graph of `entities` entities, drawn around a
    /// focus or not.
    pub fn engine(self, entities: usize, focus: bool) -> &'static str {
        match self {
            Layout::Auto if focus && entities <= 300 => "twopi",
            Layout::Auto if entities <= AUTO_DOT_MAX => "dot",
            Layout::Auto if entities <= 1500 => "fdp",
            Layout::Auto => "sfdp",
            Layout::Dot => "dot",
            Layout::Fdp => "fdp",
            Layout::Sfdp => "sfdp",
            Layout::Twopi => "twopi",
        }
    }
}

/// Above this many entities (without a focus), [`Layout::Auto`] uses `fdp`: `dot` puts a
/// conference's talks in one column, a strip many pages long.
const AUTO_DOT_MAX: usize = 150;

/// Above this many entities, edges are straight lines (except with `dot`).
const SPLINES_MAX: usize = 120;

/// Characters per label line, and lines per label.
const WRAP: usize = 22;
const LINES: usize = 3;

/// Shape and fill colour of a kind (colours from a qualitative palette, each distinct in
/// print and for the common colour-vision deficiencies when paired with the shape).
pub fn style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Event => ("doubleoctagon", "#f4a261"),
        EntityKind::Talk => ("box", "#e9c46a"),
        EntityKind::Person => ("ellipse", "#8ecae6"),
        EntityKind::Organization => ("house", "#a8dadc"),
        EntityKind::Tool => ("component", "#90be6d"),
        EntityKind::Repository => ("folder", "#b5e48c"),
        EntityKind::Slides => ("note", "#ffd6a5"),
        EntityKind::Recording => ("cds", "#ffadad"),
        EntityKind::Book => ("box3d", "#cdb4db"),
        EntityKind::WebPage => ("tab", "#dee2e6"),
        EntityKind::Concept => ("hexagon", "#f1faee"),
        EntityKind::Note => ("rect", "#ffffff"),
    }
}

/// A kind's node style other than the default `filled`.
fn node_style(kind: EntityKind) -> Option<&'static str> {
    match kind {
        EntityKind::Talk => Some("rounded,filled"),
        EntityKind::Note => Some("dashed,filled"),
        _ => None,
    }
}

/// Line colour and style of a relation.
pub fn edge_style(rel: Relation) -> (&'static str, &'static str) {
    match rel {
        Relation::SuperEvent => ("#9a9a9a", "solid"),
        Relation::Performer => ("#1d6fb8", "solid"),
        Relation::Affiliation => ("#2a9d8f", "solid"),
        Relation::Mentions => ("#55882a", "solid"),
        Relation::InferredMention => ("#55882a", "dashed"),
        Relation::WorkFeatured => ("#d9731a", "solid"),
        Relation::RecordedIn => ("#c1121f", "solid"),
        Relation::Author => ("#7b2cbf", "solid"),
        Relation::TargetProduct => ("#386641", "solid"),
        Relation::Publisher => ("#8d5524", "solid"),
        Relation::About => ("#9a9a9a", "dotted"),
        Relation::SameAs => ("#333333", "dotted"),
    }
}

const FONT: &str = "Helvetica,Arial,sans-serif";
const FOCUS_COLOR: &str = "#d62828";

/// Above this many relations, edges carry no text label (their colour says the relation, as
/// the legend shows): past it, labels cover the drawing.
const EDGE_LABELS_MAX: usize = 80;

impl Exporter for DotExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let graph = &data.graph;
        let mut w = std::io::BufWriter::new(out);
        let focus = graph.entities().find(|e| self.diagram.focus.contains(&e.iri)).map(|e| e.iri.as_str());
        let engine = self.diagram.layout.engine(graph.entity_count(), focus.is_some());
        // Edges routed around nodes: costly (a minute for 400 entities with fdp), so only for
        // small graphs where engines other than dot draw straight lines otherwise.
        let splines = if graph.entity_count() <= SPLINES_MAX { "true" } else { "false" };
        let mut title = format!("talkgraph: {} entities, {} relations", graph.entity_count(), graph.relation_count());
        if let Some(c) = &self.diagram.caption {
            title.push('\n');
            title.push_str(c);
        }
        writeln!(w, "digraph talkgraph {{")?;
        write!(
            w,
            "  graph [layout={engine}, fontname={f}, fontsize=14, labelloc=t, label={}",
            quote(&title),
            f = quote(FONT)
        )?;
        match engine {
            "dot" => write!(w, ", rankdir=LR, ranksep=0.6, nodesep=0.25, newrank=true")?,
            "twopi" => {
                write!(w, ", overlap=false, splines={splines}, ranksep=2")?;
                if let Some(root) = focus.or_else(|| graph.entities().next().map(|e| e.iri.as_str())) {
                    write!(w, ", root={}", quote(root))?;
                }
            }
            _ => write!(w, ", overlap=false, splines={splines}, pack=true, K=0.9, sep=\"+8\"")?,
        }
        writeln!(w, "];")?;
        writeln!(
            w,
            "  node [fontname={f}, fontsize=11, style=filled, color=\"#555555\", margin=\"0.12,0.04\"];",
            f = quote(FONT)
        )?;
        writeln!(w, "  edge [fontname={f}, fontsize=9, fontcolor=\"#444444\", arrowsize=0.7];", f = quote(FONT))?;

        self.legend(&mut w, graph)?;

        let homes = match self.diagram.clusters {
            Clusters::Event => homes(graph, EntityKind::Event),
            Clusters::Talk => homes(graph, EntityKind::Talk),
            Clusters::None => vec![None; graph.entity_count()],
        };
        // Members of each cluster with at least two, by the cluster's node index.
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, h) in homes.iter().enumerate() {
            if let Some(h) = h {
                clusters.entry(*h).or_default().push(i);
            }
        }
        clusters.retain(|_, members| members.len() > 1);
        let g = graph.petgraph();
        writeln!(w)?;
        for (n, (&home, members)) in clusters.iter().enumerate() {
            let owner = &g[NodeIndex::new(home)];
            writeln!(w, "  subgraph cluster_{n} {{")?;
            writeln!(
                w,
                "    graph [label={}, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#bbbbbb\", fontsize=12, tooltip={}];",
                quote(&truncate(owner.label(), 60)),
                quote(&format!("{} ({})", owner.label(), owner.kind.label().to_lowercase()))
            )?;
            for &i in members {
                self.node(&mut w, graph, i, "    ")?;
            }
            writeln!(w, "  }}")?;
        }
        for (i, h) in homes.iter().enumerate() {
            if h.is_none_or(|h| !clusters.contains_key(&h)) {
                self.node(&mut w, graph, i, "  ")?;
            }
        }
        writeln!(w)?;
        let labels = graph.relation_count() <= EDGE_LABELS_MAX;
        for (a, edge, b) in graph.relations() {
            let (color, style) = edge_style(edge.relation);
            write!(w, "  {} -> {} [color=\"{color}\"", quote(&a.iri), quote(&b.iri))?;
            if style != "solid" {
                write!(w, ", style={style}")?;
            }
            if edge.relation == Relation::SameAs {
                write!(w, ", arrowhead=none")?;
            }
            if labels {
                write!(w, ", label={}", quote(edge.relation.label()))?;
            }
            writeln!(w, ", tooltip={}];", quote(&format!("{} {} {}", a.label(), edge.relation.label(), b.label())))?;
        }
        writeln!(w, "}}")?;
        w.flush()?;
        Ok(())
    }
}

impl DotExporter {
    /// One node statement.
    fn node(&self, w: &mut impl Write, graph: &KnowledgeGraph, i: usize, indent: &str) -> std::io::Result<()> {
        let e = &graph.petgraph()[NodeIndex::new(i)];
        let (shape, fill) = style(e.kind);
        let mut tooltip = format!("{} ({})", e.label(), e.kind.label().to_lowercase());
        let url = props::url(e);
        if let Some(u) = &url {
            tooltip.push('\n');
            tooltip.push_str(u);
        }
        for (n, s) in e.sources.iter().enumerate() {
            if n == 3 {
                tooltip.push_str(&format!("\n… and {} more", e.sources.len() - 3));
                break;
            }
            tooltip.push_str(&format!("\n{}", props::found_at(graph, s)));
        }
        for email in &e.emails {
            match self.options.emails {
                EmailMode::Omit => {}
                EmailMode::Hash => tooltip.push_str(&format!("\nmbox_sha1sum {}", props::mbox_sha1sum(email))),
                EmailMode::Keep => tooltip.push_str(&format!("\n{email}")),
            }
        }
        write!(
            w,
            "{indent}{} [label={}, shape={shape}, fillcolor=\"{fill}\"",
            quote(&e.iri),
            quote(&label(e.label()))
        )?;
        if let Some(style) = node_style(e.kind) {
            write!(w, ", style=\"{style}\"")?;
        }
        if self.diagram.focus.contains(&e.iri) {
            write!(w, ", penwidth=3, color=\"{FOCUS_COLOR}\", fontsize=13")?;
        }
        if let Some(u) = &url {
            write!(w, ", URL={}, target=\"_blank\"", quote(u))?;
        }
        writeln!(w, ", tooltip={}];", quote(&tooltip))
    }

    /// The legend: the kinds present, with their shapes and colours, and the relations present,
    /// with their colours, in a box of its own.
    fn legend(&self, w: &mut impl Write, graph: &KnowledgeGraph) -> std::io::Result<()> {
        let kinds: BTreeSet<EntityKind> = graph.entities().map(|e| e.kind).collect();
        if kinds.is_empty() {
            return Ok(());
        }
        let relations: BTreeSet<Relation> = graph.relations().map(|(_, e, _)| e.relation).collect();
        writeln!(w)?;
        writeln!(w, "  subgraph cluster_legend {{")?;
        writeln!(w, "    graph [label=\"Legend\", style=rounded, color=\"#aaaaaa\", fontsize=12];")?;
        // Two rows: the kinds, and the relations in their colours (ranks run from left to
        // right with `dot`, so a chain of invisible edges is a row).
        let mut kind_ids = Vec::new();
        for k in &kinds {
            let (shape, fill) = style(*k);
            let id = quote(&format!("legend:{}", k.segment()));
            let extra = node_style(*k).map(|s| format!(", style=\"{s}\"")).unwrap_or_default();
            writeln!(
                w,
                "    {id} [label={}, shape={shape}, fillcolor=\"{fill}\"{extra}, tooltip={}];",
                quote(k.label()),
                quote(k.label())
            )?;
            kind_ids.push(id);
        }
        let mut relation_ids = Vec::new();
        for r in &relations {
            let id = quote(&format!("legend:{}", props::relation_name(*r)));
            writeln!(
                w,
                "    {id} [label={}, shape=plaintext, style=\"\", height=0.2, margin=0, fontsize=10, fontcolor=\"{}\", tooltip={}];",
                quote(&format!("{} {}", arrow(*r), r.label())),
                edge_style(*r).0,
                quote(r.label())
            )?;
            relation_ids.push(id);
        }
        for row in [&kind_ids, &relation_ids] {
            if row.len() > 1 {
                writeln!(w, "    {} [style=invis];", row.join(" -> "))?;
            }
        }
        writeln!(w, "  }}")
    }
}

/// How a relation is drawn, in text: `──▶`, `╌╌▶` (dashed), `···` (dotted).
fn arrow(r: Relation) -> &'static str {
    match (edge_style(r).1, r) {
        (_, Relation::SameAs) => "·····",
        ("dashed", _) => "╌╌╌▶",
        ("dotted", _) => "····▶",
        _ => "────▶",
    }
}

/// Which cluster each entity belongs to (the node index of its conference or talk), by
/// relations: a talk's conference is the one it is part of, a note's the one it is about;
/// anything else belongs to the one cluster of all the talks it is linked with, or (when linked
/// with no talk, like a speaker's organization) the one cluster of everything it is linked with.
pub(crate) fn homes(graph: &KnowledgeGraph, by: EntityKind) -> Vec<Option<usize>> {
    let g = graph.petgraph();
    let n = g.node_count();
    let mut home: Vec<Option<usize>> = vec![None; n];
    // The containers themselves, then talks and notes by their conference.
    for i in g.node_indices() {
        let e = &g[i];
        if e.kind == by {
            home[i.index()] = Some(i.index());
        } else if by == EntityKind::Event && matches!(e.kind, EntityKind::Talk | EntityKind::Note) {
            let events: BTreeSet<usize> = g
                .neighbors_directed(i, petgraph::Direction::Outgoing)
                .filter(|j| g[*j].kind == EntityKind::Event)
                .map(|j| j.index())
                .collect();
            if events.len() == 1 {
                home[i.index()] = events.first().copied();
            }
        }
    }
    let containers = |k: EntityKind| matches!(k, EntityKind::Event | EntityKind::Talk | EntityKind::Note);
    // Everything linked with a talk: the one home of all its talks.
    let first: Vec<Option<usize>> = g
        .node_indices()
        .map(|i| {
            if containers(g[i].kind) {
                return home[i.index()];
            }
            let talks: Vec<NodeIndex> = g.neighbors_undirected(i).filter(|j| g[*j].kind == EntityKind::Talk).collect();
            if talks.is_empty() {
                return None;
            }
            let homes: BTreeSet<Option<usize>> = talks.iter().map(|t| home[t.index()]).collect();
            if homes.len() == 1 { homes.into_iter().next().flatten() } else { None }
        })
        .collect();
    // The rest: the one home of everything it is linked with, if they all have one.
    g.node_indices()
        .map(|i| {
            if containers(g[i].kind) || g.neighbors_undirected(i).any(|j| g[j].kind == EntityKind::Talk) {
                return first[i.index()];
            }
            let homes: BTreeSet<Option<usize>> = g.neighbors_undirected(i).map(|j| first[j.index()]).collect();
            if homes.len() == 1 { homes.into_iter().next().flatten() } else { None }
        })
        .collect()
}

/// A label: wrapped at word boundaries to lines of about 22 characters, at most three lines,
/// the rest cut with `…` (the tooltip has the whole text).
pub fn label(s: &str) -> String {
    let lines = wrap(s, WRAP);
    let mut out: Vec<&str> = lines.split('\n').collect();
    if out.len() <= LINES {
        return lines;
    }
    out.truncate(LINES);
    let mut s = out.join("\n");
    s.push('…');
    s
}

/// `s` cut to `max` characters, with `…`.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

/// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n` (centered lines),
/// other control characters dropped. The result is always a valid DOT ID, and Graphviz shows
/// the text as given.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            // Bidirectional controls would reorder the rest of the line in viewers.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Wraps `s` at word boundaries so that lines stay near `width` characters; a word longer than
/// a line is cut into pieces of `width`.
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in s.split_whitespace() {
        let mut chars: Vec<char> = word.chars().collect();
        while !chars.is_empty() {
            let n = chars.len().min(width);
            if line > 0 && line + 1 + n > width {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            let piece: String = chars.drain(..n).collect();
            out.push_str(&piece);
            line += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("x\ny\r\0z"), r#""x\nyz""#);
        assert_eq!(quote("}\"\"\">"), r#""}\"\"\">""#);
        assert_eq!(wrap("one two three four", 8), "one two\nthree\nfour");
        assert_eq!(wrap("https://a.example/very/long/path", 10), "https://a.\nexample/ve\nry/long/pa\nth");
        assert_eq!(
            label(
                "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z"
            ),
            "a b c d e f g h i j k\nl m n o p q r s t u v\nw x y z a b c d e f g…"
        );
    }
}
