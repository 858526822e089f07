//! `repeated-opener`: sentences, paragraphs or list items that keep opening
//! with the same words.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Document, Scope};
use crate::finding::{Finding, quote};
use crate::rules::{Context, OptionError, Rule, parse_options};
use crate::source::Span;

use super::list_places;
use super::normalize::{Normalizer, Word, hash_ids};

/// Longest introductory phrase (words before a comma) taken as an opener.
const MAX_INTRO_WORDS: usize = 4;
/// Across the document, an introductory phrase must open a sentence at
/// least once in this many words (and at least `min-count` times).
const WORDS_PER_USE: usize = 1000;
/// Most other openings listed as related locations.
const MAX_RELATED: usize = 10;
/// Words compared when a sentence has no introductory phrase.
const LEAD_WORDS: usize = 4;
/// Words other than function words a lead must hold to count: "We should
/// provide a" is how sentences of a list of ideas open, "The Digital
/// Analytics Program" is a formula.
const LEAD_CONTENT_WORDS: usize = 2;

declare_rule! {
    /// ## What it does
    /// Finds sentences that keep opening the same way:
    /// - three or more sentences of one section, or items of one list, that
    ///   open with the same introductory words before a comma ("However, …",
    ///   "In addition, …");
    /// - three or more sentences of one section that open with the same four
    ///   words, two of them more than function words ("The new policy will …");
    /// - anywhere in the document, three or more sentences (and at least one
    ///   in every thousand words) that open with the same introductory phrase
    ///   of two words or more ("By working together, …"), unless it is a
    ///   stock transition such as "for example" or "in addition".
    ///
    /// User stories ("As a cluster operator, …") open alike by design and
    /// are left alone.
    ///
    /// List items that open alike ("Add …", "Add …"), with a label ("CI,
    /// tools: …") or with a condition ("In a worker node, …") are parallel
    /// structure and are left alone; list items that keep opening with the
    /// same transition ("However, …") are not.
    ///
    /// ## Why
    /// A formula that opens sentence after sentence reads as filler and hides
    /// what each sentence adds; readers start skipping.
    ///
    /// ## How to fix
    /// Vary the openings, drop the introductory phrase where it adds nothing,
    /// or merge the sentences.
    ///
    /// ## Options
    /// - `min-count` (default 3): fewest sentences opening alike that are
    ///   reported.
    ///
    /// ## Example
    /// ```text
    /// However, costs rose. However, staff left. However, the plan held.
    /// ```
    pub struct RepeatedOpener {
        opts: Options,
    }
}

/// Options of `repeated-opener`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
#[schemars(rename = "RepeatedOpenerOptions")]
pub struct Options {
    /// Fewest sentences opening alike that are reported.
    pub min_count: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_count: 3 }
    }
}

impl RepeatedOpener {
    pub fn build(table: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        let opts: Options = parse_options(table)?;
        if opts.min_count < 2 {
            return Err(OptionError::new(Some("min-count"), "must be at least 2"));
        }
        Ok(Box::new(RepeatedOpener { opts }))
    }

    pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        g.subschema_for::<Options>()
    }
}

/// How a sentence opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Words before a comma: "However,", "By working together,".
    Intro,
    /// The first words ([`LEAD_WORDS`]).
    Lead,
}

#[derive(Clone, Debug)]
struct Opening {
    kind: Kind,
    key: u64,
    words: usize,
    /// Words other than function words.
    content: usize,
    /// A stock transition ("for example").
    stock: bool,
    /// Reads as a transition, not a label or an answer: two words or more,
    /// or one function word or adverb ("However", "Finally"), but not "Yes"
    /// or "No".
    transition: bool,
    /// A user story's "As a <role>, …".
    story: bool,
    span: Span,
    /// The opener's words as written.
    text: String,
    section: usize,
    /// `Some(block)` for the first sentence of a list item.
    list: Option<usize>,
}

