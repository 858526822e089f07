//! The configuration loader: any bytes as a project `copydesk.toml`, layered
//! over the built-in defaults, then the engine built from it (user rules,
//! regexes, rule options) and run over a small document.
#![no_main]
use std::path::PathBuf;
use std::sync::OnceLock;

use copydesk::check::Engine;
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::Format;
use libfuzzer_sys::fuzz_target;

fn path() -> &'static PathBuf {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("copydesk-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join("copydesk.toml")
    })
}

const SAMPLE: &str = "---\ntitle: Sample\n---\n# Sample\n\nThe plan is very simple. \
It will utilize new tools in order to help. [1]\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n";

fuzz_target!(|data: &[u8]| {
    // A profile path outside the config's folder is not followed (only
    // shipped profiles and plain names are fuzzed), nor is an absolute one.
    if let Ok(s) = std::str::from_utf8(data)
        && (s.contains("..") || s.contains("/dev") || s.contains("/proc"))
    {
        return;
    }
    let p = path();
    std::fs::write(p, data).expect("write config");
    let loader = Loader {
        explicit: Some(p.clone()),
        cli: CliOverrides::default(),
    };
    for format in [Format::Markdown, Format::Text] {
        let Ok(config) = loader.load(Some(p), format) else {
            continue;
        };
        let Ok(engine) = Engine::new(config) else {
            continue;
        };
        let doc = copydesk::parse::parse(
            "sample.md",
            copydesk::source::Source::new(SAMPLE.to_string()),
            format,
        );
        let _ = engine.check(&doc);
    }
});
