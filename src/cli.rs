//! Command-line interface: clap types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use talkgraph::Format;
use talkgraph::export::{Clusters, Image, Layout};
use talkgraph::graph::EntityKind;
use talkgraph::vocab::DEFAULT_BASE;

/// Turn Markdown conference notes into a knowledge graph.
///
/// talkgraph reads notes (Hugo, Jekyll or Obsidian pages, plain README files), finds the
/// conference, its talks, speakers, organizations, tools, books and links, resolves the same
/// entity across notes, and writes the graph as RDF (Turtle, N-Triples, N-Quads, TriG),
/// JSON-LD, a diagram (DOT, SVG, PNG, Mermaid) or for analytics (GraphML, node-link JSON, CSV).
#[derive(Debug, Parser)]
#[command(name = "talkgraph", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  talkgraph export notes/ > graph.ttl\n  talkgraph export notes/ -f jsonld -o graph.jsonld\n  talkgraph export notes/ -f svg --focus ripgrep -o ripgrep.svg\n  talkgraph export notes/ -f csv -o tables/\n  talkgraph stats notes/"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export notes as a knowledge graph (RDF, JSON-LD), a diagram (DOT, SVG, PNG, Mermaid) or
    /// tables and graphs for analytics (GraphML, node-link JSON, CSV).
    ///
    /// Reads each PATH: a note, a folder (searched recursively for .md and .markdown files, in
    /// sorted order) or `-` for standard input (the default). Warnings about what could not be
    /// read go to standard error with file and line; a note that cannot be read at all is
    /// skipped, and the exit status is then 1.
    #[command(
        after_help = "Exit status: 0 on success, 1 when a note could not be read or the output not written, 2 on usage errors."
    )]
    Export(ExportArgs),

    /// Measure extraction against gold answers: precision, recall and F1 per entity kind and
    /// per relation.
    ///
    /// The gold file is JSON Lines, one object per note, in the shape gen-corpus writes
    /// (`gold.jsonl`); notes are matched by their path relative to the folder given.
    Eval(EvalArgs),

    /// Lint notes: talks without a speaker, bylines that could not be read completely, links
    /// with an empty text or a broken URL, the same talk twice.
    ///
    /// Prints compiler-style diagnostics (file:line:column, the line quoted, a hint) on
    /// standard output.
    #[command(
        after_help = "Exit status: 0 when no error was reported (warnings allowed), 1 otherwise, 2 on usage errors."
    )]
    Check(CheckArgs),

    /// Ask the notes a SPARQL 1.1 query, in an embedded store (no server needed).
    ///
    /// The store holds what `export --format nquads` writes: each note's statements in the
    /// named graph of the note's IRI, the owl:sameAs links across notes in the default graph. A
    /// query naming no dataset (no FROM) sees the union of all graphs as its default graph;
    /// `GRAPH ?note { ... }` tells which note said what. talkgraph's prefixes (schema:, tg:,
    /// prov:, owl:, rdf:, rdfs:, xsd:, foaf:, person:, talk:, tool:, event:, note: ...) are
    /// declared. SELECT and ASK print an aligned table (or --results csv, tsv, json, xml);
    /// CONSTRUCT and DESCRIBE print RDF (--format).
    #[command(
        after_help = "Examples:\n  talkgraph query 'SELECT ?name WHERE { ?t schema:mentions ?tool . ?tool schema:name ?name }' notes/\n  talkgraph query -f speakers.rq notes/ --results csv\n\nExit status: 0 on success, 1 when a note could not be read, no note was read or the query failed, 2 on usage errors (a query that is not SPARQL included)."
    )]
    Query(QueryArgs),

    /// Push the notes to a triple store through the SPARQL 1.1 Graph Store Protocol.
    ///
    /// Each note's graph is replaced (PUT) only when it changed since the last push; the graph
    /// of a note gone since is deleted; the owl:sameAs links across notes are kept in the
    /// default graph. What was pushed is recorded in the store itself (the manifest graph), so
    /// any machine can push. A failure leaves each note's graph old or new, never half
    /// written: run push again to finish.
    #[command(
        after_help = "Endpoints: http://HOST:7878/store (Oxigraph), http://HOST:3030/DATASET/data (Jena Fuseki), http://HOST:7200/repositories/REPO/rdf-graphs/service (GraphDB).\n\nExamples:\n  talkgraph push --endpoint http://127.0.0.1:7878/store notes/\n  TALKGRAPH_AUTH='Bearer s3cret' talkgraph push --endpoint https://db.example/ds/data --auth-header-env TALKGRAPH_AUTH notes/\n\nExit status: 0 on success, 1 when a note could not be read or a request failed, 2 on usage errors."
    )]
    Push(PushArgs),

    /// Count what the notes hold: entities per kind, relations per kind, the most mentioned
    /// tools, the speakers, organizations and conferences with most talks, notes in which no
    /// talk was found, talks without a speaker.
    ///
    /// Prints aligned tables, or JSON with --json.
    #[command(
        after_help = "Exit status: 0 on success, 1 when a note could not be read (the others are counted), 2 on usage errors."
    )]
    Stats(StatsArgs),
}

