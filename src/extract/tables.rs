//! Family: a table of talks: a header naming a title column (`Talk`, `Title`, `Session`,
//! `Charla`, `Titre`, `Vortrag`...) and a speaker column (`Speaker`, `Presenter`, `Ponente`,
//! `Intervenant`, `登壇者`...), optionally an organization column and a kind column. Each row is
//! a talk; rows without a title or a speaker (`Lunch`, `Break`) are not.

use super::blocks::{Block, BlockKind};
use super::catalogue::{Convention, Expect};
use super::people::{self, People, Strength};
use super::tagged::{self, word_at_start};
use crate::model::TalkKind;

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Title,
    Speaker,
    Org,
    Kind,
}

/// Header words of each column, lower case, in every language read.
const HEADERS: &[(&str, Column)] = &[
    ("talk", Column::Title),
    ("talks", Column::Title),
    ("title", Column::Title),
    ("talk title", Column::Title),
    ("session", Column::Title),
    ("sesión", Column::Title),
    ("sessão", Column::Title),
    ("sessione", Column::Title),
    ("séance", Column::Title),
    ("topic", Column::Title),
    ("presentation", Column::Title),
    ("what", Column::Title),
    ("charla", Column::Title),
    ("título", Column::Title),
    ("titulo", Column::Title),
    ("ponencia", Column::Title),
    ("tema", Column::Title),
    ("intitulé", Column::Title),
    ("intervention", Column::Title),
    ("titre", Column::Title),
    ("conférence", Column::Title),
    ("sujet", Column::Title),
    ("vortrag", Column::Title),
    ("titel", Column::Title),
    ("thema", Column::Title),
    ("titolo", Column::Title),
    ("intervento", Column::Title),
    ("palestra", Column::Title),
    ("タイトル", Column::Title),
    ("講演", Column::Title),
    ("演題", Column::Title),
    ("セッション", Column::Title),
    ("speaker", Column::Speaker),
    ("speakers", Column::Speaker),
    ("speaker(s)", Column::Speaker),
    ("presenter", Column::Speaker),
    ("presenters", Column::Speaker),
    ("presented by", Column::Speaker),
    ("by", Column::Speaker),
    ("who", Column::Speaker),
    ("author", Column::Speaker),
    ("authors", Column::Speaker),
    ("ponente", Column::Speaker),
    ("ponentes", Column::Speaker),
    ("orador", Column::Speaker),
    ("intervenant", Column::Speaker),
    ("intervenants", Column::Speaker),
    ("intervenant·e·s", Column::Speaker),
    ("orateur", Column::Speaker),
    ("conférencier", Column::Speaker),
    ("sprecher", Column::Speaker),
    ("sprecherin", Column::Speaker),
    ("sprecher:in", Column::Speaker),
    ("sprecher:innen", Column::Speaker),
    ("referent", Column::Speaker),
    ("relatore", Column::Speaker),
    ("relatori", Column::Speaker),
    ("relatrice", Column::Speaker),
    ("palestrante", Column::Speaker),
    ("palestrantes", Column::Speaker),
    ("登壇者", Column::Speaker),
    ("発表者", Column::Speaker),
    ("スピーカー", Column::Speaker),
    ("講演者", Column::Speaker),
    ("company", Column::Org),
    ("organization", Column::Org),
    ("organisation", Column::Org),
    ("org", Column::Org),
    ("affiliation", Column::Org),
    ("employer", Column::Org),
    ("empresa", Column::Org),
    ("organización", Column::Org),
    ("société", Column::Org),
    ("entreprise", Column::Org),
    ("firma", Column::Org),
    ("unternehmen", Column::Org),
    ("azienda", Column::Org),
    ("organizzazione", Column::Org),
    ("organização", Column::Org),
    ("所属", Column::Org),
    ("会社", Column::Org),
    ("type", Column::Kind),
    ("kind", Column::Kind),
    ("format", Column::Kind),
    ("tipo", Column::Kind),
    ("formato", Column::Kind),
    ("typ", Column::Kind),
    ("種別", Column::Kind),
    ("形式", Column::Kind),
];

