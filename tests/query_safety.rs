//! Queries that try to break out: `ask` and `export` parameters holding SPARQL syntax, and
//! runaway queries under `--timeout` and `--limit`.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The store of the sample articles and the alias articles, built once per run.
fn store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("query-safety");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        let store = dir.join("store");
        let r = build(
            &store,
            &[
                &root().join("examples/articles"),
                &root().join("tests/data/aliases"),
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        store
    })
}

/// Runs `newskg ARGS... --store STORE`.
fn on_store(args: &[&str]) -> Run {
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    all.push(OsStr::new("--store"));
    all.push(store().as_os_str());
    run_within(all, Duration::from_secs(120))
}

/// Values that would change a query if they were pasted into its text.
const INJECTIONS: &[&str] = &[
    "x\" } UNION { ?s ?p ?o } #",
    "x' } ; DROP ALL ; #",
    "x\n} SELECT * WHERE { ?s ?p ?o }",
    "<https://newskg.dev/id/actor/kataib-hezbollah>",
    "Kataib Hezbollah\" } UNION { ?s ?p ?o } #",
    "x\") || true || (\"",
    "x } FILTER(true) {",
    "?actorKey",
    "$placeKey",
    "# comment\n?x",
    "\"\"\"x\"\"\" . } } } {",
    "OPTIONAL { ?s ?p ?o } BIND(1 AS ?z)",
    "\\\" \\u0022 %22 &quot;",
];

/// The questions and the filters each takes, from `ask --list`.
fn questions() -> BTreeMap<String, Vec<String>> {
    let r = run(["ask", "--list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = String::new();
    for line in r.stdout.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            current = line.trim().to_string();
            out.insert(current.clone(), Vec::new());
        } else if let Some(f) = line.trim().strip_prefix("filters:") {
            out.get_mut(&current).unwrap().extend(
                f.split(',')
                    .map(|p| p.split_whitespace().next().unwrap().to_string()),
            );
        }
    }
    out
}

/// The arguments a question needs besides the one under test.
fn required(question: &str, flag: &str) -> Vec<String> {
    if question == "attacks-on" && flag != "--place" {
        // Kataib Hezbollah, the real actor name below, attacked Harir in the test articles.
        vec!["--place".into(), "Harir air base".into()]
    } else {
        Vec::new()
    }
}

fn ask(question: &str, extra: &[String], flag: &str, value: &str) -> Run {
    let mut args = vec!["ask", question, "--format", "csv", flag, value];
    args.extend(extra.iter().map(String::as_str));
    on_store(&args)
}

#[test]
fn ask_names_holding_sparql_syntax_match_nothing_and_change_nothing() {
    let qs = questions();
    assert!(qs.len() >= 5, "{qs:?}");
    let mut checked = 0;
    for (q, flags) in &qs {
        for flag in flags.iter().filter(|f| *f == "--actor" || *f == "--place") {
            let extra = required(q, flag);
            let baseline = ask(q, &extra, flag, "Zzyzx Nonexistent Brigade");
            assert_eq!(baseline.code, 0, "{q} {flag}: {}", baseline.stderr);
            // The baseline matches nothing, and a real name matches something, so an
            // injection that widened or changed the query would show.
            let real = ask(
                q,
                &extra,
                flag,
                if flag == "--actor" {
                    "Kataib Hezbollah"
                } else {
                    "Ain al-Asad"
                },
            );
            assert_eq!(real.code, 0, "{}", real.stderr);
            assert!(
                real.stdout.lines().count() > baseline.stdout.lines().count(),
                "{q} {flag}: the real name finds rows\n{}",
                real.stdout
            );
            for value in INJECTIONS {
                let r = ask(q, &extra, flag, value);
                assert_eq!(r.code, 0, "{q} {flag} {value:?}: {}", r.stderr);
                assert_eq!(
                    r.stdout, baseline.stdout,
                    "{q} {flag} {value:?} gives other results than a name that matches nothing"
                );
                checked += 1;
            }
            // A value with nothing to look up is a clean error.
            let r = ask(q, &extra, flag, "\"} #");
            assert_eq!(r.code, 2, "{}", r.stderr);
            assert!(
                r.stderr.contains(flag) && r.stderr.contains("no letters or digits"),
                "{}",
                r.stderr
            );
        }
    }
    assert!(checked >= 5 * INJECTIONS.len(), "{checked}");
}

