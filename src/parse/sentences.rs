//! Sentence splitting for one prose run: the plain text of a paragraph, list
//! item, table cell or answer, with Markdown markup already removed.
//!
//! [`split`] returns byte ranges, each trimmed of white space, in order, not
//! overlapping, on character boundaries, and together covering every character
//! of the text that is not white space.
//!
//! # Why not a crate
//!
//! `unicode-segmentation`'s sentence bounds follow UAX #29, which knows no
//! abbreviations: it splits `Dr. Smith` and `the U.S. Senate`. `srx` runs
//! LanguageTool-style SRX rule files: it needs a rules file loaded at run time,
//! runs many regexes per text, and still has no notion of footnote markers or of
//! the "sentence starter" rule below. `nlprule` and `punkt` need trained model
//! data. A single hand-written pass is smaller, faster, and does exactly what
//! the rules below say.
//!
//! # Rules
//!
//! A sentence can only end at *terminal punctuation*: `.`, `!`, `?`, `…`, `‼`,
//! `⁇`, `⁈`, `⁉`, Arabic `؟` and Urdu `۔`, or a *strong* terminal: CJK `。`,
//! `！`, `？`, `｡`, and Devanagari `।` and `॥`. A colon or a semicolon never ends
//! one; neither does a newline alone. A blank line (a newline, optional spaces,
//! another newline) or U+2029 PARAGRAPH SEPARATOR always does, with or without
//! punctuation.
//!
//! A run of terminals (`?!`, `!!`, `...`) is one cluster. Closing quotes and
//! brackets after it (`"`, `'`, `’`, `”`, `»`, `)`, `]`, `」`, ...) belong to
//! the sentence, and so do numeric citation markers right after it, with or
//! without a space (`rose 5%.[3] Next`, `rose 5%. [3] Next`: the `[3]` stays
//! with the first sentence).
//!
//! After a strong terminal, the sentence always ends. After any other, it ends
//! only if white space follows (so `3.14`, `v1.2.3`, `main.rs`, `a.b.c`,
//! `example.com/a.b`, `e.g.,` and `U.S.'s` never split) and the next character
//! says a new sentence begins:
//!
//! * after `!`, `?` and the like: anything but a lower-case letter or
//!   continuing punctuation (`,` `;` `:` `)` `-` `—` ...). `"Why?" she asked`
//!   stays whole.
//! * after an ellipsis (`...`, `…`): an upper-case or caseless letter (CJK,
//!   Arabic, ...) or an opening quote or bracket. `I waited... and waited`
//!   stays whole; `I waited... Then` splits.
//! * after a single `.`, it depends on the word before it:
//!   * titles and abbreviations that never end a sentence: `Mr.`, `Mrs.`,
//!     `Ms.`, `Dr.`, `Prof.`, `Gen.`, `Gov.`, `Sen.`, `Rep.`, `Rev.`, `Mt.`,
//!     `vs.`, `v.`, `cf.`, `viz.`, `approx.`, `e.g.`, `i.e.`, ...: no split.
//!   * abbreviations before a number: `No. 5`, `Fig. 3`, `Sec. 2`, `Vol. II`,
//!     `p. 4`, `pp. 4–5`, `ch. 3`, `Eq. 2`, `ca. 1500`, and the months
//!     `Jan.` … `Dec.` before a number (`Jan. 5`): no split when a number or
//!     Roman numeral follows; otherwise treated as an ordinary word.
//!   * `etc.`: an ordinary word (below). It is never followed by a capital
//!     inside a sentence, so `etc. and` stays whole while `etc. The` and
//!     `etc. Libraries can ...` split.
//!   * abbreviations that often end a sentence: `Inc.`, `Ltd.`,
//!     `Co.`, `Corp.`, `Jr.`, `Sr.`, `St.`, `et al.`, dotted forms with one-
//!     or two-letter parts (`U.S.`, `U.K.`, `D.C.`, `a.m.`, `Ph.D.`), and
//!     single upper-case initials (`John F. Kennedy`, `J. R. R. Tolkien`):
//!     split only when the next word is a common sentence starter (`The`,
//!     `But`, `It`, `They`, `However`, `In`, ...: closed-class words and
//!     sentence adverbs, the list `STARTERS`), possibly after an opening
//!     quote, and is not itself an initial. So `in the U.S. The next`
//!     and `in the U.S. But` split, while `the U.S. Senate`, `St. Louis`,
//!     `J. R. R. Tolkien` and `et al. (2019)` do not.
//!   * an enumerator opening the sentence (`1.`, `a.`, `iv.`): no split.
//!   * any other word: split unless the next character is a lower-case letter
//!     or continuing punctuation. After `. ` a lower-case word is most likely
//!     an unknown abbreviation, so `approx. five` and `Calif. law` stay whole;
//!     a digit, a quote, a bracket or a caseless letter starts a new sentence.
//! * a newline in the white space after the terminal (terminal punctuation at
//!   the end of a line) also allows a split before a lower-case letter, except
//!   after the abbreviations above.
//!
//! # Known limits
//!
//! A sentence that begins with a lower-case word (`iOS is ...`) after `. ` is
//! not split off; an abbreviation not in the lists and followed by a capital
//! (`Calif. Governor`) splits; a sentence-ending `U.S.`, `Inc.` or single
//! capital followed by a word that is not a common starter (`the U.S. Obama
//! ...`, `written in C. Rust is ...`) does not; `etc.` followed by a proper
//! noun in the same sentence would split; `No.` before a number is always
//! read as "number"; `Yahoo! Japan` splits.
//!
//! # Cost
//!
//! One forward pass that only stops at the bytes above (and `\n`); the work at
//! each terminal looks at most 64 characters back and a few dozen forward, or at
//! bytes it then skips. Linear time; nothing is allocated but the result.

