//! Structure rules: every fixture of `tests/fixtures/<rule>/` snapshotted with
//! only that rule on, template-derived profiles (fixtures and the two shipped
//! templates), and hand-built plain-text documents.
//!
//! A fixture's profile is the part of its name before the first dot
//! (`kep.nested.md` runs with `--profile kep`); `none.` runs with no profile
//! (plain-text files then get the default `article` profile).

mod common;

use std::path::{Path, PathBuf};

use copydesk::check::Engine;
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::{
    Block, Document, Faq, Format, Heading, HeadingKind, Paragraph, Text, Title, TitleSource,
};
use copydesk::input::format_for;
use copydesk::parse::tree::TreeBuilder;
use copydesk::source::{Source, Span};

const RULES: &[&str] = &[
    "empty-section",
    "faq-missing-answer",
    "faq-missing-question",
    "heading-level-skip",
    "missing-section",
    "section-order",
    "section-too-short",
];

const PROFILES: &[&str] = &["article", "kep", "policy-brief", "rust-rfc"];

/// Fixture files of a directory, sorted, relative to the repository root.
fn fixtures(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(common::root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".txt"))
        .filter(|n| n != "team-template.md")
        .map(|n| format!("{dir}/{n}"))
        .collect();
    v.sort();
    v
}

fn profile_of(rel: &str) -> Option<&'static str> {
    let name = Path::new(rel).file_name()?.to_str()?;
    let prefix = name.split('.').next()?;
    PROFILES.iter().copied().find(|p| *p == prefix)
}

fn snapshot_name(rel: &str) -> String {
    rel.trim_start_matches("tests/fixtures/")
        .replace(['/', '.'], "_")
}

#[test]
fn fixtures_of_every_rule() {
    for rule in RULES {
        let files = fixtures(&format!("tests/fixtures/{rule}"));
        assert!(!files.is_empty(), "no fixtures for {rule}");
        assert!(
            files.iter().any(|f| f.ends_with(".md")) && files.iter().any(|f| f.ends_with(".txt")),
            "{rule} needs Markdown and plain-text fixtures"
        );
        for rel in files {
            let doc = common::parse_file(&rel);
            let engine = common::engine(&[rule], profile_of(&rel), doc.format);
            insta::assert_snapshot!(snapshot_name(&rel), common::render_findings(&doc, &engine));
        }
    }
}

/// An engine that reads a project file (as `copydesk check --config FILE`),
/// running only `rules`.
fn engine_with_config(config: &Path, rules: &[&str], format: Format) -> Engine {
    let loader = Loader {
        explicit: Some(config.to_path_buf()),
        cli: CliOverrides {
            select: rules.iter().map(|s| s.to_string()).collect(),
            ..CliOverrides::default()
        },
    };
    Engine::new(
        loader
            .load(Some(config), format)
            .expect("configuration loads"),
    )
    .expect("engine builds")
}

#[test]
fn template_profile_fixtures() {
    let config = common::root().join("tests/fixtures/templates/copydesk.toml");
    for rel in fixtures("tests/fixtures/templates") {
        let doc = common::parse_file(&rel);
        let engine = engine_with_config(
            &config,
            &["missing-section", "section-order", "heading-level-skip"],
            doc.format,
        );
        insta::assert_snapshot!(
            format!("template__{}", snapshot_name(&rel)),
            common::render_findings(&doc, &engine)
        );
    }
    let config = common::root().join("tests/fixtures/templates/strict/copydesk.toml");
    let rel = "tests/fixtures/templates/strict/brief.md";
    let doc = common::parse_file(rel);
    let engine = engine_with_config(
        &config,
        &["unexpected-section", "missing-section"],
        doc.format,
    );
    insta::assert_snapshot!(
        "template__strict_brief_md",
        common::render_findings(&doc, &engine)
    );
}

