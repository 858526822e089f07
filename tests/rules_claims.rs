//! Claims rules: every fixture of `tests/fixtures/unsupported-claim/`
//! snapshotted with only `unsupported-claim` on, the behaviour the snapshots
//! show asserted outright, the bundled policy article, options, and the
//! functions other rules call.

mod common;

use std::path::Path;

use copydesk::check::Engine;
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::{Document, Format};
use copydesk::finding::{Finding, Severity};
use copydesk::rules::claims;

const RULE: &str = "unsupported-claim";

fn fixture(name: &str) -> Document {
    common::parse_file(&format!("tests/fixtures/{RULE}/{name}"))
}

fn engine() -> Engine {
    common::engine(&[RULE], None, Format::Markdown)
}

/// An engine with the built-in configuration plus a project file.
fn engine_with(project: &str) -> Result<Engine, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, project).unwrap();
    std::fs::write(
        dir.path().join("bananas.toml"),
        "[model]\nbias = -2.0\n\n[[family]]\nname = \"fruit\"\nclaim = \"a fruit\"\n\
         help = \"name the grocer\"\nweight = 4.0\nphrases = [\"banana\", \"bananas\"]\n",
    )
    .unwrap();
    let loader = Loader {
        explicit: Some(path.clone()),
        cli: CliOverrides {
            select: vec![RULE.to_string()],
            ..CliOverrides::default()
        },
    };
    let config = loader
        .load(Some(&path), Format::Markdown)
        .map_err(|e| e.to_string())?;
    Engine::new(config).map_err(|e| e.to_string())
}

/// The findings of the rule as (line, severity, first words of the sentence).
fn found(doc: &Document, engine: &Engine) -> Vec<(usize, Severity, String)> {
    engine
        .check(doc)
        .into_iter()
        .filter(|f: &Finding| f.rule == RULE)
        .map(|f| {
            let line = doc.source.line_col(f.span.start).line;
            let text: String = doc.source.text()[f.span.range()]
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            (line, f.severity, text)
        })
        .collect()
}

fn snapshot(name: &str) {
    let doc = fixture(name);
    let out = common::render_findings(&doc, &engine());
    insta::assert_snapshot!(
        format!("unsupported_claim__{}", name.replace('.', "_")),
        out
    );
}

#[test]
fn fixtures_snapshot() {
    for name in ["support.md", "silent.md", "structures.md"] {
        snapshot(name);
    }
}

#[test]
fn each_kind_of_support_clears_a_claim_and_vague_ones_do_not() {
    let doc = fixture("support.md");
    let f = found(&doc, &engine());
    let flagged: Vec<&str> = f.iter().map(|(_, _, t)| t.as_str()).collect();
    // Unsupported, cited by an undefined footnote, or by a vague source.
    let expected = [
        "Unemployment fell by 40 percent in",
        "Unemployment fell by 40 percent in",
        "According to experts, unemployment fell by",
        "Experts say the benefits of the",
        "He said unemployment fell by 40",
        "Unemployment fell by 40 percent in",
        "Wages rose by a third over",
        "Wages rose by a third over",
    ];
    assert_eq!(flagged, expected, "{f:#?}");
    // The undefined footnote is named.
    let findings = engine().check(&doc);
    assert!(
        findings
            .iter()
            .any(|x| x.message.contains("footnote [^missing] is not defined")),
        "{findings:#?}"
    );
    assert!(
        findings.iter().any(|x| x
            .message
            .contains("“According to experts” does not name a source")),
        "{findings:#?}"
    );
}

#[test]
fn findings_quote_cues_give_confidence_and_help() {
    let doc = fixture("support.md");
    let findings = engine().check(&doc);
    let first = &findings[0];
    assert!(
        first.message.contains("a statistic (“40 percent”)"),
        "{}",
        first.message
    );
    assert!(first.message.contains("(confidence "), "{}", first.message);
    let c = first.confidence.expect("a confidence");
    assert!((0.5..=1.0).contains(&c));
    let help = first.help.as_deref().unwrap_or_default();
    assert!(
        help.starts_with("add a source for this statistic"),
        "{help}"
    );
    assert!(
        help.contains("according to the Congressional Budget Office"),
        "{help}"
    );
    // The finding starts where the sentence starts.
    assert_eq!(
        &doc.source.text()[first.span.range()],
        "Unemployment fell by 40 percent in two years."
    );
}

