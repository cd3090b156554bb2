//! The who-attacked-where question answered from stored rows.
//!
//! The question's query (queries/who-attacked-where.rq) joins a dozen triples per attack,
//! which takes Oxigraph tens of microseconds per attack; on a store of 100,000 articles that
//! is tens of seconds. The build therefore also writes each report's row of that question
//! as one literal (`nkg:row`, a JSON object made from the same extraction as the triples).
//! Here the rows are read in one scan, filtered, sorted as the query sorts them and written
//! as the query's results would be. The filters' lookups (which entities have a key, which
//! places lie within a place) still run as SPARQL. tests/questions.rs checks that both
//! ways give the same answer.

use super::{write_rows, OutputFormat, RunOptions};
use crate::error::{Error, Result};
use crate::rdf::vocab::{NKG_ATTACKER, NKG_PLACE, NKG_REPORT, NKG_ROW};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::store::Store;
use serde::Deserialize;
use std::collections::HashSet;
use std::io::Write;
use std::time::Instant;

/// The columns of the question, in order.
pub const COLUMNS: [&str; 9] = [
    "article", "attacker", "target", "place", "date", "killed", "wounded", "weapon", "evidence",
];

#[derive(Debug, Deserialize)]
struct Row {
    article: String,
    attacker: Option<String>,
    attacker_iri: Option<String>,
    target: Option<String>,
    place: Option<String>,
    place_iri: Option<String>,
    date: Option<String>,
    begin: Option<String>,
    end: Option<String>,
    killed: Option<u64>,
    wounded: Option<u64>,
    weapon: Option<String>,
    evidence: String,
    start: u64,
    confidence: String,
}

/// What the rows are filtered by: the question's parameters, resolved.
#[derive(Debug, Default)]
pub struct Filter {
    /// Entities that have the --actor key.
    pub actors: Option<HashSet<String>>,
    /// Places that lie within (or are) a place with the --place key.
    pub places: Option<HashSet<String>>,
    /// ISO dates.
    pub from: Option<String>,
    pub to: Option<String>,
    pub min_confidence: Option<f64>,
}

impl Filter {
    /// Resolves the parameter bindings `ask` made (keys, dates, a decimal) against the store.
    pub fn resolve(store: &Store, bindings: &[(Variable, Term)]) -> Result<Filter> {
        let mut f = Filter::default();
        for (var, term) in bindings {
            let Term::Literal(l) = term else {
                return Err(Error::Query(format!("parameter ?{var} must be a literal")));
            };
            match var.as_str() {
                "actorKey" => {
                    f.actors = Some(iris(
                        store,
                        "SELECT DISTINCT ?e WHERE { ?e nkg:key ?k }",
                        term,
                    )?)
                }
                "placeKey" => {
                    f.places = Some(iris(
                        store,
                        "SELECT DISTINCT ?e WHERE { ?w nkg:key ?k . ?e nkg:locatedIn* ?w }",
                        term,
                    )?)
                }
                "from" => f.from = Some(l.value().to_string()),
                "to" => f.to = Some(l.value().to_string()),
                "minConfidence" => {
                    f.min_confidence = Some(l.value().parse().map_err(|_| {
                        Error::Query(format!("--min-confidence {:?} is not a number", l.value()))
                    })?)
                }
                other => {
                    return Err(Error::Query(format!(
                        "who-attacked-where has no parameter ?{other}"
                    )))
                }
            }
        }
        Ok(f)
    }

    fn keeps(&self, r: &Row) -> bool {
        let within = |set: &Option<HashSet<String>>, iri: &Option<String>| match set {
            None => true,
            Some(set) => iri.as_ref().is_some_and(|i| set.contains(i)),
        };
        within(&self.actors, &r.attacker_iri)
            && within(&self.places, &r.place_iri)
            // ISO dates compare as text.
            && self
                .from
                .as_ref()
                .is_none_or(|from| r.end.as_ref().is_some_and(|e| e >= from))
            && self
                .to
                .as_ref()
                .is_none_or(|to| r.begin.as_ref().is_some_and(|b| b <= to))
            && self
                .min_confidence
                .is_none_or(|m| r.confidence.parse::<f64>().is_ok_and(|c| c >= m))
    }
}

