//! `newskg export` through the binary, read back by the parsers graph tools use: xmllint
//! with the GraphML schema, networkx and rdflib (Python), graphology-graphml and
//! graphology-gexf (Node, the readers of Gephi Lite), Oxigraph. What they read is compared
//! with what `newskg query` says the store holds.
//!
//! The checkers are installed by `.ci/run` (a venv in `target/checkers/venv`, the node
//! modules of `tests/checkers/`, Debian's libxml2-utils). A test whose checker is missing
//! says so and skips that check, unless NEWSKG_REQUIRE_CHECKERS=1 (as in CI), where a
//! missing checker fails the test.

use assert_cmd::Command;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn newskg() -> Command {
    Command::cargo_bin("newskg").expect("the newskg binary is built")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("export-tests")
        .join(name);
    if p.exists() {
        std::fs::remove_dir_all(&p).unwrap();
    }
    std::fs::create_dir_all(&p).unwrap();
    p
}

fn run_ok(args: &[&str]) -> Vec<u8> {
    let out = newskg().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "newskg {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn run_text(args: &[&str]) -> String {
    String::from_utf8(run_ok(args)).unwrap()
}

fn build(store: &Path, inputs: &[PathBuf], lexicon: Option<&Path>) {
    let mut cmd = newskg();
    cmd.arg("build")
        .args(inputs)
        .arg("--store")
        .arg(store)
        .arg("-q");
    if let Some(l) = lexicon {
        cmd.arg("--lexicon").arg(l);
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The store of the sample articles and the alias articles, built once per run.
fn store() -> &'static str {
    static STORE: OnceLock<String> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = scratch("store");
        let store = dir.join("store");
        build(
            &store,
            &[
                root().join("examples/articles"),
                root().join("tests/data/aliases"),
            ],
            None,
        );
        store.to_str().unwrap().to_string()
    })
}

/// The rows of a SELECT on a store, as strings.
fn select(store: &str, query: &str) -> Vec<Vec<String>> {
    let text = run_text(&[
        "query", "--query", query, "--store", store, "--format", "csv",
    ]);
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn count(store: &str, query: &str) -> usize {
    select(store, query)[0][0].parse().unwrap()
}

/// The node id newskg gives an entity IRI of the project's namespace.
fn id_of(iri: &str) -> String {
    let rest = iri.strip_prefix("https://newskg.dev/id/").unwrap();
    assert!(
        rest.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/')),
        "{iri}"
    );
    rest.replace('/', ":")
}

// ---------------------------------------------------------------------------------------
// Checkers

/// A missing checker: a failure in CI, a notice and a skip elsewhere.
fn missing(what: &str, why: &str) {
    if std::env::var("NEWSKG_REQUIRE_CHECKERS").as_deref() == Ok("1") {
        panic!("checker {what} is missing ({why}); .ci/run installs it");
    }
    eprintln!(
        "skipping the {what} check: {why}; run .ci/run (or see tests/checkers/) to install it"
    );
}

fn python() -> Option<PathBuf> {
    let py = std::env::var_os("NEWSKG_CHECKER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/checkers/venv/bin/python"));
    let ok = std::process::Command::new(&py)
        .args(["-c", "import networkx, rdflib, pydot"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        Some(py)
    } else {
        missing(
            "python (networkx, rdflib, pydot)",
            &format!("{} cannot import them", py.display()),
        );
        None
    }
}

fn node_ok() -> bool {
    let modules = root().join("tests/checkers/node_modules/graphology");
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if node && modules.exists() {
        true
    } else {
        missing(
            "node (graphology)",
            "node or tests/checkers/node_modules is missing",
        );
        false
    }
}

fn xmllint_ok() -> bool {
    let ok = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        missing(
            "xmllint",
            "xmllint is not installed (Debian: libxml2-utils)",
        );
    }
    ok
}

fn run_checker(mut cmd: std::process::Command) -> Json {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} could not read the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn py_read(py: &Path, args: &[&str]) -> Json {
    let mut cmd = std::process::Command::new(py);
    cmd.arg(root().join("tests/checkers/check.py")).args(args);
    run_checker(cmd)
}

