//! RDF stage: the vocabulary, IRI minting, and the translation of an extraction into quads.
//!
//! Every fact of an article goes into one named graph, the article's IRI. Entity IRIs come
//! from the lexicon or from the folded name (see `text::name_key`), so spellings meet in one
//! node. An attack's IRI comes from its attacker, place and date when all three are known,
//! so that the same attack reported by several articles is one node; each article's account
//! of it is a report node (evidence sentence, offsets, rule, confidence) in its own graph.
//!
//! This module only builds values; writing them is the store's job.

pub mod lexicon;
pub mod vocab;

use crate::extract::{Attack, Extraction, Kind};
use crate::ingest::Article;
use crate::text::dates::PartialDate;
use crate::text::name_key;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeSet, HashMap};
use vocab::*;

/// The IRI of an entity from its id (`actor/islamic-state`).
pub fn entity_iri(id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID}{}", encode_path(id)))
}

/// The IRI of an article, which is also the name of its graph.
pub fn article_iri(article_id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID}article/{}", encode_path(article_id)))
}

/// The article id back from an article IRI.
pub fn article_id_of(iri: &str) -> Option<String> {
    let rest = iri.strip_prefix(ID)?.strip_prefix("article/")?;
    Some(decode_path(rest))
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode_path(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The IRI an attack gets: shared across articles when attacker, place and date are known.
pub fn attack_iri(
    article_id: &str,
    index: usize,
    attacker: Option<&str>,
    place: Option<&str>,
    date: Option<PartialDate>,
) -> NamedNode {
    let key = match (attacker, place, date) {
        (Some(a), Some(p), Some(d)) => format!("{a}|{p}|{d}"),
        _ => format!("article|{article_id}|{index}"),
    };
    let h = blake3::hash(key.as_bytes()).to_hex();
    NamedNode::new_unchecked(format!("{ID}attack/{}", &h.as_str()[..20]))
}

/// The typed literal of a partial date: `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`.
pub fn date_literal(d: &PartialDate) -> Literal {
    let dt = match (d.month, d.day) {
        (Some(_), Some(_)) => xsd::DATE,
        (Some(_), None) => xsd::G_YEAR_MONTH,
        _ => xsd::G_YEAR,
    };
    Literal::new_typed_literal(d.to_string(), dt)
}

fn int(v: u64) -> Literal {
    Literal::new_typed_literal(v.to_string(), xsd::INTEGER)
}

/// Collects the quads of one graph.
pub struct QuadSink {
    graph: GraphName,
    pub quads: Vec<Quad>,
}

impl QuadSink {
    pub fn new(graph: impl Into<GraphName>) -> Self {
        QuadSink {
            graph: graph.into(),
            quads: Vec::new(),
        }
    }

    pub fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            s,
            NamedNode::new_unchecked(p),
            o,
            self.graph.clone(),
        ));
    }

    pub fn add_type(&mut self, s: impl Into<NamedOrBlankNode>, class: &str) {
        self.quads.push(Quad::new(
            s,
            rdf::TYPE.into_owned(),
            NamedNode::new_unchecked(class),
            self.graph.clone(),
        ));
    }
}

