//! Rules users write without code, as `[[rule]]` tables in `rules/*.toml`
//! or a project's `copydesk.toml`:
//!
//! - [`existence`]: words, phrases or patterns that should not appear;
//! - [`substitution`]: write X instead of Y, with the fix;
//! - [`occurrence`]: at most / at least N matches per document, section or
//!   paragraph.
//!
//! ```toml
//! [[rule]]
//! name = "no-utilize"
//! kind = "substitution"
//! message = "Write “{replacement}” instead of “{match}”."
//! severity = "warning"
//! swap = { utilize = "use", utilise = "use" }
//! ```
//!
//! Each table is checked and compiled once, when the configuration loads, into
//! a [`Rule`] like the built-in ones: literal phrases go into one
//! Aho-Corasick automaton, patterns are compiled by the `regex` crate with
//! size limits ([`matcher`]). A mistake (an unknown key or scope, a missing
//! key, a misspelt placeholder, an invalid pattern) is a configuration error
//! naming the file, line and column, with the nearest valid name. Where a
//! rule looks is its [`scope`]; code is never searched.

pub mod existence;
pub mod fix;
pub mod matcher;
pub mod occurrence;
pub mod scope;
pub mod substitution;
pub mod template;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::config::{ConfigError, Origin, UserRuleEntry, nearest};
use crate::document::Document;
use crate::finding::{Severity, quote};
use crate::rules::Rule;
use crate::source::Span;

use matcher::{Matcher, Needle, fold_into};
use occurrence::Unit;
use scope::{Mode, Scopes};
use template::{Template, Var};

/// A user-written rule, as written in a `[[rule]]` table.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UserRuleDef {
    /// The rule's name (kebab-case, not a built-in rule's), as reports,
    /// `--select`, `[rules.NAME]` and suppression comments use it.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the rule does: `existence` (these words should not appear),
    /// `substitution` (write X instead of Y) or `occurrence` (at most / at
    /// least N matches per unit).
    #[schemars(with = "UserRuleKind")]
    pub kind: Spanned<UserRuleKind>,
    /// The message of each finding. Placeholders: `{match}` (the matched
    /// words), `{replacement}` (substitution; existence with `fix`),
    /// `{count}`, `{limit}`, `{unit}` (occurrence); `{{`/`}}` for braces.
    #[schemars(with = "String")]
    pub message: Spanned<String>,
    /// Severity of its findings (default `warning`).
    pub severity: Option<Severity>,
    /// Where to look (default `sentence`): one of, or a list of, `sentence`,
    /// `paragraph`, `heading`, `list-item`, `table-cell`, `faq`, `document`.
    /// Code is never in scope.
    #[schemars(with = "Option<ScopeSchema>")]
    pub scope: Option<Spanned<ScopeList>>,
    /// Words or phrases, matched literally (existence, occurrence).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tokens: Vec<Spanned<String>>,
    /// Regular expressions, Rust `regex` syntax: linear time, no
    /// look-around or back-references (existence, occurrence).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<Spanned<String>>,
    /// Match regardless of case (default true).
    pub ignore_case: Option<bool>,
    /// Match whole words only: a match may not start or end inside a word
    /// (default true).
    pub whole_words: Option<bool>,
    /// Also look inside block quotes, which usually hold someone else's
    /// words (default false).
    pub include_quotes: Option<bool>,
    /// `substitution`: what to avoid = what to write instead (an empty
    /// value deletes the phrase).
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    pub swap: Option<Spanned<BTreeMap<Spanned<String>, String>>>,
    /// `existence`: a replacement offered as the fix of every match (`""`
    /// deletes the words).
    #[schemars(with = "Option<String>")]
    pub fix: Option<Spanned<String>>,
    /// `occurrence`: most matches allowed per unit.
    #[schemars(with = "Option<usize>")]
    pub max: Option<Spanned<usize>>,
    /// `occurrence`: fewest matches required per unit.
    #[schemars(with = "Option<usize>")]
    pub min: Option<Spanned<usize>>,
    /// `occurrence`: the unit counted in (default `document`).
    #[schemars(with = "Option<Per>")]
    pub per: Option<Spanned<Per>>,
    /// A longer explanation, shown by `copydesk explain`.
    pub description: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UserRuleKind {
    Existence,
    Substitution,
    Occurrence,
}

