//! Issue 17: analytics without glue code. networkx reads the GraphML and the node-link JSON,
//! Python's csv module and pandas read the CSV, and what they read is the graph talkgraph built
//! (every node with its properties, every relation); `talkgraph stats` counts what the graph
//! holds; the README's examples of every new format run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};
use talkgraph::Dataset;
use talkgraph::export::{CsvExporter, EmailMode, ExportOptions, Exporter, GraphMlExporter, JsonGraphExporter, props};
use talkgraph::graph::{EntityKind, KnowledgeGraph, Relation};

use crate::common::{dataset_of, root};

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("talkgraph-analytics-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// What tests/interop/graphs.py read from `path` with networkx, csv and pandas.
fn read_with_python(what: &str, path: &Path) -> Value {
    let ok = Command::new("python3").args(["-c", "import networkx, pandas"]).status().is_ok_and(|s| s.success());
    assert!(ok, "python3 with networkx and pandas is needed (`.ci/run` installs them)");
    let o = Command::new("python3")
        .arg(root().join("tests/interop/graphs.py"))
        .arg(what)
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "graphs.py {what} {}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON from graphs.py")
}

/// The nodes and edges every analytics format must carry, computed from the graph.
fn expected(graph: &KnowledgeGraph, options: &ExportOptions) -> (Value, BTreeSet<String>) {
    let keys = props::node_keys(options);
    let mut nodes = serde_json::Map::new();
    for e in graph.entities() {
        let mut attrs = serde_json::Map::new();
        for (k, v) in keys.iter().zip(props::node_values(graph, e, options)) {
            if let Some(v) = v {
                attrs.insert((*k).to_owned(), Value::String(v));
            }
        }
        nodes.insert(e.iri.clone(), Value::Object(attrs));
    }
    let edges = graph
        .relations()
        .map(|(a, e, b)| {
            let [relation, label, found_at] = props::edge_values(graph, e);
            json!([a.iri, b.iri, relation, label, found_at]).to_string()
        })
        .collect();
    (Value::Object(nodes), edges)
}

