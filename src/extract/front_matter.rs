//! Front matter: TOML between `+++` lines (Hugo), YAML between `---` lines (Jekyll, Hugo,
//! Obsidian), or Pelican-style `Key: value` lines at the very top.
//!
//! A block that cannot be parsed is a warning with its line; the body is read all the same.

use std::sync::LazyLock;

use regex::Regex;
use yaml_rust2::{Yaml, YamlLoader};

use crate::error::Diagnostic;
use crate::model::NoteDate;

/// The fields talkgraph reads from front matter; everything else is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`
    pub title: Option<String>,
    /// `date`
    pub date: Option<NoteDate>,
    /// `tags` (or `keywords`)
    pub tags: Vec<String>,
    /// `author`, `authors` or `by`
    pub authors: Vec<String>,
    /// `event` or `conference`
    pub event: Option<String>,
    /// `lang`, `language` or `locale`, as a BCP 47 tag
    pub language: Option<String>,
}

/// Front matter split off a note.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// The fields read.
    pub meta: FrontMatter,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// Problems found (always warnings).
    pub diagnostics: Vec<Diagnostic>,
}

/// Splits the front matter off `text` (which must not start with a BOM).
pub fn split(path: &str, text: &str) -> Split {
    let mut out = Split::default();
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    let (fence, is_toml) = match first {
        "---" => ("---", false),
        "+++" => ("+++", true),
        _ => {
            pelican(text, &mut out);
            return out;
        }
    };
    // Find the closing fence line.
    let mut pos = first_end;
    let mut line_no = 2u32;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == fence || (!is_toml && line == "...") {
            let src = &text[first_end..pos];
            out.body_start = end;
            if is_toml {
                toml_fields(path, src, &mut out);
            } else {
                yaml_fields(path, src, &mut out);
            }
            return out;
        }
        pos = end;
        line_no += 1;
    }
    out.diagnostics.push(Diagnostic::warning(
        path,
        1,
        format!(
            "front matter opened with `{fence}` never closes (no `{fence}` line before line {}); \
             reading the whole file as Markdown",
            line_no.saturating_sub(1).max(1)
        ),
    ));
    out
}

fn toml_fields(path: &str, src: &str, out: &mut Split) {
    let table: toml::Table = match toml::from_str(src) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map_or(0, |s| line_of(src, s.start)) + 2;
            out.diagnostics.push(Diagnostic::warning(
                path,
                line,
                format!("invalid TOML front matter: {}; its fields are ignored", e.message().trim()),
            ));
            return;
        }
    };
    let text = |v: &toml::Value| -> Option<String> {
        match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            toml::Value::Integer(i) => Some(i.to_string()),
            toml::Value::Float(f) => Some(f.to_string()),
            toml::Value::Boolean(b) => Some(b.to_string()),
            _ => None,
        }
    };
    let list = |v: &toml::Value| -> Vec<String> {
        match v {
            toml::Value::Array(a) => a.iter().filter_map(text).collect(),
            other => text(other).map(|s| split_list(&s)).unwrap_or_default(),
        }
    };
    let meta = &mut out.meta;
    meta.title = table.get("title").and_then(text).and_then(non_empty);
    if let Some(d) = table.get("date").and_then(text) {
        meta.date = parse_date(&d);
        if meta.date.is_none() {
            out.diagnostics.push(Diagnostic::warning(
                path,
                0,
                format!("front matter date {d:?} is not a date; ignored"),
            ));
        }
    }
    meta.tags = ["tags", "keywords"].iter().filter_map(|k| table.get(*k)).flat_map(list).collect();
    meta.authors = ["author", "authors", "by"].iter().filter_map(|k| table.get(*k)).flat_map(list).collect();
    meta.event = ["event", "conference"].iter().find_map(|k| table.get(*k).and_then(text)).and_then(non_empty);
    meta.language =
        ["lang", "language", "locale"].iter().find_map(|k| table.get(*k).and_then(text)).and_then(language_tag);
}

