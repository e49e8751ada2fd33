//! Person or organization, decided on evidence.
//!
//! A name-shaped text (`Hanna Lindqvist`, `Spotify`, `Red Hat`, `Analytical Engines`) is judged
//! from what is known about it, never from where it stands alone:
//! - a given name first (`schema/given-names.txt`, the U.S. Social Security Administration's
//!   names, public domain) is evidence of a person;
//! - an organization word (a legal form such as `GmbH` or `Inc`, or `Labs`, `University`,
//!   `Foundation`, `Systems`...: [`super::cues::ORG_WORDS`]), a well-known organization
//!   (`schema/known-orgs.tsv`), an acronym (`IBM`), a name written as one word with inner
//!   capitals (`ClearBoxAI`) or a domain (`acme.io`) is evidence of an organization, and wins;
//! - anything else is [`Verdict::Unsure`]: the recognizers then keep it only where the
//!   convention itself says what it is (after `Speaker:`, in a table's speaker column), and
//!   `talkgraph check` reports it.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use super::cues::{ORG_WORDS, ROLE_WORDS};
use crate::text::{fold, org_key};

/// What a name-shaped text is, on the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A given name first, two to five words, nothing of an organization.
    Person,
    /// An organization cue, a known organization, an acronym or a one-word inner-capital name.
    Org,
    /// Name-shaped, but nothing says which.
    Unsure,
}

const GIVEN_NAMES: &str = include_str!("../../schema/given-names.txt");
const SURNAMES: &str = include_str!("../../schema/surnames.txt");
const KNOWN_ORGS: &str = include_str!("../../schema/known-orgs.tsv");

static GIVEN: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| GIVEN_NAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());

/// The word lists of this module and of [`super::cues`] as sets: they are asked about every word
/// of every name-shaped text.
macro_rules! word_set {
    ($name:ident, $list:expr) => {
        static $name: LazyLock<HashSet<&'static str>> = LazyLock::new(|| $list.iter().copied().collect());
    };
}
word_set!(ORG_SET, ORG_WORDS);
word_set!(ROLE_SET, ROLE_WORDS);
word_set!(NOT_NAME_SET, NOT_NAME_WORDS);
word_set!(PARTICLE_SET, PARTICLES);
word_set!(WORDLIKE_SET, WORDLIKE);
word_set!(TITLE_SET, TITLE_WORDS);

static SURNAME: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| SURNAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());

/// Words of talk titles that are also surnames (`Stack`, `Cloud`, `Hall`).
const TITLE_WORDS: &[&str] = &[
    "full", "stack", "native", "cloud", "web", "data", "micro", "big", "small", "new", "old", "next", "first", "last",
    "high", "low", "good", "best", "better", "hard", "soft", "easy", "simple", "single", "multi", "live", "machine",
    "software", "hardware", "system", "systems", "network", "service", "platform", "api", "app", "code", "test",
    "type", "types", "rust", "python", "go", "hall", "expo", "room", "day", "night", "world", "home", "house", "land",
    "street", "park", "field", "wood", "woods", "hill", "lane", "page", "book", "story", "game", "games", "art",
    "design", "build", "ship", "fix", "bug", "bugs", "case", "study",
];

/// Given names that are also common words (`Deep`, `Red`, `Star`, `Will`): a text that starts
/// with one is a person only when its last word is a surname (`Grace Hopper`, not `Deep
/// Learning`).
const WORDLIKE: &[&str] = &[
    "deep", "free", "real", "golden", "silver", "star", "nova", "red", "blue", "green", "happy", "lucky", "champion",
    "king", "prince", "legend", "justice", "cloud", "apple", "will", "mark", "art", "rich", "hope", "joy", "faith",
    "grace", "summer", "autumn", "winter", "river", "sky", "storm", "stone", "rock", "pearl", "ruby", "jade", "amber",
    "crystal", "rose", "lily", "ivy", "hazel", "olive", "iris", "dawn", "june", "april", "may", "august", "grant",
    "bill", "sunny", "rusty", "chase", "hunter", "archer", "cash", "major", "sterling", "royal", "noble", "sage",
    "story", "true", "wisdom", "honor", "miracle", "blessing", "angel", "destiny", "harmony", "melody", "journey",
    "spirit", "echo", "phoenix", "lake", "ocean", "forest", "brook", "haven", "bliss", "charity", "glory", "precious",
    "unique", "genesis", "trinity", "liberty", "freedom", "victory", "rebel", "ace", "blaze", "flash", "ranger",
    "maverick", "titan", "atlas", "orion", "apollo", "neo", "matrix", "java", "linux", "cisco", "oracle", "delta",
    "alpha", "omega", "sierra", "nash", "early", "young", "long", "strong", "bright", "smart", "clear", "pure", "fair",
    "wise", "bold", "brave", "swift", "rapid", "quick", "fast", "open", "modern",
];

