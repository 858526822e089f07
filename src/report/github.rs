//! GitHub Actions workflow commands (`--format github`): one annotation a
//! finding, shown on the pull request's diff and the run's summary.
//!
//! ```text
//! ::warning file=docs/a.md,line=9,col=4,endLine=9,endColumn=11,title=copydesk wordy-phrase::“utilize” is wordy%0Ahelp: …
//! ```
//!
//! Severity `info` becomes `notice`. The message carries the finding's
//! message, then its related places, help and fix on lines of their own.
//! Files that could not be read and configuration errors are `::error`
//! commands too. A plain summary line ends the output. Escaping follows
//! GitHub's runner: in the message `%`, CR and LF are percent-encoded; in
//! property values `:` and `,` are too.
//!
//! (`copydesk check --format github` also appends the Markdown report to
//! `$GITHUB_STEP_SUMMARY` when that is set.)

use std::fmt::Write as _;

use crate::finding::Severity;
use crate::report::{Diagnostic, Report};

pub fn render(report: &Report) -> String {
    let findings: usize = report.files.iter().map(|f| f.findings.len()).sum();
    let mut out = String::with_capacity(256 + findings * 200);
    for e in &report.config_errors {
        let mut props = Vec::new();
        // `<built-in>/…` and `<command line>` are not files: the message
        // names them instead.
        let message = if e.file.starts_with('<') {
            e.to_string()
        } else {
            props.push(("file", e.file.clone()));
            if e.line > 0 {
                props.push(("line", e.line.to_string()));
                props.push(("col", e.column.max(1).to_string()));
            }
            match &e.suggestion {
                Some(s) => format!("{} (did you mean `{s}`?)", e.message),
                None => e.message.clone(),
            }
        };
        props.push(("title", "copydesk configuration error".into()));
        command(&mut out, "error", &props, &message);
    }
    for f in &report.files {
        if let Some(e) = &f.error {
            let mut props = vec![("file", f.path.clone())];
            if let (Some(l), Some(c)) = (e.line, e.column) {
                props.push(("line", l.to_string()));
                props.push(("col", c.to_string()));
            }
            props.push(("title", "copydesk read error".into()));
            command(&mut out, "error", &props, &e.message);
        }
        for d in &f.findings {
            finding(&mut out, &f.path, d);
        }
    }
    out.push_str(&crate::report::human::summary_line(&report.summary()));
    out.push('\n');
    out
}

fn finding(out: &mut String, path: &str, d: &Diagnostic) {
    let cmd = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let props = [
        ("file", path.to_string()),
        ("line", d.start.line.to_string()),
        ("col", d.start.column.to_string()),
        ("endLine", d.end.line.to_string()),
        ("endColumn", d.end.column.to_string()),
        ("title", format!("copydesk {}", d.rule)),
    ];
    let mut msg = d.message.clone();
    for r in &d.related {
        if r.start.line == 0 {
            let _ = write!(msg, "\nalso in {}: {}", r.path, r.message);
        } else {
            let _ = write!(
                msg,
                "\nalso at {}:{}:{}: {}",
                r.path, r.start.line, r.start.column, r.message
            );
        }
    }
    if let Some(h) = &d.help {
        let _ = write!(msg, "\nhelp: {h}");
    }
    if d.fix.is_some() {
        let _ = write!(msg, "\nfix: {}", crate::report::human::fix_text(d));
    }
    command(out, cmd, &props, &msg);
}

/// Writes `::cmd k=v,k=v::message`.
fn command(out: &mut String, cmd: &str, props: &[(&str, String)], message: &str) {
    out.push_str("::");
    out.push_str(cmd);
    for (i, (k, v)) in props.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { ',' });
        out.push_str(k);
        out.push('=');
        escape_property(v, out);
    }
    out.push_str("::");
    escape_data(message, out);
    out.push('\n');
}

/// Escapes a command's message: `%`, CR, LF.
pub fn escape_data(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
}

/// Escapes a property value: as data, and `:` and `,`.
pub fn escape_property(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        let mut d = String::new();
        escape_data("100% a:b, c\r\nd", &mut d);
        assert_eq!(d, "100%25 a:b, c%0D%0Ad");
        let mut p = String::new();
        escape_property("100% a:b, c\r\nd", &mut p);
        assert_eq!(p, "100%25 a%3Ab%2C c%0D%0Ad");
    }
}
