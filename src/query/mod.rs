//! Query stage: SPARQL over the store, result formats, and the named questions of `ask`.
//!
//! The default graph of every query is the union of all graphs, so users need no GRAPH
//! clauses. Parameters of questions are bound as RDF terms in the query's algebra, never
//! spliced into its text: a one-row `VALUES` table binding the parameter variable is joined
//! into every group (and subquery) that uses it, so its FILTERs see the value. An unset
//! parameter stays unbound. A query can be given a deadline and a row limit; a runaway
//! query is cancelled.

pub mod questions;
pub mod rows;

use crate::error::{Error, Result};
use crate::rdf::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use std::io::Write;
use std::time::Duration;

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    Csv,
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// For CONSTRUCT and DESCRIBE.
    Turtle,
    NTriples,
    NQuads,
}

/// Options of one query run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub timeout: Option<Duration>,
    pub limit: Option<usize>,
    /// Write the evaluation plan, with the rows and time of each step, as JSON to this file.
    pub explain: Option<std::path::PathBuf>,
}

/// A parsed query, ready to run with parameters.
pub struct Prepared {
    query: spargebra::Query,
    hidden: Vec<Variable>,
}

/// Parses a query with the standard prefixes predeclared.
pub fn parse(text: &str) -> Result<Prepared> {
    let mut parser = spargebra::SparqlParser::new();
    for (p, iri) in PREFIXES {
        parser = parser
            .with_prefix(*p, *iri)
            .map_err(|e| Error::Query(e.to_string()))?;
    }
    let query = parser
        .parse_query(text)
        .map_err(|e| Error::Query(e.to_string()))?;
    Ok(Prepared {
        query,
        hidden: Vec::new(),
    })
}

impl Prepared {
    /// Declares parameter variables, which are never output.
    pub fn with_parameters(mut self, vars: &[Variable]) -> Self {
        self.hidden.extend(vars.iter().cloned());
        self
    }

