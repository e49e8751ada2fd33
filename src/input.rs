//! Finding and reading notes: files, folders walked recursively in sorted order, standard input.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Where a note comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// Standard input.
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

/// A note to read: where it is, and the name it gets in provenance.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// Its name: the path relative to the folder it was found in (`/`-separated), the file
    /// name for a file given directly, `stdin` for standard input.
    pub name: String,
    /// Where to read it.
    pub origin: Origin,
}

/// Is this a note file (`.md` or `.markdown`, any case)?
pub fn is_note(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Expands `paths` into notes. `-` is standard input; a folder is walked recursively (symbolic
/// links to folders are not followed). Problems are returned beside the notes found.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input { name: "stdin".into(), origin: Origin::Stdin });
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, p, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input {
                name: p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
                origin: Origin::File(p.clone()),
            }),
            Err(source) => errors.push(Error::Io { path: p.clone(), source }),
        }
    }
    (inputs, errors)
}

fn walk(root: &Path, dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(Error::Io { path: dir.to_owned(), source });
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => {
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                paths.push((e.path(), is_dir));
            }
            Err(source) => errors.push(Error::Io { path: dir.to_owned(), source }),
        }
    }
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            walk(root, &path, inputs, errors);
        } else if is_note(&path) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            inputs.push(Input { name, origin: Origin::File(path) });
        }
    }
}

/// Reads a note as UTF-8 text (a UTF-8 byte order mark is kept for [`crate::extract::extract`]
/// to skip).
pub fn read(input: &Input) -> Result<String, Error> {
    let (bytes, path) = match &input.origin {
        Origin::Stdin => {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf).map_err(|source| Error::Io { path: "-".into(), source })?;
            (buf, PathBuf::from("-"))
        }
        Origin::File(p) => (fs::read(p).map_err(|source| Error::Io { path: p.clone(), source })?, p.clone()),
    };
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 { path, offset: e.utf8_error().valid_up_to() })
}
