//! Tables written in HTML inside a note (`<table><tr><th>Heure</th>...`), as org-mode, some
//! static-site themes and hand-written programmes write them: their cells become the same
//! [`Block`]s as a Markdown table's, so the table family ([`super::tables`]) reads both.
//!
//! Only what a table needs is read: rows, header and data cells, links (`<a href>`), line
//! breaks (`<br>`) and character references; every other tag is dropped. Links in HTML are not
//! the note's links (they are not Markdown), so they only serve to name organizations.

use super::blocks::{Block, BlockKind, CellPos, Line, RawLink, is_mark};

/// The cells of the first `<table>` in `html` (which starts at byte `start` of the note, whose
/// lines `line_at` numbers), as table number `table`. Empty when it holds no table.
pub(crate) fn cells(html: &str, start: usize, table: u32, line_at: &dyn Fn(usize) -> u32) -> Vec<Block> {
    let lower = html.to_ascii_lowercase();
    let Some(open) = lower.find("<table") else { return Vec::new() };
    let close = lower[open..].find("</table").map_or(html.len(), |i| open + i);
    let mut out = Vec::new();
    // Row 0 is the first row (the header, in `<thead>` or not).
    let mut row = 0u32;
    let mut at = open;
    while let Some(tr) = lower[at..close].find("<tr").map(|i| at + i) {
        let tr_end = lower[tr..close].find("</tr").map_or(close, |i| tr + i);
        let mut col = 0u16;
        let mut c = tr;
        let mut any = false;
        loop {
            let td = lower[c..tr_end].find("<td").map(|i| c + i);
            // `<thead` also starts with `<th`: only a cell tag counts.
            let th = lower[c..tr_end]
                .match_indices("<th")
                .map(|(i, _)| c + i)
                .find(|&i| lower[i + 3..].starts_with(['>', ' ', '\t', '\n', '\r']));
            let (tag, is_th) = match (td, th) {
                (Some(a), Some(b)) if b < a => (b, true),
                (Some(a), _) => (a, false),
                (None, Some(b)) => (b, true),
                (None, None) => break,
            };
            let Some(gt) = html[tag..tr_end].find('>').map(|i| tag + i + 1) else { break };
            let end_tag = if is_th { "</th" } else { "</td" };
            let end = lower[gt..tr_end].find(end_tag).map_or(tr_end, |i| gt + i);
            let mut b = cell(&html[gt..end], start + gt, line_at);
            b.cell = Some(CellPos { table, row, col });
            out.push(b);
            any = true;
            col = col.saturating_add(1);
            c = end;
        }
        if any {
            row += 1;
        }
        at = tr_end.max(tr + 3);
    }
    out
}

/// One cell's HTML as a block: text with links as placeholders, `<br>` as line breaks.
fn cell(html: &str, start: usize, line_at: &dyn Fn(usize) -> u32) -> Block {
    let line = line_at(start);
    let mut b = Block {
        kind: BlockKind::Cell,
        line,
        lines: vec![Line { text: String::new(), line }],
        links: Vec::new(),
        depth: 0,
        cell: None,
    };
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let mut link: Option<RawLink> = None;
    while i < html.len() {
        if html[i..].starts_with('<') {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let tag = &lower[i..end];
            if tag.starts_with("<br") {
                b.lines.push(Line { text: String::new(), line: line_at(start + end) });
            } else if tag.starts_with("<a ") || tag.starts_with("<a\t") || tag.starts_with("<a\n") {
                let url = attribute(&html[i..end], "href").unwrap_or_default();
                link = Some(RawLink { text: String::new(), url, line: line_at(start + i), column: 1, email: false });
            } else if tag.starts_with("</a")
                && let Some(mut l) = link.take()
            {
                l.text = super::blocks::collapse(std::mem::take(&mut l.text));
                if b.links.len() < 0x1900 {
                    let mark = char::from_u32(0xE000 + b.links.len() as u32).unwrap_or('\u{FFFD}');
                    b.links.push(l);
                    b.lines.last_mut().expect("a block has a line").text.push(mark);
                }
            }
            i = end;
            continue;
        }
        let next = html[i..].find('<').map_or(html.len(), |n| i + n);
        let text = decode(&html[i..next]);
        let text: String =
            text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).filter(|c| !is_mark(*c)).collect();
        match link.as_mut() {
            Some(l) => l.text.push_str(&text),
            None => b.lines.last_mut().expect("a block has a line").text.push_str(&text),
        }
        i = next;
    }
    for l in &mut b.lines {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    b
}

/// The value of attribute `name` in a start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split([' ', '>', '\t', '\n']).next()?,
    };
    Some(decode(value))
}

/// Decodes the character references HTML text holds (`&amp;`, `&#xa0;`, `&nbsp;`).
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&n| n <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => {
                out.push('&');
                out.push_str(name);
                out.push(';');
            }
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cells_links_and_breaks() {
        let html = "<table>\n<thead>\n<tr><th>Heure</th><th>Intitulé</th><th>Intervenant</th></tr>\n</thead>\n<tbody>\n<tr><td>9h30</td><td>Jitsi &amp; co</td><td>Samuel Paccoud (<a href=\"https://fun.example/\">FUN</a>)</td></tr>\n<tr><td>&#xa0;</td><td>A<br/>B</td><td></td></tr>\n</tbody></table>";
        let cells = cells(html, 0, 0, &|o| 1 + html[..o].matches('\n').count() as u32);
        let at: Vec<(u32, u16, String)> =
            cells.iter().map(|b| (b.cell.map_or(9, |c| c.row), b.cell.map_or(9, |c| c.col), b.plain())).collect();
        assert_eq!(
            at[..3].iter().map(|(r, _, t)| (*r, t.as_str())).collect::<Vec<_>>(),
            [(0, "Heure"), (0, "Intitulé"), (0, "Intervenant")]
        );
        assert_eq!(at[4], (1, 1, "Jitsi & co".to_owned()));
        assert_eq!(at[5].2, "Samuel Paccoud (FUN)");
        assert_eq!(cells[5].links[0].url, "https://fun.example/");
        assert_eq!(cells[7].lines.len(), 2);
        assert_eq!(cells[5].line, 6);
    }
}
