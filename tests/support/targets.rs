//! The fuzz targets' bodies, shared by the libFuzzer binaries in `fuzz/` and by the tests
//! that replay saved inputs (`tests/fuzz_regressions.rs`) and check properties
//! (`tests/properties.rs`).
//!
//! Each target takes arbitrary bytes, runs one stage the way `newskg` runs it, and panics
//! when the stage panics or breaks one of its invariants (spans inside the text and on
//! `char` boundaries, indices that point at something, IRIs that parse).

#![allow(dead_code)]

use newskg::extract::{Extraction, Extractor};
use newskg::ingest::{self, Article, Format, InputFile};
use newskg::rdf;
use newskg::text::dates::{find_dates, publication_date, PartialDate};
use newskg::text::Span;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The names of the targets, as the fuzz binaries and `tests/data/fuzz/` folders call them.
pub const TARGETS: &[&str] = &[
    "extract",
    "read_text",
    "read_html",
    "read_jsonl",
    "read_csv",
    "dates",
];

/// Runs the target `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "extract" => extract(data),
        "read_text" => read_text(data),
        "read_html" => read_html(data),
        "read_jsonl" => read_jsonl(data),
        "read_csv" => read_csv(data),
        "dates" => dates(data),
        _ => panic!("unknown fuzz target {name:?}"),
    }
}

/// The extractor with the shipped lexicon, built once per process.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        let loaded = rdf::lexicon::load(&[] as &[PathBuf]).expect("the shipped lexicon loads");
        Extractor::new(loaded.lexicon)
    })
}

/// A text file as `newskg extract FILE.txt` reads it (header, dateline), extracted, checked
/// and turned into quads.
pub fn extract(data: &[u8]) {
    for article in read_file(Format::Text, "txt", data).into_iter().flatten() {
        let ex = extractor().extract(&article);
        check_extraction(&article, &ex);
        check_quads(&article, &ex);
    }
}

/// Bytes decoded as text, then read as a text or Markdown article.
pub fn read_text(data: &[u8]) {
    if let Ok((text, _warnings)) = ingest::decode(data) {
        assert!(!text.contains('\0'), "decoded text keeps a NUL byte");
    }
    for article in read_file(Format::Text, "txt", data).into_iter().flatten() {
        check_article(&article);
    }
}

/// An HTML page.
pub fn read_html(data: &[u8]) {
    for article in read_file(Format::Html, "html", data).into_iter().flatten() {
        check_article(&article);
    }
}

/// A JSON Lines file: at most one article or error per line.
pub fn read_jsonl(data: &[u8]) {
    let items = read_file(Format::JsonLines, "jsonl", data);
    let lines = data.split(|&b| b == b'\n').count();
    assert!(
        items.len() <= lines,
        "{} records from {lines} lines",
        items.len()
    );
    for article in items.into_iter().flatten() {
        check_article(&article);
        let line = article.line.expect("a record knows its line");
        assert!((1..=lines).contains(&line), "line {line} of {lines}");
    }
}

/// A CSV file.
pub fn read_csv(data: &[u8]) {
    for article in read_file(Format::Csv, "csv", data).into_iter().flatten() {
        check_article(&article);
    }
}

/// The date parsers: the first line is a publication date as a header or field gives it;
/// every date expression in the rest is resolved against it and against no date.
pub fn dates(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let (head, body) = s.split_once('\n').unwrap_or((&s, ""));
    let published = ingest::parse_date_field(head);
    let _ = publication_date(body);
    let _ = ingest::dateline_of(body);
    if let Some(p) = PartialDate::parse(head.trim()) {
        let (first, last) = (p.first_day(), p.last_day());
        if let (Some(a), Some(b)) = (first, last) {
            assert!(a <= b, "{p}: first day {a} after last day {b}");
        }
        let _ = p.to_string();
    }
    for d in find_dates(body, Span::new(0, body.len())) {
        check_span(body, d.span, "date expression");
        for resolved in [d.resolve(published), d.resolve(None)]
            .into_iter()
            .flatten()
        {
            let _ = resolved.to_string();
            let _ = rdf::date_literal(&resolved);
        }
    }
}

