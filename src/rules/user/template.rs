//! Messages with placeholders: `{match}`, `{replacement}`, `{count}`,
//! `{limit}`, `{unit}`; `{{` and `}}` for literal braces. Parsed once at load,
//! so a misspelt placeholder is a configuration error, not a surprise in a
//! report.

use std::fmt::Write;

/// A placeholder of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    /// The matched words.
    Match,
    /// What a substitution writes instead (or an existence rule's `fix`).
    Replacement,
    /// How many matches an occurrence rule counted.
    Count,
    /// The occurrence rule's limit that was crossed.
    Limit,
    /// The unit counted in: `document`, `section` or `paragraph`.
    Unit,
}

impl Var {
    pub const ALL: [Var; 5] = [
        Var::Match,
        Var::Replacement,
        Var::Count,
        Var::Limit,
        Var::Unit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Var::Match => "match",
            Var::Replacement => "replacement",
            Var::Count => "count",
            Var::Limit => "limit",
            Var::Unit => "unit",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Var(Var),
}

/// A parsed message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// Why a message does not parse: where (byte offset in the message), what,
/// and the nearest valid placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub offset: usize,
    pub message: String,
    pub suggestion: Option<String>,
}

/// Values for a message's placeholders.
#[derive(Clone, Copy, Debug, Default)]
pub struct Values<'a> {
    pub matched: &'a str,
    pub replacement: &'a str,
    pub count: usize,
    pub limit: usize,
    pub unit: &'a str,
}

impl Template {
    /// Parses a message; `allowed` are the placeholders this kind of rule
    /// fills in.
    pub fn parse(text: &str, allowed: &[Var]) -> Result<Template, TemplateError> {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|&(_, n)| n) == Some('{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek().map(|&(_, n)| n) == Some('}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let rest = &text[i + 1..];
                    let Some(close) = rest.find('}') else {
                        return Err(TemplateError {
                            offset: i,
                            message: "`{` opens a placeholder that is never closed (write `{{` for a brace)".into(),
                            suggestion: None,
                        });
                    };
                    let name = &rest[..close];
                    let names = allowed.iter().map(|v| v.name());
                    let Some(var) = Var::ALL.iter().copied().find(|v| v.name() == name) else {
                        return Err(TemplateError {
                            offset: i,
                            message: format!(
                                "unknown placeholder `{{{name}}}` (this rule fills in {})",
                                list(allowed)
                            ),
                            suggestion: crate::config::nearest(name, names)
                                .map(|s| format!("{{{s}}}")),
                        });
                    };
                    if !allowed.contains(&var) {
                        return Err(TemplateError {
                            offset: i,
                            message: format!(
                                "placeholder `{{{name}}}` has no value in this rule (it fills in {})",
                                list(allowed)
                            ),
                            suggestion: None,
                        });
                    }
                    if !lit.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut lit)));
                    }
                    pieces.push(Piece::Var(var));
                    for _ in 0..name.chars().count() + 1 {
                        chars.next();
                    }
                }
                '}' => {
                    return Err(TemplateError {
                        offset: i,
                        message: "unmatched `}` (write `}}` for a brace)".into(),
                        suggestion: None,
                    });
                }
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            pieces.push(Piece::Text(lit));
        }
        Ok(Template { pieces })
    }

    /// The message with its placeholders filled in.
    pub fn render(&self, v: &Values<'_>) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(Var::Match) => out.push_str(&one_line(v.matched, 80)),
                Piece::Var(Var::Replacement) => out.push_str(&one_line(v.replacement, 80)),
                Piece::Var(Var::Count) => {
                    let _ = write!(out, "{}", v.count);
                }
                Piece::Var(Var::Limit) => {
                    let _ = write!(out, "{}", v.limit);
                }
                Piece::Var(Var::Unit) => out.push_str(v.unit),
            }
        }
        out
    }
}

fn list(vars: &[Var]) -> String {
    if vars.is_empty() {
        return "no placeholders".into();
    }
    vars.iter()
        .map(|v| format!("`{{{}}}`", v.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text on one line (runs of white space as one space), at most `max`
/// characters.
fn one_line(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        return joined;
    }
    let mut s: String = joined.chars().take(max.saturating_sub(1)).collect();
    s.push('\u{2026}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders_and_braces() {
        let t = Template::parse(
            "use {replacement} for {match} {{x}} ({count}/{limit} per {unit})",
            &Var::ALL,
        )
        .unwrap();
        let s = t.render(&Values {
            matched: "in\norder  to",
            replacement: "to",
            count: 3,
            limit: 2,
            unit: "section",
        });
        assert_eq!(s, "use to for in order to {x} (3/2 per section)");
    }

    #[test]
    fn errors_locate_and_suggest() {
        let e = Template::parse("avoid {mach} here", &[Var::Match]).unwrap_err();
        assert_eq!(e.offset, 6);
        assert_eq!(e.suggestion.as_deref(), Some("{match}"));
        let e = Template::parse("{count} times", &[Var::Match]).unwrap_err();
        assert!(e.message.contains("has no value"), "{}", e.message);
        assert!(Template::parse("a { b", &[]).is_err());
        assert!(Template::parse("a } b", &[]).is_err());
    }
}