/// The quads of one article: the article node, its mentions, the entities it names (their
/// labels and lookup keys; lexicon facts live in the lexicon graph) and its attacks.
pub fn article_quads(article: &Article, ex: &Extraction, content_hash: &str) -> Vec<Quad> {
    let art = article_iri(&article.id);
    let mut g = QuadSink::new(art.clone());
    g.add_type(art.clone(), NKG_ARTICLE);
    g.add(
        art.clone(),
        NKG_ARTICLE_ID,
        Literal::new_simple_literal(&article.id),
    );
    g.add(
        art.clone(),
        NKG_SOURCE_FILE,
        Literal::new_simple_literal(&article.file),
    );
    g.add(
        art.clone(),
        NKG_CONTENT_HASH,
        Literal::new_simple_literal(content_hash),
    );
    if let Some(t) = &article.title {
        g.add(art.clone(), DCT_TITLE, Literal::new_simple_literal(t));
    }
    if let Some(d) = article.date {
        g.add(
            art.clone(),
            DCT_DATE,
            Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE),
        );
    }
    if let Some(u) = &article.url {
        g.add(
            art.clone(),
            DCT_SOURCE,
            Literal::new_typed_literal(u, xsd::ANY_URI),
        );
    }
    // Entities: each mentioned once; unknown ones described here.
    let iris: Vec<NamedNode> = ex.entities.iter().map(|e| entity_iri(&e.id)).collect();
    let mentioned: BTreeSet<usize> = ex
        .mentions
        .iter()
        .map(|m| m.entity)
        .chain(
            ex.attacks
                .iter()
                .flat_map(|a| [a.attacker, a.place, a.target])
                .flatten(),
        )
        .collect();
    // How each entity is written in this article: its most frequent spelling here.
    let mut spellings: HashMap<(usize, &str), usize> = HashMap::new();
    for m in &ex.mentions {
        *spellings
            .entry((m.entity, m.span.of(&article.text).trim()))
            .or_default() += 1;
    }
    let mut written: HashMap<usize, (&str, usize)> = HashMap::new();
    for (&(e, s), &n) in &spellings {
        let best = written.entry(e).or_insert((s, n));
        if n > best.1 || (n == best.1 && s < best.0) {
            *best = (s, n);
        }
    }
    for &i in &mentioned {
        let e = &ex.entities[i];
        g.add(art.clone(), NKG_MENTIONS, iris[i].clone());
        let as_written = written.get(&i).map(|w| w.0).unwrap_or(&e.label);
        g.add(
            iris[i].clone(),
            NKG_WRITTEN_AS,
            Literal::new_simple_literal(as_written),
        );
        if e.lexicon.is_none() {
            describe_entity(&mut g, &iris[i], e.kind, &e.label, &e.surfaces);
            if let Some(c) = e.located_in {
                g.add(iris[i].clone(), NKG_LOCATED_IN, iris[c].clone());
            }
        } else {
            // The lexicon graph describes known entities; each article graph repeats the
            // label and kind so that questions can read them per article.
            g.add_type(iris[i].clone(), &format!("{NKG}{}", e.kind.class()));
            g.add(
                iris[i].clone(),
                SKOS_PREF_LABEL,
                Literal::new_simple_literal(&e.label),
            );
            g.add(
                iris[i].clone(),
                NKG_KIND,
                Literal::new_simple_literal(e.kind.slug()),
            );
        }
    }
    for (n, m) in ex.mentions.iter().enumerate() {
        let node = NamedNode::new_unchecked(format!("{}#m{n}", art.as_str()));
        g.add(node.clone(), NKG_MENTION_OF, iris[m.entity].clone());
        g.add(node.clone(), NKG_START, int(m.span.start as u64));
        g.add(node, NKG_END, int(m.span.end as u64));
    }
    // Attacks: one node per distinct IRI.
    let mut by_iri: HashMap<String, usize> = HashMap::new();
    for (n, a) in ex.attacks.iter().enumerate() {
        let attacker = a.attacker.map(|i| ex.entities[i].id.as_str());
        let place = a.place.map(|i| ex.entities[i].id.as_str());
        let iri = attack_iri(&article.id, n, attacker, place, a.date);
        if by_iri.contains_key(iri.as_str()) {
            continue;
        }
        by_iri.insert(iri.as_str().to_string(), n);
        attack_quads(&mut g, &art, &iri, n, a, ex, &iris, &article.text);
        let report = NamedNode::new_unchecked(format!("{}#report{n}", art.as_str()));
        let row = report_row(article, a, ex, &iris, |i| {
            written
                .get(&i)
                .map(|w| w.0)
                .unwrap_or(&ex.entities[i].label)
        });
        g.add(
            report,
            NKG_ROW,
            Literal::new_simple_literal(row.to_string()),
        );
    }
    g.quads
}

/// The who-attacked-where row of one report, as the question's query would compute it from
/// the article graph (see queries/who-attacked-where.rq), with the IRIs and date bounds its
/// filters need. `written` gives how the article writes an entity.
fn report_row<'a>(
    article: &Article,
    a: &Attack,
    ex: &'a Extraction,
    iris: &[NamedNode],
    written: impl Fn(usize) -> &'a str,
) -> serde_json::Value {
    let label = |i: usize| ex.entities[i].label.as_str();
    let (begin, end) = match &a.date {
        Some(d) => match (d.first_day(), d.last_day()) {
            (Some(s), Some(e)) => (
                Some(s.format("%Y-%m-%d").to_string()),
                Some(e.format("%Y-%m-%d").to_string()),
            ),
            _ => (None, None),
        },
        None => (None, None),
    };
    serde_json::json!({
        "article": article.id,
        "attacker": a.attacker.map(label),
        "attacker_iri": a.attacker.map(|i| iris[i].as_str()),
        "target": a.target.map(label).or(a.target_text.as_deref()),
        "place": a.place.map(written),
        "place_iri": a.place.map(|i| iris[i].as_str()),
        "date": a.date.as_ref().map(|d| d.to_string()),
        "begin": begin,
        "end": end,
        "killed": a.killed,
        "wounded": a.wounded,
        "weapon": a.weapon,
        "evidence": a.evidence.of(&article.text),
        "start": a.evidence.start,
        "confidence": format!("{:.2}", a.confidence),
    })
}