#[test]
fn hedges_opinions_questions_instructions_and_non_prose_stay_silent() {
    let doc = fixture("silent.md");
    let f = found(&doc, &engine());
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn claims_in_list_items_table_cells_and_faq_answers() {
    let doc = fixture("structures.md");
    let f = found(&doc, &engine());
    let flagged: Vec<&str> = f.iter().map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(
        flagged,
        [
            "The US faces a growing number",
            "Studies show that alliances always deter",
            "Sanctions never work and always hurt",
            "Intelligence sharing has prevented more than",
            "It is widely believed to be",
        ],
        "{f:#?}"
    );
    assert!(f.iter().all(|x| x.1 == Severity::Warning), "{f:#?}");
}

#[test]
fn paragraph_support_can_be_turned_off() {
    let doc = fixture("support.md");
    let on = found(&doc, &engine());
    let off = found(
        &doc,
        &engine_with("[rules.unsupported-claim.options]\nparagraph-support = false\n").unwrap(),
    );
    // Now the first sentence of the paragraph that ends with a footnote, and
    // the second of the paragraph that opens with a named source, are
    // reported; nothing else changes.
    let text = doc.source.text();
    let line_of = |needle: &str| doc.source.line_col(text.find(needle).unwrap()).line;
    let footnoted = line_of("## A footnote at the end of a paragraph") + 2;
    let named =
        line_of("in two years. Wages rose by a third over the same period, the largest rise in");
    assert_eq!(off.len(), on.len() + 2, "{off:#?}");
    for line in [footnoted, named] {
        assert!(!on.iter().any(|(l, _, _)| *l == line), "{line}: {on:#?}");
        assert!(off.iter().any(|(l, _, _)| *l == line), "{line}: {off:#?}");
    }
}

#[test]
fn thresholds_decide_severity_and_what_is_reported() {
    let doc = fixture("support.md");
    let all_info = found(
        &doc,
        &engine_with("[rules.unsupported-claim.options]\nwarning-threshold = 1.0\n").unwrap(),
    );
    assert!(!all_info.is_empty());
    assert!(
        all_info.iter().all(|x| x.1 == Severity::Info),
        "{all_info:#?}"
    );
    let none = found(
        &doc,
        &engine_with("[rules.unsupported-claim.options]\nmin-confidence = 1.0\n").unwrap(),
    );
    assert!(none.is_empty(), "{none:#?}");
    let err = engine_with("[rules.unsupported-claim.options]\nmin-confidence = 2.0\n")
        .err()
        .unwrap();
    assert!(err.contains("min-confidence"), "{err}");
    let err = engine_with("[rules.unsupported-claim.options]\nparagraph-suport = true\n")
        .err()
        .unwrap();
    assert!(err.contains("paragraph-suport"), "{err}");
}

#[test]
fn a_cue_file_replaces_the_built_in_cues() {
    let engine =
        engine_with("[rules.unsupported-claim.options]\ncues = \"bananas.toml\"\n").unwrap();
    let doc = common::parse_str(
        "x.md",
        "Bananas are yellow.\n\nUnemployment fell by 40 percent in two years.\n",
        Format::Markdown,
    );
    let f = engine.check(&doc);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0].message.contains("a fruit (“Bananas”)"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].help
            .as_deref()
            .unwrap_or_default()
            .starts_with("name the grocer")
    );
    let err = engine_with("[rules.unsupported-claim.options]\ncues = \"nope.toml\"\n")
        .err()
        .unwrap();
    assert!(err.contains("cues") && err.contains("nope.toml"), "{err}");
}

