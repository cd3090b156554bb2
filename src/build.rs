//! Building a store from input paths: ingest, extract in parallel, write.
//!
//! Each article's content hash (its fields, the extractor version and the lexicon) decides
//! what happens to it: not in the store → added through the bulk loader; in the store with
//! another hash → its graph replaced in a transaction; same hash → skipped without
//! extraction. Bad input is reported per article and never stops the build.

use crate::error::{Error, Result};
use crate::extract::{Extractor, EXTRACTOR_VERSION};
use crate::ingest::{self, Article};
use crate::rdf::{self, lexicon, vocab};
use crate::store::KgStore;
use crate::tally::Tally;
use oxigraph::model::{NamedNode, Quad};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub paths: Vec<PathBuf>,
    pub store: PathBuf,
    /// Extra lexicon files, read after the shipped lexicon.
    pub lexicon_files: Vec<PathBuf>,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
}

/// What a build did.
#[derive(Debug, Default, Clone)]
pub struct BuildReport {
    pub read: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Inputs that failed: location and reason.
    pub failed: Vec<String>,
    /// Articles that loaded with a remark (encoding guessed, NUL bytes dropped).
    pub warnings: Vec<String>,
    /// Files skipped inside folders because newskg does not read their format.
    pub skipped_files: Vec<PathBuf>,
    /// Remarks that lose no input (a folder reached again through a symbolic link).
    pub notices: Vec<String>,
    pub entities: usize,
    pub attacks: usize,
    pub quads_written: usize,
    pub store_quads: usize,
    pub seconds: f64,
    /// Time spent compacting the store, when this build compacted it.
    pub compaction_seconds: Option<f64>,
}

/// Articles extracted in parallel per chunk.
const CHUNK: usize = 512;
/// Quads handed to the bulk loader between commits. Each commit makes whole articles visible
/// at once; the environment variable `NEWSKG_BULK_QUADS` sets another size (smaller commits
/// save progress more often).
const BULK_QUADS: usize = 2_000_000;
/// Quads the bulk loader sorts at once on one thread. With one batch in flight per core,
/// this bounds the loader's memory.
const BATCH_QUADS: usize = 100_000;

