//! `unsupported-claim`: sentences that state a claim without a source.

use std::ops::Range;
use std::path::PathBuf;

use serde::Deserialize;

use super::attribution::{self, Attribution};
use super::cues::{Analysis, CueSet};
use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::{Block, Document, Prose, Sentence, SupportKind};
use crate::finding::{Finding, Severity, quote};
use crate::rules::{Context, OptionError, Rule, parse_options};

/// The rule's name.
pub const NAME: &str = "unsupported-claim";

/// Default of `warning-threshold`.
pub const DEFAULT_WARNING_THRESHOLD: f64 = 0.65;
/// Default of `min-confidence`.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.5;

/// Options of `unsupported-claim`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct UnsupportedClaimOptions {
    /// Confidence at or above which a claim is reported at the rule's
    /// severity (`warning` by default); claims below it are `info`.
    pub warning_threshold: f64,
    /// Lowest confidence reported at all: sentences that score below it
    /// are not reported.
    pub min_confidence: f64,
    /// A link, footnote or reference also supports the sentences before it
    /// in the same paragraph (list item, table cell), as a footnote at the
    /// end of a paragraph covers the paragraph; a named source ("according
    /// to the OECD, …") also supports the sentences after it.
    pub paragraph_support: bool,
    /// A cue file to use instead of the built-in `rules/claims.toml` (same
    /// format), relative to the configuration file that sets it.
    pub cues: Option<String>,
}

