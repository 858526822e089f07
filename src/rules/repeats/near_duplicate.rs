//! `near-duplicate`: a sentence or passage that repeats another closely.

use std::collections::BTreeMap;
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Document, Scope};
use crate::finding::{Finding, Related, quote};
use crate::rules::{Context, CorpusData, CorpusDoc, OptionError, Rule, parse_options};
use crate::source::Span;

use super::normalize::hash_ids;
use super::shingles::{
    RepeatScreen, features, features_into, jaccard, jaccard_at_least, jaccard_of,
};
use super::tokens::{Options as TokenOptions, Tokens};

/// What is compared: a sentence repeated is a repeat even inside quotation
/// marks (a pull quote printed twice); block quotes, where a writer quotes a
/// passage to answer it, are left out.
const READ: TokenOptions = TokenOptions {
    headings: false,
    tables: false,
    quotes: true,
};
use super::restate;
use super::{HELP_VARY, place, quote_heading};

/// Help on an FAQ answer that restates the body.
const HELP_ANSWER: &str =
    "answer in a line and point to the section that says it, or cut the repeat";
/// Help on a conclusion that restates the introduction.
const HELP_CONCLUSION: &str = "end on what the body showed, not on the introduction's words";

/// Words in a candidate shingle.
const SHINGLE: usize = 3;
/// A shingle shared by more sentences than this is too common to point at a
/// repeat; it finds no candidates.
const POSTING_CAP: usize = 32;
/// Candidates verified per sentence (those sharing the most shingles).
const MAX_CANDIDATES: usize = 8;
/// Most findings pointing at one original sentence.
const MAX_PER_TARGET: usize = 10;
/// Longest sentence compared, in words (a longer one is compared on its
/// first words: bounds the cost of one comparison).
pub const MAX_UNIT_WORDS: usize = 200;

declare_rule! {
    /// ## What it does
    /// Finds a sentence, or a run of sentences, that repeats another one
    /// elsewhere in the document closely: word for word, or with a few words
    /// changed, dropped or moved. The typical cases are an FAQ answer that
    /// restates the body, a conclusion that copies the introduction, and a
    /// paragraph pasted into two sections. The message gives how similar the
    /// two are and where the other one is.
    ///
    /// Similarity is measured on the words (ignoring case, punctuation and
    /// simple inflection) and on pairs of neighbouring words: the share of
    /// those the two sentences have in common (Jaccard similarity). Sentences
    /// are paired up through an index of shared three-word shingles, so long
    /// documents stay fast. Quotations, code, headings and table cells are not
    /// compared, nor are parallel items of one list that differ in a few words.
    ///
    /// An FAQ answer rarely copies the body closely enough for that: it
    /// condenses a body sentence, keeping its content words and dropping the
    /// rest. So a sentence of an FAQ answer (in an FAQ section, or after a
    /// `▼` marker in scraped text) that repeats no sentence closely is also
    /// compared with every sentence of the body, and a sentence of a
    /// conclusion ("Conclusion", "In summary", "Final thoughts") with the
    /// introduction, on what it says rather than how: how much of its
    /// content the other sentence holds, on the words (each weighted by how
    /// rare it is in the document, so that the document's key terms count
    /// little) and on pairs of neighbouring content words ("critical
    /// infrastructure", "risk of conflict"). Words of the title and names do
    /// not count (every answer about the subject uses them), and at least 4
    /// content words and 2 pairs must be shared. The message then says which
    /// sentence it restates and what share of its words that sentence holds.
    ///
    /// With `check --across`, sentences copied from one file into another are
    /// reported too, pointing at the other file; text that a large share of
    /// the files have in common (their shared template) is not.
    ///
    /// ## Why
    /// Saying the same thing twice wastes the reader's time and makes the
    /// second place read like filler; two versions of one statement also drift
    /// apart when only one is updated.
    ///
    /// ## How to fix
    /// Keep the statement where it belongs and cut the other, or point to it
    /// ("see Costs above"). If both are needed, make the second one add
    /// something.
    ///
    /// ## Options
    /// - `min-words` (default 8): shortest sentence compared, in words.
    /// - `threshold` (default 0.55): lowest similarity reported, from 0 to 1.
    /// - `restatement-threshold` (default 0.3): lowest restatement score
    ///   reported for a sentence of an FAQ answer or a conclusion, from 0 to
    ///   1: the mean of the share of its content (weighted words) and the
    ///   share of its content-word pairs that the restated sentence holds.
    /// - `across-min-words` (default 12): with `--across`, shortest sentence
    ///   compared between documents (short stock answers such as "Running
    ///   pods are not affected." recur without being copied).
    /// - `across-max-documents` (default 0, automatic): with `--across`, a
    ///   sentence found in more documents than this is template text (0 means
    ///   half a percent of the documents, at least 3).
    ///
    /// ## Example
    /// ```text
    /// Sharing intelligence allows the US to gain a more comprehensive
    /// understanding of threats, anticipate potential attacks, and coordinate
    /// responses with its partners.
    /// ...
    /// Intelligence sharing allows the US to gain a comprehensive understanding
    /// of threats, anticipate attacks, and coordinate effective responses with
    /// global partners.
    /// ```
    /// The second sentence is reported as 58% similar to the first. In an
    /// FAQ answer,
    /// ```text
    /// Economic partnerships promote global stability and reduce the risk of
    /// conflict and extremism, fostering a safer international environment.
    /// ```
    /// restates this sentence of the body (73% of its words):
    /// ```text
    /// Promoting economic growth and stability around the world can help to
    /// reduce poverty, create jobs, and foster stability, which in turn can
    /// reduce the risk of conflict and extremism.
    /// ```
    pub struct NearDuplicate {
        opts: Options,
    }
}

