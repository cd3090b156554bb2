//! `newskg export`: graph views for graph tools, and RDF dumps.

use crate::cli::{ExportArgs, ExportFormat, ViewArg};
use anyhow::{bail, Context};
use newskg::export::{self, DumpFormat, Filters};
use newskg::store::KgStore;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let filters = Filters {
        actor: args.actor.clone(),
        place: args.place.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
    };
    if args.format.is_rdf() {
        if args.view.is_some() || args.query.is_some() || !filters.is_empty() {
            bail!("RDF formats dump the store as it is: --view, --query, --actor, --place, --from and --to are for graphml, gexf, csv and dot (--article picks one article's graph)");
        }
        let format = match args.format {
            ExportFormat::Turtle => DumpFormat::Turtle,
            ExportFormat::Ntriples => DumpFormat::NTriples,
            ExportFormat::Nquads => DumpFormat::NQuads,
            _ => DumpFormat::TriG,
        };
        let store = KgStore::open_for_read(&args.store.store)?;
        return write_out(args.out.as_deref(), |out| {
            Ok(export::dump(&store, format, args.article.as_deref(), out)?)
        });
    }
    if args.article.is_some() {
        bail!("--article is for the RDF formats (turtle, ntriples, nquads, trig); graph formats take --actor, --place, --from, --to");
    }
    if args.format == ExportFormat::Csv && args.out.is_none() {
        bail!("csv writes two files, nodes.csv and edges.csv: give the folder with --out DIR");
    }
    // Check names, dates and the query before opening the store, so mistakes come first.
    filters.check()?;
    let query = match &args.query {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None => None,
    };
    let store = KgStore::open_for_read(&args.store.store)?;
    let view = match (&query, args.view.unwrap_or(ViewArg::Actors)) {
        (Some(text), _) => export::query_view(&store, text, &filters)?,
        (None, ViewArg::Actors) => export::actors_view(&store, &filters)?,
        (None, ViewArg::Attacks) => export::attacks_view(&store, &filters)?,
        (None, ViewArg::Mentions) => export::mentions_view(&store, &filters)?,
        (None, ViewArg::Full) => export::full_view(&store, &filters)?,
    };
    match args.format {
        ExportFormat::Csv => {
            let dir = args.out.as_deref().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let (n, e) = (dir.join("nodes.csv"), dir.join("edges.csv"));
            let mut nodes = create(&n)?;
            let mut edges = create(&e)?;
            export::write_csv_pair(&view, &mut nodes, &mut edges)?;
            nodes
                .flush()
                .with_context(|| format!("writing {}", n.display()))?;
            edges
                .flush()
                .with_context(|| format!("writing {}", e.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        ExportFormat::Graphml => write_out(args.out.as_deref(), |out| {
            Ok(export::write_graphml(&view, out)?)
        }),
        ExportFormat::Gexf => write_out(args.out.as_deref(), |out| {
            Ok(export::write_gexf(&view, out)?)
        }),
        _ => write_out(args.out.as_deref(), |out| {
            Ok(export::write_dot(&view, out)?)
        }),
    }
}

fn create(path: &Path) -> anyhow::Result<BufWriter<File>> {
    Ok(BufWriter::new(
        File::create(path).with_context(|| format!("creating {}", path.display()))?,
    ))
}

/// Runs `write` on the file `out`, or on standard output.
fn write_out(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<ExitCode> {
    match out {
        Some(path) => {
            let mut f = create(path)?;
            write(&mut f).with_context(|| format!("writing {}", path.display()))?;
            f.flush()
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let mut out = PipeWatch {
                inner: super::stdout(),
                closed: false,
            };
            let result = write(&mut out);
            // A reader that closed the pipe (`| head`) has had enough: not an error.
            if out.closed {
                return Ok(ExitCode::SUCCESS);
            }
            result?;
            super::finish(out.inner)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A writer that remembers whether its reader closed the pipe, since the writers report
/// errors as text.
struct PipeWatch<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeWatch<W> {
    fn watch<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                self.closed = true;
            }
        }
        r
    }
}

impl<W: Write> Write for PipeWatch<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.watch(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.watch(r)
    }
}
