//! Generic section vocabularies: the section names of public templates (the
//! Kubernetes KEP template, the Rust RFC template), names that open or close
//! an article anywhere (Introduction, Conclusion, References, FAQ, ...), and
//! lines that are never headings (short answers, captions).
//!
//! Names are matched after [`normalize`]: lower case, single spaces, without
//! `(optional)` / `[optional]` and trailing punctuation.

/// Normalises a candidate heading into `buf` (cleared first): lower case,
/// runs of white space as one space, `(optional)` and `[optional]` dropped,
/// trailing `:` / `.` / `?` dropped, `&` read as `and`. Only the first `max`
/// bytes or so are kept.
pub(super) fn normalize_prefix(t: &str, buf: &mut String, max: usize) {
    buf.clear();
    let mut space = false;
    for c in t.chars() {
        if buf.len() >= max {
            break;
        }
        if c.is_whitespace() {
            space = !buf.is_empty();
            continue;
        }
        if space {
            buf.push(' ');
            space = false;
        }
        match c {
            'A'..='Z' => buf.push(c.to_ascii_lowercase()),
            c if c.is_ascii() && c != '&' => buf.push(c),
            '&' => buf.push_str("and"),
            '’' => buf.push('\''),
            c => buf.extend(c.to_lowercase()),
        }
    }
    for suffix in ["(optional)", "[optional]"] {
        if let Some(s) = buf.strip_suffix(suffix) {
            let n = s.trim_end().len();
            buf.truncate(n);
        }
    }
    while buf.ends_with([':', '.', '?', '!', ' ']) {
        buf.pop();
    }
}

/// [`normalize_prefix`] of the first 160 bytes, more than any name or
/// table-of-contents entry has.
pub(super) fn normalize(t: &str, buf: &mut String) {
    normalize_prefix(t, buf, 160);
}

/// Longer than any name in these vocabularies.
pub(super) const NAME_MAX: usize = 64;

/// KEP template sections and their levels (the title is level 1).
const KEP: &[(&str, u8)] = &[
    ("table of contents", 2),
    ("release signoff checklist", 2),
    ("summary", 2),
    ("motivation", 2),
    ("goals", 3),
    ("non-goals", 3),
    ("proposal", 2),
    ("user stories", 3),
    ("notes/constraints/caveats", 3),
    ("implementation details/notes/constraints", 3),
    ("risks and mitigations", 3),
    ("design details", 2),
    ("test plan", 3),
    ("prerequisite testing updates", 4),
    ("unit tests", 4),
    ("integration tests", 4),
    ("e2e tests", 4),
    ("graduation criteria", 3),
    ("alpha", 4),
    ("beta", 4),
    ("ga", 4),
    ("stable", 4),
    ("alpha -> beta graduation", 4),
    ("beta -> ga graduation", 4),
    ("deprecation", 4),
    ("upgrade / downgrade strategy", 3),
    ("version skew strategy", 3),
    ("production readiness review questionnaire", 2),
    ("feature enablement and rollback", 3),
    ("rollout, upgrade and rollback planning", 3),
    ("monitoring requirements", 3),
    ("dependencies", 3),
    ("scalability", 3),
    ("troubleshooting", 3),
    ("implementation history", 2),
    ("drawbacks", 2),
    ("alternatives", 2),
    ("infrastructure needed", 2),
];

/// Names only a KEP uses: three of them make a document a KEP.
const KEP_SIGNATURE: &[&str] = &[
    "release signoff checklist",
    "non-goals",
    "user stories",
    "notes/constraints/caveats",
    "risks and mitigations",
    "design details",
    "test plan",
    "graduation criteria",
    "upgrade / downgrade strategy",
    "version skew strategy",
    "production readiness review questionnaire",
    "feature enablement and rollback",
    "implementation history",
    "infrastructure needed",
];

/// Rust RFC template sections (all level 2).
const RFC: &[&str] = &[
    "summary",
    "motivation",
    "guide-level explanation",
    "reference-level explanation",
    "guide-level and reference-level explanation",
    "detailed design",
    "design",
    "drawbacks",
    "rationale and alternatives",
    "alternatives",
    "prior art",
    "unresolved questions",
    "future possibilities",
    "future work",
    "how we teach this",
    "how do we teach this",
    "appendix",
    "faq",
    "frequently asked questions",
    "references",
];

