//! Export stage: graph views of the store and writers for graph tools and RDF dumps.
//!
//! A [`View`] is a property graph (petgraph) made from the store by one of the views in
//! [`views`]: `actors` (who attacked which place and whom), `attacks` (each attack as a
//! node linked to its attacker, target, place and articles), `mentions` (entities named
//! in the same articles), `full` (every resource of the article graphs, every IRI-valued
//! triple) or any SPARQL CONSTRUCT. Filters by actor, place and date select attacks, and
//! each view keeps what the selected attacks touch.
//!
//! Writers turn a view into GraphML ([`graphml`]), GEXF 1.3 with colours, sizes, map
//! positions and time spells ([`gexf`]), a Gephi node/edge CSV pair ([`table`]) or DOT
//! ([`dot`]); [`dump`] writes the store itself through Oxigraph's RDF serializers.
//!
//! Invariants: node ids are derived from IRIs, so they are the same in every run and every
//! format; nodes are sorted by id and edges by (source, target, type), so the same store
//! always gives byte-identical files; text goes through XML and CSV libraries, never
//! through hand-made escaping (DOT, which has none, has one quoting function). The stage
//! reads the store and never writes it.

pub mod dot;
pub mod dump;
pub mod gexf;
pub mod graphml;
pub mod table;
pub mod views;

pub use dot::write_dot;
pub use dump::{dump, DumpFormat};
pub use gexf::write_gexf;
pub use graphml::write_graphml;
pub use table::write_csv_pair;
pub use views::{actors_view, attacks_view, full_view, mentions_view, query_view, Filters};

use crate::rdf::vocab::{ID, PREFIXES};
use petgraph::graph::DiGraph;
use std::collections::BTreeMap;

/// The type of an attribute column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    Int,
    Double,
    Str,
}

/// The value of an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Double(f64),
    Str(String),
}

impl Value {
    /// The value as text, the same in every format.
    pub fn text(&self) -> String {
        match self {
            Value::Int(i) => i.to_string(),
            Value::Double(d) => number(*d),
            Value::Str(s) => s.clone(),
        }
    }
}

/// A period, both ends inclusive days (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spell {
    pub start: String,
    pub end: String,
}

/// A node of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable id made from the IRI (see [`node_id`]).
    pub id: String,
    pub iri: String,
    pub label: String,
    /// The entity kind (`armed-group`, `base`, …), or `attack`, `article`, `resource`.
    pub kind: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// What the node's drawn size stands for (attacks or articles, see [`View::size_by`]).
    pub size: f64,
    /// The view's further attributes, by name (declared in [`View::node_attrs`]).
    pub attrs: BTreeMap<String, Value>,
    /// When the node is present: the periods of its attacks (or its articles' dates).
    pub spells: Vec<Spell>,
}

/// An edge of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// What the edge says: `attacked`, `targeted`, `attacker`, `co-mentioned`, a predicate.
    pub kind: String,
    pub weight: f64,
    /// The view's further attributes, by name (declared in [`View::edge_attrs`]).
    pub attrs: BTreeMap<String, Value>,
    pub spells: Vec<Spell>,
}

/// A graph view: the graph and the declaration of its attributes.
#[derive(Debug, Clone)]
pub struct View {
    /// The view's name (`actors`, `attacks`, `mentions`, `full`, `query`).
    pub name: String,
    pub directed: bool,
    /// What node sizes stand for: `attacks` or `articles`.
    pub size_by: String,
    /// Attributes beyond the fixed ones (label, kind, iri, latitude, longitude), in order.
    pub node_attrs: Vec<(String, AttrType)>,
    /// Attributes beyond the fixed ones (type, weight), in order.
    pub edge_attrs: Vec<(String, AttrType)>,
    pub graph: DiGraph<Node, Edge>,
}