fn bulk_quads() -> usize {
    std::env::var("NEWSKG_BULK_QUADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(BULK_QUADS)
}

/// The hash that decides whether an article must be extracted again.
pub fn content_hash(article: &Article, lexicon_hash: &str) -> String {
    let mut h = blake3::Hasher::new();
    for part in [
        EXTRACTOR_VERSION,
        env!("CARGO_PKG_VERSION"),
        lexicon_hash,
        &article.id,
        &article.file,
        article.title.as_deref().unwrap_or(""),
        &article.date.map(|d| d.to_string()).unwrap_or_default(),
        article.url.as_deref().unwrap_or(""),
        &article.text,
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

enum Outcome {
    Unchanged,
    Failed(String),
    Extracted {
        graph: NamedNode,
        quads: Vec<Quad>,
        replace: bool,
        entities: usize,
        attacks: usize,
    },
}

/// Builds (or updates) the store from the input paths.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    // The store first: a store in use or not a store is reported before any work.
    let store = KgStore::open_for_write(&opts.store)?;
    let loaded = lexicon::load(&opts.lexicon_files)?;
    let lexicon_hash = {
        let mut h = blake3::Hasher::new();
        h.update(loaded.hash.as_bytes());
        h.update(lexicon::ONTOLOGY_TTL.as_bytes());
        h.finalize().to_hex().to_string()
    };
    // The store's totals, kept up to date as graphs are written; a store without a
    // trustworthy tally is counted afresh at the end.
    let mut tally = store.take_tally()?;
    let tally_from_disk = tally.is_some();
    let mut lexicon_replaced = false;
    if store.graph_hash(vocab::LEXICON_GRAPH)?.as_deref() != Some(lexicon_hash.as_str()) {
        let lex_quads = lexicon::lexicon_quads(&loaded.lexicon, &lexicon_hash);
        store.replace_graphs(
            &[
                (
                    NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH),
                    lexicon::ontology_quads()?,
                ),
                (NamedNode::new_unchecked(vocab::LEXICON_GRAPH), lex_quads),
            ],
            tally.as_mut(),
        )?;
        lexicon_replaced = true;
    }
    let extractor = Extractor::new(loaded.lexicon);
    let existing = store.article_hashes()?;

    let mut report = BuildReport::default();
    let inputs = ingest::find_inputs(&opts.paths);
    report
        .failed
        .extend(inputs.errors.iter().map(|e| e.to_string()));
    report.skipped_files = inputs.skipped.clone();
    report.notices = inputs.notices.clone();
    let bulk_size = bulk_quads();

    let bar = if opts.progress {
        let b = indicatif::ProgressBar::new(inputs.files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {msg}  [{elapsed}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };

    let mut seen_ids: HashMap<String, String> = HashMap::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut bulk = store.bulk_writer(BATCH_QUADS.min(bulk_size), threads, bulk_size);
    let mut bulk_graphs: HashSet<String> = HashSet::new();
    let mut chunk: Vec<Article> = Vec::with_capacity(CHUNK);
    let mut flush = |chunk: &mut Vec<Article>,
                     report: &mut BuildReport,
                     tally: &mut Option<Tally>,
                     bulk: &mut crate::store::BulkWriter|
     -> Result<()> {
        let outcomes: Vec<Outcome> = chunk
                .par_iter()
                .map(|a| {
                    let hash = content_hash(a, &lexicon_hash);
                    let graph = rdf::article_iri(&a.id);
                    let old = existing.get(graph.as_str());
                    if old == Some(&hash) {
                        return Outcome::Unchanged;
                    }
                    // A bug met by one article must not cost the others: a panic is that
                    // article's failure.
                    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let ex = extractor.extract(a);
                        let quads = rdf::article_quads(a, &ex, &hash);
                        (ex, quads)
                    }));
                    let (ex, quads) = match extracted {
                        Ok(r) => r,
                        Err(panic) => {
                            let what = panic
                                .downcast_ref::<&str>()
                                .map(|s| s.to_string())
                                .or_else(|| panic.downcast_ref::<String>().cloned())
                                .unwrap_or_default();
                            return Outcome::Failed(format!(
                                "internal error while extracting ({what}); skipped, please report it with this article"
                            ));
                        }
                    };
                    Outcome::Extracted {
                        graph,
                        quads,
                        replace: old.is_some(),
                        entities: ex.entities.len(),
                        attacks: ex.attacks.len(),
                    }
                })
                .collect();
        let mut replace: Vec<(NamedNode, Vec<Quad>)> = Vec::new();
        for (a, o) in chunk.drain(..).zip(outcomes) {
            for w in &a.warnings {
                report.warnings.push(format!("{}: {w}", a.location()));
            }
            match o {
                Outcome::Unchanged => report.unchanged += 1,
                Outcome::Failed(reason) => report
                    .failed
                    .push(Error::input(a.location(), reason).to_string()),
                Outcome::Extracted {
                    graph,
                    quads,
                    replace: is_replace,
                    entities,
                    attacks,
                } => {
                    report.entities += entities;
                    report.attacks += attacks;
                    report.quads_written += quads.len();
                    if is_replace || bulk_graphs.contains(graph.as_str()) {
                        if !is_replace {
                            // Two ids naming one graph in this build: the first one's quads
                            // must be in the store before the transaction replaces them.
                            bulk.commit()?;
                        }
                        report.replaced += 1;
                        replace.push((graph, quads));
                    } else {
                        report.added += 1;
                        bulk_graphs.insert(graph.as_str().to_string());
                        if let Some(t) = tally.as_mut() {
                            t.quads += quads.len() as u64;
                            t.count_article(graph.as_str(), quads.iter().map(|q| q.as_ref()), true);
                        }
                        bulk.add(quads)?;
                    }
                }
            }
        }
        if !replace.is_empty() {
            store.replace_graphs(&replace, tally.as_mut())?;
        }
        Ok(())
    };

    for file in &inputs.files {
        for item in ingest::read(file) {
            match item {
                Err(e) => report.failed.push(e.to_string()),
                Ok(article) => {
                    report.read += 1;
                    if let Some(first) = seen_ids.get(&article.id) {
                        report.failed.push(
                            Error::input(
                                article.location(),
                                format!(
                                    "duplicate article id {:?} (first read from {first}); skipped",
                                    article.id
                                ),
                            )
                            .to_string(),
                        );
                        continue;
                    }
                    seen_ids.insert(article.id.clone(), article.location());
                    chunk.push(article);
                    if chunk.len() >= CHUNK {
                        flush(&mut chunk, &mut report, &mut tally, &mut bulk)?;
                        bar.set_message(format!("{} articles", report.read));
                    }
                }
            }
        }
        bar.inc(1);
    }
    flush(&mut chunk, &mut report, &mut tally, &mut bulk)?;
    bulk.finish()?;
    // Every bulk load and transaction leaves files the database has not merged yet, and
    // every query seeks in each of them. Once the articles written since the last
    // compaction reach a quarter of the store, it is compacted: each article then pays for
    // compaction a bounded number of times, and a small addition to a large store pays
    // nothing until such additions add up.
    let written = (report.added + report.replaced) as u64;
    if written > 0 {
        let since = store.written_since_compaction() + written;
        let articles = (existing.len() + report.added) as u64;
        if since * 4 >= articles {
            let t = Instant::now();
            store.compact()?;
            report.compaction_seconds = Some(t.elapsed().as_secs_f64());
            store.set_written_since_compaction(0)?;
        } else {
            store.set_written_since_compaction(since)?;
        }
    }
    bar.finish_and_clear();
    let tally = match tally {
        Some(t) => t,
        None => store.recount()?,
    };
    // A build that wrote nothing leaves the tally file as it was.
    let unchanged = tally_from_disk && !lexicon_replaced && written == 0;
    store.save_tally(&tally, unchanged)?;
    report.store_quads = tally.quads as usize;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
