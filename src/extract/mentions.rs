//! The body of a talk: linked tools and projects with their descriptions, repositories and
//! publishers; books; Wikipedia people and concepts; slides and recordings; other pages.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, BlockKind, RawLink, is_mark};
use super::names::{name_shaped, strict_name};
use super::people::material_kind;
use crate::model::{Book, Inferred, Link, Material, MaterialKind, Mention, Org, Tool};
use crate::text::is_web;

/// Link texts that name no entity: the link belongs to what stands before it.
const GENERIC: &[&str] = &[
    "github repo",
    "repo",
    "repository",
    "slides",
    "docs",
    "documentation",
    "here",
    "this",
    "link",
    "this link",
    "click here",
    "source",
    "code",
    "source code",
    "website",
    "site",
    "homepage",
    "home page",
    "github",
    "gitlab",
    "read more",
    "more",
    "paper",
    "article",
    "blog post",
    "post",
    "video",
    "recording",
    "demo",
    "example",
    "examples",
    "pdf",
    "notes",
    "abstract",
    "details",
    "the docs",
    "official site",
    "project page",
    // The same words in the other languages read.
    "aquí",
    "aqui",
    "acá",
    "enlace",
    "este enlace",
    "este post",
    "esta entrada",
    "la documentación",
    "documentación",
    "repositorio",
    "repositorio de ejemplo",
    "diapositivas",
    "las diapositivas",
    "vídeo",
    "el vídeo",
    "grabación",
    "ici",
    "lien",
    "ce lien",
    "cet article",
    "ce billet",
    "la documentation",
    "dépôt",
    "dépôt d'exemple",
    "diapos",
    "les slides",
    "les diapos",
    "vidéo",
    "la vidéo",
    "enregistrement",
    "hier",
    "link",
    "diesem link",
    "diesem blogpost",
    "diesen blogpost",
    "dieser blogpost",
    "blogpost",
    "die doku",
    "doku",
    "dokumentation",
    "die dokumentation",
    "beispiel repo",
    "beispiel-repo",
    "folien",
    "die folien",
    "aufzeichnung",
    "qui",
    "questo post",
    "questo articolo",
    "la documentazione",
    "documentazione",
    "repository di esempio",
    "lucidi",
    "le slide",
    "registrazione",
    "este artigo",
    "este post",
    "a documentação",
    "documentação",
    "repositório",
    "repositório de exemplo",
    "gravação",
    "o vídeo",
    "こちら",
    "ここ",
    "リンク",
    "この記事",
    "ドキュメント",
    "スライド",
    "動画",
    "録画",
    "サンプルリポジトリ",
    "リポジトリ",
    "example repo",
    "sample repo",
    "the slides",
    "the video",
    "the recording",
    "the repo",
];

