//! Structure rules: required sections and their order, empty and too-short
//! sections, FAQ entries that lost their question or answer, skipped heading
//! levels.
//!
//! What a document must contain comes from a profile's `[structure]` table
//! ([`profile`]): a list of sections, or a Markdown template whose headings
//! are the sections ([`template`]). [`matching`] finds which heading is which
//! section. Rules that need a profile (`missing-section`, `section-order`,
//! `section-too-short`, `unexpected-section`) do nothing without one, so a
//! README checked with no profile gets no "missing section" noise; the
//! others (`empty-section`, `faq-missing-question`, `faq-missing-answer`,
//! `heading-level-skip`) look at any document.

pub mod empty_section;
pub mod faq_missing_answer;
pub mod faq_missing_question;
pub mod heading_level_skip;
pub mod matching;
pub mod missing_section;
pub mod profile;
pub mod section_order;
pub mod section_too_short;
pub mod template;
pub mod unexpected_section;

use std::sync::Arc;

use crate::config::BuildContext;
use crate::document::{Block, Document, Format, SectionId};
use crate::finding::quote;
use crate::rules::OptionError;
use crate::source::Span;

use matching::{comment_only, is_content};
use profile::Profile;

pub use crate::rules::{NoOptions, no_options_schema};

/// The compiled profile of a configuration: the one the loader compiled, or
/// compiled now (a configuration built by hand).
pub fn profile_of(ctx: &BuildContext) -> Result<Arc<Profile>, OptionError> {
    if let Some(p) = &ctx.config.structure_profile {
        return Ok(p.clone());
    }
    let base = ctx
        .config
        .structure_template_origin
        .as_ref()
        .map(|o| o.file.dir.clone())
        .unwrap_or_default();
    Profile::compile(&ctx.config.structure, &base)
        .map(Arc::new)
        .map_err(|e| OptionError::new(e.key, e.message))
}

/// A heading's text quoted for a message.
pub fn quote_heading(doc: &Document, id: SectionId) -> String {
    quote(
        doc.sections[id].heading.as_ref().map_or("", |h| h.text()),
        60,
    )
}

/// A canonical section name quoted for a message.
pub fn quote_name(name: &str) -> String {
    format!("\u{2018}{name}\u{2019}")
}

/// The span of a section's heading (its whole span for the root).
pub fn heading_span(doc: &Document, id: SectionId) -> Span {
    let s = &doc.sections[id];
    s.heading.as_ref().map_or(s.span, |h| h.span)
}

/// The first line of the document's content, for findings about the whole
/// document.
pub fn first_line(doc: &Document) -> Span {
    let start = doc.source.content_start();
    let text = doc.source.content();
    let trimmed = text.trim_start();
    let at = start + (text.len() - trimmed.len());
    let len = trimmed.find(['\n', '\r']).unwrap_or(trimmed.len());
    Span::new(at, at + len)
}

/// Whether a section has content of its own, before any sub-section: a block
/// that is not only an HTML comment or a thematic break, or a link reference
/// definition to somewhere else (a references list written as
/// `[1]: https://...`; definitions of `#fragment` anchors, as the Rust RFC
/// template puts under each heading, do not count).
pub fn has_own_content(doc: &Document, id: SectionId) -> bool {
    let s = &doc.sections[id];
    if s.blocks.iter().any(|b| is_content(doc, b)) {
        return true;
    }
    if doc.format != Format::Markdown {
        return false;
    }
    let start = heading_span(doc, id).end;
    let end = s
        .children
        .first()
        .map_or(s.span.end, |&c| doc.sections[c].span.start);
    let Some(region) = doc.source.text().get(start..end.max(start)) else {
        return false;
    };
    has_link_definitions(&strip_comments(region))
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i + 4..].find("-->") {
            Some(j) => rest = &rest[i + 4 + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

fn has_link_definitions(text: &str) -> bool {
    text.lines().any(|l| {
        let indent = l.len() - l.trim_start_matches(' ').len();
        let t = l.trim();
        if indent > 3 || !t.starts_with('[') {
            return false;
        }
        match t.find("]:") {
            Some(i) if i > 1 => {
                let dest = t[i + 2..].trim_start();
                !dest.is_empty() && !dest.starts_with('#')
            }
            _ => false,
        }
    })
}

/// Whether a section's heading is a question inside an FAQ section (its
/// answer is its content: `faq-missing-answer` reports it when it has none).
pub fn is_faq_question_heading(doc: &Document, id: SectionId) -> bool {
    let Some(h) = &doc.sections[id].heading else {
        return false;
    };
    if !crate::parse::faq::is_question(&h.prose) {
        return false;
    }
    let mut cur = doc.sections[id].parent;
    while let Some(p) = cur {
        if doc.sections[p]
            .heading
            .as_ref()
            .is_some_and(|x| crate::parse::faq::is_faq_heading(x.text()))
        {
            return true;
        }
        cur = doc.sections[p].parent;
    }
    false
}

/// Words of text and code in blocks (headings excluded).
pub fn block_words(doc: &Document, blocks: &[Block]) -> usize {
    use crate::parse::count_words;
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => count_words(&p.prose.text.plain),
            Block::List(l) => l.items.iter().map(|i| block_words(doc, &i.blocks)).sum(),
            Block::Table(t) => std::iter::once(&t.header)
                .chain(&t.rows)
                .flat_map(|r| &r.cells)
                .map(|c| count_words(&c.prose.text.plain))
                .sum(),
            Block::Quote(q) => block_words(doc, &q.blocks),
            Block::Code(c) => {
                let text = doc.source.slice(c.span);
                let mut lines: Vec<&str> = text.lines().collect();
                if c.fenced && !lines.is_empty() {
                    lines.remove(0);
                    if lines
                        .last()
                        .is_some_and(|l| l.trim_start().starts_with(['`', '~']))
                    {
                        lines.pop();
                    }
                }
                lines.iter().map(|l| count_words(l)).sum()
            }
            Block::Faq(f) => {
                f.question
                    .as_ref()
                    .map_or(0, |q| count_words(&q.text.plain))
                    + block_words(doc, &f.answer)
            }
            Block::Html(h) => {
                let text = doc.source.slice(h.span);
                if comment_only(text) {
                    0
                } else {
                    count_words(&strip_comments(text))
                }
            }
            Block::ThematicBreak(_) => 0,
        })
        .sum()
}

/// Words of a section's content, its sub-sections included.
pub fn section_words(doc: &Document, id: SectionId) -> usize {
    let mut total = 0;
    let mut stack = vec![id];
    while let Some(s) = stack.pop() {
        total += block_words(doc, &doc.sections[s].blocks);
        stack.extend(&doc.sections[s].children);
    }
    total
}

/// The heading markers for a level in a message: `###`.
pub fn hashes(level: u8) -> String {
    "#".repeat(usize::from(level.clamp(1, 6)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_definitions_count_unless_they_are_anchors() {
        assert!(has_link_definitions("\n[1]: https://example.org\n"));
        assert!(!has_link_definitions("[drawbacks]: #drawbacks\n"));
        assert!(!has_link_definitions("text [a] b\n"));
        assert!(!has_link_definitions(&strip_comments(
            "<!--\n[x]: https://example.org\n-->\n"
        )));
    }
}
