//! The gazetteer: every name of every lexicon entry, matched at once over an article.
//!
//! Names and the article are both folded to name keys (see `text::FoldedText`), so one
//! lookup finds all spellings: from each word of the article, the keys of the words that
//! follow it (within one stretch of text, no punctuation between) are looked up in a hash
//! map of all names, as long as they begin some name. A match thus starts and ends on word
//! boundaries. It must also respect the case of the lexicon's spelling: an all-capitals
//! name (`IS`, `PMF`) needs capitals in the text, a capitalised word needs a capital. Names marked weak
//! need a cue next to them ("in Hit", "Hit district"). Overlapping matches keep the longest.

use super::cues::NOT_NAME_STARTS;
use super::lexicon::{Kind, Lexicon};
use crate::text::words::{FastHasher, FastMap, WordList};
use crate::text::{fold, FoldedText, Span};
use std::hash::Hasher;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseReq {
    Any,
    Capital,
    AllCaps,
}

#[derive(Debug, Clone)]
struct Candidate {
    entry: usize,
    case: Vec<CaseReq>,
    /// The spelling began with an Arabic article ("Al-Asad"): the text must have one too,
    /// so that "Assad" alone is not taken for the base "Al-Asad".
    needs_article: bool,
    /// The spelling is also a given name or the entry is weak: a place cue must be near.
    weak: bool,
    /// The spelling folded for reading (`text::fold`), to tell an exact spelling from one
    /// that only meets it after transliteration folding.
    folded: String,
}

/// One name found in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    pub span: Span,
    pub entry: usize,
}

/// What the gazetteer knows of a run of folded words.
#[derive(Debug, Clone, Copy)]
struct KeyInfo {
    /// The names spelled so, as an index in `patterns`, when the words are a name.
    pattern: Option<usize>,
    /// All those spellings begin with a capital, so a lower-case word is none of them.
    capital: bool,
    /// Some longer name begins with these words: reading on may still meet it.
    prefix: bool,
}

/// The compiled gazetteer of a lexicon.
pub struct Gazetteer {
    given_names: std::collections::HashSet<String>,
    /// Every name key and every proper word prefix of one ("islamic", "islamic state" for
    /// "islamic state in iraq"), in one map so that each word read costs one lookup.
    keys: FastMap<String, KeyInfo>,
    /// A bit per hash of every name key and word prefix in `keys` (see [`key_bit`]): most
    /// runs of words read are in neither, and this table, far smaller than the map, stays in
    /// cache, so it turns them away without a probe of the map.
    known: Vec<u64>,
    /// The same for the names that may begin with a lower-case word, and their prefixes.
    known_lower: Vec<u64>,
    patterns: Vec<Vec<Candidate>>,
    priority: Vec<i64>,
}

/// Words before a weak name that mark it as a place.
static PLACE_CUES_BEFORE: WordList = WordList::new(&[
    "in", "at", "near", "outside", "from", "of", "around", "into", "toward", "towards", "to",
    "inside", "across", "between", "and", "village", "town", "city", "district", "province",
]);
/// Words after a weak name that mark it as a place.
static PLACE_CUES_AFTER: WordList = WordList::new(&[
    "district",
    "province",
    "governorate",
    "town",
    "city",
    "village",
    "sub-district",
    "subdistrict",
    "area",
    "region",
    "base",
    "airbase",
    "air",
    "countryside",
    "desert",
    "neighborhood",
    "neighbourhood",
    "camp",
    "crossing",
    "border",
    "outskirts",
    "regions",
    "districts",
    "areas",
    "villages",
    "towns",
    "provinces",
    "mountains",
]);