impl Rule for RepeatedOpener {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let openings = openings(doc);
        let min = self.opts.min_count;
        // Document-wide: introductory phrases of two words or more.
        let mut doc_groups: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        // Section- and list-wide.
        let mut local: BTreeMap<(usize, Option<usize>, Kind, u64), Vec<usize>> = BTreeMap::new();
        for (i, o) in openings.iter().enumerate() {
            if o.kind == Kind::Intro && o.words >= 2 && o.content > 0 && !o.stock && !o.story {
                doc_groups.entry(o.key).or_default().push(i);
            }
            let wanted = match (o.kind, o.list) {
                // "However, …" three times in a section (but user stories
                // open "As a user, …" by design).
                (Kind::Intro, None) => !o.story,
                // In a list, "However, …" too, but not a label ("CI, tools:
                // …") or a condition ("In a worker node, …"): those are
                // parallel items.
                (Kind::Intro, Some(_)) => o.transition && o.words == 1,
                (Kind::Lead, None) => o.content >= LEAD_CONTENT_WORDS,
                // List items that open alike are parallel structure.
                (Kind::Lead, Some(_)) => false,
            };
            if wanted {
                local
                    .entry((o.section, o.list, o.kind, o.key))
                    .or_default()
                    .push(i);
            }
        }
        let mut reported_keys = Vec::new();
        let mut groups: Vec<(Vec<usize>, &'static str)> = Vec::new();
        // Across the document, a formula stands out when it is dense: three
        // uses in a short article, one every thousand words in a long one
        // ("In that case," three times in ten thousand words is fine).
        let doc_min = min.max(doc.stats.words.div_ceil(WORDS_PER_USE));
        for (key, members) in doc_groups {
            if members.len() >= doc_min {
                reported_keys.push(key);
                groups.push((members, "in this document"));
            }
        }
        for ((_, list, _, key), members) in local {
            if members.len() >= min && !reported_keys.contains(&key) {
                let scope = if list.is_some() {
                    "in this list"
                } else {
                    "in this section"
                };
                groups.push((members, scope));
            }
        }
        for (members, scope) in groups {
            let first = &openings[members[0]];
            let text = &first.text;
            let what =
                if first.list.is_some() && members.iter().all(|&m| openings[m].list.is_some()) {
                    "list items"
                } else {
                    "sentences"
                };
            let lines: Vec<String> = members[1..]
                .iter()
                .take(3)
                .map(|&m| format!("line {}", doc.source.line_of(openings[m].span.start)))
                .collect();
            let msg = format!(
                "{} opens {} {what} {scope} (also {})",
                quote(text, 60),
                members.len(),
                list_places(&lines, members.len() - 1)
            );
            let mut f = ctx.finding(first.span, msg).with_help(
                "vary how these open, drop the opener where it adds nothing, or merge them",
            );
            for &m in members[1..].iter().take(MAX_RELATED) {
                f = f.with_related(openings[m].span, "opens the same way");
            }
            out.push(f);
        }
    }
}

/// Stock transitions: introductory phrases a writer may use several times
/// in a long document without it reading as a formula.
static STOCK: &[&str] = &[
    "above all",
    "after all",
    "as a result",
    "as such",
    "at first",
    "at the same time",
    "by contrast",
    "by default",
    "first of all",
    "for example",
    "for instance",
    "for now",
    "in addition",
    "in contrast",
    "in fact",
    "in general",
    "in other words",
    "in particular",
    "in practice",
    "in short",
    "in summary",
    "in the end",
    "in the meantime",
    "in this case",
    "in turn",
    "of course",
    "on the other hand",
    "that said",
    "to be sure",
];

