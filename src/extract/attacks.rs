//! Attack frames: who attacked whom, where, when, with what, and with what toll.
//!
//! A frame starts at a trigger: an attack verb ("struck", "targeted", "fired ... at"), an
//! attack noun ("airstrike", "drone attack", "ambush"), an interception ("shot down a drone
//! near ..."), a clash ("clashes erupted between X and Y") or "came under attack". Roles come
//! from the words around it:
//!
//! - active voice: the attacker is the subject (the nearest actor to the left in the same
//!   clause, not inside a prepositional phrase); the target is the object;
//! - passive voice: the target is the subject and the attacker follows "by";
//! - nouns: the attacker is a modifier ("ISIS attack", "Turkish airstrikes"), a "by" phrase,
//!   the subject of a light verb ("carried out an attack"), or named by "claimed by",
//!   "blamed on", "the work of";
//! - places: the named places of the clause, minus origins ("launched from Iran"), reference
//!   points ("west of Baghdad") and places that contain another one; places joined by "and"
//!   or an ellipsis ("and another at a base in Erbil") give one attack each.
//!
//! Negated, modal, planned, threatened, conditional and generic mentions give no attack.
//! Across sentences: "the group" and "militants" stand for the armed group in focus, "the
//! base" for the base in focus; claims of responsibility and "blamed on" supply a missing
//! attacker; "the attack" sentences add place, date and toll to the attack in focus.

use super::cues::{demonym, PREPOSITIONS};
use super::lexicon::{Kind, Lexicon};
use super::numbers::{number_at, toll_named, Toll};
use super::{Attack, Entity, EntityTable, Mention};
use crate::text::dates::{find_dates, DateExpr, PartialDate};
use crate::text::words::{WordList, WordMap};
use crate::text::{Sentence, Span, Token, TokenKind};
use chrono::NaiveDate;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

pub(super) struct Input<'a> {
    pub text: &'a str,
    pub lexicon: &'a Lexicon,
    pub published: Option<NaiveDate>,
    pub sentences: &'a [Sentence],
    pub tokens: &'a [Vec<Token>],
    pub mentions: &'a [Mention],
    pub title: Option<&'a str>,
    /// Datelines: no date or place inside them belongs to an attack.
    pub datelines: &'a [Span],
}

/// What a stretch of tokens stands for in a frame.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// An entity: actor, place, base, weapon, operation.
    Entity(usize),
    /// An actor the text does not identify ("unidentified gunmen", "three drones").
    Unknown,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    first: usize,
    /// Exclusive.
    end: usize,
    role: Role,
    /// The slot is a generic noun phrase resolved by focus ("militants", "the base").
    generic: bool,
    /// The slot is a weapon used as subject ("three drones attacked").
    weapon: bool,
    /// The slot's entity comes from the focus, not from a name in this sentence.
    from_focus: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TrigKind {
    Verb,
    Passive,
    Noun,
    /// "shot down a drone", "intercepted two rockets": an attack by whoever sent them.
    Intercept,
    /// "clashes erupted between X and Y".
    Clash,
    /// "came under attack", "was subjected to a drone attack".
    ComeUnder,
}

#[derive(Debug, Clone, Copy)]
struct Trigger {
    tok: usize,
    /// Exclusive end of the trigger phrase.
    end: usize,
    kind: TrigKind,
    plural: bool,
    /// A definite singular noun ("the attack"): probably the attack already in focus.
    anaphoric: bool,
    lemma: &'static str,
}

impl Trigger {
    /// A one-word, singular trigger.
    fn word(tok: usize, kind: TrigKind, anaphoric: bool, lemma: &'static str) -> Self {
        Trigger {
            tok,
            end: tok + 1,
            kind,
            plural: false,
            anaphoric,
            lemma,
        }
    }

    /// A singular trigger of several words ("went off", "came under"), not anaphoric.
    fn phrase(tok: usize, end: usize, kind: TrigKind, lemma: &'static str) -> Self {
        Trigger {
            end,
            ..Trigger::word(tok, kind, false, lemma)
        }
    }
}

/// How many of the attacks kept so far an attack is compared with when merging repeated
/// mentions: more than any real article holds, and a bound on the work in a pathological one.
const MERGE_WINDOW: usize = 256;

static VERBS: WordMap<&str> = WordMap::new(&[
    ("attack", "attack"),
    ("attacks", "attack"),
    ("attacked", "attack"),
    ("attacking", "attack"),
    ("strike", "strike"),
    ("strikes", "strike"),
    ("struck", "strike"),
    ("striking", "strike"),
    ("hit", "hit"),
    ("hits", "hit"),
    ("hitting", "hit"),
    ("target", "target"),
    ("targets", "target"),
    ("targeted", "target"),
    ("targeting", "target"),
    ("targetted", "target"),
    ("targetting", "target"),
    ("bombed", "bomb"),
    ("bombing", "bomb"),
    ("bombarded", "bomb"),
    ("bombarding", "bomb"),
    ("shelled", "shell"),
    ("shelling", "shell"),
    ("shells", "shell"),
    ("ambushed", "ambush"),
    ("ambushes", "ambush"),
    ("raids", "raid"),
    ("storms", "storm"),
    ("pounds", "pound"),
    ("bombs", "bomb"),
    ("kills", "kill"),
    ("ambushing", "ambush"),
    ("raided", "raid"),
    ("raiding", "raid"),
    ("stormed", "storm"),
    ("storming", "storm"),
    ("assaulted", "assault"),
    ("pounded", "pound"),
    ("pounding", "pound"),
    ("killed", "kill"),
    ("kills", "kill"),
    ("kill", "kill"),
    ("fired", "fire"),
    ("fires", "fire"),
    ("firing", "fire"),
    ("fire", "fire"),
    ("launched", "launch"),
    ("launches", "launch"),
    ("launching", "launch"),
    ("launch", "launch"),
    ("destroyed", "destroy"),
    ("destroys", "destroy"),
    ("destroying", "destroy"),
    ("assassinated", "assassinate"),
    ("rocketed", "rocket"),
    ("mortared", "mortar"),
    ("blew", "blow"),
    ("dropped", "drop"),
    ("exploded", "explode"),
    ("detonated", "explode"),
    ("detonate", "explode"),
    ("detonating", "explode"),
    ("shot", "shoot"),
    ("slammed", "slam"),
    ("crashed", "slam"),
    ("landed", "land"),
    ("landing", "land"),
    ("lands", "land"),
    ("fell", "land"),
    ("slamming", "slam"),
    ("tore", "slam"),
    ("ripped", "slam"),
    ("dropping", "drop"),
    ("drops", "drop"),
    // "threw a hand grenade at the house": a bomb word must follow, as for "dropped".
    ("threw", "drop"),
    ("throwing", "drop"),
    ("hurled", "drop"),
    ("hurling", "drop"),
    ("lobbed", "drop"),
]);

static NOUNS: WordMap<&str> = WordMap::new(&[
    ("attack", "attack"),
    ("attacks", "attack"),
    ("strike", "strike"),
    ("strikes", "strike"),
    ("airstrike", "airstrike"),
    ("airstrikes", "airstrike"),
    ("raid", "raid"),
    ("raids", "raid"),
    ("bombing", "bombing"),
    ("bombings", "bombing"),
    ("bombardment", "bombing"),
    ("shelling", "shelling"),
    ("ambush", "ambush"),
    ("ambushes", "ambush"),
    ("assault", "assault"),
    ("assaults", "assault"),
    ("operation", "operation"),
    ("killing", "killing"),
    ("killings", "killing"),
    ("murder", "killing"),
    ("assassination", "killing"),
    ("aggression", "attack"),
]);

/// Words before a noun that make it a noun ("an attack", "drone strikes").
static NOUN_MARKERS: WordList = WordList::new(&[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "another",
    "its",
    "their",
    "his",
    "her",
    "our",
    "new",
    "fresh",
    "latest",
    "recent",
    "separate",
    "twin",
    "coordinated",
    "similar",
    "major",
    "deadly",
    "fatal",
    "suicide",
    "drone",
    "rocket",
    "missile",
    "mortar",
    "air",
    "ballistic",
    "retaliatory",
    "defensive",
    "joint",
    "precision",
    "cross-border",
    "two",
    "three",
    "four",
    "five",
    "several",
    "multiple",
    "first",
    "second",
    "third",
    "'s",
    "us",
    "u.s.",
    "israeli",
    "turkish",
    "iranian",
    "american",
    "russian",
    "syrian",
    "iraqi",
    "jordanian",
    "british",
    "french",
    "coalition",
    "artillery",
    "terrorist",
    "terror",
    "militant",
    "insurgent",
    "isis",
    "is",
    "isil",
    "kamikaze",
    "explosive",
    "armed",
    "car",
    "truck",
    "complex",
    "large-scale",
    "overnight",
    "early",
    "morning",
    "night",
    "weekend",
    "saturday's",
    "sunday's",
    "previous",
    "last",
    "same",
    "one",
    "any",
    "no",
    "possible",
    "further",
    "future",
    "more",
    "repeated",
    "heavy",
    "intense",
    "unmanned",
    "uav",
    "grenade",
    "ground",
    "aerial",
    "chemical",
    "gas",
    "precise",
    "targeted",
    "hit-and-run",
    "surprise",
    "foiled",
    "failed",
    "attempted",
]);

/// Words that end a clause for the purpose of finding places and tolls.
static CLAUSE_BREAKS: WordList = WordList::new(&[
    ";",
    "while",
    "whereas",
    "although",
    "though",
    "but",
    "because",
    "despite",
    "since",
    "amid",
    "following",
    "after",
    "before",
    "retaliation",
    "response",
    "ahead",
    "unlike",
    "meanwhile",
    "when",
    "weeks",
    "months",
    "years",
    "—",
    "--",
]);

/// Reporting verbs: the attacker is never found beyond them.
static REPORTING: WordList = WordList::new(&[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "added",
    "stated",
    "confirmed",
    "announced",
    "according",
    "claimed",
    "claims",
    "believed",
    "suggests",
    "noted",
    "tweeted",
    "alleged",
    "insisted",
    "denied",
    "revealed",
    "explained",
    "indicated",
    "assessed",
    "think",
    "thought",
    "showed",
    "shows",
    "warned",
]);

/// Nouns for actors the sentence does not name, and how they resolve.
static GENERIC_ACTORS: WordList = WordList::new(&[
    "it",
    "forces",
    "force",
    "militants",
    "militant",
    "gunmen",
    "gunman",
    "jihadists",
    "jihadist",
    "jihadis",
    "insurgents",
    "terrorists",
    "terrorist",
    "fighters",
    "attackers",
    "assailants",
    "militia",
    "militias",
    "militiamen",
    "group",
    "groups",
    "factions",
    "faction",
    "rebels",
    "extremists",
    "cells",
    "cell",
    "they",
    "elements",
    "organization",
    "organisation",
    "proxies",
    "bombers",
    "bomber",
]);

/// Generic nouns that stand for the armed group in focus.
static FOCUS_NOUNS: WordList = WordList::new(&[
    "militants",
    "militant",
    "jihadists",
    "jihadist",
    "jihadis",
    "insurgents",
    "terrorists",
    "terrorist",
    "group",
    "extremists",
    "cells",
    "cell",
    "organization",
    "organisation",
    "militia",
    "fighters",
    "elements",
    "they",
    "groups",
    "factions",
    "militias",
]);

static UNKNOWN_MARKERS: WordList = WordList::new(&[
    "unidentified",
    "unknown",
    "unnamed",
    "masked",
    "anonymous",
    "unspecified",
    "armed",
]);

static WEAPON_NOUNS: WordList = WordList::new(&[
    "drone",
    "drones",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "mortar",
    "mortars",
    "uav",
    "uavs",
    "shell",
    "shells",
    "projectile",
    "projectiles",
    "bomb",
    "bombs",
    "explosion",
    "explosions",
    "blast",
    "blasts",
    "ied",
    "ieds",
    "grenade",
    "grenades",
    "aircraft",
    "warplanes",
    "warplane",
    "jets",
    "jet",
    "helicopters",
    "helicopter",
    "quadcopter",
    "quadcopters",
    "katyusha",
    "katyushas",
    "munitions",
    "shot",
    "shots",
    "gunfire",
    "bullets",
    "round",
    "rounds",
    "howitzer",
    "howitzers",
    "artillery",
    "cannon",
    "cannons",
]);

/// Words that make an attack mention generic (a trend, not an event).
static GENERIC_MARKERS: WordList = WordList::new(&[
    "repeated",
    "past",
    "previous",
    "further",
    "possible",
    "frequently",
    "regularly",
    "repeatedly",
    "routinely",
    "often",
    "daily",
    "times",
    "occasions",
    "increasingly",
    "numerous",
    "spate",
    "series",
    "wave",
    "campaign",
    "ongoing",
    "continue",
    "continues",
    "continued",
    "stepped",
    "scores",
    "dozens",
    "hundreds",
    "sporadic",
    "constant",
    "persistent",
    "recurring",
    "many",
    "most",
    "majority",
    "common",
    "largely",
    "usually",
    "typically",
    "generally",
    "months",
    "years",
    "past",
    "recent",
]);

/// Words before a trigger that make it unreal: negated, planned, threatened, possible.
static UNREAL_BEFORE: WordList = WordList::new(&[
    "not",
    "n't",
    "never",
    "no",
    "would",
    "could",
    "might",
    "may",
    "will",
    "'ll",
    "should",
    "must",
    "can",
    "to",
    "threatened",
    "threatening",
    "threatens",
    "threat",
    "threats",
    "warned",
    "warning",
    "warns",
    "vowed",
    "vows",
    "plan",
    "plans",
    "planned",
    "planning",
    "plot",
    "plotting",
    "preparing",
    "prepare",
    "possible",
    "potential",
    "future",
    "further",
    "any",
    "prevent",
    "preventing",
    "deter",
    "avoid",
    "fear",
    "fears",
    "feared",
    "if",
    "unless",
    "capable",
    "capability",
    "intended",
    "intends",
    "aimed",
    "seeking",
    "seek",
    "rejected",
    "without",
    "against",
    "condemned",
    "condemn",
    "condemns",
    "condemning",
    "criticising",
    "criticizing",
    "criticised",
    "criticized",
    "denounced",
    "denouncing",
    "stop",
    "stopped",
    "halt",
    "halted",
    "end",
    "ending",
    "ended",
    "calls",
    "called",
    "urged",
    "demanded",
    "risk",
    "retaliate",
    "respond",
    "expected",
    "expects",
    "likely",
    "ready",
    "readiness",
    "chance",
    "attempt",
    "attempting",
    "attempted",
    "tried",
    "trying",
    "suspend",
    "suspended",
    "resume",
    "resumed",
    "pause",
    "paused",
    "common",
    "uncommon",
    "rare",
    "rarer",
    "frequent",
]);

/// Words after a trigger that make it a trend, not an event.
static UNREAL_AFTER: WordList = WordList::new(&[
    "halted",
    "stopped",
    "ceased",
    "subsided",
    "declined",
    "decreased",
    "dropped",
    "diminished",
    "increased",
    "escalated",
    "intensified",
    "resumed",
    "continue",
    "continued",
    "persist",
]);

#[derive(Debug, Clone)]
struct Frame {
    attacker: Option<Role>,
    attacker_generic: bool,
    /// Further attackers joined to the first by "and" ("the Iraqi air force and coalition
    /// warplanes").
    co_attackers: Vec<usize>,
    /// The subject is a weapon or the voice hides the attacker ("three drones struck ...",
    /// "the base was hit"): another sentence may name who.
    unknown_subject: bool,
    target: Option<usize>,
    target_text: Option<String>,
    /// The country or force a target phrase belongs to: "US" in "struck two US bases".
    target_owner: Option<usize>,
    /// Places with the larger place the sentence puts each in ("Kirkuk's Rashad district").
    places: Vec<(usize, Option<usize>)>,
    /// With several places, the toll stated after each one ("..., and a third struck a house
    /// in Karrada, killing a woman").
    /// Per place, when several: the toll and weapon named in its part of the sentence.
    place_tolls: Vec<(Toll, Option<&'static str>)>,
    date: Option<PartialDate>,
    weapon: Option<&'static str>,
    toll: Toll,
    rule: &'static str,
    confidence: f32,
    anaphoric: bool,
    lemma: &'static str,
    /// The clause the frame was read from, as a token range.
    /// A killing told as an earlier event of its own: "comes two days after ISIS killed
    /// two dozen soldiers".
    separate: bool,
    clause: (usize, usize),
    /// The trigger's token, whether it is a noun, and whether a plural one ("two strikes").
    trigger: (usize, bool, bool),
}

/// An attack found in a sentence, with what cross-sentence resolution needs.
#[derive(Debug, Clone)]
struct Found {
    attack: Attack,
    anaphoric: bool,
    unknown_subject: bool,
    /// The target, or the country or force the target phrase belongs to.
    target_owner: Option<usize>,
    /// Only says where the attack just reported happened: "the incident occurred near X".
    locates: bool,
    /// An earlier event told in passing ("comes two days after ISIS killed ..."): it lends
    /// nothing to the attacks around it.
    separate: bool,
    container: Option<usize>,
    /// Every place the evidence sentence names.
    sentence_places: Vec<usize>,
    /// Dropped: a later attack carries all it says, more precisely.
    superseded: bool,
}

struct Sent<'a> {
    idx: usize,
    /// Tokens inside the name of a person.
    persons: Vec<bool>,
    /// The sentence before names a drone, rocket or missile.
    previous_weapon: bool,
    toks: &'a [Token],
    slots: Vec<Slot>,
    dates: Vec<(DateExpr, usize, usize)>,
    /// The base or facility the two sentences before name, for a weapon that arrives
    /// without a place ("two drones approached the base. ... the other exploded").
    recent_base: Option<usize>,
}

/// Weapons that fly to their target: what is downed, intercepted or lands.
static FLYING_WEAPONS: WordList = WordList::new(&[
    "drone", "drones", "rocket", "rockets", "missile", "missiles", "uav", "uavs",
]);

