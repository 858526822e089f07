//! Claims rules: sentences that state a statistic, a trend, a cause, a
//! superlative or a sweeping generalisation, or lean on a vague authority,
//! without the citation that would make them fine.
//!
//! - [`cues`]: the cue lists and weights of `rules/claims.toml`, compiled
//!   into one automaton, and the per-sentence analysis and score;
//! - [`attribution`]: named and vague sources written in a sentence, and
//!   citation markers;
//! - [`unsupported_claim`]: the `unsupported-claim` rule.
//!
//! Other rules ask [`makes_claims`], [`makes_unsupported_claims`] or
//! [`unsupported_claim_count`] (the `article` profile's sources-section
//! check), [`claims`] for the sentences themselves, or [`claim_score`] for one
//! sentence.

pub mod attribution;
pub mod cues;
pub mod unsupported_claim;

pub use unsupported_claim::{
    Claim, claim_score, claims, makes_claims, makes_unsupported_claims, unsupported_claim_count,
};
