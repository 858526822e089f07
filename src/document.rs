//! The document model: one outline for Markdown and plain text alike, built once
//! by a parser and read by everything after it (rules, reports, the outline
//! printer).
//!
//! A [`Document`] holds its [`Source`], an optional title and metadata, and an
//! arena of [`Section`]s in document order; `sections[0]` is the root, which
//! holds the blocks before the first heading (the introduction) and has the
//! top-level sections as children. Each section holds its [`Block`]s; every run
//! of prose (a paragraph, a list item's text, a table cell, a heading, an FAQ
//! question) is a [`Prose`]: its plain text, a map from that text back to source
//! bytes, its sentences, and the support (links, footnotes, reference markers)
//! attached to each sentence.
//!
//! All spans are byte ranges into [`Source::text`]; see [`crate::source`].

use std::ops::Range;

use serde::Serialize;

use crate::source::{Source, Span};

/// The input format a document was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

/// Index of a section in [`Document::sections`].
pub type SectionId = usize;

/// A parsed document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path as given by the user (`-` for standard input).
    pub path: String,
    pub format: Format,
    pub source: Source,
    pub title: Option<Title>,
    pub metadata: Option<Metadata>,
    /// Sections in document order; `sections[0]` is the root (no heading).
    pub sections: Vec<Section>,
    /// Footnote definitions, in document order.
    pub footnotes: Vec<FootnoteDef>,
    /// HTML comments (`<!-- ... -->`) in Markdown, block or inline, in
    /// document order: where suppression directives live.
    pub comments: Vec<Span>,
    /// Limits the parser hit (nesting flattened, ...), each with where.
    pub notes: Vec<ParseNote>,
    pub stats: Stats,
    /// Analyses derived from the document and shared by the rules that need
    /// them (see [`Document::memo`]).
    pub memo: Memo,
}

/// A per-document store of derived analyses, each computed once by the first
/// rule that asks for it and shared with the rest (e.g. the claims scored
/// by the built-in cues, which unsupported-claim and missing-section both
/// read). Cloning a document starts an empty memo.
#[derive(Default)]
pub struct Memo(std::sync::Mutex<Vec<(std::any::TypeId, MemoEntry)>>);

type MemoEntry = std::sync::Arc<dyn std::any::Any + Send + Sync>;

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// Something the parser could not keep as written, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseNote {
    pub span: Span,
    pub message: String,
}

/// Where a document's title came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleSource {
    /// A single leading level-1 heading (Markdown).
    Heading,
    /// The first line of a plain-text file.
    FirstLine,
    /// A `title` key in the front matter.
    Metadata,
}

#[derive(Clone, Debug)]
pub struct Title {
    pub text: String,
    pub span: Span,
    pub line: usize,
    pub source: TitleSource,
}

/// Front matter at the top of a Markdown file.
#[derive(Clone, Debug)]
pub struct Metadata {
    pub format: MetadataFormat,
    /// The whole block, delimiters included.
    pub span: Span,
    /// The parsed mapping; `Null` when the block could not be parsed
    /// (see `error`).
    pub value: serde_json::Value,
    /// Why the block could not be parsed, if it could not.
    pub error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetadataFormat {
    Yaml,
    Toml,
}

/// How a heading was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingKind {
    /// `## Heading` (Markdown).
    Atx,
    /// `Heading` underlined with `===` or `---` (Markdown).
    Setext,
    /// A bare line that plain-text inference took for a heading.
    Inferred,
}

#[derive(Clone, Debug)]
pub struct Heading {
    /// The heading's inline text (links and emphasis reduced to their text).
    pub prose: Prose,
    /// The heading's whole source, markers included.
    pub span: Span,
    /// 1-based line of the heading.
    pub line: usize,
    pub kind: HeadingKind,
    /// How sure the parser is that this is a heading, in `[0, 1]`
    /// (1 for Markdown headings).
    pub confidence: f32,
    /// An explicit `{#id}` attribute, if any.
    pub id: Option<String>,
}

