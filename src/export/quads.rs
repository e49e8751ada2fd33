//! N-Triples (the default graph), N-Quads and TriG (one named graph per note) through oxttl.

use std::io::Write;

use oxrdf::{NamedNode, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, TermRef, TripleRef};
use oxttl::{NTriplesSerializer, TriGSerializer};

use super::turtle::{default_graph_prefixes, invalid};
use super::{ExportOptions, Exporter, rdf};
use crate::dataset::{Dataset, note_of};
use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::vocab::owl;

/// Writes N-Triples: each note's statements in turn, then the `owl:sameAs` links across notes.
/// A statement two notes make is written twice (N-Triples is a set of lines; readers merge
/// them), which lets the command line write each note as soon as it is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct NTriplesExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for NTriplesExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        write_notes(data, &self.options, false, out)
    }
}

/// Writes N-Quads: each note's statements in a named graph whose name is the note's IRI, so a
/// store can replace one note's graph when the note changes; then, in the default graph, the
/// `owl:sameAs` links across notes.
#[derive(Debug, Clone, Copy, Default)]
pub struct NQuadsExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for NQuadsExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        write_notes(data, &self.options, true, out)
    }
}

fn write_notes(data: &Dataset, options: &ExportOptions, quads: bool, out: &mut dyn Write) -> Result<(), Error> {
    use rayon::prelude::*;
    const CHUNK: usize = 256;
    let n = data.note_count();
    for start in (0..n).step_by(CHUNK) {
        let chunk: Vec<Vec<u8>> = (start..(start + CHUNK).min(n))
            .into_par_iter()
            .map(|i| {
                let mut buf = Vec::new();
                write_note(&data.note_graph(i), options, quads, &mut buf);
                buf
            })
            .collect();
        for buf in &chunk {
            out.write_all(buf)?;
        }
    }
    write_links(&data.same_as_links(), out)?;
    Ok(())
}

/// Appends one note's statements to `out`: as N-Triples, or as N-Quads in the note's named
/// graph when `quads`. Lines are written straight into the buffer (the profile showed the
/// formatting machinery behind `Display` taking half the writing time); terms are escaped as
/// oxrdf's `Display` escapes them, so the bytes are the same.
pub fn write_note(g: &KnowledgeGraph, options: &ExportOptions, quads: bool, out: &mut Vec<u8>) {
    // What ends every line (` <note> .`, or ` .`), and what starts the lines of one subject
    // (`<subject> `), made once rather than per line.
    let mut tail = Vec::new();
    if let Some(name) = note_of(g).filter(|_| quads) {
        tail.push(b' ');
        iri(&mut tail, name);
    }
    tail.extend_from_slice(b" .\n");
    // Reserved at once rather than grown by doubling: the profile showed the copies of growing,
    // and the page faults of the memory grown into, taking half the writing time.
    // An empty buffer too small (a reused one, or a new one) is replaced, not grown: growing
    // reallocates, which copies the old capacity's bytes (none of them needed), and the
    // profile showed that copy at 1.2% of a lean run.
    let needed = estimated_len(g, options, tail.len());
    if out.is_empty() && out.capacity() < needed {
        // As `reserve` would grow it: at least doubled.
        let capacity = needed.max(2 * out.capacity());
        *out = Vec::new();
        out.reserve_exact(capacity);
    } else {
        out.reserve(needed);
    }
    let mut head = Vec::new();
    let _ = rdf::for_each_subject(g, options, |group| {
        let mut subject: Option<NamedOrBlankNodeRef<'_>> = None;
        for t in group {
            if !subject.is_some_and(|s| same_subject(s, t.subject)) {
                head.clear();
                match t.subject {
                    NamedOrBlankNodeRef::NamedNode(n) => iri(&mut head, n.as_str()),
                    NamedOrBlankNodeRef::BlankNode(b) => blank(&mut head, b.as_str()),
                }
                head.push(b' ');
                subject = Some(t.subject);
            }
            write_line(out, &head, t, &tail);
        }
        Ok::<(), std::convert::Infallible>(())
    });
}

