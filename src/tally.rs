//! Running totals of what a store holds, kept beside it so that `stats` and the build
//! summary read a few numbers instead of scanning millions of quads.
//!
//! The totals mean what the corresponding SPARQL says: articles are the graphs typed
//! `nkg:Article`; attacks are the distinct `nkg:Attack` nodes of any article graph (one
//! attack told by several articles counts once); reports are the `nkg:Report` nodes;
//! entities are the distinct entities some article `nkg:mentions`, by the `nkg:kind` its
//! graph gives them; quads are all quads of all graphs. A build keeps them up to date as it
//! adds and replaces graphs: each distinct attack and entity carries the number of article
//! graphs holding it, so a replaced article gives back exactly what it had added.

use crate::rdf::vocab::{NKG_ARTICLE, NKG_ATTACK, NKG_KIND, NKG_MENTIONS, NKG_REPORT_CLASS};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedOrBlankNodeRef, QuadRef, TermRef};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The figures `stats` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub quads: u64,
    pub articles: u64,
    pub attacks: u64,
    pub reports: u64,
    /// Distinct mentioned entities by kind.
    pub kinds: BTreeMap<String, u64>,
}

impl Totals {
    pub fn entities(&self) -> u64 {
        self.kinds.values().sum()
    }
}

/// The totals and the counts behind the distinct ones.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub quads: u64,
    articles: u64,
    reports: u64,
    /// (entity IRI, kind) → article graphs mentioning it with that kind.
    entities: HashMap<(Box<str>, Box<str>), u32>,
    /// Attack IRI → article graphs holding it.
    attacks: HashMap<Box<str>, u32>,
}

/// What one article graph adds to the totals.
#[derive(Debug, Default)]
struct GraphCounts {
    article: bool,
    reports: u64,
    attacks: Vec<Box<str>>,
    mentions: Vec<Box<str>>,
    kinds: HashMap<Box<str>, Box<str>>,
}

fn subject_iri<'a>(s: NamedOrBlankNodeRef<'a>) -> Option<&'a str> {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn read_graph<'a>(graph: &str, quads: impl IntoIterator<Item = QuadRef<'a>>) -> GraphCounts {
    let mut g = GraphCounts::default();
    for q in quads {
        let p = q.predicate.as_str();
        if p == rdf::TYPE.as_str() {
            if let TermRef::NamedNode(class) = q.object {
                match class.as_str() {
                    NKG_ARTICLE if subject_iri(q.subject) == Some(graph) => g.article = true,
                    NKG_ATTACK => {
                        if let Some(s) = subject_iri(q.subject) {
                            g.attacks.push(s.into());
                        }
                    }
                    NKG_REPORT_CLASS => g.reports += 1,
                    _ => {}
                }
            }
        } else if p == NKG_MENTIONS {
            if let (Some(graph_iri), TermRef::NamedNode(e)) = (subject_iri(q.subject), q.object) {
                if graph_iri == graph {
                    g.mentions.push(e.as_str().into());
                }
            }
        } else if p == NKG_KIND {
            if let (Some(e), TermRef::Literal(k)) = (subject_iri(q.subject), q.object) {
                g.kinds.insert(e.into(), k.value().into());
            }
        }
    }
    g.attacks.sort_unstable();
    g.attacks.dedup();
    g.mentions.sort_unstable();
    g.mentions.dedup();
    g
}

impl Tally {
    /// Counts an article graph in (`add`) or out (`!add`). Only the article figures: the
    /// caller counts quads, for every graph.
    pub fn count_article<'a>(
        &mut self,
        graph: &str,
        quads: impl IntoIterator<Item = QuadRef<'a>>,
        add: bool,
    ) {
        let g = read_graph(graph, quads);
        let step = |n: &mut u64, by: u64| *n = if add { *n + by } else { n.saturating_sub(by) };
        step(&mut self.articles, u64::from(g.article));
        step(&mut self.reports, g.reports);
        for a in g.attacks {
            bump(&mut self.attacks, a, add);
        }
        for e in g.mentions {
            if let Some(kind) = g.kinds.get(&e) {
                bump(&mut self.entities, (e, kind.clone()), add);
            }
        }
    }

    pub fn totals(&self) -> Totals {
        let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
        for (_, kind) in self.entities.keys() {
            *kinds.entry(kind.to_string()).or_default() += 1;
        }
        Totals {
            quads: self.quads,
            articles: self.articles,
            attacks: self.attacks.len() as u64,
            reports: self.reports,
            kinds,
        }
    }

    /// The tally as stored: the totals that are not counts of distinct nodes, and the
    /// distinct nodes with their counts.
    pub fn to_json(&self) -> serde_json::Value {
        let mut entities: Vec<(&str, &str, u32)> = self
            .entities
            .iter()
            .map(|((e, k), n)| (&**e, &**k, *n))
            .collect();
        entities.sort_unstable();
        let mut attacks: Vec<(&str, u32)> = self.attacks.iter().map(|(a, n)| (&**a, *n)).collect();
        attacks.sort_unstable();
        serde_json::json!({
            "quads": self.quads,
            "articles": self.articles,
            "reports": self.reports,
            "entities": entities,
            "attacks": attacks,
        })
    }

    /// A tally from counts made elsewhere: entities as (IRI, kind, article graphs), attacks
    /// as (IRI, article graphs).
    pub fn from_counts(
        quads: u64,
        articles: u64,
        reports: u64,
        entities: impl IntoIterator<Item = (String, String, u32)>,
        attacks: impl IntoIterator<Item = (String, u32)>,
    ) -> Tally {
        Tally {
            quads,
            articles,
            reports,
            entities: entities
                .into_iter()
                .map(|(e, k, n)| ((e.into(), k.into()), n))
                .collect(),
            attacks: attacks.into_iter().map(|(a, n)| (a.into(), n)).collect(),
        }
    }

    pub fn from_json(v: &serde_json::Value) -> Option<Tally> {
        let mut t = Tally {
            quads: v.get("quads")?.as_u64()?,
            articles: v.get("articles")?.as_u64()?,
            reports: v.get("reports")?.as_u64()?,
            ..Tally::default()
        };
        for e in v.get("entities")?.as_array()? {
            let e = e.as_array()?;
            let (iri, kind, n) = (
                e.first()?.as_str()?,
                e.get(1)?.as_str()?,
                e.get(2)?.as_u64()?,
            );
            t.entities
                .insert((iri.into(), kind.into()), u32::try_from(n).ok()?);
        }
        for a in v.get("attacks")?.as_array()? {
            let a = a.as_array()?;
            let (iri, n) = (a.first()?.as_str()?, a.get(1)?.as_u64()?);
            t.attacks.insert(iri.into(), u32::try_from(n).ok()?);
        }
        Some(t)
    }
}