fn js_read(kind: &str, file: &Path) -> Json {
    let mut cmd = std::process::Command::new("node");
    cmd.arg(root().join("tests/checkers/check.js"))
        .arg(kind)
        .arg(file);
    run_checker(cmd)
}

/// Validates a GraphML file against the GraphML schema.
fn validate_graphml(file: &Path) {
    let schema = root().join("../shared/schemas/graphml/graphml.xsd");
    if !schema.exists() {
        missing(
            "GraphML schema",
            "../shared/schemas/graphml/ is not beside the project",
        );
        return;
    }
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} is not valid GraphML: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn export(store: &str, args: &[&str], out: &Path) {
    let mut all = vec!["export", "--store", store, "--out", out.to_str().unwrap()];
    all.extend(args);
    run_ok(&all);
}

/// (source, target) → edge attributes, from a checker's summary.
fn edges_by_ends(summary: &Json) -> BTreeMap<(String, String), Json> {
    summary["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                (
                    e["source"].as_str().unwrap().to_string(),
                    e["target"].as_str().unwrap().to_string(),
                ),
                e.clone(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// What the store holds

const VIEW_KINDS: &str = "\"state-force\", \"armed-group\", \"government\", \"organisation\", \"person\", \"country\", \"region\", \"settlement\", \"feature\", \"facility\", \"base\", \"operation\"";
const ACTOR_KINDS: &str =
    "\"state-force\", \"armed-group\", \"government\", \"organisation\", \"person\"";

/// The actors view as the store holds it: node id → label, and (attacker, victim) →
/// (edge type, attacks).
struct ActorsExpected {
    labels: BTreeMap<String, String>,
    edges: BTreeMap<(String, String), (String, usize)>,
}

fn actors_expected(s: &str) -> ActorsExpected {
    let labels = select(
        s,
        &format!(
            "SELECT DISTINCT ?e (MIN(STR(?l)) AS ?label) WHERE {{ GRAPH ?g {{ ?g nkg:mentions ?e }} ?e nkg:kind ?k ; skos:prefLabel ?l FILTER(?k IN ({VIEW_KINDS})) }} GROUP BY ?e"
        ),
    )
    .into_iter()
    .map(|r| (id_of(&r[0]), r[1].clone()))
    .collect();
    let mut edges = BTreeMap::new();
    for r in select(
        s,
        &format!(
            "SELECT ?a ?p (COUNT(DISTINCT ?attack) AS ?n) WHERE {{ ?attack a nkg:Attack ; nkg:attacker ?a ; nkg:place ?p . ?a nkg:kind ?ka . ?p nkg:kind ?kp FILTER(?ka IN ({VIEW_KINDS}) && ?kp IN ({VIEW_KINDS}) && ?a != ?p) }} GROUP BY ?a ?p"
        ),
    ) {
        edges.insert((id_of(&r[0]), id_of(&r[1])), ("attacked".to_string(), r[2].parse().unwrap()));
    }
    for r in select(
        s,
        &format!(
            "SELECT ?a ?t (COUNT(DISTINCT ?attack) AS ?n) WHERE {{ ?attack a nkg:Attack ; nkg:attacker ?a ; nkg:target ?t . ?a nkg:kind ?ka . ?t nkg:kind ?kt FILTER(?ka IN ({VIEW_KINDS}) && ?kt IN ({ACTOR_KINDS}) && ?a != ?t) }} GROUP BY ?a ?t"
        ),
    ) {
        edges.insert((id_of(&r[0]), id_of(&r[1])), ("targeted".to_string(), r[2].parse().unwrap()));
    }
    ActorsExpected { labels, edges }
}

/// Checks a graph summary (from any checker) against the actors view the store holds.
fn check_actors(summary: &Json, want: &ActorsExpected, who: &str, type_key: &str) {
    let nodes = summary["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), want.labels.len(), "{who}: node count");
    for (id, label) in &want.labels {
        assert_eq!(
            nodes[id]["label"].as_str(),
            Some(label.as_str()),
            "{who}: label of {id}"
        );
    }
    let edges = edges_by_ends(summary);
    assert_eq!(edges.len(), want.edges.len(), "{who}: edge count");
    assert!(!edges.is_empty());
    for (ends, (kind, n)) in &want.edges {
        let e = &edges[ends];
        assert_eq!(
            e["weight"].as_f64(),
            Some(*n as f64),
            "{who}: weight of {ends:?}"
        );
        assert_eq!(
            e[type_key].as_str(),
            Some(kind.as_str()),
            "{who}: type of {ends:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Formats

#[test]
fn graphml_is_schema_valid_and_loads_in_networkx_and_graphology() {
    let s = store();
    let dir = scratch("graphml");
    let file = dir.join("actors.graphml");
    export(s, &["--format", "graphml"], &file);
    let want = actors_expected(s);
    if xmllint_ok() {
        validate_graphml(&file);
    }
    if let Some(py) = python() {
        let g = py_read(&py, &["graphml", file.to_str().unwrap()]);
        assert_eq!(g["directed"], true);
        check_actors(&g, &want, "networkx", "type");
        // Coordinates come from the lexicon: Ain al-Asad's base.
        let asad = &g["nodes"]["base:ain-al-asad"];
        assert!(asad["latitude"].as_f64().unwrap() > 33.0, "{asad}");
        assert_eq!(asad["kind"], "base");
        assert_eq!(asad["iri"], "https://newskg.dev/id/base/ain-al-asad");
    }
    if node_ok() {
        let g = js_read("graphml", &file);
        assert_eq!(g["type"], "directed");
        check_actors(&g, &want, "graphology-graphml", "type");
    }
}

#[test]
fn gexf_loads_with_colours_sizes_positions_and_spells() {
    let s = store();
    let dir = scratch("gexf");
    let file = dir.join("actors.gexf");
    export(s, &["--format", "gexf"], &file);
    let want = actors_expected(s);
    let dated: usize = count(
        s,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a nkg:attacker ?x ; nkg:place ?p ; sem:hasBeginTimeStamp ?b }",
    );
    assert!(dated > 0);
    if let Some(py) = python() {
        let g = py_read(&py, &["gexf", file.to_str().unwrap()]);
        check_actors(&g, &want, "networkx (GEXF)", "label");
        let nodes = g["nodes"].as_object().unwrap();
        for (id, n) in nodes {
            assert!(n["viz"]["color"]["r"].is_number(), "{id}: colour");
            assert!(n["viz"]["size"].as_f64().unwrap() >= 5.0, "{id}: size");
        }
        // Places with coordinates sit at longitude, latitude (times 100).
        let asad = &nodes["base:ain-al-asad"];
        let pos = &asad["viz"]["position"];
        assert!(
            (pos["x"].as_f64().unwrap() - 100.0 * asad["longitude"].as_f64().unwrap()).abs() < 1e-6,
            "{asad}"
        );
        assert!(
            (pos["y"].as_f64().unwrap() - 100.0 * asad["latitude"].as_f64().unwrap()).abs() < 1e-6,
            "{asad}"
        );
        // Attackers are sized by their attacks.
        let isis = &nodes["actor:islamic-state"];
        assert!(isis["attacks"].as_i64().unwrap() >= 2, "{isis}");
        assert!(isis["viz"]["size"].as_f64().unwrap() > 5.0, "{isis}");
        // Dated attacks give spells of days.
        let spelled: Vec<&Json> = g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["spells"].is_array())
            .collect();
        assert!(!spelled.is_empty(), "no edge has spells");
        for e in &spelled {
            for sp in e["spells"].as_array().unwrap() {
                let (a, b) = (sp[0].as_str().unwrap(), sp[1].as_str().unwrap());
                assert!(a.len() == 10 && b.len() == 10 && a <= b, "{e}");
            }
        }
        let tikrit = edges_by_ends(&g)[&(
            "actor:islamic-state".to_string(),
            "place:tikrit".to_string(),
        )]
            .clone();
        assert_eq!(tikrit["spells"][0][0], "2023-05-14", "{tikrit}");
        assert_eq!(tikrit["killed"], 2, "{tikrit}");
    }
    if node_ok() {
        let g = js_read("gexf", &file);
        check_actors(&g, &want, "graphology-gexf", "kind");
        for (id, n) in g["nodes"].as_object().unwrap() {
            assert!(n["color"].as_str().unwrap().starts_with("rgb("), "{id}");
            assert!(n["size"].is_number(), "{id}");
        }
        assert!(g["nodes"]["base:ain-al-asad"]["x"].is_number());
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("timeformat=\"date\"") && text.contains("mode=\"dynamic\""));
}

#[test]
fn csv_pair_has_gephi_columns_and_the_view() {
    let s = store();
    let dir = scratch("csv");
    let out = dir.join("pair");
    export(s, &["--format", "csv"], &out);
    let want = actors_expected(s);
    let nodes = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(out.join("edges.csv")).unwrap();
    let mut nr = csv::Reader::from_reader(nodes.as_bytes());
    let head: Vec<String> = nr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&head[..2], ["Id", "Label"]);
    assert!(head.contains(&"kind".to_string()));
    let rows: Vec<csv::StringRecord> = nr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), want.labels.len());
    for r in &rows {
        assert_eq!(
            want.labels.get(&r[0]).map(String::as_str),
            Some(&r[1]),
            "{r:?}"
        );
    }
    let mut er = csv::Reader::from_reader(edges.as_bytes());
    let head: Vec<String> = er.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        &head[..6],
        ["Source", "Target", "Type", "Id", "Label", "Weight"]
    );
    let rows: Vec<csv::StringRecord> = er.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), want.edges.len());
    for r in &rows {
        assert_eq!(&r[2], "Directed");
        let (kind, n) = &want.edges[&(r[0].to_string(), r[1].to_string())];
        assert_eq!(
            (&r[4], r[5].parse::<usize>().unwrap()),
            (kind.as_str(), *n),
            "{r:?}"
        );
    }
}

