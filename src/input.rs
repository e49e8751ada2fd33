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
