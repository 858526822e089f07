//! The claim cues of `rules/claims.toml`, compiled once, and what they find
//! in one sentence.
//!
//! A cue file is data: a bias, a list of *families* (each a separate signal
//! with its own weight: statistics, trends, causal claims, absolutes, vague
//! attribution, hedges, opinion framing, ...) and a *lexicon* of word lists
//! the built-in detectors and the attribution check read. Every phrase of
//! every family and list goes into one trie (ASCII case insensitive, whole
//! words only, a dense table of transitions), walked from each word start
//! only (a match that does not start a word is never a cue, so nothing is
//! found inside words only to be thrown away), so a sentence is read about
//! once however many cues there are; patterns that a list of words cannot express (a number
//! that is a quantity rather than a year or a version, a capitalised name, a
//! question) are [`Detector`]s written in code and named from the file.
//!
//! A sentence's score is `logistic(bias + Σ weight)` over the families that
//! fire, each counted once; a firing `veto` family (a question, an opinion
//! framed as one) makes the score 0.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::chars::{ALNUM, ALPHA, ASCII, ASCII_LOWER, LOWER, UPPER, WS, char_at, classes};

/// The built-in cue file.
pub const BUILTIN_CUES: &str = include_str!("../../../rules/claims.toml");

/// A cue file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CueFile {
    pub model: ModelSpec,
    #[serde(rename = "family")]
    pub families: Vec<FamilySpec>,
    #[serde(default)]
    pub lexicon: LexiconSpec,
}

/// The `[model]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModelSpec {
    /// Added to the weights before the logistic function.
    pub bias: f32,
    /// A sentence of at most this many words is `short`.
    #[serde(default = "default_short")]
    pub short_words: usize,
    /// A sentence of at least this many words is `long`.
    #[serde(default = "default_long")]
    pub long_words: usize,
    /// Added to every sentence's sum in a technical document: one with a
    /// code block, or with inline code in at least `technical-code-runs`
    /// paragraphs, list items or cells. There, "some", "all" and "ensures"
    /// mostly describe the design, not the world.
    #[serde(default)]
    pub technical_document: f32,
    #[serde(default = "default_code_runs")]
    pub technical_code_runs: usize,
}

fn default_code_runs() -> usize {
    3
}

fn default_short() -> usize {
    4
}

fn default_long() -> usize {
    25
}

/// One `[[family]]` of cues.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FamilySpec {
    pub name: String,
    pub weight: f32,
    /// The kind of claim the family signals, as messages name it
    /// ("statistic"); absent for families that only move the score (hedges,
    /// past tense, names).
    pub claim: Option<String>,
    /// What would support such a claim ("add a source for this statistic").
    pub help: Option<String>,
    /// When the family fires, the sentence is not a claim at all.
    #[serde(default)]
    pub veto: bool,
    /// Phrases count only when they begin within the sentence's first
    /// `within` words (1: the first word).
    pub within: Option<usize>,
    #[serde(default)]
    pub detectors: Vec<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// The `[lexicon]` table: word lists the detectors and the attribution check
/// read.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconSpec {
    /// Words that stand for a source without naming it ("experts",
    /// "studies", "officials").
    #[serde(default)]
    pub vague_sources: Vec<String>,
    /// Personal pronouns: never a named source.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Verbs that report a source ("said", "reported", "found").
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Phrases that introduce a source ("according to", "a study by").
    #[serde(default)]
    pub introducers: Vec<String>,
    /// Words that may stand between a source's name and its reporting verb
    /// ("the Labor Department *also* said", "Smith's *team* found").
    #[serde(default)]
    pub attribution_filler: Vec<String>,
    /// Words after which a number is a label, not a quantity ("section 3").
    #[serde(default)]
    pub number_labels: Vec<String>,
    /// Words ending in -ed that are not past tenses ("need", "indeed").
    #[serde(default)]
    pub not_past: Vec<String>,
    /// Capitalised words that are not names ("The", "Monday").
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words after which an -ed word is an adjective, not a past tense ("an
    /// *interconnected* world", "a more *detailed* plan").
    #[serde(default)]
    pub before_adjective: Vec<String>,
    /// Words ending in -est that are not superlatives ("interest", "forest").
    #[serde(default)]
    pub not_superlative: Vec<String>,
    /// Words after which an -est word is a superlative ("the", "our").
    #[serde(default)]
    pub before_superlative: Vec<String>,
    /// Participles of reporting and belief verbs ("said", "believed").
    #[serde(default)]
    pub epistemic_participles: Vec<String>,
    /// Forms of "be" that make a passive ("is", "was", "been").
    #[serde(default)]
    pub be_forms: Vec<String>,
}

/// A cue written in code, named from the cue file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detector {
    /// A quantity in digits: not a year, a version, a label or an identifier.
    Number,
    /// Digits followed by `%`.
    Percent,
    /// A currency sign followed by digits.
    Money,
    /// A year (1500 to 2099) or a decade (`1990s`).
    Year,
    /// A capitalised word past the first, or an acronym.
    ProperName,
    /// A word ending in -ed that is not in `not-past`.
    PastTense,
    /// The sentence ends with a question mark.
    Question,
    /// The sentence does not end with a full stop, `!` or `?`.
    NoFinalStop,
    /// The sentence has at most `short-words` words.
    Short,
    /// The sentence has at least `long-words` words.
    Long,
    /// A word ending in -est after "the" or a possessive ("the toughest",
    /// "our finest"), not in `not-superlative`.
    Superlative,
    /// A comparative before "than": a word ending in -er ("hotter than",
    /// "cheaper than"), or "more"/"less"/"fewer" and a word ("more
    /// controversial than").
    Comparative,
    /// Inline code, or an identifier written in the text (`snake_case`,
    /// `path::to`, `call()`, `camelCase`): a sentence about software.
    Code,
    /// A reporting or belief verb in the passive with no agent ("is widely
    /// believed", "was considered", "are said to"): a form of "be", at most
    /// one adverb, a word of `epistemic-participles`, and no "by" after it.
    AgentlessPassive,
}

