//! Where a user rule looks: scopes follow the document's structure.
//!
//! | scope | what is searched |
//! |---|---|
//! | `sentence` (default) | each sentence of paragraphs, list items, table cells, FAQ answers and footnotes, on its own (so `^` is the start of a sentence and no match spans two) |
//! | `paragraph` | each paragraph as a whole (`^` is its start) |
//! | `list-item` | each list item's text |
//! | `table-cell` | each table cell |
//! | `heading` | each heading |
//! | `faq` | FAQ questions and answers |
//! | `document` | all prose, headings included |
//!
//! Several scopes may be listed: a run of text is searched whole if a scope
//! other than `sentence` takes it, else sentence by sentence. Code (blocks
//! and inline) is never searched: a match that touches inline code is
//! dropped. Block quotes hold someone else's words and are skipped unless
//! the rule sets `include-quotes = true`.

use std::ops::Range;

use crate::document::{Document, ProseRef, Scope};

/// The scope names, as written in configuration.
pub const NAMES: &[&str] = &[
    "document",
    "faq",
    "heading",
    "list-item",
    "paragraph",
    "sentence",
    "table-cell",
];

/// The scopes a rule looks in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scopes {
    pub document: bool,
    pub faq: bool,
    pub heading: bool,
    pub list_item: bool,
    pub paragraph: bool,
    pub sentence: bool,
    pub table_cell: bool,
    pub include_quotes: bool,
}

impl Scopes {
    /// Turns a scope on by name; false for an unknown name.
    pub fn set(&mut self, name: &str) -> bool {
        let flag = match name {
            "document" => &mut self.document,
            "faq" => &mut self.faq,
            "heading" => &mut self.heading,
            "list-item" => &mut self.list_item,
            "paragraph" => &mut self.paragraph,
            "sentence" => &mut self.sentence,
            "table-cell" => &mut self.table_cell,
            _ => return false,
        };
        *flag = true;
        true
    }

    /// How a run of text is searched, if at all.
    pub fn mode(&self, r: &ProseRef<'_>) -> Option<Mode> {
        if r.in_quote && !self.include_quotes {
            return None;
        }
        let whole = self.document
            || match r.scope {
                Scope::Heading => self.heading,
                Scope::Paragraph => self.paragraph,
                Scope::ListItem => self.list_item,
                Scope::TableCell => self.table_cell,
                Scope::FaqQuestion | Scope::FaqAnswer => self.faq,
                Scope::Footnote => false,
            };
        if whole {
            return Some(Mode::Whole);
        }
        let sentences = self.sentence
            && matches!(
                r.scope,
                Scope::Paragraph
                    | Scope::ListItem
                    | Scope::TableCell
                    | Scope::FaqAnswer
                    | Scope::Footnote
            );
        sentences.then_some(Mode::Sentences)
    }

    /// Every stretch of plain text in scope, in document order: the run, its
    /// index in `doc.prose()`, and the plain range.
    pub fn segments<'d>(&self, doc: &'d Document) -> Vec<Segment<'d>> {
        let mut out = Vec::new();
        for (index, r) in doc.prose().into_iter().enumerate() {
            match self.mode(&r) {
                None => {}
                Some(Mode::Whole) => out.push(Segment {
                    run: r,
                    index,
                    plain: 0..r.prose.text.plain.len(),
                }),
                Some(Mode::Sentences) => {
                    for s in &r.prose.sentences {
                        out.push(Segment {
                            run: r,
                            index,
                            plain: s.plain.clone(),
                        });
                    }
                }
            }
        }
        out
    }
}

/// How a run is searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Whole,
    Sentences,
}

/// A stretch of a run's plain text to search.
#[derive(Clone, Debug)]
pub struct Segment<'d> {
    pub run: ProseRef<'d>,
    /// Index of the run in `doc.prose()` (same index, same paragraph).
    pub index: usize,
    pub plain: Range<usize>,
}

impl Segment<'_> {
    pub fn text(&self) -> &str {
        self.run
            .prose
            .text
            .plain
            .get(self.plain.clone())
            .unwrap_or("")
    }
}
