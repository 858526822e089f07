//! Which heading of a document is which section of a profile.
//!
//! Headings are compared in a normalised form ([`normalise`]): lower case,
//! numbering ("2.", "2.1", "II.", "A)"), "(Optional)" markers and punctuation
//! removed, so "2. Background", "BACKGROUND" and "Background (optional)" all
//! read `background`. A section is then matched, best first, by:
//!
//! 1. its name or an alias, exactly;
//! 2. one of its patterns;
//! 3. a heading that joins several sections ("Drawbacks and alternatives"),
//!    which then counts for each of them;
//! 4. a heading that starts with its name ("Background and context",
//!    "Alternatives considered");
//! 5. a heading that ends with it after a word or two ("Potential
//!    drawbacks"; not after a negation: "Non-goals" is not "Goals").
//!
//! Matching works down the profile's tree: the top-level sections are looked
//! for among the top-level headings first, then anywhere; a sub-section among
//! the direct sub-headings of its parent's heading first, then deeper inside
//! it, then (by name or pattern only) anywhere else, where it counts as
//! present but misplaced. Loose matches (4 and 5) are only tried among the
//! direct sub-headings, and not for sections that say `loose = false`. Each heading counts for one section (except joined
//! headings), and a stronger kind of match is settled, for every section of a
//! level, before a weaker one is tried, so a loose match never takes a heading
//! that names another section exactly.

use crate::document::{Block, Document, SectionId};
use crate::source::Span;

use super::profile::{Profile, SectionKind};

/// A heading's text in the form headings are compared in: lower case,
/// leading numbering, "(Optional)" markers and punctuation removed, words
/// separated by single spaces, `&` read as "and".
pub fn normalise(text: &str) -> String {
    let text = strip_markers(text);
    let text = strip_numbering(text.trim());
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c == '&' {
            out.push_str(if out.is_empty() { "and" } else { " and" });
            pending_space = true;
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    // "Drawbacks - optional"
    if let Some(rest) = out.strip_suffix(" optional") {
        out.truncate(rest.len());
    }
    out
}

/// Whether a heading says it is optional: "(Optional)", "[optional]", or a
/// trailing "optional".
pub fn marked_optional(text: &str) -> bool {
    let lower = text.to_lowercase();
    bracketed(&lower).any(|(inner, _)| inner.contains("optional"))
        || lower
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .ends_with(" optional")
}

/// A heading's text without "(Optional)"-style markers and trailing
/// punctuation: the name a template heading gives its section.
pub fn display_name(text: &str) -> String {
    let t = strip_markers(text);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_end_matches([':', '-', '\u{2013}', '\u{2014}', ' '])
        .to_string()
}

/// Parenthesised or bracketed groups: (inner text, byte range of the group).
fn bracketed(text: &str) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        loop {
            let rest = text.get(pos..)?;
            let i = rest.find(['(', '['])?;
            let open = pos + i;
            let close_char = if text[open..].starts_with('(') {
                ')'
            } else {
                ']'
            };
            match text[open + 1..].find(close_char) {
                Some(j) => {
                    let close = open + 1 + j;
                    pos = close + 1;
                    return Some((&text[open + 1..close], open..close + 1));
                }
                None => pos = open + 1,
            }
        }
    })
}

