//! Repeat rules: each fixture in `tests/fixtures/<rule>/` checked with only
//! that rule on and snapshotted, the cross-document check over
//! `tests/fixtures/across/`, and bounds on pathological input.

mod common;

use copydesk::check::{self, CheckOptions};
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::Format;

const RULES: &[&str] = &[
    "duplicate-heading",
    "duplicate-phrase",
    "near-duplicate",
    "repeated-opener",
];

/// The fixture files of a rule, sorted, relative to the repository root.
fn fixtures(rule: &str) -> Vec<String> {
    let dir = common::root().join("tests/fixtures").join(rule);
    let mut v: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".txt"))
        .map(|n| format!("tests/fixtures/{rule}/{n}"))
        .collect();
    v.sort();
    v
}

fn rendered(rule: &str, rel: &str) -> String {
    let doc = common::parse_file(rel);
    let engine = common::engine(&[rule], None, doc.format);
    common::render_findings(&doc, &engine)
}

#[test]
fn fixture_snapshots_with_only_that_rule_on() {
    for rule in RULES {
        let files = fixtures(rule);
        assert!(!files.is_empty(), "no fixtures for {rule}");
        for rel in files {
            let name = rel
                .trim_start_matches("tests/fixtures/")
                .replace(['/', '.'], "_");
            insta::assert_snapshot!(name, rendered(rule, &rel));
        }
    }
}

#[test]
fn legitimate_repetition_stays_silent() {
    for (rule, file) in [
        ("duplicate-phrase", "legitimate.md"),
        ("near-duplicate", "legitimate.md"),
        // FAQ answers on the topic in other words, in the title's words, or
        // merely using the key term; a conclusion that draws the body
        // together (it is compared with the introduction only).
        ("near-duplicate", "faq-legitimate.md"),
        ("duplicate-heading", "template.md"),
        ("repeated-opener", "legitimate.md"),
    ] {
        let out = rendered(rule, &format!("tests/fixtures/{rule}/{file}"));
        assert_eq!(out, "(no findings)\n", "{rule} on {file}");
    }
}

#[test]
fn each_rule_finds_what_its_fixture_plants() {
    let count = |rule: &str, file: &str| {
        rendered(rule, &format!("tests/fixtures/{rule}/{file}"))
            .lines()
            .filter(|l| l.contains(&format!("[{rule}]")))
            .count()
    };
    // "Together, the city and its neighbours can" twice more; the
    // introduction's sentence again in the conclusion.
    assert_eq!(count("duplicate-phrase", "repeats.md"), 3);
    // FAQ answers restating the body: one closely, one as two reordered
    // sentences (one finding), one word for word.
    assert_eq!(count("near-duplicate", "restated.md"), 3);
    // FAQ answers condensing body sentences (one of them two neighbouring
    // sentences), under question paragraphs, and a conclusion restating the
    // introduction.
    assert_eq!(count("near-duplicate", "faq-restated.md"), 4);
    // Scraped text with `▼` markers: two answers restate the body, the third
    // adds something new.
    assert_eq!(count("near-duplicate", "faq-restated.txt"), 2);
    // "Examples" twice under one parent; "1. Rollback" and "2. Rollback".
    assert_eq!(count("duplicate-heading", "siblings.md"), 2);
    // "However," in a section and in a list; "By working together," across
    // sections; "The new hospital wing" in a section.
    assert_eq!(count("repeated-opener", "openers.md"), 4);
}

#[test]
fn other_rules_stay_out_of_a_rule_fixture() {
    let doc = common::parse_file("tests/fixtures/duplicate-phrase/repeats.md");
    let engine = common::engine(&["duplicate-phrase"], None, doc.format);
    for f in engine.check(&doc) {
        assert_eq!(f.rule, "duplicate-phrase");
    }
}

