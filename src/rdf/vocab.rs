//! IRIs of the vocabulary newskg writes: its own (`nkg:`) and the standard ones it aligns
//! with (SEM, SKOS, PROV-O, GeoSPARQL, WGS84, Dublin Core).

/// The ontology namespace.
pub const NKG: &str = "https://newskg.dev/ontology#";
/// The namespace of entities, articles and attacks.
pub const ID: &str = "https://newskg.dev/id/";
/// The graph holding the ontology.
pub const ONTOLOGY_GRAPH: &str = "https://newskg.dev/id/graph/ontology";
/// The graph holding the lexicon.
pub const LEXICON_GRAPH: &str = "https://newskg.dev/id/graph/lexicon";

pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const GEO: &str = "http://www.opengis.net/ont/geosparql#";
pub const WGS: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#";
pub const DCT: &str = "http://purl.org/dc/terms/";

macro_rules! iri {
    ($name:ident, $ns:expr, $local:expr) => {
        pub const $name: &str = concat!($ns, $local);
    };
}

iri!(NKG_ARTICLE, "https://newskg.dev/ontology#", "Article");
iri!(NKG_ATTACK, "https://newskg.dev/ontology#", "Attack");
iri!(NKG_REPORT_CLASS, "https://newskg.dev/ontology#", "Report");
iri!(NKG_ARTICLE_ID, "https://newskg.dev/ontology#", "articleId");
iri!(
    NKG_SOURCE_FILE,
    "https://newskg.dev/ontology#",
    "sourceFile"
);
iri!(
    NKG_CONTENT_HASH,
    "https://newskg.dev/ontology#",
    "contentHash"
);
iri!(NKG_MENTIONS, "https://newskg.dev/ontology#", "mentions");
iri!(NKG_MENTION_OF, "https://newskg.dev/ontology#", "mentionOf");
iri!(NKG_START, "https://newskg.dev/ontology#", "start");
iri!(NKG_END, "https://newskg.dev/ontology#", "end");
iri!(NKG_KIND, "https://newskg.dev/ontology#", "kind");
iri!(NKG_KEY, "https://newskg.dev/ontology#", "key");
iri!(NKG_LOCATED_IN, "https://newskg.dev/ontology#", "locatedIn");
iri!(NKG_WRITTEN_AS, "https://newskg.dev/ontology#", "writtenAs");
iri!(NKG_COUNTRY, "https://newskg.dev/ontology#", "country");
iri!(NKG_PART_OF, "https://newskg.dev/ontology#", "partOf");
iri!(NKG_ROLE, "https://newskg.dev/ontology#", "role");
iri!(NKG_POPULATION, "https://newskg.dev/ontology#", "population");
iri!(NKG_WEAK, "https://newskg.dev/ontology#", "weak");
iri!(NKG_LEXICON, "https://newskg.dev/ontology#", "lexicon");
iri!(NKG_ATTACKER, "https://newskg.dev/ontology#", "attacker");
iri!(NKG_TARGET, "https://newskg.dev/ontology#", "target");
iri!(
    NKG_TARGET_DESCRIPTION,
    "https://newskg.dev/ontology#",
    "targetDescription"
);
iri!(NKG_PLACE, "https://newskg.dev/ontology#", "place");
iri!(NKG_WEAPON, "https://newskg.dev/ontology#", "weapon");
iri!(NKG_KILLED, "https://newskg.dev/ontology#", "killed");
iri!(NKG_WOUNDED, "https://newskg.dev/ontology#", "wounded");
iri!(NKG_REPORT, "https://newskg.dev/ontology#", "report");
iri!(NKG_EVIDENCE, "https://newskg.dev/ontology#", "evidence");
iri!(NKG_RULE, "https://newskg.dev/ontology#", "rule");
iri!(NKG_CONFIDENCE, "https://newskg.dev/ontology#", "confidence");
iri!(NKG_ROW, "https://newskg.dev/ontology#", "row");
iri!(
    NKG_STORE_VERSION,
    "https://newskg.dev/ontology#",
    "storeVersion"
);

iri!(
    SKOS_PREF_LABEL,
    "http://www.w3.org/2004/02/skos/core#",
    "prefLabel"
);
iri!(
    SKOS_ALT_LABEL,
    "http://www.w3.org/2004/02/skos/core#",
    "altLabel"
);
iri!(
    SEM_EVENT,
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "Event"
);
iri!(
    SEM_HAS_ACTOR,
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "hasActor"
);
iri!(
    SEM_HAS_PLACE,
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "hasPlace"
);
iri!(
    SEM_HAS_TIMESTAMP,
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "hasTimeStamp"
);
iri!(
    SEM_HAS_BEGIN_TIMESTAMP,
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "hasBeginTimeStamp"
);
iri!(
    SEM_HAS_END_TIMESTAMP,
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "hasEndTimeStamp"
);
iri!(
    PROV_WAS_DERIVED_FROM,
    "http://www.w3.org/ns/prov#",
    "wasDerivedFrom"
);
iri!(
    GEO_HAS_GEOMETRY,
    "http://www.opengis.net/ont/geosparql#",
    "hasGeometry"
);
iri!(GEO_AS_WKT, "http://www.opengis.net/ont/geosparql#", "asWKT");
iri!(
    GEO_WKT_LITERAL,
    "http://www.opengis.net/ont/geosparql#",
    "wktLiteral"
);
iri!(
    GEO_GEOMETRY,
    "http://www.opengis.net/ont/geosparql#",
    "Geometry"
);
iri!(WGS_LAT, "http://www.w3.org/2003/01/geo/wgs84_pos#", "lat");
iri!(WGS_LONG, "http://www.w3.org/2003/01/geo/wgs84_pos#", "long");
iri!(DCT_TITLE, "http://purl.org/dc/terms/", "title");
iri!(DCT_DATE, "http://purl.org/dc/terms/", "date");
iri!(DCT_SOURCE, "http://purl.org/dc/terms/", "source");

/// The prefixes questions and exports declare.
pub const PREFIXES: &[(&str, &str)] = &[
    ("nkg", NKG),
    ("skos", SKOS),
    ("sem", SEM),
    ("prov", PROV),
    ("geo", GEO),
    ("wgs", WGS),
    ("dcterms", DCT),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
];
