//! Stage 4: build the [`Document`](crate::document::Document): headings into the section tree, units into
//! blocks, and a prose run (via [`crate::parse::prose`]) for every paragraph,
//! list item, table cell, FAQ question and answer, and heading.

use super::blocks::{self, Unit, UnitKind};
use super::infer::Role;
use super::lines::{Kind, Line};
use crate::document::{
    Alignment, Block, Cell, Code, Faq, Heading, HeadingKind, List, ListItem, Paragraph, Prose, Row,
    Table, Text,
};
use crate::parse::tree::TreeBuilder;
use crate::source::{Source, Span};

pub(super) fn sections(
    source: &Source,
    lines: &[Line],
    units: &[Unit],
    roles: &[Role],
    start: usize,
) -> Vec<crate::document::Section> {
    let text = source.text();
    let mut tree = TreeBuilder::new(start);
    let mut u = 0;
    while u < units.len() {
        let unit = &units[u];
        match roles[u] {
            Role::Heading { level, confidence } => {
                let l = &lines[unit.lines.start];
                let span = match l.kind {
                    Kind::Item(item) => Span::new(item.marker.start, l.text.end),
                    _ => l.text,
                };
                let prose = prose_of(text, &[span]);
                tree.heading(
                    Heading {
                        prose,
                        span,
                        line: source.line_of(span.start),
                        kind: HeadingKind::Inferred,
                        confidence,
                        id: None,
                    },
                    level,
                );
            }
            Role::Faq { end, question } => {
                let marker = (unit.kind == UnitKind::Marker).then(|| lines[unit.lines.start].text);
                let question_prose =
                    question.map(|q| Box::new(paragraph_prose(text, lines, &units[q])));
                let first_answer = question.map_or(u + 1, |q| q + 1);
                let answer: Vec<Block> = (first_answer..end)
                    .map(|k| block(text, lines, &units[k]))
                    .collect();
                let span_end = units[end - 1].lines.end - 1;
                let span = Span::new(lines[unit.lines.start].text.start, lines[span_end].text.end);
                tree.block(Block::Faq(Faq {
                    span,
                    question: question_prose,
                    marker,
                    answer,
                }));
                u = end;
                continue;
            }
            Role::InFaq => {}
            Role::Block
                if unit.cut
                    && units.get(u + 1).is_some_and(|n| n.kind == UnitKind::Para)
                    && roles.get(u + 1) == Some(&Role::Block) =>
            {
                // A line cut off as a possible heading that is not one: back
                // into its paragraph.
                let joined = Unit {
                    kind: UnitKind::Para,
                    lines: unit.lines.start..units[u + 1].lines.end,
                    gap_before: unit.gap_before,
                    cut: false,
                };
                tree.block(block(text, lines, &joined));
                u += 2;
                continue;
            }
            Role::Block => tree.block(block(text, lines, unit)),
        }
        u += 1;
    }
    tree.finish(text.len())
}

fn block(text: &str, lines: &[Line], unit: &Unit) -> Block {
    let ls = &lines[unit.lines.clone()];
    let span = Span::new(ls[0].text.start, ls[ls.len() - 1].text.end);
    match unit.kind {
        UnitKind::Para => Block::Paragraph(Paragraph {
            prose: paragraph_prose(text, lines, unit),
        }),
        UnitKind::Marker => Block::Paragraph(Paragraph {
            prose: paragraph_prose(text, lines, unit),
        }),
        UnitKind::Rule => Block::ThematicBreak(span),
        UnitKind::Code { fenced } => {
            let lang = fenced
                .then(|| {
                    let t = &text[ls[0].text.range()];
                    let info = t.trim_start_matches(['`', '~']).split_whitespace().next()?;
                    Some(info.to_string())
                })
                .flatten();
            Block::Code(Code { span, lang, fenced })
        }
        UnitKind::Table { separator } => Block::Table(table(text, lines, unit, separator)),
        UnitKind::List => {
            let mut pos = 0;
            let indent = ls
                .iter()
                .filter(|l| matches!(l.kind, Kind::Item(_)))
                .map(|l| l.indent)
                .min()
                .unwrap_or(0);
            Block::List(list(text, ls, &mut pos, indent, 0))
        }
    }
}

/// The prose of a paragraph unit: its lines joined by spaces.
fn paragraph_prose(text: &str, lines: &[Line], unit: &Unit) -> Prose {
    let spans: Vec<Span> = lines[unit.lines.clone()].iter().map(|l| l.text).collect();
    prose_of(text, &spans)
}

/// Builds a prose run from pieces of source (lines of one paragraph): each piece
/// verbatim, the gap between two pieces (line ending and indentation) as one
/// space.
fn prose_of(text: &str, pieces: &[Span]) -> Prose {
    let mut t = Text::new();
    let mut prev: Option<Span> = None;
    for &p in pieces {
        if p.is_empty() {
            continue;
        }
        if let Some(q) = prev {
            t.push_mapped(" ", Span::new(q.end, p.start));
        }
        t.push_verbatim(&text[p.range()], p.start);
        prev = Some(p);
    }
    let span = match (pieces.first(), pieces.last()) {
        (Some(a), Some(b)) => Span::new(a.start, b.end),
        _ => Span::default(),
    };
    let code = if t.plain.contains('`') {
        inline_code(&t.plain)
    } else {
        Vec::new()
    };
    crate::parse::prose(span, t, code, Vec::new())
}

