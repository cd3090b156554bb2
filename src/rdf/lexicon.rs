//! The lexicon files: Turtle in, plain `Lexicon` values out, and the lexicon's quads for the
//! store (labels, lookup keys, hierarchy and GeoSPARQL geometry).
//!
//! The shipped files (`ontology/lexicon/*.ttl`) are compiled into the binary; users add their
//! own with `--lexicon FILE`.

use super::vocab::*;
use super::{entity_iri, QuadSink};
use crate::error::{Error, Result};
use crate::extract::{Kind, LexEntry, Lexicon};
use crate::text::name_key;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The ontology, as shipped.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/newskg.ttl");

/// The shipped lexicon files: (file name, contents).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "actors.ttl",
        include_str!("../../ontology/lexicon/actors.ttl"),
    ),
    (
        "people.ttl",
        include_str!("../../ontology/lexicon/people.ttl"),
    ),
    (
        "bases.ttl",
        include_str!("../../ontology/lexicon/bases.ttl"),
    ),
    (
        "places.ttl",
        include_str!("../../ontology/lexicon/places.ttl"),
    ),
    (
        "operations.ttl",
        include_str!("../../ontology/lexicon/operations.ttl"),
    ),
    (
        "weapons.ttl",
        include_str!("../../ontology/lexicon/weapons.ttl"),
    ),
    (
        "populations.ttl",
        include_str!("../../ontology/lexicon/populations.ttl"),
    ),
    (
        "geonames.ttl",
        include_str!("../../ontology/lexicon/geonames.ttl"),
    ),
    (
        "world.ttl",
        include_str!("../../ontology/lexicon/world.ttl"),
    ),
];

/// A lexicon and the hash of the files it was read from.
pub struct LoadedLexicon {
    pub lexicon: Lexicon,
    /// BLAKE3 of every file read, in order; part of each article's content hash.
    pub hash: String,
}