/// Arguments of `talkgraph stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Notes to read: files, folders, or `-` for standard input.
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<PathBuf>,

    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,

    /// How many entries of each ranking to show (0: all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,

    /// Conference name for notes whose front matter names none.
    #[arg(long, value_name = "NAME")]
    pub event: Option<String>,

    /// Which unlinked names of tools and organizations to recognize.
    #[arg(long, value_enum, default_value = "corpus")]
    pub mentions: MentionsArg,

    /// Do not print warnings.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// How notes are read and their graph built (as `export` does), for `query` and `push`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Namespace under which entity IRIs are minted (must end with `/`, `#` or `:`).
    #[arg(long, value_name = "IRI", default_value = DEFAULT_BASE)]
    pub base: String,

    /// Conference name for notes whose front matter names none.
    #[arg(long, value_name = "NAME")]
    pub event: Option<String>,

    /// Which unlinked names of tools and organizations to recognize (marked as inferred).
    #[arg(long, value_enum, default_value = "corpus")]
    pub mentions: MentionsArg,

    /// E-mail addresses from bylines: not written, foaf:mbox_sha1sum, or schema:email.
    #[arg(long, value_enum, default_value = "omit")]
    pub emails: EmailsArg,

    /// Provenance: each statement's note and line, the note only, or none.
    #[arg(long, value_enum, default_value = "lines")]
    pub provenance: ProvenanceArg,

    /// Number of threads for reading, extracting and resolving notes [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Stop at the first note that cannot be read.
    #[arg(long)]
    pub strict: bool,

    /// Do not print warnings.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Arguments of `talkgraph query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The SPARQL query (with --file: the first PATH).
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Notes to read: files, folders, or `-` for standard input (the default).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read the query from FILE (`-`: standard input); every positional argument is then a
    /// PATH.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// How SELECT and ASK results are written.
    #[arg(long, value_enum, default_value = "table")]
    pub results: ResultsArg,

    /// How CONSTRUCT and DESCRIBE results are written.
    #[arg(long, value_enum, default_value = "turtle")]
    pub format: RdfFormatArg,

    /// Write to FILE instead of standard output, replaced only when the query succeeded.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub graph: GraphArgs,
}

/// `--results` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultsArg {
    /// An aligned table: IRIs as prefixed names, literals as their text.
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV (terms in N-Triples syntax).
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
}

/// `--format` values of `query`: the RDF formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RdfFormatArg {
    /// RDF Turtle.
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads (all in the default graph).
    Nquads,
    /// TriG (all in the default graph).
    Trig,
    /// JSON-LD.
    Jsonld,
}

/// Arguments of `talkgraph push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The store's SPARQL 1.1 Graph Store Protocol endpoint (http or https URL).
    #[arg(long, value_name = "URL")]
    pub endpoint: String,

    /// Notes to push: files or folders (`-` for standard input).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// The graph recording what was pushed [default: {base}push-manifest]. Notes pushed under
    /// one manifest are never deleted by a push under another.
    #[arg(long, value_name = "IRI")]
    pub manifest: Option<String>,

    /// Send with every request the header held by environment variable VAR: `Name: value`, or
    /// a value for `Authorization` (`Bearer TOKEN`, `Basic BASE64`).
    #[arg(long, value_name = "VAR")]
    pub auth_header_env: Option<String>,

    /// Say what would change (reading the manifest only), change nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Retries of a request after a connection error or a 5xx answer, waiting 0.25 s, then
    /// twice as long each time.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub retries: u32,

    /// Longest time one request may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub timeout: u64,

    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `talkgraph check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Notes to check: files, folders, or `-` for standard input.
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<PathBuf>,

    /// Also list the talks found, each with its speakers and the conventions that read it (ids of
    /// docs/CONVENTIONS.md).
    #[arg(long)]
    pub talks: bool,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Arguments of `talkgraph eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold answers (JSON Lines).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,

    /// Notes to read: files or folders.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Which unlinked names of tools and organizations to recognize.
    #[arg(long, value_enum, default_value = "corpus")]
    pub mentions: MentionsArg,

    /// Report as a Markdown table or as JSON.
    #[arg(long, value_enum, default_value = "table")]
    pub report: ReportArg,

    /// Also list misses (-) and false finds (+) per measure: up to N of each measure (40 when
    /// no number is given).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "40")]
    pub examples: Option<usize>,
}