static ORGS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    KNOWN_ORGS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| org_key(l.split('\t').next().unwrap_or_default()))
        .collect()
});

/// Whether `word` (as written) is a given name of the lexicon.
pub fn is_given_name(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if w.len() < 2 {
        return false;
    }
    with_folded(w, |folded| {
        // Hyphenated given names (`Jean-Luc`, `Min-jun`): the first part, or the whole without the hyphen.
        GIVEN.contains(folded)
            || (folded.contains('-')
                && (folded.split('-').next().is_some_and(|p| GIVEN.contains(p))
                    || GIVEN.contains(folded.replace('-', "").as_str())))
    })
}

/// Calls `f` with `w` in lower case: ASCII lower-cased in a buffer on the stack (every word of
/// every name-shaped text is looked up in a few sets), anything else by `to_lowercase`.
pub(crate) fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 40];
    if w.is_ascii() && w.len() <= buf.len() {
        for (b, c) in buf.iter_mut().zip(w.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        return f(std::str::from_utf8(&buf[..w.len()]).unwrap_or_default());
    }
    f(&w.to_lowercase())
}

/// Calls `f` with `w` folded as keys fold it ([`fold`]): ASCII lower-cased in a buffer on the
/// stack (names are looked up for every word of every name-shaped text), anything else folded.
fn with_folded<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 40];
    if w.is_ascii() && w.len() <= buf.len() {
        for (b, c) in buf.iter_mut().zip(w.bytes()) {
            *b = if c == b'`' { b'\'' } else { c.to_ascii_lowercase() };
        }
        // ASCII bytes are UTF-8.
        return f(std::str::from_utf8(&buf[..w.len()]).unwrap_or_default());
    }
    f(&fold(w))
}

/// Whether `word` (as written) is a surname of the lexicon.
pub fn is_surname(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.len() >= 2
        && with_folded(w, |folded| {
            if folded.contains(['\'', '’']) {
                let bare = folded.replace(['\'', '’'], "");
                return SURNAME.contains(bare.as_str());
            }
            SURNAME.contains(folded) || (folded.contains('-') && folded.split('-').all(|p| SURNAME.contains(p)))
        })
}

/// Whether a word reads as a common English word rather than a name: a word of [`WORDLIKE`], or
/// with the ending of an adjective, a gerund or an abstract noun (`Programming`, `Native`).
fn common_word(word: &str) -> bool {
    with_lower(word, |w| {
        WORDLIKE_SET.contains(w)
            || TITLE_SET.contains(w)
            || (w.len() > 5
                && [
                    "ing", "tion", "sion", "ive", "ical", "able", "ible", "ous", "ful", "less", "ness", "ment", "ity",
                    "ics",
                ]
                .iter()
                .any(|s| w.ends_with(s)))
    })
}

/// An ending English words have and names seldom do (`Embedded`, `Really`).
fn english_ending(w: &str) -> bool {
    let w = w.to_lowercase();
    w.len() > 4 && (w.ends_with("ed") || w.ends_with("ly") || w.ends_with("ing"))
}

/// Whether the evidence for a person is its given name (not its surname alone): what a
/// convention needs where a title could stand in its place (`Name: Title`).
pub fn given_evidence(name: &str) -> bool {
    let t = clean_name(name);
    let first = t.split_whitespace().next().unwrap_or_default();
    verdict(t) == Verdict::Person && is_given_name(first)
}

