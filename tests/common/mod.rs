//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use copydesk::check::Engine;
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::{Document, Format};
use copydesk::input::format_for;
use copydesk::source::Source;

/// Writes `bytes` to `rel` under `dir`, creating parent directories.
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Runs the binary in `dir` (no colour); returns (exit code, stdout, stderr).
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Parses a file of the repository (path relative to the root), naming it by
/// that relative path so snapshots do not depend on where the checkout is.
pub fn parse_file(rel: &str) -> Document {
    let bytes = std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let source = Source::from_bytes(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
    copydesk::parse::parse(rel, source, format_for(Path::new(rel)))
}

/// Parses text as the given format.
pub fn parse_str(name: &str, text: &str, format: Format) -> Document {
    copydesk::parse::parse(name, Source::new(text.to_string()), format)
}

/// An engine with the built-in configuration (no project file), running only
/// `rules` (all enabled rules when empty), with an optional profile.
pub fn engine(rules: &[&str], profile: Option<&str>, format: Format) -> Engine {
    let loader = Loader {
        explicit: None,
        cli: CliOverrides {
            profile: profile.map(str::to_string),
            select: rules.iter().map(|s| s.to_string()).collect(),
            ..CliOverrides::default()
        },
    };
    Engine::new(
        loader
            .load(None, format)
            .expect("built-in configuration loads"),
    )
    .expect("engine builds")
}

/// Renders findings the way rule snapshots show them: one block a finding,
/// with its position, severity, rule, message, the excerpt with carets under
/// the words it is about, related locations, fix and help. Independent of the
/// human report's styling so that rule snapshots change only when findings do.
pub fn render_findings(doc: &Document, engine: &Engine) -> String {
    let findings = engine.check(doc);
    let mut out = String::new();
    let none = |_: &str| None;
    for f in findings {
        let d = copydesk::check::resolve(doc, f, &none);
        out.push_str(&format!(
            "{}:{}:{}-{}:{} {} [{}] {}\n",
            doc.path,
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            d.severity,
            d.rule,
            d.message
        ));
        if let Some(first) = d.excerpt.first() {
            out.push_str(&format!("  | {first}\n"));
            let width = if d.end.line == d.start.line {
                d.end.column.saturating_sub(d.start.column).max(1)
            } else {
                first
                    .chars()
                    .count()
                    .saturating_sub(d.start.column - 1)
                    .max(1)
            };
            out.push_str(&format!(
                "  | {}{}\n",
                " ".repeat(d.start.column - 1),
                "^".repeat(width)
            ));
        }
        if !d.section.is_empty() {
            out.push_str(&format!("  = section: {}\n", d.section.join(" > ")));
        }
        for r in &d.related {
            out.push_str(&format!(
                "  = related: {}:{}:{} {}\n",
                r.path, r.start.line, r.start.column, r.message
            ));
        }
        if let Some(c) = d.confidence {
            out.push_str(&format!("  = confidence: {c:.2}\n"));
        }
        if let Some(fix) = &d.fix {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| format!("{}..{} -> {:?}", e.span.start, e.span.end, e.replacement))
                .collect();
            out.push_str(&format!(
                "  = fix: {} ({})\n",
                fix.description,
                edits.join(", ")
            ));
        }
        if let Some(h) = &d.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// Every file in `input/`, sorted, as paths relative to the root.
pub fn input_files() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("input"))
        .expect("input/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".txt"))
        .map(|n| format!("input/{n}"))
        .collect();
    v.sort();
    v
}