/// The IRIs a one-variable query returns with `?k` bound to `key`.
fn iris(store: &Store, query: &str, key: &Term) -> Result<HashSet<String>> {
    let prepared = super::parse(query)?;
    let rows = prepared.select_terms(store, &[(Variable::new_unchecked("k"), key.clone())])?;
    Ok(rows
        .into_iter()
        .filter_map(|r| match r.into_iter().next().flatten() {
            Some(Term::NamedNode(n)) => Some(n.into_string()),
            _ => None,
        })
        .collect())
}

/// Answers who-attacked-where from the stored rows; returns the number of rows written.
pub fn who_attacked_where(
    store: &Store,
    filter: &Filter,
    format: OutputFormat,
    opts: &RunOptions,
    out: &mut dyn Write,
) -> Result<usize> {
    let started = Instant::now();
    let mut rows: Vec<Row> = Vec::new();
    // Through SPARQL rather than a quad scan: the engine decodes only the projected row,
    // not the graph and report IRIs of every quad (a third of the time).
    // With --place or --actor, the attacks at those places or by those actors are looked up
    // by index first, so a narrow question reads only its own rows.
    let values = |var: &str, set: &HashSet<String>| {
        let mut iris: Vec<&String> = set.iter().collect();
        iris.sort();
        let list: Vec<String> = iris.iter().map(|i| format!("<{i}>")).collect();
        format!("VALUES ?{var} {{ {} }}", list.join(" "))
    };
    let query = match (&filter.places, &filter.actors) {
        (Some(places), _) => format!(
            "SELECT ?row WHERE {{ {} GRAPH ?g {{ ?a <{NKG_PLACE}> ?p . ?a <{NKG_REPORT}> ?r . ?r <{NKG_ROW}> ?row }} }}",
            values("p", places)
        ),
        (None, Some(actors)) => format!(
            "SELECT ?row WHERE {{ {} GRAPH ?g {{ ?a <{NKG_ATTACKER}> ?x . ?a <{NKG_REPORT}> ?r . ?r <{NKG_ROW}> ?row }} }}",
            values("x", actors)
        ),
        (None, None) => format!("SELECT ?row WHERE {{ GRAPH ?g {{ ?r <{NKG_ROW}> ?row }} }}"),
    };
    let results = oxigraph::sparql::SparqlEvaluator::new()
        .parse_query(&query)
        .map_err(|e| Error::Query(e.to_string()))?
        .on_store(store)
        .execute()
        .map_err(|e| Error::Query(e.to_string()))?;
    let oxigraph::sparql::QueryResults::Solutions(solutions) = results else {
        return Err(Error::Query("the row query gave no solutions".into()));
    };
    for (n, solution) in solutions.enumerate() {
        if n % 4096 == 0 && opts.timeout.is_some_and(|t| started.elapsed() > t) {
            return Err(super::cancelled(opts));
        }
        let solution = solution.map_err(|e| Error::Query(e.to_string()))?;
        let Some(Term::Literal(l)) = solution.get(0) else {
            continue;
        };
        let row: Row = serde_json::from_str(l.value()).map_err(|e| {
            Error::Query(format!(
                "a stored row is not readable ({e}); rebuild the store"
            ))
        })?;
        if filter.keeps(&row) {
            rows.push(row);
        }
    }
    // The query's ORDER BY ?article ?start ?place, with unbound places first.
    rows.sort_by(|a, b| {
        (a.article.as_str(), a.start, a.place.as_deref()).cmp(&(
            b.article.as_str(),
            b.start,
            b.place.as_deref(),
        ))
    });
    if let Some(limit) = opts.limit {
        rows.truncate(limit);
    }
    let vars: Vec<Variable> = COLUMNS
        .iter()
        .map(|c| Variable::new_unchecked(*c))
        .collect();
    let text = |s: &Option<String>| s.as_ref().map(|s| Literal::new_simple_literal(s).into());
    let int =
        |n: Option<u64>| n.map(|n| Literal::new_typed_literal(n.to_string(), xsd::INTEGER).into());
    let terms: Vec<Vec<Option<Term>>> = rows
        .into_iter()
        .map(|r| {
            vec![
                Some(Literal::new_simple_literal(&r.article).into()),
                text(&r.attacker),
                text(&r.target),
                text(&r.place),
                text(&r.date),
                int(r.killed),
                int(r.wounded),
                text(&r.weapon),
                Some(Literal::new_simple_literal(&r.evidence).into()),
            ]
        })
        .collect();
    write_rows(&vars, terms, format, out)
}
