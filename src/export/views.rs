//! The views: what of the store becomes nodes and edges.
//!
//! - `actors`: actors, places, bases and operations that articles mention; an edge from an
//!   attacker to each place it attacked (`attacked`: weight = attacks, killed, first and
//!   last date, sources) and to each actor it attacked (`targeted`).
//! - `attacks`: each attack as a node, with edges from its attacker (`attacker`) and to its
//!   target (`target`), place (`place`) and the articles that report it (`source`).
//! - `mentions`: undirected co-mention network of the entities named in the same articles
//!   (weight = articles).
//! - `full`: every resource of the article graphs as a node, every IRI-valued triple as an
//!   edge typed by its predicate (weight = graphs stating it), literals as node
//!   attributes. The lexicon and ontology graphs are left out: they describe thousands of
//!   entities no article names.
//! - `query`: the triples of a SPARQL CONSTRUCT, drawn like `full`.
//!
//! Filters (`--actor`, `--place`, `--from`, `--to`) select attacks exactly as `newskg ask`
//! does (any alias; a place includes what lies within it; a date range keeps attacks whose
//! period overlaps it). The graph views then keep what the selected attacks touch: `actors`
//! and `attacks` their nodes and edges, `mentions` and `full` the articles that report
//! them. A CONSTRUCT gets the filters as the variables `?actorKey`, `?placeKey`, `?from`
//! and `?to`, bound as in the questions.

use super::{node_id, AttrType, Edge, Node, Spell, Value, View};
use crate::error::{Error, Result};
use crate::query::questions::{Arguments, Question};
use crate::query::{compact, select_strings};
use crate::rdf::vocab::*;
use crate::store::{term_string, KgStore};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedNodeRef, Term};
use std::collections::{BTreeMap, BTreeSet};

/// Filters of an export, as given on the command line (names and dates as `ask` takes
/// them).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub actor: Option<String>,
    pub place: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The parameters filters bind, in `# param:` form.
const PARAMS: &str = "# param: actor ?actorKey
# param: place ?placeKey
# param: from ?from
# param: to ?to
";

/// The question the filters' parameters belong to: it names them, and checking its
/// bindings checks the names and dates. The selection itself is made by
/// `Filters::select`, over the attacks a view has read anyway.
const SELECTED_ATTACKS: &str = "SELECT DISTINCT ?attack WHERE {
  ?attack a nkg:Attack .
  FILTER(BOUND(?actorKey) || BOUND(?placeKey) || BOUND(?from) || BOUND(?to))
}";

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.actor.is_none() && self.place.is_none() && self.from.is_none() && self.to.is_none()
    }

    fn arguments(&self) -> Arguments {
        Arguments {
            actor: self.actor.clone(),
            place: self.place.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            min_confidence: None,
        }
    }

    /// Checks the names and dates, as `ask` does, without a store.
    pub fn check(&self) -> Result<()> {
        self.question("export", SELECTED_ATTACKS)
            .bindings(&self.arguments())
            .map(|_| ())
    }

    fn question(&self, name: &str, text: &str) -> Question {
        Question::from_text(name, &format!("{PARAMS}{text}"))
    }

    /// The IRIs of the attacks of `all` the filters select, or `None` without filters: an
    /// attacker with the --actor key, a place within the --place one, a period that
    /// reaches into --from .. --to. The entities with a key and the places within a place
    /// are looked up as `ask` looks them up; the attacks are then picked here. (Asking the
    /// engine for the attacks, each tested against the `locatedIn` path of its place, took
    /// minutes and gigabytes on a store of 100,000 articles.)
    fn select(
        &self,
        store: &KgStore,
        all: &BTreeMap<String, Attack>,
    ) -> Result<Option<BTreeSet<String>>> {
        if self.is_empty() {
            return Ok(None);
        }
        let q = self.question("export", SELECTED_ATTACKS);
        let f =
            crate::query::rows::Filter::resolve(store.store(), &q.bindings(&self.arguments())?)?;
        let any_in = |set: &Option<std::collections::HashSet<String>>, iris: &BTreeSet<String>| {
            set.as_ref()
                .is_none_or(|set| iris.iter().any(|i| set.contains(i)))
        };
        // ISO dates compare as text.
        Ok(Some(
            all.iter()
                .filter(|(_, a)| {
                    any_in(&f.actors, &a.attackers)
                        && any_in(&f.places, &a.places)
                        && f.from
                            .as_ref()
                            .is_none_or(|from| a.end.as_ref().is_some_and(|e| e >= from))
                        && f.to
                            .as_ref()
                            .is_none_or(|to| a.begin.as_ref().is_some_and(|b| b <= to))
                })
                .map(|(iri, _)| iri.clone())
                .collect(),
        ))
    }
}