/// Options of `near-duplicate`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
#[schemars(rename = "NearDuplicateOptions")]
pub struct Options {
    /// Shortest sentence compared, in words.
    pub min_words: usize,
    /// Lowest similarity reported, from 0 to 1.
    pub threshold: f32,
    /// Lowest restatement score reported for a sentence of an FAQ answer or
    /// a conclusion, from 0 to 1.
    pub restatement_threshold: f32,
    /// With `--across`, shortest sentence compared between documents, in
    /// words (short stock answers recur without being copied).
    pub across_min_words: usize,
    /// With `--across`, a sentence found in more documents than this is
    /// template text (0: half a percent of the documents, at least 3).
    pub across_max_documents: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_words: 8,
            threshold: 0.55,
            restatement_threshold: 0.3,
            across_min_words: 12,
            across_max_documents: 0,
        }
    }
}

impl NearDuplicate {
    pub fn build(table: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
        let opts: Options = parse_options(table)?;
        if !(0.0..=1.0).contains(&opts.threshold) || opts.threshold.is_nan() {
            return Err(OptionError::new(
                Some("threshold"),
                "must be between 0 and 1",
            ));
        }
        if !(0.0..=1.0).contains(&opts.restatement_threshold) {
            return Err(OptionError::new(
                Some("restatement-threshold"),
                "must be between 0 and 1",
            ));
        }
        if opts.min_words < SHINGLE {
            return Err(OptionError::new(
                Some("min-words"),
                format!("must be at least {SHINGLE}"),
            ));
        }
        Ok(Box::new(NearDuplicate { opts }))
    }

    pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        g.subschema_for::<Options>()
    }
}

/// A sentence compared: its words and where it is.
#[derive(Clone, Debug)]
struct Unit {
    /// Index in [`Tokens::sents`].
    sent: usize,
    ids: Range<usize>,
}

/// A sentence found to repeat an earlier one.
#[derive(Clone, Copy, Debug)]
struct Match {
    unit: usize,
    other: usize,
    /// For a restatement of two neighbouring sentences, the second.
    also: Option<usize>,
    /// Jaccard similarity, or the restatement score.
    similarity: f32,
    /// For a restatement, the share of the sentence's content words the
    /// other holds.
    restated_words: Option<f32>,
    /// A restatement in a conclusion (of the introduction).
    conclusion: bool,
}

/// What is kept of every compared sentence's features (see [`features`]):
/// their number and a [`Sketch`], which rules out nearly every candidate
/// (all but 613 of 286,154 on a 9 MB document) without the features
/// themselves. Those are worked out again for the few comparisons that need
/// them: keeping them all took 16 bytes per word of a document.
struct Features<'a> {
    units: &'a [Unit],
    ids: &'a [u64],
    counts: Vec<u32>,
    sketches: Vec<Sketch>,
    /// The features of the last unit compared as `a` (a sentence is
    /// compared with each of its candidates in turn), and a buffer for
    /// `b`'s.
    first: (usize, Vec<u64>),
    other: Vec<u64>,
}

impl<'a> Features<'a> {
    /// Counts and sketches of every unit that is ever compared
    /// (`compared[u]`); the others get none.
    fn new(units: &'a [Unit], compared: &[bool], ids: &'a [u64]) -> Features<'a> {
        let mut counts = Vec::with_capacity(units.len());
        let mut sketches = Vec::with_capacity(units.len());
        let mut buf = Vec::new();
        for (u, &c) in units.iter().zip(compared) {
            buf.clear();
            if c {
                features_into(&ids[u.ids.clone()], &mut buf);
            }
            counts.push(buf.len() as u32);
            sketches.push(Sketch::new(&buf));
        }
        Features {
            units,
            ids,
            counts,
            sketches,
            first: (usize::MAX, Vec::new()),
            other: Vec::new(),
        }
    }

    /// The Jaccard similarity of units `a` and `b` when it reaches
    /// `threshold` (exactly [`jaccard`]'s), else `None`.
    fn similarity(&mut self, a: usize, b: usize, threshold: f32) -> Option<f32> {
        let (na, nb) = (self.counts[a] as usize, self.counts[b] as usize);
        let shared = self.sketches[a].most_shared(&self.sketches[b], na, nb);
        if jaccard_of(na, nb, shared) < threshold {
            return None;
        }
        if self.first.0 != a {
            self.first.1.clear();
            features_into(&self.ids[self.units[a].ids.clone()], &mut self.first.1);
            self.first.0 = a;
        }
        self.other.clear();
        features_into(&self.ids[self.units[b].ids.clone()], &mut self.other);
        jaccard_at_least(&self.first.1, &self.other, threshold)
    }
}

