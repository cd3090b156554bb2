//! Export stage: a graph view of the store (petgraph) and writers for graph tools.
//!
//! The `actors` view has the actors, places, bases and operations that articles mention as
//! nodes, and one edge per (attacker, place) pair with the number of attacks as weight, the
//! first and last date, the people killed and the number of reports. Writers turn a view
//! into GraphML; the view is sorted by IRI so the same store always gives the same file.

mod graphml;

pub use graphml::write_graphml;

use crate::error::Result;
use crate::query::select_strings;
use crate::store::KgStore;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, HashMap};

/// A node of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub kind: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Attacks the node carried out (for actors).
    pub attacks: u64,
    /// Articles that mention the node.
    pub articles: u64,
}

/// An edge of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// What the edge says: `attacked`.
    pub kind: String,
    pub weight: f64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub killed: u64,
    /// Reports (one per article per attack) behind the edge.
    pub sources: u64,
}

pub type View = DiGraph<Node, Edge>;

const NODE_KINDS: &[&str] = &[
    "state-force",
    "armed-group",
    "government",
    "organisation",
    "person",
    "country",
    "region",
    "settlement",
    "feature",
    "facility",
    "base",
    "operation",
];

/// The actors view: who attacked which place.
pub fn actors_view(store: &KgStore) -> Result<View> {
    let nodes = select_strings(store.store(),
        "SELECT ?e (MIN(?l) AS ?label) (MIN(?k) AS ?kind) (COUNT(DISTINCT ?g) AS ?articles) (SAMPLE(?lat) AS ?la) (SAMPLE(?long) AS ?lo)
         WHERE {
           GRAPH ?g { ?g nkg:mentions ?e }
           ?e skos:prefLabel ?l ; nkg:kind ?k .
           OPTIONAL { ?e wgs:lat ?lat ; wgs:long ?long }
         } GROUP BY ?e",
    )?;
    let attacks = select_strings(store.store(),
        "SELECT ?attack ?a ?p (MIN(STR(?d)) AS ?date) (MAX(?k) AS ?killed) (COUNT(DISTINCT ?g) AS ?n)
         WHERE {
           GRAPH ?g { ?attack nkg:report ?r }
           ?attack nkg:attacker ?a ; nkg:place ?p .
           OPTIONAL { ?attack sem:hasTimeStamp ?d }
           OPTIONAL { ?attack nkg:killed ?k }
         } GROUP BY ?attack ?a ?p",
    )?;
    let mut by_iri: BTreeMap<String, Node> = BTreeMap::new();
    for row in nodes {
        let (Some(iri), Some(label), Some(kind)) = (row[0].clone(), row[1].clone(), row[2].clone())
        else {
            continue;
        };
        if !NODE_KINDS.contains(&kind.as_str()) {
            continue;
        }
        let articles = row[3].as_deref().and_then(|s| s.parse().ok()).unwrap_or(0);
        by_iri.insert(
            iri.clone(),
            Node {
                iri,
                label,
                kind,
                latitude: row[4].as_deref().and_then(|s| s.parse().ok()),
                longitude: row[5].as_deref().and_then(|s| s.parse().ok()),
                attacks: 0,
                articles,
            },
        );
    }
    let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
    for row in attacks {
        let (Some(a), Some(p)) = (row[1].clone(), row[2].clone()) else {
            continue;
        };
        if !by_iri.contains_key(&a) || !by_iri.contains_key(&p) {
            continue;
        }
        if let Some(n) = by_iri.get_mut(&a) {
            n.attacks += 1;
        }
        let date = row[3].clone().filter(|d| !d.is_empty());
        let killed: u64 = row[4].as_deref().and_then(|s| s.parse().ok()).unwrap_or(0);
        let n: u64 = row[5].as_deref().and_then(|s| s.parse().ok()).unwrap_or(0);
        let e = edges.entry((a, p)).or_insert_with(|| Edge {
            kind: "attacked".into(),
            weight: 0.0,
            first_date: None,
            last_date: None,
            killed: 0,
            sources: 0,
        });
        e.weight += 1.0;
        e.killed += killed;
        e.sources += n;
        if let Some(d) = date {
            if e.first_date.as_ref().map(|f| d < *f).unwrap_or(true) {
                e.first_date = Some(d.clone());
            }
            if e.last_date.as_ref().map(|l| d > *l).unwrap_or(true) {
                e.last_date = Some(d);
            }
        }
    }
    let mut g = View::new();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    for (iri, node) in by_iri {
        index.insert(iri, g.add_node(node));
    }
    for ((a, p), e) in edges {
        g.add_edge(index[&a], index[&p], e);
    }
    Ok(g)
}

/// Removes characters XML 1.0 forbids (controls other than tab, newline, carriage return;
/// surrogates cannot occur in Rust strings; U+FFFE and U+FFFF).
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}