/// Type, label, kind, spellings and lookup keys of an entity.
pub fn describe_entity(
    g: &mut QuadSink,
    iri: &NamedNode,
    kind: Kind,
    label: &str,
    aliases: &[String],
) {
    g.add_type(iri.clone(), &format!("{NKG}{}", kind.class()));
    g.add(
        iri.clone(),
        SKOS_PREF_LABEL,
        Literal::new_simple_literal(label),
    );
    g.add(
        iri.clone(),
        NKG_KIND,
        Literal::new_simple_literal(kind.slug()),
    );
    let mut keys: BTreeSet<String> = BTreeSet::new();
    keys.insert(name_key(label));
    let mut alts: BTreeSet<&str> = BTreeSet::new();
    for a in aliases {
        if a != label {
            alts.insert(a);
        }
        keys.insert(name_key(a));
    }
    for a in alts {
        g.add(iri.clone(), SKOS_ALT_LABEL, Literal::new_simple_literal(a));
    }
    for k in keys {
        if !k.is_empty() {
            g.add(iri.clone(), NKG_KEY, Literal::new_simple_literal(k));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn attack_quads(
    g: &mut QuadSink,
    art: &NamedNode,
    iri: &NamedNode,
    n: usize,
    a: &Attack,
    ex: &Extraction,
    iris: &[NamedNode],
    text: &str,
) {
    g.add_type(iri.clone(), NKG_ATTACK);
    g.add_type(iri.clone(), SEM_EVENT);
    if let Some(i) = a.attacker {
        g.add(iri.clone(), NKG_ATTACKER, iris[i].clone());
        g.add(iri.clone(), SEM_HAS_ACTOR, iris[i].clone());
    }
    if let Some(i) = a.target {
        g.add(iri.clone(), NKG_TARGET, iris[i].clone());
    }
    if let Some(t) = &a.target_text {
        g.add(
            iri.clone(),
            NKG_TARGET_DESCRIPTION,
            Literal::new_simple_literal(t),
        );
    }
    if let Some(i) = a.place {
        g.add(iri.clone(), NKG_PLACE, iris[i].clone());
        g.add(iri.clone(), SEM_HAS_PLACE, iris[i].clone());
    }
    if let Some(d) = &a.date {
        g.add(iri.clone(), SEM_HAS_TIMESTAMP, date_literal(d));
        if let (Some(s), Some(e)) = (d.first_day(), d.last_day()) {
            g.add(
                iri.clone(),
                SEM_HAS_BEGIN_TIMESTAMP,
                Literal::new_typed_literal(s.format("%Y-%m-%d").to_string(), xsd::DATE),
            );
            g.add(
                iri.clone(),
                SEM_HAS_END_TIMESTAMP,
                Literal::new_typed_literal(e.format("%Y-%m-%d").to_string(), xsd::DATE),
            );
        }
    }
    if let Some(w) = a.weapon {
        g.add(iri.clone(), NKG_WEAPON, Literal::new_simple_literal(w));
    }
    if let Some(k) = a.killed {
        g.add(iri.clone(), NKG_KILLED, int(k as u64));
    }
    if let Some(k) = a.wounded {
        g.add(iri.clone(), NKG_WOUNDED, int(k as u64));
    }
    g.add(iri.clone(), PROV_WAS_DERIVED_FROM, art.clone());
    let report = NamedNode::new_unchecked(format!("{}#report{n}", art.as_str()));
    g.add(iri.clone(), NKG_REPORT, report.clone());
    g.add_type(report.clone(), NKG_REPORT_CLASS);
    g.add(
        report.clone(),
        NKG_EVIDENCE,
        Literal::new_simple_literal(a.evidence.of(text)),
    );
    g.add(report.clone(), NKG_START, int(a.evidence.start as u64));
    g.add(report.clone(), NKG_END, int(a.evidence.end as u64));
    g.add(
        report.clone(),
        NKG_RULE,
        Literal::new_simple_literal(a.rule),
    );
    g.add(
        report.clone(),
        NKG_CONFIDENCE,
        Literal::new_typed_literal(format!("{:.2}", a.confidence), xsd::DECIMAL),
    );
    g.add(report, PROV_WAS_DERIVED_FROM, art.clone());
    let _ = ex;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_iris_round_trip() {
        for id in ["001.txt", "sub dir/a b.txt", "feed.jsonl#12", "ünï.txt"] {
            let iri = article_iri(id);
            assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            assert_eq!(article_id_of(iri.as_str()).as_deref(), Some(id));
        }
    }

    #[test]
    fn attack_iris_are_shared_only_when_fully_known() {
        let d = PartialDate::parse("2024-07-16");
        let a = attack_iri("a.txt", 0, Some("actor/x"), Some("base/y"), d);
        let b = attack_iri("b.txt", 3, Some("actor/x"), Some("base/y"), d);
        assert_eq!(a, b);
        let c = attack_iri("a.txt", 0, None, Some("base/y"), d);
        let e = attack_iri("b.txt", 0, None, Some("base/y"), d);
        assert_ne!(c, e);
    }
}
