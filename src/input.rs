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

/// Makes every note's name its own: the same file given twice (`talkgraph export a a/x.md`) is
/// kept once, and notes that share a name because they stand at the same relative path under
/// two folders given (`a/x.md` and `b/x.md`, both `x.md`) are named by the shortest end of
/// their paths that tells them apart (`a/x.md`, `b/x.md`), so they get a note IRI and a named
/// graph each instead of one for both. Returns a warning for each note dropped or renamed.
/// Notes whose names were already their own keep them, so exports of separate folders still
/// merge by plain union. (With one path given, names are their own already.)
pub fn tell_apart(inputs: &mut Vec<Input>) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| {
        let key = match &input.origin {
            Origin::File(p) => Some(fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
            Origin::Stdin => None,
        };
        let first = seen.insert(key);
        if !first {
            warnings.push(format!("{} is given twice: it is read once", input.display()));
        }
        first
    });
    let mut by_name: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, input) in inputs.iter().enumerate() {
        by_name.entry(input.name.clone()).or_default().push(i);
    }
    for (name, at) in by_name.into_iter().filter(|(_, at)| at.len() > 1) {
        let parts: Vec<Vec<String>> = at.iter().map(|&i| path_parts(&inputs[i])).collect();
        let longest = parts.iter().map(Vec::len).max().unwrap_or(0);
        let distinct = |k: usize| {
            let ends: std::collections::HashSet<&[String]> = parts.iter().map(|p| tail(p, k)).collect();
            ends.len() == parts.len()
        };
        let Some(depth) = (1..=longest).find(|&k| distinct(k)) else {
            let all: Vec<String> = at.iter().map(|&i| inputs[i].display()).collect();
            warnings.push(format!(
                "{} are all named {name}: they share one note IRI and named graph (export them separately)",
                all.join(", ")
            ));
            continue;
        };
        for (&i, p) in at.iter().zip(&parts) {
            let renamed = tail(p, depth.max(name.split('/').count())).join("/");
            if renamed != inputs[i].name {
                warnings.push(format!(
                    "{} and another note are both named {name}: it is named {renamed} (export the folders \
                     separately, or their common folder, to keep names as they are)",
                    inputs[i].display()
                ));
                inputs[i].name = renamed;
            }
        }
    }
    warnings
}

/// The last `k` parts of `parts` (all of them when there are fewer).
fn tail(parts: &[String], k: usize) -> &[String] {
    &parts[parts.len().saturating_sub(k)..]
}

/// The folder and file names of a note's path as given (no `.`, `..` or root).
fn path_parts(input: &Input) -> Vec<String> {
    match &input.origin {
        Origin::File(p) => p
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect(),
        Origin::Stdin => vec![input.name.clone()],
    }
}

impl Input {
    /// Where the note is, for messages: its path as given, or `-`.
    pub fn display(&self) -> String {
        match &self.origin {
            Origin::File(p) => p.display().to_string(),
            Origin::Stdin => "-".to_owned(),
        }
    }
}

/// The default of `--max-note-size`: 16 MiB, hundreds of times the largest real note.
pub const DEFAULT_MAX_NOTE_SIZE: u64 = 16 << 20;

/// Reads a note as text: UTF-8 (a byte order mark is kept for [`crate::extract::extract`] to
/// skip) or UTF-16 with a byte order mark. A file over `max_size` bytes is not read.
pub fn read(input: &Input, max_size: u64) -> Result<String, Error> {
    let (bytes, path) = match &input.origin {
        Origin::Stdin => {
            let mut buf = Vec::new();
            let io_err = |source| Error::Io { path: "-".into(), source };
            io::stdin().lock().take(max_size.saturating_add(1)).read_to_end(&mut buf).map_err(io_err)?;
            (buf, PathBuf::from("-"))
        }
        Origin::File(p) => {
            let io_err = |source| Error::Io { path: p.clone(), source };
            let file = fs::File::open(p).map_err(io_err)?;
            let size = file.metadata().map_err(io_err)?.len();
            if size > max_size {
                return Err(Error::TooLarge { path: p.clone(), size, limit: max_size });
            }
            let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            // A file may grow while it is read: never read more than the limit allows.
            file.take(max_size.saturating_add(1)).read_to_end(&mut buf).map_err(io_err)?;
            (buf, p.clone())
        }
    };
    if bytes.len() as u64 > max_size {
        return Err(Error::TooLarge { path, size: bytes.len() as u64, limit: max_size });
    }
    decode(&path, bytes)
}

