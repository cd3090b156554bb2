//! `newskg query`: any SPARQL query on the store.

use crate::cli::{QueryArgs, ResultFormat};
use anyhow::Context;
use newskg::query::{parse, OutputFormat, RunOptions};
use newskg::store::KgStore;
use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

pub fn format(f: ResultFormat) -> OutputFormat {
    match f {
        ResultFormat::Table => OutputFormat::Table,
        ResultFormat::Csv => OutputFormat::Csv,
        ResultFormat::Tsv => OutputFormat::Tsv,
        ResultFormat::Json => OutputFormat::Json,
        ResultFormat::Xml => OutputFormat::Xml,
        ResultFormat::Turtle => OutputFormat::Turtle,
        ResultFormat::Ntriples => OutputFormat::NTriples,
        ResultFormat::Nquads => OutputFormat::NQuads,
    }
}

pub fn timeout(seconds: Option<f64>) -> anyhow::Result<Option<Duration>> {
    match seconds {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 => match Duration::try_from_secs_f64(s) {
            Ok(d) => Ok(Some(d)),
            Err(_) => anyhow::bail!("--timeout {s} is too large"),
        },
        Some(s) => anyhow::bail!("--timeout {s} must be a positive number of seconds"),
    }
}

pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let text = match (&args.query, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(p)) if p.as_os_str() == "-" => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading the query from standard input")?;
            s
        }
        (None, Some(p)) => {
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        (None, None) => anyhow::bail!("give a query file, `-` or --query TEXT"),
    };
    let prepared = parse(&text)?;
    let fmt = args.format.map(format).unwrap_or(if prepared.is_select() {
        OutputFormat::Table
    } else {
        OutputFormat::Turtle
    });
    let store = KgStore::open_for_read(&args.store.store)?;
    let opts = RunOptions {
        timeout: timeout(args.timeout)?,
        limit: args.limit,
        explain: args.explain,
    };
    super::deadline(opts.timeout);
    let mut out = super::stdout();
    prepared.run(store.store(), &[], fmt, &opts, &mut out)?;
    super::finish(out)?;
    Ok(ExitCode::SUCCESS)
}
