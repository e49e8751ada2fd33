//! Family: headings tagged with the kind of talk: `[KEYNOTE] T`, `Keynote: T`,
//! `Lightning talk - T`, `T (Workshop)`, in every language of [`super::cues::KIND_WORDS`];
//! and headings that hold talks of one kind (`Lightning talks`, `Keynotes`).

use super::catalogue::{Convention, Expect};
use super::cues::{ByFirst, CONTAINER_INDEX, KIND_INDEX, KindWord};
use crate::model::TalkKind;

/// How a tag is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `[TAG] Title`, `【TAG】Title`, `[TAG]: Title`.
    Bracket,
    /// `TAG: Title`, `TAG - Title`, `TAG | Title`.
    Prefix,
    /// `Title [TAG]`, `Title (TAG)`.
    Suffix,
}

const fn e(title: &'static str, kind: TalkKind, speakers: &'static [(&'static str, Option<&'static str>)]) -> Expect {
    Expect { title, kind, speakers }
}

/// The conventions of this family, tried in this order.
pub static CONVENTIONS: &[Convention<Rule>] = &[
    Convention {
        id: "tagged.bracket",
        shape: "`# [KEYNOTE] Title`",
        languages: "any",
        about: "a talk of that kind; the tag is any kind word, in brackets, in any case",
        example: "# [KEYNOTE] Myths and fairy tales\nby Ada Lovelace - Analytical Engines\n",
        expect: &[e("Myths and fairy tales", TalkKind::Keynote, &[("Ada Lovelace", Some("Analytical Engines"))])],
        rule: Rule::Bracket,
    },
    Convention {
        id: "tagged.bracket-ja",
        shape: "`## 【LT】Title`",
        languages: "ja",
        about: "Japanese brackets around the kind",
        example: "## 【ライトニングトーク】型で守るAPI\n登壇者: 山田太郎\n",
        expect: &[e("型で守るAPI", TalkKind::Lightning, &[("山田太郎", None)])],
        rule: Rule::Bracket,
    },
    Convention {
        id: "tagged.prefix",
        shape: "`## Keynote: Title`, `## Lightning talk - Title`, `## Workshop | Title`",
        languages: "any",
        about: "a talk of that kind; the kind word, then `:`, a dash or `|`",
        example: "## Lightning talk: Rich tracebacks for everyone\n\n## Workshop - Hands-on Polars\n",
        expect: &[
            e("Rich tracebacks for everyone", TalkKind::Lightning, &[]),
            e("Hands-on Polars", TalkKind::Workshop, &[]),
        ],
        rule: Rule::Prefix,
    },
    Convention {
        id: "tagged.prefix-es",
        shape: "`## Taller: Título`, `## Charla relámpago: Título`, `## Mesa redonda: Título`",
        languages: "es",
        about: "Spanish kind words",
        example: "## Taller: Introducción a Polars\nPonente: Lucía Fernández (Quansight)\n",
        expect: &[e("Introducción a Polars", TalkKind::Workshop, &[("Lucía Fernández", Some("Quansight"))])],
        rule: Rule::Prefix,
    },
    Convention {
        id: "tagged.prefix-fr",
        shape: "`## Atelier : Titre`, `## Table ronde : Titre`",
        languages: "fr",
        about: "French kind words, with the space French puts before a colon",
        example: "## Atelier : Déployer avec Nix\nIntervenant : Théo Lambert, Scaleway\n",
        expect: &[e("Déployer avec Nix", TalkKind::Workshop, &[("Théo Lambert", Some("Scaleway"))])],
        rule: Rule::Prefix,
    },
    Convention {
        id: "tagged.prefix-de",
        shape: "`## Vortrag: Titel`, `## Blitzvortrag: Titel`",
        languages: "de",
        about: "German kind words",
        example: "## Blitzvortrag: Rust im Kernel\nSprecherin: Katharina Weber (Bosch)\n",
        expect: &[e("Rust im Kernel", TalkKind::Lightning, &[("Katharina Weber", Some("Bosch"))])],
        rule: Rule::Prefix,
    },
    Convention {
        id: "tagged.prefix-pt",
        shape: "`## Palestra: Título`, `## Oficina: Título`",
        languages: "pt",
        about: "Portuguese kind words",
        example: "## Oficina: Dados com DuckDB\nPalestrante: João Silva\n",
        expect: &[e("Dados com DuckDB", TalkKind::Workshop, &[("João Silva", None)])],
        rule: Rule::Prefix,
    },
    Convention {
        id: "tagged.prefix-ja",
        shape: "`## 基調講演：タイトル`",
        languages: "ja",
        about: "Japanese kind words, with a full-width colon",
        example: "## 基調講演：これからのPython\n登壇者: 鈴木一郎\n",
        expect: &[e("これからのPython", TalkKind::Keynote, &[("鈴木一郎", None)])],
        rule: Rule::Prefix,
    },
    Convention {
        id: "tagged.suffix",
        shape: "`## Title (Keynote)`, `## Title [Workshop]`",
        languages: "any",
        about: "the kind in parentheses or brackets after the title",
        example: "## Scaling Django (Keynote)\nby Grace Hopper\n",
        expect: &[e("Scaling Django", TalkKind::Keynote, &[("Grace Hopper", None)])],
        rule: Rule::Suffix,
    },
];

