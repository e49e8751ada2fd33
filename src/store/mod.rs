//! Triple stores: the notes' graph in an embedded store to ask SPARQL questions of
//! ([`query`]), and kept in step with a remote store through the SPARQL 1.1 Graph Store
//! Protocol ([`push`], over the HTTP client of [`gsp`]).
//!
//! Both read the notes exactly as `talkgraph export --format nquads` does
//! ([`crate::stream::stream`]): the same statements, one named graph per note, the
//! `owl:sameAs` links across notes in the default graph.

pub mod gsp;
pub mod push;
pub mod query;

use std::io::{self, Write};
use std::ops::ControlFlow;

use oxrdf::Quad;
use oxttl::NQuadsParser;
use oxttl::nquads::LowLevelNQuadsParser;

use crate::error::Error;
use crate::input::Input;
use crate::stream::{Event, Outcome, Settings};

/// Reads, extracts and resolves `inputs` as [`crate::stream::stream`] does for N-Quads
/// (`settings.quads` is ignored: always quads), handing each statement to `quad` in the order
/// `export --format nquads` writes them: note after note in path order, each note's statements
/// together, then the links of the default graph. Problems go to `on`, progress to `progress`.
pub fn for_each_quad(
    inputs: &[Input],
    settings: &Settings,
    on: &mut dyn FnMut(Event<'_>) -> ControlFlow<()>,
    progress: &(dyn Fn() + Sync),
    quad: impl FnMut(Quad) -> io::Result<()>,
) -> Result<Outcome, Error> {
    let settings = Settings { quads: true, ..settings.clone() };
    let mut sink = QuadSink { parser: NQuadsParser::new().low_level(), quad };
    let outcome = crate::stream::stream(inputs, &settings, &mut sink, on, progress)?;
    sink.finish()?;
    Ok(outcome)
}

/// A writer that parses the N-Quads written into it, a complete line at a time, and hands each
/// quad on. What talkgraph writes always parses; a parse error would be a bug, reported as
/// invalid data.
struct QuadSink<F> {
    parser: LowLevelNQuadsParser,
    quad: F,
}

impl<F: FnMut(Quad) -> io::Result<()>> QuadSink<F> {
    fn drain(&mut self) -> io::Result<()> {
        while let Some(next) = self.parser.parse_next() {
            let q = next.map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            (self.quad)(q)?;
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.parser.end();
        self.drain()
    }
}

impl<F: FnMut(Quad) -> io::Result<()>> Write for QuadSink<F> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.parser.extend_from_slice(buf);
        self.drain()?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_across_writes_are_parsed_once_whole() {
        let text = "<http://a.example/s> <http://a.example/p> \"o\" <http://a.example/g> .\n\
                    <http://a.example/s> <http://a.example/p> <http://a.example/o> .\n";
        let mut got = Vec::new();
        let mut sink = QuadSink {
            parser: NQuadsParser::new().low_level(),
            quad: |q: Quad| {
                got.push(q.to_string());
                Ok(())
            },
        };
        for chunk in text.as_bytes().chunks(7) {
            sink.write_all(chunk).expect("parses");
        }
        sink.finish().expect("parses");
        assert_eq!(
            got,
            [
                "<http://a.example/s> <http://a.example/p> \"o\" <http://a.example/g>",
                "<http://a.example/s> <http://a.example/p> <http://a.example/o>"
            ]
        );
    }
}
