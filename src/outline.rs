//! The outline of a document, as JSON for programs and as Markdown for people.
//!
//! # The JSON outline (`copydesk outline --format json`)
//!
//! The JSON is an API: field names and meanings below are stable within a
//! `schema_version`; fields may be added, never renamed or removed, without
//! bumping it. Output is deterministic: same input, same bytes. Several files
//! give a JSON array of these objects in the order the paths were given
//! (directories expanded in sorted order); `--format jsonl` gives one object a
//! line instead.
//!
//! Every element carries a `span`, a [`Location`]: `start` and `end` are a
//! half-open byte range into the file as read (a UTF-8 byte-order mark counts),
//! `line`/`column` and `end_line`/`end_column` are 1-based, columns counted in
//! characters (Unicode scalar values); `end_column` is the column just past the
//! last character.
//!
//! The top object ([`OutlineJson`]):
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `schema_version` | integer | `1` |
//! | `path` | string | the path as given (`-` for standard input) |
//! | `format` | `"markdown"` \| `"text"` | how the file was read |
//! | `title` | string \| null | the title: a single leading level-1 heading, the first line of a text file, or front matter `title` |
//! | `title_span` | Location \| null | where the title is |
//! | `title_source` | `"heading"` \| `"first-line"` \| `"metadata"` \| null | |
//! | `metadata` | object \| null | front matter: `format` (`"yaml"`/`"toml"`), `span`, `value` (the parsed mapping, keys in file order), `error` (string or null) |
//! | `stats` | object | `words`, `sentences`, `paragraphs`, `reading_time_minutes` (238 words a minute, rounded up) |
//! | `blocks` | Block[] | content before the first heading (the introduction) |
//! | `sections` | Section[] | top-level sections |
//! | `footnotes` | object[] | footnote definitions: `label`, `span`, `blocks` |
//! | `notes` | object[] | limits the parser hit (`span`, `message`), e.g. nesting deeper than `max-nesting` flattened |
//!
//! A Section ([`SectionJson`]): `heading` (string: the heading's plain text;
//! links and emphasis reduced to their text, inline code kept), `level`
//! (integer; the title is level 1, so sections under a title start at 2),
//! `line` (1-based line of the heading), `span` (the heading), `section_span`
//! (heading to the end of its content, sub-sections included), `kind`
//! (`"atx"`, `"setext"` or `"inferred"` for plain text), `confidence` (0 to 1;
//! 1 for Markdown), `id` (an explicit `{#id}`, when given), `blocks` (content
//! before the first sub-section), `sections` (sub-sections, same shape).
//!
//! A Block ([`BlockJson`]) has a `type` and a `span`:
//! - `paragraph`: `text` (plain text), `sentences`;
//! - `list`: `ordered`, `start` (first number, ordered lists), `items`: each
//!   `span`, `task` (true/false for task items, else absent), `blocks` (the
//!   item's text as a paragraph, then nested lists and other blocks);
//! - `table`: `columns` (count), `header` and `rows`: each `span` and `cells`,
//!   a cell being `span`, `text`, `sentences`;
//! - `quote`: `blocks`; `code`: `lang` (string or null), `fenced`;
//!   `html`; `thematic-break`;
//! - `faq`: `question` (a cell-like object with `span`, `text`, `sentences`,
//!   or null when the question was lost), `marker` (Location of the line that
//!   stands for a lost question, such as `▼`, or null), `answer` (blocks).
//!
//! A Sentence: `text`, `span`, `support`: what the sentence cites, each with
//! `kind` (`link`, `reference-link`, `bare-url`, `footnote`, `marker`), `span`,
//! and `url`, `label`, `defined` (footnotes: whether the definition exists) or
//! `text` (markers) as the kind has them.

use std::fmt::Write as _;

use serde::Serialize;

use crate::document::{
    Block, Document, Faq, Format, HeadingKind, Metadata, MetadataFormat, Prose, Row, Section,
    Stats, Support, TitleSource,
};
use crate::source::{Source, Span};

/// Version of the JSON outline's shape.
pub const SCHEMA_VERSION: u32 = 1;

