//! Machine formats against their schemas: SARIF against the official SARIF
//! 2.1.0 JSON Schema (a copy in `tests/fixtures/reports/`, no network), the
//! JSON report against the published `schemas/report.schema.json`; and the
//! published schemas against what the binary prints, so they never go stale.

#[path = "common/mod.rs"]
mod common;
#[path = "fixtures/reports/sample.rs"]
mod sample;

use std::process::Command;

use copydesk::check::CheckOptions;
use copydesk::config::Loader;
use copydesk::report::{self, Report};
use serde_json::Value;

fn read_json(rel: &str) -> Value {
    let path = common::root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The SARIF schema's `language` pattern, `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`,
/// has a stray `]`: a literal in ECMAScript regexes, an error for the Rust
/// regex engines, so `jsonschema` refuses the schema. Escaping it keeps the
/// ECMAScript meaning (copydesk never writes `language`).
const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
const ESCAPED: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$";

fn escape_stray_brackets(v: &mut Value) -> usize {
    match v {
        Value::Object(m) => {
            let mut n = 0;
            for (k, x) in m.iter_mut() {
                if k == "pattern" && x.as_str() == Some(STRAY) {
                    *x = ESCAPED.into();
                    n += 1;
                } else {
                    n += escape_stray_brackets(x);
                }
            }
            n
        }
        Value::Array(a) => a.iter_mut().map(escape_stray_brackets).sum(),
        _ => 0,
    }
}

/// A validator that also checks formats (`uri`, `uri-reference`, …).
fn validator(rel: &str) -> jsonschema::Validator {
    let mut schema = read_json(rel);
    escape_stray_brackets(&mut schema);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{rel} is a schema: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, doc: &str, what: &str) {
    let instance: Value = serde_json::from_str(doc).unwrap_or_else(|e| panic!("{what}: {e}"));
    let errors: Vec<String> = v
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid:\n{}",
        errors.join("\n")
    );
}

fn sarif_validator() -> jsonschema::Validator {
    validator("tests/fixtures/reports/sarif-schema-2.1.0.json")
}

fn report_validator() -> jsonschema::Validator {
    validator("schemas/report.schema.json")
}

fn check(path: &str) -> Report {
    let loader = Loader {
        explicit: None,
        cli: Default::default(),
    };
    copydesk::check::run(&[path.to_string()], &loader, &CheckOptions::default())
}

#[test]
fn sarif_of_the_sample_is_valid() {
    let v = sarif_validator();
    assert_valid(
        &v,
        &report::sarif::render(&sample::report()),
        "sample SARIF",
    );
    assert_valid(&v, &report::sarif::render(&sample::clean()), "clean SARIF");
}

#[test]
fn sarif_of_the_inputs_is_valid() {
    let v = sarif_validator();
    for path in common::input_files() {
        let text = report::sarif::render(&check(&path));
        assert_valid(&v, &text, &path);
        // Every result's rule index points at its rule.
        let log: Value = serde_json::from_str(&text).unwrap();
        let run = &log["runs"][0];
        for r in run["results"].as_array().unwrap() {
            let i = r["ruleIndex"].as_u64().expect("a rule index") as usize;
            assert_eq!(
                run["tool"]["driver"]["rules"][i]["id"], r["ruleId"],
                "{path}"
            );
        }
    }
}

#[test]
fn the_validator_rejects_broken_sarif() {
    // The test above could pass on a schema that accepts anything.
    let v = sarif_validator();
    let mut log: Value = serde_json::from_str(&report::sarif::render(&sample::report())).unwrap();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!v.is_valid(&log), "an unknown level is refused");
    let mut log: Value = serde_json::from_str(&report::sarif::render(&sample::report())).unwrap();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "a b/c d.md".into();
    assert!(!v.is_valid(&log), "a URI with spaces is refused");
}

#[test]
fn json_reports_match_the_published_schema() {
    let v = report_validator();
    assert_valid(&v, &report::json::render(&sample::report()), "sample JSON");
    assert_valid(&v, &report::json::render(&sample::clean()), "clean JSON");
    for path in common::input_files() {
        assert_valid(&v, &report::json::render(&check(&path)), &path);
    }
    let mut doc: Value = serde_json::from_str(&report::json::render(&sample::report())).unwrap();
    doc["files"][0]["findings"][0]["line"] = "one".into();
    assert!(!v.is_valid(&doc), "a string line is refused");
}

fn binary_prints(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(common::root())
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "copydesk {args:?} failed");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn published_schemas_are_current() {
    for (which, rel) in [
        ("config", "schemas/copydesk.schema.json"),
        ("report", "schemas/report.schema.json"),
    ] {
        let printed = binary_prints(&["schema", which]);
        let published = std::fs::read_to_string(common::root().join(rel)).expect(rel);
        assert!(
            printed == published,
            "{rel} is stale: run `cargo run -- schema {which} > {rel}`"
        );
    }
}