impl Gazetteer {
    /// Builds the gazetteer. `given_names` (lowercase) are names of people: a one-word place
    /// name that is also a given name ("Ali") needs a place cue, like a weak entry.
    pub fn new(lexicon: &Lexicon, given_names: &std::collections::HashSet<String>) -> Self {
        let mut keys: FastMap<String, usize> = FastMap::default();
        let mut patterns: Vec<Vec<Candidate>> = Vec::new();
        for (idx, entry) in lexicon.entries.iter().enumerate() {
            let mut names: Vec<&str> = vec![entry.label.as_str()];
            names.extend(entry.aliases.iter().map(|s| s.as_str()));
            // An airfield is written with any of its generic words: "Deir Ezzor airport"
            // is also "Deir Ezzor airbase" and "Deir Ezzor air base".
            let variants = if entry.kind() == Kind::Base {
                airfield_variants(&names)
            } else {
                Vec::new()
            };
            names.extend(variants.iter().map(|s| s.as_str()));
            for name in names {
                let folded = FoldedText::new(name);
                if folded.tokens.is_empty() {
                    continue;
                }
                let key: String = folded
                    .tokens
                    .iter()
                    .map(|t| &folded.text[t.folded.start..t.folded.end])
                    .collect::<Vec<_>>()
                    .join(" ");
                if key.len() < 2 {
                    continue;
                }
                let case = folded
                    .tokens
                    .iter()
                    .map(|t| case_req(t.original.of(name)))
                    .collect();
                let one_word_given = folded.tokens.len() == 1
                    && given_names.contains(&name.trim().to_lowercase())
                    && entry.kind().is_place();
                let cand = Candidate {
                    entry: idx,
                    case,
                    needs_article: folded.tokens[0].after_article,
                    weak: entry.weak || one_word_given,
                    folded: fold(name),
                };
                let pid = *keys.entry(key.clone()).or_insert_with(|| {
                    patterns.push(Vec::new());
                    patterns.len() - 1
                });
                // Spellings that fold together stay apart: "Irbil" must be known as written,
                // not only as "Erbil" met through folding.
                if !patterns[pid].iter().any(|c| {
                    c.entry == idx
                        && c.case == cand.case
                        && c.needs_article == cand.needs_article
                        && c.folded == cand.folded
                }) {
                    patterns[pid].push(cand);
                }
            }
        }
        let mut infos: FastMap<String, KeyInfo> = FastMap::default();
        for (key, pid) in keys {
            for (i, _) in key.match_indices(' ') {
                infos
                    .entry(key[..i].to_string())
                    .or_insert(KeyInfo {
                        pattern: None,
                        capital: false,
                        prefix: true,
                    })
                    .prefix = true;
            }
            let capital = patterns[pid]
                .iter()
                .all(|c| c.case.first().is_some_and(|r| *r != CaseReq::Any));
            let info = infos.entry(key).or_insert(KeyInfo {
                pattern: None,
                capital: false,
                prefix: false,
            });
            info.pattern = Some(pid);
            info.capital = capital;
        }
        let mut known = vec![0u64; KNOWN_BITS / 64];
        let mut known_lower = vec![0u64; KNOWN_BITS / 64];
        let set = |table: &mut Vec<u64>, key: &str| {
            let bit = key_bit(key);
            table[bit / 64] |= 1 << (bit % 64);
        };
        for (key, info) in &infos {
            set(&mut known, key);
            if info.pattern.is_some() && !info.capital {
                set(&mut known_lower, key);
                for (i, _) in key.match_indices(' ') {
                    set(&mut known_lower, &key[..i]);
                }
            }
        }
        let keys = infos;
        let priority = lexicon
            .entries
            .iter()
            .map(|e| {
                let mut p = 0i64;
                if e.is_curated() {
                    p += 1_000_000_000;
                }
                if !e.weak {
                    p += 100_000_000;
                }
                p += e.population.unwrap_or(0).min(99_999_999) as i64;
                p
            })
            .collect();
        Gazetteer {
            given_names: given_names.clone(),
            keys,
            known,
            known_lower,
            patterns,
            priority,
        }
    }

