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
    let docs = match YamlLoader::load_from_str(src) {
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
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?[ ]*(Z|[+-]\d{2}:?\d{2})?)?$")
            .expect("valid regex")
    });
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
