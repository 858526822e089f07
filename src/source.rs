//! Reading a file into text: decoding, byte-order marks, line endings, and the
//! line index that turns byte offsets into 1-based line and column numbers.
//!
//! Every span in copydesk is a half-open byte range into [`Source::text`], the
//! file's bytes exactly as read (a UTF-8 byte-order mark included), so a span can
//! be handed to an editor or a SARIF consumer unchanged. Line and column are
//! derived here, once, at the edge: lines are ended by `\n`, `\r\n` or a lone
//! `\r`, and columns count Unicode scalar values (characters), 1-based.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Why a file could not be read as text. Every variant says where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not UTF-8; `offset` is the first byte that is not.
    InvalidUtf8 { offset: usize },
    /// A NUL byte at `offset`: the file is binary, not text.
    Binary { offset: usize },
    /// The file is larger than the configured limit.
    TooLarge { size: u64, limit: u64 },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte {offset}")
            }
            DecodeError::Binary { offset } => {
                write!(f, "binary file (NUL byte at byte {offset})")
            }
            DecodeError::TooLarge { size, limit } => write!(
                f,
                "file is {size} bytes, over the limit of {limit} bytes (raise `max-file-size` to read it)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

const BOM: &str = "\u{feff}";
/// Distance between the character-count checkpoints of the column index.
const CHECKPOINT: usize = 1024;

/// A decoded document text with its line index.
#[derive(Clone, Debug)]
pub struct Source {
    text: String,
    bom: bool,
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: LineStarts,
    /// Number of characters in `text[..k * CHECKPOINT]`, for each `k`.
    /// Empty when the text is ASCII (a column is then a byte difference).
    char_checkpoints: Vec<usize>,
}

impl Source {
    /// Decodes bytes as UTF-8 (a leading byte-order mark is allowed and kept).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Source, DecodeError> {
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(DecodeError::Binary { offset });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(text)),
            Err(e) => Err(DecodeError::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    /// Wraps text that is already decoded.
    pub fn new(text: String) -> Source {
        let bom = text.starts_with(BOM);
        let line_starts = line_starts(&text);
        let char_checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            let bytes = text.as_bytes();
            let mut acc = 0;
            let mut out = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            out.push(0);
            for chunk in bytes.chunks(CHECKPOINT) {
                acc += count_chars(chunk);
                out.push(acc);
            }
            out
        };
        Source {
            text,
            bom,
            line_starts,
            char_checkpoints,
        }
    }

    /// The whole text, byte-order mark included: spans index into this.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the text starts with a UTF-8 byte-order mark.
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// Byte offset where the content starts (3 after a byte-order mark, else 0).
    pub fn content_start(&self) -> usize {
        if self.bom { BOM.len() } else { 0 }
    }

    /// The text after any byte-order mark.
    pub fn content(&self) -> &str {
        &self.text[self.content_start()..]
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// Number of lines (a final line ending does not start a new line).
    pub fn line_count(&self) -> usize {
        let n = self.line_starts.len();
        if n > 1 && self.line_starts.at(n - 1) == self.text.len() {
            n - 1
        } else {
            n
        }
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        // Lines start in increasing order and the first at 0: the line is the
        // last one starting at or before `offset`.
        self.line_starts
            .count_at_or_before(offset)
            .saturating_sub(1)
    }

    /// The byte range of 0-based line `index`, without its line ending.
    pub fn line_span(&self, index: usize) -> Span {
        let start = self.line_starts.at(index);
        let mut end = self.line_starts.get(index + 1).unwrap_or(self.text.len());
        let b = self.text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based line and character column of a byte offset. An offset inside a
    /// multi-byte character counts as that character; one past the end of the
    /// text is allowed.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts.at(line);
        let column = if self.char_checkpoints.is_empty() {
            offset - start
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_index(offset.min(self.text.len())) + 1
    }

    /// Number of characters in `text[..offset]`.
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHECKPOINT;
        self.char_checkpoints[k] + count_chars(&self.text.as_bytes()[k * CHECKPOINT..offset])
    }
}

/// Characters in a byte slice of UTF-8: the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Line start offsets, 32-bit when the text allows (any file copydesk reads:
/// `max-file-size` is at most 4 GiB - 1), which halves the index of a file
/// of short lines.
#[derive(Clone, Debug)]
enum LineStarts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl LineStarts {
    fn len(&self) -> usize {
        match self {
            LineStarts::Narrow(v) => v.len(),
            LineStarts::Wide(v) => v.len(),
        }
    }

    fn get(&self, i: usize) -> Option<usize> {
        match self {
            LineStarts::Narrow(v) => v.get(i).map(|&x| x as usize),
            LineStarts::Wide(v) => v.get(i).copied(),
        }
    }

    /// The start of line `i` (which must exist).
    fn at(&self, i: usize) -> usize {
        match self {
            LineStarts::Narrow(v) => v[i] as usize,
            LineStarts::Wide(v) => v[i],
        }
    }

    /// How many lines start at or before `offset`.
    fn count_at_or_before(&self, offset: usize) -> usize {
        match self {
            LineStarts::Narrow(v) => v.partition_point(|&s| s as usize <= offset),
            LineStarts::Wide(v) => v.partition_point(|&s| s <= offset),
        }
    }
}

fn line_starts(text: &str) -> LineStarts {
    fn collect<T>(text: &str, at: impl Fn(usize) -> T) -> Vec<T> {
        let b = text.as_bytes();
        let mut starts = vec![at(0)];
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                continue; // the `\n` that follows ends this line
            }
            starts.push(at(i + 1));
        }
        starts.shrink_to_fit();
        starts
    }
    // Line starts run up to `text.len()`, which must fit.
    if u32::try_from(text.len()).is_ok() {
        LineStarts::Narrow(collect(text, |i| i as u32))
    } else {
        LineStarts::Wide(collect(text, |i| i))
    }
}

