//! Shared by the fuzz targets: read bytes the way `copydesk check` does,
//! build the outline, run the whole default check, resolve and render every
//! finding, and assert the invariants every stage promises.

use std::sync::OnceLock;

use copydesk::check::{Engine, resolve};
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::{Document, Format};
use copydesk::parse::ParseOptions;
use copydesk::source::{Source, Span};

/// The default engine for a format, built once.
pub fn engine(format: Format) -> &'static Engine {
    static MD: OnceLock<Engine> = OnceLock::new();
    static TXT: OnceLock<Engine> = OnceLock::new();
    let cell = match format {
        Format::Markdown => &MD,
        Format::Text => &TXT,
    };
    cell.get_or_init(|| {
        let loader = Loader {
            explicit: None,
            cli: CliOverrides::default(),
        };
        Engine::new(loader.load(None, format).expect("built-in configuration"))
            .expect("default engine")
    })
}

fn check_span(doc: &Document, span: Span, what: &str) {
    let text = doc.source.text();
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on character boundaries"
    );
}

/// Reads, outlines and checks `data` as `format`, with a small nesting limit
/// so that the limit's path is exercised too.
pub fn run(data: &[u8], format: Format) {
    let Ok(source) = Source::from_bytes(data.to_vec()) else {
        return;
    };
    let opts = ParseOptions { max_nesting: 16 };
    let doc = copydesk::parse::parse_with("fuzz", source, format, &opts);
    for s in &doc.sections {
        check_span(&doc, s.span, "section");
    }
    for p in doc.prose() {
        check_span(&doc, p.prose.span, "prose");
        for s in &p.prose.sentences {
            check_span(&doc, s.span, "sentence");
        }
    }
    let _ = serde_json::to_string(&copydesk::outline::to_json(&doc));
    let _ = copydesk::outline::to_markdown(&doc);
    let findings = engine(format).check(&doc);
    let none = |_: &str| None;
    for f in findings {
        check_span(&doc, f.span, &f.rule);
        let d = resolve(&doc, f, &none);
        assert!(d.start <= d.end, "{}: {:?} after {:?}", d.rule, d.start, d.end);
    }
}
