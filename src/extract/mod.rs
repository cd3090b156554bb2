//! Extract stage: turns one article into entities, mentions and attacks.
//!
//! The steps, in order: sentences and tokens (`text`); lexicon names everywhere at once
//! (`gazetteer`); names outside the lexicon by patterns with cues (`names`); short forms of
//! names already seen (a surname, an acronym defined in brackets); then attack frames and
//! their roles (`attacks`), with dates resolved against the publication date and tolls read
//! by `numbers`.
//!
//! The result is plain Rust values with byte spans into the article text. This stage knows
//! nothing of RDF or of the store, and never fails: odd input gives fewer facts, not errors.

mod attacks;
mod cues;
mod gazetteer;
pub mod lexicon;
mod names;
mod numbers;

pub use lexicon::{Kind, LexEntry, Lexicon};

use crate::ingest::Article;
use crate::text::dates::PartialDate;
use crate::text::{name_key, sentences, tokenize, FoldedText, Sentence, Span, Token, TokenKind};
use chrono::NaiveDate;
use gazetteer::Gazetteer;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Changes whenever the rules change, so that a rebuild re-extracts unchanged articles.
pub const EXTRACTOR_VERSION: &str = "1";

/// An entity named in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// IRI path under the entity namespace: `actor/islamic-state`, `place/rashad`.
    pub id: String,
    pub kind: Kind,
    /// Canonical name: the lexicon's preferred label, or the name as first written.
    pub label: String,
    /// The lexicon entry, when the entity is a known one.
    pub lexicon: Option<usize>,
    /// Spellings the article used.
    pub surfaces: Vec<String>,
    /// For a place outside the lexicon: the larger place the article puts it in ("the
    /// Rashad district of Kirkuk province").
    pub located_in: Option<usize>,
}

/// One place in the text where an entity is named.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub entity: usize,
    pub span: Span,
    pub sentence: usize,
    pub rule: &'static str,
}

/// An attack the article reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Attack {
    pub attacker: Option<usize>,
    pub target: Option<usize>,
    /// The target as written, when it is not a named entity ("a police checkpoint").
    pub target_text: Option<String>,
    pub place: Option<usize>,
    pub date: Option<PartialDate>,
    pub weapon: Option<&'static str>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    /// Index of the evidence sentence.
    pub sentence: usize,
    /// Span of the evidence sentence.
    pub evidence: Span,
    pub rule: &'static str,
    pub confidence: f32,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub published: Option<NaiveDate>,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub attacks: Vec<Attack>,
}

/// The extractor: the lexicon and everything compiled from it, built once and shared by
/// all threads.
pub struct Extractor {
    lexicon: Arc<Lexicon>,
    gazetteer: Gazetteer,
    given_names: HashSet<String>,
}