/// A span with its line and column, as every element of the outline carries.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub struct Location {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn new(source: &Source, span: Span) -> Location {
        let a = source.line_col(span.start);
        let b = source.line_col(span.end);
        Location {
            start: span.start,
            end: span.end,
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
        }
    }
}

/// The top object of the JSON outline.
#[derive(Serialize)]
pub struct OutlineJson<'d> {
    pub schema_version: u32,
    pub path: &'d str,
    pub format: Format,
    pub title: Option<&'d str>,
    pub title_span: Option<Location>,
    pub title_source: Option<TitleSource>,
    pub metadata: Option<MetadataJson<'d>>,
    pub stats: Stats,
    pub blocks: Vec<BlockJson<'d>>,
    pub sections: Vec<SectionJson<'d>>,
    pub footnotes: Vec<FootnoteJson<'d>>,
    /// Limits the parser hit (e.g. nesting flattened), each with where.
    pub notes: Vec<NoteJson<'d>>,
}

#[derive(Serialize)]
pub struct NoteJson<'d> {
    pub span: Location,
    pub message: &'d str,
}

#[derive(Serialize)]
pub struct MetadataJson<'d> {
    pub format: MetadataFormat,
    pub span: Location,
    pub value: &'d serde_json::Value,
    pub error: Option<&'d str>,
}

#[derive(Serialize)]
pub struct SectionJson<'d> {
    pub heading: &'d str,
    pub level: u8,
    pub line: usize,
    pub span: Location,
    pub section_span: Location,
    pub kind: HeadingKind,
    pub confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'d str>,
    pub blocks: Vec<BlockJson<'d>>,
    pub sections: Vec<SectionJson<'d>>,
}

#[derive(Serialize)]
pub struct FootnoteJson<'d> {
    pub label: &'d str,
    pub span: Location,
    pub blocks: Vec<BlockJson<'d>>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum BlockJson<'d> {
    Paragraph {
        span: Location,
        text: &'d str,
        sentences: Vec<SentenceJson<'d>>,
    },
    List {
        span: Location,
        ordered: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        items: Vec<ItemJson<'d>>,
    },
    Table {
        span: Location,
        columns: usize,
        header: RowJson<'d>,
        rows: Vec<RowJson<'d>>,
    },
    Quote {
        span: Location,
        blocks: Vec<BlockJson<'d>>,
    },
    Code {
        span: Location,
        lang: Option<&'d str>,
        fenced: bool,
    },
    Html {
        span: Location,
    },
    ThematicBreak {
        span: Location,
    },
    Faq {
        span: Location,
        question: Option<ProseJson<'d>>,
        marker: Option<Location>,
        answer: Vec<BlockJson<'d>>,
    },
}

#[derive(Serialize)]
pub struct ItemJson<'d> {
    pub span: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<bool>,
    pub blocks: Vec<BlockJson<'d>>,
}

#[derive(Serialize)]
pub struct RowJson<'d> {
    pub span: Location,
    pub cells: Vec<ProseJson<'d>>,
}

/// A run of prose outside a paragraph block: a table cell, an FAQ question.
#[derive(Serialize)]
pub struct ProseJson<'d> {
    pub span: Location,
    pub text: &'d str,
    pub sentences: Vec<SentenceJson<'d>>,
}

#[derive(Serialize)]
pub struct SentenceJson<'d> {
    pub text: &'d str,
    pub span: Location,
    pub support: Vec<SupportJson<'d>>,
}

#[derive(Serialize)]
pub struct SupportJson<'d> {
    #[serde(flatten)]
    pub support: &'d Support,
    pub span: Location,
}

