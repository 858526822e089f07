//! The report renderers: a hand-built report of every kind of finding in
//! every format, every format over the files in `input/`, and the binary's
//! colour and `$GITHUB_STEP_SUMMARY` behaviour.

#[path = "common/mod.rs"]
mod common;
#[path = "fixtures/reports/sample.rs"]
mod sample;

use std::process::Command;

use copydesk::check::CheckOptions;
use copydesk::config::Loader;
use copydesk::report::{self, Report};

const ESC: char = '\u{1b}';

// ---------------------------------------------------------------- the sample

#[test]
fn human_sample() {
    let text = report::human::render(&sample::report(), false);
    assert!(!text.contains(ESC));
    insta::assert_snapshot!(text);
}

#[test]
fn human_sample_in_colour() {
    let plain = report::human::render(&sample::report(), false);
    let coloured = report::human::render(&sample::report(), true);
    assert!(coloured.contains(ESC));
    assert_eq!(
        strip_ansi(&coloured),
        plain,
        "colour changes only the styling"
    );
}

#[test]
fn human_clean() {
    let text = report::human::render(&sample::clean(), false);
    assert_eq!(text, "no findings in 1 file\n");
}

#[test]
fn markdown_sample() {
    insta::assert_snapshot!(report::markdown::render(&sample::report()));
}

#[test]
fn markdown_clean() {
    let text = report::markdown::render(&sample::clean());
    assert!(text.contains("\nNo findings in 1 file.\n"), "{text}");
    assert!(!text.contains("| Rule |"), "no table when clean: {text}");
}

#[test]
fn sarif_sample() {
    let text = report::sarif::render(&sample::report());
    let v: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    insta::assert_snapshot!(text);
}

#[test]
fn github_sample() {
    insta::assert_snapshot!(report::github::render(&sample::report()));
}

#[test]
fn json_sample() {
    insta::assert_snapshot!(report::json::render(&sample::report()));
}

#[test]
fn jsonl_sample() {
    insta::assert_snapshot!(report::json::render_lines(&sample::report()));
}

/// Renderers never panic, whatever a diagnostic holds: positions past the
/// excerpt, inside wide characters, reversed, zero; excerpts empty or short;
/// fixes and related places out of range.
#[test]
fn renderers_survive_inconsistent_diagnostics() {
    use copydesk::finding::{Edit, Fix};
    use copydesk::source::{LineCol, Span};
    let mut report = sample::report();
    let template = report.files[0].findings[2].clone();
    let at = |line, column| LineCol { line, column };
    let mut findings = Vec::new();
    let places = [
        (at(0, 0), at(0, 0)),
        (at(1, 1), at(1, 1)),
        (at(9, 200), at(9, 300)),
        (at(9, 5), at(8, 1)),
        (at(12, 1), at(40, 9)),
        (at(10, 7), at(10, 8)),
        (at(999, 3), at(999, 5)),
    ];
    let excerpts: [Vec<String>; 4] = [
        vec![],
        vec![String::new()],
        vec!["日本語".into()],
        vec!["a\tb\u{301}".into(), "🎉 c".into()],
    ];
    for (start, end) in places {
        for excerpt in &excerpts {
            for span in [Span::new(0, 0), Span::new(9, 3), Span::new(5, 10_000)] {
                let mut d = template.clone();
                d.start = start;
                d.end = end;
                d.span = span;
                d.excerpt = excerpt.clone();
                d.fix = Some(Fix {
                    description: String::new(),
                    edits: vec![Edit {
                        span: Span::new(span.end, span.start),
                        replacement: "x".into(),
                    }],
                });
                for r in &mut d.related {
                    r.start = end;
                    r.end = start;
                    r.span = Span::new(span.end, span.start);
                }
                findings.push(d);
            }
        }
    }
    report.files[0].findings = findings;
    let _ = report::human::render(&report, false);
    let _ = report::human::render(&report, true);
    let _ = report::markdown::render(&report);
    let _ = report::sarif::render(&report);
    let _ = report::github::render(&report);
    let _ = report::json::render(&report);
}

/// SARIF fingerprints: the same words keep theirs when text above them
/// changes; two flags of the same words differ; another rule, another one.
#[test]
fn sarif_fingerprints_survive_edits_above() {
    use copydesk::document::Format;
    use copydesk::finding::{Finding, Severity};
    use copydesk::report::FileReport;
    let body = "# T\n\nWe utilize it. They utilize it.\n";
    let prints = |text: &str, rules: &[&str]| -> Vec<String> {
        let doc = common::parse_str("a.md", text, Format::Markdown);
        let none = |_: &str| None;
        let mut findings = Vec::new();
        for (i, (at, _)) in text.match_indices("utilize").enumerate() {
            let span = copydesk::source::Span::new(at, at + 7);
            let f = Finding::new(rules[i], Severity::Warning, span, "wordy");
            findings.push(copydesk::check::resolve(&doc, f, &none));
        }
        let file = FileReport {
            path: "a.md".into(),
            format: Some(Format::Markdown),
            findings,
            error: None,
        };
        report::sarif::fingerprints(&file)
    };
    let before = prints(body, &["wordy", "wordy"]);
    let after = prints(
        &body.replace("# T\n", "# T\n\nA new first paragraph.\n\nAnd another.\n"),
        &["wordy", "wordy"],
    );
    assert_eq!(before, after, "lines moved, fingerprints kept");
    assert_ne!(
        before[0], before[1],
        "the second flag of the same words differs"
    );
    assert!(before.iter().all(|p| p.len() == 32));
    let other_rule = prints(body, &["wordy", "other"]);
    assert_eq!(other_rule[0], before[0]);
    assert_ne!(other_rule[1], before[1], "the rule is part of it");
}