/// One bit per feature, of 512: a feature whose bit is not set in the
/// other sentence's sketch is surely not among its features, which bounds
/// how many the two share from above (exactly, unlike an estimate).
#[derive(Clone, Copy)]
struct Sketch([u64; 8]);

impl Sketch {
    fn new(features: &[u64]) -> Sketch {
        let mut bits = [0u64; 8];
        for &f in features {
            let b = (f.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 55) as usize;
            bits[b / 64] |= 1 << (b % 64);
        }
        Sketch(bits)
    }

    /// The most features two sentences with these sketches and `a` and `b`
    /// features can share: each bit set in one sketch only stands for at
    /// least one feature the other lacks.
    fn most_shared(&self, other: &Sketch, a: usize, b: usize) -> usize {
        let only = |x: &Sketch, y: &Sketch| -> usize {
            x.0.iter()
                .zip(&y.0)
                .map(|(p, q)| (p & !q).count_ones() as usize)
                .sum()
        };
        (a.saturating_sub(only(self, other))).min(b.saturating_sub(only(other, self)))
    }
}

/// Which earlier sentences share each sentence's candidate shingles: every
/// (shingle, unit) occurrence of a shingle found more than once, grouped by
/// shingle and in unit order within a group. Built in linear time with
/// cache-sized working sets (a bit-set screen, then a radix sort) rather
/// than probed in a hash map per sentence, which on long documents misses
/// the cache at every probe.
struct ShingleIndex {
    /// Units, grouped by shingle, ascending within a group.
    units: Vec<u32>,
    /// For each unit, the groups it looks up: `(start, k)` means the `k`
    /// units at `units[start..start + k]`, the earlier ones holding one of
    /// its shingles. Unit `u`'s are `lookups[at[u]..at[u + 1]]`.
    lookups: Vec<(u32, u32)>,
    at: Vec<u32>,
    /// Whether a unit is ever compared: it looks some up, or is looked up.
    compared: Vec<bool>,
}

impl ShingleIndex {
    fn new(units: &[Unit], first: &[Option<usize>], toks: &Tokens) -> Self {
        // The candidate shingles of unit `ui`: none for a unit that repeats
        // an earlier one word for word (not indexed). Worked out twice
        // rather than kept: there are about as many as words.
        let shingles = |ui: usize| {
            let u = &units[ui];
            let r = if first[ui].is_none() {
                u.ids.clone()
            } else {
                0..0
            };
            let words = &toks.toks[r.clone()];
            shingles_of(&toks.ids[r], |i| words[i].function())
        };
        // Most shingles occur once and can point at nothing: screened out
        // before the sort.
        let most = units.iter().map(|u| u.ids.len()).sum();
        let screen = RepeatScreen::new(most, (0..units.len()).flat_map(shingles));
        // (shingle, unit) of those, sorted by shingle then unit, each pair
        // once (a sentence may hold a shingle twice).
        let mut occ: Vec<(u64, u32)> = Vec::new();
        for u in 0..units.len() {
            occ.extend(
                shingles(u)
                    .filter(|&h| screen.may_repeat(h))
                    .map(|h| (h, u as u32)),
            );
        }
        sort_by_shingle(&mut occ);
        occ.dedup();
        // A unit at position k of its shingle's group sees the k units
        // before it, while k is at most the posting cap (a shingle in more
        // earlier sentences is too common to point at a repeat).
        let mut count = vec![0u32; units.len() + 1];
        let mut compared = vec![false; units.len()];
        let mut lookups_by_pos: Vec<(u32, u32, u32)> = Vec::new();
        let mut start = 0;
        while start < occ.len() {
            let h = occ[start].0;
            let mut end = start + 1;
            while end < occ.len() && occ[end].0 == h {
                end += 1;
            }
            for k in 1..(end - start).min(POSTING_CAP + 1) {
                let u = occ[start + k].1;
                count[u as usize] += 1;
                lookups_by_pos.push((u, start as u32, k as u32));
                compared[u as usize] = true;
                compared[occ[start + k - 1].1 as usize] = true;
            }
            start = end;
        }
        let units_sorted: Vec<u32> = occ.iter().map(|&(_, u)| u).collect();
        drop(occ);
        let mut at = Vec::with_capacity(units.len() + 1);
        let mut sum = 0u32;
        at.push(0);
        for c in &count[..units.len()] {
            sum += c;
            at.push(sum);
        }
        let mut fill: Vec<u32> = at[..units.len()].to_vec();
        let mut lookups = vec![(0u32, 0u32); sum as usize];
        for (u, start, k) in lookups_by_pos {
            lookups[fill[u as usize] as usize] = (start, k);
            fill[u as usize] += 1;
        }
        ShingleIndex {
            units: units_sorted,
            lookups,
            at,
            compared,
        }
    }

    /// The earlier units sharing a candidate shingle with unit `u`, once
    /// per shared shingle, into `out` (cleared first).
    fn earlier(&self, u: usize, out: &mut Vec<u32>) {
        out.clear();
        for &(start, k) in &self.lookups[self.at[u] as usize..self.at[u + 1] as usize] {
            out.extend_from_slice(&self.units[start as usize..(start + k) as usize]);
        }
    }
}

