//! What the fuzz targets share: bytes to notes (as the command line reads them), a dataset,
//! an export, and checks that outputs parse back.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use talkgraph::export::{EmailMode, ExportOptions, ProvenanceMode};
use talkgraph::extract::{ExtractOptions, Lexicon, try_extract};
use talkgraph::{Dataset, Format};

/// Up to four notes: the bytes split at 0x1E (record separator), each decoded as a file is
/// (UTF-8, UTF-16 with a byte order mark; binary and other encodings refused) and extracted
/// with the default limits and the curated lexicon. The first byte picks the export options.
pub fn dataset(data: &[u8]) -> Option<(Dataset, ExportOptions)> {
    let (&first, rest) = data.split_first()?;
    let options = ExportOptions {
        emails: [EmailMode::Omit, EmailMode::Hash, EmailMode::Keep][usize::from(first % 3)],
        provenance: [ProvenanceMode::Lines, ProvenanceMode::Notes, ProvenanceMode::None][usize::from(first / 3 % 3)],
    };
    let extract = ExtractOptions { lexicon: Some(lexicon()), ..ExtractOptions::default() };
    let names = ["a.md", "dir/b c.md", "ü/<x>.md", "d.md"];
    let notes = rest
        .split(|&b| b == 0x1E)
        .take(4)
        .zip(names)
        .filter_map(|(bytes, name)| {
            let text = talkgraph::input::decode(Path::new(name), bytes.to_vec()).ok()?;
            try_extract(name, &text, &extract).ok().map(|x| x.note)
        })
        .collect();
    Some((Dataset::build(talkgraph::vocab::DEFAULT_BASE, notes).expect("valid base"), options))
}

/// The curated lexicon, built once (it compiles a regex).
pub fn lexicon() -> std::sync::Arc<Lexicon> {
    static LEXICON: std::sync::LazyLock<std::sync::Arc<Lexicon>> =
        std::sync::LazyLock::new(|| std::sync::Arc::new(Lexicon::curated()));
    LEXICON.clone()
}

/// The export of `ds` in `format`, as UTF-8.
pub fn export(ds: &Dataset, format: Format, options: ExportOptions) -> String {
    let mut out = Vec::new();
    format.exporter(options).export(ds, &mut out).expect("writing to memory works");
    String::from_utf8(out).expect("exports are UTF-8")
}

/// The default graph the RDF formats must state, as N-Triples lines.
pub fn expected(ds: &Dataset, options: ExportOptions) -> BTreeSet<String> {
    let mut all: BTreeSet<String> =
        talkgraph::export::rdf::triples(ds, &options).iter().map(ToString::to_string).collect();
    // owl:sameAs links are part of the merged graph already.
    all.retain(|t| !t.is_empty());
    all
}

/// Parses N-Triples, N-Quads or TriG: (graph, triple) lines.
pub fn quads(text: &str, format: Format) -> BTreeSet<(String, String)> {
    let parsed: Result<Vec<oxrdf::Quad>, _> = match format {
        Format::TriG => oxttl::TriGParser::new().for_slice(text.as_bytes()).collect(),
        _ => oxttl::NQuadsParser::new().for_slice(text.as_bytes()).collect(),
    };
    let parsed = parsed.unwrap_or_else(|e| panic!("{format:?} does not parse back: {e}\n{text}"));
    parsed.into_iter().map(|q| (q.graph_name.to_string(), oxrdf::Triple::from(q).to_string())).collect()
}

/// N-Triples, N-Quads or TriG of `data`'s notes parse back; every named graph is a note; the
/// union of the graphs is the dataset's triples.
pub fn check_quads(data: &[u8], format: Format) {
    let Some((ds, options)) = dataset(data) else { return };
    let text = export(&ds, format, options);
    let quads = quads(&text, format);
    for (g, _) in &quads {
        assert!(g == "DEFAULT" || (format != Format::NTriples && g.contains("/id/note/")), "graph {g}");
    }
    let union: BTreeSet<String> = quads.into_iter().map(|(_, t)| t).collect();
    assert_eq!(union, expected(&ds, options));
}

/// Turtle or JSON-LD of `data`'s notes parse back (with `parse`) to exactly the dataset's
/// triples.
pub fn check_triples(data: &[u8], format: Format, parse: fn(&str) -> BTreeSet<String>) {
    let Some((ds, options)) = dataset(data) else { return };
    assert_eq!(parse(&export(&ds, format, options)), expected(&ds, options));
}

/// Checks DOT against its grammar's lexical rules: every token is a keyword, an ID (plain or
/// a double-quoted string whose quotes are escaped), or punctuation; braces and brackets
/// balance; statements sit inside one `digraph { }`.
pub fn check_dot(dot: &str) {
    let b = dot.as_bytes();
    let mut i = 0;
    let mut depth: Vec<u8> = Vec::new();
    let mut graphs = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                loop {
                    match b.get(i) {
                        None => panic!("unterminated string in DOT:\n{dot}"),
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                if b[i] == b'{' && depth.is_empty() {
                    graphs += 1;
                }
                depth.push(b[i]);
                i += 1;
            }
            b'}' => {
                assert_eq!(depth.pop(), Some(b'{'), "unbalanced braces in DOT:\n{dot}");
                i += 1;
            }
            b']' => {
                assert_eq!(depth.pop(), Some(b'['), "unbalanced brackets in DOT:\n{dot}");
                i += 1;
            }
            b'=' | b';' | b',' => i += 1,
            b'-' if b.get(i + 1) == Some(&b'>') => i += 2,
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'.' | b'-')) {
                    i += 1;
                }
            }
            c => panic!("unexpected byte {c:#04x} at {i} in DOT:\n{dot}"),
        }
    }
    assert!(depth.is_empty(), "unclosed braces in DOT:\n{dot}");
    assert_eq!(graphs, 1, "one graph in DOT:\n{dot}");
}
