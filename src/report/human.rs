//! The human report (`--format human`, the default): rustc-style diagnostics.
//!
//! ```text
//! warning[rule-name]: message quoting “the words”
//!  --> docs/a.md:12:5
//!   |
//! 12 | the line with the words in it
//!   |              ^^^^^^^^^ flagged
//!   |
//!   = section: Motivation > Goals
//!   = note: also at docs/b.md:3:1: first used here
//!   = help: what would resolve it
//!   = confidence: 0.80
//! ```
//!
//! Excerpts, gutters, carets (multi-line spans, wide and combining
//! characters, long lines trimmed around the span) are drawn by
//! `annotate-snippets`, the renderer rustc uses. Related places on the lines
//! the excerpt shows are underlined there with their message; others are
//! listed as notes. A fix whose edits fall on the first excerpt line is shown
//! as a patch; any other fix as a `= fix:` line. File and configuration errors
//! come first, a summary line last. Colour (ANSI) only when asked for.

use std::fmt::Write as _;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use crate::config::ConfigError;
use crate::finding::Severity;
use crate::report::{Diagnostic, FileError, Report, Summary};
use crate::source::LineCol;

/// Width long source lines are trimmed to (around the span). Fixed, so that
/// output does not depend on the terminal.
const WIDTH: usize = 140;

/// Renders the report; with `color`, ANSI escapes style it.
pub fn render(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled().hyperlink(false)
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii)
    .term_width(WIDTH);
    let findings: usize = report.files.iter().map(|f| f.findings.len()).sum();
    let mut out = String::with_capacity(256 + findings * 400);
    for e in &report.config_errors {
        out.push_str(&renderer.render(&[config_error(e)]));
        out.push_str("\n\n");
    }
    for f in &report.files {
        if let Some(e) = &f.error {
            out.push_str(&renderer.render(&[file_error(e)]));
            out.push_str("\n\n");
        }
        for d in &f.findings {
            render_diagnostic(&renderer, &f.path, d, &mut out);
            out.push_str("\n\n");
        }
    }
    let summary = summary_line(&report.summary());
    if color {
        let style = if report.exit_code() == 0 {
            annotate_snippets::renderer::DEFAULT_NOTE_STYLE
        } else {
            annotate_snippets::renderer::DEFAULT_WARNING_STYLE
        };
        let _ = write!(out, "{style}{summary}{style:#}");
    } else {
        out.push_str(&summary);
    }
    out.push('\n');
    out
}

/// The closing line: “12 findings (1 error, 9 warnings, 2 infos) in 3 of 10
/// files; 1 file could not be read; 1 configuration error”.
pub fn summary_line(s: &Summary) -> String {
    let mut line = if s.findings == 0 {
        format!("no findings in {}", count(s.files, "file", "files"))
    } else {
        let mut parts = Vec::new();
        for (n, one, many) in [
            (s.errors, "error", "errors"),
            (s.warnings, "warning", "warnings"),
            (s.infos, "info", "infos"),
        ] {
            if n > 0 {
                parts.push(count(n, one, many));
            }
        }
        let files = if s.files_with_findings == s.files {
            count(s.files, "file", "files")
        } else {
            format!(
                "{} of {}",
                s.files_with_findings,
                count(s.files, "file", "files")
            )
        };
        format!(
            "{} ({}) in {files}",
            count(s.findings, "finding", "findings"),
            parts.join(", "),
        )
    };
    if s.read_errors > 0 {
        let _ = write!(
            line,
            "; {} could not be read",
            count(s.read_errors, "file", "files")
        );
    }
    if s.config_errors > 0 {
        let _ = write!(
            line,
            "; {}",
            count(
                s.config_errors,
                "configuration error",
                "configuration errors"
            )
        );
    }
    line
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn config_error(e: &ConfigError) -> Group<'_> {
    let mut origin = annotate_snippets::Origin::path(e.file.as_str());
    if e.line > 0 {
        origin = origin.line(e.line).char_column(e.column.max(1));
    }
    let mut g = Level::ERROR
        .primary_title(e.message.as_str())
        .element(origin);
    if let Some(s) = &e.suggestion {
        g = g.element(Level::HELP.message(format!("did you mean `{s}`?")));
    }
    g
}

