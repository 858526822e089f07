//! The check engine: builds the configured rules, runs them over documents in
//! parallel, applies suppressions and ignores, and resolves findings into a
//! [`Report`].
//!
//! Output does not depend on the thread count: files keep their input order,
//! findings are sorted by position, then rule, then message, and every rule
//! works on one document at a time (or, with `--across`, on data gathered from
//! every document and compared after all are read).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::config::{BuildContext, Config, ConfigError, FailOn, Loader, Origin, nearest};
use crate::document::{Document, Format};
use crate::finding::{Finding, Severity};
use crate::input::{self, Input, InputError, InputOptions, Loaded};
use crate::report::{
    Diagnostic, EXCERPT_CONTEXT_BYTES, FileError, FileReport, MAX_EXCERPT_LINE_BYTES,
    MAX_EXCERPT_LINES, RelatedLocation, Report, RuleMeta,
};
use crate::rules::{self, BUILTIN, Context, CorpusDoc, Family, Rule};
use crate::suppress;

/// Name of the rule that reports suppression comments that suppress nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// A rule ready to run.
pub struct ActiveRule {
    /// Shared: every file's outcome names the rules that ran on it.
    pub meta: Arc<RuleMeta>,
    pub rule: Box<dyn Rule>,
}

/// The rules one configuration runs.
pub struct Engine {
    pub config: Config,
    /// Sorted by name.
    pub rules: Vec<ActiveRule>,
    /// Every rule the configuration knows, enabled or not, with its state
    /// (`copydesk rules`).
    pub catalogue: Vec<(RuleMeta, bool)>,
}

impl Engine {
    /// Builds the rules a configuration enables. Unknown rule names, invalid
    /// options and invalid user rules are errors with their place.
    pub fn new(config: Config) -> Result<Engine, ConfigError> {
        let mut user = Vec::new();
        for entry in &config.user_rules {
            user.push(rules::user::compile(entry)?);
        }
        let mut known: Vec<&str> = BUILTIN.iter().map(|r| r.name).collect();
        known.extend(user.iter().map(|u| u.name.as_str()));
        for (name, rc) in &config.rules {
            if !known.contains(&name.as_str()) {
                let msg = format!("unknown rule `{name}`");
                let sug = nearest(name, known.iter().copied());
                return Err(match &rc.origin {
                    Some(o) => o.error(msg, sug),
                    None => cli_error(msg, sug),
                });
            }
        }
        for (flag, names) in [
            ("--select", &config.select),
            ("--ignore", &config.cli_ignore),
        ] {
            for name in names {
                if !known.contains(&name.as_str()) {
                    return Err(cli_error(
                        format!("unknown rule `{name}` in {flag}"),
                        nearest(name, known.iter().copied()),
                    ));
                }
            }
        }
        let ctx = BuildContext { config: &config };
        let mut active = Vec::new();
        let mut catalogue = Vec::new();
        for info in BUILTIN {
            let rc = config.rules.get(info.name);
            let enabled = rule_enabled(
                &config,
                info.name,
                rc.and_then(|r| r.enabled),
                info.default_enabled,
            );
            let severity = rc.and_then(|r| r.severity).unwrap_or(info.default_severity);
            let meta = RuleMeta {
                name: info.name.to_string(),
                family: info.family,
                severity,
                summary: info.summary.to_string(),
                doc: rules::doc_text(info.doc),
            };
            catalogue.push((meta.clone(), enabled));
            if !enabled {
                continue;
            }
            let empty = toml::Table::new();
            let options = rc.map_or(&empty, |r| &r.options);
            let rule = (info.build)(options, &ctx).map_err(|e| {
                let origin = e
                    .key
                    .as_ref()
                    .and_then(|k| rc.and_then(|r| r.option_origins.get(k)))
                    .or_else(|| rc.and_then(|r| r.option_origins.values().next()))
                    .or_else(|| rc.and_then(|r| r.origin.as_ref()))
                    .or(config.structure_origin.as_ref());
                let msg = format!("rule `{}`: {}", info.name, e.message);
                match origin {
                    Some(o) => o.error_at_key(e.key.as_deref(), msg, None),
                    None => cli_error(msg, None),
                }
            })?;
            active.push(ActiveRule {
                meta: Arc::new(meta),
                rule,
            });
        }
        for u in user {
            let rc = config.rules.get(&u.name);
            if let Some(rc) = rc
                && let Some((key, o)) = rc.option_origins.iter().next()
            {
                return Err(o.error_at_key(
                    Some(key),
                    format!(
                        "rule `{}` is a user-written rule and has no options: change its [[rule]] table instead",
                        u.name
                    ),
                    None,
                ));
            }
            let enabled = rule_enabled(&config, &u.name, rc.and_then(|r| r.enabled), true);
            let meta = RuleMeta {
                name: u.name.clone(),
                family: Family::Style,
                severity: rc.and_then(|r| r.severity).unwrap_or(u.severity),
                summary: u.summary.clone(),
                doc: u.doc.clone(),
            };
            catalogue.push((meta.clone(), enabled));
            if enabled {
                active.push(ActiveRule {
                    meta: Arc::new(meta),
                    rule: u.rule,
                });
            }
        }
        active.sort_by(|a, b| a.meta.name.cmp(&b.meta.name));
        catalogue.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        Ok(Engine {
            config,
            rules: active,
            catalogue,
        })
    }

