//! Support written in the words of a sentence: a named source ("according
//! to the Congressional Budget Office", "the OECD reported", "Smith said", "a
//! 2021 study by the RAND Corporation found") as against a vague one
//! ("according to experts", "studies show", "he said"), and citation markers
//! (`[12]`, `(Smith, 2019)`) in case the parser did not attach them.
//!
//! A source is *named* when a capitalised name or acronym stands where the
//! source goes: after an introducer of the lexicon ("according to"), or as
//! the subject of a reporting verb ("said", "found"), or after the verb in
//! an inverted attribution (`…, said Smith`). Determiners, years, adverbs and
//! the lexicon's `attribution-filler` words ("study", "report", "also") may
//! stand between; a pronoun or a `vague-sources` word in that place makes the
//! attribution vague, which never clears a claim.

use std::ops::Range;

use super::cues::{Analysis, Kind, NumKind, Token, token_could_be_name};

/// What the words of a sentence say about its source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    /// A named source, as a range of the sentence.
    pub named: Option<Range<usize>>,
    /// A vague source ("according to experts"), when no named one was found.
    pub vague: Option<Range<usize>>,
    /// A citation marker written in the text (`[12]`, `(Smith, 2019)`).
    pub marker: Option<Range<usize>>,
}

impl Attribution {
    /// Whether the sentence names its source or cites one.
    pub fn supports(&self) -> bool {
        self.named.is_some() || self.marker.is_some()
    }
}

/// How far from a reporting verb or an introducer a name may stand.
const REACH: usize = 8;

/// Finds the attribution and citation markers in an analysed sentence.
pub fn find(text: &str, a: &Analysis) -> Attribution {
    let t = &a.tokens;
    let mut out = Attribution::default();
    let note = |out: &mut Attribution, named: bool, r: Range<usize>| {
        if named {
            if out.named.is_none() {
                out.named = Some(r);
            }
        } else if out.vague.is_none() {
            out.vague = Some(r);
        }
    };
    for &(start, end) in &a.introducers {
        if let Some((named, k)) = source_after(text, t, end) {
            note(&mut out, named, span(t, start, k));
        } else if end > start {
            note(&mut out, false, span(t, start, end - 1));
        }
    }
    for v in 0..t.len() {
        if !t[v].is_reporting_verb() || t[v].kind != Kind::Word || !is_lower(text, &t[v]) {
            continue;
        }
        match source_before(text, t, v) {
            Some((named, k)) => note(&mut out, named, span(t, k, v)),
            None => {
                // "…," said Smith / says the OECD.
                let inverted = v == 0
                    || matches!(
                        t[v - 1].kind,
                        Kind::Punct(',' | '"' | '\u{201d}' | '\u{2014}')
                    );
                if inverted && let Some((named, k)) = source_after(text, t, v + 1) {
                    note(&mut out, named, span(t, v, k));
                }
            }
        }
        if out.named.is_some() {
            break;
        }
    }
    out.marker = markers(text).into_iter().next();
    out
}

fn span(t: &[Token], a: usize, b: usize) -> Range<usize> {
    let (a, b) = (a.min(b), a.max(b));
    t[a].start as usize..t[b].end as usize
}

/// Looks for a source from token `k` on: `Some((true, at))` for a name,
/// `Some((false, at))` for a vague source or a pronoun, `None` when none
/// stands there.
fn source_after(text: &str, t: &[Token], k: usize) -> Option<(bool, usize)> {
    for (j, tok) in t.iter().enumerate().take(k + REACH).skip(k) {
        match tok.kind {
            Kind::Punct(_) => return None,
            Kind::Number(_) => continue,
            Kind::Word => {
                if tok.is_pronoun() || tok.is_vague() {
                    return Some((false, j));
                }
                if token_could_be_name(tok) {
                    return Some((true, j));
                }
                if tok.is_filler() || is_lower(text, tok) {
                    continue;
                }
                return None;
            }
        }
    }
    None
}

/// Looks for the subject of the reporting verb at `v`, walking back over
/// fillers, adverbs and numbers.
fn source_before(text: &str, t: &[Token], v: usize) -> Option<(bool, usize)> {
    let lo = v.saturating_sub(REACH);
    for j in (lo..v).rev() {
        let tok = &t[j];
        match tok.kind {
            Kind::Punct('\'' | '\u{2019}') => continue,
            Kind::Punct(_) => return None,
            Kind::Number(NumKind::Year | NumKind::Quantity) => continue,
            Kind::Number(_) => return None,
            Kind::Word => {
                if tok.is_pronoun() || tok.is_vague() {
                    return Some((false, j));
                }
                if token_could_be_name(tok) {
                    return Some((true, j));
                }
                let w = &text[tok.range()];
                if tok.is_filler() || (w.ends_with("ly") && is_lower(text, tok)) {
                    continue;
                }
                return None;
            }
        }
    }
    None
}

