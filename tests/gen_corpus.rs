//! `newskg gen-corpus`, the synthetic corpus for benchmarks: deterministic, each article
//! independent of the others, sized like news, read by `newskg extract`, and written so that
//! the extractor finds the attackers the generator put in.

use newskg::gen::{GenArticle, Generator};
use newskg::rdf::lexicon;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

fn newskg(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(args)
        .output()
        .expect("the newskg binary runs");
    assert!(
        out.status.success(),
        "newskg {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn articles(seed: u64, range: std::ops::Range<u64>) -> Vec<GenArticle> {
    let lex = lexicon::load(&[] as &[&str]).unwrap();
    let g = Generator::new(&lex.lexicon, seed);
    range.map(|i| g.article(i)).collect()
}

#[test]
fn same_arguments_same_bytes_and_later_articles_do_not_change_earlier_ones() {
    let a = newskg(&["gen-corpus", "--articles", "300", "--seed", "7"]);
    let b = newskg(&["gen-corpus", "--articles", "300", "--seed", "7"]);
    assert_eq!(a, b, "two runs with the same seed differ");
    let head = newskg(&["gen-corpus", "--articles", "120", "--seed", "7"]);
    let rest = newskg(&[
        "gen-corpus",
        "--articles",
        "180",
        "--seed",
        "7",
        "--start",
        "120",
    ]);
    assert!(a.starts_with(&head), "a shorter corpus is not a prefix");
    assert_eq!(
        [head, rest].concat(),
        a,
        "--start does not continue the corpus"
    );
    let other = newskg(&["gen-corpus", "--articles", "300", "--seed", "8"]);
    assert_ne!(a, other, "another seed gives the same corpus");

    let lines: Vec<&str> = std::str::from_utf8(&a).unwrap().lines().collect();
    assert_eq!(lines.len(), 300);
    let ids: BTreeSet<String> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            for field in ["title", "date", "url", "text"] {
                assert!(v[field].is_string(), "{field} missing in {l}");
            }
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 300);
    assert!(ids.contains("gen-000000") && ids.contains("gen-000299"));
}

#[test]
fn articles_are_about_two_kilobytes_and_varied() {
    let all = articles(1, 0..400);
    let sizes: Vec<usize> = all.iter().map(|a| a.text.len()).collect();
    let mean = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    eprintln!(
        "mean {mean:.0} bytes, min {}, max {}",
        sizes.iter().min().unwrap(),
        sizes.iter().max().unwrap()
    );
    assert!((1500.0..=3000.0).contains(&mean), "mean size {mean}");
    let within = sizes
        .iter()
        .filter(|&&s| (1200..=3200).contains(&s))
        .count();
    assert!(
        within * 100 >= sizes.len() * 95,
        "sizes spread too far: {sizes:?}"
    );

    // Not a handful of templates: leads, titles, attackers and places vary.
    let leads: BTreeSet<&str> = all
        .iter()
        .map(|a| a.text.split("\n\n").next().unwrap())
        .collect();
    assert!(leads.len() >= 395, "only {} distinct leads", leads.len());
    let attackers: BTreeSet<&str> = all
        .iter()
        .flat_map(|a| a.attacks.iter().filter_map(|p| p.attacker.as_deref()))
        .collect();
    let places: BTreeSet<&str> = all
        .iter()
        .flat_map(|a| a.attacks.iter().map(|p| p.place.as_str()))
        .collect();
    eprintln!("{} attackers, {} places", attackers.len(), places.len());
    assert!(attackers.len() >= 40 && places.len() >= 100);
    let years: BTreeSet<i32> = all
        .iter()
        .map(|a| chrono::Datelike::year(&a.date))
        .collect();
    assert_eq!(years, (2014..=2025).collect());
}

#[test]
fn text_files_carry_the_header_the_text_reader_reads() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("corpus");
    newskg(&[
        "gen-corpus",
        "--articles",
        "5",
        "--start",
        "40",
        "--format",
        "text",
        "--out",
        out.to_str().unwrap(),
    ]);
    let expected = articles(1, 40..45);
    for a in &expected {
        let text = std::fs::read_to_string(out.join(format!("{}.txt", a.id))).unwrap();
        assert_eq!(text, a.to_text_file());
    }
    let extracted = extract(&out);
    assert_eq!(extracted.len(), 5);
    for (v, a) in extracted.iter().zip(&expected) {
        assert_eq!(v["title"].as_str(), Some(a.title.as_str()));
        assert_eq!(v["date"].as_str(), Some(a.date.to_string().as_str()));
    }
}

/// `newskg extract` on a file or folder, one JSON value per article.
fn extract(path: &Path) -> Vec<serde_json::Value> {
    let out = newskg(&["extract", path.to_str().unwrap()]);
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_extractor_finds_the_attackers_the_generator_wrote() {
    let n = 300;
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("corpus.jsonl");
    newskg(&[
        "gen-corpus",
        "--articles",
        &n.to_string(),
        "--seed",
        "3",
        "--out",
        file.to_str().unwrap(),
    ]);
    let truth: HashMap<String, GenArticle> = articles(3, 0..n)
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect();
    let extracted = extract(&file);
    assert_eq!(extracted.len(), n as usize);
    let (mut with_attack, mut named, mut found, mut planted, mut planted_found) = (0, 0, 0, 0, 0);
    let mut others = 0;
    for v in &extracted {
        let a = &truth[v["id"].as_str().unwrap()];
        // Attackers are reported by label; the entity list maps labels to ids.
        let ids: HashMap<&str, &str> = v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["label"].as_str().unwrap(), e["id"].as_str().unwrap()))
            .collect();
        let attacks = v["attacks"].as_array().unwrap();
        if !attacks.is_empty() {
            with_attack += 1;
        }
        let got: BTreeSet<&str> = attacks
            .iter()
            .filter_map(|x| x["attacker"].as_str())
            .filter_map(|l| ids.get(l).copied())
            .collect();
        let wanted: Vec<&str> = a
            .attacks
            .iter()
            .filter_map(|p| p.attacker.as_deref())
            .collect();
        for w in &wanted {
            planted += 1;
            planted_found += usize::from(got.contains(w));
        }
        others += got.iter().filter(|g| !wanted.contains(g)).count();
        if let Some(first) = wanted.first() {
            named += 1;
            if got.contains(first) {
                found += 1;
            }
        }
    }
    eprintln!(
        "{with_attack}/{n} articles with an attack; first attacker found in {found}/{named}; \
         {planted_found}/{planted} planted attackers found; {others} other attackers"
    );
    assert!(
        with_attack * 100 >= n as usize * 90,
        "{with_attack}/{n} articles with an attack"
    );
    assert!(
        found * 100 >= named * 70,
        "first attacker found in {found}/{named}"
    );
    assert!(
        planted_found * 100 >= planted * 60,
        "{planted_found}/{planted} found"
    );
}

#[test]
fn the_command_is_hidden_from_help() {
    let help = String::from_utf8(newskg(&["--help"])).unwrap();
    assert!(!help.contains("gen-corpus"), "{help}");
    assert!(help.contains("extract"));
    let own = String::from_utf8(newskg(&["gen-corpus", "--help"])).unwrap();
    assert!(own.contains("--articles"));
}
