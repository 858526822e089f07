//! Words as the repeat rules compare them: split from plain text, lowercased,
//! stripped of punctuation and of simple inflection (Snowball English
//! stemming), and hashed, so that "Partners", "partner’s" and "partners" are
//! the same word.

use std::hash::Hasher;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use crate::chars::{ASCII_ALNUM, char_at};
use rustc_hash::{FxHashMap, FxHasher};

/// A word of plain text: its byte range and what it compares as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the text (32-bit: files are at most 4 GiB, see
    /// `max-file-size`); [`Word::plain`] gives it as a range.
    pub range: (u32, u32),
    /// Hash of the stem (what the rules compare).
    pub id: u64,
    /// A function word ("the", "of", "however", ...), which alone makes no phrase.
    pub function: bool,
    /// Starts with a capital letter or is a number (names, acronyms, figures).
    pub capital: bool,
    /// Two letters or more, none lower case ("US", "NATO"), or a number: a
    /// name wherever it stands, even at the start of a sentence.
    pub acronym: bool,
}

impl Word {
    pub fn plain(&self) -> Range<usize> {
        self.range.0 as usize..self.range.1 as usize
    }
}

/// Turns text into [`Word`]s.
///
/// Everything a [`Word`] carries besides its range depends only on the
/// word's own characters, so each distinct word is lowercased and stemmed
/// once per thread and looked up afterwards (see [`CACHE_WORDS`]).
pub struct Normalizer {
    stemmer: Stemmer,
    lower: String,
}

/// What a word compares as: a [`Word`] without its range.
#[derive(Clone, Copy, Debug)]
struct Norm {
    id: u64,
    function: bool,
    capital: bool,
    acronym: bool,
}

impl Norm {
    /// The word at plain `range` that compares as this.
    fn at(self, range: Range<usize>) -> Word {
        Word {
            range: (range.start as u32, range.end as u32),
            id: self.id,
            function: self.function,
            capital: self.capital,
            acronym: self.acronym,
        }
    }
}

/// Most distinct words remembered per thread; past it the cache starts
/// over (bounds memory on text of endless distinct "words", such as hashes
/// or numbers).
const CACHE_WORDS: usize = 1 << 16;
/// Longer words (rare, and possibly huge in hostile input) are not cached.
const CACHE_WORD_BYTES: usize = 64;

thread_local! {
    /// Raw word → what it compares as. The results are a pure function of
    /// the word, so the cache changes no output, whatever the thread.
    static CACHE: std::cell::RefCell<FxHashMap<Box<str>, Norm>> =
        std::cell::RefCell::new(FxHashMap::default());
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    pub fn new() -> Normalizer {
        Normalizer {
            stemmer: Stemmer::create(Algorithm::English),
            lower: String::new(),
        }
    }

    /// The words of `text`, in order.
    pub fn words(&mut self, text: &str, out: &mut Vec<Word>) {
        self.words_upto(text, usize::MAX, out);
    }

    /// The first `limit` words of `text` (all of them if fewer), in order.
    pub fn words_upto(&mut self, text: &str, limit: usize, out: &mut Vec<Word>) {
        self.each_word(text, limit, |w| out.push(w));
    }

    /// Each of the first `limit` words of `text`, in order, handed to `f`
    /// (for callers that keep them in another form).
    pub fn each_word(&mut self, text: &str, limit: usize, mut f: impl FnMut(Word)) {
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            for r in word_ranges(text).take(limit) {
                let raw = &text[r.clone()];
                let n = match cache.get(raw) {
                    Some(n) => *n,
                    None if raw.len() > CACHE_WORD_BYTES => self.normalize(raw),
                    None => {
                        let n = self.normalize(raw);
                        if cache.len() >= CACHE_WORDS {
                            cache.clear();
                        }
                        cache.insert(raw.into(), n);
                        n
                    }
                };
                f(n.at(r));
            }
        });
    }

    /// Lowercases, stems and classifies one word.
    fn normalize(&mut self, raw: &str) -> Norm {
        self.lower.clear();
        for c in raw.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02bc}' => self.lower.push('\''),
                c => self.lower.extend(c.to_lowercase()),
            }
        }
        // "US", "IT": an acronym is a name, not a pronoun.
        let acronym = raw.chars().count() >= 2 && raw.chars().all(|c| !c.is_lowercase());
        // "U.S." and "US", "e.g." and "eg" are the same word.
        if self.lower.contains('.') && self.lower.split('.').all(|p| p.chars().count() == 1) {
            self.lower.retain(|c| c != '.');
        }
        let function = !acronym && is_function_word(&self.lower);
        let stem = self.stemmer.stem(&self.lower);
        let first = raw.chars().next().unwrap_or(' ');
        Norm {
            id: hash_str(&stem),
            function,
            capital: first.is_uppercase() || first.is_numeric(),
            acronym: acronym || first.is_numeric(),
        }
    }
}

