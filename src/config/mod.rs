//! Configuration: the `copydesk.toml` file, profiles, and how layers combine.
//!
//! Layers, each overriding the one before:
//!
//! 1. built-in defaults: `rules/default.toml` and the house style
//!    `rules/house-style.toml`, embedded in the binary;
//! 2. a profile: `extends = "NAME"` (a profile shipped in `rules/profiles/`)
//!    or `extends = "path/to/file.toml"`, or `--profile` on the command line;
//!    when nothing chooses one, plain-text files get the `article` profile;
//! 3. the project file: `--config FILE`, or the first `copydesk.toml` found
//!    walking up from each checked file's directory;
//! 4. the command line: `--select`, `--ignore`, `--fail-on`.
//!
//! Within a layer, `[rules.NAME]` sets `enabled`, `severity` and `options`
//! (options merge key by key with lower layers); `[[rule]]` entries add
//! user-written rules (one with the name of an earlier one replaces it);
//! `[[ignore]]` entries add path-glob exclusions; `[structure]` replaces
//! field by field. Unknown keys, unknown rule names, wrong types and invalid
//! patterns are errors that name the file, line and column, with the nearest
//! valid name where there is one.

pub mod schema;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::document::Format;
use crate::finding::Severity;
use crate::rules::structure::profile::{Profile, StructureConfig};
use crate::source::{Source, Span};

/// Name of the project configuration file.
pub const FILE_NAME: &str = "copydesk.toml";

/// The built-in defaults, embedded from `rules/`.
pub const DEFAULTS: &str = include_str!("../../rules/default.toml");
/// The built-in house style, embedded from `rules/`.
pub const HOUSE_STYLE: &str = include_str!("../../rules/house-style.toml");

/// Profiles shipped in `rules/profiles/`, by name.
pub const PROFILES: &[(&str, &str)] = &[
    ("article", include_str!("../../rules/profiles/article.toml")),
    ("kep", include_str!("../../rules/profiles/kep.toml")),
    (
        "policy-brief",
        include_str!("../../rules/profiles/policy-brief.toml"),
    ),
    (
        "rust-rfc",
        include_str!("../../rules/profiles/rust-rfc.toml"),
    ),
];

/// The profile plain-text files get when nothing chooses one.
pub const DEFAULT_TEXT_PROFILE: &str = "article";

/// When a run fails (exit code 1).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Deserialize,
    schemars::JsonSchema,
    clap::ValueEnum,
    serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// Whether a finding of this severity fails the run.
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// One configuration file as written.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "copydesk configuration",
    description = "copydesk.toml: rules, profiles and user-written rules for copydesk."
)]
pub struct ConfigFile {
    /// A profile to start from: the name of a shipped profile (`article`,
    /// `kep`, `policy-brief`, `rust-rfc`) or a path to another configuration
    /// file, relative to this one.
    #[schemars(with = "Option<String>")]
    pub extends: Option<Spanned<String>>,
    /// The lowest severity that makes the run fail (exit code 1).
    pub fail_on: Option<FailOn>,
    /// What to read.
    pub input: Option<InputConfig>,
    /// Per-rule settings, by rule name.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleSettings>")]
    pub rules: BTreeMap<Spanned<String>, Spanned<RuleSettings>>,
    /// Rules written without code: `existence`, `substitution`, `occurrence`.
    #[serde(default, rename = "rule")]
    #[schemars(with = "Vec<crate::rules::user::UserRuleDef>")]
    pub user_rules: Vec<Spanned<crate::rules::user::UserRuleDef>>,
    /// Rules not to run on files matching a path glob.
    #[serde(default)]
    #[schemars(with = "Vec<IgnoreEntry>")]
    pub ignore: Vec<Spanned<IgnoreEntry>>,
    /// Required sections and how a document is structured.
    #[schemars(with = "Option<StructureConfig>")]
    pub structure: Option<Spanned<StructureConfig>>,
}

