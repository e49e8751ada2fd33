//! Headings: is this one a talk, of which kind, with which title? And which conference does a
//! note's title name?

use std::sync::LazyLock;

use regex::Regex;

use crate::model::TalkKind;

/// A talk heading: `[KEYNOTE] Title`, `Keynote: Title`, `Lightning talk - Title` (any case).
/// Returns the kind and the title without its tag.
pub fn talk_tag(heading: &str) -> Option<(TalkKind, String)> {
    // `.` in the expressions stops at a line feed, which makes their matches harder to follow
    // by hand: a heading holding one (never a line of a note) is read by the expressions.
    if heading.contains('\n') {
        return talk_tag_by_regexes(heading);
    }
    // What the expressions read, step by step (see `talk_tag_by_regexes`): white space, a
    // bracket or not, the tag word, then the separator and the title.
    let rest = heading.trim_start();
    let (bracket, rest) = match rest.strip_prefix('[') {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let (tag, after) = tag_word(rest)?;
    let title = if bracket {
        // `\s*\]\s*[:\-–—]?\s*(.+?)\s*$`
        let a = after.trim_start().strip_prefix(']')?.trim_start();
        let mut chars = a.chars();
        match chars.next() {
            Some(':' | '-' | '–' | '—') => {
                let after_sep = chars.as_str();
                let b = after_sep.trim_start();
                if !b.is_empty() {
                    b
                } else if after_sep.is_empty() {
                    // Nothing after the separator: the expression takes it as the title.
                    a
                } else {
                    // Only white space after it: the title is one white space character.
                    return None;
                }
            }
            _ => a,
        }
    } else {
        // `\s*(?::|\s[\-–—])\s*(.+?)\s*$`
        let w = after.trim_start();
        let after_sep = match w.strip_prefix(':') {
            Some(r) => r,
            None if w.len() < after.len() => w.strip_prefix(['-', '–', '—'])?,
            None => return None,
        };
        after_sep.trim_start()
    };
    let kind = TalkKind::from_tag(&tag.split_whitespace().collect::<Vec<_>>().join(" "))?;
    let title = strip_quotes(title.trim_end().trim_end_matches('#').trim());
    (!title.is_empty()).then_some((kind, title))
}

/// `(keynote|talk|workshop|tutorial|panel|lightning(?:\s+talk)?)` as `(?i)` reads it at the
/// start of `text`: the tag as written and the text after it.
fn tag_word(text: &str) -> Option<(&str, &str)> {
    /// The length of `word` (lower-case ASCII) at the start of `text`, in any case, with the
    /// Kelvin sign for `k` and `ſ` for `s`.
    fn prefix(text: &str, word: &str) -> Option<usize> {
        let mut len = 0;
        let mut chars = text.chars();
        for w in word.bytes() {
            let c = chars.next()?;
            let same = match c {
                '\u{212A}' => w == b'k',
                '\u{17F}' => w == b's',
                c => c.is_ascii() && c.to_ascii_lowercase() as u8 == w,
            };
            if !same {
                return None;
            }
            len += c.len_utf8();
        }
        Some(len)
    }
    let n = ["keynote", "talk", "workshop", "tutorial", "panel", "lightning"]
        .iter()
        .find_map(|w| prefix(text, w).map(|n| (n, *w == "lightning")));
    let (mut n, lightning) = n?;
    if lightning {
        let after = &text[n..];
        let gap = after.len() - after.trim_start().len();
        if gap > 0
            && let Some(m) = prefix(&after[gap..], "talk")
        {
            n += gap + m;
        }
    }
    Some((&text[..n], &text[n..]))
}

/// The first implementation of [`talk_tag`], the expressions (kept for headings holding a line
/// feed, and to test the reading by hand against).
fn talk_tag_by_regexes(heading: &str) -> Option<(TalkKind, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Headings made of tag words in every case (with the Kelvin sign and the long s),
        /// brackets, separators, white space and titles: reading by hand finds what the
        /// expressions find.
        #[test]
        fn tag_check_agrees_with_regexes(parts in prop::collection::vec(prop::sample::select(vec![
            "keynote", "KEYNOTE", "\u{212A}eynote", "Talk", "tal\u{212A}", "workshop", "wor\u{212A}\u{17F}hop",
            "Tutorial", "PANEL", "lightning", "Lightning talk", "lightning  talk", "[", "]", "[ ", " ]", ":", " - ",
            " — ", "–", " ", "\u{A0}", "\u{2003}", "\t", "Title", "\"Quoted\"", "##", "x", "é", "Keynotes", "\u{E000}",
            "\r", "\u{85}", "talk", " talk", "lightning talk", "[talk] -", "-", "—", " : ", "[ lightning talk ]", "##", "\"",
        ]), 0..8)) {
            let heading = parts.concat();
            prop_assert_eq!(talk_tag(&heading), talk_tag_by_regexes(&heading), "{:?}", heading);
        }

        /// Any text at all.
        #[test]
        fn tag_check_agrees_on_any_text(heading in "\\PC{0,30}") {
            prop_assert_eq!(talk_tag(&heading), talk_tag_by_regexes(&heading), "{:?}", heading);
        }
    }

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
        check("[talk] -", Some((TalkKind::Talk, "-")));
        check("[talk] - ", None);
        check("Talk:\nTitle", talk_tag_by_regexes("Talk:\nTitle").as_ref().map(|(k, t)| (*k, t.as_str())));
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
        check("JSCONF EU 2013", None, Some("JSCONF EU 2013"));
        check("GopherCon 2015 Roundup", None, Some("GopherCon 2015"));
        check("WasmCon NA 2025 Liveblog", None, Some("WasmCon NA 2025"));
        check("PyCon 2018. First Day", None, Some("PyCon 2018"));
        check("DjangoCon US 2018 talk links and notes", None, Some("DjangoCon US 2018"));
        check("[TALK] Hello", None, None);
        check("Untitled", None, None);
    }
}