/// Byte ranges of the words of `text`: runs of letters and digits, joined
/// by an apostrophe, hyphen, underscore or dot between two of them ("don’t",
/// "NATO’s", "counter-terrorism", "3.5"), and abbreviations of single
/// letters ("U.S."); everything else separates words.
///
/// Every word of a document passes through here, so ASCII letters and
/// digits are told apart byte by byte; any other character is decoded.
pub fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        // Skip to the next letter or digit.
        let start = loop {
            // (`pos` never passes the end: it moves by whole characters.)
            pos += bytes[pos..]
                .iter()
                .position(|&b| !b.is_ascii() || ASCII_ALNUM[b as usize])
                .unwrap_or(bytes.len() - pos);
            let b = *bytes.get(pos)?;
            if b.is_ascii() {
                pos += 1;
                break pos - 1;
            }
            let (c, len) = char_at(text, pos)?;
            pos += len;
            if c.is_alphanumeric() {
                break pos - len;
            }
        };
        loop {
            pos += bytes[pos..]
                .iter()
                .position(|&b| !ASCII_ALNUM[b as usize])
                .unwrap_or(bytes.len() - pos);
            if pos >= bytes.len() {
                break;
            }
            let Some((c, len)) = char_at(text, pos) else {
                break;
            };
            if c.is_alphanumeric() || c == '\u{0301}' {
                pos += len;
                continue;
            }
            // A hyphen, underscore or dot between two letters or digits
            // joins them: "counter-terrorism", "M-15-13", "3.5", "x86_64";
            // an apostrophe joins two letters ("don't"): keep going only if
            // a letter or digit follows.
            if matches!(c, '-' | '_' | '.' | '\u{2011}' | '\'' | '\u{2019}')
                && char_at(text, pos + len).is_some_and(|(n, _)| n.is_alphanumeric())
            {
                pos += len;
                continue;
            }
            return Some(start..pos);
        }
        Some(start..text.len())
    })
}

/// A fast deterministic hash of a string (FxHash: stable across runs).
pub fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// Mixes a sequence of word ids into one hash.
pub fn hash_ids(ids: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = FxHasher::default();
    for id in ids {
        h.write_u64(id);
    }
    h.finish()
}

/// Whether a lowercased word is a function word: articles, pronouns,
/// prepositions, conjunctions, auxiliaries and the connectives that open
/// sentences. A phrase made only of these is not worth reporting.
pub fn is_function_word(lower: &str) -> bool {
    FUNCTION_WORDS.binary_search(&lower).is_ok()
}