/// Sorts `(shingle, unit)` pairs by shingle, then unit, in linear time:
/// the shingles are hashes, so their top bits spread them evenly. Two
/// stable counting passes (radix sort, a few hundred buckets each, which
/// keeps the writes cache-friendly on long documents) order them by their
/// top bits, leaving runs of a few pairs to sort.
fn sort_by_shingle(occ: &mut [(u64, u32)]) {
    let n = occ.len();
    // About four pairs per run.
    let bits = (usize::BITS - (n / 4).leading_zeros()).min(16);
    if bits < 4 {
        occ.sort_unstable();
        return;
    }
    let low = bits / 2;
    let mut buf = vec![(0u64, 0u32); n];
    // Least significant digit first: bits [64 - bits, 64 - bits + low),
    // then the top `bits - low`.
    radix_pass(occ, &mut buf, 64 - bits, low);
    radix_pass(&buf, occ, 64 - bits + low, bits - low);
    let shift = 64 - bits;
    for run in occ.chunk_by_mut(|a, b| a.0 >> shift == b.0 >> shift) {
        run.sort_unstable();
    }
}

/// One stable counting pass of a radix sort, on `width` bits from `shift`.
fn radix_pass(from: &[(u64, u32)], to: &mut [(u64, u32)], shift: u32, width: u32) {
    let mask = (1u64 << width) - 1;
    let digit = |h: u64| ((h >> shift) & mask) as usize;
    let mut offsets = vec![0usize; (1 << width) + 1];
    for &(h, _) in from {
        offsets[digit(h) + 1] += 1;
    }
    for b in 1..offsets.len() {
        offsets[b] += offsets[b - 1];
    }
    for &(h, u) in from {
        let d = digit(h);
        to[offsets[d]] = (h, u);
        offsets[d] += 1;
    }
}

/// Candidate shingles of a sentence: its three-word runs that hold a word
/// other than a function word.
fn candidate_shingles(ids: &[u64], function: impl Fn(usize) -> bool) -> Vec<u64> {
    let mut out: Vec<u64> = shingles_of(ids, function).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The candidate shingles of a sentence in order, a shingle as often as it
/// occurs; `function(i)` tells whether its word `i` is a function word.
fn shingles_of<'a>(
    ids: &'a [u64],
    function: impl Fn(usize) -> bool + 'a,
) -> impl Iterator<Item = u64> + 'a {
    (0..ids.len().saturating_sub(SHINGLE - 1))
        .filter(move |&i| !(i..i + SHINGLE).all(&function))
        .map(|i| hash_ids(ids[i..i + SHINGLE].iter().copied()))
}

