//! `kind = "occurrence"`: at most `max` or at least `min` matches per
//! `document`, `section` or `paragraph`.
//!
//! - A section counts its own text (heading and the blocks before its first
//!   sub-section), not its sub-sections', so no match counts twice.
//! - A paragraph is one run of text: a paragraph, a list item's text, a
//!   table cell, a heading.
//! - Only units with text in the rule's scope are counted: a section holding
//!   nothing but sub-sections never lacks anything.
//! - Too many: one finding at the first match over the limit, the unit's
//!   other matches as related locations. Too few: one finding at the unit's
//!   heading (or its first sentence, for the text before the first heading
//!   and for paragraphs; the title, for a document).

use std::collections::BTreeMap;

use super::template::Values;
use super::{Common, Hit, TITLE_RUN};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Context, Rule};
use crate::source::Span;

/// The unit an occurrence rule counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Document,
    Section,
    Paragraph,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Document => "document",
            Unit::Section => "section",
            Unit::Paragraph => "paragraph",
        }
    }
}

/// Most related locations given with a finding.
const MAX_RELATED: usize = 20;

pub struct Occurrence {
    pub common: Common,
    pub min: Option<usize>,
    pub max: Option<usize>,
    pub per: Unit,
}

struct UnitCount<'d> {
    /// Where a "too few" finding goes when the unit has no heading.
    start: Span,
    hits: Vec<Hit<'d>>,
}

impl Rule for Occurrence {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut units: BTreeMap<usize, UnitCount<'_>> = BTreeMap::new();
        if let Some((text, offset)) = self.common.title(doc) {
            units.insert(
                self.key(0, TITLE_RUN),
                UnitCount {
                    start: Span::new(offset, offset + text.len()),
                    hits: Vec::new(),
                },
            );
        }
        for seg in self.common.scopes.segments(doc) {
            let key = self.key(seg.run.section, seg.index);
            units.entry(key).or_insert_with(|| {
                let p = seg.run.prose;
                let start = p.sentences.first().map_or(p.span, |s| s.span);
                UnitCount {
                    start,
                    hits: Vec::new(),
                }
            });
        }
        for hit in self.common.hits(doc) {
            if let Some(u) = units.get_mut(&self.key(hit.section, hit.index)) {
                u.hits.push(hit);
            }
        }
        for (key, u) in units {
            let count = u.hits.len();
            if let Some(max) = self.max
                && count > max
            {
                let at = &u.hits[max];
                let message = self.common.message.render(&Values {
                    matched: at.text,
                    count,
                    limit: max,
                    unit: self.per.as_str(),
                    ..Values::default()
                });
                let mut f = ctx.finding(at.span, message);
                for (i, h) in u.hits.iter().enumerate() {
                    if i != max && f.related.len() < MAX_RELATED {
                        f = f.with_related(h.span, format!("match {} of {count}", i + 1));
                    }
                }
                out.push(f);
            }
            if let Some(min) = self.min
                && count < min
            {
                let message = self.common.message.render(&Values {
                    matched: "",
                    count,
                    limit: min,
                    unit: self.per.as_str(),
                    ..Values::default()
                });
                out.push(ctx.finding(self.unit_start(doc, key, u.start), message));
            }
        }
    }
}

impl Occurrence {
    fn key(&self, section: usize, run: usize) -> usize {
        match self.per {
            Unit::Document => 0,
            Unit::Section => section,
            Unit::Paragraph => run,
        }
    }

    fn unit_start(&self, doc: &Document, key: usize, first: Span) -> Span {
        match self.per {
            Unit::Document => doc
                .title
                .as_ref()
                .map(|t| t.span)
                .or_else(|| doc.headed_sections().next().map(|(_, _, h)| h.span))
                .unwrap_or(first),
            Unit::Section => doc
                .sections
                .get(key)
                .and_then(|s| s.heading.as_ref())
                .map_or(first, |h| h.span),
            Unit::Paragraph => first,
        }
    }
}
