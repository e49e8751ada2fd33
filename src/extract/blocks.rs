//! Turns pulldown-cmark's event stream into a flat list of text blocks.
//!
//! A block is a heading, a paragraph, a list item or a table cell. Its text is kept per source
//! line as *shadow text*: inline markup removed, emphasis kept as `*`, and every link replaced
//! by one private-use character (`U+E000 + index` into [`Block::links`]), so the recognizers can
//! run regexes over a line and still know exactly where each link stands. Code blocks, HTML
//! blocks, inline HTML (comments included) and image alt text outside links are never mined.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use crate::markdown;

/// At most this many bytes are reserved for a line's shadow text up front (it is the rest of
/// its source line, which is never shorter in the usual case and is only a hint anyway).
const LINE_ROOM: usize = 256;

/// First private-use code point used as a link placeholder.
const MARK_BASE: u32 = 0xE000;
/// Number of placeholders available (U+E000..=U+F8FF).
const MARK_COUNT: usize = 0x1900;

/// A link inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawLink {
    /// Link text, markup removed, white space collapsed.
    pub text: String,
    /// Destination as written.
    pub url: String,
    /// 1-based line of the link.
    pub line: u32,
    /// 1-based column (in characters) of the link's `[` or `<`.
    pub column: u32,
    /// `<a@b.c>` autolink.
    pub email: bool,
}

/// What kind of block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Heading(u8),
    Paragraph,
    Item,
    Cell,
}

/// One source line of a block, in shadow text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
    pub line: u32,
}

/// Where a table cell stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CellPos {
    /// Which table of the note (0, 1, ...).
    pub table: u32,
    /// The row: 0 is the header row.
    pub row: u32,
    /// The column, from 0.
    pub col: u16,
}

/// A heading, paragraph, list item or table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    pub line: u32,
    pub lines: Vec<Line>,
    pub links: Vec<RawLink>,
    /// Containers (lists, items, block quotes, tables) open around it: a list item nested in
    /// another is deeper, and a paragraph continuing an item is as deep as the item.
    pub depth: u16,
    /// For a table cell, where it stands.
    pub cell: Option<CellPos>,
}

impl Block {
    fn new(kind: BlockKind, line: u32) -> Self {
        Self { kind, line, lines: vec![Line { text: String::new(), line }], links: Vec::new(), depth: 0, cell: None }
    }

    fn push_text(&mut self, text: &str) {
        let cur = &mut self.lines.last_mut().expect("a block has a line").text;
        if is_plain(text) {
            cur.push_str(text);
        } else {
            cur.extend(text.chars().filter_map(|c| if is_mark(c) { Some('\u{FFFD}') } else { clean(c) }));
        }
    }

    fn is_empty(&self) -> bool {
        self.links.is_empty() && self.lines.iter().all(|l| l.text.trim().is_empty())
    }

    /// The link a placeholder stands for.
    pub fn link(&self, mark: char) -> Option<&RawLink> {
        is_mark(mark).then(|| self.links.get((mark as u32 - MARK_BASE) as usize)).flatten()
    }

    /// The whole block as plain text: links replaced by their text, emphasis marks dropped,
    /// lines joined by a space.
    pub fn plain(&self) -> String {
        let mut out = String::with_capacity(self.lines.iter().map(|l| l.text.len() + 1).sum());
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            self.render_into(&l.text, &mut out);
        }
        // Trimmed in place rather than copied.
        out.truncate(out.trim_end().len());
        out.drain(..out.len() - out.trim_start().len());
        out
    }

    /// `text` (shadow text of this block) with links replaced by their text and `*` dropped.
    pub fn render(&self, text: &str) -> String {
        let mut out = String::new();
        self.render_into(text, &mut out);
        out
    }

    /// Copies the runs between `*` and placeholders whole: a `*` is one byte, and every
    /// placeholder (U+E000..=U+F8FF) is three bytes starting with `EE` or `EF`, bytes that only
    /// ever start a character.
    fn render_into(&self, text: &str, out: &mut String) {
        let mut from = 0;
        for i in memchr::memchr3_iter(b'*', 0xEE, 0xEF, text.as_bytes()) {
            out.push_str(&text[from..i]);
            let c = text[i..].chars().next().unwrap_or('*');
            match self.link(c) {
                Some(l) => out.push_str(&l.text),
                None if c == '*' => {}
                None => out.push(c),
            }
            from = i + c.len_utf8();
        }
        out.push_str(&text[from..]);
    }
}

