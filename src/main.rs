//! The `newskg` binary: parses the command line and hands each command to its module.

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
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
