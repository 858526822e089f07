//! The `[structure]` configuration: which sections a document must have.

use serde::Deserialize;

/// Required sections and how strictly headings are checked.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StructureConfig {
    /// A Markdown template whose headings are the required sections, in
    /// order and nesting; headings marked "(Optional)" are optional. Relative
    /// to the configuration file.
    pub template: Option<String>,
    /// Report headings that match no listed section.
    pub strict: Option<bool>,
    /// The sections, in order.
    pub sections: Option<Vec<SectionSpec>>,
}

impl StructureConfig {
    /// Overrides this configuration's fields with those `other` sets.
    pub fn merge(&mut self, other: StructureConfig) {
        if other.template.is_some() {
            self.template = other.template;
        }
        if other.strict.is_some() {
            self.strict = other.strict;
        }
        if other.sections.is_some() {
            self.sections = other.sections;
        }
    }
}

/// One expected section.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionSpec {
    /// The canonical name, as messages give it.
    pub name: String,
    /// Other names that count as this section (matched ignoring case,
    /// punctuation and numbering).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Regular expressions a heading may match instead.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Whether the section must be present (default true).
    pub required: Option<bool>,
    /// The canonical name of the section it belongs under.
    pub parent: Option<String>,
    /// The heading level it is expected at.
    pub level: Option<u8>,
    /// Fewest words its content may have (`section-too-short`).
    pub min_words: Option<usize>,
}
