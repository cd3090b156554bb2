//! A generator of synthetic news articles about the Iraq and Syria conflicts, for
//! benchmarks of extraction, store building and queries at any corpus size.
//!
//! Articles read like wire reports: a headline, a dateline in one of several outlet styles,
//! one to three attack reports written in the forms real reports use (active, passive,
//! nominal, weapon as subject, claimed or blamed in a later sentence) with weapons, tolls
//! and relative dates, quotes from officials, background paragraphs, and statements that
//! are not attacks (denials, threats, plans, thwarted plots). Actors, bases and places come
//! from the lexicon, chosen with a Zipf-like skew so that popular names recur while the
//! long tail keeps growing with the corpus; invented villages and officials add names the
//! lexicon does not know.
//!
//! Output is deterministic: article `i` depends only on the seed, `i` and the lexicon, never
//! on the articles around it, so a corpus of 10,000 is a prefix of the corpus of 100,000 with the
//! same seed. The generator records the attacker it wrote for each report, so tests can
//! check what the extractor finds. It holds no corpus in memory: each article is built on
//! request. It does not read or write files.

use crate::extract::{Kind, LexEntry, Lexicon};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::fmt::Write;

/// A small, fast, seeded pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// An index in `0..n`, rank `r` drawn with probability about `1 / ((r + 1) ln n)` (Zipf
    /// with exponent 1): the first few recur, the tail is reached ever more often as more
    /// draws are made.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let r = ((n as f64 + 1.0).powf(u) - 1.0) as usize;
        r.min(n.saturating_sub(1))
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The SplitMix64 finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One generated article.
#[derive(Debug, Clone)]
pub struct GenArticle {
    /// `gen-000123`.
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub url: String,
    pub text: String,
    /// The attacks written into the text, in order.
    pub attacks: Vec<Planted>,
}

/// An attack the generator wrote: the lexicon ids of its attacker (none when the text
/// names no attacker) and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub attacker: Option<String>,
    pub place: String,
}

impl GenArticle {
    /// The article as one JSON Lines record (`id`, `title`, `date`, `url`, `text`), without
    /// the line break.
    pub fn to_json(&self) -> String {
        #[derive(serde::Serialize)]
        struct Record<'a> {
            id: &'a str,
            title: &'a str,
            date: String,
            url: &'a str,
            text: &'a str,
        }
        serde_json::to_string(&Record {
            id: &self.id,
            title: &self.title,
            date: self.date.to_string(),
            url: &self.url,
            text: &self.text,
        })
        .expect("a record of strings serialises")
    }

    /// The article as a text file: `key: value` header lines, a blank line, the body.
    pub fn to_text_file(&self) -> String {
        format!(
            "title: {}\ndate: {}\nurl: {}\n\n{}\n",
            self.title, self.date, self.url, self.text
        )
    }

    /// The text file's name: `gen-000123.txt`.
    pub fn file_name(&self) -> String {
        format!("{}.txt", self.id)
    }
}

/// Attackers most reports name, most frequent first; the rest of the lexicon's armed
/// groups and forces follow as the long tail.
const HEAD_ATTACKERS: &[&str] = &[
    "actor/islamic-state",
    "actor/kataib-hezbollah",
    "actor/islamic-resistance-in-iraq",
    "actor/us-military",
    "actor/turkish-armed-forces",
    "actor/syrian-democratic-forces",
    "actor/hayat-tahrir-al-sham",
    "actor/pkk",
    "actor/israeli-air-force",
    "actor/russian-aerospace-forces",
    "actor/syrian-arab-army",
    "actor/asaib-ahl-al-haq",
    "actor/harakat-hezbollah-al-nujaba",
    "actor/us-led-coalition",
    "actor/iraqi-army",
    "actor/irgc",
    "actor/syrian-national-army",
    "actor/popular-mobilization-forces",
    "actor/kataib-sayyid-al-shuhada",
    "actor/peshmerga",
];

/// Forces and groups that do not carry out attacks in Iraq or Syria in these reports:
/// intelligence and liaison bodies, umbrella labels, and groups of other theatres.
const NOT_ATTACKERS: &[&str] = &[
    "actor/russian-reconciliation-center",
    "actor/mit",
    "actor/mossad",
    "actor/shin-bet",
    "actor/iranian-ministry-of-intelligence",
    "actor/irgc-intelligence-organization",
    "actor/iraqi-national-intelligence-service",
    "actor/falcons-intelligence-cell",
    "actor/kurdistan-region-security-council",
    "actor/nato-mission-iraq",
    "actor/multi-national-force-iraq",
    "actor/us-forces-iraq",
    "actor/axis-of-resistance",
    "actor/iran-backed-militias",
    "actor/iraqi-armed-factions",
    "actor/special-groups",
    "actor/hamas",
    "actor/qassam-brigades",
    "actor/palestinian-islamic-jihad",
    "actor/al-quds-brigades",
    "actor/houthis",
    "actor/taliban",
    "actor/aqap",
    "actor/islamic-state-khorasan",
    "actor/saudi-led-coalition",
    "actor/khorasan-group",
    "actor/us-fifth-fleet",
    "actor/russian-navy",
    "actor/israeli-navy",
    "actor/royal-navy",
    "actor/irgc-navy",
    "actor/us-navy",
    "actor/jaish-al-adl",
    "actor/mek",
    "actor/pdki",
    "actor/komala",
    "actor/pak",
    "actor/pjak",
    "actor/tak",
    "actor/radwan-force",
];

/// Bases most reports name, most frequent first.
const HEAD_BASES: &[&str] = &[
    "base/ain-al-asad",
    "base/erbil-air-base",
    "base/al-tanf",
    "base/mission-support-site-conoco",
    "base/victory-base-complex",
    "base/harir-air-base",
    "base/rumeilan-landing-zone",
    "base/shaddadi-base",
    "base/camp-taji",
    "base/green-village",
    "base/baghdad-diplomatic-support-center",
    "base/balad-air-base",
];

