//! The command line: argument parsing and the commands. `main.rs` only calls
//! [`main`] and exits with the code it returns.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::check::{self, CheckOptions, Engine};
use crate::config::{CliOverrides, ConfigError, Loader};
use crate::document::{Document, Format};
use crate::input::{self, Input, InputError, InputOptions, Loaded};
use crate::outline;
use crate::report;

/// Exit code: nothing reached the fail level.
pub const EXIT_OK: u8 = 0;
/// Exit code: a finding reached the fail level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: a usage, configuration or input error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "copydesk",
    version,
    about = "A copy desk at machine speed: outline articles and policy drafts, and flag what an editor would flag."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads (default: one a core).
    #[arg(long, short = 'j', global = true)]
    pub threads: Option<usize>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check files against the configured rules and report findings.
    Check(CheckArgs),
    /// Print the outline of each file: title, metadata, sections, blocks, sentences.
    Outline(OutlineArgs),
    /// List the rules with their state under the current configuration.
    Rules(RulesArgs),
    /// Explain a rule: what it looks for, why, and how to satisfy it.
    Explain(ExplainArgs),
    /// Write a commented starter copydesk.toml.
    Init(InitArgs),
    /// Print a JSON Schema: of the configuration file or of the JSON report.
    Schema(SchemaArgs),
}

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the nearest copydesk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Apply this profile (a shipped profile's name or a path).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Run only these rules (comma-separated; repeatable).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated; repeatable).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The lowest severity that fails the run (exit code 1).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<crate::config::FailOn>,
    /// Also find repeats between files (boilerplate copied from one to another).
    #[arg(long)]
    pub across: bool,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    /// rustc-style diagnostics with excerpts (colour on a terminal).
    Human,
    /// One JSON document (see `copydesk schema report`).
    Json,
    /// One JSON object a line.
    Jsonl,
    /// A Markdown report for pull-request comments.
    Markdown,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Show the configuration that applies to this kind of file.
    #[arg(long, value_enum, default_value_t = InputFormat::Markdown)]
    pub input_format: InputFormat,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The rule's name.
    pub rule: String,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Where to write it.
    #[arg(default_value = "copydesk.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum)]
    pub which: SchemaKind,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum SchemaKind {
    /// The configuration file (copydesk.toml).
    Config,
    /// The JSON report of `check --format json`.
    Report,
}

#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories to read (`-` for standard input).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Read every file as this format instead of choosing by extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum InputFormat {
    Markdown,
    Text,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Text => Format::Text,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct OutlineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutlineFormat::Json)]
    pub format: OutlineFormat,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OutlineFormat {
    /// One JSON object, or an array of them for several files.
    Json,
    /// One JSON object a line.
    Jsonl,
    /// A readable, indented outline.
    Markdown,
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Some(n) = cli.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let code = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Outline(args) => run_outline(args),
        Command::Rules(args) => run_rules(args),
        Command::Explain(args) => run_explain(args),
        Command::Init(args) => run_init(args),
        Command::Schema(args) => run_schema(args),
    };
    ExitCode::from(code)
}

/// Reads inputs in parallel, keeping their order. Errors are returned next to
/// the documents so that one bad file never stops the others.
pub fn load_all(paths: &[String], opts: &InputOptions) -> Vec<Result<Document, InputError>> {
    let (inputs, mut errors) = input::discover(paths, opts);
    let loaded: Vec<Option<Result<Document, InputError>>> = inputs
        .par_iter()
        .map(|i: &Input| match input::load(i, opts) {
            Ok(Loaded::Document(d)) => Some(Ok(*d)),
            Ok(Loaded::Skipped) => None,
            Err(e) => Some(Err(e)),
        })
        .collect();
    let mut out: Vec<Result<Document, InputError>> = errors.drain(..).map(Err).collect();
    out.extend(loaded.into_iter().flatten());
    out
}