#[test]
fn ask_dates_holding_anything_but_a_date_are_clean_errors() {
    for value in [
        "2020\" } #",
        "2020-01-01\n} UNION { ?s ?p ?o }",
        "<http://example.org/2020>",
        "NOW()",
        "2020-13",
        "2020-02-30",
        "\"2020-01-01\"^^xsd:date",
        "",
        "99999999999999999999",
    ] {
        for flag in ["--from", "--to"] {
            let r = on_store(&["ask", "who-attacked-where", flag, value]);
            assert_eq!(r.code, 2, "{flag} {value:?}: {}", r.stderr);
            assert!(
                r.stderr.contains(flag) && r.stderr.contains("is not a date"),
                "{flag} {value:?}: {}",
                r.stderr
            );
            assert!(r.stdout.is_empty(), "{}", r.stdout);
        }
    }
    for value in ["-0.5", "1.5", "NaN"] {
        let r = on_store(&["ask", "who-attacked-where", "--min-confidence", value]);
        assert_eq!(r.code, 2, "{value}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}

#[test]
fn export_filters_holding_sparql_syntax_match_nothing() {
    let tmp = tempfile::TempDir::new().unwrap();
    let export = |flag: &str, value: &str, name: &str| -> Vec<u8> {
        let out = tmp.path().join(name);
        let r = on_store(&[
            "export",
            "--format",
            "graphml",
            "--view",
            "attacks",
            flag,
            value,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{flag} {value:?}: {}", r.stderr);
        std::fs::read(out).unwrap()
    };
    for flag in ["--actor", "--place"] {
        let baseline = export(flag, "Zzyzx Nonexistent", "baseline.graphml");
        let real = export(
            flag,
            if flag == "--actor" {
                "Kataib Hezbollah"
            } else {
                "Ain al-Asad"
            },
            "real.graphml",
        );
        assert!(
            real.len() > baseline.len(),
            "{flag}: the real name finds nodes"
        );
        for (i, value) in INJECTIONS.iter().enumerate() {
            let got = export(flag, value, &format!("inj-{i}.graphml"));
            assert!(
                got == baseline,
                "{flag} {value:?} exports other nodes than a name that matches nothing"
            );
        }
    }
    let r = on_store(&["export", "--format", "graphml", "--from", "2020\" } #"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("is not a date"), "{}", r.stderr);
}

/// Queries whose work grows with a power of the store's size.
const RUNAWAY: &[&str] = &[
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (!rdf:type|rdf:type)* ?b . ?c ?d ?e }",
    "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY DESC(?i)",
];

#[test]
fn a_runaway_query_ends_at_its_timeout_with_a_clear_error() {
    let timeout = 2.0;
    for q in RUNAWAY {
        let started = Instant::now();
        let r = on_store(&["query", "--query", q, "--timeout", "2", "--format", "csv"]);
        let took = started.elapsed().as_secs_f64();
        assert_eq!(r.code, 2, "{q}: {}", r.stderr);
        assert!(r.stderr.contains("--timeout"), "{q}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{q}: {}", r.stderr);
        // The deadline plus a margin for starting the process and opening the store.
        assert!(took < timeout + 15.0, "{q}: took {took:.1} s");
        assert!(
            took >= timeout,
            "{q}: stopped before the deadline ({took:.1} s)"
        );
    }
    // A quick query is not affected by a timeout.
    let r = on_store(&[
        "query",
        "--query",
        "ASK { ?s a nkg:Attack }",
        "--timeout",
        "30",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "true");
    // Timeouts that are not a positive number of seconds are usage errors.
    for bad in ["0", "-1", "NaN", "inf", "1e300", "soon"] {
        let flag = format!("--timeout={bad}");
        let r = on_store(&["query", "--query", "ASK {}", &flag]);
        assert_eq!(r.code, 2, "--timeout {bad}: {}", r.stderr);
        assert!(r.stderr.contains("timeout"), "{}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        let r = on_store(&["ask", "actors", &flag]);
        assert_eq!(r.code, 2, "ask --timeout {bad}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}

#[test]
fn limit_stops_a_huge_result_early() {
    let cross = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }";
    for format in ["csv", "tsv", "json", "xml", "table"] {
        for n in [0usize, 1, 7] {
            let r = on_store(&[
                "query",
                "--query",
                cross,
                "--limit",
                &n.to_string(),
                "--format",
                format,
                "--timeout",
                "60",
            ]);
            assert_eq!(r.code, 0, "{format} {n}: {}", r.stderr);
            let rows = match format {
                "csv" | "tsv" => r.stdout.lines().count() - 1,
                "json" => {
                    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
                    v["results"]["bindings"].as_array().unwrap().len()
                }
                "xml" => r.stdout.matches("<result>").count(),
                // A header, a rule, the rows and a "(N rows)" line.
                _ => r.stdout.lines().count() - 3,
            };
            assert_eq!(rows, n, "{format} --limit {n}:\n{}", r.stdout);
        }
    }
    let r = on_store(&[
        "query",
        "--query",
        "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }",
        "--limit",
        "3",
        "--format",
        "ntriples",
        "--timeout",
        "60",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
}

/// A store whose article title holds what breaks naive result writers.
fn hostile_title() -> String {
    format!(
        "Raid <&> \"q\" 'a' ]]> x\u{1}y\u{1b}[2J\u{FFFE}z 💥 كتائب {}",
        "long ".repeat(20_000) + "end"
    )
}

fn hostile_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("query-safety-hostile");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        let article = dir.join("hostile.txt");
        write(
            &article,
            format!(
                "title: {}\n\nRockets struck Camp Taji on Monday.\n",
                hostile_title()
            ),
        );
        let store = dir.join("store");
        let r = build(&store, &[&article]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        store
    })
}

#[test]
fn results_with_forbidden_characters_stay_valid_in_every_format() {
    let title = hostile_title();
    let s = hostile_store().to_str().unwrap();
    let q = "SELECT ?t WHERE { ?a dcterms:title ?t }";
    let get = |format: &str| -> String {
        let r = run(["query", "--query", q, "--format", format, "--store", s]);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        r.stdout
    };
    // JSON, CSV and TSV carry the value whole.
    let v: serde_json::Value = serde_json::from_str(&get("json")).unwrap();
    assert_eq!(v["results"]["bindings"][0]["t"]["value"], title.as_str());
    let csv_out = get("csv");
    let mut rows = csv::Reader::from_reader(csv_out.as_bytes());
    assert_eq!(&rows.records().next().unwrap().unwrap()[0], title.as_str());
    let tsv = get("tsv");
    assert_eq!(tsv.lines().count(), 2, "one header, one row");
    // XML drops only what XML cannot hold, and stays well-formed.
    let xml = get("xml");
    let forbidden: Vec<char> = xml
        .chars()
        .filter(|&c| {
            !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect();
    assert!(
        forbidden.is_empty(),
        "characters XML forbids: {forbidden:?}"
    );
    let start = xml.find("<literal>").expect("a literal") + "<literal>".len();
    let end = xml[start..].find("</literal>").unwrap() + start;
    let text = xml[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let clean: String = title
        .chars()
        .filter(|&c| c != '\u{1}' && c != '\u{1b}' && c != '\u{FFFE}')
        .collect();
    assert_eq!(text, clean);
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok()
    {
        let tmp = tempfile::TempDir::new().unwrap();
        let f = tmp.path().join("results.xml");
        std::fs::write(&f, &xml).unwrap();
        let out = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg(&f)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        eprintln!("xmllint is not installed; the XML results are checked by quick-xml only");
    }
    // The table shows no control character that could drive a terminal.
    let table = get("table");
    assert!(
        !table.chars().any(|c| c.is_control() && c != '\n'),
        "{table:?}"
    );
    assert!(table.contains("Raid <&>"), "{table}");
}