/// Kinds of entity the actors view draws.
const ACTOR_VIEW_KINDS: &[&str] = &[
    "state-force",
    "armed-group",
    "government",
    "organisation",
    "person",
    "country",
    "region",
    "settlement",
    "feature",
    "facility",
    "base",
    "operation",
];

/// Kinds of entity that are actors (an attack on one is an attacker→actor edge).
const ACTOR_KINDS: &[&str] = &[
    "state-force",
    "armed-group",
    "government",
    "organisation",
    "person",
];

/// What the store says of an entity.
struct Entity {
    label: String,
    kind: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// Every entity with a kind: its smallest label and kind over all graphs, and its smallest
/// coordinates. Each article graph repeats the label and kind of the entities it mentions,
/// so the same entity has as many of them as articles that name it; one pass over each
/// property keeps this linear in the store's size (a SPARQL GROUP BY over the union graph
/// joined every copy with every other, quadratic in an entity's mentions).
fn entities(store: &KgStore) -> Result<BTreeMap<String, Entity>> {
    let smallest = |pred: &str| -> Result<BTreeMap<String, Term>> {
        let mut out: BTreeMap<String, Term> = BTreeMap::new();
        // DISTINCT lets the engine drop the copies before it decodes any term.
        let rows = crate::query::parse(&format!(
            "SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{pred}> ?o }} }}"
        ))?
        .select_terms(store.store(), &[])?;
        for row in rows {
            let mut row = row.into_iter();
            let (Some(Some(Term::NamedNode(s))), Some(Some(o))) = (row.next(), row.next()) else {
                continue;
            };
            match out.get_mut(s.as_str()) {
                Some(old) => {
                    if smaller(&o, old) {
                        *old = o;
                    }
                }
                None => {
                    out.insert(s.into_string(), o);
                }
            }
        }
        Ok(out)
    };
    let kinds = smallest(NKG_KIND)?;
    let labels = smallest(SKOS_PREF_LABEL)?;
    let lats = smallest(WGS_LAT)?;
    let longs = smallest(WGS_LONG)?;
    let number = |t: Option<&Term>| match t {
        Some(Term::Literal(l)) => l.value().parse::<f64>().ok(),
        _ => None,
    };
    let mut out = BTreeMap::new();
    for (iri, kind) in kinds {
        let label = labels
            .get(&iri)
            .map(term_string)
            .unwrap_or_else(|| compact(&iri));
        // Coordinates only as a pair, as the entity's lat and long.
        let (latitude, longitude) = match (number(lats.get(&iri)), number(longs.get(&iri))) {
            (Some(a), Some(o)) => (Some(a), Some(o)),
            _ => (None, None),
        };
        out.insert(
            iri,
            Entity {
                label,
                kind: term_string(&kind),
                latitude,
                longitude,
            },
        );
    }
    Ok(out)
}

/// Whether `a` comes before `b` as the old MIN aggregates ordered them: typed numbers
/// (coordinates) by value, everything else (labels, kinds) by its string.
fn smaller(a: &Term, b: &Term) -> bool {
    if let (Term::Literal(x), Term::Literal(y)) = (a, b) {
        let typed = |l: &oxigraph::model::Literal| {
            l.datatype() != oxigraph::model::vocab::xsd::STRING && l.language().is_none()
        };
        if typed(x) && typed(y) {
            if let (Ok(x), Ok(y)) = (x.value().parse::<f64>(), y.value().parse::<f64>()) {
                return x < y;
            }
        }
    }
    term_string(a) < term_string(b)
}

/// An attack with everything the articles say of it.
#[derive(Debug, Default)]
struct Attack {
    attackers: BTreeSet<String>,
    targets: BTreeSet<String>,
    places: BTreeSet<String>,
    date: Option<String>,
    begin: Option<String>,
    end: Option<String>,
    killed: Option<i64>,
    wounded: Option<i64>,
    weapons: BTreeSet<String>,
    target_text: BTreeSet<String>,
    /// The number of article graphs that report it.
    sources: i64,
    /// The article graphs that report it, when asked for.
    articles: BTreeSet<String>,
}

impl Attack {
    fn spell(&self) -> Option<Spell> {
        match (&self.begin, &self.end) {
            (Some(b), Some(e)) => Some(Spell {
                start: b.clone(),
                end: e.clone(),
            }),
            _ => None,
        }
    }
}

/// The properties of an attack node the views read, each with the tag that marks its
/// values in `attack_rows`.
const ATTACK_PROPS: [(&str, char); 10] = [
    (NKG_ATTACKER, 'a'),
    (NKG_TARGET, 'b'),
    (NKG_PLACE, 'c'),
    (SEM_HAS_TIMESTAMP, 'd'),
    (SEM_HAS_BEGIN_TIMESTAMP, 'e'),
    (SEM_HAS_END_TIMESTAMP, 'f'),
    (NKG_KILLED, 'g'),
    (NKG_WOUNDED, 'h'),
    (NKG_WEAPON, 'i'),
    (NKG_TARGET_DESCRIPTION, 'j'),
];

/// Every attack once, with what the articles say of it and its number of reporting
/// articles; with its IRI when `keyed`.
///
/// One query groups the values in the engine: every property's values, each tagged with
/// its property, are joined into one string per attack, and the reporting articles are
/// counted. The engine groups on its encoded terms, so the copies of a value (one per
/// reporting article) go before anything is decoded, and an attack IRI is decoded once, or
/// not at all when not `keyed` (a term costs a database read to decode). One OPTIONAL join
/// per property instead spent most of its time and memory in the joins. IRIs cannot hold
/// the separator, a control character; a description holding one splits there.
fn attack_rows(store: &KgStore, keyed: bool) -> Result<Vec<(Option<String>, Attack)>> {
    const SEPARATOR: char = '\u{1f}';
    let mut q = String::from(if keyed { "SELECT ?a" } else { "SELECT" });
    q.push_str(
        " (GROUP_CONCAT(DISTINCT CONCAT(?k, STR(?v)); separator=\"\\u001F\") AS ?c) \
         (COUNT(DISTINCT ?g) AS ?sources) WHERE {",
    );
    for (pred, tag) in ATTACK_PROPS {
        q.push_str(&format!(
            " {{ ?a <{pred}> ?v BIND(\"{tag}\" AS ?k) }} UNION"
        ));
    }
    // Only attacks have reports; the branch binds ?k and ?v too, as a value missing from
    // one row would void the whole group's GROUP_CONCAT.
    q.push_str(
        " { GRAPH ?g { ?a nkg:report ?r } BIND(\"r\" AS ?k) BIND(\"\" AS ?v) } } \
         GROUP BY ?a HAVING (COUNT(DISTINCT ?g) > 0)",
    );
    let attack_prefix = format!("{ID}attack/");
    let max = |old: Option<i64>, new: &str| match (old, new.parse::<i64>().ok()) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
    let min = |old: &mut Option<String>, new: &str| {
        if old.as_deref().map(|o| new < o).unwrap_or(true) {
            *old = Some(new.to_string());
        }
    };
    let mut out = Vec::new();
    for row in select_strings(store.store(), &q)? {
        let mut row = row.into_iter();
        let iri = if keyed {
            match row.next().flatten() {
                Some(iri) if iri.starts_with(&attack_prefix) => Some(iri),
                _ => continue,
            }
        } else {
            None
        };
        let (joined, sources) = (row.next().flatten(), row.next().flatten());
        let mut a = Attack {
            sources: sources.and_then(|n| n.parse().ok()).unwrap_or(0),
            ..Attack::default()
        };
        for value in joined.as_deref().unwrap_or("").split(SEPARATOR) {
            let mut chars = value.chars();
            let (Some(tag), o) = (chars.next(), chars.as_str()) else {
                continue;
            };
            match tag {
                'a' => {
                    a.attackers.insert(o.to_string());
                }
                'b' => {
                    a.targets.insert(o.to_string());
                }
                'c' => {
                    a.places.insert(o.to_string());
                }
                'd' => min(&mut a.date, o),
                'e' => min(&mut a.begin, o),
                'f' if a.end.as_deref().is_none_or(|e| o > e) => a.end = Some(o.to_string()),
                'g' => a.killed = max(a.killed, o),
                'h' => a.wounded = max(a.wounded, o),
                'i' => {
                    a.weapons.insert(o.to_string());
                }
                'j' => {
                    a.target_text.insert(o.to_string());
                }
                _ => {}
            }
        }
        out.push((iri, a));
    }
    Ok(out)
}

/// Every attack by IRI with what the articles say of it; `with_articles` also lists the
/// article graphs that report each (otherwise only their number), which costs decoding
/// every report's graph.
fn attacks(store: &KgStore, with_articles: bool) -> Result<BTreeMap<String, Attack>> {
    let mut out: BTreeMap<String, Attack> = attack_rows(store, true)?
        .into_iter()
        .filter_map(|(iri, a)| Some((iri?, a)))
        .collect();
    if !with_articles {
        return Ok(out);
    }
    let rows = select_strings(
        store.store(),
        "SELECT DISTINCT ?attack ?g WHERE { GRAPH ?g { ?attack nkg:report ?r } }",
    )?;
    for row in rows {
        if let (Some(iri), Some(g)) = (row[0].clone(), row[1].clone()) {
            out.entry(iri).or_default().articles.insert(g);
        }
    }
    Ok(out)
}

/// An article graph.
#[derive(Debug, Default)]
struct Article {
    id: String,
    title: Option<String>,
    date: Option<String>,
    entities: BTreeSet<String>,
}

fn articles(store: &KgStore) -> Result<BTreeMap<String, Article>> {
    let mut out: BTreeMap<String, Article> = BTreeMap::new();
    let rows = select_strings(
        store.store(),
        "SELECT ?g (MIN(STR(?i)) AS ?id) (MIN(STR(?t)) AS ?title) (MIN(STR(?d)) AS ?date)
         WHERE {
           GRAPH ?g { ?g a nkg:Article ; nkg:articleId ?i .
             OPTIONAL { ?g dcterms:title ?t } OPTIONAL { ?g dcterms:date ?d } }
         } GROUP BY ?g",
    )?;
    for row in rows {
        if let (Some(g), Some(id)) = (row[0].clone(), row[1].clone()) {
            out.insert(
                g,
                Article {
                    id,
                    title: row[2].clone(),
                    date: row[3].clone(),
                    entities: BTreeSet::new(),
                },
            );
        }
    }
    let rows = select_strings(
        store.store(),
        "SELECT DISTINCT ?g ?e WHERE { GRAPH ?g { ?g nkg:mentions ?e } }",
    )?;
    for row in rows {
        if let (Some(g), Some(e)) = (row[0].clone(), row[1].clone()) {
            if let Some(a) = out.get_mut(&g) {
                a.entities.insert(e);
            }
        }
    }
    Ok(out)
}

/// Nodes and edges collected in id order, then turned into a view.
#[derive(Default)]
struct Builder {
    nodes: BTreeMap<String, Node>,
    edges: BTreeMap<(String, String, String), Edge>,
}

impl Builder {
    /// The node of an IRI, made by `make` the first time.
    fn node(&mut self, iri: &str, make: impl FnOnce() -> (String, String)) -> &mut Node {
        self.nodes.entry(node_id(iri)).or_insert_with(|| {
            let (label, kind) = make();
            Node {
                id: node_id(iri),
                iri: iri.to_string(),
                label,
                kind,
                latitude: None,
                longitude: None,
                size: 0.0,
                attrs: BTreeMap::new(),
                spells: Vec::new(),
            }
        })
    }

