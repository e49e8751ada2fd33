//! Issue 3: validators and clients that no one here wrote accept the output: pySHACL with
//! schema/shapes.ttl, rdflib for Turtle, pyld for JSON-LD (tests/interop/check.py).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use talkgraph::export::{EmailMode, ExportOptions};
use talkgraph::{Dataset, Format};

use crate::common::{dataset_of_file, export_with, root, seed_path};

fn check_py(args: &[&Path]) -> Output {
    let ok = Command::new("python3").args(["-c", "import pyshacl, rdflib, pyld"]).status().is_ok_and(|s| s.success());
    assert!(ok, "python3 with pyshacl, rdflib and pyld is needed (`.ci/run` installs them)");
    Command::new("python3").arg(root().join("tests/interop/check.py")).args(args).output().expect("python3 runs")
}

fn notes() -> Vec<PathBuf> {
    let mut v = vec![seed_path()];
    let dir = root().join("tests/corpus/real");
    let mut real: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("real notes")
        .map(|e| e.expect("entry").path())
        .filter(|p| talkgraph::input::is_note(p) && !p.ends_with("SOURCES.md"))
        .collect();
    real.sort();
    v.extend(real);
    v
}

fn write(dir: &Path, name: &str, data: &Dataset, format: Format, options: ExportOptions) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, export_with(data, format, options)).expect("write export");
    path
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("talkgraph-interop-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn seed_and_real_notes_conform_to_the_shapes_in_every_email_mode() {
    let dir = temp("shacl");
    let shapes = root().join("schema/shapes.ttl");
    for note in notes() {
        let data = dataset_of_file(&note);
        for emails in [EmailMode::Omit, EmailMode::Hash, EmailMode::Keep] {
            let options = ExportOptions { emails, ..ExportOptions::default() };
            let ttl = write(&dir, "data.ttl", &data, Format::Turtle, options);
            let o = check_py(&[Path::new("shacl"), &shapes, &ttl]);
            assert!(
                o.status.success(),
                "{} ({emails:?}) does not conform:\n{}",
                note.display(),
                String::from_utf8_lossy(&o.stdout)
            );
        }
    }
}

#[test]
fn the_shapes_are_not_vacuous() {
    let o =
        check_py(&[Path::new("shacl"), &root().join("schema/shapes.ttl"), &root().join("tests/interop/broken.ttl")]);
    assert_eq!(o.status.code(), Some(1), "the broken graph must not conform");
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(report.contains("Results (12)"), "one violation per planted fault:\n{report}");
    for path in [
        "schema:name",
        "schema:url",
        "schema:additionalType",
        "schema:performer",
        "schema:startDate",
        "tg:path",
        "tg:sha256",
        "tg:line",
        "schema:isPartOf",
        "prov:wasDerivedFrom",
    ] {
        assert!(report.contains(&format!("Result Path: {path}")), "no violation on {path}:\n{report}");
    }
}

#[test]
fn rdflib_and_pyld_read_the_graph_talkgraph_wrote() {
    let dir = temp("clients");
    for note in notes() {
        let data = dataset_of_file(&note);
        let options = ExportOptions::default();
        let ttl = write(&dir, "data.ttl", &data, Format::Turtle, options);
        let jsonld = write(&dir, "data.jsonld", &data, Format::JsonLd, options);
        let nt = write(&dir, "data.nt", &data, Format::NTriples, options);
        let o = check_py(&[Path::new("clients"), &ttl, &jsonld, &nt]);
        assert!(o.status.success(), "{}:\n{}", note.display(), String::from_utf8_lossy(&o.stdout));
    }
}
