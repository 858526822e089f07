//! Stage 3: decide which one-line prose units are headings, and their levels;
//! find FAQ entries.
//!
//! # Which lines are headings
//!
//! Only a bare line can be a heading: a one-line prose unit, or a numbered line
//! that stands alone (`2. Background` between paragraphs). List items, table
//! rows, FAQ markers and the line after a marker never are. Each candidate gets
//! a score, a sum of log-odds-like evidence (see [`score`]); at
//! [`THRESHOLD`] or above it is a heading, and its confidence is the logistic
//! of the margin:
//!
//! * its form: length in words (questions may run longer), closing
//!   punctuation (a full stop, comma or semicolon rules it out; a colon, an
//!   exclamation or an ellipsis counts hard against; a question mark is
//!   neutral), several sentences, code punctuation, a URL, capitalisation
//!   (Title Case, ALL CAPS, a lower-case start), numbering (`2.`, `2.1`, `II.`,
//!   `Appendix A`, `Step 3:`); a sentence fragment (a line starting with a
//!   lower-case joining word or ending on one) is ruled out;
//! * what surrounds it: a heading must head something, so the last line of a
//!   document is not one; a line followed by a longer paragraph, a list or a
//!   table is more likely one than a line followed by a line like itself; a
//!   line whose sentence the next line carries on is not one; a line right
//!   after a line ending in a colon is what the colon introduced, and the line
//!   after a question is its answer; in hard-wrapped text, headings have blank
//!   lines around them;
//! * vocabulary: template section names (KEP, RFC) and the names that open and
//!   close articles (Introduction, Conclusion, References, FAQ, ...) count for;
//!   short answers (`No`, `N/A`, `TBD`), captions (`Fig. 2: ...`, `Photo:`),
//!   cross-references (`See ...`), figures (`Meetings attended: 35`) and
//!   footnotes (`*1: ...`) rule a line out.
//!
//! Document-wide signals add to this: a list near the top whose items reappear
//! later as bare lines is a table of contents, and those lines are headings;
//! in a document that follows a template, its section names are headings at the
//! template's levels; a document that asks and answers at least three plain
//! questions (a questionnaire) takes its questions for headings, and one whose
//! only structure is questions each answered at more length (an interview) takes
//! even long ones. Four bare lines in a row (an address, a poem) or two after a
//! colon are not headings.
//!
//! # Levels
//!
//! The title is level 1, so sections start at 2. Levels are decided in order,
//! from the strongest evidence available for each heading:
//!
//! 1. a fixed level: template names at their template level; entries of a
//!    nested table of contents at their depth, of a flat one that leaves out
//!    some headings at 2; article-framing names (Introduction, Conclusion, ...)
//!    at 2;
//! 2. a heading right after another heading (no content between) is its first
//!    child, unless the two are alike (`Story 1`, `Story 2`);
//! 3. a heading with the same *style* as an earlier one takes that one's level:
//!    the same kind and depth of numbering (`2.1` like `1.3`; `2.1` is one
//!    deeper than `2.`), the same label (`Example: ...`), the same pattern with
//!    the digits ignored (`Story 3`), a question among non-questions, ALL CAPS
//!    among mixed case, a number it shares with the title (`Contributors to
//!    1.24.0` in "Announcing Rust 1.24.0"). A document uses one style per level,
//!    so this is how a level is left;
//! 4. after a run of styled sub-sections (questions under a section), a heading
//!    of another style returns to their parent's level;
//! 5. a style seen for the first time right after another style is a level
//!    deeper (styles nest in the order they appear); so is the first mixed-case
//!    heading after an ALL CAPS one;
//! 6. a heading after a *container* (a template section, a table-of-contents
//!    entry, a heading with the title's number) is its sub-section;
//! 7. otherwise a heading is a sibling of the one before.
//!
//! A last pass finds one regularity: sections that only introduce (the same
//! few paragraphs each) alternating with richer ones (lists, tables), three
//! pairs or more, are major sections with one sub-section each.

use std::collections::HashMap;

use super::blocks::{Layout, Unit, UnitKind};
use super::lines::{Kind, Line};
use super::vocab::{self, Template};
use crate::source::Span;

/// What a unit becomes in the document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Role {
    /// An ordinary block.
    Block,
    Heading {
        level: u8,
        confidence: f32,
    },
    /// Starts an FAQ entry whose answer runs to unit `end` (exclusive). The
    /// question is unit `question` (this unit, or the line after a marker), or
    /// missing when this unit is a marker with no question after it.
    Faq {
        end: usize,
        question: Option<usize>,
    },
    /// Part of an FAQ entry started before.
    InFaq,
}

