//! Properties that hold for any input (proptest): spans lie on character
//! boundaries inside the text; line and column agree with the span; the
//! outline covers the document in order without overlaps; and a check gives
//! the same bytes of output with one thread and with several.
//!
//! Inputs are built from fragments that exercise the parsers (headings,
//! lists, quotes, tables, code, comments, links, footnotes, line endings,
//! multi-byte and combining characters, phrases the default rules flag) plus
//! arbitrary strings. `PROPTEST_CASES=5000 cargo test --release --test
//! properties` for a longer run.

use copydesk::check::{Engine, resolve};
use copydesk::config::{CliOverrides, Loader};
use copydesk::document::{Block, Document, Format};
use copydesk::parse::{ParseOptions, parse_with};
use copydesk::source::{Source, Span};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const FRAGMENTS: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "#### ",
    "Heading",
    "Title\n=====\n",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "  ",
    "    ",
    "> ",
    "| a | b |\n|---|:-:|\n| c | d |\n",
    "|",
    "```\ncode\n```\n",
    "```",
    "`x`",
    "<!-- copydesk-disable-next-line -->\n",
    "<!-- copydesk-disable wordy-phrase -->",
    "<!-- copydesk-enable -->",
    "<div>\n",
    "[link](https://example.com/a)",
    "[ref][r]\n\n[r]: https://example.org\n",
    "https://bare.example.com/x?y=1.",
    "[^1]",
    "\n[^1]: A note.\n",
    "[12]",
    "(Smith, 2019)",
    "---\n",
    "---\ntitle: T\n---\n",
    "+++\ntitle = 'T'\n+++\n",
    "Q: Why?\nA: Because.\n",
    "FAQ\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{feff}",
    "The plan is simple. ",
    "It will work. ",
    "in the event that ",
    "each and every ",
    "in order to ",
    "It is important to note that ",
    "Dr. Smith met Mr. Jones at 3 p.m. ",
    "e.g. ",
    "U.S. ",
    "word ",
    "?! ",
    "... ",
    "é",
    "e\u{301}",
    "👩\u{200d}👩\u{200d}👧",
    "🇫🇷",
    "漢字。",
    "مرحبا. ",
    "\u{202e}",
    "*em*",
    "**strong**",
    "_",
    "~~x~~",
    "\\",
    "&amp;",
    "<br>",
];

fn fragment_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => "[ -~\n]{0,12}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn parse(text: &str, format: Format) -> Document {
    parse_with(
        "p",
        Source::new(text.to_string()),
        format,
        &ParseOptions { max_nesting: 6 },
    )
}

fn default_engine(format: Format) -> Engine {
    let loader = Loader {
        explicit: None,
        cli: CliOverrides::default(),
    };
    Engine::new(loader.load(None, format).expect("defaults")).expect("engine")
}

fn on_boundaries(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// Every span the document and the default check give out.
fn all_spans(doc: &Document, engine: &Engine) -> Vec<(String, Span)> {
    let mut spans = Vec::new();
    if let Some(t) = &doc.title {
        spans.push(("title".to_string(), t.span));
    }
    for s in &doc.sections {
        spans.push(("section".into(), s.span));
        if let Some(h) = &s.heading {
            spans.push(("heading".into(), h.span));
            spans.push(("heading text".into(), h.prose.span));
        }
        for b in &s.blocks {
            spans.push((format!("block {}", b.kind()), b.span()));
        }
    }
    for p in doc.prose() {
        spans.push(("prose".into(), p.prose.span));
        for s in &p.prose.sentences {
            spans.push(("sentence".into(), s.span));
        }
        for s in &p.prose.support {
            spans.push(("support".into(), s.span));
        }
        for c in &p.prose.code {
            spans.push(("inline code".into(), p.prose.source_span(c.clone())));
        }
    }
    for c in &doc.comments {
        spans.push(("comment".into(), *c));
    }
    for n in &doc.notes {
        spans.push(("note".into(), n.span));
    }
    for f in engine.check(doc) {
        spans.push((format!("finding {}", f.rule), f.span));
        for r in &f.related {
            if r.path.is_none() {
                spans.push((format!("related {}", f.rule), r.span));
            }
        }
        if let Some(fix) = &f.fix {
            for e in &fix.edits {
                spans.push((format!("edit {}", f.rule), e.span));
            }
        }
    }
    spans
}

/// The offset a (line, column) names: the line's start plus `column - 1`
/// characters.
fn offset_of(src: &Source, line: usize, column: usize) -> Option<usize> {
    let text = src.text();
    let start = if line == 1 {
        0
    } else {
        // Line starts: after each `\n`, `\r\n` or lone `\r`.
        let mut n = 1;
        let mut i = 0;
        let b = text.as_bytes();
        let mut found = None;
        while i < b.len() {
            let end = match b[i] {
                b'\r' if b.get(i + 1) == Some(&b'\n') => Some(i + 2),
                b'\r' | b'\n' => Some(i + 1),
                _ => None,
            };
            if let Some(e) = end {
                n += 1;
                if n == line {
                    found = Some(e);
                    break;
                }
                i = e;
            } else {
                i += 1;
            }
        }
        found?
    };
    let rest = &text[start..];
    let k = rest
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(rest.len()))
        .nth(column - 1)?;
    Some(start + k)
}

