//! Accuracy: compares extraction with hand-written or generated gold (`gold.jsonl`, one JSON
//! object per note, in gen-corpus's shape) and reports precision, recall and F1 per entity
//! kind and per relation.
//!
//! Each note is compared as sets of keys, normalized as the resolver normalizes them (so `José`
//! matches `Jose`, `ClearBoxAI` matches `Clearbox AI`); counts are summed over notes
//! (micro-average).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;

use crate::model::{InferredKind, MaterialKind, Mention, Note};
use crate::text::{name_key, org_key, person_key, title_key, url_key};

/// One note's gold record.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldNote {
    /// The note's path, relative to the corpus root.
    pub file: String,
    /// Talks, in document order.
    #[serde(default)]
    pub talks: Vec<GoldTalk>,
    /// Links outside any talk.
    #[serde(default)]
    pub links: Vec<GoldLink>,
}

/// A gold talk.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTalk {
    /// Title without kind tag.
    pub title: String,
    /// `keynote`, `talk`, `workshop`, `lightning`, `panel`.
    pub kind: String,
    /// Speakers.
    #[serde(default)]
    pub speakers: Vec<GoldSpeaker>,
    /// Slides URL.
    pub slides: Option<String>,
    /// Linked tools.
    #[serde(default)]
    pub tools: Vec<GoldNamed>,
    /// Tools named without a link.
    #[serde(default)]
    pub mentions: Vec<GoldNamed>,
    /// Books.
    #[serde(default)]
    pub books: Vec<GoldBook>,
    /// Every inline link of the section.
    #[serde(default)]
    pub links: Vec<GoldLink>,
}

/// A gold speaker.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpeaker {
    /// Name as written.
    pub name: String,
    /// Organization.
    pub org: Option<String>,
}

/// A gold tool or mention.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldNamed {
    /// Name as written.
    pub name: String,
    /// Link, for tools.
    pub url: Option<String>,
}

/// A gold book.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldBook {
    /// Title.
    pub title: String,
}

/// A gold link.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldLink {
    /// Destination.
    pub url: String,
}

/// Reads JSON Lines gold; errors name the line.
pub fn parse_gold(text: &str) -> Result<Vec<GoldNote>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// What is measured, in report order.
pub const MEASURES: [&str; 14] = [
    "talks",
    "speakers",
    "organizations",
    "affiliations",
    "tools",
    "mentions",
    "books",
    "links",
    "talk kind",
    "talk → speaker",
    "talk → tool",
    "talk → slides",
    "talk → book",
    "tool → url",
];

/// Counts for one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and in the gold.
    pub tp: usize,
    /// Found, not in the gold.
    pub fp: usize,
    /// In the gold, not found.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp); 1 when nothing was found and nothing expected.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, self.fn_ == 0)
    }
    /// tp / (tp + fn); 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, true)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize, empty: bool) -> f64 {
    if b == 0 { if empty { 1.0 } else { 0.0 } } else { a as f64 / b as f64 }
}

/// A measured comparison.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Notes compared.
    pub notes: usize,
    /// Gold records with no matching note.
    pub missing: Vec<String>,
    /// Counts per measure.
    pub counts: BTreeMap<&'static str, Counts>,
    /// Per measure, a few examples of misses (`-`) and false finds (`+`), with their note.
    pub examples: BTreeMap<&'static str, Vec<String>>,
}

type Sets = BTreeMap<&'static str, BTreeSet<String>>;

fn gold_sets(g: &GoldNote) -> Sets {
    let mut s = Sets::new();
    let mut add = |m: &'static str, v: String| {
        s.entry(m).or_default().insert(v);
    };
    for l in &g.links {
        add("links", url_key(&l.url));
    }
    for t in &g.talks {
        let tk = title_key(&t.title);
        add("talks", tk.clone());
        add("talk kind", format!("{tk} | {}", kind_name(&t.kind)));
        for sp in &t.speakers {
            let p = person_key(&sp.name);
            add("speakers", p.clone());
            add("talk → speaker", format!("{tk} | {p}"));
            if let Some(o) = &sp.org {
                add("organizations", org_key(o));
                add("affiliations", format!("{p} | {}", org_key(o)));
            }
        }
        if let Some(u) = &t.slides {
            add("talk → slides", format!("{tk} | {}", url_key(u)));
        }
        for tool in &t.tools {
            let k = name_key(&tool.name);
            add("tools", k.clone());
            add("talk → tool", format!("{tk} | {k}"));
            if let Some(u) = &tool.url {
                add("tool → url", format!("{k} | {}", url_key(u)));
            }
        }
        for m in &t.mentions {
            add("mentions", name_key(&m.name));
        }
        for b in &t.books {
            add("books", title_key(&b.title));
            add("talk → book", format!("{tk} | {}", title_key(&b.title)));
        }
        for l in &t.links {
            add("links", url_key(&l.url));
        }
    }
    s
}