/// Builds the JSON outline of a document.
pub fn to_json(doc: &Document) -> OutlineJson<'_> {
    let src = &doc.source;
    let loc = |s: Span| Location::new(src, s);
    OutlineJson {
        schema_version: SCHEMA_VERSION,
        path: &doc.path,
        format: doc.format,
        title: doc.title.as_ref().map(|t| t.text.as_str()),
        title_span: doc.title.as_ref().map(|t| loc(t.span)),
        title_source: doc.title.as_ref().map(|t| t.source),
        metadata: doc.metadata.as_ref().map(|m: &Metadata| MetadataJson {
            format: m.format,
            span: loc(m.span),
            value: &m.value,
            error: m.error.as_deref(),
        }),
        stats: doc.stats,
        blocks: blocks(src, &doc.root().blocks),
        sections: doc
            .root()
            .children
            .iter()
            .map(|&c| section(doc, &doc.sections[c]))
            .collect(),
        footnotes: doc
            .footnotes
            .iter()
            .map(|f| FootnoteJson {
                label: &f.label,
                span: loc(f.span),
                blocks: blocks(src, &f.blocks),
            })
            .collect(),
        notes: doc
            .notes
            .iter()
            .map(|n| NoteJson {
                span: loc(n.span),
                message: &n.message,
            })
            .collect(),
    }
}

fn section<'d>(doc: &'d Document, s: &'d Section) -> SectionJson<'d> {
    let src = &doc.source;
    let h = s.heading.as_ref().expect("non-root sections have headings");
    SectionJson {
        heading: h.text(),
        level: s.level,
        line: h.line,
        span: Location::new(src, h.span),
        section_span: Location::new(src, s.span),
        kind: h.kind,
        confidence: (h.confidence * 1000.0).round() / 1000.0,
        id: h.id.as_deref(),
        blocks: blocks(src, &s.blocks),
        sections: s
            .children
            .iter()
            .map(|&c| section(doc, &doc.sections[c]))
            .collect(),
    }
}

fn blocks<'d>(src: &Source, bs: &'d [Block]) -> Vec<BlockJson<'d>> {
    bs.iter().map(|b| block(src, b)).collect()
}

fn block<'d>(src: &Source, b: &'d Block) -> BlockJson<'d> {
    let loc = |s: Span| Location::new(src, s);
    match b {
        Block::Paragraph(p) => BlockJson::Paragraph {
            span: loc(p.prose.span),
            text: &p.prose.text.plain,
            sentences: sentences(src, &p.prose),
        },
        Block::List(l) => BlockJson::List {
            span: loc(l.span),
            ordered: l.ordered,
            start: l.start,
            items: l
                .items
                .iter()
                .map(|i| ItemJson {
                    span: loc(i.span),
                    task: i.task,
                    blocks: blocks(src, &i.blocks),
                })
                .collect(),
        },
        Block::Table(t) => BlockJson::Table {
            span: loc(t.span),
            columns: t.columns(),
            header: row(src, &t.header),
            rows: t.rows.iter().map(|r| row(src, r)).collect(),
        },
        Block::Quote(q) => BlockJson::Quote {
            span: loc(q.span),
            blocks: blocks(src, &q.blocks),
        },
        Block::Code(c) => BlockJson::Code {
            span: loc(c.span),
            lang: c.lang.as_deref(),
            fenced: c.fenced,
        },
        Block::Html(h) => BlockJson::Html { span: loc(h.span) },
        Block::ThematicBreak(s) => BlockJson::ThematicBreak { span: loc(*s) },
        Block::Faq(Faq {
            span,
            question,
            marker,
            answer,
        }) => BlockJson::Faq {
            span: loc(*span),
            question: question.as_ref().map(|q| prose(src, q)),
            marker: marker.map(loc),
            answer: blocks(src, answer),
        },
    }
}

fn row<'d>(src: &Source, r: &'d Row) -> RowJson<'d> {
    RowJson {
        span: Location::new(src, r.span),
        cells: r.cells.iter().map(|c| prose(src, &c.prose)).collect(),
    }
}

fn prose<'d>(src: &Source, p: &'d Prose) -> ProseJson<'d> {
    ProseJson {
        span: Location::new(src, p.span),
        text: &p.text.plain,
        sentences: sentences(src, p),
    }
}

fn sentences<'d>(src: &Source, p: &'d Prose) -> Vec<SentenceJson<'d>> {
    p.sentences
        .iter()
        .map(|s| SentenceJson {
            text: p.sentence_text(s),
            span: Location::new(src, s.span),
            support: p
                .support_of(s)
                .map(|sup| SupportJson {
                    support: sup,
                    span: Location::new(src, sup.span),
                })
                .collect(),
        })
        .collect()
}

