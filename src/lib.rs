//! copydesk: a copy desk at machine speed.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! ```text
//! source    read bytes, decode, line index           (source.rs)
//! parse     Markdown and plain text -> Document       (parse/)
//! document  the outline model                         (document.rs)
//! ```

pub mod document;
pub mod parse;
pub mod source;