fn openings(doc: &Document) -> Vec<Opening> {
    let mut norm = Normalizer::new();
    let stock: Vec<u64> = STOCK
        .iter()
        .map(|s| {
            let mut w = Vec::new();
            norm.words(s, &mut w);
            hash_ids(w.iter().map(|w| w.id))
        })
        .collect();
    let mut out = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    for p in doc.prose() {
        if p.in_quote
            || matches!(
                p.scope,
                Scope::Heading | Scope::TableCell | Scope::FaqQuestion
            )
        {
            continue;
        }
        let list = (p.scope == Scope::ListItem).then_some(p.block);
        let prose = p.prose;
        for (si, s) in prose.sentences.iter().enumerate() {
            if list.is_some() && si > 0 {
                break; // a list item opens with its first sentence
            }
            let text = prose.sentence_text(s);
            words.clear();
            // Only the first words are read (one more than any opening
            // holds, to tell how many there are beyond it).
            norm.words_upto(text, MAX_INTRO_WORDS.max(LEAD_WORDS) + 1, &mut words);
            if words.len() < 4 || starts_in_code(prose, s.plain.start, &words) {
                continue;
            }
            // Words before a comma that follows one of the first words.
            let intro = (1..=MAX_INTRO_WORDS.min(words.len() - 1)).find(|&j| {
                let gap = &text[words[j - 1].plain().end..words[j].plain().start];
                gap.contains(',')
            });
            let (kind, n) = match intro {
                Some(j) => (Kind::Intro, j),
                None if words.len() > LEAD_WORDS => (Kind::Lead, LEAD_WORDS),
                None => continue,
            };
            let head = &words[..n];
            let key = hash_ids(head.iter().map(|w| w.id));
            let start = s.plain.start + head[0].plain().start;
            let mut end = s.plain.start + head[n - 1].plain().end;
            if kind == Kind::Intro {
                end += text[head[n - 1].plain().end..]
                    .find(',')
                    .map_or(0, |c| c + 1);
            }
            out.push(Opening {
                kind,
                key,
                words: n,
                content: head.iter().filter(|w| !w.function).count(),
                stock: stock.contains(&key),
                transition: n >= 2 || {
                    let w = text[head[0].plain()].to_lowercase();
                    !matches!(w.as_str(), "yes" | "no")
                        && (head[0].function || (w.len() > 4 && w.ends_with("ly")))
                },
                story: n >= 3 && {
                    let w = |i: usize| text[words[i].plain()].to_lowercase();
                    w(0) == "as" && matches!(w(1).as_str(), "a" | "an")
                },
                span: prose.source_span(start..end),
                text: prose
                    .text
                    .plain
                    .get(start..end)
                    .unwrap_or_default()
                    .to_string(),
                section: p.section,
                list,
            });
        }
    }
    out
}

/// Whether the sentence's first word is inline code.
fn starts_in_code(prose: &crate::document::Prose, at: usize, words: &[Word]) -> bool {
    words.first().is_some_and(|w| {
        let r = at + w.plain().start..at + w.plain().end;
        prose.overlaps_code(&r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::finding::Severity;
    use crate::source::Source;

    fn run(md: &str) -> Vec<Finding> {
        let doc = crate::parse::parse("t.md", Source::new(md.to_string()), Format::Markdown);
        let rule = RepeatedOpener {
            opts: Options::default(),
        };
        let ctx = Context {
            name: "repeated-opener",
            severity: Severity::Warning,
        };
        let mut out = Vec::new();
        rule.check(&doc, &ctx, &mut out);
        out
    }

    #[test]
    fn however_three_times_in_a_section() {
        let f = run(
            "However, costs rose last year. However, the staff left early. However, the plan held up well.\n",
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message
                .starts_with("“However,” opens 3 sentences in this section"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related.len(), 2);
    }

    #[test]
    fn a_formula_across_the_document_must_be_dense() {
        let filler: String = (0..100)
            .map(|i| format!("Sentence {i} adds plain words so that the document grows long. "))
            .collect();
        let part = |i: usize| {
            format!(
                "## Part {i}\n\nBy working together, the teams shipped part {i} early.\n\n{filler}\n\n"
            )
        };
        let short: String = (1..=3)
            .map(|i| {
                format!("## Part {i}\n\nBy working together, the teams shipped part {i} early.\n\n")
            })
            .collect();
        assert_eq!(run(&short).len(), 1);
        let long: String = (1..=3).map(part).collect();
        let f = run(&long);
        assert!(f.is_empty(), "three uses in 3,000 words: {f:#?}");
    }

    #[test]
    fn user_stories_open_alike_by_design() {
        let md = "## Stories\n\nAs a cluster operator, I want quotas per team. As a cluster operator, I want alerts on overuse. As a cluster operator, I want a monthly report.\n\n- As an app developer, I want logs.\n- As an app developer, I want traces.\n- As an app developer, I want metrics.\n";
        assert!(run(md).is_empty(), "{:#?}", run(md));
    }

    #[test]
    fn parallel_list_items_are_fine() {
        let f = run(
            "- Add the first thing to it\n- Add the second thing to it\n- Add the third thing to it\n",
        );
        assert!(f.is_empty(), "{f:#?}");
    }
}