fn input_options(args: &InputArgs) -> InputOptions {
    InputOptions {
        format: args.input_format.map(Format::from),
        ..InputOptions::default()
    }
}

fn run_outline(args: OutlineArgs) -> u8 {
    let opts = input_options(&args.input);
    let results = load_all(&args.input.paths, &opts);
    let mut failed = false;
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
            }
        }
    }
    let text = match args.format {
        OutlineFormat::Json => {
            let mut s = if docs.len() == 1
                && args.input.paths.len() == 1
                && !is_dir_arg(&args.input.paths[0])
            {
                serde_json::to_string_pretty(&outline::to_json(&docs[0]))
            } else {
                let all: Vec<_> = docs.iter().map(outline::to_json).collect();
                serde_json::to_string_pretty(&all)
            }
            .expect("outline serialises");
            s.push('\n');
            s
        }
        OutlineFormat::Jsonl => {
            let mut s = String::new();
            for d in &docs {
                s.push_str(
                    &serde_json::to_string(&outline::to_json(d)).expect("outline serialises"),
                );
                s.push('\n');
            }
            s
        }
        OutlineFormat::Markdown => docs
            .iter()
            .map(outline::to_markdown)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if let Err(e) = emit(args.output.as_deref(), text.as_bytes()) {
        eprintln!("error: {e}");
        return EXIT_ERROR;
    }
    if failed { EXIT_ERROR } else { EXIT_OK }
}

fn is_dir_arg(p: &str) -> bool {
    p != "-" && Path::new(p).is_dir()
}

/// Writes output to a file atomically (a temporary file in the same
/// directory, then a rename), or to standard output.
pub fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    emit_with(output, |w| w.write_all(bytes))
}