/// Common given names (Arabic, Kurdish, Persian, Turkish, English), one per line.
const GIVEN_NAMES: &str = include_str!("../../ontology/names/given-names.txt");

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        let given_names: HashSet<String> = GIVEN_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.to_lowercase())
            .collect();
        let gazetteer = Gazetteer::new(&lexicon, &given_names);
        Extractor {
            lexicon: Arc::new(lexicon),
            gazetteer,
            given_names,
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts entities, mentions and attacks from an article.
    pub fn extract(&self, article: &Article) -> Extraction {
        let text = article.text.as_str();
        let sents = sentences(text);
        let tokens: Vec<Vec<Token>> = sents.iter().map(|s| tokenize(text, s.span)).collect();
        let mut table = EntityTable::default();
        let mut mentions: Vec<Mention> = Vec::new();

        // Datelines ("BAGHDAD, March 8 (Reuters) -") say where and when a report was filed,
        // not what it reports.
        let datelines: Vec<Span> = sents
            .iter()
            .enumerate()
            .filter(|(i, s)| *i == 0 || sents[i - 1].paragraph != s.paragraph)
            .filter_map(|(_, s)| dateline_span(text, s.span))
            .collect();
        let in_dateline = |sp: Span| datelines.iter().any(|d| d.contains(sp));

        // Lexicon names.
        let folded = FoldedText::new(text);
        // The places of datelines: mentioned by the article, but no place of what it reports.
        let mut filed_from: Vec<(usize, Span, usize)> = Vec::new();
        for m in self.gazetteer.find(text, &folded, &self.lexicon) {
            let Some(si) = sentence_of(&sents, m.span) else {
                continue;
            };
            let e = &self.lexicon.entries[m.entry];
            if in_dateline(m.span) || is_dateline(text, &sents, si, m.span) {
                if e.kind().is_place() {
                    filed_from.push((m.entry, m.span, si));
                }
                continue;
            }
            if (is_modifier(text, m.span)
                    // "an Islamic State-affiliated drone" still names the group that owns it;
                    // "Iran-backed" describes the militias, not Iran.
                    && !(e.kind().can_attack()
                        && e.kind() != Kind::Country
                        && text[m.span.end..].starts_with('-')))
                || inside_longer_name(text, &sents[si], m.span, e.kind())
                || names_institution(text, &sents[si], m.span, e.kind())
                || other_given_name(text, &sents[si], m.span, e, &self.given_names)
            {
                continue;
            }
            // "the city of Deir-ez-Zor" writes the name "Deir-ez-Zor", "the province of
            // al-Anbar" the name "al-Anbar".
            let mut m = m;
            let matched = m.span.of(text);
            if let Some(p) = [
                "holy city of ",
                "city of ",
                "town of ",
                "province of ",
                "governorate of ",
                "district of ",
            ]
            .iter()
            .find(|p| {
                matched.len() > p.len()
                    && matched.is_char_boundary(p.len())
                    && matched[..p.len()].eq_ignore_ascii_case(p)
            }) {
                m.span.start += p.len();
            }
            let id = table.known(e, m.entry, m.span.of(text));
            mentions.push(Mention {
                entity: id,
                span: m.span,
                sentence: si,
                rule: "lexicon",
            });
        }

        // Names by pattern, sentence by sentence, around the lexicon's.
        let mut acronyms: Vec<(String, usize)> = Vec::new();
        // (Names found in one sentence never cover another's tokens.)
        let lexicon_spans = spans_by_sentence(&mentions, tokens.len());
        for (si, toks) in tokens.iter().enumerate() {
            let covered = covered_tokens(toks, &lexicon_spans[si]);
            for nm in names::find(text, toks, &covered, &self.given_names) {
                if in_dateline(nm.span) {
                    continue;
                }
                let id = table.found(&nm.label, nm.kind);
                mentions.push(Mention {
                    entity: id,
                    span: nm.span,
                    sentence: si,
                    rule: nm.rule,
                });
                if let Some(acr) = nm.acronym {
                    acronyms.push((acr, id));
                }
            }
        }
        // Acronyms defined after a lexicon name also count.
        for (si, toks) in tokens.iter().enumerate() {
            for (i, t) in toks.iter().enumerate() {
                if t.is("(") && i > 0 {
                    if let (Some(acr), Some(close)) = (toks.get(i + 1), toks.get(i + 2)) {
                        if close.is(")") && is_acronym(acr.text(text)) {
                            let before = toks[i - 1].span.end;
                            if let Some(m) = mentions
                                .iter()
                                .find(|m| m.sentence == si && m.span.end == before)
                            {
                                acronyms.push((acr.text(text).to_string(), m.entity));
                            }
                        }
                    }
                }
            }
        }
        places_in_lists(text, &tokens, &mut table, &mut mentions, &self.given_names);
        self.short_forms(text, &tokens, &sents, &mut table, &mut mentions, &acronyms);
        peoples_of_places(text, &mut table, &mut mentions);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));

        let published = article.date;
        let attacks = attacks::find(
            &attacks::Input {
                text,
                lexicon: &self.lexicon,
                published,
                sentences: &sents,
                tokens: &tokens,
                mentions: &mentions,
                title: article.title.as_deref(),
                datelines: &datelines,
            },
            &mut table,
        );
        for (entry, span, si) in filed_from {
            let id = table.known(&self.lexicon.entries[entry], entry, span.of(text));
            mentions.push(Mention {
                entity: id,
                span,
                sentence: si,
                rule: "dateline",
            });
        }
        mentions.sort_by_key(|m| (m.span.start, m.span.end));

        Extraction {
            published,
            sentences: sents,
            entities: table.entities,
            mentions,
            attacks,
        }
    }

    /// Mentions by short form of a name already seen: a person's surname ("Mr Rasool",
    /// "McKenzie"), an acronym defined in brackets, the last word of an organisation
    /// ("the Observatory").
    fn short_forms(
        &self,
        text: &str,
        tokens: &[Vec<Token>],
        sents: &[Sentence],
        table: &mut EntityTable,
        mentions: &mut Vec<Mention>,
        acronyms: &[(String, usize)],
    ) {
        let mut short: HashMap<String, usize> = HashMap::new();
        let mut ambiguous: HashSet<String> = HashSet::new();
        let mut add = |k: String, id: usize, short: &mut HashMap<String, usize>| {
            if let Some(&prev) = short.get(&k) {
                if prev != id {
                    ambiguous.insert(k);
                }
            } else {
                short.insert(k, id);
            }
        };
        for (id, e) in table.entities.iter().enumerate() {
            let words: Vec<&str> = e.label.split_whitespace().collect();
            match e.kind {
                Kind::Person if words.len() >= 2 => {
                    for name in std::iter::once(&e.label).chain(e.surfaces.iter()) {
                        if let Some(last) = surname(name) {
                            add(name_key(last), id, &mut short);
                        }
                    }
                }
                Kind::Organisation | Kind::Government | Kind::StateForce | Kind::ArmedGroup => {
                    // "the Observatory", "the Guards": the last word of a name the article
                    // used, after "the".
                    for name in std::iter::once(&e.label).chain(e.surfaces.iter()) {
                        let ws: Vec<&str> = name.split_whitespace().collect();
                        let Some(last) = ws.last() else { continue };
                        if ws.len() >= 2
                            && last
                                .chars()
                                .next()
                                .map(|c| c.is_uppercase())
                                .unwrap_or(false)
                            && last.len() > 4
                            && !matches!(
                                last.to_lowercase().as_str(),
                                "forces"
                                    | "force"
                                    | "army"
                                    | "state"
                                    | "group"
                                    | "police"
                                    | "iraq"
                                    | "syria"
                            )
                        {
                            add(format!("the {}", name_key(last)), id, &mut short);
                        }
                    }
                }
                _ => {}
            }
        }
        for (acr, id) in acronyms {
            add(name_key(acr), *id, &mut short);
        }
        for k in &ambiguous {
            short.remove(k);
        }
        if short.is_empty() {
            return;
        }
        let mut added = Vec::new();
        let spans = spans_by_sentence(mentions, tokens.len());
        for (si, toks) in tokens.iter().enumerate() {
            let covered = covered_tokens(toks, &spans[si]);
            for (i, t) in toks.iter().enumerate() {
                if covered[i] || !t.is_word() {
                    continue;
                }
                let s = t.text(text);
                if !s.chars().next().map(|c| c.is_uppercase()).unwrap_or(false) {
                    continue;
                }
                let key = name_key(s);
                let hit = if i > 0 && toks[i - 1].is("the") {
                    short.get(&format!("the {key}")).or_else(|| short.get(&key))
                } else {
                    short.get(&key)
                };
                if let Some(&id) = hit {
                    // A surname must not be the first word of a longer unknown name.
                    let next_cap = toks
                        .get(i + 1)
                        .map(|n| {
                            n.is_word()
                                && n.text(text)
                                    .chars()
                                    .next()
                                    .map(|c| c.is_uppercase())
                                    .unwrap_or(false)
                        })
                        .unwrap_or(false);
                    if next_cap && table.entities[id].kind == Kind::Person {
                        continue;
                    }
                    table.entities[id].surfaces.push(s.to_string());
                    added.push(Mention {
                        entity: id,
                        span: t.span,
                        sentence: si,
                        rule: "short-form",
                    });
                }
            }
        }
        let _ = sents;
        mentions.extend(added);
    }
}

