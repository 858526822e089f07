//! Hostile inputs, each with its expected behaviour: a located error where the
//! input is bad (exit 2, the other files still checked), no panic, no hang,
//! no half-written output file.
//!
//! The fast cases run with `cargo test`; the slow ones (a 50 MB line, 100,000
//! headings, containers nested 10,000 deep, a 1 MB table) are `#[ignore]`d:
//! `cargo test --release --test hostile -- --ignored`. Big inputs are made
//! here, at test time; `tests/fixtures/hostile/` holds only small files.
//! Nothing here is timed: that growth stays linear is shown by the
//! benchmarks (`BENCHMARKS.md`), and a case that hangs fails by never ending.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use copydesk::document::{Block, Document, Format};
use copydesk::input::{self, InputErrorKind, InputOptions, Loaded};
use copydesk::parse::{ParseOptions, parse_with};
use copydesk::source::{DecodeError, Source};
use serde_json::Value;

// ---------------------------------------------------------------- helpers

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    c.env_remove("GITHUB_STEP_SUMMARY").env("NO_COLOR", "1");
    c
}

/// Runs `copydesk check --format json ARGS` in `dir`.
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = bin()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("copydesk runs");
    parse_out(out)
}

fn parse_out(out: Output) -> (i32, Value, String) {
    let code = out.status.code().expect("exited, not killed by a signal");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "report is not JSON ({e}): {}\nstderr: {stderr}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (code, json, stderr)
}

fn file<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(path)))
        .unwrap_or_else(|| panic!("{path} not in report: {report:#}"))
}

fn rules_of(f: &Value) -> Vec<String> {
    f["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// A temporary directory with a file that has a known finding, to show that
/// the other files are still checked.
fn dir_with_good_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "good.md",
        "# Good\n\nWe will act in the event that it rains.\n",
    );
    dir
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

fn assert_good_checked(report: &Value) {
    let good = file(report, "good.md");
    assert!(good["error"].is_null(), "{good:#}");
    assert!(
        rules_of(good).contains(&"wordy-phrase".to_string()),
        "good.md was not checked: {good:#}"
    );
}

fn doc(text: &str, format: Format) -> Document {
    parse_with(
        "t",
        Source::new(text.to_string()),
        format,
        &ParseOptions::default(),
    )
}

/// Every span of the outline and of every finding lies inside the text on
/// character boundaries, and the whole default check runs.
fn assert_sound(d: &Document) -> usize {
    let text = d.source.text();
    let ok = |s: copydesk::source::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for s in &d.sections {
        assert!(ok(s.span), "section span {:?}", s.span);
    }
    for p in d.prose() {
        assert!(ok(p.prose.span), "prose span {:?}", p.prose.span);
        for s in &p.prose.sentences {
            assert!(ok(s.span), "sentence span {:?}", s.span);
        }
    }
    let default = default_engine(d.format);
    let findings = default.check(d);
    for f in &findings {
        assert!(ok(f.span), "{} span {:?}", f.rule, f.span);
    }
    let none = |_: &str| None;
    let n = findings.len();
    for f in findings {
        let r = copydesk::check::resolve(d, f, &none);
        assert!(r.start <= r.end);
    }
    let _ = serde_json::to_string(&copydesk::outline::to_json(d)).expect("outline serialises");
    n
}

fn default_engine(format: Format) -> copydesk::check::Engine {
    let loader = copydesk::config::Loader {
        explicit: None,
        cli: Default::default(),
    };
    copydesk::check::Engine::new(loader.load(None, format).expect("defaults")).expect("engine")
}

/// Deepest container nesting (lists, items, quotes, tables, FAQ entries) in
/// the outline.
fn depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::List(l) => 2 + l.items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0),
            Block::Quote(q) => 1 + depth(&q.blocks),
            Block::Faq(f) => 1 + depth(&f.answer),
            Block::Table(_) => 1,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

fn max_depth(d: &Document) -> usize {
    d.sections
        .iter()
        .map(|s| depth(&s.blocks))
        .max()
        .unwrap_or(0)
}

// ------------------------------------------------- empty and near-empty