pub(super) fn find(input: &Input, table: &mut EntityTable) -> Vec<Attack> {
    let text = input.text;
    let mut out: Vec<Found> = Vec::new();
    let mut focus = Focus::default();
    // The day each sentence names, resolved: the fallback for attacks that name none.
    // (`None` while not yet needed.)
    let mut sentence_dates: Vec<Option<Option<PartialDate>>> = Vec::new();
    let mut base_history: Vec<Option<usize>> = Vec::new();
    let mut trends: Vec<(usize, usize)> = Vec::new();
    for (si, sentence) in input.sentences.iter().enumerate() {
        let toks = &input.tokens[si];
        let previous_weapon = si > 0
            && input.tokens[si - 1]
                .iter()
                .any(|t| FLYING_WEAPONS.contains(&t.lower.as_str()));
        let mut sent = Sent {
            idx: si,
            persons: vec![false; toks.len()],
            previous_weapon,
            toks,
            slots: Vec::new(),
            dates: Vec::new(),
            recent_base: base_history
                .iter()
                .rev()
                .take(2)
                .find_map(|b: &Option<usize>| *b),
        };
        // The sentence's own day, for attacks that name none; found below, once the
        // sentence is known to report an attack, or at the end when an attack in one of
        // the next sentences asks for it.
        sentence_dates.push(None);
        build_slots(input, table, &mut sent, &focus);
        for s in &sent.slots {
            if matches!(s.role, Role::Entity(e) if table.entities[e].kind == Kind::Person) {
                for k in s.first..s.end {
                    sent.persons[k] = true;
                }
            }
        }
        let title_like = si == 0
            && input
                .title
                .map(|t| sentence.span.of(text).trim() == t.trim())
                .unwrap_or(false);
        let sentence_places: Vec<usize> = sent
            .slots
            .iter()
            .filter_map(|s| match s.role {
                Role::Entity(e) if table.entities[e].kind.is_place() => Some(e),
                _ => None,
            })
            .collect();

        base_history.push(sent.slots.iter().rev().find_map(|s| match s.role {
            Role::Entity(e) if matches!(table.entities[e].kind, Kind::Base | Kind::Facility) => {
                Some(e)
            }
            _ => None,
        }));
        // "IS has stepped up its attacks on Iraqi forces": a trend, whose actor the
        // unattributed attacks of the next sentences ("The most recent incident took place
        // in X") belong to.
        let trend_verb = (0..toks.len()).find(|&k| {
            matches!(
                lw(toks, k),
                "stepped" | "intensified" | "escalated" | "ramped" | "increased"
            ) && (k + 1..(k + 5).min(toks.len())).any(|j| {
                matches!(
                    lw(toks, j),
                    "attack" | "attacks" | "operations" | "strikes" | "raids" | "assaults"
                )
            })
        });
        if let Some(v) = trend_verb {
            let actor = sent
                .slots
                .iter()
                .rev()
                .filter(|s| s.end <= v && v - s.end <= 4)
                .find_map(|s| match s.role {
                    Role::Entity(e)
                        if matches!(
                            table.entities[e].kind,
                            Kind::ArmedGroup | Kind::StateForce
                        ) =>
                    {
                        Some(e)
                    }
                    _ => None,
                });
            if let Some(g) = actor {
                trends.push((si, g));
            }
        }
        let triggers = find_triggers(text, &sent);
        if !triggers.is_empty() {
            sent.dates = dates_in(input, si);
            sentence_dates[si] = Some(day_of(input, si, &sent.dates));
        }
        let mut frames: Vec<Frame> = Vec::new();
        for trig in &triggers {
            if let Some(f) = frame(input, &sent, trig, &triggers, table) {
                frames.push(f);
            }
        }
        // A sentence that reports no attack lends its claims, tolls and weapons only to
        // the attacks of the five sentences before it: with none, there is nothing to do.
        if frames.is_empty() && out.last().is_none_or(|a| si - a.attack.sentence > 5) {
            focus.update(&sent, table, input);
            continue;
        }
        // "killed" beside another attack word gives the toll of that attack, not another
        // attack ("a drone struck the base, which killed two").
        // ... unless it is in a clause of its own ("The attack on X comes two days after
        // ISIS killed two dozen soldiers in the same region").
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        let others: Vec<(usize, usize)> = frames
            .iter()
            .filter(|f| f.lemma != "kill")
            .map(|f| f.clause)
            .collect();
        if !others.is_empty() {
            // Its attacker is the attack's: "IS said its fighters had killed four soldiers in
            // an ambush".
            // ... with its partners and toll: "The Iraqi air force and coalition warplanes
            // killed as many as 250 militants in airstrikes on ...".
            type Killer = (Option<Role>, (usize, usize), Vec<usize>, Toll);
            let killers: Vec<Killer> = frames
                .iter()
                .filter(|f| {
                    f.lemma == "kill" && !f.separate && matches!(f.attacker, Some(Role::Entity(_)))
                })
                .map(|f| (f.attacker, f.clause, f.co_attackers.clone(), f.toll))
                .collect();
            frames.retain(|f| {
                f.lemma != "kill" || f.separate || !others.iter().any(|o| overlaps(*o, f.clause))
            });
            for (k, c, co, toll) in killers {
                for f in frames
                    .iter_mut()
                    .filter(|f| f.attacker.is_none() && f.lemma != "kill" && overlaps(f.clause, c))
                {
                    f.attacker = k;
                    if f.co_attackers.is_empty() {
                        f.co_attackers = co.clone();
                    }
                    if f.toll.killed.is_none() {
                        f.toll.killed = toll.killed;
                    }
                    if f.toll.wounded.is_none() {
                        f.toll.wounded = toll.wounded;
                    }
                }
            }
        }
        // "X struck A on Sept. 16, and a strike in B on Sept. 24 killed nine": the strike told
        // after "and" without an actor of its own is X's too.
        for n in 1..frames.len() {
            if frames[n].attacker.is_some() || !another_attack_noun_at(toks, frames[n].clause.0) {
                continue;
            }
            let start = frames[n].clause.0;
            // ("..., and a Turkish drone strike hit": another word of the clause names one.)
            let named = frames.iter().enumerate().any(|(j, f)| {
                j != n && overlaps(f.clause, frames[n].clause) && f.attacker.is_some()
            });
            if named {
                continue;
            }
            if let Some(prev) = frames[..n]
                .iter()
                .rev()
                .find(|f| f.clause.1 <= start && matches!(f.attacker, Some(Role::Entity(_))))
            {
                let (who, co) = (prev.attacker, prev.co_attackers.clone());
                frames[n].attacker = who;
                frames[n].co_attackers = co;
            }
        }
        // "X conducted two strikes this month: a strike on A ..., and a strike in B ...": the
        // strikes after the colon are X's, and once two of them are told they say all the
        // summary before the colon did.
        if let Some(colon) = (1..toks.len()).find(|&k| toks[k].is(":")) {
            let head = frames.iter().position(|f| {
                f.trigger.0 < colon
                    && f.trigger.2
                    && f.clause.1 > colon
                    && matches!(f.attacker, Some(Role::Entity(_)))
            });
            let listed: Vec<usize> = (0..frames.len())
                .filter(|&n| frames[n].trigger.0 > colon && frames[n].trigger.1)
                .collect();
            if let (Some(h), false) = (head, listed.is_empty()) {
                let (who, co) = (frames[h].attacker, frames[h].co_attackers.clone());
                for &n in &listed {
                    if frames[n].attacker.is_none() {
                        frames[n].attacker = who;
                        frames[n].co_attackers = co.clone();
                    }
                }
                if listed.len() >= 2 {
                    frames.remove(h);
                }
            }
        }
        // "Turkish jets struck Qandil on Monday. A second strike hit a village near Amadiya":
        // the next strike of a count is the actor's of the attacks just told.
        for f in frames
            .iter_mut()
            .filter(|f| f.attacker.is_none() && f.trigger.1)
        {
            let t = f.trigger.0;
            let counted = (t.saturating_sub(3)..t).any(|k| {
                matches!(lw(toks, k), "a" | "the")
                    && matches!(lw(toks, k + 1), "second" | "third" | "fourth" | "fifth")
            });
            if !counted {
                continue;
            }
            let before = out
                .iter()
                .rev()
                .take_while(|a| si - a.attack.sentence <= 2)
                .find_map(|a| a.attack.attacker);
            if let Some(who) = before {
                f.attacker = Some(Role::Entity(who));
            }
        }
        // Participles after a comma ("..., targeting US forces") describe the attack the
        // sentence already reports.
        if frames.len() > 1 {
            let firsts = frames.iter().filter(|f| f.rule != "participle").count();
            if firsts > 0 {
                frames.retain(|f| f.rule != "participle");
            }
        }
        // Claims and blame name the attacker of an attack without one.
        if let Some(c) = claimant(input, &sent, table) {
            let own: Vec<&mut Frame> = frames
                .iter_mut()
                .filter(|f| !f.anaphoric || !f.places.is_empty())
                .collect();
            let mut applied = false;
            for f in own {
                if f.attacker.is_none()
                    || (matches!(f.attacker, Some(Role::Unknown)) && f.attacker_generic)
                {
                    f.attacker = Some(Role::Entity(c));
                    f.rule = "claim";
                    applied = true;
                }
            }
            if !applied {
                // The attacks in focus without an attacker; "claimed that attack", "the
                // latter": only the last one told.
                let last_only = (1..toks.len()).any(|k| {
                    (lw(toks, k - 1) == "that"
                        && matches!(lw(toks, k), "attack" | "strike" | "bombing" | "one"))
                        || (lw(toks, k - 1) == "the" && lw(toks, k) == "latter")
                });
                let last = out.last().map(|a| a.attack.sentence);
                for a in out
                    .iter_mut()
                    .rev()
                    .take_while(|a| si - a.attack.sentence <= 5)
                    .filter(|a| !last_only || (Some(a.attack.sentence) == last && !a.anaphoric))
                {
                    if a.attack.attacker.is_none() {
                        a.attack.attacker = Some(c);
                        a.attack.rule = "claim";
                    }
                }
                for f in frames.iter_mut() {
                    if f.attacker.is_none() {
                        f.attacker = Some(Role::Entity(c));
                    }
                }
            }
        }
        // "The Islamic Resistance later claimed both attacks", "... the two strikes": the
        // attacker of a plural anaphor is the attacker of that many attacks just told.
        let plural_anaphor = (1..toks.len()).find_map(|k| {
            if !matches!(
                lw(toks, k),
                "attacks" | "strikes" | "bombings" | "raids" | "operations"
            ) {
                return None;
            }
            match lw(toks, k - 1) {
                "both" | "two" => Some(2),
                "three" => Some(3),
                "four" => Some(4),
                _ => None,
            }
        });
        if let Some(n) = plural_anaphor {
            let claimer = frames.iter().find_map(|f| match f.attacker {
                Some(Role::Entity(e)) if f.anaphoric && f.places.is_empty() => Some(e),
                _ => None,
            });
            if let Some(e) = claimer {
                for a in out
                    .iter_mut()
                    .rev()
                    .take_while(|a| si - a.attack.sentence <= 5)
                    .filter(|a| !a.anaphoric && !a.separate)
                    .take(n)
                {
                    if a.attack.attacker.is_none() {
                        a.attack.attacker = Some(e);
                        a.attack.rule = "claim";
                    }
                }
            }
        }
        let sentence_frames = frames.len();
        // "Last week in the same district, IS claimed an attack": another attack at the
        // place of one already told.
        let another_occasion = (1..toks.len()).any(|k| same_place_at(toks, k));
        // "The last time a US soldier was killed in Iraq was August last year": an earlier
        // attack, even where its date cannot be resolved.
        let earlier_occasion = (2..toks.len()).any(|k| {
            (lw(toks, k) == "time" && lw(toks, k - 1) == "last" && lw(toks, k - 2) == "the")
                || (lw(toks, k) == "year"
                    && lw(toks, k - 1) == "last"
                    && !matches!(lw(toks, k - 2), "since" | "than"))
                || (lw(toks, k) == "ago" && matches!(lw(toks, k - 1), "years" | "year"))
        });
        for mut f in frames {
            // "claimed both attacks on Telegram": where it was said, not what was hit.
            if f.target_text.as_deref().is_some_and(|t| {
                [
                    "telegram",
                    "twitter",
                    "x",
                    "facebook",
                    "instagram",
                    "youtube",
                    "tiktok",
                ]
                .iter()
                .any(|n| t.eq_ignore_ascii_case(n))
            }) {
                f.target_text = None;
            }
            let attacker = match f.attacker {
                Some(Role::Entity(e)) => Some(e),
                _ => None,
            };
            let places: Vec<(Option<usize>, Option<usize>)> = if f.places.is_empty() {
                vec![(None, None)]
            } else {
                f.places.iter().map(|(p, c)| (Some(*p), *c)).collect()
            };
            let attackers: Vec<Option<usize>> = std::iter::once(attacker)
                .chain(f.co_attackers.iter().map(|a| Some(*a)))
                .collect();
            // What the sentence says about where a place outside the lexicon lies.
            for (place, container) in &places {
                if let (Some(p), Some(c)) = (place, container) {
                    let e = &mut table.entities[*p];
                    if e.lexicon.is_none() && e.located_in.is_none() && *p != *c {
                        e.located_in = Some(*c);
                    }
                }
            }
            for (n, (place, container)) in places.iter().enumerate() {
                let (place_toll, place_weapon) = f.place_tolls.get(n).copied().unwrap_or_default();
                for who in &attackers {
                    let single = places.len() == 1;
                    let mut confidence = f.confidence;
                    if title_like {
                        confidence *= 0.9;
                    }
                    if f.attacker_generic {
                        confidence *= 0.85;
                    }
                    out.push(Found {
                        attack: Attack {
                            attacker: *who,
                            target: f.target,
                            target_text: f.target_text.clone(),
                            place: *place,
                            date: f.date,
                            weapon: place_weapon.or(f.weapon),
                            killed: if single {
                                f.toll.killed
                            } else {
                                place_toll.killed
                            },
                            wounded: if single {
                                f.toll.wounded
                            } else {
                                place_toll.wounded
                            },
                            sentence: si,
                            evidence: sentence.span,
                            rule: f.rule,
                            confidence: (confidence * 100.0).round() / 100.0,
                        },
                        anaphoric: f.anaphoric,
                        // "The gunmen opened fire": an unnamed actor, another sentence may
                        // name.
                        unknown_subject: f.unknown_subject
                            || (f.attacker_generic && matches!(f.attacker, Some(Role::Unknown))),
                        target_owner: f.target.or(f.target_owner),
                        locates: f.lemma == "incident",
                        separate: f.separate
                            || (another_occasion && f.date.is_some())
                            || earlier_occasion,
                        container: *container,
                        sentence_places: sentence_places.clone(),
                        superseded: false,
                    });
                }
            }
        }
        // Casualty sentences without an attack of their own add to the attack in focus; an
        // updated toll ("the death toll rose to nine") replaces the earlier one.
        if sentence_frames == 0 {
            // The sentence right after an attack that says how it was done: "they were
            // seized and shot".
            if let Some(a) = out.last_mut() {
                if si - a.attack.sentence == 1 && a.attack.weapon.is_none() {
                    // Not another actor's weapon: "Russian jets carried out dozens of
                    // strikes in the area".
                    let others = |k: usize| {
                        sent.slots.iter().any(|s| {
                            s.end + 1 >= k
                                && s.end <= k
                                && matches!(s.role, Role::Entity(e)
                                    if table.entities[e].kind.can_attack()
                                        && Some(e) != a.attack.attacker)
                        })
                    };
                    a.attack.weapon = (0..toks.len())
                        .filter(|&k| !others(k))
                        .find_map(|k| weapon_at(toks, k));
                }
            }
            let mut t = toll_named(toks, 0, toks.len(), &sent.persons);
            // "Iraqi forces killed at least 8 of the assailants": the attackers' losses, told
            // after the attack, are not its toll.
            let attackers_dead = toks.iter().enumerate().any(|(k, tok)| {
                matches!(
                    tok.lower.as_str(),
                    "assailants" | "attackers" | "perpetrators" | "gunmen"
                ) && (k.saturating_sub(4)..k).any(|j| number_at(toks, j).is_some())
            });
            if attackers_dead {
                t.killed = None;
            }
            let update = toks.iter().enumerate().any(|(k, t)| {
                t.is("toll")
                    && !(k.saturating_sub(2)..k).any(|j| {
                        matches!(
                            lw(toks, j),
                            "earlier" | "initial" | "previous" | "preliminary"
                        )
                    })
            });
            if t.killed.is_some() || t.wounded.is_some() {
                // "There were no casualties reported in Erbil": the attack at the place the
                // sentence names, else the last one.
                // `out` is in sentence order: only its tail is near enough.
                let near = out.partition_point(|a| si - a.attack.sentence > 4);
                let at_place = out[near..].iter().rposition(|a| {
                    a.attack.place.is_some_and(|p| {
                        sentence_places.iter().any(|&q| {
                            table.entities[q].kind != Kind::Country
                                && (q == p
                                    || input
                                        .lexicon
                                        .is_within(&table.entities[p].id, &table.entities[q].id))
                        })
                    })
                });
                let chosen = match at_place {
                    Some(k) => Some(near + k),
                    // Sentences between that report no attack keep the last one in focus;
                    // an earlier event told in passing ("in retaliation for the killing of
                    // X") is not in focus.
                    None => out[near..]
                        .iter()
                        .rposition(|a| !a.separate)
                        .map(|k| near + k)
                        .or(out.len().checked_sub(1))
                        .filter(|&k| si - out[k].attack.sentence <= 4),
                };
                if let Some(k) = chosen {
                    // "No US troops were killed" after "11 missiles at A and another at B":
                    // nobody died in any of them. A count stays with the one in focus.
                    let none = t.killed == Some(0) && at_place.is_none();
                    let sentence = out[k].attack.sentence;
                    for (j, a) in out.iter_mut().enumerate().skip(near) {
                        let this = j == k || (none && a.attack.sentence == sentence && !a.separate);
                        if !this {
                            continue;
                        }
                        if a.attack.killed.is_none() || (update && t.killed.is_some()) {
                            a.attack.killed = t.killed;
                        }
                        if a.attack.wounded.is_none() {
                            a.attack.wounded = t.wounded;
                        }
                    }
                }
            }
        }
        focus.update(&sent, table, input);
    }
    let mut attacks = resolve(out, input.lexicon, table, input.published);
    for a in attacks.iter_mut() {
        if a.attacker.is_none() && a.place.is_some() {
            if let Some((_, g)) = trends
                .iter()
                .rev()
                .find(|(s, _)| *s < a.sentence && a.sentence - s <= 2)
            {
                a.attacker = Some(*g);
                a.confidence = (a.confidence * 0.8 * 100.0).round() / 100.0;
            }
        }
    }
    // An attack with neither attacker nor place ("rockets were fired from a site near the
    // base") only details the attack before it.
    let mut kept: Vec<Attack> = Vec::new();
    for a in attacks {
        if a.attacker.is_none() && a.place.is_none() {
            if let Some(b) = kept
                .iter_mut()
                .rev()
                .take(MERGE_WINDOW)
                .find(|b| a.sentence - b.sentence <= 3)
            {
                // Of the same sentence, another attack word with a date of its own ("...,
                // in retaliation for attacks that began last week") is another time.
                let mut detail = a.clone();
                if detail.sentence == b.sentence && b.date.is_none() {
                    detail.date = None;
                }
                fill(b, &detail);
                continue;
            }
            if a.target.is_none() {
                continue;
            }
        }
        kept.push(a);
    }
    attacks = kept;
    // The same attacker and place with a date in one mention and none in another (a
    // headline, say) are one attack.
    // A headline's "Erbil" and the body's "Erbil international airport" are one attack,
    // at the finer place.
    // Each kept attack with whether it is "another attack at the same place".
    let mut merged: Vec<(Attack, bool)> = Vec::new();
    for a in attacks {
        let inside = |x: Option<usize>, y: Option<usize>| match (x, y) {
            (Some(x), Some(y)) => input
                .lexicon
                .is_within(&table.entities[x].id, &table.entities[y].id),
            _ => false,
        };
        // "Last week in the same district, ISIS claimed an attack": another attack at the
        // place of this one.
        let another = |x: &Attack| {
            let toks = &input.tokens[x.sentence];
            x.date.is_some() && (1..toks.len()).any(|k| same_place_at(toks, k))
        };
        let a_another = another(&a);
        let start = merged.len().saturating_sub(MERGE_WINDOW);
        let found = if a_another || (a.place.is_none() && (a.sentence > 2 || a.attacker.is_none()))
        {
            None
        } else {
            // A headline's place named again in the body's sentence: "rocket attack on
            // Iraqi base near Kirkuk" and "rockets hit the K-1 base near Kirkuk".
            let named_in = |p: Option<usize>, s: usize| {
                p.is_some_and(|p| {
                    input
                        .mentions
                        .iter()
                        .any(|m| m.sentence == s && m.entity == p)
                })
            };
            // "Turkish shelling kills three" and "Turkish forces shelled the town": a country
            // and its own forces are one attacker.
            let country_and_force = |x: Option<usize>, y: Option<usize>| match (x, y) {
                (Some(x), Some(y)) => {
                    let ents = &table.entities;
                    let side = |e| side_of(input.lexicon, ents, e);
                    (ents[x].kind == Kind::Country) != (ents[y].kind == Kind::Country)
                        && side(x).is_some()
                        && side(x) == side(y)
                }
                _ => false,
            };
            // A headline's "Iran-backed militia attack" and the body's attack "claimed by
            // Kataib Hezbollah": the umbrella and one of its groups.
            let umbrella = |b: &Attack| match (b.attacker, a.attacker) {
                (Some(x), Some(y)) if b.sentence == 0 && x != y => {
                    umbrella_of(input.lexicon, &table.entities, x, y)
                }
                _ => false,
            };
            merged[start..].iter_mut().find(|(b, b_another)| {
                let force = country_and_force(a.attacker, b.attacker) || umbrella(b);
                (b.attacker == a.attacker || force)
                    && !*b_another
                    && (a.date.is_none() || b.date.is_none() || (force && a.date == b.date))
                    // Without a place, only a headline and the body's first report:
                    // "U.S. conducts airstrikes against Iran-backed militias" and "the U.S.
                    // military said it launched airstrikes Sunday evening".
                    && (a.place.is_some() || (b.place.is_none() && b.sentence == 0))
                    && (b.place == a.place
                        || inside(a.place, b.place)
                        || inside(b.place, a.place)
                        || (b.sentence == 0 && a.date.is_some() && named_in(b.place, a.sentence)))
            })
        };
        match found {
            Some((b, b_another)) => {
                // The force names the attacker more precisely than its country, a group
                // than its umbrella.
                let force = match (a.attacker, b.attacker) {
                    (Some(x), Some(y)) if x != y => Some(
                        if table.entities[x].kind == Kind::Country
                            || umbrella_of(input.lexicon, &table.entities, x, y)
                        {
                            y
                        } else {
                            x
                        },
                    ),
                    _ => None,
                };
                if let Some(f) = force {
                    b.attacker = Some(f);
                }
                // The body's place is the finer one when the headline's only comes back in
                // its sentence.
                let body_finer = b.sentence == 0
                    && a.sentence > 0
                    && b.place != a.place
                    && !inside(b.place, a.place);
                if inside(a.place, b.place) || body_finer {
                    let mut finer = a.clone();
                    fill(&mut finer, b);
                    *b = finer;
                } else {
                    fill(b, &a);
                }
                *b_another = another(b);
            }
            None => merged.push((a, a_another)),
        }
    }
    attacks = merged.into_iter().map(|(a, _)| a).collect();
    fold_headline(&mut attacks, input, &table.entities);
    // Attacks that name no date take the day the sentence before names, or the publication
    // date.
    for a in attacks.iter_mut() {
        if a.date.is_none() {
            // "The raids came two days after the militants killed ...": dated from the
            // sentence before, shifted.
            let mut day = |p: usize| {
                *sentence_dates[p].get_or_insert_with(|| day_of(input, p, &dates_in(input, p)))
            };
            let own = day(a.sentence);
            let shift = match own {
                Some(_) => 0,
                None => day_shift(&input.tokens[a.sentence]),
            };
            a.date = own
                .or_else(|| {
                    (a.sentence.saturating_sub(3)..a.sentence)
                        .rev()
                        .find_map(&mut day)
                        .map(|d| match d.as_date() {
                            Some(day) if shift != 0 => {
                                PartialDate::day(day + chrono::Duration::days(shift))
                            }
                            _ => d,
                        })
                })
                .or(input.published.map(PartialDate::day));
        }
    }
    // "A drone launched from Syria fell near X. It is unclear who launched the drone": the
    // country it came from is no attacker.
    // Only for the attacks just told: an article may go on to another attack whose
    // attacker it does know.
    let disclaimed: Vec<usize> = input
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, toks)| {
            (0..toks.len()).any(|k| {
                let w = lw(toks, k);
                let unclear = matches!(w, "unclear" | "unknown")
                    || (matches!(w, "clear" | "known") && k > 0 && lw(toks, k - 1) == "not");
                unclear && lw(toks, k + 1) == "who"
            })
        })
        .map(|(s, _)| s)
        .collect();
    for a in attacks.iter_mut() {
        let near = disclaimed
            .iter()
            .any(|&s| s >= a.sentence && s - a.sentence <= 2);
        if near
            && a.attacker
                .is_some_and(|e| table.entities[e].kind == Kind::Country)
        {
            a.attacker = None;
        }
    }
    dedupe(attacks)
}

/// The shift in days a "two days after" / "a day before" phrase gives an event it
/// introduces, relative to the date named earlier: "after" goes back, "before" forward.
fn day_shift(toks: &[Token]) -> i64 {
    // "A day earlier, a drone struck ...", "Two days later, ...": at the sentence's start.
    if matches!(lw(toks, 1), "day" | "days") && matches!(lw(toks, 2), "earlier" | "later") {
        if let Some(n) = day_count(lw(toks, 0)) {
            return if lw(toks, 2) == "earlier" { -n } else { n };
        }
    }
    (2..toks.len()).find_map(|k| shift_at(toks, k)).unwrap_or(0)
}

/// The number of days a word before "day(s)" gives: "a", "two", "3".
fn day_count(w: &str) -> Option<i64> {
    match w {
        "a" | "one" | "the" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        w => w.parse::<i64>().ok().filter(|v| *v < 60),
    }
}

/// The shift "N day(s) after|before" ending at token `k` gives.
fn shift_at(toks: &[Token], k: usize) -> Option<i64> {
    let rel = lw(toks, k);
    if k < 2 || !matches!(rel, "after" | "before") || !matches!(lw(toks, k - 1), "day" | "days") {
        return None;
    }
    let n = day_count(lw(toks, k - 2))?;
    Some(if rel == "after" { -n } else { n })
}

/// What the article is about so far: the armed groups by salience (mentions, subjects,
/// recency) and the places in the order they were last named.
#[derive(Debug, Default)]
struct Focus {
    groups: Vec<(usize, f32)>,
    places: Vec<usize>,
}

impl Focus {
    fn update(&mut self, sent: &Sent, table: &EntityTable, input: &Input) {
        for g in self.groups.iter_mut() {
            g.1 *= 0.7;
        }
        let ents = &table.entities;
        let named: Vec<&Slot> = sent
            .slots
            .iter()
            .filter(|s| {
                !s.from_focus
                    && matches!(s.role, Role::Entity(e) if ents[e].kind == Kind::ArmedGroup)
            })
            .collect();
        let specific = named
            .iter()
            .any(|s| matches!(s.role, Role::Entity(e) if !is_collective(&ents[e].id)));
        let first_actor = sent
            .slots
            .iter()
            .find(|s| matches!(s.role, Role::Entity(e) if ents[e].kind.is_actor()))
            .map(|s| s.first);
        for s in named {
            let Role::Entity(e) = s.role else { continue };
            // "Iran-backed militias" stands in focus only when no group is named.
            if is_collective(&ents[e].id) && specific {
                continue;
            }
            let weight = if Some(s.first) == first_actor {
                3.0
            } else {
                1.0
            };
            match self.groups.iter_mut().find(|g| g.0 == e) {
                Some(g) => g.1 += weight,
                None => self.groups.push((e, weight)),
            }
        }
        for s in &sent.slots {
            if let Role::Entity(e) = s.role {
                if ents[e].kind.is_place() && ents[e].kind != Kind::Country && !s.from_focus {
                    self.places.retain(|p| *p != e);
                    self.places.push(e);
                }
            }
        }
        let _ = input;
    }

    /// The most salient armed group.
    fn group(&self) -> Option<usize> {
        self.group_where(|_| true)
    }

    fn group_where(&self, keep: impl Fn(usize) -> bool) -> Option<usize> {
        self.groups
            .iter()
            .rev()
            .filter(|g| keep(g.0))
            .fold(None, |best: Option<(usize, f32)>, g| match best {
                Some(b) if b.1 >= g.1 => Some(b),
                _ => Some(*g),
            })
            .map(|g| g.0)
    }

    /// The place of one of `kinds` named last.
    fn place(&self, ents: &[Entity], kinds: &[Kind]) -> Option<usize> {
        self.places
            .iter()
            .rev()
            .find(|p| kinds.contains(&ents[**p].kind))
            .copied()
    }
}

/// Collective names of several groups.
fn is_collective(id: &str) -> bool {
    matches!(
        id,
        "actor/iran-backed-militias" | "actor/iraqi-armed-factions"
    )
}

/// The stem an ethnic or sectarian adjective shares with group names: "Kurdish" → "kurd".
fn ethnic_stem(adjective: &str) -> Option<&'static str> {
    Some(match adjective {
        "kurdish" => "kurd",
        "shiite" | "shia" | "shi'ite" => "shi",
        "sunni" => "sunni",
        "turkmen" => "turkmen",
        "yazidi" => "yazidi",
        "tribal" => "trib",
        "arab" => "arab",
        "iraqi" => "iraq",
        "syrian" => "syria",
        "jihadist" | "jihadists" | "jihadi" | "jihadis" | "extremist" | "extremists"
        | "terrorist" | "terrorists" | "insurgents" | "insurgent" | "islamist" | "islamists" => {
            "jihad"
        }
        _ => return None,
    })
}

fn tok_at(toks: &[Token], byte: usize) -> Option<usize> {
    toks.iter().position(|t| t.span.start >= byte)
}

fn tok_before(toks: &[Token], byte: usize) -> Option<usize> {
    toks.iter().rposition(|t| t.span.end <= byte)
}

