//! Folding: turns spellings of one name into one comparable form.
//!
//! Two levels exist. [`fold`] removes case, accents, dots, apostrophes and punctuation, the
//! way a reader would compare two spellings ("U.S. Forces" = "us forces"). [`name_key`] goes
//! further for transliterated names: it drops the Arabic article ("al-", "el-", "ad-", …) and
//! evens out vowel spellings, so "Yahia Rasool" = "Yahya Rasul", "Soleimani" = "Suleimani",
//! "Ain al-Asad" = "Ain Al Assad" and "Deir ez-Zour" = "Deir el-Zor". The gazetteer matches
//! on name keys; IRIs of names outside the lexicon are minted from them.
//!
//! [`FoldedText`] applies the name-key transformation to a whole article while remembering,
//! for every folded token, the byte span of the original text it came from.

use super::Span;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercases, strips accents, drops dots and apostrophes, turns every other run of
/// non-alphanumeric characters into one space, and drops a leading "the".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    fold_unicode(text)
}

/// `fold` for ASCII text, which decomposition leaves as it is.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if matches!(b, b'.' | b'\'' | b'`') {
            continue;
        }
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            pending_space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd() {
        if is_combining_mark(c) || is_dropped(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else {
            pending_space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '.' | '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' | '\u{02bf}' | '\u{02be}'
    )
}

/// The key of a name: the name folded word by word as [`FoldedText`] folds an article, so
/// the key of an alias is exactly what the alias looks like inside a folded article.
/// Stable: IRIs of names outside the lexicon depend on it.
pub fn name_key(text: &str) -> String {
    // One word of ASCII letters and digits, the most common case, is its own key.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let mut out = String::with_capacity(text.len());
        push_word_key(&text.to_ascii_lowercase(), &mut out);
        return out;
    }
    let folded = FoldedText::new(text);
    let mut out = String::with_capacity(folded.text.len());
    for t in &folded.tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&folded.text[t.folded.start..t.folded.end]);
    }
    out
}

/// Sun-letter forms of the article ("ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ez-",
/// "adh-") only count when written with a hyphen, since "as", "at" and "an" are English words.
pub fn is_hyphenated_article(word: &str) -> bool {
    matches!(
        word,
        "al" | "el"
            | "ad"
            | "ar"
            | "as"
            | "ash"
            | "at"
            | "az"
            | "an"
            | "ez"
            | "es"
            | "adh"
            | "ath"
            | "ed"
            | "er"
            | "et"
    )
}

/// Evens out vowels of one folded word: "ou"/"oo" → u, "o" → u, "e" → i, inner "y" → i,
/// doubled letters → one, a final "h" after a vowel dropped, "q" kept.
fn push_word_key(word: &str, out: &mut String) {
    if word.chars().all(|c| c.is_ascii_digit()) {
        out.push_str(word);
        return;
    }
    if word.is_ascii() {
        push_word_key_ascii(word, out);
    } else {
        push_word_key_chars(word, out);
    }
}

/// [`push_word_key`] on bytes, without collecting characters.
fn push_word_key_ascii(word: &str, out: &mut String) {
    let b = word.as_bytes();
    let map = |i: usize| match b[i] {
        b'o' => b'u',
        b'e' => b'i',
        b'y' if i > 0 => b'i',
        c => c,
    };
    let mut len = b.len();
    if len > 3 && map(len - 1) == b'h' && is_vowel(map(len - 2) as char) {
        len -= 1;
    }
    let mut last: Option<u8> = None;
    for i in 0..len {
        let c = map(i);
        if Some(c) != last {
            out.push(c as char);
            last = Some(c);
        }
    }
}

