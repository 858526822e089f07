//! Configuration: layering (built-in < profile < project file < command
//! line), finding the project file, and configuration errors that name the
//! file, line and column and suggest the nearest valid name.

mod common;

use common::{run, write};

use copydesk::check::Engine;
use copydesk::config::{CliOverrides, Config, Loader};
use copydesk::document::Format;
use copydesk::finding::Severity;

const RULE: &str = "unused-suppression";

fn loader(cli: CliOverrides) -> Loader {
    Loader {
        explicit: None,
        cli,
    }
}

/// (enabled, severity) of a rule under a configuration.
fn state(config: Config, rule: &str) -> (bool, Severity) {
    let engine = Engine::new(config).expect("engine builds");
    let (meta, on) = engine
        .catalogue
        .iter()
        .find(|(m, _)| m.name == rule)
        .expect("rule in catalogue");
    (*on, meta.severity)
}

#[test]
fn layers_override_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The profile turns the rule on at `info`; the project file raises it
    // to `error`; the command line turns it off again.
    write(
        d,
        "profiles/strict.toml",
        format!("[rules.{RULE}]\nenabled = true\nseverity = \"info\"\n"),
    );
    let project = write(
        d,
        "copydesk.toml",
        format!("extends = \"profiles/strict.toml\"\n[rules.{RULE}]\nseverity = \"error\"\n"),
    );
    let builtin = loader(CliOverrides::default())
        .load(None, Format::Markdown)
        .unwrap();
    assert_eq!(state(builtin, RULE), (false, Severity::Warning));

    let profile_only = write(d, "p.toml", "extends = \"profiles/strict.toml\"\n");
    let c = loader(CliOverrides::default())
        .load(Some(&profile_only), Format::Markdown)
        .unwrap();
    assert_eq!(state(c, RULE), (true, Severity::Info));

    let c = loader(CliOverrides::default())
        .load(Some(&project), Format::Markdown)
        .unwrap();
    assert_eq!(c.profile.as_deref(), Some("profiles/strict.toml"));
    assert_eq!(state(c, RULE), (true, Severity::Error));

    let c = loader(CliOverrides {
        ignore: vec![RULE.into()],
        ..Default::default()
    })
    .load(Some(&project), Format::Markdown)
    .unwrap();
    assert_eq!(state(c, RULE), (false, Severity::Error));

    // --select runs exactly the named rules, even one a file turned off.
    write(
        d,
        "off/copydesk.toml",
        "[rules.padding-phrase]\nenabled = false\n",
    );
    let off = d.join("off/copydesk.toml");
    let c = loader(CliOverrides::default())
        .load(Some(&off), Format::Markdown)
        .unwrap();
    assert!(!state(c, "padding-phrase").0);
    let c = loader(CliOverrides {
        select: vec!["padding-phrase".into()],
        ..Default::default()
    })
    .load(Some(&off), Format::Markdown)
    .unwrap();
    let engine = Engine::new(c).unwrap();
    let names: Vec<&str> = engine.rules.iter().map(|r| r.meta.name.as_str()).collect();
    assert_eq!(names, ["padding-phrase"]);
}

#[test]
fn extends_by_name_and_by_relative_path_and_profile_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A profile file that itself extends a shipped profile by name.
    write(
        d,
        "shared/team.toml",
        format!("extends = \"kep\"\nfail-on = \"info\"\n[rules.{RULE}]\nenabled = true\n"),
    );
    let project = write(
        d,
        "project/copydesk.toml",
        "extends = \"../shared/team.toml\"\n",
    );
    let c = loader(CliOverrides::default())
        .load(Some(&project), Format::Markdown)
        .unwrap();
    assert_eq!(c.fail_on, Some(copydesk::config::FailOn::Info));
    assert!(state(c, RULE).0);

    let by_name = write(d, "named/copydesk.toml", "extends = \"rust-rfc\"\n");
    let c = loader(CliOverrides::default())
        .load(Some(&by_name), Format::Markdown)
        .unwrap();
    assert_eq!(c.profile.as_deref(), Some("rust-rfc"));

    // --profile replaces the project's `extends`: the team profile's
    // settings no longer apply.
    let c = loader(CliOverrides {
        profile: Some("article".into()),
        ..Default::default()
    })
    .load(Some(&project), Format::Markdown)
    .unwrap();
    assert_eq!(c.profile.as_deref(), Some("article"));
    assert_eq!(c.fail_on, Some(copydesk::config::FailOn::Error));
    assert!(!state(c, RULE).0);
}

