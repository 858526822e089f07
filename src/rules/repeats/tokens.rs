//! A document as the repeat rules read it: one stream of normalised words in
//! document order, cut into segments (stretches of the author's own running
//! text, within which a repeated phrase may lie) and grouped by sentence and
//! by prose run.
//!
//! Left out: code (blocks and inline), block quotes and quotations in
//! quotation marks (someone else's words), and, unless asked for, headings
//! and table cells.

use std::ops::Range;
use std::sync::LazyLock;

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
    /// Where the word starts in its run's plain text (its end is found
    /// again there when asked for: most words are never reported).
    start: u32,
    /// Index into [`Tokens::sents`] in the low bits, flags in the top three.
    sent_flags: u32,
}

/// A function word ("the", "of"): see [`super::normalize`].
const TOK_FUNCTION: u32 = 1 << 31;
/// Capitalised where a sentence does not start ("Institute", "NATO").
const TOK_CAPITAL: u32 = 1 << 30;
/// The first word of a stretch of contiguous text of one prose run (a run
/// starts one, and so does a word after code or a quotation left out).
const TOK_SEGMENT: u32 = 1 << 29;
/// The sentence index bits. A stream holds at most this many sentences
/// (some 500 million: more than a document within `max-file-size` has
/// room for unless its sentences are a word each).
const MAX_SENTS: u32 = TOK_SEGMENT - 1;

impl Tok {
    /// Index into [`Tokens::sents`].
    pub fn sent(self) -> usize {
        (self.sent_flags & MAX_SENTS) as usize
    }

    /// A function word ("the", "of", "is"), which alone makes no phrase.
    pub fn function(self) -> bool {
        self.sent_flags & TOK_FUNCTION != 0
    }

    /// Capitalised where a sentence does not start ("Institute", "NATO"):
    /// a name, or a word of one.
    pub fn capital(self) -> bool {
        self.sent_flags & TOK_CAPITAL != 0
    }