/// A document's identifier as a link's text (`PEP 751`, `RFC 9110`, `ISO 8601`, `CVE-2024-3094`):
/// a page, not a tool.
fn is_document_id(text: &str) -> bool {
    const SERIES: &[&str] = &[
        "rfc", "pep", "iso", "ecma", "ecma-", "jsr", "jep", "kep", "cve", "bip", "eip", "nep", "sep", "tip", "zep",
        "rep", "ieee", "w3c", "wcag", "owasp", "gdpr", "nist",
    ];
    let t = text.trim();
    let lower = t.to_lowercase();
    SERIES.iter().any(|s| {
        lower.strip_prefix(s).is_some_and(|rest| {
            let rest = rest.trim_start_matches([' ', '-', '\u{a0}', '#']);
            rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// A link's text naming an edition of an event (`EuroPython 2024`, `RustLab 2022`): ending with
/// a year, it is the event's page, not a tool.
fn ends_with_year(text: &str) -> bool {
    let last = text.trim().rsplit(|c: char| c.is_whitespace() || c == '\'').next().unwrap_or_default();
    last.len() == 4 && (last.starts_with("19") || last.starts_with("20")) && last.chars().all(|c| c.is_ascii_digit())
}

/// A link's text that names an organization by its form or kind (`Tidalforge AI`,
/// `Acme GmbH`, `Deep Labs`, `University of Turin`): an organization, not a tool.
fn names_organization(text: &str) -> bool {
    const STRONG: &[&str] = &[
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "gmbh",
        "ag",
        "sa",
        "s.a.",
        "sas",
        "s.l.",
        "srl",
        "s.r.l.",
        "spa",
        "bv",
        "b.v.",
        "oy",
        "ab",
        "kk",
        "k.k.",
        "corp",
        "corp.",
        "labs",
        "lab",
        "university",
        "universidad",
        "université",
        "universität",
        "università",
        "universidade",
        "institute",
        "instituto",
        "institut",
        "istituto",
        "foundation",
        "fundación",
        "fondation",
        "stiftung",
        "fondazione",
        "fundação",
        "ai",
        "systems",
        "technologies",
        "tech",
        "analytics",
        "research",
        "consulting",
        "solutions",
        "ventures",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    // `Hauki Tech GitHub page`: a page of the organization, not the organization.
    let page = words.last().is_some_and(|w| in_lower_case(PAGE_WORDS, w.trim_matches(|c: char| !c.is_alphanumeric())));
    words.len() >= 2
        && !page
        && words[1..].iter().any(|w| {
            let lw = w.to_lowercase();
            STRONG.contains(&lw.as_str()) && (lw.len() > 2 || w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
        })
}

/// Last words that make a link text a page title rather than a tool name.
const PAGE_WORDS: &[&str] = &[
    "page",
    "site",
    "website",
    "blog",
    "post",
    "article",
    "paper",
    "docs",
    "documentation",
    "manifesto",
    "announcement",
    "thread",
    "tweet",
    "talk",
    "video",
    "slides",
    "recording",
    "newsletter",
    "book",
    "notes",
];

/// Is this link text generic (`github repo`, `here`, `slides`)?
pub(crate) fn is_generic(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric());
    t.is_empty() || in_lower_case(GENERIC, t)
}

/// Whether `word` in lower case is one of `list` (lower-case words). ASCII is compared
/// ignoring case, without a lower-case copy: lowering ASCII is ASCII case folding.
fn in_lower_case(list: &'static [&'static str], word: &str) -> bool {
    // The two lists asked about every link, as sets; others are short.
    static SETS: std::sync::LazyLock<[rustc_hash::FxHashSet<&'static str>; 2]> =
        std::sync::LazyLock::new(|| [GENERIC.iter().copied().collect(), PAGE_WORDS.iter().copied().collect()]);
    let set = if std::ptr::eq(list, GENERIC) {
        &SETS[0]
    } else if std::ptr::eq(list, PAGE_WORDS) {
        &SETS[1]
    } else if word.is_ascii() {
        return list.iter().any(|w| w.eq_ignore_ascii_case(word));
    } else {
        return list.contains(&word.to_lowercase().as_str());
    };
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        return set.contains(std::str::from_utf8(&buf[..word.len()]).unwrap_or_default());
    }
    set.contains(word.to_lowercase().as_str())
}

/// Mines one body block of a talk.
pub(crate) fn mine(
    block: &Block,
    mentions: &mut Vec<Mention>,
    materials: &mut Vec<Material>,
    lexicon: Option<&super::Lexicon>,
) {
    for line in &block.lines {
        books(&line.text, line.line, mentions);
        if let Some(lx) = lexicon {
            for (name, kind) in lx.find_prose(&line.text) {
                mentions.push(Mention::Inferred(Inferred { name: name.to_owned(), kind, line: line.line }));
            }
        }
        let text = line.text.as_str();
        let mut last_tool: Option<usize> = None;
        let mut prev_end = 0;
        // Only placeholders matter here: they are U+E000 to U+F8FF, whose UTF-8 starts with
        // EE or EF (never a continuation byte), so the line is searched for those bytes rather
        // than walked character by character.
        for pos in memchr::memchr2_iter(0xEE, 0xEF, text.as_bytes()) {
            let Some(c) = text[pos..].chars().next() else { continue };
            let Some(link) = block.link(c) else { continue };
            let before = &text[prev_end..pos];
            let after = &text[pos + c.len_utf8()..];
            prev_end = pos + c.len_utf8();
            if link.email || !is_web(&link.url) {
                continue;
            }
            if is_generic(&link.text) {
                match material_kind(&link.text) {
                    Some(MaterialKind::Repository) if last_tool.is_some() => {
                        if let Some(Mention::Tool(t)) = last_tool.and_then(|i| mentions.get_mut(i)) {
                            t.repository.get_or_insert_with(|| link.url.clone());
                        }
                    }
                    Some(kind @ (MaterialKind::Slides | MaterialKind::Recording)) => {
                        materials.push(Material { kind, url: link.url.clone(), line: link.line });
                    }
                    _ => mentions.push(Mention::Page(page(link))),
                }
                continue;
            }
            if let Some(title) = wikipedia_title(&link.url) {
                let l = page(link);
                mentions.push(if is_person_title(&title) { Mention::Person(l) } else { Mention::Concept(l) });
                continue;
            }
            if is_document_id(&link.text) || ends_with_year(&link.text) {
                mentions.push(Mention::Page(page(link)));
                continue;
            }
            if by_before(before) || is_org_site(link) || names_organization(&link.text) {
                let org = Org { name: link.text.clone(), url: Some(link.url.clone()), line: link.line };
                if let Some(Mention::Tool(t)) = last_tool.and_then(|i| mentions.get_mut(i)) {
                    t.publisher.get_or_insert_with(|| org.clone());
                }
                mentions.push(Mention::Organization(org));
                continue;
            }
            if strict_name(&link.text) && is_profile_url(&link.url) {
                mentions.push(Mention::Person(page(link)));
                continue;
            }
            let name = strip_qualifier(link.text.trim_end_matches(['.', ',', ';', ':', '!', '?']));
            let starts_line = before.trim_matches(|c: char| c.is_whitespace() || c == '*').is_empty();
            let described = described(after);
            let tool = is_tool_name(name)
                && (names_url(name, &link.url)
                    || (starts_line && described)
                    || is_code_host(&link.url)
                    || name != link.text
                    || (starts_line && after.trim().is_empty() && block.kind == BlockKind::Item));
            if !tool {
                mentions.push(Mention::Page(page(link)));
                continue;
            }
            mentions.push(Mention::Tool(Tool {
                name: name.to_owned(),
                url: link.url.clone(),
                description: description(block, after),
                repository: None,
                publisher: None,
                line: link.line,
            }));
            last_tool = Some(mentions.len() - 1);
        }
    }
}

/// Whether text after a link starts a description: `^\s*(?:[-–—:]\s+|\()`, without a regex (it
/// runs for every link).
fn described(after: &str) -> bool {
    let rest = after.trim_start();
    let mut chars = rest.chars();
    match chars.next() {
        Some('(') => true,
        Some('-' | '–' | '—' | ':') => chars.next().is_some_and(char::is_whitespace),
        _ => false,
    }
}

/// `Chiwawa project on GitHub` → `Chiwawa`, `Open Olitor on sunu.eu` → `Open Olitor`,
/// `OpenPB demo site` → `OpenPB`; other texts unchanged.
fn strip_qualifier(text: &str) -> &str {
    // The expression needs white space before the qualifier: most names are one word.
    if !text.chars().any(is_space) {
        return text;
    }
    strip_qualifier_by_regex(text)
}

/// [`strip_qualifier`] by its expression alone, on any text (the tests compare the two).
fn strip_qualifier_by_regex(text: &str) -> &str {
    static QUALIFIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(.+?)\s+(?:(?:project\s+|repo(?:sitory)?\s+|code\s+)?on\s+(?:github|gitlab|codeberg|[\w-]+(?:\.[\w-]+)+)|demo\s+site|demo|project)$")
            .expect("valid regex")
    });
    QUALIFIER.captures(text).and_then(|c| c.get(1)).map_or(text, |m| m.as_str())
}

/// Path segments of a site's documentation: a URL made only of these (or short segments) is
/// the site itself, not an article on it.
const DOCS: &[&str] = &[
    "en",
    "latest",
    "stable",
    "master",
    "main",
    "docs",
    "doc",
    "index.html",
    "index.htm",
    "home",
    "documentation",
    "api",
    "reference",
    "guide",
    "manual",
    "user-guide",
    "getting-started",
    "intro",
    "overview",
    "quickstart",
];

/// Does the link text name what the URL points at? The letters and digits of the text stand
/// in the host or path (`Ray` → `docs.ray.io`, `pdb++` → `github.com/pdbpp/pdbpp`), or a
/// path segment stands in the text (`AWS CodeDeploy` → `aws.amazon.com/codedeploy/`). A text
/// that only names the site of an article (`LinuxFr` → `linuxfr.org/news/some-article`) does not.
pub(crate) fn names_url(text: &str, url: &str) -> bool {
    let mut t = Vec::new();
    alnum_into(text, &mut t);
    if t.is_empty() {
        return false;
    }
    let rest = split_scheme(url).map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let segments = || path.split('/').filter(|s| !s.is_empty());
    // A slug of many words (`open-source-observatory-osor`) is an article, not a project.
    // One buffer for the letters and digits of each segment and label.
    let mut a = Vec::new();
    let in_path = segments().filter(|s| s.matches(['-', '_']).count() < 3).any(|s| {
        alnum_into(s, &mut a);
        (t.len() >= 3 && contains(&a, &t)) || (a.len() >= 3 && contains(&t, &a)) || a == t
    });
    if in_path {
        return true;
    }
    let in_host = host.split('.').any(|label| {
        alnum_into(label, &mut a);
        a == t || (t.len() >= 3 && contains(&a, &t)) || (a.len() >= 4 && contains(&t, &a))
    }) || (t.len() >= 4 && {
        alnum_into(host, &mut a);
        contains(&a, &t)
    });
    // The site itself, or its documentation: not an article on it.
    in_host && segments().all(|s| in_lower_case(DOCS, s) || s.len() <= 3)
}

/// The letters and digits of `s` in lower case, as UTF-8 in `out` (cleared first).
fn alnum_into(s: &str, out: &mut Vec<u8>) {
    out.clear();
    if s.is_ascii() {
        // ASCII letters and digits are its alphanumeric characters, lowered by ASCII rules.
        out.extend(s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()));
    } else {
        let mut buf = [0; 4];
        for c in s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase) {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// Whether `needle` occurs in `haystack` (both UTF-8, so a match is one of whole characters):
/// by its first byte, as both are short and a string search would be set up for each.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    haystack.len() >= needle.len()
        && memchr::memchr_iter(first, &haystack[..haystack.len() - rest.len()])
            .any(|i| haystack[i + 1..].starts_with(rest))
}

/// `url.split_once("://")`: the first `:` followed by `//`, found by `memchr` (a string search
/// would be set up anew for every link).
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let b = url.as_bytes();
    memchr::memchr_iter(b':', b).find(|&i| b[i + 1..].starts_with(b"//")).map(|i| (&url[..i], &url[i + 3..]))
}

/// Hosts of code and packages: a short text linking there names a project.
fn is_code_host(url: &str) -> bool {
    let rest = split_scheme(url).map_or(url, |(_, r)| r).to_lowercase();
    let (host, path) = rest.split_once('/').unwrap_or((&rest, ""));
    let segs = path.split('/').filter(|s| !s.is_empty()).count();
    match host.strip_prefix("www.").unwrap_or(host) {
        "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org" | "sr.ht" | "git.sr.ht" => segs == 2,
        "docs.rs" => segs >= 1,
        h => {
            h.ends_with(".readthedocs.io")
                || (h.starts_with("pypi.") && path.starts_with("project/"))
                || (h.starts_with("crates.") && path.starts_with("crates/"))
                || (h.starts_with("npm.") && path.starts_with("package/"))
        }
    }
}

/// A profile page: `/people/x`, `/in/x`, `/@x`, `/~x`, a one-segment GitHub or social URL.
fn is_profile_url(url: &str) -> bool {
    let rest = split_scheme(url).map_or(url, |(_, r)| r).to_lowercase();
    let (host, path) = rest.split_once('/').unwrap_or((&rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    let segs = || path.split('/').filter(|s| !s.is_empty());
    segs().any(|s| matches!(s, "people" | "person" | "staff" | "team" | "in" | "users" | "u" | "profile" | "about"))
        || segs().next().is_some_and(|s| s.starts_with('@') || s.starts_with('~'))
        || (is_profile_host(host) && segs().count() == 1)
}

/// Hosts where a one-segment path is somebody's profile.
fn is_profile_host(host: &str) -> bool {
    matches!(
        host,
        "github.com" | "twitter.com" | "x.com" | "gitlab.com" | "linkedin.com" | "mastodon.social" | "fosstodon.org"
    )
}

/// `[FSFE](https://fsfe.org)`: an acronym that is its own `.org` host is an organization.
fn is_org_site(link: &RawLink) -> bool {
    let t = link.text.trim();
    (2..=6).contains(&t.len())
        && t.chars().all(|c| c.is_ascii_uppercase())
        && split_scheme(&link.url).is_some_and(|(_, r)| {
            let host = r.split('/').next().unwrap_or_default().to_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host);
            host == format!("{}.org", t.to_lowercase())
        })
}

fn page(link: &RawLink) -> Link {
    Link { text: link.text.clone(), url: link.url.clone(), line: link.line }
}

/// Affiliations stated in prose, for speakers who have none yet: `Jane Doe is [FSFE](...)'s
/// president`, `Two speakers from Red Hat presented...`.
///
/// Both forms are read by hand ([`possessive_orgs`], [`speakers_from`]); the tests hold the
/// expressions they replace and compare the two.
pub(crate) fn prose_affiliations(block: &Block, speakers: &mut [crate::model::Speaker]) {
    for line in &block.lines {
        // Only speakers without an organization are given one: with none left (or no
        // speakers) nothing can change, and the rest of the block need not be read.
        if speakers.iter().all(|s| !s.orgs.is_empty()) {
            return;
        }
        let org_of = |m: &str| -> Option<Org> {
            let mut chars = m.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if is_mark(c) => {
                    block.link(c).map(|l| Org { name: l.text.clone(), url: Some(l.url.clone()), line: l.line })
                }
                _ => Some(Org { name: m.trim().to_owned(), url: None, line: line.line }),
            }
        };
        // The first form needs an apostrophe-s (most lines have none).
        let possessive = line.text.contains("'s") || line.text.contains("’s");
        if possessive {
            possessive_orgs(&line.text, |name, org| {
                let who = crate::text::person_key(name);
                let Some(org) = org_of(org) else { return };
                for s in speakers.iter_mut().filter(|s| s.orgs.is_empty()) {
                    let key = crate::text::person_key(&s.name);
                    if key == who || key.split(' ').next() == Some(who.as_str()) {
                        s.orgs.push(org.clone());
                    }
                }
            });
        }
        if let Some(org) = speakers_from(&line.text).and_then(org_of) {
            for s in speakers.iter_mut().filter(|s| s.orgs.is_empty()) {
                s.orgs.push(org.clone());
            }
        }
    }
}

/// The (name, organization) pairs of `IS_ORGS` (the tests' reference), in order, read by hand:
/// `(NAME)\s+is\s+(?:the\s+|an?\s+)?(ORG)['’]s\s+\p{Ll}` with `NAME` = `(?:W\s+){0,3}W`,
/// `W` = `\p{Lu}[\p{L}'’.\-]*`, and `ORG` as [`org_at`] reads it.
///
/// Each part can match one way only once its start is fixed (no class of a part holds the
/// character that must follow it, and neither `the` nor `a` can start `ORG`), so each `is`
/// between white space is read outwards: the organization and the apostrophe-s after it, then
/// the name before it, the leftmost start being the one with the most words. No name crosses
/// an earlier `is` (a lower-case word between white space), so the matches come in the order
/// of their `is`; a name is looked for only after the previous match, where the expression
/// goes on searching.
fn possessive_orgs<'a>(text: &'a str, mut found: impl FnMut(&'a str, &'a str)) {
    let name_char = |c: char| matches!(c, '\'' | '’' | '.' | '-') || is_letter(c);
    let mut from = 0;
    for i in memchr::memmem::find_iter(text.as_bytes(), b"is") {
        if i < from {
            continue;
        }
        let gap = from + run_start(&text[from..], i - from, is_space);
        if gap == i {
            continue;
        }
        let Some(t) = after_space(&text[i + 2..]) else { continue };
        let t = ["the", "an", "a"].iter().find_map(|w| after_space(t.strip_prefix(w)?)).unwrap_or(t);
        let Some((org, rest)) = org_at(t) else { continue };
        let Some(rest) = rest.strip_prefix(['\'', '’']).and_then(|r| r.strip_prefix('s')) else { continue };
        let Some(t) = after_space(rest) else { continue };
        let Some(c) = t.chars().next().filter(|&c| is_lower(c)) else { continue };
        let Some(start) = name_start(&text[from..], gap - from, name_char) else { continue };
        found(&text[from + start..gap], org);
        from = text.len() - t.len() + c.len_utf8();
    }
}

/// `([\u{E000}-\u{F8FF}]|\p{Lu}[\w&.\-]*(?:\s+\p{Lu}[\w&.\-]*){0,3})` at the start of `text`: what
/// it matches and the text after it. The greediest reading is the only one that can be followed
/// by anything but white space or a word character.
fn org_at(text: &str) -> Option<(&str, &str)> {
    let first = text.chars().next()?;
    if ('\u{E000}'..='\u{F8FF}').contains(&first) {
        return Some(text.split_at(first.len_utf8()));
    }
    let end = words_end(text, 0, |c| matches!(c, '&' | '.' | '-') || is_word(c))?;
    Some(text.split_at(end))
}

/// The organization of the first match of `FROM` (the tests' reference), read by hand:
/// `(?i:speakers?|presenters?)\s+(?:are\s+|were\s+|both\s+)?(?:from|of|at)\s+(ORG)`, `ORG` as
/// [`org_at`] reads it. Both words hold a `p` (only ASCII letters fold to it), which no start of
/// an earlier candidate follows: the candidates are found by that letter, in order, and each can
/// match one way only (none of the optional words starts like what must follow it).
fn speakers_from(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'p', b'P', b).find_map(|i| {
        // `s`/`S` or `ſ` (C5 BF) before the `p` of `speaker`; `presenter` starts at it. The
        // letter after the `p` tells them apart.
        let speaker = match i.checked_sub(1).map(|j| b[j]) {
            Some(b's' | b'S') => Some(i - 1),
            _ => (i >= 2 && b[i - 2..i] == [0xC5, 0xBF]).then(|| i - 2),
        };
        let end = speaker
            .and_then(|s| folded_prefix(&text[s..], "speaker").map(|n| s + n))
            .or_else(|| folded_prefix(&text[i..], "presenter").map(|n| i + n))?;
        let rest = &text[end..];
        let rest = folded_prefix(rest, "s").map_or(rest, |n| &rest[n..]);
        let t = after_space(rest)?;
        let t = ["are", "were", "both"].iter().find_map(|w| after_space(t.strip_prefix(w)?)).unwrap_or(t);
        let t = ["from", "of", "at"].iter().find_map(|w| after_space(t.strip_prefix(w)?))?;
        org_at(t).map(|(org, _)| org)
    })
}

