//! Family: panels and lightning-talk lists. A panel's panelists and its moderator are all its
//! speakers, wherever the body names them (`Panelists: A (Org), B; moderated by C`,
//! `Moderator: C`, or `Panelists:` over a list of people); the talks listed under a heading
//! such as `Lightning talks` (or `Charlas relámpago`, `Blitzvorträge`) are talks of that kind.

use super::blocks::{Block, BlockKind};
use super::catalogue::{Convention, Expect};
use super::people::{self, People, Strength};
use super::speaker_lines::{label_at, later_lines, read_labels};
use crate::model::TalkKind;

/// Where the people of a panel, or the talks of a list, are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Label lines in the first blocks of a talk's body: `Panelists: ...`, `Moderator: ...`.
    Labels,
    /// `Panelists:` alone, then a list of people.
    LabelledList,
    /// A heading naming a kind of talks (`Lightning talks`), then talks as list items.
    KindList,
}

const fn e(title: &'static str, kind: TalkKind, speakers: &'static [(&'static str, Option<&'static str>)]) -> Expect {
    Expect { title, kind, speakers }
}

/// The conventions of this family.
pub static CONVENTIONS: &[Convention<Rule>] = &[
    Convention {
        id: "panel.labels",
        shape: "`Panelists: A (Org), B; moderated by C`, `Moderator: C`",
        languages: "any",
        about: "panelists and moderators named by labels in the first blocks of the talk's body: all are speakers",
        example: "## Panel: The future of packaging\n\nPanelists: Ana Ruiz (Astral), Bo Chen; moderated by Sara Rossi\n\nA lively debate.\n",
        expect: &[e(
            "The future of packaging",
            TalkKind::Panel,
            &[("Ana Ruiz", Some("Astral")), ("Bo Chen", None), ("Sara Rossi", None)],
        )],
        rule: Rule::Labels,
    },
    Convention {
        id: "panel.labelled-list",
        shape: "`Panelists:` then `- Name (Org)` items",
        languages: "any",
        about: "a label alone, then one person per list item",
        example: "## Panel: Open source funding\n\nPanelists:\n\n- Grace Hopper (US Navy)\n- Alan Turing\n\nModerator: Ada Lovelace\n",
        expect: &[e(
            "Open source funding",
            TalkKind::Panel,
            &[("Grace Hopper", Some("US Navy")), ("Alan Turing", None), ("Ada Lovelace", None)],
        )],
        rule: Rule::LabelledList,
    },
    Convention {
        id: "lightning.list",
        shape: "`## Lightning talks` (`Charlas relámpago`, `Blitzvorträge`...), then `- Title — Name` items",
        languages: "any",
        about: "each item a talk of the heading's kind",
        example: "## Lightning talks\n\n- **Rich tracebacks** by Farah Siddiqui\n- Pattern matching in anger — Lena Fischer\n",
        expect: &[
            e("Rich tracebacks", TalkKind::Lightning, &[("Farah Siddiqui", None)]),
            e("Pattern matching in anger", TalkKind::Lightning, &[("Lena Fischer", None)]),
        ],
        rule: Rule::KindList,
    },
];

/// How many blocks of a talk's body may hold its panel labels.
const FIRST_BLOCKS: usize = 6;

/// The people named by labels in the first blocks of a talk's body (`body` starts at block
/// `base` of the note): what they are and the blocks read.
/// Whether a text opens with a label that names a panel's people (`Panelists:`, `Moderator:`,
/// `Auf dem Podium:`): a talk whose body has one is a panel.
pub(crate) fn names_panel(text: &str) -> bool {
    label_at(text, None).is_some_and(|(_, cue)| {
        cue.role == super::cues::Role::Moderator
            || ["panel", "pane", "podium", "パネ"].iter().any(|p| cue.word.starts_with(p))
    })
}

pub(crate) fn body_people(body: &[Block], base: usize, skip: &[usize]) -> Option<(People, Vec<usize>)> {
    let mut out = People::default();
    let mut consumed = Vec::new();
    let mut k = 0;
    while k < body.len().min(FIRST_BLOCKS) {
        let b = &body[k];
        if matches!(b.kind, BlockKind::Heading(_)) {
            break;
        }
        if skip.contains(&(base + k)) || b.kind != BlockKind::Paragraph {
            k += 1;
            continue;
        }
        let mut found = false;
        for (n, line) in b.lines.iter().enumerate() {
            let Some((start, _)) = label_at(&line.text, None) else { continue };
            // `Panelists:` alone: the people are the list items after it.
            if line.text[start..].trim().trim_matches('*').is_empty() && n + 1 == b.lines.len() {
                let mut j = k + 1;
                while let Some(item) = body.get(j).filter(|i| i.kind == BlockKind::Item) {
                    let text: String = item.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
                    if let Some(p) = people::read(item, &text, item.line, Strength::Strong) {
                        merge(&mut out, p);
                        consumed.push(base + j);
                    }
                    j += 1;
                }
                found = true;
                continue;
            }
            if let Some(p) = read_labels(b, line, None) {
                merge(&mut out, p);
                found = true;
            }
        }
        if found {
            later_lines(b, &[], &mut out);
            consumed.push(base + k);
        }
        k += 1;
    }
    (!out.speakers.is_empty()).then_some((out, consumed))
}

fn merge(out: &mut People, p: People) {
    for s in p.speakers {
        let key = crate::text::person_key(&s.name);
        if !out.speakers.iter().any(|o| crate::text::person_key(&o.name) == key) {
            out.speakers.push(s);
        }
    }
    out.materials.extend(p.materials);
    out.leftovers.extend(p.leftovers);
    out.unsure.extend(p.unsure);
}