/// Findings on an empty or blank document: none from the prose rules. A
/// plain-text file is held to the default article profile, whose required
/// title, introduction and conclusion are reported missing (at the end of the
/// text); a Markdown file has no profile by default.
fn blank_findings(d: &Document) -> Vec<String> {
    let mut rules: Vec<String> = default_engine(d.format)
        .check(d)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    rules.dedup();
    rules
}

#[test]
fn empty_file_is_checked_clean() {
    for format in [Format::Markdown, Format::Text] {
        let d = doc("", format);
        assert_eq!(d.sections.len(), 1, "only the root section");
        assert_eq!(d.prose().len(), 0);
        assert_sound(&d);
        let expected: &[&str] = match format {
            Format::Markdown => &[],
            Format::Text => &["missing-section"],
        };
        assert_eq!(blank_findings(&d), expected, "{format:?}");
    }
    let dir = dir_with_good_file();
    write(dir.path(), "empty.md", "");
    write(dir.path(), "empty.txt", "");
    let (code, r, _) = check_json(dir.path(), &["empty.md", "good.md"]);
    assert_eq!(code, 0, "{r:#}");
    assert!(file(&r, "empty.md")["error"].is_null());
    assert!(rules_of(file(&r, "empty.md")).is_empty());
    assert_good_checked(&r);
    let (code, r, _) = check_json(dir.path(), &["empty.txt", "good.md"]);
    assert_eq!(code, 1, "missing sections are errors: {r:#}");
    assert!(file(&r, "empty.txt")["error"].is_null());
    assert_good_checked(&r);
}

#[test]
fn whitespace_only_is_checked_clean() {
    let ws = " \t\n\n   \r\n\u{a0}\u{2003}\n\t\t\n";
    for format in [Format::Markdown, Format::Text] {
        let d = doc(ws, format);
        assert_eq!(d.stats.words, 0);
        assert_sound(&d);
        let expected: &[&str] = match format {
            Format::Markdown => &[],
            Format::Text => &["missing-section"],
        };
        assert_eq!(blank_findings(&d), expected, "{format:?}");
    }
}

// ---------------------------------------------------------- bad bytes

#[test]
fn invalid_utf8_is_a_located_error_and_the_rest_is_checked() {
    let dir = dir_with_good_file();
    write(
        dir.path(),
        "bad.md",
        b"# Title\n\nfine line\nbad \xff\xfe here\n",
    );
    let (code, r, stderr) = check_json(dir.path(), &["bad.md", "good.md"]);
    assert_eq!(code, 2);
    let err = &file(&r, "bad.md")["error"];
    assert_eq!(err["offset"], 23, "{err:#}");
    assert_eq!(err["line"], 4);
    assert_eq!(err["column"], 5);
    assert!(err["message"].as_str().unwrap().contains("invalid UTF-8"));
    assert!(stderr.contains("bad.md"), "{stderr}");
    assert_good_checked(&r);
}

#[test]
fn binary_file_named_is_an_error_found_in_a_walk_is_skipped() {
    let dir = dir_with_good_file();
    let png: Vec<u8> = [
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
    ]
    .into_iter()
    .chain((0..=255u8).cycle().take(4096))
    .collect();
    write(dir.path(), "image.md", &png);
    let (code, r, _) = check_json(dir.path(), &["image.md", "good.md"]);
    assert_eq!(code, 2);
    let err = &file(&r, "image.md")["error"];
    assert!(err["message"].as_str().unwrap().contains("binary"), "{err}");
    assert_eq!(err["offset"], 8);
    assert_good_checked(&r);
    // Walking the directory: skipped, not an error.
    let (code, r, _) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0, "{r:#}");
    assert!(
        r["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["path"].as_str().unwrap().ends_with("image.md"))
    );
    assert_good_checked(&r);
}

#[test]
fn nul_byte_in_text_is_located() {
    let dir = dir_with_good_file();
    write(dir.path(), "nul.txt", b"line one\nline\0two\n");
    let (code, r, _) = check_json(dir.path(), &["nul.txt", "good.md"]);
    assert_eq!(code, 2);
    let err = &file(&r, "nul.txt")["error"];
    assert_eq!(err["offset"], 13);
    assert_eq!(
        (err["line"].as_u64(), err["column"].as_u64()),
        (Some(2), Some(5))
    );
    assert_good_checked(&r);
    assert_eq!(
        Source::from_bytes(b"a\0".to_vec()).err(),
        Some(DecodeError::Binary { offset: 1 })
    );
}

