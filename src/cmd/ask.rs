//! `newskg ask`: the named questions.

use crate::cli::{AskArgs, AskFormat};
use newskg::query::questions::{self, Arguments};
use newskg::query::{OutputFormat, RunOptions};
use newskg::store::KgStore;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: AskArgs) -> anyhow::Result<ExitCode> {
    if args.list {
        let mut out = super::stdout();
        for q in questions::all() {
            let params: Vec<String> = q
                .params
                .iter()
                .map(|p| {
                    if p.required {
                        format!("--{} (required)", p.name)
                    } else {
                        format!("--{}", p.name)
                    }
                })
                .collect();
            writeln!(out, "{}\n    {}\n    {}", q.name, q.title, q.description)?;
            if !params.is_empty() {
                writeln!(out, "    filters: {}", params.join(", "))?;
            }
        }
        super::finish(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = args.question.as_deref().unwrap_or_default();
    let question = questions::get(name)?;
    let format = match args.format {
        AskFormat::Table => OutputFormat::Table,
        AskFormat::Csv => OutputFormat::Csv,
        AskFormat::Tsv => OutputFormat::Tsv,
        AskFormat::Json => OutputFormat::Json,
        AskFormat::Xml => OutputFormat::Xml,
    };
    let arguments = Arguments {
        actor: args.actor,
        place: args.place,
        from: args.from,
        to: args.to,
        min_confidence: args.min_confidence,
    };
    // Check the arguments before opening the store, so mistakes are reported first.
    question.bindings(&arguments)?;
    let store = KgStore::open_for_read(&args.store.store)?;
    let opts = RunOptions {
        timeout: super::query::timeout(args.timeout)?,
        limit: None,
        explain: args.explain,
    };
    super::deadline(opts.timeout);
    let mut out = super::stdout();
    question.run(store.store(), &arguments, format, &opts, &mut out)?;
    super::finish(out)?;
    Ok(ExitCode::SUCCESS)
}