impl Default for UnsupportedClaimOptions {
    fn default() -> UnsupportedClaimOptions {
        UnsupportedClaimOptions {
            warning_threshold: DEFAULT_WARNING_THRESHOLD,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            paragraph_support: true,
            cues: None,
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reads every sentence of the body text (paragraphs, list items, table
    /// cells, FAQ answers) for the claim it makes, and reports the ones that
    /// state a claim without support. A claim is recognised by its cues, each
    /// family a separate signal with its own weight:
    ///
    /// - **statistics and quantities**: numbers, percentages, sums of money,
    ///   "half of", "one in five", "millions";
    /// - **trends and comparisons**: "a growing number", "more than ever",
    ///   "twice as", "increasingly";
    /// - **causes and effects**: "leads to", "reduces", "because of",
    ///   "ensures";
    /// - **superlatives and absolutes**: "the most critical", "far outweigh",
    ///   "always", "never", "no single nation";
    /// - **vague attribution and weasel words**: "experts say", "studies
    ///   show", "it is widely believed", "many argue", "some", "many";
    /// - **certainty boosters**: "clearly", "undoubtedly", "proven".
    ///
    /// Past tenses and names of people and organisations make a sentence read
    /// more like a checkable statement of fact; hedges ("may", "might",
    /// "could", "can") make it read less like one. Questions, instructions,
    /// opinions framed as opinions ("we believe", "in our view", "I think"),
    /// headings, FAQ questions, block quotes, table headers, footnotes and
    /// code are never claims. In a technical document (one with code blocks
    /// or inline code in several paragraphs) the same words count for less:
    /// there "some", "all" and "ensures" mostly describe the design.
    ///
    /// A claim is **supported** when the sentence has a link, a footnote
    /// reference, a reference marker such as `[12]` or `(Smith, 2019)`, or
    /// names its source: "according to the Congressional Budget Office", "the
    /// OECD reported", "Smith said", "a 2021 study by the RAND Corporation
    /// found". By default a citation also covers the sentences before it in
    /// the same paragraph, as a footnote at the end of a paragraph does, and
    /// a named source the sentences after it. A vague source ("according to
    /// experts", "sources said", "he said") does not count, nor does a
    /// footnote reference whose footnote is not defined.
    ///
    /// Each finding quotes the cues that fired, gives the confidence (from 0
    /// to 1) that the sentence is a claim, and says what would support it.
    /// Claims at or above `warning-threshold` are warnings; the rest are
    /// `info`. Whether the document has a sources section at all is the
    /// business of the section rules, not of this one.
    ///
    /// ## Why
    /// Policy drafts and articles are trusted as far as their claims can be
    /// checked. A statistic, a trend or a sweeping generalisation without a
    /// source asks the reader to take it on faith, and "experts say" only
    /// looks like a source.
    ///
    /// ## How to fix
    /// - Cite the source: a link, a footnote (`[^1]`), a reference (`[12]`,
    ///   `(Smith, 2019)`), or name it in the sentence ("according to the
    ///   Congressional Budget Office, …").
    /// - Replace a vague source with the real one: not "studies show" but
    ///   "a 2021 RAND study found".
    /// - If the sentence is your view, say so ("in our view, …"); if it
    ///   overstates, soften it ("can", "may").
    ///
    /// ## Options
    /// - `warning-threshold` (default 0.65): confidence at or above which a
    ///   claim is a warning; below it, info.
    /// - `min-confidence` (default 0.5): lowest confidence reported at all.
    /// - `paragraph-support` (default true): a citation also covers the
    ///   sentences before it in the same paragraph, a named source those
    ///   after it.
    /// - `cues`: a cue file to use instead of the built-in one. The cue
    ///   words, their families and weights are data: copy `rules/claims.toml`
    ///   from copydesk's source, edit the lists or weights, and point `cues`
    ///   at the copy.
    ///
    /// ## Example
    /// ```markdown
    /// Unemployment fell by 40 percent in two years.
    ///
    /// Experts say the benefits far outweigh the risks.
    /// ```
    /// Both sentences are reported. These are not:
    /// ```markdown
    /// Unemployment fell by 40 percent in two years.[^1]
    ///
    /// According to the Bureau of Labor Statistics, unemployment fell by 40 percent.
    ///
    /// In our view, the benefits outweigh the risks.
    ///
    /// Secure channels can improve intelligence sharing.
    ///
    /// [^1]: Bureau of Labor Statistics, *Employment Situation*, 2024.
    /// ```
    pub struct UnsupportedClaim {
        options: UnsupportedClaimOptions,
        cues: CueSetRef,
    }
}

/// The built-in cues or a user's.
enum CueSetRef {
    Builtin,
    Owned(Box<CueSet>),
}

impl CueSetRef {
    fn get(&self) -> &CueSet {
        match self {
            CueSetRef::Builtin => CueSet::builtin(),
            CueSetRef::Owned(c) => c,
        }
    }
}

/// Builds the rule from its options.
pub fn build(table: &toml::Table, ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
    let options: UnsupportedClaimOptions = parse_options(table)?;
    for (key, v) in [
        ("warning-threshold", options.warning_threshold),
        ("min-confidence", options.min_confidence),
    ] {
        if !(0.0..=1.0).contains(&v) {
            return Err(OptionError::new(
                Some(key),
                format!("{key} must be between 0 and 1"),
            ));
        }
    }
    let cues = match &options.cues {
        None => CueSetRef::Builtin,
        Some(path) => {
            let mut p = PathBuf::from(path);
            if p.is_relative()
                && let Some(o) = ctx
                    .config
                    .rules
                    .get(NAME)
                    .and_then(|rc| rc.option_origins.get("cues"))
            {
                p = o.file.dir.join(p);
            }
            let text = std::fs::read_to_string(&p).map_err(|e| {
                OptionError::new(
                    Some("cues"),
                    format!("`cues`: cannot read {}: {e}", p.display()),
                )
            })?;
            let set = CueSet::from_toml(&text)
                .map_err(|e| OptionError::new(Some("cues"), format!("{}: {e}", p.display())))?;
            CueSetRef::Owned(Box::new(set))
        }
    };
    Ok(Box::new(UnsupportedClaim { options, cues }))
}

/// The options' JSON Schema.
pub fn options_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.subschema_for::<UnsupportedClaimOptions>()
}

/// A sentence that makes a claim, with what supports it.
#[derive(Clone, Debug)]
pub struct Claim<'d> {
    pub prose: &'d Prose,
    pub sentence: &'d Sentence,
    /// How sure the cues are that the sentence is a claim, in `[0, 1]`.
    pub score: f32,
    /// Whether the sentence, or its paragraph when that counts, has support.
    pub supported: bool,
}

/// Every body-text prose run of a document that may hold claims: paragraphs,
/// list items, table body cells and FAQ answers, outside block quotes.
fn body_prose(doc: &Document) -> Vec<&Prose> {
    fn walk<'d>(b: &'d Block, out: &mut Vec<&'d Prose>) {
        match b {
            Block::Paragraph(p) => out.push(&p.prose),
            Block::List(l) => {
                for item in &l.items {
                    for b in &item.blocks {
                        walk(b, out);
                    }
                }
            }
            // Header cells are labels, not statements.
            Block::Table(t) => {
                out.extend(t.rows.iter().flat_map(|r| r.cells.iter().map(|c| &c.prose)));
            }
            // FAQ questions are questions; their answers are body text.
            Block::Faq(f) => {
                for b in &f.answer {
                    walk(b, out);
                }
            }
            // Quoted words are someone else's, attributed by the quoting.
            Block::Quote(_) | Block::Code(_) | Block::Html(_) | Block::ThematicBreak(_) => {}
        }
    }
    let mut out = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            walk(b, &mut out);
        }
    }
    out
}

