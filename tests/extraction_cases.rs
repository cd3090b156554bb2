//! Runs every extraction case under tests/cases/ (see tests/cases/README.md): text in,
//! expected entities and attacks out. A new case is a new file.

use newskg::extract::{Attack, Extraction, Extractor};
use newskg::ingest::Article;
use newskg::rdf::lexicon;
use newskg::text::name_key;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    published: Option<String>,
    text: String,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    not_entities: Vec<String>,
    #[serde(default)]
    allow_other_attacks: bool,
    /// A known gap of the extractor, with the reason: the case must still fail (so that a
    /// fix is noticed and the mark removed), and it is listed on every run.
    known_gap: Option<String>,
    #[serde(default)]
    attack: Vec<ExpectedAttack>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedAttack {
    attacker: String,
    place: String,
    date: Option<String>,
    killed: Option<u32>,
    wounded: Option<u32>,
    weapon: Option<String>,
    target: Option<String>,
    /// A word the reported target must not contain.
    target_not: Option<String>,
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            case_files(&p, out);
        } else if p.extension().map(|e| e == "toml").unwrap_or(false) {
            out.push(p);
        }
    }
}

/// Whether an extracted entity goes by `name`: its label, a spelling the article used, or
/// any lexicon alias, compared by name key.
fn is_named(ex: &Extraction, extractor: &Extractor, entity: usize, name: &str) -> bool {
    let key = name_key(name);
    let e = &ex.entities[entity];
    if name_key(&e.label) == key || e.surfaces.iter().any(|s| name_key(s) == key) {
        return true;
    }
    if let Some(li) = e.lexicon {
        let entry = &extractor.lexicon().entries[li];
        return entry.aliases.iter().any(|a| name_key(a) == key);
    }
    false
}

/// The lexicon entries a name denotes.
fn lexicon_ids(extractor: &Extractor, name: &str) -> Vec<String> {
    let key = name_key(name);
    extractor
        .lexicon()
        .entries
        .iter()
        .filter(|e| name_key(&e.label) == key || e.aliases.iter().any(|a| name_key(a) == key))
        .map(|e| e.id.clone())
        .collect()
}

/// Whether an extracted attacker stands for the expected one: the same entity, a branch of
/// it ("Turkish Air Force" for "Turkish military"), or the state it belongs to ("Turkey"
/// for "Turkish army"), as annotators list several acceptable names for one actor.
fn is_attacker(ex: &Extraction, extractor: &Extractor, entity: usize, name: &str) -> bool {
    if is_named(ex, extractor, entity, name) {
        return true;
    }
    let lex = extractor.lexicon();
    let Some(li) = ex.entities[entity].lexicon else {
        return false;
    };
    let got = &lex.entries[li];
    let family = |id: &str| -> Vec<String> {
        let mut out = vec![id.to_string()];
        let mut cur = id.to_string();
        for _ in 0..6 {
            let Some(e) = lex.get(&cur) else { break };
            if let Some(c) = &e.country {
                out.push(c.clone());
            }
            match &e.part_of {
                Some(p) => {
                    out.push(p.clone());
                    cur = p.clone();
                }
                None => break,
            }
        }
        out
    };
    let got_family = family(&got.id);
    lexicon_ids(extractor, name).iter().any(|want| {
        let want_family = family(want);
        got_family.contains(want)
            || want_family.contains(&got.id)
            || (got_family
                .iter()
                .any(|g| g.starts_with("place/") && want_family.contains(g)))
    })
}

/// Whether an extracted place is the expected one or a site named after it ("Harir Air
/// Base" for "Harir", "al-Omar oil field" for "al-Omar").
fn is_place(ex: &Extraction, extractor: &Extractor, entity: usize, name: &str) -> bool {
    if is_named(ex, extractor, entity, name) {
        return true;
    }
    let e = &ex.entities[entity];
    let key = format!(" {} ", name_key(name));
    std::iter::once(&e.label).chain(e.surfaces.iter()).any(|s| {
        let got = format!(" {} ", name_key(s));
        got.contains(&key) || key.contains(&got)
    })
}