fn yaml_fields(path: &str, src: &str, out: &mut Split) {
    let docs = match simple_yaml(src).map_or_else(|| YamlLoader::load_from_str(src), |doc| Ok(vec![doc])) {
        Ok(d) => d,
        Err(e) => {
            let m = e.marker();
            out.diagnostics.push(Diagnostic {
                column: u32::try_from(m.col() + 1).unwrap_or(0),
                ..Diagnostic::warning(
                    path,
                    u32::try_from(m.line()).unwrap_or(0) + 1,
                    format!("invalid YAML front matter: {}; its fields are ignored", e.info()),
                )
            });
            return;
        }
    };
    let Some(doc) = docs.into_iter().next() else { return };
    if !matches!(doc, Yaml::Hash(_)) {
        if !matches!(doc, Yaml::Null | Yaml::BadValue) {
            out.diagnostics.push(Diagnostic::warning(
                path,
                2,
                "YAML front matter is not a mapping of keys to values; ignored",
            ));
        }
        return;
    }
    fn text(v: &Yaml) -> Option<String> {
        match v {
            Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Boolean(b) => Some(b.to_string()),
            _ => None,
        }
    }
    fn list(v: &Yaml) -> Vec<String> {
        match v {
            Yaml::Array(a) => a.iter().filter_map(text).collect(),
            other => text(other).map(|s| split_list(&s)).unwrap_or_default(),
        }
    }
    let get = |k: &str| Some(&doc[k]).filter(|v| !v.is_badvalue() && !v.is_null());
    let meta = &mut out.meta;
    meta.title = get("title").and_then(text).and_then(non_empty);
    if let Some(d) = get("date").and_then(text) {
        meta.date = parse_date(&d);
        if meta.date.is_none() {
            out.diagnostics.push(Diagnostic::warning(
                path,
                0,
                format!("front matter date {d:?} is not a date; ignored"),
            ));
        }
    }
    meta.tags = ["tags", "keywords"].iter().filter_map(|k| get(k)).flat_map(list).collect();
    meta.authors = ["author", "authors", "by"].iter().filter_map(|k| get(k)).flat_map(list).collect();
    meta.event = ["event", "conference"].iter().find_map(|k| get(k).and_then(text)).and_then(non_empty);
    meta.language = ["lang", "language", "locale"].iter().find_map(|k| get(k).and_then(text)).and_then(language_tag);
}

/// Front matter in the plainest YAML, read without the YAML parser: `key: value` lines (the
/// key ASCII letters, digits, `_` and `-`, starting with a letter), and `key:` lines followed
/// by `- value` lines (the same indentation for all of them), the values on one line each:
/// double-quoted without `\\` or `"`, single-quoted without `'`, or plain and starting with a
/// letter or digit, holding no `#` and no `:` before a space or the end. Blank lines are
/// skipped. `None` for anything else (tabs, `\r`, control characters, comments, flow
/// collections, anchors, tags, block scalars, a key twice, nothing but blank lines), which
/// [`YamlLoader`] then reads; where this answers, it is what [`YamlLoader`] gives as the one
/// document of `src` (plain values resolved by [`Yaml::from_str`], as the loader does).
fn simple_yaml(src: &str) -> Option<Yaml> {
    let mut hash = yaml_rust2::yaml::Hash::new();
    // The key whose value is a sequence being read, its items, and their indentation.
    let mut open: Option<(Yaml, Vec<Yaml>, Option<usize>)> = None;
    for line in src.split('\n') {
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(item) = rest.strip_prefix("- ") {
            let (_, items, at) = open.as_mut()?;
            if *at.get_or_insert(indent) != indent {
                return None;
            }
            items.push(simple_yaml_scalar(item.trim_start_matches(' '))?);
            continue;
        }
        if indent > 0 {
            return None;
        }
        close_sequence(&mut hash, open.take())?;
        let colon = rest.find(':')?;
        let key = &rest[..colon];
        if !key.starts_with(|c: char| c.is_ascii_alphabetic())
            || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return None;
        }
        let key = Yaml::from_str(key);
        let value = &rest[colon + 1..];
        if value.bytes().all(|b| b == b' ') {
            open = Some((key, Vec::new(), None));
            continue;
        }
        let value = simple_yaml_scalar(value.strip_prefix(' ')?.trim_start_matches(' '))?;
        if hash.insert(key, value).is_some() {
            return None;
        }
    }
    close_sequence(&mut hash, open.take())?;
    (!hash.is_empty()).then_some(Yaml::Hash(hash))
}