    /// The node of a known entity; `None` for an IRI the store does not describe.
    fn entity(&mut self, iri: &str, ents: &BTreeMap<String, Entity>) -> Option<&mut Node> {
        let e = ents.get(iri)?;
        let n = self.node(iri, || (e.label.clone(), e.kind.clone()));
        n.latitude = e.latitude;
        n.longitude = e.longitude;
        Some(n)
    }

    fn edge(&mut self, source: &str, target: &str, kind: &str) -> &mut Edge {
        self.edges
            .entry((node_id(source), node_id(target), kind.to_string()))
            .or_insert_with(|| Edge {
                kind: kind.to_string(),
                weight: 0.0,
                attrs: BTreeMap::new(),
                spells: Vec::new(),
            })
    }

    /// Drops nodes no edge touches.
    fn only_connected(&mut self) {
        let used: BTreeSet<&String> = self.edges.keys().flat_map(|(s, t, _)| [s, t]).collect();
        let keep: BTreeSet<String> = used.into_iter().cloned().collect();
        self.nodes.retain(|id, _| keep.contains(id));
    }

    fn finish(
        self,
        name: &str,
        directed: bool,
        size_by: &str,
        node_attrs: Vec<(String, AttrType)>,
        edge_attrs: Vec<(String, AttrType)>,
    ) -> View {
        let mut graph = petgraph::graph::DiGraph::new();
        let mut index = BTreeMap::new();
        for (id, mut n) in self.nodes {
            n.spells = merge_spells(n.spells);
            index.insert(id, graph.add_node(n));
        }
        for ((s, t, _), mut e) in self.edges {
            e.spells = merge_spells(e.spells);
            if let (Some(&a), Some(&b)) = (index.get(&s), index.get(&t)) {
                if e.spells.is_empty() {
                    // An edge present at all times needs its ends present at all times.
                    graph[a].spells.clear();
                    graph[b].spells.clear();
                }
                graph.add_edge(a, b, e);
            }
        }
        View {
            name: name.to_string(),
            directed,
            size_by: size_by.to_string(),
            node_attrs,
            edge_attrs,
            graph,
        }
    }
}

/// Sorted spells with overlapping or touching periods joined (Gephi wants them apart).
fn merge_spells(mut spells: Vec<Spell>) -> Vec<Spell> {
    spells.sort();
    let mut out: Vec<Spell> = Vec::new();
    for s in spells {
        if let Some(last) = out.last_mut() {
            if s.start <= last.end || next_day(&last.end).as_deref() == Some(s.start.as_str()) {
                if s.end > last.end {
                    last.end = s.end;
                }
                continue;
            }
        }
        out.push(s);
    }
    out
}

fn next_day(day: &str) -> Option<String> {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(d.succ_opt()?.format("%Y-%m-%d").to_string())
}

fn attrs(list: &[(&str, AttrType)]) -> Vec<(String, AttrType)> {
    list.iter().map(|(n, t)| (n.to_string(), *t)).collect()
}

fn add_int(attrs: &mut BTreeMap<String, Value>, name: &str, by: i64) {
    let v = attrs.entry(name.to_string()).or_insert(Value::Int(0));
    if let Value::Int(i) = v {
        *i += by;
    }
}

/// The attacks to draw: all, or those the filters select.
fn selected<'a>(
    all: &'a BTreeMap<String, Attack>,
    keep: &'a Option<BTreeSet<String>>,
) -> impl Iterator<Item = (&'a String, &'a Attack)> {
    all.iter()
        .filter(move |(iri, _)| keep.as_ref().map(|k| k.contains(*iri)).unwrap_or(true))
}

