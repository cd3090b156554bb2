//! Sentence splitting for news prose.
//!
//! A line break always ends a sentence (headlines, datelines and paragraphs are lines). Inside
//! a line, a sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by
//! a space and a capital, digit or opening quote, unless the word before the stop is a known
//! abbreviation ("Gen.", "Col.", "Jan.", "U.S.") or an initial ("Myles B. Caggins").
//!
//! A sentence is at most [`MAX_SENTENCE_BYTES`] long: a longer run of text without a stop
//! (a table flattened into one line, a page without punctuation) is cut at a comma or a
//! space, so that the work the extractor does per sentence stays bounded however the input
//! is written.

use super::Span;

/// One sentence: its span (trimmed of surrounding whitespace) and the paragraph (line) it
/// belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "ltc", "sgt", "capt", "cpt", "maj",
    "brig", "adm", "cmdr", "cdr", "gov", "sen", "rep", "pres", "st", "sr", "jr", "rev", "hon",
    "amb", "pvt", "spc", "cpl", "gens", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "no", "nos", "vol", "approx", "est", "fig", "dept", "div", "bn", "bde", "regt", "co", "corp",
    "inc", "ltd", "vs", "mt", "ft", "km", "mi", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m",
    "al", "op",
];

/// The longest sentence, in bytes; news sentences are far shorter.
pub const MAX_SENTENCE_BYTES: usize = 3000;

/// Splits `text` into sentences.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut paragraph = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            split_line(
                text,
                line_start,
                line_start + body.len(),
                paragraph,
                &mut out,
            );
            paragraph += 1;
        }
        line_start = line_end;
    }
    out
}

fn split_line(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'.' || b == b'!' || b == b'?' {
            // Extend over repeated stops and closing quotes or brackets.
            let mut j = i + 1;
            loop {
                let rest = &line[j..];
                if let Some(c) = rest.chars().next() {
                    if matches!(
                        c,
                        '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}'
                    ) {
                        j += c.len_utf8();
                        continue;
                    }
                }
                break;
            }
            let rest = &line[j..];
            let ws = rest.len() - rest.trim_start().len();
            let next = rest[ws..].chars().next();
            let opens = next
                .map(|c| {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(
                            c,
                            '"' | '\u{201c}'
                                | '\''
                                | '\u{2018}'
                                | '('
                                | '['
                                | '-'
                                | '\u{2013}'
                                | '\u{2014}'
                        )
                })
                .unwrap_or(false);
            if ws > 0 && opens && !(b == b'.' && is_abbreviation(&line[..i], next)) {
                push(start, sent_start, j, line, paragraph, out);
                sent_start = j + ws;
                i = j + ws;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(start, sent_start, line.len(), line, paragraph, out);
}

fn push(base: usize, s: usize, e: usize, line: &str, paragraph: usize, out: &mut Vec<Sentence>) {
    let piece = &line[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    let (mut start, end) = (s + lead, e - trail);
    while end - start > MAX_SENTENCE_BYTES {
        let cut = cut_point(line, start, start + MAX_SENTENCE_BYTES);
        let head = &line[start..cut];
        let head_end = start + head.trim_end().len();
        if head_end > start {
            out.push(Sentence {
                span: Span::new(base + start, base + head_end),
                paragraph,
            });
        }
        let rest = &line[cut..end];
        start = cut + (rest.len() - rest.trim_start().len());
    }
    if end > start {
        out.push(Sentence {
            span: Span::new(base + start, base + end),
            paragraph,
        });
    }
}

/// Where to cut an over-long sentence that starts at `start`, at or before `limit`: after
/// the last comma, semicolon or colon followed by a space in the second half of the window,
/// else at its last space, else at the character boundary at `limit`.
fn cut_point(line: &str, start: usize, limit: usize) -> usize {
    let bytes = line.as_bytes();
    let half = start + (limit - start) / 2;
    let after_space = |i: usize| i > start && bytes[i - 1] == b' ';
    if let Some(i) = (half..=limit)
        .rev()
        .find(|&i| after_space(i) && i >= 2 && matches!(bytes[i - 2], b',' | b';' | b':'))
    {
        return i;
    }
    if let Some(i) = (half..=limit).rev().find(|&i| after_space(i)) {
        return i;
    }
    // No space: the character boundary at or before `limit`, which lies after `start`
    // since a character is at most 4 bytes.
    let mut i = limit;
    while !line.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether the word ending just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str, next: Option<char>) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    // A single capital letter is an initial ("Myles B. Caggins"), unless a sentence could
    // end on it, which we cannot tell; initials are the common case in news.
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() == 1 && letters[0].is_uppercase() && !word.contains('.') {
        return true;
    }
    let lower = word.to_lowercase();
    // "U.S." at the end of a sentence is common ("troops to the U.S."): only treat it as an
    // abbreviation when a capitalised name plausibly follows.
    if lower == "u.s" || lower == "u.n" || lower == "u.k" {
        return next.map(|c| c.is_uppercase()).unwrap_or(false);
    }
    if lower.contains('.') && lower.len() <= 6 {
        // Dotted abbreviations such as "a.m" or "e.g".
        return ABBREVIATIONS.contains(&lower.as_str()) || lower.split('.').all(|p| p.len() == 1);
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|s| s.span.of(text))
            .collect()
    }

    #[test]
    fn splits_on_stops_and_lines() {
        let t = "Headline here\n\nGen. Kenneth McKenzie said it. Col. Myles B. Caggins III agreed! \"Yes.\" Then more.";
        assert_eq!(
            split(t),
            vec![
                "Headline here",
                "Gen. Kenneth McKenzie said it.",
                "Col. Myles B. Caggins III agreed!",
                "\"Yes.\"",
                "Then more."
            ]
        );
    }

    #[test]
    fn caps_sentence_length_at_a_comma_or_space() {
        let long = "rockets fell on the town, ".repeat(400);
        let t = format!("Start. {long}end");
        let sents = sentences(&t);
        assert!(sents.len() > 3, "{}", sents.len());
        for s in &sents {
            assert!(s.span.end - s.span.start <= MAX_SENTENCE_BYTES);
            let piece = s.span.of(&t);
            assert_eq!(piece, piece.trim());
        }
        // Every word is in exactly one sentence, in order.
        let joined: Vec<&str> = sents.iter().map(|s| s.span.of(&t)).collect();
        assert_eq!(
            joined.join(" ").split_whitespace().collect::<Vec<_>>(),
            t.split_whitespace().collect::<Vec<_>>()
        );
        assert!(
            joined[1].ends_with(','),
            "{}",
            &joined[1][joined[1].len() - 20..]
        );
        // No space at all: cut at a character boundary.
        let t = "é".repeat(5000);
        let sents = sentences(&t);
        assert!(sents
            .iter()
            .all(|s| s.span.end - s.span.start <= MAX_SENTENCE_BYTES));
        assert_eq!(
            sents
                .iter()
                .map(|s| s.span.end - s.span.start)
                .sum::<usize>(),
            t.len()
        );
    }

    #[test]
    fn keeps_dates_and_initials() {
        let t = "On Jan. 8, Iran fired missiles at U.S. troops. It said so.";
        assert_eq!(
            split(t),
            vec![
                "On Jan. 8, Iran fired missiles at U.S. troops.",
                "It said so."
            ]
        );
    }
}