    /// Finds every lexicon name in `text`, folded as `folded`.
    pub fn find(&self, text: &str, folded: &FoldedText, lexicon: &Lexicon) -> Vec<GazMatch> {
        let ft = folded.text.as_str();
        let toks = &folded.tokens;
        // Every run of words whose keys make a name: (pattern, first word, last word), by
        // first word, then by length.
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        // A run of folded words joined by single spaces is a slice of the folded text; only
        // a run joined across a possessive needs its key spelled out.
        let mut key = String::new();
        for first in 0..toks.len() {
            // Most words of prose are in lower case, and few names may begin with one.
            let known = if case_ok(CaseReq::Capital, toks[first].original.of(text)) {
                &self.known
            } else {
                &self.known_lower
            };
            let mut spelled = false;
            let mut last = first;
            loop {
                let k = if spelled {
                    key.push_str(&ft[toks[last].folded.start..toks[last].folded.end]);
                    key.as_str()
                } else {
                    &ft[toks[first].folded.start..toks[last].folded.end]
                };
                let bit = key_bit(k);
                if known[bit / 64] & (1 << (bit % 64)) == 0 {
                    break;
                }
                let Some(info) = self.keys.get(k) else {
                    break;
                };
                if let Some(pid) = info.pattern {
                    if !info.capital || case_ok(CaseReq::Capital, toks[first].original.of(text)) {
                        hits.push((pid, first, last));
                    }
                }
                // Go on while some name begins with these words and the next word follows
                // after a single space, not across punctuation.
                // (A possessive between them is no barrier inside a name the lexicon writes
                // with it: "Turkey's Defence Ministry".)
                let Some(next) = toks.get(last + 1) else {
                    break;
                };
                let spaced = next.folded.start == toks[last].folded.end + 1;
                let joined = spaced
                    || matches!(
                        text.get(toks[last].original.end..next.original.start),
                        Some("'s " | "\u{2019}s ")
                    );
                if !joined || !info.prefix {
                    break;
                }
                if !spelled && !spaced {
                    key.clear();
                    key.push_str(&ft[toks[first].folded.start..toks[last].folded.end]);
                    spelled = true;
                }
                if spelled {
                    key.push(' ');
                }
                last += 1;
            }
        }
        let mut found: Vec<(usize, usize, Span, usize)> = Vec::new(); // first, last, span, entry
        for (pid, first, last) in hits {
            let Some((first, last, span)) =
                folded.original_span(toks[first].folded.start, toks[last].folded.end)
            else {
                continue;
            };
            let surface = span.of(text);
            let surface_fold = fold(surface);
            let single = first == last;
            // The words around the name, which the candidates below all look at.
            let (prev, next) = (prev_word(text, span.start), next_word(text, span.end));
            // "the U.S. embassy in Baghdad's Green Zone": the possessive belongs to the last
            // word alone, so a name "X in Y" does not end on it.
            let possessive_in = !single
                && surface_fold.contains(" in ")
                && (text[span.end..].starts_with("'s")
                    || text[span.end..].starts_with("\u{2019}s"));
            // A capitalised common word ("One", "Some") is not a name, unless written in
            // capitals like an acronym ("IS").
            if single
                && NOT_NAME_STARTS.contains(&surface.to_lowercase().as_str())
                && !surface.chars().all(|c| c.is_uppercase())
            {
                continue;
            }
            let mut best: Option<(i64, usize)> = None;
            for cand in &self.patterns[pid] {
                if cand.case.len() != last - first + 1 {
                    continue;
                }
                if cand.needs_article && !folded.tokens[first].after_article {
                    continue;
                }
                // Inside a long name a capital may be dropped ("Islamic resistance in
                // Iraq"); its first and last words keep theirs.
                let n = cand.case.len();
                let case_ok = cand.case.iter().enumerate().all(|(k, req)| {
                    (n >= 3 && k > 0 && k + 1 < n && *req == CaseReq::Capital)
                        || case_ok(*req, folded.tokens[first + k].original.of(text))
                });
                if !case_ok {
                    continue;
                }
                let entry = &lexicon.entries[cand.entry];
                // An actor's name keeps its possessive: "Islamic Resistance in Iraq's drones".
                if possessive_in && entry.kind().is_place() {
                    continue;
                }
                // A given name in the text ("Ali") is a place only with a cue, whatever
                // spelling of the place it folds to.
                let given_in_text = first == last
                    && entry.kind().is_place()
                    && self.given_names.contains(&span.of(text).to_lowercase());
                if (cand.weak || given_in_text) && !has_place_cue(&prev, &next) {
                    continue;
                }
                // "Masyaf road", "Karbala street": a road named after a town, often far away.
                if entry.kind() == Kind::Settlement
                    && matches!(next.as_str(), "road" | "street" | "avenue")
                {
                    continue;
                }
                let exact = cand.folded == surface_fold;
                // One short word that only meets a name through transliteration folding
                // ("Riadh" for "Riyadh", "One" for "Unye") is too often another name.
                if single && !exact && surface.chars().filter(|c| c.is_alphabetic()).count() < 7 {
                    continue;
                }
                // Peoples are English words, never transliterated: "Emirates" is not
                // "Emiratis".
                if !exact && entry.kind() == Kind::Population {
                    continue;
                }
                let score = self.priority[cand.entry]
                    + context_bonus(&prev, &next, entry.kind())
                    + if exact { 3_000_000_000 } else { 0 };
                if best.map(|(b, _)| score > b).unwrap_or(true) {
                    best = Some((score, cand.entry));
                }
            }
            if let Some((_, entry)) = best {
                found.push((first, last, span, entry));
            }
        }
        // Keep the longest of overlapping matches, then the earliest. A leading "the" does
        // not count: in "The Levant Front fired", the group's name wins over "the Levant".
        let words = |first: usize, last: usize| {
            let the = folded.tokens[first]
                .original
                .of(text)
                .eq_ignore_ascii_case("the");
            last + 1 - first - usize::from(first < last && the)
        };
        found.sort_by(|a, b| words(b.0, b.1).cmp(&words(a.0, a.1)).then(a.0.cmp(&b.0)));
        let mut taken = vec![false; folded.tokens.len()];
        let mut out = Vec::new();
        let mut kept = Vec::new();
        for &(first, last, span, entry) in &found {
            if taken[first..=last].iter().any(|&t| t) {
                continue;
            }
            taken[first..=last].iter_mut().for_each(|t| *t = true);
            out.push(GazMatch { span, entry });
            kept.push((first, last, entry));
        }
        // "The Mosul offensive", "the Raqqa campaign": an operation named after its place
        // mentions the place too.
        for (first, last, entry) in kept {
            if lexicon.entries[entry].kind() != Kind::Operation || first == last {
                continue;
            }
            let tail = folded.tokens[last].original.of(text).to_lowercase();
            if !matches!(
                tail.as_str(),
                "offensive" | "operation" | "campaign" | "battle" | "assault" | "siege"
            ) {
                continue;
            }
            if let Some(&(_, _, span, place)) = found.iter().find(|&&(f, l, _, e)| {
                f >= first && l + 1 == last && lexicon.entries[e].kind().is_place()
            }) {
                out.push(GazMatch { span, entry: place });
            }
        }
        out.sort_by_key(|m| m.span.start);
        out
    }
}

