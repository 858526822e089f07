//! The Markdown report (`--format markdown`): for a pull-request comment,
//! a job summary (`$GITHUB_STEP_SUMMARY`) or an editor's preview.
//!
//! ```markdown
//! ## copydesk
//!
//! 3 findings (1 error, 2 warnings) in 1 of 2 files
//!
//! | Rule | Errors | Warnings | Infos | Total | Checks |
//! | :--- | ---: | ---: | ---: | ---: | :--- |
//! | `wordy-phrase` | 0 | 2 | 0 | 2 | Plain words over wordy ones |
//!
//! ### `docs/a.md`
//!
//! #### Motivation > Goals
//!
//! - **9:4** warning `wordy-phrase`: “utilize” is wordy
//!   - words: `utilize`
//!   - help: …
//! ```
//!
//! Well-formed GitHub-flavoured Markdown whatever the documents say: text
//! from documents and configuration (messages, headings, paths, help) is
//! escaped (`\*`, `\|`, `\<`, …) and put on one line; quoted words go in code
//! spans fenced longer than any backtick run they hold.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::finding::Severity;
use crate::report::{Diagnostic, FileReport, Report};

/// Longest quoted excerpt, in characters.
const MAX_WORDS: usize = 120;

pub fn render(report: &Report) -> String {
    let summary = report.summary();
    let mut out = String::with_capacity(1024 + summary.findings * 300);
    out.push_str("## copydesk\n\n");
    // “No findings in 2 files.”, “3 findings (1 error, 2 warnings) in 1 of
    // 2 files; 1 file could not be read.”
    let line = crate::report::human::summary_line(&summary);
    let mut chars = line.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(&escape(chars.as_str()));
    }
    out.push_str(".\n\n");
    if summary.findings > 0 {
        rule_table(report, &mut out);
    }
    if !report.config_errors.is_empty() {
        out.push_str("### Configuration errors\n\n");
        for e in &report.config_errors {
            let place = if e.line > 0 {
                format!("{}:{}:{}", e.file, e.line, e.column)
            } else {
                e.file.clone()
            };
            let _ = write!(out, "- {}: {}", code(&place, false), escape(&e.message));
            if let Some(s) = &e.suggestion {
                let _ = write!(out, " (did you mean {}?)", code(s, false));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    for f in &report.files {
        if f.error.is_none() && f.findings.is_empty() {
            continue;
        }
        file(f, &mut out);
    }
    // One final newline.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Counts by rule and severity, with each rule's summary.
fn rule_table(report: &Report, out: &mut String) {
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for (_, d) in report.diagnostics() {
        let c = counts.entry(d.rule.as_str()).or_default();
        c[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    out.push_str("| Rule | Errors | Warnings | Infos | Total | Checks |\n");
    out.push_str("| :--- | ---: | ---: | ---: | ---: | :--- |\n");
    let mut total = [0; 3];
    for (rule, c) in &counts {
        let about = report
            .rules
            .iter()
            .find(|m| m.name == *rule)
            .map_or(String::new(), |m| escape(&m.summary));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {about} |",
            code(rule, true),
            c[0],
            c[1],
            c[2],
            c.iter().sum::<usize>()
        );
        for i in 0..3 {
            total[i] += c[i];
        }
    }
    let _ = writeln!(
        out,
        "| **Total** | {} | {} | {} | **{}** | |\n",
        total[0],
        total[1],
        total[2],
        total.iter().sum::<usize>()
    );
}

fn file(f: &FileReport, out: &mut String) {
    let _ = writeln!(out, "### {}\n", code(&f.path, false));
    if let Some(e) = &f.error {
        let _ = write!(out, "**Could not be read:** {}", escape(&e.message));
        if let (Some(l), Some(c)) = (e.line, e.column) {
            let _ = write!(out, " (line {l}, column {c})");
        }
        out.push_str("\n\n");
    }
    // Findings come in document order, so each section's are together.
    let headings = f.findings.iter().any(|d| !d.section.is_empty());
    let mut current: Option<&[String]> = None;
    for d in &f.findings {
        if headings && current != Some(&d.section) {
            if current.is_some() {
                out.push('\n');
            }
            if d.section.is_empty() {
                out.push_str("#### (outside any section)\n\n");
            } else {
                let path: Vec<String> = d.section.iter().map(|s| escape(s)).collect();
                let _ = writeln!(out, "#### {}\n", path.join(" > "));
            }
            current = Some(&d.section);
        }
        finding(&f.path, d, out);
    }
    if !f.findings.is_empty() {
        out.push('\n');
    }
}

fn finding(path: &str, d: &Diagnostic, out: &mut String) {
    let _ = writeln!(
        out,
        "- **{}:{}** {} {}: {}",
        d.start.line,
        d.start.column,
        d.severity,
        code(&d.rule, false),
        escape(&d.message)
    );
    let words = d.flagged_text();
    let words = one_line(&words, MAX_WORDS);
    if !words.trim().is_empty() {
        let _ = writeln!(out, "  - words: {}", code(&words, false));
    }
    for r in &d.related {
        let place = if r.start.line == 0 {
            r.path.clone()
        } else if r.path == path {
            format!("{}:{}", r.start.line, r.start.column)
        } else {
            format!("{}:{}:{}", r.path, r.start.line, r.start.column)
        };
        let _ = writeln!(
            out,
            "  - also at {}: {}",
            code(&place, false),
            escape(&r.message)
        );
    }
    if let Some(h) = &d.help {
        let _ = writeln!(out, "  - help: {}", escape(h));
    }
    if d.fix.is_some() {
        let _ = writeln!(
            out,
            "  - fix: {}",
            escape(&crate::report::human::fix_text(d))
        );
    }
    if let Some(c) = d.confidence {
        let _ = writeln!(out, "  - confidence: {c:.2}");
    }
}

/// Text on one line (runs of whitespace as one space), cut at `max`
/// characters with an ellipsis.
fn one_line(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 4));
    let mut n = 0;
    for w in s.split_whitespace() {
        if n > 0 {
            if n >= max {
                out.push('\u{2026}');
                return out;
            }
            out.push(' ');
            n += 1;
        }
        for c in w.chars() {
            if n >= max {
                out.push('\u{2026}');
                return out;
            }
            out.push(c);
            n += 1;
        }
    }
    out
}

/// Escapes text for inline Markdown: every ASCII punctuation character that
/// could start emphasis, code, a link, HTML, an entity, a table cell, math
/// or a heading's closing sequence gets a backslash; line breaks and other
/// control characters become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span holding `s` exactly (on one line): fenced with one backtick
/// more than the longest run inside, padded when it starts or ends with a
/// backtick or a space. In a table cell, `|` is escaped (GFM splits cells
/// even inside code spans).
pub fn code(s: &str, in_table: bool) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = s.starts_with('`') || s.ends_with('`') || s.starts_with(' ') || s.ends_with(' ');
    let body = if in_table { s.replace('|', "\\|") } else { s };
    let sp = if pad { " " } else { "" };
    format!("{fence}{sp}{body}{sp}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_markup() {
        assert_eq!(
            escape("a|b *c* <d> `e` [f](g) & $h$ #i\nj"),
            "a\\|b \\*c\\* \\<d\\> \\`e\\` \\[f\\](g) \\& \\$h\\$ \\#i j"
        );
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("plain", false), "`plain`");
        assert_eq!(code("a `b` c", false), "``a `b` c``");
        assert_eq!(code("`x", false), "`` `x ``");
        assert_eq!(code("a|b", true), "`a\\|b`");
        assert_eq!(code("two\nlines", false), "`two lines`");
    }

    #[test]
    fn one_line_collapses_and_cuts() {
        assert_eq!(one_line("  a \n\t b  ", 10), "a b");
        assert_eq!(one_line("abcdef", 3), "abc\u{2026}");
        assert_eq!(one_line("日本語テキスト", 2), "日本\u{2026}");
    }
}