#[test]
fn options_merge_key_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "base.toml",
        format!("[rules.{RULE}.options]\nalpha = 1\nbeta = 2\n"),
    );
    let project = write(
        d,
        "copydesk.toml",
        format!(
            "extends = \"base.toml\"\n[rules.{RULE}]\nenabled = true\noptions = {{ beta = 3, gamma = 4 }}\n"
        ),
    );
    let c = loader(CliOverrides::default())
        .load(Some(&project), Format::Markdown)
        .unwrap();
    let rc = &c.rules[RULE];
    let opts: Vec<(String, i64)> = rc
        .options
        .iter()
        .map(|(k, v)| (k.clone(), v.as_integer().unwrap()))
        .collect();
    assert_eq!(
        opts,
        [("alpha".into(), 1), ("beta".into(), 3), ("gamma".into(), 4)]
    );
    // Each key remembers the file that set it last (for error messages).
    assert!(
        rc.option_origins["alpha"]
            .file
            .display
            .ends_with("base.toml")
    );
    assert!(
        rc.option_origins["beta"]
            .file
            .display
            .ends_with("copydesk.toml")
    );
    // The rule has no such options: building it is an error at the key.
    let e = Engine::new(c).err().expect("unknown option refused");
    assert!(e.message.contains("alpha"), "{e}");
    assert!(e.file.ends_with("base.toml"), "{e}");
}

#[test]
fn the_nearest_project_file_walking_up_applies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a/copydesk.toml", "fail-on = \"warning\"\n");
    write(d, "a/b/inner/copydesk.toml", "fail-on = \"info\"\n");
    let l = loader(CliOverrides::default());
    let deep = write(d, "a/b/c/d/doc.md", "x\n");
    let c = l.load_for(Some(&deep), Format::Markdown).unwrap();
    assert_eq!(c.fail_on, Some(copydesk::config::FailOn::Warning));
    assert!(c.project_file.unwrap().ends_with("a/copydesk.toml"));
    let inner = write(d, "a/b/inner/doc.md", "x\n");
    let c = l.load_for(Some(&inner), Format::Markdown).unwrap();
    assert_eq!(c.fail_on, Some(copydesk::config::FailOn::Info));
    // --config wins over the walk.
    let explicit = Loader {
        explicit: Some(d.join("a/copydesk.toml")),
        cli: CliOverrides::default(),
    };
    let c = explicit.load_for(Some(&inner), Format::Markdown).unwrap();
    assert_eq!(c.fail_on, Some(copydesk::config::FailOn::Warning));
}

#[test]
fn files_in_different_directories_get_their_own_project_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "# T\n\nIt is important to note that the rate rose.\n";
    write(
        d,
        "quiet/copydesk.toml",
        "[rules.padding-phrase]\nenabled = false\n",
    );
    write(
        d,
        "loud/copydesk.toml",
        "[rules.padding-phrase]\nseverity = \"error\"\n",
    );
    write(d, "quiet/doc.md", text);
    write(d, "loud/doc.md", text);
    write(d, "plain/doc.md", text);
    let paths: Vec<String> = ["loud", "plain", "quiet"]
        .iter()
        .map(|s| d.join(s).to_string_lossy().into_owned())
        .collect();
    let report = copydesk::check::run(
        &paths,
        &loader(CliOverrides::default()),
        &Default::default(),
    );
    let by_file: Vec<Vec<(String, Severity)>> = report
        .files
        .iter()
        .map(|f| {
            // Other default rules may have things to say about the text too.
            f.findings
                .iter()
                .filter(|d| d.rule == "padding-phrase")
                .map(|d| (d.rule.clone(), d.severity))
                .collect()
        })
        .collect();
    assert_eq!(
        by_file,
        [
            vec![("padding-phrase".to_string(), Severity::Error)],
            vec![("padding-phrase".to_string(), Severity::Warning)],
            vec![],
        ]
    );
    assert_eq!(report.exit_code(), 1);
}