/// Score at or above which a candidate is a heading.
const THRESHOLD: f32 = 1.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Term {
    None,
    Stop,
    Colon,
    Question,
    Exclaim,
    Ellipsis,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Style {
    None,
    /// Numbering kind (0 arabic, 1 roman, 2 letter, else a hash of the word
    /// before the number) and depth.
    Numbered(u64, u8),
    /// `Label: rest`: hash of the label.
    Label(u64),
    /// Short text with digits: hash of the text with digit runs as `#`.
    Digits(u64),
    /// Shares a number with the title.
    TitleNumber,
    Question,
    AllCaps,
    /// Not in capitals, in a document whose other headings are.
    NotCaps,
}

/// What can be seen of a candidate line by itself.
#[derive(Clone, Copy, Debug)]
struct Feat {
    words: u32,
    chars: u32,
    term: Term,
    lower_start: bool,
    all_caps: bool,
    title_case: bool,
    /// Sentence ends inside the line (other than question marks).
    inner_stops: u32,
    /// A question and nothing but questions.
    pure_question: bool,
    /// Starts with an interrogative word (`How`, `What`, `Can`, ...).
    interrogative: bool,
    url: bool,
    code: bool,
    numbered: bool,
    style: Style,
    /// Marked as a template name, top-level name, answer, caption.
    top: bool,
    faq: bool,
    never: bool,
}

#[derive(Clone, Debug)]
struct Cand {
    unit: usize,
    text: Span,
    f: Feat,
    score: f32,
    /// A level known from a template or a table of contents.
    fixed: Option<u8>,
    /// Listed in the document's table of contents, at this level if the
    /// contents say (nested) or might (flat: `Some(2)`, confirmed later).
    toc: Option<u8>,
    heading: bool,
}

/// Decides every unit's role.
pub(super) fn roles(
    text: &str,
    lines: &[Line],
    units: &[Unit],
    layout: Layout,
    title: Option<Span>,
) -> Vec<Role> {
    let mut roles = vec![Role::Block; units.len()];
    let mut buf = String::new();
    let title_numbers = title
        .map(|t| number_tokens(&text[t.range()]).collect::<Vec<u64>>())
        .unwrap_or_default();

    // Candidates and their form.
    let mut cands: Vec<Cand> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let Some(span) = candidate_text(lines, unit) else {
            continue;
        };
        if u > 0 && units[u - 1].kind == UnitKind::Marker {
            continue; // the answer (or question) after a marker
        }
        let t = &text[span.range()];
        let chars = lines[unit.lines.start].chars;
        let term = terminal(t);
        // Lines that cannot be headings (sentences, long lines other than
        // questions) skip the rest.
        let f = if term == Term::Stop || chars > 400 || chars > 200 && term != Term::Question {
            prose_features(term, chars)
        } else {
            features(t, &mut buf, &title_numbers)
        };
        cands.push(Cand {
            unit: u,
            text: span,
            f,
            score: 0.0,
            fixed: None,
            toc: None,
            heading: false,
        });
    }
    if cands.is_empty() {
        faq_markers(text, lines, units, &mut roles);
        return roles;
    }

    // Document-wide: a table of contents? A template?
    let nested_toc = table_of_contents(text, lines, units, &mut cands, &mut buf);
    let template = detect_template(text, &cands, &mut buf);
    if let Some(tpl) = template {
        for c in &mut cands {
            if c.f.never || c.f.term == Term::Stop {
                continue;
            }
            vocab::normalize(&text[c.text.range()], &mut buf);
            if let Some(level) = tpl.level(&buf) {
                c.fixed = Some(level);
            }
        }
    }

    // Score each candidate.
    let questionnaire = questionnaire(units, &cands);
    for c in &mut cands {
        let s = score(text, lines, units, layout, questionnaire, c);
        c.score = s;
        c.heading = !c.f.never && (s >= THRESHOLD || c.fixed.is_some() || c.toc.is_some());
    }
    interview_questions(lines, units, &mut cands);
    bare_runs(text, lines, units, &mut cands);
    // A heading heads something: drop headings with nothing after them up to
    // the end of the document (template names excepted).
    if let Some(last) = cands.iter().rposition(|c| c.heading) {
        let c = &cands[last];
        if c.fixed.is_none() && c.unit + 1 >= units.len() {
            cands[last].heading = false;
        }
    }

    empty_template_sections(&mut cands);
    toc_levels(&mut cands, nested_toc);

    let heads: Vec<&Cand> = cands.iter().filter(|c| c.heading).collect();
    let levels = levels(units, &heads, template.is_some());
    for (h, &level) in heads.iter().zip(&levels) {
        let confidence = if h.fixed.is_some() {
            0.95
        } else {
            1.0 / (1.0 + (-(h.score - THRESHOLD + 1.0)).exp())
        };
        roles[h.unit] = Role::Heading { level, confidence };
    }
    faq_markers(text, lines, units, &mut roles);
    faq_sections(units, &cands, &mut roles);
    roles
}

/// The text of a unit that could be a heading: a one-line prose unit, or a
/// lone numbered item (`2. Background`), marker included.
fn candidate_text(lines: &[Line], unit: &Unit) -> Option<Span> {
    if unit.lines.len() != 1 {
        return None;
    }
    let l = &lines[unit.lines.start];
    match (unit.kind, l.kind) {
        (UnitKind::Para, Kind::Text) => Some(l.text),
        (UnitKind::List, Kind::Item(item)) if item.ordered && l.chars > 0 => {
            Some(Span::new(item.marker.start, l.text.end))
        }
        _ => None,
    }
}

/// A line's closing punctuation, past closing quotes and brackets.
fn terminal(t: &str) -> Term {
    let core = t.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    match core.chars().next_back() {
        _ if core.ends_with("...") || core.ends_with('…') => Term::Ellipsis,
        Some('.' | ',' | ';') => Term::Stop,
        Some(':') => Term::Colon,
        Some('?') => Term::Question,
        Some('!') => Term::Exclaim,
        _ => Term::None,
    }
}

