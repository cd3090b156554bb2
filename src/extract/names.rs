//! Names outside the lexicon, found by patterns with cues.
//!
//! A candidate is a run of capitalised words (with connectors such as "of", "al-", "bin" in
//! between) that no lexicon name covers. It becomes an entity only when a cue says what it
//! is: a title or role ("Gen.", "spokesman"), a known given name, a verb of saying after a
//! two- or three-word name, an organisation head ("... Brigades", "Ministry of ..."), the
//! first word of an Arabic group name ("Kataib ...", "Saraya ..."), a place word ("...
//! province", "the village of ...", "... air base"), "Operation ...", or a preposition of
//! place before a short name ("in Farhaniyah"). Runs without a cue are left alone.

use super::cues::*;
use super::lexicon::Kind;
use crate::text::words::WordList;
use crate::text::{is_hyphenated_article, Span, Token, TokenKind};
use std::collections::HashSet;

/// A name found by a pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub span: Span,
    pub kind: Kind,
    pub label: String,
    pub rule: &'static str,
    /// An abbreviation defined right after the name: "Syria Recovery Trust Fund (SRTF)".
    pub acronym: Option<String>,
}

/// Finds pattern names in one sentence. `covered[i]` is true for tokens inside a lexicon
/// match; `given_names` holds lowercase given names.
pub fn find(
    text: &str,
    tokens: &[Token],
    covered: &[bool],
    given_names: &HashSet<String>,
) -> Vec<NameMatch> {
    let mut out = Vec::new();
    let headline = is_title_case(text, tokens);
    let mut i = 0;
    while i < tokens.len() {
        if let Some(m) =
            ordinal_unit(text, tokens, covered, i).or_else(|| ship(text, tokens, covered, i))
        {
            i = tokens
                .iter()
                .position(|t| t.span.start >= m.span.end)
                .unwrap_or(tokens.len());
            out.push(m);
            continue;
        }
        let Some((start, end)) = chunk_at(text, tokens, covered, i) else {
            i += 1;
            continue;
        };
        i = end.max(i + 1);
        if let Some(m) = classify(text, tokens, covered, start, end, given_names, headline) {
            out.push(m);
        }
    }
    out
}

/// A numbered military unit: "the 20th Division", "9th Armoured Division", "5th Brigade".
fn ordinal_unit(text: &str, tokens: &[Token], covered: &[bool], i: usize) -> Option<NameMatch> {
    let t = &tokens[i];
    let l = t.lower.as_str();
    let ordinal = t.kind == TokenKind::Number
        && ["st", "nd", "rd", "th"].iter().any(|s| l.ends_with(s))
        && l.chars()
            .next()
            .map(|c| c.is_ascii_digit())
            .unwrap_or(false);
    if !ordinal || covered[i] {
        return None;
    }
    let mut k = i + 1;
    while k < tokens.len() && k <= i + 4 && !covered[k] && is_cap(text, &tokens[k]) {
        // "the 158th Fighter Wing", "the 407th Air Expeditionary Group", "the 134th
        // Expeditionary Fighter Squadron".
        if matches!(
            tokens[k].lower.as_str(),
            "division"
                | "brigade"
                | "regiment"
                | "battalion"
                | "corps"
                | "army"
                | "fleet"
                | "wing"
                | "squadron"
                | "group"
                | "battery"
                | "company"
        ) {
            let span = span_of(tokens, i, k + 1);
            return Some(NameMatch {
                span,
                kind: Kind::StateForce,
                label: span.of(text).to_string(),
                rule: "numbered unit",
                acronym: None,
            });
        }
        k += 1;
    }
    None
}

