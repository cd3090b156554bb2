//! Tests through the `newskg` binary: every command, as a user runs it.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn newskg() -> Command {
    Command::cargo_bin("newskg").expect("the newskg binary is built")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// Builds a store from `inputs`; returns the store folder, stderr and exit code.
fn build(store: &Path, inputs: &[&Path]) -> (String, i32) {
    let mut cmd = newskg();
    cmd.arg("build");
    for i in inputs {
        cmd.arg(i);
    }
    let out = cmd.arg("--store").arg(store).output().unwrap();
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn run_ok(args: &[&str]) -> String {
    let out = newskg().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "newskg {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

fn csv_header(text: &str) -> Vec<String> {
    csv::Reader::from_reader(text.as_bytes())
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect()
}

/// The number from "N quads written (M in store)" in a build summary.
fn store_quads(summary: &str) -> usize {
    let i = summary.find(" in store)").expect("summary line");
    summary[..i]
        .rsplit('(')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn build_examples_then_who_attacked_where() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let (err, code) = build(&store, &[&root().join("examples/articles")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("read 5 articles: 5 added, 0 replaced, 0 unchanged, 0 failed"),
        "{err}"
    );
    let out = run_ok(&[
        "ask",
        "who-attacked-where",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv_header(&out),
        [
            "article", "attacker", "target", "place", "date", "killed", "wounded", "weapon",
            "evidence"
        ]
    );
    let rows = csv_rows(&out);
    assert!(rows.len() >= 5, "{out}");
    // Iran's missile attack on Ain al-Asad is in the third sample article.
    assert!(
        rows.iter()
            .any(|r| r[0].starts_with("003_") && &r[1] == "Iran" && r[3].contains("Ain al-Asad")),
        "{out}"
    );
    // Every row names its article by file name and carries its evidence sentence.
    assert!(rows
        .iter()
        .all(|r| r[0].ends_with(".txt") && !r[8].is_empty()));
}

#[test]
fn second_build_adds_nothing_and_changed_article_is_replaced() {
    let tmp = TempDir::new().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for name in ["a1.txt", "a2.txt"] {
        std::fs::copy(data("aliases").join(name), articles.join(name)).unwrap();
    }
    let store = tmp.path().join("store");
    let (first, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{first}");
    let quads = store_quads(&first);

    let (second, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{second}");
    assert!(
        second.contains("0 added, 0 replaced, 2 unchanged"),
        "{second}"
    );
    assert_eq!(
        store_quads(&second),
        quads,
        "a second build must not add quads"
    );

    // Change one article: its graph is replaced, the other stays.
    std::fs::write(
        articles.join("a1.txt"),
        "date: 2023-05-14\n\nISIL fighters attacked an army post near Samarra on Sunday, killing two soldiers.\n",
    )
    .unwrap();
    let (third, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{third}");
    assert!(
        third.contains("0 added, 1 replaced, 1 unchanged"),
        "{third}"
    );
    let out = run_ok(&[
        "ask",
        "who-attacked-where",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&out);
    let a1: Vec<_> = rows.iter().filter(|r| &r[0] == "a1.txt").collect();
    assert!(!a1.is_empty(), "{out}");
    assert!(
        a1.iter().all(|r| r[8].contains("Samarra")),
        "old facts of a1.txt remain: {out}"
    );
    assert!(rows.iter().any(|r| &r[0] == "a2.txt"), "{out}");
    // Building the same changed text again changes nothing.
    let (fourth, _) = build(&store, &[&articles]);
    assert_eq!(store_quads(&fourth), store_quads(&third));
}

#[test]
fn malformed_jsonl_line_is_reported_and_the_rest_load() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let (err, code) = build(&store, &[&data("formats/records.jsonl")]);
    assert_eq!(code, 1, "some inputs failed: exit code 1\n{err}");
    assert!(
        err.contains("records.jsonl:2"),
        "the failure names the line: {err}"
    );
    assert!(err.contains("malformed JSON"), "{err}");
    assert!(err.contains("2 added"), "{err}");
    let out = run_ok(&[
        "ask",
        "who-attacked-where",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let ids: Vec<String> = csv_rows(&out).iter().map(|r| r[0].to_string()).collect();
    assert!(
        ids.contains(&"rec-1".to_string()) && ids.contains(&"rec-3".to_string()),
        "{out}"
    );
}

#[test]
fn csv_and_html_inputs_load() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let (err, code) = build(
        &store,
        &[&data("formats/feed.csv"), &data("formats/page.html")],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 added"), "{err}");
    let out = run_ok(&[
        "ask",
        "entities",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&out);
    assert!(
        rows.iter().any(|r| &r[0] == "csv-1" && &r[2] == "Sinjar"),
        "{out}"
    );
    assert!(
        rows.iter()
            .any(|r| &r[0] == "page.html" && r[2].contains("Ain al-Asad")),
        "{out}"
    );
    // The script and the navigation of the page are not article text.
    assert!(
        !rows
            .iter()
            .any(|r| &r[0] == "page.html" && &r[2] == "Mosul"),
        "{out}"
    );
    let waw = run_ok(&[
        "ask",
        "who-attacked-where",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let html_rows: Vec<_> = csv_rows(&waw)
        .into_iter()
        .filter(|r| &r[0] == "page.html")
        .collect();
    assert!(
        html_rows.iter().any(|r| r[4].starts_with("2024-07-16")),
        "date from the page's meta tag: {waw}"
    );
}

#[test]
fn ask_actor_with_an_alias_finds_the_canonical_entity() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let (err, code) = build(&store, &[&data("aliases")]);
    assert_eq!(code, 0, "{err}");
    let s = store.to_str().unwrap();
    // `entities` gives each entity as its article writes it, beside the shared name.
    let out = run_ok(&["ask", "entities", "--store", s, "--format", "csv"]);
    assert_eq!(
        csv_header(&out),
        ["article", "type", "label", "canonical"],
        "{out}"
    );
    let rows = csv_rows(&out);
    let written = |article: &str| {
        rows.iter()
            .find(|r| &r[0] == article && &r[3] == "Islamic State")
            .map(|r| r[2].to_string())
    };
    assert_eq!(written("a1.txt").as_deref(), Some("ISIL"), "{out}");
    assert_eq!(written("a2.txt").as_deref(), Some("Daesh"), "{out}");
    for alias in ["ISIL", "Daesh", "Islamic State", "isis"] {
        let out = run_ok(&[
            "ask",
            "who-attacked-where",
            "--store",
            s,
            "--format",
            "csv",
            "--actor",
            alias,
        ]);
        let rows = csv_rows(&out);
        let articles: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
        assert!(
            articles.contains(&"a1.txt") && articles.contains(&"a2.txt"),
            "--actor {alias}: {out}"
        );
        assert!(
            !articles.contains(&"a3.txt"),
            "--actor {alias} found another group's attack: {out}"
        );
        assert!(rows.iter().all(|r| &r[1] == "Islamic State"), "{out}");
    }
    // A place filter takes any spelling and what lies within the place.
    let out = run_ok(&[
        "ask",
        "who-attacked-where",
        "--store",
        s,
        "--format",
        "csv",
        "--place",
        "Arbil",
    ]);
    let rows = csv_rows(&out);
    assert!(
        !rows.is_empty() && rows.iter().all(|r| &r[0] == "a3.txt"),
        "{out}"
    );
    // The place is given as the article writes it ("Harir air base", not the shared
    // "Harir Air Base").
    let a3 = std::fs::read_to_string(data("aliases/a3.txt")).unwrap();
    assert!(
        rows.iter().all(|r| a3.contains(&r[3])),
        "place not as the article writes it: {out}"
    );
    // Dates filter by the period an attack covers.
    let out = run_ok(&[
        "ask",
        "who-attacked-where",
        "--store",
        s,
        "--format",
        "csv",
        "--from",
        "2023-06",
        "--to",
        "2023-06-30",
    ]);
    let rows = csv_rows(&out);
    assert!(
        !rows.is_empty() && rows.iter().all(|r| &r[0] == "a2.txt"),
        "{out}"
    );
    // attacks-on needs a place.
    let out = newskg()
        .args(["ask", "attacks-on", "--store", s])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--place"));
    let out = run_ok(&[
        "ask",
        "attacks-on",
        "--store",
        s,
        "--place",
        "Kirkuk",
        "--format",
        "csv",
    ]);
    assert!(out.contains("Islamic State"), "{out}");
    // A base counts as lying within the town it is named after: "Harir" finds the attack
    // on Harir Air Base, and the province finds it too.
    for place in ["Harir", "Erbil province"] {
        let out = run_ok(&[
            "ask",
            "attacks-on",
            "--store",
            s,
            "--place",
            place,
            "--format",
            "csv",
        ]);
        assert!(
            csv_rows(&out)
                .iter()
                .any(|r| &r[0] == "Harir Air Base" && &r[1] == "Kataib Hezbollah"),
            "{place}: {out}"
        );
    }
    let out = run_ok(&["ask", "actors", "--store", s, "--format", "csv"]);
    assert!(
        csv_rows(&out)
            .iter()
            .any(|r| &r[0] == "Kataib Hezbollah" && &r[2] == "1"),
        "{out}"
    );
}

#[test]
fn every_question_and_query_file_parses_and_runs() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let (err, code) = build(&store, &[&data("aliases")]);
    assert_eq!(code, 0, "{err}");
    let s = store.to_str().unwrap();
    let list = run_ok(&["ask", "--list"]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().map(|x| x == "rq").unwrap_or(false))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for f in &files {
        let name = f.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            text.starts_with("# title:"),
            "{name}.rq must start with # title:"
        );
        assert!(
            text.lines()
                .nth(1)
                .unwrap_or("")
                .starts_with("# description:"),
            "{name}.rq needs # description:"
        );
        assert!(list.contains(name), "ask --list lacks {name}");
        // As a plain query file.
        let out = run_ok(&[
            "query",
            f.to_str().unwrap(),
            "--store",
            s,
            "--format",
            "csv",
        ]);
        assert!(!out.is_empty(), "{name}");
        // As a question (attacks-on needs its place).
        let mut args = vec!["ask", name, "--store", s, "--format", "json"];
        if text.contains("required") {
            args.extend(["--place", "Kirkuk"]);
        }
        let out = run_ok(&args);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{name}: {e}: {out}"));
        assert!(v["results"]["bindings"].is_array(), "{name}: {out}");
    }
}

#[test]
fn query_formats_and_construct() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    build(&store, &[&data("aliases")]);
    let s = store.to_str().unwrap();
    let q = "SELECT ?label WHERE { ?a a nkg:Attack ; nkg:attacker/skos:prefLabel ?label } ORDER BY ?label";
    let csv = run_ok(&["query", "--query", q, "--store", s, "--format", "csv"]);
    assert!(csv.starts_with("label"), "{csv}");
    assert!(csv.contains("Islamic State"));
    let tsv = run_ok(&["query", "--query", q, "--store", s, "--format", "tsv"]);
    assert!(tsv.starts_with("?label"), "{tsv}");
    let xml = run_ok(&["query", "--query", q, "--store", s, "--format", "xml"]);
    assert!(xml.contains("<sparql"), "{xml}");
    let table = run_ok(&["query", "--query", q, "--store", s]);
    assert!(table.contains("row"), "{table}");
    let limited = run_ok(&[
        "query", "--query", q, "--store", s, "--format", "csv", "--limit", "1",
    ]);
    assert_eq!(csv_rows(&limited).len(), 1);
    let ttl = run_ok(&[
        "query",
        "--query",
        "CONSTRUCT { ?a nkg:attacker ?x } WHERE { ?a nkg:attacker ?x }",
        "--store",
        s,
    ]);
    assert!(ttl.contains("nkg:attacker"), "{ttl}");
    let ask = run_ok(&["query", "--query", "ASK { ?a a nkg:Attack }", "--store", s]);
    assert_eq!(ask.trim(), "true");
    // A syntax error is a usage error.
    let out = newskg()
        .args(["query", "--query", "SELEKT nothing", "--store", s])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error"));
}

#[test]
fn export_graphml_parses_and_declares_its_keys() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    build(
        &store,
        &[&data("aliases"), &root().join("examples/articles")],
    );
    let out_file = tmp.path().join("graph.graphml");
    run_ok(&[
        "export",
        "--format",
        "graphml",
        "--store",
        store.to_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
    ]);
    let xml = std::fs::read_to_string(&out_file).unwrap();
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut keys = std::collections::HashMap::new();
    let mut nodes = std::collections::HashSet::new();
    let mut used_keys = Vec::new();
    let mut edges = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                match e.name().as_ref() {
                    "key" => {
                        assert!(
                            attr("attr.type").is_some() && attr("attr.name").is_some(),
                            "every key has a name and type"
                        );
                        keys.insert(attr("id").unwrap(), attr("for").unwrap());
                    }
                    "node" => assert!(nodes.insert(attr("id").unwrap()), "node ids are unique"),
                    "edge" => edges.push((attr("source").unwrap(), attr("target").unwrap())),
                    "data" => used_keys.push(attr("key").unwrap()),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert!(!nodes.is_empty() && !edges.is_empty(), "{xml}");
    for k in &used_keys {
        assert!(keys.contains_key(k), "data key {k} is not declared");
    }
    for (s, t) in &edges {
        assert!(
            nodes.contains(s) && nodes.contains(t),
            "edge {s}->{t} to an unknown node"
        );
    }
    assert!(xml.contains("attr.name=\"weight\""));
    // Deterministic: the same store gives the same file.
    let again = run_ok(&[
        "export",
        "--format",
        "graphml",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(again, xml);
}

#[test]
fn extract_prints_entities_and_attacks_without_a_store() {
    let out = run_ok(&["extract", data("aliases/a3.txt").to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["id"], "a3.txt");
    let attacks = v["attacks"].as_array().unwrap();
    assert!(
        attacks
            .iter()
            .any(|a| a["attacker"] == "Kataib Hezbollah" && a["place"] == "Harir Air Base"),
        "{out}"
    );
    let text = std::fs::read_to_string(data("aliases/a3.txt")).unwrap();
    let body = text.split_once("\n\n").unwrap().1.trim_matches('\n');
    for a in attacks {
        let (s, e) = (
            a["start"].as_u64().unwrap() as usize,
            a["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &body[s..e],
            a["evidence"].as_str().unwrap(),
            "evidence offsets index the article text"
        );
    }
    let ttl = run_ok(&[
        "extract",
        "--format",
        "turtle",
        data("aliases/a3.txt").to_str().unwrap(),
    ]);
    assert!(
        ttl.contains("nkg:Attack") && ttl.contains("prov:wasDerivedFrom"),
        "{ttl}"
    );
}

#[test]
fn stats_counts_the_store() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    build(&store, &[&data("aliases")]);
    let out = run_ok(&["stats", "--store", store.to_str().unwrap()]);
    assert!(out.contains("articles   3"), "{out}");
    assert!(out.contains("armed-group"), "{out}");
    assert!(out.contains("quads"), "{out}");
}

#[test]
fn bad_paths_and_stores_are_reported() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    // A missing input is a failed input (exit 1), named in the message.
    let (err, code) = build(&store, &[&tmp.path().join("nope.txt")]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nope.txt") && err.contains("no such file"),
        "{err}"
    );
    // A folder that is not a store: exit 2 with a clear message.
    let not_store = tmp.path().join("plain");
    std::fs::create_dir(&not_store).unwrap();
    std::fs::write(not_store.join("x.txt"), "x").unwrap();
    let out = newskg()
        .args(["stats", "--store", not_store.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a newskg store"));
    let (err, code) = build(&not_store, &[&data("aliases")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a newskg store"), "{err}");
    // An unknown question.
    let out = newskg()
        .args(["ask", "who-won", "--store", store.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ask --list"));
}

/// `stats` output worked out with SPARQL through `newskg query`.
fn stats_by_sparql(store: &Path) -> String {
    let tmp = TempDir::new().unwrap();
    let one = |q: &str| -> String {
        let f = tmp.path().join("q.rq");
        std::fs::write(&f, q).unwrap();
        let out = run_ok(&[
            "query",
            f.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
            "--format",
            "csv",
        ]);
        out.lines().skip(1).collect::<Vec<_>>().join("\n")
    };
    let articles = one("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a nkg:Article } }");
    let attacks = one("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a nkg:Attack } }");
    let reports = one("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?r a nkg:Report } }");
    let kinds = one("SELECT ?kind (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?g nkg:mentions ?e . ?e nkg:kind ?kind } } GROUP BY ?kind ORDER BY ?kind");
    let quads = one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    let kinds: Vec<(String, u64)> = kinds
        .lines()
        .map(|l| {
            let (k, n) = l.split_once(',').unwrap();
            (k.to_string(), n.parse().unwrap())
        })
        .collect();
    let mut s = format!(
        "store      {}\narticles   {articles}\nattacks    {attacks} ({reports} reports)\nentities   {}\n",
        store.display(),
        kinds.iter().map(|(_, n)| n).sum::<u64>()
    );
    for (k, n) in &kinds {
        s.push_str(&format!("  {k:<13} {n}\n"));
    }
    s.push_str(&format!("quads      {quads}\n"));
    s
}

#[test]
fn stats_stay_true_through_additions_replacements_and_a_stopped_build() {
    let tmp = TempDir::new().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let text = |town: &str, actor: &str| {
        format!("date: 2023-05-14\n\n{actor} fighters attacked an army post near {town} on Sunday, killing two soldiers.\n")
    };
    // Two articles tell one attack (one attack node, two reports).
    std::fs::write(articles.join("a.txt"), text("Samarra", "ISIL")).unwrap();
    std::fs::write(articles.join("b.txt"), text("Samarra", "ISIL")).unwrap();
    std::fs::write(articles.join("c.txt"), text("Tikrit", "Kataib Hezbollah")).unwrap();
    let store = tmp.path().join("store");
    let s = store.to_str().unwrap();
    let (err, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{err}");
    let stats = run_ok(&["stats", "--store", s]);
    assert!(
        stats.contains("articles   3\nattacks    2 (3 reports)"),
        "{stats}"
    );
    assert_eq!(stats, stats_by_sparql(&store));
    assert_eq!(
        store_quads(&err),
        stats_by_sparql(&store).lines().last().unwrap()[11..]
            .parse::<usize>()
            .unwrap()
    );

    // One of the two tellers now tells another attack; Kataib Hezbollah's article is
    // replaced by one about Baiji; an article is added.
    std::fs::write(articles.join("b.txt"), text("Haditha", "ISIL")).unwrap();
    std::fs::write(articles.join("c.txt"), text("Baiji", "ISIL")).unwrap();
    std::fs::write(articles.join("d.txt"), text("Mosul", "Asaib Ahl al-Haq")).unwrap();
    let (err, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 added, 2 replaced, 1 unchanged"), "{err}");
    let stats = run_ok(&["stats", "--store", s]);
    assert!(
        stats.contains("articles   4\nattacks    4 (4 reports)"),
        "{stats}"
    );
    assert_eq!(stats, stats_by_sparql(&store));

    // A build that stopped midway leaves no totals: stats counts the store, and the next
    // build puts them back.
    let marker = store.join("newskg-store.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&marker).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("totals");
    std::fs::write(&marker, v.to_string()).unwrap();
    assert_eq!(run_ok(&["stats", "--store", s]), stats);
    std::fs::write(articles.join("a.txt"), text("Ramadi", "ISIL")).unwrap();
    let (err, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&marker).unwrap()).unwrap();
    assert!(v.get("totals").is_some(), "{v}");
    let stats = run_ok(&["stats", "--store", s]);
    assert_eq!(stats, stats_by_sparql(&store));
    // A tally that does not match the totals is not trusted.
    std::fs::write(store.join("newskg-tally.json"), "{}").unwrap();
    std::fs::write(articles.join("e.txt"), text("Hit", "ISIL")).unwrap();
    let (err, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(run_ok(&["stats", "--store", s]), stats_by_sparql(&store));
    // A build that writes nothing keeps the totals.
    let (err, code) = build(&store, &[&articles]);
    assert!(err.contains("0 added, 0 replaced, 5 unchanged"), "{err}");
    assert_eq!(code, 0, "{err}");
    assert_eq!(run_ok(&["stats", "--store", s]), stats_by_sparql(&store));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&marker).unwrap()).unwrap();
    assert!(v.get("totals").is_some(), "{v}");
}

/// The `written_since_compaction` count in a store's marker file.
fn written_since_compaction(store: &Path) -> u64 {
    let text = std::fs::read_to_string(store.join("newskg-store.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["written_since_compaction"].as_u64().unwrap()
}

#[test]
fn store_is_compacted_once_new_articles_reach_a_quarter_of_it() {
    let tmp = TempDir::new().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let text = |town: &str| {
        format!("date: 2023-05-14\n\nISIL fighters attacked an army post near {town} on Sunday, killing two soldiers.\n")
    };
    for (i, town) in ["Samarra", "Tikrit", "Baiji", "Haditha", "Hit", "Ramadi"]
        .iter()
        .enumerate()
    {
        std::fs::write(articles.join(format!("a{i}.txt")), text(town)).unwrap();
    }
    let store = tmp.path().join("store");
    // A new store: everything is new, so it is compacted.
    let (first, code) = build(&store, &[&articles]);
    assert_eq!(code, 0, "{first}");
    assert!(first.contains("store compacted in"), "{first}");
    assert_eq!(written_since_compaction(&store), 0);

    // One article more (1 of 7): under a quarter, no compaction, the count is kept.
    std::fs::write(articles.join("b1.txt"), text("Fallujah")).unwrap();
    let (second, _) = build(&store, &[&articles]);
    assert!(
        second.contains("1 added, 0 replaced, 6 unchanged"),
        "{second}"
    );
    assert!(!second.contains("compacted"), "{second}");
    assert_eq!(written_since_compaction(&store), 1);

    // Nothing new: nothing counted.
    let (third, _) = build(&store, &[&articles]);
    assert!(!third.contains("compacted"), "{third}");
    assert_eq!(written_since_compaction(&store), 1);

    // A second one (2 written since, 8 articles): a quarter reached, compacted.
    std::fs::write(articles.join("b2.txt"), text("Mosul")).unwrap();
    let (fourth, _) = build(&store, &[&articles]);
    assert!(fourth.contains("store compacted in"), "{fourth}");
    assert_eq!(written_since_compaction(&store), 0);
    let out = run_ok(&[
        "ask",
        "who-attacked-where",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&out);
    assert_eq!(
        rows.iter()
            .map(|r| r[0].to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        8,
        "{out}"
    );
}
