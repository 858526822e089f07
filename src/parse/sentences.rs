//! Sentence splitting. (Placeholder: a naive splitter, to be replaced.)

use std::ops::Range;

/// Splits text into sentences: byte ranges, trimmed of surrounding white space,
/// in order, not overlapping, together covering every non-space character.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let b = text.as_bytes();
    for (i, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if matches!(c, '.' | '!' | '?')
            && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
            && let Some(s) = start.take()
        {
            out.push(s..i + 1);
        }
    }
    if let Some(s) = start {
        out.push(s..text.trim_end().len().max(s));
    }
    out
}