/// What a line that cannot be a heading needs to say about itself (most
/// lines of prose: they end in a full stop, or run long): nothing is
/// computed beyond its closing punctuation.
fn prose_features(term: Term, chars: u32) -> Feat {
    Feat {
        words: u32::MAX,
        chars,
        term,
        lower_start: false,
        all_caps: false,
        title_case: false,
        inner_stops: 0,
        pure_question: false,
        interrogative: false,
        url: false,
        code: false,
        numbered: false,
        style: Style::None,
        top: false,
        faq: false,
        never: true,
    }
}

fn features(t: &str, buf: &mut String, title_numbers: &[u64]) -> Feat {
    let term = terminal(t);
    let mut words = 0u32;
    let mut caps_words = 0u32;
    let mut lower_words = 0u32;
    let mut inner_stops = 0u32;
    let mut prev: &str = "";
    for w in t.split_whitespace() {
        words += 1;
        let first = w.chars().find(|c| c.is_alphanumeric());
        if let Some(c) = first {
            if c.is_uppercase() {
                caps_words += 1;
            } else if c.is_lowercase() && !is_small_word(w) {
                lower_words += 1;
            }
        }
        if words > 1
            && w.chars().next().is_some_and(char::is_uppercase)
            && ends_sentence(prev)
            && !prev.ends_with('?')
        {
            inner_stops += 1;
        }
        prev = w;
    }
    let (mut upper, mut lower) = (0u32, 0u32);
    if t.is_ascii() {
        for b in t.bytes() {
            upper += u32::from(b.is_ascii_uppercase());
            lower += u32::from(b.is_ascii_lowercase());
        }
    } else {
        for c in t.chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    let all_caps = upper >= 3 && lower == 0;
    let lower_start = t
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let url = t.contains("://") || t.contains("www.");
    let code = super::blocks::code_like(t);

    let first_word = t.split_whitespace().next().unwrap_or("");
    let interrogative = is_interrogative(first_word);
    // An answer (`No, it is not`) or a sign-off (`Thanks, Andrew`).
    let answer_start = one_of(
        first_word,
        &[
            "yes,",
            "no,",
            "yes.",
            "no.",
            "yes:",
            "no:",
            "thanks,",
            "cheers,",
            "regards,",
            "best,",
            "sincerely,",
        ],
    );
    // A fragment of a sentence broken over lines: it starts with a joining
    // word in lower case, or ends on one.
    let last_word = t.rsplit(char::is_whitespace).next().unwrap_or("");
    let fragment = first_word.starts_with(|c: char| c.is_lowercase()) && is_joining(first_word)
        || one_of(last_word, ENDS_SENTENCE_NEVER) && words > 1;
    // Enough of the line for the vocabularies (a longer line matches none).
    vocab::normalize_prefix(t, buf, vocab::NAME_MAX);
    let see = buf.starts_with("see ") && buf != "see also";
    let never = fragment
        || vocab::is_answer(buf)
        || vocab::is_caption(buf)
        || answer_start
        || see
        || stat_line(t)
        || note_line(t);
    let top = vocab::is_top(buf);
    let faq = vocab::is_faq(buf);
    let (numbered, mut style) = match numbering(t) {
        Some((kind, depth)) => (true, Style::Numbered(kind, depth)),
        None => (false, Style::None),
    };
    if style == Style::None
        && let Some(label) = label(t)
    {
        style = Style::Label(label);
    }
    if style == Style::None
        && !title_numbers.is_empty()
        && number_tokens(t).any(|h| title_numbers.contains(&h))
    {
        style = Style::TitleNumber;
    }
    if style == Style::None && words <= 4 && t.bytes().any(|b| b.is_ascii_digit()) {
        style = Style::Digits(digit_pattern(buf));
    }
    if style == Style::None && term == Term::Question {
        style = Style::Question;
    }
    if style == Style::None && all_caps && words >= 2 {
        style = Style::AllCaps;
    }
    Feat {
        words,
        chars: t.chars().count().try_into().unwrap_or(u32::MAX),
        term,
        lower_start,
        all_caps,
        title_case: words >= 2 && lower_words == 0 && caps_words >= 2,
        inner_stops,
        pure_question: term == Term::Question && inner_stops == 0,
        interrogative,
        url,
        code,
        numbered,
        style,
        top,
        faq,
        never,
    }
}

fn is_interrogative(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    let w = w.split(['\'', '’']).next().unwrap_or("");
    one_of(w, INTERROGATIVES)
}

const INTERROGATIVES: &[&str] = &[
    "how", "what", "why", "when", "where", "who", "whom", "whose", "which", "can", "could", "does",
    "do", "did", "is", "are", "was", "were", "will", "would", "should", "shall", "may", "has",
    "have", "if",
];

/// Words a heading does not end on (a sentence broken over lines does).
const ENDS_SENTENCE_NEVER: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "of", "that", "which", "its", "their", "our", "your",
    "his", "her", "is", "are", "was", "were",
];

/// Words that join a line to the one before when they start it.
fn is_joining(w: &str) -> bool {
    one_of(
        w.trim_end_matches(','),
        &[
            "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for",
            "with", "from", "by", "as", "into", "than", "that", "which", "who", "is", "are", "was",
            "were", "be", "been", "not", "its", "their", "so", "then", "if", "when", "while",
            "because",
        ],
    )
}