    /// Runs the query on the store with the given bindings and writes the results.
    /// Returns the number of rows (or triples) written.
    pub fn run(
        &self,
        store: &Store,
        bindings: &[(Variable, Term)],
        format: OutputFormat,
        opts: &RunOptions,
        out: &mut dyn Write,
    ) -> Result<usize> {
        let token = CancellationToken::new();
        let mut query = self.query.clone();
        bind_parameters(&mut query, bindings)?;
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        let _watchdog = opts.timeout.map(|t| Watchdog::start(t, token.clone()));
        let on_store = prepared.on_store(store);
        let (results, explanation) = if opts.explain.is_some() {
            let (results, explanation) = on_store.compute_statistics().explain();
            (results, Some(explanation))
        } else {
            (on_store.execute(), None)
        };
        let results = results.map_err(|e| map_eval(e, opts))?;
        let n = self.write_results(results, format, opts, out)?;
        if let (Some(path), Some(explanation)) = (&opts.explain, explanation) {
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(path).map_err(|e| Error::io(path, e))?,
            );
            explanation
                .write_in_json(&mut file)
                .and_then(|()| file.flush())
                .map_err(|e| Error::io(path, e))?;
        }
        Ok(n)
    }

    fn write_results(
        &self,
        results: QueryResults<'_>,
        format: OutputFormat,
        opts: &RunOptions,
        out: &mut dyn Write,
    ) -> Result<usize> {
        // Whether `n` rows already reach --limit (checked before asking for the next row).
        let full = |n: usize| opts.limit.is_some_and(|l| n >= l);
        match results {
            QueryResults::Solutions(solutions) => {
                let vars: Vec<Variable> = solutions
                    .variables()
                    .iter()
                    .filter(|v| !self.hidden.contains(v))
                    .cloned()
                    .collect();
                let mut n = 0;
                if format == OutputFormat::Table {
                    let mut rows: Vec<Vec<Option<Term>>> = Vec::new();
                    for s in solutions {
                        if full(n) {
                            break;
                        }
                        let s = s.map_err(|e| map_eval(e, opts))?;
                        rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
                        n += 1;
                    }
                    write_table(&vars, &rows, out)?;
                } else {
                    let mut writer = SolutionWriter::new(format, vars.clone(), out)?;
                    for s in solutions {
                        if full(n) {
                            break;
                        }
                        let s = s.map_err(|e| map_eval(e, opts))?;
                        let row: Vec<Option<Term>> =
                            vars.iter().map(|v| s.get(v).cloned()).collect();
                        writer.write(&vars, &row)?;
                        n += 1;
                    }
                    writer.finish()?;
                }
                Ok(n)
            }
            QueryResults::Boolean(b) => {
                match format {
                    OutputFormat::Json
                    | OutputFormat::Xml
                    | OutputFormat::Csv
                    | OutputFormat::Tsv => {
                        let f = results_format(format).unwrap();
                        QueryResultsSerializer::from_format(f)
                            .serialize_boolean_to_writer(&mut *out, b)
                            .map_err(io_err)?;
                    }
                    _ => writeln!(out, "{b}").map_err(io_err)?,
                }
                Ok(1)
            }
            QueryResults::Graph(triples) => {
                let rdf_format = match format {
                    OutputFormat::NTriples => RdfFormat::NTriples,
                    OutputFormat::NQuads => RdfFormat::NQuads,
                    _ => RdfFormat::Turtle,
                };
                let mut ser = RdfSerializer::from_format(rdf_format);
                if rdf_format == RdfFormat::Turtle {
                    for (p, iri) in PREFIXES {
                        ser = ser
                            .with_prefix(*p, *iri)
                            .map_err(|e| Error::Query(e.to_string()))?;
                    }
                }
                let mut w = ser.for_writer(&mut *out);
                let mut n = 0;
                for t in triples {
                    if full(n) {
                        break;
                    }
                    let t = t.map_err(|e| map_eval(e, opts))?;
                    w.serialize_triple(&t).map_err(io_err)?;
                    n += 1;
                }
                w.finish().map_err(io_err)?;
                Ok(n)
            }
        }
    }

    /// Whether the query is a SELECT.
    pub fn is_select(&self) -> bool {
        matches!(self.query, spargebra::Query::Select { .. })
    }

    /// Whether the query is a CONSTRUCT.
    pub fn is_construct(&self) -> bool {
        matches!(self.query, spargebra::Query::Construct { .. })
    }

    /// Runs a SELECT with the given bindings and returns its rows as terms, one column per
    /// variable the query projects (parameters left out), for code that post-processes them.
    pub fn select_terms(
        &self,
        store: &Store,
        bindings: &[(Variable, Term)],
    ) -> Result<Vec<Vec<Option<Term>>>> {
        let opts = RunOptions::default();
        let QueryResults::Solutions(solutions) = self.evaluate(store, bindings)? else {
            return Err(Error::Query("expected a SELECT query".into()));
        };
        let vars: Vec<Variable> = solutions
            .variables()
            .iter()
            .filter(|v| !self.hidden.contains(v))
            .cloned()
            .collect();
        let mut rows = Vec::new();
        for s in solutions {
            let s = s.map_err(|e| map_eval(e, &opts))?;
            rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
        }
        Ok(rows)
    }

    /// Runs a CONSTRUCT or DESCRIBE with the given bindings and returns its triples, each
    /// once, sorted.
    pub fn construct_triples(
        &self,
        store: &Store,
        bindings: &[(Variable, Term)],
    ) -> Result<Vec<oxigraph::model::Triple>> {
        let opts = RunOptions::default();
        let QueryResults::Graph(triples) = self.evaluate(store, bindings)? else {
            return Err(Error::Query(
                "expected a CONSTRUCT or DESCRIBE query".into(),
            ));
        };
        let mut out = std::collections::BTreeMap::new();
        for t in triples {
            let t = t.map_err(|e| map_eval(e, &opts))?;
            out.insert(t.to_string(), t);
        }
        Ok(out.into_values().collect())
    }

    fn evaluate(
        &self,
        store: &Store,
        bindings: &[(Variable, Term)],
    ) -> Result<QueryResults<'static>> {
        let mut query = self.query.clone();
        bind_parameters(&mut query, bindings)?;
        let mut prepared = SparqlEvaluator::new().for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))
    }
}

