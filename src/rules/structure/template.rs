//! Profiles from a template: `template = "path/to/template.md"` makes the
//! template's headings the expected sections, in order and nesting, with
//! headings marked "(Optional)" optional, so a team points copydesk at the
//! template it already has.
//!
//! The two templates copydesk ships (copied in `rules/templates/`, with their
//! licences) are named `builtin:kep` and `builtin:rust-rfc`; the `kep` and
//! `rust-rfc` profiles start from them.

use std::path::Path;

use crate::document::Format;
use crate::source::Source;

use super::matching::{display_name, marked_optional};
use super::profile::SectionSpec;

/// Templates embedded in the binary, by the name after `builtin:`.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "kep",
        include_str!("../../../rules/templates/kep-template.md"),
    ),
    (
        "rust-rfc",
        include_str!("../../../rules/templates/rust-rfc-template.md"),
    ),
];

/// Prefix of a shipped template's name.
pub const BUILTIN_PREFIX: &str = "builtin:";

/// A template's text: a shipped one (`builtin:NAME`) or a file, relative to
/// `base`.
pub fn load(name: &str, base: &Path) -> Result<String, String> {
    if let Some(n) = name.strip_prefix(BUILTIN_PREFIX) {
        return BUILTIN_TEMPLATES
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, t)| t.to_string())
            .ok_or_else(|| {
                format!(
                    "unknown built-in template `{name}` (shipped: {})",
                    BUILTIN_TEMPLATES
                        .iter()
                        .map(|(k, _)| format!("{BUILTIN_PREFIX}{k}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            });
    }
    let path = base.join(name);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read template `{name}`: {e}"))?;
    let source =
        Source::from_bytes(bytes).map_err(|e| format!("cannot read template `{name}`: {e}"))?;
    Ok(source.content().to_string())
}

/// A section a template's heading asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateSection {
    pub spec: SectionSpec,
    /// Index of its parent in the list.
    pub parent: Option<usize>,
}

/// The sections a template's headings ask for, in order (a parent before its
/// sub-sections). The title (a single leading level-1 heading) is not a
/// section; a heading marked "(Optional)" gives an optional section.
pub fn sections(text: &str) -> Vec<TemplateSection> {
    let doc = crate::parse::parse(
        "<template>",
        Source::new(text.to_string()),
        Format::Markdown,
    );
    let mut index: Vec<Option<usize>> = vec![None; doc.sections.len()];
    let mut out: Vec<TemplateSection> = Vec::new();
    for (id, section, heading) in doc.headed_sections() {
        // The nearest ancestor that gave a section.
        let mut parent = section.parent;
        while let Some(p) = parent {
            if index[p].is_some() {
                break;
            }
            parent = doc.sections[p].parent;
        }
        let parent = parent.and_then(|p| index[p]);
        let name = display_name(heading.text());
        if name.is_empty() {
            continue;
        }
        index[id] = Some(out.len());
        out.push(TemplateSection {
            spec: SectionSpec {
                name,
                required: Some(!marked_optional(heading.text())),
                level: Some(section.level),
                ..SectionSpec::default()
            },
            parent,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_become_sections_with_nesting_and_optional_markers() {
        let t = "# Title\n\n## Summary\n\ntext\n\n## Proposal\n\n### Stories (Optional)\n\n#### Story 1\n\n### Risks\n\n## Extra (optional)\n";
        let s = sections(t);
        type Row<'a> = (&'a str, Option<bool>, Option<usize>, Option<u8>);
        let got: Vec<Row> = s
            .iter()
            .map(|x| {
                (
                    x.spec.name.as_str(),
                    x.spec.required,
                    x.parent,
                    x.spec.level,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Summary", Some(true), None, Some(2)),
                ("Proposal", Some(true), None, Some(2)),
                ("Stories", Some(false), Some(1), Some(3)),
                ("Story 1", Some(true), Some(2), Some(4)),
                ("Risks", Some(true), Some(1), Some(3)),
                ("Extra", Some(false), None, Some(2)),
            ]
        );
    }

    #[test]
    fn builtin_templates_load_and_unknown_ones_are_errors() {
        let kep = load("builtin:kep", Path::new("")).unwrap();
        let names: Vec<String> = sections(&kep).into_iter().map(|s| s.spec.name).collect();
        assert!(names.iter().any(|n| n == "Test Plan"));
        assert!(names.iter().any(|n| n == "Drawbacks"));
        let rfc = load("builtin:rust-rfc", Path::new("")).unwrap();
        let names: Vec<String> = sections(&rfc).into_iter().map(|s| s.spec.name).collect();
        assert_eq!(
            names,
            [
                "Summary",
                "Motivation",
                "Guide-level explanation",
                "Reference-level explanation",
                "Drawbacks",
                "Rationale and alternatives",
                "Prior art",
                "Unresolved questions",
                "Future possibilities",
            ]
        );
        let e = load("builtin:nope", Path::new("")).unwrap_err();
        assert!(e.contains("builtin:kep"), "{e}");
        assert!(load("no/such/file.md", Path::new("")).is_err());
    }
}