/// A warship by its navy's prefix: "USS Hopper", "HMS Daring", "FS Charles de Gaulle".
fn ship(text: &str, tokens: &[Token], covered: &[bool], i: usize) -> Option<NameMatch> {
    let t = &tokens[i];
    if covered[i]
        || !matches!(
            t.text(text),
            "USS" | "HMS" | "FS" | "HMAS" | "HMCS" | "HNLMS" | "HDMS" | "ITS" | "TCG"
        )
    {
        return None;
    }
    let mut k = i + 1;
    while k < tokens.len()
        && k <= i + 4
        && !covered[k]
        && (is_cap(text, &tokens[k])
            || (matches!(tokens[k].lower.as_str(), "de" | "du" | "la")
                && tokens.get(k + 1).is_some_and(|n| is_cap(text, n))))
    {
        k += 1;
    }
    if k == i + 1 {
        return None;
    }
    let span = span_of(tokens, i, k);
    Some(NameMatch {
        span,
        kind: Kind::StateForce,
        label: span.of(text).to_string(),
        rule: "ship",
        acronym: None,
    })
}

fn is_cap(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.text(text)
            .chars()
            .next()
            .map(|c| c.is_uppercase())
            .unwrap_or(false)
}

/// Whether most words of the sentence are capitalised (a headline in title case), where
/// capitals say nothing about names.
fn is_title_case(text: &str, tokens: &[Token]) -> bool {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.is_word() && t.lower.len() > 3)
        .collect();
    if words.len() < 3 {
        return false;
    }
    let caps = words.iter().filter(|t| is_cap(text, t)).count();
    let ends_like_prose = tokens
        .last()
        .map(|t| matches!(t.lower.as_str(), "." | "\"" | "\u{201d}"))
        .unwrap_or(false);
    if ends_like_prose {
        words.len() >= 5 && caps * 10 >= words.len() * 9
    } else {
        caps * 10 >= words.len() * 6
    }
}

