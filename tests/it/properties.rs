//! Property tests: whatever the text, extraction does not panic and every output is valid.

use proptest::prelude::*;
use talkgraph::Format;

use crate::common::*;

/// Text full of the characters that break naive writers.
fn nasty() -> impl Strategy<Value = String> {
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