/// A kind word at the start of `text`: the longest of `words`, ignoring case, ending at a word
/// boundary; its entry and the byte length it takes.
pub(crate) fn word_at_start(text: &str, words: &ByFirst<KindWord>) -> Option<(&'static KindWord, usize)> {
    words
        .starting(text)
        .iter()
        .filter_map(|w| prefix_len(text, w.word).map(|n| (*w, n)))
        .max_by_key(|(w, _)| w.word.len())
}

/// The length in `text` of `word` (lower case) at its start, ignoring case, at a word boundary
/// (a Japanese word may be followed by anything: Japanese puts no space between words).
pub(crate) fn prefix_len(text: &str, word: &str) -> Option<usize> {
    let (tb, wb) = (text.as_bytes(), word.as_bytes());
    // Most calls compare a cue with text that starts otherwise: the first byte says so (the
    // words are lower case; an ASCII word's first letter is matched by ASCII only).
    let (&t0, &w0) = (tb.first()?, wb.first()?);
    if w0.is_ascii() && t0.to_ascii_lowercase() != w0 {
        return None;
    }
    let end = if word.is_ascii() {
        // A space in the word matches any white space of the text, as below.
        let n = wb.len();
        let same = tb.len() >= n
            && tb[..n]
                .iter()
                .zip(wb)
                .all(|(&t, &w)| t.to_ascii_lowercase() == w || (w == b' ' && t.is_ascii_whitespace()));
        if !same {
            return None;
        }
        n
    } else {
        let mut chars = text.char_indices();
        let mut end = 0;
        for wc in word.chars() {
            let (i, c) = chars.next()?;
            let same = c == wc || (wc == ' ' && c.is_whitespace()) || c.to_lowercase().eq(wc.to_lowercase());
            if !same {
                return None;
            }
            end = i + c.len_utf8();
        }
        end
    };
    let next = text[end..].chars().next();
    let cjk_end = word.chars().last().is_some_and(is_cjk);
    (next.is_none_or(|c| !c.is_alphanumeric()) || cjk_end).then_some(end)
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Reads a tagged heading (its plain text): the kind, the title without the tag, and the
/// convention that read it.
pub(crate) fn read(text: &str) -> Option<(TalkKind, String, &'static str)> {
    let t = text.trim();
    for c in CONVENTIONS {
        let found = match c.rule {
            Rule::Bracket => bracket(t),
            Rule::Prefix => prefix(t),
            Rule::Suffix => suffix(t),
        };
        if let Some((kind, title)) = found {
            let title = super::sections::strip_quotes(title.trim().trim_end_matches('#').trim());
            if !title.is_empty() {
                return Some((kind, title, c.id));
            }
        }
    }
    None
}

fn bracket(t: &str) -> Option<(TalkKind, &str)> {
    let (open, close) = match t.chars().next()? {
        '[' => ('[', ']'),
        '【' => ('【', '】'),
        '(' => ('(', ')'),
        _ => return None,
    };
    let inner = t[open.len_utf8()..].trim_start();
    // `[KEYNOTE]`, or the kind last after other words: `[gRPConf 2024 Keynote]`.
    let end = inner.find(close)?;
    let tag = inner[..end].trim();
    let kind = match word_at_start(tag, &KIND_INDEX) {
        Some((w, n)) if n == tag.len() => w.kind,
        _ => {
            let (_, last) = tag.rsplit_once(' ')?;
            let (w, n) = word_at_start(last, &KIND_INDEX)?;
            if n != last.len() || tag.split_whitespace().count() > 4 {
                return None;
            }
            w.kind
        }
    };
    let after = inner[end..].strip_prefix(close)?;
    let after = after.trim_start();
    let after = after.strip_prefix([':', '：', '-', '–', '—', '|']).unwrap_or(after);
    Some((kind, after))
}

fn prefix(t: &str) -> Option<(TalkKind, &str)> {
    let (w, n) = word_at_start(t, &KIND_INDEX)?;
    let rest = &t[n..];
    let trimmed = rest.trim_start();
    let spaced = trimmed.len() < rest.len();
    let after = if let Some(a) = trimmed.strip_prefix([':', '：']) {
        a
    } else if spaced {
        trimmed.strip_prefix(['-', '–', '—', '|'])?
    } else {
        return None;
    };
    Some((w.kind, after))
}

fn suffix(t: &str) -> Option<(TalkKind, &str)> {
    let close = t.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let body = &t[..t.len() - 1];
    let i = body.rfind(open)?;
    let inner = body[i + 1..].trim();
    let (w, n) = word_at_start(inner, &KIND_INDEX)?;
    (n == inner.len() && i > 0).then(|| (w.kind, &t[..i]))
}

/// A heading made only of kind words (`Keynote`, `Keynote #2`, `Opening keynote`): its kind.
pub(crate) fn bare(text: &str) -> Option<TalkKind> {
    let t = text.trim();
    let (w, n) = word_at_start(t, &KIND_INDEX)?;
    let rest = t[n..].trim().trim_start_matches('#').trim();
    (rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit())).then_some(w.kind)
}