/// The capitalised run starting at token `i`, as a token range `[start, end)`.
fn chunk_at(text: &str, tokens: &[Token], covered: &[bool], i: usize) -> Option<(usize, usize)> {
    let t = &tokens[i];
    // A lowercase Arabic article can open a name: "al-Bayader", "el-Zor".
    let article_start = matches!(t.lower.as_str(), "al" | "el")
        && tokens
            .get(i + 1)
            .map(|h| h.is("-") && h.span.start == t.span.end)
            .unwrap_or(false)
        && tokens
            .get(i + 2)
            .map(|n| is_cap(text, n) && !covered.get(i + 2).copied().unwrap_or(true))
            .unwrap_or(false);
    if covered[i] || !(is_cap(text, t) || article_start) || NEVER_NAMES.contains(&t.lower.as_str())
    {
        return None;
    }
    let mut end = i + 1;
    while end < tokens.len() {
        let t = &tokens[end];
        if covered[end] {
            break;
        }
        if is_cap(text, t) && !NEVER_NAMES.contains(&t.lower.as_str()) {
            end += 1;
            continue;
        }
        let prev = &tokens[end - 1];
        // "Gen." / "B." inside a name.
        if t.is(".")
            && (TITLES.contains(&prev.lower.as_str())
                || (prev.lower.chars().count() == 1 && is_cap(text, prev)))
            && tokens
                .get(end + 1)
                .map(|n| is_cap(text, n))
                .unwrap_or(false)
            && t.span.start == prev.span.end
        {
            end += 1;
            continue;
        }
        // Ratings with a class: "Petty Officer 2nd Class", "Airman First Class".
        if is_ordinal(&t.lower)
            && tokens
                .get(end + 1)
                .is_some_and(|n| n.is("class") && is_cap(text, n))
        {
            end += 2;
            continue;
        }
        // A nickname in quotes inside a name: 'Richard "Tex" Coe'.
        if is_double_quote(&t.lower)
            && is_cap(text, prev)
            && tokens.get(end + 1).is_some_and(|n| is_cap(text, n))
            && tokens
                .get(end + 2)
                .is_some_and(|q| is_double_quote(&q.lower))
            && tokens
                .get(end + 3)
                .is_some_and(|n| is_cap(text, n) && !covered[end + 3])
        {
            end += 4;
            continue;
        }
        // "al-Asad", "Deir ez-Zor": hyphen inside a name.
        if t.is("-") && t.span.start == prev.span.end {
            // Only a capitalised word continues the name ("Al-Omar", "Claw-Lock"); a
            // lowercase one makes a modifier ("US-affiliated", "Iran-backed").
            if let Some(n) = tokens.get(end + 1) {
                if n.span.start == t.span.end
                    && n.is_word()
                    && !covered[end + 1]
                    && (is_cap(text, n) || n.kind == TokenKind::Number)
                {
                    end += 2;
                    continue;
                }
            }
            break;
        }
        // "Maj. Gen. Hassan of the Baghdad Operations Command": a titled name ends before
        // "of"; "Minister of Defence" is all title and goes on.
        if t.is("of")
            && TITLES.contains(&tokens[i].lower.trim_end_matches('.'))
            && tokens[i..end]
                .iter()
                .any(|x| x.is_word() && !TITLES.contains(&x.lower.trim_end_matches('.')))
        {
            break;
        }
        // Connectors between capitalised words.
        if t.is_word() && NAME_CONNECTORS.contains(&t.lower.as_str()) {
            // "at" joins only as an Arabic article ("at-Tanf"), not "Doctors at the ...".
            // "Izz at Din" is "Izz ad-Din" without its hyphen.
            if t.is("at")
                && !tokens
                    .get(end + 1)
                    .is_some_and(|n| n.is("-") || n.is("din") || n.is("deen"))
            {
                break;
            }
            let mut k = end + 1;
            while k < tokens.len()
                && tokens[k].is_word()
                && NAME_CONNECTORS.contains(&tokens[k].lower.as_str())
                && k < end + 3
            {
                k += 1;
            }
            // "al-" written with a hyphen.
            if k < tokens.len() && tokens[k].is("-") {
                k += 1;
            }
            if k < tokens.len()
                && !covered[k]
                && is_cap(text, &tokens[k])
                && !NEVER_NAMES.contains(&tokens[k].lower.as_str())
            {
                // "and" only joins inside organisation names ("Islamic State of Iraq and Syria").
                if t.is("and") || t.is("the") || t.is("on") || t.is("in") {
                    let has_of = tokens[i..end].iter().any(|x| x.is("of") || x.is("for"));
                    if !has_of {
                        break;
                    }
                }
                end = k;
                continue;
            }
            break;
        }
        // Numbers after unit words: "Brigade 61", "Tower 22".
        if t.kind == TokenKind::Number
            && matches!(
                prev.lower.as_str(),
                "brigade"
                    | "division"
                    | "battalion"
                    | "regiment"
                    | "tower"
                    | "camp"
                    | "route"
                    | "highway"
                    | "site"
                    | "sector"
                    | "checkpoint"
                    | "k"
                    | "base"
                    | "unit"
                    | "force"
                    | "fleet"
            )
        {
            end += 1;
            continue;
        }
        break;
    }
    Some((i, end))
}