fn lw(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

/// Marks every stretch of the sentence that can fill a role: entity mentions, generic actor
/// nouns, "the base", weapons as subjects, nationality adjectives.
fn build_slots(input: &Input, table: &mut EntityTable, sent: &mut Sent, focus: &Focus) {
    let toks = sent.toks;
    let text = input.text;
    let mut taken = vec![false; toks.len()];
    // (Mentions come sorted by position, so a sentence's are one run.)
    let first = input.mentions.partition_point(|m| m.sentence < sent.idx);
    let run = input.mentions[first..]
        .iter()
        .take_while(|m| m.sentence == sent.idx);
    for m in run {
        let (Some(a), Some(b)) = (tok_at(toks, m.span.start), tok_before(toks, m.span.end)) else {
            continue;
        };
        if b < a {
            continue;
        }
        // "Iran-backed", "US-led": a modifier, not the actor or place itself. An armed
        // group stays the owner of what follows: "an IS-affiliated drone".
        let kind = table.entities[m.entity].kind;
        let group = kind.can_attack() && kind != Kind::Country;
        // "Sgt. X, 27, of Pueblo, Colorado": a hometown is no place of what happened.
        if (lw(toks, b + 1) == "-" && is_sponsor_suffix(lw(toks, b + 2)) && !group)
            || m.rule == "name:us-town"
        {
            for t in taken.iter_mut().take(b + 1).skip(a) {
                *t = true;
            }
            continue;
        }
        for t in taken.iter_mut().take(b + 1).skip(a) {
            *t = true;
        }
        sent.slots.push(Slot {
            first: a,
            end: b + 1,
            role: Role::Entity(m.entity),
            generic: false,
            weapon: false,
            from_focus: false,
        });
    }
    for i in 0..toks.len() {
        if taken[i] {
            continue;
        }
        let w = toks[i].lower.as_str();
        // Nationality adjectives before a force or attack word: "Turkish warplanes".
        if let Some(place_id) = demonym(w) {
            // Past a named weapon or model: "Turkish Bayraktar TB2 drones", "Iraqi F-16 jets".
            let mut n = i + 1;
            let mut named_weapon = false;
            for _ in 0..2 {
                if let Some(s) = sent.slots.iter().find(|s| {
                    s.first == n
                        && matches!(s.role, Role::Entity(e) if table.entities[e].kind == Kind::Weapon)
                }) {
                    n = s.end;
                    named_weapon = true;
                } else if is_model_at(toks, n) {
                    n = model_end(toks, n);
                }
            }
            // Coordinated nationalities share the noun: "Russian and Syrian warplanes",
            // "US, British and French forces", "Iraqi and Kurdish forces".
            if matches!(lw(toks, n), "and" | ",") {
                let mut m = n;
                while m < (n + 8).min(toks.len())
                    && (matches!(lw(toks, m), "and" | ",")
                        || demonym(lw(toks, m)).is_some()
                        || matches!(lw(toks, m), "kurdish" | "shiite" | "sunni" | "arab" | "tribal")
                        || sent.slots.iter().any(|s| {
                            s.first == m
                                && matches!(s.role, Role::Entity(e) if table.entities[e].kind == Kind::Country)
                        }))
                {
                    m += 1;
                }
                if m > n + 1 && !matches!(lw(toks, m - 1), "and" | ",") {
                    n = m;
                }
            }
            let next = lw(toks, n);
            let mut is_attacker_mod = matches!(
                next,
                "warplanes"
                    | "warplane"
                    | "jets"
                    | "jet"
                    | "aircraft"
                    | "drone"
                    | "drones"
                    | "forces"
                    | "troops"
                    | "military"
                    | "army"
                    | "airstrike"
                    | "airstrikes"
                    | "strike"
                    | "strikes"
                    | "missile"
                    | "missiles"
                    | "attack"
                    | "attacks"
                    | "artillery"
                    | "helicopters"
                    | "helicopter"
                    | "soldiers"
                    | "navy"
                    | "raid"
                    | "raids"
                    | "rocket"
                    | "rockets"
                    | "shelling"
                    | "bombardment"
                    | "fighter"
                    | "warships"
                    | "retaliatory"
                    | "howitzers"
                    | "howitzer"
                    | "cannons"
                    | "tanks"
                    | "gunboats"
            );
            if next == "air"
                && matches!(
                    lw(toks, i + 2),
                    "strike" | "strikes" | "force" | "raid" | "raids"
                )
            {
                is_attacker_mod = true;
            }
            if named_weapon {
                is_attacker_mod = true;
            }
            if next == "-" {
                is_attacker_mod = false;
            }
            if is_attacker_mod {
                if let Some(li) = input.lexicon.index_of(place_id) {
                    let e = &input.lexicon.entries[li];
                    let id = table.known(e, li, toks[i].text(text));
                    sent.slots.push(Slot {
                        first: i,
                        end: i + 1,
                        role: Role::Entity(id),
                        generic: true,
                        weapon: false,
                        from_focus: false,
                    });
                    taken[i] = true;
                }
            }
            continue;
        }
        // "the base", "the same facility": the base in focus.
        if matches!(
            w,
            "base" | "airbase" | "facility" | "camp" | "garrison" | "outpost" | "field"
        ) || (w == "air" && lw(toks, i + 1) == "base")
        {
            let prev = lw(toks, i.saturating_sub(1));
            let prev2 = lw(toks, i.saturating_sub(2));
            if i > 0 && (prev == "the" || (prev == "same" && prev2 == "the") || prev == "this") {
                // "the base" is the base in focus before any other facility named since.
                let base_word = matches!(w, "base" | "airbase" | "garrison" | "outpost" | "air");
                let found = if base_word {
                    focus.place(&table.entities, &[Kind::Base])
                } else {
                    None
                }
                .or_else(|| focus.place(&table.entities, &[Kind::Base, Kind::Facility]));
                if let Some(b) = found {
                    let end = if w == "air" { i + 2 } else { i + 1 };
                    sent.slots.push(Slot {
                        first: i - 1,
                        end,
                        role: Role::Entity(b),
                        generic: true,
                        weapon: false,
                        from_focus: true,
                    });
                    taken[i] = true;
                }
            }
            continue;
        }
        // "the town", "the same area", "the village": the place of that kind in focus.
        if matches!(
            w,
            "town"
                | "city"
                | "village"
                | "area"
                | "region"
                | "district"
                | "airport"
                | "prison"
                | "province"
        ) && i > 0
            && (lw(toks, i - 1) == "the"
                || (lw(toks, i - 1) == "same" && lw(toks, i.saturating_sub(2)) == "the"))
            && !matches!(lw(toks, i + 1), "of" | "'s")
        {
            let kinds: &[Kind] = match w {
                "town" | "city" | "village" => &[Kind::Settlement],
                "airport" | "prison" => &[Kind::Facility, Kind::Base],
                // "tensions in the region" is never a base or a town.
                "district" | "province" | "region" => &[Kind::Region],
                _ => &[
                    Kind::Settlement,
                    Kind::Region,
                    Kind::Feature,
                    Kind::Facility,
                    Kind::Base,
                ],
            };
            if let Some(p) = focus.place(&table.entities, kinds) {
                let first = if lw(toks, i - 1) == "same" {
                    i - 2
                } else {
                    i - 1
                };
                sent.slots.push(Slot {
                    first,
                    end: i + 1,
                    role: Role::Entity(p),
                    generic: true,
                    weapon: false,
                    from_focus: true,
                });
                taken[i] = true;
            }
            continue;
        }
        if GENERIC_ACTORS.contains(&w) {
            // Look at the modifiers before the noun.
            let mut a = i;
            while a > 0
                && !taken[a - 1]
                && a + 5 > i
                && matches!(toks[a - 1].kind, TokenKind::Word | TokenKind::Punct)
                && toks[a - 1].lower != ","
                && !PREPOSITIONS.contains(&toks[a - 1].lower.as_str())
                && !crate::extract::cues::SAY_VERBS.contains(&toks[a - 1].lower.as_str())
                && !matches!(
                    toks[a - 1].lower.as_str(),
                    "after"
                        | "before"
                        | "when"
                        | "while"
                        | "that"
                        | "which"
                        | "who"
                        | "and"
                        | "or"
                        | "but"
                        | "as"
                        | "since"
                        | "because"
                        | "days"
                        | "hours"
                        | "weeks"
                        | "later"
                        | "earlier"
                        | "then"
                        | "had"
                        | "have"
                        | "has"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                        | "blamed"
                        | "blames"
                        | "accused"
                        | "accuses"
                        | "attributed"
                        | "killed"
                        | "attacked"
                        | "targeted"
                        | "struck"
                )
            {
                a -= 1;
                // A determiner opens the noun phrase.
                if matches!(
                    toks[a].lower.as_str(),
                    "the" | "a" | "an" | "its" | "their" | "those" | "these" | "his"
                ) {
                    break;
                }
            }
            let mods: Vec<&str> = (a..i).map(|k| toks[k].lower.as_str()).collect();
            let iran_backed = is_iran_backed(&mods);
            let mut from_focus = false;
            let role = if iran_backed {
                let id = iran_backed_militias(input, table);
                Role::Entity(id)
            } else if w == "it" {
                // "X said it had targeted ...", "It also claimed ...": only before an attack or
                // claim verb, and then the actor of the sentence or the group in focus.
                let mut v = i + 1;
                while v < toks.len()
                    && matches!(
                        lw(toks, v),
                        "had" | "has" | "also" | "then" | "later" | "once"
                    )
                {
                    v += 1;
                }
                let verb_follows = matches!(
                    lw(toks, v),
                    "claimed"
                        | "claims"
                        | "targeted"
                        | "attacked"
                        | "struck"
                        | "fired"
                        | "launched"
                        | "carried"
                        | "hit"
                        | "shelled"
                        | "bombed"
                        | "downed"
                        | "killed"
                );
                if !verb_follows {
                    continue;
                }
                let earlier = sent.slots.iter().rev().find(|s| {
                    s.end <= i
                        && !s.weapon
                        && matches!(s.role, Role::Entity(e) if table.entities[e].kind.can_attack())
                });
                match (earlier, focus.group()) {
                    (Some(s), _) => s.role,
                    (None, Some(g)) => {
                        from_focus = true;
                        Role::Entity(g)
                    }
                    (None, None) => continue,
                }
            } else if w == "they"
                || mods
                    .first()
                    .map(|m| matches!(*m, "its" | "their"))
                    .unwrap_or(false)
            {
                // "they": the actor named last in the sentence, else the group in focus.
                let earlier = sent.slots.iter().rev().find(|s| {
                    s.end <= i
                        && !s.weapon
                        && match s.role {
                            Role::Entity(e) => table.entities[e].kind.can_attack(),
                            Role::Unknown => true,
                        }
                });
                match (earlier, focus.group()) {
                    (Some(s), _) => s.role,
                    (None, Some(g)) => {
                        from_focus = true;
                        Role::Entity(g)
                    }
                    (None, None) => Role::Unknown,
                }
            } else if mods
                .iter()
                .any(|m| UNKNOWN_MARKERS.contains(m) && *m != "armed")
                || (w.starts_with("gunm")
                    || w == "attackers"
                    || w == "assailants"
                    || w == "bombers"
                    || w == "bomber")
            {
                Role::Unknown
            } else if FOCUS_NOUNS.contains(&w)
                && (mods.contains(&"the")
                    || mods.contains(&"those")
                    || mods.contains(&"these")
                    || mods.is_empty()
                    || mods.iter().any(|m| {
                        matches!(
                            *m,
                            "jihadist" | "extremist" | "terrorist" | "suspected" | "islamist"
                        )
                    }))
                && !mods.iter().any(|m| {
                    matches!(
                        *m,
                        "armed"
                            | "local"
                            | "rival"
                            | "other"
                            | "several"
                            | "some"
                            | "two"
                            | "three"
                            | "four"
                            | "many"
                    )
                })
            {
                // "the Kurdish militants": the group in focus, if it is Kurdish; "the
                // jihadists", "the insurgents": a jihadist group.
                let qualifier = mods
                    .iter()
                    .chain(std::iter::once(&w))
                    .find_map(|m| ethnic_stem(m));
                let group = match qualifier {
                    Some("jihad") => focus
                        .group_where(|g| {
                            let l = table.entities[g].label.to_lowercase();
                            [
                                "islamic state",
                                "qaeda",
                                "nusra",
                                "tahrir al-sham",
                                "hurras",
                                "ansar al",
                                "jund",
                            ]
                            .iter()
                            .any(|j| l.contains(j))
                        })
                        .or_else(|| focus.group()),
                    Some(stem) => focus.group_where(|g| {
                        let e = &table.entities[g];
                        let lex = e.lexicon.map(|li| &input.lexicon.entries[li]);
                        std::iter::once(&e.label)
                            .chain(lex.into_iter().flat_map(|l| l.aliases.iter()))
                            .any(|n| n.to_lowercase().contains(stem))
                    }),
                    None => focus.group(),
                };
                match group {
                    Some(g) => {
                        from_focus = true;
                        Role::Entity(g)
                    }
                    None => Role::Unknown,
                }
            } else {
                Role::Unknown
            };
            // Plural generic nouns with a named group right before are part of that mention.
            if a > 0 && taken[a - 1] && a == i {
                continue;
            }
            // "an IS suicide bomber", "PKK drone operators": the named group's member.
            let mut role = role;
            // "gunmen believed to belong to the Islamic State group", "militants affiliated
            // with the PKK", "fighters loyal to X", "gunmen from the Islamic State": the group
            // named after the noun.
            {
                let mut k = i + 1;
                let mut linked = false;
                while k < toks.len() && k <= i + 6 {
                    match lw(toks, k) {
                        "from" | "of" if k == i + 1 => linked = true,
                        "believed" | "suspected" | "thought" | "said" | "reported" | "to"
                        | "be" | "of" | "with" | "the" => {}
                        "belong" | "belonging" | "affiliated" | "linked" | "loyal" | "allied"
                        | "tied" | "members" => linked = true,
                        _ => break,
                    }
                    k += 1;
                }
                if linked {
                    if let Some(owner) = sent
                        .slots
                        .iter()
                        .find(|s| s.first <= k && k < s.end && !s.weapon)
                    {
                        if let Role::Entity(e) = owner.role {
                            if table.entities[e].kind.can_attack()
                                && table.entities[e].kind != Kind::Country
                            {
                                role = owner.role;
                                from_focus = false;
                            }
                        }
                    }
                }
            }
            if a > 0 && taken[a - 1] && matches!(role, Role::Unknown) {
                if let Some(owner) = sent.slots.iter().find(|s| s.end == a && !s.weapon) {
                    if let Role::Entity(e) = owner.role {
                        if table.entities[e].kind.can_attack()
                            && table.entities[e].kind != Kind::Country
                        {
                            role = owner.role;
                        }
                    }
                }
            }
            sent.slots.push(Slot {
                first: a,
                end: i + 1,
                role,
                generic: true,
                weapon: false,
                from_focus,
            });
            for t in taken.iter_mut().take(i + 1).skip(a) {
                *t = true;
            }
            continue;
        }
        if WEAPON_NOUNS.contains(&w) {
            sent.slots.push(Slot {
                first: i,
                end: i + 1,
                role: Role::Unknown,
                generic: true,
                weapon: true,
                from_focus: false,
            });
        }
    }
    sent.slots.sort_by_key(|s| s.first);
}

/// The slot names a weapon: "a Bayraktar TB2 drone".
fn is_weapon_entity(s: &Slot, ents: &[Entity]) -> bool {
    matches!(s.role, Role::Entity(e) if ents[e].kind == Kind::Weapon)
}

/// A weapon model designation starts at `i`: "F-16", "Su-24", "MQ-9", "TB2".
fn is_model_at(toks: &[Token], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    let l = &t.lower;
    (l.chars().any(|c| c.is_ascii_digit())
        && l.chars().any(|c| c.is_ascii_alphabetic())
        && l.len() <= 6)
        || (l.len() <= 3
            && l.chars().all(|c| c.is_ascii_alphabetic())
            && toks.get(i + 1).map(|n| n.is("-")).unwrap_or(false)
            && toks
                .get(i + 2)
                .map(|n| n.kind == TokenKind::Number)
                .unwrap_or(false))
}

/// The index after the model designation starting at `i`.
fn model_end(toks: &[Token], i: usize) -> usize {
    if toks[i].lower.chars().any(|c| c.is_ascii_digit()) {
        i + 1
    } else {
        i + 3
    }
}

fn is_sponsor_suffix(w: &str) -> bool {
    matches!(
        w,
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
            | "armed"
            | "friendly"
            | "loyal"
            | "leaning"
            | "inspired"
    )
}

fn is_iran_backed(mods: &[&str]) -> bool {
    let joined = mods.join(" ");
    (joined.contains("iran - backed")
        || joined.contains("iranian - backed")
        || joined.contains("tehran - backed")
        || joined.contains("iran - aligned")
        || joined.contains("iran - allied")
        || joined.contains("iran - linked")
        || joined.contains("iran - affiliated")
        || joined.contains("iran - supported")
        || joined.contains("iran - sponsored")
        || joined.contains("iran - based")
        || joined.contains("pro - iran")
        || joined.contains("pro - iranian")
        || joined.contains("pro - tehran"))
        && !joined.contains("not")
}

fn iran_backed_militias(input: &Input, table: &mut EntityTable) -> usize {
    const ID: &str = "actor/iran-backed-militias";
    match input.lexicon.index_of(ID) {
        Some(li) => {
            let e = &input.lexicon.entries[li];
            table.add(e.id.clone(), e.kind(), e.label.clone(), Some(li))
        }
        None => table.add(
            ID.to_string(),
            Kind::ArmedGroup,
            "Iran-backed militias".to_string(),
            None,
        ),
    }
}

/// Finds attack triggers in a sentence.
/// The words, besides those of `NOUNS` and `VERBS`, that the tests of [`find_triggers`]
/// begin with. A branch added there must add its first word here.
static TRIGGER_WORDS: WordList = WordList::new(&[
    // "air strike", "air raid"
    "air",
    // interceptions
    "shot",
    "shoot",
    "shoots",
    "shooting",
    "destroyed",
    "destroying",
    "downed",
    "intercepted",
    "intercept",
    "intercepting",
    "thwarted",
    "foiled",
    "repelled",
    "repulsed",
    // wounding by a weapon
    "wounded",
    "injured",
    // "the incident occurred near"
    "incident",
    "explosion",
    "blast",
    "attack",
    "ambush",
    "bombing",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "attacks",
    "raid",
    "raids",
    // clashes
    "clashes",
    "clashed",
    "clash",
    "fighting",
    "battles",
    "skirmishes",
    "confrontations",
    "firefight",
    // "went off"
    "went",
    "go",
    "goes",
    "going",
    "gone",
    // "came under", "subjected to"
    "came",
    "come",
    "comes",
    "coming",
    "subjected",
]);

fn find_triggers(text: &str, sent: &Sent) -> Vec<Trigger> {
    let toks = sent.toks;
    let mut out = Vec::new();
    let in_slot = |i: usize| {
        sent.slots
            .iter()
            .any(|s| !s.generic && s.first <= i && i < s.end)
    };
    let mut i = 0;
    while i < toks.len() {
        let w = toks[i].lower.as_str();
        // Most words start no trigger: turn them away with one lookup.
        if !TRIGGER_WORDS.contains(w) && NOUNS.get(w).is_none() && VERBS.get(w).is_none() {
            i += 1;
            continue;
        }
        let prev = if i > 0 { lw(toks, i - 1) } else { "" };
        let next = lw(toks, i + 1);
        if in_slot(i) || toks[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        // "air strike(s)", "air raid(s)"
        if w == "air"
            && matches!(
                next,
                "strike" | "strikes" | "raid" | "raids" | "attack" | "attacks"
            )
        {
            let plural = next.ends_with('s');
            out.push(Trigger {
                tok: i,
                end: i + 2,
                kind: TrigKind::Noun,
                plural,
                anaphoric: is_anaphoric(toks, i),
                lemma: "airstrike",
            });
            i += 2;
            continue;
        }
        // "shot down", "downed", "intercepted"
        if (w == "shot" || w == "shoot" || w == "shoots" || w == "shooting") && next == "down"
            || (matches!(w, "destroyed" | "destroying")
                && (i + 1..(i + 5).min(toks.len()))
                    .any(|k| matches!(lw(toks, k), "drone" | "drones" | "uav" | "uavs")))
            || matches!(
                w,
                "downed"
                    | "intercepted"
                    | "intercept"
                    | "intercepting"
                    | "thwarted"
                    | "foiled"
                    | "repelled"
                    | "repulsed"
            )
        {
            let end = if next == "down" { i + 2 } else { i + 1 };
            out.push(Trigger {
                tok: i,
                end,
                kind: TrigKind::Intercept,
                plural: false,
                anaphoric: false,
                lemma: "intercept",
            });
            i = end;
            continue;
        }
        // "a bomb planted under a bridge wounded three soldiers": wounding is an attack
        // when a weapon does it (in the active voice; "three were wounded" is a toll).
        if matches!(w, "wounded" | "injured")
            && !matches!(
                prev,
                "was" | "were" | "been" | "being" | "is" | "are" | "and" | "," | "or" | "be"
            )
            && (i.saturating_sub(10)..i).any(|k| weapon_at(toks, k).is_some())
            && (super::numbers::number_at(toks, i + 1).is_some()
                || matches!(next, "a" | "an" | "several" | "dozens" | "at"))
        {
            out.push(Trigger::word(i, TrigKind::Verb, false, "wound"));
            i += 1;
            continue;
        }
        // "the incident occurred near the village of X": where the attack in focus was.
        if matches!(
            w,
            "incident"
                | "explosion"
                | "blast"
                | "attack"
                | "ambush"
                | "bombing"
                | "strike"
                | "strikes"
                | "airstrike"
                | "airstrikes"
                | "attacks"
                | "raid"
                | "raids"
        ) && (matches!(next, "occurred" | "took" | "happened")
            // "The strikes, near Albu Kamal, were carried out by two F-16s", "the raid
            // near X was conducted by": a place put beside the attack just told.
            || ((matches!(next, "near" | "in" | "at" | "outside")
                || (next == "," && matches!(lw(toks, i + 2), "near" | "in" | "at" | "outside")))
                && (i + 2..(i + 12).min(toks.len())).any(|k| {
                    matches!(lw(toks, k), "was" | "were")
                        && matches!(lw(toks, k + 1), "carried" | "conducted" | "launched")
                })))
            // "The strikes took place in X": the ones just told, even in the plural.
            && (is_anaphoric(toks, i) || (prev == "the" && w.ends_with('s')))
        {
            out.push(Trigger::word(i, TrigKind::Noun, true, "incident"));
            i += 1;
            continue;
        }
        // "Fighting erupted between X and Y", "skirmishes broke out between X and Y".
        let fighting_between = matches!(
            w,
            "fighting" | "battles" | "skirmishes" | "confrontations" | "firefight"
        ) && (i + 1..(i + 4).min(toks.len())).any(|k| lw(toks, k) == "between")
            // "years of fighting between Turkey and the PKK": a long war, not an event.
            && prev != "of";
        if matches!(w, "clashes" | "clashed" | "clash") || fighting_between {
            out.push(Trigger {
                tok: i,
                end: i + 1,
                kind: TrigKind::Clash,
                plural: w == "clashes" || (fighting_between && w.ends_with('s')),
                anaphoric: prev == "the",
                lemma: "clash",
            });
            i += 1;
            continue;
        }
        if (w == "came" || w == "come" || w == "comes" || w == "coming") && next == "under" {
            out.push(Trigger::phrase(i, i + 3, TrigKind::ComeUnder, "come-under"));
            i += 3;
            continue;
        }
        // "a bomb went off near a patrol": a blast, when a weapon went off.
        if matches!(w, "went" | "go" | "goes" | "going" | "gone")
            && next == "off"
            && (i.saturating_sub(6)..i).any(|k| weapon_at(toks, k).is_some())
        {
            out.push(Trigger::phrase(i, i + 2, TrigKind::Verb, "explode"));
            i += 2;
            continue;
        }
        if w == "subjected" && next == "to" {
            out.push(Trigger::phrase(i, i + 2, TrigKind::ComeUnder, "come-under"));
            i += 2;
            continue;
        }
        let noun = NOUNS.get(w).copied();
        let verb = VERBS.get(w).copied();
        let is_noun = noun.is_some() && (verb.is_none() || looks_like_noun(text, toks, i));
        if is_noun {
            let lemma = noun.unwrap();
            // "a heart attack", "a panic attack": not a use of force.
            if matches!(
                prev,
                "heart" | "panic" | "asthma" | "anxiety" | "cyber" | "verbal"
            ) {
                i += 1;
                continue;
            }
            // "an air aggression" (the Syrian state media's word for an air raid); not
            // "aggression" alone, which is as often a charge as an event.
            if w == "aggression"
                && !matches!(prev, "air" | "aerial" | "missile" | "rocket" | "drone")
            {
                i += 1;
                continue;
            }
            // "operation" only as "operation against X" with an agent.
            if lemma == "operation" && !(next == "against" || (next == "by")) {
                i += 1;
                continue;
            }
            // "hit-and-run attacks": still an attack noun.
            let plural = w.ends_with('s') && !w.ends_with("ss");
            out.push(Trigger {
                tok: i,
                end: i + 1,
                kind: TrigKind::Noun,
                plural,
                anaphoric: is_anaphoric(toks, i),
                lemma,
            });
            i += 1;
            continue;
        }
        if let Some(lemma) = verb {
            // After an article or possessive it is a noun: "the target of", "their targets".
            if matches!(
                prev,
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "main"
                    | "key"
                    | "legitimate"
            ) {
                i += 1;
                continue;
            }
            // "hit-and-run"
            if next == "-" {
                i += 1;
                continue;
            }
            // "a video shot on January 8", "footage shot by a resident": filmed.
            if w == "shot"
                && matches!(
                    prev,
                    "video"
                        | "videos"
                        | "footage"
                        | "film"
                        | "photo"
                        | "photos"
                        | "image"
                        | "images"
                        | "picture"
                        | "pictures"
                        | "clip"
                        | "clips"
                        | "photograph"
                )
            {
                i += 1;
                continue;
            }
            // Words that are only attacks with an object or a preposition.
            match lemma {
                // "fired rockets at", "opened fire on"; not "fire broke out", "under fire"
                "fire"
                    if w == "fire" && !matches!(prev, "opened" | "open" | "opening" | "opens") =>
                {
                    i += 1;
                    continue;
                }
                "launch" => {
                    // "launched an attack / drones / rockets ..."; not "launched a campaign"
                    // Passive: the weapon comes first ("two drones were launched against").
                    let before = if is_passive(text, toks, i) {
                        i.saturating_sub(6)
                    } else {
                        i + 1
                    };
                    // "launched more than a dozen ballistic missiles": up to seven words on.
                    let window: Vec<&str> = (before..(i + 8).min(toks.len()))
                        .filter(|&k| k != i)
                        .map(|k| lw(toks, k))
                        .collect();
                    let ok = window.iter().any(|x| {
                        matches!(
                            *x,
                            "attack"
                                | "attacks"
                                | "strike"
                                | "strikes"
                                | "airstrike"
                                | "airstrikes"
                                | "drone"
                                | "drones"
                                | "rocket"
                                | "rockets"
                                | "missile"
                                | "missiles"
                                | "mortar"
                                | "mortars"
                                | "raid"
                                | "raids"
                                | "assault"
                                | "offensive"
                                | "barrage"
                                | "projectiles"
                                | "uavs"
                                | "ambush"
                                | "bombardment"
                                | "shells"
                                | "operation"
                        )
                    });
                    if !ok {
                        i += 1;
                        continue;
                    }
                }
                "destroy" => {
                    // Only "destroyed (N) camps / positions / vehicles / targets": strikes;
                    // or a weapon that destroyed something: "an IS drone destroyed a house".
                    // The object only: "destroyed tents in a camp" hit no camp.
                    let window: Vec<&str> = (i + 1..(i + 6).min(toks.len()))
                        .map(|k| lw(toks, k))
                        .take_while(|x| !PREPOSITIONS.contains(x))
                        .collect();
                    let by_weapon = (i.saturating_sub(3)..i).any(|k| weapon_at(toks, k).is_some());
                    if !by_weapon
                        && !window.iter().any(|x| {
                            matches!(
                                *x,
                                "camps"
                                    | "camp"
                                    | "positions"
                                    | "position"
                                    | "vehicles"
                                    | "targets"
                                    | "hideouts"
                                    | "hideout"
                                    | "tunnels"
                                    | "headquarters"
                                    | "depot"
                                    | "depots"
                                    | "launchers"
                            )
                        })
                    {
                        i += 1;
                        continue;
                    }
                }
                "blow"
                    if !(next == "up"
                        || (matches!(next, "himself" | "themselves" | "herself")
                            && lw(toks, i + 2) == "up")) =>
                {
                    i += 1;
                    continue;
                }
                // "dropped bombs / an explosive device / grenades on ..."
                "drop" => {
                    let window: Vec<&str> = (i + 1..(i + 5).min(toks.len()))
                        .map(|k| lw(toks, k))
                        .collect();
                    if !window.iter().any(|x| {
                        matches!(
                            *x,
                            "bomb"
                                | "bombs"
                                | "explosive"
                                | "explosives"
                                | "device"
                                | "devices"
                                | "grenade"
                                | "grenades"
                                | "munitions"
                                | "munition"
                                | "shells"
                                | "projectiles"
                                | "mortar"
                                | "rockets"
                                | "missiles"
                        )
                    }) {
                        i += 1;
                        continue;
                    }
                }
                // A weapon that explodes, lands or slams into something: "a roadside bomb
                // exploded", "rockets landed near the embassy", "ten rockets slammed into".
                "explode" | "land" | "slam" => {
                    let before: Vec<&str> = (i.saturating_sub(5)..i).map(|k| lw(toks, k)).collect();
                    let weapon_subject = before.iter().any(|x| {
                        matches!(
                            *x,
                            "bomb"
                                | "bombs"
                                | "ied"
                                | "ieds"
                                | "device"
                                | "drone"
                                | "drones"
                                | "rocket"
                                | "rockets"
                                | "missile"
                                | "missiles"
                                | "mortar"
                                | "mortars"
                                | "shell"
                                | "shells"
                                | "projectile"
                                | "projectiles"
                                | "grenade"
                                | "explosives"
                                | "vest"
                                | "car"
                                | "one"
                                | "third"
                                | "second"
                                | "another"
                                | "other"
                                | "bomber"
                                | "bombers"
                                | "himself"
                                | "themselves"
                        )
                    });
                    // "drones fell down on a residential area".
                    let next = if w == "fell" && next == "down" {
                        lw(toks, i + 2)
                    } else {
                        next
                    };
                    let place_after = matches!(
                        next,
                        "in" | "at"
                            | "near"
                            | "on"
                            | "into"
                            | "inside"
                            | "outside"
                            | "close"
                            | "beside"
                            | "by"
                            | "over"
                            | "onto"
                            | "through"
                    );
                    // "a truck bomb tore through a market": only "through" makes a blast of
                    // these verbs ("tore down", "ripped apart" do not).
                    if matches!(w, "tore" | "ripped") && next != "through" {
                        i += 1;
                        continue;
                    }
                    // "militants detonated a suicide drone near the consulate": the weapon
                    // is the object.
                    // "detonated an IED targeting a patrol": the attack word that follows
                    // tells the target.
                    let weapon_object = w.starts_with("detonat")
                        && (i + 1..(i + 5).min(toks.len())).any(|k| weapon_at(toks, k).is_some())
                        && !(i + 1..(i + 8).min(toks.len())).any(|k| {
                            let x = lw(toks, k);
                            x.starts_with("target") || x.starts_with("attack") || x == "hitting"
                        });
                    if weapon_object {
                        // an attack of its own
                    } else if !weapon_subject
                        || (w != "exploded" && w != "detonated" && !place_after)
                    {
                        i += 1;
                        continue;
                    }
                }
                // "shot dead", "shot and killed", "shot at"; "shot down" is an interception.
                "shoot"
                    if !(matches!(next, "dead" | "and" | "at" | "by" | "in" | "on" | "near")
                        || is_passive(text, toks, i)) =>
                {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // A word that can be a noun as well ("PKK targets in Sinjar") is no verb here.
            if matches!(
                w,
                "targets" | "hits" | "shells" | "raids" | "bombs" | "attacks" | "strikes" | "kills"
            ) && looks_like_noun(text, toks, i)
            {
                i += 1;
                continue;
            }
            // "photographs of those killed", "the wounded": people, not an event.
            if matches!(w, "killed" | "wounded" | "injured")
                && i > 0
                && matches!(lw(toks, i - 1), "those" | "the")
            {
                i += 1;
                continue;
            }
            let passive = is_passive(text, toks, i);
            let kind = if passive {
                TrigKind::Passive
            } else {
                TrigKind::Verb
            };
            out.push(Trigger {
                tok: i,
                end: i + 1,
                kind,
                plural: false,
                anaphoric: false,
                lemma,
            });
        }
        i += 1;
    }
    out
}

fn is_anaphoric(toks: &[Token], i: usize) -> bool {
    // "the attack", "the drone attack", "this strike", "Saturday's attack"
    let mut k = i;
    while k > 0
        && matches!(
            lw(toks, k - 1),
            "drone"
                | "rocket"
                | "missile"
                | "suicide"
                | "deadly"
                | "latest"
                | "mortar"
                | "air"
                | "ballistic"
                | "twin"
                | "overnight"
                | "same"
                | "recent"
        )
    {
        k -= 1;
    }
    if k == 0 {
        return false;
    }
    let d = lw(toks, k - 1);
    let noun = lw(toks, i);
    // "confirmed an attack on", "reported an attack on": the attack already reported.
    if matches!(d, "a" | "an")
        && k >= 2
        && matches!(
            lw(toks, k - 2),
            "confirmed" | "confirms" | "acknowledged" | "reported"
        )
    {
        return true;
    }
    let plural = noun.ends_with('s') && !noun.ends_with("ss");
    // "both attacks", "the two attacks", "these strikes": the attacks already reported.
    if plural
        && (matches!(d, "both" | "these" | "those")
            || (d == "two" && k >= 2 && lw(toks, k - 2) == "the"))
    {
        return true;
    }
    !plural
        && (matches!(d, "the" | "this" | "that")
            || (d == "'s" && k >= 2 && WEEKDAYS.contains(&lw(toks, k - 2))))
}

static WEEKDAYS: WordList = WordList::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]);

/// Whether a word that can be a verb or a noun ("attack", "strikes") is a noun here.
fn looks_like_noun(text: &str, toks: &[Token], i: usize) -> bool {
    let w = lw(toks, i);
    if w.ends_with("ed") || w == "struck" {
        return false;
    }
    let prev = if i > 0 { lw(toks, i - 1) } else { "" };
    let next = lw(toks, i + 1);
    if w.ends_with("ing") {
        // "the bombing of", "a bombing" are nouns; "bombing the base" a verb.
        return matches!(
            prev,
            "a" | "the"
                | "suicide"
                | "car"
                | "this"
                | "that"
                | "deadly"
                | "twin"
                | "heavy"
                | "artillery"
                | "turkish"
                | "israeli"
                | "'s"
                | "and"
                | "of"
                | "mortar"
                | "rocket"
        );
    }
    // "IS armed drone hits Iraqi army vehicle": a singular weapon with a verb in the
    // present, as event notes and headlines write it.
    let present_after_weapon = matches!(w, "hits" | "targets" | "kills")
        && matches!(
            prev,
            "drone" | "rocket" | "missile" | "mortar" | "shell" | "bomb"
        )
        && toks.get(i + 1).is_some_and(|t| {
            matches!(t.lower.as_str(), "a" | "an" | "the" | "two" | "three")
                || t.text(text).chars().next().is_some_and(char::is_uppercase)
        });
    if NOUN_MARKERS.contains(&prev) && !present_after_weapon {
        return true;
    }
    if i > 0 && toks[i - 1].kind == TokenKind::Number {
        return true;
    }
    // "ISIS attack on", "drone strike killed": followed by a preposition or a verb.
    if matches!(
        next,
        "on" | "against"
            | "by"
            | "in"
            | "at"
            | "near"
            | "targeting"
            | "that"
            | "which"
            | ","
            | "."
            | "and"
            | "was"
            | "were"
            | "has"
            | "had"
            | "is"
            | "are"
            | "killed"
            | "kills"
            | "leaves"
            | "wounds"
            | "injures"
            | "hits"
            | "destroys"
            | "left"
            | "came"
            | "took"
            | "occurred"
            | "happened"
            | "claimed"
            | "blamed"
            | "from"
            | "with"
            | "inside"
            | "launched"
            | "carried"
            | "hit"
            | ""
            | ":"
            | "-"
            | "'s"
            | "of"
            | "last"
            | "this"
            | "early"
            | "late"
            | "earlier"
            | "overnight"
            | "for"
            | "to"
            | "amid"
    ) {
        return true;
    }
    // Otherwise: a verb when a capitalised name or a determiner follows ("ISIS attacks Kirkuk").
    let next_tok = toks.get(i + 1);
    let next_is_object = next_tok
        .map(|t| {
            matches!(
                t.lower.as_str(),
                "a" | "an" | "the" | "two" | "three" | "several" | "us" | "u.s."
            ) || t
                .text(text)
                .chars()
                .next()
                .map(|c| c.is_uppercase())
                .unwrap_or(false)
        })
        .unwrap_or(false);
    !next_is_object
}

fn is_passive(text: &str, toks: &[Token], i: usize) -> bool {
    let w = lw(toks, i);
    if !(w.ends_with("ed") || matches!(w, "struck" | "hit" | "shot" | "fired" | "launched")) {
        return false;
    }
    // "The two US soldiers killed were Captain X and ...": a participle after its noun.
    if i > 0
        && matches!(
            lw(toks, i + 1),
            "were" | "was" | "are" | "is" | "included" | "include"
        )
        && toks[i - 1].kind == TokenKind::Word
        && !matches!(
            lw(toks, i - 1),
            "who" | "that" | "which" | "and" | "had" | "have" | "has"
        )
    {
        return true;
    }
    let mut k = i;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        k -= 1;
        steps += 1;
        let p = lw(toks, k);
        // "IS targeted an SDF position": the group, written in capitals, not the verb.
        if matches!(
            p,
            "was" | "were" | "been" | "being" | "is" | "are" | "be" | "got" | "get" | "gets"
        ) && !(p == "is" && toks[k].span.of(text) == "IS")
        {
            return true;
        }
        // "was struck and killed": the first participle shares the auxiliary.
        if p == "and"
            && k > 1
            && (lw(toks, k - 1).ends_with("ed")
                || matches!(lw(toks, k - 1), "struck" | "hit" | "shot" | "beaten"))
        {
            k -= 1;
            continue;
        }
        if !(p.ends_with("ly")
            || matches!(
                p,
                "also"
                    | "again"
                    | "reportedly"
                    | "allegedly"
                    | "then"
                    | "not"
                    | "never"
                    | "later"
                    | "first"
                    | "repeatedly"
                    | "successfully"
                    | "directly"
                    | "twice"
            ))
        {
            break;
        }
    }
    // Reduced relative: "a base targeted by drones", "the convoy, hit by"; and headline
    // passives without "was": "Two US soldiers killed in anti-ISIS mission", "Air base
    // hosting US troops targeted in drone attack".
    let next = lw(toks, i + 1);
    let next2 = lw(toks, i + 2);
    let prev = if i > 0 { lw(toks, i - 1) } else { "" };
    let subject_noun = super::numbers::PEOPLE.contains(&prev)
        || matches!(
            prev,
            "base"
                | "airbase"
                | "convoy"
                | "checkpoint"
                | "post"
                | "patrol"
                | "vehicle"
                | "troops"
                | "forces"
        );
    if matches!(
        next,
        "in" | "at" | "near" | "during" | "as" | "when" | "while" | "overnight"
    ) && subject_noun
    {
        return true;
    }
    (next == "by"
        || (next2 == "by"
            && toks
                .get(i + 1)
                .map(|t| t.lower.ends_with("ly"))
                .unwrap_or(false)))
        && i > 0
        && (toks[i - 1].kind == TokenKind::Word || toks[i - 1].is(","))
}

/// The clause around a trigger, as a token range: from the last hard break before it to
/// the next break after it.
/// "another bomb went off", "a second rocket struck": at `k`, a further event of the same
/// kind, told with a verb of its own within a few words (after ", and").
fn another_event_at(toks: &[Token], k: usize) -> bool {
    let w = lw(toks, k);
    let (det, from) = match w {
        "another" => (true, k + 1),
        "a" => (
            matches!(lw(toks, k + 1), "second" | "third" | "fourth" | "fifth"),
            k + 2,
        ),
        _ => (false, k),
    };
    if !det || k < 2 || lw(toks, k - 1) != "and" || lw(toks, k - 2) != "," {
        return false;
    }
    (from..(from + 4).min(toks.len())).any(|j| {
        let v = lw(toks, j);
        VERBS.get(v).is_some() && !v.ends_with("ing") || v == "went"
    })
}

/// Whether ", and a strike ..." starts at token `k` (the determiner): a new attack told by a
/// noun of its own, within the next three words ("a strike in X", "an Israeli
/// airstrike", "one drone attack"), after a comma and "and".
fn another_attack_noun_at(toks: &[Token], k: usize) -> bool {
    k >= 2
        && matches!(lw(toks, k), "a" | "an" | "one")
        && lw(toks, k - 1) == "and"
        && lw(toks, k - 2) == ","
        && (k + 1..(k + 4).min(toks.len())).any(|j| NOUNS.get(lw(toks, j)).is_some())
}

fn clause(toks: &[Token], trig: &Trigger) -> (usize, usize) {
    let mut start = 0;
    for k in (0..trig.tok).rev() {
        let w = lw(toks, k);
        if w == ";" || w == ":" && k + 1 < trig.tok {
            start = k + 1;
            break;
        }
        // "..., while Turkish forces shelled villages near X": a clause of its own (not
        // "while manning a post", which keeps the scene).
        if matches!(w, "while" | "whereas" | "although" | "though")
            && k + 1 < trig.tok
            && !lw(toks, k + 1).ends_with("ing")
        {
            start = k + 1;
            break;
        }
        // A noun after "in retaliation for", "following", "amid" names another event.
        if trig.kind == TrigKind::Noun && matches!(w, "retaliation" | "response") {
            start = k + 1;
            break;
        }
        // "..., and another bomb went off in X": the second event's clause starts there.
        // So does "..., and a strike in Y on Sept. 24 killed nine".
        if (another_event_at(toks, k)
            || (trig.kind == TrigKind::Noun && another_attack_noun_at(toks, k)))
            && k < trig.tok
        {
            start = k;
            break;
        }
    }
    let mut end = toks.len();
    for k in trig.end..toks.len() {
        let w = lw(toks, k);
        // "while manning a post near X": a participle keeps the scene of the clause.
        if matches!(w, "while" | "after" | "before" | "since")
            && toks
                .get(k + 1)
                .map(|t| t.lower.ends_with("ing"))
                .unwrap_or(false)
            && (k > trig.end || w == "while")
        {
            continue;
        }
        if CLAUSE_BREAKS.contains(&w) {
            // "after" and "before" only break when a new event follows, not "hours after".
            end = k;
            break;
        }
        if w == ","
            && matches!(
                lw(toks, k + 1),
                "which" | "who" | "as" | "and" | "but" | "while"
            )
            && matches!(
                lw(toks, k + 2),
                "is" | "was"
                    | "has"
                    | "had"
                    | "said"
                    | "says"
                    | "the"
                    | "it"
                    | "they"
                    | "he"
                    | "she"
            )
        {
            end = k;
            break;
        }
        if w == "in" && matches!(lw(toks, k + 1), "retaliation" | "response") {
            end = k;
            break;
        }
        // "..., and another bomb went off in X" tells an event of its own, with its own verb;
        // "..., and another at a base in B" shares this one's.
        if w == ","
            && lw(toks, k + 1) == "and"
            && (another_event_at(toks, k + 2) || another_attack_noun_at(toks, k + 2))
        {
            end = k;
            break;
        }
        if w == "and"
            && k > 0
            && lw(toks, k - 1) == ","
            && matches!(
                lw(toks, k + 1),
                "demanded"
                    | "called"
                    | "urged"
                    | "said"
                    | "vowed"
                    | "warned"
                    | "added"
                    | "asked"
                    | "accused"
            )
        {
            end = k;
            break;
        }
        // "at what is believed to be X", "what were thought to be fighters": a hedge on
        // the object, not a report.
        let hedged_object = k >= 2 && lw(toks, k - 2) == "what" && lw(toks, k + 1) == "to";
        if REPORTING.contains(&w) && k > trig.end + 1 && !matches!(w, "according") && !hedged_object
        {
            end = k;
            break;
        }
    }
    (start, end)
}

fn frame(
    input: &Input,
    sent: &Sent,
    trig: &Trigger,
    all: &[Trigger],
    table: &EntityTable,
) -> Option<Frame> {
    let toks = sent.toks;
    let (c_start, mut c_end) = clause(toks, trig);
    // "The attack came just hours after X said ...", "the strike comes two days after":
    // from "after" on, the sentence tells another event.
    if trig.kind == TrigKind::Noun {
        if let Some(k) = (trig.end..c_end).find(|&k| {
            matches!(lw(toks, k), "after" | "before")
                && (k.saturating_sub(4).max(trig.end)..k)
                    .any(|j| matches!(lw(toks, j), "came" | "comes" | "come" | "follows"))
        }) {
            c_end = k;
        }
    }
    let ents = &table.entities;
    let named_place = sent.slots.iter().any(|s| {
        s.first >= c_start && s.first < c_end && matches!(s.role, Role::Entity(e) if ents[e].kind.is_place() && ents[e].kind != Kind::Country)
    });
    if is_unreal(toks, trig, c_start, c_end, named_place) {
        return None;
    }
    let kind_of = |r: Role| match r {
        Role::Entity(e) => Some(ents[e].kind),
        Role::Unknown => None,
    };
    // Roles.
    let mut attacker: Option<Role> = None;
    let mut attacker_generic = false;
    let mut target: Option<usize> = None;
    let mut target_text: Option<String> = None;
    let mut rule: &'static str;
    let mut confidence: f32;
    let mut weapon: Option<&'static str> = weapon_near(toks, trig, c_start, c_end);
    // "Two rockets landed near X, and a third struck Y": "a third" is a third rocket.
    let after_det = c_start + if lw(toks, c_start) == "another" { 1 } else { 2 };
    if weapon.is_none()
        && another_event_at(toks, c_start)
        && NOUNS.get(lw(toks, after_det)).is_none()
    {
        weapon = (0..c_start).rev().find_map(|k| weapon_at(toks, k));
    }
    let mut attacker_slot: Option<Slot> = None;
    let mut unknown_subject = false;
    match trig.kind {
        TrigKind::Verb => {
            // "..., opening fire on": the participle's head is "opening".
            let head = if trig.lemma == "fire"
                && trig.tok > 0
                && matches!(lw(toks, trig.tok - 1), "opening" | "opened")
            {
                trig.tok - 1
            } else {
                trig.tok
            };
            // "..., killing a militant and destroying a hideout": the second participle too.
            let participle = toks[head].lower.ends_with("ing")
                && head > 0
                && (toks[head - 1].is(",")
                    || (toks[head - 1].is("and")
                        && all
                            .iter()
                            .any(|t| t.tok < head - 1 && toks[t.tok].lower.ends_with("ing"))));
            rule = if participle { "participle" } else { "active" };
            confidence = 0.85;
            // A participle shares the subject of the verb before it: "IS militants ambushed a
            // Peshmerga patrol ..., opening fire".
            let subject_at = all
                .iter()
                .filter(|t| participle && t.kind == TrigKind::Verb && t.tok < head)
                .map(|t| t.tok)
                .next_back()
                .unwrap_or(trig.tok);
            let subject_from = if subject_at == trig.tok { c_start } else { 0 };
            let mut weapon_subject = false;
            match subject(sent, subject_at, subject_from, ents) {
                Some(s) if s.weapon || is_weapon_entity(s, ents) => {
                    // "A drone packed with explosives struck": the subject's own weapon.
                    if let Some(w) = (s.first..s.end).find_map(|k| weapon_at(toks, k)) {
                        weapon = Some(w);
                    }
                    // ("an explosion killed" names no weapon: it may be an accident)
                    weapon_subject = !(s.first..s.end).any(|k| {
                        matches!(
                            lw(toks, k),
                            "explosion" | "explosions" | "blast" | "blasts" | "fire" | "fires"
                        )
                    });
                    // "an IS drone", "drones flown by X", "missiles launched from Iran".
                    attacker = weapon_owner(sent, ents, s)
                        .or_else(|| origin_between(sent, ents, s.end, trig.tok))
                        .map(Role::Entity);
                    unknown_subject = attacker.is_none();
                    attacker_generic = true;
                    // "the Iraqi air force and coalition warplanes": partners before "and".
                    if let Some(Role::Entity(owner)) = attacker {
                        attacker_slot = sent
                            .slots
                            .iter()
                            .find(|o| o.end == s.first && o.role == Role::Entity(owner))
                            .copied()
                            .or(Some(*s));
                    }
                }
                Some(s) => {
                    attacker = Some(s.role);
                    attacker_generic = s.generic;
                    attacker_slot = Some(*s);
                }
                None => unknown_subject = true,
            }
            // "kill" needs an actor or a weapon for subject: "a roadside bomb killed two
            // soldiers" is an attack, "the explosion killed" may be an accident.
            // (A place is no subject that kills: "an explosion at a depot south of
            // Baghdad killed".)
            let actor = match attacker {
                Some(Role::Entity(e)) => ents[e].kind.can_attack(),
                Some(Role::Unknown) => true,
                None => false,
            };
            if matches!(trig.lemma, "kill" | "wound") && !actor && !weapon_subject {
                return None;
            }
            // Wounding is an attack of its own only when a weapon is what wounds.
            if trig.lemma == "wound" && !weapon_subject {
                return None;
            }
            // The object.
            if let Some(o) = object(sent, trig.end, c_end) {
                if let Role::Entity(e) = o.role {
                    target = Some(e);
                }
            } else if !matches!(
                lw(toks, trig.end),
                "again" | "back" | "twice" | "hard" | "repeatedly" | "first"
            ) {
                // ("the insurgents struck again" names no target)
                target_text = np_text(input.text, toks, trig.end, c_end);
            }
        }
        TrigKind::Passive => {
            rule = "passive";
            confidence = 0.85;
            // Agent after "by".
            match by_agent(sent, trig.end, c_end) {
                Some(a) if a.weapon => unknown_subject = true,
                Some(a) => {
                    attacker = Some(a.role);
                    attacker_generic = a.generic;
                    attacker_slot = Some(*a);
                }
                None => unknown_subject = true,
            }
            if let Some(s) = subject(sent, trig.tok, c_start, ents)
                .or_else(|| subject_any(sent, trig.tok, c_start))
            {
                if let Role::Entity(e) = s.role {
                    target = Some(e);
                }
            } else {
                target_text = np_text_before(input.text, toks, c_start, trig.tok);
            }
            // "Two soldiers were killed on a mission against ISIS": the enemy of the
            // mission killed them.
            if trig.lemma == "kill" && attacker.is_none() {
                if let Some(e) = mission_enemy(sent, ents, trig.end, c_end) {
                    attacker = Some(Role::Entity(e));
                    unknown_subject = false;
                    confidence = 0.6;
                }
            }
            if trig.lemma == "kill" && attacker.is_none() {
                // "N were killed in an attack" is found from the noun; a bare "were killed"
                // is only an attack when a place and an attack context are given.
                let has_noun = all.iter().any(|t| t.kind == TrigKind::Noun);
                if has_noun {
                    return None;
                }
                confidence = 0.6;
            }
        }
        TrigKind::Noun => {
            rule = "nominal";
            confidence = 0.75;
            // Modifier before the noun: "ISIS attack", "Turkish airstrikes", "Iran's attack".
            let mut k = trig.tok;
            let mut steps = 0;
            while k > c_start && steps < 6 {
                k -= 1;
                steps += 1;
                // "an IS drone (quadcopter) strike": a bracketed gloss is skipped whole.
                if lw(toks, k) == ")" {
                    if let Some(open) = (k.saturating_sub(5).max(c_start)..k)
                        .rev()
                        .find(|&o| lw(toks, o) == "(")
                    {
                        k = open;
                        continue;
                    }
                }
                if let Some(s) = sent.slots.iter().find(|s| s.end == k + 1 && !s.weapon) {
                    let can = kind_of(s.role)
                        .map(|kk| kk.can_attack())
                        .unwrap_or(s.role == Role::Unknown);
                    if can {
                        attacker = Some(s.role);
                        attacker_generic = s.generic;
                        attacker_slot = Some(*s);
                    }
                    break;
                }
                if !(matches!(
                    lw(toks, k),
                    "." | "drone"
                        | "rocket"
                        | "missile"
                        | "mortar"
                        | "suicide"
                        | "air"
                        | "ballistic"
                        | "'s"
                        | "deadly"
                        | "latest"
                        | "new"
                        | "fresh"
                        | "artillery"
                        | "car"
                        | "retaliatory"
                        | "cross-border"
                        | "-"
                        | "led"
                        | "coalition"
                        | "joint"
                        | "kamikaze"
                        | "uav"
                        | "explosive"
                        | "terrorist"
                        | "terror"
                        | "bomb"
                        | "quadcopter"
                        | "grenade"
                        | "ied"
                        | "roadside"
                        | "sniper"
                ) || (lw(toks, k) == "and"
                    // "Iranian drone and missile attacks"
                    && k > 0
                    && matches!(
                        lw(toks, k - 1),
                        "drone" | "rocket" | "missile" | "artillery" | "mortar" | "air"
                    )))
                {
                    break;
                }
            }
            // "by X" right after: "an attack by ISIS militants".
            if attacker.is_none() {
                if let Some(a) = by_agent(sent, trig.end, c_end) {
                    if !a.weapon {
                        attacker = Some(a.role);
                        attacker_generic = a.generic;
                        attacker_slot = Some(*a);
                    }
                }
            }
            // Light verbs: "X carried out / launched / conducted an attack".
            if attacker.is_none() {
                if let Some(lv) = light_verb_before(toks, trig.tok, c_start) {
                    if let Some(s) = subject(sent, lv, c_start, ents) {
                        if !s.weapon && !is_weapon_entity(s, ents) {
                            attacker = Some(s.role);
                            attacker_generic = s.generic;
                            attacker_slot = Some(*s);
                        } else if let Some(o) = weapon_owner(sent, ents, s) {
                            // "Iraqi F-16 jets carried out two air raids".
                            attacker = Some(Role::Entity(o));
                            attacker_generic = true;
                        }
                        rule = "light-verb";
                        confidence = 0.85;
                    }
                }
            }
            // Verbs after the noun whose subject is the attack: "a drone strike killed ...".
            if attacker.is_none() {
                if let Some(a) = blamed_on(sent, trig.end, c_end) {
                    attacker = Some(a);
                    rule = "blamed";
                }
            }
            unknown_subject = attacker.is_none();
            // "attack on X": target.
            if let Some(o) =
                after_prep(sent, trig.end, c_end, &["on", "against", "targeting", "at"])
            {
                if let Role::Entity(e) = o.role {
                    target = Some(e);
                }
            } else if let Some(t) = prep_np(
                input.text,
                toks,
                trig.end,
                c_end,
                &["on", "against", "targeting"],
            ) {
                target_text = Some(t);
            }
        }
        TrigKind::Intercept => {
            rule = "intercept";
            confidence = 0.7;
            // The attack is by whoever sent the drone: unknown unless said ("a drone launched by X").
            let obj = lw(toks, trig.end);
            let _ = obj;
            // The weapon follows ("shot down a drone") or, in the passive, comes first ("the
            // drone was intercepted", "One was shot down" after "two drones approached").
            let from = if is_passive(input.text, toks, trig.tok) {
                c_start
            } else {
                trig.end
            };
            let prev_sentence_drones =
                is_passive(input.text, toks, trig.tok) && sent.previous_weapon;
            let window_has_weapon = prev_sentence_drones
                || (from..(trig.end + 6).min(c_end)).any(|k| {
                    FLYING_WEAPONS.contains(&lw(toks, k))
                        || matches!(lw(toks, k), "projectile" | "projectiles")
                });
            if !window_has_weapon {
                return None;
            }
            // "shot down by air defences", "repelled by coalition air defences": the
            // defender; only an armed group downing a drone is its attacker.
            if let Some(a) = by_agent(sent, trig.end, c_end) {
                if !a.weapon && kind_of(a.role) == Some(Kind::ArmedGroup) {
                    attacker = Some(a.role);
                    attacker_slot = Some(*a);
                }
            }
            // An armed group that brings down a drone engages it ("IS militants shot down a
            // drone over Fallujah"); a state force downing drones aimed at its base defends
            // against the attack, whose sender is the attacker.
            if attacker.is_none() && !is_passive(input.text, toks, trig.tok) {
                if let Some(s) = subject(sent, trig.tok, c_start, ents) {
                    if kind_of(s.role) == Some(Kind::ArmedGroup) {
                        attacker = Some(s.role);
                        attacker_generic = s.generic;
                        attacker_slot = Some(*s);
                        rule = "engaged";
                    }
                }
            }
            // "shot down a drone launched from Iraq by the Islamic Resistance": the sender.
            if attacker.is_none() {
                if let Some(o) = sent
                    .slots
                    .iter()
                    .filter(|s| s.weapon && s.first >= from && s.first < (trig.end + 6).min(c_end))
                    .find_map(|s| weapon_owner(sent, ents, s))
                {
                    if ents[o].kind != Kind::Country {
                        attacker = Some(Role::Entity(o));
                    }
                }
            }
            unknown_subject = attacker.is_none();
        }
        TrigKind::Clash => {
            rule = "clash";
            confidence = 0.65;
            // "clashes between X and Y": the armed group attacked the force.
            let parties: Vec<&Slot> = sent
                .slots
                .iter()
                .filter(|s| {
                    s.first >= trig.end
                        && s.first < c_end
                        && !s.weapon
                        && kind_of(s.role).map(|k| k.is_actor()).unwrap_or(false)
                })
                .collect();
            let group = parties
                .iter()
                .find(|s| kind_of(s.role) == Some(Kind::ArmedGroup));
            if let Some(g) = group {
                attacker = Some(g.role);
                attacker_generic = g.generic;
            } else if let Some(s) = subject(sent, trig.tok, c_start, ents) {
                if kind_of(s.role) == Some(Kind::ArmedGroup) {
                    attacker = Some(s.role);
                }
            }
            attacker?;
        }
        TrigKind::ComeUnder => {
            rule = "came-under";
            confidence = 0.8;
            if let Some(s) = subject(sent, trig.tok, c_start, ents)
                .or_else(|| subject_any(sent, trig.tok, c_start))
            {
                if let Role::Entity(e) = s.role {
                    target = Some(e);
                }
            }
            if let Some(a) = by_agent(sent, trig.end, c_end) {
                if !a.weapon {
                    attacker = Some(a.role);
                    attacker_slot = Some(*a);
                }
            }
            // "came under fire from ISIS militants", "came under ISIS rocket fire".
            if attacker.is_none() {
                if let Some(a) = come_under_source(sent, ents, trig, c_end) {
                    attacker = Some(a.role);
                    attacker_slot = Some(*a);
                }
            }
            unknown_subject = attacker.is_none();
        }
    }
    // An attacker must be able to attack: not a person, news outlet or place in passing.
    if let Some(Role::Entity(e)) = attacker {
        let k = ents[e].kind;
        if !(k.can_attack()) {
            attacker = None;
        }
    }
    if trig.kind == TrigKind::Noun && trig.plural && !specific_plural(sent, trig, c_start, c_end) {
        return None;
    }
    // The target, read as a noun phrase: an entity when the phrase ends with one ("the
    // federal police forces"), else the phrase ("a police checkpoint", "a Turkish outpost").
    if trig.kind != TrigKind::Intercept && trig.kind != TrigKind::Clash {
        if let Some((t, text)) = target_phrase(input.text, sent, trig, c_start, c_end) {
            match t {
                Some(e) if Some(Role::Entity(e)) != attacker => {
                    target = Some(e);
                    target_text = None;
                }
                _ => {
                    target = None;
                    target_text = Some(text);
                }
            }
        }
    }
    // "launched Operation Claw-Tiger": the operation is the attack, not its target; nor is
    // the attacker its own target.
    if target
        .map(|e| ents[e].kind == Kind::Operation || Some(Role::Entity(e)) == attacker)
        .unwrap_or(false)
    {
        target = None;
    }
    // Actors joined to the attacker by "and": "the Iraqi air force and coalition warplanes".
    let co_attackers: Vec<usize> = attacker_slot
        .map(|s| coordinated_before(sent, ents, &s))
        .unwrap_or_default()
        .into_iter()
        .filter(|e| Some(Role::Entity(*e)) != attacker)
        .collect();
    // Places.
    // "The attack on X comes two days after ISIS killed ...", "rockets fell on X, a day after
    // Iran launched missiles at two bases": the later verb tells an event of its own, from
    // "after" on.
    let separate_from = (c_start.max(1)..trig.tok).rev().find(|&k| {
        matches!(lw(toks, k), "after" | "before")
            && matches!(
                lw(toks, k - 1),
                "day" | "days" | "week" | "weeks" | "hours" | "months" | "comes" | "came"
            )
    });
    let c_start = separate_from.map(|k| k + 1).unwrap_or(c_start);
    // "in the attack, which set fire to a tank at the Kawergosk refinery": a relative
    // clause after a mention of the attack says where it hit.
    let p_end =
        if trig.anaphoric && (c_end..(c_end + 2).min(toks.len())).any(|k| lw(toks, k) == "which") {
            (c_end + 2..toks.len())
                .find(|&k| matches!(lw(toks, k), ";" | "said" | "says"))
                .unwrap_or(toks.len())
        } else {
            c_end
        };
    let mut places = places(
        input,
        sent,
        ents,
        trig,
        c_start,
        p_end,
        target,
        attacker_slot.as_ref(),
    );
    // "in the same region": the place named before in the sentence.
    if places.is_empty()
        && (c_start..c_end.saturating_sub(1)).any(|k| {
            lw(toks, k) == "same"
                && matches!(
                    lw(toks, k + 1),
                    "region" | "area" | "province" | "town" | "city" | "village" | "district"
                )
        })
    {
        if let Some(p) = sent
            .slots
            .iter()
            .rev()
            .filter(|s| s.end <= c_start)
            .find_map(|s| match s.role {
                Role::Entity(e) if ents[e].kind.is_place() && ents[e].kind != Kind::Country => {
                    Some(e)
                }
                _ => None,
            })
        {
            places.push((p, None));
        }
    }
    // A drone or rocket that is downed or explodes right after one approached a base hit
    // that base: "two drones approached the base ... the other exploded near the fence".
    if trig.kind == TrigKind::Intercept && weapon.is_none() && sent.previous_weapon {
        let prev = &input.tokens[sent.idx - 1];
        weapon = (0..prev.len()).find_map(|k| weapon_at(prev, k));
    }
    if places.is_empty()
        && weapon.is_some()
        && (trig.kind == TrigKind::Intercept || matches!(trig.lemma, "explode" | "land" | "slam"))
    {
        if let Some(b) = sent.recent_base {
            places.push((b, None));
        }
    }
    // "who was behind the attack, the U.S. has accused ...": a country named beside a
    // mention of the attack in focus, with no one acting in it, is not where it happened.
    if trig.anaphoric
        && attacker.is_none()
        && target.is_none()
        && places.iter().all(|&(p, _)| ents[p].kind == Kind::Country)
    {
        places.clear();
    }
    // An anaphoric mention with nothing new still adds its date, weapon and toll to the
    // attack in focus.
    if places.is_empty()
        && target.is_none()
        && attacker.is_none()
        && target_text.is_none()
        && !trig.anaphoric
    {
        return None;
    }
    if trig.kind == TrigKind::Passive && trig.lemma == "kill" && places.is_empty() {
        return None;
    }
    // "an operation against ISIS in X" needs a place; without an agent it waits for one
    // from a nearby sentence ("the operation by the coalition").
    if trig.lemma == "operation" && places.is_empty() {
        return None;
    }
    // An air force's attack is an airstrike: "the Iraqi air force bombed ...".
    if weapon.is_none() || weapon == Some("bomb") {
        if let Some(Role::Entity(e)) = attacker {
            let l = ents[e].label.to_lowercase();
            if l.contains("air force") || l.contains("aerospace") {
                weapon = Some("airstrike");
            }
        }
    }
    // Weapon fallback from the trigger word itself.
    if weapon.is_none() {
        weapon = match trig.lemma {
            "airstrike" => Some("airstrike"),
            "shelling" | "shell" => Some("artillery"),
            "rocket" => Some("rocket"),
            "mortar" => Some("mortar"),
            _ => None,
        };
    }
    // Date: the date expression nearest the trigger in the clause, else in the sentence; a
    // mention of an attack already reported takes only a date right beside it.
    let (date, _) = if trig.anaphoric {
        // The phrase of the mention runs to the next clause: "the attack on its post near
        // X, south of Tikrit, on March 8, in which ...".
        let end = (trig.end..(trig.end + 16).min(toks.len()))
            .find(|&k| {
                matches!(
                    lw(toks, k),
                    "which"
                        | "who"
                        | "that"
                        | "since"
                        | "when"
                        | "after"
                        | "before"
                        | "while"
                        | "but"
                        | "said"
                        | "says"
                        | ";"
                )
            })
            .unwrap_or((trig.end + 16).min(toks.len()));
        let own = date_for(input, sent, trig, trig.tok.saturating_sub(4), end, true);
        // "Last year the U.S. ordered the drone strike that killed ...": a mention whose
        // sentence names its actor is a report of its own, dated by the sentence.
        match (&own, &attacker_slot) {
            ((None, _), Some(s)) if !s.from_focus && !s.generic => {
                date_for(input, sent, trig, c_start, c_end, false)
            }
            _ => own,
        }
    } else {
        date_for(input, sent, trig, c_start, c_end, false)
    };
    let t = if all.len() <= 1 {
        toll_named(toks, 0, toks.len(), &sent.persons)
    } else {
        let t = toll_named(toks, c_start, c_end, &sent.persons);
        // "A drone attack targeted US forces at X on Sunday but caused no injuries": what
        // follows the clause, up to the next attack word, tells this attack's toll.
        // A participle ("..., killing two") goes on telling this attack; a noun ("the US
        // killing of X") is another event.
        let next = all
            .iter()
            .filter(|o| {
                !(matches!(lw(toks, o.tok), "killing" | "wounding" | "injuring")
                    && lw(toks, o.tok + 1) != "of")
            })
            .map(|o| o.tok)
            .filter(|&k| k >= c_end)
            .min()
            .unwrap_or(toks.len());
        // "..., in retaliation for the killing of X": what follows is the earlier event.
        let motive = lw(toks, c_end) == "in"
            && matches!(lw(toks, c_end + 1), "retaliation" | "response" | "revenge");
        if t.killed.is_none() && t.wounded.is_none() && !motive {
            toll_named(toks, c_end, next, &sent.persons)
        } else {
            t
        }
    };
    let place_tolls: Vec<(Toll, Option<&'static str>)> = if places.len() > 1 {
        let pos: Vec<usize> = places
            .iter()
            .map(|(p, _)| {
                sent.slots
                    .iter()
                    .find(|s| s.first >= c_start && s.first < c_end && s.role == Role::Entity(*p))
                    .map(|s| s.first)
                    .unwrap_or(c_end)
            })
            .collect();
        pos.iter()
            .map(|&start| {
                let end = pos
                    .iter()
                    .filter(|&&q| q > start)
                    .min()
                    .copied()
                    .unwrap_or(c_end);
                // "targeted A with two drones, and B with a salvo of rockets".
                let w = (start..end).find_map(|k| weapon_at(toks, k));
                (toll_named(toks, start, end, &sent.persons), w)
            })
            .collect()
    } else {
        Vec::new()
    };
    // "rockets struck two US bases": whose bases.
    let target_owner = if target.is_none() && target_text.is_some() && trig.kind == TrigKind::Verb {
        sent.slots
            .iter()
            .filter(|s| s.first >= trig.end && s.first <= trig.end + 4 && s.first < c_end)
            .find_map(|s| match s.role {
                Role::Entity(e)
                    if matches!(ents[e].kind, Kind::Country | Kind::StateForce)
                        && is_adjectival(toks, s.end) =>
                {
                    Some(e)
                }
                _ => None,
            })
    } else {
        None
    };
    Some(Frame {
        attacker,
        attacker_generic,
        co_attackers,
        place_tolls,
        unknown_subject,
        target,
        target_text,
        target_owner,
        places,
        date,
        weapon,
        toll: t,
        rule,
        confidence,
        anaphoric: trig.anaphoric,
        lemma: trig.lemma,
        clause: (c_start, c_end),
        trigger: (trig.tok, trig.kind == TrigKind::Noun, trig.plural),
        // "in retaliation for the US killing of X": the motive, an earlier event.
        separate: separate_from.is_some()
            || (c_start > 0 && matches!(lw(toks, c_start - 1), "retaliation" | "response")),
    })
}

/// Whose weapon a weapon subject is: "an IS booby-trapped drone", "PKK drones", "an Islamic
/// Resistance in Iraq-affiliated drone", "its drones", "a drone of the Turkish army",
/// "drones flown by an unidentified force" (none).
fn weapon_owner(sent: &Sent, ents: &[Entity], weapon: &Slot) -> Option<usize> {
    let toks = sent.toks;
    let can = |s: &Slot| match s.role {
        Role::Entity(e) => ents[e].kind.can_attack().then_some(e),
        Role::Unknown => None,
    };
    // Before the weapon, over articles, numbers and adjectives.
    let mut k = weapon.first;
    let mut steps = 0;
    while k > 0 && steps < 7 {
        if let Some(s) = sent.slots.iter().find(|s| s.end == k && !s.weapon) {
            // A named weapon between the owner and the noun: "a Turkish Bayraktar TB2 drone".
            if matches!(s.role, Role::Entity(e) if ents[e].kind == Kind::Weapon) {
                k = s.first;
                steps += 1;
                continue;
            }
            return can(s);
        }
        let w = lw(toks, k - 1);
        // "Coalition aircraft and artillery": the owner of the weapon listed first.
        if w == "and" {
            if let Some(s) = sent.slots.iter().find(|s| s.end + 1 == k && s.weapon) {
                k = s.first;
                steps += 1;
                continue;
            }
        }
        // Model designations: "F-16 jets", "Su-24 warplanes", "MQ-9 drones".
        let model = is_model_at(toks, k - 1);
        if matches!(w, "its" | "their") {
            return sent
                .slots
                .iter()
                .rev()
                .filter(|s| s.end < k && !s.weapon)
                .find_map(can);
        }
        let skippable = matches!(
            w,
            "a" | "an"
                | "the"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "booby"
                | "-"
                | "trapped"
                | "guided"
                | "armed"
                | "suicide"
                | "explosive"
                | "explosives"
                | "laden"
                | "militant"
                | "militants"
                | "unmanned"
                | "aerial"
                | "kamikaze"
                | "small"
                | "weaponized"
                | "weaponised"
                | "commercial"
                | "attack"
                | "one-way"
                | "reconnaissance"
                | "spy"
                | "affiliated"
                | "owned"
                | "operated"
                | "backed"
                | "'s"
                | "\u{2019}s"
                | "bomb"
                | "rigged"
                | "modified"
                | "quadcopter"
                | "fpv"
                | "unidentified"
                | "alleged"
                | "several"
                | "multiple"
        ) || toks[k - 1].kind == TokenKind::Number
            || model
            // The dot closing initials: "U.S. aircraft".
            || (w == "." && k >= 2 && toks[k - 1].span.start == toks[k - 2].span.end);
        if !skippable {
            break;
        }
        if matches!(w, "unidentified") {
            return None;
        }
        k -= 1;
        steps += 1;
    }
    // After the weapon: "of X", "belonging to X", "flown / controlled / operated by X", "by
    // X", "(likely by X)".
    let mut from = weapon.end;
    if lw(toks, from) == "(" {
        from += 1;
        if matches!(
            lw(toks, from),
            "likely" | "probably" | "reportedly" | "presumably" | "allegedly" | "possibly"
        ) {
            from += 1;
        }
    }
    let after: Vec<&str> = (from..(from + 3).min(toks.len()))
        .map(|j| lw(toks, j))
        .collect();
    let linked = matches!(after.first().copied(), Some("of" | "by"))
        || (after.first() == Some(&"belonging") && after.get(1) == Some(&"to"))
        || (matches!(
            after.first().copied(),
            Some("flown" | "controlled" | "operated" | "launched" | "fired" | "sent" | "piloted")
        ) && after.get(1) == Some(&"by"));
    if linked {
        return sent
            .slots
            .iter()
            .find(|s| s.first > from && s.first <= from + 6 && !s.weapon)
            .and_then(can);
    }
    // "a drone launched from Iraq by the Islamic Resistance": the agent after the origin.
    if matches!(
        after.first().copied(),
        Some("flown" | "launched" | "fired" | "sent")
    ) && after.get(1) == Some(&"from")
    {
        if let Some(by) = (from + 2..(from + 7).min(toks.len())).find(|&j| lw(toks, j) == "by") {
            return sent
                .slots
                .iter()
                .find(|s| s.first > by && s.first <= by + 2 && !s.weapon)
                .and_then(can);
        }
    }
    None
}

/// A country named as origin between a weapon and its verb: "missiles launched from Iran".
fn origin_between(sent: &Sent, ents: &[Entity], from: usize, to: usize) -> Option<usize> {
    sent.slots.iter().find_map(|s| match s.role {
        Role::Entity(e)
            if s.first >= from
                && s.end <= to
                && s.first > 0
                && lw(sent.toks, s.first - 1) == "from"
                && matches!(ents[e].kind, Kind::Country | Kind::StateForce) =>
        {
            Some(e)
        }
        _ => None,
    })
}

/// Actors joined by "and" right before `slot`: "the Iraqi air force and [the] coalition",
/// and those listed before them with commas: "US, British and French forces".
fn coordinated_before(sent: &Sent, ents: &[Entity], slot: &Slot) -> Vec<usize> {
    let toks = sent.toks;
    let mut out = Vec::new();
    let mut k = slot.first;
    if k > 0 && toks[k - 1].is("the") {
        k -= 1;
    }
    if k == 0 || !toks[k - 1].is("and") {
        return out;
    }
    // The slot before "and" ("X and", "X, and"), then each before a comma.
    let mut joint = k - 1;
    while let Some(other) = sent
        .slots
        .iter()
        .find(|s| s.end == joint || (s.end + 1 == joint && lw(toks, s.end) == ","))
    {
        let Role::Entity(e) = other.role else { break };
        if !ents[e].kind.can_attack() || other.weapon {
            break;
        }
        let mut first = other.first;
        if first > 0 && toks[first - 1].is("the") {
            first -= 1;
        }
        // "X and Y" where X is the object of a preposition is not a subject.
        if first > 0 && PREPOSITIONS.contains(&lw(toks, first - 1)) {
            break;
        }
        if out.contains(&e) {
            break;
        }
        out.push(e);
        if first == 0 || lw(toks, first - 1) != "," {
            break;
        }
        joint = first - 1;
    }
    out
}

/// A verb of condemning or criticising: what it takes as object may be attacks in general.
fn is_stance_verb(w: &str) -> bool {
    matches!(
        w,
        "condemned"
            | "condemn"
            | "condemns"
            | "condemning"
            | "criticising"
            | "criticizing"
            | "criticised"
            | "criticized"
            | "denounced"
            | "denouncing"
    )
}

/// Negated, modal, planned, threatened or trend mentions.
fn is_unreal(
    toks: &[Token],
    trig: &Trigger,
    c_start: usize,
    c_end: usize,
    named_place: bool,
) -> bool {
    let sent_has_day = |a: usize, b: usize| sent_has_day(toks, a, b);
    // "criticising both the attacks on X and the American strikes on Y": every member of
    // the pair is a stance, however far from the verb.
    if trig.plural {
        let back = trig.tok.saturating_sub(16).max(c_start);
        if let Some(v) = (back..trig.tok)
            .rev()
            .find(|&k| is_stance_verb(lw(toks, k)))
        {
            if (v + 1..trig.tok).any(|k| lw(toks, k) == "both") {
                return true;
            }
        }
    }
    let mut from = trig.tok.saturating_sub(6).max(c_start);
    if let Some(p) = (from..trig.tok)
        .rev()
        .find(|&k| matches!(lw(toks, k), "," | ";" | ":" | "\""))
    {
        from = from.max(p + 1);
    }
    for k in from..trig.tok {
        let w = lw(toks, k);
        // "had stepped up operations in the area": a trend, not an attack, unless a day
        // dates it.
        if matches!(
            w,
            "stepped" | "step" | "intensified" | "escalated" | "ramped" | "increased"
        ) && (lw(toks, trig.tok).ends_with('s')
            || matches!(lw(toks, trig.tok - 1), "its" | "their"))
            && !sent_has_day(c_start, c_end)
        {
            return true;
        }
        // "(likely)" after a name hedges who did it, not whether it happened.
        if k > 0 && lw(toks, k - 1) == "(" && lw(toks, k + 1) == ")" {
            continue;
        }
        if UNREAL_BEFORE.contains(&w) {
            // "no" only negates a noun right after it ("no attack"), "to" only an infinitive.
            if w == "to" && !(trig.kind == TrigKind::Verb && k + 1 == trig.tok) {
                continue;
            }
            // "used two drones to target": the purpose of an act that happened.
            if w == "to"
                && (k.saturating_sub(5)..k).any(|j| {
                    matches!(
                        lw(toks, j),
                        "used" | "using" | "employed" | "deployed" | "sent" | "launched" | "fired"
                    )
                })
            {
                continue;
            }
            if w == "no" && (trig.kind != TrigKind::Noun || lw(toks, k + 1) == "one") {
                continue;
            }
            // "May 16" is a date.
            if w == "may"
                && toks
                    .get(k + 1)
                    .map(|n| n.kind == TokenKind::Number)
                    .unwrap_or(false)
            {
                continue;
            }
            if w == "against" {
                continue;
            }
            // "condemned the artillery bombardment of a resort in Zakho": a definite,
            // placed event was real; "condemned attacks on" is a stance.
            // ("criticising both the attacks on X and the strikes on Y": attacks in the
            // plural, a stance whatever their article.)
            if is_stance_verb(w)
                && (k + 1..trig.tok).any(|j| matches!(lw(toks, j), "the" | "this" | "'s"))
                && (named_place || sent_has_day(c_start, c_end))
                && (!trig.plural || matches!(w, "condemned" | "condemn" | "condemns"))
            {
                continue;
            }
            // "attempted to launch" is a failed attack only when nothing was launched.
            return true;
        }
    }
    // Drills and exercises are not attacks, whatever they fire.
    if toks.iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "exercise" | "exercises" | "drill" | "drills" | "manoeuvres" | "maneuvers" | "wargames"
        )
    }) {
        return true;
    }
    // "denied reports that rockets had landed", "rejected claims that its fighters
    // attacked": what is denied did not (as far as the text goes) happen.
    let denial = (0..trig.tok).find(|&k| {
        matches!(
            lw(toks, k),
            "denied" | "deny" | "denies" | "denying" | "rejected" | "dismissed" | "refuted"
        )
    });
    if let Some(d) = denial {
        if (d + 1..trig.tok).any(|k| {
            matches!(
                lw(toks, k),
                "reports" | "report" | "claims" | "rumours" | "rumors" | "allegations" | "that"
            )
        }) {
            return true;
        }
    }
    // "described reports of a drone strike as baseless", "called the claims of an attack
    // fabricated": reports of the attack, judged false after it.
    let judged = (0..trig.tok).rev().take(8).find(|&k| {
        matches!(
            lw(toks, k),
            "reports" | "report" | "claims" | "allegations" | "rumours" | "rumors"
        ) && k + 1 < trig.tok
            && lw(toks, k + 1) == "of"
    });
    if let Some(r) = judged {
        let before = (r.saturating_sub(4)..r).any(|k| {
            matches!(
                lw(toks, k),
                "described" | "describing" | "called" | "calling" | "dismissed"
            )
        });
        let verdict = (trig.end..(trig.end + 14).min(toks.len())).any(|k| {
            matches!(
                lw(toks, k),
                "baseless"
                    | "false"
                    | "fabricated"
                    | "untrue"
                    | "unfounded"
                    | "groundless"
                    | "lies"
            )
        });
        if before && verdict {
            return true;
        }
    }
    // "foiled a plan to", "thwarted an attempt to".
    if trig.kind == TrigKind::Intercept
        && (trig.end..(trig.end + 3).min(toks.len()))
            .any(|k| matches!(lw(toks, k), "plan" | "plot" | "attempt" | "bid" | "scheme"))
    {
        return true;
    }
    // A participle after a comma shares the mood of its clause: "Turkey would launch an
    // operation ..., targeting ...".
    if toks[trig.tok].lower.ends_with("ing")
        && trig.tok > 0
        && toks[trig.tok - 1].is(",")
        && (0..trig.tok).any(|k| {
            matches!(
                lw(toks, k),
                "would"
                    | "will"
                    | "could"
                    | "might"
                    | "may"
                    | "plans"
                    | "planned"
                    | "threatened"
                    | "vowed"
                    | "intends"
            )
        })
    {
        return true;
    }
    // Hypotheticals anywhere before the trigger in the clause.
    for k in c_start..trig.tok {
        // "to protect US troops from Iranian missile attacks"
        // ("the Revolutionary Guard fired" is a name, "to guard" a purpose).
        if matches!(
            lw(toks, k),
            "protect" | "protecting" | "defend" | "defending" | "shield" | "safeguard"
        ) || (lw(toks, k) == "guard" && k > 0 && lw(toks, k - 1) == "to")
        {
            return true;
        }
        if matches!(
            lw(toks, k),
            "if" | "unless"
                | "threatened"
                | "threatens"
                | "vowed"
                | "warned"
                | "plans"
                | "planning"
                | "prevent"
                | "possible"
                | "avoid"
                | "deter"
        ) {
            return true;
        }
    }
    // "Attacks on U.S. forces in Iraq and Syria have largely halted": for a plural, the
    // clause's verb may come a while after.
    let reach = if trig.plural { 16 } else { 4 };
    for k in trig.end..(trig.end + reach).min(c_end.max(trig.end)) {
        if UNREAL_AFTER.contains(&lw(toks, k)) {
            return true;
        }
    }
    // "more than 170 rocket and drone attacks": a large count is a tally, not an event.
    if trig.plural {
        let large = (trig.tok.saturating_sub(5)..trig.tok).any(|k| {
            toks[k].kind == TokenKind::Number
                && toks[k]
                    .lower
                    .replace(',', "")
                    .parse::<u32>()
                    .map(|n| n >= 6)
                    .unwrap_or(false)
        });
        if large && !named_place {
            return true;
        }
        // "134 attacks in Kirkuk so far this year", "20 strikes on the city since
        // October": a count over a period is a tally even where it names the place.
    }
    // "past attacks targeting American troops": a participle takes the trend of its noun.
    if trig.kind == TrigKind::Verb
        && lw(toks, trig.tok).ends_with("ing")
        && trig.tok >= 2
        && matches!(
            lw(toks, trig.tok - 1),
            "attacks" | "strikes" | "airstrikes" | "raids"
        )
        && (trig.tok.saturating_sub(4)..trig.tok - 1)
            .any(|k| GENERIC_MARKERS.contains(&lw(toks, k)))
    {
        return true;
    }
    // "Turkish bombardment of villages has displaced thousands over the past year": a
    // perfect tense over a period sums up a trend.
    let perfect = (trig.tok.saturating_sub(2).max(c_start)..(trig.end + 8).min(c_end)).any(|k| {
        matches!(lw(toks, k), "has" | "have")
            && toks
                .get(k + 1)
                .is_some_and(|n| n.lower.ends_with("ed") || n.is("been"))
    });
    if perfect && over_a_period(toks, c_start, c_end) && !sent_has_day(c_start, c_end) {
        return true;
    }
    // The period may follow the clause ("... on US bases since October").
    if counted_attacks(toks, trig)
        && over_a_period(toks, c_start, toks.len())
        && !sent_has_day(c_start, c_end)
    {
        return true;
    }
    // Trend language around plural mentions, unless a day pins them down ("dozens of
    // airstrikes on Sunday").
    // Only a count of strikes can be one day's events ("dozens of airstrikes on Sunday");
    // "recent attacks", "a spate of attacks" stay a trend whatever day the sentence names.
    let quantity_only = (c_start.max(trig.tok.saturating_sub(8))..c_end.min(trig.end + 8))
        .map(|k| lw(toks, k))
        .filter(|w| GENERIC_MARKERS.contains(w))
        .all(|w| {
            matches!(
                w,
                "dozens" | "scores" | "hundreds" | "numerous" | "many" | "series" | "wave"
            )
        });
    let has_day = quantity_only && sent_has_day(c_start, c_end);
    if !has_day && (trig.plural || trig.kind == TrigKind::Passive || trig.kind == TrigKind::Verb) {
        let window = (c_start.max(trig.tok.saturating_sub(8)))..(c_end.min(trig.end + 12));
        let generic = window.clone().any(|k| {
            let w = lw(toks, k);
            GENERIC_MARKERS.contains(&w)
        });
        if generic
            && (trig.plural
                || window.clone().any(|k| {
                    matches!(
                        lw(toks, k),
                        "times"
                            | "occasions"
                            | "frequently"
                            | "regularly"
                            | "repeatedly"
                            | "routinely"
                            | "often"
                            | "daily"
                            | "increasingly"
                    )
                }))
        {
            return true;
        }
    }
    false
}