fn bump<K: std::hash::Hash + Eq>(map: &mut HashMap<K, u32>, key: K, add: bool) {
    if add {
        *map.entry(key).or_default() += 1;
    } else if let Some(n) = map.get_mut(&key) {
        *n -= 1;
        if *n == 0 {
            map.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::vocab::{ID, NKG_ARTICLE, NKG_ATTACK};
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    fn article(id: &str, attacks: &[&str], mentions: &[(&str, &str)]) -> (String, Vec<Quad>) {
        let g = format!("{ID}article/{id}");
        let gn = NamedNode::new_unchecked(&g);
        let graph = GraphName::NamedNode(gn.clone());
        let ty = NamedNode::new_unchecked(rdf::TYPE.as_str());
        let mut q = vec![Quad::new(
            gn.clone(),
            ty.clone(),
            NamedNode::new_unchecked(NKG_ARTICLE),
            graph.clone(),
        )];
        for a in attacks {
            let a = NamedNode::new_unchecked(format!("{ID}attack/{a}"));
            q.push(Quad::new(
                a.clone(),
                ty.clone(),
                NamedNode::new_unchecked(NKG_ATTACK),
                graph.clone(),
            ));
            let r = NamedNode::new_unchecked(format!("{g}/report/{}", q.len()));
            q.push(Quad::new(
                r,
                ty.clone(),
                NamedNode::new_unchecked(NKG_REPORT_CLASS),
                graph.clone(),
            ));
        }
        for (e, kind) in mentions {
            let e = NamedNode::new_unchecked(format!("{ID}{e}"));
            q.push(Quad::new(
                gn.clone(),
                NamedNode::new_unchecked(NKG_MENTIONS),
                e.clone(),
                graph.clone(),
            ));
            q.push(Quad::new(
                e,
                NamedNode::new_unchecked(NKG_KIND),
                Literal::new_simple_literal(*kind),
                graph.clone(),
            ));
        }
        (g, q)
    }

    #[test]
    fn shared_nodes_count_once_and_leave_with_their_last_article() {
        let a = article(
            "a",
            &["x", "y"],
            &[
                ("actor/isis", "armed-group"),
                ("place/kirkuk", "settlement"),
            ],
        );
        let b = article("b", &["x"], &[("actor/isis", "armed-group")]);
        let mut t = Tally::default();
        t.count_article(&a.0, a.1.iter().map(|q| q.as_ref()), true);
        t.count_article(&b.0, b.1.iter().map(|q| q.as_ref()), true);
        let tot = t.totals();
        assert_eq!((tot.articles, tot.attacks, tot.reports), (2, 2, 3));
        assert_eq!(tot.kinds.get("armed-group"), Some(&1));
        assert_eq!(tot.entities(), 2);
        // Through the stored form and back, then the first article replaced by nothing.
        let mut t = Tally::from_json(&t.to_json()).unwrap();
        t.count_article(&a.0, a.1.iter().map(|q| q.as_ref()), false);
        let tot = t.totals();
        assert_eq!((tot.articles, tot.attacks, tot.reports), (1, 1, 1));
        assert_eq!(tot.kinds.get("settlement"), None);
        assert_eq!(tot.kinds.get("armed-group"), Some(&1));
        t.count_article(&b.0, b.1.iter().map(|q| q.as_ref()), false);
        assert_eq!(t.totals(), Totals::default());
    }

    #[test]
    fn only_the_graph_itself_is_the_article() {
        // A mention by another subject is not the article's mention.
        let (g, mut q) = article("c", &[], &[]);
        let other = NamedNode::new_unchecked(format!("{ID}article/d"));
        q.push(Quad::new(
            other,
            NamedNode::new_unchecked(NKG_MENTIONS),
            NamedNode::new_unchecked(format!("{ID}actor/x")),
            GraphName::NamedNode(NamedNode::new_unchecked(&g)),
        ));
        let mut t = Tally::default();
        t.count_article(&g, q.iter().map(|q| q.as_ref()), true);
        assert_eq!(t.totals().articles, 1);
        assert_eq!(t.totals().entities(), 0);
    }
}
