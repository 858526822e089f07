//! `duplicate-phrase`: a phrase of several words used more than once.

use serde::Deserialize;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Document, Scope};
use crate::finding::{Finding, quote};
use crate::rules::{Context, OptionError, Rule, parse_options};

use super::shingles::{NONE, features, jaccard, kgram_groups};
use super::tokens::{Options as TokenOptions, Tokens};
use super::{HELP_VARY, list_places, place, times};

/// Most findings for one phrase (the message still gives the full count).
const MAX_FINDINGS_PER_PHRASE: usize = 10;
/// Most other places listed as related locations of one finding.
const MAX_RELATED: usize = 10;
/// Most words a phrase is grown by to the left (bounds work on degenerate
/// input such as one word repeated many times).
const MAX_EXTEND: usize = 400;

declare_rule! {
    /// ## What it does
    /// Finds a phrase of several words that the document uses more than once,
    /// anywhere: a sentence opening reused in every section, a clause copied
    /// from the introduction into the conclusion, an FAQ answer that borrows
    /// the body's words. Each repeat is reported once, with the longest
    /// phrase that repeats (not every overlapping piece of it), and the other
    /// places it occurs as related locations.
    ///
    /// Words are compared after ignoring case, punctuation and simple
    /// inflection ("partner’s" and "partners" match). Phrases made only of
    /// function words ("as well as the"), names (every word capitalised, like
    /// "National Institute of Standards and Technology"), the document's own
    /// subject (words of the title) unless the phrase is long, parallel items
    /// of one list, and text in code, quotations and headings are left alone.
    /// Whole sentences that repeat are left to `near-duplicate` when that rule
    /// runs.
    ///
    /// ## Why
    /// Readers notice a phrase coming back, and take it for padding or for a
    /// template that was never filled in. Prose linters catch "the the"; this
    /// catches the repeat three sections later.
    ///
    /// ## How to fix
    /// Say it once, where it matters most, and cut or reword the other uses.
    ///
    /// ## Options
    /// - `min-words` (default 8): shortest phrase reported, in words.
    /// - `min-occurrences` (default 2): fewest uses reported.
    /// - `min-content-words` (default 3): fewest words a phrase must have
    ///   that are neither function words nor capitalised (names).
    /// - `subject-min-words` (default 12): shortest phrase reported when all
    ///   its words are in the title.
    ///
    /// ## Example
    /// ```text
    /// By working together, the US and its partners can counter terrorism.
    /// ...
    /// By working together, the US and its partners can build a safer world.
    /// ```
    /// The second sentence gets: “By working together, the US and its
    /// partners can” is used twice; also on line 1.
    pub struct DuplicatePhrase {
        opts: Options,
        /// When `near-duplicate` runs, its options: a phrase whose sentences
        /// it reports is left to it.
        defer: Option<super::near_duplicate::Options>,
    }
}

/// Options of `duplicate-phrase`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
#[schemars(rename = "DuplicatePhraseOptions")]
pub struct Options {
    /// Shortest phrase reported, in words.
    pub min_words: usize,
    /// Fewest uses reported.
    pub min_occurrences: usize,
    /// Fewest words a phrase must have that are neither function words nor
    /// capitalised (names).
    pub min_content_words: usize,
    /// Shortest phrase reported when all its words are in the title.
    pub subject_min_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_words: 8,
            min_occurrences: 2,
            min_content_words: 3,
            subject_min_words: 12,
        }
    }
}

impl DuplicatePhrase {
    pub fn build(table: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        let opts: Options = parse_options(table)?;
        if opts.min_words < 2 {
            return Err(OptionError::new(Some("min-words"), "must be at least 2"));
        }
        if opts.min_occurrences < 2 {
            return Err(OptionError::new(
                Some("min-occurrences"),
                "must be at least 2",
            ));
        }
        let defer = if super::rule_enabled(ctx.config, "near-duplicate") {
            let near = ctx
                .config
                .rules
                .get("near-duplicate")
                .map(|r| parse_options::<super::near_duplicate::Options>(&r.options))
                .transpose()
                .ok()
                .flatten()
                .unwrap_or_default();
            Some(near)
        } else {
            None
        };
        Ok(Box::new(DuplicatePhrase { opts, defer }))
    }

    pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        g.subschema_for::<Options>()
    }
}

/// A phrase and where it occurs: `len` words from each start, in the token
/// stream.
#[derive(Clone, Debug)]
struct Family {
    starts: Vec<usize>,
    len: usize,
}

impl Rule for DuplicatePhrase {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let toks = Tokens::new(doc, TokenOptions::default());
        let families = self.families(doc, &toks);
        report(doc, &toks, &families, self.opts.min_words, ctx, out);
    }
}