// ------------------------------------------------------------ big inputs

fn long_line(bytes: usize) -> String {
    let unit = "The committee will, in the event that funds allow, review the plan. ";
    let mut s = unit.repeat(bytes / unit.len() + 1);
    s.truncate(bytes);
    s
}

fn check_long_line(bytes: usize) {
    let line = long_line(bytes);
    for format in [Format::Markdown, Format::Text] {
        // A plain-text file's first line is its title: give it one.
        let text = match format {
            Format::Markdown => line.clone(),
            Format::Text => format!("Title\n\n{line}"),
        };
        let d = doc(&text, format);
        let lines = if format == Format::Text { 3 } else { 1 };
        assert_eq!(d.source.line_count(), lines);
        let n = assert_sound(&d);
        // One wordy phrase a repetition of the unit (about every 70 bytes).
        assert!(n >= bytes / 100, "{format:?}: {n} findings");
    }
}

#[test]
fn one_megabyte_single_line() {
    check_long_line(1 << 20);
}

#[test]
#[ignore = "slow: run with --release -- --ignored"]
fn fifty_megabyte_single_line() {
    check_long_line(50 << 20);
}

fn many_headings(n: usize) -> String {
    let mut s = String::with_capacity(n * 40);
    for i in 0..n {
        let level = 1 + i % 6;
        s.push_str(&"#".repeat(level));
        s.push_str(&format!(" Heading {i}\n\nText {i}.\n\n"));
    }
    s
}

fn check_many_headings(n: usize) {
    let d = doc(&many_headings(n), Format::Markdown);
    assert_eq!(d.sections.len(), n + 1);
    assert_sound(&d);
    // The plain-text reader on the same lines, with no Markdown meaning.
    let plain: String = (0..n)
        .map(|i| format!("Heading {i}\n\nText {i}.\n\n"))
        .collect();
    assert_sound(&doc(&plain, Format::Text));
}

#[test]
fn ten_thousand_headings() {
    check_many_headings(10_000);
}

#[test]
#[ignore = "slow: run with --release -- --ignored"]
fn hundred_thousand_headings() {
    check_many_headings(100_000);
}

/// Containers nested `n` deep, several ways: quotes, bullet lists, ordered
/// lists, and a mix, all on one line, plus indented list items.
fn nested(n: usize) -> Vec<(&'static str, String)> {
    let mut indented = String::new();
    for i in 0..n.min(2_000) {
        indented.push_str(&" ".repeat(2 * i));
        indented.push_str("- item\n");
    }
    vec![
        ("quotes", format!("{}deep text\n", "> ".repeat(n))),
        ("bullets", format!("{}deep text\n", "- ".repeat(n))),
        ("ordered", format!("{}deep text\n", "1. ".repeat(n))),
        ("mixed", format!("{}deep text\n", "> - ".repeat(n / 2))),
        ("indented", indented),
    ]
}

fn check_nesting(n: usize) {
    for (what, text) in nested(n) {
        let d = doc(&text, Format::Markdown);
        assert!(
            max_depth(&d) <= copydesk::parse::DEFAULT_MAX_NESTING,
            "{what}: outline {} deep",
            max_depth(&d)
        );
        assert_eq!(d.notes.len(), 1, "{what}: one note for the flattening");
        assert!(d.notes[0].message.contains("max-nesting"));
        assert_sound(&d);
        // The text past the limit is kept.
        assert!(
            d.prose()
                .iter()
                .any(|p| p.prose.text.plain.contains("deep text")
                    || p.prose.text.plain.contains("item")),
            "{what}: deepest text lost"
        );
        let plain = doc(&text, Format::Text);
        assert_sound(&plain);
    }
}

#[test]
fn containers_nested_two_thousand_deep_are_flattened_with_a_note() {
    check_nesting(2_000);
}

#[test]
#[ignore = "slow: run with --release -- --ignored"]
fn containers_nested_ten_thousand_deep_are_flattened_with_a_note() {
    check_nesting(10_000);
}