/// Headings that name a part of a note, not a talk (`Wrap-up`, `Day 2`, `Takeaways`).
pub fn is_section_title(text: &str) -> bool {
    static SECTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^\W*(?:
              wrap[\s-]?up | final\s+thoughts | conclusions? | conclusive\s+notes | conclusioni | conclusiones | conclusion\s+notes
            | summary | intro(?:duction)? | welcome | welcoming | opening | closing(?:\s+remarks)? | overview | agenda | schedule
            | (?:day|giorno|d[ií]a|tag|jour)\s*\d* | (?:mon|tues|wednes|thurs|fri|satur|sun)day | morning(?:\s+session)?
            | afternoon(?:\s+session)? | evening | lunch | break | coffee\s+break | takeaways | key\s+takeaways | q\s*&\s*a
            | my\s+notes | notes | note\s+personali | resources | links | tools | references | tl;?dr | table\s+of\s+contents
            | toc | misc(?:ellaneous)? | other\s+talks | about(?:\s+me)? | sala\s+.* | main\s+track | track\s+\d+ | hallway\s+track
            | sponsors? | the\s+venue | venue | travel | food | party | social | acknowledg(?:e)?ments | thanks | links\s+and\s+resources
            )\W*$",
        )
        .expect("valid regex")
    });
    SECTION.is_match(text.trim())
}

/// A bare talk-kind word as a whole heading (`Keynote`, `Keynote #2`, `Panel`): its kind.
pub fn bare_kind(text: &str) -> Option<TalkKind> {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(keynote|workshop|tutorial|panel|lightning(?:\s+talk)?)(?:\s*#?\s*\d+)?\s*$")
            .expect("valid regex")
    });
    let c = BARE.captures(text)?;
    TalkKind::from_tag(&c[1].split_whitespace().collect::<Vec<_>>().join(" "))
}

// The four ways a heading names its speakers, tried in this order by [`split_speakers`]:
// `"Title" by A`, `Title (A - Org)`, `Title - A`, `Title by A`.
static QUOTED_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^\s*["“](.+?)["”]\s*,?\s+(?i:by|with)\s+(.+)$"#).expect("valid regex"));
static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?)\s*\(\s*([^()]+?)\s*\)\s*(?:@[\w.]+\s*)*$").expect("valid regex"));
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.+)\s+[-–—]\s+(.+?)\s*$").expect("valid regex"));
static BY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.+?)\s+(?i:by)\s+(.+?)\s*$").expect("valid regex"));

