//! Issue 2: the same person, organization or tool across notes is one node with one IRI, and
//! different ones stay apart. Two names for one URL are two IRIs joined by `owl:sameAs`, so that
//! no note's IRIs depend on another note.

use std::collections::BTreeSet;

use talkgraph::KnowledgeGraph;
use talkgraph::graph::{Entity, EntityKind, Relation};

use crate::common::graph_of;

fn of_kind(g: &KnowledgeGraph, kind: EntityKind) -> Vec<&Entity> {
    g.entities().filter(|e| e.kind == kind).collect()
}

/// The (entity, representative) label pairs of `owl:sameAs` links between entities of `kind`.
fn same_as(g: &KnowledgeGraph, kind: EntityKind) -> BTreeSet<(String, String)> {
    g.relations()
        .filter(|(a, e, _)| e.relation == Relation::SameAs && a.kind == kind)
        .map(|(a, _, b)| (a.label().to_owned(), b.label().to_owned()))
        .collect()
}

fn names(e: &Entity) -> BTreeSet<&str> {
    e.names.iter().map(String::as_str).collect()
}

#[test]
fn people_across_notes_diacritics_case_and_spacing() {
    let g = graph_of(&[
        ("a.md", "# [TALK] One\nby José Valim\n"),
        ("b.md", "# [TALK] Two\nby JOSÉ  VALIM\n"),
        ("c.md", "# [TALK] Three\nby Jose Valim\n"),
    ]);
    let people = of_kind(&g, EntityKind::Person);
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].label(), "José Valim", "the display name keeps its accents");
    assert_eq!(people[0].iri, "https://talkgraph.example/id/person/jose-valim");
    assert_eq!(people[0].sources.len(), 3);
}

#[test]
fn organizations_spelled_differently() {
    let g = graph_of(&[
        ("a.md", "# [TALK] One\nby Ann Lee - ClearBoxAI\n"),
        ("b.md", "# [TALK] Two\nby Bob Ray - Clearbox AI\n"),
        ("c.md", "# [TALK] Three\nby Cy Dee - Clearbox-AI\n"),
    ]);
    let orgs = of_kind(&g, EntityKind::Organization);
    assert_eq!(orgs.len(), 1, "{orgs:?}");
    assert_eq!(names(orgs[0]), BTreeSet::from(["ClearBoxAI", "Clearbox AI", "Clearbox-AI"]), "aliases are kept");
}

#[test]
fn urls_normalized_identify_tools_and_merge_slides() {
    let g = graph_of(&[
        (
            "a.md",
            "# [TALK] One\nby Ann Lee - [slides](https://deck.example/one?utm_source=tw#p2)\n\n- [Foo](https://github.com/Acme/Foo) - a tool\n",
        ),
        (
            "b.md",
            "# [TALK] Two\nby Bob Ray - [slides](http://www.deck.example/one/)\n\n- [foo-lib](https://github.com/acme/foo.git) - the same tool\n",
        ),
    ]);
    let tools = of_kind(&g, EntityKind::Tool);
    assert_eq!(tools.len(), 2, "one IRI per name: {tools:?}");
    assert_eq!(
        same_as(&g, EntityKind::Tool),
        BTreeSet::from([("foo-lib".to_owned(), "Foo".to_owned())]),
        "same GitHub repo, owner/repo case and .git aside"
    );
    assert_eq!(of_kind(&g, EntityKind::Slides).len(), 1, "scheme, www, trailing slash, fragment, utm_ aside");
}

#[test]
fn a_shared_first_name_or_company_url_never_merges_two_people() {
    let g = graph_of(&[
        ("a.md", "# [TALK] One\nby Antonio Cuni\n"),
        ("b.md", "# [TALK] Two\nby Antonio Rossi\n"),
        ("c.md", "# [TALK] Three\nby [Jane Doe](https://acme.example/) and [John Smith](https://acme.example/)\n"),
        ("d.md", "# [TALK] Four\nby [Ada Lovelace](https://ada.example/) and [A. Lovelace](http://www.ada.example)\n"),
    ]);
    let people: BTreeSet<String> = of_kind(&g, EntityKind::Person).iter().map(|e| e.label().to_owned()).collect();
    assert!(people.contains("Antonio Cuni") && people.contains("Antonio Rossi"), "{people:?}");
    assert!(people.contains("Jane Doe") && people.contains("John Smith"), "{people:?}");
    assert_eq!(
        same_as(&g, EntityKind::Person),
        BTreeSet::from([("Ada Lovelace".to_owned(), "A. Lovelace".to_owned())]),
        "same homepage, same surname: linked to the smallest key; a company URL links no one"
    );
}

