//! Numbers and tolls: "killed two", "left at least four dead", "13 were killed and three
//! wounded", "as many as 250", "a dozen". Vague amounts ("dozens", "several") give no
//! number; explicit denials ("no casualties", "no one was killed") give zero.

use crate::text::words::WordList;
use crate::text::{Token, TokenKind};

const UNITS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Words between "at least" and the number, or before it, that do not change it.
static HEDGES: WordList = WordList::new(&[
    "at",
    "least",
    "as",
    "many",
    "more",
    "than",
    "over",
    "nearly",
    "almost",
    "around",
    "about",
    "up",
    "to",
    "some",
    "roughly",
    "approximately",
    "another",
    "other",
    "an",
    "additional",
    "further",
    "estimated",
    "total",
    "of",
    "a",
]);

/// Nouns for people, as victims of an attack.
pub static PEOPLE: WordList = WordList::new(&[
    "people",
    "person",
    "persons",
    "civilians",
    "civilian",
    "soldiers",
    "soldier",
    "troops",
    "servicemen",
    "service",
    "members",
    "member",
    "officers",
    "officer",
    "policemen",
    "policeman",
    "police",
    "fighters",
    "fighter",
    "militants",
    "militant",
    "children",
    "child",
    "women",
    "woman",
    "men",
    "man",
    "guards",
    "guard",
    "employees",
    "workers",
    "worker",
    "others",
    "americans",
    "american",
    "briton",
    "britons",
    "personnel",
    "jihadists",
    "jihadist",
    "insurgents",
    "terrorists",
    "recruits",
    "villagers",
    "villager",
    "students",
    "shepherds",
    "farmers",
    "contractors",
    "contractor",
    "marines",
    "marine",
    "commanders",
    "commander",
    "pilgrims",
    "passengers",
    "staff",
    "boys",
    "girls",
    "individuals",
    "residents",
    "assailants",
    "attackers",
    "gunmen",
    "troopers",
    "iraqis",
    "syrians",
    "kurds",
    "peshmerga",
    "relatives",
    "family",
    "members'",
    "elements",
    "suspects",
    "tribesmen",
    "volunteers",
    "conscripts",
    "security",
    "army",
    "federal",
    "isis",
    "is",
    "pmf",
    "iraqi",
    "syrian",
    "turkish",
    "us",
    "u.s.",
    "american",
    "kurdish",
    "more",
    "others'",
    "operatives",
    "paramilitaries",
    "paramilitary",
    "kids",
    "teenagers",
    "journalists",
    "doctors",
    "nurses",
    "drivers",
    "leaders",
    "leader",
    "islamic",
    "daesh",
    "hashd",
    "militiamen",
    "official",
    "officials",
    "leader",
    "leaders",
    "son",
    "sons",
    "daughter",
    "daughters",
    "wife",
    "brother",
    "brothers",
    "father",
    "mother",
    "owner",
    "driver",
    "drivers",
    "cleric",
    "mukhtar",
    "shepherd",
    "farmer",
    "journalist",
    "journalists",
    "doctor",
    "nurse",
    "teacher",
    "student",
    "engineer",
    "pilot",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "policewoman",
    "worshippers",
    "bodyguard",
    "bodyguards",
    "chief",
    "mayor",
    "judge",
    "girl",
    "boy",
    "infant",
    "baby",
    "businessman",
    "tribesman",
    "official's",
    "sheikh",
    "sheikhs",
    "imam",
    "elder",
    "elders",
    "preacher",
    "activist",
    "activists",
    "lawyer",
    "lawmaker",
    "politician",
    "candidate",
    "governor",
    "councillor",
    "councilman",
    "reporter",
    "photographer",
    "cameraman",
    "paramedic",
    "paramedics",
    "medic",
    "translator",
    "interpreter",
    "companion",
    "companions",
    "colleague",
    "colleagues",
    "friend",
    "friends",
    "cousin",
    "nephew",
    "husband",
    "sister",
]);

