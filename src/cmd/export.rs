//! `newskg export`: graph views for graph tools.

use crate::cli::{ExportArgs, ExportFormat, ViewArg};
use anyhow::Context;
use newskg::export::{actors_view, write_graphml};
use newskg::store::KgStore;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = KgStore::open_for_read(&args.store.store)?;
    let view = match args.view {
        ViewArg::Actors => actors_view(&store)?,
    };
    let mut buf: Vec<u8> = Vec::new();
    match args.format {
        ExportFormat::Graphml => write_graphml(&view, &mut buf)?,
    }
    match &args.out {
        Some(path) => {
            std::fs::write(path, &buf).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut out = super::stdout();
            out.write_all(&buf)?;
            super::finish(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
