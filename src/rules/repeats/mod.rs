//! Repeat rules: what comes back across a whole document (or, with
//! `check --across`, across documents), not just "the the".
//!
//! - `duplicate-phrase`: the same phrase of several words used again
//!   ([`duplicate_phrase`]);
//! - `near-duplicate`: a sentence or passage that restates another closely
//!   ([`near_duplicate`]);
//! - `duplicate-heading`: sibling headings with the same text
//!   ([`duplicate_heading`]);
//! - `repeated-opener`: sentences, paragraphs or list items that keep opening
//!   with the same words ([`repeated_opener`]).
//!
//! The first two read the document as one stream of normalised words
//! ([`tokens`], [`normalize`]) and find repeats through hashes of word
//! k-grams ([`shingles`]): time linear in the document's length, never a
//! comparison of all pairs.

pub mod duplicate_heading;
pub mod duplicate_phrase;
pub mod near_duplicate;
pub mod normalize;
pub mod repeated_opener;
pub mod shingles;
pub mod tokens;

use crate::config::Config;
use crate::document::Document;
use crate::finding::quote;
use crate::source::Span;

/// Help shared by the phrase and sentence rules.
pub const HELP_VARY: &str = "vary the wording or cut the repeats";

/// Whether a configuration runs a built-in rule (as the engine decides it).
pub fn rule_enabled(config: &Config, name: &str) -> bool {
    let configured = config.rules.get(name).and_then(|r| r.enabled);
    let default = crate::rules::builtin(name).is_none_or(|r| r.default_enabled);
    crate::check::rule_enabled(config, name, configured, default)
}

/// Where a span is, for messages: "in ‘Combating Terrorism’, line 34", or
/// "on line 34" before the first heading.
pub fn place(doc: &Document, span: Span) -> String {
    let line = doc.source.line_of(span.start);
    let section = doc.section_at(span.start);
    match doc.sections[section].heading.as_ref() {
        Some(h) if h.span.start != span.start => {
            format!("in {}, line {line}", quote_heading(h.text()))
        }
        _ => format!("on line {line}"),
    }
}

/// A heading's text in single quotation marks, shortened if long.
pub fn quote_heading(text: &str) -> String {
    let q = quote(text, 50);
    // `quote` uses double marks; headings read better in single ones.
    let inner = q
        .trim_start_matches('\u{201c}')
        .trim_end_matches('\u{201d}');
    format!("\u{2018}{inner}\u{2019}")
}

/// Lists places in words: "a", "a and b", "a, b and 3 more".
pub fn list_places(places: &[String], total: usize) -> String {
    let shown = places.len().min(3);
    let mut parts: Vec<String> = places[..shown].to_vec();
    let more = total.saturating_sub(shown);
    if more > 0 {
        parts.push(format!(
            "{more} more place{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        n => {
            let last = parts.remove(n - 1);
            format!("{} and {last}", parts.join(", "))
        }
    }
}

/// "twice", "3 times".
pub fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_listed_in_words() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list_places(&p(&["a"]), 1), "a");
        assert_eq!(list_places(&p(&["a", "b"]), 2), "a and b");
        assert_eq!(list_places(&p(&["a", "b", "c"]), 3), "a, b and c");
        assert_eq!(
            list_places(&p(&["a", "b", "c", "d"]), 5),
            "a, b, c and 2 more places"
        );
        assert_eq!(times(2), "twice");
        assert_eq!(times(4), "4 times");
    }
}