impl Detector {
    pub const ALL: [(&'static str, Detector); 14] = [
        ("number", Detector::Number),
        ("percent", Detector::Percent),
        ("money", Detector::Money),
        ("year", Detector::Year),
        ("proper-name", Detector::ProperName),
        ("past-tense", Detector::PastTense),
        ("question", Detector::Question),
        ("no-final-stop", Detector::NoFinalStop),
        ("short", Detector::Short),
        ("long", Detector::Long),
        ("superlative", Detector::Superlative),
        ("agentless-passive", Detector::AgentlessPassive),
        ("code", Detector::Code),
        ("comparative", Detector::Comparative),
    ];

    fn from_name(s: &str) -> Option<Detector> {
        Detector::ALL.iter().find(|(n, _)| *n == s).map(|(_, d)| *d)
    }
}

/// A compiled family.
#[derive(Clone, Debug)]
pub struct Family {
    pub name: String,
    pub weight: f32,
    pub claim: Option<String>,
    pub help: Option<String>,
    pub veto: bool,
    within: Option<usize>,
    detectors: Vec<Detector>,
}

// Token flags from the lexicon.
const VAGUE: u16 = 1;
const PRONOUN: u16 = 1 << 1;
const REPORTING: u16 = 1 << 2;
const FILLER: u16 = 1 << 3;
const LABEL: u16 = 1 << 4;
const NOT_PAST: u16 = 1 << 5;
const NOT_NAME: u16 = 1 << 6;
const BEFORE_ADJ: u16 = 1 << 7;
const NOT_SUPERLATIVE: u16 = 1 << 8;
const BEFORE_SUPERLATIVE: u16 = 1 << 9;
const EPISTEMIC: u16 = 1 << 10;
const BE: u16 = 1 << 11;

#[derive(Clone, Copy, Debug)]
enum Role {
    Cue(u16),
    Flag(u16),
    Introducer,
}

/// A compiled cue file.
#[derive(Clone, Debug)]
pub struct CueSet {
    bias: f32,
    short_words: usize,
    long_words: usize,
    /// See [`ModelSpec::technical_document`].
    pub technical_document: f32,
    /// See [`ModelSpec::technical_code_runs`].
    pub technical_code_runs: usize,
    pub families: Vec<Family>,
    /// Every phrase, ASCII case insensitive, for walks from word starts.
    trie: Trie,
    /// Bytes some phrase starts with (either case).
    starts: [bool; 256],
    /// The phrases, by pattern id (to check the walk against a plain search).
    #[cfg(test)]
    patterns: Vec<String>,
    /// Roles of each pattern, by pattern id.
    roles: Vec<Vec<Role>>,
}

/// Why a cue file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueError(pub String);

impl std::fmt::Display for CueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl CueSet {
    /// The built-in cues.
    pub fn builtin() -> &'static CueSet {
        static CUES: std::sync::OnceLock<CueSet> = std::sync::OnceLock::new();
        CUES.get_or_init(|| {
            CueSet::from_toml(BUILTIN_CUES).expect("the built-in rules/claims.toml compiles")
        })
    }

    /// Parses and compiles a cue file.
    pub fn from_toml(text: &str) -> Result<CueSet, CueError> {
        let file: CueFile = toml::from_str(text).map_err(|e| CueError(e.to_string()))?;
        CueSet::compile(file)
    }

    /// Compiles a parsed cue file.
    pub fn compile(file: CueFile) -> Result<CueSet, CueError> {
        if file.families.len() > u16::MAX as usize {
            return Err(CueError("too many families".into()));
        }
        let mut pats: BTreeMap<String, Vec<Role>> = BTreeMap::new();
        let mut add = |p: &str, role: Role, what: &str| -> Result<(), CueError> {
            let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            if p.is_empty() {
                return Err(CueError(format!("{what}: an empty phrase")));
            }
            // Match straight and curly apostrophes alike.
            let mut forms = vec![p.clone()];
            if p.contains('\'') {
                forms.push(p.replace('\'', "\u{2019}"));
            }
            for f in forms {
                pats.entry(f.to_ascii_lowercase()).or_default().push(role);
            }
            Ok(())
        };
        let mut families = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (i, f) in file.families.iter().enumerate() {
            if !seen.insert(f.name.as_str()) {
                return Err(CueError(format!("family `{}` is defined twice", f.name)));
            }
            if !f.weight.is_finite() {
                return Err(CueError(format!(
                    "family `{}`: weight is not finite",
                    f.name
                )));
            }
            let mut detectors = Vec::new();
            for d in &f.detectors {
                let det = Detector::from_name(d).ok_or_else(|| {
                    let known: Vec<&str> = Detector::ALL.iter().map(|(n, _)| *n).collect();
                    CueError(format!(
                        "family `{}`: unknown detector `{d}` (known: {})",
                        f.name,
                        known.join(", ")
                    ))
                })?;
                detectors.push(det);
            }
            for p in &f.phrases {
                add(p, Role::Cue(i as u16), &format!("family `{}`", f.name))?;
            }
            families.push(Family {
                name: f.name.clone(),
                weight: f.weight,
                claim: f.claim.clone(),
                help: f.help.clone(),
                veto: f.veto,
                within: f.within,
                detectors,
            });
        }
        let lx = &file.lexicon;
        for (list, flag, name) in [
            (&lx.vague_sources, VAGUE, "vague-sources"),
            (&lx.pronouns, PRONOUN, "pronouns"),
            (&lx.reporting_verbs, REPORTING, "reporting-verbs"),
            (&lx.attribution_filler, FILLER, "attribution-filler"),
            (&lx.number_labels, LABEL, "number-labels"),
            (&lx.not_past, NOT_PAST, "not-past"),
            (&lx.not_names, NOT_NAME, "not-names"),
            (&lx.before_adjective, BEFORE_ADJ, "before-adjective"),
            (&lx.not_superlative, NOT_SUPERLATIVE, "not-superlative"),
            (
                &lx.before_superlative,
                BEFORE_SUPERLATIVE,
                "before-superlative",
            ),
            (
                &lx.epistemic_participles,
                EPISTEMIC,
                "epistemic-participles",
            ),
            (&lx.be_forms, BE, "be-forms"),
        ] {
            for w in list {
                add(w, Role::Flag(flag), &format!("lexicon `{name}`"))?;
            }
        }
        for w in &lx.introducers {
            add(w, Role::Introducer, "lexicon `introducers`")?;
        }
        let (patterns, roles): (Vec<String>, Vec<Vec<Role>>) = pats.into_iter().unzip();
        let trie = Trie::new(&patterns)?;
        let mut starts = [false; 256];
        for (b, s) in starts.iter_mut().enumerate() {
            *s = trie.next(Trie::ROOT, b as u8) != Trie::DEAD;
        }
        Ok(CueSet {
            bias: file.model.bias,
            short_words: file.model.short_words,
            long_words: file.model.long_words,
            technical_document: file.model.technical_document,
            technical_code_runs: file.model.technical_code_runs,
            families,
            trie,
            starts,
            #[cfg(test)]
            patterns,
            roles,
        })
    }

    /// Analyses one sentence (`text`), with `code` the ranges of `text` that
    /// are inline code. Reuses `out`'s buffers.
    pub fn analyse(&self, text: &str, code: &[Range<usize>], out: &mut Analysis) {
        out.clear(self.families.len());
        out.words = tokenize(text, code, &self.starts, &mut out.tokens, &mut out.starts);
        self.apply_lexicon(text, code, out);
        classify_numbers(text, &mut out.tokens, &mut out.numbers);
        self.run_detectors(text, !code.is_empty(), out);
        let mut z = self.bias;
        for (i, f) in self.families.iter().enumerate() {
            if out.fired[i].is_some() {
                z += f.weight;
                if f.veto && out.veto.is_none() {
                    out.veto = Some(i);
                }
            }
        }
        out.z = z;
        out.score = if out.veto.is_some() {
            0.0
        } else {
            1.0 / (1.0 + (-z).exp())
        };
    }