#[test]
fn nesting_past_the_limit_is_reported_by_input_limit() {
    let dir = dir_with_good_file();
    write(
        dir.path(),
        "deep.md",
        format!("Intro.\n\n{}deep\n", "> ".repeat(500)),
    );
    let (code, r, _) = check_json(dir.path(), &["deep.md", "good.md"]);
    assert_eq!(code, 0, "warnings do not fail the run: {r:#}");
    let f = file(&r, "deep.md");
    let d: Vec<&Value> = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "input-limit")
        .collect();
    assert_eq!(d.len(), 1, "{f:#}");
    assert_eq!(d[0]["line"], 3);
    assert_eq!(d[0]["severity"], "warning");
    // Raising the limit keeps the nesting and the finding goes away.
    write(dir.path(), "copydesk.toml", "[input]\nmax-nesting = 600\n");
    let (_, r, _) = check_json(dir.path(), &["deep.md"]);
    assert!(!rules_of(file(&r, "deep.md")).contains(&"input-limit".to_string()));
}

#[test]
fn nesting_limit_has_a_ceiling() {
    // Asking for more than the ceiling keeps the tree at the ceiling, so
    // walking it cannot exhaust the stack (30,000 levels did).
    let text = format!("{}deep\n", "> - ".repeat(15_000));
    let d = parse_with(
        "t.md",
        Source::new(text),
        Format::Markdown,
        &ParseOptions {
            max_nesting: usize::MAX,
        },
    );
    assert!(max_depth(&d) <= copydesk::parse::MAX_NESTING_CEILING);
    assert_eq!(d.notes.len(), 1);
    assert_sound(&d);
    // In a configuration file it is a located error.
    for bad in ["100000", "0"] {
        let (code, out) = config_error(&format!("[input]\nmax-nesting = {bad}\n"));
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains("copydesk.toml:2:") && out.contains("between 1 and 1000"),
            "{out}"
        );
    }
}

/// A table of at least `bytes` bytes, and its number of body rows.
fn table(bytes: usize) -> (String, usize) {
    let mut s = String::from("# Table\n\n| Name | Value | Note |\n|---|:---:|---|\n");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "| row {i} | {} | in the event that it fails, é 漢字 |\n",
            i * 7
        ));
        i += 1;
    }
    (s, i)
}