impl NearDuplicate {
    /// The sentences compared and the repeats found among them, in unit
    /// order: each sentence's closest earlier one (Jaccard similarity), or,
    /// for a sentence of an FAQ answer or a conclusion that repeats none,
    /// the body sentence it restates.
    fn matches(&self, doc: &Document, toks: &Tokens) -> (Vec<Unit>, Vec<Match>) {
        let ids = toks.ids.as_slice();
        let units: Vec<Unit> = toks
            .sents
            .iter()
            .enumerate()
            .filter(|(_, s)| s.toks.len() >= self.opts.min_words)
            .map(|(i, s)| Unit {
                sent: i,
                ids: s.toks.start..s.toks.start + s.toks.len().min(MAX_UNIT_WORDS),
            })
            .collect();
        let unit_of = |sent: usize| units.binary_search_by_key(&sent, |u| u.sent).ok();
        // Restating sentence's unit -> the restatement, with units for
        // sentences.
        let restated: FxHashMap<usize, restate::Restatement> = restate::find(
            doc,
            toks,
            self.opts.min_words,
            MAX_UNIT_WORDS,
            self.opts.restatement_threshold,
        )
        .into_iter()
        .filter_map(|r| {
            let also = match r.also {
                Some(a) => Some(unit_of(a)?),
                None => None,
            };
            let unit = unit_of(r.sent)?;
            let r = restate::Restatement {
                sent: unit,
                other: unit_of(r.other)?,
                also,
                ..r
            };
            Some((unit, r))
        })
        .collect();
        // Each sentence is compared with the earlier one it repeats word for
        // word, or else with the earlier ones sharing the most candidate
        // shingles. A sentence repeating an earlier one word for word is
        // not indexed (the first stands for both).
        let mut exact: FxHashMap<u64, usize> =
            FxHashMap::with_capacity_and_hasher(units.len(), Default::default());
        let first: Vec<Option<usize>> = units
            .iter()
            .enumerate()
            .map(|(ui, u)| {
                let h = hash_ids(ids[u.ids.clone()].iter().copied());
                match exact.entry(h) {
                    std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(ui);
                        None
                    }
                }
            })
            .collect();
        drop(exact);
        let index = ShingleIndex::new(&units, &first, toks);
        let mut feats = Features::new(&units, &index.compared, ids);
        let mut matches: Vec<Match> = Vec::new();
        let mut per_target: FxHashMap<usize, usize> = FxHashMap::default();
        let mut earlier: Vec<u32> = Vec::new();
        let mut cands: Vec<(u32, u32)> = Vec::new();
        for ui in 0..units.len() {
            let found = if let Some(first) = first[ui] {
                Some((first, 1.0))
            } else {
                index.earlier(ui, &mut earlier);
                earlier.sort_unstable();
                cands.clear();
                for run in earlier.chunk_by(|a, b| a == b) {
                    cands.push((run[0], run.len() as u32));
                }
                cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                cands.truncate(MAX_CANDIDATES);
                cands
                    .iter()
                    .filter_map(|&(v, _)| {
                        let s = feats.similarity(ui, v as usize, self.opts.threshold)?;
                        Some((v as usize, s))
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            };
            let m = match found {
                Some((other, similarity)) => {
                    if parallel_items(toks, &units, ui, other, similarity) {
                        continue;
                    }
                    Match {
                        unit: ui,
                        other,
                        also: None,
                        similarity,
                        restated_words: None,
                        conclusion: false,
                    }
                }
                None => match restated.get(&ui) {
                    Some(r) => Match {
                        unit: ui,
                        other: r.other,
                        also: r.also,
                        similarity: r.score,
                        restated_words: Some(r.words),
                        conclusion: r.conclusion,
                    },
                    None => continue,
                },
            };
            let n = per_target.entry(m.other).or_insert(0);
            if *n >= MAX_PER_TARGET {
                continue;
            }
            *n += 1;
            matches.push(m);
        }
        (units, matches)
    }
}

impl Rule for NearDuplicate {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let toks = Tokens::new(doc, READ);
        let (units, matches) = self.matches(doc, &toks);
        let sent_span = |u: usize| toks.sents[units[u].sent].span;
        for p in passages(&toks, &units, &matches) {
            let (first, last) = (p.units[0], p.units[p.units.len() - 1]);
            let span = sent_span(first).cover(sent_span(last));
            let others = p.others.iter().map(|&o| sent_span(o));
            let other = others.clone().reduce(Span::cover).unwrap_or_default();
            let where_ = place(
                doc,
                sent_span(p.others.iter().copied().min().unwrap_or(first)),
            );
            let text = toks
                .text(toks.sents[units[first].sent].toks.clone())
                .unwrap_or_else(|| doc.source.slice(sent_span(first)));
            let (msg, related) = match p.restated_words {
                Some(words) => {
                    let others = distinct(&p.others);
                    (
                        message_restates(text, p.units.len(), others, words, &where_),
                        if others == 1 {
                            "the sentence it restates"
                        } else {
                            "the sentences it restates"
                        },
                    )
                }
                None => (
                    message(text, p.units.len(), p.similarity, &where_),
                    if p.units.len() == 1 {
                        "the sentence it repeats"
                    } else {
                        "the sentences it repeats"
                    },
                ),
            };
            let help = match (p.restated_words, p.conclusion) {
                (None, _) => HELP_VARY,
                (Some(_), false) => HELP_ANSWER,
                (Some(_), true) => HELP_CONCLUSION,
            };
            out.push(
                ctx.finding(span, msg)
                    .with_related(other, related)
                    .with_confidence(p.similarity)
                    .with_help(help),
            );
        }
    }

    fn corpus_data(&self, doc: &Document) -> Option<CorpusData> {
        let min = self.opts.across_min_words.max(SHINGLE);
        Some(Box::new(AcrossData::new(doc, min)))
    }

