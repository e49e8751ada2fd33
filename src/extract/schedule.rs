//! Family: schedule lines, a time first: `10:30 – T – Name`, `10:30 T (Name, Org)`,
//! `### 10:30 T - Name`, `- 14:00-14:30 T, Name (Org)`, `Saturday 10:00 T - Name`.
//!
//! The time is read here; the rest of the line by the heading conventions
//! ([`super::heading_speakers`], [`super::tagged`]). A time line that names nobody is a talk
//! only when it is tagged (`09:00 Keynote: Opening`): `12:30 Lunch` is not.

use super::blocks::Block;
use super::catalogue::{Convention, Expect};
use super::heading_speakers;
use super::people::People;
use super::tagged;
use crate::model::TalkKind;

/// Where the time stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A line of a paragraph or a list item.
    Line,
    /// A heading (read with the headings; documented here).
    Heading,
}

const fn e(title: &'static str, kind: TalkKind, speakers: &'static [(&'static str, Option<&'static str>)]) -> Expect {
    Expect { title, kind, speakers }
}

/// The conventions of this family.
pub static CONVENTIONS: &[Convention<Rule>] = &[
    Convention {
        id: "schedule.line",
        shape: "`10:30 – Title – Name`, `10:30 Title (Name, Org)`, `10h30 \\| Title \\| Name`",
        languages: "any",
        about: "one talk per line of a paragraph; the time, then the title and speakers as a heading writes them",
        example: "## Day 1\n\n09:00 Keynote: The road ahead\n10:30 – Fearless concurrency – Hanna Lindqvist\n11:15 Typing at scale (Ana Ruiz, Red Hat)\n12:30 Lunch\n",
        expect: &[
            e("The road ahead", TalkKind::Keynote, &[]),
            e("Fearless concurrency", TalkKind::Talk, &[("Hanna Lindqvist", None)]),
            e("Typing at scale", TalkKind::Talk, &[("Ana Ruiz", Some("Red Hat"))]),
        ],
        rule: Rule::Line,
    },
    Convention {
        id: "schedule.item",
        shape: "`- 14:00-14:30 Title, Name (Org)`, `- 9:00am Title by Name`",
        languages: "any",
        about: "one talk per list item, a time or a time range first",
        example: "- 14:00-14:30 Fast tests with pytest, Lena Fischer (Zalando)\n- 14:30-15:00 Coffee break\n- 15:00-15:30 Scaling Django by Andrew Godwin\n",
        expect: &[
            e("Fast tests with pytest", TalkKind::Talk, &[("Lena Fischer", Some("Zalando"))]),
            e("Scaling Django", TalkKind::Talk, &[("Andrew Godwin", None)]),
        ],
        rule: Rule::Line,
    },
    Convention {
        id: "schedule.heading",
        shape: "`### 10:30 Title - Name`, `## Saturday 10:00 Title - Name`",
        languages: "any",
        about: "a heading with a time (and a weekday) first, read as a heading",
        example: "### 10:30 How FOSS could revolutionize municipal government - Danese Cooper\n",
        expect: &[e("How FOSS could revolutionize municipal government", TalkKind::Talk, &[("Danese Cooper", None)])],
        rule: Rule::Heading,
    },
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
];

/// A time at the start of `s` (`10:30`, `9.00`, `10h30`, `14h`, `9:00am`, `9:00 AM`): its length.
fn time_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let h = digits(0);
    if !(1..=2).contains(&h) {
        return None;
    }
    let mut n = h;
    match b.get(n) {
        Some(b':' | b'.') if digits(n + 1) == 2 => n += 3,
        Some(b'h' | b'H') => {
            n += 1;
            if digits(n) == 2 {
                n += 2;
            }
        }
        _ => return None,
    }
    // `am`/`pm`, with or without a space.
    let rest = &s[n..];
    let t = rest.trim_start();
    for ampm in ["am", "pm", "a.m.", "p.m."] {
        if t.get(..ampm.len()).is_some_and(|p| p.eq_ignore_ascii_case(ampm))
            && t[ampm.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(s.len() - t.len() + ampm.len());
        }
    }
    Some(n)
}