impl Heading {
    pub fn text(&self) -> &str {
        &self.prose.text.plain
    }
}

#[derive(Clone, Debug)]
pub struct Section {
    /// `None` only for the root section.
    pub heading: Option<Heading>,
    /// 1 to 6 for headings (the title is level 1); 0 for the root.
    pub level: u8,
    /// From the heading to the end of the section's content, sub-sections
    /// included.
    pub span: Span,
    /// The enclosing section, which always comes earlier in
    /// [`Document::sections`] (sections are in document order).
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    /// The blocks directly in this section, before its first sub-section.
    pub blocks: Vec<Block>,
}

/// A block of content.
#[derive(Clone, Debug)]
pub enum Block {
    Paragraph(Paragraph),
    List(List),
    Table(Table),
    Quote(Quote),
    Code(Code),
    Html(Html),
    ThematicBreak(Span),
    Faq(Faq),
}

impl Block {
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph(p) => p.prose.span,
            Block::List(l) => l.span,
            Block::Table(t) => t.span,
            Block::Quote(q) => q.span,
            Block::Code(c) => c.span,
            Block::Html(h) => h.span,
            Block::ThematicBreak(s) => *s,
            Block::Faq(f) => f.span,
        }
    }

    /// The block's kind as a kebab-case word (as in the JSON outline).
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Paragraph(_) => "paragraph",
            Block::List(_) => "list",
            Block::Table(_) => "table",
            Block::Quote(_) => "quote",
            Block::Code(_) => "code",
            Block::Html(_) => "html",
            Block::ThematicBreak(_) => "thematic-break",
            Block::Faq(_) => "faq",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub prose: Prose,
}

#[derive(Clone, Debug)]
pub struct List {
    pub span: Span,
    pub ordered: bool,
    /// The first number of an ordered list.
    pub start: Option<u64>,
    pub items: Vec<ListItem>,
}

#[derive(Clone, Debug)]
pub struct ListItem {
    pub span: Span,
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    /// The item's content: its text as a paragraph, then any nested lists or
    /// further blocks.
    pub blocks: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub span: Span,
    pub alignments: Vec<Alignment>,
    pub header: Row,
    pub rows: Vec<Row>,
}

impl Table {
    /// Number of columns (the widest of the header and the rows).
    pub fn columns(&self) -> usize {
        std::iter::once(&self.header)
            .chain(&self.rows)
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0)
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    pub span: Span,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug)]
pub struct Cell {
    pub prose: Prose,
}

#[derive(Clone, Debug)]
pub struct Quote {
    pub span: Span,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug)]
pub struct Code {
    pub span: Span,
    /// The info string's first word of a fenced block.
    pub lang: Option<String>,
    pub fenced: bool,
}

#[derive(Clone, Debug)]
pub struct Html {
    pub span: Span,
}

/// A question and its answer. The question may be missing: scraped FAQs often
/// keep only a marker line (`▼`) where an interactive question was.
#[derive(Clone, Debug)]
pub struct Faq {
    pub span: Span,
    /// Boxed: most blocks are not FAQ entries, and an inline question would
    /// make every [`Block`] as large as this variant.
    pub question: Option<Box<Prose>>,
    /// The line that stood in for a lost question, such as `▼`.
    pub marker: Option<Span>,
    pub answer: Vec<Block>,
}

/// A footnote definition (`[^label]: text`).
#[derive(Clone, Debug)]
pub struct FootnoteDef {
    pub label: String,
    pub span: Span,
    pub blocks: Vec<Block>,
}

/// A run of inline text: a paragraph, a list item's text, a table cell, a
/// heading, an FAQ question.
#[derive(Clone, Debug, Default)]
pub struct Prose {
    /// The source of the whole run.
    pub span: Span,
    pub text: Text,
    pub sentences: Vec<Sentence>,
    /// Inline code in `text.plain` (kept as text, but not prose).
    pub code: Vec<Range<usize>>,
    /// Links, footnote references, bare URLs and reference markers in the run.
    pub support: Vec<Support>,
}

