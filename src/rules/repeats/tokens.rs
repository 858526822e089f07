//! A document as the repeat rules read it: one stream of normalised words in
//! document order, cut into segments (stretches of the author's own running
//! text, within which a repeated phrase may lie) and grouped by sentence and
//! by prose run.
//!
//! Left out: code (blocks and inline), block quotes and quotations in
//! quotation marks (someone else's words), and, unless asked for, headings
//! and table cells.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::document::{Document, Prose, Scope, SectionId, SupportKind};
use crate::source::Span;

use super::normalize::{Normalizer, Word};

/// What to read besides paragraphs, list items, FAQ entries and footnotes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub headings: bool,
    pub tables: bool,
    /// Read text in quotation marks too (block quotes are never read).
    pub quotes: bool,
}

/// A word of the stream, but for what it compares as (in [`Tokens::ids`],
/// which the k-gram and shingle passes read as one slice): 8 bytes, since a
/// long document has a million of them.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// Index of the word among its run's words in the shared word memo,
    /// where its place in the plain text is (see [`Tokens::tok_plain`]), in
    /// the low bits ([`WORD_INDEX`] when too large to keep); flags in the
    /// top three.
    word_flags: u32,
    /// Index into [`Tokens::sents`].
    sent: u32,
}

/// A function word ("the", "of"): see [`super::normalize`].
const TOK_FUNCTION: u32 = 1 << 31;
/// Capitalised where a sentence does not start ("Institute", "NATO").
const TOK_CAPITAL: u32 = 1 << 30;
/// The first word of a stretch of contiguous text of one prose run (a run
/// starts one, and so does a word after code or a quotation left out).
const TOK_SEGMENT: u32 = 1 << 29;
/// The word index bits, and the value that stands for an index too large.
const WORD_INDEX: u32 = TOK_SEGMENT - 1;

impl Tok {
    /// Index into [`Tokens::sents`].
    pub fn sent(self) -> usize {
        self.sent as usize
    }

    /// A function word ("the", "of", "is"), which alone makes no phrase.
    pub fn function(self) -> bool {
        self.word_flags & TOK_FUNCTION != 0
    }

    /// Capitalised where a sentence does not start ("Institute", "NATO"):
    /// a name, or a word of one.
    pub fn capital(self) -> bool {
        self.word_flags & TOK_CAPITAL != 0
    }

    /// Whether the word starts a stretch of contiguous text: a phrase
    /// does not run across from the word before.
    pub fn starts_segment(self) -> bool {
        self.word_flags & TOK_SEGMENT != 0
    }

    /// Its index among its run's words, unless too large to keep.
    fn word(self) -> Option<usize> {
        let w = self.word_flags & WORD_INDEX;
        (w != WORD_INDEX).then_some(w as usize)
    }
}

/// A prose run that contributed tokens.
#[derive(Clone, Debug)]
pub struct Run<'d> {
    pub prose: &'d Prose,
    pub scope: Scope,
    pub section: SectionId,
    /// The top-level block it is in (see [`crate::document::ProseRef::block`]).
    pub block: usize,
    pub toks: Range<usize>,
    /// Sentences, as a range of [`Tokens::sents`].
    pub sents: Range<usize>,
    /// Index of the run in [`Document::prose`] (where its words are in the
    /// shared word memo).
    prose_index: u32,
}

/// A sentence that contributed tokens.
#[derive(Clone, Debug)]
pub struct Sent {
    pub run: usize,
    pub toks: Range<usize>,
    pub span: Span,
}

/// The stream.
#[derive(Clone, Debug, Default)]
pub struct Tokens<'d> {
    /// What each word compares as (see [`super::normalize`]), by token.
    pub ids: Vec<u64>,
    /// The rest of each token.
    pub toks: Vec<Tok>,
    pub runs: Vec<Run<'d>>,
    pub sents: Vec<Sent>,
    /// The document's shared word memo, which holds each token's range.
    words: Arc<ProseWords>,
}