/// Settings of one rule.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSettings {
    /// Whether the rule runs.
    pub enabled: Option<bool>,
    /// The severity of its findings.
    pub severity: Option<Severity>,
    /// The rule's own options (see `copydesk explain RULE`).
    #[schemars(with = "Option<BTreeMap<String, serde_json::Value>>")]
    pub options: Option<Spanned<toml::Table>>,
}

/// What to read.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InputConfig {
    /// File extensions read when walking directories (default: md, markdown, txt).
    pub extensions: Option<Vec<String>>,
    /// Largest file read, in bytes (default: 64 MiB, at most 4 GiB - 1:
    /// positions inside a document are kept as 32-bit offsets).
    #[serde(default, deserialize_with = "max_file_size")]
    #[schemars(range(min = 1, max = 4294967295u64))]
    pub max_file_size: Option<u64>,
    /// Deepest nesting of quotes, lists and tables kept (default: 64, at
    /// most 1000); deeper containers are flattened, with a note.
    #[serde(default, deserialize_with = "max_nesting")]
    #[schemars(range(min = 1, max = 1000))]
    pub max_nesting: Option<usize>,
}

/// `max-nesting` within 1 and [`crate::parse::MAX_NESTING_CEILING`]: deeper
/// documents would be kept as deep trees, and walking them could exhaust the
/// stack.
fn max_nesting<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    let n = usize::deserialize(d)?;
    let ceiling = crate::parse::MAX_NESTING_CEILING;
    if n == 0 || n > ceiling {
        return Err(serde::de::Error::custom(format!(
            "max-nesting must be between 1 and {ceiling}, not {n}"
        )));
    }
    Ok(Some(n))
}

/// `max-file-size` within 1 and 4 GiB - 1: word positions inside a
/// document are kept as 32-bit offsets.
fn max_file_size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let n = u64::deserialize(d)?;
    let ceiling = u64::from(u32::MAX);
    if n == 0 || n > ceiling {
        return Err(serde::de::Error::custom(format!(
            "max-file-size must be between 1 and {ceiling} bytes, not {n}"
        )));
    }
    Ok(Some(n))
}

/// Rules not to run on some files.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IgnoreEntry {
    /// A glob matched against the file's path relative to this
    /// configuration file's directory (`drafts/**`, `**/*.txt`).
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// Rule names; all rules when empty or absent.
    #[serde(default)]
    pub rules: Vec<String>,
}

/// A configuration error: where, what, and the nearest valid name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (`<built-in>/NAME` for embedded ones, `<command line>`).
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// "did you mean ...?"
    pub suggestion: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )?;
        } else {
            write!(f, "{}: {}", self.file, self.message)?;
        }
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// A configuration file's text, kept to turn spans into lines and columns.
#[derive(Debug)]
pub struct ConfigText {
    pub display: String,
    /// Directory that relative paths in the file are relative to.
    pub dir: PathBuf,
    pub source: Source,
}

/// Where a setting was written.
#[derive(Clone, Debug)]
pub struct Origin {
    pub file: Arc<ConfigText>,
    pub span: Span,
}

impl Origin {
    /// An error at this place.
    pub fn error(&self, message: impl Into<String>, suggestion: Option<String>) -> ConfigError {
        let lc = self.file.source.line_col(self.span.start);
        ConfigError {
            file: self.file.display.clone(),
            line: lc.line,
            column: lc.column,
            message: message.into(),
            suggestion,
        }
    }

    /// An error at the first occurrence of `key` inside this place (falling
    /// back to the place itself).
    pub fn error_at_key(
        &self,
        key: Option<&str>,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) -> ConfigError {
        let text = self.file.source.text();
        let at = key.and_then(|k| {
            let region = text.get(self.span.range())?;
            find_key(region, k).map(|i| self.span.start + i)
        });
        match at {
            Some(start) => Origin {
                file: self.file.clone(),
                span: Span::new(start, start),
            }
            .error(message, suggestion),
            None => self.error(message, suggestion),
        }
    }
}

