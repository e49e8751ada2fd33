//! The RDF view of a [`Dataset`]: each note's statements (what it says, and where it says it),
//! and the default graph as their union. Every RDF writer uses these, so all formats state
//! exactly the same graph.

use std::borrow::Cow;

use oxrdf::{Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, TermRef, Triple, TripleRef};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::{EmailMode, ExportOptions, ProvenanceMode};
use crate::dataset::{Dataset, note_of};

use crate::graph::{Entity, EntityKind, KnowledgeGraph, Relation};
use crate::model::TalkKind;
use crate::resolve::note_iri;
use crate::text::hex::push_hex;
use crate::vocab::{foaf, owl, prov, rdf, schema, tg, xsd};

/// The class of an entity.
pub fn class_of(e: &Entity) -> &'static str {
    match e.kind {
        EntityKind::Note if e.note.as_ref().is_some_and(|n| n.front_matter) => schema::BLOG_POSTING,
        kind => class(kind),
    }
}

/// The class of an entity kind (notes: `schema:DigitalDocument`; with front matter they are
/// `schema:BlogPosting`, see [`class_of`]).
pub fn class(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Event | EntityKind::Talk => schema::EVENT,
        EntityKind::Person => schema::PERSON,
        EntityKind::Organization => schema::ORGANIZATION,
        EntityKind::Tool => schema::SOFTWARE_APPLICATION,
        EntityKind::Repository => schema::SOFTWARE_SOURCE_CODE,
        EntityKind::Slides => schema::PRESENTATION_DIGITAL_DOCUMENT,
        EntityKind::Recording => schema::VIDEO_OBJECT,
        EntityKind::Book => schema::BOOK,
        EntityKind::WebPage => schema::WEB_PAGE,
        EntityKind::Concept => schema::THING,
        EntityKind::Note => schema::DIGITAL_DOCUMENT,
    }
}

/// The concept for a talk kind.
pub fn talk_kind(kind: TalkKind) -> &'static str {
    match kind {
        TalkKind::Keynote => tg::KEYNOTE,
        TalkKind::Talk => tg::TALK,
        TalkKind::Workshop => tg::WORKSHOP,
        TalkKind::Tutorial => tg::TUTORIAL,
        TalkKind::Panel => tg::PANEL,
        TalkKind::Lightning => tg::LIGHTNING_TALK,
    }
}

/// The predicate of a relation.
pub fn predicate(rel: Relation) -> &'static str {
    match rel {
        Relation::SuperEvent => schema::SUPER_EVENT,
        Relation::Performer => schema::PERFORMER,
        Relation::Affiliation => schema::AFFILIATION,
        Relation::Mentions => schema::MENTIONS,
        Relation::InferredMention => tg::INFERRED_MENTION,
        Relation::WorkFeatured => schema::WORK_FEATURED,
        Relation::RecordedIn => schema::RECORDED_IN,
        Relation::Author => schema::AUTHOR,
        Relation::TargetProduct => schema::TARGET_PRODUCT,
        Relation::Publisher => schema::PUBLISHER,
        Relation::About => schema::ABOUT,
        Relation::SameAs => owl::SAME_AS,
    }
}

/// Prefixes the RDF writers may use: the vocabularies, then one per entity kind under the base.
/// Sorted by name.
pub fn prefixes(base: &str) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = vec![
        ("foaf".into(), foaf::NS.into()),
        ("owl".into(), owl::NS.into()),
        ("prov".into(), prov::NS.into()),
        ("rdf".into(), rdf::NS.into()),
        ("schema".into(), schema::NS.into()),
        ("tg".into(), tg::NS.into()),
        ("xsd".into(), xsd::NS.into()),
    ];
    p.extend(EntityKind::ALL.iter().map(|k| (k.segment().to_owned(), format!("{base}{}/", k.segment()))));
    p.sort();
    p
}

/// An IRI from data (a URL in a note): only absolute `http(s)` URLs are written, with the
/// characters an IRI may not hold (spaces, quotes, angle brackets, braces, `|`, `\`, `^`, a
/// backquote, controls) percent-encoded, and only if the result parses. `javascript:`, `data:`,
/// `file:` and relative links never become IRIs.
///
/// ```
/// use talkgraph::export::rdf::data_iri;
/// assert_eq!(data_iri("https://a.example/a b\"<c>").unwrap().as_str(), "https://a.example/a%20b%22%3Cc%3E");
/// assert_eq!(data_iri("https://éxample.example/ü").unwrap().as_str(), "https://éxample.example/ü");
/// assert!(data_iri("javascript:alert(1)").is_none());
/// assert!(data_iri("../notes/other.md").is_none());
/// assert!(data_iri("https://a b.example/").is_none(), "a space in the host is not a URL");
/// ```
pub fn data_iri(url: &str) -> Option<NamedNode> {
    web_iri(url).map(|iri| NamedNode::new_unchecked(iri.into_owned()))
}