/// The lines of a Markdown document without the section under `heading`
/// (the heading line up to the next heading of its level or higher).
fn delete_section(text: &str, heading: &str) -> String {
    let level = heading.chars().take_while(|&c| c == '#').count();
    let mut out = Vec::new();
    let mut skipping = false;
    let mut in_fence = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let is_heading = !in_fence && hashes > 0 && line[hashes..].starts_with(' ');
        if line.trim_end() == heading {
            skipping = true;
            continue;
        }
        if skipping && is_heading && hashes <= level {
            skipping = false;
        }
        if !skipping {
            out.push(line);
        }
    }
    assert!(out.len() < text.lines().count(), "{heading} not found");
    out.join("\n")
}

/// The missing-section messages for a text checked with a profile.
fn missing(text: &str, engine: &Engine) -> Vec<String> {
    let doc = common::parse_str("t.md", text, Format::Markdown);
    engine
        .check(&doc)
        .into_iter()
        .filter(|f| f.rule == "missing-section")
        .map(|f| f.message)
        .collect()
}

/// A configuration file that points at a template, in a temporary directory.
fn template_config(template: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.toml");
    std::fs::write(
        &path,
        format!(
            "[structure]\ntemplate = {:?}\n",
            template.to_str().expect("UTF-8 path")
        ),
    )
    .unwrap();
    (dir, path)
}

#[test]
fn shipped_templates_pass_their_profile_and_report_exactly_what_is_cut() {
    let cases = [
        (
            "kep",
            "rules/templates/kep-template.md",
            ["## Drawbacks", "### Test Plan"],
            ["Drawbacks", "Test Plan"],
        ),
        (
            "rust-rfc",
            "rules/templates/rust-rfc-template.md",
            ["## Drawbacks", "## Prior art"],
            ["Drawbacks", "Prior art"],
        ),
    ];
    for (profile, template, cut, names) in cases {
        let path = common::root().join(template);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut cut_text = text.clone();
        for h in cut {
            cut_text = delete_section(&cut_text, h);
        }
        // The shipped profile, and the template used directly.
        let (_dir, config) = template_config(&path);
        let engines = [
            common::engine(&["missing-section"], Some(profile), Format::Markdown),
            engine_with_config(&config, &["missing-section"], Format::Markdown),
        ];
        for engine in &engines {
            assert_eq!(missing(&text, engine), Vec::<String>::new(), "{profile}");
            let got = missing(&cut_text, engine);
            assert_eq!(got.len(), 2, "{profile}: {got:#?}");
            for name in names {
                let prefix = format!("missing section \u{2018}{name}\u{2019}");
                assert!(
                    got.iter().any(|m| m.starts_with(&prefix)),
                    "{profile}: no {name} in {got:#?}"
                );
            }
        }
    }
}

#[test]
fn a_missing_sub_section_says_under_which_parent_and_where() {
    let path = common::root().join("rules/templates/kep-template.md");
    let text = std::fs::read_to_string(path).unwrap();
    let engine = common::engine(&["missing-section"], Some("kep"), Format::Markdown);
    let got = missing(&delete_section(&text, "### Version Skew Strategy"), &engine);
    assert_eq!(
        got,
        [
            "missing section \u{2018}Version Skew Strategy\u{2019}, expected under \u{201c}Design Details\u{201d}, after \u{201c}Upgrade / Downgrade Strategy\u{201d}"
        ]
    );
    // A missing parent is reported once, not with its required children.
    let got = missing(&delete_section(&text, "## Design Details"), &engine);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].contains("Design Details"), "{got:#?}");
    // Also when its sub-sections are still there under another heading,
    // and one of them has lost its own sub-sections.
    let renamed = delete_section(&text, "##### Unit tests")
        .replace("## Design Details", "## Other details")
        .replace("##### Prerequisite testing updates", "")
        .replace("##### Integration tests", "")
        .replace("##### e2e tests", "");
    let got = missing(&renamed, &engine);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].contains("Design Details"), "{got:#?}");
}