    fn apply_lexicon(&self, text: &str, code: &[Range<usize>], out: &mut Analysis) {
        out.cues.clear();
        // Every phrase that starts at a word boundary: a walk from each offset
        // whose previous character is not alphanumeric and whose byte starts
        // some phrase (found while splitting). Order does not matter: flags
        // are or-ed, cues and introducers sorted below.
        // The first token that ends after `at` (offsets only grow, so the
        // tokens a phrase covers are found by walking on from here).
        let mut first = 0;
        for k in 0..out.starts.len() {
            let at = out.starts[k] as usize;
            while out
                .tokens
                .get(first)
                .is_some_and(|t| (t.end as usize) <= at)
            {
                first += 1;
            }
            self.phrases_from(text, at, |e, pid| {
                self.found(text, code, at, e, pid, first, out)
            });
        }
        out.introducers.sort_unstable();
        out.introducers.dedup();
        // A cue inside a longer cue counts only as part of the longer one
        // ("most" in "the most", "outweigh" in "far outweigh", "many" in "many
        // people"); cues with the same words all count.
        out.cues
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut cover: Option<(u32, u32)> = None;
        for &(s, e, f) in &out.cues {
            let inside = cover.is_some_and(|(cs, ce)| e <= ce && (cs, ce) != (s, e));
            if cover.is_none_or(|(_, ce)| e > ce) {
                cover = Some((s, e));
            }
            if inside {
                continue;
            }
            // The first cue of each family.
            let slot = &mut out.fired[f as usize];
            if slot.is_none() {
                *slot = Some(s as usize..e as usize);
            }
        }
    }

    /// Every phrase that starts at offset `s`: `f(end, pattern id)` for
    /// each, shortest first. A walk down the trie, as far as some phrase goes
    /// on.
    fn phrases_from(&self, text: &str, s: usize, mut f: impl FnMut(usize, usize)) {
        let trie = &self.trie;
        let mut node = Trie::ROOT;
        let rest = text.as_bytes().get(s..).unwrap_or_default();
        for (d, &b) in rest.iter().enumerate() {
            node = trie.next(node, b);
            if node == Trie::DEAD {
                break;
            }
            if let Some(pid) = trie.phrase(node) {
                f(s + d + 1, pid);
            }
        }
    }

    /// A phrase (pattern `pid`) at `s..e`, which starts at a word boundary;
    /// `first` is the first token that ends after `s`.
    #[allow(clippy::too_many_arguments)]
    fn found(
        &self,
        text: &str,
        code: &[Range<usize>],
        s: usize,
        e: usize,
        pid: usize,
        first: usize,
        out: &mut Analysis,
    ) {
        if !ends_word(text, e) {
            return;
        }
        if code.iter().any(|c| c.start < e && s < c.end) {
            return;
        }
        // Cues are written in lower case: an acronym ("US", "IT", "WHO")
        // is not the word it spells.
        if text.get(s..e).is_none_or(is_acronym) {
            return;
        }
        // Tokens covered by the match (tokens are sorted, disjoint): from
        // `first` on, those that start before `e`.
        let mut last = first;
        while out.tokens.get(last).is_some_and(|t| (t.start as usize) < e) {
            last += 1;
        }
        if first >= last {
            return;
        }
        let word_index = out.tokens[first].word as usize;
        for role in &self.roles[pid] {
            match *role {
                Role::Cue(f) => {
                    let fam = &self.families[f as usize];
                    if fam.within.is_none_or(|w| word_index < w) {
                        out.cues.push((s as u32, e as u32, f));
                    }
                }
                Role::Flag(flag) => {
                    for t in &mut out.tokens[first..last] {
                        t.flags |= flag;
                    }
                }
                Role::Introducer => out.introducers.push((first, last)),
            }
        }
    }

    fn run_detectors(&self, text: &str, has_code: bool, out: &mut Analysis) {
        let words = out.words;
        let first_word = out.tokens.iter().position(|t| t.is_wordlike());
        let end = final_char(text);
        for (i, f) in self.families.iter().enumerate() {
            for &d in &f.detectors {
                if out.fired[i].is_some() {
                    break;
                }
                let hit: Option<Range<usize>> = match d {
                    Detector::Number | Detector::Percent | Detector::Money | Detector::Year => {
                        let slot = match d {
                            Detector::Number => 0,
                            Detector::Percent => 1,
                            Detector::Money => 2,
                            _ => 3,
                        };
                        out.numbers[slot].map(|k| out.tokens[k].range())
                    }
                    Detector::ProperName => out
                        .tokens
                        .iter()
                        .enumerate()
                        .find(|(k, t)| is_name(t, Some(*k) == first_word))
                        .map(|(_, t)| t.range()),
                    Detector::PastTense => out
                        .tokens
                        .iter()
                        .enumerate()
                        .find(|&(k, t)| {
                            t.kind == Kind::Word
                                && t.flags & NOT_PAST == 0
                                && is_past_form(text, t)
                                && !(k > 0 && out.tokens[k - 1].flags & BEFORE_ADJ != 0)
                        })
                        .map(|(_, t)| t.range()),
                    Detector::Superlative => {
                        let b = text.as_bytes();
                        out.tokens
                            .iter()
                            .enumerate()
                            .find(|&(k, t)| {
                                t.kind == Kind::Word
                                    && t.flags & NOT_SUPERLATIVE == 0
                                    && t.shape & S_ASCII_LOWER != 0
                                    && t.end - t.start >= 6
                                    && b.get(t.range()).is_some_and(|w| w.ends_with(b"est"))
                                    && k > 0
                                    && out.tokens[k - 1].flags & BEFORE_SUPERLATIVE != 0
                            })
                            .map(|(k, t)| out.tokens[k - 1].start as usize..t.end as usize)
                    }
                    Detector::AgentlessPassive => agentless_passive(text, &out.tokens),
                    Detector::Comparative => comparative(text, &out.tokens),
                    Detector::Code => {
                        if has_code {
                            Some(0..text.len())
                        } else {
                            identifier(&out.tokens)
                        }
                    }
                    Detector::Question => (end.map(|(_, c)| c) == Some('?'))
                        .then(|| end.map_or(0..0, |(i, _)| i..i + 1)),
                    Detector::NoFinalStop => match end {
                        Some((_, '.' | '!' | '?' | '\u{2026}')) => None,
                        _ if words == 0 => None,
                        _ => Some(0..text.len()),
                    },
                    Detector::Short => {
                        (words > 0 && words <= self.short_words).then_some(0..text.len())
                    }
                    Detector::Long => (words >= self.long_words).then_some(0..text.len()),
                };
                if hit.is_some() {
                    out.fired[i] = hit;
                }
            }
        }
    }

    /// The score of the bias alone: what a sentence with no cue scores.
    pub fn bias(&self) -> f32 {
        self.bias
    }
}

/// A comparative before "than" (see [`Detector::Comparative`]).
fn comparative(text: &str, t: &[Token]) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let word = |k: usize| -> Option<&[u8]> {
        t.get(k)
            .filter(|x| x.kind == Kind::Word)
            .and_then(|x| b.get(x.range()))
    };
    for k in 1..t.len() {
        if !word(k).is_some_and(|w| w.eq_ignore_ascii_case(b"than")) {
            continue;
        }
        let er = word(k - 1).is_some_and(|prev| {
            prev.len() >= 4
                && prev.ends_with(b"er")
                && t[k - 1].shape & S_ASCII_LOWER != 0
                && !matches!(
                    prev,
                    b"other" | b"rather" | b"whether" | b"either" | b"neither"
                )
        });
        let more = k >= 2
            && word(k - 2).is_some_and(|w| {
                [&b"more"[..], b"less", b"fewer"]
                    .iter()
                    .any(|m| w.eq_ignore_ascii_case(m))
            });
        if er {
            return Some(t[k - 1].start as usize..t[k].end as usize);
        }
        if more {
            return Some(t[k - 2].start as usize..t[k].end as usize);
        }
    }
    None
}

