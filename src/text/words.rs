//! Word lists the rules test tokens against, looked up by hash.
//!
//! The rules ask, token after token, whether a word is one of a list ("is this a reporting
//! verb?", "a preposition?"). Scanning a list of a hundred words for every token cost more
//! than all the rest of a rule; a [`WordList`] keeps its words in the order written (for
//! iteration) and answers membership from a hash map built on first use; a [`WordMap`] does
//! the same for words with a value.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Deref;
use std::sync::OnceLock;

/// A fast hash for short keys such as words: eight bytes at a time, each word of input
/// mixed in by a rotation, an exclusive or and a multiplication (the scheme of rustc's
/// FxHasher). Not resistant to chosen collisions, which does not matter for fixed word lists
/// and an article's own names.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy of a variable length would call memcpy.
            let last = rest
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            self.add(last);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// Builds [`FastHasher`]s.
pub type FastState = BuildHasherDefault<FastHasher>;
/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, FastState>;

/// A fixed list of lowercase words.
pub struct WordList {
    words: &'static [&'static str],
    index: OnceLock<Index>,
}

/// The words of a list by hash, with a quick test that turns most other words away before
/// hashing: the pairs of first byte and length that occur in the list.
struct Index {
    /// Each word with the position of its first listing.
    positions: FastMap<&'static str, usize>,
    /// Bit `len % 64` of entry `first byte` is set when some word has that first byte and
    /// length.
    starts: Box<[u64; 256]>,
}

impl Index {
    fn new(words: impl Iterator<Item = &'static str>) -> Self {
        let mut positions = FastMap::default();
        let mut starts = Box::new([0u64; 256]);
        for (i, w) in words.enumerate() {
            positions.entry(w).or_insert(i);
            if let Some(&b) = w.as_bytes().first() {
                starts[usize::from(b)] |= 1 << (w.len() % 64);
            }
        }
        Index { positions, starts }
    }

    /// The position of `word` in the list.
    #[inline]
    fn get(&self, word: &str) -> Option<usize> {
        if self.may_hold(word) {
            self.positions.get(word).copied()
        } else {
            None
        }
    }

    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) => self.starts[usize::from(b)] & (1 << (word.len() % 64)) != 0,
            None => self.positions.contains_key(""),
        }
    }
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordList {
            words,
            index: OnceLock::new(),
        }
    }

    /// Whether `word` is one of the list, as written (no case folding).
    #[inline]
    pub fn contains<S: AsRef<str> + ?Sized>(&self, word: &S) -> bool {
        let word = word.as_ref();
        let index = self
            .index
            .get_or_init(|| Index::new(self.words.iter().copied()));
        index.may_hold(word) && index.positions.contains_key(word)
    }
}

impl Deref for WordList {
    type Target = [&'static str];

    fn deref(&self) -> &Self::Target {
        self.words
    }
}

/// A fixed list of words, each with a value.
pub struct WordMap<V: 'static> {
    pairs: &'static [(&'static str, V)],
    map: OnceLock<Index>,
}

impl<V: 'static> WordMap<V> {
    pub const fn new(pairs: &'static [(&'static str, V)]) -> Self {
        WordMap {
            pairs,
            map: OnceLock::new(),
        }
    }

    /// The value of `word`; the first pair wins when a word is listed twice.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&'static V> {
        let index = self
            .map
            .get_or_init(|| Index::new(self.pairs.iter().map(|(w, _)| *w)));
        index.get(word).map(|i| &self.pairs[i].1)
    }
}

impl<V: 'static> Deref for WordMap<V> {
    type Target = [(&'static str, V)];

    fn deref(&self) -> &Self::Target {
        self.pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LIST: WordList = WordList::new(&["said", "told", "added"]);
    static MAP: WordMap<u32> = WordMap::new(&[("two", 2), ("dozen", 12), ("two", 99)]);

    #[test]
    fn list_answers_membership_and_keeps_order() {
        assert!(LIST.contains("told"));
        assert!(LIST.contains(&String::from("added")));
        assert!(!LIST.contains("Said"));
        assert!(!LIST.contains(""));
        assert_eq!(
            LIST.iter().copied().collect::<Vec<_>>(),
            ["said", "told", "added"]
        );
    }

    #[test]
    fn map_gives_the_first_value_of_a_word() {
        assert_eq!(MAP.get("two"), Some(&2));
        assert_eq!(MAP.get("dozen"), Some(&12));
        assert_eq!(MAP.get("three"), None);
        assert_eq!(MAP.len(), 3);
    }

    #[test]
    fn hasher_separates_words() {
        let h = |s: &str| {
            let mut x = FastHasher::default();
            x.write(s.as_bytes());
            x.finish()
        };
        assert_ne!(h("ab"), h("ba"));
        assert_eq!(h("drone"), h("drone"));
    }
}