fn check_sections(doc: &Document) -> Result<(), TestCaseError> {
    let text_len = doc.source.text().len();
    let root = &doc.sections[0];
    prop_assert!(root.parent.is_none() && root.heading.is_none());
    prop_assert_eq!(root.span.end, text_len, "root ends at the text's end");
    for (id, s) in doc.sections.iter().enumerate() {
        prop_assert!(s.span.end <= text_len);
        if let Some(p) = s.parent {
            prop_assert!(p < id, "parent before child");
            prop_assert!(
                doc.sections[p].span.contains(s.span),
                "section {} {:?} outside its parent {:?}",
                id,
                s.span,
                doc.sections[p].span
            );
            prop_assert!(doc.sections[p].children.contains(&id));
        } else {
            prop_assert_eq!(id, 0, "only the root has no parent");
        }
        // Children in order, without overlaps.
        for w in s.children.windows(2) {
            let (a, b) = (doc.sections[w[0]].span, doc.sections[w[1]].span);
            prop_assert!(a.end <= b.start, "siblings overlap: {:?} {:?}", a, b);
        }
        // Blocks in order, without overlaps, inside the section, starting
        // before its first sub-section (a heading inside a quote or list item
        // opens a section, as pandoc reads it, while the container stays a
        // block of the section it started in).
        let limit = s
            .children
            .first()
            .map_or(s.span.end, |&c| doc.sections[c].span.start);
        let mut last_end = s.heading.as_ref().map_or(s.span.start, |h| h.span.end);
        for b in &s.blocks {
            let sp = b.span();
            // Only a container holding a heading may run past its section.
            let holds_heading = doc.sections.iter().any(|x| {
                x.heading
                    .as_ref()
                    .is_some_and(|h| sp.start < h.span.start && h.span.start < sp.end)
            });
            prop_assert!(
                last_end <= sp.start
                    && sp.start <= limit
                    && (sp.end <= s.span.end || holds_heading),
                "block {} {:?} out of order or outside section {} {:?} (limit {})",
                b.kind(),
                sp,
                id,
                s.span,
                limit
            );
            last_end = sp.end;
            check_nested(b)?;
        }
    }
    // Section starts increase in document order.
    for w in doc.sections.windows(2).skip(1) {
        prop_assert!(w[0].span.start <= w[1].span.start);
    }
    Ok(())
}

