//! `newskg gen-corpus` (hidden): synthetic articles for benchmarks, written as they are
//! generated.

use crate::cli::{GenCorpusArgs, GenFormat};
use anyhow::{bail, Context};
use newskg::gen::Generator;
use newskg::rdf::lexicon;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: GenCorpusArgs) -> anyhow::Result<ExitCode> {
    let loaded = lexicon::load(&[] as &[&str])?;
    let generator = Generator::new(&loaded.lexicon, args.seed);
    let end = args
        .start
        .checked_add(args.articles)
        .context("--start plus --articles is too large")?;
    match args.format {
        GenFormat::Jsonl => {
            let mut out: Box<dyn Write> = match &args.out {
                Some(path) => Box::new(BufWriter::new(
                    File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                )),
                None => Box::new(super::stdout()),
            };
            for i in args.start..end {
                let a = generator.article(i);
                out.write_all(a.to_json().as_bytes())?;
                out.write_all(b"\n")?;
            }
            super::finish(out)?;
        }
        GenFormat::Text => {
            let Some(dir) = &args.out else {
                bail!("--format text writes one file per article: give the folder with --out DIR");
            };
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
            for i in args.start..end {
                let a = generator.article(i);
                let path = dir.join(a.file_name());
                let mut f = BufWriter::new(
                    File::create(&path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                );
                f.write_all(a.to_text_file().as_bytes())?;
                f.flush()
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