impl<'d> Tokens<'d> {
    pub fn new(doc: &'d Document, opts: Options) -> Tokens<'d> {
        let prose_runs = doc.prose();
        let all = doc.memo(|_| ProseWords::new(prose_runs.len()));
        let mut out = Tokens {
            words: Arc::clone(&all),
            ..Tokens::default()
        };
        let wanted = |p: &crate::document::ProseRef<'_>| {
            let scope = match p.scope {
                Scope::Heading => opts.headings,
                Scope::TableCell => opts.tables,
                _ => true,
            };
            scope && !p.in_quote
        };
        // Room for every word read (a few are left out): a long document has
        // a million tokens, and growing by doubling would hold up to twice
        // that.
        let most: usize = prose_runs
            .iter()
            .enumerate()
            .filter(|(_, p)| wanted(p))
            .map(|(pi, p)| all.of(pi, p.prose).words.len())
            .sum();
        out.ids.reserve_exact(most);
        out.toks.reserve_exact(most);
        // Whether the next token starts a segment.
        let mut new_segment;
        for (pi, p) in prose_runs.into_iter().enumerate() {
            if !wanted(&p) {
                continue;
            }
            let prose = p.prose;
            let plain = prose.text.plain.as_str();
            let read = all.of(pi, prose);
            let mut excluded: Vec<Range<usize>> = read.excluded.to_vec();
            if !opts.quotes {
                excluded.extend(quotations(plain));
            }
            excluded.sort_by_key(|r| (r.start, r.end));
            let words = &read.words;
            let run_index = out.runs.len();
            let first_tok = out.toks.len();
            let first_sent = out.sents.len();
            new_segment = true;
            let mut ex = 0;
            let mut last_end = 0;
            let mut sent_iter = prose.sentences.iter().peekable();
            let mut current: Option<(usize, usize)> = None; // (sentence index in prose, sents index)
            let mut sent_no = 0usize;
            for (wi, w) in words.iter().enumerate() {
                let r = w.plain(plain);
                // Skip exclusions that end before this word.
                while ex < excluded.len() && excluded[ex].end <= r.start {
                    if excluded[ex].start >= last_end {
                        new_segment = true; // excluded text between two words breaks the segment
                    }
                    ex += 1;
                }
                if ex < excluded.len() && excluded[ex].start < r.end {
                    continue; // inside code or a quotation
                }
                last_end = r.end;
                // The sentence holding this word.
                while let Some(s) = sent_iter.peek() {
                    if s.plain.end <= r.start {
                        sent_iter.next();
                        sent_no += 1;
                    } else {
                        break;
                    }
                }
                let sentence = sent_iter.peek().map(|s| (s.plain.clone(), s.span));
                let mut opens_sentence = false;
                let si = match current {
                    Some((n, si)) if n == sent_no => si,
                    _ => {
                        let span = sentence.map_or(prose.span, |(_, sp)| sp);
                        let si = out.sents.len();
                        if let Some(prev) = out.sents.last_mut()
                            && prev.run == run_index
                        {
                            prev.toks.end = out.toks.len();
                        }
                        out.sents.push(Sent {
                            run: run_index,
                            toks: out.toks.len()..out.toks.len(),
                            span,
                        });
                        current = Some((sent_no, si));
                        opens_sentence = true;
                        si
                    }
                };
                let flag = |on: bool, f: u32| if on { f } else { 0 };
                out.ids.push(w.id);
                out.toks.push(Tok {
                    word_flags: u32::try_from(wi).map_or(WORD_INDEX, |w| w.min(WORD_INDEX))
                        | flag(w.has(FUNCTION), TOK_FUNCTION)
                        | flag(
                            w.has(if opens_sentence { ACRONYM } else { CAPITAL }),
                            TOK_CAPITAL,
                        )
                        | flag(new_segment, TOK_SEGMENT),
                    sent: si as u32,
                });
                new_segment = false;
            }
            if let Some(prev) = out.sents.last_mut()
                && prev.run == run_index
            {
                prev.toks.end = out.toks.len();
            }
            if out.toks.len() > first_tok {
                out.runs.push(Run {
                    prose,
                    scope: p.scope,
                    section: p.section,
                    block: p.block,
                    toks: first_tok..out.toks.len(),
                    sents: first_sent..out.sents.len(),
                    prose_index: u32::try_from(pi).unwrap_or(u32::MAX),
                });
            }
        }
        out.ids.shrink_to_fit();
        out.toks.shrink_to_fit();
        out.sents.shrink_to_fit();
        out.runs.shrink_to_fit();
        out
    }