/// About the length of what [`write_note`] writes (a little more, mostly), from the graph's
/// sizes: a line per statement, of the subject, a predicate (`PREDICATE` bytes at most, with
/// the brackets and spaces about the object) and the tail, and the object.
fn estimated_len(g: &KnowledgeGraph, options: &ExportOptions, tail: usize) -> usize {
    use crate::export::{EmailMode, ProvenanceMode};
    use crate::graph::{EntityKind, Relation};
    const PREDICATE: usize = 48;
    // A typed literal's `^^<datatype>`, or a vocabulary IRI as object.
    const TERM: usize = 48;
    let pg = g.petgraph();
    let provenance = options.provenance != ProvenanceMode::None;
    let lines = options.provenance == ProvenanceMode::Lines;
    // `<note#L123>` and the like; `<note#s-0123456789abcdef>`.
    let note = note_of(g).map_or(0, str::len);
    let (line_iri, statement_iri) = (note + 10, note + 21);
    let mut n = 0;
    for e in pg.node_weights() {
        let line = e.iri.len() + PREDICATE + tail;
        let texts = |set: &crate::graph::SmallSet<String>| set.iter().map(|t| t.len() + line).sum::<usize>();
        n += line + TERM;
        n += texts(&e.names) + texts(&e.descriptions) + texts(&e.urls) + texts(&e.same_as);
        n += e.languages.iter().map(|(t, l)| t.len() + l.len() + line).sum::<usize>();
        n += e.dates.len() * (line + 10 + TERM) + e.talk_kinds.len() * (line + TERM);
        n += match options.emails {
            EmailMode::Omit => 0,
            EmailMode::Hash => e.emails.len() * (line + 42),
            EmailMode::Keep => texts(&e.emails) + e.emails.len() * 8,
        };
        if let Some(m) = &e.note {
            n += 4 * line + m.path.len() + 66 + m.published.as_ref().map_or(0, |p| p.len() + TERM);
            n += texts(&m.keywords);
        }
        if provenance && e.kind != EntityKind::Note {
            n += e.sources.len() * (line + if lines { line_iri } else { note });
            if lines {
                // The source line's own three statements (once per line, counted per source).
                n += e.sources.len() * 3 * (line_iri + PREDICATE + tail + note);
            }
        }
    }
    for edge in pg.raw_edges() {
        let (a, b) = (&pg[edge.source()], &pg[edge.target()]);
        n += a.iri.len() + PREDICATE + tail + b.iri.len();
        if edge.weight.relation == Relation::SuperEvent {
            n += b.iri.len() + PREDICATE + tail + a.iri.len();
        }
        if lines && a.kind != EntityKind::Note {
            let line = statement_iri + PREDICATE + tail;
            let sources = edge.weight.sources.len();
            // (Its source lines are mostly the entities' lines, counted above.)
            n += 4 * line + TERM * 2 + a.iri.len() + b.iri.len() + sources * (line + line_iri);
        }
    }
    n
}

/// Whether two subjects are the same (the same borrowed string, mostly).
fn same_subject(a: NamedOrBlankNodeRef<'_>, b: NamedOrBlankNodeRef<'_>) -> bool {
    match (a, b) {
        (NamedOrBlankNodeRef::NamedNode(x), NamedOrBlankNodeRef::NamedNode(y)) => {
            std::ptr::eq(x.as_str(), y.as_str()) || x == y
        }
        _ => a == b,
    }
}

/// One N-Triples or N-Quads line: `head` is the subject and a space, `tail` the graph name if
/// any and the final ` .` and newline.
fn write_line(out: &mut Vec<u8>, head: &[u8], t: &TripleRef<'_>, tail: &[u8]) {
    out.extend_from_slice(head);
    iri(out, t.predicate.as_str());
    out.push(b' ');
    match t.object {
        TermRef::NamedNode(n) => iri(out, n.as_str()),
        TermRef::BlankNode(b) => blank(out, b.as_str()),
        TermRef::Literal(l) => {
            quoted(out, l.value());
            if let Some(lang) = l.language() {
                out.push(b'@');
                out.extend_from_slice(lang.as_bytes());
            } else if l.datatype() != xsd_string() {
                out.extend_from_slice(b"^^");
                iri(out, l.datatype().as_str());
            }
        }
    }
    out.extend_from_slice(tail);
}

fn xsd_string() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked("http://www.w3.org/2001/XMLSchema#string")
}

/// An IRI (valid: minted, or checked by `NamedNode::new`).
fn iri(out: &mut Vec<u8>, s: &str) {
    out.push(b'<');
    out.extend_from_slice(s.as_bytes());
    out.push(b'>');
}

fn blank(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(b"_:");
    out.extend_from_slice(s.as_bytes());
}

