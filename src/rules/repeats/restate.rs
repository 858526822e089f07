//! Restatements: a sentence of an FAQ answer that says again what a
//! sentence of the body says, partly in other words, or a sentence of a
//! conclusion that says again what the introduction says.
//!
//! [`super::near_duplicate`] compares whole wordings (Jaccard similarity of
//! words and word pairs), which an answer that condenses a body sentence
//! rarely reaches: "Economic partnerships promote global stability and
//! reduce the risk of conflict and extremism, fostering a safer
//! international environment" keeps the content of "Promoting economic
//! growth and stability around the world can help to reduce poverty, create
//! jobs, and foster stability, which in turn can reduce the risk of conflict
//! and extremism", not its length. A restatement is measured from the
//! restating sentence's side instead, on its content words: neither
//! function words nor the words every sentence on the subject uses anyway,
//! which are the title's words and names (words capitalised wherever they
//! are not the first of a sentence: "Kubernetes", "NATO", "US"):
//!
//! - **words**: the share of its content words that the other sentence
//!   holds, each weighted by how rare it is in the document (inverse
//!   document frequency over sentences), so that the document's key terms
//!   count little;
//! - **pairs**: the share of its pairs of neighbouring content words
//!   ("critical infrastructure", "risk … conflict") that the other sentence
//!   holds too: the same words in the same relation, not merely the same
//!   topic.
//!
//! The score is the mean of the two; a restatement also shares at least
//! [`MIN_SHARED_WORDS`] content words and [`MIN_SHARED_PAIRS`] pairs.
//! Candidates are found through an inverted index of content words with a
//! posting cap (a word in more body sentences than the cap finds none), and
//! only the few sharing the most weight are scored: never all pairs.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::document::{Document, Scope};
use crate::parse::faq::is_faq_heading;

use super::normalize::{Normalizer, hash_ids};
use super::tokens::{Tok, Tokens};

/// A body sentence holding a content word counts towards the word's
/// candidates only while the word is in this many body sentences or fewer.
const POSTING_CAP: usize = 48;
/// Candidates scored per restating sentence (those sharing the most weight).
const MAX_CANDIDATES: usize = 8;
/// Fewest content words a restating sentence shares with the sentence it
/// restates.
pub const MIN_SHARED_WORDS: usize = 4;
/// Fewest pairs of neighbouring content words it shares with it.
pub const MIN_SHARED_PAIRS: usize = 2;

/// When a sentence restates two neighbouring sentences, the fewest of its
/// content words each of them must hold that the other does not.
const MIN_OWN_WORDS: usize = 2;

/// What a sentence is to the search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// In an FAQ answer: compared with the whole body.
    Answer,
    /// In a conclusion: compared with the introduction only (a conclusion
    /// is meant to draw the body together; one that says the introduction
    /// again goes in a circle).
    Conclusion,
    /// Running text outside FAQ sections and conclusions; `intro` when it
    /// is in the introduction.
    Body { intro: bool },
    /// Neither (questions, headings, footnotes, table cells).
    Other,
}

/// A restating sentence and the sentence it restates best.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Restatement {
    /// Index in [`Tokens::sents`] of the restating sentence.
    pub sent: usize,
    /// Index in [`Tokens::sents`] of the sentence it restates.
    pub other: usize,
    /// The sentence after `other`, when the restating sentence condenses
    /// the two.
    pub also: Option<usize>,
    /// The score compared with the threshold (0 to 1).
    pub score: f32,
    /// The share of the restating sentence's content words found in the
    /// other one, unweighted: what messages give.
    pub words: f32,
    /// The restating sentence is in a conclusion (else in an FAQ answer).
    pub conclusion: bool,
}

/// A heading lowercased, and its words (runs of letters and digits).
fn heading_words(text: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let lower = text.to_lowercase();
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in lower.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..lower.len());
    }
    (lower, words)
}

