//! Graphviz DOT, written by hand (petgraph's `Dot` makes no promise about its exact output):
//! one node per entity, shaped and colored by kind, labeled by name; edges labeled by
//! relation; a legend of the kinds present. Every ID and label goes through [`quote`].

use std::collections::BTreeSet;
use std::io::Write;

use super::{EmailMode, ExportOptions, Exporter};
use crate::dataset::Dataset;
use crate::error::Error;
use crate::graph::EntityKind;

/// Writes Graphviz DOT of the merged graph.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotExporter {
    /// E-mail settings (addresses appear in tooltips only with `Keep`, hashes with `Hash`).
    pub options: ExportOptions,
}

/// Shape and fill color of a kind.
fn style(kind: EntityKind) -> (&'static str, &'static str) {
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
        EntityKind::Note => ("Msquare", "#ffffff"),
    }
}

const FONT: &str = "Helvetica,Arial,sans-serif";

impl Exporter for DotExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let graph = &data.graph;
        let mut w = std::io::BufWriter::new(out);
        writeln!(w, "digraph talkgraph {{")?;
        writeln!(
            w,
            "  graph [rankdir=LR, fontname={f}, fontsize=12, labelloc=t, label={}];",
            quote(&format!("talkgraph: {} entities, {} relations", graph.entity_count(), graph.relation_count())),
            f = quote(FONT)
        )?;
        writeln!(w, "  node [fontname={f}, fontsize=11, style=filled, color=\"#555555\"];", f = quote(FONT))?;
        writeln!(w, "  edge [fontname={f}, fontsize=9, color=\"#777777\", fontcolor=\"#444444\"];", f = quote(FONT))?;

        let kinds: BTreeSet<EntityKind> = graph.entities().map(|e| e.kind).collect();
        if !kinds.is_empty() {
            writeln!(w)?;
            writeln!(w, "  subgraph cluster_legend {{")?;
            writeln!(w, "    label=\"Legend\"; style=rounded; color=\"#aaaaaa\"; fontsize=11;")?;
            for k in &kinds {
                let (shape, fill) = style(*k);
                writeln!(
                    w,
                    "    {} [label={}, shape={shape}, fillcolor=\"{fill}\"];",
                    quote(&format!("legend:{}", k.segment())),
                    quote(k.label())
                )?;
            }
            let ids: Vec<String> = kinds.iter().map(|k| quote(&format!("legend:{}", k.segment()))).collect();
            if ids.len() > 1 {
                writeln!(w, "    {} [style=invis];", ids.join(" -> "))?;
            }
            writeln!(w, "  }}")?;
        }

        writeln!(w)?;
        for e in graph.entities() {
            let (shape, fill) = style(e.kind);
            let mut tooltip = e.kind.label().to_owned();
            for (i, s) in e.sources.iter().enumerate() {
                if i == 3 {
                    tooltip.push_str(&format!("\n… and {} more", e.sources.len() - 3));
                    break;
                }
                tooltip.push_str(&format!("\n{}:{}", graph.source_path(s), s.line));
            }
            for email in &e.emails {
                match self.options.emails {
                    EmailMode::Omit => {}
                    EmailMode::Hash => {
                        use sha1::Digest;
                        let d = sha1::Sha1::digest(format!("mailto:{email}").as_bytes());
                        let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
                        tooltip.push_str(&format!("\nmbox_sha1sum {hex}"));
                    }
                    EmailMode::Keep => tooltip.push_str(&format!("\n{email}")),
                }
            }
            writeln!(
                w,
                "  {} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}];",
                quote(&e.iri),
                quote(&wrap(e.label(), 28)),
                quote(&tooltip)
            )?;
        }
        writeln!(w)?;
        for (a, edge, b) in graph.relations() {
            let style = match edge.relation {
                crate::graph::Relation::InferredMention => ", style=dashed",
                crate::graph::Relation::SameAs => ", style=dotted, arrowhead=none",
                _ => "",
            };
            writeln!(w, "  {} -> {} [label={}{style}];", quote(&a.iri), quote(&b.iri), quote(edge.relation.label()))?;
        }
        writeln!(w, "}}")?;
        w.flush()?;
        Ok(())
    }
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

/// Wraps `s` at word boundaries so that lines stay near `width` characters.
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in s.split_whitespace() {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
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
    }
}