/// A sentence's own support: attached links, defined footnotes, markers.
/// Also returns the first undefined footnote's label, if any.
fn attached_support<'p>(prose: &'p Prose, s: &'p Sentence) -> (bool, Option<&'p str>) {
    let mut any = false;
    let mut undefined = None;
    for sup in prose.support_of(s) {
        match &sup.kind {
            SupportKind::Footnote {
                label,
                defined: false,
            } => {
                undefined.get_or_insert(label.as_str());
            }
            _ => any = true,
        }
    }
    (any, undefined)
}

/// Reusable buffers for reading sentences.
#[derive(Default)]
struct Reader {
    analysis: Analysis,
    code: Vec<Range<usize>>,
}

impl Reader {
    /// Analyses a sentence of a prose run and finds its written attribution.
    fn read(&mut self, cues: &CueSet, prose: &Prose, s: &Sentence) -> Attribution {
        let text = prose.sentence_text(s);
        self.code.clear();
        for c in &prose.code {
            if c.start < s.plain.end && s.plain.start < c.end {
                self.code.push(
                    c.start.saturating_sub(s.plain.start)..c.end.min(s.plain.end) - s.plain.start,
                );
            }
        }
        cues.analyse(text, &self.code, &mut self.analysis);
        attribution::find(text, &self.analysis)
    }

    /// The claim score of the sentence just read, with `offset` added to
    /// its sum: 0 unless a claim cue fired.
    fn score(&self, cues: &CueSet, offset: f32) -> f32 {
        if self.analysis.has_claim_cue(cues) {
            self.analysis.score_with(offset)
        } else {
            0.0
        }
    }
}

/// The sentences of a document's body text that score at least
/// `min_score`, in document order, with whether each is supported.
///
/// With the built-in cues, the reading of the document is done once and
/// shared (through [`Document::memo`], one entry per `paragraph_support`)
/// by every caller whatever its `min_score`: `missing-section`'s count of
/// uncited claims and `unsupported-claim` itself. Other cues (a user's cue
/// file) are read afresh.
pub fn claims<'d>(
    doc: &'d Document,
    cues: &CueSet,
    min_score: f64,
    paragraph_support: bool,
) -> Vec<Claim<'d>> {
    let runs = body_prose(doc);
    let keep = |v: &[Scored]| -> Vec<Claim<'d>> {
        v.iter()
            .filter(|c| f64::from(c.score) >= min_score)
            .filter_map(|c| {
                let prose = *runs.get(c.run)?;
                Some(Claim {
                    prose,
                    sentence: prose.sentences.get(c.sentence)?,
                    score: c.score,
                    supported: c.supported,
                })
            })
            .collect()
    };
    if !std::ptr::eq(cues, CueSet::builtin()) {
        return keep(&scored(&runs, doc, cues, paragraph_support));
    }
    if paragraph_support {
        keep(
            &doc.memo(|d| BuiltinScored::<true>(scored(&body_prose(d), d, cues, true)))
                .0,
        )
    } else {
        keep(
            &doc.memo(|d| BuiltinScored::<false>(scored(&body_prose(d), d, cues, false)))
                .0,
        )
    }
}

