//! Issue 17: diagrams people can read. Views (--focus, --kinds, --only-event) pick the right
//! entities, DOT of every view renders with Graphviz without a warning, pictures come out of
//! Graphviz (or a clear error when it is missing), Mermaid parses with Mermaid's own parser
//! with the labels and ids we meant, and the README's picture is current.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, Output};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use talkgraph::Dataset;
use talkgraph::export::dot::{self, Clusters, DiagramOptions, DotExporter, Layout};
use talkgraph::export::mermaid::MermaidExporter;
use talkgraph::export::{ExportOptions, Exporter, props};
use talkgraph::graph::{EntityKind, KnowledgeGraph, Relation};
use talkgraph::view::{View, ViewError};

type Graph = KnowledgeGraph;

use crate::common::{dataset_of, render_dot, root};

fn talkgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_talkgraph")).args(args).current_dir(root()).output().expect("binary runs")
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("talkgraph-diagrams-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The notes of a folder, read as `talkgraph export` reads them.
fn notes_in(dir: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(root().join(dir))
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| talkgraph::input::is_note(p) && !p.ends_with("SOURCES.md"))
        .map(|p| {
            let name = p.file_name().expect("file").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("UTF-8 note"))
        })
        .collect();
    v.sort();
    v
}

fn dataset(notes: &[(String, String)]) -> Dataset {
    let borrowed: Vec<(&str, &str)> = notes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    dataset_of(&borrowed)
}

fn real() -> Dataset {
    dataset(&notes_in("tests/corpus/real"))
}

fn samples() -> Dataset {
    dataset(&notes_in("samples"))
}

fn dot_of(graph: &Graph, diagram: DiagramOptions) -> String {
    let mut out = Vec::new();
    DotExporter { options: ExportOptions::default(), diagram }
        .export(&Dataset::from_graph(graph.clone()), &mut out)
        .expect("DOT");
    String::from_utf8(out).expect("UTF-8")
}

fn iri_of(g: &KnowledgeGraph, kind: EntityKind, name: &str) -> String {
    g.entities()
        .find(|e| e.kind == kind && e.label() == name)
        .unwrap_or_else(|| panic!("no {kind:?} {name}"))
        .iri
        .clone()
}

/// The entities one relation away from `iri`, either direction.
fn neighbours(g: &KnowledgeGraph, iri: &str) -> BTreeSet<String> {
    g.relations()
        .filter_map(|(a, _, b)| {
            if a.iri == iri {
                Some(b.iri.clone())
            } else if b.iri == iri {
                Some(a.iri.clone())
            } else {
                None
            }
        })
        .collect()
}

fn iris(g: &KnowledgeGraph) -> BTreeSet<String> {
    g.entities().map(|e| e.iri.clone()).collect()
}

