//! Node-link JSON, the shape networkx's `node_link_data` writes and `node_link_graph` reads,
//! and the `{nodes, links}` data D3's force layouts take:
//!
//! ```json
//! {"directed": true, "multigraph": true, "graph": {"name": "talkgraph", "base": "…"},
//!  "nodes": [{"id": "https://…/person/ada-lovelace", "kind": "person", "name": "Ada Lovelace", …}],
//!  "edges": [{"source": "https://…/talk/…", "target": "https://…/person/ada-lovelace",
//!             "key": "performer", "relation": "performer", "label": "speaker", …}]}
//! ```
//!
//! The relations are under `edges`, the key networkx writes and reads by default since 3.6
//! (`nx.node_link_graph(data)`); networkx 3.4 and 3.5 read it with `edges="edges"`, older
//! versions with `link="edges"`; D3 takes `data.edges` as the links of `d3.forceLink`. The graph
//! is a directed multigraph (two entities may be linked by several relations), each edge's `key`
//! being its relation. One node or edge per line; properties a node lacks are left out.

use std::io::{BufWriter, Write};

use serde_json::{Map, Value};

use super::props;
use super::{ExportOptions, Exporter};
use crate::dataset::Dataset;
use crate::error::Error;

/// Writes node-link JSON of the merged graph.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonGraphExporter {
    /// E-mail settings (an `email` or `mbox_sha1sum` property).
    pub options: ExportOptions,
}

impl Exporter for JsonGraphExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let graph = &data.graph;
        let mut w = BufWriter::new(out);
        let meta = serde_json::json!({ "name": "talkgraph", "base": graph.base() });
        write!(w, "{{\"directed\": true, \"multigraph\": true, \"graph\": {meta},\n\"nodes\": [")?;
        let keys = props::node_keys(&self.options);
        for (i, e) in graph.entities().enumerate() {
            let mut node = Map::new();
            node.insert("id".into(), Value::String(e.iri.clone()));
            for (k, v) in keys.iter().zip(props::node_values(graph, e, &self.options)) {
                if let Some(v) = v {
                    node.insert((*k).into(), Value::String(v));
                }
            }
            write!(w, "{}\n{}", if i == 0 { "" } else { "," }, Value::Object(node))?;
        }
        write!(w, "],\n\"edges\": [")?;
        for (i, (a, edge, b)) in graph.relations().enumerate() {
            let mut link = Map::new();
            link.insert("source".into(), Value::String(a.iri.clone()));
            link.insert("target".into(), Value::String(b.iri.clone()));
            link.insert("key".into(), Value::String(props::relation_name(edge.relation).into()));
            for (k, v) in props::EDGE_KEYS.iter().zip(props::edge_values(graph, edge)) {
                if let Some(v) = v {
                    link.insert((*k).into(), Value::String(v));
                }
            }
            write!(w, "{}\n{}", if i == 0 { "" } else { "," }, Value::Object(link))?;
        }
        writeln!(w, "]}}")?;
        w.flush()?;
        Ok(())
    }
}
