//! Rules: the [`Rule`] trait, the table of built-in rules, and how a rule is
//! built from its configured options.
//!
//! A rule reads a [`Document`] and pushes [`Finding`]s; it keeps no state
//! between documents, so files are checked in parallel. Built-in rules are
//! listed in [`BUILTIN`], sorted by name; each has a stable kebab-case name
//! (part of the contract: configuration, suppression comments and reports use
//! it), a default severity, a one-line summary and an explanation, which is
//! its doc comment, captured by [`declare_rule!`] and printed by
//! `copydesk explain`.

pub mod claims;
pub mod meta;
pub mod repeats;
pub mod structure;
pub mod user;

use std::any::Any;

use serde::de::DeserializeOwned;

use crate::config::BuildContext;
use crate::document::Document;
use crate::finding::{Finding, Severity};

/// What a rule is given besides the document.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The rule's name.
    pub name: &'a str,
    /// The severity the configuration gives the rule.
    pub severity: Severity,
}

impl Context<'_> {
    /// A finding of this rule at its configured severity.
    pub fn finding(&self, span: crate::source::Span, message: impl Into<String>) -> Finding {
        Finding::new(self.name, self.severity, span, message)
    }
}

/// What a rule gathers from one document for a check across documents.
pub type CorpusData = Box<dyn Any + Send + Sync>;

/// A document's share of a check across documents, with where it sits in the
/// run.
pub struct CorpusDoc<'a> {
    /// Index of the document in the run.
    pub index: usize,
    pub path: &'a str,
    pub data: &'a (dyn Any + Send + Sync),
}

/// A check over a document.
pub trait Rule: Send + Sync {
    /// Reports what the rule finds in `doc`.
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>);

    /// For `check --across`: what this rule needs from `doc` to compare it
    /// with other documents after `doc` is gone (e.g. shingle hashes). `None`
    /// (the default) means the rule only looks at one document at a time.
    fn corpus_data(&self, _doc: &Document) -> Option<CorpusData> {
        None
    }

    /// For `check --across`: compares the documents' [`Rule::corpus_data`] and
    /// reports findings as `(document index, finding)`, spans in that
    /// document. Must stay sub-quadratic in the number of documents.
    fn check_corpus(
        &self,
        _docs: &[CorpusDoc<'_>],
        _ctx: &Context<'_>,
        _out: &mut Vec<(usize, Finding)>,
    ) {
    }
}

/// Families of rules, for listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Repeats,
    Claims,
    Structure,
    Style,
    Meta,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Repeats => "repeats",
            Family::Claims => "claims",
            Family::Structure => "structure",
            Family::Style => "style",
            Family::Meta => "meta",
        }
    }
}

/// Why a rule's options were refused: the key at fault, if known, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    pub key: Option<String>,
    pub message: String,
}