impl Prose {
    /// The source span of a range of the plain text.
    pub fn source_span(&self, plain: Range<usize>) -> Span {
        self.text.to_source(plain)
    }

    /// The plain text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text.plain[s.plain.clone()]
    }

    /// Whether a range of the plain text touches inline code.
    pub fn overlaps_code(&self, r: &Range<usize>) -> bool {
        self.code.iter().any(|c| c.start < r.end && r.start < c.end)
    }

    /// The support items attached to a sentence.
    pub fn support_of<'a>(&'a self, s: &'a Sentence) -> impl Iterator<Item = &'a Support> + 'a {
        s.support.iter().map(|&i| &self.support[i])
    }
}

/// Plain text with a map back to the source bytes it came from.
///
/// The plain text of Markdown drops markup (`**`, `[`, `](url)`), decodes
/// entities and turns soft line breaks into spaces, so its offsets differ from
/// the source's; [`Text::to_source`] maps a plain range back to the exact source
/// bytes, which is how a finding on a word points at that word in the file.
#[derive(Clone, Debug, Default)]
pub struct Text {
    pub plain: String,
    /// Pieces of `plain` in order, each from a piece of the source.
    pieces: Vec<Piece>,
}

/// Offsets are 32-bit: a file is at most 4 GiB - 1 bytes (`max-file-size`),
/// and a run's plain text is no longer than its source.
#[derive(Clone, Copy, Debug)]
struct Piece {
    plain: u32,
    plain_len: u32,
    source: u32,
    source_len: u32,
}

/// The largest text buffer [`Text::take_exact`] keeps for reuse.
const REUSE_BYTES: usize = 1 << 16;

/// An offset or length as stored in a [`Piece`] (saturating: offsets past
/// 4 GiB cannot occur within `max-file-size`).
fn narrow(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl Text {
    pub fn new() -> Text {
        Text::default()
    }

    /// Appends text copied verbatim from `source` bytes `at..at + s.len()`.
    pub fn push_verbatim(&mut self, s: &str, at: usize) {
        self.push_mapped(s, Span::new(at, at + s.len()));
    }

    /// Appends text that stands for the source bytes in `span` (an entity, a
    /// line break turned into a space, ...). Offsets inside it map to its ends.
    pub fn push_mapped(&mut self, s: &str, span: Span) {
        if s.is_empty() {
            return;
        }
        let plain = narrow(self.plain.len());
        self.plain.push_str(s);
        let (len, start, source_len) = (narrow(s.len()), narrow(span.start), narrow(span.len()));
        if let Some(last) = self.pieces.last_mut() {
            let verbatim = last.plain_len == last.source_len
                && s.len() == span.len()
                && last.source.checked_add(last.source_len) == Some(start);
            if verbatim
                && last.plain.checked_add(last.plain_len) == Some(plain)
                && let Some(plain_len) = last.plain_len.checked_add(len)
            {
                last.plain_len = plain_len;
                last.source_len = plain_len;
                return;
            }
        }
        self.pieces.push(Piece {
            plain,
            plain_len: len,
            source: start,
            source_len,
        });
    }

    /// The text, with no spare capacity, leaving `self` empty but with its
    /// buffers kept for the next run's text: a copy allocated once at its
    /// size costs less than the reallocations of growing and shrinking each
    /// run's own buffers. A buffer grown past [`REUSE_BYTES`] is handed over
    /// and shrunk instead (no second copy of a huge run).
    pub fn take_exact(&mut self) -> Text {
        if self.plain.capacity() > REUSE_BYTES {
            let mut t = std::mem::take(self);
            t.shrink_to_fit();
            return t;
        }
        let t = Text {
            plain: self.plain.as_str().to_owned(),
            pieces: self.pieces.to_vec(),
        };
        self.plain.clear();
        self.pieces.clear();
        t
    }

    /// Drops spare capacity once the text is complete (a document holds one
    /// per prose run).
    pub fn shrink_to_fit(&mut self) {
        self.plain.shrink_to_fit();
        self.pieces.shrink_to_fit();
    }

    /// The source span that a range of the plain text came from.
    pub fn to_source(&self, plain: Range<usize>) -> Span {
        if self.pieces.is_empty() {
            return Span::default();
        }
        let start = self.map(plain.start, false);
        let end = self.map(plain.end, true).max(start);
        Span::new(start, end)
    }

    fn map(&self, offset: usize, is_end: bool) -> usize {
        // The last piece starting at or before `offset` (for an end offset, the
        // last piece starting strictly before it, so an end at a piece boundary
        // maps to the end of the earlier piece).
        let idx = self.pieces.partition_point(|p| {
            let start = p.plain as usize;
            if is_end {
                start < offset
            } else {
                start <= offset
            }
        });
        let Some(p) = idx.checked_sub(1).map(|i| self.pieces[i]) else {
            return self.pieces[0].source as usize;
        };
        let (plain, plain_len) = (p.plain as usize, p.plain_len as usize);
        let (source, source_len) = (p.source as usize, p.source_len as usize);
        let within = offset - plain;
        if within >= plain_len {
            // Past this piece: an end maps to its end, a start to the next piece.
            return if is_end {
                source + source_len
            } else {
                self.pieces
                    .get(idx)
                    .map_or(source + source_len, |n| n.source as usize)
            };
        }
        if plain_len == source_len {
            source + within
        } else if is_end && within > 0 {
            source + source_len
        } else {
            source
        }
    }
}

/// A sentence of a [`Prose`] run.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Range of the run's plain text.
    pub plain: Range<usize>,
    /// The sentence's source bytes.
    pub span: Span,
    /// Indices into the run's [`Prose::support`] of what this sentence cites.
    pub support: Vec<usize>,
}

