//! The command line: `--select`/`--ignore`, exit codes for each `--fail-on`,
//! the atomic `--output`, `copydesk init`, and output that does not depend
//! on the thread count.

mod common;

use common::{run, write};

use std::path::Path;

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Rule names of every finding in a JSON report, in order.
fn rules_of(report: &serde_json::Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

const MIXED: &str = "# Mixed\n\nIt is important to note that we stay due to the fact that it rains, in order to rest.\n";

#[test]
fn select_and_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "doc.md", MIXED.as_bytes());
    let (_, out, _) = run(d, &["check", "-f", "json", "doc.md"]);
    let all = rules_of(&json(&out));
    for r in ["padding-phrase", "wordy-phrase", "mild-wordiness"] {
        assert!(all.iter().any(|x| x == r), "{r} in {all:?}");
    }
    let (_, out, _) = run(
        d,
        &["check", "-f", "json", "--select", "wordy-phrase", "doc.md"],
    );
    assert_eq!(rules_of(&json(&out)), ["wordy-phrase"]);
    let (_, out, _) = run(
        d,
        &[
            "check",
            "-f",
            "json",
            "--select",
            "wordy-phrase,padding-phrase",
            "--ignore",
            "padding-phrase",
            "doc.md",
        ],
    );
    assert_eq!(rules_of(&json(&out)), ["wordy-phrase"]);
    let (_, out, _) = run(
        d,
        &[
            "check",
            "-f",
            "json",
            "--ignore",
            "wordy-phrase",
            "--ignore",
            "mild-wordiness",
            "doc.md",
        ],
    );
    let rest = rules_of(&json(&out));
    assert!(rest.iter().any(|x| x == "padding-phrase"), "{rest:?}");
    assert!(
        rest.iter()
            .all(|x| x != "wordy-phrase" && x != "mild-wordiness"),
        "{rest:?}"
    );
}

#[test]
fn exit_codes_for_each_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // One file per highest severity: `mild-wordiness` is info,
    // `padding-phrase` warning, and the project file makes `wordy-phrase`
    // an error.
    write(
        d,
        "copydesk.toml",
        b"[rules.wordy-phrase]\nseverity = \"error\"\n",
    );
    write(d, "info.md", b"# I\n\nWe rest in order to win.\n");
    write(
        d,
        "warning.md",
        b"# W\n\nIt is important to note that we rest.\n",
    );
    write(
        d,
        "error.md",
        b"# E\n\nWe rest due to the fact that we won.\n",
    );
    write(d, "clean.md", b"# C\n\nWe rest.\n");
    let expect = [
        // (file, error, warning, info, never)
        ("clean.md", [0, 0, 0, 0]),
        ("info.md", [0, 0, 1, 0]),
        ("warning.md", [0, 1, 1, 0]),
        ("error.md", [1, 1, 1, 0]),
    ];
    for (file, codes) in expect {
        for (level, want) in ["error", "warning", "info", "never"].iter().zip(codes) {
            let (code, _, stderr) = run(d, &["check", "--fail-on", level, file]);
            assert_eq!(code, want, "{file} --fail-on {level}: {stderr}");
        }
    }
    // Without --fail-on: the project file's `fail-on`, else `error`.
    assert_eq!(run(d, &["check", "warning.md"]).0, 0);
    write(
        d,
        "copydesk.toml",
        b"fail-on = \"warning\"\n[rules.wordy-phrase]\nseverity = \"error\"\n",
    );
    assert_eq!(run(d, &["check", "warning.md"]).0, 1);
    assert_eq!(
        run(d, &["check", "--fail-on", "never", "warning.md"]).0,
        0,
        "the command line wins"
    );
}

#[test]
fn an_unreadable_input_exits_2_and_the_others_are_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "docs/a.md", b"# A\n\nIt is important to note that a.\n");
    write(d, "docs/b.md", b"# B\n\nbroken \xff\xfe bytes\n");
    write(d, "docs/c.md", b"# C\n\nIt is important to note that c.\n");
    for level in ["error", "warning", "info", "never"] {
        let (code, out, stderr) = run(d, &["check", "-f", "json", "--fail-on", level, "docs"]);
        assert_eq!(code, 2, "--fail-on {level}: {stderr}");
        let report = json(&out);
        let files = report["files"].as_array().unwrap();
        assert_eq!(files.len(), 3, "{report}");
        let by_path = |p: &str| {
            files
                .iter()
                .find(|f| f["path"].as_str().unwrap().ends_with(p))
                .unwrap_or_else(|| panic!("{p} in {report}"))
        };
        assert_eq!(by_path("a.md")["findings"][0]["rule"], "padding-phrase");
        assert_eq!(by_path("c.md")["findings"][0]["rule"], "padding-phrase");
        assert!(by_path("b.md")["error"].is_object());
        assert!(stderr.contains("b.md"), "{stderr}");
    }
}

