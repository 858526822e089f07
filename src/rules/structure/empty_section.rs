//! `empty-section`: a heading with nothing under it.

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Context, OptionError, Rule};

use super::{has_own_content, heading_span, is_faq_question_heading, quote_heading};

declare_rule! {
    /// ## What it does
    /// Reports a heading with no content before the next heading of the
    /// same or a higher level. A heading whose content is its sub-sections
    /// (a "Design Details" made of "Test Plan", "Graduation Criteria", ...)
    /// is not empty; its empty sub-sections are reported instead.
    ///
    /// HTML comments, thematic breaks and `[anchor]: #anchor` definitions
    /// are not content: a templated section that still holds only the
    /// template's `<!-- guidance -->` comment is empty. A question heading
    /// in an FAQ section with no answer is left to `faq-missing-answer`.
    ///
    /// ## Why
    /// An empty section is a promise the document does not keep: a reader
    /// (or a reviewer of a templated proposal) looks for content that is not
    /// there.
    ///
    /// ## How to fix
    /// Write the section, or remove the heading if the section does not
    /// apply. To say deliberately that there is nothing, write so ("None
    /// known.").
    ///
    /// ## Options
    /// None.
    ///
    /// ## Example
    /// ```markdown
    /// ## Risks and Mitigations
    ///
    /// ## Design Details
    /// ```
    /// reports: section “Risks and Mitigations” is empty.
    pub struct EmptySection;
}

impl EmptySection {
    pub fn build(options: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        crate::rules::parse_options::<super::NoOptions>(options)?;
        Ok(Box::new(EmptySection))
    }
}

impl Rule for EmptySection {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (id, section, _) in doc.headed_sections() {
            if !section.children.is_empty()
                || has_own_content(doc, id)
                || is_faq_question_heading(doc, id)
            {
                continue;
            }
            out.push(
                ctx.finding(
                    heading_span(doc, id),
                    format!("section {} is empty", quote_heading(doc, id)),
                )
                .with_help("write the section, or remove the heading if it does not apply"),
            );
        }
    }
}