/// `r` without the white space it starts with, if it starts with some (`\s+` then the rest).
fn after_space(r: &str) -> Option<&str> {
    let t = r.trim_start_matches(is_space);
    (t.len() < r.len()).then_some(t)
}

/// `r` without the white space it ends with, if it ends with some (the rest then `\s+`).
fn before_space(r: &str) -> Option<&str> {
    let t = r.trim_end_matches(is_space);
    (t.len() < r.len()).then_some(t)
}

/// The length of `word` (lower-case ASCII) at the start of `text` as `(?i)` reads it: in any
/// ASCII case, with the Kelvin sign for `k` and `ſ` for `s` (the only letters outside ASCII
/// that fold to an ASCII one; see the tests).
fn folded_prefix(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.chars();
    for w in word.bytes() {
        let same = match chars.next()? {
            '\u{212A}' => w == b'k',
            '\u{17F}' => w == b's',
            c => c.is_ascii() && c.to_ascii_lowercase() as u8 == w,
        };
        if !same {
            return None;
        }
    }
    Some(text.len() - chars.as_str().len())
}

/// A line that is a slides label, `Slides:` with or without its URL.
static SLIDES_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W*slides?\s*:?\W*(https?://\S+)?\s*$").expect("valid regex"));

/// Slides given as a bare URL after a label: `**Slides : **` and the URL on the next line, or
/// `Slides: https://...`.
pub(crate) fn bare_slides(block: &Block) -> Option<Material> {
    static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(https?://\S+)\s*$").expect("valid regex"));
    for (k, line) in block.lines.iter().enumerate() {
        // The label needs the word (most lines lack it): checked before anything else.
        if !may_start_with_slide(&line.text) || line.text.chars().any(is_mark) {
            continue;
        }
        let Some(c) = SLIDES_LABEL.captures(&line.text) else { continue };
        let found = c.get(1).map(|m| (m.as_str().to_owned(), line.line)).or_else(|| {
            let next = block.lines.get(k + 1)?;
            URL.captures(&next.text).map(|u| (u[1].to_owned(), next.line))
        });
        if let Some((url, line)) = found {
            return Some(Material { kind: MaterialKind::Slides, url, line });
        }
    }
    None
}

/// Whether LABEL (`(?i)^\W*slides?...`) may match: its first word character starts `slide`.
/// Leading ASCII bytes other than letters, digits and `_` are `\W`; at the first ASCII word
/// byte `slide` must begin (in any ASCII case: no letter of it but `s` folds to ASCII from
/// outside it); a non-ASCII character first (it may be a word character, or `ſ`) leaves the
/// question to the expression.
fn may_start_with_slide(text: &str) -> bool {
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if !c.is_ascii() {
            return true;
        }
        if c.is_ascii_alphanumeric() || c == b'_' {
            return b.get(i..i + 5).is_some_and(|w| w.eq_ignore_ascii_case(b"slide"));
        }
    }
    false
}

/// `... by ` / `released by ` just before a link.
fn by_before(before: &str) -> bool {
    // The expression needs `by` (ASCII letters whose case folds only to ASCII) and white
    // space only after it: checked first, as this runs for every link.
    let b = before.trim_end_matches('*').trim_end_matches(is_space).as_bytes();
    b.len() >= 2 && b[b.len() - 2..].eq_ignore_ascii_case(b"by") && by_before_by_regex(before)
}

/// [`by_before`] by its expression alone, on any text (the tests compare the two).
fn by_before_by_regex(before: &str) -> bool {
    static BY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(?:^|[\s(])by\s*$").expect("valid regex"));
    BY.is_match(before.trim_end_matches('*'))
}

/// A tool name is short: at most four words, 40 characters, no page-title last word.
fn is_tool_name(text: &str) -> bool {
    // The words counted in one pass, without collecting them; more than four is no name.
    let (mut words, mut capitalized, mut last) = (0usize, 0usize, None);
    for w in text.split_whitespace() {
        words += 1;
        if words > 4 {
            return false;
        }
        capitalized += usize::from(!w.chars().next().is_some_and(char::is_lowercase));
        last = Some(w);
    }
    let last_is_page_word = last.map(|w| in_lower_case(PAGE_WORDS, w.trim_matches(|c: char| !c.is_alphanumeric())));
    words >= 1
        && (words == 1 || capitalized * 2 >= words)
        && text.chars().count() <= 40
        && last_is_page_word == Some(false)
        && !text.contains("://")
}

/// The description written after a tool's link: ` - text`, `: text`, `(text)`, ` is text.`
fn description(block: &Block, after: &str) -> Option<String> {
    static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[-–—:]\s+").expect("valid regex"));
    static IS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+(?:is|are)\s+").expect("valid regex"));
    static SKIP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:this|that|these|those|it|which|see|i\.e\.|e\.g\.|by|via|thanks|and|or|but|also)\b")
            .expect("valid regex")
    });
    let mut parts = Vec::new();
    let mut rest = after;
    if let Some(inner) = rest.trim_start().strip_prefix('(') {
        let close = matching_paren(inner)?;
        let p = inner[..close].trim();
        if !SKIP.is_match(p) && !p.is_empty() {
            parts.push(p.to_owned());
        }
        rest = &inner[close + 1..];
    }
    if let Some(m) = DASH.find(rest) {
        parts.push(cut_generic_tail(block, &rest[m.end()..]).to_owned());
    } else if let Some(m) = IS.find(rest) {
        let s = &rest[m.end()..];
        let end = s.find(". ").map_or(s.len(), |i| i + 1);
        parts.push(s[..end].to_owned());
    }
    let text =
        parts.iter().map(|p| super::blocks::collapse(block.render(p))).filter(|p| !p.is_empty()).collect::<Vec<_>>();
    let joined = text.join("; ");
    let joined = joined.trim().trim_end_matches(['.', ',', ';', ':', ' ']).trim();
    (!joined.is_empty()).then(|| joined.to_owned())
}

