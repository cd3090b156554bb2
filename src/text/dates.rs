//! Date expressions of news prose and their resolution against a publication date.
//!
//! [`find_dates`] finds what a sentence says about time: full dates ("Jan. 8, 2020",
//! "31st Jul, 2024", "2021-02-16", "5/8/2021"), dates without a year ("March 8", "January
//! 5th"), months ("in January", "August last year"), years, weekdays ("on Sunday") and
//! relative words ("yesterday", "last week"). [`DateExpr::resolve`] turns one into a
//! [`PartialDate`] as precise as the text allows, given the publication date.

use super::Span;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub fn month(year: i32, month: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Parses `2024`, `2024-07` or `2024-07-16`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let year: i32 = parts.first()?.parse().ok()?;
        if !(1000..=9999).contains(&year) || parts.first()?.len() != 4 {
            return None;
        }
        match parts.len() {
            1 => Some(PartialDate::year(year)),
            2 => {
                let m: u32 = parts[1].parse().ok()?;
                (1..=12).contains(&m).then_some(PartialDate::month(year, m))
            }
            3 => {
                let m: u32 = parts[1].parse().ok()?;
                let d: u32 = parts[2].parse().ok()?;
                NaiveDate::from_ymd_opt(year, m, d).map(PartialDate::day)
            }
            _ => None,
        }
    }

    /// The full date when the day is known.
    pub fn as_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The first day of the period.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => {
                let (y, nm) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(y, nm, 1).map(|d| d - Duration::days(1))
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
    }

    /// Whether `other` lies within this period (or is this period).
    pub fn covers(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || self.month == other.month)
            && (self.day.is_none() || self.day == other.day)
    }

    pub fn is_day(&self) -> bool {
        self.day.is_some()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// What a date expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// A day, a month or a year; `year` is `None` when the text gives none.
    Calendar {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        year_offset: i32,
    },
    Weekday(Weekday),
    /// Days before publication: 0 today, 1 yesterday.
    DaysAgo(i64),
    LastWeek,
    /// Months before the publication month: 0 this month, 1 last month.
    MonthsAgo(u32),
    /// Years before the publication year.
    YearsAgo(i32),
}

/// A date expression found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateExpr {
    pub span: Span,
    pub kind: DateKind,
}

impl DateExpr {
    /// Resolves the expression against the publication date, as precisely as it allows.
    pub fn resolve(&self, published: Option<NaiveDate>) -> Option<PartialDate> {
        match self.kind {
            DateKind::Calendar {
                year: Some(y),
                month,
                day,
                ..
            } => match (month, day) {
                (Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).map(PartialDate::day),
                (Some(m), None) => Some(PartialDate::month(y, m)),
                _ => Some(PartialDate::year(y)),
            },
            DateKind::Calendar {
                year: None,
                month: Some(m),
                day,
                year_offset,
            } => {
                let p = published?;
                let mut y = p.year() - year_offset;
                if year_offset == 0 {
                    // A month or day later than publication belongs to the year before.
                    let d = day.unwrap_or(1);
                    let probe = NaiveDate::from_ymd_opt(y, m, d.min(28))?;
                    if probe > p + Duration::days(2) {
                        y -= 1;
                    }
                }
                match day {
                    Some(d) => NaiveDate::from_ymd_opt(y, m, d).map(PartialDate::day),
                    None => Some(PartialDate::month(y, m)),
                }
            }
            DateKind::Calendar { .. } => None,
            DateKind::Weekday(w) => {
                let p = published?;
                let back = (7 + p.weekday().num_days_from_monday() as i64
                    - w.num_days_from_monday() as i64)
                    % 7;
                Some(PartialDate::day(p - Duration::days(back)))
            }
            // Checked: "100000000 days ago" is before any date chrono can hold.
            DateKind::DaysAgo(n) => published?
                .checked_sub_signed(Duration::try_days(n)?)
                .map(PartialDate::day),
            DateKind::LastWeek => {
                let p = published?;
                let a = p - Duration::days(7);
                let b = p - Duration::days(1);
                if a.month() == b.month() {
                    Some(PartialDate::month(a.year(), a.month()))
                } else {
                    Some(PartialDate::year(b.year()))
                }
            }
            DateKind::MonthsAgo(n) => {
                let p = published?;
                let total = p.year() * 12 + p.month0() as i32 - n as i32;
                Some(PartialDate::month(
                    total.div_euclid(12),
                    total.rem_euclid(12) as u32 + 1,
                ))
            }
            DateKind::YearsAgo(n) => Some(PartialDate::year(published?.year() - n)),
        }
    }