#[test]
fn across_reports_copies_between_files_but_not_the_shared_template() {
    let loader = Loader {
        explicit: None,
        cli: CliOverrides {
            select: vec!["near-duplicate".into(), "duplicate-phrase".into()],
            ..CliOverrides::default()
        },
    };
    let report = check::run(
        &["tests/fixtures/across".to_string()],
        &loader,
        &CheckOptions {
            across: true,
            ..CheckOptions::default()
        },
    );
    let mut out = String::new();
    for f in &report.files {
        for d in &f.findings {
            out.push_str(&format!(
                "{}:{}:{} [{}] {}\n",
                f.path, d.start.line, d.start.column, d.rule, d.message
            ));
            for r in &d.related {
                out.push_str(&format!(
                    "  = related: {}:{}:{} {}\n",
                    r.path, r.start.line, r.start.column, r.message
                ));
            }
        }
    }
    // The template sentence is in every file: never reported.
    assert!(!out.contains("Describe how the feature"), "{out}");
    assert!(!out.contains("Production readiness"), "{out}");
    // The copied paragraph is reported in both files, each pointing at the other.
    assert!(out.contains("alpha.md:15:1 [near-duplicate]"), "{out}");
    assert!(out.contains("beta.md:15:1 [near-duplicate]"), "{out}");
    insta::assert_snapshot!("across", out);
}

#[test]
fn without_across_files_are_not_compared() {
    let loader = Loader {
        explicit: None,
        cli: CliOverrides {
            select: vec!["near-duplicate".into()],
            ..CliOverrides::default()
        },
    };
    let report = check::run(
        &["tests/fixtures/across".to_string()],
        &loader,
        &CheckOptions::default(),
    );
    assert!(report.files.iter().all(|f| f.findings.is_empty()));
}

#[test]
fn pathological_documents_give_bounded_output() {
    let cases = [
        "word ".repeat(100_000),
        "The committee approved the annual budget for regional transport projects. ".repeat(10_000),
        "The committee approved the annual budget for regional transport projects.\n\n"
            .repeat(5_000),
        "- However, the item repeats.\n".repeat(5_000),
        "## Same heading\n\ntext\n\n".repeat(2_000),
    ];
    for text in &cases {
        let doc = common::parse_str("big.md", text, Format::Markdown);
        let engine = common::engine(RULES, None, Format::Markdown);
        let findings = engine.check(&doc);
        let headings = findings
            .iter()
            .filter(|f| f.rule == "duplicate-heading")
            .count();
        // One finding per repeated sibling heading is the point of that rule;
        // the others stay within a small bound.
        assert!(
            findings.len() - headings <= 40,
            "{} findings",
            findings.len()
        );
        for f in &findings {
            assert!(f.related.len() <= 10, "{} related", f.related.len());
        }
    }
}

/// The bundled policy article: each of its five FAQ answers restates a body
/// sentence, and its conclusion the introduction; `near-duplicate` points
/// each at that sentence.
#[test]
fn policy_article_faq_answers_point_at_the_body_sentences_they_restate() {
    let rel = "input/us-national-security-partnerships.txt";
    let doc = common::parse_file(rel);
    let engine = common::engine(&["near-duplicate", "duplicate-phrase"], None, doc.format);
    let findings = engine.check(&doc);
    let line = |offset: usize| doc.source.line_of(offset);
    let near: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.rule == "near-duplicate")
        .map(|f| (line(f.span.start), line(f.related[0].span.start)))
        .collect();
    // Answer -> the body sentence it restates:
    // 72 "provide resources, intelligence, and collective action" -> the
    //    introduction's "providing access to resources, intelligence, and
    //    collective action";
    // 74 -> 16 "Sharing intelligence allows the US to gain ...";
    // 76 -> 26 "These threats include terrorism, cyber warfare, ...";
    // 78 "reduce the risk of conflict and extremism" -> 35;
    // 80 "protecting critical infrastructure ... shared information and
    //    coordinated responses" -> 46;
    // 82 (conclusion) "resources, intelligence, and collaborative efforts
    //    ... complex global challenges" -> the introduction.
    assert_eq!(
        near,
        [(72, 4), (74, 16), (76, 26), (78, 35), (80, 46), (82, 4)],
        "{findings:#?}"
    );
    for f in findings.iter().filter(|f| f.rule == "near-duplicate") {
        assert!(
            f.message.contains("% of its words)") || f.message.contains("% similar to"),
            "{}",
            f.message
        );
    }
    // Line 76 also shares a 13-word run with line 26: the phrase,
    // reported by `duplicate-phrase` too (the phrase is the repeat an editor
    // searches for; the restatement is the whole sentence).
    assert!(
        findings.iter().any(|f| f.rule == "duplicate-phrase"
            && line(f.span.start) == 76
            && f.message.contains("These threats include")),
        "{findings:#?}"
    );
}