    /// Whether the word starts a stretch of contiguous text: a phrase
    /// does not run across from the word before.
    pub fn starts_segment(self) -> bool {
        self.sent_flags & TOK_SEGMENT != 0
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
}

impl<'d> Tokens<'d> {
    pub fn new(doc: &'d Document, opts: Options) -> Tokens<'d> {
        let prose_runs = doc.prose();
        let mut out = Tokens::default();
        let wanted = |p: &crate::document::ProseRef<'_>| {
            let scope = match p.scope {
                Scope::Heading => opts.headings,
                Scope::TableCell => opts.tables,
                _ => true,
            };
            scope && !p.in_quote
        };
        // Room for as many words as the text can hold (a word and a space
        // take two bytes): pages reserved and never written take no memory,
        // while growing by doubling may copy a long document's million
        // tokens and hold both copies at once. Only asked for: where the
        // system refuses that much address space, the vectors grow instead.
        let most: usize = prose_runs
            .iter()
            .filter(|p| wanted(p))
            .map(|p| p.prose.text.plain.len().div_ceil(2))
            .sum();
        if out.ids.try_reserve_exact(most).is_err() || out.toks.try_reserve_exact(most).is_err() {
            out.ids = Vec::new();
            out.toks = Vec::new();
        }
        let mut normalizer = Normalizer::new();
        // What a run leaves out, reused run after run.
        let mut excluded: Vec<Range<usize>> = Vec::new();
        // Whether the next token starts a segment.
        let mut new_segment;
        // Set when the stream holds as many sentences as it can.
        let mut full = false;
        for p in prose_runs {
            if !wanted(&p) {
                continue;
            }
            let prose = p.prose;
            let plain = prose.text.plain.as_str();
            left_out(prose, &mut excluded);
            if !opts.quotes {
                quotations(plain, &mut excluded);
            }
            excluded.sort_by_key(|r| (r.start, r.end));
            let run_index = out.runs.len();
            let first_tok = out.toks.len();
            let first_sent = out.sents.len();
            new_segment = true;
            let mut ex = 0;
            let mut last_end = 0;
            let mut sent_iter = prose.sentences.iter().peekable();
            let mut current: Option<(usize, usize)> = None; // (sentence index in prose, sents index)
            let mut sent_no = 0usize;
            // Words are taken as they are read (a run can be a whole file
            // on one line).
            normalizer.each_word(plain, usize::MAX, |w: Word| {
                if full {
                    return;
                }
                let r = w.plain();
                // Skip exclusions that end before this word.
                while ex < excluded.len() && excluded[ex].end <= r.start {
                    if excluded[ex].start >= last_end {
                        new_segment = true; // excluded text between two words breaks the segment
                    }
                    ex += 1;
                }
                if ex < excluded.len() && excluded[ex].start < r.end {
                    return; // inside code or a quotation
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
                let mut opens_sentence = false;
                let si = match current {
                    Some((n, si)) if n == sent_no => si,
                    _ => {
                        let si = out.sents.len();
                        if si >= MAX_SENTS as usize {
                            full = true;
                            return;
                        }
                        let span = sent_iter.peek().map_or(prose.span, |s| s.span);
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
                    start: w.range.0,
                    sent_flags: si as u32
                        | flag(w.function, TOK_FUNCTION)
                        | flag(
                            if opens_sentence { w.acronym } else { w.capital },
                            TOK_CAPITAL,
                        )
                        | flag(new_segment, TOK_SEGMENT),
                });
                new_segment = false;
            });
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
                });
            }
            if full {
                break;
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
        let plain = self.run_of(i).prose.text.plain.as_str();
        let start = self.toks[i].start as usize;
        // A word's end depends only on the text from its start on.
        let end = plain
            .get(start..)
            .and_then(|rest| super::normalize::word_ranges(rest).next())
            .map_or(start, |r| start + r.end);
        start..end
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

/// Plain ranges of a prose run that are not words of running text,
/// whatever the options: inline code, URLs written out and links whose text
/// is their URL (unsorted), into `excluded` (cleared first).
fn left_out(prose: &Prose, excluded: &mut Vec<Range<usize>>) {
    let plain = prose.text.plain.as_str();
    excluded.clear();
    excluded.extend_from_slice(&prose.code);
    urls(plain, excluded);
    excluded.extend(prose.support.iter().filter_map(|s| match &s.kind {
        SupportKind::BareUrl { .. } => Some(s.plain.clone()),
        SupportKind::Link { url } if plain.get(s.plain.clone()) == Some(url.as_str()) => {
            Some(s.plain.clone())
        }
        _ => None,
    }));
}

/// Plain ranges of URLs written out in the text (`https://…`, `www.…`), up
/// to the next white space: not words. Appended to `out`.
pub fn urls(text: &str, out: &mut Vec<Range<usize>>) {
    // Built once: building a searcher costs more than running it over a
    // paragraph.
    static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        [
            memchr::memmem::Finder::new("://"),
            memchr::memmem::Finder::new("www."),
        ]
    });
    let mut from = 0;
    while let Some(i) = FINDERS
        .iter()
        .filter_map(|f| f.find(&text.as_bytes()[from..]).map(|i| i + from))
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
}

/// Plain ranges of quotations: text between paired quotation marks (“…”,
/// "…", «…») of at least three words. Shorter quoted text is a term or a
/// title, and stays. Appended to `out`.
pub fn quotations(text: &str, out: &mut Vec<Range<usize>>) {
    let mut open: Option<(usize, char)> = None;
    // Only quotation marks matter, and line ends, which close what is
    // open: visit the bytes that can start a mark (ASCII, or the lead byte
    // of “ ” « »), and look for a line end only between an opening mark
    // and the next.
    let bytes = text.as_bytes();
    let marks = memchr::memchr3_iter(b'"', 0xe2, 0xc2, bytes)
        .filter_map(|i| Some((i, text.get(i..)?.chars().next()?)));
    for (i, c) in marks {
        if let Some((s, _)) = open
            && memchr::memchr(b'\n', &bytes[s..i]).is_some()
        {
            open = None;
        }
        match (open, c) {
            (None, '\u{201c}' | '"' | '\u{ab}') => open = Some((i, c)),
            (Some((s, o)), _) if closes(o, c) => {
                let inner = &text[s + o.len_utf8()..i];
                if inner.split_whitespace().count() >= 3 {
                    out.push(s..i + c.len_utf8());
                }
                open = None;
            }
            _ => {}
        }
    }
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
        let mut found: Vec<Range<usize>> = Vec::new();
        found.push(0..0);
        urls(t, &mut found);
        // Appended after what was there.
        assert_eq!(found[0], 0..0);
        let u: Vec<&str> = found[1..].iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(
            u,
            ["https://example.com/a-b?c=d,", "www.x.org/y", "ftp://z."]
        );
    }