/// The actors view.
pub fn actors_view(store: &KgStore, filters: &Filters) -> Result<View> {
    let ents = entities(store)?;
    // Without a selection, every attack counts and none needs its IRI.
    let all: Vec<Attack> = if filters.is_empty() {
        attack_rows(store, false)?
            .into_iter()
            .map(|(_, a)| a)
            .collect()
    } else {
        let all = attacks(store, false)?;
        let keep = filters.select(store, &all)?.unwrap_or_default();
        all.into_iter()
            .filter(|(iri, _)| keep.contains(iri))
            .map(|(_, a)| a)
            .collect()
    };
    let mut b = Builder::default();
    let drawn = |iri: &str| {
        ents.get(iri)
            .map(|e| ACTOR_VIEW_KINDS.contains(&e.kind.as_str()))
            .unwrap_or(false)
    };
    // Counted by the engine, which decodes one IRI per entity rather than one pair per
    // mention.
    let mut mentioned: BTreeMap<String, i64> = BTreeMap::new();
    for row in select_strings(
        store.store(),
        "SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g nkg:mentions ?e } } GROUP BY ?e",
    )? {
        if let (Some(e), Some(n)) = (row[0].clone(), row[1].as_deref()) {
            mentioned.insert(e, n.parse().unwrap_or(0));
        }
    }
    for (iri, n) in &mentioned {
        if drawn(iri) {
            if let Some(node) = b.entity(iri, &ents) {
                node.attrs.insert("articles".into(), Value::Int(*n));
                node.attrs.insert("attacks".into(), Value::Int(0));
                node.attrs.insert("attacked".into(), Value::Int(0));
            }
        }
    }
    for a in &all {
        let spell = a.spell();
        let victims: Vec<&String> = a
            .places
            .iter()
            .chain(a.targets.iter().filter(|t| {
                ents.get(*t)
                    .map(|e| ACTOR_KINDS.contains(&e.kind.as_str()))
                    .unwrap_or(false)
            }))
            .filter(|v| drawn(v))
            .collect();
        for v in &victims {
            if let Some(n) = b.entity(v, &ents) {
                add_int(&mut n.attrs, "attacked", 1);
                n.size += 1.0;
                n.spells.extend(spell.clone());
            }
        }
        for attacker in a.attackers.iter().filter(|x| drawn(x)) {
            if let Some(n) = b.entity(attacker, &ents) {
                add_int(&mut n.attrs, "attacks", 1);
                n.size += 1.0;
                n.spells.extend(spell.clone());
            }
            for v in &victims {
                if *v == attacker {
                    continue;
                }
                let kind = if a.places.contains(*v) {
                    "attacked"
                } else {
                    "targeted"
                };
                let e = b.edge(attacker, v, kind);
                e.weight += 1.0;
                add_int(&mut e.attrs, "killed", a.killed.unwrap_or(0));
                add_int(&mut e.attrs, "sources", a.sources);
                if let Some(d) = &a.date {
                    let first = e
                        .attrs
                        .entry("first_date".into())
                        .or_insert(Value::Str(d.clone()));
                    if let Value::Str(f) = first {
                        if d < f {
                            *f = d.clone();
                        }
                    }
                    let last = e
                        .attrs
                        .entry("last_date".into())
                        .or_insert(Value::Str(d.clone()));
                    if let Value::Str(l) = last {
                        if d > l {
                            *l = d.clone();
                        }
                    }
                }
                e.spells.extend(spell.clone());
            }
        }
    }
    if !filters.is_empty() {
        b.only_connected();
    }
    Ok(b.finish(
        "actors",
        true,
        "attacks",
        attrs(&[
            ("attacks", AttrType::Int),
            ("attacked", AttrType::Int),
            ("articles", AttrType::Int),
        ]),
        attrs(&[
            ("killed", AttrType::Int),
            ("sources", AttrType::Int),
            ("first_date", AttrType::Str),
            ("last_date", AttrType::Str),
        ]),
    ))
}