/// Whether `text` is a well-known organization (`schema/known-orgs.tsv`).
pub fn is_known_org(text: &str) -> bool {
    // The key of an ASCII name, built on the stack: letters and digits in lower case.
    let mut buf = [0u8; 48];
    if text.is_ascii() && text.len() <= buf.len() {
        let mut n = 0;
        for c in text.bytes().filter(u8::is_ascii_alphanumeric) {
            buf[n] = c.to_ascii_lowercase();
            n += 1;
        }
        return n > 0 && ORGS.contains(std::str::from_utf8(&buf[..n]).unwrap_or_default());
    }
    let k = org_key(text);
    !k.is_empty() && ORGS.contains(&k)
}

/// Particles that stand inside names in lower case (`Ludwig van Beethoven`, `Maria de la Cruz`).
pub const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "y", "du", "des", "bin", "binti", "al",
    "el", "dos", "das", "do", "ter", "ten", "zu", "af", "e", "i", "d'", "of",
];

/// Titles that may stand before a name and are not part of it.
const HONORIFICS: &[&str] =
    &["dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dra", "dra.", "sir", "dame"];

/// `name` without a leading honorific (`Dr. Ada Lovelace` → `Ada Lovelace`) and without the
/// punctuation it may end with in prose (`Patrick Viafore.` → `Patrick Viafore`).
pub fn clean_name(name: &str) -> &str {
    // Japanese honorifics after a name (`Davide Wang さん`, `山田様`).
    let name = ["さん", "様", "氏", "先生", "くん", "ちゃん"]
        .iter()
        .find_map(|h| name.trim_end().strip_suffix(h))
        .unwrap_or(name);
    let mut n = name.trim().trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']).trim();
    // `J.` at the end is an initial, which keeps its period: only put back what was an initial.
    if name.trim().ends_with('.') && n.rsplit(' ').next().is_some_and(|w| w.chars().count() == 1) {
        n = name.trim().trim_end_matches([',', ';', ':', '!', '?', '*', '_']).trim();
    }
    let mut words = n.split_whitespace();
    if let Some(first) = words.next()
        && HONORIFICS.contains(&first.to_lowercase().as_str())
        && n.split_whitespace().count() >= 3
    {
        return n[first.len()..].trim_start();
    }
    n
}

