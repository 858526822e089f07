//! Bare URLs and citation markers in plain text.
//!
//! [`find`] reports two kinds of span in a prose run's plain text, in order and
//! never overlapping (where a URL and a citation would overlap, the URL wins):
//!
//! # URLs ([`Marker::Url`])
//!
//! * `http://`, `https://`, `ftp://` and `ftps://` URLs (scheme matched without
//!   regard to case, and only at a word boundary, so `xhttp://` is not one);
//! * `www.` followed by a host with at least one more dot
//!   (`www.example.org`, `www.example.org/a`);
//! * a bare host followed by a path, `github.com/rust-lang/rfcs`, when the host's
//!   last label is in a short list of well-known top-level domains (`TLDS`).
//!   A bare host with no path (`example.com`) is not reported: in prose that is
//!   too often a name rather than a link.
//!
//! A URL runs to the first white space, control character, one of `<`, `>`,
//! `"`, `{`, `}`, `|`, `\`, `^` or a backtick, or non-ASCII character that is
//! not a letter or digit (so curly quotes, CJK punctuation and emoji end it).
//! Trailing `.,;:!?'*_` are then dropped, and so is a trailing `)` or `]` that
//! has no partner inside the URL:
//! `(see https://en.wikipedia.org/wiki/Rust_(programming_language)).`
//! keeps the inner pair and drops the outer `)` and the `.`. E-mail addresses are
//! never URLs (a host preceded by `@` is refused).
//!
//! # Citations ([`Marker::Citation`])
//!
//! * numeric brackets: `[12]`, `[3, 5]`, `[3-5]`, `[3–5]`, `[1; 4]`,
//!   `[12, p. 4]`, `[2, pp. 10–12]`. Numbers have one to four digits and do not
//!   start with `0` (so `a[0]` is not one). A bracket directly followed by `(`
//!   is link syntax, not a citation.
//! * author–year parentheticals: `(Smith, 2019)`, `(Smith 2019)`,
//!   `(Smith et al., 2019)`, `(Smith et al. 2019, p. 4)`,
//!   `(Smith and Jones, 2019)`, `(Smith & Jones 2019; Lee 2020a)`,
//!   `(OECD, 2021)`, `(World Bank 2020)`, `(Department of Education, 2019)`,
//!   `(Smith, n.d.)`, `(Smith, in press)`, with an optional lead-in per citation
//!   (`see`, `see also`, `cf.`, `e.g.,`, `i.e.,`, `for example,`, ...).
//!   Authors are capitalised words (any script with case), initials (`J.`),
//!   all-capitals acronyms, name particles (`van`, `de`, `von`, ...), `and`,
//!   `&`, `et al.`, and `of`/`for`/`the`/`on` inside an organisation's name; the
//!   last author word must be a name. The first author word must not be in a
//!   short stop list of capitalised words that precede a year without citing
//!   anything (`January`, `Summer`, `Since`, `Windows`, `Rust`, `RFC`, ...).
//!   Years are 1500–2099 with an optional letter `a`–`z`; several may follow one author
//!   (`2019, 2020a`); a locator may follow the last (`, p. 4`, `: 45`,
//!   `, ch. 3`).
//! * a bare year parenthetical directly after a capitalised name:
//!   `Smith (2019) found`, `Smith et al. (2019)`, `Smith's (2019)`,
//!   `Smith (2019, p. 4)`: only the parenthetical is reported.
//! * `(n.d.)` on its own.
//!
//! Not citations: `[x]`, `[ ]`, `[link]`, `[TODO]`, `(see below)`, `(e.g. cats)`,
//! `(1)`, `(Section 3)`, `(p < 0.05)`, `(n = 120)`, years in running text,
//! `(2019)` after a lowercase word, and year ranges such as `(2019–2021)`.
//!
//! # Cost
//!
//! Both scans are linear: candidates are found with `memchr` (`/` and `.` for
//! URLs, `[` and `(` for citations), and each candidate looks at a bounded
//! window (a host of at most 253 bytes backwards, a parenthetical of at most
//! `MAX_PAREN` bytes forwards) or, for a URL body, at bytes that then belong to
//! the URL and are skipped. Nothing is allocated per character or per
//! candidate, only the lists of matches. Hand-written
//! scanning rather than `regex`: the grammar needs context (the word before a
//! `(2019)`, balanced parentheses, a TLD list) that a regex would express only
//! awkwardly, and the crate stays free of another dependency.

use std::ops::Range;

/// What a match in [`find`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// A URL written out (`https://...`, `www.example.org/...`).
    Url,
    /// A citation marker: `[12]`, `[3, 5]`, `(Smith, 2019)`, ...
    Citation,
}

/// The longest parenthetical examined as an author–year citation, in bytes.
const MAX_PAREN: usize = 240;

/// The longest numeric bracket examined, in bytes.
const MAX_BRACKET: usize = 64;