/// Is `c` a link placeholder?
pub(crate) fn is_mark(c: char) -> bool {
    (MARK_BASE..MARK_BASE + MARK_COUNT as u32).contains(&(c as u32))
}

/// Maps byte offsets to 1-based line numbers.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// The last column asked for, as (byte offset, column): columns are asked in increasing
    /// order along a line, so counting resumes from there (a 10 MB line with thousands of links
    /// would otherwise be counted from its start for each link).
    last: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    /// Indexes `text` (lines end at `\n`, `\r\n` or a lone `\r`).
    pub fn new(text: &str) -> Self {
        let b = text.as_bytes();
        let mut starts = Vec::with_capacity(b.len() / 40 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Self { starts, last: std::cell::Cell::new((0, 0)) }
    }

    /// Where the line after 1-based `line` starts (`None` for the last line).
    fn next_start(&self, line: u32) -> Option<usize> {
        self.starts.get(line as usize).copied()
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let i = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(i).unwrap_or(u32::MAX)
    }

    /// The 1-based column, in characters, of byte `offset` of `text`.
    pub fn column(&self, text: &str, offset: usize) -> u32 {
        let i = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(i).copied().unwrap_or(0).min(offset);
        let (last_offset, last_col) = self.last.get();
        let (from, before) = if (start..=offset).contains(&last_offset) { (last_offset, last_col) } else { (start, 0) };
        let col = before + text.get(from..offset).map_or(0, |s| s.chars().count());
        self.last.set((offset, col));
        u32::try_from(col + 1).unwrap_or(u32::MAX)
    }
}