/// The generic words an airfield's name ends with.
const AIRFIELD_HEADS: [&str; 8] = [
    " military airport",
    " airport",
    " airbase",
    " air base",
    " airfield",
    " military airbase",
    " military airfield",
    " military air base",
];

/// The other spellings of airfield names that end with one of `AIRFIELD_HEADS`, for the
/// names not already given.
fn airfield_variants(names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let lower = name.to_lowercase();
        // The longest head first: "X military airport" is "X", not "X military".
        let Some(head) = AIRFIELD_HEADS
            .iter()
            .filter(|h| lower.ends_with(*h))
            .max_by_key(|h| h.len())
        else {
            continue;
        };
        let stem = &name[..name.len() - head.len()];
        for other in AIRFIELD_HEADS {
            let v = format!("{stem}{other}");
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&v))
                && !out.iter().any(|n| n.eq_ignore_ascii_case(&v))
            {
                out.push(v);
            }
        }
    }
    out
}

/// Size of the table of known keys in bits (128 KB).
const KNOWN_BITS: usize = 1 << 20;

/// The bit of a key in the table of known keys.
fn key_bit(key: &str) -> usize {
    let mut h = FastHasher::default();
    h.write(key.as_bytes());
    (h.finish() >> 20) as usize % KNOWN_BITS
}

fn case_req(word: &str) -> CaseReq {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        CaseReq::AllCaps
    } else if letters.first().map(|c| c.is_uppercase()).unwrap_or(false) {
        CaseReq::Capital
    } else {
        CaseReq::Any
    }
}

fn case_ok(req: CaseReq, word: &str) -> bool {
    match req {
        CaseReq::Any => true,
        CaseReq::Capital => word
            .chars()
            .next()
            .map(|c| c.is_uppercase() || c.is_ascii_digit())
            .unwrap_or(false),
        CaseReq::AllCaps => word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase()),
    }
}

fn prev_word(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

fn next_word(text: &str, at: usize) -> String {
    text[at..]
        .trim_start_matches([' ', '-'])
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Whether the word before a name (`prev`, lower-cased) or the word after it (`next`)
/// marks it as a place.
fn has_place_cue(prev: &str, next: &str) -> bool {
    PLACE_CUES_BEFORE.contains(prev) || PLACE_CUES_AFTER.contains(next)
}

/// Prefers the reading the next word asks for: "Kirkuk province" a region, "Kirkuk city"
/// a settlement, "Tanf base" a base. `prev` and `next` are the words around the name,
/// lower-cased.
fn context_bonus(prev: &str, next: &str, kind: Kind) -> i64 {
    let wanted: &[Kind] = match next {
        "province" | "governorate" | "district" | "region" | "sub-district" | "subdistrict" => {
            &[Kind::Region]
        }
        "city" | "town" | "village" | "neighborhood" | "neighbourhood" => &[Kind::Settlement],
        "base" | "airbase" | "air" | "airfield" | "camp" | "garrison" => &[Kind::Base],
        "forces" | "troops" | "army" | "military" | "militia" | "militias" | "fighters" => {
            &[Kind::StateForce, Kind::ArmedGroup, Kind::Country]
        }
        _ => &[],
    };
    let mut bonus = if wanted.contains(&kind) {
        5_000_000_000
    } else {
        0
    };
    // The word before tells a place from a person of the same name ("at Al-Assad").
    let place_prep = matches!(
        prev,
        "at" | "in"
            | "near"
            | "on"
            | "toward"
            | "towards"
            | "into"
            | "from"
            | "outside"
            | "inside"
            | "targeting"
    );
    let person_title = matches!(
        prev,
        "president"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "gen"
            | "general"
            | "minister"
            | "leader"
            | "commander"
            | "sheikh"
    );
    if (place_prep && kind.is_place()) || (person_title && kind == Kind::Person) {
        bonus += 2_000_000_000;
    }
    // Without a cue, a bare name is the town rather than the province named after it.
    if kind == Kind::Settlement {
        bonus += 50_000_000;
    }
    bonus
}