#[test]
fn focus_shows_the_neighbourhood_and_does_not_walk_through_conferences() {
    let data = samples();
    let g = &data.graph;
    let ada = iri_of(g, EntityKind::Person, "Ada Lovelace");
    let view = |depth| View { focus: vec!["ada lovelace".into()], depth, ..View::default() }.apply(g).expect("view");

    let zero = view(0);
    assert_eq!(iris(&zero.graph), BTreeSet::from([ada.clone()]));
    assert_eq!(zero.focus, vec![ada.clone()]);

    // Depth 1: Ada and everything linked with her.
    let one = view(1);
    let mut expected = neighbours(g, &ada);
    expected.insert(ada.clone());
    assert_eq!(iris(&one.graph), expected);

    // Depth 2: and everything linked with those, except through the conference or a note.
    let two = view(2);
    let mut expected2 = expected.clone();
    for n in &expected {
        let kind = g.find(n).expect("entity").kind;
        if !matches!(kind, EntityKind::Event | EntityKind::Note) || *n == ada {
            expected2.extend(neighbours(g, n));
        }
    }
    assert_eq!(iris(&two.graph), expected2);
    let event = iri_of(g, EntityKind::Event, "RustLab 2024");
    assert!(expected.contains(&event) || expected2.contains(&event), "the conference is shown");
    assert!(
        !iris(&two.graph).iter().any(|i| g.find(i).is_some_and(|e| e.kind == EntityKind::Note)),
        "the note hangs on the conference, which is not walked through"
    );
    // The relations shown are exactly those between the entities shown.
    let shown = iris(&two.graph);
    let between = g.relations().filter(|(a, _, b)| shown.contains(&a.iri) && shown.contains(&b.iri)).count();
    assert_eq!(two.graph.relation_count(), between);

    // The same focus by IRI and by kind/slug.
    for q in [ada.clone(), "person/ada-lovelace".to_owned(), "  ADA   lovelace ".to_owned()] {
        let v = View { focus: vec![q.clone()], depth: 1, ..View::default() }.apply(g).expect("view");
        assert_eq!(iris(&v.graph), iris(&one.graph), "{q}");
    }

    // A conference as the focus is walked through: all its talks.
    let pycon = View { focus: vec!["PyCon 2024".into()], depth: 1, ..View::default() }.apply(g).expect("view");
    let talks =
        g.relations().filter(|(_, e, b)| e.relation == Relation::SuperEvent && b.label() == "PyCon 2024").count();
    assert_eq!(pycon.graph.entities().filter(|e| e.kind == EntityKind::Talk).count(), talks);
}

#[test]
fn only_event_keeps_one_conference_and_what_its_talks_lead_to() {
    let data = real();
    let g = &data.graph;
    let events: Vec<_> = g.entities().filter(|e| e.kind == EntityKind::Event).collect();
    assert!(events.len() >= 2);
    for event in events {
        let v = View { events: vec![event.label().to_owned()], ..View::default() }.apply(g).expect("view");
        let talks: BTreeSet<String> = g
            .relations()
            .filter(|(_, e, b)| e.relation == Relation::SuperEvent && b.iri == event.iri)
            .map(|(a, _, _)| a.iri.clone())
            .collect();
        let shown_talks: BTreeSet<String> =
            v.graph.entities().filter(|e| e.kind == EntityKind::Talk).map(|e| e.iri.clone()).collect();
        assert_eq!(shown_talks, talks, "{}: the talks of that conference, no other", event.label());
        let shown_events: Vec<&str> =
            v.graph.entities().filter(|e| e.kind == EntityKind::Event).map(|e| e.label()).collect();
        assert_eq!(shown_events, vec![event.label()]);
        // Every speaker and everything mentioned by those talks is there.
        for (a, _, b) in g.relations() {
            if talks.contains(&a.iri) && b.kind != EntityKind::Event {
                assert!(v.graph.find(&b.iri).is_some(), "{}: {} missing", event.label(), b.label());
            }
        }
        render_dot(&dot_of(&v.graph, DiagramOptions::default()));
    }
    let err = View { events: vec!["Ada Lovelace".into()], ..View::default() }
        .apply(&samples().graph)
        .expect_err("not a conference");
    assert!(matches!(err, ViewError::NotFound { what: "conference", .. }), "{err}");
}

#[test]
fn kinds_keep_those_kinds_and_the_relations_between_them() {
    let data = real();
    let g = &data.graph;
    let kinds = vec![EntityKind::Talk, EntityKind::Person, EntityKind::Organization, EntityKind::Tool];
    let v = View { kinds: kinds.clone(), ..View::default() }.apply(g).expect("view");
    assert_eq!(v.graph.entity_count(), g.entities().filter(|e| kinds.contains(&e.kind)).count());
    assert_eq!(
        v.graph.relation_count(),
        g.relations().filter(|(a, _, b)| kinds.contains(&a.kind) && kinds.contains(&b.kind)).count()
    );
    // A focus hidden by --kinds is an error that says so.
    let tool = g.entities().find(|e| e.kind == EntityKind::Tool).expect("a tool").label().to_owned();
    let err = View { focus: vec![tool], kinds: vec![EntityKind::Person], ..View::default() }
        .apply(g)
        .expect_err("hidden by --kinds");
    assert!(err.to_string().contains("--kinds leaves out tool"), "{err}");
}

