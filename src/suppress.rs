//! Suppression comments in Markdown:
//!
//! - `<!-- copydesk-disable RULE ... -->` … `<!-- copydesk-enable RULE ... -->`:
//!   no findings of these rules between the two comments (to the end of the
//!   file without an `enable`);
//! - `<!-- copydesk-disable-next-line RULE ... -->`: none on the next line;
//! - `<!-- copydesk-disable-file RULE ... -->`: none in the file.
//!
//! Without a rule name a comment concerns every rule. Names are separated by
//! spaces or commas; anything after ` -- ` is a reason, for the reader. A
//! comment that suppresses nothing, or names an unknown rule, is reported by
//! `unused-suppression` when that rule is enabled.

use std::collections::{HashMap, HashSet};

use crate::document::Document;
use crate::finding::Finding;
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

/// A parsed suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule names; empty for every rule.
    pub rules: Vec<String>,
    /// The comment.
    pub span: Span,
}

impl Directive {
    fn covers(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

/// The suppression comments of a document, in order.
pub fn directives(doc: &Document) -> Vec<Directive> {
    doc.comments
        .iter()
        .filter_map(|&span| parse(doc.source.slice(span), span))
        .collect()
}

fn parse(comment: &str, span: Span) -> Option<Directive> {
    let body = comment.strip_prefix("<!--")?;
    let body = body.strip_suffix("-->").unwrap_or(body).trim();
    let (kind, rest) = [
        ("copydesk-disable-next-line", DirectiveKind::DisableNextLine),
        ("copydesk-disable-file", DirectiveKind::DisableFile),
        ("copydesk-disable", DirectiveKind::Disable),
        ("copydesk-enable", DirectiveKind::Enable),
    ]
    .into_iter()
    .find_map(|(word, kind)| {
        let rest = body.strip_prefix(word)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((kind, rest))
    })?;
    let rest = rest.split(" -- ").next().unwrap_or("");
    let rules = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive { kind, rules, span })
}

/// Removes suppressed findings. Returns, for each directive, whether it
/// suppressed something.
pub fn apply(doc: &Document, directives: &[Directive], findings: &mut Vec<Finding>) -> Vec<bool> {
    let mut used = vec![false; directives.len()];
    if directives.is_empty() {
        return used;
    }
    let src = &doc.source;
    // Lines that a disable-next-line comment covers: the line after the one
    // the comment ends on.
    let mut next_line: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, d) in directives.iter().enumerate() {
        if d.kind == DirectiveKind::DisableNextLine {
            let end = d.span.end.saturating_sub(1).max(d.span.start);
            next_line.entry(src.line_of(end) + 1).or_default().push(i);
        }
    }
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].span.start);
    let mut keep = vec![true; findings.len()];
    // Sweep the findings in position order, applying range directives that
    // come before each one.
    let mut next = 0;
    let mut all_disabled: Option<usize> = None;
    let mut reenabled: HashSet<&str> = HashSet::new();
    let mut disabled: HashMap<&str, usize> = HashMap::new();
    for &fi in &order {
        let f = &findings[fi];
        while next < directives.len() && directives[next].span.end <= f.span.start {
            let d = &directives[next];
            match d.kind {
                DirectiveKind::Disable if d.rules.is_empty() => {
                    all_disabled = Some(next);
                    reenabled.clear();
                    disabled.clear();
                }
                DirectiveKind::Disable => {
                    for r in &d.rules {
                        disabled.insert(r, next);
                        reenabled.remove(r.as_str());
                    }
                }
                DirectiveKind::Enable if d.rules.is_empty() => {
                    all_disabled = None;
                    reenabled.clear();
                    disabled.clear();
                }
                DirectiveKind::Enable => {
                    for r in &d.rules {
                        disabled.remove(r.as_str());
                        if all_disabled.is_some() {
                            reenabled.insert(r);
                        }
                    }
                }
                DirectiveKind::DisableNextLine | DirectiveKind::DisableFile => {}
            }
            next += 1;
        }
        let rule = f.rule.as_str();
        let by = directives
            .iter()
            .position(|d| d.kind == DirectiveKind::DisableFile && d.covers(rule))
            .or_else(|| {
                next_line
                    .get(&src.line_of(f.span.start))
                    .and_then(|ds| ds.iter().copied().find(|&i| directives[i].covers(rule)))
            })
            .or_else(|| disabled.get(rule).copied())
            .or_else(|| all_disabled.filter(|_| !reenabled.contains(rule)));
        if let Some(i) = by {
            used[i] = true;
            keep[fi] = false;
        }
    }
    let mut k = keep.into_iter();
    findings.retain(|_| k.next().unwrap_or(true));
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives() {
        let d = parse(
            "<!-- copydesk-disable-next-line a, b -- because -->",
            Span::new(0, 1),
        )
        .unwrap();
        assert_eq!(d.kind, DirectiveKind::DisableNextLine);
        assert_eq!(d.rules, ["a", "b"]);
        let d = parse("<!--copydesk-disable-->", Span::new(0, 1)).unwrap();
        assert_eq!(d.kind, DirectiveKind::Disable);
        assert!(d.rules.is_empty());
        assert!(parse("<!-- copydesk-disabled x -->", Span::new(0, 1)).is_none());
        assert!(parse("<!-- toc -->", Span::new(0, 1)).is_none());
    }
}