/// The edges as read, in the shape of [`expected`]'s.
fn edges_read(read: &Value) -> BTreeSet<String> {
    read["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| json!([e[0], e[1], e[2]["relation"], e[2]["label"], e[2]["found_at"]]).to_string())
        .collect()
}

fn write(path: &Path, data: &Dataset, exporter: &dyn Exporter) {
    let mut out = Vec::new();
    exporter.export(data, &mut out).expect("export");
    std::fs::write(path, out).expect("write");
}

fn corpus() -> Vec<(String, Dataset)> {
    let mut notes: Vec<PathBuf> = std::fs::read_dir(root().join("tests/corpus/real"))
        .expect("real notes")
        .map(|e| e.expect("entry").path())
        .filter(|p| talkgraph::input::is_note(p) && !p.ends_with("SOURCES.md"))
        .collect();
    notes.sort();
    let texts: Vec<(String, String)> = notes
        .iter()
        .map(|p| {
            (p.file_name().expect("file").to_string_lossy().into_owned(), std::fs::read_to_string(p).expect("UTF-8"))
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let hostile = "+++\ntitle = \"Notes from \\\"Quote\\\", Comma & <Angle> Conf 2024\"\n+++\n# [TALK] Commas, \"quotes\" and\ttabs; <b>bold</b> & 'apostrophes'\nby [Zoë \"Z\" O'Brien, Jr.](https://z.example/a?b=1&c=2) - Acme, Inc. & Sons\n\n- [t,o\"o;l](https://t.example/x) - a \"tool\", with commas\n";
    vec![
        (
            "seed and samples".into(),
            crate::common::dataset_of(&[
                ("pycon-it-2024-day3.md", &std::fs::read_to_string(crate::common::seed_path()).expect("seed")),
                (
                    "rustlab-2024-day1.md",
                    &std::fs::read_to_string(root().join("samples/rustlab-2024-day1.md")).expect("sample"),
                ),
            ]),
        ),
        ("the real notes".into(), dataset_of(&borrowed)),
        ("hostile names".into(), dataset_of(&[("weird, \"name\".md", hostile)])),
    ]
}

#[test]
fn networkx_reads_graphml_and_node_link_json_as_the_graph_we_built() {
    let dir = temp("networkx");
    for (what, data) in corpus() {
        for emails in [EmailMode::Omit, EmailMode::Hash] {
            let options = ExportOptions { emails, ..ExportOptions::default() };
            let (nodes, edges) = expected(&data.graph, &options);
            let graphml = dir.join("g.graphml");
            write(&graphml, &data, &GraphMlExporter { options });
            let read = read_with_python("graphml", &graphml);
            assert_eq!(
                read["nodes"].as_object().expect("nodes").len(),
                data.graph.entity_count(),
                "{what}: GraphML nodes"
            );
            assert_eq!(
                read["edges"].as_array().expect("edges").len(),
                data.graph.relation_count(),
                "{what}: GraphML edges"
            );
            assert_eq!(read["nodes"], nodes, "{what}: GraphML node attributes");
            assert_eq!(edges_read(&read), edges, "{what}: GraphML edges");
            assert_eq!(read["directed"], true);

            let json = dir.join("g.json");
            write(&json, &data, &JsonGraphExporter { options });
            let read = read_with_python("json-graph", &json);
            assert_eq!(
                read["nodes"].as_object().expect("nodes").len(),
                data.graph.entity_count(),
                "{what}: JSON nodes"
            );
            assert_eq!(
                read["edges"].as_array().expect("edges").len(),
                data.graph.relation_count(),
                "{what}: JSON edges"
            );
            assert_eq!(read["nodes"], nodes, "{what}: node-link node attributes");
            assert_eq!(edges_read(&read), edges, "{what}: node-link edges");
            assert_eq!((&read["directed"], &read["multigraph"]), (&json!(true), &json!(true)));
            // Each edge's key is its relation, so parallel relations stay apart.
            for e in read["edges"].as_array().expect("edges") {
                assert_eq!(e[2]["key"], e[2]["relation"]);
            }
        }
    }
}

#[test]
fn csv_and_pandas_read_the_neo4j_tables_as_the_graph_we_built() {
    for (what, data) in corpus() {
        let dir = temp("csv");
        let options = ExportOptions { emails: EmailMode::Keep, ..ExportOptions::default() };
        let csv = CsvExporter { options };
        let mut nodes = Vec::new();
        csv.write_nodes(&data.graph, &mut nodes).expect("nodes");
        std::fs::write(dir.join("nodes.csv"), nodes).expect("write");
        let mut edges = Vec::new();
        csv.write_edges(&data.graph, &mut edges).expect("edges");
        std::fs::write(dir.join("edges.csv"), edges).expect("write");
        let read = read_with_python("csv", &dir);

        let mut header = vec!["id:ID", ":LABEL"];
        header.extend(props::node_keys(&options));
        assert_eq!(read["node_header"], json!(header), "{what}");
        assert_eq!(read["edge_header"], json!([":START_ID", ":END_ID", ":TYPE", "relation", "label", "found_at"]));
        assert_eq!(read["pandas"]["nodes"], json!(data.graph.entity_count()), "{what}: pandas nodes");
        assert_eq!(read["pandas"]["edges"], json!(data.graph.relation_count()), "{what}: pandas edges");

        let (mut nodes, edges) = expected(&data.graph, &options);
        for (iri, attrs) in nodes.as_object_mut().expect("nodes") {
            let e = data.graph.find(iri).expect("entity");
            attrs[":LABEL"] = json!(props::kind_label(e.kind));
        }
        assert_eq!(read["nodes"], nodes, "{what}: CSV nodes");
        assert_eq!(edges_read(&read), edges, "{what}: CSV edges");
        for e in read["edges"].as_array().expect("edges") {
            let t = e[2][":TYPE"].as_str().expect(":TYPE");
            assert!(t.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{t}");
        }
    }
}

fn talkgraph(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_talkgraph")).args(args).current_dir(dir).output().expect("binary runs")
}

#[test]
fn the_command_line_writes_csv_atomically_into_a_folder_and_views_apply() {
    let dir = temp("cli");
    let out = dir.join("tables");
    let o = talkgraph(&["export", "samples", "-f", "csv", "-o", out.to_str().expect("UTF-8")], &root());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = read_with_python("csv", &out);
    let data = crate::common::dataset_of(&[
        ("pycon-it-2024-day3.md", &std::fs::read_to_string(crate::common::seed_path()).expect("seed")),
        (
            "rustlab-2024-day1.md",
            &std::fs::read_to_string(root().join("samples/rustlab-2024-day1.md")).expect("sample"),
        ),
    ]);
    assert_eq!(read["pandas"]["nodes"], json!(data.graph.entity_count()));
    assert_eq!(read["pandas"]["edges"], json!(data.graph.relation_count()));
    let leftovers: Vec<_> = std::fs::read_dir(&out).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(leftovers.len(), 2, "nodes.csv and edges.csv, no temporary file: {leftovers:?}");

    // -o naming a file is refused.
    let file = dir.join("file");
    std::fs::write(&file, "keep me").expect("write");
    let o = talkgraph(&["export", "samples", "-f", "csv", "-o", file.to_str().expect("UTF-8")], &root());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "keep me");

    // A view narrows the tables: Ada's neighbourhood.
    let view = talkgraph::view::View { focus: vec!["Ada Lovelace".into()], depth: 1, ..Default::default() };
    let part = view.apply(&data.graph).expect("view");
    let json = dir.join("ada.json");
    let args = ["export", "samples", "-f", "json-graph", "--focus", "Ada Lovelace", "--depth", "1", "-o"];
    let o = talkgraph(&[&args[..], &[json.to_str().expect("UTF-8")]].concat(), &root());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = read_with_python("json-graph", &json);
    assert_eq!(read["nodes"].as_object().expect("nodes").len(), part.graph.entity_count());
    assert_eq!(read["edges"].as_array().expect("edges").len(), part.graph.relation_count());
}

fn stats_json(paths: &[&str]) -> Value {
    let o = talkgraph(&[&["stats", "--json", "--top", "0", "-q"], paths].concat(), &root());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn stats_count_what_the_graph_holds() {
    let v = stats_json(&["tests/corpus/real", "samples"]);
    let mut notes: Vec<(String, String)> = Vec::new();
    // Named as the command line names them: relative to the folder given (no two collide).
    for dir in ["tests/corpus/real", "samples"] {
        for e in std::fs::read_dir(root().join(dir)).expect("dir") {
            let p = e.expect("entry").path();
            if talkgraph::input::is_note(&p) {
                let name = p.file_name().expect("file").to_string_lossy().into_owned();
                notes.push((name, std::fs::read_to_string(&p).expect("UTF-8")));
            }
        }
    }
    let borrowed: Vec<(&str, &str)> = notes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let g = dataset_of(&borrowed).graph;
    assert_eq!(v["notes"], json!(notes.len()));
    assert_eq!(v["entities"], json!(g.entity_count()));
    assert_eq!(v["relations"], json!(g.relation_count()));
    // Every kind and relation, zeros included; they add up.
    let kinds = v["kinds"].as_object().expect("kinds");
    assert_eq!(kinds.len(), EntityKind::ALL.len());
    for k in EntityKind::ALL {
        assert_eq!(kinds[talkgraph::view::kind_name(k)], json!(g.entities().filter(|e| e.kind == k).count()), "{k:?}");
    }
    assert_eq!(kinds.values().map(|n| n.as_u64().expect("count")).sum::<u64>(), g.entity_count() as u64);
    let rels = v["relations_by_kind"].as_object().expect("relations");
    assert_eq!(rels.values().map(|n| n.as_u64().expect("count")).sum::<u64>(), g.relation_count() as u64);

    // Tools: each ranked by the talks mentioning it, most first, ties by name.
    let tools = v["tools"]["items"].as_array().expect("tools");
    assert_eq!(v["tools"]["total"], json!(tools.len()), "--top 0 lists all");
    for t in tools {
        let iri = t["iri"].as_str().expect("iri");
        let talks: BTreeSet<&str> = g
            .relations()
            .filter(|(a, e, b)| {
                b.iri == iri
                    && a.kind == EntityKind::Talk
                    && matches!(e.relation, Relation::Mentions | Relation::InferredMention)
            })
            .map(|(a, _, _)| a.iri.as_str())
            .collect();
        assert_eq!(t["talks"], json!(talks.len()), "{iri}");
    }
    let keys: Vec<(i64, String)> = tools
        .iter()
        .map(|t| (-t["talks"].as_i64().expect("n"), talkgraph::text::fold(t["name"].as_str().expect("name"))))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "sorted by talks, then name");
    let mentioned = g.entities().filter(|e| e.kind == EntityKind::Tool).filter(|e| {
        g.relations().any(|(a, r, b)| {
            b.iri == e.iri
                && a.kind == EntityKind::Talk
                && matches!(r.relation, Relation::Mentions | Relation::InferredMention)
        })
    });
    assert_eq!(tools.len(), mentioned.count(), "every mentioned tool is ranked");

    // Speakers' talks, conferences' talks.
    for (list, rel) in [("speakers", Relation::Performer), ("conferences", Relation::SuperEvent)] {
        for s in v[list]["items"].as_array().expect(list) {
            let iri = s["iri"].as_str().expect("iri");
            let n = g.relations().filter(|(_, e, b)| b.iri == iri && e.relation == rel).count();
            assert_eq!(s["talks"], json!(n), "{list}: {iri}");
        }
    }

    // Talks without speakers, notes without talks: complete.
    let silent: BTreeSet<&str> = g
        .entities()
        .filter(|e| e.kind == EntityKind::Talk)
        .filter(|e| !g.relations().any(|(a, r, _)| a.iri == e.iri && r.relation == Relation::Performer))
        .map(|e| e.iri.as_str())
        .collect();
    let listed: BTreeSet<&str> =
        v["talks_without_speakers"].as_array().expect("list").iter().map(|t| t["iri"].as_str().expect("iri")).collect();
    assert_eq!(listed, silent);
    let with_talks: BTreeSet<&str> = g
        .entities()
        .filter(|e| e.kind == EntityKind::Talk)
        .flat_map(|e| e.sources.iter().map(|s| g.source_path(s)))
        .collect();
    let no_talks: Vec<&str> = g.note_paths().iter().map(String::as_str).filter(|p| !with_talks.contains(p)).collect();
    let listed: Vec<&str> =
        v["notes_without_talks"].as_array().expect("list").iter().map(|p| p.as_str().expect("path")).collect();
    assert_eq!(listed, no_talks);
}

#[test]
fn stats_find_the_problems_and_print_aligned_tables() {
    let dir = temp("stats");
    std::fs::write(dir.join("a.md"), "# [TALK] Alone\n\nNobody spoke.\n\n# [TALK] Given\nby Ada Lovelace - Engines\n\n- [ripgrep](https://github.com/BurntSushi/ripgrep)\n").expect("write");
    std::fs::write(dir.join("b.md"), "Just prose, no talk at all.\n").expect("write");
    std::fs::write(dir.join("c.md"), "# [TALK] Again\nby Grace Hopper - Navy\n\n- [ripgrep](https://github.com/BurntSushi/ripgrep)\n- [Zig](https://ziglang.example/)\n- [Ada](https://ada-lang.example/)\n").expect("write");
    let o = talkgraph(&["stats", "-q", "."], &dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(text.contains("Notes without talks (1)\n  b.md\n"), "{text}");
    assert!(text.contains("Talks without speakers (1)") && text.contains("Alone") && text.contains("a.md:1"), "{text}");
    // ripgrep (2 talks) first; Ada and Zig tie at 1, by name.
    let tools: Vec<&str> = text.split("Top tools").nth(1).expect("tools").lines().skip(2).take(3).collect();
    assert!(tools[0].contains("ripgrep") && tools[1].contains("Ada") && tools[2].contains("Zig"), "{tools:?}");
    // Columns line up: in each table, the numbers end in the same column.
    let block: Vec<&str> = text.split("Entities by kind\n").nth(1).expect("kinds").lines().take(13).collect();
    let width = block[0].len();
    assert!(block.iter().all(|l| l.len() == width), "{block:#?}");
    // The same run twice: the same bytes; --json parses.
    assert_eq!(talkgraph(&["stats", "-q", "."], &dir).stdout, text.as_bytes());
    let json: Value = serde_json::from_slice(&talkgraph(&["stats", "--json", "-q", "."], &dir).stdout).expect("JSON");
    assert_eq!(json["tools"]["items"][0]["name"], "ripgrep");
    assert_eq!(json["notes_without_talks"], json!(["b.md"]));
}

/// The README's usage examples for the diagram and analytics formats, run as written (in a
/// folder holding a copy of samples/), each writing what it says.
#[test]
fn readme_examples_of_every_new_format_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let start =
        readme.find("<!-- diagram and analytics examples: run by tests/it/analytics.rs -->").expect("the marked block");
    let block = &readme[start..];
    let block = &block[block.find("```sh\n").expect("a sh block") + 6..];
    let block = &block[..block.find("```").expect("its end")];
    let dir = temp("readme");
    std::fs::create_dir_all(dir.join("samples")).expect("dir");
    for e in std::fs::read_dir(root().join("samples")).expect("samples") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.join("samples").join(p.file_name().expect("file"))).expect("copy");
    }
    let mut formats = BTreeSet::new();
    for line in block.lines().filter(|l| l.starts_with("talkgraph ")) {
        // Quoted names with spaces ('Ada Lovelace') are the only shell syntax used.
        let words: Vec<&str> = line.split_whitespace().skip(1).collect();
        let args = join_quoted(&words);
        let o = talkgraph(&args.iter().map(String::as_str).collect::<Vec<_>>(), &dir);
        assert!(o.status.success(), "README example failed: {line}\n{}", String::from_utf8_lossy(&o.stderr));
        if let Some(i) = args.iter().position(|a| a == "-f" || a == "--format") {
            formats.insert(args[i + 1].clone());
        }
        if args[0] == "stats" {
            formats.insert("stats".into());
        }
        if let Some(i) = args.iter().position(|a| a == "-o") {
            let out = dir.join(&args[i + 1]);
            assert!(out.exists(), "{line} wrote nothing");
        }
    }
    for f in ["dot", "svg", "png", "mermaid", "graphml", "json-graph", "csv", "stats"] {
        assert!(formats.contains(f), "the README's examples lack --format {f}");
    }
}

/// `a 'b c' d` split by whitespace → `a`, `b c`, `d`.
fn join_quoted(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for w in words {
        if open {
            let last = out.last_mut().expect("open quote");
            last.push(' ');
            last.push_str(w);
        } else {
            out.push((*w).to_owned());
        }
        if w.starts_with('\'') != w.ends_with('\'') || (w.len() == 1 && *w == "'") {
            open = !open;
        }
    }
    out.into_iter().map(|w| w.trim_matches('\'').to_owned()).collect()
}
