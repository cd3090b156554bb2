//! `newskg build`: read articles, extract, write the store, print a summary.

use crate::cli::BuildArgs;
use anyhow::Context;
use newskg::build::{build, BuildOptions};
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let opts = BuildOptions {
        paths: args.paths,
        store: args.store.store.clone(),
        lexicon_files: args.lexicon.lexicon,
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    let r = build(&opts).with_context(|| format!("building store {}", opts.store.display()))?;
    for f in &r.failed {
        eprintln!("failed: {f}");
    }
    if !args.quiet {
        for w in &r.warnings {
            eprintln!("warning: {w}");
        }
    }
    eprintln!(
        "read {} articles: {} added, {} replaced, {} unchanged, {} failed{} | {} entities, {} attacks, {} quads written ({} in store) | {:.1} s",
        r.read,
        r.added,
        r.replaced,
        r.unchanged,
        r.failed.len(),
        if r.skipped_files > 0 { format!(" ({} files of other types skipped)", r.skipped_files) } else { String::new() },
        r.entities,
        r.attacks,
        r.quads_written,
        r.store_quads,
        r.seconds
    );
    Ok(if r.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
