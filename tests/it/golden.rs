//! Golden files: each note in `samples/` beside its expected `.ttl`, `.jsonld` and `.dot`.
//! `UPDATE_GOLDEN=1 cargo test` rewrites them; read the diff before committing.

use std::fs;
use std::path::Path;

use talkgraph::Format;

use crate::common::{dataset_of_file, export, root};

fn check(expected_path: &Path, got: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(expected_path, got).expect("write golden file");
        return;
    }
    let expected = fs::read_to_string(expected_path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 to create it)", expected_path.display()));
    if expected != got {
        let line = expected.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{} differs from the export, first at line {}:\nexpected: {:?}\n     got: {:?}\n(UPDATE_GOLDEN=1 rewrites it)",
            expected_path.display(),
            line + 1,
            expected.lines().nth(line),
            got.lines().nth(line),
        );
    }
}

#[test]
fn samples_match_their_golden_files() {
    let dir = root().join("samples");
    let mut notes: Vec<_> = fs::read_dir(&dir)
        .expect("samples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| talkgraph::input::is_note(p))
        .collect();
    notes.sort();
    assert!(!notes.is_empty(), "samples/ holds notes");
    for note in notes {
        let graph = dataset_of_file(&note);
        for format in [Format::Turtle, Format::JsonLd, Format::Dot] {
            check(&note.with_extension(format.extension()), &export(&graph, format));
        }
    }
}

#[test]
fn published_context_is_the_one_the_exporter_embeds() {
    let mut got = serde_json::to_string_pretty(&talkgraph::export::context()).expect("serializable");
    got.push('\n');
    check(&root().join("schema/context.jsonld"), &got);
}

#[test]
fn readme_example_shows_the_real_input_and_output() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README");
    let note = fs::read_to_string(root().join("samples/rustlab-2024-day1.md")).expect("sample");
    assert!(readme.contains(&note), "README.md must quote samples/rustlab-2024-day1.md verbatim");
    let args = ["export", "samples/rustlab-2024-day1.md", "--provenance", "none"];
    assert!(readme.contains(&format!("`talkgraph {}`", args.join(" "))), "README names the command");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_talkgraph"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("binary runs");
    let ttl = String::from_utf8(out.stdout).expect("UTF-8");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let start = readme.find("```turtle\n").expect("a turtle block") + "```turtle\n".len();
        let end = start + readme[start..].find("```").expect("block end");
        fs::write(root().join("README.md"), format!("{}{ttl}{}", &readme[..start], &readme[end..])).expect("write");
        return;
    }
    assert!(readme.contains(&ttl), "README.md must show the real output of `talkgraph {}`:\n{ttl}", args.join(" "));
}