/// A number written at token `i`: digits ("5,200") or words ("thirteen", "twenty-five",
/// "a dozen", "two dozen"). Returns the value and the index after it.
pub fn number_at(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i)?;
    // "no one was hurt" counts nobody.
    if t.is("one") && i > 0 && tokens[i - 1].is("no") {
        return None;
    }
    if t.kind == TokenKind::Number {
        let digits: String = t
            .lower
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(|c| *c != ',')
            .collect();
        if t.lower.contains('.') || digits.is_empty() {
            return None;
        }
        // Ordinals ("8th") are not counts.
        if t.lower.chars().any(|c| c.is_alphabetic()) {
            return None;
        }
        let v: u32 = digits.parse().ok()?;
        if tokens.get(i + 1).map(|n| n.is("dozen")).unwrap_or(false) {
            // Saturating, like a list's sum: "400000000 dozen" is more than a count holds.
            return Some((v.saturating_mul(12), i + 2));
        }
        return Some((v, i + 1));
    }
    let w = t.lower.as_str();
    if w == "dozen" {
        return Some((12, i + 1));
    }
    if (w == "a" || w == "one") && tokens.get(i + 1).map(|n| n.is("dozen")).unwrap_or(false) {
        return Some((12, i + 2));
    }
    // "killing both", "both soldiers died": two people, but not "both sides" or "both of".
    if w == "both" {
        let next = tokens.get(i + 1).map(|n| n.lower.as_str()).unwrap_or("");
        let of_people = PEOPLE.contains(next)
            || !tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word)
            || matches!(next, "were" | "was" | "died" | "and");
        return of_people.then_some((2, i + 1));
    }
    let (_, v) = UNITS.iter().find(|(name, _)| *name == w)?;
    let mut value = *v;
    let mut j = i + 1;
    // "twenty-five", "twenty five"
    if value >= 20 && value % 10 == 0 {
        let k = if tokens.get(j).map(|n| n.is("-")).unwrap_or(false) {
            j + 1
        } else {
            j
        };
        if let Some(n) = tokens.get(k) {
            if let Some((_, u)) = UNITS.iter().find(|(name, _)| *name == n.lower) {
                if *u < 10 && *u > 0 {
                    value += u;
                    j = k + 1;
                }
            }
        }
    }
    if tokens.get(j).map(|n| n.is("hundred")).unwrap_or(false) {
        value *= 100;
        j += 1;
    }
    if tokens.get(j).map(|n| n.is("dozen")).unwrap_or(false) {
        value *= 12;
        j += 1;
    }
    Some((value, j))
}

/// A number ending just before token `end` (skipping nothing): returns its value.
fn number_before(tokens: &[Token], end: usize) -> Option<(u32, usize)> {
    // Try starts up to four tokens back so "twenty - five" and "two dozen" parse whole.
    (end.saturating_sub(4)..end).find_map(|s| match number_at(tokens, s) {
        Some((v, e)) if e == end => Some((v, s)),
        _ => None,
    })
}

/// Killed and wounded counts stated in `tokens[from..to]`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Toll {
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
}

static KILL_VERBS: WordList = WordList::new(&[
    "killing",
    "killed",
    "kill",
    "kills",
    "slaying",
    "slew",
    "claiming",
    "eliminated",
    "eliminating",
    "neutralized",
    "neutralised",
    "neutralizing",
    "neutralising",
    "assassinated",
    "assassinating",
    "beheaded",
    "beheading",
]);
static WOUND_VERBS: WordList = WordList::new(&[
    "wounding", "injuring", "wounded", "injured", "wounds", "injures", "hurting",
]);
static DEAD_WORDS: WordList = WordList::new(&[
    "killed",
    "dead",
    "died",
    "slain",
    "perished",
    "fatalities",
    "fatality",
    "deaths",
    "martyred",
    "lifeless",
    // The Turkish defence ministry's word for militants it says it killed.
    "neutralized",
    "neutralised",
]);
static WOUNDED_WORDS: WordList = WordList::new(&[
    "wounded",
    "injured",
    "hurt",
    "injuries",
    "wounds",
    "casualties-wounded",
]);

/// Reads the toll stated in `tokens[from..to]`.
#[cfg(test)]
pub fn toll(tokens: &[Token], from: usize, to: usize) -> Toll {
    toll_named(tokens, from, to, &[])
}

/// Reads the toll stated in `tokens[from..to]`; `persons[i]` marks tokens inside a named
/// person ("killed Abu Baqir al-Saadi and two of his guards" counts three).
pub fn toll_named(tokens: &[Token], from: usize, to: usize, persons: &[bool]) -> Toll {
    PERSONS.with(|p| {
        let mut p = p.borrow_mut();
        p.clear();
        p.extend_from_slice(persons);
    });
    let t = toll_inner(tokens, from, to);
    PERSONS.with(|p| p.borrow_mut().clear());
    t
}

