//! Property tests: whatever the text, extraction does not panic and every output is valid.

use proptest::prelude::*;
use talkgraph::Format;

use crate::common::*;

/// Text full of the characters that break naive writers.
pub(crate) fn nasty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\"\"\"".to_owned()),
        Just("'''".to_owned()),
        Just(">".to_owned()),
        Just("}".to_owned()),
        Just("{".to_owned()),
        Just("<".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{7}".to_owned()),
        Just("\u{202E}".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("🐍".to_owned()),
        Just("שלום".to_owned()),
        Just("%".to_owned()),
        Just("@".to_owned()),
        Just(":".to_owned()),
        Just("#".to_owned()),
        Just("*".to_owned()),
        Just("[".to_owned()),
        Just("](".to_owned()),
        "[A-Za-z]{1,8}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
        Just(" ".to_owned()),
    ];
    prop::collection::vec(piece, 1..12).prop_map(|v| v.concat())
}

fn url_tail() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9/._-]{0,12}".prop_map(|s| s),
        Just("a b".to_owned()),
        Just("\"q\"".to_owned()),
        Just("<x>".to_owned()),
        Just("é/ü".to_owned()),
        Just("{x}|^`".to_owned()),
        Just("%zz".to_owned()),
    ]
}

fn note(title: &str, name: &str, org: &str, tool: &str, tail: &str, desc: &str) -> String {
    format!(
        "+++\ntitle = \"x\"\n+++\n# [TALK] {title}\nby [{name}](https://p.example/{tail}) - {org} - [slides](https://s.example/{tail})\n\n- [{tool}](https://t.example/{tail}) - {desc}\n\n{name}'s book *{title}*.\n"
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_names_give_valid_rdf(
        title in nasty(), name in nasty(), org in nasty(), tool in nasty(), tail in url_tail(), desc in nasty()
    ) {
        let text = note(&title, &name, &org, &tool, &tail, &desc);
        let g = dataset_of(&[("n.md", &text)]);
        let expected = expected_triples(&g);
        prop_assert_eq!(&parse_turtle(&export(&g, Format::Turtle)), &expected);
        prop_assert_eq!(&parse_jsonld(&export(&g, Format::JsonLd)), &expected);
    }

    #[test]
    fn any_text_extracts_without_panic(text in "\\PC*") {
        let g = dataset_of(&[("n.md", &text)]);
        let _ = export(&g, Format::Turtle);
    }
}

proptest! {
    // Each case starts Graphviz: fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_names_give_dot_that_renders(title in nasty(), name in nasty(), org in nasty(), tool in nasty()) {
        let g = dataset_of(&[("n.md", &note(&title, &name, &org, &tool, "x", "d"))]);
        render_dot(&export(&g, Format::Dot));
    }
}

/// Bytes as they may sit in a file: text pieces, invalid UTF-8, byte order marks, NULs.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        nasty().prop_map(String::into_bytes),
        Just(b"# [TALK] ".to_vec()),
        Just(b"\nby Ada Lovelace - Acme\n".to_vec()),
        Just(b"\n- [Foo](https://foo.example/a b) - a tool\n".to_vec()),
        Just(b"---\ntitle: x\n".to_vec()),
        Just(b"+++\n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(vec![0xC3]),
        Just(vec![0]),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// What the fuzz targets check (fuzz/), in CI: any bytes are decoded or refused with an
    /// error, never a panic, and every RDF format of what was read parses back to the same
    /// triples.
    #[test]
    fn any_bytes_are_read_or_refused_and_every_rdf_format_parses_back(a in file_bytes(), b in file_bytes()) {
        let mut notes = Vec::new();
        for (name, bytes) in [("a.md", a), ("dir/b c.md", b)] {
            if let Ok(text) = talkgraph::input::decode(std::path::Path::new(name), bytes)
                && let Ok(x) = talkgraph::extract::try_extract(name, &text, &talkgraph::extract::ExtractOptions::default())
            {
                notes.push(x.note);
            }
        }
        let ds = talkgraph::Dataset::build(talkgraph::vocab::DEFAULT_BASE, notes).expect("valid base");
        let expected = expected_triples(&ds);
        let union = |q: std::collections::BTreeSet<(String, String)>| -> std::collections::BTreeSet<String> {
            q.into_iter().map(|(_, t)| t).collect()
        };
        prop_assert_eq!(&union(parse_quads(&export(&ds, Format::NTriples), false)), &expected);
        prop_assert_eq!(&union(parse_quads(&export(&ds, Format::NQuads), false)), &expected);
        prop_assert_eq!(&union(parse_quads(&export(&ds, Format::TriG), true)), &expected);
        prop_assert_eq!(&parse_turtle(&export(&ds, Format::Turtle)), &expected);
        prop_assert_eq!(&parse_jsonld(&export(&ds, Format::JsonLd)), &expected);
    }
}