use std::ops::Range;

use super::markers::numeric_citation_len;

/// Splits text into sentences: byte ranges, trimmed of surrounding white space,
/// in order, not overlapping, together covering every non-space character.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut seg = 0;
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| INTERESTING[c as usize]) {
        let p = i + k;
        if b[p] == b'\n' {
            if blank_line_at(b, p) {
                push(text, seg, p, &mut out);
                seg = p;
            }
            i = p + 1;
        } else if b.get(p..p + 3) == Some(PARAGRAPH_SEPARATOR) {
            push(text, seg, p, &mut out);
            seg = p;
            i = p + 3;
        } else if terminal_at(b, p).is_some() {
            let (resume, boundary) = at_terminal(text, p, seg);
            if let Some(e) = boundary {
                push(text, seg, e, &mut out);
                seg = e;
            }
            i = resume;
        } else {
            // A lead byte of some other character: its continuation bytes are
            // never interesting, so stepping one byte is safe.
            i = p + 1;
        }
    }
    push(text, seg, b.len(), &mut out);
    out
}

const PARAGRAPH_SEPARATOR: &[u8] = "\u{2029}".as_bytes();

/// Bytes the main loop stops at: `\n`, ASCII terminals, and the lead bytes of
/// the non-ASCII terminals and of U+2029.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xD8] = true; // ؟
    t[0xDB] = true; // ۔
    t[0xE0] = true; // । ॥
    t[0xE2] = true; // … ‼ ⁇ ⁈ ⁉ U+2029
    t[0xE3] = true; // 。
    t[0xEF] = true; // ！ ？ ｡
    t
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Term {
    Period,
    Ellipsis,
    /// `!`, `?` and their kin.
    Bang,
    /// Ends a sentence whatever follows: `。`, `！`, `？`, `।`.
    Strong,
}

/// The terminal punctuation at byte `p`, if any, and its length.
fn terminal_at(b: &[u8], p: usize) -> Option<(Term, usize)> {
    let t = match *b.get(p)? {
        b'.' => (Term::Period, 1),
        b'!' | b'?' => (Term::Bang, 1),
        0xD8 if b.get(p + 1) == Some(&0x9F) => (Term::Bang, 2), // ؟
        0xDB if b.get(p + 1) == Some(&0x94) => (Term::Period, 2), // ۔
        0xE0 | 0xE2 | 0xE3 | 0xEF => match b.get(p..p + 3)? {
            [0xE2, 0x80, 0xA6] => (Term::Ellipsis, 3), // …
            [0xE2, 0x80, 0xBC] | [0xE2, 0x81, 0x87..=0x89] => (Term::Bang, 3), // ‼ ⁇ ⁈ ⁉
            [0xE3, 0x80, 0x82] => (Term::Strong, 3),   // 。
            [0xEF, 0xBC, 0x81] | [0xEF, 0xBC, 0x9F] | [0xEF, 0xBD, 0xA1] => (Term::Strong, 3), // ！ ？ ｡
            [0xE0, 0xA5, 0xA4] | [0xE0, 0xA5, 0xA5] => (Term::Strong, 3), // । ॥
            _ => return None,
        },
        _ => return None,
    };
    Some(t)
}

