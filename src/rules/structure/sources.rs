//! Whether a document makes claims that need a sources section
//! (`required-when = "claims"`): the sentences that `unsupported-claim`
//! would report at warning level, whether or not that rule is enabled.

use crate::document::Document;

/// Number of sentences that make a claim without citing anything.
pub fn unsupported_claims(doc: &Document) -> usize {
    crate::rules::claims::unsupported_claim::unsupported_claim_count(doc)
}
