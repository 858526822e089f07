//! Stage 2: group lines into units: prose paragraphs, lists, tables, FAQ
//! markers, code and rules.
//!
//! Scraped text comes in a few layouts, and this stage first decides which one
//! a document uses:
//!
//! * **one paragraph per line** (what a browser's "copy text" gives): every
//!   prose line is its own paragraph;
//! * **hard-wrapped**: paragraphs are runs of lines broken near a fixed width
//!   (and usually separated by blank lines); a line break inside one is a
//!   space;
//! * **blocks**: paragraphs separated by blank lines, their lines broken
//!   anywhere (one clause a line, a link's text on its own line), not at a
//!   width.
//!
//! In the hard-wrapped layout a run of prose lines is cut where a line break
//! was not forced by the width (the first word of the next line would have
//! fitted) and a sentence ended there: a paragraph without a blank line before
//! it. In both multi-line layouts a run's first line that stands apart from
//! the rest (no closing punctuation, the next line starting anew) is cut off
//! as a possible heading.
//!
//! Headings are not decided here: a heading is a one-line prose unit that
//! [`super::infer`] takes for one.

use std::ops::Range;

use super::lines::{Item, Kind, Line};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnitKind {
    /// Prose: one line, or a hard-wrapped paragraph.
    Para,
    /// A run of list items, their continuation lines and nested items.
    List,
    /// Pipe rows; `separator` is the index of the `---|---` line, if any.
    Table { separator: Option<usize> },
    /// A lone disclosure glyph (`▼`): the stand-in for a lost FAQ question.
    Marker,
    /// Fenced (```` ``` ````) or indented code.
    Code { fenced: bool },
    /// A thematic break.
    Rule,
}

#[derive(Clone, Debug)]
pub(super) struct Unit {
    pub kind: UnitKind,
    /// Line indices.
    pub lines: Range<usize>,
    /// Whether blank lines separate this unit from the one before.
    pub gap_before: bool,
    /// A hard-wrapped paragraph's first line, cut from the rest only because
    /// it might be a heading: if it is not, it goes back (see `build`).
    pub cut: bool,
}

/// How the document lays out its paragraphs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Layout {
    OnePerLine,
    /// Hard-wrapped at about `width` characters.
    Wrapped {
        width: u32,
    },
    /// Paragraphs separated by blank lines, lines broken anywhere.
    Blocks,
}

impl Layout {
    /// Whether a paragraph can run over several lines.
    pub fn multi_line(self) -> bool {
        !matches!(self, Layout::OnePerLine)
    }
}

/// Decides the layout from the prose lines after `first`: hard-wrapped when
/// many line breaks fall inside sentences (a prose line with no closing
/// punctuation followed by another prose line) and the lines are short;
/// blocks when blank lines are common and lines often carry on in lower case
/// on the next; one paragraph per line otherwise.
pub(super) fn layout(text: &str, lines: &[Line], first: usize) -> Layout {
    let mut prose = 0u32;
    let mut inside = 0u32;
    let mut carried = 0u32;
    let mut blanks = 0u32;
    let mut lens: Vec<u32> = Vec::new();
    let mut seen_text = false;
    for (i, l) in lines.iter().enumerate().skip(first) {
        // Blank lines between paragraphs (not the one under the title).
        if l.kind == Kind::Blank && seen_text {
            blanks += 1;
        }
        seen_text |= l.kind == Kind::Text;
        if l.kind != Kind::Text {
            continue;
        }
        prose += 1;
        if lens.len() < 4096 {
            lens.push(l.chars);
        }
        let Some(n) = lines.get(i + 1) else { continue };
        if n.kind != Kind::Text {
            continue;
        }
        let t = &text[l.text.range()];
        let last = t.chars().next_back().unwrap_or('.');
        let next_first = text[n.text.range()].chars().next().unwrap_or('A');
        // A break inside a sentence: no closing punctuation here, or the next
        // line carries on in lower case.
        let open = !matches!(last, '.' | '!' | '?' | ':' | ';' | '"' | '”' | ')');
        if open
            && (next_first.is_lowercase() || last == ',' || last.is_alphanumeric())
            && l.chars >= 30
        {
            inside += 1;
        }
        if open && next_first.is_lowercase() {
            carried += 1;
        }
    }
    if prose < 4 || lens.is_empty() {
        return Layout::OnePerLine;
    }
    lens.sort_unstable();
    let p95 = lens[(lens.len() * 95 / 100).min(lens.len() - 1)];
    if p95 <= 120 && inside * 4 >= prose {
        Layout::Wrapped { width: p95.max(20) }
    } else if blanks >= 2 && carried >= 2 && blanks * 10 >= prose && carried * 10 >= prose {
        Layout::Blocks
    } else {
        Layout::OnePerLine
    }
}