/// Evidence that `text` is an organization (not only the lack of a person).
pub fn org_evidence(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    if is_known_org(t) {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.iter().any(|w| is_org_word(w)) {
        return true;
    }
    if t.contains(" & ") && words.len() <= 5 && !words.iter().any(|w| is_given_name(w)) {
        return true;
    }
    if let [w] = words.as_slice() {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        // `IBM`, `AWS`, `CERN`: an acronym.
        if (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase()) {
            return true;
        }
        // `ClearBoxAI`, `GitLab`, `JetBrains`: inner capitals in one word.
        if letters.first().is_some_and(|c| c.is_uppercase())
            && letters.iter().skip(1).any(|c| c.is_uppercase())
            && letters.iter().any(|c| c.is_lowercase())
        {
            return true;
        }
        // `acme.io`, `Booking.com`.
        if is_domain(w) {
            return true;
        }
    }
    false
}

/// `example.com`, `acme.io`: a host name written as a name.
pub fn is_domain(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']);
    let Some((left, tld)) = w.rsplit_once('.') else { return false };
    !left.is_empty()
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && left.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

fn is_org_word(w: &str) -> bool {
    let t = w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"'));
    // The shortest cue has two letters, the longest seventeen (`laboratories`, `universidade`).
    if t.len() < 2 || t.len() > 20 {
        return false;
    }
    with_lower(t, |lw| {
        if ORG_SET.contains(lw) {
            return true;
        }
        let bare = lw.trim_end_matches('.');
        // `S.L` is `S.L.`: the period of the abbreviation may have been trimmed.
        let dotted = || bare.contains('.') && ORG_SET.contains(format!("{bare}.").as_str());
        // Case matters for the short ones: `AI`, `IO`, `SA` are cues, `Sa` or `Io` are names.
        (ORG_SET.contains(bare) || dotted())
            && (bare.len() > 2 || w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
    })
}

/// Whether `w` is a word of a job title (`Staff`, `Engineer`, `CTO`).
pub fn is_role_word(w: &str) -> bool {
    let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
    if t.len() < 2 {
        return false;
    }
    with_lower(t, |lw| {
        // German compounds (`Softwareentwicklerin`, `Softwarearchitekt`) end with the role.
        ROLE_SET.contains(lw)
            || (lw.len() > 10
                && ["entwickler", "entwicklerin", "architekt", "architektin", "ingenieur", "ingenieurin", "engineer"]
                    .iter()
                    .any(|s| lw.ends_with(s)))
    })
}

/// Capitalized words that start or join titles, not names (`A Journey from Ruby to Go`,
/// `Building With Go`), and words that name things rather than people (`Sponsored Talk`).
const NOT_NAME_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "on",
    "for",
    "with",
    "to",
    "from",
    "into",
    "at",
    "by",
    "is",
    "are",
    "your",
    "my",
    "our",
    "their",
    "how",
    "why",
    "what",
    "when",
    "where",
    "who",
    "this",
    "that",
    "these",
    "vs",
    "vs.",
    "using",
    "via",
    "not",
    "no",
    "day",
    "notes",
    "talk",
    "talks",
    "keynote",
    "session",
    "sessions",
    "workshop",
    "panel",
    "slides",
    "video",
    "recording",
    "sponsor",
    "sponsors",
    "sponsored",
    "team",
    "track",
    "room",
    "break",
    "lunch",
    "meetup",
    "conference",
    "intro",
    "introduction",
    "q&a",
    "el",
    "los",
    "las",
    "un",
    "una",
    "une",
    "der",
    "die",
    "das",
    "il",
    "lo",
    "gli",
    "os",
    "um",
    "uma",
    "les",
    "des",
    "et",
    "und",
    "y",
    "con",
    "para",
    "pour",
    "avec",
    "mit",
    "für",
    "per",
    "sobre",
    "sur",
    "über",
    "como",
    "comment",
    "wie",
    "come",
    "cómo",
];

/// The shape of a person's name: one to five words, each capitalized or a particle, the first
/// a letter, no digits or URL characters, no word that starts or joins titles (`A`, `With`,
/// `Talk`). Letters of scripts without case count as capitals.
pub fn name_shaped(name: &str, min_words: usize) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let title_word = |w: &&str| {
        with_lower(w, |lw| {
            NOT_NAME_SET.contains(lw)
                && (w.chars().next().is_some_and(char::is_uppercase) || !PARTICLE_SET.contains(lw))
        })
    };
    (min_words..=5).contains(&words.len())
        && !words.iter().any(title_word)
        && words[0].chars().next().is_some_and(char::is_alphabetic)
        && !name.chars().any(|c| c.is_ascii_digit() || matches!(c, '/' | ':' | '@' | '=' | '<' | '>' | '?' | '!' | '|'))
        && name.matches('(').count() == name.matches(')').count()
        && words.iter().enumerate().all(|(i, w)| {
            // A nickname in parentheses or quotes (`Jung-Yu (Gina) Yeh`) is a word of the name.
            let w = if i > 0 { w.trim_matches(['(', ')', '"', '“', '”', '\'']) } else { w };
            w.chars().next().is_some_and(capital)
                || (i > 0 && with_lower(w, |lw| PARTICLE_SET.contains(lw)))
                || (i > 0 && w.starts_with("d'"))
        })
}

/// Whether `text` is a name in a script without spaces between words or case (`山田太郎`,
/// `김민준`): accepted after an explicit speaker label only.
pub fn cjk_name(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().filter(|c| !c.is_whitespace()).count();
    (2..=8).contains(&n)
        && t.chars().all(|c| c.is_whitespace() || (c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()))
}

/// A full name for a link's text (`[Ada Lovelace](https://ada.example/about)`): two to five
/// name-shaped words, not starting with an article or a common heading word.
pub fn strict_name(name: &str) -> bool {
    const NOT_NAMES: &[&str] =
        &["The", "A", "An", "Of", "And", "In", "On", "For", "With", "To", "My", "Our", "Day", "Notes"];
    let first = name.split_whitespace().next().unwrap_or_default();
    name_shaped(name, 2) && !NOT_NAMES.contains(&first) && first.chars().count() > 1
}

/// A capital letter, or a letter of a script without case (Arabic, Hebrew, CJK, ...).
pub fn capital(c: char) -> bool {
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

/// The verdict on `text`, written as a name would be (links already replaced by their text).
pub fn verdict(text: &str) -> Verdict {
    // A pure function of the text, asked again and again of the same names in a note: remembered
    // per thread (a few thousand names at most, then forgotten all at once).
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Verdict>> = Default::default();
    }
    if let Some(v) = SEEN.with(|s| s.borrow().get(text).copied()) {
        return v;
    }
    let v = judge(text);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= 4096 {
            s.clear();
        }
        s.insert(text.into(), v);
    });
    v
}

