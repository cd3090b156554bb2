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