/// `--mentions` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MentionsArg {
    /// The curated list and every tool or organization linked anywhere in the input; depends on
    /// what else is exported (two passes over the notes).
    Corpus,
    /// The curated list in schema/known-tools.tsv only: the same whatever else is exported.
    Curated,
    /// None.
    None,
}

/// `--report` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportArg {
    /// A Markdown table.
    Table,
    /// JSON.
    Json,
}

/// Arguments of `talkgraph export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Notes to read: files, folders, or `-` for standard input.
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<PathBuf>,

    /// Output format [default: from the extension of --output (.ttl .nt .nq .trig .jsonld
    /// .dot .mmd .graphml .svg .png), else turtle].
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,

    /// Write to FILE instead of standard output (with --format csv: to the folder FILE, as
    /// nodes.csv and edges.csv). A file is replaced only when the whole export succeeded.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Namespace under which entity IRIs are minted (must end with `/`, `#` or `:`).
    #[arg(long, value_name = "IRI", default_value = DEFAULT_BASE)]
    pub base: String,

    /// Conference name for notes whose front matter names none (to show one conference only,
    /// see --only-event).
    #[arg(long, value_name = "NAME")]
    pub event: Option<String>,

    /// Which unlinked names of tools and organizations to recognize (marked as inferred).
    #[arg(long, value_enum, default_value = "corpus")]
    pub mentions: MentionsArg,

    /// E-mail addresses from bylines: not written, written as foaf:mbox_sha1sum (a
    /// pseudonym, not anonymity), or written as schema:email.
    #[arg(long, value_enum, default_value = "omit")]
    pub emails: EmailsArg,

    /// Provenance: each statement's note and line (prov:wasDerivedFrom, reified relations),
    /// the note only, or none.
    #[arg(long, value_enum, default_value = "lines")]
    pub provenance: ProvenanceArg,

    /// Number of threads for reading, extracting and resolving notes [default: all cores].
    /// The output is the same whatever the number.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Stop at the first note that cannot be read, writing nothing.
    #[arg(long)]
    pub strict: bool,

    /// Do not print warnings.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub limits: LimitArgs,

    #[command(flatten)]
    pub view: ViewArgs,
}

/// What a diagram or an analytics export shows, and how a diagram is drawn.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Views (dot, svg, png, mermaid, graphml, json-graph, csv)")]
pub struct ViewArgs {
    /// Show the neighbourhood of this entity: a name (any spelling; case and accents do not
    /// matter), an IRI, or kind/slug as in its IRI (tool/ripgrep). May be given more than once.
    #[arg(long, value_name = "NAME-or-IRI")]
    pub focus: Vec<String>,

    /// How many relations away from the focus to go (conferences and notes are shown but not
    /// walked through).
    #[arg(long, value_name = "N", default_value_t = 2, requires = "focus")]
    pub depth: usize,

    /// Kinds of entity to show, comma-separated: conference, talk, person, organization, tool,
    /// repository, slides, recording, book, webpage, concept, note [default: all].
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = parse_kind)]
    pub kinds: Vec<EntityKind>,

    /// Show only this conference (name or IRI): its talks and the notes about it, and what its
    /// talks lead to. May be given more than once. (Not --event, which names the conference of
    /// notes that name none.)
    #[arg(long = "only-event", value_name = "NAME")]
    pub only_event: Vec<String>,

    /// Draw a box around each conference's entities, each talk's, or none [default: conference].
    #[arg(long, value_enum)]
    pub clusters: Option<ClustersArg>,

    /// Graphviz layout engine (dot, svg, png) [default: auto: twopi around a focus up to 300
    /// entities, else dot up to 150, fdp up to 1,500, sfdp above].
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,
}

impl ViewArgs {
    /// Whether any view flag was given.
    pub fn given(&self) -> bool {
        !self.focus.is_empty()
            || !self.kinds.is_empty()
            || !self.only_event.is_empty()
            || self.clusters.is_some()
            || self.layout.is_some()
    }
}

fn parse_kind(s: &str) -> Result<EntityKind, String> {
    talkgraph::view::parse_kind(s).ok_or_else(|| {
        format!(
            "{s:?} is not a kind; use conference, talk, person, organization, tool, repository, slides, recording, \
             book, webpage, concept or note"
        )
    })
}

/// `--clusters` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClustersArg {
    /// One box per conference.
    #[value(alias = "event")]
    Conference,
    /// One box per talk.
    Talk,
    /// No boxes.
    None,
}

impl From<ClustersArg> for Clusters {
    fn from(c: ClustersArg) -> Self {
        match c {
            ClustersArg::Conference => Clusters::Event,
            ClustersArg::Talk => Clusters::Talk,
            ClustersArg::None => Clusters::None,
        }
    }
}