    /// The run a token is in.
    pub fn run_of(&self, tok: usize) -> &Run<'d> {
        &self.runs[self.sents[self.toks[tok].sent()].run]
    }

    /// The source span of tokens `r` (non-empty).
    pub fn span(&self, r: Range<usize>) -> Span {
        let a = self.tok_span(r.start);
        let b = self.tok_span(r.end.saturating_sub(1).max(r.start));
        a.cover(b)
    }

    /// The source span of token `i` (worked out when asked for: most
    /// tokens are never reported).
    pub fn tok_span(&self, i: usize) -> Span {
        self.run_of(i).prose.source_span(self.tok_plain(i))
    }

    /// The plain-text range of token `i` in its run.
    pub fn tok_plain(&self, i: usize) -> Range<usize> {
        let run = self.run_of(i);
        let Some(w) = self.toks[i].word() else {
            return 0..0;
        };
        let plain = run.prose.text.plain.as_str();
        match self
            .words
            .0
            .get(run.prose_index as usize)
            .and_then(OnceLock::get)
        {
            Some(read) => read.words.get(w).map_or(0..0, |w| w.plain(plain)),
            // Not in the memo (cannot happen: every run read was put there);
            // read the run again.
            None => RunWords::new(run.prose)
                .words
                .get(w)
                .map_or(0..0, |w| w.plain(plain)),
        }
    }

    /// The plain text of tokens `r` (non-empty), from the first word to the
    /// last, markup left out; `None` if they are not in one run.
    pub fn text(&self, r: Range<usize>) -> Option<&'d str> {
        let last_i = r.end.saturating_sub(1).max(r.start);
        let first = &self.toks[r.start];
        let last = &self.toks[last_i];
        let run = self.run_of(r.start);
        if self.sents[last.sent()].run != self.sents[first.sent()].run {
            return None;
        }
        run.prose
            .text
            .plain
            .get(self.tok_plain(r.start).start..self.tok_plain(last_i).end)
    }
}

/// What every token stream reads of each prose run of a document
/// ([`Document::prose`], same order): computed for a run the first time a
/// [`Tokens`] reads it and shared through [`Document::memo`] by every rule
/// that builds one, whatever its [`Options`].
#[derive(Debug, Default)]
struct ProseWords(Vec<OnceLock<RunWords>>);

/// One prose run's words and the text that is not words, held without
/// spare capacity (a document keeps one per prose run).
#[derive(Clone, Debug, Default)]
struct RunWords {
    words: Box<[MemoWord]>,
    /// Plain ranges left out whatever the options: inline code, URLs
    /// written out and links whose text is their URL (unsorted).
    excluded: Box<[Range<usize>]>,
}

impl ProseWords {
    /// Room for a document's `n` prose runs.
    fn new(n: usize) -> ProseWords {
        ProseWords((0..n).map(|_| OnceLock::new()).collect())
    }

    /// What is read of prose run `i`, which is `prose`.
    fn of(&self, i: usize, prose: &Prose) -> std::borrow::Cow<'_, RunWords> {
        match self.0.get(i) {
            Some(cell) => std::borrow::Cow::Borrowed(cell.get_or_init(|| RunWords::new(prose))),
            None => std::borrow::Cow::Owned(RunWords::new(prose)),
        }
    }
}

