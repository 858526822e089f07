//! `heading-level-skip`: a heading more than one level below its parent.

use std::sync::Arc;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Document, HeadingKind, SectionId};
use crate::finding::{Edit, Finding};
use crate::rules::{Context, OptionError, Rule};
use crate::source::Span;

use super::matching::match_document;
use super::profile::Profile;
use super::{hashes, profile_of, quote_heading};

declare_rule! {
    /// ## What it does
    /// Reports a heading more than one level below the heading it belongs
    /// to: a `####` directly under a `##`. A document's title counts as
    /// level 1, so with a title the first sections are expected at level 2;
    /// without one, the first heading may be at any level.
    ///
    /// Levels a profile's template itself uses are accepted: the KEP
    /// template puts `#####` test-plan headings under `### Test Plan`, so
    /// with `--profile kep` those are not reported.
    ///
    /// For a Markdown `#` heading with no sub-headings, the fix changes its
    /// level; for others (a heading with sub-headings, which would need to
    /// move too, an underlined heading, a heading inferred in plain text) the
    /// help says what to do.
    ///
    /// ## Why
    /// Skipped levels break the outline that tables of contents, screen
    /// readers and document converters build from headings, and usually mean
    /// a section was pasted from elsewhere or a level was forgotten.
    ///
    /// ## How to fix
    /// Give the heading the level just below its parent's (and move its
    /// sub-headings up with it), or add the missing intermediate heading.
    ///
    /// ## Options
    /// None.
    ///
    /// ## Example
    /// ```markdown
    /// ## Design
    /// #### Storage
    /// ```
    /// reports: heading “Storage” skips a level: level 4 under “Design”
    /// (level 2); fix: make it `###`.
    pub struct HeadingLevelSkip {
        profile: Arc<Profile>,
    }
}

impl HeadingLevelSkip {
    pub fn build(options: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        crate::rules::parse_options::<super::NoOptions>(options)?;
        Ok(Box::new(HeadingLevelSkip {
            profile: profile_of(ctx)?,
        }))
    }
}

/// The `#` run of an ATX heading, if it has `level` of them.
fn atx_marker(doc: &Document, id: SectionId) -> Option<Span> {
    let h = doc.sections[id].heading.as_ref()?;
    if h.kind != HeadingKind::Atx {
        return None;
    }
    let text = doc.source.slice(h.span);
    let indent = text.len() - text.trim_start_matches(' ').len();
    let hashes = text[indent..].len() - text[indent..].trim_start_matches('#').len();
    (hashes == usize::from(doc.sections[id].level))
        .then(|| Span::new(h.span.start + indent, h.span.start + indent + hashes))
}

impl Rule for HeadingLevelSkip {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let profile = &*self.profile;
        let m = (!profile.is_empty()).then(|| match_document(profile, doc));
        // Levels the profile expects under a matched section (or at the top).
        let expected_under = |parent: SectionId, level: u8| -> bool {
            let Some(m) = &m else { return false };
            let children: Vec<usize> = if parent == 0 {
                profile.roots().collect()
            } else {
                match m.spec_of[parent] {
                    Some(s) => profile.sections[s].children.clone(),
                    None => return false,
                }
            };
            children
                .iter()
                .any(|&c| profile.sections[c].level == Some(level))
        };
        for (id, section, _) in doc.headed_sections() {
            let Some(parent) = section.parent else {
                continue;
            };
            let parent_level = if parent == 0 {
                if doc.title.is_none() {
                    continue;
                }
                1
            } else {
                doc.sections[parent].level
            };
            if section.level <= parent_level + 1 || expected_under(parent, section.level) {
                continue;
            }
            let want = parent_level + 1;
            let under = if parent == 0 {
                "the title (level 1)".to_string()
            } else {
                format!("{} (level {parent_level})", quote_heading(doc, parent))
            };
            let message = format!(
                "heading {} skips a level: level {} under {under}",
                quote_heading(doc, id),
                section.level
            );
            let span = super::heading_span(doc, id);
            let mut f = ctx.finding(span, message);
            match atx_marker(doc, id) {
                Some(marker) if section.children.is_empty() => {
                    f = f.with_fix(
                        format!("make it a level-{want} heading (`{}`)", hashes(want)),
                        vec![Edit {
                            span: marker,
                            replacement: hashes(want),
                        }],
                    );
                }
                Some(_) => {
                    f = f.with_help(format!(
                        "make it a level-{want} heading (`{}`) and move its sub-headings up by {} level{} too",
                        hashes(want),
                        section.level - want,
                        if section.level - want == 1 { "" } else { "s" }
                    ));
                }
                None => {
                    f = f.with_help(format!(
                        "make it a level-{want} heading, or add the missing heading between"
                    ));
                }
            }
            out.push(f);
        }
    }
}