/// Nested blocks lie inside their container, in order, without overlaps.
fn check_nested(b: &Block) -> Result<(), TestCaseError> {
    let outer = b.span();
    let inner: Vec<&Block> = match b {
        Block::Quote(q) => q.blocks.iter().collect(),
        Block::List(l) => {
            for w in l.items.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start, "list items overlap");
            }
            for i in &l.items {
                prop_assert!(outer.contains(i.span), "item outside its list");
            }
            l.items.iter().flat_map(|i| &i.blocks).collect()
        }
        Block::Faq(f) => f.answer.iter().collect(),
        _ => Vec::new(),
    };
    let mut last = outer.start;
    for c in inner {
        let sp = c.span();
        prop_assert!(
            last <= sp.start && sp.end <= outer.end,
            "{} {:?} not inside {} {:?} in order",
            c.kind(),
            sp,
            b.kind(),
            outer
        );
        last = sp.end;
        check_nested(c)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_on_character_boundaries(text in fragment_text()) {
        for format in [Format::Markdown, Format::Text] {
            let doc = parse(&text, format);
            let engine = default_engine(format);
            for (what, s) in all_spans(&doc, &engine) {
                prop_assert!(on_boundaries(&text, s), "{:?}: {} span {:?}", format, what, s);
            }
        }
    }

    #[test]
    fn line_and_column_agree_with_the_span(text in fragment_text(), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..8)) {
        let src = Source::new(text.clone());
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for p in picks {
            let off = boundaries[p.index(boundaries.len())];
            let lc = src.line_col(off);
            prop_assert_eq!(offset_of(&src, lc.line, lc.column), Some(off), "{:?} for {}", lc, off);
        }
        // And for every finding, as resolved for reports.
        for format in [Format::Markdown, Format::Text] {
            let doc = parse(&text, format);
            let none = |_: &str| None;
            for f in default_engine(format).check(&doc) {
                let span = f.span;
                let d = resolve(&doc, f, &none);
                prop_assert_eq!(offset_of(&doc.source, d.start.line, d.start.column), Some(span.start));
                prop_assert_eq!(offset_of(&doc.source, d.end.line, d.end.column), Some(span.end));
            }
        }
    }

    #[test]
    fn outline_covers_the_document_without_overlaps(text in fragment_text()) {
        for format in [Format::Markdown, Format::Text] {
            check_sections(&parse(&text, format))?;
        }
    }
}

/// The same files give the same bytes of output with 1 thread and with 4, in
/// every report format.
#[test]
fn same_output_with_one_and_many_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = fragment_text();
    for i in 0..60 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let ext = if i % 3 == 0 { "txt" } else { "md" };
        std::fs::write(dir.path().join(format!("f{i:02}.{ext}")), text).unwrap();
    }
    for i in 0..4 {
        std::fs::write(
            dir.path().join(format!("same{i}.md")),
            "# Shared\n\nThe same boilerplate paragraph, in the event that it is copied, \
             appears in several files with exactly the same words.\n",
        )
        .unwrap();
    }
    let paths = vec![dir.path().display().to_string()];
    let loader = Loader {
        explicit: None,
        cli: CliOverrides::default(),
    };
    let render = |threads: usize, across: bool| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let opts = copydesk::check::CheckOptions {
            across,
            ..Default::default()
        };
        let report = pool.install(|| copydesk::check::run(&paths, &loader, &opts));
        assert!(report.files.len() >= 64, "{} files", report.files.len());
        [
            copydesk::report::json::render(&report),
            copydesk::report::json::render_lines(&report),
            copydesk::report::human::render(&report, false),
            copydesk::report::markdown::render(&report),
            copydesk::report::sarif::render(&report),
            copydesk::report::github::render(&report),
        ]
    };
    for across in [false, true] {
        let one = render(1, across);
        assert!(one[0].contains("\"findings\""));
        for _ in 0..3 {
            assert_eq!(one, render(4, across), "across: {across}");
        }
    }
}

/// Found by `outline_covers_the_document_without_overlaps`: lists nested in
/// a quote past the nesting limit (6 here), and a paragraph with no text
/// (only a footnote reference and a comment) in a quote.
#[test]
fn outline_cases_found_by_the_property_test_stay_in_order() {
    for text in [
        "> - - - Q: Why?\nA: Because.\n",
        "> - - - Q: Why?\n",
        "> [^1]<!-- copydesk-disable-next-line -->\n- \n[^1]: A note.\n",
    ] {
        for format in [Format::Markdown, Format::Text] {
            if let Err(e) = check_sections(&parse(text, format)) {
                panic!("{format:?} {text:?}: {e}");
            }
        }
    }
}
