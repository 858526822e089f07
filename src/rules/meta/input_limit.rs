//! `input-limit`: places where the parser hit one of its limits and could not
//! keep the document as written.

use crate::config::BuildContext;
use crate::declare_rule;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Context, NoOptions, OptionError, Rule, parse_options};

declare_rule! {
    /// ## What it does
    /// Reports each place where copydesk could not read the document as
    /// written because it hit one of its input limits, such as lists or
    /// quotes nested deeper than `max-nesting` (64 levels by default).
    ///
    /// ## Why
    /// Past a limit copydesk keeps reading, but simplifies: containers nested
    /// too deep are flattened into the deepest one kept, so the outline and
    /// the findings of structure rules there describe the flattened text, not
    /// what you wrote. Nesting that deep is almost always a mistake (a stray
    /// `>` or indentation run amok) or machine-made input.
    ///
    /// ## How to fix
    /// Flatten the nesting in the document, or, if it is intended, raise the
    /// limit in `copydesk.toml`:
    ///
    /// ```toml
    /// [input]
    /// max-nesting = 128
    /// ```
    ///
    /// ## Options
    /// None. The limits themselves are set in the `[input]` table.
    ///
    /// ## Example
    /// A quote nested 100 levels deep (`> > > > ...`) is reported once, at
    /// the first container past the limit.
    #[derive(Debug, Default)]
    pub struct InputLimit;
}

/// The rule has no options ([`NoOptions`]).
pub fn build(options: &toml::Table, _ctx: &BuildContext) -> Result<Box<dyn Rule>, OptionError> {
    parse_options::<NoOptions>(options)?;
    Ok(Box::new(InputLimit))
}

impl Rule for InputLimit {
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for note in &doc.notes {
            out.push(ctx.finding(note.span, note.message.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::finding::Severity;
    use crate::parse::{ParseOptions, parse_with};
    use crate::source::Source;

    fn run(text: &str, max_nesting: usize) -> Vec<Finding> {
        let doc = parse_with(
            "t.md",
            Source::new(text.to_string()),
            Format::Markdown,
            &ParseOptions { max_nesting },
        );
        let ctx = Context {
            name: "input-limit",
            severity: Severity::Warning,
        };
        let mut out = Vec::new();
        InputLimit.check(&doc, &ctx, &mut out);
        out
    }

    #[test]
    fn reports_nesting_past_the_limit_once_at_its_place() {
        let text = format!("Intro.\n\n{}deep\n", "> ".repeat(10));
        let found = run(&text, 4);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.rule, "input-limit");
        assert!(f.message.contains("max-nesting"), "{}", f.message);
        assert!(f.span.start >= "Intro.\n\n".len() && f.span.end <= text.len());
    }

    #[test]
    fn says_nothing_within_the_limit() {
        let text = format!("{}deep\n", "> ".repeat(3));
        assert!(run(&text, 4).is_empty());
        assert!(run("plain paragraph\n", 64).is_empty());
    }
}
