//! The SARIF 2.1.0 report (`--format sarif`), for code-scanning dashboards
//! (GitHub code scanning, Azure DevOps, IDE SARIF viewers).
//!
//! One run. `tool.driver` names copydesk, its version and the rules that ran
//! (`id` = rule name, `shortDescription` = summary, `fullDescription` and
//! `help` = the rule's documentation, `defaultConfiguration.level`). Each
//! finding is a result with `ruleId`, `ruleIndex`, `level` (`error`,
//! `warning`, `note`), `message.text` and one location:
//!
//! - `artifactLocation.uri`: the path as given on the command line, with
//!   forward slashes, percent-encoded as a URI reference (absolute paths
//!   become `file://` URIs); no `uriBaseId`.
//! - `region`: `startLine`, `startColumn`, `endLine`, `endColumn` (1-based;
//!   columns count Unicode code points, as `run.columnKind` says; the end is
//!   exclusive) and `byteOffset`/`byteLength` into the file as read.
//!
//! `relatedLocations` (with `id`s and messages), `fixes` (replacements of
//! byte regions), `partialFingerprints["copydesk/v1"]` (see
//! [`fingerprints`]), and `properties` (`confidence`, `section`, `help`)
//! follow. `invocations[0]` says whether the run succeeded (no input or
//! configuration error), its exit code, files that could not be read
//! (`toolExecutionNotifications`) and configuration errors
//! (`toolConfigurationNotifications`, where SARIF puts problems with the
//! tool's configuration). No timestamps, no machine-specific paths: the same
//! report gives the same bytes.

use std::collections::{BTreeMap, HashMap};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, Message,
    MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, ReportingDescriptorReference,
    Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use crate::finding::Severity;
use crate::report::{Diagnostic, FileReport, Report};
use crate::source::{LineCol, Span};

/// The `$schema` written in the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of copydesk's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "copydesk/v1";

/// Characters left as they are in a URI path: RFC 3986 unreserved, and `/`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The SARIF log, pretty-printed, with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_sarif(report)).expect("SARIF serialises");
    s.push('\n');
    s
}

/// The SARIF log as `serde-sarif` values.
pub fn to_sarif(report: &Report) -> Sarif {
    let rule_index: HashMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    let rules: Vec<ReportingDescriptor> = report
        .rules
        .iter()
        .map(|m| {
            ReportingDescriptor::builder()
                .id(m.name.as_str())
                .short_description(text(&m.summary))
                .full_description(text(&m.doc))
                .help(
                    MultiformatMessageString::builder()
                        .text(m.doc.as_str())
                        .markdown(m.doc.as_str())
                        .build(),
                )
                .default_configuration(ReportingConfiguration {
                    level: Some(json!(level_str(m.severity))),
                    ..Default::default()
                })
                .properties(PropertyBag {
                    tags: Some(vec![m.family.as_str().to_string()]),
                    ..Default::default()
                })
                .build()
        })
        .collect();
    let findings: usize = report.files.iter().map(|f| f.findings.len()).sum();
    let mut results = Vec::with_capacity(findings);
    for f in &report.files {
        let uri = uri(&f.path);
        let prints = fingerprints(f);
        for (d, print) in f.findings.iter().zip(prints) {
            results.push(result(
                d,
                &uri,
                print,
                rule_index.get(d.rule.as_str()).copied(),
            ));
        }
    }
    let driver = ToolComponent::builder()
        .name("copydesk")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .invocations(vec![invocation(report)])
        .build();
    Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

fn level_str(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result_level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

fn message(s: &str) -> Message {
    Message {
        text: Some(s.to_string()),
        ..Default::default()
    }
}

/// A region by lines and columns (when known: line 0 means unknown) and by
/// bytes.
fn region(span: Span, start: LineCol, end: LineCol) -> Region {
    let mut r = Region {
        byte_offset: Some(span.start as i64),
        byte_length: Some(span.end.saturating_sub(span.start) as i64),
        ..Default::default()
    };
    if start.line > 0 {
        r.start_line = Some(start.line as i64);
        r.start_column = Some(start.column as i64);
        r.end_line = Some(end.line as i64);
        r.end_column = Some(end.column as i64);
    }
    r
}

fn location(uri: &str, region: Option<Region>) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: Some(ArtifactLocation {
            uri: Some(uri.to_string()),
            ..Default::default()
        }),
        region,
        ..Default::default()
    }
}

