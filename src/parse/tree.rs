//! Nesting headings into sections by level.

use crate::document::{Block, Heading, Section, SectionId};
use crate::source::Span;

/// Collects headings and blocks in document order and nests the sections.
pub struct TreeBuilder {
    sections: Vec<Section>,
    /// Open sections, innermost last; always starts with the root.
    stack: Vec<SectionId>,
}

impl TreeBuilder {
    /// A builder whose root section starts at `start`.
    pub fn new(start: usize) -> TreeBuilder {
        TreeBuilder {
            sections: vec![Section {
                heading: None,
                level: 0,
                span: Span::new(start, start),
                parent: None,
                children: Vec::new(),
                blocks: Vec::new(),
            }],
            stack: vec![0],
        }
    }

    /// Opens a section: it closes every open section of the same or a deeper
    /// level and becomes a child of the innermost one left.
    pub fn heading(&mut self, heading: Heading, level: u8) -> SectionId {
        while self.stack.len() > 1 && self.sections[*self.stack.last().unwrap()].level >= level {
            self.stack.pop();
        }
        let parent = *self.stack.last().unwrap();
        let id = self.sections.len();
        let start = heading.span.start;
        self.sections.push(Section {
            heading: Some(heading),
            level,
            span: Span::new(start, start),
            parent: Some(parent),
            children: Vec::new(),
            blocks: Vec::new(),
        });
        self.sections[parent].children.push(id);
        self.stack.push(id);
        id
    }

    /// Appends a block to the innermost open section.
    pub fn block(&mut self, block: Block) {
        let id = *self.stack.last().unwrap();
        self.sections[id].blocks.push(block);
    }

    /// The innermost open section.
    pub fn current(&self) -> SectionId {
        *self.stack.last().unwrap()
    }

    pub fn section_mut(&mut self, id: SectionId) -> &mut Section {
        &mut self.sections[id]
    }

    /// Closes every section at `end` and sets each section's span to run from
    /// its heading to the start of the next heading of the same or a higher
    /// level (or `end`).
    pub fn finish(mut self, end: usize) -> Vec<Section> {
        // Walk backwards keeping, per level, where the next section of that level
        // or higher starts.
        let mut next_at_or_above = [end; 8];
        for id in (1..self.sections.len()).rev() {
            let level = self.sections[id].level.min(7) as usize;
            let start = self.sections[id].span.start;
            self.sections[id].span.end = next_at_or_above[level].max(start);
            for slot in next_at_or_above.iter_mut().skip(level) {
                *slot = start;
            }
        }
        self.sections[0].span.end = end.max(self.sections[0].span.start);
        for s in &mut self.sections {
            s.blocks.shrink_to_fit();
            s.children.shrink_to_fit();
        }
        self.sections.shrink_to_fit();
        self.sections
    }
}
