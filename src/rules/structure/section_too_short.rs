//! `section-too-short`: a required section with fewer words than asked for.

use std::sync::Arc;

use serde::Deserialize;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Context, OptionError, Rule, parse_options};

use super::matching::{is_content, match_document};
use super::profile::{Need, Profile, SectionKind};
use super::{block_words, profile_of, quote_name, section_words};

/// Options of `section-too-short`.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SectionTooShortOptions {
    /// Fewest words every required section must have (0: no minimum). A
    /// section's own `min-words` in the profile takes precedence.
    pub min_words: usize,
}

declare_rule! {
    /// ## What it does
    /// Reports a section of the profile with fewer words than its minimum:
    /// the section's own `min-words` in the profile, or this rule's
    /// `min-words` option for every required section. Words of text and
    /// code count, sub-sections included; headings do not. A section with
    /// no words at all is `empty-section`'s to report.
    ///
    /// Without a profile, or with no minimum set, it reports nothing. The
    /// `article` profile asks for a 25-word introduction and conclusion; the
    /// `policy-brief` profile for a 40-word summary and 30-word
    /// recommendations.
    ///
    /// ## Why
    /// A one-line "Summary" or "Recommendations" usually means the section
    /// was left for later. A minimum catches it in CI before a reviewer does.
    ///
    /// ## How to fix
    /// Write the section out; if the profile's minimum is wrong for your
    /// team, set `min-words` for that section in your `copydesk.toml`.
    ///
    /// ## Options
    /// - `min-words` (default 0): fewest words of every required section
    ///   that sets none itself; 0 disables the default.
    ///
    /// ## Example
    /// With the `policy-brief` profile, a "## Summary" of "To be written."
    /// reports: section ‘Summary’ has 3 words; the profile asks for at
    /// least 40.
    pub struct SectionTooShort {
        profile: Arc<Profile>,
        options: SectionTooShortOptions,
    }
}

impl SectionTooShort {
    pub fn build(options: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        Ok(Box::new(SectionTooShort {
            profile: profile_of(ctx)?,
            options: parse_options(options)?,
        }))
    }
}

impl Rule for SectionTooShort {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let profile = &*self.profile;
        if profile.is_empty() {
            return;
        }
        let m = match_document(profile, doc);
        for (i, e) in profile.sections.iter().enumerate() {
            let min = match (e.min_words, e.need) {
                (Some(n), _) => n,
                (None, Need::Required) => self.options.min_words,
                (None, _) => 0,
            };
            if min == 0 {
                continue;
            }
            let Some(f) = m.found[i] else { continue };
            let words = match (e.kind, f.section) {
                (SectionKind::Title, _) => continue,
                (_, Some(id)) => section_words(doc, id),
                // An introduction without a heading: the text before the
                // first heading.
                (_, None) => {
                    let root = doc.root();
                    if !root.blocks.iter().any(|b| is_content(doc, b)) {
                        continue;
                    }
                    block_words(doc, &root.blocks)
                }
            };
            if words == 0 || words >= min {
                continue;
            }
            let what = match f.section {
                Some(id) => format!("section {}", super::quote_heading(doc, id)),
                None => format!("the {}", e.name.to_lowercase()),
            };
            out.push(
                ctx.finding(
                    f.span,
                    format!(
                        "{what} has {words} word{}; the profile asks for at least {min}",
                        if words == 1 { "" } else { "s" }
                    ),
                )
                .with_help(format!(
                    "write {} out: what a reader needs from it, in at least {min} words",
                    quote_name(&e.name)
                )),
            );
        }
    }
}