/// Writes `data` to a file of the given extension and reads it with the reader for
/// `format`, as `newskg build` would.
fn read_file(format: Format, ext: &str, data: &[u8]) -> Vec<Result<Article, newskg::Error>> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("newskg-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("a scratch folder");
        d
    });
    // One file per thread: the test harness runs tests in parallel.
    let name = format!("{:?}", std::thread::current().id())
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>();
    let path = dir.join(format!("input-{name}.{ext}"));
    std::fs::write(&path, data).expect("the scratch file is written");
    let file = InputFile {
        path: path.clone(),
        id: format!("input.{ext}"),
        format,
    };
    let items: Vec<_> = ingest::read(&file).collect();
    let _ = std::fs::remove_file(&path);
    items
}

/// What every article a reader returns must satisfy.
pub fn check_article(a: &Article) {
    assert!(
        !a.text.trim().is_empty(),
        "an article without text was returned"
    );
    assert!(!a.id.is_empty(), "an article without an id was returned");
    if let Some(t) = &a.title {
        assert!(!t.trim().is_empty(), "an empty title");
    }
}

/// Asserts that `span` lies inside `text` and on `char` boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {}..{} outside the text (length {})",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {}..{} not on char boundaries",
        span.start,
        span.end
    );
}

/// The extractor's invariants: every span inside the text and on char boundaries, every
/// mention inside its sentence, every index pointing at an entity or sentence.
pub fn check_extraction(article: &Article, ex: &Extraction) {
    let text = article.text.as_str();
    let mut prev_end = 0;
    for (i, s) in ex.sentences.iter().enumerate() {
        check_span(text, s.span, "sentence");
        assert!(!s.span.is_empty(), "sentence {i} is empty");
        assert!(
            s.span.start >= prev_end,
            "sentence {i} overlaps the one before"
        );
        prev_end = s.span.end;
    }
    let n_ent = ex.entities.len();
    for m in &ex.mentions {
        check_span(text, m.span, "mention");
        assert!(!m.span.is_empty(), "empty mention ({})", m.rule);
        assert!(
            m.entity < n_ent,
            "mention of entity {} of {n_ent}",
            m.entity
        );
        let s = ex.sentences.get(m.sentence).unwrap_or_else(|| {
            panic!(
                "mention in sentence {} of {}",
                m.sentence,
                ex.sentences.len()
            )
        });
        assert!(
            s.span.contains(m.span),
            "mention {:?} ({}) outside its sentence {:?}",
            m.span,
            m.rule,
            s.span
        );
    }
    for e in &ex.entities {
        assert!(!e.id.is_empty(), "an entity without id");
        if let Some(l) = e.located_in {
            assert!(l < n_ent, "located in entity {l} of {n_ent}");
        }
    }
    for a in &ex.attacks {
        check_span(text, a.evidence, "evidence");
        assert!(
            a.sentence < ex.sentences.len(),
            "attack in sentence {} of {}",
            a.sentence,
            ex.sentences.len()
        );
        for (role, i) in [
            ("attacker", a.attacker),
            ("target", a.target),
            ("place", a.place),
        ] {
            if let Some(i) = i {
                assert!(i < n_ent, "{role} is entity {i} of {n_ent}");
            }
        }
        assert!(
            a.confidence.is_finite() && (0.0..=1.0).contains(&a.confidence),
            "confidence {}",
            a.confidence
        );
    }
}

/// The quads `newskg build` would store: every IRI must parse as an IRI.
pub fn check_quads(article: &Article, ex: &Extraction) {
    let quads = rdf::article_quads(article, ex, "0");
    let valid = |n: &NamedNode| {
        assert!(
            NamedNode::new(n.as_str()).is_ok(),
            "minted an invalid IRI <{}>",
            n.as_str()
        )
    };
    for q in &quads {
        if let NamedOrBlankNode::NamedNode(n) = &q.subject {
            valid(n);
        }
        valid(&q.predicate);
        if let Term::NamedNode(n) = &q.object {
            valid(n);
        }
        if let oxigraph::model::GraphName::NamedNode(n) = &q.graph_name {
            valid(n);
        }
    }
}