/// `desc - [github repo](...)` → `desc`: a trailing separator followed only by generic links.
fn cut_generic_tail<'a>(block: &Block, s: &'a str) -> &'a str {
    static SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+[-–—|·]\s+").expect("valid regex"));
    for m in SEP.find_iter(s) {
        let tail = &s[m.end()..];
        let only_generic = tail
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '.' | ';' | '(' | ')'))
            .all(|c| block.link(c).is_some_and(|l| is_generic(&l.text)));
        if only_generic && tail.chars().any(is_mark) {
            return &s[..m.start()];
        }
    }
    s
}

fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `Ellen Ullman's book *Close to the Machine*`, `the book *T* by Name`.
fn books(text: &str, line: u32, out: &mut Vec<Mention>) {
    // Both forms need the word followed by an emphasized title: most lines are skipped
    // without looking further.
    if may_name_book(text) {
        possessive_books(text, line, out);
        by_books(text, line, out);
    }
}

/// A book's title or author as found: placeholders dropped, trimmed.
fn clean_book_part(s: &str) -> String {
    s.chars().filter(|c| !is_mark(*c)).collect::<String>().trim().to_owned()
}

fn push_book(title: &str, author: &str, line: u32, out: &mut Vec<Mention>) {
    let author = clean_book_part(author);
    out.push(Mention::Book(Book {
        title: clean_book_part(title),
        author: name_shaped(&author, 1).then_some(author),
        line,
    }));
}