/// Removes bracketed markers that say whether a section is needed:
/// "(Optional)", "[required]", "(recommended)", "(if applicable)".
fn strip_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (inner, range) in bracketed(text) {
        let inner = inner.to_lowercase();
        let marker = ["optional", "required", "recommended", "if applicable"]
            .iter()
            .any(|m| inner.contains(m));
        if marker {
            out.push_str(&text[last..range.start]);
            last = range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Removes leading numbering: "2.", "2.1", "2.1.3", "(2)", "2)", "II.",
/// "A.", "Section 2:", "Part II -".
fn strip_numbering(text: &str) -> &str {
    let mut t = text;
    for _ in 0..2 {
        let (first, rest) = match t.split_once(char::is_whitespace) {
            Some((f, r)) => (f, r.trim_start()),
            None => return t,
        };
        if rest.is_empty() {
            return t;
        }
        let lower = first.to_lowercase();
        if matches!(
            lower.as_str(),
            "section" | "part" | "chapter" | "step" | "§"
        ) {
            // "Section 2: Background"
            let (num, after) = match rest.split_once(char::is_whitespace) {
                Some((n, a)) => (n, a.trim_start()),
                None => return t,
            };
            if is_number_token(num, true) && !after.is_empty() {
                t = after.trim_start_matches(['-', '\u{2013}', '\u{2014}', ':', ' ']);
                continue;
            }
            return t;
        }
        if is_number_token(first, false) {
            t = rest.trim_start_matches(['-', '\u{2013}', '\u{2014}', ':', ' ']);
            if t.is_empty() {
                return text;
            }
            continue;
        }
        return t;
    }
    t
}

/// Whether a word is a section number: `2.`, `2.1`, `(2)`, `2)`, `2:`,
/// roman numerals or a single letter followed by `.`, `)` or `:`, or (after
/// "Section") any of those bare.
fn is_number_token(word: &str, bare_ok: bool) -> bool {
    let w = word.strip_prefix('(').unwrap_or(word);
    let (body, punct) = match w.strip_suffix(['.', ')', ':']) {
        Some(b) => (b, true),
        None => (w, false),
    };
    if body.is_empty() {
        return false;
    }
    // 2, 2.1, 2.1.3, 2.1.
    let digits = body
        .split('.')
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    if digits {
        return punct || body.contains('.') || bare_ok || body.len() <= 2;
    }
    if !(punct || bare_ok) {
        return false;
    }
    let lower = body.to_ascii_lowercase();
    let roman = lower.len() <= 6 && lower.bytes().all(|b| b"ivxlc".contains(&b));
    let letter = body.chars().count() == 1 && body.chars().all(|c| c.is_ascii_alphabetic());
    roman || letter
}

/// How a heading was matched to a section, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    /// Name or alias, exactly (after normalising).
    Exact,
    /// One of the section's patterns.
    Pattern,
    /// A heading joining several sections.
    Joined,
    /// A heading starting with the name.
    Prefix,
    /// A heading ending with the name.
    Suffix,
}

const TIERS: [How; 5] = [
    How::Exact,
    How::Pattern,
    How::Joined,
    How::Prefix,
    How::Suffix,
];

/// Most words a heading may add after a section's name for a prefix match.
const PREFIX_EXTRA_WORDS: usize = 6;
/// Most words a heading may put before a section's name for a suffix match.
const SUFFIX_EXTRA_WORDS: usize = 2;

/// Where a profile's section was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// The matched section (`None` for the title and an introduction without
    /// a heading).
    pub section: Option<SectionId>,
    /// The heading, the title, or the introduction's first block.
    pub span: Span,
    pub how: How,
    /// Found outside the section it belongs under.
    pub misplaced: bool,
}

/// The outcome of matching a document against a profile.
#[derive(Clone, Debug, Default)]
pub struct Matches {
    /// For each section of the profile, where it was found.
    pub found: Vec<Option<Found>>,
    /// For each section of the document, the profile section it was matched
    /// to (the first, for a joined heading).
    pub spec_of: Vec<Option<usize>>,
    /// For each section of the profile, the sections of the document it
    /// spans: where it was found, and sibling headings that name it too (a
    /// "Design Details" split into "Design Details: API" and "Design
    /// Details: Controller"). Its sub-sections may be under any of them.
    pub places: Vec<Vec<SectionId>>,
}

impl Matches {
    /// Whether profile section `i` was found.
    pub fn has(&self, i: usize) -> bool {
        self.found.get(i).is_some_and(Option::is_some)
    }

    /// Whether document section `id` is inside one of the places profile
    /// section `i` was found at.
    pub fn inside(&self, doc: &Document, i: usize, id: SectionId) -> bool {
        self.places.get(i).is_some_and(|ps| {
            ps.iter()
                .any(|&p| p != id && doc.sections[p].span.contains(doc.sections[id].span))
        })
    }
}