/// Renders the readable Markdown outline: the title, the document's figures,
/// then each section as a nested list item with its level, line and what it
/// holds.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let title = doc.title_text().unwrap_or("(untitled)");
    let _ = writeln!(out, "# {}\n", escape(title));
    let st = doc.stats;
    let _ = writeln!(
        out,
        "`{}` · {} · {} words · {} sentences · {} paragraphs · {} min read\n",
        doc.path,
        doc.format.as_str(),
        st.words,
        st.sentences,
        st.paragraphs,
        st.reading_time_minutes
    );
    if let Some(m) = &doc.metadata {
        let keys: Vec<String> = m
            .value
            .as_object()
            .map(|o| o.keys().map(|k| format!("`{k}`")).collect())
            .unwrap_or_default();
        let _ = match &m.error {
            Some(e) => writeln!(
                out,
                "Front matter ({:?}): unreadable: {}\n",
                m.format,
                e.lines().next().unwrap_or("")
            ),
            None => writeln!(
                out,
                "Front matter ({}): {}\n",
                match m.format {
                    MetadataFormat::Yaml => "YAML",
                    MetadataFormat::Toml => "TOML",
                },
                if keys.is_empty() {
                    "empty".to_string()
                } else {
                    keys.join(", ")
                }
            ),
        };
    }
    let root = doc.root();
    if !root.blocks.is_empty() {
        let _ = writeln!(out, "- *Introduction*: {}", summary(&root.blocks));
    }
    for &c in &root.children {
        section_md(doc, c, 0, &mut out);
    }
    if !doc.footnotes.is_empty() {
        let _ = writeln!(out, "\nFootnotes: {}", doc.footnotes.len());
    }
    out
}

fn section_md(doc: &Document, id: usize, depth: usize, out: &mut String) {
    let s = &doc.sections[id];
    let h = s.heading.as_ref().expect("non-root sections have headings");
    let how = match h.kind {
        HeadingKind::Inferred => format!(", inferred {:.2}", h.confidence),
        _ => String::new(),
    };
    let content = summary(&s.blocks);
    let _ = writeln!(
        out,
        "{}- **{}** (H{}, line {}{}){}",
        "  ".repeat(depth),
        escape(h.text()),
        s.level,
        h.line,
        how,
        if content.is_empty() {
            String::new()
        } else {
            format!(": {content}")
        }
    );
    for &c in &s.children {
        section_md(doc, c, depth + 1, out);
    }
}

/// "2 paragraphs, 1 list (3 items), 1 table (4 × 2)".
fn summary(blocks: &[Block]) -> String {
    let mut paragraphs = 0;
    let mut parts = Vec::new();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    for b in blocks {
        match b {
            Block::Paragraph(_) => paragraphs += 1,
            Block::List(l) => parts.push(format!(
                "{} list ({})",
                if l.ordered { "ordered" } else { "bulleted" },
                plural(l.items.len(), "item", "items")
            )),
            Block::Table(t) => parts.push(format!("table ({} × {})", t.rows.len(), t.columns())),
            Block::Quote(_) => parts.push("quote".into()),
            Block::Code(c) => parts.push(match &c.lang {
                Some(l) => format!("code ({l})"),
                None => "code".into(),
            }),
            Block::Html(_) => parts.push("HTML".into()),
            Block::ThematicBreak(_) => parts.push("rule".into()),
            Block::Faq(f) => parts.push(if f.question.is_some() {
                "FAQ entry".into()
            } else {
                "FAQ entry (question missing)".into()
            }),
        }
    }
    // Merge runs of identical parts: "3 × FAQ entry".
    let mut merged: Vec<String> = Vec::new();
    if paragraphs > 0 {
        merged.push(plural(paragraphs, "paragraph", "paragraphs"));
    }
    let mut i = 0;
    while i < parts.len() {
        let mut j = i + 1;
        while j < parts.len() && parts[j] == parts[i] {
            j += 1;
        }
        merged.push(if j - i > 1 {
            format!("{} × {}", j - i, parts[i])
        } else {
            parts[i].clone()
        });
        i = j;
    }
    merged.join(", ")
}

/// Escapes the characters that would change a line's Markdown meaning.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