/// Top-level domains accepted for a bare `host/path` (without a scheme or
/// `www.`), lower case, sorted.
const TLDS: &[&str] = &[
    "aero", "ai", "app", "ar", "at", "au", "be", "biz", "blog", "br", "ca", "ch", "cloud", "cn",
    "co", "com", "coop", "cz", "de", "dev", "dk", "edu", "es", "eu", "fi", "fm", "fr", "gg", "gov",
    "gr", "hk", "hu", "ie", "il", "in", "info", "int", "io", "is", "it", "jp", "kr", "ly", "me",
    "mil", "museum", "mx", "net", "news", "nl", "no", "nz", "online", "org", "page", "pl", "pt",
    "ro", "rs", "ru", "se", "sg", "site", "tech", "tr", "tv", "tw", "ua", "uk", "us", "wiki",
    "xyz", "za",
];

/// Finds bare URLs and citation markers, in order, not overlapping.
pub fn find(text: &str) -> Vec<(Range<usize>, Marker)> {
    let mut urls = Vec::new();
    find_urls(text, &mut urls);
    let mut cites = Vec::new();
    find_citations(text, &urls, &mut cites);
    if cites.is_empty() {
        return urls.into_iter().map(|r| (r, Marker::Url)).collect();
    }
    let mut out = Vec::with_capacity(urls.len() + cites.len());
    let mut u = urls.into_iter().peekable();
    for c in cites {
        while let Some(r) = u.next_if(|r| r.start < c.start) {
            out.push((r, Marker::Url));
        }
        out.push((c, Marker::Citation));
    }
    out.extend(u.map(|r| (r, Marker::Url)));
    out
}

// ---------------------------------------------------------------------------
// URLs

fn find_urls(text: &str, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    // No URL can start before `floor` (the end of the previous one).
    let mut floor = 0;
    let mut at = 0;
    while let Some(k) = memchr::memchr2(b'/', b'.', &b[at..]) {
        let i = at + k;
        at = i + 1;
        let found = if b[i] == b'/' {
            if i >= 1 && b[i - 1] == b':' && b.get(i + 1) == Some(&b'/') {
                scheme_url(text, i - 1, floor)
            } else {
                bare_host_url(text, i, floor)
            }
        } else {
            www_url(text, i, floor)
        };
        if let Some(r) = found {
            at = r.end;
            floor = r.end;
            out.push(r);
        }
    }
}

/// A URL whose `://` starts at `colon`.
fn scheme_url(text: &str, colon: usize, floor: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let before = b.get(floor..colon)?;
    let scheme_len = ["https", "http", "ftps", "ftp"]
        .iter()
        .find(|s| {
            before.len() >= s.len()
                && before[before.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
        })?
        .len();
    let start = colon - scheme_len;
    if !boundary_before(text, start, b"") {
        return None;
    }
    let body = colon + 3;
    let c = *b.get(body)?;
    if !(c.is_ascii_alphanumeric() || c == b'[' || c >= 0x80) {
        return None;
    }
    let end = url_end(text, start, body);
    (end > body).then_some(start..end)
}

/// A URL starting `www.`, where `dot` is the dot after `www`.
fn www_url(text: &str, dot: usize, floor: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    if dot < 3 + floor || !b[dot - 3..dot].eq_ignore_ascii_case(b"www") {
        return None;
    }
    let start = dot - 3;
    if !boundary_before(text, start, b"._-@") {
        return None;
    }
    let host_end = dot
        + 1
        + b[dot + 1..]
            .iter()
            .take(254)
            .take_while(|c| is_host_byte(**c))
            .count();
    let host = text[dot + 1..host_end].trim_end_matches(['.', '-']);
    // At least `example.org`: a label, a dot, and a top-level domain of letters.
    let (name, tld) = host.rsplit_once('.')?;
    if name.is_empty() || name.split('.').any(|l| !valid_label(l)) {
        return None;
    }
    if tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = url_end(text, start, dot + 1);
    (end >= dot + 1 + host.len()).then_some(start..end)
}

/// A bare `host/path`, where `slash` is the first `/`.
fn bare_host_url(text: &str, slash: usize, floor: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    if slash == 0 || !b[slash - 1].is_ascii_alphanumeric() {
        return None;
    }
    let back = b[floor..slash]
        .iter()
        .rev()
        .take(254)
        .take_while(|c| is_host_byte(**c))
        .count();
    if back > 253 {
        return None;
    }
    let start = slash - back;
    if !boundary_before(text, start, b"._-@/:\\~+%=&#?") {
        return None;
    }
    let host = &text[start..slash];
    let (name, tld) = host.rsplit_once('.')?;
    if name.is_empty()
        || name.split('.').any(|l| !valid_label(l))
        || !name.bytes().any(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    if !TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)) {
        return None;
    }
    let end = url_end(text, start, slash + 1);
    (end > slash + 1).then_some(start..end)
}

fn is_host_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'.'
}

fn valid_label(l: &str) -> bool {
    !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-')
}

