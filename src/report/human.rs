//! The human report. (Placeholder: one line a finding.)

use crate::report::Report;

pub fn render(report: &Report, _color: bool) -> String {
    let mut out = String::new();
    for e in &report.config_errors {
        out.push_str(&format!("error: {e}\n"));
    }
    for f in &report.files {
        if let Some(e) = &f.error {
            out.push_str(&format!("error: {}\n", e.message));
        }
        for d in &f.findings {
            out.push_str(&format!(
                "{}:{}:{}: {} [{}] {}\n",
                f.path, d.start.line, d.start.column, d.severity, d.rule, d.message
            ));
        }
    }
    let s = report.summary();
    out.push_str(&format!(
        "{} findings ({} errors, {} warnings, {} infos) in {} files\n",
        s.findings, s.errors, s.warnings, s.infos, s.files
    ));
    out
}
