//! `faq-missing-question`: an FAQ answer whose question was lost.

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Block, Document};
use crate::finding::{Finding, quote};
use crate::rules::{Context, OptionError, Rule};

declare_rule! {
    /// ## What it does
    /// Reports an FAQ entry that has an answer but no question. Text copied
    /// from a web page often loses the questions of an interactive FAQ (they
    /// were buttons) and keeps only the disclosure marker (`▼`, `▶`, `+`)
    /// that stood beside each one, followed by the answer.
    ///
    /// ## Why
    /// An answer without its question reads as a list of unconnected
    /// statements; readers cannot find the question they came with.
    ///
    /// ## How to fix
    /// Write the question in place of the marker. The answer usually says
    /// what it was ("Intelligence sharing allows the US to ..." answers
    /// "Why does intelligence sharing matter?").
    ///
    /// ## Options
    /// None.
    ///
    /// ## Example
    /// ```text
    /// Frequently Asked Questions
    /// ▼
    /// International partnerships are crucial as they provide resources ...
    /// ```
    /// reports: FAQ answer without its question: only “▼” is left.
    pub struct FaqMissingQuestion;
}

impl FaqMissingQuestion {
    pub fn build(options: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        crate::rules::parse_options::<super::NoOptions>(options)?;
        Ok(Box::new(FaqMissingQuestion))
    }
}

impl Rule for FaqMissingQuestion {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for section in &doc.sections {
            for b in &section.blocks {
                let Block::Faq(f) = b else { continue };
                if f.question.is_some() {
                    continue;
                }
                let answer = f.answer.first().map(Block::span);
                let (span, message) = match (f.marker, answer) {
                    (Some(m), _) => (
                        m,
                        format!(
                            "FAQ answer without its question: only {} is left",
                            quote(doc.source.slice(m), 10)
                        ),
                    ),
                    (None, Some(a)) => (a, "FAQ answer without its question".to_string()),
                    (None, None) => (f.span, "FAQ entry without its question".to_string()),
                };
                let mut finding = ctx
                    .finding(span, message)
                    .with_help("write the question this answer responds to in place of the marker");
                if let (Some(_), Some(a)) = (f.marker, answer) {
                    let text = doc.source.slice(a);
                    finding = finding.with_related(a, format!("the answer: {}", quote(text, 60)));
                }
                out.push(finding);
            }
        }
    }
}
