//! Question-and-answer sections: recognising an FAQ section by its heading and
//! pairing each question with the blocks that answer it.

use crate::document::{Block, Faq, Paragraph, Prose};
use crate::source::Span;

/// Whether a heading names a question-and-answer section ("FAQ",
/// "Frequently asked questions", "Questions and answers", "Q&A").
pub fn is_faq_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| matches!(*w, "faq" | "faqs" | "q&a"))
        || t.contains("frequently asked")
        || t.contains("questions and answers")
        || t.contains("common questions")
}

/// Whether a paragraph reads as a question: it ends with a question mark and
/// is short enough to be one (a long paragraph that happens to end with a
/// question is an answer that asks back).
pub fn is_question(prose: &Prose) -> bool {
    let t = prose.text.plain.trim_end();
    let t = t.trim_end_matches(['*', '_', '"', '\'', '\u{201d}', '\u{2019}', ')']);
    t.ends_with('?') && prose.sentences.len() <= 3 && crate::parse::count_words(t) <= 40
}

/// Pairs question paragraphs with the blocks after them, up to the next
/// question, as [`Block::Faq`] entries. Blocks before the first question stay
/// as they are. Nothing changes unless some question has an answer after it.
pub fn group(blocks: &mut Vec<Block>) {
    let is_q = |b: &Block| matches!(b, Block::Paragraph(p) if is_question(&p.prose));
    let answered = blocks.windows(2).any(|w| is_q(&w[0]) && !is_q(&w[1]));
    if !answered {
        return;
    }
    let old = std::mem::take(blocks);
    let mut current: Option<Faq> = None;
    for b in old {
        if is_q(&b) {
            if let Some(f) = current.take() {
                blocks.push(Block::Faq(f));
            }
            let Block::Paragraph(Paragraph { prose }) = b else {
                unreachable!()
            };
            current = Some(Faq {
                span: prose.span,
                question: Some(Box::new(prose)),
                marker: None,
                answer: Vec::new(),
            });
        } else if let Some(f) = current.as_mut() {
            f.span = f.span.cover(b.span());
            f.answer.push(b);
        } else {
            blocks.push(b);
        }
    }
    if let Some(f) = current {
        blocks.push(Block::Faq(f));
    }
    for b in blocks.iter_mut() {
        if let Block::Faq(f) = b {
            f.answer.shrink_to_fit();
        }
    }
    blocks.shrink_to_fit();
}

/// The span an FAQ entry would have for its parts (used by builders).
pub fn entry_span(marker: Option<Span>, question: Option<&Prose>, answer: &[Block]) -> Span {
    let mut span: Option<Span> = marker.or(question.map(|q| q.span));
    for b in answer {
        span = Some(span.map_or(b.span(), |s| s.cover(b.span())));
    }
    span.unwrap_or_default()
}
