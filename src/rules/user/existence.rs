//! `kind = "existence"`: words, phrases or patterns that should not appear.
//! Each match is a finding on the matched words; with `fix = "..."` the
//! finding carries that replacement (`fix = ""`: delete the words).

use super::fix;
use super::template::Values;
use super::{Common, Hit};
use crate::document::Document;
use crate::finding::{Finding, quote};
use crate::rules::{Context, Rule};

pub struct Existence {
    pub common: Common,
    /// Replacement of every match; empty to delete it.
    pub fix: Option<String>,
}

impl Rule for Existence {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for hit in self.common.hits(doc) {
            out.push(self.finding(doc, ctx, &hit));
        }
    }
}

impl Existence {
    fn finding(&self, doc: &Document, ctx: &Context<'_>, hit: &Hit<'_>) -> Finding {
        let replacement = self.fix.as_deref().unwrap_or("");
        let message = self.common.message.render(&Values {
            matched: hit.text,
            replacement,
            ..Values::default()
        });
        let f = ctx.finding(hit.span, message);
        let Some(r) = &self.fix else {
            return f;
        };
        match fix::edit(doc.source.text(), hit.span, hit.text, r) {
            Some(edit) => {
                let description = if r.is_empty() {
                    format!("delete {}", quote(hit.text, 60))
                } else {
                    format!("replace with {}", quote(&edit.replacement, 60))
                };
                f.with_fix(description, vec![edit])
            }
            None => f,
        }
    }
}