/// The first line at or after `origin` that assigns `key` (`key = ...`),
/// comments skipped: where a `[structure]` setting was written (the span
/// of a table covers only its header).
fn find_assignment(origin: &Origin, key: &str) -> Option<Origin> {
    let text = origin.file.source.text();
    let mut at = origin.span.start.min(text.len());
    for line in text.get(at..)?.split_inclusive('\n') {
        let t = line.trim_start();
        let rest = t
            .strip_prefix(key)
            .or_else(|| t.strip_prefix(&format!("\"{key}\"")));
        if let Some(rest) = rest
            && rest.trim_start().starts_with('=')
        {
            let start = at + (line.len() - t.len());
            return Some(Origin {
                file: origin.file.clone(),
                span: Span::new(start, start + key.len()),
            });
        }
        at += line.len();
    }
    None
}

/// Finds `key` written as a TOML key (bare or quoted) in a region.
fn find_key(region: &str, key: &str) -> Option<usize> {
    let mut pos = 0;
    while let Some(i) = region[pos..].find(key) {
        let at = pos + i;
        let before = region[..at].chars().next_back();
        let after = region[at + key.len()..].chars().next();
        let boundary_before = before.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
        let boundary_after = after.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
        if boundary_before && boundary_after {
            return Some(if before == Some('"') { at - 1 } else { at });
        }
        pos = at + key.len();
    }
    None
}

/// A rule's settings after layering.
#[derive(Clone, Debug)]
pub struct RuleConfig {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    pub options: toml::Table,
    /// Where each option key was last set (for locating errors).
    pub option_origins: BTreeMap<String, Origin>,
    /// Where the rule was last configured.
    pub origin: Option<Origin>,
}

/// A user-written rule as configured.
#[derive(Clone, Debug)]
pub struct UserRuleEntry {
    pub def: crate::rules::user::UserRuleDef,
    /// The whole `[[rule]]` table.
    pub origin: Origin,
}

/// An ignore entry after layering.
#[derive(Clone, Debug)]
pub struct Ignore {
    /// Matched against the path relative to the configuration file's
    /// directory, and against the path as given.
    pub glob: globset::GlobMatcher,
    pub rules: Vec<String>,
    pub origin: Origin,
}

/// Settings from the command line: the last layer.
#[derive(Clone, Debug, Default)]
pub struct CliOverrides {
    pub profile: Option<String>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
}

/// The configuration that applies to a file, all layers combined.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub fail_on: Option<FailOn>,
    pub input: InputConfig,
    pub rules: BTreeMap<String, RuleConfig>,
    pub user_rules: Vec<UserRuleEntry>,
    pub ignores: Vec<Ignore>,
    pub structure: StructureConfig,
    /// Where `[structure]` was last set: relative template paths resolve
    /// against its file's directory.
    pub structure_origin: Option<Origin>,
    /// Where `template` was last set: a relative template path is read from
    /// its file's directory.
    pub structure_template_origin: Option<Origin>,
    /// `[structure]` compiled (template read, patterns compiled) once all
    /// layers are applied; what the structure rules read.
    pub structure_profile: Option<Arc<Profile>>,
    /// `--select`: only these rules run (empty: all enabled rules).
    pub select: Vec<String>,
    /// `--ignore`: these rules do not run.
    pub cli_ignore: Vec<String>,
    /// The profile applied, if any.
    pub profile: Option<String>,
    /// The project file, if one was found or given.
    pub project_file: Option<PathBuf>,
}

/// What a rule is built with besides its options.
pub struct BuildContext<'a> {
    pub config: &'a Config,
}

