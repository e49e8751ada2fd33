//! Family: a table of talks: a header naming a title column (`Talk`, `Title`, `Session`,
//! `Charla`, `Titre`, `Vortrag`...) and a speaker column (`Speaker`, `Presenter`, `Ponente`,
//! `Intervenant`, `登壇者`...), optionally an organization column and a kind column. Each row is
//! a talk; rows without a title or a speaker (`Lunch`, `Break`) are not.

use super::blocks::{Block, BlockKind};
use super::catalogue::{Convention, Expect};
use super::cues::KIND_WORDS;
use super::people::{self, People, Strength};
use super::tagged::{self, prefix_len, word_at_start};
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
    ("topic", Column::Title),
    ("presentation", Column::Title),
    ("what", Column::Title),
    ("charla", Column::Title),
    ("título", Column::Title),
    ("titulo", Column::Title),
    ("ponencia", Column::Title),
    ("tema", Column::Title),
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

/// How a table is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Columns named by the header.
    Columns,
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

fn column(header: &str) -> Option<Column> {
    let h = header.trim().trim_matches(|c: char| c == '*' || c == ':').trim().to_lowercase();
    HEADERS.iter().find(|(w, _)| *w == h).map(|(_, c)| *c)
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
    let (Some(title_col), Some(speaker_col)) = (col(Column::Title), col(Column::Speaker)) else { return };
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
            if let Some((w, n)) = word_at_start(text.trim(), KIND_WORDS)
                && n == text.trim().len()
            {
                kind = w.kind;
            }
        }
        let _ = prefix_len;
        out.push(RowTalk { title, kind, people, line: tb.line, cells: in_row.clone(), id });
    }
}