/// The label of an attack node: "attacker → place, date".
fn attack_label(a: &Attack, ents: &BTreeMap<String, Entity>) -> String {
    let names = |set: &BTreeSet<String>| {
        set.iter()
            .map(|i| {
                ents.get(i)
                    .map(|e| e.label.clone())
                    .unwrap_or_else(|| compact(i))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let who = if a.attackers.is_empty() {
        "unknown attacker".to_string()
    } else {
        names(&a.attackers)
    };
    let place = if !a.places.is_empty() {
        names(&a.places)
    } else if !a.targets.is_empty() {
        names(&a.targets)
    } else {
        a.target_text
            .iter()
            .next()
            .cloned()
            .unwrap_or_else(|| "unknown place".into())
    };
    let date = a.date.clone().unwrap_or_else(|| "undated".into());
    format!("{who} → {place}, {date}")
}

/// The attacks view.
pub fn attacks_view(store: &KgStore, filters: &Filters) -> Result<View> {
    let ents = entities(store)?;
    let all = attacks(store, true)?;
    let keep = filters.select(store, &all)?;
    let arts = articles(store)?;
    let mut b = Builder::default();
    for (iri, a) in selected(&all, &keep) {
        let spell = a.spell();
        let n = b.node(iri, || (attack_label(a, &ents), "attack".into()));
        n.size = a.sources as f64;
        n.spells.extend(spell.clone());
        if let Some(d) = &a.date {
            n.attrs.insert("date".into(), Value::Str(d.clone()));
        }
        if let Some(k) = a.killed {
            n.attrs.insert("killed".into(), Value::Int(k));
        }
        if let Some(w) = a.wounded {
            n.attrs.insert("wounded".into(), Value::Int(w));
        }
        if !a.weapons.is_empty() {
            let w: Vec<&str> = a.weapons.iter().map(String::as_str).collect();
            n.attrs.insert("weapon".into(), Value::Str(w.join(", ")));
        }
        if !a.target_text.is_empty() {
            let t: Vec<&str> = a.target_text.iter().map(String::as_str).collect();
            n.attrs
                .insert("target_description".into(), Value::Str(t.join(" | ")));
        }
        n.attrs.insert("sources".into(), Value::Int(a.sources));
        let link = |b: &mut Builder, other: &str, kind: &str, outgoing: bool| {
            let (s, t) = if outgoing {
                (iri.as_str(), other)
            } else {
                (other, iri.as_str())
            };
            let e = b.edge(s, t, kind);
            e.weight = 1.0;
            e.spells.extend(spell.clone());
            if let Some(n) = b.nodes.get_mut(&node_id(other)) {
                n.size += 1.0;
                add_int(&mut n.attrs, "attacks", 1);
                n.spells.extend(spell.clone());
            }
        };
        for x in &a.attackers {
            if b.entity(x, &ents).is_some() {
                link(&mut b, x, "attacker", false);
            }
        }
        for x in &a.targets {
            if b.entity(x, &ents).is_some() {
                link(&mut b, x, "target", true);
            }
        }
        for x in &a.places {
            if b.entity(x, &ents).is_some() {
                link(&mut b, x, "place", true);
            }
        }
        for g in &a.articles {
            let Some(art) = arts.get(g) else { continue };
            let label = art.title.clone().unwrap_or_else(|| art.id.clone());
            let n = b.node(g, || (label, "article".into()));
            n.attrs
                .insert("article_id".into(), Value::Str(art.id.clone()));
            if let Some(d) = &art.date {
                n.attrs.insert("date".into(), Value::Str(d.clone()));
            }
            link(&mut b, g, "source", true);
        }
    }
    Ok(b.finish(
        "attacks",
        true,
        "attacks",
        attrs(&[
            ("date", AttrType::Str),
            ("killed", AttrType::Int),
            ("wounded", AttrType::Int),
            ("weapon", AttrType::Str),
            ("target_description", AttrType::Str),
            ("sources", AttrType::Int),
            ("attacks", AttrType::Int),
            ("article_id", AttrType::Str),
        ]),
        Vec::new(),
    ))
}

/// The article graphs to draw: all, or those that report a selected attack.
fn selected_articles(
    store: &KgStore,
    filters: &Filters,
    arts: &BTreeMap<String, Article>,
) -> Result<BTreeSet<String>> {
    if filters.is_empty() {
        return Ok(arts.keys().cloned().collect());
    }
    let all = attacks(store, true)?;
    match filters.select(store, &all)? {
        None => Ok(arts.keys().cloned().collect()),
        Some(keep) => Ok(keep
            .iter()
            .filter_map(|a| all.get(a))
            .flat_map(|a| a.articles.iter().cloned())
            .collect()),
    }
}

/// The mentions view.
pub fn mentions_view(store: &KgStore, filters: &Filters) -> Result<View> {
    let ents = entities(store)?;
    let arts = articles(store)?;
    let keep = selected_articles(store, filters, &arts)?;
    let mut b = Builder::default();
    for g in &keep {
        let Some(art) = arts.get(g) else { continue };
        let spell = art.date.as_ref().map(|d| Spell {
            start: d.clone(),
            end: d.clone(),
        });
        let known: Vec<&String> = art
            .entities
            .iter()
            .filter(|e| ents.contains_key(*e))
            .collect();
        for e in &known {
            if let Some(n) = b.entity(e, &ents) {
                n.size += 1.0;
                add_int(&mut n.attrs, "articles", 1);
                n.spells.extend(spell.clone());
            }
        }
        for (i, x) in known.iter().enumerate() {
            for y in &known[i + 1..] {
                // Undirected: the smaller id is the source.
                let (s, t) = if node_id(x) <= node_id(y) {
                    (x, y)
                } else {
                    (y, x)
                };
                let e = b.edge(s, t, "co-mentioned");
                e.weight += 1.0;
                e.spells.extend(spell.clone());
            }
        }
    }
    Ok(b.finish(
        "mentions",
        false,
        "articles",
        attrs(&[("articles", AttrType::Int)]),
        Vec::new(),
    ))
}

/// A triple as the view of triples needs it: subject, predicate, object.
type Spo = (String, String, Term);

/// Nodes and edges from triples: IRI-valued triples are edges typed by their predicate
/// (weight = how many times the triple came), literals are node attributes named by
/// their predicate (several values joined with ` | `).
fn triples_view(
    name: &str,
    triples: impl IntoIterator<Item = Spo>,
    ents: &BTreeMap<String, Entity>,
    all: &BTreeMap<String, Attack>,
) -> View {
    let mut b = Builder::default();
    let mut literals: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let mut types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let ensure = |b: &mut Builder, iri: &str| {
        b.node(iri, || (compact(iri), "resource".into()));
    };
    for (s, p, o) in triples {
        ensure(&mut b, &s);
        match &o {
            Term::Literal(l) => {
                let key = compact(&p);
                names.insert(key.clone());
                literals
                    .entry(s.clone())
                    .or_default()
                    .entry(key)
                    .or_default()
                    .insert(l.value().to_string());
            }
            other => {
                let o = term_string(other);
                ensure(&mut b, &o);
                if p == rdf::TYPE.as_str() {
                    types.entry(s.clone()).or_default().insert(o.clone());
                }
                let spell = all.get(&s).or_else(|| all.get(&o)).and_then(Attack::spell);
                let e = b.edge(&s, &o, &compact(&p));
                e.weight += 1.0;
                e.spells.extend(spell);
            }
        }
    }
    let label_keys = [
        "skos:prefLabel",
        "rdfs:label",
        "dcterms:title",
        "nkg:articleId",
    ];
    for n in b.nodes.values_mut() {
        if let Some(e) = ents.get(&n.iri) {
            n.label = e.label.clone();
            n.kind = e.kind.clone();
            n.latitude = e.latitude;
            n.longitude = e.longitude;
        }
        if let Some(a) = all.get(&n.iri) {
            n.spells.extend(a.spell());
            n.size = a.sources as f64;
        }
        let lits = literals.remove(&n.iri).unwrap_or_default();
        if !ents.contains_key(&n.iri) {
            if let Some(l) = label_keys
                .iter()
                .find_map(|k| lits.get(*k).and_then(|v| v.iter().next()))
            {
                n.label = l.clone();
            }
            if let Some(k) = lits.get("nkg:kind").and_then(|v| v.iter().next()) {
                n.kind = k.clone();
            } else if let Some(t) = types.get(&n.iri).and_then(|t| {
                t.iter().find_map(|c| c.strip_prefix(NKG)).or_else(|| {
                    t.iter()
                        .next()
                        .map(|c| c.rsplit(['#', '/']).next().unwrap_or(c))
                })
            }) {
                n.kind = t.to_lowercase();
            }
        }
        for (k, vals) in lits {
            let v: Vec<String> = vals.into_iter().collect();
            n.attrs.insert(k, Value::Str(v.join(" | ")));
        }
    }
    b.finish(
        name,
        true,
        "attacks",
        names.into_iter().map(|n| (n, AttrType::Str)).collect(),
        Vec::new(),
    )
}

/// The full view of the article graphs.
pub fn full_view(store: &KgStore, filters: &Filters) -> Result<View> {
    let ents = entities(store)?;
    let all = attacks(store, false)?;
    let arts = articles(store)?;
    let keep = selected_articles(store, filters, &arts)?;
    let mut triples: Vec<Spo> = Vec::new();
    for g in &keep {
        let graph = NamedNodeRef::new(g).map_err(|e| Error::Export(format!("graph {g}: {e}")))?;
        for q in
            store
                .store()
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
        {
            let q = q.map_err(|e| Error::Export(format!("reading graph {g}: {e}")))?;
            triples.push((
                term_string(&q.subject.into()),
                q.predicate.as_str().to_string(),
                q.object,
            ));
        }
    }
    Ok(triples_view("full", triples, &ents, &all))
}

/// The view of a SPARQL CONSTRUCT query; the filters bind `?actorKey`, `?placeKey`,
/// `?from` and `?to`, which the query must then use.
pub fn query_view(store: &KgStore, text: &str, filters: &Filters) -> Result<View> {
    for (given, var) in [
        (&filters.actor, "?actorKey"),
        (&filters.place, "?placeKey"),
        (&filters.from, "?from"),
        (&filters.to, "?to"),
    ] {
        if given.is_some() && !text.contains(var) {
            return Err(Error::Export(format!(
                "the query does not use {var}, so its filter would do nothing; use {var} in the query (as queries/*.rq do) or drop the filter"
            )));
        }
    }
    let q = filters.question("query", text);
    let prepared = q.prepare()?;
    if !prepared.is_construct() {
        return Err(Error::Export(
            "--query needs a CONSTRUCT query; its triples are the graph".into(),
        ));
    }
    let triples = prepared.construct_triples(store.store(), &q.bindings(&filters.arguments())?)?;
    let ents = entities(store)?;
    let all = attacks(store, false)?;
    let spo = triples.into_iter().map(|t| {
        (
            term_string(&t.subject.into()),
            t.predicate.as_str().to_string(),
            t.object,
        )
    });
    Ok(triples_view("query", spo, &ents, &all))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(a: &str, b: &str) -> Spell {
        Spell {
            start: a.into(),
            end: b.into(),
        }
    }

    #[test]
    fn spells_merge_when_they_overlap_or_touch() {
        let merged = merge_spells(vec![
            spell("2024-01-05", "2024-01-05"),
            spell("2024-01-01", "2024-01-31"),
            spell("2024-02-01", "2024-02-01"),
            spell("2024-03-01", "2024-03-02"),
            spell("2024-01-01", "2024-01-31"),
        ]);
        assert_eq!(
            merged,
            vec![
                spell("2024-01-01", "2024-02-01"),
                spell("2024-03-01", "2024-03-02")
            ]
        );
    }

    #[test]
    fn filters_are_checked_like_ask() {
        let bad = Filters {
            from: Some("yesterday".into()),
            ..Filters::default()
        };
        assert!(bad.check().unwrap_err().to_string().contains("--from"));
        let good = Filters {
            actor: Some("ISIL".into()),
            to: Some("2024-02".into()),
            ..Filters::default()
        };
        good.check().unwrap();
    }
}
