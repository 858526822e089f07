//! Stage 1: cut the text into lines and say what each line looks like on its
//! own (blank, prose, list item, pipe row, table separator, FAQ marker, code
//! fence, rule). Nothing here looks at a line's neighbours; that is
//! [`super::blocks`]' job.
//!
//! One [`Line`] per source line, with byte offsets only: no per-line
//! allocation.

use crate::source::Span;

/// What a line looks like by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    /// Anything else: prose, a heading, a caption, ...
    Text,
    /// `- x`, `• x`, `* x`, `+ x`, `1. x`, `1) x`, `a) x`: `text` is what follows
    /// the marker.
    Item(Item),
    /// A line with a pipe in it (a table row, if its neighbours agree).
    Row,
    /// `---|---`, `|:--|--:|`: only pipes, dashes, colons and spaces.
    Separator,
    /// A line holding a single disclosure glyph (`▼`, `▶`, `+`, ...), left where
    /// an interactive FAQ question was.
    Marker,
    /// ```` ``` ```` or `~~~`, with an optional info string.
    Fence,
    /// `* * *`, `---`, `___`: a thematic break.
    Rule,
}

/// A list item's marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Item {
    pub ordered: bool,
    /// The number of an ordered item (`a)` counts as 1).
    pub number: u64,
    /// The marker's bytes (`-`, `12.`, `a)`).
    pub marker: Span,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Line {
    /// The line without its ending.
    pub span: Span,
    /// The content: trimmed of white space and, for an item, after its marker.
    pub text: Span,
    /// Leading white space in columns (a tab counts 4).
    pub indent: u32,
    /// Characters in `text`.
    pub chars: u32,
    pub kind: Kind,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.kind == Kind::Blank
    }

    /// The line trimmed of white space, an item's marker included.
    pub fn text_or_marker(&self) -> Span {
        match self.kind {
            Kind::Item(item) => Span::new(item.marker.start, self.text.end.max(item.marker.end)),
            _ => self.text,
        }
    }
}

/// Glyphs that stand alone on a line where a collapsed FAQ question was.
/// Conservative on purpose: arrows and chevrons people use for disclosure
/// widgets, and `+` / `−`. A lone `v` is accepted later, only in company.
pub(super) fn is_marker_glyph(c: char) -> bool {
    matches!(
        c,
        '▼' | '▽'
            | '▾'
            | '▿'
            | '▶'
            | '▷'
            | '►'
            | '▸'
            | '▹'
            | '›'
            | '»'
            | '⌄'
            | '˅'
            | '⏷'
            | '⯆'
            | '❯'
            | '﹀'
            | '+'
            | '−'
    )
}

/// Scans `text[start..]` into lines.
pub(super) fn scan(text: &str, start: usize) -> Vec<Line> {
    let b = text.as_bytes();
    // A rough guess of the line count saves reallocations on big inputs.
    let mut out = Vec::with_capacity((b.len() - start) / 48 + 1);
    let mut pos = start;
    while pos < b.len() {
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &b[pos..]) {
            Some(i) => {
                let end = pos + i;
                let next = if b[end] == b'\r' && b.get(end + 1) == Some(&b'\n') {
                    end + 2
                } else {
                    end + 1
                };
                (end, next)
            }
            None => (b.len(), b.len()),
        };
        out.push(classify(text, Span::new(pos, end)));
        pos = next;
    }
    out
}

fn classify(text: &str, span: Span) -> Line {
    let s = &text[span.range()];
    let (indent, lead) = indentation(s);
    let trimmed = s[lead..].trim_end();
    let t0 = span.start + lead;
    let content = Span::new(t0, t0 + trimmed.len());
    let mut line = Line {
        span,
        text: content,
        indent,
        chars: 0,
        kind: Kind::Blank,
    };
    if trimmed.is_empty() {
        line.text = Span::new(span.start, span.start);
        return line;
    }
    line.kind = kind_of(trimmed);
    if let Kind::Item(item) = &mut line.kind {
        let m_end = t0 + item.marker.end;
        item.marker = Span::new(t0 + item.marker.start, m_end);
        let rest = &text[m_end..content.end];
        let skip = rest.len() - rest.trim_start().len();
        line.text = Span::new(m_end + skip, content.end);
    }
    line.chars = count_chars(&text[line.text.range()]);
    line
}

fn indentation(s: &str) -> (u32, usize) {
    let mut cols = 0u32;
    for (i, c) in s.char_indices() {
        match c {
            ' ' => cols = cols.saturating_add(1),
            '\t' => cols = cols.saturating_add(4 - cols % 4),
            c if c.is_whitespace() => cols = cols.saturating_add(1),
            _ => return (cols, i),
        }
    }
    (cols, s.len())
}