/// An identifier written in plain text: `snake_case`, `path::to`, `call()`,
/// `camelCase`.
fn identifier(t: &[Token]) -> Option<Range<usize>> {
    let adjacent = |a: &Token, b: &Token| a.end == b.start;
    for k in 0..t.len() {
        let tok = &t[k];
        match tok.kind {
            Kind::Punct('_') | Kind::Punct(':') if k > 0 && k + 1 < t.len() => {
                let (p, n) = (&t[k - 1], &t[k + 1]);
                let colons = tok.kind == Kind::Punct(':') && n.kind == Kind::Punct(':');
                let snake = tok.kind == Kind::Punct('_') && n.kind == Kind::Word;
                if p.kind == Kind::Word && adjacent(p, tok) && adjacent(tok, n) && (snake || colons)
                {
                    return Some(p.start as usize..n.end as usize);
                }
            }
            Kind::Punct('(') if k > 0 && k + 1 < t.len() => {
                let (p, n) = (&t[k - 1], &t[k + 1]);
                if p.kind == Kind::Word
                    && adjacent(p, tok)
                    && adjacent(tok, n)
                    && n.kind == Kind::Punct(')')
                {
                    return Some(p.start as usize..n.end as usize);
                }
            }
            Kind::Word if tok.shape & S_CAMEL != 0 => return Some(tok.range()),
            _ => {}
        }
    }
    None
}

/// The first agentless passive of a reporting or belief verb: "be", at most
/// one word ending in -ly or an `attribution-filler` word ("also"), the
/// participle, and no "by" in the next two tokens.
fn agentless_passive(text: &str, t: &[Token]) -> Option<Range<usize>> {
    for i in 0..t.len() {
        if t[i].flags & BE == 0 || t[i].kind != Kind::Word {
            continue;
        }
        let mut j = i + 1;
        if t.get(j).is_some_and(|a| {
            a.kind == Kind::Word
                && a.flags & EPISTEMIC == 0
                && (text[a.range()].ends_with("ly") || a.flags & FILLER != 0)
        }) {
            j += 1;
        }
        let Some(p) = t.get(j) else { continue };
        if p.kind != Kind::Word || p.flags & EPISTEMIC == 0 {
            continue;
        }
        let by = t[j + 1..t.len().min(j + 3)]
            .iter()
            .any(|x| text[x.range()].eq_ignore_ascii_case("by"));
        if !by {
            return Some(t[i].start as usize..p.end as usize);
        }
    }
    None
}

/// The last character of a sentence that is not a closing quote, bracket or
/// space, with its offset.
fn final_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().rev().find(|(_, c)| {
        !(c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '*' | '_' | '\u{bb}'
            ))
    })
}

/// Whether offset `at` of `text` ends a word: no alphanumeric character
/// follows.
fn ends_word(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !c.is_alphanumeric())
}

/// What kind of token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number(NumKind),
    Punct(char),
}

/// What a number stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    Quantity,
    Percent,
    Money,
    Year,
    /// A label, version, time, identifier or ordinal: not a claim.
    Other,
}

/// A word, number or punctuation mark of a sentence.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Words and numbers before this token.
    pub word: u32,
    flags: u16,
    /// Of a word: its shape (`S_*`), worked out while splitting.
    shape: u8,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    fn is_wordlike(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Number(_))
    }

    pub fn is_vague(&self) -> bool {
        self.flags & VAGUE != 0
    }

    pub fn is_pronoun(&self) -> bool {
        self.flags & PRONOUN != 0
    }

    pub fn is_reporting_verb(&self) -> bool {
        self.flags & REPORTING != 0
    }

    pub fn is_filler(&self) -> bool {
        self.flags & FILLER != 0
    }

    pub fn is_not_name(&self) -> bool {
        self.flags & NOT_NAME != 0
    }
}

/// What [`CueSet::analyse`] found in a sentence.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    /// For each family, the first cue that fired (a range of the sentence).
    pub fired: Vec<Option<Range<usize>>>,
    /// Token ranges (start, end) of each introducer ("according to").
    pub introducers: Vec<(usize, usize)>,
    /// Phrase cues found: (start, end, family).
    cues: Vec<(u32, u32, u16)>,
    /// Offsets where a phrase may start: a byte some phrase starts with,
    /// after a character that is not alphanumeric (or at the start).
    starts: Vec<u32>,
    /// The first veto family that fired.
    pub veto: Option<usize>,
    /// `bias + Σ weights`.
    pub z: f32,
    /// The claim score, in `[0, 1]` (0 when vetoed).
    pub score: f32,
    /// Words and numbers.
    words: usize,
    /// The first number token of each kind: quantity, percent, money, year.
    numbers: [Option<usize>; 4],
}

impl Analysis {
    fn clear(&mut self, families: usize) {
        self.tokens.clear();
        self.fired.clear();
        self.fired.resize(families, None);
        self.introducers.clear();
        self.cues.clear();
        self.starts.clear();
        self.veto = None;
        self.z = 0.0;
        self.score = 0.0;
        self.words = 0;
        self.numbers = [None; 4];
    }

    /// The score with `offset` added to the sum (0 when vetoed).
    pub fn score_with(&self, offset: f32) -> f32 {
        if self.veto.is_some() {
            0.0
        } else {
            1.0 / (1.0 + (-(self.z + offset)).exp())
        }
    }

    /// Whether some family that names a kind of claim fired.
    pub fn has_claim_cue(&self, cues: &CueSet) -> bool {
        cues.families
            .iter()
            .zip(&self.fired)
            .any(|(f, r)| r.is_some() && f.claim.is_some() && f.weight > 0.0)
    }
}

/// The phrases of a cue file as a trie over bytes, ASCII letters folded to
/// lower case: a dense table of transitions (one row of byte classes per
/// node), and for each node the phrase that ends there.
#[derive(Clone, Debug)]
struct Trie {
    /// Byte -> class; class 0 for bytes no phrase holds.
    classes: [u8; 256],
    /// Number of classes (the width of a row).
    width: usize,
    /// Node * width + class -> node; [`Trie::DEAD`] where no phrase goes on.
    next: Vec<u32>,
    /// Node -> pattern id + 1 of the phrase spelt by the path to it; 0 if
    /// none.
    phrase: Vec<u32>,
}

impl Trie {
    const DEAD: u32 = 0;
    const ROOT: u32 = 1;

    /// Builds the trie of phrases (each in lower case, none twice).
    fn new(patterns: &[String]) -> Result<Trie, CueError> {
        let mut classes = [0u8; 256];
        let mut width = 1;
        for p in patterns {
            for b in p.bytes() {
                let b = b.to_ascii_lowercase();
                if classes[b as usize] == 0 {
                    if width == 256 {
                        return Err(CueError("too many distinct characters".into()));
                    }
                    classes[b as usize] = width as u8;
                    classes[b.to_ascii_uppercase() as usize] = width as u8;
                    width += 1;
                }
            }
        }
        // Rows 0 (dead) and 1 (root).
        let mut next = vec![Trie::DEAD; 2 * width];
        let mut phrase = vec![0u32; 2];
        for (pid, p) in patterns.iter().enumerate() {
            let mut node = Trie::ROOT as usize;
            for b in p.bytes() {
                let at = node * width + classes[b as usize] as usize;
                if next[at] == Trie::DEAD {
                    let fresh = phrase.len();
                    let id =
                        u32::try_from(fresh).map_err(|_| CueError("too many phrases".into()))?;
                    next[at] = id;
                    next.resize(next.len() + width, Trie::DEAD);
                    phrase.push(0);
                }
                node = next[at] as usize;
            }
            phrase[node] = pid as u32 + 1;
        }
        Ok(Trie {
            classes,
            width,
            next,
            phrase,
        })
    }

