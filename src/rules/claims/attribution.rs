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
    out.marker = marker(text, t);
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
                if token_could_be_name(text, tok) {
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
                if token_could_be_name(text, tok) {
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

/// A citation marker in the text: `[12]`, `[3, 5]`, `[3–5]`, or a
/// parenthesis holding a capitalised name and a year (`(Smith, 2019)`,
/// `(Smith et al. 2019, p. 4)`, `(OECD 2020)`), or a year alone in
/// parentheses right after a name (`Smith (2019)`).
fn marker(text: &str, t: &[Token]) -> Option<Range<usize>> {
    let mut i = 0;
    while i < t.len() {
        match t[i].kind {
            Kind::Punct('[') => {
                let mut j = i + 1;
                let mut digits = false;
                while j < t.len() && j < i + 16 {
                    match t[j].kind {
                        Kind::Number(_) => digits = true,
                        Kind::Punct(',' | '-' | '\u{2013}') => {}
                        Kind::Punct(']') if digits => {
                            return Some(t[i].start as usize..t[j].end as usize);
                        }
                        _ => break,
                    }
                    j += 1;
                }
            }
            Kind::Punct('(') => {
                let mut j = i + 1;
                let mut name = false;
                let mut year = false;
                while j < t.len() && j < i + 24 {
                    match t[j].kind {
                        Kind::Punct(')') => {
                            let before_is_name = i > 0 && token_could_be_name(text, &t[i - 1]);
                            if year && (name || (j == i + 2 && before_is_name)) {
                                return Some(t[i].start as usize..t[j].end as usize);
                            }
                            break;
                        }
                        Kind::Punct('(') => break,
                        Kind::Number(NumKind::Year) => year = true,
                        Kind::Number(_) => {
                            // "2019a" reads as a number with a suffix.
                            let s = &text[t[j].range()];
                            if s.len() == 5
                                && s[..4]
                                    .parse::<u32>()
                                    .is_ok_and(|y| (1500..=2099).contains(&y))
                            {
                                year = true;
                            }
                        }
                        Kind::Word if !year && token_could_be_name(text, &t[j]) => name = true,
                        _ => {}
                    }
                    j += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}
