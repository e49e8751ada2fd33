//! Issue 16: `talkgraph push` against a real Oxigraph server started here (`oxigraph serve` on a
//! free loopback port), with a logging proxy in front of it that can break requests; and a run
//! that reads no note keeps the old output (export) or leaves the store untouched (push).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

use crate::common::root;
use crate::server::{Fault, Oxigraph, Proxy, encode};

const BASE: &str = "https://talkgraph.example/id/";
const MANIFEST: &str = "https://talkgraph.example/id/push-manifest";

fn talkgraph(args: &[&str]) -> Output {
    talkgraph_env(args, &[])
}

/// Runs the binary; `push` and `export` with `--mentions curated`, so that each note's graph
/// depends on that note alone (with `corpus`, a note that links a tool changes what other notes
/// infer) and "exactly those graphs changed" is what the notes' changes say.
fn talkgraph_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_talkgraph"));
    c.args(args).current_dir(root());
    if matches!(args.first(), Some(&"push" | &"export")) {
        c.args(["--mentions", "curated"]);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn note(name: &str) -> String {
    format!("{BASE}note/{name}")
}

/// A folder of notes to change: the samples, the real notes, and two notes naming one tool by
/// two names at one URL (an owl:sameAs link in the default graph).
fn notes_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("talkgraph-push-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for from in ["samples", "tests/corpus/real"] {
        for entry in std::fs::read_dir(root().join(from)).expect("a folder") {
            let path = entry.expect("an entry").path();
            if talkgraph::input::is_note(&path) {
                std::fs::copy(&path, dir.join(path.file_name().expect("a name"))).expect("copy");
            }
        }
    }
    std::fs::write(
        dir.join("links-a.md"),
        "# [TALK] Tools A\nby Ann Lee - Acme\n\n- [Foo](https://github.com/acme/foo) - a tool\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("links-b.md"),
        "# [TALK] Tools B\nby Bob Ray - Acme\n\n- [Foo2](https://github.com/acme/foo) - a tool\n",
    )
    .expect("write");
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// What `export --format nquads` writes for `dir`: each graph's statements as N-Triples lines
/// (`""`: the default graph), and each note graph's N-Triples in the order written.
fn exported(dir: &Path) -> (BTreeMap<String, BTreeSet<String>>, BTreeMap<String, String>) {
    let o = talkgraph(&["export", path(dir), "-f", "nquads"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut sets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut ordered: BTreeMap<String, String> = BTreeMap::new();
    for q in oxttl::NQuadsParser::new().for_slice(text.as_bytes()) {
        let q = q.expect("N-Quads parse");
        let graph = match &q.graph_name {
            oxrdf::GraphName::NamedNode(n) => n.as_str().to_owned(),
            _ => String::new(),
        };
        let t = oxrdf::Triple::from(q);
        if !graph.is_empty() {
            ordered.entry(graph.clone()).or_default().push_str(&format!("{t} .\n"));
        }
        sets.entry(graph).or_default().insert(t.to_string());
    }
    (sets, ordered)
}

/// Every graph of the store: named graphs (by SPARQL) and the default graph (`""`), as sets of
/// N-Triples lines (through the Graph Store Protocol).
fn snapshot(server: &Oxigraph) -> BTreeMap<String, BTreeSet<String>> {
    let mut all: BTreeMap<String, BTreeSet<String>> =
        server.graph_sizes().into_keys().map(|g| (g.clone(), server.graph(Some(&g)))).collect();
    let default = server.graph(None);
    if !default.is_empty() {
        all.insert(String::new(), default);
    }
    all
}

/// The manifest's SHA-256 per note, by SPARQL.
fn manifest_hashes(server: &Oxigraph) -> BTreeMap<String, String> {
    server
        .select(&format!(
            "SELECT ?note ?sha WHERE {{ GRAPH <{MANIFEST}> {{ ?note <https://w3id.org/talkgraph/vocab#graphSha256> ?sha }} }}"
        ))
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

fn without(map: &BTreeMap<String, BTreeSet<String>>, keys: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    map.iter().filter(|(k, _)| !keys.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// The graphs of requests of `method` the proxy saw (the manifest's left out).
fn graphs_of(proxy: &Proxy, method: &str) -> BTreeSet<String> {
    proxy
        .log()
        .iter()
        .filter(|r| r.method == method)
        .map(|r| r.target.clone())
        .filter(|t| !t.contains(&encode(MANIFEST)))
        .collect()
}

fn target(graph: &str) -> String {
    format!("/store?graph={}", encode(graph))
}

#[test]
fn push_keeps_a_real_server_in_step_with_changing_notes() {
    let server = Oxigraph::start("step");
    let dir = notes_dir("step");
    let o = talkgraph(&["push", "--endpoint", &server.store_url(), path(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));

    // The store holds what export writes: each note's graph, the links in the default graph.
    let (want, ordered) = exported(&dir);
    let first = snapshot(&server);
    assert_eq!(without(&first, &[MANIFEST]), want);
    assert!(want[""].iter().any(|t| t.contains("owl#sameAs")), "the default graph has the tool's link");
    // The manifest records the SHA-256 of each graph's N-Triples as sent.
    let hashes: BTreeMap<String, String> =
        ordered.iter().map(|(g, nt)| (g.clone(), format!("{:x}", Sha256::digest(nt.as_bytes())))).collect();
    assert_eq!(manifest_hashes(&server), hashes);

    // Change one note, delete another (and the note whose tool made the link).
    let changed = dir.join("rustlab-2024-day1.md");
    let mut text = std::fs::read_to_string(&changed).expect("a note");
    text.push_str("\n# [TALK] Borrowing in practice\nby Grace Hopper - Navy\n\n- [clippy](https://github.com/rust-lang/rust-clippy) - lints\n");
    std::fs::write(&changed, text).expect("write");
    std::fs::remove_file(dir.join("jsconfeu-2013-moszeed.md")).expect("delete");
    std::fs::remove_file(dir.join("links-b.md")).expect("delete");

    // The dry run says so, and sends nothing but the manifest's GET.
    let proxy = Proxy::start(server.port(), Fault::None);
    let dry = talkgraph(&["push", "--endpoint", &proxy.store_url(), path(&dir), "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let plan = stdout(&dry);
    assert!(
        plan.contains(&format!("PUT     <{}>  rustlab-2024-day1.md (changed)", note("rustlab-2024-day1.md"))),
        "{plan}"
    );
    assert!(plan.contains(&format!("DELETE  <{}>", note("jsconfeu-2013-moszeed.md"))), "{plan}");
    assert!(plan.contains("-LINK   <https://talkgraph.example/id/tool/foo2> owl:sameAs"), "{plan}");
    let notes = std::fs::read_dir(&dir)
        .expect("the folder")
        .filter(|e| e.as_ref().is_ok_and(|e| talkgraph::input::is_note(&e.path())))
        .count();
    // The notes left, but the one changed, are unchanged.
    let unchanged = format!("dry run: 1 graph to replace, 2 to delete, {} unchanged", notes - 1);
    assert!(plan.contains(&unchanged), "{plan}");
    assert_eq!(proxy.log().len(), 1, "{:?}", proxy.log());
    assert_eq!(snapshot(&server), first, "a dry run changes nothing");

    // The push sends exactly those graphs.
    let o = talkgraph(&["push", "--endpoint", &proxy.store_url(), path(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        graphs_of(&proxy, "PUT"),
        BTreeSet::from([target(&note("rustlab-2024-day1.md")), "/store?default".to_owned()])
    );
    assert_eq!(
        graphs_of(&proxy, "DELETE"),
        BTreeSet::from([target(&note("jsconfeu-2013-moszeed.md")), target(&note("links-b.md"))])
    );
    assert!(graphs_of(&proxy, "POST").is_empty());

    // By SPARQL: exactly those graphs changed, as export says they should be.
    let (want, ordered) = exported(&dir);
    let second = snapshot(&server);
    assert_eq!(without(&second, &[MANIFEST]), want);
    let sizes = server.graph_sizes();
    assert!(!sizes.contains_key(&note("jsconfeu-2013-moszeed.md")) && !sizes.contains_key(&note("links-b.md")));
    assert!(!server.ask(&format!("ASK {{ GRAPH <{}> {{ ?s ?p ?o }} }}", note("jsconfeu-2013-moszeed.md"))));
    assert!(server.ask(&format!(
        "ASK {{ GRAPH <{}> {{ ?t <https://schema.org/name> \"Borrowing in practice\" }} }}",
        note("rustlab-2024-day1.md")
    )));
    let gone = [note("jsconfeu-2013-moszeed.md"), note("links-b.md")];
    let changed_graphs = [note("rustlab-2024-day1.md"), String::new(), MANIFEST.to_owned()];
    for (g, content) in &first {
        if gone.contains(g) {
            assert!(!second.contains_key(g), "{g} is deleted");
        } else if changed_graphs.contains(g) {
            assert_ne!(second.get(g), Some(content), "{g} changed");
        } else {
            assert_eq!(second.get(g), Some(content), "{g} is untouched");
        }
    }
    assert!(!second.contains_key(""), "the link's note is gone: so is the link");
    let hashes: BTreeMap<String, String> =
        ordered.iter().map(|(g, nt)| (g.clone(), format!("{:x}", Sha256::digest(nt.as_bytes())))).collect();
    assert_eq!(manifest_hashes(&server), hashes);

    // Pushing unchanged notes again sends no graph: one request, the manifest's GET.
    let proxy = Proxy::start(server.port(), Fault::None);
    let o = talkgraph(&["push", "--endpoint", &proxy.store_url(), path(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let log = proxy.log();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!((log[0].method.as_str(), log[0].target.as_str()), ("GET", target(MANIFEST).as_str()));
    let up_to_date = format!("is up to date: {notes} notes unchanged, nothing sent (1 request)");
    assert!(stderr(&o).contains(&up_to_date), "{}", stderr(&o));
    assert_eq!(snapshot(&server), second);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_connection_dropped_mid_request_leaves_the_store_as_it_was() {
    let server = Oxigraph::start("drop");
    let dir = notes_dir("drop");
    let o = talkgraph(&["push", "--endpoint", &server.store_url(), path(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&server);
    let seed = note("pycon-it-2024-day3.md");
    let changed = dir.join("pycon-it-2024-day3.md");
    let text = std::fs::read_to_string(&changed).expect("a note").replace("Antonio Cuni", "Antonio Cuni Jr");
    std::fs::write(&changed, text).expect("write");

    // The proxy forwards half of that graph's PUT to the server, then drops both connections.
    let proxy = Proxy::start(server.port(), Fault::DropPutMidBody(encode(&seed)));
    let o = talkgraph(&["push", "--endpoint", &proxy.store_url(), path(&dir), "--retries", "1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains(&format!("note pycon-it-2024-day3.md <{seed}>: PUT ")), "names the note: {e}");
    assert!(e.contains("(after 2 tries)") && e.contains("run push again"), "{e}");
    let puts = proxy.log().iter().filter(|r| r.method == "PUT" && r.target == target(&seed)).count();
    assert_eq!(puts, 2, "tried, then retried once");

    // Every graph is as it was; the manifest no longer vouches for the changed note's graph.
    let after = snapshot(&server);
    assert_eq!(without(&after, &[MANIFEST]), without(&before, &[MANIFEST]));
    assert!(!manifest_hashes(&server).contains_key(&seed));
    assert!(server.ask(&format!(
        "ASK {{ GRAPH <{MANIFEST}> {{ ?m <https://w3id.org/talkgraph/vocab#pushedGraph> <{seed}> }} }}"
    )));

    // Even if the note goes back to what the store holds, the next push sends it again.
    let dry = talkgraph(&["push", "--endpoint", &server.store_url(), path(&dir), "--dry-run"]);
    assert!(stdout(&dry).contains(&format!("PUT     <{seed}>  pycon-it-2024-day3.md (unsure)")), "{}", stdout(&dry));
    let o = talkgraph(&["push", "--endpoint", &server.store_url(), path(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (want, _) = exported(&dir);
    assert_eq!(without(&snapshot(&server), &[MANIFEST]), want);
    assert!(manifest_hashes(&server).contains_key(&seed));

    // A store that cannot be reached: nothing happens, exit 1.
    drop(proxy);
    let closed = Proxy::start(server.port(), Fault::FirstDropped(usize::MAX));
    let o = talkgraph(&["push", "--endpoint", &closed.store_url(), path(&dir), "--retries", "0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("reading the manifest graph") && stderr(&o).contains("nothing was pushed"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn retries_ride_out_a_flaky_server_and_the_auth_header_goes_with_every_request() {
    let server = Oxigraph::start("flaky");
    let dir = notes_dir("flaky");
    let env = [("TALKGRAPH_TEST_AUTH", "Bearer s3cret")];
    let proxy = Proxy::start(server.port(), Fault::First503(2));
    let o = talkgraph_env(
        &["push", "--endpoint", &proxy.store_url(), path(&dir), "--auth-header-env", "TALKGRAPH_TEST_AUTH"],
        &env,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let log = proxy.log();
    assert_eq!(
        (log[0].target.as_str(), log[1].target.as_str(), log[2].target.as_str()),
        (target(MANIFEST).as_str(), target(MANIFEST).as_str(), target(MANIFEST).as_str())
    );
    for r in &log {
        assert!(r.headers.contains(&("authorization".to_owned(), "Bearer s3cret".to_owned())), "{r:?}");
    }
    let (want, _) = exported(&dir);
    assert_eq!(without(&snapshot(&server), &[MANIFEST]), want);

    // A connection dropped before any answer is retried too.
    std::fs::remove_file(dir.join("links-a.md")).expect("delete");
    let proxy = Proxy::start(server.port(), Fault::FirstDropped(1));
    let o = talkgraph_env(
        &["push", "--endpoint", &proxy.store_url(), path(&dir), "--auth-header-env", "TALKGRAPH_TEST_AUTH"],
        &[("TALKGRAPH_TEST_AUTH", "X-Api-Key: k1")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(proxy.log().iter().all(|r| r.headers.contains(&("x-api-key".to_owned(), "k1".to_owned()))));
    assert!(!server.graph_sizes().contains_key(&note("links-a.md")));

    // A variable that is not set is a usage error; so is an endpoint that is no URL.
    let o = talkgraph(&[
        "push",
        "--endpoint",
        &server.store_url(),
        path(&dir),
        "--auth-header-env",
        "TALKGRAPH_TEST_UNSET",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("TALKGRAPH_TEST_UNSET"), "{}", stderr(&o));
    assert_eq!(talkgraph(&["push", "--endpoint", "localhost:7878/store", path(&dir)]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_that_reads_no_note_changes_nothing() {
    // export: a missing path, or a folder whose notes are all unreadable, keeps the old output.
    let dir = std::env::temp_dir().join(format!("talkgraph-push-none-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("binary")).expect("temp dir");
    for name in ["a.md", "b.md"] {
        std::fs::write(dir.join("binary").join(name), b"\x00\x01\x02\xff\xfe binary \x00").expect("write");
    }
    let out = dir.join("out.ttl");
    for (input, format) in
        [("missing-folder", "turtle"), ("binary", "turtle"), ("binary", "nquads"), ("binary", "trig")]
    {
        std::fs::write(&out, "previous export\n").expect("write");
        let o = talkgraph(&["export", path(&dir.join(input)), "-f", format, "-o", path(&out)]);
        assert_eq!(o.status.code(), Some(1), "{input} {format}");
        assert!(stderr(&o).contains("no note was read") && stderr(&o).contains("left as it was"), "{}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&out).expect("kept"), "previous export\n", "{input} {format}");
        let names: Vec<_> = std::fs::read_dir(&dir).expect("dir").map(|e| e.expect("e").file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    // push: the store is not touched; a missing path deletes nothing.
    let server = Oxigraph::start("none");
    for input in ["missing-folder", "binary"] {
        let o = talkgraph(&["push", "--endpoint", &server.store_url(), path(&dir.join(input))]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("the store was not touched"), "{}", stderr(&o));
    }
    assert!(snapshot(&server).is_empty());
    let notes = notes_dir("none");
    assert!(talkgraph(&["push", "--endpoint", &server.store_url(), path(&notes)]).status.success());
    let before = snapshot(&server);
    let o = talkgraph(&[
        "push",
        "--endpoint",
        &server.store_url(),
        path(&dir.join("missing-folder")),
        path(&dir.join("binary")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(snapshot(&server), before);
    // A note removed, and a path that cannot be read: its notes may only seem gone.
    std::fs::remove_file(notes.join("links-b.md")).expect("delete");
    let o = talkgraph(&["push", "--endpoint", &server.store_url(), path(&notes), path(&dir.join("missing-folder"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no graph is deleted"), "{}", stderr(&o));
    assert_eq!(snapshot(&server).get(&note("links-b.md")), before.get(&note("links-b.md")));
    assert!(before.contains_key(&note("links-b.md")));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&notes);
}

#[test]
fn the_readme_examples_of_push_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let server = Oxigraph::start("readme");
    let mut ran = 0;
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(command) = line.strip_prefix("$ talkgraph push ") else { continue };
        let mut expected = String::new();
        while let Some(l) = lines.next_if(|l| !l.starts_with("```") && !l.starts_with("$ ")) {
            expected.push_str(l);
            expected.push('\n');
        }
        // The README's store is Oxigraph's default address; this one is on a free port.
        let command = command.replace("http://127.0.0.1:7878/store", &server.store_url());
        let expected = expected.replace("http://127.0.0.1:7878/store", &server.store_url());
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("\"$TALKGRAPH\" push {command}"))
            .env("TALKGRAPH", env!("CARGO_BIN_EXE_talkgraph"))
            .current_dir(root())
            .output()
            .expect("sh runs");
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        assert_eq!(stderr(&o), expected, "README: talkgraph push {command}");
        ran += 1;
    }
    assert!(ran >= 2, "the README shows push examples with their output ({ran} found)");
}
