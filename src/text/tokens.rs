//! Tokens of a sentence: words, numbers and punctuation, each with its byte span.
//!
//! Hyphens split words ("Iran-backed" is `Iran`, `-`, `backed`), an apostrophe inside a word
//! stays ("Kata'ib"), a possessive `'s` is a token of its own, and numbers keep their thousands
//! separators and decimals ("5,200", "7.8").

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Lowercased text, with curly apostrophes made straight.
    pub lower: Lower,
}

/// A token's lowercase text, kept inline when it is short (nearly every word is), so that
/// tokenizing does not allocate once per token.
#[derive(Clone)]
pub enum Lower {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

/// The longest text a [`Lower`] keeps inline.
const INLINE: usize = 22;

impl Lower {
    pub fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Lower::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            Lower::Heap(s.into())
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            // SAFETY: the bytes are a copy of a whole `&str` (see `new`), so valid UTF-8.
            Lower::Inline { len, bytes } => unsafe {
                std::str::from_utf8_unchecked(&bytes[..usize::from(*len)])
            },
            Lower::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Lower {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Lower {
    fn eq(&self, other: &Lower) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Lower {}

impl PartialEq<str> for Lower {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Lower> for &str {
    fn eq(&self, other: &Lower) -> bool {
        *self == other.as_str()
    }
}

impl AsRef<str> for Lower {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Token {
    /// The token's text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.of(text)
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is(&self, lower: &str) -> bool {
        self.lower == lower
    }
}

/// Tokenizes the part of `text` that `span` covers.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = &text[span.start..span.end];
    // About one token per five bytes of prose: room enough that the vector seldom grows.
    let mut out = Vec::with_capacity(s.len() / 4 + 4);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let start = span.start + i;
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    chars.next();
                } else if (d == ',' || d == '.')
                    && s[j + 1..]
                        .chars()
                        .next()
                        .map(|x| x.is_ascii_digit())
                        .unwrap_or(false)
                {
                    // "5,200" or "7.8": a separator between digits.
                    chars.next();
                    end = j + 1;
                } else if d.is_alphabetic() {
                    // "8th", "2nd": ordinal suffixes stay with the number.
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push(&mut out, text, start, span.start + end, TokenKind::Number);
            continue;
        }
        if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric()
                    || (!d.is_ascii() && unicode_normalization::char::is_combining_mark(d))
                {
                    end = j + d.len_utf8();
                    chars.next();
                } else if is_apostrophe(d) {
                    let rest = &s[j + d.len_utf8()..];
                    let mut rc = rest.chars();
                    let a = rc.next();
                    let b = rc.next();
                    let possessive = matches!(a, Some('s') | Some('S'))
                        && !b.map(|x| x.is_alphanumeric()).unwrap_or(false);
                    if !possessive && a.map(|x| x.is_alphabetic()).unwrap_or(false) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            push(&mut out, text, start, span.start + end, TokenKind::Word);
            continue;
        }
        if is_apostrophe(c) {
            if let Some(&(j, d)) = chars.peek() {
                if d == 's' || d == 'S' {
                    let after = s[j + 1..].chars().next();
                    if !after.map(|x| x.is_alphanumeric()).unwrap_or(false) {
                        chars.next();
                        push(&mut out, text, start, span.start + j + 1, TokenKind::Punct);
                        continue;
                    }
                }
            }
        }
        push(
            &mut out,
            text,
            start,
            start + c.len_utf8(),
            TokenKind::Punct,
        );
    }
    out
}

fn push(out: &mut Vec<Token>, text: &str, start: usize, end: usize, kind: TokenKind) {
    let word = &text[start..end];
    // ASCII words need neither Unicode case mapping nor apostrophe replacement.
    let lower = if word.is_ascii() && !word.contains('`') {
        if word.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            bytes.make_ascii_lowercase();
            Lower::Inline {
                len: word.len() as u8,
                bytes,
            }
        } else {
            Lower::new(&word.to_ascii_lowercase())
        }
    } else {
        Lower::new(
            &word
                .to_lowercase()
                .replace(['\u{2019}', '\u{2018}', '`', '\u{02bc}'], "'"),
        )
    };
    out.push(Token {
        span: Span::new(start, end),
        kind,
        lower,
    });
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_text_inline_or_on_the_heap_reads_the_same() {
        let long = "counterterrorismoperationscommand";
        let t = "Drone STRIKE on CounterTerrorismOperationsCommand and Kata\u{2019}ib";
        let toks = tokenize(t, Span::new(0, t.len()));
        let lower: Vec<&str> = toks.iter().map(|k| k.lower.as_str()).collect();
        assert_eq!(lower, vec!["drone", "strike", "on", long, "and", "kata'ib"]);
        assert!(matches!(toks[3].lower, Lower::Heap(_)));
        assert!(matches!(toks[5].lower, Lower::Heap(_)) == ("kata'ib".len() > INLINE));
        assert!(matches!(Lower::new("strike"), Lower::Inline { .. }));
        assert!(toks[1].lower == "strike");
        assert!("strike" == toks[1].lower);
        assert_eq!(Lower::new("x"), Lower::new("x"));
        assert_ne!(Lower::new("x"), Lower::new("xy"));
    }

    #[test]
    fn tokens_of_a_news_sentence() {
        let t = "Iran-backed Kata'ib Hezbollah's 5,200 men, 7.8 km.";
        let toks: Vec<&str> = tokenize(t, Span::new(0, t.len()))
            .iter()
            .map(|k| k.text(t))
            .collect();
        assert_eq!(
            toks,
            vec![
                "Iran",
                "-",
                "backed",
                "Kata'ib",
                "Hezbollah",
                "'s",
                "5,200",
                "men",
                ",",
                "7.8",
                "km",
                "."
            ]
        );
    }
}