    /// Whether the expression names a day (rather than a month, year or week).
    pub fn is_day(&self) -> bool {
        matches!(
            self.kind,
            DateKind::Calendar { day: Some(_), .. } | DateKind::Weekday(_) | DateKind::DaysAgo(_)
        )
    }
}

const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

struct Patterns {
    iso: Regex,
    month_day_year: Regex,
    day_month_year: Regex,
    month_year: Regex,
    slash: Regex,
    weekday: Regex,
    relative: Regex,
    month_alone: Regex,
    month_relative: Regex,
    year_alone: Regex,
}

/// Compiles a date pattern with ASCII word boundaries. A Unicode `\b` stops the fast DFA
/// engines at the first non-ASCII character (a curly quote, a dash), leaving a slow backtracking
/// search over the whole sentence; dates are written with ASCII letters and digits anyway.
fn re(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    Patterns {
    iso: re(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b").unwrap(),
    month_day_year: re(&format!(
        r"\b{MONTH}\s+([0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d)\b)?"
    ))
    .unwrap(),
    day_month_year: re(&format!(
        r"\b([0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+((?:19|20)\d\d)\b)?"
    ))
    .unwrap(),
    month_year: re(&format!(r"\b{MONTH}\s+(?:of\s+)?((?:19|20)\d\d)\b")).unwrap(),
    slash: re(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b").unwrap(),
    weekday: re(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b").unwrap(),
    relative: re(
        r"(?i)\b(yesterday|today|tonight|overnight|last night|this morning|this afternoon|this evening|earlier today|last week|this week|earlier this week|last month|this month|earlier this month|last year|this year|earlier this year|(\d+|two|three|four|five|six) days ago|the previous day|the day before)\b",
    )
    .unwrap(),
    month_alone: re(&format!(
        r"\b(?:(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Tt]his|[Tt]hat|[Tt]he|[Aa]n?|[Ee]nd of|[Bb]eginning of|[Uu]ntil|[Bb]y)[\s-]+(?:(?:early|late|mid)[\s-]+)?){MONTH}\b(\s+last year)?"
    ))
    .unwrap(),
    month_relative: re(&format!(r"\b{MONTH}\s+(last|this)\s+year\b")).unwrap(),
    year_alone: re(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Oo]f|[Ee]arly|[Ll]ate|[Uu]ntil)\s+((?:19|20)\d\d)\b").unwrap(),
}
});

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    let m = match &n[..n.len().min(3)] {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "Monday" => Weekday::Mon,
        "Tuesday" => Weekday::Tue,
        "Wednesday" => Weekday::Wed,
        "Thursday" => Weekday::Thu,
        "Friday" => Weekday::Fri,
        "Saturday" => Weekday::Sat,
        "Sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn small_number(word: &str) -> Option<i64> {
    Some(match word {
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        _ => word.parse().ok()?,
    })
}

/// Finds the date expressions in `text[span]`, most specific first where they overlap,
/// sorted by position.
pub fn find_dates(text: &str, span: Span) -> Vec<DateExpr> {
    let s = &text[span.start..span.end];
    let p = &*PATTERNS;
    let mut out: Vec<DateExpr> = Vec::new();
    let push = |out: &mut Vec<DateExpr>, start: usize, end: usize, kind: DateKind| {
        let sp = Span::new(span.start + start, span.start + end);
        if out.iter().any(|d| d.span.overlaps(sp)) {
            return;
        }
        out.push(DateExpr { span: sp, kind });
    };
    // Most sentences name no date: skip the patterns that cannot match them.
    let digit = s.bytes().any(|b| b.is_ascii_digit());
    // One pass over the sentence for the month abbreviations, which all begin with a
    // capital.
    let month = s.as_bytes().windows(3).any(|w| {
        matches!(
            w,
            b"Jan"
                | b"Feb"
                | b"Mar"
                | b"Apr"
                | b"May"
                | b"Jun"
                | b"Jul"
                | b"Aug"
                | b"Sep"
                | b"Oct"
                | b"Nov"
                | b"Dec"
        )
    });
    let none = |r: &'static Regex, on: bool| if on { Some(r) } else { None };
    for c in none(&p.iso, digit)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        let (y, mo, d) = (c[1].parse().ok(), c[2].parse().ok(), c[3].parse().ok());
        if let (Some(y), Some(mo), Some(d)) = (y, mo, d) {
            if NaiveDate::from_ymd_opt(y, mo, d).is_some() {
                push(
                    &mut out,
                    m.start(),
                    m.end(),
                    DateKind::Calendar {
                        year: Some(y),
                        month: Some(mo),
                        day: Some(d),
                        year_offset: 0,
                    },
                );
            }
        }
    }
    for c in none(&p.slash, digit)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        let (mo, d, y): (Option<u32>, Option<u32>, Option<i32>) =
            (c[1].parse().ok(), c[2].parse().ok(), c[3].parse().ok());
        if let (Some(mo), Some(d), Some(y)) = (mo, d, y) {
            if NaiveDate::from_ymd_opt(y, mo, d).is_some() {
                push(
                    &mut out,
                    m.start(),
                    m.end(),
                    DateKind::Calendar {
                        year: Some(y),
                        month: Some(mo),
                        day: Some(d),
                        year_offset: 0,
                    },
                );
            }
        }
    }
    for c in none(&p.month_day_year, digit && month)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        let Some(mo) = month_number(&c[1]) else {
            continue;
        };
        let Ok(d) = c[2].parse::<u32>() else { continue };
        if !(1..=31).contains(&d) || (c[1].eq_ignore_ascii_case("may") && c[1].starts_with('m')) {
            continue;
        }
        let y = c.get(3).and_then(|y| y.as_str().parse().ok());
        push(
            &mut out,
            m.start(),
            m.end(),
            DateKind::Calendar {
                year: y,
                month: Some(mo),
                day: Some(d),
                year_offset: 0,
            },
        );
    }
    for c in none(&p.day_month_year, digit && month)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        let Some(mo) = month_number(&c[2]) else {
            continue;
        };
        let Ok(d) = c[1].parse::<u32>() else { continue };
        if !(1..=31).contains(&d) {
            continue;
        }
        let y = c.get(3).and_then(|y| y.as_str().parse().ok());
        push(
            &mut out,
            m.start(),
            m.end(),
            DateKind::Calendar {
                year: y,
                month: Some(mo),
                day: Some(d),
                year_offset: 0,
            },
        );
    }
    for c in none(&p.month_year, digit && month)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        let Some(mo) = month_number(&c[1]) else {
            continue;
        };
        let y = c[2].parse().ok();
        push(
            &mut out,
            m.start(),
            m.end(),
            DateKind::Calendar {
                year: y,
                month: Some(mo),
                day: None,
                year_offset: 0,
            },
        );
    }
    for c in none(&p.month_relative, month)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        let Some(mo) = month_number(&c[1]) else {
            continue;
        };
        let offset = if &c[2] == "last" { 1 } else { 0 };
        push(
            &mut out,
            m.start(),
            m.end(),
            DateKind::Calendar {
                year: None,
                month: Some(mo),
                day: None,
                year_offset: offset,
            },
        );
    }
    for c in none(&p.weekday, s.contains("day"))
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        if let Some(w) = weekday(&c[1]) {
            push(&mut out, m.start(), m.end(), DateKind::Weekday(w));
        }
    }
    for c in p.relative.captures_iter(s) {
        let m = c.get(0).unwrap();
        let phrase = c[1].to_lowercase();
        let kind = match phrase.as_str() {
            "yesterday" | "last night" | "the previous day" | "the day before" => {
                DateKind::DaysAgo(1)
            }
            "today" | "tonight" | "overnight" | "this morning" | "this afternoon"
            | "this evening" | "earlier today" => DateKind::DaysAgo(0),
            "last week" => DateKind::LastWeek,
            "this week" | "earlier this week" => DateKind::DaysAgo(0),
            "last month" => DateKind::MonthsAgo(1),
            "this month" | "earlier this month" => DateKind::MonthsAgo(0),
            "last year" => DateKind::YearsAgo(1),
            "this year" | "earlier this year" => DateKind::YearsAgo(0),
            other => match other.split_whitespace().next().and_then(small_number) {
                Some(n) => DateKind::DaysAgo(n),
                None => continue,
            },
        };
        // "this week" is vaguer than a day: keep it out of day-precise answers.
        let kind = if phrase.ends_with("this week") {
            DateKind::MonthsAgo(0)
        } else {
            kind
        };
        push(&mut out, m.start(), m.end(), kind);
    }
    for c in none(&p.month_alone, month)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let m = c.get(0).unwrap();
        let Some(mo) = month_number(&c[1]) else {
            continue;
        };
        if c[1].eq_ignore_ascii_case("may") && !c[1].starts_with('M') {
            continue;
        }
        let offset = if c.get(2).is_some() { 1 } else { 0 };
        push(
            &mut out,
            m.start(),
            m.end(),
            DateKind::Calendar {
                year: None,
                month: Some(mo),
                day: None,
                year_offset: offset,
            },
        );
    }
    for c in none(&p.year_alone, digit)
        .into_iter()
        .flat_map(|r| r.captures_iter(s))
    {
        let g = c.get(1).unwrap();
        let y = g.as_str().parse().ok();
        push(
            &mut out,
            g.start(),
            g.end(),
            DateKind::Calendar {
                year: y,
                month: None,
                day: None,
                year_offset: 0,
            },
        );
    }
    // Event notes code a date known only to the week or month as "12 September 2023
    // (week of)": the day is not known.
    for d in out.iter_mut() {
        let after: String = text[d.span.end..]
            .trim_start()
            .chars()
            .take(10)
            .collect::<String>()
            .to_ascii_lowercase();
        if after.starts_with("(week of)") || after.starts_with("(month of)") {
            if let DateKind::Calendar { day, .. } = &mut d.kind {
                *day = None;
            }
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// The first full date (with a year) in the head of an article: a dateline or a date line.
pub fn publication_date(head: &str) -> Option<NaiveDate> {
    find_dates(head, Span::new(0, head.len()))
        .into_iter()
        .find_map(|d| match d.kind {
            DateKind::Calendar {
                year: Some(y),
                month: Some(m),
                day: Some(day),
                ..
            } => NaiveDate::from_ymd_opt(y, m, day),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str, published: &str) -> Option<String> {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        find_dates(text, Span::new(0, text.len()))
            .first()
            .and_then(|d| d.resolve(p))
            .map(|d| d.to_string())
    }

    #[test]
    fn resolves_news_dates() {
        assert_eq!(
            first("on March 8, the army said", "2020-03-10").as_deref(),
            Some("2020-03-08")
        );
        assert_eq!(
            first("On Jan. 8, 2020 Iran fired", "2020-02-01").as_deref(),
            Some("2020-01-08")
        );
        assert_eq!(
            first("31st Jul, 2024", "2000-01-01").as_deref(),
            Some("2024-07-31")
        );
        assert_eq!(
            first("on January 5th", "2020-01-31").as_deref(),
            Some("2020-01-05")
        );
        assert_eq!(
            first("on Sunday", "2021-09-05").as_deref(),
            Some("2021-09-05")
        );
        assert_eq!(
            first("late Saturday night", "2021-09-05").as_deref(),
            Some("2021-09-04")
        );
        assert_eq!(
            first("in December", "2020-01-08").as_deref(),
            Some("2019-12")
        );
        assert_eq!(
            first("August last year", "2020-03-10").as_deref(),
            Some("2019-08")
        );
        assert_eq!(
            first("On 5 March 2022, a drone", "2000-01-01").as_deref(),
            Some("2022-03-05")
        );
        assert_eq!(
            first("The Hill 5/8/2021 Celine", "2000-01-01").as_deref(),
            Some("2021-05-08")
        );
        assert_eq!(
            first("last month", "2024-01-15").as_deref(),
            Some("2023-12")
        );
        assert_eq!(
            first("Around 12 September 2023 (week of), SDF", "2000-01-01").as_deref(),
            Some("2023-09")
        );
        assert_eq!(first("it may 8 times", "2024-01-15"), None);
        // A month as a modifier: "an August skirmish", told in February.
        assert_eq!(
            first("involved an August skirmish wherein", "2023-02-15").as_deref(),
            Some("2022-08")
        );
        assert_eq!(
            first("since the March attack on the base", "2023-05-02").as_deref(),
            Some("2023-03")
        );
    }

    #[test]
    fn partial_date_periods() {
        let d = PartialDate::parse("2024-02").unwrap();
        assert_eq!(d.last_day().unwrap().to_string(), "2024-02-29");
        assert!(d.covers(&PartialDate::parse("2024-02-10").unwrap()));
        assert_eq!(PartialDate::parse("2024-13"), None);
    }
}
