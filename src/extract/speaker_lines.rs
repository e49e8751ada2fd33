//! Family: speaker lines under a talk's heading, plain, bold or italic: `by Name`,
//! `**Speaker:** Name (Org)`, `*Speaker: Name, Org*`, `Speakers: A, B`, `Presented by Name`,
//! `_Name, Org_`, `Name from Org`, `Name, Staff Engineer at Org`, `Name (@handle)`, the labels
//! of every language in [`super::cues::SPEAKER_CUES`], and a byline given as a sub-heading
//! (`##### by Name`).

use super::blocks::{Block, BlockKind, Line};
use super::catalogue::{Convention, Expect};
use super::names::{self, Verdict};
use super::people::{self, People, Strength, material_kind};
use super::tagged::prefix_len;
use crate::model::{Material, MaterialKind, TalkKind};

/// How a line names the speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A label or word of [`super::cues::SPEAKER_CUES`] in one language, then the speakers.
    Label(&'static str),
    /// The speakers emphasized on their own: `_Name, Org_`, `*Name* [video](...)`.
    Emphasized,
    /// The speakers alone on a line: `Name, Org`, `Name from Org`, `Name (@handle)`: each needs
    /// a given name or an organization of their own.
    Plain,
    /// A sub-heading holding a label line: `##### by Name`.
    SubHeading,
    /// A line linking only the talk's materials: tried after every other way a heading can be a
    /// talk ([`materials_line`]).
    Materials,
}

const fn e(title: &'static str, speakers: &'static [(&'static str, Option<&'static str>)]) -> Expect {
    Expect { title, kind: TalkKind::Talk, speakers }
}