/// Datelines by outlet: (city, outlet, style, domain, the country it reports on or `*`).
const OUTLETS: &[(&str, &str, u8, &str, &str)] = &[
    ("BAGHDAD", "Reuters", 0, "reuters.com", "Iraq"),
    ("ERBIL, Iraq", "Reuters", 0, "reuters.com", "Iraq"),
    ("BEIRUT", "Reuters", 0, "reuters.com", "Syria"),
    ("BAGHDAD", "AP", 1, "apnews.com", "Iraq"),
    ("DAMASCUS, Syria", "AP", 1, "apnews.com", "Syria"),
    ("Baghdad", "AFP", 2, "france24.com", "Iraq"),
    ("Beirut", "AFP", 2, "france24.com", "Syria"),
    ("Qamishli", "AFP", 2, "france24.com", "Syria"),
    ("ERBIL", "Kurdistan24", 3, "kurdistan24.net", "*"),
    ("ERBIL", "Rudaw", 3, "rudaw.net", "*"),
    ("", "The National", 4, "thenationalnews.com", "*"),
    ("", "Al-Monitor", 4, "al-monitor.com", "*"),
    ("WASHINGTON", "AP", 1, "apnews.com", "*"),
    ("AMMAN, Jordan", "Reuters", 0, "reuters.com", "Syria"),
];

const GIVEN: &[&str] = &[
    "Ahmed", "Ali", "Hussein", "Mohammed", "Khalid", "Saad", "Tariq", "Yahya", "Abbas", "Haider",
    "Mustafa", "Omar", "Karim", "Rasul", "Jabbar", "Sami", "Nabil", "Faisal", "Hamid", "Majid",
    "Qais", "Salah", "Walid", "Ziad", "Adnan", "Bassam", "Fadel", "Ghazi", "Hazem", "Jamal",
    "Kamal", "Latif", "Mahmoud", "Nasser", "Raed", "Sabah", "Thamer", "Yasser", "Zaid", "Emad",
    "Farhad", "Hemin", "Kawa", "Rebwar", "Shwan", "Dilshad", "Aras", "Hassan", "Ibrahim", "Issa",
    "Jalal", "Marwan", "Munir", "Riyad", "Saleh", "Shakir", "Sufyan", "Taha", "Usama", "Wael",
];

const FAMILY: &[&str] = &[
    "al-Jubouri",
    "al-Dulaimi",
    "al-Obeidi",
    "al-Shammari",
    "al-Zubaidi",
    "al-Maliki",
    "al-Tamimi",
    "al-Karbouli",
    "al-Hamdani",
    "al-Khafaji",
    "al-Saadi",
    "al-Fahdawi",
    "al-Rubaie",
    "al-Asadi",
    "al-Lami",
    "al-Bayati",
    "al-Janabi",
    "al-Mashhadani",
    "al-Ameri",
    "al-Khazali",
    "al-Naqib",
    "al-Hakim",
    "al-Musawi",
    "al-Rawi",
    "al-Ani",
    "al-Hadithi",
    "al-Hiti",
    "al-Juburi",
    "al-Taie",
    "al-Askari",
    "Barzani",
    "Talabani",
    "Mustafa",
    "Rashid",
    "Aziz",
    "Karim",
    "Hamad",
    "Salih",
    "Qadir",
    "Ismail",
    "Othman",
    "al-Sheikh",
    "al-Hassan",
    "al-Omar",
    "al-Khalil",
    "al-Ahmad",
    "al-Mohammed",
    "Haddad",
    "Suleiman",
    "Mansour",
    "Darwish",
    "Nasrallah",
    "Khoury",
    "Ibrahim",
    "Abdullah",
    "Yousef",
    "al-Badri",
    "al-Qurashi",
    "al-Baghdadi",
    "al-Kubaisi",
];

const RANKS: &[&str] = &[
    "Major General",
    "Brigadier General",
    "Colonel",
    "Lieutenant Colonel",
    "Captain",
    "Major",
];

const ROLES: &[&str] = &[
    "a spokesman for the Joint Operations Command",
    "a local police commander",
    "the mayor of the district",
    "a provincial council member",
    "a security official who spoke on condition of anonymity",
    "a spokesman for the provincial governor",
    "a military spokesman",
    "a medical source at the local hospital",
    "a tribal leader in the area",
    "an official at the Interior Ministry",
];

const VILLAGE_PREFIX: &[&str] = &[
    "Tal", "Umm", "Khirbet", "Ain", "Bir", "Albu", "Jurf", "Qaryat", "Hawi", "Arab",
];

const VILLAGE_ROOT: &[&str] = &[
    "Hamid", "Saleh", "Jasim", "Khidr", "Hassan", "Nasr", "Shaikh", "Dahab", "Ghazal", "Rumman",
    "Zahra", "Salim", "Qasr", "Naml", "Baida", "Kheir", "Jamil", "Rashid", "Masri", "Faraj",
    "Sultan", "Mahmoud", "Ajil", "Diyab", "Hajar", "Karama", "Juma", "Muhsin", "Ubaid", "Hilal",
    "Dhiab", "Khalaf", "Naif", "Raad", "Shibli", "Taha", "Ulayan", "Waleed", "Yasin", "Zuhair",
];

/// The weapons of attack reports; each template writes them in its own words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Weapon {
    Rockets,
    Drones,
    Ied,
    CarBomb,
    Airstrike,
    Artillery,
    Gunfire,
    Mortars,
    Missiles,
}

const WEAPONS: &[Weapon] = &[
    Weapon::Rockets,
    Weapon::Drones,
    Weapon::Ied,
    Weapon::Airstrike,
    Weapon::Gunfire,
    Weapon::Artillery,
    Weapon::CarBomb,
    Weapon::Mortars,
    Weapon::Missiles,
];

/// A place to write: the phrase and its lexicon id.
struct Loc {
    id: String,
    /// "near the town of Hit in Anbar province", "at Ain al-Asad air base".
    phrase: String,
    /// A short name for headlines.
    short: String,
    country: &'static str,
}