const RFC_SIGNATURE: &[&str] = &[
    "guide-level explanation",
    "reference-level explanation",
    "guide-level and reference-level explanation",
    "detailed design",
    "rationale and alternatives",
    "prior art",
    "unresolved questions",
    "future possibilities",
    "how we teach this",
    "how do we teach this",
];

/// A template a document follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Template {
    Kep,
    Rfc,
}

impl Template {
    /// The level a normalised name has in this template.
    pub fn level(self, name: &str) -> Option<u8> {
        match self {
            Template::Kep => KEP
                .iter()
                .find(|(n, _)| *n == name)
                .map(|&(_, l)| l)
                .or_else(|| {
                    // `Story 1`, `Story 2`, ...
                    let rest = name.strip_prefix("story ")?;
                    (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then_some(4)
                }),
            Template::Rfc => RFC.contains(&name).then_some(2),
        }
    }

    /// Whether a normalised name is distinctive of this template.
    pub fn signature(self, name: &str) -> bool {
        match self {
            Template::Kep => KEP_SIGNATURE.contains(&name),
            Template::Rfc => RFC_SIGNATURE.contains(&name),
        }
    }
}

/// Names that open or close an article, or frame it: top-level sections
/// wherever they appear.
const TOP: &[&str] = &[
    "introduction",
    "overview",
    "background",
    "abstract",
    "summary",
    "tl;dr",
    "tldr",
    "contents",
    "table of contents",
    "on this page",
    "in this article",
    "conclusion",
    "conclusions",
    "concluding remarks",
    "final thoughts",
    "wrapping up",
    "in closing",
    "key takeaways",
    "takeaways",
    "references",
    "bibliography",
    "sources",
    "notes",
    "footnotes",
    "see also",
    "further reading",
    "related",
    "related reading",
    "related articles",
    "resources",
    "additional resources",
    "learn more",
    "next steps",
    "what's next",
    "what next",
    "what comes next",
    "looking ahead",
    "get involved",
    "getting involved",
    "how to get involved",
    "how you can help",
    "how to help",
    "get in touch",
    "contact",
    "contact us",
    "acknowledgements",
    "acknowledgments",
    "thanks",
    "credits",
    "about the author",
    "about the authors",
    "appendix",
    "appendices",
    "glossary",
    "faq",
    "faqs",
    "frequently asked questions",
    "questions and answers",
    // Policy and report templates.
    "purpose",
    "scope",
    "definitions",
    "roles and responsibilities",
    "responsibilities",
    "procedures",
    "compliance",
    "enforcement",
    "exceptions",
    "revision history",
    "related policies",
    "effective date",
    "methodology",
    "findings",
    "recommendations",
    "limitations",
];

pub(super) fn is_top(name: &str) -> bool {
    TOP.contains(&name)
        || name.starts_with("appendix ")
        || name.starts_with("contributors to ")
        || name.starts_with("acknowledg")
}

pub(super) fn is_faq(name: &str) -> bool {
    matches!(
        name,
        "faq"
            | "faqs"
            | "frequently asked questions"
            | "questions and answers"
            | "q&a"
            | "qanda"
            | "common questions"
    )
}

/// Lines that answer a question: never headings.
pub(super) fn is_answer(name: &str) -> bool {
    matches!(
        name,
        "yes"
            | "no"
            | "n/a"
            | "na"
            | "none"
            | "tbd"
            | "todo"
            | "unknown"
            | "nothing"
            | "not applicable"
            | "not yet"
            | "same as above"
            | "see above"
            | "see below"
            | "no changes"
    )
}

/// Captions and credits under images: never headings.
pub(super) fn is_caption(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "fig.",
        "fig ",
        "figure ",
        "photo:",
        "photo by",
        "photo credit",
        "photograph",
        "image:",
        "image by",
        "image courtesy",
        "image credit",
        "image source",
        "source:",
        "credit:",
        "credits:",
        "screenshot",
        "illustration:",
        "illustration by",
        "caption:",
        "via ",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        let mut b = String::new();
        normalize("  User Stories   (Optional) ", &mut b);
        assert_eq!(b, "user stories");
        normalize("Drawbacks [optional]", &mut b);
        assert_eq!(b, "drawbacks");
        normalize("Q&A:", &mut b);
        assert_eq!(b, "qanda");
        assert_eq!(Template::Kep.level("story 2"), Some(4));
        assert_eq!(Template::Kep.level("story"), None);
    }
}