/// The conventions of this family, tried in this order.
pub static CONVENTIONS: &[Convention<Rule>] = &[
    Convention {
        id: "speaker-line.by",
        shape: "`by Name and Name - Org - a@b.example - [slides](url)`",
        languages: "en",
        about: "`by`, `Presented by`, `Hosted by`, plain or emphasized; then organizations, an e-mail, materials",
        example: "### Fearless refactoring\nby [Ada Lovelace](https://ada.example/) - Analytical Engines - [slides](https://s.example/x)\n\n### Second\n*Presented by Sam Lee from Acme Corp*\n",
        expect: &[
            e("Fearless refactoring", &[("Ada Lovelace", Some("Analytical Engines"))]),
            e("Second", &[("Sam Lee", Some("Acme Corp"))]),
        ],
        rule: Rule::Label("en"),
    },
    Convention {
        id: "speaker-line.label",
        shape: "`**Speaker:** Name (Org)`, `*Speaker: Name, Org*`, `Speakers: A (Org), B`",
        languages: "en",
        about: "a `Speaker:` label (bold, italic or plain); `Name, Org` gives the organization when it is not a person",
        example: "### Streaming at Spotify\n*Speaker: Hanna Lindqvist, Spotify*\n\n### Dataframes\n**Speakers:** Ana Ruiz (Quantaworks), Li Wei, Sam Lee\n",
        expect: &[
            e("Streaming at Spotify", &[("Hanna Lindqvist", Some("Spotify"))]),
            e("Dataframes", &[("Ana Ruiz", Some("Quantaworks")), ("Li Wei", None), ("Sam Lee", None)]),
        ],
        rule: Rule::Label("en"),
    },
    Convention {
        id: "speaker-line.es",
        shape: "`Ponente: Nombre (Org)`, `por Nombre`, `Presentado por Nombre`",
        languages: "es",
        about: "Spanish labels and `por`",
        example: "### Datos en tiempo real\nPonente: Lucía Fernández, Red Hat\n\n### Otra charla\npor Pablo Ruiz y Carmen Díaz\n",
        expect: &[
            e("Datos en tiempo real", &[("Lucía Fernández", Some("Red Hat"))]),
            e("Otra charla", &[("Pablo Ruiz", None), ("Carmen Díaz", None)]),
        ],
        rule: Rule::Label("es"),
    },
    Convention {
        id: "speaker-line.fr",
        shape: "`Intervenant : Nom (Org)`, `par Nom`, `Présenté par Nom`",
        languages: "fr",
        about: "French labels (with a space before the colon) and `par`",
        example: "### Observabilité\nIntervenante : Amélie Dubois (Criteo)\n\n### Rust embarqué\npar Benoît Girard\n",
        expect: &[
            e("Observabilité", &[("Amélie Dubois", Some("Criteo"))]),
            e("Rust embarqué", &[("Benoît Girard", None)]),
        ],
        rule: Rule::Label("fr"),
    },
    Convention {
        id: "speaker-line.de",
        shape: "`Sprecherin: Name (Org)`, `Referent: Name`, `von Name`",
        languages: "de",
        about: "German labels and `von`",
        example: "### Verteilte Systeme\nSprecherin: Katharina Weber, SAP\n\n### Typen in Python\nvon Jonas Becker\n",
        expect: &[
            e("Verteilte Systeme", &[("Katharina Weber", Some("SAP"))]),
            e("Typen in Python", &[("Jonas Becker", None)]),
        ],
        rule: Rule::Label("de"),
    },
    Convention {
        id: "speaker-line.it",
        shape: "`Relatore: Nome (Org)`, `Relatrice: Nome`, `di Nome`",
        languages: "it",
        about: "Italian labels and `di`",
        example: "### Pattern matching\nRelatrice: Giulia Bianchi (JetBrains)\n\n### Async in pratica\ndi Marco Rossi\n",
        expect: &[
            e("Pattern matching", &[("Giulia Bianchi", Some("JetBrains"))]),
            e("Async in pratica", &[("Marco Rossi", None)]),
        ],
        rule: Rule::Label("it"),
    },
    Convention {
        id: "speaker-line.pt",
        shape: "`Palestrante: Nome (Org)`, `Apresentado por Nome`",
        languages: "pt",
        about: "Portuguese labels",
        example: "### Dados abertos\nPalestrante: Beatriz Santos, Nubank\n",
        expect: &[e("Dados abertos", &[("Beatriz Santos", Some("Nubank"))])],
        rule: Rule::Label("pt"),
    },
    Convention {
        id: "speaker-line.ja",
        shape: "`登壇者: 名前（所属）`, `発表者：名前`",
        languages: "ja",
        about: "Japanese labels, with a half- or full-width colon",
        example: "### 型ヒントの実践\n登壇者：鈴木一郎\n",
        expect: &[e("型ヒントの実践", &[("鈴木一郎", None)])],
        rule: Rule::Label("ja"),
    },
    Convention {
        id: "speaker-line.emphasized",
        shape: "`_Name, Org_`, `*Name and Name* [video](url)`",
        languages: "any",
        about: "the speakers emphasized alone on the line under the heading",
        example: "## The art of the deal\n_Hanna Lindqvist, Spotify_\n\n## Second\n*Ada Lovelace and Grace Hopper* [:video_camera:](https://v.example/1)\n",
        expect: &[
            e("The art of the deal", &[("Hanna Lindqvist", Some("Spotify"))]),
            e("Second", &[("Ada Lovelace", None), ("Grace Hopper", None)]),
        ],
        rule: Rule::Emphasized,
    },
    Convention {
        id: "speaker-line.plain",
        shape: "`Name, Org`, `Name from Org`, `Name (@handle)`, `[Name](https://...) (Org)`",
        languages: "any",
        about: "the speakers alone on the line under the heading; each needs a given name or an organization",
        example: "### Scaling Postgres\nMaría García, Red Hat & Luca Conti, Cloudflare\n\n### Second\nSam Lee from Acme Corp\n\n### Third\nBo Chen (@bochen)\n",
        expect: &[
            e("Scaling Postgres", &[("María García", Some("Red Hat")), ("Luca Conti", Some("Cloudflare"))]),
            e("Second", &[("Sam Lee", Some("Acme Corp"))]),
            e("Third", &[("Bo Chen", None)]),
        ],
        rule: Rule::Plain,
    },
    Convention {
        id: "speaker-line.role",
        shape: "`Name, Staff Engineer at Org`, `Name — CTO, Org`",
        languages: "any",
        about: "a job title between the name and the organization",
        example: "### Incident response\nFarah Siddiqui, Staff Engineer at Stripe\n",
        expect: &[e("Incident response", &[("Farah Siddiqui", Some("Stripe"))])],
        rule: Rule::Plain,
    },
    Convention {
        id: "speaker-line.materials",
        shape: "`## Title` then `[Video](url)` or `Slides: [here](url)` alone",
        languages: "any",
        about: "the line under the heading links the talk's recording or slides and names nobody: a talk without speakers",
        example: "## Playwright, l'outil qui change tout\n\n[Video](https://www.youtube.com/watch?v=CeLkUDmTRkE)\n\nPrésentation de Playwright.\n",
        expect: &[e("Playwright, l'outil qui change tout", &[])],
        rule: Rule::Materials,
    },
    Convention {
        id: "speaker-line.sub-heading",
        shape: "`##### by Name`, then `[Twitter](...) | [Website](...)`",
        languages: "any",
        about: "the byline as a deeper heading; a website link under it becomes the speaker's page",
        example: "### Reactive streams\n\nSome notes.\n\n##### by Jon Bretman\n\n[Twitter](https://twitter.com/jb) | [Website](https://jb.example/)\n",
        expect: &[e("Reactive streams", &[("Jon Bretman", None)])],
        rule: Rule::SubHeading,
    },
];

