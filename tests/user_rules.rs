//! User-written rules (`[[rule]]`): one fixture per kind, snapshotted with
//! only the fixture's rules on, and the errors a broken rule gives.

mod common;

use std::path::Path;

use copydesk::check::Engine;
use copydesk::config::{CliOverrides, ConfigError, Loader};
use copydesk::document::{Document, Format};

/// An engine from a configuration file, running only the rules it defines
/// (none of the built-in ones or the house style).
fn engine_from(config: &Path) -> Result<Engine, ConfigError> {
    let text = std::fs::read_to_string(config).expect("config readable");
    let table: toml::Table = toml::from_str(&text).expect("config is TOML");
    let names: Vec<String> = table
        .get("rule")
        .and_then(|r| r.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|r| r.get("name")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let loader = Loader {
        explicit: Some(config.to_path_buf()),
        cli: CliOverrides {
            select: names,
            ..CliOverrides::default()
        },
    };
    Engine::new(loader.load(Some(config), Format::Markdown)?)
}

fn fixture(name: &str) -> (Document, Engine) {
    let dir = common::root().join("tests/fixtures/user-rules");
    let engine = engine_from(&dir.join(format!("{name}.toml"))).expect("fixture config loads");
    let doc = common::parse_file(&format!("tests/fixtures/user-rules/{name}.md"));
    (doc, engine)
}

/// The document's text with every fix applied (fixes do not overlap).
fn apply_fixes(doc: &Document, engine: &Engine) -> String {
    let mut edits: Vec<_> = engine
        .check(doc)
        .into_iter()
        .filter_map(|f| f.fix)
        .flat_map(|f| f.edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut text = doc.source.text().to_string();
    let mut last = usize::MAX;
    for e in edits {
        assert!(e.span.end <= last, "fixes overlap at {:?}", e.span);
        text.replace_range(e.span.range(), &e.replacement);
        last = e.span.start;
    }
    text
}

#[test]
fn existence() {
    let (doc, engine) = fixture("existence");
    let out = common::render_findings(&doc, &engine);
    // Never in code, quotes only when asked, headings only with that scope.
    for f in engine.check(&doc) {
        let words = doc.source.slice(f.span);
        let line = doc.source.line_of(f.span.start);
        let line_text = doc.source.slice(doc.source.line_span(line - 1));
        assert!(!line_text.starts_with("```") && !line_text.starts_with("arguably very"));
        assert!(!words.contains('`'), "{words}");
        if line_text.starts_with('>') {
            assert_eq!(f.rule, "quotes-too");
        }
    }
    insta::assert_snapshot!("existence", out);
    insta::assert_snapshot!("existence_fixed", apply_fixes(&doc, &engine));
}

#[test]
fn substitution() {
    let (doc, engine) = fixture("substitution");
    let findings = engine.check(&doc);
    // Every finding whose words are written verbatim carries a fix that
    // replaces exactly those bytes.
    for f in &findings {
        let words = doc.source.slice(f.span);
        if words.contains('*') || words.contains('[') {
            assert!(f.fix.is_none(), "no fix over markup: {words}");
        } else {
            let fix = f.fix.as_ref().expect("substitution carries a fix");
            assert_eq!(fix.edits.len(), 1);
            assert_eq!(fix.edits[0].span.start, f.span.start);
        }
    }
    insta::assert_snapshot!("substitution", common::render_findings(&doc, &engine));
    insta::assert_snapshot!("substitution_fixed", apply_fixes(&doc, &engine));
}

#[test]
fn occurrence() {
    let (doc, engine) = fixture("occurrence");
    insta::assert_snapshot!("occurrence", common::render_findings(&doc, &engine));
}

#[test]
fn house_style_loads_and_finds_what_it_should() {
    let engine = common::engine(&[], None, Format::Markdown);
    let doc = common::parse_str(
        "house.md",
        "In today’s rapidly changing world, it is important to note that the cache plays a \
         crucial role. We stay due to the fact that it rains.\n\nIn conclusion, it works.\n",
        Format::Markdown,
    );
    let rules: Vec<String> = engine.check(&doc).into_iter().map(|f| f.rule).collect();
    for r in [
        "stock-opening",
        "padding-phrase",
        "vague-importance",
        "wordy-phrase",
        "closing-formula",
    ] {
        assert!(rules.iter().any(|x| x == r), "{r} missing from {rules:?}");
    }
    let fixed = apply_fixes(&doc, &engine);
    assert!(fixed.contains("world, the cache plays"), "{fixed}");
    assert!(fixed.contains("because it rains"), "{fixed}");
    assert!(fixed.contains("\n\nIt works."), "{fixed}");
}

/// Writes a configuration, loads it, and returns the error it gives with
/// the 1-based line and column of `marker` in the text.
fn error_of(config: &str, marker: &str) -> (ConfigError, usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, config).unwrap();
    let e = engine_from(&path).err().expect("configuration is refused");
    let at = config
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in config"));
    let line = config[..at].matches('\n').count() + 1;
    let col = config[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    assert!(e.file.ends_with("copydesk.toml"), "{}", e.file);
    (e, line, col)
}

#[test]
fn invalid_regex_is_a_located_error_with_the_regex_message() {
    let config = r#"
[[rule]]
name = "broken"
kind = "existence"
message = "x"
patterns = ["fine", "(unclosed"]
"#;
    let (e, line, col) = error_of(config, "\"(unclosed");
    assert_eq!((e.line, e.column), (line, col), "{e}");
    assert!(e.message.contains("broken"), "{e}");
    assert!(e.message.contains("invalid regex `(unclosed`"), "{e}");
    assert!(e.message.contains("unclosed group"), "{e}");
    // A pattern too big to compile is refused too, not run.
    let config = "[[rule]]\nname = \"huge\"\nkind = \"existence\"\nmessage = \"x\"\npatterns = ['(?:\\w{100}){100}']\n";
    let (e, line, col) = error_of(config, "'(?:");
    assert_eq!((e.line, e.column), (line, col), "{e}");
    assert!(e.message.contains("more than"), "{e}");
}

#[test]
fn rule_definitions_are_checked_at_load() {
    // (config, marker where the error points, words in the message, suggestion)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"x\"\ntokens = [\"b\"]\nscope = \"sentance\"\n",
            "\"sentance\"",
            "unknown scope `sentance`",
            Some("sentence"),
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"substitution\"\nmessage = \"x\"\n",
            "\"substitution\"",
            "needs `swap`",
            None,
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"occurrence\"\nmessage = \"x\"\ntokens = [\"b\"]\n",
            "\"occurrence\"",
            "needs `max`",
            None,
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"x\"\ntokens = [\"b\"]\nmax = 3\n",
            "3",
            "`max` does not apply to existence rules",
            None,
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"x\"\n",
            "\"existence\"",
            "needs `tokens`",
            None,
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"avoid {mach}\"\ntokens = [\"b\"]\n",
            "{mach}",
            "unknown placeholder `{mach}`",
            Some("{match}"),
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"{count}\"\ntokens = [\"b\"]\n",
            "{count}",
            "has no value",
            None,
        ),
        (
            "[[rule]]\nname = \"NoWeasels\"\nkind = \"existence\"\nmessage = \"x\"\ntokens = [\"b\"]\n",
            "\"NoWeasels\"",
            "not kebab-case",
            Some("no-weasels"),
        ),
        (
            "[[rule]]\nname = \"unused-suppression\"\nkind = \"existence\"\nmessage = \"x\"\ntokens = [\"b\"]\n",
            "\"unused-suppression\"",
            "built-in rule",
            None,
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"occurrence\"\nmessage = \"x\"\ntokens = [\"b\"]\nmin = 4\nmax = 2\n",
            "4",
            "greater than `max`",
            None,
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"x\"\ntokens = [\"b\", \" \"]\n",
            "\" \"",
            "empty phrase",
            None,
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existance\"\nmessage = \"x\"\ntokens = [\"b\"]\n",
            "\"existance\"",
            "unknown variant `existance`",
            Some("existence"),
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"x\"\ntoken = [\"b\"]\n",
            "token =",
            "unknown field `token`",
            Some("tokens"),
        ),
        (
            "[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"x\"\ntokens = [\"b\"]\n[[rule]]\nname = \"a\"\nkind = \"existence\"\nmessage = \"y\"\ntokens = [\"c\"]\n",
            "\"a\"\nkind = \"existence\"\nmessage = \"y\"",
            "already defined",
            None,
        ),
    ];
    for (config, marker, words, suggestion) in cases {
        let (e, line, col) = error_of(config, marker);
        assert!(e.message.contains(words), "{config}\n=> {e}");
        assert_eq!((e.line, e.column), (line, col), "{config}\n=> {e}");
        assert_eq!(e.suggestion.as_deref(), *suggestion, "{config}\n=> {e}");
    }
}