    pub fn fail_on(&self) -> FailOn {
        self.config.fail_on.unwrap_or(FailOn::Error)
    }

    /// Runs every active rule on a document; findings come back suppressed,
    /// filtered by `[[ignore]]`, sorted and free of duplicates.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let mut out = Vec::new();
        for r in &self.rules {
            if r.meta.name == UNUSED_SUPPRESSION || self.config.ignored(&doc.path, &r.meta.name) {
                continue;
            }
            let ctx = Context {
                name: &r.meta.name,
                severity: r.meta.severity,
            };
            let before = out.len();
            r.rule.check(doc, &ctx, &mut out);
            // A rule reports under its own name.
            for f in &mut out[before..] {
                if f.rule != r.meta.name {
                    f.rule = r.meta.name.clone();
                }
            }
        }
        let directives = suppress::directives(doc);
        let used = suppress::apply(doc, &directives, &mut out);
        if let Some(r) = self
            .rules
            .iter()
            .find(|r| r.meta.name == UNUSED_SUPPRESSION)
            && !self.config.ignored(&doc.path, UNUSED_SUPPRESSION)
        {
            self.unused_suppressions(doc, &directives, &used, r.meta.severity, &mut out);
        }
        sort_findings(&mut out);
        out
    }

    fn unused_suppressions(
        &self,
        doc: &Document,
        directives: &[suppress::Directive],
        used: &[bool],
        severity: Severity,
        out: &mut Vec<Finding>,
    ) {
        let known: Vec<&str> = self
            .catalogue
            .iter()
            .map(|(m, _)| m.name.as_str())
            .collect();
        for (d, &was_used) in directives.iter().zip(used) {
            let text = doc.source.slice(d.span).trim();
            for r in &d.rules {
                if !known.contains(&r.as_str()) {
                    let mut f = Finding::new(
                        UNUSED_SUPPRESSION,
                        severity,
                        d.span,
                        format!("suppression comment names an unknown rule `{r}`"),
                    );
                    if let Some(s) = nearest(r, known.iter().copied()) {
                        f = f.with_help(format!("did you mean `{s}`?"));
                    }
                    out.push(f);
                }
            }
            // A comment about rules that did not run (`--select`, disabled)
            // cannot be judged.
            let judged = d.rules.is_empty()
                || d.rules
                    .iter()
                    .any(|r| self.rules.iter().any(|a| &a.meta.name == r));
            if !was_used && judged && d.kind != suppress::DirectiveKind::Enable {
                out.push(
                    Finding::new(
                        UNUSED_SUPPRESSION,
                        severity,
                        d.span,
                        format!("{} suppresses nothing", crate::finding::quote(text, 80)),
                    )
                    .with_fix(
                        "remove the comment",
                        vec![crate::finding::Edit {
                            span: d.span,
                            replacement: String::new(),
                        }],
                    ),
                );
            }
        }
    }
}