/// A sentence with a claim score above 0: its run (index in
/// [`body_prose`]), its index in the run, the score and whether it is
/// supported.
#[derive(Clone, Copy, Debug)]
struct Scored {
    run: usize,
    sentence: usize,
    score: f32,
    supported: bool,
}

/// [`scored`] by the built-in cues, with `paragraph_support` = `P`: the
/// memo's key.
struct BuiltinScored<const P: bool>(Vec<Scored>);

/// Every sentence of `runs` (the document's body prose) that scores above 0,
/// in document order, with whether each is supported.
fn scored(runs: &[&Prose], doc: &Document, cues: &CueSet, paragraph_support: bool) -> Vec<Scored> {
    let mut out: Vec<Scored> = Vec::new();
    let mut r = Reader::default();
    let offset = document_offset(doc, cues);
    for (run, prose) in runs.iter().enumerate() {
        let first = out.len();
        // The last sentence with a citation (a link, footnote or marker)
        // and the first that names its source.
        let mut last_cited: Option<usize> = None;
        let mut first_named: Option<usize> = None;
        // Citation markers the parser may not have attached, found in the
        // whole run so that one the sentence splitter cut through counts.
        // A marker belongs to the sentence it starts in, or to the one before
        // when it starts a sentence ("… rose. [4]").
        let mut marked = vec![false; prose.sentences.len()];
        for m in attribution::markers(&prose.text.plain) {
            if prose.overlaps_code(&m) {
                continue;
            }
            let k = prose
                .sentences
                .partition_point(|x| x.plain.start <= m.start)
                .saturating_sub(1);
            let k = match prose.sentences.get(k) {
                Some(x) if x.plain.start == m.start && k > 0 => k - 1,
                _ => k,
            };
            if let Some(f) = marked.get_mut(k) {
                *f = true;
            }
        }
        for (k, s) in prose.sentences.iter().enumerate() {
            let att = r.read(cues, prose, s);
            let (attached, _) = attached_support(prose, s);
            let cited = attached || marked[k] || att.marker.is_some();
            let supported = cited || att.named.is_some();
            if cited {
                last_cited = Some(s.plain.start);
            }
            if att.named.is_some() && first_named.is_none() {
                first_named = Some(s.plain.start);
            }
            let score = r.score(cues, offset);
            if score > 0.0 {
                out.push(Scored {
                    run,
                    sentence: k,
                    score,
                    supported,
                });
            }
        }
        // A citation covers the sentences before it in the paragraph, as a
        // footnote at the end of a paragraph does; a named source covers the
        // sentences after it ("According to the OECD, … It also found …").
        if paragraph_support {
            for c in &mut out[first..] {
                let at = prose.sentences[c.sentence].plain.start;
                if last_cited.is_some_and(|l| at <= l) || first_named.is_some_and(|f| f <= at) {
                    c.supported = true;
                }
            }
        }
    }
    out
}

/// Whether a document is technical: it has a code block, or inline code in
/// at least `technical-code-runs` of its prose runs.
pub fn is_technical(doc: &Document, cues: &CueSet) -> bool {
    fn has_code_block(blocks: &[Block]) -> bool {
        blocks.iter().any(|b| match b {
            Block::Code(_) => true,
            Block::List(l) => l.items.iter().any(|i| has_code_block(&i.blocks)),
            Block::Quote(q) => has_code_block(&q.blocks),
            Block::Faq(f) => has_code_block(&f.answer),
            _ => false,
        })
    }
    if doc.sections.iter().any(|s| has_code_block(&s.blocks)) {
        return true;
    }
    let runs = body_prose(doc)
        .iter()
        .filter(|p| !p.code.is_empty())
        .take(cues.technical_code_runs.max(1))
        .count();
    runs >= cues.technical_code_runs.max(1)
}

/// What every sentence of the document gets added to its sum.
fn document_offset(doc: &Document, cues: &CueSet) -> f32 {
    if cues.technical_document != 0.0 && is_technical(doc, cues) {
        cues.technical_document
    } else {
        0.0
    }
}