impl DuplicatePhrase {
    /// The maximal repeated phrases worth reporting, best first.
    fn families(&self, doc: &Document, toks: &Tokens) -> Vec<Family> {
        let k = self.opts.min_words;
        let ids = toks.ids.as_slice();
        // A phrase stays within one sentence (and one stretch of running
        // text): a run of whole sentences is `near-duplicate`'s to report.
        let breaks = |i: usize| {
            let t = toks.toks[i];
            t.starts_segment() || t.sent() != toks.toks[i - 1].sent()
        };
        let groups = kgram_groups(ids, breaks, k);
        let n = ids.len();
        let ng = groups.len();
        // A group chains to the next when every one of its k-grams continues
        // into that group's k-grams (the same places, one word on): the two
        // are pieces of one longer phrase with the same occurrences.
        let mut next = vec![NONE; ng];
        let mut has_prev = vec![false; ng];
        for (g, next_g) in next.iter_mut().enumerate() {
            let pos = groups.positions(g);
            let Some(&p0) = pos.first() else { continue };
            let p0 = p0 as usize;
            if p0 + 1 >= n {
                continue;
            }
            let g2 = groups.gid[p0 + 1];
            if g2 == NONE || g2 as usize == g {
                continue;
            }
            if groups.positions(g2 as usize).len() == pos.len()
                && pos
                    .iter()
                    .all(|&p| (p as usize) + 1 < n && groups.gid[p as usize + 1] == g2)
            {
                *next_g = g2;
                has_prev[g2 as usize] = true;
            }
        }
        let title: Vec<u64> = doc
            .title_text()
            .map(|t| {
                let mut w = Vec::new();
                super::normalize::Normalizer::new().words(t, &mut w);
                w.iter().map(|w| w.id).collect()
            })
            .unwrap_or_default();
        let mut visited = vec![false; ng];
        let mut families = Vec::new();
        // Chains start at groups nothing chains into; then, for periodic text
        // where chains close into cycles, at whatever is left.
        let order = (0..ng)
            .filter(|&g| !has_prev[g])
            .chain((0..ng).filter(|&g| has_prev[g]));
        for g in order {
            if visited[g] {
                continue;
            }
            // Walk the chain.
            let mut len = k;
            let mut cur = g;
            visited[g] = true;
            while next[cur] != NONE && !visited[next[cur] as usize] {
                cur = next[cur] as usize;
                visited[cur] = true;
                len += 1;
            }
            let mut starts: Vec<usize> = groups.positions(g).iter().map(|&p| p as usize).collect();
            // Grow to the left while every occurrence is preceded by the same
            // word (the chain starts where the set of occurrences changed).
            let mut grown = 0;
            while grown < MAX_EXTEND {
                let Some(&s0) = starts.first() else { break };
                if s0 == 0 {
                    break;
                }
                let id = ids[s0 - 1];
                let ok = starts
                    .iter()
                    .all(|&s| s > 0 && !breaks(s) && ids[s - 1] == id);
                if !ok {
                    break;
                }
                for s in &mut starts {
                    *s -= 1;
                }
                len += 1;
                grown += 1;
            }
            // Occurrences may overlap ("very very very ..."): keep those that
            // do not.
            let mut kept: Vec<usize> = Vec::with_capacity(starts.len());
            for s in starts {
                if kept.last().is_none_or(|&l| s >= l + len) {
                    kept.push(s);
                }
            }
            if kept.len() < self.opts.min_occurrences {
                continue;
            }
            let fam = Family { starts: kept, len };
            if self.worth_reporting(toks, &fam, &title) {
                families.push(fam);
            }
        }
        // What an editor fixes first: long phrases used often.
        families.sort_by(|a, b| {
            (b.len * b.starts.len())
                .cmp(&(a.len * a.starts.len()))
                .then(a.starts[0].cmp(&b.starts[0]))
        });
        families
    }

    fn worth_reporting(&self, toks: &Tokens, fam: &Family, title: &[u64]) -> bool {
        let first = fam.starts[0];
        let words = &toks.toks[first..first + fam.len];
        let content: Vec<u64> = (first..first + fam.len)
            .filter(|&i| !toks.toks[i].function())
            .map(|i| toks.ids[i])
            .collect();
        // Words of the phrase's own: neither function words nor names ("the
        // National Institute of Standards and Technology" is a name, used as
        // often as the subject needs).
        // A word is a name's if it is capitalised in every use.
        let ordinary = (0..fam.len)
            .filter(|&j| {
                !words[j].function() && fam.starts.iter().any(|&s| !toks.toks[s + j].capital())
            })
            .count();
        if ordinary < self.opts.min_content_words {
            return false;
        }
        // The document's subject, named again.
        if fam.len < self.opts.subject_min_words
            && !title.is_empty()
            && content.iter().all(|id| title.contains(id))
        {
            return false;
        }
        // Parallel items of one list or one table.
        let run0 = toks.run_of(first);
        if matches!(run0.scope, Scope::ListItem | Scope::TableCell)
            && fam.starts.iter().all(|&s| {
                let r = toks.run_of(s);
                r.block == run0.block && r.scope == run0.scope
            })
        {
            return false;
        }
        // Sentences that repeat each other closely: `near-duplicate` reports
        // those.
        if let Some(near) = &self.defer {
            let sentence_of = |s: usize| toks.toks[s].sent();
            let s0 = sentence_of(first);
            let f0 = sentence_features(toks, s0, near.min_words);
            if let Some(f0) = f0 {
                let all_close = fam.starts[1..].iter().all(|&s| {
                    let si = sentence_of(s);
                    si != s0
                        && sentence_features(toks, si, near.min_words)
                            .is_some_and(|f| jaccard(&f0, &f) >= near.threshold)
                });
                if all_close {
                    return false;
                }
            }
        }
        true
    }
}