impl OptionError {
    pub fn new(key: Option<&str>, message: impl Into<String>) -> OptionError {
        OptionError {
            key: key.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Builds a rule from its options table and the configuration.
pub type BuildFn = fn(&toml::Table, &BuildContext) -> Result<Box<dyn Rule>, OptionError>;

/// A built-in rule's entry in [`BUILTIN`].
pub struct RuleInfo {
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// Whether the rule runs when the configuration says nothing of it.
    pub default_enabled: bool,
    pub summary: &'static str,
    /// The rule's doc comment: what it does, why, how to satisfy it, options.
    pub doc: &'static str,
    /// Builds the rule from its options table (empty when not configured).
    pub build: BuildFn,
    /// JSON Schema of the rule's options, for the configuration's schema.
    pub options_schema: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
}

/// The options of a rule that has none: any key is an error.
#[derive(Clone, Debug, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// The options schema of a rule that has none.
pub fn no_options_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.subschema_for::<NoOptions>()
}

/// Deserialises a rule's options table into its options type; an unknown or
/// mistyped key is an error that names the key.
pub fn parse_options<T: DeserializeOwned>(table: &toml::Table) -> Result<T, OptionError> {
    toml::Value::Table(table.clone())
        .try_into::<T>()
        .map_err(|e| {
            let message = e.message().to_string();
            let key = message
                .split('`')
                .nth(1)
                .filter(|k| table.contains_key(*k))
                .map(str::to_string)
                .or_else(|| table.keys().find(|k| message.contains(k.as_str())).cloned());
            OptionError { key, message }
        })
}

/// Declares a rule's struct and captures its doc comment as `DOC`.
///
/// Doc attributes are gathered one at a time (a `#[doc]` also parses as a
/// `meta`, so one repetition for each would be ambiguous); other attributes
/// may follow them.
#[macro_export]
macro_rules! declare_rule {
    (@docs [$($doc:expr,)*] #[doc = $d:expr] $($rest:tt)*) => {
        $crate::declare_rule!(@docs [$($doc,)* $d,] $($rest)*);
    };
    (@docs [$($doc:expr,)*] $(#[$meta:meta])* $vis:vis struct $name:ident $($rest:tt)*) => {
        $(#[doc = $doc])*
        $(#[$meta])*
        $vis struct $name $($rest)*
        impl $name {
            /// This rule's documentation (its doc comment).
            pub const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
    ($($t:tt)*) => {
        $crate::declare_rule!(@docs [] $($t)*);
    };
}

/// The doc comment of a rule as plain text: the leading space of each line
/// that `///` leaves is removed.
pub fn doc_text(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Every built-in rule, sorted by name.
pub static BUILTIN: &[RuleInfo] = &[
    RuleInfo {
        name: "duplicate-heading",
        family: Family::Repeats,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "Sibling headings with the same text",
        doc: repeats::duplicate_heading::DuplicateHeading::DOC,
        build: repeats::duplicate_heading::DuplicateHeading::build,
        options_schema: repeats::duplicate_heading::DuplicateHeading::schema,
    },
    RuleInfo {
        name: "duplicate-phrase",
        family: Family::Repeats,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "A phrase of several words used more than once in the document",
        doc: repeats::duplicate_phrase::DuplicatePhrase::DOC,
        build: repeats::duplicate_phrase::DuplicatePhrase::build,
        options_schema: repeats::duplicate_phrase::DuplicatePhrase::schema,
    },
    RuleInfo {
        name: "empty-section",
        family: Family::Structure,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "A heading with no content before the next heading of the same or a higher level.",
        doc: structure::empty_section::EmptySection::DOC,
        build: structure::empty_section::EmptySection::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: "faq-missing-answer",
        family: Family::Structure,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "An FAQ question with no answer.",
        doc: structure::faq_missing_answer::FaqMissingAnswer::DOC,
        build: structure::faq_missing_answer::FaqMissingAnswer::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: "faq-missing-question",
        family: Family::Structure,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "An FAQ answer whose question was lost (only a marker such as ▼ is left).",
        doc: structure::faq_missing_question::FaqMissingQuestion::DOC,
        build: structure::faq_missing_question::FaqMissingQuestion::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: "heading-level-skip",
        family: Family::Structure,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "A heading more than one level below the heading it belongs to.",
        doc: structure::heading_level_skip::HeadingLevelSkip::DOC,
        build: structure::heading_level_skip::HeadingLevelSkip::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: "input-limit",
        family: Family::Meta,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "Places where the document hit an input limit (e.g. nesting) and was simplified",
        doc: meta::input_limit::InputLimit::DOC,
        build: meta::input_limit::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: "missing-section",
        family: Family::Structure,
        default_severity: Severity::Error,
        default_enabled: true,
        summary: "A section the profile requires is absent.",
        doc: structure::missing_section::MissingSection::DOC,
        build: structure::missing_section::MissingSection::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: "near-duplicate",
        family: Family::Repeats,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "A sentence or passage that closely repeats another",
        doc: repeats::near_duplicate::NearDuplicate::DOC,
        build: repeats::near_duplicate::NearDuplicate::build,
        options_schema: repeats::near_duplicate::NearDuplicate::schema,
    },
    RuleInfo {
        name: "repeated-opener",
        family: Family::Repeats,
        default_severity: Severity::Info,
        default_enabled: true,
        summary: "Sentences or list items that keep opening with the same words",
        doc: repeats::repeated_opener::RepeatedOpener::DOC,
        build: repeats::repeated_opener::RepeatedOpener::build,
        options_schema: repeats::repeated_opener::RepeatedOpener::schema,
    },
    RuleInfo {
        name: "section-order",
        family: Family::Structure,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "Sections the profile lists are out of order or outside their parent section.",
        doc: structure::section_order::SectionOrder::DOC,
        build: structure::section_order::SectionOrder::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: "section-too-short",
        family: Family::Structure,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "A section of the profile has fewer words than its minimum.",
        doc: structure::section_too_short::SectionTooShort::DOC,
        build: structure::section_too_short::SectionTooShort::build,
        options_schema: |g| {
            g.subschema_for::<structure::section_too_short::SectionTooShortOptions>()
        },
    },
    RuleInfo {
        name: "unexpected-section",
        family: Family::Structure,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "With a strict profile, a heading that matches no section of the profile.",
        doc: structure::unexpected_section::UnexpectedSection::DOC,
        build: structure::unexpected_section::UnexpectedSection::build,
        options_schema: no_options_schema,
    },
    RuleInfo {
        name: claims::unsupported_claim::NAME,
        family: Family::Claims,
        default_severity: Severity::Warning,
        default_enabled: true,
        summary: "A sentence states a statistic, trend, cause, superlative or vague authority without a source.",
        doc: claims::unsupported_claim::UnsupportedClaim::DOC,
        build: claims::unsupported_claim::build,
        options_schema: claims::unsupported_claim::options_schema,
    },
    RuleInfo {
        name: "unused-suppression",
        family: Family::Meta,
        default_severity: Severity::Warning,
        default_enabled: false,
        summary: "Suppression comments that suppress nothing, or name an unknown rule",
        doc: meta::unused_suppression::UnusedSuppression::DOC,
        build: meta::unused_suppression::build,
        options_schema: no_options_schema,
    },
];

/// The built-in rule with this name.
pub fn builtin(name: &str) -> Option<&'static RuleInfo> {
    BUILTIN
        .binary_search_by(|r| r.name.cmp(name))
        .ok()
        .map(|i| &BUILTIN[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_toml_configures_every_builtin_rule() {
        let t: toml::Table =
            toml::from_str(crate::config::DEFAULTS).expect("rules/default.toml parses");
        let rules = t
            .get("rules")
            .and_then(|r| r.as_table())
            .cloned()
            .unwrap_or_default();
        for r in BUILTIN {
            let e = rules
                .get(r.name)
                .and_then(|e| e.as_table())
                .unwrap_or_else(|| panic!("rules/default.toml has no [rules.{}]", r.name));
            assert_eq!(
                e.get("severity").and_then(|s| s.as_str()),
                Some(r.default_severity.as_str()),
                "severity of {}",
                r.name
            );
            assert_eq!(
                e.get("enabled").and_then(|s| s.as_bool()),
                Some(r.default_enabled),
                "enabled of {}",
                r.name
            );
        }
        for name in rules.keys() {
            assert!(
                builtin(name).is_some(),
                "rules/default.toml configures unknown rule {name}"
            );
        }
    }

    #[test]
    fn builtin_table_is_sorted_unique_and_kebab_case() {
        for w in BUILTIN.windows(2) {
            assert!(w[0].name < w[1].name, "{} before {}", w[0].name, w[1].name);
        }
        for r in BUILTIN {
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                r.name
            );
            assert!(
                !r.summary.is_empty() && !r.doc.trim().is_empty(),
                "{} is undocumented",
                r.name
            );
        }
    }
}
