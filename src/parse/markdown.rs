//! Markdown: CommonMark with the GitHub extensions (tables, footnotes,
//! strikethrough, task lists, heading attributes) and YAML (`---`) or TOML
//! (`+++`) front matter, read with pulldown-cmark's offset iterator.
//!
//! The event stream is folded into the document model by a small stack
//! machine: container frames (block quotes, lists, list items, footnote
//! definitions, tables) collect blocks, and an inline collector builds each
//! prose run's plain text with its map back to the source. Headings outside
//! containers open sections; a single leading level-1 heading becomes the
//! title.

use std::ops::Range;

use pulldown_cmark::{
    Alignment as MdAlignment, CodeBlockKind, Event, HeadingLevel, LinkType, MetadataBlockKind,
    Options, Parser, Tag, TagEnd,
};

use crate::document::{
    Alignment, Block, Cell, Code, Document, Format, Heading, HeadingKind, Html, List, ListItem,
    Metadata, MetadataFormat, Paragraph, Prose, Quote, Row, Section, Support, SupportKind, Table,
    Text, Title, TitleSource,
};
use crate::parse::{faq, tree::TreeBuilder};
use crate::source::{Source, Span};

/// The pulldown-cmark options copydesk reads Markdown with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

pub fn parse(path: String, source: Source, opts: &crate::parse::ParseOptions) -> Document {
    let base = source.content_start();
    let mut b = Builder::new(
        &source,
        opts.max_nesting.clamp(1, crate::parse::MAX_NESTING_CEILING),
    );
    // pulldown-cmark ends lines at `\n` and `\r\n` only; a lone `\r` (old Mac
    // files) becomes `\n` in the copy it reads, which keeps every offset.
    let content = source.content();
    let text: std::borrow::Cow<'_, str> = if has_lone_cr(content) {
        let mut bytes = content.as_bytes().to_vec();
        for i in 0..bytes.len() {
            if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                bytes[i] = b'\n';
            }
        }
        std::borrow::Cow::Owned(String::from_utf8(bytes).expect("replacing ASCII keeps UTF-8"))
    } else {
        std::borrow::Cow::Borrowed(content)
    };
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        b.event(event, Span::new(range.start + base, range.end + base));
    }
    let (mut sections, metadata, footnotes, comments, notes) = b.finish(source.text().len());
    let mut title = take_title(&mut sections, &source);
    if title.is_none() {
        title = metadata.as_ref().and_then(|m| metadata_title(m, &source));
    }
    // Whether each section is in an FAQ section (its own heading or an
    // ancestor's names one): worked out once per heading, in document order,
    // where a parent comes before its children.
    let mut in_faq: Vec<bool> = Vec::with_capacity(sections.len());
    for section in &mut sections {
        let own = section
            .heading
            .as_ref()
            .is_some_and(|h| faq::is_faq_heading(h.text()));
        let inherited = section
            .parent
            .is_some_and(|p| in_faq.get(p).copied().unwrap_or(false));
        in_faq.push(own || inherited);
        if own || inherited {
            faq::group(&mut section.blocks);
        }
    }
    let mut doc = Document {
        path,
        format: Format::Markdown,
        title,
        metadata,
        sections,
        footnotes,
        comments,
        notes,
        stats: Default::default(),
        memo: Default::default(),
        source,
    };
    mark_defined_footnotes(&mut doc);
    doc
}

/// What the builder hands back: sections, front matter, footnotes, comments
/// and notes about limits hit.
type Parts = (
    Vec<Section>,
    Option<Metadata>,
    Vec<crate::document::FootnoteDef>,
    Vec<Span>,
    Vec<crate::document::ParseNote>,
);