/// Something that backs a statement: a link, a footnote, a citation marker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Support {
    #[serde(flatten)]
    pub kind: SupportKind,
    /// Range of the run's plain text (for a link, its text).
    #[serde(skip)]
    pub plain: Range<usize>,
    /// The source bytes of the whole construct.
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SupportKind {
    /// An inline link `[text](url)` or autolink `<url>`.
    Link { url: String },
    /// A reference-style link `[text][label]`.
    ReferenceLink { label: String, url: String },
    /// A URL written out in the text.
    BareUrl { url: String },
    /// A footnote reference `[^label]`; `defined` says whether the document has
    /// its definition.
    Footnote { label: String, defined: bool },
    /// A citation marker such as `[12]` or `(Smith, 2019)`.
    Marker { text: String },
}

/// Counts over the whole document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    /// Minutes to read at 238 words a minute, rounded up.
    pub reading_time_minutes: usize,
}

/// What kind of text a [`Prose`] run is, for rules that choose where to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    FaqQuestion,
    FaqAnswer,
    Footnote,
}

/// A prose run with where it sits in the document.
#[derive(Clone, Copy, Debug)]
pub struct ProseRef<'d> {
    pub prose: &'d Prose,
    pub scope: Scope,
    pub section: SectionId,
    /// Inside a block quote (quoted words, not the author's).
    pub in_quote: bool,
    /// Index, in document order, of the top-level block this run is in
    /// (headings count as blocks): two runs with the same `block` are in the
    /// same paragraph, list, table or FAQ entry.
    pub block: usize,
}

/// Words a minute for [`Stats::reading_time_minutes`].
pub const READING_WPM: usize = 238;

impl Document {
    /// The analysis of type `T`, computed by `init` the first time it is asked
    /// for and shared afterwards. `T` should be a type private to its module
    /// (the type is the key).
    pub fn memo<T: std::any::Any + Send + Sync>(
        &self,
        init: impl FnOnce(&Document) -> T,
    ) -> std::sync::Arc<T> {
        let key = std::any::TypeId::of::<T>();
        {
            let entries = self.memo.0.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((_, v)) = entries.iter().find(|(k, _)| *k == key)
                && let Ok(t) = std::sync::Arc::clone(v).downcast::<T>()
            {
                return t;
            }
        }
        // Computed outside the lock: an analysis may itself use the memo.
        let value = std::sync::Arc::new(init(self));
        let mut entries = self.memo.0.lock().unwrap_or_else(|e| e.into_inner());
        entries.push((key, value.clone() as MemoEntry));
        value
    }

