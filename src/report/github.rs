//! The github report. (Placeholder: the JSON report until this renderer lands.)

use crate::report::Report;

pub fn render(report: &Report) -> String {
    crate::report::json::render(report)
}