fn check_table(bytes: usize) {
    let (text, made) = table(bytes);
    let d = doc(&text, Format::Markdown);
    let rows: usize = d
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .map(|b| match b {
            Block::Table(t) => t.rows.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(rows, made, "every body row kept");
    let n = assert_sound(&d);
    assert!(
        n >= rows,
        "a wordy phrase in every row: {n} findings, {rows} rows"
    );
    assert_sound(&doc(&text, Format::Text));
}

#[test]
fn hundred_kilobyte_table() {
    check_table(100_000);
}

#[test]
#[ignore = "slow: run with --release -- --ignored"]
fn one_megabyte_table() {
    check_table(1 << 20);
}

#[test]
fn file_over_the_size_limit_names_the_file_and_the_setting() {
    let dir = dir_with_good_file();
    write(dir.path(), "big.md", long_line(3000));
    write(
        dir.path(),
        "copydesk.toml",
        "[input]\nmax-file-size = 2000\n",
    );
    let (code, r, _) = check_json(dir.path(), &["big.md", "good.md"]);
    assert_eq!(code, 2);
    let msg = file(&r, "big.md")["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("big.md") && msg.contains("max-file-size"),
        "{msg}"
    );
    assert_good_checked(&r);
}

#[test]
fn max_file_size_past_its_ceiling_is_a_located_config_error() {
    let (code, out) = config_error("[input]\nmax-file-size = 5000000000\n");
    assert_eq!(code, 2);
    assert!(
        out.contains("max-file-size must be between 1 and 4294967295")
            && out.contains("copydesk.toml:2"),
        "{out}"
    );
}

// ------------------------------------------------- line ends and scripts

#[test]
fn crlf_cr_and_bom_give_the_same_positions() {
    let lf = "# Title\n\nFirst line.\nWe act in the event that it rains.\n";
    let variants = [
        ("lf", lf.to_string()),
        ("crlf", lf.replace('\n', "\r\n")),
        ("cr", lf.replace('\n', "\r")),
        ("bom", format!("\u{feff}{lf}")),
        ("bom-crlf", format!("\u{feff}{}", lf.replace('\n', "\r\n"))),
    ];
    let engine = common::engine(&["wordy-phrase"], None, Format::Markdown);
    let none = |_: &str| None;
    for (name, text) in variants {
        let d = doc(&text, Format::Markdown);
        assert_sound(&d);
        assert_eq!(d.title_text(), Some("Title"), "{name}");
        let found: Vec<_> = engine
            .check(&d)
            .into_iter()
            .map(|f| {
                let span_text = d.source.slice(f.span).to_string();
                let r = copydesk::check::resolve(&d, f, &none);
                (r.start.line, r.start.column, r.end.column, span_text)
            })
            .collect();
        assert_eq!(
            found,
            vec![(4, 8, 25, "in the event that".to_string())],
            "{name}"
        );
    }
}

#[test]
fn right_to_left_emoji_combining_and_non_english_text() {
    let text = "# مرحبا بالعالم\n\n\
        هذا نص عربي. وهذه جملة ثانية؟\n\n\
        שלום עולם. זה טקסט בעברית.\n\n\
        \u{202e}reversed\u{202c} text with bidi controls.\n\n\
        Emoji 👩‍👩‍👧‍👦 family and 🇫🇷 flag; e\u{301}\u{301}\u{301} stacked marks, Z\u{0351}\u{0352}\u{0353}algo.\n\n\
        日本語の文章です。二つ目の文です。\n\n\
        Ελληνικά κείμενα. Русский текст. हिन्दी पाठ।\n\n\
        We act in the event that 👩‍👩‍👧‍👦 rains.\n";
    for format in [Format::Markdown, Format::Text] {
        let d = doc(text, format);
        assert_sound(&d);
    }
    let d = doc(text, Format::Markdown);
    let engine = common::engine(&["wordy-phrase"], None, Format::Markdown);
    let f = engine.check(&d);
    assert_eq!(f.len(), 1);
    let r = copydesk::check::resolve(&d, f[0].clone(), &|_: &str| None);
    // Columns count characters: "We act in " is 10 characters.
    assert_eq!((r.start.line, r.start.column), (15, 8));
    assert_eq!(d.source.slice(f[0].span), "in the event that");
}

// ---------------------------------------------------- files that go away

#[test]
fn file_deleted_between_listing_and_reading_is_a_named_error() {
    let dir = dir_with_good_file();
    write(dir.path(), "gone.md", "# Gone\n");
    let opts = InputOptions::default();
    let (inputs, errors) = input::discover(&[dir.path().display().to_string()], &opts);
    assert!(errors.is_empty());
    std::fs::remove_file(dir.path().join("gone.md")).unwrap();
    let mut loaded = 0;
    let mut failed = Vec::new();
    for i in &inputs {
        match input::load(i, &opts) {
            Ok(Loaded::Document(_)) => loaded += 1,
            Ok(Loaded::Skipped) => {}
            Err(e) => failed.push(e),
        }
    }
    assert_eq!(loaded, 1, "good.md still read");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].kind, InputErrorKind::NotFound);
    assert!(failed[0].to_string().contains("gone.md"));
}

#[test]
fn dangling_symlink_and_unopenable_file_are_errors_the_rest_is_checked() {
    let dir = dir_with_good_file();
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.md"),
        dir.path().join("dangling.md"),
    )
    .unwrap();
    // A socket: it exists, but cannot be opened for reading (even by root).
    let _sock = std::os::unix::net::UnixListener::bind(dir.path().join("sock.md")).unwrap();
    let (code, r, stderr) = check_json(dir.path(), &["dangling.md", "sock.md", "good.md"]);
    assert_eq!(code, 2);
    for p in ["dangling.md", "sock.md"] {
        let m = file(&r, p)["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(m.contains(p), "{p}: {m}");
        assert!(stderr.contains(p), "{stderr}");
    }
    assert_good_checked(&r);
}