/// Groups `lines[first..]` into units.
pub(super) fn group(text: &str, lines: &[Line], first: usize, layout: Layout) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let base = base_indent(lines, first);
    let v_markers = lines[first..]
        .iter()
        .filter(|l| l.kind == Kind::Marker || is_v(text, l))
        .count()
        >= 2;
    let mut i = first;
    let mut gap = false;
    let n = lines.len();
    while i < n {
        let l = &lines[i];
        let start = i;
        let kind = match l.kind {
            Kind::Blank => {
                gap = true;
                i += 1;
                continue;
            }
            Kind::Text if v_markers && is_v(text, l) => {
                i += 1;
                UnitKind::Marker
            }
            Kind::Text | Kind::Row
                if layout.multi_line() && indented_code_end(text, lines, i, base).is_none() =>
            {
                let (end, cut) = prose_end(text, lines, i, layout);
                i = end;
                out.push(Unit {
                    kind: UnitKind::Para,
                    lines: start..i,
                    gap_before: gap,
                    cut,
                });
                gap = false;
                continue;
            }
            Kind::Marker => {
                i += 1;
                UnitKind::Marker
            }
            Kind::Rule => {
                i += 1;
                UnitKind::Rule
            }
            Kind::Fence => match closing_fence(text, lines, i) {
                Some(close) => {
                    i = close + 1;
                    UnitKind::Code { fenced: true }
                }
                None => {
                    i += 1;
                    UnitKind::Para
                }
            },
            Kind::Item(_) => {
                i = list_end(text, lines, i, layout);
                UnitKind::List
            }
            Kind::Row | Kind::Separator => match table_end(text, lines, i) {
                Some((end, separator)) => {
                    i = end;
                    UnitKind::Table { separator }
                }
                None => {
                    i = prose_end(text, lines, i, layout).0;
                    UnitKind::Para
                }
            },
            Kind::Text => {
                if let Some(end) = indented_code_end(text, lines, i, base) {
                    i = end;
                    UnitKind::Code { fenced: false }
                } else {
                    i = prose_end(text, lines, i, layout).0;
                    UnitKind::Para
                }
            }
        };
        out.push(Unit {
            kind,
            lines: start..i,
            gap_before: gap,
            cut: false,
        });
        gap = false;
    }
    out
}

fn is_v(text: &str, l: &Line) -> bool {
    l.kind == Kind::Text && matches!(&text[l.text.range()], "v" | "V")
}

/// The most common indentation of prose lines (0 for most documents).
fn base_indent(lines: &[Line], first: usize) -> u32 {
    let mut counts = [0u32; 9];
    for l in lines[first..]
        .iter()
        .filter(|l| l.kind == Kind::Text)
        .take(2000)
    {
        counts[l.indent.min(8) as usize] += 1;
    }
    (0..9u32)
        .max_by_key(|&k| (counts[k as usize], std::cmp::Reverse(k)))
        .unwrap_or(0)
}

fn closing_fence(text: &str, lines: &[Line], open: usize) -> Option<usize> {
    let t = text[lines[open].text.range()].as_bytes();
    let ch = t[0];
    let len = t.iter().take_while(|&&c| c == ch).count();
    for (j, l) in lines.iter().enumerate().skip(open + 1) {
        if l.kind != Kind::Fence {
            continue;
        }
        let u = text[l.text.range()].as_bytes();
        let ulen = u.iter().take_while(|&&c| c == ch).count();
        if ulen >= len && u[ulen..].iter().all(|c| c.is_ascii_whitespace()) {
            return Some(j);
        }
    }
    None
}