fn kind_name(k: &str) -> &str {
    match k {
        "tutorial" => "workshop",
        other => other,
    }
}

fn found_sets(n: &Note) -> Sets {
    let mut s = Sets::new();
    let mut add = |m: &'static str, v: String| {
        s.entry(m).or_default().insert(v);
    };
    for l in &n.links {
        add("links", url_key(&l.url));
    }
    for t in &n.talks {
        let tk = title_key(&t.title);
        add("talks", tk.clone());
        add("talk kind", format!("{tk} | {}", kind_name(t.kind.as_str())));
        for sp in &t.speakers {
            let p = person_key(&sp.name);
            add("speakers", p.clone());
            add("talk → speaker", format!("{tk} | {p}"));
            for o in &sp.orgs {
                add("organizations", org_key(&o.name));
                add("affiliations", format!("{p} | {}", org_key(&o.name)));
            }
        }
        for m in t.materials.iter().filter(|m| m.kind == MaterialKind::Slides) {
            add("talk → slides", format!("{tk} | {}", url_key(&m.url)));
        }
        for m in &t.mentions {
            match m {
                Mention::Tool(tool) => {
                    let k = name_key(&tool.name);
                    add("tools", k.clone());
                    add("talk → tool", format!("{tk} | {k}"));
                    add("tool → url", format!("{k} | {}", url_key(&tool.url)));
                }
                Mention::Inferred(x) if x.kind == InferredKind::Tool => add("mentions", name_key(&x.name)),
                Mention::Book(b) => {
                    add("books", title_key(&b.title));
                    add("talk → book", format!("{tk} | {}", title_key(&b.title)));
                }
                _ => {}
            }
        }
        for l in &t.links {
            add("links", url_key(&l.url));
        }
    }
    s
}

/// Compares `notes` with `gold` (matched by path).
pub fn evaluate(gold: &[GoldNote], notes: &[Note]) -> Report {
    evaluate_with_examples(gold, notes, 40)
}

/// [`evaluate`], keeping up to `examples` misses and false finds per measure.
pub fn evaluate_with_examples(gold: &[GoldNote], notes: &[Note], examples: usize) -> Report {
    let by_path: BTreeMap<&str, &Note> = notes.iter().map(|n| (n.path.as_str(), n)).collect();
    let mut report = Report::default();
    for m in MEASURES {
        report.counts.insert(m, Counts::default());
    }
    for g in gold {
        let Some(note) = by_path.get(g.file.as_str()) else {
            report.missing.push(g.file.clone());
            continue;
        };
        report.notes += 1;
        let (gs, fs) = (gold_sets(g), found_sets(note));
        let empty = BTreeSet::new();
        for m in MEASURES {
            let (a, b) = (gs.get(m).unwrap_or(&empty), fs.get(m).unwrap_or(&empty));
            let c = report.counts.entry(m).or_default();
            c.tp += a.intersection(b).count();
            c.fp += b.difference(a).count();
            c.fn_ += a.difference(b).count();
            let ex = report.examples.entry(m).or_default();
            for (sign, v) in a.difference(b).map(|v| ('-', v)).chain(b.difference(a).map(|v| ('+', v))) {
                if ex.len() < examples {
                    ex.push(format!("{sign} {}: {v}", g.file));
                }
            }
        }
    }
    report
}

impl Report {
    /// The report as JSON: `{"notes": N, "measures": {"talks": {"tp":…, "precision":…}, …}}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut measures = serde_json::Map::new();
        for m in MEASURES {
            let c = self.counts[m];
            measures.insert(
                m.to_owned(),
                serde_json::json!({
                    "gold": c.tp + c.fn_, "found": c.tp + c.fp, "correct": c.tp,
                    "precision": round(c.precision()), "recall": round(c.recall()), "f1": round(c.f1()),
                }),
            );
        }
        serde_json::json!({ "notes": self.notes, "missing": self.missing, "measures": measures })
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| measure | gold | found | correct | precision | recall | F1 |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|")?;
        for m in MEASURES {
            let c = self.counts[m];
            writeln!(
                f,
                "| {m} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
                c.tp + c.fn_,
                c.tp + c.fp,
                c.tp,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        write!(f, "\n{} notes compared", self.notes)?;
        if !self.missing.is_empty() {
            write!(f, "; {} gold records had no note", self.missing.len())?;
        }
        writeln!(f)
    }
}