    #[inline]
    fn next(&self, node: u32, b: u8) -> u32 {
        let at = node as usize * self.width + self.classes[b as usize] as usize;
        self.next.get(at).copied().unwrap_or(Trie::DEAD)
    }

    #[inline]
    fn phrase(&self, node: u32) -> Option<usize> {
        match self.phrase.get(node as usize) {
            Some(&p) if p > 0 => Some(p as usize - 1),
            _ => None,
        }
    }
}

// The shape of a word token, worked out once while splitting
// (`Token::shape`), so that the detectors need not read its characters again.
/// The first character is upper case.
const S_UPPER0: u8 = 1;
/// The first character is lower case.
const S_LOWER0: u8 = 1 << 1;
/// Every character is alphabetic.
const S_ALPHA: u8 = 1 << 2;
/// Every character is an ASCII lower-case letter.
const S_ASCII_LOWER: u8 = 1 << 3;
/// An acronym ([`is_acronym`]).
const S_ACRONYM: u8 = 1 << 4;
/// `camelCase`: lower case first, an upper-case letter later, no apostrophe
/// or hyphen.
const S_CAMEL: u8 = 1 << 5;

/// Splits a sentence into tokens, leaving out inline code; word tokens get
/// their shape. Also lists in `starts` the offsets where a phrase may
/// start: a byte `phrase_starts` holds, after a character that is not
/// alphanumeric (or at the start).
fn tokenize(
    text: &str,
    code: &[Range<usize>],
    phrase_starts: &[bool; 256],
    out: &mut Vec<Token>,
    starts: &mut Vec<u32>,
) -> usize {
    let b = text.as_bytes();
    let mut words = 0u32;
    let mut push = |out: &mut Vec<Token>, s: usize, e: usize, kind: Kind, shape: u8| {
        if code.iter().any(|c| c.start < e && s < c.end) {
            return;
        }
        out.push(Token {
            start: s as u32,
            end: e as u32,
            kind,
            word: words,
            flags: 0,
            shape,
        });
        if !matches!(kind, Kind::Punct(_)) {
            words += 1;
        }
    };
    // Every character is visited once, in order: `prev_alnum` says whether
    // the one before was alphanumeric.
    let mut prev_alnum = false;
    let mut visit = |starts: &mut Vec<u32>, at: usize, alnum: bool| {
        if !prev_alnum && b.get(at).is_some_and(|&x| phrase_starts[x as usize]) {
            starts.push(at as u32);
        }
        prev_alnum = alnum;
    };
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        let k = classes(c);
        visit(starts, i, k & ALNUM != 0);
        if k & WS != 0 {
            i += len;
            continue;
        }
        if k & ALPHA != 0 {
            // The shape: classes or-ed and and-ed over the characters after
            // the first.
            let mut any = 0u8;
            let mut all = 0xffu8;
            let mut separators = false;
            let mut apostrophe_or_hyphen = false;
            let mut end = i + len;
            let mut seg = 1;
            loop {
                // ASCII letters and digits, the common case.
                while let Some(&x) = b.get(end)
                    && x < 0x80
                    && ASCII[x as usize] & ALNUM != 0
                {
                    let dk = ASCII[x as usize];
                    seg += 1;
                    any |= dk;
                    all &= dk;
                    end += 1;
                }
                let Some((d, dl)) = char_at(text, end) else {
                    break;
                };
                let dk = classes(d);
                if dk & ALNUM != 0 {
                    seg += 1;
                    any |= dk;
                    all &= dk;
                } else if matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '.')
                    && char_at(text, end + dl).is_some_and(|(n, _)| classes(n) & ALNUM != 0)
                    && (d != '.' || seg == 1)
                {
                    seg = 0;
                    separators = true;
                    apostrophe_or_hyphen |= matches!(d, '\'' | '\u{2019}' | '-');
                    // The separator, then the character after it, which
                    // starts a run of letters.
                    visit(starts, end, false);
                    visit(starts, end + dl, true);
                } else {
                    break;
                }
                end += dl;
            }
            let mut shape = 0;
            if k & UPPER != 0 {
                shape |= S_UPPER0;
                if text.get(i..end).is_some_and(is_acronym) {
                    shape |= S_ACRONYM;
                }
            }
            if k & LOWER != 0 {
                shape |= S_LOWER0;
                if any & UPPER != 0 && !apostrophe_or_hyphen {
                    shape |= S_CAMEL;
                }
            }
            if !separators && all & ALPHA != 0 {
                shape |= S_ALPHA;
            }
            if !separators && k & all & ASCII_LOWER != 0 {
                shape |= S_ASCII_LOWER;
            }
            push(out, i, end, Kind::Word, shape);
            i = end;
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some((d, dl)) = char_at(text, end) {
                let next_digit = b.get(end + 1).is_some_and(u8::is_ascii_digit);
                let dk = classes(d);
                if d.is_ascii_digit() || dk & ALPHA != 0 {
                    visit(starts, end, dk & ALNUM != 0);
                } else if matches!(d, ',' | '.') && next_digit {
                    visit(starts, end, false);
                } else {
                    break;
                }
                end += dl;
            }
            push(out, i, end, Kind::Number(NumKind::Quantity), 0);
            i = end;
        } else {
            push(out, i, i + len, Kind::Punct(c), 0);
            i += len;
        }
    }
    words as usize
}

/// Decides what each number token stands for.
///
/// `firsts` gets the index of the first token of each kind but `Other`
/// (quantity, percent, money, year).
fn classify_numbers(text: &str, tokens: &mut [Token], firsts: &mut [Option<usize>; 4]) {
    let b = text.as_bytes();
    for k in 0..tokens.len() {
        let t = tokens[k];
        if !matches!(t.kind, Kind::Number(_)) {
            continue;
        }
        let s = &text[t.range()];
        let digits_end = s
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(s.len());
        let (num, suffix) = s.split_at(digits_end);
        let dots = num.bytes().filter(|&c| c == b'.').count();
        let before = text[..t.start as usize].chars().next_back();
        let adjacent_prev = k
            .checked_sub(1)
            .map(|p| tokens[p])
            .filter(|p| p.end == t.start);
        let after = b.get(t.end as usize).copied();
        let prev_word = tokens[..k]
            .iter()
            .rev()
            .find(|p| p.kind != Kind::Punct(','))
            .filter(|p| p.kind == Kind::Word);
        let first = tokens[..k].iter().all(|p| matches!(p.kind, Kind::Punct(_)));
        let kind = if let Some(p) = adjacent_prev {
            match p.kind {
                Kind::Punct('$' | '\u{a3}' | '\u{20ac}' | '\u{a5}') => NumKind::Money,
                // The second number of a range or a date ("2019-2020",
                // "2021-02-04"): the first one already counts.
                Kind::Punct('-' | '\u{2013}' | '/')
                    if k >= 2
                        && matches!(tokens[k - 2].kind, Kind::Number(_))
                        && tokens[k - 2].end == p.start =>
                {
                    NumKind::Other
                }
                Kind::Punct('-' | '\u{2013}' | '(' | '~' | '+' | '<' | '>' | '\u{2248}') => {
                    base_kind(num, suffix, dots, after)
                }
                _ => NumKind::Other,
            }
        } else if before.is_some_and(|c| c.is_alphanumeric())
            || prev_word.is_some_and(|p| p.flags & LABEL != 0)
        {
            NumKind::Other
        } else if dots == 1
            && k > 0
            && tokens[k - 1].kind == Kind::Word
            && text[tokens[k - 1].range()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            // A version after a product's name ("Kubernetes 1.34", "Rust 1.0").
            NumKind::Other
        } else if first && matches!(after, Some(b'.' | b')')) && suffix.is_empty() && dots == 0 {
            // List numbering that reached the text ("1. ...", "2) ...").
            NumKind::Other
        } else {
            base_kind(num, suffix, dots, after)
        };
        tokens[k].kind = Kind::Number(kind);
        let slot = match kind {
            NumKind::Quantity => 0,
            NumKind::Percent => 1,
            NumKind::Money => 2,
            NumKind::Year => 3,
            NumKind::Other => continue,
        };
        firsts[slot].get_or_insert(k);
    }
}

