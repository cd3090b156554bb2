//! Replays the inputs the fuzz targets (`fuzz/`) once crashed on, and their seed corpora,
//! through the same target code (`tests/support/targets.rs`).
//!
//! `tests/data/fuzz/TARGET/NAME` is an input that made TARGET panic before its fix; every
//! file of `fuzz/corpus/TARGET/` is a seed. A new crash is a new file, not new test code.

#[path = "support/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    out.sort();
    out
}

/// Runs every file under `root/TARGET/` through TARGET; returns how many ran.
fn replay(root: &str) -> usize {
    let root = Path::new(root);
    for entry in std::fs::read_dir(root).into_iter().flatten() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            targets::TARGETS.contains(&name.as_str()),
            "{}: no fuzz target is called {name:?}",
            root.display()
        );
    }
    let mut n = 0;
    let mut failed = Vec::new();
    for target in targets::TARGETS {
        for f in files(&root.join(target)) {
            let data = std::fs::read(&f).unwrap();
            if std::panic::catch_unwind(|| targets::run(target, &data)).is_err() {
                failed.push(format!("{target} panics on {}", f.display()));
            }
            n += 1;
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    n
}

#[test]
fn crash_inputs_no_longer_crash() {
    replay("tests/data/fuzz");
}

#[test]
fn seed_corpora_run_clean() {
    let n = replay("fuzz/corpus");
    assert!(
        n >= targets::TARGETS.len(),
        "only {n} seeds under fuzz/corpus"
    );
}

#[test]
fn tolls_past_the_largest_count_saturate() {
    // A toll beyond u32 (a sum of a list, a number of dozens) is the largest count, not a
    // wrapped-around small one. Under the fuzz build's overflow checks these inputs
    // panicked; a release build wrapped them silently.
    let inputs: Vec<PathBuf> = files(Path::new("tests/data/fuzz/extract"))
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("toll-")
        })
        .collect();
    assert!(!inputs.is_empty());
    let mut wrong = Vec::new();
    for f in inputs {
        let text = std::fs::read_to_string(&f).unwrap();
        let article = newskg::ingest::Article {
            text: text.split_once("\n\n").unwrap().1.to_string(),
            ..Default::default()
        };
        let ex = targets::extractor().extract(&article);
        let killed: Vec<_> = ex.attacks.iter().map(|a| a.killed).collect();
        let saturated = killed.contains(&Some(u32::MAX))
            && killed.iter().all(|k| k.is_none() || *k == Some(u32::MAX));
        if !saturated {
            wrong.push(format!("{}: killed {killed:?}", f.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