fn lower_at(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

fn span_of(tokens: &[Token], start: usize, end: usize) -> Span {
    Span::new(tokens[start].span.start, tokens[end - 1].span.end)
}

fn classify(
    text: &str,
    tokens: &[Token],
    covered: &[bool],
    mut start: usize,
    end: usize,
    given_names: &HashSet<String>,
    headline: bool,
) -> Option<NameMatch> {
    let sentence_initial = start == 0 || tokens[..start].iter().all(|t| t.kind == TokenKind::Punct);
    // Drop function words and sentence starters at the front; "Said" opens a name
    // ("Said al-Hamad") unless it starts the sentence.
    while start < end
        && (NOT_NAME_STARTS.contains(&tokens[start].lower.as_str())
            && !(start + 1 < end && tokens[start + 1].is("."))
            && !(tokens[start].is("said") && !sentence_initial && start + 1 < end))
    {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let words: Vec<&Token> = tokens[start..end].iter().filter(|t| t.is_word()).collect();
    if words.is_empty() {
        return None;
    }
    // Only an Arabic article ("Al-" before a lexicon name), or a run opening with a word
    // that says the actor is unknown ("Unidentified Military Forces"): not a name.
    if words
        .iter()
        .all(|w| NAME_CONNECTORS.contains(&w.lower.as_str()))
        || matches!(
            words[0].lower.as_str(),
            "unidentified" | "unknown" | "unnamed" | "anonymous" | "alleged" | "suspected"
        )
    {
        return None;
    }
    // A nationality alone is an adjective, not a place or group ("the Iraqi city of").
    if words.len() == 1 && is_demonym(&words[0].lower) {
        return None;
    }
    let first = words[0].lower.as_str();
    let last = words[words.len() - 1].lower.as_str();
    let prev = if start > 0 {
        lower_at(tokens, start - 1)
    } else {
        ""
    };
    let prev2 = if start > 1 {
        lower_at(tokens, start - 2)
    } else {
        ""
    };
    let label_of = |s: usize, e: usize| span_of(tokens, s, e).of(text).to_string();
    let acronym = acronym_after(text, tokens, end);
    let mk = |s: usize, e: usize, kind: Kind, rule: &'static str| {
        Some(NameMatch {
            span: span_of(tokens, s, e),
            kind,
            label: label_of(s, e),
            rule,
            acronym: acronym.clone(),
        })
    };

    // Operation X
    if first == "operation" && words.len() >= 2 {
        return mk(start, end, Kind::Operation, "name:operation");
    }
    // Hills, mountains and valleys named with their generic word first: "Gire Cudi"
    // (Kurdish), "Jabal Hamrin", "Wadi Zaitun", "Mount Sinjar".
    if FEATURE_STARTS.contains(&first) && words.len() >= 2 {
        return mk(start, end, Kind::Feature, "name:feature");
    }
    // A rating with its class is all title: "Navy Special Warfare Operator 1st Class
    // Charles Keating IV".
    if let Some(c) = (start + 1..end)
        .rev()
        .find(|&c| tokens[c].is("class") && is_ordinal(&tokens[c - 1].lower))
    {
        let rest = tokens[c + 1..end].iter().filter(|t| t.is_word()).count();
        if (1..=4).contains(&rest) {
            return mk(c + 1, end, Kind::Person, "name:title");
        }
    }
    // In title-case headlines only the strong cues below apply.
    // Titles and ranks before a name.
    let mut k = start;
    while k < end
        && (TITLES.contains(&tokens[k].lower.trim_end_matches('.'))
            || tokens[k].is(".")
            || is_demonym(&tokens[k].lower))
    {
        k += 1;
    }
    // A title ends with its head word: "Press Secretary Peter Cook", not "Press Briefing
    // Room".
    let stripped_title = tokens[start..k]
        .iter()
        .any(|t| TITLES.contains(&t.lower.as_str()))
        && !tokens[start..k]
            .iter()
            .rev()
            .find(|t| t.is_word())
            .is_some_and(|t| {
                matches!(
                    t.lower.as_str(),
                    "press" | "media" | "public" | "affairs" | "assistant"
                )
            });
    if stripped_title && k < end {
        let rest: Vec<&Token> = tokens[k..end].iter().filter(|t| t.is_word()).collect();
        // "the Foreign Ministers of": a title in the plural is no name.
        let plural_title = rest.len() == 1 && {
            let w = rest[0].lower.as_str();
            w.strip_suffix("ies")
                .is_some_and(|stem| TITLES.contains(&format!("{stem}y").as_str()))
                || w.strip_suffix('s')
                    .is_some_and(|stem| TITLES.contains(&stem))
        };
        let lone_ok = rest.len() > 1 || !(headline || plural_title);
        if (1..=4).contains(&rest.len()) && !is_org_like(&rest) && lone_ok {
            return mk(k, end, Kind::Person, "name:title");
        }
    }
    // Organisation heads: "... Brigades", "Ministry of ...".
    let head_class = ORG_HEADS.get(last).copied().or_else(|| {
        let second = words.get(1).map(|t| t.lower.as_str()).unwrap_or("");
        if second == "of" || second == "for" {
            ORG_HEADS.get(first).copied()
        } else {
            None
        }
    });
    if let Some(class) = head_class {
        if words.len() >= 2 || (words.len() == 1 && prev == "the" && !sentence_initial) {
            if words.len() == 1 {
                return None;
            }
            // "Baghdad Operations Command": the Iraqi army's regional commands.
            let has_state = words.iter().any(|w| is_demonym(&w.lower))
                || (last == "command"
                    && words
                        .iter()
                        .any(|w| matches!(w.lower.as_str(), "operations" | "operational")));
            let kind = match class {
                OrgClass::Force if has_state => Kind::StateForce,
                OrgClass::Force => Kind::ArmedGroup,
                OrgClass::Group => Kind::ArmedGroup,
                OrgClass::Gov => Kind::Government,
                OrgClass::Org => Kind::Organisation,
            };
            return mk(start, end, kind, "name:org-head");
        }
    }
    if GROUP_STARTS.contains(&first) && words.len() >= 2 {
        return mk(start, end, Kind::ArmedGroup, "name:group-start");
    }
    // Place words inside the name ("Mosul Dam", "Tharthar Lake") or right after it.
    // Only generic words before the head ("Border Crossing", "Artillery Base", "Military
    // Airport"): the rest of the name is another, known name ("Al-Bukamal Border
    // Crossing"), not a place of its own.
    let generic = words[..words.len() - 1]
        .iter()
        .all(|w| GENERIC_PLACE_WORDS.contains(&w.lower.as_str()));
    if words.len() >= 2 && !headline && !generic {
        if let Some(cue) = PLACE_HEADS.get(last) {
            return mk(start, end, place_kind(*cue), "name:place-head");
        }
    }
    // The place word may come after another spelling in brackets: "Sur Sikere (Sur Skeri)
    // area".
    let mut h = end;
    if lower_at(tokens, h) == "(" {
        if let Some(close) = (h + 1..(h + 6).min(tokens.len())).find(|&i| tokens[i].is(")")) {
            h = close + 1;
        }
    }
    let next_tok = lower_at(tokens, end);
    let (next, next2) = (lower_at(tokens, h), lower_at(tokens, h + 1));
    let (after, head_len) = if next == "air" && (next2 == "base" || next2 == "field") {
        ("base", 2)
    } else if (next == "oil" || next == "gas") && (next2 == "field" || next2 == "fields") {
        ("field", 2)
    } else if next == "sub" && next2 == "-" {
        ("sub-district", 3)
    } else {
        (next, 1)
    };
    // "the Turkish Intelligence Organization (MIT) base": an organisation's base, not a
    // place named "Organization".
    let org_before_brackets = h != end
        && words
            .last()
            .is_some_and(|w| ORG_HEADS.get(&w.lower).is_some());
    if let Some(cue) = PLACE_HEADS.get(after) {
        if !(headline || sentence_initial && words.len() == 1 || org_before_brackets) {
            let kind = place_kind(*cue);
            // Bases, facilities and natural features are named with their head ("Suri
            // base", "Sehit Serdar hill"); towns and regions without it ("Rashad" for
            // "Rashad sub-district").
            return match kind {
                Kind::Base | Kind::Facility | Kind::Feature if h == end => mk(
                    start,
                    (end + head_len).min(tokens.len()),
                    kind,
                    "name:place-cue",
                ),
                _ => mk(start, end, kind, "name:place-cue"),
            };
        }
    }
    // "the Albu Hardan tribe", "the Al-Karabla clan": a tribe, named with its head.
    if matches!(next_tok, "tribe" | "clan") && !headline && words.len() <= 4 {
        // "the Al bu Nimr tribe": "bu" ("house of") and its article belong to the name.
        let mut s0 = start;
        if s0 >= 2 && tokens[s0 - 1].is("bu") && matches!(lower_at(tokens, s0 - 2), "al" | "el") {
            s0 -= 2;
        }
        return mk(s0, end + 1, Kind::Organisation, "name:tribe");
    }
    // "Camp X", "Forward Operating Base X", "Mission Support Site X", "Patrol Base X".
    let opening: Vec<&str> = words.iter().take(3).map(|w| w.lower.as_str()).collect();
    let base_start = matches!(first, "camp" | "fob" | "firebase" | "cop" | "fort")
        || opening.starts_with(&["mission", "support", "site"])
        || opening.starts_with(&["forward", "operating", "base"])
        || opening.starts_with(&["patrol", "base"])
        || opening.starts_with(&["combat", "outpost"])
        || opening.starts_with(&["fire", "base"]);
    if base_start && words.len() >= 2 {
        return mk(start, end, Kind::Base, "name:camp");
    }
    // A US town with its state, as casualty and hometown reports write it: "of Woodbridge,
    // Virginia". The state stays in the name: the town alone is too often another's name.
    if !sentence_initial && words.len() <= 3 && next == "," && !is_org_like(&words) {
        let state_end = (end + 2..(end + 4).min(tokens.len() + 1)).rev().find(|&e| {
            e <= tokens.len()
                && (end + 1..e).all(|k| is_cap(text, &tokens[k]) && !covered[k])
                && US_STATES.contains(&span_of(tokens, end + 1, e).of(text).to_lowercase().as_str())
        });
        if let Some(e) = state_end {
            return mk(start, e, Kind::Settlement, "name:us-town");
        }
    }
    // A place glossed with the places that hold it, as event notes write it: "Eliad (Al
    // Fiq, Quneitra)". The gloss lists names and ends on a known one.
    if !sentence_initial && words.len() <= 3 && !is_org_like(&words) && next_tok == "(" {
        let close = (end + 2..(end + 12).min(tokens.len())).find(|&k| tokens[k].is(")"));
        if let Some(close) = close {
            let gloss = &tokens[end + 1..close];
            if gloss.iter().any(|t| t.is(","))
                && covered[close - 1]
                && gloss
                    .iter()
                    .all(|t| t.is(",") || t.is("-") || is_cap(text, t) || t.kind == TokenKind::Word)
            {
                return mk(start, end, Kind::Settlement, "name:glossed-place");
            }
        }
    }
    // "the village of X", "the town of X".
    if prev == "of" && PLACE_OF.contains(&prev2) {
        let kind = match prev2 {
            "district" | "sub-district" | "subdistrict" | "province" | "governorate" | "region"
            | "municipality" => Kind::Region,
            _ => Kind::Settlement,
        };
        return mk(start, end, kind, "name:place-of");
    }
    if headline {
        return None;
    }
    // "Abd al-Hadi", "Abdul Rahman": "servant of" and a name of God open a given name.
    let is_given = given_names.contains(first)
        || (matches!(first, "abd" | "abdul" | "abdel") && words.len() >= 3);
    // Given name + surname. Arabic articles and "bin" do not count as names ("Sajida
    // Mubarak Atrous al-Rishawi").
    let name_words = words
        .iter()
        .filter(|w| {
            let w = w.lower.as_str();
            !(is_hyphenated_article(w)
                || matches!(w, "bin" | "ibn" | "bint" | "abd" | "abdul" | "abdel"))
        })
        .count();
    // "near Abu Rasin", "in Abu Ghraib": after a preposition of place, "Abu" opens a
    // town's name.
    let abu_place = matches!(first, "abu" | "umm")
        && matches!(prev, "in" | "near" | "outside" | "around")
        && !sentence_initial;
    if is_given && (2..=4).contains(&name_words) && !is_org_like(&words) && !abu_place {
        return mk(start, end, Kind::Person, "name:given-name");
    }
    // Role noun before the name: "spokesman Yahia Rasool", "reporter Aso Ahmed".
    if ROLE_NOUNS.contains(&prev) && (2..=4).contains(&words.len()) && !is_org_like(&words) {
        return mk(start, end, Kind::Person, "name:role");
    }
    // "X Y said", "X Y, the spokesman".
    if (2..=3).contains(&words.len())
        && !is_org_like(&words)
        && !sentence_initial_single(sentence_initial, &words)
    {
        if SAY_VERBS.contains(&next) {
            return mk(start, end, Kind::Person, "name:said");
        }
        if next == "," {
            let window: Vec<&str> = (end + 1..(end + 8).min(tokens.len()))
                .map(|i| tokens[i].lower.as_str())
                .collect();
            if matches!(
                window.first().copied(),
                Some("the") | Some("a") | Some("an") | Some("who")
            ) && window.iter().any(|w| ROLE_NOUNS.contains(w))
            {
                return mk(start, end, Kind::Person, "name:apposition");
            }
        }
    }
    // A surname alone that attributes a quote: '"...," Cook said.' or '"...," said Russell.'
    if words.len() == 1 && !is_org_like(&words) {
        // A closing quote: straight or right-hand, never the opening "\u{201c}".
        let closes = |w: &str| matches!(w, "\"" | "\u{201d}");
        let quote_before = |k: usize| {
            (k > 0 && closes(lower_at(tokens, k - 1)))
                || (k > 1 && lower_at(tokens, k - 1) == "," && closes(lower_at(tokens, k - 2)))
        };
        let next_tok = lower_at(tokens, end);
        let after_quote_said = matches!(prev, "said" | "says" | "added" | "continued")
            && quote_before(start - 1)
            && matches!(next_tok, "." | "," | "");
        let quote_then_said =
            matches!(next_tok, "said" | "says" | "added" | "told") && quote_before(start);
        if after_quote_said || quote_then_said {
            return mk(start, end, Kind::Person, "name:quote-said");
        }
    }
    // A short unknown name after a preposition of place: "in Farhaniyah", or where an
    // event note codes its location: "coded to Keshet".
    if !sentence_initial
        && (matches!(prev, "in" | "near" | "outside" | "around")
            || (prev == "to" && prev2 == "coded")
            // "south of Tal Asfuq", "the outskirts of Hawija".
            || (prev == "of" && super::attacks::is_direction(prev2))
            // "rebel-held Karabilah", "IS-controlled Rufaila".
            || (matches!(prev, "held" | "controlled" | "besieged") && prev2 == "-"))
        && words.len() <= 3
        && !is_org_like(&words)
        && (abu_place || !words.iter().any(|w| given_names.contains(w.lower.as_str())))
        && !covered.get(end).copied().unwrap_or(false)
    {
        return mk(start, end, Kind::Settlement, "name:in-place");
    }
    None
}

/// The states of the United States, lowercase.
static US_STATES: WordList = WordList::new(&[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
]);

/// Words that describe a place without naming it: "Border Crossing", "Military Airport".
static GENERIC_PLACE_WORDS: WordList = WordList::new(&[
    "border",
    "artillery",
    "military",
    "army",
    "air",
    "naval",
    "police",
    "security",
    "international",
    "main",
    "old",
    "new",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "provincial",
    "federal",
    "regional",
    "local",
    "civilian",
    "crossing",
    "joint",
    "forward",
    "operating",
    "training",
    "logistics",
    "supply",
    "oil",
    "gas",
    "power",
    "water",
    "the",
    "and",
]);

fn sentence_initial_single(initial: bool, words: &[&Token]) -> bool {
    initial && words.len() == 1
}

fn place_kind(cue: PlaceCue) -> Kind {
    match cue {
        PlaceCue::Region => Kind::Region,
        PlaceCue::Settlement => Kind::Settlement,
        PlaceCue::Feature => Kind::Feature,
        PlaceCue::Base => Kind::Base,
        PlaceCue::Facility => Kind::Facility,
    }
}

fn is_demonym(lower: &str) -> bool {
    demonym(lower).is_some()
}

/// Words that make a run an organisation or a thing rather than a person's name.
fn is_org_like(words: &[&Token]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let l = w.lower.as_str();
        // "Abu Jandal al-Kuwaiti": a nisba after the article is part of a name.
        let nisba = i > 0 && matches!(words[i - 1].lower.as_str(), "al" | "el");
        ORG_HEADS.get(l).is_some()
            || PLACE_HEADS.get(l).is_some()
            || (is_demonym(l) && !nisba)
            || matches!(
                l,
                "of" | "for"
                    | "and"
                    | "the"
                    | "operation"
                    | "state"
                    | "islamic"
                    | "republic"
                    | "kingdom"
            )
    })
}

