//! The command line: argument parsing and the commands. `main.rs` only calls
//! [`main`] and exits with the code it returns.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::document::{Document, Format};
use crate::input::{self, Input, InputError, InputOptions, Loaded};
use crate::outline;

/// Exit code: nothing reached the fail level.
pub const EXIT_OK: u8 = 0;
/// Exit code: a finding reached the fail level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: a usage, configuration or input error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(name = "copydesk", version, about = "A copy desk at machine speed: outline articles and policy drafts, and flag what an editor would flag.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads (default: one a core).
    #[arg(long, short = 'j', global = true)]
    pub threads: Option<usize>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the outline of each file: title, metadata, sections, blocks, sentences.
    Outline(OutlineArgs),
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
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let code = match cli.command {
        Command::Outline(args) => run_outline(args),
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
            let mut s = if docs.len() == 1 && args.input.paths.len() == 1 && !is_dir_arg(&args.input.paths[0]) {
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
                s.push_str(&serde_json::to_string(&outline::to_json(d)).expect("outline serialises"));
                s.push('\n');
            }
            s
        }
        OutlineFormat::Markdown => docs.iter().map(outline::to_markdown).collect::<Vec<_>>().join("\n"),
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
    match output {
        Some(path) => write_atomic(path, bytes).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|_| out.flush()) {
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
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
