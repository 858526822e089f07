//! Fixes of user rules: replace the matched words, or delete them, keeping
//! the sentence well formed.
//!
//! - A replacement follows the capitalisation of what it replaces: the first
//!   letter (`Utilize` -> `Use`), or every letter when the match is in
//!   capitals (`UTILIZE` -> `USE`).
//! - A deletion takes the white space after the words with it (or, before a
//!   punctuation mark, the white space before them), and when the deleted
//!   words began with a capital, the next word gets one
//!   (`In conclusion, the plan works.` -> `The plan works.`).
//! - No fix is offered where the matched words are not written verbatim in
//!   the source (markup or an entity inside them): replacing those bytes
//!   could break a link or emphasis.

use crate::finding::Edit;
use crate::source::Span;

/// `replacement` with the capitalisation of `matched`.
pub fn match_case(replacement: &str, matched: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        return capitalise(replacement);
    }
    replacement.to_string()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The edit that replaces (or, with an empty replacement, deletes) the
/// source bytes `span`, or `None` when they are not verbatim `plain`.
pub fn edit(text: &str, span: Span, plain: &str, replacement: &str) -> Option<Edit> {
    if text.get(span.range()) != Some(plain) {
        return None;
    }
    if !replacement.is_empty() {
        return Some(Edit {
            span,
            replacement: match_case(replacement, plain),
        });
    }
    Some(deletion(text, span, plain))
}

fn deletion(text: &str, span: Span, plain: &str) -> Edit {
    let after = text.get(span.end..).unwrap_or("");
    // White space after the words, within the line or across one line break.
    let mut ws = 0;
    let mut newlines = 0;
    for c in after.chars() {
        match c {
            ' ' | '\t' => ws += c.len_utf8(),
            '\r' => ws += 1,
            '\n' if newlines == 0 => {
                newlines += 1;
                ws += 1;
            }
            _ => break,
        }
    }
    let next = after.get(ws..).and_then(|s| s.chars().next());
    if next.is_none_or(|c| ".,;:!?)".contains(c)) {
        // `rose, needless to say.` -> `rose.`: take the space (and a comma)
        // before the words instead.
        let before = text.get(..span.start).unwrap_or("");
        let mut trimmed = before.trim_end_matches([' ', '\t']);
        if next.is_some() {
            trimmed = trimmed.strip_suffix(',').unwrap_or(trimmed);
        }
        return Edit {
            span: Span::new(trimmed.len(), span.end),
            replacement: String::new(),
        };
    }
    let starts_capital = plain
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if starts_capital
        && let Some(n) = next
        && n.is_lowercase()
    {
        let end = span.end + ws + n.len_utf8();
        return Edit {
            span: Span::new(span.start, end),
            replacement: n.to_uppercase().collect(),
        };
    }
    Edit {
        span: Span::new(span.start, span.end + ws),
        replacement: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, e: &Edit) -> String {
        format!(
            "{}{}{}",
            &text[..e.span.start],
            e.replacement,
            &text[e.span.end..]
        )
    }

    #[test]
    fn replacement_follows_case() {
        assert_eq!(match_case("use", "Utilize"), "Use");
        assert_eq!(match_case("use", "UTILIZE"), "USE");
        assert_eq!(match_case("use", "utilize"), "use");
        assert_eq!(match_case("JavaScript", "javascript"), "JavaScript");
    }

    #[test]
    fn deletions_keep_sentences_well_formed() {
        let t = "In conclusion, the plan works.";
        let e = edit(t, Span::new(0, 14), "In conclusion,", "").unwrap();
        assert_eq!(apply(t, &e), "The plan works.");
        let t = "It rose, needless to say.";
        let e = edit(t, Span::new(9, 24), "needless to say", "").unwrap();
        assert_eq!(apply(t, &e), "It rose.");
        let t = "but it is important to note that\nthe cost rose";
        let e = edit(t, Span::new(4, 32), "it is important to note that", "").unwrap();
        assert_eq!(apply(t, &e), "but the cost rose");
    }

    #[test]
    fn no_fix_over_markup() {
        let t = "in **order** to";
        assert!(edit(t, Span::new(0, t.len()), "in order to", "to").is_none());
    }
}