fn base_kind(num: &str, suffix: &str, dots: usize, after: Option<u8>) -> NumKind {
    if dots >= 2 || matches!(after, Some(b':' | b'/' | b'_' | b'#')) {
        return NumKind::Other;
    }
    if after == Some(b'%') {
        return NumKind::Percent;
    }
    let plain = !num.contains([',', '.']);
    let year =
        plain && num.len() == 4 && num.parse::<u32>().is_ok_and(|y| (1500..=2099).contains(&y));
    match suffix.to_ascii_lowercase().as_str() {
        "percent" | "pc" => NumKind::Percent,
        "" if year => NumKind::Year,
        "s" if year || (plain && num.len() == 2) => NumKind::Year,
        "" | "k" | "m" | "bn" | "b" | "tn" | "x" => NumKind::Quantity,
        _ => NumKind::Other,
    }
}

/// Whether a word token is a name: capitalised and not the sentence's first
/// word, or an acronym anywhere; never a lexicon `not-names` word or a
/// pronoun.
fn is_name(t: &Token, first: bool) -> bool {
    t.kind == Kind::Word
        && t.shape & S_UPPER0 != 0
        && (t.shape & S_ACRONYM != 0 || (t.flags & (NOT_NAME | PRONOUN) == 0 && !first))
}