/// An abbreviation in brackets right after a name: "(SRTF)".
fn acronym_after(text: &str, tokens: &[Token], end: usize) -> Option<String> {
    if lower_at(tokens, end) != "(" || lower_at(tokens, end + 2) != ")" {
        return None;
    }
    let t = tokens.get(end + 1)?;
    let s = t.text(text);
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if (2..=8).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase()) {
        Some(s.to_string())
    } else {
        None
    }
}

/// "1st", "2nd", "3rd", "first" … as in a rating's class.
fn is_ordinal(lower: &str) -> bool {
    matches!(lower, "1st" | "2nd" | "3rd" | "first" | "second" | "third")
}

fn is_double_quote(lower: &str) -> bool {
    matches!(lower, "\"" | "\u{201c}" | "\u{201d}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn names(text: &str) -> Vec<(String, Kind)> {
        let toks = tokenize(text, Span::new(0, text.len()));
        let covered = vec![false; toks.len()];
        let given: HashSet<String> = ["ahmed", "ali"].iter().map(|s| s.to_string()).collect();
        find(text, &toks, &covered, &given)
            .into_iter()
            .map(|m| (m.label, m.kind))
            .collect()
    }

    #[test]
    fn people_by_cue() {
        assert_eq!(
            names("Iraqi defence spokesman Yahia Rasool said so."),
            vec![("Yahia Rasool".to_string(), Kind::Person)]
        );
        assert_eq!(
            names("It was Col. Myles B. Caggins III who spoke."),
            vec![("Myles B. Caggins III".to_string(), Kind::Person)]
        );
        assert_eq!(
            names("The two were Ali Adil and Ahmed Awad."),
            vec![
                ("Ali Adil".to_string(), Kind::Person),
                ("Ahmed Awad".to_string(), Kind::Person)
            ]
        );
    }

    #[test]
    fn places_and_groups_by_cue() {
        assert_eq!(
            names("They attacked police in Khanajry village."),
            vec![("Khanajry".to_string(), Kind::Settlement)]
        );
        assert_eq!(
            names("The attack hit the village of Farhaniyah."),
            vec![("Farhaniyah".to_string(), Kind::Settlement)]
        );
        assert_eq!(
            names("A group called Saraya Awliya al-Dam claimed it."),
            vec![("Saraya Awliya al-Dam".to_string(), Kind::ArmedGroup)]
        );
        assert_eq!(
            names("Drones hit Suri base overnight."),
            vec![("Suri base".to_string(), Kind::Base)]
        );
        assert_eq!(
            names("It was part of Operation Claw-Lock in the north."),
            vec![("Operation Claw-Lock".to_string(), Kind::Operation)]
        );
    }
}