// ------------------------------------------------------- the files in input/

fn check(paths: &[&str]) -> Report {
    let loader = Loader {
        explicit: None,
        cli: Default::default(),
    };
    let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
    copydesk::check::run(&paths, &loader, &CheckOptions::default())
}

/// Every format for every input file, with the built-in configuration. Few
/// rules exist yet: these snapshots grow as rule families land.
#[test]
fn every_format_for_every_input() {
    let files = common::input_files();
    assert!(!files.is_empty());
    for path in &files {
        let report = check(&[path]);
        assert_eq!(report.files.len(), 1);
        assert_eq!(&report.files[0].path, path, "paths stay as given");
        assert!(report.files[0].error.is_none(), "{path} reads");
        let stem = path.trim_start_matches("input/").replace('.', "_");
        for (format, text) in [
            ("human", report::human::render(&report, false)),
            ("json", report::json::render(&report)),
            ("jsonl", report::json::render_lines(&report)),
            ("markdown", report::markdown::render(&report)),
            ("sarif", report::sarif::render(&report)),
            ("github", report::github::render(&report)),
        ] {
            assert!(!text.contains(ESC), "{path} {format}: no colour");
            assert!(
                !text.contains(env!("CARGO_MANIFEST_DIR")),
                "{path} {format}: no absolute paths"
            );
            insta::assert_snapshot!(format!("{stem}__{format}"), text);
        }
    }
}

// ------------------------------------------------------------- the binary

fn copydesk(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.args(args)
        .current_dir(common::root())
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

/// A run with findings and a read error, so that every part is styled.
const MIXED: &[&str] = &["check", sample::BAD, "input"];

#[test]
fn colour_only_when_asked_for() {
    // Standard output is a pipe here: not a terminal, so no colour.
    let piped = copydesk(MIXED, &[]);
    assert_eq!(piped.status.code(), Some(2), "a read error exits 2");
    let plain = stdout(&piped);
    assert!(!plain.contains(ESC), "no ANSI escapes when piped");
    assert!(plain.contains("could not be read"), "{plain}");

    let no_color = copydesk(MIXED, &[("NO_COLOR", "1")]);
    assert!(
        !stdout(&no_color).contains(ESC),
        "no ANSI escapes with NO_COLOR"
    );

    let never = copydesk(&[MIXED, &["--color", "never"]].concat(), &[]);
    assert!(!stdout(&never).contains(ESC));

    let always = copydesk(&[MIXED, &["--color", "always"]].concat(), &[]);
    let coloured = stdout(&always);
    assert!(coloured.contains(ESC), "ANSI escapes with --color always");
    assert_eq!(strip_ansi(&coloured), plain, "the same text, styled");
}

#[test]
fn every_format_reports_a_file_that_cannot_be_read() {
    for format in ["human", "json", "jsonl", "markdown", "sarif", "github"] {
        let out = copydesk(&["check", "--format", format, sample::BAD], &[]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let text = stdout(&out);
        assert!(
            text.contains("invalid UTF-8 at byte 12"),
            "{format} says why the file was not read:\n{text}"
        );
    }
}

#[test]
fn github_format_appends_markdown_to_the_step_summary() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let summary_env = summary.to_str().expect("UTF-8 path");
    let paths = [sample::BAD, "input"];

    let github = copydesk(
        &[&["check", "--format", "github"], &paths[..]].concat(),
        &[("GITHUB_STEP_SUMMARY", summary_env)],
    );
    assert_eq!(github.status.code(), Some(2));
    let annotations = stdout(&github);
    assert!(annotations.starts_with("::"), "{annotations}");

    let markdown = copydesk(
        &[&["check", "--format", "markdown"], &paths[..]].concat(),
        &[],
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(
        written,
        format!("earlier step\n{}", stdout(&markdown)),
        "the Markdown report is appended after what was there"
    );

    // Other formats leave it alone.
    let json = copydesk(
        &[&["check", "--format", "json"], &paths[..]].concat(),
        &[("GITHUB_STEP_SUMMARY", summary_env)],
    );
    assert_eq!(json.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), written);
}

/// Removes ANSI SGR sequences (`ESC [ … m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
