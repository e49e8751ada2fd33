//! Diagnostics (what extraction could not read) and errors (what stops an operation).

use std::fmt;
use std::io;
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was skipped or guessed; the note was still read.
    Warning,
    /// The note (or part of it) could not be read.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A message about one place in a note, printed as `path:line:column: severity: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// The note's path, as in [`crate::model::Note::path`].
    pub path: String,
    /// 1-based line (0 when the message is about the whole file).
    pub line: u32,
    /// 1-based column in characters (0 when unknown).
    pub column: u32,
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// A short stable name of the check (`front-matter`, `broken-url`, ...).
    pub code: &'static str,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A warning at `line` of `path`.
    pub fn warning(path: &str, line: u32, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line,
            column: 0,
            severity: Severity::Warning,
            message: message.into(),
            code: "front-matter",
            hint: None,
        }
    }

    /// A finding of `talkgraph check`: `code` names the check.
    pub fn lint(path: &str, line: u32, column: u32, severity: Severity, code: &'static str, message: String) -> Self {
        Self { path: path.to_owned(), line, column, severity, message, code, hint: None }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}: {}", self.severity, self.message)
    }
}

/// An error that stops reading a note or writing an export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A note is neither UTF-8 nor UTF-16 with a byte order mark.
    #[error(
        "{}:{line}:{column}: not UTF-8 text (byte 0x{byte:02X} at offset {offset}); convert the file to UTF-8, \
         e.g. `iconv -f WINDOWS-1252 -t UTF-8`",
        path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
        /// The invalid byte.
        byte: u8,
        /// Its 1-based line.
        line: u32,
        /// Its 1-based column, in characters.
        column: u32,
    },
    /// A file with a note's name holds binary data.
    #[error(
        "{}: binary data, not a Markdown note (NUL or control bytes, and not UTF-8); move it out of the \
         folder or give it another extension",
        path.display()
    )]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// UTF-16 text (it has a byte order mark) with an unpaired surrogate.
    #[error("{}:{line}: invalid UTF-16 (an unpaired surrogate); re-save the file as UTF-8", path.display())]
    NotUtf16 {
        /// The file.
        path: PathBuf,
        /// The 1-based line of the bad code unit.
        line: u32,
    },
    /// A note is larger than `--max-note-size`.
    #[error(
        "{}: {size} bytes, more than the limit of {limit} bytes; raise it with --max-note-size to read this note",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size (at least).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A note goes over a limit on its structure (nesting, entities).
    #[error("{}: {what} {found} is over the limit of {limit}; raise it with {flag} to read this note", at(path, *line))]
    Limit {
        /// The note.
        path: String,
        /// Where the limit was crossed (0: the whole note).
        line: u32,
        /// What was counted (`nesting depth`, `entities and mentions`).
        what: &'static str,
        /// How many were found (at least).
        found: usize,
        /// The limit.
        limit: usize,
        /// The flag that raises it.
        flag: &'static str,
    },
    /// A bug: reading a note panicked. The note is skipped; the run goes on.
    #[error("{path}: internal error while reading this note ({message}); please report it with the note")]
    Internal {
        /// The note.
        path: String,
        /// The panic message.
        message: String,
    },
    /// `--base` is not an absolute IRI usable as a namespace.
    #[error("invalid base IRI {iri:?}: {reason}")]
    InvalidBase {
        /// What was given.
        iri: String,
        /// Why it was refused.
        reason: String,
    },
    /// Writing an export failed.
    #[error("cannot write the export: {0}")]
    Write(#[from] io::Error),
    /// The run was stopped at the first error (`--strict`); the reason was reported already.
    #[error("stopped at the first error (--strict)")]
    Stopped,
}

/// `path:line`, or `path` when the line is 0.
fn at(path: &str, line: u32) -> String {
    if line > 0 { format!("{path}:{line}") } else { path.to_owned() }
}
