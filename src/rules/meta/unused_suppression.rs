//! `unused-suppression`: suppression comments that suppress nothing.
//!
//! The check itself lives in the engine ([`crate::check::Engine::check`]),
//! which alone knows which comments silenced which findings; this rule is
//! its entry in the table, its documentation and its switch.

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Context, NoOptions, OptionError, Rule, parse_options};

declare_rule! {
    /// ## What it does
    /// Reports a `copydesk-disable`, `copydesk-disable-next-line` or
    /// `copydesk-disable-file` comment that silenced no finding in this run,
    /// and a suppression comment that names a rule copydesk does not know.
    ///
    /// ## Why
    /// Suppressions outlive the findings they were written for: the sentence
    /// gets rewritten, the rule is retuned, and the comment stays, ready to
    /// hide the next real problem. A misspelt rule name suppresses nothing at
    /// all, silently.
    ///
    /// ## How to fix
    /// Delete the comment (the fix does), or correct the rule name it gives.
    /// A comment that names only rules that did not run in this check
    /// (left out by `--select`, or disabled) is not judged.
    ///
    /// ## Options
    /// None. Disabled by default: turn it on with
    /// `[rules.unused-suppression] enabled = true`.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- copydesk-disable-next-line padding-phrase -->
    /// The plan is short and plain.
    /// ```
    /// The comment above silences nothing: the next line has no padding.
    #[derive(Debug, Default)]
    pub struct UnusedSuppression;
}

/// The rule has no options ([`NoOptions`]).
pub fn build(options: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
    parse_options::<NoOptions>(options)?;
    Ok(Box::new(UnusedSuppression))
}

impl Rule for UnusedSuppression {
    /// Nothing: the engine reports unused suppressions after the other
    /// rules ran.
    fn check(&self, _doc: &Document, _ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
