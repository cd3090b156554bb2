//! The store: an on-disk Oxigraph (RocksDB) dataset with one named graph per article.
//!
//! Layout of a store folder: `newskg-store.json` (what made it, its format version, and the
//! store's totals when they are known), `newskg-tally.json` (the counts behind the totals,
//! see [`crate::tally`]), `newskg.lock` (the file lock), and `db/` (RocksDB). A build holds
//! an exclusive lock on the folder; questions, queries, exports and stats hold a shared one, so they wait for no
//! one but refuse to run while a build writes (RocksDB's read-only mode is not safe beside a
//! writer).
//!
//! Writes are atomic per article: a new article arrives through the bulk loader, which makes
//! its quads visible at commit; a changed article is replaced by one transaction that clears
//! its graph and inserts the new quads. A crash leaves every article either fully in or
//! fully out.

use crate::error::{Error, Result};
use crate::rdf::vocab::*;
use crate::tally::{Tally, Totals};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term};
use oxigraph::store::Store;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The version of the store layout and graph shape this build writes.
/// Format 2: each attack report carries its who-attacked-where row (`nkg:row`).
pub const STORE_FORMAT: u32 = 2;
const MARKER: &str = "newskg-store.json";
const TALLY: &str = "newskg-tally.json";

/// An open store and the lock that guards it.
pub struct KgStore {
    path: PathBuf,
    store: Store,
    _lock: File,
}

