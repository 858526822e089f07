//! copydesk: a copy desk at machine speed.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! ```text
//! input     find files, read bytes                    (input.rs)
//! source    decode, line index, spans                 (source.rs)
//! parse     Markdown and plain text -> Document       (parse/)
//! document  the outline model                         (document.rs)
//! outline   the outline as JSON and Markdown          (outline.rs)
//! rules     checks over the Document -> Findings      (rules/, finding.rs)
//! config    copydesk.toml, profiles, layering         (config/)
//! check     the engine: rules in parallel, suppress   (check.rs, suppress.rs)
//! report    terminal, JSON, Markdown, SARIF, GitHub   (report/)
//! ```
//!
//! ```
//! use copydesk::{document::Format, parse, source::Source};
//!
//! let text = "Title\n\nSummary\nThe U.S. economy grew 3% in 2019.\n";
//! let doc = parse::parse("memo.txt", Source::new(text.to_string()), Format::Text);
//! assert_eq!(doc.title_text(), Some("Title"));
//! ```

mod chars;
pub mod check;
pub mod cli;
pub mod config;
pub mod document;
pub mod finding;
pub mod input;
pub mod malloc;
pub mod outline;
pub mod parse;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;

#[cfg(test)]
mod test_support;