/// Whether the entity is named `name`, or `name` is inside one of its names ("Baghdad" in
/// "US Embassy in Baghdad"). A shorter name does not count: "Qarah" is not "Qara Hanjir".
fn has_name(ex: &Extraction, extractor: &Extractor, entity: usize, name: &str) -> bool {
    if is_named(ex, extractor, entity, name) {
        return true;
    }
    let e = &ex.entities[entity];
    let key = format!(" {} ", name_key(name));
    std::iter::once(&e.label)
        .chain(e.surfaces.iter())
        .any(|s| format!(" {} ", name_key(s)).contains(&key))
}

fn describe(ex: &Extraction, a: &Attack) -> String {
    let n = |i: Option<usize>| {
        i.map(|i| ex.entities[i].label.clone())
            .unwrap_or_else(|| "-".into())
    };
    format!(
        "{} -> {} (date {}, killed {:?}, wounded {:?}, weapon {:?}, rule {})",
        n(a.attacker),
        n(a.place),
        a.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        a.killed,
        a.wounded,
        a.weapon,
        a.rule
    )
}

fn check(case: &Case, ex: &Extraction, extractor: &Extractor, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used = vec![false; ex.attacks.len()];
    // Each expected attack takes its own extracted attack when several share the pair: the
    // one not taken yet that agrees on most of the optional fields.
    let mut taken = vec![false; ex.attacks.len()];
    for want in &case.attack {
        let agree = |a: &Attack| {
            let date = want
                .date
                .as_ref()
                .is_some_and(|d| a.date.map(|x| x.to_string()).as_ref() == Some(d));
            let killed = want.killed.is_some() && a.killed == want.killed;
            let target = want.target.as_ref().is_some_and(|t| {
                a.target
                    .map(|i| ex.entities[i].label.clone())
                    .or(a.target_text.clone())
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(&t.to_lowercase())
            });
            usize::from(date) + usize::from(killed) + usize::from(target)
        };
        let found = ex.attacks.iter().enumerate().filter(|(_, a)| {
            let attacker_ok = if want.attacker.is_empty() {
                a.attacker.is_none()
            } else {
                a.attacker
                    .map(|i| is_attacker(ex, extractor, i, &want.attacker))
                    .unwrap_or(false)
            };
            let place_ok = if want.place.is_empty() {
                a.place.is_none()
            } else {
                a.place
                    .map(|i| is_place(ex, extractor, i, &want.place))
                    .unwrap_or(false)
            };
            attacker_ok && place_ok
        });
        let found = found.max_by_key(|(i, a)| (!taken[*i], agree(a), std::cmp::Reverse(*i)));
        let Some((i, a)) = found else {
            problems.push(format!(
                "missing attack {:?} -> {:?}",
                want.attacker, want.place
            ));
            continue;
        };
        used[i] = true;
        taken[i] = true;
        // Other extracted attacks with the same pair are the same event.
        for (j, b) in ex.attacks.iter().enumerate() {
            if b.attacker == a.attacker && b.place == a.place {
                used[j] = true;
            }
        }
        if let Some(d) = &want.date {
            let got = a.date.map(|x| x.to_string()).unwrap_or_default();
            if &got != d {
                problems.push(format!(
                    "{:?} -> {:?}: date {got:?}, expected {d:?}",
                    want.attacker, want.place
                ));
            }
        }
        if want.killed.is_some() && a.killed != want.killed {
            problems.push(format!(
                "{:?} -> {:?}: killed {:?}, expected {:?}",
                want.attacker, want.place, a.killed, want.killed
            ));
        }
        if want.wounded.is_some() && a.wounded != want.wounded {
            problems.push(format!(
                "{:?} -> {:?}: wounded {:?}, expected {:?}",
                want.attacker, want.place, a.wounded, want.wounded
            ));
        }
        if let Some(w) = &want.weapon {
            if a.weapon.map(|x| !x.eq_ignore_ascii_case(w)).unwrap_or(true) {
                problems.push(format!(
                    "{:?} -> {:?}: weapon {:?}, expected {w:?}",
                    want.attacker, want.place, a.weapon
                ));
            }
        }
        let got = a
            .target
            .map(|i| ex.entities[i].label.clone())
            .or(a.target_text.clone())
            .unwrap_or_default();
        if let Some(t) = &want.target {
            let surfaces = a
                .target
                .map(|i| ex.entities[i].surfaces.join(" "))
                .unwrap_or_default();
            let hay = format!("{got} {surfaces}").to_lowercase();
            // `target = ""`: the text names no target, and none may be reported.
            let wrong = if t.is_empty() {
                !got.is_empty()
            } else {
                !hay.contains(&t.to_lowercase())
            };
            if wrong {
                problems.push(format!(
                    "{:?} -> {:?}: target {got:?}, expected one containing {t:?}",
                    want.attacker, want.place
                ));
            }
        }
        if let Some(t) = &want.target_not {
            let words: Vec<String> = got.split_whitespace().map(str::to_lowercase).collect();
            if words.contains(&t.to_lowercase()) {
                problems.push(format!(
                    "{:?} -> {:?}: target {got:?} holds {t:?}",
                    want.attacker, want.place
                ));
            }
        }
    }
    if !case.allow_other_attacks {
        for (i, a) in ex.attacks.iter().enumerate() {
            if !used[i] {
                problems.push(format!(
                    "unexpected attack {} in {:?}",
                    describe(ex, a),
                    a.evidence.of(text)
                ));
            }
        }
    }
    for name in &case.entities {
        // A name inside a longer one counts ("Baghdad" in "US Embassy in Baghdad").
        if !(0..ex.entities.len()).any(|i| has_name(ex, extractor, i, name)) {
            problems.push(format!("entity {name:?} not found"));
        }
    }
    for name in &case.not_entities {
        if let Some(i) = (0..ex.entities.len()).find(|&i| is_named(ex, extractor, i, name)) {
            problems.push(format!(
                "{name:?} reported as an entity ({})",
                ex.entities[i].id
            ));
        }
    }
    problems
}