/// The speakers found for a heading: who, the materials on the line, the blocks read, the
/// convention and what could not be read.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub people: People,
    pub consumed: Vec<usize>,
    pub id: &'static str,
}

/// A label of [`super::cues::SPEAKER_CUES`] at the start of `text` (after `*` and white space), in
/// `lang` (or any language): where the people start, and the cue.
pub(crate) fn label_at(text: &str, lang: Option<&str>) -> Option<(usize, &'static super::cues::SpeakerCue)> {
    let lead = text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || c == '*').len();
    let t = &text[lead..];
    let (cue, n) = super::cues::CUE_INDEX
        .starting(t)
        .iter()
        .copied()
        .filter(|c| lang.is_none_or(|l| c.lang == l))
        .filter_map(|c| prefix_len(t, c.word).map(|n| (c, n)))
        .filter(|(c, n)| {
            let after = t[*n..].trim_start_matches('*');
            let after_space = after.trim_start();
            if c.colon {
                after_space.starts_with([':', '：'])
            } else {
                after.starts_with(char::is_whitespace) && !after_space.starts_with([':', '：'])
            }
        })
        .max_by_key(|(c, _)| c.word.len())?;
    let rest = t[n..].trim_start_matches('*').trim_start();
    let rest = if cue.colon { rest[rest.chars().next()?.len_utf8()..].trim_start_matches('*') } else { rest };
    let start = text.len() - rest.len();
    // `by the way`: the speakers start with a capital (or a link, or a script without case);
    // a label may also stand alone (`Panelists:` over a list).
    let first = rest.trim_start().chars().next();
    (first.is_none_or(|c| !c.is_lowercase()) && (cue.colon || first.is_some())).then_some((start, cue))
}

/// Reads a label line: the people after each label on it (`Panelists: A, B; Moderator: C`).
pub(crate) fn read_labels(block: &Block, line: &Line, lang: Option<&str>) -> Option<People> {
    let (start, cue) = label_at(&line.text, lang)?;
    let mut text = &line.text[start..];
    let strength = if cue.many { Strength::Many } else { Strength::Strong };
    // A second label further on the line (`; Moderator: C`, `, moderated by C`).
    let mut next = None;
    for (i, c) in text.char_indices() {
        if matches!(c, ';' | ',' | '.' | '|' | '—' | '–' | '(') {
            let after = &text[i + c.len_utf8()..];
            // A label after punctuation and a space (`; Moderator: C`, `(moderated by C)`), not
            // inside a word (`name@host.com`); a word such as `with` only after a comma.
            if c != '(' && !after.starts_with(char::is_whitespace) {
                continue;
            }
            if let Some((s, cue)) = label_at(after, None)
                && (cue.colon || cue.role == super::cues::Role::Moderator || matches!(c, ',' | ';'))
            {
                next = Some((i, i + c.len_utf8() + s));
                break;
            }
        }
    }
    let mut rest_text = "";
    if let Some((cut, _)) = next {
        rest_text = &text[cut..];
        text = &text[..cut];
        // `A, B (moderated by C)`: the parenthesis closes after the second label's people.
        if rest_text.starts_with('(') {
            rest_text = rest_text.trim_end().strip_suffix(')').unwrap_or(rest_text);
        }
    }
    let mut people = people::read(block, text.trim_end().trim_end_matches('*'), line.line, strength)?;
    if !rest_text.is_empty() {
        let rest_line = Line {
            text: rest_text.trim_start_matches([';', ',', '.', '|', '—', '–', '(']).to_owned(),
            line: line.line,
        };
        if let Some(more) = read_labels(block, &rest_line, None) {
            people.speakers.extend(more.speakers);
            people.materials.extend(more.materials);
            people.leftovers.extend(more.leftovers);
            people.unsure.extend(more.unsure);
        }
    }
    Some(people)
}