/// Whether a heading names a conclusion: "Conclusion", "In summary",
/// "Wrapping up", "Final thoughts", "Key takeaways". A heading of "Summary"
/// alone does not: in proposals it is the abstract, or a list of the changes
/// that is meant to repeat them.
pub fn is_conclusion_heading(text: &str) -> bool {
    let (lower, ranges) = heading_words(text);
    let words: Vec<&str> = ranges.into_iter().map(|r| &lower[r]).collect();
    let has = |w: &str| words.contains(&w);
    let phrase = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    // "Conclusion", "Conclusions and next steps", "Concluding remarks"; not
    // "Drawing conclusions from the data".
    let short = words.len() <= 4;
    (short && (has("conclusion") || has("conclusions") || has("concluding") || has("takeaways")))
        || phrase("in", "summary")
        || phrase("to", "summarize")
        || phrase("to", "summarise")
        || phrase("sum", "up")
        || phrase("summing", "up")
        || phrase("wrapping", "up")
        || phrase("wrap", "up")
        || phrase("final", "thoughts")
        || phrase("closing", "thoughts")
        || phrase("closing", "remarks")
        || phrase("final", "remarks")
}

/// Whether a heading names an introduction ("Introduction", "Overview",
/// "Summary", "Abstract"): counted as such when it is the first section.
fn is_intro_heading(text: &str) -> bool {
    let (lower, ranges) = heading_words(text);
    ranges.into_iter().any(|r| {
        matches!(
            &lower[r],
            "introduction" | "overview" | "summary" | "abstract" | "tl" | "tldr"
        )
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    Faq,
    Conclusion,
    Intro,
    Body,
}

/// The region each section is in: an FAQ section or a conclusion (or inside
/// one), the introduction (the text before the first heading, and a first
/// section headed like an introduction), or the body.
fn regions(doc: &Document) -> Vec<Region> {
    let first = doc.sections.iter().position(|s| s.heading.is_some());
    // What each heading names by itself; then, in document order (a parent
    // comes before its children), what each section is inside.
    let own = |id: usize| {
        let h = doc.sections[id].heading.as_ref()?;
        if is_faq_heading(h.text()) {
            Some(Region::Faq)
        } else if is_conclusion_heading(h.text()) {
            Some(Region::Conclusion)
        } else {
            None
        }
    };
    let mut inside: Vec<Option<Region>> = Vec::with_capacity(doc.sections.len());
    for id in 0..doc.sections.len() {
        let r = own(id).or_else(|| inside.get(doc.sections[id].parent?).copied().flatten());
        inside.push(r);
    }
    inside
        .into_iter()
        .enumerate()
        .map(|(id, r)| {
            r.unwrap_or_else(|| {
                let intro = id == 0
                    || (Some(id) == first
                        && doc.sections[id]
                            .heading
                            .as_ref()
                            .is_some_and(|h| is_intro_heading(h.text())));
                if intro { Region::Intro } else { Region::Body }
            })
        })
        .collect()
}

/// The role of every sentence of `toks`.
pub fn roles(doc: &Document, toks: &Tokens) -> Vec<Role> {
    let regions = regions(doc);
    toks.sents
        .iter()
        .map(|s| {
            let run = &toks.runs[s.run];
            let region = regions.get(run.section).copied().unwrap_or(Region::Body);
            match (run.scope, region) {
                (Scope::FaqAnswer, _) => Role::Answer,
                (Scope::Paragraph | Scope::ListItem, Region::Faq) => Role::Answer,
                (Scope::Paragraph | Scope::ListItem, Region::Conclusion) => Role::Conclusion,
                (Scope::Paragraph | Scope::ListItem, r) => Role::Body {
                    intro: r == Region::Intro,
                },
                _ => Role::Other,
            }
        })
        .collect()
}

/// Words every sentence on the subject uses anyway: the title's, and names
/// (capitalised wherever they do not open a sentence, and seen so at least
/// once). `uses` counts, for each word looked at, its capitalised and
/// lower-case uses outside sentence openings.
fn subject_words(
    doc: &Document,
    vocab: &FxHashSet<u64>,
    uses: FxHashMap<u64, (u32, u32)>,
) -> FxHashSet<u64> {
    let mut words = Vec::new();
    if let Some(t) = doc.title_text() {
        Normalizer::new().words(t, &mut words);
    }
    let mut out: FxHashSet<u64> = words
        .iter()
        .filter(|w| !w.function && vocab.contains(&w.id))
        .map(|w| w.id)
        .collect();
    out.extend(
        uses.into_iter()
            .filter(|&(_, (cap, low))| cap > 0 && low == 0)
            .map(|(id, _)| id),
    );
    out
}

/// A quick test that a word is not in a small set: one bit per value of
/// the top bits of its id.
struct Screen([u64; 64]);

impl Screen {
    fn new(ids: impl IntoIterator<Item = u64>) -> Screen {
        let mut bits = [0u64; 64];
        for id in ids {
            let b = (id >> 52) as usize;
            bits[b / 64] |= 1 << (b % 64);
        }
        Screen(bits)
    }

    fn may_hold(&self, id: u64) -> bool {
        let b = (id >> 52) as usize;
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// A sentence as the measure reads it.
#[derive(Clone, Debug, Default)]
struct Content {
    /// Content words outside the subject's, distinct, sorted.
    words: Vec<u64>,
    /// Pairs of neighbouring content words, but not pairs of two subject
    /// words, distinct, sorted.
    pairs: Vec<u64>,
}

fn content(toks: &Tokens, sent: usize, max_words: usize, subject: &FxHashSet<u64>) -> Content {
    let r = toks.sents[sent].toks.clone();
    let end = r.end.min(r.start + max_words);
    let seq: Vec<u64> = (r.start..end)
        .filter(|&i| !toks.toks[i].function())
        .map(|i| toks.ids[i])
        .collect();
    let mut words: Vec<u64> = seq
        .iter()
        .copied()
        .filter(|w| !subject.contains(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut pairs: Vec<u64> = seq
        .windows(2)
        .filter(|p| p[0] != p[1] && !(subject.contains(&p[0]) && subject.contains(&p[1])))
        .map(|p| hash_ids([p[0], p[1]]))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    Content { words, pairs }
}

/// How much of sentence `a` sentence `b` holds.
#[derive(Clone, Copy, Debug, Default)]
struct Measure {
    score: f32,
    words: f32,
    shared_words: usize,
    shared_pairs: usize,
}

fn measure(a: &Content, b: &Content, weight: &dyn Fn(u64) -> f32) -> Measure {
    let (mut shared_w, mut all_w, mut shared_words) = (0.0f32, 0.0f32, 0usize);
    for &w in &a.words {
        let wt = weight(w);
        all_w += wt;
        if b.words.binary_search(&w).is_ok() {
            shared_w += wt;
            shared_words += 1;
        }
    }
    let shared_pairs = super::shingles::intersection(&a.pairs, &b.pairs);
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f32 / of as f32 };
    let weighted = if all_w > 0.0 { shared_w / all_w } else { 0.0 };
    Measure {
        score: (weighted + share(shared_pairs, a.pairs.len())) / 2.0,
        words: share(shared_words, a.words.len()),
        shared_words,
        shared_pairs,
    }
}

/// The sentence each restating sentence of at least `min_words` words
/// restates best, when the score reaches `threshold`; in sentence order.
/// Sentences are read on their first `max_words` words.
pub fn find(
    doc: &Document,
    toks: &Tokens,
    min_words: usize,
    max_words: usize,
    threshold: f32,
) -> Vec<Restatement> {
    let roles = roles(doc, toks);
    let restating = |r: Role| matches!(r, Role::Answer | Role::Conclusion);
    if !roles.iter().any(|&r| restating(r)) {
        return Vec::new();
    }
    // Only the restating sentences' words are weighed, looked up and
    // tested for being the subject's: everything below reads just those,
    // so that a long body with a short FAQ costs one pass over its words.
    let eligible = |s: usize| roles[s] != Role::Other && toks.sents[s].toks.len() >= min_words;
    // Token indices of a sentence's first words.
    let first_words = |s: usize| {
        let r = toks.sents[s].toks.clone();
        r.start..r.end.min(r.start + max_words)
    };
    let vocab: FxHashSet<u64> = (0..toks.sents.len())
        .filter(|&s| restating(roles[s]) && eligible(s))
        .flat_map(|s| {
            first_words(s)
                .filter(|&i| !toks.toks[i].function())
                .map(|i| toks.ids[i])
        })
        .collect();
    let screen = Screen::new(vocab.iter().copied());
    let looked_at = |t: Tok, id: u64| !t.function() && screen.may_hold(id) && vocab.contains(&id);
    // One pass over the words: how each of those words is capitalised
    // (outside sentence openings), the number of sentences holding it
    // (document frequency), and the body sentences holding it in their
    // first words (the index; the subject's words are looked up in it
    // never, so it need not leave them out).
    let mut uses: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    let mut index: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut ws: Vec<u64> = Vec::new();
    let mut first: Vec<u64> = Vec::new();
    for (s, sent) in toks.sents.iter().enumerate() {
        ws.clear();
        first.clear();
        let body = matches!(roles[s], Role::Body { .. }) && eligible(s);
        let limit = sent.toks.start + max_words;
        for i in sent.toks.clone() {
            let (t, id) = (toks.toks[i], toks.ids[i]);
            if !looked_at(t, id) {
                continue;
            }
            if i != sent.toks.start {
                let e = uses.entry(id).or_insert((0, 0));
                if t.capital() {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
            ws.push(id);
            if body && i < limit {
                first.push(id);
            }
        }
        ws.sort_unstable();
        ws.dedup();
        for &w in &ws {
            *df.entry(w).or_insert(0) += 1;
        }
        first.sort_unstable();
        first.dedup();
        for &w in &first {
            let list = index.entry(w).or_default();
            if list.len() <= POSTING_CAP {
                list.push(s as u32);
            }
        }
    }
    let subject = subject_words(doc, &vocab, uses);
    let content_of = |s: usize| eligible(s).then(|| content(toks, s, max_words, &subject));
    let n = toks.sents.len() as f32;
    let weight = |w: u64| {
        let d = df.get(&w).copied().unwrap_or(1).max(1) as f32;
        (1.0 + n / d).ln()
    };
    let mut out = Vec::new();
    let mut acc: FxHashMap<u32, f32> = FxHashMap::default();
    for s in 0..toks.sents.len() {
        let role = roles[s];
        if !restating(role) {
            continue;
        }
        let Some(a) = &content_of(s) else {
            continue;
        };
        acc.clear();
        for &w in &a.words {
            let Some(list) = index.get(&w) else { continue };
            if list.len() > POSTING_CAP {
                continue;
            }
            let wt = weight(w);
            for &b in list {
                if role == Role::Answer || roles[b as usize] == (Role::Body { intro: true }) {
                    *acc.entry(b).or_insert(0.0) += wt;
                }
            }
        }
        let mut cands: Vec<(u32, f32)> = acc.iter().map(|(&b, &w)| (b, w)).collect();
        cands.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        cands.truncate(MAX_CANDIDATES);
        let mut best: Option<(usize, Option<usize>, Measure)> = None;
        let better = |m: &Measure, b: usize, best: &Option<(usize, Option<usize>, Measure)>| {
            best.is_none_or(|(bb, _, bm)| m.score > bm.score || (m.score == bm.score && b < bb))
        };
        let passes = |m: &Measure| {
            m.shared_words >= MIN_SHARED_WORDS
                && m.shared_pairs >= MIN_SHARED_PAIRS
                && m.score >= threshold
        };
        let mut pairs_tried: Vec<usize> = Vec::new();
        for &(b, _) in &cands {
            let b = b as usize;
            let Some(bc) = &content_of(b) else { continue };
            let m = measure(a, bc, &weight);
            if passes(&m) && better(&m, b, &best) {
                best = Some((b, None, m));
            }
            // The sentence with its neighbour in the same paragraph: an
            // answer often condenses two sentences into one.
            for first in [b.wrapping_sub(1), b] {
                let second = first.wrapping_add(1);
                if first >= toks.sents.len()
                    || second >= toks.sents.len()
                    || toks.sents[first].run != toks.sents[second].run
                    || pairs_tried.contains(&first)
                {
                    continue;
                }
                pairs_tried.push(first);
                let (Some(c1), Some(c2)) = (&content_of(first), &content_of(second)) else {
                    continue;
                };
                if !matches!(roles[first], Role::Body { .. })
                    || !matches!(roles[second], Role::Body { .. })
                    || (role == Role::Conclusion && roles[first] != (Role::Body { intro: true }))
                {
                    continue;
                }
                let both = union(c1, c2);
                let m = measure(a, &both, &weight);
                // Each sentence must hold words of the answer that the other
                // does not.
                let own = |x: &Content, y: &Content| {
                    a.words
                        .iter()
                        .filter(|w| {
                            x.words.binary_search(w).is_ok() && y.words.binary_search(w).is_err()
                        })
                        .count()
                };
                if passes(&m)
                    && own(c1, c2) >= MIN_OWN_WORDS
                    && own(c2, c1) >= MIN_OWN_WORDS
                    && better(&m, first, &best)
                {
                    best = Some((first, Some(second), m));
                }
            }
        }
        if let Some((other, also, m)) = best {
            out.push(Restatement {
                sent: s,
                other,
                also,
                score: m.score,
                words: m.words,
                conclusion: role == Role::Conclusion,
            });
        }
    }
    out
}

/// Two sentences read as one.
fn union(a: &Content, b: &Content) -> Content {
    let merge = |x: &[u64], y: &[u64]| {
        let mut v: Vec<u64> = x.iter().chain(y).copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    Content {
        words: merge(&a.words, &b.words),
        pairs: merge(&a.pairs, &b.pairs),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Options as TokenOptions;
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    /// (restating line, restated line, second restated line) of each
    /// restatement found at the default threshold.
    fn found(md: &str) -> Vec<(usize, usize, Option<usize>)> {
        let doc = crate::parse::parse("t.md", Source::new(md.to_string()), Format::Markdown);
        let toks = Tokens::new(&doc, TokenOptions::default());
        let line = |s: usize| doc.source.line_of(toks.sents[s].span.start);
        find(&doc, &toks, 8, 200, 0.3)
            .into_iter()
            .map(|r| (line(r.sent), line(r.other), r.also.map(line)))
            .collect()
    }

    const BODY: &str = "# Street Trees\n\n\
        Planting trees along streets is the cheapest way for a city to bring down summer temperatures in its hottest districts.\n\n\
        ## Storm water\n\n\
        Open soil around each trunk absorbs rain that would otherwise run off into overloaded drains, which lowers the risk of flash flooding.\n\n\
        ## Care\n\n\
        The council waters every young tree during its first three summers. After that, most species need no regular care at all.\n\n";

    #[test]
    fn an_faq_answer_that_condenses_a_body_sentence_is_found() {
        let md = format!(
            "{BODY}## FAQ\n\nDo trees help with floods?\n\n\
             Yes: open soil around the trunk absorbs rain before it reaches overloaded drains and lowers the risk of flash flooding.\n"
        );
        assert_eq!(found(&md), [(17, 7, None)]);
    }

    #[test]
    fn an_answer_condensing_two_neighbouring_sentences_points_at_both() {
        let md = format!(
            "{BODY}## FAQ\n\nWho looks after the trees?\n\n\
             The council waters young trees for three summers, and most species then need no regular care.\n"
        );
        assert_eq!(found(&md), [(17, 11, Some(11))]);
    }

    #[test]
    fn an_answer_on_the_topic_in_other_words_or_in_the_titles_words_is_not() {
        let md = format!(
            "{BODY}## FAQ\n\nDo trees help with floods?\n\n\
             Heavy storms still overwhelm the sewers now and then, whatever is planted along the kerb.\n\n\
             Are street trees popular?\n\n\
             Street trees and more street trees were what residents asked for in the survey of street trees.\n"
        );
        assert_eq!(found(&md), []);
    }

    #[test]
    fn a_conclusion_is_compared_with_the_introduction_only() {
        let intro = format!(
            "{BODY}## Conclusion\n\n\
             Planting along streets remains the cheapest way for a city to bring down summer temperatures in the hottest districts.\n"
        );
        assert_eq!(found(&intro), [(15, 3, None)]);
        let body = format!(
            "{BODY}## Conclusion\n\n\
             Open soil around the trunk absorbs rain before it reaches overloaded drains and lowers the risk of flash flooding.\n"
        );
        assert_eq!(found(&body), []);
    }

    #[test]
    fn conclusion_headings_are_recognised() {
        for h in [
            "Conclusion",
            "Conclusions and next steps",
            "In summary",
            "Wrapping up",
            "Final thoughts",
            "Key takeaways",
        ] {
            assert!(is_conclusion_heading(h), "{h}");
        }
        for h in [
            "Summary",
            "Summary of changes",
            "Drawing conclusions from the data",
            "Final design",
        ] {
            assert!(!is_conclusion_heading(h), "{h}");
        }
    }
}
