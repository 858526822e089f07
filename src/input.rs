//! Finding the files to read and reading them into documents.
//!
//! Paths may be files, directories (walked recursively with the `ignore`
//! crate: `.gitignore`, `.ignore` and hidden files are honoured, binary files
//! skipped, only the configured extensions kept) or `-` for standard input.
//! Files are listed in a stable order: the paths in the order given, each
//! directory's files sorted by path, so reports do not depend on the file
//! system's order or on thread scheduling.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::{Document, Format};
use crate::source::{DecodeError, Source};

/// Extensions read when walking a directory.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Default largest file read, in bytes (64 MiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Read every file as this format instead of choosing by extension.
    pub format: Option<Format>,
    /// Extensions (without the dot) kept when walking directories.
    pub extensions: Vec<String>,
    /// Files larger than this are an error.
    pub max_file_size: u64,
    /// Parser limits.
    pub parse: crate::parse::ParseOptions,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            format: None,
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            parse: crate::parse::ParseOptions::default(),
        }
    }
}

/// Where an input's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Stdin,
}

/// A file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as shown in reports (`-` for standard input).
    pub display: String,
    pub origin: Origin,
    pub format: Format,
    /// Named on the command line (rather than found in a directory): a binary
    /// file named explicitly is an error, one found in a walk is skipped.
    pub explicit: bool,
}

/// Why a path could not be read; always names the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub kind: InputErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputErrorKind {
    Io(String),
    Decode(DecodeError),
    NotFound,
}

impl InputError {
    /// The byte offset the error is at, if it has one.
    pub fn offset(&self) -> Option<usize> {
        match &self.kind {
            InputErrorKind::Decode(
                DecodeError::InvalidUtf8 { offset } | DecodeError::Binary { offset },
            ) => Some(*offset),
            _ => None,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            InputErrorKind::Io(e) => write!(f, "{}: {}", self.path, e),
            InputErrorKind::Decode(e) => write!(f, "{}: {}", self.path, e),
            InputErrorKind::NotFound => write!(f, "{}: no such file or directory", self.path),
        }
    }
}

impl std::error::Error for InputError {}

/// The format a path is read as, from its extension: `.txt` and `.text` are
/// plain text, everything else is Markdown.
pub fn format_for(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
    {
        Some(e) if e == "txt" || e == "text" => Format::Text,
        _ => Format::Markdown,
    }
}

/// Expands paths into inputs. Missing paths and unreadable directories are
/// returned as errors next to the inputs that were found.
pub fn discover(paths: &[String], opts: &InputOptions) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == "-" {
            inputs.push(Input {
                display: "-".into(),
                origin: Origin::Stdin,
                format: opts.format.unwrap_or(Format::Markdown),
                explicit: true,
            });
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => errors.push(InputError {
                path: p.clone(),
                kind: InputErrorKind::NotFound,
            }),
            Err(e) => errors.push(InputError {
                path: p.clone(),
                kind: InputErrorKind::Io(e.to_string()),
            }),
            Ok(m) if m.is_dir() => walk(path, opts, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input {
                display: p.clone(),
                origin: Origin::File(path.to_path_buf()),
                format: opts.format.unwrap_or_else(|| format_for(path)),
                explicit: true,
            }),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, opts: &InputOptions, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .ignore(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = e.path();
                let keep = path
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| opts.extensions.iter().any(|k| k.eq_ignore_ascii_case(x)));
                if keep {
                    found.push(path.to_path_buf());
                }
            }
            Err(e) => errors.push(InputError {
                path: error_path(&e).unwrap_or_else(|| dir.display().to_string()),
                kind: InputErrorKind::Io(e.to_string()),
            }),
        }
    }
    found.sort();
    for path in found {
        inputs.push(Input {
            display: path.display().to_string(),
            format: opts.format.unwrap_or_else(|| format_for(&path)),
            origin: Origin::File(path),
            explicit: false,
        });
    }
}

fn error_path(e: &ignore::Error) -> Option<String> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// What reading one input gave.
pub enum Loaded {
    Document(Box<Document>),
    /// A binary file found in a directory walk: skipped, not an error.
    Skipped,
}

/// Reads and parses one input.
pub fn load(input: &Input, opts: &InputOptions) -> Result<Loaded, InputError> {
    let err = |kind| InputError {
        path: input.display.clone(),
        kind,
    };
    let bytes = match &input.origin {
        Origin::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(opts.max_file_size + 1)
                .read_to_end(&mut buf)
                .map_err(|e| err(InputErrorKind::Io(e.to_string())))?;
            buf
        }
        Origin::File(path) => read_file(path, opts.max_file_size).map_err(err)?,
    };
    if bytes.len() as u64 > opts.max_file_size {
        return Err(err(InputErrorKind::Decode(DecodeError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_file_size,
        })));
    }
    match Source::from_bytes(bytes) {
        Ok(source) => Ok(Loaded::Document(Box::new(crate::parse::parse_with(
            input.display.clone(),
            source,
            input.format,
            &opts.parse,
        )))),
        Err(DecodeError::Binary { .. }) if !input.explicit => Ok(Loaded::Skipped),
        Err(e) => Err(err(InputErrorKind::Decode(e))),
    }
}

fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputErrorKind> {
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputErrorKind::NotFound,
        _ => InputErrorKind::Io(e.to_string()),
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(InputErrorKind::Decode(DecodeError::TooLarge {
            size,
            limit,
        }));
    }
    let mut buf = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| InputErrorKind::Io(e.to_string()))?;
    Ok(buf)
}