/// Builds articles from a lexicon.
pub struct Generator<'a> {
    lexicon: &'a Lexicon,
    seed: u64,
    attackers: Vec<&'a LexEntry>,
    bases: Vec<&'a LexEntry>,
    towns: Vec<&'a LexEntry>,
    provinces: Vec<&'a LexEntry>,
    people: Vec<&'a LexEntry>,
    bodies: Vec<&'a LexEntry>,
}

impl<'a> Generator<'a> {
    /// A generator drawing names from `lexicon`; `seed` chooses the corpus.
    pub fn new(lexicon: &'a Lexicon, seed: u64) -> Self {
        let in_theatre = |e: &LexEntry| {
            lexicon
                .ancestors(&e.id)
                .iter()
                .any(|a| a == "place/iraq" || a == "place/syria")
        };
        let mut attackers: Vec<&LexEntry> = HEAD_ATTACKERS
            .iter()
            .filter_map(|id| lexicon.get(id))
            .collect();
        let mut tail: Vec<&LexEntry> = lexicon
            .entries
            .iter()
            .filter(|e| matches!(e.kind, Some(Kind::ArmedGroup | Kind::StateForce)))
            .filter(|e| !e.weak && !NOT_ATTACKERS.contains(&e.id.as_str()))
            .filter(|e| !HEAD_ATTACKERS.contains(&e.id.as_str()))
            .collect();
        shuffle(&mut tail, 0xA77A);
        attackers.extend(tail);

        let mut bases: Vec<&LexEntry> =
            HEAD_BASES.iter().filter_map(|id| lexicon.get(id)).collect();
        let mut tail: Vec<&LexEntry> = lexicon
            .entries
            .iter()
            .filter(|e| e.kind == Some(Kind::Base) && in_theatre(e))
            .filter(|e| !HEAD_BASES.contains(&e.id.as_str()))
            .collect();
        shuffle(&mut tail, 0xBA5E);
        bases.extend(tail);

        // Towns by population, largest first: the big cities recur, villages are the tail.
        let mut towns: Vec<&LexEntry> = lexicon
            .entries
            .iter()
            .filter(|e| e.kind == Some(Kind::Settlement) && !e.weak && in_theatre(e))
            .filter(|e| e.label.len() > 3 && e.label.chars().next().is_some_and(char::is_uppercase))
            .collect();
        towns.sort_by(|a, b| {
            b.population
                .unwrap_or(0)
                .cmp(&a.population.unwrap_or(0))
                .then(a.id.cmp(&b.id))
        });
        let provinces: Vec<&LexEntry> = lexicon
            .entries
            .iter()
            .filter(|e| e.kind == Some(Kind::Region) && !e.weak && in_theatre(e))
            .collect();
        let people: Vec<&LexEntry> = lexicon
            .entries
            .iter()
            .filter(|e| e.kind == Some(Kind::Person) && !e.weak)
            .filter(|e| {
                e.role.as_deref().is_some_and(|r| {
                    [
                        "spokes",
                        "minister",
                        "governor",
                        "envoy",
                        "ambassador",
                        "President",
                    ]
                    .iter()
                    .any(|w| r.contains(w))
                })
            })
            .collect();
        let bodies: Vec<&LexEntry> = lexicon
            .entries
            .iter()
            .filter(|e| e.kind == Some(Kind::Government) && !e.weak)
            .collect();
        Generator {
            lexicon,
            seed,
            attackers,
            bases,
            towns,
            provinces,
            people,
            bodies,
        }
    }

    /// Article number `i` of the corpus.
    pub fn article(&self, i: u64) -> GenArticle {
        let mut rng = Rng::new(mix(self.seed ^ mix(i.wrapping_add(0x5EED))));
        let start = NaiveDate::from_ymd_opt(2014, 1, 1).expect("a valid date");
        let date = start + Duration::days(rng.below(12 * 365 + 3) as i64);
        let mut w = Writer {
            g: self,
            rng,
            date,
            attacks: Vec::new(),
            used_days: Vec::new(),
            used_background: Vec::new(),
            focus: None,
        };
        let (title, text, domain) = w.compose();
        let url = format!(
            "https://www.{domain}/world/middle-east/{}-{}-{i}/",
            slug(&title),
            date.format("%Y-%m-%d")
        );
        GenArticle {
            id: format!("gen-{i:06}"),
            title,
            date,
            url,
            text,
            attacks: w.attacks,
        }
    }

    fn province_of(&self, e: &LexEntry) -> Option<&'a LexEntry> {
        let lexicon: &'a Lexicon = self.lexicon;
        lexicon
            .ancestors(&e.id)
            .iter()
            .filter_map(|a| lexicon.get(a))
            .find(|p| p.kind == Some(Kind::Region))
    }

    fn country_of(&self, e: &LexEntry) -> &'static str {
        if self
            .lexicon
            .ancestors(&e.id)
            .iter()
            .any(|a| a == "place/syria")
        {
            "Syria"
        } else {
            "Iraq"
        }
    }
}

/// A deterministic Fisher-Yates shuffle.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = Rng::new(seed);
    for i in (1..items.len()).rev() {
        let j = rng.below(i + 1);
        items.swap(i, j);
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A count as news writes it: words up to ten, digits above.
fn count(n: u32) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if n <= 10 {
        WORDS[n as usize].to_string()
    } else {
        n.to_string()
    }
}

/// Whether a name reads with "the" before it ("the Islamic State", "the PKK").
fn wants_article(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "Forces",
        "forces",
        "Army",
        "army",
        "military",
        "Guard",
        "Units",
        "Resistance",
        "Corps",
        "Front",
        "Brigade",
        "Division",
        "Council",
        "Organization",
        "Command",
        "Service",
        "Police",
        "police",
        "Navy",
        "Coalition",
        "coalition",
        "State",
        "Force",
        "Mobilization",
        "Movement",
        "Party",
        "Brigades",
        "Battalion",
        "Cell",
        "Group",
    ];
    let acronym = name.len() >= 3 && name.chars().all(|c| c.is_ascii_uppercase());
    (acronym || name.split(' ').any(|w| WORDS.contains(&w)))
        && !name.starts_with("al-")
        && !name.starts_with("Al-")
}