/// Whether a line looks like code: it ends like a statement or a block, starts
/// like a command-line flag or prompt, or has operators prose rarely has.
pub(super) fn code_like(t: &str) -> bool {
    let b = t.as_bytes();
    if matches!(b.last(), Some(b';' | b'{' | b'}')) || t.starts_with("--") || t.starts_with("$ ") {
        return true;
    }
    // One pass for the punctuation.
    let mut punct = 0usize;
    let mut seen = 0u32;
    for &c in b {
        let bit = match c {
            b'(' | b')' => 1,
            b'{' | b'}' => 2,
            b'[' | b']' => 4,
            b';' => 8,
            b'=' => 16,
            b'<' | b'>' => 32,
            b'&' | b'|' => 64,
            b'#' | b'$' | b'`' | b'\\' => 128,
            b'/' => 256,
            b':' => 512,
            _ => continue,
        };
        seen |= bit;
        if bit != 256 && bit != 512 {
            punct += 1;
        }
    }
    // Operators, each looked for only if its characters are there.
    const OPS: [(&str, u32); 16] = [
        ("();", 1 | 8),
        ("=>", 16 | 32),
        ("->", 32),
        ("::", 512),
        ("==", 16),
        ("!=", 16),
        ("&&", 64),
        ("||", 64),
        (" = ", 16),
        ("#[", 128 | 4),
        ("//", 256),
        ("</", 32 | 256),
        ("/>", 32 | 256),
        ("()", 1),
        ("[]", 4),
        ("{}", 2),
    ];
    let strong = OPS
        .iter()
        .filter(|&&(op, need)| seen & need == need && t.contains(op))
        .count();
    strong >= 2 || strong >= 1 && punct * 10 >= b.len()
}

/// A run of lines indented at least four columns past the base, at least one
/// of which looks like code.
fn indented_code_end(text: &str, lines: &[Line], i: usize, base: u32) -> Option<usize> {
    if lines[i].indent < base + 4 {
        return None;
    }
    let mut j = i;
    let mut codey = false;
    while j < lines.len() {
        let l = &lines[j];
        if l.kind == Kind::Blank {
            // A blank line inside the block if indented code follows.
            if lines
                .get(j + 1)
                .is_some_and(|n| n.kind != Kind::Blank && n.indent >= base + 4)
            {
                j += 1;
                continue;
            }
            break;
        }
        if l.indent < base + 4 {
            break;
        }
        codey |= code_like(&text[l.text.range()]);
        j += 1;
    }
    codey.then_some(j)
}

/// Whether the break after line `l` was forced by the wrap width: the first
/// word of the next line would not have fitted.
fn forced_break(text: &str, l: &Line, next: &Line, width: u32) -> bool {
    let word = text[next.text.range()]
        .split(char::is_whitespace)
        .next()
        .map_or(0, |w| w.chars().count() as u32);
    l.indent + l.chars + 1 + word + 2 > width
}

/// The end of the prose unit starting at `i`. One line when each line is a
/// paragraph. Hard-wrapped, a run of prose lines goes on until a blank line or
/// another kind of line, except where a line break was not forced by the width
/// (the next line's first word would have fitted) and either a sentence ended
/// there and a new one starts (a paragraph without a blank line before it),
/// or the run's first line stands apart from what follows (a heading without a
/// blank line after it). Ragged breaks inside a sentence (a link's text broken
/// off early) do not end a paragraph.
fn prose_end(text: &str, lines: &[Line], i: usize, layout: Layout) -> (usize, bool) {
    let width = match layout {
        Layout::OnePerLine => return (i + 1, false),
        Layout::Wrapped { width } => Some(width),
        Layout::Blocks => None,
    };
    let mut j = i;
    loop {
        let next = j + 1;
        let Some(n) = lines.get(next) else {
            return (next, false);
        };
        if !matches!(n.kind, Kind::Text | Kind::Row) || n.indent > lines[j].indent + 3 {
            return (next, false);
        }
        if width.is_none_or(|w| !forced_break(text, &lines[j], n, w)) {
            let t = &text[lines[j].text.range()];
            let starts_new = text[n.text.range()]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“');
            let closed = t.ends_with(['.', '!', '?', ':', '"', '”']);
            if starts_new && closed && width.is_some() {
                return (next, false);
            }
            let last_word = t.rsplit(char::is_whitespace).next().unwrap_or("");
            let short = match width {
                Some(w) => lines[j].chars * 10 < w * 7,
                None => lines[j].chars <= 80,
            };
            let apart = j == i
                && !closed
                && !t.ends_with([',', ';', '-', '–', '(', '/', '&'])
                && !is_joining_word(last_word)
                && short;
            if starts_new && apart {
                return (next, true);
            }
        }
        j = next;
    }
}

