//! `newskg extract`: what the extractor finds, without a store.

use crate::cli::{ExtractArgs, ExtractFormat};
use newskg::build::content_hash;
use newskg::extract::Extractor;
use newskg::ingest;
use newskg::rdf::{self, lexicon, vocab::PREFIXES};
use oxigraph::io::{RdfFormat, RdfSerializer};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let loaded = lexicon::load(&args.lexicon.lexicon)?;
    let hash = loaded.hash.clone();
    let extractor = Extractor::new(loaded.lexicon);
    let inputs = ingest::find_inputs(&args.paths);
    let mut failed = 0;
    for e in &inputs.errors {
        eprintln!("failed: {e}");
        failed += 1;
    }
    for n in &inputs.notices {
        eprintln!("note: {n}");
    }
    if matches!(args.format, ExtractFormat::Summary) {
        return summary(&extractor, &inputs, failed);
    }
    let mut out = super::stdout();
    for file in &inputs.files {
        for item in ingest::read(file) {
            let article = match item {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("failed: {e}");
                    failed += 1;
                    continue;
                }
            };
            for w in &article.warnings {
                eprintln!("warning: {}: {w}", article.location());
            }
            let ex = extractor.extract(&article);
            match args.format {
                ExtractFormat::Jsonl => {
                    let entities: Vec<_> = ex
                        .entities
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            let spans: Vec<[usize; 2]> = ex.mentions.iter().filter(|m| m.entity == i).map(|m| [m.span.start, m.span.end]).collect();
                            json!({"id": e.id, "kind": e.kind.slug(), "label": e.label, "lexicon": e.lexicon.is_some(), "surfaces": e.surfaces, "mentions": spans})
                        })
                        .collect();
                    let name = |i: Option<usize>| i.map(|i| ex.entities[i].label.clone());
                    let attacks: Vec<_> = ex
                        .attacks
                        .iter()
                        .map(|a| {
                            json!({
                                "attacker": name(a.attacker), "target": name(a.target).or(a.target_text.clone()),
                                "place": name(a.place), "date": a.date.map(|d| d.to_string()), "weapon": a.weapon,
                                "killed": a.killed, "wounded": a.wounded, "evidence": a.evidence.of(&article.text),
                                "start": a.evidence.start, "end": a.evidence.end, "rule": a.rule, "confidence": a.confidence,
                            })
                        })
                        .collect();
                    let v = json!({
                        "id": article.id, "file": article.file, "line": article.line, "title": article.title,
                        "date": article.date.map(|d| d.to_string()), "url": article.url,
                        "entities": entities, "attacks": attacks,
                    });
                    serde_json::to_writer(&mut out, &v)?;
                    writeln!(out)?;
                }
                ExtractFormat::Summary => unreachable!("handled above"),
                ExtractFormat::Turtle => {
                    let quads = rdf::article_quads(&article, &ex, &content_hash(&article, &hash));
                    let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
                    for (p, iri) in PREFIXES {
                        ser = ser.with_prefix(*p, *iri)?;
                    }
                    let mut w = ser.for_writer(Vec::new());
                    for q in &quads {
                        w.serialize_triple(q.as_ref())?;
                    }
                    writeln!(out, "# {}", article.location())?;
                    out.write_all(&w.finish()?)?;
                    writeln!(out)?;
                }
            }
        }
    }
    super::finish(out)?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Extracts every article on all cores, keeping only counts, and prints one line of totals.
fn summary(
    extractor: &Extractor,
    inputs: &ingest::Inputs,
    mut failed: usize,
) -> anyhow::Result<ExitCode> {
    use rayon::prelude::*;
    const CHUNK: usize = 1024;
    let started = std::time::Instant::now();
    #[derive(Default)]
    struct Totals {
        articles: usize,
        bytes: usize,
        entities: usize,
        mentions: usize,
        attacks: usize,
    }
    let mut totals = Totals::default();
    let mut chunk = Vec::with_capacity(CHUNK);
    let run = |chunk: &mut Vec<ingest::Article>, totals: &mut Totals| {
        let counts: Vec<(usize, usize, usize)> = chunk
            .par_iter()
            .map(|a| {
                let ex = extractor.extract(a);
                (ex.entities.len(), ex.mentions.len(), ex.attacks.len())
            })
            .collect();
        for (a, (e, m, k)) in chunk.drain(..).zip(counts) {
            totals.articles += 1;
            totals.bytes += a.text.len();
            totals.entities += e;
            totals.mentions += m;
            totals.attacks += k;
        }
    };
    for file in &inputs.files {
        for item in ingest::read(file) {
            match item {
                Ok(a) => {
                    chunk.push(a);
                    if chunk.len() >= CHUNK {
                        run(&mut chunk, &mut totals);
                    }
                }
                Err(e) => {
                    eprintln!("failed: {e}");
                    failed += 1;
                }
            }
        }
    }
    run(&mut chunk, &mut totals);
    let seconds = started.elapsed().as_secs_f64();
    let mut out = super::stdout();
    writeln!(
        out,
        "{} articles, {} bytes of text, {} entities, {} mentions, {} attacks, {:.2} s ({:.1} MB/s on {} threads)",
        totals.articles,
        totals.bytes,
        totals.entities,
        totals.mentions,
        totals.attacks,
        seconds,
        totals.bytes as f64 / 1e6 / seconds.max(1e-9),
        rayon::current_num_threads()
    )?;
    super::finish(out)?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