/// Adds the key of [`simple_yaml`] whose value was a sequence being read, if any: its items, or
/// null for none. `None` if the key was there already.
fn close_sequence(hash: &mut yaml_rust2::yaml::Hash, open: Option<(Yaml, Vec<Yaml>, Option<usize>)>) -> Option<()> {
    if let Some((key, items, _)) = open {
        let value = if items.is_empty() { Yaml::Null } else { Yaml::Array(items) };
        hash.insert(key, value).is_none().then_some(())?;
    }
    Some(())
}

/// One value of [`simple_yaml`] (leading spaces already skipped), or `None`. A value may also
/// be a flow sequence of such values (`[web, "data"]`), plain ones holding none of `[]{}:`.
fn simple_yaml_scalar(v: &str) -> Option<Yaml> {
    let v = v.trim_end_matches(' ');
    if v.chars().any(|c| c.is_control() || matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')) {
        return None;
    }
    if let Some(inner) = v.strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        if inner.bytes().all(|b| b == b' ') {
            return Some(Yaml::Array(Vec::new()));
        }
        return inner
            .split(',')
            .map(|item| {
                let item = item.trim_matches(' ');
                if item.contains(['[', ']', '{', '}', ':']) {
                    return None;
                }
                simple_yaml_scalar(item)
            })
            .collect::<Option<Vec<_>>>()
            .map(Yaml::Array);
    }
    for quote in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            return (!inner.contains(quote) && !inner.contains('\\')).then(|| Yaml::String(inner.to_owned()));
        }
    }
    let plain = v.starts_with(|c: char| c.is_ascii_alphanumeric() || !c.is_ascii())
        && !v.contains('#')
        && !v.ends_with(':')
        && !v.contains(": ");
    plain.then(|| Yaml::from_str(v))
}

/// Pelican's metadata: `Key: value` lines at the top, up to the first blank line.
fn pelican(text: &str, out: &mut Split) {
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?i)(title|date|modified|tags|category|slug|authors?|summary|lang|status|event|conference):[ \t]*(.*)$",
        )
        .expect("valid regex")
    });
    let mut pos = 0;
    let mut found = false;
    let meta = &mut out.meta;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line.is_empty() {
            if found {
                out.body_start = end;
            }
            return;
        }
        let Some(c) = KEY.captures(line) else { return };
        found = true;
        let value = c[2].trim().to_owned();
        match c[1].to_ascii_lowercase().as_str() {
            "title" => meta.title = non_empty(value),
            "date" => meta.date = parse_date(&value),
            "tags" => meta.tags = split_list(&value),
            "author" | "authors" => meta.authors = split_list(&value),
            "lang" => meta.language = language_tag(value),
            "event" | "conference" => meta.event = non_empty(value),
            _ => {}
        }
        pos = end;
    }
    if found {
        out.body_start = text.len();
    }
}

/// A front matter value, cleaned as the body's text is (controls, bidi overrides), white space
/// collapsed; `None` when nothing is left.
fn non_empty(s: String) -> Option<String> {
    let t = super::blocks::collapse(s);
    (!t.is_empty()).then_some(t)
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

fn line_of(src: &str, offset: usize) -> u32 {
    let offset = offset.min(src.len());
    u32::try_from(src.as_bytes()[..offset].iter().filter(|b| **b == b'\n').count()).unwrap_or(u32::MAX)
}

/// Normalizes a language value (`it`, `en_US`, `pt-BR`) to a BCP 47 tag, or `None`.
pub fn language_tag(s: String) -> Option<String> {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$").expect("valid regex"));
    let t = s.trim().replace('_', "-");
    TAG.is_match(&t).then(|| {
        let mut parts = t.split('-');
        let mut out = parts.next().unwrap_or_default().to_ascii_lowercase();
        for p in parts {
            out.push('-');
            out.push_str(&p.to_ascii_uppercase());
        }
        out
    })
}

/// Reads `YYYY-MM-DD`, optionally followed by a time and a zone, into a [`NoteDate`].
pub fn parse_date(s: &str) -> Option<NoteDate> {
    let s = s.trim().trim_matches(['"', '\'']);
    let c = if s.is_ascii() { date_parts_ascii(s)? } else { date_parts_regex(s)? };
    let (y, m, d) = (c.year?, c.month?, c.day?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let date_time = match (c.hour, c.minute) {
        (Some(h), Some(mi)) if h < 24 && mi < 60 => {
            let sec = c.second.unwrap_or(0);
            if sec > 60 {
                return None;
            }
            let zone = match c.zone {
                None => String::new(),
                Some("Z") => "Z".to_owned(),
                Some(z) if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
                Some(z) => z.to_owned(),
            };
            Some(format!("{date}T{h:02}:{mi:02}:{sec:02}{}{zone}", c.fraction))
        }
        (None, _) => None,
        _ => return None,
    };
    Some(NoteDate { date, date_time })
}

/// The parts of a date as [`DATE`] captures them, each number as `str::parse` reads it (`None`
/// for a part that is absent, or written in digits other than ASCII ones).
#[derive(Debug, PartialEq, Eq)]
struct DateParts<'a> {
    year: Option<u32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
    /// `.` and the digits after it, or empty.
    fraction: &'a str,
    zone: Option<&'a str>,
}

/// `YYYY-MM-DD`, optionally a time (`T` or a space, `HH:MM`, optionally `:SS` and a fraction)
/// and a zone (`Z`, `+HH:MM`, `+HHMM`) after spaces.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?[ ]*(Z|[+-]\d{2}:?\d{2})?)?$")
        .expect("valid regex")
});