impl UserRuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UserRuleKind::Existence => "existence",
            UserRuleKind::Substitution => "substitution",
            UserRuleKind::Occurrence => "occurrence",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    Document,
    Section,
    Paragraph,
}

/// `scope`: one name or a list of names (checked when the rule compiles, so
/// that an unknown one gets a suggestion).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeList(pub Vec<String>);

impl<'de> Deserialize<'de> for ScopeList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ScopeList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a scope name or a list of scope names")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ScopeList, E> {
                Ok(ScopeList(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ScopeList, A::Error> {
                let mut v = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    v.push(s);
                }
                Ok(ScopeList(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// The schema of `scope` (for editors).
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ScopeSchema {
    One(ScopeName),
    Many(Vec<ScopeName>),
}

#[derive(schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum ScopeName {
    Sentence,
    Paragraph,
    Heading,
    ListItem,
    TableCell,
    Faq,
    Document,
}

/// A compiled user rule with what `copydesk rules` and `explain` show of it.
pub struct UserRule {
    pub name: String,
    pub severity: Severity,
    pub summary: String,
    pub doc: String,
    pub rule: Box<dyn Rule>,
}

/// What every kind shares: where to look, what to look for, what to say.
pub struct Common {
    pub matcher: Matcher,
    pub scopes: Scopes,
    pub message: Template,
}

/// A match in a document.
#[derive(Clone, Debug)]
pub struct Hit<'d> {
    /// Index of the run in `doc.prose()`.
    pub index: usize,
    pub section: usize,
    /// Range of the run's plain text.
    pub plain: Range<usize>,
    /// The matched words in the source.
    pub span: Span,
    /// The matched words (plain text).
    pub text: &'d str,
    /// Which token, pattern or swap key matched.
    pub needle: usize,
}

/// [`Hit::index`] of matches in the title.
pub const TITLE_RUN: usize = usize::MAX;

impl Common {
    /// The document's title when headings are in scope and the title is
    /// written verbatim in the source (a Markdown title keeps no run of its
    /// own): its text and the source offset of that text.
    pub fn title<'d>(&self, doc: &'d Document) -> Option<(&'d str, usize)> {
        if !(self.scopes.heading || self.scopes.document) {
            return None;
        }
        let t = doc.title.as_ref()?;
        if t.source == crate::document::TitleSource::Metadata || t.text.is_empty() {
            return None;
        }
        let at = doc.source.slice(t.span).find(t.text.as_str())?;
        Some((t.text.as_str(), t.span.start + at))
    }

    /// Every match in scope, in document order, none touching code.
    pub fn hits<'d>(&self, doc: &'d Document) -> Vec<Hit<'d>> {
        let mut out = Vec::new();
        if let Some((text, offset)) = self.title(doc) {
            for m in self.matcher.find(text) {
                out.push(Hit {
                    index: TITLE_RUN,
                    section: 0,
                    span: Span::new(offset + m.range.start, offset + m.range.end),
                    text: &text[m.range.clone()],
                    plain: m.range,
                    needle: m.needle,
                });
            }
        }
        // Whether anything can match in a run, for runs read in parts
        // (sentences): most runs hold no match, and one search of the run
        // costs less than one per part.
        // A run's text with ASCII letters in lower case, when the literal
        // phrases are searched for in that: folded into one buffer run by
        // run (a copy of a whole long document's text, kept, would be
        // megabytes; folding costs less than searching).
        let mut folded = String::new();
        // Runs are walked directly (no list of segments): a run read in
        // sentences is screened once, and skipped whole when nothing can
        // match in it.
        for (index, run) in doc.prose().into_iter().enumerate() {
            let Some(mode) = self.scopes.mode(&run) else {
                continue;
            };
            let prose = run.prose;
            let whole = prose.text.plain.as_str();
            let folded_whole = if self.matcher.folds() {
                fold_into(whole, &mut folded);
                folded.as_str()
            } else {
                whole
            };
            let search = |plain: Range<usize>, out: &mut Vec<Hit<'d>>| {
                let text = whole.get(plain.clone()).unwrap_or("");
                let folded_text = folded_whole.get(plain.clone()).unwrap_or("");
                for m in self.matcher.find_folded(text, folded_text) {
                    let hit = plain.start + m.range.start..plain.start + m.range.end;
                    if prose.overlaps_code(&hit) {
                        continue;
                    }
                    let Some(t) = whole.get(hit.clone()) else {
                        continue;
                    };
                    out.push(Hit {
                        index,
                        section: run.section,
                        span: prose.source_span(hit.clone()),
                        plain: hit,
                        text: t,
                        needle: m.needle,
                    });
                }
            };
            match mode {
                Mode::Whole => search(0..whole.len(), &mut out),
                Mode::Sentences => {
                    let mut pass = None;
                    for s in &prose.sentences {
                        if s.plain.len() < whole.len()
                            && !*pass.get_or_insert_with(|| {
                                self.matcher.may_match_within_folded(whole, folded_whole)
                            })
                        {
                            continue;
                        }
                        search(s.plain.clone(), &mut out);
                    }
                }
            }
        }
        out
    }
}

