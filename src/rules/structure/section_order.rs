//! `section-order`: sections the profile lists are present but out of order,
//! or outside the section they belong under.

use std::sync::Arc;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Context, OptionError, Rule};

use super::matching::{Matches, match_document};
use super::profile::{Profile, SectionKind};
use super::{profile_of, quote_heading, quote_name};

declare_rule! {
    /// ## What it does
    /// Reports sections that are present but not where the profile puts
    /// them: out of order among their siblings ("Drawbacks" before
    /// "Motivation"), or outside the section they belong under (a KEP's
    /// "Test Plan" that is not under "Design Details").
    ///
    /// Among the sections of one level it keeps the longest run that is in
    /// the expected order and reports the others, so one section moved out
    /// of place gives one finding, not one for every section after it.
    /// Optional sections are checked too when present. Headings the profile
    /// does not list do not matter.
    ///
    /// Like `missing-section`, it does nothing without a profile that lists
    /// sections.
    ///
    /// ## Why
    /// Reviewers read a templated document in the template's order; a
    /// section in an unexpected place is read late or not at all.
    ///
    /// ## How to fix
    /// Move the section (its heading and its content) to where the message
    /// says. If your team orders sections differently, change the order in
    /// your profile (see `copydesk explain missing-section`).
    ///
    /// ## Options
    /// None: the order comes from the profile's `[structure]` table.
    ///
    /// ## Example
    /// With `--profile kep`, a KEP whose "## Drawbacks" comes before
    /// "## Implementation History" gets: section “Drawbacks” is out of
    /// order: expected after “Implementation History”.
    pub struct SectionOrder {
        profile: Arc<Profile>,
    }
}

impl SectionOrder {
    pub fn build(options: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        crate::rules::parse_options::<super::NoOptions>(options)?;
        Ok(Box::new(SectionOrder {
            profile: profile_of(ctx)?,
        }))
    }
}

/// Indices (into `positions`) of a longest non-decreasing subsequence, in
/// O(n log n). Of several, the one that keeps the earliest items: with
/// sections in profile order, the section placed too early is the one
/// reported ("Decision" before "Proposal" reports "Decision"), as a reviewer
/// would say it.
pub fn longest_ordered_run(positions: &[usize]) -> Vec<usize> {
    // Built from the end, so ties favour earlier items: a longest
    // non-increasing run of the reversed positions.
    let n = positions.len();
    let rev: Vec<usize> = (0..n).map(|j| usize::MAX - positions[n - 1 - j]).collect();
    // tails[k]: index of the smallest tail of a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for (i, &p) in rev.iter().enumerate() {
        let k = tails.partition_point(|&t| rev[t] <= p);
        prev[i] = k.checked_sub(1).map(|j| tails[j]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        run.push(n - 1 - i);
        cur = prev[i];
    }
    run
}

impl Rule for SectionOrder {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let profile = &*self.profile;
        if profile.is_empty() {
            return;
        }
        let m = match_document(profile, doc);
        // Sections outside their parent.
        for (i, e) in profile.sections.iter().enumerate() {
            let (Some(f), Some(p)) = (m.found[i], e.parent) else {
                continue;
            };
            let (Some(pf), Some(id)) = (m.found[p], f.section) else {
                continue;
            };
            let Some(parent_id) = pf.section else {
                continue;
            };
            let inside = m.inside(doc, p, id);
            if f.misplaced || !inside {
                let under = quote_heading(doc, parent_id);
                out.push(
                    ctx.finding(
                        f.span,
                        format!(
                            "section {} is not under {under}, where it belongs",
                            quote_heading(doc, id)
                        ),
                    )
                    .with_related(
                        pf.span,
                        format!("{} belongs under this section", quote_name(&e.name)),
                    )
                    .with_help(format!(
                        "move it into the {under} section, as one of its sub-sections"
                    )),
                );
            }
        }
        // Order among siblings.
        let mut groups: Vec<Vec<usize>> = vec![profile.roots().collect()];
        groups.extend(
            profile
                .sections
                .iter()
                .filter(|e| !e.children.is_empty())
                .map(|e| e.children.clone()),
        );
        for group in groups {
            self.check_group(doc, ctx, &m, &group, out);
        }
    }
}

impl SectionOrder {
    fn check_group(
        &self,
        doc: &Document,
        ctx: &Context<'_>,
        m: &Matches,
        group: &[usize],
        out: &mut Vec<Finding>,
    ) {
        let profile = &*self.profile;
        // Present, in place, with a heading: (profile index, section id).
        let items: Vec<(usize, usize)> = group
            .iter()
            .filter(|&&i| profile.sections[i].kind == SectionKind::Heading)
            .filter_map(|&i| {
                let f = m.found[i]?;
                let id = f.section?;
                if f.misplaced {
                    return None;
                }
                let parent_ok = match profile.sections[i].parent {
                    None => true,
                    Some(p) => m.inside(doc, p, id),
                };
                parent_ok.then_some((i, id))
            })
            .collect();
        if items.len() < 2 {
            return;
        }
        let positions: Vec<usize> = items
            .iter()
            .map(|&(_, id)| doc.sections[id].span.start)
            .collect();
        let run = longest_ordered_run(&positions);
        let mut in_run = vec![false; items.len()];
        for &k in &run {
            in_run[k] = true;
        }
        for (k, &(i, id)) in items.iter().enumerate() {
            if in_run[k] {
                continue;
            }
            let after = (0..k).rev().find(|&j| in_run[j]);
            let before = (k + 1..items.len()).find(|&j| in_run[j]);
            let (rel, expected) = match (after, before) {
                (Some(a), _) => (a, format!("after {}", quote_heading(doc, items[a].1))),
                (None, Some(b)) => (b, format!("before {}", quote_heading(doc, items[b].1))),
                (None, None) => continue,
            };
            let rel_id = items[rel].1;
            out.push(
                ctx.finding(
                    super::heading_span(doc, id),
                    format!(
                        "section {} is out of order: expected {expected}",
                        quote_heading(doc, id)
                    ),
                )
                .with_related(
                    super::heading_span(doc, rel_id),
                    format!(
                        "{} is expected {expected}",
                        quote_name(&profile.sections[i].name)
                    ),
                )
                .with_help(format!("move the section, with its content, {expected}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::longest_ordered_run;

    #[test]
    fn longest_run_keeps_the_most_sections_in_place() {
        assert_eq!(longest_ordered_run(&[1, 2, 3]), [0, 1, 2]);
        // One section moved to the front: only it is out of the run.
        assert_eq!(longest_ordered_run(&[50, 10, 20, 30]), [1, 2, 3]);
        // Equal positions (a joined heading) stay in order.
        assert_eq!(longest_ordered_run(&[10, 10, 20]), [0, 1, 2]);
        assert!(longest_ordered_run(&[]).is_empty());
        // Two swapped: the earlier section in the profile stays.
        assert_eq!(longest_ordered_run(&[10, 30, 20]), [0, 1]);
        assert_eq!(longest_ordered_run(&[10, 40, 20, 30]), [0, 2, 3]);
    }
}
