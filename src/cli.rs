//! Command-line interface: the commands and their flags. The doc comments are the `--help`
//! text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// newskg turns news articles about armed conflict into a knowledge graph: who attacked
/// whom, where, when, with what and with what toll, and which sentence says so. The graph
/// lives in an on-disk RDF store, answers SPARQL and ready-made questions, and exports for
/// Gephi.
///
/// Exit codes: 0 success; 1 some inputs failed (the rest loaded); 2 usage, store or query
/// error.
#[derive(Debug, Parser)]
#[command(name = "newskg", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Build(BuildArgs),
    Extract(ExtractArgs),
    Query(QueryArgs),
    Ask(AskArgs),
    Export(ExportArgs),
    Stats(StatsArgs),
    #[command(hide = true)]
    GenCorpus(GenCorpusArgs),
}

/// Where the store is.
#[derive(Debug, Args)]
pub struct StoreArg {
    /// The store folder (an Oxigraph RocksDB store made by `newskg build`).
    #[arg(long, value_name = "DIR", default_value = "newskg-store")]
    pub store: PathBuf,
}

/// Extra lexicon files.
#[derive(Debug, Args)]
pub struct LexiconArg {
    /// A Turtle file of more known entities (same format as ontology/lexicon/*.ttl), read
    /// after the shipped lexicon. Repeat for several files.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
}

/// Build or update the store from articles.
///
/// PATH can be files or folders (walked recursively). Formats by extension: .txt and .md
/// (one article per file, optional `key: value` header lines before a blank line), .jsonl
/// and .ndjson (one JSON object per line with at least "text"), .csv (a header with a text,
/// body or content column), .html and .htm. An article already in the store is skipped
/// when unchanged and replaced when changed; bad input is reported and skipped.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Files or folders to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub lexicon: LexiconArg,
    /// Print only the summary line and failures.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per article: entities with their mentions, attacks with evidence.
    Jsonl,
    /// The triples newskg would store for each article.
    Turtle,
    /// Only the totals (articles, bytes, entities, mentions, attacks, time); articles are
    /// extracted on every core. Measures the extractor alone.
    Summary,
}

/// Show what the extractor finds in articles, without a store.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files or folders (any format `build` reads).
    #[arg(required = true, value_name = "FILE")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub lexicon: LexiconArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    Ntriples,
    Nquads,
}

/// Run a SPARQL 1.1 query on the store.
///
/// The default graph is the union of all article graphs, so no GRAPH clause is needed; the
/// usual prefixes (nkg, skos, sem, prov, geo, wgs, dcterms, rdf, rdfs, xsd, owl) are
/// predeclared. SELECT and ASK print results; CONSTRUCT and DESCRIBE print RDF.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A .rq file, or `-` to read the query from standard input.
    #[arg(
        value_name = "FILE",
        required_unless_present = "query",
        conflicts_with = "query"
    )]
    pub file: Option<PathBuf>,
    /// The query text itself.
    #[arg(long, short = 'q', value_name = "TEXT")]
    pub query: Option<String>,
    #[command(flatten)]
    pub store: StoreArg,
    /// Output format (table for reading; csv, tsv, json, xml for SELECT; turtle, ntriples,
    /// nquads for CONSTRUCT and DESCRIBE).
    #[arg(long, value_enum)]
    pub format: Option<ResultFormat>,
    /// Cancel the query after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Stop after this many rows or triples.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Also write how the query was evaluated (each step with its rows and time) as JSON to
    /// FILE, to find what makes a slow query slow.
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum AskFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