/// The length of a closing quote or bracket at byte `p`, or 0.
fn closer_len(b: &[u8], p: usize) -> usize {
    match b.get(p) {
        Some(b'"' | b'\'' | b')' | b']' | b'}') => 1,
        Some(0xC2) if b.get(p + 1) == Some(&0xBB) => 2, // »
        Some(0xE2 | 0xE3 | 0xEF) => match b.get(p..p + 3) {
            Some(
                [0xE2, 0x80, 0x99] // ’
                | [0xE2, 0x80, 0x9D] // ”
                | [0xE2, 0x80, 0xBA] // ›
                | [0xE3, 0x80, 0x89] // 〉
                | [0xE3, 0x80, 0x8B] // 》
                | [0xE3, 0x80, 0x8D] // 」
                | [0xE3, 0x80, 0x8F] // 』
                | [0xE3, 0x80, 0x91] // 】
                | [0xE3, 0x80, 0x95] // 〕
                | [0xEF, 0xBC, 0x89] // ）
                | [0xEF, 0xBC, 0xBD] // ］
                | [0xEF, 0xBC, 0x82] // ＂
                | [0xEF, 0xBC, 0x87], // ＇
            ) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether the `\n` at `p` starts a blank line: only spaces, tabs or carriage
/// returns before the next `\n`.
fn blank_line_at(b: &[u8], p: usize) -> bool {
    let rest = &b[p + 1..];
    let k = rest
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\r' | 0x0b | 0x0c))
        .unwrap_or(rest.len());
    rest.get(k) == Some(&b'\n')
}

/// Handles the terminal cluster starting at `p`. Returns where to resume
/// scanning and, if the sentence ends, the byte it ends at.
fn at_terminal(text: &str, p: usize, seg: usize) -> (usize, Option<usize>) {
    let b = text.as_bytes();
    let mut j = p;
    let (mut periods, mut ellipsis, mut bang, mut strong) = (0, false, false, false);
    loop {
        if let Some((t, len)) = terminal_at(b, j) {
            match t {
                Term::Period => periods += 1,
                Term::Ellipsis => ellipsis = true,
                Term::Bang => bang = true,
                Term::Strong => strong = true,
            }
            j += len;
            continue;
        }
        let c = closer_len(b, j);
        if c == 0 {
            break;
        }
        j += c;
    }
    // Citation markers glued to the full stop: `rose 5%.[3]`.
    while let Some(n) = numeric_citation_len(&b[j..]) {
        j += n;
    }
    if strong {
        return (j, Some(j));
    }
    let (next, newlines) = skip_space(text, j);
    if next == j || next >= b.len() {
        // Not followed by white space (`3.14`, `U.S.'s`), or at the very end.
        return (j, None);
    }
    if newlines >= 2 {
        return (j, Some(j));
    }
    // A citation marker after the space still belongs to this sentence.
    let (mut end, mut next, mut newline) = (j, next, newlines > 0);
    if let Some(n) = numeric_citation_len(&b[next..]) {
        let e = next + n;
        let (k, nl) = skip_space(text, e);
        if k >= b.len() {
            return (e, None);
        }
        if k > e && nl >= 2 {
            return (e, Some(e));
        }
        if k > e {
            end = e;
            next = k;
            newline |= nl > 0;
        }
    }
    let Some(c) = text[next..].chars().next() else {
        return (j, None);
    };
    let ends = if bang {
        if c.is_lowercase() {
            newline
        } else {
            !is_continuation(c)
        }
    } else if ellipsis || periods >= 2 {
        if c.is_uppercase() || is_caseless_letter(c) || is_opener(c) {
            true
        } else {
            newline && c.is_lowercase()
        }
    } else {
        match classify(text, p, seg) {
            Word::Never | Word::Enumerator => false,
            Word::BeforeNumber if starts_number(&text[next..]) => false,
            Word::BeforeNumber | Word::Ordinary => {
                if c.is_lowercase() {
                    newline
                } else {
                    !is_continuation(c)
                }
            }
            Word::Sometimes => next_is_starter(&text[next..]),
        }
    };
    if ends { (end, Some(end)) } else { (j, None) }
}

/// Skips white space from `j`; returns where it stops and how many line breaks
/// it passed (a U+2029 counts as two, a blank line).
fn skip_space(text: &str, j: usize) -> (usize, usize) {
    let mut newlines = 0;
    for (i, c) in text[j..].char_indices() {
        match c {
            '\n' => newlines += 1,
            '\u{2029}' => newlines += 2,
            c if c.is_whitespace() => {}
            _ => return (j + i, newlines),
        }
    }
    (text.len(), newlines)
}

/// What the word before a full stop says about the stop.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Word {
    /// Never ends a sentence: `Dr.`, `e.g.`.
    Never,
    /// Does not end one before a number: `No. 5`, `Jan. 5`.
    BeforeNumber,
    /// Ends one only before a common sentence starter: `U.S.`, `Inc.`, `F.`.
    Sometimes,
    /// An enumerator opening the text: `1.`, `a.`.
    Enumerator,
    Ordinary,
}

/// Classifies the word that ends right before the full stop at `p`.
fn classify(text: &str, p: usize, seg: usize) -> Word {
    let before = &text[seg..p];
    let mut start = before.len();
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() {
            break;
        }
        if n == 64 {
            return Word::Ordinary;
        }
        start = i;
    }
    let core = before[start..].trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return Word::Ordinary;
    }
    if is_enumerator(core) && before[..start].trim().is_empty() {
        return Word::Enumerator;
    }
    if is_never(core) {
        return Word::Never;
    }
    if is_before_number(core) {
        return Word::BeforeNumber;
    }
    if is_sometimes(core) {
        return Word::Sometimes;
    }
    let mut cs = core.chars();
    if let (Some(c), None) = (cs.next(), cs.next())
        && c.is_uppercase()
    {
        return Word::Sometimes; // an initial
    }
    if core.contains('.')
        && core
            .split('.')
            .all(|s| (1..=2).contains(&s.chars().count()) && s.chars().all(char::is_alphabetic))
    {
        return Word::Sometimes; // U.S, D.C, a.m, Ph.D
    }
    Word::Ordinary
}