/// The dateline at the head of a paragraph: capitals, then anything short up to a dash
/// ("SAMARRA, Iraq -", "BAGHDAD, March 8 (Reuters) -", "ERBIL (Rudaw) -").
fn dateline_span(text: &str, span: Span) -> Option<Span> {
    let s = span.of(text);
    let first: String = s.chars().take_while(|c| c.is_alphabetic()).collect();
    if first.chars().count() < 3 || !first.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    let head: String = s.chars().take(90).collect();
    let dash = [" - ", " – ", " — ", "— ", "– ", " -- "]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, d.len())))
        .min()?;
    Some(Span::new(span.start, span.start + dash.0 + dash.1))
}

/// A place name opening a paragraph as a dateline ("ERBIL (Kurdistan 24) –", "Baghdad,
/// (AFP) -"): where the report was filed, not something it reports on.
fn is_dateline(text: &str, sents: &[Sentence], si: usize, span: Span) -> bool {
    let s = &sents[si];
    let first_of_paragraph = si == 0 || sents[si - 1].paragraph != s.paragraph;
    if !first_of_paragraph || text[s.span.start..span.start].trim().len() > 1 {
        return false;
    }
    let surface = span.of(text);
    let after = text[span.end..].trim_start();
    let capitals = surface.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
    let agency = after.starts_with('(') || after.starts_with(", (");
    let dash = after.starts_with(['—', '–', '-', ',', ':']);
    agency || (capitals && dash)
}

