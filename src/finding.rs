//! What rules report: a [`Finding`] with byte spans, as a rule emits it.
//! Line, column and section path are added later, when the engine resolves a
//! finding into a [`crate::report::Diagnostic`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::source::Span;

/// How serious a finding is.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// Another place a finding is about: the other occurrences of a repeat, the
/// section a missing one should follow.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    /// Another file (for findings across documents); `None` for the same file.
    pub path: Option<String>,
    pub span: Span,
    pub message: String,
}

/// A replacement of source bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A suggested fix: what it does, in words, and the edits that do it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// A problem a rule found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's name (kebab-case).
    pub rule: String,
    pub severity: Severity,
    /// What is wrong, quoting the words it is about.
    pub message: String,
    /// The bytes the finding is about.
    pub span: Span,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    /// How sure the rule is, in `[0, 1]`, where it estimates that.
    pub confidence: Option<f32>,
    /// What would make the finding go away, when that is not a fix.
    pub help: Option<String>,
}

impl Finding {
    pub fn new(
        rule: impl Into<String>,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            message: message.into(),
            span,
            related: Vec::new(),
            fix: None,
            confidence: None,
            help: None,
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Finding {
        self.related.push(Related {
            path: None,
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, description: impl Into<String>, edits: Vec<Edit>) -> Finding {
        self.fix = Some(Fix {
            description: description.into(),
            edits,
        });
        self
    }

    pub fn with_confidence(mut self, c: f32) -> Finding {
        self.confidence = Some(c.clamp(0.0, 1.0));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }
}

/// Quotes text for a message: at most `max` characters, on one line.
pub fn quote(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::from("\u{201c}");
    if one_line.chars().count() > max {
        out.extend(one_line.chars().take(max.saturating_sub(1)));
        out.push('\u{2026}');
    } else {
        out.push_str(&one_line);
    }
    out.push('\u{201d}');
    out
}