#[test]
fn an_unknown_focus_suggests_near_names() {
    let g = samples().graph;
    let err = View { focus: vec!["Ada Lovelase".into()], ..View::default() }.apply(&g).expect_err("no such name");
    assert!(err.to_string().contains("did you mean \"Ada Lovelace\" (person)"), "{err}");
    let err = View { focus: vec!["zzzz qqqq".into()], ..View::default() }.apply(&g).expect_err("no such name");
    assert!(matches!(&err, ViewError::NotFound { suggestions, .. } if suggestions.is_empty()), "{err}");
}

#[test]
fn every_view_of_the_real_notes_renders_without_warnings() {
    let data = real();
    let g = &data.graph;
    let speaker = g.relations().find(|(_, e, _)| e.relation == Relation::Performer).expect("a speaker").2.iri.clone();
    let tool = g.entities().find(|e| e.kind == EntityKind::Tool).expect("a tool").iri.clone();
    let views = [
        View::default(),
        View { focus: vec![speaker.clone()], depth: 2, ..View::default() },
        View { focus: vec![tool], depth: 1, ..View::default() },
        View { kinds: vec![EntityKind::Talk, EntityKind::Person, EntityKind::Organization], ..View::default() },
    ];
    for view in views {
        let v = view.apply(g).expect("view");
        for clusters in [Clusters::Event, Clusters::Talk, Clusters::None] {
            let diagram = DiagramOptions {
                clusters,
                focus: v.focus.clone(),
                caption: Some("a \"view\"".into()),
                ..DiagramOptions::default()
            };
            render_dot(&dot_of(&v.graph, diagram));
        }
    }
    // Each engine, on a view small enough for all of them.
    let v = View { focus: vec![speaker], depth: 2, ..View::default() }.apply(g).expect("view");
    for layout in [Layout::Dot, Layout::Fdp, Layout::Sfdp, Layout::Twopi] {
        let dot = dot_of(&v.graph, DiagramOptions { layout, focus: v.focus.clone(), ..DiagramOptions::default() });
        assert!(dot.contains(&format!("layout={}", layout.engine(0, false))), "{layout:?}");
        render_dot(&dot);
    }
}

#[test]
fn dot_draws_kinds_legend_clusters_links_and_readable_labels() {
    let notes = [(
        "n.md",
        "+++\ntitle = \"Notes from DemoConf 2024\"\n+++\n# [TALK] A very long title that goes on and on about many interesting things in computing\nby [Ada Lovelace](https://ada.example/) - Engines\n\n- [evil](javascript:alert(1)) - not a link\n- [ripgrep](https://github.com/BurntSushi/ripgrep) - search\n",
    )];
    let g = dataset_of(&notes).graph;
    let dot = dot_of(&g, DiagramOptions::default());
    render_dot(&dot);
    // One legend entry per kind present, and one per relation present.
    for e in g.entities() {
        assert!(dot.contains(&format!("\"legend:{}\"", e.kind.segment())), "{:?} in the legend", e.kind);
        let (shape, fill) = dot::style(e.kind);
        assert!(dot.contains(&format!("shape={shape}, fillcolor=\"{fill}\"")));
    }
    for (_, e, _) in g.relations() {
        assert!(dot.contains(&format!("\"legend:{}\"", props::relation_name(e.relation))));
    }
    assert!(
        dot.contains("subgraph cluster_0 {") && dot.contains("label=\"DemoConf 2024\""),
        "a box for the conference"
    );
    assert!(dot.contains("URL=\"https://ada.example/\""), "a person's link");
    assert!(!dot.contains("javascript:"), "never a javascript: link");
    // Long titles wrapped and cut, the whole title in the tooltip.
    let talk = g.entities().find(|e| e.kind == EntityKind::Talk).expect("talk");
    let label = dot::label(talk.label());
    assert!(
        label.lines().count() <= 3 && label.lines().all(|l| l.chars().count() <= 23) && label.ends_with('…'),
        "{label:?}"
    );
    assert!(
        dot.contains(&format!("tooltip={}", dot::quote(&format!("{} (talk)", talk.label())).trim_end_matches('"')))
    );

    // In SVG the link is a link, and the tooltip a title.
    let svg = talkgraph::export::render::render(dot.as_bytes(), talkgraph::export::Image::Svg).expect("Graphviz");
    let svg = String::from_utf8(svg).expect("UTF-8");
    assert!(svg.contains("xlink:href=\"https://ada.example/\""), "{svg}");
}

