//! `unexpected-section`: with a `strict` profile, a heading that matches no
//! section of the profile.

use std::sync::Arc;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Context, OptionError, Rule};

use super::matching::{match_document, normalise};
use super::profile::Profile;
use super::{heading_span, profile_of, quote_heading, quote_name};

declare_rule! {
    /// ## What it does
    /// When the profile says `strict = true`, reports each heading that
    /// matches no section of the profile (required or optional), naming
    /// the nearest expected section when the heading looks like a misspelt
    /// one. Only the outermost such heading is reported, not every
    /// sub-heading inside it. Without `strict`, headings the profile does
    /// not list are allowed and this rule reports nothing.
    ///
    /// ## Why
    /// Some templates are closed: a form, a policy brief with a fixed set
    /// of sections. An extra section there is either a misnamed expected one
    /// or content that belongs elsewhere.
    ///
    /// ## How to fix
    /// Rename the heading to the section it is meant to be, move its
    /// content into an expected section, or add it to the profile (as an
    /// optional section, or as an alias of the section it stands for).
    ///
    /// ## Options
    /// None; `strict` is set in `[structure]`.
    ///
    /// ## Example
    /// With `strict = true` and sections Summary, Background,
    /// Recommendations, a "## Backround" heading reports: heading
    /// “Backround” is not a section of the profile (did you mean
    /// ‘Background’?).
    pub struct UnexpectedSection {
        profile: Arc<Profile>,
    }
}

impl UnexpectedSection {
    pub fn build(options: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        crate::rules::parse_options::<super::NoOptions>(options)?;
        Ok(Box::new(UnexpectedSection {
            profile: profile_of(ctx)?,
        }))
    }
}

impl Rule for UnexpectedSection {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let profile = &*self.profile;
        if !profile.strict || profile.is_empty() {
            return;
        }
        let m = match_document(profile, doc);
        let mut reported = vec![false; doc.sections.len()];
        for (id, section, heading) in doc.headed_sections() {
            if m.spec_of[id].is_some() {
                continue;
            }
            if section.parent.is_some_and(|p| reported[p]) {
                reported[id] = true;
                continue;
            }
            reported[id] = true;
            let key = normalise(heading.text());
            let nearest =
                crate::config::nearest(&key, profile.sections.iter().map(|e| e.keys[0].as_str()))
                    .and_then(|k| profile.sections.iter().find(|e| e.keys[0] == k));
            let mut message = format!(
                "heading {} is not a section of the profile",
                quote_heading(doc, id)
            );
            if let Some(e) = nearest {
                message.push_str(&format!(" (did you mean {}?)", quote_name(&e.name)));
            }
            out.push(ctx.finding(heading_span(doc, id), message).with_help(
                "rename it to an expected section, move its content into one, or add it to the profile",
            ));
        }
    }
}