/// Ask a ready-made question (see --list).
///
/// Names given to --actor and --place match any alias or spelling of an entity ("ISIL"
/// finds the Islamic State); a place also finds what lies within it. Dates are YYYY,
/// YYYY-MM or YYYY-MM-DD.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// The question, e.g. who-attacked-where.
    #[arg(value_name = "QUESTION", required_unless_present = "list")]
    pub question: Option<String>,
    /// List the questions with their descriptions.
    #[arg(long)]
    pub list: bool,
    #[command(flatten)]
    pub store: StoreArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: AskFormat,
    /// Only attacks by (or rows about) this actor.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only attacks at this place or within it.
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Only attacks on or after this date.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only attacks on or before this date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only attacks whose extraction confidence is at least this (0 to 1).
    #[arg(long, value_name = "X")]
    pub min_confidence: Option<f64>,
    /// Cancel the question after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Also write how the question's query was evaluated (each step with its rows and time)
    /// as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// GraphML (Gephi, networkx, graphology, yEd, Cytoscape).
    Graphml,
    /// GEXF 1.3, Gephi's own format: colours by kind, sizes, map positions, time spells.
    Gexf,
    /// nodes.csv and edges.csv for Gephi's spreadsheet import (--out names the folder).
    Csv,
    /// DOT for Graphviz.
    Dot,
    /// RDF Turtle: one article's graph (--article) or every graph merged.
    Turtle,
    /// RDF N-Triples: one article's graph (--article) or every graph merged.
    Ntriples,
    /// RDF N-Quads: the whole dataset with its graph names, or one article's graph.
    Nquads,
    /// RDF TriG: the whole dataset with its graph names, or one article's graph.
    Trig,
}

impl ExportFormat {
    /// Whether the format dumps the store's RDF rather than a graph view.
    pub fn is_rdf(self) -> bool {
        matches!(
            self,
            ExportFormat::Turtle
                | ExportFormat::Ntriples
                | ExportFormat::Nquads
                | ExportFormat::Trig
        )
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ViewArg {
    /// Actors, places and bases; attacker→place edges weighted by attacks, attacker→actor
    /// edges when a force or group was attacked.
    Actors,
    /// Each attack as a node linked to its attacker, target, place and articles.
    Attacks,
    /// Entities named in the same articles (undirected; weight = articles).
    Mentions,
    /// Every resource of the article graphs; every IRI-valued triple as an edge.
    Full,
}

/// Export the graph for graph tools, or the store as RDF.
///
/// Graph formats (graphml, gexf, csv, dot) draw a view of the store (--view) or the
/// triples of a SPARQL CONSTRUCT (--query). --actor, --place, --from and --to select
/// attacks as `ask` does (any alias; a place includes what lies within it) and the view
/// keeps what they touch. RDF formats (turtle, ntriples, nquads, trig) dump the store, or
/// one article's graph with --article. The same store always gives the same bytes.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Which graph to draw (graph formats) [default: actors].
    #[arg(long, value_enum, conflicts_with = "query")]
    pub view: Option<ViewArg>,
    /// A SPARQL CONSTRUCT file whose triples are the graph, instead of a view. The filters
    /// bind the variables ?actorKey, ?placeKey, ?from and ?to in it.
    #[arg(long, value_name = "FILE.rq")]
    pub query: Option<PathBuf>,
    /// Only attacks by this actor (any alias or spelling).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only attacks at this place or within it (any alias or spelling).
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Only attacks on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only attacks on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// RDF formats: only this article's graph (the article id, e.g. its file name).
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Write here instead of standard output; for csv, the folder that gets nodes.csv and
    /// edges.csv.
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
}

/// Counts: articles, entities by kind, attacks, quads.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum GenFormat {
    /// One JSON object per line (id, title, date, url, text).
    Jsonl,
    /// A folder with one .txt file per article (header lines, blank line, body).
    Text,
}

/// Generate synthetic conflict news articles for benchmarks.
///
/// Article i depends only on the seed and i: the same arguments give the same bytes, and
/// `--start K --articles N` gives articles K to K+N-1 of the same corpus.
#[derive(Debug, Args)]
pub struct GenCorpusArgs {
    /// How many articles to write.
    #[arg(long, value_name = "N")]
    pub articles: u64,
    /// The corpus seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The number of the first article.
    #[arg(long, value_name = "K", default_value_t = 0)]
    pub start: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: GenFormat,
    /// The output file (jsonl; standard output without it) or folder (text, required).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}