/// Two or more letters, all capitals ("NATO", "U.S.", "NATO's" counts by its
/// letters before the apostrophe).
fn is_acronym(w: &str) -> bool {
    // A lower-case first letter settles it (the common case).
    if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let w = w.split(['\'', '\u{2019}']).next().unwrap_or(w);
    let mut n = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Whether a word token looks like a past tense or participle: lower case,
/// ends in -ed, at least five letters.
fn is_past_form(text: &str, t: &Token) -> bool {
    t.end - t.start >= 5
        && t.shape & (S_LOWER0 | S_ALPHA) == S_LOWER0 | S_ALPHA
        && text
            .as_bytes()
            .get(t.range())
            .is_some_and(|w| w.ends_with(b"ed"))
}

/// The token index of the first word-like token of a sentence.
pub fn first_word(tokens: &[Token]) -> Option<usize> {
    tokens.iter().position(|t| t.is_wordlike())
}

/// Whether a token is a capitalised word that could be a name even at the
/// start of a sentence ("Smith said …"): capitalised, not a pronoun, not a
/// vague source, not a `not-names` word.
pub fn token_could_be_name(t: &Token) -> bool {
    t.kind == Kind::Word
        && (t.shape & S_ACRONYM != 0 || t.flags & (NOT_NAME | PRONOUN | VAGUE) == 0)
        && t.shape & S_UPPER0 != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer before shapes (a reference for the new one).
    fn tokenize_reference(text: &str, code: &[Range<usize>], out: &mut Vec<Token>) {
        let b = text.as_bytes();
        let mut it = text.char_indices().peekable();
        let mut words = 0u32;
        let mut push = |out: &mut Vec<Token>, s: usize, e: usize, kind: Kind| {
            if code.iter().any(|c| c.start < e && s < c.end) {
                return;
            }
            out.push(Token {
                start: s as u32,
                end: e as u32,
                kind,
                word: words,
                flags: 0,
                shape: 0,
            });
            if !matches!(kind, Kind::Punct(_)) {
                words += 1;
            }
        };
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphabetic() {
                let mut end = i + c.len_utf8();
                let mut seg = 1;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphanumeric() {
                        seg += 1;
                    } else if matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '.')
                        && text[j + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                        && (d != '.' || seg == 1)
                    {
                        seg = 0;
                    } else {
                        break;
                    }
                    end = j + d.len_utf8();
                    it.next();
                }
                push(out, i, end, Kind::Word);
            } else if c.is_ascii_digit() {
                let mut end = i + 1;
                while let Some(&(j, d)) = it.peek() {
                    let next_digit = b.get(j + 1).is_some_and(u8::is_ascii_digit);
                    if d.is_ascii_digit()
                        || (matches!(d, ',' | '.') && next_digit)
                        || d.is_alphabetic()
                    {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                push(out, i, end, Kind::Number(NumKind::Quantity));
            } else {
                push(out, i, i + c.len_utf8(), Kind::Punct(c));
            }
        }
    }

    /// A comparative before "than" (see [`Detector::Comparative`]).
    fn comparative_reference(text: &str, t: &[Token]) -> Option<Range<usize>> {
        let word = |k: usize| -> Option<&str> {
            t.get(k)
                .filter(|x| x.kind == Kind::Word)
                .map(|x| &text[x.range()])
        };
        for k in 1..t.len() {
            if !word(k).is_some_and(|w| w.eq_ignore_ascii_case("than")) {
                continue;
            }
            let prev = word(k - 1).unwrap_or("");
            let er = prev.len() >= 4
                && prev.ends_with("er")
                && prev.chars().all(|c| c.is_ascii_lowercase())
                && !matches!(prev, "other" | "rather" | "whether" | "either" | "neither");
            let more = k >= 2
                && word(k - 2).is_some_and(|w| {
                    ["more", "less", "fewer"]
                        .iter()
                        .any(|m| w.eq_ignore_ascii_case(m))
                });
            if er {
                return Some(t[k - 1].start as usize..t[k].end as usize);
            }
            if more {
                return Some(t[k - 2].start as usize..t[k].end as usize);
            }
        }
        None
    }

    /// An identifier written in plain text: `snake_case`, `path::to`, `call()`,
    /// `camelCase`.
    fn identifier_reference(text: &str, t: &[Token]) -> Option<Range<usize>> {
        let adjacent = |a: &Token, b: &Token| a.end == b.start;
        for k in 0..t.len() {
            let tok = &t[k];
            match tok.kind {
                Kind::Punct('_') | Kind::Punct(':') if k > 0 && k + 1 < t.len() => {
                    let (p, n) = (&t[k - 1], &t[k + 1]);
                    let colons = tok.kind == Kind::Punct(':') && n.kind == Kind::Punct(':');
                    let snake = tok.kind == Kind::Punct('_') && n.kind == Kind::Word;
                    if p.kind == Kind::Word
                        && adjacent(p, tok)
                        && adjacent(tok, n)
                        && (snake || colons)
                    {
                        return Some(p.start as usize..n.end as usize);
                    }
                }
                Kind::Punct('(') if k > 0 && k + 1 < t.len() => {
                    let (p, n) = (&t[k - 1], &t[k + 1]);
                    if p.kind == Kind::Word
                        && adjacent(p, tok)
                        && adjacent(tok, n)
                        && n.kind == Kind::Punct(')')
                    {
                        return Some(p.start as usize..n.end as usize);
                    }
                }
                Kind::Word => {
                    let w = &text[tok.range()];
                    let mut chars = w.chars();
                    if chars.next().is_some_and(char::is_lowercase)
                        && chars.any(char::is_uppercase)
                        && !w.contains(['\'', '\u{2019}', '-'])
                    {
                        return Some(tok.range());
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Whether a word token is a name: capitalised and not the sentence's first
    /// word, or an acronym anywhere; never a lexicon `not-names` word or a
    /// pronoun.
    fn is_name_reference(text: &str, t: &Token, first: bool) -> bool {
        if t.kind != Kind::Word {
            return false;
        }
        // Not capitalised: never a name (the common case, decided on one byte).
        if text
            .as_bytes()
            .get(t.start as usize)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            return false;
        }
        let w = &text[t.range()];
        if t.flags & (NOT_NAME | PRONOUN) != 0 && !is_acronym(w) {
            return false;
        }
        let mut chars = w.chars();
        let Some(c0) = chars.next() else {
            return false;
        };
        if !c0.is_uppercase() {
            return false;
        }
        is_acronym(w) || !first
    }

    /// Whether a word looks like a past tense or participle: lower case, ends in
    /// -ed, at least five letters.
    fn is_past_form_reference(w: &str) -> bool {
        w.len() >= 5
            && w.ends_with("ed")
            && w.chars().next().is_some_and(char::is_lowercase)
            && w.chars().all(char::is_alphabetic)
    }

    fn fired(text: &str) -> Vec<String> {
        let cues = CueSet::builtin();
        let mut a = Analysis::default();
        cues.analyse(text, &[], &mut a);
        cues.families
            .iter()
            .zip(&a.fired)
            .filter(|(_, r)| r.is_some())
            .map(|(f, _)| f.name.clone())
            .collect()
    }

    fn analysed(text: &str) -> Analysis {
        let mut a = Analysis::default();
        CueSet::builtin().analyse(text, &[], &mut a);
        a
    }

    fn has(text: &str, family: &str) -> bool {
        fired(text).iter().any(|f| f == family)
    }

    fn numbers(text: &str) -> Vec<(String, NumKind)> {
        let a = analysed(text);
        a.tokens
            .iter()
            .filter_map(|t| match t.kind {
                Kind::Number(k) => Some((text[t.range()].to_string(), k)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn builtin_cues_compile_and_name_known_detectors() {
        let cues = CueSet::builtin();
        assert!(cues.families.len() > 10);
        for f in &cues.families {
            assert!(
                f.claim.is_none() || f.help.is_some(),
                "{} names a claim without help",
                f.name
            );
        }
    }

    #[test]
    fn hedges_lower_and_vetoes_silence_the_score() {
        let cues = CueSet::builtin();
        let weight = |n: &str| cues.families.iter().find(|f| f.name == n).unwrap().weight;
        assert!(weight("hedge") < 0.0);
        let plain = analysed("Secure channels improve the security of intelligence sharing.");
        let hedged = analysed("Secure channels can improve the security of intelligence sharing.");
        assert!(
            hedged.score < plain.score,
            "{} !< {}",
            hedged.score,
            plain.score
        );
        for s in [
            "Does unemployment fall by 40 percent every year?",
            "We believe unemployment will fall by 40 percent.",
            "In our view, the benefits far outweigh the risks.",
            "Consider the 40 percent of voters who never vote.",
        ] {
            let a = analysed(s);
            assert!(a.veto.is_some() && a.score == 0.0, "{s}");
        }
    }

    #[test]
    fn numbers_are_told_apart() {
        use NumKind::*;
        let n = numbers("Prices rose 40% to $5 billion in 2019, up 12 points.");
        assert_eq!(
            n,
            vec![
                ("40".into(), Percent),
                ("5".into(), Money),
                ("2019".into(), Year),
                ("12".into(), Quantity)
            ]
        );
        for (text, want) in [
            ("See section 3 for details.", Other),
            ("It ships in version 1.2.3 of the tool.", Other),
            ("As of Kubernetes 1.34, the flag is gone.", Other),
            ("Use is up 141percent.", Percent),
            ("The 1990s were different.", Year),
        ] {
            let got = numbers(text);
            assert_eq!(got.first().map(|x| x.1), Some(want), "{text}: {got:?}");
        }
        // A date's month and day are not quantities.
        let d = numbers("2021-02-04: KEP approved.");
        assert_eq!(d[0].1, Year);
        assert!(d[1..].iter().all(|x| x.1 == Other), "{d:?}");
    }

    #[test]
    fn families_fire_on_their_cues() {
        assert!(has(
            "The US faces a growing number of cyber threats.",
            "trend"
        ));
        assert!(has(
            "No single nation possesses all the information.",
            "sweeping"
        ));
        assert!(has("The benefits far outweigh the risks.", "sweeping"));
        assert!(has("Experts say the plan failed.", "vague-attribution"));
        assert!(has(
            "It is widely believed that the plan failed.",
            "vague-attribution"
        ));
        assert!(has(
            "The plan was considered a failure.",
            "vague-attribution"
        ));
        assert!(!has(
            "The plan was considered by the committee.",
            "vague-attribution"
        ));
        assert!(has("This is clearly the case.", "certainty"));
        assert!(has(
            "We have the toughest laws in the country.",
            "superlative"
        ));
        assert!(has("Smoking leads to cancer.", "causal"));
    }

    #[test]
    fn a_cue_inside_a_longer_cue_counts_once() {
        // "most" inside "the most" is a superlative, not a vague quantity.
        let f = fired("This is the most important decision.");
        assert!(f.contains(&"superlative".to_string()), "{f:?}");
        assert!(!f.contains(&"vague-quantity".to_string()), "{f:?}");
        // Set phrases keep their words silent.
        assert!(!has("At some point we should act.", "vague-quantity"));
        assert!(has("Some argue we should act.", "vague-attribution"));
    }

    #[test]
    fn acronyms_are_not_the_words_they_spell() {
        // "US" is not the pronoun "us"; it is a name.
        let a = analysed("The US faces threats.");
        let us = a
            .tokens
            .iter()
            .find(|t| t.kind == Kind::Word && t.start == 4)
            .unwrap();
        assert!(!us.is_pronoun());
        assert!(has("The US faces threats.", "proper-name"));
        assert!(!has("They told us about it.", "proper-name"));
    }

    #[test]
    fn adjectives_in_ed_are_not_past_tenses() {
        assert!(!has(
            "It is an increasingly interconnected world.",
            "past-tense"
        ));
        assert!(!has("They are state-sponsored actors.", "past-tense"));
        assert!(has("The committee rejected the plan.", "past-tense"));
    }

    #[test]
    fn code_makes_a_sentence_technical() {
        let cues = CueSet::builtin();
        let mut a = Analysis::default();
        let text = "Most callers use `foo` here.";
        let code: Vec<Range<usize>> = vec![Range { start: 17, end: 22 }];
        cues.analyse(text, &code, &mut a);
        let i = cues
            .families
            .iter()
            .position(|f| f.name == "technical")
            .unwrap();
        assert!(a.fired[i].is_some());
        // The code's own words are not cues.
        assert!(a.tokens.iter().all(|t| t.start < 17 || t.start >= 22));
        assert!(has("Call the do_thing function.", "technical"));
        assert!(has("Use std::mem here.", "technical"));
        assert!(!has("Use the memory here.", "technical"));
    }

    #[test]
    fn headings_and_fragments_score_low() {
        assert!(has("The Evolution of Alliances", "no-final-stop"));
        assert!(has("Key findings.", "short"));
    }

    #[test]
    fn bad_cue_files_are_refused_with_the_reason() {
        let base = "[model]\nbias = 0.0\n";
        let e = CueSet::from_toml(&format!(
            "{base}[[family]]\nname = \"x\"\nweight = 1.0\ndetectors = [\"nope\"]\n"
        ))
        .unwrap_err();
        assert!(e.0.contains("unknown detector `nope`"), "{e}");
        let e = CueSet::from_toml(&format!(
            "{base}[[family]]\nname = \"x\"\nweight = 1.0\n[[family]]\nname = \"x\"\nweight = 2.0\n"
        ))
        .unwrap_err();
        assert!(e.0.contains("defined twice"), "{e}");
        let e = CueSet::from_toml(&format!(
            "{base}[[family]]\nname = \"x\"\nweight = 1.0\nphrases = [\" \"]\n"
        ))
        .unwrap_err();
        assert!(e.0.contains("empty phrase"), "{e}");
        assert!(CueSet::from_toml("[model]\nbias = 0.0\nfamily = 3\n").is_err());
    }

    #[test]
    fn the_anchored_walk_finds_every_phrase_that_starts_a_word() {
        // Against an unanchored overlapping search of the same phrases, kept
        // where the match starts a word.
        let cues = CueSet::builtin();
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&cues.patterns)
            .unwrap();
        let texts = [
            "The US faces a growing number of cyber threats, experts say.",
            "It is widely believed that state-sponsored actors were behind it.",
            "According to the OECD, 40 percent of the most-cited studies show more than ever.",
            "Thethe isn't: (Some) [many] \u{2019}most\u{2019} people\u{2019}s \u{e9}lan-some.",
            "ALL CAPS SENTENCE WITH SOME WORDS AND MANY OF THEM",
            "x",
            "",
        ];
        let starts_word = |t: &str, s: usize| {
            t[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        };
        for t in texts {
            let mut want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(t)
                .filter(|m| starts_word(t, m.start()))
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            want.sort_unstable();
            let mut got = Vec::new();
            for (s, _) in t.char_indices().filter(|&(s, _)| starts_word(t, s)) {
                cues.phrases_from(t, s, |e, pid| got.push((s, e, pid)));
                // A start the walk skips is one no phrase starts with.
                if !cues.starts[t.as_bytes()[s] as usize] {
                    assert!(!want.iter().any(|w| w.0 == s), "{t}: {s}");
                }
            }
            got.sort_unstable();
            assert_eq!(got, want, "{t}");
            assert!(!want.is_empty() || t.len() < 2, "{t}");
        }
    }

    /// Characters that tell the readings apart: ASCII of every class, the
    /// separators words may hold, letters with no case or title case, upper
    /// case letters whose lower case differs in length (`İ`, `ẞ`, the Kelvin
    /// sign), numbers that are not digits, spaces that are not ASCII.
    const TRICKY: &[&str] = &[
        "a", "e", "d", "s", "t", "r", "E", "D", "S", "T", "R", "N", "U", "x", "Z", "0", "7", " ",
        " ", " ", "\t", "\n", "\u{b}", "\u{c}", "'", "\u{2019}", "-", "\u{2010}", ".", ",", "(",
        ")", "_", ":", "?", "$", "%", "é", "É", "İ", "ß", "ẞ", "\u{212a}", "ǅ", "中", "Ⅻ", "ⅻ",
        "²", "½", "\u{a0}", "\u{2003}", "ed", "est", "er", "than", "more", "the", "most", "said",
        "experts", "US", "NATO", "camel", "Case", "1990", "40",
    ];

    /// Deterministic pseudo-random sentences built from [`TRICKY`].
    fn tricky_texts(n: usize) -> Vec<String> {
        let mut rng = crate::test_support::Rng(0x9e37_79b9_7f4a_7c15);
        crate::test_support::texts_of(&mut rng, TRICKY, 24, n)
    }

    #[test]
    fn splitting_once_reads_words_as_reading_them_again_did() {
        let cues = CueSet::builtin();
        let mut texts = tricky_texts(20_000);
        texts.extend(
            [
                "The US faces a growing number of cyber threats, experts say.",
                "NATO's allies, the U.S. and İSTANBUL's ẞTRASSE, \u{212a}ELVIN, ǅemal.",
                "doThing() and snake_case and path::to and camelCase-ish and don\u{2019}tStop",
                "It was 1,000.5 km² or ½ of Ⅻ; 2019-2020 rose 40%.",
            ]
            .map(String::from),
        );
        for text in &texts {
            let text = text.as_str();
            let mut new = Vec::new();
            let mut starts = Vec::new();
            tokenize(text, &[], &cues.starts, &mut new, &mut starts);
            let mut old = Vec::new();
            tokenize_reference(text, &[], &mut old);
            let key = |t: &Token| (t.start, t.end, t.kind, t.word);
            assert_eq!(
                new.iter().map(key).collect::<Vec<_>>(),
                old.iter().map(key).collect::<Vec<_>>(),
                "{text:?}"
            );
            // The phrase starts, as the byte-by-byte scan found them.
            let mut want = Vec::new();
            let mut prev_alnum = false;
            for (at, c) in text.char_indices() {
                if !prev_alnum && cues.starts[text.as_bytes()[at] as usize] {
                    want.push(at as u32);
                }
                prev_alnum = c.is_alphanumeric();
            }
            assert_eq!(starts, want, "{text:?}");
            // Shapes against the character-by-character tests, with and
            // without lexicon flags.
            let first = first_word(&new);
            for flags in [0, NOT_NAME, PRONOUN | VAGUE] {
                for (k, t) in new.iter_mut().enumerate() {
                    t.flags = flags;
                    let w = &text[t.range()];
                    let first = first == Some(k);
                    assert_eq!(
                        is_name(t, first),
                        is_name_reference(text, t, first),
                        "{w:?}"
                    );
                    if t.kind != Kind::Word {
                        continue;
                    }
                    assert_eq!(t.shape & S_ACRONYM != 0, is_acronym(w), "{w:?}");
                    assert_eq!(is_past_form(text, t), is_past_form_reference(w), "{w:?}");
                    let lower = w.chars().all(|c| c.is_ascii_lowercase());
                    assert_eq!(t.shape & S_ASCII_LOWER != 0, lower, "{w:?}");
                    let could = w.chars().next().is_some_and(char::is_uppercase)
                        && (is_acronym(w) || flags & (NOT_NAME | PRONOUN | VAGUE) == 0);
                    assert_eq!(token_could_be_name(t), could, "{w:?}");
                }
            }
            assert_eq!(
                comparative(text, &new),
                comparative_reference(text, &new),
                "{text:?}"
            );
            assert_eq!(
                identifier(&new),
                identifier_reference(text, &new),
                "{text:?}"
            );
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "   ",
            "\u{2019}\u{2019}",
            "$",
            "1.",
            "(((((",
            "[[[1,2,3",
            "é1é2é3 ünïcödé 100% “quoted” — dash",
            "a_",
            "::",
            "x()",
        ] {
            let _ = analysed(s);
        }
    }
}