#[test]
fn template_errors_point_at_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, "[structure]\ntemplate = \"no-such-template.md\"\n").unwrap();
    let loader = Loader {
        explicit: Some(path.clone()),
        cli: CliOverrides::default(),
    };
    let e = loader.load(Some(&path), Format::Markdown).unwrap_err();
    assert_eq!((e.line, e.column), (2, 1), "{e}");
    assert!(e.message.contains("no-such-template.md"), "{e}");
    std::fs::write(
        &path,
        "[[structure.sections]]\nname = \"Summary\"\npatterns = [\"(\"]\n",
    )
    .unwrap();
    let e = loader.load(Some(&path), Format::Markdown).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("invalid pattern"), "{e}");
}

#[test]
fn no_profile_means_no_required_sections() {
    // A Markdown README with no profile: no missing-section noise.
    let doc = common::parse_file("tests/fixtures/missing-section/none.readme.md");
    let engine = common::engine(&[], None, Format::Markdown);
    let findings = engine.check(&doc);
    assert!(
        findings.iter().all(|f| !matches!(
            f.rule.as_str(),
            "missing-section" | "section-order" | "section-too-short" | "unexpected-section"
        )),
        "{findings:#?}"
    );
}

// ---------------------------------------------------------------------------
// Hand-built plain-text documents: the model as the plain-text parser builds
// it (inferred headings, FAQ entries whose question is a `▼` marker).

