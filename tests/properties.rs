//! Properties of the extractor that hold for any text, checked on generated inputs: no
//! panic, spans inside the text and on `char` boundaries, deterministic output, and no
//! state carried from one article to the next.
//!
//! Inputs are arbitrary Unicode strings and news-like text: sentences and words of the
//! extraction cases (`tests/cases/`) shuffled together with arbitrary characters and line
//! breaks, so that the extraction rules fire on the generated text too.

#[path = "support/targets.rs"]
mod targets;

use newskg::extract::{Extraction, Extractor};
use newskg::ingest::Article;
use newskg::rdf::lexicon;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Cases per property; the whole file runs in a few seconds in release. `PROPTEST_CASES`
/// asks for more in a longer local run.
const CASES: u32 = 256;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

/// The sentences and words of the extraction cases.
fn pool() -> &'static (Vec<String>, Vec<String>) {
    static POOL: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut files = Vec::new();
        toml_files(Path::new("tests/cases"), &mut files);
        let mut sentences = Vec::new();
        for f in files {
            let src = std::fs::read_to_string(&f).unwrap();
            let v: toml::Value = toml::from_str(&src).unwrap();
            if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    sentences.extend(
                        line.split_inclusive(". ")
                            .map(str::to_string)
                            .filter(|s| !s.trim().is_empty()),
                    );
                }
            }
        }
        sentences.sort();
        sentences.dedup();
        let mut words: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.split_whitespace().map(str::to_string))
            .collect();
        words.sort();
        words.dedup();
        assert!(
            sentences.len() > 100 && words.len() > 500,
            "the cases are read"
        );
        (sentences, words)
    })
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            toml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// News-like text: case sentences and words, arbitrary characters, separators.
fn news() -> impl Strategy<Value = String> {
    let (sentences, words) = pool();
    let fragment = prop_oneof![
        4 => prop::sample::select(sentences.clone()),
        4 => prop::sample::select(words.clone()),
        1 => "\\PC{0,6}",
        1 => prop::sample::select(vec![
            "\n", "\n\n", "\r\n", ". ", ", ", " - ", " — ", "(", ")", "\"", "'s ", "-", "é",
            "\u{301}", "\u{200b}", "İ", "ß", "\u{feff}", "\t", "  ",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| {
        let mut s = String::new();
        for p in parts {
            if !s.is_empty() && !s.ends_with(char::is_whitespace) && !p.starts_with(' ') {
                s.push(' ');
            }
            s.push_str(&p);
        }
        s
    })
}

/// Any Unicode string, or news-like text.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![1 => any::<String>(), 1 => "\\PC{0,200}", 3 => news()]
}

fn article(text: &str) -> Article {
    Article {
        id: "a.txt".into(),
        file: "a.txt".into(),
        text: text.to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 3, 8),
        ..Article::default()
    }
}

/// A second extractor, built apart from the shared one: its hash maps iterate in another
/// order, which must not show in the output.
fn other_extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(lexicon::load(&[] as &[PathBuf]).unwrap().lexicon))
}

/// Everything an extraction reports, in a comparable form.
fn render(ex: &Extraction) -> String {
    format!("{ex:?}")
}

#[test]
fn any_text_extracts_without_panic_and_with_valid_spans() {
    runner()
        .run(&any_text(), |text| {
            let a = article(&text);
            let ex = targets::extractor().extract(&a);
            targets::check_extraction(&a, &ex);
            targets::check_quads(&a, &ex);
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_text_gives_mentions_and_attacks() {
    // The generator must reach the rules, or the other properties prove little.
    let mentions = Cell::new(0);
    let attacks = Cell::new(0);
    runner()
        .run(&news(), |text| {
            let ex = targets::extractor().extract(&article(&text));
            mentions.set(mentions.get() + ex.mentions.len());
            attacks.set(attacks.get() + ex.attacks.len());
            Ok(())
        })
        .unwrap();
    let (mentions, attacks) = (mentions.get(), attacks.get());
    assert!(
        mentions > CASES as usize,
        "{mentions} mentions in {CASES} texts"
    );
    assert!(attacks > 0, "no attack in {CASES} texts");
}

#[test]
fn the_same_text_gives_the_same_extraction() {
    runner()
        .run(&any_text(), |text| {
            let a = article(&text);
            let first = render(&targets::extractor().extract(&a));
            let again = render(&targets::extractor().extract(&a));
            let other = render(&other_extractor().extract(&a));
            prop_assert_eq!(&first, &again);
            prop_assert_eq!(&first, &other);
            Ok(())
        })
        .unwrap();
}

#[test]
fn two_articles_in_one_file_extract_as_two_files() {
    // A JSON Lines file with articles A and B gives, per article, what a file with A alone
    // and a file with B alone give: nothing of one article leaks into the other.
    let pair = (any_text(), any_text());
    runner()
        .run(&pair, |(a, b)| {
            let record = |id: &str, text: &str| {
                serde_json::json!({ "id": id, "text": text, "date": "2024-03-08" }).to_string()
            };
            let both = format!("{}\n{}\n", record("a", &a), record("b", &b));
            let together = extract_jsonl(&both);
            let alone_a = extract_jsonl(&record("a", &a));
            let alone_b = extract_jsonl(&record("b", &b));
            let separately: Vec<_> = alone_a.into_iter().chain(alone_b).collect();
            prop_assert_eq!(together, separately);
            Ok(())
        })
        .unwrap();
}

/// Reads a JSON Lines file and extracts each article: (id, extraction) per record read.
fn extract_jsonl(content: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    std::fs::write(&path, content).unwrap();
    let file = newskg::ingest::InputFile {
        path,
        id: "feed.jsonl".into(),
        format: newskg::ingest::Format::JsonLines,
    };
    newskg::ingest::read(&file)
        .filter_map(Result::ok)
        .map(|a| (a.id.clone(), render(&targets::extractor().extract(&a))))
        .collect()
}

#[test]
fn reordered_articles_extract_the_same() {
    // The extractor keeps no state between articles: B after A is B alone.
    let pair = (any_text(), any_text());
    runner()
        .run(&pair, |(a, b)| {
            let e = targets::extractor();
            let (a, b) = (article(&a), article(&b));
            let b_first = render(&e.extract(&b));
            let _ = e.extract(&a);
            let b_after_a = render(&e.extract(&b));
            if b_first != b_after_a {
                return Err(TestCaseError::fail("extracting A changed B's extraction"));
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn readers_never_panic_on_any_bytes() {
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        any_text().prop_map(String::into_bytes),
    ];
    runner()
        .run(&bytes, |data| {
            for t in ["read_text", "read_html", "read_jsonl", "read_csv", "dates"] {
                targets::run(t, &data);
            }
            Ok(())
        })
        .unwrap();
}