#[test]
fn iris_do_not_depend_on_the_other_notes() {
    let alone = graph_of(&[("a.md", "# [TALK] One\nby José Valim - Dashbit\n")]);
    let with_others = graph_of(&[
        ("0.md", "# [TALK] Zero\nby Someone Else - Dashbit\n"),
        ("a.md", "# [TALK] One\nby José Valim - Dashbit\n"),
    ]);
    for e in alone.entities() {
        assert!(with_others.find(&e.iri).is_some(), "{} changed IRI", e.iri);
    }
}

#[test]
fn language_tags_from_the_text_else_the_front_matter() {
    let g = crate::common::dataset_of(&[(
        "a.md",
        "---\nlang: it\n---\n# [TALK] Pipeline asincrone\nby Ada Lovelace\n\n# [TALK] Stay close to the metal\nby Ada Lovelace\n",
    )]);
    let ttl = crate::common::export(&g, talkgraph::Format::Turtle);
    assert!(ttl.contains("\"Pipeline asincrone\"@it"), "front matter decides an unclear title:\n{ttl}");
    assert!(ttl.contains("\"Stay close to the metal\"@en"), "the title's own words win:\n{ttl}");
    assert!(ttl.contains("\"Ada Lovelace\" ."), "names of people have no language:\n{ttl}");
}

/// Sources name their note by an index into the graph's sorted note paths: whatever order
/// notes are added or resolvers absorbed in (a note added twice counting once), the graph,
/// and every source's path and line, are the same.
#[test]
fn sources_are_in_path_order_whatever_the_order_notes_come_in() {
    use talkgraph::extract::{ExtractOptions, extract};
    use talkgraph::resolve::Resolver;
    let texts = [
        ("c.md", "# [TALK] Three\nby Jose Valim - Acme\n"),
        ("a.md", "# [TALK] One\n\nby José Valim - Acme\n"),
        ("b.md", "# [TALK] Two\nby JOSÉ VALIM - ACME\n"),
    ];
    let notes: Vec<_> = texts.iter().map(|(p, t)| extract(p, t, &ExtractOptions::default()).note).collect();
    let base = talkgraph::vocab::DEFAULT_BASE;
    let resolver = |order: &[usize]| {
        let mut r = Resolver::new(base).expect("the default base is valid");
        for &i in order {
            r.add(&notes[i]);
        }
        r
    };
    let described = |g: &KnowledgeGraph| -> Vec<String> {
        let mut out = Vec::new();
        for e in g.entities() {
            let sources: Vec<String> = e.sources.iter().map(|s| format!("{}:{}", g.source_path(s), s.line)).collect();
            out.push(format!("{} {}", e.iri, sources.join(" ")));
        }
        for (a, edge, b) in g.relations() {
            let sources: Vec<String> =
                edge.sources.iter().map(|s| format!("{}:{}", g.source_path(s), s.line)).collect();
            out.push(format!("{} {:?} {} {}", a.iri, edge.relation, b.iri, sources.join(" ")));
        }
        out
    };
    let sorted = resolver(&[1, 2, 0]).finish();
    assert_eq!(sorted.note_paths(), ["a.md", "b.md", "c.md"]);
    let person = sorted.find("https://talkgraph.example/id/person/jose-valim").expect("one person");
    let at: Vec<(&str, u32)> = person.sources.iter().map(|s| (sorted.source_path(s), s.line)).collect();
    assert_eq!(at, [("a.md", 3), ("b.md", 2), ("c.md", 2)]);
    let expected = described(&sorted);
    assert_eq!(described(&resolver(&[0, 1, 2]).finish()), expected, "added out of order");
    assert_eq!(described(&resolver(&[2, 1, 0, 1]).finish()), expected, "b.md added twice");
    let mut absorbed = resolver(&[2]);
    absorbed.absorb(resolver(&[0]));
    absorbed.absorb(resolver(&[1]));
    assert_eq!(described(&absorbed.finish()), expected, "absorbed out of order");
}
