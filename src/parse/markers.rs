//! Bare URLs and citation markers in plain text. (Placeholder, to be replaced.)

use std::ops::Range;

/// What a match in [`find`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// A URL written out (`https://...`, `www.example.org/...`).
    Url,
    /// A citation marker: `[12]`, `[3, 5]`, `(Smith, 2019)`, ...
    Citation,
}

/// Finds bare URLs and citation markers, in order, not overlapping.
pub fn find(text: &str) -> Vec<(Range<usize>, Marker)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = text[pos..].find("http") {
        let s = pos + i;
        let rest = &text[s..];
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push((s..s + len, Marker::Url));
            pos = s + len;
        } else {
            pos = s + 4;
        }
    }
    out
}
