//! Markdown (CommonMark with GitHub extensions) via pulldown-cmark.

use crate::document::{Document, Format};
use crate::parse::tree::TreeBuilder;
use crate::source::Source;

pub fn parse(path: String, source: Source) -> Document {
    let tree = TreeBuilder::new(source.content_start());
    let end = source.text().len();
    Document {
        path,
        format: Format::Markdown,
        title: None,
        metadata: None,
        sections: tree.finish(end),
        footnotes: Vec::new(),
        stats: Default::default(),
        source,
    }
}