fn result(d: &Diagnostic, uri: &str, fingerprint: String, index: Option<usize>) -> SarifResult {
    let related: Vec<Location> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| Location {
            id: Some(i as i64),
            physical_location: Some(location(
                &self::uri(&r.path),
                Some(region(r.span, r.start, r.end)),
            )),
            message: Some(message(&r.message)),
            ..Default::default()
        })
        .collect();
    let fixes = d.fix.as_ref().filter(|f| !f.edits.is_empty()).map(|f| {
        let replacements: Vec<Replacement> = f
            .edits
            .iter()
            .map(|e| {
                let deleted = Region {
                    byte_offset: Some(e.span.start as i64),
                    byte_length: Some(e.span.end.saturating_sub(e.span.start) as i64),
                    ..Default::default()
                };
                let mut r = Replacement::builder().deleted_region(deleted).build();
                if !e.replacement.is_empty() {
                    r.inserted_content = Some(ArtifactContent {
                        text: Some(e.replacement.clone()),
                        ..Default::default()
                    });
                }
                r
            })
            .collect();
        let change = ArtifactChange::builder()
            .artifact_location(ArtifactLocation {
                uri: Some(uri.to_string()),
                ..Default::default()
            })
            .replacements(replacements)
            .build();
        vec![
            Fix::builder()
                .description(message(&crate::report::human::fix_text(d)))
                .artifact_changes(vec![change])
                .build(),
        ]
    });
    let mut props = BTreeMap::new();
    if let Some(c) = d.confidence {
        let rounded = (f64::from(c) * 1000.0).round() / 1000.0;
        if let Some(n) = serde_json::Number::from_f64(rounded) {
            props.insert("confidence".to_string(), Value::Number(n));
        }
    }
    if !d.section.is_empty() {
        props.insert("section".to_string(), json!(d.section));
    }
    if let Some(h) = &d.help {
        props.insert("help".to_string(), json!(h));
    }
    let mut r = SarifResult::builder().message(message(&d.message)).build();
    r.rule_id = Some(d.rule.clone());
    r.rule_index = index.map(|i| i as i64);
    r.level = Some(result_level(d.severity));
    r.locations = Some(vec![Location {
        physical_location: Some(location(uri, Some(region(d.span, d.start, d.end)))),
        ..Default::default()
    }]);
    r.related_locations = (!related.is_empty()).then_some(related);
    r.fixes = fixes;
    r.partial_fingerprints = Some(BTreeMap::from([(FINGERPRINT_KEY.to_string(), fingerprint)]));
    r.properties = (!props.is_empty()).then(|| PropertyBag {
        additional_properties: props,
        ..Default::default()
    });
    r
}

fn invocation(report: &Report) -> Invocation {
    let code = report.exit_code();
    let read_errors: Vec<Notification> = report
        .files
        .iter()
        .filter_map(|f| f.error.as_ref().map(|e| (f, e)))
        .map(|(f, e)| {
            let region = e.line.map(|line| Region {
                start_line: Some(line as i64),
                start_column: e.column.map(|c| c as i64),
                byte_offset: e.offset.map(|o| o as i64),
                ..Default::default()
            });
            let mut n = notification(&e.message, "read-error");
            n.locations = Some(vec![Location {
                physical_location: Some(location(&uri(&f.path), region)),
                ..Default::default()
            }]);
            n
        })
        .collect();
    let config_errors: Vec<Notification> = report
        .config_errors
        .iter()
        .map(|e| {
            // `<built-in>/…` and `<command line>` are not files.
            let locations = (!e.file.starts_with('<')).then(|| {
                let region = (e.line > 0).then(|| Region {
                    start_line: Some(e.line as i64),
                    start_column: Some(e.column.max(1) as i64),
                    ..Default::default()
                });
                vec![Location {
                    physical_location: Some(location(&uri(&e.file), region)),
                    ..Default::default()
                }]
            });
            let mut n = notification(&e.to_string(), "config-error");
            n.locations = locations;
            n
        })
        .collect();
    let mut inv = Invocation::builder()
        .execution_successful(code != crate::cli::EXIT_ERROR)
        .build();
    inv.exit_code = Some(i64::from(code));
    inv.tool_execution_notifications = (!read_errors.is_empty()).then_some(read_errors);
    inv.tool_configuration_notifications = (!config_errors.is_empty()).then_some(config_errors);
    inv
}

