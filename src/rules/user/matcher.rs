//! Finding a user rule's words in text: literal phrases through one
//! Aho-Corasick automaton, regular expressions through the `regex` crate
//! (linear time, with size limits, so a user's pattern can neither hang a run
//! nor eat its memory).
//!
//! Whole words: a match may not start or end in the middle of a word. A
//! boundary is only checked where the match itself has a word character at
//! its edge, so `In conclusion,` (ending in a comma) and `(TBD)` still match
//! wherever they stand. Regular expressions get the same rule by wrapping,
//! `(?:\b{start-half}|\b{end-half})(?:PATTERN)(?:\b{start-half}|\b{end-half})`
//! (true at a position unless both neighbours are word characters), rather
//! than plain `\b…\b`, which would never match a pattern that starts or ends
//! with punctuation; the user's own anchors (`^`, `$`) keep their meaning.
//!
//! Ignoring case: the automaton folds ASCII letters; a phrase with non-ASCII
//! letters is matched by an escaped regular expression instead, which folds
//! Unicode case. The folding is done on the text, not in the automaton: the
//! phrases are written in lower case and searched for, case-sensitively, in a
//! copy of the text with its ASCII letters in lower case ([`fold`], the same
//! length, so offsets carry over unchanged). That finds the same matches as
//! an ASCII-case-insensitive automaton, and lets the automaton's SIMD
//! prefilter skip ahead, which it cannot do on phrases starting with common
//! letters in either case. A phrase written with a straight apostrophe also matches a
//! typographic one (`today's` finds `today’s`), and the other way round.

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use regex::{Regex, RegexBuilder};

/// Largest compiled program of one regular expression, in bytes.
pub const REGEX_SIZE_LIMIT: usize = 4 << 20;
/// Largest lazy DFA cache of one regular expression, in bytes.
pub const REGEX_DFA_SIZE_LIMIT: usize = 4 << 20;

/// One thing to look for.
#[derive(Clone, Debug)]
pub enum Needle {
    /// A literal phrase.
    Literal(String),
    /// A regular expression.
    Pattern(String),
}

/// Why a needle could not be compiled: which one, and the engine's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedleError {
    pub index: usize,
    pub message: String,
}

/// A match: a byte range of the text searched, and which needle it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub range: Range<usize>,
    pub needle: usize,
}

/// Compiled needles.
#[derive(Debug)]
pub struct Matcher {
    /// The literal phrases; in lower case, searched for in [`fold`]ed text,
    /// when ignoring case.
    automaton: Option<AhoCorasick>,
    /// Whether the automaton reads folded text.
    folded: bool,
    /// Automaton pattern id -> needle index.
    automaton_needles: Vec<usize>,
    regexes: Vec<(Regex, usize)>,
    /// Every regular expression as written (without the whole-word
    /// wrapping), in one, when none of them holds an assertion (`^`, `$`,
    /// `\b`, ...): see [`Matcher::may_match_within`]. `Err(())` when some
    /// does, or the union does not compile: no screening then.
    screen: Result<Option<Regex>, ()>,
    whole_words: bool,
}