/// Whether a URL may start at `i`: the character before it is not a letter or
/// digit, nor one of `also`.
fn boundary_before(text: &str, i: usize, also: &[u8]) -> bool {
    match text[..i].chars().next_back() {
        None => true,
        Some(c) if c.is_ascii() => !(c.is_ascii_alphanumeric() || also.contains(&(c as u8))),
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Where a URL starting at `start` ends, scanning its body from `from`, with
/// trailing punctuation and unbalanced closing brackets dropped.
fn url_end(text: &str, start: usize, from: usize) -> usize {
    let b = text.as_bytes();
    let mut end = from;
    let (mut open_p, mut close_p, mut open_s, mut close_s) = (0usize, 0usize, 0usize, 0usize);
    for c in b[start..from].iter() {
        match c {
            b'(' => open_p += 1,
            b')' => close_p += 1,
            b'[' => open_s += 1,
            b']' => close_s += 1,
            _ => {}
        }
    }
    while end < b.len() {
        let c = b[end];
        if c < 0x80 {
            if c <= b' ' || c == 0x7f || b"<>\"`{}|\\^".contains(&c) {
                break;
            }
            match c {
                b'(' => open_p += 1,
                b')' => close_p += 1,
                b'[' => open_s += 1,
                b']' => close_s += 1,
                _ => {}
            }
            end += 1;
        } else {
            let Some(ch) = text[end..].chars().next() else {
                break;
            };
            if !ch.is_alphanumeric() {
                break;
            }
            end += ch.len_utf8();
        }
    }
    while end > from {
        match b[end - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b'_' => end -= 1,
            b')' if close_p > open_p => {
                close_p -= 1;
                end -= 1;
            }
            b']' if close_s > open_s => {
                close_s -= 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

// ---------------------------------------------------------------------------
// Citations

fn find_citations(text: &str, urls: &[Range<usize>], out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut urls = urls.iter().peekable();
    let mut at = 0;
    while let Some(k) = memchr::memchr2(b'[', b'(', &b[at..]) {
        let i = at + k;
        at = i + 1;
        while urls.next_if(|u| u.end <= i).is_some() {}
        if let Some(u) = urls.peek()
            && u.start <= i
        {
            at = u.end;
            continue;
        }
        let end = if b[i] == b'[' {
            numeric_citation_len(&b[i..]).map(|n| i + n)
        } else {
            paren_citation_end(text, i)
        };
        if let Some(end) = end {
            // A citation that would run into a URL is not one.
            if urls.peek().is_some_and(|u| u.start < end) {
                continue;
            }
            out.push(i..end);
            at = end;
        }
    }
}

/// The length of a numeric citation bracket (`[12]`, `[3, 5]`, `[3–5]`,
/// `[12, p. 4]`) at the start of `s`, which starts with `[`.
pub(crate) fn numeric_citation_len(s: &[u8]) -> Option<usize> {
    if s.first() != Some(&b'[') {
        return None;
    }
    let n = s.len().min(MAX_BRACKET);
    let s = &s[..n];
    let mut i = skip_spaces(s, 1);
    i = num_range(s, i)?;
    loop {
        i = skip_spaces(s, i);
        match s.get(i)? {
            b']' => {
                // `[1](...)` is link syntax left in plain text, not a citation.
                return (s.get(i + 1) != Some(&b'(')).then_some(i + 1);
            }
            b',' | b';' => {
                i = skip_spaces(s, i + 1);
                if let Some(k) = num_range(s, i) {
                    i = k;
                } else {
                    i = locator(s, i)?;
                    i = skip_spaces(s, i);
                    return (s.get(i) == Some(&b']') && s.get(i + 1) != Some(&b'('))
                        .then_some(i + 1);
                }
            }
            _ => return None,
        }
    }
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while s.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// A citation number: one to four digits, not starting with `0`, not followed
/// by a letter or digit.
fn num(s: &[u8], i: usize) -> Option<usize> {
    let d = s[i.min(s.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if d == 0 || d > 4 || s[i] == b'0' || s.get(i + d).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(i + d)
}

/// A number, or a range of two joined by `-`, `–` or `—`.
fn num_range(s: &[u8], i: usize) -> Option<usize> {
    let i = num(s, i)?;
    let j = skip_spaces(s, i);
    let dash = dash_len(&s[j..]);
    if dash > 0
        && let Some(k) = num(s, skip_spaces(s, j + dash))
    {
        return Some(k);
    }
    Some(i)
}

fn dash_len(s: &[u8]) -> usize {
    if s.first() == Some(&b'-') {
        1
    } else if s.starts_with("–".as_bytes()) || s.starts_with("—".as_bytes()) {
        3
    } else {
        0
    }
}

/// A page or part locator inside a numeric bracket: `p. 4`, `pp. 4–5, 7`.
fn locator(s: &[u8], i: usize) -> Option<usize> {
    const KEYS: &[&str] = &[
        "para.", "chap.", "fig.", "sec.", "col.", "vol.", "pp.", "ch.", "ll.", "pp", "p.", "l.",
        "§§", "§", "p",
    ];
    let rest = &s[i..];
    let key = KEYS
        .iter()
        .find(|k| rest.len() >= k.len() && rest[..k.len()].eq_ignore_ascii_case(k.as_bytes()))?;
    let mut i = num_range(s, skip_spaces(s, i + key.len()))?;
    while s.get(i) == Some(&b',') {
        match num_range(s, skip_spaces(s, i + 1)) {
            Some(k) => i = k,
            None => break,
        }
    }
    Some(i)
}

/// The end of an author–year citation (or a bare year after a name) whose `(`
/// is at `open`.
fn paren_citation_end(text: &str, open: usize) -> Option<usize> {
    let b = text.as_bytes();
    let window = &b[open + 1..b.len().min(open + 1 + MAX_PAREN)];
    let k = memchr::memchr2(b'(', b')', window)?;
    if window[k] != b')' {
        return None;
    }
    let close = open + 1 + k;
    let inner = text[open + 1..close].trim();
    // The first byte rules most parentheticals out cheaply.
    let first = inner.as_bytes().first()?;
    let ok = if first.is_ascii_digit() {
        name_before(text, open) && years_and_locator(inner.split_whitespace())
    } else if inner == "n.d." {
        true
    } else if inner.contains(|c: char| c.is_ascii_digit())
        || inner.contains("n.d.")
        || inner.contains(" press")
        || inner.contains("forthcoming")
    {
        inner.split(';').all(author_year)
    } else {
        false
    };
    ok.then_some(close + 1)
}

/// Whether the word before `(` at `open` is a capitalised name (`Smith`,
/// `Smith's`, `OECD`, or `al.` of `et al.`), so a bare `(2019)` cites it.
fn name_before(text: &str, open: usize) -> bool {
    let before = text[..open].trim_end_matches([' ', '\u{a0}']);
    if before.len() + 3 < open {
        return false;
    }
    let mut start = before.len();
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() || c == '(' || c == '[' {
            break;
        }
        if n == 40 {
            return false;
        }
        start = i;
    }
    let word = &before[start..];
    if word == "al." || word == "al" {
        return true;
    }
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix(['\'', '’']))
        .unwrap_or(word);
    word.chars().count() >= 2 && is_name(word) && !word.ends_with('.') && !is_stop_name(word)
}

/// One citation of an author–year parenthetical: `see Smith et al., 2019, p. 4`.
fn author_year(part: &str) -> bool {
    let part = strip_lead_in(part.trim());
    let mut toks = part.split_whitespace().peekable();
    let mut first = true;
    let mut last_is_name = false;
    let mut count = 0;
    loop {
        let Some(&t) = toks.peek() else { return false };
        let core = t.trim_end_matches(',');
        if is_year_like(t.trim_end_matches([',', ':'])) || (core == "in" && t == "in") {
            break;
        }
        toks.next();
        count += 1;
        if count > 12 {
            return false;
        }
        match core {
            "and" | "&" | "of" | "for" | "the" | "on" | "et" => {
                if first {
                    return false;
                }
                last_is_name = false;
            }
            "al." | "al" => {
                if first {
                    return false;
                }
                last_is_name = true;
            }
            _ if is_particle(core) => last_is_name = false,
            _ if is_name(core) => {
                if first && is_stop_name(core) {
                    return false;
                }
                last_is_name = true;
            }
            _ => return false,
        }
        first = false;
    }
    if !last_is_name {
        return false;
    }
    years_and_locator(toks)
}

/// One or more years (`2019`, `2019a, 2020`, `n.d.`, `in press`), then an
/// optional locator (`, p. 4`, `: 45`), and nothing else.
fn years_and_locator<'a>(toks: impl Iterator<Item = &'a str>) -> bool {
    let mut toks = toks.peekable();
    loop {
        let Some(t) = toks.next() else { return false };
        let (core, sep) = match t.strip_suffix([',', ':']) {
            Some(c) => (c, t.as_bytes()[t.len() - 1]),
            None => (t, 0),
        };
        let year = if core == "in" {
            // `in press`
            match toks.next() {
                Some("press") => true,
                Some("press,") => return locator_tokens(toks),
                _ => false,
            }
        } else {
            is_year_like(core)
        };
        if !year {
            return false;
        }
        match sep {
            0 => {
                // `2019 :` or `2019 , p. 4` are not worth the trouble; only the
                // end is accepted here.
                return toks.next().is_none();
            }
            b':' => return locator_tokens(toks),
            _ => {
                if toks
                    .peek()
                    .is_some_and(|t| is_year_like(t.trim_end_matches([',', ':'])))
                {
                    continue;
                }
                return locator_tokens(toks);
            }
        }
    }
}

/// A short locator: `p. 4`, `pp. 4–5`, `ch. 3`, `45`, `Table 2`.
fn locator_tokens<'a>(mut toks: impl Iterator<Item = &'a str>) -> bool {
    const KEYS: &[&str] = &[
        "p.", "pp.", "p", "pp", "ch.", "chap.", "chapter", "sec.", "section", "§", "§§", "para.",
        "paras.", "fig.", "figure", "table", "tab.", "n.", "note", "vol.", "col.", "l.", "ll.",
        "appendix", "app.",
    ];
    let Some(first) = toks.next() else {
        return false;
    };
    let ok_first = first.starts_with(|c: char| c.is_ascii_digit())
        || KEYS.iter().any(|k| first.eq_ignore_ascii_case(k));
    if !ok_first {
        return false;
    }
    let mut n = 0;
    for t in toks {
        n += 1;
        if n > 4
            || t.len() > 16
            || !t
                .chars()
                .all(|c| c.is_alphanumeric() || "-–—,.:§".contains(c))
        {
            return false;
        }
    }
    true
}

/// `2019`, `2019a`, `n.d.`, `forthcoming`.
fn is_year_like(t: &str) -> bool {
    is_year(t) || t == "n.d." || t == "forthcoming"
}

/// A plausible year, 1500–2099, with an optional letter suffix `a`–`z`.
fn is_year(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = match b.len() {
        4 => b,
        5 if b[4].is_ascii_lowercase() => &b[..4],
        _ => return false,
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let y = digits
        .iter()
        .fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    (1500..=2099).contains(&y)
}

/// A capitalised name word: an upper-case letter, then letters, `-`, `'`, `’`
/// and `.` (initials, `St.`), at most 40 bytes.
fn is_name(t: &str) -> bool {
    let mut cs = t.chars();
    let Some(c0) = cs.next() else { return false };
    t.len() <= 40
        && c0.is_uppercase()
        && cs.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

fn is_particle(t: &str) -> bool {
    PARTICLES.binary_search(&t).is_ok()
}

/// Sorted (byte order), for `binary_search`.
const PARTICLES: &[&str] = &[
    "af", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "ibn", "la",
    "le", "ten", "ter", "van", "von", "y", "zu",
];

/// Capitalised words that come before a year without citing anything.
fn is_stop_name(t: &str) -> bool {
    STOP_NAMES.binary_search(&t).is_ok()
}

/// Sorted (byte order), for `binary_search`.
const STOP_NAMES: &[&str] = &[
    "A",
    "ANSI",
    "About",
    "Accessed",
    "After",
    "Agenda",
    "An",
    "Appendix",
    "Approximately",
    "Apr.",
    "April",
    "Around",
    "Article",
    "As",
    "At",
    "Aug.",
    "August",
    "Autumn",
    "Before",
    "Between",
    "Born",
    "Budget",
    "Bug",
    "Build",
    "By",
    "Ca.",
    "Census",
    "Chapter",
    "Circa",
    "Class",
    "Copyright",
    "Cup",
    "Dec.",
    "December",
    "Died",
    "Due",
    "During",
    "ECMA",
    "ECMAScript",
    "Early",
    "Edition",
    "Effective",
    "Est.",
    "Estimated",
    "Expected",
    "Expo",
    "FY",
    "Fall",
    "Feb.",
    "February",
    "Fig.",
    "Figure",
    "Fiscal",
    "Flight",
    "For",
    "Form",
    "Founded",
    "From",
    "Horizon",
    "IEC",
    "IEEE",
    "ISO",
    "In",
    "Issue",
    "Item",
    "Jan.",
    "January",
    "Java",
    "Jul.",
    "July",
    "Jun.",
    "June",
    "KEP",
    "Late",
    "Level",
    "Line",
    "Mar.",
    "March",
    "May",
    "Mid",
    "Model",
    "No.",
    "Nov.",
    "November",
    "Number",
    "Oct.",
    "October",
    "Of",
    "Office",
    "Olympics",
    "On",
    "PEP",
    "PR",
    "Page",
    "Part",
    "Patch",
    "Phase",
    "Projected",
    "Published",
    "Python",
    "RFC",
    "RFCs",
    "Release",
    "Released",
    "Retrieved",
    "Revised",
    "Room",
    "Route",
    "Rule",
    "Rust",
    "Season",
    "Section",
    "Sep.",
    "Sept.",
    "September",
    "Server",
    "Session",
    "Since",
    "Spring",
    "Stage",
    "Starting",
    "Step",
    "Studio",
    "Summer",
    "Table",
    "Term",
    "That",
    "This",
    "Through",
    "Throughout",
    "Ticket",
    "Tier",
    "Till",
    "To",
    "Unicode",
    "Until",
    "Up",
    "Updated",
    "Version",
    "Vision",
    "Visual",
    "Vol.",
    "Volume",
    "Windows",
    "Winter",
    "Year",
    "Years",
];

/// Drops a lead-in such as `see`, `see also`, `cf.` or `e.g.,`.
fn strip_lead_in(mut s: &str) -> &str {
    const LEAD: &[&str] = &[
        "for a review, see ",
        "for example, ",
        "for example ",
        "as cited in ",
        "adapted from ",
        "reviewed in ",
        "see, e.g., ",
        "see e.g. ",
        "see also ",
        "quoted in ",
        "cited in ",
        "compare ",
        "but see ",
        "e.g., ",
        "e.g. ",
        "i.e., ",
        "i.e. ",
        "also ",
        "see ",
        "cf. ",
    ];
    for _ in 0..3 {
        let Some(l) = LEAD.iter().find(|l| {
            s.len() >= l.len() && s.as_bytes()[..l.len()].eq_ignore_ascii_case(l.as_bytes())
        }) else {
            break;
        };
        s = s[l.len()..].trim_start();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Rng, random_text};

    /// The matched pieces of `text`, each with its kind.
    fn found(text: &str) -> Vec<(&str, Marker)> {
        find(text).into_iter().map(|(r, m)| (&text[r], m)).collect()
    }

    fn urls(text: &str) -> Vec<&str> {
        find(text)
            .into_iter()
            .filter(|(_, m)| *m == Marker::Url)
            .map(|(r, _)| &text[r])
            .collect()
    }

    fn cites(text: &str) -> Vec<&str> {
        find(text)
            .into_iter()
            .filter(|(_, m)| *m == Marker::Citation)
            .map(|(r, _)| &text[r])
            .collect()
    }

    // --- URLs ---------------------------------------------------------------

    #[test]
    fn url_https_plain() {
        assert_eq!(
            urls("See https://example.org/a/b for more."),
            ["https://example.org/a/b"]
        );
    }

    #[test]
    fn url_http_and_ftp() {
        assert_eq!(
            urls("Old: http://example.com and ftp://ftp.example.org/pub/file.tar.gz."),
            [
                "http://example.com",
                "ftp://ftp.example.org/pub/file.tar.gz"
            ]
        );
    }

    #[test]
    fn url_scheme_case_insensitive() {
        assert_eq!(urls("HTTPS://EXAMPLE.ORG/X"), ["HTTPS://EXAMPLE.ORG/X"]);
    }

    #[test]
    fn url_trailing_punctuation_dropped() {
        for (text, want) in [
            ("Go to https://example.org.", "https://example.org"),
            ("Go to https://example.org/a, then", "https://example.org/a"),
            ("Go to https://example.org/a; then", "https://example.org/a"),
            ("Go to https://example.org/a: then", "https://example.org/a"),
            ("Is it https://example.org/a?", "https://example.org/a"),
            ("Wow https://example.org/a!", "https://example.org/a"),
            ("'https://example.org/a'", "https://example.org/a"),
            ("\"https://example.org/a\"", "https://example.org/a"),
            ("“https://example.org/a”", "https://example.org/a"),
            ("<https://example.org/a>", "https://example.org/a"),
        ] {
            assert_eq!(urls(text), [want], "{text}");
        }
    }

    #[test]
    fn url_query_and_fragment_kept() {
        assert_eq!(
            urls("See https://example.org/search?q=a+b&page=2#top."),
            ["https://example.org/search?q=a+b&page=2#top"]
        );
    }

    #[test]
    fn url_balanced_parens_kept() {
        assert_eq!(
            urls("(see https://en.wikipedia.org/wiki/Rust_(programming_language))."),
            ["https://en.wikipedia.org/wiki/Rust_(programming_language)"]
        );
    }

    #[test]
    fn url_unbalanced_paren_dropped() {
        assert_eq!(
            urls("(see https://example.org/a)"),
            ["https://example.org/a"]
        );
        assert_eq!(urls("[https://example.org/a]"), ["https://example.org/a"]);
    }

    #[test]
    fn url_www() {
        assert_eq!(urls("Visit www.example.org today."), ["www.example.org"]);
        assert_eq!(urls("Visit www.example.org/a/b."), ["www.example.org/a/b"]);
        assert_eq!(urls("Visit WWW.EXAMPLE.CO.UK/x"), ["WWW.EXAMPLE.CO.UK/x"]);
    }

    #[test]
    fn url_www_needs_a_domain() {
        assert!(urls("The www. prefix and www.foo are not URLs.").is_empty());
    }

    #[test]
    fn url_bare_host_with_path() {
        assert_eq!(
            urls("See github.com/rust-lang/rfcs."),
            ["github.com/rust-lang/rfcs"]
        );
        assert_eq!(
            urls("docs.rs/serde/latest and crates.io/crates/regex"),
            ["docs.rs/serde/latest", "crates.io/crates/regex"]
        );
    }

    #[test]
    fn url_bare_host_without_path_is_not_one() {
        assert!(urls("Ask example.com or github.com about it.").is_empty());
        assert!(urls("github.com/ alone").is_empty());
    }

    #[test]
    fn url_bare_host_unknown_tld_is_not_one() {
        assert!(urls("Files like main.rs and node.js/deno, README.md/x.").is_empty());
        assert!(urls("and/or, km/h, TCP/IP, 3.5/5").is_empty());
    }

    #[test]
    fn url_not_email() {
        assert!(urls("Mail jane.doe@example.com or jane@github.com/x.").is_empty());
    }

    #[test]
    fn url_not_abbreviations() {
        assert!(urls("e.g. this, i.e. that, the U.S./Canada border, etc.").is_empty());
    }

    #[test]
    fn url_scheme_needs_boundary_and_host() {
        assert!(urls("xhttp://example.org").is_empty());
        assert!(urls("http:// nothing").is_empty());
        assert!(urls("a http://").is_empty());
        assert!(urls("mailto:x@example.org").is_empty());
    }

    #[test]
    fn url_unicode_path_and_stops() {
        assert_eq!(
            urls("https://de.wikipedia.org/wiki/Müller。Next"),
            ["https://de.wikipedia.org/wiki/Müller"]
        );
        assert_eq!(urls("https://example.org/a🎉b"), ["https://example.org/a"]);
    }

    #[test]
    fn url_several_in_order() {
        assert_eq!(
            urls("https://a.org/x https://b.org/y www.c.org"),
            ["https://a.org/x", "https://b.org/y", "www.c.org"]
        );
    }

    #[test]
    fn url_www_inside_scheme_url_counted_once() {
        assert_eq!(
            urls("at http://www.example.org/a.b."),
            ["http://www.example.org/a.b"]
        );
    }

    // --- numeric citations --------------------------------------------------

    #[test]
    fn cite_numeric_simple() {
        assert_eq!(cites("It rose 5%.[3] Next [12] and"), ["[3]", "[12]"]);
    }

    #[test]
    fn cite_numeric_lists_and_ranges() {
        assert_eq!(
            cites("a [3, 5] b [3-5] c [3–5] d [1,2] e [1; 4] f [2, 4-6, 9]"),
            ["[3, 5]", "[3-5]", "[3–5]", "[1,2]", "[1; 4]", "[2, 4-6, 9]"]
        );
    }

    #[test]
    fn cite_numeric_with_page() {
        assert_eq!(
            cites("as shown [12, p. 4] and [2, pp. 10–12]."),
            ["[12, p. 4]", "[2, pp. 10–12]"]
        );
    }

    #[test]
    fn cite_numeric_adjacent() {
        assert_eq!(cites("claim[1][2]."), ["[1]", "[2]"]);
    }

    #[test]
    fn cite_numeric_rejects() {
        for text in [
            "[x]",
            "[ ]",
            "[link]",
            "[TODO]",
            "a[0]",
            "[01]",
            "[12345]",
            "[3a]",
            "[1](http)",
            "[3,]",
            "[3, x]",
            "[",
            "[1",
            "[p. 4]",
            "[-1]",
            "[1 2]",
        ] {
            assert!(cites(text).is_empty(), "{text}");
        }
    }

    // --- author–year citations ------------------------------------------------

    #[test]
    fn cite_author_year_forms() {
        for c in [
            "(Smith, 2019)",
            "(Smith 2019)",
            "(Smith et al., 2019)",
            "(Smith et al. 2019)",
            "(Smith et al. 2019, p. 4)",
            "(Smith and Jones, 2019)",
            "(Smith & Jones 2019; Lee 2020a)",
            "(OECD, 2021)",
            "(World Bank 2020)",
            "(see Smith, 2019)",
            "(See Smith, 2019)",
            "(e.g., Smith 2019)",
            "(cf. Smith 2019)",
            "(see also Smith 2019; Jones 2020)",
            "(Smith, 2019, 2020b)",
            "(Smith 2019: 45)",
            "(Smith, J., 2019)",
            "(van der Berg, 2019)",
            "(Müller 2019)",
            "(O’Brien 2019)",
            "(Department of Education, 2019)",
            "(Smith, n.d.)",
            "(Smith, in press)",
            "(Smith, Jones, and Lee 2019, pp. 4–5)",
            "(Smith 1999, ch. 3)",
        ] {
            let text = format!("It rose {c} last year.");
            assert_eq!(cites(&text), [c], "{c}");
        }
    }

    #[test]
    fn cite_bare_year_after_name() {
        assert_eq!(cites("Smith (2019) found that"), ["(2019)"]);
        assert_eq!(cites("Smith et al. (2019) found that"), ["(2019)"]);
        assert_eq!(
            cites("Smith and Jones (2019a, 2020) found"),
            ["(2019a, 2020)"]
        );
        assert_eq!(cites("Smith's (2019) study"), ["(2019)"]);
        assert_eq!(cites("Smith’s (2019) study"), ["(2019)"]);
        assert_eq!(cites("Smith (2019, p. 4) says"), ["(2019, p. 4)"]);
        assert_eq!(cites("OECD (2021) reports"), ["(2021)"]);
        assert_eq!(cites("Smith (n.d.) says"), ["(n.d.)"]);
    }

    #[test]
    fn cite_nd_alone() {
        assert_eq!(cites("as published (n.d.) there"), ["(n.d.)"]);
    }

    #[test]
    fn cite_bare_year_rejects() {
        for text in [
            "in the year (2019) it",
            "It happened (2019) then",
            "(2019)",
            "the war (2019–2021) ended",
            "Smith (2019–2021) ended",
            "January (2019) was",
            "In (2019)",
            "the U.S. (2019)",
            "Smith (1499) wrote",
            "Smith (2100) wrote",
            "Smith (20190) wrote",
            "Smith (2019 was) good",
        ] {
            assert!(cites(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn cite_paren_rejects() {
        for text in [
            "(see below)",
            "(e.g. cats)",
            "(1)",
            "(a)",
            "(Section 3)",
            "(p < 0.05)",
            "(n = 120)",
            "(2019–2021)",
            "(January 2019)",
            "(since 2019)",
            "(Summer 2019)",
            "(Windows 2000)",
            "(Rust 2018)",
            "(RFC 1561)",
            "(see RFC 1999)",
            "(COVID-19, 2020)",
            "(v1.2, 2019)",
            "(Smith)",
            "(Smith, 2019 onwards)",
            "(and Smith 2019)",
            "(Smith and 2019)",
            "(Rest of 2019)",
            "(the Smith 2019)",
            "(A 2019)",
            "(Smith, 3019)",
            "(Smith, 2019, whatever else comes)",
            "(",
            "()",
            ")(",
        ] {
            assert!(cites(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn cite_years_in_running_text_and_versions() {
        assert!(cites("In 2019 the 1.2.3 release shipped; v2019 too.").is_empty());
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [TLDS, PARTICLES, STOP_NAMES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn mixed_in_order() {
        assert_eq!(
            found("See https://x.org/a (Smith, 2019) and [4]."),
            [
                ("https://x.org/a", Marker::Url),
                ("(Smith, 2019)", Marker::Citation),
                ("[4]", Marker::Citation),
            ]
        );
    }

    #[test]
    fn citation_inside_url_is_not_reported() {
        assert_eq!(
            found("https://en.wikipedia.org/wiki/Smith_(2019)[1] x"),
            [("https://en.wikipedia.org/wiki/Smith_(2019)[1]", Marker::Url)]
        );
        assert_eq!(
            found("https://example.org/Smith (2019) x"),
            [("https://example.org/Smith", Marker::Url)]
        );
    }

    #[test]
    fn long_parenthetical_is_skipped() {
        let text = format!("({} Smith, 2019)", "word ".repeat(100));
        assert!(cites(&text).is_empty());
    }

    #[test]
    fn empty_and_tiny_inputs() {
        for text in [
            "", "(", "[", "/", ".", "www.", "://", "http", "(Smith,", "[1,", "é(", "(é", "\u{0}",
        ] {
            let _ = find(text);
        }
    }

    #[test]
    fn property_in_order_non_overlapping_on_boundaries() {
        const PIECES: &[&str] = &[
            "(",
            ")",
            "[",
            "]",
            "1",
            "2019",
            "2020a",
            "Smith",
            "et al.",
            "and",
            "&",
            ",",
            ";",
            " ",
            "  ",
            ".",
            "/",
            ":",
            "//",
            "http",
            "https://",
            "www.",
            "example",
            ".org",
            ".com",
            "github.com/",
            "p. 4",
            "–",
            "-",
            "é",
            "🎉",
            "\u{301}",
            "مرحبا",
            "。",
            "n.d.",
            "see ",
            "e.g., ",
            "@",
            "\n",
            "'",
            "’",
            "x",
            "OECD",
            "3",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let s = random_text(&mut rng, PIECES, 24);
            let got = find(&s);
            let mut last = 0;
            for (r, _) in &got {
                assert!(
                    r.start >= last && r.start < r.end && r.end <= s.len(),
                    "{s:?}: {got:?}"
                );
                assert!(
                    s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
                    "{s:?}: {got:?}"
                );
                last = r.end;
            }
        }
    }

    #[test]
    fn linear_on_pathological_inputs() {
        // Each would be quadratic with unbounded look-around; they must finish fast.
        let big = 2_000_000;
        for s in [
            "(".repeat(big),
            "(Smith ".repeat(big / 7),
            "[1, ".repeat(big / 4),
            "a.".repeat(big / 2),
            "/".repeat(big),
            "a/".repeat(big / 2),
            "www.".repeat(big / 4),
            "https://".repeat(big / 8),
            format!("https://{}", "a".repeat(big)),
        ] {
            // No panic and ordered, non-overlapping matches on pathological
            // inputs; speed is the benchmarks' business, not a timed test's.
            let got = find(&s);
            assert!(got.windows(2).all(|w| w[0].0.end <= w[1].0.start));
        }
    }
}