/// The books of the first expression of `books_by_expressions` (the tests' reference), in
/// order: `((?:W\s+){0,3}W)['’]s?\s+(?:new\s+|latest\s+|great\s+|excellent\s+|famous\s+)?book,?\s+\*([^*]+)\*`
/// with `W` = `\p{Lu}[\p{L}\p{M}.\-]*`, read by hand. Running the expression cost more than
/// anything else in mining: its search backwards from `book` over the Unicode classes
/// builds new states of the lazy DFA for line after line.
///
/// Once a start is fixed the expression can match one way only (no class of a part holds the
/// character that must follow it), so each `book` is read outwards: the title after it, the
/// apostrophe before it, then as many words back as the expression takes, the leftmost start
/// being the one with the most words. A match of an earlier `book` starts before any match
/// of a later one (the part before `book` holds no `*`), and no part before `book` crosses a
/// `*`, so a start is never inside the previous match.
fn possessive_books(text: &str, line: u32, out: &mut Vec<Mention>) {
    const ADJECTIVES: [&str; 5] = ["new", "latest", "great", "excellent", "famous"];
    let mut from = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"book") {
        if at < from {
            continue;
        }
        let Some((title, end)) = emphasized_after(text, at + 4, true) else { continue };
        // `['’]s?\s+(?:ADJ\s+)?` just before the word: either the adjective (and white space)
        // or the apostrophe ends what stands before the white space, never both.
        let Some(t) = before_space(&text[..at]) else { continue };
        let t = ADJECTIVES.iter().find_map(|adj| before_space(t.strip_suffix(adj)?)).unwrap_or(t);
        let t = t.strip_suffix('s').filter(|u| u.ends_with(['\'', '’'])).unwrap_or(t);
        let Some(q) = t.strip_suffix(['\'', '’']).map(str::len) else { continue };
        let name_char = |c: char| c == '.' || c == '-' || is_letter_or_mark(c);
        let Some(start) = name_start(text, q, name_char) else { continue };
        push_book(title, &text[start..q], line, out);
        from = end;
    }
}

/// Where the leftmost `(?:W\s+){0,3}W` ending at byte `end` of `text` starts, if one does.
/// `W` = `\p{Lu}` then characters for which `name_char` holds.
fn name_start(text: &str, end: usize, name_char: impl Fn(char) -> bool + Copy) -> Option<usize> {
    let mut run = (run_start(text, end, name_char), end);
    if run.0 == run.1 {
        return None;
    }
    // A word before the current run is taken when the run is a whole word (a capital first)
    // behind white space, and the run before that holds a capital to start from.
    for _ in 0..3 {
        if !text[run.0..].chars().next().is_some_and(is_upper) {
            break;
        }
        let gap = run_start(text, run.0, is_space);
        let prev = run_start(text, gap, name_char);
        if gap == run.0 || prev == gap || !text[prev..gap].chars().any(is_upper) {
            break;
        }
        run = (prev, gap);
    }
    text[run.0..run.1].char_indices().find(|(_, c)| is_upper(*c)).map(|(i, _)| run.0 + i)
}

/// `\s+\*([^*]+)\*` at byte `at` of `text` (after an optional comma if `comma`): the title
/// and where the closing `*` ends.
fn emphasized_after(text: &str, at: usize, comma: bool) -> Option<(&str, usize)> {
    let rest = &text[at..];
    let rest = if comma { rest.strip_prefix(',').unwrap_or(rest) } else { rest };
    let inner = after_space(rest)?.strip_prefix('*')?;
    let close = inner.find('*').filter(|&i| i > 0)?;
    Some((&inner[..close], text.len() - inner.len() + close + 1))
}

/// The books of `BY`, in order (compared with the expression in the tests):
/// `(?i:the\s+book)\s+\*([^*]+)\*,?\s+by\s+(V(?:\s+V){0,3})` with `V` =
/// `\p{Lu}[\p{L}\p{M}.\-']*`, read by hand from each `book` (any case, the Kelvin sign for
/// `k`): a start is `the` and white space before it, one per `book`, and the greediest name
/// is the expression's (nothing follows it).
fn by_books(text: &str, line: u32, out: &mut Vec<Mention>) {
    let b = text.as_bytes();
    let mut from = 0;
    for at in memchr::memchr2_iter(b'b', b'B', b) {
        if !b.get(at + 1..at + 3).is_some_and(|o| o.eq_ignore_ascii_case(b"oo")) {
            continue;
        }
        let Some(after) = text[at + 3..].strip_prefix(['k', 'K', '\u{212A}']).map(|r| text.len() - r.len()) else {
            continue;
        };
        let gap = run_start(text, at, is_space);
        if gap == at || gap < from + 3 || !b[gap - 3..gap].eq_ignore_ascii_case(b"the") {
            continue;
        }
        let Some((title, close)) = emphasized_after(text, after, false) else { continue };
        let rest = &text[close..];
        let rest = rest.strip_prefix(',').unwrap_or(rest);
        let Some(t) = after_space(rest).and_then(|t| t.strip_prefix("by")).and_then(after_space) else { continue };
        let start = text.len() - t.len();
        let name_char = |c: char| matches!(c, '.' | '-' | '\'') || is_letter_or_mark(c);
        let Some(end) = words_end(text, start, name_char) else { continue };
        push_book(title, &text[start..end], line, out);
        from = end;
    }
}