/// Whether a character is a word character (Unicode `\w`).
pub fn is_word(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

impl Matcher {
    /// Compiles needles; the first that does not compile is the error.
    pub fn new(
        needles: &[Needle],
        ignore_case: bool,
        whole_words: bool,
    ) -> Result<Matcher, NeedleError> {
        Matcher::build(needles, ignore_case, whole_words, true)
    }

    /// [`Matcher::new`]; with `fold` false, ignoring case is left to the
    /// automaton instead (as it was: the reference the tests compare with).
    fn build(
        needles: &[Needle],
        ignore_case: bool,
        whole_words: bool,
        fold: bool,
    ) -> Result<Matcher, NeedleError> {
        let mut literals = Vec::new();
        let mut automaton_needles = Vec::new();
        let mut regexes = Vec::new();
        // The regular expressions as written, for the screen, and whether
        // one holds an assertion.
        let mut written: Vec<String> = Vec::new();
        let mut asserts = false;
        for (i, n) in needles.iter().enumerate() {
            match n {
                Needle::Literal(s) if ignore_case && !s.is_ascii() => {
                    let variants: Vec<String> = apostrophe_variants(s)
                        .iter()
                        .map(|v| regex::escape(v))
                        .collect();
                    let re = build_regex(&variants.join("|"), true, whole_words)
                        .map_err(|message| NeedleError { index: i, message })?;
                    regexes.push((re, i));
                    written.push(variants.join("|"));
                }
                Needle::Literal(s) => {
                    for v in apostrophe_variants(s) {
                        literals.push(if ignore_case && fold {
                            v.to_ascii_lowercase()
                        } else {
                            v
                        });
                        automaton_needles.push(i);
                    }
                }
                Needle::Pattern(p) => {
                    let err = |message| NeedleError { index: i, message };
                    asserts |= check_pattern(p, ignore_case).map_err(err)?;
                    regexes.push((build_regex(p, ignore_case, whole_words).map_err(err)?, i));
                    written.push(p.clone());
                }
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(ignore_case && !fold)
                .build(&literals)
                .map_err(|e| NeedleError {
                    index: automaton_needles.first().copied().unwrap_or(0),
                    message: e.to_string(),
                })?;
            Some(ac)
        };
        Ok(Matcher {
            automaton,
            folded: ignore_case && fold,
            automaton_needles,
            regexes,
            screen: if asserts {
                Err(())
            } else {
                screen(&written, ignore_case)
            },
            whole_words,
        })
    }

    /// `false` only if no needle can match in any part of `text` (a
    /// sentence of it, say), so the parts need not be searched one by one.
    ///
    /// Exact: a literal found in a part is in `text`; a regular expression
    /// without assertions matches in a part only if it matches a piece of
    /// that part's characters, which `text` holds too, and the whole-word
    /// wrapping only takes matches away.
    pub fn may_match_within(&self, text: &str) -> bool {
        self.may_match_within_folded(text, &self.fold(text))
    }

    /// [`Matcher::may_match_within`], given `folded`, the text as
    /// [`Matcher::fold`] gives it.
    pub fn may_match_within_folded(&self, text: &str, folded: &str) -> bool {
        let Ok(screen) = &self.screen else {
            return true;
        };
        self.automaton
            .as_ref()
            .is_some_and(|ac| ac.is_match(folded))
            || screen.as_ref().is_some_and(|re| re.is_match(text))
    }

    /// Whether the literal phrases are searched for in [`fold`]ed text.
    pub fn folds(&self) -> bool {
        self.folded && self.automaton.is_some()
    }

    /// The text the literal phrases are searched for in: [`fold`]ed when
    /// ignoring case.
    pub fn fold<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.folds() {
            Cow::Owned(fold(text))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// Every match in `text`, leftmost first; where matches overlap, the
    /// leftmost (then the longest) wins. Empty matches are never reported.
    pub fn find(&self, text: &str) -> Vec<Match> {
        self.find_folded(text, &self.fold(text))
    }

    /// [`Matcher::find`], given `folded`, the text as [`Matcher::fold`]
    /// gives it (the same length as `text`).
    pub fn find_folded(&self, text: &str, folded: &str) -> Vec<Match> {
        let mut out = Vec::new();
        if let Some(ac) = &self.automaton
            && folded.len() == text.len()
        {
            let mut at = 0;
            while at < text.len() {
                let Some(m) = ac.find(Input::new(folded).range(at..)) else {
                    break;
                };
                let range = m.start()..m.end();
                if !self.whole_words || whole_word(text, &range) {
                    at = range.end.max(range.start + 1);
                    out.push(Match {
                        range,
                        needle: self.automaton_needles[m.pattern().as_usize()],
                    });
                } else {
                    // Another phrase may still start inside this one: search
                    // again from the next character (each search is bounded by
                    // the longest phrase, so this stays linear).
                    at = next_char(text, range.start);
                }
                while at < text.len() && !text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        // Several regular expressions: one search for any of them first
        // (exact, as in `may_match_within`).
        let screened = self.regexes.len() >= 2
            && matches!(&self.screen, Ok(Some(screen)) if !screen.is_match(text));
        let regexes = if screened { &[][..] } else { &self.regexes[..] };
        for (re, i) in regexes {
            for m in re.find_iter(text) {
                if !m.range().is_empty() {
                    out.push(Match {
                        range: m.range(),
                        needle: *i,
                    });
                }
            }
        }
        if self.regexes.is_empty() {
            return out;
        }
        // Several engines: keep the leftmost-longest of overlapping matches.
        out.sort_by(|a, b| {
            (a.range.start, std::cmp::Reverse(a.range.end), a.needle).cmp(&(
                b.range.start,
                std::cmp::Reverse(b.range.end),
                b.needle,
            ))
        });
        let mut kept: Vec<Match> = Vec::with_capacity(out.len());
        for m in out {
            if kept.last().is_none_or(|k| k.range.end <= m.range.start) {
                kept.push(m);
            }
        }
        kept
    }
}

/// `text` with its ASCII letters in lower case: what the literal phrases,
/// written in lower case, are searched for in when ignoring case. Same
/// length, same character boundaries: other characters are left alone (the
/// Kelvin sign is not a `k`, as the automaton never folded it).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into `out`, a buffer reused across texts.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.push_str(text);
    out.make_ascii_lowercase();
}

/// The union of regular expressions as written (none holding an
/// assertion, whose meaning depends on where the text searched starts and
/// ends), with the flags and limits of [`build_regex`]; `Err(())` if the
/// union does not compile, `Ok(None)` when there are none.
fn screen(written: &[String], ignore_case: bool) -> Result<Option<Regex>, ()> {
    if written.is_empty() {
        return Ok(None);
    }
    let union: Vec<String> = written.iter().map(|p| format!("(?:{p})")).collect();
    RegexBuilder::new(&union.join("|"))
        .case_insensitive(ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
        .build()
        .map(Some)
        .map_err(|_| ())
}

/// Checks a user's regular expression as written, parsing it as the regex
/// crate does (a parse, not a compile): an error quotes what they wrote,
/// not the whole-word wrapping [`build_regex`] adds. `Ok(true)` when it
/// holds an assertion (`^`, `$`, `\b`, ...).
fn check_pattern(pattern: &str, ignore_case: bool) -> Result<bool, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build()
        .parse(pattern)
        .map_err(|e| syntax_message(&e.to_string()))?;
    Ok(!hir.properties().look_set().is_empty())
}

/// Compiles one regular expression with the size limits; the error is the
/// regex crate's message.
/// A user's pattern should be checked first ([`check_pattern`]), so that a
/// syntax error quotes what they wrote.
pub fn build_regex(pattern: &str, ignore_case: bool, whole_words: bool) -> Result<Regex, String> {
    const EDGE: &str = r"(?:\b{start-half}|\b{end-half})";
    let wrapped;
    let p = if whole_words {
        wrapped = format!("{EDGE}(?:{pattern}){EDGE}");
        wrapped.as_str()
    } else {
        pattern
    };
    RegexBuilder::new(p)
        .case_insensitive(ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
        .build()
        .map_err(|e| regex_message(&e))
}

/// The regex crate's error, compacted: the reason first, then the pointer
/// diagram when there is one.
fn regex_message(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(s) => syntax_message(s),
        regex::Error::CompiledTooBig(limit) => format!(
            "the pattern compiles to more than {limit} bytes; simplify it (smaller repetition counts, fewer alternatives)"
        ),
        other => other.to_string(),
    }
}

/// A syntax error as the parser prints it, compacted: the reason first,
/// then the pointer diagram when there is one.
fn syntax_message(s: &str) -> String {
    let reason = s
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or("syntax error")
        .to_string();
    let diagram: Vec<&str> = s
        .lines()
        .filter(|l| !l.starts_with("error: ") && !l.starts_with("regex parse error"))
        .filter(|l| !l.trim().is_empty())
        .collect();
    if diagram.is_empty() {
        reason
    } else {
        format!("{reason}\n{}", diagram.join("\n"))
    }
}

/// Whether a match starts and ends at word edges (only checked where the
/// match has a word character at that edge).
pub fn whole_word(text: &str, r: &Range<usize>) -> bool {
    let (Some(before_m), Some(after_m)) = (text.get(..r.start), text.get(r.end..)) else {
        return false;
    };
    let Some(inner) = text.get(r.clone()) else {
        return false;
    };
    let first = inner.chars().next();
    let last = inner.chars().next_back();
    let before = before_m.chars().next_back();
    let after = after_m.chars().next();
    let cut_start = matches!((before, first), (Some(b), Some(f)) if is_word(b) && is_word(f));
    let cut_end = matches!((last, after), (Some(l), Some(a)) if is_word(l) && is_word(a));
    !cut_start && !cut_end
}

fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(at + 1, |c| at + c.len_utf8())
}

/// A phrase and its other-apostrophe spelling, if it has an apostrophe.
fn apostrophe_variants(s: &str) -> Vec<String> {
    let mut v = vec![s.to_string()];
    if s.contains('\'') {
        v.push(s.replace('\'', "\u{2019}"));
    } else if s.contains('\u{2019}') {
        v.push(s.replace('\u{2019}', "'"));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(v: &[&str]) -> Vec<Needle> {
        v.iter().map(|s| Needle::Literal(s.to_string())).collect()
    }

    fn found<'a>(m: &Matcher, text: &'a str) -> Vec<&'a str> {
        m.find(text).into_iter().map(|x| &text[x.range]).collect()
    }

    #[test]
    fn literals_whole_words_and_case() {
        let m = Matcher::new(&lit(&["in order to", "utilize"]), true, true).unwrap();
        assert_eq!(
            found(&m, "In order to win, within order to, we Utilize utilizes."),
            ["In order to", "Utilize"]
        );
        let m = Matcher::new(&lit(&["utilize"]), false, false).unwrap();
        assert_eq!(found(&m, "Utilize utilizes"), ["utilize"]);
    }

    #[test]
    fn a_rejected_match_does_not_hide_an_overlapping_one() {
        let m = Matcher::new(&lit(&["a b", "b c"]), false, true).unwrap();
        assert_eq!(found(&m, "xa b c"), ["b c"]);
    }

    #[test]
    fn punctuation_edges_need_no_boundary() {
        let m = Matcher::new(&lit(&["In conclusion,"]), true, true).unwrap();
        assert_eq!(found(&m, "In conclusion,the end"), ["In conclusion,"]);
        let m = Matcher::new(&[Needle::Pattern(r"In conclusion,".into())], true, true).unwrap();
        assert_eq!(found(&m, "In conclusion,the end"), ["In conclusion,"]);
    }

    #[test]
    fn regex_whole_words_keep_alternatives_and_anchors() {
        let m = Matcher::new(&[Needle::Pattern("cat|category".into())], false, true).unwrap();
        assert_eq!(found(&m, "a category; cats; cat"), ["category", "cat"]);
        let m = Matcher::new(&[Needle::Pattern("^so".into())], true, true).unwrap();
        assert_eq!(found(&m, "So so"), ["So"]);
        assert_eq!(found(&m, "Solve"), Vec::<&str>::new());
    }

    #[test]
    fn the_screen_never_hides_a_match_in_a_part() {
        let needles = vec![
            Needle::Literal("in order to".into()),
            Needle::Literal("élan".into()),
            Needle::Pattern(r"play(?:s|ed)? a (?:key|vital) role".into()),
            Needle::Pattern(r"[a-z]+ly".into()),
        ];
        let texts = [
            "It plays a key role. We act in order to win.",
            "Nothing here. Or here.",
            "With ÉLAN. And more",
            "Quick. Slowly it went.",
            "Xin order to. Plays a vital rolex.",
        ];
        for ignore_case in [true, false] {
            let m = Matcher::new(&needles, ignore_case, true).unwrap();
            for t in texts {
                let parts: Vec<&str> = t.split_inclusive(". ").collect();
                let found = parts.iter().any(|p| !m.find(p).is_empty());
                assert!(!found || m.may_match_within(t), "{t} ({ignore_case})");
            }
            assert!(!m.may_match_within("Nothing here. Or here."));
        }
    }

    #[test]
    fn checking_a_pattern_gives_the_regex_crate_s_message() {
        let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
        for p in [
            "(unclosed",
            "a)(b",
            "[z-a]",
            "x{2,1}",
            r"\p{Nope}",
            "(?P<n>a)(?P<n>b)",
            "*a",
            deep.as_str(),
        ] {
            for ignore_case in [true, false] {
                let compiled = RegexBuilder::new(p)
                    .case_insensitive(ignore_case)
                    .build()
                    .map_err(|e| regex_message(&e));
                let checked = check_pattern(p, ignore_case);
                assert!(compiled.is_err(), "{p}");
                assert_eq!(checked.err(), compiled.err(), "{p}");
            }
        }
        assert_eq!(check_pattern("a|b", true), Ok(false));
        assert_eq!(check_pattern(r"\bcat$", true), Ok(true));
    }

    #[test]
    fn assertions_turn_the_screen_off() {
        let m = Matcher::new(&[Needle::Pattern(r"^so,".into())], true, true).unwrap();
        // "So," opens the second sentence only: the run as a whole does not
        // start with it, so the screen must not be used.
        assert!(m.may_match_within("Yes. So, we go."));
        assert_eq!(found(&m, "So, we go."), ["So,"]);
        let m = Matcher::new(&[Needle::Pattern(r"\bcat".into())], true, true).unwrap();
        assert!(m.may_match_within("dog"));
    }

    /// Deterministic pseudo-random texts from pieces that tell foldings
    /// apart: both cases of ASCII letters, letters whose case mapping leaves
    /// ASCII (the Kelvin sign, `İ`, `ı`, `ẞ`, `ſ`), apostrophes, word and
    /// non-word characters, sentence ends.
    fn tricky_texts(n: usize) -> Vec<String> {
        const PIECES: &[&str] = &[
            "in",
            "Played a vital role",
            "played a key role",
            "nicely",
            " at the end",
            "IN",
            "In",
            "order",
            "ORDER",
            " to",
            " ",
            " ",
            ". ",
            ", ",
            "a",
            "A",
            "it",
            "It",
            "is",
            " of",
            "the",
            "vast",
            "Majority",
            "utilize",
            "UTILIZ",
            "e",
            "s",
            "x",
            "\u{212a}",
            "k",
            "K",
            "İ",
            "ı",
            "i",
            "ẞ",
            "ß",
            "ſ",
            "'",
            "\u{2019}",
            "today",
            "TODAY",
            "élan",
            "ÉLAN",
            "plays",
            "a key role",
            "kelvin",
            "\u{212a}elvin",
            "-",
            "_",
            "1",
            "é",
            "\n",
        ];
        let mut rng = crate::test_support::Rng(0x2545_f491_4f6c_dd1d);
        crate::test_support::texts_of(&mut rng, PIECES, 30, n)
    }

    #[test]
    fn folding_the_text_finds_what_folding_the_automaton_found() {
        let needles = vec![
            Needle::Literal("in order to".into()),
            Needle::Literal("In Order To".into()),
            Needle::Literal("it is".into()),
            Needle::Literal("a".into()),
            Needle::Literal("the vast majority of".into()),
            Needle::Literal("utilize".into()),
            Needle::Literal("UTILIZES".into()),
            Needle::Literal("kelvin".into()),
            Needle::Literal("today's".into()),
            Needle::Literal("élan".into()),
            Needle::Literal("is".into()),
            Needle::Pattern(r"play(?:s|ed)? a (?:key|vital) role".into()),
            Needle::Pattern(r"[a-z]+ly".into()),
            Needle::Pattern(r"(?:in|at) (?:this|the) \w+".into()),
        ];
        for (ignore_case, whole_words) in [(true, true), (true, false), (false, true)] {
            for needles in [&needles[..], &needles[..11], &needles[11..12]] {
                let new = Matcher::new(needles, ignore_case, whole_words).unwrap();
                let mut old = Matcher::build(needles, ignore_case, whole_words, false).unwrap();
                old.screen = Err(());
                let mut matches = 0;
                for t in tricky_texts(3000) {
                    matches += old.find(&t).len();
                    assert_eq!(new.find(&t), old.find(&t), "{t:?} {ignore_case}");
                    let folded = new.fold(&t);
                    assert_eq!(folded.len(), t.len());
                    assert_eq!(new.find_folded(&t, &folded), old.find(&t), "{t:?}");
                    let parts: Vec<&str> = t.split_inclusive(". ").collect();
                    let found = parts.iter().any(|p| !new.find(p).is_empty());
                    assert!(!found || new.may_match_within(&t), "{t:?}");
                }
                // The texts do hold matches to tell apart.
                assert!(matches > 20, "{matches}");
            }
        }
    }

    #[test]
    fn unicode_case_and_apostrophes() {
        let m = Matcher::new(&lit(&["élan", "today's world"]), true, true).unwrap();
        assert_eq!(
            found(&m, "ÉLAN and Today\u{2019}s world"),
            ["ÉLAN", "Today\u{2019}s world"]
        );
    }

    #[test]
    fn invalid_and_oversized_patterns_are_errors() {
        let e = Matcher::new(
            &[Needle::Literal("x".into()), Needle::Pattern("(foo".into())],
            true,
            true,
        )
        .unwrap_err();
        assert_eq!(e.index, 1);
        assert!(e.message.starts_with("unclosed group"), "{}", e.message);
        let e =
            Matcher::new(&[Needle::Pattern("(?:a{1000}){1000}".into())], true, true).unwrap_err();
        assert!(e.message.contains("more than"), "{}", e.message);
    }
}
