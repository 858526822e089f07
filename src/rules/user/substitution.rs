//! `kind = "substitution"`: write X instead of Y. Each `swap` key is a
//! phrase to avoid, its value what to write instead; every finding carries
//! the fix (an empty value deletes the phrase).

use super::fix;
use super::template::Values;
use super::{Common, Hit};
use crate::document::Document;
use crate::finding::{Finding, quote};
use crate::rules::{Context, Rule};

pub struct Substitution {
    pub common: Common,
    /// Replacement by needle index (the order of `swap`).
    pub replacements: Vec<String>,
}

impl Rule for Substitution {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for hit in self.common.hits(doc) {
            if let Some(f) = self.finding(doc, ctx, &hit) {
                out.push(f);
            }
        }
    }
}

impl Substitution {
    fn finding(&self, doc: &Document, ctx: &Context<'_>, hit: &Hit<'_>) -> Option<Finding> {
        let replacement = self.replacements.get(hit.needle)?;
        let cased = fix::match_case(replacement, hit.text);
        // Already written the preferred way (a swap that only changes case,
        // matched ignoring case).
        if cased == hit.text || replacement == hit.text {
            return None;
        }
        let message = self.common.message.render(&Values {
            matched: hit.text,
            replacement: &cased,
            ..Values::default()
        });
        let f = ctx.finding(hit.span, message);
        Some(
            match fix::edit(doc.source.text(), hit.span, hit.text, replacement) {
                Some(edit) => {
                    let description = if replacement.is_empty() {
                        format!("delete {}", quote(hit.text, 60))
                    } else {
                        format!("replace with {}", quote(&edit.replacement, 60))
                    };
                    f.with_fix(description, vec![edit])
                }
                None => f,
            },
        )
    }
}