/// Runs a SELECT over the union of all graphs and returns its rows as plain strings (IRIs
/// and literal values), for code that post-processes results.
pub fn select_strings(store: &Store, text: &str) -> Result<Vec<Vec<Option<String>>>> {
    let prepared = parse(text)?;
    let mut q = SparqlEvaluator::new().for_query(prepared.query);
    q.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = q
        .on_store(store)
        .execute()
        .map_err(|e| Error::Query(e.to_string()))?
    else {
        return Err(Error::Query("expected a SELECT query".into()));
    };
    let vars: Vec<Variable> = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for s in solutions {
        let s = s.map_err(|e| Error::Query(e.to_string()))?;
        rows.push(
            vars.iter()
                .map(|v| s.get(v).map(crate::store::term_string))
                .collect(),
        );
    }
    Ok(rows)
}

/// Binds parameter variables by joining a one-row `VALUES` table into every group that
/// mentions them, subqueries included.
fn bind_parameters(query: &mut spargebra::Query, bindings: &[(Variable, Term)]) -> Result<()> {
    if bindings.is_empty() {
        return Ok(());
    }
    let mut ground = Vec::new();
    for (v, t) in bindings {
        let g = match t {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            _ => {
                return Err(Error::Query(format!(
                    "parameter ?{} must be an IRI or a literal",
                    v.as_str()
                )))
            }
        };
        ground.push((v.clone(), g));
    }
    let pattern = match query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern,
    };
    inject(pattern, &ground);
    // The query's own group, when it has no projection (ASK, CONSTRUCT).
    if !matches!(
        pattern,
        GraphPattern::Project { .. }
            | GraphPattern::Slice { .. }
            | GraphPattern::Distinct { .. }
            | GraphPattern::Reduced { .. }
    ) {
        wrap_group(pattern, &ground);
    }
    Ok(())
}

fn inject(p: &mut GraphPattern, params: &[(Variable, GroundTerm)]) {
    use GraphPattern as G;
    match p {
        G::Join { left, right }
        | G::LeftJoin { left, right, .. }
        | G::Union { left, right }
        | G::Minus { left, right }
        | G::Lateral { left, right } => {
            inject(left, params);
            inject(right, params);
        }
        G::Project { inner, .. } => {
            inject(inner, params);
            wrap_group(inner, params);
        }
        G::Filter { inner, .. }
        | G::Graph { inner, .. }
        | G::Extend { inner, .. }
        | G::OrderBy { inner, .. }
        | G::Distinct { inner }
        | G::Reduced { inner }
        | G::Slice { inner, .. }
        | G::Group { inner, .. }
        | G::Service { inner, .. } => inject(inner, params),
        G::Bgp { .. } | G::Path { .. } | G::Values { .. } => {}
    }
}

/// Joins the VALUES table below the group's filters, bindings and grouping, for the
/// parameters the group mentions.
fn wrap_group(p: &mut GraphPattern, params: &[(Variable, GroundTerm)]) {
    let text = p.to_string();
    let used: Vec<&(Variable, GroundTerm)> = params
        .iter()
        .filter(|(v, _)| mentions(&text, v.as_str()))
        .collect();
    if used.is_empty() {
        return;
    }
    let values = GraphPattern::Values {
        variables: used.iter().map(|(v, _)| v.clone()).collect(),
        bindings: vec![used.iter().map(|(_, t)| Some(t.clone())).collect()],
    };
    join_below_modifiers(p, values);
}

fn join_below_modifiers(p: &mut GraphPattern, values: GraphPattern) {
    use GraphPattern as G;
    match p {
        G::OrderBy { inner, .. }
        | G::Filter { inner, .. }
        | G::Extend { inner, .. }
        | G::Group { inner, .. }
        | G::Distinct { inner }
        | G::Reduced { inner }
        | G::Slice { inner, .. } => join_below_modifiers(inner, values),
        _ => {
            let inner = std::mem::replace(
                p,
                G::Bgp {
                    patterns: Vec::new(),
                },
            );
            *p = G::Join {
                left: Box::new(values),
                right: Box::new(inner),
            };
        }
    }
}