/// Whether `config` runs rule `name`, given what the files say of it and its
/// default.
pub fn rule_enabled(config: &Config, name: &str, configured: Option<bool>, default: bool) -> bool {
    if config.cli_ignore.iter().any(|s| s == name) {
        return false;
    }
    if !config.select.is_empty() {
        // --select runs exactly the named rules, whatever the files say.
        return config.select.iter().any(|s| s == name);
    }
    configured.unwrap_or(default)
}

fn cli_error(message: String, suggestion: Option<String>) -> ConfigError {
    ConfigError {
        file: "<command line>".into(),
        line: 0,
        column: 0,
        message,
        suggestion,
    }
}

/// Sorts findings by position, rule and message, dropping exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    findings.dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
}

/// Resolves a finding into a diagnostic: lines, columns, section path and
/// the source lines it covers.
pub fn resolve(
    doc: &Document,
    f: Finding,
    other: &dyn Fn(&str) -> Option<Arc<Document>>,
) -> Diagnostic {
    let src = &doc.source;
    let start = src.line_col(f.span.start);
    let end = src.line_col(f.span.end);
    let section = doc
        .section_path(doc.section_at(f.span.start))
        .into_iter()
        .map(str::to_string)
        .collect();
    let last = end
        .line
        .min(start.line + MAX_EXCERPT_LINES - 1)
        .min(src.line_count());
    // Each line whole, or, when it is very long (a whole file on one line),
    // the part around the finding: every finding holding a copy of a
    // megabyte line would make memory grow with findings × line length.
    let (excerpt, excerpt_cut): (Vec<String>, Vec<usize>) = (start.line..=last.max(start.line))
        .filter(|&l| l >= 1 && l <= src.line_count())
        .map(|l| {
            let line = src.line_span(l - 1);
            if line.len() <= MAX_EXCERPT_LINE_BYTES {
                return (src.slice(line).to_string(), 0);
            }
            let text = src.text();
            let floor = |mut i: usize| {
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let from = floor(
                f.span
                    .start
                    .clamp(line.start, line.end)
                    .saturating_sub(EXCERPT_CONTEXT_BYTES)
                    .max(line.start),
            );
            let to = floor(
                (f.span.end.clamp(line.start, line.end) + EXCERPT_CONTEXT_BYTES)
                    .min(from + MAX_EXCERPT_LINE_BYTES)
                    .min(line.end),
            );
            let cut = src.line_col(from).column - 1;
            (text[from..to.max(from)].to_string(), cut)
        })
        .unzip();
    let related = f
        .related
        .into_iter()
        .map(|r| {
            let (path, s, e) = match &r.path {
                None => (
                    doc.path.clone(),
                    src.line_col(r.span.start),
                    src.line_col(r.span.end),
                ),
                Some(p) => match other(p) {
                    Some(d) => (
                        p.clone(),
                        d.source.line_col(r.span.start),
                        d.source.line_col(r.span.end),
                    ),
                    None => (
                        p.clone(),
                        crate::source::LineCol { line: 0, column: 0 },
                        crate::source::LineCol { line: 0, column: 0 },
                    ),
                },
            };
            RelatedLocation {
                path,
                span: r.span,
                start: s,
                end: e,
                message: r.message,
            }
        })
        .collect();
    Diagnostic {
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        span: f.span,
        start,
        end,
        section,
        related,
        fix: f.fix,
        confidence: f.confidence,
        help: f.help,
        excerpt,
        excerpt_cut,
    }
}

/// How to run a check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Also compare documents with each other (`--across`).
    pub across: bool,
    /// Read every file as this format.
    pub format: Option<Format>,
    /// Show a progress bar on standard error (the CLI sets it only for a
    /// terminal outside CI).
    pub progress: bool,
}

/// Fewest files for which a run shows a progress bar.
const PROGRESS_MIN_FILES: usize = 50;

/// An engine (or why it could not be built), shared by the files it checks.
type SharedEngine = Arc<Result<Engine, ConfigError>>;

/// A document kept for `--across`, with each rule's corpus data.
type Kept = (Arc<Document>, Vec<Option<rules::CorpusData>>);

/// Engines by (project file, format), built once each.
struct Engines<'a> {
    loader: &'a Loader,
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    built: Mutex<BTreeMap<(Option<PathBuf>, Format), SharedEngine>>,
}