fn count_chars(s: &str) -> u32 {
    let n = s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Classifies trimmed, non-empty line content. Item markers come back with
/// `marker` relative to the start of `t`.
fn kind_of(t: &str) -> Kind {
    let b = t.as_bytes();
    // A single glyph (perhaps with a variation selector).
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    let rest = chars.as_str();
    if (rest.is_empty() || rest == "\u{fe0f}") && is_marker_glyph(first) {
        return Kind::Marker;
    }
    if b.starts_with(b"```") || b.starts_with(b"~~~") {
        return Kind::Fence;
    }
    if is_rule(b) {
        return Kind::Rule;
    }
    if let Some(item) = item_marker(t) {
        return Kind::Item(item);
    }
    if memchr::memchr(b'|', b).is_some() {
        if is_separator(b) {
            return Kind::Separator;
        }
        return Kind::Row;
    }
    Kind::Text
}

/// `* * *`, `---`, `___` (three or more of one character, spaces allowed).
fn is_rule(b: &[u8]) -> bool {
    let c = b[0];
    if !matches!(c, b'-' | b'*' | b'_') {
        return false;
    }
    let mut n = 0;
    for &x in b {
        if x == c {
            n += 1;
        } else if x != b' ' && x != b'\t' {
            return false;
        }
    }
    n >= 3
}

/// Only `|`, `-`, `:` and spaces, with at least one pipe and one dash.
fn is_separator(b: &[u8]) -> bool {
    let mut pipe = false;
    let mut dash = false;
    for &x in b {
        match x {
            b'|' => pipe = true,
            b'-' => dash = true,
            b':' | b' ' | b'\t' => {}
            _ => return false,
        }
    }
    pipe && dash
}

/// A list item marker followed by a space (or the end of the line, for bullets).
fn item_marker(t: &str) -> Option<Item> {
    let b = t.as_bytes();
    let spaced = |i: usize| b.get(i).is_none_or(|&c| c == b' ' || c == b'\t');
    // Bullets.
    for bullet in ["-", "*", "+", "•", "–", "◦", "▪"] {
        if let Some(rest) = t.strip_prefix(bullet) {
            let n = bullet.len();
            if rest.is_empty() && bullet != "-" {
                continue;
            }
            if spaced(n) {
                return Some(Item {
                    ordered: false,
                    number: 0,
                    marker: Span::new(0, n),
                });
            }
        }
    }
    // `12.` / `12)`
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && matches!(b.get(digits), Some(b'.') | Some(b')'))
        && spaced(digits + 1)
    {
        if b.len() <= digits + 1 {
            return None;
        }
        let number = t[..digits].parse().unwrap_or(0);
        return Some(Item {
            ordered: true,
            number,
            marker: Span::new(0, digits + 1),
        });
    }
    // `a)`: one lowercase letter.
    if b.len() > 3 && b[0].is_ascii_lowercase() && b[1] == b')' && spaced(2) {
        return Some(Item {
            ordered: true,
            number: u64::from(b[0] - b'a' + 1),
            marker: Span::new(0, 2),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        scan(text, 0).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn classifies_lines() {
        let k = kinds("Title\n\n- a\n1. b\na) c\nx | y |\n---|---|\n▼\n```rust\n* * *\n+\n• d");
        assert_eq!(k[0], Kind::Text);
        assert_eq!(k[1], Kind::Blank);
        assert!(matches!(k[2], Kind::Item(Item { ordered: false, .. })));
        assert!(matches!(
            k[3],
            Kind::Item(Item {
                ordered: true,
                number: 1,
                ..
            })
        ));
        assert!(matches!(
            k[4],
            Kind::Item(Item {
                ordered: true,
                number: 1,
                ..
            })
        ));
        assert_eq!(k[5], Kind::Row);
        assert_eq!(k[6], Kind::Separator);
        assert_eq!(k[7], Kind::Marker);
        assert_eq!(k[8], Kind::Fence);
        assert_eq!(k[9], Kind::Rule);
        assert_eq!(k[10], Kind::Marker);
        assert!(matches!(k[11], Kind::Item(_)));
    }

    #[test]
    fn endings_and_spans() {
        for text in ["ab\ncd\n\nef", "ab\r\ncd\r\n\r\nef", "ab\rcd\r\ref"] {
            let lines = scan(text, 0);
            let got: Vec<&str> = lines.iter().map(|l| &text[l.text.range()]).collect();
            assert_eq!(got, ["ab", "cd", "", "ef"], "{text:?}");
        }
    }

    #[test]
    fn item_text_skips_marker() {
        let text = "  - hello world  \n12) twelve";
        let lines = scan(text, 0);
        assert_eq!(&text[lines[0].text.range()], "hello world");
        assert_eq!(lines[0].indent, 2);
        assert_eq!(&text[lines[1].text.range()], "twelve");
        let Kind::Item(item) = lines[1].kind else {
            panic!()
        };
        assert_eq!(&text[item.marker.range()], "12)");
        assert_eq!(item.number, 12);
    }

    #[test]
    fn not_items() {
        assert_eq!(kinds("-5 degrees")[0], Kind::Text);
        assert_eq!(kinds("1.5 million")[0], Kind::Text);
        assert_eq!(kinds("2.1 Scope")[0], Kind::Text);
        assert_eq!(kinds("*emphasis*")[0], Kind::Text);
    }
}