impl Config {
    /// Merges one parsed file into this configuration.
    fn apply(&mut self, file: ConfigFile, text: &Arc<ConfigText>) -> Result<(), ConfigError> {
        let origin = |span: std::ops::Range<usize>| Origin {
            file: text.clone(),
            span: span.into(),
        };
        if let Some(f) = file.fail_on {
            self.fail_on = Some(f);
        }
        if let Some(input) = file.input {
            if input.extensions.is_some() {
                self.input.extensions = input.extensions;
            }
            if input.max_file_size.is_some() {
                self.input.max_file_size = input.max_file_size;
            }
            if input.max_nesting.is_some() {
                self.input.max_nesting = input.max_nesting;
            }
        }
        for (name, settings) in file.rules {
            let name_origin = origin(name.span());
            let span = settings.span();
            let settings = settings.into_inner();
            let entry = self
                .rules
                .entry(name.into_inner())
                .or_insert_with(|| RuleConfig {
                    enabled: None,
                    severity: None,
                    options: toml::Table::new(),
                    option_origins: BTreeMap::new(),
                    origin: None,
                });
            entry.origin = Some(name_origin.clone());
            if settings.enabled.is_some() {
                entry.enabled = settings.enabled;
            }
            if settings.severity.is_some() {
                entry.severity = settings.severity;
            }
            if let Some(opts) = settings.options {
                let o = origin(opts.span());
                for (k, v) in opts.into_inner() {
                    entry.option_origins.insert(k.clone(), o.clone());
                    entry.options.insert(k, v);
                }
            }
            let _ = span;
        }
        let mut names_here: Vec<&str> = Vec::new();
        for t in &file.user_rules {
            let n = t.get_ref().name.get_ref().as_str();
            if names_here.contains(&n) {
                return Err(origin(t.get_ref().name.span()).error(
                    format!("a user rule named `{n}` is already defined in this file"),
                    None,
                ));
            }
            names_here.push(n);
        }
        for t in file.user_rules {
            let o = origin(t.span());
            let def = t.into_inner();
            // A later layer's rule of the same name replaces the earlier one.
            self.user_rules
                .retain(|u| u.def.name.get_ref() != def.name.get_ref());
            self.user_rules.push(UserRuleEntry { def, origin: o });
        }
        for i in file.ignore {
            let o = origin(i.span());
            let entry = i.into_inner();
            let path = entry.path.get_ref();
            let glob = globset::GlobBuilder::new(path)
                .literal_separator(false)
                .build()
                .map_err(|e| {
                    origin(entry.path.span())
                        .error(format!("invalid path glob `{path}`: {e}"), None)
                })?
                .compile_matcher();
            self.ignores.push(Ignore {
                glob,
                rules: entry.rules,
                origin: o,
            });
        }
        if let Some(s) = file.structure {
            let o = origin(s.span());
            let s = s.into_inner();
            if s.template.is_some() {
                self.structure_template_origin = Some(o.clone());
            }
            self.structure.merge(s);
            self.structure_origin = Some(o);
        }
        Ok(())
    }

    /// Compiles `[structure]` into [`Config::structure_profile`]; errors
    /// point at the `[structure]` table (or its `template` key) that caused
    /// them.
    pub fn compile_structure(&mut self) -> Result<(), ConfigError> {
        let template_origin = self.structure_template_origin.as_ref();
        let base = template_origin
            .map(|o| o.file.dir.clone())
            .unwrap_or_default();
        match Profile::compile(&self.structure, &base) {
            Ok(p) => {
                self.structure_profile = Some(Arc::new(p));
                Ok(())
            }
            Err(e) => {
                let origin = if e.key == Some("template") {
                    template_origin.or(self.structure_origin.as_ref())
                } else {
                    self.structure_origin.as_ref()
                };
                Err(match origin {
                    Some(o) => match e.key.and_then(|k| find_assignment(o, k)) {
                        Some(at) => at.error(e.message, None),
                        None => o.error_at_key(e.key, e.message, None),
                    },
                    None => ConfigError {
                        file: "<configuration>".into(),
                        line: 0,
                        column: 0,
                        message: e.message,
                        suggestion: None,
                    },
                })
            }
        }
    }

