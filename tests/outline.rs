//! The outline of every bundled article, snapshotted as JSON and as Markdown,
//! and line-ending independence.

mod common;

use copydesk::document::Format;
use copydesk::outline;

#[test]
fn outline_snapshots_of_every_input() {
    for rel in common::input_files() {
        let doc = common::parse_file(&rel);
        let name = rel.trim_start_matches("input/").replace('.', "_");
        let json = serde_json::to_string_pretty(&outline::to_json(&doc)).unwrap();
        insta::assert_snapshot!(format!("outline_json__{name}"), json);
        insta::assert_snapshot!(format!("outline_md__{name}"), outline::to_markdown(&doc));
    }
}

/// Headings as (level, line, text), for comparing outlines.
fn headings(doc: &copydesk::document::Document) -> Vec<(u8, usize, String)> {
    doc.headed_sections()
        .map(|(_, s, h)| (s.level, h.line, h.text().to_string()))
        .collect()
}

#[test]
fn line_endings_and_bom_do_not_change_the_outline() {
    for rel in common::input_files() {
        let text = std::fs::read_to_string(common::root().join(&rel)).unwrap();
        let lf = text.replace("\r\n", "\n");
        let format = copydesk::input::format_for(std::path::Path::new(&rel));
        let base = common::parse_str(&rel, &lf, format);
        let variants = [
            ("CRLF", lf.replace('\n', "\r\n")),
            ("CR", lf.replace('\n', "\r")),
            ("BOM", format!("\u{feff}{lf}")),
            ("BOM+CRLF", format!("\u{feff}{}", lf.replace('\n', "\r\n"))),
        ];
        for (label, v) in variants {
            let doc = common::parse_str(&rel, &v, format);
            assert_eq!(headings(&doc), headings(&base), "{rel} with {label}");
            assert_eq!(doc.title_text(), base.title_text(), "{rel} with {label}");
            assert_eq!(doc.stats, base.stats, "{rel} with {label}");
            let kinds = |d: &copydesk::document::Document| -> Vec<&'static str> {
                d.sections
                    .iter()
                    .flat_map(|s| s.blocks.iter().map(|b| b.kind()))
                    .collect()
            };
            assert_eq!(kinds(&doc), kinds(&base), "{rel} with {label}");
        }
    }
    let _ = Format::Text;
}