/// Whether `w` is one of `list`, ignoring ASCII case.
fn one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// A footnote (`*1: ...`, `[2] ...`, `^3 ...`) or a bracketed line
/// (`[section]`): not a heading.
fn note_line(t: &str) -> bool {
    let b = t.as_bytes();
    if b.first() == Some(&b'[') && b.last() == Some(&b']') {
        return true;
    }
    let rest = match b.first() {
        Some(b'*' | b'^' | b'[') => &b[1..],
        _ => return false,
    };
    let d = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    d > 0 && matches!(rest.get(d), Some(b':' | b']' | b' ' | b'.'))
}

/// `Label: 42`, `Total: 73.8k`: a figure, not a heading.
fn stat_line(t: &str) -> bool {
    let Some((_, value)) = t.rsplit_once(": ") else {
        return false;
    };
    let v = value.trim();
    !v.is_empty()
        && v.len() <= 12
        && v.starts_with(|c: char| c.is_ascii_digit() || c == '$' || c == '£' || c == '€')
}

fn is_small_word(w: &str) -> bool {
    w.len() <= 6 && one_of(w.trim_matches(|c: char| !c.is_alphanumeric()), SMALL_WORDS)
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "vs", "via", "into", "over", "per", "is", "are", "be",
];

/// Whether a word ends a sentence (and is not an abbreviation or initial).
fn ends_sentence(w: &str) -> bool {
    let core = w.trim_end_matches(['"', '\'', '”', '’', ')']);
    let Some(stem) = core.strip_suffix(['.', '?', '!']) else {
        return false;
    };
    if stem.chars().count() <= 2 || stem.contains('.') {
        return false; // `Dr.`, `U.S.`, `e.g.`, initials
    }
    !one_of(
        stem,
        &[
            "etc", "vs", "mr", "mrs", "ms", "inc", "ltd", "fig", "approx", "dept", "no",
        ],
    )
}

/// `1.`, `2.1`, `3.2.1`, `II.`, `B.`, `Appendix A`, `Step 3`: kind and depth.
fn numbering(t: &str) -> Option<(u64, u8)> {
    let b = t.as_bytes();
    // Arabic: 1-3 digit groups separated by dots.
    let mut i = 0;
    let mut depth = 0u8;
    loop {
        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || d > 3 {
            break;
        }
        depth += 1;
        i += d;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if depth > 0 {
        let dotted = matches!(b.get(i), Some(b'.' | b')'));
        let j = i + usize::from(dotted);
        let spaced = b.get(j) == Some(&b' ');
        let then_alpha = t[j..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
        if spaced && then_alpha && (dotted || depth > 1) {
            return Some((0, depth));
        }
        return None;
    }
    // Roman numerals and capital letters followed by `.` or `)`.
    let head: &str = t.split(' ').next().unwrap_or("");
    if let Some(n) = head.strip_suffix(['.', ')'])
        && t.len() > head.len() + 1
    {
        if !n.is_empty() && n.len() <= 5 && n.bytes().all(|c| b"IVXL".contains(&c)) {
            return Some((1, 1));
        }
        if n.len() == 1 && n.as_bytes()[0].is_ascii_uppercase() {
            return Some((2, 1));
        }
    }
    // A word and a number: `Appendix A`, `Part II`, `Step 3:`.
    let mut it = t.split_whitespace();
    let word = it.next()?;
    let num = it.next()?.trim_end_matches([':', '.', ')', ',']);
    let known = one_of(
        word,
        &[
            "appendix", "annex", "part", "chapter", "section", "step", "phase", "stage", "article",
            "lesson", "module",
        ],
    );
    let numeric = !num.is_empty()
        && (num.bytes().all(|c| c.is_ascii_digit())
            || num.len() == 1 && num.as_bytes()[0].is_ascii_uppercase()
            || num.bytes().all(|c| b"IVX".contains(&c)));
    (known && numeric).then(|| (hash_str(&word.to_ascii_lowercase()) | 3, 1))
}

/// `Label: rest` with a label of one or two words: the label's hash (plural
/// `s` dropped).
fn label(t: &str) -> Option<u64> {
    let (l, rest) = t.split_once(':')?;
    let l = l.trim();
    if rest.trim().is_empty()
        || !rest.starts_with(' ')
        || l.is_empty()
        || l.split_whitespace().count() > 2
    {
        return None;
    }
    let l = l.strip_suffix(['s', 'S']).unwrap_or(l);
    let mut h = Fnv::new();
    for c in l.chars().flat_map(char::to_lowercase) {
        let mut b = [0; 4];
        for &x in c.encode_utf8(&mut b).as_bytes() {
            h.byte(x);
        }
    }
    Some(h.0 & !3)
}

fn digit_pattern(norm: &str) -> u64 {
    let mut h = Fnv::new();
    let mut in_digits = false;
    for b in norm.bytes() {
        if b.is_ascii_digit() {
            if !in_digits {
                h.byte(b'#');
            }
            in_digits = true;
        } else {
            h.byte(b);
            in_digits = false;
        }
    }
    h.0
}

/// Hashes of the tokens of `t` that hold a digit (`1.24.0`, `2025`), a
/// leading `v` dropped.
fn number_tokens(t: &str) -> impl Iterator<Item = u64> + '_ {
    t.split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '(' || c == ')')
        .map(|w| w.trim_end_matches(['.', '!', '?']))
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
        .map(|w| hash_str(w.strip_prefix('v').unwrap_or(w)))
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
}

fn hash_str(s: &str) -> u64 {
    let mut h = Fnv::new();
    for b in s.bytes() {
        h.byte(b);
    }
    h.0 & !3
}

