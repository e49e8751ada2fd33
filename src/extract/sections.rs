//! What a heading is when it is not a talk: a part of the note (`Day 2`, `Wrap-up`, `Día 1`,
//! `Mittagspause`), read from [`super::cues::SECTION_WORDS`]; and the conference a note's title
//! names.

use std::sync::LazyLock;

use regex::Regex;

use super::cues::SECTION_WORDS;

/// [`SECTION_WORDS`] as a set: asked about every heading.
static SECTIONS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| SECTION_WORDS.iter().copied().collect());

/// Removes one pair of surrounding quotes (`"T"`, `“T”`, `'T'`).
pub fn strip_quotes(s: &str) -> String {
    let t = s.trim();
    for (a, b) in [('"', '"'), ('“', '”'), ('\'', '\''), ('«', '»')] {
        if t.len() >= 2 && t.starts_with(a) && t.ends_with(b) {
            return t[a.len_utf8()..t.len() - b.len_utf8()].trim().to_owned();
        }
    }
    t.to_owned()
}

/// The conference a note's title is about, when the title says so:
/// `[from Florence import PyCon] Third day notes` → `PyCon 2024` (year from the note's date),
/// `Notes from EuroPython 2023, day 2` → `EuroPython 2023`,
/// `RustLab 2024 - Day 1 notes` → `RustLab 2024`.
pub fn event_from_title(title: &str, year: Option<&str>) -> Option<String> {
    static FROM_IMPORT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\[\s*from\s+[^\]]+?\s+import\s+([^\]]+?)\s*\]").expect("valid regex"));
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:my\s+)?(?:notes|minutes|recap|summary|report|takeaways|highlights|appunti|note|notas|apuntes|notizen)\s+(?:from|of|on|at|about|da|de|del|di|dal|von|vom|sur)\s+(?:the\s+|la\s+|il\s+)?",
        )
        .expect("valid regex")
    });
    static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s*(?:[,:\-–—|.]\s*|\s)(?:(?:the\s+)?(?:first|second|third|fourth|last)\s+day|day|giorno|d[ií]a|tag|jour)\b.*$|\s*[:\-–—|]\s*(?:what\s+i\s+learned|notes|recap|my\s+notes|takeaways|highlights)\b.*$|\s+(?:talk\s+links\s+and\s+notes|notes|recap|roundup|round-up|liveblog|live\s+blog|report|conference\s+notes|minutes)\s*$",
        )
        .expect("valid regex")
    });
    static CONFERENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s+(?:conference|conf)\s*$").expect("valid regex"));
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("valid regex"));

    if let Some(c) = FROM_IMPORT.captures(title) {
        let name = c[1].trim();
        return Some(match year {
            Some(y) if !YEAR.is_match(name) => format!("{name} {y}"),
            _ => name.to_owned(),
        });
    }
    let stripped = PREFIX.find(title).map_or(title, |m| &title[m.end()..]);
    let had_prefix = stripped.len() != title.len();
    let core = SUFFIX.replace(stripped, "");
    let core = CONFERENCE.replace(core.trim(), "");
    let changed = had_prefix || core.trim().len() != title.trim().len();
    let core = core.trim().trim_matches(|c: char| c.is_ascii_punctuation() && c != ')');
    // A short title holding a year (`JSCONF EU 2013`, `Strangeloop 2023`) names the event too.
    let named = changed || (YEAR.is_match(core) && core.split_whitespace().count() <= 5);
    (named
        && !core.is_empty()
        && core.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
        && core.split_whitespace().count() <= 6)
        .then(|| core.to_owned())
}

/// A heading's shadow text without what renderers strip from it: attributes at its end
/// (`{#id .class}`, `{: .x}`, MDX's `{/*id*/}`) and a span around it all (`[Title]{#id}`).
pub(crate) fn heading_shadow(b: &super::blocks::Block) -> Option<String> {
    let mut t = b.lines.first()?.text.trim();
    while let Some(open) = t.strip_suffix('}').and_then(|body| body.rfind('{')) {
        let inner = &t[open + 1..t.len() - 1];
        let attrs = inner.starts_with(['#', '.', ':', '/']) && !inner.contains('{');
        if !attrs || open == 0 {
            break;
        }
        t = t[..open].trim_end();
    }
    // `[[Title](url)]`: a span around the whole heading.
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']'))
        && !inner.contains(['[', ']'])
    {
        t = inner.trim();
    }
    Some(t.to_owned())
}