/// The bundled policy article: its sweeping claims are warnings, its hedged
/// recommendations, headings and FAQ markers are not.
#[test]
fn policy_article_findings() {
    let rel = "input/us-national-security-partnerships.txt";
    let doc = common::parse_file(rel);
    let engine = common::engine(&[RULE], None, Format::Text);
    insta::assert_snapshot!(
        "unsupported_claim__us-national-security-partnerships_txt",
        common::render_findings(&doc, &engine)
    );
    let findings = engine.check(&doc);
    let text = doc.source.text();
    // The severities of the findings that cover the sentence.
    let at = |sentence: &str| -> Vec<Severity> {
        let start = text.find(sentence).unwrap_or_else(|| panic!("{sentence}"));
        let end = start + sentence.len();
        findings
            .iter()
            .filter(|f| f.span.start <= start && end <= f.span.end)
            .map(|f| f.severity)
            .collect()
    };
    for claim in [
        "Despite these challenges, the benefits of intelligence sharing far outweigh the risks.",
        "NATO’s collective defense commitment ensures",
        "The US faces a growing number of cyber threats from state-sponsored actors, criminal groups, and individual hackers.",
        "No single nation possesses all the information necessary to effectively counter global threats.",
    ] {
        assert_eq!(at(claim), [Severity::Warning], "{claim}");
    }
    for hedged in [
        "Investing in secure communication channels and technologies can enhance the security of intelligence sharing.",
        "Establishing clear protocols for handling sensitive information is essential",
        "These agreements can also include provisions",
    ] {
        assert!(!at(hedged).contains(&Severity::Warning), "{hedged}");
    }
    // Nothing on the bare heading lines or the FAQ markers.
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        let heading = !l.is_empty()
            && !l.ends_with(['.', '!', '?', '|'])
            && !l.starts_with("- ")
            && l.split_whitespace().count() <= 10;
        if heading || l == "\u{25bc}" {
            let on_line = findings
                .iter()
                .filter(|f| doc.source.line_col(f.span.start).line == i + 1)
                .count();
            assert_eq!(on_line, 0, "line {}: {l}", i + 1);
        }
    }
}

#[test]
fn functions_for_other_rules() {
    let cited = common::parse_str(
        "a.md",
        "# A\n\nUnemployment fell by 40 percent in two years.[^1]\n\n[^1]: BLS, 2024.\n",
        Format::Markdown,
    );
    let uncited = common::parse_str(
        "b.md",
        "# B\n\nUnemployment fell by 40 percent in two years.\n",
        Format::Markdown,
    );
    let none = common::parse_str(
        "c.md",
        "# C\n\nWe believe this is a good plan.\n\nRead the plan.\n",
        Format::Markdown,
    );
    assert!(claims::makes_claims(&cited) && !claims::makes_unsupported_claims(&cited));
    assert!(claims::makes_claims(&uncited) && claims::makes_unsupported_claims(&uncited));
    assert!(!claims::makes_claims(&none) && !claims::makes_unsupported_claims(&none));
    assert_eq!(claims::unsupported_claim_count(&cited), 0);
    assert_eq!(claims::unsupported_claim_count(&uncited), 1);
    let p = uncited
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            copydesk::document::Block::Paragraph(p) => Some(&p.prose),
            _ => None,
        })
        .expect("a paragraph");
    let score = claims::claim_score(&uncited, p, &p.sentences[0]);
    assert!(score > 0.65, "{score}");
}

#[test]
fn explain_tells_a_writer_what_to_do() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["explain", RULE])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for want in [
        "## What it does",
        "## How to fix",
        "## Options",
        "according to",
        "paragraph-support",
        "warning-threshold",
    ] {
        assert!(s.contains(want), "missing {want:?} in:\n{s}");
    }
}

/// Odd and huge input: no panic, and time linear in its length (a long run
/// of cues in one sentence, brackets and parentheses that never close).
#[test]
fn odd_and_pathological_input() {
    let engine = engine();
    let mut seed: u64 = 0x5eed;
    let pool: Vec<char> = "aZ9 .,;:!?'\"’“”()[]^$%€£-–_*`#>|\n\u{fe0f}😀éß漢 some all never 40% 2019 said according to (Smith, 2019) [12] "
        .chars()
        .collect();
    for _ in 0..200 {
        let mut s = String::new();
        for _ in 0..200 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push(pool[(seed >> 33) as usize % pool.len()]);
        }
        for format in [Format::Markdown, Format::Text] {
            let doc = common::parse_str("x", &s, format);
            let _ = engine.check(&doc);
        }
    }
    let long = "some experts say all costs never fell 40 percent because of ( [ ".repeat(20_000);
    let doc = common::parse_str("long.md", &long, Format::Markdown);
    let f = engine.check(&doc);
    assert!(!f.is_empty());
}

/// The examples of `copydesk explain unsupported-claim` do what it says.
#[test]
fn the_documented_examples_hold() {
    let doc = claims::unsupported_claim::UnsupportedClaim::DOC;
    let blocks: Vec<String> = doc
        .split("```markdown\n")
        .skip(1)
        .map(|b| {
            b.split("```")
                .next()
                .unwrap()
                .lines()
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    assert_eq!(blocks.len(), 2, "{doc}");
    let count = |text: &str| {
        engine()
            .check(&common::parse_str("x.md", text, Format::Markdown))
            .len()
    };
    assert_eq!(count(&blocks[0]), 2, "{}", blocks[0]);
    assert_eq!(count(&blocks[1]), 0, "{}", blocks[1]);
}