/// Decodes a note's bytes: UTF-16 when a byte order mark says so, else UTF-8. Binary data
/// (invalid UTF-8 with NUL bytes or mostly control bytes) and invalid UTF-8 are errors that say
/// where and what to do.
///
/// ```
/// use std::path::Path;
/// use talkgraph::input::decode;
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("# Hi\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// assert_eq!(decode(Path::new("a.md"), utf16)?, "# Hi\n");
/// let err = decode(Path::new("a.md"), b"ok\ncaf\xE9\n".to_vec()).unwrap_err().to_string();
/// assert!(err.starts_with("a.md:2:4: not UTF-8 text (byte 0xE9"), "{err}");
/// # Ok::<_, talkgraph::Error>(())
/// ```
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        let units = bytes[2..].chunks(2).map(|c| unit([c[0], c.get(1).copied().unwrap_or(0)]));
        let mut text = String::with_capacity(bytes.len() / 2);
        let mut line = 1u32;
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => {
                    line += u32::from(c == '\n');
                    text.push(c);
                }
                Err(_) => return Err(Error::NotUtf16 { path: path.to_owned(), line }),
            }
        }
        return Ok(text);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let bytes = e.into_bytes();
            if looks_binary(&bytes) {
                return Err(Error::Binary { path: path.to_owned() });
            }
            let offset = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            let before = String::from_utf8_lossy(&bytes[..offset]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Error::NotUtf8 {
                path: path.to_owned(),
                offset,
                byte: bytes[offset],
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
            })
        }
    }
}

/// Whether bytes that are not UTF-8 look like binary data rather than text in another
/// encoding: a NUL byte, or more than a tenth control bytes, in the first 8 KiB (as git and
/// ripgrep decide).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
    head.contains(&0) || controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, path: &str) -> Input {
        Input { name: name.to_owned(), origin: Origin::File(PathBuf::from(path)) }
    }

    #[test]
    fn shared_names_get_the_shortest_end_of_their_paths_that_tells_them_apart() {
        let mut inputs = vec![
            file("notes/x.md", "conf/2023/notes/x.md"),
            file("notes/x.md", "conf/2024/notes/x.md"),
            file("notes/y.md", "conf/2024/notes/y.md"),
            file("x.md", "./x.md"),
        ];
        let warnings = tell_apart(&mut inputs);
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["2023/notes/x.md", "2024/notes/x.md", "notes/y.md", "x.md"]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("conf/2023/notes/x.md and another note are both named notes/x.md"));
    }

    #[test]
    fn names_no_path_tells_apart_are_kept_with_a_warning() {
        // `../x.md` and `x.md` from two folders: nothing of the paths as given differs (and
        // neither file exists, so they are not the same file either).
        let mut inputs =
            vec![file("x.md", "../no-such-talkgraph-dir/x.md"), file("x.md", "no-such-talkgraph-dir/x.md")];
        let warnings = tell_apart(&mut inputs);
        assert_eq!(inputs.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["x.md", "x.md"]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("share one note IRI"), "{warnings:?}");
    }

    #[test]
    fn the_same_input_twice_is_kept_once() {
        let mut inputs = vec![
            Input { name: "stdin".into(), origin: Origin::Stdin },
            file("a.md", "no-such-talkgraph-dir/a.md"),
            Input { name: "stdin".into(), origin: Origin::Stdin },
            file("a.md", "no-such-talkgraph-dir/a.md"),
        ];
        let warnings = tell_apart(&mut inputs);
        assert_eq!(inputs.len(), 2);
        assert_eq!(
            warnings,
            ["- is given twice: it is read once", "no-such-talkgraph-dir/a.md is given twice: it is read once"]
        );
    }
}