impl KgStore {
    /// Opens the store for writing, creating it if needed. Fails with
    /// [`Error::StoreLocked`] while another process has it open.
    pub fn open_for_write(path: &Path) -> Result<Self> {
        if path.exists() && !path.is_dir() {
            return Err(Error::Store {
                path: path.into(),
                reason: "exists and is not a folder; choose another --store".into(),
            });
        }
        let marker = path.join(MARKER);
        // Refuse a folder that holds anything but a store, or another version's store,
        // before touching it.
        if marker.exists() {
            check_marker(path)?;
        } else if path.exists() && has_foreign_entries(path)? {
            return Err(not_a_store_to_build(path));
        }
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        // Then the lock, so two builds starting together on a new folder do not both make it;
        // the checks again under the lock.
        let lock = lock(path, true)?;
        if marker.exists() {
            check_marker(path)?;
        } else {
            if has_foreign_entries(path)? {
                return Err(not_a_store_to_build(path));
            }
            let info = serde_json::json!({
                "format": STORE_FORMAT,
                "created_by": format!("newskg {}", env!("CARGO_PKG_VERSION")),
                "totals": Totals::default(),
            });
            // Written aside and renamed, so a crash never leaves half a marker.
            let tmp = path.join(format!("{MARKER}.tmp"));
            std::fs::write(&tmp, serde_json::to_string_pretty(&info).unwrap())
                .map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, &marker).map_err(|e| Error::io(&marker, e))?;
        }
        let db = path.join("db");
        if !db.exists() {
            // The database is made aside and renamed when complete, so `db/` is either
            // absent or a whole database, however a build is interrupted.
            let fresh = path.join("db.new");
            if fresh.exists() {
                std::fs::remove_dir_all(&fresh).map_err(|e| Error::io(&fresh, e))?;
            }
            drop(Store::open(&fresh).map_err(|e| storage_error(path, e))?);
            std::fs::rename(&fresh, &db).map_err(|e| Error::io(&db, e))?;
        }
        remove_bulk_leftovers(&path.join("db"))?;
        let store = Store::open(path.join("db")).map_err(|e| storage_error(path, e))?;
        Ok(KgStore {
            path: path.into(),
            store,
            _lock: lock,
        })
    }

    /// Opens an existing store for reading.
    pub fn open_for_read(path: &Path) -> Result<Self> {
        if !path.join(MARKER).exists() {
            let reason = if path.is_dir() && !has_foreign_entries(path)? {
                "holds no data yet (no build got as far as writing); run `newskg build PATH --store DIR`".to_string()
            } else if path.exists() {
                "not a newskg store (no newskg-store.json); build one with `newskg build`"
                    .to_string()
            } else {
                "no store here; build one with `newskg build PATH --store DIR`".to_string()
            };
            return Err(Error::Store {
                path: path.into(),
                reason,
            });
        }
        check_marker(path)?;
        let lock = lock(path, false)?;
        if !path.join("db").is_dir() {
            return Err(Error::Store {
                path: path.into(),
                reason: "holds no data yet (no build got as far as writing); run `newskg build PATH --store DIR`".into(),
            });
        }
        let store = Store::open_read_only(path.join("db")).map_err(|e| storage_error(path, e))?;
        Ok(KgStore {
            path: path.into(),
            store,
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The content hash of every article in the store, by article IRI.
    pub fn article_hashes(&self) -> Result<HashMap<String, String>> {
        let mut out = HashMap::new();
        let articles = format!("{ID}article/");
        let pred = NamedNodeRef::new_unchecked(NKG_CONTENT_HASH);
        for q in self.store.quads_for_pattern(None, Some(pred), None, None) {
            let q = q.map_err(|e| storage_error(&self.path, e))?;
            if let (NamedOrBlankNodeRef::NamedNode(s), Term::Literal(l)) =
                (q.subject.as_ref(), &q.object)
            {
                if s.as_str().starts_with(&articles) && q.graph_name.is_named_node() {
                    out.insert(s.as_str().to_string(), l.value().to_string());
                }
            }
        }
        Ok(out)
    }

    /// The hash stored with a graph's `nkg:contentHash` on the graph's own IRI.
    pub fn graph_hash(&self, graph: &str) -> Result<Option<String>> {
        let g = NamedNodeRef::new_unchecked(graph);
        let pred = NamedNodeRef::new_unchecked(NKG_CONTENT_HASH);
        for q in self.store.quads_for_pattern(
            Some(g.into()),
            Some(pred),
            None,
            Some(GraphNameRef::NamedNode(g)),
        ) {
            let q = q.map_err(|e| storage_error(&self.path, e))?;
            if let Term::Literal(l) = q.object {
                return Ok(Some(l.value().to_string()));
            }
        }
        Ok(None)
    }

    /// Replaces the content of whole graphs, one transaction for the batch, and counts the
    /// change in `tally`.
    pub fn replace_graphs(
        &self,
        graphs: &[(NamedNode, Vec<Quad>)],
        tally: Option<&mut Tally>,
    ) -> Result<()> {
        // What leaves the store, read before the transaction (only this writer holds the
        // store): the number of quads, counted in the engine, and the quads the tally reads.
        // Reading every quad would decode every term, a database read each.
        let mut old: Vec<(u64, Vec<Quad>)> = Vec::new();
        if tally.is_some() {
            for (g, _) in graphs {
                let count = crate::query::select_strings(
                    &self.store,
                    &format!(
                        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
                        g.as_str()
                    ),
                )
                .map_err(|e| Error::Store {
                    path: self.path.clone(),
                    reason: format!("counting a graph: {e}"),
                })?
                .first()
                .and_then(|r| r[0].as_deref()?.parse::<u64>().ok())
                .unwrap_or(0);
                let gr = GraphNameRef::NamedNode(g.as_ref());
                let mut quads = Vec::new();
                if is_article_graph(g.as_str()) {
                    let p = |iri: &'static str| Some(NamedNodeRef::new_unchecked(iri));
                    for it in [
                        self.store.quads_for_pattern(
                            None,
                            Some(oxigraph::model::vocab::rdf::TYPE),
                            None,
                            Some(gr),
                        ),
                        self.store.quads_for_pattern(
                            Some(g.as_ref().into()),
                            p(NKG_MENTIONS),
                            None,
                            Some(gr),
                        ),
                        self.store
                            .quads_for_pattern(None, p(NKG_KIND), None, Some(gr)),
                    ] {
                        for q in it {
                            quads.push(q.map_err(|e| storage_error(&self.path, e))?);
                        }
                    }
                }
                old.push((count, quads));
            }
        }
        let mut tx = self
            .store
            .start_transaction()
            .map_err(|e| storage_error(&self.path, e))?;
        for (g, quads) in graphs {
            tx.clear_graph(g.as_ref())
                .map_err(|e| storage_error(&self.path, e))?;
            tx.extend(quads.iter());
        }
        tx.commit().map_err(|e| storage_error(&self.path, e))?;
        if let Some(t) = tally {
            for ((g, new), (count, old)) in graphs.iter().zip(&old) {
                t.quads = t.quads.saturating_sub(*count) + new.len() as u64;
                if is_article_graph(g.as_str()) {
                    t.count_article(g.as_str(), old.iter().map(|q| q.as_ref()), false);
                    t.count_article(g.as_str(), new.iter().map(|q| q.as_ref()), true);
                }
            }
        }
        Ok(())
    }

    /// The store's totals, when the last build left them (a build that stopped midway
    /// leaves none).
    pub fn totals(&self) -> Option<Totals> {
        let v = self.read_marker().ok()?;
        serde_json::from_value(v.get("totals")?.clone()).ok()
    }

    /// Takes the tally for a build that will write: the totals are removed from the marker
    /// until [`KgStore::save_tally`] puts them back, so a build that stops midway leaves no
    /// stale figures. `None` when the store has no trustworthy tally; the build then counts
    /// the store afresh with [`KgStore::recount`].
    pub fn take_tally(&self) -> Result<Option<Tally>> {
        let Some(totals) = self.totals() else {
            return Ok(None);
        };
        let tally = if totals == Totals::default() {
            Some(Tally::default())
        } else {
            std::fs::read_to_string(self.path.join(TALLY))
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .and_then(|v| Tally::from_json(&v))
                .filter(|t| t.totals() == totals)
        };
        self.update_marker(|m| {
            m.remove("totals");
        })?;
        Ok(tally)
    }

    /// Writes the tally (unless `unchanged`: the one on disk is still true), then the totals
    /// into the marker.
    pub fn save_tally(&self, tally: &Tally, unchanged: bool) -> Result<()> {
        if !unchanged {
            let file = self.path.join(TALLY);
            let tmp = self.path.join(format!("{TALLY}.tmp"));
            std::fs::write(&tmp, serde_json::to_vec(&tally.to_json()).unwrap())
                .map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, &file).map_err(|e| Error::io(&file, e))?;
        }
        let totals = serde_json::to_value(tally.totals()).unwrap();
        self.update_marker(|m| {
            m.insert("totals".into(), totals);
        })
    }

    /// Counts the whole store: every quad, and the article graphs' articles, reports,
    /// attacks and mentioned entities, each by one query grouped in the engine (decoding a
    /// term costs a database read, so only the distinct nodes are decoded).
    pub fn recount(&self) -> Result<Tally> {
        let rows = |q: &str| -> Result<Vec<Vec<Option<String>>>> {
            crate::query::select_strings(&self.store, q).map_err(|e| Error::Store {
                path: self.path.clone(),
                reason: format!("counting the store: {e}"),
            })
        };
        let num = |s: &Option<String>| {
            s.as_deref()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let one =
            |q: &str| -> Result<u64> { Ok(rows(q)?.first().map(|r| num(&r[0])).unwrap_or(0)) };
        // Only article graphs hold these patterns: no filter on the graph, which would
        // decode it on every row.
        let articles = one("SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?g a nkg:Article } }")?;
        let reports = one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a nkg:Report } }")?;
        let attacks =
            rows("SELECT ?a (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?a a nkg:Attack } } GROUP BY ?a")?;
        let entities = rows(
            "SELECT ?e ?kind (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?g nkg:mentions ?e . ?e nkg:kind ?kind } } GROUP BY ?e ?kind",
        )?;
        Ok(Tally::from_counts(
            self.len()? as u64,
            articles,
            reports,
            entities
                .iter()
                .filter_map(|r| Some((r[0].clone()?, r[1].clone()?, num(&r[2]) as u32))),
            attacks
                .iter()
                .filter_map(|r| Some((r[0].clone()?, num(&r[1]) as u32))),
        ))
    }

    fn read_marker(&self) -> Result<serde_json::Value> {
        let marker = self.path.join(MARKER);
        let text = std::fs::read_to_string(&marker).map_err(|e| Error::io(&marker, e))?;
        serde_json::from_str(&text).map_err(|_| Error::Store {
            path: self.path.clone(),
            reason: format!("{MARKER} is damaged; rebuild the store into a new folder"),
        })
    }

    /// Changes the marker file: written aside and renamed, so a crash leaves either the old
    /// or the new one.
    fn update_marker(
        &self,
        change: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>),
    ) -> Result<()> {
        let marker = self.path.join(MARKER);
        let mut v = self.read_marker()?;
        if let Some(obj) = v.as_object_mut() {
            change(obj);
        }
        let tmp = self.path.join(format!("{MARKER}.tmp"));
        std::fs::write(&tmp, serde_json::to_string_pretty(&v).unwrap())
            .map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &marker).map_err(|e| Error::io(&marker, e))
    }

    /// A writer that streams the quads of new graphs into the bulk loader.
    ///
    /// Quads are handed to the loader in batches of `batch` quads, each sorted into RocksDB
    /// files on a background thread while the caller goes on; at most `threads` batches are
    /// in flight, so memory stays bounded whatever the number of quads. The files become
    /// visible together at each commit, which happens once `commit_every` quads have been
    /// handed over (always after whole calls to [`BulkWriter::add`]) and at
    /// [`BulkWriter::finish`].
    pub fn bulk_writer(&self, batch: usize, threads: usize, commit_every: usize) -> BulkWriter<'_> {
        BulkWriter {
            kg: self,
            loader: None,
            pending: Vec::new(),
            uncommitted: 0,
            batch: batch.max(1),
            threads: threads.max(1),
            commit_every: commit_every.max(1),
        }
    }

    /// Articles written (added or replaced) since the store was last compacted, as kept in
    /// the marker file.
    pub fn written_since_compaction(&self) -> u64 {
        std::fs::read_to_string(self.path.join(MARKER))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v.get("written_since_compaction").and_then(|n| n.as_u64()))
            .unwrap_or(0)
    }

    /// Records in the marker file how many articles were written since the last compaction.
    pub fn set_written_since_compaction(&self, n: u64) -> Result<()> {
        self.update_marker(|m| {
            m.insert("written_since_compaction".into(), n.into());
        })
    }

    /// Compacts the database: merges the files bulk loads and transactions added into sorted
    /// levels and drops deleted entries. Costs time in proportion to the store's size; a
    /// store of many small uncompacted files answers queries several times slower.
    pub fn compact(&self) -> Result<()> {
        self.store
            .optimize()
            .map_err(|e| storage_error(&self.path, e))
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize> {
        self.store.len().map_err(|e| storage_error(&self.path, e))
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

/// Streams new graphs into the store; see [`KgStore::bulk_writer`].
pub struct BulkWriter<'a> {
    kg: &'a KgStore,
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    pending: Vec<Quad>,
    uncommitted: usize,
    batch: usize,
    threads: usize,
    commit_every: usize,
}

impl BulkWriter<'_> {
    /// Adds the quads of whole graphs. A commit never splits one call's quads.
    pub fn add(&mut self, quads: Vec<Quad>) -> Result<()> {
        if self.pending.is_empty() {
            self.pending = quads;
        } else {
            self.pending.extend(quads);
        }
        if self.pending.len() >= self.batch {
            self.send()?;
        }
        if self.uncommitted >= self.commit_every {
            self.commit()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let quads = std::mem::take(&mut self.pending);
        self.uncommitted += quads.len();
        let (kg, batch, threads) = (self.kg, self.batch, self.threads);
        let loader = self.loader.get_or_insert_with(|| {
            // The loader cuts what it is given into batches of (memory × 1000 / threads)
            // quads; a little more than ours, so each hand-over stays one batch.
            let megabytes = (batch * threads * 5 / 4).div_ceil(1000).max(1);
            kg.store
                .bulk_loader()
                .with_num_threads(threads)
                .with_max_memory_size_in_megabytes(megabytes)
        });
        loader
            .load_quads(quads)
            .map_err(|e| storage_error(&kg.path, e))
    }

    /// Hands over what is pending and makes everything handed over visible.
    pub fn commit(&mut self) -> Result<()> {
        self.send()?;
        self.uncommitted = 0;
        match self.loader.take() {
            Some(loader) => loader.commit().map_err(|e| storage_error(&self.kg.path, e)),
            None => Ok(()),
        }
    }

    /// Hands over what is left and commits.
    pub fn finish(mut self) -> Result<()> {
        self.commit()
    }
}

/// A term as plain text: an IRI's string, a literal's value, a blank node's id.
pub fn term_string(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Whether a graph is an article's (the lexicon and ontology graphs are not).
fn is_article_graph(iri: &str) -> bool {
    iri.strip_prefix(ID)
        .is_some_and(|rest| rest.starts_with("article/"))
}

fn not_a_store_to_build(path: &Path) -> Error {
    Error::Store {
        path: path.into(),
        reason: "the folder is not empty and is not a newskg store; choose another --store".into(),
    }
}

/// Removes the files a bulk load writes before its commit (`db/bulk-*.sst`), which a killed
/// build leaves behind. They were never part of the store; only the writer, holding the
/// exclusive lock, calls this.
fn remove_bulk_leftovers(db: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(db) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// Whether a folder without a marker holds anything but what a store being made holds (the
/// lock file and a marker being written).
fn has_foreign_entries(path: &Path) -> Result<bool> {
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name();
        if name != "newskg.lock" && name != format!("{MARKER}.tmp").as_str() {
            return Ok(true);
        }
    }
    Ok(false)
}

fn check_marker(path: &Path) -> Result<()> {
    let marker = path.join(MARKER);
    let text = std::fs::read_to_string(&marker).map_err(|e| Error::io(&marker, e))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|_| Error::Store {
        path: path.into(),
        reason: format!("{MARKER} is damaged; rebuild the store into a new folder"),
    })?;
    match v.get("format").and_then(|f| f.as_u64()) {
        Some(f) if f == STORE_FORMAT as u64 => Ok(()),
        Some(f) => Err(Error::Store {
            path: path.into(),
            reason: format!(
                "made by another newskg version (store format {f}, this newskg reads format {STORE_FORMAT}); rebuild it into a new folder"
            ),
        }),
        None => Err(Error::Store { path: path.into(), reason: format!("{MARKER} has no format version; rebuild the store") }),
    }
}

fn lock(path: &Path, exclusive: bool) -> Result<File> {
    let lock_path = path.join("newskg.lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .read(true)
        .open(&lock_path)
        .or_else(|e| {
            // A read-only folder: readers can still lock an existing file opened for reading.
            if !exclusive {
                File::open(&lock_path)
            } else {
                Err(e)
            }
        })
        .map_err(|e| Error::io(&lock_path, e))?;
    let res = if exclusive {
        file.try_lock()
    } else {
        file.try_lock_shared()
    };
    match res {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::StoreLocked { path: path.into() }),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&lock_path, e)),
    }
}

fn storage_error(path: &Path, e: oxigraph::store::StorageError) -> Error {
    let text = e.to_string();
    if text.contains("lock")
        && (text.contains("LOCK") || text.contains("Resource temporarily unavailable"))
    {
        return Error::StoreLocked { path: path.into() };
    }
    Error::Storage {
        path: path.into(),
        source: e,
    }
}
