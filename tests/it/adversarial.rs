//! Issue 6: bad input. `tests/adversarial/cases/` holds hostile notes and
//! `tests/adversarial/expected.txt` what the binary must say and write for each; cases too big
//! or too odd to commit (50 MB, a 10 MB line, symbolic link loops, unreadable folders, a missing
//! path) are made here in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{parse_jsonld, parse_quads, parse_turtle, render_dot, root};

fn cases_dir() -> PathBuf {
    root().join("tests/adversarial/cases")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_talkgraph")).current_dir(dir).args(args).output().expect("binary runs")
}

fn stderr_lines(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stderr).lines().map(str::to_owned).collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("talkgraph-adversarial-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temporary folder");
    dir
}

/// One case of `expected.txt`.
#[derive(Debug, Default)]
struct Case {
    file: String,
    exit: i32,
    errors: Vec<String>,
    has: Vec<String>,
    lacks: Vec<String>,
}

fn expected() -> Vec<Case> {
    let text = fs::read_to_string(root().join("tests/adversarial/expected.txt")).expect("expected.txt");
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        if key == "==" {
            cases.push(Case { file: rest.to_owned(), ..Case::default() });
            continue;
        }
        let case = cases.last_mut().expect("a `== FILE` line comes first");
        match key {
            "exit" => case.exit = rest.parse().expect("exit status"),
            "err" => case.errors.push(rest.to_owned()),
            "has" => case.has.push(rest.to_owned()),
            "lacks" => case.lacks.push(rest.to_owned()),
            _ => panic!("expected.txt: unknown line {line:?}"),
        }
    }
    cases
}

/// Every format of `args` parses back or renders.
fn assert_valid_everywhere(dir: &Path, args: &[&str]) {
    for format in ["ntriples", "nquads", "turtle", "trig", "jsonld", "dot"] {
        let mut all = args.to_vec();
        all.extend(["-f", format, "-q"]);
        let o = run(dir, &all);
        let out = String::from_utf8(o.stdout).unwrap_or_else(|e| panic!("{args:?} {format}: not UTF-8: {e}"));
        match format {
            "ntriples" | "nquads" => drop(parse_quads(&out, false)),
            "trig" => drop(parse_quads(&out, true)),
            "turtle" => drop(parse_turtle(&out)),
            "jsonld" => drop(parse_jsonld(&out)),
            _ => render_dot(&out),
        }
    }
}

#[test]
fn every_committed_case_gives_its_diagnostics_and_valid_output() {
    let cases = expected();
    let mut files: Vec<String> = fs::read_dir(cases_dir())
        .expect("cases folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let listed: Vec<String> = cases.iter().map(|c| c.file.clone()).collect();
    assert_eq!(files, listed, "every file of cases/ has an entry in expected.txt, in order");
    for case in &cases {
        let o = run(&cases_dir(), &["export", &case.file, "-f", "ntriples"]);
        assert_eq!(o.status.code(), Some(case.exit), "{}: exit status; stderr: {:?}", case.file, stderr_lines(&o));
        assert_eq!(stderr_lines(&o), case.errors, "{}: standard error", case.file);
        let out = String::from_utf8(o.stdout).expect("UTF-8 output");
        for want in &case.has {
            assert!(out.contains(want.as_str()), "{}: missing {want}\n{out}", case.file);
        }
        for unwanted in &case.lacks {
            assert!(!out.contains(unwanted.as_str()), "{}: has {unwanted}\n{out}", case.file);
        }
        assert_valid_everywhere(&cases_dir(), &["export", &case.file]);
    }
}

#[test]
fn a_folder_of_bad_notes_is_read_to_the_end_and_strict_stops_writing_nothing() {
    let o = run(&root(), &["export", "tests/adversarial/cases", "-f", "nquads"]);
    assert_eq!(o.status.code(), Some(1), "some notes failed");
    let err = stderr_lines(&o);
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    let graphs = parse_quads(&out, false);
    for good in ["utf16le.md", "rtl.md", "urls.md", "empty.md"] {
        assert!(graphs.iter().any(|(g, _)| g.ends_with(&format!("/note/{good}>"))), "{good} was written");
    }
    for bad in ["binary.md", "latin1.md", "nested-lists.md"] {
        assert!(!graphs.iter().any(|(g, _)| g.contains(bad)), "{bad} was skipped");
        assert!(err.iter().any(|l| l.contains(bad) && l.ends_with("note skipped")), "{bad} reported: {err:?}");
    }
    assert_valid_everywhere(&root(), &["export", "tests/adversarial/cases"]);

    let dir = temp_dir("strict");
    let target = dir.join("out.nq");
    fs::write(&target, "previous export\n").expect("write");
    let target_arg = target.to_str().expect("UTF-8 path");
    let o = run(&root(), &["export", "tests/adversarial/cases", "--strict", "-o", target_arg]);
    assert_eq!(o.status.code(), Some(1));
    let errors: Vec<String> = stderr_lines(&o).into_iter().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 1, "--strict stops at the first error: {errors:?}");
    assert_eq!(fs::read_to_string(&target).expect("kept"), "previous export\n", "the old file is untouched");
    assert_eq!(fs::read_dir(&dir).expect("dir").count(), 1, "no temporary file is left");
}