fn is_never(w: &str) -> bool {
    NEVER.binary_search(&w).is_ok()
}

/// Sorted (byte order), for `binary_search`.
const NEVER: &[&str] = &[
    "Adm", "Amb", "Approx", "Atty", "Brig", "Capt", "Cdr", "Cf", "Cmdr", "Col", "Cpl", "Cpt",
    "Det", "Dr", "Drs", "E.G", "E.g", "Fr", "Ft", "Gen", "Gov", "Hon", "I.E", "I.e", "Insp", "Lt",
    "Maj", "Messrs", "Mlle", "Mme", "Mmes", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Mx", "Pres", "Prof",
    "Profs", "Pvt", "Rep", "Reps", "Rev", "Rt", "Sen", "Sens", "Sgt", "Supt", "Viz", "Vs",
    "approx", "appx", "c.f", "cf", "e.G", "e.g", "i.e", "v", "viz", "vs",
];

fn is_before_number(w: &str) -> bool {
    BEFORE_NUMBER.binary_search(&w).is_ok()
}

/// Sorted (byte order), for `binary_search`.
const BEFORE_NUMBER: &[&str] = &[
    "App", "Apr", "Art", "Arts", "Aug", "Ca", "Ch", "Chap", "Cor", "Dec", "Def", "Eq", "Eqs", "Ex",
    "Feb", "Fig", "Figs", "Jan", "Jul", "Jun", "Lem", "Mar", "No", "Nos", "Nov", "Nr", "Oct", "Op",
    "Para", "Paras", "Pp", "Prop", "Pt", "Pts", "Ref", "Refs", "Sec", "Secs", "Sect", "Sep",
    "Sept", "Tab", "Thm", "Vol", "Vols", "art", "c", "ca", "ch", "chap", "eq", "eqs", "ex", "fig",
    "figs", "no", "nos", "nr", "op", "p", "para", "pp", "pt", "ref", "refs", "sec", "secs", "sect",
    "tab", "vol", "vols",
];

fn is_sometimes(w: &str) -> bool {
    SOMETIMES.binary_search(&w).is_ok()
}

/// Sorted (byte order), for `binary_search`.
const SOMETIMES: &[&str] = &[
    "Assn", "Ave", "Blvd", "Bros", "Co", "Corp", "Dept", "Eds", "Esq", "Govt", "Hwy", "Ibid",
    "Inc", "Intl", "Jr", "LLC", "Ln", "Ltd", "Ltda", "Natl", "PLC", "Rd", "Sr", "St", "Univ", "al",
    "ed", "eds", "est", "ibid", "plc", "trans",
];

/// `1`, `12`, `a`, `B`, `iv`: a list enumerator when it opens the text.
fn is_enumerator(w: &str) -> bool {
    let b = w.as_bytes();
    (b.len() <= 3 && b.iter().all(u8::is_ascii_digit))
        || (b.len() == 1 && b[0].is_ascii_alphabetic())
        || (b.len() <= 4 && b.iter().all(|c| b"ivx".contains(c)))
        || (b.len() <= 4 && b.iter().all(|c| b"IVX".contains(c)))
}

/// Whether `s` starts with a number: a digit, `§`, `#`, a Roman numeral of two
/// or more letters, or one letter other than `A` and `I` (`Fig. B`), each
/// followed by something other than a letter.
fn starts_number(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_digit() || *c == b'#' => return true,
        _ if s.starts_with('§') => return true,
        _ => {}
    }
    let n = b
        .iter()
        .take(8)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if n == 0
        || b.get(n)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c >= 0x80)
    {
        return false;
    }
    let w = &b[..n];
    if n == 1 {
        return w[0].is_ascii_uppercase() && w[0] != b'A' && w[0] != b'I';
    }
    w.iter().all(|c| b"IVXLC".contains(c))
}

/// Whether the text after the space starts with a common sentence-starting
/// word (after any opening quotes), not itself an initial (`J. Smith`).
fn next_is_starter(s: &str) -> bool {
    let s = s.trim_start_matches(['"', '\'', '“', '‘', '„', '«']);
    let mut end = 0;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n == 16 {
            return false;
        }
        if !c.is_alphabetic() {
            break;
        }
        end = i + c.len_utf8();
    }
    let w = &s[..end];
    if w.chars().count() == 1 && s[end..].starts_with('.') {
        return false;
    }
    is_starter(w)
}