/// Header words of a time column: a table with one and no title column is a grid, a talk in
/// each other cell.
const TIME_HEADERS: &[&str] = &[
    "time", "times", "when", "hora", "horario", "heure", "horaire", "zeit", "uhrzeit", "orario", "horário", "時間",
    "時刻",
];

/// How a table is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Columns named by the header.
    Columns,
    /// A schedule grid: a time column, then a column per day, room or track, each cell a talk
    /// (`Title<br/>Speaker`, or as a heading writes it).
    Grid,
}

const fn e(title: &'static str, kind: TalkKind, speakers: &'static [(&'static str, Option<&'static str>)]) -> Expect {
    Expect { title, kind, speakers }
}

/// The conventions of this family.
pub static CONVENTIONS: &[Convention<Rule>] = &[
    Convention {
        id: "table.title-speaker",
        shape: "`| Time | Talk | Speaker |` with `Name (Org)` or `Name, Org` in the speaker cells",
        languages: "any",
        about: "a row per talk; the speaker column names people (an explicit column: no given name needed)",
        example: "| Time | Talk | Speaker |\n|---|---|---|\n| 10:00 | Fearless concurrency | Hanna Lindqvist (Spotify) |\n| 11:00 | Typing at scale | Ana Ruiz & Bo Chen, Red Hat |\n| 12:00 | Lunch | |\n",
        expect: &[
            e("Fearless concurrency", TalkKind::Talk, &[("Hanna Lindqvist", Some("Spotify"))]),
            e("Typing at scale", TalkKind::Talk, &[("Ana Ruiz", Some("Red Hat")), ("Bo Chen", Some("Red Hat"))]),
        ],
        rule: Rule::Columns,
    },
    Convention {
        id: "table.org-and-kind-columns",
        shape: "`| Session | Presenter | Company | Type |`",
        languages: "any",
        about: "an organization column (one per speaker, or one for all) and a kind column",
        example: "| Session | Presenter | Company | Type |\n|---|---|---|---|\n| Opening | Grace Hopper | US Navy | Keynote |\n| Hands-on Polars | Ritchie Vink | Polars Inc | Workshop |\n",
        expect: &[
            e("Opening", TalkKind::Keynote, &[("Grace Hopper", Some("US Navy"))]),
            e("Hands-on Polars", TalkKind::Workshop, &[("Ritchie Vink", Some("Polars Inc"))]),
        ],
        rule: Rule::Columns,
    },
    Convention {
        id: "table.html",
        shape: "`<table>` with `<th>Intitulé</th><th>Intervenant</th>` and `<td>` cells",
        languages: "any",
        about: "a table written in HTML is read as a Markdown one; its links name organizations",
        example: "<table>\n<thead><tr><th>Heure</th><th>Intitulé de l'intervention</th><th>Intervenant</th></tr></thead>\n<tbody>\n<tr><td>9h30</td><td>La collaboration autour de Jitsi</td><td>Samuel Paccoud (<a href=\"https://fun.example/\">FUN</a>)</td></tr>\n</tbody>\n</table>\n",
        expect: &[e("La collaboration autour de Jitsi", TalkKind::Talk, &[("Samuel Paccoud", Some("FUN"))])],
        rule: Rule::Columns,
    },
    Convention {
        id: "table.grid",
        shape: "`| Time | Saturday | Sunday |` with `[Title](url)<br/>Speaker` cells",
        languages: "any",
        about: "a schedule grid: a time column and a column per day, room or track; each cell naming a title and a speaker is a talk",
        example: "| Time | Saturday | Sunday |\n|---|---|---|\n| 09:15 | [Keynote](https://x.example/k)<br/>Lynn Root | [Keynote](https://x.example/c)<br/>Carol Willing |\n| 10:00 | Break | Break |\n| 10:15 | [Always Use Sets](https://x.example/s)<br/>Andy Fundinger | Working with Audio - Peter Sobot |\n",
        expect: &[
            e("Keynote", TalkKind::Keynote, &[("Lynn Root", None)]),
            e("Keynote", TalkKind::Keynote, &[("Carol Willing", None)]),
            e("Always Use Sets", TalkKind::Talk, &[("Andy Fundinger", None)]),
            e("Working with Audio", TalkKind::Talk, &[("Peter Sobot", None)]),
        ],
        rule: Rule::Grid,
    },
    Convention {
        id: "table.languages",
        shape: "`| Charla | Ponente |`, `| Titre | Intervenant |`, `| Vortrag | Sprecher |`, `| タイトル | 登壇者 |`",
        languages: "es fr de it pt ja",
        about: "the header words of every language in `src/extract/tables.rs`",
        example: "| Hora | Charla | Ponente |\n|---|---|---|\n| 10:00 | Datos abiertos | Lucía Fernández (Quansight) |\n",
        expect: &[e("Datos abiertos", TalkKind::Talk, &[("Lucía Fernández", Some("Quansight"))])],
        rule: Rule::Columns,
    },
];