/// A container that collects blocks.
enum Frame {
    Quote {
        start: usize,
        blocks: Vec<Block>,
    },
    List {
        span: Span,
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item {
        span: Span,
        task: Option<bool>,
        blocks: Vec<Block>,
    },
    Footnote {
        label: String,
        span: Span,
        blocks: Vec<Block>,
    },
    Table {
        span: Span,
        alignments: Vec<Alignment>,
        rows: Vec<Row>,
        row: Option<Row>,
    },
}

/// What an inline collector is building.
#[derive(Clone, Copy, PartialEq)]
enum InlineKind {
    Paragraph,
    /// The text of a tight list item (no paragraph events around it).
    ItemText,
    Heading {
        level: u8,
    },
    Cell,
}

struct Inline {
    kind: InlineKind,
    span: Span,
    text: Text,
    code: Vec<Range<usize>>,
    support: Vec<Support>,
    /// Open links: plain offset where their text starts, their support kind and
    /// whole span.
    links: Vec<(usize, Option<SupportKind>, Span)>,
    /// Depth of open images (their alt text is not prose).
    images: usize,
    heading_id: Option<String>,
}

impl Inline {
    /// A collector writing into `text` (empty: the builder's reused buffer).
    fn new(kind: InlineKind, span: Span, text: Text) -> Inline {
        Inline {
            kind,
            span,
            text,
            code: Vec::new(),
            support: Vec::new(),
            links: Vec::new(),
            images: 0,
            heading_id: None,
        }
    }

    fn push(&mut self, s: &str, span: Span, src: &str) {
        if self.images > 0 && !matches!(self.kind, InlineKind::Heading { .. }) {
            return;
        }
        if span.end <= src.len() && src.get(span.range()) == Some(s) {
            self.text.push_verbatim(s, span.start);
        } else {
            self.text.push_mapped(s, span);
        }
    }
}

struct Builder<'s> {
    source: &'s Source,
    src: &'s str,
    tree: TreeBuilder,
    frames: Vec<Frame>,
    inline: Option<Inline>,
    metadata: Option<Metadata>,
    /// An open front matter block: its format, start and text so far.
    metadata_kind: Option<(MetadataFormat, Span, String)>,
    footnotes: Vec<crate::document::FootnoteDef>,
    comments: Vec<Span>,
    /// The section that was open when the outermost container started: the
    /// container's block belongs there even if a heading inside it opened a
    /// new section.
    container_section: Option<usize>,
    /// Containers deeper than this are flattened.
    max_nesting: usize,
    /// How many containers past the limit are open.
    overflow: usize,
    notes: Vec<crate::document::ParseNote>,
    /// An open code or HTML block: (kind, span, language).
    raw: Option<(RawKind, Span, Option<String>)>,
    /// The buffer each prose run's text is collected in, handed back when the
    /// run ends (see [`Text::take_exact`]).
    scratch: Text,
}

#[derive(Clone, Copy, PartialEq)]
enum RawKind {
    FencedCode,
    IndentedCode,
    Html,
}