/// 1-based line and column of the first `marker` in `text`.
fn pos(text: &str, marker: &str) -> (usize, usize) {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in {text}"));
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn each_configuration_error_is_located_suggests_and_exits_2() {
    // (what, config, where the error points, suggestion)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "unknown key",
            "fail-on = \"error\"\n[rules.padding-phrase]\nenabeld = false\n",
            "enabeld",
            Some("enabled"),
        ),
        (
            "unknown top-level key",
            "fail_on = \"error\"\n",
            "fail_on",
            Some("fail-on"),
        ),
        (
            "unknown rule name",
            "\n[rules.paddng-phrase]\nenabled = false\n",
            "paddng-phrase",
            Some("padding-phrase"),
        ),
        (
            "wrong type",
            "[rules.padding-phrase]\nenabled = \"yes\"\n",
            "\"yes\"",
            None,
        ),
        (
            "unknown severity",
            "[rules.padding-phrase]\nseverity = \"warn\"\n",
            "\"warn\"",
            Some("warning"),
        ),
        (
            "invalid regex",
            "[[rule]]\nname = \"r\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = [\"a(b\"]\n",
            "\"a(b\"",
            None,
        ),
        (
            "unknown profile",
            "# team settings\nextends = \"kepp\"\n",
            "\"kepp\"",
            Some("kep"),
        ),
        (
            "unknown scope",
            "[[rule]]\nname = \"r\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"a\"]\nscope = [\"sentence\", \"heding\"]\n",
            "[\"sentence\", \"heding\"]",
            Some("heading"),
        ),
        (
            "bad glob",
            "[[ignore]]\npath = \"drafts/[x\"\n",
            "\"drafts/[x\"",
            None,
        ),
        (
            "options on a user rule",
            "[[rule]]\nname = \"r\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"a\"]\n[rules.r]\noptions = { x = 1 }\n",
            "x = 1",
            None,
        ),
    ];
    for (what, config, marker, suggestion) in cases {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "bad/copydesk.toml", config);
        write(
            d,
            "bad/doc.md",
            "# Bad\n\nIt is important to note that x.\n",
        );
        write(
            d,
            "good/doc.md",
            "# Good\n\nIt is important to note that y.\n",
        );
        let (code, stdout, stderr) = run(d, &["check", "--format", "json", "good", "bad"]);
        assert_eq!(code, 2, "{what}: {stderr}");
        let (line, col) = pos(config, marker);
        let place = format!("copydesk.toml:{line}:{col}: ");
        assert!(
            stderr.contains(&place),
            "{what}: expected {place} in {stderr}"
        );
        match suggestion {
            Some(s) => assert!(
                stderr.contains(&format!("did you mean `{s}`?")),
                "{what}: {stderr}"
            ),
            None => assert!(!stderr.contains("did you mean"), "{what}: {stderr}"),
        }
        // The other directory's file is still checked and reported.
        let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON report");
        let files = json["files"].as_array().expect("files");
        let good = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().contains("good"))
            .expect("good file reported");
        assert_eq!(good["findings"][0]["rule"], "padding-phrase", "{what}");
        let bad = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().contains("bad"))
            .expect("bad file reported");
        assert!(bad["error"].is_object(), "{what}: {bad}");
    }
}

#[test]
fn unknown_rules_on_the_command_line_are_errors_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "doc.md", "# T\n\nText.\n");
    for flag in ["--select", "--ignore"] {
        let (code, _, stderr) = run(
            d,
            &[
                "check",
                "-f",
                "json",
                flag,
                "padding-phrase,wordy-phrse",
                "doc.md",
            ],
        );
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!("unknown rule `wordy-phrse` in {flag}")),
            "{stderr}"
        );
        assert!(stderr.contains("did you mean `wordy-phrase`?"), "{stderr}");
    }
    let (code, _, stderr) = run(d, &["check", "-f", "json", "--profile", "artcle", "doc.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("did you mean `article`?"), "{stderr}");
}

#[test]
fn profile_paths_on_the_command_line_are_relative_to_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "profiles/loud.toml",
        "[rules.padding-phrase]\nseverity = \"error\"\n",
    );
    write(d, "docs/copydesk.toml", "fail-on = \"error\"\n");
    write(d, "docs/doc.md", "# T\n\nIt is important to note that x.\n");
    let (code, _, stderr) = run(
        d,
        &["check", "--profile", "profiles/loud.toml", "docs/doc.md"],
    );
    assert_eq!(code, 1, "{stderr}");
}
