//! GraphML for networkx (`read_graphml`), Gephi and yEd: one `<node>` per entity (its IRI as
//! the id), one `<edge>` per relation, and typed `<key>` declarations for the properties of
//! [`super::props`] (`kind`, `name`, `url`, ...). Text is escaped for XML, and the characters
//! XML 1.0 cannot hold at all (most control characters) are dropped.

use std::io::{BufWriter, Write};

use super::props;
use super::{ExportOptions, Exporter};
use crate::dataset::Dataset;
use crate::error::Error;

/// Writes GraphML of the merged graph.
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphMlExporter {
    /// E-mail settings (an `email` or `mbox_sha1sum` attribute).
    pub options: ExportOptions,
}

impl Exporter for GraphMlExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let graph = &data.graph;
        let mut w = BufWriter::new(out);
        writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            w,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        let node_keys = props::node_keys(&self.options);
        for k in &node_keys {
            writeln!(w, r#"  <key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>"#)?;
        }
        for k in props::EDGE_KEYS {
            writeln!(w, r#"  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>"#)?;
        }
        writeln!(w, r#"  <graph id="talkgraph" edgedefault="directed">"#)?;
        for e in graph.entities() {
            writeln!(w, r#"    <node id="{}">"#, escape(&e.iri))?;
            for (k, v) in node_keys.iter().zip(props::node_values(graph, e, &self.options)) {
                if let Some(v) = v {
                    writeln!(w, r#"      <data key="n_{k}">{}</data>"#, escape(&v))?;
                }
            }
            writeln!(w, "    </node>")?;
        }
        for (i, (a, edge, b)) in graph.relations().enumerate() {
            writeln!(w, r#"    <edge id="e{i}" source="{}" target="{}">"#, escape(&a.iri), escape(&b.iri))?;
            for (k, v) in props::EDGE_KEYS.iter().zip(props::edge_values(graph, edge)) {
                if let Some(v) = v {
                    writeln!(w, r#"      <data key="e_{k}">{}</data>"#, escape(&v))?;
                }
            }
            writeln!(w, "    </edge>")?;
        }
        writeln!(w, "  </graph>")?;
        writeln!(w, "</graphml>")?;
        w.flush()?;
        Ok(())
    }
}

/// Text for XML content or a double-quoted attribute: `&`, `<`, `>`, `"` and `'` as entities,
/// tabs and line breaks as character references (so attributes keep them), other characters
/// XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF) dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping() {
        assert_eq!(escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{0}b\u{7}c\nd\u{fffe}"), "abc&#10;d");
        assert_eq!(escape("é 🐍"), "é 🐍");
    }
}
