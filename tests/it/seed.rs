//! Issue 1: everything in the seed note comes out right, checked by name.

use std::collections::BTreeSet;

use talkgraph::KnowledgeGraph;
use talkgraph::graph::{Entity, EntityKind, Relation};
use talkgraph::model::TalkKind;

use crate::common::{export, graph_of_file, seed_path};

fn seed() -> KnowledgeGraph {
    graph_of_file(&seed_path())
}

fn named<'a>(g: &'a KnowledgeGraph, kind: EntityKind, name: &str) -> &'a Entity {
    let found: Vec<&Entity> = g.entities().filter(|e| e.kind == kind && e.names.contains(name)).collect();
    assert_eq!(found.len(), 1, "expected one {kind:?} named {name:?}, found {found:?}");
    found[0]
}

fn targets<'a>(g: &'a KnowledgeGraph, from: &Entity, rel: Relation) -> Vec<&'a Entity> {
    g.relations().filter(|(a, e, _)| a.iri == from.iri && e.relation == rel).map(|(_, _, b)| b).collect()
}

fn names(es: &[&Entity]) -> BTreeSet<String> {
    es.iter().map(|e| e.label().to_owned()).collect()
}

const KEYNOTES: [&str; 2] = ["Myths and fairy tales around Python performance", "Stay Close to the Metal"];
const TALKS: [&str; 4] = [
    "Preservare la Privacy dei Dati Personali nell'Era dell'IA: Un Approccio Pratico con Nerpii",
    "Sii il cambiamento che vuoi vedere nel mondo",
    "Python-friendly cloud infrastructure management",
    "Snakes and Ladders: The Ups and Downs of Python Development with AWS Lambda",
];

#[test]
fn six_talks_with_their_kinds_all_part_of_the_pycon_event() {
    let g = seed();
    let events: Vec<&Entity> = g.entities().filter(|e| e.kind == EntityKind::Event).collect();
    assert_eq!(events.len(), 1);
    let event = events[0];
    assert!(event.label().contains("PyCon"), "{}", event.label());
    assert!(event.dates.contains("2024-05-25"));
    let talks: Vec<&Entity> = g.entities().filter(|e| e.kind == EntityKind::Talk).collect();
    assert_eq!(talks.len(), 6, "{:?}", names(&talks));
    for (titles, kind) in [(&KEYNOTES[..], TalkKind::Keynote), (&TALKS[..], TalkKind::Talk)] {
        for t in titles {
            let talk = named(&g, EntityKind::Talk, t);
            assert_eq!(talk.talk_kinds.iter().copied().collect::<Vec<_>>(), [kind], "{t}");
            assert_eq!(names(&targets(&g, talk, Relation::SuperEvent)), BTreeSet::from([event.label().to_owned()]));
        }
    }
}

#[test]
fn six_speakers_each_linked_to_their_talk() {
    let g = seed();
    let want = [
        (KEYNOTES[0], "Antonio Cuni"),
        (TALKS[0], "Simona Mazzarino"),
        (TALKS[1], "Mara Marzocchi"),
        (TALKS[2], "Roman Prykhodchenko"),
        (TALKS[3], "Kristi Perreault"),
        (KEYNOTES[1], "Vicki Boykis"),
    ];
    for (talk, speaker) in want {
        let t = named(&g, EntityKind::Talk, talk);
        assert_eq!(names(&targets(&g, t, Relation::Performer)), BTreeSet::from([speaker.to_owned()]), "{talk}");
    }
    let cuni = named(&g, EntityKind::Person, "Antonio Cuni");
    assert_eq!(cuni.urls, talkgraph::graph::SmallSet::from(["https://pyscript.com/@antocuni/".to_owned()]));
}

#[test]
fn affiliations() {
    let g = seed();
    let want = [
        ("Simona Mazzarino", Some("ClearBoxAI")),
        ("Mara Marzocchi", Some("Codemotion")),
        ("Roman Prykhodchenko", Some("Hauki Tech")),
        ("Vicki Boykis", Some("Mozilla AI")),
        ("Antonio Cuni", None),
        ("Kristi Perreault", None),
    ];
    for (person, org) in want {
        let p = named(&g, EntityKind::Person, person);
        let orgs = targets(&g, p, Relation::Affiliation);
        match org {
            Some(o) => {
                assert_eq!(orgs.len(), 1, "{person}: {:?}", names(&orgs));
                assert!(orgs[0].names.contains(o), "{person}: {:?}", orgs[0].names);
            }
            None => assert!(orgs.is_empty(), "{person} has no affiliation, got {:?}", names(&orgs)),
        }
    }
    let codemotion = named(&g, EntityKind::Organization, "Codemotion");
    assert_eq!(codemotion.urls, talkgraph::graph::SmallSet::from(["https://www.codemotion.com/".to_owned()]));
}