fn is_lower(text: &str, t: &Token) -> bool {
    text[t.range()]
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Citation markers written in text, in order: `[12]`, `[3, 5]`, `[3–5]`,
/// or a parenthesis holding a capitalised name and a year (`(Smith, 2019)`,
/// `(Smith et al. 2019, p. 4)`, `(OECD 2020)`), or a year alone in
/// parentheses right after a capitalised word (`Smith (2019)`).
///
/// Run on a whole paragraph, so that a marker the sentence splitter cut
/// through ("(Smith et al. 2019)") is still found; a marker belongs to the
/// sentence it starts in.
pub fn markers(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    // Only a bracket or a parenthesis opens a marker.
    while let Some(k) = b
        .get(i..)
        .and_then(|rest| memchr::memchr2(b'[', b'(', rest))
    {
        i += k;
        let close = match b[i] {
            b'[' => numbered(text, i),
            b'(' => author_year(text, i),
            _ => None,
        };
        match close {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The label of a footnote reference written out as text (`[^3]` that the
/// Markdown parser left alone because nothing defines it).
pub fn undefined_footnote(text: &str) -> Option<&str> {
    let at = text.find("[^")?;
    let rest = &text[at + 2..];
    let end = rest.find(']')?;
    let label = &rest[..end];
    (!label.is_empty() && label.len() <= 40 && !label.contains(char::is_whitespace))
        .then_some(label)
}

/// `[12]`, `[3, 5]`, `[3–5]` starting at `i`: the end of the marker.
fn numbered(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i + 1..)?;
    let mut digits = false;
    for (k, c) in rest.char_indices().take(24) {
        match c {
            '0'..='9' => digits = true,
            ',' | ' ' | '-' | '\u{2013}' => {}
            ']' if digits => return Some(i + 1 + k + 1),
            _ => return None,
        }
    }
    None
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `(Smith, 2019)` and the like starting at `i`: the end of the marker.
fn author_year(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i + 1..)?;
    let len = rest
        .char_indices()
        .take(120)
        .find(|&(_, c)| c == ')' || c == '(')?;
    if len.1 != ')' {
        return None;
    }
    let inner = &rest[..len.0];
    let mut name = false;
    let mut year = false;
    let mut words = 0;
    for w in inner.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        words += 1;
        if is_year(w) {
            year = true;
        } else if !year && w.chars().next().is_some_and(char::is_uppercase) && !MONTHS.contains(&w)
        {
            name = true;
        }
    }
    let after_name = || {
        text[..i]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && !MONTHS.contains(&w)
            })
    };
    (year && (name || (words == 1 && after_name()))).then_some(i + 1 + len.0 + 1)
}

/// `2019` or `2019a`, 1500 to 2099.
fn is_year(w: &str) -> bool {
    let digits = w
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(w);
    digits.len() == 4
        && digits.bytes().all(|c| c.is_ascii_digit())
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1500..=2099).contains(&y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::claims::cues::CueSet;

    fn att(text: &str) -> Attribution {
        let mut a = Analysis::default();
        CueSet::builtin().analyse(text, &[], &mut a);
        find(text, &a)
    }

    #[test]
    fn named_sources_are_found() {
        for s in [
            "According to the Congressional Budget Office, the deficit rose 40 percent.",
            "The OECD reported that spending doubled.",
            "Smith said the plan failed.",
            "A 2021 study by the RAND Corporation found that costs doubled.",
            "Costs doubled last year, said Smith.",
            "Census Bureau data show that incomes fell.",
            "The deficit rose, the Labor Department also said.",
            "Spending doubled, according to a 2021 study by the RAND Corporation.",
            "According to the OECD’s latest report, spending doubled.",
        ] {
            let a = att(s);
            assert!(a.named.is_some(), "{s}: {a:?}");
            assert!(a.supports());
        }
    }

    #[test]
    fn vague_sources_do_not_count() {
        for s in [
            "According to experts, the deficit rose 40 percent.",
            "Experts say the deficit rose.",
            "Sources said the deficit rose.",
            "He said the deficit rose.",
            "Studies show that the deficit rose.",
            "The report found that costs doubled.",
        ] {
            let a = att(s);
            assert!(!a.supports(), "{s}: {a:?}");
        }
        assert!(att("According to experts, it rose.").vague.is_some());
        // "States" in a name is not the verb "states".
        assert!(!att("The United States leads the world.").supports());
    }

    #[test]
    fn markers_are_found_in_the_text() {
        for s in [
            "Costs doubled [12].",
            "Costs doubled [3, 5].",
            "Costs doubled [3\u{2013}5].",
            "Costs doubled (Smith and Jones, 2019).",
            "Costs doubled (Smith et al. 2019, p. 4).",
            "Costs doubled (OECD 2020).",
            "Smith (2019) showed that costs doubled.",
            "Costs doubled (Smith, 2019a).",
        ] {
            assert!(att(s).marker.is_some(), "{s}");
        }
        for s in [
            "Costs doubled (in 2019).",
            "Costs doubled (January 2019).",
            "Costs doubled [citation needed].",
            "Use a[i] here.",
        ] {
            assert!(att(s).marker.is_none(), "{s}");
        }
    }
}