impl View {
    /// Whether any node or edge has a time spell.
    pub fn is_dynamic(&self) -> bool {
        self.graph.node_weights().any(|n| !n.spells.is_empty())
            || self.graph.edge_weights().any(|e| !e.spells.is_empty())
    }
}

/// The node id of an IRI: a valid XML NMTOKEN, the same in every run, and different for
/// different IRIs. Under the project's namespace the id is the IRI's path with `/` written
/// as `:` (`actor:islamic-state`); an IRI in a namespace the queries predeclare gets `__`,
/// the prefix, `:` and the rest (`__nkg:Attack`); any other IRI gets `___` and its whole
/// text. Letters, digits, `-` and `.` are kept; every other byte is written `_` and two
/// hex digits, so `__` never comes out of the escaping and the three kinds cannot meet.
pub fn node_id(iri: &str) -> String {
    if let Some(rest) = iri.strip_prefix(ID).filter(|r| !r.is_empty()) {
        return escape_id(rest);
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("__{prefix}:{}", escape_id(local));
        }
    }
    format!("___{}", escape_id(iri))
}

fn escape_id(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' => out.push(b as char),
            b'/' => out.push(':'),
            _ => out.push_str(&format!("_{b:02X}")),
        }
    }
    out
}

/// A number as text: integers without a fraction, others with up to six decimals.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Removes characters XML 1.0 forbids (controls other than tab, newline and carriage
/// return, and U+FFFE, U+FFFF; surrogates cannot occur in Rust strings).
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// Text for a graph tool's cell: the XML-safe text with line breaks and tabs as spaces.
pub fn cell_text(s: &str) -> String {
    xml_safe(s).replace(['\n', '\r', '\t'], " ")
}

/// The colour of a node kind, as RGB.
pub fn kind_colour(kind: &str) -> (u8, u8, u8) {
    match kind {
        "state-force" => (31, 119, 180),
        "armed-group" => (214, 39, 40),
        "government" => (148, 103, 189),
        "organisation" => (140, 86, 75),
        "person" => (227, 119, 194),
        "country" => (127, 127, 127),
        "region" => (188, 189, 34),
        "settlement" => (44, 160, 44),
        "feature" => (23, 190, 207),
        "facility" => (255, 187, 120),
        "base" => (255, 127, 14),
        "operation" => (152, 223, 138),
        "weapon" => (196, 156, 148),
        "population" => (219, 219, 141),
        "attack" => (120, 20, 20),
        "article" => (158, 218, 229),
        _ => (199, 199, 199),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_nmtoken(s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ':'))
    }

    #[test]
    fn node_ids_are_nmtokens_and_distinct() {
        let iris = [
            "https://newskg.dev/id/actor/islamic-state",
            "https://newskg.dev/id/article/a%20b.txt#report0",
            "https://newskg.dev/id/actor:islamic-state",
            "https://newskg.dev/id/",
            "https://newskg.dev/ontology#Attack",
            "https://newskg.dev/ontology#",
            "https://newskg.dev/ontology#A/b",
            "https://newskg.dev/ontology#A:b",
            "http://www.w3.org/2000/01/rdf-schema#label",
            "http://example.org/ü/<x>",
            "urn:x:y",
        ];
        let ids: Vec<String> = iris.iter().map(|i| node_id(i)).collect();
        for id in &ids {
            assert!(is_nmtoken(id), "{id}");
        }
        let set: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(set.len(), ids.len(), "{ids:?}");
        assert_eq!(ids[0], "actor:islamic-state");
        assert_eq!(ids[4], "__nkg:Attack");
    }

    #[test]
    fn numbers_print_the_same_everywhere() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(33.5), "33.5");
        assert_eq!(number(-0.1234567), "-0.123457");
    }

    #[test]
    fn xml_safe_drops_what_xml_forbids() {
        assert_eq!(xml_safe("a\u{1}b\u{FFFE}c\td"), "abc\td");
        assert_eq!(cell_text("a\nb"), "a b");
    }
}
