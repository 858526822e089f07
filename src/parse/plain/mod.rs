//! Plain text scraped from the web: recover the outline a page had.
//!
//! The stages, one module each, data flowing one way:
//!
//! ```text
//! lines   cut into lines, classify each by itself          (lines.rs)
//! blocks  decide the layout, group lines into units        (blocks.rs)
//! infer   headings and their levels, FAQ entries           (infer.rs, vocab.rs)
//! build   the section tree, blocks and prose runs          (build.rs)
//! ```
//!
//! The first non-blank line is the title (level 1), so sections start at
//! level 2. Lines end with `\n`, `\r\n` or a lone `\r`; a byte-order mark is
//! skipped; every span is a byte range of [`Source::text`] and every line
//! number comes from [`Source::line_of`].
//!
//! Everything is linear in the length of the text: one pass to cut lines, one
//! to group them, one over the candidate headings (with hash maps for tables of
//! contents and styles), one to build. Lines that end in a full stop or run
//! long skip feature extraction altogether. Nothing here panics on any input:
//! list nesting is bounded and every index is checked.

mod blocks;
mod build;
mod infer;
mod lines;
mod vocab;

#[cfg(test)]
mod tests;

use crate::document::{Document, Format, Title, TitleSource};
use crate::source::Source;

pub fn parse(path: String, source: Source) -> Document {
    let start = source.content_start();
    let text = source.text();
    let lines = lines::scan(text, start);
    let first = lines.iter().position(|l| !l.is_blank());
    let title = first.map(|i| {
        let l = &lines[i];
        Title {
            text: text[l.span.range()].trim().to_string(),
            span: l.text_or_marker(),
            line: source.line_of(l.span.start),
            source: TitleSource::FirstLine,
        }
    });
    let body = first.map_or(lines.len(), |i| i + 1);
    let layout = blocks::layout(text, &lines, body);
    let units = blocks::group(text, &lines, body, layout);
    let roles = infer::roles(text, &lines, &units, layout, title.as_ref().map(|t| t.span));
    let sections = build::sections(&source, &lines, &units, &roles, start);
    Document {
        path,
        format: Format::Text,
        title,
        metadata: None,
        sections,
        footnotes: Vec::new(),
        comments: Vec::new(),
        notes: Vec::new(),
        stats: Default::default(),
        memo: Default::default(),
        source,
    }
}