/// How strongly a sentence of `doc` reads as a claim that needs a source, in
/// `[0, 1]`, by the built-in cues: 0 for a sentence with no claim cue, a
/// question, an instruction or an opinion framed as one. Support is not
/// considered. (Checks whether `doc` is technical: call [`claims`] for many
/// sentences.)
pub fn claim_score(doc: &Document, prose: &Prose, sentence: &Sentence) -> f32 {
    let cues = CueSet::builtin();
    let mut r = Reader::default();
    r.read(cues, prose, sentence);
    r.score(cues, document_offset(doc, cues))
}

/// Whether the document's body text makes claims (cited or not) that the
/// built-in cues score at or above the default warning threshold: what a
/// sources-section check asks before requiring one.
pub fn makes_claims(doc: &Document) -> bool {
    !claims(doc, CueSet::builtin(), DEFAULT_WARNING_THRESHOLD, true).is_empty()
}

/// How many sentences make claims at or above the default warning threshold
/// that nothing supports (what `missing-section`'s `required-when = "claims"`
/// counts in its message).
pub fn unsupported_claim_count(doc: &Document) -> usize {
    claims(doc, CueSet::builtin(), DEFAULT_WARNING_THRESHOLD, true)
        .iter()
        .filter(|c| !c.supported)
        .count()
}

/// Whether the document makes claims at or above the default warning
/// threshold that nothing supports.
pub fn makes_unsupported_claims(doc: &Document) -> bool {
    claims(doc, CueSet::builtin(), DEFAULT_WARNING_THRESHOLD, true)
        .iter()
        .any(|c| !c.supported)
}

impl Rule for UnsupportedClaim {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let cues = self.cues.get();
        let o = &self.options;
        let mut r = Reader::default();
        for c in claims(doc, cues, o.min_confidence, o.paragraph_support) {
            if c.supported {
                continue;
            }
            let att = r.read(cues, c.prose, c.sentence);
            let text = c.prose.sentence_text(c.sentence);
            let (_, undefined) = attached_support(c.prose, c.sentence);
            let undefined = undefined.or_else(|| attribution::undefined_footnote(text));
            let (message, help) = describe(cues, &r.analysis, text, &att, undefined, c.score);
            let severity = if f64::from(c.score) >= o.warning_threshold {
                ctx.severity
            } else {
                Severity::Info
            };
            let mut f = ctx
                .finding(c.sentence.span, message)
                .with_confidence(c.score)
                .with_help(help);
            f.severity = severity;
            out.push(f);
        }
    }
}

/// The message and help of a finding.
fn describe(
    cues: &CueSet,
    a: &Analysis,
    text: &str,
    att: &Attribution,
    undefined: Option<&str>,
    score: f32,
) -> (String, String) {
    // Claim families that fired, strongest first (ties: file order).
    let mut fired: Vec<(usize, &Range<usize>)> = cues
        .families
        .iter()
        .zip(&a.fired)
        .enumerate()
        .filter_map(|(i, (f, r))| match (r, &f.claim) {
            (Some(r), Some(_)) if f.weight > 0.0 => Some((i, r)),
            _ => None,
        })
        .collect();
    fired.sort_by(|x, y| {
        cues.families[y.0]
            .weight
            .total_cmp(&cues.families[x.0].weight)
            .then(x.0.cmp(&y.0))
    });
    // One part per kind of claim (families may share a kind), quoting its
    // distinct cues; words already quoted for a stronger kind are not quoted
    // again, and a kind left with nothing to quote is not named. Kinds come
    // strongest first: by the summed weight of their families that fired.
    let mut kinds: Vec<(&str, f32, Vec<Range<usize>>)> = Vec::new();
    let mut quoted: Vec<Range<usize>> = Vec::new();
    for &(i, r) in &fired {
        if quoted.iter().any(|q| q.start <= r.start && r.end <= q.end) {
            continue;
        }
        quoted.push(r.clone());
        let fam = &cues.families[i];
        let kind = fam.claim.as_deref().unwrap_or("a claim");
        match kinds.iter_mut().find(|(k, _, _)| *k == kind) {
            Some((_, w, q)) => {
                *w += fam.weight;
                if q.len() < 2 {
                    q.push(r.clone());
                }
            }
            None => kinds.push((kind, fam.weight, vec![r.clone()])),
        }
    }
    // Stable: ties keep the order of the strongest family.
    kinds.sort_by(|a, b| b.1.total_cmp(&a.1));
    let parts: Vec<String> = kinds
        .iter()
        .take(3)
        .map(|(kind, _, q)| {
            let words: Vec<String> = merge_adjacent(text, q)
                .into_iter()
                .map(|r| quote(text.get(r).unwrap_or(""), 40))
                .collect();
            format!("{kind} ({})", words.join(", "))
        })
        .collect();
    let mut message = format!("claim without a source: {}", join_and(&parts));
    if let Some(v) = &att.vague {
        message.push_str(&format!(
            "; {} does not name a source",
            quote(text.get(v.clone()).unwrap_or(""), 40)
        ));
    }
    if let Some(label) = undefined {
        message.push_str(&format!("; footnote [^{label}] is not defined"));
    }
    message.push_str(&format!(" (confidence {score:.2})"));
    let lead = kinds
        .first()
        .and_then(|(kind, _, _)| {
            fired
                .iter()
                .map(|&(i, _)| &cues.families[i])
                .find(|f| f.claim.as_deref() == Some(kind))
        })
        .and_then(|f| f.help.clone())
        .unwrap_or_else(|| "add a source for this claim".to_string());
    let help = format!(
        "{lead}: a link, a footnote, a reference such as [12] or (Smith, 2019), or a named \
         source (\u{201c}according to the Congressional Budget Office, \u{2026}\u{201d}); \
         if it is an opinion, say so (\u{201c}in our view, \u{2026}\u{201d})"
    );
    (message, help)
}

