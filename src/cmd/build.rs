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
        for n in &r.notices {
            eprintln!("note: {n}");
        }
        const SHOWN: usize = 10;
        for p in r.skipped_files.iter().take(SHOWN) {
            eprintln!("skipped: {}: not a format newskg reads", p.display());
        }
        if r.skipped_files.len() > SHOWN {
            eprintln!(
                "skipped: {} more files of other types",
                r.skipped_files.len() - SHOWN
            );
        }
    }
    eprintln!(
        "read {} articles: {} added, {} replaced, {} unchanged, {} failed{} | {} entities, {} attacks, {} quads written ({} in store) | {:.1} s{}",
        r.read,
        r.added,
        r.replaced,
        r.unchanged,
        r.failed.len(),
        if r.skipped_files.is_empty() { String::new() } else { format!(" ({} files of other types skipped)", r.skipped_files.len()) },
        r.entities,
        r.attacks,
        r.quads_written,
                r.store_quads,
        r.seconds,
        r.compaction_seconds
            .map(|c| format!(" (store compacted in {c:.1} s)"))
            .unwrap_or_default()
    );
    Ok(if r.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