/// Where the text after a leading time (or time range, after a weekday) starts: `None` when
/// `text` does not start with one.
pub(crate) fn after_time(text: &str) -> Option<usize> {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    let mut at = text.len() - t.len();
    // A weekday first (`Saturday 10:00`).
    if let Some(w) = WEEKDAYS.iter().find_map(|w| tagged::prefix_len(&text[at..], w))
        && text[at + w..].starts_with(char::is_whitespace)
    {
        let rest = text[at + w..].trim_start();
        at = text.len() - rest.len();
    }
    let n = time_at(&text[at..])?;
    at += n;
    // A range: `10:30-11:00`, `10:30 – 11:00`, `10:30 to 11:00`.
    let rest = &text[at..];
    let r = rest.trim_start();
    if let Some(r2) = r.strip_prefix(['-', '–', '—']).or_else(|| r.strip_prefix("to ")).map(str::trim_start)
        && let Some(m) = time_at(r2)
    {
        at = text.len() - r2.len() + m;
    }
    // The separator after the time: `–`, `-`, `|`, `:`, `,` or just white space.
    let rest = &text[at..];
    let r = rest.trim_start_matches('*').trim_start();
    let r = r.strip_prefix(['-', '–', '—', '|', ':', ',', '·']).map_or(r, str::trim_start);
    let at = text.len() - r.len();
    (at < text.len()
        && (rest
            .starts_with(|c: char| c.is_whitespace() || matches!(c, '*' | '-' | '–' | '—' | '|' | ':' | ',' | '·'))))
    .then_some(at)
}

/// A talk on a schedule line (shadow text of `block`): kind, title, people (possibly none for
/// a tagged line), convention.
pub(crate) fn read_line(block: &Block, text: &str, line: u32) -> Option<(TalkKind, String, People, &'static str)> {
    let at = after_time(text)?;
    let rest = text[at..].trim();
    let id = CONVENTIONS[0].id;
    let (kind, rest) = match tagged::read(&block.render(rest)) {
        // Tags are read from the plain text; the people after them from the shadow text.
        Some((kind, _, _)) => {
            let cut = tag_end(rest)?;
            (Some(kind), rest[cut..].trim())
        }
        None => (None, rest),
    };
    match heading_speakers::read(block, rest, line, true, &[]) {
        Some((title, people, _)) if people.leftovers.is_empty() => {
            Some((kind.unwrap_or(TalkKind::Talk), block.render(&title).trim().to_owned(), people, id))
        }
        _ => kind.map(|k| (k, super::sections::strip_quotes(&block.render(rest)), People::default(), id)),
    }
}

/// Where the title starts after a prefix or bracket tag in shadow text.
fn tag_end(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    if let Some(inner) = t.strip_prefix(['[', '【', '(']) {
        let close = inner.find([']', '】', ')'])?;
        let after = &inner[close + inner[close..].chars().next()?.len_utf8()..];
        let after = after.trim_start().strip_prefix([':', '：', '-', '–', '—', '|']).unwrap_or(after);
        return Some(text.len() - after.len());
    }
    let (_, n) = tagged::word_at_start(t, &super::cues::KIND_INDEX)?;
    let after = t[n..].trim_start();
    let after = after.strip_prefix([':', '：', '-', '–', '—', '|'])?;
    Some(lead + (t.len() - after.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        for (s, rest) in [
            ("10:30 – T – N", "T – N"),
            ("10:30 T (N)", "T (N)"),
            ("Saturday 10:00 T - N", "T - N"),
            ("14:00-14:30 T, N", "T, N"),
            ("9:00am T", "T"),
            ("10h30 | T | N", "T | N"),
            ("14h T", "T"),
            ("10:30 - 11:00 – T", "T"),
        ] {
            assert_eq!(after_time(s).map(|i| &s[i..]), Some(rest), "{s}");
        }
        for s in ["2024 was great", "10 things", "Day 1", "1:1 meetings are"] {
            assert_eq!(after_time(s).map(|i| &s[i..]), None, "{s}");
        }
    }
}
