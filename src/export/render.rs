//! Pictures: DOT rendered to SVG or PNG by Graphviz's `dot` program, when it is installed.
//!
//! The DOT names its layout engine (`layout=dot`, `fdp`...), which `dot` obeys. The whole
//! picture is rendered in memory before anything is written, so a missing or failing Graphviz
//! leaves no half-written file; without Graphviz the error says how to install it.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

use super::{DotExporter, Exporter};
use crate::dataset::Dataset;
use crate::error::Error;

/// A picture format Graphviz renders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Image {
    /// Scalable vector graphics: nodes with a web link are links, tooltips show on hover.
    #[default]
    Svg,
    /// A bitmap (96 dots per inch).
    Png,
}

impl Image {
    /// The usual file extension, also Graphviz's `-T` name.
    pub fn extension(self) -> &'static str {
        match self {
            Image::Svg => "svg",
            Image::Png => "png",
        }
    }
}

/// What to do when `dot` is not installed.
pub const INSTALL_HINT: &str = "Graphviz's `dot` program is needed to draw SVG and PNG pictures and was not found; \
     install Graphviz (Debian, Ubuntu: `apt-get install graphviz`; Fedora: `dnf install graphviz`; macOS: \
     `brew install graphviz`; Windows: `winget install graphviz`), or write DOT with `--format dot` and render it \
     elsewhere";

/// The Graphviz program to run (found on the `PATH`).
const PROGRAM: &str = "dot";

fn graphviz_error(message: String, kind: io::ErrorKind) -> Error {
    Error::Io { path: PROGRAM.into(), source: io::Error::new(kind, message) }
}

/// Graphviz's version line (`dot - graphviz version 2.43.0 (0)`), or the error saying how
/// to install it.
pub fn graphviz_version() -> Result<String, Error> {
    let out = Command::new(PROGRAM).arg("-V").stdin(Stdio::null()).output().map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => graphviz_error(INSTALL_HINT.to_owned(), io::ErrorKind::NotFound),
        _ => graphviz_error(format!("cannot run Graphviz: {e}"), e.kind()),
    })?;
    // `dot -V` prints on standard error.
    let text = String::from_utf8_lossy(if out.stderr.is_empty() { &out.stdout } else { &out.stderr }).trim().to_owned();
    if !out.status.success() {
        return Err(graphviz_error(format!("`dot -V` failed: {text}"), io::ErrorKind::Other));
    }
    Ok(text)
}

/// Renders DOT source to a picture with Graphviz.
pub fn render(dot: &[u8], image: Image) -> Result<Vec<u8>, Error> {
    let mut child = Command::new(PROGRAM)
        .arg(format!("-T{}", image.extension()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => graphviz_error(INSTALL_HINT.to_owned(), io::ErrorKind::NotFound),
            _ => graphviz_error(format!("cannot run Graphviz: {e}"), e.kind()),
        })?;
    // Feed the DOT from another thread while this one reads, so neither pipe fills up.
    let mut stdin =
        child.stdin.take().ok_or_else(|| graphviz_error("no pipe to Graphviz".into(), io::ErrorKind::Other))?;
    let mut stdout =
        child.stdout.take().ok_or_else(|| graphviz_error("no pipe from Graphviz".into(), io::ErrorKind::Other))?;
    let mut stderr =
        child.stderr.take().ok_or_else(|| graphviz_error("no pipe from Graphviz".into(), io::ErrorKind::Other))?;
    let (picture, messages) = std::thread::scope(|s| {
        let feed = s.spawn(move || stdin.write_all(dot));
        let errors = s.spawn(move || {
            let mut m = Vec::new();
            stderr.read_to_end(&mut m).map(|_| m)
        });
        let mut picture = Vec::new();
        let read = stdout.read_to_end(&mut picture);
        // A write error (Graphviz stopped reading) shows as its exit status and messages.
        let _ = feed.join();
        let messages = errors.join().ok().and_then(Result::ok).unwrap_or_default();
        (read.map(|_| picture), messages)
    });
    let status = child.wait().map_err(|e| graphviz_error(format!("Graphviz did not finish: {e}"), e.kind()))?;
    let messages = String::from_utf8_lossy(&messages).trim().to_owned();
    if !status.success() {
        return Err(graphviz_error(format!("Graphviz failed ({status}): {messages}"), io::ErrorKind::Other));
    }
    picture.map_err(|e| graphviz_error(format!("cannot read Graphviz's output: {e}"), e.kind()))
}

/// Writes a picture: the DOT writer's output rendered by Graphviz.
#[derive(Debug, Clone, Default)]
pub struct ImageExporter {
    /// The diagram to draw.
    pub dot: DotExporter,
    /// SVG or PNG.
    pub image: Image,
}

impl Exporter for ImageExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        let mut source = Vec::new();
        self.dot.export(data, &mut source)?;
        let picture = render(&source, self.image)?;
        out.write_all(&picture)?;
        out.flush()?;
        Ok(())
    }
}