/// `--layout` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// twopi around a focus, else dot, fdp or sfdp by size.
    Auto,
    /// Hierarchical, left to right.
    Dot,
    /// Springs; boxes kept.
    Fdp,
    /// Springs, for large graphs; no boxes.
    Sfdp,
    /// Radial around the focus.
    Twopi,
}

impl From<LayoutArg> for Layout {
    fn from(l: LayoutArg) -> Self {
        match l {
            LayoutArg::Auto => Layout::Auto,
            LayoutArg::Dot => Layout::Dot,
            LayoutArg::Fdp => Layout::Fdp,
            LayoutArg::Sfdp => Layout::Sfdp,
            LayoutArg::Twopi => Layout::Twopi,
        }
    }
}

/// Limits on one note; a note over one is skipped with an error.
#[derive(Debug, Clone, Copy, Args)]
pub struct LimitArgs {
    /// Largest note read, in bytes (suffixes K, M, G: powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_note_size: u64,

    /// Deepest nesting of lists and block quotes in a note.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_depth: usize,

    /// Most talks, speakers, organizations, materials, mentions and links in one note.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_entities: usize,
}

impl From<LimitArgs> for talkgraph::extract::Limits {
    fn from(l: LimitArgs) -> Self {
        Self { max_note_size: l.max_note_size, max_depth: l.max_depth, max_entities: l.max_entities }
    }
}

/// `16M`, `512K`, `1G`, `1000`.
fn parse_size(s: &str) -> Result<u64, String> {
    let (digits, shift) = match s.trim().as_bytes().last() {
        Some(b'K' | b'k') => (&s.trim()[..s.trim().len() - 1], 10),
        Some(b'M' | b'm') => (&s.trim()[..s.trim().len() - 1], 20),
        Some(b'G' | b'g') => (&s.trim()[..s.trim().len() - 1], 30),
        _ => (s.trim(), 0),
    };
    let n: u64 = digits.parse().map_err(|_| format!("{s:?} is not a size (e.g. 16M, 512K, 1G, 1000)"))?;
    n.checked_mul(1 << shift).ok_or_else(|| format!("{s:?} is too large"))
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// RDF Turtle.
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads, one named graph per note.
    Nquads,
    /// TriG, one named graph per note.
    Trig,
    /// JSON-LD with the talkgraph context.
    Jsonld,
    /// Graphviz DOT.
    Dot,
    /// SVG picture, drawn by Graphviz (which must be installed).
    Svg,
    /// PNG picture, drawn by Graphviz (which must be installed).
    Png,
    /// Mermaid flowchart, for Markdown documents.
    Mermaid,
    /// GraphML, for networkx, Gephi and yEd.
    Graphml,
    /// Node-link JSON, for networkx and D3.
    JsonGraph,
    /// nodes.csv and edges.csv with Neo4j import headers, in the folder given by -o.
    Csv,
}

/// What `talkgraph export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// One stream in a format.
    Format(Format),
    /// A picture drawn by Graphviz.
    Image(Image),
    /// Two CSV files in a folder.
    Csv,
}

impl Output {
    /// The output a file name's extension calls for.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(Output::Image(Image::Svg)),
            "png" => Some(Output::Image(Image::Png)),
            _ => Format::from_path(path).map(Output::Format),
        }
    }

    /// Whether views (--focus, --kinds, --only-event...) apply.
    pub fn takes_views(self) -> bool {
        match self {
            Output::Format(f) => f.takes_views(),
            Output::Image(_) | Output::Csv => true,
        }
    }
}

impl From<FormatArg> for Output {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Turtle => Output::Format(Format::Turtle),
            FormatArg::Ntriples => Output::Format(Format::NTriples),
            FormatArg::Nquads => Output::Format(Format::NQuads),
            FormatArg::Trig => Output::Format(Format::TriG),
            FormatArg::Jsonld => Output::Format(Format::JsonLd),
            FormatArg::Dot => Output::Format(Format::Dot),
            FormatArg::Svg => Output::Image(Image::Svg),
            FormatArg::Png => Output::Image(Image::Png),
            FormatArg::Mermaid => Output::Format(Format::Mermaid),
            FormatArg::Graphml => Output::Format(Format::GraphMl),
            FormatArg::JsonGraph => Output::Format(Format::JsonGraph),
            FormatArg::Csv => Output::Csv,
        }
    }
}

/// `--emails` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EmailsArg {
    /// Write no e-mail address.
    Omit,
    /// Write foaf:mbox_sha1sum (pseudonymization, not anonymization).
    Hash,
    /// Write schema:email as a mailto: IRI.
    Keep,
}

/// `--provenance` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProvenanceArg {
    /// Note nodes, source lines and reified relations.
    Lines,
    /// Note nodes and prov:wasDerivedFrom the note.
    Notes,
    /// None.
    None,
}