/// A talk read from a table row.
#[derive(Debug, Clone)]
pub(crate) struct RowTalk {
    pub title: String,
    pub kind: TalkKind,
    pub people: People,
    pub line: u32,
    /// The cell blocks of the row.
    pub cells: Vec<usize>,
    pub id: &'static str,
}

/// What a column holds: its header is a header word, or starts with one (`Speaker name`,
/// `Intitulé de l'intervention`).
fn column(header: &str) -> Option<Column> {
    let h = header.trim().trim_matches(|c: char| c == '*' || c == ':').trim().to_lowercase();
    HEADERS.iter().find(|(w, _)| *w == h).map(|(_, c)| *c).or_else(|| {
        let first = h.split(|c: char| !c.is_alphanumeric() && c != '(' && c != ')').next()?;
        HEADERS.iter().find(|(w, _)| *w == first).map(|(_, c)| *c)
    })
}

/// The talks of every table of talks among `blocks`, with `default` as the kind of untagged ones.
pub(crate) fn read(blocks: &[Block], default: impl Fn(usize) -> TalkKind) -> Vec<RowTalk> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let Some(pos) = blocks[i].cell.filter(|_| blocks[i].kind == BlockKind::Cell) else {
            i += 1;
            continue;
        };
        let end = blocks[i..]
            .iter()
            .position(|b| b.cell.is_none_or(|c| c.table != pos.table))
            .map_or(blocks.len(), |p| i + p);
        read_table(blocks, i, end, &default, &mut out);
        i = end;
    }
    out
}

