//! `missing-section`: a section the profile requires is absent.

use std::sync::Arc;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::rules::{Context, OptionError, Rule};
use crate::source::Span;

use super::matching::{Matches, match_document};
use super::profile::{Need, Profile, SectionKind};
use super::{first_line, hashes, profile_of, quote_name};

declare_rule! {
    /// ## What it does
    /// Reports a section the profile requires that the document does not
    /// have, and says where it is expected: under which section, after or
    /// before which one.
    ///
    /// Headings are matched the way a reviewer reads them: case,
    /// punctuation, numbering ("2. Background", "II. BACKGROUND") and
    /// "(Optional)" markers do not matter; a section's aliases and patterns
    /// count as it ("Detailed design" for "Reference-level explanation" in
    /// the `rust-rfc` profile); "Background and context" counts as
    /// "Background", and one heading joining two sections ("Drawbacks and
    /// alternatives") counts as both. When a section is missing, its
    /// sub-sections are not reported too; when a section has none of its
    /// required sub-sections (a test plan written as one paragraph), one
    /// finding lists them.
    ///
    /// This rule does nothing without a profile that lists sections
    /// (`--profile`, `extends`, or a `[structure]` table): a README checked
    /// with no profile gets no "missing section" noise. Plain-text files get
    /// the `article` profile unless another is chosen.
    ///
    /// ## Why
    /// Teams that write against a template (RFCs, KEPs, policy briefs)
    /// review drafts for the sections the template asks for; a missing
    /// "Drawbacks" or "Test Plan" is the first thing a reviewer sends back.
    ///
    /// ## How to fix
    /// Add the section where the message says, or, if your document names
    /// it differently, add the name as an alias in your `copydesk.toml`:
    ///
    /// ```toml
    /// [[structure.sections]]
    /// name = "Drawbacks"
    /// aliases = ["Downsides"]
    /// ```
    ///
    /// A section that does not apply can be made optional the same way
    /// (`required = false`).
    ///
    /// ## Options
    /// None of its own: the sections come from the profile's `[structure]`
    /// table, which a `copydesk.toml` can extend or amend:
    ///
    /// ```toml
    /// extends = "kep"               # or a shipped profile via --profile
    /// [structure]
    /// template = "docs/template.md" # headings = sections; "(Optional)" ones optional;
    ///                               # `builtin:kep`, `builtin:rust-rfc` are shipped
    /// strict = false                # true: headings matching no section are reported
    /// [[structure.sections]]        # in order; with a template, amends it by name
    /// name = "Background"           # canonical name, as messages give it
    /// aliases = ["Context"]         # other names that count
    /// patterns = ["^history\\b"]    # regular expressions (case-insensitive)
    /// required = true               # default true
    /// # required-when = "claims"    # required only if the text makes uncited claims
    /// # kind = "title" | "introduction"  (default: a heading)
    /// parent = "Proposal"           # belongs under this section (listed earlier)
    /// level = 2                     # heading level expected
    /// min-words = 50                # see `section-too-short`
    /// loose = true                  # also "Background and context"; false for
    ///                               # common words ("Sources")
    /// ```
    ///
    /// ## Example
    /// With `--profile rust-rfc`, an RFC whose sections go "Summary,
    /// Motivation, Guide-level explanation, Reference-level explanation,
    /// Rationale and alternatives, ..." gets: missing section ‘Drawbacks’,
    /// expected after “Reference-level explanation”.
    pub struct MissingSection {
        profile: Arc<Profile>,
    }
}

impl MissingSection {
    pub fn build(options: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        crate::rules::parse_options::<super::NoOptions>(options)?;
        Ok(Box::new(MissingSection {
            profile: profile_of(ctx)?,
        }))
    }
}

/// Where a missing section is expected: the sections found around it.
struct Place {
    after: Option<Span>,
    after_text: Option<String>,
    before: Option<Span>,
    before_text: Option<String>,
    under: Option<Span>,
    under_text: Option<String>,
    level: u8,
}

/// The text a found section is quoted by: its heading as written, or the
/// section's name for the title and an introduction without a heading.
fn found_text(doc: &Document, m: &Matches, profile: &Profile, i: usize) -> Option<String> {
    let f = m.found[i]?;
    Some(match f.section {
        Some(id) => super::quote_heading(doc, id),
        None => match profile.sections[i].kind {
            SectionKind::Title => "the title".to_string(),
            _ => "the introduction".to_string(),
        },
    })
}