/// Headings that name a part of a note, not a talk: a section word alone (`Wrap-up`,
/// `Takeaways`, `Agenda`), or with a number, date or weekday after it (`Day 2`, `Día 1 - lunes`,
/// `Tag 2 (Freitag)`), or a room or track (`Track 2`, `Sala Tevere`, `Room A`).
pub fn is_section_title(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let t = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
    if t.is_empty() {
        return false;
    }
    if SECTIONS.contains(t) {
        return true;
    }
    // The words of the heading, punctuation other than `&`, `;`, `-` and `'` as spaces.
    let norm: String =
        t.chars().map(|c| if c.is_alphanumeric() || matches!(c, '&' | ';' | '-' | '\'') { c } else { ' ' }).collect();
    let words: Vec<&str> = norm.split_whitespace().collect();
    if let [first, rest @ ..] = words.as_slice()
        && matches!(*first, "track" | "room" | "sala" | "salle" | "saal" | "aula" | "stage" | "hall" | "auditorium")
        && rest.len() <= 3
    {
        return true;
    }
    // The longest section word the heading starts with, then only numbers, dates and weekdays.
    (1..=words.len().min(4)).rev().any(|n| {
        let head = words[..n].join(" ");
        SECTIONS.contains(head.as_str()) && words[n..].iter().all(|w| is_date_word(w))
    })
}

/// A number, an ordinal, a date or time, a weekday or a month: what may follow `Day` in a
/// section heading.
fn is_date_word(w: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "gennaio",
        "febbraio",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "settembre",
        "ottobre",
        "dicembre",
        "de",
        "of",
        "the",
        "and",
        "y",
        "et",
        "und",
        "e",
        "-",
        "am",
        "pm",
    ];
    w.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ':'))
        || ["st", "nd", "rd", "th", "º", "ª", "er", "e", "日目"]
            .iter()
            .any(|s| w.strip_suffix(s).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
        || MONTHS.contains(&w)
        || SECTIONS.contains(w) && w.ends_with("day")
        || [
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
        ]
        .contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_from_titles() {
        let check = |t: &str, y: Option<&str>, want: Option<&str>| {
            assert_eq!(event_from_title(t, y).as_deref(), want, "{t}");
        };
        check("[from Florence import PyCon] Third day notes", Some("2024"), Some("PyCon 2024"));
        check("[from Berlin import PyData] First day notes", None, Some("PyData"));
        check("Notes from EuroPython 2023, day 2", None, Some("EuroPython 2023"));
        check("RustLab 2024 - Day 1 notes", None, Some("RustLab 2024"));
        check("PyCon US 2021: what I learned on day 3", None, Some("PyCon US 2021"));
        check("Appunti da PyCon Italia 2024 - giorno 2", None, Some("PyCon Italia 2024"));
        check("Notas de PyCon ES 2022 - día 1", None, Some("PyCon ES 2022"));
        check("Minutes of the FOSDEM 2020 conference", None, Some("FOSDEM 2020"));
        check("How I learned to love the borrow checker", None, None);
        check("JSCONF EU 2013", None, Some("JSCONF EU 2013"));
        check("GopherCon 2015 Roundup", None, Some("GopherCon 2015"));
        check("WasmCon NA 2025 Liveblog", None, Some("WasmCon NA 2025"));
        check("PyCon 2018. First Day", None, Some("PyCon 2018"));
        check("DjangoCon US 2018 talk links and notes", None, Some("DjangoCon US 2018"));
        check("[TALK] Hello", None, None);
        check("Untitled", None, None);
    }

    #[test]
    fn sections() {
        for s in [
            "Wrap-up",
            "Day 2",
            "Conclusive notes",
            "Día 1 - lunes",
            "Tag 2 (Freitag)",
            "Track 2",
            "Q&A",
            "Lightning",
            "Saturday",
            "Day 1: May 24",
            "Mittagspause",
            "1日目",
        ] {
            assert_eq!(is_section_title(s), s != "Lightning", "{s}");
        }
        for t in [
            "Taking Django Async",
            "Saturday 10:00 How FOSS could revolutionize",
            "Notes on notes",
            "Day of the Tentacle",
        ] {
            assert!(!is_section_title(t), "{t}");
        }
    }
}
