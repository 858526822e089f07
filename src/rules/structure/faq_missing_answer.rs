//! `faq-missing-answer`: an FAQ question with no answer.

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Block, Document};
use crate::finding::{Finding, quote};
use crate::rules::{Context, OptionError, Rule};

use super::matching::is_content;
use super::{has_own_content, heading_span, is_faq_question_heading, quote_heading};

declare_rule! {
    /// ## What it does
    /// Reports an FAQ question with no answer: a question followed directly
    /// by the next question or the end of the FAQ, or a question heading in
    /// an FAQ section ("Frequently asked questions", "FAQ", "Q&A") with
    /// nothing under it. An entry that lost both its question and its answer
    /// (a lone `▼` marker) is reported here and by `faq-missing-question`.
    ///
    /// ## Why
    /// An unanswered question in an FAQ is usually a paste that went wrong
    /// or an answer lost in editing; readers who find their question get
    /// nothing.
    ///
    /// ## How to fix
    /// Write the answer under the question, or remove the question.
    ///
    /// ## Options
    /// None.
    ///
    /// ## Example
    /// ```markdown
    /// ## FAQ
    ///
    /// Is it free?
    ///
    /// Can I use it offline?
    ///
    /// Yes, once installed.
    /// ```
    /// reports: FAQ question “Is it free?” has no answer.
    pub struct FaqMissingAnswer;
}

impl FaqMissingAnswer {
    pub fn build(options: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        crate::rules::parse_options::<super::NoOptions>(options)?;
        Ok(Box::new(FaqMissingAnswer))
    }
}

const HELP: &str = "write the answer under the question, or remove the question";

impl Rule for FaqMissingAnswer {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (id, section) in doc.sections.iter().enumerate() {
            if section.heading.is_some()
                && section.children.is_empty()
                && is_faq_question_heading(doc, id)
                && !has_own_content(doc, id)
            {
                out.push(
                    ctx.finding(
                        heading_span(doc, id),
                        format!("FAQ question {} has no answer", quote_heading(doc, id)),
                    )
                    .with_help(HELP),
                );
            }
            for b in &section.blocks {
                let Block::Faq(f) = b else { continue };
                if f.answer.iter().any(|a| is_content(doc, a)) {
                    continue;
                }
                let (span, message) = match (&f.question, f.marker) {
                    (Some(q), _) => (
                        q.span,
                        format!("FAQ question {} has no answer", quote(&q.text.plain, 60)),
                    ),
                    (None, Some(m)) => (
                        m,
                        format!(
                            "FAQ entry {} has neither question nor answer",
                            quote(doc.source.slice(m), 10)
                        ),
                    ),
                    (None, None) => (f.span, "FAQ entry has no answer".to_string()),
                };
                out.push(ctx.finding(span, message).with_help(HELP));
            }
        }
    }
}