/// Whether the mention counts attacks: "134 attacks", "carried out dozens of strikes".
fn counted_attacks(toks: &[Token], trig: &Trigger) -> bool {
    let noun = |k: usize| {
        matches!(
            lw(toks, k),
            "attacks"
                | "strikes"
                | "airstrikes"
                | "raids"
                | "bombings"
                | "assaults"
                | "operations"
                | "killings"
                | "assassinations"
        )
    };
    let count = |k: usize| {
        (toks[k].kind == TokenKind::Number && !matches!(lw(toks, k), "1" | "one"))
            || matches!(lw(toks, k), "dozens" | "hundreds" | "scores" | "thousands")
    };
    let from = trig.tok.saturating_sub(5);
    let to = (trig.end + 8).min(toks.len());
    (from..to).any(|k| {
        count(k)
            && (k + 1..(k + 6).min(toks.len()))
                .find(|&j| noun(j))
                .is_some_and(|j| j >= trig.tok)
    })
}

/// Whether the clause counts over a period rather than naming a day: "so far this year",
/// "since October", "over the past month", "in 2020", "last year".
fn over_a_period(toks: &[Token], from: usize, to: usize) -> bool {
    let to = to.min(toks.len());
    (from..to).any(|k| {
        let w = lw(toks, k);
        let next = lw(toks, k + 1);
        let prev = if k > 0 { lw(toks, k - 1) } else { "" };
        (w == "so" && next == "far")
            || w == "since"
            || w == "throughout"
            || (matches!(w, "past" | "last")
                && (matches!(
                    next,
                    "year" | "month" | "months" | "years" | "weeks" | "decade"
                ) || matches!(lw(toks, k + 2), "months" | "years" | "weeks")))
            || (matches!(w, "this" | "last") && next == "year")
            // "in 2020": a year alone ("on 5 March 2020" has no "in" before the year).
            || (prev == "in" && toks[k].kind == TokenKind::Number && w.len() == 4)
    })
}