impl Engines<'_> {
    fn get(&self, path: Option<&Path>, format: Format) -> SharedEngine {
        let project = match &self.loader.explicit {
            Some(p) => Some(p.clone()),
            None => {
                let dir = path
                    .and_then(Path::parent)
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from("."));
                let mut cache = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
                cache
                    .entry(dir.clone())
                    .or_insert_with(|| crate::config::find_project_file(&dir))
                    .clone()
            }
        };
        let key = (project.clone(), format);
        if let Some(e) = self
            .built
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return e.clone();
        }
        let engine = Arc::new(
            self.loader
                .load(project.as_deref(), format)
                .and_then(Engine::new),
        );
        self.built
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_insert(engine)
            .clone()
    }
}

/// One file's outcome before reports are assembled.
struct Checked {
    report: FileReport,
    /// For `--across`: the document and its corpus data per rule.
    kept: Option<Kept>,
    config_error: Option<ConfigError>,
    rules_ran: Vec<Arc<RuleMeta>>,
}

/// Checks the files under `paths` and assembles the report.
pub fn run(paths: &[String], loader: &Loader, opts: &CheckOptions) -> Report {
    let engines = Engines {
        loader,
        by_dir: Mutex::new(HashMap::new()),
        built: Mutex::new(BTreeMap::new()),
    };
    // The configuration where the command runs says what to read and, with
    // --across, which rules compare documents.
    let base = engines.get(Some(Path::new("./x")), Format::Markdown);
    let mut config_errors = Vec::new();
    let mut input_opts = InputOptions {
        format: opts.format,
        ..InputOptions::default()
    };
    match &*base {
        Ok(e) => {
            if let Some(ext) = &e.config.input.extensions {
                input_opts.extensions = ext.clone();
            }
            if let Some(m) = e.config.input.max_file_size {
                input_opts.max_file_size = m;
            }
            if let Some(m) = e.config.input.max_nesting {
                input_opts.parse.max_nesting = m;
            }
        }
        Err(e) => config_errors.push(e.clone()),
    }
    let (inputs, discover_errors) = input::discover(paths, &input_opts);
    // A progress bar only for long runs (many files).
    let bar = (opts.progress && inputs.len() >= PROGRESS_MIN_FILES).then(|| {
        let b = indicatif::ProgressBar::with_draw_target(
            Some(inputs.len() as u64),
            indicatif::ProgressDrawTarget::stderr_with_hz(4),
        );
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} checked {pos}/{len} files {wide_bar} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let checked: Vec<Option<Checked>> = inputs
        .par_iter()
        .map(|i| {
            let c = check_one(
                i,
                &input_opts,
                &engines,
                base.as_ref().as_ref().ok(),
                opts.across,
            );
            if let Some(b) = &bar {
                b.inc(1);
            }
            c
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut files: Vec<FileReport> = discover_errors.iter().map(error_report).collect();
    let mut kept = Vec::new();
    let mut metas: BTreeMap<String, RuleMeta> = BTreeMap::new();
    for c in checked.into_iter().flatten() {
        if let Some(e) = c.config_error
            && !config_errors.contains(&e)
        {
            config_errors.push(e);
        }
        for m in c.rules_ran {
            metas
                .entry(m.name.clone())
                .or_insert_with(|| RuleMeta::clone(&m));
        }
        if let Some(k) = c.kept {
            kept.push((files.len(), k));
        }
        files.push(c.report);
    }
    if opts.across
        && let Ok(engine) = &*base
    {
        across(engine, &kept, &mut files);
    }
    let fail_on = match &*base {
        Ok(e) => e.fail_on(),
        Err(_) => loader.cli.fail_on.unwrap_or(FailOn::Error),
    };
    Report {
        files,
        config_errors,
        rules: metas.into_values().collect(),
        fail_on,
    }
}

fn error_report(e: &InputError) -> FileReport {
    FileReport {
        path: e.path.clone(),
        format: None,
        findings: Vec::new(),
        error: Some(FileError {
            message: e.to_string(),
            offset: e.offset(),
            line: None,
            column: None,
        }),
    }
}

fn check_one(
    input: &Input,
    opts: &InputOptions,
    engines: &Engines<'_>,
    base: Option<&Engine>,
    across: bool,
) -> Option<Checked> {
    let doc = match input::load(input, opts) {
        Ok(Loaded::Document(d)) => d,
        Ok(Loaded::Skipped) => return None,
        Err(e) => {
            let mut report = error_report(&e);
            if let (Some(off), crate::input::Origin::File(p)) = (e.offset(), &input.origin) {
                // Give the line and column of a decoding error too.
                if let Ok(bytes) = std::fs::read(p) {
                    let prefix =
                        String::from_utf8_lossy(&bytes[..off.min(bytes.len())]).into_owned();
                    let lc = crate::source::Source::new(prefix.clone()).line_col(prefix.len());
                    if let Some(err) = report.error.as_mut() {
                        err.line = Some(lc.line);
                        err.column = Some(lc.column);
                    }
                }
            }
            return Some(Checked {
                report,
                kept: None,
                config_error: None,
                rules_ran: Vec::new(),
            });
        }
    };
    let path = match &input.origin {
        crate::input::Origin::File(p) => Some(p.as_path()),
        crate::input::Origin::Stdin => None,
    };
    let engine = engines.get(path, doc.format);
    let engine = match &*engine {
        Ok(e) => e,
        Err(e) => {
            return Some(Checked {
                report: FileReport {
                    path: doc.path.clone(),
                    format: Some(doc.format),
                    findings: Vec::new(),
                    error: Some(FileError {
                        message: format!("not checked: configuration error in {}", e.file),
                        offset: None,
                        line: None,
                        column: None,
                    }),
                },
                kept: None,
                config_error: Some(e.clone()),
                rules_ran: Vec::new(),
            });
        }
    };
    let findings = engine.check(&doc);
    let no_other = |_: &str| None;
    let diagnostics = findings
        .into_iter()
        .map(|f| resolve(&doc, f, &no_other))
        .collect();
    let rules_ran = engine.rules.iter().map(|r| Arc::clone(&r.meta)).collect();
    let report = FileReport {
        path: doc.path.clone(),
        format: Some(doc.format),
        findings: diagnostics,
        error: None,
    };
    let kept = match (across, base) {
        (true, Some(b)) => {
            let data = b.rules.iter().map(|r| r.rule.corpus_data(&doc)).collect();
            Some((Arc::from(doc), data))
        }
        _ => None,
    };
    Some(Checked {
        report,
        kept,
        config_error: None,
        rules_ran,
    })
}

/// Runs the cross-document checks and adds their findings to the reports.
fn across(engine: &Engine, kept: &[(usize, Kept)], files: &mut [FileReport]) {
    let by_path: HashMap<&str, &Arc<Document>> = kept
        .iter()
        .map(|(_, (d, _))| (d.path.as_str(), d))
        .collect();
    let other = |p: &str| by_path.get(p).map(|d| Arc::clone(d));
    for (ri, r) in engine.rules.iter().enumerate() {
        let docs: Vec<CorpusDoc<'_>> = kept
            .iter()
            .enumerate()
            .filter_map(|(k, (_, (d, data)))| {
                data[ri].as_deref().map(|data| CorpusDoc {
                    index: k,
                    path: &d.path,
                    data,
                })
            })
            .collect();
        if docs.is_empty() {
            continue;
        }
        let ctx = Context {
            name: &r.meta.name,
            severity: r.meta.severity,
        };
        let mut out = Vec::new();
        r.rule.check_corpus(&docs, &ctx, &mut out);
        let mut per_doc: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
        for (k, mut f) in out {
            f.rule = r.meta.name.clone();
            per_doc.entry(k).or_default().push(f);
        }
        for (k, mut fs) in per_doc {
            let (fi, (doc, _)) = &kept[k];
            if engine.config.ignored(&doc.path, &r.meta.name) {
                continue;
            }
            let directives = suppress::directives(doc);
            suppress::apply(doc, &directives, &mut fs);
            for f in fs {
                files[*fi].findings.push(resolve(doc, f, &other));
            }
        }
    }
    for f in files.iter_mut() {
        f.findings.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
                b.span.start,
                b.span.end,
                &b.rule,
                &b.message,
            ))
        });
        f.findings
            .dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
    }
}

/// Where a configuration setting came from, for messages.
pub fn describe_origin(o: &Origin) -> String {
    let lc = o.file.source.line_col(o.span.start);
    format!("{}:{}:{}", o.file.display, lc.line, lc.column)
}
