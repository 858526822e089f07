//! The JSON report (`--format json`) and JSON Lines (`--format jsonl`).
//!
//! # The JSON report
//!
//! Stable within `schema_version` (fields may be added, never renamed or
//! removed without a new version); the JSON Schema is printed by
//! `copydesk schema report`. Deterministic: files in run order, findings
//! sorted by position, then rule.
//!
//! ```json
//! {"schema_version": 1,
//!  "files": [{"path": "a.md", "format": "markdown",
//!             "findings": [{"rule": "...", "severity": "warning", "message": "...",
//!                           "line": 3, "column": 5, "end_line": 3, "end_column": 12,
//!                           "start": 40, "end": 47, "section": ["Motivation"],
//!                           "related": [], "fix": null, "confidence": null, "help": null}],
//!             "error": null}],
//!  "config_errors": [],
//!  "summary": {"files": 1, "findings": 1, "errors": 0, "warnings": 1, "infos": 0, ...}}
//! ```
//!
//! A finding ([`FindingJson`]): `rule` (kebab-case name), `severity`
//! (`error`, `warning`, `info`), `message` (quotes the words it is about),
//! `line`, `column`, `end_line`, `end_column` (1-based; columns count
//! characters; the end is just past the last character), `start` and `end`
//! (byte offsets into the file as read), `section` (the headings above it,
//! outermost first), `related` (other places: `path`, the same position fields
//! and a `message`), `fix` (`description` and `edits`, each `start`, `end`,
//! `replacement`; or null), `confidence` (0–1, or null where the rule does not
//! estimate one), `help` (what would resolve it, or null).
//!
//! A file's `error` is null, or `message` with `offset`, `line` and `column`
//! when the problem has a place (invalid UTF-8, a NUL byte).
//!
//! JSON Lines: one object a line, `{"path": ..., ...finding fields}` for each
//! finding, `{"path": ..., "error": {...}}` for each file error, and a last
//! line `{"summary": {...}}`.

use serde::Serialize;

use crate::report::{Diagnostic, FileError, FileReport, Report, Summary};

/// Version of the JSON report's shape.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(
    title = "copydesk check report",
    description = "The JSON report of `copydesk check --format json`."
)]
pub struct ReportJson<'a> {
    pub schema_version: u32,
    pub files: Vec<FileJson<'a>>,
    pub config_errors: Vec<ConfigErrorJson<'a>>,
    pub summary: Summary,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct FileJson<'a> {
    pub path: &'a str,
    /// `markdown` or `text`; null when the file could not be read.
    pub format: Option<&'a str>,
    pub findings: Vec<FindingJson<'a>>,
    pub error: Option<FileErrorJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct FindingJson<'a> {
    pub rule: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    pub message: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// Headings above the finding, outermost first.
    pub section: &'a [String],
    pub related: Vec<RelatedJson<'a>>,
    pub fix: Option<FixJson<'a>>,
    pub confidence: Option<f32>,
    pub help: Option<&'a str>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct RelatedJson<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    pub message: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct FixJson<'a> {
    pub description: &'a str,
    pub edits: Vec<EditJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct EditJson<'a> {
    pub start: usize,
    pub end: usize,
    pub replacement: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct FileErrorJson<'a> {
    pub message: &'a str,
    pub offset: Option<usize>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ConfigErrorJson<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
}

/// One line of the JSON Lines output.
#[derive(Serialize)]
#[serde(untagged)]
enum LineJson<'a> {
    Finding {
        path: &'a str,
        #[serde(flatten)]
        finding: FindingJson<'a>,
    },
    Error {
        path: &'a str,
        error: FileErrorJson<'a>,
    },
    ConfigError {
        config_error: ConfigErrorJson<'a>,
    },
    Summary {
        summary: Summary,
    },
}

pub fn finding(d: &Diagnostic) -> FindingJson<'_> {
    FindingJson {
        rule: &d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        line: d.start.line,
        column: d.start.column,
        end_line: d.end.line,
        end_column: d.end.column,
        start: d.span.start,
        end: d.span.end,
        section: &d.section,
        related: d
            .related
            .iter()
            .map(|r| RelatedJson {
                path: &r.path,
                line: r.start.line,
                column: r.start.column,
                end_line: r.end.line,
                end_column: r.end.column,
                start: r.span.start,
                end: r.span.end,
                message: &r.message,
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| FixJson {
            description: &f.description,
            edits: f
                .edits
                .iter()
                .map(|e| EditJson {
                    start: e.span.start,
                    end: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
        confidence: d.confidence.map(|c| (c * 1000.0).round() / 1000.0),
        help: d.help.as_deref(),
    }
}

fn file_error(e: &FileError) -> FileErrorJson<'_> {
    FileErrorJson {
        message: &e.message,
        offset: e.offset,
        line: e.line,
        column: e.column,
    }
}

fn file(f: &FileReport) -> FileJson<'_> {
    FileJson {
        path: &f.path,
        format: f.format.map(|x| x.as_str()),
        findings: f.findings.iter().map(finding).collect(),
        error: f.error.as_ref().map(file_error),
    }
}

pub fn to_json_value(report: &Report) -> ReportJson<'_> {
    ReportJson {
        schema_version: SCHEMA_VERSION,
        files: report.files.iter().map(file).collect(),
        config_errors: report
            .config_errors
            .iter()
            .map(|e| ConfigErrorJson {
                file: &e.file,
                line: e.line,
                column: e.column,
                message: &e.message,
                suggestion: e.suggestion.as_deref(),
            })
            .collect(),
        summary: report.summary(),
    }
}

/// The JSON report, pretty-printed, with a final newline.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    write(report, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`render`], written to `w` as it is produced.
pub fn write(report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_json_value(report))?;
    w.write_all(b"\n")
}

/// The JSON Lines report.
pub fn render_lines(report: &Report) -> String {
    let mut out = String::new();
    let mut push = |l: LineJson<'_>| {
        out.push_str(&serde_json::to_string(&l).expect("report serialises"));
        out.push('\n');
    };
    for e in &report.config_errors {
        push(LineJson::ConfigError {
            config_error: ConfigErrorJson {
                file: &e.file,
                line: e.line,
                column: e.column,
                message: &e.message,
                suggestion: e.suggestion.as_deref(),
            },
        });
    }
    for f in &report.files {
        if let Some(e) = &f.error {
            push(LineJson::Error {
                path: &f.path,
                error: file_error(e),
            });
        }
        for d in &f.findings {
            push(LineJson::Finding {
                path: &f.path,
                finding: finding(d),
            });
        }
    }
    push(LineJson::Summary {
        summary: report.summary(),
    });
    out
}

/// The JSON Schema of the JSON report.
pub fn schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<ReportJson<'static>>()
}