impl RunWords {
    fn new(prose: &Prose) -> RunWords {
        let plain = prose.text.plain.as_str();
        // Read into a buffer reused across runs, then kept at its exact size.
        thread_local! {
            static READ: std::cell::RefCell<Vec<MemoWord>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let words: Box<[MemoWord]> = READ.with(|read| {
            let mut read = read.borrow_mut();
            read.clear();
            Normalizer::new().each_word(plain, usize::MAX, |w| read.push(MemoWord::new(&w)));
            let words = read.as_slice().into();
            // Not kept past an unusually long run (a file on one line).
            if read.capacity() > 1 << 16 {
                *read = Vec::new();
            }
            words
        });
        let mut excluded: Vec<Range<usize>> = prose.code.clone();
        excluded.extend(urls(plain));
        excluded.extend(prose.support.iter().filter_map(|s| match &s.kind {
            SupportKind::BareUrl { .. } => Some(s.plain.clone()),
            SupportKind::Link { url } if plain.get(s.plain.clone()) == Some(url.as_str()) => {
                Some(s.plain.clone())
            }
            _ => None,
        }));
        RunWords {
            words,
            excluded: excluded.into_boxed_slice(),
        }
    }
}

/// A [`Word`] as the memo keeps it: 16 bytes instead of 24, its three
/// flags in the top bits of its length (the memo holds every word of a
/// document).
#[derive(Clone, Copy, Debug)]
struct MemoWord {
    id: u64,
    start: u32,
    /// The length in the low bits ([`LONG`] for a word that long or
    /// longer, whose end is found again in the text), flags in the top
    /// three.
    len_flags: u32,
}

const FUNCTION: u32 = 1 << 31;
const CAPITAL: u32 = 1 << 30;
const ACRONYM: u32 = 1 << 29;
/// Lengths from this on are not kept.
const LONG: u32 = ACRONYM - 1;

impl MemoWord {
    fn new(w: &Word) -> MemoWord {
        let len = w.range.1.saturating_sub(w.range.0).min(LONG);
        let flag = |on: bool, f: u32| if on { f } else { 0 };
        MemoWord {
            id: w.id,
            start: w.range.0,
            len_flags: len
                | flag(w.function, FUNCTION)
                | flag(w.capital, CAPITAL)
                | flag(w.acronym, ACRONYM),
        }
    }

    fn has(&self, flag: u32) -> bool {
        self.len_flags & flag != 0
    }

    /// The word's range in `plain`, the text it was read from.
    fn plain(&self, plain: &str) -> Range<usize> {
        let start = self.start as usize;
        let len = self.len_flags & LONG;
        if len < LONG {
            return start..start + len as usize;
        }
        // A word's end depends only on the text from its start on.
        let end = plain
            .get(start..)
            .and_then(|rest| super::normalize::word_ranges(rest).next())
            .map_or(start, |r| start + r.end);
        start..end
    }
}

/// Plain ranges of URLs written out in the text (`https://…`, `www.…`), up
/// to the next white space: not words.
pub fn urls(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = ["://", "www."]
        .iter()
        .filter_map(|pat| {
            memchr::memmem::find(&text.as_bytes()[from..], pat.as_bytes()).map(|i| i + from)
        })
        .min()
    {
        // Back to the start of the word holding the match.
        let start = text[..i]
            .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '<' | '[' | '"'))
            .map_or(0, |j| {
                j + text[j..].chars().next().map_or(1, char::len_utf8)
            });
        let end = text[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']' | '"'))
            .map_or(text.len(), |j| j + i);
        out.push(start..end);
        from = end.max(i + 1);
        if from >= text.len() {
            break;
        }
    }
    out
}

