//! `duplicate-heading`: sibling headings with the same text.

use rustc_hash::FxHashMap;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::Document;
use crate::finding::{Finding, quote};
use crate::rules::{Context, OptionError, Rule, parse_options};

use super::normalize::{Normalizer, Word, hash_ids};
use super::quote_heading;

declare_rule! {
    /// ## What it does
    /// Finds two headings under the same parent section with the same text
    /// (ignoring case, punctuation, numbering and simple inflection), such as
    /// two "Examples" sections side by side. Headings with the same text under
    /// different parents ("Alternatives" under each proposal of a template)
    /// are fine.
    ///
    /// ## Why
    /// A table of contents with the same entry twice does not tell the reader
    /// which one to open, and links to either heading are ambiguous. It is
    /// usually a section pasted twice or two halves of one topic that belong
    /// together.
    ///
    /// ## How to fix
    /// Merge the two sections, or give each a heading that says what sets it
    /// apart ("Examples: reading" and "Examples: writing").
    ///
    /// ## Options
    /// None.
    ///
    /// ## Example
    /// ```markdown
    /// ## Design
    /// ### Examples
    /// ### Examples
    /// ```
    pub struct DuplicateHeading;
}

/// `duplicate-heading` has no options.
#[derive(Clone, Debug, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
#[schemars(rename = "DuplicateHeadingOptions")]
pub struct Options {}

impl DuplicateHeading {
    pub fn build(table: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        let _: Options = parse_options(table)?;
        Ok(Box::new(DuplicateHeading))
    }

    pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        g.subschema_for::<Options>()
    }
}

impl Rule for DuplicateHeading {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut norm = Normalizer::new();
        let mut words: Vec<Word> = Vec::new();
        let mut seen: FxHashMap<(usize, u64), usize> = FxHashMap::default();
        for (id, section, heading) in doc.headed_sections() {
            let parent = section.parent.unwrap_or(0);
            words.clear();
            norm.words(heading.text(), &mut words);
            // Numbering ("2.1", "IV" is left alone) is not part of the text.
            let key: Vec<u64> = words
                .iter()
                .skip_while(|w| {
                    heading.text()[w.plain()]
                        .chars()
                        .all(|c| c.is_ascii_digit())
                })
                .map(|w| w.id)
                .collect();
            if key.is_empty() {
                continue;
            }
            let h = hash_ids(key);
            match seen.get(&(parent, h)) {
                None => {
                    seen.insert((parent, h), id);
                }
                Some(&first) => {
                    let Some(fh) = doc.sections[first].heading.as_ref() else {
                        continue;
                    };
                    let under = match doc.sections[parent].heading.as_ref() {
                        Some(p) => format!(" under {}", quote_heading(p.text())),
                        None => String::new(),
                    };
                    let msg = format!(
                        "heading {} repeats the heading on line {}{under}",
                        quote(heading.text(), 60),
                        fh.line
                    );
                    out.push(
                        ctx.finding(heading.span, msg)
                            .with_related(fh.span, "the same heading")
                            .with_help(
                                "merge the two sections or give each a heading that says what sets it apart",
                            ),
                    );
                }
            }
        }
    }
}