    fn check_corpus(
        &self,
        docs: &[CorpusDoc<'_>],
        ctx: &Context<'_>,
        out: &mut Vec<(usize, Finding)>,
    ) {
        across(docs, &self.opts, ctx, out);
    }
}

/// Two items of one list (or cells of one table) that differ in a few words
/// are parallel structure, not a repeat.
fn parallel_items(toks: &Tokens, units: &[Unit], a: usize, b: usize, similarity: f32) -> bool {
    let ra = &toks.runs[toks.sents[units[a].sent].run];
    let rb = &toks.runs[toks.sents[units[b].sent].run];
    similarity < 1.0
        && ra.block == rb.block
        && matches!(ra.scope, Scope::ListItem | Scope::TableCell)
        && ra.scope == rb.scope
}

/// Nearby sentences of one block (paragraph, list, FAQ entry) that repeat
/// nearby sentences of one other section, in any order: reported as one
/// finding.
#[derive(Clone, Debug)]
struct Passage {
    /// Units, ascending.
    units: Vec<usize>,
    /// The units they repeat.
    others: Vec<usize>,
    similarity: f32,
    /// For restatements, the mean share of their words the others hold.
    restated_words: Option<f32>,
    /// Restatements in a conclusion.
    conclusion: bool,
}

/// Most compared sentences between two sentences of one passage.
const PASSAGE_GAP: usize = 2;

fn passages(toks: &Tokens, units: &[Unit], matches: &[Match]) -> Vec<Passage> {
    let run = |u: usize| &toks.runs[toks.sents[units[u].sent].run];
    let mut out: Vec<Passage> = Vec::new();
    for m in matches {
        if let Some(p) = out.last_mut() {
            // Near the passage's last sentence, repeating a sentence near
            // the ones it repeats (in any order: a restatement may reorder).
            let lu = p.units[p.units.len() - 1];
            let lo = p.others.iter().copied().min().unwrap_or(m.other);
            let hi = p.others.iter().copied().max().unwrap_or(m.other);
            // A repeat comes after what it repeats and repeats each
            // sentence once; an answer may restate a body sentence after it
            // (an FAQ at the top) and condense two of its sentences from one.
            let restates = m.restated_words.is_some();
            let joins = m.unit - lu <= PASSAGE_GAP
                && restates == p.restated_words.is_some()
                && (restates || (!p.others.contains(&m.other) && m.other < p.units[0]))
                && m.other + PASSAGE_GAP + 1 >= lo
                && m.other <= hi + PASSAGE_GAP + 1
                && run(m.unit).block == run(lu).block
                && run(m.other).section == run(lo).section;
            if joins {
                p.units.push(m.unit);
                p.others.push(m.other);
                p.others.extend(m.also);
                p.similarity += m.similarity;
                p.restated_words = p.restated_words.zip(m.restated_words).map(|(a, b)| a + b);
                continue;
            }
        }
        out.push(Passage {
            units: vec![m.unit],
            others: std::iter::once(m.other).chain(m.also).collect(),
            similarity: m.similarity,
            restated_words: m.restated_words,
            conclusion: m.conclusion,
        });
    }
    for p in &mut out {
        p.similarity /= p.units.len() as f32;
        p.restated_words = p.restated_words.map(|w| w / p.units.len() as f32);
    }
    out
}

/// How many distinct values `v` holds.
fn distinct(v: &[usize]) -> usize {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// The message of a finding on `n` sentences, the first reading `text`.
fn message(text: &str, n: usize, similarity: f32, where_: &str) -> String {
    let pct = percent(similarity);
    match (n, similarity >= 1.0) {
        (1, true) => format!(
            "{} repeats word for word the sentence {where_}",
            quote(text, 60)
        ),
        (1, false) => format!(
            "{} is {pct}% similar to the sentence {where_}",
            quote(text, 60)
        ),
        (n, true) => format!(
            "{n} sentences here, from {}, repeat word for word sentences {where_}",
            quote(text, 40)
        ),
        (n, false) => format!(
            "{n} sentences here, from {}, are {pct}% similar to sentences {where_}",
            quote(text, 40)
        ),
    }
}

/// The message of a restatement on `n` sentences, the first reading
/// `text`, that restate `others` distinct sentences, which hold `words` of
/// their content words on average.
fn message_restates(text: &str, n: usize, others: usize, words: f32, where_: &str) -> String {
    let pct = percent(words);
    let what = if others == 1 {
        "the sentence".to_string()
    } else if n == 1 {
        format!("{others} sentences")
    } else {
        "sentences".to_string()
    };
    if n == 1 {
        format!(
            "{} restates {what} {where_} ({pct}% of its words)",
            quote(text, 60)
        )
    } else {
        format!(
            "{n} sentences here, from {}, restate {what} {where_} ({pct}% of their words)",
            quote(text, 40)
        )
    }
}

/// What `--across` keeps of a document: its sentences' words (as 32-bit
/// hashes) and where each sentence is.
#[derive(Clone, Debug, Default)]
pub struct AcrossData {
    ids: Vec<u32>,
    function: Vec<bool>,
    units: Vec<AcrossUnit>,
    /// Every candidate shingle of the document's text, headings and tables
    /// included, sorted and distinct: what document frequency counts, so
    /// that a template's questions count as template text wherever they
    /// stand.
    all_shingles: Vec<u64>,
    /// Section headings the units name.
    sections: Vec<String>,
}

#[derive(Clone, Debug)]
struct AcrossUnit {
    ids: Range<u32>,
    span: Span,
    line: u32,
    /// Index into `sections`, or `u32::MAX` before the first heading.
    section: u32,
}

impl AcrossData {
    fn new(doc: &Document, min_words: usize) -> AcrossData {
        let toks = Tokens::new(
            doc,
            TokenOptions {
                headings: true,
                tables: true,
                ..READ
            },
        );
        let mut data = AcrossData::default();
        let mut section_index: BTreeMap<usize, u32> = BTreeMap::new();
        let ids: Vec<u64> = toks.ids.iter().map(|id| id & 0xffff_ffff).collect();
        for s in &toks.sents {
            let words = &toks.toks[s.toks.clone()];
            data.all_shingles
                .extend(candidate_shingles(&ids[s.toks.clone()], |i| {
                    words[i].function()
                }));
            let scope = toks.runs[s.run].scope;
            if s.toks.len() < min_words || matches!(scope, Scope::Heading | Scope::TableCell) {
                continue;
            }
            let start = data.ids.len() as u32;
            let r = s.toks.start..s.toks.start + s.toks.len().min(MAX_UNIT_WORDS);
            for i in r {
                data.ids.push(toks.ids[i] as u32);
                data.function.push(toks.toks[i].function());
            }
            let sec = doc.section_at(s.span.start);
            let section = match &doc.sections[sec].heading {
                Some(h) => *section_index.entry(sec).or_insert_with(|| {
                    data.sections.push(h.text().to_string());
                    (data.sections.len() - 1) as u32
                }),
                None => u32::MAX,
            };
            data.units.push(AcrossUnit {
                ids: start..data.ids.len() as u32,
                span: s.span,
                line: doc.source.line_of(s.span.start) as u32,
                section,
            });
        }
        data.all_shingles.sort_unstable();
        data.all_shingles.dedup();
        data.all_shingles.shrink_to_fit();
        data
    }

    fn unit_shingles(&self, u: &AcrossUnit) -> Vec<u64> {
        let f = &self.function[u.ids.start as usize..u.ids.end as usize];
        candidate_shingles(&self.words(u), |i| f[i])
    }

    fn words(&self, u: &AcrossUnit) -> Vec<u64> {
        self.ids[u.ids.start as usize..u.ids.end as usize]
            .iter()
            .map(|&i| i as u64)
            .collect()
    }

    fn place(&self, path: &str, u: &AcrossUnit) -> String {
        match self.sections.get(u.section as usize) {
            Some(h) => format!("{path}, {}, line {}", quote_heading(h), u.line),
            None => format!("{path}, line {}", u.line),
        }
    }
}

/// The most documents a shared sentence may be in before it counts as
/// template text: as configured, or half a percent of them, at least 3.
pub fn max_documents(configured: usize, n_docs: usize) -> usize {
    if configured > 0 {
        configured
    } else {
        n_docs.div_ceil(200).max(3)
    }
}

fn across(
    docs: &[CorpusDoc<'_>],
    opts: &Options,
    ctx: &Context<'_>,
    out: &mut Vec<(usize, Finding)>,
) {
    let data: Vec<&AcrossData> = docs
        .iter()
        .map(|d| d.data.downcast_ref::<AcrossData>())
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    if data.len() != docs.len() {
        return;
    }
    let max_docs = max_documents(opts.across_max_documents, docs.len());
    // How many documents hold each shingle; one in more than `max_docs` is
    // the template they share, not a copy.
    // Sorting every document's (distinct) shingles together counts them in
    // n log n time and a flat array, lighter than a hash table of millions.
    let mut all: Vec<u64> = Vec::with_capacity(data.iter().map(|d| d.all_shingles.len()).sum());
    for d in &data {
        all.extend_from_slice(&d.all_shingles);
    }
    all.sort_unstable();
    let mut shared_shingles: Vec<u64> = Vec::new();
    for run in all.chunk_by(|a, b| a == b) {
        if run.len() >= 2 && run.len() <= max_docs {
            shared_shingles.push(run[0]);
        }
    }
    drop(all);
    let shared = |s: &u64| shared_shingles.binary_search(s).is_ok();
    // Shingle -> the sentences holding it, for shingles shared by a few
    // documents only: every list is short, so pairing stays near linear in
    // the corpus (never all pairs of documents).
    let cap = max_docs * POSTING_CAP;
    let mut index: FxHashMap<u64, Vec<(u32, u32)>> = FxHashMap::default();
    let mut shingles_of: Vec<Vec<Vec<u64>>> = Vec::with_capacity(data.len());
    for (di, d) in data.iter().enumerate() {
        let mut per_unit = Vec::with_capacity(d.units.len());
        for (ui, u) in d.units.iter().enumerate() {
            let mut sh = d.unit_shingles(u);
            sh.retain(|s| shared(s));
            for &s in &sh {
                let list = index.entry(s).or_default();
                if list.len() <= cap {
                    list.push((di as u32, ui as u32));
                }
            }
            per_unit.push(sh);
        }
        shingles_of.push(per_unit);
    }
    let mut counts: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for (di, d) in data.iter().enumerate() {
        let mut matches: Vec<(usize, usize, usize, f32)> = Vec::new(); // (unit, doc, unit, sim)
        for (ui, u) in d.units.iter().enumerate() {
            counts.clear();
            for s in &shingles_of[di][ui] {
                let Some(list) = index.get(s) else { continue };
                if list.len() > cap {
                    continue;
                }
                for &(d2, u2) in list {
                    if d2 as usize != di {
                        *counts.entry((d2, u2)).or_insert(0) += 1;
                    }
                }
            }
            if counts.is_empty() {
                continue;
            }
            let mut cands: Vec<((u32, u32), u32)> = counts.iter().map(|(&k, &c)| (k, c)).collect();
            cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            cands.truncate(MAX_CANDIDATES);
            let fa = features(&d.words(u));
            let best = cands
                .iter()
                .map(|&((d2, u2), _)| {
                    let o = &data[d2 as usize];
                    let fb = features(&o.words(&o.units[u2 as usize]));
                    (d2 as usize, u2 as usize, jaccard(&fa, &fb))
                })
                .filter(|&(_, _, s)| s >= opts.threshold)
                .max_by(|a, b| a.2.total_cmp(&b.2).then((b.0, b.1).cmp(&(a.0, a.1))));
            if let Some((d2, u2, s)) = best {
                matches.push((ui, d2, u2, s));
            }
        }
        // Sentences of one section copied from one section of one other
        // document: one finding.
        let mut i = 0;
        while i < matches.len() {
            let (u0, d2, o0, _) = matches[i];
            let key = |(u, dd, o, _): (usize, usize, usize, f32)| {
                (d.units[u].section, dd, data[dd].units[o].section)
            };
            let mut j = i + 1;
            while j < matches.len() && key(matches[j]) == key(matches[i]) {
                j += 1;
            }
            let group = &matches[i..j];
            let n = group.len();
            let o = &data[d2];
            let ul = group[n - 1].0;
            let span = d.units[u0].span.cover(d.units[ul].span);
            let other = group
                .iter()
                .map(|m| o.units[m.2].span)
                .reduce(Span::cover)
                .unwrap_or(o.units[o0].span);
            let first_other = group.iter().map(|m| m.2).min().unwrap_or(o0);
            let sim = group.iter().map(|m| m.3).sum::<f32>() / n as f32;
            let where_ = o.place(docs[d2].path, &o.units[first_other]);
            let msg = message_across(n, sim, &where_);
            let mut f = ctx
                .finding(span, msg)
                .with_confidence(sim)
                .with_help("keep the text in one document and refer to it from the other");
            f.related.push(Related {
                path: Some(docs[d2].path.to_string()),
                span: other,
                message: "the other copy".to_string(),
            });
            out.push((docs[di].index, f));
            i = j;
        }
    }
}

/// A similarity as a whole percentage, 100 only when identical.
fn percent(similarity: f32) -> u32 {
    let p = (similarity * 100.0).round() as u32;
    if similarity < 1.0 { p.min(99) } else { 100 }
}

fn message_across(sentences: usize, similarity: f32, where_: &str) -> String {
    let what = if sentences == 1 {
        "this sentence".to_string()
    } else {
        format!("{sentences} sentences of this section")
    };
    let pct = percent(similarity);
    match (sentences, similarity >= 1.0) {
        (1, true) => format!("{what} also appears word for word in {where_}"),
        (_, true) => format!("{what} also appear word for word in {where_}"),
        (1, false) => format!("{what} is {pct}% similar to text in {where_}"),
        (_, false) => format!("{what} are {pct}% similar to text in {where_}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::finding::Severity;
    use crate::source::Source;

    #[test]
    fn sorting_by_shingle_equals_a_plain_sort() {
        let mut next = crate::test_support::xorshift(3);
        for n in [0, 1, 5, 63, 64, 1000, 5000, 70_000] {
            // Few distinct hashes (many equal ones) and spread-out ones.
            for spread in [16u64, u64::MAX] {
                let mut v: Vec<(u64, u32)> = (0..n)
                    .map(|_| {
                        let h = next() % spread;
                        (
                            h.wrapping_mul(0x9e37_79b9_7f4a_7c15),
                            (next() % 1000) as u32,
                        )
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_unstable();
                sort_by_shingle(&mut v);
                assert_eq!(v, want, "n {n}, spread {spread}");
            }
        }
    }

    #[test]
    fn the_sketch_bound_never_rules_out_a_similar_pair() {
        let mut next = crate::test_support::xorshift(11);
        for _ in 0..3000 {
            let mut a: Vec<u64> = (0..next() % 80).map(|_| next() % 120).collect();
            let mut b: Vec<u64> = (0..next() % 80).map(|_| next() % 120).collect();
            for v in [&mut a, &mut b] {
                v.sort_unstable();
                v.dedup();
            }
            let shared = super::super::shingles::intersection(&a, &b);
            let most = Sketch::new(&a).most_shared(&Sketch::new(&b), a.len(), b.len());
            assert!(most >= shared, "{most} < {shared}");
        }
    }

    fn run(md: &str) -> Vec<Finding> {
        let doc = crate::parse::parse("t.md", Source::new(md.to_string()), Format::Markdown);
        let rule = NearDuplicate {
            opts: Options::default(),
        };
        let ctx = Context {
            name: "near-duplicate",
            severity: Severity::Warning,
        };
        let mut out = Vec::new();
        rule.check(&doc, &ctx, &mut out);
        out
    }

    #[test]
    fn finds_a_restated_sentence_with_its_similarity() {
        let md = "Sharing intelligence allows the US to gain a more comprehensive understanding of threats, anticipate potential attacks, and coordinate responses with its partners.\n\n\
                  Something else entirely is said in this paragraph about budgets and taxes.\n\n\
                  Intelligence sharing allows the US to gain a comprehensive understanding of threats, anticipate attacks, and coordinate effective responses with global partners.\n";
        let f = run(md);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.contains("% similar to the sentence on line 1"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related.len(), 1);
        assert!(f[0].confidence.is_some_and(|c| (0.55..1.0).contains(&c)));
    }

    #[test]
    fn an_faq_answer_under_a_question_heading_restating_the_body_is_reported() {
        let md = "# Street Trees\n\n\
                  ## Storm water\n\n\
                  Open soil around each trunk absorbs rain that would otherwise run off into overloaded drains, which lowers the risk of flash flooding.\n\n\
                  ## FAQ\n\n\
                  ### Do trees help with floods?\n\n\
                  Yes: open soil around the trunk absorbs rain before it reaches overloaded drains and lowers the risk of flash flooding.\n";
        let f = run(md);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message
                .ends_with("restates the sentence in ‘Storm water’, line 5 (85% of its words)"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related[0].message, "the sentence it restates");
        // Without the FAQ heading, the two sentences are too far apart in
        // wording to be reported.
        assert!(run(&md.replace("## FAQ", "## Floods")).is_empty());
    }

    #[test]
    fn pathological_repeats_stay_bounded() {
        let s = "The committee approved the annual budget for regional transport projects. ";
        let f = run(&s.repeat(10_000));
        assert!(f.len() <= MAX_PER_TARGET, "{}", f.len());
    }
}
