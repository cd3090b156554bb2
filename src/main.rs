//! The `newskg` binary: parses the command line and hands each command to its module.

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same in its v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Freed memory goes back to the system at once rather than after mimalloc's default
    // 10 ms: a build's quad batches come and go, and with the delay the peak RSS of a
    // 30,000-article build was 491 MB; without it, 358 MB.
    // SAFETY: sets one of mimalloc's options to a value it documents; nothing else runs yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build(a) => cmd::build::run(a),
        cli::Command::Extract(a) => cmd::extract::run(a),
        cli::Command::Query(a) => cmd::query::run(a),
        cli::Command::Ask(a) => cmd::ask::run(a),
        cli::Command::Export(a) => cmd::export::run(a),
        cli::Command::Stats(a) => cmd::stats::run(a),
        cli::Command::GenCorpus(a) => cmd::gen_corpus::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`newskg ask ... | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .map(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    .unwrap_or(false)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newskg: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