/// Parses `text[start..]` into blocks, with lines counted over the whole `text`. Also returns
/// where containers (lists, items, block quotes, tables, footnotes) first nest deeper than
/// `max_depth`, as (depth, line).
pub(crate) fn parse(
    text: &str,
    start: usize,
    index: &LineIndex,
    max_depth: usize,
) -> (Vec<Block>, Option<(usize, u32)>) {
    let body = &text[start..];
    let mut depth = 0usize;
    let mut too_deep: Option<(usize, u32)> = None;
    let line_at = |off: usize| index.line(start + off);
    // The line of `off`, and a shadow line with room for the rest of that source line (up to
    // LINE_ROOM): one search of the index for both.
    let new_line = |off: usize| {
        let line = line_at(off);
        let next = index.next_start(line).unwrap_or(text.len());
        Line { text: String::with_capacity(next.saturating_sub(start + off).min(LINE_ROOM)), line }
    };
    let new_block = |kind: BlockKind, off: usize, depth: usize| {
        let first = new_line(off);
        let depth = u16::try_from(depth).unwrap_or(u16::MAX);
        Block { kind, line: first.line, lines: vec![first], links: Vec::new(), depth, cell: None }
    };
    // The table being read: its number, the row and the column of the next cell.
    let mut tables = 0u32;
    // Where an HTML table not closed yet started.
    let mut table_from: Option<usize> = None;
    let mut cell_at = CellPos { table: 0, row: 0, col: 0 };
    let mut blocks = Vec::new();
    let mut cur: Option<Block> = None;
    let mut link: Option<RawLink> = None;
    let mut skip = 0usize;
    let mut image = 0usize;

    fn flush(cur: &mut Option<Block>, blocks: &mut Vec<Block>) {
        if let Some(b) = cur.take()
            && !b.is_empty()
        {
            blocks.push(b);
        }
    }

    for (event, range) in markdown::parser(body).into_offset_iter() {
        match &event {
            Event::Start(
                Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => {
                depth += 1;
                if depth > max_depth && too_deep.is_none() {
                    too_deep = Some((depth, line_at(range.start)));
                }
            }
            Event::End(
                TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::FootnoteDefinition,
            ) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        if too_deep.is_some() {
            // The note will be refused: no need to read the rest.
            break;
        }
        // An HTML table (`<table>` to `</table>`, across the HTML blocks blank lines cut it into):
        // its cells, read from the note's text when it closes or something else starts.
        if let Event::Html(t) = &event {
            if table_from.is_none() && t.to_ascii_lowercase().contains("<table") {
                table_from = Some(range.start);
            }
            if let Some(from) = table_from
                && t.to_ascii_lowercase().contains("</table")
            {
                flush(&mut cur, &mut blocks);
                blocks
                    .extend(super::html_table::cells(&body[from..range.end], start + from, tables, &|o| index.line(o)));
                tables += 1;
                table_from = None;
            }
        } else if let (Some(from), Event::Start(tag)) = (table_from, &event)
            && skip == 0
            && !matches!(tag, Tag::HtmlBlock)
        {
            flush(&mut cur, &mut blocks);
            blocks.extend(super::html_table::cells(&body[from..range.start], start + from, tables, &|o| index.line(o)));
            tables += 1;
            table_from = None;
        }
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                flush(&mut cur, &mut blocks);
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1);
            }
            _ if skip > 0 => {}
            // `<br>` inside a paragraph or a table cell breaks the line (`Title<br/>Speaker`).
            Event::InlineHtml(t) if is_br(&t) => {
                if let Some(b) = cur.as_mut() {
                    b.lines.push(new_line(range.end));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut cur, &mut blocks);
                cur = Some(new_block(BlockKind::Heading(level as u8), range.start, depth));
            }
            Event::Start(Tag::Paragraph) => {
                let reuse = matches!(&cur, Some(b) if b.kind == BlockKind::Item && b.is_empty());
                if !reuse {
                    flush(&mut cur, &mut blocks);
                    cur = Some(new_block(BlockKind::Paragraph, range.start, depth));
                }
            }
            Event::Start(Tag::Item) => {
                flush(&mut cur, &mut blocks);
                cur = Some(new_block(BlockKind::Item, range.start, depth));
            }
            Event::Start(Tag::Table(_)) => {
                flush(&mut cur, &mut blocks);
                cell_at = CellPos { table: tables, row: 0, col: 0 };
                tables += 1;
            }
            Event::Start(Tag::TableHead) => cell_at.col = 0,
            Event::Start(Tag::TableRow) => {
                cell_at.row += 1;
                cell_at.col = 0;
            }
            Event::Start(Tag::TableCell) => {
                flush(&mut cur, &mut blocks);
                let mut b = new_block(BlockKind::Cell, range.start, depth);
                b.cell = Some(cell_at);
                cell_at.col = cell_at.col.saturating_add(1);
                cur = Some(b);
            }
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_))
            | Event::End(
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => flush(&mut cur, &mut blocks),
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                link = Some(RawLink {
                    text: String::new(),
                    url: dest_url.into_string(),
                    line: line_at(range.start),
                    column: index.column(text, start + range.start),
                    email: link_type == LinkType::Email,
                });
            }
            Event::End(TagEnd::Link) => {
                if let Some(mut l) = link.take() {
                    l.text = collapse(std::mem::take(&mut l.text));
                    let b = cur.get_or_insert_with(|| Block::new(BlockKind::Paragraph, l.line));
                    if b.links.len() < MARK_COUNT {
                        let mark = char::from_u32(MARK_BASE + b.links.len() as u32).unwrap_or('\u{FFFD}');
                        b.links.push(l);
                        b.lines.last_mut().expect("a block has a line").text.push(mark);
                    } else {
                        b.push_text(&l.text);
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            Event::Start(Tag::Emphasis | Tag::Strong) | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                if link.is_none()
                    && image == 0
                    && let Some(b) = cur.as_mut()
                {
                    b.push_text("*");
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(l) = link.as_mut() {
                    if is_plain(&t) {
                        l.text.push_str(&t);
                    } else {
                        l.text.extend(t.chars().filter_map(clean));
                    }
                } else if image == 0 {
                    cur.get_or_insert_with(|| new_block(BlockKind::Paragraph, range.start, depth)).push_text(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(l) = link.as_mut() {
                    l.text.push(' ');
                } else if let Some(b) = cur.as_mut() {
                    b.lines.push(new_line(range.end));
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut blocks);
    (blocks, too_deep)
}

/// `<br>`, `<br/>`, `<BR />`.
fn is_br(t: &str) -> bool {
    let t = t.trim().to_ascii_lowercase();
    t.strip_prefix("<br").is_some_and(|r| r.trim_start_matches([' ', '/']) == ">")
}

/// Collapses runs of white space into one space and trims.
/// A character of text as extraction keeps it: control characters become spaces, and bidi
/// controls (embeddings, overrides, isolates, marks) are dropped, so a name cannot hide or
/// reorder text in what is written ("Trojan source"); `None` drops the character.
pub(crate) fn clean(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => Some(c),
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => None,
        c if c.is_control() => Some(' '),
        c => Some(c),
    }
}

/// Whether no character of `text` is changed by [`clean`] or is a link placeholder, by its
/// bytes: every such character is a control byte, or starts with `C2` (C1 controls), `E2`
/// (bidi controls), `EE` or `EF` (private use, byte order mark). Most text is plain, and is
/// then copied whole instead of character by character.
///
/// Eight bytes at a time: a word none of whose bytes is a control byte or one of those lead
/// bytes is plain as it is; only a word that holds one is looked at byte by byte.
pub(crate) fn is_plain(text: &str) -> bool {
    let mut words = text.as_bytes().chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        if may_be_unplain(x) && !w.iter().all(|&b| plain_byte(b)) {
            return false;
        }
    }
    words.remainder().iter().all(|&b| plain_byte(b))
}

/// Whether one byte of a UTF-8 string leaves it plain (see [`is_plain`]).
fn plain_byte(b: u8) -> bool {
    match b {
        b'\t' | b'\n' => true,
        0..0x20 | 0x7F | 0xC2 | 0xE2 | 0xEE | 0xEF => false,
        _ => true,
    }
}

/// Whether any byte of the word `x` is below 0x20, or is 0x7F, 0xC2, 0xE2, 0xEE or 0xEF.
/// Exact (the classic "has a zero byte" and "has a byte less than n" tests carry no false
/// negatives); a word flagged is then checked byte by byte anyway.
fn may_be_unplain(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let less = |n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    if less(0x20) | zero(x ^ (ONES * 0x7F)) != 0 {
        return true;
    }
    // The lead bytes are only looked for in a word that is not all ASCII.
    x & HIGH != 0
        && (zero(x ^ (ONES * 0xC2)) | zero(x ^ (ONES * 0xE2)) | zero(x ^ (ONES * 0xEE)) | zero(x ^ (ONES * 0xEF))) != 0
}

/// `s` with runs of white space made one space, trimmed, cleaned as [`clean`] cleans; `s`
/// itself when that changes nothing.
pub(crate) fn collapse(s: String) -> String {
    if is_collapsed_ascii(&s) { s } else { collapse_general(&s) }
}

/// [`collapse`] without the fast path for text that is already collapsed.
fn collapse_general(s: &str) -> String {
    let cleaned: String;
    let s = if !is_plain(s) && s.chars().any(|c| clean(c) != Some(c)) {
        cleaned = s.chars().filter_map(clean).collect();
        cleaned.as_str()
    } else {
        s
    };
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `s` is printable ASCII (`!`..=`~` and spaces) with single spaces between words
/// and none at either end, which [`collapse`] gives back as it is: [`clean`] changes no such
/// character, and the only white space among them is the space.
fn is_collapsed_ascii(s: &str) -> bool {
    let mut after_space = true;
    for &b in s.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            0x21..=0x7E => after_space = false,
            _ => return false,
        }
    }
    !after_space || s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_plain`] as it was, one byte at a time: the reference for the word-wise one.
    fn is_plain_bytewise(text: &str) -> bool {
        text.bytes().all(plain_byte)
    }

    /// [`Block::render_into`] as it was, one character at a time.
    fn render_charwise(block: &Block, text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match block.link(c) {
                Some(l) => out.push_str(&l.text),
                None if c == '*' => {}
                None => out.push(c),
            }
        }
        out
    }

    /// [`Block::plain`] as it was.
    fn plain_copying(block: &Block) -> String {
        let mut out = String::new();
        for (i, l) in block.lines.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&render_charwise(block, &l.text));
        }
        out.trim().to_owned()
    }

    /// Characters that matter to the fast paths, and some that do not.
    fn tricky_char() -> impl proptest::strategy::Strategy<Value = char> {
        proptest::prop_oneof![
            proptest::sample::select(vec![
                'a',
                ' ',
                '*',
                '\t',
                '\n',
                '\r',
                '\u{0}',
                '\u{1F}',
                '\u{7F}',
                '\u{80}',
                '\u{85}',
                '\u{A0}',
                '\u{BF}',
                'Ü',
                '\u{200E}',
                '\u{202E}',
                '\u{2066}',
                '\u{2014}',
                '東',
                '\u{E000}',
                '\u{E001}',
                '\u{E002}',
                '\u{E0FF}',
                '\u{F8FF}',
                '\u{F900}',
                '\u{FEFF}',
                '\u{FFFD}',
                '\u{1F600}',
                '\u{3000}',
            ]),
            proptest::char::any(),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn collapse_fast_path_agrees_with_general(chars in proptest::collection::vec(proptest::prop_oneof![
            tricky_char(),
            proptest::sample::select(vec![' ', ' ', 'x', '~', '!', '\u{B}', '\u{C}', '\u{1C}', '\u{2000}']),
            proptest::char::range('\u{0}', '\u{80}'),
        ], 0..20)) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(collapse(text.clone()), collapse_general(&text), "{:?}", text);
            if is_collapsed_ascii(&text) {
                proptest::prop_assert_eq!(&collapse_general(&text), &text);
            }
        }

        #[test]
        fn wordwise_is_plain_agrees_with_bytewise(chars in proptest::collection::vec(tricky_char(), 0..40)) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(is_plain(&text), is_plain_bytewise(&text), "{:?}", text);
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(is_plain(&text[i..]), is_plain_bytewise(&text[i..]), "{:?}", &text[i..]);
            }
        }

        #[test]
        fn runwise_render_and_plain_agree_with_charwise(
            lines in proptest::collection::vec(proptest::collection::vec(tricky_char(), 0..30), 1..4),
            links in proptest::collection::vec(proptest::collection::vec(tricky_char(), 0..6), 0..3),
        ) {
            let mut b = Block::new(BlockKind::Paragraph, 1);
            b.lines = lines.into_iter().map(|l| Line { text: l.into_iter().collect(), line: 1 }).collect();
            b.links = links
                .into_iter()
                .map(|t| RawLink { text: t.into_iter().collect(), url: String::new(), line: 1, column: 1, email: false })
                .collect();
            for l in &b.lines {
                proptest::prop_assert_eq!(b.render(&l.text), render_charwise(&b, &l.text), "{:?}", l.text);
            }
            proptest::prop_assert_eq!(b.plain(), plain_copying(&b));
        }
    }

    #[test]
    fn wordwise_is_plain_agrees_with_bytewise_on_every_byte_at_every_place() {
        // Each byte value at each place of a 17-byte ASCII string, and next to each other
        // byte value in one word (both orders), so borrows between bytes are covered too.
        let base = *b"abcdefghijklmnopq";
        for v in 0..=0x7Fu8 {
            for at in 0..base.len() {
                let mut b = base;
                b[at] = v;
                let s = std::str::from_utf8(&b).expect("ASCII");
                assert_eq!(is_plain(s), is_plain_bytewise(s), "{s:?}");
            }
        }
        for (x, y) in (0..=0xFFu8).flat_map(|x| (0..=0xFFu8).map(move |y| (x, y))) {
            for at in 0..7 {
                let mut w = [b'a'; 8];
                w[at] = x;
                w[at + 1] = y;
                let word = u64::from_le_bytes(w);
                let any = w.iter().any(|&b| matches!(b, 0..0x20 | 0x7F | 0xC2 | 0xE2 | 0xEE | 0xEF));
                assert_eq!(may_be_unplain(word), any, "{w:?}");
            }
        }
    }

    fn blocks(text: &str) -> Vec<Block> {
        parse(text, 0, &LineIndex::new(text), usize::MAX).0
    }

    #[test]
    fn links_become_marks_and_lines_are_kept() {
        let b = blocks("# T\nby [A](https://a.example/) - Org\nsecond *line*\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].kind, BlockKind::Heading(1));
        assert_eq!(b[1].lines.len(), 2);
        assert_eq!(b[1].lines[0].text, "by \u{E000} - Org");
        assert_eq!(b[1].lines[1].line, 3);
        assert_eq!(b[1].lines[1].text, "second *line*");
        assert_eq!(b[1].links[0].url, "https://a.example/");
        assert_eq!(b[1].plain(), "by A - Org second line");
    }

    #[test]
    fn code_html_and_comments_are_not_mined() {
        let b = blocks(
            "```\n[x](https://x.example/)\n```\n<!-- [y](https://y.example/) -->\n\ntext <!-- [z](https://z.example/) --> end\n",
        );
        assert_eq!(b.len(), 1);
        assert!(b[0].links.is_empty());
        assert_eq!(b[0].plain().split_whitespace().collect::<Vec<_>>(), ["text", "end"]);
    }

    #[test]
    fn tight_and_loose_list_items() {
        let b = blocks("- [a](https://a.example/) - x\n- b\n\n1. c\n\n   d\n");
        let kinds: Vec<_> = b.iter().map(|b| (b.kind, b.plain())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Item, "a - x".to_owned()),
                (BlockKind::Item, "b".to_owned()),
                (BlockKind::Item, "c".to_owned()),
                (BlockKind::Paragraph, "d".to_owned())
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr_lines() {
        let idx = LineIndex::new("a\r\nb\rc\n");
        assert_eq!((idx.line(0), idx.line(3), idx.line(5)), (1, 2, 3));
        assert_eq!(idx.starts, [0, 3, 5, 7]);
        assert_eq!(LineIndex::new("\r\r\n\n\r").starts, [0, 1, 3, 4, 5]);
    }

    #[test]
    fn plain_text_is_exactly_what_clean_and_marks_leave_alone() {
        // Every scalar value: is_plain may say no for a character that needs nothing (C2 A0
        // is a no-break space), never yes for one that clean changes or that is a mark.
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            if is_plain(s) {
                assert!(clean(c) == Some(c) && !is_mark(c), "{c:?} is not plain");
            }
        }
        assert!(is_plain("by Ada Lovelace - Ünïcødé 東京 \t\n"));
        assert!(!is_plain("a\u{202E}b") && !is_plain("a\u{E000}") && !is_plain("\u{85}") && !is_plain("\r"));
        let mut b = Block::new(BlockKind::Paragraph, 1);
        b.push_text("x\u{E001}\u{202E}y\u{7}");
        assert_eq!(b.lines[0].text, "x\u{FFFD}y ");
    }

    #[test]
    fn private_use_characters_in_input_are_not_links() {
        let b = blocks("x \u{E000} y");
        assert!(b[0].link(b[0].lines[0].text.chars().nth(2).unwrap_or(' ')).is_none());
    }
}