/// A heading that holds talks of one kind (`Lightning talks`, `Keynotes`, `Charlas`): that kind.
pub(crate) fn container(text: &str) -> Option<TalkKind> {
    // `⚡ Lightning talks`: a symbol before the words.
    let t = text.trim().trim_start_matches(|c: char| !c.is_alphanumeric()).trim_end_matches(':').trim();
    let (w, n) = word_at_start(t, &CONTAINER_INDEX)?;
    let rest = t[n..].trim();
    // `Lightning talks`, `Lightning talks (day 2)`, `Talks - morning`, `Lightning Talks Day 2`.
    let dated = super::sections::is_section_title(rest);
    (rest.is_empty() || dated || rest.starts_with(['(', '-', '–', '—', ':', '#'])).then_some(w.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        let check = |h: &str, want: Option<(TalkKind, &str)>| {
            assert_eq!(read(h).map(|(k, t, _)| (k, t)), want.map(|(k, t)| (k, t.to_owned())), "{h}");
        };
        check("[KEYNOTE] Myths and fairy tales", Some((TalkKind::Keynote, "Myths and fairy tales")));
        check("[Lightning Talk] Fast things", Some((TalkKind::Lightning, "Fast things")));
        check("Keynote: Stay close", Some((TalkKind::Keynote, "Stay close")));
        check("Lightning talk: \"Quoted\"", Some((TalkKind::Lightning, "Quoted")));
        check("Panel - The future ##", Some((TalkKind::Panel, "The future")));
        check("Taller: Polars", Some((TalkKind::Workshop, "Polars")));
        check("Atelier : Nix", Some((TalkKind::Workshop, "Nix")));
        check("Scaling Django (Keynote)", Some((TalkKind::Keynote, "Scaling Django")));
        check("[gRPConf 2024 Keynote] State of gRPC", Some((TalkKind::Keynote, "State of gRPC")));
        check("[from Florence import PyCon] Third day notes", None);
        check("Talks I missed", None);
        check("Keynote", None);
        check("Talking points: x", None);
        assert_eq!(bare("Keynote #2"), Some(TalkKind::Keynote));
        assert_eq!(bare("Keynotes are fun"), None);
        assert_eq!(container("Lightning talks"), Some(TalkKind::Lightning));
        assert_eq!(container("Charlas relámpago"), Some(TalkKind::Lightning));
        assert_eq!(container("Talks I missed"), None);
        assert_eq!(container("Lightning Talks Day 2"), Some(TalkKind::Lightning));
    }
}
