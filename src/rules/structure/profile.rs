//! The `[structure]` configuration (which sections a document must have) and
//! the compiled [`Profile`] the structure rules read.
//!
//! A profile's sections come from a Markdown template (`template = ...`), from
//! a list (`[[structure.sections]]`), or both: listed sections whose name is a
//! template heading amend it (add aliases and patterns, make it optional, set
//! a minimum length), the others are added, under their `parent` if they name
//! one, after the sections already there.
//!
//! Layers combine field by field: a later `template` or `strict` replaces an
//! earlier one; listed sections merge by name (a later entry amends the
//! earlier one of the same name, a new name is appended). A layer that
//! changes the template drops the earlier layers' sections, which amended the
//! old template.

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::matching::normalise;
use super::template;

/// Required sections and how strictly headings are checked.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StructureConfig {
    /// A Markdown template whose headings are the required sections, in
    /// order and nesting; headings marked "(Optional)" are optional. A path
    /// relative to the configuration file, or `builtin:kep` /
    /// `builtin:rust-rfc` for the templates shipped with copydesk.
    pub template: Option<String>,
    /// Report headings that match no section of the profile
    /// (`unexpected-section`).
    pub strict: Option<bool>,
    /// The sections, in order (with a template: amendments and additions).
    pub sections: Option<Vec<SectionSpec>>,
}

impl StructureConfig {
    /// Overrides this configuration with what `other` (a later layer) sets.
    pub fn merge(&mut self, other: StructureConfig) {
        if let Some(t) = other.template {
            if self.template.as_ref() != Some(&t) {
                // Earlier sections amended the earlier template.
                self.sections = None;
            }
            self.template = Some(t);
        }
        if other.strict.is_some() {
            self.strict = other.strict;
        }
        if let Some(list) = other.sections {
            let mine = self.sections.get_or_insert_with(Vec::new);
            for s in list {
                let key = normalise(&s.name);
                match mine.iter_mut().find(|m| normalise(&m.name) == key) {
                    Some(m) => m.amend(s),
                    None => mine.push(s),
                }
            }
        }
    }

    /// Whether the configuration asks for anything.
    pub fn is_empty(&self) -> bool {
        self.template.is_none() && self.sections.as_ref().is_none_or(Vec::is_empty)
    }
}

/// What a section is: a heading, or a part of the document no heading names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// A heading and its content (the default).
    #[default]
    Heading,
    /// The document's title (a leading level-1 heading, the first line of a
    /// plain-text file, or a `title` in the front matter).
    Title,
    /// Text before the first heading, or a first heading that matches the
    /// section's name or aliases.
    Introduction,
}

/// When a section is required although `required` does not say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// The document makes claims without citing anything (statistics,
    /// superlatives): then it needs its sources.
    Claims,
}

/// One expected section.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionSpec {
    /// The canonical name, as messages give it.
    pub name: String,
    /// Other names that count as this section (matched ignoring case,
    /// punctuation, numbering and "(Optional)" markers).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Regular expressions a heading may match instead (case-insensitive,
    /// tried on the heading as written and on its normalised form: lower
    /// case, numbering and punctuation removed).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Whether the section must be present (default true).
    pub required: Option<bool>,
    /// Required only under this condition (overrides `required`).
    pub required_when: Option<Condition>,
    /// `heading` (default), `title` or `introduction`.
    pub kind: Option<SectionKind>,
    /// The canonical name of the section it belongs under (listed before it).
    pub parent: Option<String>,
    /// The heading level it is expected at (1 to 6).
    pub level: Option<u8>,
    /// Fewest words its content may have (`section-too-short`).
    pub min_words: Option<usize>,
    /// Also count a heading that starts with the name ("Background and
    /// context") or ends with it after a word or two ("Potential
    /// drawbacks"); default true. Set false for names that are common words
    /// ("Sources" should not match "Renewable energy sources").
    pub loose: Option<bool>,
}

impl SectionSpec {
    /// Applies a later layer's entry for the same section.
    fn amend(&mut self, other: SectionSpec) {
        for a in other.aliases {
            if !self.aliases.contains(&a) {
                self.aliases.push(a);
            }
        }
        for p in other.patterns {
            if !self.patterns.contains(&p) {
                self.patterns.push(p);
            }
        }
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f; } )* };
        }
        take!(
            required,
            required_when,
            kind,
            parent,
            level,
            min_words,
            loose
        );
    }
}