/// Like [`emit`], with the output written by `write` as it is produced (a
/// large report is never held whole in memory as text).
pub fn emit_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    match output {
        Some(path) => {
            write_atomic_with(path, write).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match write(&mut out).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`copydesk ... | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("standard output: {e}")),
            }
        }
    }
}

/// Writes a file so that readers see either the old content or the whole new
/// content, never a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`], with the content written by `write`.
fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
    write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn loader(args: &ConfigArgs, fail_on: Option<crate::config::FailOn>) -> Loader {
    Loader {
        explicit: args.config.clone(),
        cli: CliOverrides {
            profile: args.profile.clone(),
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            fail_on,
        },
    }
}

fn run_check(args: CheckArgs) -> u8 {
    let loader = loader(&args.config, args.fail_on);
    if let Some(p) = &args.config.config
        && !p.is_file()
    {
        eprintln!("error: {}: configuration file not found", p.display());
        return EXIT_ERROR;
    }
    let opts = CheckOptions {
        across: args.across,
        format: args.input.input_format.map(Format::from),
        progress: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
    };
    let report = check::run(&args.input.paths, &loader, &opts);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if args.format == ReportFormat::Github
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty())
        && let Err(e) = append(
            Path::new(&summary),
            report::markdown::render(&report).as_bytes(),
        )
    {
        eprintln!("warning: cannot write $GITHUB_STEP_SUMMARY: {e}");
    }
    // Errors go to standard error too, whatever the format, so that a human
    // running a machine format still sees them.
    if args.format != ReportFormat::Human || args.output.is_some() {
        for e in &report.config_errors {
            eprintln!("error: {e}");
        }
        for f in &report.files {
            if let Some(e) = &f.error {
                eprintln!("error: {}", e.message);
            }
        }
    }
    let output = args.output.as_deref();
    let written = match args.format {
        // Streamed: the JSON of a large run is the biggest output.
        ReportFormat::Json => emit_with(output, |w| report::json::write(&report, w)),
        ReportFormat::Human => emit(output, report::human::render(&report, color).as_bytes()),
        ReportFormat::Jsonl => emit(output, report::json::render_lines(&report).as_bytes()),
        ReportFormat::Markdown => emit(output, report::markdown::render(&report).as_bytes()),
        ReportFormat::Sarif => emit(output, report::sarif::render(&report).as_bytes()),
        ReportFormat::Github => emit(output, report::github::render(&report).as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return EXIT_ERROR;
    }
    report.exit_code()
}

fn append(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(bytes)
}

fn engine_for(args: &ConfigArgs, format: Format) -> Result<Engine, ConfigError> {
    let loader = loader(args, None);
    let config = match &args.config {
        Some(p) => loader.load(Some(p), format)?,
        None => loader.load_for(Some(Path::new("./x")), format)?,
    };
    Engine::new(config)
}

fn run_rules(args: RulesArgs) -> u8 {
    let engine = match engine_for(&args.config, args.input_format.into()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let text = match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = engine
                .catalogue
                .iter()
                .map(|(m, on)| {
                    serde_json::json!({
                        "name": m.name, "family": m.family, "severity": m.severity,
                        "enabled": on, "summary": m.summary,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&rows).expect("serialises");
            s.push('\n');
            s
        }
        ListFormat::Text => {
            let width = engine
                .catalogue
                .iter()
                .map(|(m, _)| m.name.len())
                .max()
                .unwrap_or(0);
            let mut s = String::new();
            for (m, on) in &engine.catalogue {
                s.push_str(&format!(
                    "{:<width$}  {:<3}  {:<7}  {:<9}  {}\n",
                    m.name,
                    if *on { "on" } else { "off" },
                    m.severity.as_str(),
                    m.family.as_str(),
                    m.summary,
                ));
            }
            if let Some(p) = &engine.config.profile {
                s.push_str(&format!("\nprofile: {p}\n"));
            }
            if let Some(p) = &engine.config.project_file {
                s.push_str(&format!("configuration: {}\n", p.display()));
            }
            s
        }
    };
    match emit(None, text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

fn run_explain(args: ExplainArgs) -> u8 {
    let engine = match engine_for(&args.config, Format::Markdown) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let Some((meta, on)) = engine.catalogue.iter().find(|(m, _)| m.name == args.rule) else {
        let sug = crate::config::nearest(
            &args.rule,
            engine.catalogue.iter().map(|(m, _)| m.name.as_str()),
        );
        match sug {
            Some(s) => eprintln!("error: unknown rule `{}` (did you mean `{s}`?)", args.rule),
            None => eprintln!(
                "error: unknown rule `{}` (`copydesk rules` lists them)",
                args.rule
            ),
        }
        return EXIT_ERROR;
    };
    let mut s = format!(
        "{} ({}, {}, {})\n\n{}\n\n{}\n",
        meta.name,
        meta.family.as_str(),
        meta.severity.as_str(),
        if *on { "enabled" } else { "disabled" },
        meta.summary,
        meta.doc
    );
    if let Some(rc) = engine.config.rules.get(&meta.name)
        && !rc.options.is_empty()
    {
        s.push_str(&format!(
            "\nConfigured options:\n{}",
            toml::to_string(&rc.options).unwrap_or_default()
        ));
    }
    match emit(None, s.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

fn run_init(args: InitArgs) -> u8 {
    if args.path.exists() && !args.force {
        eprintln!(
            "error: {} already exists (use --force to overwrite it)",
            args.path.display()
        );
        return EXIT_ERROR;
    }
    match write_atomic(&args.path, crate::config::STARTER.as_bytes()) {
        Ok(()) => {
            eprintln!("wrote {}", args.path.display());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {}: {e}", args.path.display());
            EXIT_ERROR
        }
    }
}

fn run_schema(args: SchemaArgs) -> u8 {
    let schema = match args.which {
        SchemaKind::Config => crate::config::schema::config_schema(),
        SchemaKind::Report => report::json::schema(),
    };
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serialises");
    s.push('\n');
    match emit(None, s.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}