/// Whether the clause names a day: a weekday, "yesterday", "on March 8".
fn sent_has_day(toks: &[Token], from: usize, to: usize) -> bool {
    (from..to.min(toks.len())).any(|k| {
        let w = lw(toks, k);
        is_weekday(w)
            || matches!(w, "yesterday" | "today" | "tonight" | "overnight")
            || (toks[k].kind == TokenKind::Number
                && w.len() <= 4
                && (is_month(lw(toks, k.saturating_sub(1))) || is_month(lw(toks, k + 1))))
    })
}

/// A plural attack noun is a set of events only with a count, a day or a named target.
fn specific_plural(sent: &Sent, trig: &Trigger, c_start: usize, c_end: usize) -> bool {
    let toks = sent.toks;
    let prev = if trig.tok > 0 {
        lw(toks, trig.tok - 1)
    } else {
        ""
    };
    let prev2 = if trig.tok > 1 {
        lw(toks, trig.tok - 2)
    } else {
        ""
    };
    let counted = |w: &str| {
        matches!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "twin"
                | "separate"
                | "both"
                | "multiple"
                | "several"
                | "these"
        ) || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty() && w.len() <= 2
    };
    if counted(prev) || counted(prev2) {
        return true;
    }
    // "strikes on three facilities", "strikes against two sites": counted targets.
    if matches!(lw(toks, trig.end), "on" | "against" | "at")
        && (counted(lw(toks, trig.end + 1))
            || (matches!(lw(toks, trig.end + 1), "a" | "an") && lw(toks, trig.end + 2) != "number"))
    {
        return true;
    }
    let has_day = sent
        .dates
        .iter()
        .any(|(d, a, _)| d.is_day() && *a >= c_start && *a < c_end);
    if has_day {
        return true;
    }
    // "airstrikes on a pair of convoys", "strikes against IS positions near X": a named place
    // or target right after.
    let named_after = sent.slots.iter().any(|s| {
        s.first >= trig.end && s.first < c_end && s.first <= trig.end + 6 && !s.weapon && !s.generic
    });
    // ("The strikes near X were carried out by F-16s": the strikes just told, now placed.)
    // ("a string of attacks against U.S. forces": a run of events, dated or not at all.)
    named_after
        && (prev != "the" || trig.anaphoric)
        && !matches!(prev, "dozens" | "hundreds" | "many" | "numerous")
        && !(prev == "of" && matches!(prev2, "string" | "series" | "spate" | "wave" | "flurry"))
}

/// The nearest actor to the left of `at` in the clause that can be a subject.
fn subject<'s>(sent: &'s Sent, at: usize, c_start: usize, ents: &[Entity]) -> Option<&'s Slot> {
    let toks = sent.toks;
    let mut k = at;
    let mut skipped_words = 0;
    while k > c_start {
        k -= 1;
        let w = lw(toks, k);
        // An aside in brackets is skipped whole: "X carried out attacks (presumably with
        // drones) targeting".
        if w == ")" {
            if let Some(open) = (c_start..k).rev().find(|&j| lw(toks, j) == "(") {
                k = open;
                continue;
            }
        }
        if let Some(s) = sent.slots.iter().find(|s| s.end == k + 1) {
            // The word before the phrase, past determiners and directions: "from the X
            // unit", "in northern Iraq".
            let mut p = s.first;
            while p > 0
                && (matches!(
                    lw(toks, p - 1),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "central" | "rural"
                ) || lw(toks, p - 1).ends_with("ern"))
            {
                p -= 1;
            }
            let before = if p > 0 { lw(toks, p - 1) } else { "" };
            // "remnants of Daesh attacked", "members of the PKK opened fire": the group the
            // members belong to acts.
            let members_of = before == "of"
                && p >= 2
                && matches!(
                    lw(toks, p - 2),
                    "remnants"
                        | "members"
                        | "fighters"
                        | "militants"
                        | "cells"
                        | "elements"
                        | "gunmen"
                        | "operatives"
                        | "units"
                        | "loyalists"
                        | "supporters"
                        | "remnant"
                        | "member"
                        | "cell"
                );
            let mut prep = PREPOSITIONS.contains(&before) && before != "by" && !members_of;
            // "... in Anbar province, Iraq": a country after a place and a comma is where.
            if before == "," && p >= 2 {
                if let Role::Entity(e) = s.role {
                    let after_place = sent.slots.iter().any(|o| {
                        o.end == p - 1
                            && matches!(o.role, Role::Entity(x) if ents[x].kind.is_place())
                    }) || matches!(
                        lw(toks, p - 2),
                        "province" | "governorate" | "district" | "region" | "city"
                    );
                    if ents[e].kind == Kind::Country && after_place {
                        prep = true;
                    }
                }
            }
            // A weapon that is the object of "used", "launched": "X used two drones to".
            let object_weapon = s.weapon
                && (s.first.saturating_sub(3)..s.first).any(|j| {
                    matches!(
                        lw(toks, j),
                        "used"
                            | "using"
                            | "employed"
                            | "deploying"
                            | "deployed"
                            | "launched"
                            | "fired"
                            | "sent"
                            | "with"
                            | "via"
                    )
                });
            if object_weapon {
                k = s.first;
                skipped_words += 1;
                continue;
            }
            // "a strike on a remote ISIS training camp killed": the group names whose camp,
            // a modifier of what was hit, not who struck.
            let site_modifier = (s.end..(s.end + 2).min(at)).any(|j| {
                matches!(
                    lw(toks, j),
                    "camp"
                        | "camps"
                        | "base"
                        | "bases"
                        | "position"
                        | "positions"
                        | "hideout"
                        | "hideouts"
                        | "headquarters"
                        | "depot"
                        | "depots"
                        | "site"
                        | "sites"
                        | "compound"
                        | "facility"
                        | "facilities"
                        | "targets"
                        | "tunnel"
                        | "tunnels"
                        | "outpost"
                        | "stronghold"
                        | "strongholds"
                        | "cache"
                        | "checkpoint"
                        | "building"
                        | "buildings"
                )
            });
            if site_modifier {
                k = s.first;
                skipped_words += 1;
                continue;
            }
            let ok_kind = match s.role {
                Role::Entity(e) => {
                    let kind = ents[e].kind;
                    kind.can_attack() || kind == Kind::Person || kind == Kind::Organisation
                }
                Role::Unknown => true,
            };
            if !prep && ok_kind {
                if let Role::Entity(e) = s.role {
                    if matches!(ents[e].kind, Kind::Person | Kind::Organisation) {
                        // A person or an outlet as subject: the attacker is not named.
                        return None;
                    }
                }
                return Some(s);
            }
            // A place or an object of a preposition: skip the whole phrase.
            k = s.first;
            skipped_words += 1;
            continue;
        }
        // "X claimed to have launched": the subject of "claimed" is the subject.
        let raising = matches!(
            w,
            "claimed"
                | "claims"
                | "said"
                | "says"
                | "reported"
                | "appeared"
                | "appears"
                | "believed"
        ) && lw(toks, k + 1) == "to";
        if !raising
            && (REPORTING.contains(&w) || w == "that" && skipped_words > 0 || w == ";" || w == ":")
        {
            return None;
        }
        // Relative clauses: "militants who attacked" → keep going left to the antecedent.
        if matches!(w, "who" | "which" | "that") {
            continue;
        }
        // A verb in a subordinate clause has its subject inside it: "two soldiers were
        // killed when rockets slammed into the camp" (the rockets, not the soldiers).
        if matches!(
            w,
            "when" | "where" | "because" | "although" | "though" | "whereas" | "unless" | "until"
        ) {
            return None;
        }
        skipped_words += 1;
        if skipped_words > 14 {
            return None;
        }
    }
    None
}