/// A name used as a modifier: "Iran-backed", "US-led", "anti-ISIS", "counter-ISIS".
fn is_modifier(text: &str, span: Span) -> bool {
    // Only the few bytes before the name: lowercasing all the text before it would make an
    // article's cost grow with the square of its length.
    let mut from = span.start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text[from..span.start].to_lowercase();
    if before.ends_with("anti-") || before.ends_with("counter-") || before.ends_with("pro-") {
        return true;
    }
    let after = text[span.end..].trim_start_matches('.');
    let Some(rest) = after.strip_prefix('-') else {
        return false;
    };
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "backed"
            | "led"
            | "aligned"
            | "allied"
            | "linked"
            | "affiliated"
            | "supported"
            | "sponsored"
            | "funded"
            | "controlled"
            | "held"
            | "made"
            | "based"
            | "registered"
            | "flagged"
            | "bound"
            | "run"
            | "trained"
            | "friendly"
            | "loyal"
            | "leaning"
            | "inspired"
            | "style"
    )
}

/// An organisation name that a capitalised word before it extends into a longer, different
/// name ("National" + "Security Council"): the pattern rules name the whole.
fn inside_longer_name(text: &str, sentence: &Sentence, span: Span, kind: Kind) -> bool {
    if !(matches!(kind, Kind::Organisation | Kind::Government) || kind.is_place()) {
        return false;
    }
    // "the Qara Hanjir sub-district": a town's name followed by another capitalised word
    // and a place word is the first half of an unknown name.
    if matches!(kind, Kind::Settlement | Kind::Region) {
        let mut rest = text[span.end..sentence.span.end].split_whitespace();
        let (next, cue) = (rest.next().unwrap_or(""), rest.next().unwrap_or(""));
        if next.chars().next().is_some_and(|c| c.is_uppercase())
            && next.chars().all(|c| c.is_alphabetic() || c == '-')
            && matches!(
                cue.trim_end_matches([',', '.', ';']),
                "sub-district"
                    | "subdistrict"
                    | "district"
                    | "village"
                    | "town"
                    | "area"
                    | "neighbourhood"
                    | "neighborhood"
                    | "nahiya"
            )
        {
            return true;
        }
    }
    let before = text[sentence.span.start..span.start].trim_end();
    if before.len() == text[sentence.span.start..span.start].len() {
        return false;
    }
    // "University of Euphrates", "Hospital of Mosul": an institution named after the place.
    if kind.is_place()
        && ["University of", "College of", "Hospital of", "Institute of"]
            .iter()
            .any(|h| before.ends_with(h))
    {
        return true;
    }
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty()
        || !word
            .chars()
            .next()
            .map(|c| c.is_uppercase())
            .unwrap_or(false)
    {
        return false;
    }
    // Not at the start of the sentence, and not a title, nationality, article or place
    // adjective.
    let starts_sentence = before.len() == word.len();
    let lower = word.to_lowercase();
    let qualifier = cues::demonym(&lower).is_some()
        || cues::TITLES.contains(&lower.as_str())
        || cues::NOT_NAME_STARTS.contains(&lower.as_str())
        || matches!(
            lower.as_str(),
            "iraq"
                | "syria"
                | "iran"
                | "turkey"
                | "us"
                | "un"
                | "kurdistan"
                | "israel"
                | "russia"
                | "britain"
                | "jordan"
        )
        || (kind.is_place() && is_place_adjective(&lower));
    !starts_sentence && !qualifier
}