    pub fn root(&self) -> &Section {
        &self.sections[0]
    }

    /// Every prose run in document order, headings included.
    pub fn prose(&self) -> Vec<ProseRef<'_>> {
        let mut out = Vec::new();
        let mut block = 0;
        for (id, section) in self.sections.iter().enumerate() {
            if let Some(h) = &section.heading {
                out.push(ProseRef {
                    prose: &h.prose,
                    scope: Scope::Heading,
                    section: id,
                    in_quote: false,
                    block,
                });
                block += 1;
            }
            for b in &section.blocks {
                collect_prose(b, id, Scope::Paragraph, false, block, &mut out);
                block += 1;
            }
        }
        for f in &self.footnotes {
            let id = self.section_at(f.span.start);
            for b in &f.blocks {
                collect_prose(b, id, Scope::Footnote, false, block, &mut out);
            }
            block += 1;
        }
        out
    }

    /// The innermost section containing a byte offset (the root if none).
    pub fn section_at(&self, offset: usize) -> SectionId {
        // Sections are in document order and nested, so the innermost one holding
        // `offset` is the last one that starts at or before it, if it still spans
        // it; otherwise walk up.
        let mut id = self
            .sections
            .partition_point(|s| s.span.start <= offset)
            .saturating_sub(1);
        while id != 0
            && !(self.sections[id].span.start <= offset && offset < self.sections[id].span.end)
        {
            match self.sections[id].parent {
                Some(p) => id = p,
                None => break,
            }
        }
        id
    }

    /// Headings from the top down to section `id` (empty for the root).
    pub fn section_path(&self, id: SectionId) -> Vec<&str> {
        let mut path = Vec::new();
        let mut cur = Some(id);
        while let Some(i) = cur {
            if let Some(h) = &self.sections[i].heading {
                path.push(h.text());
            }
            cur = self.sections[i].parent;
        }
        path.reverse();
        path
    }

    /// Every section with a heading, in document order.
    pub fn headed_sections(&self) -> impl Iterator<Item = (SectionId, &Section, &Heading)> {
        self.sections
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.heading.as_ref().map(|h| (i, s, h)))
    }

    /// The title's text, if the document has one.
    pub fn title_text(&self) -> Option<&str> {
        self.title.as_ref().map(|t| t.text.as_str())
    }
}