/// [`verdict`], worked out.
fn judge(text: &str) -> Verdict {
    let t = clean_name(text);
    if org_evidence(t) {
        return Verdict::Org;
    }
    if !name_shaped(t, 2) {
        return if cjk_name(t) {
            Verdict::Unsure
        } else if name_shaped(t, 1) {
            single_word(t)
        } else {
            Verdict::Unsure
        };
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.iter().any(|w| is_role_word(w)) && !is_given_name(words[0]) {
        return Verdict::Unsure;
    }
    // `J. Smith`, `J.R. Smith`: an initial, then a surname.
    let initial = words[0].trim_end_matches('.').chars().all(char::is_uppercase) && words[0].ends_with('.');
    let last = words.last().copied().unwrap_or_default();
    let surname = is_surname(last) && words.len() <= 4;
    // A common word after the given name makes a thing's name (`Cruise Automation`, `London
    // Gophers`), unless the last word is a surname.
    let plural = |w: &str| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
    let later_common = words[1..].iter().any(|w| common_word(w)) || plural(last);
    let given = is_given_name(words[0]) && (!common_word(words[0]) && !later_common || surname);
    // A surname last is evidence too, when nothing before it reads as a common word
    // (`Qumisha Goss`, not `Full Stack`).
    let by_surname = surname
        && !words[..words.len() - 1]
            .iter()
            .any(|w| common_word(w) || is_org_word(w) || (!is_given_name(w) && english_ending(w)));
    if given || (initial && words.len() >= 2) || by_surname { Verdict::Person } else { Verdict::Unsure }
}

/// One capitalized word: people are named with two words or more in notes, so a single word
/// is an organization unless it is a given name (`Spotify` is, `Hanna` is unsure).
fn single_word(t: &str) -> Verdict {
    if is_given_name(t) { Verdict::Unsure } else { Verdict::Org }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for p in [
            "Hanna Lindqvist",
            "Miguel Ortega",
            "Farah Siddiqui",
            "Łukasz Langa",
            "José Valim",
            "J. Smith",
            "Qumisha Goss",
            "Grace Hopper",
            "Małgorzata Hernández",
        ] {
            assert_eq!(verdict(p), Verdict::Person, "{p}");
        }
        for o in ["Spotify", "Red Hat", "Google", "Deep Labs, Inc", "ClearBoxAI", "IBM", "Acme GmbH", "acme.io"] {
            assert_eq!(verdict(o), Verdict::Org, "{o}");
        }
        for u in [
            "Analytical Engines",
            "Programming Language",
            "Hanna",
            "Deep Learning",
            "Full Stack",
            "Cruise Automation",
            "Embedded Rust",
        ] {
            assert_eq!(verdict(u), Verdict::Unsure, "{u}");
        }
        assert_eq!(verdict("University of Bologna"), Verdict::Org);
        assert_eq!(verdict("the language"), Verdict::Unsure);
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("Patrick Viafore."), "Patrick Viafore");
        assert_eq!(clean_name("Dr. Ada Lovelace"), "Ada Lovelace");
        assert_eq!(clean_name("Edsger W."), "Edsger W.");
        assert_eq!(clean_name("Ada Lovelace,"), "Ada Lovelace");
    }

    #[test]
    fn lexicon_is_loaded() {
        assert!(GIVEN.len() > 30_000);
        assert!(is_given_name("Łukasz") && is_given_name("Nuño") && is_given_name("Jean-Luc"));
        assert!(!is_given_name("Spotify") && !is_given_name("Kubernetes"));
        assert!(is_known_org("RedHat") && is_known_org("red-hat"));
    }
}
