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
    /// A note is not valid UTF-8.
    #[error("{}: not valid UTF-8 text (byte {offset}); convert it to UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
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
