//! Reports: the result of a check run, and the renderers that print it.
//!
//! A [`Report`] holds, for each file in run order, its [`Diagnostic`]s
//! (findings resolved to lines, columns and section paths, with the source
//! lines they cover) and any error reading it. Every renderer is a pure
//! function of the report: same report, same bytes.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{ConfigError, FailOn};
use crate::document::Format;
use crate::finding::{Fix, Severity};
use crate::rules::Family;
use crate::source::{LineCol, Span};

/// A finding resolved for reporting.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub start: LineCol,
    /// Line and column just past the last character.
    pub end: LineCol,
    /// Headings from the top down to the section holding the finding.
    pub section: Vec<String>,
    pub related: Vec<RelatedLocation>,
    pub fix: Option<Fix>,
    pub confidence: Option<f32>,
    pub help: Option<String>,
    /// The source lines the finding covers, from `start.line` on (at most
    /// [`MAX_EXCERPT_LINES`]), without line endings. A line longer than
    /// [`MAX_EXCERPT_LINE_BYTES`] is kept only around the finding (see
    /// `excerpt_cut`).
    pub excerpt: Vec<String>,
    /// For each excerpt line, how many characters of the source line were
    /// left out before it (0 when it is whole).
    pub excerpt_cut: Vec<usize>,
}

impl Diagnostic {
    /// Byte offset in excerpt line `i` of the source line's 1-based
    /// character `column`, clamped to the part the excerpt keeps.
    pub fn excerpt_byte(&self, i: usize, column: usize) -> usize {
        let cut = self.excerpt_cut.get(i).copied().unwrap_or(0);
        self.excerpt
            .get(i)
            .map_or(0, |line| column_byte(line, column.saturating_sub(cut)))
    }

    /// The text the diagnostic is about, as far as its excerpt shows it
    /// (lines joined with `\n`). Empty for an empty span.
    pub fn flagged_text(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.excerpt.iter().enumerate() {
            let n = self.start.line + i;
            if n > self.end.line {
                break;
            }
            let from = if i == 0 {
                self.excerpt_byte(0, self.start.column)
            } else {
                0
            };
            let to = if n == self.end.line {
                self.excerpt_byte(i, self.end.column)
            } else {
                line.len()
            };
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&line[from..to.max(from)]);
        }
        out
    }
}

/// Byte offset in `line` of the 1-based character column `column`, clamped
/// to the end of the line.
pub fn column_byte(line: &str, column: usize) -> usize {
    if column <= 1 {
        return 0;
    }
    if line.is_ascii() {
        return (column - 1).min(line.len());
    }
    line.char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i)
}

/// Longest source line an excerpt keeps whole, in bytes; of a longer one
/// it keeps the finding and [`EXCERPT_CONTEXT_BYTES`] on each side (at most
/// this many bytes in all).
pub const MAX_EXCERPT_LINE_BYTES: usize = 4096;
/// Bytes kept on each side of a finding on a line too long to keep whole.
pub const EXCERPT_CONTEXT_BYTES: usize = 512;

/// Most source lines kept for a diagnostic's excerpt.
pub const MAX_EXCERPT_LINES: usize = 6;

/// Another place a diagnostic is about.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedLocation {
    pub path: String,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    pub message: String,
}

/// A file that could not be read, or could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub message: String,
    /// Byte offset of the problem, when it has one (invalid UTF-8, NUL).
    pub offset: Option<usize>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// One file's results.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    pub path: String,
    pub format: Option<Format>,
    /// Sorted by position, then rule.
    pub findings: Vec<Diagnostic>,
    pub error: Option<FileError>,
}

/// What a report says of a rule that ran (SARIF's rule metadata, the
/// Markdown report's table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    pub name: String,
    pub family: Family,
    pub severity: Severity,
    pub summary: String,
    pub doc: String,
}

/// The result of a check run.
#[derive(Clone, Debug)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Configuration errors (each once, however many files it concerns).
    pub config_errors: Vec<ConfigError>,
    /// The rules that ran on at least one file, sorted by name.
    pub rules: Vec<RuleMeta>,
    pub fail_on: FailOn,
}

/// Counts over a report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Files checked or attempted.
    pub files: usize,
    pub files_with_findings: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be read.
    pub read_errors: usize,
    pub config_errors: usize,
    /// Findings by rule name.
    pub by_rule: BTreeMap<String, usize>,
    pub fail_on: String,
    /// 0: nothing reached the fail level; 1: something did; 2: a usage,
    /// configuration or input error.
    pub exit_code: u8,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            config_errors: self.config_errors.len(),
            fail_on: format!("{:?}", self.fail_on).to_lowercase(),
            ..Summary::default()
        };
        for f in &self.files {
            if f.error.is_some() {
                s.read_errors += 1;
            }
            if !f.findings.is_empty() {
                s.files_with_findings += 1;
            }
            for d in &f.findings {
                s.findings += 1;
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
                *s.by_rule.entry(d.rule.clone()).or_default() += 1;
            }
        }
        s.exit_code = self.exit_code();
        s
    }

    /// 2 on any configuration or input error, else 1 if a finding reaches the
    /// fail level, else 0.
    pub fn exit_code(&self) -> u8 {
        if !self.config_errors.is_empty() || self.files.iter().any(|f| f.error.is_some()) {
            return 2;
        }
        let fails = self
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|d| self.fail_on.fails(d.severity));
        u8::from(fails)
    }

    /// All diagnostics with their file, in report order.
    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.findings.iter().map(move |d| (f, d)))
    }
}