/// Unknown names listed with known towns are towns too: "in Qamenas, Sarmin and
/// Talamenes", "near Raqqa, Tabqa and Madan". A member is one to three capitalised words
/// that no other rule named, right after a town and a comma, "and" or "or", and it ends the
/// list or goes on with one.
fn places_in_lists(
    text: &str,
    tokens: &[Vec<Token>],
    table: &mut EntityTable,
    mentions: &mut Vec<Mention>,
    given_names: &HashSet<String>,
) {
    let cap = |t: &Token| {
        t.kind == TokenKind::Word
            && t.text(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
    };
    // The mentions of each sentence, once: a sentence may be the whole article.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); tokens.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(i);
        }
    }
    let mut added: Vec<(Span, usize, String)> = Vec::new();
    for (si, toks) in tokens.iter().enumerate() {
        if by_sentence[si].is_empty() {
            continue;
        }
        // Per token: covered by a mention; per end offset: the mention ending there.
        let token_at = |offset: usize| toks.partition_point(|t| t.span.start < offset);
        let mut covered = vec![false; toks.len()];
        let mut ending: HashMap<usize, (usize, usize)> = HashMap::new(); // end -> (start, entity)
        let mut starting: HashMap<usize, usize> = HashMap::new(); // start -> entity
        for &mi in &by_sentence[si] {
            let m = &mentions[mi];
            let first = toks.partition_point(|t| t.span.end <= m.span.start);
            let mut k = first;
            while k < toks.len() && toks[k].span.start < m.span.end {
                covered[k] = true;
                k += 1;
            }
            ending.insert(m.span.end, (m.span.start, m.entity));
            starting.insert(m.span.start, m.entity);
        }
        let mut added_ends: HashSet<usize> = HashSet::new();
        let town_at = |end: usize, added_ends: &HashSet<usize>| {
            added_ends.contains(&end)
                || ending.get(&end).is_some_and(|&(_, e)| {
                    matches!(table.entities[e].kind, Kind::Settlement | Kind::Region)
                })
        };
        // Where a run of capitalised words not yet named, from token `start`, ends.
        let name_end = |covered: &[bool], start: usize| {
            let mut end = start;
            while end < toks.len() && end < start + 5 {
                let t = &toks[end];
                if cap(t) && !covered[end] {
                    end += 1;
                } else if t.is("-")
                    && end > start
                    && toks.get(end + 1).is_some_and(&cap)
                    && !covered.get(end + 1).copied().unwrap_or(true)
                {
                    end += 2;
                } else if t.kind == TokenKind::Word
                    && matches!(
                        t.lower.as_str(),
                        "al" | "el" | "ad" | "as" | "ash" | "ar" | "az"
                    )
                    && toks.get(end + 1).is_some_and(|n| n.is("-"))
                {
                    end += 1;
                } else {
                    break;
                }
            }
            end
        };
        // Whether a run of words is a common word, a title, a people, a given name or a
        // date rather than a town's name.
        let common = |start: usize| {
            // ("Al-Fatira": the word after the article.)
            let article = matches!(toks[start].lower.as_str(), "al" | "el")
                && toks.get(start + 1).is_some_and(|t| t.is("-"))
                && toks.get(start + 2).is_some();
            let start = if article { start + 2 } else { start };
            let first = toks[start].lower.as_str();
            cues::NEVER_NAMES.contains(&first)
                || cues::NOT_NAME_STARTS.contains(&first)
                || cues::TITLES.contains(&first)
                || cues::demonym(first).is_some()
                || given_names.contains(first)
                || attacks::month_or_weekday(first)
                // ("Washington, D.C.": an initial is no name.)
                || toks[start].text(text).chars().count() < 3
        };
        // "fired shells at Al-Fatira and Sufuhn in Jabal al-Zawiya": after an attack word,
        // the unknown names after "at" or "on" and before "in" or "near" a known place are
        // towns of it.
        for k in 1..toks.len() {
            if !matches!(toks[k].lower.as_str(), "at" | "on")
                || !(k.saturating_sub(4)..k).any(|j| {
                    matches!(
                        toks[j].lower.as_str(),
                        "fired"
                            | "shelled"
                            | "shelling"
                            | "shells"
                            | "bombarded"
                            | "bombardment"
                            | "struck"
                            | "strikes"
                            | "airstrikes"
                            | "attack"
                            | "attacks"
                            | "attacked"
                            | "rockets"
                            | "missiles"
                            | "mortars"
                            | "drones"
                    )
                })
            {
                continue;
            }
            let mut items: Vec<(usize, usize)> = Vec::new();
            let mut j = k + 1;
            loop {
                let end = name_end(&covered, j);
                let words = toks[j..end]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .count();
                if end == j || !(1..=3).contains(&words) || common(j) {
                    items.clear();
                    break;
                }
                items.push((j, end));
                j = end;
                match toks.get(j).map(|t| t.lower.as_str()) {
                    Some("and" | "or") => j += 1,
                    Some(",") if toks.get(j + 1).is_some_and(|t| t.is("and")) => j += 2,
                    Some(",") => j += 1,
                    _ => break,
                }
            }
            let within = toks.get(j).is_some_and(|t| t.is("in") || t.is("near"))
                && toks.get(j + 1).is_some_and(|t| {
                    starting
                        .get(&t.span.start)
                        .is_some_and(|&e| table.entities[e].kind.is_place())
                });
            if items.is_empty() || !within {
                continue;
            }
            for (start, end) in items {
                let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
                if added_ends.insert(span.end) {
                    added.push((span, si, span.of(text).to_string()));
                }
                for c in covered.iter_mut().take(end).skip(start) {
                    *c = true;
                }
            }
        }
        let mut i = 1;
        while i + 1 < toks.len() {
            let sep = toks[i].lower.as_str();
            if !matches!(sep, "," | "and" | "or") {
                i += 1;
                continue;
            }
            // The list item before: a town or region mention ending at the token before.
            let before = toks[i - 1].span.end;
            let town = town_at(before, &added_ends);
            let mut start = i + 1;
            // ", and Talamenes"
            if sep == "," && toks.get(start).is_some_and(|t| t.is("and") || t.is("or")) {
                start += 1;
            }
            if !town || start >= toks.len() {
                i += 1;
                continue;
            }
            let end = name_end(&covered, start);
            if end == start {
                i += 1;
                continue;
            }
            let words = toks[start..end]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .count();
            // A longer list ("in A, B and C") may end before any lowercase word.
            let long_list = sep != ","
                && ending.get(&before).is_some_and(|&(s0, _)| {
                    let k = token_at(s0);
                    k >= 2 && toks[k - 1].is(",") && town_at(toks[k - 2].span.end, &added_ends)
                });
            let closes = match toks.get(end) {
                None => true,
                Some(t) if long_list && t.kind == TokenKind::Word && !cap(t) => true,
                Some(t) => matches!(
                    t.lower.as_str(),
                    "," | "."
                        | ";"
                        | ")"
                        | "and"
                        | "or"
                        | "on"
                        | "in"
                        | "near"
                        | "as"
                        | "were"
                        | "was"
                        | "are"
                        | "have"
                        | "had"
                        | "at"
                        | "to"
                        | "during"
                        | "over"
                ),
            };
            if (1..=3).contains(&words) && closes && !common(start) {
                let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
                added_ends.insert(span.end);
                added.push((span, si, span.of(text).to_string()));
                i = end;
                continue;
            }
            i += 1;
        }
    }
    for (span, sentence, label) in added {
        let id = table.found(&label, Kind::Settlement);
        mentions.push(Mention {
            entity: id,
            span,
            sentence,
            rule: "name:place-list",
        });
    }
}