fn file_error(e: &FileError) -> Group<'_> {
    // The message names the file already ("path: invalid UTF-8 at byte 12").
    let mut text = e.message.clone();
    if let (Some(l), Some(c)) = (e.line, e.column) {
        let _ = write!(text, " (line {l}, column {c})");
    }
    Group::with_title(Level::ERROR.primary_title(text))
}

/// Where a diagnostic's excerpt lines sit in the joined excerpt (lines joined
/// with `\n`): the byte offset each line starts at.
struct Excerpt<'a> {
    text: String,
    starts: Vec<usize>,
    d: &'a Diagnostic,
}

impl<'a> Excerpt<'a> {
    fn new(d: &'a Diagnostic) -> Excerpt<'a> {
        let len: usize = d.excerpt.iter().map(|l| l.len() + 1).sum();
        let mut text = String::with_capacity(len);
        let mut starts = Vec::with_capacity(d.excerpt.len());
        for (i, l) in d.excerpt.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(l);
        }
        Excerpt { text, starts, d }
    }

    /// Byte offset in the joined excerpt of a line and column, if the line
    /// is one the excerpt shows.
    fn offset(&self, at: LineCol) -> Option<usize> {
        let i = at.line.checked_sub(self.first_line())?;
        let start = self.starts.get(i)?;
        Some(start + self.d.excerpt_byte(i, at.column))
    }

    /// The byte range of `start..end` in the joined excerpt, clamped to what
    /// it shows. An end at column 1 of a later line ends on the line before
    /// (a span that takes a line ending is drawn on the lines it covers).
    fn range(&self, start: LineCol, end: LineCol) -> Option<std::ops::Range<usize>> {
        let s = self.offset(start)?;
        let end = if end.line > start.line && end.column <= 1 {
            let prev = end.line - 1;
            let col = prev
                .checked_sub(self.first_line())
                .and_then(|i| Some((self.d.excerpt.get(i)?, i)))
                .map_or(1, |(l, i)| {
                    l.chars().count() + 1 + self.d.excerpt_cut.get(i).copied().unwrap_or(0)
                });
            LineCol {
                line: prev,
                column: col,
            }
        } else {
            end
        };
        let e = self.offset(end).unwrap_or(self.text.len());
        Some(s..e.max(s))
    }

    /// The line the excerpt starts on.
    fn first_line(&self) -> usize {
        self.d.start.line
    }

    fn last_line(&self) -> usize {
        self.first_line() + self.d.excerpt.len().saturating_sub(1)
    }
}