/// A string literal's quoted form, escaped as N-Triples requires (as oxrdf writes it). Bytes
/// are scanned, not chars: what is escaped is ASCII, or U+FFFE and U+FFFF (`EF BF BE`, `EF BF
/// BF`; `EF` only ever leads a three-byte char), and the profile showed decoding every char.
fn quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Bytes that are never escaped, skipped by a table rather than the match below.
        match bytes[i..].iter().position(|&b| SPECIAL[usize::from(b)]) {
            Some(k) => i += k,
            None => break,
        }
        let b = bytes[i];
        let (escape, len): (&[u8], usize) = match b {
            0x08 => (b"\\b", 1),
            b'\t' => (b"\\t", 1),
            b'\n' => (b"\\n", 1),
            0x0c => (b"\\f", 1),
            b'\r' => (b"\\r", 1),
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            0..=0x1f | 0x7f => (b"", 1),
            0xef if bytes.get(i + 1) == Some(&0xbf) && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) => (b"", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            // U+0000..U+001F, U+007F (one byte), or U+FFFE and U+FFFF (EF BF BE, EF BF BF).
            let c = if len == 1 { u32::from(b) } else { 0xFFFE + u32::from(bytes[i + 2] - 0xBE) };
            push_unicode_escape(out, c);
        } else {
            out.extend_from_slice(escape);
        }
        i += len;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The bytes [`quoted`] may escape: ASCII controls, `"`, `\`, DEL, and `EF` (which leads
/// U+FFFE and U+FFFF).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7f] = true;
    t[0xef] = true;
    t
};

/// `\uXXXX` (upper-case hexadecimal), as `format!("\\u{:04X}")` writes a code point below
/// U+10000.
fn push_unicode_escape(out: &mut Vec<u8>, c: u32) {
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(crate::text::hex::HEX_UPPER[((c >> shift) & 15) as usize]);
    }
}

/// Writes `owl:sameAs` links (entity, representative) as N-Triples lines, which are also
/// N-Quads lines in the default graph.
pub fn write_links(links: &[(String, String)], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = NTriplesSerializer::new().for_writer(out);
    for (a, b) in links {
        let (a, b) = (NamedNode::new_unchecked(a.as_str()), NamedNode::new_unchecked(b.as_str()));
        w.serialize_triple(TripleRef::new(&a, NamedNodeRef::new_unchecked(owl::SAME_AS), &b))?;
    }
    w.finish();
    Ok(())
}

/// Writes TriG: like N-Quads, readable, with prefixes.
#[derive(Debug, Clone, Copy, Default)]
pub struct TriGExporter {
    /// E-mail and provenance settings.
    pub options: ExportOptions,
}

impl Exporter for TriGExporter {
    fn export(&self, data: &Dataset, out: &mut dyn Write) -> Result<(), Error> {
        // Prefixes come first, so they are chosen from the default graph (the same IRIs as the
        // notes' graphs together) and the note IRIs (the graph names).
        let prefixes = rdf::prefixes(data.base());
        let mut serializer = TriGSerializer::new();
        for (name, ns) in default_graph_prefixes(&prefixes, data, &self.options) {
            serializer = serializer.with_prefix(name, ns).map_err(invalid)?;
        }
        let mut w = serializer.for_writer(out);
        rdf::for_each_note(data, &self.options, |graph, triples| {
            for t in triples {
                w.serialize_quad(QuadRef::new(&t.subject, &t.predicate, &t.object, graph))?;
            }
            Ok::<(), std::io::Error>(())
        })?;
        let same_as = NamedNodeRef::new_unchecked(owl::SAME_AS);
        for (a, b) in data.same_as_links() {
            let (a, b) = (NamedNode::new_unchecked(a), NamedNode::new_unchecked(b));
            w.serialize_quad(QuadRef::new(&a, same_as, &b, oxrdf::GraphNameRef::DefaultGraph))?;
        }
        w.finish()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::Literal;
    use proptest::prelude::*;

    fn ours(l: &Literal) -> String {
        let mut out = Vec::new();
        quoted(&mut out, l.value());
        if let Some(lang) = l.language() {
            out.push(b'@');
            out.extend_from_slice(lang.as_bytes());
        } else if l.datatype() != xsd_string() {
            out.extend_from_slice(b"^^");
            iri(&mut out, l.datatype().as_str());
        }
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn literals_are_escaped_as_oxrdf_escapes_them() {
        let mut hostile: String = (0u32..0x80).filter_map(char::from_u32).collect();
        hostile.push_str("\u{FFFE}\u{FFFF}\u{202E}עברית👩‍💻e\u{301}\"\"\"}>\\");
        for s in [hostile.as_str(), "", "plain", "\"", "\\", "a\r\nb"] {
            for l in [
                Literal::new_simple_literal(s),
                Literal::new_language_tagged_literal_unchecked(s, "en"),
                Literal::new_typed_literal(s, NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#date")),
            ] {
                assert_eq!(ours(&l), l.to_string(), "{s:?}");
            }
        }
    }

    /// The first implementation of [`quoted`] (by char), for comparison.
    fn quoted_by_chars(out: &mut Vec<u8>, s: &str) {
        out.push(b'"');
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let escape: &[u8] = match c {
                '\u{8}' => b"\\b",
                '\t' => b"\\t",
                '\n' => b"\\n",
                '\u{C}' => b"\\f",
                '\r' => b"\\r",
                '"' => b"\\\"",
                '\\' => b"\\\\",
                '\0'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}' => b"",
                _ => continue,
            };
            out.extend_from_slice(&s.as_bytes()[start..i]);
            if escape.is_empty() {
                out.extend_from_slice(format!("\\u{:04X}", u32::from(c)).as_bytes());
            } else {
                out.extend_from_slice(escape);
            }
            start = i + c.len_utf8();
        }
        out.extend_from_slice(&s.as_bytes()[start..]);
        out.push(b'"');
    }

    proptest! {
        /// The byte scan escapes what the scan of chars escaped.
        #[test]
        fn quoted_is_what_chars_gave(s in "[\u{0}-\u{80}\u{fffd}-\u{ffff}\u{efbf}\u{bfbe}\u{10000}-\u{10FFFF}é\"\\\\]{0,30}") {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            quoted(&mut a, &s);
            quoted_by_chars(&mut b, &s);
            prop_assert_eq!(a, b);
        }
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_oxrdf_escapes_it(s in any::<String>()) {
            let l = Literal::new_simple_literal(&s);
            prop_assert_eq!(ours(&l), l.to_string());
        }
    }
}
