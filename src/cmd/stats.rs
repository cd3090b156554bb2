//! `newskg stats`: what the store holds.

use crate::cli::StatsArgs;
use newskg::store::KgStore;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = KgStore::open_for_read(&args.store.store)?;
    // The totals the last build left; a store whose build stopped midway is counted.
    let totals = match store.totals() {
        Some(t) => t,
        None => store.recount()?.totals(),
    };
    let mut out = super::stdout();
    writeln!(out, "store      {}", store.path().display())?;
    writeln!(out, "articles   {}", totals.articles)?;
    writeln!(
        out,
        "attacks    {} ({} reports)",
        totals.attacks, totals.reports
    )?;
    writeln!(out, "entities   {}", totals.entities())?;
    for (kind, n) in &totals.kinds {
        writeln!(out, "  {kind:<13} {n}")?;
    }
    writeln!(out, "quads      {}", totals.quads)?;
    super::finish(out)?;
    Ok(ExitCode::SUCCESS)
}
