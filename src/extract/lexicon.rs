//! The lexicon as plain Rust values: known entities with their kinds, names and places.
//!
//! `rdf::lexicon` fills it from the Turtle files under `ontology/lexicon/`; this module does
//! not know about RDF.

use std::collections::HashMap;

/// What kind of thing an entity is. Each kind is one class of the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    StateForce,
    ArmedGroup,
    Government,
    Organisation,
    Person,
    Country,
    Region,
    Settlement,
    Feature,
    Facility,
    Base,
    Operation,
    Weapon,
    Population,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::StateForce,
        Kind::ArmedGroup,
        Kind::Government,
        Kind::Organisation,
        Kind::Person,
        Kind::Country,
        Kind::Region,
        Kind::Settlement,
        Kind::Feature,
        Kind::Facility,
        Kind::Base,
        Kind::Operation,
        Kind::Weapon,
        Kind::Population,
    ];

    /// The short name used in CSV output and `nkg:kind`.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::StateForce => "state-force",
            Kind::ArmedGroup => "armed-group",
            Kind::Government => "government",
            Kind::Organisation => "organisation",
            Kind::Person => "person",
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::Settlement => "settlement",
            Kind::Feature => "feature",
            Kind::Facility => "facility",
            Kind::Base => "base",
            Kind::Operation => "operation",
            Kind::Weapon => "weapon",
            Kind::Population => "population",
        }
    }

    /// The local name of the ontology class.
    pub fn class(self) -> &'static str {
        match self {
            Kind::StateForce => "StateForce",
            Kind::ArmedGroup => "ArmedGroup",
            Kind::Government => "GovernmentBody",
            Kind::Organisation => "Organisation",
            Kind::Person => "Person",
            Kind::Country => "Country",
            Kind::Region => "Region",
            Kind::Settlement => "Settlement",
            Kind::Feature => "Feature",
            Kind::Facility => "Facility",
            Kind::Base => "Base",
            Kind::Operation => "Operation",
            Kind::Weapon => "Weapon",
            Kind::Population => "Population",
        }
    }

    pub fn from_class(local: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.class() == local)
    }

    pub fn from_slug(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The first path segment of the IRIs of entities of this kind.
    pub fn iri_segment(self) -> &'static str {
        match self {
            Kind::StateForce | Kind::ArmedGroup | Kind::Government | Kind::Organisation => "actor",
            Kind::Person => "person",
            Kind::Country | Kind::Region | Kind::Settlement | Kind::Feature | Kind::Facility => {
                "place"
            }
            Kind::Base => "base",
            Kind::Operation => "operation",
            Kind::Weapon => "weapon",
            Kind::Population => "population",
        }
    }

    /// Forces, groups, governments, organisations and people.
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            Kind::StateForce
                | Kind::ArmedGroup
                | Kind::Government
                | Kind::Organisation
                | Kind::Person
        )
    }

    /// Actors that can carry out an attack (not people or news organisations as such).
    pub fn can_attack(self) -> bool {
        matches!(
            self,
            Kind::StateForce | Kind::ArmedGroup | Kind::Government | Kind::Country
        )
    }

    pub fn is_place(self) -> bool {
        matches!(
            self,
            Kind::Country
                | Kind::Region
                | Kind::Settlement
                | Kind::Feature
                | Kind::Facility
                | Kind::Base
        )
    }

    /// How precisely a place pins down where something happened: lower is more precise.
    pub fn place_rank(self) -> u8 {
        match self {
            Kind::Base => 0,
            Kind::Facility => 1,
            Kind::Settlement => 2,
            Kind::Feature => 3,
            Kind::Region => 4,
            Kind::Country => 5,
            _ => 9,
        }
    }
}

/// One known entity.
#[derive(Debug, Clone, Default)]
pub struct LexEntry {
    /// The IRI path under the entity namespace, e.g. `actor/islamic-state`.
    pub id: String,
    pub kind: Option<Kind>,
    pub label: String,
    pub aliases: Vec<String>,
    pub located_in: Option<String>,
    pub country: Option<String>,
    pub part_of: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub population: Option<u64>,
    pub role: Option<String>,
    /// The name is also a common word or given name: only taken with a cue nearby.
    pub weak: bool,
    /// The lexicon file the entry came from (its file name).
    pub source: String,
}

impl LexEntry {
    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Organisation)
    }

    /// Entries from the generated GeoNames file rank below curated ones.
    pub fn is_curated(&self) -> bool {
        !self.source.starts_with("geonames")
    }
}

/// All known entities, indexed by id.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: Vec<LexEntry>,
    by_id: HashMap<String, usize>,
}

impl Lexicon {
    pub fn new(entries: Vec<LexEntry>) -> Self {
        let mut lex = Lexicon::default();
        for e in entries {
            lex.insert(e);
        }
        lex
    }

    /// Adds an entry; an entry with an id already present is merged into it (labels become
    /// aliases, missing facts are filled in).
    pub fn insert(&mut self, entry: LexEntry) {
        if let Some(&i) = self.by_id.get(&entry.id) {
            let old = &mut self.entries[i];
            if entry.label != old.label && !entry.label.is_empty() {
                old.aliases.push(entry.label);
            }
            old.aliases.extend(entry.aliases);
            old.kind = old.kind.or(entry.kind);
            old.located_in = old.located_in.take().or(entry.located_in);
            old.country = old.country.take().or(entry.country);
            old.part_of = old.part_of.take().or(entry.part_of);
            old.lat = old.lat.or(entry.lat);
            old.long = old.long.or(entry.long);
            old.population = old.population.or(entry.population);
            old.role = old.role.take().or(entry.role);
            return;
        }
        self.by_id.insert(entry.id.clone(), self.entries.len());
        self.entries.push(entry);
    }

    pub fn get(&self, id: &str) -> Option<&LexEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether place `inner` lies within place `outer`, following `located_in` links.
    pub fn is_within(&self, inner: &str, outer: &str) -> bool {
        let mut current = inner;
        for _ in 0..12 {
            let Some(e) = self.get(current) else {
                return false;
            };
            match e.located_in.as_deref() {
                Some(next) if next == outer => return true,
                Some(next) => current = next,
                None => return false,
            }
        }
        false
    }

    /// The chain of places an entry lies in, innermost first.
    pub fn ancestors(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = id.to_string();
        for _ in 0..12 {
            let Some(next) = self.get(&current).and_then(|e| e.located_in.clone()) else {
                break;
            };
            if out.contains(&next) {
                break;
            }
            out.push(next.clone());
            current = next;
        }
        out
    }
}