/// Splits a heading that names its speakers: `"Title" by A and B`, `Title (A - Org) @handle`,
/// `Saturday 10:00 Title - A & B`, `Title — A`, `Title by A`. Returns (title, speakers) as
/// shadow text; the caller checks that the speakers really are names.
pub fn split_speakers(heading: &str) -> Option<(String, String)> {
    let text = strip_time(heading).trim();
    // What each expression needs, checked first: an opening quote; a closing parenthesis; a
    // dash; `by`, as `(?i)` folds it.
    if text.starts_with(['"', '“'])
        && let Some(c) = QUOTED_BY.captures(text)
    {
        return Some((c[1].trim().to_owned(), c[2].trim().to_owned()));
    }
    let has_by = super::mentions::may_contain_folded(text, &["by"]);
    for (re, may) in [(&*PAREN, text.contains(')')), (&*DASH, text.contains(['-', '–', '—'])), (&*BY, has_by)] {
        if let Some(c) = may.then(|| re.captures(text)).flatten() {
            return Some((strip_quotes(&c[1]), c[2].trim().to_owned()));
        }
    }
    None
}

/// The title of a heading whose leading day and time were removed (`Saturday 10:00 T` → `T`).
pub fn strip_time(heading: &str) -> &str {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?\d{1,2}[:.h]\d{2}(?:\s*[-–]\s*\d{1,2}[:.h]\d{2})?\s+")
            .expect("valid regex")
    });
    TIME.find(heading).map_or(heading, |m| &heading[m.end()..])
}

#[cfg(test)]
mod split_tests {
    use super::*;
    use proptest::prelude::*;

    /// The first implementation of [`split_speakers`]: every expression on every heading.
    fn split_speakers_by_regexes(heading: &str) -> Option<(String, String)> {
        let text = strip_time(heading).trim();
        if let Some(c) = QUOTED_BY.captures(text) {
            return Some((c[1].trim().to_owned(), c[2].trim().to_owned()));
        }
        for re in [&*PAREN, &*DASH, &*BY] {
            if let Some(c) = re.captures(text) {
                return Some((strip_quotes(&c[1]), c[2].trim().to_owned()));
            }
        }
        None
    }

    proptest! {
        /// Titles, quotes, parentheses, dashes, `by`/`with` in any case, handles and times.
        #[test]
        fn checks_agree_with_regexes(parts in prop::collection::vec(prop::sample::select(vec![
            "Title", "\"", "“", "”", " by ", " BY ", " bY ", "by", " with ", "(", ")", " (Ada - Org)", " @h", " - ", " – ",
            " — ", "-", " ", "\u{A0}", "Ada Lovelace", "Saturday 10:00 ", "10:00 ", ",", "é", "\u{E000}",
        ]), 0..10)) {
            let heading = parts.concat();
            prop_assert_eq!(split_speakers(&heading), split_speakers_by_regexes(&heading), "{:?}", heading);
        }
    }

    #[test]
    fn speakers_in_headings() {
        let check = |h: &str, want: Option<(&str, &str)>| {
            assert_eq!(split_speakers(h), want.map(|(a, b)| (a.to_owned(), b.to_owned())), "{h}");
        };
        check("\"BDD Testing for Django Apps\" by Le Xiao", Some(("BDD Testing for Django Apps", "Le Xiao")));
        check("Keynote (Dan Callahan - PyPI) @callahad", Some(("Keynote", "Dan Callahan - PyPI")));
        check(
            "Saturday 10:00 How FOSS could revolutionize municipal government - Danese Cooper",
            Some(("How FOSS could revolutionize municipal government", "Danese Cooper")),
        );
        check(
            "Web3 - the Internet of Freedom - Bruno Škvorc",
            Some(("Web3 - the Internet of Freedom", "Bruno Škvorc")),
        );
        check("Plain title", None);
        assert!(is_section_title("Wrap-up"));
        assert!(is_section_title("Day 2"));
        assert!(is_section_title("## Conclusive notes".trim_start_matches("# ")));
        assert!(!is_section_title("Taking Django Async"));
        assert_eq!(bare_kind("Keynote #2"), Some(TalkKind::Keynote));
        assert_eq!(bare_kind("Keynotes are fun"), None);
    }
}