/// [`data_iri`], borrowing `url` when it needs no encoding.
fn web_iri(url: &str) -> Option<Cow<'_, str>> {
    // A plain IRI (the common case) is a web URL that needs no encoding: one scan, not three.
    if plainly_an_iri(url) {
        return Some(Cow::Borrowed(url));
    }
    if !crate::text::is_web(url) {
        return None;
    }
    let needs = |c: char| c.is_control() || matches!(c, ' ' | '"' | '<' | '>' | '{' | '}' | '|' | '\\' | '^' | '`');
    // (A URL without such characters has none in its host: one scan, of bytes.)
    if !needs_encoding(url) {
        return NamedNodeRef::new(url).is_ok().then_some(Cow::Borrowed(url));
    }
    // Only the path, query and fragment are encoded: a host with such characters is no host.
    let host_end = url.find("//").map_or(0, |i| i + 2);
    let host_end = url[host_end..].find(['/', '?', '#']).map_or(url.len(), |i| host_end + i);
    if url[..host_end].contains(needs) {
        return None;
    }
    let mut encoded = String::with_capacity(url.len() + 16);
    encoded.push_str(&url[..host_end]);
    for c in url[host_end..].chars() {
        if needs(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                crate::text::hex::push_percent(&mut encoded, b);
            }
        } else {
            encoded.push(c);
        }
    }
    NamedNodeRef::new(&encoded).is_ok().then_some(Cow::Owned(encoded))
}

/// Whether `url` is an IRI by a test of its bytes that accepts only what the IRI parser
/// (`NamedNodeRef::new`) accepts: `http://` or `https://`, a host of ASCII letters, digits,
/// `-` and `.` with an optional port of digits, then path, query and fragment of unreserved
/// characters, sub-delimiters, `:`, `@`, `/` and `?`, with at most one `#`. Anything else
/// (`%`, `[`, user info, non-ASCII, ...) is left to the parser: the profile showed the parser
/// taking most of the writing of a URL.
fn plainly_an_iri(url: &str) -> bool {
    let Some(rest) = after_http_scheme(url) else { return false };
    // One scan, by tables: the host, an optional port, then path, query and fragment (the
    // profile showed three scans of the authority and a match per byte).
    let host = rest.iter().position(|&c| !HOST[usize::from(c)]).unwrap_or(rest.len());
    if host == 0 {
        return false;
    }
    let mut i = host;
    if rest.get(i) == Some(&b':') {
        i += 1 + rest[i + 1..].iter().position(|c| !c.is_ascii_digit()).unwrap_or(rest.len() - i - 1);
    }
    if !matches!(rest.get(i), None | Some(b'/' | b'?' | b'#')) {
        return false;
    }
    let tail = &rest[i..];
    match tail.iter().position(|&c| !PLAIN[usize::from(c)]) {
        None => true,
        Some(k) => tail[k] == b'#' && tail[k + 1..].iter().all(|&c| PLAIN[usize::from(c)]),
    }
}

/// What follows `http://` or `https://` in `url`, as bytes.
fn after_http_scheme(url: &str) -> Option<&[u8]> {
    let b = url.as_bytes();
    b.strip_prefix(b"https://").or_else(|| b.strip_prefix(b"http://"))
}

/// ASCII letters, digits, `-` and `.`: what [`plainly_an_iri`] takes for a host.
static HOST: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c == b'-' as usize || c == b'.' as usize;
        c += 1;
    }
    t
};

/// Unreserved characters, sub-delimiters, `:`, `@`, `/` and `?`: what [`plainly_an_iri`] takes
/// in a path, query or fragment.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    let others = b"-._~!$&'()*+,;=:@/?";
    let mut k = 0;
    while k < others.len() {
        t[others[k] as usize] = true;
        k += 1;
    }
    t
};

/// Whether `s` holds a character [`web_iri`] encodes (a control, a space, `"<>{}|\\^` or a
/// backquote), looking at bytes: the controls are U+0000–U+001F and U+007F–U+009F
/// (`char::is_control`), the last 32 encoded as 0xC2 0x80–0x9F.
fn needs_encoding(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        0..=0x1f | 0x7f | b' ' | b'"' | b'<' | b'>' | b'{' | b'}' | b'|' | b'\\' | b'^' | b'`' => true,
        0xc2 => b.get(i + 1).is_some_and(|y| (0x80..=0x9f).contains(y)),
        _ => false,
    })
}

/// A string of a statement: borrowed from the graph, or made for it (a range of
/// [`Drafts::made`]).
#[derive(Debug, Clone, Copy)]
enum Text<'g> {
    Graph(&'g str),
    Made(usize, usize),
}