/// Reads the shipped lexicon and then each extra file.
pub fn load(extra: &[impl AsRef<Path>]) -> Result<LoadedLexicon> {
    let mut entries = Vec::new();
    let mut hasher = blake3::Hasher::new();
    for (name, ttl) in SHIPPED {
        hasher.update(name.as_bytes());
        hasher.update(ttl.as_bytes());
        entries.extend(parse(name, ttl)?);
    }
    for path in extra {
        let path = path.as_ref();
        let ttl = std::fs::read_to_string(path).map_err(|e| Error::Lexicon {
            file: path.display().to_string(),
            reason: crate::ingest::describe_io(&e),
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        hasher.update(name.as_bytes());
        hasher.update(ttl.as_bytes());
        entries.extend(parse(&name, &ttl)?);
    }
    Ok(LoadedLexicon {
        lexicon: Lexicon::new(entries),
        hash: hasher.finalize().to_hex().to_string(),
    })
}

/// Parses one lexicon file into entries.
pub fn parse(file: &str, ttl: &str) -> Result<Vec<LexEntry>> {
    let mut by_subject: BTreeMap<String, LexEntry> = BTreeMap::new();
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
        let q = q.map_err(|e| Error::Lexicon {
            file: file.to_string(),
            reason: e.to_string(),
        })?;
        let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let Some(id) = s.as_str().strip_prefix(ID) else {
            continue;
        };
        let e = by_subject
            .entry(id.to_string())
            .or_insert_with(|| LexEntry {
                id: id.to_string(),
                source: file.to_string(),
                ..LexEntry::default()
            });
        let p = q.predicate.as_str();
        let lit = |t: &Term| match t {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        };
        let iri_id = |t: &Term| match t {
            Term::NamedNode(n) => n.as_str().strip_prefix(ID).map(str::to_string),
            _ => None,
        };
        if p == rdf::TYPE.as_str() {
            if let Term::NamedNode(c) = &q.object {
                if let Some(local) = c.as_str().strip_prefix(NKG) {
                    match Kind::from_class(local) {
                        Some(k) => e.kind = Some(k),
                        None => {
                            return Err(Error::Lexicon {
                                file: file.to_string(),
                                reason: format!("<{}>: unknown class nkg:{local}", s.as_str()),
                            })
                        }
                    }
                }
            }
        } else if p == SKOS_PREF_LABEL {
            if let Some(v) = lit(&q.object) {
                if e.label.is_empty() {
                    e.label = v;
                } else if e.label != v {
                    e.aliases.push(v);
                }
            }
        } else if p == SKOS_ALT_LABEL {
            if let Some(v) = lit(&q.object) {
                e.aliases.push(v);
            }
        } else if p == NKG_LOCATED_IN {
            e.located_in = iri_id(&q.object);
        } else if p == NKG_COUNTRY {
            e.country = iri_id(&q.object);
        } else if p == NKG_PART_OF {
            e.part_of = iri_id(&q.object);
        } else if p == WGS_LAT {
            e.lat = lit(&q.object).and_then(|v| v.parse().ok());
        } else if p == WGS_LONG {
            e.long = lit(&q.object).and_then(|v| v.parse().ok());
        } else if p == NKG_POPULATION {
            e.population = lit(&q.object).and_then(|v| v.parse().ok());
        } else if p == NKG_ROLE {
            e.role = lit(&q.object);
        } else if p == NKG_WEAK {
            e.weak = lit(&q.object)
                .map(|v| v == "true" || v == "1")
                .unwrap_or(false);
        }
    }
    let mut out = Vec::with_capacity(by_subject.len());
    for (id, e) in by_subject {
        if e.kind.is_none() {
            return Err(Error::Lexicon {
                file: file.to_string(),
                reason: format!("<{ID}{id}> has no nkg class (a nkg:ArmedGroup, nkg:Base, ...)"),
            });
        }
        if e.label.is_empty() {
            return Err(Error::Lexicon {
                file: file.to_string(),
                reason: format!("<{ID}{id}> has no skos:prefLabel"),
            });
        }
        out.push(e);
    }
    Ok(out)
}

/// The quads of the lexicon graph: every entry with its names, lookup keys, hierarchy,
/// coordinates (WGS84 and a GeoSPARQL WKT point) and source file, plus the lexicon's hash.
pub fn lexicon_quads(lexicon: &Lexicon, hash: &str) -> Vec<Quad> {
    let graph = NamedNode::new_unchecked(LEXICON_GRAPH);
    let mut g = QuadSink::new(graph.clone());
    g.add(
        graph.clone(),
        NKG_CONTENT_HASH,
        Literal::new_simple_literal(hash),
    );
    for e in &lexicon.entries {
        let iri = entity_iri(&e.id);
        let kind = e.kind();
        g.add_type(iri.clone(), &format!("{NKG}{}", kind.class()));
        g.add(
            iri.clone(),
            SKOS_PREF_LABEL,
            Literal::new_simple_literal(&e.label),
        );
        g.add(
            iri.clone(),
            NKG_KIND,
            Literal::new_simple_literal(kind.slug()),
        );
        g.add(
            iri.clone(),
            NKG_LEXICON,
            Literal::new_simple_literal(&e.source),
        );
        let mut alts: BTreeSet<&str> = BTreeSet::new();
        let mut keys: BTreeSet<String> = BTreeSet::new();
        keys.insert(name_key(&e.label));
        for a in &e.aliases {
            if a != &e.label {
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
        if let Some(p) = &e.located_in {
            g.add(iri.clone(), NKG_LOCATED_IN, entity_iri(p));
        }
        if let Some(c) = &e.country {
            g.add(iri.clone(), NKG_COUNTRY, entity_iri(c));
        }
        if let Some(p) = &e.part_of {
            g.add(iri.clone(), NKG_PART_OF, entity_iri(p));
        }
        if let Some(r) = &e.role {
            g.add(iri.clone(), NKG_ROLE, Literal::new_simple_literal(r));
        }
        if let Some(p) = e.population {
            g.add(
                iri.clone(),
                NKG_POPULATION,
                Literal::new_typed_literal(p.to_string(), xsd::INTEGER),
            );
        }
        if let (Some(lat), Some(long)) = (e.lat, e.long) {
            g.add(
                iri.clone(),
                WGS_LAT,
                Literal::new_typed_literal(format!("{lat}"), xsd::DECIMAL),
            );
            g.add(
                iri.clone(),
                WGS_LONG,
                Literal::new_typed_literal(format!("{long}"), xsd::DECIMAL),
            );
            let geom = NamedNode::new_unchecked(format!("{}#geometry", iri.as_str()));
            g.add(iri.clone(), GEO_HAS_GEOMETRY, geom.clone());
            g.add_type(geom.clone(), GEO_GEOMETRY);
            g.add(
                geom,
                GEO_AS_WKT,
                Literal::new_typed_literal(
                    format!("POINT({long} {lat})"),
                    NamedNode::new_unchecked(GEO_WKT_LITERAL),
                ),
            );
        }
    }
    g.quads
}

/// The ontology's quads, in the ontology graph.
pub fn ontology_quads() -> Result<Vec<Quad>> {
    RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(NamedNode::new_unchecked(ONTOLOGY_GRAPH))
        .for_slice(ONTOLOGY_TTL.as_bytes())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::Lexicon {
            file: "newskg.ttl".into(),
            reason: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_an_entry() {
        let ttl = r#"@prefix nkg: <https://newskg.dev/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix base: <https://newskg.dev/id/base/> .
@prefix place: <https://newskg.dev/id/place/> .
base:x a nkg:Base ; skos:prefLabel "X Base" ; skos:altLabel "Camp X" ; nkg:locatedIn place:y ; wgs:lat 33.5 ; wgs:long 42.1 ; nkg:weak true ."#;
        let e = parse("t.ttl", ttl).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, "base/x");
        assert_eq!(e[0].kind, Some(Kind::Base));
        assert_eq!(e[0].aliases, vec!["Camp X".to_string()]);
        assert_eq!(e[0].located_in.as_deref(), Some("place/y"));
        assert_eq!(e[0].lat, Some(33.5));
        assert!(e[0].weak);
    }

    #[test]
    fn shipped_lexicon_loads() {
        let l = load(&[] as &[&str]).unwrap();
        assert!(l.lexicon.len() > 100);
        assert!(l.lexicon.get("actor/islamic-state").is_some());
    }

    #[test]
    fn rejects_unknown_class() {
        let ttl = r#"@prefix nkg: <https://newskg.dev/ontology#> .
<https://newskg.dev/id/actor/z> a nkg:Militia ."#;
        assert!(parse("bad.ttl", ttl).is_err());
    }
}