/// An error notification with a descriptor id.
fn notification(text: &str, id: &str) -> Notification {
    let mut n = Notification::builder().message(message(text)).build();
    n.level = Some(json!("error"));
    n.descriptor = Some(ReportingDescriptorReference {
        id: Some(id.to_string()),
        ..Default::default()
    });
    n
}

/// A path as a URI reference: forward slashes, percent-encoded; an absolute
/// path becomes a `file://` URI.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let b = p.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b.len() == 2 || b[2] == b'/')
    {
        // A Windows drive path: the drive's colon stays as it is.
        return format!("file:///{}:{}", &p[..1], utf8_percent_encode(&p[2..], PATH));
    }
    let encoded = utf8_percent_encode(&p, PATH).to_string();
    if p.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// One fingerprint per finding of a file, in order: FNV-1a (128-bit) of the
/// rule name, the path, the flagged words with runs of whitespace made one
/// space (the message, for an empty span) and how many earlier findings of
/// the file share those three. Line numbers are left out, so a finding keeps
/// its fingerprint when text above it changes.
pub fn fingerprints(f: &FileReport) -> Vec<String> {
    let path = f.path.replace('\\', "/");
    let mut seen: HashMap<(&str, String), u64> = HashMap::new();
    f.findings
        .iter()
        .map(|d| {
            let words = d.flagged_text();
            let mut key = words.split_whitespace().collect::<Vec<_>>().join(" ");
            if key.is_empty() {
                key = d.message.clone();
            }
            let n = seen.entry((d.rule.as_str(), key.clone())).or_insert(0);
            let index = *n;
            *n += 1;
            let mut h = Fnv128::new();
            h.write(d.rule.as_bytes());
            h.write(path.as_bytes());
            h.write(key.as_bytes());
            h.write(&index.to_le_bytes());
            format!("{:032x}", h.0)
        })
        .collect()
}

/// FNV-1a, 128-bit: a fixed, documented hash (unlike std's randomly keyed
/// `DefaultHasher`), so fingerprints are the same on every machine and
/// version.
struct Fnv128(u128);

impl Fnv128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

    fn new() -> Fnv128 {
        Fnv128(Self::OFFSET)
    }

    /// Hashes `bytes` and then a 0xFF separator (a byte UTF-8 never has), so
    /// that ("ab", "c") and ("a", "bc") differ.
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().chain(&[0xff]) {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_references() {
        assert_eq!(uri("input/a b.md"), "input/a%20b.md");
        assert_eq!(uri("docs\\x#1.md"), "docs/x%231.md");
        assert_eq!(uri("a:b.md"), "a%3Ab.md");
        assert_eq!(uri("café.md"), "caf%C3%A9.md");
        assert_eq!(uri("/abs/p.md"), "file:///abs/p.md");
        assert_eq!(uri("C:\\d\\p.md"), "file:///C:/d/p.md");
        assert_eq!(uri("../up/100%.md"), "../up/100%25.md");
    }

    #[test]
    fn fnv128_matches_reference_values() {
        // FNV-1a 128 of the empty input is the offset basis; of "a" a known
        // value (from the FNV reference implementation).
        assert_eq!(Fnv128::new().0, Fnv128::OFFSET);
        let mut h = Fnv128(Fnv128::OFFSET);
        h.0 ^= u128::from(b'a');
        h.0 = h.0.wrapping_mul(Fnv128::PRIME);
        assert_eq!(h.0, 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
    }
}