/// [`DATE`]'s parts of `s`, by the regex: any text (`\d` is every Unicode digit).
fn date_parts_regex(s: &str) -> Option<DateParts<'_>> {
    let c = DATE.captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Some(DateParts {
        year: num(1),
        month: num(2),
        day: num(3),
        hour: num(4),
        minute: num(5),
        second: num(6),
        fraction: c.get(7).map_or("", |m| m.as_str()),
        zone: c.get(8).map(|m| m.as_str()),
    })
}

/// [`DATE`]'s parts of `s`, read byte by byte: the same answer as [`date_parts_regex`] for
/// ASCII text (where `\d` is `0`..=`9`), without running the regex for each date.
fn date_parts_ascii(s: &str) -> Option<DateParts<'_>> {
    let b = s.as_bytes();
    let mut i = 0;
    // `n` ASCII digits at `i`, as a number.
    let digits = |i: &mut usize, n: usize| -> Option<u32> {
        let d = b.get(*i..*i + n)?;
        if !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *i += n;
        Some(d.iter().fold(0, |v, &x| v * 10 + u32::from(x - b'0')))
    };
    let byte = |i: &mut usize, want: &[u8]| -> bool {
        let hit = b.get(*i).is_some_and(|x| want.contains(x));
        *i += usize::from(hit);
        hit
    };
    let year = digits(&mut i, 4)?;
    byte(&mut i, b"-").then_some(())?;
    let month = digits(&mut i, 2)?;
    byte(&mut i, b"-").then_some(())?;
    let day = digits(&mut i, 2)?;
    let mut parts = DateParts {
        year: Some(year),
        month: Some(month),
        day: Some(day),
        hour: None,
        minute: None,
        second: None,
        fraction: "",
        zone: None,
    };
    if i == b.len() {
        return Some(parts);
    }
    byte(&mut i, b"T ").then_some(())?;
    parts.hour = Some(digits(&mut i, 2)?);
    byte(&mut i, b":").then_some(())?;
    parts.minute = Some(digits(&mut i, 2)?);
    if byte(&mut i, b":") {
        parts.second = Some(digits(&mut i, 2)?);
        if b.get(i) == Some(&b'.') {
            let from = i;
            i += 1;
            let n = b[i..].iter().take_while(|x| x.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            i += n;
            parts.fraction = &s[from..i];
        }
    }
    while byte(&mut i, b" ") {}
    let from = i;
    if byte(&mut i, b"Z") {
        parts.zone = Some(&s[from..i]);
    } else if byte(&mut i, b"+-") {
        digits(&mut i, 2)?;
        byte(&mut i, b":");
        digits(&mut i, 2)?;
        parts.zone = Some(&s[from..i]);
    }
    (i == b.len()).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter() {
        let fm = "+++\ntitle = 'A'\ndate = 2024-05-25T23:58:22+02:00\ntags = ['x', 'y']\n+++\n";
        let s = split("n.md", &format!("{fm}# Body\n"));
        assert_eq!(s.meta.title.as_deref(), Some("A"));
        let d = s.meta.date.expect("date");
        assert_eq!(d.date, "2024-05-25");
        assert_eq!(d.date_time.as_deref(), Some("2024-05-25T23:58:22+02:00"));
        assert_eq!(s.meta.tags, ["x", "y"]);
        assert_eq!(s.body_start, fm.len(), "the body starts after the closing +++");
        assert!(s.diagnostics.is_empty());
    }

    #[test]
    fn yaml_front_matter() {
        let s = split(
            "n.md",
            "---\ntitle: \"B\"\ndate: 2022-04-15\ntags:\n  - a\nevent: PyData Berlin 2022\nlang: it_IT\n---\nx",
        );
        assert_eq!(s.meta.title.as_deref(), Some("B"));
        assert_eq!(s.meta.date.expect("date").date, "2022-04-15");
        assert_eq!(s.meta.event.as_deref(), Some("PyData Berlin 2022"));
        assert_eq!(s.meta.language.as_deref(), Some("it-IT"));
        assert_eq!(s.meta.tags, ["a"]);
    }

    #[test]
    fn broken_front_matter_is_a_warning_with_its_line() {
        let s = split("n.md", "+++\ntitle = 'A'\ndate = = 3\n+++\nbody");
        assert_eq!(s.diagnostics.len(), 1);
        assert_eq!(s.diagnostics[0].line, 3, "{}", s.diagnostics[0]);
        assert_eq!(s.body_start, "+++\ntitle = 'A'\ndate = = 3\n+++\n".len());

        let s = split("n.md", "---\ntitle: [unclosed\n---\nbody");
        assert_eq!(s.diagnostics.len(), 1, "{:?}", s.diagnostics);
        let s = split("n.md", "---\ntitle: x\nbody without end\n");
        assert!(s.diagnostics[0].message.contains("never closes"));
        assert_eq!(s.body_start, 0);
    }

    /// [`parse_date`] as it was: the regex for every date.
    fn parse_date_regex(s: &str) -> Option<NoteDate> {
        let c = DATE.captures(s.trim().trim_matches(['"', '\'']))?;
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = (num(1)?, num(2)?, num(3)?);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
            return None;
        }
        let date = format!("{y:04}-{m:02}-{d:02}");
        let date_time = match (num(4), num(5)) {
            (Some(h), Some(mi)) if h < 24 && mi < 60 => {
                let sec = num(6).unwrap_or(0);
                if sec > 60 {
                    return None;
                }
                let frac = c.get(7).map_or("", |m| m.as_str());
                let zone = match c.get(8).map(|m| m.as_str()) {
                    None => String::new(),
                    Some("Z") => "Z".to_owned(),
                    Some(z) if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
                    Some(z) => z.to_owned(),
                };
                Some(format!("{date}T{h:02}:{mi:02}:{sec:02}{frac}{zone}"))
            }
            (None, _) => None,
            _ => return None,
        };
        Some(NoteDate { date, date_time })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Dates, times, fractions and zones, right and wrong, in the usual order or glued in
        /// any order: the byte-wise reading answers as the regex does.
        #[test]
        fn ascii_date_reading_agrees_with_the_regex(
            quote in proptest::sample::select(vec!["", "", "'", "\"", " "]),
            date in proptest::sample::select(vec![
                "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-12-31", "2024-13-01", "2024-00-10",
                "2024-04-31", "2024-01-00", "0000-01-01", "202-01-01", "2024-1-01", "2024/01/01", "\u{663}024-01-01", "x",
            ]),
            sep in proptest::sample::select(vec!["", "T", " ", "t", "  ", "T", "T"]),
            time in proptest::sample::select(vec!["", "10:00", "23:59", "24:00", "10:60", "1:00", "10:0", "\u{663}0:00", "10"]),
            sec in proptest::sample::select(vec!["", "", ":00", ":59", ":60", ":61", ":5", ":\u{663}0"]),
            frac in proptest::sample::select(vec!["", "", ".5", ".123456789", ".", ".x", ".\u{663}"]),
            spaces in proptest::sample::select(vec!["", "", " ", "   "]),
            zone in proptest::sample::select(vec![
                "", "Z", "+01:00", "-0530", "+01", "+01:0", "z", "+\u{663}1:00", "+01:00 ", "Z ", "x",
            ]),
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "2024", "-", "02", "29", "T", " ", ":", "23", "60", ".5", "Z", "+", "01:00", "'", "\u{663}",
            ]), 0..12),
            glued in proptest::bool::weighted(0.2),
        ) {
            let text = if glued { pieces.concat() } else { format!("{quote}{date}{sep}{time}{sec}{frac}{spaces}{zone}{quote}") };
            proptest::prop_assert_eq!(parse_date(&text), parse_date_regex(&text), "{:?}", text);
            let t = text.trim().trim_matches(['"', '\'']);
            if t.is_ascii() {
                proptest::prop_assert_eq!(date_parts_ascii(t), date_parts_regex(t), "{:?}", t);
            }
        }
    }

    /// Lines of YAML front matter, most in the shape [`simple_yaml`] reads, some not.
    fn yaml_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let good_keys =
            proptest::sample::select(vec!["title", "date", "tags", "draft", "true", "null", "a-b", "x_y", "T1"]);
        let keys = proptest::sample::select(vec!["title", "tags", "my key", "-k", "", "? k", "\"q\"", "k\t"]);
        let good = proptest::sample::select(vec![
            "plain text",
            "\"quoted\"",
            "'single'",
            "2024-01-02",
            "2024-01-02 10:00",
            "false",
            "True",
            "~",
            "null",
            "0x1F",
            "0o17",
            "+5",
            "007",
            "1.5",
            ".inf",
            "-3",
            "a:b",
            "https://x.example/a",
            "\u{E9}t\u{E9}",
            "d\u{ED}a 1",
            "x,y",
            "\"it's\"",
            "'say \"hi\"'",
            "a  b",
            "trailing  ",
            "\"\"",
            "''",
            "\u{A0}x",
            "\u{1F40D} snake",
            "3rd",
            "x[1]",
            "a{b}",
            "a - b",
            "a -b",
            "1e3",
            "0x",
            "Null",
            "NULL",
            "nan",
            "\"\u{E9}\"",
            "a&b",
            "a*b",
            "a!b",
            "a|b",
            "a>b",
            "a%b",
            "a@b",
            "a`b",
            "a?b",
            "a'b",
            "a\"b",
            "a, b",
            "[x, y]",
            "[web, data]",
            "[]",
            "[ ]",
            "[ a ]",
            "[a,b]",
            "[a, b,]",
            "[a, [b]]",
            "['x', \"y\"]",
            "[a: b]",
            "[a:b]",
            "[a, ]",
            "[, a]",
            "[a b, c]",
            "[1, true, ~]",
            "[a#b]",
            "[\"a,b\"]",
            "[d\u{ED}a]",
            "[a]b",
            "[a",
            "[-a]",
            "[a -b]",
            "[!a]",
            "[a!]",
            "[*a]",
            "[?a]",
            "[a?]",
            "[a\"b]",
            "[a'b]",
            "[a|b]",
            "[>a]",
            "[a ,b]",
            "[0x1F, +5, .inf]",
        ]);
        let bad = proptest::sample::select(vec![
            "a: b",
            "a #b",
            "a#b",
            "{y: 1}",
            "*alias",
            "&anc v",
            "!tag v",
            "!!str 5",
            "|",
            ">",
            "a\tb",
            "\"a\\\"b\"",
            "\"a\\nb\"",
            "'it''s'",
            "",
            " ",
            "-",
            "- x",
            "?",
            "? x",
            "%x",
            "@x",
            "`x",
            "x:",
            "\"a\" b",
            "\u{FEFF}x",
            "a\u{85}b",
            "a\rb",
            "\"\u{2028}\"",
            "---",
            "...",
            "#c",
            ",x",
            "]x",
            "-x",
            ":x",
        ]);
        let indent = proptest::sample::select(vec!["", "  ", "  ", "    ", " "]);
        proptest::prop_oneof![
            8 => (good_keys.clone(), proptest::sample::select(vec![": ", ":  "]), good.clone()).prop_map(|(k, c, v)| format!("{k}{c}{v}")),
            1 => (good_keys.clone(), proptest::sample::select(vec![": ", ":", ":\t", " : "]), bad.clone()).prop_map(|(k, c, v)| format!("{k}{c}{v}")),
            1 => (keys, proptest::sample::select(vec![": ", ":"]), good.clone()).prop_map(|(k, c, v)| format!("{k}{c}{v}")),
            6 => (indent.clone(), good).prop_map(|(i, v)| format!("{i}- {v}")),
            1 => (indent, proptest::sample::select(vec!["- ", "-  ", "-", "-\t"]), bad).prop_map(|(i, d, v)| format!("{i}{d}{v}")),
            4 => good_keys.prop_map(|k| format!("{k}:")),
            1 => proptest::sample::select(vec!["", "   ", "# comment", "  more", "\r", "---", "- - a", "  k: v"]).prop_map(str::to_owned),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6000))]

        /// Where the fast reading answers (about half the documents drawn, and most of those
        /// the parser reads), the YAML parser reads the same one document.
        #[test]
        fn simple_yaml_agrees_with_the_yaml_parser(lines in proptest::collection::vec(yaml_line(), 0..7), end in proptest::bool::ANY) {
            let mut src = lines.join("\n");
            if end {
                src.push('\n');
            }
            if let Some(doc) = simple_yaml(&src) {
                let docs = YamlLoader::load_from_str(&src);
                proptest::prop_assert!(matches!(&docs, Ok(d) if d.len() == 1 && d[0] == doc), "{:?}: {:?} vs {:?}", src, doc, docs);
            }
        }
    }

    #[test]
    fn simple_yaml_reads_the_usual_front_matter() {
        let src = "title: \"Notes: day 1\"\ndate: 2024-06-15\ndraft: false\ntags:\n  - data\n  - python\nevent: EuroPython 2024\n";
        let doc = simple_yaml(src).expect("read without the parser");
        assert_eq!(Ok(vec![doc]), YamlLoader::load_from_str(src));
        for src in
            ["title: 'x'\nkeywords:\n- a\n- b\n", "lang: it_IT\nauthor: Ada\n\nby: 0x1F\n", "tags: [web, data]\n"]
        {
            assert_eq!(simple_yaml(src).map(|d| vec![d]), YamlLoader::load_from_str(src).ok(), "{src:?}");
        }
        for src in ["title: a # c\n", "tags: [a, [b]]\n", "title: x\ntitle: y\n", "", "\n  \n", "t: a\r\n"] {
            assert_eq!(simple_yaml(src), None, "{src:?}");
        }
    }

    #[test]
    fn dates_read_byte_wise_as_by_the_regex() {
        for s in [
            "2024-05-25T23:58:22+02:00",
            "2024-05-25 23:58:22.123 Z",
            "2024-05-25T23:58+0200",
            "2024-05-25T23:58:22.+02:00",
            "2024-05-25T24:00",
            "2024-05-25T23:58:61",
            "2024-05-25T23:58:60-05",
            "2024-05-25   Z",
            "2024-05-25T23:58   ",
            "2024-05-25T23:58  +01:00",
            "2024-05-25T23:58+01:0",
            "2024-05-25T23",
            "2024-05-25 ",
            "'2024-05-25'",
            "2024-5-25",
            "\u{663}\u{663}\u{663}\u{663}-05-25",
            "2024-05-25T\u{663}\u{663}:00",
            "2024-05-25T10:\u{663}\u{663}",
            "2024-05-25T10:00:\u{663}\u{663}",
            "2024-05-25T10:00:00.\u{663}",
            "2024-05-25T10:00+\u{663}\u{663}00",
        ] {
            assert_eq!(parse_date(s), parse_date_regex(s), "{s:?}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("2024-02-29").map(|d| d.date), Some("2024-02-29".into()));
        assert_eq!(parse_date("2018-05-11 10:00").and_then(|d| d.date_time), Some("2018-05-11T10:00:00".into()));
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn pelican_metadata() {
        let s = split("n.md", "Title: Minutes of FOSDEM\nDate: 2020-02-06 10:00\nTags: a, b\n\n# Body\n");
        assert_eq!(s.meta.title.as_deref(), Some("Minutes of FOSDEM"));
        assert_eq!(s.meta.tags, ["a", "b"]);
        assert_eq!(s.body_start, "Title: Minutes of FOSDEM\nDate: 2020-02-06 10:00\nTags: a, b\n\n".len());
    }
}