/// A document follows a template when its candidate lines include four of the
/// template's section names, at least one of them distinctive of it (or three
/// distinctive ones).
fn detect_template(text: &str, cands: &[Cand], buf: &mut String) -> Option<Template> {
    const TEMPLATES: [Template; 2] = [Template::Kep, Template::Rfc];
    // Per template: the distinct names seen (hashed) and how many of them are
    // distinctive.
    let mut seen: [Vec<u64>; 2] = [Vec::new(), Vec::new()];
    let mut distinctive = [0usize; 2];
    for c in cands {
        if c.f.term == Term::Stop || c.f.words > 6 {
            continue;
        }
        vocab::normalize(&text[c.text.range()], buf);
        for (k, tpl) in TEMPLATES.iter().enumerate() {
            if tpl.level(buf).is_some() {
                let h = hash_str(buf);
                if !seen[k].contains(&h) {
                    seen[k].push(h);
                    distinctive[k] += usize::from(tpl.signature(buf));
                }
            }
        }
    }
    let mut best: Option<(Template, usize)> = None;
    for (k, &tpl) in TEMPLATES.iter().enumerate() {
        let (n, d) = (seen[k].len(), distinctive[k]);
        if (d >= 3 || d >= 1 && n >= 4) && best.is_none_or(|(_, m)| n > m) {
            best = Some((tpl, n));
        }
    }
    best.map(|(t, _)| t)
}

/// A list in the first part of the document whose items reappear later as bare
/// lines (two at least, and half of the items) is a table of contents: the
/// lines are headings. A nested list gives their levels by its indentation;
/// a flat one is taken to list the top level (see [`toc_levels`]). Returns
/// whether a table of contents was nested.
fn table_of_contents(
    text: &str,
    lines: &[Line],
    units: &[Unit],
    cands: &mut [Cand],
    buf: &mut String,
) -> bool {
    // Lists worth checking: in the first half, 2 to 60 items, all short.
    let limit = units.len() / 2 + 1;
    let mut index: Option<HashMap<u64, usize>> = None;
    let mut nested = false;
    for (u, unit) in units.iter().enumerate().take(limit) {
        if unit.kind != UnitKind::List || unit.lines.len() < 2 || unit.lines.len() > 60 {
            continue;
        }
        let items = &lines[unit.lines.clone()];
        if items
            .iter()
            .any(|l| !matches!(l.kind, Kind::Item(_)) || l.chars > 80)
        {
            continue;
        }
        // Bare lines by text (the first of equal ones).
        let index = index.get_or_insert_with(|| {
            let mut m = HashMap::with_capacity(cands.len());
            for (k, c) in cands.iter().enumerate() {
                if c.f.words <= 12 && c.f.term != Term::Stop {
                    vocab::normalize(&text[c.text.range()], buf);
                    m.entry(hash_str(buf)).or_insert(k);
                }
            }
            m
        });
        let mut hits: Vec<(usize, u32)> = Vec::new();
        for l in items {
            vocab::normalize(&text[l.text.range()], buf);
            if let Some(&k) = index.get(&hash_str(buf))
                && cands[k].unit > u
            {
                hits.push((k, l.indent));
            }
        }
        if hits.len() >= 2 && hits.len() * 2 >= items.len() {
            let mut indents: Vec<u32> = hits.iter().map(|&(_, i)| i).collect();
            indents.sort_unstable();
            indents.dedup();
            nested |= indents.len() > 1;
            for &(k, indent) in &hits {
                let depth = indents.iter().position(|&i| i == indent).unwrap_or(0);
                cands[k].toc = Some(2 + depth.min(4) as u8);
            }
        }
    }
    nested
}

/// Levels from a table of contents. A nested one is believed. A flat one lists
/// only the top level when the document has headings it does not list (after
/// the first it does) and it lists no known sub-section; otherwise it says
/// nothing about levels. Template levels, where known, come first.
fn toc_levels(cands: &mut [Cand], nested: bool) {
    let Some(first) = cands.iter().position(|c| c.heading && c.toc.is_some()) else {
        return;
    };
    // A flat list that includes a known sub-section (a template's `Goals`, a
    // `2.1`) is not a list of the top level.
    let lists_subsections = cands.iter().any(|c| {
        c.toc.is_some()
            && (c.fixed.is_some_and(|l| l > 2)
                || matches!(c.f.style, Style::Numbered(_, d) if d > 1))
    });
    let selective = nested
        || !lists_subsections
            && cands[first..]
                .iter()
                .any(|c| c.heading && c.toc.is_none() && c.fixed.is_none() && !c.f.top);
    for c in cands.iter_mut() {
        match c.toc {
            Some(level) if selective && c.fixed.is_none() => c.fixed = Some(level),
            Some(_) if !selective => c.toc = None,
            _ => {}
        }
    }
}

/// In a template document, a bare line between two template sections where the
/// second is not deeper than the first would head an empty sub-section: it is
/// content (a one-line summary without a full stop), not a heading. (A
/// question may stand unanswered.)
fn empty_template_sections(cands: &mut [Cand]) {
    for k in 1..cands.len().saturating_sub(1) {
        let (p, c, n) = (&cands[k - 1], &cands[k], &cands[k + 1]);
        if !c.heading
            || c.fixed.is_some()
            || c.toc.is_some()
            || c.f.pure_question
            || p.unit + 1 != c.unit
            || c.unit + 1 != n.unit
        {
            continue;
        }
        if let (true, true, Some(lp), Some(ln)) = (p.heading, n.heading, p.fixed, n.fixed)
            && ln <= lp
        {
            cands[k].heading = false;
        }
    }
}