fn render_diagnostic(renderer: &Renderer, path: &str, d: &Diagnostic, out: &mut String) {
    let lvl = level(d.severity);
    let title = lvl
        .clone()
        .primary_title(d.message.as_str())
        .id(d.rule.as_str());
    let excerpt = Excerpt::new(d);
    let mut notes: Vec<annotate_snippets::Message<'_>> = Vec::new();
    let mut group;
    match excerpt.range(d.start, d.end) {
        Some(primary) => {
            // A long line cut around the finding: the snippet cannot know
            // its true columns, so the place is given first, on its own.
            let cut = d.excerpt_cut.iter().any(|&c| c > 0);
            let mut snippet = Snippet::source(excerpt.text.as_str())
                .line_start(d.start.line.max(1))
                .fold(false)
                .annotation(AnnotationKind::Primary.span(primary));
            if !cut {
                snippet = snippet.path(path);
            }
            for r in &d.related {
                let here = r.path == path
                    && r.start.line >= excerpt.first_line()
                    && r.end.line <= excerpt.last_line();
                match excerpt.range(r.start, r.end).filter(|_| here) {
                    Some(range) => {
                        snippet = snippet.annotation(
                            AnnotationKind::Context
                                .span(range)
                                .label(r.message.as_str()),
                        );
                    }
                    None => notes.push(related_note(r)),
                }
            }
            group = if cut {
                let origin = annotate_snippets::Origin::path(path)
                    .line(d.start.line.max(1))
                    .char_column(d.start.column.max(1));
                title.element(origin).element(snippet)
            } else {
                title.element(snippet)
            };
        }
        None => {
            // No excerpt (a finding past the end of the text): the place only.
            let origin = annotate_snippets::Origin::path(path)
                .line(d.start.line.max(1))
                .char_column(d.start.column.max(1));
            group = title.element(origin);
            notes.extend(d.related.iter().map(related_note));
        }
    }
    // A span that ends with the line ending of the last line shown ends at
    // column 1 of the next line: that is not “going on”.
    let goes_on = d.end.line > excerpt.last_line() + 1
        || (d.end.line == excerpt.last_line() + 1 && d.end.column > 1);
    if goes_on && !d.excerpt.is_empty() {
        notes.insert(
            0,
            Level::NOTE.message(format!(
                "the span goes on to line {}, column {}",
                d.end.line, d.end.column
            )),
        );
    }
    if !d.section.is_empty() {
        group = group.element(
            Level::NOTE
                .with_name("section")
                .message(d.section.join(" > ")),
        );
    }
    group = group.elements(notes);
    if let Some(h) = &d.help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    let patch_view = d.fix.as_ref().and_then(|_| patch_view(d));
    let mut patch_group = None;
    if let Some((source, patches)) = &patch_view {
        patch_group = Some(
            Level::HELP
                .with_name("fix")
                .secondary_title(fix_text(d))
                .element(
                    Snippet::source(source.as_str())
                        .line_start(d.start.line.max(1))
                        .path(path)
                        .patches(patches.iter().cloned()),
                ),
        );
    } else if d.fix.is_some() {
        group = group.element(Level::HELP.with_name("fix").message(fix_text(d)));
    }
    if let Some(c) = d.confidence {
        group = group.element(
            Level::NOTE
                .with_name("confidence")
                .message(format!("{c:.2}")),
        );
    }
    match patch_group {
        Some(p) => out.push_str(&renderer.render(&[group, p])),
        None => out.push_str(&renderer.render(&[group])),
    }
}

fn related_note(r: &crate::report::RelatedLocation) -> annotate_snippets::Message<'_> {
    let text = if r.start.line == 0 {
        format!("also in {}: {}", r.path, r.message)
    } else {
        format!(
            "also at {}:{}:{}: {}",
            r.path, r.start.line, r.start.column, r.message
        )
    };
    Level::NOTE.message(text)
}

/// The fix as a line of text: its description, or, when it has none, what
/// its edit does (“replace “utilize” with “use””, “delete “very ””).
pub(crate) fn fix_text(d: &Diagnostic) -> String {
    match &d.fix {
        None => String::new(),
        Some(f) if !f.description.is_empty() => f.description.clone(),
        Some(_) => edit_text(d).unwrap_or_else(|| "apply the suggested edits".to_string()),
    }
}

/// What a one-edit fix does, quoting the words it replaces when they are on
/// the excerpt's first line.
fn edit_text(d: &Diagnostic) -> Option<String> {
    let fix = d.fix.as_ref()?;
    let [e] = fix.edits.as_slice() else {
        return None;
    };
    let old = first_line_range(d, e.span).map(|r| &d.excerpt[0][r]);
    Some(match (old, e.replacement.is_empty()) {
        (Some(""), false) => format!("insert {}", quote_exact(&e.replacement)),
        (Some(old), false) => format!(
            "replace {} with {}",
            quote_exact(old),
            quote_exact(&e.replacement)
        ),
        (None, false) => format!("replace with {}", quote_exact(&e.replacement)),
        (Some(old), true) => format!("delete {}", quote_exact(old)),
        (None, true) => "delete the words".to_string(),
    })
}