thread_local! {
    /// The person marks of the sentence being read, for the count helpers.
    static PERSONS: std::cell::RefCell<Vec<bool>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn is_person(i: usize) -> bool {
    PERSONS.with(|p| p.borrow().get(i).copied().unwrap_or(false))
}

fn toll_inner(tokens: &[Token], from: usize, to: usize) -> Toll {
    let mut out = Toll::default();
    let to = to.min(tokens.len());
    let lw = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    // Explicit denials.
    for i in from..to {
        let w = lw(i);
        let next = lw(i + 1);
        let next2 = lw(i + 2);
        // "no information about fatalities", "no details on casualties": nothing known,
        // not nobody hurt.
        let unknown = || {
            // "without giving details on casualties", "without providing figures".
            let next = if matches!(next, "giving" | "providing" | "specifying" | "offering") {
                next2
            } else {
                next
            };
            matches!(
                next,
                "information"
                    | "info"
                    | "reports"
                    | "confirmation"
                    | "details"
                    | "word"
                    | "figures"
                    | "data"
                    | "number"
                    | "immediate"
            )
        };
        if (w == "no" || w == "without" || w == "zero") && !unknown() {
            let span: Vec<&str> = (i + 1..(i + 6).min(to)).map(lw).collect();
            let has = |xs: &[&str]| span.iter().any(|s| xs.contains(s));
            if has(&["casualties", "fatalities", "deaths", "losses", "victims"])
                || (has(&["one", "soldiers", "troops", "people", "personnel"]) && has(&["killed"]))
            {
                out.killed.get_or_insert(0);
            }
            if has(&["injuries", "casualties", "injured", "wounded", "hurt"]) {
                out.wounded.get_or_insert(0);
                // "caused no injuries", "no one was hurt": a report that nobody was even
                // hurt says nobody died. A denial of deaths alone says nothing of wounds.
                if !has(&["killed", "dead", "deaths", "fatalities"]) {
                    out.killed.get_or_insert(0);
                }
            }
        }
        // "did not cause injuries or fatalities", "neither fatalities nor injuries".
        let denied_by = |k: usize| {
            let span: Vec<&str> = (k..(k + 5).min(to)).map(lw).collect();
            let has = |xs: &[&str]| span.iter().any(|s| xs.contains(s));
            (
                has(&["fatalities", "deaths", "casualties"]),
                has(&["injuries", "casualties"]),
            )
        };
        let denial = if w == "neither" {
            Some(denied_by(i + 1))
        } else if w == "not"
            && matches!(
                next,
                "cause" | "result" | "lead" | "inflict" | "produce" | "leave"
            )
        {
            Some(denied_by(i + 2))
        } else {
            None
        };
        if let Some((dead, hurt)) = denial {
            if dead || hurt {
                out.killed.get_or_insert(0);
            }
            if hurt {
                out.wounded.get_or_insert(0);
            }
        }
        if w == "nobody" && (next == "was" || next == "killed") {
            out.killed.get_or_insert(0);
        }
        // "causing material damage only", "only material losses": nobody hurt.
        if w == "material"
            && matches!(next, "damage" | "losses")
            && (lw(i.saturating_sub(1)) == "only" || next2 == "only")
        {
            out.killed.get_or_insert(0);
            out.wounded.get_or_insert(0);
        }
        let _ = next2;
    }
    let mut killed: Option<u32> = None;
    let mut wounded: Option<u32> = None;
    for i in from..to {
        let w = lw(i);
        // "killing at least six police officers and 16 civilians"
        // "took out four militants": the phrasal verb, in any tense.
        let took_out = matches!(w, "took" | "take" | "takes" | "taking") && lw(i + 1) == "out";
        // "shot dead a former commander".
        let shot_dead =
            matches!(w, "shot" | "shoot" | "shoots" | "shooting") && lw(i + 1) == "dead";
        if KILL_VERBS.contains(&w) || took_out || shot_dead || w == "leaving" || w == "left" {
            let is_left = w == "leaving" || w == "left";
            let object = if took_out || shot_dead { i + 2 } else { i + 1 };
            // "repelled the attack, killing 15 of the attackers": the attackers' own losses
            // are not the attack's toll.
            let attackers_lost = |after: usize| {
                (object..(after + 3).min(to)).any(|k| {
                    matches!(
                        lw(k),
                        "attackers" | "assailants" | "perpetrators" | "raiders"
                    )
                })
            };
            if let Some((v, after)) =
                count_after(tokens, object, to).filter(|&(_, after)| !attackers_lost(after))
            {
                if is_left {
                    // "left at least 20 guards and fighters of the SDF dead": up to the
                    // next punctuation.
                    let tail: Vec<&str> = (after..(after + 12).min(to))
                        .map(lw)
                        .take_while(|t| !matches!(*t, "," | "." | ";" | "while"))
                        .collect();
                    let tail = if tail.len() < 2 {
                        (after..(after + 4).min(to)).map(lw).collect()
                    } else {
                        tail
                    };
                    if tail.iter().any(|t| matches!(*t, "dead" | "killed")) {
                        killed.get_or_insert(v);
                    } else if tail.iter().any(|t| matches!(*t, "wounded" | "injured")) {
                        wounded.get_or_insert(v);
                    }
                } else if w == "claiming" {
                    if lw(i + 1) == "the" && lw(i + 2) == "lives" {
                        if let Some((v, _)) = count_after(tokens, i + 4, to) {
                            killed.get_or_insert(v);
                        }
                    }
                } else {
                    killed.get_or_insert(v + sum_and(tokens, after, to));
                }
            }
        }
        // "resulting in the martyrdom of two fighters", "documented the deaths of nine
        // civilians".
        if matches!(w, "martyrdom" | "death" | "deaths" | "killing" | "killings")
            && lw(i + 1) == "of"
        {
            if let Some((v, after)) = count_after(tokens, i + 2, to) {
                killed.get_or_insert(v + sum_and(tokens, after, to));
            }
        }
        // "resulting in minor injuries to 20 US personnel".
        if matches!(w, "injuries" | "wounds") && lw(i + 1) == "to" {
            if let Some((v, _)) = count_after(tokens, i + 2, to) {
                wounded.get_or_insert(v);
            }
        }
        // "wounding five", and the active past "wounded two soldiers".
        if WOUND_VERBS.contains(&w)
            && matches!(
                w,
                "wounding" | "injuring" | "hurting" | "wounded" | "injured"
            )
        {
            if let Some((v, after)) = count_after(tokens, i + 1, to) {
                wounded.get_or_insert(v + sum_and(tokens, after, to));
            }
        }
        // "13 were killed", "four people dead", "two policemen were wounded"
        // "13 officers were killed and injured": one count of casualties, neither the dead
        // nor the wounded.
        let joint = (DEAD_WORDS.contains(&w)
            && matches!(lw(i + 1), "and" | "or")
            && WOUNDED_WORDS.contains(&lw(i + 2)))
            || (WOUNDED_WORDS.contains(&w)
                && i >= from + 2
                && matches!(lw(i - 1), "and" | "or")
                && DEAD_WORDS.contains(&lw(i - 2)));
        // "as many as 80 troops may have been killed, Iranian TV claimed": a guess, not a
        // toll.
        let hedged = || {
            (i.saturating_sub(4).max(from)..i)
                .any(|k| matches!(lw(k), "may" | "might" | "could" | "possibly"))
                // "caused no fatalities": a denial, read above; no count before it.
                || (i.saturating_sub(2).max(from)..i)
                    .any(|k| matches!(lw(k), "no" | "without" | "zero" | "nor" | "neither"))
        };
        if (DEAD_WORDS.contains(&w) || WOUNDED_WORDS.contains(&w)) && !joint && !hedged() {
            if let Some(v) = count_before(tokens, from, i) {
                if DEAD_WORDS.contains(&w) {
                    killed.get_or_insert(v);
                } else {
                    wounded.get_or_insert(v);
                }
            }
        }
        // "the death toll rose to 12", "the death toll from Thursday's bombing rose to nine".
        let earlier = |k: usize| {
            matches!(
                lw(k),
                "earlier" | "initial" | "previous" | "preliminary" | "first" | "old"
            )
        };
        if w == "toll" && !(i > from && (earlier(i - 1) || (i > from + 1 && earlier(i - 2)))) {
            let end = (i + 14).min(to);
            // "the death toll from the strike on ... near X rose to nine": a long subject.
            let rose = (i + 1..(i + 30).min(to)).find(|&k| {
                matches!(
                    lw(k),
                    "rose" | "risen" | "climbed" | "jumped" | "increased" | "reached" | "hit"
                )
            });
            let after_to = rose
                .and_then(|r| (r..(r + 3).min(to)).find(|&k| number_at(tokens, k + 1).is_some()))
                .or_else(|| {
                    (i + 1..end).find(|&k| {
                        matches!(lw(k), "to" | "at" | "reached" | "of" | "hit")
                            && number_at(tokens, k + 1).is_some()
                    })
                });
            let at = after_to
                .map(|k| k + 1)
                .or_else(|| (i + 1..(i + 6).min(to)).find(|&k| number_at(tokens, k).is_some()));
            if let Some((v, _)) = at.and_then(|k| number_at(tokens, k)) {
                // A later, updated toll wins.
                killed = Some(v);
            }
        }
    }
    // Event notes record an unknown toll as an estimate: "unknown fatalities coded as 10".
    for i in from..to {
        if lw(i) == "coded"
            && (i.saturating_sub(2).max(from)..i).any(|k| lw(k) == "fatalities")
            && matches!(lw(i + 1), "as" | "to")
        {
            if let Some((v, _)) = number_at(tokens, i + 2) {
                killed = Some(v);
            }
        }
    }
    if killed.is_some() {
        out.killed = killed;
    }
    if wounded.is_some() {
        out.wounded = wounded;
    }
    out
}

/// A count right after a verb: "killing (at least) six police officers", "killing a senior
/// Islamic State official", "killing the shop's owner". Returns the count and the index
/// after the noun phrase.
fn count_after(tokens: &[Token], mut i: usize, to: usize) -> Option<(u32, usize)> {
    let start = i;
    while i < to && HEDGES.contains(&tokens[i].lower.as_str()) && i < start + 4 {
        // "a", "an" (and "the" with a singular person) count as one: "killing a soldier".
        if tokens[i].is("a") || tokens[i].is("an") {
            if tokens.get(i + 1).map(|n| n.is("dozen")).unwrap_or(false) {
                return Some((12, i + 2));
            }
            if let Some(end) = singular_person(tokens, i + 1, to) {
                return Some((1, past_named_apposition(tokens, end, to)));
            }
        }
        i += 1;
    }
    if i < to && tokens[i].is("the") {
        if let Some(end) = singular_person(tokens, i + 1, to) {
            return Some((1, end));
        }
    }
    // A pronoun for the person the article is about: "wounding him and his brother".
    if i < to && matches!(tokens[i].lower.as_str(), "him" | "her") {
        return Some((1, i + 1));
    }
    // A named person: "killed Said al-Hamad", "killed Iranian general Qassem Suleimani".
    if let Some(i) = named_person_at(tokens, i, to) {
        let mut end = i;
        while end < to && is_person(end) {
            end += 1;
        }
        // Past an apposition: "Abu Baqir al-Saadi, a senior commander of X,".
        if tokens.get(end).map(|t| t.is(",")).unwrap_or(false) {
            if let Some(close) = (end + 1..(end + 12).min(to)).find(|&k| tokens[k].is(",")) {
                end = close + 1;
            }
        }
        return Some((1, end));
    }
    let (v, after) = number_at(tokens, i)?;
    // Must be a count of people, not "killed 2 hours later": a person word or the end.
    let next = tokens.get(after).map(|t| t.lower.as_str()).unwrap_or("");
    if next == "of"
        || PEOPLE.contains(&next)
        || next.is_empty()
        || matches!(
            next,
            "," | "." | "and" | "in" | "on" | "at" | "including" | "inside" | "when" | "while"
        )
    {
        return Some((v, noun_end(tokens, after, to)));
    }
    // Adjectives before the noun: "six Iraqi police officers", "three US soldiers".
    if tokens[(after + 1).min(to)..(after + 5).min(to)]
        .iter()
        .any(|t| PEOPLE.contains(&t.lower.as_str()))
    {
        return Some((v, noun_end(tokens, after, to)));
    }
    None
}

/// The first token of a named person at `i` or after a few words describing them ("Iranian
/// general", "senior commander"): not a number, a verb form or a function word.
fn named_person_at(tokens: &[Token], i: usize, to: usize) -> Option<usize> {
    let mut k = i;
    while k < to && k < i + 4 && !is_person(k) {
        let t = &tokens[k];
        let w = t.lower.as_str();
        if t.kind != TokenKind::Word
            || number_at(tokens, k).is_some()
            || w.ends_with("ed")
            || w.ends_with("ing")
            || KILL_VERBS.contains(&w)
            || WOUND_VERBS.contains(&w)
            || matches!(
                w,
                "and"
                    | "or"
                    | "of"
                    | "in"
                    | "at"
                    | "on"
                    | "by"
                    | "with"
                    | "near"
                    | "to"
                    | "from"
                    | "for"
                    | "as"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "who"
                    | "that"
                    | "which"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "him"
                    | "them"
            )
        {
            return None;
        }
        k += 1;
    }
    (k < to && is_person(k)).then_some(k)
}

/// A noun phrase for one person starting at `i` ("senior Islamic State official", "shop's
/// owner", "woman"): the index after its noun.
fn singular_person(tokens: &[Token], i: usize, to: usize) -> Option<usize> {
    for (k, t) in tokens.iter().enumerate().take((i + 6).min(to)).skip(i) {
        let w = t.lower.as_str();
        // "police officer", "army commander": the last person word is the noun.
        if PEOPLE.contains(&w) && k + 1 < to && PEOPLE.contains(&tokens[k + 1].lower.as_str()) {
            continue;
        }
        if PEOPLE.contains(&w) {
            let plural = w.ends_with('s') && !matches!(w, "police" | "boss" | "witness");
            return (!plural || matches!(w, "police"))
                .then_some(k + 1)
                .filter(|_| w != "police" || k + 1 < to);
        }
        if t.kind == TokenKind::Punct && !matches!(w, "-" | "'s" | ".")
            || matches!(w, "and" | "or" | "of" | "in" | "at" | "on" | "who" | "that")
        {
            return None;
        }
    }
    None
}

/// The end of the people noun phrase after a count.
fn noun_end(tokens: &[Token], from: usize, to: usize) -> usize {
    let mut k = from;
    while k < to && k < from + 6 {
        let w = tokens[k].lower.as_str();
        if PEOPLE.contains(&w) {
            return k + 1;
        }
        if tokens[k].kind == TokenKind::Punct && !matches!(w, "-" | "'s" | ".") {
            break;
        }
        k += 1;
    }
    from
}

/// More people joined by "and": "six police officers and 16 civilians", "two American
/// service members and a British soldier", "a woman and her two children".
/// Past the name set off by commas after a person noun: "a senior commander, Abu Baqir
/// al-Saadi, and two others" goes on at "and".
fn past_named_apposition(tokens: &[Token], end: usize, to: usize) -> usize {
    if !tokens.get(end).is_some_and(|t| t.is(",")) {
        return end;
    }
    let Some(start) = named_person_at(tokens, end + 1, to) else {
        return end;
    };
    let mut k = start;
    while k < to && is_person(k) {
        k += 1;
    }
    if k > start && tokens.get(k).is_some_and(|t| t.is(",")) {
        k + 1
    } else {
        end
    }
}

fn sum_and(tokens: &[Token], mut i: usize, to: usize) -> u32 {
    // Skip the rest of the noun phrase ("a senior commander of the Harakat al-Nujaba
    // militia and another member").
    let limit = (i + 8).min(to);
    while i < limit && !tokens[i].is("and") {
        // An acronym in brackets: "the Sinjar Resistance Units (YBS) and his driver".
        if tokens[i].is("(") && tokens.get(i + 2).is_some_and(|t| t.is(")")) {
            i += 3;
            continue;
        }
        if tokens[i].kind == TokenKind::Punct && !tokens[i].is("-") && !tokens[i].is("'s")
            || tokens[i].kind == TokenKind::Number
        {
            return 0;
        }
        i += 1;
    }
    if i < to && tokens[i].is("and") {
        let mut k = i + 1;
        if matches!(
            tokens.get(k).map(|t| t.lower.as_str()),
            Some("his" | "her" | "their" | "its")
        ) {
            k += 1;
        }
        if let Some((v, after)) = number_at(tokens, k) {
            // "and 16 civilians", "and two of his guards"
            if tokens[after.min(to)..(after + 4).min(to)]
                .iter()
                .any(|t| PEOPLE.contains(&t.lower.as_str()))
            {
                return v;
            }
        }
        // "and Iraqi militia commander Abu Mahdi al-Muhandis"
        if named_person_at(tokens, k, to).is_some() {
            return 1;
        }
        if matches!(
            tokens.get(k).map(|t| t.lower.as_str()),
            Some("a" | "an" | "one" | "another")
        ) || k > i + 1
        {
            let from = if k > i + 1 { k } else { k + 1 };
            if singular_person(tokens, from, to).is_some() {
                return 1;
            }
        }
    }
    0
}

/// The count before a death or injury word: "13 were killed", "four people dead", "a member
/// of the federal police was killed".
fn count_before(tokens: &[Token], from: usize, word: usize) -> Option<u32> {
    let mut j = word;
    // Skip "were", "have been", "reportedly".
    let skip = [
        "were",
        "was",
        "have",
        "has",
        "had",
        "been",
        "are",
        "is",
        "reportedly",
        "also",
        "later",
        "all",
        "being",
        "reported",
        "confirmed",
        "and",
        "people",
        "person",
        "others",
    ];
    let mut skipped = 0;
    while j > from && skip.contains(&tokens[j - 1].lower.as_str()) && skipped < 4 {
        j -= 1;
        skipped += 1;
    }
    // "Two fighters of the Sinjar Resistance Units (YBS) were killed": past the brackets.
    if j > from + 1 && tokens[j - 1].is(")") {
        if let Some(open) = (j.saturating_sub(8).max(from)..j - 1)
            .rev()
            .find(|&k| tokens[k].is("("))
        {
            j = open;
        }
    }
    // "Two fighters died and a third was wounded": one more.
    if j >= from + 2
        && tokens[j - 2].is("a")
        && matches!(
            tokens[j - 1].lower.as_str(),
            "second" | "third" | "fourth" | "fifth" | "sixth"
        )
    {
        return Some(1);
    }
    // Past a relative clause or an apposition: "Colonel X, who commands a battalion, was
    // wounded", "five policemen, including two officers, were killed".
    let first = item_before(tokens, from, j).or_else(|| {
        if j <= from + 1 || !tokens[j - 1].is(",") {
            return None;
        }
        let open = (j.saturating_sub(24).max(from)..j - 1).rev().find(|&k| {
            tokens[k].is(",")
                && matches!(
                    tokens.get(k + 1).map(|t| t.lower.as_str()),
                    Some("who" | "a" | "an" | "the" | "whose" | "including" | "among")
                )
        })?;
        item_before(tokens, from, open)
    });
    // A list of victims adds up: "three soldiers, a police officer and a civilian".
    let (mut total, mut start) = first?;
    while start > from + 1 {
        let mut end = start - 1;
        if !matches!(tokens[end].lower.as_str(), "," | "and") {
            break;
        }
        if tokens[end].is("and") && end > from && tokens[end - 1].is(",") {
            end -= 1;
        }
        // Another item of the list, not another clause ("two were killed and three wounded").
        let clause_word = |x: usize| {
            let w = tokens[x].lower.as_str();
            DEAD_WORDS.contains(&w)
                || WOUNDED_WORDS.contains(&w)
                || matches!(
                    w,
                    "were" | "was" | "are" | "is" | "been" | "have" | "has" | "had"
                )
        };
        match item_before(tokens, from, end).filter(|&(_, s)| !(s..end).any(clause_word)) {
            Some((v, s)) => {
                total = total.saturating_add(v);
                start = s;
            }
            None => break,
        }
    }
    Some(total)
}

/// The end of a run of people words from `i`, at most `j`: "Iraqi woman", "police officer".
fn people_end(tokens: &[Token], mut i: usize, j: usize) -> usize {
    while i < j && PEOPLE.contains(&tokens[i].lower.as_str()) {
        i += 1;
    }
    i
}

/// One count of people ending at `j`: "13", "two US soldiers", "a member of the federal
/// police", "the driver", a named person; with the index it starts at.
fn item_before(tokens: &[Token], from: usize, j: usize) -> Option<(u32, usize)> {
    // "Sgt. Daniel Hollis, 41, died": a named person with the age in commas.
    if j >= from + 4
        && tokens[j - 1].is(",")
        && tokens[j - 3].is(",")
        && tokens[j - 2].kind == TokenKind::Number
        && tokens[j - 2].lower.len() <= 3
        && is_person(j - 4)
    {
        let mut s = j - 4;
        while s > from && is_person(s - 1) {
            s -= 1;
        }
        return Some((1, s));
    }
    // Direct number: "13 were killed", "four dead".
    if let Some((v, s)) = number_before(tokens, j) {
        return Some((v, s));
    }
    let mut k = j;
    let mut steps = 0;
    while k > from && steps < 11 {
        k -= 1;
        steps += 1;
        let w = tokens[k].lower.as_str();
        if tokens[k].kind == TokenKind::Punct && w != "-" && w != "'s" && w != "." {
            return None;
        }
        if let Some((v, e)) = number_at(tokens, k) {
            if e <= j && (e..j).any(|x| PEOPLE.contains(&tokens[x].lower.as_str())) {
                return Some((v, k));
            }
            return None;
        }
        if is_person(k) {
            let mut s = k;
            while s > from && is_person(s - 1) {
                s -= 1;
            }
            return Some((1, s));
        }
        // "two were killed and another wounded"
        if w == "another" && k + 1 == j {
            return Some((1, k));
        }
        // "a police officer", "one soldier", "the driver", "his brother", "a second woman".
        // ("three members of the PMF": the group after "of" is not the count).
        if matches!(w, "a" | "an" | "one" | "the" | "his" | "her" | "another")
            && singular_person(tokens, k + 1, j) == Some(j)
            // ("two women from the same family": the family is not a victim of its own.)
            && !(w == "the" && k > 0 && (tokens[k - 1].is("of") || tokens[k - 1].is("from")))
        {
            return Some((1, k));
        }
        // "a member of the federal police", "one soldier from the unit" (not "an official
        // said that the soldiers were killed").
        if matches!(w, "a" | "an" | "one")
            && tokens
                .get(k + 1)
                .map(|n| PEOPLE.contains(&n.lower.as_str()) && !n.lower.ends_with('s'))
                .unwrap_or(false)
            && (people_end(tokens, k + 1, j) == j
                || matches!(
                    tokens
                        .get(people_end(tokens, k + 1, j))
                        .map(|t| t.lower.as_str()),
                    Some("of" | "from" | "in" | "with" | "was" | "is" | "has" | "had")
                ))
        {
            return Some((1, k));
        }
        if matches!(
            w,
            "dozens"
                | "scores"
                | "hundreds"
                | "thousands"
                | "several"
                | "many"
                | "some"
                | "numerous"
        ) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{tokenize, Span};

    fn toll_of(s: &str) -> (Option<u32>, Option<u32>) {
        let t = tokenize(s, Span::new(0, s.len()));
        let r = toll(&t, 0, t.len());
        (r.killed, r.wounded)
    }

    #[test]
    fn unknown_tolls_and_denials() {
        assert_eq!(toll_of("No information about fatalities."), (None, None));
        assert_eq!(
            toll_of("No details on casualties were given."),
            (None, None)
        );
        assert_eq!(
            toll_of("There were no reports of casualties so far."),
            (None, None)
        );
        assert_eq!(
            toll_of("A source said, without giving details on casualties."),
            (None, None)
        );
        assert_eq!(
            toll_of("The strike caused material damage only."),
            (Some(0), Some(0))
        );
        assert_eq!(toll_of("There were no casualties."), (Some(0), Some(0)));
        assert_eq!(
            toll_of("The attack caused no injuries."),
            (Some(0), Some(0))
        );
        assert_eq!(
            toll_of("The blast injured three civilians but caused no fatalities."),
            (Some(0), Some(3))
        );
        assert_eq!(
            toll_of("Neither fatalities nor injuries occurred."),
            (Some(0), Some(0))
        );
        assert_eq!(
            toll_of("As many as 80 troops may have been killed, Iranian TV claimed."),
            (None, None)
        );
        assert_eq!(
            toll_of("Nine soldiers were killed and injured."),
            (None, None)
        );
        assert_eq!(toll_of("Unknown fatalities coded as 10."), (Some(10), None));
    }

    #[test]
    fn reads_tolls() {
        assert_eq!(
            toll_of("The Pentagon said it took out four enemy militants."),
            (Some(4), None)
        );
        assert_eq!(
            toll_of("The army eliminated 12 terrorists in the raid."),
            (Some(12), None)
        );
        assert_eq!(toll_of("the strike took out two tanks"), (None, None));
        assert_eq!(
            toll_of("The strike left at least four people dead."),
            (Some(4), None)
        );
        assert_eq!(
            toll_of("\"Thirteen were killed and three wounded,\" the source said."),
            (Some(13), Some(3))
        );
        assert_eq!(
            toll_of("killing at least six police officers and 16 civilians"),
            (Some(22), None)
        );
        assert_eq!(
            toll_of("warplanes killed as many as 250 jihadists"),
            (Some(250), None)
        );
        assert_eq!(toll_of("it killed dozens of fighters"), (None, None));
        assert_eq!(
            toll_of("During the attack, a member of the federal police was killed."),
            (Some(1), None)
        );
        assert_eq!(toll_of("There were no fatalities."), (Some(0), None));
        assert_eq!(
            toll_of("Two members of the federal police were wounded in the clash."),
            (None, Some(2))
        );
        assert_eq!(
            toll_of("a drone strike killed three US soldiers"),
            (Some(3), None)
        );
        assert_eq!(toll_of("twenty-five people were killed"), (Some(25), None));
        assert_eq!(
            toll_of("left at least a dozen policemen killed"),
            (Some(12), None)
        );
    }
}