/// The people of a town or region: "the people of Mosul", "residents of Darayya", "Mosul's
/// residents" name a population of their own, "people of Mosul", beside the place. (Peoples
/// of countries are in the lexicon.) Its mention holds the place's.
fn peoples_of_places(text: &str, table: &mut EntityTable, mentions: &mut Vec<Mention>) {
    const NOUNS: [&str; 4] = ["people", "residents", "inhabitants", "population"];
    let mut found: Vec<(usize, Span, usize, String)> = Vec::new();
    for m in mentions.iter() {
        let e = &table.entities[m.entity];
        if !matches!(
            e.kind,
            Kind::Settlement | Kind::Region | Kind::Base | Kind::Facility
        ) {
            continue;
        }
        let before = text[..m.span.start].trim_end();
        let before = before
            .strip_suffix(" the")
            .or_else(|| before.strip_suffix(" The"))
            .unwrap_or(before);
        let lead = before.strip_suffix(" of").and_then(|b| {
            NOUNS.iter().find_map(|n| {
                let at = b.len().checked_sub(n.len())?;
                let word = b.get(at..)?;
                let starts_word = at == 0 || !b[..at].ends_with(|c: char| c.is_alphanumeric());
                (word.eq_ignore_ascii_case(n) && starts_word).then(|| Span::new(at, b.len()))
            })
        });
        let after = &text[m.span.end..];
        let after_s = after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("\u{2019}s "))
            .or_else(|| after.strip_prefix(' '));
        let trail = after_s.and_then(|a| {
            let word: String = a.chars().take_while(|c| c.is_alphabetic()).collect();
            let start = m.span.end + (after.len() - a.len());
            (NOUNS[1..].contains(&word.as_str())
                || (word == "people" && a.len() != after.len() - 1))
                .then(|| Span::new(start, start + word.len()))
        });
        if let Some(span) = lead.or(trail) {
            let whole = if lead.is_some() {
                Span::new(span.start, m.span.end)
            } else {
                Span::new(m.span.start, span.end)
            };
            found.push((m.entity, whole, m.sentence, whole.of(text).to_string()));
        }
    }
    for (place, span, sentence, surface) in found {
        let label = format!("people of {}", table.entities[place].label);
        let id = table.found(&label, Kind::Population);
        let e = &mut table.entities[id];
        e.located_in = Some(place);
        if !e.surfaces.contains(&surface) {
            e.surfaces.push(surface);
        }
        mentions.push(Mention {
            entity: id,
            span,
            sentence,
            rule: "name:people-of-place",
        });
    }
}

