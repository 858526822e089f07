//! The pipeline's speed, stage by stage, against pulldown-cmark's own.
//!
//! Groups (each reports throughput in bytes of input):
//!
//! - `<input>/pulldown`: raw pulldown-cmark event iteration with copydesk's
//!   options and offsets, over the same text: the parser's limit, our floor.
//! - `<input>/build`: reading the text into a [`Document`] (decode, line
//!   index, parse, outline, sentences, support).
//! - `<input>/rule/<name>`: each built-in rule alone (`--select NAME`) over
//!   documents already built (fresh copies, so with nothing memoised):
//!   every rule of [`BUILTIN`] and of the built-in
//!   house style, so new rules are benchmarked without touching this file.
//! - `<input>/check`: the whole default check, as `copydesk check` does it
//!   for each file minus reading and printing: build, every default rule,
//!   suppressions, sorting, and resolving findings to lines and sections.
//!
//! Inputs: `rfcs` and `keps` (every Markdown file of `../shared/corpus/rfcs`
//! and `../shared/corpus/keps`, or of `$COPYDESK_CORPUS/{rfcs,keps}`), and
//! `long-1x` / `long-10x`, one long document made by concatenating corpus
//! files up to 400 KB and 4 MB, to show how cost grows with length. Without
//! the corpus every group is skipped with a message.
//!
//! `cargo bench --bench pipeline`; filter with a name, e.g.
//! `cargo bench --bench pipeline -- 'rfcs/'`. `scripts/bench-corpus.sh
//! --criterion` turns the results into the ratios of `BENCHMARKS.md`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use copydesk::check::{Engine, resolve};
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::{Document, Format};
use copydesk::rules::BUILTIN;
use copydesk::source::Source;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// Where the corpora live: `$COPYDESK_CORPUS`, else `../shared/corpus` next
/// to the repository.
fn corpus_dir() -> PathBuf {
    std::env::var_os("COPYDESK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// Every Markdown file under `dir`, sorted by path.
fn read_markdown(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md")
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                files.push((p.display().to_string(), text));
            }
        }
    }
    files.sort();
    files
}

/// The long document: corpus files joined (each keeps its headings) until
/// `size` bytes, cut at a line end.
fn long_document(files: &[(String, String)], size: usize) -> String {
    let mut out = String::with_capacity(size + 1024);
    'outer: loop {
        for (_, t) in files {
            if out.len() >= size {
                break 'outer;
            }
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
    let cut = out[..size.min(out.len())].rfind('\n').map_or(0, |i| i + 1);
    out.truncate(cut);
    out
}

fn engine(select: &[&str]) -> Engine {
    let loader = Loader {
        explicit: None,
        cli: CliOverrides {
            select: select.iter().map(|s| s.to_string()).collect(),
            ..CliOverrides::default()
        },
    };
    Engine::new(
        loader
            .load(None, Format::Markdown)
            .expect("built-in configuration loads"),
    )
    .expect("engine builds")
}

/// Every rule the built-in configuration knows: the table of built-in rules
/// and the house style's data rules.
fn rule_names() -> Vec<String> {
    let mut names: Vec<String> = engine(&[])
        .catalogue
        .iter()
        .map(|(m, _)| m.name.clone())
        .collect();
    names.extend(BUILTIN.iter().map(|r| r.name.to_string()));
    names.sort();
    names.dedup();
    names
}

fn build(files: &[(String, String)]) -> Vec<Document> {
    files
        .iter()
        .map(|(p, t)| copydesk::parse::parse(p.clone(), Source::new(t.clone()), Format::Markdown))
        .collect()
}

fn bench_input(c: &mut Criterion, name: &str, files: &[(String, String)]) {
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));

    let options = copydesk::parse::markdown::options();
    g.bench_function("pulldown", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (_, t) in files {
                for (ev, range) in pulldown_cmark::Parser::new_ext(t, options).into_offset_iter() {
                    black_box(&ev);
                    n += range.end - range.start;
                }
            }
            n
        })
    });
    g.bench_function("build", |b| b.iter(|| build(black_box(files))));

    let docs = build(files);
    for name in rule_names() {
        let e = engine(&[name.as_str()]);
        // Fresh copies each time (made outside the timing): a clone starts
        // with an empty memo, so analyses rules share (the repeat rules'
        // word stream) are computed inside the timing, as for each document
        // of a real run.
        g.bench_function(format!("rule/{name}"), |b| {
            b.iter_batched_ref(
                || docs.clone(),
                |docs| docs.iter().map(|d| e.check(d).len()).sum::<usize>(),
                BatchSize::LargeInput,
            )
        });
    }
    drop(docs);

    let e = engine(&[]);
    let none = |_: &str| None;
    g.bench_function("check", |b| {
        b.iter(|| {
            let mut n = 0;
            for (p, t) in files {
                let doc =
                    copydesk::parse::parse(p.clone(), Source::new(t.clone()), Format::Markdown);
                for f in e.check(&doc) {
                    n += resolve(&doc, f, &none).excerpt.len();
                }
            }
            n
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    // As the binary runs (see `copydesk::malloc`).
    copydesk::malloc::return_large_blocks();
    let dir = corpus_dir();
    let rfcs = read_markdown(&dir.join("rfcs"));
    let keps = read_markdown(&dir.join("keps"));
    if rfcs.is_empty() || keps.is_empty() {
        eprintln!(
            "pipeline benchmarks skipped: no corpus at {} (needs rfcs/ and keps/ with Markdown \
             files; set COPYDESK_CORPUS to point elsewhere)",
            dir.display()
        );
        return;
    }
    let long_1x = long_document(&rfcs, 400_000);
    let long_10x = long_document(&rfcs, 4_000_000);
    bench_input(c, "rfcs", &rfcs);
    bench_input(c, "keps", &keps);
    bench_input(c, "long-1x", &[("long-1x.md".into(), long_1x)]);
    bench_input(c, "long-10x", &[("long-10x.md".into(), long_10x)]);
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
