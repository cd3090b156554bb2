//! Named questions: the `queries/*.rq` files compiled into the binary.
//!
//! Each file starts with `# title:` and `# description:` lines and declares its parameters
//! with `# param: NAME ?variable` (add `required` when the question needs it). `ask` binds a
//! parameter as an RDF term: names become lookup keys (`nkg:key`, the folded spelling, so any
//! alias finds the entity), dates become `xsd:date`, confidences `xsd:decimal`.

use super::{parse, OutputFormat, Prepared, RunOptions};
use crate::error::{Error, Result};
use crate::text::dates::PartialDate;
use crate::text::name_key;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::store::Store;
use std::io::Write;

/// The question files: (name, text).
pub const QUESTIONS: &[(&str, &str)] = &[
    (
        "who-attacked-where",
        include_str!("../../queries/who-attacked-where.rq"),
    ),
    ("attacks", include_str!("../../queries/attacks.rq")),
    ("attacks-on", include_str!("../../queries/attacks-on.rq")),
    ("actors", include_str!("../../queries/actors.rq")),
    ("entities", include_str!("../../queries/entities.rq")),
];

/// A named question and its declared parameters.
#[derive(Debug, Clone)]
pub struct Question {
    pub name: String,
    pub title: String,
    pub description: String,
    pub params: Vec<Param>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub variable: String,
    pub required: bool,
}

/// Values given for a question's parameters (from `ask` flags).
#[derive(Debug, Clone, Default)]
pub struct Arguments {
    pub actor: Option<String>,
    pub place: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub min_confidence: Option<f64>,
}

impl Question {
    /// Reads a question's header.
    pub fn from_text(name: &str, text: &str) -> Question {
        let mut q = Question {
            name: name.to_string(),
            title: name.to_string(),
            description: String::new(),
            params: Vec::new(),
            text: text.to_string(),
        };
        for line in text.lines() {
            let Some(rest) = line.strip_prefix('#') else {
                break;
            };
            let rest = rest.trim();
            if let Some(t) = rest.strip_prefix("title:") {
                q.title = t.trim().to_string();
            } else if let Some(d) = rest.strip_prefix("description:") {
                q.description = d.trim().to_string();
            } else if let Some(p) = rest.strip_prefix("param:") {
                let parts: Vec<&str> = p.split_whitespace().collect();
                if parts.len() >= 2 {
                    q.params.push(Param {
                        name: parts[0].to_string(),
                        variable: parts[1].trim_start_matches('?').to_string(),
                        required: parts.get(2) == Some(&"required"),
                    });
                }
            }
        }
        q
    }

    /// The bindings for the given arguments; an argument the question does not take, or a
    /// missing required one, is an error.
    pub fn bindings(&self, args: &Arguments) -> Result<Vec<(Variable, Term)>> {
        let mut given: Vec<(&str, Term)> = Vec::new();
        if let Some(a) = &args.actor {
            given.push((
                "actor",
                Literal::new_simple_literal(key(a, "--actor")?).into(),
            ));
        }
        if let Some(p) = &args.place {
            given.push((
                "place",
                Literal::new_simple_literal(key(p, "--place")?).into(),
            ));
        }
        if let Some(f) = &args.from {
            let d = parse_date(f, "--from")?
                .first_day()
                .ok_or_else(|| bad_date(f, "--from"))?;
            given.push((
                "from",
                Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE).into(),
            ));
        }
        if let Some(t) = &args.to {
            let d = parse_date(t, "--to")?
                .last_day()
                .ok_or_else(|| bad_date(t, "--to"))?;
            given.push((
                "to",
                Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE).into(),
            ));
        }
        if let Some(c) = args.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(Error::Query(
                    "--min-confidence must be between 0 and 1".into(),
                ));
            }
            given.push((
                "min-confidence",
                Literal::new_typed_literal(format!("{c}"), xsd::DECIMAL).into(),
            ));
        }
        let mut out = Vec::new();
        for (name, term) in given {
            let Some(p) = self.params.iter().find(|p| p.name == name) else {
                return Err(Error::Query(format!(
                    "question {} does not take --{name}",
                    self.name
                )));
            };
            out.push((Variable::new_unchecked(p.variable.clone()), term));
        }
        for p in self.params.iter().filter(|p| p.required) {
            if !out.iter().any(|(v, _)| v.as_str() == p.variable) {
                return Err(Error::Query(format!(
                    "question {} needs --{}",
                    self.name, p.name
                )));
            }
        }
        Ok(out)
    }

    /// Parses the question with its parameters declared.
    pub fn prepare(&self) -> Result<Prepared> {
        let vars: Vec<Variable> = self
            .params
            .iter()
            .map(|p| Variable::new_unchecked(p.variable.clone()))
            .collect();
        Ok(parse(&self.text)
            .map_err(|e| Error::Query(format!("queries/{}.rq: {e}", self.name)))?
            .with_parameters(&vars))
    }

    /// Runs the question.
    pub fn run(
        &self,
        store: &Store,
        args: &Arguments,
        format: OutputFormat,
        opts: &RunOptions,
        out: &mut dyn Write,
    ) -> Result<usize> {
        let bindings = self.bindings(args)?;
        // who-attacked-where reads the rows the build stored with each report (see
        // `rows`), unless the evaluation plan is asked for, which only the query has.
        if self.name == "who-attacked-where" && opts.explain.is_none() {
            let filter = super::rows::Filter::resolve(store, &bindings)?;
            return super::rows::who_attacked_where(store, &filter, format, opts, out);
        }
        self.prepare()?.run(store, &bindings, format, opts, out)
    }

    /// Runs the question's SPARQL query, never a faster way.
    pub fn run_query(
        &self,
        store: &Store,
        args: &Arguments,
        format: OutputFormat,
        opts: &RunOptions,
        out: &mut dyn Write,
    ) -> Result<usize> {
        let bindings = self.bindings(args)?;
        self.prepare()?.run(store, &bindings, format, opts, out)
    }
}

fn key(value: &str, flag: &str) -> Result<String> {
    let k = name_key(value);
    if k.is_empty() {
        return Err(Error::Query(format!(
            "{flag} {value:?} has no letters or digits to look up"
        )));
    }
    Ok(k)
}

fn parse_date(s: &str, flag: &str) -> Result<PartialDate> {
    PartialDate::parse(s).ok_or_else(|| bad_date(s, flag))
}

fn bad_date(s: &str, flag: &str) -> Error {
    Error::Query(format!(
        "{flag} {s:?} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    ))
}

/// Every question, in the order of [`QUESTIONS`].
pub fn all() -> Vec<Question> {
    QUESTIONS
        .iter()
        .map(|(n, t)| Question::from_text(n, t))
        .collect()
}

/// The question of that name.
pub fn get(name: &str) -> Result<Question> {
    all()
        .into_iter()
        .find(|q| q.name == name)
        .ok_or_else(|| Error::UnknownQuestion {
            name: name.to_string(),
        })
}