/// A surname the lexicon knows, after a given name none of its entry's names begin with:
/// "Bassel al-Assad" is not Bashar al-Assad. The pattern rules name that person.
fn other_given_name(
    text: &str,
    sentence: &Sentence,
    span: Span,
    entry: &LexEntry,
    given_names: &HashSet<String>,
) -> bool {
    let matched = span.of(text);
    if entry.kind() != Kind::Person || matched.contains(' ') {
        return false;
    }
    let Some(before) = text[sentence.span.start..span.start].strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    word.starts_with(|c: char| c.is_uppercase())
        && given_names.contains(&lower)
        && !std::iter::once(&entry.label)
            .chain(entry.aliases.iter())
            .any(|a| {
                a.split_whitespace()
                    .next()
                    .is_some_and(|f| name_key(f) == name_key(word))
            })
}

/// The surname of a full name: its last word, before a generational suffix ("Myles B.
/// Caggins III"). None for a name of one word.
fn surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words[..] {
        [.., last, suffix]
            if words.len() >= 3
                && matches!(
                    suffix.trim_end_matches(['.', ',']),
                    "III" | "II" | "IV" | "Jr" | "Sr"
                ) =>
        {
            Some(last.trim_end_matches(','))
        }
        [_, .., last] => Some(last),
        _ => None,
    }
}

/// A place or person that names an institution with the capitalised words after it:
/// "Damascus University", "Al Assad University Hospital", "Baghdad Operations Command". The
/// pattern rules name the institution; the place is not a place of what the text reports.
fn names_institution(text: &str, sentence: &Sentence, span: Span, kind: Kind) -> bool {
    if !(kind.is_place() || kind == Kind::Person) {
        return false;
    }
    let rest = &text[span.end..sentence.span.end];
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let words: Vec<&str> = rest
        .split(' ')
        .take(3)
        .map(|w| {
            // "the Iraq Museum's storerooms": the possessive ends the name.
            let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(w)
        })
        .collect();
    let mut prev = String::new();
    for (i, (raw, w)) in rest.split(' ').zip(&words).enumerate() {
        if !w.chars().next().is_some_and(|c| c.is_uppercase()) {
            return false;
        }
        let lower = w.to_lowercase();
        let head = match lower.as_str() {
            "university" | "hospital" | "museum" | "college" | "institute" | "academy"
            | "library" | "school" | "dam" | "barrage" | "regulator" => true,
            "command" | "council" | "directorate" | "center" | "centre" => matches!(
                prev.as_str(),
                "operations" | "operational" | "provincial" | "police" | "security" | "health"
            ),
            _ => false,
        };
        // Punctuation after a word ends the name. A head must end it too ("University
        // Hospital" goes on to the next head): the pattern rules do not name "the Hawija
        // School for Girls", so Hawija stays.
        // ("the Ramadi Barrage for irrigation": "for" goes on only to a capitalised word.)
        let cap = |n: &str| n.chars().next().is_some_and(|c| c.is_uppercase());
        let ends = raw.len() != w.len()
            || !rest.split(' ').nth(i + 1).is_some_and(|n| {
                cap(n)
                    || ((n == "for" || n == "of")
                        && rest
                            .split(' ')
                            .nth(i + 2)
                            .is_some_and(|m| cap(m) || m == "the"))
            });
        if ends {
            return head;
        }
        prev = lower;
    }
    false
}