/// The nearest slot to the left of `at`, whatever its kind (for passive subjects: a base, a
/// place, a convoy).
fn subject_any<'s>(sent: &'s Sent, at: usize, c_start: usize) -> Option<&'s Slot> {
    sent.slots
        .iter()
        .rev()
        .find(|s| s.end <= at && s.first >= c_start && !s.weapon)
}

/// The first slot after the verb (its object), before a clause break.
fn object<'s>(sent: &'s Sent, from: usize, c_end: usize) -> Option<&'s Slot> {
    let toks = sent.toks;
    let s = sent
        .slots
        .iter()
        .find(|s| s.first >= from && s.first < c_end)?;
    // Only determiners and adjectives between the verb and the object.
    for k in from..s.first {
        let w = lw(toks, k);
        if PREPOSITIONS.contains(&w)
            && !matches!(w, "at" | "on" | "against" | "toward" | "towards" | "into")
        {
            return None;
        }
        if k > from + 6 {
            return None;
        }
    }
    Some(s)
}

/// The slot after "by" following `from` (a passive agent or "an attack by X").
fn by_agent<'s>(sent: &'s Sent, from: usize, c_end: usize) -> Option<&'s Slot> {
    let toks = sent.toks;
    let mut k = from;
    while k < c_end && k < from + 4 {
        if lw(toks, k) == "by" {
            let s = sent
                .slots
                .iter()
                .find(|s| s.first > k && s.first < c_end && s.first <= k + 5)?;
            // "launched by Yemen's Houthi movement": the owner's group is the agent.
            if lw(toks, s.end) == "'s" || lw(toks, s.end) == "\u{2019}s" {
                if let Some(owned) = sent
                    .slots
                    .iter()
                    .find(|o| o.first > s.end && o.first <= s.end + 2 && o.first < c_end)
                {
                    return Some(owned);
                }
            }
            return Some(s);
        }
        k += 1;
    }
    None
}

/// Who fired on a target that "came under" fire: the actor after "from" ("came under fire
/// from ISIS militants") or before the fire ("came under ISIS rocket fire").
fn come_under_source<'s>(
    sent: &'s Sent,
    ents: &[Entity],
    trig: &Trigger,
    c_end: usize,
) -> Option<&'s Slot> {
    let toks = sent.toks;
    let actor = |s: &&Slot| {
        !s.weapon
            && matches!(s.role, Role::Entity(e) if ents[e].kind.can_attack() && !ents[e].kind.is_place())
    };
    let fire_word = |k: usize| {
        matches!(
            lw(toks, k),
            "fire" | "attack" | "attacks" | "shelling" | "bombardment" | "barrage"
        )
    };
    // The actor as a modifier, right after "under".
    let under = trig.tok + 1;
    if let Some(s) = sent
        .slots
        .iter()
        .find(|s| s.first == under + 1)
        .filter(actor)
    {
        if (s.end..(s.end + 3).min(c_end)).any(fire_word) {
            return Some(s);
        }
    }
    let from = (under + 1..(under + 5).min(c_end))
        .take_while(|&k| lw(toks, k) != ",")
        .find(|&k| lw(toks, k) == "from")?;
    sent.slots
        .iter()
        .filter(|s| s.first > from && s.first <= from + 3 && s.first < c_end)
        .find(actor)
}

/// The armed actor a mission is against, after a passive "killed": "killed on a mission
/// against ISIS", "killed during an operation against the PKK".
fn mission_enemy(sent: &Sent, ents: &[Entity], from: usize, c_end: usize) -> Option<usize> {
    let toks = sent.toks;
    let k = (from..c_end.min(from + 14)).find(|&k| {
        lw(toks, k) == "against"
            && (k.saturating_sub(3)..k).any(|j| {
                matches!(
                    lw(toks, j),
                    "mission"
                        | "operation"
                        | "operations"
                        | "raid"
                        | "offensive"
                        | "campaign"
                        | "patrol"
                        | "assault"
                        | "battle"
                        | "fight"
                        | "fighting"
                )
            })
    })?;
    let s = sent
        .slots
        .iter()
        .find(|s| s.first > k && s.first <= k + 2 && !s.weapon)?;
    match s.role {
        Role::Entity(e) if ents[e].kind.can_attack() && ents[e].kind != Kind::Country => Some(e),
        _ => None,
    }
}

/// "blamed on X", "attributed to X", "claimed by X" right after an attack noun.
fn blamed_on(sent: &Sent, from: usize, c_end: usize) -> Option<Role> {
    let toks = sent.toks;
    for k in from..(from + 12).min(c_end.max(from)) {
        let w = lw(toks, k);
        let next = lw(toks, k + 1);
        if (w == "blamed" && next == "on")
            || (w == "attributed" && next == "to")
            || (w == "claimed" && next == "by")
            // Only right after the attack noun: "a Yazidi force linked to the PKK" further
            // on describes the victims.
            || (((w == "associated" && next == "with") || (w == "linked" && next == "to"))
                && k <= from + 3
                && !(from..k).any(|j| lw(toks, j) == ","))
        {
            let s = sent
                .slots
                .iter()
                .find(|s| s.first > k + 1 && s.first <= k + 6 && !s.weapon)?;
            return Some(s.role);
        }
    }
    None
}

/// The slot after one of `preps` following `from`.
fn after_prep<'s>(sent: &'s Sent, from: usize, c_end: usize, preps: &[&str]) -> Option<&'s Slot> {
    let toks = sent.toks;
    let mut k = from;
    while k < c_end && k < from + 3 {
        if preps.contains(&lw(toks, k)) {
            return sent
                .slots
                .iter()
                .find(|s| s.first > k && s.first < c_end && s.first <= k + 5 && !s.weapon);
        }
        k += 1;
    }
    None
}

/// "carried out", "launched", "conducted", "staged" before an attack noun: the index of
/// the verb.
fn light_verb_before(toks: &[Token], at: usize, c_start: usize) -> Option<usize> {
    let mut k = at;
    let mut steps = 0;
    while k > c_start && steps < 7 {
        k -= 1;
        steps += 1;
        let w = lw(toks, k);
        if matches!(
            w,
            "carried"
                | "carry"
                | "carries"
                | "carrying"
                | "launched"
                | "launch"
                | "launches"
                | "launching"
                | "conducted"
                | "conduct"
                | "conducts"
                | "conducting"
                | "staged"
                | "stage"
                | "mounted"
                | "mount"
                | "executed"
                | "perpetrated"
                | "committed"
                | "made"
                | "undertook"
                | "claimed"
                | "claims"
                | "claim"
                | "unleashed"
                | "waged"
                | "began"
                | "begun"
                | "started"
                | "opened"
                | "initiated"
                | "ordered"
                | "authorised"
                | "authorized"
        ) {
            return Some(k);
        }
        // "carried out dozens of airstrikes", "a series of strikes"
        if w == "of"
            && matches!(
                lw(toks, k.saturating_sub(1)),
                "dozens"
                    | "scores"
                    | "hundreds"
                    | "series"
                    | "number"
                    | "wave"
                    | "barrage"
                    | "salvo"
                    | "string"
                    | "round"
                    | "rounds"
                    | "spate"
                    | "couple"
            )
        {
            continue;
        }
        if PREPOSITIONS.contains(&w) && !matches!(w, "out") {
            return None;
        }
    }
    None
}

/// Words that end a target noun phrase.
fn ends_np(t: &Token) -> bool {
    let w = t.lower.as_str();
    (t.kind == TokenKind::Punct && !matches!(w, "'s" | "-"))
        || (PREPOSITIONS.contains(&w) && w != "of")
        || matches!(
            w,
            "and"
                | "or"
                | "killing"
                | "wounding"
                | "injuring"
                | "causing"
                | "leaving"
                | "damaging"
                | "destroying"
                | "setting"
                | "who"
                | "which"
                | "that"
                | "when"
                | "while"
                | "as"
                | "after"
                | "before"
                | "since"
                | "said"
                | "says"
                | "was"
                | "were"
                | "is"
                | "are"
                | "had"
                | "has"
                | "have"
                | "late"
                | "early"
                | "overnight"
                | "yesterday"
                | "today"
                | "tonight"
                | "last"
                | "this"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "used"
                | "known"
                | "called"
                | "dubbed"
                | "but"
                | "using"
                | "reportedly"
                | "carrying"
                | "hosting"
                | "housing"
                | "belonging"
                | "manning"
                | "driving"
                | "travelling"
                | "traveling"
                | "wearing"
                | "up"
                | "himself"
                | "themselves"
                | "herself"
        )
}

/// The noun phrase starting at `from`: determiners, adjectives, names and nouns, with one
/// "of" phrase ("members of the federal police").
fn np_span(toks: &[Token], from: usize, limit: usize) -> Option<(usize, usize)> {
    let mut k = from;
    let mut seen_of = false;
    while k < limit && k < from + 10 {
        if toks[k].is("of") {
            if seen_of || k == from {
                break;
            }
            seen_of = true;
            k += 1;
            continue;
        }
        // "a joint army and police checkpoint": a coordinated modifier before a facility.
        if toks[k].is("and")
            && k > from
            && (k + 1..(k + 4).min(limit)).any(|j| FACILITY_HEADS.contains(&lw(toks, j)))
        {
            k += 1;
            continue;
        }
        // The dots of initials: "the U.S. embassy".
        let initial_dot = toks[k].is(".")
            && k > from
            && toks[k - 1].lower.len() == 1
            && toks[k].span.start == toks[k - 1].span.end
            && ((k + 1 < limit
                && toks[k + 1].lower.len() == 1
                && toks[k + 1].span.start == toks[k].span.end)
                || (k >= 2
                    && toks[k - 2].is(".")
                    && toks[k - 2].span.end == toks[k - 1].span.start));
        if ends_np(&toks[k]) && !initial_dot {
            break;
        }
        // "Syrian forces south of Deir ez-Zor", "a convoy killed two": a direction with
        // "of", or a verb of the toll, ends the phrase.
        if k > from
            && ((is_direction(&toks[k].lower) && lw(toks, k + 1) == "of")
                || matches!(toks[k].lower.as_str(), "killed" | "wounded" | "injured")
                // "Rawa the next day", "the checkpoint that night".
                || is_time_phrase(toks, k)
                // "a checkpoint manned by", "a convoy heading to", "a building adjacent to".
                || (k > from + 1
                    && !matches!(lw(toks, k - 1), "a" | "an" | "the")
                    && (toks[k].lower.ends_with("ed")
                        || toks[k].lower.ends_with("ing")
                        || matches!(lw(toks, k), "adjacent" | "close" | "next"))
                    && matches!(
                        lw(toks, k + 1),
                        "by" | "to" | "toward" | "towards" | "for" | "from" | "into"
                    ))
                // "an army post 20 km south of Hit".
                || (toks[k].kind == TokenKind::Number
                    && matches!(
                        lw(toks, k + 1),
                        "km" | "kilometres" | "kilometers" | "miles" | "metres" | "meters"
                    )))
        {
            break;
        }
        k += 1;
    }
    // Do not end on "of".
    while k > from && toks[k - 1].is("of") {
        k -= 1;
    }
    (k > from).then_some((from, k))
}

/// Whether a word names a month or a weekday, lowercase ("oct." too).
pub(crate) fn month_or_weekday(w: &str) -> bool {
    is_month(w.trim_end_matches('.')) || is_weekday(w)
}

/// A month's name or abbreviation, lowercase.
fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Whether a time phrase starts at `k`: "the next day", "the following morning", "that
/// night", "this week".
fn is_time_phrase(toks: &[Token], k: usize) -> bool {
    let unit = |w: &str| {
        matches!(
            w,
            "day" | "night" | "morning" | "afternoon" | "evening" | "week" | "weekend" | "month"
        )
    };
    match lw(toks, k) {
        "the" => {
            matches!(lw(toks, k + 1), "next" | "following" | "same" | "previous")
                && unit(lw(toks, k + 2))
        }
        "that" | "this" | "last" => unit(lw(toks, k + 1)),
        _ => false,
    }
}

/// Head nouns of the places and things attacks hit: "a checkpoint of the SDF" is a
/// checkpoint, not the SDF.
static FACILITY_HEADS: WordList = WordList::new(&[
    "checkpoint",
    "checkpoints",
    "base",
    "bases",
    "post",
    "posts",
    "position",
    "positions",
    "outpost",
    "convoy",
    "convoys",
    "patrol",
    "vehicle",
    "vehicles",
    "headquarters",
    "office",
    "offices",
    "building",
    "house",
    "home",
    "camp",
    "gate",
    "entrance",
    "depot",
    "depots",
    "warehouse",
    "warehouses",
    "facility",
    "facilities",
    "site",
    "sites",
    "barracks",
    "compound",
    "tent",
    "funeral",
    "market",
    "mosque",
    "station",
    "airport",
    "embassy",
    "consulate",
    "hideout",
    "hideouts",
    "tanker",
    "refinery",
    "plant",
    "tankers",
    "truck",
    "trucks",
    "bus",
    "car",
]);

/// Words after an exploding or reflexive verb that lead to where it hit: "blew up next to a
/// checkpoint", "detonated himself at a funeral".
static BLAST_PREPS: WordList = WordList::new(&[
    "at", "near", "next", "outside", "inside", "beside", "by", "among", "amid", "in", "on", "close",
]);

/// `np_span` that reads a name spelled like a function word as a name: "suspected IS
/// positions".
fn np_span_slots(sent: &Sent, from: usize, limit: usize) -> Option<(usize, usize)> {
    let toks = sent.toks;
    let mut span = np_span(toks, from, limit);
    loop {
        let end = span.map(|s| s.1).unwrap_or(from);
        let Some(slot) = sent
            .slots
            .iter()
            .find(|s| s.first == end && s.end <= limit && matches!(s.role, Role::Entity(_)))
        else {
            break;
        };
        if !matches!(lw(toks, end), "is" | "as" | "was" | "up") {
            break;
        }
        let tail = np_span(toks, slot.end, limit)
            .map(|t| t.1)
            .unwrap_or(slot.end);
        span = Some((span.map(|s| s.0).unwrap_or(from), tail));
    }
    span
}

/// Past a hedge on an object: "what were believed to be Iran-backed fighters" reads from
/// "Iran-backed". A wh-word without "to be" ("what they said were ...") names nothing.
fn past_hedge(toks: &[Token], from: usize, c_end: usize) -> Option<usize> {
    if !matches!(lw(toks, from), "what" | "whom" | "who" | "which") {
        return Some(from);
    }
    (from + 1..c_end.min(from + 7))
        .find(|&k| lw(toks, k) == "be")
        .map(|k| k + 1)
}

/// The target of an attack as the words say it, and the entity it names when it ends with
/// one.
fn target_phrase(
    text: &str,
    sent: &Sent,
    trig: &Trigger,
    c_start: usize,
    c_end: usize,
) -> Option<(Option<usize>, String)> {
    let toks = sent.toks;
    let is_weapon = |k: usize| {
        matches!(
            lw(toks, k),
            "drone"
                | "drones"
                | "rocket"
                | "rockets"
                | "missile"
                | "missiles"
                | "mortar"
                | "mortars"
                | "shells"
                | "bombs"
                | "bomb"
                | "projectiles"
                | "uavs"
                | "round"
                | "rounds"
                | "barrage"
                | "salvo"
        )
    };
    let skip_preps = |mut k: usize| {
        while k < c_end
            && !(lw(toks, k) == "at" && matches!(lw(toks, k + 1), "least" | "most"))
            && matches!(
                lw(toks, k),
                "at" | "on"
                    | "upon"
                    | "against"
                    | "toward"
                    | "towards"
                    | "into"
                    | "onto"
                    | "through"
                    | "targeting"
                    | "up"
                    // "shot dead the mukhtar"
                    | "dead"
            )
        {
            k += 1;
        }
        k
    };
    let reflexive = matches!(
        lw(toks, trig.end),
        "himself" | "themselves" | "herself" | "itself"
    );
    let span = match trig.kind {
        TrigKind::Verb if reflexive || matches!(trig.lemma, "explode" | "blow" | "land") => {
            // "blew himself up at the gate of a base", "exploded near an army vehicle",
            // "detonated himself among mourners at a funeral tent".
            let mut k = trig.end;
            if reflexive {
                k += 1;
            }
            while k < c_end && lw(toks, k) == "up" {
                k += 1;
            }
            let window = k..c_end.min(k + 8);
            let prep = window
                .clone()
                .find(|&j| {
                    matches!(
                        lw(toks, j),
                        "at" | "near" | "next" | "outside" | "inside" | "beside" | "close"
                    )
                })
                .or_else(|| window.clone().find(|&j| BLAST_PREPS.contains(&lw(toks, j))))?;
            let mut j = prep + 1;
            while j < c_end && matches!(lw(toks, j), "to" | "by") {
                j += 1;
            }
            np_span_slots(sent, past_hedge(toks, j, c_end)?, c_end)?
        }
        TrigKind::Verb => {
            let mut from = skip_preps(trig.end);
            // "struck back at the militants".
            if lw(toks, from) == "back" && matches!(lw(toks, from + 1), "at" | "against" | "on") {
                from = skip_preps(from + 1);
            }
            let from = past_hedge(toks, from, c_end)?;
            if matches!(
                lw(toks, from),
                "again" | "back" | "twice" | "hard" | "repeatedly" | "first"
            ) {
                return None;
            }
            let first = np_span_slots(sent, from, c_end)?;
            // "fired rockets at X", "launched two drones toward X": the weapon is the object.
            if (first.0..first.1).any(is_weapon)
                || (matches!(trig.lemma, "launch" | "drop") && from == trig.end)
            {
                let at = (first.1..c_end.min(first.1 + 8)).find(|&k| {
                    matches!(
                        lw(toks, k),
                        "at" | "on" | "against" | "toward" | "towards" | "targeting" | "into"
                    )
                })?;
                np_span_slots(sent, skip_preps(at), c_end)?
            } else {
                first
            }
        }
        TrigKind::Passive | TrigKind::ComeUnder => {
            // The subject: after the last "when", "after", "that" or comma-free clause opener.
            let mut start = c_start;
            for k in (c_start..trig.tok).rev() {
                let spaced_dash = matches!(lw(toks, k), "-" | "—" | "–")
                    && k > 0
                    && toks[k].span.start > toks[k - 1].span.end;
                if matches!(
                    lw(toks, k),
                    "when" | "after" | "as" | "while" | "that" | "because" | ":"
                ) || spaced_dash
                {
                    start = k + 1;
                    break;
                }
            }
            // Skip subordinators and time phrases at the start.
            while start < trig.tok
                && matches!(
                    lw(toks, start),
                    "on" | "late" | "early" | "in" | "then" | ","
                )
            {
                start += 1;
            }
            // "On October 18, US forces at al-Tanf came under ...": past a leading date.
            // ("On Monday, Dec. 26, X was struck": as many dated pieces as there are.)
            while let Some(comma) = (start..(start + 6).min(trig.tok)).find(|&k| lw(toks, k) == ",")
            {
                let dated = (start..comma)
                    .any(|k| toks[k].kind == TokenKind::Number || month_or_weekday(lw(toks, k)));
                if !dated {
                    break;
                }
                start = comma + 1;
            }
            let subject = np_span_slots(sent, start, trig.tok)?;
            // "Several rockets were launched toward the base", "two drones were fired at
            // X": the weapon is the subject, the target follows.
            if (subject.0..subject.1).any(is_weapon) {
                let at = (trig.end..c_end.min(trig.end + 8)).find(|&k| {
                    matches!(
                        lw(toks, k),
                        "at" | "on" | "against" | "toward" | "towards" | "targeting" | "into"
                    )
                })?;
                np_span_slots(sent, past_hedge(toks, skip_preps(at), c_end)?, c_end)?
            } else {
                subject
            }
        }
        TrigKind::Noun => {
            let mut k = trig.end;
            // "an attack by ISIS on X"
            if lw(toks, k) == "by" {
                k = (k + 1..c_end.min(k + 8))
                    .find(|&j| matches!(lw(toks, j), "on" | "against" | "targeting"))?;
            }
            // Past a time phrase: "a similar attack a few hours later on an SDF checkpoint".
            if !matches!(lw(toks, k), "on" | "against" | "targeting") {
                if let Some(j) = (k..c_end.min(k + 6))
                    .find(|&j| matches!(lw(toks, j), "later" | "earlier" | "afterwards"))
                {
                    k = j + 1;
                }
            }
            let of_object = matches!(trig.lemma, "bombing" | "shelling") && lw(toks, k) == "of";
            if !matches!(lw(toks, k), "on" | "against" | "targeting") && !of_object {
                return None;
            }
            let k = if of_object { k + 1 } else { k };
            np_span_slots(sent, skip_preps(k), c_end)?
        }
        _ => return None,
    };
    let (s, e) = span;
    // "carried out airstrikes on Sunday": a time is no target.
    if (s..e).all(|k| {
        WEEKDAYS.contains(&lw(toks, k))
            || matches!(
                lw(toks, k),
                "night" | "morning" | "evening" | "afternoon" | "the" | "same" | "day"
            )
    }) {
        return None;
    }
    let phrase = Span::new(toks[s].span.start, toks[e - 1].span.end)
        .of(text)
        .to_string();
    // A name ending the phrase is the target ("the Harir base", "federal police forces").
    // A facility "of" an actor is the facility: "a checkpoint of the SDF".
    let facility_of =
        (s + 1..e).any(|k| toks[k].is("of") && FACILITY_HEADS.contains(&lw(toks, k - 1)));
    let entity = sent
        .slots
        .iter()
        .filter(|_| !facility_of)
        .find(|sl| sl.end == e && sl.first >= s && !sl.weapon)
        .and_then(|sl| match sl.role {
            Role::Entity(x) => Some(x),
            Role::Unknown => None,
        });
    Some((entity, phrase))
}

/// The noun phrase right after `from` (up to a preposition or break), as text.
fn np_text(text: &str, toks: &[Token], from: usize, c_end: usize) -> Option<String> {
    // "struck what they said were fighters": a wh-word names nothing.
    if matches!(lw(toks, from), "what" | "whom" | "who" | "which") {
        return None;
    }
    // "tore through a market", "slammed into a house": the phrase after the particle.
    let from = if matches!(lw(toks, from), "through" | "into" | "onto") {
        from + 1
    } else {
        from
    };
    let mut end = from;
    while end < c_end && end < from + 6 {
        let t = &toks[end];
        if t.kind == TokenKind::Punct && !t.is("-")
            || PREPOSITIONS.contains(&t.lower.as_str())
            || matches!(
                t.lower.as_str(),
                "and" | "killing" | "wounding" | "injuring" | "with" | "who" | "which" | "that"
            )
        {
            break;
        }
        end += 1;
    }
    if end == from {
        return None;
    }
    Some(
        Span::new(toks[from].span.start, toks[end - 1].span.end)
            .of(text)
            .to_string(),
    )
}

fn np_text_before(text: &str, toks: &[Token], c_start: usize, at: usize) -> Option<String> {
    let mut k = at;
    while k > c_start
        && matches!(
            lw(toks, k - 1),
            "was" | "were" | "been" | "is" | "are" | "reportedly" | "also" | "had" | "has" | "have"
        )
    {
        k -= 1;
    }
    let end = k;
    while k > c_start && k + 6 > end {
        let t = &toks[k - 1];
        if t.kind == TokenKind::Punct && !t.is("-")
            || PREPOSITIONS.contains(&t.lower.as_str())
            || matches!(t.lower.as_str(), "and" | "said" | "that")
        {
            break;
        }
        k -= 1;
    }
    if k == end {
        return None;
    }
    Some(
        Span::new(toks[k].span.start, toks[end - 1].span.end)
            .of(text)
            .to_string(),
    )
}

fn prep_np(
    text: &str,
    toks: &[Token],
    from: usize,
    c_end: usize,
    preps: &[&str],
) -> Option<String> {
    if from < toks.len() && preps.contains(&lw(toks, from)) {
        return np_text(text, toks, from + 1, c_end);
    }
    None
}

/// The weapon named nearest the trigger within the clause.
fn weapon_near(
    toks: &[Token],
    trig: &Trigger,
    c_start: usize,
    c_end: usize,
) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for k in c_start..c_end {
        if let Some(w) = weapon_at(toks, k) {
            // "Gunmen hurled an explosive device": who threw it names no means.
            if trig.lemma == "drop" && w == "gunfire" && k < trig.tok {
                continue;
            }
            let dist = if k < trig.tok {
                trig.tok - k
            } else {
                k.saturating_sub(trig.end)
            };
            if best.map(|(d, _)| dist < d).unwrap_or(true) {
                best = Some((dist, w));
            }
        }
    }
    best.map(|(_, w)| w)
}

/// The weapon a word (with its neighbours) names.
pub(super) fn weapon_at(toks: &[Token], k: usize) -> Option<&'static str> {
    let w = lw(toks, k);
    // "rocket and missile storage sites", "destroyed rocket launchers": what was hit, not
    // what hit it.
    let mut j = k + 1;
    while j < (k + 5).min(toks.len())
        && matches!(
            lw(toks, j),
            "and" | "," | "-" | "missile" | "rocket" | "drone" | "ammunition" | "weapons"
        )
    {
        j += 1;
    }
    if matches!(
        lw(toks, j),
        "storage"
            | "depot"
            | "depots"
            | "site"
            | "sites"
            | "facility"
            | "facilities"
            | "launcher"
            | "launchers"
            | "factory"
            | "factories"
            | "warehouse"
            | "warehouses"
            | "workshop"
            | "workshops"
            | "stockpile"
            | "stockpiles"
            | "production"
    ) {
        return None;
    }
    let next = lw(toks, k + 1);
    let prev = if k > 0 { lw(toks, k - 1) } else { "" };
    Some(match w {
        "drone" | "drones" | "uav" | "uavs" | "quadcopter" | "quadcopters" | "kamikaze" => "drone",
        "unmanned" if matches!(next, "aerial" | "aircraft") => "drone",
        "aerial" if prev == "uncrewed" || prev == "unmanned" => "drone",
        "ballistic" if next.starts_with("missile") => "ballistic missile",
        "missile" | "missiles" if prev != "ballistic" && prev != "cruise" => "missile",
        "cruise" if next.starts_with("missile") => "missile",
        "rocket" | "rockets" | "katyusha" | "katyushas" | "grad" => "rocket",
        "mortar" | "mortars" => "mortar",
        "artillery" | "shelling" | "howitzer" | "howitzers" | "shelled" => "artillery",
        "airstrike" | "airstrikes" | "warplanes" | "warplane" | "jets" => "airstrike",
        "bombers" | "bomber" if prev != "suicide" => "airstrike",
        "vest" | "belt" | "vests" | "belts"
            if matches!(prev, "explosive" | "suicide" | "explosives") =>
        {
            "suicide bomber"
        }
        "air" if matches!(next, "strike" | "strikes" | "raid" | "raids" | "attack") => "airstrike",
        "aircraft" if prev != "anti" && prev != "-" => "airstrike",
        "ied" | "ieds" => "IED",
        "roadside"
            if matches!(
                next,
                "bomb"
                    | "bombs"
                    | "device"
                    | "devices"
                    | "explosive"
                    | "explosives"
                    | "ied"
                    | "ieds"
            ) =>
        {
            "IED"
        }
        "improvised" if next == "explosive" => "IED",
        // "an explosive device went off", "hurled an explosive device at a shop".
        "explosive" if matches!(next, "device" | "devices") => "IED",
        "car" | "vehicle" if matches!(next, "bomb" | "bombs" | "bombing") => "car bomb",
        "vbied" | "vbieds" => "car bomb",
        // "an explosives-laden car", "a booby-trapped vehicle", "a car packed with explosives".
        "car" | "cars" | "vehicle" | "vehicles" | "truck" | "trucks" | "tanker" | "motorcycle"
            if matches!(prev, "laden" | "trapped" | "rigged" | "packed")
                || (matches!(next, "packed" | "laden" | "rigged" | "loaded" | "filled")
                    && matches!(lw(toks, k + 2), "with")
                    && matches!(lw(toks, k + 3), "explosives" | "explosive" | "bombs")) =>
        {
            "car bomb"
        }
        "suicide"
            if matches!(
                next,
                "bomber" | "bombers" | "bombing" | "bombings" | "vest" | "attack" | "belt"
            ) =>
        {
            "suicide bomber"
        }
        "gunfire" | "gunmen" | "shooting" | "sniper" | "snipers" | "rifles" | "machine-gun" => {
            "gunfire"
        }
        "small" if next == "arms" || (next == "-" && lw(toks, k + 2) == "arms") => "gunfire",
        "opened" | "opening" | "open" if next == "fire" => "gunfire",
        "gun" | "guns" if prev == "machine" || prev == "-" => "gunfire",
        "shot" if next != "down" => "gunfire",
        "grenade" | "grenades" | "rpg" | "rpgs" => "grenade",
        "bomb" | "bombs"
            if matches!(
                prev,
                "sticky" | "magnetic" | "planted" | "improvised" | "homemade" | "buried"
            ) =>
        {
            "IED"
        }
        "bomb" | "bombs"
            if matches!(
                next,
                "planted" | "attached" | "hidden" | "placed" | "buried"
            ) =>
        {
            "IED"
        }
        // "a drone bomb attack": the drone carried the bomb.
        "bomb" | "bombs" if prev == "drone" => "drone",
        "bomb" | "bombs" | "explosives" if prev != "car" && prev != "roadside" => "bomb",
        _ => return None,
    })
}