/// Builds the error at a value's place in the file.
fn at<T>(entry: &UserRuleEntry, v: &Spanned<T>) -> Origin {
    Origin {
        file: entry.origin.file.clone(),
        span: v.span().into(),
    }
}

/// Compiles a `[[rule]]` table; errors name the file, line and column.
pub fn compile(entry: &UserRuleEntry) -> Result<UserRule, ConfigError> {
    let def = &entry.def;
    let name = def.name.get_ref().as_str();
    let kind = *def.kind.get_ref();
    let err = |o: Origin, msg: String, sug: Option<String>| {
        o.error(format!("user rule `{name}`: {msg}"), sug)
    };

    if !is_kebab_case(name) {
        return Err(at(entry, &def.name).error(
            format!("rule name `{name}` is not kebab-case (lowercase words joined by `-`)"),
            Some(kebab(name)).filter(|k| is_kebab_case(k)),
        ));
    }
    if crate::rules::builtin(name).is_some() {
        return Err(at(entry, &def.name).error(
            format!("`{name}` is the name of a built-in rule: give this rule another name (or configure the built-in one in [rules.{name}])"),
            None,
        ));
    }

    // Keys that only some kinds use.
    let misplaced = |key: &str, span: Range<usize>, kinds: &str| {
        err(
            Origin {
                file: entry.origin.file.clone(),
                span: span.into(),
            },
            format!(
                "`{key}` does not apply to {} rules (only to {kinds})",
                kind.as_str()
            ),
            None,
        )
    };
    let listed = !def.tokens.is_empty() || !def.patterns.is_empty();
    match kind {
        UserRuleKind::Existence | UserRuleKind::Occurrence => {
            if !listed {
                return Err(err(
                    at(entry, &def.kind),
                    format!(
                        "an {} rule needs `tokens` (phrases) or `patterns` (regular expressions)",
                        kind.as_str()
                    ),
                    None,
                ));
            }
            if let Some(s) = &def.swap {
                return Err(misplaced("swap", s.span(), "substitution rules"));
            }
        }
        UserRuleKind::Substitution => {
            if def.swap.as_ref().is_none_or(|s| s.get_ref().is_empty()) {
                return Err(err(
                    at(entry, &def.kind),
                    "a substitution rule needs `swap`: a table of phrase = replacement".into(),
                    None,
                ));
            }
            if let Some(t) = def.tokens.first() {
                return Err(misplaced(
                    "tokens",
                    t.span(),
                    "existence and occurrence rules; list phrases as `swap` keys",
                ));
            }
            if let Some(p) = def.patterns.first() {
                return Err(misplaced(
                    "patterns",
                    p.span(),
                    "existence and occurrence rules; list phrases as `swap` keys",
                ));
            }
        }
    }
    if kind != UserRuleKind::Existence
        && let Some(f) = &def.fix
    {
        return Err(misplaced(
            "fix",
            f.span(),
            "existence rules; a substitution's fix is its `swap` value",
        ));
    }
    if kind != UserRuleKind::Occurrence {
        for (key, span) in [
            ("max", def.max.as_ref().map(|m| m.span())),
            ("min", def.min.as_ref().map(|m| m.span())),
            ("per", def.per.as_ref().map(|m| m.span())),
        ] {
            if let Some(span) = span {
                return Err(misplaced(key, span, "occurrence rules"));
            }
        }
    } else {
        match (&def.min, &def.max) {
            (None, None) => {
                return Err(err(
                    at(entry, &def.kind),
                    "an occurrence rule needs `max` (most matches allowed) or `min` (fewest required)".into(),
                    None,
                ));
            }
            (Some(min), Some(max)) if min.get_ref() > max.get_ref() => {
                return Err(err(
                    at(entry, min),
                    format!(
                        "`min` ({}) is greater than `max` ({}): no count satisfies both",
                        min.get_ref(),
                        max.get_ref()
                    ),
                    None,
                ));
            }
            _ => {}
        }
    }

    // Where to look.
    let mut scopes = Scopes {
        include_quotes: def.include_quotes.unwrap_or(false),
        ..Scopes::default()
    };
    match &def.scope {
        None => {
            scopes.sentence = true;
        }
        Some(list) => {
            if list.get_ref().0.is_empty() {
                return Err(err(
                    at(entry, list),
                    format!("`scope` is empty (scopes: {})", scope::NAMES.join(", ")),
                    None,
                ));
            }
            for s in &list.get_ref().0 {
                if !scopes.set(s) {
                    let hint = if s == "code" {
                        " (code is never searched)"
                    } else {
                        ""
                    };
                    return Err(err(
                        at(entry, list),
                        format!(
                            "unknown scope `{s}`{hint} (scopes: {})",
                            scope::NAMES.join(", ")
                        ),
                        nearest(s, scope::NAMES.iter().copied()),
                    ));
                }
            }
        }
    }

    // What to say.
    let allowed: &[Var] = match kind {
        UserRuleKind::Existence if def.fix.is_some() => &[Var::Match, Var::Replacement],
        UserRuleKind::Existence => &[Var::Match],
        UserRuleKind::Substitution => &[Var::Match, Var::Replacement],
        UserRuleKind::Occurrence if def.min.is_some() => &[Var::Count, Var::Limit, Var::Unit],
        UserRuleKind::Occurrence => &[Var::Match, Var::Count, Var::Limit, Var::Unit],
    };
    let message = Template::parse(def.message.get_ref(), allowed).map_err(|e| {
        let o = at(entry, &def.message);
        // Point into the string when it is written without escapes.
        let text = o.file.source.text();
        let inner = o.span.start + 1;
        let verbatim = text
            .get(inner..inner + def.message.get_ref().len())
            .is_some_and(|s| s == def.message.get_ref());
        let o = if verbatim {
            Origin {
                file: o.file.clone(),
                span: Span::new(inner + e.offset, inner + e.offset),
            }
        } else {
            o
        };
        err(o, e.message, e.suggestion)
    })?;
    if def.message.get_ref().trim().is_empty() {
        return Err(err(
            at(entry, &def.message),
            "the message is empty".into(),
            None,
        ));
    }

    // What to look for.
    let mut needles = Vec::new();
    let mut places: Vec<Origin> = Vec::new();
    let mut replacements = Vec::new();
    for t in &def.tokens {
        needles.push(Needle::Literal(t.get_ref().clone()));
        places.push(at(entry, t));
    }
    for p in &def.patterns {
        needles.push(Needle::Pattern(p.get_ref().clone()));
        places.push(at(entry, p));
    }
    if let Some(swap) = &def.swap {
        for (k, v) in swap.get_ref() {
            needles.push(Needle::Literal(k.get_ref().clone()));
            places.push(at(entry, k));
            replacements.push(v.clone());
        }
    }
    for (n, o) in needles.iter().zip(&places) {
        let empty = match n {
            Needle::Literal(s) | Needle::Pattern(s) => s.trim().is_empty(),
        };
        if empty {
            return Err(err(
                o.clone(),
                "an empty phrase or pattern would match everywhere".into(),
                None,
            ));
        }
    }
    let matcher = Matcher::new(
        &needles,
        def.ignore_case.unwrap_or(true),
        def.whole_words.unwrap_or(true),
    )
    .map_err(|e| {
        let o = places
            .get(e.index)
            .cloned()
            .unwrap_or_else(|| entry.origin.clone());
        let what = match needles.get(e.index) {
            Some(Needle::Pattern(p)) => format!("invalid regex `{p}`: "),
            _ => String::new(),
        };
        err(o, format!("{what}{}", e.message), None)
    })?;

    let common = Common {
        matcher,
        scopes,
        message,
    };
    let rule: Box<dyn Rule> = match kind {
        UserRuleKind::Existence => Box::new(existence::Existence {
            common,
            fix: def.fix.as_ref().map(|f| f.get_ref().clone()),
        }),
        UserRuleKind::Substitution => Box::new(substitution::Substitution {
            common,
            replacements,
        }),
        UserRuleKind::Occurrence => Box::new(occurrence::Occurrence {
            common,
            min: def.min.as_ref().map(|m| *m.get_ref()),
            max: def.max.as_ref().map(|m| *m.get_ref()),
            per: match def.per.as_ref().map(|p| *p.get_ref()) {
                None | Some(Per::Document) => Unit::Document,
                Some(Per::Section) => Unit::Section,
                Some(Per::Paragraph) => Unit::Paragraph,
            },
        }),
    };
    let (summary, doc) = describe(entry);
    Ok(UserRule {
        name: name.to_string(),
        severity: def.severity.unwrap_or(Severity::Warning),
        summary,
        doc,
        rule,
    })
}