/// Cue ranges in sentence order, those with only spaces between them merged
/// ("40" and "percent" quote as "40 percent").
fn merge_adjacent(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut v = ranges.to_vec();
    v.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in v {
        if let Some(last) = out.last_mut()
            && last.end <= r.start
            && text
                .get(last.end..r.start)
                .is_some_and(|g| g.trim().is_empty())
        {
            last.end = last.end.max(r.end);
            continue;
        }
        out.push(r);
    }
    out
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => "a claim".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    fn doc(text: &str) -> Document {
        crate::parse::parse("t.md", Source::new(text.to_string()), Format::Markdown)
    }

    fn summary(v: &[Claim<'_>]) -> Vec<(usize, u32, bool)> {
        v.iter()
            .map(|c| (c.sentence.span.start, c.score.to_bits(), c.supported))
            .collect()
    }

    const TEXT: &str = "Unemployment fell by 40 percent in two years. Experts say \
        the benefits far outweigh the risks.\n\nAccording to the OECD, prices rose 12% \
        in 2019.[^1] It is widely believed that the plan failed.\n\n[^1]: OECD, 2020.\n";

    #[test]
    fn shared_reading_matches_a_fresh_one_at_every_threshold() {
        let d = doc(TEXT);
        let cues = CueSet::builtin();
        // Read afresh (a copy of the built-in cues is not shared).
        let copy = CueSet::from_toml(super::super::cues::BUILTIN_CUES).unwrap();
        for support in [true, false] {
            for min in [0.0, 0.5, DEFAULT_WARNING_THRESHOLD, 0.9] {
                let shared = claims(&d, cues, min, support);
                let fresh = claims(&d, &copy, min, support);
                assert_eq!(summary(&shared), summary(&fresh), "{min} {support}");
            }
        }
        assert!(!claims(&d, cues, 0.5, true).is_empty());
        assert!(unsupported_claim_count(&d) > 0);
    }

    #[test]
    fn other_cues_do_not_reuse_the_built_in_reading() {
        let d = doc(TEXT);
        let before = claims(&d, CueSet::builtin(), 0.5, true).len();
        assert!(before > 0);
        // Cues that make nothing a claim.
        let none =
            CueSet::from_toml("[model]\nbias = -5.0\n[[family]]\nname = \"x\"\nweight = 1.0\n")
                .unwrap();
        assert!(claims(&d, &none, 0.5, true).is_empty());
        assert_eq!(claims(&d, CueSet::builtin(), 0.5, true).len(), before);
    }
}