/// Where a byte span of the file lies on the excerpt's first line, when it
/// lies there: that line's bytes are known exactly, as it starts
/// `start.column` characters before the finding's first byte.
fn first_line_range(d: &Diagnostic, span: crate::source::Span) -> Option<std::ops::Range<usize>> {
    let first = d.excerpt.first()?;
    let line_start = d
        .span
        .start
        .checked_sub(d.excerpt_byte(0, d.start.column))?;
    let s = span.start.checked_sub(line_start)?;
    let t = span.end.checked_sub(line_start)?;
    (s <= t && t <= first.len() && first.is_char_boundary(s) && first.is_char_boundary(t))
        .then_some(s..t)
}

/// Quotes inserted text as it is (spaces kept, line breaks shown as `\n`),
/// cut at 80 characters.
fn quote_exact(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push('\u{201c}');
    for (i, c) in s.chars().enumerate() {
        if i == 80 {
            out.push('\u{2026}');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\u{201d}');
    out
}

/// Lines up to this many characters are shown whole in a fix's patch;
/// longer ones (a paragraph on one line) around the edits only.
const PATCH_WIDTH: usize = 100;
/// Characters kept on each side of the edits of a long line.
const PATCH_CONTEXT: usize = 40;

/// The fix as patches on the excerpt's first line, when every edit falls on
/// it: the line (or, when long, the part around the edits, cut with `...`)
/// and the patches on it.
fn patch_view(d: &Diagnostic) -> Option<(String, Vec<Patch<'_>>)> {
    let fix = d.fix.as_ref()?;
    let first = d.excerpt.first()?;
    let ranges: Vec<std::ops::Range<usize>> = fix
        .edits
        .iter()
        .map(|e| first_line_range(d, e.span))
        .collect::<Option<_>>()?;
    let lo = ranges.iter().map(|r| r.start).min()?;
    let hi = ranges.iter().map(|r| r.end).max()?;
    let (from, to) = if first.len() <= PATCH_WIDTH || first.chars().count() <= PATCH_WIDTH {
        (0, first.len())
    } else {
        let from = first[..lo]
            .char_indices()
            .rev()
            .nth(PATCH_CONTEXT - 1)
            .map_or(0, |(i, _)| i);
        let to = first[hi..]
            .char_indices()
            .nth(PATCH_CONTEXT)
            .map_or(first.len(), |(i, _)| hi + i);
        (from, to)
    };
    let mut source = String::with_capacity(to - from + 6);
    if from > 0 {
        source.push_str("...");
    }
    let shift = source.len();
    source.push_str(&first[from..to]);
    if to < first.len() {
        source.push_str("...");
    }
    let patches = ranges
        .into_iter()
        .zip(&fix.edits)
        .map(|(r, e)| {
            Patch::new(
                r.start - from + shift..r.end - from + shift,
                e.replacement.as_str(),
            )
        })
        .collect();
    Some((source, patches))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(files: usize, with: usize, e: usize, w: usize, i: usize) -> Summary {
        Summary {
            files,
            files_with_findings: with,
            findings: e + w + i,
            errors: e,
            warnings: w,
            infos: i,
            ..Summary::default()
        }
    }

    #[test]
    fn summary_lines_count_and_pluralise() {
        assert_eq!(
            summary_line(&summary(1, 0, 0, 0, 0)),
            "no findings in 1 file"
        );
        assert_eq!(
            summary_line(&summary(1, 1, 0, 1, 0)),
            "1 finding (1 warning) in 1 file"
        );
        assert_eq!(
            summary_line(&summary(10, 3, 1, 9, 2)),
            "12 findings (1 error, 9 warnings, 2 infos) in 3 of 10 files"
        );
        let mut s = summary(3, 0, 0, 0, 0);
        s.read_errors = 2;
        s.config_errors = 1;
        assert_eq!(
            summary_line(&s),
            "no findings in 3 files; 2 files could not be read; 1 configuration error"
        );
    }
}
