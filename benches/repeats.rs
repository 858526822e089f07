//! How the repeat rules scale with the length of a document.
//!
//! Three inputs, each checked by the four repeat rules (parsing is outside
//! the timing):
//! - `one`: one real document (a Rust RFC of about 30 KB);
//! - `varied_x10`: other real documents joined until ten times as long —
//!   what a long report looks like: varied text with the few repeats real
//!   writing has;
//! - `varied_x100`: the same, a hundred times as long (about 3 MB);
//! - `repeated_x10`: the first document ten times over — every sentence
//!   repeated ten times, the worst case for the repeat index (every shingle
//!   has ten places, every phrase ten uses).
//!
//! Linear time shows as the same throughput (bytes a second) for all three.
//! The documents come from `../shared/corpus/rfcs/` (or the directory in
//! `COPYDESK_BENCH_CORPUS`); without it, the repository's own inputs stand in.
//!
//! Run: `cargo bench --bench repeats`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use copydesk::check::Engine;
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::{Document, Format};
use copydesk::source::Source;
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    // As the binary runs (see `copydesk::malloc`).
    copydesk::malloc::return_large_blocks();
    divan::main();
}

const RULES: &[&str] = &[
    "duplicate-heading",
    "duplicate-phrase",
    "near-duplicate",
    "repeated-opener",
];

/// The corpus directory and the base document's name in it.
fn corpus() -> (PathBuf, &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("COPYDESK_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus/rfcs"));
    if dir.join("3559-rust-has-provenance.md").is_file() {
        (dir, "3559-rust-has-provenance.md")
    } else {
        (
            root.join("input"),
            "kep-4004-deprecate-kube-proxy-version.md",
        )
    }
}

struct Inputs {
    one: String,
    varied_x10: String,
    varied_x100: String,
    repeated_x10: String,
}

static INPUTS: LazyLock<Inputs> = LazyLock::new(|| {
    let (dir, base) = corpus();
    let one = std::fs::read_to_string(dir.join(base)).expect("base document");
    let mut others: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with(base))
        .collect();
    others.sort();
    let mut varied = String::new();
    for p in others.iter().cycle().take(others.len() * 200) {
        if varied.len() >= 100 * one.len() {
            break;
        }
        if let Ok(t) = std::fs::read_to_string(p) {
            // Each document's title becomes a section of the long one.
            varied.push_str(&t.replacen("# ", "## ", 1));
            varied.push_str("\n\n");
        }
    }
    let varied_x100 = varied[..floor_boundary(&varied, 100 * one.len())].to_string();
    let varied_x10 = varied[..floor_boundary(&varied, 10 * one.len())].to_string();
    let repeated_x10 = format!("{one}\n\n").repeat(10);
    Inputs {
        one,
        varied_x10,
        varied_x100,
        repeated_x10,
    }
});

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn engine(rules: &[&str]) -> Engine {
    let loader = Loader {
        explicit: None,
        cli: CliOverrides {
            select: rules.iter().map(|s| s.to_string()).collect(),
            ..CliOverrides::default()
        },
    };
    Engine::new(loader.load(None, Format::Markdown).expect("configuration")).expect("engine")
}

fn parse(text: &str) -> Document {
    copydesk::parse::parse("bench.md", Source::new(text.to_string()), Format::Markdown)
}

fn run(bencher: Bencher, text: &str, rules: &[&str]) {
    let engine = engine(rules);
    let doc = parse(text);
    // A fresh copy each time (outside the timing): a clone starts with an
    // empty memo, so the shared word stream is built inside the timing, as
    // it is for each document of a real run.
    bencher
        .counter(BytesCount::new(text.len()))
        .with_inputs(|| doc.clone())
        .bench_local_refs(|d| engine.check(divan::black_box(&*d)).len());
}

/// All four rules.
mod all {
    use super::*;

    #[divan::bench]
    fn one(b: Bencher) {
        run(b, &INPUTS.one, RULES);
    }

    #[divan::bench]
    fn varied_x10(b: Bencher) {
        run(b, &INPUTS.varied_x10, RULES);
    }

    #[divan::bench]
    fn repeated_x10(b: Bencher) {
        run(b, &INPUTS.repeated_x10, RULES);
    }

    #[divan::bench(sample_count = 10)]
    fn varied_x100(b: Bencher) {
        run(b, &INPUTS.varied_x100, RULES);
    }
}

/// Each rule alone, on the base document and on the varied and repeated
/// long ones.
mod per_rule {
    use super::*;

    #[divan::bench(args = RULES)]
    fn one(b: Bencher, rule: &str) {
        run(b, &INPUTS.one, &[rule]);
    }

    #[divan::bench(args = RULES)]
    fn varied_x10(b: Bencher, rule: &str) {
        run(b, &INPUTS.varied_x10, &[rule]);
    }

    #[divan::bench(args = RULES)]
    fn repeated_x10(b: Bencher, rule: &str) {
        run(b, &INPUTS.repeated_x10, &[rule]);
    }
}
