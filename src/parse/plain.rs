//! Plain text scraped from the web. (Placeholder: every line a paragraph.)

use crate::document::{Block, Document, Format, Paragraph, Text, Title, TitleSource};
use crate::parse::tree::TreeBuilder;
use crate::source::{Source, Span, lines};

pub fn parse(path: String, source: Source) -> Document {
    let start = source.content_start();
    let content = source.content();
    let mut tree = TreeBuilder::new(start);
    let mut title = None;
    for sp in lines(content) {
        let sp = Span::new(sp.start + start, sp.end + start);
        let line = source.slice(sp);
        if line.trim().is_empty() {
            continue;
        }
        if title.is_none() {
            title = Some(Title {
                text: line.trim().to_string(),
                span: sp,
                line: source.line_of(sp.start),
                source: TitleSource::FirstLine,
            });
            continue;
        }
        let mut text = Text::new();
        text.push_verbatim(line, sp.start);
        tree.block(Block::Paragraph(Paragraph {
            prose: super::prose(sp, text, Vec::new(), Vec::new()),
        }));
    }
    let end = source.text().len();
    Document {
        path,
        format: Format::Text,
        title,
        metadata: None,
        sections: tree.finish(end),
        footnotes: Vec::new(),
        comments: Vec::new(),
        notes: Vec::new(),
        stats: Default::default(),
        source,
    }
}