/// Iterates the lines of `text` as byte spans without their line endings,
/// treating `\n`, `\r\n` and a lone `\r` alike.
pub fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        match memchr::memchr2(b'\n', b'\r', &b[pos..]) {
            Some(i) => {
                let end = pos + i;
                pos = end + 1;
                if b[end] == b'\r' && b.get(end + 1) == Some(&b'\n') {
                    pos += 1;
                }
                Some(Span::new(start, end))
            }
            None => {
                pos = b.len();
                Some(Span::new(start, b.len()))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(s: &Source, off: usize) -> (usize, usize) {
        let p = s.line_col(off);
        (p.line, p.column)
    }

    #[test]
    fn line_endings_agree() {
        for text in ["a\nbc\n\nd", "a\r\nbc\r\n\r\nd", "a\rbc\r\rd"] {
            let s = Source::new(text.to_string());
            assert_eq!(s.line_count(), 4, "{text:?}");
            let d = text.find('d').unwrap();
            assert_eq!(lc(&s, d), (4, 1), "{text:?}");
            let c = text.find('c').unwrap();
            assert_eq!(lc(&s, c), (2, 2), "{text:?}");
            let spans: Vec<&str> = lines(text).map(|sp| &text[sp.range()]).collect();
            assert_eq!(spans, ["a", "bc", "", "d"], "{text:?}");
        }
    }

    #[test]
    fn columns_count_characters() {
        let s = Source::new("\u{feff}é🤝x\nñ".to_string());
        assert!(s.has_bom());
        assert_eq!(s.content_start(), 3);
        let x = s.text().find('x').unwrap();
        assert_eq!(lc(&s, x), (1, 4)); // BOM, é, 🤝 before it
        let n = s.text().find('ñ').unwrap();
        assert_eq!(lc(&s, n), (2, 1));
        assert_eq!(lc(&s, s.text().len()), (2, 2));
    }

    #[test]
    fn columns_across_checkpoints() {
        let mut text = "é".repeat(3000);
        text.push('\n');
        text.push_str(&"ü".repeat(1500));
        let s = Source::new(text.clone());
        let second = text.find('ü').unwrap();
        assert_eq!(lc(&s, second + 2 * 700), (2, 701));
        assert_eq!(lc(&s, 2 * 2999), (1, 3000));
    }

    #[test]
    fn decode_errors_say_where() {
        assert_eq!(
            Source::from_bytes(b"ab\xffcd".to_vec()).unwrap_err(),
            DecodeError::InvalidUtf8 { offset: 2 }
        );
        assert_eq!(
            Source::from_bytes(b"abc\0".to_vec()).unwrap_err(),
            DecodeError::Binary { offset: 3 }
        );
    }

    #[test]
    fn line_span_strips_endings() {
        let s = Source::new("ab\r\ncd\re".to_string());
        assert_eq!(s.slice(s.line_span(0)), "ab");
        assert_eq!(s.slice(s.line_span(1)), "cd");
        assert_eq!(s.slice(s.line_span(2)), "e");
    }
}