/// Whether a section must be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Required when the document makes unsupported claims.
    IfClaims,
}

/// A section of a compiled profile.
#[derive(Clone, Debug)]
pub struct Expected {
    /// The canonical name, for messages.
    pub name: String,
    /// Other names, for messages.
    pub aliases: Vec<String>,
    /// Normalised name and aliases: the first is the name's.
    pub keys: Vec<String>,
    pub patterns: Vec<Regex>,
    pub need: Need,
    pub kind: SectionKind,
    /// Index of the parent section in [`Profile::sections`].
    pub parent: Option<usize>,
    /// Indices of the sub-sections, in order.
    pub children: Vec<usize>,
    pub level: Option<u8>,
    pub min_words: Option<usize>,
    /// Whether prefix and suffix matches count.
    pub loose: bool,
}

/// The structure a document is checked against, compiled from
/// [`StructureConfig`]: sections in document order (a parent before its
/// children), with their patterns compiled.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub sections: Vec<Expected>,
    pub strict: bool,
}

/// Why a `[structure]` configuration could not be compiled: the key at
/// fault and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    pub key: Option<&'static str>,
    pub message: String,
}

impl ProfileError {
    fn new(key: &'static str, message: impl Into<String>) -> ProfileError {
        ProfileError {
            key: Some(key),
            message: message.into(),
        }
    }
}

/// A section being assembled, before flattening.
#[derive(Clone, Debug)]
struct Draft {
    spec: SectionSpec,
    parent: Option<usize>,
    children: Vec<usize>,
}

impl Profile {
    /// Compiles a configuration; a relative template path is read from
    /// `base` (the directory of the file that set it).
    pub fn compile(config: &StructureConfig, base: &Path) -> Result<Profile, ProfileError> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut roots: Vec<usize> = Vec::new();
        if let Some(t) = &config.template {
            let text = template::load(t, base).map_err(|m| ProfileError::new("template", m))?;
            for s in template::sections(&text) {
                let id = drafts.len();
                match s.parent {
                    Some(p) => drafts[p].children.push(id),
                    None => roots.push(id),
                }
                drafts.push(Draft {
                    spec: s.spec,
                    parent: s.parent,
                    children: Vec::new(),
                });
            }
        }
        let template_len = drafts.len();
        for s in config.sections.iter().flatten() {
            if s.name.trim().is_empty() {
                return Err(ProfileError::new("name", "a section has an empty `name`"));
            }
            let key = normalise(&s.name);
            let targets: Vec<usize> = (0..template_len)
                .filter(|&i| normalise(&drafts[i].spec.name) == key)
                .collect();
            if !targets.is_empty() {
                for i in targets {
                    let mut amendment = s.clone();
                    // The template's nesting stands.
                    amendment.parent = None;
                    drafts[i].spec.amend(amendment);
                }
                continue;
            }
            let parent = match &s.parent {
                None => None,
                Some(p) => {
                    let pk = normalise(p);
                    let found = drafts
                        .iter()
                        .rposition(|d| normalise(&d.spec.name) == pk)
                        .ok_or_else(|| {
                            ProfileError::new(
                                "parent",
                                format!(
                                    "section `{}` names parent `{p}`, which is not a section listed before it",
                                    s.name
                                ),
                            )
                        })?;
                    Some(found)
                }
            };
            let id = drafts.len();
            match parent {
                Some(p) => drafts[p].children.push(id),
                None => roots.push(id),
            }
            drafts.push(Draft {
                spec: s.clone(),
                parent,
                children: Vec::new(),
            });
        }
        // Flatten in pre-order.
        let mut order = Vec::with_capacity(drafts.len());
        let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            order.push(i);
            stack.extend(drafts[i].children.iter().rev());
        }
        let mut index_of = vec![0; drafts.len()];
        for (new, &old) in order.iter().enumerate() {
            index_of[old] = new;
        }
        let mut sections = Vec::with_capacity(order.len());
        for &old in &order {
            let d = &drafts[old];
            sections.push(compile_one(
                &d.spec,
                d.parent.map(|p| index_of[p]),
                d.children.iter().map(|&c| index_of[c]).collect(),
            )?);
        }
        Ok(Profile {
            sections,
            strict: config.strict.unwrap_or(false),
        })
    }

    /// Whether the profile expects any section at all.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// The top-level sections, in order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.sections.len()).filter(|&i| self.sections[i].parent.is_none())
    }

    /// The sections under the same parent as `i` (itself included), in order.
    pub fn siblings(&self, i: usize) -> Vec<usize> {
        match self.sections[i].parent {
            Some(p) => self.sections[p].children.clone(),
            None => self.roots().collect(),
        }
    }
}