/// Plain ranges of quotations: text between paired quotation marks (“…”,
/// "…", «…») of at least three words. Shorter quoted text is a term or a
/// title, and stays.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // Only quotation marks and line ends matter: visit the bytes that can
    // start one (ASCII, or the lead byte of “ ” « »).
    let marks = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| matches!(b, b'"' | b'\n' | 0xe2 | 0xc2))
        .filter_map(|(i, _)| Some((i, text.get(i..)?.chars().next()?)));
    for (i, c) in marks {
        match (open, c) {
            (None, '\u{201c}' | '"' | '\u{ab}') => open = Some((i, c)),
            (Some((s, o)), _) if closes(o, c) => {
                let inner = &text[s + o.len_utf8()..i];
                if inner.split_whitespace().count() >= 3 {
                    out.push(s..i + c.len_utf8());
                }
                open = None;
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('\u{201c}', '\u{201d}') | ('"', '"') | ('\u{ab}', '\u{bb}')
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    fn doc(md: &str) -> Document {
        crate::parse::parse("t.md", Source::new(md.to_string()), Format::Markdown)
    }

    #[test]
    fn urls_are_found_whole() {
        let t = "See https://example.com/a-b?c=d, (www.x.org/y) and ftp://z.";
        let u: Vec<&str> = urls(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            u,
            ["https://example.com/a-b?c=d,", "www.x.org/y", "ftp://z."]
        );
    }

    #[test]
    fn quotations_need_three_words() {
        let t = "He said “we will win this” and called it a “win”. Then \"a b c\".";
        let q: Vec<&str> = quotations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["“we will win this”", "\"a b c\""]);
    }

    fn summary(t: &Tokens) -> Vec<(u64, Span, bool, usize, bool, bool)> {
        t.toks
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let k = *k;
                let tok = (k.starts_segment(), k.sent(), k.function(), k.capital());
                (t.ids[i], t.tok_span(i), tok.0, tok.1, tok.2, tok.3)
            })
            .collect()
    }

    #[test]
    fn streams_sharing_a_document_s_words_equal_fresh_ones() {
        let d = doc(
            "# Title\n\nOne “a quoted bit here” two `code` three https://x.org/a four.\n\n| A b | C d |\n|---|---|\n| e f | g h |\n",
        );
        let all = Options {
            headings: true,
            tables: true,
            quotes: true,
        };
        for opts in [Options::default(), all] {
            // A clone starts with an empty memo: nothing shared.
            let fresh = d.clone();
            let shared = Tokens::new(&d, opts);
            assert_eq!(summary(&shared), summary(&Tokens::new(&fresh, opts)));
        }
        assert_ne!(
            summary(&Tokens::new(&d, Options::default())),
            summary(&Tokens::new(&d, all))
        );
    }

    #[test]
    fn memo_words_keep_range_and_flags() {
        let text = "The NATO counter-terrorism unit";
        let mut read = Vec::new();
        Normalizer::new().words(text, &mut read);
        for w in &read {
            let m = MemoWord::new(w);
            assert_eq!(m.plain(text), w.plain());
            assert_eq!(
                (m.has(FUNCTION), m.has(CAPITAL), m.has(ACRONYM), m.id),
                (w.function, w.capital, w.acronym, w.id)
            );
        }
        // A word too long for the length bits is measured again in the text.
        let m = MemoWord {
            id: 0,
            start: 9,
            len_flags: LONG | CAPITAL,
        };
        assert_eq!(&text[m.plain(text)], "counter-terrorism");
        assert!(m.has(CAPITAL) && !m.has(FUNCTION));
    }

    #[test]
    fn code_quotes_and_headings_are_left_out_and_break_segments() {
        let d = doc(
            "## Sub heading\n\nOne two `code here` three. Four “a quoted bit here” five.\n\n> quoted block\n\nSix seven.\n",
        );
        let t = Tokens::new(&d, Options::default());
        let words: Vec<&str> = (0..t.toks.len())
            .map(|i| d.source.slice(t.tok_span(i)))
            .collect();
        assert_eq!(
            words,
            ["One", "two", "three", "Four", "five", "Six", "seven"]
        );
        let starts: Vec<bool> = t.toks.iter().map(|k| k.starts_segment()).collect();
        assert_eq!(starts, [true, false, true, false, true, true, false]);
        assert_eq!(t.ids.len(), t.toks.len());
        assert_eq!(t.sents.len(), 3);
        assert_eq!(t.sents[0].toks, 0..3);
        assert_eq!(t.sents[1].toks, 3..5);
        assert_eq!(t.runs.len(), 2);
        let with_headings = Tokens::new(
            &d,
            Options {
                headings: true,
                ..Options::default()
            },
        );
        assert_eq!(with_headings.toks.len(), 9);
    }
}