    /// Whether a rule is ignored for a path by an `[[ignore]]` entry.
    pub fn ignored(&self, path: &str, rule: &str) -> bool {
        // Asked for every rule on every file: no system call unless there
        // is an entry to match.
        if self.ignores.is_empty() {
            return false;
        }
        let p = path.strip_prefix("./").unwrap_or(path);
        let abs = std::path::absolute(p).ok();
        self.ignores.iter().any(|i| {
            let applies = i.rules.is_empty() || i.rules.iter().any(|r| r == rule);
            applies && {
                let relative = abs.as_deref().and_then(|a| {
                    let dir = &i.origin.file.dir;
                    let dir = if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        dir.as_path()
                    };
                    let base = std::path::absolute(dir).ok()?;
                    a.strip_prefix(base).ok().map(Path::to_path_buf)
                });
                i.glob.is_match(p) || relative.is_some_and(|r| i.glob.is_match(r))
            }
        })
    }
}

/// Parses configuration text into a file, with errors located.
pub fn parse_file(text: &Arc<ConfigText>) -> Result<ConfigFile, ConfigError> {
    toml::from_str::<ConfigFile>(text.source.text()).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let o = Origin {
            file: text.clone(),
            span: span.into(),
        };
        let message = e.message().trim().to_string();
        let suggestion = unknown_field_suggestion(&message);
        o.error(message, suggestion)
    })
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown
/// variant ..."), the nearest of the expected names.
fn unknown_field_suggestion(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    nearest(field, expected.iter().copied())
}

/// The candidate nearest to `name`, if near enough to be a likely typo.
/// A name that is the start of exactly one candidate (`warn` for `warning`)
/// counts as near too.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let close = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(name.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c.to_string());
    close.or_else(|| {
        let mut prefixed = candidates
            .iter()
            .filter(|c| name.chars().count() >= 3 && c.starts_with(name));
        match (prefixed.next(), prefixed.next()) {
            (Some(c), None) => Some(c.to_string()),
            _ => None,
        }
    })
}

/// Loads configuration layers.
pub struct Loader {
    /// `--config`: one project file for every checked file.
    pub explicit: Option<PathBuf>,
    pub cli: CliOverrides,
}

impl Loader {
    /// The configuration for a file of this format at this path (`None` for
    /// standard input: the working directory's configuration applies).
    pub fn load_for(&self, path: Option<&Path>, format: Format) -> Result<Config, ConfigError> {
        let project = match &self.explicit {
            Some(p) => Some(p.clone()),
            None => {
                let start = path
                    .and_then(|p| p.parent())
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from("."));
                find_project_file(&start)
            }
        };
        self.load(project.as_deref(), format)
    }

    /// The configuration with this project file (or none).
    pub fn load(&self, project: Option<&Path>, format: Format) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        for (name, text) in [
            ("default.toml", DEFAULTS),
            ("house-style.toml", HOUSE_STYLE),
        ] {
            let t = builtin_text(name, text);
            let file = parse_file(&t)?;
            config.apply(file, &t)?;
        }
        // The project file's own `extends` names its profile; `--profile`
        // overrides that choice.
        let project_file = match project {
            Some(p) => {
                let t = read_text(p)?;
                let f = parse_file(&t)?;
                Some((f, t))
            }
            None => None,
        };
        let extends = project_file.as_ref().and_then(|(f, t)| {
            f.extends.as_ref().map(|e| {
                (
                    e.get_ref().clone(),
                    Some(Origin {
                        file: t.clone(),
                        span: e.span().into(),
                    }),
                )
            })
        });
        let profile = match (&self.cli.profile, extends) {
            (Some(p), _) => Some((p.clone(), None)),
            (None, Some(e)) => Some(e),
            (None, None) if format == Format::Text => {
                Some((DEFAULT_TEXT_PROFILE.to_string(), None))
            }
            (None, None) => None,
        };
        if let Some((name, origin)) = &profile {
            // `extends` is relative to the project file; `--profile`, to
            // where the command runs.
            let base = match origin {
                Some(_) => project
                    .and_then(Path::parent)
                    .map(Path::to_path_buf)
                    .unwrap_or_default(),
                None => PathBuf::new(),
            };
            self.apply_profile(&mut config, name, origin.as_ref(), &base, &mut Vec::new())?;
            config.profile = Some(name.clone());
        }
        if let Some((f, t)) = project_file {
            config.apply(f, &t)?;
            config.project_file = project.map(Path::to_path_buf);
        }
        if let Some(f) = self.cli.fail_on {
            config.fail_on = Some(f);
        }
        config.cli_ignore = self.cli.ignore.clone();
        config.select = self.cli.select.clone();
        config.compile_structure()?;
        Ok(config)
    }

    fn apply_profile(
        &self,
        config: &mut Config,
        name: &str,
        origin: Option<&Origin>,
        base: &Path,
        seen: &mut Vec<String>,
    ) -> Result<(), ConfigError> {
        if seen.iter().any(|s| s == name) {
            let msg = format!(
                "profile `{name}` extends itself (through {})",
                seen.join(" -> ")
            );
            return Err(match origin {
                Some(o) => o.error(msg, None),
                None => ConfigError {
                    file: "<command line>".into(),
                    line: 0,
                    column: 0,
                    message: msg,
                    suggestion: None,
                },
            });
        }
        seen.push(name.to_string());
        let text = if let Some((_, t)) = PROFILES.iter().find(|(n, _)| *n == name) {
            builtin_text(&format!("profiles/{name}.toml"), t)
        } else if name.ends_with(".toml") || name.contains('/') || name.contains('\\') {
            read_text(&base.join(name)).map_err(|e| match origin {
                Some(o) => o.error(format!("cannot read profile `{name}`: {}", e.message), None),
                None => e,
            })?
        } else {
            let msg = format!(
                "unknown profile `{name}` (shipped profiles: {}; or give a path to a .toml file)",
                PROFILES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let sug = nearest(name, PROFILES.iter().map(|(n, _)| *n));
            return Err(match origin {
                Some(o) => o.error(msg, sug),
                None => ConfigError {
                    file: "<command line>".into(),
                    line: 0,
                    column: 0,
                    message: msg,
                    suggestion: sug,
                },
            });
        };
        let file = parse_file(&text)?;
        if let Some(parent) = &file.extends {
            let o = Origin {
                file: text.clone(),
                span: parent.span().into(),
            };
            let dir = text.dir.clone();
            self.apply_profile(config, parent.get_ref(), Some(&o), &dir, seen)?;
        }
        config.apply(file, &text)
    }
}