/// Whether a block is content (not an HTML comment, not a thematic break).
pub fn is_content(doc: &Document, b: &Block) -> bool {
    match b {
        Block::Html(h) => !comment_only(doc.source.slice(h.span)),
        Block::ThematicBreak(_) => false,
        _ => true,
    }
}

/// Whether HTML is nothing but comments and white space.
pub fn comment_only(html: &str) -> bool {
    let mut rest = html.trim();
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix("<!--") else {
            return false;
        };
        match after.find("-->") {
            Some(i) => rest = after[i + 3..].trim_start(),
            None => return true,
        }
    }
    true
}

/// Matches a document's headings (and title and introduction) to a
/// profile's sections.
pub fn match_document(profile: &Profile, doc: &Document) -> Matches {
    let m = Matcher::new(profile, doc);
    m.run()
}

struct Matcher<'a> {
    profile: &'a Profile,
    doc: &'a Document,
    /// Normalised heading text per section (empty for the root).
    keys: Vec<String>,
    /// Last id of each section's subtree.
    subtree_end: Vec<SectionId>,
    claimed: Vec<bool>,
    out: Matches,
}

impl<'a> Matcher<'a> {
    fn new(profile: &'a Profile, doc: &'a Document) -> Matcher<'a> {
        let n = doc.sections.len();
        let keys = doc
            .sections
            .iter()
            .map(|s| {
                s.heading
                    .as_ref()
                    .map_or(String::new(), |h| normalise(h.text()))
            })
            .collect();
        let mut subtree_end: Vec<SectionId> = (0..n).collect();
        for id in (1..n).rev() {
            if let Some(p) = doc.sections[id].parent {
                subtree_end[p] = subtree_end[p].max(subtree_end[id]);
            }
        }
        let mut claimed = vec![false; n];
        if let Some(c) = claimed.first_mut() {
            *c = true;
        }
        Matcher {
            profile,
            doc,
            keys,
            subtree_end,
            claimed,
            out: Matches {
                found: vec![None; profile.sections.len()],
                spec_of: vec![None; n],
                places: vec![Vec::new(); profile.sections.len()],
            },
        }
    }

    fn run(mut self) -> Matches {
        // The title and the introduction first: an introduction may be a
        // heading, which no other section should take.
        for (i, e) in self.profile.sections.iter().enumerate() {
            match e.kind {
                SectionKind::Title => {
                    self.out.found[i] = self.doc.title.as_ref().map(|t| Found {
                        section: None,
                        span: t.span,
                        how: How::Exact,
                        misplaced: false,
                    });
                }
                SectionKind::Introduction => self.introduction(i),
                SectionKind::Heading => {}
            }
        }
        let roots: Vec<usize> = self.profile.roots().collect();
        self.group(&roots, &[0]);
        self.out
    }

    fn introduction(&mut self, i: usize) {
        let root = &self.doc.sections[0];
        if let Some(b) = root.blocks.iter().find(|b| is_content(self.doc, b)) {
            self.out.found[i] = Some(Found {
                section: None,
                span: b.span(),
                how: How::Exact,
                misplaced: false,
            });
            return;
        }
        // Or a first heading named like it ("Introduction", "Overview").
        if let Some(&first) = root.children.first()
            && self.profile.sections[i].keys.contains(&self.keys[first])
        {
            self.claim(i, first, How::Exact, false);
        }
    }

    fn claim(&mut self, spec: usize, section: SectionId, how: How, misplaced: bool) {
        let span = self.doc.sections[section]
            .heading
            .as_ref()
            .map_or(self.doc.sections[section].span, |h| h.span);
        self.out.found[spec] = Some(Found {
            section: Some(section),
            span,
            how,
            misplaced,
        });
        self.claimed[section] = true;
        if self.out.spec_of[section].is_none() {
            self.out.spec_of[section] = Some(spec);
        }
    }

    /// Matches a group of sibling sections: `anchors` are the sections
    /// their parent was found at (the root for top-level sections), empty
    /// when their parent is missing.
    fn group(&mut self, group: &[usize], anchors: &[SectionId]) {
        let group: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| self.profile.sections[i].kind == SectionKind::Heading)
            .collect();
        let all: Vec<SectionId> = (1..self.doc.sections.len()).collect();
        if anchors.is_empty() {
            for tier in [How::Exact, How::Pattern] {
                self.assign(&group, &all, tier, true);
            }
        } else {
            let mut direct: Vec<SectionId> = Vec::new();
            let mut deep: Vec<SectionId> = Vec::new();
            for &a in anchors {
                direct.extend(&self.doc.sections[a].children);
                deep.extend(
                    (a + 1..=self.subtree_end[a])
                        .filter(|&s| self.doc.sections[s].parent != Some(a)),
                );
            }
            direct.sort_unstable();
            deep.sort_unstable();
            // Loose matches (a heading starting or ending with the name)
            // only among the direct sub-headings.
            for tier in TIERS {
                self.assign(&group, &direct, tier, false);
            }
            for tier in [How::Exact, How::Pattern, How::Joined] {
                self.assign(&group, &deep, tier, false);
            }
            if anchors != [0] {
                // Elsewhere in the document: present, but misplaced.
                for tier in [How::Exact, How::Pattern] {
                    self.assign(&group, &all, tier, true);
                }
            }
        }
        for &i in &group {
            self.places(i);
        }
        for &i in &group {
            let children = self.profile.sections[i].children.clone();
            if children.is_empty() {
                continue;
            }
            let places = self.out.places[i].clone();
            self.group(&children, &places);
        }
    }

    /// Where section `i` was found, and the unclaimed sibling headings that
    /// name it too.
    fn places(&mut self, i: usize) {
        let Some(at) = self.out.found[i].and_then(|f| f.section) else {
            return;
        };
        let mut places = vec![at];
        if let Some(p) = self.doc.sections[at].parent {
            for &s in &self.doc.sections[p].children {
                if s != at
                    && !self.claimed[s]
                    && [How::Exact, How::Pattern, How::Prefix, How::Suffix]
                        .iter()
                        .any(|&t| self.matches(i, s, t))
                {
                    places.push(s);
                    if self.out.spec_of[s].is_none() {
                        self.out.spec_of[s] = Some(i);
                    }
                }
            }
        }
        self.out.places[i] = places;
    }

    fn assign(&mut self, group: &[usize], candidates: &[SectionId], tier: How, misplaced: bool) {
        if tier == How::Joined {
            for &h in candidates {
                if self.claimed[h] {
                    continue;
                }
                if let Some(specs) = self.joined(group, h) {
                    for s in specs {
                        self.claim(s, h, How::Joined, misplaced);
                    }
                }
            }
            return;
        }
        for &i in group {
            if self.out.found[i].is_some() {
                continue;
            }
            let hit = candidates
                .iter()
                .copied()
                .find(|&h| !self.claimed[h] && self.matches(i, h, tier));
            if let Some(h) = hit {
                self.claim(i, h, tier, misplaced);
            }
        }
    }

    fn matches(&self, spec: usize, h: SectionId, tier: How) -> bool {
        let e = &self.profile.sections[spec];
        let key = &self.keys[h];
        if key.is_empty() {
            return false;
        }
        match tier {
            How::Exact => e.keys.iter().any(|k| k == key),
            How::Pattern => {
                let raw = self.doc.sections[h]
                    .heading
                    .as_ref()
                    .map_or("", |x| x.text())
                    .trim();
                e.patterns
                    .iter()
                    .any(|p| p.is_match(raw) || p.is_match(key))
            }
            How::Joined => false,
            How::Prefix | How::Suffix if !e.loose => false,
            How::Prefix => e.keys.iter().any(|k| {
                !k.is_empty()
                    && key.len() > k.len()
                    && key.starts_with(k.as_str())
                    && key.as_bytes()[k.len()] == b' '
                    && words(key) - words(k) <= PREFIX_EXTRA_WORDS
            }),
            How::Suffix => e.keys.iter().any(|k| {
                if k.is_empty() || key.len() <= k.len() || !key.ends_with(k.as_str()) {
                    return false;
                }
                let head = &key[..key.len() - k.len()];
                let Some(head) = head.strip_suffix(' ') else {
                    return false;
                };
                let first = head.split(' ').next().unwrap_or("");
                words(head) <= SUFFIX_EXTRA_WORDS
                    && !matches!(first, "non" | "no" | "not" | "anti" | "un" | "without")
            }),
        }
    }

    /// The sections a heading joins ("Drawbacks and alternatives"): every
    /// part must name a different section of the group not yet found.
    fn joined(&self, group: &[usize], h: SectionId) -> Option<Vec<usize>> {
        let raw = self.doc.sections[h].heading.as_ref()?.text();
        let mut parts: Vec<String> = Vec::new();
        for piece in raw.split(['/', ',', ';', '+']) {
            let k = normalise(piece);
            for part in k.split(" and ") {
                let part = part.strip_prefix("and ").unwrap_or(part).trim();
                if !part.is_empty() {
                    parts.push(part.to_string());
                }
            }
        }
        if parts.len() < 2 {
            return None;
        }
        let mut specs: Vec<usize> = Vec::new();
        for p in &parts {
            let s = group.iter().copied().find(|&i| {
                self.out.found[i].is_none()
                    && !specs.contains(&i)
                    && self.profile.sections[i].keys.iter().any(|k| k == p)
            })?;
            specs.push(s);
        }
        Some(specs)
    }
}