#[test]
fn slides_of_cuni_and_mazzarino() {
    let g = seed();
    let with_slides: BTreeSet<String> = g
        .entities()
        .filter(|e| e.kind == EntityKind::Talk && !targets(&g, e, Relation::WorkFeatured).is_empty())
        .map(|e| e.label().to_owned())
        .collect();
    assert_eq!(with_slides, BTreeSet::from([KEYNOTES[0].to_owned(), TALKS[0].to_owned()]));
    let cuni = targets(&g, named(&g, EntityKind::Talk, KEYNOTES[0]), Relation::WorkFeatured);
    assert_eq!(cuni[0].kind, EntityKind::Slides);
    assert!(cuni[0].urls.contains("https://antocuni.pyscriptapps.com/pycon-it-2024-performance-myths/latest/"));
    let maz = targets(&g, named(&g, EntityKind::Talk, TALKS[0]), Relation::WorkFeatured);
    assert!(maz[0].urls.contains("https://github.com/simonamazzarino/pycon_slides"));
}

#[test]
fn tools_with_urls_mentioned_by_the_right_talk() {
    let g = seed();
    let want: [(&str, &str, &str); 12] = [
        ("pyscript.com", "https://pyscript.com/", KEYNOTES[0]),
        ("pdb++", "https://github.com/pdbpp/pdbpp", KEYNOTES[0]),
        ("pdb", "https://docs.python.org/3/library/pdb.html", KEYNOTES[0]),
        (
            "spylang/spy",
            "https://4897a01d-e56f-47fa-814f-70c7c1e11730.pyscriptapps.com/8bd8148e-fbdc-49f9-9ec2-0b01f432ef90/latest/",
            KEYNOTES[0],
        ),
        ("NERPII", "https://github.com/Clearbox-AI/nerpii", TALKS[0]),
        ("AWS CodeDeploy", "https://aws.amazon.com/codedeploy/", TALKS[3]),
        ("AWS CodePipeline", "https://aws.amazon.com/codepipeline/", TALKS[3]),
        ("Python-lambda-local", "https://pypi.example/project/python-lambda-local/", TALKS[3]),
        ("Ray", "https://docs.ray.io/en/master/index.html", KEYNOTES[1]),
        ("vLLM", "https://docs.vllm.ai/en/latest/", KEYNOTES[1]),
        ("llamafile", "https://github.com/Mozilla-Ocho/llamafile", KEYNOTES[1]),
        ("lm-buddy", "https://github.com/mozilla-ai/lm-buddy", KEYNOTES[1]),
    ];
    let linked: BTreeSet<String> = g
        .relations()
        .filter(|(_, e, b)| e.relation == Relation::Mentions && b.kind == EntityKind::Tool)
        .map(|(_, _, b)| b.label().to_owned())
        .collect();
    assert_eq!(linked, want.iter().map(|w| w.0.to_owned()).collect(), "exactly the seed's linked tools");
    for (name, url, talk) in want {
        let tool = named(&g, EntityKind::Tool, name);
        assert_eq!(tool.urls, talkgraph::graph::SmallSet::from([url.to_owned()]), "{name}");
        let t = named(&g, EntityKind::Talk, talk);
        assert!(targets(&g, t, Relation::Mentions).iter().any(|m| m.iri == tool.iri), "{talk} mentions {name}");
    }
    let spy = named(&g, EntityKind::Tool, "spylang/spy");
    let repos: Vec<&Entity> = g
        .relations()
        .filter(|(_, e, b)| e.relation == Relation::TargetProduct && b.iri == spy.iri)
        .map(|r| r.0)
        .collect();
    assert_eq!(repos.len(), 1);
    assert_eq!(repos[0].kind, EntityKind::Repository);
    assert_eq!(repos[0].urls, talkgraph::graph::SmallSet::from(["https://github.com/spylang/spy".to_owned()]));
    assert_eq!(
        named(&g, EntityKind::Tool, "pdb").descriptions,
        talkgraph::graph::SmallSet::from(["Python Debugger".to_owned()])
    );
    assert_eq!(
        named(&g, EntityKind::Tool, "vLLM").descriptions,
        talkgraph::graph::SmallSet::from(["fast and easy-to-use library for LLM inference and serving".to_owned()])
    );
}