    /// `quotations` as first written: every byte that may start a mark or
    /// end a line, in order.
    fn quotations_by_byte(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut open: Option<(usize, char)> = None;
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

    #[test]
    fn quotations_found_by_searching_equal_those_found_byte_by_byte() {
        let pieces = [
            "a", " ", "b", "\n", "\"", "\u{201c}", "\u{201d}", "\u{ab}", "\u{bb}", "\u{2014}",
            "\u{a0}", "é",
        ];
        let mut rng = crate::test_support::Rng(0xc0ffee);
        for text in crate::test_support::texts_of(&mut rng, &pieces, 30, 20_000) {
            let mut found = Vec::new();
            quotations(&text, &mut found);
            assert_eq!(found, quotations_by_byte(&text), "{text:?}");
        }
    }

    #[test]
    fn quotations_need_three_words() {
        let t = "He said “we will win this” and called it a “win”. Then \"a b c\".";
        let mut found = Vec::new();
        quotations(t, &mut found);
        let q: Vec<&str> = found.into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["“we will win this”", "\"a b c\""]);
    }

    #[test]
    fn each_token_knows_its_word() {
        let d = doc(
            "# Title\n\nThe NATO counter-terrorism “a quoted bit here” unit `code` of https://x.org/a four.\n\n| A b | C d |\n|---|---|\n| e f | g h |\n",
        );
        let all = Options {
            headings: true,
            tables: true,
            quotes: true,
        };
        for opts in [Options::default(), all] {
            let t = Tokens::new(&d, opts);
            assert_eq!(t.ids.len(), t.toks.len());
            for (i, k) in t.toks.iter().enumerate() {
                let run = t.run_of(i);
                let plain = &run.prose.text.plain;
                let word = &plain[t.tok_plain(i)];
                // What the token compares as and its flags are its word's.
                let mut read = Vec::new();
                Normalizer::new().words(word, &mut read);
                assert_eq!(read.len(), 1, "{word:?}");
                let w = read[0];
                assert_eq!((t.ids[i], k.function()), (w.id, w.function), "{word:?}");
                let opens = t.sents[k.sent()].toks.start == i;
                assert_eq!(k.capital(), if opens { w.acronym } else { w.capital });
                assert!(t.sents[k.sent()].toks.contains(&i));
                assert!(run.toks.contains(&i));
            }
        }
        let words = |opts| {
            let t = Tokens::new(&d, opts);
            (0..t.toks.len())
                .map(|i| d.source.slice(t.tok_span(i)).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words(Options::default()),
            ["The", "NATO", "counter-terrorism", "unit", "of", "four"]
        );
        assert_eq!(
            words(all),
            [
                "The",
                "NATO",
                "counter-terrorism",
                "a",
                "quoted",
                "bit",
                "here",
                "unit",
                "of",
                "four",
                "A",
                "b",
                "C",
                "d",
                "e",
                "f",
                "g",
                "h"
            ]
        );
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
