//! Text stage: folding of names, sentence splitting and tokens, all with byte spans into
//! the article text.
//!
//! This stage knows nothing of entities or RDF. It must never change the article text:
//! every span it returns indexes the original string, on `char` boundaries.

pub mod dates;
mod fold;
mod sentences;
mod tokens;
pub mod words;

pub use fold::{fold, is_hyphenated_article, name_key, FoldedText, FoldedToken};
pub use sentences::{sentences, Sentence};
pub use tokens::{tokenize, Lower, Token, TokenKind};

/// A byte range `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}
