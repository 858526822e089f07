//! Parsers: Markdown and plain text, each producing the same [`Document`].
//!
//! Both parsers hand their headings and blocks to a [`tree::TreeBuilder`], which
//! nests sections by level, and build every prose run with [`prose`], which
//! splits sentences and attaches support (links, footnotes, citation markers)
//! to each sentence, so the two formats agree on everything but how structure
//! was recognised.

pub mod faq;
pub mod markdown;
pub mod markers;
pub mod plain;
pub mod sentences;
pub mod tree;

use std::ops::Range;

use crate::document::{
    Block, Document, Format, Prose, READING_WPM, Sentence, Stats, Support, SupportKind, Text,
};
use crate::source::{Source, Span};

/// Limits the parsers work within.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// Block containers (quotes, lists, list items, tables) nested deeper
    /// than this are flattened into the deepest one kept. At most
    /// [`MAX_NESTING_CEILING`].
    pub max_nesting: usize,
}

/// Default [`ParseOptions::max_nesting`].
pub const DEFAULT_MAX_NESTING: usize = 64;

/// The highest [`ParseOptions::max_nesting`] honoured (a higher one is
/// lowered to it): the document model is a tree, and trees much deeper than
/// this could exhaust a thread's stack when walked, dropped or serialised.
pub const MAX_NESTING_CEILING: usize = 1000;

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_nesting: DEFAULT_MAX_NESTING,
        }
    }
}

/// Parses a source as the given format, with the default limits.
pub fn parse(path: impl Into<String>, source: Source, format: Format) -> Document {
    parse_with(path, source, format, &ParseOptions::default())
}

/// Parses a source as the given format.
pub fn parse_with(
    path: impl Into<String>,
    source: Source,
    format: Format,
    opts: &ParseOptions,
) -> Document {
    let path = path.into();
    let mut doc = match format {
        Format::Markdown => markdown::parse(path, source, opts),
        Format::Text => plain::parse(path, source),
    };
    doc.stats = stats(&doc);
    doc
}

/// Builds a prose run: splits its sentences, finds bare URLs and citation
/// markers in its text, and attaches every support item to the sentence it
/// ends in or follows.
pub fn prose(
    span: Span,
    mut text: Text,
    mut code: Vec<Range<usize>>,
    mut support: Vec<Support>,
) -> Prose {
    // A document holds one of these per paragraph, item, cell and heading:
    // keep no spare capacity.
    text.shrink_to_fit();
    code.shrink_to_fit();
    let plain = &text.plain;
    for (r, kind) in markers::find(plain) {
        if code.iter().any(|c| c.start < r.end && r.start < c.end) {
            continue;
        }
        // A link's text already counts as that link: do not read a URL or a
        // marker inside it twice.
        if support
            .iter()
            .any(|s| s.plain.start <= r.start && r.end <= s.plain.end && !s.plain.is_empty())
        {
            continue;
        }
        let kind = match kind {
            markers::Marker::Url => SupportKind::BareUrl {
                url: plain[r.clone()].to_string(),
            },
            markers::Marker::Citation => SupportKind::Marker {
                text: plain[r.clone()].to_string(),
            },
        };
        support.push(Support {
            kind,
            span: text.to_source(r.clone()),
            plain: r,
        });
    }
    support.sort_by_key(|s| (s.plain.start, s.plain.end));
    support.shrink_to_fit();
    let ranges = sentences::split(plain);
    let mut sentences: Vec<Sentence> = ranges
        .into_iter()
        .map(|r| Sentence {
            span: text.to_source(r.clone()),
            plain: r,
            support: Vec::new(),
        })
        .collect();
    // Each support item belongs to the sentence it starts in; one that starts
    // between sentences (a marker after the full stop: `... rose. [4]`) belongs
    // to the sentence before it.
    for (i, s) in support.iter().enumerate() {
        let at = sentences.partition_point(|x| x.plain.start <= s.plain.start);
        if let Some(sentence) = at.checked_sub(1).and_then(|k| sentences.get_mut(k)) {
            sentence.support.push(i);
        } else if let Some(first) = sentences.first_mut() {
            first.support.push(i);
        }
    }
    Prose {
        span,
        text,
        sentences,
        code,
        support,
    }
}

fn stats(doc: &Document) -> Stats {
    let mut st = Stats::default();
    for p in doc.prose() {
        if p.scope == crate::document::Scope::Heading {
            continue;
        }
        st.words += count_words(&p.prose.text.plain);
        st.sentences += p.prose.sentences.len();
    }
    fn count_paragraphs(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => 1,
                Block::Quote(q) => count_paragraphs(&q.blocks),
                Block::Faq(f) => count_paragraphs(&f.answer),
                _ => 0,
            })
            .sum()
    }
    st.paragraphs = doc
        .sections
        .iter()
        .map(|s| count_paragraphs(&s.blocks))
        .sum();
    st.reading_time_minutes = st.words.div_ceil(READING_WPM);
    st
}

/// Words: runs of non-space characters that contain a letter or a digit.
///
/// Every prose run of a document is counted, so ASCII is classed through
/// a table ([`crate::chars`]); other characters are decoded.
pub fn count_words(text: &str) -> usize {
    use crate::chars::{ALNUM, ASCII, WS, char_at};
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip white space.
        let b = bytes[i];
        if b.is_ascii() {
            if ASCII[b as usize] == WS {
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i).unwrap_or((' ', 1));
            if c.is_whitespace() {
                i += len;
                continue;
            }
        }
        // A run of other characters: a word if it holds a letter or digit.
        let mut alnum = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                let k = ASCII[b as usize];
                if k == WS {
                    break;
                }
                if k & ALNUM != 0 {
                    alnum = true;
                }
                i += 1;
            } else {
                let (c, len) = char_at(text, i).unwrap_or((' ', 1));
                if c.is_whitespace() {
                    break;
                }
                alnum |= c.is_alphanumeric();
                i += len;
            }
        }
        n += usize::from(alnum);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn counts_words_with_letters_or_digits() {
        assert_eq!(count_words("The U.S. grew 3% — a lot."), 6);
        assert_eq!(count_words("  --  ** "), 0);
        assert_eq!(count_words("naïve café\u{a0}au lait"), 4);
        assert_eq!(count_words("word\nword\tword"), 3);
        assert_eq!(count_words(""), 0);
    }

    /// `count_words` as first written, one character at a time.
    fn count_words_by_char(text: &str) -> usize {
        let mut n = 0;
        let mut in_word = false;
        let mut counted = false;
        for c in text.chars() {
            let space = if c.is_ascii() {
                c == ' ' || ('\t'..='\r').contains(&c)
            } else {
                c.is_whitespace()
            };
            if space {
                in_word = false;
            } else {
                if !in_word {
                    in_word = true;
                    counted = false;
                }
                if c.is_alphanumeric() && !counted {
                    counted = true;
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn table_count_equals_the_character_count() {
        let alphabet = "aZ09 .-*\t\n\r\x0b\x0c\u{1c}éΩ中😀\u{a0}\u{2003}\u{2014}\u{301}";
        let mut rng = crate::test_support::Rng(0x9e37_79b9);
        for text in crate::test_support::texts_of_chars(&mut rng, alphabet, 20, 20_000) {
            assert_eq!(count_words(&text), count_words_by_char(&text), "{text:?}");
        }
    }
}