/// Whether `line` opens with a speaker label of any language.
pub(crate) fn is_label_line(line: &str) -> bool {
    label_at(line, None).is_some()
}

/// The speakers of the heading `blocks[i]`, from the block under it or a sub-heading. The
/// conventions in `relaxed` (those the note has shown it uses) take names on their place alone.
pub(crate) fn read(blocks: &[Block], i: usize, level: u8, relaxed: &[&str]) -> Option<Found> {
    let next = blocks.get(i + 1);
    let mut tried = Vec::with_capacity(CONVENTIONS.len());
    let mut label: Option<Option<(usize, &'static super::cues::SpeakerCue)>> = None;
    for c in CONVENTIONS {
        if tried.contains(&c.rule) {
            continue;
        }
        tried.push(c.rule);
        let strength = if relaxed.contains(&c.id) { Strength::Cued } else { Strength::Weak };
        let found = match c.rule {
            Rule::Label(lang) => next.filter(|b| b.kind == BlockKind::Paragraph).and_then(|b| {
                // One look for a label of any language, taken by the entry of its language.
                let (_, cue) = (*label.get_or_insert_with(|| label_at(&b.lines[0].text, None)))?;
                if cue.lang != lang {
                    return None;
                }
                let mut p = read_labels(b, &b.lines[0], Some(lang))?;
                // Further label lines (`**Moderator:** Name` under `**Panelists:** ...`), then
                // materials (`Slides: [here](...)`).
                let mut rest = &b.lines[1..];
                while let Some((line, more)) = rest.split_first() {
                    let Some(q) = read_labels(b, line, None) else { break };
                    p.speakers.extend(q.speakers);
                    p.materials.extend(q.materials);
                    p.leftovers.extend(q.leftovers);
                    p.unsure.extend(q.unsure);
                    rest = more;
                }
                later_lines(b, rest, &mut p);
                Some((p, vec![i + 1]))
            }),
            Rule::Emphasized => next
                .filter(|b| b.kind == BlockKind::Paragraph)
                .and_then(|b| emphasized(b, strength))
                .map(|p| (p, vec![i + 1])),
            Rule::Plain => next
                .filter(|b| b.kind == BlockKind::Paragraph)
                .and_then(|b| plain(b, strength))
                .map(|p| (p, vec![i + 1])),
            Rule::SubHeading => sub_heading(blocks, i, level),
            Rule::Materials => None,
        };
        if let Some((people, consumed)) = found {
            return Some(Found { people, consumed, id: c.id });
        }
    }
    None
}

/// `_A and B_ [:video_camera:](...)`, `*Name, Org*`.
fn emphasized(block: &Block, strength: Strength) -> Option<People> {
    let first = block.lines.first()?;
    let text = first.text.trim();
    let inner = text.strip_prefix('*')?;
    let inner = inner.trim_start_matches('*');
    let end = inner.find('*')?;
    let (who, after) = (&inner[..end], inner[end..].trim_start_matches('*'));
    let mut p = people::read(block, who, first.line, strength)?;
    if !p.leftovers.is_empty() {
        return None;
    }
    for l in after.chars().filter_map(|ch| block.link(ch)) {
        let kind = material_kind(&l.text).or_else(|| l.text.contains("video").then_some(MaterialKind::Recording));
        if let Some(kind) = kind {
            p.materials.push(Material { kind, url: l.url.clone(), line: l.line });
        }
    }
    later_lines(block, &block.lines[1..], &mut p);
    Some(p)
}

/// `Name, Org & Name, Org`, `Name from Org`, `Name (@handle)` alone on the line under the
/// heading (materials may follow on the next lines: `Slides: [here](...)`).
fn plain(block: &Block, strength: Strength) -> Option<People> {
    let first = &block.lines[0];
    let text = first.text.trim();
    if text.len() > 200 || text.ends_with(['!', '?', ':']) || sentence_like(text) {
        return None;
    }
    let mut p = people::read(block, text, first.line, strength)?;
    if block.lines.len() > 1 {
        later_lines(block, &block.lines[1..], &mut p);
        if !p.leftovers.is_empty() || p.materials.is_empty() {
            return None;
        }
    }
    // Every part read, and each speaker a person on evidence or with an organization (or the
    // note writes its speakers this way).
    let ok = p.leftovers.is_empty()
        && (strength != Strength::Weak
            || p.speakers.iter().all(|s| names::verdict(&s.name) == Verdict::Person || !s.orgs.is_empty()));
    ok.then_some(p)
}

/// Whether a line reads as a sentence rather than names: more than two lower-case words that
/// are not the small words of speaker lines (`and`, `from`, `at`, particles, job titles).
fn sentence_like(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "and", "y", "e", "et", "und", "ed", "from", "at", "of", "de", "da", "di", "do", "du", "des", "del", "della",
        "van", "von", "der", "den", "la", "le", "chez", "bei", "presso", "en", "na", "the", "for", "with",
    ];
    text.split_whitespace()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase) && !SMALL.contains(w) && !super::names::is_role_word(w)
        })
        .take(3)
        .count()
        > 2
}