/// Builds a plain-text document from lines: `= Title`, `#N Heading` (an
/// inferred heading of level N), `▼` (an FAQ entry whose question was lost;
/// the next paragraph lines are its answer, up to the next marker or
/// heading), anything else a paragraph.
fn plain_doc(lines: &[&str]) -> Document {
    let text = lines.join("\n");
    let source = Source::new(text.clone());
    let mut tree = TreeBuilder::new(0);
    let mut title = None;
    let mut at = 0;
    let mut faq: Option<Faq> = None;
    let prose = |line: &str, at: usize| {
        let mut t = Text::new();
        t.push_verbatim(line, at);
        copydesk::parse::prose(Span::new(at, at + line.len()), t, Vec::new(), Vec::new())
    };
    let flush = |tree: &mut TreeBuilder, faq: &mut Option<Faq>| {
        if let Some(f) = faq.take() {
            tree.block(Block::Faq(f));
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let span = Span::new(at, at + line.len());
        if let Some(t) = line.strip_prefix("= ") {
            let start = at + 2;
            title = Some(Title {
                text: t.to_string(),
                span: Span::new(start, start + t.len()),
                line: i + 1,
                source: TitleSource::FirstLine,
            });
        } else if let Some(rest) = line.strip_prefix('#') {
            flush(&mut tree, &mut faq);
            let level: u8 = rest[..1].parse().unwrap();
            let h = &rest[2..];
            let start = at + 3;
            tree.heading(
                Heading {
                    prose: prose(h, start),
                    span: Span::new(start, start + h.len()),
                    line: i + 1,
                    kind: HeadingKind::Inferred,
                    confidence: 0.9,
                    id: None,
                },
                level,
            );
        } else if *line == "▼" {
            flush(&mut tree, &mut faq);
            faq = Some(Faq {
                span,
                question: None,
                marker: Some(span),
                answer: Vec::new(),
            });
        } else if !line.is_empty() {
            let block = Block::Paragraph(Paragraph {
                prose: prose(line, at),
            });
            match faq.as_mut() {
                Some(f) => {
                    f.span = f.span.cover(span);
                    f.answer.push(block);
                }
                None => tree.block(block),
            }
        }
        at += line.len() + 1;
    }
    flush(&mut tree, &mut faq);
    Document {
        path: "hand-built.txt".into(),
        format: Format::Text,
        title,
        metadata: None,
        sections: tree.finish(text.len()),
        footnotes: Vec::new(),
        comments: Vec::new(),
        notes: Vec::new(),
        stats: Default::default(),
        memo: Default::default(),
        source,
    }
}

fn rules_of(doc: &Document, engine: &Engine) -> Vec<(String, usize)> {
    engine
        .check(doc)
        .into_iter()
        .map(|f| (f.rule, doc.source.line_col(f.span.start).line))
        .collect()
}

#[test]
fn plain_text_faq_markers_and_the_article_profile() {
    let doc = plain_doc(&[
        "= Street trees",
        "",
        "Trees cool the streets beneath them and make neighbourhoods pleasanter to live in, which matters more every summer as heat waves grow longer and the nights stay warm.",
        "#2 How trees cool a street",
        "The largest trees cool the most: up to 20 degrees.",
        "#2 Frequently Asked Questions",
        "▼",
        "Trees shade the pavement.",
        "▼",
        "▼",
        "Planting costs little.",
        "#2 Conclusion",
        "Trees are a cheap way to cool a city, and planting should start where the heat is worst, on the blocks with the fewest trees today.",
    ]);
    let mut rules: Vec<&str> = RULES.to_vec();
    rules.push("unexpected-section");
    let engine = common::engine(&rules, None, Format::Text);
    assert_eq!(engine.config.profile.as_deref(), Some("article"));
    let got = rules_of(&doc, &engine);
    assert_eq!(
        got,
        [
            ("faq-missing-question".to_string(), 7),
            ("faq-missing-answer".to_string(), 9),
            ("faq-missing-question".to_string(), 9),
            ("faq-missing-question".to_string(), 10),
            ("missing-section".to_string(), 12),
        ]
    );
    let f = engine
        .check(&doc)
        .into_iter()
        .find(|f| f.rule == "missing-section")
        .unwrap();
    assert_eq!(
        f.message,
        "add a \u{2018}Sources\u{2019} or \u{2018}References\u{2019} section after \u{201c}Conclusion\u{201d}: the article makes 1 claim without citations"
    );
}

#[test]
fn plain_text_headings_skip_levels_without_a_fix_and_match_profiles() {
    let doc = plain_doc(&[
        "= Design note",
        "",
        "Introduction to the note, long enough to be an introduction to anything at all in this small test.",
        "#2 Summary",
        "Cache build outputs.",
        "#4 Storage",
        "On disk.",
        "#2 Risks",
        "",
    ]);
    let engine = common::engine(&["heading-level-skip", "empty-section"], None, Format::Text);
    let findings = engine.check(&doc);
    let skip = findings
        .iter()
        .find(|f| f.rule == "heading-level-skip")
        .unwrap();
    assert!(skip.fix.is_none(), "no fix for an inferred heading");
    assert!(skip.help.as_deref().unwrap().contains("level-3"));
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "empty-section" && doc.source.slice(f.span) == "Risks")
    );
}

#[test]
fn sample_article_structure() {
    // Must-show 1: on the sample, the article profile reports one
    // faq-missing-question per `▼` and the missing sources section, and no
    // other structure finding.
    let rel = "input/us-national-security-partnerships.txt";
    let doc = common::parse_file(rel);
    let mut rules: Vec<&str> = RULES.to_vec();
    rules.push("unexpected-section");
    let engine = common::engine(&rules, Some("article"), format_for(Path::new(rel)));
    let findings = engine.check(&doc);
    let markers = doc
        .source
        .text()
        .lines()
        .filter(|l| l.trim() == "▼")
        .count();
    let questions = findings
        .iter()
        .filter(|f| f.rule == "faq-missing-question")
        .count();
    assert_eq!(questions, markers);
    let missing: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == "missing-section")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert!(missing[0].contains("Sources"), "{missing:#?}");
    assert_eq!(findings.len(), markers + 1, "{findings:#?}");
}