#[test]
fn limits_refuse_big_notes_with_the_flag_to_raise_them() {
    let dir = temp_dir("limits");
    // A 50 MB note of prose, a talk at the top; a 10 MB line of links.
    let mut big = String::from("# [TALK] Big\nby Ada Lovelace - Acme\n\n");
    let paragraph = "Some prose about compilers, parsers and *emphasis*, with `code` and no link at all.\n\n";
    while big.len() < 50_000_000 {
        big.push_str(paragraph);
    }
    fs::write(dir.join("big.md"), &big).expect("write");
    let mut line = String::from("# [TALK] Long\nby Ada Lovelace\n\n");
    while line.len() < 10_000_000 {
        line.push_str("word [link](https://a.example/) ");
    }
    line.push('\n');
    fs::write(dir.join("line.md"), &line).expect("write");

    let o = run(&dir, &["export", "big.md", "-f", "nquads"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr_lines(&o),
        [format!(
            "talkgraph: error: big.md: {} bytes, more than the limit of 16777216 bytes; raise it with --max-note-size to read this note; note skipped",
            big.len()
        )]
    );
    let o = run(&dir, &["export", "big.md", "-f", "nquads", "--max-note-size", "64M", "--provenance", "notes"]);
    assert!(o.status.success(), "{:?}", stderr_lines(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("/talk/big_"));
    let o = run(&dir, &["export", "big.md", "-f", "nquads", "--max-note-size", "64M", "--max-entities", "2"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr_lines(&o).join("\n");
    assert!(
        err.starts_with("talkgraph: error: big.md: entities and mentions ")
            && err.ends_with("is over the limit of 2; raise it with --max-entities to read this note; note skipped"),
        "{err}"
    );

    let o = run(&dir, &["export", "line.md", "-f", "nquads"]);
    assert!(o.status.success(), "a 10 MB line is read: {:?}", stderr_lines(&o));
    drop(parse_quads(&String::from_utf8(o.stdout).expect("UTF-8"), false));

    let o =
        run(&cases_dir(), &["export", "nested-lists.md", "nested-quotes.md", "--max-depth", "20000", "-f", "nquads"]);
    assert!(o.status.success(), "deep nesting is read when allowed: {:?}", stderr_lines(&o));
}

/// With `--mentions corpus`, a note within --max-entities on the first pass can go over it on
/// the second, once the names other notes link are recognized in it: it is reported and the run
/// fails, not dropped in silence. A note refused on the first pass is reported once.
#[test]
fn a_note_over_the_limit_only_with_inferred_mentions_is_reported() {
    let dir = temp_dir("inferred-limit");
    fs::write(
        dir.join("a.md"),
        "# [TALK] Tools\nby Ada Lovelace\n\n- [Foolib](https://github.com/acme/foolib) - a library\n",
    )
    .expect("write");
    // Five without inferred mentions (talk, speaker, organization, two links), six with Foolib.
    fs::write(
        dir.join("b.md"),
        "# [TALK] Other\nby Bob Ray - Acme\n\nWe used Foolib, see [the site](https://x.example/).\n",
    )
    .expect("write");
    let skipped = |n: usize| {
        format!(
            "talkgraph: error: b.md: entities and mentions {n} is over the limit of {}; raise it with --max-entities to read this note; note skipped",
            n - 1
        )
    };
    let o = run(&dir, &["export", ".", "-f", "nquads", "--max-entities", "5"]);
    assert_eq!(stderr_lines(&o), [skipped(6)], "refused on the second pass");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("/note/a.md>") && !out.contains("/note/b.md>"), "{out}");
    let o = run(&dir, &["export", ".", "-f", "nquads", "--max-entities", "4"]);
    assert_eq!(stderr_lines(&o), [skipped(5)], "refused on the first pass, reported once");
    assert_eq!(o.status.code(), Some(1));
    let o = run(&dir, &["export", ".", "-f", "nquads", "--max-entities", "6"]);
    assert!(o.status.success(), "{:?}", stderr_lines(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("/tool/foolib> <https://talkgraph.example/id/note/b.md>"));
}

#[test]
fn unreadable_paths_are_reported_and_the_rest_is_read() {
    let dir = temp_dir("paths");
    fs::copy(cases_dir().join("utf16le.md"), dir.join("good.md")).expect("copy");
    let mut skipped = vec!["missing.md"];
    #[cfg(unix)]
    {
        use std::os::unix::fs::{PermissionsExt, symlink};
        symlink("loop.md", dir.join("loop.md")).expect("symlink");
        symlink("gone.md", dir.join("dangling.md")).expect("symlink");
        symlink(".", dir.join("self")).expect("symlink");
        // A note name that is a folder: unreadable even for root.
        symlink(".", dir.join("folder.md")).expect("symlink");
        fs::create_dir(dir.join("locked")).expect("mkdir");
        fs::write(dir.join("locked/secret.md"), "# [TALK] Secret\n").expect("write");
        fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o000)).expect("chmod");
        skipped.extend(["loop.md", "dangling.md", "folder.md"]);
        // Root reads anything: then the locked folder is simply read.
        if fs::read_dir(dir.join("locked")).is_err() {
            skipped.push("locked");
        }
    }
    let o = run(&dir, &["export", ".", "missing.md", "-f", "nquads"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr_lines(&o);
    for s in &skipped {
        assert!(err.iter().any(|l| l.starts_with("talkgraph: error: ") && l.contains(s)), "{s} reported: {err:?}");
    }
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(out.contains("/note/good.md>"), "the readable note is written");
    drop(parse_quads(&out, false));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_talkgraph"))
        .current_dir(root())
        .args(["export", "tests/corpus/real", "samples", "-f", "nquads", "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut head = [0u8; 64];
    child.stdout.take().expect("stdout").read_exact(&mut head).expect("some output");
    // Dropping the pipe's read end is what `| head -c 64` does.
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(0), "a closed pipe is not an error");
    assert!(out.stderr.is_empty(), "nothing printed: {}", String::from_utf8_lossy(&out.stderr));
}