fn read_table(
    blocks: &[Block],
    start: usize,
    end: usize,
    default: &impl Fn(usize) -> TalkKind,
    out: &mut Vec<RowTalk>,
) {
    let cells = &blocks[start..end];
    let mut columns: Vec<(u16, Column)> = Vec::new();
    for b in cells.iter().filter(|b| b.cell.is_some_and(|c| c.row == 0)) {
        if let (Some(c), Some(pos)) = (column(&b.plain()), b.cell)
            && !columns.iter().any(|(_, k)| *k == c)
        {
            columns.push((pos.col, c));
        }
    }
    let col = |k: Column| columns.iter().find(|(_, c)| *c == k).map(|(i, _)| *i);
    let (Some(title_col), Some(speaker_col)) = (col(Column::Title), col(Column::Speaker)) else {
        read_grid(blocks, start, end, default, out);
        return;
    };
    let rows = cells.iter().filter_map(|b| b.cell).map(|c| c.row).max().unwrap_or(0);
    let id = CONVENTIONS[0].id;
    for row in 1..=rows {
        let in_row: Vec<usize> = (start..end).filter(|&k| blocks[k].cell.is_some_and(|c| c.row == row)).collect();
        let cell = |c: u16| in_row.iter().copied().find(|&k| blocks[k].cell.is_some_and(|p| p.col == c));
        let (Some(t), Some(s)) = (cell(title_col), cell(speaker_col)) else { continue };
        let (tb, sb) = (&blocks[t], &blocks[s]);
        let title_text = tb.plain();
        let (mut kind, title) = match tagged::read(&title_text) {
            Some((k, t, _)) => (k, t),
            None => (default(t), super::sections::strip_quotes(&title_text)),
        };
        if title.is_empty() {
            continue;
        }
        let speaker_text: String = sb.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
        let Some(mut people) = people::read(sb, &speaker_text, sb.line, Strength::Strong) else { continue };
        if let Some(o) = col(Column::Org).and_then(cell) {
            let ob = &blocks[o];
            let text: String = ob.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
            let orgs: Vec<_> = text
                .split([',', ';', '/'])
                .flat_map(|p| p.split(" & "))
                .filter_map(|p| people::org_text(ob, p, ob.line))
                .collect();
            let n = people.speakers.len();
            for (k, s) in people.speakers.iter_mut().enumerate() {
                if s.orgs.is_empty() {
                    match orgs.len() {
                        0 => {}
                        1 => s.orgs.push(orgs[0].clone()),
                        m if m == n => s.orgs.push(orgs[k].clone()),
                        _ => s.orgs.extend(orgs.iter().cloned()),
                    }
                }
            }
        }
        if let Some(k) = col(Column::Kind).and_then(cell) {
            let text = blocks[k].plain();
            if let Some((w, n)) = word_at_start(text.trim(), &super::cues::KIND_INDEX)
                && n == text.trim().len()
            {
                kind = w.kind;
            }
        }
        out.push(RowTalk { title, kind, people, line: tb.line, cells: in_row.clone(), id });
    }
}

/// A schedule grid: the header's first column is a time, the others days, rooms or tracks; each
/// other cell that names a title and speakers is a talk (`Title<br/>Speaker` on two lines, or
/// one line as a heading writes it). Cells without speakers (`Lunch`) are not.
fn read_grid(blocks: &[Block], start: usize, end: usize, default: &impl Fn(usize) -> TalkKind, out: &mut Vec<RowTalk>) {
    let header: Vec<&Block> = blocks[start..end].iter().filter(|b| b.cell.is_some_and(|c| c.row == 0)).collect();
    let time_header = header.iter().find(|b| b.cell.is_some_and(|c| c.col == 0)).is_some_and(|b| {
        let h = b.plain().trim().trim_matches('*').to_lowercase();
        TIME_HEADERS.iter().any(|w| h == *w || h.split_whitespace().next() == Some(w))
    });
    if !time_header || header.len() < 2 {
        return;
    }
    let id = CONVENTIONS.iter().find(|c| c.rule == Rule::Grid).map_or("table.grid", |c| c.id);
    let cells: Vec<usize> = (start..end).filter(|&k| blocks[k].cell.is_some_and(|c| c.row > 0 && c.col > 0)).collect();
    for k in cells {
        let b = &blocks[k];
        let found = if b.lines.len() >= 2 {
            let title = b.render(&b.lines[0].text);
            let who: String = b.lines[1..].iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(", ");
            people::read(b, &who, b.lines[1].line, Strength::Cued).map(|p| (title, p))
        } else {
            super::heading_speakers::read(b, &b.lines[0].text, b.line, true, &[]).map(|(t, p, _)| (b.render(&t), p))
        };
        let Some((title, people)) = found else { continue };
        if people.speakers.is_empty() || !people.leftovers.is_empty() {
            continue;
        }
        let (kind, title) = match tagged::read(&title) {
            Some((k, t, _)) => (k, t),
            None => (tagged::bare(&title).unwrap_or(default(k)), super::sections::strip_quotes(title.trim())),
        };
        out.push(RowTalk { title, kind, people, line: b.line, cells: vec![k], id });
    }
}