impl<'s> Builder<'s> {
    fn new(source: &'s Source, max_nesting: usize) -> Builder<'s> {
        Builder {
            source,
            src: source.text(),
            tree: TreeBuilder::new(source.content_start()),
            frames: Vec::new(),
            inline: None,
            metadata: None,
            metadata_kind: None,
            footnotes: Vec::new(),
            comments: Vec::new(),
            container_section: None,
            max_nesting,
            overflow: 0,
            notes: Vec::new(),
            raw: None,
            scratch: Text::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag, span),
            Event::Text(t) => {
                if let Some((kind, _, _)) = self.raw {
                    if kind == RawKind::Html {
                        self.scan_comments(span);
                    }
                    return;
                }
                if let Some((_, _, text)) = self.metadata_kind.as_mut() {
                    text.push_str(&t);
                    return;
                }
                self.inline_text(&t, span);
            }
            Event::Code(t) => {
                let src = self.src;
                let inline = self.inline_mut(span);
                let start = inline.text.plain.len();
                // The code's text sits inside its backticks in the source.
                match src[span.range()].find(&*t) {
                    Some(i) if !t.is_empty() => inline.text.push_verbatim(&t, span.start + i),
                    _ => inline.text.push_mapped(&t, span),
                }
                let end = inline.text.plain.len();
                if end > start {
                    inline.code.push(start..end);
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                let inline = self.inline_mut(span);
                let start = inline.text.plain.len();
                inline.text.push_mapped(&t, span);
                let end = inline.text.plain.len();
                inline.code.push(start..end);
            }
            Event::Html(_) => {
                self.scan_comments(span);
            }
            Event::InlineHtml(_) => {
                self.scan_comments(span);
            }
            Event::FootnoteReference(label) => {
                if let Some(inline) = self
                    .inline
                    .as_mut()
                    .filter(|i| !matches!(i.kind, InlineKind::Heading { .. }))
                {
                    let at = inline.text.plain.len();
                    inline.support.push(Support {
                        kind: SupportKind::Footnote {
                            label: label.to_string(),
                            defined: false,
                        },
                        plain: at..at,
                        span,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(inline) = self.inline.as_mut() {
                    inline.text.push_mapped(" ", span);
                }
            }
            Event::Rule => {
                self.close_item_text();
                self.push_block(Block::ThematicBreak(trim_end_span(self.src, span)));
            }
            Event::TaskListMarker(checked) => {
                if let Some(Frame::Item { task, .. }) = self.frames.last_mut() {
                    *task = Some(checked);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        // A list kept at the limit keeps its items too (one frame past it):
        // a list holds blocks only through its items, and text flattened
        // into a list without an open item would land outside it, ahead of
        // the containers still open around it.
        let item_of_kept_list =
            matches!(tag, Tag::Item) && matches!(self.frames.last(), Some(Frame::List { .. }));
        if is_container(&tag)
            && (self.overflow > 0 || (self.frames.len() >= self.max_nesting && !item_of_kept_list))
        {
            // Past the nesting limit, containers are flattened into the
            // deepest one kept: their text stays, their nesting goes.
            if self.overflow == 0 {
                self.notes.push(crate::document::ParseNote {
                    span,
                    message: format!(
                        "nesting deeper than {} levels is flattened (raise `max-nesting` to keep it)",
                        self.max_nesting
                    ),
                });
            }
            self.overflow += 1;
            self.close_item_text();
            return;
        }
        match tag {
            Tag::Paragraph => {
                self.close_item_text();
                self.inline = Some(self.open_inline(InlineKind::Paragraph, span));
            }
            Tag::Heading { level, id, .. } => {
                self.close_item_text();
                let mut inline = self.open_inline(
                    InlineKind::Heading {
                        level: heading_level(level),
                    },
                    span,
                );
                inline.heading_id = id.map(|s| s.to_string());
                self.inline = Some(inline);
            }
            Tag::BlockQuote(_) => {
                self.close_item_text();
                self.open_container();
                self.frames.push(Frame::Quote {
                    start: span.start,
                    blocks: Vec::new(),
                });
            }
            Tag::CodeBlock(kind) => {
                self.close_item_text();
                let (raw, lang) = match kind {
                    CodeBlockKind::Fenced(info) => (
                        RawKind::FencedCode,
                        info.split_whitespace()
                            .next()
                            .map(|w| {
                                w.trim_matches(|c| c == '{' || c == '}' || c == '.')
                                    .to_string()
                            })
                            .filter(|w| !w.is_empty()),
                    ),
                    CodeBlockKind::Indented => (RawKind::IndentedCode, None),
                };
                self.raw = Some((raw, span, lang));
            }
            Tag::HtmlBlock => {
                self.close_item_text();
                self.raw = Some((RawKind::Html, span, None));
            }
            Tag::List(start) => {
                self.close_item_text();
                self.open_container();
                self.frames.push(Frame::List {
                    span,
                    start,
                    items: Vec::new(),
                });
            }
            Tag::Item => self.frames.push(Frame::Item {
                span,
                task: None,
                blocks: Vec::new(),
            }),
            Tag::FootnoteDefinition(label) => {
                self.close_item_text();
                self.open_container();
                self.frames.push(Frame::Footnote {
                    label: label.to_string(),
                    span,
                    blocks: Vec::new(),
                });
            }
            Tag::Table(aligns) => {
                self.close_item_text();
                self.open_container();
                self.frames.push(Frame::Table {
                    span,
                    alignments: aligns.into_iter().map(alignment).collect(),
                    rows: Vec::new(),
                    row: None,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(Frame::Table { row, .. }) = self.frames.last_mut() {
                    *row = Some(Row {
                        span,
                        cells: Vec::new(),
                    });
                }
            }
            Tag::TableCell => {
                self.inline = Some(self.open_inline(InlineKind::Cell, span));
            }
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                let inline = self.inline_mut(span);
                let kind = match link_type {
                    LinkType::Inline | LinkType::Autolink => Some(SupportKind::Link {
                        url: dest_url.to_string(),
                    }),
                    LinkType::Reference
                    | LinkType::Collapsed
                    | LinkType::Shortcut
                    | LinkType::ReferenceUnknown
                    | LinkType::CollapsedUnknown
                    | LinkType::ShortcutUnknown => Some(SupportKind::ReferenceLink {
                        label: id.to_string(),
                        url: dest_url.to_string(),
                    }),
                    LinkType::Email | LinkType::WikiLink { .. } => None,
                };
                let at = inline.text.plain.len();
                inline.links.push((at, kind, span));
            }
            Tag::Image { .. } => {
                self.inline_mut(span).images += 1;
            }
            Tag::MetadataBlock(kind) => {
                let format = match kind {
                    MetadataBlockKind::YamlStyle => MetadataFormat::Yaml,
                    MetadataBlockKind::PlusesStyle => MetadataFormat::Toml,
                };
                self.metadata_kind = Some((format, span, String::new()));
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd, span: Span) {
        if self.overflow > 0 && is_container_end(&tag) {
            self.overflow -= 1;
            self.close_item_text();
            return;
        }
        match tag {
            TagEnd::Paragraph => {
                if let Some(inline) = self.inline.take() {
                    let prose = self.finish_inline(inline);
                    self.push_block(Block::Paragraph(Paragraph { prose }));
                }
            }
            TagEnd::Heading(_) => {
                let Some(inline) = self.inline.take() else {
                    return;
                };
                let InlineKind::Heading { level } = inline.kind else {
                    return;
                };
                let id = inline.heading_id.clone();
                let span = trim_end_span(self.src, inline.span);
                let prose = self.finish_inline(inline);
                // Headings open sections wherever they are, inside block quotes
                // and list items too (as pandoc reads them).
                let line = self.source.line_of(span.start);
                let kind = if self.src[span.range()].trim_start().starts_with('#')
                    || self.src[span.range()].contains("> #")
                {
                    HeadingKind::Atx
                } else {
                    HeadingKind::Setext
                };
                self.tree.heading(
                    Heading {
                        prose,
                        span,
                        line,
                        kind,
                        confidence: 1.0,
                        id,
                    },
                    level,
                );
            }
            TagEnd::BlockQuote(_) => {
                self.close_item_text();
                if let Some(Frame::Quote { start, mut blocks }) = self.frames.pop() {
                    blocks.shrink_to_fit();
                    self.push_block(Block::Quote(Quote {
                        span: trim_end_span(self.src, Span::new(start, span.end)),
                        blocks,
                    }));
                }
            }
            TagEnd::CodeBlock => {
                if let Some((kind, start, lang)) = self.raw.take() {
                    self.push_block(Block::Code(Code {
                        span: trim_end_span(self.src, start.cover(span)),
                        lang,
                        fenced: kind == RawKind::FencedCode,
                    }));
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((_, start, _)) = self.raw.take() {
                    self.push_block(Block::Html(Html {
                        span: trim_end_span(self.src, start.cover(span)),
                    }));
                }
            }
            TagEnd::List(ordered) => {
                self.close_item_text();
                if let Some(Frame::List {
                    span: s,
                    start,
                    mut items,
                }) = self.frames.pop()
                {
                    items.shrink_to_fit();
                    self.push_block(Block::List(List {
                        span: trim_end_span(self.src, s.cover(span)),
                        ordered,
                        start,
                        items,
                    }));
                }
            }
            TagEnd::Item => {
                self.close_item_text();
                if let Some(Frame::Item {
                    span: s,
                    task,
                    mut blocks,
                }) = self.frames.pop()
                    && let Some(Frame::List { items, .. }) = self.frames.last_mut()
                {
                    // Most items hold one paragraph: no room for four.
                    blocks.shrink_to_fit();
                    items.push(ListItem {
                        span: trim_end_span(self.src, s.cover(span)),
                        task,
                        blocks,
                    });
                }
            }
            TagEnd::FootnoteDefinition => {
                self.close_item_text();
                if let Some(Frame::Footnote {
                    label,
                    span: s,
                    mut blocks,
                }) = self.frames.pop()
                {
                    blocks.shrink_to_fit();
                    if self.frames.is_empty() {
                        self.container_section = None;
                    }
                    self.footnotes.push(crate::document::FootnoteDef {
                        label,
                        span: trim_end_span(self.src, s.cover(span)),
                        blocks,
                    });
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table {
                    span: s,
                    alignments,
                    mut rows,
                    ..
                }) = self.frames.pop()
                {
                    let header = if rows.is_empty() {
                        Row {
                            span: s,
                            cells: Vec::new(),
                        }
                    } else {
                        rows.remove(0)
                    };
                    rows.shrink_to_fit();
                    self.push_block(Block::Table(Table {
                        span: trim_end_span(self.src, s.cover(span)),
                        alignments,
                        header,
                        rows,
                    }));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Table { rows, row, .. }) = self.frames.last_mut()
                    && let Some(mut r) = row.take()
                {
                    r.cells.shrink_to_fit();
                    rows.push(r);
                }
            }
            TagEnd::TableCell => {
                if let Some(inline) = self.inline.take() {
                    let prose = self.finish_inline(inline);
                    if let Some(Frame::Table { row: Some(r), .. }) = self.frames.last_mut() {
                        r.cells.push(Cell { prose });
                    }
                }
            }
            TagEnd::Link => {
                if let Some(inline) = self.inline.as_mut()
                    && let Some((at, kind, lspan)) = inline.links.pop()
                    && let Some(kind) = kind
                    && !matches!(inline.kind, InlineKind::Heading { .. })
                {
                    let end = inline.text.plain.len();
                    inline.support.push(Support {
                        kind,
                        plain: at..end,
                        span: lspan,
                    });
                }
            }
            TagEnd::Image => {
                if let Some(inline) = self.inline.as_mut() {
                    inline.images = inline.images.saturating_sub(1);
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some((format, start, text)) = self.metadata_kind.take() {
                    self.metadata = Some(parse_metadata(format, start.cover(span), &text));
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    /// The open inline collector, opening a tight list item's text if needed.
    fn inline_mut(&mut self, span: Span) -> &mut Inline {
        let scratch = &mut self.scratch;
        self.inline
            .get_or_insert_with(|| Inline::new(InlineKind::ItemText, span, std::mem::take(scratch)))
    }

    /// A new inline collector, writing into the reused text buffer.
    fn open_inline(&mut self, kind: InlineKind, span: Span) -> Inline {
        Inline::new(kind, span, std::mem::take(&mut self.scratch))
    }

    /// The prose run an inline collector holds; its text buffer goes back to
    /// be reused.
    fn finish_inline(&mut self, mut inline: Inline) -> Prose {
        let text = inline.text.take_exact();
        self.scratch = std::mem::replace(&mut inline.text, text);
        finish(inline, self.src)
    }

    fn inline_text(&mut self, t: &str, span: Span) {
        let src = self.src;
        let inline = self.inline_mut(span);
        inline.push(t, span, src);
    }

    /// Notes the open section when the outermost container starts.
    fn open_container(&mut self) {
        if self.frames.is_empty() {
            self.container_section = Some(self.tree.current());
        }
    }

    /// Ends the text of a tight list item before a nested block starts.
    fn close_item_text(&mut self) {
        if self
            .inline
            .as_ref()
            .is_some_and(|i| i.kind == InlineKind::ItemText)
        {
            let inline = self.inline.take().unwrap();
            let prose = self.finish_inline(inline);
            self.push_block(Block::Paragraph(Paragraph { prose }));
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.frames.last_mut() {
            Some(
                Frame::Quote { blocks, .. }
                | Frame::Item { blocks, .. }
                | Frame::Footnote { blocks, .. },
            ) => blocks.push(block),
            // Blocks directly in a list or table frame cannot happen in
            // well-formed event streams; keep them in the section regardless.
            Some(Frame::List { .. } | Frame::Table { .. }) => self.tree.block(block),
            None => match self.container_section.take() {
                Some(id) => self.tree.section_mut(id).blocks.push(block),
                None => self.tree.block(block),
            },
        }
    }

    /// Records the HTML comments inside an HTML span.
    fn scan_comments(&mut self, span: Span) {
        let text = &self.src[span.range()];
        let mut pos = 0;
        while let Some(i) = text[pos..].find("<!--") {
            let start = pos + i;
            let end = text[start + 4..]
                .find("-->")
                .map_or(text.len(), |j| start + 4 + j + 3);
            self.comments
                .push(Span::new(span.start + start, span.start + end));
            pos = end;
        }
    }

    fn finish(mut self, end: usize) -> Parts {
        self.close_item_text();
        // Unclosed frames cannot survive pulldown-cmark's stream, but be safe.
        while let Some(frame) = self.frames.pop() {
            if let Frame::Quote { blocks, .. }
            | Frame::Item { blocks, .. }
            | Frame::Footnote { blocks, .. } = frame
            {
                for b in blocks {
                    self.tree.block(b);
                }
            }
        }
        self.comments.sort();
        self.comments.dedup();
        self.comments.shrink_to_fit();
        self.footnotes.shrink_to_fit();
        (
            self.tree.finish(end),
            self.metadata,
            self.footnotes,
            self.comments,
            self.notes,
        )
    }
}

fn finish(inline: Inline, src: &str) -> Prose {
    let span = inline.span;
    let span = match inline.kind {
        InlineKind::Paragraph | InlineKind::ItemText | InlineKind::Cell => {
            // The paragraph's span ends at its last character, not at the line
            // ending pulldown-cmark includes.
            let s = inline.text.to_source(0..inline.text.plain.len());
            if s.is_empty() {
                // No text (only a footnote reference, an image, HTML): its
                // source, without the line ending, which may lie past the
                // end of an enclosing quote or item.
                trim_end_span(src, span)
            } else {
                Span::new(span.start.min(s.start), s.end.max(span.start))
            }
        }
        _ => span,
    };
    crate::parse::prose(span, inline.text, inline.code, inline.support)
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_) | Tag::Table(_)
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
    )
}

fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n'))
}

/// Drops trailing white space from a span.
fn trim_end_span(src: &str, span: Span) -> Span {
    let t = &src[span.range()];
    Span::new(span.start, span.start + t.trim_end().len())
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn alignment(a: MdAlignment) -> Alignment {
    match a {
        MdAlignment::None => Alignment::None,
        MdAlignment::Left => Alignment::Left,
        MdAlignment::Center => Alignment::Center,
        MdAlignment::Right => Alignment::Right,
    }
}

fn parse_metadata(format: MetadataFormat, span: Span, text: &str) -> Metadata {
    let parsed: Result<serde_json::Value, String> = match format {
        MetadataFormat::Yaml => {
            serde_norway::from_str::<serde_json::Value>(text).map_err(|e| e.to_string())
        }
        MetadataFormat::Toml => {
            toml::from_str::<serde_json::Value>(text).map_err(|e| e.to_string())
        }
    };
    let (value, error) = match parsed {
        Ok(v) => (v, None),
        Err(_) if text.trim().is_empty() => (serde_json::Value::Null, None),
        Err(e) => (serde_json::Value::Null, Some(e)),
    };
    Metadata {
        format,
        span,
        value,
        error,
    }
}

/// Makes a single leading level-1 heading the title: its section's blocks and
/// sub-sections move up to the root. A document with several level-1 headings,
/// or with content before its first one, keeps them as sections.
fn take_title(sections: &mut Vec<Section>, source: &Source) -> Option<Title> {
    let first = sections.get(1)?;
    if first.level != 1 || sections.iter().skip(2).any(|s| s.level == 1) {
        return None;
    }
    let root = &sections[0];
    if !root.blocks.iter().all(|b| matches!(b, Block::Html(_)))
        || !root.children.iter().eq([1].iter())
    {
        return None;
    }
    let mut h1 = sections.remove(1);
    let heading = h1.heading.take()?;
    let root = &mut sections[0];
    root.blocks.append(&mut h1.blocks);
    root.children = h1.children.iter().map(|&c| c - 1).collect();
    for s in sections.iter_mut().skip(1) {
        s.parent = s.parent.map(|p| p.saturating_sub(1));
        for c in &mut s.children {
            *c -= 1;
        }
    }
    Some(Title {
        text: heading.text().to_string(),
        span: heading.span,
        line: source.line_of(heading.span.start),
        source: TitleSource::Heading,
    })
}

/// A `title` string in the front matter.
fn metadata_title(m: &Metadata, source: &Source) -> Option<Title> {
    let text = m.value.get("title")?.as_str()?.trim();
    if text.is_empty() {
        return None;
    }
    let block = source.slice(m.span);
    let (span, line) = match block.find(text) {
        Some(i) => {
            let start = m.span.start + i;
            (Span::new(start, start + text.len()), source.line_of(start))
        }
        None => (m.span, source.line_of(m.span.start)),
    };
    Some(Title {
        text: text.to_string(),
        span,
        line,
        source: TitleSource::Metadata,
    })
}

/// Sets `defined` on footnote references whose definition is in the document.
fn mark_defined_footnotes(doc: &mut Document) {
    if doc.footnotes.is_empty() {
        return;
    }
    let labels: std::collections::HashSet<String> = doc
        .footnotes
        .iter()
        .map(|f| f.label.to_lowercase())
        .collect();
    let mark = |p: &mut Prose| {
        for s in &mut p.support {
            if let SupportKind::Footnote { label, defined } = &mut s.kind {
                *defined = labels.contains(&label.to_lowercase());
            }
        }
    };
    fn walk(blocks: &mut [Block], mark: &dyn Fn(&mut Prose)) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => mark(&mut p.prose),
                Block::List(l) => {
                    for i in &mut l.items {
                        walk(&mut i.blocks, mark);
                    }
                }
                Block::Table(t) => {
                    for r in std::iter::once(&mut t.header).chain(&mut t.rows) {
                        for c in &mut r.cells {
                            mark(&mut c.prose);
                        }
                    }
                }
                Block::Quote(q) => walk(&mut q.blocks, mark),
                Block::Faq(f) => {
                    if let Some(q) = &mut f.question {
                        mark(q);
                    }
                    walk(&mut f.answer, mark);
                }
                Block::Code(_) | Block::Html(_) | Block::ThematicBreak(_) => {}
            }
        }
    }
    for s in &mut doc.sections {
        walk(&mut s.blocks, &mark);
    }
    for f in &mut doc.footnotes {
        walk(&mut f.blocks, &mark);
    }
}