/// [`push_word_key`] for any text.
fn push_word_key_chars(word: &str, out: &mut String) {
    let mut mapped: Vec<char> = Vec::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        let m = match c {
            'o' => 'u',
            'e' => 'i',
            'y' if i > 0 => 'i',
            _ => c,
        };
        mapped.push(m);
    }
    // A final "h" after a vowel is silent in transliteration ("Fallujah" = "Falluja").
    if mapped.len() > 3 && mapped[mapped.len() - 1] == 'h' && is_vowel(mapped[mapped.len() - 2]) {
        mapped.pop();
    }
    let mut last: Option<char> = None;
    for c in mapped {
        if Some(c) == last {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// An article folded into name keys, token by token, with the original span of each token.
///
/// `text` holds the keys of the tokens separated by single spaces; a `|` separates tokens
/// that punctuation (other than hyphens and apostrophes) or a line break divides, so no name
/// matches across them.
#[derive(Debug, Default)]
pub struct FoldedText {
    pub text: String,
    pub tokens: Vec<FoldedToken>,
}

/// One token of a [`FoldedText`].
#[derive(Debug, Clone, Copy)]
pub struct FoldedToken {
    /// Byte range of the token's key in [`FoldedText::text`].
    pub folded: Span,
    /// Span of the word in the original text.
    pub original: Span,
    /// An Arabic article ("al-", "Al ", "ad-") came right before the word and was dropped.
    pub after_article: bool,
    /// Where that article starts in the original, so a name's span can include it.
    pub article_start: Option<usize>,
}

impl FoldedText {
    pub fn new(original: &str) -> Self {
        let mut folded = FoldedText {
            text: String::with_capacity(original.len()),
            tokens: Vec::with_capacity(original.len() / 5),
        };
        let (raw, letters) = raw_words(original);
        let mut lowered = String::new();
        let mut i = 0;
        let mut after_article = false;
        let mut article_start: Option<usize> = None;
        while i < raw.len() {
            let w = &raw[i];
            let w_text = &letters[w.text.start..w.text.end];
            // Arabic article: dropped when hyphenated ("al-Asad", "ad-Dawr") or, for al/el,
            // when another word follows on the same stretch ("Al Asad").
            // Articles are short ASCII words: lower-case those on the stack.
            let mut buf = [0u8; 3];
            let lower: &str = if w_text.len() <= 3 && w_text.is_ascii() {
                for (d, b) in buf.iter_mut().zip(w_text.bytes()) {
                    *d = b.to_ascii_lowercase();
                }
                std::str::from_utf8(&buf[..w_text.len()]).unwrap_or("")
            } else {
                ""
            };
            let next_joined = raw.get(i + 1).map(|n| n.joined_before).unwrap_or(false);
            let next_same = raw.get(i + 1).map(|n| !n.barrier_before).unwrap_or(false);
            let next_capital = raw
                .get(i + 1)
                .and_then(|n| letters[n.text.start..].chars().next())
                .map(|c| c.is_uppercase())
                .unwrap_or(false);
            let is_art = (next_joined && is_hyphenated_article(lower))
                || ((lower == "al" || lower == "el")
                    && next_same
                    && (next_capital || w_text.starts_with(|c: char| c.is_lowercase())));
            if is_art {
                // The barrier before the article still separates what follows.
                if w.barrier_before {
                    folded.push_barrier();
                }
                after_article = true;
                article_start = Some(w.span.start);
                i += 1;
                continue;
            }
            if w.barrier_before {
                folded.push_barrier();
            }
            // The word's key goes straight after the text folded so far; an empty key
            // takes back the space put before it.
            let before = folded.text.len();
            if !folded.text.is_empty() && !folded.text.ends_with(' ') {
                folded.text.push(' ');
            }
            let start = folded.text.len();
            if w_text.is_ascii() {
                // A raw word holds only letters, digits and apostrophes: folding lowercases
                // it and drops the apostrophes.
                lowered.clear();
                lowered.extend(
                    w_text
                        .bytes()
                        .filter(|b| b.is_ascii_alphanumeric())
                        .map(|b| b.to_ascii_lowercase() as char),
                );
                push_word_key(&lowered, &mut folded.text);
            } else {
                let f = fold(w_text);
                if f.contains(' ') {
                    push_word_key(&f.replace(' ', ""), &mut folded.text);
                } else {
                    push_word_key(&f, &mut folded.text);
                }
            }
            if folded.text.len() == start {
                folded.text.truncate(before);
                i += 1;
                continue;
            }
            folded.tokens.push(FoldedToken {
                folded: Span::new(start, folded.text.len()),
                original: w.span,
                after_article,
                article_start: if after_article { article_start } else { None },
            });
            after_article = false;
            article_start = None;
            i += 1;
        }
        folded
    }

    fn push_barrier(&mut self) {
        if self.text.is_empty() || self.text.ends_with("| ") {
            return;
        }
        if !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        self.text.push_str("| ");
    }

    /// The original span covered by the folded byte range `[start, end)`, when that range
    /// starts and ends on token boundaries.
    pub fn original_span(&self, start: usize, end: usize) -> Option<(usize, usize, Span)> {
        let first = self
            .tokens
            .binary_search_by(|t| t.folded.start.cmp(&start))
            .ok()?;
        let last = self
            .tokens
            .binary_search_by(|t| t.folded.end.cmp(&end))
            .ok()?;
        if last < first {
            return None;
        }
        let t = &self.tokens[first];
        Some((
            first,
            last,
            Span::new(
                t.article_start.unwrap_or(t.original.start),
                self.tokens[last].original.end,
            ),
        ))
    }
}

struct RawWord {
    /// Byte range of the word's letters in the buffer [`raw_words`] returns with the words.
    text: Span,
    span: Span,
    /// Only a hyphen separates this word from the previous one.
    joined_before: bool,
    /// Punctuation or a line break separates this word from the previous one.
    barrier_before: bool,
}

/// Splits text into words: runs of letters and digits, with apostrophes inside a word kept
/// ("Kata'ib") and possessive "'s" split off; initials like "U.S." joined into one word.
fn raw_words(text: &str) -> (Vec<RawWord>, String) {
    let mut words: Vec<RawWord> = Vec::with_capacity(text.len() / 5);
    let mut letters = String::with_capacity(text.len());
    let mut gap = String::new();
    let bytes = text.as_bytes();
    // The character at byte `p`, decoded only when it is not ASCII.
    let char_at = |p: usize| match bytes.get(p) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text[p..].chars().next(),
        None => None,
    };
    let mut pos = 0;
    while let Some(c) = char_at(pos) {
        let i = pos;
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i;
            let word_start = letters.len();
            loop {
                // ASCII letters and digits, most of any text, need no decoding.
                while bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric()) {
                    end += 1;
                }
                let j = end;
                let Some(d) = char_at(j) else { break };
                if d.is_alphanumeric() || (!d.is_ascii() && is_combining_mark(d)) {
                    end = j + d.len_utf8();
                } else if is_apostrophe(d) {
                    // Inside a word ("Kata'ib") unless it is a possessive "'s".
                    let rest = &text[j + d.len_utf8()..];
                    let after = rest.chars().next();
                    if !is_possessive(rest) && after.map(|x| x.is_alphanumeric()).unwrap_or(false) {
                        end = j + d.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // One space, between most words, neither joins nor divides.
            let plain = gap == " ";
            let joined = !plain
                && gap
                    .chars()
                    .all(|g| g == '-' || g == '\u{2010}' || g == '\u{2011}')
                && !gap.is_empty();
            pos = end;
            // Every character between the word's ends belongs to it.
            letters.push_str(&text[start..end]);
            let word = &letters[word_start..];
            // The dot closing initials ("U.S. forces") does not divide.
            let after_initials = gap.starts_with('.')
                && words
                    .last()
                    .map(|p| {
                        let p_text = &letters[p.text.start..p.text.end];
                        p_text.chars().count() >= 2
                            && p_text.chars().all(|x| x.is_uppercase())
                            && text[p.span.start..p.span.end].contains('.')
                    })
                    .unwrap_or(false)
                || (gap.starts_with(". ") && is_middle_initial(&words, &letters, text, word));
            let gap_seen = if after_initials {
                gap.strip_prefix('.').unwrap_or(&gap)
            } else {
                &gap
            };
            let barrier = !plain
                && (gap_seen
                    .chars()
                    .any(|g| !(g == ' ' || g == '\t' || is_hyphen(g) || is_apostrophe(g)))
                    || gap_seen.contains('\n'));
            // Initials: "U.S." / "U.N." — single letters joined by dots become one word.
            if gap == "." && word.chars().nth(1).is_none() {
                if let Some(prev) = words.last_mut() {
                    let p_text = &letters[prev.text.start..prev.text.end];
                    let prev_is_initials = p_text.chars().all(|x| x.is_uppercase())
                        && p_text.chars().count() <= 3
                        && text[prev.span.end..].starts_with('.');
                    // The previous word's letters end where this word's begin, so joining
                    // them only widens the previous word's range.
                    if prev_is_initials && word.chars().all(|x| x.is_uppercase()) {
                        prev.text.end = letters.len();
                        prev.span.end = end;
                        gap.clear();
                        continue;
                    }
                }
            }
            words.push(RawWord {
                text: Span::new(word_start, letters.len()),
                span: Span::new(start, end),
                joined_before: joined,
                barrier_before: barrier,
            });
            gap.clear();
        } else if is_apostrophe(c) && is_possessive(&text[i + c.len_utf8()..]) {
            // A possessive "'s" ends a name: "Kirkuk's Rashad district".
            gap.push('|');
            pos = i + c.len_utf8() + 1;
        } else {
            gap.push(c);
            pos = i + c.len_utf8();
        }
    }
    (words, letters)
}

/// Whether the last word is a middle initial between two parts of a name: a single
/// capital letter with its dot, after a capitalised word and before `next`, capitalised too
/// ("Joseph L. Votel").
fn is_middle_initial(words: &[RawWord], letters: &str, text: &str, next: &str) -> bool {
    let [.., before, initial] = words else {
        return false;
    };
    let i_text = &letters[initial.text.start..initial.text.end];
    let mut ic = i_text.chars();
    let single_capital = ic.next().is_some_and(|c| c.is_uppercase()) && ic.next().is_none();
    let b_text = &letters[before.text.start..before.text.end];
    single_capital
        && !initial.barrier_before
        && text[initial.span.end..].starts_with('.')
        && b_text.chars().count() >= 2
        && b_text.starts_with(|c: char| c.is_uppercase())
        && next.starts_with(|c: char| c.is_uppercase())
}

fn is_possessive(rest: &str) -> bool {
    let mut rc = rest.chars();
    matches!(rc.next(), Some('s') | Some('S'))
        && !rc.next().map(|x| x.is_alphanumeric()).unwrap_or(false)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_keys_on_bytes_match_the_general_path() {
        for w in [
            "fallujah",
            "yahya",
            "hashd",
            "suleimani",
            "soleimani",
            "ah",
            "aah",
            "boo",
            "yy",
            "kataib",
            "muhandis",
            "oh",
            "khurmatu",
            "q",
            "",
            "eeh",
            "abcdh",
        ] {
            let (mut a, mut b) = (String::new(), String::new());
            push_word_key_ascii(w, &mut a);
            push_word_key_chars(w, &mut b);
            assert_eq!(a, b, "{w:?}");
        }
    }

    #[test]
    fn plain_word_keys_match_the_folded_text_path() {
        // A word with a dot after it is folded by `FoldedText`, word by word; a bare word of
        // ASCII letters and digits takes `name_key`'s short cut. Both must give one key.
        for w in [
            "Fallujah",
            "YAHYA",
            "Hashd",
            "al",
            "Al",
            "The",
            "2nd",
            "1991",
            "Ooh",
            "Kirkuk",
            "Qayyarah",
            "eeh",
            "Y",
            "x",
            "K1",
            "Hh",
            "Counterterrorismoperationscommandcentre",
        ] {
            assert_eq!(name_key(w), name_key(&format!("{w}.")), "{w:?}");
        }
    }

    #[test]
    fn ascii_fast_path_folds_as_the_general_one() {
        for s in [
            "The U.S.-led coalition's strikes",
            "  Kata'ib Hizballah -- 2nd Brigade (K-1) `x` ",
            "the ",
            "THE Islamic State in Iraq & al-Sham!",
            "",
            "...",
            "a.m. 5:30 p.m. ET",
        ] {
            assert_eq!(fold_ascii(s), fold_unicode(s), "{s:?}");
        }
    }

    #[test]
    fn fold_matches_reader_comparison() {
        assert_eq!(fold("U.S. Forces"), "us forces");
        assert_eq!(fold("The Islamic State"), "islamic state");
        assert_eq!(fold("Kata'ib Ḥizballah"), "kataib hizballah");
        assert_eq!(fold("Ain al-Asad"), "ain al asad");
    }

    #[test]
    fn name_key_evens_transliterations() {
        assert_eq!(name_key("Yahia Rasool"), name_key("Yahya Rasul"));
        assert_eq!(name_key("Qassem Soleimani"), name_key("Qasem Suleimani"));
        assert_eq!(name_key("Ain al-Asad"), name_key("Ain Al Assad"));
        assert_eq!(name_key("Deir ez-Zour"), name_key("Deir el-Zor"));
        assert_eq!(name_key("Fallujah"), name_key("Falluja"));
        assert_eq!(
            name_key("Abu Mahdi al-Muhandis"),
            name_key("Abu Mahdi Al Mohandes")
        );
        assert_ne!(name_key("Basra"), name_key("Busra"));
    }

    #[test]
    fn folded_text_maps_back_to_spans() {
        let text = "Rockets hit Ain al-Assad, in Iraq's Anbar.";
        let f = FoldedText::new(text);
        assert!(f.text.contains("ain asad | in iraq | anbar"), "{}", f.text);
        let key = name_key("Ain al-Asad");
        let pos = f.text.find(&key).unwrap();
        let (_, _, span) = f.original_span(pos, pos + key.len()).unwrap();
        assert_eq!(span.of(text), "Ain al-Assad");
    }

    #[test]
    fn initials_join() {
        let f = FoldedText::new("U.S. forces");
        assert_eq!(f.text, format!("us {}", name_key("forces")));
    }
}