/// Words a line does not end on unless the sentence goes on.
fn is_joining_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with",
        "from", "by", "as", "into", "onto", "over", "under", "about", "than", "that", "which",
        "who", "whose", "is", "are", "was", "were", "be", "been", "has", "have", "had", "can",
        "could", "will", "would", "should", "may", "might", "must", "not", "its", "their", "our",
        "your", "his", "her", "this", "these", "those", "such", "via", "per",
    ];
    WORDS.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// The end of the list starting at item `i`: items, blank-separated items of
/// the same kind, and continuation lines (indented past the marker, or, when
/// hard-wrapped, carried on from a full line).
fn list_end(text: &str, lines: &[Line], i: usize, layout: Layout) -> usize {
    let Kind::Item(first) = lines[i].kind else {
        return i + 1;
    };
    let base = lines[i].indent;
    let mut j = i + 1;
    let mut prev = i;
    while j < lines.len() {
        let l = &lines[j];
        match l.kind {
            Kind::Item(it) if l.indent >= base && (l.indent > base || same_list(first, it)) => {}
            Kind::Item(_) => break,
            Kind::Text | Kind::Row if l.indent > base => {}
            Kind::Text | Kind::Row => {
                let carried = matches!(layout, Layout::Wrapped { width }
                    if lines[prev].kind != Kind::Blank && forced_break(text, &lines[prev], l, width));
                if !carried {
                    break;
                }
            }
            Kind::Blank => {
                // Items separated by blank lines still form one list.
                let k = (j..lines.len()).find(|&k| lines[k].kind != Kind::Blank);
                match k.map(|k| (k, &lines[k])) {
                    Some((k, n))
                        if matches!(n.kind, Kind::Item(it) if same_list(first, it))
                            && n.indent >= base =>
                    {
                        j = k;
                        prev = j;
                        continue;
                    }
                    Some((k, n))
                        if n.indent > base + 1 && matches!(n.kind, Kind::Text | Kind::Item(_)) =>
                    {
                        j = k;
                        prev = j;
                        continue;
                    }
                    _ => break,
                }
            }
            _ => break,
        }
        prev = j;
        j += 1;
    }
    j
}

fn same_list(a: Item, b: Item) -> bool {
    a.ordered == b.ordered
}

/// A table starting at row `i`: a header row and a separator, then rows; or,
/// without a separator, at least two rows with the same number (two or more)
/// of cells, all fenced by outer pipes, or at least three rows. Returns the end
/// and the separator's index.
fn table_end(text: &str, lines: &[Line], i: usize) -> Option<(usize, Option<usize>)> {
    if lines[i].kind != Kind::Row {
        return None;
    }
    let rows_from = |k: usize| {
        let mut e = k;
        while e < lines.len() && lines[e].kind == Kind::Row {
            e += 1;
        }
        e
    };
    if lines.get(i + 1).is_some_and(|l| l.kind == Kind::Separator) {
        return Some((rows_from(i + 2), Some(i + 1)));
    }
    let cells = cell_count(&text[lines[i].text.range()]);
    if cells < 2 {
        return None;
    }
    let mut e = i + 1;
    let mut fenced = fenced_row(&text[lines[i].text.range()]);
    while e < lines.len() && lines[e].kind == Kind::Row {
        let t = &text[lines[e].text.range()];
        if cell_count(t) != cells {
            break;
        }
        fenced &= fenced_row(t);
        e += 1;
    }
    let rows = e - i;
    (rows >= 3 || rows >= 2 && fenced).then_some((e, None))
}