#[test]
fn dot_parses_in_pydot() {
    let s = store();
    let dir = scratch("dot");
    let Some(py) = python() else { return };
    for view in ["actors", "mentions"] {
        let file = dir.join(format!("{view}.dot"));
        export(s, &["--format", "dot", "--view", view], &file);
        let out = std::process::Command::new(&py)
            .arg("-c")
            .arg("import sys, pydot; g = pydot.graph_from_dot_file(sys.argv[1])[0]; print(len(g.get_nodes()) - 1, len(g.get_edges()))")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let gml = dir.join(format!("{view}.graphml"));
        export(s, &["--format", "graphml", "--view", view], &gml);
        let g = py_read(&py, &["graphml", gml.to_str().unwrap()]);
        assert_eq!(
            text.trim(),
            format!(
                "{} {}",
                g["nodes"].as_object().unwrap().len(),
                g["edges"].as_array().unwrap().len()
            ),
            "{view}"
        );
    }
}

#[test]
fn rdf_dumps_parse_and_reload_with_the_same_quads() {
    let s = store();
    let dir = scratch("rdf");
    let quads = count(s, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    let triples = count(
        s,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    );
    let stats = run_text(&["stats", "--store", s]);
    assert!(stats.contains(&quads.to_string()), "{stats}");
    let py = python();
    for (format, rdflib, file, dataset) in [
        ("nquads", "nquads", "all.nq", true),
        ("trig", "trig", "all.trig", true),
        ("turtle", "turtle", "all.ttl", false),
        ("ntriples", "nt", "all.nt", false),
    ] {
        let path = dir.join(file);
        export(s, &["--format", format], &path);
        // Oxigraph reads it back into a fresh store.
        let fresh = oxigraph::store::Store::new().unwrap();
        let rdf = match format {
            "nquads" => oxigraph::io::RdfFormat::NQuads,
            "trig" => oxigraph::io::RdfFormat::TriG,
            "turtle" => oxigraph::io::RdfFormat::Turtle,
            _ => oxigraph::io::RdfFormat::NTriples,
        };
        fresh
            .load_from_reader(rdf, std::fs::read(&path).unwrap().as_slice())
            .unwrap();
        let want = if dataset { quads } else { triples };
        assert_eq!(fresh.len().unwrap(), want, "{format}");
        if let Some(py) = &py {
            let read = py_read(py, &["rdf", rdflib, path.to_str().unwrap()]);
            assert_eq!(read["triples"], triples, "{format}: {read}");
            if dataset {
                assert_eq!(read["quads"], quads, "{format}: {read}");
            }
        }
    }
    // One article's graph.
    let graph = "https://newskg.dev/id/article/a3.txt";
    let n = count(
        s,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
    );
    assert!(n > 0);
    for (format, rdflib) in [("turtle", "turtle"), ("nquads", "nquads")] {
        let path = dir.join(format!("a3.{format}"));
        export(s, &["--format", format, "--article", "a3.txt"], &path);
        if let Some(py) = &py {
            let read = py_read(py, &["rdf", rdflib, path.to_str().unwrap()]);
            assert_eq!(read["triples"], n, "{format}: {read}");
        }
        if format == "nquads" {
            let text = std::fs::read_to_string(&path).unwrap();
            let tail = format!("<{graph}> .");
            assert!(text.lines().all(|l| l.ends_with(&tail)), "{text}");
        }
    }
    let out = newskg()
        .args([
            "export",
            "--format",
            "turtle",
            "--article",
            "nope.txt",
            "--store",
            s,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article"));
}

// ---------------------------------------------------------------------------------------
// Views

/// A view read back from its CSV pair: node id → (kind, label), and edges as (source,
/// target, type, weight).
struct Read {
    nodes: BTreeMap<String, (String, String)>,
    edges: Vec<(String, String, String, f64)>,
}

fn read_view(s: &str, args: &[&str]) -> Read {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = scratch(&format!("view-{n}"));
    let mut all = vec![
        "export",
        "--store",
        s,
        "--format",
        "csv",
        "--out",
        dir.to_str().unwrap(),
    ];
    all.extend(args);
    run_ok(&all);
    let nodes = csv::Reader::from_path(dir.join("nodes.csv"))
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), (r[2].to_string(), r[1].to_string()))
        })
        .collect();
    let edges = csv::Reader::from_path(dir.join("edges.csv"))
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_string(),
                r[1].to_string(),
                r[4].to_string(),
                r[5].parse().unwrap(),
            )
        })
        .collect();
    Read { nodes, edges }
}