#[test]
fn directory_symlink_loop_is_not_followed() {
    let dir = dir_with_good_file();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "inner.md", "# Inner\n\nEach and every day.\n");
    std::os::unix::fs::symlink("..", sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(&sub, sub.join("self")).unwrap();
    let (code, r, _) = check_json(dir.path(), &["."]);
    assert!(code <= 1, "{r:#}");
    let paths: Vec<&str> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "each file once: {paths:?}");
    assert_good_checked(&r);
    assert!(rules_of(file(&r, "inner.md")).contains(&"wordy-phrase".to_string()));
    // Symlinks that point at each other, named on the command line.
    std::os::unix::fs::symlink("b.md", dir.path().join("a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", dir.path().join("b.md")).unwrap();
    let (code, r, _) = check_json(dir.path(), &["a.md", "good.md"]);
    assert_eq!(code, 2);
    assert!(!file(&r, "a.md")["error"].is_null());
    assert_good_checked(&r);
}

// ---------------------------------------------------------- bad config

fn config_error(toml: &str) -> (i32, String) {
    let dir = dir_with_good_file();
    write(dir.path(), "copydesk.toml", toml);
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "good.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), format!("{stdout}{stderr}"))
}

#[test]
fn config_with_a_wrong_type_is_located() {
    let (code, out) = config_error("fail-on = \"error\"\n\n[input]\nmax-file-size = \"big\"\n");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("copydesk.toml:4:"), "located: {out}");
    let (code, out) = config_error("[input]\nmax-nesting = -3\n");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("copydesk.toml:2:"), "{out}");
}

#[test]
fn config_naming_an_unknown_rule_is_located_with_a_suggestion() {
    let (code, out) = config_error("[rules.wordy-phrases]\nenabled = false\n");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("copydesk.toml:1:"), "{out}");
    assert!(
        out.contains("unknown rule") && out.contains("wordy-phrase"),
        "{out}"
    );
}

#[test]
fn config_that_is_not_toml_or_not_utf8_is_an_error() {
    let (code, out) = config_error("[rules\n= = =\n");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("copydesk.toml:1:"), "{out}");
    let dir = dir_with_good_file();
    write(dir.path(), "copydesk.toml", b"# ok\nfail-on = \"\xff\"\n");
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "good.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("copydesk.toml:2:12"), "{stderr}");
    assert!(stderr.contains("invalid UTF-8"), "{stderr}");
}

#[test]
fn catastrophic_looking_regex_runs_in_linear_time() {
    // `(a+)+$`, `(x|x)*y` and friends backtrack exponentially in some
    // engines; the `regex` crate runs them in linear time.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "copydesk.toml",
        "[[rule]]\nname = \"evil\"\nkind = \"existence\"\nmessage = \"evil {match}\"\n\
         patterns = ['(a+)+$', '(x|x)*y', '(\\w+\\s?)+!', '(.*a){12}']\n",
    );
    let line = format!(
        "{} b\n\n{}\n\n{}?\n",
        "a".repeat(50_000),
        "x".repeat(50_000),
        "word ".repeat(20_000)
    );
    write(dir.path(), "evil.md", &line);
    let (code, r, _) = check_json(dir.path(), &["--select", "evil", "evil.md"]);
    assert!(code <= 1, "{r:#}");
    let f = file(&r, "evil.md");
    assert!(f["error"].is_null());
    // Only the last pattern matches (twelve a's): no `$` right after the
    // a's, no `y`, no `!`.
    assert_eq!(rules_of(f), ["evil"], "{f:#}");
}

// ------------------------------------------------------- output files

#[test]
fn output_file_is_whole_or_untouched() {
    let dir = dir_with_good_file();
    write(dir.path(), "bad.md", b"\xff");
    let out_path = dir.path().join("report.json");
    write(dir.path(), "report.json", "previous report");
    // Errors in the run: the report is still written, whole.
    let out = bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "-o",
            "report.json",
            "bad.md",
            "good.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let written: Value =
        serde_json::from_slice(&std::fs::read(&out_path).unwrap()).expect("whole JSON");
    assert_good_checked(&written);
    // An output path that cannot be written: exit 2, nothing left behind.
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "-o", "no/such/dir/report.txt", "good.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("no").exists());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["bad.md", "good.md", "report.json"],
        "no temporary files left"
    );
}