fn place(doc: &Document, m: &Matches, profile: &Profile, i: usize) -> Place {
    let siblings = profile.siblings(i);
    let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
    let after = siblings[..pos].iter().rev().copied().find(|&s| m.has(s));
    let before = siblings[pos + 1..].iter().copied().find(|&s| m.has(s));
    let under = profile.sections[i].parent.filter(|&p| m.has(p));
    let span_of = |s: usize| m.found[s].map(|f| f.span);
    let level_of = |s: usize| {
        m.found[s]
            .and_then(|f| f.section)
            .map(|id| doc.sections[id].level)
            .filter(|&l| l > 0)
    };
    // The document's own levels first: an RFC written with `#` sections
    // gets a `#` heading suggested.
    let level = after
        .and_then(level_of)
        .or_else(|| before.and_then(level_of))
        .or(profile.sections[i].level)
        .or_else(|| under.and_then(level_of).map(|l| (l + 1).min(6)))
        .unwrap_or(2);
    // A top-level section with nothing listed after it, and only the title
    // or the introduction before it (a conclusion), goes at the end.
    let heading_kind = |s: usize| profile.sections[s].kind == SectionKind::Heading;
    if profile.sections[i].parent.is_none()
        && before.is_none()
        && !after.is_some_and(heading_kind)
        && let Some(&last) = doc.root().children.last()
    {
        let level = Some(doc.sections[last].level).filter(|&l| l > 0);
        return Place {
            after: Some(super::heading_span(doc, last)),
            after_text: Some(format!(
                "the last section, {}",
                super::quote_heading(doc, last)
            )),
            before: None,
            before_text: None,
            under: None,
            under_text: None,
            level: level.or(profile.sections[i].level).unwrap_or(2),
        };
    }
    Place {
        after: after.and_then(span_of),
        after_text: after.and_then(|s| found_text(doc, m, profile, s)),
        before: before.and_then(span_of),
        before_text: before.and_then(|s| found_text(doc, m, profile, s)),
        under: under.and_then(span_of),
        under_text: under.and_then(|s| found_text(doc, m, profile, s)),
        level,
    }
}

impl Place {
    /// "under “Design Details”, after “Version Skew Strategy”".
    fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(u) = &self.under_text {
            parts.push(format!("under {u}"));
        }
        if let Some(a) = &self.after_text {
            parts.push(format!("after {a}"));
        } else if let Some(b) = &self.before_text {
            parts.push(format!("before {b}"));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// What the finding points at: the section it should follow, else its
    /// parent, else the one it should precede.
    fn anchor(&self) -> Option<Span> {
        self.after.or(self.under).or(self.before)
    }
}

/// Whether every section above profile section `i` was found.
fn ancestors_found(profile: &Profile, m: &Matches, i: usize) -> bool {
    let mut cur = profile.sections[i].parent;
    while let Some(p) = cur {
        if !m.has(p) {
            return false;
        }
        cur = profile.sections[p].parent;
    }
    true
}

/// "(also accepted: ‘Detailed design’)".
fn also_accepted(aliases: &[String]) -> String {
    if aliases.is_empty() {
        return String::new();
    }
    let names: Vec<String> = aliases.iter().take(3).map(|a| quote_name(a)).collect();
    format!(" (also accepted: {})", names.join(", "))
}

impl Rule for MissingSection {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let profile = &*self.profile;
        if profile.is_empty() {
            return;
        }
        let m = match_document(profile, doc);
        let mut claims: Option<usize> = None;
        let mut grouped = vec![false; profile.sections.len()];
        for (p, e) in profile.sections.iter().enumerate() {
            if let Some(f) = self.none_of_its_sub_sections(doc, ctx, &m, p) {
                for &c in &e.children {
                    grouped[c] = true;
                }
                out.push(f);
            }
        }
        for (i, e) in profile.sections.iter().enumerate() {
            if m.has(i) || grouped[i] {
                continue;
            }
            // A missing parent is reported once, not with each sub-section
            // (nor with theirs); an absent optional parent needs none of
            // its sub-sections.
            if !ancestors_found(profile, &m, i) {
                continue;
            }
            let n_claims = match e.need {
                Need::Required => 0,
                Need::Optional => continue,
                Need::IfClaims => {
                    let n = *claims
                        .get_or_insert_with(|| crate::rules::claims::unsupported_claim_count(doc));
                    if n == 0 {
                        continue;
                    }
                    n
                }
            };
            out.push(self.finding(doc, ctx, &m, i, n_claims));
        }
    }
}

