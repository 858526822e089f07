//! Suppression comments in Markdown: every kind, rule lists and the
//! all-rules form, enable after disable, and `unused-suppression`.

mod common;

use copydesk::check::Engine;
use copydesk::document::{Document, Format};

const RULES: &[&str] = &["padding-phrase", "wordy-phrase"];

fn engine(unused: bool) -> Engine {
    let mut rules = RULES.to_vec();
    if unused {
        rules.push("unused-suppression");
    }
    common::engine(&rules, None, Format::Markdown)
}

/// (rule, 1-based line) of each finding.
fn lines(doc: &Document, engine: &Engine) -> Vec<(String, usize)> {
    engine
        .check(doc)
        .into_iter()
        .map(|f| (f.rule.clone(), doc.source.line_of(f.span.start)))
        .collect()
}

/// The 1-based line of the first line containing `needle`.
fn line(doc: &Document, needle: &str) -> usize {
    doc.source
        .text()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in fixture"))
        + 1
}

fn reported(found: &[(String, usize)], rule: &str, line: usize) -> bool {
    found.iter().any(|(r, l)| r == rule && *l == line)
}

#[test]
fn each_comment_kind() {
    let doc = common::parse_file("tests/fixtures/suppression/comments.md");
    let found = lines(&doc, &engine(false));
    let expect = [
        // (line containing, padding-phrase reported, wordy-phrase reported)
        ("this line is reported", true, false),
        ("this line is not reported", false, true),
        ("this is suppressed, due", false, false),
        ("padding stays off", false, true),
        ("everything is back on", true, false),
        ("every rule is off here", false, false),
        ("padding-phrase alone came back", true, false),
        ("a misspelt rule", true, false),
    ];
    for (needle, padding, wordy) in expect {
        let l = line(&doc, needle);
        assert_eq!(
            reported(&found, "padding-phrase", l),
            padding,
            "padding-phrase on line {l} ({needle}): {found:?}"
        );
        assert_eq!(
            reported(&found, "wordy-phrase", l),
            wordy,
            "wordy-phrase on line {l} ({needle}): {found:?}"
        );
    }
    // Without unused-suppression, no comment is reported.
    assert!(found.iter().all(|(r, _)| r != "unused-suppression"));
}

#[test]
fn unused_suppressions_are_reported_only_when_enabled() {
    let doc = common::parse_file("tests/fixtures/suppression/comments.md");
    let with = lines(&doc, &engine(true));
    let without = lines(&doc, &engine(false));
    let others: Vec<_> = with
        .iter()
        .filter(|(r, _)| r != "unused-suppression")
        .cloned()
        .collect();
    assert_eq!(others, without, "unused-suppression changes nothing else");
    let unused: Vec<usize> = with
        .iter()
        .filter(|(r, _)| r == "unused-suppression")
        .map(|(_, l)| *l)
        .collect();
    // The comment before a line with nothing to suppress, and the one naming
    // an unknown rule; not the one about a rule that did not run.
    let nothing = line(&doc, "This line has nothing to suppress") - 1;
    let misspelt = line(&doc, "paddng-phrase");
    assert_eq!(unused, [nothing, misspelt], "{with:?}");
    insta::assert_snapshot!(
        "suppression_comments",
        common::render_findings(&doc, &engine(true))
    );
}

#[test]
fn disable_file() {
    let doc = common::parse_file("tests/fixtures/suppression/file.md");
    let found = lines(&doc, &engine(true));
    assert!(
        found.iter().all(|(r, _)| r != "padding-phrase"),
        "{found:?}"
    );
    assert!(reported(
        &found,
        "wordy-phrase",
        line(&doc, "wordy-phrase is not named")
    ));
    // The disable-file comment at the end names a rule that did not run: not
    // judged.
    assert!(
        found.iter().all(|(r, _)| r != "unused-suppression"),
        "{found:?}"
    );
    insta::assert_snapshot!(
        "suppression_file",
        common::render_findings(&doc, &engine(true))
    );
}

#[test]
fn an_unused_disable_file_is_reported_with_a_fix_that_removes_it() {
    let text = "<!-- copydesk-disable-file wordy-phrase -->\n\nA plain sentence.\n";
    let doc = common::parse_str("x.md", text, Format::Markdown);
    let findings = engine(true).check(&doc);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f.rule, "unused-suppression");
    assert_eq!(
        doc.source.slice(f.span),
        "<!-- copydesk-disable-file wordy-phrase -->"
    );
    let fix = f.fix.as_ref().expect("fix");
    assert_eq!(fix.edits[0].span, f.span);
    assert_eq!(fix.edits[0].replacement, "");
}

#[test]
fn plain_text_uses_ignore_entries_instead() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[[ignore]]\npath = \"notes/*.txt\"\nrules = [\"padding-phrase\"]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    let text =
        "Title\n\nIt is important to note that the rate rose due to the fact that it rained.\n";
    let loader = copydesk::config::Loader {
        explicit: None,
        cli: copydesk::config::CliOverrides {
            select: RULES.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        },
    };
    let mut rules_by_file = Vec::new();
    for name in ["notes/a.txt", "b.txt"] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let config = loader.load_for(Some(&path), Format::Text).unwrap();
        let engine = Engine::new(config).unwrap();
        let doc = common::parse_str(&path.to_string_lossy(), text, Format::Text);
        let mut rules: Vec<String> = engine.check(&doc).into_iter().map(|f| f.rule).collect();
        rules.dedup();
        rules_by_file.push(rules);
    }
    assert_eq!(rules_by_file[0], ["wordy-phrase"]);
    assert_eq!(rules_by_file[1], ["padding-phrase", "wordy-phrase"]);
}