/// Whether `?name` occurs in the algebra text as a whole variable.
fn mentions(text: &str, name: &str) -> bool {
    let needle = format!("?{name}");
    text.match_indices(&needle).any(|(i, _)| {
        text[i + needle.len()..]
            .chars()
            .next()
            .map(|c| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(true)
    })
}

/// Cancels a query when its time is up.
struct Watchdog {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Watchdog {
    fn start(after: Duration, token: CancellationToken) -> Self {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = done.clone();
        std::thread::spawn(move || {
            let step = Duration::from_millis(20);
            let mut waited = Duration::ZERO;
            while waited < after {
                if flag.load(std::sync::atomic::Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(step);
                waited += step;
            }
            token.cancel();
        });
        Watchdog { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

fn map_eval(e: oxigraph::sparql::QueryEvaluationError, opts: &RunOptions) -> Error {
    if matches!(e, oxigraph::sparql::QueryEvaluationError::Cancelled) {
        return cancelled(opts);
    }
    Error::Query(e.to_string())
}

/// The error of a query stopped by `--timeout`.
pub(crate) fn cancelled(opts: &RunOptions) -> Error {
    Error::Query(format!(
        "query cancelled after {} s (--timeout); narrow it down or raise the timeout",
        opts.timeout.map(|t| t.as_secs_f64()).unwrap_or(0.0)
    ))
}

fn io_err(e: std::io::Error) -> Error {
    Error::Query(format!("cannot write results: {e}"))
}

fn results_format(f: OutputFormat) -> Option<QueryResultsFormat> {
    Some(match f {
        OutputFormat::Csv => QueryResultsFormat::Csv,
        OutputFormat::Tsv => QueryResultsFormat::Tsv,
        OutputFormat::Json => QueryResultsFormat::Json,
        OutputFormat::Xml => QueryResultsFormat::Xml,
        _ => return None,
    })
}

/// Writes rows of terms (one per variable) in an output format; returns how many.
pub(crate) fn write_rows(
    vars: &[Variable],
    rows: Vec<Vec<Option<Term>>>,
    format: OutputFormat,
    out: &mut dyn Write,
) -> Result<usize> {
    let n = rows.len();
    if format == OutputFormat::Table {
        write_table(vars, &rows, out)?;
    } else {
        let mut writer = SolutionWriter::new(format, vars.to_vec(), out)?;
        for row in &rows {
            writer.write(vars, row)?;
        }
        writer.finish()?;
    }
    Ok(n)
}

/// Writes solutions in a results format as they come.
struct SolutionWriter<'w> {
    inner: Option<oxigraph::sparql::results::WriterSolutionsSerializer<&'w mut dyn Write>>,
    /// XML cannot hold some characters even escaped; they are dropped from literals.
    xml: bool,
}

/// Whether XML 1.0 can hold the character at all.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The term without the characters XML cannot hold (only literals can have them).
fn xml_safe(t: &Term) -> Term {
    match t {
        Term::Literal(l) if !l.value().chars().all(xml_char) => {
            let value: String = l.value().chars().filter(|&c| xml_char(c)).collect();
            match l.language() {
                Some(lang) => Literal::new_language_tagged_literal_unchecked(value, lang),
                None => Literal::new_typed_literal(value, l.datatype()),
            }
            .into()
        }
        other => other.clone(),
    }
}

impl<'w> SolutionWriter<'w> {
    fn new(format: OutputFormat, vars: Vec<Variable>, out: &'w mut dyn Write) -> Result<Self> {
        let inner = match results_format(format) {
            Some(f) => Some(
                QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(out, vars)
                    .map_err(io_err)?,
            ),
            None => None,
        };
        Ok(SolutionWriter {
            inner,
            xml: format == OutputFormat::Xml,
        })
    }

    fn write(&mut self, vars: &[Variable], row: &[Option<Term>]) -> Result<()> {
        if let Some(w) = &mut self.inner {
            let cleaned: Vec<Option<Term>>;
            let row = if self.xml {
                cleaned = row.iter().map(|t| t.as_ref().map(xml_safe)).collect();
                &cleaned
            } else {
                row
            };
            w.serialize(
                vars.iter()
                    .zip(row)
                    .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
            )
            .map_err(io_err)?;
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if let Some(w) = self.inner {
            w.finish().map_err(io_err)?;
        }
        Ok(())
    }
}

/// Shortens an IRI with the standard prefixes, for reading.
pub fn compact(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(rest) = iri.strip_prefix(ns) {
            return format!("{p}:{rest}");
        }
    }
    if let Some(rest) = iri.strip_prefix(crate::rdf::vocab::ID) {
        return format!("id:{rest}");
    }
    iri.to_string()
}

fn cell(t: &Option<Term>) -> String {
    match t {
        None => String::new(),
        Some(Term::NamedNode(n)) => compact(n.as_str()),
        // Control characters (line breaks, terminal escape sequences) become spaces, so a
        // value cannot break the table or drive the terminal.
        Some(Term::Literal(l)) => l
            .value()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
        Some(other) => other.to_string(),
    }
}

fn write_table(vars: &[Variable], rows: &[Vec<Option<Term>>], out: &mut dyn Write) -> Result<()> {
    const MAX: usize = 60;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(cell).map(|c| truncate(&c, MAX)).collect())
        .collect();
    let mut widths: Vec<usize> = vars.iter().map(|v| v.as_str().chars().count()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |vals: &[String]| -> String {
        vals.iter()
            .enumerate()
            .map(|(i, v)| format!("{v:<w$}", w = widths[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
    writeln!(out, "{}", line(&header)).map_err(io_err)?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    )
    .map_err(io_err)?;
    for r in &cells {
        writeln!(out, "{}", line(r)).map_err(io_err)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
    .map_err(io_err)?;
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode, Quad};

    fn store() -> Store {
        let s = Store::new().unwrap();
        let ex = |x: &str| NamedNode::new(format!("http://example.org/{x}")).unwrap();
        let g = ex("g");
        let key = NamedNode::new(format!("{}key", crate::rdf::vocab::NKG)).unwrap();
        let att = NamedNode::new(format!("{}attacker", crate::rdf::vocab::NKG)).unwrap();
        s.insert(&Quad::new(ex("a1"), att.clone(), ex("isis"), g.clone()))
            .unwrap();
        s.insert(&Quad::new(ex("a2"), att, ex("kh"), g.clone()))
            .unwrap();
        s.insert(&Quad::new(
            ex("isis"),
            key.clone(),
            Literal::new_simple_literal("isil"),
            g.clone(),
        ))
        .unwrap();
        s.insert(&Quad::new(
            ex("kh"),
            key,
            Literal::new_simple_literal("kh"),
            g,
        ))
        .unwrap();
        s
    }

    fn rows(q: &str, bindings: &[(Variable, Term)]) -> String {
        let p = parse(q)
            .unwrap()
            .with_parameters(&bindings.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>());
        let mut out = Vec::new();
        p.run(
            &store(),
            bindings,
            OutputFormat::Csv,
            &RunOptions::default(),
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn parameters_bind_as_terms_in_filters_and_subqueries() {
        let q = "SELECT ?x WHERE { ?x nkg:attacker ?a FILTER(!BOUND(?k) || EXISTS { ?a nkg:key ?k }) } ORDER BY ?x";
        let k = Variable::new_unchecked("k");
        assert_eq!(rows(q, &[]).lines().count(), 3);
        let one = rows(
            q,
            &[(k.clone(), Literal::new_simple_literal("isil").into())],
        );
        assert_eq!(
            one.lines().collect::<Vec<_>>(),
            vec!["x", "http://example.org/a1"]
        );
        let sub = "SELECT ?x WHERE { { SELECT ?x WHERE { ?x nkg:attacker ?a FILTER(!BOUND(?k) || EXISTS { ?a nkg:key ?k }) } } }";
        let one = rows(
            sub,
            &[(k.clone(), Literal::new_simple_literal("kh").into())],
        );
        assert_eq!(
            one.lines().collect::<Vec<_>>(),
            vec!["x", "http://example.org/a2"]
        );
        // A value that looks like SPARQL stays a value.
        let none = rows(
            q,
            &[(
                k,
                Literal::new_simple_literal("isil\" } UNION { ?x ?p ?o").into(),
            )],
        );
        assert_eq!(none.lines().count(), 1);
    }
}