/// The evidence for one candidate, as a sum.
fn score(
    text: &str,
    lines: &[Line],
    units: &[Unit],
    layout: Layout,
    questionnaire: bool,
    c: &Cand,
) -> f32 {
    let f = &c.f;
    if f.never || f.term == Term::Stop || f.url || f.chars > 200 {
        return -10.0;
    }
    let mut s = 0.0;
    // Length (questions run longer).
    s += if f.pure_question {
        match f.words {
            0..=10 => 1.0,
            11..=16 => 0.5,
            17..=25 => 0.0,
            _ => -2.0,
        }
    } else {
        match f.words {
            0..=6 => 1.5,
            7..=10 => 1.0,
            11..=14 => 0.0,
            15..=20 => -1.0,
            _ => -2.5,
        }
    };
    if f.pure_question && questionnaire {
        s += 2.0;
    }
    // Closing punctuation.
    s += match f.term {
        Term::None => 0.5,
        Term::Question => 0.0,
        Term::Colon => -3.0,
        Term::Exclaim => -2.0,
        Term::Ellipsis => -2.0,
        Term::Stop => -10.0,
    };
    if f.inner_stops > 0 && f.term != Term::Question {
        s -= 2.0;
    }
    if f.code {
        s -= 2.5;
    }
    if f.lower_start && !f.numbered {
        s -= 0.75;
    }
    if f.all_caps || f.title_case {
        s += 0.5;
    }
    if f.numbered {
        s += 1.5;
    }
    if (f.top || f.faq) && f.term != Term::Colon {
        s += 2.0;
    }
    // What follows.
    let u = c.unit;
    if let Some(next) = units.get(u + 1)
        && next.kind == UnitKind::Para
    {
        // The next line carries on this one's sentence.
        let nt = &text[lines[next.lines.start].text.range()];
        let w = nt.split_whitespace().next().unwrap_or("");
        if w.starts_with(|c: char| c.is_lowercase()) && is_joining(w) {
            s -= 2.0;
        }
    }
    match units.get(u + 1) {
        None => s -= 3.0,
        Some(next) => match next.kind {
            UnitKind::Para => {
                let nl = &lines[next.lines.start];
                let nt = &text[nl.text.range()];
                let closed = nt.ends_with(['.', '!', '?', ':', ')', '"', '”']);
                if next.lines.len() > 1 || nl.chars > f.chars + 20 && closed {
                    s += 1.0;
                } else if nl.chars <= f.chars + 10 && !closed {
                    s -= 0.5;
                }
            }
            UnitKind::List | UnitKind::Table { .. } | UnitKind::Code { .. } => s += 0.5,
            UnitKind::Marker => s += 0.5,
            UnitKind::Rule => s -= 0.5,
        },
    }
    // What precedes: a colon introduces this line; a question is answered by it.
    if u > 0 {
        let prev = &units[u - 1];
        if prev.kind == UnitKind::Para {
            let pl = &lines[prev.lines.end - 1];
            let pt = &text[pl.text.range()];
            if pt.ends_with(':') {
                s -= 1.5;
            } else if pt.ends_with('?') && prev.lines.len() == 1 && f.term != Term::Question {
                s -= 1.0;
            }
        }
    }
    // Hard-wrapped text sets its headings apart with blank lines; a line cut
    // from the paragraph after it has to make its case on its own.
    if layout.multi_line() {
        s += if units[u].gap_before || u == 0 {
            0.5
        } else {
            -1.0
        };
        if units.get(u + 1).is_some_and(|n| n.gap_before) {
            s += 0.5;
        }
        if units[u].cut {
            s -= 0.5;
        }
    }
    s
}