fn fenced_row(t: &str) -> bool {
    t.len() >= 2 && t.starts_with('|') && t.ends_with('|')
}

/// Cells of a pipe row: the pieces between unescaped pipes, without the empty
/// pieces an outer pipe leaves. Offsets are relative to `t` and trimmed.
pub(super) fn cells(t: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = t.as_bytes();
    let lead = usize::from(b.first() == Some(&b'|'));
    let trail =
        b.len() > lead && b.last() == Some(&b'|') && !(b.len() >= 2 && b[b.len() - 2] == b'\\');
    let end = if trail { b.len() - 1 } else { b.len() };
    let mut pos = lead;
    let mut done = pos > end || lead == 1 && b.len() == 1;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut k = pos;
        while k < end {
            if b[k] == b'|' && (k == 0 || b[k - 1] != b'\\') {
                break;
            }
            k += 1;
        }
        let piece = pos..k;
        if k >= end {
            done = true;
        }
        pos = k + 1;
        let s = &t[piece.clone()];
        let l = s.len() - s.trim_start().len();
        let r = s.trim_end().len();
        Some(piece.start + l..piece.start + r.max(l))
    })
}

pub(super) fn cell_count(t: &str) -> usize {
    cells(t).count()
}

#[cfg(test)]
mod tests {
    use super::super::lines::scan;
    use super::*;

    fn units(text: &str) -> Vec<(UnitKind, Range<usize>)> {
        let lines = scan(text, 0);
        let lay = layout(text, &lines, 0);
        group(text, &lines, 0, lay)
            .into_iter()
            .map(|u| (u.kind, u.lines))
            .collect()
    }

    #[test]
    fn cells_drop_outer_pipes_only() {
        let c = |t: &str| cells(t).map(|r| t[r].to_string()).collect::<Vec<_>>();
        assert_eq!(c("a | b |"), ["a", "b"]);
        assert_eq!(c("| a | b |"), ["a", "b"]);
        assert_eq!(c("a | b"), ["a", "b"]);
        assert_eq!(c("a |  | c |"), ["a", "", "c"]);
        assert_eq!(c("|"), Vec::<String>::new());
        assert_eq!(c("||"), [""]);
        assert_eq!(c(r"a \| b | c"), [r"a \| b", "c"]);
    }

    #[test]
    fn tables() {
        let u = units("a | b |\n---|---|\n1 | 2 |\n3 | 4 |\nafter");
        assert_eq!(u[0], (UnitKind::Table { separator: Some(1) }, 0..4));
        assert_eq!(u[1].0, UnitKind::Para);
        // Without a separator: fenced rows, or three rows.
        let u = units("| a | b |\n| 1 | 2 |\ntext");
        assert_eq!(u[0], (UnitKind::Table { separator: None }, 0..2));
        let u = units("a | b\n1 | 2\ntext");
        assert_eq!(u[0].0, UnitKind::Para);
    }

    #[test]
    fn one_per_line_layout() {
        let text = "Title\n\nThis is one paragraph of text.\nThis is another one.\nAnd a third one here.\nAnd a fourth.";
        let lines = scan(text, 0);
        assert_eq!(layout(text, &lines, 0), Layout::OnePerLine);
    }

    #[test]
    fn wrapped_layout_groups_paragraphs() {
        let text = "Title\n\nThe quick brown fox jumps over the lazy dog and then it\nkeeps running through the forest until the sun sets over\nthe hills.\n\nAnother paragraph starts here and it also wraps around at\nabout the same width as the one before it did, which is\nhow hard-wrapped text looks.\nShort heading line\nA paragraph without a blank line before it, which wraps at\nthe same width as all the other paragraphs in this text.\n";
        let lines = scan(text, 0);
        let lay = layout(text, &lines, 1);
        assert!(matches!(lay, Layout::Wrapped { .. }), "{lay:?}");
        let u: Vec<_> = group(text, &lines, 1, lay)
            .into_iter()
            .map(|u| u.lines)
            .collect();
        assert_eq!(u, [2..5, 6..9, 9..10, 10..12]);
    }
}