fn compile_one(
    s: &SectionSpec,
    parent: Option<usize>,
    children: Vec<usize>,
) -> Result<Expected, ProfileError> {
    let kind = s.kind.unwrap_or_default();
    if kind != SectionKind::Heading && parent.is_some() {
        return Err(ProfileError::new(
            "kind",
            format!(
                "section `{}`: a `{}` cannot have a parent",
                s.name,
                if kind == SectionKind::Title {
                    "title"
                } else {
                    "introduction"
                }
            ),
        ));
    }
    if let Some(l) = s.level
        && !(1..=6).contains(&l)
    {
        return Err(ProfileError::new(
            "level",
            format!("section `{}`: level {l} is not between 1 and 6", s.name),
        ));
    }
    let mut keys = vec![normalise(&s.name)];
    for a in &s.aliases {
        let k = normalise(a);
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    let mut patterns = Vec::new();
    for p in &s.patterns {
        let re = RegexBuilder::new(p)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| {
                ProfileError::new(
                    "patterns",
                    format!("section `{}`: invalid pattern `{p}`: {e}", s.name),
                )
            })?;
        patterns.push(re);
    }
    let need = match (s.required_when, s.required) {
        (Some(Condition::Claims), _) => Need::IfClaims,
        (None, Some(false)) => Need::Optional,
        (None, _) => Need::Required,
    };
    Ok(Expected {
        name: s.name.trim().to_string(),
        aliases: s.aliases.clone(),
        keys,
        patterns,
        need,
        kind,
        parent,
        children,
        level: s.level,
        min_words: s.min_words,
        loose: s.loose.unwrap_or(true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str) -> SectionSpec {
        SectionSpec {
            name: name.into(),
            ..SectionSpec::default()
        }
    }

    #[test]
    fn listed_sections_nest_under_their_parent_in_pre_order() {
        let mut child = spec("Goals");
        child.parent = Some("Motivation".into());
        let config = StructureConfig {
            sections: Some(vec![
                spec("Summary"),
                spec("Motivation"),
                spec("Design"),
                child,
            ]),
            ..Default::default()
        };
        let p = Profile::compile(&config, Path::new("")).unwrap();
        let names: Vec<&str> = p.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Summary", "Motivation", "Goals", "Design"]);
        assert_eq!(p.sections[2].parent, Some(1));
        assert_eq!(p.sections[1].children, vec![2]);
    }

    #[test]
    fn unknown_parent_and_bad_pattern_are_errors() {
        let mut child = spec("Goals");
        child.parent = Some("Nowhere".into());
        let config = StructureConfig {
            sections: Some(vec![child]),
            ..Default::default()
        };
        let e = Profile::compile(&config, Path::new("")).unwrap_err();
        assert_eq!(e.key, Some("parent"));
        let mut bad = spec("Summary");
        bad.patterns = vec!["(".into()];
        let config = StructureConfig {
            sections: Some(vec![bad]),
            ..Default::default()
        };
        let e = Profile::compile(&config, Path::new("")).unwrap_err();
        assert_eq!(e.key, Some("patterns"));
    }

    #[test]
    fn later_layers_amend_sections_by_name_and_a_new_template_drops_them() {
        let mut base = StructureConfig {
            template: Some("a.md".into()),
            sections: Some(vec![spec("Summary")]),
            ..Default::default()
        };
        let mut amend = spec("summary");
        amend.required = Some(false);
        amend.aliases = vec!["Abstract".into()];
        base.merge(StructureConfig {
            sections: Some(vec![amend, spec("Notes")]),
            ..Default::default()
        });
        let s = base.sections.as_ref().unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "Summary");
        assert_eq!(s[0].required, Some(false));
        assert_eq!(s[0].aliases, ["Abstract"]);
        base.merge(StructureConfig {
            template: Some("b.md".into()),
            ..Default::default()
        });
        assert!(base.sections.is_none());
    }
}