fn builtin_text(name: &str, text: &str) -> Arc<ConfigText> {
    Arc::new(ConfigText {
        display: if name.starts_with('<') {
            name.to_string()
        } else {
            format!("<built-in>/{name}")
        },
        dir: PathBuf::new(),
        source: Source::new(text.to_string()),
    })
}

/// Reads a configuration file.
pub fn read_text(path: &Path) -> Result<Arc<ConfigText>, ConfigError> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ConfigError {
        file: display.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
        suggestion: None,
    })?;
    let source = Source::from_bytes(bytes.clone()).map_err(|e| {
        // Place a decoding error (invalid UTF-8, a NUL byte) at its line and
        // column.
        let (line, column) = match e {
            crate::source::DecodeError::InvalidUtf8 { offset }
            | crate::source::DecodeError::Binary { offset } => {
                let prefix = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
                let lc = Source::new(prefix.to_string()).line_col(prefix.len());
                (lc.line, lc.column)
            }
            crate::source::DecodeError::TooLarge { .. } => (0, 0),
        };
        ConfigError {
            file: display.clone(),
            line,
            column,
            message: e.to_string(),
            suggestion: None,
        }
    })?;
    Ok(Arc::new(ConfigText {
        display,
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        source,
    }))
}

/// The first `copydesk.toml` in `dir` or a directory above it.
pub fn find_project_file(dir: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(dir).ok()?;
    let mut cur = Some(abs.as_path());
    while let Some(d) = cur {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            // Report the path relative to where the user is, when possible.
            let cwd = std::env::current_dir().ok();
            return Some(
                cwd.and_then(|c| candidate.strip_prefix(&c).ok().map(Path::to_path_buf))
                    .unwrap_or(candidate),
            );
        }
        cur = d.parent();
    }
    None
}

/// The starter file `copydesk init` writes.
pub const STARTER: &str = include_str!("starter.toml");