fn kinds(r: &Read, kind: &str) -> usize {
    r.nodes.values().filter(|(k, _)| k == kind).count()
}

#[test]
fn each_view_has_the_nodes_and_edges_the_store_holds() {
    let s = store();
    // attacks: one node per attack, per reporting article, per attacker, target and place.
    let attacks = count(
        s,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a nkg:Attack }",
    );
    let articles = count(
        s,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a nkg:report ?r } }",
    );
    let links = count(
        s,
        "SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?a ?p ?o WHERE { ?a a nkg:Attack ; ?p ?o FILTER(?p IN (nkg:attacker, nkg:target, nkg:place)) ?o nkg:kind ?k } } UNION { SELECT DISTINCT ?a ?g WHERE { GRAPH ?g { ?a nkg:report ?r } } } }",
    );
    let v = read_view(s, &["--view", "attacks"]);
    assert_eq!(kinds(&v, "attack"), attacks);
    assert_eq!(kinds(&v, "article"), articles);
    assert_eq!(v.edges.len(), links);
    let types: BTreeSet<&str> = v.edges.iter().map(|e| e.2.as_str()).collect();
    assert_eq!(
        types,
        BTreeSet::from(["attacker", "place", "source", "target"])
    );

    // mentions: entities named by articles; an edge per pair named together, weighted by
    // the articles that name both.
    let rows = select(
        s,
        "SELECT DISTINCT ?g ?e WHERE { GRAPH ?g { ?g nkg:mentions ?e } ?e nkg:kind ?k }",
    );
    let mut by_article: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &rows {
        by_article.entry(&r[0]).or_default().push(id_of(&r[1]));
    }
    let mut pairs: BTreeMap<(String, String), f64> = BTreeMap::new();
    for ents in by_article.values_mut() {
        ents.sort();
        for i in 0..ents.len() {
            for j in i + 1..ents.len() {
                *pairs.entry((ents[i].clone(), ents[j].clone())).or_default() += 1.0;
            }
        }
    }
    let entities: BTreeSet<String> = rows.iter().map(|r| id_of(&r[1])).collect();
    let v = read_view(s, &["--view", "mentions"]);
    assert_eq!(v.nodes.len(), entities.len());
    assert_eq!(v.edges.len(), pairs.len());
    for (a, b, kind, w) in &v.edges {
        assert_eq!(kind, "co-mentioned");
        assert_eq!(pairs[&(a.clone(), b.clone())], *w, "{a} {b}");
    }

    // full: every resource of the article graphs, every IRI-valued triple once.
    let resources = count(
        s,
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?g a nkg:Article . { ?r ?p ?o } UNION { ?s ?p ?r FILTER(!isLiteral(?r)) } } }",
    );
    let links = count(
        s,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?g a nkg:Article . ?s ?p ?o FILTER(!isLiteral(?o)) } } }",
    );
    let v = read_view(s, &["--view", "full"]);
    assert_eq!(v.nodes.len(), resources);
    assert_eq!(v.edges.len(), links);
    assert!(v.nodes.contains_key("__nkg:Attack"));

    // A CONSTRUCT: its triples are the graph.
    let dir = scratch("views");
    let q = dir.join("q.rq");
    std::fs::write(
        &q,
        "CONSTRUCT { ?a nkg:attacker ?x . ?a nkg:place ?p } WHERE { ?a nkg:attacker ?x ; nkg:place ?p }",
    )
    .unwrap();
    let want = count(
        s,
        "SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?a ?x WHERE { ?a nkg:attacker ?x ; nkg:place ?p } } UNION { SELECT DISTINCT ?a ?p WHERE { ?a nkg:attacker ?x ; nkg:place ?p } } }",
    );
    let v = read_view(s, &["--query", q.to_str().unwrap()]);
    assert_eq!(v.edges.len(), want);
    assert!(v
        .edges
        .iter()
        .all(|e| e.2 == "nkg:attacker" || e.2 == "nkg:place"));
    assert_eq!(v.nodes["actor:islamic-state"].1, "Islamic State");
}