/// The object of a statement in the making.
#[derive(Debug, Clone, Copy)]
enum Object<'g> {
    Iri(Text<'g>),
    Plain(Text<'g>),
    Tagged(Text<'g>, Text<'g>),
    Typed(Text<'g>, &'static str),
}

/// Statements in the making (one subject's, or a note's source lines and reified statements):
/// strings of the graph are borrowed, and the few made here (line and statement IRIs, hashes,
/// encoded URLs) are appended to one buffer, reused from subject to subject. The profile of
/// owned `oxrdf::Triple`s showed three allocations and copies per statement.
#[derive(Debug, Default)]
struct Drafts<'g> {
    made: String,
    drafts: Vec<(Text<'g>, &'static str, Object<'g>)>,
}

impl<'g> Drafts<'g> {
    fn clear(&mut self) {
        self.made.clear();
        self.drafts.clear();
    }

    fn push(&mut self, s: Text<'g>, p: &'static str, o: Object<'g>) {
        self.drafts.push((s, p, o));
    }

    /// Appends what `f` writes to the buffer.
    fn make(&mut self, f: impl FnOnce(&mut String)) -> Text<'g> {
        let start = self.made.len();
        f(&mut self.made);
        Text::Made(start, self.made.len())
    }

    /// `{note}#L{line}`.
    fn line_iri(&mut self, note: &str, line: u32) -> Text<'g> {
        self.make(|m| {
            m.push_str(note);
            m.push_str("#L");
            push_number(m, line);
        })
    }

    fn text(&self, t: Text<'g>) -> &str {
        match t {
            Text::Graph(s) => s,
            Text::Made(start, end) => &self.made[start..end],
        }
    }

    /// The statements as borrowed triples, unsorted.
    #[cfg(test)]
    fn unsorted(&self) -> Vec<TripleRef<'_>> {
        let mut out = Vec::new();
        self.unsorted_into(&mut out);
        out
    }

    /// [`Drafts::unsorted`] into `out` (cleared first), whose allocation is reused.
    fn unsorted_into<'s>(&'s self, out: &mut Vec<TripleRef<'s>>) {
        let iri = |t| NamedNodeRef::new_unchecked(self.text(t));
        out.clear();
        out.extend(self.drafts.iter().map(|&(s, p, o)| {
            let object: TermRef<'_> = match o {
                Object::Iri(t) => iri(t).into(),
                Object::Plain(t) => LiteralRef::new_simple_literal(self.text(t)).into(),
                Object::Tagged(t, lang) => {
                    LiteralRef::new_language_tagged_literal_unchecked(self.text(t), self.text(lang)).into()
                }
                Object::Typed(t, datatype) => {
                    LiteralRef::new_typed_literal(self.text(t), NamedNodeRef::new_unchecked(datatype)).into()
                }
            };
            TripleRef::new(iri(s), NamedNodeRef::new_unchecked(p), object)
        }));
    }

    /// Whether two subjects are the same text: the same borrowed string or made range first.
    #[inline]
    fn same(&self, a: Text<'g>, b: Text<'g>) -> bool {
        match (a, b) {
            (Text::Graph(x), Text::Graph(y)) if std::ptr::eq(x, y) => true,
            (Text::Made(x0, x1), Text::Made(y0, y1)) if (x0, x1) == (y0, y1) => true,
            _ => self.text(a) == self.text(b),
        }
    }

    /// The statements as borrowed triples, sorted as [`sort`] sorts, without duplicates.
    ///
    /// Statements are pushed a subject at a time (one entity's, one source line's, one reified
    /// statement's), so instead of one sort comparing long subject IRIs (which share the note's
    /// IRI as a prefix) at every step, the runs of one subject are ordered by subject, runs of
    /// the same subject joined, and each sorted by predicate and object alone. The order is
    /// [`sort`]'s, a total order, so the result is the same (a proptest compares them).
    #[cfg(test)]
    fn triples(&self) -> Vec<TripleRef<'_>> {
        let mut out = Vec::new();
        self.triples_into(&mut out, "");
        out
    }

    /// [`Drafts::triples`] into `out` (cleared first), whose allocation is reused. `prefix`
    /// is what the subjects are expected to start with (a note's IRI, for its lines and
    /// reified statements): if they all do, subjects are compared after it.
    fn triples_into<'s>(&'s self, out: &mut Vec<TripleRef<'s>>, prefix: &str) {
        self.unsorted_into(out);
        // One subject (an entity's statements): no runs to order.
        if let Some(&(first, _, _)) = self.drafts.first()
            && self.drafts.iter().all(|&(s, _, _)| self.same(first, s))
        {
            out.sort_unstable_by(by_predicate_object);
            dedup(out);
            return;
        }
        let triples = std::mem::take(out);
        // Runs of consecutive statements with one subject: (subject, start, end).
        let mut runs: Vec<(Text<'g>, usize, usize)> = Vec::new();
        for (i, &(s, _, _)) in self.drafts.iter().enumerate() {
            match runs.last_mut() {
                Some((subject, _, end)) if self.same(*subject, s) => *end = i + 1,
                _ => runs.push((s, i, i + 1)),
            }
        }
        // Subjects sharing a prefix are ordered by what follows it (strings compare by bytes).
        let skip = if runs.iter().all(|r| self.text(r.0).starts_with(prefix)) { prefix.len() } else { 0 };
        runs.sort_unstable_by(|a, b| self.text(a.0).as_bytes()[skip..].cmp(&self.text(b.0).as_bytes()[skip..]));
        out.reserve(triples.len());
        let mut i = 0;
        while i < runs.len() {
            let start = out.len();
            let mut j = i;
            while j < runs.len() && (j == i || self.same(runs[i].0, runs[j].0)) {
                out.extend_from_slice(&triples[runs[j].1..runs[j].2]);
                j += 1;
            }
            out[start..].sort_unstable_by(by_predicate_object);
            i = j;
        }
        dedup(out);
    }
}

/// `Vec::dedup`, comparing predicates and objects before subjects (mostly the same, and long).
fn dedup(triples: &mut Vec<TripleRef<'_>>) {
    triples.dedup_by(|a, b| a.predicate == b.predicate && a.object == b.object && a.subject == b.subject);
}

/// An empty vector of another lifetime, keeping the allocation (collecting into a vector of a
/// type of the same size and alignment reuses the source's allocation).
fn recycle<'b>(mut v: Vec<TripleRef<'_>>) -> Vec<TripleRef<'b>> {
    v.clear();
    v.into_iter().map(|_| -> TripleRef<'b> { unreachable!("an empty vector") }).collect()
}

/// [`sort`]'s order for statements of one subject: predicate (`rdf:type` first), then object.
fn by_predicate_object(a: &TripleRef<'_>, b: &TripleRef<'_>) -> std::cmp::Ordering {
    let (pa, pb) = (a.predicate.as_str(), b.predicate.as_str());
    // Predicates are mostly the same constant: compare the pointers first.
    let predicates = if std::ptr::eq(pa, pb) {
        std::cmp::Ordering::Equal
    } else {
        (pa != rdf::TYPE).cmp(&(pb != rdf::TYPE)).then_with(|| pa.cmp(pb))
    };
    predicates.then_with(|| object_key(a).cmp(&object_key(b)))
}