#[test]
fn unlinked_tools_are_inferred_mentions_of_the_right_talk() {
    let g = seed();
    let want = [("Terraform", TALKS[2]), ("pytest", TALKS[2]), ("Moto", TALKS[3]), ("Lambda Powertools", TALKS[3])];
    let inferred: BTreeSet<(String, String)> = g
        .relations()
        .filter(|(_, e, _)| e.relation == Relation::InferredMention)
        .map(|(a, _, b)| (b.label().to_owned(), a.label().to_owned()))
        .collect();
    assert_eq!(inferred, want.iter().map(|(t, talk)| ((*t).to_owned(), (*talk).to_owned())).collect());
}

#[test]
fn what_is_not_a_tool() {
    let g = seed();
    let owen = named(&g, EntityKind::Person, "Robert Owen");
    assert!(owen.same_as.contains("https://en.wikipedia.org/wiki/Robert_Owen"));
    for e in g.entities().filter(|e| e.kind == EntityKind::Tool) {
        for bad in ["Robert Owen", "github repo", "slides", "Hauki Tech GitHub page", "mozilla.ai"] {
            assert!(!e.names.contains(bad), "{bad} is not a tool");
        }
        assert!(!e.urls.iter().any(|u| u.contains("manifestoitalianodonnetecnologia")));
    }
    let manifesto = g.entities().find(|e| e.urls.iter().any(|u| u.contains("manifestoitalianodonnetecnologia")));
    assert_eq!(manifesto.map(|e| e.kind), Some(EntityKind::WebPage));
    assert_eq!(named(&g, EntityKind::WebPage, "Hauki Tech GitHub page").kind, EntityKind::WebPage);
    let mozilla = named(&g, EntityKind::Organization, "mozilla.ai");
    let lm_buddy = named(&g, EntityKind::Tool, "lm-buddy");
    assert_eq!(targets(&g, lm_buddy, Relation::Publisher)[0].iri, mozilla.iri);
}

#[test]
fn books_mentioned_by_the_keynote() {
    let g = seed();
    let keynote = named(&g, EntityKind::Talk, KEYNOTES[1]);
    let mentioned = targets(&g, keynote, Relation::Mentions);
    for (title, author) in [("Close to the Machine", "Ellen Ullman"), ("The programmer's brain", "Felienne Hermans")] {
        let book = named(&g, EntityKind::Book, title);
        assert!(mentioned.iter().any(|m| m.iri == book.iri), "{title}");
        assert_eq!(names(&targets(&g, book, Relation::Author)), BTreeSet::from([author.to_owned()]));
    }
    assert_eq!(g.entities().filter(|e| e.kind == EntityKind::Book).count(), 2);
}

#[test]
fn no_email_address_in_any_output() {
    let g = seed();
    assert!(g.entities().any(|e| e.emails.contains("mara.marzocchi@gmail.com")), "extracted, kept in the model");
    let g = crate::common::dataset_of_file(&seed_path());
    for f in talkgraph::Format::ALL {
        let out = export(&g, f);
        for needle in ["mara.marzocchi", "roman@hauki.tech", "@gmail", "mailto:"] {
            assert!(!out.contains(needle), "{f:?} output contains {needle}");
        }
    }
}

#[test]
fn email_modes_apply_to_every_format() {
    use sha1::Digest;
    use talkgraph::export::{EmailMode, ExportOptions};
    let data = crate::common::dataset_of_file(&seed_path());
    let sum: String =
        sha1::Sha1::digest(b"mailto:mara.marzocchi@gmail.com").iter().map(|b| format!("{b:02x}")).collect();
    for f in talkgraph::Format::ALL {
        let hashed =
            crate::common::export_with(&data, f, ExportOptions { emails: EmailMode::Hash, ..Default::default() });
        assert!(hashed.contains(&sum), "{f:?} --emails hash lacks the SHA-1 of the mailto: IRI");
        assert!(!hashed.contains("mara.marzocchi@"), "{f:?} --emails hash leaks the address");
        let kept =
            crate::common::export_with(&data, f, ExportOptions { emails: EmailMode::Keep, ..Default::default() });
        assert!(kept.contains("mara.marzocchi@gmail.com"), "{f:?} --emails keep lacks the address");
        // The RDF formats write a mailto: IRI; diagrams and tables (takes_views) the address.
        if !f.takes_views() {
            assert!(kept.contains("mailto:mara.marzocchi@gmail.com"), "{f:?} writes a mailto: IRI");
        }
    }
}