#[test]
fn a_later_layer_replaces_a_rule_of_the_same_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.toml"),
        "[[rule]]\nname = \"r\"\nkind = \"existence\"\nmessage = \"base {match}\"\ntokens = [\"alpha\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "extends = \"base.toml\"\n[[rule]]\nname = \"r\"\nkind = \"existence\"\nmessage = \"project {match}\"\ntokens = [\"beta\"]\n",
    )
    .unwrap();
    let engine = engine_from(&dir.path().join("copydesk.toml")).unwrap();
    let doc = common::parse_str("x.md", "alpha and beta\n", Format::Markdown);
    let messages: Vec<String> = engine.check(&doc).into_iter().map(|f| f.message).collect();
    assert_eq!(messages, ["project beta"]);
}

#[test]
fn scopes_choose_where_a_rule_looks() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = String::new();
    for scope in [
        "sentence",
        "paragraph",
        "heading",
        "list-item",
        "table-cell",
        "document",
    ] {
        config.push_str(&format!(
            "[[rule]]\nname = \"in-{scope}\"\nkind = \"existence\"\nmessage = \"m\"\nscope = \"{scope}\"\ntokens = [\"zebra\"]\n\n"
        ));
    }
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, config).unwrap();
    let engine = engine_from(&path).unwrap();
    let text = "# Title zebra\n\n## Heading zebra\n\nParagraph zebra.\n\n- item zebra\n\n| a |\n|---|\n| cell zebra |\n\n> quoted zebra\n\nNote.[^1]\n\n[^1]: footnote zebra\n\n```\ncode zebra\n```\n";
    let doc = common::parse_str("s.md", text, Format::Markdown);
    let mut found: Vec<(String, String)> = engine
        .check(&doc)
        .into_iter()
        .map(|f| {
            let line = doc.source.line_of(f.span.start);
            let words = doc.source.slice(doc.source.line_span(line - 1));
            let first = words.trim_start_matches(['#', '-', '|', ' ', '[', '^', '1', ']', ':']);
            (f.rule, first.split(' ').next().unwrap().to_string())
        })
        .collect();
    found.sort();
    let expect = [
        ("in-document", "Heading"),
        ("in-document", "Paragraph"),
        ("in-document", "Title"),
        ("in-document", "cell"),
        ("in-document", "footnote"),
        ("in-document", "item"),
        ("in-heading", "Heading"),
        ("in-heading", "Title"),
        ("in-list-item", "item"),
        ("in-paragraph", "Paragraph"),
        ("in-sentence", "Paragraph"),
        ("in-sentence", "cell"),
        ("in-sentence", "footnote"),
        ("in-sentence", "item"),
        ("in-table-cell", "cell"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(found, expect);
}