/// The features `near-duplicate` compares a sentence on (as it reads it:
/// at most its first [`super::near_duplicate::MAX_UNIT_WORDS`] words), if
/// it is long enough to be compared.
fn sentence_features(toks: &Tokens, sent: usize, min_words: usize) -> Option<Vec<u64>> {
    let r = toks.sents[sent].toks.clone();
    if r.len() < min_words {
        return None;
    }
    let end = r.end.min(r.start + super::near_duplicate::MAX_UNIT_WORDS);
    Some(features(&toks.ids[r.start..end]))
}

/// Reports each family's repeats, best family first; a family whose places
/// were already reported as part of a better one is left out.
fn report(
    doc: &Document,
    toks: &Tokens,
    families: &[Family],
    k: usize,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    let mut claimed = vec![false; toks.toks.len()];
    for fam in families {
        let fresh: Vec<bool> = fam
            .starts
            .iter()
            .map(|&s| {
                let free = claimed[s..s + fam.len].iter().filter(|c| !**c).count();
                free >= k.min(fam.len) && free * 2 > fam.len
            })
            .collect();
        let n_fresh = fresh.iter().filter(|f| **f).count();
        for &s in &fam.starts {
            claimed[s..s + fam.len].iter_mut().for_each(|c| *c = true);
        }
        if n_fresh == 0 {
            continue;
        }
        let spans: Vec<_> = fam
            .starts
            .iter()
            .map(|&s| toks.span(s..s + fam.len))
            .collect();
        let s0 = fam.starts[0];
        let text = toks
            .text(s0..s0 + fam.len)
            .unwrap_or_else(|| doc.source.slice(spans[0]));
        let quoted = quote(text, 90);
        let count = fam.starts.len();
        let mut reported = 0;
        for (i, &is_fresh) in fresh.iter().enumerate() {
            // The first use is the original, unless only it is left to report.
            if !is_fresh || (i == 0 && n_fresh > 1) {
                continue;
            }
            if reported == MAX_FINDINGS_PER_PHRASE {
                break;
            }
            reported += 1;
            let others: Vec<usize> = (0..count).filter(|&j| j != i).collect();
            let places: Vec<String> = others
                .iter()
                .take(3)
                .map(|&j| place(doc, spans[j]))
                .collect();
            let msg = format!(
                "{quoted} is used {}; also {}",
                times(count),
                list_places(&places, others.len())
            );
            let mut f = ctx.finding(spans[i], msg).with_help(HELP_VARY);
            for &j in others.iter().take(MAX_RELATED) {
                let m = if j == 0 {
                    "first use"
                } else {
                    "also used here"
                };
                f = f.with_related(spans[j], m);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::finding::Severity;
    use crate::source::Source;

    fn run(md: &str, opts: Options) -> Vec<Finding> {
        let doc = crate::parse::parse("t.md", Source::new(md.to_string()), Format::Markdown);
        let rule = DuplicatePhrase { opts, defer: None };
        let ctx = Context {
            name: "duplicate-phrase",
            severity: Severity::Warning,
        };
        let mut out = Vec::new();
        rule.check(&doc, &ctx, &mut out);
        out
    }

    #[test]
    fn reports_the_maximal_phrase_once_per_repeat() {
        let md = "By working together, the US and its partners can defeat terrorism.\n\n\
                  Other words entirely go here to separate things.\n\n\
                  By working together, the US and its partners can build a safer world.\n\n\
                  In the end by working together the US and its partners can win.\n\n\
                  Said once: their allies can by working together defeat terrorism.\n";
        let f = run(md, Options::default());
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f[0].message.contains("is used 3 times"), "{}", f[0].message);
        assert!(
            f[0].message
                .contains("“By working together, the US and its partners can”"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related.len(), 2);
    }

    #[test]
    fn degenerate_input_stays_bounded() {
        let md = "word ".repeat(100_000);
        let f = run(&md, Options::default());
        assert!(f.len() <= MAX_FINDINGS_PER_PHRASE, "{}", f.len());
        let sentence = "The committee approved the annual budget for regional transport projects. ";
        let md = sentence.repeat(10_000);
        let f = run(&md, Options::default());
        assert!(f.len() <= MAX_FINDINGS_PER_PHRASE, "{}", f.len());
    }
}