/// Four or more bare lines in a row with no content between them (an address,
/// a list without bullets, a poem) are not headings: a heading heads content,
/// and a chain of parents is rarely more than two deep. Two or more bare lines
/// right after a line ending in a colon are what the colon introduced. Template
/// names, numbered lines and questions are left alone.
fn bare_runs(text: &str, lines: &[Line], units: &[Unit], cands: &mut [Cand]) {
    let plain = |c: &Cand| {
        c.fixed.is_none() && !c.f.numbered && c.f.term == Term::None && !c.f.top && c.f.words <= 12
    };
    let mut k = 0;
    while k < cands.len() {
        let mut e = k;
        while e < cands.len()
            && plain(&cands[e])
            && (e == k || cands[e].unit == cands[e - 1].unit + 1)
        {
            e += 1;
        }
        let u = cands[k].unit;
        let introduced = e - k >= 2
            && u > 0
            && units[u - 1].kind == UnitKind::Para
            && text[lines[units[u - 1].lines.end - 1].text.range()].ends_with(':');
        // Only lines that would be headings count towards a run of four.
        let mut run = 0;
        let mut longest = 0;
        for c in &cands[k..e] {
            run = if c.heading { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        if longest >= 4 || introduced {
            for c in &mut cands[k..e] {
                c.heading = false;
            }
        }
        k = e.max(k + 1);
    }
}

/// A document asks and answers questions when at least three lines are plain
/// questions (starting with an interrogative word) each followed by an answer
/// that is not itself a question.
fn questionnaire(units: &[Unit], cands: &[Cand]) -> bool {
    let mut n = 0;
    for (k, c) in cands.iter().enumerate() {
        if !c.f.pure_question || !c.f.interrogative || c.f.words > 30 || c.f.url {
            continue;
        }
        let u = c.unit;
        let answered = units.get(u + 1).is_some_and(|n| n.kind != UnitKind::Marker)
            && !cands
                .get(k + 1)
                .is_some_and(|n| n.unit == u + 1 && n.f.term == Term::Question);
        n += usize::from(answered);
    }
    n >= 3
}

/// In a document whose only structure is a series of questions each followed
/// by answers (an interview), long questions are headings too.
fn interview_questions(lines: &[Line], units: &[Unit], cands: &mut [Cand]) {
    let others = cands
        .iter()
        .filter(|c| c.heading && c.f.term != Term::Question)
        .count();
    let questions: Vec<usize> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.f.term == Term::Question && !c.f.url && c.f.chars <= 400)
        .map(|(k, _)| k)
        .collect();
    if questions.len() < 3 || others > 1 {
        return;
    }
    // Every question must be followed by an answer (the units up to the next
    // question) that runs longer than the question: a paragraph ending in a
    // question, followed by a shorter one, is not an interviewer's question.
    let answered = questions.iter().enumerate().all(|(q, &k)| {
        let u = cands[k].unit;
        let end = questions.get(q + 1).map_or(units.len(), |&n| cands[n].unit);
        let answer: u32 = units[u + 1..end.max(u + 1)]
            .iter()
            .map(|n| match n.kind {
                UnitKind::Para | UnitKind::List | UnitKind::Table { .. } => {
                    lines[n.lines.clone()].iter().map(|l| l.chars).sum::<u32>()
                }
                _ => 0,
            })
            .sum();
        answer > cands[k].f.chars
    });
    if answered {
        for &k in &questions {
            cands[k].heading = true;
        }
    }
}

/// Levels for the chosen headings, in order (see the module documentation).
fn levels(units: &[Unit], heads: &[&Cand], template: bool) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(heads.len());
    // The level at which each style was first seen, and whether it was first
    // seen as the child of the heading before.
    let mut homes: HashMap<Style, (u8, bool)> = HashMap::new();
    let caps_doc =
        heads.iter().any(|h| h.f.style == Style::AllCaps) && heads.iter().any(|h| !h.f.all_caps);
    let style_of = |h: &Cand| match h.f.style {
        Style::None if caps_doc && !h.f.all_caps => Style::NotCaps,
        s => s,
    };
    let mixed_questions = heads.iter().any(|h| h.f.style != Style::Question);
    let styled = |s: Style| match s {
        Style::None => false,
        Style::AllCaps | Style::NotCaps => caps_doc,
        Style::Question => mixed_questions,
        _ => true,
    };
    for (i, h) in heads.iter().enumerate() {
        let st = style_of(h);
        let home = homes
            .get(&st)
            .filter(|_| styled(st))
            .map(|&(l, _)| l)
            .or_else(|| {
                // `2.1` when `1.` has a home: one deeper.
                let Style::Numbered(kind, depth) = st else {
                    return None;
                };
                homes
                    .get(&Style::Numbered(kind, depth.wrapping_sub(1)))
                    .map(|&(l, _)| l + 1)
            });
        let level = if let Some(l) = h.fixed {
            l
        } else if h.f.top && !template || i == 0 {
            2
        } else {
            let p = heads[i - 1];
            let prev = out[i - 1];
            let ps = style_of(p);
            let p_home = homes.get(&ps).filter(|_| styled(ps));
            let adjacent = p.unit + 1 == h.unit;
            let alike = ps == st && styled(st) || p.fixed.is_some() && home == Some(prev);
            // The heading before contains what follows it: a template or
            // table-of-contents section, a heading that restates the title's
            // number.
            let container =
                p.fixed.is_some() && (template || p.toc.is_some()) || ps == Style::TitleNumber;
            if adjacent && !alike {
                prev + 1
            } else if let Some(l) = home {
                l
            } else if p_home.is_some_and(|&(l, child)| child && l == prev) && ps != st {
                // Leaving a run of styled children (questions under a
                // heading): back to their parent's level.
                prev - 1
            } else if styled(st) && styled(ps) && ps != st || container {
                // A new style under an established one (styles nest in the
                // order they appear; mixed case under ALL CAPS), or a heading
                // under a container: a level deeper.
                prev + 1
            } else {
                prev
            }
        };
        let ceiling = out.last().map_or(2, |&p| p + 1);
        let level = level.clamp(2, 6).min(ceiling.max(2));
        if styled(st) {
            let child = i > 0 && level > out[i - 1];
            homes.entry(st).or_insert((level, child));
        }
        out.push(level);
    }
    intro_pairs(units, heads, &mut out);
    out
}