/// Where the greediest `W(?:\s+W){0,3}` at byte `start` of `text` ends, if there is one, `W`
/// being `\p{Lu}` then characters for which `word_char` holds.
fn words_end(text: &str, start: usize, word_char: impl Fn(char) -> bool + Copy) -> Option<usize> {
    let word_end = |i: usize| {
        let mut chars = text[i..].chars();
        chars.next().filter(|&c| is_upper(c))?;
        Some(text.len() - chars.as_str().trim_start_matches(word_char).len())
    };
    let mut end = word_end(start)?;
    for _ in 0..3 {
        let Some(e) = after_space(&text[end..]).and_then(|t| word_end(text.len() - t.len())) else { break };
        end = e;
    }
    Some(end)
}

/// Where the run of characters for which `f` holds that ends at byte `end` of `text` starts.
fn run_start(text: &str, end: usize, f: impl Fn(char) -> bool) -> usize {
    text[..end].trim_end_matches(f).len()
}

/// Functions telling whether a character is in a one-class expression's class as the regex
/// crate reads it (its tables, not the standard library's, which may be of another Unicode
/// version): by the given test for ASCII, by the expression (compiled once) otherwise.
macro_rules! regex_classes {
    ($($(#[$doc:meta])* $name:ident = $pattern:literal, ascii $c:ident => $ascii:expr;)*) => {$(
        $(#[$doc])*
        fn $name($c: char) -> bool {
            static CLASS: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(concat!("^", $pattern, "$")).expect("valid regex"));
            if $c.is_ascii() { $ascii } else { CLASS.is_match($c.encode_utf8(&mut [0; 4])) }
        }
    )*};
}

regex_classes! {
    /// `\p{Lu}` as the regex crate reads it.
    is_upper = r"\p{Lu}", ascii c => c.is_ascii_uppercase();
    /// `[\p{L}\p{M}]` as the regex crate reads it.
    is_letter_or_mark = r"[\p{L}\p{M}]", ascii c => c.is_ascii_alphabetic();
    /// `\p{L}` as the regex crate reads it.
    is_letter = r"\p{L}", ascii c => c.is_ascii_alphabetic();
    /// `\p{Ll}` as the regex crate reads it.
    is_lower = r"\p{Ll}", ascii c => c.is_ascii_lowercase();
    /// `\w` as the regex crate reads it.
    is_word = r"\w", ascii c => c.is_ascii_alphanumeric() || c == '_';
    /// `\s` as the regex crate reads it.
    is_space = r"\s", ascii c => matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ');
}

/// Whether `text` may hold what both expressions of [`books`] need: `book` (as `(?i)` reads
/// it), an optional comma, white space, then `*`. A letter that folds to an ASCII one (the
/// Kelvin sign) leaves the question to the expressions.
fn may_name_book(text: &str) -> bool {
    let b = text.as_bytes();
    // The Kelvin sign is E2 84 AA in UTF-8.
    memchr::memchr_iter(0xE2, b).any(|i| b[i + 1..].starts_with(&[0x84, 0xAA]))
        || memchr::memchr2_iter(b'k', b'K', b).any(|i| {
            i >= 3
                && b[i - 3..i].eq_ignore_ascii_case(b"boo")
                && text.get(i + 1..).is_some_and(|after| {
                    let after = after.strip_prefix(',').unwrap_or(after);
                    let title = after.trim_start();
                    title.len() < after.len() && title.starts_with('*')
                })
        })
}

/// The article title of a Wikipedia URL (`Robert_Owen` → `Robert Owen`).
pub(crate) fn wikipedia_title(url: &str) -> Option<String> {
    let rest = split_scheme(url)?.1;
    let (host, path) = rest.split_once('/')?;
    // `wikipedia.org` or a subdomain of it, in any ASCII case.
    let h = host.as_bytes();
    let site = b".wikipedia.org";
    if !(h.eq_ignore_ascii_case(&site[1..])
        || h.len() >= site.len() && h[h.len() - site.len()..].eq_ignore_ascii_case(site))
    {
        return None;
    }
    let title = path.strip_prefix("wiki/")?.split(['#', '?']).next()?;
    let decoded = percent_decode(title).replace('_', " ");
    let t = decoded.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Does a Wikipedia article title name a person? Two to five capitalized words (particles
/// such as `van`, `de`, `y` allowed), no possessive, no concept noun; a qualifier in
/// parentheses must not name a field (`(computer science)`).
pub(crate) fn is_person_title(title: &str) -> bool {
    const PARTICLES: &[&str] =
        &["van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "y", "du", "bin", "al"];
    const CONCEPT: &[&str] = &[
        "framework",
        "regulation",
        "protection",
        "data",
        "law",
        "effect",
        "principle",
        "model",
        "language",
        "protocol",
        "system",
        "theory",
        "computing",
        "programming",
        "engineering",
        "science",
        "format",
        "algorithm",
        "foundation",
        "project",
        "software",
        "description",
        "resource",
        "machine",
        "society",
        "university",
        "company",
        "corporation",
        "institute",
        "association",
        "conference",
        "test",
        "problem",
        "paradox",
        "syndrome",
        "architecture",
        "network",
        "web",
        "internet",
    ];
    const FIELDS: &[&str] = &[
        "computer science",
        "psychology",
        "programming",
        "software",
        "mathematics",
        "physics",
        "economics",
        "philosophy",
        "band",
        "film",
        "album",
        "company",
        "programming language",
        "software engineering",
    ];
    let (name, qualifier) = match title.split_once(" (") {
        Some((n, q)) => (n.trim(), Some(q.trim_end_matches(')').trim().to_lowercase())),
        None => (title.trim(), None),
    };
    if qualifier.as_deref().is_some_and(|q| FIELDS.contains(&q)) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && !name.contains(['\'', '’', ',', ':', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&w.to_lowercase().as_str()))
        && !words.iter().any(|w| CONCEPT.contains(&w.to_lowercase().trim_end_matches('s')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikipedia_people_and_concepts() {
        for p in
            ["Robert Owen", "Edsger W. Dijkstra", "Margaret Hamilton (software engineer)", "Santiago Ramón y Cajal"]
        {
            assert!(is_person_title(p), "{p}");
        }
        for c in [
            "Conway's law",
            "Garbage collection (computer science)",
            "Flow (psychology)",
            "WebAssembly",
            "Resource Description Framework",
            "General Data Protection Regulation",
            "Dunning–Kruger effect",
        ] {
            assert!(!is_person_title(c), "{c}");
        }
        assert_eq!(wikipedia_title("https://en.wikipedia.org/wiki/Robert_Owen").as_deref(), Some("Robert Owen"));
        assert_eq!(
            wikipedia_title("https://es.wikipedia.org/wiki/Santiago_Ram%C3%B3n_y_Cajal").as_deref(),
            Some("Santiago Ramón y Cajal")
        );
        assert_eq!(wikipedia_title("https://example.org/wiki/X"), None);
    }

    /// The first implementations of the functions given an ASCII fast path.
    fn is_generic_lowering(text: &str) -> bool {
        let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        t.is_empty() || GENERIC.contains(&t.as_str())
    }

    fn is_web_lowering(url: &str) -> bool {
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > lower.find("//").unwrap_or(0) + 2
    }

    /// [`names_url`] and [`is_profile_url`] as they were, collecting and allocating.
    fn names_url_allocating(text: &str, url: &str) -> bool {
        let alnum =
            |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
        let t = alnum(text);
        if t.is_empty() {
            return false;
        }
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.to_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let in_path = segments.iter().filter(|s| s.matches(['-', '_']).count() < 3).any(|s| {
            let a = alnum(s);
            (t.len() >= 3 && a.contains(&t)) || (a.len() >= 3 && t.contains(&a)) || a == t
        });
        if in_path {
            return true;
        }
        let in_host = host.split('.').any(|label| {
            let a = alnum(label);
            a == t || (t.len() >= 3 && a.contains(&t)) || (a.len() >= 4 && t.contains(&a))
        }) || (t.len() >= 4 && alnum(host).contains(&t));
        in_host && segments.iter().all(|s| DOCS.contains(&s.to_lowercase().as_str()) || s.len() <= 3)
    }

    fn is_profile_url_collecting(url: &str) -> bool {
        let rest = url.split_once("://").map_or(url, |(_, r)| r).to_lowercase();
        let (host, path) = rest.split_once('/').unwrap_or((&rest, ""));
        let host = host.strip_prefix("www.").unwrap_or(host);
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        segs.iter()
            .any(|s| matches!(*s, "people" | "person" | "staff" | "team" | "in" | "users" | "u" | "profile" | "about"))
            || segs.first().is_some_and(|s| s.starts_with('@') || s.starts_with('~'))
            || (is_profile_host(host) && segs.len() == 1)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Link texts and URLs built from hosts, segments and names that overlap.
        #[test]
        fn url_checks_agree_with_allocating(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "Ray", "ray", "pdb++", "PDBPP", "AWS ", "CodeDeploy", "Linux", "Fr", "Ünï", "ß", "İ", "\u{212A}", " ", "-",
                "docs", "x", "9", "ab", "abcd", "é",
            ]), 0..4),
            url in proptest::collection::vec(proptest::sample::select(vec![
                "https://", "HTTP://", "www.", "WWW.", "docs.", "ray", ".io", "github.com", "GitHub.com", "/", "//",
                "pdbpp", "codedeploy", "CodeDeploy", "en", "latest", "Docs", "index.html", "a-b-c-d", "a_b", "?q=1",
                "#x", "people", "@ada", "~bo", "linuxfr.org", "news", "ünï", "İ", "ss", "ab", "abcd", ":", "x.com",
            ]), 0..8),
        ) {
            let (text, url) = (text.concat(), url.concat());
            proptest::prop_assert_eq!(names_url(&text, &url), names_url_allocating(&text, &url), "{:?} {:?}", text, url);
            proptest::prop_assert_eq!(is_profile_url(&url), is_profile_url_collecting(&url), "{:?}", url);
        }
    }

    fn is_tool_name_lowering(text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        let last = words.last().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
        let capitalized = words.iter().filter(|w| !w.chars().next().is_some_and(char::is_lowercase)).count();
        (1..=4).contains(&words.len())
            && (words.len() == 1 || capitalized * 2 >= words.len())
            && text.chars().count() <= 40
            && last.is_some_and(|l| !PAGE_WORDS.contains(&l.as_str()))
            && !text.contains("://")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// Generic words, page words, URLs' schemes in any case (with the Kelvin sign and
        /// letters whose lower case is longer), punctuation and spaces.
        #[test]
        fn ascii_paths_agree_with_lowering(parts in proptest::collection::vec(proptest::sample::select(vec![
            "GitHub", " repo", "Slides", "here", "Click Here", "Page", "BLOG", "po\u{212A}", "\u{130}", "Docs", "x",
            "Polars", " ", "  ", "(", ")", ".", "-", "https://", "HTTP://", "http:/", "https:", "//", "é", "a.example",
            "\u{E000}", "\u{FFFC}", "Slide", "slides:", "*", "_", "9", "by", "BY", "bY ", "(", "\u{A0}", "\t", "\u{2003}",
            " on GitHub", " on a.example", " demo", " Demo Site", " project", " repo on ", "ſite", "a b c d e", ":", "/",
            "EE", "\u{212A}",
        ]), 0..8)) {
            let text = parts.concat();
            proptest::prop_assert_eq!(is_generic(&text), is_generic_lowering(&text), "{:?}", text);
            proptest::prop_assert_eq!(is_web(&text), is_web_lowering(&text), "{:?}", text);
            proptest::prop_assert_eq!(is_tool_name(&text), is_tool_name_lowering(&text), "{:?}", text);
            proptest::prop_assert_eq!(strip_qualifier(&text), strip_qualifier_by_regex(&text), "{:?}", text);
            proptest::prop_assert_eq!(by_before(&text), by_before_by_regex(&text), "{:?}", text);
            proptest::prop_assert_eq!(split_scheme(&text), text.split_once("://"), "{:?}", text);
            proptest::prop_assert!(!SLIDES_LABEL.is_match(&text) || may_start_with_slide(&text), "{:?}", text);
        }
    }

    /// The first implementation of [`books`]: both expressions on every line with the word.
    fn books_by_regexes(text: &str, line: u32, out: &mut Vec<Mention>) {
        if text.to_lowercase().contains("book") || text.contains('\u{212A}') {
            books_by_expressions(text, line, out);
        }
    }

    /// The two expressions [`possessive_books`] and [`by_books`] read by hand.
    fn books_by_expressions(text: &str, line: u32, out: &mut Vec<Mention>) {
        static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"((?:\p{Lu}[\p{L}\p{M}.\-]*\s+){0,3}\p{Lu}[\p{L}\p{M}.\-]*)['’]s?\s+(?:new\s+|latest\s+|great\s+|excellent\s+|famous\s+)?book,?\s+\*([^*]+)\*")
                .expect("valid regex")
        });
        static BY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i:the\s+book)\s+\*([^*]+)\*,?\s+by\s+(\p{Lu}[\p{L}\p{M}.\-']*(?:\s+\p{Lu}[\p{L}\p{M}.\-']*){0,3})",
            )
            .expect("valid regex")
        });
        for c in POSSESSIVE.captures_iter(text) {
            push_book(&c[2], &c[1], line, out);
        }
        for c in BY.captures_iter(text) {
            push_book(&c[1], &c[2], line, out);
        }
    }

    #[test]
    fn ascii_classes_are_the_expressions() {
        let (upper, letter, space) = (
            Regex::new(r"^\p{Lu}$").expect("valid regex"),
            Regex::new(r"^[\p{L}\p{M}]$").expect("valid regex"),
            Regex::new(r"^\s$").expect("valid regex"),
        );
        let (just_letter, lower, word) = (
            Regex::new(r"^\p{L}$").expect("valid regex"),
            Regex::new(r"^\p{Ll}$").expect("valid regex"),
            Regex::new(r"^\w$").expect("valid regex"),
        );
        for c in (0..=0x7Fu8).map(char::from).chain([
            'É', 'é', '\u{301}', 'ǅ', 'Ⓐ', '\u{A0}', '\u{85}', '\u{2003}', '\u{E000}', '٣', '‿', '\u{200D}', 'ª',
        ]) {
            let s = c.to_string();
            assert_eq!(is_upper(c), upper.is_match(&s), "{c:?}");
            assert_eq!(is_letter_or_mark(c), letter.is_match(&s), "{c:?}");
            assert_eq!(is_space(c), space.is_match(&s), "{c:?}");
            assert_eq!(is_letter(c), just_letter.is_match(&s), "{c:?}");
            assert_eq!(is_lower(c), lower.is_match(&s), "{c:?}");
            assert_eq!(is_word(c), word.is_match(&s), "{c:?}");
        }
    }

    #[test]
    fn books_by_hand_are_the_expressions_books() {
        for text in [
            "Ellen Ullman's book *Close to the Machine*.",
            "the book *T*, by Ada Lovelace and the book *U* by Bo",
            "They recommended the book *The Mythical Man-Month* by Fred Brooks.",
            "A B C D E's new book *T* and F’ famous book, *U*",
            "xMcDonald's book *T*",
            "The Great Ada Byron Lovelace's book *X*",
            "the book *the book* by Ann the book *V* by O'Brien Jr. Smith-Jones X Y",
            "Ada's book *T*Bo's book *U*",
            "ada's book *T* É\u{301}lodie Ñ's book *U* ǅemal's book *V*",
        ] {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            books(text, 1, &mut fast);
            books_by_regexes(text, 1, &mut slow);
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{text:?}");
            assert!(!slow.is_empty(), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// Books named both ways, the word in any case (with the Kelvin sign), commas, odd
        /// white space, stars and placeholders: the check before the expressions skips no book.
        #[test]
        fn book_check_skips_no_book(parts in proptest::collection::vec(proptest::sample::select(vec![
            "book", "Book", "BOOK", "boo\u{212A}", "bo", "ok", "k", "'s", "’s", "'", " ", "  ", "\u{A0}", "\u{2003}", "\t",
            "\n", ",", ", ", "*", "*Close to the Machine*", "Ellen Ullman", "the", "The", "the book", " by ", "Ada",
            "new ", "famous ", "\u{E000}", "é", "ſ", "x", "Ellen Ullman's book *Close to the Machine*",
            "the book *T*, by Ada Lovelace", " book, *T*", "Ada’s book\u{A0}*T*", "The BOOK\t*T* by Ada",
            "by", "by ", " by", "Ó", "ó", "\u{301}", "ǅ", "Ⓐ", "\u{85}", "\u{E001}", ".", "-", "'", "s", "S", "X",
            "Mc", "Ann", "new", "famous", "renew", "great ", "excellent\u{A0}", "the", "THE ", "tHe\t", "Bo", "9",
            "Ada's", "O'Brien", "A B C D ", "'s book *T*", "’ latest book\u{2003}*T*", " by Ó'Neil Ünal X", "*",
        ]), 0..16)) {
            let text = parts.concat();
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            books(&text, 1, &mut fast);
            books_by_regexes(&text, 1, &mut slow);
            proptest::prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{:?}", text);
        }
    }

    /// The expressions that [`possessive_orgs`] and [`speakers_from`] read by hand.
    static IS_ORGS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:\p{Lu}[\p{L}'’.\-]*\s+){0,3}\p{Lu}[\p{L}'’.\-]*)\s+is\s+(?:the\s+|an?\s+)?([\u{E000}-\u{F8FF}]|\p{Lu}[\w&.\-]*(?:\s+\p{Lu}[\w&.\-]*){0,3})['’]s\s+\p{Ll}")
            .expect("valid regex")
    });
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i:speakers?|presenters?)\s+(?:are\s+|were\s+|both\s+)?(?:from|of|at)\s+([\u{E000}-\u{F8FF}]|\p{Lu}[\w&.\-]*(?:\s+\p{Lu}[\w&.\-]*){0,3})")
            .expect("valid regex")
    });

    /// The (name, organization) pairs of one line and the organization its speakers are from.
    type Affiliations<'a> = (Vec<(&'a str, &'a str)>, Option<&'a str>);

    /// What the expressions find and what the hand reading finds, for one line.
    fn affiliations_both_ways(text: &str) -> [Affiliations<'_>; 2] {
        let by_regex = IS_ORGS
            .captures_iter(text)
            .map(|c| (c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str())));
        let mut by_hand = Vec::new();
        possessive_orgs(text, |name, org| by_hand.push((name, org)));
        [
            (by_regex.collect(), FROM.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str())),
            (by_hand, speakers_from(text)),
        ]
    }

    #[test]
    fn affiliations_by_hand_are_the_expressions() {
        for text in [
            "Jane Doe is \u{E000}'s president",
            "Jane Doe is the Free Software Foundation’s president, and Bo is an Acme's cto",
            "xMary Ann Lee Smith Jones is Acme Corp Labs Inc's head",
            "A is B's cB is C's d, O'Brien is a Red Hat's engineer",
            "Two speakers from Red Hat presented; the presenters are both of \u{E001}",
            "The ſpeakers were at ACME-Labs & Co. X",
            "PRESENTER of Ünïcode GmbH",
            "The Speaker\u{A0}is from nowhere, speakers at Acme",
        ] {
            let [slow, fast] = affiliations_both_ways(text);
            assert_eq!(fast, slow, "{text:?}");
            assert!(!slow.0.is_empty() || slow.1.is_some(), "{text:?}");
        }
    }

    #[test]
    fn only_k_and_s_fold_from_outside_ascii() {
        // `folded_prefix` knows the Kelvin sign and the long s; no other character outside
        // ASCII folds to a letter of the words it reads.
        for w in "speakrnt".chars() {
            let re = Regex::new(&format!("(?i)^{w}$")).expect("valid regex");
            let others: Vec<char> =
                ('\u{80}'..=char::MAX).filter(|c| re.is_match(c.encode_utf8(&mut [0; 4]))).collect();
            let want: &[char] = match w {
                'k' => &['\u{212A}'],
                's' => &['\u{17F}'],
                _ => &[],
            };
            assert_eq!(others, want, "{w}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// Names, `is`, articles, organizations (placeholders, several words, `&`, `.`, `-`),
        /// apostrophes, the keywords in any case (with the Kelvin sign and the long s), the
        /// optional words and odd white space: the hand reading finds what the expressions find.
        #[test]
        fn affiliations_by_hand_agree(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Jane", " Doe", "Doe", " is ", "is", " is", "is ", "This", " the ", "the", " a ", "a", " an ", "an", "Acme",
            " Corp", "'s", "’s", "'", "’", "s", " president", "president", "\u{E000}", "\u{E001}", "\u{F8FF}", "O'Brien",
            "É", "é", "ǅ", "\u{301}", "\u{A0}", "\u{2003}", "\t", "\n", " ", "  ", "Red Hat", "Speakers", "speaker",
            "ſpeaker", "spea\u{212A}er", "PRESENTERS", "presenter", "p", "P", "S", " are ", " were ", " both ", "both",
            " from ", " of ", " at ", "at", "&", ".", "-", "_", "x", "X", "9", ",", "Ünï", "ß", "Ⓐ", "ı", "İ", "ǈ", "Ω",
        ]), 0..14)) {
            let text = parts.concat();
            let [slow, fast] = affiliations_both_ways(&text);
            proptest::prop_assert_eq!(fast, slow, "{:?}", text);
        }
    }

    #[test]
    fn generic_texts() {
        assert!(is_generic("github repo"));
        assert!(is_generic(" Slides "));
        assert!(!is_generic("vLLM"));
        assert!(is_tool_name("AWS CodeDeploy"));
        assert!(!is_tool_name("Hauki Tech GitHub page"));
        assert!(!is_tool_name("manifesto italiano per l'uguaglianza delle ragazze e delle donne nella tecnologia"));
    }
}
