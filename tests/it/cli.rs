//! The real binary: help, exit statuses, standard input, `-o`, determinism.

use std::fs;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::common::{root, seed_path};

fn talkgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_talkgraph")).args(args).current_dir(root()).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("talkgraph-it-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn help_reads_like_a_unix_tool() {
    let o = talkgraph(&["--help"]);
    assert!(o.status.success());
    let h = stdout(&o);
    assert!(h.contains("Usage: talkgraph") && h.contains("export"), "{h}");
    let o = talkgraph(&["export", "--help"]);
    let h = stdout(&o);
    for flag in ["--format", "--output", "--base", "--event", "turtle", "jsonld", "dot", "Exit status"] {
        assert!(h.contains(flag), "export --help lacks {flag}:\n{h}");
    }
    assert!(talkgraph(&["--version"]).status.success());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(talkgraph(&["export", "--format", "xml", "samples"]).status.code(), Some(2));
    assert_eq!(talkgraph(&["frobnicate"]).status.code(), Some(2));
    let o = talkgraph(&["export", "samples", "--base", "not an iri"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("base"), "{}", stderr(&o));
}

#[test]
fn a_missing_path_is_reported_the_rest_is_exported_and_the_status_is_1() {
    let o = talkgraph(&["export", "samples", "no/such/notes.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such/notes.md"), "{}", stderr(&o));
    assert!(stdout(&o).contains("Antonio Cuni"), "the seed is still exported");
}

#[test]
fn folder_files_and_stdin_give_the_same_turtle() {
    let folder = talkgraph(&["export", "samples"]);
    assert!(folder.status.success(), "{}", stderr(&folder));
    let files = talkgraph(&["export", "samples/pycon-it-2024-day3.md", "samples/rustlab-2024-day1.md", "-f", "turtle"]);
    assert_eq!(stdout(&folder), stdout(&files));
    // Standard input is a note named `stdin`: compare without provenance.
    let seed = talkgraph(&["export", "samples/pycon-it-2024-day3.md", "--provenance", "none"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_talkgraph"))
        .args(["export", "-", "--provenance", "none"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().expect("stdin").write_all(&fs::read(seed_path()).expect("seed")).expect("write");
    let piped = child.wait_with_output().expect("finishes");
    assert!(piped.status.success());
    assert_eq!(stdout(&seed), String::from_utf8(piped.stdout).expect("UTF-8"));
}

#[test]
fn two_runs_are_byte_identical() {
    for f in ["turtle", "jsonld", "dot"] {
        let a = talkgraph(&["export", "samples", "-f", f]);
        let b = talkgraph(&["export", "samples", "-f", f]);
        assert!(a.status.success());
        assert_eq!(a.stdout, b.stdout, "{f}");
    }
}

#[test]
fn output_file_takes_its_format_from_the_extension_and_leaves_no_temporary_file() {
    let dir = temp_dir("out");
    let out = dir.join("graph.jsonld");
    let o = talkgraph(&["export", "samples", "-o", out.to_str().expect("UTF-8 path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let written = fs::read_to_string(&out).expect("written");
    assert!(written.trim_start().starts_with('{') && written.contains("\"@context\""));
    let names: Vec<_> = fs::read_dir(&dir).expect("dir").map(|e| e.expect("e").file_name()).collect();
    assert_eq!(names.len(), 1, "only the output remains: {names:?}");
}

#[test]
fn a_failed_strict_run_leaves_an_existing_output_untouched() {
    let dir = temp_dir("strict");
    let out = dir.join("graph.ttl");
    fs::write(&out, "previous export\n").expect("write");
    let o = talkgraph(&["export", "--strict", "no/such/dir", "samples", "-o", out.to_str().expect("UTF-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&out).expect("still there"), "previous export\n");
    let o = talkgraph(&["export", "samples", "-o", dir.join("missing/graph.ttl").to_str().expect("UTF-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing"), "{}", stderr(&o));
}

#[test]
fn event_flag_names_the_conference_when_front_matter_does_not() {
    let dir = temp_dir("event");
    fs::write(dir.join("n.md"), "# [TALK] Solo\nby Ada Lovelace\n").expect("write");
    let o = talkgraph(&["export", dir.to_str().expect("UTF-8"), "--event", "EuroPython 2025"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ttl = stdout(&o);
    assert!(ttl.contains("event:europython-2025") && ttl.contains("\"EuroPython 2025\""), "{ttl}");
}

#[test]
fn check_reports_compiler_style_diagnostics_and_fails_on_errors() {
    let dir = temp_dir("check");
    let bad = dir.join("bad.md");
    fs::write(
        &bad,
        "# [TALK] Lonely talk\n\nSee [](https://x.example/) and [this](https://) and [js](javascript:alert(1)).\n\n\
         # [TALK] Two\nby Ada Lovelace - Engines - ??? ###\n\n# [TALK] Lonely talk\nby Grace Hopper\n",
    )
    .expect("write");
    let o = talkgraph(&["check", bad.to_str().expect("UTF-8")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let path = bad.display().to_string();
    for want in [
        format!("{path}:1:1: warning: talk \"Lonely talk\" has no speaker [talk-without-speaker]"),
        format!("{path}:3:5: error: link to \"https://x.example/\" has no text [empty-link-text]"),
        format!("{path}:3:32: error: link \"this\": the URL has no host [broken-url]"),
        "scripts and inline data are not links [broken-url]".to_owned(),
        format!(
            "{path}:6: warning: could not read \"??? ###\" in the speakers of \"Two\" (speaker-line.by) [byline-unparsed]"
        ),
        format!("{path}:8:1: error: talk \"Lonely talk\" appears twice [duplicate-talk]"),
        "3 | See [](https://x.example/)".to_owned(),
        "  |     ^".to_owned(),
        "= hint: it is already at line 1".to_owned(),
    ] {
        assert!(out.contains(&want), "missing {want:?} in:\n{out}");
    }
    assert!(stderr(&o).contains("1 note checked: 4 errors, 2 warnings"), "{}", stderr(&o));

    let good = dir.join("good.md");
    fs::write(
        &good,
        "# [TALK] Fine\nby Ada Lovelace - Engines\n\n- [ripgrep](https://github.com/BurntSushi/ripgrep)\n",
    )
    .expect("write");
    let o = talkgraph(&["check", good.to_str().expect("UTF-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn export_does_not_print_lint_findings() {
    let dir = temp_dir("quiet-lint");
    fs::write(dir.join("n.md"), "# [TALK] Lonely talk\n\nSee [](https://x.example/).\n").expect("write");
    let o = talkgraph(&["export", dir.to_str().expect("UTF-8")]);
    assert!(o.status.success());
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn quads_formats_by_extension_parse_back() {
    let dir = temp_dir("quads");
    for ext in ["nq", "trig", "nt"] {
        let out = dir.join(format!("graph.{ext}"));
        let o = talkgraph(&["export", "samples", "-o", out.to_str().expect("UTF-8")]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = fs::read_to_string(&out).expect("written");
        let graphs = crate::common::parse_quads(&text, ext == "trig");
        assert!(!graphs.is_empty());
        if ext != "nt" {
            let names: std::collections::BTreeSet<&str> = graphs.iter().map(|(g, _)| g.as_str()).collect();
            assert_eq!(
                names,
                std::collections::BTreeSet::from([
                    "<https://talkgraph.example/id/note/pycon-it-2024-day3.md>",
                    "<https://talkgraph.example/id/note/rustlab-2024-day1.md>"
                ]),
                "one named graph per note"
            );
        }
    }
}

#[test]
fn output_is_byte_identical_for_one_and_two_threads() {
    for f in ["nquads", "turtle", "jsonld", "dot"] {
        let one = talkgraph(&["export", "samples", "tests/corpus/real", "-f", f, "--jobs", "1"]);
        let two = talkgraph(&["export", "samples", "tests/corpus/real", "-f", f, "--jobs", "2"]);
        assert!(one.status.success() && two.status.success());
        assert!(one.stdout == two.stdout, "{f}: --jobs 1 and --jobs 2 differ");
    }
    assert_eq!(talkgraph(&["export", "samples", "--jobs", "0"]).status.code(), Some(2));
}

#[test]
fn eval_reports_a_table_and_json() {
    let o = talkgraph(&["eval", "--gold", "tests/gold/seed.jsonl", "tests/corpus/seed"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    for row in [
        "| measure | gold | found | correct | precision | recall | F1 |",
        "| talks | 6 | 6 | 6 | 1.000 | 1.000 | 1.000 |",
    ] {
        assert!(table.contains(row), "{row} not in\n{table}");
    }
    let o = talkgraph(&["eval", "--gold", "tests/gold/seed.jsonl", "tests/corpus/seed", "--report", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    assert_eq!(json["notes"], 1);
    assert_eq!(json["measures"]["speakers"]["f1"], 1.0);
    assert_eq!(json["measures"]["talk → speaker"]["correct"], 6);
    let o = talkgraph(&["eval", "--gold", "no/such.jsonl", "tests/corpus/seed"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn broken_front_matter_is_a_warning_with_file_and_line_and_the_body_is_read() {
    let dir = temp_dir("front-matter");
    fs::write(dir.join("n.md"), "+++\ntitle = 'x'\ndate = = 3\n+++\n# [TALK] Still read\nby Ada Lovelace\n")
        .expect("write");
    let o = talkgraph(&["export", dir.to_str().expect("UTF-8")]);
    assert!(o.status.success(), "a warning is not a failure");
    assert!(stderr(&o).contains("n.md:3: warning: invalid TOML front matter"), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"Still read\""), "the body is read");
}

#[test]
fn streamed_quads_and_triples_are_what_the_library_writes() {
    // More notes than one batch, and a tool under three names across notes (owl:sameAs).
    let dir = temp_dir("stream");
    let mut notes = Vec::new();
    for i in 0..300 {
        let text = format!(
            "# [TALK] Talk {i}\nby Ann Lee{} - Acme\n\n- [Foo{}](https://github.com/acme/foo) - a tool\n",
            i % 7,
            i % 3
        );
        let name = format!("n{i:03}.md");
        std::fs::write(dir.join(&name), &text).expect("write a note");
        notes.push((name, text));
    }
    let extracted = talkgraph::extract::extract_all(
        &notes,
        &talkgraph::extract::ExtractOptions::default(),
        talkgraph::extract::Mentions::Corpus,
    );
    let ds = talkgraph::Dataset::build(talkgraph::vocab::DEFAULT_BASE, extracted.into_iter().map(|x| x.note).collect())
        .expect("default base is valid");
    assert_eq!(ds.same_as_links().len(), 2, "Foo1 and Foo2 are the same as Foo0");
    for (flag, format) in [("nquads", talkgraph::Format::NQuads), ("ntriples", talkgraph::Format::NTriples)] {
        let want = crate::common::export(&ds, format);
        assert!(want.contains("<http://www.w3.org/2002/07/owl#sameAs>"));
        for jobs in ["1", "2"] {
            let got = talkgraph(&["export", dir.to_str().expect("a UTF-8 path"), "-f", flag, "--jobs", jobs]);
            assert!(got.status.success(), "{}", stderr(&got));
            assert!(stdout(&got) == want, "{flag} --jobs {jobs}: the stream differs from the exporter");
        }
    }
}

#[test]
fn notes_that_would_share_a_name_get_one_each_and_a_file_given_twice_is_read_once() {
    let d = temp_dir("same-name");
    for (folder, talk, who) in [("day1", "One", "Ada Lovelace"), ("day2", "Two", "Grace Hopper")] {
        fs::create_dir_all(d.join(folder).join("notes")).expect("folder");
        fs::write(d.join(folder).join("notes/talks.md"), format!("# [TALK] {talk}\nby {who} - Engines\n"))
            .expect("note");
    }
    let (day1, day2) = (d.join("day1"), d.join("day2"));
    let args = |extra: &[&std::path::Path]| {
        let mut a: Vec<String> = ["export", "--format", "nquads"].map(String::from).to_vec();
        a.extend([day1.as_path(), day2.as_path()].iter().chain(extra).map(|p| p.display().to_string()));
        a
    };
    let run = |a: Vec<String>| talkgraph(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = run(args(&[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let nq = stdout(&o);
    let graphs: std::collections::BTreeSet<&str> = nq
        .lines()
        .filter_map(|l| l.rsplit_once(" <").map(|(_, g)| g.trim_end_matches(" .").trim_end_matches('>')))
        .collect();
    assert!(graphs.contains("https://talkgraph.example/id/note/day1/notes/talks.md"), "{graphs:?}");
    assert!(graphs.contains("https://talkgraph.example/id/note/day2/notes/talks.md"), "{graphs:?}");
    assert!(!graphs.contains("https://talkgraph.example/id/note/notes/talks.md"), "{graphs:?}");
    let err = stderr(&o);
    assert!(
        err.contains("warning:") && err.contains("both named notes/talks.md") && err.contains("day2/notes/talks.md"),
        "{err}"
    );
    // Each note keeps its own hash: two notes, two tg:sha256.
    assert_eq!(nq.lines().filter(|l| l.contains("vocab#sha256>")).count(), 2, "{nq}");

    // The same file again, under a name of its own: read once, said so, the output unchanged.
    let again = run(args(&[&day1.join("notes/talks.md")]));
    assert!(again.status.success());
    assert_eq!(stdout(&again), nq);
    assert!(stderr(&again).contains("is given twice: it is read once"), "{}", stderr(&again));
    // --quiet silences the warnings, not the renaming.
    let mut quiet = args(&[]);
    quiet.push("--quiet".into());
    let q = run(quiet);
    assert!(stderr(&q).is_empty(), "{}", stderr(&q));
    assert_eq!(stdout(&q), nq);
    // One folder: names as they are, no warning.
    let one = talkgraph(&["export", "--format", "nquads", &day1.display().to_string()]);
    assert!(stdout(&one).contains("/id/note/notes/talks.md>") && stderr(&one).is_empty(), "{}", stderr(&one));
    let _ = fs::remove_dir_all(&d);
}

/// `-o /dev/null` once renamed a file over the device (as root): only regular files are
/// replaced; a named pipe stands in for the device here, as the test must not touch /dev.
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_is_written_in_place_and_a_link_keeps_its_target() {
    use std::os::unix::fs::FileTypeExt;
    let d = temp_dir("special-output");
    let fifo = d.join("out.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(&fifo).expect("read the pipe"))
    };
    let o = talkgraph(&["export", "samples/rustlab-2024-day1.md", "-o", &fifo.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::symlink_metadata(&fifo).expect("still there").file_type().is_fifo(), "the pipe was replaced by a file");
    let through = reader.join().expect("reader");
    assert!(through.contains("schema:name \"Ada Lovelace\""), "{through}");
    assert!(fs::read_dir(&d).expect("dir").count() == 1, "no temporary file is left");

    let (real, link) = (d.join("real.ttl"), d.join("link.ttl"));
    fs::write(&real, "old").expect("file");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let o = talkgraph(&["export", "samples/rustlab-2024-day1.md", "-o", &link.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::symlink_metadata(&link).expect("link").file_type().is_symlink(), "the link was replaced");
    assert!(fs::read_to_string(&real).expect("target").contains("Ada Lovelace"));
    let _ = fs::remove_dir_all(&d);
}
