//! `ask who-attacked-where` reads rows stored at build time instead of running its query
//! (src/query/rows.rs). These tests hold the two ways to the same answer, with and without
//! every filter, on the sample articles, the test articles and a generated corpus.

use assert_cmd::Command;
use newskg::build::{build, BuildOptions};
use newskg::query::questions::{self, Arguments};
use newskg::query::{OutputFormat, RunOptions};
use newskg::store::KgStore;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn make_store(tmp: &Path) -> PathBuf {
    let corpus = tmp.join("generated.jsonl");
    let out = Command::cargo_bin("newskg")
        .unwrap()
        .args(["gen-corpus", "--articles", "400", "--seed", "7", "--out"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let store = tmp.join("store");
    let report = build(&BuildOptions {
        paths: vec![
            root().join("examples/articles"),
            root().join("tests/data/aliases"),
            root().join("tests/data/formats"),
            corpus,
        ],
        store: store.clone(),
        lexicon_files: Vec::new(),
        progress: false,
    })
    .unwrap();
    assert!(report.attacks > 500, "{report:?}");
    store
}

fn answer(store: &Path, args: &Arguments, format: OutputFormat, query: bool) -> String {
    let kg = KgStore::open_for_read(store).unwrap();
    let q = questions::get("who-attacked-where").unwrap();
    let mut out = Vec::new();
    let opts = RunOptions::default();
    if query {
        q.run_query(kg.store(), args, format, &opts, &mut out)
            .unwrap();
    } else {
        q.run(kg.store(), args, format, &opts, &mut out).unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// Rows of a CSV answer, and the order of their articles. Rows that tie on the query's
/// ORDER BY may come in either order, so rows are compared as sorted lists.
fn rows(csv_text: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let mut rows: Vec<Vec<String>> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let order = rows.iter().map(|r| r[0].clone()).collect();
    rows.sort();
    (rows, order)
}

#[test]
fn stored_rows_answer_as_the_query_does() {
    let tmp = TempDir::new().unwrap();
    let store = make_store(tmp.path());
    let arg = |actor: Option<&str>,
               place: Option<&str>,
               from: Option<&str>,
               to: Option<&str>,
               conf: Option<f64>| Arguments {
        actor: actor.map(str::to_string),
        place: place.map(str::to_string),
        from: from.map(str::to_string),
        to: to.map(str::to_string),
        min_confidence: conf,
    };
    let cases = [
        arg(None, None, None, None, None),
        arg(Some("ISIL"), None, None, None, None),
        arg(Some("Kataib Hezbollah"), None, None, None, None),
        arg(Some("United States"), None, None, None, None),
        arg(Some("Islamic Resistance in Iraq"), None, None, None, None),
        arg(None, Some("Iraq"), None, None, None),
        arg(None, Some("Syria"), None, None, None),
        arg(None, Some("Anbar"), None, None, None),
        arg(None, Some("Erbil"), None, None, None),
        arg(None, Some("Ain al-Assad"), None, None, None),
        arg(None, None, Some("2020"), None, None),
        arg(None, None, None, Some("2019-06"), None),
        arg(None, None, Some("2016-01-01"), Some("2018-12-31"), None),
        arg(None, None, None, None, Some(0.8)),
        arg(
            Some("Islamic State"),
            Some("Iraq"),
            Some("2015"),
            Some("2022"),
            Some(0.5),
        ),
        arg(Some("nobody at all"), None, None, None, None),
    ];
    let mut nonempty = 0;
    for args in &cases {
        let fast = answer(&store, args, OutputFormat::Csv, false);
        let slow = answer(&store, args, OutputFormat::Csv, true);
        let (fast_rows, fast_order) = rows(&fast);
        let (slow_rows, slow_order) = rows(&slow);
        assert_eq!(fast_rows, slow_rows, "rows differ for {args:?}");
        assert_eq!(fast_order, slow_order, "order differs for {args:?}");
        if !fast_rows.is_empty() {
            nonempty += 1;
        }
    }
    // The filters must select something, or the comparison proves little.
    assert!(nonempty >= 13, "only {nonempty} cases gave rows");
    // Every other format too, on the unfiltered question.
    let all = arg(None, None, None, None, None);
    for format in [OutputFormat::Json, OutputFormat::Tsv, OutputFormat::Xml] {
        let fast = answer(&store, &all, format, false);
        let slow = answer(&store, &all, format, true);
        assert_eq!(fast.len(), slow.len(), "{format:?}");
    }
    let table_fast = answer(&store, &all, OutputFormat::Table, false);
    let table_slow = answer(&store, &all, OutputFormat::Table, true);
    assert_eq!(
        table_fast.lines().count(),
        table_slow.lines().count(),
        "table"
    );
}
