//! Whether a document makes claims that need a sources section
//! (`required-when = "claims"`).
//!
//! PLACEHOLDER: the `unsupported-claim` rule (`src/rules/claims/`) will expose
//! the real test; until it lands, [`unsupported_claims`] counts sentences with
//! a statistic, a number or a superlative and no citation, link or footnote.
//! Only this file changes when it is wired in.

use crate::document::{Document, Scope};

/// Words that make a sentence a claim on their own.
const SUPERLATIVES: &[&str] = &[
    "most",
    "least",
    "best",
    "worst",
    "largest",
    "biggest",
    "smallest",
    "highest",
    "lowest",
    "greatest",
    "fastest",
    "slowest",
    "strongest",
    "weakest",
    "majority",
    "percent",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
];

/// Number of sentences that make a claim (a number, a percentage, a
/// superlative) without citing anything.
pub fn unsupported_claims(doc: &Document) -> usize {
    doc.prose()
        .into_iter()
        .filter(|p| {
            !p.in_quote
                && matches!(
                    p.scope,
                    Scope::Paragraph | Scope::ListItem | Scope::TableCell | Scope::FaqAnswer
                )
        })
        .map(|p| {
            p.prose
                .sentences
                .iter()
                .filter(|s| s.support.is_empty())
                .filter(|s| is_claim(p.prose.sentence_text(s)))
                .count()
        })
        .sum()
}

/// Whether a document makes any claim without support.
pub fn makes_claims(doc: &Document) -> bool {
    unsupported_claims(doc) > 0
}

fn is_claim(sentence: &str) -> bool {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '%' || c == '.' || c == ','))
        .map(|w| w.trim_matches(['.', ',']))
        .any(|w| {
            let lower = w.to_lowercase();
            SUPERLATIVES.contains(&lower.as_str())
                || w.ends_with('%')
                || (w.chars().any(|c| c.is_ascii_digit())
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%')))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_superlatives_are_claims() {
        assert!(is_claim("Sales rose 40% last year."));
        assert!(is_claim("It is the most important alliance."));
        assert!(is_claim("About 3,000 people attended."));
        assert!(!is_claim("Partnerships matter."));
        assert!(!is_claim("The e2e tests pass."));
    }
}