/// A regularity some articles have: every major section opens with a short
/// introduction in prose and has exactly one sub-section, which holds the
/// substance (a list, a table). Seen as a flat run, the headings alternate
/// between prose-only sections and richer ones; when they do so strictly for
/// three pairs or more, with every introduction the same number of paragraphs
/// and every rich section at least as many lists and tables as the first, each rich
/// section is the sub-section of the one before. (A flat article alternates
/// too, now and then, but not that regularly.)
fn intro_pairs(units: &[Unit], heads: &[&Cand], levels: &mut [u8]) {
    let n = heads.len();
    if n < 6 {
        return;
    }
    // Per heading: the number of prose units and of other units in its
    // section (up to the next heading).
    let shape = |i: usize| {
        let from = heads[i].unit + 1;
        let to = heads.get(i + 1).map_or(units.len(), |h| h.unit);
        let body = &units[from.min(to)..to];
        let prose = body.iter().filter(|u| u.kind == UnitKind::Para).count();
        (prose, body.len() - prose)
    };
    let free =
        |i: usize| heads[i].fixed.is_none() && !heads[i].f.top && heads[i].f.style == Style::None;
    let mut i = 0;
    while i + 1 < n {
        // Grow a run of (intro, rich) pairs at one level.
        let level = levels[i];
        let (intro, _) = shape(i);
        let (_, rich) = shape(i + 1);
        let mut k = i;
        while k + 1 < n {
            let a = shape(k);
            let b = shape(k + 1);
            let ok = free(k)
                && free(k + 1)
                && levels[k] == level
                && levels[k + 1] == level
                && (1..=3).contains(&intro)
                && a == (intro, 0)
                && rich > 0
                && b.1 >= rich;
            if !ok {
                break;
            }
            k += 2;
        }
        if (k - i) / 2 >= 3 {
            for j in (i + 1..k).step_by(2) {
                levels[j] = level + 1;
            }
            i = k;
        } else {
            i += 1;
        }
    }
}

/// FAQ entries behind markers: a marker line, perhaps a question line, then the
/// answer up to the next marker or heading. The last entry of a run takes no
/// more blocks than the longest answer before it.
fn faq_markers(text: &str, lines: &[Line], units: &[Unit], roles: &mut [Role]) {
    let mut u = 0;
    let mut longest = 0usize;
    let mut in_run = false;
    while u < units.len() {
        if units[u].kind != UnitKind::Marker || roles[u] != Role::Block {
            if !matches!(
                units[u].kind,
                UnitKind::Para | UnitKind::List | UnitKind::Table { .. }
            ) {
                in_run = false;
                longest = 0;
            }
            u += 1;
            continue;
        }
        let mut question = None;
        let mut a = u + 1;
        if let Some(q) = units.get(a) {
            let qt = &text[lines[q.lines.start].text.range()];
            let next_is_answer = units
                .get(a + 1)
                .is_some_and(|n| n.kind == UnitKind::Para && roles[a + 1] == Role::Block);
            if q.kind == UnitKind::Para && q.lines.len() == 1 && qt.ends_with('?') && next_is_answer
            {
                question = Some(a);
                a += 1;
            }
        }
        let mut end = a;
        while end < units.len()
            && roles[end] == Role::Block
            && matches!(
                units[end].kind,
                UnitKind::Para | UnitKind::List | UnitKind::Table { .. }
            )
        {
            end += 1;
        }
        let run_continues = units.get(end).is_some_and(|n| n.kind == UnitKind::Marker);
        if !run_continues && in_run && longest > 0 {
            end = end.min(a + longest);
        }
        longest = longest.max(end - a);
        in_run = true;
        roles[u] = Role::Faq { end, question };
        for r in &mut roles[u + 1..end] {
            *r = Role::InFaq;
        }
        u = end;
    }
}

/// In a section named like an FAQ, question lines followed by their answers are
/// FAQ entries rather than headings, unless an answer holds more than prose
/// (a table, a list) or more than three paragraphs: then the questions are
/// sub-headings.
fn faq_sections(units: &[Unit], cands: &[Cand], roles: &mut [Role]) {
    let mut cand_of: Vec<Option<&Cand>> = vec![None; units.len()];
    for c in cands {
        cand_of[c.unit] = Some(c);
    }
    let is_question =
        |k: usize| cand_of[k].is_some_and(|c| c.f.term == Term::Question && c.f.chars <= 300);
    let mut u = 0;
    while u < units.len() {
        let Role::Heading { level, .. } = roles[u] else {
            u += 1;
            continue;
        };
        if !cand_of[u].is_some_and(|c| c.f.faq) {
            u += 1;
            continue;
        }
        // The section's extent: up to the next heading at this level or above.
        let mut end = u + 1;
        while end < units.len() {
            if let Role::Heading { level: l, .. } = roles[end]
                && (l <= level || !is_question(end))
            {
                break;
            }
            end += 1;
        }
        // Questions in the section.
        let qs: Vec<usize> = (u + 1..end)
            .filter(|&k| units[k].kind == UnitKind::Para && is_question(k))
            .collect();
        let mut entries: Vec<(usize, usize)> = Vec::new();
        let mut prose_only = !qs.is_empty();
        for (n, &q) in qs.iter().enumerate() {
            let stop = qs.get(n + 1).copied().unwrap_or(end);
            let answer = q + 1..stop;
            if answer.is_empty()
                || answer.len() > 3
                || answer
                    .clone()
                    .any(|k| units[k].kind != UnitKind::Para || roles[k] != Role::Block)
            {
                prose_only = false;
            }
            entries.push((q, stop));
        }
        // The section must open with a question.
        if prose_only && qs.first() == Some(&(u + 1)) {
            for (q, stop) in entries {
                roles[q] = Role::Faq {
                    end: stop,
                    question: Some(q),
                };
                for r in &mut roles[q + 1..stop] {
                    *r = Role::InFaq;
                }
            }
        }
        u = end.max(u + 1);
    }
}
