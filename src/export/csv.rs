//! CSV for Neo4j's `neo4j-admin database import` and for pandas: `nodes.csv` and
//! `edges.csv`, with Neo4j's header conventions (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`,
//! `:TYPE`) and one column per property ([`super::props`]). Fields are quoted as RFC 4180
//! says (a field holding `,`, `"`, a line break or surrounding spaces is quoted, `"` doubled);
//! an empty field is a property the entity does not have.
//!
//! ```text
//! neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv
//! ```

use std::io::{BufWriter, Write};

use super::ExportOptions;
use super::props;
use crate::error::Error;
use crate::graph::KnowledgeGraph;

/// The nodes file's name in the output folder.
pub const NODES_FILE: &str = "nodes.csv";
/// The edges file's name in the output folder.
pub const EDGES_FILE: &str = "edges.csv";

/// Writes a graph as two CSV tables.
///
/// ```
/// use talkgraph::export::CsvExporter;
/// let n = talkgraph::extract::extract("a.md", "# [TALK] Hi\nby Ada Lovelace - Engines, Ltd\n", &Default::default()).note;
/// let data = talkgraph::Dataset::build(talkgraph::vocab::DEFAULT_BASE, vec![n])?;
/// let (mut nodes, mut edges) = (Vec::new(), Vec::new());
/// CsvExporter::default().write_nodes(&data.graph, &mut nodes)?;
/// CsvExporter::default().write_edges(&data.graph, &mut edges)?;
/// let nodes = String::from_utf8(nodes)?;
/// assert!(nodes.starts_with("id:ID,:LABEL,kind,name,"));
/// assert!(nodes.contains(",Organization,organization,\"Engines, Ltd\","));
/// assert!(String::from_utf8(edges)?.starts_with(":START_ID,:END_ID,:TYPE,relation,label,found_at\n"));
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvExporter {
    /// E-mail settings (an `email` or `mbox_sha1sum` column).
    pub options: ExportOptions,
}

impl CsvExporter {
    /// Writes `nodes.csv`: `id:ID`, `:LABEL`, then the node properties.
    pub fn write_nodes(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> Result<(), Error> {
        let mut w = BufWriter::new(out);
        let mut header = vec!["id:ID", ":LABEL"];
        header.extend(props::node_keys(&self.options));
        row(&mut w, header.into_iter().map(Some))?;
        for e in graph.entities() {
            let values = props::node_values(graph, e, &self.options);
            let first = [Some(e.iri.as_str()), Some(props::kind_label(e.kind))];
            row(&mut w, first.into_iter().chain(values.iter().map(Option::as_deref)))?;
        }
        w.flush()?;
        Ok(())
    }

    /// Writes `edges.csv`: `:START_ID`, `:END_ID`, `:TYPE`, then the edge properties.
    pub fn write_edges(&self, graph: &KnowledgeGraph, out: &mut dyn Write) -> Result<(), Error> {
        let mut w = BufWriter::new(out);
        let header = [":START_ID", ":END_ID", ":TYPE"].into_iter().chain(props::EDGE_KEYS);
        row(&mut w, header.map(Some))?;
        for (a, edge, b) in graph.relations() {
            let kind = props::relation_type(edge.relation);
            let values = props::edge_values(graph, edge);
            let first = [Some(a.iri.as_str()), Some(b.iri.as_str()), Some(kind.as_str())];
            row(&mut w, first.into_iter().chain(values.iter().map(Option::as_deref)))?;
        }
        w.flush()?;
        Ok(())
    }
}

/// One record, `\n`-terminated.
fn row<'a>(w: &mut impl Write, fields: impl Iterator<Item = Option<&'a str>>) -> std::io::Result<()> {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        if let Some(f) = f {
            w.write_all(field(f).as_bytes())?;
        }
    }
    w.write_all(b"\n")
}

/// A field, quoted when it must be (RFC 4180; also leading or trailing spaces, which some
/// readers trim, and an empty string, which would read as a missing value).
pub fn field(s: &str) -> std::borrow::Cow<'_, str> {
    let quote = s.is_empty()
        || s.contains([',', '"', '\n', '\r'])
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if quote { format!("\"{}\"", s.replace('"', "\"\"")).into() } else { s.into() }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(" padded"), "\" padded\"");
        assert_eq!(field(""), "\"\"");
    }
}