/// Capitalised words that commonly begin a sentence (closed-class words and
/// sentence adverbs), used after an abbreviation that may or may not end one.
/// Given names that are also such words (`May`, `Will`) are left out.
fn is_starter(w: &str) -> bool {
    STARTERS.binary_search(&w).is_ok()
}

/// Sorted (byte order), for `binary_search`.
const STARTERS: &[&str] = &[
    "A",
    "Additionally",
    "After",
    "Again",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Any",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Besides",
    "Both",
    "But",
    "By",
    "Can",
    "Consequently",
    "Could",
    "Currently",
    "Despite",
    "Did",
    "Do",
    "Does",
    "Don",
    "During",
    "Each",
    "Earlier",
    "Either",
    "Even",
    "Every",
    "Everyone",
    "Everything",
    "Few",
    "Finally",
    "First",
    "Firstly",
    "For",
    "From",
    "Furthermore",
    "Given",
    "Had",
    "Has",
    "Have",
    "He",
    "Hence",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Indeed",
    "Instead",
    "Is",
    "It",
    "Its",
    "Just",
    "Last",
    "Lastly",
    "Later",
    "Let",
    "Like",
    "Likewise",
    "Many",
    "Maybe",
    "Meanwhile",
    "Might",
    "More",
    "Moreover",
    "Most",
    "Much",
    "Must",
    "My",
    "Neither",
    "Nevertheless",
    "Next",
    "No",
    "Nobody",
    "None",
    "Nonetheless",
    "Nor",
    "Not",
    "Note",
    "Nothing",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Others",
    "Otherwise",
    "Our",
    "Over",
    "Overall",
    "People",
    "Perhaps",
    "Please",
    "Previously",
    "Recently",
    "Second",
    "Secondly",
    "See",
    "Several",
    "Shall",
    "She",
    "Should",
    "Similarly",
    "Since",
    "So",
    "Some",
    "Someone",
    "Something",
    "Soon",
    "Still",
    "Such",
    "Thanks",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "Therefore",
    "These",
    "They",
    "Third",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Together",
    "Under",
    "Unless",
    "Unlike",
    "Until",
    "Was",
    "We",
    "Well",
    "Were",
    "What",
    "When",
    "Where",
    "Whereas",
    "Whether",
    "Which",
    "While",
    "Who",
    "Whom",
    "Whose",
    "Why",
    "With",
    "Within",
    "Without",
    "Would",
    "Yes",
    "Yet",
    "You",
    "Your",
];

/// Punctuation that continues a sentence rather than opening one.
fn is_continuation(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | ')'
            | ']'
            | '}'
            | '-'
            | '–'
            | '—'
            | '.'
            | '…'
            | '!'
            | '?'
            | '/'
            | '&'
            | '%'
            | '*'
            | '_'
            | '|'
            | '’'
            | '”'
            | '»'
            | '›'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '「'
            | '『'
            | '（'
            | '【'
            | '〈'
            | '《'
            | '¿'
            | '¡'
    )
}

/// A letter with no case (CJK, Arabic, Hebrew, ...), which may start a sentence.
fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