/// Places of the attack: named places in the clause, minus origins, reference points and
/// containers of other candidates. Several independent places give several attacks.
#[allow(clippy::too_many_arguments)]
fn places(
    input: &Input,
    sent: &Sent,
    ents: &[Entity],
    trig: &Trigger,
    c_start: usize,
    c_end: usize,
    target: Option<usize>,
    attacker: Option<&Slot>,
) -> Vec<(usize, Option<usize>)> {
    let toks = sent.toks;
    // Event notes name the location they code: "..., coded to Keshet (Quneitra)".
    for s in &sent.slots {
        if s.first >= 2 && lw(toks, s.first - 1) == "to" && lw(toks, s.first - 2) == "coded" {
            if let Role::Entity(e) = s.role {
                if ents[e].kind.is_place() {
                    return vec![(e, None)];
                }
            }
        }
    }
    // Candidates with their slot and whether they are only a reference point; in a
    // run-on sentence of hundreds of words, only those within PLACE_REACH words of the
    // trigger.
    const PLACE_REACH: usize = 80;
    let c_start = c_start.max(trig.tok.saturating_sub(PLACE_REACH));
    let c_end = c_end.min(trig.end + PLACE_REACH);
    let mut cands: Vec<(usize, &Slot, bool)> = Vec::new();
    for s in &sent.slots {
        if s.first < c_start || s.first >= c_end {
            continue;
        }
        let Role::Entity(e) = s.role else { continue };
        let Some(kind) = kind_of_entity(ents, e) else {
            continue;
        };
        if !kind.is_place() {
            continue;
        }
        // The attacker is not where the attack happened ("strikes by the US").
        if attacker.map(|a| a.first == s.first).unwrap_or(false) {
            continue;
        }
        // The words before the name, past an article: "west of the Euphrates".
        let mut p0 = s.first;
        while p0 > 0 && matches!(lw(toks, p0 - 1), "the" | "a" | "an") {
            p0 -= 1;
        }
        let prev = if p0 > 0 { lw(toks, p0 - 1) } else { "" };
        let prev2 = if p0 > 1 { lw(toks, p0 - 2) } else { "" };
        // "launched from areas west of the Euphrates", "fired from an open field near the
        // highway to Fallujah": places in the phrase after "from" are where it came from.
        let from_phrase = (s.first.saturating_sub(8)..s.first)
            .any(|k| lw(toks, k) == "from" && k >= trig.end)
            && !(s.first.saturating_sub(8)..s.first).any(|k| {
                matches!(
                    lw(toks, k),
                    "," | ";"
                        | "and"
                        | "killing"
                        | "at"
                        | "on"
                        | "targeting"
                        | "toward"
                        | "towards"
                )
            });
        if from_phrase {
            continue;
        }
        // A place owning an authority: "the Kurdistan Region's interior ministry said".
        if lw(toks, s.end) == "'s"
            && (s.end + 1..(s.end + 4).min(toks.len())).any(|k| {
                matches!(
                    lw(toks, k),
                    "ministry"
                        | "government"
                        | "president"
                        | "prime"
                        | "authorities"
                        | "officials"
                        | "spokesman"
                        | "spokesperson"
                        | "directorate"
                        | "governor"
                        | "council"
                )
            })
        {
            continue;
        }
        // A capital standing for its government: "demanded that Ankara withdraw".
        if matches!(
            lw(toks, s.end),
            "withdraw"
                | "said"
                | "says"
                | "has"
                | "have"
                | "will"
                | "would"
                | "denied"
                | "accused"
                | "blamed"
                | "warned"
                | "responded"
                | "retaliated"
                | "summoned"
                | "condemned"
        ) {
            continue;
        }
        // Origins and agents: "launched from Iran", "by the US"; "8 km from the base" is a
        // reference point.
        let distance = prev == "from"
            && matches!(
                prev2,
                "away" | "kilometres" | "kilometers" | "km" | "miles" | "metres" | "meters"
            );
        if (prev == "from" && !distance) || prev == "by" {
            continue;
        }
        // A country is a place after a preposition of place ("in Iraq", "across Syria",
        // "in north central Iraq"); elsewhere it is an actor or an adjective ("the US said",
        // "US troops").
        let mut pc = p0;
        while pc > 0
            && pc + 3 > p0
            && (is_direction(lw(toks, pc - 1)) || matches!(lw(toks, pc - 1), "central" | "-"))
        {
            pc -= 1;
        }
        let prev_country = if pc > 0 { lw(toks, pc - 1) } else { "" };
        if kind == Kind::Country
            && (is_adjectival(toks, s.end)
                || !matches!(
                    prev_country,
                    "in" | "at"
                        | "near"
                        | "inside"
                        | "across"
                        | "throughout"
                        | "into"
                        | "over"
                        | "within"
                        | "of"
                        | "on"
                        | ","
                        | "to"
                        | "toward"
                        | "towards"
                ))
        {
            continue;
        }
        // Reference points: "west of Baghdad", "60 kilometres south-east of Mosul".
        let reference = distance
            || prev == "of"
                && (is_direction(prev2)
                    || matches!(prev2, "km" | "kilometres" | "kilometers" | "miles"));
        cands.push((e, s, reference));
    }
    // Containment: drop places that contain another candidate; remember the container.
    let mut keep: Vec<bool> = vec![true; cands.len()];
    let mut container: Vec<Option<usize>> = vec![None; cands.len()];
    // Containment in the lexicon, looked up once per pair of distinct entities: a long
    // sentence names the same few places over and over.
    let mut distinct: Vec<usize> = cands.iter().map(|c| c.0).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let local = |e: usize| distinct.binary_search(&e).unwrap_or(0);
    let mut lexicon_within: Vec<Option<bool>> = vec![None; distinct.len() * distinct.len()];
    let mut contains_cached = |outer: usize, inner: usize| {
        let k = local(outer) * distinct.len() + local(inner);
        *lexicon_within[k].get_or_insert_with(|| contains(input, ents, outer, inner))
    };
    for i in 0..cands.len() {
        for j in 0..cands.len() {
            if i == j {
                continue;
            }
            let (ei, si, _) = cands[i];
            let (ej, sj, _) = cands[j];
            if ei == ej {
                if j < i {
                    keep[i] = false;
                }
                continue;
            }
            // "the Badia desert near Jabal al-Bishri": a vaguer place near a precise one
            // does not make the precise one its container.
            // Nor is a town the container of the country named before it ("three in Iraq,
            // in the Qaim area").
            let near_vaguer = || {
                si.first >= sj.end
                    && rank_of(input.lexicon, ents, ej) > rank_of(input.lexicon, ents, ei)
                    && ((sj.end..si.first).any(|k| matches!(lw(toks, k), "near" | "outside"))
                        || ents[ej].kind == Kind::Country)
            };
            // "in Sinjar, Makhmour and the Qandil mountains": a list, not "village, district".
            // Each item may keep its place word: "in Gire Amediye area, Gire Bahar area and
            // Anah".
            let in_list = || {
                // ... and a count: "in A area twice, B area once and C area 4 times".
                let after = |e: usize| {
                    let e = e + usize::from(is_place_noun(lw(toks, e)));
                    match (lw(toks, e), lw(toks, e + 1)) {
                        ("once" | "twice" | "thrice", _) => e + 1,
                        (_, "times") if toks[e].kind == TokenKind::Number => e + 2,
                        _ => e,
                    }
                };
                let (j_end, i_end) = (after(sj.end), after(si.end));
                // Different place words make a hierarchy: "Jalawla town, Khanaqin district".
                let same_word = !is_place_noun(lw(toks, sj.end))
                    && !is_place_noun(lw(toks, si.end))
                    || lw(toks, sj.end) == lw(toks, si.end);
                same_word
                    && si.first == j_end + 1
                    && lw(toks, j_end) == ","
                    && matches!(lw(toks, i_end), "and" | ",")
                    && cands
                        .iter()
                        .any(|c| c.1.first > i_end && c.1.first <= i_end + 3)
            };
            if contains_cached(ei, ej)
                || (syntactic_container(toks, sj, si, &sent.slots) && !near_vaguer() && !in_list())
            {
                keep[i] = false;
                if container[j].is_none() {
                    container[j] = Some(ei);
                }
            }
        }
    }
    let mut kept: Vec<(usize, &Slot, bool, Option<usize>)> = cands
        .iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, c)| (c.0, c.1, c.2, container[i]))
        .collect();
    // Reference points only when nothing else as precise is left: "north of Tiyas mountain
    // in eastern Homs" happened near the mountain, but "10 km from Mosul, in the village of
    // X" in the village.
    // (Buckets: bases, facilities, towns and features; regions; countries.)
    let bucket_of = |e: usize| match rank_of(input.lexicon, ents, e) {
        0..=3 => 0,
        4 => 1,
        _ => 2,
    };
    let finest = |refs: bool| {
        kept.iter()
            .filter(|k| k.2 == refs)
            .map(|k| bucket_of(k.0))
            .min()
    };
    if let Some(plain) = finest(false) {
        if finest(true).is_none_or(|r| plain <= r) {
            kept.retain(|k| !k.2);
        }
    }
    if kept.is_empty() {
        // A target that is itself a place (a base) is the place.
        if let Some(t) = target {
            if kind_of_entity(ents, t)
                .map(|k| k.is_place())
                .unwrap_or(false)
            {
                return vec![(t, None)];
            }
        }
        return Vec::new();
    }
    // Most specific bucket: bases, facilities, towns and features before regions before
    // countries.
    let best = kept.iter().map(|k| bucket_of(k.0)).min().unwrap_or(2);
    kept.retain(|k| bucket_of(k.0) == best);
    if kept.len() > 1 {
        // Several places: separate attacks only when coordinated ("A and B", "A, B") or an
        // ellipsis ("and another at a base in B"); otherwise the most precise, nearest
        // after the trigger.
        // "on a road between Rutba and Akashat": one place between two, not two attacks.
        let between = kept.len() == 2 && prep_before(toks, kept[0].1.first) == "between";
        let coordinated = !between
            && kept.windows(2).all(|w| {
                let between: Vec<&str> = (w[0].1.end..w[1].1.first).map(|k| lw(toks, k)).collect();
                let joined = between.iter().any(|x| matches!(*x, "and" | "," | "&"));
                // "another at a base in B"; "three in Iraq, in the Qaim area, and two in Syria".
                let ellipsis = between
                    .iter()
                    .any(|x| matches!(*x, "another" | "second" | "third" | "others"))
                    || between.windows(2).any(|x| {
                        x[0] == "and"
                            && (matches!(x[1], "one" | "two" | "three" | "four" | "five" | "six")
                                || x[1].parse::<u32>().is_ok())
                    });
                // "landed at the Ain al-Asad airbase in western Iraq as well as near the US
                // Consulate in Erbil".
                let as_well_as = between
                    .windows(3)
                    .any(|x| x[0] == "as" && x[1] == "well" && x[2] == "as");
                (joined && between.len() <= 6) || ((ellipsis || as_well_as) && between.len() <= 18)
            });
        if !coordinated {
            // "a position in the Qara Chogh mountains near Makhmour": the place named with
            // "in" or "at" is where; the one "near" it is a landmark.
            let located = |k: &(usize, &Slot, bool, Option<usize>)| {
                matches!(prep_before(toks, k.1.first), "in" | "at" | "inside")
            };
            let pick = kept
                .iter()
                .min_by_key(|k| {
                    let landmark = matches!(prep_before(toks, k.1.first), "near" | "outside")
                        && kept.iter().any(|o| {
                            located(o)
                                && ((o.1.end <= k.1.first && k.1.first - o.1.end <= 4)
                                    || (k.1.end <= o.1.first && o.1.first - k.1.end <= 5))
                        });
                    let rank = rank_of(input.lexicon, ents, k.0);
                    let dist = if k.1.first >= trig.end {
                        k.1.first - trig.end
                    } else {
                        100 + trig.tok - k.1.first
                    };
                    (landmark, rank, dist)
                })
                .map(|k| (k.0, k.3))
                .unwrap();
            return vec![pick];
        }
    }
    let mut out: Vec<(usize, Option<usize>)> = Vec::new();
    for k in kept {
        if !out.iter().any(|(e, _)| *e == k.0) {
            out.push((k.0, k.3));
        }
    }
    out
}

/// The preposition before the phrase starting at `first`, past articles and a place noun
/// with "of" ("in the village of X" gives "in").
fn prep_before(toks: &[Token], first: usize) -> &str {
    let mut k = first;
    while k > 0 && matches!(lw(toks, k - 1), "the" | "a" | "an") {
        k -= 1;
    }
    if k >= 2
        && lw(toks, k - 1) == "of"
        && matches!(
            lw(toks, k - 2),
            "village" | "town" | "city" | "area" | "district" | "outskirts" | "region"
        )
    {
        k -= 2;
        while k > 0 && matches!(lw(toks, k - 1), "the" | "a" | "an") {
            k -= 1;
        }
    }
    if k == 0 {
        ""
    } else {
        lw(toks, k - 1)
    }
}

/// Whether the word at `i` makes the name before it an adjective: a noun follows ("US
/// troops", "Iraq's prime minister") rather than a verb, a preposition or punctuation.
fn is_adjectival(toks: &[Token], i: usize) -> bool {
    let mut k = i;
    // "U.S. troops": the dot closing the initials.
    if lw(toks, k) == "." && k > 0 && toks[k].span.start == toks[k - 1].span.end {
        k += 1;
    }
    if lw(toks, k) == "'s" {
        k += 1;
    } else if lw(toks, k) == "-" {
        return true;
    }
    let Some(t) = toks.get(k) else { return false };
    if t.kind != TokenKind::Word {
        return false;
    }
    let w = t.lower.as_str();
    // "US and allied troops", "US and coalition forces".
    if w == "and" {
        return matches!(
            lw(toks, k + 1),
            "allied"
                | "coalition"
                | "partner"
                | "iraqi"
                | "kurdish"
                | "international"
                | "foreign"
                | "western"
                | "british"
                | "french"
                | "american"
                | "us"
                | "u"
        );
    }
    // "in Jordan early Sunday", "in Iraq recently": a time word or an adverb follows.
    // ("may" is more often the verb.)
    if PREPOSITIONS.contains(&w)
        || w.ends_with("ed")
        || (w.len() > 4 && w.ends_with("ly"))
        || is_weekday(w)
        || (is_month(w) && w != "may")
    {
        return false;
    }
    !matches!(
        w,
        "and"
            | "early"
            | "late"
            | "overnight"
            | "tonight"
            | "again"
            | "too"
            | "then"
            | "now"
            | "or"
            | "but"
            | "that"
            | "which"
            | "who"
            | "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "will"
            | "would"
            | "could"
            | "said"
            | "says"
            | "as"
            | "where"
            | "when"
            | "while"
            | "since"
            | "after"
            | "before"
            | "earlier"
            | "later"
            | "on"
            | "last"
            | "this"
            | "today"
            | "yesterday"
            | "struck"
            | "hit"
            | "launched"
            | "fired"
            | "carried"
            | "attacked"
            | "targeted"
            | "killed"
            | "began"
            | "sent"
            | "also"
    )
}

pub(super) fn is_direction(w: &str) -> bool {
    matches!(
        w,
        "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "outskirts"
            | "part"
            | "parts"
            | "edge"
    )
}

/// "A, B", "A in B", "B's A", "A of B", "A in the southwestern part of B": B contains A.
fn syntactic_container(toks: &[Token], inner: &Slot, outer: &Slot, others: &[Slot]) -> bool {
    // At most seven words and a few skipped names or brackets lie between the two.
    const REACH: usize = 60;
    if outer.first >= inner.end + REACH || inner.first >= outer.end + 4 {
        return false;
    }
    if outer.first >= inner.end {
        // Other places and bracketed alternate names in between do not break the chain
        // ("Kharbat Sumer in Duhok's Zakho district", "Sur Sikere (Sur Skeri) area").
        let mut between: Vec<&str> = Vec::new();
        let mut depth = 0;
        for k in inner.end..outer.first {
            let w = lw(toks, k);
            if w == "(" {
                depth += 1;
                continue;
            }
            if w == ")" {
                depth -= 1;
                continue;
            }
            if depth > 0 || others.iter().any(|s| s.first <= k && k < s.end) || w == "'s" {
                continue;
            }
            between.push(w);
            if between.len() > 7 {
                return false;
            }
        }
        // "Eliad (Al Fiq, Quneitra)": a bracket right after a place lists the places that
        // hold it.
        if between.is_empty() && depth > 0 && lw(toks, inner.end) == "(" {
            return true;
        }
        if between.is_empty() || between.len() > 7 {
            return false;
        }
        let allowed = |w: &&str| {
            matches!(
                *w,
                "," | "in"
                    | "of"
                    | "the"
                    | "part"
                    | "parts"
                    | "province"
                    | "governorate"
                    | "district"
                    | "sub-district"
                    | "subdistrict"
                                        | "city"
                    | "town"
                    | "area"
                    | "region"
                    // "Gire Cudi and Gire FM areas of Zap region": a list's plural noun.
                                        | "areas"
                    | "neighborhood"
                    | "neighbourhood"
                    | "quarter"
                    | "villages"
                    | "towns"
                    | "districts"
                    | "regions"
                    | "-"
                    | "sub"
                    | "located"
                    | "outskirts"
                    | "countryside"
                    | "village"
                    | "near"
                    | "outside"
                    | "within"
                    | "rural"
            ) || is_direction(w)
                || w.ends_with("ern")
                || w.ends_with("western")
                || w.ends_with("eastern")
        };
        let has_link = between
            .iter()
            .any(|w| matches!(*w, "," | "in" | "of" | "near" | "outside" | "within"));
        return has_link && between.iter().all(allowed);
    }
    // "B's A"
    if outer.end <= inner.first {
        let between: Vec<&str> = (outer.end..inner.first).map(|k| lw(toks, k)).collect();
        return between.first() == Some(&"'s") && between.len() <= 3;
    }
    false
}

fn contains(input: &Input, ents: &[Entity], outer: usize, inner: usize) -> bool {
    input.lexicon.is_within(&ents[inner].id, &ents[outer].id)
}

/// How precise a place is; deserts and plains are as vague as a region, and a region the
/// lexicon places in no country ("the Middle East", "Europe") is vaguer than a country.
fn rank_of(lexicon: &Lexicon, ents: &[Entity], e: usize) -> u8 {
    let Some(ent) = ents.get(e) else { return 9 };
    let l = ent.label.to_lowercase();
    if ent.kind == Kind::Region
        && ent
            .lexicon
            .and_then(|i| lexicon.entries.get(i))
            .is_some_and(|x| x.located_in.is_none())
    {
        6
    } else if ent.kind == Kind::Feature
        && (l.contains("desert") || l.contains("badia") || l.contains("plain"))
    {
        4
    } else if ent.kind == Kind::Facility
        && ["road", "highway", "street", "avenue"]
            .iter()
            .any(|w| l.ends_with(w))
    {
        // A road runs through and beyond a town: the town named with it is more precise.
        3
    } else {
        ent.kind.place_rank()
    }
}

fn kind_of_entity(ents: &[Entity], e: usize) -> Option<Kind> {
    ents.get(e).map(|x| x.kind)
}

fn date_for(
    input: &Input,
    sent: &Sent,
    trig: &Trigger,
    c_start: usize,
    c_end: usize,
    strict: bool,
) -> (Option<PartialDate>, bool) {
    let toks = sent.toks;
    let mut best: Option<(usize, &DateExpr)> = None;
    for (d, a, b) in &sent.dates {
        let mut p = *a;
        while p > 0 && matches!(lw(toks, p - 1), "late" | "early" | "mid" | "mid-") {
            p -= 1;
        }
        let prev = if p > 0 { lw(toks, p - 1) } else { "" };
        if matches!(prev, "since" | "until" | "till") {
            continue;
        }
        let in_clause = *a >= c_start && *a < c_end;
        if strict && !in_clause {
            continue;
        }
        // "..., in retaliation for attacks that began last week": the motive's date.
        let motive = !in_clause
            && *a > trig.end
            && (trig.end..*a).any(|k| {
                lw(toks, k) == "in"
                    && matches!(lw(toks, k + 1), "retaliation" | "response" | "revenge")
            });
        if motive {
            continue;
        }
        let dist = if *b <= trig.tok {
            trig.tok - b
        } else {
            a.saturating_sub(trig.end)
        };
        let dist = if in_clause { dist } else { dist + 1000 };
        // "said on Tuesday", "on Tuesday claimed": the day of the report, used only when
        // nothing else dates the attack.
        let near = |k: usize| {
            REPORTING.contains(&lw(toks, k))
                || matches!(
                    lw(toks, k),
                    "claimed"
                        | "announced"
                        | "accused"
                        | "blamed"
                        | "visited"
                        | "condemned"
                        | "denied"
                )
        };
        let report_day =
            (a.saturating_sub(2)..*a).any(near) || (*b..(b + 2).min(toks.len())).any(near);
        if report_day {
            continue;
        }
        if best.map(|(bd, _)| dist < bd).unwrap_or(true) {
            best = Some((dist, d));
        }
    }
    let Some((_, d)) = best else {
        return (None, false);
    };
    let resolved = d.resolve(input.published);
    let d_start = sent
        .dates
        .iter()
        .find(|(x, _, _)| std::ptr::eq(x, d))
        .map(|(_, a, _)| *a)
        .unwrap_or(0);
    // "At approximately 5:30 pm on Jan. 7" in a Pentagon statement: Washington's evening
    // is the next day where the attack struck. A quoted "Tonight, US forces conducted a
    // strike", reported as what an official said: the night before the report.
    let resolved = match resolved.and_then(|r| r.as_date()) {
        Some(day) if us_evening(input, sent.idx, d_start) => {
            Some(PartialDate::day(day + chrono::Duration::days(1)))
        }
        Some(day) if quoted_tonight(input, sent, d_start) => {
            Some(PartialDate::day(day - chrono::Duration::days(1)))
        }
        _ => resolved,
    };
    // "visited the unit on Monday, a day after two of its soldiers were killed": the
    // attack is dated relative to the day named before.
    let d_end = sent
        .dates
        .iter()
        .find(|(x, _, _)| std::ptr::eq(x, d))
        .map(|(_, _, b)| *b)
        .unwrap_or(0);
    if d_end <= trig.tok {
        for k in d_end..trig.tok {
            let Some(delta) = shift_at(toks, k) else {
                continue;
            };
            let shifted = resolved
                .and_then(|r| r.as_date())
                .map(|day| PartialDate::day(day + chrono::Duration::days(delta)));
            if shifted.is_some() {
                return (shifted, true);
            }
        }
    }
    (resolved, d.is_day())
}

/// The date expressions of sentence `si` outside datelines, with the tokens each covers.
fn dates_in(input: &Input, si: usize) -> Vec<(DateExpr, usize, usize)> {
    let toks = &input.tokens[si];
    find_dates(input.text, input.sentences[si].span)
        .into_iter()
        .filter(|d| !input.datelines.iter().any(|l| l.contains(d.span)))
        .filter_map(|d| {
            let (a, b) = (tok_at(toks, d.span.start)?, tok_before(toks, d.span.end)?);
            Some((d, a, b + 1))
        })
        .collect()
}

/// The first day sentence `si` names (not after "since" or "until"), resolved.
fn day_of(input: &Input, si: usize, dates: &[(DateExpr, usize, usize)]) -> Option<PartialDate> {
    let toks = &input.tokens[si];
    dates
        .iter()
        .filter(|(d, a, _)| {
            d.is_day() && !matches!(lw(toks, a.saturating_sub(1)), "since" | "until")
        })
        .find_map(|(d, a, _)| {
            let r = d.resolve(input.published);
            match r.and_then(|r| r.as_date()) {
                Some(day) if us_evening(input, si, *a) => {
                    Some(PartialDate::day(day + chrono::Duration::days(1)))
                }
                _ => r,
            }
        })
}

/// Whether `text` has a "p" and an "m", in either case, with at most a dot and spaces
/// between them: what every "pm" of [`us_evening`]'s pattern holds.
fn names_pm(text: &str) -> bool {
    text.char_indices().any(|(i, c)| {
        matches!(c, 'p' | 'P') && {
            let rest = text[i + 1..].strip_prefix('.').unwrap_or(&text[i + 1..]);
            matches!(rest.trim_start().chars().next(), Some('m' | 'M'))
        }
    })
}

/// Whether the date expression at token `at` follows an evening hour in US Eastern time
/// ("5:30 pm ET on Jan. 7", or "5:30 pm on Jan. 7" in a statement of the Pentagon or
/// the White House named in this sentence or the two before): from 4 pm on, that is
/// already the next day in Iraq and Syria (UTC+3).
fn us_evening(input: &Input, si: usize, at: usize) -> bool {
    static HOUR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(\d{1,2})(?::\d{2})?\s*p\.?\s*m\.?\s*(?:\(?\s*(ET|EST|EDT|Eastern(?: time)?|Washington time)\s*\)?\s*)?,?\s*(?:on\s+)?(?:\w+day,?\s+)?$",
        )
        .expect("the evening-hour pattern compiles")
    });
    let toks = &input.tokens[si];
    let Some(tok) = toks.get(at) else {
        return false;
    };
    let start = tok.span.start.saturating_sub(40);
    let Some(before) = input.text.get(start..tok.span.start) else {
        return false;
    };
    // Most dates follow no hour: look for the "pm" before running the pattern.
    if !names_pm(before) {
        return false;
    }
    let Some(c) = HOUR.captures(before) else {
        return false;
    };
    let hour: u32 = c[1].parse().unwrap_or(0);
    if !(4..=11).contains(&hour) {
        return false;
    }
    if c.get(2).is_some() {
        return true;
    }
    let us_source = |ts: &[Token]| {
        ts.iter().enumerate().any(|(k, t)| {
            t.is("pentagon")
                || (t.is("white") && ts.get(k + 1).is_some_and(|n| n.is("house")))
                || (t.is("defense") && ts.get(k + 1).is_some_and(|n| n.is("department")))
        })
    };
    (si.saturating_sub(2)..=si)
        .filter_map(|i| input.tokens.get(i))
        .any(|ts| us_source(ts))
}

/// Whether the date expression at token `at` is a "tonight" or "this evening" inside a
/// quotation that the sentence reports in the past ("'Tonight, US forces conducted a
/// strike,' the official said"): the speaker's night, before the report came out.
fn quoted_tonight(input: &Input, sent: &Sent, at: usize) -> bool {
    let toks = sent.toks;
    let night =
        lw(toks, at) == "tonight" || (lw(toks, at) == "this" && lw(toks, at + 1) == "evening");
    if !night || input.published.is_none() {
        return false;
    }
    let is_quote = |t: &Token| matches!(t.span.of(input.text), "\"" | "\u{201c}" | "\u{201d}");
    let open = toks[..at].iter().filter(|t| is_quote(t)).count() % 2 == 1;
    let reported = toks.iter().enumerate().any(|(k, t)| {
        matches!(t.lower.as_str(), "said" | "told" | "added" | "stated")
            && toks[..k].iter().filter(|t| is_quote(t)).count() % 2 == 0
    });
    open && reported
}