/// The object of a statement as [`sort`] orders it: literals before IRIs, then by value,
/// language and datatype.
fn object_key<'a>(t: &TripleRef<'a>) -> (u8, &'a str, &'a str, &'a str) {
    match t.object {
        TermRef::Literal(l) => (0, l.value(), l.language().unwrap_or(""), l.datatype().as_str()),
        TermRef::NamedNode(n) => (1, n.as_str(), "", ""),
        TermRef::BlankNode(b) => (2, b.as_str(), "", ""),
    }
}

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// A text with its language, as `Literal::new_language_tagged_literal` makes it (the tag
/// lowercased, an invalid tag dropped); tags of two or three lowercase letters, the common
/// case, are borrowed as they are.
fn tagged<'g>(d: &mut Drafts<'g>, text: &'g str, lang: Option<&'g str>) -> Object<'g> {
    match lang {
        None => Object::Plain(Text::Graph(text)),
        Some(l) if (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()) => {
            Object::Tagged(Text::Graph(text), Text::Graph(l))
        }
        Some(l) => match Literal::new_language_tagged_literal(text, l) {
            Ok(literal) => {
                let tag = d.make(|m| m.push_str(literal.language().unwrap_or_default()));
                Object::Tagged(Text::Graph(text), tag)
            }
            Err(_) => Object::Plain(Text::Graph(text)),
        },
    }
}

/// [`data_iri`] as a statement's object, borrowed when the URL needs no encoding.
fn data_object<'g>(d: &mut Drafts<'g>, url: &'g str) -> Option<Object<'g>> {
    Some(Object::Iri(match web_iri(url)? {
        Cow::Borrowed(iri) => Text::Graph(iri),
        Cow::Owned(iri) => d.make(|m| m.push_str(&iri)),
    }))
}

/// What an entity says about itself (not its relations): type, names, links, descriptions,
/// dates, kinds, e-mails per the mode, note metadata.
fn entity_statements<'g>(e: &'g Entity, options: &ExportOptions, d: &mut Drafts<'g>) {
    let s = Text::Graph(e.iri.as_str());
    d.push(s, rdf::TYPE, Object::Iri(Text::Graph(class_of(e))));
    for n in &e.names {
        for lang in e.languages(n) {
            let o = tagged(d, n, lang);
            d.push(s, schema::NAME, o);
        }
    }
    let url_predicate = if e.kind == EntityKind::Repository { schema::CODE_REPOSITORY } else { schema::URL };
    for u in &e.urls {
        if let Some(o) = data_object(d, u) {
            d.push(s, url_predicate, o);
        }
    }
    for desc in &e.descriptions {
        for lang in e.languages(desc) {
            let o = tagged(d, desc, lang);
            d.push(s, schema::DESCRIPTION, o);
        }
    }
    if matches!(e.kind, EntityKind::Event | EntityKind::Talk) {
        for date in &e.dates {
            d.push(s, schema::START_DATE, Object::Typed(Text::Graph(date), xsd::DATE));
        }
    }
    for k in &e.talk_kinds {
        d.push(s, schema::ADDITIONAL_TYPE, Object::Iri(Text::Graph(talk_kind(*k))));
    }
    for u in &e.same_as {
        if let Some(o) = data_object(d, u) {
            d.push(s, schema::SAME_AS, o);
        }
    }
    for email in &e.emails {
        match options.emails {
            EmailMode::Omit => {}
            EmailMode::Hash => {
                let digest = Sha1::new().chain_update("mailto:").chain_update(email).finalize();
                let hash = d.make(|m| push_hex(m, &digest));
                d.push(s, foaf::MBOX_SHA1SUM, Object::Plain(hash));
            }
            EmailMode::Keep => {
                let start = d.made.len();
                let mailto = d.make(|m| {
                    m.push_str("mailto:");
                    m.push_str(email);
                });
                if NamedNodeRef::new(d.text(mailto)).is_ok() {
                    d.push(s, schema::EMAIL, Object::Iri(mailto));
                } else {
                    d.made.truncate(start);
                }
            }
        }
    }
    if let Some(n) = &e.note {
        d.push(s, tg::PATH, Object::Plain(Text::Graph(&n.path)));
        d.push(s, tg::SHA256, Object::Plain(Text::Graph(&n.sha256)));
        if let Some(p) = &n.published {
            let dt = if p.contains('T') { xsd::DATE_TIME } else { xsd::DATE };
            d.push(s, schema::DATE_PUBLISHED, Object::Typed(Text::Graph(p), dt));
        }
        for k in &n.keywords {
            d.push(s, schema::KEYWORDS, Object::Plain(Text::Graph(k)));
        }
    }
}