impl MissingSection {
    /// One finding for a section that has none of its sub-sections when it
    /// requires two or more: the author wrote it as prose, or skipped the
    /// breakdown; one finding says so better than one per sub-section.
    fn none_of_its_sub_sections(
        &self,
        doc: &Document,
        ctx: &Context<'_>,
        m: &Matches,
        p: usize,
    ) -> Option<Finding> {
        let profile = &*self.profile;
        let e = &profile.sections[p];
        let f = m.found[p]?;
        let id = f.section?;
        // Under a missing ancestor, the ancestor alone is reported.
        if !ancestors_found(profile, m, p) || e.children.iter().any(|&c| m.has(c)) {
            return None;
        }
        let required: Vec<usize> = e
            .children
            .iter()
            .copied()
            .filter(|&c| profile.sections[c].need == Need::Required)
            .collect();
        if required.len() < 2 {
            return None;
        }
        let names: Vec<String> = required
            .iter()
            .map(|&c| quote_name(&profile.sections[c].name))
            .collect();
        let level = profile.sections[required[0]]
            .level
            .unwrap_or((doc.sections[id].level + 1).min(6));
        let heading = super::quote_heading(doc, id);
        let how = if doc.format == Format::Markdown {
            format!(" as `{}` headings", hashes(level))
        } else {
            String::new()
        };
        Some(
            ctx.finding(
                f.span,
                format!(
                    "section {heading} has none of its sub-sections: {}",
                    names.join(", ")
                ),
            )
            .with_help(format!("add them under {heading}{how}, in that order")),
        )
    }

    fn finding(
        &self,
        doc: &Document,
        ctx: &Context<'_>,
        m: &Matches,
        i: usize,
        claims: usize,
    ) -> Finding {
        let profile = &*self.profile;
        let e = &profile.sections[i];
        let markdown = doc.format == Format::Markdown;
        match e.kind {
            SectionKind::Title => {
                return ctx
                    .finding(first_line(doc), "the document has no title")
                    .with_help(if markdown {
                        "start the document with a `# Title` heading (or a `title` in its front matter)"
                    } else {
                        "put the title on the first line, on its own"
                    });
            }
            SectionKind::Introduction => {
                let first = doc.root().children.first().copied();
                let (span, msg) = match first {
                    Some(id) => (
                        super::heading_span(doc, id),
                        format!(
                            "no introduction: the document starts with the section {}",
                            super::quote_heading(doc, id)
                        ),
                    ),
                    None => (first_line(doc), "no introduction".to_string()),
                };
                return ctx.finding(span, msg).with_help(
                    "before the first heading, add a paragraph that says what the document is about and why it matters",
                );
            }
            SectionKind::Heading => {}
        }
        let p = place(doc, m, profile, i);
        let span = p.anchor().unwrap_or_else(|| {
            doc.title
                .as_ref()
                .map_or_else(|| first_line(doc), |t| t.span)
        });
        let name = quote_name(&e.name);
        let placed = p.describe();
        let message = if claims > 0 {
            let or = e
                .aliases
                .first()
                .map(|a| format!(" or {}", quote_name(a)))
                .unwrap_or_default();
            let at = placed
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            format!(
                "add a {name}{or} section{at}: the article makes {claims} claim{} without citations",
                if claims == 1 { "" } else { "s" }
            )
        } else {
            match &placed {
                Some(d) => format!("missing section {name}, expected {d}"),
                None => format!("missing section {name}"),
            }
        };
        let heading = if markdown {
            format!("a `{} {}` section", hashes(p.level), e.name)
        } else {
            format!("a section headed {name}")
        };
        let where_ = placed
            .as_deref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        let help = if claims > 0 {
            format!(
                "list where the figures and claims come from in {heading}{where_}, and cite them where they are made"
            )
        } else {
            format!("add {heading}{where_}{}", also_accepted(&e.aliases))
        };
        let mut f = ctx.finding(span, message).with_help(help);
        if p.after.is_some()
            && let Some(b) = p.before
        {
            f = f.with_related(b, format!("{name} goes before this section"));
        }
        f
    }
}
