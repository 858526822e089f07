//! Rules users write without code, as `[[rule]]` tables in `rules/*.toml` or
//! the project file: `existence`, `substitution` and `occurrence`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::{ConfigError, UserRuleEntry};
use crate::finding::Severity;
use crate::rules::Rule;

/// A user-written rule, as written in a `[[rule]]` table.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UserRuleDef {
    /// The rule's name (kebab-case), as reports, `--select` and suppression
    /// comments use it.
    pub name: String,
    pub kind: UserRuleKind,
    /// The message of each finding; `{match}` is replaced by the matched
    /// words, `{replacement}` by the substitution, `{count}` and `{limit}` by
    /// the counts of an occurrence rule.
    pub message: String,
    /// Default `warning`.
    pub severity: Option<Severity>,
    /// Where to look (default `sentence`): one of or a list of `heading`,
    /// `paragraph`, `sentence`, `list-item`, `table-cell`, `faq`, `document`.
    /// Code is never in scope.
    pub scope: Option<ScopeSpec>,
    /// Words or phrases, matched literally.
    #[serde(default)]
    pub tokens: Vec<String>,
    /// Regular expressions (Rust `regex` syntax: linear time).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Match regardless of case (default true).
    pub ignore_case: Option<bool>,
    /// Match whole words only (default true).
    pub whole_words: Option<bool>,
    /// `substitution`: what to write instead of what.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// `occurrence`: most matches allowed per unit.
    pub max: Option<usize>,
    /// `occurrence`: fewest matches required per unit.
    pub min: Option<usize>,
    /// `occurrence`: the unit counted in (default `document`).
    pub per: Option<Per>,
    /// A longer explanation for `copydesk explain`.
    pub description: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UserRuleKind {
    Existence,
    Substitution,
    Occurrence,
}

#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum ScopeSpec {
    One(String),
    Many(Vec<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    Document,
    Section,
    Paragraph,
}

/// A compiled user rule with what `copydesk rules` shows of it.
pub struct UserRule {
    pub name: String,
    pub severity: Severity,
    pub summary: String,
    pub doc: String,
    pub rule: Box<dyn Rule>,
}

/// Compiles a `[[rule]]` table; errors name the file, line and column.
pub fn compile(entry: &UserRuleEntry) -> Result<UserRule, ConfigError> {
    let def: UserRuleDef = entry
        .table
        .clone()
        .try_into()
        .map_err(|e: toml::de::Error| entry.origin.error(e.message().to_string(), None))?;
    Err(entry.origin.error(
        format!(
            "user rule `{}`: kind {:?} is not implemented yet",
            def.name, def.kind
        ),
        None,
    ))
}