#[test]
fn pictures_from_the_command_line_and_a_clear_error_without_graphviz() {
    let dir = temp("pictures");
    let svg = dir.join("samples.svg");
    let o = talkgraph(&["export", "samples", "--focus", "Ada Lovelace", "-o", svg.to_str().expect("UTF-8 path")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&svg).expect("an SVG file");
    assert!(text.contains("<svg") && text.contains("Ada Lovelace") && text.contains("focus: Ada Lovelace (depth 2)"));
    let png = dir.join("samples.png");
    let o = talkgraph(&["export", "samples", "-f", "png", "-o", png.to_str().expect("UTF-8 path")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&png).expect("a PNG file").starts_with(b"\x89PNG\r\n\x1a\n"));

    // No Graphviz on the PATH: exit 1, how to install it, and no file.
    let empty = temp("no-graphviz");
    let out = dir.join("none.svg");
    let o = Command::new(env!("CARGO_BIN_EXE_talkgraph"))
        .args(["export", "samples", "-f", "svg", "-o", out.to_str().expect("UTF-8 path")])
        .current_dir(root())
        .env("PATH", &empty)
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("apt-get install graphviz") && stderr.contains("--format dot"), "{stderr}");
    assert!(!out.exists(), "no file without Graphviz");
    assert!(
        std::fs::read_dir(&dir).expect("dir").all(|e| !e
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp"))
    );
}

#[test]
fn view_flags_are_checked_before_anything_is_read() {
    let usage = |args: &[&str], says: &str| {
        let o = talkgraph(args);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    };
    usage(&["export", "samples", "--focus", "Ada Lovelace"], "RDF formats write the whole graph");
    usage(&["export", "samples", "-f", "csv"], "-o DIR");
    usage(&["export", "samples", "-f", "mermaid", "--layout", "fdp"], "--layout applies to Graphviz");
    usage(&["export", "samples", "-f", "dot", "--kinds", "talk,nonsense"], "is not a kind");
    usage(&["export", "samples", "-f", "dot", "--depth", "3"], "--focus");
    // The help shows both event flags, told apart.
    let help = String::from_utf8(talkgraph(&["export", "--help"]).stdout).expect("UTF-8");
    for flag in
        ["--only-event", "--focus", "--depth", "--kinds", "--clusters", "--layout", "mermaid", "json-graph", "csv"]
    {
        assert!(help.contains(flag), "export --help lacks {flag}:\n{help}");
    }
    // A focus naming nothing: exit 1, with suggestions, and no output.
    let o = talkgraph(&["export", "samples", "-f", "dot", "--focus", "Ada Lovelase"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean \"Ada Lovelace\""));
    assert!(o.stdout.is_empty());
}

/// Mermaid's own parser on these files (tests/mermaid/parse.mjs): one JSON value per file.
fn parse_mermaid(files: &[PathBuf]) -> Vec<Value> {
    let script = root().join("tests/mermaid/parse.mjs");
    let modules = root().join("tests/mermaid/node_modules/mermaid");
    assert!(
        modules.exists() && Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()),
        "node and Mermaid are needed: `.ci/run` installs them (`npm ci --prefix tests/mermaid`)"
    );
    let o = Command::new("node").arg(script).args(files).output().expect("node runs");
    let values: Vec<Value> = String::from_utf8(o.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON from parse.mjs"))
        .collect();
    for v in &values {
        if let Some(e) = v.get("error") {
            let file = v["file"].as_str().expect("file");
            panic!("Mermaid does not parse {file}: {e}\n{}", std::fs::read_to_string(file).unwrap_or_default());
        }
    }
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(values.len(), files.len());
    values
}

/// A URL as a browser's `URL.href` writes it (Mermaid normalizes links so): host in lower case,
/// `/` for an empty path.
fn href(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("an absolute URL");
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let path = if rest[end..].starts_with('/') { &rest[end..] } else { &format!("/{}", &rest[end..]) };
    format!("{}://{}{path}", scheme.to_ascii_lowercase(), rest[..end].to_ascii_lowercase())
}

fn mermaid_of(graph: &Graph, diagram: DiagramOptions) -> String {
    let mut out = Vec::new();
    MermaidExporter { options: ExportOptions::default(), diagram }
        .export(&Dataset::from_graph(graph.clone()), &mut out)
        .expect("Mermaid");
    String::from_utf8(out).expect("UTF-8")
}

/// What Mermaid shows for a label: our wrapped label, control characters as spaces,
/// bidirectional controls dropped; `(no name)` for a label left blank.
fn shown(label: &str) -> String {
    let s: String = dot::label(label)
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    if s.trim().is_empty() { "(no name)".to_owned() } else { s }
}

/// Mermaid read the graph we wrote: every entity a node with its label, link and class,
/// every relation an edge, each id once.
fn check_mermaid_reads(graph: &Graph, parsed: &Value, what: &str) {
    let vertices = parsed["vertices"].as_array().expect("vertices");
    assert_eq!(vertices.len(), graph.entity_count(), "{what}: nodes");
    assert_eq!(parsed["edges"].as_array().expect("edges").len(), graph.relation_count(), "{what}: edges");
    let ids = talkgraph::export::mermaid::node_ids(graph);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "{what}: ids unique");
    let by_id: BTreeMap<&str, &Value> = vertices.iter().map(|v| (v["id"].as_str().expect("id"), v)).collect();
    for (e, id) in graph.entities().zip(&ids) {
        let v = by_id.get(id.as_str()).unwrap_or_else(|| panic!("{what}: no node {id}"));
        assert_eq!(v["text"].as_str(), Some(shown(e.label()).as_str()), "{what}: label of {}", e.iri);
        assert_eq!(v["link"].as_str().map(href), props::url(e).as_deref().map(href), "{what}: link of {}", e.iri);
        assert!(v["classes"].as_array().expect("classes").iter().any(|c| c == e.kind.segment()), "{what}: class");
    }
    let edges: BTreeSet<(String, String, String)> = parsed["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap_or("").into(),
                e["end"].as_str().unwrap_or("").into(),
                e["text"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let index: BTreeMap<&str, &str> =
        graph.entities().map(|e| e.iri.as_str()).zip(ids.iter().map(String::as_str)).collect();
    for (a, e, b) in graph.relations() {
        let key = (index[a.iri.as_str()].to_owned(), index[b.iri.as_str()].to_owned(), e.relation.label().to_owned());
        assert!(edges.contains(&key), "{what}: edge {key:?}");
    }
}

#[test]
fn mermaid_parses_with_mermaid_and_shows_what_we_meant() {
    let dir = temp("mermaid");
    let mut cases: Vec<(String, Graph, PathBuf)> = Vec::new();
    let real = real();
    let speaker =
        real.graph.relations().find(|(_, e, _)| e.relation == Relation::Performer).expect("speaker").2.iri.clone();
    let focus = View { focus: vec![speaker], depth: 2, ..View::default() }.apply(&real.graph).expect("view");
    for (what, graph, clusters) in [
        ("samples", samples().graph, Clusters::Event),
        ("samples-talks", samples().graph, Clusters::Talk),
        ("focus", focus.graph.clone(), Clusters::Event),
    ] {
        let path = dir.join(format!("{what}.mmd"));
        let diagram = DiagramOptions { clusters, focus: focus.focus.clone(), ..DiagramOptions::default() };
        std::fs::write(&path, mermaid_of(&graph, diagram)).expect("write");
        cases.push((what.to_owned(), graph, path));
    }
    let files: Vec<PathBuf> = cases.iter().map(|c| c.2.clone()).collect();
    let parsed = parse_mermaid(&files);
    for ((what, graph, _), p) in cases.iter().zip(&parsed) {
        check_mermaid_reads(graph, p, what);
    }
    // Boxes: one per conference, holding its talks.
    let samples = &cases[0].1;
    let titles: BTreeSet<&str> =
        parsed[0]["subgraphs"].as_array().expect("subgraphs").iter().filter_map(|s| s["title"].as_str()).collect();
    let events: BTreeSet<&str> =
        samples.entities().filter(|e| e.kind == EntityKind::Event).map(|e| e.label()).collect();
    assert_eq!(titles, events);
    // The focus is marked.
    assert!(
        parsed[2]["vertices"].as_array().expect("v").iter().any(|v| v["classes"]
            .as_array()
            .expect("c")
            .iter()
            .any(|c| c == "focus"))
    );
}

#[test]
fn mermaid_ids_are_stable_whatever_else_is_drawn() {
    let a =
        [("a.md", "# [TALK] Hello\nby Ada Lovelace - Engines\n\n- [ripgrep](https://github.com/BurntSushi/ripgrep)\n")];
    let b = [
        a[0],
        ("b.md", "# [TALK] Other\nby Grace Hopper - Navy\n\n- [ripgrep](https://github.com/BurntSushi/ripgrep)\n"),
    ];
    let alone = dataset_of(&a).graph;
    let together = dataset_of(&b).graph;
    let ids = |g: &Graph| -> BTreeMap<String, String> {
        g.entities().map(|e| e.iri.clone()).zip(talkgraph::export::mermaid::node_ids(g)).collect()
    };
    let (x, y) = (ids(&alone), ids(&together));
    for (iri, id) in &x {
        assert_eq!(y.get(iri), Some(id), "{iri}");
    }
    assert_eq!(x["https://talkgraph.example/id/person/ada-lovelace"], "personAdaLovelace");
    assert_eq!(mermaid_of(&together, DiagramOptions::default()), mermaid_of(&together, DiagramOptions::default()));
}

fn hostile_note(title: &str, name: &str, org: &str, tool: &str) -> String {
    format!(
        "+++\ntitle = \"Notes from Hostile Conf 2024\"\n+++\n# [TALK] {title}\nby [{name}](https://p.example/x) - {org}\n\n- [{tool}](https://t.example/\"q\"<x>) - a tool\n"
    )
}

#[test]
fn hostile_names_survive_mermaid_and_dot_views() {
    // proptest's generator, run here by hand so that one Node process parses every case.
    let mut runner = TestRunner::new(Config { cases: 40, ..Config::default() });
    let strategy = (
        crate::properties::nasty(),
        crate::properties::nasty(),
        crate::properties::nasty(),
        crate::properties::nasty(),
    );
    let dir = temp("hostile");
    let mut cases = Vec::new();
    for i in 0..40 {
        let (title, name, org, tool) = strategy.new_tree(&mut runner).expect("a case").current();
        let text = hostile_note(&title, &name, &org, &tool);
        let graph = dataset_of(&[("n.md", &text)]).graph;
        let talk = graph.entities().find(|e| e.kind == EntityKind::Talk).map(|e| e.iri.clone());
        let view = View { focus: talk.into_iter().collect(), depth: 2, ..View::default() };
        let v = view.apply(&graph).expect("the talk's own IRI");
        let diagram = DiagramOptions {
            clusters: Clusters::Talk,
            focus: v.focus.clone(),
            caption: Some(title.clone()),
            ..DiagramOptions::default()
        };
        if i % 4 == 0 {
            render_dot(&dot_of(&v.graph, diagram.clone()));
        }
        let path = dir.join(format!("{i}.mmd"));
        std::fs::write(&path, mermaid_of(&graph, diagram)).expect("write");
        cases.push((text, graph, path));
    }
    let files: Vec<PathBuf> = cases.iter().map(|c| c.2.clone()).collect();
    for ((text, graph, _), parsed) in cases.iter().zip(parse_mermaid(&files)) {
        check_mermaid_reads(graph, &parsed, text);
    }
}

/// The README's picture: `scripts/readme-picture` renders the samples' DOT with Graphviz and
/// notes in the SVG the SHA-256 of that DOT and the Graphviz version. The DOT is what talkgraph
/// writes now (checked always); the SVG is what this Graphviz makes of it, byte for byte, when
/// the version and fonts noted are this machine's (elsewhere: every entity is in it).
#[test]
fn readme_picture_is_current() {
    let svg_path = root().join("docs/samples-graph.svg");
    let svg = std::fs::read_to_string(&svg_path).expect("docs/samples-graph.svg (scripts/readme-picture makes it)");
    let o = talkgraph(&readme_picture_args());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dot = o.stdout;
    let sha = sha256_hex(&dot);
    let note = |key: &str| -> Option<String> {
        let marker = format!("<!-- talkgraph-{key}: ");
        let start = svg.find(&marker)? + marker.len();
        Some(svg[start..].lines().next()?.trim_end_matches("-->").trim().to_owned())
    };
    assert_eq!(
        note("dot-sha256").as_deref(),
        Some(sha.as_str()),
        "docs/samples-graph.svg was drawn from other DOT than talkgraph writes now: run scripts/readme-picture"
    );
    let renderer = renderer_note();
    if note("renderer").as_deref() == Some(renderer.as_str()) {
        let regenerated = Command::new("bash")
            .arg(root().join("scripts/readme-picture"))
            .arg("--stdout")
            .env("TALKGRAPH", env!("CARGO_BIN_EXE_talkgraph"))
            .current_dir(root())
            .output()
            .expect("bash runs");
        assert!(regenerated.status.success(), "{}", String::from_utf8_lossy(&regenerated.stderr));
        assert!(
            regenerated.stdout == svg.as_bytes(),
            "docs/samples-graph.svg differs from what scripts/readme-picture makes: run it"
        );
    } else {
        eprintln!(
            "note: docs/samples-graph.svg was rendered by {:?}, this machine has {renderer:?}: checking its content only",
            note("renderer")
        );
    }
    let kinds = readme_picture_args()
        .last()
        .expect("--kinds value")
        .split(',')
        .map(|k| talkgraph::view::parse_kind(k).expect("kind"))
        .collect();
    let shown = View { kinds, ..View::default() }.apply(&samples().graph).expect("view").graph;
    assert!(shown.entity_count() > 30);
    for e in shown.entities() {
        assert!(svg.contains(&format!("<title>{}</title>", xml(&e.iri))), "{} not in the picture", e.iri);
    }
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    assert!(readme.contains("docs/samples-graph.svg"), "the README shows the picture");
}

/// The arguments `scripts/readme-picture` gives talkgraph (the script says the same).
fn readme_picture_args() -> Vec<&'static str> {
    vec!["export", "samples", "--format", "dot", "--kinds", "conference,talk,person,organization,tool,book,repository"]
}

/// `dot -V` and the font Graphviz finds for our font list, as the script writes them.
fn renderer_note() -> String {
    let o = Command::new("bash")
        .arg(root().join("scripts/readme-picture"))
        .arg("--renderer")
        .current_dir(root())
        .output()
        .expect("bash runs");
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Text as Graphviz writes it in SVG (it also writes `-` as a character reference).
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('-', "&#45;")
}
