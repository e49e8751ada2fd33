//! Headings: is this one a talk, of which kind, with which title? And which conference does a
//! note's title name?

use std::sync::LazyLock;

use regex::Regex;

use crate::model::TalkKind;

/// A talk heading: `[KEYNOTE] Title`, `Keynote: Title`, `Lightning talk - Title` (any case).
/// Returns the kind and the title without its tag.
pub fn talk_tag(heading: &str) -> Option<(TalkKind, String)> {
    static BRACKET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*\[\s*(keynote|talk|workshop|tutorial|panel|lightning(?:\s+talk)?)\s*\]\s*[:\-–—]?\s*(.+?)\s*$",
        )
        .expect("valid regex")
    });
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(keynote|talk|workshop|tutorial|panel|lightning(?:\s+talk)?)\s*(?::|\s[\-–—])\s*(.+?)\s*$")
            .expect("valid regex")
    });
    let c = BRACKET.captures(heading).or_else(|| PREFIX.captures(heading))?;
    let tag = c[1].split_whitespace().collect::<Vec<_>>().join(" ");
    let kind = TalkKind::from_tag(&tag)?;
    let title = strip_quotes(c[2].trim_end_matches('#').trim());
    (!title.is_empty()).then_some((kind, title))
}

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
            r"(?i)\s*(?:[,:\-–—|]\s*|\s)(?:(?:the\s+)?(?:first|second|third|fourth|last)\s+day|day|giorno|d[ií]a|tag|jour)\b.*$|\s*[:\-–—|]\s*(?:what\s+i\s+learned|notes|recap|my\s+notes|takeaways|highlights)\b.*$|\s+(?:notes|recap|conference\s+notes|minutes)\s*$",
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
    let core = core.trim().trim_matches(|c: char| c.is_ascii_punctuation() && c != '.' && c != ')');
    let changed = had_prefix || core.len() != title.trim().len();
    // Only trust a title that named an event in a recognizable frame, and looks like a name.
    (changed
        && !core.is_empty()
        && core.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
        && core.split_whitespace().count() <= 6)
        .then(|| core.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn talk_tags() {
        let check = |h: &str, want: Option<(TalkKind, &str)>| {
            assert_eq!(talk_tag(h), want.map(|(k, t)| (k, t.to_owned())), "{h}");
        };
        check("[KEYNOTE] Myths and fairy tales", Some((TalkKind::Keynote, "Myths and fairy tales")));
        check("[talk] x", Some((TalkKind::Talk, "x")));
        check("[Lightning Talk] Fast things", Some((TalkKind::Lightning, "Fast things")));
        check("  [WORKSHOP] Hands on  ", Some((TalkKind::Workshop, "Hands on")));
        check("Keynote: Stay close", Some((TalkKind::Keynote, "Stay close")));
        check("Lightning talk: \"Quoted\"", Some((TalkKind::Lightning, "Quoted")));
        check("Panel - The future ##", Some((TalkKind::Panel, "The future")));
        check("[from Florence import PyCon] Third day notes", None);
        check("Talks I missed", None);
        check("Keynote", None);
        check("[KEYNOTE]", None);
    }

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
        check("Untitled", None, None);
    }
}