/// Files in a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn output_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "doc.md", MIXED.as_bytes());
    let (code, stdout, _) = run(d, &["check", "-f", "json", "doc.md"]);
    assert_eq!(code, 0);
    // The file holds exactly what standard output would.
    let (code, out, _) = run(
        d,
        &["check", "-f", "json", "-o", "out/report.json", "doc.md"],
    );
    assert_eq!(code, 2, "missing directory: a failed write");
    assert!(out.is_empty());
    assert!(!d.join("out").exists());
    assert_eq!(listing(d), ["doc.md"], "no temporary file left");

    write(d, "report.json", b"old report");
    let (code, out, _) = run(d, &["check", "-f", "json", "-o", "report.json", "doc.md"]);
    assert_eq!(code, 0);
    assert!(out.is_empty(), "nothing on standard output");
    assert_eq!(
        std::fs::read_to_string(d.join("report.json")).unwrap(),
        stdout
    );
    assert_eq!(
        listing(d),
        ["doc.md", "report.json"],
        "no temporary file left"
    );

    // A write that fails (the target is a directory) leaves what was there
    // and no temporary file.
    std::fs::create_dir(d.join("taken")).unwrap();
    write(d, "taken/keep.txt", b"keep");
    let (code, _, stderr) = run(d, &["check", "-f", "json", "-o", "taken", "doc.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("taken"), "{stderr}");
    assert_eq!(listing(&d.join("taken")), ["keep.txt"]);
    assert_eq!(
        listing(d),
        ["doc.md", "report.json", "taken"],
        "no temporary file left"
    );
}

#[test]
fn init_writes_a_starter_that_loads_and_does_not_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, _, stderr) = run(d, &["init"]);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(d.join("copydesk.toml")).unwrap();
    assert_eq!(written, copydesk::config::STARTER);
    assert!(written.starts_with("#:schema "), "schema line first");

    // It loads cleanly: every rule example compiles and runs.
    write(
        d,
        "doc.md",
        b"# T\n\nArguably this is very very very good, and the e-mail came.\n",
    );
    let (code, out, stderr) = run(d, &["check", "-f", "json", "doc.md"]);
    assert_ne!(code, 2, "{stderr}");
    let rules = rules_of(&json(&out));
    for r in ["no-weasel-words", "our-terms", "too-many-very"] {
        assert!(rules.iter().any(|x| x == r), "{r} in {rules:?}");
    }
    let (code, out, _) = run(d, &["rules"]);
    assert_eq!(code, 0);
    assert!(out.contains("configuration: copydesk.toml"), "{out}");

    // Refuses to overwrite, then overwrites with --force.
    write(d, "copydesk.toml", b"# mine\n");
    let (code, _, stderr) = run(d, &["init"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(d.join("copydesk.toml")).unwrap(),
        "# mine\n"
    );
    let (code, _, _) = run(d, &["init", "--force"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(d.join("copydesk.toml")).unwrap(),
        copydesk::config::STARTER
    );
    // Another path.
    let (code, _, _) = run(d, &["init", "sub.toml"]);
    assert_eq!(code, 0);
    assert!(d.join("sub.toml").is_file());
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The bundled examples plus 50 generated files of varied shape.
    std::fs::create_dir_all(d.join("input")).unwrap();
    for f in common::input_files() {
        let name = Path::new(&f).file_name().unwrap().to_owned();
        std::fs::copy(common::root().join(&f), d.join("input").join(name)).unwrap();
    }
    let phrases = [
        "It is important to note that",
        "Due to the fact that",
        "In order to",
        "The team",
        "Needless to say,",
        "Prior to",
    ];
    for i in 0..50 {
        let mut text = format!("# Generated {i}\n\n");
        for s in 0..(i % 7 + 1) {
            text.push_str(&format!("## Section {s}\n\n"));
            for p in 0..(i + s) % 4 + 1 {
                let a = phrases[(i + s + p) % phrases.len()];
                let b = phrases[(i * 3 + p) % phrases.len()].to_lowercase();
                text.push_str(&format!(
                    "{a} the plan {i}.{s}.{p} plays a crucial role, {b} we ship.\n\n"
                ));
            }
        }
        let ext = if i % 5 == 0 { "txt" } else { "md" };
        write(
            d,
            &format!("gen/{:02}/doc{i}.{ext}", i % 9),
            text.as_bytes(),
        );
    }
    for format in ["json", "human"] {
        let (c1, one, _) = run(d, &["-j1", "check", "-f", format, "input", "gen"]);
        let (c4, four, _) = run(d, &["-j4", "check", "-f", format, "input", "gen"]);
        assert_eq!(c1, c4);
        assert!(one.len() > 1000, "{format}: a real report");
        assert!(one == four, "{format} output differs between -j1 and -j4");
    }
}