/// The one-line summary and the explanation `copydesk explain` prints.
fn describe(entry: &UserRuleEntry) -> (String, String) {
    let def = &entry.def;
    let phrases: Vec<String> = def
        .tokens
        .iter()
        .map(|t| quote(t.get_ref(), 60))
        .chain(def.patterns.iter().map(|p| format!("/{}/", p.get_ref())))
        .chain(def.swap.iter().flat_map(|s| {
            s.get_ref().iter().map(|(k, v)| {
                if v.is_empty() {
                    format!("{} (delete)", quote(k.get_ref(), 60))
                } else {
                    format!("{} -> {}", quote(k.get_ref(), 60), quote(v, 60))
                }
            })
        }))
        .collect();
    let first = |n: usize| {
        let mut s = phrases
            .iter()
            .take(n)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if phrases.len() > n {
            s.push_str(&format!(", and {} more", phrases.len() - n));
        }
        s
    };
    let kind = *def.kind.get_ref();
    let summary = match &def.description {
        Some(d) if !d.trim().is_empty() => d
            .trim()
            .split_inclusive(". ")
            .next()
            .unwrap_or(d)
            .trim()
            .to_string(),
        _ => match kind {
            UserRuleKind::Existence => format!("Flags {}", first(3)),
            UserRuleKind::Substitution => format!("Prefers {}", first(3)),
            UserRuleKind::Occurrence => {
                let per = def.per.as_ref().map_or(Per::Document, |p| *p.get_ref());
                let unit = match per {
                    Per::Document => "document",
                    Per::Section => "section",
                    Per::Paragraph => "paragraph",
                };
                let bounds = match (&def.min, &def.max) {
                    (Some(a), Some(b)) => format!("{} to {}", a.get_ref(), b.get_ref()),
                    (Some(a), None) => format!("at least {}", a.get_ref()),
                    (None, Some(b)) => format!("at most {}", b.get_ref()),
                    (None, None) => String::new(),
                };
                format!("Expects {bounds} of {} per {unit}", first(3))
            }
        },
    };
    let origin = crate::check::describe_origin(&entry.origin);
    let mut doc = String::new();
    // The description less its first sentence, which is the summary.
    if let Some(d) = &def.description {
        let rest = d.trim().strip_prefix(summary.as_str()).unwrap_or(d).trim();
        if !rest.is_empty() {
            doc.push_str(rest);
            doc.push_str("\n\n");
        }
    }
    doc.push_str(&format!(
        "A user-written {} rule, defined at {origin}.\n\n## Matches\n\n{}\n\nMessage: {}\n",
        kind.as_str(),
        phrases
            .iter()
            .map(|p| format!("- {p}"))
            .collect::<Vec<_>>()
            .join("\n"),
        def.message.get_ref()
    ));
    if let Some(f) = &def.fix {
        if f.get_ref().is_empty() {
            doc.push_str("Fix: delete the words.\n");
        } else {
            doc.push_str(&format!("Fix: replace with {}.\n", quote(f.get_ref(), 60)));
        }
    }
    (summary, doc)
}

fn is_kebab_case(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A kebab-case spelling of a name (`NoUtilize`, `no_utilize` -> `no-utilize`).
fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_names() {
        assert!(is_kebab_case("no-utilize2"));
        assert!(!is_kebab_case("No_utilize"));
        assert!(!is_kebab_case("a--b"));
        assert_eq!(kebab("NoUtilize"), "no-utilize");
        assert_eq!(kebab("no_utilize "), "no-utilize");
    }
}