// ------------------------------------------------------- progress bar

#[test]
fn no_progress_bar_in_piped_or_ci_output() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..120 {
        write(
            dir.path(),
            &format!("f{i:03}.md"),
            "# T\n\nEach and every line.\n",
        );
    }
    for ci in [None, Some("true")] {
        let mut c = bin();
        c.current_dir(dir.path()).args(["check", "."]);
        match ci {
            Some(v) => c.env("CI", v),
            None => c.env_remove("CI"),
        };
        let out = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("checked") && !stderr.contains('\r') && !stderr.contains('\u{1b}'),
            "progress drawn into a pipe: {stderr:?}"
        );
    }
    // On a terminal (a pseudo-terminal from `script`), the bar shows unless
    // CI is set.
    let has_script = Command::new("script").arg("--version").output().is_ok();
    if !has_script {
        eprintln!("skipped the terminal half: no `script` command");
        return;
    }
    let run_tty = |ci: bool| {
        let cmd = format!("{} check . >/dev/null", env!("CARGO_BIN_EXE_copydesk"));
        let mut c = Command::new("script");
        c.current_dir(dir.path()).args(["-qec", &cmd, "/dev/null"]);
        if ci {
            c.env("CI", "true");
        } else {
            c.env_remove("CI");
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    };
    assert!(!run_tty(true).contains("checked"), "a bar in CI");
    assert!(run_tty(false).contains("checked"), "no bar on a terminal");
}

/// A finding on a very long line keeps the words around it, not the line:
/// with one copy of a 50 MB line per finding, reporting took hours and
/// gigabytes (found by `fifty_megabyte_single_line`).
#[test]
fn findings_on_a_very_long_line_keep_only_the_text_around_them() {
    let d = doc(&long_line(200_000), Format::Markdown);
    let findings = default_engine(d.format).check(&d);
    assert!(findings.len() > 1000, "{} findings", findings.len());
    let none = |_: &str| None;
    for f in findings {
        let span = f.span;
        let r = copydesk::check::resolve(&d, f, &none);
        assert!(
            r.excerpt
                .iter()
                .all(|l| l.len() <= copydesk::report::MAX_EXCERPT_LINE_BYTES),
            "{}: excerpt of {} bytes",
            r.rule,
            r.excerpt.iter().map(String::len).sum::<usize>()
        );
        if span.end - span.start < 1000 {
            assert_eq!(r.flagged_text(), d.source.slice(span), "{}", r.rule);
        }
    }
}

/// Every report format renders findings on a long line of multi-byte text,
/// where the excerpt is cut around each finding (cuts land between
/// characters, columns still point at the flagged words).
#[test]
fn every_format_renders_findings_on_a_long_multibyte_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let unit = "Le comité, é 漢字 🙂, will act in the event that funds allow. ";
    write(dir.path(), "long.md", unit.repeat(20_000 / unit.len() + 1));
    for format in ["human", "json", "markdown", "sarif", "github"] {
        let out = bin()
            .current_dir(dir.path())
            .args(["check", "--format", format, "long.md"])
            .output()
            .expect("copydesk runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Findings below the default `fail-on` level: exit 0 (1 would do).
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{format}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(stdout.contains("wordy-phrase"), "{format}: {stdout:.500}");
    }
    let (_, r, _) = check_json(dir.path(), &["long.md"]);
    let findings = file(&r, "long.md")["findings"].as_array().unwrap().clone();
    let wordy: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "wordy-phrase")
        .collect();
    assert!(wordy.len() > 100, "{} wordy findings", wordy.len());
    // The human report gives the true place of a finding far along the line.
    let last = wordy.last().unwrap();
    let place = format!("long.md:1:{}", last["column"]);
    assert!(last["column"].as_u64().unwrap() > 10_000);
    let human = bin()
        .current_dir(dir.path())
        .args(["check", "long.md"])
        .output()
        .expect("copydesk runs");
    assert!(
        String::from_utf8_lossy(&human.stdout).contains(&place),
        "{place}"
    );
}