/// Words that qualify a place name without being part of it ("northern Iraq", "Greater
/// Baghdad", "rural Deir ez-Zor").
fn is_place_adjective(w: &str) -> bool {
    matches!(
        w,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "upper"
            | "lower"
            | "greater"
            | "rural"
            | "downtown"
            | "old"
            | "new"
            | "occupied"
            | "liberated"
            | "coalition"
            | "province"
            | "governorate"
            | "city"
    )
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=8).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

fn sentence_of(sents: &[Sentence], span: Span) -> Option<usize> {
    let i = sents.partition_point(|s| s.span.end <= span.start);
    sents.get(i).filter(|s| s.span.contains(span)).map(|_| i)
}

/// The spans of the mentions, sentence by sentence.
fn spans_by_sentence(mentions: &[Mention], sentences: usize) -> Vec<Vec<Span>> {
    let mut out = vec![Vec::new(); sentences];
    for m in mentions {
        if let Some(v) = out.get_mut(m.sentence) {
            v.push(m.span);
        }
    }
    out
}

/// Which tokens of a sentence lie inside one of its mentions' spans.
fn covered_tokens(toks: &[Token], spans: &[Span]) -> Vec<bool> {
    toks.iter()
        .map(|t| spans.iter().any(|s| s.overlaps(t.span)))
        .collect()
}

/// The entities of one article, one per id.
#[derive(Debug, Default)]
pub(crate) struct EntityTable {
    pub entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
}

impl EntityTable {
    /// The entity of a lexicon entry.
    pub fn known(&mut self, entry: &LexEntry, index: usize, surface: &str) -> usize {
        let id = self.add(
            entry.id.clone(),
            entry.kind(),
            entry.label.clone(),
            Some(index),
        );
        let e = &mut self.entities[id];
        if !e.surfaces.iter().any(|s| s == surface) {
            e.surfaces.push(surface.to_string());
        }
        id
    }

    /// The entity of a name found by a pattern.
    pub fn found(&mut self, label: &str, kind: Kind) -> usize {
        let id = format!("{}/{}", kind.iri_segment(), slug(&name_key(label)));
        let idx = self.add(id, kind, label.to_string(), None);
        let e = &mut self.entities[idx];
        if !e.surfaces.iter().any(|s| s == label) {
            e.surfaces.push(label.to_string());
        }
        // A place named with a stronger cue later ("Rashad sub-district") keeps that kind.
        if e.lexicon.is_none() && e.kind == Kind::Settlement && kind == Kind::Region {
            e.kind = kind;
        }
        idx
    }

    pub fn add(&mut self, id: String, kind: Kind, label: String, lexicon: Option<usize>) -> usize {
        if let Some(&i) = self.by_id.get(&id) {
            return i;
        }
        self.by_id.insert(id.clone(), self.entities.len());
        self.entities.push(Entity {
            id,
            kind,
            label,
            lexicon,
            surfaces: Vec::new(),
            located_in: None,
        });
        self.entities.len() - 1
    }
}

/// A slug for IRIs: the name key with every run of other characters turned into one hyphen.
pub fn slug(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_of_is_not_part_of_the_written_name() {
        let lexicon = crate::rdf::lexicon::load(&[] as &[&str])
            .expect("the shipped lexicon loads")
            .lexicon;
        let extractor = Extractor::new(lexicon);
        let article = Article {
            id: "a".into(),
            text: "Drones struck a depot in the city of Mosul on Monday, officials said. \
                   A rocket hit a base in the western province of al-Anbar."
                .into(),
            ..Article::default()
        };
        let ex = extractor.extract(&article);
        let written: Vec<&str> = ex
            .mentions
            .iter()
            .map(|m| m.span.of(&article.text))
            .collect();
        assert!(written.contains(&"Mosul"), "{written:?}");
        assert!(written.contains(&"al-Anbar"), "{written:?}");
        assert!(
            !written
                .iter()
                .any(|w| w.starts_with("city") || w.starts_with("province")),
            "{written:?}"
        );
    }
}