#[test]
fn filters_select_attacks_in_every_view() {
    let s = store();
    // By actor, any alias: only the Islamic State's attacks.
    let isis_attacks = select(
        s,
        "SELECT DISTINCT ?a WHERE { ?a nkg:attacker <https://newskg.dev/id/actor/islamic-state> }",
    )
    .len();
    assert!(isis_attacks >= 2);
    for alias in ["ISIL", "Daesh"] {
        let v = read_view(s, &["--actor", alias]);
        assert!(!v.edges.is_empty());
        assert!(
            v.edges.iter().all(|e| e.0 == "actor:islamic-state"),
            "{alias}"
        );
        let v = read_view(s, &["--view", "attacks", "--actor", alias]);
        assert_eq!(kinds(&v, "attack"), isis_attacks, "{alias}");
    }
    // By place, with what lies within it: Erbil province holds Harir air base.
    let v = read_view(s, &["--view", "attacks", "--place", "Arbil"]);
    let places: BTreeSet<&str> = v
        .edges
        .iter()
        .filter(|e| e.2 == "place")
        .map(|e| e.1.as_str())
        .collect();
    assert!(places.contains("base:harir-air-base"), "{places:?}");
    assert!(!places.contains("place:tikrit"), "{places:?}");
    // By date: June 2023 is the Kirkuk ambush alone.
    let v = read_view(
        s,
        &[
            "--view",
            "attacks",
            "--from",
            "2023-06",
            "--to",
            "2023-06-30",
        ],
    );
    assert_eq!(kinds(&v, "attack"), 1);
    assert_eq!(kinds(&v, "article"), 1);
    let v = read_view(
        s,
        &[
            "--view",
            "mentions",
            "--from",
            "2023-06",
            "--to",
            "2023-06-30",
        ],
    );
    assert!(v.nodes.contains_key("place:kirkuk") && !v.nodes.contains_key("place:tikrit"));
    let v = read_view(s, &["--view", "full", "--actor", "Kataib Hezbollah"]);
    assert!(v.nodes.contains_key("article:a3.txt"));
    assert!(!v.nodes.contains_key("article:a1.txt"));
    // Mistakes are usage errors, reported before the store is opened.
    for bad in [
        vec!["--from", "last week"],
        vec!["--actor", "!!!"],
        vec!["--format", "nquads", "--actor", "ISIL"],
        vec!["--article", "a1.txt"],
    ] {
        let mut args = vec!["export", "--store", s];
        if !bad.contains(&"--format") {
            args.extend(["--format", "graphml"]);
        }
        args.extend(bad.iter().copied());
        let out = newskg().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = newskg()
        .args(["export", "--store", s, "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}

// ---------------------------------------------------------------------------------------
// Hostile labels and determinism

/// A label with everything that breaks naive writers: markup, quotes, a CDATA end, a
/// control character, a non-character, emoji, right-to-left text, and length.
fn hostile_label() -> String {
    format!(
        "Zorblat <&> \"Brigade\" 'x' ]]> a\u{1}b\u{FFFE}c 💥 كتائب زوربلات \\ {}",
        "long ".repeat(2000)
    )
}

fn hostile_store() -> &'static (String, String) {
    static STORE: OnceLock<(String, String)> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = scratch("hostile-store");
        let label = hostile_label();
        let escaped = label
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\u{1}', "\\u0001")
            .replace('\u{FFFE}', "\\uFFFE");
        let base = "Camp ]]><![CDATA[ & \"Qwertz\" <base>";
        std::fs::write(
            dir.join("lexicon.ttl"),
            format!(
                "@prefix nkg: <https://newskg.dev/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix actor: <https://newskg.dev/id/actor/> .
@prefix base: <https://newskg.dev/id/base/> .
@prefix place: <https://newskg.dev/id/place/> .

actor:zorblat a nkg:ArmedGroup ;
    skos:prefLabel \"{escaped}\" ;
    skos:altLabel \"Zorblat Brigade\" .

base:qwertz a nkg:Base ;
    skos:prefLabel \"{}\" ;
    skos:altLabel \"Camp Qwertz\" ;
    nkg:locatedIn place:anbar ;
    wgs:lat 33.5 ; wgs:long 42.1 .
",
                base.replace('"', "\\\"")
            ),
        )
        .unwrap();
        let articles = dir.join("articles");
        std::fs::create_dir(&articles).unwrap();
        std::fs::write(
            articles.join("zorblat.txt"),
            "date: 2024-03-05\n\nZorblat Brigade shells Camp Qwertz\n\nZorblat Brigade fighters attacked Camp Qwertz in Anbar on Monday, killing three soldiers.\n",
        )
        .unwrap();
        let store = dir.join("store");
        build(
            &store,
            &[articles, root().join("tests/data/aliases")],
            Some(&dir.join("lexicon.ttl")),
        );
        (store.to_str().unwrap().to_string(), label)
    })
}

/// The label as graph formats write it: without what XML forbids.
fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[test]
fn hostile_labels_give_valid_files_in_every_format() {
    let (s, label) = hostile_store();
    let clean = xml_clean(label);
    let dir = scratch("hostile");
    // The attack was found, so the hostile names are nodes and edge ends.
    let rows = select(
        s,
        "SELECT ?l WHERE { ?a nkg:attacker ?x . ?x skos:prefLabel ?l }",
    );
    assert!(
        rows.iter().any(|r| r[0].starts_with("Zorblat <&>")),
        "{rows:?}"
    );
    let py = python();
    let node = node_ok();
    for view in ["actors", "attacks", "mentions", "full"] {
        let gml = dir.join(format!("{view}.graphml"));
        export(s, &["--format", "graphml", "--view", view], &gml);
        if xmllint_ok() {
            validate_graphml(&gml);
        }
        let gexf = dir.join(format!("{view}.gexf"));
        export(s, &["--format", "gexf", "--view", view], &gexf);
        let dot = dir.join(format!("{view}.dot"));
        export(s, &["--format", "dot", "--view", view], &dot);
        let pair = dir.join(format!("{view}-csv"));
        export(s, &["--format", "csv", "--view", view], &pair);
        for f in ["nodes.csv", "edges.csv"] {
            let text = std::fs::read_to_string(pair.join(f)).unwrap();
            let mut r = csv::Reader::from_reader(text.as_bytes());
            let width = r.headers().unwrap().len();
            for rec in r.records() {
                assert_eq!(rec.unwrap().len(), width, "{view} {f}");
            }
            if f == "nodes.csv" {
                assert!(
                    text.contains(&clean.replace('"', "\"\"")),
                    "{view}: label in nodes.csv"
                );
            }
        }
        if let Some(py) = &py {
            let g = py_read(py, &["graphml", gml.to_str().unwrap()]);
            let labels: Vec<&str> = g["nodes"]
                .as_object()
                .unwrap()
                .values()
                .filter_map(|n| n["label"].as_str())
                .collect();
            assert!(
                labels.contains(&clean.as_str()),
                "{view}: GraphML label round trip"
            );
            assert!(
                labels
                    .iter()
                    .any(|l| l.starts_with("Camp ]]><![CDATA[ & \"Qwertz\"")),
                "{view}"
            );
            let g = py_read(py, &["gexf", gexf.to_str().unwrap()]);
            let labels: Vec<&str> = g["nodes"]
                .as_object()
                .unwrap()
                .values()
                .filter_map(|n| n["label"].as_str())
                .collect();
            assert!(
                labels.contains(&clean.as_str()),
                "{view}: GEXF label round trip"
            );
            let out = std::process::Command::new(py)
                .arg("-c")
                .arg("import sys, pydot; gs = pydot.graph_from_dot_file(sys.argv[1]); assert gs and len(gs[0].get_nodes()) > 1")
                .arg(&dot)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{view}: DOT: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if node {
            for (kind, f) in [("graphml", &gml), ("gexf", &gexf)] {
                let g = js_read(kind, f);
                let found = g["nodes"]
                    .as_object()
                    .unwrap()
                    .values()
                    .any(|n| n["label"].as_str() == Some(clean.as_str()));
                assert!(found, "{view} {kind}: graphology label round trip");
            }
        }
    }
    for (format, rdflib) in [
        ("turtle", "turtle"),
        ("ntriples", "nt"),
        ("nquads", "nquads"),
        ("trig", "trig"),
    ] {
        let path = dir.join(format!("dump.{format}"));
        export(s, &["--format", format], &path);
        if let Some(py) = &py {
            py_read(py, &["rdf", rdflib, path.to_str().unwrap()]);
        }
        let fresh = oxigraph::store::Store::new().unwrap();
        let f = match format {
            "turtle" => oxigraph::io::RdfFormat::Turtle,
            "ntriples" => oxigraph::io::RdfFormat::NTriples,
            "nquads" => oxigraph::io::RdfFormat::NQuads,
            _ => oxigraph::io::RdfFormat::TriG,
        };
        fresh
            .load_from_reader(f, std::fs::read(&path).unwrap().as_slice())
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        // The label comes back whole, control character and all.
        let found = fresh
            .quads_for_pattern(None, None, None, None)
            .any(|q| matches!(q.unwrap().object, oxigraph::model::Term::Literal(l) if l.value() == label));
        assert!(found, "{format}: label round trip");
    }
}

#[test]
fn exports_are_byte_identical_across_runs_and_stores() {
    let s = store();
    let dir = scratch("determinism");
    // A second store built from the same articles.
    let other = dir.join("other");
    build(
        &other,
        &[
            root().join("tests/data/aliases"),
            root().join("examples/articles"),
        ],
        None,
    );
    let o = other.to_str().unwrap();
    for (format, view) in [
        ("graphml", "actors"),
        ("gexf", "actors"),
        ("dot", "attacks"),
        ("gexf", "mentions"),
        ("graphml", "full"),
    ] {
        let a = run_ok(&["export", "--store", s, "--format", format, "--view", view]);
        let b = run_ok(&["export", "--store", s, "--format", format, "--view", view]);
        let c = run_ok(&["export", "--store", o, "--format", format, "--view", view]);
        assert!(a == b, "{format} {view}: two runs differ");
        assert!(
            a == c,
            "{format} {view}: two stores of the same articles differ"
        );
    }
    for format in ["nquads", "turtle"] {
        let a = run_ok(&["export", "--store", s, "--format", format]);
        let b = run_ok(&["export", "--store", s, "--format", format]);
        assert!(a == b, "{format}: two dumps differ");
    }
    let (p, q) = (dir.join("p"), dir.join("q"));
    export(s, &["--format", "csv", "--view", "attacks"], &p);
    export(o, &["--format", "csv", "--view", "attacks"], &q);
    for f in ["nodes.csv", "edges.csv"] {
        assert_eq!(
            std::fs::read(p.join(f)).unwrap(),
            std::fs::read(q.join(f)).unwrap(),
            "{f}"
        );
    }
}