#[test]
fn extraction_cases() {
    let extractor = Extractor::new(
        lexicon::load(&[] as &[&str])
            .expect("the shipped lexicon loads")
            .lexicon,
    );
    let mut files = Vec::new();
    case_files(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/cases")
            .as_path(),
        &mut files,
    );
    assert!(
        files.len() >= 80,
        "expected at least 80 cases, found {}",
        files.len()
    );
    let only = std::env::var("NEWSKG_CASE").ok();
    let mut failed = Vec::new();
    let mut gaps = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        if let Some(o) = &only {
            if !rel.contains(o.as_str()) {
                continue;
            }
        }
        let case: Case = toml::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        let article = Article {
            id: rel.clone(),
            file: rel.clone(),
            text: case.text.trim().to_string(),
            date: case.published.as_deref().map(|d| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("published is YYYY-MM-DD")
            }),
            ..Article::default()
        };
        let article = Article {
            date: article
                .date
                .or_else(|| newskg::ingest::dateline_of(&article.text)),
            ..article
        };
        let ex = extractor.extract(&article);
        let problems = check(&case, &ex, &extractor, &article.text);
        if let Some(reason) = &case.known_gap {
            if problems.is_empty() {
                failed.push(format!(
                    "{rel}: marked as a known gap ({reason}) but it passes now: remove \
                     `known_gap`"
                ));
            } else {
                gaps.push(format!("{rel}: {reason}\n    {}", problems.join("\n    ")));
            }
            continue;
        }
        if !problems.is_empty() {
            let got: Vec<String> = ex.attacks.iter().map(|a| describe(&ex, a)).collect();
            failed.push(format!(
                "{rel}: {}\n    {}\n    extracted: {}",
                case.description,
                problems.join("\n    "),
                got.join("; ")
            ));
        }
    }
    if !gaps.is_empty() {
        eprintln!(
            "{} of {} extraction cases are known gaps:\n\n{}",
            gaps.len(),
            files.len(),
            gaps.join("\n\n")
        );
    }
    if !failed.is_empty() {
        panic!(
            "{} of {} extraction cases failed:\n\n{}",
            failed.len(),
            files.len(),
            failed.join("\n\n")
        );
    }
}