/// Backtick spans in plain text (kept as text, marked as code).
fn inline_code(plain: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let b = plain.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'`', &b[i..]) {
        let open = i + k;
        let run = b[open..].iter().take_while(|&&c| c == b'`').count();
        let from = open + run;
        let mut j = from;
        let mut found = None;
        while let Some(k2) = memchr::memchr(b'`', &b[j..]) {
            let close = j + k2;
            let r2 = b[close..].iter().take_while(|&&c| c == b'`').count();
            if r2 == run {
                found = Some(close + r2);
                break;
            }
            j = close + r2;
        }
        match found {
            Some(end) => {
                out.push(open..end);
                i = end;
            }
            None => i = from,
        }
    }
    out
}

fn table(text: &str, lines: &[Line], unit: &Unit, separator: Option<usize>) -> Table {
    let rows_range = unit.lines.clone();
    let row_of = |l: &Line| {
        let t = &text[l.text.range()];
        let cells = blocks::cells(t)
            .map(|r| {
                let span = Span::new(l.text.start + r.start, l.text.start + r.end);
                Cell {
                    prose: prose_of(text, &[span]),
                }
            })
            .collect();
        Row {
            span: l.text,
            cells,
        }
    };
    let header = row_of(&lines[rows_range.start]);
    let body_from = separator.map_or(rows_range.start + 1, |s| s + 1);
    let rows: Vec<Row> = lines[body_from..rows_range.end]
        .iter()
        .map(row_of)
        .collect();
    let alignments = match separator {
        Some(s) => {
            let t = &text[lines[s].text.range()];
            blocks::cells(t)
                .map(|r| {
                    let c = t[r].trim();
                    match (c.starts_with(':'), c.ends_with(':') && c.len() > 1) {
                        (true, true) => Alignment::Center,
                        (true, false) => Alignment::Left,
                        (false, true) => Alignment::Right,
                        (false, false) => Alignment::None,
                    }
                })
                .collect()
        }
        None => vec![Alignment::None; header.cells.len()],
    };
    let last = &lines[rows_range.end - 1];
    Table {
        span: Span::new(lines[rows_range.start].text.start, last.text.end),
        alignments,
        header,
        rows,
    }
}

/// Lists nest at most this deep; deeper items are items of the deepest list
/// (indentation in scraped text is a hint, not a structure to recurse on
/// without bound).
const MAX_DEPTH: usize = 8;

/// A list from `ls[*pos..]`: items at the first item's indentation, with
/// deeper items nested in the item before them and continuation lines as
/// the item's text (hard-wrapped) or further paragraphs.
fn list(text: &str, ls: &[Line], pos: &mut usize, indent: u32, depth: usize) -> List {
    let first = &ls[*pos];
    let (ordered, start) = match first.kind {
        Kind::Item(it) => (it.ordered, it.ordered.then_some(it.number)),
        _ => (false, None),
    };
    let mut items: Vec<ListItem> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let list_start = first.text.start.min(match first.kind {
        Kind::Item(it) => it.marker.start,
        _ => first.text.start,
    });
    let mut list_end = first.text.end;
    while *pos < ls.len() {
        let l = &ls[*pos];
        match l.kind {
            Kind::Item(it) if l.indent <= indent || items.is_empty() || depth >= MAX_DEPTH => {
                if l.indent < indent && !items.is_empty() {
                    break;
                }
                flush_text(text, &mut spans, &mut items);
                items.push(ListItem {
                    span: Span::new(it.marker.start, l.text.end),
                    task: None,
                    blocks: Vec::new(),
                });
                if !l.text.is_empty() {
                    spans.push(l.text);
                }
                list_end = l.text.end.max(it.marker.end);
                *pos += 1;
            }
            Kind::Item(_) => {
                // Deeper: a nested list in the current item.
                flush_text(text, &mut spans, &mut items);
                let nested = list(text, ls, pos, l.indent, depth + 1);
                list_end = nested.span.end;
                if let Some(item) = items.last_mut() {
                    item.span.end = nested.span.end;
                    item.blocks.push(Block::List(nested));
                }
            }
            Kind::Blank => *pos += 1,
            _ => {
                // Continuation text.
                if let Some(item) = items.last_mut() {
                    item.span.end = l.text.end;
                }
                spans.push(l.text);
                list_end = l.text.end;
                *pos += 1;
            }
        }
    }
    flush_text(text, &mut spans, &mut items);
    List {
        span: Span::new(list_start, list_end),
        ordered,
        start,
        items,
    }
}

/// Adds the collected text lines to the last item as one paragraph.
fn flush_text(text: &str, spans: &mut Vec<Span>, items: &mut [ListItem]) {
    if spans.is_empty() {
        return;
    }
    if let Some(item) = items.last_mut() {
        let prose = prose_of(text, spans);
        item.blocks.push(Block::Paragraph(Paragraph { prose }));
    }
    spans.clear();
}