fn words(s: &str) -> usize {
    s.split(' ').filter(|w| !w.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_ignores_case_punctuation_numbering_and_markers() {
        assert_eq!(normalise("2. Background"), "background");
        assert_eq!(normalise("BACKGROUND"), "background");
        assert_eq!(normalise("2.1 Background"), "background");
        assert_eq!(normalise("II. Background"), "background");
        assert_eq!(normalise("A) Background"), "background");
        assert_eq!(normalise("(3) Background:"), "background");
        assert_eq!(normalise("Section 4: Background"), "background");
        assert_eq!(normalise("User Stories (Optional)"), "user stories");
        assert_eq!(normalise("Drawbacks [optional]"), "drawbacks");
        assert_eq!(normalise("Drawbacks - Optional"), "drawbacks");
        assert_eq!(normalise("Non-Goals"), "non goals");
        assert_eq!(
            normalise("Upgrade / Downgrade Strategy"),
            "upgrade downgrade strategy"
        );
        assert_eq!(normalise("Q&A"), "q and a");
        assert_eq!(normalise("What's next?"), "whats next");
        assert_eq!(
            normalise("Guide-level explanation"),
            "guide level explanation"
        );
        // Not numbering: a word, a year, a lone number.
        assert_eq!(normalise("A new hope"), "a new hope");
        assert_eq!(normalise("2019 in review"), "2019 in review");
        assert_eq!(normalise("1984"), "1984");
        assert_eq!(normalise("I want this"), "i want this");
        assert_eq!(normalise("e2e tests"), "e2e tests");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("Études (optional)"), "études");
        // Odd input does not panic.
        for t in [
            "(((",
            "[",
            "İ(Optional)",
            "1.",
            "§ 2",
            "🤝 Alliances",
            "(",
            "a (b",
            "II.",
            "- -",
        ] {
            let _ = normalise(t);
            let _ = display_name(t);
            let _ = marked_optional(t);
        }
        assert_eq!(normalise("🤝 Strategic Alliances"), "strategic alliances");
    }

    #[test]
    fn optional_markers_and_display_names() {
        assert!(marked_optional("User Stories (Optional)"));
        assert!(marked_optional("Drawbacks [optional]"));
        assert!(marked_optional("Story 1 (optional, for large changes)"));
        assert!(!marked_optional("Optional chaining"));
        assert_eq!(display_name("User Stories (Optional)"), "User Stories");
        assert_eq!(
            display_name("Notes/Constraints/Caveats (Optional)"),
            "Notes/Constraints/Caveats"
        );
    }

    use crate::rules::structure::profile::{SectionSpec, StructureConfig};

    fn profile(specs: &[(&str, Option<&str>, &[&str])]) -> Profile {
        let sections = specs
            .iter()
            .map(|(name, parent, aliases)| SectionSpec {
                name: name.to_string(),
                parent: parent.map(str::to_string),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                ..SectionSpec::default()
            })
            .collect();
        let config = StructureConfig {
            sections: Some(sections),
            ..StructureConfig::default()
        };
        Profile::compile(&config, std::path::Path::new("")).unwrap()
    }

    /// For each profile section, the text of the heading it matched.
    fn matched(p: &Profile, md: &str) -> Vec<Option<String>> {
        let doc = crate::parse::parse(
            "t.md",
            crate::source::Source::new(md.to_string()),
            crate::document::Format::Markdown,
        );
        let m = match_document(p, &doc);
        m.found
            .iter()
            .map(|f| {
                f.and_then(|f| f.section)
                    .and_then(|id| doc.sections[id].heading.as_ref())
                    .map(|h| h.text().to_string())
            })
            .collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn exact_names_win_over_loose_matches_and_negations_do_not_match() {
        let p = profile(&[("Goals", None, &[]), ("Non-Goals", None, &[])]);
        assert_eq!(
            matched(&p, "## Non-Goals\n\nx\n"),
            [None, some("Non-Goals")]
        );
        assert_eq!(
            matched(&p, "## Goals of the design\n\nx\n\n## Non Goals\n\nx\n"),
            [some("Goals of the design"), some("Non Goals")]
        );
    }

    #[test]
    fn a_heading_joining_two_sections_counts_for_both() {
        let p = profile(&[
            ("Drawbacks", None, &[]),
            ("Rationale and alternatives", None, &["Alternatives"]),
        ]);
        assert_eq!(
            matched(&p, "## Drawbacks and Alternatives\n\nx\n"),
            [
                some("Drawbacks and Alternatives"),
                some("Drawbacks and Alternatives")
            ]
        );
        // A name containing "and" is one section, not two.
        assert_eq!(
            matched(&p, "## Rationale and alternatives\n\nx\n"),
            [None, some("Rationale and alternatives")]
        );
    }

    #[test]
    fn sub_sections_are_found_under_their_parent_first() {
        let p = profile(&[("Design", None, &[]), ("Risks", Some("Design"), &[])]);
        let md = "## Risks\n\nx\n\n## Design\n\nx\n\n### Risks\n\ny\n";
        let doc = crate::parse::parse(
            "t.md",
            crate::source::Source::new(md.to_string()),
            crate::document::Format::Markdown,
        );
        let m = match_document(&p, &doc);
        let f = m.found[1].unwrap();
        assert!(!f.misplaced);
        assert_eq!(doc.sections[f.section.unwrap()].level, 3);
        // Only elsewhere: found, but misplaced.
        let doc = crate::parse::parse(
            "t.md",
            crate::source::Source::new("## Risks\n\nx\n\n## Design\n\nx\n".to_string()),
            crate::document::Format::Markdown,
        );
        let m = match_document(&p, &doc);
        assert!(m.found[1].unwrap().misplaced);
    }

    #[test]
    fn loose_false_keeps_common_words_from_matching() {
        let mut p = profile(&[("Sources", None, &[])]);
        assert_eq!(
            matched(&p, "## Energy sources\n\nx\n"),
            [some("Energy sources")]
        );
        p.sections[0].loose = false;
        assert_eq!(matched(&p, "## Energy sources\n\nx\n"), [None]);
        assert_eq!(matched(&p, "## 3. SOURCES\n\nx\n"), [some("3. SOURCES")]);
    }

    #[test]
    fn comments_are_not_content() {
        assert!(comment_only("<!-- a -->\n<!--\nb\n-->\n"));
        assert!(comment_only("<!-- unterminated"));
        assert!(!comment_only("<!-- a --><img src=x>"));
        assert!(!comment_only("<details>"));
    }
}