/// Pushes `text[a..e]`, trimmed, unless it is only white space.
fn push(text: &str, a: usize, e: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[a..e];
    let t = s.trim_start();
    let start = e - t.len();
    let t = t.trim_end();
    if !t.is_empty() {
        out.push(start..start + t.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Rng, random_text};

    fn pieces(text: &str) -> Vec<&str> {
        let got = split(text);
        check_invariants(text, &got);
        got.into_iter().map(|r| &text[r]).collect()
    }

    /// The invariants every result must keep.
    fn check_invariants(text: &str, got: &[Range<usize>]) {
        let mut last = 0;
        for r in got {
            assert!(
                r.start >= last,
                "{text:?}: out of order or overlapping: {got:?}"
            );
            assert!(
                r.start < r.end && r.end <= text.len(),
                "{text:?}: empty or out of range: {got:?}"
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{text:?}: {got:?}"
            );
            let s = &text[r.clone()];
            assert_eq!(s, s.trim(), "{text:?}: not trimmed: {got:?}");
            assert!(
                text[last..r.start].trim().is_empty(),
                "{text:?}: uncovered text: {got:?}"
            );
            last = r.end;
        }
        assert!(
            text[last..].trim().is_empty(),
            "{text:?}: uncovered tail: {got:?}"
        );
    }

    fn one(text: &str) {
        assert_eq!(pieces(text), [text.trim()], "{text:?} should not split");
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [NEVER, BEFORE_NUMBER, SOMETIMES, STARTERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn empty_and_blank() {
        assert!(pieces("").is_empty());
        assert!(pieces("   \n\t ").is_empty());
        assert_eq!(pieces("  Hello  "), ["Hello"]);
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            pieces("The sky is blue. The grass is green! Is it? Yes."),
            ["The sky is blue.", "The grass is green!", "Is it?", "Yes."]
        );
    }

    #[test]
    fn no_terminal_at_end() {
        assert_eq!(
            pieces("One. Two without a stop"),
            ["One.", "Two without a stop"]
        );
    }

    #[test]
    fn titles_never_split() {
        one("Dr. Smith met Mr. Jones and Mrs. Lee and Ms. Park.");
        one("Prof. Brown and Gen. Grant and Gov. Newsom and Sen. Warren and Rep. Cole spoke.");
        one("Ask Dr. The Great, not Mr. Then.");
    }

    #[test]
    fn latin_abbreviations() {
        one("Use fruit, e.g. apples, i.e. the red ones, etc. and more.");
        one("Cats vs. dogs, cf. Table 1, approx. five of them.");
        one("Use a fruit, e.g. Apples or Pears.");
        one("That is, i.e. The Beatles.");
        one("Roe v. Wade was decided.");
    }

    #[test]
    fn us_and_uk() {
        one("The U.S. Senate and the U.K. Parliament met.");
        assert_eq!(
            pieces("He moved to the U.S. The next year he left."),
            ["He moved to the U.S.", "The next year he left."]
        );
        assert_eq!(
            pieces("He lived in the U.S. But not for long."),
            ["He lived in the U.S.", "But not for long."]
        );
        assert_eq!(
            pieces("Apples, pears, etc. The rest is fine."),
            ["Apples, pears, etc.", "The rest is fine."]
        );
        assert_eq!(
            pieces("Files, sockets, etc. Libraries use them."),
            ["Files, sockets, etc.", "Libraries use them."]
        );
        one("Files, sockets, etc. are resources.");
        one("Files, sockets, etc., are resources.");
        assert_eq!(
            pieces("(files, etc.) Then more."),
            ["(files, etc.)", "Then more."]
        );
        assert_eq!(
            pieces("It works in the U.S.A. It also works here."),
            ["It works in the U.S.A.", "It also works here."]
        );
    }

    #[test]
    fn company_suffixes() {
        one(
            "Acme Inc. Chairman Bob and Widgets Ltd. Director Sue and Smith & Co. Partners and Big Corp. Staff.",
        );
        assert_eq!(
            pieces("He works at Acme Inc. It is big."),
            ["He works at Acme Inc.", "It is big."]
        );
        assert_eq!(
            pieces("Martin Luther King Jr. He spoke."),
            ["Martin Luther King Jr.", "He spoke."]
        );
        one("Martin Luther King Jr. Day is a holiday.");
    }

    #[test]
    fn saints_and_streets() {
        one("They flew to St. Louis.");
        assert_eq!(
            pieces("He lives on Main St. The house is red."),
            ["He lives on Main St.", "The house is red."]
        );
    }

    #[test]
    fn before_number_abbreviations() {
        one("See No. 5 and Fig. 3 and Sec. 2 and Vol. 4 and pp. 10–12 and p. 7.");
        one("See Vol. II and Ch. IV and Eq. 3 and Fig. B and ca. 1500.");
        one("It ended on Jan. 5 and began on Sept. 1 and Dec. 31.");
        assert_eq!(
            pieces("We met in Dec. The weather was cold."),
            ["We met in Dec.", "The weather was cold."]
        );
        assert_eq!(
            pieces("The answer is No. I disagree."),
            ["The answer is No.", "I disagree."]
        );
    }

    #[test]
    fn initials() {
        one("J. R. R. Tolkien wrote it.");
        one("John F. Kennedy was president.");
        one("Smith, J. A. Jones and B. Lee wrote it.");
        assert_eq!(
            pieces("He chose plan B. The plan failed."),
            ["He chose plan B.", "The plan failed."]
        );
    }

    #[test]
    fn et_al() {
        one("Smith et al. (2019) found it.");
        one("Smith et al. found it.");
        assert_eq!(
            pieces("It was Smith et al. They found it."),
            ["It was Smith et al.", "They found it."]
        );
    }

    #[test]
    fn time_and_degrees() {
        one("We meet at 5 p.m. Eastern time.");
        assert_eq!(
            pieces("We meet at 5 p.m. The room is 4."),
            ["We meet at 5 p.m.", "The room is 4."]
        );
        one("She has a Ph.D. in physics.");
    }

    #[test]
    fn numbers_and_versions() {
        one("Pi is 3.14 and it cost $1.5 billion in v1.2.3 with 1,000.50 left.");
        assert_eq!(
            pieces("Upgrade to v1.2.3. Then restart."),
            ["Upgrade to v1.2.3.", "Then restart."]
        );
        assert_eq!(
            pieces("It rose in 2019. 75% of firms agreed."),
            ["It rose in 2019.", "75% of firms agreed."]
        );
    }

    #[test]
    fn enumerators_at_start() {
        one("1. Introduction to the topic.");
        one("a. First option.");
        one("iv. Fourth item.");
        assert_eq!(
            pieces("Step 1. Then step two."),
            ["Step 1.", "Then step two."]
        );
    }

    #[test]
    fn ellipses() {
        one("I waited... and waited.");
        one("I waited… and waited.");
        assert_eq!(
            pieces("I waited... Then it came."),
            ["I waited...", "Then it came."]
        );
        assert_eq!(
            pieces("I waited… Then it came."),
            ["I waited…", "Then it came."]
        );
        one("It took... 3 hours.");
    }

    #[test]
    fn question_and_exclamation_clusters() {
        assert_eq!(
            pieces("Really?! Yes. Wow!! Done."),
            ["Really?!", "Yes.", "Wow!!", "Done."]
        );
        one("\"Why?\" she asked.");
        one("“Stop!” he shouted.");
        assert_eq!(pieces("Is it 5? 6 maybe."), ["Is it 5?", "6 maybe."]);
    }

    #[test]
    fn closing_quotes_and_brackets() {
        assert_eq!(
            pieces("He said \"no.\" Then he left."),
            ["He said \"no.\"", "Then he left."]
        );
        assert_eq!(
            pieces("(See below.) Next we go."),
            ["(See below.)", "Next we go."]
        );
        assert_eq!(
            pieces("He said “no.” Then he left."),
            ["He said “no.”", "Then he left."]
        );
        assert_eq!(
            pieces("He said ‘no.’ Then he left."),
            ["He said ‘no.’", "Then he left."]
        );
        assert_eq!(
            pieces("She asked, «Why?» Nobody knew."),
            ["She asked, «Why?»", "Nobody knew."]
        );
        assert_eq!(
            pieces("He said \"Stop!\". Then left."),
            ["He said \"Stop!\".", "Then left."]
        );
    }

    #[test]
    fn citation_markers_stay_with_sentence() {
        assert_eq!(
            pieces("It rose 5%.[3] Next it fell."),
            ["It rose 5%.[3]", "Next it fell."]
        );
        assert_eq!(
            pieces("It rose 5%. [3] Next it fell."),
            ["It rose 5%. [3]", "Next it fell."]
        );
        assert_eq!(
            pieces("It rose 5%.[3][4] Next."),
            ["It rose 5%.[3][4]", "Next."]
        );
        assert_eq!(
            pieces("It rose 5%. [3, 5] Next."),
            ["It rose 5%. [3, 5]", "Next."]
        );
        assert_eq!(pieces("It rose 5%. [3]"), ["It rose 5%. [3]"]);
        assert_eq!(
            pieces("It rose. [Note: see below.] Next."),
            ["It rose.", "[Note: see below.]", "Next."]
        );
    }

    #[test]
    fn urls_files_and_code() {
        one("See example.com/a.b and io::Error in main.rs and a.b.c for details.");
        one("Mail jane.doe@example.com or visit https://example.org/a.html?q=1 today.");
        assert_eq!(
            pieces("Visit https://example.org. Then log in."),
            ["Visit https://example.org.", "Then log in."]
        );
        one("Use .NET or .gitignore files.");
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        one("It is approx. five. iOS is a system.");
        one("Calif. law applies.");
    }

    #[test]
    fn sentence_starts_with_digit_quote_bracket() {
        assert_eq!(
            pieces("Done. 42 people came."),
            ["Done.", "42 people came."]
        );
        assert_eq!(
            pieces("Done. \"Quoted\" text."),
            ["Done.", "\"Quoted\" text."]
        );
        assert_eq!(pieces("Done. “Quoted” text."), ["Done.", "“Quoted” text."]);
        assert_eq!(
            pieces("Done. (Aside.) More."),
            ["Done.", "(Aside.)", "More."]
        );
        assert_eq!(pieces("Done. ¿Qué? Sí."), ["Done.", "¿Qué?", "Sí."]);
    }

    #[test]
    fn colon_semicolon_never_end() {
        one("Note: this; and that: those.");
    }

    #[test]
    fn continuation_punctuation_does_not_split() {
        one("Wait. , and then.");
        one("Yes! — he said.");
        one("Go. . . then stop.");
    }

    #[test]
    fn newlines() {
        one("This is one\nsentence over two lines.");
        assert_eq!(
            pieces("First line.\nSecond line."),
            ["First line.", "Second line."]
        );
        assert_eq!(
            pieces("First line.\nsecond line."),
            ["First line.", "second line."]
        );
        one("Dr.\nSmith came.");
        one("Use e.g.\nthis one.");
        assert_eq!(
            pieces("No stop here\n\nNew paragraph"),
            ["No stop here", "New paragraph"]
        );
        assert_eq!(
            pieces("No stop here\n  \t\r\n\nNew"),
            ["No stop here", "New"]
        );
        assert_eq!(pieces("Dr.\n\nSmith"), ["Dr.", "Smith"]);
        assert_eq!(pieces("One\u{2029}Two"), ["One", "Two"]);
    }

    #[test]
    fn cjk_terminals() {
        assert_eq!(
            pieces("你好。我很好！真的？是的"),
            ["你好。", "我很好！", "真的？", "是的"]
        );
        assert_eq!(pieces("「你好。」他说。"), ["「你好。」", "他说。"]);
        assert_eq!(pieces("はい｡いいえ"), ["はい｡", "いいえ"]);
        assert_eq!(pieces("Hello. 你好。"), ["Hello.", "你好。"]);
    }

    #[test]
    fn other_scripts() {
        assert_eq!(
            pieces("مرحبا. كيف حالك؟ بخير."),
            ["مرحبا.", "كيف حالك؟", "بخير."]
        );
        assert_eq!(pieces("नमस्ते। आप कैसे हैं?"), ["नमस्ते।", "आप कैसे हैं?"]);
        assert_eq!(pieces("שלום. מה שלומך?"), ["שלום.", "מה שלומך?"]);
        assert_eq!(
            pieces("Привет. Как дела? хорошо."),
            ["Привет.", "Как дела? хорошо."]
        );
        assert_eq!(pieces("Ελλάδα. Αθήνα."), ["Ελλάδα.", "Αθήνα."]);
    }

    #[test]
    fn emoji_and_combining_marks() {
        assert_eq!(
            pieces("We won! 🎉 Next time."),
            ["We won!", "🎉 Next time."]
        );
        assert_eq!(
            pieces("Café\u{301}. Ne\u{301}xt one."),
            ["Café\u{301}.", "Ne\u{301}xt one."]
        );
        assert_eq!(pieces("👍🏽. 👨‍👩‍👧."), ["👍🏽.", "👨‍👩‍👧."]);
    }

    #[test]
    fn unicode_whitespace() {
        assert_eq!(
            pieces("One.\u{a0}Two.\u{3000}Three."),
            ["One.", "Two.", "Three."]
        );
        one("Dr.\u{a0}Smith came.");
    }

    #[test]
    fn closers_without_space_do_not_split() {
        one("the U.S.'s economy and “quote.”Next");
    }

    #[test]
    fn property_invariants_on_generated_text() {
        const PIECES: &[&str] = &[
            "a",
            "B",
            "word",
            "The",
            "U.S",
            "Dr",
            "etc",
            "e.g",
            "1",
            "2019",
            ".",
            ".",
            ".",
            "?",
            "!",
            "…",
            "...",
            "\"",
            "'",
            "“",
            "”",
            "’",
            "(",
            ")",
            "[",
            "]",
            "[3]",
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\u{2029}",
            "🎉",
            "👨‍👩‍👧",
            "\u{301}",
            "e\u{301}",
            "مرحبا",
            "؟",
            "۔",
            "。",
            "！",
            "？",
            "｡",
            "」",
            "।",
            "你好",
            "ǅ",
            "ß",
            "İ",
            "\r",
            "\u{0}",
            ",",
            ";",
            ":",
            "—",
            "p",
            "No",
            "5",
            "§",
        ];
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..5000 {
            let s = random_text(&mut rng, PIECES, 30);
            check_invariants(&s, &split(&s));
        }
    }

    #[test]
    fn property_invariants_on_edge_strings() {
        for s in [
            ".",
            "..",
            "!",
            "?",
            "…",
            "。",
            " . ",
            "\n",
            "\n\n",
            ".\n\n.",
            "a.\n\nb",
            "[",
            "[3]",
            ". [3]",
            ".[3]",
            ". [3]\n\n",
            "\u{2029}",
            "\u{2029}\u{2029}",
            ".\u{2029}",
            "\"",
            ".\"",
            ". \"",
            "¿",
            "a. ¿",
            "\u{301}.",
            ". \u{301}",
            "e\u{301}. e",
            "\u{feff}Hi. There",
            "a.\u{85}B",
            "a.\u{2028}B",
            "Dr.",
            "U.S.",
            "No.",
        ] {
            check_invariants(s, &split(s));
        }
    }

    #[test]
    fn linear_on_pathological_inputs() {
        let big = 2_000_000;
        for s in [
            ".".repeat(big),
            ". ".repeat(big / 2),
            "a. ".repeat(big / 3),
            "Dr. ".repeat(big / 4),
            "U.S. The ".repeat(big / 9),
            "\n".repeat(big),
            "\n ".repeat(big / 2),
            " ".repeat(big) + ".",
            "a".repeat(big) + ". B",
            ".[1]".repeat(big / 4),
            "。".repeat(big / 3),
            "'".repeat(big) + ". ",
            ".)".repeat(big / 2) + " A",
        ] {
            // Pathological inputs must keep the invariants; that they run in
            // linear time is the benchmarks' business, not a timed test's.
            let got = split(&s);
            check_invariants(&s, &got);
        }
    }
}