fn collect_prose<'d>(
    block: &'d Block,
    section: SectionId,
    scope: Scope,
    in_quote: bool,
    index: usize,
    out: &mut Vec<ProseRef<'d>>,
) {
    let mut push = |prose: &'d Prose, scope: Scope| {
        out.push(ProseRef {
            prose,
            scope,
            section,
            in_quote,
            block: index,
        })
    };
    match block {
        Block::Paragraph(p) => push(&p.prose, scope),
        Block::List(l) => {
            let inner = if scope == Scope::Paragraph {
                Scope::ListItem
            } else {
                scope
            };
            for item in &l.items {
                for b in &item.blocks {
                    collect_prose(b, section, inner, in_quote, index, out);
                }
            }
        }
        Block::Table(t) => {
            let inner = if scope == Scope::Paragraph {
                Scope::TableCell
            } else {
                scope
            };
            for row in std::iter::once(&t.header).chain(&t.rows) {
                for c in &row.cells {
                    out.push(ProseRef {
                        prose: &c.prose,
                        scope: inner,
                        section,
                        in_quote,
                        block: index,
                    });
                }
            }
        }
        Block::Quote(q) => {
            for b in &q.blocks {
                collect_prose(b, section, scope, true, index, out);
            }
        }
        Block::Faq(f) => {
            if let Some(q) = &f.question {
                push(q, Scope::FaqQuestion);
            }
            for b in &f.answer {
                collect_prose(b, section, Scope::FaqAnswer, in_quote, index, out);
            }
        }
        Block::Code(_) | Block::Html(_) | Block::ThematicBreak(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_computes_once_per_type() {
        let doc = crate::parse::parse(
            "m.md",
            Source::new("# T\n\nText.\n".into()),
            Format::Markdown,
        );
        struct Count(usize);
        let calls = std::cell::Cell::new(0);
        let a = doc.memo(|d| {
            calls.set(calls.get() + 1);
            Count(d.stats.words)
        });
        let b = doc.memo(|_| {
            calls.set(calls.get() + 1);
            Count(99)
        });
        assert_eq!((a.0, b.0, calls.get()), (1, 1, 1));
        let other = doc.memo(|_| 7u8);
        assert_eq!(*other, 7);
        assert_eq!(
            doc.clone().memo(|_| Count(5)).0,
            5,
            "a clone starts an empty memo"
        );
    }

    /// A piece as (plain start, plain length, source start, source length).
    type PieceFields = (u32, u32, u32, u32);

    /// The pieces of a text, and the source span of every plain range.
    fn mapping(t: &Text) -> (Vec<PieceFields>, Vec<Span>) {
        let pieces = t
            .pieces
            .iter()
            .map(|p| (p.plain, p.plain_len, p.source, p.source_len))
            .collect();
        let n = t.plain.len();
        let spans = (0..=n)
            .flat_map(|a| (a..=n).map(move |b| (a, b)))
            .filter(|&(a, b)| t.plain.is_char_boundary(a) && t.plain.is_char_boundary(b))
            .map(|(a, b)| t.to_source(a..b))
            .collect();
        (pieces, spans)
    }

    #[test]
    fn take_exact_copies_the_text_and_keeps_the_buffer() {
        let mut buf = Text::new();
        for round in 0..3 {
            let base = round * 100;
            buf.push_verbatim("Costs ", base);
            buf.push_mapped(" ", Span::new(base + 6, base + 8));
            buf.push_verbatim("rose é.", base + 8);
            let (pieces, spans) = mapping(&buf);
            let plain = buf.plain.clone();
            let cap = buf.plain.capacity();
            let t = buf.take_exact();
            assert_eq!(t.plain, plain);
            assert_eq!(mapping(&t), (pieces, spans));
            assert_eq!(t.plain.capacity(), t.plain.len(), "no spare capacity");
            assert_eq!(t.pieces.capacity(), t.pieces.len());
            assert!(buf.plain.is_empty() && buf.pieces.is_empty());
            assert_eq!(buf.plain.capacity(), cap, "the buffer is kept for reuse");
        }
        // A buffer grown past the reuse limit is handed over, not copied.
        let big = "word ".repeat(REUSE_BYTES / 4);
        buf.push_verbatim(&big, 0);
        let t = buf.take_exact();
        assert_eq!(t.plain, big);
        assert_eq!(t.to_source(5..9), Span::new(5, 9));
        assert_eq!(t.plain.capacity(), t.plain.len());
        assert_eq!(buf.plain.capacity(), 0, "a huge buffer is not kept");
    }

    #[test]
    fn text_maps_plain_ranges_back_to_source() {
        // Source: `a **bold** &amp; [link](u)` -> plain `a bold & link`
        let src = "a **bold** &amp; [link](u)";
        let mut t = Text::new();
        t.push_verbatim("a ", 0);
        t.push_verbatim("bold", 4);
        t.push_verbatim(" ", 10);
        t.push_mapped("&", Span::new(11, 16));
        t.push_verbatim(" ", 16);
        t.push_verbatim("link", 18);
        assert_eq!(t.plain, "a bold & link");
        let s = |r: Range<usize>| &src[t.to_source(r).range()];
        assert_eq!(s(2..6), "bold");
        assert_eq!(s(0..6), "a **bold");
        assert_eq!(s(7..8), "&amp;");
        assert_eq!(s(9..13), "link");
        assert_eq!(s(2..13), "bold** &amp; [link");
    }
}
