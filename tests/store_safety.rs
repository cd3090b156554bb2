//! The store under stress: a build killed at random moments, a second process while a
//! build runs, and folders that are not (this version's) stores.

mod common;

use common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Each graph of the store as its sorted N-Quads lines, by graph name.
type Graphs = BTreeMap<String, BTreeSet<String>>;

/// Dumps the store through `newskg export --format nquads` and groups it by graph.
fn graphs(store: &Path) -> Graphs {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("dump.nq");
    let r = run([
        OsStr::new("export"),
        OsStr::new("--format"),
        OsStr::new("nquads"),
        OsStr::new("--out"),
        out.as_os_str(),
        OsStr::new("--store"),
        store.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "the store opens: {}", r.stderr);
    let bytes = std::fs::read(&out).unwrap();
    let mut g = Graphs::new();
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(&bytes) {
        let q = q.unwrap();
        assert!(
            !q.subject.is_blank_node() && !q.object.is_blank_node(),
            "blank nodes would need another comparison: {q}"
        );
        g.entry(q.graph_name.to_string())
            .or_default()
            .insert(q.to_string());
    }
    g
}

fn article_graph(id: &str) -> String {
    format!("<https://newskg.dev/id/article/{id}>")
}

/// A small deterministic generator, so a failing run can be repeated from its seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Writes a corpus as one JSON Lines file: `n` articles with ids `a0`..; `variant` changes
/// the text of every article whose number is divisible by `changed_every`.
fn corpus(path: &Path, ids: std::ops::Range<usize>, variant: usize, changed_every: usize) {
    let mut s = String::new();
    for i in ids {
        let mut text = article_text(i);
        if variant > 0 && i % changed_every == 0 {
            text.push_str(&format!(
                "A second strike hit Erbil on Tuesday, wounding {} people (update {variant}).\n",
                i % 5 + 1
            ));
        }
        s.push_str(&serde_json::json!({ "id": format!("a{i}"), "text": text }).to_string());
        s.push('\n');
    }
    write(path, s);
}

fn build_cmd(store: &Path, input: &Path) -> Command {
    let mut cmd = command([
        OsStr::new("build"),
        input.file_name().unwrap(),
        OsStr::new("--store"),
        store.as_os_str(),
        OsStr::new("-q"),
    ]);
    // Commit new articles every few hundred, so a kill falls between many commits.
    cmd.env("NEWSKG_BULK_QUADS", "5000")
        .current_dir(input.parent().unwrap());
    cmd
}

/// Starts a build and kills it (SIGKILL) after `after`; returns whether it was still running.
fn kill_build_after(store: &Path, input: &Path, after: Duration) -> bool {
    let mut child = build_cmd(store, input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while started.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    true
}

/// Every article graph of `got` is absent or equal to one of its allowed versions, and
/// every other graph equals the reference.
fn check_atomic(got: &Graphs, allowed: &BTreeMap<String, Vec<&BTreeSet<String>>>, what: &str) {
    for (graph, quads) in got {
        let Some(versions) = allowed.get(graph) else {
            panic!("{what}: unexpected graph {graph}");
        };
        assert!(
            versions.contains(&quads),
            "{what}: graph {graph} is partly written ({} quads; allowed versions have {:?})",
            quads.len(),
            versions.iter().map(|v| v.len()).collect::<Vec<_>>()
        );
    }
}

fn bulk_leftovers(store: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(store.join("db"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("bulk-"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_build_killed_at_random_moments_leaves_whole_articles_and_resumes() {
    let tmp = TempDir::new().unwrap();
    // Both corpora have the same file name, and builds run in the corpus's folder: an
    // article's graph records its source file as given on the command line.
    let old = tmp.path().join("old/corpus.jsonl");
    let new = tmp.path().join("new/corpus.jsonl");
    // The old corpus, and a new one that changes every third article and adds more.
    corpus(&old, 0..1500, 0, 3);
    corpus(&new, 0..2500, 1, 3);

    // Reference stores, built without interruption.
    let ref_old = tmp.path().join("ref-old");
    let started = Instant::now();
    let r = run_cmd_within(build_cmd(&ref_old, &old), Duration::from_secs(300));
    let t_old = started.elapsed();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ref_new = tmp.path().join("ref-new");
    let r = run_cmd_within(build_cmd(&ref_new, &new), Duration::from_secs(300));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let old_graphs = graphs(&ref_old);
    let new_graphs = graphs(&ref_new);
    assert_eq!(old_graphs.len(), 1500 + 2, "articles, ontology and lexicon");
    assert_eq!(new_graphs.len(), 2500 + 2);
    let changed = old_graphs
        .iter()
        .filter(|(g, q)| new_graphs.get(*g) != Some(*q))
        .count();
    assert_eq!(changed, 500, "every third old article changes");

    // What each graph may be after a kill: absent, or whole in a version that was built.
    let mut allowed: BTreeMap<String, Vec<&BTreeSet<String>>> = BTreeMap::new();
    for (g, q) in old_graphs.iter().chain(new_graphs.iter()) {
        allowed.entry(g.clone()).or_default().push(q);
    }

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("kill moments from seed {seed}");
    let mut rng = Lcg(seed);
    let store = tmp.path().join("store");

    // Phase 1: a new store, killed while it is being made.
    let mut killed = 0;
    for round in 0..3 {
        let after = t_old.mul_f64((round as f64 + rng.next()) / 3.0);
        killed += kill_build_after(&store, &old, after) as usize;
        let r = run(["stats".as_ref(), "--store".as_ref(), store.as_os_str()]);
        if r.code != 0 {
            // Killed before anything was written: the store says so plainly.
            assert_eq!(r.code, 2, "{}", r.stderr);
            assert!(
                r.stderr.contains("no data yet") || r.stderr.contains("not a newskg store"),
                "{}",
                r.stderr
            );
            continue;
        }
        check_atomic(
            &graphs(&store),
            &allowed,
            &format!("new store, round {round}"),
        );
    }
    let r = run_cmd_within(build_cmd(&store, &old), Duration::from_secs(300));
    assert_eq!(r.code, 0, "the build completes after kills: {}", r.stderr);
    assert_eq!(
        graphs(&store),
        old_graphs,
        "after resuming, as a clean build"
    );

    // Phase 2: updating the store (replacing changed articles, adding new ones), killed.
    let started = Instant::now();
    let probe = tmp.path().join("probe");
    std::fs::create_dir(&probe).unwrap();
    copy_dir(&store, &probe.join("store"));
    let r = run_cmd_within(
        build_cmd(&probe.join("store"), &new),
        Duration::from_secs(300),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t_update = started.elapsed();
    for round in 0..4 {
        let after = t_update.mul_f64((round as f64 + rng.next()) / 4.0);
        killed += kill_build_after(&store, &new, after) as usize;
        let got = graphs(&store);
        check_atomic(&got, &allowed, &format!("update, round {round}"));
        // Nothing of the old corpus is lost while the update runs.
        for g in old_graphs.keys() {
            assert!(got.contains_key(g), "update round {round}: {g} disappeared");
        }
    }
    eprintln!("{killed} of 7 builds were killed while running");
    let r = run_cmd_within(build_cmd(&store, &new), Duration::from_secs(300));
    assert_eq!(r.code, 0, "the update completes after kills: {}", r.stderr);
    assert_eq!(
        graphs(&store),
        new_graphs,
        "after resuming, as a clean build"
    );
    assert_eq!(
        bulk_leftovers(&store),
        Vec::<PathBuf>::new(),
        "files of interrupted bulk loads are removed"
    );
    assert!(article_graph("a0").starts_with('<'));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Holds a shared lock on the store's lock file, as a reader would, if it can.
fn lock_is_free(store: &Path) -> bool {
    match std::fs::File::open(store.join("newskg.lock")) {
        Ok(f) => f.try_lock_shared().is_ok(),
        Err(_) => true,
    }
}

#[test]
fn a_second_process_while_a_build_runs_gets_a_clear_error_and_damages_nothing() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("big.jsonl");
    corpus(&input, 0..40_000, 0, 1);
    let other = tmp.path().join("other.txt");
    write(&other, article_text(99));
    let store = tmp.path().join("store");
    let mut first = build_cmd(&store, &input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the build holds the store.
    let started = Instant::now();
    while lock_is_free(&store) {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the build ended before it was seen holding the store"
        );
        assert!(started.elapsed() < Duration::from_secs(60), "no lock taken");
        std::thread::sleep(Duration::from_millis(10));
    }
    let s = store.as_os_str();
    let attempts: Vec<(&str, Vec<&OsStr>)> = vec![
        (
            "build",
            vec!["build".as_ref(), other.as_os_str(), "--store".as_ref(), s],
        ),
        ("stats", vec!["stats".as_ref(), "--store".as_ref(), s]),
        (
            "ask",
            vec!["ask".as_ref(), "actors".as_ref(), "--store".as_ref(), s],
        ),
        (
            "query",
            vec![
                "query".as_ref(),
                "--query".as_ref(),
                "ASK { ?s ?p ?o }".as_ref(),
                "--store".as_ref(),
                s,
            ],
        ),
        (
            "export",
            vec![
                "export".as_ref(),
                "--format".as_ref(),
                "nquads".as_ref(),
                "--store".as_ref(),
                s,
            ],
        ),
    ];
    for (name, args) in &attempts {
        let r = run_within(args, Duration::from_secs(60));
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains("is in use by another process"),
            "{name}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
    }
    // The attempts were made while the first build still ran, so they truly overlapped.
    let overlapped = first.try_wait().unwrap().is_none();
    let status = first.wait().unwrap();
    assert!(status.success(), "the first build was not disturbed");
    assert!(
        overlapped,
        "the first build ended during the attempts; make its corpus larger"
    );
    let ids = article_ids(&store);
    assert_eq!(ids.len(), 40_000);
    assert!(!ids.contains("other.txt"));
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

#[test]
fn folders_that_are_not_this_versions_store_are_refused_untouched() {
    let tmp = TempDir::new().unwrap();
    let good = tmp.path().join("good.txt");
    write(&good, article_text(1));
    // A real store, then its marker changed to another format version.
    let other_version = tmp.path().join("other-version");
    assert_eq!(build(&other_version, &[&good]).code, 0);
    let marker = other_version.join("newskg-store.json");
    write(&marker, r#"{ "format": 99, "created_by": "newskg 9.0.0" }"#);
    // A folder of someone's files.
    let random = tmp.path().join("random");
    write(&random.join("notes.txt"), "my notes");
    write(&random.join("sub/data.bin"), [0u8, 1, 2]);
    // A file where the store should be.
    let file = tmp.path().join("file-store");
    write(&file, "not a folder");
    // A marker that is not JSON.
    let damaged = tmp.path().join("damaged");
    write(&damaged.join("newskg-store.json"), "{ this is not json");
    // A marker without a version.
    let unversioned = tmp.path().join("unversioned");
    write(&unversioned.join("newskg-store.json"), "{}");

    let cases: Vec<(&Path, &str)> = vec![
        (&other_version, "another newskg version (store format 99"),
        (&random, "not"),
        (&file, "not"),
        (&damaged, "damaged"),
        (&unversioned, "no format version"),
    ];
    for (store, says) in cases {
        let before = if store.is_dir() {
            snapshot(store)
        } else {
            BTreeMap::from([(PathBuf::new(), std::fs::read(store).unwrap())])
        };
        let s = store.as_os_str();
        for args in [
            vec!["build".as_ref(), good.as_os_str(), "--store".as_ref(), s],
            vec!["stats".as_ref(), "--store".as_ref(), s],
            vec!["ask".as_ref(), "actors".as_ref(), "--store".as_ref(), s],
            vec![
                "query".as_ref(),
                "--query".as_ref(),
                "ASK { ?s ?p ?o }".as_ref(),
                "--store".as_ref(),
                s,
            ],
            vec![
                "export".as_ref(),
                "--format".as_ref(),
                "nquads".as_ref(),
                "--store".as_ref(),
                s,
            ],
        ] {
            let r = run(&args);
            assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
            assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
            assert!(
                r.stderr.contains(&store.display().to_string()),
                "the message names the store: {}",
                r.stderr
            );
            assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        }
        let after = if store.is_dir() {
            snapshot(store)
        } else {
            BTreeMap::from([(PathBuf::new(), std::fs::read(store).unwrap())])
        };
        assert!(before == after, "{} was changed", store.display());
    }
    // Put the marker back: the store opens again, its article intact.
    let current = format!(
        r#"{{ "format": {}, "created_by": "newskg 0.1.0" }}"#,
        newskg::store::STORE_FORMAT
    );
    write(&marker, &current);
    assert_eq!(article_ids(&other_version).len(), 1);
}