/// The state of one article being written.
struct Writer<'g, 'a> {
    g: &'g Generator<'a>,
    rng: Rng,
    date: NaiveDate,
    attacks: Vec<Planted>,
    used_days: Vec<i64>,
    used_background: Vec<usize>,
    /// The town and province of the first attack, which background paragraphs come back to.
    focus: Option<(Option<String>, Option<String>)>,
}

impl<'a> Writer<'_, 'a> {
    fn compose(&mut self) -> (String, String, &'static str) {
        let n_attacks = match self.rng.below(10) {
            0..=4 => 1,
            5..=8 => 2,
            _ => 3,
        };
        let target_len = 1450 + self.rng.below(1350);
        let mut paras: Vec<String> = Vec::new();
        let mut title = String::new();
        let mut domain = "reuters.com";
        for k in 0..n_attacks {
            let (report, headline, country) = self.attack_report(k == 0);
            if k == 0 {
                title = headline;
                let (dateline, d) = self.dateline(country);
                domain = d;
                let lead = dateline + &report[0];
                paras.push(lead);
                paras.extend(report[1..].iter().cloned());
                if self.rng.chance(0.7) {
                    paras.push(self.quote());
                }
            } else {
                let opener = *self.rng.pick(&[
                    "Separately, ",
                    "In a separate incident, ",
                    "Earlier, ",
                    "Elsewhere, ",
                    "",
                    "",
                ]);
                let mut first = report[0].clone();
                if !opener.is_empty() {
                    first = format!("{opener}{}", lower_first(&first));
                }
                paras.push(first);
                paras.extend(report[1..].iter().cloned());
            }
        }
        if self.rng.chance(0.6) {
            let s = self.non_attack();
            let at = 1 + self.rng.below(paras.len());
            paras.insert(at.min(paras.len()), s);
        }
        let mut len: usize = paras.iter().map(|p| p.len() + 2).sum();
        let mut guard = 0;
        while len < target_len && guard < 12 {
            let p = match guard % 4 {
                1 if self.rng.chance(0.5) => self.quote(),
                3 if self.rng.chance(0.4) => self.non_attack(),
                _ => self.background(),
            };
            guard += 1;
            if p.is_empty() || len + p.len() > 2950 {
                continue;
            }
            len += p.len() + 2;
            paras.push(p);
        }
        (title, paras.join("\n\n"), domain)
    }

    /// The dateline of an outlet that reports on `country`, and the outlet's domain.
    fn dateline(&mut self, country: &str) -> (String, &'static str) {
        let fits: Vec<_> = OUTLETS
            .iter()
            .filter(|o| o.4 == "*" || o.4 == country)
            .collect();
        let o = **self.rng.pick(&fits);
        let month_day = self.date.format("%B %-d").to_string();
        let line = match o.2 {
            0 => format!("{}, {month_day} ({}) - ", o.0, o.1),
            1 => format!("{} ({}) — ", o.0, o.1),
            2 => format!("{} ({}) - ", o.0, o.1),
            3 => format!("{} ({}) – ", o.0, o.1),
            _ => String::new(),
        };
        (line, o.3)
    }

    fn attacker(&mut self) -> (&'a LexEntry, String) {
        let g = self.g;
        let e = g.attackers[self.rng.zipf(g.attackers.len())];
        let name = if self.rng.chance(0.3) {
            let good: Vec<&String> = e
                .aliases
                .iter()
                .filter(|a| {
                    a.len() >= 3
                        && a.chars().next().is_some_and(|c| c.is_uppercase())
                        && ![
                            "personnel",
                            "soldiers",
                            "troops",
                            "service",
                            "warplanes",
                            "jets",
                            "aircraft",
                            "commandos",
                            "operators",
                            "members",
                            "fighters",
                            "militants",
                            "militia",
                            "Command",
                        ]
                        .iter()
                        .any(|w| a.contains(w))
                })
                .collect();
            if good.is_empty() {
                e.label.clone()
            } else {
                (*self.rng.pick(&good)).clone()
            }
        } else {
            e.label.clone()
        };
        let name = if wants_article(&name) {
            format!("the {name}")
        } else {
            name
        };
        (e, name)
    }

    /// An attacker of one kind (the first drawn of that kind among a few draws).
    fn attacker_of(&mut self, kind: Kind) -> (&'a LexEntry, String) {
        let mut pick = self.attacker();
        for _ in 0..8 {
            if pick.0.kind == Some(kind) {
                break;
            }
            pick = self.attacker();
        }
        pick
    }

    /// A day before publication, written as news does; distinct within an article.
    fn when(&mut self) -> String {
        for _ in 0..4 {
            let back = self.rng.range(0, 20) as i64;
            if self.used_days.contains(&back) {
                continue;
            }
            self.used_days.push(back);
            let day = self.date - Duration::days(back);
            let wd = weekday(day.weekday());
            return match (back, self.rng.below(6)) {
                (0, 0..=2) => format!("on {wd}"),
                (0, _) => "earlier today".to_string(),
                (1..=6, 0..=2) => format!("on {wd}"),
                (1..=6, 3) => format!("late on {wd}"),
                (1..=6, 4) => format!("early on {wd}"),
                (1..=6, _) => format!("on {wd} night"),
                (7..=13, 0) => "last week".to_string(),
                _ => format!("on {}", day.format("%B %-d")),
            };
        }
        "last week".to_string()
    }

    fn town(&mut self) -> &'a LexEntry {
        let g = self.g;
        g.towns[self.rng.zipf(g.towns.len())]
    }

    fn village(&mut self) -> String {
        let n = VILLAGE_PREFIX.len() * VILLAGE_ROOT.len() * (VILLAGE_ROOT.len() + 1);
        let k = self.rng.zipf(n);
        let p = VILLAGE_PREFIX[k % VILLAGE_PREFIX.len()];
        let r = VILLAGE_ROOT[(k / VILLAGE_PREFIX.len()) % VILLAGE_ROOT.len()];
        let s = k / (VILLAGE_PREFIX.len() * VILLAGE_ROOT.len());
        if s == 0 {
            format!("{p} {r}")
        } else {
            format!("{p} {r} al-{}", VILLAGE_ROOT[s - 1])
        }
    }

    /// A place away from a base: a town, maybe with its province, maybe a village near it.
    fn town_loc(&mut self) -> Loc {
        let g = self.g;
        let t = self.town();
        let province = g.province_of(t);
        let country = g.country_of(t);
        let name = t.label.clone();
        let prov = province.map(|p| p.label.clone());
        let city = t.population.unwrap_or(0) > 300_000;
        let phrase = match (self.rng.below(6), prov) {
            (0 | 1, _) if city => format!(
                "{} {name}",
                self.rng.pick(&[
                    "on the outskirts of",
                    "in eastern",
                    "in western",
                    "in southern",
                    "in northern"
                ])
            ),
            (4 | 5, _) if city => format!("in {name}"),
            (0, Some(p)) => format!("near the town of {name} in {p} province"),
            (1, Some(p)) => format!("in {name}, in {p} province"),
            (2, _) => {
                let v = self.village();
                format!("in the village of {v} near {name}")
            }
            (3, _) => format!(
                "{} kilometres {} of {name}",
                self.rng.range(5, 60),
                self.rng
                    .pick(&["north", "south", "east", "west", "northwest", "southeast"])
            ),
            (4, _) => format!("in the town of {name}"),
            _ => format!("near {name}"),
        };
        Loc {
            id: t.id.clone(),
            phrase,
            short: name,
            country,
        }
    }

    fn base_loc(&mut self) -> Loc {
        let g = self.g;
        let b = g.bases[self.rng.zipf(g.bases.len())];
        let name = if self.rng.chance(0.35) && !b.aliases.is_empty() {
            self.rng.pick(&b.aliases).clone()
        } else {
            b.label.clone()
        };
        let name = if name.to_lowercase().contains("base")
            || name.starts_with("Camp")
            || name.to_lowercase().contains("air")
        {
            name
        } else {
            format!("{name} base")
        };
        let province = g.province_of(b).map(|p| p.label.clone());
        let phrase = match province {
            Some(p) if self.rng.chance(0.5) => format!("{name} in {p} province"),
            _ => name.clone(),
        };
        Loc {
            id: b.id.clone(),
            phrase,
            short: name,
            country: g.country_of(b),
        }
    }

    /// A weapon the actor would use: state forces strike from the air or from afar.
    fn weapon(&mut self, actor: &LexEntry) -> Weapon {
        loop {
            let w = WEAPONS[self.rng.zipf(WEAPONS.len())];
            let state = actor.kind == Some(Kind::StateForce);
            if !state || !matches!(w, Weapon::Ied | Weapon::CarBomb | Weapon::Gunfire) {
                return w;
            }
        }
    }

    /// Victims of an attack: (singular, plural).
    fn victims(&mut self, loc: &Loc) -> (&'static str, &'static str) {
        if loc.country == "Syria" {
            *self.rng.pick(&[
                ("soldier", "soldiers"),
                ("fighter", "fighters"),
                ("civilian", "civilians"),
                ("person", "people"),
                ("SDF fighter", "SDF fighters"),
                (
                    "member of the security forces",
                    "members of the security forces",
                ),
            ])
        } else {
            *self.rng.pick(&[
                ("soldier", "soldiers"),
                ("police officer", "police officers"),
                ("civilian", "civilians"),
                ("person", "people"),
                (
                    "member of the security forces",
                    "members of the security forces",
                ),
                ("PMF fighter", "PMF fighters"),
            ])
        }
    }

    /// `n` victims: "one soldier", "four civilians".
    fn some(&mut self, n: u32, loc: &Loc) -> String {
        let (one, many) = self.victims(loc);
        format!("{} {}", count(n), if n == 1 { one } else { many })
    }

    fn toll(&mut self, loc: &Loc) -> (String, u32, u32) {
        let killed = match self.rng.below(10) {
            0..=2 => 0,
            3..=7 => self.rng.range(1, 6),
            _ => self.rng.range(7, 40),
        };
        let wounded = if self.rng.chance(0.6) {
            self.rng.range(1, 25)
        } else {
            0
        };
        let s = match (killed, wounded, self.rng.below(4)) {
            (0, 0, _) => String::new(),
            (0, w, _) => format!(", wounding {}", self.some(w, loc)),
            (k, 0, 0) => format!(", leaving at least {} dead", count(k)),
            (k, 0, _) => format!(", killing {}", self.some(k, loc)),
            (k, w, 0) => format!(
                ", killing {} and wounding {} others",
                self.some(k, loc),
                count(w)
            ),
            (k, w, _) => format!(", killing {} and wounding {}", self.some(k, loc), count(w)),
        };
        (s, killed, wounded)
    }

    fn target(&mut self, loc: &Loc) -> &'static str {
        const SYRIA: &[&str] = &[
            "a military convoy",
            "an SDF checkpoint",
            "a Syrian army position",
            "a coalition patrol",
            "a vehicle carrying fighters",
            "an army outpost",
            "a fuel tanker",
            "a market",
            "a military headquarters",
        ];
        const IRAQ: &[&str] = &[
            "a US convoy",
            "an Iraqi army checkpoint",
            "a Peshmerga position",
            "a PMF headquarters",
            "a police patrol",
            "a logistics convoy",
            "an army outpost",
            "a market",
            "a power station",
            "an oil field",
        ];
        let list = if loc.country == "Syria" { SYRIA } else { IRAQ };
        list[self.rng.below(list.len())]
    }

    /// One attack report: its paragraphs (the first holds the attack sentence), a headline
    /// for it and the country it happened in.
    fn attack_report(&mut self, lead: bool) -> (Vec<String>, String, &'static str) {
        let (actor, name) = self.attacker();
        let at_base = self.rng.chance(0.35);
        let loc = if at_base {
            self.base_loc()
        } else {
            self.town_loc()
        };
        if self.focus.is_none() {
            let town = if at_base {
                None
            } else {
                Some(loc.short.clone())
            };
            let province = self
                .g
                .lexicon
                .get(&loc.id)
                .and_then(|e| self.g.province_of(e))
                .map(|p| p.label.clone());
            self.focus = Some((town, province));
        }
        let when = self.when();
        let weapon = self.weapon(actor);
        let (toll, killed, _) = self.toll(&loc);
        let mut named = true;
        let n = self.rng.range(2, 9);
        // What was hit and where, as one phrase: "Ain al-Asad air base in Anbar province",
        // "a police patrol near the town of Hit".
        let target = if at_base {
            loc.phrase.clone()
        } else {
            format!("{} {}", self.target(&loc), loc.phrase)
        };
        let subject = cap(&name);
        let sentence = match self.rng.below(9) {
            // Active, with a fired weapon.
            0 | 1 => match weapon {
                Weapon::Rockets | Weapon::Mortars | Weapon::Missiles | Weapon::Drones => {
                    let (verb, noun) = match weapon {
                        Weapon::Rockets => ("fired", "rockets"),
                        Weapon::Mortars => ("fired", "mortar rounds"),
                        Weapon::Missiles => ("launched", "missiles"),
                        _ => ("launched", "drones"),
                    };
                    format!(
                        "{subject} {verb} {} {noun} at {target} {when}{toll}.",
                        count(n)
                    )
                }
                Weapon::Airstrike => {
                    format!("{subject} carried out airstrikes on {target} {when}{toll}.")
                }
                Weapon::Artillery => format!("{subject} shelled {target} {when}{toll}."),
                _ => format!("{subject} attacked {target} {when}{toll}."),
            },
            // Active, plain verb.
            2 | 3 => {
                let verb = *self
                    .rng
                    .pick(&["attacked", "targeted", "struck", "ambushed"]);
                let with = match weapon {
                    Weapon::Drones => " with explosive-laden drones",
                    Weapon::Gunfire => " with machine guns",
                    Weapon::Ied => " with a roadside bomb",
                    Weapon::Rockets => " with rockets",
                    _ => "",
                };
                format!("{subject} {verb} {target} {when}{with}{toll}.")
            }
            // Passive, the attacker in a later sentence or not at all.
            4 | 5 => {
                let by = match weapon {
                    Weapon::Ied => "a roadside bomb",
                    Weapon::CarBomb => "a car bomb",
                    Weapon::Drones => "a drone",
                    Weapon::Rockets => "rocket fire",
                    Weapon::Airstrike => "an airstrike",
                    Weapon::Artillery => "artillery fire",
                    Weapon::Mortars => "mortar fire",
                    Weapon::Missiles => "a missile",
                    Weapon::Gunfire => "gunfire",
                };
                // The weapon as the subject, or the target hit by it.
                let s = if matches!(weapon, Weapon::Ied | Weapon::CarBomb | Weapon::Drones)
                    && self.rng.chance(0.5)
                {
                    format!("{} struck {target} {when}{toll}.", cap(by))
                } else {
                    format!("{} was hit by {by} {when}{toll}.", cap(&target))
                };
                let follow = match self.rng.below(6) {
                    0 => {
                        named = false;
                        "No group immediately claimed responsibility.".to_string()
                    }
                    1 => format!("Security officials blamed the attack on {name}."),
                    2 => format!(
                        "{subject} later claimed responsibility for the attack in a statement on Telegram."
                    ),
                    3 => format!("{subject} claimed the attack."),
                    4 => format!("{subject} said in a statement that its fighters had carried out the attack."),
                    _ => format!("Officials said the attack was carried out by {name}."),
                };
                format!("{s} {follow}")
            }
            // Nominal.
            6 | 7 => {
                let noun = match weapon {
                    Weapon::Drones => "A drone strike",
                    Weapon::Rockets => "A rocket attack",
                    Weapon::Airstrike => "An airstrike",
                    Weapon::Ied => "A roadside bomb attack",
                    Weapon::CarBomb => "A car bomb attack",
                    Weapon::Mortars => "A mortar attack",
                    Weapon::Missiles => "A missile strike",
                    _ => "An attack",
                };
                let toll_main = if killed > 0 {
                    format!("killed {}", self.some(killed, &loc))
                } else {
                    "caused damage but no casualties".to_string()
                };
                if self.rng.chance(0.5) || at_base {
                    let place = if at_base {
                        format!("at {target}")
                    } else {
                        loc.phrase.clone()
                    };
                    format!("{noun} blamed on {name} {toll_main} {place} {when}.")
                } else {
                    format!("{noun} by {name} on {target} {when} {toll_main}.")
                }
            }
            // Attack by unnamed gunmen, claimed later.
            _ => {
                let who = *self
                    .rng
                    .pick(&["Gunmen", "Militants", "Unidentified attackers"]);
                format!(
                    "{who} attacked {target} {when}{toll}, officials said. {subject} later claimed responsibility for the attack."
                )
            }
        };
        let mut paras = vec![sentence];
        if self.rng.chance(if lead { 0.8 } else { 0.5 }) {
            let mut d = self.detail(&loc);
            if self.rng.chance(0.4) {
                d = format!("{d} {}", self.detail(&loc));
            }
            if self.rng.chance(0.5) {
                paras[0] = format!("{} {d}", paras[0]);
            } else {
                paras.push(d);
            }
        }
        if lead && named && self.rng.chance(0.4) {
            paras.push(self.profile(&name));
        }
        self.attacks.push(Planted {
            attacker: named.then(|| actor.id.clone()),
            place: loc.id.clone(),
        });
        let a = &actor.label;
        let at = &loc.short;
        let headline = match self.rng.below(7) {
            0 => format!("{a} attack hits {at}"),
            1 if killed > 0 => format!(
                "{} killed in attack near {at}",
                cap(&self.some(killed, &loc))
            ),
            2 => format!("{}: militants strike {at}", loc.country),
            3 => format!("{a} blamed for strike on {at}"),
            4 => format!(
                "Attack on {at} raises fears of escalation in {}",
                loc.country
            ),
            5 => format!(
                "{} {} at {at}",
                cap(&count(n.min(killed.max(2)))),
                "dead in latest violence"
            ),
            _ => format!("{a} claims attack near {at}"),
        };
        (paras, headline, loc.country)
    }

    /// A sentence of detail about an attack: damage, response, a hospital.
    fn detail(&mut self, loc: &Loc) -> String {
        const DETAILS: &[&str] = &[
            "The wounded were taken to a nearby hospital, where some were in critical condition, a medical source said.",
            "Security forces sealed off the area and launched a search for the attackers around PLACE.",
            "Footage shared on social media showed a plume of black smoke rising over the site.",
            "It was the ORD such incident in the area this month, according to local officials.",
            "Two vehicles were destroyed and a nearby building was damaged in the blast, the officials added.",
            "Air defences intercepted part of the attack, a military statement said, without giving details.",
            "Residents said they heard several loud explosions shortly before dawn.",
            "Roads leading to PLACE were closed for several hours, and extra checkpoints were set up.",
            "The bodies were handed over to the forensic department in the provincial capital.",
            "A security source said the attackers fled towards farmland on the outskirts of PLACE.",
            "The military said it was still assessing the damage and would release details later.",
            "Local media reported that power was cut in parts of PLACE after the attack.",
        ];
        let ord = *self.rng.pick(&["second", "third", "fourth", "latest"]);
        self.rng
            .pick(DETAILS)
            .replace("PLACE", &loc.short)
            .replace("ORD", ord)
    }

    /// Context about an attacker that reports no attack of its own.
    fn profile(&mut self, name: &str) -> String {
        let year = self.rng.range(2014, self.date.year() as u32);
        let n = self.rng.range(12, 180);
        let c = cap(name);
        let h = has(name);
        match self.rng.below(5) {
            0 => format!("{c} {h} been blamed for more than {n} attacks on military and civilian targets since {year}."),
            1 => format!("{c} {h} stepped up attacks in the area in recent months, according to security officials."),
            2 => format!("Officials say {name} {h} several hundred fighters in the region and {h} carried out attacks in the past."),
            3 => format!("{c} rarely comments on its operations, but its channels on Telegram often publish videos of attacks."),
            _ => format!("The United States designated {name} a terrorist organisation in {year}."),
        }
    }

    fn official(&mut self) -> String {
        let k = self.rng.zipf(GIVEN.len() * FAMILY.len());
        // Rank k names one person for good, so frequent officials recur across articles.
        let family = (k * 37 + k / GIVEN.len()) % FAMILY.len();
        let name = format!("{} {}", GIVEN[k % GIVEN.len()], FAMILY[family]);
        if self.rng.chance(0.5) {
            format!("{} {name}", self.rng.pick(RANKS))
        } else {
            format!("{name}, {}", self.rng.pick(ROLES))
        }
    }

    fn quote(&mut self) -> String {
        const QUOTES: &[&str] = &[
            "We will not allow these groups to threaten the security of our citizens",
            "The situation is under control and our forces are pursuing the perpetrators",
            "Such acts only strengthen our resolve to restore stability to the province",
            "Our forces retain the right to respond at a time and place of our choosing",
            "The families of the victims deserve answers, and we will find those responsible",
            "There has been a clear increase in activity in the area over the past weeks",
            "We are coordinating closely with our partners to prevent further incidents",
            "The roads are open again, but people are afraid to travel at night",
            "This is a cowardly act that targets the stability of the whole country",
            "We have received information about further threats and have raised our level of alert",
            "The investigation is ongoing and we will announce the results as soon as possible",
            "Our people have paid a heavy price, and they want to live in peace",
            "We call on the federal government to send reinforcements to the area",
            "The attackers used the cover of darkness and the difficult terrain",
            "We lost good men today, and their sacrifice will not be forgotten",
            "No one should doubt our commitment to the security of this region",
        ];
        // Each quote at most once in an article.
        let mut k = self.rng.below(QUOTES.len());
        for _ in 0..QUOTES.len() {
            if !self.used_background.contains(&(1000 + k)) {
                break;
            }
            k = (k + 1) % QUOTES.len();
        }
        self.used_background.push(1000 + k);
        let q = QUOTES[k];
        if self.rng.chance(0.25) && !self.g.people.is_empty() {
            let g = self.g;
            let p = g.people[self.rng.zipf(g.people.len())];
            return format!("\u{201c}{q},\u{201d} {} said in a statement.", p.label);
        }
        let who = self.official();
        match self.rng.below(3) {
            0 => format!("\u{201c}{q},\u{201d} said {who}."),
            1 => format!(
                "\u{201c}{q},\u{201d} {who}{} told reporters.",
                if who.contains(',') { "," } else { "" }
            ),
            _ => format!(
                "{who}{} said the attackers had fled. \u{201c}{q},\u{201d} {} added.",
                if who.contains(',') { "," } else { "" },
                if who.contains(',') {
                    "the official"
                } else {
                    "he"
                }
            ),
        }
    }

    /// A statement that is not an attack: a denial, a threat, a plan, a thwarted plot.
    fn non_attack(&mut self) -> String {
        let (_, name) = self.attacker();
        let loc = if self.rng.chance(0.5) {
            self.base_loc()
        } else {
            self.town_loc()
        };
        match self.rng.below(6) {
            0 => format!(
                "{} {} threatened to attack {} if foreign troops do not withdraw, but no such attack has taken place.",
                cap(&name),
                has(&name),
                loc.short
            ),
            1 => format!(
                "Officials said {name} had been planning attacks on {} during the holidays.",
                loc.short
            ),
            2 => format!(
                "Security forces said they had foiled a plot to bomb a checkpoint {}, arresting three suspects.",
                if loc.id.starts_with("base/") { format!("near {}", loc.short) } else { loc.phrase.clone() }
            ),
            3 => format!(
                "Reports of a drone attack on {} were false, a military spokesman said.",
                loc.short
            ),
            4 => format!(
                "{} {} denied any role in earlier attacks near {}, calling the accusations baseless.",
                cap(&name),
                has(&name),
                loc.short
            ),
            _ => {
                let body = if self.g.bodies.is_empty() {
                    "The government".to_string()
                } else {
                    let g = self.g;
                    format!("The {}", g.bodies[self.rng.zipf(g.bodies.len())].label)
                };
                format!("{body} condemned attacks on civilians and called for restraint.")
            }
        }
    }

    fn background(&mut self) -> String {
        let g = self.g;
        let (town, prov) = match (&self.focus, self.rng.chance(0.6)) {
            (Some((t, p)), true) => (t.clone(), p.clone()),
            _ => (None, None),
        };
        let town = town.unwrap_or_else(|| self.town().label.clone());
        let prov =
            prov.unwrap_or_else(|| g.provinces[self.rng.zipf(g.provinces.len())].label.clone());
        let year = self.rng.range(2003, self.date.year() as u32);
        let n = self.rng.range(2, 60) * 100;
        let pct = self.rng.range(10, 70);
        let (_, actor) = self.attacker_of(Kind::ArmedGroup);
        let sentences = [
            format!("About {} US troops remain in Iraq and some {} in Syria as part of the coalition against the Islamic State.", thousands(self.rng.range(20, 52) * 100), thousands(self.rng.range(7, 20) * 100)),
            format!("{prov} was among the areas most affected by the fighting, and reconstruction there has been slow since {year}."),
            format!("The United Nations says more than {} families remain displaced from {town}, many of them in camps.", thousands(n)),
            format!("{} is one of several armed factions whose influence has grown since {year}.", cap(&actor)),
            "Tensions have risen in recent months amid a wider regional confrontation, and diplomats have warned of a spiral of retaliation.".to_string(),
            format!("Parliament in Baghdad has repeatedly debated the future of foreign forces in the country, most recently in {year}."),
            format!("Residents of {town} say electricity and water shortages remain a daily concern, along with unemployment."),
            format!("Local elections in {prov} were held in {year}, and the new council has promised to improve security on the main roads."),
            format!("Analysts say remnants of the group still operate in the desert and mountain areas between {prov} and the border."),
            format!("Farmers around {town} have complained for years about unexploded ordnance left in their fields."),
            format!("The government has announced plans to rebuild {} homes in {prov}, funded partly by international donors.", thousands(n)),
            "The prime minister has sought to balance ties with Washington and Tehran while facing pressure from armed factions.".to_string(),
            format!("Trade through the border crossing near {town} resumed in {year} after years of closure."),
            "Human rights groups have called for independent investigations into civilian casualties on all sides.".to_string(),
            format!("Unemployment among young people in {prov} is estimated at {pct} percent, according to a recent survey."),
            format!("The road linking {town} to the provincial capital was reopened in {year} after repairs."),
            format!("Schools in {town} reopened after a pause of several weeks, local education officials said."),
            "Oil revenue accounts for the bulk of the state budget, leaving public finances exposed to swings in prices.".to_string(),
            format!("A census carried out in {year} put the population of {prov} at about {} million.", self.rng.range(1, 9)),
            format!("Many families in {town} depend on wheat and barley farming, which has suffered from years of drought."),
            "Water levels in the Tigris and Euphrates have fallen sharply, and officials blame upstream dams and low rainfall.".to_string(),
            format!("Talks on the withdrawal of foreign forces have stalled since {year}, diplomats say."),
            format!("Security in {prov} is shared between the army, the police and local units, a division of roles that has often caused friction."),
            "The country has held several rounds of elections since 2005, but forming a government has often taken months.".to_string(),
            format!("Aid agencies say about {pct} percent of the houses in the old quarter of {town} are still damaged."),
            format!("Tribal leaders in {prov} have called on the government to hire more local men into the security forces."),
        ];
        let k = 1 + self.rng.below(3);
        let mut out = String::new();
        let mut picked = 0;
        let mut tries = 0;
        while picked < k && tries < 40 {
            tries += 1;
            let i = self.rng.below(sentences.len());
            if self.used_background.contains(&i) {
                continue;
            }
            self.used_background.push(i);
            picked += 1;
            if !out.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "{}", sentences[i]);
        }
        out
    }
}

/// A number with thousands separators: 4,600.
fn thousands(n: u32) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

/// "has" or "have" after a name: "the Syrian Democratic Forces have", "Islamic State has".
fn has(name: &str) -> &'static str {
    let last = name.rsplit(' ').next().unwrap_or(name);
    if last.ends_with('s') && last.chars().next().is_some_and(char::is_uppercase) {
        "have"
    } else {
        "has"
    }
}

fn lower_first(s: &str) -> String {
    // Keep names ("Islamic State", "US") capitalised; lower only a leading article.
    for art in ["A ", "An ", "The "] {
        if let Some(rest) = s.strip_prefix(art) {
            return format!("{}{rest}", art.to_lowercase());
        }
    }
    s.to_string()
}

fn weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zipf_prefers_the_head_and_reaches_the_tail() {
        let mut rng = Rng::new(7);
        let mut counts = vec![0u32; 100];
        for _ in 0..100_000 {
            counts[rng.zipf(100)] += 1;
        }
        assert!(counts[0] > counts[10] && counts[10] > counts[90]);
        assert!(counts.iter().all(|&c| c > 0));
    }
}