/// A byline given as a sub-heading of the section (`##### by Jon Bretman`), with the
/// `[Twitter] | [Github] | [Website]` row under it.
fn sub_heading(blocks: &[Block], i: usize, level: u8) -> Option<(People, Vec<usize>)> {
    for (j, b) in blocks.iter().enumerate().skip(i + 1) {
        match b.kind {
            BlockKind::Heading(l) if l <= level => return None,
            BlockKind::Heading(_) if !is_label_line(&b.lines[0].text) => return None,
            BlockKind::Heading(_) => {
                let mut p = read_labels(b, &b.lines[0], None)?;
                let mut consumed = vec![j];
                if let Some(row) = blocks.get(j + 1).filter(|n| n.kind == BlockKind::Paragraph && !n.links.is_empty())
                    && let Some(url) = website(row)
                {
                    if let [s] = p.speakers.as_mut_slice() {
                        s.url.get_or_insert(url);
                    }
                    consumed.push(j + 1);
                }
                return Some((p, consumed));
            }
            _ => {}
        }
    }
    None
}

/// A line under a heading that links only the talk's video or slides (`[Video](...)`,
/// `Slides: [here](...)`, `📹 [Recording](...)`): those materials.
pub(crate) fn materials_line(block: &Block) -> Option<People> {
    if block.kind != BlockKind::Paragraph || block.links.is_empty() || block.lines.len() > 2 {
        return None;
    }
    let mut p = People::default();
    for line in &block.lines {
        let rendered = block.render(&line.text).to_lowercase();
        for l in line.text.chars().filter_map(|c| block.link(c)) {
            let kind = material_kind(&l.text)
                .or_else(|| rendered.starts_with("slides").then_some(MaterialKind::Slides))
                .or_else(|| rendered.starts_with("video").then_some(MaterialKind::Recording))?;
            p.materials.push(Material { kind, url: l.url.clone(), line: l.line });
        }
        // Nothing but the links, labels and separators.
        let rest: String = line
            .text
            .chars()
            .filter(|c| block.link(*c).is_none() && c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if !rest.is_empty() && !["slides", "video", "recording", "slide", "deck"].iter().any(|w| rest.starts_with(w)) {
            return None;
        }
    }
    (p.materials.iter().any(|m| matches!(m.kind, MaterialKind::Slides | MaterialKind::Recording))).then_some(p)
}

/// In `[Twitter](...) | [Github](...) | [Website](...)` under a byline: the website.
fn website(block: &Block) -> Option<String> {
    block
        .links
        .iter()
        .find(|l| {
            let t = l.text.trim().to_lowercase();
            matches!(t.as_str(), "website" | "homepage" | "home page" | "blog" | "site" | "web")
        })
        .map(|l| l.url.clone())
}

/// Later lines of a byline paragraph: `Slides: [here](...)`, `📊 [slides](...)`, `[Video](...)`.
pub(crate) fn later_lines(block: &Block, lines: &[Line], out: &mut People) {
    for line in lines {
        let lower = block.render(&line.text).to_lowercase();
        for l in line.text.chars().filter_map(|c| block.link(c)) {
            let kind = material_kind(&l.text).or_else(|| {
                let context = lower.replace(&l.text.to_lowercase(), " ");
                super::people::MATERIAL_WORDS.iter().find(|w| context.contains(*w)).and_then(|w| material_kind(w))
            });
            match kind {
                Some(kind) => out.materials.push(Material { kind, url: l.url.clone(), line: l.line }),
                None => out.leftovers.push(l.text.clone()),
            }
        }
    }
}