/// The first non-weapon slot `at` accepts, when it names an actor that can attack.
fn actor_in(sent: &Sent, table: &EntityTable, at: impl Fn(&Slot) -> bool) -> Option<usize> {
    let s = sent.slots.iter().find(|s| !s.weapon && at(s))?;
    match s.role {
        Role::Entity(e) if table.entities[e].kind.can_attack() => Some(e),
        _ => None,
    }
}

/// A claim of responsibility in the sentence: the actor who claimed, unless negated.
fn claimant(input: &Input, sent: &Sent, table: &EntityTable) -> Option<usize> {
    let toks = sent.toks;
    for k in 0..toks.len() {
        let w = lw(toks, k);
        let next = lw(toks, k + 1);
        let next2 = lw(toks, k + 2);
        let attack_noun = |x: &str| {
            matches!(
                x,
                "attack"
                    | "attacks"
                    | "strike"
                    | "strikes"
                    | "bombing"
                    | "bombings"
                    | "ambush"
                    | "assault"
                    | "raid"
                    | "operation"
                    | "operations"
                    | "killing"
                    | "explosion"
                    | "blast"
            )
        };
        // "claimed responsibility", "claimed the attack", "claimed (that) it carried out".
        // "X blamed Y for the attack", "accused Y of firing the rockets", "held Y
        // responsible", "attributed the attack to Y": Y is the attacker, not X.
        if matches!(
            w,
            "blamed"
                | "blames"
                | "blaming"
                | "accused"
                | "accuses"
                | "accusing"
                | "held"
                | "holds"
                | "holding"
                | "attributed"
                | "attributes"
                | "attributing"
        ) && !(k.saturating_sub(4)..k)
            .any(|j| matches!(lw(toks, j), "not" | "no" | "n't" | "denied"))
            && !(w == "blamed" && next == "on")
        {
            let to_word = if w.starts_with("attribut") {
                (k + 1..(k + 6).min(toks.len())).find(|&j| lw(toks, j) == "to")
            } else {
                Some(k)
            };
            // "accused X of being behind past attacks": an accusation about a trend.
            // "blamed X for both attacks", "for the attacks" are the ones just told.
            let told = |j: usize| {
                j > 0
                    && matches!(
                        lw(toks, j - 1),
                        "both" | "the" | "these" | "those" | "two" | "twin" | "three"
                    )
            };
            let about_trend = (k + 1..(k + 14).min(toks.len())).any(|j| {
                (matches!(lw(toks, j), "attacks" | "strikes") && !told(j))
                    || matches!(
                        lw(toks, j),
                        "past"
                            | "previous"
                            | "repeated"
                            | "recent"
                            | "earlier"
                            | "series"
                            | "spate"
                            | "dozens"
                            | "murders"
                            | "killings"
                    )
            });
            if about_trend {
                continue;
            }
            if let Some(t) = to_word {
                let held_ok = !w.starts_with("held") && !w.starts_with("hold")
                    || (k + 1..(k + 8).min(toks.len())).any(|j| lw(toks, j) == "responsible");
                if held_ok {
                    // Up to the phrase's end: "blamed Iran-backed militant groups for".
                    let stop = (t + 1..(t + 7).min(toks.len()))
                        .find(|&j| matches!(lw(toks, j), "for" | "of" | "," | "." | "over"))
                        .unwrap_or((t + 7).min(toks.len()));
                    let reach = if w.starts_with("attribut") { 4 } else { 2 };
                    if let Some(e) = actor_in(sent, table, |s| {
                        s.first > t && (s.first <= t + reach || s.first < stop)
                    }) {
                        return Some(e);
                    }
                }
            }
        }
        // "Officials pointed the finger at X": X is blamed.
        if w == "finger"
            && next == "at"
            && k >= 2
            && matches!(lw(toks, k - 2), "pointed" | "pointing" | "points" | "point")
            && !(k.saturating_sub(5)..k).any(|j| matches!(lw(toks, j), "not" | "n't" | "no"))
        {
            if let Some(e) = actor_in(sent, table, |s| s.first > k + 1 && s.first <= k + 3) {
                return Some(e);
            }
        }
        // "Responsibility was claimed by X", "the attack, claimed by X".
        let claim_subject = || {
            (k.saturating_sub(4)..k).any(|j| {
                matches!(
                    lw(toks, j),
                    "responsibility"
                        | "attack"
                        | "attacks"
                        | "strike"
                        | "strikes"
                        | "bombing"
                        | "ambush"
                        | "assault"
                        | "operation"
                        | "it"
                )
            }) || (k >= 2 && lw(toks, k - 1) == "was" && lw(toks, k - 2) == "which")
        };
        // "The attack was claimed hours later by X".
        let by = (k + 1..(k + 4).min(toks.len())).find(|&j| {
            lw(toks, j) == "by"
                && (k + 1..j).all(|m| {
                    matches!(
                        lw(toks, m),
                        "later"
                            | "hours"
                            | "soon"
                            | "shortly"
                            | "afterwards"
                            | "swiftly"
                            | "quickly"
                    )
                })
        });
        if w == "claimed"
            && by.is_some()
            && claim_subject()
            && !(k.saturating_sub(4)..k).any(|j| matches!(lw(toks, j), "not" | "no" | "n't"))
        {
            let by = by.unwrap_or(k + 1);
            if let Some(e) = actor_in(sent, table, |s| s.first > by && s.first <= by + 4) {
                return Some(e);
            }
        }
        let is_claim = (matches!(w, "claimed" | "claims" | "claim" | "claiming")
            && (matches!(next, "responsibility" | "credit")
                || (matches!(next, "the" | "an" | "a" | "this" | "that")
                    && (attack_noun(next2) || attack_noun(lw(toks, k + 3))))
                || attack_noun(next)))
            || (matches!(w, "took" | "take" | "takes") && next == "responsibility");
        if !is_claim {
            continue;
        }
        // Negated: "no group has claimed", "has not claimed".
        let from = k.saturating_sub(5);
        if (from..k).any(|j| {
            matches!(
                lw(toks, j),
                "no" | "not" | "n't" | "never" | "nobody" | "none" | "yet"
            )
        }) {
            // Blame can still follow: "no group claimed it, but officials blamed X".
            continue;
        }
        // "claimed the majority of the attacks": not one attack.
        if (k + 1..(k + 4).min(toks.len())).any(|j| {
            matches!(
                lw(toks, j),
                "majority" | "most" | "many" | "dozens" | "several"
            )
        }) {
            return None;
        }
        let ents = &table.entities;
        if let Some(s) = subject(sent, k, 0, ents) {
            if let Role::Entity(e) = s.role {
                if ents[e].kind.can_attack() {
                    return Some(e);
                }
            }
        }
        let _ = input;
    }
    // "X was behind the attack", "the work of X".
    for k in 0..toks.len() {
        let w = lw(toks, k);
        if (w == "behind" && k > 0 && matches!(lw(toks, k - 1), "was" | "were" | "is" | "are"))
            || (w == "work" && lw(toks, k + 1) == "of")
        {
            let from = k.saturating_sub(6);
            if (from..k).any(|j| {
                matches!(
                    lw(toks, j),
                    "no" | "not" | "n't" | "unclear" | "whether" | "who"
                )
            }) {
                return None;
            }
            let role = if w == "work" {
                sent.slots
                    .iter()
                    .find(|s| s.first > k + 1 && s.first <= k + 5 && !s.weapon)
                    .map(|s| s.role)
            } else if matches!(lw(toks, k.saturating_sub(2)), "it" | "they")
                && k >= 3
                && matches!(
                    lw(toks, k - 3),
                    "said" | "says" | "stated" | "announced" | "admitted" | "confirmed"
                )
            {
                // "X said it was behind the attack": the speaker.
                subject(sent, k - 3, 0, &table.entities).map(|s| s.role)
            } else {
                subject(sent, k, 0, &table.entities).map(|s| s.role)
            };
            if let Some(Role::Entity(e)) = role {
                if table.entities[e].kind.can_attack() {
                    return Some(e);
                }
            }
        }
    }
    None
}

/// Whether place `inner` lies within place `outer`, by the lexicon or as the sentence said.
fn within(
    lexicon: &Lexicon,
    ents: &[Entity],
    inner: usize,
    outer: usize,
    container: Option<usize>,
) -> bool {
    // "Kirkuk's Rashad district" with the container the city of Kirkuk, and the attack
    // in focus placed in Kirkuk province: the container lies in the outer place or bears
    // its name.
    let by_container = container.is_some_and(|c| {
        c == outer
            || ents[c].label == ents[outer].label
            || lexicon.is_within(&ents[c].id, &ents[outer].id)
    });
    by_container || lexicon.is_within(&ents[inner].id, &ents[outer].id) || {
        // "northwest Syria", "eastern Syria": a part of a country by compass, with no
        // border the lexicon draws. A place of that country may lie in it.
        let id = ents[outer].id.as_str();
        let country = lexicon.get(id).and_then(|e| e.located_in.as_deref());
        let compass = country.is_some_and(|c| {
            id.strip_prefix("place/")
                .and_then(|rest| rest.split_once('-'))
                .is_some_and(|(dir, rest)| {
                    matches!(
                        dir,
                        "north"
                            | "south"
                            | "east"
                            | "west"
                            | "northwest"
                            | "northeast"
                            | "southwest"
                            | "southeast"
                            | "central"
                    ) && Some(rest) == c.strip_prefix("place/")
                })
        });
        compass && country.is_some_and(|c| lexicon.is_within(&ents[inner].id, c))
    }
}

/// The country an actor fights for: a country itself, the actor's country in the lexicon
/// or its parent's, or the leader of an "X-led coalition".
/// "the same district", "the same Rashad sub-district": a place already named (not "the same
/// family").
fn same_place_at(toks: &[Token], k: usize) -> bool {
    lw(toks, k) == "same"
        && k > 0
        && lw(toks, k - 1) == "the"
        && (k + 1..(k + 5).min(toks.len())).any(|j| is_place_noun(lw(toks, j)))
}

fn is_place_noun(w: &str) -> bool {
    matches!(
        w,
        "district"
            | "sub-district"
            | "subdistrict"
            | "area"
            | "areas"
            | "village"
            | "town"
            | "city"
            | "province"
            | "governorate"
            | "region"
            | "base"
            | "airbase"
            | "facility"
            | "camp"
            | "site"
            | "place"
            | "location"
            | "spot"
            | "road"
            | "highway"
            | "neighbourhood"
            | "neighborhood"
            | "field"
            | "outpost"
            | "checkpoint"
    )
}

/// Whether `general` is an umbrella name for `specific`: a group it is part of ("Islamic
/// Resistance in Iraq" for Kataib Hezbollah), or "Iran-backed militias" for the groups of
/// the Islamic Resistance in Iraq.
fn umbrella_of(lexicon: &Lexicon, ents: &[Entity], general: usize, specific: usize) -> bool {
    if !matches!(ents[specific].kind, Kind::ArmedGroup) {
        return false;
    }
    let mut chain: Vec<&str> = vec![ents[specific].id.as_str()];
    let mut entry = ents[specific].lexicon.map(|li| &lexicon.entries[li]);
    for _ in 0..6 {
        let Some(en) = entry else { break };
        let Some(p) = en.part_of.as_deref() else {
            break;
        };
        chain.push(p);
        entry = lexicon.get(p);
    }
    let g = ents[general].id.as_str();
    chain[1..].contains(&g)
        || (g == "actor/iran-backed-militias"
            && chain.contains(&"actor/islamic-resistance-in-iraq"))
}

fn side_of(lexicon: &Lexicon, ents: &[Entity], e: usize) -> Option<String> {
    if ents[e].kind == Kind::Country {
        return Some(ents[e].id.clone());
    }
    let mut entry = ents[e].lexicon.map(|li| &lexicon.entries[li]);
    for _ in 0..6 {
        let en = entry?;
        if let Some(c) = &en.country {
            return Some(c.clone());
        }
        let label = en.label.to_lowercase();
        if let Some(leader) = label.strip_suffix("-led coalition") {
            return lexicon
                .entries
                .iter()
                .find(|c| {
                    c.kind == Some(Kind::Country)
                        && std::iter::once(&c.label)
                            .chain(c.aliases.iter())
                            .any(|n| n.eq_ignore_ascii_case(leader))
                })
                .map(|c| c.id.clone());
        }
        entry = en.part_of.as_deref().and_then(|p| lexicon.get(p));
    }
    None
}

/// Cross-sentence resolution. An anaphoric mention ("the attack took place in X") and an
/// attack whose sentence hides the attacker ("three drones struck X") take the attacker,
/// date, weapon and target of the attack in focus; when they name a place within the focus
/// attack's place (or it had none), the focus attack is superseded by the more precise one.
fn resolve(
    mut found: Vec<Found>,
    lexicon: &Lexicon,
    table: &EntityTable,
    published: Option<NaiveDate>,
) -> Vec<Attack> {
    // An attack that names no date is taken to be of the publication day when compared.
    let eff = |d: Option<PartialDate>| d.or(published.map(PartialDate::day));
    // Two dates are compatible when one period holds the other; a missing date is
    // compatible with any date within a week of publication, not with an older one
    // ("last year", "in 2017").
    let compatible = |a: Option<PartialDate>, b: Option<PartialDate>| match (a, b) {
        (Some(x), Some(y)) => x.covers(&y) || y.covers(&x),
        (Some(x), None) | (None, Some(x)) => match (eff(None), x.first_day(), x.last_day()) {
            (Some(p), Some(f), Some(l)) => {
                let p = p.as_date().unwrap_or(f);
                f - chrono::Duration::days(7) <= p && p <= l + chrono::Duration::days(7)
            }
            _ => true,
        },
        (None, None) => true,
    };
    let ents = &table.entities;
    // Whether two actors are on one side: "US soldiers were killed in the coalition's
    // operation" does not make the coalition their killer.
    let sides: Vec<Option<String>> = (0..ents.len()).map(|e| side_of(lexicon, ents, e)).collect();
    // The attacks come in sentence order, and every link below joins attacks at most a few
    // sentences apart: the indexes of the attacks within `max` sentences of sentence `s`.
    debug_assert!(found
        .windows(2)
        .all(|w| w[0].attack.sentence <= w[1].attack.sentence));
    let near = |found: &[Found], s: usize, max: usize| {
        found.partition_point(|f| f.attack.sentence + max < s)
            ..found.partition_point(|f| f.attack.sentence <= s + max)
    };
    let same_side = |a: usize, b: usize| a == b || sides[a].is_some() && sides[a] == sides[b];
    for i in 0..found.len() {
        let (anaphoric, unknown) = (
            found[i].anaphoric,
            found[i].unknown_subject && found[i].attack.attacker.is_none(),
        );
        // A mention told as an event of its own ("came hours after the killing of X")
        // refers to no attack in focus.
        if found[i].separate || !(anaphoric || unknown) {
            continue;
        }
        let a = found[i].attack.clone();
        // "The attack came hours after the US killed X in a drone strike": a mention with
        // neither attacker nor place beside an attributed attack of its own sentence
        // tells that attack, not one of an earlier sentence.
        if !anaphoric && a.place.is_none() {
            let own = near(&found, a.sentence, 0)
                .find(|&j| j != i && !found[j].superseded && found[j].attack.attacker.is_some());
            if let Some(j) = own {
                let mut b = found[j].attack.clone();
                fill(&mut b, &a);
                found[j].attack = b;
                found[i].superseded = true;
                continue;
            }
        }

        // The attack in focus: the latest earlier one, a few sentences back, compatible.
        let fits = |j: usize| {
            let b = &found[j].attack;
            if (b.sentence == a.sentence && !anaphoric) || found[j].separate {
                return false;
            }
            if a.sentence - b.sentence > 6 || found[j].superseded {
                return false;
            }
            let own_side = a.attacker.is_none()
                && matches!((found[i].target_owner, b.attacker), (Some(t), Some(k)) if same_side(t, k));
            let attacker_ok = !own_side
                && (a.attacker.is_none() || b.attacker.is_none() || a.attacker == b.attacker);
            let date_ok = (anaphoric
                && match (a.date, b.date) {
                    (Some(x), Some(y)) => x.covers(&y) || y.covers(&x),
                    _ => true,
                })
                || compatible(a.date, b.date);
            let place_ok = match (a.place, b.place) {
                (Some(x), Some(y)) => {
                    x == y
                        || within(lexicon, ents, x, y, found[i].container)
                        || within(lexicon, ents, y, x, None)
                        || ents[y].kind == Kind::Country
                        || (found[i].sentence_places.contains(&y) && anaphoric)
                        || (found[i].locates && a.sentence - b.sentence <= 1)
                        || (anaphoric && same_head(&ents[x].label, b.target_text.as_deref()))
                        // "Two shepherds were killed by ISIS in X. The gunmen opened fire
                        // on the shepherds near Y": the same victims, told again.
                        || (a.sentence - b.sentence <= 1
                            && echoes(a.target_text.as_deref(), b.target_text.as_deref()))
                }
                _ => true,
            };
            attacker_ok && date_ok && place_ok && (anaphoric || b.attacker.is_some())
        };
        // One that names its attacker first: another unattributed mention of the same
        // sentence lends nothing.
        let lo = near(&found, a.sentence, 6).start;
        let focus = (lo..i)
            .rev()
            .find(|&j| found[j].attack.attacker.is_some() && fits(j))
            .or_else(|| (lo..i).rev().find(|&j| fits(j)));
        let Some(j) = focus else { continue };
        let b = found[j].attack.clone();
        let mut a2 = a.clone();
        fill(&mut a2, &b);
        match (a.place, b.place) {
            (None, _) => {
                // Nothing new about where: the mention adds to the focus attack.
                let mut b2 = b.clone();
                fill(&mut b2, &a2);
                found[j].attack = b2;
                found[i].superseded = true;
                continue;
            }
            (Some(x), Some(y)) if x == y => {
                let mut b2 = b.clone();
                fill(&mut b2, &a2);
                found[j].attack = b2;
                found[i].superseded = true;
                continue;
            }
            (Some(x), Some(y)) => {
                let finer = within(lexicon, ents, x, y, found[i].container)
                    || same_head(&ents[x].label, b.target_text.as_deref())
                    || ents[x].kind.place_rank() < ents[y].kind.place_rank()
                    || ents[y].kind == Kind::Country
                    // The same victims told again, now with where exactly.
                    || echoes(a.target_text.as_deref(), b.target_text.as_deref());
                if finer && b.attacker == a2.attacker {
                    found[j].superseded = true;
                }
            }
            (Some(_), None) => {
                if b.attacker == a2.attacker {
                    found[j].superseded = true;
                }
            }
        }
        if a2.rule != a.rule && a.attacker.is_none() && a2.attacker.is_some() {
            a2.confidence = (a2.confidence * 0.9 * 100.0).round() / 100.0;
        }
        found[i].attack = a2;
    }
    // An attack without an attacker that another attack, a few sentences away, reports
    // with its attacker (the headline before the body, say) is that attack.
    for i in 0..found.len() {
        if found[i].superseded || found[i].attack.attacker.is_some() || found[i].separate {
            continue;
        }
        let a = found[i].attack.clone();
        let other = near(&found, a.sentence, 6).find(|&j| {
            let b = &found[j].attack;
            j != i
                && !found[j].superseded
                && !found[j].separate
                && b.attacker.is_some()
                && !matches!((found[i].target_owner, b.attacker), (Some(t), Some(k)) if same_side(t, k))
                && a.sentence.abs_diff(b.sentence) <= 6
                && compatible(a.date, b.date)
                && match (a.place, b.place) {
                    (Some(x), Some(y)) => {
                        x == y
                            || within(lexicon, ents, y, x, found[j].container)
                            || found[j]
                                .sentence_places
                                .iter()
                                .any(|&p| p == x || ents[p].label == ents[x].label)
                    }
                    (None, _) => a.sentence.abs_diff(b.sentence) <= 1,
                    (Some(_), None) => false,
                }
        });
        if let Some(j) = other {
            let mut b = found[j].attack.clone();
            fill(&mut b, &a);
            found[j].attack = b;
            found[i].superseded = true;
        }
    }
    // An attacker without a place, and a placed attack it belongs to: two halves of one
    // report a sentence or two apart ("On Sunday, the insurgents struck again." and
    // "Gunmen opened fire on a vehicle outside Shuhail"), or an accusation beside the
    // attack the same attacker is already given ("accused the PKK of firing the rockets").
    for i in 0..found.len() {
        if found[i].superseded
            || found[i].separate
            || found[i].attack.attacker.is_none()
            || found[i].attack.place.is_some()
        {
            continue;
        }
        let a = found[i].attack.clone();
        let placed = |j: usize, max: usize| {
            let b = &found[j].attack;
            j != i
                && !found[j].superseded
                && b.place.is_some()
                && a.sentence.abs_diff(b.sentence) <= max
                && compatible(a.date, b.date)
                // Not an attack on the attacker's own side: "rockets struck two US bases.
                // US helicopters then struck back".
                && !matches!((found[j].target_owner, a.attacker), (Some(t), Some(k)) if same_side(t, k))
        };
        let range = near(&found, a.sentence, 3);
        // "ISIS attacked the police unit" takes up the attack on "an Iraqi federal police
        // unit", not the nearest one.
        let echoed = range.clone().find(|&j| {
            placed(j, 3)
                && found[j].attack.attacker == a.attacker
                && echoes(
                    a.target_text.as_deref(),
                    found[j].attack.target_text.as_deref(),
                )
        });
        let other = echoed
            .or_else(|| {
                range
                    .clone()
                    .filter(|&j| placed(j, 2) && found[j].attack.attacker.is_none())
                    .min_by_key(|&j| a.sentence.abs_diff(found[j].attack.sentence))
            })
            .or_else(|| {
                // The nearest: "The attack took place in X's Y district. A group of
                // militants targeted a checkpoint." belong together, not with a headline.
                range
                    .clone()
                    .filter(|&j| placed(j, 3) && found[j].attack.attacker == a.attacker)
                    .min_by_key(|&j| a.sentence.abs_diff(found[j].attack.sentence))
            });
        if let Some(j) = other {
            let mut b = found[j].attack.clone();
            fill(&mut b, &a);
            found[j].attack = b;
            found[i].superseded = true;
        }
    }
    found
        .into_iter()
        .filter(|f| !f.superseded)
        .map(|f| f.attack)
        .collect()
}

/// Whether a definite target phrase takes up an earlier one: "the shepherds" after "two
/// shepherds", "the convoy" after "a military convoy".
fn echoes(later: Option<&str>, earlier: Option<&str>) -> bool {
    let (Some(l), Some(e)) = (later, earlier) else {
        return false;
    };
    let l = l.to_lowercase();
    let e = e.to_lowercase();
    let Some(rest) = l.strip_prefix("the ") else {
        return false;
    };
    if e.starts_with("the ") || rest.len() + 1 > e.len() {
        return false;
    }
    // "the police unit" after "an Iraqi federal police unit": the later phrase ends the
    // earlier one, at a word boundary.
    e.ends_with(rest) && e.as_bytes()[e.len() - rest.len() - 1] == b' '
}

/// Whether a named facility ("the Kawergosk refinery") has the head noun of a target
/// phrase ("an oil refinery near Erbil"): the same place, now named.
fn same_head(label: &str, target: Option<&str>) -> bool {
    let Some(t) = target else { return false };
    let head = |s: &str| s.split_whitespace().last().map(|w| w.to_lowercase());
    match (head(label), head(t)) {
        (Some(a), Some(b)) => a == b && FACILITY_HEADS.contains(&a.as_str()),
        _ => false,
    }
}

/// Fills what `a` lacks from `b`.
fn fill(a: &mut Attack, b: &Attack) {
    if a.attacker.is_none() {
        a.attacker = b.attacker;
    }
    if a.place.is_none() {
        a.place = b.place;
    }
    match (a.date, b.date) {
        (None, d) => a.date = d,
        (Some(x), Some(y)) if x.covers(&y) && x != y => a.date = Some(y),
        _ => {}
    }
    match (a.weapon, b.weapon) {
        (None, w) => a.weapon = w,
        // "a missile attack" then "a barrage of ballistic missiles": the precise one.
        (Some("missile"), Some("ballistic missile")) | (Some("bomb"), Some(_)) => {
            a.weapon = b.weapon
        }
        _ => {}
    }
    if a.killed.is_none() {
        a.killed = b.killed;
    }
    if a.wounded.is_none() {
        a.wounded = b.wounded;
    }
    // The first mention's target stands, whether a name or a phrase.
    if a.target.is_none() && a.target_text.is_none() {
        a.target = b.target;
        a.target_text = b.target_text.clone();
    }
}

/// A headline that names no day tells the attack the body's lead reports: "Drone attack on
/// Tal Baydar base wounds three US troops" and "A drone struck a U.S. outpost in
/// northeastern Syria late Sunday". When one attack of the first body sentences agrees with
/// it (attacker and weapon the same or unknown on one side), the two are one attack, at the
/// body's place unless the headline's is finer.
fn fold_headline(attacks: &mut Vec<Attack>, input: &Input, ents: &[Entity]) {
    let headline = input.sentences.len() > 1
        && input.sentences[1].paragraph != input.sentences[0].paragraph
        && !input.sentences[0]
            .span
            .of(input.text)
            .trim_end()
            .ends_with(['.', '?', '!']);
    let Some(h) = attacks.iter().position(|a| a.sentence == 0) else {
        return;
    };
    let names_day = !find_dates(input.text, input.sentences[0].span).is_empty();
    if !headline || names_day || attacks.iter().filter(|a| a.sentence == 0).count() > 1 {
        return;
    }
    // "Seven policemen killed in two separate ISIS attacks": a headline of several attacks.
    let toks = &input.tokens[0];
    let several = (0..toks.len()).any(|k| {
        matches!(
            lw(toks, k),
            "attacks" | "strikes" | "airstrikes" | "raids" | "bombings" | "blasts" | "ambushes"
        ) && (k.saturating_sub(3)..k).any(|j| {
            toks[j].kind == TokenKind::Number
                || matches!(
                    lw(toks, j),
                    "two" | "three" | "four" | "twin" | "separate" | "multiple" | "several"
                )
        })
    });
    if several {
        return;
    }
    let head = attacks[h].clone();
    let agree = |a: &Attack| {
        a.sentence > 0
            && a.sentence <= 3
            && (a.attacker == head.attacker || a.attacker.is_none() || head.attacker.is_none())
            && (a.weapon == head.weapon || a.weapon.is_none() || head.weapon.is_none())
    };
    let body: Vec<usize> = (0..attacks.len()).filter(|&k| agree(&attacks[k])).collect();
    // One report: the agreeing attacks are one sentence's mentions of one place.
    let Some(&first) = body.first() else {
        return;
    };
    let (sentence, place) = (attacks[first].sentence, attacks[first].place);
    if body
        .iter()
        .any(|&k| attacks[k].sentence != sentence || attacks[k].place != place)
    {
        return;
    }
    // The headline's place where it lies in the body's ("Tal Baydar base" in "northeastern
    // Syria"), or where the body names none. A base or facility is finer than any region the body gives.
    let within = match (head.place, place) {
        (Some(x), Some(y)) => {
            x != y
                && (input.lexicon.is_within(&ents[x].id, &ents[y].id)
                    || (rank_of(input.lexicon, ents, x) <= 1
                        && rank_of(input.lexicon, ents, y) >= 4))
        }
        (Some(_), None) => true,
        _ => false,
    };
    // The body's day stands.
    let mut head = head;
    head.date = None;
    for &k in &body {
        let one = &mut attacks[k];
        if within {
            one.place = head.place;
        }
        if one.attacker.is_none() {
            one.attacker = head.attacker;
        }
        fill(one, &head);
    }
    attacks.remove(h);
}

/// What makes two mentions one attack: attacker, place and date.
type AttackKey = (Option<usize>, Option<usize>, Option<PartialDate>);

/// One attack per attacker, place and date: repeated mentions of one event merge, keeping
/// the first evidence and filling gaps from the others.
fn dedupe(attacks: Vec<Attack>) -> Vec<Attack> {
    let mut out: Vec<Attack> = Vec::new();
    let mut index: HashMap<AttackKey, usize> = HashMap::new();
    for a in attacks {
        match index
            .get(&(a.attacker, a.place, a.date))
            .map(|&k| &mut out[k])
        {
            Some(b) => {
                fill(b, &a);
                if a.confidence > b.confidence {
                    b.confidence = a.confidence;
                }
            }
            None => {
                index.insert((a.attacker, a.place, a.date), out.len());
                out.push(a);
            }
        }
    }
    out
}