/// What a graph states, provenance included, sorted: a note's graph, or the merged graph (the
/// default graph, which is the union of the notes' graphs).
pub fn graph_statements(g: &KnowledgeGraph, options: &ExportOptions) -> Vec<Triple> {
    let mut out = Vec::new();
    let _ = for_each_subject(g, options, |group| {
        out.extend(group.iter().map(|t| t.into_owned()));
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// Calls `f` with the statements of each subject of `g`, subjects in IRI order and each group
/// sorted as [`sort`] sorts, so the concatenation is exactly [`graph_statements`]; nothing but
/// one subject's statements is held at a time, as terms borrowed from the graph. Entities come
/// in IRI order from the graph; a note's source lines (`<note#L12>`) and reified statements
/// (`<note#s-…>`) sort right after the note itself (`#` sorts before any other character a
/// note IRI may continue with).
pub fn for_each_subject<E>(
    g: &KnowledgeGraph,
    options: &ExportOptions,
    f: impl FnMut(&[TripleRef<'_>]) -> Result<(), E>,
) -> Result<(), E> {
    walk(g, options, true, f)
}

/// The IRIs and literals of [`for_each_subject`]'s statements, for choosing prefixes: the same
/// statements (duplicates possible), in groups not sorted, and every reified statement named
/// `{note}#s-` and sixteen zeros instead of its digest. A prefix test cannot tell the zeros from
/// the digest (both are sixteen letters or digits after `#s-`, and no namespace ends inside
/// them, as namespaces end with `/` or `#`), and a set of prefixes does not depend on order;
/// the profile of Turtle showed the prefix pass doing the digests and sorts of the writing pass.
pub(crate) fn for_each_unsorted<E>(
    g: &KnowledgeGraph,
    options: &ExportOptions,
    f: impl FnMut(&[TripleRef<'_>]) -> Result<(), E>,
) -> Result<(), E> {
    walk(g, options, false, f)
}

fn walk<E>(
    g: &KnowledgeGraph,
    options: &ExportOptions,
    sorted: bool,
    mut f: impl FnMut(&[TripleRef<'_>]) -> Result<(), E>,
) -> Result<(), E> {
    use petgraph::Direction::{Incoming, Outgoing};
    use petgraph::graph::{EdgeIndex, NodeIndex};
    use petgraph::visit::EdgeRef;

    let pg = g.petgraph();
    let with_provenance = options.provenance != ProvenanceMode::None;
    let lines = options.provenance == ProvenanceMode::Lines;
    // Each note's IRI, by note index.
    let note_iris: Vec<String> =
        if with_provenance { g.note_paths().iter().map(|p| note_iri(g.base(), p)).collect() } else { Vec::new() };
    // What each note states, for its source lines and reified statements.
    type Stated = (Vec<(NodeIndex, u32)>, Vec<(EdgeIndex, u32)>);
    let mut by_note: Vec<Stated> = Vec::new();
    if lines {
        by_note.resize_with(g.note_paths().len(), Stated::default);
        // Each note's vectors sized first (a note's graph has one note, whose vectors grew
        // by doubling: the profile showed the copies at 0.8% of a default run).
        let mut sizes = vec![(0usize, 0usize); by_note.len()];
        for i in pg.node_indices().filter(|&i| pg[i].kind != EntityKind::Note) {
            pg[i].sources.iter().for_each(|s| sizes[s.note as usize].0 += 1);
        }
        for e in pg.edge_indices() {
            let (a, _) = pg.edge_endpoints(e).expect("an edge of the graph");
            if pg[a].kind != EntityKind::Note {
                pg[e].sources.iter().for_each(|s| sizes[s.note as usize].1 += 1);
            }
        }
        for ((entities, edges), (n, m)) in by_note.iter_mut().zip(sizes) {
            entities.reserve_exact(n);
            edges.reserve_exact(m);
        }
        for i in pg.node_indices() {
            if pg[i].kind != EntityKind::Note {
                for s in &pg[i].sources {
                    by_note[s.note as usize].0.push((i, s.line));
                }
            }
        }
        for e in pg.edge_indices() {
            let (a, _) = pg.edge_endpoints(e).expect("an edge of the graph");
            if pg[a].kind != EntityKind::Note {
                for s in &pg[e].sources {
                    by_note[s.note as usize].1.push((e, s.line));
                }
            }
        }
    }
    let mut d = Drafts::default();
    // The statements handed to `f`, in one allocation reused from subject to subject.
    let mut spare: Vec<TripleRef<'static>> = Vec::new();
    for i in pg.node_indices() {
        let e = &pg[i];
        if e.kind == EntityKind::Note && !with_provenance {
            continue;
        }
        d.clear();
        entity_statements(e, options, &mut d);
        let s = Text::Graph(e.iri.as_str());
        for edge in pg.edges_directed(i, Outgoing) {
            d.push(s, predicate(edge.weight().relation), Object::Iri(Text::Graph(&pg[edge.target()].iri)));
        }
        for edge in pg.edges_directed(i, Incoming).filter(|x| x.weight().relation == Relation::SuperEvent) {
            d.push(s, schema::SUB_EVENT, Object::Iri(Text::Graph(&pg[edge.source()].iri)));
        }
        if with_provenance && e.kind != EntityKind::Note {
            for src in &e.sources {
                let note = note_iris[src.note as usize].as_str();
                let from = if lines && src.line > 0 { d.line_iri(note, src.line) } else { Text::Graph(note) };
                d.push(s, prov::WAS_DERIVED_FROM, Object::Iri(from));
            }
        }
        let mut group = recycle(std::mem::take(&mut spare));
        if sorted {
            d.triples_into(&mut group, "");
        } else {
            d.unsorted_into(&mut group);
        }
        f(&group)?;
        spare = recycle(group);
        // The note's own resources: its source lines and reified statements.
        let Some(meta) = e.note.as_ref().filter(|_| lines) else { continue };
        let Some((entities, edges)) = g.note_paths().binary_search(&meta.path).ok().and_then(|i| by_note.get(i)) else {
            continue;
        };
        let note = e.iri.as_str();
        d.clear();
        // The lines, sorted and distinct.
        let mut used: Vec<u32> =
            entities.iter().map(|(_, l)| *l).chain(edges.iter().map(|(_, l)| *l)).filter(|l| *l > 0).collect();
        used.sort_unstable();
        used.dedup();
        for line in used {
            let l = d.line_iri(note, line);
            d.push(l, rdf::TYPE, Object::Iri(Text::Graph(tg::SOURCE_LINE)));
            d.push(l, schema::IS_PART_OF, Object::Iri(Text::Graph(note)));
            let number = d.make(|m| push_number(m, line));
            d.push(l, tg::LINE, Object::Typed(number, xsd::INTEGER));
        }
        // `edges` is in edge order (pushed edge by edge above), so each edge's lines are a run.
        let mut digests = StatementDigests::default();
        for run in edges.chunk_by(|x, y| x.0 == y.0) {
            let edge = run[0].0;
            let (a, b) = pg.edge_endpoints(edge).expect("an edge of the graph");
            let p = predicate(pg[edge].relation);
            let (subject, object) = (pg[a].iri.as_str(), pg[b].iri.as_str());
            let digest = if sorted { digests.digest(subject, p, object) } else { [0; 32] };
            let st = d.make(|m| {
                m.push_str(note);
                m.push_str("#s-");
                push_hex(m, &digest[..8]);
            });
            d.push(st, rdf::TYPE, Object::Iri(Text::Graph(rdf::STATEMENT)));
            d.push(st, rdf::SUBJECT, Object::Iri(Text::Graph(subject)));
            d.push(st, rdf::PREDICATE, Object::Iri(Text::Graph(p)));
            d.push(st, rdf::OBJECT, Object::Iri(Text::Graph(object)));
            for &(_, line) in run {
                let from = if line > 0 { d.line_iri(note, line) } else { Text::Graph(note) };
                d.push(st, prov::WAS_DERIVED_FROM, Object::Iri(from));
            }
        }
        let mut fragments = recycle(std::mem::take(&mut spare));
        if !sorted {
            d.unsorted_into(&mut fragments);
            f(&fragments)?;
        } else {
            d.triples_into(&mut fragments, note);
            for chunk in fragments.chunk_by(|x, y| x.subject == y.subject) {
                f(chunk)?;
            }
        }
        spare = recycle(fragments);
    }
    Ok(())
}

/// The SHA-256 of a statement's subject, predicate and object: the id of its reification is
/// the first 16 hex digits.
#[cfg(test)]
fn statement_digest(s: &str, p: &str, o: &str) -> [u8; 32] {
    Sha256::new().chain_update(s).chain_update([0]).chain_update(p).chain_update([0]).chain_update(o).finalize().into()
}

/// [`statement_digest`] for statements met in edge order (by subject, then relation): the
/// hasher's state after `subject \0` and after `subject \0 predicate \0` is kept and cloned
/// for the next statement with the same subject (and predicate), so the blocks of a long
/// subject IRI are compressed once per subject, not once per statement.
#[derive(Default)]
struct StatementDigests<'g> {
    subject: Option<(&'g str, Sha256)>,
    predicate: Option<(&'static str, Sha256)>,
}

impl<'g> StatementDigests<'g> {
    fn digest(&mut self, s: &'g str, p: &'static str, o: &str) -> [u8; 32] {
        if !self.subject.as_ref().is_some_and(|(x, _)| std::ptr::eq(*x, s) || *x == s) {
            self.subject = Some((s, Sha256::new().chain_update(s).chain_update([0])));
            self.predicate = None;
        }
        if !self.predicate.as_ref().is_some_and(|(x, _)| std::ptr::eq(*x, p) || *x == p) {
            let (_, hasher) = self.subject.as_ref().expect("set above");
            self.predicate = Some((p, hasher.clone().chain_update(p).chain_update([0])));
        }
        let (_, hasher) = self.predicate.as_ref().expect("set above");
        hasher.clone().chain_update(o).finalize().into()
    }
}

/// Calls `write` with each note's graph name (its IRI) and statements, in path order. Notes are
/// resolved and turned into statements in parallel, a chunk at a time, so memory holds one
/// chunk of statements, not the whole dataset's.
pub fn for_each_note<E>(
    ds: &Dataset,
    options: &ExportOptions,
    mut write: impl FnMut(&NamedNode, &[Triple]) -> Result<(), E>,
) -> Result<(), E> {
    use rayon::prelude::*;
    const CHUNK: usize = 256;
    for start in (0..ds.note_count()).step_by(CHUNK) {
        let end = (start + CHUNK).min(ds.note_count());
        let chunk: Vec<(NamedNode, Vec<Triple>)> = (start..end)
            .into_par_iter()
            .filter_map(|i| {
                let g = ds.note_graph(i);
                let name = NamedNode::new_unchecked(note_of(&g)?);
                Some((name, graph_statements(&g, options)))
            })
            .collect();
        for (name, triples) in &chunk {
            write(name, triples)?;
        }
    }
    Ok(())
}

/// The default graph: every statement of every note, sorted, without duplicates.
pub fn triples(ds: &Dataset, options: &ExportOptions) -> Vec<Triple> {
    graph_statements(&ds.graph, options)
}

/// The statements of a graph without provenance.
pub fn graph_triples(g: &KnowledgeGraph, options: &ExportOptions) -> Vec<Triple> {
    graph_statements(g, &ExportOptions { provenance: ProvenanceMode::None, ..*options })
}

/// Sorts triples by subject, predicate (`rdf:type` first) and object (literals before IRIs, then
/// by value, language and datatype), and removes duplicates.
pub fn sort(triples: &mut Vec<TripleRef<'_>>) {
    fn subject<'a>(t: &TripleRef<'a>) -> &'a str {
        match t.subject {
            NamedOrBlankNodeRef::NamedNode(n) => n.as_str(),
            NamedOrBlankNodeRef::BlankNode(b) => b.as_str(),
        }
    }
    // Callers sort one subject or one note at a time, already in parallel: a sequential sort.
    triples.sort_unstable_by(|a, b| {
        subject(a)
            .cmp(subject(b))
            .then_with(|| (a.predicate.as_str() != rdf::TYPE).cmp(&(b.predicate.as_str() != rdf::TYPE)))
            .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
            .then_with(|| object_key(a).cmp(&object_key(b)))
    });
    triples.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The literal `tagged` drafts, made owned.
    fn drafted(text: &str, lang: Option<&str>) -> Literal {
        let mut d = Drafts::default();
        let o = tagged(&mut d, text, lang);
        d.push(Text::Graph("http://s.example/"), schema::NAME, o);
        match d.triples()[0].object {
            TermRef::Literal(l) => l.into_owned(),
            other => panic!("not a literal: {other}"),
        }
    }

    #[test]
    fn language_tags_are_written_as_oxrdf_makes_them() {
        for lang in ["en", "it", "fra", "it-IT", "EN", "pt-BR", "x", "zh-Hant-TW", "not a tag", "", "ab1"] {
            let made = Literal::new_language_tagged_literal("Ciao", lang)
                .unwrap_or_else(|_| Literal::new_simple_literal("Ciao"));
            assert_eq!(drafted("Ciao", Some(lang)), made, "{lang:?}");
        }
        assert_eq!(drafted("Ciao", None), Literal::new_simple_literal("Ciao"));
    }

    #[test]
    fn recycled_vectors_keep_their_allocation() {
        let x = NamedNodeRef::new_unchecked("x:");
        let v = vec![TripleRef::new(x, x, x); 10];
        let capacity = v.capacity();
        let v: Vec<TripleRef<'_>> = recycle(v);
        assert!(v.is_empty());
        assert_eq!(v.capacity(), capacity);
    }

    /// The first implementation of [`plainly_an_iri`] (three scans and a match), for comparison.
    fn plainly_an_iri_by_matches(url: &str) -> bool {
        let Some(rest) = after_http_scheme(url) else { return false };
        let host_end = rest.iter().position(|c| matches!(c, b'/' | b'?' | b'#')).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(host_end);
        let (host, port) = match authority.iter().position(|&c| c == b':') {
            Some(i) => (&authority[..i], &authority[i + 1..]),
            None => (authority, &b""[..]),
        };
        if host.is_empty()
            || !host.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.'))
            || !port.iter().all(u8::is_ascii_digit)
        {
            return false;
        }
        let mut fragment = false;
        tail.iter().all(|&c| match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => true,
            b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {
                true
            }
            b':' | b'@' | b'/' | b'?' => true,
            b'#' if !fragment => {
                fragment = true;
                true
            }
            _ => false,
        })
    }

    #[test]
    fn plain_iris() {
        for url in
            ["https://a.example", "http://a.example:8080/x/y?q=1&r=a:b@c#frag/?", "https://docs.ray.io/en/master/"]
        {
            assert!(plainly_an_iri(url), "{url}");
        }
        for url in [
            "https://a.example/#a#b",
            "https://a.example/%41",
            "https://u@a.example/",
            "https://a.example:8o/",
            "https://[::1]/",
            "https:///x",
            "https://a.example/é",
        ] {
            assert!(!plainly_an_iri(url), "{url}");
        }
    }

    #[test]
    fn statements_borrow_what_needs_no_encoding() {
        let url = "https://a.example/ok";
        assert!(matches!(web_iri(url), Some(Cow::Borrowed(u)) if u == url));
        assert!(matches!(web_iri("https://a.example/a b"), Some(Cow::Owned(u)) if u == "https://a.example/a%20b"));
    }

    /// A subject's statements as `d` drafts them, in a random order and split into runs.
    fn drafts_of<'g>(d: &mut Drafts<'g>, subjects: &'g [String], statements: &[(usize, usize, usize, usize)]) {
        const PREDICATES: [&str; 5] = [rdf::TYPE, schema::NAME, schema::URL, prov::WAS_DERIVED_FROM, tg::LINE];
        const VALUES: [&str; 4] = ["https://a.example/x", "x", "https://a.example/x#L1", ""];
        for &(s, p, o, kind) in statements {
            let subject = if s % 2 == 0 {
                Text::Graph(subjects[s % subjects.len()].as_str())
            } else {
                let subject = &subjects[s % subjects.len()];
                d.make(|m| m.push_str(subject))
            };
            let value = Text::Graph(VALUES[o % VALUES.len()]);
            let object = match kind % 4 {
                0 => Object::Iri(value),
                1 => Object::Plain(value),
                2 => Object::Tagged(value, Text::Graph(["en", "it"][o % 2])),
                _ => Object::Typed(value, xsd::INTEGER),
            };
            d.push(subject, PREDICATES[p % PREDICATES.len()], object);
        }
    }

    proptest! {
        /// Sorting runs of one subject gives what one sort of every statement gave.
        #[test]
        fn triples_are_sorted_as_sort_sorts(
            subjects in proptest::collection::vec("https://a\\.example/(n#L[0-9]{1,2}|n#s-[0-9a-f]{2}|[a-c]{0,2})", 1..6),
            statements in proptest::collection::vec((0usize..12, 0usize..5, 0usize..4, 0usize..4), 0..40),
        ) {
            let mut d = Drafts::default();
            drafts_of(&mut d, &subjects, &statements);
            let mut expected = d.unsorted();
            sort(&mut expected);
            prop_assert_eq!(&d.triples(), &expected);
            // With a prefix every subject has, or only some have.
            for prefix in ["https://a.example/", "https://a.example/n#", "https://a.example/n#L"] {
                let mut got = vec![TripleRef::new(NamedNodeRef::new_unchecked("x:"), NamedNodeRef::new_unchecked("x:"), NamedNodeRef::new_unchecked("x:"))];
                d.triples_into(&mut got, prefix);
                prop_assert_eq!(&got, &expected);
            }
        }

        /// Digests with the hasher's state kept are the digests.
        #[test]
        fn statement_digests_are_the_digests(
            statements in proptest::collection::vec((0usize..3, 0usize..3, "[a-z]{0,70}"), 0..12),
        ) {
            const SUBJECTS: [&str; 3] = ["https://talkgraph.example/id/talk/a-rather-long-event-name--and-a-rather-long-talk-title", "s", ""];
            const PREDICATES: [&str; 3] = [schema::MENTIONS, schema::PERFORMER, ""];
            let mut digests = StatementDigests::default();
            for (s, p, o) in &statements {
                let (s, p) = (SUBJECTS[*s], PREDICATES[*p]);
                prop_assert_eq!(digests.digest(s, p, o), statement_digest(s, p, o));
            }
        }

        #[test]
        fn numbers_are_written_as_display_writes_them(n in any::<u32>()) {
            let mut s = String::from("L");
            push_number(&mut s, n);
            prop_assert_eq!(s, format!("L{n}"));
        }

        #[test]
        fn hex_is_written_as_format_writes_it(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let mut s = String::new();
            push_hex(&mut s, &bytes);
            prop_assert_eq!(s, bytes.iter().map(|b| format!("{b:02x}")).collect::<String>());
        }

        /// What the byte test accepts, the IRI parser accepts.
        #[test]
        fn plain_iris_are_iris(
            scheme in prop::sample::select(vec!["http://", "https://", "HTTP://", "https:/", "ftp://", ""]),
            rest in "[a-zA-Z0-9.:@/?#%\\[\\]_~!$&'()*+,;=\\- \"<>^`{|}\\\\é\u{0}\u{7f}\u{e000}]{0,24}",
        ) {
            let url = format!("{scheme}{rest}");
            prop_assert!(!plainly_an_iri(&url) || NamedNodeRef::new(&url).is_ok(), "{}", url);
        }

        /// The tables accept what the matches accepted.
        #[test]
        fn plainly_is_what_matches_said(
            scheme in prop::sample::select(vec!["http://", "https://", "https:/", ""]),
            rest in "[a-zA-Z0-9.:@/?#%\\[\\]_~!$&'()*+,;=\\- \"<>^`{|}\\\\é\u{0}\u{7f}]{0,24}",
        ) {
            let url = format!("{scheme}{rest}");
            prop_assert_eq!(plainly_an_iri(&url), plainly_an_iri_by_matches(&url), "{}", url);
        }

        /// Plain URLs, mostly accepted by the byte test, are judged as the parser judges them.
        #[test]
        fn plain_urls_are_judged_as_the_parser_judges(
            host in "[a-z0-9.-]{0,12}(:[0-9]{0,4})?",
            tail in "(/[a-zA-Z0-9._~!$&'()*+,;=:@-]{0,8}){0,3}(\\?[a-zA-Z0-9=&/?:@]{0,8})?(#[a-z0-9/?#]{0,6})?",
        ) {
            let url = format!("https://{host}{tail}");
            if plainly_an_iri(&url) {
                prop_assert!(NamedNodeRef::new(&url).is_ok(), "{}", url);
            }
            prop_assert_eq!(
                web_iri(&url).map(Cow::into_owned),
                if crate::text::is_web(&url) { NamedNodeRef::new(&url).ok().map(|n| n.as_str().to_owned()) } else { None },
                "{}", url
            );
        }

        /// The byte scan finds what the scan of chars found.
        #[test]
        fn needs_encoding_is_what_chars_said(s in "[ -~\u{0}-\u{1f}\u{7f}-\u{a0}\u{100}-\u{10FFFF}]{0,20}") {
            let needs = |c: char| c.is_control() || matches!(c, ' ' | '"' | '<' | '>' | '{' | '}' | '|' | '\\' | '^' | '`');
            prop_assert_eq!(needs_encoding(&s), s.contains(needs));
        }

        #[test]
        fn data_iri_encodes_as_before(path in "[ -~\u{80}-\u{10FFFF}]{0,30}") {
            let url = format!("https://a.example/{path}");
            let before = {
                let needs = |c: char| c.is_control() || matches!(c, ' ' | '"' | '<' | '>' | '{' | '}' | '|' | '\\' | '^' | '`');
                let encoded: String = url
                    .chars()
                    .map(|c| if needs(c) { c.to_string().bytes().map(|b| format!("%{b:02X}")).collect() } else { c.to_string() })
                    .collect();
                NamedNode::new(encoded).ok()
            };
            prop_assert_eq!(data_iri(&url), before);
        }
    }
}