/// Sorted (a unit test checks it).
static FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "aren't",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "eg",
    "either",
    "else",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "furthermore",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "ie",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "less",
    "let",
    "let's",
    "many",
    "may",
    "me",
    "might",
    "more",
    "moreover",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "rather",
    "same",
    "shall",
    "she",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "therefore",
    "these",
    "they",
    "they're",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "we're",
    "were",
    "weren't",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "you're",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<u64> {
        let mut n = Normalizer::new();
        let mut out = Vec::new();
        n.words(text, &mut out);
        out.iter().map(|w| w.id).collect()
    }

    /// Normalises `text` with a cold cache, the way the first document
    /// does (no cache involved).
    fn uncached(text: &str) -> Vec<Word> {
        let mut n = Normalizer::new();
        word_ranges(text)
            .map(|r| n.normalize(&text[r.clone()]).at(r))
            .collect()
    }

    #[test]
    fn cached_words_equal_fresh_ones() {
        let t = "The partners' U.S. office: NATO’s partners and the Partner, 3.5 times.";
        let mut n = Normalizer::new();
        let (mut first, mut second) = (Vec::new(), Vec::new());
        n.words(t, &mut first);
        Normalizer::new().words(t, &mut second);
        assert_eq!(first, uncached(t));
        assert_eq!(second, first);
    }

    #[test]
    fn the_cache_is_bounded() {
        let mut n = Normalizer::new();
        let mut out = Vec::new();
        let text: String = (0..CACHE_WORDS + 10).map(|i| format!("w{i} ")).collect();
        n.words(&text, &mut out);
        assert_eq!(out.len(), CACHE_WORDS + 10);
        assert!(CACHE.with(|c| c.borrow().len()) <= CACHE_WORDS);
        // Still right after starting over.
        let t = "w1 w2 partners";
        let mut again = Vec::new();
        n.words(t, &mut again);
        assert_eq!(again, uncached(t));
    }

    #[test]
    fn words_upto_stops_early() {
        let t = "one two three four five six";
        let mut n = Normalizer::new();
        let (mut all, mut some) = (Vec::new(), Vec::new());
        n.words(t, &mut all);
        n.words_upto(t, 4, &mut some);
        assert_eq!(some[..], all[..4]);
    }

    #[test]
    fn function_words_are_sorted() {
        for w in FUNCTION_WORDS.windows(2) {
            assert!(w[0] < w[1], "{} before {}", w[0], w[1]);
        }
    }

    /// `word_ranges` as first written, one decoded character at a time.
    fn word_ranges_by_char(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let start = loop {
                let Some((c, len)) = char_at(text, pos) else {
                    return out;
                };
                pos += len;
                if c.is_alphanumeric() {
                    break pos - len;
                }
            };
            let mut end = text.len();
            while let Some((c, len)) = char_at(text, pos) {
                if c.is_alphanumeric() || c == '\u{0301}' {
                    pos += len;
                    continue;
                }
                if matches!(c, '-' | '_' | '.' | '\u{2011}' | '\'' | '\u{2019}')
                    && char_at(text, pos + len).is_some_and(|(n, _)| n.is_alphanumeric())
                {
                    pos += len;
                    continue;
                }
                end = pos;
                break;
            }
            out.push(start..end);
        }
    }

    #[test]
    fn byte_level_word_split_equals_the_character_one() {
        // Text made of the characters that matter: ASCII letters, digits,
        // joiners and separators, letters and digits outside ASCII, a
        // combining accent, joiners outside ASCII and other symbols.
        let alphabet = "aZ09 -_.'\u{2019}\u{2011}\u{301},;!?\n\t\"()éßİΩжي٣中😀\u{a0}\u{2014}";
        let mut rng = crate::test_support::Rng(0x5eed);
        for text in crate::test_support::texts_of_chars(&mut rng, alphabet, 24, 20_000) {
            let fast: Vec<Range<usize>> = word_ranges(&text).collect();
            assert_eq!(fast, word_ranges_by_char(&text), "{text:?}");
        }
    }

    #[test]
    fn words_split_on_punctuation_and_keep_apostrophes() {
        let t = "NATO’s counter-terrorism (e.g. ISIS) isn't 3.5 done in the U.S. A.";
        let words: Vec<&str> = word_ranges(t).map(|r| &t[r]).collect();
        assert_eq!(
            words,
            [
                "NATO’s",
                "counter-terrorism",
                "e.g",
                "ISIS",
                "isn't",
                "3.5",
                "done",
                "in",
                "the",
                "U.S",
                "A"
            ]
        );
        assert_eq!(ids("the U.S. and"), ids("the US and"));
    }

    #[test]
    fn case_punctuation_and_inflection_compare_equal() {
        assert_eq!(
            ids("By working together, the partners CAN."),
            ids("by Work together the partner can")
        );
        assert_eq!(ids("partner’s"), ids("partner's"));
        assert_ne!(ids("partners"), ids("parties"));
    }

    #[test]
    fn function_words_and_capitals_are_marked() {
        let mut n = Normalizer::new();
        let mut out = Vec::new();
        n.words(
            "However the Senate voted 12 times with us and the US",
            &mut out,
        );
        let f: Vec<bool> = out.iter().map(|w| w.function).collect();
        assert_eq!(
            f,
            [
                true, true, false, false, false, false, true, true, true, true, false
            ]
        );
        let c: Vec<bool> = out.iter().map(|w| w.capital).collect();
        assert_eq!(
            c,
            [
                true, false, true, false, true, false, false, false, false, false, true
            ]
        );
    }
}
